// Package petitionweb is the citizen reception and petitions register's
// area of the back office and its API: the figures with drill-down and the
// report sheet, the book of petitions with each case's next deadline, the
// intake from every channel, a petition's page with its handling decision,
// official letter and case steps, the reception book and schedule, and the
// deadline calculator. A denouncer's identity is shown only to an officer
// allowed to see it, on demand, and every view is audited. Its routes are
// listed in web/routes.go; its handlers hold only their own service.
package petitionweb

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/petition"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Templates are the register's pages.
//
//go:embed templates/*.html
var Templates embed.FS

// Config is what the screens need.
type Config struct {
	Service *petition.Service
	// Agency is the letterhead of a tenant, for the official letter and the
	// printed sheets.
	Agency func(ctx context.Context, tenantID string) (render.Agency, error)
	// Keepers lists the books of a department's province: the department
	// itself first, then its communes by code. It refuses a commune's tenant
	// (a commune sees only itself).
	Keepers func(ctx context.Context, tenantID string) ([]petition.Keeper, error)
	// IsCommune says whether a tenant is a commune: its pages offer no
	// link to the province view, which Keepers refuses it.
	IsCommune func(ctx context.Context, tenantID string) bool
	Now       func() time.Time
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

func (s *Screens) svc() *petition.Service { return s.cfg.Service }

func (s *Screens) actor(r *http.Request) petition.Actor {
	a := s.k.Actor(r)
	p := kit.Principal(r.Context())
	return petition.Actor{ID: a.ID, Name: a.Name, IP: a.IP, SeesIdentity: p != nil && p.Can(auth.ViewDenouncer)}
}

func tenant(r *http.Request) string { return kit.Principal(r.Context()).TenantID }

func (s *Screens) today() calendar.Date { return calendar.DateOf(s.cfg.Now()) }

// parseDay reads dd/mm/yyyy or YYYY-MM-DD; "" gives the zero date.
func parseDay(field, v string) (calendar.Date, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return calendar.Date{}, nil
	}
	d, err := calendar.ParseDateVN(v)
	if err != nil {
		if d, err = calendar.ParseDate(v); err != nil {
			return d, apperr.Field(field, "Ngày phải có dạng dd/mm/yyyy.")
		}
	}
	return d, nil
}

// ---- Dashboard.

type dashboardPage struct {
	Period   kit.Period
	F        petition.Figures
	Figures  []kit.Figure
	Cases    []kit.Figure
	Channels []channelRow
	Kinds    []petition.Kind
	Exports  kit.Exports
	Query    template.URL
	CanKeep  bool
	OnTime   string
	Province bool // the province view is the department's
}

type channelRow struct {
	Channel petition.Channel
	Counts  []int
	Total   int
}

func (*dashboardPage) Title() string { return "Tiếp công dân, xử lý đơn thư" }

func (s *Screens) period(r *http.Request) (kit.Period, petition.Figures, error) {
	per, err := kit.PickPeriod(r.URL.Query(), s.today(), "year")
	if err != nil {
		return per, petition.Figures{}, err
	}
	per.Action = "/admin/don-thu"
	f, err := s.svc().Figures(r.Context(), tenant(r), per.From, per.To)
	return per, f, err
}

