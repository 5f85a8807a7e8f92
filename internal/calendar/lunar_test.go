package calendar

import (
	"strings"
	"testing"
	"time"
)

func mustDate(tb testing.TB, s string) Date {
	tb.Helper()
	d, err := ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// TestLunarTable checks the table of research/domain.md §1.3 (computed for
// UTC+7; its 2024–2026 rows agree with the official holiday notices:
// Thông báo 6150/TB-BLĐTBXH for 2025, Thông báo 9441/TB-BNV for 2026).
func TestLunarTable(t *testing.T) {
	tests := []struct {
		year      int
		tet       string
		tetWday   time.Weekday
		lastChap  int // length of the preceding year's tháng Chạp
		hung      string
		hungWday  time.Weekday
		leapMonth int
	}{
		{2020, "2020-01-25", time.Saturday, 30, "2020-04-02", time.Thursday, 4},
		{2021, "2021-02-12", time.Friday, 30, "2021-04-21", time.Wednesday, 0},
		{2022, "2022-02-01", time.Tuesday, 29, "2022-04-10", time.Sunday, 0},
		{2023, "2023-01-22", time.Sunday, 30, "2023-04-29", time.Saturday, 2},
		{2024, "2024-02-10", time.Saturday, 30, "2024-04-18", time.Thursday, 0},
		{2025, "2025-01-29", time.Wednesday, 29, "2025-04-07", time.Monday, 6},
		{2026, "2026-02-17", time.Tuesday, 29, "2026-04-26", time.Sunday, 0},
		{2027, "2027-02-06", time.Saturday, 29, "2027-04-16", time.Friday, 0},
		{2028, "2028-01-26", time.Wednesday, 29, "2028-04-04", time.Tuesday, 5},
		{2029, "2029-02-13", time.Tuesday, 29, "2029-04-23", time.Monday, 0},
		// 2030: the new moon is at 16:08 UTC on 2 February, 23:08 in Vietnam,
		// so Tết is Saturday 2 February here and Sunday 3 February in China.
		{2030, "2030-02-02", time.Saturday, 29, "2030-04-12", time.Friday, 0},
	}
	for _, tt := range tests {
		tet := mustDate(t, tt.tet)
		if got := SolarToLunar(tet); got != (LunarDate{Year: tt.year, Month: 1, Day: 1}) {
			t.Errorf("%d: SolarToLunar(%s) = %+v, want 1/1/%d", tt.year, tt.tet, got, tt.year)
		}
		if got, err := LunarToSolar(LunarDate{Year: tt.year, Month: 1, Day: 1}); err != nil || got != tet {
			t.Errorf("%d: Tết = %v, %v; want %s", tt.year, got, err, tt.tet)
		}
		if tet.Weekday() != tt.tetWday {
			t.Errorf("%d: Tết weekday %v, want %v", tt.year, tet.Weekday(), tt.tetWday)
		}
		eve := SolarToLunar(tet.AddDays(-1))
		if eve.Year != tt.year-1 || eve.Month != 12 || eve.Leap || eve.Day != tt.lastChap {
			t.Errorf("%d: day before Tết = %+v, want %d/12/%d", tt.year, eve, tt.lastChap, tt.year-1)
		}
		hung, err := LunarToSolar(LunarDate{Year: tt.year, Month: 3, Day: 10})
		if err != nil || hung != mustDate(t, tt.hung) || hung.Weekday() != tt.hungWday {
			t.Errorf("%d: Giỗ Tổ Hùng Vương = %v (%v), %v; want %s %v", tt.year, hung, hung.Weekday(), err, tt.hung, tt.hungWday)
		}
		if got := LeapMonth(tt.year); got != tt.leapMonth {
			t.Errorf("%d: LeapMonth = %d, want %d", tt.year, got, tt.leapMonth)
		}
	}
}

// TestLunarVietnamNotChina pins years where UTC+7 and UTC+8 give different
// lunar calendars (research/domain.md §1.3).
func TestLunarVietnamNotChina(t *testing.T) {
	tests := []struct {
		name  string
		solar string
		want  LunarDate
	}{
		// Tết Ất Sửu 1985 was 21 January in Vietnam, 20 February in China
		// (the month 11/12 boundary moves with the meridian).
		{"Tết 1985", "1985-01-21", LunarDate{Year: 1985, Month: 1, Day: 1}},
		// Tết Đinh Hợi 2007 was 17 February in Vietnam, 18 February in China.
		{"Tết 2007", "2007-02-17", LunarDate{Year: 2007, Month: 1, Day: 1}},
		{"Tết 2030", "2030-02-02", LunarDate{Year: 2030, Month: 1, Day: 1}},
		// Dates from the official notices: 26 Chạp Giáp Thìn (TB 6150/TB-BLĐTBXH),
		// 27 Chạp Ất Tỵ and mùng 6 Bính Ngọ (TB 9441/TB-BNV).
		{"TB 6150: 25/01/2025", "2025-01-25", LunarDate{Year: 2024, Month: 12, Day: 26}},
		{"TB 9441: 14/02/2026", "2026-02-14", LunarDate{Year: 2025, Month: 12, Day: 27}},
		{"TB 9441: 22/02/2026", "2026-02-22", LunarDate{Year: 2026, Month: 1, Day: 6}},
		// 2025 had a leap sixth month (tháng Sáu nhuận Ất Tỵ) from 25 July.
		{"leap 6/2025", "2025-07-25", LunarDate{Year: 2025, Month: 6, Day: 1, Leap: true}},
		{"after leap 6/2025", "2025-08-23", LunarDate{Year: 2025, Month: 7, Day: 1}},
	}
	for _, tt := range tests {
		if got := SolarToLunar(mustDate(t, tt.solar)); got != tt.want {
			t.Errorf("%s: SolarToLunar(%s) = %+v, want %+v", tt.name, tt.solar, got, tt.want)
		}
	}
}

// TestLunarRoundTrip checks that every day of 1900–2100 converts to a lunar
// date and back to itself, and that lunar dates advance one day at a time.
func TestLunarRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("long round trip")
	}
	from, to := Date{1900, 1, 1}, Date{2100, 12, 31}
	prev := SolarToLunar(from.AddDays(-1))
	for d := from; !d.After(to); d = d.AddDays(1) {
		l := SolarToLunar(d)
		back, err := LunarToSolar(l)
		if err != nil || back != d {
			t.Fatalf("%s -> %+v -> %v, %v", d, l, back, err)
		}
		switch {
		case l.Day == prev.Day+1 && l.Month == prev.Month && l.Year == prev.Year && l.Leap == prev.Leap:
		case l.Day == 1 && (prev.Day == 29 || prev.Day == 30):
		default:
			t.Fatalf("%s: %+v does not follow %+v", d, l, prev)
		}
		prev = l
	}
}

