package kit

import (
	"net/url"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/report"
)

// PeriodPreset is one choice of the period picker.
type PeriodPreset struct{ Key, Label string }

// PeriodPresets are the picker's choices: calendar periods up to today, and
// the data cut-off periods of Decree 09/2019/NĐ-CP Art. 12 holding today.
var PeriodPresets = []PeriodPreset{
	{"month", "Tháng này"},
	{"quarter", "Quý này"},
	{"year", "Năm nay"},
	{string(report.CutoffMonthly), "Kỳ báo cáo tháng (15–14)"},
	{string(report.CutoffYearly), "Kỳ báo cáo năm (15/12–14/12)"},
}

// Period is the period picker's state: the period shown, the preset that
// chose it ("custom" for typed dates) and the choices. Use it as
// {{template "kit.period" $d.Period}} in a form with action Action.
type Period struct {
	report.Period
	Preset  string
	Presets []PeriodPreset
	// Action is the page the picker's links and form go to; Keep are the
	// other query parameters the links keep (filters).
	Action string
	Keep   url.Values
}

// Link is the page for a preset, keeping the filters.
func (p Period) Link(preset string) string {
	v := url.Values{}
	for k, vs := range p.Keep {
		v[k] = vs
	}
	v.Set("period", preset)
	return p.Action + "?" + v.Encode()
}

// PickPeriod reads ?period=<preset> or ?from=&to= (YYYY-MM-DD or
// dd/mm/yyyy). Calendar presets run from the start of the month, quarter or
// year to today ("up to now"); cut-off presets are the whole period of
// Decree 09/2019 Art. 12 holding today, cut at today. def is the preset
// when none is given.
func PickPeriod(q url.Values, today calendar.Date, def string) (Period, error) {
	out := Period{Presets: PeriodPresets}
	preset := q.Get("period")
	if q.Get("from") != "" || q.Get("to") != "" {
		if preset == "" || preset == "custom" {
			p, err := report.ParsePeriod(q.Get("from"), q.Get("to"))
			out.Period, out.Preset = p, "custom"
			return out, err
		}
	}
	if preset == "" {
		preset = def
	}
	var p report.Period
	switch k := report.CutoffKind(preset); {
	case preset == "month":
		p = report.Month(today)
	case preset == "quarter":
		p = report.Quarter(today)
	case preset == "year":
		p = report.Year(today)
	case report.IsCutoff(k):
		p = report.CutoffPeriod(k, today)
	default:
		return out, apperr.Field("period", "Kỳ báo cáo phải là tháng này, quý này, năm nay, kỳ báo cáo tháng, kỳ báo cáo năm hoặc tùy chọn.")
	}
	if p.To.After(today) {
		p.To = today
	}
	out.Period, out.Preset = p, preset
	return out, nil
}
