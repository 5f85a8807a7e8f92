package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/org"
)

// procedures is the signed-in officer's tenant catalogue (enabled entries):
// the built-in procedures with the tenant's overrides, and its local ones.
func (s *Server) procedures(r *http.Request) ([]catalog.Procedure, error) {
	if s.procs == nil {
		return s.catalog, nil
	}
	return s.procs.Procedures(r.Context(), principalFrom(r.Context()).TenantID)
}

func (s *Server) catalogAdmin() (*catalog.Admin, error) {
	if s.procs == nil {
		return nil, apperr.New(apperr.NotFound, "Chức năng quản lý danh mục thủ tục chưa được bật.")
	}
	return s.procs, nil
}

type procListPage struct {
	Query   string
	Entries []catalog.Entry
	Total   int
	// Upcoming are the changes of the tenant's procedures taking effect in
	// the next UpcomingDays days (later versions and recorded notices).
	Upcoming     []catalog.Change
	UpcomingDays int
}

// upcomingDays is how far ahead officers are shown scheduled changes.
const upcomingDays = 90

func (*procListPage) title() string { return "Danh mục thủ tục hành chính" }

// procedureList lists the tenant's catalogue with a search.
func (s *Server) procedureList(w http.ResponseWriter, r *http.Request) error {
	adm, err := s.catalogAdmin()
	if err != nil {
		return err
	}
	all, err := adm.Catalogue(r.Context(), principalFrom(r.Context()).TenantID)
	if err != nil {
		return err
	}
	page := &procListPage{Query: r.URL.Query().Get("q"), Total: len(all), UpcomingDays: upcomingDays}
	q := catalog.Fold(page.Query)
	ps := make([]catalog.Procedure, 0, len(all))
	ids := map[string]bool{}
	for _, e := range all {
		ps, ids[e.Procedure.ID] = append(ps, e.Procedure), true
		if q == "" || strings.Contains(e.Procedure.SearchText(), q) {
			page.Entries = append(page.Entries, e)
		}
	}
	notices, err := catalog.BuiltinNotices()
	if err != nil {
		return err
	}
	var mine []catalog.Notice
	for _, n := range notices {
		if ids[n.ProcedureID] {
			mine = append(mine, n)
		}
	}
	page.Upcoming = catalog.Upcoming(ps, mine, calendar.DateOf(s.now()), upcomingDays)
	s.renderPage(w, r, http.StatusOK, "procedures", page)
	return nil
}

// procForm is the edit form of a procedure as text fields.
type procForm struct {
	Code, Name, FieldCode, Authority, LegalBasis, Result, Documents, Note string
	Enabled                                                               bool
	MustSign                                                              bool
	Channels                                                              map[catalog.Channel]bool
	TimeLimit                                                             string
	Steps                                                                 string
	Rules                                                                 []ruleForm
	Fees                                                                  []feeForm
}

type ruleForm struct {
	Channel   catalog.Channel
	TimeLimit string
	Steps     string
}

type feeForm struct {
	Label  string
	Amount int64
}

type procEditPage struct {
	Entry    catalog.Entry
	New      bool
	Form     procForm
	Error    *apperr.Error
	Fields   []catalog.Field
	Roles    []catalog.Role
	Channels []catalog.Channel
	// Units are the tenant's units offered for a step, by name.
	Units []org.Unit
	// Steps and RuleSteps are the workflow as rows of the editor (with
	// blank rows to add steps); nil when the posted text could not be read
	// as rows, and the text is shown as it was.
	Steps     []stepRow
	RuleSteps map[catalog.Channel][]stepRow
}

// stepRow is one step in the workflow editor.
type stepRow struct {
	Name, Unit string
	Role       catalog.Role
	Time       string
	// UnknownUnit: the step names a unit code the tenant has not set up.
	UnknownUnit bool
}

// stepEditor is the data of the "steprows" template.
type stepEditor struct {
	Prefix string
	Rows   []stepRow
	Units  []org.Unit
	Roles  []catalog.Role
}

// blankStepRows are the empty rows offered after the steps, to add some.
const blankStepRows = 2