// Dashboard is GET /admin/don-thu.
func (s *Screens) Dashboard(w http.ResponseWriter, r *http.Request) error {
	per, f, err := s.period(r)
	if err != nil {
		return err
	}
	q := url.Values{"from": {per.From.String()}, "to": {per.To.String()}}
	href := func(k string) string { return "/admin/don-thu/so?counted=" + k + "&" + q.Encode() }
	page := &dashboardPage{Period: per, F: f, Kinds: petition.Kinds, Query: template.URL(q.Encode()),
		CanKeep: kit.Principal(r.Context()).Can(auth.KeepPetitions), Province: s.offersProvince(r)}
	page.Exports = kit.Exports{Base: "/admin/don-thu/xuat/", Query: q.Encode(), Formats: kit.SheetFormats}
	page.Figures = []kit.Figure{
		{Label: "Đơn tiếp nhận", Value: kit.Num(f.Received), Href: href("received")},
		{Label: "Đơn trùng", Value: kit.Num(f.Duplicates), Href: href("duplicate")},
		{Label: "Nặc danh, mạo danh", Value: kit.Num(f.Anonymous), Href: href("anonymous")},
		{Label: "Thụ lý", Value: kit.Num(f.Accepted), Href: href("accepted")},
		{Label: "Chuyển đơn", Value: kit.Num(f.Forwarded), Href: href("forwarded")},
		{Label: "Hướng dẫn", Value: kit.Num(f.Guided), Href: href("guided")},
		{Label: "Lưu đơn", Value: kit.Num(f.Filed), Href: href("filed")},
	}
	page.Cases = []kit.Figure{
		{Label: "Đã giải quyết", Value: kit.Num(f.Resolved), Href: href("resolved")},
		{Label: "Đúng hạn", Value: kit.Num(f.OnTime), Href: href("on_time")},
		{Label: "Quá hạn", Value: kit.Num(f.Late), Href: href("late"), Bad: f.Late > 0},
		{Label: "Kết luận đúng", Value: kit.Num(f.Conclusion[petition.ConclusionRight]), Href: href("right")},
		{Label: "Kết luận sai", Value: kit.Num(f.Conclusion[petition.ConclusionWrong]), Href: href("wrong")},
		{Label: "Đúng một phần", Value: kit.Num(f.Conclusion[petition.ConclusionPartly]), Href: href("partly_right")},
		{Label: "Đình chỉ", Value: kit.Num(f.Terminated), Href: href("terminated")},
		{Label: "Đang giải quyết cuối kỳ", Value: kit.Num(f.Pending), Href: href("pending")},
		{Label: "Quá hạn cuối kỳ", Value: kit.Num(f.Overdue), Href: href("overdue"), Bad: f.Overdue > 0},
	}
	for _, c := range petition.Channels {
		row := channelRow{Channel: c}
		for _, k := range petition.Kinds {
			row.Counts = append(row.Counts, f.ByChannel[c][k])
			row.Total += f.ByChannel[c][k]
		}
		page.Channels = append(page.Channels, row)
	}
	if f.OnTime+f.Late > 0 {
		v := float64(f.OnTime*1000/(f.OnTime+f.Late)) / 10
		page.OnTime = kit.Percent(&v)
	}
	s.k.Page(w, r, http.StatusOK, "pet_dashboard", page)
	return nil
}

// Sheet is the report of the figures, one row per kind and the total.
func Sheet(f petition.Figures, agency render.Agency) render.StatSheet {
	sh := render.StatSheet{
		Agency: agency.FullName, Code: "Biểu mẫu theo dõi công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo",
		Title: "KẾT QUẢ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO",
		Lines: []string{fmt.Sprintf("Kỳ báo cáo: từ ngày %s đến ngày %s", f.From.FormatVN(), f.To.FormatVN()), "Đơn vị tính: đơn, vụ việc"},
		Groups: []render.StatGroup{
			{Title: "Loại đơn"},
			{Title: "Tiếp nhận", Cols: []string{"Tổng số", "Trùng", "Nặc danh"}},
			{Title: "Xử lý đơn", Cols: []string{"Thụ lý", "Chuyển", "Hướng dẫn", "Lưu"}},
			{Title: "Kết quả giải quyết", Cols: []string{"Đã giải quyết", "Đúng", "Sai", "Đúng một phần"}},
		},
		Notes: []string{
			"Số liệu tính từ từng đơn trong sổ: tiếp nhận trong kỳ; xử lý, giải quyết có ngày trong kỳ.",
			fmt.Sprintf("Giải quyết đúng hạn %d, quá hạn %d; đang giải quyết cuối kỳ %d (quá hạn %d). Tiền kiến nghị thu hồi, trả lại: %s đồng; đất: %s m².",
				f.OnTime, f.Late, f.Pending, f.Overdue, kit.Num(f.AmountVND), kit.Num(f.LandM2)),
			fmt.Sprintf("Tiếp công dân: %d lượt, %d người, %d đoàn đông người; người đứng đầu tiếp %d ngày.", f.Visits.Visits, f.Visits.Persons, f.Visits.Groups, f.Visits.DirectorDays),
		},
	}
	var total render.StatRow
	total.Labels, total.Bold = []string{"Tổng cộng"}, true
	cols := []string{"received", "duplicate", "anonymous", "accepted", "forwarded", "guided", "filed", "resolved", "right", "wrong", "partly_right"}
	total.Counts = make([]int64, len(cols))
	for _, k := range petition.Kinds {
		row := render.StatRow{Labels: []string{k.Name()}}
		for i, c := range cols {
			n := int64(f.PerKind[k][c])
			row.Counts = append(row.Counts, n)
			total.Counts[i] += n
		}
		sh.Rows = append(sh.Rows, row)
	}
	sh.Rows = append(sh.Rows, total)
	return sh
}

