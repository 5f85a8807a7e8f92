package contest

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
)

// Actor is the officer acting, for the audit log.
type Actor struct{ ID, Name, IP string }

// Store is the storage of contests (sqlstore.ContestStore).
type Store interface {
	ContestByCode(ctx context.Context, code string) (Contest, string, error) // the contest and its tenant
	Contest(ctx context.Context, tenantID, id string) (Contest, error)
	Contests(ctx context.Context, tenantID string) ([]Contest, error)
	Rounds(ctx context.Context, tenantID, contestID string) ([]Round, error)
	Round(ctx context.Context, tenantID, id string) (Round, error)
	Questions(ctx context.Context, tenantID, contestID string) ([]Question, error)
	Participant(ctx context.Context, tenantID, id string) (Participant, error)
	ParticipantByPhone(ctx context.Context, tenantID, contestID, phone string) (Participant, error)
	ParticipantByIDHash(ctx context.Context, tenantID, contestID, idHash string) (Participant, error)
	Attempt(ctx context.Context, tenantID, id string) (Attempt, error)
	// AttemptsOf lists a person's attempts in a round, by number.
	AttemptsOf(ctx context.Context, tenantID, roundID, participantID string) ([]Attempt, error)
	Answers(ctx context.Context, tenantID, attemptID string) (map[int]int, error)
	// SaveAnswer stores an answer if the attempt is the person's, open and
	// before its deadline at now; false when it is not (nothing stored).
	SaveAnswer(ctx context.Context, tenantID, participantID string, a Answer) (bool, error)
	// Entries lists the submitted valid attempts of a round.
	Entries(ctx context.Context, tenantID, roundID string, questions int, each func(Entry) error) error
	// Ranks reads a page of a round's ranking.
	Ranks(ctx context.Context, tenantID, roundID string, offset, limit int) ([]RankRow, error)
	RankOf(ctx context.Context, tenantID, roundID, participantID string) (RankRow, error)
	// RankUnits reads the unit tallies written with the ranking.
	RankUnits(ctx context.Context, tenantID, roundID string) ([]UnitTally, error)
	// Flags lists the round's entries for review after close.
	DuplicatePeople(ctx context.Context, tenantID, contestID string) ([][]Participant, error)
	// RoundCounts is Stats without the histogram, from indexes alone.
	RoundCounts(ctx context.Context, tenantID, roundID string) (RoundStats, error)
	Stats(ctx context.Context, tenantID, roundID string) (RoundStats, error)
	// EntriesIn counts, per contest, the entries of [from, to): valid
	// attempts submitted (or closed at their deadline) in it.
	EntriesIn(ctx context.Context, tenantID string, from, to time.Time) ([]PeriodEntries, error)
	TransactContest(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction.
type Tx interface {
	Now() time.Time
	InsertContest(ctx context.Context, tenantID string, c Contest) error
	InsertRound(ctx context.Context, tenantID string, r Round) error
	InsertQuestions(ctx context.Context, tenantID string, qs []Question) error
	InsertParticipant(ctx context.Context, tenantID string, p Participant) error
	// InsertAttempt fails with a conflict when the person already has an
	// attempt of that number in the round (two starts at once).
	InsertAttempt(ctx context.Context, tenantID string, a Attempt) error
	Attempt(ctx context.Context, tenantID, id string) (Attempt, error)
	Answers(ctx context.Context, tenantID, attemptID string) (map[int]int, error)
	// Finish records the score of an open attempt; false when the attempt
	// was no longer open (scored already).
	Finish(ctx context.Context, tenantID string, a Attempt) (bool, error)
	// OpenAttempts lists the round's open attempts whose deadline is
	// before `before` (the sweeper's and the close's).
	OpenAttempts(ctx context.Context, tenantID, roundID string, before time.Time) ([]Attempt, error)
	Void(ctx context.Context, tenantID, attemptID, reason string) error
	Event(ctx context.Context, tenantID, attemptID, kind, ip, detail string) error
	// ReplaceRanks writes a round's ranking and marks the round ranked.
	ReplaceRanks(ctx context.Context, tenantID string, r Round, k Ranking) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Ranking is what a round's close writes: the lines in place order, each
// unit's tallies and the histogram of correct answers over the valid
// submitted attempts (the organisers' round page reads it instead of the
// round's attempts once the round is ranked).
type Ranking struct {
	Rows      []RankRow
	Units     []UnitTally
	Histogram map[int]int
}

// RankRow is a line of a stored ranking with the person's public name.
type RankRow struct {
	Place, Rank   int
	AttemptID     string
	ParticipantID string
	UnitCode      string
	Score         int
	Correct       int
	Distance      int64
	DurationMS    int64
	Prize         string
	FullName      string // read back with the row
	Phone         string // masked by the screens
}

// RoundStats are a round's figures for the organisers.
type RoundStats struct {
	Participants, Attempts, Submitted, Open, Voided int
	Histogram                                       map[int]int // correct answers → valid submitted attempts (Stats only)
}

// PeriodEntries are a contest's entries of a period: its valid attempts
// submitted (or closed at their deadline) in it, and the distinct people
// who made them.
type PeriodEntries struct {
	ContestID    string `json:"contest_id"`
	Entries      int    `json:"entries"`
	Participants int    `json:"participants"`
}

// DaysIn are the instants [from, to) of the days first..last in
// Vietnam's time, for EntriesIn.
func DaysIn(first, last time.Time) (from, to time.Time) {
	from = time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, Zone)
	to = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, Zone).AddDate(0, 0, 1)
	return from.UTC(), to.UTC()
}

// Service holds the contest use cases.
type Service struct {
	Store Store
	Now   func() time.Time
	// SubmitGrace is how long after an attempt's deadline its submission
	// (and the prediction) is still taken, for the network (Moodle's grace,
	// at least 60 s); answers are not.
	SubmitGrace time.Duration

	mu     sync.Mutex
	banks  map[string]*bankCache  // contest id → its bank and key
	rounds map[string]roundCached // round id → the round, for Start
}

type roundCached struct {
	r  Round
	at time.Time
}

// startRound returns a round for Start, cached for ten seconds: a
// scheduled sitting's thousands of starts read it once, and what Start
// needs of it (the window, the limits) is not edited during the round.
func (s *Service) startRound(ctx context.Context, tenantID, roundID string) (Round, error) {
	key := tenantID + "|" + roundID
	s.mu.Lock()
	c, ok := s.rounds[key]
	s.mu.Unlock()
	if ok && s.now().Sub(c.at) < 10*time.Second && s.now().Sub(c.at) >= 0 {
		return c.r, nil
	}
	r, err := s.Store.Round(ctx, tenantID, roundID)
	if err != nil {
		return Round{}, err
	}
	s.mu.Lock()
	if s.rounds == nil || len(s.rounds) > 1000 {
		s.rounds = map[string]roundCached{}
	}
	s.rounds[key] = roundCached{r, s.now()}
	s.mu.Unlock()
	return r, nil
}

type bankCache struct {
	at  time.Time
	qs  []Question
	key map[string]int
	by  map[string]*Question
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) grace() time.Duration {
	if s.SubmitGrace > 0 {
		return s.SubmitGrace
	}
	return 60 * time.Second
}

func newID() string { return uuid.NewString() }

// bank returns the contest's bank, cached for a minute (questions are not
// edited during a round; a new one is seen within the minute).
func (s *Service) bank(ctx context.Context, tenantID, contestID string) (*bankCache, error) {
	s.mu.Lock()
	b := s.banks[contestID]
	s.mu.Unlock()
	if b != nil && s.now().Sub(b.at) < time.Minute {
		return b, nil
	}
	qs, err := s.Store.Questions(ctx, tenantID, contestID)
	if err != nil {
		return nil, err
	}
	b = &bankCache{at: s.now(), qs: qs, key: make(map[string]int, len(qs)), by: make(map[string]*Question, len(qs))}
	for i := range qs {
		b.key[qs[i].ID] = qs[i].Correct
		b.by[qs[i].ID] = &qs[i]
	}
	s.mu.Lock()
	if s.banks == nil {
		s.banks = map[string]*bankCache{}
	}
	s.banks[contestID] = b
	s.mu.Unlock()
	return b, nil
}

func (s *Service) forget(contestID string) {
	s.mu.Lock()
	delete(s.banks, contestID)
	s.mu.Unlock()
}

func required(fields *apperr.FieldList, key, label, v string, max int) string {
	v = strings.TrimSpace(v)
	if v == "" {
		fields.Add(key, label+" không được để trống.")
	} else if utf8.RuneCountInString(v) > max {
		fields.Add(key, fmt.Sprintf("%s dài quá %d ký tự.", label, max))
	}
	return v
}

// CreateContest validates and stores a contest with a fresh secret.
func (s *Service) CreateContest(ctx context.Context, a Actor, tenantID string, c Contest) (Contest, error) {
	var fields apperr.FieldList
	c.Title = required(&fields, "title", "Tên cuộc thi", c.Title, 300)
	c.Code = strings.ToLower(strings.TrimSpace(c.Code))
	if !validCode(c.Code) {
		fields.Add("code", "Mã cuộc thi gồm 3–40 chữ thường không dấu, chữ số hoặc dấu gạch ngang.")
	}
	if c.MinAge < 0 || c.MinAge > 100 {
		fields.Add("min_age", "Tuổi tối thiểu không hợp lệ.")
	}
	if err := fields.Err(); err != nil {
		return Contest{}, err
	}
	c.ID = newID()
	c.Secret = make([]byte, 32)
	rand.Read(c.Secret)
	if c.Status == "" {
		c.Status = "open"
	}
	err := s.Store.TransactContest(ctx, func(tx Tx) error {
		c.CreatedAt = tx.Now()
		if err := tx.InsertContest(ctx, tenantID, c); err != nil {
			if apperr.CodeOf(err) == apperr.Conflict {
				return fieldErr("code", "Mã cuộc thi đã được dùng.")
			}
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "contest.create", c.ID, c.Code)
	})
	return c, err
}

func validCode(c string) bool {
	if len(c) < 3 || len(c) > 40 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func (s *Service) audit(ctx context.Context, tx Tx, tenantID string, a Actor, action, object, detail string) error {
	return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
		Action: action, Object: object, Detail: detail})
}

