package sqlstore_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
)

type testClock = testrig.Clock

func vn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Zone())
}

type dossierEnv struct {
	db     *sqlstore.DB
	svc    *dossier.Service
	clock  *testClock
	tenant org.Tenant
	sent   *[]dossier.Outgoing
}

func newDossierEnv(t *testing.T, e sqlstore.Engine) *dossierEnv { return newDossierEnvTB(t, e) }

func newDossierEnvTB(t testing.TB, e sqlstore.Engine) *dossierEnv {
	t.Helper()
	clk := testrig.NewClock(vn(2026, time.November, 23, 8, 0)) // Monday
	db := storetest.Open(t, e, sqlstore.Options{Now: clk.Now})
	ten := mustTenant(t, newService(db), "STP-A", "000.00.00.H82")
	cal := &calendar.Admin{Store: sqlstore.CalendarStore{DB: db}}
	var sent []dossier.Outgoing
	svc := testrig.New(t, db, clk).Dossiers
	svc.Calendar = func(ctx context.Context, tenantID string) (*calendar.RuleBook, error) {
		return cal.Book(ctx, tenantID, ten.Hours)
	}
	svc.Notify = func(kind string, d *dossier.Dossier) []dossier.Outgoing {
		m := dossier.Outgoing{Channel: "sms", To: d.Applicant.Phone, Body: kind + " " + d.Code, Key: kind + ":" + d.ID}
		sent = append(sent, m)
		return []dossier.Outgoing{m}
	}
	return &dossierEnv{db: db, svc: svc, clock: clk, tenant: ten, sent: &sent}
}

var (
	clerk      = dossier.Actor{ID: "o1", Name: "motcua", Role: "reception_clerk", UnitCode: "MOTCUA"}
	specialist = dossier.Actor{ID: "o2", Name: "chuyenvien", Role: "specialist", UnitCode: "BTTP"}
	otherSpec  = dossier.Actor{ID: "o3", Name: "cv-hctp", Role: "specialist", UnitCode: "HCTP"}
	head       = dossier.Actor{ID: "o4", Name: "truongphong", Role: "unit_head", UnitCode: "BTTP"}
	director   = dossier.Actor{ID: "o5", Name: "giamdoc", Role: "director"}
	police     = dossier.Actor{ID: "o6", Name: "congan", Role: "agency_liaison", UnitCode: "UBND_TINH"}
)

var applicant = dossier.Applicant{FullName: "Nguyễn Thị Hồng Nhung", IDNumber: "082190001234", Phone: "0912 345 678", Email: "nhung@example.vn", Address: "Phường 1, Đồng Tháp"}

// notary.appointment: 20 working days; steps MOTCUA 4h, BTTP specialist 7d,
// BTTP head 1d, director 1d, UBND_TINH 10d, MOTCUA 4h.
const appointment = "notary.appointment"

func (e *dossierEnv) intake(t *testing.T, ch catalog.Channel) dossier.Dossier {
	t.Helper()
	d, err := e.svc.Intake(context.Background(), clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: appointment, Channel: ch, Applicant: applicant})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (e *dossierEnv) act(t *testing.T, a dossier.Actor, d dossier.Dossier, act dossier.Action, in dossier.Input) dossier.Dossier {
	t.Helper()
	got, err := e.svc.Act(context.Background(), a, e.tenant.ID, d.Code, act, in)
	if err != nil {
		t.Fatalf("%s by %s at status %d: %v", act, a.Name, d.Status, err)
	}
	return got
}

