// Package annualreport drafts the department's annual (or six-month)
// report from tuphap's records: achievements by field with their figures,
// limitations and tasks ahead, in the structure of the departments'
// reports (seeds 000–004). Every figure is computed by the register that
// keeps it, shown with its definition and a link to the records it counts;
// a figure tuphap does not hold is null and said to be so, never typed.
//
// Each register contributes through a Source, registered at wiring time
// (cmd/tuphap, web). A field whose register is not kept in tuphap yet gets
// a section that says so, with every expected figure null. Plain Go: the
// sources receive their data through functions, never a database.
package annualreport

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/vnfmt"
)

// Period is the report's period: a calendar year (Half 0) or its first six
// months (Half 1), whole days [From, To].
type Period struct {
	Year int       `json:"year"`
	Half int       `json:"half"`
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// PeriodOf returns the period of a year or of its first half.
func PeriodOf(year, half int) (Period, error) {
	if year < 2000 || year > 2100 {
		return Period{}, apperr.Field("year", "Năm báo cáo không hợp lệ.")
	}
	p := Period{Year: year, Half: half, From: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)}
	switch half {
	case 0:
	case 1:
		p.To = time.Date(year, 6, 30, 0, 0, 0, 0, time.UTC)
	default:
		return Period{}, apperr.Field("half", "Kỳ báo cáo chỉ là cả năm hoặc 6 tháng đầu năm (--half 1).")
	}
	return p, nil
}

// Name is the period in Vietnamese: "năm 2026", "6 tháng đầu năm 2026".
func (p Period) Name() string {
	if p.Half == 1 {
		return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
	}
	return fmt.Sprintf("năm %d", p.Year)
}

// Query is from=…&to=… of the period, for drill-down links.
func (p Period) Query() url.Values {
	return url.Values{"from": {p.From.Format("2006-01-02")}, "to": {p.To.Format("2006-01-02")}}
}

// Scope is whose report it is: a department's tenant and its province (the
// department's report rolls up the communes of its province for the
// registers they keep in the province's partition).
type Scope struct {
	TenantID     string
	ProvinceCode string
}

// Figure is one number of the report with its definition and the link to
// the records it counts. Value is nil when tuphap does not hold it.
type Figure struct {
	Key         string   `json:"key"`
	Label       string   `json:"label"`
	Value       *float64 `json:"value"`
	Unit        string   `json:"unit"` // "hồ sơ", "%", "vụ việc"…
	Numerator   *int64   `json:"numerator,omitempty"`
	Denominator *int64   `json:"denominator,omitempty"`
	Definition  string   `json:"definition"`
	Drill       string   `json:"drill,omitempty"` // back-office path of the records
	Section     string   `json:"section"`
	Held        bool     `json:"held"`
	NotHeld     string   `json:"not_held,omitempty"` // why the value is null
}

// Rate reports whether the figure is a percentage.
func (f Figure) Rate() bool { return f.Unit == "%" }

// Section is the report's part for one field.
type Section struct {
	Key     string   `json:"key"`
	Title   string   `json:"title"`
	Held    bool     `json:"held"`               // the register is kept in tuphap
	NotHeld string   `json:"not_held,omitempty"` // said in the report when not
	Figures []Figure `json:"figures"`
	// Lines are short factual sentences a register writes from its records
	// ("Đã xây dựng 4 mô hình …"), beside the director's narrative.
	Lines []string `json:"lines,omitempty"`
	Text  string   `json:"text,omitempty"` // the director's paragraph for this field
}

// Source is one register's contribution. Key is the Field it fills; the
// section it returns must carry the field's expected figures (a missing
// one is added as not held).
type Source interface {
	Key() string
	Section(ctx context.Context, sc Scope, p Period) (Section, error)
}

// Count returns an integer figure.
func Count(key, label, unit, def, drill string, n int64) Figure {
	v := float64(n)
	return Figure{Key: key, Label: label, Value: &v, Unit: unit, Definition: def, Drill: drill, Held: true}
}

// Percent returns a rate figure with its numerator and denominator; its
// value is given by the register that computes it (nil: no denominator).
func Percent(key, label, def, drill string, rate *float64, num, den int64) Figure {
	return Figure{Key: key, Label: label, Value: rate, Unit: "%", Numerator: &num, Denominator: &den, Definition: def, Drill: drill, Held: true}
}

// Link builds a back-office link with the period and extra parameters.
func Link(path string, p Period, kv ...string) string {
	v := p.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return path + "?" + v.Encode()
}

// Report is the drafted report.
type Report struct {
	Agency    string            `json:"agency"`
	Superior  string            `json:"superior,omitempty"`
	Place     string            `json:"place,omitempty"`
	Period    Period            `json:"period"`
	Sections  []Section         `json:"sections"`
	Texts     map[string]string `json:"texts"` // the director's paragraphs by part
	Generated time.Time         `json:"generated"`
}

// Figures lists every figure of the report in order.
func (r Report) Figures() []Figure {
	var out []Figure
	for _, s := range r.Sections {
		out = append(out, s.Figures...)
	}
	return out
}

