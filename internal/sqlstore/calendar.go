package sqlstore

import (
	"context"
	"encoding/json"

	"tuphap/internal/calendar"
)

// Schedules returns the holiday schedules a tenant has loaded, by year.
func (db CalendarStore) Schedules(ctx context.Context, tenantID string) ([]calendar.Schedule, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT year, status, legal_basis, days_json FROM calendar_schedules
		WHERE tenant_id = $1 ORDER BY year`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []calendar.Schedule
	for rows.Next() {
		var s calendar.Schedule
		var days string
		if err := rows.Scan(&s.Year, &s.Status, &s.LegalBasis, &days); err != nil {
			return nil, mapErr(err)
		}
		if err := json.Unmarshal([]byte(days), &s.Days); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, mapErr(rows.Err())
}

// SaveSchedule stores (or replaces) a tenant's schedule for one year.
func (tx CalendarTx) SaveSchedule(ctx context.Context, tenantID string, s calendar.Schedule, by string) error {
	days, err := json.Marshal(s.Days)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO calendar_schedules (tenant_id, year, status, legal_basis, days_json, updated_at, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (tenant_id, year) DO UPDATE SET status = excluded.status, legal_basis = excluded.legal_basis,
			days_json = excluded.days_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		tenantID, s.Year, string(s.Status), s.LegalBasis, string(days), ts(tx.now), by)
	return err
}

// DeleteSchedule removes a tenant's loaded schedule for a year, so the
// built-in one applies again.
func (tx CalendarTx) DeleteSchedule(ctx context.Context, tenantID string, year int) error {
	res, err := tx.exec(ctx, `DELETE FROM calendar_schedules WHERE tenant_id = $1 AND year = $2`, tenantID, year)
	return mustAffect(res, err)
}

// RuleVersions returns the versions of a tenant's clock rules.
func (db CalendarStore) RuleVersions(ctx context.Context, tenantID string) ([]calendar.Rules, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT rules_json FROM calendar_rules WHERE tenant_id = $1 ORDER BY effective_from`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []calendar.Rules
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, mapErr(err)
		}
		var r calendar.Rules
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// SaveRules stores a version of a tenant's clock rules (replacing one with
// the same effective date).
func (tx CalendarTx) SaveRules(ctx context.Context, tenantID string, r calendar.Rules, by string) error {
	js, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO calendar_rules (tenant_id, effective_from, rules_json, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (tenant_id, effective_from) DO UPDATE SET rules_json = excluded.rules_json,
			created_at = excluded.created_at, created_by = excluded.created_by`,
		tenantID, r.EffectiveFrom.String(), string(js), ts(tx.now), by)
	return err
}

// CalendarStore implements calendar.Store.
type CalendarStore struct{ *DB }

// CalendarTx is the calendar administration's write transaction.
type CalendarTx struct{ *Tx }

var (
	_ calendar.Store = CalendarStore{}
	_ calendar.Tx    = CalendarTx{}
)

// Calendar returns the calendar administration's store.
func (db *DB) Calendar() CalendarStore { return CalendarStore{db} }

// Transact runs fn in a write transaction.
func (s CalendarStore) Transact(ctx context.Context, fn func(calendar.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(CalendarTx{tx}) })
}
