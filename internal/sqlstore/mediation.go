package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/mediation"
)

// MediationStore implements mediation.Store: the grassroots mediation
// register, in the province's partition (tenant_id = the department).
type MediationStore struct{ *DB }

// mediationTx is the register's write transaction: the shared *Tx seen
// through the register's own small interface.
type mediationTx struct{ tx *Tx }

var (
	_ mediation.Store = MediationStore{}
	_ mediation.Tx    = mediationTx{}
)

// Mediation returns the mediation register's store.
func (db *DB) Mediation() MediationStore { return MediationStore{db} }

// TransactMediation runs fn in a write transaction.
func (s MediationStore) TransactMediation(ctx context.Context, fn func(mediation.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(mediationTx{tx}) })
}

func (t mediationTx) Now() time.Time { return t.tx.Now() }

func (t mediationTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

// day and dayPtr turn a day into its text column and back.
func isoDay(t time.Time) string { return t.Format("2006-01-02") }

func dayOrEmpty(t *time.Time) string {
	if t == nil {
		return ""
	}
	return isoDay(*t)
}

func parseDayCol(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

func (t mediationTx) InsertGrassroots(ctx context.Context, tenantID string, g mediation.Grassroots) error {
	_, err := t.tx.exec(ctx, `INSERT INTO mediation_grassroots (tenant_id, id, commune_code, name, created_at)
		VALUES ($1, $2, $3, $4, $5)`, tenantID, g.ID, g.CommuneCode, g.Name, t.tx.now)
	return err
}

func (t mediationTx) InsertTeam(ctx context.Context, tenantID string, m mediation.Team) error {
	_, err := t.tx.exec(ctx, `INSERT INTO mediation_teams (tenant_id, id, commune_code, grassroots, name, minority_area, model, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, tenantID, m.ID, m.CommuneCode, m.Grassroots, m.Name, m.MinorityArea, m.Model, t.tx.now)
	return err
}

func (t mediationTx) UpdateTeam(ctx context.Context, tenantID string, m mediation.Team) error {
	return affectOne(t.tx.exec(ctx, `UPDATE mediation_teams SET grassroots = $3, name = $4, minority_area = $5, model = $6
		WHERE tenant_id = $1 AND id = $2`, tenantID, m.ID, m.Grassroots, m.Name, m.MinorityArea, m.Model))
}

const teamCols = `id, commune_code, grassroots, name, minority_area, model`

func scanTeam(sc interface{ Scan(...any) error }) (mediation.Team, error) {
	var m mediation.Team
	err := sc.Scan(&m.ID, &m.CommuneCode, &m.Grassroots, &m.Name, &m.MinorityArea, &m.Model)
	return m, mapErr(err)
}

func (t mediationTx) TeamByName(ctx context.Context, tenantID, commune, name string) (mediation.Team, error) {
	return scanTeam(t.tx.queryRow(ctx, `SELECT `+teamCols+` FROM mediation_teams
		WHERE tenant_id = $1 AND commune_code = $2 AND name = $3`, tenantID, commune, name))
}

func (t mediationTx) InsertMediator(ctx context.Context, tenantID string, m mediation.Mediator) error {
	_, err := t.tx.exec(ctx, `INSERT INTO mediation_mediators (tenant_id, id, team_id, commune_code, full_name, sex, ethnicity,
		ethnic_minority, birth_year, legal_training, leader, recognised_no, recognised_on, dismissed_no, dismissed_on, trainings)
		SELECT $1, $2, $3, commune_code, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
		FROM mediation_teams WHERE tenant_id = $1 AND id = $3`,
		tenantID, m.ID, m.TeamID, m.FullName, string(m.Sex), m.Ethnicity, m.EthnicMinority, m.BirthYear, m.LegalTraining,
		m.Leader, m.RecognisedNo, isoDay(m.RecognisedOn), m.DismissedNo, dayOrEmpty(m.DismissedOn), m.TrainingsAttend)
	return err
}

func (t mediationTx) UpdateMediator(ctx context.Context, tenantID string, m mediation.Mediator) error {
	return affectOne(t.tx.exec(ctx, `UPDATE mediation_mediators SET full_name = $3, sex = $4, ethnicity = $5, ethnic_minority = $6,
		birth_year = $7, legal_training = $8, leader = $9, dismissed_no = $10, dismissed_on = $11, trainings = $12
		WHERE tenant_id = $1 AND id = $2`, tenantID, m.ID, m.FullName, string(m.Sex), m.Ethnicity, m.EthnicMinority,
		m.BirthYear, m.LegalTraining, m.Leader, m.DismissedNo, dayOrEmpty(m.DismissedOn), m.TrainingsAttend))
}

func (t mediationTx) InsertCase(ctx context.Context, tenantID string, c mediation.Case) error {
	parties, err := json.Marshal(partiesOrEmpty(c.Parties))
	if err != nil {
		return err
	}
	_, err = t.tx.exec(ctx, `INSERT INTO mediation_cases (tenant_id, id, commune_code, team_id, origin, kind, summary, parties,
		received_on, assigned_on, started_on, mediator_ids, outcome, ended_on, agreement, court_order, follow_up, payment_vnd, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
		tenantID, c.ID, c.CommuneCode, c.TeamID, string(c.Origin), string(c.Kind), c.Summary, string(parties),
		isoDay(c.ReceivedOn), dayOrEmpty(c.AssignedOn), dayOrEmpty(c.StartedOn), strings.Join(c.MediatorIDs, ","),
		string(c.Outcome), dayOrEmpty(c.EndedOn), c.Agreement, c.CourtOrder, c.FollowUp, c.PaymentVND, c.Note, t.tx.now)
	return err
}

// InsertCases inserts cases in multi-row statements.
func (t mediationTx) InsertCases(ctx context.Context, tenantID string, cs []mediation.Case) error {
	const cols = 20
	var q strings.Builder
	q.WriteString(`INSERT INTO mediation_cases (tenant_id, id, commune_code, team_id, origin, kind, summary, parties,
		received_on, assigned_on, started_on, mediator_ids, outcome, ended_on, agreement, court_order, follow_up, payment_vnd, note, created_at) VALUES `)
	args := make([]any, 0, len(cs)*cols)
	for i, c := range cs {
		parties, err := json.Marshal(partiesOrEmpty(c.Parties))
		if err != nil {
			return err
		}
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for j := 1; j <= cols; j++ {
			if j > 1 {
				q.WriteString(", ")
			}
			q.WriteString("$" + itoa(i*cols+j))
		}
		q.WriteByte(')')
		args = append(args, tenantID, c.ID, c.CommuneCode, c.TeamID, string(c.Origin), string(c.Kind), c.Summary, string(parties),
			isoDay(c.ReceivedOn), dayOrEmpty(c.AssignedOn), dayOrEmpty(c.StartedOn), strings.Join(c.MediatorIDs, ","),
			string(c.Outcome), dayOrEmpty(c.EndedOn), c.Agreement, c.CourtOrder, c.FollowUp, c.PaymentVND, c.Note, t.tx.now)
	}
	_, err := t.tx.exec(ctx, q.String(), args...)
	return err
}

func (t mediationTx) UpdateCase(ctx context.Context, tenantID string, c mediation.Case) error {
	parties, err := json.Marshal(partiesOrEmpty(c.Parties))
	if err != nil {
		return err
	}
	return affectOne(t.tx.exec(ctx, `UPDATE mediation_cases SET origin = $3, kind = $4, summary = $5, parties = $6,
		assigned_on = $7, started_on = $8, mediator_ids = $9, outcome = $10, ended_on = $11, agreement = $12,
		court_order = $13, follow_up = $14, payment_vnd = $15, note = $16
		WHERE tenant_id = $1 AND id = $2`, tenantID, c.ID, string(c.Origin), string(c.Kind), c.Summary, string(parties),
		dayOrEmpty(c.AssignedOn), dayOrEmpty(c.StartedOn), strings.Join(c.MediatorIDs, ","), string(c.Outcome),
		dayOrEmpty(c.EndedOn), c.Agreement, c.CourtOrder, c.FollowUp, c.PaymentVND, c.Note))
}

func partiesOrEmpty(p []mediation.Party) []mediation.Party {
	if p == nil {
		return []mediation.Party{}
	}
	return p
}

// affectOne turns an UPDATE that touched no row into ErrNotFound.
func affectOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return mapErr(sql.ErrNoRows)
	}
	return nil
}

// Grassroots lists a commune's grassroots units ("" = the province).
func (s MediationStore) Grassroots(ctx context.Context, tenantID, commune string) ([]mediation.Grassroots, error) {
	q, args := `SELECT id, commune_code, name FROM mediation_grassroots WHERE tenant_id = $1`, []any{tenantID}
	if commune != "" {
		q, args = q+` AND commune_code = $2`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY commune_code, name`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []mediation.Grassroots
	for rows.Next() {
		var g mediation.Grassroots
		if err := rows.Scan(&g.ID, &g.CommuneCode, &g.Name); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, g)
	}
	return out, mapErr(rows.Err())
}

// Teams lists a commune's teams ("" = the province), by commune and name.
func (s MediationStore) Teams(ctx context.Context, tenantID, commune string) ([]mediation.Team, error) {
	q, args := `SELECT `+teamCols+` FROM mediation_teams WHERE tenant_id = $1`, []any{tenantID}
	if commune != "" {
		q, args = q+` AND commune_code = $2`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY commune_code, name`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []mediation.Team
	for rows.Next() {
		m, err := scanTeam(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// Team returns one team.
func (s MediationStore) Team(ctx context.Context, tenantID, id string) (mediation.Team, error) {
	return scanTeam(s.r.QueryRowContext(ctx, `SELECT `+teamCols+` FROM mediation_teams WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// Mediators lists mediators of a team, or of a commune ("" = the province).
func (s MediationStore) Mediators(ctx context.Context, tenantID, commune, teamID string) ([]mediation.Mediator, error) {
	q, args := `SELECT id, team_id, full_name, sex, ethnicity, ethnic_minority, birth_year, legal_training, leader,
		recognised_no, recognised_on, dismissed_no, dismissed_on, trainings FROM mediation_mediators WHERE tenant_id = $1`, []any{tenantID}
	switch {
	case teamID != "":
		q, args = q+` AND team_id = $2`, append(args, teamID)
	case commune != "":
		q, args = q+` AND commune_code = $2`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY team_id, full_name, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []mediation.Mediator
	for rows.Next() {
		var m mediation.Mediator
		var sex, rec, dis string
		if err := rows.Scan(&m.ID, &m.TeamID, &m.FullName, &sex, &m.Ethnicity, &m.EthnicMinority, &m.BirthYear,
			&m.LegalTraining, &m.Leader, &m.RecognisedNo, &rec, &m.DismissedNo, &dis, &m.TrainingsAttend); err != nil {
			return nil, mapErr(err)
		}
		m.Sex = mediation.Sex(sex)
		r, err := parseDayCol(rec)
		if err != nil {
			return nil, err
		}
		if r != nil {
			m.RecognisedOn = *r
		}
		if m.DismissedOn, err = parseDayCol(dis); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

const caseCols = `id, commune_code, team_id, origin, kind, summary, parties, received_on, assigned_on, started_on,
	mediator_ids, outcome, ended_on, agreement, court_order, follow_up, payment_vnd, note`

func scanCase(sc interface{ Scan(...any) error }) (mediation.Case, error) {
	var c mediation.Case
	var origin, kind, parties, rec, asg, start, ids, outcome, ended string
	if err := sc.Scan(&c.ID, &c.CommuneCode, &c.TeamID, &origin, &kind, &c.Summary, &parties, &rec, &asg, &start,
		&ids, &outcome, &ended, &c.Agreement, &c.CourtOrder, &c.FollowUp, &c.PaymentVND, &c.Note); err != nil {
		return c, mapErr(err)
	}
	c.Origin, c.Kind, c.Outcome = mediation.Origin(origin), mediation.CaseKind(kind), mediation.Outcome(outcome)
	if err := json.Unmarshal([]byte(parties), &c.Parties); err != nil {
		return c, err
	}
	if ids != "" {
		c.MediatorIDs = strings.Split(ids, ",")
	}
	r, err := parseDayCol(rec)
	if err != nil || r == nil {
		return c, err
	}
	c.ReceivedOn = *r
	for _, p := range []struct {
		s   string
		dst **time.Time
	}{{asg, &c.AssignedOn}, {start, &c.StartedOn}, {ended, &c.EndedOn}} {
		if *p.dst, err = parseDayCol(p.s); err != nil {
			return c, err
		}
	}
	return c, nil
}

// Case returns one case.
func (s MediationStore) Case(ctx context.Context, tenantID, id string) (mediation.Case, error) {
	return scanCase(s.r.QueryRowContext(ctx, `SELECT `+caseCols+` FROM mediation_cases WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// Cases lists the book, newest received first, a page at a time (keyset on
// received_on and id).
func (s MediationStore) Cases(ctx context.Context, tenantID string, f mediation.CaseFilter) ([]mediation.Case, error) {
	var w strings.Builder
	args := []any{tenantID}
	w.WriteString(`SELECT ` + caseCols + ` FROM mediation_cases WHERE tenant_id = $1`)
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	if f.CommuneCode != "" {
		add("commune_code = ?", f.CommuneCode)
	}
	if f.TeamID != "" {
		add("team_id = ?", f.TeamID)
	}
	if f.Kind != "" {
		add("kind = ?", string(f.Kind))
	}
	if f.Outcome != "" {
		add("outcome = ?", string(f.Outcome))
	}
	if f.From != nil {
		add("received_on >= ?", isoDay(*f.From))
	}
	if f.To != nil {
		add("received_on <= ?", isoDay(*f.To))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		add("LOWER(summary) LIKE ?"+likeEscape, contains(strings.ToLower(q)))
	}
	if f.Counted != "" {
		// Each use gets its own parameter: PostgreSQL must see every
		// parameter used to know its type.
		arg := func(v string) string { args = append(args, v); return "$" + itoa(len(args)) }
		fromS, toS := isoDay(f.In.From), isoDay(f.In.To)
		newIn := func() string { return "(received_on >= " + arg(fromS) + " AND received_on <= " + arg(toS) + ")" }
		carried := func() string {
			return "(received_on < " + arg(fromS) + " AND (ended_on = '' OR ended_on >= " + arg(fromS) + "))"
		}
		endedIn := func() string { return "(ended_on <> '' AND ended_on <= " + arg(toS) + ")" }
		received := func() string { return "(" + newIn() + " OR " + carried() + ")" }
		switch f.Counted {
		case "new":
			w.WriteString(" AND " + newIn())
		case "carried_over":
			w.WriteString(" AND " + carried())
		case "received":
			w.WriteString(" AND " + received())
		case "successful", "unsuccessful", "stopped":
			w.WriteString(" AND " + received() + " AND " + endedIn() + " AND outcome = '" + f.Counted + "'")
		case "in_progress":
			w.WriteString(" AND " + received() + " AND NOT " + endedIn())
		default:
			return nil, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
		}
	}
	if f.After != "" {
		args = append(args, tenantID, f.After)
		n := len(args)
		w.WriteString(` AND (received_on, id) < (SELECT received_on, id FROM mediation_cases WHERE tenant_id = $` + itoa(n-1) + ` AND id = $` + itoa(n) + `)`)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	args = append(args, limit)
	w.WriteString(` ORDER BY received_on DESC, id DESC LIMIT $` + itoa(len(args)))
	if f.Offset > 0 && f.After == "" {
		args = append(args, f.Offset)
		w.WriteString(` OFFSET $` + itoa(len(args)))
	}
	rows, err := s.r.QueryContext(ctx, w.String(), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []mediation.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// Tally counts the cases that count in the period, per commune and kind,
// by the definition of mediation.Period.Counts: received within it, or
// received before it and still open at its start (not ended, or ended on or
// after its first day); an outcome counts when the case ended within it.
// Three index ranges over covering indexes, so a province's year reads only
// the index entries of its own cases.
func (s MediationStore) Tally(ctx context.Context, tenantID, commune string, p mediation.Period) ([]mediation.Tally, error) {
	from, to := isoDay(p.From), isoDay(p.To)
	sel := `SELECT commune_code, kind, received_on, outcome, ended_on FROM mediation_cases WHERE tenant_id = $1`
	c := ""
	args := []any{tenantID, from, to}
	if commune != "" {
		c = ` AND commune_code = $4`
		args = append(args, commune)
	}
	q := `SELECT commune_code, kind, COUNT(*),
		SUM(CASE WHEN received_on < $2 THEN 1 ELSE 0 END),
		SUM(CASE WHEN outcome = 'successful' AND ended_on <> '' AND ended_on <= $3 THEN 1 ELSE 0 END),
		SUM(CASE WHEN outcome = 'unsuccessful' AND ended_on <> '' AND ended_on <= $3 THEN 1 ELSE 0 END),
		SUM(CASE WHEN outcome = 'stopped' AND ended_on <> '' AND ended_on <= $3 THEN 1 ELSE 0 END)
		FROM (` + sel + ` AND received_on >= $2 AND received_on <= $3` + c +
		` UNION ALL ` + sel + ` AND ended_on = '' AND received_on < $2` + c +
		` UNION ALL ` + sel + ` AND ended_on >= $2 AND received_on < $2` + c + `) counted
		GROUP BY commune_code, kind ORDER BY commune_code, kind`
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []mediation.Tally
	for rows.Next() {
		var t mediation.Tally
		var kind string
		if err := rows.Scan(&t.CommuneCode, &kind, &t.Received, &t.CarriedOver, &t.Successful, &t.Unsuccessful, &t.Stopped); err != nil {
			return nil, mapErr(err)
		}
		t.Kind = mediation.CaseKind(kind)
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

// Clubs.

var (
	_ mediation.ClubStore = MediationStore{}
	_ mediation.ClubTx    = mediationTx{}
)

// TransactClubs runs fn in a write transaction.
func (s MediationStore) TransactClubs(ctx context.Context, fn func(mediation.ClubTx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(mediationTx{tx}) })
}

func (t mediationTx) InsertClub(ctx context.Context, tenantID string, c mediation.Club) error {
	_, err := t.tx.exec(ctx, `INSERT INTO mediation_clubs (tenant_id, id, commune_code, name, founded_no, founded_on, members, women, dissolved_on, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, tenantID, c.ID, c.CommuneCode, c.Name, c.FoundedNo, isoDay(c.FoundedOn),
		c.Members, c.Women, dayOrEmpty(c.Dissolved), t.tx.now)
	return err
}

func (t mediationTx) InsertClubActivity(ctx context.Context, tenantID string, a mediation.ClubActivity) error {
	_, err := t.tx.exec(ctx, `INSERT INTO mediation_club_activities (tenant_id, id, club_id, held_on, topic, participants)
		VALUES ($1, $2, $3, $4, $5, $6)`, tenantID, a.ID, a.ClubID, isoDay(a.On), a.Topic, a.Participants)
	return err
}

func scanClub(sc interface{ Scan(...any) error }) (mediation.Club, error) {
	var c mediation.Club
	var founded, dissolved string
	if err := sc.Scan(&c.ID, &c.CommuneCode, &c.Name, &c.FoundedNo, &founded, &c.Members, &c.Women, &dissolved); err != nil {
		return c, mapErr(err)
	}
	f, err := parseDayCol(founded)
	if err != nil {
		return c, err
	}
	if f != nil {
		c.FoundedOn = *f
	}
	c.Dissolved, err = parseDayCol(dissolved)
	return c, err
}

const clubCols = `id, commune_code, name, founded_no, founded_on, members, women, dissolved_on`

// Clubs lists a commune's clubs ("" = the province).
func (s MediationStore) Clubs(ctx context.Context, tenantID, commune string) ([]mediation.Club, error) {
	q, args := `SELECT `+clubCols+` FROM mediation_clubs WHERE tenant_id = $1`, []any{tenantID}
	if commune != "" {
		q, args = q+` AND commune_code = $2`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY commune_code, name`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []mediation.Club
	for rows.Next() {
		c, err := scanClub(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// Club returns one club.
func (s MediationStore) Club(ctx context.Context, tenantID, id string) (mediation.Club, error) {
	return scanClub(s.r.QueryRowContext(ctx, `SELECT `+clubCols+` FROM mediation_clubs WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// ClubActivities lists a club's meetings, newest first.
func (s MediationStore) ClubActivities(ctx context.Context, tenantID, clubID string) ([]mediation.ClubActivity, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, held_on, topic, participants FROM mediation_club_activities
		WHERE tenant_id = $1 AND club_id = $2 ORDER BY held_on DESC, id DESC`, tenantID, clubID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []mediation.ClubActivity
	for rows.Next() {
		a := mediation.ClubActivity{ClubID: clubID}
		var on string
		if err := rows.Scan(&a.ID, &on, &a.Topic, &a.Participants); err != nil {
			return nil, mapErr(err)
		}
		d, err := parseDayCol(on)
		if err != nil || d == nil {
			return nil, err
		}
		a.On = *d
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}
