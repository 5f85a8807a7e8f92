package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/external/vnpost"
	"tuphap/internal/postal"
)

// PostStore keeps the consignments that carry dossiers' results by post
// (migration 00029, package external/vnpost).
type PostStore struct{ *DB }

// PostTx writes a consignment in a dossier's transaction.
type PostTx struct{ tx *Tx }

var (
	_ vnpost.Store   = PostStore{}
	_ vnpost.Updates = PostStore{}
	_ vnpost.Tx      = PostTx{}
)

// Post returns the consignments' store.
func (db *DB) Post() PostStore { return PostStore{db} }

const consignmentCols = `tenant_id, dossier_id, carrier, tracking_code, status, recipient, phone, address, cod, officer,
	note, created_at, updated_at, delivered_at`

func scanConsignment(row interface{ Scan(...any) error }) (postal.Consignment, error) {
	var c postal.Consignment
	var st string
	var delivered sql.NullTime
	err := row.Scan(&c.TenantID, &c.DossierID, &c.Carrier, &c.TrackingCode, &st, &c.Recipient, &c.Phone, &c.Address, &c.COD,
		&c.Officer, &c.Note, &c.CreatedAt, &c.UpdatedAt, &delivered)
	c.Status, c.CreatedAt, c.UpdatedAt, c.DeliveredAt = postal.Status(st), c.CreatedAt.UTC(), c.UpdatedAt.UTC(), fromNull(delivered)
	return c, err
}

// Consignment returns a dossier's consignment, or apperr.ErrNotFound.
func (s PostStore) Consignment(ctx context.Context, tenantID, dossierID string) (postal.Consignment, error) {
	c, err := scanConsignment(s.r.QueryRowContext(ctx, `SELECT `+consignmentCols+` FROM postal_consignments
		WHERE tenant_id = $1 AND dossier_id = $2`, tenantID, dossierID))
	return c, mapErr(err)
}

// Within is the consignment writer of a dossier transaction.
func (PostStore) Within(tx dossier.Tx) (vnpost.Tx, bool) {
	t, ok := txOf(tx)
	if !ok {
		return nil, false
	}
	return PostTx{t}, true
}

// LockConsignment returns the dossier's consignment, nil when there is none.
// The dossier's row is locked by the caller, which serialises orders.
func (t PostTx) LockConsignment(ctx context.Context, tenantID, dossierID string) (*postal.Consignment, error) {
	c, err := scanConsignment(t.tx.queryRow(ctx, `SELECT `+consignmentCols+` FROM postal_consignments
		WHERE tenant_id = $1 AND dossier_id = $2`, tenantID, dossierID))
	if err = mapErr(err); errors.Is(err, apperr.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// PutConsignment inserts a consignment, or replaces the dossier's failed one.
func (t PostTx) PutConsignment(ctx context.Context, c postal.Consignment) error {
	res, err := t.tx.exec(ctx, `INSERT INTO postal_consignments (tenant_id, dossier_id, carrier, tracking_code, status, recipient, phone,
			address, cod, officer, note, created_at, updated_at)
		VALUES ($1, $2, $3, '', $4, $5, $6, $7, $8, $9, '', $10, $10)
		ON CONFLICT (tenant_id, dossier_id) DO UPDATE SET carrier = excluded.carrier, tracking_code = '', status = excluded.status,
			recipient = excluded.recipient, phone = excluded.phone, address = excluded.address, cod = excluded.cod,
			officer = excluded.officer, note = '', created_at = excluded.created_at, updated_at = excluded.updated_at,
			delivered_at = NULL
		WHERE postal_consignments.status = 'failed'`,
		c.TenantID, c.DossierID, c.Carrier, string(c.Status), c.Recipient, c.Phone, c.Address, c.COD, c.Officer, ts(c.CreatedAt))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return apperr.New(apperr.Conflict, "Hồ sơ đã có bưu gửi.")
	}
	return nil
}

// Created records the tracking code of a requested consignment (the
// worker's retried order finds it already set and changes nothing).
func (s PostStore) Created(ctx context.Context, tenantID, dossierID string, r vnpost.Receipt) error {
	_, err := s.w.ExecContext(ctx, `UPDATE postal_consignments SET tracking_code = $3, status = $4, updated_at = $5
		WHERE tenant_id = $1 AND dossier_id = $2 AND status = 'requested'`,
		tenantID, dossierID, r.TrackingCode, string(r.Status), ts(s.Now()))
	return mapErr(err)
}

// Refused records the carrier's refusal of a requested consignment.
func (s PostStore) Refused(ctx context.Context, tenantID, dossierID, reason string) error {
	_, err := s.w.ExecContext(ctx, `UPDATE postal_consignments SET status = 'failed', note = $3, updated_at = $4
		WHERE tenant_id = $1 AND dossier_id = $2 AND status = 'requested'`, tenantID, dossierID, reason, ts(s.Now()))
	return mapErr(err)
}

// OpenConsignments lists consignments on their way (a tracking code, a
// status not final), least recently updated first, across tenants.
func (s PostStore) OpenConsignments(ctx context.Context, limit int) ([]vnpost.Open, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	rows, err := s.r.QueryContext(ctx, `SELECT tenant_id, dossier_id, tracking_code, status FROM postal_consignments
		WHERE status IN ('accepted', 'in_transit', 'delivering') ORDER BY status, updated_at LIMIT $1`, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []vnpost.Open
	for rows.Next() {
		var o vnpost.Open
		var st string
		if err := rows.Scan(&o.TenantID, &o.DossierID, &o.TrackingCode, &st); err != nil {
			return nil, mapErr(err)
		}
		o.Status = postal.Status(st)
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// Track records a status the carrier reported, only forward: the update
// names the statuses it may replace (postal.Status.Advances).
func (s PostStore) Track(ctx context.Context, tenantID, dossierID string, t vnpost.Tracking) (bool, error) {
	var from []any
	for _, st := range []postal.Status{postal.Requested, postal.Accepted, postal.InTransit, postal.Delivering} {
		if st.Advances(t.Status) {
			from = append(from, string(st))
		}
	}
	if len(from) == 0 {
		return false, nil
	}
	for len(from) < 4 {
		from = append(from, from[0])
	}
	var delivered any
	if t.Status == postal.Delivered {
		delivered = ts(t.At)
	}
	args := append([]any{tenantID, dossierID, string(t.Status), ts(s.Now()), delivered, t.Note}, from...)
	res, err := s.w.ExecContext(ctx, `UPDATE postal_consignments SET status = $3, updated_at = $4,
			delivered_at = COALESCE($5, delivered_at), note = $6
		WHERE tenant_id = $1 AND dossier_id = $2 AND tracking_code <> '' AND status IN ($7, $8, $9, $10)`, args...)
	if err != nil {
		return false, mapErr(err)
	}
	n, err := res.RowsAffected()
	return n > 0, mapErr(err)
}
