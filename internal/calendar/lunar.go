package calendar

import (
	"fmt"
	"math"
)

// The Vietnamese lunisolar calendar (âm lịch), reckoned for UTC+7:
//
//   - a month begins on the local day of a new moon;
//   - month 11 is the month that contains the winter solstice (Đông chí);
//   - when 13 new moons begin between one month 11 and the next, the first
//     month after month 11 that contains no principal solar term (trung khí,
//     the Sun's longitude reaching a multiple of 30°) is the leap month and
//     repeats the number of the month before it.
//
// This is the method Vietnamese calendars have used since 1968 (Decision
// 121-CP put the country on UTC+7); with UTC+8 one gets the Chinese calendar,
// which differs in 1985, 2007, 2030, 2053…  The code is written from the
// astronomy in astro.go, not from any existing calendar program.
//
// Compared day by day over 1900–2100 with the widely used simplified method
// of Hồ Ngọc Đức (same rules, older and shorter series, no ΔT model), it
// differs on four months only: those starting 20/6/1944, 7/7/1967, 9/12/2072
// and 15/11/2077, whose new moons fall 10–72 seconds before local midnight
// here and just after it there. No ephemeris settles such cases to the
// second; 1968–2071 has none.

// MinYear and MaxYear bound the years (solar or lunar) the package supports.
// The astronomy is checked against published data for 1900–2100; outside that
// the ΔT extrapolation makes dates whose new moon is near midnight uncertain.
const (
	MinYear = 1800
	MaxYear = 2199
)

// LunarDate is a date of the Vietnamese lunar calendar. Month is 1–12 (1 is
// tháng Giêng, 12 tháng Chạp); Leap marks the repeated (nhuận) month.
type LunarDate struct {
	Year  int  `json:"year"`
	Month int  `json:"month"`
	Day   int  `json:"day"`
	Leap  bool `json:"leap,omitempty"`
}

// lunarSpan is the run of lunar months from the month 11 that holds the
// winter solstice of solar year year-1 up to, not including, the month 11 of
// solar year year. Its months are labelled 11, 12 (of lunar year year-1) and
// 1…10 (of lunar year year), with one leap month when it has 13.
type lunarSpan struct {
	year   int
	n      int       // 12 or 13 months
	starts [14]int64 // day numbers of the month starts; starts[n] is the next month 11
	leap   int       // index (1…12) of the leap month, 0 if none
}

// newMoonBefore returns the number k of the last new moon whose Vietnamese
// day is on or before day.
func newMoonBefore(day int64) int {
	const k0Day = 10963 // 2000-01-07, the local day of new moon k = 0
	k := int(math.Floor(float64(day-k0Day) / synodic))
	for newMoonDay(k) > day {
		k--
	}
	for newMoonDay(k+1) <= day {
		k++
	}
	return k
}

// month11 returns the number of the new moon that begins month 11 of the
// lunar year ending in solar year y+1, i.e. the month holding the December
// solstice of solar year y.
func month11(y int) int {
	// The solstice falls on 20–23 December for every supported year; find
	// the local day on which the Sun crosses 270°.
	d := Date{y, 12, 15}.days()
	for i := 0; i < 15 && termSector(d+1) != 9; i++ {
		d++
	}
	return newMoonBefore(d)
}

// spanFor builds the lunar span whose months 1–10 belong to lunar year y.
func spanFor(y int) lunarSpan {
	return spanBetween(y, month11(y-1), month11(y))
}

func spanBetween(y, k0, k1 int) lunarSpan {
	s := lunarSpan{year: y, n: k1 - k0}
	for i := 0; i <= s.n; i++ {
		s.starts[i] = newMoonDay(k0 + i)
	}
	if s.n == 13 {
		for i := 1; i < 13; i++ {
			if termSector(s.starts[i]) == termSector(s.starts[i+1]) {
				s.leap = i
				break
			}
		}
	}
	return s
}

// label returns the lunar year, month and leap flag of month index i.
func (s *lunarSpan) label(i int) (year, month int, leap bool) {
	pos := i
	if s.leap > 0 && i >= s.leap {
		pos = i - 1
	}
	month = (pos+10)%12 + 1
	year = s.year
	if pos < 2 {
		year--
	}
	return year, month, s.leap > 0 && i == s.leap
}

