package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
	"tuphap/internal/web"
)

// clock is a settable clock shared by the database and the server.
type clock = testrig.Clock

const password = "mật-khẩu-đủ-dài-1"

// fixture is a running server with two tenants, each with an admin and a
// clerk, and a unit.
type fixture struct {
	t       testing.TB
	db      *sqlstore.DB
	srv     *httptest.Server
	clock   *clock
	authSvc *auth.Service
	orgSvc  *org.Service
	a, b    org.Tenant
	unitA   org.Unit
	unitB   org.Unit
}

// newServer is the one server builder of the web tests: a server with its
// services (testrig, wired as cmd/tuphap wires them) and the options mod
// sets. Registers are enabled by the caller (enableJR).
func newServer(t testing.TB, svc *testrig.Services, mod func(*web.Config)) *web.Server {
	t.Helper()
	cfg := web.Config{DB: svc.DB, Org: svc.Org, Auth: svc.Auth, Calendar: svc.Calendar, Dossiers: svc.Dossiers, Catalog: svc.Procs,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: svc.Clock.Now}
	if mod != nil {
		mod(&cfg)
	}
	s, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newServices opens a fresh database of engine e at the clock's time and
// wires its services.
func newServices(t testing.TB, e sqlstore.Engine, at time.Time) *testrig.Services {
	t.Helper()
	clk := testrig.NewClock(at)
	return testrig.New(t, storetest.Open(t, e, sqlstore.Options{Now: clk.Now}), clk)
}

// newFixture builds the fixture; enable turns optional parts (registers) on
// before the server starts.
func newFixture(t testing.TB, e sqlstore.Engine, enable ...func(*web.Server, *sqlstore.DB)) *fixture {
	t.Helper()
	svc := newServices(t, e, time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC))
	s := newServer(t, svc, nil)
	for _, on := range enable {
		on(s, svc.DB)
	}
	db, orgSvc := svc.DB, svc.Org
	f := &fixture{t: t, db: db, clock: svc.Clock, authSvc: svc.Auth, orgSvc: orgSvc}
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	ctx := context.Background()
	mk := func(code, agency string) (org.Tenant, org.Unit) {
		ten, err := orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: code, Name: "Sở Tư pháp " + code, AgencyID: agency, ProvinceCode: "82"})
		if err != nil {
			t.Fatal(err)
		}
		desk, err := orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []org.Officer{
			{Username: "admin", FullName: "Quản trị", Role: org.Admin},
			{Username: "clerk", FullName: "Văn thư Một cửa", Role: org.Clerk, UnitID: desk.ID},
		} {
			o.TenantID = ten.ID
			if _, err := orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		return ten, desk
	}
	f.a, f.unitA = mk("STP-A", "000.00.00.H82")
	f.b, f.unitB = mk("STP-B", "000.00.00.H15")
	return f
}

// browser is a cookie-keeping client that does not follow redirects.
type browser struct {
	f      *fixture
	c      *http.Client
	csrf   string
	origin string
}

func (f *fixture) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{f: f, origin: f.srv.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *browser) get(path string) (int, string) {
	b.f.t.Helper()
	resp, err := b.c.Get(b.origin + path)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if m := csrfRe.FindSubmatch(body); m != nil {
		b.csrf = string(m[1])
	}
	return resp.StatusCode, string(body)
}

