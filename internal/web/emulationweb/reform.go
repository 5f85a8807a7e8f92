package emulationweb

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/emulation"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// ---- "Dân vận khéo" models.

type modelsPage struct {
	Models  []emulation.Model
	Total   int
	Pager   kit.Pager
	Period  string
	Fields  []string
	Form    kit.Form
	CanKeep bool
	Year    int
	Today   string
}

func (*modelsPage) Title() string { return "Mô hình \"Dân vận khéo\"" }

// Models is GET /admin/thi-dua/dan-van-kheo (recognised=1&from=&to= lists
// the models behind the figure).
func (s *Screens) Models(w http.ResponseWriter, r *http.Request) error {
	return s.showModels(w, r, http.StatusOK, kit.Form{})
}

func (s *Screens) showModels(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	q := r.URL.Query()
	f := emulation.ModelFilter{Recognised: q.Get("recognised") == "1"}
	var err error
	if f.RecognisedFrom, err = parseDay("from", q.Get("from")); err != nil {
		return err
	}
	if f.RecognisedTo, err = parseDay("to", q.Get("to")); err != nil {
		return err
	}
	page := &modelsPage{Fields: emulation.ModelFields, Form: form, CanKeep: canKeep(r), Year: s.today().Year(), Today: s.today().Format("02/01/2006")}
	if !f.RecognisedFrom.IsZero() || !f.RecognisedTo.IsZero() {
		page.Period = fmt.Sprintf("công nhận từ %s đến %s", kit.Date(f.RecognisedFrom), kit.Date(f.RecognisedTo))
	}
	page.Pager = kit.PagerFrom("/admin/thi-dua/dan-van-kheo", q, 50, 1000)
	f.Limit, f.Offset = page.Pager.Limit(), page.Pager.Offset()
	ms, total, err := s.cfg.Service.Store.Models(r.Context(), tenant(r), f)
	if err != nil {
		return err
	}
	page.Models, page.Total = kit.Trim(&page.Pager, ms), total
	page.Pager.Total = total
	s.k.Page(w, r, code, "emu_models", page)
	return nil
}

