// Package mediationweb is the grassroots mediation register's area of the
// back office and its API: the province's (or a commune's) figures with
// drill-down, the book of cases, teams and mediators with the rules they
// break, and clubs. A commune officer sees and keeps only their commune; the
// department sees every commune of its province. Its routes are listed in
// web/routes.go; its handlers hold only their own service.
package mediationweb

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/mediation"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Templates are the register's pages.
//
//go:embed templates/*.html
var Templates embed.FS

// Config is what the screens need.
type Config struct {
	Service *mediation.Service
	Clubs   mediation.ClubStore
	Units   *adminunit.List
	// Scope says where the signed-in officer keeps the book: the
	// department's province, or one commune for a commune's officer.
	Scope func(ctx context.Context, p *auth.Principal) (mediation.Scope, error)
	// Agency names a tenant on the printed report ("Sở Tư pháp tỉnh …",
	// "Ủy ban nhân dân phường …").
	Agency func(ctx context.Context, tenantID string) (string, error)
	Now    func() time.Time
}

// Screens are the register's handlers.
type Screens struct {
	k   kit.Kernel
	cfg Config
}

// New returns the screens.
func New(k kit.Kernel, cfg Config) *Screens {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Screens{k: k, cfg: cfg}
}

func (s *Screens) scope(r *http.Request) (mediation.Scope, error) {
	return s.cfg.Scope(r.Context(), kit.Principal(r.Context()))
}

