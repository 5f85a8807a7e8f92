package kit

import (
	"embed"
	"fmt"
	"html/template"
	"time"

	"tuphap/internal/vnfmt"
)

// Templates holds kit's blocks ({{template "kit.pager" ...}} and the
// others), parsed into every back-office page set.
//
//go:embed templates/*.html
var Templates embed.FS

// Funcs are the template functions every back-office page may use; the
// kernel adds its own (audit labels and the like) on top.
var Funcs = template.FuncMap{
	"date":     Date,
	"datetime": DateTime,
	"optdatetime": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return DateTime(*t)
	},
	"isodate": func(t time.Time) string { return t.In(Zone).Format("2006-01-02") },
	"optdate": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return Date(*t)
	},
	"isovn": ISOToVN,
	"pct":   Percent,
	"num":   Num,
	"add":   func(a, b int) int { return a + b },
	"seq3":  func() []int { return []int{0, 1, 2} },
	// dec writes a decimal the Vietnamese way, one decimal: 12,5.
	"dec": vnfmt.Decimal,
}

// Date is dd/mm/yyyy in Vietnam's time.
func Date(t time.Time) string { return t.In(Zone).Format("02/01/2006") }

// DateTime is "15:04 dd/mm/yyyy" in Vietnam's time.
func DateTime(t time.Time) string { return t.In(Zone).Format("15:04 02/01/2006") }

// Num formats an integer the Vietnamese way: 1.234.567.
func Num(v any) string {
	switch x := v.(type) {
	case int:
		return vnfmt.Int(int64(x))
	case int64:
		return vnfmt.Int(x)
	}
	return fmt.Sprint(v)
}

// ISOToVN shows a YYYY-MM-DD day as dd/mm/yyyy; anything else is shown as
// it is (a date typed as dd/mm/yyyy comes back unchanged).
func ISOToVN(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

// Percent shows a rate kept with one decimal as "73,5%", and "—" when there
// is no rate (nothing to divide by).
func Percent(v *float64) string {
	if v == nil {
		return "—"
	}
	return vnfmt.Decimal(*v) + "%"
}
