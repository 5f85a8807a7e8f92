package petition

import (
	"testing"

	"tuphap/internal/calendar"
)

func TestGroupRepresentatives(t *testing.T) {
	for _, tt := range []struct {
		name        string
		n, reps     int
		day         calendar.Date
		max         int
		wantProblem bool
	}{
		{"4 people are not a group (Decree 64/2014 Art. 4(1))", 4, 0, day(2026, 3, 2), 0, false},
		{"5 people send up to 2", 5, 2, day(2026, 3, 2), 2, false},
		{"10 people, 3 representatives is too many", 10, 3, day(2026, 3, 2), 2, true},
		{"11 people send up to 5", 11, 5, day(2026, 3, 2), 5, false},
		{"11 people, 6 representatives is too many", 11, 6, day(2026, 3, 2), 5, true},
		{"from 1/7/2026 (Decree 154/2026) the same limits", 30, 5, day(2026, 7, 6), 5, false},
		{"a group must send someone", 8, 0, day(2026, 7, 6), 2, true},
	} {
		if got := MaxRepresentatives(tt.n, tt.day); got != tt.max {
			t.Errorf("%s: max %d, want %d", tt.name, got, tt.max)
		}
		if got := CheckGroup(tt.n, tt.reps, tt.day); (got != "") != tt.wantProblem {
			t.Errorf("%s: problem %q", tt.name, got)
		}
	}
	if GroupRuleOn(day(2026, 7, 1)).Basis == GroupRuleOn(day(2026, 6, 30)).Basis {
		t.Error("the basis must change on 1/7/2026 (Decree 154/2026 replaces Decree 64/2014)")
	}
}

func TestDirectorMonths(t *testing.T) {
	got := MissingDirectorMonths([]calendar.Date{day(2026, 1, 15), day(2026, 3, 16)}, day(2026, 1, 1), day(2026, 3, 31))
	if len(got) != 1 || got[0] != "02/2026" {
		t.Errorf("missing months %v, want [02/2026]", got)
	}
	got = MissingDirectorMonths(nil, day(2026, 11, 1), day(2027, 1, 31))
	if len(got) != 3 || got[2] != "01/2027" {
		t.Errorf("over a year end: %v", got)
	}
}

func TestComplexity(t *testing.T) {
	for _, tt := range []struct {
		name             string
		kind             Kind
		grounds          []int
		written          string
		accepted         calendar.Date
		complex, special bool
		err              bool
	}{
		{"no ground", KindComplaint, nil, "", day(2026, 7, 6), false, false, false},
		{"complaint, one ground, written (Decree 155/2026 Art. 3a)", KindComplaint, []int{0}, "Phải xác minh tại 2 xã", day(2026, 7, 6), true, false, false},
		{"complaint from 1/7/2026 without the written record", KindComplaint, []int{0}, " ", day(2026, 7, 6), false, false, true},
		{"complaint before 1/7/2026: no written-record rule", KindComplaint, []int{1}, "", day(2026, 6, 30), true, false, false},
		{"denunciation, one ground: complex (Decree 31/2019 Art. 3(2))", KindDenunciation, []int{2}, "", day(2026, 7, 6), true, false, false},
		{"denunciation, two grounds: especially complex (Art. 3(3))", KindDenunciation, []int{2, 5}, "", day(2026, 7, 6), true, true, false},
		{"the same ground twice counts once", KindDenunciation, []int{2, 2}, "", day(2026, 7, 6), true, false, false},
		{"unknown ground", KindDenunciation, []int{9}, "", day(2026, 7, 6), false, false, true},
	} {
		c, s, err := Complexity(tt.kind, tt.grounds, tt.written, tt.accepted)
		if (err != nil) != tt.err || c != tt.complex || s != tt.special {
			t.Errorf("%s: got %v %v %v", tt.name, c, s, err)
		}
	}
}

