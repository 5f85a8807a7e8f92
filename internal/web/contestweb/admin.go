package contestweb

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/contest"
	"tuphap/internal/web/kit"
)

func (s *Screens) actor(r *http.Request) contest.Actor {
	a := s.k.Actor(r)
	return contest.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

func tenantOf(r *http.Request) string { return kit.Principal(r.Context()).TenantID }

func canKeep(r *http.Request) bool { return kit.Principal(r.Context()).Can(auth.KeepContests) }

type contestsPage struct {
	Contests []contest.Contest
	CanKeep  bool
	Message  string
	Form     map[string]string
	Fields   map[string]string
	// Period and the entries submitted in it, per contest and in all (the
	// annual report's drill-down of contest_participants).
	Period  *kit.Period // nil: no period asked for
	Entries map[string]contest.PeriodEntries
	Total   contest.PeriodEntries
	Held    int // contests with entries in the period
	// Measure names the figure a report drilled here for ("" entries,
	// "people", "contests"): the page's stated total.
	Measure string
}

func (*contestsPage) Title() string { return "Cuộc thi tìm hiểu pháp luật trực tuyến" }

// Contests is GET /admin/cuoc-thi.
func (s *Screens) Contests(w http.ResponseWriter, r *http.Request) error {
	return s.showContests(w, r, http.StatusOK, "", nil)
}

func (s *Screens) showContests(w http.ResponseWriter, r *http.Request, code int, msg string, fields map[string]string) error {
	cs, err := s.cfg.Service.Store.Contests(r.Context(), tenantOf(r))
	if err != nil {
		return err
	}
	page := &contestsPage{Contests: cs, CanKeep: canKeep(r), Message: msg, Fields: fields, Form: map[string]string{}}
	// The entries of a period are counted when a period is asked for (the
	// annual report's drill-down, the period tabs): a national round holds
	// a million attempts, not to be counted on every visit.
	if q := r.URL.Query(); q.Get("period") != "" || q.Get("from") != "" || q.Get("to") != "" {
		per, err := kit.PickPeriod(q, calendar.DateOf(s.cfg.Now().In(contest.Zone)), "year")
		if err != nil {
			return err
		}
		per.Action = "/admin/cuoc-thi"
		day := func(d calendar.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }
		from, to := contest.DaysIn(day(per.From), day(per.To))
		es, err := s.cfg.Service.Store.EntriesIn(r.Context(), tenantOf(r), from, to)
		if err != nil {
			return err
		}
		page.Period, page.Entries, page.Held = &per, map[string]contest.PeriodEntries{}, len(es)
		switch page.Measure = q.Get("measure"); page.Measure {
		case "", "people", "contests":
		default:
			return apperr.Field("measure", "Chỉ tiêu không hợp lệ.")
		}
		for _, e := range es {
			page.Entries[e.ContestID] = e
			page.Total.Entries += e.Entries
			page.Total.Participants += e.Participants
		}
	}
	for k := range r.PostForm {
		page.Form[k] = r.PostFormValue(k)
	}
	s.k.Page(w, r, code, "ct_contests", page)
	return nil
}

// CreateContest is POST /admin/cuoc-thi.
func (s *Screens) CreateContest(w http.ResponseWriter, r *http.Request) error {
	v := r.PostFormValue
	minAge, _ := strconv.Atoi(strings.TrimSpace(v("min_age")))
	var prizes []contest.Prize
	for _, line := range strings.Split(v("prizes"), "\n") {
		name, n, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		if k, err := strconv.Atoi(strings.TrimSpace(n)); err == nil && k > 0 {
			prizes = append(prizes, contest.Prize{Name: strings.TrimSpace(name), Count: k})
		}
	}
	c, err := s.cfg.Service.CreateContest(r.Context(), s.actor(r), tenantOf(r), contest.Contest{Code: v("code"), Title: v("title"),
		LegalBasis: v("legal_basis"), Organiser: v("organiser"), MinAge: minAge, Rules: v("rules"), Prizes: prizes,
		ProvinceCode: kitProvince(r, s)})
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid {
			return s.showContests(w, r, http.StatusUnprocessableEntity, e.Message, e.Fields)
		}
		return err
	}
	return s.k.Redirect(w, r, "/admin/cuoc-thi/"+c.ID, "saved")
}

