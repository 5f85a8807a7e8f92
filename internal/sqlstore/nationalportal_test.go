package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/dvcqg"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/notify"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// drain runs the outbox worker until nothing is due.
func drain(t *testing.T, w *notify.Worker) {
	t.Helper()
	for range 20 {
		n, err := w.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

func nationalCode(t *testing.T, id string) string {
	t.Helper()
	all, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		if p.ID == id && p.Code != "" {
			return p.Code
		}
	}
	t.Fatalf("no national code for %s", id)
	return ""
}

// A dossier filed on the national portal (the simulator) is received in
// tuphap, processed and returned; every status change reaches the portal
// through the outbox, a push that fails for an outage is retried, one the
// portal rejects is listed in the sync report, and indicator 1.4 counts
// the dossiers whose receipt reached the portal.
func TestNationalPortalRoundTrip(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		np := e.db.NationalPortal()
		e.svc.Notify = nil
		e.svc.Sync = dvcqg.Outgoing
		sim := &dvcqg.Simulator{Now: e.clock.Now}
		code := nationalCode(t, "notary.card_issue")
		sim.File(dvcqg.SampleDossier("G22.99-261123-000123", code))

		res, err := dvcqg.Receive(ctx, sim, np, e.svc, clerk, e.tenant.ID, e.tenant.AgencyID)
		if err != nil || len(res) != 1 || res[0].Error != "" || res[0].Ref == "" {
			t.Fatalf("receive: %+v %v", res, err)
		}
		d, err := e.svc.Store.Dossier(ctx, e.tenant.ID, res[0].Ref)
		if err != nil || d.Status != dossier.Submitted || d.Channel != catalog.ChannelOnline || d.Extra[dvcqg.ExtraCode] != "G22.99-261123-000123" ||
			d.Applicant.FullName != "Lê Thị Thu Hà" {
			t.Fatalf("received dossier: %+v %v", d, err)
		}
		if ref, ok := sim.Acked("G22.99-261123-000123"); !ok || ref != d.ID {
			t.Fatalf("portal not acknowledged: %q %v", ref, ok)
		}
		// The portal lists it again (its acknowledgement was lost): received
		// once only.
		again := &dvcqg.Simulator{}
		again.File(dvcqg.SampleDossier("G22.99-261123-000123", code))
		res, err = dvcqg.Receive(ctx, again, np, e.svc, clerk, e.tenant.ID, e.tenant.AgencyID)
		if err != nil || len(res) != 1 || !res[0].Already || res[0].Ref != d.ID {
			t.Fatalf("second listing: %+v %v", res, err)
		}
		// A dossier for an unknown procedure stays on the portal with the reason.
		bad := &dvcqg.Simulator{}
		bad.File(dvcqg.SampleDossier("G22.99-261123-000124", "9.999999"))
		res, err = dvcqg.Receive(ctx, bad, np, e.svc, clerk, e.tenant.ID, e.tenant.AgencyID)
		if err != nil || len(res) != 1 || !strings.Contains(res[0].Error, "Không tìm thấy thủ tục") {
			t.Fatalf("unknown procedure: %+v %v", res, err)
		}
		if _, ok := bad.Acked("G22.99-261123-000124"); ok {
			t.Fatal("a dossier not received was acknowledged")
		}

		// Processed and returned in tuphap.
		e.clock.Add(time.Hour)
		if d, err = e.svc.Accept(ctx, clerk, e.tenant.ID, d.ID); err != nil {
			t.Fatal(err)
		}
		d = e.act(t, clerk, d, dossier.ActForward, dossier.Input{})
		d = e.act(t, specialist, d, dossier.ActForward, dossier.Input{})
		d = e.act(t, head, d, dossier.ActForward, dossier.Input{})
		d = e.act(t, director, d, dossier.ActForward, dossier.Input{})
		if d, err = e.svc.CollectFee(ctx, clerk, e.tenant.ID, d.Code, "Sở Tư pháp", (&ereceipt.Simulator{Now: e.clock.Now}).Issue); err != nil {
			t.Fatal(err)
		}
		d = e.act(t, clerk, d, dossier.ActReturn, dossier.Input{})

		// The worker pushes; the portal is down for the first try.
		sim.FailNext(1)
		w := &notify.Worker{Queue: sqlstore.Outbox{DB: e.db}, Concurrency: 1, Now: e.clock.Now,
			Backoff: func(int) time.Duration { return 0 },
			Senders: map[notify.Channel]notify.Sender{dvcqg.Channel: &dvcqg.Sender{Portal: sim, Synced: np.MarkSynced, Now: e.clock.Now}}}
		drain(t, w)
		var got []int
		for _, u := range sim.History(d.ID) {
			got = append(got, u.Status)
			if u.NationalCode != "G22.99-261123-000123" || u.Procedure != code || u.Channel != 2 {
				t.Errorf("update %+v", u)
			}
		}
		if want := []int{1, 2, 4, 9, 10}; !equalInts(got, want) {
			t.Fatalf("the portal holds statuses %v, want %v", got, want)
		}
		st, ok, err := np.SyncState(ctx, e.tenant.ID, d.ID)
		if err != nil || !ok || st.LastStatus != dossier.Returned || !st.ReceivedSynced {
			t.Fatalf("sync state %+v %v %v", st, ok, err)
		}

		// A dossier at the counter whose procedure the portal rejects.
		sim.Reject(code, "mã thủ tục chưa được công bố trên Cổng")
		d2, err := e.svc.Intake(ctx, clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: code, Channel: catalog.ChannelDirect, Applicant: applicant})
		if err != nil {
			t.Fatal(err)
		}
		drain(t, w)
		fails, err := np.SyncFailures(ctx, e.tenant.ID, 50)
		if err != nil || len(fails) != 2 { // its submission and its acceptance
			t.Fatalf("failures: %+v %v", fails, err)
		}
		for _, f := range fails {
			if f.Status != "dead" || !strings.Contains(f.LastError, "chưa được công bố") || !strings.HasPrefix(f.Subject, d2.Code) {
				t.Errorf("failure %+v", f)
			}
		}
		tot, err := np.SyncTotals(ctx, e.tenant.ID)
		if err != nil || tot.Done != 5 || tot.Dead != 2 || tot.Pending != 0 {
			t.Fatalf("totals %+v %v", tot, err)
		}

		// Indicator 1.4: one of the two dossiers received synced.
		day := calendar.DateOf(e.clock.Now())
		c, err := e.db.Reports().IndexCounts(ctx, sqlstore.ReportScope{TenantID: e.tenant.ID}, report.Period{From: day, To: day})
		if err == nil {
			err = e.db.Reports().IndexExtras(ctx, sqlstore.ReportScope{TenantID: e.tenant.ID}, report.Period{From: day, To: day}, &c)
		}
		if err != nil || !c.SyncOn || c.SyncReceived != 2 || c.Synced != 1 {
			t.Fatalf("index counts %+v %v", c, err)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