func TestWithdrawAndDialogue(t *testing.T) {
	if cont, basis := WithdrawOutcome(true, day(2026, 7, 6)); !cont || basis == "" || basis[len(basis)-len("156/2026/NĐ-CP"):] != "156/2026/NĐ-CP" {
		t.Errorf("withdrawn with signs of violation from 1/7/2026: continue under Decree 156/2026 Art. 1, got %v %q", cont, basis)
	}
	if cont, _ := WithdrawOutcome(false, day(2026, 7, 6)); cont {
		t.Error("withdrawn without signs: resolution ends")
	}
	p := Petition{Kind: KindComplaint, Instance: 2}
	if DialogueRule(p, day(2026, 7, 6)) == "" {
		t.Error("2nd instance decided from 1/7/2026 without dialogue must be refused (Decree 155/2026 Art. 11)")
	}
	if DialogueRule(p, day(2026, 6, 30)) != "" {
		t.Error("before 1/7/2026 the dialogue was not mandatory in this form")
	}
	p.Instance = 1
	if DialogueRule(p, day(2026, 7, 6)) != "" {
		t.Error("1st instance: dialogue not mandatory")
	}
	if !DialogueNoticeShort(day(2026, 7, 6), day(2026, 7, 10)) || DialogueNoticeShort(day(2026, 7, 6), day(2026, 7, 11)) {
		t.Error("notice at least 5 days before the dialogue")
	}
}

func TestNextDeadline(t *testing.T) {
	c := cal(t)
	acc := day(2026, 7, 2)
	p := Petition{Kind: KindComplaint, Instance: 1, ReceivedOn: day(2026, 6, 29), AcceptedOn: &acc, Status: StatusAccepted}
	n, ok := NextDeadline(c, p, day(2026, 7, 31))
	if !ok || n.Deadline.Due != day(2026, 8, 3) || !n.Soon || n.Late {
		t.Errorf("first instance: %+v", n)
	}
	// Suspended on 12/7 (10 days used), resumed on Sat 1/8: 20 days left
	// from the continuation decision (Decree 155/2026 Art. 28b(2)) → Fri 21/8.
	p.Status = StatusSuspended
	if n, _ := NextDeadline(c, p, day(2026, 7, 20)); !n.Paused {
		t.Error("suspended: the clock stops")
	}
	s, r := day(2026, 7, 12), day(2026, 8, 1)
	p.Status, p.SuspendedOn, p.ResumedOn = StatusAccepted, &s, &r
	if n, _ := NextDeadline(c, p, day(2026, 8, 25)); n.Deadline.Due != day(2026, 8, 21) || !n.Late {
		t.Errorf("resumed: %+v", n)
	}
	q := Petition{Kind: KindComplaint, ReceivedOn: day(2026, 7, 6), Status: StatusReceived}
	if n, _ := NextDeadline(c, q, day(2026, 7, 6)); n.Deadline.Due != day(2026, 7, 15) || len(n.Deadline.Also) != 1 {
		t.Errorf("acceptance shows both bases: %+v", n)
	}
	res := day(2026, 8, 3)
	done := Petition{Kind: KindDenunciation, ReceivedOn: day(2026, 6, 25), AcceptedOn: &acc, ResolvedOn: &res, Status: StatusResolved}
	if on, ok := OnTime(c, done); !ok || !on {
		t.Error("resolved on the last day is on time")
	}
	res2 := day(2026, 8, 4)
	done.ResolvedOn = &res2
	if on, _ := OnTime(c, done); on {
		t.Error("a day late")
	}
}

func TestDupKey(t *testing.T) {
	a := DupKey(KindComplaint, Person{FullName: "Nguyễn Văn A", Address: "Ấp 3"}, "Khiếu nại  quyết định thu hồi đất.")
	b := DupKey(KindComplaint, Person{FullName: "nguyễn văn a", Address: "ấp 3"}, "khiếu nại quyết định thu hồi đất")
	if a == "" || a != b {
		t.Error("same person, same content: same key")
	}
	if DupKey(KindComplaint, Person{}, "x") != "" {
		t.Error("no person: no key")
	}
	if a == DupKey(KindComplaint, Person{FullName: "Nguyễn Văn A", Address: "Ấp 3"}, "Khiếu nại khác") {
		t.Error("other content: other key")
	}
}
