package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func mustCalendar(tb testing.TB, schedules ...Schedule) *Calendar {
	tb.Helper()
	c, err := New(DefaultRules(), schedules...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// at parses "2006-01-02 15:04" in Vietnam.
func at(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Zone())
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func fmtT(t time.Time) string { return t.Format("2006-01-02 15:04 Mon -07:00") }

// TestClockStart: reception rules (Decree 118/2025/NĐ-CP; one-stop practice
// for receipts outside working hours).
func TestClockStart(t *testing.T) {
	cal := mustCalendar(t)
	tests := []struct {
		name, accepted, want string
	}{
		{"before opening → opening", "2025-03-03 06:30", "2025-03-03 07:00"},
		{"at opening", "2025-03-03 07:00", "2025-03-03 07:00"},
		{"morning", "2025-03-03 11:29", "2025-03-03 11:29"},
		{"11:30 exactly is lunch → 13:30", "2025-03-03 11:30", "2025-03-03 13:30"},
		{"lunch break → afternoon opening", "2025-03-03 12:00", "2025-03-03 13:30"},
		{"afternoon opening", "2025-03-03 13:30", "2025-03-03 13:30"},
		{"last minute", "2025-03-03 16:59", "2025-03-03 16:59"},
		{"17:00 exactly → next working day", "2025-03-03 17:00", "2025-03-04 07:00"},
		{"evening → next morning", "2025-03-03 20:00", "2025-03-04 07:00"},
		{"Friday evening → Monday", "2025-03-07 17:30", "2025-03-10 07:00"},
		{"Saturday → Monday", "2025-03-08 09:00", "2025-03-10 07:00"},
		{"TB 6150: Sat 26/4/2025 is a working day", "2025-04-26 09:00", "2025-04-26 09:00"},
		{"TB 6150: Friday evening → working Saturday", "2025-04-25 18:00", "2025-04-26 07:00"},
		{"TB 6150: 30/4, 1/5, swapped 2/5, weekend", "2025-04-29 17:30", "2025-05-05 07:00"},
		{"TB 9441/TB-BNV: Tết 2026", "2026-02-13 17:00", "2026-02-23 07:00"},
		{"CV 12729/VPCP-KGVX: year boundary 2025→2026", "2025-12-31 17:00", "2026-01-05 07:00"},
		{"Art. 111(3): nghỉ bù Mon 27/4/2026", "2026-04-26 10:00", "2026-04-28 07:00"},
	}
	for _, tt := range tests {
		got := cal.ClockStart(at(t, tt.accepted))
		if want := at(t, tt.want); !got.Equal(want) || got.Location() != Zone() {
			t.Errorf("%s: ClockStart(%s) = %s, want %s", tt.name, tt.accepted, fmtT(got), fmtT(want))
		}
	}
	// Any input zone: 00:00 UTC is 07:00 in Vietnam.
	utc := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	if got := cal.ClockStart(utc); !got.Equal(utc) || got.Format("15:04 -07:00") != "07:00 +07:00" {
		t.Errorf("UTC input: %s", fmtT(got))
	}
}

func TestDue(t *testing.T) {
	cal := mustCalendar(t)
	wd := func(n int) Duration { return Duration{Amount: n, Unit: WorkingDays} }
	wh := func(n int) Duration { return Duration{Amount: n, Unit: WorkingHours} }
	cd := func(n int) Duration { return Duration{Amount: n, Unit: CalendarDays} }
	same := Duration{Unit: SameDay}
	tests := []struct {
		name     string
		accepted string
		d        Duration
		want     string
	}{
		// Working days: 8 working hours each, walked from the clock start.
		{"Mon 07:00 + 1 wd ends at closing the same day", "2025-03-03 07:00", wd(1), "2025-03-03 17:00"},
		{"Mon 10:00 + 1 wd", "2025-03-03 10:00", wd(1), "2025-03-04 10:00"},
		{"before opening counts from 07:00", "2025-03-03 06:00", wd(1), "2025-03-03 17:00"},
		{"lunch: from 13:30, ends at 11:30 next day", "2025-03-03 12:00", wd(1), "2025-03-04 11:30"},
		{"11:30 exactly is lunch", "2025-03-03 11:30", wd(1), "2025-03-04 11:30"},
		{"16:00 + 1 wd", "2025-03-03 16:00", wd(1), "2025-03-04 16:00"},
		{"17:00 exactly: next day", "2025-03-03 17:00", wd(1), "2025-03-04 17:00"},
		{"Friday → Monday", "2025-03-07 10:00", wd(1), "2025-03-10 10:00"},
		{"10 wd", "2025-03-03 07:00", wd(10), "2025-03-14 17:00"},
		{"TB 6150: Sat 26/4/2025 counts", "2025-04-25 10:00", wd(1), "2025-04-26 10:00"},
		{"TB 6150: Thu + 3 wd via Sat 26/4", "2025-04-24 10:00", wd(3), "2025-04-28 10:00"},
		{"TB 6150: over 30/4, 1/5 and swapped 2/5", "2025-04-29 10:00", wd(1), "2025-05-05 10:00"},
		{"TB 6150: Tết 2025 (27–31/1)", "2025-01-24 10:00", wd(1), "2025-02-03 10:00"},
		{"TB 9441/TB-BNV: Tết 2026 (16–20/2)", "2026-02-13 10:00", wd(1), "2026-02-23 10:00"},
		{"CV 12729/VPCP-KGVX: Sat 10/1/2026 counts", "2026-01-09 10:00", wd(1), "2026-01-10 10:00"},
		{"year boundary: 1/1 holiday, 2/1 swapped off", "2025-12-31 10:00", wd(1), "2026-01-05 10:00"},
		{"Art. 111(3): Hùng Vương Sun 26/4/2026, Mon 27/4 off", "2026-04-24 10:00", wd(1), "2026-04-28 10:00"},
		{"TB 9441/TB-BNV: Sat 22/8/2026 counts", "2026-08-21 10:00", wd(1), "2026-08-22 10:00"},
		{"TB 9441/TB-BNV: Quốc khánh 2026 (31/8 swapped, 1–2/9)", "2026-08-28 10:00", wd(1), "2026-09-03 10:00"},
		{"NQ 28/2026/QH16: 24/11/2026", "2026-11-23 10:00", wd(1), "2026-11-25 10:00"},
		{"Decree 118/2025: accepted on Saturday", "2025-03-08 10:00", wd(2), "2025-03-11 17:00"},

		// Working hours.
		{"2 wh across lunch", "2025-03-03 10:00", wh(2), "2025-03-03 14:00"},
		{"1.5 h to 11:30 stays at 11:30", "2025-03-03 10:00", Duration{Amount: 1, Unit: WorkingHours}, "2025-03-03 11:00"},
		{"1 wh to 17:00 exactly", "2025-03-03 16:00", wh(1), "2025-03-03 17:00"},
		{"2 wh over the night", "2025-03-03 16:00", wh(2), "2025-03-04 08:00"},
		{"24 wh = 3 working days", "2025-03-03 07:00", wh(24), "2025-03-05 17:00"},

		// Calendar days (Civil Code 2015 Art. 147–148; the roll-over off a
		// rest day is Art. 148(5)).
		{"Art. 147: 3 days", "2025-03-03 10:00", cd(3), "2025-03-06 10:00"},
		{"Art. 148(5): lands on Saturday → Monday", "2025-03-05 10:00", cd(3), "2025-03-10 10:00"},
		{"Art. 148(5): lands on 30/4 → Mon 4/5/2026", "2026-04-20 10:00", cd(10), "2026-05-04 10:00"},
		{"Art. 148(5): lands in Tết 2026", "2026-02-05 10:00", cd(10), "2026-02-23 10:00"},
		{"accepted Saturday: counted from Monday's clock start", "2025-03-08 10:00", cd(3), "2025-03-13 07:00"},
		{"accepted at lunch", "2025-03-03 12:00", cd(1), "2025-03-04 13:30"},

		// Same day (Law on Civil Status 2014 Art. 5(3): received after 15:00
		// and not done at once → next working day; 15:00 itself is not after).
		{"same day: morning", "2025-03-03 09:00", same, "2025-03-03 17:00"},
		{"same day: 14:59", "2025-03-03 14:59", same, "2025-03-03 17:00"},
		{"same day: 15:00 exactly is not after 15:00", "2025-03-03 15:00", same, "2025-03-03 17:00"},
		{"same day: 15:01 → next day", "2025-03-03 15:01", same, "2025-03-04 17:00"},
		{"same day: 16:30", "2025-03-03 16:30", same, "2025-03-04 17:00"},
		{"same day: before opening", "2025-03-03 06:00", same, "2025-03-03 17:00"},
		{"same day: after closing", "2025-03-03 17:30", same, "2025-03-04 17:00"},
		{"same day: Saturday", "2025-03-08 10:00", same, "2025-03-10 17:00"},
		{"same day: Friday 15:30 → Monday", "2025-03-07 15:30", same, "2025-03-10 17:00"},
		{"same day: 31/12/2025 15:30 → Mon 5/1/2026", "2025-12-31 15:30", same, "2026-01-05 17:00"},
		{"same day: amount 1 is accepted too", "2025-03-03 09:00", Duration{Amount: 1, Unit: SameDay}, "2025-03-03 17:00"},
	}
	for _, tt := range tests {
		got, err := cal.Due(at(t, tt.accepted), tt.d, nil)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if want := at(t, tt.want); !got.Equal(want) || got.Location() != Zone() {
			t.Errorf("%s: Due(%s, %+v) = %s, want %s", tt.name, tt.accepted, tt.d, fmtT(got), fmtT(want))
		}
	}
}

// TestDueCalendarDaysEndOfDay: the Civil Code reading (Art. 148(1), (3)):
// the period ends at the close of its last day, or of the next working day.
func TestDueCalendarDaysEndOfDay(t *testing.T) {
	r := DefaultRules()
	r.CalendarDaysEndOfDay = true
	cal, err := New(r)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ accepted, want string }{
		{"2025-03-03 10:00", "2025-03-06 17:00"},
		{"2025-03-05 10:00", "2025-03-10 17:00"}, // Saturday → Monday
		{"2025-03-06 08:00", "2025-03-10 17:00"}, // Sunday → Monday: same end, no inversion
	}
	for _, tt := range tests {
		got, err := cal.Due(at(t, tt.accepted), Duration{Amount: 3, Unit: CalendarDays}, nil)
		if err != nil || !got.Equal(at(t, tt.want)) {
			t.Errorf("Due(%s, 3 days) = %s, %v; want %s", tt.accepted, fmtT(got), err, tt.want)
		}
	}
}

func TestDueErrors(t *testing.T) {
	cal := mustCalendar(t)
	acc := at(t, "2025-03-03 10:00")
	tests := []struct {
		name     string
		accepted time.Time
		d        Duration
		pauses   []Interval
		want     string
	}{
		{"zero amount", acc, Duration{Amount: 0, Unit: WorkingDays}, nil, "lớn hơn 0"},
		{"huge amount", acc, Duration{Amount: MaxAmount + 1, Unit: WorkingDays}, nil, "quá lớn"},
		{"unknown unit", acc, Duration{Amount: 1, Unit: "weeks"}, nil, "đơn vị thời hạn không hợp lệ"},
		{"no acceptance time", time.Time{}, Duration{Amount: 1, Unit: WorkingDays}, nil, "thiếu thời điểm tiếp nhận"},
		{"out of range", at(t, "2200-01-05 10:00"), Duration{Amount: 1, Unit: WorkingDays}, nil, "ngoài phạm vi"},
		{"result beyond MaxYear", at(t, "2199-12-30 10:00"), Duration{Amount: 10, Unit: WorkingDays}, nil, "vượt quá năm 2199"},
		{"pause without start", acc, Duration{Amount: 1, Unit: WorkingDays},
			[]Interval{{To: acc.Add(time.Hour)}}, "thiếu thời điểm bắt đầu"},
		{"pause ends before it starts", acc, Duration{Amount: 1, Unit: WorkingDays},
			[]Interval{{From: acc.Add(2 * time.Hour), To: acc.Add(time.Hour)}}, "kết thúc"},
	}
	for _, tt := range tests {
		_, err := cal.Due(tt.accepted, tt.d, tt.pauses)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	_, err := cal.Due(acc, Duration{Amount: 5, Unit: WorkingDays}, []Interval{{From: acc.Add(time.Hour)}})
	if !errors.Is(err, ErrPaused) {
		t.Errorf("open pause: err = %v, want ErrPaused", err)
	}
}

// TestDuePauses: a supplement request stops the clock; the due date moves
// by the working time spent waiting (Decree 118/2025/NĐ-CP; one-stop
// practice), so waiting over holidays costs nothing.
func TestDuePauses(t *testing.T) {
	cal := mustCalendar(t)
	iv := func(from, to string) Interval { return Interval{From: at(t, from), To: at(t, to)} }
	tests := []struct {
		name     string
		accepted string
		d        Duration
		pauses   []Interval
		want     string
	}{
		{"no pause", "2025-03-03 07:00", Duration{5, WorkingDays}, nil, "2025-03-07 17:00"},
		{"one working day paused", "2025-03-03 07:00", Duration{5, WorkingDays},
			[]Interval{iv("2025-03-04 10:00", "2025-03-05 10:00")}, "2025-03-10 17:00"},
		{"paused over the weekend only", "2025-03-03 07:00", Duration{5, WorkingDays},
			[]Interval{iv("2025-03-07 17:00", "2025-03-10 07:00")}, "2025-03-07 17:00"},
		{"TB 9441: paused across Tết 2026 outside hours costs nothing", "2026-02-09 07:00", Duration{10, WorkingDays},
			[]Interval{iv("2026-02-13 17:00", "2026-02-23 07:00")}, "2026-02-27 17:00"},
		{"TB 9441: paused across Tết 2026 counts 2 h + 2 h", "2026-02-09 07:00", Duration{10, WorkingDays},
			[]Interval{iv("2026-02-13 15:00", "2026-02-23 09:00")}, "2026-03-02 11:00"},
		{"overlapping pauses count once", "2025-03-03 07:00", Duration{5, WorkingDays},
			[]Interval{iv("2025-03-04 10:00", "2025-03-05 10:00"), iv("2025-03-04 14:00", "2025-03-04 16:00")}, "2025-03-10 17:00"},
		{"two separate pauses add", "2025-03-03 07:00", Duration{5, WorkingDays},
			[]Interval{iv("2025-03-05 13:30", "2025-03-05 15:30"), iv("2025-03-04 07:00", "2025-03-04 09:00")}, "2025-03-10 11:00"},
		{"pause before acceptance is clipped", "2025-03-03 10:00", Duration{1, WorkingDays},
			[]Interval{iv("2025-03-01 10:00", "2025-03-03 11:00")}, "2025-03-04 11:00"},
		{"same-day dossier paused one hour", "2025-03-03 09:00", Duration{0, SameDay},
			[]Interval{iv("2025-03-03 10:00", "2025-03-03 11:00")}, "2025-03-04 08:00"},
		{"calendar days paused one working day", "2025-03-03 10:00", Duration{3, CalendarDays},
			[]Interval{iv("2025-03-04 10:00", "2025-03-05 10:00")}, "2025-03-07 10:00"},
	}
	for _, tt := range tests {
		got, err := cal.Due(at(t, tt.accepted), tt.d, tt.pauses)
		if err != nil || !got.Equal(at(t, tt.want)) {
			t.Errorf("%s: Due = %s, %v; want %s", tt.name, fmtT(got), err, tt.want)
		}
	}
}

func TestWorkingTimeBetween(t *testing.T) {
	cal := mustCalendar(t)
	tests := []struct {
		name, a, b string
		want       time.Duration
	}{
		{"a full day", "2025-03-03 07:00", "2025-03-03 17:00", 8 * time.Hour},
		{"across lunch", "2025-03-03 11:00", "2025-03-03 14:00", time.Hour},
		{"inside lunch", "2025-03-03 11:45", "2025-03-03 13:00", 0},
		{"night", "2025-03-03 17:00", "2025-03-04 07:00", 0},
		{"over a weekend", "2025-03-07 16:00", "2025-03-10 08:00", 2 * time.Hour},
		{"TB 9441: over Tết 2026", "2026-02-13 16:00", "2026-02-23 08:00", 2 * time.Hour},
		{"reversed", "2025-03-04 07:00", "2025-03-03 07:00", 0},
		{"from a Sunday", "2025-03-09 10:00", "2025-03-10 09:00", 2 * time.Hour},
		// 2026: 261 weekdays − 14 weekdays off + 2 working Saturdays.
		{"the whole of 2026", "2026-01-01 00:00", "2027-01-01 00:00", 249 * 8 * time.Hour},
	}
	for _, tt := range tests {
		if got := cal.WorkingTimeBetween(at(t, tt.a), at(t, tt.b)); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRuleBook: a dossier keeps the rules in force when it was accepted.
func TestRuleBook(t *testing.T) {
	v1 := DefaultRules()
	v2 := DefaultRules()
	v2.EffectiveFrom = Date{2026, 7, 1}
	v2.Hours = OfficeHours{Clock(7, 30), Clock(11, 30), Clock(13, 0), Clock(17, 0)} // 7.5 h a day
	v2.SameDayCutoff = Clock(16, 0)
	v2.LegalBasis = "Quyết định của UBND tỉnh về thời giờ làm việc (thử)"
	book, err := NewRuleBook([]Rules{v2, v1})
	if err != nil {
		t.Fatal(err)
	}
	if vs := book.Versions(); len(vs) != 2 || vs[0].EffectiveFrom != (Date{}) || vs[1].EffectiveFrom != v2.EffectiveFrom {
		t.Errorf("versions not ordered: %+v", vs)
	}
	tests := []struct {
		name, accepted string
		d              Duration
		want           string
	}{
		{"accepted under v1, due under v2's dates: keeps v1", "2026-06-30 10:00", Duration{2, WorkingDays}, "2026-07-02 10:00"},
		{"v2 from its first day (midnight, Vietnam)", "2026-07-01 07:00", Duration{1, WorkingDays}, "2026-07-01 17:00"},
		{"v2 opens at 07:30", "2026-07-01 07:10", Duration{1, WorkingHours}, "2026-07-01 08:30"},
		{"v2 cut-off 16:00", "2026-07-01 15:30", Duration{0, SameDay}, "2026-07-01 17:00"},
		{"v1 cut-off 15:00", "2026-06-30 15:30", Duration{0, SameDay}, "2026-07-01 17:00"},
		{"before the first version: the first applies", "1999-06-01 10:00", Duration{1, WorkingDays}, "1999-06-02 10:00"},
	}
	for _, tt := range tests {
		got, err := book.Due(at(t, tt.accepted), tt.d, nil)
		if err != nil || !got.Equal(at(t, tt.want)) {
			t.Errorf("%s: %s, %v; want %s", tt.name, fmtT(got), err, tt.want)
		}
	}
	// The last instant of 30/6 in Vietnam is still v1, even seen from UTC.
	edge := time.Date(2026, 6, 30, 16, 59, 0, 0, time.UTC) // 23:59 in Vietnam
	if got := book.At(edge).Rules().EffectiveFrom; !got.IsZero() {
		t.Errorf("At(23:59 30/6) = version from %v", got)
	}

	if _, err := NewRuleBook(nil); err == nil {
		t.Error("empty rule book accepted")
	}
	if _, err := NewRuleBook([]Rules{v2, v2}); err == nil || !strings.Contains(err.Error(), "cùng hiệu lực") {
		t.Errorf("duplicate version: %v", err)
	}
	bad := v2
	bad.SameDayCutoff = Clock(18, 0)
	bad.LegalBasis = ""
	if _, err := NewRuleBook([]Rules{v1, bad}); err == nil || !strings.Contains(err.Error(), "giờ chốt") ||
		!strings.Contains(err.Error(), "thiếu căn cứ pháp lý") {
		t.Errorf("invalid version: %v", err)
	}
}

func TestRulesValidate(t *testing.T) {
	if err := DefaultRules().Validate(); err != nil {
		t.Fatalf("default rules: %v", err)
	}
	if DefaultOfficeHours().PerDay() != 8*time.Hour {
		t.Errorf("default day is %v", DefaultOfficeHours().PerDay())
	}
	tests := []struct {
		name string
		edit func(*Rules)
		want string
	}{
		{"afternoon before morning", func(r *Rules) { r.Hours.AfternoonStart = Clock(11, 0) }, "giờ làm việc không hợp lệ"},
		{"empty window", func(r *Rules) { r.Hours.MorningEnd = r.Hours.MorningStart }, "giờ làm việc không hợp lệ"},
		{"past midnight", func(r *Rules) { r.Hours.AfternoonEnd = Clock(24, 30) }, "giờ làm việc không hợp lệ"},
		{"cut-off after closing", func(r *Rules) { r.SameDayCutoff = Clock(17, 30) }, "giờ chốt"},
		{"no legal basis", func(r *Rules) { r.LegalBasis = "" }, "căn cứ pháp lý"},
		{"bad effective date", func(r *Rules) { r.EffectiveFrom = Date{2026, 2, 30} }, "ngày hiệu lực"},
	}
	for _, tt := range tests {
		r := DefaultRules()
		tt.edit(&r)
		if err := r.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// No lunch break is allowed.
	r := DefaultRules()
	r.Hours = OfficeHours{Clock(8, 0), Clock(12, 0), Clock(12, 0), Clock(16, 0)}
	if err := r.Validate(); err != nil {
		t.Errorf("continuous day rejected: %v", err)
	}
}

// TestReadings shows both readings of a period on the same inputs. The
// working-hours reading (the default, as the one-stop systems count) adds N
// × 8 working hours from the clock's start. The Civil Code reading starts
// the period the day after acceptance (Civil Code 2015 Art. 147(2)–(3)) and
// ends it at the close of its last day (Art. 148(1)); a last day that is not
// a working day moves to the next working day's close (Art. 148(5)).
func TestReadings(t *testing.T) {
	wh := DefaultRules()
	cc := DefaultRules()
	cc.Reading = ReadingCivilCode
	calWH, err := New(wh)
	if err != nil {
		t.Fatal(err)
	}
	calCC, err := New(cc)
	if err != nil {
		t.Fatal(err)
	}
	wd := func(n int) Duration { return Duration{n, WorkingDays} }
	cd := func(n int) Duration { return Duration{n, CalendarDays} }
	tests := []struct {
		name, accepted string
		d              Duration
		workingHours   string
		civilCode      string
	}{
		{"10 working days from Mon 09:00", "2026-03-02 09:00", wd(10), "2026-03-16 09:00", "2026-03-16 17:00"},
		{"1 working day from Mon 16:00", "2026-03-02 16:00", wd(1), "2026-03-03 16:00", "2026-03-03 17:00"},
		{"1 working day from Mon 07:00", "2026-03-02 07:00", wd(1), "2026-03-02 17:00", "2026-03-03 17:00"},
		{"accepted Saturday", "2026-03-07 10:00", wd(2), "2026-03-10 17:00", "2026-03-10 17:00"},
		{"accepted after closing", "2026-03-02 17:30", wd(1), "2026-03-03 17:00", "2026-03-03 17:00"},
		{"over 30/4–1/5/2026", "2026-04-28 10:00", wd(3), "2026-05-05 10:00", "2026-05-05 17:00"},
		{"3 days ending Saturday → Monday (Art. 148(5))", "2025-03-05 10:00", cd(3), "2025-03-10 10:00", "2025-03-10 17:00"},
		{"3 days from Saturday: day 1 is Sunday", "2025-03-08 10:00", cd(3), "2025-03-13 07:00", "2025-03-11 17:00"},
		{"same day: unchanged", "2026-03-02 15:00", Duration{0, SameDay}, "2026-03-02 17:00", "2026-03-02 17:00"},
		{"working hours: unchanged", "2026-03-02 16:00", Duration{8, WorkingHours}, "2026-03-03 16:00", "2026-03-03 16:00"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			cal  *Calendar
			want string
		}{{calWH, tt.workingHours}, {calCC, tt.civilCode}} {
			got, err := c.cal.Due(at(t, tt.accepted), tt.d, nil)
			if err != nil || !got.Equal(at(t, c.want)) {
				t.Errorf("%s (%s): %s, %v; want %s", tt.name, c.cal.Rules().Reading.Label(), fmtT(got), err, c.want)
			}
		}
	}
	if DefaultRules().Reading != ReadingWorkingHours {
		t.Error("the default reading must stay the working-hours one")
	}
	bad := DefaultRules()
	bad.Reading = "lunar"
	if bad.Validate() == nil {
		t.Error("an unknown reading must be refused")
	}
}
