package report

import (
	"strconv"
	"strings"
)

// FormatInt writes n the Vietnamese way: 1.234.567.
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatDecimal writes x with one decimal the Vietnamese way: 1.234,5.
func FormatDecimal(x float64) string {
	tenths := int64(x*10 + 0.5)
	if x < 0 {
		tenths = int64(x*10 - 0.5)
	}
	s := FormatInt(tenths / 10)
	if tenths < 0 && tenths/10 == 0 {
		s = "-0"
	}
	d := tenths % 10
	if d < 0 {
		d = -d
	}
	return s + "," + strconv.FormatInt(d, 10)
}

// FormatRate writes a rate as "97,1%", or "–" when it is undefined.
func FormatRate(r *float64) string {
	if r == nil {
		return "–"
	}
	return FormatDecimal(*r) + "%"
}
