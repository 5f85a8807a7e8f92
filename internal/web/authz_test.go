package web_test

// The authorisation table (issue 8 §5): every registered route × every
// principal — anonymous, an officer of tenant A in each role, officers of
// tenant B in each role, and two citizens signed in to the portal (citizen
// A owns a dossier and a draft of tenant A, citizen B owns nothing) —
// against the permission model of package auth and the portal's rule that
// a citizen sees only their own dossiers.
// The routes come from the server itself (Server.Routes), so a route added
// later is covered without editing this file, and a back-office route
// registered without its permission check fails here.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/eid"
	"tuphap/internal/external/payment"
	"tuphap/internal/org"
	"tuphap/internal/portal"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

// publicBackOffice lists the routes under /admin/ and /api/ that are meant
// to be reachable without signing in. Any other public route there is a
// back-office route that forgot its permission check: register it with
// officer(...) in routes.go, or, if it really is public, add it here.
var publicBackOffice = map[string]bool{
	// A contest's participant API: signed in by the contest's own HMAC
	// cookie (web/contestweb), not as an officer.
	"POST /api/v1/contests/{code}/rounds/{round}/attempts":    true,
	"PUT /api/v1/contests/{code}/attempts/{id}/answers/{pos}": true,
	"POST /api/v1/contests/{code}/attempts/{id}/submit":       true,
	"GET /admin/login":               true, // the sign-in form
	"POST /admin/login":              true,
	"POST /admin/logout":             true, // ends the caller's own session, if any
	"GET /api/v1/openapi.json":       true,
	"GET /api/v1/procedures":         true, // the public catalogue
	"GET /api/v1/lltp/verify/{id}":   true, // anyone may verify a certificate
	"POST /api/v1/lookup":            true, // citizens' look-up by code and PIN (portal)
	"POST /api/v1/payments/callback": true, // the payment gateway's signed callback (portal)
	// Citizens' replies by Zalo or SMS: the provider's HMAC-signed webhook.
	"POST /api/v1/hooks/messages/{channel}": true,
}

// publicRefuses lists public routes that refuse this table's requests with
// 403 for a reason other than authorisation, and the reason.
var publicRefuses = map[string]string{
	"POST /admin/login":              "the sign-in form's own double-submit token, which the table does not send",
	"POST /api/v1/payments/callback": "the payment gateway's HMAC signature, which the table does not send",
}

// publicCitizen lists the portal's routes open without signing in. Every
// other citizen route must send an anonymous browser to sign in (303 to
// /dang-nhap) and refuse other anonymous requests with 401.
var publicCitizen = map[string]bool{
	"GET /thu-tuc":         true, // the catalogue
	"GET /thu-tuc/{id}":    true,
	"GET /dang-nhap":       true, // sign-in
	"GET /dang-nhap/vneid": true,
	"GET /dang-nhap/xong":  true,
	"POST /dang-xuat":      true, // ends the caller's own session, if any
	"GET /tra-cuu":         true, // look-up form
	"POST /tra-cuu":        true, // look-up by code and PIN (never in the URL)
	"GET /khao-sat":        true, // satisfaction survey by code and PIN: the form
	"POST /khao-sat":       true, // checks code and PIN at every step
	"GET /xac-thuc/{id}":   true, // verification of a result
	"POST /xac-thuc/{id}":  true,
	// Legal aid: who may ask, and the look-up by reference and PIN.
	"GET /tro-giup-phap-ly":          true,
	"POST /tro-giup-phap-ly/tra-cuu": true,
	"GET /tra-cuu-don":               true, // a petition by code and PIN
	"POST /tra-cuu-don":              true,
	"POST /tra-cuu-don/quyet-dinh":   true, // its decision, by code and PIN again
}

// publicUnauthorized lists public routes that answer this table's requests
// with 401 for a reason other than a missing sign-in, and the reason.
var publicUnauthorized = map[string]string{
	"GET /dang-nhap/xong": "the e-ID callback without the sign-in's state cookie and code",
}

// citizenRefuses lists citizen routes that refuse a signed-in citizen's
// bare request with 403 for a reason other than authorisation.
var citizenRefuses = map[string]string{
	"GET /thanh-toan/ket-qua": "the gateway's return URL without its signature",
}

