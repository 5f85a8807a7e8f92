package dossier

import (
	"errors"
	"testing"
	"time"

	"tuphap/internal/apperr"
)

// LetterAction: Decree 118/2025/NĐ-CP Art. 15 (completion at intake), 16
// (supplement during processing), 19(3) (refusal after appraisal); Mẫu 03
// at intake; Mẫu 04 while the dossier is open; the return of a dossier not
// supplemented only while it waits for the supplement.
func TestLetterAction(t *testing.T) {
	cases := []struct {
		k    LetterKind
		st   Status
		want Action
	}{
		{LetterSupplement, Submitted, ActRequestCompletion},
		{LetterSupplement, Processing, ActRequestSupplement},
		{LetterSupplement, Accepted, ActRequestSupplement},
		{LetterSupplement, ResultReady, ""},
		{LetterRefusal, Submitted, ActRefuse},
		{LetterRefusal, Processing, ActRefuseResolution},
		{LetterRefusal, SupplementWaiting, ActRefuseResolution},
		{LetterRefusal, Returned, ""},
		{LetterApology, Processing, ActApologize},
		{LetterApology, Submitted, ""},
		{LetterReturn, SupplementWaiting, ActReturnIncomplete},
		{LetterReturn, Processing, ""},
		{"other", Processing, ""},
	}
	for _, c := range cases {
		got, err := LetterAction(c.k, c.st)
		if got != c.want || (err == nil) != (c.want != "") {
			t.Errorf("LetterAction(%s, %d) = %q, %v; want %q", c.k, c.st, got, err, c.want)
		}
	}
}

func TestLetterForm(t *testing.T) {
	for act, want := range map[Action]string{ActRequestSupplement: "mau-02", ActRequestCompletion: "mau-02", ActRefuse: "mau-03",
		ActApologize: "mau-04", ActRefuseResolution: "tu-choi-giai-quyet", ActReturnIncomplete: "tra-lai", ActForward: ""} {
		if got := LetterForm(act); got != want {
			t.Errorf("LetterForm(%s) = %q, want %q", act, got, want)
		}
	}
}

// MaySignLetter: Decree 30/2020/NĐ-CP Art. 13: the head of the agency, or
// the head of the drafting unit by authorisation.
func TestMaySignLetter(t *testing.T) {
	l := &Letter{UnitCode: "HCTP"}
	desk := &Letter{UnitCode: ""}
	cases := []struct {
		name string
		l    *Letter
		a    Actor
		ok   bool
	}{
		{"director", l, Actor{Role: "director"}, true},
		{"head of the unit", l, Actor{Role: "unit_head", UnitCode: "HCTP"}, true},
		{"head of another unit", l, Actor{Role: "unit_head", UnitCode: "BTTP"}, false},
		{"unit head, letter of the desk", desk, Actor{Role: "unit_head", UnitCode: ""}, false},
		{"specialist", l, Actor{Role: "specialist", UnitCode: "HCTP"}, false},
		{"admin", l, Actor{Role: "admin"}, false},
		{"clerk", desk, Actor{Role: "reception_clerk"}, false},
	}
	for _, c := range cases {
		err := MaySignLetter(c.l, c.a)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
		if err != nil && apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("%s: want forbidden, got %v", c.name, err)
		}
	}
}

