package dissemination

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
)

// Scope is where an officer keeps the register: the province's partition
// (the department's tenant), and one commune for a commune's officer.
type Scope struct {
	TenantID     string
	ProvinceCode string
	CommuneCode  string // "" for the department
	// ActorTenantID is the commune tenant of a commune officer: their
	// audit entries go into their own chain.
	ActorTenantID string
}

// Actor is the officer acting.
type Actor struct{ ID, Name, IP string }

// ActivityFilter selects activities for a list or a figure's drill-down.
type ActivityFilter struct {
	CommuneCode string // a commune; "" every one
	OwnOnly     bool   // only the department's own activities (commune "")
	Channel     Channel
	From, To    *time.Time
	Query       string // in the theme or the legal texts
	LawDay      bool
	PlanTask    string
	Material    string // activities that handed this material out
	Limit       int
	Offset      int
}

// Store is the storage the register needs.
type Store interface {
	Activities(ctx context.Context, tenantID string, f ActivityFilter) ([]Activity, error)
	Activity(ctx context.Context, tenantID, id string) (Activity, error)
	People(ctx context.Context, tenantID, commune string) ([]Person, error)
	Materials(ctx context.Context, tenantID, commune string, year int) ([]Material, error)
	Bookshelves(ctx context.Context, tenantID, commune string) ([]Bookshelf, error)
	PlanTasks(ctx context.Context, tenantID, commune string, year int) ([]PlanTask, error)
	Assessments(ctx context.Context, tenantID, commune string, year int) ([]AccessRecord, error)
	TransactDissemination(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction.
type Tx interface {
	InsertActivity(ctx context.Context, tenantID string, a Activity) error
	// UpdateActivity replaces an activity and its handouts.
	UpdateActivity(ctx context.Context, tenantID string, a Activity) error
	// DeleteActivity removes an activity and its handouts.
	DeleteActivity(ctx context.Context, tenantID, id string) error
	InsertPerson(ctx context.Context, tenantID string, p Person) error
	EndPerson(ctx context.Context, tenantID, id string, on time.Time) error
	InsertMaterial(ctx context.Context, tenantID string, m Material) error
	InsertBookshelf(ctx context.Context, tenantID string, b Bookshelf) error
	InsertPlanTask(ctx context.Context, tenantID string, t PlanTask) error
	// SaveAssessment writes a commune's year, replacing its scores; it
	// refuses (Conflict) a year already recognised.
	SaveAssessment(ctx context.Context, tenantID string, r AccessRecord) error
	Recognise(ctx context.Context, tenantID, commune string, year int, no string, on time.Time) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Service holds the register's use cases.
type Service struct {
	Store Store
	// InProvince says whether a commune code belongs to a province.
	InProvince func(commune, province string) bool
	Now        func() time.Time
}

func (s *Service) today() time.Time {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	n := now().In(time.FixedZone("ICT", 7*3600))
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// commune settles the commune a record belongs to: a commune officer's
// own, else the one chosen (which must be of the province; "" = the
// department's own).
func (s *Service) commune(sc Scope, chosen string) (string, error) {
	if sc.CommuneCode != "" {
		if chosen != "" && chosen != sc.CommuneCode {
			return "", apperr.New(apperr.Forbidden, "Cán bộ xã chỉ ghi sổ của xã mình.")
		}
		return sc.CommuneCode, nil
	}
	if chosen != "" && s.InProvince != nil && !s.InProvince(chosen, sc.ProvinceCode) {
		return "", apperr.Field("commune_code", "Xã, phường, đặc khu không thuộc tỉnh.")
	}
	return chosen, nil
}

func (s *Service) audit(ctx context.Context, tx Tx, sc Scope, a Actor, action, object, detail string) error {
	chain := sc.TenantID
	if sc.ActorTenantID != "" {
		chain = sc.ActorTenantID
	}
	return tx.Audit(ctx, audit.Entry{TenantID: chain, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: action, Object: object, Detail: detail})
}

// Record validates and stores an activity, audited.
func (s *Service) Record(ctx context.Context, a Actor, sc Scope, act Activity) (Activity, error) {
	var err error
	if act.CommuneCode, err = s.commune(sc, act.CommuneCode); err != nil {
		return act, err
	}
	if err := Validate(&act, s.today()); err != nil {
		return act, err
	}
	act.ID = uuid.NewString()
	err = s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.InsertActivity(ctx, sc.TenantID, act); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.activity", act.ID, act.Theme)
	})
	return act, err
}

// Correct replaces an activity recorded wrongly (a typo, a copy count),
// audited with what it was: the officer who may see it may correct it; a
// commune's activity stays its commune's.
func (s *Service) Correct(ctx context.Context, a Actor, sc Scope, act Activity) (Activity, error) {
	old, err := s.Activity(ctx, sc, act.ID)
	if err != nil {
		return act, err
	}
	if sc.CommuneCode != "" {
		act.CommuneCode = old.CommuneCode
	} else if act.CommuneCode, err = s.commune(sc, act.CommuneCode); err != nil {
		return act, err
	}
	if err := Validate(&act, s.today()); err != nil {
		return act, err
	}
	err = s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.UpdateActivity(ctx, sc.TenantID, act); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.activity.correct", act.ID,
			fmt.Sprintf("trước: %s ngày %s, %d người, %d bản tài liệu", old.Theme, old.HeldOn.Format("02/01/2006"), old.Participants, copiesOf(old)))
	})
	return act, err
}