func (s *Screens) agency(ctx context.Context, tenantID string) render.Agency {
	if s.cfg.Agency == nil {
		return render.Agency{Name: "CƠ QUAN", FullName: "Cơ quan"}
	}
	a, err := s.cfg.Agency(ctx, tenantID)
	if err != nil {
		return render.Agency{Name: "CƠ QUAN", FullName: "Cơ quan"}
	}
	return a
}

// Export is GET /admin/don-thu/xuat/{format}.
func (s *Screens) Export(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	per, f, err := s.period(r)
	if err != nil {
		return err
	}
	return kit.SendSheet(w, r.PathValue("format"), "don-thu_"+per.From.String()+"_"+per.To.String(), Sheet(f, s.agency(r.Context(), tenant(r))))
}

// ---- The book of petitions.

type row struct {
	P    petition.Petition
	Next petition.Next
	Has  bool
}

type listPage struct {
	Rows     []row
	Pager    kit.Pager
	Q        url.Values
	Counted  string
	Kinds    []petition.Kind
	Channels []petition.Channel
	Statuses []petition.Status
	CanKeep  bool
	Province bool // the province view is the department's
}

func (*listPage) Title() string { return "Sổ tiếp nhận, xử lý đơn" }

// CountedLabel names a drill-down figure.
func (p *listPage) CountedLabel() string { return petition.CountedKeys[p.Counted] }

func filterOf(q url.Values) (petition.Filter, error) {
	f := petition.Filter{Kind: petition.Kind(q.Get("kind")), Channel: petition.Channel(q.Get("channel")),
		Status: petition.Status(q.Get("status")), Query: q.Get("q")}
	if f.Kind != "" && !f.Kind.Valid() {
		return f, apperr.Field("kind", "Loại đơn không hợp lệ.")
	}
	if f.Channel != "" && !f.Channel.Valid() {
		return f, apperr.Field("channel", "Nguồn đơn không hợp lệ.")
	}
	if f.Status != "" && !f.Status.Valid() {
		return f, apperr.Field("status", "Trạng thái không hợp lệ.")
	}
	if len([]rune(f.Query)) > 200 {
		return f, apperr.Field("q", "Từ khóa dài quá 200 ký tự.")
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
		if _, ok := petition.CountedKeys[c]; !ok {
			return f, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
		}
		if from.IsZero() || to.IsZero() {
			return f, apperr.Field("counted", "Chỉ tiêu cần kỳ báo cáo (from, to).")
		}
		f.Counted, f.In = c, [2]calendar.Date{from, to}
		return f, nil
	}
	if !from.IsZero() {
		f.From = &from
	}
	if !to.IsZero() {
		f.To = &to
	}
	return f, nil
}

func (s *Screens) rows(ctx context.Context, tenantID string, f petition.Filter) ([]petition.Petition, error) {
	if f.Counted != "" {
		return s.svc().Drill(ctx, tenantID, f.Counted, f.In[0], f.In[1], f)
	}
	return s.svc().Store.Petitions(ctx, tenantID, f)
}

// List is GET /admin/don-thu/so.
func (s *Screens) List(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := filterOf(q)
	if err != nil {
		return err
	}
	pager := kit.PagerFrom("/admin/don-thu/so", q, 50, 200)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	ps, err := s.rows(r.Context(), tenant(r), f)
	if err != nil {
		return err
	}
	ps = kit.Trim(&pager, ps)
	cal, err := s.svc().Cal(r.Context(), tenant(r))
	if err != nil {
		return err
	}
	page := &listPage{Pager: pager, Q: q, Counted: f.Counted, Kinds: petition.Kinds, Channels: petition.Channels,
		Statuses: petition.Statuses, CanKeep: kit.Principal(r.Context()).Can(auth.KeepPetitions), Province: s.offersProvince(r)}
	for _, p := range ps {
		n, ok := petition.NextDeadline(cal, p, s.today())
		page.Rows = append(page.Rows, row{P: p, Next: n, Has: ok})
	}
	s.k.Page(w, r, http.StatusOK, "pet_list", page)
	return nil
}