// AddRound validates and stores a round.
func (s *Service) AddRound(ctx context.Context, a Actor, tenantID string, r Round) (Round, error) {
	var fields apperr.FieldList
	r.Title = required(&fields, "title", "Tên vòng thi", r.Title, 200)
	if r.Mode != Window && r.Mode != Sitting {
		fields.Add("mode", "Chọn hình thức: thi trong khoảng thời gian hoặc ca thi tập trung.")
	}
	if !r.ClosesAt.After(r.OpensAt) {
		fields.Add("closes_at", "Thời điểm kết thúc phải sau thời điểm bắt đầu.")
	}
	if r.TimeLimit < time.Minute || r.TimeLimit > 3*time.Hour {
		fields.Add("time_limit", "Thời gian làm bài từ 1 đến 180 phút.")
	}
	if r.Questions < 1 || r.Questions > 200 {
		fields.Add("questions", "Số câu hỏi từ 1 đến 200.")
	}
	if r.Attempts < 1 || r.Attempts > 20 {
		fields.Add("attempts", "Số lượt thi từ 1 đến 20.")
	}
	if r.Points <= 0 {
		r.Points = 1
	}
	switch r.Counts {
	case CountBest, CountFirst, CountLast:
	default:
		fields.Add("counts", "Chọn lượt thi được tính.")
	}
	switch r.Prediction {
	case PredictNone, PredictAllCorrectPeople, PredictAllCorrectAttempts, PredictParticipants:
	default:
		fields.Add("prediction", "Câu hỏi dự đoán không hợp lệ.")
	}
	if err := ValidChain(r.Chain, r.Prediction); err != nil {
		fields.Add("chain", err.(*apperr.Error).Message)
	}
	if err := fields.Err(); err != nil {
		return Round{}, err
	}
	if _, err := s.Store.Contest(ctx, tenantID, r.ContestID); err != nil {
		return Round{}, err
	}
	r.ID = newID()
	err := s.Store.TransactContest(ctx, func(tx Tx) error {
		if err := tx.InsertRound(ctx, tenantID, r); err != nil {
			if apperr.CodeOf(err) == apperr.Conflict {
				return fieldErr("no", "Số thứ tự vòng thi đã có.")
			}
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "contest.round", r.ID, fmt.Sprintf("%s vòng %d", r.ContestID, r.No))
	})
	return r, err
}

