package report

import (
	"sort"
	"strconv"
)

// Received is columns 3–6 of Biểu 06: dossiers received for resolution.
type Received struct {
	Total        int64 `json:"total"`
	Online       int64 `json:"online"`
	DirectPostal int64 `json:"direct_postal"`
	CarriedOver  int64 `json:"carried_over"`
}

// Resolved is columns 7–10: dossiers resolved in the period.
type Resolved struct {
	Total  int64 `json:"total"`
	Early  int64 `json:"early"`
	OnTime int64 `json:"on_time"`
	Late   int64 `json:"late"`
}

// InProgress is columns 11–13: dossiers still open at the end of the period.
type InProgress struct {
	Total      int64 `json:"total"`
	WithinTime int64 `json:"within_time"`
	Overdue    int64 `json:"overdue"`
}

// Figures is one row of the form with its two rates.
type Figures struct {
	Received   Received   `json:"received"`
	Resolved   Resolved   `json:"resolved"`
	InProgress InProgress `json:"in_progress"`
	// OnTimeRate = (early + on_time) / resolved.total × 100; OnlineRate =
	// online / (online + direct_postal) × 100; both rounded half-up to one
	// decimal, nil (JSON null) when the denominator is zero.
	OnTimeRate *float64 `json:"on_time_rate"`
	OnlineRate *float64 `json:"online_rate"`
}

// AddClass counts one dossier's class.
func (f *Figures) AddClass(c Class) {
	switch c.Received {
	case "online":
		f.Received.Online++
	case "direct_postal":
		f.Received.DirectPostal++
	case "carried_over":
		f.Received.CarriedOver++
	}
	switch c.Resolved {
	case Early:
		f.Resolved.Early++
	case OnTime:
		f.Resolved.OnTime++
	case Late:
		f.Resolved.Late++
	}
	switch c.InProgress {
	case "within_time":
		f.InProgress.WithinTime++
	case "overdue":
		f.InProgress.Overdue++
	}
}

// Add adds the counts of g (totals and rates are recomputed by Finish).
func (f *Figures) Add(g Figures) {
	f.Received.Online += g.Received.Online
	f.Received.DirectPostal += g.Received.DirectPostal
	f.Received.CarriedOver += g.Received.CarriedOver
	f.Resolved.Early += g.Resolved.Early
	f.Resolved.OnTime += g.Resolved.OnTime
	f.Resolved.Late += g.Resolved.Late
	f.InProgress.WithinTime += g.InProgress.WithinTime
	f.InProgress.Overdue += g.InProgress.Overdue
}

// Finish computes the totals and the rates from the detail columns.
func (f *Figures) Finish() {
	f.Received.Total = f.Received.Online + f.Received.DirectPostal + f.Received.CarriedOver
	f.Resolved.Total = f.Resolved.Early + f.Resolved.OnTime + f.Resolved.Late
	f.InProgress.Total = f.InProgress.WithinTime + f.InProgress.Overdue
	f.OnTimeRate = Rate(f.Resolved.Early+f.Resolved.OnTime, f.Resolved.Total)
	f.OnlineRate = Rate(f.Received.Online, f.Received.Online+f.Received.DirectPostal)
}

// Zero reports whether the row counts nothing.
func (f Figures) Zero() bool {
	return f.Received.Online+f.Received.DirectPostal+f.Received.CarriedOver+f.Resolved.Early+f.Resolved.OnTime+
		f.Resolved.Late+f.InProgress.WithinTime+f.InProgress.Overdue == 0
}

// Rate is num/den × 100 rounded half-up to one decimal, computed in integers
// so that 97.05 gives 97.1 and never 97.0; nil when den is zero.
func Rate(num, den int64) *float64 {
	if den <= 0 {
		return nil
	}
	tenths := (2*num*1000 + den) / (2 * den)
	r := float64(tenths) / 10
	return &r
}

// FieldRow, UnitRow and ProcedureRow are the breakdown rows.
type FieldRow struct {
	Field string `json:"field"`
	Figures
}

type UnitRow struct {
	Tenant string `json:"tenant,omitempty"` // set in reports over several tenants
	Unit   string `json:"unit"`
	Figures
}

type ProcedureRow struct {
	ProcedureCode string `json:"procedure_code"`
	Figures
}

// LateRow counts late resolved dossiers by the unit at fault.
type LateRow struct {
	Tenant string `json:"tenant,omitempty"`
	Unit   string `json:"unit"`
	Late   int64  `json:"late"`
}

// Report is the stable JSON of the Biểu 06 report.
type Report struct {
	From        string         `json:"from"`
	To          string         `json:"to"`
	Total       Figures        `json:"total"`
	ByField     []FieldRow     `json:"by_field"`
	ByUnit      []UnitRow      `json:"by_unit"`
	ByProcedure []ProcedureRow `json:"by_procedure"`
	LateByUnit  []LateRow      `json:"late_by_unit"`
}

// Key is the grain at which figures are gathered.
type Key struct {
	Tenant, Procedure, Field, Unit string
}

