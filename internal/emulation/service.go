package emulation

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
)

// Actor is the officer acting, for the audit log.
type Actor struct {
	ID, Name, IP string
}

// AwardFilter selects awards.
type AwardFilter struct {
	Year   int
	Status Status
	Kind   Kind
	Title  TitleCode
	// DecidedFrom/To select awards decided in [from, to] (the figures'
	// drill-down); zero: any.
	DecidedFrom, DecidedTo time.Time
	Limit, Offset          int
}

// ModelFilter selects "Dân vận khéo" models.
type ModelFilter struct {
	Year                         int
	Recognised                   bool // only recognised models
	RecognisedFrom, RecognisedTo time.Time
	Limit, Offset                int
}

// Store is the storage the register needs; every record is a tenant's.
type Store interface {
	Movements(ctx context.Context, tenantID string) ([]Movement, error)
	Registrations(ctx context.Context, tenantID, movementID string) ([]Registration, error)
	Evaluations(ctx context.Context, tenantID string, year int) ([]Evaluation, error)
	Awards(ctx context.Context, tenantID string, f AwardFilter) ([]Award, int, error)
	Award(ctx context.Context, tenantID, id string) (Award, error)
	Models(ctx context.Context, tenantID string, f ModelFilter) ([]Model, int, error)
	Model(ctx context.Context, tenantID, id string) (Model, error)
	Tasks(ctx context.Context, tenantID string, year int) ([]Task, error)
	Reviews(ctx context.Context, tenantID string, year int) ([]Review, error)
	Criteria(ctx context.Context, tenantID string, year int) ([]Criterion, error)
	TransactEmulation(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction. The Save methods insert or replace a record by
// its key.
type Tx interface {
	Now() time.Time
	SaveMovement(ctx context.Context, tenantID string, m Movement) error
	SaveRegistration(ctx context.Context, tenantID string, r Registration) error
	SaveEvaluation(ctx context.Context, tenantID string, e Evaluation) error
	SaveAward(ctx context.Context, tenantID string, a Award) error
	SaveModel(ctx context.Context, tenantID string, m Model) error
	SaveTask(ctx context.Context, tenantID string, t Task) error
	SaveReview(ctx context.Context, tenantID string, r Review) error
	SaveCriterion(ctx context.Context, tenantID string, c Criterion) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Service holds the register's use cases.
type Service struct {
	Store Store
	Par   ParRule
	Now   func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) today() time.Time {
	n := s.now().In(zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

var zone = time.FixedZone("ICT", 7*3600)

// NewID returns a fresh record ID.
func NewID() string {
	if id, err := uuid.NewV7(); err == nil {
		return id.String()
	}
	return uuid.NewString()
}

func (s *Service) write(ctx context.Context, tenantID string, a Actor, action, object, detail string, fn func(Tx) error) error {
	return s.Store.TransactEmulation(ctx, func(tx Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
			Action: action, Object: object, Detail: detail})
	})
}

// fields gathers field errors.
type fields struct{ l apperr.FieldList }

func (f *fields) text(field, label, v string, maxLen int, required bool) string {
	v = strings.TrimSpace(v)
	switch {
	case required && v == "":
		f.add(field, label+" không được để trống.")
	case utf8.RuneCountInString(v) > maxLen:
		f.add(field, fmt.Sprintf("%s dài quá %d ký tự.", label, maxLen))
	}
	return v
}

func (f *fields) add(field, msg string) { f.l.Add(field, msg) }

func (f *fields) err() error { return f.l.Err() }

func (f *fields) year(field string, y int) {
	if y < 2000 || y > 2100 {
		f.add(field, "Năm không hợp lệ.")
	}
}

// SaveMovement records or corrects a movement.
func (s *Service) SaveMovement(ctx context.Context, tenantID string, a Actor, m Movement) (Movement, error) {
	var f fields
	m.Name = f.text("name", "Tên phong trào", m.Name, 300, true)
	m.Theme = f.text("theme", "Chủ đề", m.Theme, 1000, false)
	m.Criteria = f.text("criteria", "Tiêu chí", m.Criteria, 5000, false)
	m.DecisionNo = f.text("decision_no", "Số kế hoạch/quyết định", m.DecisionNo, 100, false)
	if m.Kind != "regular" && m.Kind != "campaign" {
		m.Kind = "regular"
	}
	if m.From.IsZero() {
		f.add("from", "Ngày bắt đầu không được để trống.")
	}
	if m.To.IsZero() {
		f.add("to", "Ngày kết thúc không được để trống.")
	} else if m.To.Before(m.From) {
		f.add("to", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	if err := f.err(); err != nil {
		return m, err
	}
	if m.ID == "" {
		m.ID = NewID()
	}
	return m, s.write(ctx, tenantID, a, "emulation.movement", m.ID, m.Name, func(tx Tx) error { return tx.SaveMovement(ctx, tenantID, m) })
}

// Register records a registration in a movement.
func (s *Service) Register(ctx context.Context, tenantID string, a Actor, r Registration) (Registration, error) {
	var f fields
	r.Name = f.text("name", "Tên đơn vị/cá nhân", r.Name, 200, true)
	r.Unit = f.text("unit", "Phòng, đơn vị", r.Unit, 200, r.Kind == Individual)
	if r.Kind != Individual && r.Kind != Collective {
		f.add("kind", "Chọn cá nhân hoặc tập thể.")
	}
	if t, ok := TitleOn(r.Pledge, s.today()); !ok || (t.Kind != "" && t.Kind != r.Kind) || t.Form {
		f.add("pledge", "Danh hiệu đăng ký không phù hợp.")
	}
	if r.MovementID == "" {
		f.add("movement_id", "Chọn phong trào thi đua.")
	}
	if err := f.err(); err != nil {
		return r, err
	}
	r.ID = NewID()
	if r.RegisteredOn.IsZero() {
		r.RegisteredOn = s.today()
	}
	return r, s.write(ctx, tenantID, a, "emulation.register", r.ID, r.Name, func(tx Tx) error { return tx.SaveRegistration(ctx, tenantID, r) })
}

// Evaluate records the year's evaluation of a person or collective. A
// collective's ParTasksMet is computed from the PAR tasks it owns (seed
// 002), never typed.
func (s *Service) Evaluate(ctx context.Context, tenantID string, a Actor, e Evaluation) (Evaluation, error) {
	var f fields
	e.Name = f.text("name", "Tên đơn vị/cá nhân", e.Name, 200, true)
	e.Unit = f.text("unit", "Phòng, đơn vị", e.Unit, 200, e.Kind == Individual)
	f.year("year", e.Year)
	if e.Kind != Individual && e.Kind != Collective {
		f.add("kind", "Chọn cá nhân hoặc tập thể.")
	}
	if !e.Rating.Valid() {
		f.add("rating", "Chọn mức xếp loại.")
	}
	if e.Kind == Collective {
		if e.Unit == "" {
			e.Unit = e.Name
		}
		if e.Members < 1 || e.MembersLDTT < 0 || e.MembersLDTT > e.Members || e.MembersCSTD < 0 || e.MembersCSTD > e.MembersLDTT || e.MembersFailed < 0 || e.MembersFailed > e.Members {
			f.add("members", "Số cá nhân của tập thể không hợp lệ (LĐTT ≤ tổng số, CSTĐ ≤ LĐTT).")
		}
	}
	if err := f.err(); err != nil {
		return e, err
	}
	if e.Kind == Collective {
		tasks, err := s.Store.Tasks(ctx, tenantID, e.Year)
		if err != nil {
			return e, err
		}
		on := time.Date(e.Year, 12, 31, 0, 0, 0, 0, time.UTC)
		if s.today().Before(on) {
			on = s.today()
		}
		e.ParTasksMet, _ = ParMet(tasks, e.Unit, e.Year, on)
	}
	if e.ID == "" {
		e.ID = NewID()
	}
	return e, s.write(ctx, tenantID, a, "emulation.evaluate", e.ID, e.Name, func(tx Tx) error { return tx.SaveEvaluation(ctx, tenantID, e) })
}

// Eligible checks an evaluation against a title on the last day of its year.
func (s *Service) Eligible(e Evaluation, code TitleCode) (Title, []Unmet, error) {
	t, ok := TitleOn(code, time.Date(e.Year, 12, 31, 0, 0, 0, 0, time.UTC))
	if !ok {
		return t, nil, apperr.Field("title", "Danh hiệu/hình thức khen thưởng không áp dụng cho năm này.")
	}
	return t, Check(t, e, s.Par), nil
}

// Propose proposes a title or form for an evaluated person or collective.
// The conditions are checked first: a proposal that does not meet them is
// refused with every unmet condition (the PAR rule among them).
func (s *Service) Propose(ctx context.Context, tenantID string, a Actor, evaluationID string, code TitleCode, achievement string) (Award, error) {
	var e Evaluation
	found := false
	for y := s.today().Year(); y >= s.today().Year()-1 && !found; y-- {
		es, err := s.Store.Evaluations(ctx, tenantID, y)
		if err != nil {
			return Award{}, err
		}
		for _, x := range es {
			if x.ID == evaluationID {
				e, found = x, true
			}
		}
	}
	if !found {
		return Award{}, apperr.New(apperr.NotFound, "Không tìm thấy kết quả đánh giá (chỉ đề nghị khen thưởng năm nay hoặc năm trước).")
	}
	t, unmet, err := s.Eligible(e, code)
	if err != nil {
		return Award{}, err
	}
	if len(unmet) > 0 {
		msgs := make([]string, len(unmet))
		for i, u := range unmet {
			msgs[i] = u.Message
		}
		return Award{}, apperr.Field("title", "Chưa đủ điều kiện đề nghị "+t.Name+": "+strings.Join(msgs, " "))
	}
	aw := Award{ID: NewID(), Year: e.Year, Title: code, Kind: e.Kind, Name: e.Name, Unit: e.Unit, Status: Proposed,
		ProposedOn: s.today(), Achieve: strings.TrimSpace(achievement)}
	return aw, s.write(ctx, tenantID, a, "emulation.propose", aw.ID, t.Name+": "+aw.Name, func(tx Tx) error { return tx.SaveAward(ctx, tenantID, aw) })
}

// Decide records the decision on a proposal: awarded (with the decision's
// number and day) or refused (with the reason).
func (s *Service) Decide(ctx context.Context, tenantID string, a Actor, id string, award bool, decisionNo string, on time.Time, reason string) (Award, error) {
	aw, err := s.Store.Award(ctx, tenantID, id)
	if err != nil {
		return aw, err
	}
	if aw.Status != Proposed && !(aw.Status == Awarded && !award) {
		return aw, apperr.New(apperr.Conflict, "Đề nghị này đã được quyết định.")
	}
	var f fields
	if award {
		aw.DecisionNo = f.text("decision_no", "Số quyết định", decisionNo, 100, true)
		if on.IsZero() {
			f.add("decided_on", "Ngày quyết định không được để trống.")
		} else if on.After(s.today()) {
			f.add("decided_on", "Ngày quyết định không được sau hôm nay.")
		}
		aw.Status, aw.DecidedOn = Awarded, &on
	} else {
		aw.Reason = f.text("reason", "Lý do", reason, 1000, true)
		if aw.Status == Awarded {
			aw.Status = Revoked
		} else {
			aw.Status = Refused
		}
	}
	if err := f.err(); err != nil {
		return aw, err
	}
	return aw, s.write(ctx, tenantID, a, "emulation.decide", aw.ID, string(aw.Status)+" "+aw.DecisionNo, func(tx Tx) error { return tx.SaveAward(ctx, tenantID, aw) })
}

// SaveModel registers or corrects a "Dân vận khéo" model.
func (s *Service) SaveModel(ctx context.Context, tenantID string, a Actor, m Model) (Model, error) {
	var f fields
	m.Name = f.text("name", "Tên mô hình", m.Name, 300, true)
	m.Field = f.text("field", "Lĩnh vực", m.Field, 100, true)
	m.Unit = f.text("unit", "Đơn vị thực hiện", m.Unit, 200, true)
	m.Content = f.text("content", "Nội dung", m.Content, 5000, false)
	m.Results = f.text("results", "Kết quả", m.Results, 5000, false)
	f.year("year", m.Year)
	if err := f.err(); err != nil {
		return m, err
	}
	if m.ID == "" {
		m.ID = NewID()
		m.RegisteredOn = s.today()
	}
	return m, s.write(ctx, tenantID, a, "danvan.model", m.ID, m.Name, func(tx Tx) error { return tx.SaveModel(ctx, tenantID, m) })
}

// RecogniseModel records the decision recognising a model.
func (s *Service) RecogniseModel(ctx context.Context, tenantID string, a Actor, id, level, decisionNo string, on time.Time) (Model, error) {
	m, err := s.Store.Model(ctx, tenantID, id)
	if err != nil {
		return m, err
	}
	var f fields
	m.Level = f.text("level", "Cấp công nhận", level, 100, true)
	m.DecisionNo = f.text("decision_no", "Số quyết định", decisionNo, 100, true)
	if on.IsZero() || on.After(s.today()) {
		f.add("recognised_on", "Ngày công nhận không hợp lệ.")
	}
	if err := f.err(); err != nil {
		return m, err
	}
	m.RecognisedOn = &on
	return m, s.write(ctx, tenantID, a, "danvan.recognise", m.ID, m.Name, func(tx Tx) error { return tx.SaveModel(ctx, tenantID, m) })
}

// SaveTask records a task of the PAR plan.
func (s *Service) SaveTask(ctx context.Context, tenantID string, a Actor, t Task) (Task, error) {
	var f fields
	t.Name = f.text("name", "Nhiệm vụ", t.Name, 500, true)
	t.Owner = f.text("owner", "Đơn vị chủ trì", t.Owner, 200, true)
	t.Product = f.text("product", "Kết quả/sản phẩm", t.Product, 500, false)
	t.Area = f.text("area", "Lĩnh vực CCHC", t.Area, 200, true)
	f.year("year", t.Year)
	if t.Due.IsZero() {
		f.add("due", "Thời hạn không được để trống.")
	} else if t.Due.Year() != t.Year {
		f.add("due", "Thời hạn phải trong năm của kế hoạch.")
	}
	if err := f.err(); err != nil {
		return t, err
	}
	if t.ID == "" {
		t.ID = NewID()
	}
	return t, s.write(ctx, tenantID, a, "reform.task", t.ID, t.Name, func(tx Tx) error { return tx.SaveTask(ctx, tenantID, t) })
}

// ReviewTask records a quarterly review of a task; done marks it done on
// the review's day.
func (s *Service) ReviewTask(ctx context.Context, tenantID string, a Actor, taskID string, quarter, progress int, note string, doneOn *time.Time) (Review, error) {
	var f fields
	if quarter < 1 || quarter > 4 {
		f.add("quarter", "Quý phải từ 1 đến 4.")
	}
	if progress < 0 || progress > 100 {
		f.add("progress", "Tiến độ phải từ 0 đến 100%.")
	}
	note = f.text("note", "Ghi chú", note, 2000, false)
	if doneOn != nil && doneOn.After(s.today()) {
		f.add("done_on", "Ngày hoàn thành không được sau hôm nay.")
	}
	if err := f.err(); err != nil {
		return Review{}, err
	}
	var task Task
	found := false
	for _, y := range []int{s.today().Year(), s.today().Year() - 1} {
		ts, err := s.Store.Tasks(ctx, tenantID, y)
		if err != nil {
			return Review{}, err
		}
		for _, t := range ts {
			if t.ID == taskID {
				task, found = t, true
			}
		}
	}
	if !found {
		return Review{}, apperr.New(apperr.NotFound, "Không tìm thấy nhiệm vụ CCHC.")
	}
	r := Review{ID: NewID(), TaskID: taskID, Year: task.Year, Quarter: quarter, Progress: progress, Note: note, At: s.now()}
	if doneOn != nil {
		task.DoneOn = doneOn
		r.Progress = 100
	}
	return r, s.write(ctx, tenantID, a, "reform.review", taskID, fmt.Sprintf("Quý %d: %d%%", quarter, r.Progress), func(tx Tx) error {
		if doneOn != nil {
			if err := tx.SaveTask(ctx, tenantID, task); err != nil {
				return err
			}
		}
		return tx.SaveReview(ctx, tenantID, r)
	})
}

// SaveCriterion records a criterion of the self-assessment.
func (s *Service) SaveCriterion(ctx context.Context, tenantID string, a Actor, c Criterion) (Criterion, error) {
	var f fields
	c.Code = f.text("code", "Mã tiêu chí", c.Code, 20, true)
	c.Name = f.text("name", "Tiêu chí", c.Name, 500, true)
	c.Area = f.text("area", "Lĩnh vực", c.Area, 200, true)
	c.Evidence = f.text("evidence", "Tài liệu kiểm chứng", c.Evidence, 5000, false)
	f.year("year", c.Year)
	if c.MaxPoints <= 0 || c.MaxPoints > 100 {
		f.add("max_points", "Điểm tối đa không hợp lệ.")
	}
	if c.Points < 0 || c.Points > c.MaxPoints {
		f.add("points", "Điểm tự đánh giá phải từ 0 đến điểm tối đa.")
	}
	if c.Points > 0 && c.Evidence == "" {
		f.add("evidence", "Điểm tự đánh giá phải có tài liệu kiểm chứng.")
	}
	if err := f.err(); err != nil {
		return c, err
	}
	return c, s.write(ctx, tenantID, a, "reform.criterion", c.Code, fmt.Sprintf("%d %s: %.2f/%.2f", c.Year, c.Code, c.Points, c.MaxPoints), func(tx Tx) error { return tx.SaveCriterion(ctx, tenantID, c) })
}
