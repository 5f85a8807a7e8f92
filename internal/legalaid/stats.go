package legalaid

import (
	"context"
	"sort"
	"time"

	"tuphap/internal/apperr"
)

// Period is a reporting period, both days included.
type Period struct{ From, To time.Time }

func (p Period) in(t *time.Time) bool {
	if t == nil {
		return false
	}
	d := dateOf(*t)
	return !d.Before(dateOf(p.From)) && !d.After(dateOf(p.To))
}

// Counted names the figures a list can be drilled into, in report order.
var Counted = []string{"requests", "accepted", "carried_over", "refused", "in_progress", "closed", "ended_other", "assessed", "good", "meets", "fails", "proof_missing"}

// CountedLabels names them in Vietnamese.
var CountedLabels = map[string]string{
	"requests": "Yêu cầu tiếp nhận", "accepted": "Thụ lý mới", "carried_over": "Kỳ trước chuyển sang",
	"refused": "Từ chối thụ lý", "in_progress": "Đang thực hiện (cuối kỳ)", "closed": "Đã kết thúc",
	"ended_other": "Không tiếp tục, rút yêu cầu, chuyển", "assessed": "Được đánh giá chất lượng",
	"good": "Chất lượng tốt", "meets": "Đạt chất lượng", "fails": "Không đạt chất lượng",
	"proof_missing": "Khẩn cấp chưa bổ sung giấy tờ (cuối kỳ)",
}

// Counts is the direct definition of the figures for one case in a
// period:
//   - requests: requested in the period;
//   - accepted: entered in the acceptance register in the period;
//   - carried_over: accepted before the period, not ended before it;
//   - refused: refused in writing in the period;
//   - closed: closed in the period; ended_other: stopped, withdrawn or
//     transferred in the period;
//   - in_progress: accepted by the last day and not ended by it;
//   - assessed (good, meets, fails): quality assessed in the period;
//   - proof_missing: an urgent case accepted by the last day, not ended by
//     it, whose proof had not arrived by it.
func (p Period) Counts(c Case) map[string]bool {
	to := dateOf(p.To)
	m := map[string]bool{}
	m["requests"] = p.in(&c.RequestedOn)
	m["accepted"] = p.in(c.AcceptedOn)
	endedBy := func(day time.Time) bool { return c.EndedOn != nil && dateOf(*c.EndedOn).Before(day) }
	m["carried_over"] = c.AcceptedOn != nil && dateOf(*c.AcceptedOn).Before(dateOf(p.From)) && !endedBy(dateOf(p.From))
	m["refused"] = c.Status == StatusRefused && p.in(c.RefusedOn)
	m["closed"] = c.Status == StatusClosed && p.in(c.ClosedOn)
	m["ended_other"] = (c.Status == StatusStopped || c.Status == StatusWithdrawn || c.Status == StatusTransferred) && p.in(c.EndedOn)
	open := c.AcceptedOn != nil && !dateOf(*c.AcceptedOn).After(to) && !endedBy(to.AddDate(0, 0, 1))
	m["in_progress"] = open
	if p.in(c.Assessment.On) && c.Assessment.Rating != "" {
		m["assessed"] = true
		m[c.Assessment.Rating] = true
	}
	m["proof_missing"] = open && c.Urgent != UrgentNone && c.ProofDue != nil && (c.ProofOn == nil || dateOf(*c.ProofOn).After(to))
	return m
}

// Tally is the count of one unit × form × field × group for a period.
type Tally struct {
	Unit    string `json:"unit"`
	Form    Form   `json:"form"`
	Field   Field  `json:"field"`
	Group   string `json:"group"`
	Counts  map[string]int
	Persons int `json:"persons"` // persons helped in the cases accepted in the period (lượt người)
}

