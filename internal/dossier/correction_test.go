package dossier

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

func correctionDossier() *Dossier {
	return &Dossier{Code: "000.00.00.H00-260302-0001", Status: Processing, Current: 1, AcceptedAt: ptr(at(2, 9, 0)), DueAt: ptr(at(16, 17, 0)),
		TimeLimit: calendar.Duration{Amount: 10, Unit: calendar.WorkingDays},
		Steps: []Step{
			{Name: "Tiếp nhận", UnitCode: "MOTCUA", Role: "reception_clerk", StartedAt: ptr(at(2, 9, 0)), FinishedAt: ptr(at(2, 10, 0))},
			{Name: "Thẩm định", UnitCode: "BTTP", Role: "specialist", StartedAt: ptr(at(2, 10, 0)), DueAt: ptr(at(12, 17, 0))},
			{Name: "Lãnh đạo ký", Role: "director"},
			{Name: "Trả kết quả", UnitCode: "MOTCUA", Role: "reception_clerk"}}}
}

const goodReason = "Theo đề nghị của Trưởng phòng BTTP ngày 05/3"

var (
	spec1  = Officer{ID: "s1", Name: "Nguyễn Văn A", Role: "specialist", UnitCode: "BTTP", Active: true}
	spec2  = Officer{ID: "s2", Name: "Trần Thị B", Role: "specialist", UnitCode: "BTTP", Active: true}
	head   = Officer{ID: "h1", Name: "Lê Văn C", Role: "unit_head", UnitCode: "BTTP", Active: true}
	other  = Officer{ID: "o1", Name: "Phạm D", Role: "specialist", UnitCode: "HCTP", Active: true}
	clerk  = Officer{ID: "c1", Name: "Võ E", Role: "reception_clerk", UnitCode: "BTTP", Active: true}
	gone   = Officer{ID: "s3", Name: "Đỗ F", Role: "specialist", UnitCode: "BTTP"}
	admin  = Actor{ID: "adm", Name: "quantri", Role: "admin"}
	holder = func(d *Dossier, id, name string) *Dossier {
		d.Steps[d.Current].AssigneeID, d.Steps[d.Current].Assignee = id, name
		return d
	}
)