// finerCheck lists routes whose handler refuses some holders of the route's
// permission on purpose, with 403.
//   - Perm set: the handler also requires Perm (a refused attempt is
//     logged, which is why the check is inside); the table then expects
//     403 exactly for the roles lacking Perm and success-or-4xx for the rest.
//   - Perm empty: the refusal depends on the object (a dossier's current
//     step and unit, package dossier), so 403 is accepted from any holder.
var finerCheck = map[string]auth.Permission{
	"GET /admin/lltp/an-tich":                   auth.ViewConvictions,
	"POST /admin/lltp/an-tich":                  auth.ViewConvictions,
	"POST /admin/lltp/an-tich/them":             auth.ViewConvictions,
	"POST /admin/lltp/an-tich/xac-minh":         auth.ViewConvictions,
	"POST /admin/lltp/an-tich/cam":              auth.ViewConvictions,
	"GET /admin/lltp/phieu/{id}":                auth.ViewConvictions,
	"POST /admin/lltp/phieu/{id}/tai":           auth.ViewConvictions,
	"POST /admin/lltp/{code}/issue":             auth.ViewConvictions,
	"POST /admin/lltp/{code}/declared":          auth.ViewConvictions,
	"POST /admin/don-thu/don/{id}/nguoi-to-cao": auth.ViewDenouncer,
	"POST /admin/dossiers/{code}/{action}":      "",
	"POST /api/v1/dossiers/{code}/{action}":     "",
	"POST /admin/lltp/{code}/check":             "",
	"POST /admin/lltp/{code}/collect":           "",
}

// marker appears in the names of tenant A's units, officers and applicants;
// no response to tenant B may contain it.
const marker = "Alpha"

type principal struct {
	name   string // "anonymous", "A/admin", "B/clerk"...
	tenant string // "", "A" or "B"
	role   org.Role
	user   string
	cookie string // session cookie value
	csrf   string
	token  string // API bearer token
	// citizen is "A" or "B" for a citizen signed in to the portal (whose
	// tenant is then ""): ccookie is the portal session, ccsrf its token.
	citizen  string
	identity portal.Identity
	ccookie  string
	ccsrf    string
}

func (p *principal) can(perm auth.Permission) bool {
	if p.tenant == "" {
		return false
	}
	return (&auth.Principal{Role: p.role}).Can(perm)
}

type authzFixture struct {
	*fixture
	srvWeb   *web.Server
	people   []*principal
	values   map[string]string // wildcard fillers, see fill
	aMarkers []string          // tenant A's identifiers
	portal   *portal.Service
}

