package sqlstore

import (
	"context"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
)

// Audit appends an entry to the tenant's chain inside the transaction. The
// UPDATE of the chain head comes first: on PostgreSQL it locks the head row,
// so concurrent writers of one tenant append one after the other; on SQLite
// the single writer already serialises them.
func (tx *Tx) Audit(ctx context.Context, e audit.Entry) error {
	var seq int64
	var hash string
	if err := tx.queryRow(ctx, `UPDATE audit_heads SET seq = seq + 1 WHERE tenant_id = $1 RETURNING seq - 1, hash`,
		e.TenantID).Scan(&seq, &hash); err != nil {
		return mapErr(err)
	}
	if e.At.IsZero() {
		e.At = tx.now
	}
	e = audit.Seal(e, seq, hash)
	if _, err := tx.exec(ctx, `INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor, unit_id, action, object, detail, ip, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		e.TenantID, e.Seq, ts(e.At), e.ActorID, e.Actor, e.UnitID, e.Action, e.Object, e.Detail, e.IP, e.PrevHash, e.Hash); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE audit_heads SET hash = $2 WHERE tenant_id = $1`, e.TenantID, e.Hash)
	return err
}

// AuditStore reads and verifies the tenants' audit chains (each write
// transaction appends to them with Tx.Audit).
type AuditStore struct{ *DB }

// Audit returns the audit log's store.
func (db *DB) Audit() AuditStore { return AuditStore{db} }

// AuditLog returns a tenant's newest entries before beforeSeq (0: from the
// newest), newest first.
func (db AuditStore) AuditLog(ctx context.Context, tenantID string, beforeSeq int64, limit int) ([]audit.Entry, error) {
	return db.AuditSearch(ctx, tenantID, AuditFilter{}, beforeSeq, limit)
}

// AuditFilter narrows the audit log: the officer (username), the object
// ("dossier:CODE"), and the days in Vietnam (inclusive; zero: open).
type AuditFilter struct {
	Actor, Object string
	From, To      calendar.Date
}

// AuditSearch is AuditLog narrowed by f. Actor and object are equalities
// on the indexes audit_log_actor and audit_log_object, which hold seq, so
// a page is an index walk newest first.
func (db AuditStore) AuditSearch(ctx context.Context, tenantID string, f AuditFilter, beforeSeq int64, limit int) ([]audit.Entry, error) {
	if beforeSeq <= 0 {
		beforeSeq = 1 << 62
	}
	where := `tenant_id = $1 AND seq < $2`
	args := []any{tenantID, beforeSeq}
	arg := func(v any) string { args = append(args, v); return "$" + itoa(len(args)) }
	if f.Actor != "" {
		where += ` AND actor = ` + arg(f.Actor)
	}
	if f.Object != "" {
		where += ` AND object = ` + arg(f.Object)
	}
	if !f.From.IsZero() {
		where += ` AND at >= ` + arg(ts(dayStart(f.From, false)))
	}
	if !f.To.IsZero() {
		where += ` AND at < ` + arg(ts(dayStart(f.To, true)))
	}
	rows, err := db.r.QueryContext(ctx, `SELECT tenant_id, seq, at, actor_id, actor, unit_id, action, object, detail, ip, prev_hash, hash
		FROM audit_log WHERE `+where+` ORDER BY seq DESC LIMIT `+arg(limit), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

func scanAudit(rows interface{ Scan(...any) error }) (audit.Entry, error) {
	var e audit.Entry
	err := rows.Scan(&e.TenantID, &e.Seq, &e.At, &e.ActorID, &e.Actor, &e.UnitID, &e.Action, &e.Object, &e.Detail, &e.IP, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, mapErr(err)
}

// VerifyAudit walks a tenant's whole chain in order and checks it against
// the recorded head and the anchors kept outside the database, if any. It
// returns the number of entries checked.
func (db AuditStore) VerifyAudit(ctx context.Context, tenantID string, anchors ...audit.Anchor) (int64, error) {
	var headSeq int64
	var headHash string
	if err := db.r.QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE tenant_id = $1`, tenantID).Scan(&headSeq, &headHash); err != nil {
		return 0, mapErr(err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT tenant_id, seq, at, actor_id, actor, unit_id, action, object, detail, ip, prev_hash, hash
		FROM audit_log WHERE tenant_id = $1 ORDER BY seq`, tenantID)
	if err != nil {
		return 0, mapErr(err)
	}
	defer rows.Close()
	v := audit.Verifier{Anchors: anchors}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return v.Count(), err
		}
		v.Add(e)
	}
	if err := rows.Err(); err != nil {
		return v.Count(), mapErr(err)
	}
	return v.Count(), v.Finish(headSeq, headHash)
}

// AuditHead returns the tenant's chain head: the last sequence number and
// hash, to be anchored outside the database.
func (db AuditStore) AuditHead(ctx context.Context, tenantID string) (int64, string, error) {
	var seq int64
	var hash string
	err := db.r.QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE tenant_id = $1`, tenantID).Scan(&seq, &hash)
	return seq, hash, mapErr(err)
}