// Figures are the register's figures of a period.
type Figures struct {
	Requests     int `json:"requests"`
	Accepted     int `json:"accepted"`
	CarriedOver  int `json:"carried_over"`
	Refused      int `json:"refused"`
	InProgress   int `json:"in_progress"`
	Closed       int `json:"closed"`
	EndedOther   int `json:"ended_other"`
	Assessed     int `json:"assessed"`
	Good         int `json:"good"`
	Meets        int `json:"meets"`
	Fails        int `json:"fails"`
	ProofMissing int `json:"proof_missing"`
	Persons      int `json:"persons"`
	// QualityRate is (good + meets) ÷ assessed, in percent with one
	// decimal; nil when nothing was assessed.
	QualityRate *float64 `json:"quality_rate"`
}

// Get returns a figure by its key.
func (f Figures) Get(k string) int {
	switch k {
	case "requests":
		return f.Requests
	case "accepted":
		return f.Accepted
	case "carried_over":
		return f.CarriedOver
	case "refused":
		return f.Refused
	case "in_progress":
		return f.InProgress
	case "closed":
		return f.Closed
	case "ended_other":
		return f.EndedOther
	case "assessed":
		return f.Assessed
	case "good":
		return f.Good
	case "meets":
		return f.Meets
	case "fails":
		return f.Fails
	case "proof_missing":
		return f.ProofMissing
	}
	return 0
}

func (f *Figures) add(k string, n int) {
	switch k {
	case "requests":
		f.Requests += n
	case "accepted":
		f.Accepted += n
	case "carried_over":
		f.CarriedOver += n
	case "refused":
		f.Refused += n
	case "in_progress":
		f.InProgress += n
	case "closed":
		f.Closed += n
	case "ended_other":
		f.EndedOther += n
	case "assessed":
		f.Assessed += n
	case "good":
		f.Good += n
	case "meets":
		f.Meets += n
	case "fails":
		f.Fails += n
	case "proof_missing":
		f.ProofMissing += n
	}
}

func (f *Figures) rate() {
	f.QualityRate = nil
	if f.Assessed > 0 {
		r := float64(int(float64(f.Good+f.Meets)*1000/float64(f.Assessed)+0.5)) / 10
		f.QualityRate = &r
	}
}

// Breakdown is one row of the form × field × group table: the cases
// accepted in the period.
type Breakdown struct {
	Form     Form   `json:"form"`
	Field    Field  `json:"field"`
	Group    string `json:"group"`
	Accepted int    `json:"accepted"`
	Persons  int    `json:"persons"`
}

// UnitFigures are one unit's figures.
type UnitFigures struct {
	Unit string `json:"unit"`
	Name string `json:"name"`
	Figures
}

// Report is the register's figures for a period.
type Report struct {
	From    string         `json:"from"`
	To      string         `json:"to"`
	Unit    string         `json:"unit,omitempty"`
	Figures                // requests, accepted, refused, in_progress, closed…
	ByForm  map[Form]int   `json:"by_form"`  // accepted in the period
	ByField map[Field]int  `json:"by_field"` // accepted in the period
	ByGroup map[string]int `json:"by_group"` // accepted in the period
	Rows    []Breakdown    `json:"by_form_field_group"`
	ByUnit  []UnitFigures  `json:"by_unit"`
	// Providers are those whose dates cover the period's last day.
	Providers map[ProviderKind]int `json:"providers"`
}