// Remove deletes an activity recorded by mistake (twice, or never held),
// with the reason kept in the audit log with what was removed.
func (s *Service) Remove(ctx context.Context, a Actor, sc Scope, id, reason string) error {
	reason = strings.TrimSpace(reason)
	if n := len([]rune(reason)); n < 10 || n > 500 {
		return apperr.Field("reason", "Ghi lý do xóa (từ 10 đến 500 ký tự).")
	}
	old, err := s.Activity(ctx, sc, id)
	if err != nil {
		return err
	}
	return s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.DeleteActivity(ctx, sc.TenantID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.activity.delete", id,
			fmt.Sprintf("%s ngày %s, %d người, %d bản tài liệu; lý do: %s", old.Theme, old.HeldOn.Format("02/01/2006"), old.Participants, copiesOf(old), reason))
	})
}

func copiesOf(a Activity) int {
	n := 0
	for _, h := range a.Handouts {
		n += h.Copies
	}
	return n
}

// Import stores activities all or nothing, in one transaction; the error
// names the first bad activity's line (its Line, as ReadRecords read it,
// else its place in acts, 1-based).
func (s *Service) Import(ctx context.Context, a Actor, sc Scope, acts []Activity) (int, error) {
	today := s.today()
	for i := range acts {
		var err error
		if acts[i].CommuneCode, err = s.commune(sc, acts[i].CommuneCode); err == nil {
			err = Validate(&acts[i], today)
		}
		if err != nil {
			line := acts[i].Line
			if line == 0 {
				line = i + 1
			}
			return 0, apperr.Newf(apperr.Invalid, "Dòng %d: %s", line, describe(err))
		}
		acts[i].ID = uuid.NewString()
	}
	err := s.Store.TransactDissemination(ctx, func(tx Tx) error {
		for _, act := range acts {
			if err := tx.InsertActivity(ctx, sc.TenantID, act); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, sc, a, "dissemination.import", "", fmt.Sprintf("%d hoạt động", len(acts)))
	})
	if err != nil {
		return 0, err
	}
	return len(acts), nil
}

// describe is an error's message with its fields' messages.
func describe(err error) string {
	e := apperr.As(err)
	if e == nil {
		return err.Error()
	}
	if len(e.Fields) == 0 {
		return e.Message
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(k + ": " + e.Fields[k])
	}
	return b.String()
}

// Activity returns an activity the officer may see.
func (s *Service) Activity(ctx context.Context, sc Scope, id string) (Activity, error) {
	act, err := s.Store.Activity(ctx, sc.TenantID, id)
	if err != nil || (sc.CommuneCode != "" && act.CommuneCode != sc.CommuneCode) {
		return Activity{}, apperr.New(apperr.NotFound, "Không tìm thấy hoạt động phổ biến, giáo dục pháp luật.")
	}
	return act, nil
}

// AddPerson records a lecturer or communicator, audited.
func (s *Service) AddPerson(ctx context.Context, a Actor, sc Scope, p Person) (Person, error) {
	if sc.CommuneCode != "" && p.Role == Lecturer {
		return p, apperr.Field("role", "Báo cáo viên pháp luật do Sở Tư pháp ghi (Chủ tịch Ủy ban nhân dân tỉnh công nhận).")
	}
	var err error
	if p.CommuneCode, err = s.commune(sc, p.CommuneCode); err != nil {
		return p, err
	}
	if err := ValidatePerson(&p, s.today()); err != nil {
		return p, err
	}
	p.ID = uuid.NewString()
	err = s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.InsertPerson(ctx, sc.TenantID, p); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.person", p.ID, p.Role.Name())
	})
	return p, err
}

