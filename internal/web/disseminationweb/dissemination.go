// Package disseminationweb is the legal dissemination register's area of
// the back office (Law 14/2012/QH13): the figures of a period with
// drill-down and the justice-sector sheet, the book of activities with the
// materials handed out, lecturers and communicators, materials and their
// print runs, legal bookshelves, the year's plan tasks, and communes'
// access-to-law assessments with the province's recognitions. A commune
// officer sees and keeps only their commune; the department the province.
package disseminationweb

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
	"tuphap/internal/dissemination"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Templates are the register's pages.
//
//go:embed templates/*.html
var Templates embed.FS

// Config is what the screens need.
type Config struct {
	Service *dissemination.Service
	Units   *adminunit.List
	Scope   func(ctx context.Context, p *auth.Principal) (dissemination.Scope, error)
	// Agency names the acting tenant on the printed sheet.
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

const base = "/admin/pho-bien"

// ownCode is the commune filter's value for the department's own
// activities.
const ownCode = "tinh"

func (s *Screens) scope(r *http.Request) (dissemination.Scope, error) {
	return s.cfg.Scope(r.Context(), kit.Principal(r.Context()))
}

func (s *Screens) actor(r *http.Request) dissemination.Actor {
	a := s.k.Actor(r)
	return dissemination.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

func (s *Screens) today() time.Time {
	n := s.cfg.Now().In(kit.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func canKeep(r *http.Request) bool { return kit.Principal(r.Context()).Can(auth.KeepDissemination) }

// Commune is a commune as the screens name it.
type Commune struct{ Code, Name string }

func (s *Screens) communes(sc dissemination.Scope) []Commune {
	codes := s.cfg.Units.Communes(sc.ProvinceCode)
	if sc.CommuneCode != "" {
		codes = []string{sc.CommuneCode}
	}
	out := make([]Commune, len(codes))
	for i, c := range codes {
		out[i] = Commune{c, s.name(c)}
	}
	return out
}

// name names a commune ("" is the department).
func (s *Screens) name(code string) string {
	if code == "" {
		return "Sở Tư pháp (cấp tỉnh)"
	}
	return s.cfg.Units.NameOn(code, s.today())
}

func (s *Screens) place(sc dissemination.Scope) string {
	if sc.CommuneCode != "" {
		return s.name(sc.CommuneCode)
	}
	return "Toàn tỉnh"
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

// number reads a whole number field ("" is 0; dots and spaces as thousands
// separators are allowed: 53.200).
func number(field, v string) (int64, error) {
	v = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(v))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, apperr.Field(field, "Phải là số nguyên không âm.")
	}
	return n, nil
}

// fields gathers the errors of several field readers into one.
type fields struct{ l apperr.FieldList }

func (f *fields) num(field, v string) int64 {
	n, err := number(field, v)
	if err != nil {
		f.l.Add(field, apperr.As(err).Fields[field])
	}
	return n
}

func (f *fields) day(field, v string) time.Time {
	d, err := parseDay(field, v)
	if err != nil {
		f.l.Add(field, apperr.As(err).Fields[field])
		return time.Time{}
	}
	if d == nil {
		return time.Time{}
	}
	return *d
}

// settle runs the use case only when the form read cleanly, and merges the
// form's own errors with the use case's.
func (f *fields) err() error { return f.l.Err() }

func vnDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// ---- Dashboard and statistics.

type dashboardPage struct {
	Scope     dissemination.Scope
	Place     string
	Period    kit.Period
	Report    dissemination.Report
	Figures   []kit.Figure
	Staff     []kit.Figure
	Channels  []channelLine
	Materials []materialLine
	Lines     []line
	CanKeep   bool
	Exports   kit.Exports
	APIQuery  template.URL
	ListQuery template.URL
}

type channelLine struct {
	Code  dissemination.Channel
	Name  string
	Count int
}

type materialLine struct {
	Name   string
	Copies int
	Href   string
}

type line struct {
	Code, Name string
	dissemination.ReportLine
	Href string
}

func (*dashboardPage) Title() string { return "Phổ biến, giáo dục pháp luật" }

func (s *Screens) report(r *http.Request) (dissemination.Scope, kit.Period, dissemination.Report, error) {
	sc, err := s.scope(r)
	if err != nil {
		return sc, kit.Period{}, dissemination.Report{}, err
	}
	per, err := kit.PickPeriod(r.URL.Query(), calendar.DateOf(s.cfg.Now()), "year")
	if err != nil {
		return sc, per, dissemination.Report{}, err
	}
	per.Action = base
	rep, err := s.cfg.Service.Report(r.Context(), sc, dissemination.Period{From: dayOf(per.From), To: dayOf(per.To)})
	return sc, per, rep, err
}

// Dashboard is GET /admin/pho-bien.
func (s *Screens) Dashboard(w http.ResponseWriter, r *http.Request) error {
	sc, per, rep, err := s.report(r)
	if err != nil {
		return err
	}
	drill := url.Values{"from": {per.From.String()}, "to": {per.To.String()}}
	list := func(extra ...string) string {
		v := url.Values{}
		for k, vv := range drill {
			v[k] = vv
		}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		return base + "/hoat-dong?" + v.Encode()
	}
	page := &dashboardPage{Scope: sc, Place: s.place(sc), Period: per, Report: rep, CanKeep: canKeep(r),
		Exports: kit.Exports{Base: base + "/xuat/", Query: drill.Encode(), Formats: kit.SheetFormats}, APIQuery: template.URL(drill.Encode()),
		ListQuery: template.URL(drill.Encode())}
	page.Figures = []kit.Figure{
		{Label: "Hoạt động phổ biến", Value: kit.Num(rep.Activities), Href: list()},
		{Label: "Lượt người tham dự", Value: kit.Num(rep.Participants), Href: list()},
		{Label: "Trong đó nữ", Value: kit.Num(rep.Women)},
		{Label: "Tài liệu cấp phát (bản)", Value: kit.Num(rep.Copies), Href: base + "/tai-lieu?" + drill.Encode()},
		{Label: "Tài liệu in, phát hành (bản)", Value: kit.Num(rep.Printed), Href: base + "/tai-lieu?" + drill.Encode()},
		{Label: "Hoạt động Ngày Pháp luật (9/11)", Value: kit.Num(rep.LawDay), Href: list("law_day", "1")},
		{Label: "Kinh phí (đồng)", Value: kit.Num(rep.CostVND)},
	}
	page.Staff = []kit.Figure{
		{Label: "Báo cáo viên pháp luật", Value: kit.Num(rep.Staff.Lecturers), Href: base + "/nhan-su"},
		{Label: "Tuyên truyền viên pháp luật", Value: kit.Num(rep.Staff.Communicators), Href: base + "/nhan-su"},
		{Label: "Tủ sách pháp luật", Value: kit.Num(rep.Bookshelves), Href: base + "/tu-sach"},
	}
	for _, c := range dissemination.Channels {
		if n := rep.ByChannel[c.Code]; n > 0 {
			page.Channels = append(page.Channels, channelLine{c.Code, c.Name, n})
		}
	}
	for _, m := range rep.Materials() {
		page.Materials = append(page.Materials, materialLine{m.Name, m.Copies, list("material", m.Name)})
	}
	for _, l := range rep.Lines {
		code := l.CommuneCode
		if code == "" {
			code = ownCode
		}
		page.Lines = append(page.Lines, line{Code: l.CommuneCode, Name: s.name(l.CommuneCode), ReportLine: l, Href: list("commune", code)})
	}
	s.k.Page(w, r, http.StatusOK, "dis_dashboard", page)
	return nil
}

// Export is GET /admin/pho-bien/xuat/{format}: the period's sheet (XLSX or
// PDF), a row for the department and one per commune.
func (s *Screens) Export(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	sc, per, rep, err := s.report(r)
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
	name := "pho-bien-phap-luat_" + per.From.String() + "_" + per.To.String()
	if sc.CommuneCode != "" {
		name = "pho-bien-phap-luat_" + sc.CommuneCode + "_" + per.From.String() + "_" + per.To.String()
	}
	return kit.SendSheet(w, r.PathValue("format"), name, render.DisseminationSheet(rep, agency, s.place(sc), s.name))
}

// APIReport is GET /api/v1/dissemination/report: the same figures as JSON.
func (s *Screens) APIReport(w http.ResponseWriter, r *http.Request) error {
	_, _, rep, err := s.report(r)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, apiReportOf(rep))
}

type apiLine struct {
	CommuneCode   string `json:"commune_code"`
	Activities    int    `json:"activities"`
	Participants  int    `json:"participants"`
	Copies        int    `json:"copies"`
	Lecturers     int    `json:"lecturers"`
	Communicators int    `json:"communicators"`
}

type apiReport struct {
	From          string         `json:"from"`
	To            string         `json:"to"`
	CommuneCode   string         `json:"commune_code,omitempty"`
	Activities    int            `json:"activities"`
	Participants  int            `json:"participants"`
	Women         int            `json:"women"`
	CostVND       int64          `json:"cost_vnd"`
	LawDay        int            `json:"law_day_activities"`
	Copies        int            `json:"copies_handed_out"`
	Printed       int            `json:"copies_printed"`
	Lecturers     int            `json:"lecturers"`
	Communicators int            `json:"communicators"`
	Bookshelves   int            `json:"bookshelves"`
	ByChannel     map[string]int `json:"by_channel"`
	ByMaterial    map[string]int `json:"copies_by_material"`
	Lines         []apiLine      `json:"by_commune"`
}

func apiReportOf(rep dissemination.Report) apiReport {
	out := apiReport{From: rep.Period.From.Format("2006-01-02"), To: rep.Period.To.Format("2006-01-02"), CommuneCode: rep.CommuneCode,
		Activities: rep.Activities, Participants: rep.Participants, Women: rep.Women, CostVND: rep.CostVND, LawDay: rep.LawDay,
		Copies: rep.Copies, Printed: rep.Printed, Lecturers: rep.Staff.Lecturers, Communicators: rep.Staff.Communicators,
		Bookshelves: rep.Bookshelves, ByChannel: map[string]int{}, ByMaterial: rep.ByMaterial, Lines: []apiLine{}}
	for k, v := range rep.ByChannel {
		out.ByChannel[string(k)] = v
	}
	for _, l := range rep.Lines {
		out.Lines = append(out.Lines, apiLine{l.CommuneCode, l.Activities, l.Participants, l.Copies, l.Staff.Lecturers, l.Staff.Communicators})
	}
	return out
}