func TestLunarToSolarErrors(t *testing.T) {
	tests := []struct {
		name string
		in   LunarDate
		want string
	}{
		{"no leap month in 2026", LunarDate{Year: 2026, Month: 4, Day: 1, Leap: true}, "không có tháng Tư nhuận"},
		{"wrong leap month in 2025", LunarDate{Year: 2025, Month: 5, Day: 1, Leap: true}, "không có tháng Năm nhuận"},
		{"30 Chạp Ất Tỵ does not exist", LunarDate{Year: 2025, Month: 12, Day: 30}, "chỉ có 29 ngày"},
		{"month 13", LunarDate{Year: 2025, Month: 13, Day: 1}, "tháng âm lịch không hợp lệ"},
		{"day 0", LunarDate{Year: 2025, Month: 1, Day: 0}, "ngày âm lịch không hợp lệ"},
		{"year out of range", LunarDate{Year: 1500, Month: 1, Day: 1}, "ngoài phạm vi"},
	}
	for _, tt := range tests {
		_, err := LunarToSolar(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestCanChiAndString(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{1985, "Ất Sửu"}, {2007, "Đinh Hợi"}, {2024, "Giáp Thìn"}, {2025, "Ất Tỵ"},
		{2026, "Bính Ngọ"}, {2030, "Canh Tuất"}, {1984, "Giáp Tý"}, {2044, "Giáp Tý"},
	}
	for _, tt := range tests {
		if got := (LunarDate{Year: tt.year}).CanChi(); got != tt.want {
			t.Errorf("CanChi(%d) = %q, want %q", tt.year, got, tt.want)
		}
	}
	strs := []struct {
		in   LunarDate
		want string
	}{
		{LunarDate{Year: 2026, Month: 1, Day: 1}, "ngày 1 tháng Giêng năm Bính Ngọ"},
		{LunarDate{Year: 2025, Month: 12, Day: 29}, "ngày 29 tháng Chạp năm Ất Tỵ"},
		{LunarDate{Year: 2025, Month: 6, Day: 15, Leap: true}, "ngày 15 tháng Sáu nhuận năm Ất Tỵ"},
		{LunarDate{Year: 2026, Month: 11, Day: 3}, "ngày 3 tháng Mười một năm Bính Ngọ"},
	}
	for _, tt := range strs {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("String(%+v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
