package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"tuphap/internal/dossier"
	"tuphap/internal/portal"
)

// PortalStore implements portal.Store: citizens' sessions, drafts and
// their files, payments, results.
type PortalStore struct{ *DB }

// PortalTx is the portal's write transaction; it changes dossiers too (a
// payment and the dossier's record of it commit together).
type PortalTx struct{ DossierTx }

var (
	_ portal.Store = PortalStore{}
	_ portal.Tx    = PortalTx{}
)

// Portal returns the citizens' portal's store.
func (db *DB) Portal() PortalStore { return PortalStore{db} }

// Transact runs fn in a write transaction.
func (s PortalStore) Transact(ctx context.Context, fn func(portal.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(PortalTx{DossierTx{tx}}) })
}

// InsertCitizenSession stores a citizen's session under the hash of its secret.
func (tx PortalTx) InsertCitizenSession(ctx context.Context, idHash string, c portal.Citizen) error {
	_, err := tx.exec(ctx, `INSERT INTO citizen_sessions (tenant_id, id_hash, subject, id_number, full_name, birth_date, csrf, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, c.TenantID, idHash, c.Identity.Subject, c.Identity.IDNumber, c.Identity.FullName,
		c.Identity.BirthDate, c.CSRF, ts(c.CreatedAt), ts(c.ExpiresAt))
	return err
}

// DeleteCitizenSession ends a session.
func (tx PortalTx) DeleteCitizenSession(ctx context.Context, tenantID, idHash string) error {
	_, err := tx.exec(ctx, `DELETE FROM citizen_sessions WHERE tenant_id = $1 AND id_hash = $2`, tenantID, idHash)
	return err
}

// CitizenSession finds a live citizen session.
func (s PortalStore) CitizenSession(ctx context.Context, tenantID, idHash string, now time.Time) (portal.Citizen, error) {
	c := portal.Citizen{TenantID: tenantID}
	err := s.r.QueryRowContext(ctx, `SELECT subject, id_number, full_name, birth_date, csrf, created_at, expires_at
		FROM citizen_sessions WHERE tenant_id = $1 AND id_hash = $2 AND expires_at > $3`, tenantID, idHash, ts(now)).
		Scan(&c.Identity.Subject, &c.Identity.IDNumber, &c.Identity.FullName, &c.Identity.BirthDate, &c.CSRF, &c.CreatedAt, &c.ExpiresAt)
	return c, mapErr(err)
}

// DeleteExpiredCitizenSessions removes sessions past their expiry.
func (db PortalStore) DeleteExpiredCitizenSessions(ctx context.Context) (int64, error) {
	res, err := db.w.ExecContext(ctx, `DELETE FROM citizen_sessions WHERE expires_at <= $1`, ts(db.Now()))
	if err != nil {
		return 0, mapErr(err)
	}
	return res.RowsAffected()
}

// draftData is the part of a draft kept as JSON.
type draftData struct {
	Phone    string `json:"phone"`
	Email    string `json:"email"`
	Address  string `json:"address"`
	Delivery string `json:"delivery"`
}

const draftCols = `id, owner_id, procedure_id, status, dossier_id, data_json, created_at, updated_at`

func scanDraft(row interface{ Scan(...any) error }, tenantID string) (portal.Draft, error) {
	d := portal.Draft{TenantID: tenantID}
	var js string
	if err := row.Scan(&d.ID, &d.OwnerID, &d.ProcedureID, &d.Status, &d.DossierID, &js, &d.CreatedAt, &d.UpdatedAt); err != nil {
		return d, mapErr(err)
	}
	var dd draftData
	if err := json.Unmarshal([]byte(js), &dd); err != nil {
		return d, err
	}
	d.Phone, d.Email, d.Address, d.Delivery = dd.Phone, dd.Email, dd.Address, dd.Delivery
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return d, nil
}

func draftJSON(d *portal.Draft) string {
	b, _ := json.Marshal(draftData{Phone: d.Phone, Email: d.Email, Address: d.Address, Delivery: d.Delivery})
	return string(b)
}

func files(ctx context.Context, q querier, tenantID, draftID string) ([]portal.File, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, doc_index, sha256, media_type, size, created_at FROM portal_files
		WHERE tenant_id = $1 AND draft_id = $2 ORDER BY doc_index, created_at, id`, tenantID, draftID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []portal.File
	for rows.Next() {
		f := portal.File{TenantID: tenantID, DraftID: draftID}
		if err := rows.Scan(&f.ID, &f.DocIndex, &f.SHA256, &f.MediaType, &f.Size, &f.CreatedAt); err != nil {
			return nil, mapErr(err)
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, mapErr(rows.Err())
}

func draftWith(ctx context.Context, q querier, tenantID, where string, arg any, lock string) (portal.Draft, error) {
	d, err := scanDraft(q.QueryRowContext(ctx, `SELECT `+draftCols+` FROM portal_drafts WHERE tenant_id = $1 AND `+where+` = $2`+lock, tenantID, arg), tenantID)
	if err != nil {
		return d, err
	}
	d.Files, err = files(ctx, q, tenantID, d.ID)
	return d, err
}

// Draft returns a draft with its files.
func (s PortalStore) Draft(ctx context.Context, tenantID, id string) (portal.Draft, error) {
	return draftWith(ctx, s.r, tenantID, "id", id, "")
}

// DraftOfDossier returns the draft a dossier was filed from.
func (s PortalStore) DraftOfDossier(ctx context.Context, tenantID, dossierID string) (portal.Draft, error) {
	return draftWith(ctx, s.r, tenantID, "dossier_id", dossierID, "")
}

// Drafts lists a citizen's open drafts, newest first.
func (s PortalStore) Drafts(ctx context.Context, tenantID, ownerID string) ([]portal.Draft, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+draftCols+` FROM portal_drafts WHERE tenant_id = $1 AND owner_id = $2 AND status = $3
		ORDER BY updated_at DESC LIMIT 50`, tenantID, ownerID, string(portal.DraftOpen))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []portal.Draft
	for rows.Next() {
		d, err := scanDraft(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	rows.Close()
	for i := range out {
		if out[i].Files, err = files(ctx, s.r, tenantID, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LockDraft reads a draft for update.
func (tx PortalTx) LockDraft(ctx context.Context, tenantID, id string) (portal.Draft, error) {
	lock := ""
	if tx.db.engine == Postgres {
		lock = " FOR UPDATE"
	}
	return draftWith(ctx, tx.tx, tenantID, "id", id, lock)
}

// InsertDraft stores a new draft.
func (tx PortalTx) InsertDraft(ctx context.Context, d *portal.Draft) error {
	_, err := tx.exec(ctx, `INSERT INTO portal_drafts (tenant_id, `+draftCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		d.TenantID, d.ID, d.OwnerID, d.ProcedureID, string(d.Status), d.DossierID, draftJSON(d), ts(d.CreatedAt), ts(d.UpdatedAt))
	return err
}

// UpdateDraft writes a draft's fields (not its files).
func (tx PortalTx) UpdateDraft(ctx context.Context, d *portal.Draft) error {
	_, err := tx.exec(ctx, `UPDATE portal_drafts SET status = $3, dossier_id = $4, data_json = $5, updated_at = $6
		WHERE tenant_id = $1 AND id = $2`, d.TenantID, d.ID, string(d.Status), d.DossierID, draftJSON(d), ts(d.UpdatedAt))
	return err
}

// PutBlob stores bytes under their SHA-256 once; storing the same content
// again is a no-op.
func (tx PortalTx) PutBlob(ctx context.Context, tenantID, sum, mediaType string, data []byte) error {
	_, err := tx.exec(ctx, `INSERT INTO blobs (tenant_id, sha256, media_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (tenant_id, sha256) DO NOTHING`, tenantID, sum, mediaType, int64(len(data)), data, ts(tx.now))
	return err
}

// Blob returns the bytes stored under a SHA-256.
func (s PortalStore) Blob(ctx context.Context, tenantID, sum string) ([]byte, error) {
	var b []byte
	err := s.r.QueryRowContext(ctx, `SELECT content FROM blobs WHERE tenant_id = $1 AND sha256 = $2`, tenantID, sum).Scan(&b)
	return b, mapErr(err)
}

// InsertFile attaches an uploaded file to a draft.
func (tx PortalTx) InsertFile(ctx context.Context, f *portal.File) error {
	_, err := tx.exec(ctx, `INSERT INTO portal_files (tenant_id, id, draft_id, doc_index, sha256, media_type, size, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, f.TenantID, f.ID, f.DraftID, f.DocIndex, f.SHA256, f.MediaType, f.Size, ts(f.CreatedAt))
	return err
}

// DeleteFile removes a file from a draft (the blob stays: other files may
// share it).
func (tx PortalTx) DeleteFile(ctx context.Context, tenantID, draftID, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM portal_files WHERE tenant_id = $1 AND draft_id = $2 AND id = $3`, tenantID, draftID, id)
	return err
}

const paymentCols = `id, dossier_id, owner_id, amount, status, gateway_ref, created_at, paid_at`

func scanPayment(row interface{ Scan(...any) error }, tenantID string) (portal.Payment, error) {
	p := portal.Payment{TenantID: tenantID}
	var paid sql.NullTime
	if err := row.Scan(&p.ID, &p.DossierID, &p.OwnerID, &p.Amount, &p.Status, &p.GatewayRef, &p.CreatedAt, &paid); err != nil {
		return p, mapErr(err)
	}
	p.CreatedAt, p.PaidAt = p.CreatedAt.UTC(), fromNull(paid)
	return p, nil
}

// InsertPayment stores a new payment.
func (tx PortalTx) InsertPayment(ctx context.Context, p *portal.Payment) error {
	_, err := tx.exec(ctx, `INSERT INTO payments (tenant_id, `+paymentCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		p.TenantID, p.ID, p.DossierID, p.OwnerID, p.Amount, string(p.Status), p.GatewayRef, ts(p.CreatedAt), nullTS(p.PaidAt))
	return err
}

// LockPayment reads a payment for update.
func (tx PortalTx) LockPayment(ctx context.Context, tenantID, id string) (portal.Payment, error) {
	q := `SELECT ` + paymentCols + ` FROM payments WHERE tenant_id = $1 AND id = $2`
	if tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	return scanPayment(tx.tx.QueryRowContext(ctx, q, tenantID, id), tenantID)
}

// UpdatePayment writes a payment's status.
func (tx PortalTx) UpdatePayment(ctx context.Context, p *portal.Payment) error {
	_, err := tx.exec(ctx, `UPDATE payments SET status = $3, gateway_ref = $4, paid_at = $5 WHERE tenant_id = $1 AND id = $2`,
		p.TenantID, p.ID, string(p.Status), p.GatewayRef, nullTS(p.PaidAt))
	return err
}

// Payment returns one payment.
func (s PortalStore) Payment(ctx context.Context, tenantID, id string) (portal.Payment, error) {
	return scanPayment(s.r.QueryRowContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE tenant_id = $1 AND id = $2`, tenantID, id), tenantID)
}

// Payments lists a dossier's payments, newest first.
func (s PortalStore) Payments(ctx context.Context, tenantID, dossierID string) ([]portal.Payment, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY created_at DESC, id`, tenantID, dossierID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []portal.Payment
	for rows.Next() {
		p, err := scanPayment(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

const resultCols = `id, dossier_id, title, issuer, sha256, media_type, size, issued_at`

func scanResult(row interface{ Scan(...any) error }, tenantID string) (portal.Result, error) {
	r := portal.Result{TenantID: tenantID}
	err := row.Scan(&r.ID, &r.DossierID, &r.Title, &r.Issuer, &r.SHA256, &r.MediaType, &r.Size, &r.IssuedAt)
	r.IssuedAt = r.IssuedAt.UTC()
	return r, mapErr(err)
}

// InsertResult stores a result issued electronically.
func (tx PortalTx) InsertResult(ctx context.Context, r *portal.Result) error {
	_, err := tx.exec(ctx, `INSERT INTO results (tenant_id, `+resultCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		r.TenantID, r.ID, r.DossierID, r.Title, r.Issuer, r.SHA256, r.MediaType, r.Size, ts(r.IssuedAt))
	return err
}

// Result returns one result by ID.
func (s PortalStore) Result(ctx context.Context, tenantID, id string) (portal.Result, error) {
	return scanResult(s.r.QueryRowContext(ctx, `SELECT `+resultCols+` FROM results WHERE tenant_id = $1 AND id = $2`, tenantID, id), tenantID)
}

// Results lists a dossier's results.
func (s PortalStore) Results(ctx context.Context, tenantID, dossierID string) ([]portal.Result, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+resultCols+` FROM results WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY issued_at, id`, tenantID, dossierID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []portal.Result
	for rows.Next() {
		r, err := scanResult(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// DossiersOf lists the dossiers of an applicant (by personal ID number),
// newest first.
func (db DossierStore) DossiersOf(ctx context.Context, tenantID, idNumber string, limit int) ([]dossier.Dossier, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+dossierCols+` FROM dossiers WHERE tenant_id = $1 AND applicant_id = $2
		ORDER BY submitted_at DESC, id DESC LIMIT $3`, tenantID, idNumber, limit)
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
