package legaldoc

import (
	"testing"
	"time"
)

func TestRulesOn(t *testing.T) {
	if r := RulesOn(nil, d(2025, 3, 31)); r.Appraisal[KindChairmanDecision].Days != 0 {
		t.Error("Law 80/2015 had no Chairman's decisions as legal documents")
	}
	r := RulesOn(nil, d(2025, 4, 1))
	if p := r.Appraisal[KindPCDecision]; p.Days != 10 || p.Unit != CalendarDays || p.Source == "" {
		t.Errorf("Law 64/2025 appraisal of a provincial decision: %+v", p)
	}
	for _, v := range DefaultRules {
		for k, p := range v.Appraisal {
			if p.Days <= 0 || p.Unit == "" || p.Source == "" {
				t.Errorf("%s %s: a period needs days, a unit and a source: %+v", v.From.Format("2006-01-02"), k, p)
			}
		}
	}
}

// Civil Code 2015 Art. 147(2) and 148(5): counting starts the day after; a
// period in calendar days ending on a rest day ends on the next working day.
func TestDue(t *testing.T) {
	ten := TimeLimit{Days: 10, Unit: CalendarDays}
	three := TimeLimit{Days: 3, Unit: WorkingDays}
	holiday := func(t time.Time) bool { return weekdays(t) && !t.Equal(d(2025, 9, 2)) }
	tests := []struct {
		name  string
		p     TimeLimit
		start time.Time
		work  IsWorkingDay
		want  time.Time
	}{
		{"10 days from Mon 3/3/2025: Thu 13/3", ten, d(2025, 3, 3), nil, d(2025, 3, 13)},
		{"10 days ending Sat 15/3: Mon 17/3 (Art. 148(5))", ten, d(2025, 3, 5), nil, d(2025, 3, 17)},
		{"3 working days from Fri 7/3: Wed 12/3", three, d(2025, 3, 7), nil, d(2025, 3, 12)},
		{"3 working days over the 2/9 holiday", three, d(2025, 8, 29), holiday, d(2025, 9, 4)},
		{"calendar days ending on the 2/9 holiday roll over", TimeLimit{Days: 4, Unit: CalendarDays}, d(2025, 8, 29), holiday, d(2025, 9, 3)},
	}
	for _, tt := range tests {
		if got := Due(tt.p, tt.start, tt.work); !got.Equal(tt.want) {
			t.Errorf("%s: got %s", tt.name, got.Format("Mon 02/01/2006"))
		}
	}
}

func TestListsAndCycle(t *testing.T) {
	if got := ListsDue(nil, 2025); !got.Equal(d(2026, 1, 31)) {
		t.Errorf("lists of 2025 due %s, want 31/01/2026", got.Format("02/01/2006"))
	}
	for _, tt := range []struct{ year, first, last int }{{2023, 2019, 2023}, {2024, 2024, 2028}, {2026, 2024, 2028}, {2018, 2014, 2018}} {
		f, l, c := Cycle(nil, tt.year)
		if f != tt.first || l != tt.last || !c.Equal(d(tt.last, 12, 31)) {
			t.Errorf("cycle of %d: %d–%d cut-off %s", tt.year, f, l, c.Format("02/01/2006"))
		}
	}
}
