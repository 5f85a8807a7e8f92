package sqlstore

import (
	"context"

	"tuphap/internal/handover"
)

// HandoverStore implements handover.Store.
type HandoverStore struct{ *DB }

var _ handover.Tx = (*Tx)(nil)

// TransactHandover runs fn in a write transaction.
func (s HandoverStore) TransactHandover(ctx context.Context, fn func(handover.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(tx) })
}

// OpenDossierIDs lists the open dossiers of a procedure (by ID or code).
func (tx *Tx) OpenDossierIDs(ctx context.Context, tenantID, procedure string) ([]string, error) {
	rows, err := tx.tx.QueryContext(ctx, `SELECT id FROM dossiers WHERE tenant_id = $1 AND (procedure_id = $2 OR (procedure_code = $2 AND procedure_code <> ''))
		AND status IN (1, 2, 4, 5, 6) AND ended = '' ORDER BY submitted_at, id`, tenantID, procedure)
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

// CopyEvents copies a dossier's history to another tenant.
func (tx *Tx) CopyEvents(ctx context.Context, from, to, dossierID string) error {
	_, err := tx.exec(ctx, `INSERT INTO dossier_events (tenant_id, dossier_id, seq, at, action, actor_id, actor, unit_code, from_status, to_status, reason, detail)
		SELECT $2, dossier_id, seq, at, action, actor_id, actor, unit_code, from_status, to_status, reason, detail
		FROM dossier_events WHERE tenant_id = $1 AND dossier_id = $3`, from, to, dossierID)
	return err
}

// RecordTransfer stores the account of a hand-over.
func (tx *Tx) RecordTransfer(ctx context.Context, r handover.Record) error {
	_, err := tx.exec(ctx, `INSERT INTO function_transfers (tenant_id, id, to_tenant, procedure_key, as_of, at, dossiers_moved, records_moved, actor)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, r.From, r.ID, r.To, r.Procedure, r.AsOf.String(), ts(r.At), r.Dossiers, r.Records, r.Actor)
	return err
}

// MoveJRRequest moves a request row to another tenant with its re-sealed
// form.
func (tx *Tx) MoveJRRequest(ctx context.Context, from, to, dossierID, sealed string) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO jr_requests (tenant_id, dossier_id, form, source, by_proxy, extended, fee, copies, sealed, created_at)
		SELECT $2, dossier_id, form, source, by_proxy, extended, fee, copies, $4, created_at FROM jr_requests WHERE tenant_id = $1 AND dossier_id = $3`,
		from, to, dossierID, sealed)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return false, nil
	}
	// The sender keeps a row for its figures, without the form.
	_, err = tx.exec(ctx, `UPDATE jr_requests SET sealed = '' WHERE tenant_id = $1 AND dossier_id = $2`, from, dossierID)
	return true, err
}

// JRSealedRequest returns a request's sealed form.
func (tx *Tx) JRSealedRequest(ctx context.Context, tenantID, dossierID string) (string, error) {
	var s string
	err := tx.tx.QueryRowContext(ctx, `SELECT sealed FROM jr_requests WHERE tenant_id = $1 AND dossier_id = $2`, tenantID, dossierID).Scan(&s)
	return s, mapErr(err)
}

// JRConvictionIDs lists a tenant's convictions.
func (tx *Tx) JRConvictionIDs(ctx context.Context, tenantID string) (map[string]string, error) {
	return tx.sealedRows(ctx, "jr_convictions", tenantID)
}

// JRBanIDs lists a tenant's bankruptcy bans.
func (tx *Tx) JRBanIDs(ctx context.Context, tenantID string) (map[string]string, error) {
	return tx.sealedRows(ctx, "jr_bans", tenantID)
}

// sealedRows lists the sealed rows of a subject-indexed register (table is
// one of the constants above, never input).
func (tx *Tx) sealedRows(ctx context.Context, table, tenantID string) (map[string]string, error) {
	rows, err := tx.tx.QueryContext(ctx, `SELECT id, sealed FROM `+table+` WHERE tenant_id = $1`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, s string
		if err := rows.Scan(&id, &s); err != nil {
			return nil, mapErr(err)
		}
		out[id] = s
	}
	return out, mapErr(rows.Err())
}

// MoveJRConviction moves a conviction to another tenant with its re-sealed
// record and new index.
func (tx *Tx) MoveJRConviction(ctx context.Context, from, to, id, index, sealed string) error {
	return tx.moveSealed(ctx, "jr_convictions", from, to, id, index, sealed)
}

// MoveJRBan moves a bankruptcy ban to another tenant.
func (tx *Tx) MoveJRBan(ctx context.Context, from, to, id, index, sealed string) error {
	return tx.moveSealed(ctx, "jr_bans", from, to, id, index, sealed)
}

func (tx *Tx) moveSealed(ctx context.Context, table, from, to, id, index, sealed string) error {
	if _, err := tx.exec(ctx, `INSERT INTO `+table+` (tenant_id, id, subject_index, sealed, created_at)
		SELECT $2, id, $4, $5, created_at FROM `+table+` WHERE tenant_id = $1 AND id = $3`, from, to, id, index, sealed); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE tenant_id = $1 AND id = $2`, from, id)
	return err
}

// MoveJRChecks moves a dossier's verification requests to another tenant.
func (tx *Tx) MoveJRChecks(ctx context.Context, from, to, dossierID string) error {
	if _, err := tx.exec(ctx, `INSERT INTO jr_checks (tenant_id, dossier_id, seq, agency, unit_code, ref, sent_at, due_at, answered_at, result)
		SELECT $2, dossier_id, seq, agency, unit_code, ref, sent_at, due_at, answered_at, result FROM jr_checks WHERE tenant_id = $1 AND dossier_id = $3`,
		from, to, dossierID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM jr_checks WHERE tenant_id = $1 AND dossier_id = $2`, from, dossierID)
	return err
}
