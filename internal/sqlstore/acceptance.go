package sqlstore

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"tuphap/internal/dossier"
	"tuphap/internal/report"
)

// UnmeasuredOnline returns the tenant's online dossiers submitted in
// [from, to) that carry no acceptance limit of their own (submitted before
// the limit was stored with each dossier, or imported): the report
// measures these one by one, with the calendar. At most limit are read.
func (db ReportStore) UnmeasuredOnline(ctx context.Context, tenantID string, from, to time.Time, limit int) ([]dossier.Dossier, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+dossierCols+` FROM dossiers`+db.indexedBy("dossiers_answer_unmeasured")+`
		WHERE tenant_id = $1 AND channel = 'online' AND answer_due_at IS NULL AND ended <> 'transferred'
		AND submitted_at >= $2 AND submitted_at < $3 ORDER BY submitted_at, id LIMIT $4`, tenantID, ts(from), ts(to), limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dossier.Dossier
	for rows.Next() {
		d, err := scanDossier(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// indexedBy names the index a query must use on SQLite, whose planner,
// without statistics (a production database is never analysed), prefers
// a wider index to a small partial one and then reads every row of the
// period (issue 17). PostgreSQL's planner has its statistics.
func (db *DB) indexedBy(index string) string {
	if db.engine == SQLite {
		return " INDEXED BY " + index
	}
	return ""
}

// RegisterDossiers returns the tenant's dossiers accepted on the days
// [from, to] ('YYYY-MM-DD'), in order of acceptance, for the dossier
// register (Mẫu 07). At most limit are read.
func (db ReportStore) RegisterDossiers(ctx context.Context, tenantID, from, to string, limit int) ([]dossier.Dossier, error) {
	return db.dossiersWhere(ctx, tenantID, `accepted_day >= $2 AND accepted_day <= $3 ORDER BY accepted_at, id LIMIT $4`, from, to, limit)
}

func (db ReportStore) dossiersWhere(ctx context.Context, tenantID, cond string, args ...any) ([]dossier.Dossier, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+dossierCols+` FROM dossiers WHERE tenant_id = $1 AND ended <> 'transferred' AND `+cond,
		append([]any{tenantID}, args...)...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dossier.Dossier
	for rows.Next() {
		d, err := scanDossier(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// The acceptance of online submissions (Decree 118/2025/NĐ-CP Art.
// 17(2)(c)) is counted like Biểu 06: acceptance_daily keeps, per tenant
// and day of submission, the submissions with a limit and those answered
// within it and after it, in the same transaction as every change of a
// dossier. A period's figures read at most one row a day; the unanswered
// ones (few: the desk answers within hours) are read through a partial
// index, because whether they are late depends on the time of the report.

// acceptKey is one acceptance_daily row's key.
type acceptKey struct{ tenant, day string }

// acceptVal is one acceptance_daily row's counters.
type acceptVal struct{ submitted, onTime, late int64 }

// acceptRollup accumulates signed contributions to acceptance_daily.
type acceptRollup map[acceptKey]acceptVal

func (r acceptRollup) add(f report.Facts, sign int64) {
	if f.Acceptance == "" {
		return
	}
	k := acceptKey{f.TenantID, f.Submitted}
	v := r[k]
	v.submitted += sign
	switch f.Acceptance {
	case report.AcceptOnTime:
		v.onTime += sign
	case report.AcceptLate:
		v.late += sign
	}
	r[k] = v
}

// upsert adds the non-zero deltas, many rows a statement.
func (r acceptRollup) upsert(ctx context.Context, tx *Tx) error {
	keys := make([]acceptKey, 0, len(r))
	for k, v := range r {
		if v != (acceptVal{}) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].tenant+keys[i].day < keys[j].tenant+keys[j].day })
	const per = 150
	for len(keys) > 0 {
		n := min(per, len(keys))
		args := make([]any, 0, 5*n)
		for _, k := range keys[:n] {
			v := r[k]
			args = append(args, k.tenant, k.day, v.submitted, v.onTime, v.late)
		}
		if _, err := tx.exec(ctx, `INSERT INTO acceptance_daily (tenant_id, day, submitted, on_time, late) VALUES `+tx.db.valuesList(n, 5)+`
			ON CONFLICT (tenant_id, day) DO UPDATE SET submitted = acceptance_daily.submitted + excluded.submitted,
			on_time = acceptance_daily.on_time + excluded.on_time, late = acceptance_daily.late + excluded.late`, args...); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// AcceptanceCounts are a period's online submissions with an acceptance
// limit: those answered within it and after it, and those not answered
// past it at the time asked (the rest wait within it).
type AcceptanceCounts struct{ Submitted, OnTime, Late, WaitingLate int64 }

// AcceptanceCounts reads a tenant's acceptance counts of the submissions of
// [from, to) from the roll-up (whole days; from and to are midnights), and
// counts those waiting past their limit at now through the partial index.
func (db ReportStore) AcceptanceCounts(ctx context.Context, tenantID string, from, to, now time.Time) (AcceptanceCounts, error) {
	var c AcceptanceCounts
	err := db.r.QueryRowContext(ctx, `SELECT COALESCE(SUM(submitted), 0), COALESCE(SUM(on_time), 0), COALESCE(SUM(late), 0)
		FROM acceptance_daily WHERE tenant_id = $1 AND day >= $2 AND day < $3`, tenantID, dayOf(from), dayOf(to)).Scan(&c.Submitted, &c.OnTime, &c.Late)
	if err != nil {
		return c, mapErr(err)
	}
	err = db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`+db.indexedBy("dossiers_answer_open")+` WHERE tenant_id = $1 AND channel = 'online' AND answer_due_at IS NOT NULL
		AND (answered_at IS NULL OR answered_at > answer_due_at) AND answered_at IS NULL AND answer_due_at < $4
		AND ended <> 'transferred' AND submitted_at >= $2 AND submitted_at < $3`, tenantID, ts(from), ts(to), ts(now)).Scan(&c.WaitingLate)
	return c, mapErr(err)
}

// OnlineAnswer is an online submission measured against its limit, as a
// report lists it.
type OnlineAnswer struct {
	ID, Code, Procedure string
	Submitted, Due      time.Time
	Answered            *time.Time
}

// LateOnline lists a tenant's online submissions of [from, to) answered
// after their limit or, at now, still waiting past it, oldest first, at
// most limit (through the partial index dossiers_answer_open).
func (db ReportStore) LateOnline(ctx context.Context, tenantID string, from, to, now time.Time, limit int) ([]OnlineAnswer, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, code, procedure_code, submitted_at, answer_due_at, answered_at FROM dossiers`+
		db.indexedBy("dossiers_answer_open")+`
		WHERE tenant_id = $1 AND channel = 'online' AND answer_due_at IS NOT NULL AND (answered_at IS NULL OR answered_at > answer_due_at)
		AND (answered_at IS NOT NULL OR answer_due_at < $5)
		AND ended <> 'transferred' AND submitted_at >= $2 AND submitted_at < $3 ORDER BY submitted_at, id LIMIT $4`,
		tenantID, ts(from), ts(to), limit, ts(now))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []OnlineAnswer
	for rows.Next() {
		var a OnlineAnswer
		var answered sql.NullTime
		if err := rows.Scan(&a.ID, &a.Code, &a.Procedure, &a.Submitted, &a.Due, &answered); err != nil {
			return nil, mapErr(err)
		}
		a.Answered = fromNull(answered)
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}
