package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
	"tuphap/internal/web"
)

// wired is a server over the fixture's database with the parts the plain
// fixture leaves out: notifications (notify.Messages, the SMS simulator)
// and whatever mod sets.
type wired struct {
	*fixture
	dossiers *dossier.Service
	sms      *notify.SMSSimulator
	nudged   int
}

func (f *fixture) wire(t *testing.T, mod func(*web.Config)) *wired {
	t.Helper()
	svc := testrig.New(t, f.db, f.clock)
	svc.Org, svc.Auth = f.orgSvc, f.authSvc
	svc.Dossiers.Notify = notify.Messages
	w := &wired{dossiers: svc.Dossiers, sms: &notify.SMSSimulator{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	s := newServer(t, svc, func(cfg *web.Config) {
		cfg.SMS, cfg.NudgeOutbox = w.sms, func() { w.nudged++ }
		if mod != nil {
			mod(cfg)
		}
	})
	g := *f
	g.srv = httptest.NewServer(s.Handler())
	t.Cleanup(g.srv.Close)
	w.fixture = &g
	return w
}

func TestOutboxScreen(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		w := newFixture(t, e).wire(t, nil)
		ctx := context.Background()
		clerk := dossier.Actor{ID: "c", Name: "clerk", Role: string(org.Clerk), UnitCode: "MOTCUA"}
		d, err := w.dossiers.Intake(ctx, clerk, w.a.ID, dossier.IntakeRequest{Procedure: "notary.appointment", Channel: catalog.ChannelDirect,
			Applicant: dossier.Applicant{FullName: "Nguyễn Thị Hồng Nhung", IDNumber: "082190001234", Phone: "0912345678", Email: "nhung@example.vn"}})
		if err != nil {
			t.Fatal(err)
		}
		// Deliver: the SMS through the simulator; the e-mail relay refuses the address.
		wk := &notify.Worker{Queue: sqlstore.Outbox{DB: w.db}, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Senders: map[notify.Channel]notify.Sender{
			notify.SMS: &notify.SMSSender{Gateway: w.sms, Unaccented: true},
			notify.Email: senderFunc(func(context.Context, notify.Message) error {
				return notify.Permanent(errors.New("550 hộp thư không tồn tại"))
			}),
		}}
		if sent, err := wk.RunOnce(ctx); err != nil || sent != 1 {
			t.Fatalf("worker: sent %d, %v", sent, err)
		}

		admin := w.browser()
		admin.mustLogin("STP-A", "admin")
		code, body := admin.get("/admin/outbox")
		if code != 200 {
			t.Fatalf("outbox screen: %d", code)
		}
		for _, want := range []string{"Đã gửi", "Gửi thất bại", "550 hộp thư không tồn tại", "Tiếp nhận hồ sơ " + d.Code,
			"091****678", "nh***@example.vn", "Hộp thư SMS mô phỏng"} {
			if !strings.Contains(body, want) {
				t.Errorf("outbox screen lacks %q", want)
			}
		}
		// Issue 12 §10: the administrator may not view dossiers, so the
		// screen hides the look-up PIN and the applicant's data.
		for _, hidden := range []string{"tra cuu: " + d.LookupPIN, "tra cứu: " + d.LookupPIN, "Ho so " + d.Code + " da duoc tiep nhan", "Nguyễn Thị Hồng Nhung", "Nguyen Thi Hong Nhung"} {
			if strings.Contains(body, hidden) {
				t.Errorf("the administrator's outbox screen shows %q", hidden)
			}
		}
		if _, err := w.orgSvc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: w.a.ID, Username: "director", FullName: "Lãnh đạo Sở", Role: org.Director}, password); err != nil {
			t.Fatal(err)
		}
		director := w.browser()
		director.mustLogin("STP-A", "director")
		if _, dbody := director.get("/admin/outbox"); !strings.Contains(dbody, "Ho so "+d.Code+" da duoc tiep nhan") || !strings.Contains(dbody, d.LookupPIN) {
			t.Error("the director, who may view dossiers, does not see the messages")
		}
		if strings.Contains(body, "0912345678") || strings.Contains(body, "nhung@example.vn") {
			t.Error("outbox screen shows a full phone number or address")
		}
		dead, _ := w.db.Outbox().OutboxList(ctx, w.a.ID, sqlstore.OutboxFilter{Status: "dead"})
		if len(dead) != 1 {
			t.Fatalf("dead = %+v", dead)
		}
		id := dead[0].ID
		if !strings.Contains(body, "/admin/outbox/"+id+"/requeue") {
			t.Error("no requeue button for the dead message")
		}

		// Without the CSRF token: refused.
		if code, _ := admin.post("/admin/outbox/"+id+"/requeue", url.Values{}); code != http.StatusForbidden {
			t.Errorf("requeue without CSRF: %d", code)
		}
		// Another tenant's admin neither sees nor requeues it.
		other := w.browser()
		other.mustLogin("STP-B", "admin")
		if _, body := other.get("/admin/outbox"); strings.Contains(body, d.Code) {
			t.Error("tenant B sees tenant A's notifications")
		}
		if code, _ := other.post("/admin/outbox/"+id+"/requeue", url.Values{"csrf": {other.csrf}}); code != http.StatusConflict {
			t.Errorf("requeue by another tenant: %d, want 409", code)
		}
		// The clerk may not open the screen.
		c := w.browser()
		c.mustLogin("STP-A", "clerk")
		if code, _ := c.get("/admin/outbox"); code != http.StatusForbidden {
			t.Errorf("clerk on /admin/outbox: %d", code)
		}

		if code, _ := admin.post("/admin/outbox/"+id+"/requeue", url.Values{"csrf": {admin.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("requeue: %d", code)
		}
		if w.nudged != 1 {
			t.Errorf("worker nudged %d times after requeue", w.nudged)
		}
		if code, body := admin.post("/admin/outbox/"+id+"/requeue", url.Values{"csrf": {admin.csrf}}); code != http.StatusConflict || !strings.Contains(body, "Chỉ gửi lại được") {
			t.Errorf("second requeue: %d", code)
		}
		_, body = admin.get("/admin/audit")
		if !strings.Contains(body, "Gửi lại thông báo") {
			t.Error("requeue not in the audit log")
		}
	})
}

type senderFunc func(ctx context.Context, m notify.Message) error

func (f senderFunc) Send(ctx context.Context, m notify.Message) error { return f(ctx, m) }
