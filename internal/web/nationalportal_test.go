package web_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/external/dvcqg"
	"tuphap/internal/notify"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// dvcqgFixture is the fixture with the national portal's simulator on, the
// tenant's catalogue (so that an import can add procedures) and a worker
// pushing the outbox's portal messages to the simulator.
type dvcqgFixture struct {
	*fixture
	sim    *dvcqg.Simulator
	worker *notify.Worker
}

func newDVCQGFixture(t *testing.T, e sqlstore.Engine) *dvcqgFixture {
	t.Helper()
	svc := newServices(t, e, time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC))
	procs := &catalog.Admin{Store: sqlstore.CatalogStore{DB: svc.DB}, Builtin: svc.Procs}
	svc.Dossiers.Procedure = procs.Find
	svc.Dossiers.Sync = dvcqg.Outgoing
	sim := &dvcqg.Simulator{Now: svc.Clock.Now}
	s := newServer(t, svc, func(c *web.Config) { c.Procedures = procs })
	s.EnableNationalPortal(&web.NationalPortal{Portal: sim, Simulator: sim})
	f := &fixture{t: t, db: svc.DB, clock: svc.Clock, authSvc: svc.Auth, orgSvc: svc.Org}
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	ctx := context.Background()
	for _, tc := range []struct{ code, agency string }{{"STP-A", "000.00.00.H82"}, {"STP-B", "000.00.00.H15"}} {
		ten, err := svc.Org.CreateTenant(ctx, audit.System, org.Tenant{Code: tc.code, Name: "Sở Tư pháp " + tc.code, AgencyID: tc.agency, ProvinceCode: "82"})
		if err != nil {
			t.Fatal(err)
		}
		desk, err := svc.Org.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []org.Officer{
			{Username: "admin", FullName: "Quản trị", Role: org.Admin},
			{Username: "clerk", FullName: "Văn thư Một cửa", Role: org.Clerk, UnitID: desk.ID},
		} {
			o.TenantID = ten.ID
			if _, err := svc.Org.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		if tc.code == "STP-A" {
			f.a, f.unitA = ten, desk
		} else {
			f.b, f.unitB = ten, desk
		}
	}
	w := &notify.Worker{Queue: sqlstore.Outbox{DB: svc.DB}, Concurrency: 1, Now: svc.Clock.Now, Backoff: func(int) time.Duration { return 0 },
		Senders: map[notify.Channel]notify.Sender{dvcqg.Channel: &dvcqg.Sender{Portal: sim, Synced: svc.DB.NationalPortal().MarkSynced, Now: svc.Clock.Now}}}
	return &dvcqgFixture{fixture: f, sim: sim, worker: w}
}