// EndPerson records the end of a person's recognition.
func (s *Service) EndPerson(ctx context.Context, a Actor, sc Scope, id string, on time.Time) error {
	people, err := s.Store.People(ctx, sc.TenantID, sc.CommuneCode)
	if err != nil {
		return err
	}
	for _, p := range people {
		if p.ID != id {
			continue
		}
		if p.EndedOn != nil {
			return apperr.New(apperr.Conflict, "Người này đã thôi làm báo cáo viên, tuyên truyền viên.")
		}
		if on.Before(p.DecisionOn) || on.After(s.today()) {
			return apperr.Field("ended_on", "Ngày thôi phải từ ngày công nhận đến hôm nay.")
		}
		return s.Store.TransactDissemination(ctx, func(tx Tx) error {
			if err := tx.EndPerson(ctx, sc.TenantID, id, on); err != nil {
				return err
			}
			return s.audit(ctx, tx, sc, a, "dissemination.person_end", id, "")
		})
	}
	return apperr.New(apperr.NotFound, "Không tìm thấy báo cáo viên, tuyên truyền viên.")
}

// AddMaterial records a publication and its print run.
func (s *Service) AddMaterial(ctx context.Context, a Actor, sc Scope, m Material) (Material, error) {
	var err error
	if m.CommuneCode, err = s.commune(sc, m.CommuneCode); err != nil {
		return m, err
	}
	if err := ValidateMaterial(&m, s.today()); err != nil {
		return m, err
	}
	m.ID = uuid.NewString()
	err = s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.InsertMaterial(ctx, sc.TenantID, m); err != nil {
			if apperr.CodeOf(err) == apperr.Conflict {
				return apperr.Field("title", "Tài liệu này đã có trong sổ.")
			}
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.material", m.ID, m.Title)
	})
	return m, err
}

// AddBookshelf records a legal bookshelf.
func (s *Service) AddBookshelf(ctx context.Context, a Actor, sc Scope, b Bookshelf) (Bookshelf, error) {
	var err error
	if b.CommuneCode, err = s.commune(sc, b.CommuneCode); err != nil {
		return b, err
	}
	if err := ValidateBookshelf(&b, s.today()); err != nil {
		return b, err
	}
	b.ID = uuid.NewString()
	err = s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.InsertBookshelf(ctx, sc.TenantID, b); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.bookshelf", b.ID, b.Name)
	})
	return b, err
}

// AddTask records a task of a year's plan.
func (s *Service) AddTask(ctx context.Context, a Actor, sc Scope, t PlanTask) (PlanTask, error) {
	var err error
	if t.CommuneCode, err = s.commune(sc, t.CommuneCode); err != nil {
		return t, err
	}
	if err := ValidateTask(&t); err != nil {
		return t, err
	}
	t.ID = uuid.NewString()
	err = s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.InsertPlanTask(ctx, sc.TenantID, t); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.plan_task", t.ID, t.Title)
	})
	return t, err
}

// SelfAssess scores a commune's year by the rule of that year and stores
// it (a later self-assessment replaces an earlier one until the province
// recognises the commune).
func (s *Service) SelfAssess(ctx context.Context, a Actor, sc Scope, commune string, year int, scores map[int]int, disqualified bool) (AccessRecord, error) {
	var err error
	if commune, err = s.commune(sc, commune); err != nil {
		return AccessRecord{}, err
	}
	if commune == "" {
		return AccessRecord{}, apperr.Field("commune_code", "Chọn xã, phường, đặc khu tự đánh giá.")
	}
	if year < 2021 || year > s.today().Year() {
		return AccessRecord{}, apperr.Field("year", "Năm đánh giá không hợp lệ.")
	}
	rule, ok := RuleFor(year)
	if !ok {
		return AccessRecord{}, apperr.Field("year", "Năm này chưa có bộ tiêu chí tiếp cận pháp luật.")
	}
	res, err := Assess(rule, scores, disqualified)
	if err != nil {
		return AccessRecord{}, apperr.Field("scores", strings.ToUpper(err.Error()[:1])+err.Error()[1:]+".")
	}
	r := AccessRecord{CommuneCode: commune, Year: year, RuleVersion: rule.Version, Scores: scores, Disqualified: disqualified, Total: res.Total, Met: res.Met}
	err = s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.SaveAssessment(ctx, sc.TenantID, r); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.access_assess", commune, fmt.Sprintf("%d: %d điểm", year, r.Total))
	})
	return r, err
}