// SolarToLunar converts a solar (Gregorian) date to the Vietnamese lunar
// calendar. Dates outside MinYear–MaxYear are converted with the same
// method but are not guaranteed.
func SolarToLunar(d Date) LunarDate {
	day := d.days()
	k11 := month11(d.Year)
	var s lunarSpan
	if day >= newMoonDay(k11) {
		s = spanBetween(d.Year+1, k11, month11(d.Year+1))
	} else {
		s = spanBetween(d.Year, month11(d.Year-1), k11)
	}
	i := 0
	for i < s.n-1 && s.starts[i+1] <= day {
		i++
	}
	y, m, leap := s.label(i)
	return LunarDate{Year: y, Month: m, Day: int(day-s.starts[i]) + 1, Leap: leap}
}

// LunarToSolar converts a Vietnamese lunar date to the solar calendar. It
// fails, with a message in Vietnamese, for a leap month the year does not
// have, for day 30 of a 29-day month, or outside MinYear–MaxYear.
func LunarToSolar(l LunarDate) (Date, error) {
	if l.Year < MinYear || l.Year > MaxYear {
		return Date{}, fmt.Errorf("năm âm lịch %d ngoài phạm vi hỗ trợ (%d–%d)", l.Year, MinYear, MaxYear)
	}
	if l.Month < 1 || l.Month > 12 {
		return Date{}, fmt.Errorf("tháng âm lịch không hợp lệ: %d", l.Month)
	}
	if l.Day < 1 || l.Day > 30 {
		return Date{}, fmt.Errorf("ngày âm lịch không hợp lệ: %d", l.Day)
	}
	sy := l.Year
	if l.Month >= 11 {
		sy++ // months 11 and 12 open the span that ends in the next lunar year
	}
	s := spanFor(sy)
	for i := 0; i < s.n; i++ {
		y, m, leap := s.label(i)
		if y != l.Year || m != l.Month || leap != l.Leap {
			continue
		}
		length := int(s.starts[i+1] - s.starts[i])
		if l.Day > length {
			return Date{}, fmt.Errorf("tháng %s năm %s chỉ có %d ngày", lunarMonthName(l.Month, l.Leap), canChi(l.Year), length)
		}
		return dateFromDays(s.starts[i] + int64(l.Day-1)), nil
	}
	return Date{}, fmt.Errorf("năm %s (%d) không có tháng %s", canChi(l.Year), l.Year, lunarMonthName(l.Month, true))
}

// LeapMonth returns the leap month (1–12) of lunar year y, or 0 when the
// year has twelve months.
func LeapMonth(y int) int {
	for _, sy := range []int{y, y + 1} {
		s := spanFor(sy)
		if s.leap == 0 {
			continue
		}
		if ly, m, _ := s.label(s.leap); ly == y {
			return m
		}
	}
	return 0
}

// CanChi returns the sexagenary (can chi) name of the lunar year in
// Vietnamese, e.g. "Bính Ngọ" for 2026.
func (l LunarDate) CanChi() string { return canChi(l.Year) }

// String returns the date in Vietnamese, e.g. "ngày 1 tháng Giêng năm Bính
// Ngọ" or "ngày 15 tháng Sáu nhuận năm Ất Tỵ".
func (l LunarDate) String() string {
	return fmt.Sprintf("ngày %d tháng %s năm %s", l.Day, lunarMonthName(l.Month, l.Leap), canChi(l.Year))
}

func canChi(y int) string {
	stems := [10]string{"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"}
	branches := [12]string{"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"}
	// Year 4 (CE) was Giáp Tý, the first of the sixty-year cycle.
	return stems[floorMod(int64(y)-4, 10)] + " " + branches[floorMod(int64(y)-4, 12)]
}

func lunarMonthName(m int, leap bool) string {
	names := [13]string{"", "Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười một", "Chạp"}
	name := fmt.Sprint(m)
	if m >= 1 && m <= 12 {
		name = names[m]
	}
	if leap {
		name += " nhuận"
	}
	return name
}
