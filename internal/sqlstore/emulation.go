package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/emulation"
)

// EmulationStore implements emulation.Store: emulation and commendation,
// "Dân vận khéo" models and the department's administrative-reform plan.
// Each record is a JSON document beside the typed columns it is listed and
// counted by (migration 00023).
type EmulationStore struct{ *DB }

type emulationTx struct{ tx *Tx }

var (
	_ emulation.Store = EmulationStore{}
	_ emulation.Tx    = emulationTx{}
)

// Emulation returns the emulation register's store.
func (db *DB) Emulation() EmulationStore { return EmulationStore{db} }

// TransactEmulation runs fn in a write transaction.
func (s EmulationStore) TransactEmulation(ctx context.Context, fn func(emulation.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(emulationTx{tx}) })
}

func (t emulationTx) Now() time.Time                                 { return t.tx.Now() }
func (t emulationTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

// put inserts or replaces a document: cols are the typed columns after
// tenant_id (the first ones, up to nkey, form the key with tenant_id).
func (t emulationTx) put(ctx context.Context, table string, nkey int, cols []string, vals []any, doc any) error {
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	all := append([]string{"tenant_id"}, cols...)
	all = append(all, "doc")
	ph := make([]string, len(all))
	for i := range all {
		ph[i] = "$" + itoa(i+1)
	}
	var set []string
	for _, c := range all[1+nkey:] {
		set = append(set, c+" = excluded."+c)
	}
	q := `INSERT INTO ` + table + ` (` + strings.Join(all, ", ") + `) VALUES (` + strings.Join(ph, ", ") + `)
		ON CONFLICT (` + strings.Join(all[:1+nkey], ", ") + `) DO UPDATE SET ` + strings.Join(set, ", ")
	args := append(vals, string(b))
	_, err = t.tx.exec(ctx, q, args...)
	return err
}

func (t emulationTx) SaveMovement(ctx context.Context, tenantID string, m emulation.Movement) error {
	return t.put(ctx, "emu_movements", 1, []string{"id", "from_day"}, []any{tenantID, m.ID, isoDay(m.From)}, m)
}

func (t emulationTx) SaveRegistration(ctx context.Context, tenantID string, r emulation.Registration) error {
	return t.put(ctx, "emu_registrations", 1, []string{"id", "movement_id"}, []any{tenantID, r.ID, r.MovementID}, r)
}

func (t emulationTx) SaveEvaluation(ctx context.Context, tenantID string, e emulation.Evaluation) error {
	return t.put(ctx, "emu_evaluations", 1, []string{"id", "year"}, []any{tenantID, e.ID, e.Year}, e)
}

func (t emulationTx) SaveAward(ctx context.Context, tenantID string, a emulation.Award) error {
	return t.put(ctx, "emu_awards", 1, []string{"id", "year", "status", "kind", "title", "decided_on"},
		[]any{tenantID, a.ID, a.Year, string(a.Status), string(a.Kind), string(a.Title), dayOrEmpty(a.DecidedOn)}, a)
}

func (t emulationTx) SaveModel(ctx context.Context, tenantID string, m emulation.Model) error {
	return t.put(ctx, "danvan_models", 1, []string{"id", "year", "recognised_on"}, []any{tenantID, m.ID, m.Year, dayOrEmpty(m.RecognisedOn)}, m)
}

func (t emulationTx) SaveTask(ctx context.Context, tenantID string, x emulation.Task) error {
	return t.put(ctx, "par_tasks", 1, []string{"id", "year"}, []any{tenantID, x.ID, x.Year}, x)
}

func (t emulationTx) SaveReview(ctx context.Context, tenantID string, r emulation.Review) error {
	return t.put(ctx, "par_reviews", 1, []string{"id", "year"}, []any{tenantID, r.ID, r.Year}, r)
}

func (t emulationTx) SaveCriterion(ctx context.Context, tenantID string, c emulation.Criterion) error {
	return t.put(ctx, "par_criteria", 2, []string{"year", "code"}, []any{tenantID, c.Year, c.Code}, c)
}

// docs reads the doc column of q's rows into a slice of T.
func docs[T any](ctx context.Context, db *DB, q string, args ...any) ([]T, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, mapErr(err)
		}
		var v T
		if err := json.Unmarshal([]byte(b), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

func oneDoc[T any](ctx context.Context, db *DB, what, q string, args ...any) (T, error) {
	var v T
	var b string
	err := db.r.QueryRowContext(ctx, q, args...).Scan(&b)
	if err == sql.ErrNoRows {
		return v, apperr.New(apperr.NotFound, "Không tìm thấy "+what+".")
	}
	if err != nil {
		return v, mapErr(err)
	}
	return v, json.Unmarshal([]byte(b), &v)
}

// Movements lists the movements, the latest first.
func (s EmulationStore) Movements(ctx context.Context, tenantID string) ([]emulation.Movement, error) {
	return docs[emulation.Movement](ctx, s.DB, `SELECT doc FROM emu_movements WHERE tenant_id = $1 ORDER BY from_day DESC, id`, tenantID)
}

// Registrations lists a movement's registrations.
func (s EmulationStore) Registrations(ctx context.Context, tenantID, movementID string) ([]emulation.Registration, error) {
	return docs[emulation.Registration](ctx, s.DB, `SELECT doc FROM emu_registrations WHERE tenant_id = $1 AND movement_id = $2 ORDER BY id`, tenantID, movementID)
}

// Evaluations lists a year's evaluations.
func (s EmulationStore) Evaluations(ctx context.Context, tenantID string, year int) ([]emulation.Evaluation, error) {
	return docs[emulation.Evaluation](ctx, s.DB, `SELECT doc FROM emu_evaluations WHERE tenant_id = $1 AND year = $2 ORDER BY id`, tenantID, year)
}

// Awards lists awards by the filter with their total count. With a
// decision period it reads the (tenant_id, status, decided_on) index, the
// figures' drill-down.
func (s EmulationStore) Awards(ctx context.Context, tenantID string, f emulation.AwardFilter) ([]emulation.Award, int, error) {
	var w strings.Builder
	args := []any{tenantID}
	w.WriteString(` FROM emu_awards WHERE tenant_id = $1`)
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	if f.Status != "" {
		add("status = ?", string(f.Status))
	}
	if !f.DecidedFrom.IsZero() {
		add("decided_on >= ?", isoDay(f.DecidedFrom))
	}
	if !f.DecidedTo.IsZero() {
		add("decided_on <= ?", isoDay(f.DecidedTo))
	}
	if f.Year != 0 {
		add("year = ?", f.Year)
	}
	if f.Kind != "" {
		add("kind = ?", string(f.Kind))
	}
	if f.Title != "" {
		add("title = ?", string(f.Title))
	}
	var total int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*)`+w.String(), args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err)
	}
	q := `SELECT doc` + w.String() + ` ORDER BY decided_on DESC, id`
	if f.Limit > 0 {
		q += ` LIMIT ` + itoa(f.Limit) + ` OFFSET ` + itoa(max(f.Offset, 0))
	}
	out, err := docs[emulation.Award](ctx, s.DB, q, args...)
	return out, total, err
}

// Award reads one award.
func (s EmulationStore) Award(ctx context.Context, tenantID, id string) (emulation.Award, error) {
	return oneDoc[emulation.Award](ctx, s.DB, "đề nghị khen thưởng", `SELECT doc FROM emu_awards WHERE tenant_id = $1 AND id = $2`, tenantID, id)
}

// Models lists "Dân vận khéo" models by the filter with their total count.
func (s EmulationStore) Models(ctx context.Context, tenantID string, f emulation.ModelFilter) ([]emulation.Model, int, error) {
	var w strings.Builder
	args := []any{tenantID}
	w.WriteString(` FROM danvan_models WHERE tenant_id = $1`)
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	if f.Recognised || !f.RecognisedFrom.IsZero() {
		w.WriteString(` AND recognised_on <> ''`)
	}
	if !f.RecognisedFrom.IsZero() {
		add("recognised_on >= ?", isoDay(f.RecognisedFrom))
	}
	if !f.RecognisedTo.IsZero() {
		add("recognised_on <= ?", isoDay(f.RecognisedTo))
	}
	if f.Year != 0 {
		add("year = ?", f.Year)
	}
	var total int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*)`+w.String(), args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err)
	}
	q := `SELECT doc` + w.String() + ` ORDER BY recognised_on DESC, id`
	if f.Limit > 0 {
		q += ` LIMIT ` + itoa(f.Limit) + ` OFFSET ` + itoa(max(f.Offset, 0))
	}
	out, err := docs[emulation.Model](ctx, s.DB, q, args...)
	return out, total, err
}

