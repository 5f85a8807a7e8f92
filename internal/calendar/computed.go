package calendar

import (
	"fmt"
	"slices"
	"time"
)

// Names of days, as users read them.
const (
	nameNewYear   = "Tết Dương lịch"
	nameTet       = "Tết Nguyên đán"
	nameHung      = "Giỗ Tổ Hùng Vương"
	nameVictory   = "Ngày Chiến thắng"
	nameLabour    = "Ngày Quốc tế Lao động"
	nameNational  = "Quốc khánh"
	nameCulture   = "Ngày Văn hóa Việt Nam"
	basisComputed = "Bộ luật Lao động 2019, Điều 112 (lịch tính toán, tạm thời)"
	basisNewYear  = "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a"
	basisHung     = "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e (ngày 10/3 âm lịch)"
	basisMay      = "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c, d"
	basisTetCalc  = "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b, khoản 3 (ngày nghỉ tính toán, chờ quyết định của Thủ tướng)"
	basisQKCalc   = "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ, khoản 3 (ngày liền kề tính toán, chờ quyết định của Thủ tướng)"
	basisArt111   = "Bộ luật Lao động 2019, Điều 111 khoản 3"
	basisCulture  = "Nghị quyết 28/2026/QH16, Điều 2 (hiệu lực từ 01/7/2026)"
)

// cultureDayFrom is the first year with Ngày Văn hóa Việt Nam (24/11) as a
// paid day off: Resolution 28/2026/QH16, in force 1 July 2026. It is not
// (yet) in Labour Code Art. 112(1), so Art. 111(3) gives no compensatory day
// when it falls on a weekend.
const cultureDayFrom = 2026

// ComputedSchedule returns the provisional schedule of year y derived from
// the statute, for years without an official notice. The choices the statute
// leaves to the Prime Minister (Labour Code 2019 Art. 112(3)) follow the
// notices of 2024–2026 (and, from memory, those of 2019–2023):
//
//   - Tết Âm lịch, 5 days: the two days before mùng 1 and mùng 1–3 (the
//     Ministry's usual "2 ngày trước Tết, 3 ngày sau Tết"), except when mùng
//     1 is a Tuesday, when it is the last day of the year and mùng 1–4, so
//     that the five days are Monday–Friday (2022, 2026).
//   - Quốc khánh, 2 September plus one adjacent day: 3 September when 2
//     September is a Monday, Thursday or Sunday, otherwise 1 September — the
//     adjacent day that is a weekday next to the weekend (2024: 3/9; 2025,
//     2026: 1/9).
//   - A holiday of Art. 112(1) on a Saturday or Sunday gives a day off on the
//     next working day (nghỉ bù, Art. 111(3)).
//   - No Saturday is swapped (hoán đổi): swaps exist only by decision.
//
// Years before 2021 are also computed with the 2019 Code (in force
// 1/1/2021); load their official schedules if old dossiers matter.
func ComputedSchedule(y int) Schedule {
	s := Schedule{Year: y, Status: Provisional, LegalBasis: basisComputed}
	if y >= cultureDayFrom {
		s.LegalBasis += "; " + basisCulture
	}
	var hol []Day
	add := func(d Date, name, basis string) {
		hol = append(hol, Day{Date: d, Kind: Holiday, Name: name, LegalBasis: basis})
	}

	add(Date{y, time.January, 1}, nameNewYear, basisNewYear)

	if tet, err := LunarToSolar(LunarDate{Year: y, Month: 1, Day: 1}); err == nil {
		first := tet.AddDays(-2)
		if tet.Weekday() == time.Tuesday {
			first = tet.AddDays(-1)
		}
		for i := range 5 {
			add(first.AddDays(i), nameTet, basisTetCalc)
		}
	}
	if hung, err := LunarToSolar(LunarDate{Year: y, Month: 3, Day: 10}); err == nil {
		add(hung, nameHung, basisHung)
	}
	add(Date{y, time.April, 30}, nameVictory, basisMay)
	add(Date{y, time.May, 1}, nameLabour, basisMay)
	national := Date{y, time.September, 2}
	adjacent := national.AddDays(-1)
	switch national.Weekday() {
	case time.Monday, time.Thursday, time.Sunday:
		adjacent = national.AddDays(1)
	}
	add(adjacent, nameNational, basisQKCalc)
	add(national, nameNational, "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ")
	slices.SortStableFunc(hol, func(a, b Day) int { return a.Date.Compare(b.Date) })

	// Art. 111(3): each holiday on a weekly rest day, and each second holiday
	// on the same date (two Art. 112 days cannot be taken on one day), gives
	// the next weekday that is not already off. All holidays are placed
	// before any compensatory day, so one never lands on a later holiday.
	taken := make(map[Date]bool)
	var days, owed []Day
	for _, h := range hol {
		if taken[h.Date] {
			owed = append(owed, h)
			continue
		}
		taken[h.Date] = true
		days = append(days, h)
		if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			owed = append(owed, h)
		}
	}
	for _, h := range owed {
		d := h.Date.AddDays(1)
		for taken[d] || d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d = d.AddDays(1)
		}
		taken[d] = true
		why := weekdayVN(h.Date.Weekday())
		if wd := h.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			why = "ngày lễ khác"
		}
		days = append(days, Day{
			Date:       d,
			Kind:       DayOff,
			Name:       fmt.Sprintf("Nghỉ bù (%s trùng %s %s)", h.Name, why, h.Date.FormatVN()),
			LegalBasis: basisArt111,
		})
	}
	if y >= cultureDayFrom {
		days = append(days, Day{Date: Date{y, time.November, 24}, Kind: Holiday, Name: nameCulture, LegalBasis: basisCulture})
	}
	s.Days = days
	return s.clone()
}

func weekdayVN(w time.Weekday) string {
	return [7]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}[w]
}
