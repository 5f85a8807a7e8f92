package report

import (
	"testing"
	"tuphap/internal/calendar"
)

// Decree 09/2019/NĐ-CP on the reporting regime of state administrative
// agencies, Art. 12 (data cut-off of periodic reports).
func TestCutoffPeriods(t *testing.T) {
	d := calendar.NewDate
	for _, c := range []struct {
		law  string
		kind CutoffKind
		day  calendar.Date
		want Period
	}{
		{"Art. 12(1): monthly, 15th of the previous month to the 14th", CutoffMonthly, d(2026, 3, 14), Period{d(2026, 2, 15), d(2026, 3, 14)}},
		{"Art. 12(1): the 15th opens the next month's period", CutoffMonthly, d(2026, 3, 15), Period{d(2026, 3, 15), d(2026, 4, 14)}},
		{"Art. 12(1): January's period starts in December", CutoffMonthly, d(2026, 1, 1), Period{d(2025, 12, 15), d(2026, 1, 14)}},
		{"Art. 12(1): from 15/12 the period is the next year's January", CutoffMonthly, d(2026, 12, 20), Period{d(2026, 12, 15), d(2027, 1, 14)}},
		{"Art. 12(4): yearly, 15/12 of the previous year to 14/12", CutoffYearly, d(2026, 6, 1), Period{d(2025, 12, 15), d(2026, 12, 14)}},
		{"Art. 12(4): 14/12 closes the year", CutoffYearly, d(2026, 12, 14), Period{d(2025, 12, 15), d(2026, 12, 14)}},
		{"Art. 12(4): 15/12 belongs to the next year's report", CutoffYearly, d(2026, 12, 15), Period{d(2026, 12, 15), d(2027, 12, 14)}},
		{"Art. 12(2): quarterly, 15th of the month before the quarter to the 14th of its last month", CutoffQuarterly, d(2026, 5, 1), Period{d(2026, 3, 15), d(2026, 6, 14)}},
		{"Art. 12(2): the first quarter starts on 15/12", CutoffQuarterly, d(2026, 1, 10), Period{d(2025, 12, 15), d(2026, 3, 14)}},
		{"Art. 12(3): six months, 15/12 to 14/6", CutoffHalfYearly, d(2026, 6, 14), Period{d(2025, 12, 15), d(2026, 6, 14)}},
		{"Art. 12(3): the second half, 15/6 to 14/12", CutoffHalfYearly, d(2026, 6, 15), Period{d(2026, 6, 15), d(2026, 12, 14)}},
	} {
		got := CutoffPeriod(c.kind, c.day)
		if got != c.want {
			t.Errorf("%s: %s → %s – %s, want %s – %s", c.law, c.day.FormatVN(), got.From.FormatVN(), got.To.FormatVN(), c.want.From.FormatVN(), c.want.To.FormatVN())
		}
		if err := got.Validate(); err != nil {
			t.Errorf("%s: %v", c.law, err)
		}
	}
}
