package calendar

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestScheduleValidate(t *testing.T) {
	ok := Schedule{Year: 2027, Status: Official, LegalBasis: "Thông báo thử", Days: []Day{
		{Date: Date{2027, 1, 1}, Kind: Holiday, Name: nameNewYear},
	}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid schedule rejected: %v", err)
	}
	tests := []struct {
		name string
		edit func(*Schedule)
		want string
	}{
		{"date outside the year", func(s *Schedule) { s.Days[0].Date = Date{2026, 12, 31} }, "không thuộc năm 2027"},
		{"duplicate date", func(s *Schedule) { s.Days = append(s.Days, s.Days[0]) }, "bị khai báo trùng"},
		{"Art. 111: làm bù only on a weekend", func(s *Schedule) {
			s.Days = append(s.Days, Day{Date: Date{2027, 1, 4}, Kind: Working, Name: "Làm bù"})
		}, "phải là thứ Bảy hoặc Chủ nhật"},
		{"Art. 111(3): nghỉ bù on a weekday", func(s *Schedule) {
			s.Days = append(s.Days, Day{Date: Date{2027, 1, 2}, Kind: DayOff, Name: "Nghỉ bù"})
		}, "ngày nghỉ hằng tuần"},
		{"missing name", func(s *Schedule) { s.Days[0].Name = "" }, "thiếu tên"},
		{"unknown kind", func(s *Schedule) { s.Days[0].Kind = "nghi" }, "loại không hợp lệ"},
		{"unknown status", func(s *Schedule) { s.Status = "draft" }, "trạng thái lịch nghỉ không hợp lệ"},
		{"no legal basis", func(s *Schedule) { s.LegalBasis = "" }, "thiếu căn cứ pháp lý"},
		{"impossible date", func(s *Schedule) { s.Days[0].Date = Date{2027, 2, 30} }, "ngày không hợp lệ"},
		{"year out of range", func(s *Schedule) { s.Year = 1700 }, "ngoài phạm vi"},
	}
	for _, tt := range tests {
		s := ok
		s.Days = append([]Day(nil), ok.Days...)
		tt.edit(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestBuiltinSchedulesValid: every built-in and computed schedule passes
// Validate, for every supported year.
func TestBuiltinSchedulesValid(t *testing.T) {
	for y := MinYear; y <= MaxYear; y++ {
		if testing.Short() && (y < 2000 || y > 2050) {
			continue
		}
		s := BuiltinSchedule(y)
		if err := s.Validate(); err != nil {
			t.Errorf("%d: %v", y, err)
		}
		wantStatus := Provisional
		if y >= 2024 && y <= 2026 {
			wantStatus = Official
		}
		if s.Status != wantStatus || s.Year != y {
			t.Errorf("%d: status %s, year %d", y, s.Status, s.Year)
		}
		for _, d := range s.Days {
			if d.LegalBasis == "" {
				t.Errorf("%d: %v (%s) has no legal basis", y, d.Date, d.Name)
			}
		}
	}
}

func TestScheduleJSON(t *testing.T) {
	s := BuiltinSchedule(2026)
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"year":2026`, `"status":"official"`, `"legal_basis":"Bộ luật`,
		`{"date":"2026-01-10","kind":"working","name":"Làm bù (cho ngày nghỉ thứ Sáu 02/01/2026)"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	var back Schedule
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, s) {
		t.Errorf("round trip differs: %v", err)
	}

	// What an administrator uploads for a year the package does not know.
	upload := `{"year":2027,"status":"official","legal_basis":"Thông báo …/TB-BNV",
		"days":[{"date":"2027-02-05","kind":"holiday","name":"Tết Nguyên đán"},
		        {"date":"2027-02-13","kind":"working","name":"Làm bù"}]}`
	var u Schedule
	if err := json.Unmarshal([]byte(upload), &u); err != nil {
		t.Fatal(err)
	}
	if err := u.Validate(); err != nil {
		t.Errorf("uploaded schedule: %v", err)
	}
}

// TestOfficialSchedules checks the built-in schedules day by day against
// research/domain.md §1.2 and the documents it cites.
func TestOfficialSchedules(t *testing.T) {
	cal := mustCalendar(t)
	tests := []struct {
		day     string
		working bool
		kind    DayKind // "" when the day is not listed
		doc     string
	}{
		// 2024
		{"2024-01-01", false, Holiday, "BLLĐ 2019 Art. 112(1)(a)"},
		{"2024-02-07", true, "", "TB 2024: last working day before Tết"},
		{"2024-02-08", false, Holiday, "TB 2024: 29 Chạp"},
		{"2024-02-12", false, Holiday, "TB 2024: mùng 3"},
		{"2024-02-13", false, DayOff, "Art. 111(3): Tết on Sat 10/2"},
		{"2024-02-14", false, DayOff, "Art. 111(3): Tết on Sun 11/2"},
		{"2024-02-15", true, "", "TB 2024: back to work"},
		{"2024-04-18", false, Holiday, "Art. 112(1)(e): 10/3 Giáp Thìn"},
		{"2024-04-29", false, DayOff, "CV 2450/VPCP-KGVX: swapped with Sat 4/5"},
		{"2024-05-04", true, Working, "CV 2450/VPCP-KGVX: làm bù"},
		{"2024-09-02", false, Holiday, "TB 2024: Quốc khánh"},
		{"2024-09-03", false, Holiday, "TB 2024: adjacent day"},
		{"2024-09-04", true, "", ""},
		// 2025
		{"2025-01-01", false, Holiday, "Art. 112(1)(a)"},
		{"2025-01-24", true, "", "TB 6150: last working day before Tết"},
		{"2025-01-27", false, Holiday, "TB 6150: 28 Chạp"},
		{"2025-01-31", false, Holiday, "TB 6150: mùng 3"},
		{"2025-02-03", true, "", "TB 6150: back to work"},
		{"2025-04-07", false, Holiday, "Art. 112(1)(e): 10/3 Ất Tỵ"},
		{"2025-04-26", true, Working, "TB 6150: Sat 26/4 worked"},
		{"2025-05-02", false, DayOff, "TB 6150: Fri 2/5 swapped off"},
		{"2025-09-01", false, Holiday, "TB 6150"},
		{"2025-09-02", false, Holiday, "TB 6150"},
		// 2026
		{"2026-01-01", false, Holiday, "Art. 112(1)(a)"},
		{"2026-01-02", false, DayOff, "CV 12729/VPCP-KGVX: swapped with Sat 10/1"},
		{"2026-01-10", true, Working, "CV 12729/VPCP-KGVX: làm bù"},
		{"2026-02-13", true, "", "TB 9441/TB-BNV: last working day before Tết"},
		{"2026-02-16", false, Holiday, "TB 9441/TB-BNV: 29 Chạp"},
		{"2026-02-20", false, Holiday, "TB 9441/TB-BNV: mùng 4"},
		{"2026-02-23", true, "", "TB 9441/TB-BNV: back to work"},
		{"2026-04-26", false, Holiday, "Art. 112(1)(e) on a Sunday"},
		{"2026-04-27", false, DayOff, "Art. 111(3): nghỉ bù"},
		{"2026-04-28", true, "", ""},
		{"2026-04-30", false, Holiday, "Art. 112(1)(c)"},
		{"2026-05-01", false, Holiday, "Art. 112(1)(d)"},
		{"2026-08-22", true, Working, "TB 9441/TB-BNV: Sat 22/8 worked"},
		{"2026-08-31", false, DayOff, "TB 9441/TB-BNV: Mon 31/8 swapped off"},
		{"2026-09-01", false, Holiday, "TB 9441/TB-BNV"},
		{"2026-09-02", false, Holiday, "Art. 112(1)(đ)"},
		{"2026-11-23", true, "", "proposed swap, not decided"},
		{"2026-11-24", false, Holiday, "NQ 28/2026/QH16 Art. 2"},
		{"2026-11-28", false, "", "proposed làm bù, not decided"},
	}
	for _, tt := range tests {
		d := mustDate(t, tt.day)
		if got := cal.IsWorkingDay(d); got != tt.working {
			t.Errorf("%s (%s): working = %v, want %v", tt.day, tt.doc, got, tt.working)
		}
		day, listed := cal.DayInfo(d)
		if listed != (tt.kind != "") || day.Kind != tt.kind {
			t.Errorf("%s (%s): DayInfo = %+v, %v; want kind %q", tt.day, tt.doc, day, listed, tt.kind)
		}
		if listed && (day.Name == "" || day.LegalBasis == "") {
			t.Errorf("%s: entry lacks a name or legal basis: %+v", tt.day, day)
		}
	}
	if d, _ := cal.DayInfo(Date{2026, 4, 27}); d.Name != "Nghỉ bù (Giỗ Tổ Hùng Vương trùng Chủ nhật 26/04/2026)" {
		t.Errorf("27/4/2026 name = %q", d.Name)
	}
	if s := cal.Holidays(2026); !strings.Contains(s.LegalBasis, "12729/VPCP-KGVX ngày 25/12/2025") || s.Status != Official {
		t.Errorf("2026 schedule basis %q, status %s", s.LegalBasis, s.Status)
	}
}

// TestComputedMatchesOfficial: for 2024–2026 the statute-based computation
// puts Tết, Hùng Vương and Quốc khánh on the days the notices chose, and
// makes up weekend holidays as Art. 111(3) requires.
func TestComputedMatchesOfficial(t *testing.T) {
	pick := func(s Schedule, name string, kind DayKind) []Date {
		var out []Date
		for _, d := range s.Days {
			if d.Kind == kind && strings.HasPrefix(d.Name, name) {
				out = append(out, d.Date)
			}
		}
		return out
	}
	for y := 2024; y <= 2026; y++ {
		off, comp := BuiltinSchedule(y), ComputedSchedule(y)
		if comp.Status != Provisional || !strings.Contains(comp.LegalBasis, "lịch tính toán, tạm thời") {
			t.Errorf("%d: computed status %s, basis %q", y, comp.Status, comp.LegalBasis)
		}
		for _, name := range []string{nameTet, nameHung, nameVictory, nameLabour, nameNational, nameNewYear} {
			if o, c := pick(off, name, Holiday), pick(comp, name, Holiday); !reflect.DeepEqual(o, c) {
				t.Errorf("%d %s: official %v, computed %v", y, name, o, c)
			}
		}
	}
	// Art. 111(3) in the computed schedules.
	c24 := ComputedSchedule(2024)
	if got := pick(c24, "Nghỉ bù", DayOff); !reflect.DeepEqual(got, []Date{{2024, 2, 13}, {2024, 2, 14}}) {
		t.Errorf("2024 computed nghỉ bù = %v", got)
	}
	c26 := ComputedSchedule(2026)
	if got := pick(c26, "Nghỉ bù", DayOff); !reflect.DeepEqual(got, []Date{{2026, 4, 27}}) {
		t.Errorf("2026 computed nghỉ bù = %v", got)
	}
}

// TestComputed2027 pins a provisional year (no notice yet).
func TestComputed2027(t *testing.T) {
	s := ComputedSchedule(2027)
	want := map[Date]DayKind{
		{2027, 1, 1}: Holiday,
		// Tết Đinh Mùi is Saturday 6/2/2027: 4/2–8/2, weekend days made up
		// on Tue 9 and Wed 10 (Art. 111(3)).
		{2027, 2, 4}: Holiday, {2027, 2, 5}: Holiday, {2027, 2, 6}: Holiday, {2027, 2, 7}: Holiday, {2027, 2, 8}: Holiday,
		{2027, 2, 9}: DayOff, {2027, 2, 10}: DayOff,
		{2027, 4, 16}: Holiday, // 10/3 Đinh Mùi, a Friday
		{2027, 4, 30}: Holiday,
		{2027, 5, 1}:  Holiday, {2027, 5, 3}: DayOff, // 1/5 is a Saturday
		{2027, 9, 2}: Holiday, {2027, 9, 3}: Holiday, // 2/9 is a Thursday: adjacent day 3/9
		{2027, 11, 24}: Holiday, // NQ 28/2026/QH16
	}
	got := map[Date]DayKind{}
	for _, d := range s.Days {
		got[d.Date] = d.Kind
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("2027 computed:\n got %v\nwant %v", got, want)
	}
}

func TestScheduleOverride(t *testing.T) {
	custom2027 := Schedule{Year: 2027, Status: Official, LegalBasis: "Thông báo năm 2027 (thử)", Days: []Day{
		{Date: Date{2027, 1, 1}, Kind: Holiday, Name: nameNewYear},
		{Date: Date{2027, 1, 9}, Kind: Working, Name: "Làm bù"},
	}}
	provisional2025 := Schedule{Year: 2025, Status: Provisional, LegalBasis: "dự kiến", Days: nil}
	cal, err := New(DefaultRules(), custom2027, provisional2025)
	if err != nil {
		t.Fatal(err)
	}
	if !cal.IsWorkingDay(Date{2027, 1, 9}) || cal.Holidays(2027).LegalBasis != custom2027.LegalBasis {
		t.Error("an uploaded official schedule does not replace the computed one")
	}
	if cal.IsWorkingDay(Date{2025, 1, 29}) || cal.Holidays(2025).Status != Official {
		t.Error("a provisional upload replaced the official 2025 schedule")
	}

	// The returned schedule is a copy.
	h := cal.Holidays(2027)
	h.Days[0].Kind = Working
	if d, _ := cal.DayInfo(Date{2027, 1, 1}); d.Kind != Holiday {
		t.Error("Holidays exposes the calendar's data")
	}

	if _, err := New(DefaultRules(), custom2027, custom2027); err == nil || !strings.Contains(err.Error(), "hai lịch nghỉ cho năm 2027") {
		t.Errorf("duplicate year: %v", err)
	}
	bad := custom2027
	bad.Days = []Day{{Date: Date{2027, 1, 8}, Kind: Working, Name: "Làm bù"}}
	if _, err := New(DefaultRules(), bad); err == nil || !strings.Contains(err.Error(), "thứ Bảy hoặc Chủ nhật") {
		t.Errorf("invalid schedule: %v", err)
	}
}

// TestIsWorkingDayOutsideRange: beyond MaxYear nothing is known but the
// weekly rest days (Labour Code 2019 Art. 111).
func TestIsWorkingDayOutsideRange(t *testing.T) {
	cal := mustCalendar(t)
	for d := (Date{2300, 1, 1}); d.Before(Date{2300, 1, 15}); d = d.AddDays(1) {
		wd := d.Weekday()
		if want := wd != time.Saturday && wd != time.Sunday; cal.IsWorkingDay(d) != want {
			t.Errorf("%v (%v): working = %v", d, wd, !want)
		}
	}
}