// FromTallies sums tallies into the report's figures and breakdowns.
func FromTallies(ts []Tally, units []Unit) Report {
	r := Report{ByForm: map[Form]int{}, ByField: map[Field]int{}, ByGroup: map[string]int{}, Providers: map[ProviderKind]int{}}
	per := map[string]*UnitFigures{}
	for _, u := range units {
		per[u.Code] = &UnitFigures{Unit: u.Code, Name: u.Name}
	}
	rows := map[[3]string]*Breakdown{}
	for _, t := range ts {
		u := per[t.Unit]
		if u == nil {
			u = &UnitFigures{Unit: t.Unit, Name: t.Unit}
			per[t.Unit] = u
		}
		for k, n := range t.Counts {
			r.Figures.add(k, n)
			u.Figures.add(k, n)
		}
		r.Persons += t.Persons
		u.Persons += t.Persons
		if a := t.Counts["accepted"]; a > 0 {
			r.ByForm[t.Form] += a
			r.ByField[t.Field] += a
			r.ByGroup[t.Group] += a
			key := [3]string{string(t.Form), string(t.Field), t.Group}
			b := rows[key]
			if b == nil {
				b = &Breakdown{Form: t.Form, Field: t.Field, Group: t.Group}
				rows[key] = b
			}
			b.Accepted += a
			b.Persons += t.Persons
		}
	}
	r.Figures.rate()
	for _, b := range rows {
		r.Rows = append(r.Rows, *b)
	}
	order := func(xs []string, x string) int {
		for i, v := range xs {
			if v == x {
				return i
			}
		}
		return len(xs)
	}
	var forms, fields []string
	for _, f := range Forms {
		forms = append(forms, string(f))
	}
	for _, f := range Fields {
		fields = append(fields, string(f))
	}
	groups := GroupCodes()
	sort.Slice(r.Rows, func(i, j int) bool {
		a, b := r.Rows[i], r.Rows[j]
		if x, y := order(forms, string(a.Form)), order(forms, string(b.Form)); x != y {
			return x < y
		}
		if x, y := order(fields, string(a.Field)), order(fields, string(b.Field)); x != y {
			return x < y
		}
		return order(groups, a.Group) < order(groups, b.Group)
	})
	for _, u := range units {
		f := per[u.Code]
		f.Figures.rate()
		r.ByUnit = append(r.ByUnit, *f)
		delete(per, u.Code)
	}
	for _, f := range per { // a unit no longer listed keeps its figures
		f.Figures.rate()
		r.ByUnit = append(r.ByUnit, *f)
	}
	return r
}

// Compute is the direct definition of the tallies over case records, the
// reference the SQL tally must equal.
func Compute(cs []Case, p Period) []Tally {
	idx := map[[4]string]*Tally{}
	var keys [][4]string
	for _, c := range cs {
		m := p.Counts(c)
		any := false
		for _, v := range m {
			any = any || v
		}
		if !any {
			continue
		}
		k := [4]string{c.UnitCode, string(c.Form), string(c.Field), c.Group}
		t := idx[k]
		if t == nil {
			t = &Tally{Unit: c.UnitCode, Form: c.Form, Field: c.Field, Group: c.Group, Counts: map[string]int{}}
			idx[k] = t
			keys = append(keys, k)
		}
		for key, v := range m {
			if v {
				t.Counts[key]++
			}
		}
		if m["accepted"] {
			t.Persons += c.Persons
		}
	}
	out := make([]Tally, 0, len(keys))
	for _, k := range keys {
		out = append(out, *idx[k])
	}
	return out
}

// Figures computes the report of a period (unit "" = the whole centre).
func (s *Service) Figures(ctx context.Context, tenantID, unit string, p Period) (Report, error) {
	if p.To.Before(p.From) {
		return Report{}, apperr.New(apperr.Invalid, "Ngày kết thúc kỳ báo cáo trước ngày bắt đầu.")
	}
	ts, err := s.Store.Tally(ctx, tenantID, unit, p)
	if err != nil {
		return Report{}, err
	}
	units, err := s.Store.Units(ctx, tenantID)
	if err != nil {
		return Report{}, err
	}
	if unit != "" {
		var only []Unit
		for _, u := range units {
			if u.Code == unit {
				only = append(only, u)
			}
		}
		units = only
	}
	r := FromTallies(ts, units)
	r.From, r.To, r.Unit = p.From.Format("2006-01-02"), p.To.Format("2006-01-02"), unit
	ps, err := s.Store.Providers(ctx, tenantID)
	if err != nil {
		return Report{}, err
	}
	for _, pr := range ps {
		if pr.ActiveOn(p.To) && (unit == "" || pr.UnitCode == unit) {
			r.Providers[pr.Kind]++
		}
	}
	return r, nil
}