func TestLetterRule(t *testing.T) {
	drafter := Actor{ID: "o1", Role: "specialist", UnitCode: "HCTP"}
	head := Actor{ID: "o2", Role: "unit_head", UnitCode: "HCTP"}
	other := Actor{ID: "o3", Role: "specialist", UnitCode: "HCTP"}
	cases := []struct {
		name    string
		state   LetterState
		drafter Actor
		op      LetterOp
		a       Actor
		comment string
		ok      bool
	}{
		{"drafter submits", LetterDraft, drafter, OpSubmit, drafter, "", true},
		{"drafter resubmits after send-back", LetterSentBack, drafter, OpSubmit, drafter, "", true},
		{"colleague may not submit", LetterDraft, drafter, OpSubmit, other, "", false},
		{"no resubmit once submitted", LetterSubmitted, drafter, OpSubmit, drafter, "", false},
		{"drafter cancels", LetterDraft, drafter, OpCancel, drafter, "", true},
		{"drafter edits after send-back", LetterSentBack, drafter, OpEdit, drafter, "", true},
		{"no edit while the leader reads it", LetterSubmitted, drafter, OpEdit, drafter, "", false},
		{"the leader does not edit the drafter's text", LetterSubmitted, drafter, OpEdit, head, "", false},
		{"no cancel once approved", LetterApproved, drafter, OpCancel, drafter, "", false},
		{"head approves", LetterSubmitted, drafter, OpApprove, head, "", true},
		{"head may not approve a draft not submitted", LetterDraft, drafter, OpApprove, head, "", false},
		{"no second approval", LetterApproved, drafter, OpApprove, head, "", false},
		{"specialist may not approve", LetterSubmitted, drafter, OpApprove, other, "", false},
		{"send back needs a comment", LetterSubmitted, drafter, OpSendBack, head, "  ", false},
		{"send back with comment", LetterSubmitted, drafter, OpSendBack, head, "Sửa lý do", true},
		{"leader's own draft: one click", LetterDraft, head, OpApprove, head, "", true},
		{"unknown op", LetterDraft, drafter, "publish", drafter, "", false},
	}
	for _, c := range cases {
		l := &Letter{State: c.state, Drafter: c.drafter, UnitCode: c.drafter.UnitCode}
		if err := LetterRule(l, c.op, c.a, c.comment); (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestStepLetter(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	l := &Letter{State: LetterDraft}
	head := Actor{ID: "o2", Name: "truongphong", Role: "unit_head"}
	StepLetter(l, OpSubmit, Actor{ID: "o1", Name: "cv"}, "", now)
	StepLetter(l, OpSendBack, head, " Ghi rõ hạn ", now.Add(time.Hour))
	if l.State != LetterSentBack || l.Comment != "Ghi rõ hạn" {
		t.Fatalf("after send-back: %s %q", l.State, l.Comment)
	}
	StepLetter(l, OpSubmit, Actor{ID: "o1", Name: "cv"}, "", now.Add(2*time.Hour))
	StepLetter(l, OpApprove, head, "", now.Add(3*time.Hour))
	if l.State != LetterApproved || l.Approver == nil || l.Approver.ID != "o2" || !l.SignedAt.Equal(now.Add(3*time.Hour)) {
		t.Fatalf("after approval: %+v", l)
	}
	if len(l.Steps) != 4 || l.Steps[1].Op != "send_back" || l.Steps[3].Actor != "truongphong" {
		t.Fatalf("steps: %+v", l.Steps)
	}
}

func TestCheckLetterDraft(t *testing.T) {
	due := time.Date(2026, 12, 20, 17, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		k      LetterKind
		in     Input
		fields []string
	}{
		{"supplement complete", LetterSupplement, Input{Reason: "Thiếu giấy tờ", Items: []string{"Bản sao CCCD"}}, nil},
		{"supplement without items", LetterSupplement, Input{Reason: "Thiếu giấy tờ"}, []string{"items"}},
		{"refusal without reason", LetterRefusal, Input{}, []string{"reason"}},
		{"apology without date nor reason", LetterApology, Input{}, []string{"reason", "new_due_at"}},
		{"apology complete", LetterApology, Input{Reason: "Chờ ý kiến cơ quan phối hợp", NewDueAt: &due}, nil},
		{"return needs no reason", LetterReturn, Input{}, nil},
	}
	for _, c := range cases {
		err := CheckLetterDraft(c.k, c.in)
		var e *apperr.Error
		if len(c.fields) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !errors.As(err, &e) {
			t.Fatalf("%s: want a field error, got %v", c.name, err)
		}
		for _, f := range c.fields {
			if e.Fields[f] == "" {
				t.Errorf("%s: no message for %s in %v", c.name, f, e.Fields)
			}
		}
	}
}

func TestLetterRequiredRule(t *testing.T) {
	cases := []struct {
		act      Action
		role     string
		required bool
		ok       bool
	}{
		{ActRequestSupplement, "specialist", true, false},
		{ActRequestSupplement, "specialist", false, true},
		{ActRequestSupplement, "unit_head", true, true},
		{ActRefuse, "reception_clerk", true, false},
		{ActApologize, "director", true, true},
		{ActForward, "specialist", true, true},
		{ActSupplement, "citizen", true, true},
	}
	for _, c := range cases {
		if err := LetterRequiredRule(c.act, Actor{Role: c.role}, c.required); (err == nil) != c.ok {
			t.Errorf("%s by %s (required %v): %v", c.act, c.role, c.required, err)
		}
	}
}

// LetterActor: the apology is the leader's act (mayApologize); the other
// letters are the drafter's, signed off.
func TestLetterActor(t *testing.T) {
	drafter := Actor{ID: "o1", Role: "specialist"}
	head := Actor{ID: "o2", Role: "unit_head", IP: "10.0.0.2"}
	if a := LetterActor(&Letter{Kind: LetterApology, Drafter: drafter}, head); a.ID != "o2" {
		t.Errorf("apology acted by %s", a.ID)
	}
	if a := LetterActor(&Letter{Kind: LetterSupplement, Drafter: drafter}, head); a.ID != "o1" || a.IP != "10.0.0.2" {
		t.Errorf("supplement acted by %+v", a)
	}
}