// Who holds a step personally, the work a departing officer must hand
// over: a step moved to him, or one nobody else active may hold.
func TestHeldBy(t *testing.T) {
	for _, c := range []struct {
		name  string
		d     *Dossier
		o     Officer
		staff []Officer
		want  bool
	}{
		{"sole specialist of the unit", correctionDossier(), spec1, []Officer{spec1, head, gone}, true},
		{"shared with another specialist", correctionDossier(), spec1, []Officer{spec1, spec2}, false},
		{"the other specialist is inactive", correctionDossier(), spec1, []Officer{spec1, gone}, true},
		{"the head is a superior, not a holder", correctionDossier(), head, []Officer{spec1, head}, false},
		{"another unit", correctionDossier(), other, []Officer{other}, false},
		{"moved to him", holder(correctionDossier(), "s2", spec2.Name), spec2, []Officer{spec1, spec2}, true},
		{"moved to someone else", holder(correctionDossier(), "s2", spec2.Name), spec1, []Officer{spec1}, false},
		{"closed dossier", func() *Dossier { d := correctionDossier(); d.Status = Withdrawn; return d }(), spec1, []Officer{spec1}, false},
		{"result ready", func() *Dossier { d := correctionDossier(); d.Status = ResultReady; return d }(), spec1, []Officer{spec1}, false},
	} {
		if got := HeldBy(c.d, c.o, c.staff); got != c.want {
			t.Errorf("%s: HeldBy = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMayTake(t *testing.T) {
	s := &correctionDossier().Steps[1]
	for _, c := range []struct {
		name     string
		from, to Officer
		ok       bool
	}{
		{"another specialist of the unit", spec1, spec2, true},
		{"the unit's head (superior)", spec1, head, true},
		{"himself", spec1, spec1, false},
		{"inactive", spec1, gone, false},
		{"another unit", spec1, other, false},
		{"a clerk of the unit cannot hold a specialist's step", spec1, clerk, false},
	} {
		err := MayTake(s, c.from, c.to)
		if (err == nil) != c.ok {
			t.Errorf("%s: MayTake = %v, want ok %v", c.name, err, c.ok)
		}
		if err != nil && apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%s: code %v, want invalid", c.name, apperr.CodeOf(err))
		}
	}
}

func TestReassign(t *testing.T) {
	staff := []Officer{spec1, head}
	d := correctionDossier()
	ev, err := Reassign(d, spec1, head, staff, goodReason, admin, at(5, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	s := d.CurrentStep()
	if s.AssigneeID != head.ID || ev.Action != ActReassign || ev.From != Processing || ev.To != Processing || ev.Reason != goodReason {
		t.Fatalf("step %+v, event %+v", s, ev)
	}
	if !strings.Contains(ev.Detail, "từ Nguyễn Văn A sang Lê Văn C") {
		t.Errorf("history line: %q", ev.Detail)
	}
	// The head now holds the step as its holder, not on anyone's behalf.
	if h := HoldingOf(Actor{ID: head.ID, Role: head.Role, UnitCode: "BTTP"}, s); h != Holder {
		t.Errorf("the new holder is %v", h)
	}
	if err := OnBehalfRule(d, ActForward, Actor{ID: head.ID, Role: head.Role, UnitCode: "BTTP"}, Input{}); err != nil {
		t.Errorf("the new holder forwards: %v", err)
	}
	// Moved once, it is the head's: the specialist holds it no more.
	if _, err := Reassign(d, spec1, head, staff, goodReason, admin, at(5, 9, 0)); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("moving a step the officer no longer holds: %v", err)
	}
	// A short reason is refused and nothing changes.
	d2 := correctionDossier()
	if _, err := Reassign(d2, spec1, head, staff, "nghỉ việc", admin, at(5, 9, 0)); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("short reason: %v", err)
	}
	if d2.CurrentStep().AssigneeID != "" {
		t.Error("a refused move changed the step")
	}
}

func TestResetDue(t *testing.T) {
	env := testEnv(t) // 10/3/2026
	for _, c := range []struct {
		name   string
		mod    func(*Dossier)
		due    time.Time
		reason string
		code   apperr.Code
	}{
		{"working day after the legal due", nil, at(18, 17, 0), goodReason, ""},
		{"earlier than the legal due", nil, at(13, 17, 0), goodReason, ""},
		{"before reception", nil, time.Date(2026, 2, 27, 17, 0, 0, 0, calendar.Zone()), goodReason, apperr.Invalid},
		{"a Saturday", nil, at(14, 17, 0), goodReason, apperr.Invalid},
		{"the same as now", nil, at(16, 17, 0), goodReason, apperr.Invalid},
		{"short reason", nil, at(18, 17, 0), "sai hạn", apperr.Invalid},
		{"not accepted", func(d *Dossier) { d.AcceptedAt, d.DueAt, d.Status = nil, nil, Submitted }, at(18, 17, 0), goodReason, apperr.Conflict},
		{"already returned", func(d *Dossier) { d.Status = Returned }, at(18, 17, 0), goodReason, apperr.Conflict},
		{"waiting for a supplement", func(d *Dossier) { d.Status = SupplementWaiting }, at(18, 17, 0), goodReason, apperr.Conflict},
	} {
		d := correctionDossier()
		if c.mod != nil {
			c.mod(d)
		}
		ev, err := ResetDue(d, c.due, c.reason, admin, env)
		if apperr.CodeOf(err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, err, c.code)
			continue
		}
		if err != nil {
			if len(d.DueResets) != 0 {
				t.Errorf("%s: refused but recorded", c.name)
			}
			continue
		}
		// The legal due date, which the statistics read, is kept.
		if !d.DueAt.Equal(at(16, 17, 0)) || !d.StatDue().Equal(at(16, 17, 0)) {
			t.Errorf("%s: legal due moved to %v", c.name, d.DueAt)
		}
		if got := d.CorrectedDue(); got == nil || !got.Equal(c.due) {
			t.Errorf("%s: corrected due %v", c.name, got)
		}
		if !strings.Contains(ev.Detail, "16/03/2026") || !strings.Contains(ev.Detail, calendar.DateOf(c.due).FormatVN()) {
			t.Errorf("%s: detail %q", c.name, ev.Detail)
		}
	}
	// A second correction starts from the first.
	d := correctionDossier()
	if _, err := ResetDue(d, at(18, 17, 0), goodReason, admin, env); err != nil {
		t.Fatal(err)
	}
	if _, err := ResetDue(d, at(19, 17, 0), goodReason, admin, env); err != nil {
		t.Fatal(err)
	}
	if r := d.DueResets[1]; !r.From.Equal(at(18, 17, 0)) || !r.To.Equal(at(19, 17, 0)) {
		t.Errorf("second reset %+v", r)
	}
	// A supplement received after the correction: the law counted the due
	// date again, the correction lapses.
	d.Supplements = []Supplement{{At: at(11, 9, 0), ReceivedAt: ptr(at(12, 9, 0))}}
	if c := d.CorrectedDue(); c != nil {
		t.Errorf("a correction made before the supplement arrived still applies: %v", c)
	}
	d.Supplements[0].At, d.Supplements[0].ReceivedAt = at(4, 9, 0), ptr(at(5, 9, 0))
	if c := d.CorrectedDue(); c == nil || !c.Equal(at(19, 17, 0)) {
		t.Errorf("a correction made after the supplement arrived: %v", c)
	}
}

// closed returns a dossier closed by act from status from, and its history.
func closed(t *testing.T, from Status, act Action, mod func(*Dossier)) (*Dossier, []Event) {
	t.Helper()
	d := correctionDossier()
	d.Status = from
	if mod != nil {
		mod(d)
	}
	actor := Actor{ID: "c", Name: "clerk", Role: "reception_clerk", UnitCode: "MOTCUA"}
	in := Input{Reason: "Người nộp đề nghị"}
	if act == ActStop {
		actor = Actor{ID: "h", Name: "head", Role: "unit_head", UnitCode: "BTTP"}
	}
	env := testEnv(t)
	if act == ActReturnIncomplete {
		env.Now = at(31, 9, 0)
	}
	ev, err := Apply(d, act, actor, in, env)
	if err != nil {
		t.Fatalf("%s: %v", act, err)
	}
	return d, []Event{{Action: ActAccept, From: Submitted, To: Accepted}, ev}
}

func TestRestore(t *testing.T) {
	sup := func(d *Dossier) {
		d.Supplements = []Supplement{{At: at(3, 9, 0), Reason: "thiếu giấy tờ"}}
	}
	for _, c := range []struct {
		name   string
		from   Status
		act    Action
		mod    func(*Dossier)
		want   Status
		reopen bool // the step the closing ended is open again
	}{
		{"withdrawn while processing", Processing, ActWithdraw, nil, Processing, true},
		{"withdrawn while waiting for the fee", FeeWaiting, ActWithdraw, nil, FeeWaiting, true},
		{"stopped", Processing, ActStop, nil, Processing, true},
		{"returned for want of a supplement", SupplementWaiting, ActReturnIncomplete, sup, SupplementWaiting, true},
		{"refused at intake", Submitted, ActRefuse, func(d *Dossier) { d.Current = -1; d.AcceptedAt, d.DueAt = nil, nil }, Submitted, false},
	} {
		d, evs := closed(t, c.from, c.act, c.mod)
		ev, err := Restore(d, evs, goodReason, admin, at(20, 9, 0))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if d.Status != c.want || d.Ended != "" || d.FinishedAt != nil || d.ReturnedAt != nil || d.EndReason != "" {
			t.Errorf("%s: restored to %v (ended %q, finished %v)", c.name, d.Status, d.Ended, d.FinishedAt)
		}
		if ev.Action != ActRestore || ev.To != c.want || ev.Reason != goodReason || !strings.Contains(ev.Detail, c.act.Label()) {
			t.Errorf("%s: event %+v", c.name, ev)
		}
		if s := d.CurrentStep(); c.reopen && (s == nil || s.FinishedAt != nil || s.Outcome != "") {
			t.Errorf("%s: step not reopened: %+v", c.name, s)
		}
		if d.DueAt != nil && !d.DueAt.Equal(at(16, 17, 0)) {
			t.Errorf("%s: legal due moved", c.name)
		}
	}
	// Short reason.
	d, evs := closed(t, Processing, ActWithdraw, nil)
	if _, err := Restore(d, evs, "nhầm", admin, at(20, 9, 0)); apperr.CodeOf(err) != apperr.Invalid || d.Status != Withdrawn {
		t.Errorf("short reason: %v, status %v", err, d.Status)
	}
	// Refused by the rule (Decree 118/2025/NĐ-CP: a decision that went out
	// is corrected by its author, not reopened).
	for _, c := range []struct {
		name string
		mod  func(*Dossier)
	}{
		{"result returned", func(d *Dossier) { d.Status, d.Ended = Returned, EndResult }},
		{"refused resolution", func(d *Dossier) { d.Status, d.Ended = ResultReady, EndRejected }},
		{"result ready", func(d *Dossier) { d.Status, d.Ended = ResultReady, EndResult }},
		{"still processing", nil},
		{"handed over", func(d *Dossier) { d.Status, d.Ended = Stopped, EndTransferred }},
		{"no closing in the history", func(d *Dossier) { d.Status, d.Ended = Withdrawn, EndWithdrawn }},
	} {
		d := correctionDossier()
		if c.mod != nil {
			c.mod(d)
		}
		if _, err := RestoreRule(d, []Event{{Action: ActAccept, From: Submitted, To: Accepted}}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("%s: %v, want conflict", c.name, err)
		}
	}
}
