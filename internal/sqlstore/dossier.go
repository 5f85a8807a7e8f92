package sqlstore

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

// DossierStore implements dossier.Store: the one-stop dossiers, their
// events, queues, searches and bulk loads.
type DossierStore struct{ *DB }

// DossierTx is a dossier's write transaction (with its roll-up of the
// reports and its outgoing notifications).
type DossierTx struct{ *Tx }

var (
	_ dossier.Store = DossierStore{}
	_ dossier.Tx    = DossierTx{}
)

// Dossiers returns the one-stop dossiers' store.
func (db *DB) Dossiers() DossierStore { return DossierStore{db} }

// Transact runs fn in a write transaction.
func (s DossierStore) Transact(ctx context.Context, fn func(dossier.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(DossierTx{tx}) })
}

const dossierCols = `data_json, status, lookup_pin, version`

func scanDossier(row interface{ Scan(...any) error }, tenantID string) (dossier.Dossier, error) {
	var d dossier.Dossier
	var js string
	var status, version int
	var pin string
	if err := row.Scan(&js, &status, &pin, &version); err != nil {
		return d, mapErr(err)
	}
	if err := json.Unmarshal([]byte(js), &d); err != nil {
		return d, err
	}
	d.TenantID, d.Status, d.LookupPIN, d.Version = tenantID, dossier.Status(status), pin, version
	return d, nil
}

// The code's index is partial (codes may be empty before acceptance), so the
// condition repeats code <> ” for the planner: each arm of the OR then has
// an index (SQLite's MULTI-INDEX OR, PostgreSQL's BitmapOr); without it
// SQLite scanned the tenant's dossiers (issue 17).
const byCodeOrID = ` FROM dossiers WHERE tenant_id = $1 AND ((code = $2 AND code <> '') OR id = $2)`

// Dossier finds a dossier by code or ID.
func (s DossierStore) Dossier(ctx context.Context, tenantID, codeOrID string) (dossier.Dossier, error) {
	if codeOrID == "" {
		return dossier.Dossier{}, apperr.ErrNotFound
	}
	return scanDossier(s.r.QueryRowContext(ctx, `SELECT `+dossierCols+byCodeOrID, tenantID, codeOrID), tenantID)
}

