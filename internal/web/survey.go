package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/render"
	"tuphap/internal/survey"
	"tuphap/internal/web/kit"
)

// surveys is the satisfaction surveys' service over the server's database.
func (s *Server) surveys() *survey.Service {
	return &survey.Service{Store: s.db.Surveys(), Dossiers: s.db.Dossiers(), Now: s.now}
}

// surveyQuarter reads ?quarter=YYYY-Q, the current quarter by default.
func (s *Server) surveyQuarter(r *http.Request) (survey.Quarter, error) {
	if q := r.URL.Query().Get("quarter"); q != "" {
		return survey.ParseQuarter(q)
	}
	return survey.QuarterOf(calendar.DateOf(s.now())), nil
}

// scoresFrom reads a questionnaire's answers from a form: field "q.<code>"
// holds 0–5 ("" is 0).
func scoresFrom(form url.Values, q survey.Questionnaire) (map[string]int, error) {
	scores := map[string]int{}
	for _, g := range q.Groups {
		for _, qu := range g.Questions {
			v := strings.TrimSpace(form.Get("q." + qu.Code))
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 5 {
				return nil, apperr.Field("q."+qu.Code, "Mức đánh giá phải từ 1 (rất không hài lòng) đến 5 (rất hài lòng).")
			}
			scores[qu.Code] = n
		}
	}
	return scores, nil
}

type surveyResultsPage struct {
	Results  survey.Results
	Quarter  survey.Quarter
	Quarters []survey.Quarter
	Exports  kit.Exports
	CanEdit  bool
	CanEnter bool
	units    map[string]string
}

func (*surveyResultsPage) title() string { return "Khảo sát mức độ hài lòng" }

// UnitName names a unit by code.
func (p *surveyResultsPage) UnitName(code string) string {
	if n := p.units[code]; n != "" {
		return n
	}
	if code == "" {
		return "Chưa xác định"
	}
	return code
}

// Pct formats a percentage.
func (p *surveyResultsPage) Pct(x *float64) string { return render.PctText(x) }

// Mean formats an average score.
func (p *surveyResultsPage) Mean(x *float64) string { return render.DecText(x) }

func (s *Server) unitNames(r *http.Request) (map[string]string, error) {
	units, err := s.db.Org().Units(r.Context(), principalFrom(r.Context()).TenantID)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, u := range units {
		m[u.Code] = u.Name
	}
	return m, nil
}

// surveyResultsOf is the quarter's results of the tenant per unit and, for
// a department with commune tenants attached, per agency of the province
// with the province's total.
func (s *Server) surveyResultsOf(ctx context.Context, tenantID string, q survey.Quarter) (survey.Results, error) {
	svc := s.surveys()
	res, err := svc.Results(ctx, tenantID, q)
	if err != nil {
		return res, err
	}
	links, err := s.db.Org().CommuneLinks(ctx, tenantID)
	if err != nil || len(links) == 0 {
		return res, err
	}
	t, err := s.db.Org().Tenant(ctx, tenantID)
	if err != nil {
		return res, err
	}
	dept := res.Total
	dept.Unit = t.Name
	res.Province = []survey.Row{dept}
	for _, l := range links {
		c, err := s.db.Org().Tenant(ctx, l.TenantID)
		if err != nil {
			return res, err
		}
		cr, err := svc.Results(ctx, l.TenantID, q)
		if err != nil {
			return res, err
		}
		row := cr.Total
		row.Unit = c.Name
		res.Province = append(res.Province, row)
	}
	total := survey.Combine("Toàn tỉnh", res.Province)
	res.ProvinceTotal = &total
	return res, nil
}

// surveyResults is the quarter's results per unit (GET /admin/khao-sat).
func (s *Server) surveyResults(w http.ResponseWriter, r *http.Request) error {
	q, err := s.surveyQuarter(r)
	if err != nil {
		return err
	}
	p := principalFrom(r.Context())
	res, err := s.surveyResultsOf(r.Context(), p.TenantID, q)
	if err != nil {
		return err
	}
	page := &surveyResultsPage{Results: res, Quarter: q, CanEdit: p.Can(auth.ManageCatalog), CanEnter: p.Can(auth.ReceiveDossier)}
	if page.units, err = s.unitNames(r); err != nil {
		return err
	}
	cur := survey.QuarterOf(calendar.DateOf(s.now()))
	for i := 0; i < 8; i++ {
		page.Quarters = append(page.Quarters, cur)
		cur = cur.Prev()
	}
	page.Exports = kit.Exports{Base: "/admin/khao-sat/xuat/", Query: "quarter=" + q.String(), Formats: []kit.ExportFormat{
		{Key: "xlsx", Label: "Tải kết quả (Excel)"}, {Key: "pdf", Label: "Tải kết quả (PDF)"}}}
	s.renderPage(w, r, http.StatusOK, "survey_results", page)
	return nil
}