func kitProvince(r *http.Request, s *Screens) string {
	if s.cfg.Province == nil {
		return ""
	}
	return s.cfg.Province(r.Context(), tenantOf(r))
}

type roundLine struct {
	Round contest.Round
	Stats contest.RoundStats
	Open  bool
}

type contestPage struct {
	Contest   contest.Contest
	Rounds    []roundLine
	Questions int
	ByLevel   map[int]int
	Dups      [][]contest.Participant
	CanKeep   bool
	Message   string
	Fields    map[string]string
	Form      map[string]string
	Now       time.Time
}

func (p *contestPage) Title() string { return p.Contest.Title }

func (s *Screens) ownContest(r *http.Request) (contest.Contest, error) {
	c, err := s.cfg.Service.Store.Contest(r.Context(), tenantOf(r), r.PathValue("id"))
	if apperr.CodeOf(err) == apperr.NotFound {
		return c, apperr.New(apperr.NotFound, "Không tìm thấy cuộc thi.")
	}
	return c, err
}

// Contest is GET /admin/cuoc-thi/{id}.
func (s *Screens) Contest(w http.ResponseWriter, r *http.Request) error {
	return s.showContest(w, r, http.StatusOK, "", nil)
}

func (s *Screens) showContest(w http.ResponseWriter, r *http.Request, code int, msg string, fields map[string]string) error {
	c, err := s.ownContest(r)
	if err != nil {
		return err
	}
	ctx, ten, st := r.Context(), tenantOf(r), s.cfg.Service.Store
	rounds, err := st.Rounds(ctx, ten, c.ID)
	if err != nil {
		return err
	}
	p := &contestPage{Contest: c, CanKeep: canKeep(r), Message: msg, Fields: fields, Form: map[string]string{}, ByLevel: map[int]int{}, Now: s.cfg.Now()}
	for k := range r.PostForm {
		p.Form[k] = r.PostFormValue(k)
	}
	for _, rd := range rounds {
		stats, err := st.RoundCounts(ctx, ten, rd.ID)
		if err != nil {
			return err
		}
		p.Rounds = append(p.Rounds, roundLine{Round: rd, Stats: stats, Open: p.Now.Before(rd.ClosesAt)})
	}
	qs, err := st.Questions(ctx, ten, c.ID)
	if err != nil {
		return err
	}
	p.Questions = len(qs)
	for _, q := range qs {
		p.ByLevel[q.Difficulty]++
	}
	if p.Dups, err = st.DuplicatePeople(ctx, ten, c.ID); err != nil {
		return err
	}
	s.k.Page(w, r, code, "ct_contest", p)
	return nil
}

func parseVNTime(v string) (time.Time, bool) {
	t, err := time.ParseInLocation("15:04 02/01/2006", strings.Join(strings.Fields(v), " "), contest.Zone)
	if err != nil {
		d, err2 := time.ParseInLocation("02/01/2006", strings.TrimSpace(v), contest.Zone)
		return d, err2 == nil
	}
	return t, true
}