func (s *Screens) actor(r *http.Request) mediation.Actor {
	a := s.k.Actor(r)
	return mediation.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

func (s *Screens) today() time.Time {
	n := s.cfg.Now().In(kit.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// Commune is a commune as the screens name it.
type Commune struct{ Code, Name string }

func (s *Screens) communes(sc mediation.Scope) []Commune {
	codes := s.cfg.Units.Communes(sc.ProvinceCode)
	if sc.CommuneCode != "" {
		codes = []string{sc.CommuneCode}
	}
	out := make([]Commune, len(codes))
	for i, c := range codes {
		out[i] = Commune{c, s.cfg.Units.NameOn(c, s.today())}
	}
	return out
}

func (s *Screens) name(code string) string { return s.cfg.Units.NameOn(code, s.today()) }

// parseDay reads dd/mm/yyyy or YYYY-MM-DD; "" gives nil.
func parseDay(field, v string) (*time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	d, err := calendar.ParseDateVN(v)
	if err != nil {
		if d, err = calendar.ParseDate(v); err != nil {
			return nil, apperr.Field(field, "Ngày phải có dạng dd/mm/yyyy.")
		}
	}
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return &t, nil
}

func vnDay(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("02/01/2006")
}

// ---- Dashboard: the figures of a period, per commune, with drill-down.

type dashboardPage struct {
	Scope     mediation.Scope
	Place     string
	Period    kit.Period
	Report    mediation.Report
	Figures   []kit.Figure
	Staff     []kit.Figure
	Ranked    []mediation.CommuneFigures
	Rate      string
	RateAlt   string
	CanKeep   bool
	APIQuery  template.URL
	ListQuery template.URL // from=…&to=…, appended to drill-down links
	Exports   kit.Exports
}

func (*dashboardPage) Title() string { return "Hòa giải ở cơ sở" }

// figures reads the period of the request (a year by default) and
// computes the officer's report: the province's, or their commune's.
func (s *Screens) figures(r *http.Request) (mediation.Scope, kit.Period, mediation.Report, error) {
	sc, err := s.scope(r)
	if err != nil {
		return sc, kit.Period{}, mediation.Report{}, err
	}
	per, err := kit.PickPeriod(r.URL.Query(), calendar.DateOf(s.cfg.Now()), "year")
	if err != nil {
		return sc, per, mediation.Report{}, err
	}
	per.Action = "/admin/hoa-giai"
	codes := make([]string, 0)
	for _, c := range s.communes(sc) {
		codes = append(codes, c.Code)
	}
	rep, err := s.cfg.Service.Figures(r.Context(), sc, mediation.Period{From: dayOf(per.From), To: dayOf(per.To)}, codes)
	return sc, per, rep, err
}

func (s *Screens) place(sc mediation.Scope) string {
	if sc.CommuneCode != "" {
		return s.name(sc.CommuneCode)
	}
	return "Toàn tỉnh"
}

// Dashboard is GET /admin/hoa-giai.
func (s *Screens) Dashboard(w http.ResponseWriter, r *http.Request) error {
	sc, per, rep, err := s.figures(r)
	if err != nil {
		return err
	}
	p := mediation.Period{From: dayOf(per.From), To: dayOf(per.To)}
	page := &dashboardPage{Scope: sc, Period: per, Report: rep, CanKeep: kit.Principal(r.Context()).Can(auth.KeepMediation), Place: s.place(sc)}
	drill := url.Values{"from": {p.From.Format("2006-01-02")}, "to": {p.To.Format("2006-01-02")}}
	page.Exports = kit.Exports{Base: "/admin/hoa-giai/xuat/", Query: drill.Encode(), Formats: kit.SheetFormats}
	page.ListQuery = template.URL(drill.Encode())
	href := func(k string) string {
		v := url.Values{"counted": {k}}
		for kk, vv := range drill {
			v[kk] = vv
		}
		return "/admin/hoa-giai/vu-viec?" + v.Encode()
	}
	f := rep.Figures
	page.Figures = []kit.Figure{
		{Label: "Vụ việc thụ lý", Value: kit.Num(f.Received), Href: href("received")},
		{Label: "Kỳ trước chuyển sang", Value: kit.Num(f.CarriedOver), Href: href("carried_over")},
		{Label: "Mới tiếp nhận", Value: kit.Num(f.New), Href: href("new")},
		{Label: "Hòa giải thành", Value: kit.Num(f.Successful), Href: href("successful")},
		{Label: "Hòa giải không thành", Value: kit.Num(f.Unsuccessful), Href: href("unsuccessful")},
		{Label: "Dừng hòa giải", Value: kit.Num(f.Stopped), Href: href("stopped")},
		{Label: "Đang hòa giải", Value: kit.Num(f.InProgress), Href: href("in_progress")},
	}
	st := rep.Staff
	page.Staff = []kit.Figure{
		{Label: "Tổ hòa giải", Value: kit.Num(st.Teams), Href: "/admin/hoa-giai/to"},
		{Label: "Tổ chưa đúng quy định", Value: kit.Num(st.TeamsWithWarnings), Href: "/admin/hoa-giai/to?canh-bao=1", Bad: st.TeamsWithWarnings > 0},
		{Label: "Hòa giải viên", Value: kit.Num(st.Mediators)},
		{Label: "Hòa giải viên nữ", Value: kit.Num(st.Women)},
		{Label: "Người dân tộc thiểu số", Value: kit.Num(st.EthnicMinority)},
		{Label: "Có trình độ pháp lý", Value: kit.Num(st.LegalTraining)},
		{Label: "Đã được tập huấn", Value: kit.Num(st.Trained)},
	}
	clubs, err := s.cfg.Clubs.Clubs(r.Context(), sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	active := 0
	for _, c := range clubs {
		if c.ActiveOn(p.To) {
			active++
		}
	}
	page.Staff = append(page.Staff, kit.Figure{Label: "Câu lạc bộ hòa giải", Value: kit.Num(active), Href: "/admin/hoa-giai/clb"})
	page.Rate, page.RateAlt = kit.Percent(f.SuccessRate), kit.Percent(f.ConcludedRate)
	if sc.CommuneCode == "" {
		page.Ranked = mediation.Rank(rep.ByCommune)
	}
	page.APIQuery = template.URL(drill.Encode())
	s.k.Page(w, r, http.StatusOK, "med_dashboard", page)
	return nil
}

// Export is GET /admin/hoa-giai/xuat/{format}: the report of the period
// (from, to, or a preset) as XLSX or PDF, one row per commune and the
// total (a commune officer's: their commune).
func (s *Screens) Export(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	sc, per, rep, err := s.figures(r)
	if err != nil {
		return err
	}
	agency := ""
	if s.cfg.Agency != nil {
		id := sc.TenantID
		if sc.ActorTenantID != "" {
			id = sc.ActorTenantID
		}
		if agency, err = s.cfg.Agency(r.Context(), id); err != nil {
			return err
		}
	}
	name := "hoa-giai_" + per.From.String() + "_" + per.To.String()
	if sc.CommuneCode != "" {
		name = "hoa-giai_" + sc.CommuneCode + "_" + per.From.String() + "_" + per.To.String()
	}
	return kit.SendSheet(w, r.PathValue("format"), name, render.MediationSheet(rep, agency, s.place(sc)))
}

func dayOf(d calendar.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// ---- The book: a list with filters, a case page, a new case.

type casesPage struct {
	Scope    mediation.Scope
	Communes []Commune
	Teams    []mediation.Team
	TeamName map[string]string
	Cases    []mediation.Case
	Pager    kit.Pager
	Q        url.Values
	Counted  string
	Kinds    []mediation.CaseKind
	Outcomes []mediation.Outcome
	CanKeep  bool
	Names    func(string) string
	Late     map[string]bool
}

func (*casesPage) Title() string { return "Sổ theo dõi hoạt động hòa giải" }

var countedLabels = map[string]string{
	"received": "thụ lý", "carried_over": "kỳ trước chuyển sang", "new": "mới tiếp nhận", "successful": "hòa giải thành",
	"unsuccessful": "hòa giải không thành", "stopped": "dừng hòa giải", "in_progress": "đang hòa giải",
}

// CountedLabel names a drill-down figure.
func (p *casesPage) CountedLabel() string { return countedLabels[p.Counted] }

func (s *Screens) filter(sc mediation.Scope, q url.Values) (mediation.CaseFilter, error) {
	f := mediation.CaseFilter{CommuneCode: q.Get("commune"), TeamID: q.Get("team"), Kind: mediation.CaseKind(q.Get("kind")),
		Outcome: mediation.Outcome(q.Get("outcome")), Query: q.Get("q")}
	if sc.CommuneCode != "" {
		f.CommuneCode = sc.CommuneCode
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return f, apperr.Field("kind", "Loại vụ việc không hợp lệ.")
	}
	if f.Outcome != "" && !f.Outcome.Valid() {
		return f, apperr.Field("outcome", "Kết quả không hợp lệ.")
	}
	from, err := parseDay("from", q.Get("from"))
	if err != nil {
		return f, err
	}
	to, err := parseDay("to", q.Get("to"))
	if err != nil {
		return f, err
	}
	if c := q.Get("counted"); c != "" {
		if from == nil || to == nil {
			return f, apperr.Field("counted", "Chỉ tiêu cần kỳ báo cáo (from, to).")
		}
		if _, ok := countedLabels[c]; !ok {
			return f, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
		}
		f.Counted, f.In = c, mediation.Period{From: *from, To: *to}
	} else {
		f.From, f.To = from, to
	}
	return f, nil
}

// Cases is GET /admin/hoa-giai/vu-viec.
func (s *Screens) Cases(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := s.filter(sc, q)
	if err != nil {
		return err
	}
	pager := kit.PagerFrom("/admin/hoa-giai/vu-viec", q, 50, 200)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	cs, err := s.cfg.Service.Store.Cases(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	cs = kit.Trim(&pager, cs)
	teams, err := s.cfg.Service.Store.Teams(r.Context(), sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	page := &casesPage{Scope: sc, Communes: s.communes(sc), Teams: teams, TeamName: map[string]string{}, Cases: cs, Pager: pager, Q: q,
		Counted: f.Counted, Kinds: mediation.CaseKinds, Outcomes: mediation.Outcomes, CanKeep: kit.Principal(r.Context()).Can(auth.KeepMediation),
		Names: s.name, Late: map[string]bool{}}
	for _, t := range teams {
		page.TeamName[t.ID] = t.Name
	}
	for _, c := range cs {
		page.Late[c.ID] = mediation.LateStart(c, false, s.today())
	}
	s.k.Page(w, r, http.StatusOK, "med_cases", page)
	return nil
}

type casePage struct {
	Scope     mediation.Scope
	Case      mediation.Case
	Team      mediation.Team
	Mediators []mediation.Mediator
	Teams     []mediation.Team
	Form      kit.Form
	New       bool
	Kinds     []mediation.CaseKind
	Outcomes  []mediation.Outcome
	Origins   []mediation.Origin
	CanKeep   bool
	Commune   string
	Deadline  string
	Late      bool
	Payable   bool
	Chosen    map[string]bool
}

func (p *casePage) Title() string {
	if p.New {
		return "Ghi vụ việc hòa giải"
	}
	return "Vụ việc hòa giải"
}

// Value is the form's value of a field: what was sent when the form came
// back, else the case's own.
func (p *casePage) Value(field string) string {
	if p.Form.Values != nil {
		return p.Form.Value(field)
	}
	c := p.Case
	switch field {
	case "team_id":
		return c.TeamID
	case "kind":
		return string(c.Kind)
	case "origin":
		return string(c.Origin)
	case "outcome":
		return string(c.Outcome)
	case "received_on":
		if c.ReceivedOn.IsZero() {
			return ""
		}
		return c.ReceivedOn.Format("02/01/2006")
	case "assigned_on":
		return vnDay(c.AssignedOn)
	case "started_on":
		return vnDay(c.StartedOn)
	case "ended_on":
		return vnDay(c.EndedOn)
	case "summary":
		return c.Summary
	case "agreement":
		return c.Agreement
	case "follow_up":
		return c.FollowUp
	case "court_order":
		return c.CourtOrder
	case "party1":
		if len(c.Parties) > 0 {
			return c.Parties[0].FullName
		}
	case "party2":
		if len(c.Parties) > 1 {
			return c.Parties[1].FullName
		}
	}
	return ""
}

var origins = []mediation.Origin{mediation.OriginRequest, mediation.OriginWitnessed, mediation.OriginAssigned, mediation.OriginReferred}

func caseFrom(r *http.Request) (mediation.Case, error) {
	v := r.PostFormValue
	c := mediation.Case{TeamID: v("team_id"), Kind: mediation.CaseKind(v("kind")), Origin: mediation.Origin(v("origin")),
		Outcome: mediation.Outcome(v("outcome")), Summary: v("summary"), Agreement: v("agreement"), FollowUp: v("follow_up"),
		CourtOrder: v("court_order"), MediatorIDs: r.PostForm["mediator"]}
	for _, n := range []string{v("party1"), v("party2")} {
		if strings.TrimSpace(n) != "" {
			c.Parties = append(c.Parties, mediation.Party{FullName: n})
		}
	}
	rec, err := parseDay("received_on", v("received_on"))
	if err != nil {
		return c, err
	}
	if rec != nil {
		c.ReceivedOn = *rec
	}
	for _, d := range []struct {
		name string
		dst  **time.Time
	}{{"assigned_on", &c.AssignedOn}, {"started_on", &c.StartedOn}, {"ended_on", &c.EndedOn}} {
		if *d.dst, err = parseDay(d.name, v(d.name)); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (s *Screens) showCase(w http.ResponseWriter, r *http.Request, code int, sc mediation.Scope, page *casePage) error {
	ctx := r.Context()
	teams, err := s.cfg.Service.Store.Teams(ctx, sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	page.Scope, page.Teams, page.Kinds, page.Outcomes, page.Origins = sc, teams, mediation.CaseKinds, mediation.Outcomes, origins
	page.CanKeep = kit.Principal(ctx).Can(auth.KeepMediation)
	page.Chosen = map[string]bool{}
	for _, id := range page.Case.MediatorIDs {
		page.Chosen[id] = true
	}
	if !page.New {
		page.Team, err = s.cfg.Service.Store.Team(ctx, sc.TenantID, page.Case.TeamID)
		if err != nil {
			return err
		}
		all, err := s.cfg.Service.Store.Mediators(ctx, sc.TenantID, "", page.Case.TeamID)
		if err != nil {
			return err
		}
		for _, m := range all {
			if m.ActiveOn(page.Case.ReceivedOn) || page.Chosen[m.ID] {
				page.Mediators = append(page.Mediators, m)
			}
		}
		page.Commune = s.name(page.Case.CommuneCode)
		if page.Case.AssignedOn != nil {
			page.Deadline = mediation.StartDeadline(*page.Case.AssignedOn).Format("02/01/2006")
		}
		page.Late = mediation.LateStart(page.Case, false, s.today())
		page.Payable, _ = mediation.PaymentAllowed(page.Case)
	}
	s.k.Page(w, r, code, "med_case", page)
	return nil
}

// NewCase is GET /admin/hoa-giai/vu-viec/moi.
func (s *Screens) NewCase(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	today := s.today()
	return s.showCase(w, r, http.StatusOK, sc, &casePage{New: true, Case: mediation.Case{ReceivedOn: today, AssignedOn: &today,
		Origin: mediation.OriginRequest, Outcome: mediation.OutcomeInProgress, TeamID: r.URL.Query().Get("team")}})
}

// CreateCase is POST /admin/hoa-giai/vu-viec/moi.
func (s *Screens) CreateCase(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	c, err := caseFrom(r)
	if err == nil {
		c, err = s.cfg.Service.Open(r.Context(), s.actor(r), sc, c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showCase(w, r, http.StatusUnprocessableEntity, sc, &casePage{New: true, Case: c, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/vu-viec/"+c.ID, "mediation-saved")
}

// Case is GET /admin/hoa-giai/vu-viec/{id}.
func (s *Screens) Case(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	c, err := s.cfg.Service.Store.Case(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil || (sc.CommuneCode != "" && c.CommuneCode != sc.CommuneCode) {
		return kit.NotFoundAs(apperr.ErrNotFound, "Không tìm thấy vụ việc hòa giải.")
	}
	return s.showCase(w, r, http.StatusOK, sc, &casePage{Case: c})
}

// UpdateCase is POST /admin/hoa-giai/vu-viec/{id}.
func (s *Screens) UpdateCase(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	old, err := s.cfg.Service.Store.Case(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil || (sc.CommuneCode != "" && old.CommuneCode != sc.CommuneCode) {
		return kit.NotFoundAs(apperr.ErrNotFound, "Không tìm thấy vụ việc hòa giải.")
	}
	c, err := caseFrom(r)
	c.ID, c.TeamID, c.ReceivedOn = old.ID, old.TeamID, old.ReceivedOn
	if err == nil {
		c, err = s.cfg.Service.Update(r.Context(), s.actor(r), sc, c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		old.Outcome = mediation.Outcome(r.PostFormValue("outcome"))
		return s.showCase(w, r, http.StatusUnprocessableEntity, sc, &casePage{Case: old, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/vu-viec/"+c.ID, "mediation-saved")
}

// PayCase is POST /admin/hoa-giai/vu-viec/{id}/thu-lao.
func (s *Screens) PayCase(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	amount, _ := strconv.ParseInt(strings.ReplaceAll(strings.ReplaceAll(r.PostFormValue("payment_vnd"), ".", ""), " ", ""), 10, 64)
	if err := s.cfg.Service.Pay(r.Context(), s.actor(r), sc, r.PathValue("id"), amount); err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/vu-viec/"+r.PathValue("id"), "mediation-saved")
}

// ---- Teams and mediators.

type teamRow struct {
	Team      mediation.Team
	Commune   string
	Mediators int
	Warnings  []mediation.Warning
}

type teamsPage struct {
	Scope    mediation.Scope
	Rows     []teamRow
	Communes []Commune
	Form     kit.Form
	CanKeep  bool
	OnlyBad  bool
}

func (*teamsPage) Title() string { return "Tổ hòa giải" }

func (s *Screens) showTeams(w http.ResponseWriter, r *http.Request, code int, sc mediation.Scope, form kit.Form) error {
	ctx := r.Context()
	teams, err := s.cfg.Service.Store.Teams(ctx, sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	ms, err := s.cfg.Service.Store.Mediators(ctx, sc.TenantID, sc.CommuneCode, "")
	if err != nil {
		return err
	}
	byTeam := map[string][]mediation.Mediator{}
	for _, m := range ms {
		byTeam[m.TeamID] = append(byTeam[m.TeamID], m)
	}
	page := &teamsPage{Scope: sc, Communes: s.communes(sc), Form: form, CanKeep: kit.Principal(ctx).Can(auth.KeepMediation),
		OnlyBad: r.URL.Query().Get("canh-bao") != ""}
	today := s.today()
	for _, t := range teams {
		row := teamRow{Team: t, Commune: s.name(t.CommuneCode), Warnings: mediation.CheckTeam(t, byTeam[t.ID], today)}
		for _, m := range byTeam[t.ID] {
			if m.ActiveOn(today) {
				row.Mediators++
			}
		}
		if page.OnlyBad && len(row.Warnings) == 0 {
			continue
		}
		page.Rows = append(page.Rows, row)
	}
	s.k.Page(w, r, code, "med_teams", page)
	return nil
}

// Teams is GET /admin/hoa-giai/to.
func (s *Screens) Teams(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showTeams(w, r, http.StatusOK, sc, kit.Form{})
}

// CreateTeam is POST /admin/hoa-giai/to.
func (s *Screens) CreateTeam(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	commune := r.PostFormValue("commune_code")
	if sc.CommuneCode != "" {
		commune = sc.CommuneCode
	}
	t, _, err := s.cfg.Service.SaveTeam(r.Context(), s.actor(r), sc, mediation.Team{CommuneCode: commune, Grassroots: r.PostFormValue("grassroots"),
		Name: r.PostFormValue("name"), MinorityArea: r.PostFormValue("minority_area") != "", Model: r.PostFormValue("model") != ""})
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showTeams(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/to/"+t.ID, "mediation-saved")
}

type teamPage struct {
	Scope     mediation.Scope
	Team      mediation.Team
	Commune   string
	Mediators []mediation.Mediator
	Warnings  []mediation.Warning
	Form      kit.Form
	CanKeep   bool
	Today     string
}

func (p *teamPage) Title() string { return p.Team.Name }

func (s *Screens) showTeam(w http.ResponseWriter, r *http.Request, code int, sc mediation.Scope, id string, form kit.Form) error {
	ctx := r.Context()
	t, err := s.cfg.Service.Store.Team(ctx, sc.TenantID, id)
	if err != nil || (sc.CommuneCode != "" && t.CommuneCode != sc.CommuneCode) {
		return kit.NotFoundAs(apperr.ErrNotFound, "Không tìm thấy tổ hòa giải.")
	}
	ms, err := s.cfg.Service.Store.Mediators(ctx, sc.TenantID, "", t.ID)
	if err != nil {
		return err
	}
	today := s.today()
	page := &teamPage{Scope: sc, Team: t, Commune: s.name(t.CommuneCode), Mediators: ms, Warnings: mediation.CheckTeam(t, ms, today),
		Form: form, CanKeep: kit.Principal(ctx).Can(auth.KeepMediation), Today: today.Format("02/01/2006")}
	s.k.Page(w, r, code, "med_team", page)
	return nil
}

// Team is GET /admin/hoa-giai/to/{id}.
func (s *Screens) Team(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showTeam(w, r, http.StatusOK, sc, r.PathValue("id"), kit.Form{})
}

// Recognise is POST /admin/hoa-giai/to/{id}/hoa-giai-vien.
func (s *Screens) Recognise(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	year, _ := strconv.Atoi(strings.TrimSpace(v("birth_year")))
	trainings, _ := strconv.Atoi(strings.TrimSpace(v("trainings")))
	m := mediation.Mediator{TeamID: r.PathValue("id"), FullName: v("full_name"), Sex: mediation.Sex(v("sex")), Ethnicity: v("ethnicity"),
		EthnicMinority: v("ethnic_minority") != "", BirthYear: year, LegalTraining: v("legal_training") != "", Leader: v("leader") != "",
		RecognisedNo: v("recognised_no"), TrainingsAttend: trainings}
	on, err := parseDay("recognised_on", v("recognised_on"))
	if err == nil {
		if on != nil {
			m.RecognisedOn = *on
		}
		_, _, err = s.cfg.Service.Recognise(r.Context(), s.actor(r), sc, m)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showTeam(w, r, http.StatusUnprocessableEntity, sc, r.PathValue("id"), kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/to/"+r.PathValue("id"), "mediation-saved")
}

// Dismiss is POST /admin/hoa-giai/to/{id}/hoa-giai-vien/{mid}/thoi.
func (s *Screens) Dismiss(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	on, err := parseDay("dismissed_on", r.PostFormValue("dismissed_on"))
	if err != nil {
		return err
	}
	var day time.Time
	if on != nil {
		day = *on
	}
	if err := s.cfg.Service.Dismiss(r.Context(), s.actor(r), sc, r.PathValue("mid"), r.PostFormValue("dismissed_no"), day); err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/to/"+r.PathValue("id"), "mediation-saved")
}

// ---- Clubs (câu lạc bộ hòa giải) and their meetings.

type clubRow struct {
	Club     mediation.Club
	Commune  string
	Active   bool
	Meetings int
	Last     *time.Time
}

type clubsPage struct {
	Scope    mediation.Scope
	Rows     []clubRow
	Communes []Commune
	Form     kit.Form
	CanKeep  bool
	Today    string
}

func (*clubsPage) Title() string { return "Câu lạc bộ hòa giải" }

func (s *Screens) showClubs(w http.ResponseWriter, r *http.Request, code int, sc mediation.Scope, form kit.Form) error {
	ctx := r.Context()
	clubs, err := s.cfg.Clubs.Clubs(ctx, sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	today := s.today()
	page := &clubsPage{Scope: sc, Communes: s.communes(sc), Form: form, CanKeep: kit.Principal(ctx).Can(auth.KeepMediation),
		Today: today.Format("02/01/2006")}
	for _, c := range clubs {
		acts, err := s.cfg.Clubs.ClubActivities(ctx, sc.TenantID, c.ID)
		if err != nil {
			return err
		}
		row := clubRow{Club: c, Commune: s.name(c.CommuneCode), Active: c.ActiveOn(today), Meetings: len(acts)}
		for i := range acts {
			if row.Last == nil || acts[i].On.After(*row.Last) {
				row.Last = &acts[i].On
			}
		}
		page.Rows = append(page.Rows, row)
	}
	s.k.Page(w, r, code, "med_clubs", page)
	return nil
}

// Clubs is GET /admin/hoa-giai/clb.
func (s *Screens) Clubs(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showClubs(w, r, http.StatusOK, sc, kit.Form{})
}

func atoi(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return -1
	}
	return n
}

// CreateClub is POST /admin/hoa-giai/clb.
func (s *Screens) CreateClub(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	c := mediation.Club{CommuneCode: v("commune_code"), Name: v("name"), FoundedNo: v("founded_no"), Members: atoi(v("members")), Women: atoi(v("women"))}
	if sc.CommuneCode != "" {
		c.CommuneCode = sc.CommuneCode
	}
	if strings.TrimSpace(v("women")) == "" {
		c.Women = 0
	}
	on, err := parseDay("founded_on", v("founded_on"))
	if err == nil {
		if on != nil {
			c.FoundedOn = *on
		}
		c, err = s.cfg.Service.AddClub(r.Context(), s.cfg.Clubs, s.actor(r), sc, c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showClubs(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/clb/"+c.ID, "mediation-saved")
}

type clubPage struct {
	Scope      mediation.Scope
	Club       mediation.Club
	Commune    string
	Activities []mediation.ClubActivity
	Form       kit.Form
	CanKeep    bool
	Today      string
}

func (p *clubPage) Title() string { return p.Club.Name }

func (s *Screens) showClub(w http.ResponseWriter, r *http.Request, code int, sc mediation.Scope, form kit.Form) error {
	ctx := r.Context()
	c, err := s.cfg.Clubs.Club(ctx, sc.TenantID, r.PathValue("id"))
	if err != nil || (sc.CommuneCode != "" && c.CommuneCode != sc.CommuneCode) {
		return kit.NotFoundAs(apperr.ErrNotFound, "Không tìm thấy câu lạc bộ hòa giải.")
	}
	acts, err := s.cfg.Clubs.ClubActivities(ctx, sc.TenantID, c.ID)
	if err != nil {
		return err
	}
	page := &clubPage{Scope: sc, Club: c, Commune: s.name(c.CommuneCode), Activities: acts, Form: form,
		CanKeep: kit.Principal(ctx).Can(auth.KeepMediation), Today: s.today().Format("02/01/2006")}
	s.k.Page(w, r, code, "med_club", page)
	return nil
}

// Club is GET /admin/hoa-giai/clb/{id}.
func (s *Screens) Club(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showClub(w, r, http.StatusOK, sc, kit.Form{})
}

// AddClubActivity is POST /admin/hoa-giai/clb/{id}/sinh-hoat.
func (s *Screens) AddClubActivity(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	act := mediation.ClubActivity{ClubID: r.PathValue("id"), Topic: v("topic"), Participants: atoi(v("participants"))}
	if strings.TrimSpace(v("participants")) == "" {
		act.Participants = 0
	}
	on, err := parseDay("on", v("on"))
	if err == nil {
		if on != nil {
			act.On = *on
		}
		_, err = s.cfg.Service.AddClubActivity(r.Context(), s.cfg.Clubs, s.actor(r), sc, act)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showClub(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/hoa-giai/clb/"+act.ClubID, "mediation-saved")
}

// ---- API.

// APIReport is GET /api/v1/mediation/report?from=&to=[&commune=].
func (s *Screens) APIReport(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	from, err := parseDay("from", q.Get("from"))
	if err != nil {
		return err
	}
	to, err := parseDay("to", q.Get("to"))
	if err != nil {
		return err
	}
	if from == nil || to == nil {
		return apperr.New(apperr.Invalid, "Cần from và to (YYYY-MM-DD).")
	}
	if c := q.Get("commune"); c != "" {
		if sc.CommuneCode != "" && c != sc.CommuneCode {
			return apperr.New(apperr.Forbidden, "Cán bộ xã chỉ xem số liệu của xã mình.")
		}
		if !s.cfg.Units.InProvince(c, sc.ProvinceCode) {
			return apperr.Field("commune", "Mã xã không thuộc tỉnh.")
		}
		sc.CommuneCode = c
	}
	var codes []string
	for _, c := range s.communes(sc) {
		codes = append(codes, c.Code)
	}
	rep, err := s.cfg.Service.Figures(r.Context(), sc, mediation.Period{From: *from, To: *to}, codes)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, rep)
}

// APICases is GET /api/v1/mediation/cases: the book as interchange records.
func (s *Screens) APICases(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := s.filter(sc, q)
	if err != nil {
		return err
	}
	f.Limit, _ = strconv.Atoi(q.Get("limit"))
	f.Offset, _ = strconv.Atoi(q.Get("offset"))
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	if f.Offset < 0 || f.Offset > 100000 {
		return apperr.Field("offset", "offset không hợp lệ.")
	}
	cs, err := s.cfg.Service.Store.Cases(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	teams, err := s.cfg.Service.Store.Teams(r.Context(), sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, t := range teams {
		names[t.ID] = t.Name
	}
	type item struct {
		ID string `json:"id"`
		mediation.Record
	}
	out := make([]item, len(cs))
	for i, c := range cs {
		out[i] = item{ID: c.ID, Record: mediation.RecordOf(c, names[c.TeamID])}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"cases": out})
}

// APIAdminUnits is GET /api/v1/admin-units?q=&province=: units searched
// without diacritics, for address fields.
func (s *Screens) APIAdminUnits(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if len([]rune(q.Get("q"))) > 100 {
		return apperr.Field("q", "Từ khóa dài quá 100 ký tự.")
	}
	type unit struct {
		Code     string `json:"code"`
		Name     string `json:"name"`
		Kind     string `json:"kind"`
		Province string `json:"province_code"`
		// Label is what an address field shows and Pick reads back:
		// "Phường Sa Đéc, Tỉnh Đồng Tháp (29905)".
		Label string `json:"label"`
	}
	var out []unit
	for _, u := range s.cfg.Units.Search(q.Get("q"), q.Get("province"), s.today(), 20) {
		label := u.FullName() + " (" + u.Code + ")"
		if u.Level() == adminunit.LevelCommune {
			label = u.FullName() + ", " + s.name(u.ProvinceCode) + " (" + u.Code + ")"
		}
		out = append(out, unit{u.Code, u.Name, u.Kind.Name(), u.ProvinceCode, label})
	}
	if out == nil {
		out = []unit{}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"units": out})
}
