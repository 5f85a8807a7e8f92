// Package contestweb is the online contest's area of web/: the public
// pages a participant uses on a cheap phone (light HTML, no framework,
// answers saved as they are chosen by a small script, and by the form
// without it), its JSON API, and the organisers' screens. Its routes are
// listed in web/routes.go; its handlers hold only their own service.
package contestweb

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/contest"
	"tuphap/internal/portal"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

//go:embed templates/*.html
var Templates embed.FS

//go:embed public
var publicFS embed.FS

// Config is what the screens need.
type Config struct {
	Service *contest.Service
	// Units names the units participants may compete for when the contest
	// lists none: the communes of its province.
	Units    func(province string) []contest.Unit
	ClientIP func(r *http.Request) string
	Now      func() time.Time
	Secure   bool // cookies only over HTTPS
	// RegisterPerHour bounds registrations per address (default 30).
	RegisterPerHour int
	// Province is the province code of a tenant (new contests' communes).
	Province func(ctx context.Context, tenantID string) string
	// StartsInFlight bounds the starts being served at once (default 64,
	// the writer's batch); a start that finds no room within StartWait
	// (default 2 s) is answered 503 with a Retry-After of 1–5 s, so a
	// sitting's first minute queues in its clients, not in the server.
	StartsInFlight int
	StartWait      time.Duration
	// Agency is the organising department's letterhead (certificates).
	Agency func(ctx context.Context, tenantID string) (render.Agency, error)
	// BaseURL is the public absolute address printed on certificates (the
	// portal's); empty: the request's host.
	BaseURL string
	// EID is the national e-ID (VNeID) sign-in of the citizens' portal;
	// nil: participants register with a phone and a password only.
	EID *EID
}

// EID is the portal's e-ID sign-in as the contest uses it.
type EID struct {
	// Start is where a browser goes to sign in, coming back to next.
	Start func(next string) string
	// Identity is the signed-in citizen's identity (ok false: none).
	Identity func(w http.ResponseWriter, r *http.Request) (id portal.Identity, ok bool, err error)
}

// Screens are the handlers.
type Screens struct {
	k     kit.Kernel
	cfg   Config
	pages *template.Template

	starts chan struct{} // the admission of starts

	mu       sync.Mutex
	contests map[string]cached // code → contest (a minute)
	regs     map[string][]time.Time
}

type cached struct {
	c      contest.Contest
	tenant string
	at     time.Time
}

// New returns the screens.
func New(k kit.Kernel, cfg Config) *Screens {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RegisterPerHour <= 0 {
		cfg.RegisterPerHour = 30
	}
	t := template.Must(template.New("thi").Funcs(template.FuncMap{
		"inc":    func(i int) int { return i + 1 },
		"letter": func(i int) string { return string(rune('A' + i)) },
		"num":    kit.Num,
		"mask":   maskPhone,
		"dur":    func(ms int64) string { return fmt.Sprintf("%d:%02d", ms/60000, ms/1000%60) },
	}).ParseFS(publicFS, "public/pages.html"))
	if cfg.StartsInFlight <= 0 {
		cfg.StartsInFlight = 64
	}
	if cfg.StartWait <= 0 {
		cfg.StartWait = 2 * time.Second
	}
	return &Screens{k: k, cfg: cfg, pages: t, contests: map[string]cached{}, regs: map[string][]time.Time{},
		starts: make(chan struct{}, cfg.StartsInFlight)}
}

// admit takes a place among the starts in flight, waiting up to
// StartWait; when none frees it answers 503 with a Retry-After of 1–5 s
// (spread, so the refused do not come back together). The caller
// releases the place with the returned function.
func (s *Screens) admit(w http.ResponseWriter, r *http.Request) (func(), error) {
	select {
	case s.starts <- struct{}{}:
		return func() { <-s.starts }, nil
	default:
	}
	t := time.NewTimer(s.cfg.StartWait)
	defer t.Stop()
	select {
	case s.starts <- struct{}{}:
		return func() { <-s.starts }, nil
	case <-r.Context().Done():
		return nil, r.Context().Err()
	case <-t.C:
	}
	w.Header().Set("Retry-After", strconv.Itoa(1+rand.IntN(5)))
	return nil, apperr.New(apperr.Unavailable, "Đang có rất nhiều người vào thi cùng lúc. Vui lòng thử lại sau vài giây; thời gian làm bài chỉ bắt đầu tính khi vào thi được.")
}

