package petitionweb

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/petition"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// ---- The reception book (sổ tiếp công dân) and the schedule.

type bookPage struct {
	Period   kit.Period
	Visits   []petition.Visit
	Schedule []petition.ScheduledDay
	Missing  []string
	Form     kit.Form
	Kinds    []petition.VisitKind
	CanKeep  bool
	Today    string
	Exports  kit.Exports
	Rule     petition.GroupRule
	// Totals are the period's counts; Measure, when a report's figure
	// drills here, names the one it stated (visits, persons,
	// director_days), shown as the page's total.
	Totals  petition.VisitFigures
	Measure string
}

func (*bookPage) Title() string { return "Sổ tiếp công dân" }

// Value is a field's value: what was sent, else its default.
func (p *bookPage) Value(name string) string {
	if p.Form.Values != nil {
		return p.Form.Value(name)
	}
	switch name {
	case "day":
		return p.Today
	case "group_size":
		return "1"
	}
	return ""
}

func (s *Screens) book(r *http.Request) (kit.Period, []petition.Visit, []petition.ScheduledDay, error) {
	per, err := kit.PickPeriod(r.URL.Query(), s.today(), "month")
	if err != nil {
		return per, nil, nil, err
	}
	per.Action = "/admin/don-thu/tiep-dan"
	vs, err := s.svc().Store.Visits(r.Context(), tenant(r), per.From, per.To)
	if err != nil {
		return per, nil, nil, err
	}
	sch, err := s.svc().Store.Schedule(r.Context(), tenant(r), per.From, per.To.AddDays(62))
	return per, vs, sch, err
}

func (s *Screens) showBook(w http.ResponseWriter, r *http.Request, code int, f kit.Form) error {
	per, vs, sch, err := s.book(r)
	if err != nil {
		return err
	}
	measure := r.URL.Query().Get("measure")
	switch measure {
	case "", "visits", "persons", "director_days":
	default:
		return apperr.Field("measure", "Chỉ tiêu không hợp lệ.")
	}
	if measure == "director_days" {
		// The drill-down of the head's reception days lists those visits.
		var dv []petition.Visit
		for _, v := range vs {
			if v.Kind == petition.VisitDirector {
				dv = append(dv, v)
			}
		}
		vs = dv
	}
	to := per.To
	if s.today().Before(to) {
		to = s.today()
	}
	totals := petition.CountVisits(vs, per.From, to)
	q := url.Values{"from": {per.From.String()}, "to": {per.To.String()}}
	page := &bookPage{Period: per, Visits: vs, Schedule: sch, Missing: totals.MissingMonths, Form: f, Totals: totals, Measure: measure,
		Kinds: petition.VisitKinds, CanKeep: kit.Principal(r.Context()).Can(auth.KeepPetitions), Today: s.today().FormatVN(),
		Exports: kit.Exports{Base: "/admin/don-thu/tiep-dan/in/", Query: q.Encode(), Formats: []kit.ExportFormat{{Key: "pdf", Label: "In sổ (PDF)"}, {Key: "xlsx", Label: "Tải Excel (XLSX)"}}},
		Rule:    petition.GroupRuleOn(s.today())}
	s.k.Page(w, r, code, "pet_book", page)
	return nil
}

// Book is GET /admin/don-thu/tiep-dan.
func (s *Screens) Book(w http.ResponseWriter, r *http.Request) error {
	return s.showBook(w, r, http.StatusOK, kit.Form{})
}

