package calendar

import (
	"fmt"
	"time"
)

// The official schedules for civil servants, as announced. Sources are those
// of research/domain.md §1.2; document numbers that come only from secondary
// sources (press, other projects' data) are marked so in comments, to be
// checked against the Official Gazette (Công báo).
const (
	// 2024. Tết and Quốc khánh: MOLISA notice, reported by sucsongtre.vn; its
	// number 5015/TB-LĐTBXH is from secondary sources only. The 30/4 swap:
	// Công văn 2450/VPCP-KGVX of 12/4/2024 (baotintuc.vn).
	tb2024   = "Thông báo 5015/TB-LĐTBXH của Bộ Lao động – Thương binh và Xã hội về nghỉ Tết Âm lịch, Quốc khánh năm 2024"
	swap2024 = "Công văn 2450/VPCP-KGVX ngày 12/4/2024 (hoán đổi ngày làm việc dịp 30/4–1/5/2024)"
	// 2025: Công văn 8726/VPCP-KGVX of 26/11/2024 (pld.net.vn) and Thông báo
	// 6150/TB-BLĐTBXH of 3/12/2024 (Tết, the 2/5 ↔ 26/4 swap, Quốc khánh).
	tb2025 = "Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024"
	// 2026: Tết Dương lịch by Công văn 12729/VPCP-KGVX of 25/12/2025; Tết Âm
	// lịch and Quốc khánh (with the 31/8 ↔ 22/8 swap) by the Ministry of Home
	// Affairs' Thông báo 9441/TB-BNV of 16/10/2025 (number from secondary
	// sources; press: kienthuc.net.vn 13/10/2025, congan.com.vn). Hùng Vương
	// and 30/4–1/5: statute only, no swap (thanhnien.vn 23/02/2026).
	cv2026NewYear = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
	tb2026        = "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ"
)

// BuiltinSchedule returns the official schedule of year y when one is built
// in (2024, 2025, 2026), otherwise ComputedSchedule(y).
func BuiltinSchedule(y int) Schedule {
	var s Schedule
	switch y {
	case 2024:
		s = official2024()
	case 2025:
		s = official2025()
	case 2026:
		s = official2026()
	default:
		return ComputedSchedule(y)
	}
	return s.clone()
}

func official2024() Schedule {
	return Schedule{
		Year:       2024,
		Status:     Official,
		LegalBasis: "Bộ luật Lao động 2019, Điều 111 khoản 3, Điều 112; " + tb2024 + "; " + swap2024,
		Days: []Day{
			holiday(2024, 1, 1, nameNewYear, basisNewYear),
			// Tết: Thu 8/2 (29 Chạp) – Mon 12/2; Sat 10 and Sun 11 are made
			// up on Tue 13 and Wed 14 (Art. 111(3)).
			holiday(2024, 2, 8, nameTet, tb2024),
			holiday(2024, 2, 9, nameTet, tb2024),
			holiday(2024, 2, 10, nameTet, tb2024),
			holiday(2024, 2, 11, nameTet, tb2024),
			holiday(2024, 2, 12, nameTet, tb2024),
			compensatory(2024, 2, 13, nameTet, Date{2024, 2, 10}, tb2024),
			compensatory(2024, 2, 14, nameTet, Date{2024, 2, 11}, tb2024),
			holiday(2024, 4, 18, nameHung, basisHung),
			swappedOff(2024, 4, 29, Date{2024, 5, 4}, swap2024),
			holiday(2024, 4, 30, nameVictory, basisMay),
			holiday(2024, 5, 1, nameLabour, basisMay),
			workday(2024, 5, 4, Date{2024, 4, 29}, swap2024),
			holiday(2024, 9, 2, nameNational, tb2024),
			holiday(2024, 9, 3, nameNational, tb2024),
		},
	}
}

func official2025() Schedule {
	return Schedule{
		Year:       2025,
		Status:     Official,
		LegalBasis: "Bộ luật Lao động 2019, Điều 111 khoản 3, Điều 112; " + tb2025,
		Days: []Day{
			holiday(2025, 1, 1, nameNewYear, basisNewYear),
			// Tết: Sat 25/1 (26 Chạp) – Sun 2/2; the five days are Mon 27 – Fri 31/1.
			holiday(2025, 1, 27, nameTet, tb2025),
			holiday(2025, 1, 28, nameTet, tb2025),
			holiday(2025, 1, 29, nameTet, tb2025),
			holiday(2025, 1, 30, nameTet, tb2025),
			holiday(2025, 1, 31, nameTet, tb2025),
			holiday(2025, 4, 7, nameHung, basisHung),
			workday(2025, 4, 26, Date{2025, 5, 2}, tb2025),
			holiday(2025, 4, 30, nameVictory, basisMay),
			holiday(2025, 5, 1, nameLabour, basisMay),
			swappedOff(2025, 5, 2, Date{2025, 4, 26}, tb2025),
			holiday(2025, 9, 1, nameNational, tb2025),
			holiday(2025, 9, 2, nameNational, tb2025),
		},
	}
}

