package calendar

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateParseFormat(t *testing.T) {
	d, err := ParseDate("2026-02-17")
	if err != nil || d != (Date{2026, time.February, 17}) {
		t.Fatalf("ParseDate = %v, %v", d, err)
	}
	if d.String() != "2026-02-17" || d.FormatVN() != "17/02/2026" || d.Weekday() != time.Tuesday {
		t.Errorf("got %s, %s, %v", d, d.FormatVN(), d.Weekday())
	}
	if vn, err := ParseDateVN("17/2/2026"); err != nil || vn != d {
		t.Errorf("ParseDateVN = %v, %v", vn, err)
	}
	for _, bad := range []string{"2026-02-30", "17/02/2026", "", "2026-2-17"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if _, err := ParseDateVN("30/02/2026"); err == nil {
		t.Error("ParseDateVN accepted 30/02")
	}
	if (Date{2026, 2, 29}).IsValid() || !(Date{2024, 2, 29}).IsValid() || (Date{2026, 13, 1}).IsValid() {
		t.Error("IsValid wrong about leap days or months")
	}
}

func TestDateArithmetic(t *testing.T) {
	d := Date{2025, 12, 31}
	if got := d.AddDays(1); got != (Date{2026, 1, 1}) {
		t.Errorf("31/12/2025 + 1 = %v", got)
	}
	if got := (Date{2024, 3, 1}).AddDays(-1); got != (Date{2024, 2, 29}) {
		t.Errorf("1/3/2024 - 1 = %v", got)
	}
	if n := (Date{2026, 2, 17}).DaysSince(Date{2025, 1, 29}); n != 384 {
		t.Errorf("DaysSince = %d", n)
	}
	a, b := Date{2026, 1, 31}, Date{2026, 2, 1}
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 || b.Compare(a) != 1 {
		t.Error("comparison wrong")
	}
	// Day numbers agree with the time package over four centuries.
	for day := (Date{1800, 1, 1}).days(); day < (Date{2200, 1, 1}).days(); day += 7 {
		want := time.Unix(day*86400, 0).UTC()
		got := dateFromDays(day)
		if got.Year != want.Year() || got.Month != want.Month() || got.Day != want.Day() || got.Weekday() != want.Weekday() {
			t.Fatalf("day %d: %v, want %v", day, got, want)
		}
		if got.days() != day {
			t.Fatalf("round trip %d -> %v -> %d", day, got, got.days())
		}
	}
}

func TestDateOfAnyZone(t *testing.T) {
	// 17:30 UTC on 31/12/2025 is 00:30 on 1/1/2026 in Vietnam.
	utc := time.Date(2025, 12, 31, 17, 30, 0, 0, time.UTC)
	if got := DateOf(utc); got != (Date{2026, 1, 1}) {
		t.Errorf("DateOf(%v) = %v", utc, got)
	}
	at := (Date{2026, 1, 1}).At(Clock(0, 30))
	if !at.Equal(utc) || at.Location() != Zone() {
		t.Errorf("At = %v", at)
	}
	if _, off := at.Zone(); off != 7*3600 {
		t.Errorf("offset %d", off)
	}
}

func TestDateJSON(t *testing.T) {
	b, err := json.Marshal(struct{ D Date }{Date{2026, 1, 10}})
	if err != nil || string(b) != `{"D":"2026-01-10"}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var v struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"2026-08-22"}`), &v); err != nil || v.D != (Date{2026, 8, 22}) {
		t.Errorf("unmarshal = %v, %v", v.D, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"22/08/2026"}`), &v); err == nil {
		t.Error("unmarshal accepted a non-ISO date")
	}
}

func TestTimeOfDay(t *testing.T) {
	tod, err := ParseTimeOfDay("13:30")
	if err != nil || tod != Clock(13, 30) || tod.String() != "13:30" {
		t.Errorf("ParseTimeOfDay = %v, %v", tod, err)
	}
	if _, err := ParseTimeOfDay("25:00"); err == nil {
		t.Error("accepted 25:00")
	}
}