// AddVisit is POST /admin/don-thu/tiep-dan.
func (s *Screens) AddVisit(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	day, err := parseDay("day", v("day"))
	if err == nil {
		n, _ := strconv.Atoi(strings.TrimSpace(v("group_size")))
		reps := strings.Split(v("representatives"), "\n")
		_, err = s.svc().RecordVisit(r.Context(), s.actor(r), tenant(r), petition.Visit{Day: day, Kind: petition.VisitKind(v("kind")),
			ReceivedBy: v("received_by"), Visitor: v("visitor"), Address: v("address"), GroupSize: n, Representatives: reps,
			Content: v("content"), Documents: v("documents"), FollowUp: v("follow_up")})
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showBook(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/don-thu/tiep-dan", "petition-saved")
}

// AddDay is POST /admin/don-thu/tiep-dan/lich: a scheduled reception day.
func (s *Screens) AddDay(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	day, err := parseDay("sched_day", v("sched_day"))
	if err == nil {
		_, err = s.svc().ScheduleDay(r.Context(), s.actor(r), tenant(r), petition.ScheduledDay{Day: day, Kind: petition.VisitKind(v("sched_kind")),
			Host: v("host"), Unit: v("unit"), Place: v("place")})
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showBook(w, r, http.StatusUnprocessableEntity, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/don-thu/tiep-dan", "petition-saved")
}

// BookSheet is the printable reception book: one row per visit.
func BookSheet(vs []petition.Visit, from, to calendar.Date, a render.Agency) render.StatSheet {
	sh := render.StatSheet{Agency: a.FullName, Code: "Sổ tiếp công dân", Title: "SỔ TIẾP CÔNG DÂN",
		Lines: []string{"Từ ngày " + from.FormatVN() + " đến ngày " + to.FormatVN()},
		Groups: []render.StatGroup{{Title: "Ngày tiếp"}, {Title: "Hình thức"}, {Title: "Họ tên, địa chỉ"}, {Title: "Người tiếp"},
			{Title: "Số người", Cols: []string{"Số người", "Người đại diện"}}, {Title: "Nội dung, tài liệu và kết quả", Cols: []string{"Nội dung trình bày, tài liệu nộp, hướng xử lý"}}}}
	for _, v := range vs {
		text := v.Content
		if v.Documents != "" {
			text += " | Tài liệu: " + v.Documents
		}
		if v.FollowUp != "" {
			text += " | Xử lý: " + v.FollowUp
		}
		who := v.Visitor
		if v.Address != "" {
			who += ", " + v.Address
		}
		sh.Rows = append(sh.Rows, render.StatRow{Labels: []string{v.Day.FormatVN(), v.Kind.Name(), who, v.ReceivedBy},
			Counts: []int64{int64(max(1, v.GroupSize)), int64(len(v.Representatives))}, Texts: []string{text}})
	}
	return sh
}

// PrintBook is GET /admin/don-thu/tiep-dan/in/{format}.
func (s *Screens) PrintBook(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	per, vs, _, err := s.book(r)
	if err != nil {
		return err
	}
	return kit.SendSheet(w, r.PathValue("format"), "so-tiep-cong-dan_"+per.From.String()+"_"+per.To.String(),
		BookSheet(vs, per.From, per.To, s.agency(r.Context(), tenant(r))))
}

// ---- The deadline calculator.

type duePage struct {
	Q      url.Values
	Result *petition.Deadline
	Error  string
	Kinds  []petition.Kind
	Stages map[petition.Kind][]StageOption
}

// StageOption is a stage as the calculator offers it.
type StageOption struct {
	Value petition.Stage
	Name  string
}

func (*duePage) Title() string { return "Tính thời hạn" }

// StageName names a stage in Vietnamese.
func StageName(st petition.Stage) string { return stageNames[st] }

var stageNames = map[petition.Stage]string{
	petition.StageAcceptance: "Thụ lý (từ ngày nhận đơn)", petition.StageFirstInstance: "Giải quyết lần đầu (từ ngày thụ lý)",
	petition.StageSecondInstance: "Giải quyết lần hai (từ ngày thụ lý)", petition.StageAppeal: "Thời hạn khiếu nại lần hai",
	petition.StageLawsuit: "Thời hiệu khởi kiện", petition.StageSendDecision: "Gửi quyết định tạm đình chỉ, đình chỉ, tiếp tục",
	petition.StageCheck: "Kiểm tra điều kiện thụ lý tố cáo", petition.StageForward: "Chuyển đơn tố cáo",
	petition.StageAcceptNotice: "Thông báo thụ lý tố cáo", petition.StageResolve: "Giải quyết tố cáo (từ ngày thụ lý)",
	petition.StageNotice: "Thông báo cho công dân (kiến nghị, phản ánh)",
}

// DueQuery computes a deadline from the calculator's parameters.
func (s *Screens) DueQuery(r *http.Request, q url.Values) (petition.Deadline, error) {
	kind, stage := petition.Kind(q.Get("kind")), petition.Stage(q.Get("stage"))
	if kind != petition.KindComplaint && kind != petition.KindDenunciation && kind != petition.KindFeedback {
		return petition.Deadline{}, apperr.Field("kind", "kind phải là complaint, denunciation hoặc feedback.")
	}
	ok := false
	for _, st := range petition.Stages(kind) {
		ok = ok || st == stage
	}
	if !ok {
		return petition.Deadline{}, apperr.Field("stage", "Bước không có trong quy định của loại đơn này.")
	}
	from, err := parseDay("from", q.Get("from"))
	if err != nil {
		return petition.Deadline{}, err
	}
	if from.IsZero() {
		return petition.Deadline{}, apperr.Field("from", "Nhập ngày bắt đầu tính (dd/mm/yyyy).")
	}
	version := from
	if v := q.Get("received"); v != "" {
		if version, err = parseDay("received", v); err != nil {
			return petition.Deadline{}, err
		}
	}
	on := func(k string) bool { v := q.Get(k); return v != "" && v != "0" && v != "false" }
	f := petition.Flags{Complex: on("complex"), EspeciallyComplex: on("especially_complex"), Remote: on("remote"), SeveralPlaces: on("several_places")}
	cal, err := s.svc().Cal(r.Context(), tenant(r))
	if err != nil {
		return petition.Deadline{}, err
	}
	d, err := petition.Due(cal, kind, stage, from, version, f)
	if err != nil {
		return d, apperr.New(apperr.Invalid, err.Error())
	}
	return d, nil
}

// Due is GET /admin/don-thu/thoi-han.
func (s *Screens) Due(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page := &duePage{Q: q, Kinds: []petition.Kind{petition.KindComplaint, petition.KindDenunciation, petition.KindFeedback}, Stages: map[petition.Kind][]StageOption{}}
	for _, k := range page.Kinds {
		for _, st := range petition.Stages(k) {
			page.Stages[k] = append(page.Stages[k], StageOption{st, StageName(st)})
		}
	}
	code := http.StatusOK
	if q.Get("kind") != "" {
		d, err := s.DueQuery(r, q)
		if e := kit.UserError(err); e != nil {
			page.Error, code = e.Message, http.StatusUnprocessableEntity
		} else if err != nil {
			return err
		} else {
			page.Result = &d
		}
	}
	s.k.Page(w, r, code, "pet_due", page)
	return nil
}

// ---- API.

// APIDue is GET /api/v1/petitions/due?kind=&stage=&from=[&complex=1…].
func (s *Screens) APIDue(w http.ResponseWriter, r *http.Request) error {
	d, err := s.DueQuery(r, r.URL.Query())
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, d)
}

// APIReport is GET /api/v1/petitions/report?from=&to=.
func (s *Screens) APIReport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, err := parseDay("from", q.Get("from"))
	if err != nil {
		return err
	}
	to, err := parseDay("to", q.Get("to"))
	if err != nil {
		return err
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return apperr.New(apperr.Invalid, "Cần from và to (YYYY-MM-DD), from không sau to.")
	}
	f, err := s.svc().Figures(r.Context(), tenant(r), from, to)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, f)
}

// APIList is GET /api/v1/petitions: the book as interchange records (a
// denouncer's identity is never in them).
func (s *Screens) APIList(w http.ResponseWriter, r *http.Request) error {
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
	ps, err := s.rows(r.Context(), tenant(r), f)
	if err != nil {
		return err
	}
	out := make([]petition.Record, len(ps))
	for i, p := range ps {
		out[i] = petition.RecordOf(p)
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"petitions": out})
}

