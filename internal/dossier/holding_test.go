package dossier

import (
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Who holds a step (issue 14, item 8): the step's own holder completes it;
// a superior may act on a subordinate's step only on purpose, with a reason
// that the history keeps. Decree 118/2025/NĐ-CP, Art. 20-21: each step of
// the internal process is done by the officer or unit it names.
func TestHoldingOf(t *testing.T) {
	bttpSpec := &Step{Name: "Thẩm định", UnitCode: "BTTP", Role: "specialist"}
	bttpAny := &Step{Name: "Xử lý", UnitCode: "BTTP"}
	director := &Step{Name: "Lãnh đạo ký", Role: "director"}
	for _, c := range []struct {
		a    Actor
		s    *Step
		want Holding
	}{
		{Actor{Role: "specialist", UnitCode: "BTTP"}, bttpSpec, Holder},
		{Actor{Role: "specialist", UnitCode: "HCTP"}, bttpSpec, NotHolder},
		{Actor{Role: "unit_head", UnitCode: "BTTP"}, bttpSpec, Superior},
		{Actor{Role: "unit_head", UnitCode: "HCTP"}, bttpSpec, NotHolder},
		{Actor{Role: "director"}, bttpSpec, Superior},
		{Actor{Role: "unit_head", UnitCode: "BTTP"}, bttpAny, Holder},
		{Actor{Role: "specialist", UnitCode: "BTTP"}, bttpAny, Holder},
		{Actor{Role: "director"}, director, Holder},
		{Actor{Role: "unit_head", UnitCode: "BTTP"}, director, NotHolder},
		{Actor{Role: "reception_clerk", UnitCode: "MOTCUA"}, director, NotHolder},
		{Actor{Role: "agency_liaison", UnitCode: "CA_TINH"}, &Step{UnitCode: "CA_TINH", Role: "agency_liaison"}, Holder},
		{Actor{Role: "director"}, nil, NotHolder},
	} {
		if got := HoldingOf(c.a, c.s); got != c.want {
			t.Errorf("HoldingOf(%+v, %+v) = %v, want %v", c.a, c.s, got, c.want)
		}
	}
}

func TestOnBehalfRuleAndRecord(t *testing.T) {
	env := testEnv(t)
	mk := func() *Dossier {
		return &Dossier{Status: Processing, Current: 1, Steps: []Step{
			{Name: "Tiếp nhận", UnitCode: "MOTCUA", Role: "reception_clerk"},
			{Name: "Thẩm định", UnitCode: "BTTP", Role: "specialist", Allotted: calendar.Duration{Amount: 3, Unit: calendar.WorkingDays}},
			{Name: "Lãnh đạo ký", Role: "director", Allotted: calendar.Duration{Amount: 1, Unit: calendar.WorkingDays}},
			{Name: "Trả kết quả", UnitCode: "MOTCUA", Role: "reception_clerk"}}}
	}
	spec := Actor{Name: "cv.bttp", Role: "specialist", UnitCode: "BTTP"}
	head := Actor{Name: "tp.bttp", Role: "unit_head", UnitCode: "BTTP"}
	if err := OnBehalfRule(mk(), ActForward, spec, Input{}); err != nil {
		t.Errorf("the holder forwards: %v", err)
	}
	if err := OnBehalfRule(mk(), ActForward, spec, Input{OnBehalf: true, Reason: "x"}); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("the holder claims to act on behalf: %v", err)
	}
	err := OnBehalfRule(mk(), ActForward, head, Input{})
	if apperr.CodeOf(err) != apperr.Forbidden || !strings.Contains(apperr.As(err).Message, "chuyên viên") {
		t.Errorf("a superior without saying so: %v", err)
	}
	if err := OnBehalfRule(mk(), ActForward, head, Input{OnBehalf: true}); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("on behalf without a reason: %v", err)
	}
	if err := OnBehalfRule(mk(), ActForward, head, Input{OnBehalf: true, Reason: "Chuyên viên nghỉ ốm"}); err != nil {
		t.Errorf("on behalf with a reason: %v", err)
	}
	if err := OnBehalfRule(mk(), ActReturn, head, Input{}); err != nil {
		t.Errorf("not a step action: %v", err)
	}
	// Recorded: the event says who acted on whose step, and why.
	d := mk()
	ev, err := Apply(d, ActForward, head, Input{OnBehalf: true, Reason: "Chuyên viên nghỉ ốm"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ev.Detail, `Làm thay người giữ bước "Thẩm định" (chuyên viên): Chuyên viên nghỉ ốm`) || d.Current != 2 {
		t.Errorf("on-behalf forward recorded as %q", ev.Detail)
	}
	if ev, err = Apply(mk(), ActForward, spec, Input{}, env); err != nil || strings.Contains(ev.Detail, "Làm thay") {
		t.Errorf("the holder's forward: %q %v", ev.Detail, err)
	}
}