// stepRows reads the workflow text into editor rows; ok is false when a
// line does not have its four parts.
func stepRows(text string, units []org.Unit) (rows []stepRow, ok bool) {
	known := map[string]bool{"": true}
	for _, u := range units {
		known[u.Code] = true
	}
	for _, l := range lines(text) {
		parts := strings.Split(l, "|")
		if len(parts) != 4 {
			return nil, false
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		unit := strings.ToUpper(parts[1])
		rows = append(rows, stepRow{Name: parts[0], Unit: unit, Role: catalog.Role(parts[2]), Time: parts[3], UnknownUnit: !known[unit]})
	}
	for range blankStepRows {
		rows = append(rows, stepRow{})
	}
	return rows, true
}

// stepsFromRows writes the editor's rows (fields prefix_name_N,
// prefix_unit_N, prefix_role_N, prefix_time_N) back as the workflow text
// parseSteps reads; rows without a name are dropped.
func stepsFromRows(r *http.Request, prefix string) string {
	var b strings.Builder
	clean := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "|", "/")) }
	for i := 0; i < 100; i++ {
		if _, ok := r.PostForm[prefix+"_name_"+strconv.Itoa(i)]; !ok {
			break
		}
		name := clean(r.PostFormValue(prefix + "_name_" + strconv.Itoa(i)))
		if name == "" {
			continue
		}
		fmt.Fprintf(&b, "%s | %s | %s | %s\n", name, clean(r.PostFormValue(prefix+"_unit_"+strconv.Itoa(i))),
			clean(r.PostFormValue(prefix+"_role_"+strconv.Itoa(i))), clean(r.PostFormValue(prefix+"_time_"+strconv.Itoa(i))))
	}
	return b.String()
}

func (p *procEditPage) title() string {
	if p.New {
		return "Thêm thủ tục riêng của địa phương"
	}
	return p.Entry.Procedure.Name
}

var allChannels = []catalog.Channel{catalog.ChannelDirect, catalog.ChannelOnline, catalog.ChannelPostal}

var stepRoles = []catalog.Role{catalog.RoleReceptionClerk, catalog.RoleSpecialist, catalog.RoleUnitHead, catalog.RoleDirector, catalog.RoleAgencyLiaison}

func formOf(e catalog.Entry) procForm {
	p := e.Procedure
	f := procForm{Code: p.Code, Name: p.Name, FieldCode: p.Field.Code, Authority: p.Authority, Result: p.Result, Note: p.Note,
		Enabled: e.Enabled, MustSign: p.ResultMustBeSigned, Channels: map[catalog.Channel]bool{}, TimeLimit: durText(p.TimeLimit), Steps: stepsText(p.Steps)}
	for _, c := range p.Channels {
		f.Channels[c] = true
	}
	for _, r := range p.ChannelRules {
		f.Rules = append(f.Rules, ruleForm{Channel: r.Channel, TimeLimit: durText(r.TimeLimit), Steps: stepsText(r.Steps)})
	}
	for _, x := range p.Fees {
		label := x.Name
		if x.Description != "" {
			label += " – " + x.Description
		}
		if x.When != "" {
			label += " (" + x.When + ")"
		}
		f.Fees = append(f.Fees, feeForm{Label: label, Amount: x.Amount})
	}
	var lb, docs []string
	for _, l := range p.LegalBasis {
		lb = append(lb, l.Title)
	}
	for _, d := range p.Documents {
		docs = append(docs, d.Name)
	}
	f.LegalBasis, f.Documents = strings.Join(lb, "\n"), strings.Join(docs, "\n")
	return f
}

