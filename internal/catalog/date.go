package catalog

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a civil date, the unit in which legal documents say when they take
// effect ("có hiệu lực từ ngày 01/7/2025"). The zero Date means "not set".
// In JSON a Date is a "YYYY-MM-DD" string.
type Date struct {
	year  int
	month time.Month
	day   int
}

// NewDate returns the date year-month-day, normalised as time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("ngày không hợp lệ %q, cần theo dạng NNNN-TT-NN", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// DateOf returns the date of t in Viet Nam (UTC+7; Viet Nam keeps no daylight
// saving time), the day that counts legally for an event at instant t.
func DateOf(t time.Time) Date {
	t = t.In(time.FixedZone("ICT", 7*60*60))
	return Date{t.Year(), t.Month(), t.Day()}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.year != e.year:
		return cmp.Compare(d.year, e.year)
	case d.month != e.month:
		return cmp.Compare(d.month, e.month)
	default:
		return cmp.Compare(d.day, e.day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String formats d as "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// Label formats d the Vietnamese way, "28/02/2025".
func (d Date) Label() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.day, d.month, d.year)
}

// MarshalText implements encoding.TextMarshaler ("YYYY-MM-DD").
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