// AddRound is POST /admin/cuoc-thi/{id}/vong.
func (s *Screens) AddRound(w http.ResponseWriter, r *http.Request) error {
	c, err := s.ownContest(r)
	if err != nil {
		return err
	}
	v := r.PostFormValue
	num := func(k string) int { n, _ := strconv.Atoi(strings.TrimSpace(v(k))); return n }
	rd := contest.Round{ContestID: c.ID, No: num("no"), Title: v("title"), Mode: contest.Mode(v("mode")), TimeLimit: time.Duration(num("minutes")) * time.Minute,
		Questions: num("questions"), Points: 1, Attempts: num("attempts"), Counts: contest.Counts(v("counts")), Prediction: contest.PredictionOf(v("prediction")),
		MinSecondsPerQuestion: 2}
	var fields apperr.FieldList
	var ok bool
	if rd.OpensAt, ok = parseVNTime(v("opens_at")); !ok {
		fields.Add("opens_at", "Thời điểm bắt đầu theo dạng hh:mm dd/mm/yyyy.")
	}
	if rd.ClosesAt, ok = parseVNTime(v("closes_at")); !ok {
		fields.Add("closes_at", "Thời điểm kết thúc theo dạng hh:mm dd/mm/yyyy.")
	}
	for _, k := range strings.Split(v("chain"), ",") {
		if k = strings.TrimSpace(k); k != "" {
			rd.Chain = append(rd.Chain, contest.TieKey(k))
		}
	}
	err = fields.Err()
	if err == nil {
		_, err = s.cfg.Service.AddRound(r.Context(), s.actor(r), tenantOf(r), rd)
	}
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid {
			return s.showContest(w, r, http.StatusUnprocessableEntity, e.Message, e.Fields)
		}
		return err
	}
	return s.k.Redirect(w, r, "/admin/cuoc-thi/"+c.ID, "saved")
}

// QuestionLine is a question of the bank as imported (JSON Lines).
type QuestionLine struct {
	Stem       string   `json:"stem"`
	Options    []string `json:"options"`
	Correct    int      `json:"correct"`
	Difficulty int      `json:"difficulty"`
	Document   string   `json:"document"`
	Article    string   `json:"article"`
	Explain    string   `json:"explain"`
}

// ParseQuestions reads JSON Lines of questions, all or nothing, with the
// line of the first mistake.
func ParseQuestions(text string) ([]contest.Question, error) {
	var out []contest.Question
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q QuestionLine
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, apperr.Newf(apperr.Invalid, "Dòng %d: không đọc được (cần một đối tượng JSON mỗi dòng).", n)
		}
		out = append(out, contest.Question{Stem: q.Stem, Options: q.Options, Correct: q.Correct, Difficulty: q.Difficulty, Document: q.Document, Article: q.Article, Explain: q.Explain})
	}
	if len(out) == 0 {
		return nil, apperr.New(apperr.Invalid, "Chưa có câu hỏi nào.")
	}
	return out, nil
}

// AddQuestions is POST /admin/cuoc-thi/{id}/cau-hoi.
func (s *Screens) AddQuestions(w http.ResponseWriter, r *http.Request) error {
	c, err := s.ownContest(r)
	if err != nil {
		return err
	}
	qs, err := ParseQuestions(r.PostFormValue("questions"))
	if err == nil {
		err = s.cfg.Service.AddQuestions(r.Context(), s.actor(r), tenantOf(r), c.ID, qs)
	}
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid {
			return s.showContest(w, r, http.StatusUnprocessableEntity, e.Message, map[string]string{"questions": e.Message})
		}
		return err
	}
	return s.k.Redirect(w, r, "/admin/cuoc-thi/"+c.ID, "saved")
}

type roundPage struct {
	Contest   contest.Contest
	Round     contest.Round
	Stats     contest.RoundStats
	Histogram []bar
	Rows      []contest.RankRow
	Units     []contest.UnitRow
	CanKeep   bool
	Closed    bool
	Message   string
	ChainText string
}

type bar struct{ Correct, Attempts, Width int }

func (p *roundPage) Title() string { return p.Round.Title + " · " + p.Contest.Title }

func (s *Screens) ownRound(r *http.Request) (contest.Contest, contest.Round, error) {
	c, err := s.ownContest(r)
	if err != nil {
		return c, contest.Round{}, err
	}
	rd, err := s.cfg.Service.Store.Round(r.Context(), tenantOf(r), r.PathValue("round"))
	if err != nil || rd.ContestID != c.ID {
		return c, rd, apperr.New(apperr.NotFound, "Không tìm thấy vòng thi.")
	}
	return c, rd, nil
}

// Round is GET /admin/cuoc-thi/{id}/vong/{round}: figures, histogram,
// ranking with voiding.
func (s *Screens) Round(w http.ResponseWriter, r *http.Request) error {
	return s.showRound(w, r, http.StatusOK, "")
}

