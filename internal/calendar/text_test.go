package calendar

import (
	"strings"
	"testing"
)

// The official 2026 schedule (CV 12729/VPCP-KGVX; TB 9441/TB-BNV) survives
// the administrators' text form unchanged in dates and kinds.
func TestScheduleTextRoundTrip(t *testing.T) {
	s := BuiltinSchedule(2026)
	got, err := ParseScheduleText(2026, s.LegalBasis, FormatScheduleText(s))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Days) != len(s.Days) {
		t.Fatalf("%d days, want %d", len(got.Days), len(s.Days))
	}
	for i := range s.Days {
		if got.Days[i].Date != s.Days[i].Date || got.Days[i].Kind != s.Days[i].Kind || got.Days[i].Name != s.Days[i].Name {
			t.Errorf("day %d: %+v, want %+v", i, got.Days[i], s.Days[i])
		}
	}
}

func TestParseScheduleTextErrors(t *testing.T) {
	for _, c := range []struct{ text, says string }{
		{"32/01/2027; nghỉ lễ; X", "dòng 1"},
		{"01/01/2027; nghỉ phép; X", "loại"},
		{"\n# ghi chú\n01/01/2027", "dòng 3"},
		{"01/01/2026; nghỉ lễ; Năm khác", "2026"},
	} {
		_, err := ParseScheduleText(2027, "Thông báo thử", c.text)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: error %v, want one mentioning %q", c.text, err, c.says)
		}
	}
	s, err := ParseScheduleText(2027, "TB", "01/01/2027; nghỉ lễ; Tết Dương lịch\n09/01/2027; làm bù")
	if err != nil || len(s.Days) != 2 || s.Days[1].Kind != Working || s.Days[1].Name != "làm bù" {
		t.Fatalf("valid text: %+v %v", s, err)
	}
}
