package disseminationweb

import (
	"net/http"
	"sort"
	"strconv"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/dissemination"
	"tuphap/internal/web/kit"
)

// The smaller books: each page lists its records and carries the form that
// adds one; a refused form comes back as sent with its messages (422).

// bookPage is what every small book's page shares.
type bookPage struct {
	Scope    dissemination.Scope
	Communes []Commune
	Form     kit.Form
	CanKeep  bool
	Names    func(string) string
	Year     int
	Today    string
}

func (s *Screens) book(r *http.Request, sc dissemination.Scope, form kit.Form) bookPage {
	return bookPage{Scope: sc, Communes: s.communes(sc), Form: form, CanKeep: canKeep(r), Names: s.name, Year: s.today().Year(), Today: vnDay(s.today())}
}

// communeOf reads the form's commune ("tinh" or "" = the department's).
func communeOf(v string) string {
	if v == ownCode {
		return ""
	}
	return v
}

// refused reports whether err is a refusal the form shows again.
func refused(err error) bool {
	e := kit.UserError(err)
	return e != nil && e.Code == apperr.Invalid
}

// ---- Lecturers and communicators.

type peoplePage struct {
	bookPage
	People []dissemination.Person
	Active int
}

func (*peoplePage) Title() string { return "Báo cáo viên, tuyên truyền viên pháp luật" }

