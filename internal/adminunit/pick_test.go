package adminunit

import (
	"testing"
	"time"
)

// An address names a commune by what the suggestions write, by its code,
// or by a name typed without diacritics that only one commune bears.
func TestPick(t *testing.T) {
	l, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text, province, want, err string
	}{
		{"", "", "", ""},
		{"Phường Sa Đéc, Đồng Tháp (29905)", "", "29905", ""},
		{"29905", "", "29905", ""},
		{"phuong sa dec", "", "29905", ""},
		{"sa dec", "82", "29905", ""},
		{"PHƯỜNG MỸ THO", "82", "28261", ""},
		{"không có xã này", "", "", "Không tìm thấy"},
		{"99999", "", "", "Không tìm thấy"},
		{"82", "", "", "Không tìm thấy"}, // a province is not a commune
		{"tan phu", "", "", "Có nhiều"},
	} {
		u, err := l.Pick(c.text, c.province, day)
		switch {
		case c.err != "" && (err == nil || !contains(err.Error(), c.err)):
			t.Errorf("Pick(%q, %q): %v, want an error %q", c.text, c.province, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("Pick(%q, %q): %v", c.text, c.province, err)
		case c.err == "" && u.Code != c.want:
			t.Errorf("Pick(%q, %q) = %q, want %q", c.text, c.province, u.Code, c.want)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
