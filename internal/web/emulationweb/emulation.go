// Package emulationweb is the area of the back office for emulation and
// commendation (movements, evaluations, proposals and awards), the "Dân
// vận khéo" models (and their public page), the department's
// administrative-reform plan, and the annual report drafted from the
// registers. Its routes are listed in web/routes.go; its handlers hold only
// their own services.
package emulationweb

import (
	"context"
	"embed"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/emulation"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Templates are the area's pages.
//
//go:embed templates/*.html
var Templates embed.FS

// Texts keeps the director's paragraphs of a report.
type Texts interface {
	AnnualTexts(ctx context.Context, tenantID string, year, half int) (map[string]string, error)
	SaveAnnualTexts(ctx context.Context, tenantID string, year, half int, texts map[string]string, e audit.Entry) error
}

// Config is what the screens need.
type Config struct {
	Service *emulation.Service
	Annual  *annualreport.Builder
	Texts   Texts
	// Agency is the tenant's letterhead and its province code.
	Agency func(ctx context.Context, tenantID string) (render.Agency, string, error)
	// TenantByCode finds a tenant for the public page of models.
	TenantByCode func(ctx context.Context, code string) (id, name string, err error)
	Now          func() time.Time
}

// Screens are the area's handlers.
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

func (s *Screens) actor(r *http.Request) emulation.Actor {
	a := s.k.Actor(r)
	return emulation.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

func tenant(r *http.Request) string { return kit.Principal(r.Context()).TenantID }

func (s *Screens) today() time.Time {
	n := s.cfg.Now().In(kit.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func canKeep(r *http.Request) bool { return kit.Principal(r.Context()).Can(auth.KeepEmulation) }

// parseDay reads dd/mm/yyyy or YYYY-MM-DD; "" gives the zero time.
func parseDay(field, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	d, err := calendar.ParseDateVN(v)
	if err != nil {
		if d, err = calendar.ParseDate(v); err != nil {
			return time.Time{}, apperr.Field(field, "Ngày phải có dạng dd/mm/yyyy.")
		}
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), nil
}

func atoi(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return -1
	}
	return n
}

// yearOf reads ?year= (this year by default).
func (s *Screens) yearOf(q url.Values) (int, error) {
	y := s.today().Year()
	if v := q.Get("year"); v != "" {
		if y = atoi(v); y < 2000 || y > 2100 {
			return 0, apperr.Field("year", "Năm không hợp lệ.")
		}
	}
	return y, nil
}

// invalid answers a refused form by re-rendering it with its errors.
func invalid(err error) bool {
	e := kit.UserError(err)
	return e != nil && e.Code == apperr.Invalid
}

// ---- Dashboard: the year's figures with drill-down, movements.

type dashboardPage struct {
	Year       int
	Figures    []kit.Figure
	Movements  []emulation.Movement
	Titles     []emulation.Title
	Years      []int
	Form       kit.Form
	CanKeep    bool
	CanReports bool // the annual report and the one-stop reports' links
}

func (*dashboardPage) Title() string { return "Thi đua, khen thưởng" }

// Dashboard is GET /admin/thi-dua.
func (s *Screens) Dashboard(w http.ResponseWriter, r *http.Request) error {
	return s.showDashboard(w, r, http.StatusOK, kit.Form{})
}

func (s *Screens) showDashboard(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	ctx := r.Context()
	year, err := s.yearOf(r.URL.Query())
	if err != nil {
		return err
	}
	p, _ := annualreport.PeriodOf(year, 0)
	page := &dashboardPage{Year: year, Form: form, CanKeep: canKeep(r), Titles: emulation.Titles(p.To),
		CanReports: kit.Principal(ctx).Can(auth.ViewReports)}
	for y := s.today().Year(); y >= s.today().Year()-3; y-- {
		page.Years = append(page.Years, y)
	}
	sec, err := s.section(ctx, tenant(r), p, "emulation")
	if err != nil {
		return err
	}
	rf, err := s.section(ctx, tenant(r), p, "reform")
	if err != nil {
		return err
	}
	for _, f := range append(sec.Figures, rf.Figures...) {
		v := f.Text()
		if f.Value == nil {
			v = "—" // the label says what it is; the report says why
		} else if d := f.Detail(); d != "" {
			f.Label += " (" + d + ")"
		}
		href := f.Drill
		if href != "" && !s.k.MayOpen(r, href) {
			href = "" // a number, not a link that answers 403
		}
		page.Figures = append(page.Figures, kit.Figure{Label: f.Label, Value: v, Href: href})
	}
	if page.Movements, err = s.cfg.Service.Store.Movements(ctx, tenant(r)); err != nil {
		return err
	}
	s.k.Page(w, r, code, "emu_dashboard", page)
	return nil
}

// section builds one field of the annual report (the register's own
// figures, as the report states them).
func (s *Screens) section(ctx context.Context, tenantID string, p annualreport.Period, key string) (annualreport.Section, error) {
	return s.cfg.Annual.Section(ctx, annualreport.Scope{TenantID: tenantID}, p, key, nil)
}

// CreateMovement is POST /admin/thi-dua/phong-trao.
func (s *Screens) CreateMovement(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	m := emulation.Movement{Name: v("name"), Theme: v("theme"), Criteria: v("criteria"), Kind: v("kind"), DecisionNo: v("decision_no")}
	var err error
	if m.From, err = parseDay("from", v("from")); err == nil {
		if m.To, err = parseDay("to", v("to")); err == nil {
			m, err = s.cfg.Service.SaveMovement(r.Context(), tenant(r), s.actor(r), m)
		}
	}
	if invalid(err) {
		return s.showDashboard(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/thi-dua/phong-trao/"+m.ID, "emulation-saved")
}

type movementPage struct {
	Movement      emulation.Movement
	Criteria      []string
	Registrations []emulation.Registration
	Titles        []emulation.Title
	Form          kit.Form
	CanKeep       bool
}

func (p *movementPage) Title() string { return p.Movement.Name }

func (s *Screens) movement(ctx context.Context, tenantID, id string) (emulation.Movement, error) {
	ms, err := s.cfg.Service.Store.Movements(ctx, tenantID)
	if err != nil {
		return emulation.Movement{}, err
	}
	for _, m := range ms {
		if m.ID == id {
			return m, nil
		}
	}
	return emulation.Movement{}, apperr.New(apperr.NotFound, "Không tìm thấy phong trào thi đua.")
}

// Movement is GET /admin/thi-dua/phong-trao/{id}.
func (s *Screens) Movement(w http.ResponseWriter, r *http.Request) error {
	return s.showMovement(w, r, http.StatusOK, kit.Form{})
}

func (s *Screens) showMovement(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	ctx := r.Context()
	m, err := s.movement(ctx, tenant(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	regs, err := s.cfg.Service.Store.Registrations(ctx, tenant(r), m.ID)
	if err != nil {
		return err
	}
	page := &movementPage{Movement: m, Registrations: regs, Form: form, CanKeep: canKeep(r), Titles: emulation.Titles(s.today())}
	for _, c := range strings.Split(m.Criteria, "\n") {
		if c = strings.TrimSpace(c); c != "" {
			page.Criteria = append(page.Criteria, c)
		}
	}
	s.k.Page(w, r, code, "emu_movement", page)
	return nil
}

// Register is POST /admin/thi-dua/phong-trao/{id}/dang-ky.
func (s *Screens) Register(w http.ResponseWriter, r *http.Request) error {
	m, err := s.movement(r.Context(), tenant(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	v := r.PostFormValue
	_, err = s.cfg.Service.Register(r.Context(), tenant(r), s.actor(r), emulation.Registration{MovementID: m.ID,
		Kind: emulation.Kind(v("kind")), Name: v("name"), Unit: v("unit"), Pledge: emulation.TitleCode(v("pledge"))})
	if invalid(err) {
		return s.showMovement(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/thi-dua/phong-trao/"+m.ID, "emulation-saved")
}

// ---- Evaluations, proposals and awards.

type awardsPage struct {
	Year        int
	Evaluations []evalRow
	Awards      []emulation.Award
	Pager       kit.Pager
	Total       int
	Filter      emulation.AwardFilter
	Period      string
	Titles      []emulation.Title
	Ratings     []emulation.Rating
	Form        kit.Form
	CanKeep     bool
	Today       string
}

type evalRow struct {
	emulation.Evaluation
	// Eligible are the titles and forms the evaluation meets; Unmet the
	// reasons of the others.
	Eligible []emulation.Title
	Blocked  string
}

func (*awardsPage) Title() string { return "Đánh giá, đề nghị và khen thưởng" }

// TitleName names a title code.
func TitleName(c emulation.TitleCode) string {
	if t, ok := emulation.TitleOn(c, time.Now()); ok {
		return t.Name
	}
	return string(c)
}

// Awards is GET /admin/thi-dua/khen-thuong: the year's evaluations (with
// the titles each may be proposed for) and the awards, filtered; with
// from/to and status=awarded it lists the records behind a figure.
func (s *Screens) Awards(w http.ResponseWriter, r *http.Request) error {
	return s.showAwards(w, r, http.StatusOK, kit.Form{})
}

func (s *Screens) showAwards(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	ctx := r.Context()
	q := r.URL.Query()
	year, err := s.yearOf(q)
	if err != nil {
		return err
	}
	f := emulation.AwardFilter{Status: emulation.Status(q.Get("status")), Kind: emulation.Kind(q.Get("kind"))}
	if f.Status != "" {
		if _, ok := emulation.StatusNames[f.Status]; !ok {
			return apperr.Field("status", "Trạng thái không hợp lệ.")
		}
	}
	if f.Kind != "" && f.Kind != emulation.Individual && f.Kind != emulation.Collective {
		return apperr.Field("kind", "Đối tượng không hợp lệ.")
	}
	from, err := parseDay("from", q.Get("from"))
	if err != nil {
		return err
	}
	to, err := parseDay("to", q.Get("to"))
	if err != nil {
		return err
	}
	f.DecidedFrom, f.DecidedTo = from, to
	page := &awardsPage{Year: year, Form: form, CanKeep: canKeep(r), Titles: emulation.Titles(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)),
		Today: s.today().Format("02/01/2006"), Ratings: emulation.Ratings}
	if from.IsZero() && to.IsZero() {
		f.Year = year
	} else {
		page.Period = fmt.Sprintf("quyết định từ %s đến %s", kit.Date(from), kit.Date(to))
	}
	page.Pager = kit.PagerFrom("/admin/thi-dua/khen-thuong", q, 50, 1000)
	f.Limit, f.Offset = page.Pager.Limit(), page.Pager.Offset()
	page.Filter = f
	awards, total, err := s.cfg.Service.Store.Awards(ctx, tenant(r), f)
	if err != nil {
		return err
	}
	page.Awards, page.Total = kit.Trim(&page.Pager, awards), total
	page.Pager.Total = total
	evals, err := s.cfg.Service.Store.Evaluations(ctx, tenant(r), year)
	if err != nil {
		return err
	}
	for _, e := range evals {
		row := evalRow{Evaluation: e}
		for _, t := range page.Titles {
			_, unmet, _ := s.cfg.Service.Eligible(e, t.Code)
			if len(unmet) == 0 {
				row.Eligible = append(row.Eligible, t)
			} else if unmet[0].Code == "par_tasks" {
				row.Blocked = unmet[0].Message
			}
		}
		page.Evaluations = append(page.Evaluations, row)
	}
	s.k.Page(w, r, code, "emu_awards", page)
	return nil
}

// Evaluate is POST /admin/thi-dua/danh-gia.
func (s *Screens) Evaluate(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	e := emulation.Evaluation{Year: atoi(v("year")), Kind: emulation.Kind(v("kind")), Name: v("name"), Unit: v("unit"),
		Rating: emulation.Rating(v("rating")), Initiative: v("initiative") != "", Disciplined: v("disciplined") != "",
		Members: atoi(v("members")), MembersLDTT: atoi(v("members_ldtt")), MembersCSTD: atoi(v("members_cstd")),
		MembersFailed: max(atoi(v("members_failed")), 0), ConsecutiveCSTD: max(atoi(v("consecutive_cstd")), 0)}
	if e.Kind == emulation.Individual {
		e.Members, e.MembersLDTT, e.MembersCSTD = 0, 0, 0
	}
	_, err := s.cfg.Service.Evaluate(r.Context(), tenant(r), s.actor(r), e)
	if invalid(err) {
		return s.showAwards(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/thi-dua/khen-thuong?year=%d", e.Year), "emulation-saved")
}

// Propose is POST /admin/thi-dua/de-nghi.
func (s *Screens) Propose(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	a, err := s.cfg.Service.Propose(r.Context(), tenant(r), s.actor(r), v("evaluation"), emulation.TitleCode(v("title")), v("achievement"))
	if invalid(err) {
		return s.showAwards(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/thi-dua/khen-thuong?year=%d", a.Year), "emulation-saved")
}

// Decide is POST /admin/thi-dua/khen-thuong/{id}.
func (s *Screens) Decide(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	on, err := parseDay("decided_on", v("decided_on"))
	var a emulation.Award
	if err == nil {
		a, err = s.cfg.Service.Decide(r.Context(), tenant(r), s.actor(r), r.PathValue("id"), v("decision") == "award", v("decision_no"), on, v("reason"))
	}
	if invalid(err) {
		return s.showAwards(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/thi-dua/khen-thuong?year=%d", a.Year), "emulation-saved")
}

// APIAwards is GET /api/v1/emulation/awards?year=|from=&to=&status=&kind=.
func (s *Screens) APIAwards(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := emulation.AwardFilter{Status: emulation.Status(q.Get("status")), Kind: emulation.Kind(q.Get("kind")), Limit: 1000}
	var err error
	if f.DecidedFrom, err = parseDay("from", q.Get("from")); err != nil {
		return err
	}
	if f.DecidedTo, err = parseDay("to", q.Get("to")); err != nil {
		return err
	}
	if q.Get("year") != "" || (f.DecidedFrom.IsZero() && f.DecidedTo.IsZero()) {
		if f.Year, err = s.yearOf(q); err != nil { // this year by default
			return err
		}
	}
	awards, total, err := s.cfg.Service.Store.Awards(r.Context(), tenant(r), f)
	if err != nil {
		return err
	}
	if awards == nil {
		awards = []emulation.Award{}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"total": total, "awards": awards})
}