// AddQuestions validates and stores questions of a contest's bank.
func (s *Service) AddQuestions(ctx context.Context, a Actor, tenantID, contestID string, qs []Question) error {
	for i := range qs {
		q := &qs[i]
		at := fmt.Sprintf("Câu %d: ", i+1)
		q.Stem = strings.TrimSpace(q.Stem)
		if q.Stem == "" {
			return apperr.New(apperr.Invalid, at+"thiếu nội dung câu hỏi.")
		}
		if len(q.Options) < 2 || len(q.Options) > 6 {
			return apperr.New(apperr.Invalid, at+"cần từ 2 đến 6 phương án.")
		}
		if q.Correct < 0 || q.Correct >= len(q.Options) {
			return apperr.New(apperr.Invalid, at+"đáp án đúng không nằm trong các phương án.")
		}
		if q.Difficulty < 1 || q.Difficulty > 3 {
			return apperr.New(apperr.Invalid, at+"độ khó là 1 (dễ), 2 (trung bình) hoặc 3 (khó).")
		}
		q.ID, q.ContestID = newID(), contestID
	}
	if _, err := s.Store.Contest(ctx, tenantID, contestID); err != nil {
		return err
	}
	defer s.forget(contestID)
	return s.Store.TransactContest(ctx, func(tx Tx) error {
		if err := tx.InsertQuestions(ctx, tenantID, qs); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "contest.questions", contestID, fmt.Sprintf("%d câu hỏi", len(qs)))
	})
}

