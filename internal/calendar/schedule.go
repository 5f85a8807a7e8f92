package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Status says whether a year's schedule was announced by the government or
// computed here from the statute.
type Status string

const (
	// Official: announced for civil servants (Prime Minister's decision,
	// notified by the ministry in charge). Always wins over a computed one.
	Official Status = "official"
	// Provisional: computed from Labour Code 2019 Art. 111–112 until the
	// year's notice is issued.
	Provisional Status = "provisional"
)

// DayKind is what a listed day is. Days not listed are working days from
// Monday to Friday and rest days on Saturday and Sunday (Labour Code 2019
// Art. 111; civil servants work a five-day week).
type DayKind string

const (
	// Holiday: a public holiday of Labour Code 2019 Art. 112(1), or another
	// paid day off fixed by law. It may fall on a weekend.
	Holiday DayKind = "holiday"
	// DayOff: a weekday off, either a compensatory day (nghỉ bù, Art.
	// 111(3)) or a weekday swapped with a working Saturday (hoán đổi).
	DayOff DayKind = "day_off"
	// Working: a Saturday or Sunday worked in exchange (làm bù).
	Working DayKind = "working"
)

// Day is one listed day of a schedule.
type Day struct {
	Date Date    `json:"date"`
	Kind DayKind `json:"kind"`
	Name string  `json:"name"`
	// LegalBasis is the document for this day when it differs from, or
	// details, the schedule's.
	LegalBasis string `json:"legal_basis,omitempty"`
}

// Schedule is the list of holidays, days off and swapped working days of one
// calendar year for civil servants. It is what a store persists and what an
// administrator uploads as JSON.
type Schedule struct {
	Year       int    `json:"year"`
	Status     Status `json:"status"`
	LegalBasis string `json:"legal_basis"`
	Days       []Day  `json:"days"`
}

// Validate checks a schedule; every problem is reported, in Vietnamese.
func (s Schedule) Validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if s.Year < MinYear || s.Year > MaxYear {
		add("năm %d ngoài phạm vi hỗ trợ (%d–%d)", s.Year, MinYear, MaxYear)
	}
	if s.Status != Official && s.Status != Provisional {
		add("trạng thái lịch nghỉ không hợp lệ %q (chỉ nhận %q hoặc %q)", s.Status, Official, Provisional)
	}
	if s.LegalBasis == "" {
		add("lịch nghỉ năm %d thiếu căn cứ pháp lý", s.Year)
	}
	seen := make(map[Date]bool, len(s.Days))
	for _, d := range s.Days {
		if !d.Date.IsValid() {
			add("ngày không hợp lệ: %v", d.Date)
			continue
		}
		day := d.Date.FormatVN()
		if d.Date.Year != s.Year {
			add("ngày %s không thuộc năm %d", day, s.Year)
		}
		if seen[d.Date] {
			add("ngày %s bị khai báo trùng", day)
		}
		seen[d.Date] = true
		if d.Name == "" {
			add("ngày %s thiếu tên", day)
		}
		weekend := d.Date.Weekday() == time.Saturday || d.Date.Weekday() == time.Sunday
		switch d.Kind {
		case Holiday:
		case DayOff:
			if weekend {
				add("ngày %s là ngày nghỉ hằng tuần, không thể là ngày nghỉ bù/hoán đổi", day)
			}
		case Working:
			if !weekend {
				add("ngày làm bù %s phải là thứ Bảy hoặc Chủ nhật", day)
			}
		default:
			add("ngày %s có loại không hợp lệ %q", day, d.Kind)
		}
	}
	return errors.Join(errs...)
}

// clone returns a deep copy with the days in date order, so callers cannot
// change a calendar's data through a returned schedule.
func (s Schedule) clone() Schedule {
	s.Days = slices.Clone(s.Days)
	slices.SortFunc(s.Days, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return s
}