// Filter narrows a report to one handling unit and/or one field.
type Filter struct {
	Unit, Field string
}

// Match reports whether a dossier with this unit and field passes.
func (f Filter) Match(unit, field string) bool {
	return (f.Unit == "" || f.Unit == unit) && (f.Field == "" || f.Field == field)
}

// Builder gathers figures by Key and late counts by unit, then makes the
// report. The direct definition and the storage both feed it, so the
// breakdowns, totals and rates are made in one place.
type Builder struct {
	period      Period
	multiTenant bool
	rows        map[Key]*Figures
	late        map[[2]string]int64
}

// NewBuilder starts a report for p; multiTenant qualifies units by tenant.
func NewBuilder(p Period, multiTenant bool) *Builder {
	return &Builder{period: p, multiTenant: multiTenant, rows: map[Key]*Figures{}, late: map[[2]string]int64{}}
}

// Add adds figures for one key.
func (b *Builder) Add(k Key, f Figures) {
	if !b.multiTenant {
		k.Tenant = ""
	}
	r := b.rows[k]
	if r == nil {
		r = &Figures{}
		b.rows[k] = r
	}
	r.Add(f)
}

// AddLate counts n late resolved dossiers against the unit at fault.
func (b *Builder) AddLate(tenant, unit string, n int64) {
	if !b.multiTenant {
		tenant = ""
	}
	if n != 0 {
		b.late[[2]string{tenant, unit}] += n
	}
}

// AddFacts classifies one dossier (the direct definition) and adds it.
func (b *Builder) AddFacts(f Facts, flt Filter) {
	if !flt.Match(f.Unit, f.Field) {
		return
	}
	c := Classify(f, b.period)
	var g Figures
	g.AddClass(c)
	if g.Zero() {
		return
	}
	b.Add(Key{Tenant: f.TenantID, Procedure: f.Procedure, Field: f.Field, Unit: f.Unit}, g)
	if c.Resolved == Late {
		b.AddLate(f.TenantID, f.LateUnit, 1)
	}
}

// Report makes the report: totals, breakdowns sorted by key, rates.
func (b *Builder) Report() Report {
	r := Report{From: b.period.From.String(), To: b.period.To.String(),
		ByField: []FieldRow{}, ByUnit: []UnitRow{}, ByProcedure: []ProcedureRow{}, LateByUnit: []LateRow{}}
	fields := map[string]*Figures{}
	units := map[[2]string]*Figures{}
	procs := map[string]*Figures{}
	get := func(m map[string]*Figures, k string) *Figures {
		if m[k] == nil {
			m[k] = &Figures{}
		}
		return m[k]
	}
	for k, f := range b.rows {
		if f.Zero() {
			continue
		}
		r.Total.Add(*f)
		get(fields, k.Field).Add(*f)
		get(procs, k.Procedure).Add(*f)
		uk := [2]string{k.Tenant, k.Unit}
		if units[uk] == nil {
			units[uk] = &Figures{}
		}
		units[uk].Add(*f)
	}
	r.Total.Finish()
	for k, f := range fields {
		f.Finish()
		r.ByField = append(r.ByField, FieldRow{Field: k, Figures: *f})
	}
	for k, f := range procs {
		f.Finish()
		r.ByProcedure = append(r.ByProcedure, ProcedureRow{ProcedureCode: k, Figures: *f})
	}
	for k, f := range units {
		f.Finish()
		r.ByUnit = append(r.ByUnit, UnitRow{Tenant: k[0], Unit: k[1], Figures: *f})
	}
	for k, n := range b.late {
		r.LateByUnit = append(r.LateByUnit, LateRow{Tenant: k[0], Unit: k[1], Late: n})
	}
	sort.Slice(r.ByField, func(i, j int) bool { return r.ByField[i].Field < r.ByField[j].Field })
	sort.Slice(r.ByProcedure, func(i, j int) bool { return r.ByProcedure[i].ProcedureCode < r.ByProcedure[j].ProcedureCode })
	sort.Slice(r.ByUnit, func(i, j int) bool {
		a, c := r.ByUnit[i], r.ByUnit[j]
		return a.Tenant < c.Tenant || a.Tenant == c.Tenant && a.Unit < c.Unit
	})
	sort.Slice(r.LateByUnit, func(i, j int) bool {
		a, c := r.LateByUnit[i], r.LateByUnit[j]
		return a.Late > c.Late || a.Late == c.Late && (a.Tenant < c.Tenant || a.Tenant == c.Tenant && a.Unit < c.Unit)
	})
	return r
}

// Direct computes the report of period p over facts by the definition.
func Direct(facts []Facts, p Period, flt Filter, multiTenant bool) Report {
	b := NewBuilder(p, multiTenant)
	for _, f := range facts {
		b.AddFacts(f, flt)
	}
	return b.Report()
}

func itoa(n int) string { return strconv.Itoa(n) }

// ftoa1 formats a rate with one decimal, as the JSON does.
func ftoa1(r float64) string { return strconv.FormatFloat(r, 'f', 1, 64) }