// newAuthzFixture is a server with its optional parts enabled (judicial
// records, the tenants' catalogue, the citizens' portal of tenant A as the
// provincial police with its e-ID and payment simulators; a part added
// later should be enabled here too, or its routes are only checked for
// their refusals), two tenants with one officer of every role each, two
// citizens, and some objects of tenant A.
func newAuthzFixture(t *testing.T, e sqlstore.Engine) *authzFixture {
	t.Helper()
	svc := newServices(t, e, time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC))
	db, clk, orgSvc, authSvc, procs, dossiers := svc.DB, svc.Clock, svc.Org, svc.Auth, svc.Procs, svc.Dossiers
	admin := &catalog.Admin{Store: sqlstore.CatalogStore{DB: db}, Builtin: procs}
	dossiers.Procedure = admin.Find
	mux := &switchHandler{}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base := srv.URL
	pstore := sqlstore.PortalStore{DB: db}
	psvc := &portal.Service{Store: pstore, Dossiers: dossiers, Procedure: dossiers.Procedure, Now: clk.Now}
	sim := &eid.Simulator{Issuer: base + "/idp-sim", ClientID: "tuphap-portal", ClientSecret: "s3cret"}
	paySecret := []byte("payment-secret-of-the-authz-table")
	pc := &web.PortalConfig{Service: psvc, Store: pstore, BaseURL: base, TenantCode: "STP-A", Agency: catalog.AgencyProvincialPolice,
		EID:      &eid.OIDC{Issuer: sim.Issuer, ClientID: "tuphap-portal", ClientSecret: "s3cret", RedirectURL: base + "/dang-nhap/xong"},
		Payments: &payment.HMACGateway{GatewayName: "mô phỏng", CheckoutAt: base + "/pay-sim/checkout", Secret: paySecret},
		Mounts: map[string]http.Handler{
			"/idp-sim/": sim,
			"/pay-sim/": &payment.Simulator{Secret: paySecret, NotifyURL: base + "/api/v1/payments/callback"},
		}}
	s := newServer(t, svc, func(c *web.Config) { c.Procedures, c.Portal = admin, pc })
	enableJR(t, s, svc)
	enableMediation(t, s, svc.DB)
	enableLegalAid(t, s, svc.DB)
	enablePetitions(s, svc.DB)
	enableLegalDocs(t, s, svc.DB)
	enablePractitioners(t, s, svc.DB)
	enableEmulation(t, s, svc.DB, svc.Clock.Now)
	enableContests(t, s, svc.DB, clk.Now)
	enableDissemination(t, s, svc.DB)
	f := &authzFixture{fixture: &fixture{t: t, db: db, clock: clk, authSvc: authSvc, orgSvc: orgSvc}, srvWeb: s, values: map[string]string{}, portal: psvc}
	mux.h = s.Handler()
	f.srv = srv
	f.people = append(f.people, &principal{name: "anonymous"})

	ctx := context.Background()
	setup := func(code, agency, tag string) (org.Tenant, map[org.Role]org.Officer, org.Unit) {
		ten, err := orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: code, Name: "Sở Tư pháp " + code, AgencyID: agency, ProvinceCode: "82"})
		if err != nil {
			t.Fatal(err)
		}
		var units []org.Unit
		for _, u := range []org.Unit{
			{Code: "MOTCUA", Name: "Bộ phận Một cửa " + tag, Kind: org.Reception},
			{Code: "BTTP", Name: "Phòng Bổ trợ tư pháp " + tag, Kind: org.Division},
			{Code: "HCTP", Name: "Phòng Hành chính tư pháp " + tag, Kind: org.Division},
			{Code: "CA_TINH", Name: "Công an tỉnh " + tag, Kind: org.Agency},
		} {
			u.TenantID = ten.ID
			u, err := orgSvc.CreateUnit(ctx, audit.System, u)
			if err != nil {
				t.Fatal(err)
			}
			units = append(units, u)
		}
		officers := map[org.Role]org.Officer{}
		// One officer per role; a role that needs a unit gets the first
		// unit the organisation rules accept for it.
		for _, r := range org.Roles {
			var created bool
			for _, u := range append([]org.Unit{{}}, units...) {
				o := org.Officer{TenantID: ten.ID, Username: strings.ReplaceAll(string(r), "_", "."), FullName: "Cán bộ " + tag + " " + r.Label(), Role: r, UnitID: u.ID}
				if o, err := orgSvc.CreateOfficer(ctx, audit.System, o, password); err == nil {
					officers[r], created = o, true
					break
				}
			}
			if !created {
				t.Fatalf("no unit accepts an officer of role %s", r)
			}
		}
		return ten, officers, units[1]
	}
	var offA map[org.Role]org.Officer
	f.a, offA, f.unitA = setup("STP-A", "000.00.00.H82", marker)
	f.b, _, f.unitB = setup("STP-B", "000.00.00.H15", "Beta")
	for _, ten := range []org.Tenant{f.a, f.b} {
		tag := "A"
		if ten.ID == f.b.ID {
			tag = "B"
		}
		for _, r := range org.Roles {
			p := &principal{name: tag + "/" + string(r), tenant: tag, role: r, user: strings.ReplaceAll(string(r), "_", ".")}
			f.signIn(p, ten.Code)
			tok, err := authSvc.CreateToken(ctx, audit.System, ten.Code, p.user, "authz", 0)
			if err != nil {
				t.Fatal(err)
			}
			p.token = tok
			f.people = append(f.people, p)
		}
	}

	// Objects of tenant A whose identifiers fill the path wildcards: a
	// judicial-record request with its certificate, a dossier, a unit and
	// an officer.
	jrCode, certID := f.judicialRecordOfA()
	clerk := f.person("A", org.Clerk)
	code, res := api(t, f.fixture, "POST", "/api/v1/dossiers", clerk.token,
		`{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn `+marker+`","id_number":"082090004321","phone":"0987654321","address":"Cao Lãnh"}}`)
	if code != http.StatusCreated {
		t.Fatalf("dossier of tenant A: %d %v", code, res)
	}
	f.values["code"] = res["code"].(string)
	f.values["dossier"] = res["id"].(string)
	// Citizen A is that dossier's applicant (by the ID number of the
	// e-ID) and has a draft; citizen B has nothing.
	for _, c := range []*principal{
		{name: "citizen/A", citizen: "A", identity: portal.Identity{Subject: "sub-a", IDNumber: "082090004321", FullName: "Trần Văn " + marker, BirthDate: "1990-09-08"}},
		{name: "citizen/B", citizen: "B", identity: portal.Identity{Subject: "sub-b", IDNumber: "079195004321", FullName: "Trần Thị Beta", BirthDate: "1995-11-03"}},
	} {
		f.citizenSignIn(c)
		f.people = append(f.people, c)
	}
	cA := f.citizenOf("A")
	proc, err := dossiers.Procedure(ctx, f.a.ID, "notary.appointment", calendar.DateOf(clk.Now()))
	if err != nil {
		t.Fatal(err)
	}
	session, err := psvc.Authenticate(ctx, cA.ccookie)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := psvc.NewDraft(ctx, session, proc)
	if err != nil {
		t.Fatal(err)
	}
	f.values["ho-so-nhap"] = draft.ID
	f.values["units"] = f.unitA.ID
	// The officer the officer routes act on is not one of the table's
	// principals: resetting its second factor ends its sessions.
	target, err := orgSvc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: f.a.ID, Username: "doi.tuong", FullName: "Cán bộ " + marker + " đối tượng", Role: org.Specialist, UnitID: offA[org.Specialist].UnitID}, password)
	if err != nil {
		t.Fatal(err)
	}
	f.values["officers"] = target.ID
	f.values["/admin/lltp/:code"] = jrCode
	for _, seg := range []string{"phieu", "lltp", "verify"} { // certificate IDs
		f.values[seg] = certID
	}
	// A legal-aid request of citizen A in tenant A.
	laCase := legalAidOfA(t, svc.DB, f.a.ID)
	f.values["vu-viec"], f.values["cua-toi"] = laCase, laCase
	f.aMarkers = []string{laCase, marker, f.values["code"], f.values["dossier"], jrCode, certID, f.unitA.ID, offA[org.Specialist].ID, target.ID, draft.ID}
	petID := f.petitionOfA()
	f.values["don"], f.values["petitions"] = petID, petID
	f.aMarkers = []string{marker, f.values["code"], f.values["dossier"], jrCode, certID, f.unitA.ID, offA[org.Specialist].ID, target.ID, draft.ID, petID}
	return f
}

