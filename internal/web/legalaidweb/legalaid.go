// Package legalaidweb is the state legal-aid register's area of the back
// office and its API: the centre's figures with drill-down and the printed
// report, the case book from request to quality review, and the providers
// with their dates. Its routes are listed in web/routes.go; its handlers
// hold only their own service.
package legalaidweb

import (
	"context"
	"embed"
	"encoding/json"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/legalaid"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Templates are the register's pages.
//
//go:embed templates/*.html
var Templates embed.FS

// Config is what the screens need.
type Config struct {
	Service *legalaid.Service
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

const base = "/admin/tro-giup-phap-ly"

func (s *Screens) tenant(r *http.Request) (string, error) {
	p := kit.Principal(r.Context())
	if p == nil {
		return "", apperr.New(apperr.Unauthorized, "Vui lòng đăng nhập.")
	}
	return p.TenantID, nil
}

func (s *Screens) actor(r *http.Request) legalaid.Actor {
	a := s.k.Actor(r)
	return legalaid.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

func (s *Screens) today() time.Time {
	n := s.cfg.Now().In(kit.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
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

// dayOr reads a required day, today when empty.
func (s *Screens) dayOr(field, v string) (time.Time, error) {
	d, err := parseDay(field, v)
	if err != nil || d == nil {
		return s.today(), err
	}
	return *d, nil
}

func dayOf(d calendar.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// ---- Dashboard.

type dashboardPage struct {
	Period    kit.Period
	Report    legalaid.Report
	Units     []legalaid.Unit
	Unit      string
	Figures   []kit.Figure
	Quality   []kit.Figure
	Rate      string
	Forms     []legalaid.Form
	Fields    []legalaid.Field
	Groups    []string
	CanBook   bool
	CanKeep   bool
	ListQuery template.URL
	APIQuery  template.URL
	Exports   kit.Exports
	Providers []providerCount
}

type providerCount struct {
	Kind legalaid.ProviderKind
	N    int
}

func (*dashboardPage) Title() string { return "Trợ giúp pháp lý" }

// GroupName names an eligibility group.
func (*dashboardPage) GroupName(code string) string { return legalaid.GroupName(code) }

// Cell is a form × field count of the accepted cases.
func (p *dashboardPage) Cell(f legalaid.Form, fl legalaid.Field) int {
	n := 0
	for _, b := range p.Report.Rows {
		if b.Form == f && b.Field == fl {
			n += b.Accepted
		}
	}
	return n
}

func (s *Screens) figures(r *http.Request) (string, kit.Period, legalaid.Report, error) {
	ten, err := s.tenant(r)
	if err != nil {
		return "", kit.Period{}, legalaid.Report{}, err
	}
	q := r.URL.Query()
	per, err := kit.PickPeriod(q, calendar.DateOf(s.cfg.Now()), "year")
	if err != nil {
		return ten, per, legalaid.Report{}, err
	}
	per.Action = base
	unit := strings.TrimSpace(q.Get("unit"))
	if unit != "" {
		per.Keep = url.Values{"unit": {unit}}
		if !legalaid.ValidUnitCode(unit) {
			return ten, per, legalaid.Report{}, apperr.Field("unit", "Đơn vị không hợp lệ.")
		}
	}
	rep, err := s.cfg.Service.Figures(r.Context(), ten, unit, legalaid.Period{From: dayOf(per.From), To: dayOf(per.To)})
	return ten, per, rep, err
}

// Dashboard is GET /admin/tro-giup-phap-ly.
func (s *Screens) Dashboard(w http.ResponseWriter, r *http.Request) error {
	ten, per, rep, err := s.figures(r)
	if err != nil {
		return err
	}
	units, err := s.cfg.Service.Store.Units(r.Context(), ten)
	if err != nil {
		return err
	}
	p := kit.Principal(r.Context())
	page := &dashboardPage{Period: per, Report: rep, Units: units, Unit: rep.Unit, CanBook: p.Can(auth.ViewLegalAid), CanKeep: p.Can(auth.KeepLegalAid),
		Forms: legalaid.Forms, Fields: legalaid.Fields, Groups: legalaid.GroupCodes()}
	drill := url.Values{"from": {rep.From}, "to": {rep.To}}
	if rep.Unit != "" {
		drill.Set("unit", rep.Unit)
	}
	page.Exports = kit.Exports{Base: base + "/xuat/", Query: drill.Encode(), Formats: kit.SheetFormats}
	page.ListQuery = template.URL(drill.Encode())
	page.APIQuery = template.URL(drill.Encode())
	href := func(k string) string {
		if !page.CanBook {
			return ""
		}
		v := url.Values{"counted": {k}}
		for kk, vv := range drill {
			v[kk] = vv
		}
		return base + "/vu-viec?" + v.Encode()
	}
	f := rep.Figures
	for _, k := range []string{"requests", "accepted", "carried_over", "refused", "in_progress", "closed", "ended_other", "proof_missing"} {
		page.Figures = append(page.Figures, kit.Figure{Label: legalaid.CountedLabels[k], Value: kit.Num(f.Get(k)), Href: href(k),
			Bad: k == "proof_missing" && f.ProofMissing > 0})
	}
	page.Figures = append(page.Figures, kit.Figure{Label: "Lượt người được trợ giúp (thụ lý mới)", Value: kit.Num(f.Persons)})
	for _, k := range []string{"assessed", "good", "meets", "fails"} {
		page.Quality = append(page.Quality, kit.Figure{Label: legalaid.CountedLabels[k], Value: kit.Num(f.Get(k)), Href: href(k), Bad: k == "fails" && f.Fails > 0})
	}
	page.Rate = kit.Percent(f.QualityRate)
	for _, k := range legalaid.ProviderKinds {
		page.Providers = append(page.Providers, providerCount{k, rep.Providers[k]})
	}
	s.k.Page(w, r, http.StatusOK, "la_dashboard", page)
	return nil
}

// Export is GET /admin/tro-giup-phap-ly/xuat/{format}.
func (s *Screens) Export(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	ten, per, rep, err := s.figures(r)
	if err != nil {
		return err
	}
	agency := ""
	if s.cfg.Agency != nil {
		if agency, err = s.cfg.Agency(r.Context(), ten); err != nil {
			return err
		}
	}
	name := "tro-giup-phap-ly_" + per.From.String() + "_" + per.To.String()
	return kit.SendSheet(w, r.PathValue("format"), name, render.LegalAidSheet(rep, agency))
}

// ---- The book.

type casesPage struct {
	Cases     []legalaid.Case
	Units     []legalaid.Unit
	Providers map[string]string
	Pager     kit.Pager
	Q         url.Values
	Counted   string
	Statuses  []legalaid.Status
	Forms     []legalaid.Form
	Fields    []legalaid.Field
	Groups    []string
	CanKeep   bool
	Missing   map[string]bool
	Overdue   map[string]bool
	// Persons is, when a report's "persons helped" drills here (counted
	// accepted, measure persons), the persons of the listed cases.
	Persons     int
	ShowPersons bool
}

func (*casesPage) Title() string { return "Sổ vụ việc trợ giúp pháp lý" }

// CountedLabel names the drill-down figure.
func (p *casesPage) CountedLabel() string { return legalaid.CountedLabels[p.Counted] }

func filterOf(q url.Values) (legalaid.CaseFilter, error) {
	f := legalaid.CaseFilter{Unit: q.Get("unit"), Status: legalaid.Status(q.Get("status")), Form: legalaid.Form(q.Get("form")),
		Field: legalaid.Field(q.Get("field")), Group: q.Get("group"), Provider: q.Get("provider"), Query: q.Get("q"), ProofMissing: q.Get("proof") == "missing"}
	var l apperr.FieldList
	if f.Status != "" && !f.Status.Valid() {
		l.Add("status", "Trạng thái không hợp lệ.")
	}
	if f.Form != "" && !f.Form.Valid() {
		l.Add("form", "Hình thức không hợp lệ.")
	}
	if f.Field != "" && !f.Field.Valid() {
		l.Add("field", "Lĩnh vực không hợp lệ.")
	}
	if len([]rune(f.Query)) > 100 {
		l.Add("q", "Từ khóa dài quá 100 ký tự.")
	}
	from, err := parseDay("from", q.Get("from"))
	l.Merge(err)
	to, err := parseDay("to", q.Get("to"))
	l.Merge(err)
	if c := q.Get("counted"); c != "" {
		if _, ok := legalaid.CountedLabels[c]; !ok {
			l.Add("counted", "Chỉ tiêu không hợp lệ.")
		} else if from == nil || to == nil {
			l.Add("counted", "Chỉ tiêu cần kỳ báo cáo (from, to).")
		} else {
			f.Counted, f.In = c, legalaid.Period{From: *from, To: *to}
		}
	} else {
		f.From, f.To = from, to
	}
	return f, l.Err()
}

// Cases is GET /admin/tro-giup-phap-ly/vu-viec.
func (s *Screens) Cases(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := filterOf(q)
	if err != nil {
		return err
	}
	pager := kit.PagerFrom(base+"/vu-viec", q, 50, 200)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	cs, err := s.cfg.Service.Store.Cases(r.Context(), ten, f)
	if err != nil {
		return err
	}
	cs = kit.Trim(&pager, cs)
	page := &casesPage{Cases: cs, Pager: pager, Q: q, Counted: f.Counted, Statuses: legalaid.Statuses, Forms: legalaid.Forms,
		Fields: legalaid.Fields, Groups: legalaid.GroupCodes(), CanKeep: kit.Principal(r.Context()).Can(auth.KeepLegalAid),
		Missing: map[string]bool{}, Overdue: map[string]bool{}}
	if page.Units, err = s.cfg.Service.Store.Units(r.Context(), ten); err != nil {
		return err
	}
	if page.Providers, err = s.providerNames(r.Context(), ten); err != nil {
		return err
	}
	for _, c := range cs {
		page.Missing[c.ID], page.Overdue[c.ID] = legalaid.ProofMissing(c, s.today())
	}
	switch q.Get("measure") {
	case "":
	case "persons":
		if f.Counted != "accepted" {
			return apperr.Field("measure", "Số lượt người chỉ tính trên vụ việc thụ lý mới trong kỳ.")
		}
		rep, err := s.cfg.Service.Figures(r.Context(), ten, f.Unit, f.In)
		if err != nil {
			return err
		}
		page.Persons, page.ShowPersons = rep.Figures.Persons, true
	default:
		return apperr.Field("measure", "Chỉ tiêu không hợp lệ.")
	}
	s.k.Page(w, r, http.StatusOK, "la_cases", page)
	return nil
}

func (s *Screens) providerNames(ctx context.Context, ten string) (map[string]string, error) {
	ps, err := s.cfg.Service.Store.Providers(ctx, ten)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, p := range ps {
		out[p.ID] = p.FullName
	}
	return out, nil
}

type casePage struct {
	Case      legalaid.Case
	New       bool
	Form      kit.Form
	Units     []legalaid.Unit
	Groups    []legalaid.Group
	GroupOn   string
	Group     legalaid.Group
	Providers []legalaid.Provider
	Provider  legalaid.Provider
	Events    []legalaid.Event
	Documents []legalaid.Document
	Channels  []legalaid.Channel
	Forms     []legalaid.Form
	Fields    []legalaid.Field
	Urgents   []legalaid.Urgent
	Results   []string
	Ratings   []string
	Methods   map[string]string
	CanKeep   bool
	Missing   bool
	Overdue   bool
	Payable   bool
	Today     string
}

func (p *casePage) Title() string {
	if p.New {
		return "Tiếp nhận yêu cầu trợ giúp pháp lý"
	}
	if p.Case.Code != "" {
		return "Vụ việc " + p.Case.Code
	}
	return "Yêu cầu " + p.Case.Ref
}

// Value is a field's value: what was sent, or the case's own.
func (p *casePage) Value(field string) string {
	if p.Form.Values != nil {
		return p.Form.Value(field)
	}
	c := p.Case
	switch field {
	case "unit_code":
		return c.UnitCode
	case "channel":
		return string(c.Channel)
	case "requested_on":
		if !c.RequestedOn.IsZero() {
			return c.RequestedOn.Format("02/01/2006")
		}
	case "group":
		return c.Group
	case "form":
		return string(c.Form)
	case "field":
		return string(c.Field)
	case "urgent":
		return string(c.Urgent)
	case "persons":
		if c.Persons > 0 {
			return strconv.Itoa(c.Persons)
		}
	}
	return ""
}

// RatingName, ResultName, GroupName and ProviderKind names for templates.
func (*casePage) RatingName(r string) string { return legalaid.RatingName(r) }
func (*casePage) ResultName(r string) string { return legalaid.ResultName(r) }
func (*casePage) GroupName(c string) string  { return legalaid.GroupName(c) }

func (s *Screens) showCase(w http.ResponseWriter, r *http.Request, code int, ten string, page *casePage) error {
	ctx := r.Context()
	var err error
	if page.Units, err = s.cfg.Service.Store.Units(ctx, ten); err != nil {
		return err
	}
	if page.Providers, err = s.cfg.Service.Store.Providers(ctx, ten); err != nil {
		return err
	}
	day := s.today()
	if !page.Case.RequestedOn.IsZero() {
		day = page.Case.RequestedOn
	}
	if v := page.Form.Value("requested_on"); page.Form.Values != nil && v != "" {
		if d, err := parseDay("requested_on", v); err == nil && d != nil {
			day = *d
		}
	}
	page.Groups, page.GroupOn = legalaid.GroupsOn(day), day.Format("02/01/2006")
	page.Channels, page.Forms, page.Fields, page.Urgents = legalaid.Channels, legalaid.Forms, legalaid.Fields, legalaid.Urgents
	page.Results, page.Ratings, page.Methods = legalaid.Results, legalaid.AssessRatings, legalaid.AssessMethods
	page.CanKeep = kit.Principal(ctx).Can(auth.KeepLegalAid)
	page.Today = s.today().Format("02/01/2006")
	if !page.New {
		c := page.Case
		page.Group, _ = legalaid.GroupOn(c.Group, c.RequestedOn)
		for _, p := range page.Providers {
			if p.ID == c.ProviderID {
				page.Provider = p
			}
		}
		if page.Events, err = s.cfg.Service.Store.Events(ctx, ten, c.ID); err != nil {
			return err
		}
		if page.Documents, err = s.cfg.Service.Store.Documents(ctx, ten, c.ID); err != nil {
			return err
		}
		page.Missing, page.Overdue = legalaid.ProofMissing(c, s.today())
		page.Payable = page.Provider.ID != "" && legalaid.PaymentAllowed(c, page.Provider) == ""
	}
	s.k.Page(w, r, code, "la_case", page)
	return nil
}

// NewCase is GET /admin/tro-giup-phap-ly/vu-viec/moi.
func (s *Screens) NewCase(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	return s.showCase(w, r, http.StatusOK, ten, &casePage{New: true, Case: legalaid.Case{RequestedOn: s.today(), UnitCode: "TT",
		Channel: legalaid.ChannelCentre, Persons: 1}})
}

// CaseFrom reads a request from a form.
func CaseFrom(r *http.Request) (legalaid.Case, error) {
	v := r.PostFormValue
	by, _ := strconv.Atoi(strings.TrimSpace(v("requester.birth_year")))
	persons, _ := strconv.Atoi(strings.TrimSpace(v("persons")))
	c := legalaid.Case{UnitCode: v("unit_code"), Channel: legalaid.Channel(v("channel")), Group: v("group"), Proofs: v("proofs"),
		ProofOK: v("proof_ok") == "1", Urgent: legalaid.Urgent(v("urgent")), Extended: v("extended") == "1",
		Form: legalaid.Form(v("form")), Field: legalaid.Field(v("field")), Summary: v("summary"), Persons: persons,
		Requester: legalaid.Person{FullName: v("requester.full_name"), IDNumber: v("requester.id_number"), BirthYear: by,
			Sex: v("requester.sex"), Address: v("requester.address"), Phone: v("requester.phone")},
		OtherParty: legalaid.Person{FullName: v("other.full_name"), IDNumber: strings.TrimSpace(v("other.id_number"))}}
	d, err := parseDay("requested_on", v("requested_on"))
	if d != nil {
		c.RequestedOn = *d
	}
	return c, err
}

// CreateCase is POST /admin/tro-giup-phap-ly/vu-viec/moi.
func (s *Screens) CreateCase(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	c, err := CaseFrom(r)
	if err == nil {
		c, _, err = s.cfg.Service.Request(r.Context(), s.actor(r), ten, c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showCase(w, r, http.StatusUnprocessableEntity, ten, &casePage{New: true, Case: c, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/vu-viec/"+c.ID, "legalaid-saved")
}

// Case is GET /admin/tro-giup-phap-ly/vu-viec/{id}.
func (s *Screens) Case(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	c, err := s.cfg.Service.Store.Case(r.Context(), ten, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy vụ việc trợ giúp pháp lý.")
	}
	return s.showCase(w, r, http.StatusOK, ten, &casePage{Case: c})
}

// Act is POST /admin/tro-giup-phap-ly/vu-viec/{id}/{action}: accept,
// refuse, proof, assign, note, move, close, assess, pay, document.
func (s *Screens) Act(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	ctx, a, id, v := r.Context(), s.actor(r), r.PathValue("id"), r.PostFormValue
	svc := s.cfg.Service
	switch r.PathValue("action") {
	case "thu-ly":
		var on time.Time
		if on, err = s.dayOr("accepted_on", v("accepted_on")); err == nil {
			_, err = svc.Accept(ctx, a, ten, id, on)
		}
	case "tu-choi":
		var on time.Time
		if on, err = s.dayOr("on", v("on")); err == nil {
			_, err = svc.Refuse(ctx, a, ten, id, on, v("reason"))
		}
	case "giay-to":
		var on time.Time
		if on, err = s.dayOr("on", v("on")); err == nil {
			_, err = svc.ReceiveProof(ctx, a, ten, id, on, v("proofs"))
		}
	case "phan-cong":
		var on time.Time
		if on, err = s.dayOr("assigned_on", v("assigned_on")); err == nil {
			_, err = svc.Assign(ctx, a, ten, id, v("provider_id"), on, v("agreed") == "1")
		}
	case "ghi-chep":
		err = svc.Note(ctx, a, ten, id, v("note"))
	case "trang-thai":
		var on time.Time
		if on, err = s.dayOr("on", v("on")); err == nil {
			_, err = svc.Move(ctx, a, ten, id, legalaid.Status(v("status")), on, v("reason"))
		}
	case "ket-thuc":
		var on time.Time
		if on, err = s.dayOr("closed_on", v("closed_on")); err == nil {
			_, err = svc.Close(ctx, a, ten, id, on, v("result"), v("summary"))
		}
	case "danh-gia":
		var on time.Time
		if on, err = s.dayOr("assessed_on", v("assessed_on")); err == nil {
			_, err = svc.Assess(ctx, a, ten, id, legalaid.Assessment{Method: v("method"), Rating: v("rating"), On: &on, By: v("by"), Note: v("note")})
		}
	case "thu-lao":
		amount, perr := strconv.ParseInt(strings.NewReplacer(".", "", " ", "").Replace(v("fee_vnd")), 10, 64)
		if perr != nil {
			err = apperr.Field("fee_vnd", "Nhập số tiền thù lao (đồng).")
		} else {
			_, err = svc.Pay(ctx, a, ten, id, amount)
		}
	case "tai-lieu":
		err = s.upload(r, ten, id, a)
	default:
		return apperr.New(apperr.NotFound, "Không có thao tác này.")
	}
	if e := kit.UserError(err); e != nil && (e.Code == apperr.Invalid || e.Code == apperr.Conflict || e.Code == apperr.TooLarge) {
		c, lerr := svc.Store.Case(ctx, ten, id)
		if lerr != nil {
			return kit.NotFoundAs(lerr, "Không tìm thấy vụ việc trợ giúp pháp lý.")
		}
		form := kit.FormOf(r.PostForm, err)
		page := &casePage{Case: c, Form: form}
		code := kit.Status(e.Code)
		if e.Code == apperr.Invalid {
			code = http.StatusUnprocessableEntity
		}
		return s.showCase(w, r, code, ten, page)
	}
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy vụ việc trợ giúp pháp lý.")
	}
	return s.k.Redirect(w, r, base+"/vu-viec/"+id, "legalaid-saved")
}

func (s *Screens) upload(r *http.Request, ten, id string, a legalaid.Actor) error {
	f, h, err := r.FormFile("file")
	if err != nil {
		return apperr.Field("file", "Chọn tệp để tải lên.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, legalaid.MaxDocument+1))
	if err != nil {
		return apperr.Field("file", "Không đọc được tệp tải lên.")
	}
	_, err = s.cfg.Service.AddDocument(r.Context(), a, ten, id, legalaid.Document{Name: h.Filename, ContentType: http.DetectContentType(data),
		Data: data, Proof: r.PostFormValue("proof") == "1"})
	return err
}

// Document is GET /admin/tro-giup-phap-ly/vu-viec/{id}/tai-lieu/{doc}.
func (s *Screens) Document(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	d, err := s.cfg.Service.Store.Document(r.Context(), ten, r.PathValue("id"), r.PathValue("doc"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy tài liệu.")
	}
	ServeDocument(w, d)
	return nil
}

// ServeDocument sends a stored document as an attachment.
func ServeDocument(w http.ResponseWriter, d legalaid.Document) {
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+url.PathEscape(d.Name)+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(d.Data)
}

// ---- Providers and units.

type providersPage struct {
	Providers []legalaid.Provider
	Units     []legalaid.Unit
	Kinds     []legalaid.ProviderKind
	Form      kit.Form
	CanKeep   bool
	Today     time.Time
}

func (*providersPage) Title() string { return "Người thực hiện trợ giúp pháp lý" }

func (s *Screens) showProviders(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	page := &providersPage{Kinds: legalaid.ProviderKinds, Form: form, CanKeep: kit.Principal(r.Context()).Can(auth.KeepLegalAid), Today: s.today()}
	if page.Providers, err = s.cfg.Service.Store.Providers(r.Context(), ten); err != nil {
		return err
	}
	if page.Units, err = s.cfg.Service.Store.Units(r.Context(), ten); err != nil {
		return err
	}
	s.k.Page(w, r, code, "la_providers", page)
	return nil
}

// Providers is GET /admin/tro-giup-phap-ly/nguoi-thuc-hien.
func (s *Screens) Providers(w http.ResponseWriter, r *http.Request) error {
	return s.showProviders(w, r, http.StatusOK, kit.Form{})
}

// CreateProvider is POST /admin/tro-giup-phap-ly/nguoi-thuc-hien.
func (s *Screens) CreateProvider(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	p := legalaid.Provider{Kind: legalaid.ProviderKind(v("kind")), FullName: v("full_name"), Sex: v("sex"), UnitCode: v("unit_code"),
		Organisation: v("organisation"), ContractNo: v("contract_no")}
	from, err := parseDay("from", v("from"))
	if err == nil {
		if from != nil {
			p.From = *from
		}
		p.To, err = parseDay("to", v("to"))
	}
	if err == nil {
		_, err = s.cfg.Service.SaveProvider(r.Context(), s.actor(r), ten, p)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showProviders(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/nguoi-thuc-hien", "legalaid-saved")
}

// SaveUnit is POST /admin/tro-giup-phap-ly/don-vi.
func (s *Screens) SaveUnit(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	_, err = s.cfg.Service.SaveUnit(r.Context(), s.actor(r), ten, legalaid.Unit{Code: r.PostFormValue("code"), Name: r.PostFormValue("name")})
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showProviders(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/nguoi-thuc-hien", "legalaid-saved")
}

// ---- API.

// APIReport is GET /api/v1/legalaid/report?from=&to=[&unit=].
func (s *Screens) APIReport(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
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
	if u := q.Get("unit"); u != "" && !legalaid.ValidUnitCode(u) {
		return apperr.Field("unit", "Đơn vị không hợp lệ.")
	}
	rep, err := s.cfg.Service.Figures(r.Context(), ten, q.Get("unit"), legalaid.Period{From: *from, To: *to})
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, rep)
}

// APICases is GET /api/v1/legalaid/cases: the book as interchange records.
func (s *Screens) APICases(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := filterOf(q)
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
	cs, err := s.cfg.Service.Store.Cases(r.Context(), ten, f)
	if err != nil {
		return err
	}
	names, err := s.providerNames(r.Context(), ten)
	if err != nil {
		return err
	}
	type item struct {
		ID string `json:"id"`
		legalaid.Record
	}
	out := make([]item, len(cs))
	for i, c := range cs {
		out[i] = item{ID: c.ID, Record: legalaid.RecordOf(c, names[c.ProviderID])}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"cases": out})
}

// APIRequest is POST /api/v1/legalaid/cases: a request received by the
// centre (JSON: unit, channel, requested_on, requester, group, form,
// field, summary, proof_ok, urgent, other_party).
func (s *Screens) APIRequest(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	var rec legalaid.Record
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return apperr.New(apperr.Invalid, "Không đọc được JSON: "+err.Error())
	}
	c := legalaid.Case{UnitCode: rec.Unit, Channel: rec.Channel, Requester: rec.Requester, Persons: rec.Persons, Group: rec.Group,
		Proofs: rec.Proofs, ProofOK: rec.ProofOK, Urgent: rec.Urgent, Extended: rec.Extended, Form: rec.Form, Field: rec.Field, Summary: rec.Summary}
	if rec.OtherParty != nil {
		c.OtherParty = *rec.OtherParty
	}
	d, err := parseDay("requested_on", rec.RequestedOn)
	if err != nil {
		return err
	}
	if d != nil {
		c.RequestedOn = *d
	}
	c, _, err = s.cfg.Service.Request(r.Context(), s.actor(r), ten, c)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusCreated, map[string]any{"id": c.ID, "case": legalaid.RecordOf(c, "")})
}

// APIGroups is GET /api/v1/legalaid/groups?on=YYYY-MM-DD: the eligible
// groups of Art. 7 in force on a day, with their proofs and sources.
func (s *Screens) APIGroups(w http.ResponseWriter, r *http.Request) error {
	on, err := parseDay("on", r.URL.Query().Get("on"))
	if err != nil {
		return err
	}
	day := s.today()
	if on != nil {
		day = *on
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"on": day.Format("2006-01-02"), "groups": legalaid.GroupsOn(day)})
}