// Events returns a dossier's events in order.
func (s DossierStore) Events(ctx context.Context, tenantID, dossierID string) ([]dossier.Event, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT seq, at, action, actor_id, actor, unit_code, from_status, to_status, reason, detail
		FROM dossier_events WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY seq`, tenantID, dossierID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dossier.Event
	for rows.Next() {
		var e dossier.Event
		var from, to int
		if err := rows.Scan(&e.Seq, &e.At, &e.Action, &e.ActorID, &e.Actor, &e.UnitCode, &from, &to, &e.Reason, &e.Detail); err != nil {
			return nil, mapErr(err)
		}
		e.TenantID, e.DossierID, e.From, e.To, e.At = tenantID, dossierID, dossier.Status(from), dossier.Status(to), e.At.UTC()
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// NextSeq takes the next number of an agency's daily sequence. The counter
// row is created or incremented in the caller's transaction: concurrent
// acceptances queue on the row (PostgreSQL) or the single writer (SQLite),
// and a rolled-back acceptance gives its number back.
func (tx DossierTx) NextSeq(ctx context.Context, tenantID, agencyID string, day calendar.Date) (int, error) {
	var n int
	err := tx.queryRow(ctx, `INSERT INTO dossier_counters (tenant_id, agency_id, day, last) VALUES ($1, $2, $3, 1)
		ON CONFLICT (tenant_id, agency_id, day) DO UPDATE SET last = dossier_counters.last + 1
		RETURNING last`, tenantID, agencyID, day.String()).Scan(&n)
	return n, mapErr(err)
}

// dossierRow is the columns derived from a dossier.
func dossierRow(d *dossier.Dossier) ([]any, error) {
	js, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return calendar.DateOf(*t).String()
	}
	var unit, role string
	var curDue *time.Time
	var answerDue, answered *time.Time
	if d.Channel == catalog.ChannelOnline {
		answerDue, answered = d.AnswerDueAt, d.Answered()
	}
	if s := d.CurrentStep(); s != nil && d.Status.Open() {
		unit, role, curDue = s.UnitCode, s.Role, s.DueAt
	}
	return []any{d.TenantID, d.ID, d.Code, d.ProcedureID, d.ProcedureCode, d.FieldCode, string(d.Channel), int(d.Status),
		d.Applicant.IDNumber, ts(d.SubmittedAt), nullTS(d.AcceptedAt), acceptedDay(d), nullTS(d.DueAt), day(d.StatDue()),
		nullTS(d.FinishedAt), day(d.FinishedAt), nullTS(d.ReturnedAt), string(d.Ended), unit, role, nullTS(curDue),
		d.LateUnit, len(d.Supplements), d.PaidOnline, d.LookupPIN, string(js), ts(d.CreatedAt), ts(d.UpdatedAt), d.Unit(),
		d.Fee, ratingOf(d), catalog.Fold(d.Applicant.FullName), nullTS(answerDue), nullTS(answered)}, nil
}

// noteUnits records the units the dossier has a step in (dossier_units),
// which the searches use to show a unit's officers only their dossiers.
// A step's unit never changes once set, so rows are only ever added.
func (tx DossierTx) noteUnits(ctx context.Context, d *dossier.Dossier) error {
	seen := map[string]bool{}
	for _, st := range d.Steps {
		if st.UnitCode == "" || seen[st.UnitCode] {
			continue
		}
		seen[st.UnitCode] = true
		if _, err := tx.exec(ctx, `INSERT INTO dossier_units (tenant_id, unit_code, dossier_id) VALUES ($1, $2, $3)
			ON CONFLICT (tenant_id, unit_code, dossier_id) DO NOTHING`, d.TenantID, st.UnitCode, d.ID); err != nil {
			return err
		}
	}
	return nil
}

// ratingOf is the stored rating: 1 satisfied, -1 dissatisfied, 0 none.
func ratingOf(d *dossier.Dossier) int {
	switch {
	case d.Rating == nil:
		return 0
	case d.Rating.Satisfied:
		return 1
	}
	return -1
}

// InsertDossier stores a new dossier.
func (tx DossierTx) InsertDossier(ctx context.Context, d *dossier.Dossier) error {
	d.Version = 1
	args, err := dossierRow(d)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO dossiers (tenant_id, id, code, procedure_id, procedure_code, field_code, channel, status,
		applicant_id, submitted_at, accepted_at, accepted_day, due_at, due_day, finished_at, finished_day, returned_at, ended,
		step_unit, step_role, step_due_at, late_unit, supplement_count, paid_online, lookup_pin, data_json, created_at, updated_at, unit_code,
		fee, rating, applicant_key, answer_due_at, answered_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29,
		$30, $31, $32, $33, $34)`, args...)
	if err != nil {
		return err
	}
	if err := tx.noteUnits(ctx, d); err != nil {
		return err
	}
	return tx.rollDossier(ctx, nil, factsOf(d))
}

// LockDossier reads a dossier for update: on PostgreSQL the row is locked
// until the transaction ends; SQLite's single writer already serialises.
func (tx DossierTx) LockDossier(ctx context.Context, tenantID, codeOrID string) (dossier.Dossier, error) {
	q := `SELECT ` + dossierCols + byCodeOrID
	if tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	return scanDossier(tx.queryRow(ctx, q, tenantID, codeOrID), tenantID)
}

