package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

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

func newMediationFixture(t testing.TB, e sqlstore.Engine) *medFixture {
	t.Helper()
	var svc *mediation.Service
	f := newFixture(t, e, func(s *web.Server, db *sqlstore.DB) {
		enableMediation(t, s, db)
		units, _ := adminunit.Builtin()
		svc = &mediation.Service{Store: db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn}
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