// APIGet is GET /api/v1/petitions/{id}.
func (s *Screens) APIGet(w http.ResponseWriter, r *http.Request) error {
	p, err := s.load(r)
	if err != nil {
		return err
	}
	cal, err := s.svc().Cal(r.Context(), tenant(r))
	if err != nil {
		return err
	}
	out := map[string]any{"petition": petition.RecordOf(p)}
	if n, ok := petition.NextDeadline(cal, p, s.today()); ok {
		out["next"] = map[string]any{"what": n.What, "deadline": n.Deadline, "late": n.Late, "soon": n.Soon, "paused": n.Paused}
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

// APICreate is POST /api/v1/petitions: a petition from any channel, as an
// interchange record; the answer carries its code and PIN.
func (s *Screens) APICreate(w http.ResponseWriter, r *http.Request) error {
	var rec petition.Record
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return apperr.New(apperr.Invalid, "Dữ liệu JSON không hợp lệ: "+err.Error())
	}
	in, err := rec.Intake()
	if err != nil {
		return err
	}
	rc, err := s.svc().Receive(r.Context(), s.actor(r), tenant(r), in)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusCreated, map[string]any{"id": rc.Petition.ID, "code": rc.Petition.Code, "pin": rc.PIN, "warning": rc.Warning})
}
