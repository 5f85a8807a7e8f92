package report

import (
	"time"

	"tuphap/internal/calendar"
)

// CutoffKind is a kind of periodic report with its data cut-off under
// Decree 09/2019/NĐ-CP (the reporting regime of state administrative
// agencies), Art. 12.
type CutoffKind string

const (
	CutoffMonthly    CutoffKind = "cutoff_month"
	CutoffQuarterly  CutoffKind = "cutoff_quarter"
	CutoffHalfYearly CutoffKind = "cutoff_half"
	CutoffYearly     CutoffKind = "cutoff_year"
)

// cutoffRule is one clause of Art. 12 as data: a report covers Months
// months and closes on CloseDay of its last month; it opens on CloseDay+1
// of the month before its first. Periods of one kind tile the year from
// 15/12, so FirstEnd is the month (of the calendar year) in which the
// year's first period ends.
type cutoffRule struct {
	Months   int
	FirstEnd time.Month
	CloseDay int
	Source   string
}

// Source: Decree 09/2019/NĐ-CP Art. 12(1) monthly "từ ngày 15 của tháng
// trước đến ngày 14 của tháng thuộc kỳ báo cáo" and 12(4) yearly "từ ngày
// 15 tháng 12 năm trước kỳ báo cáo đến ngày 14 tháng 12 của kỳ báo cáo"
// (research/domain.md). Clauses 12(2) quarterly and 12(3) six-monthly
// follow the same pattern (15th of the month before the period to the 14th
// of its last month); unverified against the published text.
var cutoffRules = map[CutoffKind]cutoffRule{
	CutoffMonthly:    {Months: 1, FirstEnd: time.January, CloseDay: 14, Source: "Nghị định 09/2019/NĐ-CP, Điều 12 khoản 1"},
	CutoffQuarterly:  {Months: 3, FirstEnd: time.March, CloseDay: 14, Source: "Nghị định 09/2019/NĐ-CP, Điều 12 khoản 2 (unverified)"},
	CutoffHalfYearly: {Months: 6, FirstEnd: time.June, CloseDay: 14, Source: "Nghị định 09/2019/NĐ-CP, Điều 12 khoản 3 (unverified)"},
	CutoffYearly:     {Months: 12, FirstEnd: time.December, CloseDay: 14, Source: "Nghị định 09/2019/NĐ-CP, Điều 12 khoản 4"},
}

// IsCutoff reports whether k is a cut-off kind.
func IsCutoff(k CutoffKind) bool { _, ok := cutoffRules[k]; return ok }

// CutoffPeriod is the report period of kind k whose data include day d.
func CutoffPeriod(k CutoffKind, d calendar.Date) Period {
	r := cutoffRules[k]
	// The period's last month: the first month-end of the tiling on or
	// after d (a day after the close day counts for the next month).
	y, m := d.Year, int(d.Month)
	if d.Day > r.CloseDay {
		m++
	}
	// months since the tiling's first end (FirstEnd of year y), rounded up
	// to a whole number of periods.
	off := m - int(r.FirstEnd)
	if rem := ((off % r.Months) + r.Months) % r.Months; rem != 0 {
		off += r.Months - rem
	}
	endY, endM := normMonth(y, int(r.FirstEnd)+off)
	startY, startM := normMonth(endY, endM-r.Months)
	return Period{
		From: calendar.NewDate(startY, time.Month(startM), r.CloseDay+1),
		To:   calendar.NewDate(endY, time.Month(endM), r.CloseDay),
	}
}

// normMonth brings a month number into 1..12, carrying into the year.
func normMonth(y, m int) (int, int) {
	for m > 12 {
		y, m = y+1, m-12
	}
	for m < 1 {
		y, m = y-1, m+12
	}
	return y, m
}