func (b *browser) post(path string, form url.Values) (int, string) {
	b.f.t.Helper()
	req, _ := http.NewRequest("POST", b.origin+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.origin)
	resp, err := b.c.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// login signs in and returns the status of the sign-in POST.
func (b *browser) login(tenant, user, pw string) (int, string) {
	b.f.t.Helper()
	b.get("/admin/login")
	return b.post("/admin/login", url.Values{"csrf": {b.csrf}, "tenant": {tenant}, "username": {user}, "password": {pw}, "next": {"/admin/"}})
}

func (b *browser) mustLogin(tenant, user string) {
	b.f.t.Helper()
	if code, body := b.login(tenant, user, password); code != http.StatusSeeOther {
		b.f.t.Fatalf("login %s/%s: %d %s", tenant, user, code, body)
	}
	if code, _ := b.get("/admin/"); code != http.StatusOK { // picks up the session's CSRF token
		b.f.t.Fatalf("dashboard after login: %d", code)
	}
}

func TestSignInAndDashboard(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		b := f.browser()
		if code, _ := b.get("/admin/"); code != http.StatusSeeOther {
			t.Fatalf("anonymous /admin/: %d, want redirect to sign-in", code)
		}
		b.mustLogin("STP-A", "admin")
		code, body := b.get("/admin/")
		if code != 200 || !strings.Contains(body, "Sở Tư pháp STP-A") || !strings.Contains(body, "cán bộ đang hoạt động") {
			t.Fatalf("dashboard: %d\n%s", code, body)
		}
		for _, p := range []string{"/admin/units", "/admin/officers", "/admin/audit", "/admin/audit?verify=1", "/admin/account"} {
			if code, body := b.get(p); code != 200 {
				t.Errorf("%s: %d\n%s", p, code, body)
			}
		}
		if code, _ := b.post("/admin/logout", url.Values{"csrf": {b.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("logout: %d", code)
		}
		if code, _ := b.get("/admin/units"); code != http.StatusSeeOther {
			t.Fatalf("after logout /admin/units: %d, want redirect", code)
		}
	})
}

func TestClerkCannotOpenAdminScreens(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		for _, p := range []string{"/admin/units", "/admin/officers", "/admin/audit", "/admin/units/" + f.unitA.ID} {
			code, body := b.get(p)
			if code != http.StatusForbidden || !strings.Contains(body, "không có quyền") {
				t.Errorf("clerk GET %s: %d, want 403 with a Vietnamese message", p, code)
			}
		}
		code, _ := b.post("/admin/units", url.Values{"csrf": {b.csrf}, "code": {"XX"}, "name": {"Lén tạo"}, "kind": {"division"}})
		if code != http.StatusForbidden {
			t.Fatalf("clerk POST /admin/units: %d, want 403", code)
		}
		if units, _ := f.db.Org().Units(context.Background(), f.a.ID); len(units) != 1 {
			t.Fatalf("clerk created a unit: %d units", len(units))
		}
	})
}

func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		b := f.browser()
		b.mustLogin("STP-B", "admin")
		if code, _ := b.get("/admin/units/" + f.unitA.ID); code != http.StatusNotFound {
			t.Fatalf("tenant B admin opening tenant A's unit: %d, want 404", code)
		}
		code, _ := b.post("/admin/units/"+f.unitA.ID, url.Values{"csrf": {b.csrf}, "code": {"MOTCUA"}, "name": {"Chiếm"}, "kind": {"reception"}, "active": {"1"}})
		if code != http.StatusNotFound {
			t.Fatalf("tenant B admin editing tenant A's unit: %d, want 404", code)
		}
		if u, _ := f.db.Org().Unit(context.Background(), f.a.ID, f.unitA.ID); u.Name != "Bộ phận Một cửa" {
			t.Fatalf("tenant A's unit was changed: %+v", u)
		}
		_, list := b.get("/admin/units")
		if strings.Contains(list, f.unitA.ID) || !strings.Contains(list, f.unitB.ID) {
			t.Fatal("tenant B's unit list shows tenant A's unit or misses its own")
		}
		// The same through the API with a bearer token of tenant B.
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-B", "admin", "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		if code, _ := api(t, f, "GET", "/api/v1/units/"+f.unitA.ID, tok, ""); code != http.StatusNotFound {
			t.Fatalf("API: tenant B reading tenant A's unit: %d, want 404", code)
		}
		// A token whose tenant part is edited to tenant A's ID does not work.
		forged := strings.Replace(tok, f.b.ID, f.a.ID, 1)
		if code, _ := api(t, f, "GET", "/api/v1/units", forged, ""); code != http.StatusUnauthorized {
			t.Fatalf("API with a forged tenant: %d, want 401", code)
		}
	})
}

func TestCSRFRequired(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		b := f.browser()
		// The sign-in form itself needs its token.
		b.get("/admin/login")
		if code, _ := b.post("/admin/login", url.Values{"tenant": {"STP-A"}, "username": {"admin"}, "password": {password}}); code != http.StatusForbidden {
			t.Fatalf("sign-in without CSRF token: %d, want 403", code)
		}
		b.mustLogin("STP-A", "admin")
		form := url.Values{"code": {"HCTP"}, "name": {"Phòng Hành chính tư pháp"}, "kind": {"division"}}
		if code, body := b.post("/admin/units", form); code != http.StatusForbidden || !strings.Contains(body, "chống giả mạo") {
			t.Fatalf("form without CSRF token: %d, want 403", code)
		}
		form.Set("csrf", "sai")
		if code, _ := b.post("/admin/units", form); code != http.StatusForbidden {
			t.Fatalf("form with a wrong CSRF token: %d, want 403", code)
		}
		// A cross-site request is refused even with the token.
		form.Set("csrf", b.csrf)
		b.origin = f.srv.URL
		req, _ := http.NewRequest("POST", f.srv.URL+"/admin/units", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-site POST: %d, want 403", resp.StatusCode)
		}
		if code, _ := b.post("/admin/units", form); code != http.StatusSeeOther {
			t.Fatalf("form with the right CSRF token: %d, want 303", code)
		}
	})
}