// CreateModel is POST /admin/thi-dua/dan-van-kheo.
func (s *Screens) CreateModel(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	_, err := s.cfg.Service.SaveModel(r.Context(), tenant(r), s.actor(r), emulation.Model{Name: v("name"), Field: v("field"), Unit: v("unit"),
		Content: v("content"), Results: v("results"), Year: atoi(v("year"))})
	if invalid(err) {
		return s.showModels(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/thi-dua/dan-van-kheo", "emulation-saved")
}

// RecogniseModel is POST /admin/thi-dua/dan-van-kheo/{id}/cong-nhan.
func (s *Screens) RecogniseModel(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	on, err := parseDay("recognised_on", v("recognised_on"))
	if err == nil {
		_, err = s.cfg.Service.RecogniseModel(r.Context(), tenant(r), s.actor(r), r.PathValue("id"), v("level"), v("decision_no"), on)
	}
	if invalid(err) {
		return s.showModels(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/thi-dua/dan-van-kheo", "emulation-saved")
}

type publicModelsPage struct {
	Agency string
	Models []emulation.Model
}

func (p *publicModelsPage) Title() string { return "Mô hình \"Dân vận khéo\" · " + p.Agency }

// PublicModels is GET /dan-van-kheo/{agency}: the agency's recognised
// models, for everyone.
func (s *Screens) PublicModels(w http.ResponseWriter, r *http.Request) error {
	id, name, err := s.cfg.TenantByCode(r.Context(), strings.ToUpper(r.PathValue("agency")))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy cơ quan.")
	}
	ms, _, err := s.cfg.Service.Store.Models(r.Context(), id, emulation.ModelFilter{Recognised: true, Limit: 500})
	if err != nil {
		return err
	}
	s.k.Page(w, r, http.StatusOK, "emu_public_models", &publicModelsPage{Agency: name, Models: ms})
	return nil
}

// ---- Administrative reform: plan, quarterly review, self-assessment.

type reformPage struct {
	Year       int
	Tasks      []taskRow
	Quarters   []emulation.QuarterSummary
	Criteria   []emulation.Criterion
	Points     float64
	MaxPoints  float64
	NoEvidence []string
	Owners     []ownerRow
	SIPAS      *annualreport.Figure
	Areas      []string
	States     map[emulation.TaskState]string
	Form       kit.Form
	CanKeep    bool
	Today      string
	Quarter    int
}

type taskRow struct {
	emulation.Task
	State   emulation.TaskState
	Reviews []emulation.Review
}

type ownerRow struct {
	Owner  string
	Met    bool
	Failed []emulation.Task
}

func (p *reformPage) Title() string { return fmt.Sprintf("Cải cách hành chính năm %d", p.Year) }

// Reform is GET /admin/cchc?year=.
func (s *Screens) Reform(w http.ResponseWriter, r *http.Request) error {
	return s.showReform(w, r, http.StatusOK, kit.Form{})
}

func (s *Screens) showReform(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	ctx := r.Context()
	year, err := s.yearOf(r.URL.Query())
	if err != nil {
		return err
	}
	if v := r.PostFormValue("year"); v != "" && atoi(v) >= 2000 {
		year = atoi(v)
	}
	today := s.today()
	asOf := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	if today.Before(asOf) {
		asOf = today
	}
	tasks, err := s.cfg.Service.Store.Tasks(ctx, tenant(r), year)
	if err != nil {
		return err
	}
	reviews, err := s.cfg.Service.Store.Reviews(ctx, tenant(r), year)
	if err != nil {
		return err
	}
	cs, err := s.cfg.Service.Store.Criteria(ctx, tenant(r), year)
	if err != nil {
		return err
	}
	page := &reformPage{Year: year, Quarters: emulation.Quarters(tasks, reviews, year, today), Criteria: cs, Areas: emulation.ParAreas,
		States: emulation.TaskStateNames, Form: form, CanKeep: canKeep(r), Today: today.Format("02/01/2006"), Quarter: (int(today.Month())-1)/3 + 1}
	page.Points, page.MaxPoints, page.NoEvidence = emulation.SelfTotal(cs)
	owners := map[string]bool{}
	for _, t := range tasks {
		row := taskRow{Task: t, State: t.State(asOf)}
		for _, rv := range reviews {
			if rv.TaskID == t.ID {
				row.Reviews = append(row.Reviews, rv)
			}
		}
		page.Tasks = append(page.Tasks, row)
		if !owners[t.Owner] {
			owners[t.Owner] = true
			met, failed := emulation.ParMet(tasks, t.Owner, year, asOf)
			page.Owners = append(page.Owners, ownerRow{t.Owner, met, failed})
		}
	}
	p, _ := annualreport.PeriodOf(year, 0)
	if sec, err := s.section(ctx, tenant(r), p, "reform"); err == nil {
		for _, f := range sec.Figures {
			if f.Key == "sipas_satisfaction_rate" && f.Held {
				page.SIPAS = &f
			}
		}
	}
	s.k.Page(w, r, code, "emu_reform", page)
	return nil
}

// CreateTask is POST /admin/cchc/nhiem-vu.
func (s *Screens) CreateTask(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	due, err := parseDay("due", v("due"))
	t := emulation.Task{Year: atoi(v("year")), Area: v("area"), Name: v("name"), Owner: v("owner"), Product: v("product"), Due: due}
	if err == nil {
		t, err = s.cfg.Service.SaveTask(r.Context(), tenant(r), s.actor(r), t)
	}
	if invalid(err) {
		return s.showReform(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/cchc?year=%d", t.Year), "emulation-saved")
}

// ReviewTask is POST /admin/cchc/nhiem-vu/{id}/danh-gia.
func (s *Screens) ReviewTask(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	var done *time.Time
	d, err := parseDay("done_on", v("done_on"))
	if !d.IsZero() {
		done = &d
	}
	var rv emulation.Review
	if err == nil {
		rv, err = s.cfg.Service.ReviewTask(r.Context(), tenant(r), s.actor(r), r.PathValue("id"), atoi(v("quarter")), atoi(v("progress")), v("note"), done)
	}
	if invalid(err) {
		return s.showReform(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/cchc?year=%d", rv.Year), "emulation-saved")
}

// SaveCriterion is POST /admin/cchc/tu-cham.
func (s *Screens) SaveCriterion(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	num := func(k string) float64 {
		f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v(k)), ",", "."), 64)
		if err != nil {
			return -1
		}
		return f
	}
	c := emulation.Criterion{Year: atoi(v("year")), Code: v("code"), Area: v("area"), Name: v("name"), MaxPoints: num("max_points"), Points: num("points"), Evidence: v("evidence")}
	c, err := s.cfg.Service.SaveCriterion(r.Context(), tenant(r), s.actor(r), c)
	if invalid(err) {
		return s.showReform(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/cchc?year=%d#tu-cham", c.Year), "emulation-saved")
}

// ---- The annual report.

type annualPage struct {
	Report   annualreport.Report
	Parts    []struct{ Key, Title string }
	Years    []int
	CanWrite bool
	Query    string
	Held     int
	NotHeld  int
}

func (p *annualPage) Title() string { return "Báo cáo công tác " + p.Report.Period.Name() }

func (s *Screens) report(r *http.Request) (annualreport.Report, render.Agency, error) {
	q := r.URL.Query()
	year, err := s.yearOf(q)
	if err != nil {
		return annualreport.Report{}, render.Agency{}, err
	}
	half := 0
	if q.Get("half") == "1" {
		half = 1
	}
	p, err := annualreport.PeriodOf(year, half)
	if err != nil {
		return annualreport.Report{}, render.Agency{}, err
	}
	ctx := r.Context()
	ag, province, err := s.cfg.Agency(ctx, tenant(r))
	if err != nil {
		return annualreport.Report{}, ag, err
	}
	texts, err := s.cfg.Texts.AnnualTexts(ctx, tenant(r), year, half)
	if err != nil {
		return annualreport.Report{}, ag, err
	}
	rep, err := s.cfg.Annual.Build(ctx, annualreport.Scope{TenantID: tenant(r), ProvinceCode: province}, p, texts)
	rep.Agency, rep.Superior, rep.Place, rep.Generated = ag.FullName, ag.Superior, ag.Place, s.cfg.Now()
	return rep, ag, err
}

// Annual is GET /admin/bao-cao-nam?year=&half=.
func (s *Screens) Annual(w http.ResponseWriter, r *http.Request) error {
	rep, _, err := s.report(r)
	if err != nil {
		return err
	}
	// A drill-down into a register the viewer may not open is shown as a
	// number, not a link that answers 403.
	for i := range rep.Sections {
		for j := range rep.Sections[i].Figures {
			if f := &rep.Sections[i].Figures[j]; f.Drill != "" && !s.k.MayOpen(r, f.Drill) {
				f.Drill = ""
			}
		}
	}
	page := &annualPage{Report: rep, Parts: annualreport.Parts, CanWrite: kit.Principal(r.Context()).Can(auth.WriteAnnualReport),
		Query: fmt.Sprintf("year=%d&half=%d", rep.Period.Year, rep.Period.Half)}
	for y := s.today().Year(); y >= s.today().Year()-5; y-- {
		page.Years = append(page.Years, y)
	}
	for _, f := range rep.Figures() {
		if f.Value != nil {
			page.Held++
		} else {
			page.NotHeld++
		}
	}
	s.k.Page(w, r, http.StatusOK, "emu_annual", page)
	return nil
}

// SaveAnnual is POST /admin/bao-cao-nam: the director's paragraphs.
func (s *Screens) SaveAnnual(w http.ResponseWriter, r *http.Request) error {
	year, half := atoi(r.PostFormValue("year")), atoi(r.PostFormValue("half"))
	if _, err := annualreport.PeriodOf(year, half); err != nil {
		return err
	}
	texts := map[string]string{}
	keys := []string{}
	for _, p := range annualreport.Parts {
		keys = append(keys, p.Key)
	}
	for _, f := range annualreport.Fields {
		keys = append(keys, f.Key)
	}
	for _, k := range keys {
		if v, ok := r.PostForm["text_"+k]; ok {
			t := strings.TrimSpace(strings.ReplaceAll(v[0], "\r\n", "\n"))
			if len([]rune(t)) > 20000 {
				return apperr.Field("text_"+k, "Đoạn văn dài quá 20.000 ký tự.")
			}
			texts[k] = t
		}
	}
	a := s.k.Actor(r)
	e := audit.Entry{TenantID: tenant(r), ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: "annualreport.texts",
		Object: fmt.Sprintf("%d-%d", year, half), Detail: fmt.Sprintf("%d đoạn", len(texts))}
	if err := s.cfg.Texts.SaveAnnualTexts(r.Context(), tenant(r), year, half, texts, e); err != nil {
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/bao-cao-nam?year=%d&half=%d", year, half), "annual-saved")
}

// AnnualExport is GET /admin/bao-cao-nam/xuat/{format}: docx, pdf, xlsx
// or json.
func (s *Screens) AnnualExport(w http.ResponseWriter, r *http.Request) error {
	format := r.PathValue("format")
	rep, ag, err := s.report(r)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("bao-cao-%d", rep.Period.Year)
	if rep.Period.Half == 1 {
		name += "-6-thang"
	}
	var buf bytes.Buffer
	var ctype string
	switch format {
	case "docx":
		ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		err = render.AnnualDOCX(&buf, ag, rep)
	case "xlsx":
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = render.AnnualXLSX(&buf, ag, rep)
	case "pdf":
		ctype = "application/pdf"
		var b []byte
		if b, err = render.Annual(ag, rep); err == nil {
			buf.Write(b)
		}
	case "json":
		return kit.WriteJSON(w, http.StatusOK, JSONOf(rep))
	default:
		return apperr.New(apperr.NotFound, "Định dạng không hỗ trợ (docx, pdf, xlsx, json).")
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.`+format+`"`)
	_, err = w.Write(buf.Bytes())
	return err
}

// AnnualJSON is the stable JSON of the report (`tuphap report annual
// --format json`, GET /api/v1/annual-report): every figure with its key,
// value (null when not held) and definition.
type AnnualJSON struct {
	Agency   string                 `json:"agency"`
	Year     int                    `json:"year"`
	Half     int                    `json:"half"`
	From     string                 `json:"from"`
	To       string                 `json:"to"`
	Figures  []annualreport.Figure  `json:"figures"`
	Sections []annualreport.Section `json:"sections"`
	Texts    map[string]string      `json:"texts"`
}

// JSONOf returns the JSON of a report.
func JSONOf(rep annualreport.Report) AnnualJSON {
	return AnnualJSON{Agency: rep.Agency, Year: rep.Period.Year, Half: rep.Period.Half, From: rep.Period.From.Format("2006-01-02"),
		To: rep.Period.To.Format("2006-01-02"), Figures: rep.Figures(), Sections: rep.Sections, Texts: rep.Texts}
}

// APIAnnual is GET /api/v1/annual-report?year=&half=.
func (s *Screens) APIAnnual(w http.ResponseWriter, r *http.Request) error {
	rep, _, err := s.report(r)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, JSONOf(rep))
}
