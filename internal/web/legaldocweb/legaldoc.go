// Package legaldocweb is the legal normative documents register's area of
// the back office, its API and its public page: the province's law book
// with validity computed from the relations, search without diacritics,
// drafts for appraisal and opinion with their deadlines, the appraisal
// report, checks, reviews with the yearly lists, and the figures with
// drill-down and the report form. Its routes are listed in web/routes.go.
package legaldocweb

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/legaldoc"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Templates are the register's pages.
//
//go:embed templates/*.html
var Templates embed.FS

// Config is what the screens need.
type Config struct {
	Service *legaldoc.Service
	// Scope is where the signed-in officer keeps the register (the
	// department's tenant; a commune officer reads their province's book).
	Scope func(ctx context.Context, p *auth.Principal) (legaldoc.Scope, error)
	// Public is the law book the public page shows (the portal's tenant).
	Public func(ctx context.Context) (legaldoc.Scope, error)
	// Agency is the letterhead of the department's documents.
	Agency func(ctx context.Context, tenantID string) (render.Agency, error)
	// CommuneName names a commune ("Phường Sa Đéc").
	CommuneName func(code string) string
	Now         func() time.Time
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
	if cfg.CommuneName == nil {
		cfg.CommuneName = func(c string) string { return c }
	}
	return &Screens{k: k, cfg: cfg}
}

func (s *Screens) scope(r *http.Request) (legaldoc.Scope, error) {
	return s.cfg.Scope(r.Context(), kit.Principal(r.Context()))
}

