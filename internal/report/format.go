package report

import (
	"tuphap/internal/vnfmt"
)

// FormatInt writes n the Vietnamese way: 1.234.567.
func FormatInt(n int64) string { return vnfmt.Int(n) }

// FormatDecimal writes x with one decimal the Vietnamese way: 1.234,5.
func FormatDecimal(x float64) string { return vnfmt.Decimal(x) }

// FormatRate writes a rate as "97,1%", or "–" when it is undefined.
func FormatRate(r *float64) string {
	if r == nil {
		return "–"
	}
	return FormatDecimal(*r) + "%"
}