func (f *dvcqgFixture) drain(t *testing.T) {
	t.Helper()
	for range 20 {
		n, err := f.worker.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// The desk receives a dossier filed on the portal, accepts it; the pushes
// reach the portal; a push the portal rejects is in the sync report with
// its reason, and the administrator can send it again; indicator 1.4 is on
// the page; the administrator imports the national catalogue; roles and
// tenants are kept apart.
func TestNationalPortalScreens(t *testing.T) {
	f := newDVCQGFixture(t, sqlstore.SQLite)
	f.sim.File(dvcqg.SampleDossier("G22.99-260302-000001", "1.013859"))
	clerk := f.browser()
	if code, _ := clerk.login("STP-A", "clerk", password); code != 303 {
		t.Fatalf("login %d", code)
	}
	code, body := clerk.get("/admin/dvcqg")
	if code != 200 || !strings.Contains(body, "Cổng mô phỏng") || !strings.Contains(body, "Nhận hồ sơ từ Cổng") ||
		strings.Contains(body, "Nhập danh mục thủ tục quốc gia") {
		t.Fatalf("page for the clerk: %d %s", code, body)
	}
	code, body = clerk.post("/admin/dvcqg/nhan", url.Values{"csrf": {clerk.csrf}})
	if code != 200 || !strings.Contains(body, "G22.99-260302-000001") || !strings.Contains(body, "Đã nhận") {
		t.Fatalf("receive: %d %s", code, body)
	}
	ref, ok := f.sim.Acked("G22.99-260302-000001")
	if !ok {
		t.Fatal("not acknowledged to the portal")
	}
	code, body = clerk.get("/admin/dossiers/" + ref)
	if code != 200 || !strings.Contains(body, "Lê Thị Thu Hà") {
		t.Fatalf("received dossier page: %d", code)
	}
	code, _ = clerk.post("/admin/dossiers/"+ref+"/accept", url.Values{"csrf": {clerk.csrf}})
	if code != 303 {
		t.Fatalf("accept: %d", code)
	}
	f.drain(t)
	var statuses []int
	for _, u := range f.sim.History(ref) {
		statuses = append(statuses, u.Status)
	}
	if len(statuses) != 2 || statuses[0] != 1 || statuses[1] != 2 {
		t.Fatalf("portal holds %v, want [1 2]", statuses)
	}
	// A counter dossier of a procedure the portal refuses.
	f.sim.Reject("1.013859", "thủ tục chưa được công khai trên Cổng")
	tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
	if err != nil {
		t.Fatal(err)
	}
	if code, res := api(t, f.fixture, "POST", "/api/v1/dossiers", tok,
		`{"procedure_code":"1.013859","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082092007781"}}`); code != 201 {
		t.Fatalf("intake: %d %v", code, res)
	}
	f.drain(t)
	code, body = clerk.get("/admin/dvcqg")
	if code != 200 || !strings.Contains(body, "chưa được công khai trên Cổng") || !strings.Contains(body, "Gửi thất bại") ||
		!strings.Contains(body, "Chỉ số 1.4") || !strings.Contains(body, "1/2 hồ sơ tiếp nhận trong kỳ đã đồng bộ") {
		t.Fatalf("sync report: %d %s", code, body)
	}
	if strings.Contains(body, "/gui-lai") {
		t.Error("the clerk may not requeue")
	}
	if !regexp.MustCompile(`href="/admin/dossiers/[^"]+"`).MatchString(body) {
		t.Error("the clerk's sync report links no dossier")
	}
	// The administrator requeues, imports the catalogue.
	admin := f.browser()
	admin.login("STP-A", "admin", password)
	_, body = admin.get("/admin/dvcqg")
	// The administrator reads no dossier: the report names their codes
	// without links the dossier page would refuse.
	if strings.Contains(body, `href="/admin/dossiers/`) {
		t.Error("the administrator's sync report links dossiers they may not open")
	}
	m := regexp.MustCompile(`action="/admin/dvcqg/([0-9a-f-]+)/gui-lai"`).FindStringSubmatch(body)
	id := ""
	if m != nil {
		id = m[1]
	}
	if id == "" {
		t.Fatalf("no requeue button for the administrator: %s", body)
	}
	f.sim.Reject("1.013859", "")
	if code, _ := admin.post("/admin/dvcqg/"+id+"/gui-lai", url.Values{"csrf": {admin.csrf}}); code != 303 {
		t.Fatalf("requeue %d", code)
	}
	f.drain(t)
	code, body = admin.post("/admin/dvcqg/danh-muc", url.Values{"csrf": {admin.csrf}})
	if code != 200 || !strings.Contains(body, "9.900001") || !strings.Contains(body, "Thêm vào danh mục") || !strings.Contains(body, "Căn cứ pháp lý") {
		t.Fatalf("import: %d %s", code, body)
	}
	// The clerk may not import; another tenant sees none of it.
	if code, _ := clerk.post("/admin/dvcqg/danh-muc", url.Values{"csrf": {clerk.csrf}}); code != 403 {
		t.Fatalf("clerk import: %d", code)
	}
	other := f.browser()
	other.login("STP-B", "clerk", password)
	if _, body := other.get("/admin/dvcqg"); strings.Contains(body, "G22.99-260302-000001") || strings.Contains(body, "chưa được công khai") {
		t.Fatal("another tenant sees the sync report")
	}
}

// TestNationalPortalInBrowser: the desk's journey on /admin/dvcqg in
// Chromium, with screenshots: a dossier filed on the (simulated) portal is
// received, opened, and its statuses appear on the portal's side.
func TestNationalPortalInBrowser(t *testing.T) {
	f := newDVCQGFixture(t, sqlstore.SQLite)
	b := newDeskBrowser(t, "dvcqg")
	base := f.srv.URL
	b.login(base, "clerk")
	b.do("open", chromedp.Navigate(base+"/admin/dvcqg"), chromedp.WaitVisible(chromedp.ID("dong-bo-loi")))
	b.do("file a sample on the portal", chromedp.Click(chromedp.CSS(`form[action="/admin/dvcqg/mo-phong"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash, [role=status]`)))
	b.do("receive", chromedp.Click(chromedp.CSS(`form[action="/admin/dvcqg/nhan"] button`)), chromedp.WaitVisible(chromedp.ID("ket-qua-nhan")))
	if s := b.text("#ket-qua-nhan"); !strings.Contains(s, "Lê Thị Thu Hà") || !strings.Contains(s, "Đã nhận") {
		t.Fatalf("received: %s", s)
	}
	b.shot("nhan-ho-so")
	b.do("open the dossier", chromedp.Click(chromedp.CSS(`#ket-qua-nhan a`)), chromedp.WaitVisible(chromedp.CSS("h1")))
	b.shot("ho-so")
	f.drain(t)
	f.sim.Reject("1.013859", "mã thủ tục chưa được công khai trên Cổng")
	tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
	if err != nil {
		t.Fatal(err)
	}
	api(t, f.fixture, "POST", "/api/v1/dossiers", tok, `{"procedure_code":"1.013859","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082092007781"}}`)
	f.drain(t)
	b.do("report", chromedp.Navigate(base+"/admin/dvcqg"), chromedp.WaitVisible(chromedp.ID("cong-mo-phong")))
	if s := b.text("#dong-bo-loi"); !strings.Contains(s, "chưa được công khai") {
		t.Fatalf("sync report: %s", s)
	}
	if s := b.text("#cong-mo-phong"); !strings.Contains(s, "Mới đăng ký") {
		t.Fatalf("simulator: %s", s)
	}
	b.shot("bao-cao-dong-bo")
}