// judicialRecordOfA files a judicial-record request in tenant A at the
// desk, forwards it and issues its certificate.
func (f *authzFixture) judicialRecordOfA() (code, certID string) {
	t := f.t
	clerk := f.browser()
	clerk.mustLogin("STP-A", "reception.clerk")
	form := url.Values{"csrf": {clerk.csrf}, "form": {"1"}, "copies": {"1"}, "purpose": {"Xin việc"}, "full_name": {"Nguyễn Văn " + marker},
		"sex": {"Nam"}, "birth_date": {"12/03/1990"}, "birth_place": {"Đồng Tháp"}, "id_number": {"082090001234"},
		"permanent": {"Phường 1"}, "permanent_province": {"82"}}
	if st, body := clerk.post("/admin/lltp", form); st != http.StatusSeeOther {
		t.Fatalf("judicial-record intake: %d %s", st, body)
	}
	_, body := clerk.get("/admin/dossiers?tab=all")
	code = regexp.MustCompile(`000\.00\.00\.H82-\d{6}-\d{4}`).FindString(body)
	if code == "" {
		t.Fatal("no judicial-record dossier")
	}
	if st, _ := clerk.post("/admin/dossiers/"+code+"/forward", url.Values{"csrf": {clerk.csrf}}); st != http.StatusSeeOther {
		t.Fatalf("forward: %d", st)
	}
	officer := f.browser()
	officer.mustLogin("STP-A", "judicial.record.officer")
	if st, body := officer.post("/admin/lltp/"+code+"/issue", url.Values{"csrf": {officer.csrf}}); st != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", st, body)
	}
	_, body = officer.get("/admin/lltp/" + code)
	m := idRe32.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no certificate on the request page")
	}
	return code, m[1]
}