// Registration is what a person fills in to register.
type Registration struct {
	Phone, Password, FullName, BirthDate, UnitCode, IDNumber, IP string
	// Verified: the name, birth date and ID number are the national
	// e-ID's (VNeID). No password is kept: the person signs in with the
	// e-ID again (SignInVerified); the phone is for the organisers.
	Verified bool
}

// Register registers a person for a contest: one phone number and one
// national ID number (when given) once per contest.
func (s *Service) Register(ctx context.Context, c Contest, tenantID string, units func(string) bool, in Registration) (Participant, error) {
	var fields apperr.FieldList
	p := Participant{ContestID: c.ID, IP: in.IP}
	if p.Phone = NormalisePhone(in.Phone); p.Phone == "" {
		fields.Add("phone", "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 0.")
	}
	p.FullName = required(&fields, "full_name", "Họ và tên", in.FullName, 100)
	if b, err := time.Parse("02/01/2006", strings.TrimSpace(in.BirthDate)); err != nil {
		fields.Add("birth_date", "Ngày sinh theo dạng dd/mm/yyyy, ví dụ 05/09/1990.")
	} else if b.Year() < 1900 || b.After(s.now()) {
		fields.Add("birth_date", "Ngày sinh không hợp lệ.")
	} else {
		p.BirthDate = b
	}
	p.UnitCode = strings.TrimSpace(in.UnitCode)
	if p.UnitCode == "" || !units(p.UnitCode) {
		fields.Add("unit_code", "Chọn đơn vị (xã, phường) dự thi trong danh sách.")
	}
	if id := strings.TrimSpace(in.IDNumber); id != "" {
		if len(id) != 12 || strings.Trim(id, "0123456789") != "" {
			fields.Add("id_number", "Số định danh cá nhân gồm 12 chữ số.")
		} else {
			p.IDHash = HashID(c.Secret, id)
		}
	}
	switch n := utf8.RuneCountInString(in.Password); {
	case in.Verified && p.IDHash == "":
		fields.Add("id_number", "Tài khoản định danh điện tử không cho biết số định danh cá nhân.")
	case !in.Verified && (n < 8 || n > 128):
		fields.Add("password", "Mật khẩu từ 8 ký tự trở lên.")
	}
	if err := fields.Err(); err != nil {
		return Participant{}, err
	}
	if c.MinAge > 0 && AgeOn(p.BirthDate, s.now().In(Zone)) < c.MinAge {
		return Participant{}, fieldErr("birth_date", fmt.Sprintf("Cuộc thi dành cho người từ đủ %d tuổi.", c.MinAge))
	}
	if !in.Verified {
		h, err := auth.HashPassword(in.Password)
		if err != nil {
			return Participant{}, err
		}
		p.PassHash = h
	}
	p.ID = newID()
	err := s.Store.TransactContest(ctx, func(tx Tx) error {
		p.RegisteredAt = tx.Now()
		return tx.InsertParticipant(ctx, tenantID, p)
	})
	if apperr.CodeOf(err) == apperr.Conflict {
		return Participant{}, fieldErr("phone", "Số điện thoại hoặc số định danh này đã đăng ký dự thi.")
	}
	return p, err
}

