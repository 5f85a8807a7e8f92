package calendar

import (
	"math"
	"testing"
	"time"
)

func jdToTime(jd float64) time.Time {
	sec := (jd - unixEpochJD) * 86400
	return time.Unix(int64(math.Round(sec)), 0).UTC()
}

// TestNewMoonMeeus checks Meeus, Astronomical Algorithms, Example 49.a: the
// new moon of February 1977 (k = −283) is at JDE 2443192.65118.
func TestNewMoonMeeus(t *testing.T) {
	if got := newMoonJDE(-283); math.Abs(got-2443192.65118) > 0.00002 {
		t.Errorf("newMoonJDE(-283) = %.5f, want 2443192.65118", got)
	}
}

// TestNewMoonInstants compares with published new moon times (UTC, to the
// minute; NASA/USNO phase tables) and with the day in Vietnam.
func TestNewMoonInstants(t *testing.T) {
	tests := []struct {
		utc     string
		vnDay   string
		comment string
	}{
		{"2000-01-06T18:14:00Z", "2000-01-07", "k = 0"},
		{"2024-02-09T22:59:00Z", "2024-02-10", "Tết Giáp Thìn"},
		{"2025-01-29T12:36:00Z", "2025-01-29", "Tết Ất Tỵ"},
		{"2026-02-17T12:01:00Z", "2026-02-17", "Tết Bính Ngọ"},
		{"2030-02-02T16:07:00Z", "2030-02-02", "Tết Canh Tuất: 23:07 in Vietnam, next day in China"},
	}
	for _, tt := range tests {
		want, _ := time.Parse(time.RFC3339, tt.utc)
		k := int(math.Round(float64(want.Unix()-946700000) / 86400 / synodic))
		jde := newMoonJDE(k)
		got := jdToTime(jde - deltaT(jdeToYear(jde))/86400)
		if d := got.Sub(want); d < -2*time.Minute || d > 2*time.Minute {
			t.Errorf("%s: new moon k=%d at %v, want %v", tt.comment, k, got, want)
		}
		if day := dateFromDays(newMoonDay(k)); day.String() != tt.vnDay {
			t.Errorf("%s: Vietnamese day %v, want %s", tt.comment, day, tt.vnDay)
		}
	}
}

// TestSolarTerms checks the day the Sun crosses 270° (winter solstice) and
// 0° (spring equinox) in Vietnam.
func TestSolarTerms(t *testing.T) {
	tests := []struct {
		day    string // the local day on which the term falls
		sector int    // sector entered that day
	}{
		{"2024-12-21", 9}, // Đông chí 2024: 09:20 UTC
		{"2025-12-21", 9}, // Đông chí 2025: 15:03 UTC = 22:03 in Vietnam
		{"2025-03-20", 0}, // Xuân phân 2025: 09:01 UTC
		{"2026-06-21", 3}, // Hạ chí 2026: 08:24 UTC
	}
	for _, tt := range tests {
		d := mustDate(t, tt.day).days()
		if termSector(d) == tt.sector || termSector(d+1) != tt.sector {
			t.Errorf("%s: sectors %d → %d, want the crossing into %d on this day",
				tt.day, termSector(d), termSector(d+1), tt.sector)
		}
	}
}