// SaveDossier writes a changed dossier if nobody changed it meanwhile.
func (tx DossierTx) SaveDossier(ctx context.Context, d *dossier.Dossier) error {
	d.UpdatedAt = tx.now
	args, err := dossierRow(d)
	if err != nil {
		return err
	}
	old, err := tx.storedFacts(ctx, d.TenantID, d.ID)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE dossiers SET code = $3, procedure_id = $4, procedure_code = $5, field_code = $6, channel = $7,
		status = $8, applicant_id = $9, submitted_at = $10, accepted_at = $11, accepted_day = $12, due_at = $13, due_day = $14,
		finished_at = $15, finished_day = $16, returned_at = $17, ended = $18, step_unit = $19, step_role = $20,
		step_due_at = $21, late_unit = $22, supplement_count = $23, paid_online = $24, lookup_pin = $25, data_json = $26,
		created_at = $27, updated_at = $28, unit_code = $29, fee = $30, rating = $31, applicant_key = $32,
		answer_due_at = $33, answered_at = $34, version = version + 1
		WHERE tenant_id = $1 AND id = $2 AND version = $35`, append(args, d.Version)...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return apperr.New(apperr.Conflict, "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.")
	}
	d.Version++
	if err := tx.noteUnits(ctx, d); err != nil {
		return err
	}
	return tx.rollDossier(ctx, &old, factsOf(d))
}

// AppendEvent adds an event to a dossier's history with the next number.
func (tx DossierTx) AppendEvent(ctx context.Context, e *dossier.Event) error {
	err := tx.queryRow(ctx, `INSERT INTO dossier_events (tenant_id, dossier_id, seq, at, action, actor_id, actor, unit_code,
		from_status, to_status, reason, detail)
		SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11
		FROM dossier_events WHERE tenant_id = $1 AND dossier_id = $2
		RETURNING seq`, e.TenantID, e.DossierID, ts(e.At), string(e.Action), e.ActorID, e.Actor, e.UnitCode,
		int(e.From), int(e.To), e.Reason, e.Detail).Scan(&e.Seq)
	return mapErr(err)
}

// Enqueue writes a notification to the outbox in the caller's transaction.
// A message whose key the tenant's outbox already holds is dropped. A
// message of a dossier (m.DossierID) also opens its row in the dossier's
// message log (messages.go), which the worker then updates.
func (tx DossierTx) Enqueue(ctx context.Context, m dossier.Outgoing) error {
	id := uuid.Must(uuid.NewV7()).String()
	res, err := tx.exec(ctx, `INSERT INTO outbox (tenant_id, id, channel, recipient, subject, body, msg_key, next_attempt_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
		ON CONFLICT (tenant_id, msg_key) WHERE msg_key <> '' DO NOTHING`,
		m.TenantID, id, m.Channel, m.To, m.Subject, m.Body, m.Key, ts(tx.now))
	if err != nil || m.DossierID == "" {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return tx.logMessage(ctx, m, id)
}

// QueueFilter selects dossiers for a work queue.
type QueueFilter struct {
	Units    []string // current step's unit codes; empty: any
	Role     string   // current step's role; empty: any
	Statuses []dossier.Status
	Limit    int
	Offset   int
}

// Queue lists the dossiers being worked on by the due time of their current
// step (those without one after, by submission time), a page at a time.
//
// workList is the predicate of the partial indexes dossiers_work_unit and
// dossiers_work_all (migration 00009), repeated word for word so that both
// engines use them: dossiers not returned, and not withdrawn, stopped,
// refused or handed over. Each part below is then an index walk of the
// page's length, with no sort, however many dossiers the tenant holds.
func (db DossierStore) Queue(ctx context.Context, tenantID string, f QueueFilter) ([]dossier.Dossier, error) {
	const workList = `returned_at IS NULL AND ended IN ('', 'result')`
	where := `tenant_id = $1 AND ` + workList
	args := []any{tenantID}
	add := func(cond string, vals ...any) {
		where += " AND ("
		for i, v := range vals {
			if i > 0 {
				where += " OR "
			}
			args = append(args, v)
			where += cond + " = $" + itoa(len(args))
		}
		where += ")"
	}
	if len(f.Units) > 0 {
		vals := make([]any, len(f.Units))
		for i, u := range f.Units {
			vals[i] = u
		}
		add("step_unit", vals...)
	}
	if f.Role != "" {
		add("step_role", f.Role)
	}
	if len(f.Statuses) > 0 {
		vals := make([]any, len(f.Statuses))
		for i, s := range f.Statuses {
			vals[i] = int(s)
		}
		add("status", vals...)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 200
	}
	offset := min(max(f.Offset, 0), 1_000_000)
	need := offset + f.Limit
	ids := func(q string, n int) ([]string, error) {
		rows, err := db.r.QueryContext(ctx, q+` LIMIT $`+itoa(len(args)+1), append(args, n)...)
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return nil, mapErr(err)
			}
			out = append(out, id)
		}
		return out, mapErr(rows.Err())
	}
	// First the dossiers with a step due time, most urgent first; then
	// those without one (not yet accepted, result ready), oldest first.
	page, err := ids(`SELECT id FROM dossiers WHERE `+where+` AND step_due_at IS NOT NULL ORDER BY step_due_at, submitted_at, id`, need)
	if err != nil {
		return nil, err
	}
	if len(page) < need {
		more, err := ids(`SELECT id FROM dossiers WHERE `+where+` AND step_due_at IS NULL ORDER BY submitted_at, id`, need-len(page))
		if err != nil {
			return nil, err
		}
		page = append(page, more...)
	}
	if offset >= len(page) {
		return nil, nil
	}
	page = page[offset:min(len(page), need)]
	// Read the page's dossiers whole, and keep the order above.
	q := `SELECT ` + dossierCols + ` FROM dossiers WHERE tenant_id = $1 AND id IN (`
	inArgs := []any{tenantID}
	for i, id := range page {
		if i > 0 {
			q += ", "
		}
		inArgs = append(inArgs, id)
		q += "$" + itoa(len(inArgs))
	}
	rows, err := db.r.QueryContext(ctx, q+`)`, inArgs...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	byID := map[string]dossier.Dossier{}
	for rows.Next() {
		d, err := scanDossier(rows, tenantID)
		if err != nil {
			return nil, err
		}
		byID[d.ID] = d
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	out := make([]dossier.Dossier, 0, len(page))
	for _, id := range page {
		if d, ok := byID[id]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// DossierCounts counts a tenant's dossiers by status.
func (db DossierStore) DossierCounts(ctx context.Context, tenantID string) (map[dossier.Status]int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT status, COUNT(*) FROM dossiers WHERE tenant_id = $1 AND ended <> 'transferred' GROUP BY status`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[dossier.Status]int{}
	for rows.Next() {
		var s, n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, mapErr(err)
		}
		out[dossier.Status(s)] = n
	}
	return out, mapErr(rows.Err())
}