// ---- Intake.

type newPage struct {
	Form     kit.Form
	Kinds    []petition.Kind
	Channels []petition.Channel
	Fields   []petition.Field
	Today    string
}

func (*newPage) Title() string { return "Tiếp nhận đơn" }

// Value is a field's value: what was sent, else its default.
func (p *newPage) Value(name string) string {
	if p.Form.Values != nil {
		return p.Form.Value(name)
	}
	if name == "received_on" {
		return p.Today
	}
	return ""
}

// New is GET /admin/don-thu/moi.
func (s *Screens) New(w http.ResponseWriter, r *http.Request) error {
	return s.showNew(w, r, http.StatusOK, kit.Form{})
}

func (s *Screens) showNew(w http.ResponseWriter, r *http.Request, code int, f kit.Form) error {
	s.k.Page(w, r, code, "pet_new", &newPage{Form: f, Kinds: petition.Kinds, Channels: petition.Channels, Fields: petition.Fields, Today: s.today().FormatVN()})
	return nil
}

// IntakeOf reads a petition from a form or an API body's fields.
func IntakeOf(v func(string) string) (petition.Intake, error) {
	in := petition.Intake{Petition: petition.Petition{Kind: petition.Kind(v("kind")), Channel: petition.Channel(v("channel")),
		Field: petition.Field(v("field")), Summary: v("summary"), ForwardedFrom: v("forwarded_from"),
		Anonymous: v("anonymous") != "", Remote: v("remote") != ""}}
	person := petition.Person{FullName: v("petitioner.full_name"), IDNumber: v("petitioner.id_number"), Address: v("petitioner.address"), Phone: v("petitioner.phone")}
	if in.Kind == petition.KindDenunciation {
		in.Identity = petition.Identity{Person: person, ForgedName: v("forged_name") != ""}
		in.HasEvidence = v("has_evidence") != ""
	} else {
		in.Petitioner = person
	}
	in.Instance, _ = strconv.Atoi(v("instance"))
	in.GroupSize, _ = strconv.Atoi(strings.TrimSpace(v("group_size")))
	d, err := parseDay("received_on", v("received_on"))
	in.ReceivedOn = d
	return in, err
}

type receiptPage struct {
	R petition.Receipt
}

func (*receiptPage) Title() string { return "Đã tiếp nhận đơn" }

