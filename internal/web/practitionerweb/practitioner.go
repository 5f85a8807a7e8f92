// Package practitionerweb is the judicial-support practitioners' area of
// the back office, its API and the public directory: the figures per
// profession with drill-down, the registers of organisations and
// practitioners with their history, the notaries who must stop practising
// by age, the periodic reports and their roll-up, the bailiffs' records
// (vi bằng) and the checks. The register is the department's; its routes
// are listed in web/routes.go; its handlers hold only their own service.
package practitionerweb

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/practitioner"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Templates are the register's pages.
//
//go:embed templates/*.html
var Templates embed.FS

// Config is what the screens need.
type Config struct {
	Service *practitioner.Service
	Units   *adminunit.List
	// Scope is the department whose register the officer keeps.
	Scope func(ctx context.Context, p *auth.Principal) (practitioner.Scope, error)
	// Public is the department whose directory the portal shows.
	Public func(ctx context.Context) (practitioner.Scope, error)
	// Agency names a tenant on the printed report.
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

const base = "/admin/bo-tro-tu-phap"

func (s *Screens) scope(r *http.Request) (practitioner.Scope, error) {
	return s.cfg.Scope(r.Context(), kit.Principal(r.Context()))
}

func (s *Screens) actor(r *http.Request) practitioner.Actor {
	a := s.k.Actor(r)
	return practitioner.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

func (s *Screens) today() time.Time {
	n := s.cfg.Now().In(kit.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func canKeep(r *http.Request) bool { return kit.Principal(r.Context()).Can(auth.KeepPractitioners) }

// Commune is a commune as the screens name it.
type Commune struct{ Code, Name string }

func (s *Screens) communes(sc practitioner.Scope) []Commune {
	codes := s.cfg.Units.Communes(sc.ProvinceCode)
	out := make([]Commune, len(codes))
	for i, c := range codes {
		out[i] = Commune{c, s.cfg.Units.NameOn(c, s.today())}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (s *Screens) communeName(code string) string {
	if code == "" {
		return ""
	}
	return s.cfg.Units.NameOn(code, s.today())
}

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

func dayOf(d calendar.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// ---- Dashboard ------------------------------------------------------------

// ProfRow is one profession's line on the dashboard.
type ProfRow struct {
	Profession practitioner.Profession
	Org, Per   practitioner.Row
	Links      map[string]string
}

type dashboardPage struct {
	Period   kit.Period
	Figures  practitioner.Figures
	Rows     []ProfRow
	Checks   []kit.Figure
	AgeDue   int
	Overdue  int
	Filing   practitioner.RollUp
	Exports  kit.Exports
	CanKeep  bool
	APIQuery template.URL
}

func (*dashboardPage) Title() string { return "Bổ trợ tư pháp" }

func (s *Screens) period(r *http.Request) (kit.Period, practitioner.Period, error) {
	per, err := kit.PickPeriod(r.URL.Query(), calendar.DateOf(s.cfg.Now()), "year")
	if err != nil {
		return per, practitioner.Period{}, err
	}
	per.Action = base
	return per, practitioner.Period{From: dayOf(per.From), To: dayOf(per.To)}, nil
}

// lastPeriod is the report period whose deadline is the latest passed (or
// the next one when none has passed this year).
func lastPeriod(today time.Time) (int, practitioner.ReportPeriod) {
	y := today.Year()
	switch {
	case !today.Before(time.Date(y, 11, 10, 0, 0, 0, 0, time.UTC)):
		return y, practitioner.PeriodYearPrelim
	case !today.Before(time.Date(y, 6, 10, 0, 0, 0, 0, time.UTC)):
		return y, practitioner.PeriodHalf
	case !today.Before(time.Date(y, 1, 10, 0, 0, 0, 0, time.UTC)):
		return y - 1, practitioner.PeriodYearOfficial
	}
	return y - 1, practitioner.PeriodYearPrelim
}

// Dashboard is GET /admin/bo-tro-tu-phap.
func (s *Screens) Dashboard(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	per, p, err := s.period(r)
	if err != nil {
		return err
	}
	g, err := s.cfg.Service.Figures(r.Context(), sc, p)
	if err != nil {
		return err
	}
	q := url.Values{"from": {p.From.Format("2006-01-02")}, "to": {p.To.Format("2006-01-02")}}
	page := &dashboardPage{Period: per, Figures: g, CanKeep: canKeep(r), APIQuery: template.URL(q.Encode())}
	page.Exports = kit.Exports{Base: base + "/xuat/", Query: q.Encode(), Formats: kit.SheetFormats}
	for i, pr := range practitioner.Professions {
		link := func(subject, count string) string {
			v := url.Values{"subject": {subject}, "profession": {string(pr)}, "count": {count}}
			for k, vv := range q {
				v[k] = vv
			}
			return base + "/so-lieu?" + v.Encode()
		}
		page.Rows = append(page.Rows, ProfRow{Profession: pr, Org: g.Orgs[i], Per: g.People[i], Links: map[string]string{
			"org_active": link("org", "status:active"), "org_suspended": link("org", "status:suspended"),
			"org_new": link("org", "new"), "org_ended": link("org", "ended"),
			"per_active": link("person", "status:active"), "per_suspended": link("person", "status:suspended"),
			"per_new": link("person", "new"), "per_ended": link("person", "ended"),
		}})
	}
	in := g.Inspections
	page.Checks = []kit.Figure{
		{Label: "Cuộc kiểm tra trong kế hoạch, phát sinh", Value: kit.Num(in.Planned), Href: base + "/kiem-tra?year=" + strconv.Itoa(p.To.Year())},
		{Label: "Đã kết luận trong kỳ", Value: kit.Num(in.Concluded)},
		{Label: "Có vi phạm", Value: kit.Num(in.WithBreach), Bad: in.WithBreach > 0},
		{Label: "Quyết định xử phạt", Value: kit.Num(in.Sanctions)},
		{Label: "Tiền phạt (đồng)", Value: kit.Num(in.FinesVND)},
		{Label: "Kiến nghị chưa thực hiện", Value: kit.Num(in.OpenRecs), Bad: in.OpenRecs > 0},
	}
	ms, err := s.cfg.Service.AgeList(r.Context(), sc, 24)
	if err != nil {
		return err
	}
	page.AgeDue = len(ms)
	for _, m := range ms {
		if m.Overdue {
			page.Overdue++
		}
	}
	y, rp := lastPeriod(s.today())
	if page.Filing, err = s.cfg.Service.RollUp(r.Context(), sc, practitioner.Notary, y, rp); err != nil {
		return err
	}
	s.k.Page(w, r, http.StatusOK, "pr_dashboard", page)
	return nil
}

// Export is GET /admin/bo-tro-tu-phap/xuat/{format}.
func (s *Screens) Export(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	per, p, err := s.period(r)
	if err != nil {
		return err
	}
	g, err := s.cfg.Service.Figures(r.Context(), sc, p)
	if err != nil {
		return err
	}
	agency, err := s.agency(r.Context(), sc)
	if err != nil {
		return err
	}
	return kit.SendSheet(w, r.PathValue("format"), "bo-tro-tu-phap_"+per.From.String()+"_"+per.To.String(), render.PractitionerSheet(g, agency))
}

func (s *Screens) agency(ctx context.Context, sc practitioner.Scope) (string, error) {
	if s.cfg.Agency == nil {
		return "", nil
	}
	return s.cfg.Agency(ctx, sc.TenantID)
}

type drillPage struct {
	Label  string
	Period practitioner.Period
	Orgs   []OrgRow
	People []PersonRow
}

func (*drillPage) Title() string { return "Số liệu bổ trợ tư pháp: danh sách" }

var countNames = map[string]string{"status:active": "đang hoạt động", "status:suspended": "tạm ngừng, đình chỉ", "new": "mới trong kỳ", "ended": "chấm dứt trong kỳ"}

// Drill is GET /admin/bo-tro-tu-phap/so-lieu: the records behind a number.
func (s *Screens) Drill(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := practitioner.Period{}
	from, err := parseDay("from", q.Get("from"))
	if err != nil {
		return err
	}
	to, err := parseDay("to", q.Get("to"))
	if err != nil {
		return err
	}
	if from == nil || to == nil || to.Before(*from) {
		return apperr.Field("from", "Chọn kỳ số liệu (từ ngày, đến ngày).")
	}
	p.From, p.To = *from, *to
	m := practitioner.Match{Subject: practitioner.Subject(q.Get("subject")), Profession: practitioner.Profession(q.Get("profession")), Count: q.Get("count")}
	if (m.Subject != practitioner.SubjectOrg && m.Subject != practitioner.SubjectPerson) || (m.Profession != "" && !m.Profession.Valid()) || countNames[m.Count] == "" {
		return apperr.New(apperr.Invalid, "Chỉ tiêu không hợp lệ.")
	}
	os, ps, err := s.cfg.Service.Drill(r.Context(), sc, p, m)
	if err != nil {
		return err
	}
	who := "Tổ chức hành nghề"
	if m.Subject == practitioner.SubjectPerson {
		who = "Người hành nghề"
	}
	page := &drillPage{Label: who + " " + strings.ToLower(m.Profession.Name()) + " " + countNames[m.Count], Period: p}
	page.Orgs = s.orgRows(os)
	page.People = s.personRows(r.Context(), sc, ps)
	s.k.Page(w, r, http.StatusOK, "pr_drill", page)
	return nil
}

// ---- Organisations ----------------------------------------------------------

// OrgRow is an organisation as lists show it.
type OrgRow struct {
	Org     practitioner.Organisation
	Commune string
}

func (s *Screens) orgRows(os []practitioner.Organisation) []OrgRow {
	out := make([]OrgRow, len(os))
	for i, o := range os {
		out[i] = OrgRow{o, s.communeName(o.CommuneCode)}
	}
	return out
}

type orgsPage struct {
	Rows     []OrgRow
	Pager    kit.Pager
	Filter   practitioner.OrgFilter
	Kinds    []practitioner.OrgKindInfo
	Profs    []practitioner.Profession
	Statuses []practitioner.Status
	Communes []Commune
	Form     kit.Form
	CanKeep  bool
	Today    string
}

func (*orgsPage) Title() string { return "Tổ chức hành nghề bổ trợ tư pháp" }

func orgFilter(q url.Values) practitioner.OrgFilter {
	return practitioner.OrgFilter{Profession: practitioner.Profession(q.Get("profession")), Status: practitioner.Status(q.Get("status")),
		CommuneCode: q.Get("commune"), Query: q.Get("q")}
}

// Orgs is GET /admin/bo-tro-tu-phap/to-chuc.
func (s *Screens) Orgs(w http.ResponseWriter, r *http.Request) error {
	return s.showOrgs(w, r, http.StatusOK, kit.Form{Values: url.Values{}})
}

func (s *Screens) showOrgs(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := orgFilter(q)
	pg := kit.PagerFrom(base+"/to-chuc", q, 50, 200)
	f.Limit, f.Offset = pg.Limit(), pg.Offset()
	os, err := s.cfg.Service.Store.Orgs(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	os = kit.Trim(&pg, os)
	s.k.Page(w, r, code, "pr_orgs", &orgsPage{Rows: s.orgRows(os), Pager: pg, Filter: f, Kinds: practitioner.OrgKinds,
		Profs: practitioner.Professions, Statuses: practitioner.Statuses, Communes: s.communes(sc), Form: form, CanKeep: canKeep(r),
		Today: s.today().Format("02/01/2006")})
	return nil
}

func causeFrom(r *http.Request) (practitioner.Cause, error) {
	c := practitioner.Cause{DecisionNo: r.PostFormValue("decision_no"), DossierCode: r.PostFormValue("dossier_code"), Note: r.PostFormValue("note")}
	var err error
	c.DecisionOn, err = parseDay("decision_on", r.PostFormValue("decision_on"))
	return c, err
}

// CreateOrg is POST /admin/bo-tro-tu-phap/to-chuc.
func (s *Screens) CreateOrg(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	o := practitioner.Organisation{Kind: practitioner.OrgKind(r.PostFormValue("kind")), Name: r.PostFormValue("name"), RegNo: r.PostFormValue("reg_no"),
		CommuneCode: r.PostFormValue("commune_code"), Address: r.PostFormValue("address"), Head: r.PostFormValue("head"),
		Phone: r.PostFormValue("phone"), TaxCode: r.PostFormValue("tax_code")}
	var bad apperr.FieldList
	reg, err := parseDay("registered_on", r.PostFormValue("registered_on"))
	bad.Merge(err)
	if reg != nil {
		o.RegisteredOn = *reg
	}
	c, err := causeFrom(r)
	bad.Merge(err)
	if err = bad.Err(); err == nil {
		o, err = s.cfg.Service.RegisterOrg(r.Context(), s.actor(r), sc, o, c)
	} else {
		bad.Merge(s.cfg.Service.CheckOrg(sc, o, c)) // every mistake at once
		err = bad.Err()
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showOrgs(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/to-chuc/"+o.ID, "practitioner-saved")
}

type orgPage struct {
	Org        practitioner.Organisation
	Commune    string
	Successor  string
	History    []practitioner.Event
	People     []PersonRow
	Filings    []practitioner.Filing
	Form       practitioner.Form
	HasForm    bool
	Kinds      []practitioner.EventKind
	Others     []practitioner.Organisation
	Communes   []Commune
	Change     kit.Form
	NewPerson  kit.Form
	FileForm   kit.Form
	Periods    []practitioner.ReportPeriod
	Year       int
	CanKeep    bool
	Inspection []practitioner.Inspection
	IssuedCode string // a reporting code just issued, shown once
}

func (*orgPage) Title() string { return "Tổ chức hành nghề" }

// Org is GET /admin/bo-tro-tu-phap/to-chuc/{id}.
func (s *Screens) Org(w http.ResponseWriter, r *http.Request) error {
	return s.showOrg(w, r, http.StatusOK, &orgPage{})
}

func (s *Screens) showOrg(w http.ResponseWriter, r *http.Request, code int, page *orgPage) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	st := s.cfg.Service.Store
	o, err := st.Org(ctx, sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy tổ chức hành nghề trong sổ.")
	}
	page.Org, page.Commune, page.CanKeep = o, s.communeName(o.CommuneCode), canKeep(r)
	if o.SuccessorID != "" {
		if x, err := st.Org(ctx, sc.TenantID, o.SuccessorID); err == nil {
			page.Successor = x.Name
		}
	}
	if page.History, err = st.History(ctx, sc.TenantID, practitioner.SubjectOrg, o.ID); err != nil {
		return err
	}
	ps, err := st.People(ctx, sc.TenantID, practitioner.PersonFilter{OrgID: o.ID})
	if err != nil {
		return err
	}
	page.People = s.personRows(ctx, sc, ps)
	if page.Filings, err = st.FilingsOf(ctx, sc.TenantID, o.ID); err != nil {
		return err
	}
	page.Form, page.HasForm = practitioner.FormFor(o.Profession)
	page.Kinds = practitioner.KindsFrom(practitioner.SubjectOrg, o.Status)
	others, err := st.Orgs(ctx, sc.TenantID, practitioner.OrgFilter{Profession: o.Profession, Status: practitioner.StatusActive})
	if err != nil {
		return err
	}
	for _, x := range others {
		if x.ID != o.ID {
			page.Others = append(page.Others, x)
		}
	}
	page.Communes = s.communes(sc)
	page.Periods, page.Year = practitioner.ReportPeriods, s.today().Year()
	for _, f := range []*kit.Form{&page.Change, &page.NewPerson, &page.FileForm} {
		if f.Values == nil {
			f.Values = url.Values{}
		}
	}
	for y := s.today().Year(); y >= s.today().Year()-1; y-- {
		is, err := st.Inspections(ctx, sc.TenantID, y)
		if err != nil {
			return err
		}
		for _, in := range is {
			if in.OrgID == o.ID {
				page.Inspection = append(page.Inspection, in)
			}
		}
	}
	s.k.Page(w, r, code, "pr_org", page)
	return nil
}

// ChangeOrg is POST /admin/bo-tro-tu-phap/to-chuc/{id}/thay-doi.
func (s *Screens) ChangeOrg(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	var bad apperr.FieldList
	on, err := parseDay("on", r.PostFormValue("on"))
	bad.Merge(err)
	c, err := causeFrom(r)
	bad.Merge(err)
	kind := practitioner.EventKind(r.PostFormValue("kind"))
	var upd *practitioner.Organisation
	if kind == practitioner.EvChanged {
		old, err := s.cfg.Service.Store.Org(r.Context(), sc.TenantID, r.PathValue("id"))
		if err != nil {
			return kit.NotFoundAs(err, "Không tìm thấy tổ chức hành nghề trong sổ.")
		}
		n := old
		for _, f := range []struct {
			key string
			dst *string
		}{{"name", &n.Name}, {"address", &n.Address}, {"head", &n.Head}, {"phone", &n.Phone}, {"commune_code", &n.CommuneCode}, {"reg_no", &n.RegNo}} {
			if v := strings.TrimSpace(r.PostFormValue(f.key)); v != "" {
				*f.dst = v
			}
		}
		upd = &n
	}
	if on == nil {
		bad.Add("on", "Nhập ngày thay đổi.")
	}
	err = bad.Err()
	if err == nil {
		_, err = s.cfg.Service.ChangeOrg(r.Context(), s.actor(r), sc, r.PathValue("id"), kind, *on, upd, r.PostFormValue("successor_id"), c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showOrg(w, r, http.StatusUnprocessableEntity, &orgPage{Change: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/to-chuc/"+r.PathValue("id"), "practitioner-saved")
}

// AddPerson is POST /admin/bo-tro-tu-phap/to-chuc/{id}/nguoi.
func (s *Screens) AddPerson(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	o, err := s.cfg.Service.Store.Org(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy tổ chức hành nghề trong sổ.")
	}
	p := practitioner.Person{Profession: o.Profession, OrgID: o.ID, FullName: r.PostFormValue("full_name"), CardNo: r.PostFormValue("card_no"),
		Female: r.PostFormValue("female") != "", PractisingOn: r.PostFormValue("practising_on") != ""}
	var bad apperr.FieldList
	b, err := parseDay("birth_date", r.PostFormValue("birth_date"))
	bad.Merge(err)
	if b != nil {
		p.BirthDate = *b
	}
	a, err := parseDay("appointed_on", r.PostFormValue("appointed_on"))
	bad.Merge(err)
	if a != nil {
		p.AppointedOn = *a
	}
	c, err := causeFrom(r)
	bad.Merge(err)
	if err = bad.Err(); err == nil {
		p, err = s.cfg.Service.RegisterPerson(r.Context(), s.actor(r), sc, p, c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showOrg(w, r, http.StatusUnprocessableEntity, &orgPage{NewPerson: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/nguoi/"+p.ID, "practitioner-saved")
}

// FileReport is POST /admin/bo-tro-tu-phap/to-chuc/{id}/bao-cao: the
// department enters the report an organisation sent.
func (s *Screens) FileReport(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	o, err := s.cfg.Service.Store.Org(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy tổ chức hành nghề trong sổ.")
	}
	figs, year, err := filingFrom(r, o.Profession)
	if err == nil {
		_, err = s.cfg.Service.File(r.Context(), s.actor(r), sc, o.ID, year, practitioner.ReportPeriod(r.PostFormValue("period")), figs, r.PostFormValue("note"))
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showOrg(w, r, http.StatusUnprocessableEntity, &orgPage{FileForm: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/to-chuc/"+o.ID, "practitioner-filed")
}

// filingFrom reads a report form's figures (empty = 0).
func filingFrom(r *http.Request, p practitioner.Profession) (map[string]int64, int, error) {
	f, ok := practitioner.FormFor(p)
	if !ok {
		return nil, 0, apperr.New(apperr.Invalid, "Chưa có biểu báo cáo cho nghề này.")
	}
	var bad apperr.FieldList
	figs := map[string]int64{}
	for _, c := range f.Columns {
		v := strings.NewReplacer(".", "", " ", "").Replace(r.PostFormValue(c.Key))
		if v == "" {
			figs[c.Key] = 0
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			bad.Add(c.Key, "Cột "+strconv.Itoa(c.No)+" phải là số nguyên.")
			continue
		}
		figs[c.Key] = n
	}
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil {
		bad.Add("year", "Chọn năm báo cáo.")
	}
	return figs, year, bad.Err()
}

// ---- Practitioners ---------------------------------------------------------

// PersonRow is a practitioner as lists show them.
type PersonRow struct {
	Person practitioner.Person
	Org    string
	Stop   *practitioner.AgeStop
}

func (s *Screens) personRows(ctx context.Context, sc practitioner.Scope, ps []practitioner.Person) []PersonRow {
	names := map[string]string{}
	out := make([]PersonRow, len(ps))
	for i, p := range ps {
		if p.OrgID != "" {
			if _, ok := names[p.OrgID]; !ok {
				if o, err := s.cfg.Service.Store.Org(ctx, sc.TenantID, p.OrgID); err == nil {
					names[p.OrgID] = o.Name
				}
			}
		}
		out[i] = PersonRow{Person: p, Org: names[p.OrgID]}
		if p.Profession == practitioner.Notary && !p.Status.Ended() {
			if st, ok := practitioner.NotaryStop(p.BirthDate, p.PractisingOn, s.today()); ok {
				out[i].Stop = &st
			}
		}
	}
	return out
}

type peoplePage struct {
	Rows     []PersonRow
	Pager    kit.Pager
	Filter   practitioner.PersonFilter
	Profs    []practitioner.Profession
	Statuses []practitioner.Status
}

func (*peoplePage) Title() string { return "Người hành nghề bổ trợ tư pháp" }

// People is GET /admin/bo-tro-tu-phap/nguoi.
func (s *Screens) People(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := practitioner.PersonFilter{Profession: practitioner.Profession(q.Get("profession")), Status: practitioner.Status(q.Get("status")), Query: q.Get("q")}
	pg := kit.PagerFrom(base+"/nguoi", q, 50, 200)
	f.Limit, f.Offset = pg.Limit(), pg.Offset()
	ps, err := s.cfg.Service.Store.People(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	ps = kit.Trim(&pg, ps)
	s.k.Page(w, r, http.StatusOK, "pr_people", &peoplePage{Rows: s.personRows(r.Context(), sc, ps), Pager: pg, Filter: f,
		Profs: practitioner.Professions, Statuses: practitioner.Statuses})
	return nil
}

type personPage struct {
	Row     PersonRow
	History []practitioner.Event
	Kinds   []practitioner.EventKind
	Orgs    []practitioner.Organisation
	Form    kit.Form
	CanKeep bool
}

func (*personPage) Title() string { return "Người hành nghề" }

// Person is GET /admin/bo-tro-tu-phap/nguoi/{id}.
func (s *Screens) Person(w http.ResponseWriter, r *http.Request) error {
	return s.showPerson(w, r, http.StatusOK, kit.Form{Values: url.Values{}})
}

func (s *Screens) showPerson(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	st := s.cfg.Service.Store
	p, err := st.Person(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy người hành nghề trong sổ.")
	}
	page := &personPage{Row: s.personRows(r.Context(), sc, []practitioner.Person{p})[0], Form: form, CanKeep: canKeep(r),
		Kinds: practitioner.KindsFrom(practitioner.SubjectPerson, p.Status)}
	if page.History, err = st.History(r.Context(), sc.TenantID, practitioner.SubjectPerson, p.ID); err != nil {
		return err
	}
	if page.Orgs, err = st.Orgs(r.Context(), sc.TenantID, practitioner.OrgFilter{Profession: p.Profession, Status: practitioner.StatusActive}); err != nil {
		return err
	}
	s.k.Page(w, r, code, "pr_person", page)
	return nil
}

// ChangePerson is POST /admin/bo-tro-tu-phap/nguoi/{id}/thay-doi.
func (s *Screens) ChangePerson(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	var bad apperr.FieldList
	on, err := parseDay("on", r.PostFormValue("on"))
	bad.Merge(err)
	if on == nil {
		bad.Add("on", "Nhập ngày thay đổi.")
	}
	c, err := causeFrom(r)
	bad.Merge(err)
	if err = bad.Err(); err == nil {
		_, err = s.cfg.Service.ChangePerson(r.Context(), s.actor(r), sc, r.PathValue("id"), practitioner.EventKind(r.PostFormValue("kind")), *on, r.PostFormValue("org_id"), c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showPerson(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/nguoi/"+r.PathValue("id"), "practitioner-saved")
}

type agePage struct {
	Rows   []PersonRow
	Stops  []practitioner.MustStop
	Months int
	Rules  practitioner.NotaryAgeRules
}

func (*agePage) Title() string { return "Công chứng viên phải dừng hành nghề do tuổi" }

// Age is GET /admin/bo-tro-tu-phap/tuoi.
func (s *Screens) Age(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	months, _ := strconv.Atoi(r.URL.Query().Get("thang"))
	if months <= 0 || months > 120 {
		months = 24
	}
	ms, err := s.cfg.Service.AgeList(r.Context(), sc, months)
	if err != nil {
		return err
	}
	ps := make([]practitioner.Person, len(ms))
	for i, m := range ms {
		ps[i] = m.Person
	}
	s.k.Page(w, r, http.StatusOK, "pr_age", &agePage{Rows: s.personRows(r.Context(), sc, ps), Stops: ms, Months: months,
		Rules: practitioner.NotaryAgeOn(s.today())})
	return nil
}

// ---- Periodic reports ---------------------------------------------------------

type reportsPage struct {
	Roll     practitioner.RollUp
	Names    map[string]string
	Profs    []practitioner.Profession
	Prof     practitioner.Profession
	Periods  []practitioner.ReportPeriod
	Years    []int
	Exports  kit.Exports
	Late     map[string]bool
	APIQuery template.URL
}

func (*reportsPage) Title() string { return "Báo cáo định kỳ của tổ chức hành nghề" }

func (s *Screens) rollUp(r *http.Request) (practitioner.Scope, practitioner.RollUp, error) {
	sc, err := s.scope(r)
	if err != nil {
		return sc, practitioner.RollUp{}, err
	}
	q := r.URL.Query()
	y, p := lastPeriod(s.today())
	if v, err := strconv.Atoi(q.Get("year")); err == nil {
		y = v
	}
	if v := practitioner.ReportPeriod(q.Get("period")); v != "" {
		p = v
	}
	prof := practitioner.Profession(q.Get("profession"))
	if prof == "" {
		prof = practitioner.Notary
	}
	ru, err := s.cfg.Service.RollUp(r.Context(), sc, prof, y, p)
	return sc, ru, err
}

func (s *Screens) orgNames(ctx context.Context, sc practitioner.Scope) (map[string]string, error) {
	os, err := s.cfg.Service.Store.Orgs(ctx, sc.TenantID, practitioner.OrgFilter{})
	names := map[string]string{}
	for _, o := range os {
		names[o.ID] = o.Name
	}
	return names, err
}

// Reports is GET /admin/bo-tro-tu-phap/bao-cao: who filed, who has not, and
// the province's totals.
func (s *Screens) Reports(w http.ResponseWriter, r *http.Request) error {
	sc, ru, err := s.rollUp(r)
	if err != nil {
		return err
	}
	names, err := s.orgNames(r.Context(), sc)
	if err != nil {
		return err
	}
	q := url.Values{"profession": {string(ru.Form.Profession)}, "year": {strconv.Itoa(ru.Year)}, "period": {string(ru.Period)}}
	page := &reportsPage{Roll: ru, Names: names, Profs: nil, Prof: ru.Form.Profession, Periods: practitioner.ReportPeriods, APIQuery: template.URL(q.Encode()),
		Exports: kit.Exports{Base: base + "/bao-cao/xuat/", Query: q.Encode(), Formats: kit.SheetFormats}}
	for _, f := range practitioner.Forms {
		page.Profs = append(page.Profs, f.Profession)
	}
	for y := s.today().Year(); y >= s.today().Year()-3; y-- {
		page.Years = append(page.Years, y)
	}
	s.k.Page(w, r, http.StatusOK, "pr_reports", page)
	return nil
}

// ReportsExport is GET /admin/bo-tro-tu-phap/bao-cao/xuat/{format}.
func (s *Screens) ReportsExport(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	sc, ru, err := s.rollUp(r)
	if err != nil {
		return err
	}
	names, err := s.orgNames(r.Context(), sc)
	if err != nil {
		return err
	}
	agency, err := s.agency(r.Context(), sc)
	if err != nil {
		return err
	}
	return kit.SendSheet(w, r.PathValue("format"), "bao-cao_"+string(ru.Form.Profession)+"_"+strconv.Itoa(ru.Year)+"_"+string(ru.Period), render.FilingSheet(ru, names, agency))
}

// ---- Bailiffs' records --------------------------------------------------------

// ViBangRow is a record as the list shows it.
type ViBangRow struct {
	V                      practitioner.ViBang
	Office                 string
	SentLate, RegisterLate bool
}

type viBangPage struct {
	Rows    []ViBangRow
	Pager   kit.Pager
	Query   string
	Offices []practitioner.Organisation
	Form    kit.Form
	CanKeep bool
	Rules   practitioner.ViBangRules
	Today   string
}

func (*viBangPage) Title() string { return "Sổ đăng ký vi bằng" }

// ViBangs is GET /admin/bo-tro-tu-phap/vi-bang: the look-up and the form.
func (s *Screens) ViBangs(w http.ResponseWriter, r *http.Request) error {
	return s.showViBangs(w, r, http.StatusOK, kit.Form{Values: url.Values{}})
}

func (s *Screens) showViBangs(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	pg := kit.PagerFrom(base+"/vi-bang", q, 50, 200)
	vs, err := s.cfg.Service.Store.ViBangs(r.Context(), sc.TenantID, practitioner.ViBangFilter{Query: q.Get("q"), OfficeID: q.Get("office"), Limit: pg.Limit(), Offset: pg.Offset()})
	if err != nil {
		return err
	}
	vs = kit.Trim(&pg, vs)
	offices, err := s.cfg.Service.Store.Orgs(r.Context(), sc.TenantID, practitioner.OrgFilter{Profession: practitioner.Bailiff})
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, o := range offices {
		names[o.ID] = o.Name
	}
	page := &viBangPage{Pager: pg, Query: q.Get("q"), Form: form, CanKeep: canKeep(r), Rules: practitioner.ViBangOn(s.today()),
		Today: s.today().Format("02/01/2006")}
	for _, o := range offices {
		if o.Status == practitioner.StatusActive {
			page.Offices = append(page.Offices, o)
		}
	}
	for _, v := range vs {
		row := ViBangRow{V: v, Office: names[v.OfficeID]}
		row.SentLate, row.RegisterLate = practitioner.ViBangLate(v.MadeOn, v.ReceivedOn, v.RegisteredOn, s.today(), s.cfg.Service.Workday)
		page.Rows = append(page.Rows, row)
	}
	s.k.Page(w, r, code, "pr_vibang", page)
	return nil
}

// ReceiveViBang is POST /admin/bo-tro-tu-phap/vi-bang.
func (s *Screens) ReceiveViBang(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := practitioner.ViBang{OfficeID: r.PostFormValue("office_id"), No: r.PostFormValue("no"), Title: r.PostFormValue("title"),
		Requester: r.PostFormValue("requester"), Refused: r.PostFormValue("refused")}
	var bad apperr.FieldList
	made, err := parseDay("made_on", r.PostFormValue("made_on"))
	bad.Merge(err)
	if made != nil {
		v.MadeOn = *made
	}
	rec, err := parseDay("received_on", r.PostFormValue("received_on"))
	bad.Merge(err)
	if rec != nil {
		v.ReceivedOn = *rec
	}
	if err = bad.Err(); err == nil {
		v, err = s.cfg.Service.ReceiveViBang(r.Context(), s.actor(r), sc, v, r.PostFormValue("refuse") == "")
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showViBangs(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/vi-bang?q="+url.QueryEscape(v.No), "practitioner-saved")
}

// ---- Checks -------------------------------------------------------------------

// InspRow is a check as the list shows it.
type InspRow struct {
	In  practitioner.Inspection
	Org string
}

type inspectionsPage struct {
	Year    int
	Years   []int
	Rows    []InspRow
	Orgs    []practitioner.Organisation
	Form    kit.Form
	CanKeep bool
}

func (*inspectionsPage) Title() string { return "Kiểm tra tổ chức hành nghề" }

// Inspections is GET /admin/bo-tro-tu-phap/kiem-tra.
func (s *Screens) Inspections(w http.ResponseWriter, r *http.Request) error {
	return s.showInspections(w, r, http.StatusOK, kit.Form{Values: url.Values{}})
}

func (s *Screens) showInspections(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	y := s.today().Year()
	if v, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && v > 2000 && v < 3000 {
		y = v
	}
	is, err := s.cfg.Service.Store.Inspections(r.Context(), sc.TenantID, y)
	if err != nil {
		return err
	}
	orgs, err := s.cfg.Service.Store.Orgs(r.Context(), sc.TenantID, practitioner.OrgFilter{Status: practitioner.StatusActive})
	if err != nil {
		return err
	}
	names, err := s.orgNames(r.Context(), sc)
	if err != nil {
		return err
	}
	page := &inspectionsPage{Year: y, Orgs: orgs, Form: form, CanKeep: canKeep(r)}
	for v := s.today().Year() + 1; v >= s.today().Year()-3; v-- {
		page.Years = append(page.Years, v)
	}
	for _, in := range is {
		page.Rows = append(page.Rows, InspRow{in, names[in.OrgID]})
	}
	s.k.Page(w, r, code, "pr_inspections", page)
	return nil
}

// PlanInspection is POST /admin/bo-tro-tu-phap/kiem-tra.
func (s *Screens) PlanInspection(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	in := practitioner.Inspection{OrgID: r.PostFormValue("org_id"), Planned: r.PostFormValue("planned") != "",
		DecisionNo: r.PostFormValue("decision_no"), Team: r.PostFormValue("team")}
	in.Year, _ = strconv.Atoi(r.PostFormValue("year"))
	in.DecisionOn, err = parseDay("decision_on", r.PostFormValue("decision_on"))
	if err == nil {
		in, err = s.cfg.Service.PlanInspection(r.Context(), s.actor(r), sc, in)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showInspections(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/kiem-tra/"+in.ID, "practitioner-saved")
}

type inspectionPage struct {
	In         practitioner.Inspection
	Org        practitioner.Organisation
	Violations []practitioner.Violation
	Kinds      []practitioner.SanctionKind
	Form       kit.Form
	CanKeep    bool
}

func (*inspectionPage) Title() string { return "Cuộc kiểm tra" }

// Inspection is GET /admin/bo-tro-tu-phap/kiem-tra/{id}.
func (s *Screens) Inspection(w http.ResponseWriter, r *http.Request) error {
	return s.showInspection(w, r, http.StatusOK, kit.Form{Values: url.Values{}})
}

func (s *Screens) showInspection(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	in, err := s.cfg.Service.Store.Inspection(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy cuộc kiểm tra.")
	}
	o, err := s.cfg.Service.Store.Org(r.Context(), sc.TenantID, in.OrgID)
	if err != nil {
		return err
	}
	page := &inspectionPage{In: in, Org: o, Form: form, CanKeep: canKeep(r),
		Kinds: []practitioner.SanctionKind{practitioner.SanctionWarning, practitioner.SanctionFine, practitioner.SanctionSuspend, practitioner.SanctionRemedial}}
	for _, v := range practitioner.Violations {
		if v.Profession == o.Profession {
			page.Violations = append(page.Violations, v)
		}
	}
	s.k.Page(w, r, code, "pr_inspection", page)
	return nil
}

// Conclude is POST /admin/bo-tro-tu-phap/kiem-tra/{id}/ket-luan: one
// finding, its sanction and recommendation per submission line.
func (s *Screens) Conclude(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	on, err := parseDay("concluded_on", r.PostFormValue("concluded_on"))
	var fs []practitioner.Finding
	var ss []practitioner.Sanction
	var rs []practitioner.Recommendation
	for i := range 3 {
		n := strconv.Itoa(i)
		if a, t := r.PostFormValue("article"+n), r.PostFormValue("finding"+n); a != "" || t != "" {
			fs = append(fs, practitioner.Finding{Article: a, Text: t})
		}
		if c := r.PostFormValue("sanction_code" + n); c != "" {
			amt, _ := strconv.ParseInt(strings.ReplaceAll(r.PostFormValue("amount"+n), ".", ""), 10, 64)
			months, _ := strconv.Atoi(r.PostFormValue("months" + n))
			ss = append(ss, practitioner.Sanction{Code: c, Kind: practitioner.SanctionKind(r.PostFormValue("sanction_kind" + n)), AmountVND: amt,
				AgainstOrg: r.PostFormValue("against_org"+n) != "", Person: r.PostFormValue("person" + n), DecisionNo: r.PostFormValue("sanction_decision" + n), Months: months})
		}
		if t := r.PostFormValue("rec" + n); t != "" {
			due, derr := parseDay("rec_due"+n, r.PostFormValue("rec_due"+n))
			if derr != nil && err == nil {
				err = derr
			}
			rec := practitioner.Recommendation{Text: t}
			if due != nil {
				rec.DueOn = *due
			}
			rs = append(rs, rec)
		}
	}
	if err == nil && on == nil {
		err = apperr.Field("concluded_on", "Nhập ngày kết luận.")
	}
	if err == nil {
		_, err = s.cfg.Service.Conclude(r.Context(), s.actor(r), sc, r.PathValue("id"), *on, fs, ss, rs)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showInspection(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/kiem-tra/"+r.PathValue("id"), "practitioner-saved")
}

// FollowUp is POST /admin/bo-tro-tu-phap/kiem-tra/{id}/kien-nghi/{n}.
func (s *Screens) FollowUp(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return apperr.ErrNotFound
	}
	on, err := parseDay("done_on", r.PostFormValue("done_on"))
	if err == nil && on == nil {
		err = apperr.Field("done_on", "Nhập ngày thực hiện.")
	}
	if err == nil {
		_, err = s.cfg.Service.FollowUp(r.Context(), s.actor(r), sc, r.PathValue("id"), n, *on, r.PostFormValue("result"))
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showInspection(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/kiem-tra/"+r.PathValue("id"), "practitioner-saved")
}

// ---- Public directory -----------------------------------------------------------

type directoryPage struct {
	Rows     []OrgRow
	Query    string
	Prof     practitioner.Profession
	Profs    []practitioner.Profession
	Commune  string
	Communes []Commune
	Searched bool
}

func (*directoryPage) Title() string {
	return "Tra cứu tổ chức hành nghề bổ trợ tư pháp"
}

// Directory is GET /to-chuc-hanh-nghe: any citizen finds an organisation by
// name or commune, with its status. Only public facts are shown: name,
// form, address, commune, registration number, status.
func (s *Screens) Directory(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Public == nil {
		return apperr.ErrNotFound
	}
	sc, err := s.cfg.Public(r.Context())
	if err != nil {
		return err
	}
	q := r.URL.Query()
	page := &directoryPage{Query: strings.TrimSpace(q.Get("q")), Prof: practitioner.Profession(q.Get("profession")), Commune: q.Get("commune"),
		Profs: practitioner.Professions, Communes: s.communes(sc)}
	if page.Query != "" || page.Prof != "" || page.Commune != "" {
		page.Searched = true
		if len([]rune(page.Query)) > 100 {
			return apperr.Field("q", "Từ khóa dài quá 100 ký tự.")
		}
		os, err := s.cfg.Service.Store.Orgs(r.Context(), sc.TenantID, practitioner.OrgFilter{Query: page.Query, Profession: page.Prof, CommuneCode: page.Commune, Limit: 100})
		if err != nil {
			return err
		}
		page.Rows = s.orgRows(os)
	}
	s.k.Page(w, r, http.StatusOK, "pr_directory", page)
	return nil
}

// ---- API ----------------------------------------------------------------------

type apiOrg struct {
	ID           string `json:"id"`
	Profession   string `json:"profession"`
	Kind         string `json:"kind"`
	Name         string `json:"name"`
	RegNo        string `json:"reg_no"`
	RegisteredOn string `json:"registered_on"`
	CommuneCode  string `json:"commune_code"`
	Address      string `json:"address"`
	Status       string `json:"status"`
	SuccessorID  string `json:"successor_id,omitempty"`
}

func apiOrgOf(o practitioner.Organisation) apiOrg {
	return apiOrg{o.ID, string(o.Profession), string(o.Kind), o.Name, o.RegNo, o.RegisteredOn.Format("2006-01-02"), o.CommuneCode, o.Address, string(o.Status), o.SuccessorID}
}

// APIOrgs is GET /api/v1/practitioners/organisations.
func (s *Screens) APIOrgs(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := orgFilter(q)
	f.Limit, _ = strconv.Atoi(q.Get("limit"))
	f.Offset, _ = strconv.Atoi(q.Get("offset"))
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	if f.Offset < 0 || f.Offset > 100000 {
		return apperr.Field("offset", "offset không hợp lệ.")
	}
	if f.Profession != "" && !f.Profession.Valid() {
		return apperr.Field("profession", "Nghề không hợp lệ.")
	}
	os, err := s.cfg.Service.Store.Orgs(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	out := make([]apiOrg, len(os))
	for i, o := range os {
		out[i] = apiOrgOf(o)
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"organisations": out})
}

type apiEvent struct {
	Kind        string `json:"kind"`
	On          string `json:"on"`
	From        string `json:"from,omitempty"`
	To          string `json:"to"`
	DecisionNo  string `json:"decision_no,omitempty"`
	DecisionOn  string `json:"decision_on,omitempty"`
	DossierCode string `json:"dossier_code,omitempty"`
	Note        string `json:"note,omitempty"`
}

// APIOrg is GET /api/v1/practitioners/organisations/{id}: the entry and its history.
func (s *Screens) APIOrg(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	o, err := s.cfg.Service.Store.Org(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy tổ chức hành nghề trong sổ.")
	}
	hist, err := s.cfg.Service.Store.History(r.Context(), sc.TenantID, practitioner.SubjectOrg, o.ID)
	if err != nil {
		return err
	}
	evs := make([]apiEvent, len(hist))
	for i, e := range hist {
		evs[i] = apiEvent{Kind: string(e.Kind), On: e.On.Format("2006-01-02"), From: string(e.From), To: string(e.To), DecisionNo: e.DecisionNo,
			DossierCode: e.DossierCode, Note: e.Note}
		if e.DecisionOn != nil {
			evs[i].DecisionOn = e.DecisionOn.Format("2006-01-02")
		}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"organisation": apiOrgOf(o), "history": evs})
}

// APIReport is GET /api/v1/practitioners/report?from=&to=: the figures.
func (s *Screens) APIReport(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	_, p, err := s.period(r)
	if err != nil {
		return err
	}
	g, err := s.cfg.Service.Figures(r.Context(), sc, p)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, ReportJSON(g))
}

// ReportJSON is the figures as the API and `tuphap report practitioners`
// give them.
func ReportJSON(g practitioner.Figures) map[string]any {
	return map[string]any{"from": g.From.Format("2006-01-02"), "to": g.To.Format("2006-01-02"),
		"organisations": g.Orgs, "practitioners": g.People, "events": g.Events, "inspections": g.Inspections}
}

// APIFilings is GET /api/v1/practitioners/filings?profession=&year=&period=:
// the roll-up of a form.
func (s *Screens) APIFilings(w http.ResponseWriter, r *http.Request) error {
	_, ru, err := s.rollUp(r)
	if err != nil {
		return err
	}
	missing := make([]string, len(ru.Missing))
	for i, o := range ru.Missing {
		missing[i] = o.ID
	}
	type filed struct {
		OrgID   string           `json:"org_id"`
		FiledAt string           `json:"filed_at"`
		Late    bool             `json:"late"`
		Figures map[string]int64 `json:"figures"`
	}
	fs := make([]filed, len(ru.Filed))
	for i, f := range ru.Filed {
		fs[i] = filed{f.OrgID, f.FiledAt.Format(time.RFC3339), f.Late, f.Figures}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"form": ru.Form.Code, "year": ru.Year, "period": ru.Period, "due": ru.Due.Format("2006-01-02"),
		"expected": ru.Expected, "totals": ru.Totals, "filed": fs, "missing": missing})
}

var _ = template.URL("")

// IssueKey is POST /admin/bo-tro-tu-phap/to-chuc/{id}/ma-bao-cao: a new
// reporting code for the organisation, shown once on its page.
func (s *Screens) IssueKey(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	code, err := s.cfg.Service.IssueFilingKey(r.Context(), s.actor(r), sc, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy tổ chức hành nghề trong sổ.")
	}
	return s.showOrg(w, r, http.StatusOK, &orgPage{IssuedCode: code})
}

type orgFilingPage struct {
	Forms   []practitioner.Form
	Form    practitioner.Form
	Periods []practitioner.ReportPeriod
	Year    int
	In      kit.Form
	Done    *practitioner.Filing
	Org     practitioner.Organisation
	Due     time.Time
	// Schedule is the signed-in organisation's reports of last year and
	// this one: what it filed, what it still owes.
	Schedule []practitioner.ScheduleRow
	// Own says the page is the organisation's own record (no new filing).
	Own bool
}

func (*orgFilingPage) Title() string { return "Tổ chức hành nghề gửi báo cáo định kỳ" }

func (s *Screens) showOrgFiling(w http.ResponseWriter, r *http.Request, code int, page *orgFilingPage) error {
	prof := practitioner.Profession(r.FormValue("linh-vuc"))
	if prof == "" {
		prof = practitioner.Notary
	}
	f, ok := practitioner.FormFor(prof)
	if !ok {
		return apperr.New(apperr.NotFound, "Chưa có biểu báo cáo cho lĩnh vực này.")
	}
	page.Forms, page.Form, page.Periods, page.Year = practitioner.Forms, f, practitioner.ReportPeriods, s.today().Year()
	if page.In.Values == nil {
		page.In.Values = url.Values{}
	}
	s.k.Page(w, r, code, "pr_orgfiling", page)
	return nil
}

// OrgFilingForm is GET /to-chuc-hanh-nghe/bao-cao: an organisation files
// its periodic report with its registration number and reporting code.
func (s *Screens) OrgFilingForm(w http.ResponseWriter, r *http.Request) error {
	return s.showOrgFiling(w, r, http.StatusOK, &orgFilingPage{})
}

// OrgFile is POST /to-chuc-hanh-nghe/bao-cao.
func (s *Screens) OrgFile(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Public == nil {
		return apperr.ErrNotFound
	}
	sc, err := s.cfg.Public(r.Context())
	if err != nil {
		return err
	}
	prof := practitioner.Profession(r.PostFormValue("linh-vuc"))
	figs, year, err := filingFrom(r, prof)
	var fl practitioner.Filing
	var o practitioner.Organisation
	if err == nil {
		fl, o, err = s.cfg.Service.FileAsOrg(r.Context(), sc, r.PostFormValue("reg_no"), r.PostFormValue("code"), prof, year,
			practitioner.ReportPeriod(r.PostFormValue("period")), figs, r.PostFormValue("note"))
	}
	if e := kit.UserError(err); e != nil && (e.Code == apperr.Invalid || e.Code == apperr.Conflict) {
		form := kit.FormOf(r.PostForm, err)
		form.Values.Del("code") // never sent back
		return s.showOrgFiling(w, r, http.StatusUnprocessableEntity, &orgFilingPage{In: form})
	}
	if err != nil {
		return err
	}
	f, _ := practitioner.FormFor(o.Profession)
	page := &orgFilingPage{Done: &fl, Org: o, Due: f.Due(fl.Year, fl.Period)}
	if page.Schedule, err = s.orgSchedule(r, sc, o); err != nil {
		return err
	}
	return s.showOrgFiling(w, r, http.StatusOK, page)
}

// orgSchedule is an organisation's reports of last year and this one.
func (s *Screens) orgSchedule(r *http.Request, sc practitioner.Scope, o practitioner.Organisation) ([]practitioner.ScheduleRow, error) {
	f, ok := practitioner.FormFor(o.Profession)
	if !ok {
		return nil, nil
	}
	fs, err := s.cfg.Service.Store.FilingsOf(r.Context(), sc.TenantID, o.ID)
	if err != nil {
		return nil, err
	}
	y := s.today().Year()
	return practitioner.Schedule(f, fs, y-1, y, o.RegisteredOn, s.today()), nil
}

// OrgRecord is POST /to-chuc-hanh-nghe/bao-cao/so: an organisation signs
// in with its registration number and reporting code and sees the reports
// it filed and those it still owes, with their deadlines.
func (s *Screens) OrgRecord(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Public == nil {
		return apperr.ErrNotFound
	}
	sc, err := s.cfg.Public(r.Context())
	if err != nil {
		return err
	}
	o, err := s.cfg.Service.SignInOrg(r.Context(), sc, r.PostFormValue("reg_no"), r.PostFormValue("code"))
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		form := kit.FormOf(r.PostForm, err)
		form.Values.Del("code")
		return s.showOrgFiling(w, r, http.StatusUnprocessableEntity, &orgFilingPage{In: form})
	}
	if err != nil {
		return err
	}
	page := &orgFilingPage{Org: o, Own: true}
	if page.Schedule, err = s.orgSchedule(r, sc, o); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.showOrgFiling(w, r, http.StatusOK, page)
}
