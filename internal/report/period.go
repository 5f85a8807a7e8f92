package report

import (
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Period is a reporting period [From, To]: whole days in Vietnam, both ends
// included.
type Period struct {
	From, To calendar.Date
}

// MaxDays bounds a period (a little over ten years), so that a mistyped year
// does not ask for a century of figures.
const MaxDays = 3700

// ParsePeriod reads a period from 'YYYY-MM-DD' or 'dd/mm/yyyy' dates.
func ParsePeriod(from, to string) (Period, error) {
	f, err := parseDay(from)
	if err != nil {
		return Period{}, apperr.Field("from", "Ngày bắt đầu kỳ báo cáo không hợp lệ (dd/mm/yyyy).")
	}
	t, err := parseDay(to)
	if err != nil {
		return Period{}, apperr.Field("to", "Ngày kết thúc kỳ báo cáo không hợp lệ (dd/mm/yyyy).")
	}
	p := Period{From: f, To: t}
	return p, p.Validate()
}

func parseDay(s string) (calendar.Date, error) {
	if d, err := calendar.ParseDate(s); err == nil {
		return d, nil
	}
	return calendar.ParseDateVN(s)
}

// Validate checks that the period is a real, ordered, bounded range.
func (p Period) Validate() error {
	switch {
	case !p.From.IsValid() || p.From.IsZero():
		return apperr.Field("from", "Ngày bắt đầu kỳ báo cáo không hợp lệ.")
	case !p.To.IsValid() || p.To.IsZero():
		return apperr.Field("to", "Ngày kết thúc kỳ báo cáo không hợp lệ.")
	case p.To.Before(p.From):
		return apperr.Field("to", "Ngày kết thúc kỳ báo cáo phải sau hoặc bằng ngày bắt đầu.")
	case p.To.DaysSince(p.From) > MaxDays:
		return apperr.Field("to", "Kỳ báo cáo không được dài quá 10 năm.")
	}
	return nil
}

// Month is the calendar month holding day d.
func Month(d calendar.Date) Period {
	first := calendar.NewDate(d.Year, d.Month, 1)
	next := calendar.NewDate(d.Year, d.Month+1, 1)
	if d.Month == time.December {
		next = calendar.NewDate(d.Year+1, time.January, 1)
	}
	return Period{From: first, To: next.AddDays(-1)}
}

// Quarter is the calendar quarter holding day d.
func Quarter(d calendar.Date) Period {
	m := time.Month((int(d.Month)-1)/3*3 + 1)
	first := calendar.NewDate(d.Year, m, 1)
	last := Month(calendar.NewDate(d.Year, m+2, 1)).To
	return Period{From: first, To: last}
}

// Year is the calendar year holding day d.
func Year(d calendar.Date) Period {
	return Period{From: calendar.NewDate(d.Year, time.January, 1), To: calendar.NewDate(d.Year, time.December, 31)}
}

// Months splits the period into calendar months, the first and last cut to
// the period.
func (p Period) Months() []Period {
	var out []Period
	for d := p.From; !d.After(p.To); {
		m := Month(d)
		if m.To.After(p.To) {
			m.To = p.To
		}
		m.From = d
		out = append(out, m)
		d = m.To.AddDays(1)
	}
	return out
}

// Label names the period in Vietnamese: "Tháng 3/2026", or "Từ ngày
// 01/01/2026 đến ngày 31/03/2026".
func (p Period) Label() string {
	if m := Month(p.From); m == p {
		return "Tháng " + itoa(int(p.From.Month)) + "/" + itoa(p.From.Year)
	}
	return "Từ ngày " + p.From.FormatVN() + " đến ngày " + p.To.FormatVN()
}
