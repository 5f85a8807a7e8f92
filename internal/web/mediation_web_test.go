package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/adminunit"
	"tuphap/internal/audit"
	"tuphap/internal/mediation"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// enableMediation turns the mediation register on in a test server.
func enableMediation(t testing.TB, s *web.Server, db *sqlstore.DB) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s.EnableMediation(&web.Mediation{Service: &mediation.Service{Store: db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn},
		Clubs: db.Mediation(), Units: units})
}

// medFixture is a department (tenant A, province 82 Đồng Tháp) with two of
// its communes attached as tenants: Phường Sa Đéc (29905), whose justice
// officer "xa.sadec" keeps the book, and Phường Mỹ Tho (28261), whose officer
// "xa.mytho" keeps a book with has a team and a case. The department has a
// director "giamdoc".
type medFixture struct {
	*fixture
	svc              *mediation.Service
	sadec, mytho     org.Tenant
	otherTeam, other string // Mỹ Tho's team and case
}

func newMediationFixture(t testing.TB, e sqlstore.Engine, more ...func(*web.Server, *sqlstore.DB)) *medFixture {
	t.Helper()
	var svc *mediation.Service
	f := newFixture(t, e, func(s *web.Server, db *sqlstore.DB) {
		enableMediation(t, s, db)
		units, _ := adminunit.Builtin()
		svc = &mediation.Service{Store: db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn}
		for _, fn := range more {
			fn(s, db)
		}
	})
	ctx := context.Background()
	communes, err := f.orgSvc.CreateCommunes(ctx, audit.System, f.a, []org.Tenant{
		{Code: "STP-A-29905", Name: "Ủy ban nhân dân phường Sa Đéc", AgencyID: "000.01.01.H82"},
		{Code: "STP-A-28261", Name: "Ủy ban nhân dân phường Mỹ Tho", AgencyID: "000.01.02.H82"},
	}, []string{"29905", "28261"})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []org.Officer{
		{TenantID: communes[0].ID, Username: "xa.sadec", FullName: "Lê Thị Thanh Trúc", Role: org.CommuneOfficer},
		{TenantID: communes[1].ID, Username: "xa.mytho", FullName: "Phạm Văn Tư", Role: org.CommuneOfficer},
		{TenantID: f.a.ID, Username: "giamdoc", FullName: "Nguyễn Văn Giám", Role: org.Director},
	} {
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	m := &medFixture{fixture: f, svc: svc, sadec: communes[0], mytho: communes[1]}
	sc := mediation.Scope{TenantID: f.a.ID, ProvinceCode: "82", CommuneCode: "28261", ActorTenantID: communes[1].ID}
	a := mediation.Actor{ID: "xa2", Name: "Phạm Văn Tư"}
	team, _, err := svc.SaveTeam(ctx, a, sc, mediation.Team{CommuneCode: "28261", Name: "Tổ hòa giải khu phố 2", Grassroots: "Khu phố 2"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.Open(ctx, a, sc, mediation.Case{CommuneCode: "28261", TeamID: team.ID, Kind: mediation.KindNeighbours,
		Origin: mediation.OriginRequest, ReceivedOn: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), Summary: "Tranh chấp lối đi"})
	if err != nil {
		t.Fatal(err)
	}
	m.otherTeam, m.other = team.ID, c.ID
	return m
}

// TestMediationCommuneWindow: a commune officer sees only their commune:
// another commune's case and team are 404 (pages and writes), and the
// list never shows them; the department sees both.
func TestMediationCommuneWindow(t *testing.T) {
	t.Parallel()
	f := newMediationFixture(t, sqlstore.SQLite)
	xa := f.browser()
	xa.mustLogin(f.sadec.Code, "xa.sadec")
	for _, p := range []string{"/admin/hoa-giai/vu-viec/" + f.other, "/admin/hoa-giai/to/" + f.otherTeam} {
		if code, body := xa.get(p); code != http.StatusNotFound || strings.Contains(body, "Tranh chấp lối đi") || strings.Contains(body, "khu phố 2") {
			t.Errorf("GET %s by another commune's officer: %d", p, code)
		}
	}
	for _, p := range []string{"/admin/hoa-giai/vu-viec/" + f.other, "/admin/hoa-giai/vu-viec/" + f.other + "/thu-lao",
		"/admin/hoa-giai/to/" + f.otherTeam + "/hoa-giai-vien"} {
		if code, _ := xa.post(p, url.Values{"csrf": {xa.csrf}, "outcome": {"successful"}, "ended_on": {"01/03/2026"}, "payment_vnd": {"100000"},
			"full_name": {"Người Lạ"}, "sex": {"female"}, "recognised_no": {"1/QĐ"}, "recognised_on": {"01/03/2026"}}); code != http.StatusNotFound {
			t.Errorf("POST %s by another commune's officer: %d", p, code)
		}
	}
	if _, body := xa.get("/admin/hoa-giai/vu-viec"); strings.Contains(body, f.other) {
		t.Error("the book lists another commune's case")
	}
	c, err := f.svc.Store.Case(context.Background(), f.a.ID, f.other)
	if err != nil || c.Outcome != mediation.OutcomeInProgress || c.PaymentVND != 0 {
		t.Errorf("another commune's case changed: %+v %v", c, err)
	}
	own := f.browser()
	own.mustLogin(f.mytho.Code, "xa.mytho")
	if code, _ := own.get("/admin/hoa-giai/vu-viec/" + f.other); code != http.StatusOK {
		t.Errorf("own commune's case: %d", code)
	}
	dir := f.browser()
	dir.mustLogin(f.a.Code, "giamdoc")
	if code, _ := dir.get("/admin/hoa-giai/to/" + f.otherTeam); code != http.StatusOK {
		t.Errorf("department on a commune's team: %d", code)
	}
}

// The mediation report downloads as XLSX and PDF for any period: the
// department's with a row per commune and the province's total, a commune
// officer's with their commune only.
func TestMediationExports(t *testing.T) {
	t.Parallel()
	f := newMediationFixture(t, sqlstore.SQLite)
	dir := f.browser()
	dir.mustLogin(f.a.Code, "giamdoc")
	code, body := dir.get("/admin/hoa-giai?from=2026-01-01&to=2026-03-31")
	if code != http.StatusOK || !strings.Contains(body, `href="/admin/hoa-giai/xuat/xlsx?from=2026-01-01&amp;to=2026-03-31"`) {
		t.Fatalf("dashboard's download buttons: %d", code)
	}
	rows := func(b *browser, q string) [][]string {
		t.Helper()
		resp, err := b.c.Get(b.origin + "/admin/hoa-giai/xuat/xlsx?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("xlsx: %d %v", resp.StatusCode, resp.Header)
		}
		x, err := excelize.OpenReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := x.GetRows(x.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	row := func(rs [][]string, label string) []string {
		for _, r := range rs {
			if len(r) > 1 && r[1] == label {
				return r
			}
		}
		return nil
	}
	rs := rows(dir, "from=2026-01-01&to=2026-03-31")
	if r := row(rs, "Phường Mỹ Tho"); r == nil || r[2] != "1" || r[7] != "1" || r[13] != "1" || r[14] != "0,0% (0/1)" {
		t.Errorf("Mỹ Tho's row: %q", r)
	}
	if r := row(rs, "Toàn tỉnh"); r == nil || r[7] != "1" {
		t.Errorf("province total: %q", r)
	}
	if rs[0][0] != "Sở Tư pháp STP-A" {
		t.Errorf("agency %q", rs[0][0])
	}
	// Before the case: nothing received.
	if r := row(rows(dir, "from=2025-01-01&to=2025-12-31"), "Toàn tỉnh"); r == nil || r[7] != "0" || r[14] != "— (0/0)" {
		t.Errorf("2025 total: %q", r)
	}
	resp, err := dir.c.Get(dir.origin + "/admin/hoa-giai/xuat/pdf?from=2026-01-01&to=2026-03-31")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("pdf: %d %v", resp.StatusCode, resp.Header)
	}
	txt := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{"SỐ LIỆU HÒA GIẢI Ở CƠ SỞ", "Từ ngày 01/01/2026 đến ngày 31/03/2026", "Phường Mỹ Tho", "Toàn tỉnh", "0,0% (0/1)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("PDF lacks %q: %s", want, txt)
		}
	}
	if code, _ := dir.get("/admin/hoa-giai/xuat/csv"); code != http.StatusNotFound {
		t.Errorf("csv: %d", code)
	}
	xa := f.browser()
	xa.mustLogin(f.sadec.Code, "xa.sadec")
	rs = rows(xa, "from=2026-01-01&to=2026-03-31")
	if row(rs, "Phường Mỹ Tho") != nil || row(rs, "Phường Sa Đéc") == nil || rs[0][0] != "Ủy ban nhân dân phường Sa Đéc" {
		t.Errorf("a commune officer's export: %q", rs)
	}
}

// Clubs: a commune officer adds a club and its meetings; a bad form comes
// back with the field's message; the dashboard counts the club; another
// commune's officer cannot open it (404); the department lists it.
func TestMediationClubs(t *testing.T) {
	t.Parallel()
	f := newMediationFixture(t, sqlstore.SQLite)
	xa := f.browser()
	xa.mustLogin(f.sadec.Code, "xa.sadec")
	if code, body := xa.get("/admin/hoa-giai/clb"); code != http.StatusOK || !strings.Contains(body, "Chưa có câu lạc bộ hòa giải") {
		t.Fatalf("empty list: %d", code)
	}
	code, body := xa.post("/admin/hoa-giai/clb", url.Values{"csrf": {xa.csrf}, "name": {"Câu lạc bộ hòa giải khóm 1"}, "founded_on": {"31/02/2026"}, "members": {"20"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "dd/mm/yyyy") || !strings.Contains(body, `value="Câu lạc bộ hòa giải khóm 1"`) {
		t.Fatalf("bad date: %d", code)
	}
	code, _ = xa.post("/admin/hoa-giai/clb", url.Values{"csrf": {xa.csrf}, "name": {"Câu lạc bộ hòa giải khóm 1"}, "founded_no": {"25/QĐ-UBND"},
		"founded_on": {"10/01/2026"}, "members": {"20"}, "women": {"8"}})
	if code != http.StatusSeeOther {
		t.Fatalf("add club: %d", code)
	}
	_, body = xa.get("/admin/hoa-giai/clb")
	m := regexp.MustCompile(`href="/admin/hoa-giai/clb/([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("club not listed: %s", body)
	}
	club := "/admin/hoa-giai/clb/" + m[1]
	if code, body := xa.post(club+"/sinh-hoat", url.Values{"csrf": {xa.csrf}, "on": {"01/01/2026"}, "topic": {"Trước ngày thành lập"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "từ ngày thành lập") {
		t.Errorf("a meeting before the club: %d", code)
	}
	if code, _ := xa.post(club+"/sinh-hoat", url.Values{"csrf": {xa.csrf}, "on": {"20/02/2026"}, "topic": {"Tìm hiểu Luật Đất đai 2024"}, "participants": {"35"}}); code != http.StatusSeeOther {
		t.Errorf("a meeting: %d", code)
	}
	if _, body := xa.get(club); !strings.Contains(body, "Tìm hiểu Luật Đất đai 2024") || !strings.Contains(body, "20/02/2026") || !strings.Contains(body, "25/QĐ-UBND") {
		t.Errorf("club page: %s", body)
	}
	if _, body := xa.get("/admin/hoa-giai?from=2026-01-01&to=2026-03-02"); !regexp.MustCompile(`<span class="n">1</span><span class="l">Câu lạc bộ hòa giải</span>`).MatchString(body) {
		t.Error("the dashboard does not count the club")
	}
	other := f.browser()
	other.mustLogin(f.mytho.Code, "xa.mytho")
	if code, _ := other.get(club); code != http.StatusNotFound {
		t.Errorf("another commune's club: %d", code)
	}
	if code, _ := other.post(club+"/sinh-hoat", url.Values{"csrf": {other.csrf}, "on": {"21/02/2026"}, "topic": {"X"}}); code != http.StatusNotFound {
		t.Errorf("a meeting in another commune's club: %d", code)
	}
	if _, body := other.get("/admin/hoa-giai/clb"); strings.Contains(body, m[1]) {
		t.Error("another commune's club listed")
	}
	dir := f.browser()
	dir.mustLogin(f.a.Code, "giamdoc")
	if _, body := dir.get("/admin/hoa-giai/clb"); !strings.Contains(body, "Phường Sa Đéc") || !strings.Contains(body, m[1]) {
		t.Error("the department does not see the club")
	}
}

// The applicant's address at the counter names a commune from the list:
// typed without diacritics in a plain text field (no script), or as the
// suggestions write it; an unknown name comes back with the field's
// message and nothing is stored.
func TestCounterAddressNamesACommune(t *testing.T) {
	t.Parallel()
	f := newMediationFixture(t, sqlstore.SQLite)
	clerk := f.browser()
	clerk.mustLogin(f.a.Code, "clerk")
	if _, page := clerk.get("/admin/reception?procedure=notary.appointment"); !strings.Contains(page, `name="commune"`) || !strings.Contains(page, "/static/admin-units.js") {
		t.Fatal("the counter form has no commune field")
	}
	form := func(commune string) url.Values {
		v := url.Values{"csrf": {clerk.csrf}, "procedure": {"notary.appointment"}, "channel": {"direct"}, "full_name": {"Trần Văn Bảy"},
			"id_number": {"082090004321"}, "address": {"12 Lê Lợi, khóm 1"}, "commune": {commune}}
		for i := 0; i < 10; i++ {
			v.Set("doc"+strconv.Itoa(i), "1")
		}
		return v
	}
	code, page := clerk.post("/admin/reception", form("xa khong co that"))
	if code != http.StatusBadRequest || !strings.Contains(page, "Không tìm thấy xã, phường, đặc khu") || !strings.Contains(page, `value="xa khong co that"`) {
		t.Fatalf("unknown commune: %d", code)
	}
	if n, _ := f.db.Dossiers().DossierCounts(context.Background(), f.a.ID); len(n) != 0 {
		t.Fatalf("stored anyway: %v", n)
	}
	for _, typed := range []string{"sa dec", "Phường Sa Đéc, Tỉnh Đồng Tháp (29905)"} {
		code, _ := clerk.post("/admin/reception", form(typed))
		if code != http.StatusSeeOther {
			t.Fatalf("%q: %d", typed, code)
		}
	}
	ds, err := f.db.Dossiers().DossiersOf(context.Background(), f.a.ID, "082090004321", 10)
	if err != nil || len(ds) != 2 {
		t.Fatalf("dossiers: %d %v", len(ds), err)
	}
	for _, d := range ds {
		if d.Applicant.CommuneCode != "29905" || d.Applicant.Commune != "Phường Sa Đéc, Tỉnh Đồng Tháp" {
			t.Errorf("applicant %+v", d.Applicant)
		}
	}
	if _, page := clerk.get("/admin/dossiers/" + ds[0].Code); !strings.Contains(page, "12 Lê Lợi, khóm 1, Phường Sa Đéc, Tỉnh Đồng Tháp") {
		t.Error("the dossier page does not show the commune")
	}
	// The suggestions the script asks for, with the clerk's session.
	if code, body := clerk.get("/api/v1/admin-units?q=sa+dec"); code != http.StatusOK || !strings.Contains(body, `"label": "Phường Sa Đéc, Tỉnh Đồng Tháp (29905)"`) {
		t.Errorf("suggestions: %d %s", code, body)
	}
}
