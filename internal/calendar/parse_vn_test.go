package calendar

import (
	"testing"
	"time"
)

// Date fields show and accept dd/mm/yyyy whatever the browser's language
// (issue 14, item 14): 06/12 is the sixth of December, never June.
func TestParseDateAnyAndDateTimeVN(t *testing.T) {
	for s, want := range map[string]Date{
		"06/12/2026": NewDate(2026, 12, 6), "6/12/2026": NewDate(2026, 12, 6), " 06/12/2026 ": NewDate(2026, 12, 6),
		"2026-12-06": NewDate(2026, 12, 6),
	} {
		if got, err := ParseDateAny(s); err != nil || got != want {
			t.Errorf("ParseDateAny(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, bad := range []string{"", "12/31/2026", "31/02/2026", "06-12-2026", "hôm nay"} {
		if _, err := ParseDateAny(bad); err == nil {
			t.Errorf("ParseDateAny(%q) accepted", bad)
		}
	}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, Zone()) }
	for s, want := range map[string]time.Time{
		"06/12/2026 14:30": at(2026, 12, 6, 14, 30), "06/12/2026  8:05": at(2026, 12, 6, 8, 5),
		"06/12/2026 14h30": at(2026, 12, 6, 14, 30), "06/12/2026 14h": at(2026, 12, 6, 14, 0),
		"06/12/2026": at(2026, 12, 6, 17, 0), "2026-12-06T09:15": at(2026, 12, 6, 9, 15),
	} {
		if got, err := ParseDateTimeVN(s, 17, 0); err != nil || !got.Equal(want) {
			t.Errorf("ParseDateTimeVN(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, bad := range []string{"", "06/12/2026 25:00", "12/31/2026 10:00", "06/12/2026 giờ"} {
		if _, err := ParseDateTimeVN(bad, 17, 0); err == nil {
			t.Errorf("ParseDateTimeVN(%q) accepted", bad)
		}
	}
}
