package sqlstore

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/dissemination"
)

// DisseminationStore implements dissemination.Store: the legal
// dissemination register, in the province's partition (tenant_id = the
// department; commune_code ” = the department's own).
type DisseminationStore struct{ *DB }

type disseminationTx struct{ tx *Tx }

var (
	_ dissemination.Store = DisseminationStore{}
	_ dissemination.Tx    = disseminationTx{}
)

// Dissemination returns the dissemination register's store.
func (db *DB) Dissemination() DisseminationStore { return DisseminationStore{db} }

// TransactDissemination runs fn in a write transaction.
func (s DisseminationStore) TransactDissemination(ctx context.Context, fn func(dissemination.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(disseminationTx{tx}) })
}

func (t disseminationTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (t disseminationTx) InsertActivity(ctx context.Context, tenantID string, a dissemination.Activity) error {
	day := isoDay(a.HeldOn)
	if _, err := t.tx.exec(ctx, `INSERT INTO dissem_activities (tenant_id, id, commune_code, held_on, theme, documents, audience,
		channel, place, participants, women, cost_vnd, organiser, law_day, plan_task, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		tenantID, a.ID, a.CommuneCode, day, a.Theme, a.Documents, a.Audience, string(a.Channel), a.Place, a.Participants,
		a.Women, a.CostVND, a.Organiser, b2i(a.LawDay), a.PlanTask, t.tx.now); err != nil {
		return mapErr(err)
	}
	for _, h := range a.Handouts {
		if _, err := t.tx.exec(ctx, `INSERT INTO dissem_handouts (tenant_id, activity_id, material, kind, copies, commune_code, held_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, tenantID, a.ID, h.Material, h.Kind, h.Copies, a.CommuneCode, day); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

func (t disseminationTx) UpdateActivity(ctx context.Context, tenantID string, a dissemination.Activity) error {
	if err := affectOne(t.tx.exec(ctx, `UPDATE dissem_activities SET commune_code = $3, held_on = $4, theme = $5, documents = $6, audience = $7,
		channel = $8, place = $9, participants = $10, women = $11, cost_vnd = $12, organiser = $13, law_day = $14, plan_task = $15
		WHERE tenant_id = $1 AND id = $2`, tenantID, a.ID, a.CommuneCode, isoDay(a.HeldOn), a.Theme, a.Documents, a.Audience, string(a.Channel),
		a.Place, a.Participants, a.Women, a.CostVND, a.Organiser, b2i(a.LawDay), a.PlanTask)); err != nil {
		return err
	}
	if _, err := t.tx.exec(ctx, `DELETE FROM dissem_handouts WHERE tenant_id = $1 AND activity_id = $2`, tenantID, a.ID); err != nil {
		return mapErr(err)
	}
	for _, h := range a.Handouts {
		if _, err := t.tx.exec(ctx, `INSERT INTO dissem_handouts (tenant_id, activity_id, material, kind, copies, commune_code, held_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, tenantID, a.ID, h.Material, h.Kind, h.Copies, a.CommuneCode, isoDay(a.HeldOn)); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

func (t disseminationTx) DeleteActivity(ctx context.Context, tenantID, id string) error {
	if _, err := t.tx.exec(ctx, `DELETE FROM dissem_handouts WHERE tenant_id = $1 AND activity_id = $2`, tenantID, id); err != nil {
		return mapErr(err)
	}
	return affectOne(t.tx.exec(ctx, `DELETE FROM dissem_activities WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (t disseminationTx) InsertPerson(ctx context.Context, tenantID string, p dissemination.Person) error {
	_, err := t.tx.exec(ctx, `INSERT INTO dissem_people (tenant_id, id, role, commune_code, full_name, sex, workplace, decision_no, decision_on, ended_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, tenantID, p.ID, string(p.Role), p.CommuneCode, p.FullName, p.Sex,
		p.Workplace, p.DecisionNo, isoDay(p.DecisionOn), dayOrEmpty(p.EndedOn))
	return mapErr(err)
}

func (t disseminationTx) EndPerson(ctx context.Context, tenantID, id string, on time.Time) error {
	return affectOne(t.tx.exec(ctx, `UPDATE dissem_people SET ended_on = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, id, isoDay(on)))
}

func (t disseminationTx) InsertMaterial(ctx context.Context, tenantID string, m dissemination.Material) error {
	_, err := t.tx.exec(ctx, `INSERT INTO dissem_materials (tenant_id, id, commune_code, title, kind, published_on, copies, cost_vnd, publisher, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, tenantID, m.ID, m.CommuneCode, m.Title, m.Kind, isoDay(m.PublishedOn),
		m.Copies, m.CostVND, m.Publisher, t.tx.now)
	return mapErr(err)
}

func (t disseminationTx) InsertBookshelf(ctx context.Context, tenantID string, b dissemination.Bookshelf) error {
	_, err := t.tx.exec(ctx, `INSERT INTO dissem_bookshelves (tenant_id, id, commune_code, name, place, books, opened_on, keeper, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tenantID, b.ID, b.CommuneCode, b.Name, b.Place, b.Books, isoDay(b.OpenedOn), b.Keeper, t.tx.now)
	return mapErr(err)
}

func (t disseminationTx) InsertPlanTask(ctx context.Context, tenantID string, p dissemination.PlanTask) error {
	_, err := t.tx.exec(ctx, `INSERT INTO dissem_plan_tasks (tenant_id, id, commune_code, year, plan_no, title, lead_unit, due_on, target, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, tenantID, p.ID, p.CommuneCode, p.Year, p.PlanNo, p.Title, p.LeadUnit,
		isoDay(p.DueOn), p.Target, t.tx.now)
	return mapErr(err)
}

func scoresText(m map[int]int) (string, error) {
	out := map[string]int{}
	for k, v := range m {
		out[strconv.Itoa(k)] = v
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func (t disseminationTx) SaveAssessment(ctx context.Context, tenantID string, r dissemination.AccessRecord) error {
	scores, err := scoresText(r.Scores)
	if err != nil {
		return err
	}
	res, err := t.tx.exec(ctx, `UPDATE access_assessments SET rule_version = $4, scores = $5, total = $6, met = $7, disqualified = $8
		WHERE tenant_id = $1 AND commune_code = $2 AND year = $3 AND decision_on = ''`,
		tenantID, r.CommuneCode, r.Year, r.RuleVersion, scores, r.Total, b2i(r.Met), b2i(r.Disqualified))
	if err != nil {
		return mapErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return mapErr(err)
	}
	_, err = t.tx.exec(ctx, `INSERT INTO access_assessments (tenant_id, commune_code, year, rule_version, scores, total, met, disqualified, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tenantID, r.CommuneCode, r.Year, r.RuleVersion, scores, r.Total, b2i(r.Met),
		b2i(r.Disqualified), t.tx.now)
	return mapErr(err) // a recognised year: the key exists, ErrConflict
}

func (t disseminationTx) Recognise(ctx context.Context, tenantID, commune string, year int, no string, on time.Time) error {
	return affectOne(t.tx.exec(ctx, `UPDATE access_assessments SET decision_no = $4, decision_on = $5
		WHERE tenant_id = $1 AND commune_code = $2 AND year = $3 AND decision_on = ''`, tenantID, commune, year, no, isoDay(on)))
}

const activityCols = `id, commune_code, held_on, theme, documents, audience, channel, place, participants, women, cost_vnd,
	organiser, law_day, plan_task`

func scanActivity(sc interface{ Scan(...any) error }) (dissemination.Activity, error) {
	var a dissemination.Activity
	var day, ch string
	var lawDay int
	if err := sc.Scan(&a.ID, &a.CommuneCode, &day, &a.Theme, &a.Documents, &a.Audience, &ch, &a.Place, &a.Participants,
		&a.Women, &a.CostVND, &a.Organiser, &lawDay, &a.PlanTask); err != nil {
		return a, mapErr(err)
	}
	a.Channel, a.LawDay = dissemination.Channel(ch), lawDay != 0
	d, err := time.Parse("2006-01-02", day)
	a.HeldOn = d
	return a, err
}

// Activity returns one activity with its handouts.
func (s DisseminationStore) Activity(ctx context.Context, tenantID, id string) (dissemination.Activity, error) {
	a, err := scanActivity(s.r.QueryRowContext(ctx, `SELECT `+activityCols+` FROM dissem_activities WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if err != nil {
		return a, err
	}
	acts := []dissemination.Activity{a}
	err = s.handouts(ctx, tenantID, acts)
	return acts[0], err
}

// Activities lists activities, latest held first (a page when f.Limit is
// set), each with its handouts.
func (s DisseminationStore) Activities(ctx context.Context, tenantID string, f dissemination.ActivityFilter) ([]dissemination.Activity, error) {
	var w strings.Builder
	args := []any{tenantID}
	w.WriteString(`SELECT ` + activityCols + ` FROM dissem_activities a WHERE tenant_id = $1`)
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	switch {
	case f.OwnOnly:
		add("commune_code = ?", "")
	case f.CommuneCode != "":
		add("commune_code = ?", f.CommuneCode)
	}
	if f.From != nil {
		add("held_on >= ?", isoDay(*f.From))
	}
	if f.To != nil {
		add("held_on <= ?", isoDay(*f.To))
	}
	if f.Channel != "" {
		add("channel = ?", string(f.Channel))
	}
	if f.LawDay {
		add("law_day = ?", 1)
	}
	if f.PlanTask != "" {
		add("plan_task = ?", f.PlanTask)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, contains(strings.ToLower(q)))
		n := "$" + itoa(len(args))
		w.WriteString(" AND (LOWER(theme) LIKE " + n + likeEscape + " OR LOWER(documents) LIKE " + n + likeEscape + ")")
	}
	if f.Material != "" {
		add(`EXISTS (SELECT 1 FROM dissem_handouts h WHERE h.tenant_id = a.tenant_id AND h.activity_id = a.id AND h.material = ?)`, f.Material)
	}
	w.WriteString(` ORDER BY held_on DESC, id DESC`)
	if f.Limit > 0 {
		w.WriteString(` LIMIT ` + itoa(f.Limit) + ` OFFSET ` + itoa(f.Offset))
	}
	rows, err := s.r.QueryContext(ctx, w.String(), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dissemination.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	return out, s.handouts(ctx, tenantID, out)
}

// handouts fills the activities' handouts, a hundred activities a query.
func (s DisseminationStore) handouts(ctx context.Context, tenantID string, acts []dissemination.Activity) error {
	at := map[string]int{}
	for i := range acts {
		at[acts[i].ID] = i
	}
	for lo := 0; lo < len(acts); lo += 100 {
		hi := min(lo+100, len(acts))
		args := []any{tenantID}
		marks := make([]string, 0, hi-lo)
		for _, a := range acts[lo:hi] {
			args = append(args, a.ID)
			marks = append(marks, "$"+itoa(len(args)))
		}
		rows, err := s.r.QueryContext(ctx, `SELECT activity_id, material, kind, copies FROM dissem_handouts
			WHERE tenant_id = $1 AND activity_id IN (`+strings.Join(marks, ", ")+`) ORDER BY activity_id, material`, args...)
		if err != nil {
			return mapErr(err)
		}
		for rows.Next() {
			var id string
			var h dissemination.Handout
			if err := rows.Scan(&id, &h.Material, &h.Kind, &h.Copies); err != nil {
				rows.Close()
				return mapErr(err)
			}
			acts[at[id]].Handouts = append(acts[at[id]].Handouts, h)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// People lists the lecturers and communicators of a commune ("" = all).
func (s DisseminationStore) People(ctx context.Context, tenantID, commune string) ([]dissemination.Person, error) {
	q, args := `SELECT id, role, commune_code, full_name, sex, workplace, decision_no, decision_on, ended_on FROM dissem_people WHERE tenant_id = $1`, []any{tenantID}
	if commune != "" {
		q, args = q+` AND commune_code = $2`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY commune_code, role, full_name, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dissemination.Person
	for rows.Next() {
		var p dissemination.Person
		var role, dec, ended string
		if err := rows.Scan(&p.ID, &role, &p.CommuneCode, &p.FullName, &p.Sex, &p.Workplace, &p.DecisionNo, &dec, &ended); err != nil {
			return nil, mapErr(err)
		}
		p.Role = dissemination.Role(role)
		if p.DecisionOn, err = time.Parse("2006-01-02", dec); err != nil {
			return nil, err
		}
		if p.EndedOn, err = parseDayCol(ended); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// Materials lists the materials published in a year (0 = every year) of a
// commune ("" = all), newest first.
func (s DisseminationStore) Materials(ctx context.Context, tenantID, commune string, year int) ([]dissemination.Material, error) {
	q, args := `SELECT id, commune_code, title, kind, published_on, copies, cost_vnd, publisher FROM dissem_materials WHERE tenant_id = $1`, []any{tenantID}
	if year > 0 {
		q += ` AND published_on >= $2 AND published_on <= $3`
		args = append(args, itoa(year)+"-01-01", itoa(year)+"-12-31")
	}
	if commune != "" {
		args = append(args, commune)
		q += ` AND commune_code = $` + itoa(len(args))
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY published_on DESC, title`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dissemination.Material
	for rows.Next() {
		var m dissemination.Material
		var day string
		if err := rows.Scan(&m.ID, &m.CommuneCode, &m.Title, &m.Kind, &day, &m.Copies, &m.CostVND, &m.Publisher); err != nil {
			return nil, mapErr(err)
		}
		if m.PublishedOn, err = time.Parse("2006-01-02", day); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// Bookshelves lists the legal bookshelves of a commune ("" = all).
func (s DisseminationStore) Bookshelves(ctx context.Context, tenantID, commune string) ([]dissemination.Bookshelf, error) {
	q, args := `SELECT id, commune_code, name, place, books, opened_on, keeper FROM dissem_bookshelves WHERE tenant_id = $1`, []any{tenantID}
	if commune != "" {
		q, args = q+` AND commune_code = $2`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY commune_code, name, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dissemination.Bookshelf
	for rows.Next() {
		var b dissemination.Bookshelf
		var day string
		if err := rows.Scan(&b.ID, &b.CommuneCode, &b.Name, &b.Place, &b.Books, &day, &b.Keeper); err != nil {
			return nil, mapErr(err)
		}
		if b.OpenedOn, err = time.Parse("2006-01-02", day); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, mapErr(rows.Err())
}

// PlanTasks lists a year's plan tasks of a commune ("" = all), by due day.
func (s DisseminationStore) PlanTasks(ctx context.Context, tenantID, commune string, year int) ([]dissemination.PlanTask, error) {
	q, args := `SELECT id, commune_code, year, plan_no, title, lead_unit, due_on, target FROM dissem_plan_tasks WHERE tenant_id = $1 AND year = $2`, []any{tenantID, year}
	if commune != "" {
		q, args = q+` AND commune_code = $3`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY due_on, title, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dissemination.PlanTask
	for rows.Next() {
		var p dissemination.PlanTask
		var day string
		if err := rows.Scan(&p.ID, &p.CommuneCode, &p.Year, &p.PlanNo, &p.Title, &p.LeadUnit, &day, &p.Target); err != nil {
			return nil, mapErr(err)
		}
		if p.DueOn, err = time.Parse("2006-01-02", day); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// Assessments lists the access-to-law assessments of a year, of a commune
// ("" = every commune), by commune.
func (s DisseminationStore) Assessments(ctx context.Context, tenantID, commune string, year int) ([]dissemination.AccessRecord, error) {
	q, args := `SELECT commune_code, year, rule_version, scores, total, met, disqualified, decision_no, decision_on
		FROM access_assessments WHERE tenant_id = $1 AND year = $2`, []any{tenantID, year}
	if commune != "" {
		q, args = q+` AND commune_code = $3`, append(args, commune)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY commune_code`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dissemination.AccessRecord
	for rows.Next() {
		var r dissemination.AccessRecord
		var scores, dec string
		var met, disq int
		if err := rows.Scan(&r.CommuneCode, &r.Year, &r.RuleVersion, &scores, &r.Total, &met, &disq, &r.DecisionNo, &dec); err != nil {
			return nil, mapErr(err)
		}
		r.Met, r.Disqualified = met != 0, disq != 0
		var m map[string]int
		if err := json.Unmarshal([]byte(scores), &m); err != nil {
			return nil, err
		}
		r.Scores = map[int]int{}
		for k, v := range m {
			n, err := strconv.Atoi(k)
			if err != nil {
				return nil, err
			}
			r.Scores[n] = v
		}
		if r.DecisionOn, err = parseDayCol(dec); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}