func itoa(n int) string { return strconv.Itoa(n) }

// EnsureLegacyProcedure records a procedure met in an import that the
// catalogue does not know, and returns its ID.
func (tx DossierTx) EnsureLegacyProcedure(ctx context.Context, tenantID, code, name, field string) (string, error) {
	id := "legacy:" + code
	_, err := tx.exec(ctx, `INSERT INTO tenant_procedures (tenant_id, id, code, name, field_name, legacy, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, id) DO NOTHING`,
		tenantID, id, code, name, field, true, ts(tx.now))
	return id, err
}

// RaiseSeq makes sure the agency's daily sequence is at least seq, so that
// codes issued later never repeat an imported one.
func (tx DossierTx) RaiseSeq(ctx context.Context, tenantID, agencyID string, day calendar.Date, seq int) error {
	_, err := tx.exec(ctx, `INSERT INTO dossier_counters (tenant_id, agency_id, day, last) VALUES ($1, $2, $3, $4)
		ON CONFLICT (tenant_id, agency_id, day) DO UPDATE SET last = CASE WHEN dossier_counters.last < excluded.last
			THEN excluded.last ELSE dossier_counters.last END`, tenantID, agencyID, day.String(), seq)
	return err
}

// ExportDossiers calls fn for each of the tenant's dossiers accepted (or,
// for unaccepted ones, submitted) in [from, to] (days in Vietnam, inclusive;
// zero dates are open), by code.
func (s DossierStore) ExportDossiers(ctx context.Context, tenantID string, from, to calendar.Date, fn func(*dossier.Dossier) error) error {
	lo, hi := "0000-00-00", "9999-99-99"
	if !from.IsZero() {
		lo = from.String()
	}
	if !to.IsZero() {
		hi = to.String()
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+dossierCols+` FROM dossiers WHERE tenant_id = $1
		AND ((accepted_day <> '' AND accepted_day BETWEEN $2 AND $3) OR (accepted_day = '' AND submitted_at >= $4 AND submitted_at < $5))
		ORDER BY code, id`, tenantID, lo, hi, ts(dayStart(from, false)), ts(dayStart(to, true)))
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDossier(rows, tenantID)
		if err != nil {
			return err
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// dayStart is 00:00 in Vietnam of d, or of the day after when after is set;
// zero dates are far in the past or future.
func dayStart(d calendar.Date, after bool) time.Time {
	if d.IsZero() {
		if after {
			return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return time.Time{}
	}
	if after {
		d = d.AddDays(1)
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, calendar.Zone())
}
