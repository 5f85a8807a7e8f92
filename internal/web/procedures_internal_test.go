package web

import (
	"strings"
	"testing"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

func TestParseDur(t *testing.T) {
	t.Parallel()
	wd := func(n int) calendar.Duration { return calendar.Duration{Amount: n, Unit: calendar.WorkingDays} }
	for _, tc := range []struct {
		in   string
		def  calendar.Unit
		want calendar.Duration
		err  string
	}{
		{"10 ngày", calendar.CalendarDays, wd(10), ""},
		{"10 ngày làm việc", "", wd(10), ""},
		{"4 giờ", "", calendar.Duration{Amount: 4, Unit: calendar.WorkingHours}, ""},
		{" 15  ngày lịch ", "", calendar.Duration{Amount: 15, Unit: calendar.CalendarDays}, ""},
		{"Trong ngày", "", calendar.Duration{Unit: calendar.SameDay}, ""},
		{"12", calendar.CalendarDays, calendar.Duration{Amount: 12, Unit: calendar.CalendarDays}, ""}, // the limit's own unit
		{"12", "", wd(12), ""},
		{"", "", calendar.Duration{}, "chưa ghi thời gian"},
		{"mười ngày", "", calendar.Duration{}, "không phải là thời gian"},
		{"3 tuần", "", calendar.Duration{}, "đơn vị thời gian không rõ"},
		{"0 ngày", "", calendar.Duration{}, "lớn hơn 0"},
		{"-2 giờ", "", calendar.Duration{}, "lớn hơn 0"},
	} {
		got, err := parseDur(tc.in, tc.def)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("parseDur(%q) error = %v, want %q", tc.in, err, tc.err)
			}
		case err != nil || got != tc.want:
			t.Errorf("parseDur(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if tc.err == "" && tc.def == "" {
			// What the form writes reads back the same.
			if back, err := parseDur(durText(got), ""); err != nil || back != got {
				t.Errorf("round trip of %v: %v %v", got, back, err)
			}
		}
	}
}

func TestParseSteps(t *testing.T) {
	t.Parallel()
	steps := []catalog.Step{
		{Name: "Tiếp nhận hồ sơ", Unit: "MOTCUA", Role: catalog.RoleReceptionClerk, Allotted: calendar.Duration{Amount: 4, Unit: calendar.WorkingHours}},
		{Name: "Lãnh đạo Sở ký", Role: catalog.RoleDirector, Allotted: calendar.Duration{Amount: 1, Unit: calendar.WorkingDays}},
	}
	got, err := parseSteps(stepsText(steps))
	if err != nil || len(got) != 2 || got[0] != steps[0] || got[1] != steps[1] {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	if got, _ := parseSteps("Xử lý | bttp | specialist | 2 ngày"); got[0].Unit != "BTTP" {
		t.Errorf("unit code not upper-cased: %q", got[0].Unit)
	}
	for in, want := range map[string]string{
		"Tiếp nhận | MOTCUA | 4 giờ":                  "dòng 1 phải có 4 phần",
		"A | | specialist | 1 ngày\nB | | x | 2 tuần": "dòng 2: đơn vị thời gian không rõ",
	} {
		if _, err := parseSteps(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseSteps(%q) = %v, want %q", in, err, want)
		}
	}
}
