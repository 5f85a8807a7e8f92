package mediation

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

// Scope is where an officer keeps the book. The register's records live in
// the province's partition (the department's tenant); a commune officer sees
// and writes only their commune (CommuneCode set), the department sees every
// commune of its province (CommuneCode empty).
type Scope struct {
	TenantID     string // the department's tenant: the province's partition
	ProvinceCode string // its province (2 digits)
	CommuneCode  string // "" for the department; the commune of a commune officer
	// ActorTenantID is the tenant of the officer acting when it is not the
	// department (a commune's tenant): the audit entry goes into the
	// officer's own chain, never into another tenant's in a foreign name.
	ActorTenantID string
}

// Actor is the officer acting, for the audit log.
type Actor struct {
	ID, Name, IP string
}

// Grassroots is a grassroots unit of a commune (thôn, ấp, bản, tổ dân phố,
// khu phố…; Law 35/2013 Art. 2(2)), where a mediation team works.
type Grassroots struct {
	ID          string
	CommuneCode string
	Name        string // "Ấp 3", "Khóm 1", "Tổ dân phố 5"
}

// Store is the storage the mediation use cases need.
type Store interface {
	Grassroots(ctx context.Context, tenantID, commune string) ([]Grassroots, error)
	Teams(ctx context.Context, tenantID, commune string) ([]Team, error)
	Team(ctx context.Context, tenantID, id string) (Team, error)
	// Mediators lists the mediators of a commune ("" = the province), or of
	// one team when teamID is set, dismissed ones included.
	Mediators(ctx context.Context, tenantID, commune, teamID string) ([]Mediator, error)
	Case(ctx context.Context, tenantID, id string) (Case, error)
	Cases(ctx context.Context, tenantID string, f CaseFilter) ([]Case, error)
	// Tally counts, per commune and kind, the cases that count in the period
	// as Period.Counts defines (commune "" = the province).
	Tally(ctx context.Context, tenantID, commune string, p Period) ([]Tally, error)
	TransactMediation(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction.
type Tx interface {
	Now() time.Time
	InsertGrassroots(ctx context.Context, tenantID string, g Grassroots) error
	InsertTeam(ctx context.Context, tenantID string, t Team) error
	UpdateTeam(ctx context.Context, tenantID string, t Team) error
	// TeamByName finds a commune's team by its name, ErrNotFound if none.
	TeamByName(ctx context.Context, tenantID, commune, name string) (Team, error)
	InsertMediator(ctx context.Context, tenantID string, m Mediator) error
	UpdateMediator(ctx context.Context, tenantID string, m Mediator) error
	InsertCase(ctx context.Context, tenantID string, c Case) error
	// InsertCases inserts many cases at once (imports).
	InsertCases(ctx context.Context, tenantID string, cs []Case) error
	UpdateCase(ctx context.Context, tenantID string, c Case) error
	Audit(ctx context.Context, e audit.Entry) error
}

// CaseFilter selects cases for the book's list.
type CaseFilter struct {
	CommuneCode string
	TeamID      string
	Kind        CaseKind
	Outcome     Outcome
	From, To    *time.Time // received between, inclusive
	Query       string     // in the summary
	// Counted and In select the cases behind one figure of a period (the
	// drill-down): "received", "carried_over", "new", "successful",
	// "unsuccessful", "stopped" or "in_progress", as Period.Counts defines.
	Counted string
	In      Period
	Limit   int
	Offset  int
	After   string // keyset: the last ID of the previous page (exports)
}

// Counted names the figures a list can be drilled into.
var Counted = []string{"received", "carried_over", "new", "successful", "unsuccessful", "stopped", "in_progress"}

// Service holds the register's use cases.
type Service struct {
	Store Store
	// InProvince tells whether a commune code belongs to a province.
	InProvince func(commune, province string) bool
	// CommuneName names a commune as it stood on a day ("Phường Sa Đéc").
	CommuneName func(code string, day time.Time) string
	Now         func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// commune checks that the actor's scope may act on commune code c.
func (s *Service) commune(sc Scope, c string) error {
	c = strings.TrimSpace(c)
	if c == "" {
		return apperr.Field("commune_code", "Chọn xã, phường, đặc khu.")
	}
	if sc.CommuneCode != "" && c != sc.CommuneCode {
		return apperr.New(apperr.Forbidden, "Cán bộ xã chỉ ghi sổ hòa giải của xã mình.")
	}
	if s.InProvince != nil && !s.InProvince(c, sc.ProvinceCode) {
		return apperr.Field("commune_code", fmt.Sprintf("Mã xã %s không thuộc tỉnh của Sở.", c))
	}
	return nil
}

// visible reports a stored record of commune c outside the actor's window
// (another commune's, to a commune officer) as not found, like another
// tenant's: its existence is not the officer's business.
func visible(sc Scope, c string) error {
	if sc.CommuneCode != "" && c != sc.CommuneCode {
		return apperr.ErrNotFound
	}
	return nil
}

func text(field, label, v string, max int, required bool) (string, error) {
	v = strings.Join(strings.Fields(v), " ")
	if required && v == "" {
		return "", apperr.Field(field, "Nhập "+label+".")
	}
	if utf8.RuneCountInString(v) > max {
		return "", apperr.Field(field, fmt.Sprintf("%s dài quá %d ký tự.", capitalise(label), max))
	}
	return v, nil
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

func (s *Service) audit(ctx context.Context, tx Tx, sc Scope, a Actor, action, object, detail string) error {
	chain := sc.TenantID
	if sc.ActorTenantID != "" {
		chain = sc.ActorTenantID
	}
	return tx.Audit(ctx, audit.Entry{TenantID: chain, ActorID: a.ID, Actor: a.Name, IP: a.IP,
		Action: action, Object: object, Detail: detail})
}

// AddGrassroots records a grassroots unit of a commune.
func (s *Service) AddGrassroots(ctx context.Context, a Actor, sc Scope, g Grassroots) (Grassroots, error) {
	if err := s.commune(sc, g.CommuneCode); err != nil {
		return Grassroots{}, err
	}
	var err error
	if g.Name, err = text("name", "tên thôn, tổ dân phố", g.Name, 120, true); err != nil {
		return Grassroots{}, err
	}
	g.ID = newID()
	err = s.Store.TransactMediation(ctx, func(tx Tx) error {
		if err := tx.InsertGrassroots(ctx, sc.TenantID, g); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.grassroots_add", "commune:"+g.CommuneCode, g.Name)
	})
	return g, err
}

// SaveTeam creates a team (ID empty) or updates one, and returns the rules
// its present mediators break (CheckTeam).
func (s *Service) SaveTeam(ctx context.Context, a Actor, sc Scope, t Team) (Team, []Warning, error) {
	if err := s.commune(sc, t.CommuneCode); err != nil {
		return Team{}, nil, err
	}
	var err error
	if t.Name, err = text("name", "tên tổ hòa giải", t.Name, 200, true); err != nil {
		return Team{}, nil, err
	}
	if t.Grassroots, err = text("grassroots", "thôn, tổ dân phố", t.Grassroots, 120, false); err != nil {
		return Team{}, nil, err
	}
	create := t.ID == ""
	if !create {
		old, err := s.Store.Team(ctx, sc.TenantID, t.ID)
		if err != nil {
			return Team{}, nil, err
		}
		if err := s.commune(sc, old.CommuneCode); err != nil {
			return Team{}, nil, err
		}
	}
	err = s.Store.TransactMediation(ctx, func(tx Tx) error {
		if other, err := tx.TeamByName(ctx, sc.TenantID, t.CommuneCode, t.Name); err == nil && other.ID != t.ID {
			return apperr.Field("name", "Xã đã có tổ hòa giải tên này.")
		}
		if create {
			t.ID = newID()
			if err := tx.InsertTeam(ctx, sc.TenantID, t); err != nil {
				return err
			}
			return s.audit(ctx, tx, sc, a, "mediation.team_add", "mediation_team:"+t.ID, t.Name)
		}
		if err := tx.UpdateTeam(ctx, sc.TenantID, t); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.team_edit", "mediation_team:"+t.ID, t.Name)
	})
	if err != nil {
		return Team{}, nil, err
	}
	ms, err := s.Store.Mediators(ctx, sc.TenantID, t.CommuneCode, t.ID)
	if err != nil {
		return t, nil, err
	}
	return t, CheckTeam(t, ms, s.now()), nil
}

// Recognise records a mediator recognised by a decision of the commune
// chairman (Law 35/2013 Art. 8): the decision's number and date are
// required, and a team has one leader (Art. 14).
func (s *Service) Recognise(ctx context.Context, a Actor, sc Scope, m Mediator) (Mediator, []Warning, error) {
	t, err := s.Store.Team(ctx, sc.TenantID, m.TeamID)
	if err != nil {
		return Mediator{}, nil, apperr.Field("team_id", "Chọn tổ hòa giải.")
	}
	if err := visible(sc, t.CommuneCode); err != nil {
		return Mediator{}, nil, err
	}
	if err := s.commune(sc, t.CommuneCode); err != nil {
		return Mediator{}, nil, err
	}
	if m.FullName, err = text("full_name", "họ tên hòa giải viên", m.FullName, 120, true); err != nil {
		return Mediator{}, nil, err
	}
	if m.Sex != SexFemale && m.Sex != SexMale {
		return Mediator{}, nil, apperr.Field("sex", "Chọn giới tính.")
	}
	if m.Ethnicity, err = text("ethnicity", "dân tộc", m.Ethnicity, 40, false); err != nil {
		return Mediator{}, nil, err
	}
	today := s.now()
	if m.BirthYear != 0 && (m.BirthYear < today.Year()-110 || m.BirthYear > today.Year()-18) {
		return Mediator{}, nil, apperr.Field("birth_year", "Năm sinh không hợp lệ (hòa giải viên là công dân đủ 18 tuổi).")
	}
	if m.RecognisedNo, err = text("recognised_no", "số quyết định công nhận", m.RecognisedNo, 60, true); err != nil {
		return Mediator{}, nil, err
	}
	if m.RecognisedOn.IsZero() {
		return Mediator{}, nil, apperr.Field("recognised_on", "Nhập ngày quyết định công nhận.")
	}
	if dateOf(m.RecognisedOn).After(dateOf(today)) {
		return Mediator{}, nil, apperr.Field("recognised_on", "Ngày quyết định công nhận ở tương lai.")
	}
	m.DismissedNo, m.DismissedOn = "", nil
	m.ID = newID()
	err = s.Store.TransactMediation(ctx, func(tx Tx) error {
		if m.Leader {
			if err := s.dropLeader(ctx, tx, sc, t, today); err != nil {
				return err
			}
		}
		if err := tx.InsertMediator(ctx, sc.TenantID, m); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.mediator_recognise", "mediation_team:"+t.ID,
			fmt.Sprintf("QĐ %s ngày %s", m.RecognisedNo, m.RecognisedOn.Format("02/01/2006")))
	})
	if err != nil {
		return Mediator{}, nil, err
	}
	ms, err := s.Store.Mediators(ctx, sc.TenantID, t.CommuneCode, t.ID)
	if err != nil {
		return m, nil, err
	}
	return m, CheckTeam(t, ms, today), nil
}

// dropLeader clears the leader mark of a team's present leader, so a newly
// elected one replaces them (Art. 14(1)).
func (s *Service) dropLeader(ctx context.Context, tx Tx, sc Scope, t Team, day time.Time) error {
	ms, err := s.Store.Mediators(ctx, sc.TenantID, t.CommuneCode, t.ID)
	if err != nil {
		return err
	}
	for _, old := range ms {
		if old.Leader && old.ActiveOn(day) {
			old.Leader = false
			if err := tx.UpdateMediator(ctx, sc.TenantID, old); err != nil {
				return err
			}
		}
	}
	return nil
}

// Dismiss records that a mediator left the role by a decision of the
// commune chairman (Art. 11): number and date required.
func (s *Service) Dismiss(ctx context.Context, a Actor, sc Scope, mediatorID, decisionNo string, on time.Time) error {
	no, err := text("dismissed_no", "số quyết định cho thôi", decisionNo, 60, true)
	if err != nil {
		return err
	}
	if on.IsZero() || dateOf(on).After(dateOf(s.now())) {
		return apperr.Field("dismissed_on", "Nhập ngày quyết định cho thôi làm hòa giải viên (không ở tương lai).")
	}
	ms, err := s.Store.Mediators(ctx, sc.TenantID, sc.CommuneCode, "")
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.ID != mediatorID {
			continue
		}
		t, err := s.Store.Team(ctx, sc.TenantID, m.TeamID)
		if err != nil {
			return err
		}
		if err := s.commune(sc, t.CommuneCode); err != nil {
			return err
		}
		if m.DismissedOn != nil {
			return apperr.New(apperr.Conflict, "Hòa giải viên này đã thôi làm hòa giải viên.")
		}
		if dateOf(on).Before(dateOf(m.RecognisedOn)) {
			return apperr.Field("dismissed_on", "Ngày cho thôi trước ngày công nhận.")
		}
		m.DismissedNo, m.DismissedOn, m.Leader = no, &on, false
		return s.Store.TransactMediation(ctx, func(tx Tx) error {
			if err := tx.UpdateMediator(ctx, sc.TenantID, m); err != nil {
				return err
			}
			return s.audit(ctx, tx, sc, a, "mediation.mediator_dismiss", "mediation_team:"+t.ID,
				fmt.Sprintf("QĐ %s ngày %s", no, on.Format("02/01/2006")))
		})
	}
	return apperr.ErrNotFound
}

// Open records a new case in the book (Art. 21).
func (s *Service) Open(ctx context.Context, a Actor, sc Scope, c Case) (Case, error) {
	t, err := s.Store.Team(ctx, sc.TenantID, c.TeamID)
	if err != nil {
		return Case{}, apperr.Field("team_id", "Chọn tổ hòa giải.")
	}
	c.CommuneCode = t.CommuneCode
	if err := s.commune(sc, c.CommuneCode); err != nil {
		return Case{}, err
	}
	if err := s.validCase(&c); err != nil {
		return Case{}, err
	}
	c.ID = newID()
	err = s.Store.TransactMediation(ctx, func(tx Tx) error {
		if err := tx.InsertCase(ctx, sc.TenantID, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.case_open", "mediation_case:"+c.ID, c.Kind.Name())
	})
	return c, err
}

// Update changes a case: its assignment, start, outcome, agreement and
// follow-up. Ending a case needs its end date; reopening an ended case is
// refused (the book records what happened).
func (s *Service) Update(ctx context.Context, a Actor, sc Scope, c Case) (Case, error) {
	old, err := s.Store.Case(ctx, sc.TenantID, c.ID)
	if err != nil {
		return Case{}, err
	}
	if err := visible(sc, old.CommuneCode); err != nil {
		return Case{}, err
	}
	if err := s.commune(sc, old.CommuneCode); err != nil {
		return Case{}, err
	}
	if old.Outcome.Ended() && !c.Outcome.Ended() {
		return Case{}, apperr.Field("outcome", "Vụ việc đã kết thúc hòa giải, không chuyển lại thành đang hòa giải.")
	}
	c.CommuneCode, c.TeamID, c.ReceivedOn = old.CommuneCode, old.TeamID, old.ReceivedOn
	if c.PaymentVND == 0 {
		c.PaymentVND = old.PaymentVND
	}
	if err := s.validCase(&c); err != nil {
		return Case{}, err
	}
	err = s.Store.TransactMediation(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, sc.TenantID, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.case_edit", "mediation_case:"+c.ID, c.Outcome.Name())
	})
	return c, err
}

// Pay records the per-case payment to the mediators, allowed only for an
// ended case logged in the book (Decree 15/2014/NĐ-CP Art. 14).
func (s *Service) Pay(ctx context.Context, a Actor, sc Scope, caseID string, amountVND int64) error {
	c, err := s.Store.Case(ctx, sc.TenantID, caseID)
	if err != nil {
		return err
	}
	if err := visible(sc, c.CommuneCode); err != nil {
		return err
	}
	if err := s.commune(sc, c.CommuneCode); err != nil {
		return err
	}
	if ok, why := PaymentAllowed(c); !ok {
		return apperr.Field("payment_vnd", why)
	}
	if amountVND <= 0 || amountVND > 100_000_000 {
		return apperr.Field("payment_vnd", "Số tiền thù lao không hợp lệ.")
	}
	c.PaymentVND = amountVND
	return s.Store.TransactMediation(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, sc.TenantID, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.case_pay", "mediation_case:"+c.ID, fmt.Sprintf("%d đồng", amountVND))
	})
}

func (s *Service) validCase(c *Case) error {
	if !c.Kind.Valid() {
		return apperr.Field("kind", "Chọn loại vụ việc.")
	}
	if c.Origin == "" {
		c.Origin = OriginRequest
	}
	if !c.Origin.Valid() {
		return apperr.Field("origin", "Chọn căn cứ tiến hành hòa giải.")
	}
	if c.Outcome == "" {
		c.Outcome = OutcomeInProgress
	}
	if !c.Outcome.Valid() {
		return apperr.Field("outcome", "Chọn kết quả hòa giải.")
	}
	if c.ReceivedOn.IsZero() {
		return apperr.Field("received_on", "Nhập ngày tiếp nhận.")
	}
	var err error
	if c.Summary, err = text("summary", "nội dung vụ việc", c.Summary, 2000, false); err != nil {
		return err
	}
	if c.Agreement, err = text("agreement", "nội dung thỏa thuận", c.Agreement, 4000, false); err != nil {
		return err
	}
	if c.FollowUp, err = text("follow_up", "theo dõi thực hiện thỏa thuận", c.FollowUp, 2000, false); err != nil {
		return err
	}
	if c.CourtOrder, err = text("court_order", "quyết định công nhận của Tòa án", c.CourtOrder, 200, false); err != nil {
		return err
	}
	if c.Agreement != "" && c.Outcome != OutcomeSuccessful {
		return apperr.Field("agreement", "Chỉ ghi thỏa thuận cho vụ việc hòa giải thành (Điều 24 Luật Hòa giải ở cơ sở).")
	}
	if len(c.Parties) > 20 {
		return apperr.Field("parties", "Tối đa 20 bên.")
	}
	for i := range c.Parties {
		if c.Parties[i].FullName, err = text("parties", "họ tên bên tranh chấp", c.Parties[i].FullName, 120, true); err != nil {
			return err
		}
		if c.Parties[i].Address, err = text("parties", "địa chỉ", c.Parties[i].Address, 300, false); err != nil {
			return err
		}
	}
	if err := c.checkDates(s.now()); err != nil {
		return apperr.Field("ended_on", capitalise(err.Error()))
	}
	return nil
}

// Import adds validated records to the book in one transaction: all or
// nothing. A team named in a record is found by name in its commune, or
// created. It returns the number of cases and of teams created.
func (s *Service) Import(ctx context.Context, a Actor, sc Scope, recs []Imported) (cases, teams int, err error) {
	for _, r := range recs {
		if err := s.commune(sc, r.Case.CommuneCode); err != nil {
			return 0, 0, &LineError{Line: r.Line, Message: apperr.As(err).Message}
		}
	}
	err = s.Store.TransactMediation(ctx, func(tx Tx) error {
		cases, teams = 0, 0
		known := map[string]string{} // commune|name → team ID
		batch := make([]Case, 0, importBatch)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			err := tx.InsertCases(ctx, sc.TenantID, batch)
			cases += len(batch)
			batch = batch[:0]
			return err
		}
		for _, r := range recs {
			key := r.Case.CommuneCode + "|" + r.TeamName
			id, ok := known[key]
			if !ok {
				t, err := tx.TeamByName(ctx, sc.TenantID, r.Case.CommuneCode, r.TeamName)
				switch {
				case err == nil:
					id = t.ID
				case apperr.CodeOf(err) == apperr.NotFound:
					t = Team{ID: newID(), CommuneCode: r.Case.CommuneCode, Name: r.TeamName}
					if err := tx.InsertTeam(ctx, sc.TenantID, t); err != nil {
						return err
					}
					id = t.ID
					teams++
				default:
					return err
				}
				known[key] = id
			}
			c := r.Case
			c.ID, c.TeamID = newID(), id
			if batch = append(batch, c); len(batch) == importBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.import", "mediation", fmt.Sprintf("%d vụ việc, %d tổ hòa giải mới", cases, teams))
	})
	if err != nil {
		return 0, 0, err
	}
	return cases, teams, nil
}

// importBatch is how many cases one INSERT statement of an import carries.
// SQLite looks a "$N" parameter up by name in a list, so a statement's cost
// grows with the square of its parameters: 16 cases (320 parameters) import
// 100,000 cases in 7.5 s where 200 cases a statement took 35 s
// (BenchmarkMediationImport100k, 2 cores).
const importBatch = 16

// newID returns a time-ordered ID (UUIDv7), so that rows inserted together
// sit together in the primary key.
func newID() string {
	if id, err := uuid.NewV7(); err == nil {
		return id.String()
	}
	return uuid.NewString()
}

// Report is the register's figures for a period: the province (or the
// commune in scope) and each commune.
type Report struct {
	From      string           `json:"from"`
	To        string           `json:"to"`
	Province  string           `json:"province_code"`
	Commune   string           `json:"commune_code,omitempty"`
	Figures                    // received, carried_over, new, successful…
	Staff                      // teams and mediators in office on the period's last day
	ByCommune []CommuneFigures `json:"by_commune"`
}

// Figures computes the report of a period from the case records.
func (s *Service) Figures(ctx context.Context, sc Scope, p Period, communes []string) (Report, error) {
	if p.To.Before(p.From) {
		return Report{}, apperr.New(apperr.Invalid, "Ngày kết thúc kỳ báo cáo trước ngày bắt đầu.")
	}
	ts, err := s.Store.Tally(ctx, sc.TenantID, sc.CommuneCode, p)
	if err != nil {
		return Report{}, err
	}
	if sc.CommuneCode != "" {
		communes = []string{sc.CommuneCode}
	}
	total, by := FromTallies(ts, communes)
	teams, err := s.Store.Teams(ctx, sc.TenantID, sc.CommuneCode)
	if err != nil {
		return Report{}, err
	}
	ms, err := s.Store.Mediators(ctx, sc.TenantID, sc.CommuneCode, "")
	if err != nil {
		return Report{}, err
	}
	staff := StaffOn(teams, ms, p.To)
	for i := range by {
		by[i].Staff = staff[by[i].CommuneCode]
		if s.CommuneName != nil {
			by[i].Name = s.CommuneName(by[i].CommuneCode, p.To)
		}
	}
	return Report{
		From: p.From.Format("2006-01-02"), To: p.To.Format("2006-01-02"),
		Province: sc.ProvinceCode, Commune: sc.CommuneCode,
		Figures: total, Staff: staff[""], ByCommune: by,
	}, nil
}