// Figure returns the figure of a key.
func (r Report) Figure(key string) (Figure, bool) {
	for _, f := range r.Figures() {
		if f.Key == key {
			return f, true
		}
	}
	return Figure{}, false
}

// Parts are the narrative parts the director writes, beside each field's
// paragraph (keyed by the field's key).
var Parts = []struct{ Key, Title string }{
	{"intro", "Đặc điểm tình hình"},
	{"limitations", "Tồn tại, hạn chế và nguyên nhân"},
	{"tasks", "Phương hướng, nhiệm vụ trọng tâm kỳ tới"},
}

// Builder holds the registered sources.
type Builder struct {
	sources map[string][]Source
}

// Register adds a register's source (at wiring time). Several registers
// may fill one field (dissemination: the leaflets of the dissemination
// register, the entries of the contests): their figures and lines are put
// together in the order registered, the first figure of a key kept.
func (b *Builder) Register(s Source) {
	if b.sources == nil {
		b.sources = map[string][]Source{}
	}
	b.sources[s.Key()] = append(b.sources[s.Key()], s)
}

// Has reports whether a field has a source.
func (b *Builder) Has(key string) bool { return len(b.sources[key]) > 0 }

// Build drafts the report: every field of Fields in order, from its source
// or marked as not kept in tuphap, with the director's texts.
func (b *Builder) Build(ctx context.Context, sc Scope, p Period, texts map[string]string) (Report, error) {
	r := Report{Period: p, Texts: texts}
	if r.Texts == nil {
		r.Texts = map[string]string{}
	}
	for _, fd := range Fields {
		s, err := b.Section(ctx, sc, p, fd.Key, r.Texts)
		if err != nil {
			return r, err
		}
		r.Sections = append(r.Sections, s)
	}
	return r, nil
}

// Section builds one field of the report: from its sources, or marked as
// not kept in tuphap.
func (b *Builder) Section(ctx context.Context, sc Scope, p Period, key string, texts map[string]string) (Section, error) {
	fd, ok := FieldOf(key)
	if !ok {
		return Section{}, fmt.Errorf("annualreport: no field %q", key)
	}
	var s Section
	if srcs := b.sources[fd.Key]; len(srcs) > 0 {
		seen := map[string]bool{}
		for _, src := range srcs {
			part, err := src.Section(ctx, sc, p)
			if err != nil {
				return s, fmt.Errorf("annualreport: %s: %w", fd.Key, err)
			}
			for _, f := range part.Figures {
				if !seen[f.Key] {
					seen[f.Key] = true
					s.Figures = append(s.Figures, f)
				}
			}
			s.Lines = append(s.Lines, part.Lines...)
		}
		s.Held = true
	} else {
		s.NotHeld = fd.Register + " chưa được quản lý trên tuphap: số liệu của lĩnh vực này không được tính, báo cáo không ghi số."
	}
	s.Key, s.Title = fd.Key, fd.Title
	s.Figures = complete(fd, s)
	s.Text = texts[fd.Key]
	return s, nil
}

// complete puts the field's expected figures first, in order, adding the
// ones the source did not give as not held; extra figures follow.
func complete(fd Field, s Section) []Figure {
	got := map[string]Figure{}
	for _, f := range s.Figures {
		got[f.Key] = f
	}
	// A register is held when a source gave one of its expected figures.
	held := map[string]bool{}
	for _, e := range fd.Figures {
		if _, ok := got[e.Key]; ok {
			held[fd.RegisterOf(e.Key)] = true
		}
	}
	var out []Figure
	seen := map[string]bool{}
	for _, e := range fd.Figures {
		f, ok := got[e.Key]
		if !ok {
			reg := fd.RegisterOf(e.Key)
			f = Figure{Key: e.Key, Label: e.Label, Unit: e.Unit, Definition: e.Definition, NotHeld: "Không có trong tuphap: " + reg + " chưa được quản lý trên hệ thống."}
			if held[reg] {
				f.NotHeld = "Sổ này chưa ghi số liệu cho chỉ tiêu này."
			}
		}
		f.Section = fd.Key
		if f.Definition == "" {
			f.Definition = e.Definition
		}
		out = append(out, f)
		seen[e.Key] = true
	}
	for _, f := range s.Figures {
		if !seen[f.Key] {
			f.Section = fd.Key
			out = append(out, f)
		}
	}
	return out
}

// Text writes a figure's value in Vietnamese: "1.234", "97,1%" (with
// its numerator and denominator in Detail), or "không có số liệu" when
// tuphap does not hold it.
func (f Figure) Text() string {
	switch {
	case f.Value == nil && f.Rate() && f.Held:
		return "không tính được (mẫu số bằng 0)"
	case f.Value == nil:
		return "không có số liệu"
	case f.Rate():
		return vnfmt.Decimal(*f.Value) + "%"
	case f.Unit == "điểm":
		return vnfmt.Decimal(*f.Value)
	}
	return vnfmt.Int(int64(*f.Value))
}

// Detail is the numerator and denominator of a rate ("330/340"), "" for
// a count.
func (f Figure) Detail() string {
	if f.Numerator == nil || f.Denominator == nil {
		return ""
	}
	return vnfmt.Int(*f.Numerator) + "/" + vnfmt.Int(*f.Denominator)
}