func TestDossierCounterIntakeAndFullLifecycle(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		d := e.intake(t, catalog.ChannelDirect)
		// Accepted Mon 23/11/2026 08:00: code with the day's first number;
		// 20 working days later, across the Ngày Văn hóa holiday on 24/11.
		if d.Status != dossier.Accepted || d.Code != "000.00.00.H82-261123-0001" {
			t.Fatalf("intake: status %d code %q", d.Status, d.Code)
		}
		cal0, _ := calendarOf(t, e)
		want, _ := cal0.Due(vn(2026, time.November, 23, 8, 0), calendar.Duration{Amount: 20, Unit: calendar.WorkingDays}, nil)
		if !d.DueAt.Equal(want) {
			t.Fatalf("due %v, want %v", d.DueAt, want)
		}
		if len(d.LookupPIN) != 6 || d.Applicant.Phone != "0912345678" {
			t.Fatalf("PIN %q phone %q", d.LookupPIN, d.Applicant.Phone)
		}
		// Illegal transitions are refused with a clear message.
		for _, c := range []struct {
			a   dossier.Actor
			act dossier.Action
			is  apperr.Code
		}{
			{clerk, dossier.ActReturn, apperr.Conflict},
			{clerk, dossier.ActRate, apperr.Conflict},
			{clerk, dossier.ActAccept, apperr.Conflict},
			{specialist, dossier.ActForward, apperr.Forbidden}, // the desk holds step 1
			{clerk, dossier.ActStop, apperr.Forbidden},
		} {
			_, err := e.svc.Act(ctx, c.a, e.tenant.ID, d.Code, c.act, dossier.Input{Reason: "x"})
			if apperr.CodeOf(err) != c.is {
				t.Errorf("%s by %s at 2: %v, want %s", c.act, c.a.Name, err, c.is)
			}
		}
		e.clock.Add(2 * time.Hour)
		d = e.act(t, clerk, d, dossier.ActForward, dossier.Input{})
		if d.Status != dossier.Processing || d.CurrentStep().UnitCode != "BTTP" || d.Steps[0].Outcome != dossier.OnTime {
			t.Fatalf("after forward: %d %+v", d.Status, d.Steps[0])
		}
		if _, err := e.svc.Act(ctx, otherSpec, e.tenant.ID, d.Code, dossier.ActForward, dossier.Input{}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("specialist of another unit forwarding: %v", err)
		}
		d = e.act(t, specialist, d, dossier.ActForward, dossier.Input{Note: "Hồ sơ đủ điều kiện"})
		d = e.act(t, head, d, dossier.ActForward, dossier.Input{})
		d = e.act(t, director, d, dossier.ActForward, dossier.Input{})
		if d.CurrentStep().UnitCode != "UBND_TINH" {
			t.Fatalf("step 5 unit %q", d.CurrentStep().UnitCode)
		}
		d = e.act(t, police, d, dossier.ActForward, dossier.Input{})
		if d.Status != dossier.ResultReady || d.Ended != dossier.EndResult || d.FinishedAt == nil {
			t.Fatalf("result ready: %d %q", d.Status, d.Ended)
		}
		if got := dossier.ResolvedOutcome(&d); got != dossier.Early {
			t.Fatalf("outcome %q, want early", got)
		}
		// No result while the fee is unpaid; the desk collects it against
		// an electronic receipt, then returns the result.
		if _, err := e.svc.Act(ctx, clerk, e.tenant.ID, d.Code, dossier.ActReturn, dossier.Input{}); apperr.CodeOf(err) != apperr.Conflict ||
			!strings.Contains(err.Error(), "chưa nộp phí") {
			t.Fatalf("return with the fee unpaid: %v", err)
		}
		sim := &ereceipt.Simulator{Now: e.clock.Now}
		var err error
		if d, err = e.svc.CollectFee(ctx, clerk, e.tenant.ID, d.Code, "Sở Tư pháp", sim.Issue); err != nil {
			t.Fatal(err)
		}
		if r := d.FeeReceipt; r == nil || r.Number != "0000001" || r.Amount != d.Fee || r.Payer != applicant.FullName || r.Form == "" || r.Series == "" {
			t.Fatalf("receipt %+v", d.FeeReceipt)
		}
		if _, err := e.svc.CollectFee(ctx, clerk, e.tenant.ID, d.Code, "Sở Tư pháp", sim.Issue); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("a second receipt: %v", err)
		}
		d = e.act(t, clerk, d, dossier.ActReturn, dossier.Input{})
		yes := true
		d = e.act(t, clerk, d, dossier.ActRate, dossier.Input{Satisfied: &yes, Comment: "Cán bộ nhiệt tình"})
		if d.Status != dossier.Returned || d.Rating == nil || !d.Rating.Satisfied {
			t.Fatalf("returned and rated: %d %+v", d.Status, d.Rating)
		}
		if _, err := e.svc.Act(ctx, clerk, e.tenant.ID, d.Code, dossier.ActRate, dossier.Input{Satisfied: &yes}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("second rating: %v", err)
		}
		_, evs, err := e.svc.Get(ctx, e.tenant.ID, d.Code)
		if err != nil || len(evs) != 10 { // 9 transitions and the fee collected
			t.Fatalf("events: %d %v", len(evs), err)
		}
		for i, ev := range evs {
			if ev.Seq != i+1 {
				t.Fatalf("event %d has seq %d", i, ev.Seq)
			}
		}
		if _, err := e.db.Audit().VerifyAudit(ctx, e.tenant.ID); err != nil {
			t.Fatal(err)
		}
		if n := len(*e.sent); n != 3 { // accepted, result ready, returned
			t.Fatalf("%d notifications, want 3", n)
		}
	})
}

