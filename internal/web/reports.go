package web

import (
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web/kit"
)

// reportQuery reads the period and filters of a report request: a preset
// of kit.PickPeriod (?period=month|quarter|year|cutoff_month|cutoff_year,
// the one holding today) or ?from=&to= (YYYY-MM-DD or dd/mm/yyyy); the
// default is this year.
func (s *Server) reportQuery(r *http.Request) (report.Period, string, report.Filter, error) {
	q := r.URL.Query()
	today := calendar.DateOf(s.now())
	flt := report.Filter{Unit: q.Get("unit"), Field: q.Get("field")}
	if len(flt.Unit) > 64 || len(flt.Field) > 64 {
		return report.Period{}, "", flt, apperr.Field("unit", "Đơn vị hoặc lĩnh vực không hợp lệ.")
	}
	pp, err := kit.PickPeriod(q, today, "year")
	return pp.Period, pp.Preset, flt, err
}

// apiReportTTHC is Biểu 06 of the officer's tenant as JSON.
func (s *Server) apiReportTTHC(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if q.Get("from") == "" || q.Get("to") == "" {
		return apperr.Field("from", "Cần tham số from và to (YYYY-MM-DD).")
	}
	p, _, flt, err := s.reportQuery(r)
	if err != nil {
		return err
	}
	rep, err := s.db.Reports().Report(r.Context(), sqlstore.ReportScope{TenantID: principalFrom(r.Context()).TenantID, Filter: flt}, p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

type reportsPage struct {
	Tenant     org.Tenant
	Period     report.Period
	Preset     string
	Picker     kit.Period
	Exports    kit.Exports
	Filter     report.Filter
	Report     report.Report
	Index      report.Index
	Trend      template.HTML
	UnitChart  template.HTML
	FieldChart template.HTML
	units      map[string]string
	procs      map[string]string
	// TopProcedures are the procedures with the most dossiers received.
	TopProcedures []report.ProcedureRow
	Units         []org.Unit
	Fields        []catalog.Field
	// Acceptance measures the period's online submissions against the
	// acceptance limit (Decree 118/2025/NĐ-CP Art. 17(2)(c)), beside Biểu 06.
	Acceptance *acceptanceReport
	// Forms beside Biểu 06 and the satisfaction survey (index766.go).
	Others otherForms
}

func (*reportsPage) title() string { return "Báo cáo thống kê" }

// UnitName names a unit by code.
func (p *reportsPage) UnitName(code string) string {
	if n := p.units[code]; n != "" {
		return n
	}
	if code == "" {
		return "Chưa xác định"
	}
	return code
}

// ProcName names a procedure by code (or catalogue ID).
func (p *reportsPage) ProcName(code string) string {
	if n := p.procs[code]; n != "" {
		return n
	}
	return code
}

// procedureNames maps procedure codes and IDs to names.
func procedureNames(ps []catalog.Procedure) map[string]string {
	m := map[string]string{}
	for _, pr := range ps {
		m[pr.ID] = pr.Name
		if pr.Code != "" {
			m[pr.Code] = pr.Name
		}
	}
	return m
}

// procedureCodes maps catalogue IDs to national procedure codes.
func procedureCodes(ps []catalog.Procedure) map[string]string {
	m := map[string]string{}
	for _, pr := range ps {
		if pr.Code != "" {
			m[pr.ID], m[pr.Code] = pr.Code, pr.Code
		}
	}
	return m
}

// FieldName names a field by code.
func (p *reportsPage) FieldName(code string) string { return fieldLabel(code) }

func fieldLabel(code string) string {
	if f, ok := catalog.FieldByCode(code); ok {
		return f.Name
	}
	if code == "" {
		return "Chưa xác định"
	}
	return code
}

// Link is the drill-down to the dossiers behind one number; kv adds
// filters ("unit", code, "field", code, "procedure", code, "late_unit", code).
// Figures are the headline numbers, each a link to its dossiers.
func (p *reportsPage) Figures() []kit.Figure {
	t := p.Report.Total
	return []kit.Figure{
		{Label: "giải quyết trước hạn, đúng hạn", Value: p.Pct(t.OnTimeRate), Href: p.Link("resolved")},
		{Label: "hồ sơ nộp trực tuyến", Value: p.Pct(t.OnlineRate), Href: p.Link("online")},
		{Label: "hồ sơ nhận giải quyết (" + kit.Num(t.Received.CarriedOver) + " từ kỳ trước)", Value: kit.Num(t.Received.Total), Href: p.Link("received")},
		{Label: "đã giải quyết (" + kit.Num(t.Resolved.Late) + " quá hạn)", Value: kit.Num(t.Resolved.Total), Href: p.Link("resolved")},
		{Label: "đang giải quyết", Value: kit.Num(t.InProgress.Total), Href: p.Link("in_progress")},
		{Label: "đang giải quyết quá hạn", Value: kit.Num(t.InProgress.Overdue), Href: p.Link("overdue"), Bad: t.InProgress.Overdue > 0},
	}
}

func (p *reportsPage) Link(measure string, kv ...string) string {
	return drillLink(p.Period, p.Filter, measure, kv...)
}

// ExportLink is the download of Biểu 06 as format ("xlsx", "pdf") for the
// page's own period and filters. It is the whole URL: a query string
// spliced into an href after "?" would be escaped whole by html/template
// (issue 14 item 1: every download was the year to date).
func (p *reportsPage) ExportLink(format string) string {
	return "/admin/reports/export/" + url.PathEscape(format) + "?" + p.Query()
}

// Query is the page's period and filters as a query string (for kit.Exports).
func (p *reportsPage) Query() string {
	v := url.Values{"from": {p.Period.From.String()}, "to": {p.Period.To.String()}}
	if p.Filter.Unit != "" {
		v.Set("unit", p.Filter.Unit)
	}
	if p.Filter.Field != "" {
		v.Set("field", p.Filter.Field)
	}
	return v.Encode()
}

func drillLink(p report.Period, f report.Filter, measure string, kv ...string) string {
	v := url.Values{"from": {p.From.String()}, "to": {p.To.String()}, "measure": {measure}}
	if f.Unit != "" {
		v.Set("unit", f.Unit)
	}
	if f.Field != "" {
		v.Set("field", f.Field)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return "/admin/reports/dossiers?" + v.Encode()
}

// reports is the statistics dashboard: headline figures, the trend by
// month, figures by unit and by field, each number a drill-down.
func (s *Server) reports(w http.ResponseWriter, r *http.Request) error {
	p, preset, flt, err := s.reportQuery(r)
	if err != nil {
		return err
	}
	page, err := s.reportData(r, p, flt)
	if err != nil {
		return err
	}
	page.Preset = preset
	page.Picker = kit.Period{Period: p, Preset: preset, Presets: kit.PeriodPresets, Action: "/admin/reports", Keep: url.Values{}}
	for k, v := range map[string]string{"unit": flt.Unit, "field": flt.Field} {
		if v != "" {
			page.Picker.Keep.Set(k, v)
		}
	}
	page.Exports = kit.Exports{Base: "/admin/reports/export/", Query: page.Query(), Formats: []kit.ExportFormat{
		{Key: "xlsx", Label: "Tải Biểu 06 (Excel)"}, {Key: "pdf", Label: "Tải Biểu 06 (PDF)"}}}
	s.renderPage(w, r, http.StatusOK, "reports", page)
	return nil
}

// reportData computes everything the dashboards show for period p.
func (s *Server) reportData(r *http.Request, p report.Period, flt report.Filter) (*reportsPage, error) {
	ctx := r.Context()
	tid := principalFrom(ctx).TenantID
	t, err := s.db.Org().Tenant(ctx, tid)
	if err != nil {
		return nil, err
	}
	scope := sqlstore.ReportScope{TenantID: tid, Filter: flt}
	rep, err := s.db.Reports().Report(ctx, scope, p)
	if err != nil {
		return nil, err
	}
	units, err := s.db.Org().Units(ctx, tid)
	if err != nil {
		return nil, err
	}
	page := &reportsPage{Tenant: t, Period: p, Filter: flt, Report: rep, units: map[string]string{}, Units: units, Fields: catalog.Fields(),
		procs: procedureNames(s.catalog)}
	page.TopProcedures = append([]report.ProcedureRow(nil), rep.ByProcedure...)
	sort.SliceStable(page.TopProcedures, func(i, j int) bool {
		return page.TopProcedures[i].Received.Total > page.TopProcedures[j].Received.Total
	})
	if len(page.TopProcedures) > 15 {
		page.TopProcedures = page.TopProcedures[:15]
	}
	for _, u := range units {
		page.units[u.Code] = u.Name
	}
	ix, err := s.indexCounts(ctx, scope, p, rep)
	if err != nil {
		return nil, err
	}
	page.Index = report.ComputeIndex(rep, ix)
	if err := s.otherForms(ctx, page); err != nil {
		return nil, err
	}
	if page.Acceptance, err = s.acceptanceReport(r, p); err != nil {
		return nil, err
	}
	// The trend: the months of the period, or the twelve months up to its
	// end when the period is shorter.
	span := p
	if len(p.Months()) < 12 {
		end := report.Month(p.To)
		start := report.Month(end.From.AddDays(-330)).From
		span = report.Period{From: start, To: p.To}
	}
	// Whole months come from one read of the monthly roll-up; a month the
	// period cuts (its first or last) is a report of its own.
	months := span.Months()
	whole := map[calendar.Date]sqlstore.MonthTotals{}
	var first, last calendar.Date
	for _, m := range months {
		if m == report.Month(m.From) {
			if first.IsZero() {
				first = m.From
			}
			last = m.From
		}
	}
	if !first.IsZero() {
		ts, err := s.db.Reports().MonthlyTrend(ctx, scope, first, last)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			whole[t.Month.From] = t
		}
	}
	var points []render.MonthPoint
	for _, m := range months {
		t, ok := whole[m.From]
		if !ok || t.Month != m {
			mr, err := s.db.Reports().Report(ctx, scope, m)
			if err != nil {
				return nil, err
			}
			t = sqlstore.MonthTotals{Month: m, Online: mr.Total.Received.Online, DirectPostal: mr.Total.Received.DirectPostal, OnTimeRate: mr.Total.OnTimeRate}
		}
		points = append(points, render.MonthPoint{Label: "T" + strconv.Itoa(int(m.From.Month)) + "/" + strconv.Itoa(m.From.Year%100),
			Online: t.Online, DirectPostal: t.DirectPostal, Rate: t.OnTimeRate,
			Href: drillLink(m, flt, "received")})
	}
	page.Trend = template.HTML(render.TrendSVG(points, report.FormatInt, report.FormatRate))
	var ub, fb []render.Bar
	for _, u := range rep.ByUnit {
		ub = append(ub, render.Bar{Label: page.UnitName(u.Unit), Value: u.Received.Total, Note: "· " + report.FormatRate(u.OnTimeRate) + " đúng hạn",
			Href: drillLink(p, flt, "received", "unit", u.Unit), Warn: u.OnTimeRate != nil && *u.OnTimeRate < 95})
	}
	for _, f := range rep.ByField {
		fb = append(fb, render.Bar{Label: fieldLabel(f.Field), Value: f.Received.Total, Note: "· " + report.FormatRate(f.OnTimeRate) + " đúng hạn",
			Href: drillLink(p, flt, "received", "field", f.Field), Warn: f.OnTimeRate != nil && *f.OnTimeRate < 95})
	}
	page.UnitChart = template.HTML(render.HBarsSVG(ub, report.FormatInt))
	page.FieldChart = template.HTML(render.HBarsSVG(fb, report.FormatInt))
	return page, nil
}

type reportDossiersPage struct {
	Period          report.Period
	Measure, Label  string
	Filter          report.Filter
	Procedure, Late string
	Rows            []sqlstore.ReportDossier
	Total           int
	Pager           kit.Pager
	units           map[string]string
	procs           map[string]string
	codes           map[string]string
}

func (*reportDossiersPage) title() string { return "Hồ sơ theo chỉ tiêu báo cáo" }

// UnitName names a unit by code.
func (p *reportDossiersPage) UnitName(code string) string {
	if n := p.units[code]; n != "" {
		return n
	}
	return code
}

// Day formats a stored day as dd/mm/yyyy.
func (p *reportDossiersPage) Day(s string) string {
	if d, err := calendar.ParseDate(s); err == nil {
		return d.FormatVN()
	}
	return ""
}

// ProcName names a procedure by code (or catalogue ID).
func (p *reportDossiersPage) ProcName(code string) string {
	if n := p.procs[code]; n != "" {
		return n
	}
	return code
}

// ProcCode is the procedure's national code (1.002010) for a catalogue
// ID, or "" when it has none: the internal ID is not for officers' eyes.
func (p *reportDossiersPage) ProcCode(id string) string { return p.codes[id] }

// FieldName names a field by code.
func (p *reportDossiersPage) FieldName(code string) string { return fieldLabel(code) }

// measureLabels name the report's columns in Vietnamese.
var measureLabels = map[string]string{
	"received": "Số hồ sơ nhận giải quyết", "online": "Nhận trực tuyến", "direct_postal": "Nhận trực tiếp, dịch vụ bưu chính",
	"carried_over": "Từ kỳ trước chuyển sang", "resolved": "Đã giải quyết", "early": "Giải quyết trước hạn",
	"on_time": "Giải quyết đúng hạn", "late": "Giải quyết quá hạn", "in_progress": "Đang giải quyết",
	"within_time": "Đang giải quyết trong hạn", "overdue": "Đang giải quyết quá hạn",
}

// reportDossiers lists the dossiers behind one number of the report.
func (s *Server) reportDossiers(w http.ResponseWriter, r *http.Request) error {
	p, _, flt, err := s.reportQuery(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	measure := q.Get("measure")
	label, ok := measureLabels[measure]
	if !ok {
		return apperr.Field("measure", "Chỉ tiêu không hợp lệ.")
	}
	if len(q.Get("procedure")) > 64 || len(q.Get("late_unit")) > 64 {
		return apperr.Field("procedure", "Thủ tục hoặc đơn vị làm chậm không hợp lệ.")
	}
	pager := kit.PagerFrom("/admin/reports/dossiers", q, 100, 10_000)
	ctx := r.Context()
	tid := principalFrom(ctx).TenantID
	rows, total, err := s.db.Reports().ReportDossiers(ctx, sqlstore.ReportScope{TenantID: tid, Filter: flt}, p, measure, q.Get("procedure"), q.Get("late_unit"), pager.Size, pager.Offset())
	if err != nil {
		return err
	}
	units, err := s.db.Org().Units(ctx, tid)
	if err != nil {
		return err
	}
	page := &reportDossiersPage{Period: p, Measure: measure, Label: label, Filter: flt, Procedure: q.Get("procedure"),
		Late: q.Get("late_unit"), Rows: rows, Total: total, units: map[string]string{}, procs: procedureNames(s.catalog), codes: procedureCodes(s.catalog)}
	for _, u := range units {
		page.units[u.Code] = u.Name
	}
	page.units[""] = "Chưa xác định"
	pager.Total = total
	page.Rows = kit.Trim(&pager, rows)
	page.Pager = pager
	s.renderPage(w, r, http.StatusOK, "report_dossiers", page)
	return nil
}

// reportExport downloads Biểu 06 of the period as XLSX or PDF.
func (s *Server) reportExport(w http.ResponseWriter, r *http.Request) error {
	p, _, flt, err := s.reportQuery(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	tid := principalFrom(ctx).TenantID
	t, err := s.db.Org().Tenant(ctx, tid)
	if err != nil {
		return err
	}
	rep, err := s.db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: tid, Filter: flt}, p)
	if err != nil {
		return err
	}
	info, err := s.form06Info(r, t, flt)
	if err != nil {
		return err
	}
	sheet := render.Form06Sheet(rep, info)
	sheet.Generated = s.now()
	return kit.SendSheet(w, r.PathValue("format"), "bieu06_"+p.From.String()+"_"+p.To.String(), sheet)
}

// form06Info is what the printed Biểu 06 carries besides the figures: the
// reporting agency and the one it reports to (the provincial People's
// Committee's office, Circular 01/2020/TT-VPCP), the unit and field the
// figures are restricted to, the units that made dossiers late by name,
// the officer who prints it and the head who signs it.
func (s *Server) form06Info(r *http.Request, t org.Tenant, flt report.Filter) (render.Form06Info, error) {
	ctx := r.Context()
	p := principalFrom(ctx)
	units, err := s.db.Org().Units(ctx, t.ID)
	if err != nil {
		return render.Form06Info{}, err
	}
	names := map[string]string{}
	for _, u := range units {
		names[u.Code] = u.Name
	}
	unitName := func(code string) string {
		if n := names[code]; n != "" {
			return n
		}
		return code
	}
	place := provinceOf(t.Name)
	info := render.Form06Info{Agency: t.Name, Place: place, Date: calendar.DateOf(s.now()), FieldName: fieldLabel, UnitName: unitName,
		Preparer: p.FullName, HeadTitle: "THỦ TRƯỞNG ĐƠN VỊ"}
	if place != "" {
		info.Recipient = "Văn phòng Ủy ban nhân dân " + provinceWord(t.Name) + place
	}
	if flt.Unit != "" {
		info.Scope = append(info.Scope, "Đơn vị xử lý: "+unitName(flt.Unit))
	}
	if flt.Field != "" {
		info.Scope = append(info.Scope, "Lĩnh vực: "+fieldLabel(flt.Field))
	}
	return info, nil
}

// provinceOf is the province in an agency's name ("Sở Tư pháp tỉnh Đồng
// Tháp" → "Đồng Tháp"), or "" when the name holds none.
func provinceOf(agency string) string {
	for _, w := range []string{"thành phố ", "Thành phố ", "tỉnh ", "Tỉnh "} {
		if i := strings.LastIndex(agency, w); i >= 0 {
			return strings.TrimSpace(agency[i+len(w):])
		}
	}
	return ""
}

// provinceWord is "tỉnh " or "thành phố " as the agency's name says.
func provinceWord(agency string) string {
	if strings.Contains(agency, "thành phố ") || strings.Contains(agency, "Thành phố ") {
		return "thành phố "
	}
	return "tỉnh "
}

// apiReportIndex is the service-quality index (Decision 766/QĐ-TTg) of the
// officer's tenant for a period.
func (s *Server) apiReportIndex(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if q.Get("from") == "" || q.Get("to") == "" {
		return apperr.Field("from", "Cần tham số from và to (YYYY-MM-DD).")
	}
	p, _, flt, err := s.reportQuery(r)
	if err != nil {
		return err
	}
	scope := sqlstore.ReportScope{TenantID: principalFrom(r.Context()).TenantID, Filter: flt}
	rep, err := s.db.Reports().Report(r.Context(), scope, p)
	if err != nil {
		return err
	}
	c, err := s.indexCounts(r.Context(), scope, p, rep)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, report.ComputeIndex(rep, c))
}

// Pct formats a rate as "97,1%".
func (p *reportsPage) Pct(r *float64) string { return report.FormatRate(r) }

// Pts formats index points as "18,6".
func (p *reportsPage) Pts(x *float64) string {
	if x == nil {
		return "–"
	}
	return report.FormatDecimal(*x)
}

// Dec formats a number with one decimal.
func (p *reportsPage) Dec(x float64) string { return report.FormatDecimal(x) }

// rowArg is one row of a Biểu 06 table on the page.
type rowArg struct {
	D        *reportsPage
	No       int
	Label    string
	Key, Val string // the drill-down filter of the row
	F        report.Figures
}

// Row makes a table row's arguments (No 0: the total row).
func (p *reportsPage) Row(no int, label, key, val string, f report.Figures) rowArg {
	return rowArg{D: p, No: no, Label: label, Key: key, Val: val, F: f}
}