// surveyExport downloads the quarter's results as XLSX or PDF.
func (s *Server) surveyExport(w http.ResponseWriter, r *http.Request) error {
	q, err := s.surveyQuarter(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p := principalFrom(ctx)
	res, err := s.surveyResultsOf(ctx, p.TenantID, q)
	if err != nil {
		return err
	}
	t, err := s.db.Org().Tenant(ctx, p.TenantID)
	if err != nil {
		return err
	}
	names, err := s.unitNames(r)
	if err != nil {
		return err
	}
	unitName := func(c string) string {
		if n := names[c]; n != "" {
			return n
		}
		return c
	}
	sheet := render.SurveySheet(res, t.Name, unitName, provinceOf(t.Name), calendar.DateOf(s.now()), p.FullName)
	sheet.Generated = s.now()
	return kit.SendSheet(w, r.PathValue("format"), "khaosat_"+q.String(), sheet)
}

// apiSurveyResults is GET /api/v1/surveys/results?quarter=YYYY-Q.
func (s *Server) apiSurveyResults(w http.ResponseWriter, r *http.Request) error {
	if r.URL.Query().Get("quarter") == "" {
		return apperr.Field("quarter", "Cần tham số quarter (YYYY-Q, ví dụ 2026-4).")
	}
	q, err := s.surveyQuarter(r)
	if err != nil {
		return err
	}
	res, err := s.surveyResultsOf(r.Context(), principalFrom(r.Context()).TenantID, q)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// apiSurveyAnswer is POST /api/v1/surveys: a paper survey entered at the
// counter ({"dossier_code", "version", "scores", "comment"}).
func (s *Server) apiSurveyAnswer(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		DossierCode string         `json:"dossier_code"`
		Version     int            `json:"version"`
		Scores      map[string]int `json:"scores"`
		Comment     string         `json:"comment"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.DossierCode) == "" || len(in.DossierCode) > 64 {
		return apperr.Field("dossier_code", "Cần mã hồ sơ.")
	}
	a, err := s.surveys().Submit(r.Context(), actor(r), principalFrom(r.Context()).TenantID, strings.TrimSpace(in.DossierCode), survey.Counter, in.Version, in.Scores, in.Comment)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy hồ sơ với mã đã nhập.")
	}
	return writeJSON(w, http.StatusCreated, a)
}

type questionnairePage struct {
	Q        survey.Questionnaire
	Versions []survey.Questionnaire
	Form     kit.Form
	CanEdit  bool
	Saved    bool
}

func (*questionnairePage) title() string { return "Phiếu khảo sát mức độ hài lòng" }

// Lines are a group's questions one per line (the edit form's value).
func (p *questionnairePage) Lines(g survey.Group) string {
	if p.Form.Values != nil {
		return p.Form.Value("lines." + string(g.Code))
	}
	var out []string
	for _, q := range g.Questions {
		out = append(out, q.Text)
	}
	return strings.Join(out, "\n")
}

// Name is a group's name in the form.
func (p *questionnairePage) Name(g survey.Group) string {
	if p.Form.Values != nil {
		return p.Form.Value("name." + string(g.Code))
	}
	return g.Name
}

// Title is the questionnaire's title in the form.
func (p *questionnairePage) Title() string {
	if p.Form.Values != nil {
		return p.Form.Value("title")
	}
	return p.Q.Title
}

// Source is where the default questionnaire comes from.
func (*questionnairePage) Source() string { return survey.Source }

func (s *Server) showQuestionnaire(w http.ResponseWriter, r *http.Request, code int, form kit.Form) error {
	p := principalFrom(r.Context())
	svc := s.surveys()
	q, err := svc.Current(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	vs, err := svc.Store.Questionnaires(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	page := &questionnairePage{Q: q, Versions: vs, Form: form, CanEdit: p.Can(auth.ManageCatalog), Saved: r.URL.Query().Has("luu")}
	s.renderPage(w, r, code, "survey_questionnaire", page)
	return nil
}

// surveyQuestionnaire shows the questionnaire in force and its versions.
func (s *Server) surveyQuestionnaire(w http.ResponseWriter, r *http.Request) error {
	return s.showQuestionnaire(w, r, http.StatusOK, kit.Form{})
}

// surveyQuestionnaireSave saves the edited questionnaire as a new version.
func (s *Server) surveyQuestionnaireSave(w http.ResponseWriter, r *http.Request) error {
	names, lines := map[survey.GroupCode]string{}, map[survey.GroupCode]string{}
	for _, g := range survey.Groups {
		names[g], lines[g] = r.PostFormValue("name."+string(g)), r.PostFormValue("lines."+string(g))
	}
	_, err := s.surveys().Edit(r.Context(), actor(r), principalFrom(r.Context()).TenantID, r.PostFormValue("title"), names, lines)
	if e := userError(err); e != nil {
		return s.showQuestionnaire(w, r, status(e.Code), kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/khao-sat/phieu?luu=1", http.StatusSeeOther)
	return nil
}

// surveyForm is the questionnaire as a form to answer (the counter's and
// the portal's pages share it).
type surveyForm struct {
	Q     survey.Questionnaire
	Form  kit.Form
	Scale []string
}

// Checked reports whether a question's value is v in the sent form.
func (f surveyForm) Checked(code string, v int) bool {
	return f.Form.Values != nil && f.Form.Value("q."+code) == strconv.Itoa(v)
}

// Levels are the answers 1–5 with their labels, and 0 ("không trả lời").
func (f surveyForm) Levels() []surveyLevel {
	out := make([]surveyLevel, 0, 6)
	for v := 5; v >= 0; v-- {
		out = append(out, surveyLevel{V: v, Label: survey.Scale[v]})
	}
	return out
}

type surveyLevel struct {
	V     int
	Label string
}

type surveyEntryPage struct {
	Code  string
	D     *dossier.Dossier
	Done  *survey.Answer
	Saved string
	Error string
	F     surveyForm
}

func (*surveyEntryPage) title() string { return "Nhập phiếu khảo sát giấy" }

// surveyEntry is the desk's form for a paper survey (GET
// /admin/khao-sat/nhap?ma=CODE).
func (s *Server) surveyEntry(w http.ResponseWriter, r *http.Request) error {
	return s.showSurveyEntry(w, r, http.StatusOK, strings.TrimSpace(r.URL.Query().Get("ma")), kit.Form{})
}

func (s *Server) showSurveyEntry(w http.ResponseWriter, r *http.Request, code int, ref string, form kit.Form) error {
	ctx := r.Context()
	p := principalFrom(ctx)
	svc := s.surveys()
	q, err := svc.Current(ctx, p.TenantID)
	if err != nil {
		return err
	}
	page := &surveyEntryPage{Code: ref, Saved: r.URL.Query().Get("luu"), F: surveyForm{Q: q, Form: form, Scale: survey.Scale}}
	if form.Message != "" {
		page.Error = form.Message
	}
	if len(ref) > 64 {
		return apperr.Field("ma", "Mã hồ sơ không hợp lệ.")
	}
	if ref != "" {
		d, err := s.db.Dossiers().Dossier(ctx, p.TenantID, ref)
		if err != nil {
			return notFoundAs(err, "Không tìm thấy hồ sơ với mã đã nhập.")
		}
		page.D = &d
		if a, err := svc.Store.Answer(ctx, p.TenantID, d.ID); err == nil {
			page.Done = &a
		} else if apperr.CodeOf(err) != apperr.NotFound {
			return err
		}
		if page.Done == nil && page.Error == "" {
			if err := survey.Eligible(&d); err != nil {
				page.Error = apperr.As(err).Message
			}
		}
	}
	s.renderPage(w, r, code, "survey_entry", page)
	return nil
}

// surveyEntrySave records a paper survey (POST /admin/khao-sat/nhap).
func (s *Server) surveyEntrySave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principalFrom(ctx)
	ref := strings.TrimSpace(r.PostFormValue("ma"))
	if ref == "" || len(ref) > 64 {
		return apperr.Field("ma", "Cần mã hồ sơ.")
	}
	svc := s.surveys()
	q, err := svc.Current(ctx, p.TenantID)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	scores, err := scoresFrom(r.PostForm, q)
	if err == nil {
		_, err = svc.Submit(ctx, actor(r), p.TenantID, ref, survey.Counter, version, scores, r.PostFormValue("comment"))
	}
	if e := userError(err); e != nil && e.Code != apperr.NotFound {
		return s.showSurveyEntry(w, r, status(e.Code), ref, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return notFoundAs(err, "Không tìm thấy hồ sơ với mã đã nhập.")
	}
	http.Redirect(w, r, "/admin/khao-sat/nhap?luu="+url.QueryEscape(ref), http.StatusSeeOther)
	return nil
}