func (s *Screens) showPeople(w http.ResponseWriter, r *http.Request, code int, sc dissemination.Scope, form kit.Form) error {
	people, err := s.cfg.Service.Store.People(r.Context(), sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	page := &peoplePage{bookPage: s.book(r, sc, form), People: people}
	for _, p := range people {
		if p.ActiveOn(s.today()) {
			page.Active++
		}
	}
	s.k.Page(w, r, code, "dis_people", page)
	return nil
}

// People is GET /admin/pho-bien/nhan-su.
func (s *Screens) People(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showPeople(w, r, http.StatusOK, sc, kit.Form{})
}

// AddPerson is POST /admin/pho-bien/nhan-su.
func (s *Screens) AddPerson(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	var fs fields
	p := dissemination.Person{Role: dissemination.Role(v("role")), CommuneCode: communeOf(v("commune_code")), FullName: v("full_name"),
		Sex: v("sex"), Workplace: v("workplace"), DecisionNo: v("decision_no")}
	p.DecisionOn = fs.day("decision_on", v("decision_on"))
	err = fs.err()
	if err == nil {
		_, err = s.cfg.Service.AddPerson(r.Context(), s.actor(r), sc, p)
	}
	if refused(err) {
		return s.showPeople(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/nhan-su", "dissemination-saved")
}

// EndPerson is POST /admin/pho-bien/nhan-su/{id}/thoi.
func (s *Screens) EndPerson(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	var fs fields
	on := fs.day("ended_on", r.PostFormValue("ended_on"))
	if on.IsZero() {
		fs.l.Add("ended_on", "Ghi ngày thôi công nhận (dd/mm/yyyy).")
	}
	err = fs.err()
	if err == nil {
		err = s.cfg.Service.EndPerson(r.Context(), s.actor(r), sc, r.PathValue("id"), on)
	}
	if refused(err) {
		return s.showPeople(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/nhan-su", "dissemination-saved")
}

// ---- Materials, their print runs and distribution.

type materialsPage struct {
	bookPage
	Period    kit.Period
	Materials []dissemination.Material
	Given     map[string]int // copies handed out in the period, by title
	Extra     []materialLine // handed out but not in the book of materials
	Kinds     []struct{ Code, Name string }
	Printed   int
	Handed    int
}

func (*materialsPage) Title() string { return "Tài liệu phổ biến, giáo dục pháp luật" }

// KindName names a kind.
func (*materialsPage) KindName(k string) string { return dissemination.KindName(k) }

func (s *Screens) showMaterials(w http.ResponseWriter, r *http.Request, code int, sc dissemination.Scope, form kit.Form) error {
	per, err := kit.PickPeriod(r.URL.Query(), calendar.DateOf(s.cfg.Now()), "year")
	if err != nil {
		return err
	}
	per.Action = base + "/tai-lieu"
	p := dissemination.Period{From: dayOf(per.From), To: dayOf(per.To)}
	page := &materialsPage{bookPage: s.book(r, sc, form), Period: per, Given: map[string]int{}, Kinds: dissemination.Kinds}
	for y := p.From.Year(); y <= p.To.Year(); y++ {
		ms, err := s.cfg.Service.Store.Materials(r.Context(), sc.TenantID, sc.CommuneCode, y)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if !m.PublishedOn.Before(p.From) && !m.PublishedOn.After(p.To) {
				page.Materials = append(page.Materials, m)
				page.Printed += m.Copies
			}
		}
	}
	rep, err := s.cfg.Service.Report(r.Context(), sc, p)
	if err != nil {
		return err
	}
	page.Handed = rep.Copies
	known := map[string]bool{}
	for _, m := range page.Materials {
		known[m.Title] = true
		page.Given[m.Title] = rep.ByMaterial[m.Title]
	}
	for _, m := range rep.Materials() {
		if !known[m.Name] {
			page.Extra = append(page.Extra, materialLine{Name: m.Name, Copies: m.Copies})
		}
	}
	s.k.Page(w, r, code, "dis_materials", page)
	return nil
}

// Materials is GET /admin/pho-bien/tai-lieu.
func (s *Screens) Materials(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showMaterials(w, r, http.StatusOK, sc, kit.Form{})
}

// AddMaterial is POST /admin/pho-bien/tai-lieu.
func (s *Screens) AddMaterial(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	var fs fields
	m := dissemination.Material{CommuneCode: communeOf(v("commune_code")), Title: v("title"), Kind: v("kind"), Publisher: v("publisher")}
	m.PublishedOn = fs.day("published_on", v("published_on"))
	m.Copies = int(fs.num("copies", v("copies")))
	m.CostVND = fs.num("cost_vnd", v("cost_vnd"))
	err = fs.err()
	if err == nil {
		_, err = s.cfg.Service.AddMaterial(r.Context(), s.actor(r), sc, m)
	}
	if refused(err) {
		return s.showMaterials(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/tai-lieu", "dissemination-saved")
}

// ---- Legal bookshelves.

type shelvesPage struct {
	bookPage
	Shelves []dissemination.Bookshelf
	Books   int
}

func (*shelvesPage) Title() string { return "Tủ sách pháp luật" }

func (s *Screens) showShelves(w http.ResponseWriter, r *http.Request, code int, sc dissemination.Scope, form kit.Form) error {
	shelves, err := s.cfg.Service.Store.Bookshelves(r.Context(), sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	page := &shelvesPage{bookPage: s.book(r, sc, form), Shelves: shelves}
	for _, b := range shelves {
		page.Books += b.Books
	}
	s.k.Page(w, r, code, "dis_shelves", page)
	return nil
}

// Bookshelves is GET /admin/pho-bien/tu-sach.
func (s *Screens) Bookshelves(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showShelves(w, r, http.StatusOK, sc, kit.Form{})
}

// AddBookshelf is POST /admin/pho-bien/tu-sach.
func (s *Screens) AddBookshelf(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	var fs fields
	b := dissemination.Bookshelf{CommuneCode: communeOf(v("commune_code")), Name: v("name"), Place: v("place"), Keeper: v("keeper")}
	b.Books = int(fs.num("books", v("books")))
	b.OpenedOn = fs.day("opened_on", v("opened_on"))
	err = fs.err()
	if err == nil {
		_, err = s.cfg.Service.AddBookshelf(r.Context(), s.actor(r), sc, b)
	}
	if refused(err) {
		return s.showShelves(w, r, http.StatusUnprocessableEntity, sc, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/tu-sach", "dissemination-saved")
}

// ---- The year's plan and its tasks.

type planPage struct {
	bookPage
	PlanYear int
	Tasks    []taskLine
	Years    []int
}

type taskLine struct {
	dissemination.PlanTask
	Done int // activities recorded against it
	Href string
}

func (*planPage) Title() string { return "Kế hoạch phổ biến, giáo dục pháp luật" }

func (s *Screens) year(r *http.Request) (int, error) {
	y := s.today().Year()
	if v := r.URL.Query().Get("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2013 || n > y+1 {
			return 0, apperr.Field("year", "Năm không hợp lệ.")
		}
		y = n
	}
	return y, nil
}

func (s *Screens) showPlan(w http.ResponseWriter, r *http.Request, code int, sc dissemination.Scope, year int, form kit.Form) error {
	tasks, err := s.cfg.Service.Store.PlanTasks(r.Context(), sc.TenantID, sc.CommuneCode, year)
	if err != nil {
		return err
	}
	from, to := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	acts, err := s.cfg.Service.Store.Activities(r.Context(), sc.TenantID, dissemination.ActivityFilter{CommuneCode: sc.CommuneCode, From: &from, To: &to})
	if err != nil {
		return err
	}
	done := map[string]int{}
	for _, a := range acts {
		if a.PlanTask != "" {
			done[a.PlanTask]++
		}
	}
	page := &planPage{bookPage: s.book(r, sc, form), PlanYear: year}
	for _, t := range tasks {
		page.Tasks = append(page.Tasks, taskLine{PlanTask: t, Done: done[t.ID], Href: base + "/hoat-dong?task=" + t.ID})
	}
	for y := s.today().Year() + 1; y >= s.today().Year()-3; y-- {
		page.Years = append(page.Years, y)
	}
	s.k.Page(w, r, code, "dis_plan", page)
	return nil
}

// Plan is GET /admin/pho-bien/ke-hoach.
func (s *Screens) Plan(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	y, err := s.year(r)
	if err != nil {
		return err
	}
	return s.showPlan(w, r, http.StatusOK, sc, y, kit.Form{})
}

// AddTask is POST /admin/pho-bien/ke-hoach.
func (s *Screens) AddTask(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	var fs fields
	t := dissemination.PlanTask{CommuneCode: communeOf(v("commune_code")), PlanNo: v("plan_no"), Title: v("title"), LeadUnit: v("lead_unit")}
	t.Year = int(fs.num("year", v("year")))
	t.DueOn = fs.day("due_on", v("due_on"))
	t.Target = int(fs.num("target", v("target")))
	err = fs.err()
	if err == nil {
		_, err = s.cfg.Service.AddTask(r.Context(), s.actor(r), sc, t)
	}
	if refused(err) {
		y := t.Year
		if y < 2013 || y > s.today().Year()+1 {
			y = s.today().Year()
		}
		return s.showPlan(w, r, http.StatusUnprocessableEntity, sc, y, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/ke-hoach?year="+strconv.Itoa(t.Year), "dissemination-saved")
}

// ---- Access to law: self-assessments, recognitions, the province's list.

type accessPage struct {
	bookPage
	AssessYear int
	Rule       dissemination.AccessRule
	HasRule    bool
	Records    []accessLine
	Met        int
	Recognised int
	Years      []int
}

type accessLine struct {
	dissemination.AccessRecord
	Name    string
	Reasons []string
}

func (*accessPage) Title() string { return "Chuẩn tiếp cận pháp luật" }

// Score is a criterion's score of a line.
func (l accessLine) Score(no int) int { return l.Scores[no] }

func (s *Screens) showAccess(w http.ResponseWriter, r *http.Request, code int, sc dissemination.Scope, year int, form kit.Form) error {
	recs, err := s.cfg.Service.Store.Assessments(r.Context(), sc.TenantID, sc.CommuneCode, year)
	if err != nil {
		return err
	}
	page := &accessPage{bookPage: s.book(r, sc, form), AssessYear: year}
	page.Rule, page.HasRule = dissemination.RuleFor(year)
	for _, rec := range recs {
		l := accessLine{AccessRecord: rec, Name: s.name(rec.CommuneCode)}
		if rule, ok := dissemination.RuleFor(rec.Year); ok {
			if res, err := dissemination.Assess(rule, rec.Scores, rec.Disqualified); err == nil {
				l.Reasons = res.Reasons
			}
		}
		if rec.Met {
			page.Met++
		}
		if rec.Recognised() {
			page.Recognised++
		}
		page.Records = append(page.Records, l)
	}
	sort.SliceStable(page.Records, func(i, j int) bool { return page.Records[i].Total > page.Records[j].Total })
	for y := s.today().Year(); y >= 2021 && y >= s.today().Year()-4; y-- {
		page.Years = append(page.Years, y)
	}
	s.k.Page(w, r, code, "dis_access", page)
	return nil
}

// Access is GET /admin/pho-bien/tiep-can.
func (s *Screens) Access(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	y, err := s.year(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("year") == "" {
		y-- // the year last assessed
	}
	return s.showAccess(w, r, http.StatusOK, sc, y, kit.Form{})
}

// SelfAssess is POST /admin/pho-bien/tiep-can.
func (s *Screens) SelfAssess(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	var fs fields
	year := int(fs.num("year", v("year")))
	scores := map[int]int{}
	if rule, ok := dissemination.RuleFor(year); ok {
		for _, c := range rule.Criteria {
			f := "score_" + strconv.Itoa(c.No)
			if v(f) == "" {
				fs.l.Add(f, "Ghi điểm tiêu chí này.")
				continue
			}
			scores[c.No] = int(fs.num(f, v(f)))
		}
	}
	err = fs.err()
	if err == nil {
		_, err = s.cfg.Service.SelfAssess(r.Context(), s.actor(r), sc, communeOf(v("commune_code")), year, scores, v("disqualified") == "1")
	}
	show := year
	if show < 2021 || show > s.today().Year() {
		show = s.today().Year() - 1
	}
	if refused(err) {
		return s.showAccess(w, r, http.StatusUnprocessableEntity, sc, show, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/tiep-can?year="+strconv.Itoa(year), "dissemination-saved")
}

// Recognise is POST /admin/pho-bien/tiep-can/{commune}/cong-nhan.
func (s *Screens) Recognise(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	var fs fields
	year := int(fs.num("year", v("year")))
	on := fs.day("decision_on", v("decision_on"))
	err = fs.err()
	if err == nil {
		err = s.cfg.Service.Recognise(r.Context(), s.actor(r), sc, r.PathValue("commune"), year, v("decision_no"), on)
	}
	show := year
	if show < 2021 || show > s.today().Year() {
		show = s.today().Year() - 1
	}
	if refused(err) {
		return s.showAccess(w, r, http.StatusUnprocessableEntity, sc, show, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/tiep-can?year="+strconv.Itoa(year), "dissemination-saved")
}
