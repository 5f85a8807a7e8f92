// Package vnfmt writes numbers the way Vietnamese documents do: a dot
// between thousands and a comma before decimals (1.234.567; 97,1). Every
// screen, PDF, spreadsheet, SMS and command of tuphap formats numbers here,
// so the rule lives in one place. Dates are calendar.Date.FormatVN.
package vnfmt

import (
	"strconv"
	"strings"
)

// Int writes n with dots between thousands: 1.234.567, -1.234.
func Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Decimal writes x rounded half away from zero to one decimal: 1.234,5.
func Decimal(x float64) string {
	tenths := int64(x*10 + 0.5)
	if x < 0 {
		tenths = int64(x*10 - 0.5)
	}
	s := Int(tenths / 10)
	if tenths < 0 && tenths/10 == 0 {
		s = "-0"
	}
	d := tenths % 10
	if d < 0 {
		d = -d
	}
	return s + "," + strconv.FormatInt(d, 10)
}

// VND writes an amount of money: 200.000 đồng.
func VND(n int64) string { return Int(n) + " đồng" }