// SignIn checks a participant's phone and password.
func (s *Service) SignIn(ctx context.Context, tenantID, contestID, phone, password string) (Participant, error) {
	bad := apperr.New(apperr.Unauthorized, "Số điện thoại hoặc mật khẩu không đúng.")
	ph := NormalisePhone(phone)
	if ph == "" {
		return Participant{}, bad
	}
	p, err := s.Store.ParticipantByPhone(ctx, tenantID, contestID, ph)
	if apperr.CodeOf(err) == apperr.NotFound {
		return Participant{}, bad
	}
	if err != nil {
		return Participant{}, err
	}
	if p.PassHash == "" {
		return Participant{}, apperr.New(apperr.Unauthorized, "Tài khoản này đăng ký bằng định danh điện tử: hãy đăng nhập bằng VNeID.")
	}
	if ok, err := auth.VerifyPassword(p.PassHash, password); err != nil || !ok {
		return Participant{}, bad
	}
	return p, nil
}

// SignInVerified finds the participant registered with this national ID
// number (signed in with the e-ID); NotFound when the person has not
// registered for the contest yet.
func (s *Service) SignInVerified(ctx context.Context, c Contest, tenantID, idNumber string) (Participant, error) {
	if len(idNumber) != 12 || strings.Trim(idNumber, "0123456789") != "" {
		return Participant{}, apperr.New(apperr.Invalid, "Tài khoản định danh điện tử không cho biết số định danh cá nhân.")
	}
	return s.Store.ParticipantByIDHash(ctx, tenantID, c.ID, HashID(c.Secret, idNumber))
}

// Token signs a participant's session: contest, participant, expiry, HMAC
// with the contest's secret. Checking one costs a microsecond and no
// database read, so the contest window needs no password hashing
// (research/contests.md §3, lesson 6).
func Token(c Contest, participantID string, until time.Time) string {
	var exp [8]byte
	binary.BigEndian.PutUint64(exp[:], uint64(until.Unix()))
	msg := participantID + "." + base64.RawURLEncoding.EncodeToString(exp[:])
	m := hmac.New(sha256.New, c.Secret)
	m.Write([]byte(c.ID + "|" + msg))
	return msg + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// CheckToken returns the participant a token names, if it is genuine and
// not expired.
func CheckToken(c Contest, tok string, now time.Time) (string, bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return "", false
	}
	m := hmac.New(sha256.New, c.Secret)
	m.Write([]byte(c.ID + "|" + parts[0] + "." + parts[1]))
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, m.Sum(nil)[:18]) {
		return "", false
	}
	exp, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || len(exp) != 8 || now.Unix() > int64(binary.BigEndian.Uint64(exp)) {
		return "", false
	}
	return parts[0], true
}

// Start starts an attempt: eligibility, the round's window and attempt
// limit, a draw of its own.
func (s *Service) Start(ctx context.Context, c Contest, tenantID, roundID, participantID, ip string) (Attempt, error) {
	a, _, err := s.start(ctx, c, tenantID, roundID, participantID, ip)
	return a, err
}

// StartPaper starts an attempt and returns its paper as drawn, without
// reading it back (a new attempt has no answer and its round is not
// ranked): the start of a scheduled sitting's thousands is one write and
// two small reads.
func (s *Service) StartPaper(ctx context.Context, c Contest, tenantID, roundID, participantID, ip string) (Attempt, []Shown, error) {
	a, b, err := s.start(ctx, c, tenantID, roundID, participantID, ip)
	if err != nil {
		return Attempt{}, nil, err
	}
	return a, shown(a, false, b, nil), nil
}