func calendarOf(t *testing.T, e *dossierEnv) (*calendar.Calendar, error) {
	book, err := (&calendar.Admin{Store: sqlstore.CalendarStore{DB: e.db}}).Book(context.Background(), e.tenant.ID, e.tenant.Hours)
	if err != nil {
		t.Fatal(err)
	}
	return book.At(e.clock.Now()), nil
}

func TestDossierOnlineSupplementApologyAndLateness(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		d := e.intake(t, catalog.ChannelOnline)
		if d.Status != dossier.Submitted || d.Code != "" {
			t.Fatalf("online submission: %d %q", d.Status, d.Code)
		}
		in := dossier.Input{Reason: "Thiếu bản sao bằng cử nhân luật", Items: []string{"Bằng cử nhân luật"}}
		if _, err := e.svc.Act(ctx, clerk, e.tenant.ID, d.ID, dossier.ActRequestCompletion, in); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Act(ctx, clerk, e.tenant.ID, d.ID, dossier.ActRequestCompletion, in); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("second request to complete at intake: %v (only once is allowed)", err)
		}
		d, err := e.svc.Accept(ctx, clerk, e.tenant.ID, d.ID)
		if err != nil || d.Code == "" {
			t.Fatalf("accept: %v", err)
		}
		due0 := *d.DueAt
		d = e.act(t, clerk, d, dossier.ActForward, dossier.Input{})
		// Supplement requested Mon 23/11 10:00; received Wed 25/11 10:00:
		// accepted after 1/7/2025, the time limit restarts from zero when the
		// supplement arrives (Decree 118/2025/NĐ-CP Art. 19(5)), so the due
		// time moves by all the working time since acceptance (08:00 on
		// 23/11 to 10:00 on 25/11, the holiday of 24/11 not counted: 10 h).
		e.clock.Set(vn(2026, time.November, 23, 10, 0))
		if _, err := e.svc.Act(ctx, specialist, e.tenant.ID, d.Code, dossier.ActRequestSupplement, dossier.Input{}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("supplement request without a reason: %v", err)
		}
		d = e.act(t, specialist, d, dossier.ActRequestSupplement, dossier.Input{Reason: "Bổ sung giấy chứng nhận sức khỏe"})
		if d.Status != dossier.SupplementWaiting {
			t.Fatalf("status %d", d.Status)
		}
		e.clock.Set(vn(2026, time.November, 25, 10, 0))
		d = e.act(t, clerk, d, dossier.ActSupplement, dossier.Input{})
		cal, _ := calendarOf(t, e)
		moved := cal.WorkingTimeBetween(due0, *d.DueAt)
		if moved != 10*time.Hour {
			t.Fatalf("due moved by %v of working time, want 10h (restarted at the supplement)", moved)
		}
		// The specialist overruns the 7-day step; before the dossier's due
		// time the unit at fault issues the apology, once.
		// The head of the unit signs it, a day before the due date (Decree
		// 118/2025/NĐ-CP Art. 19(6)), for a working day a week later.
		e.clock.Set(d.DueAt.Add(-25 * time.Hour))
		newDue := d.DueAt.Add(7 * 24 * time.Hour)
		// A letter signed before it goes out has its number reserved first
		// (the signature covers it); the next number follows it.
		reserved, err := e.svc.ReserveApologyNumber(ctx, e.tenant.ID, "BTTP")
		if err != nil || reserved != "1/XL-BTTP" {
			t.Fatalf("reserved number %q, %v", reserved, err)
		}
		d = e.act(t, head, d, dossier.ActApologize, dossier.Input{Reason: "Cần xác minh thêm thông tin tại cơ quan cấp bằng", NewDueAt: &newDue, ApologyNumber: reserved})
		if d.Apology == nil || d.Apology.UnitCode != "BTTP" || d.Apology.Number != reserved {
			t.Fatalf("apology: %+v", d.Apology)
		}
		if next, err := e.svc.ReserveApologyNumber(ctx, e.tenant.ID, "BTTP"); err != nil || next != "2/XL-BTTP" {
			t.Fatalf("the next number %q, %v", next, err)
		}
		if _, err := e.svc.Act(ctx, head, e.tenant.ID, d.Code, dossier.ActApologize, dossier.Input{Reason: "x", NewDueAt: &newDue}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("second apology: %v", err)
		}
		e.clock.Set(d.DueAt.Add(30 * time.Hour))
		for _, a := range []dossier.Actor{specialist, head, director, police} {
			d = e.act(t, a, d, dossier.ActForward, dossier.Input{})
		}
		if dossier.ResolvedOutcome(&d) != dossier.Late || d.LateUnit != "BTTP" {
			t.Fatalf("late dossier: outcome %q late unit %q, want late and BTTP", dossier.ResolvedOutcome(&d), d.LateUnit)
		}
		if d.Steps[1].Outcome != dossier.Late {
			t.Fatalf("step 2 outcome %q", d.Steps[1].Outcome)
		}
	})
}