func TestLockoutAfterFiveWrongPasswords(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		// The officer's own browser signed in before: a known device.
		own := f.browser()
		own.mustLogin("STP-A", "admin")
		if code, _ := own.post("/admin/logout", url.Values{"csrf": {own.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("logout: %d", code)
		}
		b := f.browser()
		var wrong string
		for i := range auth.MaxFailedLogins {
			code, body := b.login("STP-A", "admin", "sai-mat-khau-123")
			if code != http.StatusUnauthorized {
				t.Fatalf("wrong password #%d: %d, want 401\n%s", i+1, code, body)
			}
			wrong = loginError(body)
		}
		// Issue 12 §13: a locked account answers exactly like a wrong
		// password, and like an unknown username.
		code, body := b.login("STP-A", "admin", password)
		if code != http.StatusUnauthorized || loginError(body) != wrong {
			t.Fatalf("right password while locked: %d %q, want 401 %q", code, loginError(body), wrong)
		}
		if code, body := f.browser().login("STP-A", "khong-ton-tai", "sai-mat-khau-123"); code != http.StatusUnauthorized || loginError(body) != wrong {
			t.Fatalf("unknown username: %d %q", code, loginError(body))
		}
		// Issue 12 §6: the lock does not keep the officer out of the
		// device used before.
		if code, body := own.login("STP-A", "admin", password); code != http.StatusSeeOther {
			t.Fatalf("right password from a known device while locked: %d\n%s", code, loginError(body))
		}
		if code, _ := b.login("STP-A", "admin", "sai-mat-khau-123"); code != http.StatusUnauthorized {
			t.Fatal("wrong password after the unlock")
		}
		// Another account is not affected.
		if code, _ := f.browser().login("STP-A", "clerk", password); code != http.StatusSeeOther {
			t.Fatalf("other account: %d", code)
		}
		if code, _ := b.login("STP-A", "admin", password); code != http.StatusSeeOther {
			t.Fatalf("right password after the unlock: %d, want 303", code)
		}
		// Every attempt is audited.
		entries, err := f.db.Audit().AuditLog(context.Background(), f.a.ID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		failed := 0
		for _, e := range entries {
			if e.Action == "auth.login_failed" {
				failed++
			}
		}
		// Five wrong passwords, the locked attempt, the unknown username and
		// the wrong password after the unlock.
		if failed != auth.MaxFailedLogins+3 {
			t.Fatalf("audited failed sign-ins = %d, want %d", failed, auth.MaxFailedLogins+3)
		}
	})
}

func TestTOTPSecondFactor(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		b := f.browser()
		b.mustLogin("STP-A", "admin")
		_, page := b.get("/admin/account")
		m := regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no TOTP secret on the account page")
		}
		if !strings.Contains(page, `src="data:image/png;base64,`) {
			t.Fatal("the TOTP set-up QR code is not an image (html/template sanitised its data: URL)")
		}
		code, _ := auth.TOTPCode(m[1], auth.TOTPStep(f.clock.Now()))
		// Issue 12 §8: enrolling needs the current password.
		if status, _ := b.post("/admin/account/totp", url.Values{"csrf": {b.csrf}, "secret": {m[1]}, "code": {code}}); status != http.StatusBadRequest {
			t.Fatalf("enable TOTP without the password: %d", status)
		}
		if status, body := b.post("/admin/account/totp", url.Values{"csrf": {b.csrf}, "password": {password}, "secret": {m[1]}, "code": {code}}); status != http.StatusSeeOther {
			t.Fatalf("enable TOTP: %d\n%s", status, body)
		}
		b2 := f.browser()
		if status, _ := b2.login("STP-A", "admin", password); status != http.StatusUnauthorized {
			t.Fatalf("sign-in without the TOTP code: %d, want 401", status)
		}
		// A stolen session cannot re-enrol the second factor on another
		// phone without the current code, nor remove it.
		f.clock.Add(time.Minute)
		other := auth.NewTOTPSecret()
		otherCode, _ := auth.TOTPCode(other, auth.TOTPStep(f.clock.Now()))
		if status, _ := b.post("/admin/account/totp", url.Values{"csrf": {b.csrf}, "password": {password}, "secret": {other}, "code": {otherCode}}); status != http.StatusBadRequest {
			t.Fatalf("re-enrol without the current code: %d", status)
		}
		if status, _ := b.post("/admin/account/totp/disable", url.Values{"csrf": {b.csrf}, "password": {password}, "current_code": {"000000"}}); status != http.StatusBadRequest {
			t.Fatalf("remove with a wrong code: %d", status)
		}
		current, _ := auth.TOTPCode(m[1], auth.TOTPStep(f.clock.Now()))
		if status, _ := b.post("/admin/account/totp/disable", url.Values{"csrf": {b.csrf}, "password": {"sai-mat-khau-123"}, "current_code": {current}}); status != http.StatusBadRequest {
			t.Fatalf("remove with a wrong password: %d", status)
		}
		if status, body := b.post("/admin/account/totp/disable", url.Values{"csrf": {b.csrf}, "password": {password}, "current_code": {current}}); status != http.StatusSeeOther {
			t.Fatalf("remove with password and code: %d %s", status, loginError(body))
		}
		if status, _ := f.browser().login("STP-A", "admin", password); status != http.StatusSeeOther {
			t.Fatalf("sign-in after removing TOTP: %d", status)
		}
		// The administrator resets a clerk's second factor (a lost
		// phone), audited.
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		_, page = clerk.get("/admin/account")
		cs := regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`).FindStringSubmatch(page)[1]
		cc, _ := auth.TOTPCode(cs, auth.TOTPStep(f.clock.Now()))
		if status, _ := clerk.post("/admin/account/totp", url.Values{"csrf": {clerk.csrf}, "password": {password}, "secret": {cs}, "code": {cc}}); status != http.StatusSeeOther {
			t.Fatalf("clerk enables TOTP: %d", status)
		}
		officers, _ := f.db.Org().Officers(context.Background(), f.a.ID)
		var clerkID string
		for _, o := range officers {
			if o.Username == "clerk" {
				clerkID = o.ID
			}
		}
		if status, _ := clerk.post("/admin/officers/"+clerkID+"/totp/reset", url.Values{"csrf": {clerk.csrf}}); status != http.StatusForbidden {
			t.Fatalf("a clerk resets a second factor: %d", status)
		}
		admin := f.browser()
		admin.mustLogin("STP-A", "admin")
		if status, _ := admin.post("/admin/officers/"+clerkID+"/totp/reset", url.Values{"csrf": {admin.csrf}}); status != http.StatusSeeOther {
			t.Fatalf("reset: %d", status)
		}
		if status, _ := f.browser().login("STP-A", "clerk", password); status != http.StatusSeeOther {
			t.Fatalf("clerk signs in after the reset: %d", status)
		}
		if !auditHas(t, f, "auth.totp_reset") || !auditHas(t, f, "auth.totp_disable") || !auditHas(t, f, "auth.reauth_failed") {
			t.Fatal("second-factor changes not audited")
		}
	})
}

// Issue 12 §9: wrong current passwords on the account page count toward
// the lockout and are audited.
func TestAccountPasswordGuessesCount(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		for i := range auth.MaxFailedLogins {
			if status, _ := b.post("/admin/account/password", url.Values{"csrf": {b.csrf}, "current": {"sai-mat-khau-123"}, "next": {"mat-khau-moi-12345"}, "confirm": {"mat-khau-moi-12345"}}); status != http.StatusBadRequest {
				t.Fatalf("wrong current password #%d: %d", i+1, status)
			}
		}
		if status, _ := b.post("/admin/account/password", url.Values{"csrf": {b.csrf}, "current": {password}, "next": {"mat-khau-moi-12345"}, "confirm": {"mat-khau-moi-12345"}}); status != http.StatusTooManyRequests {
			t.Fatalf("right password after five wrong guesses: %d, want 429", status)
		}
		if status, _ := f.browser().login("STP-A", "clerk", password); status != http.StatusUnauthorized {
			t.Fatalf("the guesses did not count toward the sign-in lockout: %d", status)
		}
		if !auditHas(t, f, "auth.reauth_failed") {
			t.Fatal("wrong current passwords not audited")
		}
	})
}

func auditHas(t *testing.T, f *fixture, action string) bool {
	t.Helper()
	entries, err := f.db.Audit().AuditLog(context.Background(), f.a.ID, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == action {
			return true
		}
	}
	return false
}

func api(t *testing.T, f *fixture, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestAPIBadInput(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "admin", "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		big := `{"code":"AB","name":"` + strings.Repeat("x", 2<<20) + `","kind":"division"}`
		cases := []struct {
			name, body string
			want       int
			says       string
		}{
			{"malformed", `{"code": "AB",`, 400, "JSON"},
			{"syntax", `{"code": AB}`, 400, "cú pháp"},
			{"empty", ``, 400, "Thiếu dữ liệu"},
			{"unknown field", `{"code":"AB","name":"X","kind":"division","admin":true}`, 400, "không được hỗ trợ"},
			{"wrong type", `{"code":12,"name":"X","kind":"division"}`, 400, "phải có kiểu chuỗi"},
			{"array", `[1,2]`, 400, "đối tượng"},
			{"two objects", `{"code":"AB","name":"X","kind":"division"}{}`, 400, "một đối tượng"},
			{"oversized", big, 413, "vượt quá giới hạn"},
			{"invalid kind", `{"code":"AB","name":"X","kind":"bộ"}`, 400, "Loại đơn vị"},
			{"invalid code", `{"code":"a b","name":"X","kind":"division"}`, 400, "Mã đơn vị"},
			{"duplicate", `{"code":"MOTCUA","name":"X","kind":"reception"}`, 409, "đã tồn tại"},
		}
		for _, c := range cases {
			code, body := api(t, f, "POST", "/api/v1/units", tok, c.body)
			detail, _ := body["detail"].(string)
			if code != c.want || !strings.Contains(detail, c.says) {
				t.Errorf("%s: %d %q, want %d containing %q", c.name, code, detail, c.want, c.says)
			}
		}
		// Wrong content type.
		req, _ := http.NewRequest("POST", f.srv.URL+"/api/v1/units", strings.NewReader(`code=AB`))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("form body to the JSON API: %d, want 415", resp.StatusCode)
		}
		if code, body := api(t, f, "POST", "/api/v1/units", tok, `{"code":"HCTP","name":"Phòng Hành chính tư pháp","kind":"division"}`); code != 201 || body["code"] != "HCTP" {
			t.Fatalf("valid create: %d %v", code, body)
		}
		// Tokens that are no tokens of the tenant: all 401, as a problem.
		for _, c := range []struct{ name, token string }{
			{"no token", ""},
			{"malformed token", "tph.x.y"},
			{"unknown secret", "tph." + f.a.ID + ".khong-phai-bi-mat"},
			{"another tenant's prefix", strings.Replace(tok, f.a.ID, f.b.ID, 1)},
		} {
			if code, body := api(t, f, "GET", "/api/v1/units", c.token, ""); code != http.StatusUnauthorized || body["status"] != float64(401) {
				t.Errorf("%s: %d %v, want 401 problem", c.name, code, body)
			}
		}
	})
}

func TestPublicEndpoints(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqlstore.SQLite)
	for _, c := range []struct {
		path string
		want int
		has  string
	}{
		{"/", 200, "Dịch vụ hành chính công"},
		{"/healthz", 200, `"status": "ok"`},
		{"/metrics", 404, "Không tìm thấy"}, // no token configured: only on its own address
		{"/api/v1/openapi.json", 200, `"openapi": "3.1.0"`},
		{"/static/app.css", 200, "--brand"},
		{"/static/", 404, "Không tìm thấy"},
		{"/khong-co", 404, "Không tìm thấy"},
		{"/api/v1/khong-co", 404, "not_found"},
	} {
		resp, err := http.Get(f.srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want || !strings.Contains(string(body), c.has) {
			t.Errorf("GET %s: %d, want %d containing %q", c.path, resp.StatusCode, c.want, c.has)
		}
	}
	var doc map[string]any
	resp, err := http.Get(f.srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	t.Parallel()
	svc := newServices(t, sqlstore.SQLite, time.Now())
	orgSvc := svc.Org
	ten, _ := orgSvc.CreateTenant(context.Background(), audit.System, org.Tenant{Code: "STP", Name: "Sở", AgencyID: "000.00.00.H82", ProvinceCode: "82"})
	orgSvc.CreateOfficer(context.Background(), audit.System, org.Officer{TenantID: ten.ID, Username: "admin", FullName: "A", Role: org.Admin}, password)
	s := newServer(t, svc, func(c *web.Config) { c.SecureCookies = true })
	h := s.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/admin/login", nil))
	csrf := csrfRe.FindStringSubmatch(rec.Body.String())[1]
	form := url.Values{"csrf": {csrf}, "tenant": {"STP"}, "username": {"admin"}, "password": {password}}
	req := httptest.NewRequest("POST", "/admin/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range rec.Result().Cookies() {
		req.AddCookie(c)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var sess *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == "tuphap_session" {
			sess = c
		}
	}
	if sess == nil || !sess.Secure || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie flags: %+v", sess)
	}
}

func TestCalendarScreen(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		// Every officer sees the calendar and the due-date calculator.
		code, body := clerk.get("/admin/calendar?year=2026&from=2026-02-13T10:00&amount=10&unit=working_days")
		if code != 200 || !strings.Contains(body, "10 giờ 00 phút, ngày 06/03/2026") || !strings.Contains(body, "Tết Nguyên đán") {
			t.Fatalf("calendar page for a clerk: %d", code)
		}
		if strings.Contains(body, `action="/admin/calendar/schedule"`) {
			t.Fatal("clerk sees the schedule upload form")
		}
		if code, _ := clerk.post("/admin/calendar/schedule", url.Values{"csrf": {clerk.csrf}, "year": {"2031"}, "legal_basis": {"x"}, "days": {"03/03/2031; nghỉ lễ; X"}}); code != http.StatusForbidden {
			t.Fatalf("clerk loading a schedule: %d, want 403", code)
		}
		if code, _ := clerk.get("/admin/calendar?year=2026&from=sai&amount=1&unit=working_days"); code != http.StatusBadRequest {
			t.Fatalf("bad calculator input: %d, want 400", code)
		}
		admin := f.browser()
		admin.mustLogin("STP-A", "admin")
		admin.get("/admin/calendar?year=2031")
		code, body = admin.post("/admin/calendar/schedule", url.Values{"csrf": {admin.csrf}, "year": {"2031"}, "legal_basis": {"Thông báo thử"}, "days": {"03/03/2031; nghỉ phép; X"}})
		if code != http.StatusBadRequest || !strings.Contains(body, "loại") {
			t.Fatalf("bad schedule text: %d", code)
		}
		if code, _ := admin.post("/admin/calendar/schedule", url.Values{"csrf": {admin.csrf}, "year": {"2031"}, "legal_basis": {"Thông báo thử"}, "days": {"03/03/2031; nghỉ lễ; Ngày nghỉ thử"}}); code != http.StatusSeeOther {
			t.Fatalf("load schedule: %d", code)
		}
		_, body = admin.get("/admin/calendar?year=2031")
		if !strings.Contains(body, "Ngày nghỉ thử") || !strings.Contains(body, "Do cơ quan tải lên") {
			t.Fatal("loaded schedule not shown")
		}
		// Tenant B's calendar is not affected.
		other := f.browser()
		other.mustLogin("STP-B", "admin")
		if _, body := other.get("/admin/calendar?year=2031"); strings.Contains(body, "Ngày nghỉ thử") {
			t.Fatal("tenant B sees tenant A's schedule")
		}
		// The API answers with the tenant's calendar.
		tok, _ := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		code, res := api(t, f, "GET", "/api/v1/calendar/due?from=2031-02-28T10:00:00%2B07:00&amount=1&unit=working_days", tok, "")
		if code != 200 || res["due"] != "2031-03-04T10:00:00+07:00" {
			t.Fatalf("API due: %d %v", code, res)
		}
		if code, _ := api(t, f, "GET", "/api/v1/calendar/holidays?year=abc", tok, ""); code != 400 {
			t.Fatalf("API holidays with a bad year: %d", code)
		}
	})
}

var loginErrorRe = regexp.MustCompile(`(?s)<p class="error"[^>]*>(.*?)</p>`)

// loginError is the sign-in form's error message.
func loginError(body string) string {
	if m := loginErrorRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}
