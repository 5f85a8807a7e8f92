package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// intake10 receives at the counter, at the clock's time, a dossier whose
// time limit is 10 working days, and hands it to the appraising unit.
func (e *dossierEnv) intake10(t *testing.T) dossier.Dossier {
	t.Helper()
	d, err := e.svc.Intake(context.Background(), clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: appointment,
		Channel: catalog.ChannelDirect, Applicant: applicant,
		Adjust: func(d *dossier.Dossier, _ catalog.Procedure) {
			d.TimeLimit = calendar.Duration{Amount: 10, Unit: calendar.WorkingDays}
		}})
	if err != nil {
		t.Fatal(err)
	}
	return e.act(t, clerk, d, dossier.ActForward, dossier.Input{})
}

func (e *dossierEnv) march(t *testing.T) report.Figures {
	t.Helper()
	r, err := e.db.Reports().Report(context.Background(), sqlstore.ReportScope{TenantID: e.tenant.ID},
		report.Period{From: calendar.NewDate(2026, 3, 1), To: calendar.NewDate(2026, 3, 31)})
	if err != nil {
		t.Fatal(err)
	}
	return r.Total
}

// Decree 118/2025/NĐ-CP Art. 19(5) through the dossier service, on both
// engines: the worked example (10 working days, accepted Mon
// 2/3/2026 09:00, asked on 4/3, supplemented Mon 9/3 09:00: due 23/3/2026,
// not 19/3); one request only; while the dossier waits, Biểu 06 counts it
// within time although its first due date (16/3) has passed.
func TestSupplementRestartThroughService(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		e.clock.Set(vn(2026, time.March, 2, 9, 0))
		d := e.intake10(t)
		if !d.DueAt.Equal(vn(2026, time.March, 16, 9, 0)) {
			t.Fatalf("first due %v", d.DueAt)
		}
		e.clock.Set(vn(2026, time.March, 4, 9, 0))
		d = e.act(t, specialist, d, dossier.ActRequestSupplement, dossier.Input{Reason: "Bổ sung giấy chứng nhận sức khỏe"})

		e.clock.Set(vn(2026, time.April, 2, 9, 0)) // a report made after the first due date
		if f := e.march(t); f.InProgress.WithinTime != 1 || f.InProgress.Overdue != 0 {
			t.Fatalf("waiting for the applicant: %+v, want within time", f.InProgress)
		}

		e.clock.Set(vn(2026, time.March, 9, 9, 0))
		d = e.act(t, clerk, d, dossier.ActSupplement, dossier.Input{})
		if want := vn(2026, time.March, 23, 9, 0); !d.DueAt.Equal(want) {
			t.Fatalf("due after the supplement %v, want %v", d.DueAt.In(calendar.Zone()), want)
		}
		stored, evs, err := e.svc.Get(ctx, e.tenant.ID, d.Code)
		if err != nil || !stored.DueAt.Equal(*d.DueAt) {
			t.Fatalf("stored due %v: %v", stored.DueAt, err)
		}
		if last := evs[len(evs)-1]; !strings.Contains(last.Detail, "23/03/2026") {
			t.Errorf("the event should state the new due date: %q", last.Detail)
		}
		_, err = e.svc.Act(ctx, specialist, e.tenant.ID, d.Code, dossier.ActRequestSupplement, dossier.Input{Reason: "Lần hai"})
		if apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("a second request: %v", err)
		}
		e.clock.Set(vn(2026, time.April, 2, 9, 0))
		if f := e.march(t); f.InProgress.WithinTime != 0 || f.InProgress.Overdue != 1 {
			t.Fatalf("after the supplement the new due date (23/3) counts: %+v", f.InProgress)
		}
	})
}

// Decree 118/2025/NĐ-CP Art. 19(5): 15 days without the supplement, the desk
// returns the dossier, the applicant is told, and Biểu 06 counts it resolved
// on time; Art. 19(3): a refusal after appraisal is resolved, on time inside
// the limit.
func TestReturnIncompleteAndRefusalThroughService(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		e.clock.Set(vn(2026, time.March, 2, 9, 0))
		d := e.intake10(t)
		r := e.intake10(t)
		e.clock.Set(vn(2026, time.March, 3, 9, 0))
		d = e.act(t, specialist, d, dossier.ActRequestSupplement, dossier.Input{Reason: "Bổ sung giấy chứng nhận sức khỏe"})
		r = e.act(t, specialist, r, dossier.ActRefuseResolution, dossier.Input{Reason: "Không đủ điều kiện bổ nhiệm"})
		if r.Status != dossier.ResultReady || r.Ended != dossier.EndRejected {
			t.Fatalf("refused: status %d ended %q", r.Status, r.Ended)
		}
		e.clock.Set(vn(2026, time.March, 17, 9, 0))
		if _, err := e.svc.Act(ctx, clerk, e.tenant.ID, d.Code, dossier.ActReturnIncomplete, dossier.Input{}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("returned on day 14: %v", err)
		}
		e.clock.Set(vn(2026, time.March, 18, 9, 0))
		d = e.act(t, clerk, d, dossier.ActReturnIncomplete, dossier.Input{})
		if d.Ended != dossier.EndIncomplete || d.ReturnedAt == nil {
			t.Fatalf("returned: %+v", d)
		}
		told := false
		for _, m := range *e.sent {
			told = told || strings.HasPrefix(m.Body, "dossier.returned_incomplete")
		}
		if !told {
			t.Error("the applicant was not notified")
		}
		e.clock.Set(vn(2026, time.April, 2, 9, 0))
		f := e.march(t)
		if f.Resolved.Total != 2 || f.Resolved.OnTime != 1 || f.Resolved.Early != 1 || f.InProgress.Total != 0 {
			t.Fatalf("figures: %+v", f)
		}
	})
}