// signIn opens a session for p through the service (no password-hashing
// round trip through the form).
func (f *authzFixture) signIn(p *principal, tenantCode string) {
	f.t.Helper()
	cookie, pr, err := f.authSvc.Login(context.Background(), auth.LoginRequest{TenantCode: tenantCode, Username: p.user, Password: password, IP: "127.0.0.1"})
	if err != nil {
		f.t.Fatalf("sign-in %s: %v", p.name, err)
	}
	p.cookie, p.csrf = cookie, pr.CSRFToken
}

// citizenSignIn opens a portal session for citizen p through the portal
// service, as the e-ID sign-in does after checking the ID token.
func (f *authzFixture) citizenSignIn(p *principal) {
	f.t.Helper()
	token, c, err := f.portal.SignIn(context.Background(), f.a.ID, p.identity, "127.0.0.1")
	if err != nil {
		f.t.Fatalf("citizen sign-in %s: %v", p.name, err)
	}
	p.ccookie, p.ccsrf = token, c.CSRF
}

func (f *authzFixture) citizenOf(tag string) *principal {
	for _, p := range f.people {
		if p.citizen == tag {
			return p
		}
	}
	f.t.Fatalf("no citizen %s", tag)
	return nil
}

func (f *authzFixture) person(tenant string, r org.Role) *principal {
	for _, p := range f.people {
		if p.tenant == tenant && p.role == r {
			return p
		}
	}
	f.t.Fatalf("no principal %s/%s", tenant, r)
	return nil
}

var wildcardRe = regexp.MustCompile(`\{([A-Za-z_]*)(\.\.\.)?\}`)

// fill turns a route's path into a request path: {$} goes, a wildcard gets
// a real identifier of tenant A where the route names the object (by the
// path segment before it) and a plausible value otherwise. It reports
// whether the path names an object of tenant A.
func (f *authzFixture) fill(path string) (string, bool) {
	path = strings.ReplaceAll(path, "{$}", "")
	if path == "/" {
		return "/khong-co-trang-nay", false
	}
	ownsA := false
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		m := wildcardRe.FindStringSubmatch(seg)
		if m == nil {
			continue
		}
		prev := ""
		if i > 0 {
			prev = segs[i-1]
		}
		var v string
		switch {
		case m[1] == "code" && strings.HasPrefix(path, "/admin/lltp/"):
			v, ownsA = f.values["/admin/lltp/:code"], true
		case m[1] == "code" || m[1] == "ref":
			v, ownsA = f.values["code"], true
		case m[1] == "id" && prev == "thu-tuc":
			v = "notary.appointment" // a public procedure, nobody's object
		case m[1] == "id" && f.values[prev] != "":
			v, ownsA = f.values[prev], true
		case m[1] == "id" && (prev == "dossiers" || prev == "ho-so"):
			v, ownsA = f.values["dossier"], true
		case m[1] == "action":
			v = string(dossier.ActForward)
		case m[1] == "year":
			v = "2026"
		case m[1] == "format":
			v = "csv"
		case m[1] == "form":
			v = "02"
		case m[1] == "id":
			v = "00000000000000000000000000000001"
		default:
			v = "1"
		}
		segs[i] = wildcardRe.ReplaceAllString(seg, v)
	}
	return strings.Join(segs, "/"), ownsA
}

type authzCase struct {
	route   web.RouteInfo
	who     *principal
	path    string
	status  int
	problem string // empty when the answer is as expected
}