func maskPhone(p string) string {
	if len(p) < 7 {
		return p
	}
	return p[:4] + "***" + p[len(p)-3:]
}

// Asset serves the page's script and style, cacheable for a day.
func (s *Screens) Asset(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	if name != "thi.js" && name != "thi.css" {
		// "/thi/{code}" without its slash is the contest's page: the
		// address people type and the one printed on leaflets.
		if _, _, err := s.contest(r.Context(), name); err == nil {
			http.Redirect(w, r, "/thi/"+name+"/", http.StatusMovedPermanently)
			return nil
		}
		return apperr.ErrNotFound
	}
	b, err := publicFS.ReadFile("public/" + name)
	if err != nil {
		return apperr.ErrNotFound
	}
	ct := "text/css; charset=utf-8"
	if strings.HasSuffix(name, ".js") {
		ct = "text/javascript; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, err = w.Write(b)
	return err
}

// contest finds a contest by its public code, cached for a minute.
func (s *Screens) contest(ctx context.Context, code string) (contest.Contest, string, error) {
	now := s.cfg.Now()
	s.mu.Lock()
	c, ok := s.contests[code]
	s.mu.Unlock()
	if ok && now.Sub(c.at) < time.Minute {
		return c.c, c.tenant, nil
	}
	got, tenant, err := s.cfg.Service.Store.ContestByCode(ctx, code)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return contest.Contest{}, "", apperr.New(apperr.NotFound, "Không tìm thấy cuộc thi.")
		}
		return contest.Contest{}, "", err
	}
	s.mu.Lock()
	s.contests[code] = cached{got, tenant, now}
	s.mu.Unlock()
	return got, tenant, nil
}

func cookieName(c contest.Contest) string { return "thi_" + strings.ReplaceAll(c.Code, "-", "_") }

// me is the signed-in participant of the contest ("" when none).
func (s *Screens) me(r *http.Request, c contest.Contest) string {
	ck, err := r.Cookie(cookieName(c))
	if err != nil {
		return ""
	}
	id, ok := contest.CheckToken(c, ck.Value, s.cfg.Now())
	if !ok {
		return ""
	}
	return id
}