// procedureEdit shows the edit form of a catalogue entry.
func (s *Server) procedureEdit(w http.ResponseWriter, r *http.Request) error {
	adm, err := s.catalogAdmin()
	if err != nil {
		return err
	}
	e, err := adm.Entry(r.Context(), principalFrom(r.Context()).TenantID, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.showProcEdit(w, r, http.StatusOK, &procEditPage{Entry: e, Form: formOf(e)})
}

func (s *Server) showProcEdit(w http.ResponseWriter, r *http.Request, code int, page *procEditPage) error {
	page.Fields, page.Roles, page.Channels = catalog.Fields(), stepRoles, allChannels
	units, err := s.db.Org().Units(r.Context(), principalFrom(r.Context()).TenantID)
	if err != nil {
		return err
	}
	page.Units = units
	if rows, ok := stepRows(page.Form.Steps, units); ok {
		page.Steps = rows
	}
	page.RuleSteps = map[catalog.Channel][]stepRow{}
	for _, rf := range page.Form.Rules {
		if rows, ok := stepRows(rf.Steps, units); ok {
			page.RuleSteps[rf.Channel] = rows
		}
	}
	s.renderPage(w, r, code, "procedure_edit", page)
	return nil
}

// procedureUpdate saves the edit of a catalogue entry.
func (s *Server) procedureUpdate(w http.ResponseWriter, r *http.Request) error {
	adm, err := s.catalogAdmin()
	if err != nil {
		return err
	}
	p := principalFrom(r.Context())
	e, err := adm.Entry(r.Context(), p.TenantID, r.PathValue("id"))
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	edited, form, err := procedureFromForm(r, e.Procedure)
	if err == nil {
		_, err = adm.Save(r.Context(), actor(r), p.TenantID, edited, form.Enabled, version)
	}
	if ue := userError(err); ue != nil {
		if ue.Code == apperr.NotFound {
			return ue
		}
		return s.showProcEdit(w, r, status(ue.Code), &procEditPage{Entry: e, Form: form, Error: ue})
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/procedures/"+url.PathEscape(edited.ID), "procedure-saved")
}

// procedureNew shows the form of a new local procedure.
func (s *Server) procedureNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.catalogAdmin(); err != nil {
		return err
	}
	form := procForm{Enabled: true, Channels: map[catalog.Channel]bool{catalog.ChannelDirect: true}, TimeLimit: "5 ngày",
		Authority: "Giám đốc Sở Tư pháp",
		Steps:     "Tiếp nhận hồ sơ | MOTCUA | reception_clerk | 4 giờ\nThẩm định, xử lý | | specialist | 3 ngày\nLãnh đạo Sở ký duyệt | | director | 1 ngày\nTrả kết quả | MOTCUA | reception_clerk | 4 giờ"}
	return s.showProcEdit(w, r, http.StatusOK, &procEditPage{New: true, Form: form})
}

// procedureCreate adds a local procedure.
func (s *Server) procedureCreate(w http.ResponseWriter, r *http.Request) error {
	adm, err := s.catalogAdmin()
	if err != nil {
		return err
	}
	p := principalFrom(r.Context())
	base := catalog.Procedure{Local: true, Level: catalog.LevelProvince, Agency: catalog.AgencyDepartment,
		EffectiveFrom: calendar.DateOf(s.now())}
	proc, form, err := procedureFromForm(r, base)
	var e catalog.Entry
	if err == nil {
		e, err = adm.AddLocal(r.Context(), actor(r), p.TenantID, proc)
	}
	if ue := userError(err); ue != nil {
		return s.showProcEdit(w, r, status(ue.Code), &procEditPage{New: true, Form: form, Error: ue})
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/procedures/"+url.PathEscape(e.Procedure.ID), "procedure-saved")
}

// procedureFromForm applies the posted form to base. Built-in procedures
// keep their identity fields (the form does not offer them); local ones
// take code, name, field, authority, legal basis, result and documents.
func procedureFromForm(r *http.Request, base catalog.Procedure) (catalog.Procedure, procForm, error) {
	p := base
	p.Steps, p.Channels = nil, nil
	p.ChannelRules = slices.Clone(base.ChannelRules)
	p.Fees = slices.Clone(base.Fees)
	v := r.PostFormValue
	f := procForm{Code: strings.TrimSpace(v("code")), Name: strings.TrimSpace(v("name")), FieldCode: v("field"),
		Authority: strings.TrimSpace(v("authority")), LegalBasis: v("legal_basis"), Result: strings.TrimSpace(v("result")),
		Documents: v("documents"), Note: strings.TrimSpace(v("note")), Enabled: v("enabled") == "1", MustSign: v("must_sign") == "1",
		Channels: map[catalog.Channel]bool{}, TimeLimit: v("time_limit"), Steps: v("steps")}
	if v("steps_form") == "rows" {
		f.Steps = stepsFromRows(r, "step")
	}
	for _, c := range allChannels {
		if v("channel_"+string(c)) == "1" {
			f.Channels[c] = true
			p.Channels = append(p.Channels, c)
		}
	}
	p.Note = f.Note
	p.ResultMustBeSigned = f.MustSign
	if err := checkSizes(f); err != nil {
		return p, f, err
	}
	if base.Local {
		p.Code, p.Name, p.Authority, p.Result = f.Code, f.Name, f.Authority, f.Result
		fld, ok := catalog.FieldByCode(f.FieldCode)
		if !ok {
			return p, f, apperr.Field("field", "Cần chọn lĩnh vực của thủ tục.")
		}
		p.Field = fld
		p.LegalBasis = nil
		for _, l := range lines(f.LegalBasis) {
			p.LegalBasis = append(p.LegalBasis, catalog.LegalRef{Title: l})
		}
		p.Documents = nil
		for _, d := range lines(f.Documents) {
			p.Documents = append(p.Documents, catalog.Document{Name: d, Originals: 1, Required: true})
		}
	}
	// Online level follows the channels offered.
	switch {
	case !slices.Contains(p.Channels, catalog.ChannelOnline):
		p.OnlineLevel = catalog.OnlineNone
	case p.OnlineLevel == catalog.OnlineNone || p.OnlineLevel == "":
		p.OnlineLevel = catalog.OnlinePartial
	}
	var err error
	if p.TimeLimit, err = parseDur(f.TimeLimit, base.TimeLimit.Unit); err != nil {
		return p, f, apperr.Field("time_limit", "Thời hạn giải quyết: "+err.Error())
	}
	if p.Steps, err = parseSteps(f.Steps); err != nil {
		return p, f, apperr.Field("steps", "Quy trình nội bộ: "+err.Error())
	}
	// Channel rules: kept for channels still offered, each edited.
	rules := p.ChannelRules[:0]
	for _, rule := range p.ChannelRules {
		key := "rule_" + string(rule.Channel)
		rf := ruleForm{Channel: rule.Channel, TimeLimit: v(key + "_time"), Steps: v(key + "_steps")}
		if v("steps_form") == "rows" {
			rf.Steps = stepsFromRows(r, key+"_step")
		}
		f.Rules = append(f.Rules, rf)
		if !slices.Contains(p.Channels, rule.Channel) {
			continue
		}
		if rule.TimeLimit, err = parseDur(rf.TimeLimit, rule.TimeLimit.Unit); err != nil {
			return p, f, apperr.Field(key, "Thời hạn ("+rule.Channel.Label()+"): "+err.Error())
		}
		if rule.Steps, err = parseSteps(rf.Steps); err != nil {
			return p, f, apperr.Field(key, "Quy trình ("+rule.Channel.Label()+"): "+err.Error())
		}
		rules = append(rules, rule)
	}
	p.ChannelRules = rules
	for i := range p.Fees {
		raw := strings.NewReplacer(".", "", " ", "").Replace(v("fee_" + strconv.Itoa(i)))
		if raw == "" { // not on the form: unchanged
			f.Fees = append(f.Fees, feeForm{Label: p.Fees[i].Name, Amount: p.Fees[i].Amount})
			continue
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		f.Fees = append(f.Fees, feeForm{Label: p.Fees[i].Name, Amount: n})
		if err != nil || n < 0 {
			return p, f, apperr.Field("fees", fmt.Sprintf("Mức %s thứ %d phải là số đồng không âm.", strings.ToLower(p.Fees[i].Name), i+1))
		}
		p.Fees[i].Amount = n
		// A lowered fee lowers every reduction above it (on a copy: the
		// built-in procedures are shared).
		p.Fees[i].Reductions = slices.Clone(p.Fees[i].Reductions)
		for j := range p.Fees[i].Reductions {
			p.Fees[i].Reductions[j].Amount = min(p.Fees[i].Reductions[j].Amount, n)
		}
	}
	if base.Local {
		if fee := strings.TrimSpace(v("fee_new")); fee != "" && fee != "0" {
			n, err := strconv.ParseInt(strings.ReplaceAll(fee, ".", ""), 10, 64)
			if err != nil || n < 0 {
				return p, f, apperr.Field("fees", "Mức lệ phí phải là số đồng không âm.")
			}
			p.Fees = append(p.Fees, catalog.Fee{Name: "Lệ phí", Amount: n, Per: "hồ sơ"})
		}
	}
	return p, f, nil
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Bounds of the catalogue form: far above any real procedure.
const (
	maxFormLines = 100
	maxLineRunes = 1000
)

// checkSizes refuses oversized text fields with a Vietnamese message.
func checkSizes(f procForm) error {
	for _, x := range []struct{ field, label, text string }{
		{"name", "Tên thủ tục", f.Name}, {"authority", "Cơ quan có thẩm quyền", f.Authority}, {"result", "Kết quả", f.Result},
		{"note", "Ghi chú", f.Note}, {"code", "Mã thủ tục", f.Code},
	} {
		if len([]rune(x.text)) > maxLineRunes {
			return apperr.Field(x.field, fmt.Sprintf("%s dài quá %d ký tự.", x.label, maxLineRunes))
		}
	}
	for _, x := range []struct{ field, label, text string }{
		{"steps", "Quy trình nội bộ", f.Steps}, {"documents", "Thành phần hồ sơ", f.Documents}, {"legal_basis", "Căn cứ pháp lý", f.LegalBasis},
	} {
		ls := lines(x.text)
		if len(ls) > maxFormLines {
			return apperr.Field(x.field, fmt.Sprintf("%s có quá %d dòng.", x.label, maxFormLines))
		}
		for _, l := range ls {
			if len([]rune(l)) > maxLineRunes {
				return apperr.Field(x.field, fmt.Sprintf("%s có dòng dài quá %d ký tự.", x.label, maxLineRunes))
			}
		}
	}
	return nil
}

// durText writes a duration for the form: "10 ngày", "4 giờ", "15 ngày lịch",
// "trong ngày".
func durText(d calendar.Duration) string {
	switch d.Unit {
	case calendar.WorkingDays:
		return fmt.Sprintf("%d ngày", d.Amount)
	case calendar.WorkingHours:
		return fmt.Sprintf("%d giờ", d.Amount)
	case calendar.CalendarDays:
		return fmt.Sprintf("%d ngày lịch", d.Amount)
	case calendar.SameDay:
		return "trong ngày"
	}
	return d.String()
}

// parseDur reads what durText writes. A bare number takes the unit def
// (the unit of the time limit being edited).
func parseDur(s string, def calendar.Unit) (calendar.Duration, error) {
	f := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	if len(f) == 0 {
		return calendar.Duration{}, fmt.Errorf("chưa ghi thời gian")
	}
	if strings.Join(f, " ") == "trong ngày" {
		return calendar.Duration{Unit: calendar.SameDay}, nil
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return calendar.Duration{}, fmt.Errorf("%q không phải là thời gian (ví dụ: 10 ngày, 4 giờ, 15 ngày lịch, trong ngày)", s)
	}
	unit := def
	switch strings.Join(f[1:], " ") {
	case "":
	case "ngày", "ngày làm việc":
		unit = calendar.WorkingDays
	case "giờ", "giờ làm việc":
		unit = calendar.WorkingHours
	case "ngày lịch":
		unit = calendar.CalendarDays
	default:
		return calendar.Duration{}, fmt.Errorf("đơn vị thời gian không rõ trong %q (ngày, giờ, ngày lịch)", s)
	}
	if unit == "" {
		unit = calendar.WorkingDays
	}
	d := calendar.Duration{Amount: n, Unit: unit}
	if err := d.Valid(); err != nil {
		return d, err
	}
	return d, nil
}

func stepsText(steps []catalog.Step) string {
	var b strings.Builder
	for _, s := range steps {
		fmt.Fprintf(&b, "%s | %s | %s | %s\n", s.Name, s.Unit, s.Role, durText(s.Allotted))
	}
	return b.String()
}

// parseSteps reads one step a line: "Tên bước | mã đơn vị | vai trò | thời gian".
func parseSteps(s string) ([]catalog.Step, error) {
	var out []catalog.Step
	for i, l := range lines(s) {
		parts := strings.Split(l, "|")
		if len(parts) != 4 {
			return nil, fmt.Errorf("dòng %d phải có 4 phần ngăn bởi dấu |: tên bước | mã đơn vị | vai trò | thời gian", i+1)
		}
		for j := range parts {
			parts[j] = strings.TrimSpace(parts[j])
		}
		d, err := parseDur(parts[3], calendar.WorkingDays)
		if err != nil {
			return nil, fmt.Errorf("dòng %d: %v", i+1, err)
		}
		out = append(out, catalog.Step{Name: parts[0], Unit: strings.ToUpper(parts[1]), Role: catalog.Role(parts[2]), Allotted: d})
	}
	return out, nil
}