func (s *Screens) showRound(w http.ResponseWriter, r *http.Request, code int, msg string) error {
	c, rd, err := s.ownRound(r)
	if err != nil {
		return err
	}
	st, err := s.cfg.Service.Store.Stats(r.Context(), tenantOf(r), rd.ID)
	if err != nil {
		return err
	}
	p := &roundPage{Contest: c, Round: rd, Stats: st, CanKeep: canKeep(r), Closed: !s.cfg.Now().Before(rd.ClosesAt), Message: msg}
	maxN := 1
	for _, n := range st.Histogram {
		maxN = max(maxN, n)
	}
	for k := 0; k <= rd.Questions; k++ {
		p.Histogram = append(p.Histogram, bar{k, st.Histogram[k], st.Histogram[k] * 100 / maxN})
	}
	var chain []string
	for _, k := range rd.Chain {
		chain = append(chain, chainTexts[k])
	}
	p.ChainText = strings.Join(chain, " → ")
	if rd.RankedAt != nil {
		res, err := s.results(r.Context(), c, tenantOf(r), rd.ID, 200)
		if err != nil {
			return err
		}
		p.Rows, p.Units = res.Rows, res.Units
	}
	s.k.Page(w, r, code, "ct_round", p)
	return nil
}

// Close is POST /admin/cuoc-thi/{id}/vong/{round}/xep-hang.
func (s *Screens) Close(w http.ResponseWriter, r *http.Request) error {
	c, rd, err := s.ownRound(r)
	if err != nil {
		return err
	}
	if _, _, err := s.cfg.Service.Close(r.Context(), s.actor(r), c, tenantOf(r), rd.ID); err != nil {
		if e := apperr.As(err); e.Code == apperr.Conflict {
			return s.showRound(w, r, http.StatusConflict, e.Message)
		}
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/cuoc-thi/%s/vong/%s", c.ID, rd.ID), "saved")
}

// Void is POST /admin/cuoc-thi/{id}/vong/{round}/huy.
func (s *Screens) Void(w http.ResponseWriter, r *http.Request) error {
	c, rd, err := s.ownRound(r)
	if err != nil {
		return err
	}
	if err := s.cfg.Service.Void(r.Context(), s.actor(r), c, tenantOf(r), r.PostFormValue("attempt_id"), r.PostFormValue("reason")); err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid {
			return s.showRound(w, r, http.StatusUnprocessableEntity, e.Message)
		}
		return err
	}
	return s.k.Redirect(w, r, fmt.Sprintf("/admin/cuoc-thi/%s/vong/%s", c.ID, rd.ID), "saved")
}

// Export is GET /admin/cuoc-thi/{id}/vong/{round}/xuat.csv: the whole
// ranking (the prize committee's tie-break sheet), UTF-8 with BOM for Excel.
func (s *Screens) Export(w http.ResponseWriter, r *http.Request) error {
	c, rd, err := s.ownRound(r)
	if err != nil {
		return err
	}
	if rd.RankedAt == nil {
		return apperr.New(apperr.Conflict, "Vòng thi chưa được xếp hạng.")
	}
	rows, err := s.cfg.Service.Store.Ranks(r.Context(), tenantOf(r), rd.ID, 0, 1<<30)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, u := range s.units(c) {
		names[u.Code] = u.Name
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="xep-hang-%s-vong-%d.csv"`, c.Code, rd.No))
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write([]string{"Vị trí", "Hạng", "Họ và tên", "Điện thoại", "Đơn vị", "Số câu đúng", "Điểm", "Lệch dự đoán", "Thời gian (giây)", "Giải", "Mã lượt thi"})
	for _, x := range rows {
		dist := ""
		if x.Distance >= 0 {
			dist = strconv.FormatInt(x.Distance, 10)
		}
		cw.Write([]string{strconv.Itoa(x.Place), strconv.Itoa(x.Rank), x.FullName, x.Phone, names[x.UnitCode], strconv.Itoa(x.Correct), strconv.Itoa(x.Score),
			dist, strconv.FormatFloat(float64(x.DurationMS)/1000, 'f', 1, 64), x.Prize, x.AttemptID})
	}
	cw.Flush()
	return cw.Error()
}