func (s *Service) start(ctx context.Context, c Contest, tenantID, roundID, participantID, ip string) (Attempt, *bankCache, error) {
	r, err := s.startRound(ctx, tenantID, roundID)
	if err != nil {
		return Attempt{}, nil, err
	}
	if r.ContestID != c.ID {
		return Attempt{}, nil, apperr.ErrNotFound
	}
	p, err := s.Store.Participant(ctx, tenantID, participantID)
	if err != nil {
		return Attempt{}, nil, err
	}
	if err := Eligible(c, r, p); err != nil {
		return Attempt{}, nil, err
	}
	prev, err := s.Store.AttemptsOf(ctx, tenantID, roundID, participantID)
	if err != nil {
		return Attempt{}, nil, err
	}
	now := s.now()
	open := false
	for _, a := range prev {
		if a.State == Open && !now.After(a.Deadline) {
			open = true
		}
	}
	if err := CanStart(r, now, len(prev), open); err != nil {
		return Attempt{}, nil, err
	}
	b, err := s.bank(ctx, tenantID, c.ID)
	if err != nil {
		return Attempt{}, nil, err
	}
	at := Attempt{ID: newID(), RoundID: roundID, ParticipantID: participantID, UnitCode: p.UnitCode, No: len(prev) + 1,
		StartedAt: now, Deadline: Deadline(r, now), State: Open, IP: ip}
	if at.Layout, err = Draw(b.qs, r.Questions, Seed(c.Secret, at.ID)); err != nil {
		return Attempt{}, nil, err
	}
	err = s.Store.TransactContest(ctx, func(tx Tx) error {
		if err := tx.InsertAttempt(ctx, tenantID, at); err != nil {
			if apperr.CodeOf(err) == apperr.Conflict {
				return apperr.New(apperr.Conflict, "Lượt thi này vừa được bắt đầu ở một cửa sổ khác.")
			}
			return err
		}
		return tx.Event(ctx, tenantID, at.ID, "start", ip, "")
	})
	return at, b, err
}

// Save saves one answer, by the server's clock.
func (s *Service) Save(ctx context.Context, tenantID, participantID, attemptID string, pos, choice int) error {
	if pos < 0 || pos >= 200 || choice < 0 || choice >= 6 {
		return apperr.New(apperr.Invalid, "Câu trả lời không hợp lệ.")
	}
	now := s.now()
	ok, err := s.Store.SaveAnswer(ctx, tenantID, participantID, Answer{AttemptID: attemptID, Pos: pos, Choice: choice, AnsweredAt: now})
	if err != nil || ok {
		return err
	}
	// Refused: say why.
	a, err := s.Store.Attempt(ctx, tenantID, attemptID)
	if err != nil {
		return err
	}
	if a.ParticipantID != participantID {
		return apperr.ErrNotFound
	}
	if pos >= len(a.Layout) {
		return apperr.New(apperr.Invalid, "Câu trả lời không hợp lệ.")
	}
	if err := AnswerOpen(a, now); err != nil {
		return err
	}
	return apperr.New(apperr.Conflict, "Câu trả lời không được ghi nhận.")
}

// Submit scores an open attempt once: its answers as saved, the
// prediction, the server's time.
func (s *Service) Submit(ctx context.Context, tenantID, participantID, attemptID string, prediction *int64, ip string) (Attempt, error) {
	if prediction != nil && (*prediction < 0 || *prediction > 1e12) {
		return Attempt{}, fieldErr("prediction", "Số dự đoán không hợp lệ.")
	}
	var out Attempt
	err := s.Store.TransactContest(ctx, func(tx Tx) error {
		a, err := tx.Attempt(ctx, tenantID, attemptID)
		if err != nil {
			return err
		}
		if a.ParticipantID != participantID {
			return apperr.ErrNotFound
		}
		now := s.now()
		if a.State != Open {
			return apperr.New(apperr.Conflict, "Bài thi đã được nộp và chấm, không thể nộp lại.")
		}
		if now.After(a.Deadline.Add(s.grace())) {
			return apperr.New(apperr.Conflict, "Đã quá thời hạn nộp bài; bài thi được chấm theo các câu trả lời đã lưu.")
		}
		a.Prediction = prediction
		a.State = Submitted
		if now.After(a.Deadline) {
			now = a.Deadline
		}
		if err := s.score(ctx, tx, tenantID, &a, now); err != nil {
			return err
		}
		ok, err := tx.Finish(ctx, tenantID, a)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.New(apperr.Conflict, "Bài thi đã được nộp và chấm, không thể nộp lại.")
		}
		out = a
		return tx.Event(ctx, tenantID, a.ID, "submit", ip, fmt.Sprintf("%d đúng", a.Correct))
	})
	return out, err
}

