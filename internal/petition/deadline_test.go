package petition

import (
	"testing"

	"tuphap/internal/calendar"
)

func cal(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.DefaultRules()) // the built-in official 2026 schedule
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(y, m, dd int) calendar.Date { return d(y, m, dd) }

// TestDue checks every period against its article, before and after
// 1/7/2026, counted over the official 2026 holidays (Tết 16–20/2; 30/4,
// 1/5; Quốc khánh 31/8 (swapped), 1–2/9) with Civil Code Art. 147 (the
// event's day not counted) and Art. 148(5) (a rest day rolls over).
func TestDue(t *testing.T) {
	c := cal(t)
	type tc struct {
		name    string
		kind    Kind
		stage   Stage
		from    calendar.Date
		version calendar.Date // zero: from
		flags   Flags
		due     calendar.Date
		unit    Unit
		days    int
		rule    string
		also    string // the other text's rule, when two apply
	}
	tests := []tc{
		// Complaint acceptance. Before 1/7/2026: Law Art. 27 "10 ngày" and
		// Decree 124/2020 Art. 16(1) 10 working days; the Law's is earlier.
		{"KN-ACCEPT before: received Thu 25/6/2026, Law Art. 27 10 days end Sun 5/7 → Mon 6/7 (BLDS 148(5)); decree's 10 working days 9/7",
			KindComplaint, StageAcceptance, day(2026, 6, 25), calendar.Date{}, Flags{}, day(2026, 7, 6), CalendarDays, 10, "KN-ACCEPT-LAW", "KN-ACCEPT-124"},
		{"KN-ACCEPT before, over Tết: received Fri 13/2/2026: Law 10 days → Mon 23/2; decree's 10 working days skip Tết 16–20/2 → 6/3",
			KindComplaint, StageAcceptance, day(2026, 2, 13), calendar.Date{}, Flags{}, day(2026, 2, 23), CalendarDays, 10, "KN-ACCEPT-LAW", "KN-ACCEPT-124"},
		// From 1/7/2026: Decree 155/2026 Art. 10: 07 working days; the Law's
		// 10 days kept; the earlier date governs.
		{"KN-ACCEPT-2026: received Mon 6/7/2026: Decree 155 Art. 10, 7 working days → Wed 15/7 (Law's 10 days: 16/7)",
			KindComplaint, StageAcceptance, day(2026, 7, 6), calendar.Date{}, Flags{}, day(2026, 7, 15), WorkingDays, 7, "KN-ACCEPT-2026", "KN-ACCEPT-LAW"},
		{"KN-ACCEPT-2026 over Quốc khánh: received Fri 28/8/2026: 7 working days skip 31/8–2/9 → 11/9; Law's 10 days → Mon 7/9 governs",
			KindComplaint, StageAcceptance, day(2026, 8, 28), calendar.Date{}, Flags{}, day(2026, 9, 7), CalendarDays, 10, "KN-ACCEPT-LAW", "KN-ACCEPT-2026"},
		{"transition: received 30/6/2026, counted on 1/7: the old decree (received before the change keeps the old limits)",
			KindComplaint, StageAcceptance, day(2026, 6, 30), calendar.Date{}, Flags{}, day(2026, 7, 10), CalendarDays, 10, "KN-ACCEPT-LAW", "KN-ACCEPT-124"},
		// First instance, Law Art. 28 (unchanged on 1/7/2026).
		{"KN-T1 before: accepted Mon 1/6/2026, 30 days → Wed 1/7", KindComplaint, StageFirstInstance, day(2026, 6, 1), calendar.Date{}, Flags{}, day(2026, 7, 1), CalendarDays, 30, "KN-T1", ""},
		{"KN-T1 after: accepted Thu 2/7/2026, 30 days end Sat 1/8 → Mon 3/8", KindComplaint, StageFirstInstance, day(2026, 7, 2), calendar.Date{}, Flags{}, day(2026, 8, 3), CalendarDays, 30, "KN-T1", ""},
		{"KN-T1-CX: complex, 45 days end Sun 16/8 → Mon 17/8", KindComplaint, StageFirstInstance, day(2026, 7, 2), calendar.Date{}, Flags{Complex: true}, day(2026, 8, 17), CalendarDays, 45, "KN-T1-CX", ""},
		{"KN-T1-RM: remote area, 45 days (Art. 28 ¶2)", KindComplaint, StageFirstInstance, day(2026, 7, 2), calendar.Date{}, Flags{Remote: true}, day(2026, 8, 17), CalendarDays, 45, "KN-T1-RM", ""},
		{"KN-T1-RM-CX: remote and complex, 60 days end Mon 31/8 (swapped off), 1–2/9 holidays → Thu 3/9", KindComplaint, StageFirstInstance, day(2026, 7, 2), calendar.Date{}, Flags{Remote: true, Complex: true}, day(2026, 9, 3), CalendarDays, 60, "KN-T1-RM-CX", ""},
		{"KN-T1-RM-CX before: accepted 1/4/2026, 60 days → Sun 31/5 → Mon 1/6", KindComplaint, StageFirstInstance, day(2026, 4, 1), calendar.Date{}, Flags{Remote: true, Complex: true}, day(2026, 6, 1), CalendarDays, 60, "KN-T1-RM-CX", ""},
		// Second instance, Art. 37.
		{"KN-T2: 45 days → Mon 17/8", KindComplaint, StageSecondInstance, day(2026, 7, 2), calendar.Date{}, Flags{}, day(2026, 8, 17), CalendarDays, 45, "KN-T2", ""},
		{"KN-T2-CX: complex 60 days → Thu 3/9 over Quốc khánh", KindComplaint, StageSecondInstance, day(2026, 7, 2), calendar.Date{}, Flags{Complex: true}, day(2026, 9, 3), CalendarDays, 60, "KN-T2-CX", ""},
		{"KN-T2-RM: remote 60 days", KindComplaint, StageSecondInstance, day(2026, 7, 2), calendar.Date{}, Flags{Remote: true}, day(2026, 9, 3), CalendarDays, 60, "KN-T2-RM", ""},
		{"KN-T2-RM-CX: remote complex 70 days → Thu 10/9", KindComplaint, StageSecondInstance, day(2026, 7, 2), calendar.Date{}, Flags{Remote: true, Complex: true}, day(2026, 9, 10), CalendarDays, 70, "KN-T2-RM-CX", ""},
		{"KN-T2 before: accepted Mon 1/6/2026, 45 days → Thu 16/7", KindComplaint, StageSecondInstance, day(2026, 6, 1), calendar.Date{}, Flags{}, day(2026, 7, 16), CalendarDays, 45, "KN-T2", ""},
		// Windows.
		{"KN-APPEAL2: 30 days from receipt of the 1st decision 15/8/2026 → Mon 14/9", KindComplaint, StageAppeal, day(2026, 8, 15), calendar.Date{}, Flags{}, day(2026, 9, 14), CalendarDays, 30, "KN-APPEAL2", ""},
		{"KN-APPEAL2-RM: remote 45 days → 29/9", KindComplaint, StageAppeal, day(2026, 8, 15), calendar.Date{}, Flags{Remote: true}, day(2026, 9, 29), CalendarDays, 45, "KN-APPEAL2-RM", ""},
		{"KN-SUIT: lawsuit 1 year (Administrative Procedure Law Art. 116(3)) from 15/8/2026 → Sun 15/8/2027 → Mon 16/8/2027", KindComplaint, StageLawsuit, day(2026, 8, 15), calendar.Date{}, Flags{}, day(2027, 8, 16), Years, 1, "KN-SUIT", ""},
		{"KN-SUSP-SEND: suspension decision of Fri 28/8/2026 sent within 3 working days → Mon 7/9", KindComplaint, StageSendDecision, day(2026, 8, 28), calendar.Date{}, Flags{}, day(2026, 9, 7), WorkingDays, 3, "KN-SUSP-SEND", ""},
		// Denunciations, Law 25/2018 Art. 24, 29, 30 (unchanged by Decree 156/2026).
		{"TC-CHECK before: received Wed 29/4/2026, 7 working days skip 30/4, 1/5 → Tue 12/5", KindDenunciation, StageCheck, day(2026, 4, 29), calendar.Date{}, Flags{}, day(2026, 5, 12), WorkingDays, 7, "TC-CHECK", ""},
		{"TC-CHECK after: received Mon 6/7/2026 → Wed 15/7", KindDenunciation, StageCheck, day(2026, 7, 6), calendar.Date{}, Flags{}, day(2026, 7, 15), WorkingDays, 7, "TC-CHECK", ""},
		{"TC-CHECK-EXT: several places, 10 working days → Mon 20/7", KindDenunciation, StageCheck, day(2026, 7, 6), calendar.Date{}, Flags{SeveralPlaces: true}, day(2026, 7, 20), WorkingDays, 10, "TC-CHECK-EXT", ""},
		{"TC-FWD: forward within 5 working days from Fri 28/8/2026 → Wed 9/9", KindDenunciation, StageForward, day(2026, 8, 28), calendar.Date{}, Flags{}, day(2026, 9, 9), WorkingDays, 5, "TC-FWD", ""},
		{"TC-T: 30 days from thụ lý 2/7/2026 → Mon 3/8", KindDenunciation, StageResolve, day(2026, 7, 2), calendar.Date{}, Flags{}, day(2026, 8, 3), CalendarDays, 30, "TC-T", ""},
		{"TC-T-CX: complex, one 30-day extension, 60 days → Thu 3/9", KindDenunciation, StageResolve, day(2026, 7, 2), calendar.Date{}, Flags{Complex: true}, day(2026, 9, 3), CalendarDays, 60, "TC-T-CX", ""},
		{"TC-T-DCX: especially complex, two extensions, 90 days → Wed 30/9", KindDenunciation, StageResolve, day(2026, 7, 2), calendar.Date{}, Flags{EspeciallyComplex: true}, day(2026, 9, 30), CalendarDays, 90, "TC-T-DCX", ""},
		{"TC-T before: 30 days from 1/6/2026 → Wed 1/7", KindDenunciation, StageResolve, day(2026, 6, 1), calendar.Date{}, Flags{}, day(2026, 7, 1), CalendarDays, 30, "TC-T", ""},
		// Feedback, Citizen Reception Law Art. 28(1).
		{"KNPA-NOTIFY after: 10 working days from Mon 6/7/2026 → Mon 20/7", KindFeedback, StageNotice, day(2026, 7, 6), calendar.Date{}, Flags{}, day(2026, 7, 20), WorkingDays, 10, "KNPA-NOTIFY", ""},
		{"KNPA-NOTIFY before, over Tết: from Thu 12/2/2026 → Thu 5/3", KindFeedback, StageNotice, day(2026, 2, 12), calendar.Date{}, Flags{}, day(2026, 3, 5), WorkingDays, 10, "KNPA-NOTIFY", ""},
	}
	for _, tt := range tests {
		v := tt.version
		if v.IsZero() {
			v = tt.from
		}
		got, err := Due(c, tt.kind, tt.stage, tt.from, v, tt.flags)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Due != tt.due || got.Unit != tt.unit || got.Days != tt.days || got.Rule != tt.rule {
			t.Errorf("%s:\n got %s %d %s %s\nwant %s %d %s %s", tt.name, got.Due, got.Days, got.Unit, got.Rule, tt.due, tt.days, tt.unit, tt.rule)
		}
		if got.Basis == "" {
			t.Errorf("%s: no basis", tt.name)
		}
		switch {
		case tt.also == "" && len(got.Also) != 0:
			t.Errorf("%s: unexpected other basis %v", tt.name, got.Also)
		case tt.also != "" && (len(got.Also) != 1 || got.Also[0].Rule != tt.also):
			t.Errorf("%s: other basis %v, want %s", tt.name, got.Also, tt.also)
		}
	}
}

func TestDueNoRule(t *testing.T) {
	c := cal(t)
	for _, tt := range []struct {
		kind  Kind
		stage Stage
		day   calendar.Date
	}{
		{KindComplaint, StageSendDecision, day(2026, 6, 30)}, // Art. 28b exists from 1/7/2026 only
		{KindDenunciation, StageCheck, day(2018, 12, 31)},    // Law 25/2018 in force 1/1/2019
		{KindFeedback, StageResolve, day(2026, 7, 6)},        // no substantive reply period was found (KNPA-REPLY)
	} {
		if _, err := Due(c, tt.kind, tt.stage, tt.day, tt.day, Flags{}); err == nil {
			t.Errorf("%s %s on %s: want no rule", tt.kind, tt.stage, tt.day)
		}
	}
}

func TestEveryRuleHasItsFacts(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Rules {
		if ids[r.ID] {
			t.Errorf("rule %s twice", r.ID)
		}
		ids[r.ID] = true
		if r.Basis == "" || r.CountsFrom == "" || r.Days <= 0 || r.From.IsZero() || (r.Unit != CalendarDays && r.Unit != WorkingDays && r.Unit != Years) {
			t.Errorf("rule %s lacks a fact: %+v", r.ID, r)
		}
	}
}