func (s *Screens) actor(r *http.Request) legaldoc.Actor {
	a := s.k.Actor(r)
	return legaldoc.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

func (s *Screens) today() time.Time {
	n := s.cfg.Now().In(kit.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func canKeep(r *http.Request) bool { return kit.Principal(r.Context()).Can(auth.KeepLegalDocs) }

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
	if t == nil || t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

func dayOf(d calendar.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, ";", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// ---- Dashboard.

type dashboardPage struct {
	Period      kit.Period
	Report      legaldoc.Report
	Drafts      []kit.Figure
	Opinions    []kit.Figure
	Checks      []kit.Figure
	Book        []kit.Figure
	OnTime      string
	Deadlines   []deadline
	Exports     kit.Exports
	APIQuery    template.URL
	CanKeep     bool
	ListsDue    string
	ListsYear   int
	OnTimeCount int
	RuleLines   []ruleLine
}

type deadline struct {
	Task     legaldoc.Task
	DaysLeft int
	Overdue  int
	Owed     bool
	Late     bool
}

type ruleLine struct {
	Kind  legaldoc.Kind
	Limit legaldoc.TimeLimit
}

func (*dashboardPage) Title() string { return "Văn bản quy phạm pháp luật" }

func (s *Screens) figures(r *http.Request) (legaldoc.Scope, kit.Period, legaldoc.Report, error) {
	sc, err := s.scope(r)
	if err != nil {
		return sc, kit.Period{}, legaldoc.Report{}, err
	}
	per, err := kit.PickPeriod(r.URL.Query(), calendar.DateOf(s.cfg.Now()), "year")
	if err != nil {
		return sc, per, legaldoc.Report{}, err
	}
	per.Action = "/admin/van-ban"
	rep, err := s.cfg.Service.Figures(r.Context(), sc, legaldoc.Period{From: dayOf(per.From), To: dayOf(per.To)})
	return sc, per, rep, err
}

// Dashboard is GET /admin/van-ban.
func (s *Screens) Dashboard(w http.ResponseWriter, r *http.Request) error {
	sc, per, rep, err := s.figures(r)
	if err != nil {
		return err
	}
	drill := url.Values{"from": {dayOf(per.From).Format("2006-01-02")}, "to": {dayOf(per.To).Format("2006-01-02")}}
	href := func(base, k string) string {
		v := url.Values{"counted": {k}}
		for kk, vv := range drill {
			v[kk] = vv
		}
		return base + "?" + v.Encode()
	}
	d := "/admin/van-ban/du-thao"
	f := rep.Figures
	page := &dashboardPage{Period: per, Report: rep, CanKeep: canKeep(r), APIQuery: template.URL(drill.Encode()), OnTime: kit.Percent(f.OnTimeRate)}
	page.Drafts = []kit.Figure{
		{Label: "Dự thảo nhận thẩm định", Value: kit.Num(f.AppraisalReceived), Href: href(d, "appraisal_received")},
		{Label: "Dự thảo đã thẩm định", Value: kit.Num(f.AppraisalReported), Href: href(d, "appraisal_reported")},
		{Label: "Báo cáo gửi quá hạn", Value: kit.Num(f.AppraisalLate), Href: href(d, "appraisal_late"), Bad: f.AppraisalLate > 0},
		{Label: "Đang thẩm định cuối kỳ", Value: kit.Num(f.AppraisalOpen), Href: href(d, "appraisal_open")},
		{Label: "Đề nghị xây dựng nghị quyết đã thẩm định", Value: kit.Num(f.ProposalReported), Href: href(d, "proposal_reported")},
	}
	page.Opinions = []kit.Figure{{Label: "Dự thảo đã góp ý", Value: kit.Num(f.OpinionGiven), Href: href(d, "opinion_given")}}
	for _, o := range legaldoc.Origins {
		page.Opinions = append(page.Opinions, kit.Figure{Label: o.Name(), Value: kit.Num(f.ByOrigin[o])})
	}
	page.Checks = []kit.Figure{
		{Label: "Văn bản đã kiểm tra", Value: kit.Num(f.Checked), Href: href("/admin/van-ban/kiem-tra", "checked")},
		{Label: "Phát hiện trái pháp luật", Value: kit.Num(f.Unlawful), Href: href("/admin/van-ban/kiem-tra", "unlawful"), Bad: f.Unlawful > 0},
		{Label: "Đã xử lý xong", Value: kit.Num(f.CheckClosed)},
		{Label: "Văn bản được rà soát", Value: kit.Num(f.Reviewed), Href: "/admin/van-ban/ra-soat"},
	}
	page.Book = []kit.Figure{
		{Label: "Văn bản QPPL ban hành trong kỳ", Value: kit.Num(f.Issued), Href: href("/admin/van-ban/co-so-du-lieu", "issued")},
		{Label: "Của tỉnh", Value: kit.Num(f.IssuedProvince)},
		{Label: "Của cấp xã", Value: kit.Num(f.IssuedCommunes)},
	}
	for _, st := range legaldoc.Statuses {
		page.Book = append(page.Book, kit.Figure{Label: st.Name() + " (cuối kỳ)", Value: kit.Num(f.ByStatus[st])})
	}
	open, err := s.cfg.Service.Store.Tasks(r.Context(), sc.TenantID, legaldoc.TaskFilter{Open: true, Limit: 15})
	if err != nil {
		return err
	}
	for _, t := range open {
		n, owed := t.DaysLeft(s.today())
		page.Deadlines = append(page.Deadlines, deadline{Task: t, DaysLeft: n, Overdue: -n, Owed: owed, Late: t.Late(s.today())})
	}
	page.OnTimeCount = f.AppraisalReported - f.AppraisalLate
	for _, k := range legaldoc.Kinds {
		if p, ok := rep.Rules.Appraisal[k]; ok {
			page.RuleLines = append(page.RuleLines, ruleLine{k, p})
		}
	}
	page.ListsYear = s.today().Year() - 1
	page.ListsDue = legaldoc.ListsDue(s.cfg.Service.Rules, page.ListsYear).Format("02/01/2006")
	page.Exports = kit.Exports{Base: "/admin/van-ban/xuat/", Query: drill.Encode(), Formats: kit.SheetFormats}
	s.k.Page(w, r, http.StatusOK, "ld_dashboard", page)
	return nil
}

// Export is GET /admin/van-ban/xuat/{format}: the period's report as XLSX or PDF.
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
		a, err := s.cfg.Agency(r.Context(), sc.TenantID)
		if err != nil {
			return err
		}
		agency = a.FullName
	}
	return kit.SendSheet(w, r.PathValue("format"), "van-ban-qppl_"+per.From.String()+"_"+per.To.String(), render.LegalDocSheet(rep.Figures, agency))
}

// APIReport is GET /api/v1/legaldocs/report?from=&to=.
func (s *Screens) APIReport(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	from, err := parseDay("from", r.URL.Query().Get("from"))
	if err != nil {
		return err
	}
	to, err := parseDay("to", r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	if from == nil || to == nil || to.Before(*from) {
		return apperr.Field("to", "Cần from và to (YYYY-MM-DD), from không sau to.")
	}
	rep, err := s.cfg.Service.Figures(r.Context(), sc, legaldoc.Period{From: *from, To: *to})
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, ReportJSON(rep.Figures))
}

// ReportJSON is the figures as the API and `tuphap report lawdocs` give them.
func ReportJSON(f legaldoc.Figures) map[string]any {
	origins := map[string]int{}
	for k, v := range f.ByOrigin {
		origins[string(k)] = v
	}
	modes := map[string]int{}
	for k, v := range f.ByMode {
		modes[string(k)] = v
	}
	statuses := map[string]int{}
	for k, v := range f.ByStatus {
		statuses[string(k)] = v
	}
	verdicts := map[string]int{}
	for k, v := range f.ByVerdict {
		verdicts[string(k)] = v
	}
	var kinds []map[string]any
	for _, k := range f.ByKind {
		kinds = append(kinds, map[string]any{"kind": k.Kind, "issued": k.Issued, "in_force": k.InForce, "appraised": k.Appraised})
	}
	return map[string]any{
		"from": f.From, "to": f.To,
		"appraisal": map[string]any{"received": f.AppraisalReceived, "reported": f.AppraisalReported, "late": f.AppraisalLate,
			"open_at_end": f.AppraisalOpen, "on_time_rate": f.OnTimeRate, "proposals_reported": f.ProposalReported},
		"opinions":  map[string]any{"given": f.OpinionGiven, "by_origin": origins},
		"checks":    map[string]any{"checked": f.Checked, "unlawful": f.Unlawful, "closed": f.CheckClosed, "by_mode": modes},
		"review":    map[string]any{"reviewed": f.Reviewed, "by_verdict": verdicts},
		"documents": map[string]any{"issued": f.Issued, "issued_province": f.IssuedProvince, "issued_communes": f.IssuedCommunes, "by_kind": kinds, "by_status_at_end": statuses},
	}
}

// ---- The law book.

type docRow struct {
	Doc      legaldoc.Document
	Validity legaldoc.Validity
}

type docsPage struct {
	Rows    []docRow
	Pager   kit.Pager
	Q       url.Values
	Kinds   []legaldoc.Kind
	Counted string
	CanKeep bool
	Public  bool
}

func (p *docsPage) Title() string {
	if p.Public {
		return "Tra cứu văn bản quy phạm pháp luật của tỉnh"
	}
	return "Cơ sở dữ liệu văn bản quy phạm pháp luật"
}

func docFilter(q url.Values) (legaldoc.DocFilter, error) {
	f := legaldoc.DocFilter{Query: strings.TrimSpace(q.Get("q")), Kind: legaldoc.Kind(q.Get("kind")), CommuneCode: q.Get("cap")}
	if utf8.RuneCountInString(f.Query) > 200 {
		return f, apperr.Field("q", "Từ khóa tìm kiếm quá dài.")
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return f, apperr.Field("kind", "Loại văn bản không hợp lệ.")
	}
	if c := q.Get("counted"); c != "" {
		if c != "issued" {
			return f, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
		}
		from, err := parseDay("from", q.Get("from"))
		if err != nil {
			return f, err
		}
		to, err := parseDay("to", q.Get("to"))
		if err != nil {
			return f, err
		}
		if from == nil || to == nil {
			return f, apperr.Field("counted", "Chỉ tiêu cần kỳ báo cáo (from, to).")
		}
		f.Counted, f.In = c, legaldoc.Period{From: *from, To: *to}
	}
	return f, nil
}

func (s *Screens) rows(ctx context.Context, sc legaldoc.Scope, docs []legaldoc.Document) ([]docRow, error) {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	g, err := s.cfg.Service.Graph(ctx, sc, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]docRow, len(docs))
	for i, d := range docs {
		out[i] = docRow{Doc: d, Validity: g.ValidityOn(d.ID, s.today())}
	}
	return out, nil
}

func (s *Screens) docs(w http.ResponseWriter, r *http.Request, sc legaldoc.Scope, public bool) error {
	q := r.URL.Query()
	f, err := docFilter(q)
	if err != nil {
		return err
	}
	path := "/admin/van-ban/co-so-du-lieu"
	if public {
		path = "/van-ban"
	}
	pager := kit.PagerFrom(path, q, 20, 100)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	docs, err := s.cfg.Service.Store.Documents(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	docs = kit.Trim(&pager, docs)
	rows, err := s.rows(r.Context(), sc, docs)
	if err != nil {
		return err
	}
	page := &docsPage{Rows: rows, Pager: pager, Q: q, Kinds: legaldoc.Kinds, Counted: f.Counted, CanKeep: !public && canKeep(r), Public: public}
	s.k.Page(w, r, http.StatusOK, "ld_docs", page)
	return nil
}

// Documents is GET /admin/van-ban/co-so-du-lieu.
func (s *Screens) Documents(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.docs(w, r, sc, false)
}

// PublicDocuments is GET /van-ban: citizens search the province's law book.
func (s *Screens) PublicDocuments(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.cfg.Public(r.Context())
	if err != nil {
		return err
	}
	return s.docs(w, r, sc, true)
}

type relView struct {
	Rel   legaldoc.Relation
	Other legaldoc.Document
}

type docPage struct {
	Doc       legaldoc.Document
	New       bool
	Validity  legaldoc.Validity
	On        string
	Acting    []relView // relations acting on it
	Making    []relView // relations it makes
	Form      kit.Form
	RelForm   kit.Form
	Kinds     []legaldoc.Kind
	RelKinds  []legaldoc.RelationKind
	CanKeep   bool
	Public    bool
	Commune   string
	Paragraph []string
	// Officers see the document's checks and the review verdicts on it.
	Checks     []legaldoc.Check
	Reviews    []legaldoc.Review
	CheckModes []legaldoc.CheckMode
}

func (p *docPage) Title() string {
	if p.New {
		return "Thêm văn bản vào cơ sở dữ liệu"
	}
	return p.Doc.Kind.Title() + " " + p.Doc.Number
}

// Value is a field of the document form.
func (p *docPage) Value(field string) string {
	if p.Form.Values != nil {
		return p.Form.Value(field)
	}
	d := p.Doc
	switch field {
	case "kind":
		return string(d.Kind)
	case "number":
		return d.Number
	case "title":
		return d.Title
	case "issuer":
		return d.Issuer
	case "commune_code":
		return d.CommuneCode
	case "signer":
		return d.Signer
	case "signed_on":
		return vnDay(&d.SignedOn)
	case "published_on":
		return vnDay(d.PublishedOn)
	case "in_force_on":
		return vnDay(&d.InForceOn)
	case "ends_on":
		return vnDay(d.EndsOn)
	case "gazette":
		return d.Gazette
	case "field":
		return d.Field
	case "body":
		return d.Body
	case "file":
		return d.File
	}
	return ""
}

func docFrom(r *http.Request) (legaldoc.Document, error) {
	if err := r.ParseForm(); err != nil {
		return legaldoc.Document{}, apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	d := legaldoc.Document{Kind: legaldoc.Kind(f.Get("kind")), Number: f.Get("number"), Title: f.Get("title"), Issuer: f.Get("issuer"),
		CommuneCode: f.Get("commune_code"), Signer: f.Get("signer"), Gazette: f.Get("gazette"), Field: f.Get("field"), Body: f.Get("body"), File: f.Get("file")}
	var errs apperr.FieldList
	for _, x := range []struct {
		name string
		dst  *time.Time
		opt  **time.Time
	}{{"signed_on", &d.SignedOn, nil}, {"in_force_on", &d.InForceOn, nil}, {"published_on", nil, &d.PublishedOn}, {"ends_on", nil, &d.EndsOn}} {
		t, err := parseDay(x.name, f.Get(x.name))
		if err != nil {
			errs.Merge(err)
			continue
		}
		if x.dst != nil && t != nil {
			*x.dst = *t
		}
		if x.opt != nil {
			*x.opt = t
		}
	}
	return d, errs.Err()
}

func (s *Screens) showDoc(w http.ResponseWriter, r *http.Request, code int, sc legaldoc.Scope, p *docPage, public bool) error {
	p.Kinds, p.RelKinds, p.Public = legaldoc.Kinds, legaldoc.RelationKinds, public
	p.CanKeep = !public && canKeep(r)
	if !p.New {
		on := s.today()
		if v := r.URL.Query().Get("ngay"); v != "" {
			t, err := parseDay("ngay", v)
			if err != nil {
				return err
			}
			if t != nil {
				on = *t
			}
		}
		p.On = on.Format("02/01/2006")
		g, err := s.cfg.Service.Graph(r.Context(), sc, p.Doc.ID)
		if err != nil {
			return err
		}
		p.Validity = g.ValidityOn(p.Doc.ID, on)
		for _, rel := range g.On(p.Doc.ID) {
			p.Acting = append(p.Acting, relView{rel, g.Docs[rel.SourceID]})
		}
		for _, rel := range g.From(p.Doc.ID) {
			p.Making = append(p.Making, relView{rel, g.Docs[rel.TargetID]})
		}
		if p.Doc.CommuneCode != "" {
			p.Commune = s.cfg.CommuneName(p.Doc.CommuneCode)
		}
		p.Paragraph = strings.Split(p.Doc.Body, "\n")
		if !public {
			p.CheckModes = legaldoc.CheckModes
			if p.Checks, err = s.cfg.Service.Store.Checks(r.Context(), sc.TenantID, legaldoc.CheckFilter{DocumentID: p.Doc.ID, Limit: 50}); err != nil {
				return err
			}
			if p.Reviews, err = s.cfg.Service.Store.ReviewsOf(r.Context(), sc.TenantID, p.Doc.ID); err != nil {
				return err
			}
		}
	}
	s.k.Page(w, r, code, "ld_doc", p)
	return nil
}

// NewDocument is GET /admin/van-ban/co-so-du-lieu/moi.
func (s *Screens) NewDocument(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showDoc(w, r, http.StatusOK, sc, &docPage{New: true}, false)
}

// CreateDocument is POST /admin/van-ban/co-so-du-lieu/moi.
func (s *Screens) CreateDocument(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	d, err := docFrom(r)
	if err == nil {
		d, err = s.cfg.Service.SaveDocument(r.Context(), s.actor(r), sc, d)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showDoc(w, r, http.StatusUnprocessableEntity, sc, &docPage{New: true, Doc: d, Form: kit.FormOf(r.PostForm, err)}, false)
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/co-so-du-lieu/"+d.ID, "legaldoc-saved")
}

// Document is GET /admin/van-ban/co-so-du-lieu/{id}.
func (s *Screens) Document(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	d, err := s.cfg.Service.Store.Document(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy văn bản.")
	}
	return s.showDoc(w, r, http.StatusOK, sc, &docPage{Doc: d}, false)
}

// PublicDocument is GET /van-ban/{id}.
func (s *Screens) PublicDocument(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.cfg.Public(r.Context())
	if err != nil {
		return err
	}
	d, err := s.cfg.Service.Store.Document(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy văn bản.")
	}
	return s.showDoc(w, r, http.StatusOK, sc, &docPage{Doc: d}, true)
}

// UpdateDocument is POST /admin/van-ban/co-so-du-lieu/{id}.
func (s *Screens) UpdateDocument(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	old, err := s.cfg.Service.Store.Document(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy văn bản.")
	}
	d, err := docFrom(r)
	d.ID = old.ID
	if err == nil {
		d, err = s.cfg.Service.SaveDocument(r.Context(), s.actor(r), sc, d)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showDoc(w, r, http.StatusUnprocessableEntity, sc, &docPage{Doc: old, Form: kit.FormOf(r.PostForm, err)}, false)
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/co-so-du-lieu/"+d.ID, "legaldoc-saved")
}

// Relate is POST /admin/van-ban/co-so-du-lieu/{id}/tac-dong: this document
// acts on another, found by its number (and issuer when several).
func (s *Screens) Relate(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	src, err := s.cfg.Service.Store.Document(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy văn bản.")
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	rel := legaldoc.Relation{Kind: legaldoc.RelationKind(f.Get("kind")), SourceID: src.ID, Articles: lines(f.Get("articles")), Note: f.Get("note")}
	err = func() error {
		on, err := parseDay("effective_on", f.Get("effective_on"))
		if err != nil {
			return err
		}
		if on != nil {
			rel.EffectiveOn = *on
		}
		number := strings.TrimSpace(f.Get("target"))
		if number == "" {
			return apperr.Field("target", "Nhập số, ký hiệu văn bản bị tác động.")
		}
		found, err := s.cfg.Service.Store.Documents(r.Context(), sc.TenantID, legaldoc.DocFilter{Query: number, Limit: 20})
		if err != nil {
			return err
		}
		var match []legaldoc.Document
		for _, d := range found {
			if strings.EqualFold(d.Number, number) && (f.Get("target_issuer") == "" || d.Issuer == f.Get("target_issuer")) {
				match = append(match, d)
			}
		}
		switch len(match) {
		case 0:
			return apperr.Field("target", "Không tìm thấy văn bản số "+number+" trong cơ sở dữ liệu.")
		case 1:
			rel.TargetID = match[0].ID
		default:
			return apperr.Field("target", "Có nhiều văn bản số "+number+"; ghi thêm cơ quan ban hành.")
		}
		_, err = s.cfg.Service.Relate(r.Context(), s.actor(r), sc, rel)
		return err
	}()
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showDoc(w, r, http.StatusUnprocessableEntity, sc, &docPage{Doc: src, RelForm: kit.FormOf(r.PostForm, err)}, false)
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/co-so-du-lieu/"+src.ID, "legaldoc-related")
}

// Unrelate is POST /admin/van-ban/co-so-du-lieu/{id}/tac-dong/{rid}/xoa.
func (s *Screens) Unrelate(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := s.cfg.Service.Unrelate(r.Context(), s.actor(r), sc, id, r.PathValue("rid")); err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy quan hệ.")
	}
	return s.k.Redirect(w, r, "/admin/van-ban/co-so-du-lieu/"+id, "legaldoc-saved")
}

// APIDocuments is GET /api/v1/legaldocs/documents?q=&kind=&limit=.
func (s *Screens) APIDocuments(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := docFilter(q)
	if err != nil {
		return err
	}
	f.Limit = 50
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 && n <= 200 {
		f.Limit = n
	}
	f.Offset, _ = strconv.Atoi(q.Get("offset"))
	if f.Offset < 0 {
		f.Offset = 0
	}
	docs, err := s.cfg.Service.Store.Documents(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	rows, err := s.rows(r.Context(), sc, docs)
	if err != nil {
		return err
	}
	out := make([]map[string]any, len(rows))
	for i, x := range rows {
		out[i] = docJSON(x.Doc, x.Validity)
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"documents": out})
}

// APIDocument is GET /api/v1/legaldocs/documents/{id}: the document, its
// validity today (or on ?on=YYYY-MM-DD) and its relations.
func (s *Screens) APIDocument(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	d, err := s.cfg.Service.Store.Document(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy văn bản.")
	}
	on := s.today()
	if t, err := parseDay("on", r.URL.Query().Get("on")); err != nil {
		return err
	} else if t != nil {
		on = *t
	}
	g, err := s.cfg.Service.Graph(r.Context(), sc, d.ID)
	if err != nil {
		return err
	}
	out := docJSON(d, g.ValidityOn(d.ID, on))
	out["body"] = d.Body
	rels := []map[string]any{}
	for _, x := range append(g.On(d.ID), g.From(d.ID)...) {
		rels = append(rels, map[string]any{"id": x.ID, "kind": x.Kind, "source_id": x.SourceID, "source_number": g.Docs[x.SourceID].Number,
			"target_id": x.TargetID, "target_number": g.Docs[x.TargetID].Number, "articles": x.Articles, "effective_on": x.EffectiveOn.Format("2006-01-02")})
	}
	out["relations"] = rels
	out["validity_on"] = on.Format("2006-01-02")
	return kit.WriteJSON(w, http.StatusOK, out)
}

func docJSON(d legaldoc.Document, v legaldoc.Validity) map[string]any {
	m := map[string]any{"id": d.ID, "kind": d.Kind, "number": d.Number, "title": d.Title, "issuer": d.Issuer, "commune_code": d.CommuneCode,
		"signed_on": d.SignedOn.Format("2006-01-02"), "in_force_on": d.InForceOn.Format("2006-01-02"), "gazette": d.Gazette, "field": d.Field,
		"validity": map[string]any{"status": v.Status, "name": v.Status.Name(), "expired_parts": v.Expired, "suspended_parts": v.Suspended}}
	if !v.Since.IsZero() {
		m["validity"].(map[string]any)["since"] = v.Since.Format("2006-01-02")
	}
	return m
}

// ---- Drafts.

type tasksPage struct {
	Tasks   []legaldoc.Task
	Pager   kit.Pager
	Q       url.Values
	Types   []legaldoc.TaskType
	Counted string
	Label   string
	CanKeep bool
	Today   time.Time
}

func (*tasksPage) Title() string { return "Thẩm định, góp ý dự thảo" }

func taskFilter(q url.Values) (legaldoc.TaskFilter, error) {
	f := legaldoc.TaskFilter{Type: legaldoc.TaskType(q.Get("type")), Open: q.Get("open") == "1", Query: strings.TrimSpace(q.Get("q"))}
	if f.Type != "" && !f.Type.Valid() {
		return f, apperr.Field("type", "Loại việc không hợp lệ.")
	}
	if c := q.Get("counted"); c != "" {
		if _, ok := legaldoc.Counted[c]; !ok || c == "issued" || c == "checked" || c == "unlawful" {
			return f, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
		}
		from, err := parseDay("from", q.Get("from"))
		if err != nil {
			return f, err
		}
		to, err := parseDay("to", q.Get("to"))
		if err != nil {
			return f, err
		}
		if from == nil || to == nil {
			return f, apperr.Field("counted", "Chỉ tiêu cần kỳ báo cáo (from, to).")
		}
		f.Counted, f.In = c, legaldoc.Period{From: *from, To: *to}
	}
	return f, nil
}

// Tasks is GET /admin/van-ban/du-thao.
func (s *Screens) Tasks(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := taskFilter(q)
	if err != nil {
		return err
	}
	pager := kit.PagerFrom("/admin/van-ban/du-thao", q, 50, 200)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	ts, err := s.cfg.Service.Store.Tasks(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	ts = kit.Trim(&pager, ts)
	s.k.Page(w, r, http.StatusOK, "ld_tasks", &tasksPage{Tasks: ts, Pager: pager, Q: q, Types: legaldoc.TaskTypes, Counted: f.Counted,
		Label: legaldoc.Counted[f.Counted], CanKeep: canKeep(r), Today: s.today()})
	return nil
}

// APITasks is GET /api/v1/legaldocs/drafts?open=1&type=.
func (s *Screens) APITasks(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	f, err := taskFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.Limit = 200
	ts, err := s.cfg.Service.Store.Tasks(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	out := make([]map[string]any, len(ts))
	for i, t := range ts {
		out[i] = map[string]any{"id": t.ID, "type": t.Type, "draft_kind": t.DraftKind, "origin": t.Origin, "title": t.Title, "agency": t.Agency,
			"received_on": t.ReceivedOn.Format("2006-01-02"), "complete_on": vnISO(t.CompleteOn), "due_on": vnISO(t.DueOn),
			"report_no": t.ReportNo, "report_on": vnISO(t.ReportOn), "stage": t.Stage(), "late": t.Late(s.today())}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"drafts": out})
}

func vnISO(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

type taskPage struct {
	Task     legaldoc.Task
	New      bool
	Form     kit.Form
	Types    []legaldoc.TaskType
	Kinds    []legaldoc.Kind
	Origins  []legaldoc.Origin
	CanKeep  bool
	Late     bool
	DaysLeft int
	Owed     bool
	Rule     legaldoc.TimeLimit
	HasRule  bool
	Draft    string
	Document legaldoc.Document
}

func (p *taskPage) Title() string {
	if p.New {
		return "Tiếp nhận dự thảo"
	}
	return p.Task.Type.Name()
}

// Value is a field of the receive form.
func (p *taskPage) Value(field string) string {
	if p.Form.Values != nil {
		return p.Form.Value(field)
	}
	t := p.Task
	switch field {
	case "type":
		return string(t.Type)
	case "draft_kind":
		return string(t.DraftKind)
	case "origin":
		return string(t.Origin)
	case "title":
		return t.Title
	case "agency":
		return t.Agency
	case "request_no":
		return t.RequestNo
	case "received_on":
		return vnDay(&t.ReceivedOn)
	case "due_on":
		return vnDay(t.DueOn)
	case "findings":
		return t.Findings
	case "conclusion":
		return t.Conclusion
	case "report_no":
		return t.ReportNo
	case "assigned_to":
		return t.AssignedTo
	case "council_note":
		return t.CouncilNote
	}
	return ""
}

func (s *Screens) showTask(w http.ResponseWriter, r *http.Request, code int, sc legaldoc.Scope, p *taskPage) error {
	p.Types, p.Kinds, p.Origins, p.CanKeep = legaldoc.TaskTypes, []legaldoc.Kind{legaldoc.KindCouncilResolution, legaldoc.KindPCDecision, legaldoc.KindChairmanDecision}, legaldoc.Origins, canKeep(r)
	if p.New && p.Form.Values == nil && p.Task.ReceivedOn.IsZero() {
		p.Task.ReceivedOn = s.today()
	}
	if !p.New {
		p.Late = p.Task.Late(s.today())
		p.DaysLeft, p.Owed = p.Task.DaysLeft(s.today())
		if p.Task.CompleteOn != nil {
			_, p.Rule, p.HasRule = s.cfg.Service.DueFor(p.Task, *p.Task.CompleteOn)
		} else if p.Task.Type != legaldoc.TaskOpinion {
			_, p.Rule, p.HasRule = s.cfg.Service.DueFor(p.Task, s.today())
		}
		agency := "Sở Tư pháp"
		if s.cfg.Agency != nil {
			if a, err := s.cfg.Agency(r.Context(), sc.TenantID); err == nil && a.FullName != "" {
				agency = a.FullName
			}
		}
		p.Draft = legaldoc.ReportDraft(p.Task, agency)
		if p.Task.DocumentID != "" {
			p.Document, _ = s.cfg.Service.Store.Document(r.Context(), sc.TenantID, p.Task.DocumentID)
		}
	}
	s.k.Page(w, r, code, "ld_task", p)
	return nil
}

// NewTask is GET /admin/van-ban/du-thao/moi.
func (s *Screens) NewTask(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	t := legaldoc.Task{Type: legaldoc.TaskType(r.URL.Query().Get("type"))}
	if !t.Type.Valid() {
		t.Type = legaldoc.TaskAppraisal
	}
	return s.showTask(w, r, http.StatusOK, sc, &taskPage{New: true, Task: t})
}

// CreateTask is POST /admin/van-ban/du-thao/moi.
func (s *Screens) CreateTask(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	t := legaldoc.Task{Type: legaldoc.TaskType(f.Get("type")), DraftKind: legaldoc.Kind(f.Get("draft_kind")), Origin: legaldoc.Origin(f.Get("origin")),
		Title: f.Get("title"), Agency: f.Get("agency"), RequestNo: f.Get("request_no")}
	err = func() error {
		var errs apperr.FieldList
		rec, err := parseDay("received_on", f.Get("received_on"))
		errs.Merge(err)
		if rec != nil {
			t.ReceivedOn = *rec
		}
		due, err := parseDay("due_on", f.Get("due_on"))
		errs.Merge(err)
		t.DueOn = due
		if err := errs.Err(); err != nil {
			return err
		}
		t, err = s.cfg.Service.Receive(r.Context(), s.actor(r), sc, t)
		return err
	}()
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showTask(w, r, http.StatusUnprocessableEntity, sc, &taskPage{New: true, Task: t, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/du-thao/"+t.ID, "legaldoc-received")
}

// Task is GET /admin/van-ban/du-thao/{id}.
func (s *Screens) Task(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	t, err := s.cfg.Service.Store.Task(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy dự thảo.")
	}
	return s.showTask(w, r, http.StatusOK, sc, &taskPage{Task: t})
}

// AdvanceTask is POST /admin/van-ban/du-thao/{id}/{action}.
func (s *Screens) AdvanceTask(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	t, err := s.cfg.Service.Store.Task(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy dự thảo.")
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	action := map[string]string{"bo-sung": "incomplete", "day-du": "complete", "phan-cong": "assign", "bao-cao": "report", "tiep-thu": "response", "van-ban": "link"}[r.PathValue("action")]
	if action == "" {
		return apperr.New(apperr.NotFound, "Không có thao tác này.")
	}
	st := legaldoc.TaskStep{Action: action, Missing: f.Get("missing"), AssignedTo: f.Get("assigned_to"), Council: f.Get("council") == "1",
		CouncilNote: f.Get("council_note"), Findings: f.Get("findings"), Conclusion: f.Get("conclusion"), ReportNo: f.Get("report_no"),
		Response: f.Get("response"), DocumentID: f.Get("document_id")}
	on, err := parseDay("on", f.Get("on"))
	if err == nil {
		st.On = on
		_, err = s.cfg.Service.Advance(r.Context(), s.actor(r), sc, t.ID, st)
	}
	if e := kit.UserError(err); e != nil && (e.Code == apperr.Invalid || e.Code == apperr.NotFound && action == "link") {
		return s.showTask(w, r, http.StatusUnprocessableEntity, sc, &taskPage{Task: t, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/du-thao/"+t.ID, "legaldoc-saved")
}

// ReportPDF is GET /admin/van-ban/du-thao/{id}/bao-cao.pdf: the appraisal
// report (or opinion) drafted from the template, on the letterhead.
func (s *Screens) ReportPDF(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	t, err := s.cfg.Service.Store.Task(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy dự thảo.")
	}
	var ag render.Agency
	if s.cfg.Agency != nil {
		if ag, err = s.cfg.Agency(r.Context(), sc.TenantID); err != nil {
			return err
		}
	}
	title := "BÁO CÁO THẨM ĐỊNH"
	if t.Type == legaldoc.TaskOpinion {
		title = "Ý KIẾN GÓP Ý DỰ THẢO"
	}
	at := s.today()
	if t.ReportOn != nil {
		at = *t.ReportOn
	}
	draft := legaldoc.ReportDraft(t, ag.FullName)
	// The template's first lines are the letterhead and title the PDF draws itself.
	body := draft
	if i := strings.Index(draft, "Kính gửi:"); i >= 0 {
		body = draft[i:]
	}
	var paras []string
	for _, l := range strings.Split(body, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			paras = append(paras, l)
		}
	}
	pdf, err := render.NoticePDF(render.Notice{Agency: ag, Number: t.ReportNo, At: at, Title: title, Subtitle: t.Title, Paragraphs: paras, SignerTitle: "GIÁM ĐỐC"})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="bao-cao-tham-dinh.pdf"`)
	_, err = w.Write(pdf)
	return err
}

// ---- Checks.

type checksPage struct {
	Checks  []legaldoc.Check
	Pager   kit.Pager
	Q       url.Values
	Modes   []legaldoc.CheckMode
	Counted string
	Label   string
	CanKeep bool
	Form    kit.Form
}

func (*checksPage) Title() string { return "Kiểm tra văn bản quy phạm pháp luật" }

// Checks is GET /admin/van-ban/kiem-tra.
func (s *Screens) Checks(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showChecks(w, r, http.StatusOK, sc, kit.Form{})
}

func (s *Screens) showChecks(w http.ResponseWriter, r *http.Request, code int, sc legaldoc.Scope, form kit.Form) error {
	q := r.URL.Query()
	f := legaldoc.CheckFilter{Mode: legaldoc.CheckMode(q.Get("mode"))}
	if f.Mode != "" && !f.Mode.Valid() {
		return apperr.Field("mode", "Hình thức kiểm tra không hợp lệ.")
	}
	if c := q.Get("counted"); c != "" {
		if c != "checked" && c != "unlawful" {
			return apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
		}
		from, err := parseDay("from", q.Get("from"))
		if err != nil {
			return err
		}
		to, err := parseDay("to", q.Get("to"))
		if err != nil {
			return err
		}
		if from == nil || to == nil {
			return apperr.Field("counted", "Chỉ tiêu cần kỳ báo cáo (from, to).")
		}
		f.Counted, f.In = c, legaldoc.Period{From: *from, To: *to}
	}
	pager := kit.PagerFrom("/admin/van-ban/kiem-tra", q, 50, 200)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	cs, err := s.cfg.Service.Store.Checks(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	cs = kit.Trim(&pager, cs)
	s.k.Page(w, r, code, "ld_checks", &checksPage{Checks: cs, Pager: pager, Q: q, Modes: legaldoc.CheckModes, Counted: f.Counted,
		Label: legaldoc.Counted[f.Counted], CanKeep: canKeep(r), Form: form})
	return nil
}

// CreateCheck is POST /admin/van-ban/kiem-tra.
func (s *Screens) CreateCheck(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	c := legaldoc.Check{Mode: legaldoc.CheckMode(f.Get("mode")), DocNumber: f.Get("doc_number"), DocTitle: f.Get("doc_title"), Issuer: f.Get("issuer"),
		DocumentID: strings.TrimSpace(f.Get("document_id"))}
	if c.DocumentID == "" && strings.TrimSpace(c.DocNumber) != "" {
		// A document already in the law book is linked by its number, so
		// that its page lists the check.
		if d, err := s.findByNumber(r, sc, c.DocNumber); err == nil {
			c.DocumentID = d.ID
		} else if e := kit.UserError(err); e == nil || e.Code != apperr.Invalid {
			return err
		}
	}
	rec, err := parseDay("received_on", f.Get("received_on"))
	if err == nil {
		if rec != nil {
			c.ReceivedOn = *rec
		}
		c, err = s.cfg.Service.OpenCheck(r.Context(), s.actor(r), sc, c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showChecks(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/kiem-tra/"+c.ID, "legaldoc-saved")
}

type checkPage struct {
	Check   legaldoc.Check
	Form    kit.Form
	CanKeep bool
}

func (p *checkPage) Title() string { return "Kiểm tra văn bản " + p.Check.DocNumber }

// Check is GET /admin/van-ban/kiem-tra/{id}.
func (s *Screens) Check(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	c, err := s.cfg.Service.Store.Check(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy việc kiểm tra.")
	}
	s.k.Page(w, r, http.StatusOK, "ld_check", &checkPage{Check: c, CanKeep: canKeep(r)})
	return nil
}

// AdvanceCheck is POST /admin/van-ban/kiem-tra/{id}/{action}.
func (s *Screens) AdvanceCheck(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	c, err := s.cfg.Service.Store.Check(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy việc kiểm tra.")
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	action := map[string]string{"ket-qua": "result", "tra-loi": "response", "ket-thuc": "close"}[r.PathValue("action")]
	if action == "" {
		return apperr.New(apperr.NotFound, "Không có thao tác này.")
	}
	st := legaldoc.CheckStep{Action: action, Proposed: f.Get("proposed"), NoticeNo: f.Get("notice_no"), Response: f.Get("response"), Outcome: f.Get("outcome")}
	arts, contents, bases := f["article"], f["content"], f["basis"]
	for i := range arts {
		fd := legaldoc.Finding{Article: arts[i]}
		if i < len(contents) {
			fd.Content = contents[i]
		}
		if i < len(bases) {
			fd.Basis = bases[i]
		}
		st.Findings = append(st.Findings, fd)
	}
	on, err := parseDay("on", f.Get("on"))
	if err == nil {
		st.On = on
		_, err = s.cfg.Service.AdvanceCheck(r.Context(), s.actor(r), sc, c.ID, st)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		s.k.Page(w, r, http.StatusUnprocessableEntity, "ld_check", &checkPage{Check: c, CanKeep: canKeep(r), Form: kit.FormOf(r.PostForm, err)})
		return nil
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/kiem-tra/"+c.ID, "legaldoc-saved")
}

// ---- Review and the yearly lists.

type reviewsPage struct {
	Reviews   []legaldoc.Review
	Year      int
	Expired   []legaldoc.Listed
	Partly    []legaldoc.Listed
	Suspended []legaldoc.Listed
	ListsDue  string
	CycleFrom int
	CycleTo   int
	CutOff    string
	Kinds     []legaldoc.ReviewKind
	CanKeep   bool
	Form      kit.Form
	Rules     legaldoc.Rules
}

func (*reviewsPage) Title() string { return "Rà soát, hệ thống hóa văn bản" }

type listSection struct {
	Label string
	Items []legaldoc.Listed
}

// Sections are the three yearly lists.
func (p *reviewsPage) Sections() []listSection {
	return []listSection{{"Hết hiệu lực toàn bộ", p.Expired}, {"Hết hiệu lực một phần", p.Partly}, {"Ngưng hiệu lực toàn bộ hoặc một phần", p.Suspended}}
}

// Reviews is GET /admin/van-ban/ra-soat?nam=YYYY.
func (s *Screens) Reviews(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showReviews(w, r, http.StatusOK, sc, kit.Form{})
}

func (s *Screens) showReviews(w http.ResponseWriter, r *http.Request, code int, sc legaldoc.Scope, form kit.Form) error {
	year := s.today().Year() - 1
	if v := r.URL.Query().Get("nam"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1990 || y > s.today().Year() {
			return apperr.Field("nam", "Năm không hợp lệ.")
		}
		year = y
	}
	rs, err := s.cfg.Service.Store.Reviews(r.Context(), sc.TenantID)
	if err != nil {
		return err
	}
	e, p, su, err := s.cfg.Service.Lists(r.Context(), sc, year)
	if err != nil {
		return err
	}
	first, last, cut := legaldoc.Cycle(s.cfg.Service.Rules, s.today().Year())
	s.k.Page(w, r, code, "ld_reviews", &reviewsPage{Reviews: rs, Year: year, Expired: e, Partly: p, Suspended: su,
		ListsDue: legaldoc.ListsDue(s.cfg.Service.Rules, year).Format("02/01/2006"), CycleFrom: first, CycleTo: last, CutOff: cut.Format("02/01/2006"),
		Kinds: legaldoc.ReviewKinds, CanKeep: canKeep(r), Form: form, Rules: s.cfg.Service.RulesOn(s.today())})
	return nil
}

// CreateReview is POST /admin/van-ban/ra-soat.
func (s *Screens) CreateReview(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	rv := legaldoc.Review{Kind: legaldoc.ReviewKind(f.Get("kind")), Title: f.Get("title")}
	err = func() error {
		st, err := parseDay("started_on", f.Get("started_on"))
		if err != nil {
			return err
		}
		if st != nil {
			rv.StartedOn = *st
		}
		if rv.FinishedOn, err = parseDay("finished_on", f.Get("finished_on")); err != nil {
			return err
		}
		_, err = s.cfg.Service.SaveReview(r.Context(), s.actor(r), sc, rv)
		return err
	}()
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showReviews(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/ra-soat", "legaldoc-saved")
}