// score fills an attempt's score from its saved answers.
func (s *Service) score(ctx context.Context, tx Tx, tenantID string, a *Attempt, at time.Time) error {
	r, err := s.Store.Round(ctx, tenantID, a.RoundID)
	if err != nil {
		return err
	}
	c, err := s.roundContest(ctx, tenantID, r)
	if err != nil {
		return err
	}
	b, err := s.bank(ctx, tenantID, c)
	if err != nil {
		return err
	}
	answers, err := tx.Answers(ctx, tenantID, a.ID)
	if err != nil {
		return err
	}
	a.Correct = Score(a.Layout, b.key, answers)
	a.Score = a.Correct * r.Points
	a.SubmittedAt = &at
	return nil
}

func (s *Service) roundContest(_ context.Context, _ string, r Round) (string, error) {
	return r.ContestID, nil
}

// Sweep finalises the round's attempts whose deadline and grace have
// passed (Moodle's overdue-attempt updater): their saved answers are
// scored, the time is the deadline. It returns how many it finalised.
func (s *Service) Sweep(ctx context.Context, tenantID, roundID string) (int, error) {
	before := s.now().Add(-s.grace())
	return s.sweep(ctx, tenantID, roundID, before)
}

func (s *Service) sweep(ctx context.Context, tenantID, roundID string, before time.Time) (int, error) {
	n := 0
	for {
		var done int
		err := s.Store.TransactContest(ctx, func(tx Tx) error {
			open, err := tx.OpenAttempts(ctx, tenantID, roundID, before)
			if err != nil {
				return err
			}
			if len(open) > 500 {
				open = open[:500]
			}
			for _, a := range open {
				a.State = Expired
				if err := s.score(ctx, tx, tenantID, &a, a.Deadline); err != nil {
					return err
				}
				if ok, err := tx.Finish(ctx, tenantID, a); err != nil {
					return err
				} else if ok {
					done++
				}
				if err := tx.Event(ctx, tenantID, a.ID, "expire", "", fmt.Sprintf("%d đúng", a.Correct)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		n += done
		if done < 500 {
			return n, nil
		}
	}
}

// Close ranks a round once it has closed: every open attempt is
// finalised, the counted attempt of each person chosen, the prediction's
// actual number computed over valid entries, the chain applied, prizes
// given. It may run again after a voiding: the ranking is replaced.
func (s *Service) Close(ctx context.Context, a Actor, c Contest, tenantID, roundID string) (Round, int, error) {
	r, err := s.Store.Round(ctx, tenantID, roundID)
	if err != nil {
		return Round{}, 0, err
	}
	if s.now().Before(r.ClosesAt) {
		return Round{}, 0, apperr.Newf(apperr.Conflict, "Vòng thi chưa kết thúc (đến %s): chưa thể xếp hạng.", r.ClosesAt.In(Zone).Format("15:04 ngày 02/01/2006"))
	}
	// Every attempt ends by the close, so all open ones are overdue.
	if _, err := s.sweep(ctx, tenantID, roundID, r.ClosesAt.Add(time.Nanosecond)); err != nil {
		return Round{}, 0, err
	}
	byPerson := map[string][]Entry{}
	allCorrect := 0
	attempts := map[string]int{} // unit → valid attempts
	histogram := map[int]int{}   // correct answers → valid attempts
	err = s.Store.Entries(ctx, tenantID, roundID, r.Questions, func(e Entry) error {
		byPerson[e.ParticipantID] = append(byPerson[e.ParticipantID], e)
		attempts[e.UnitCode]++
		histogram[e.Correct]++
		if e.Correct == e.Questions {
			allCorrect++
		}
		return nil
	})
	if err != nil {
		return Round{}, 0, err
	}
	counted := make([]Entry, 0, len(byPerson))
	for _, es := range byPerson {
		if e, ok := Counted(r.Counts, r.Chain, es); ok {
			counted = append(counted, e)
		}
	}
	byPerson = nil
	r.Actual = Actual(r.Prediction, counted, allCorrect)
	ranked := Rank(r.Chain, r.Actual, counted)
	awards := Awards(c.Prizes, ranked)
	rows := make([]RankRow, len(ranked))
	for i, e := range ranked {
		rows[i] = RankRow{Place: i + 1, Rank: e.Rank, AttemptID: e.AttemptID, ParticipantID: e.ParticipantID, UnitCode: e.UnitCode,
			Score: e.Score, Correct: e.Correct, Distance: e.Distance, DurationMS: e.Duration.Milliseconds(), Prize: awards[e.AttemptID]}
	}
	err = s.Store.TransactContest(ctx, func(tx Tx) error {
		now := tx.Now()
		r.RankedAt = &now
		if err := tx.ReplaceRanks(ctx, tenantID, r, Ranking{Rows: rows, Units: Tally(counted, attempts, awards), Histogram: histogram}); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "contest.rank", r.ID, fmt.Sprintf("%d người, số thực tế %d", len(rows), r.Actual))
	})
	return r, len(rows), err
}

// Void sets an entry aside with the organisers' reason; a ranked round is
// ranked again.
func (s *Service) Void(ctx context.Context, a Actor, c Contest, tenantID, attemptID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return fieldErr("reason", "Ghi lý do hủy kết quả (tối đa 500 ký tự).")
	}
	at, err := s.Store.Attempt(ctx, tenantID, attemptID)
	if err != nil {
		return err
	}
	r, err := s.Store.Round(ctx, tenantID, at.RoundID)
	if err != nil {
		return err
	}
	if r.ContestID != c.ID {
		return apperr.ErrNotFound
	}
	err = s.Store.TransactContest(ctx, func(tx Tx) error {
		if err := tx.Void(ctx, tenantID, attemptID, reason); err != nil {
			return err
		}
		if err := tx.Event(ctx, tenantID, attemptID, "void", a.IP, reason); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "contest.void", attemptID, reason)
	})
	if err != nil || r.RankedAt == nil {
		return err
	}
	_, _, err = s.Close(ctx, a, c, tenantID, r.ID)
	return err
}

// Shown is an attempt's question as the participant sees it: options in
// the attempt's order, no key until the round is ranked.
type Shown struct {
	Pos     int
	Stem    string
	Options []string
	Chosen  int // -1 none
	// After the round is ranked:
	Correct  int // the shown place of the key, -1 before
	Document string
	Article  string
	Explain  string
}

// Paper returns an attempt's questions for its participant.
func (s *Service) Paper(ctx context.Context, c Contest, tenantID, participantID, attemptID string) (Attempt, Round, []Shown, error) {
	a, err := s.Store.Attempt(ctx, tenantID, attemptID)
	if err != nil {
		return Attempt{}, Round{}, nil, err
	}
	if a.ParticipantID != participantID {
		return Attempt{}, Round{}, nil, apperr.ErrNotFound
	}
	r, err := s.Store.Round(ctx, tenantID, a.RoundID)
	if err != nil {
		return Attempt{}, Round{}, nil, err
	}
	b, err := s.bank(ctx, tenantID, c.ID)
	if err != nil {
		return Attempt{}, Round{}, nil, err
	}
	answers, err := s.Store.Answers(ctx, tenantID, attemptID)
	if err != nil {
		return Attempt{}, Round{}, nil, err
	}
	return a, r, shown(a, r.RankedAt != nil, b, answers), nil
}

// shown lays out an attempt's questions as its participant sees them;
// the key and the explanations only once the round is ranked.
func shown(a Attempt, ranked bool, b *bankCache, answers map[int]int) []Shown {
	out := make([]Shown, len(a.Layout))
	for i, it := range a.Layout {
		q := b.by[it.QuestionID]
		sh := Shown{Pos: i, Chosen: -1, Correct: -1}
		if ch, ok := answers[i]; ok {
			sh.Chosen = ch
		}
		if q != nil {
			sh.Stem = q.Stem
			for place, bankIdx := range it.Perm {
				if bankIdx < len(q.Options) {
					sh.Options = append(sh.Options, q.Options[bankIdx])
				}
				if ranked && bankIdx == q.Correct {
					sh.Correct = place
				}
			}
			if ranked {
				sh.Document, sh.Article, sh.Explain = q.Document, q.Article, q.Explain
			}
		}
		out[i] = sh
	}
	return out
}

func fieldErr(field, msg string) error {
	var l apperr.FieldList
	l.Add(field, msg)
	return l.Err()
}