// Model reads one model.
func (s EmulationStore) Model(ctx context.Context, tenantID, id string) (emulation.Model, error) {
	return oneDoc[emulation.Model](ctx, s.DB, "mô hình", `SELECT doc FROM danvan_models WHERE tenant_id = $1 AND id = $2`, tenantID, id)
}

// Tasks lists a year's PAR tasks.
func (s EmulationStore) Tasks(ctx context.Context, tenantID string, year int) ([]emulation.Task, error) {
	return docs[emulation.Task](ctx, s.DB, `SELECT doc FROM par_tasks WHERE tenant_id = $1 AND year = $2 ORDER BY id`, tenantID, year)
}

// Reviews lists a year's quarterly reviews.
func (s EmulationStore) Reviews(ctx context.Context, tenantID string, year int) ([]emulation.Review, error) {
	return docs[emulation.Review](ctx, s.DB, `SELECT doc FROM par_reviews WHERE tenant_id = $1 AND year = $2 ORDER BY id`, tenantID, year)
}

// Criteria lists a year's self-assessment criteria.
func (s EmulationStore) Criteria(ctx context.Context, tenantID string, year int) ([]emulation.Criterion, error) {
	return docs[emulation.Criterion](ctx, s.DB, `SELECT doc FROM par_criteria WHERE tenant_id = $1 AND year = $2 ORDER BY code`, tenantID, year)
}