func (s *Screens) signIn(w http.ResponseWriter, c contest.Contest, participantID string) {
	until := s.cfg.Now().Add(60 * 24 * time.Hour)
	http.SetCookie(w, &http.Cookie{Name: cookieName(c), Value: contest.Token(c, participantID, until), Path: "/", MaxAge: int(time.Until(time.Now().Add(60 * 24 * time.Hour)).Seconds()),
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
}

func (s *Screens) units(c contest.Contest) []contest.Unit {
	if len(c.Units) > 0 || s.cfg.Units == nil {
		return c.Units
	}
	return s.cfg.Units(c.ProvinceCode)
}

type roundView struct {
	Round         contest.Round
	Opens, Closes string
	Minutes       int
	Mine          []contest.Attempt
	CanStart      bool
	Why           string
}

type homePage struct {
	Title   string
	Contest contest.Contest
	Rounds  []roundView
	Me      *contest.Participant
	MePhone string
	Units   []contest.Unit
	Message string
	Fields  map[string]string
	Form    map[string]string
	EID     bool // the e-ID sign-in is offered
	ranked  map[string]bool
}

func (p *homePage) Ranked(roundID string) bool { return p.ranked[roundID] }

func vnTime(t time.Time) string { return t.In(contest.Zone).Format("15:04 02/01/2006") }

// Home is GET /thi/{code}: the contest, its rounds, sign-in and registration.
func (s *Screens) Home(w http.ResponseWriter, r *http.Request) error {
	return s.home(w, r, http.StatusOK, "", nil, nil)
}

func (s *Screens) home(w http.ResponseWriter, r *http.Request, code int, msg string, fields map[string]string, form map[string]string) error {
	c, tenant, err := s.contest(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	svc := s.cfg.Service
	rounds, err := svc.Store.Rounds(r.Context(), tenant, c.ID)
	if err != nil {
		return err
	}
	page := &homePage{Title: c.Title, Contest: c, Units: s.units(c), Message: msg, Fields: fields, Form: form, EID: s.cfg.EID != nil, ranked: map[string]bool{}}
	if page.Fields == nil {
		page.Fields = map[string]string{}
	}
	if page.Form == nil {
		page.Form = map[string]string{}
	}
	pid := s.me(r, c)
	if pid != "" {
		p, err := svc.Store.Participant(r.Context(), tenant, pid)
		if err == nil {
			page.Me, page.MePhone = &p, maskPhone(p.Phone)
		}
	}
	now := s.cfg.Now()
	for _, rd := range rounds {
		v := roundView{Round: rd, Opens: vnTime(rd.OpensAt), Closes: vnTime(rd.ClosesAt), Minutes: int(rd.TimeLimit / time.Minute)}
		page.ranked[rd.ID] = rd.RankedAt != nil
		if page.Me != nil {
			if v.Mine, err = svc.Store.AttemptsOf(r.Context(), tenant, rd.ID, pid); err != nil {
				return err
			}
			open := false
			for _, a := range v.Mine {
				open = open || (a.State == contest.Open && !now.After(a.Deadline))
			}
			if err := contest.CanStart(rd, now, len(v.Mine), open); err != nil {
				v.Why = apperr.As(err).Message
			} else {
				v.CanStart = true
			}
		}
		page.Rounds = append(page.Rounds, v)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	return s.pages.ExecuteTemplate(w, "home", page)
}

// allow applies the per-address registration limit.
func (s *Screens) allow(ip string) bool {
	now := s.cfg.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	keep := s.regs[ip][:0]
	for _, t := range s.regs[ip] {
		if now.Sub(t) < time.Hour {
			keep = append(keep, t)
		}
	}
	if len(keep) >= s.cfg.RegisterPerHour {
		s.regs[ip] = keep
		return false
	}
	s.regs[ip] = append(keep, now)
	if len(s.regs) > 100000 { // bounded memory: forget everyone
		s.regs = map[string][]time.Time{}
	}
	return true
}

// Register is POST /thi/{code}/dang-ky.
func (s *Screens) Register(w http.ResponseWriter, r *http.Request) error {
	c, tenant, err := s.contest(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	v := r.PostFormValue
	in := contest.Registration{Phone: v("phone"), Password: v("password"), FullName: v("full_name"), BirthDate: v("birth_date"),
		UnitCode: v("unit_code"), IDNumber: v("id_number")}
	return s.register(w, r, c, tenant, in, func(e *apperr.Error) error {
		form := map[string]string{"phone": v("phone"), "full_name": v("full_name"), "birth_date": v("birth_date"), "unit_code": v("unit_code")}
		return s.home(w, r, http.StatusUnprocessableEntity, e.Message, e.Fields, form)
	})
}

// register registers a person under the per-address limit and signs them
// in; invalid shows the form again with the rules' messages.
func (s *Screens) register(w http.ResponseWriter, r *http.Request, c contest.Contest, tenant string, in contest.Registration, invalid func(*apperr.Error) error) error {
	in.IP = s.cfg.ClientIP(r)
	if !s.allow(in.IP) {
		return apperr.New(apperr.TooMany, "Địa chỉ mạng này đã đăng ký quá nhiều tài khoản trong một giờ. Vui lòng thử lại sau.")
	}
	known := map[string]bool{}
	for _, u := range s.units(c) {
		known[u.Code] = true
	}
	p, err := s.cfg.Service.Register(r.Context(), c, tenant, func(u string) bool { return known[u] }, in)
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid {
			return invalid(e)
		}
		return err
	}
	return s.enter(w, r, c, p.ID)
}

// SignIn is POST /thi/{code}/dang-nhap.
func (s *Screens) SignIn(w http.ResponseWriter, r *http.Request) error {
	c, tenant, err := s.contest(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	p, err := s.cfg.Service.SignIn(r.Context(), tenant, c.ID, r.PostFormValue("phone"), r.PostFormValue("password"))
	if err != nil {
		if apperr.CodeOf(err) == apperr.Unauthorized {
			return s.home(w, r, http.StatusUnauthorized, apperr.As(err).Message, nil, map[string]string{"phone": r.PostFormValue("phone")})
		}
		return err
	}
	return s.enter(w, r, c, p.ID)
}

// SignOut is POST /thi/{code}/dang-xuat.
func (s *Screens) SignOut(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.contest(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName(c), Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.cfg.Secure})
	http.Redirect(w, r, "/thi/"+c.Code+"/", http.StatusSeeOther)
	return nil
}

func (s *Screens) participant(r *http.Request) (contest.Contest, string, string, error) {
	c, tenant, err := s.contest(r.Context(), r.PathValue("code"))
	if err != nil {
		return c, "", "", err
	}
	pid := s.me(r, c)
	if pid == "" {
		return c, "", "", apperr.New(apperr.Unauthorized, "Vui lòng đăng nhập để dự thi.")
	}
	return c, tenant, pid, nil
}

// Start is POST /thi/{code}/vong/{round}/bat-dau.
func (s *Screens) Start(w http.ResponseWriter, r *http.Request) error {
	c, tenant, pid, err := s.participant(r)
	if err != nil {
		return err
	}
	release, err := s.admit(w, r)
	if err != nil {
		return err
	}
	defer release()
	a, err := s.cfg.Service.Start(r.Context(), c, tenant, r.PathValue("round"), pid, s.cfg.ClientIP(r))
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/thi/"+c.Code+"/bai/"+a.ID, http.StatusSeeOther)
	return nil
}

type paperPage struct {
	Title                             string
	Contest                           contest.Contest
	Round                             contest.Round
	Attempt                           contest.Attempt
	Items                             []contest.Shown
	Open                              bool
	DeadlineISO, NowISO, DeadlineText string
	LeftText, SubmittedText, Message  string
	Predict                           bool
	PredictText                       string
}

var predictTexts = map[contest.PredictionOf]string{
	contest.PredictAllCorrectPeople:   "theo bạn, có bao nhiêu người trả lời đúng tất cả các câu hỏi?",
	contest.PredictAllCorrectAttempts: "theo bạn, có bao nhiêu lượt thi trả lời đúng tất cả các câu hỏi?",
	contest.PredictParticipants:       "theo bạn, có bao nhiêu người tham gia vòng thi?",
}

var chainTexts = map[contest.TieKey]string{
	contest.ByScore: "điểm số", contest.ByPrediction: "dự đoán gần đúng nhất", contest.ByDuration: "thời gian làm bài ngắn nhất",
	contest.BySubmitted: "nộp bài sớm nhất", contest.ByStarted: "vào thi sớm nhất",
}

// Paper is GET /thi/{code}/bai/{id}.
func (s *Screens) Paper(w http.ResponseWriter, r *http.Request) error {
	return s.paper(w, r, http.StatusOK, "")
}

func (s *Screens) paper(w http.ResponseWriter, r *http.Request, code int, msg string) error {
	c, tenant, pid, err := s.participant(r)
	if err != nil {
		return err
	}
	a, rd, items, err := s.cfg.Service.Paper(r.Context(), c, tenant, pid, r.PathValue("id"))
	if err != nil {
		return err
	}
	now := s.cfg.Now()
	p := &paperPage{Title: rd.Title, Contest: c, Round: rd, Attempt: a, Items: items, Message: msg,
		Open:        a.State == contest.Open && !now.After(a.Deadline) && a.Voided == "",
		DeadlineISO: a.Deadline.UTC().Format(time.RFC3339), NowISO: now.UTC().Format(time.RFC3339Nano), DeadlineText: vnTime(a.Deadline),
		Predict: rd.Prediction != contest.PredictNone, PredictText: predictTexts[rd.Prediction]}
	left := a.Deadline.Sub(now).Round(time.Second)
	p.LeftText = fmt.Sprintf("%d phút %d giây", int(left.Minutes()), int(left.Seconds())%60)
	if a.SubmittedAt != nil {
		p.SubmittedText = vnTime(*a.SubmittedAt)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	return s.pages.ExecuteTemplate(w, "paper", p)
}

// PaperPost is POST /thi/{code}/bai/{id}: the form without the script
// saves every chosen answer, and submits when asked.
func (s *Screens) PaperPost(w http.ResponseWriter, r *http.Request) error {
	c, tenant, pid, err := s.participant(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	id := r.PathValue("id")
	svc := s.cfg.Service
	for k, vs := range r.PostForm {
		pos, err := strconv.Atoi(strings.TrimPrefix(k, "q"))
		if !strings.HasPrefix(k, "q") || err != nil || len(vs) == 0 {
			continue
		}
		ch, err := strconv.Atoi(vs[0])
		if err != nil {
			continue
		}
		if err := svc.Save(r.Context(), tenant, pid, id, pos, ch); err != nil {
			if e := apperr.As(err); e.Code == apperr.Conflict {
				return s.paper(w, r, http.StatusConflict, e.Message)
			}
			return err
		}
	}
	if r.PostFormValue("action") == "submit" {
		var pred *int64
		if v := strings.ReplaceAll(strings.TrimSpace(r.PostFormValue("prediction")), ".", ""); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return s.paper(w, r, http.StatusUnprocessableEntity, "Câu hỏi phụ: hãy ghi một số nguyên, ví dụ 1234.")
			}
			pred = &n
		}
		if _, err := svc.Submit(r.Context(), tenant, pid, id, pred, s.cfg.ClientIP(r)); err != nil {
			if e := apperr.As(err); e.Code == apperr.Conflict || e.Code == apperr.Invalid {
				return s.paper(w, r, http.StatusConflict, e.Message)
			}
			return err
		}
	}
	http.Redirect(w, r, "/thi/"+c.Code+"/bai/"+id, http.StatusSeeOther)
	return nil
}

type resultsPage struct {
	Title       string
	Contest     contest.Contest
	Round       contest.Round
	Rows        []contest.RankRow
	MyRank      *contest.RankRow
	Units       []contest.UnitRow
	ChainText   string
	PredictText string
}

// Results is GET /thi/{code}/vong/{round}/ket-qua: after the ranking only.
func (s *Screens) Results(w http.ResponseWriter, r *http.Request) error {
	c, tenant, err := s.contest(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	p, err := s.results(r.Context(), c, tenant, r.PathValue("round"), 100)
	if err != nil {
		return err
	}
	if pid := s.me(r, c); pid != "" {
		if me, err := s.cfg.Service.Store.RankOf(r.Context(), tenant, p.Round.ID, pid); err == nil {
			p.MyRank = &me
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.pages.ExecuteTemplate(w, "results", p)
}

func (s *Screens) results(ctx context.Context, c contest.Contest, tenant, roundID string, limit int) (*resultsPage, error) {
	rd, err := s.cfg.Service.Store.Round(ctx, tenant, roundID)
	if err != nil || rd.ContestID != c.ID {
		return nil, apperr.New(apperr.NotFound, "Không tìm thấy vòng thi.")
	}
	if rd.RankedAt == nil {
		return nil, apperr.New(apperr.Conflict, "Kết quả được công bố sau khi vòng thi kết thúc và Ban tổ chức xếp hạng.")
	}
	rows, err := s.cfg.Service.Store.Ranks(ctx, tenant, rd.ID, 0, limit)
	if err != nil {
		return nil, err
	}
	tallies, err := s.cfg.Service.Store.RankUnits(ctx, tenant, rd.ID)
	if err != nil {
		return nil, err
	}
	var chain []string
	for _, k := range rd.Chain {
		chain = append(chain, chainTexts[k])
	}
	return &resultsPage{Title: "Kết quả " + rd.Title, Contest: c, Round: rd, Rows: rows, ChainText: strings.Join(chain, ", "),
		PredictText: predictTexts[rd.Prediction], Units: contest.UnitRanking(s.units(c), tallies)}, nil
}

// The JSON API of a participant's attempt (the script and load tests).

func writeJSON(w http.ResponseWriter, code int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	return json.NewEncoder(w).Encode(v)
}

type apiItem struct {
	Pos     int      `json:"pos"`
	Stem    string   `json:"stem"`
	Options []string `json:"options"`
	Chosen  *int     `json:"chosen,omitempty"`
}

// APIStart is POST /api/v1/contests/{code}/rounds/{round}/attempts: the
// attempt with its questions in its own order, without the key.
func (s *Screens) APIStart(w http.ResponseWriter, r *http.Request) error {
	c, tenant, pid, err := s.participant(r)
	if err != nil {
		return err
	}
	release, err := s.admit(w, r)
	if err != nil {
		return err
	}
	a, items, err := s.cfg.Service.StartPaper(r.Context(), c, tenant, r.PathValue("round"), pid, s.cfg.ClientIP(r))
	release()
	if err != nil {
		return err
	}
	out := make([]apiItem, len(items))
	for i, it := range items {
		out[i] = apiItem{Pos: it.Pos, Stem: it.Stem, Options: it.Options}
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"attempt_id": a.ID, "deadline": a.Deadline.UTC().Format(time.RFC3339), "questions": out})
}

// APIAnswer is PUT /api/v1/contests/{code}/attempts/{id}/answers/{pos}
// with {"choice": n}: acknowledged (204) after the answer is committed.
func (s *Screens) APIAnswer(w http.ResponseWriter, r *http.Request) error {
	_, tenant, pid, err := s.participant(r)
	if err != nil {
		return err
	}
	pos, err := strconv.Atoi(r.PathValue("pos"))
	if err != nil {
		return apperr.New(apperr.Invalid, "Số thứ tự câu hỏi không hợp lệ.")
	}
	var body struct {
		Choice *int `json:"choice"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1024)).Decode(&body); err != nil || body.Choice == nil {
		return apperr.New(apperr.Invalid, `Nội dung phải có dạng {"choice": số thứ tự phương án}.`)
	}
	if err := s.cfg.Service.Save(r.Context(), tenant, pid, r.PathValue("id"), pos, *body.Choice); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// APISubmit is POST /api/v1/contests/{code}/attempts/{id}/submit with
// {"prediction": n} (optional).
func (s *Screens) APISubmit(w http.ResponseWriter, r *http.Request) error {
	_, tenant, pid, err := s.participant(r)
	if err != nil {
		return err
	}
	var body struct {
		Prediction *int64 `json:"prediction"`
	}
	if r.ContentLength != 0 {
		if err := json.NewDecoder(io.LimitReader(r.Body, 1024)).Decode(&body); err != nil && err != io.EOF {
			return apperr.New(apperr.Invalid, `Nội dung phải có dạng {"prediction": số}.`)
		}
	}
	a, err := s.cfg.Service.Submit(r.Context(), tenant, pid, r.PathValue("id"), body.Prediction, s.cfg.ClientIP(r))
	if err != nil {
		return err
	}
	// The score is not told before the round closes.
	return writeJSON(w, http.StatusOK, map[string]any{"attempt_id": a.ID, "state": a.State, "submitted_at": a.SubmittedAt})
}