// do sends the request as p: a session cookie (with its CSRF token and a
// same-origin Origin on unsafe methods) outside /api/, a bearer token in
// /api/.
func (f *authzFixture) do(p *principal, method, path string) (int, string, http.Header) {
	f.t.Helper()
	isAPI := strings.HasPrefix(path, "/api/")
	var body io.Reader
	unsafe := method != "GET" && method != "HEAD"
	if unsafe {
		switch {
		case isAPI:
			body = strings.NewReader("{}")
		case p.citizen != "":
			body = strings.NewReader(url.Values{"csrf": {p.ccsrf}}.Encode())
		default:
			body = strings.NewReader("")
		}
	}
	req, _ := http.NewRequest(method, f.srv.URL+path, body)
	if unsafe {
		req.Header.Set("Origin", f.srv.URL)
		if isAPI {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if p.tenant != "" {
		if isAPI {
			req.Header.Set("Authorization", "Bearer "+p.token)
		} else {
			req.AddCookie(&http.Cookie{Name: "tuphap_session", Value: p.cookie})
			if unsafe {
				req.Header.Set("X-CSRF-Token", p.csrf)
			}
		}
	}
	if p.citizen != "" && !isAPI {
		req.AddCookie(&http.Cookie{Name: "tuphap_citizen", Value: p.ccookie})
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// expect judges one answer against the permission model.
func (f *authzFixture) expect(c *authzCase, body string, h http.Header, ownsA bool) {
	r, p, st := c.route, c.who, c.status
	isAPI := strings.HasPrefix(c.path, "/api/")
	bad := func(format string, a ...any) { c.problem = fmt.Sprintf(format, a...) }
	// 503 is what an optional part the fixture did not configure answers
	// (the citizens' e-ID sign-in without its provider, say). It passes
	// only where access is allowed: every denial below wants its own
	// status, since the refusal must come before the handler.
	if st >= 500 && st != http.StatusServiceUnavailable {
		bad("server error")
		return
	}
	// Nothing of tenant A reaches tenant B (identifiers echoed from the
	// request path excepted).
	if p.tenant == "B" || p.citizen == "B" {
		for _, m := range f.aMarkers {
			if m != "" && !strings.Contains(c.path, m) && strings.Contains(body, m) {
				bad("tenant B sees %q of tenant A", m)
				return
			}
		}
	}
	method := r.Method
	if method == "" {
		method = "GET"
	}
	anonymous := p.tenant == "" && p.citizen == ""
	switch {
	case r.Kind == web.CitizenRoute && !publicCitizen[r.Pattern]:
		f.expectCitizen(c, body, h, ownsA)
		return
	case r.Kind == web.PublicRoute, r.Kind == web.CitizenRoute:
		switch {
		case st == http.StatusUnauthorized && publicUnauthorized[r.Pattern] == "":
			bad("public route: got 401")
		case st == http.StatusForbidden && publicRefuses[r.Pattern] == "":
			bad("public route: got 403")
		case anonymous && strings.Contains(body, marker):
			bad("anonymous sees personal names of tenant A")
		}
		return
	case r.Kind == web.OfficerRoute:
	default:
		bad("unknown route kind %q", r.Kind)
		return
	}
	if p.tenant == "" {
		switch {
		case !isAPI && method == "GET":
			if st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/admin/login") {
				bad("anonymous: want 303 to /admin/login")
			}
		case st != http.StatusUnauthorized:
			bad("anonymous: want 401")
		}
		return
	}
	if !p.can(r.Permission) {
		if st != http.StatusForbidden {
			bad("role lacks %s: want 403", r.Permission)
		}
		return
	}
	extra, finer := finerCheck[r.Pattern]
	if extra != "" && !p.can(extra) {
		// Refused inside the handler: 403, or 404 when the object is
		// not the principal's to see (another tenant's, another agency's).
		if st != http.StatusForbidden && st != http.StatusNotFound {
			bad("role lacks %s: want 403 (or 404)", extra)
		}
		return
	}
	switch {
	case st == http.StatusUnauthorized:
		bad("role holds %s: got 401", r.Permission)
	case st == http.StatusForbidden && !(finer && extra == ""):
		bad("role holds %s: got 403", r.Permission)
	case p.tenant == "B" && ownsA && (st < 400 || st == http.StatusConflict):
		bad("tenant B on tenant A's object: want 404")
	}
}

// expectCitizen judges an answer of a route for signed-in citizens: no
// portal session (anyone, officers included) is sent to sign in (GET) or
// refused with 401; a signed-in citizen is let through; citizen B gets
// "not found" for anything of citizen A's, never its content.
func (f *authzFixture) expectCitizen(c *authzCase, body string, h http.Header, ownsA bool) {
	r, p, st := c.route, c.who, c.status
	bad := func(format string, a ...any) { c.problem = fmt.Sprintf(format, a...) }
	method := r.Method
	if method == "" {
		method = "GET"
	}
	if p.citizen == "" {
		switch {
		case method == "GET":
			if st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/dang-nhap?next=") {
				bad("no citizen session: want 303 to /dang-nhap")
			}
		case st != http.StatusUnauthorized:
			bad("no citizen session: want 401")
		}
		return
	}
	switch {
	case st == http.StatusUnauthorized:
		bad("signed-in citizen: got 401")
	case st == http.StatusForbidden && citizenRefuses[r.Pattern] == "":
		bad("signed-in citizen: got 403")
	case st == http.StatusSeeOther && strings.HasPrefix(h.Get("Location"), "/dang-nhap"):
		bad("signed-in citizen sent to sign in")
	case p.citizen == "B" && ownsA && (st < 400 || st == http.StatusConflict):
		bad("citizen B on citizen A's dossier: want 404")
	case p.citizen == "B" && ownsA && strings.Contains(body, marker):
		bad("citizen B sees citizen A's name")
	}
}

func TestAuthorizationTable(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newAuthzFixture(t, e)
		routes := f.srvWeb.Routes()
		if len(routes) < 10 {
			t.Fatalf("only %d routes recorded", len(routes))
		}
		registered := map[string]bool{}
		for _, r := range routes {
			registered[r.Pattern] = true
			if r.Kind == web.PublicRoute && (strings.HasPrefix(r.Path, "/admin/") || strings.HasPrefix(r.Path, "/api/")) && !publicBackOffice[r.Pattern] {
				t.Errorf("%s: a back-office route registered without a permission; use officer(...) in routes.go, or list it in publicBackOffice if it is meant to be public", r.Pattern)
			}
		}
		for pat := range finerCheck {
			if !registered[pat] {
				t.Errorf("finerCheck names %q, which is not a route any more", pat)
			}
		}
		var cases []*authzCase
		seenA := map[string]bool{} // tenant A's identifiers seen by tenant A
		for _, r := range routes {
			path, ownsA := f.fill(r.Path)
			method := r.Method
			if method == "" {
				method = "GET"
			}
			for _, p := range f.people {
				c := &authzCase{route: r, who: p, path: path}
				t.Run(r.Pattern+"/"+p.name, func(t *testing.T) {
					st, body, h := f.do(p, method, path)
					c.status = st
					if p.tenant == "A" {
						for _, m := range f.aMarkers {
							seenA[m] = seenA[m] || strings.Contains(body, m)
						}
					}
					f.expect(c, body, h, ownsA)
					if c.problem != "" {
						t.Errorf("%s %s as %s: %d — %s", method, path, p.name, st, c.problem)
					}
				})
				cases = append(cases, c)
				// A request may end the session (sign-out) or lock the
				// account's form: sign in again when needed.
				if p.ccookie != "" {
					if _, err := f.portal.Authenticate(context.Background(), p.ccookie); err != nil {
						f.citizenSignIn(p)
					}
				}
				if p.cookie != "" {
					if _, err := f.authSvc.Authenticate(context.Background(), p.cookie, f.clock.Now()); err != nil {
						code := f.a.Code
						if p.tenant == "B" {
							code = f.b.Code
						}
						f.signIn(p, code)
					}
				}
			}
		}
		// The leak check means something only for identifiers that tenant
		// A's own officers do get to see.
		for _, m := range f.aMarkers {
			if !seenA[m] {
				t.Errorf("tenant A's identifier %q appears in none of tenant A's answers: the leak check cannot see it", m)
			}
		}
		t.Logf("%d routes × %d principals = %d cases", len(routes), len(f.people), len(cases))
		if t.Failed() || testing.Verbose() {
			t.Log("\n" + authzTable(routes, f.people, cases))
		}
	})
}

// authzTable prints the statuses as a compact table: one row per route,
// one column per principal, a star on each unexpected answer.
func authzTable(routes []web.RouteInfo, people []*principal, cases []*authzCase) string {
	var b strings.Builder
	b.WriteString("columns: ")
	for i, p := range people {
		fmt.Fprintf(&b, "%d=%s ", i, p.name)
	}
	b.WriteString("\n")
	by := map[string][]*authzCase{}
	for _, c := range cases {
		by[c.route.Pattern] = append(by[c.route.Pattern], c)
	}
	pats := make([]string, 0, len(by))
	for p := range by {
		pats = append(pats, p)
	}
	sort.Strings(pats)
	for _, pat := range pats {
		cs := by[pat]
		fmt.Fprintf(&b, "%-45s %-8s %-20s", pat, cs[0].route.Kind, cs[0].route.Permission)
		for _, c := range cs {
			mark := " "
			if c.problem != "" {
				mark = "*"
			}
			fmt.Fprintf(&b, " %3d%s", c.status, mark)
		}
		b.WriteString("\n")
	}
	return b.String()
}