// Recognise records the province's decision recognising a commune that
// meets the standard (Decision 25/2021/QĐ-TTg: the Chairman of the
// provincial People's Committee recognises; the department keeps the
// list). Only the department records it, and only for a commune that met.
func (s *Service) Recognise(ctx context.Context, a Actor, sc Scope, commune string, year int, no string, on time.Time) error {
	if sc.CommuneCode != "" {
		return apperr.New(apperr.Forbidden, "Quyết định công nhận do Sở Tư pháp ghi.")
	}
	recs, err := s.Store.Assessments(ctx, sc.TenantID, commune, year)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return apperr.New(apperr.NotFound, "Xã chưa tự đánh giá năm này.")
	}
	if !recs[0].Met {
		return apperr.New(apperr.Invalid, "Xã chưa đạt chuẩn tiếp cận pháp luật theo kết quả đánh giá: không thể công nhận.")
	}
	if recs[0].Recognised() {
		return apperr.New(apperr.Conflict, "Xã đã được công nhận đạt chuẩn năm này.")
	}
	var f apperr.FieldList
	no = strings.TrimSpace(no)
	if no == "" {
		f.Add("decision_no", "Ghi số quyết định công nhận.")
	}
	if on.IsZero() || on.After(s.today()) || on.Year() < year {
		f.Add("decision_on", "Ngày quyết định phải sau năm đánh giá và không sau hôm nay.")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.Store.TransactDissemination(ctx, func(tx Tx) error {
		if err := tx.Recognise(ctx, sc.TenantID, commune, year, no, on); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "dissemination.access_recognise", commune, fmt.Sprintf("%d: %s", year, no))
	})
}

// Staff counts the lecturers and communicators recognised on a day.
type Staff struct {
	Lecturers, LecturerWomen         int
	Communicators, CommunicatorWomen int
}

// CountStaff counts people active on day.
func CountStaff(people []Person, day time.Time) Staff {
	var st Staff
	for _, p := range people {
		if !p.ActiveOn(day) {
			continue
		}
		switch p.Role {
		case Lecturer:
			st.Lecturers++
			if p.Sex == "F" {
				st.LecturerWomen++
			}
		case Communicator:
			st.Communicators++
			if p.Sex == "F" {
				st.CommunicatorWomen++
			}
		}
	}
	return st
}

// Report is the register's figures of a period for the province or a
// commune, with the people and bookshelves on the period's last day and
// the copies printed in it.
type Report struct {
	Period      Period
	CommuneCode string
	Figures
	Staff       Staff
	Bookshelves int
	Printed     int // copies printed in the period
	// Lines are one per commune that did something, then the department's
	// own ("" code), by activities held.
	Lines []ReportLine
}

// ReportLine is one commune's (or the department's) line.
type ReportLine struct {
	CommuneCode string
	CommuneFigures
	Staff Staff
}

// Report computes the figures of a period from the stored records.
func (s *Service) Report(ctx context.Context, sc Scope, p Period) (Report, error) {
	acts, err := s.Store.Activities(ctx, sc.TenantID, ActivityFilter{CommuneCode: sc.CommuneCode, From: &p.From, To: &p.To})
	if err != nil {
		return Report{}, err
	}
	rep := Report{Period: p, CommuneCode: sc.CommuneCode, Figures: Compute(p, acts)}
	people, err := s.Store.People(ctx, sc.TenantID, sc.CommuneCode)
	if err != nil {
		return rep, err
	}
	rep.Staff = CountStaff(people, p.To)
	byCommune := map[string][]Person{}
	for _, pp := range people {
		byCommune[pp.CommuneCode] = append(byCommune[pp.CommuneCode], pp)
	}
	shelves, err := s.Store.Bookshelves(ctx, sc.TenantID, sc.CommuneCode)
	if err != nil {
		return rep, err
	}
	for _, b := range shelves {
		if !b.OpenedOn.After(p.To) {
			rep.Bookshelves++
		}
	}
	for y := p.From.Year(); y <= p.To.Year(); y++ {
		ms, err := s.Store.Materials(ctx, sc.TenantID, sc.CommuneCode, y)
		if err != nil {
			return rep, err
		}
		for _, m := range ms {
			if !m.PublishedOn.Before(p.From) && !m.PublishedOn.After(p.To) {
				rep.Printed += m.Copies
			}
		}
	}
	seen := map[string]bool{}
	for code, c := range rep.ByCommune {
		rep.Lines = append(rep.Lines, ReportLine{CommuneCode: code, CommuneFigures: *c, Staff: CountStaff(byCommune[code], p.To)})
		seen[code] = true
	}
	for code, ps := range byCommune {
		if !seen[code] {
			if st := CountStaff(ps, p.To); st != (Staff{}) {
				rep.Lines = append(rep.Lines, ReportLine{CommuneCode: code, Staff: st})
			}
		}
	}
	sort.Slice(rep.Lines, func(i, j int) bool {
		a, b := rep.Lines[i], rep.Lines[j]
		if (a.CommuneCode == "") != (b.CommuneCode == "") {
			return a.CommuneCode == ""
		}
		if a.Activities != b.Activities {
			return a.Activities > b.Activities
		}
		return a.CommuneCode < b.CommuneCode
	})
	return rep, nil
}
