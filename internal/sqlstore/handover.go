package sqlstore

import (
	"context"
	"database/sql"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
)

// HandoverStore implements handover.Store.
type HandoverStore struct{ *DB }

// HandoverTx is a hand-over's write transaction: the dossiers' writes, the
// transfer's record, the offers, and the moves of the judicial records.
type HandoverTx struct{ DossierTx }

var (
	_ handover.Tx           = HandoverTx{}
	_ handover.OfferTx      = HandoverTx{}
	_ judicialrecord.MoveTx = HandoverTx{}
)

// Handover returns the hand-overs' store.
func (db *DB) Handover() HandoverStore { return HandoverStore{db} }

// TransactHandover runs fn in a write transaction.
func (s HandoverStore) TransactHandover(ctx context.Context, fn func(handover.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(HandoverTx{DossierTx{tx}}) })
}

// OpenDossierIDs lists the open dossiers of a procedure (by ID or code).
func (tx HandoverTx) OpenDossierIDs(ctx context.Context, tenantID, procedure string) ([]string, error) {
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
func (tx HandoverTx) CopyEvents(ctx context.Context, from, to, dossierID string) error {
	_, err := tx.exec(ctx, `INSERT INTO dossier_events (tenant_id, dossier_id, seq, at, action, actor_id, actor, unit_code, from_status, to_status, reason, detail)
		SELECT $2, dossier_id, seq, at, action, actor_id, actor, unit_code, from_status, to_status, reason, detail
		FROM dossier_events WHERE tenant_id = $1 AND dossier_id = $3`, from, to, dossierID)
	return err
}

// RecordTransfer stores the account of a hand-over.
func (tx HandoverTx) RecordTransfer(ctx context.Context, r handover.Record) error {
	_, err := tx.exec(ctx, `INSERT INTO function_transfers (tenant_id, id, to_tenant, procedure_key, as_of, at, dossiers_moved, records_moved, actor)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, r.From, r.ID, r.To, r.Procedure, r.AsOf.String(), ts(r.At), r.Dossiers, r.Records, r.Actor)
	return err
}

// MoveJRRequest moves a request row to another tenant with its re-sealed
// form.
func (tx HandoverTx) MoveJRRequest(ctx context.Context, from, to, dossierID, sealed string) (bool, error) {
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
func (tx HandoverTx) JRSealedRequest(ctx context.Context, tenantID, dossierID string) (string, error) {
	var s string
	err := tx.tx.QueryRowContext(ctx, `SELECT sealed FROM jr_requests WHERE tenant_id = $1 AND dossier_id = $2`, tenantID, dossierID).Scan(&s)
	return s, mapErr(err)
}

// JRConvictionIDs lists a tenant's convictions.
func (tx HandoverTx) JRConvictionIDs(ctx context.Context, tenantID string) (map[string]string, error) {
	return tx.sealedRows(ctx, "jr_convictions", tenantID)
}

// JRBanIDs lists a tenant's bankruptcy bans.
func (tx HandoverTx) JRBanIDs(ctx context.Context, tenantID string) (map[string]string, error) {
	return tx.sealedRows(ctx, "jr_bans", tenantID)
}

// sealedRows lists the sealed rows of a subject-indexed register (table is
// one of the constants above, never input).
func (tx HandoverTx) sealedRows(ctx context.Context, table, tenantID string) (map[string]string, error) {
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
func (tx HandoverTx) MoveJRConviction(ctx context.Context, from, to, id, index, sealed string) error {
	return tx.moveSealed(ctx, "jr_convictions", from, to, id, index, sealed)
}

// MoveJRBan moves a bankruptcy ban to another tenant.
func (tx HandoverTx) MoveJRBan(ctx context.Context, from, to, id, index, sealed string) error {
	return tx.moveSealed(ctx, "jr_bans", from, to, id, index, sealed)
}

func (tx HandoverTx) moveSealed(ctx context.Context, table, from, to, id, index, sealed string) error {
	if _, err := tx.exec(ctx, `INSERT INTO `+table+` (tenant_id, id, subject_index, sealed, created_at)
		SELECT $2, id, $4, $5, created_at FROM `+table+` WHERE tenant_id = $1 AND id = $3`, from, to, id, index, sealed); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE tenant_id = $1 AND id = $2`, from, id)
	return err
}

// MoveJRChecks moves a dossier's verification requests to another tenant.
func (tx HandoverTx) MoveJRChecks(ctx context.Context, from, to, dossierID string) error {
	if _, err := tx.exec(ctx, `INSERT INTO jr_checks (tenant_id, dossier_id, seq, agency, unit_code, ref, sent_at, due_at, answered_at, result)
		SELECT $2, dossier_id, seq, agency, unit_code, ref, sent_at, due_at, answered_at, result FROM jr_checks WHERE tenant_id = $1 AND dossier_id = $3`,
		from, to, dossierID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM jr_checks WHERE tenant_id = $1 AND dossier_id = $2`, from, dossierID)
	return err
}

const offerSelect = `SELECT o.id, o.procedure_key, o.as_of, o.offered_at, o.offered_by_id, o.offered_by, o.status, o.decided_at, o.decided_by_id, o.decided_by,
	f.id, f.code, f.name, f.kind, t.id, t.code, t.name, t.kind
	FROM handover_offers o JOIN tenants f ON f.id = o.tenant_id JOIN tenants t ON t.id = o.to_tenant`

func scanOffer(row interface{ Scan(...any) error }) (handover.Offer, error) {
	var o handover.Offer
	var asOf string
	var decided sql.NullTime
	if err := row.Scan(&o.ID, &o.Procedure, &asOf, &o.OfferedAt, &o.OfferedByID, &o.OfferedBy, &o.Status, &decided, &o.DecidedByID, &o.DecidedBy,
		&o.From.ID, &o.From.Code, &o.From.Name, &o.From.Kind, &o.To.ID, &o.To.Code, &o.To.Name, &o.To.Kind); err != nil {
		return o, mapErr(err)
	}
	d, err := calendar.ParseDate(asOf)
	if err != nil {
		return o, err
	}
	o.AsOf, o.OfferedAt, o.DecidedAt = d, o.OfferedAt.UTC(), fromNull(decided)
	return o, nil
}

// InsertOffer stores a hand-over offer under the sending tenant.
func (tx HandoverTx) InsertOffer(ctx context.Context, o handover.Offer) error {
	_, err := tx.exec(ctx, `INSERT INTO handover_offers (tenant_id, id, to_tenant, procedure_key, as_of, offered_at, offered_by_id, offered_by, status)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, o.From.ID, o.ID, o.To.ID, o.Procedure, o.AsOf.String(), ts(o.OfferedAt), o.OfferedByID, o.OfferedBy, o.Status)
	return err
}

// LockOffer reads an offer made to toTenant for update.
func (tx HandoverTx) LockOffer(ctx context.Context, toTenant, id string) (handover.Offer, error) {
	q := offerSelect + ` WHERE o.to_tenant = $1 AND o.id = $2`
	if tx.db.engine == Postgres {
		q += ` FOR UPDATE OF o`
	}
	return scanOffer(tx.queryRow(ctx, q, toTenant, id))
}

// DecideOffer records the decision on a pending offer.
func (tx HandoverTx) DecideOffer(ctx context.Context, o handover.Offer) error {
	res, err := tx.exec(ctx, `UPDATE handover_offers SET status = $3, decided_at = $4, decided_by_id = $5, decided_by = $6
		WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`, o.From.ID, o.ID, o.Status, nullTS(o.DecidedAt), o.DecidedByID, o.DecidedBy)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.ErrConflict
	}
	return nil
}

// HandoverOffers lists the offers a tenant made or received, newest first.
func (db HandoverStore) HandoverOffers(ctx context.Context, tenantID string) ([]handover.Offer, error) {
	rows, err := db.r.QueryContext(ctx, offerSelect+` WHERE o.tenant_id = $1 OR o.to_tenant = $1 ORDER BY o.offered_at DESC, o.id LIMIT 100`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []handover.Offer
	for rows.Next() {
		o, err := scanOffer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}