func official2026() Schedule {
	return Schedule{
		Year:   2026,
		Status: Official,
		LegalBasis: "Bộ luật Lao động 2019, Điều 111 khoản 3, Điều 112; " + cv2026NewYear + " (Tết Dương lịch); " +
			tb2026 + " (Tết Âm lịch, Quốc khánh); " + basisCulture,
		Days: []Day{
			holiday(2026, 1, 1, nameNewYear, basisNewYear),
			swappedOff(2026, 1, 2, Date{2026, 1, 10}, cv2026NewYear),
			workday(2026, 1, 10, Date{2026, 1, 2}, cv2026NewYear),
			// Tết: Sat 14/2 (27 Chạp) – Sun 22/2 (mùng 6); the five days are
			// Mon 16 (29 Chạp) – Fri 20/2 (mùng 4).
			holiday(2026, 2, 16, nameTet, tb2026),
			holiday(2026, 2, 17, nameTet, tb2026),
			holiday(2026, 2, 18, nameTet, tb2026),
			holiday(2026, 2, 19, nameTet, tb2026),
			holiday(2026, 2, 20, nameTet, tb2026),
			// Hùng Vương falls on Sunday 26/4: Monday 27/4 is off (Art. 111(3)).
			holiday(2026, 4, 26, nameHung, basisHung),
			compensatory(2026, 4, 27, nameHung, Date{2026, 4, 26}, basisArt111),
			holiday(2026, 4, 30, nameVictory, basisMay),
			holiday(2026, 5, 1, nameLabour, basisMay),
			// Quốc khánh: Sat 29/8 – Wed 2/9; Mon 31/8 swapped with Sat 22/8.
			workday(2026, 8, 22, Date{2026, 8, 31}, tb2026),
			swappedOff(2026, 8, 31, Date{2026, 8, 22}, tb2026),
			holiday(2026, 9, 1, nameNational, tb2026),
			holiday(2026, 9, 2, nameNational, tb2026),
			// Ngày Văn hóa Việt Nam, Tuesday 24/11/2026. research/domain.md
			// (Feb 2026) lists it as pending; Resolution 28/2026/QH16 (in
			// force 1/7/2026, per secondary sources quoting the text on
			// xaydungchinhsach.chinhphu.vn) made it a paid day off. A swap of
			// Mon 23/11 with Sat 28/11 was proposed, not decided, and is not
			// here.
			holiday(2026, 11, 24, nameCulture, basisCulture),
		},
	}
}

func holiday(y int, m time.Month, d int, name, basis string) Day {
	return Day{Date: Date{y, m, d}, Kind: Holiday, Name: name, LegalBasis: basis}
}

// compensatory is a day off under Art. 111(3) for holiday `of` on a weekend.
func compensatory(y int, m time.Month, d int, name string, of Date, basis string) Day {
	return Day{
		Date:       Date{y, m, d},
		Kind:       DayOff,
		Name:       fmt.Sprintf("Nghỉ bù (%s trùng %s %s)", name, weekdayVN(of.Weekday()), of.FormatVN()),
		LegalBasis: basis,
	}
}

// swappedOff is a weekday off in exchange for working Saturday `for`.
func swappedOff(y int, m time.Month, d int, worked Date, basis string) Day {
	return Day{
		Date:       Date{y, m, d},
		Kind:       DayOff,
		Name:       fmt.Sprintf("Nghỉ hoán đổi (làm bù %s %s)", weekdayVN(worked.Weekday()), worked.FormatVN()),
		LegalBasis: basis,
	}
}

// workday is a weekend day worked in exchange for weekday `off`.
func workday(y int, m time.Month, d int, off Date, basis string) Day {
	return Day{
		Date:       Date{y, m, d},
		Kind:       Working,
		Name:       fmt.Sprintf("Làm bù (cho ngày nghỉ %s %s)", weekdayVN(off.Weekday()), off.FormatVN()),
		LegalBasis: basis,
	}
}