// Create is POST /admin/don-thu/moi: the receipt shows the code and the
// PIN once.
func (s *Screens) Create(w http.ResponseWriter, r *http.Request) error {
	in, err := IntakeOf(r.PostFormValue)
	var rc petition.Receipt
	if err == nil {
		rc, err = s.svc().Receive(r.Context(), s.actor(r), tenant(r), in)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showNew(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	s.k.Page(w, r, http.StatusOK, "pet_receipt", &receiptPage{R: rc})
	return nil
}

// ---- A petition's page.

type showPage struct {
	P         petition.Petition
	Next      petition.Next
	HasNext   bool
	Events    []petition.Event
	Form      kit.Form
	Info      string
	CanKeep   bool
	CanSeeID  bool
	Identity  *petition.Identity
	Handlings []petition.Handling
	Concl     []petition.Conclusion
	Criteria  []string
	Today     string
	Dup       string
	Appeal    string
}

func (p *showPage) Title() string { return p.P.Kind.Name() + " " + p.P.Code }

func (s *Screens) load(r *http.Request) (petition.Petition, error) {
	p, err := s.svc().Store.Petition(r.Context(), tenant(r), r.PathValue("id"))
	if err != nil {
		return p, kit.NotFoundAs(err, "Không tìm thấy đơn.")
	}
	return p, nil
}

func (s *Screens) show(w http.ResponseWriter, r *http.Request, code int, page *showPage) error {
	ctx := r.Context()
	cal, err := s.svc().Cal(ctx, tenant(r))
	if err != nil {
		return err
	}
	page.Next, page.HasNext = petition.NextDeadline(cal, page.P, s.today())
	if page.Events, err = s.svc().Store.Events(ctx, tenant(r), page.P.ID); err != nil {
		return err
	}
	pr := kit.Principal(ctx)
	page.CanKeep = pr.Can(auth.KeepPetitions)
	page.CanSeeID = petition.CanSeeIdentity(s.actor(r), page.P)
	page.Handlings, page.Concl, page.Criteria = petition.Handlings, petition.Conclusions, petition.ComplexCriteria
	page.Today = s.today().FormatVN()
	if page.P.DuplicateOf != "" {
		if d, err := s.svc().Store.Petition(ctx, tenant(r), page.P.DuplicateOf); err == nil {
			page.Dup = d.Code
		}
	}
	s.k.Page(w, r, code, "pet_show", page)
	return nil
}

// Show is GET /admin/don-thu/don/{id}.
func (s *Screens) Show(w http.ResponseWriter, r *http.Request) error {
	p, err := s.load(r)
	if err != nil {
		return err
	}
	return s.show(w, r, http.StatusOK, &showPage{P: p})
}

// Decide is POST /admin/don-thu/don/{id}/xu-ly.
func (s *Screens) Decide(w http.ResponseWriter, r *http.Request) error {
	old, err := s.load(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	on, err := parseDay("on", v("on"))
	var p petition.Petition
	if err == nil {
		pr := kit.Principal(r.Context())
		d := petition.Decision{Handling: petition.Handling(v("handling")), On: on, ForwardTo: v("forward_to"), Note: v("note")}
		if d.Handling == petition.HandleAccept {
			d.HandlerID, d.HandlerName = pr.OfficerID, pr.FullName
		}
		p, err = s.svc().Decide(r.Context(), s.actor(r), tenant(r), old.ID, d)
	}
	if e := kit.UserError(err); e != nil && (e.Code == apperr.Invalid || e.Code == apperr.Conflict) {
		return s.show(w, r, http.StatusUnprocessableEntity, &showPage{P: old, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/don-thu/don/"+p.ID, "petition-saved")
}

// Act is POST /admin/don-thu/don/{id}/buoc: a step of the case.
func (s *Screens) Act(w http.ResponseWriter, r *http.Request) error {
	old, err := s.load(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	st := petition.Step{Action: v("action"), Text: v("text"), Conclusion: petition.Conclusion(v("conclusion")), DecisionNo: v("decision_no"),
		ViolationSigns: v("violation_signs") != ""}
	st.On, err = parseDay("on", v("on"))
	if err == nil {
		var nd calendar.Date
		if nd, err = parseDay("notice_on", v("notice_on")); err == nil && !nd.IsZero() {
			st.NoticeOn = &nd
		}
	}
	for _, g := range r.PostForm["ground"] {
		n, _ := strconv.Atoi(g)
		st.Grounds = append(st.Grounds, n)
	}
	if a := strings.TrimSpace(v("amount_vnd")); a != "" && err == nil {
		if st.AmountVND, err = strconv.ParseInt(strings.ReplaceAll(a, ".", ""), 10, 64); err != nil {
			err = apperr.Field("amount_vnd", "Số tiền phải là số.")
		}
	}
	if a := strings.TrimSpace(v("land_m2")); a != "" && err == nil {
		if st.LandM2, err = strconv.ParseInt(strings.ReplaceAll(a, ".", ""), 10, 64); err != nil {
			err = apperr.Field("land_m2", "Diện tích phải là số.")
		}
	}
	var p petition.Petition
	var info string
	if err == nil {
		p, info, err = s.svc().Act(r.Context(), s.actor(r), tenant(r), old.ID, st)
	}
	if e := kit.UserError(err); e != nil && (e.Code == apperr.Invalid || e.Code == apperr.Conflict) {
		return s.show(w, r, http.StatusUnprocessableEntity, &showPage{P: old, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	if info != "" {
		return s.show(w, r, http.StatusOK, &showPage{P: p, Info: info})
	}
	return s.k.Redirect(w, r, "/admin/don-thu/don/"+p.ID, "petition-saved")
}

// Identity is POST /admin/don-thu/don/{id}/nguoi-to-cao: shows the denouncer's
// identity to an officer allowed to see it, with the reason logged.
func (s *Screens) Identity(w http.ResponseWriter, r *http.Request) error {
	p, err := s.load(r)
	if err != nil {
		return err
	}
	id, err := s.svc().RevealIdentity(r.Context(), s.actor(r), tenant(r), p.ID, r.PostFormValue("reason"))
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.show(w, r, http.StatusUnprocessableEntity, &showPage{P: p, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.show(w, r, http.StatusOK, &showPage{P: p, Identity: &id})
}

// Letter is GET /admin/don-thu/don/{id}/cong-van: the official letter of the
// handling decision (PDF).
func (s *Screens) Letter(w http.ResponseWriter, r *http.Request) error {
	p, err := s.load(r)
	if err != nil {
		return err
	}
	if p.Decision == "" || p.DecidedOn == nil {
		return apperr.New(apperr.NotFound, "Đơn chưa có quyết định xử lý.")
	}
	pdf, err := render.NoticePDF(Letter(p, s.agency(r.Context(), tenant(r))))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="cong-van-`+p.Code+`.pdf"`)
	_, err = w.Write(pdf)
	return err
}

// Letter is the official letter of a petition's handling decision. It
// names the petitioner of a complaint or feedback; a denunciation's letter
// never names the denouncer (Law 25/2018 Art. 47–48).
func Letter(p petition.Petition, a render.Agency) render.Notice {
	who := "ông (bà) " + p.Petitioner.FullName
	if p.Kind == petition.KindDenunciation || p.Petitioner.FullName == "" {
		who = "người gửi đơn"
	}
	recv := fmt.Sprintf("Ngày %s, %s nhận được đơn %s (mã %s) của %s, nội dung: %s", p.ReceivedOn.FormatVN(), a.FullName,
		strings.ToLower(p.Kind.Name()), p.Code, who, p.Summary)
	if p.Kind == petition.KindDenunciation {
		recv = fmt.Sprintf("Ngày %s, %s nhận được đơn tố cáo (mã %s), nội dung: %s", p.ReceivedOn.FormatVN(), a.FullName, p.Code, p.Summary)
	}
	n := render.Notice{Agency: a, Number: p.LetterNo, At: time.Date(p.DecidedOn.Year, p.DecidedOn.Month, p.DecidedOn.Day, 9, 0, 0, 0, kit.Zone),
		SignerTitle: "THỦ TRƯỞNG CƠ QUAN", Paragraphs: []string{recv + "."}}
	switch p.Decision {
	case petition.HandleAccept:
		n.Title, n.Subtitle = "THÔNG BÁO", "Về việc thụ lý giải quyết "+strings.ToLower(p.Kind.Name())
		n.Paragraphs = append(n.Paragraphs, "Đơn thuộc thẩm quyền và đủ điều kiện thụ lý. "+a.FullName+" thụ lý giải quyết theo quy định của pháp luật.")
	case petition.HandleForward:
		n.Title, n.Subtitle = "PHIẾU CHUYỂN ĐƠN", "Về việc chuyển đơn đến cơ quan có thẩm quyền"
		n.Paragraphs = append(n.Paragraphs, "Nội dung đơn không thuộc thẩm quyền giải quyết của "+a.FullName+". Chuyển đơn đến "+p.ForwardTo+" để xem xét, giải quyết theo thẩm quyền và thông báo kết quả cho người gửi đơn.")
	case petition.HandleGuide:
		n.Title, n.Subtitle = "PHIẾU HƯỚNG DẪN", "Về việc hướng dẫn gửi đơn"
		n.Paragraphs = append(n.Paragraphs, "Nội dung đơn không thuộc thẩm quyền giải quyết của "+a.FullName+". Đề nghị người gửi đơn gửi đơn đến cơ quan có thẩm quyền để được xem xét, giải quyết theo quy định.")
	default:
		n.Title, n.Subtitle = "THÔNG BÁO", "Về việc xử lý đơn"
		n.Paragraphs = append(n.Paragraphs, "Đơn không đủ điều kiện xử lý theo quy định; lưu đơn.")
	}
	if p.Note != "" {
		n.Paragraphs = append(n.Paragraphs, p.Note)
	}
	return n
}

// offersProvince reports whether the signed-in officer's agency may open the
// province view (a department with the view configured, not a commune).
func (s *Screens) offersProvince(r *http.Request) bool {
	return s.cfg.Keepers != nil && (s.cfg.IsCommune == nil || !s.cfg.IsCommune(r.Context(), tenant(r)))
}