// "Trả lại bước trước": the holder sends the dossier back one step with a
// reason; the previous step starts again, the dossier's due time stays.
func TestSendBack(t *testing.T) {
	env := testEnv(t)
	due := at(20, 17, 0)
	d := &Dossier{Status: Processing, Current: 2, DueAt: &due, Steps: []Step{
		{Name: "Tiếp nhận", UnitCode: "MOTCUA"},
		{Name: "Thẩm định", UnitCode: "BTTP", Role: "specialist", Allotted: calendar.Duration{Amount: 3, Unit: calendar.WorkingDays}},
		{Name: "Lãnh đạo ký", Role: "director", Allotted: calendar.Duration{Amount: 1, Unit: calendar.WorkingDays}},
		{Name: "Trả kết quả", UnitCode: "MOTCUA"}}}
	started := at(9, 9, 0)
	d.Steps[2].StartedAt = &started
	dir := Actor{Name: "giamdoc", Role: "director"}
	if _, err := Apply(d, ActSendBack, dir, Input{}, env); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("send back without a reason: %v", err)
	}
	if _, err := Apply(d, ActSendBack, Actor{Role: "specialist", UnitCode: "BTTP"}, Input{Reason: "x"}, env); apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("a non-holder sends back: %v", err)
	}
	ev, err := Apply(d, ActSendBack, dir, Input{Reason: "Thiếu ý kiến thẩm định về trụ sở"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if d.Current != 1 || d.Status != Processing || d.Steps[1].FinishedAt != nil || d.Steps[1].StartedAt == nil || !d.Steps[1].StartedAt.Equal(env.Now) {
		t.Errorf("after send back: current %d, step %+v", d.Current, d.Steps[1])
	}
	if d.Steps[2].FinishedAt == nil || !strings.Contains(d.Steps[2].Note, "Thiếu ý kiến thẩm định") || !d.DueAt.Equal(due) {
		t.Errorf("the director's step: %+v, due %v", d.Steps[2], d.DueAt)
	}
	if ev.Reason != "Thiếu ý kiến thẩm định về trụ sở" || !strings.Contains(ev.Detail, "Trả lại: Thẩm định") {
		t.Errorf("event: %+v", ev)
	}
	// Not from the first processing step back to the desk's intake... it is
	// allowed from step 1 to 0, never from 0.
	d.Current = 0
	if _, err := Apply(d, ActSendBack, dir, Input{Reason: "x"}, env); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("send back from the first step: %v", err)
	}
}

func testEnv(t *testing.T) Env {
	t.Helper()
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	return Env{Now: at(10, 9, 0), Cal: cal}
}

// The director's approval needs the result it approves.
func TestApprovalRule(t *testing.T) {
	d := &Dossier{Status: Processing, Current: 1, Steps: []Step{{Name: "Thẩm định", UnitCode: "BTTP"}, {Name: "Lãnh đạo ký", Role: "director"}, {Name: "Trả", UnitCode: "MOTCUA"}}}
	if !IsApproval(d) {
		t.Fatal("the director's step is not an approval")
	}
	if err := ApprovalRule(d, ActForward, false); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("approval without a result: %v", err)
	}
	if err := ApprovalRule(d, ActForward, true); err != nil {
		t.Errorf("approval with a result: %v", err)
	}
	if err := ApprovalRule(d, ActSendBack, false); err != nil {
		t.Errorf("sending back needs no result: %v", err)
	}
	d.Current = 0
	if err := ApprovalRule(d, ActForward, false); err != nil {
		t.Errorf("not the approval step: %v", err)
	}
}