func TestDossierWithdrawStopRefuse(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		d := e.intake(t, catalog.ChannelDirect)
		d = e.act(t, clerk, d, dossier.ActWithdraw, dossier.Input{Reason: "Người nộp xin rút"})
		if d.Status != dossier.Withdrawn || dossier.ResolvedOutcome(&d) != dossier.OnTime {
			t.Fatalf("withdrawn: %d %q", d.Status, dossier.ResolvedOutcome(&d))
		}
		d2 := e.intake(t, catalog.ChannelPostal)
		d2 = e.act(t, clerk, d2, dossier.ActForward, dossier.Input{})
		if _, err := e.svc.Act(ctx, head, e.tenant.ID, d2.Code, dossier.ActStop, dossier.Input{}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("stop without reason: %v", err)
		}
		d2 = e.act(t, head, d2, dossier.ActStop, dossier.Input{Reason: "Người đề nghị không đủ điều kiện"})
		if d2.Status != dossier.Stopped || d2.Ended != dossier.EndStopped {
			t.Fatalf("stopped: %d", d2.Status)
		}
		if _, err := e.svc.Act(ctx, clerk, e.tenant.ID, d2.Code, dossier.ActWithdraw, dossier.Input{}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("withdraw after stop: %v", err)
		}
		d3 := e.intake(t, catalog.ChannelOnline)
		d3, err := e.svc.Act(ctx, clerk, e.tenant.ID, d3.ID, dossier.ActRefuse, dossier.Input{Reason: "Không thuộc thẩm quyền"})
		if err != nil || d3.Status != dossier.Refused {
			t.Fatalf("refuse: %v", err)
		}
		// Bad input never creates a dossier.
		for _, req := range []dossier.IntakeRequest{
			{Procedure: appointment, Channel: "fax", Applicant: applicant},
			{Procedure: "khong-co", Channel: catalog.ChannelDirect, Applicant: applicant},
			{Procedure: appointment, Channel: catalog.ChannelDirect, Applicant: dossier.Applicant{FullName: "A", IDNumber: "123"}},
		} {
			if _, err := e.svc.Intake(ctx, clerk, e.tenant.ID, req); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("bad intake %+v: %v", req, err)
			}
		}
	})
}

func TestDossierCodesUnderConcurrency(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		const n = 50
		codes := make(chan string, n)
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := e.svc.Intake(context.Background(), clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: appointment, Channel: catalog.ChannelDirect, Applicant: applicant})
				if err != nil {
					errs <- err
					return
				}
				codes <- d.Code
			}()
		}
		wg.Wait()
		close(codes)
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		var got []string
		for c := range codes {
			got = append(got, c)
		}
		sort.Strings(got)
		if len(got) != n {
			t.Fatalf("%d codes", len(got))
		}
		for i, c := range got {
			if want := fmt.Sprintf("000.00.00.H82-261123-%04d", i+1); c != want {
				t.Fatalf("code %d = %s, want %s (codes must be distinct and consecutive)", i, c, want)
			}
		}
	})
}

func TestDossierCodeFormat(t *testing.T) {
	t.Parallel()
	day := calendar.NewDate(2026, time.November, 23)
	for _, c := range []struct {
		seq  int
		want string
	}{{1, "000.00.00.H82-261123-0001"}, {9999, "000.00.00.H82-261123-9999"}, {10000, "000.00.00.H82-261123-10000"}} {
		got := dossier.FormatCode("000.00.00.H82", day, c.seq)
		if got != c.want {
			t.Errorf("FormatCode(%d) = %s, want %s", c.seq, got, c.want)
		}
		p, err := dossier.ParseCode(strings.ToLower(got))
		if err != nil || p.Seq != c.seq || p.Day != day || p.AgencyID != "000.00.00.H82" {
			t.Errorf("ParseCode(%s) = %+v, %v", got, p, err)
		}
	}
	for _, bad := range []string{"", "000.00.00.H82-261332-0001", "H82-261123-0001", "000.00.00.H82-261123-12", "000.00.00.H82-261123-0000"} {
		if _, err := dossier.ParseCode(bad); err == nil {
			t.Errorf("ParseCode(%q) accepted", bad)
		}
	}
}

var _ = audit.System
