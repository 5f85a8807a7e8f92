package calendar

import (
	"fmt"
	"strings"
	"time"
)

// zone is Vietnam's legal time, UTC+7 with no daylight saving since
// 1 January 1975 (Decision 121-CP for the North, unified after 1975). A fixed
// zone keeps every result independent of the host's tz database. It is never
// reassigned.
var zone = time.FixedZone("ICT", 7*3600)

const zoneOffset = 7 * 3600 // seconds east of UTC

// Zone returns the time zone every instant of this package is expressed in:
// Asia/Ho_Chi_Minh as a fixed UTC+7 zone named "ICT".
func Zone() *time.Location { return zone }

// Date is a civil date in Vietnam (year, month, day) with no time of day and
// no zone. The zero Date is year 0, which no rule uses, and reports IsZero.
// It marshals to JSON as "2006-01-02".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d. It does not normalise: check IsValid when
// the parts come from outside.
func NewDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

// DateOf returns the date of t in Vietnam, whatever t's location.
func DateOf(t time.Time) Date {
	day, _ := split(t)
	return dateFromDays(day)
}

// ParseDate parses an ISO date "2026-02-17".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("ngày không hợp lệ %q (định dạng YYYY-MM-DD)", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// ParseDateVN parses a date written the Vietnamese way, "17/02/2026"
// (leading zeros optional).
func ParseDateVN(s string) (Date, error) {
	t, err := time.Parse("2/1/2006", s)
	if err != nil {
		return Date{}, fmt.Errorf("ngày không hợp lệ %q (định dạng ngày/tháng/năm)", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String returns the ISO form "2026-02-17".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// FormatVN returns the Vietnamese form "17/02/2026".
func (d Date) FormatVN() string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d names a real day of the proleptic Gregorian
// calendar (no 30 February).
func (d Date) IsValid() bool {
	return d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.days()) }

// AddDays returns d plus n days (n may be negative).
func (d Date) AddDays(n int) Date { return dateFromDays(d.days() + int64(n)) }

// DaysSince returns the number of days from o to d (negative if d is earlier).
func (d Date) DaysSince(o Date) int { return int(d.days() - o.days()) }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// At returns the instant at time of day t on d, in Vietnam.
func (d Date) At(t TimeOfDay) time.Time {
	return join(d.days(), time.Duration(t)*time.Minute)
}

// MarshalText implements encoding.TextMarshaler ("2026-02-17").
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func isLeapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeapYear(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// days returns the number of days from 1970-01-01 to d (a "day number").
// Day numbers are the package's internal currency: they make date arithmetic
// and bitmap lookups plain integer operations. The conversion is the
// well-known era-based civil-calendar algorithm (Howard Hinnant,
// "chrono-Compatible Low-Level Date Algorithms", public domain).
func (d Date) days() int64 {
	y := int64(d.Year)
	m := int64(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateFromDays is the inverse of Date.days.
func dateFromDays(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(d)}
}

// weekdayOf returns the weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(day int64) time.Weekday {
	return time.Weekday(floorMod(day+4, 7))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// split returns the Vietnamese day number of t and the time elapsed since
// that day's local midnight.
func split(t time.Time) (day int64, off time.Duration) {
	sec := t.Unix() + zoneOffset
	day = floorDiv(sec, 86400)
	off = time.Duration(sec-day*86400)*time.Second + time.Duration(t.Nanosecond())
	return day, off
}

// join is the inverse of split; the result is always in Zone().
func join(day int64, off time.Duration) time.Time {
	sec := day*86400 - zoneOffset + int64(off/time.Second)
	return time.Unix(sec, int64(off%time.Second)).In(zone)
}

// ParseDateAny parses a date typed in a form: the Vietnamese "17/02/2026"
// (what every date field shows, whatever the browser's language) or the
// ISO "2026-02-17" (links, the API, older bookmarks).
func ParseDateAny(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if d, err := ParseDateVN(s); err == nil {
		return d, nil
	}
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	return Date{}, fmt.Errorf("ngày không hợp lệ %q (định dạng ngày/tháng/năm, ví dụ 17/02/2026)", s)
}

// ParseDateTimeVN parses a moment typed in a form, in Vietnam time:
// "17/02/2026 14:30" (also "14h30", "14g30"), or the ISO "2026-02-17T14:30"
// a datetime-local field sends. A date alone takes the time of day hour:min.
func ParseDateTimeVN(s string, hour, min int) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if t, err := time.ParseInLocation("2006-01-02T15:04", s, Zone()); err == nil {
		return t, nil
	}
	day, clock, _ := strings.Cut(s, " ")
	d, err := ParseDateAny(day)
	if err != nil {
		return time.Time{}, fmt.Errorf("thời điểm không hợp lệ %q (định dạng ngày/tháng/năm giờ:phút, ví dụ 17/02/2026 14:30)", s)
	}
	if clock != "" {
		c := strings.NewReplacer("h", ":", "g", ":", "H", ":", "G", ":").Replace(clock)
		if strings.HasSuffix(c, ":") {
			c += "00"
		}
		t, err := time.Parse("15:04", c)
		if err != nil {
			return time.Time{}, fmt.Errorf("giờ không hợp lệ %q (định dạng giờ:phút, ví dụ 14:30)", clock)
		}
		hour, min = t.Hour(), t.Minute()
	}
	return time.Date(d.Year, d.Month, d.Day, hour, min, 0, 0, Zone()), nil
}
