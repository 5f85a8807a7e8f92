package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/judicialrecord"
)

// JRStore implements judicialrecord.Store: the judicial records' store,
// the worked example of a store per domain (docs/architecture.md). Its
// writes are methods of JRTx, never of the shared *Tx.
type JRStore struct{ *DB }

// JRTx is the judicial records' view of a write transaction.
type JRTx struct{ *Tx }

var (
	_ judicialrecord.Store = JRStore{}
	_ judicialrecord.Tx    = JRTx{}
)

// TransactJR runs fn in a write transaction.
func (s JRStore) TransactJR(ctx context.Context, fn func(judicialrecord.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(JRTx{tx}) })
}

// Within is the judicial records' view of a dossier transaction of this
// store, so that a request is written with its dossier.
func (JRStore) Within(tx dossier.Tx) (judicialrecord.Tx, bool) {
	t, ok := txOf(tx)
	if !ok {
		return nil, false
	}
	return JRTx{t}, true
}

// Request returns a dossier's judicial-record request.
func (s JRStore) Request(ctx context.Context, tenantID, dossierID string) (judicialrecord.Stored, error) {
	var r judicialrecord.Stored
	var form int
	err := s.r.QueryRowContext(ctx, `SELECT form, source, by_proxy, extended, fee, copies, sealed, created_at
		FROM jr_requests WHERE tenant_id = $1 AND dossier_id = $2`, tenantID, dossierID).
		Scan(&form, &r.Source, &r.ByProxy, &r.Extended, &r.Fee, &r.Copies, &r.Sealed, &r.CreatedAt)
	r.TenantID, r.DossierID, r.Form, r.CreatedAt = tenantID, dossierID, judicialrecord.Form(form), r.CreatedAt.UTC()
	return r, mapErr(err)
}

// Convictions returns the sealed convictions indexed under any of idx.
func (s JRStore) Convictions(ctx context.Context, tenantID string, idx []string) ([]judicialrecord.SealedConviction, error) {
	return s.sealedBySubject(ctx, "jr_convictions", tenantID, idx)
}

// Bans returns the sealed bankruptcy bans indexed under any of idx.
func (s JRStore) Bans(ctx context.Context, tenantID string, idx []string) ([]judicialrecord.SealedConviction, error) {
	return s.sealedBySubject(ctx, "jr_bans", tenantID, idx)
}

// sealedBySubject reads a subject-indexed register (jr_convictions,
// jr_bans; table is one of these constants, never input).
func (s JRStore) sealedBySubject(ctx context.Context, table, tenantID string, idx []string) ([]judicialrecord.SealedConviction, error) {
	if len(idx) == 0 {
		return nil, nil
	}
	args := []any{tenantID}
	var ph []string
	for _, i := range idx {
		args = append(args, i)
		ph = append(ph, "$"+itoa(len(args)))
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, subject_index, sealed, created_at FROM `+table+`
		WHERE tenant_id = $1 AND subject_index IN (`+strings.Join(ph, ", ")+`) ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []judicialrecord.SealedConviction
	for rows.Next() {
		c := judicialrecord.SealedConviction{TenantID: tenantID}
		if err := rows.Scan(&c.ID, &c.Index, &c.Sealed, &c.CreatedAt); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

func scanChecks(rows *sql.Rows, err error) ([]judicialrecord.CheckRow, error) {
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []judicialrecord.CheckRow
	for rows.Next() {
		var c judicialrecord.CheckRow
		var ans sql.NullTime
		if err := rows.Scan(&c.TenantID, &c.DossierID, &c.Seq, &c.Agency, &c.UnitCode, &c.Ref, &c.SentAt, &c.DueAt, &ans, &c.Result); err != nil {
			return nil, mapErr(err)
		}
		c.SentAt, c.DueAt, c.AnsweredAt = c.SentAt.UTC(), c.DueAt.UTC(), fromNull(ans)
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

const checkCols = `tenant_id, dossier_id, seq, agency, unit_code, ref, sent_at, due_at, answered_at, result`

// Checks lists a dossier's verification requests.
func (s JRStore) Checks(ctx context.Context, tenantID, dossierID string) ([]judicialrecord.CheckRow, error) {
	return scanChecks(s.r.QueryContext(ctx, `SELECT `+checkCols+` FROM jr_checks WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY seq`, tenantID, dossierID))
}

// PendingChecks lists the tenant's unanswered verification requests.
func (s JRStore) PendingChecks(ctx context.Context, tenantID string) ([]judicialrecord.CheckRow, error) {
	return scanChecks(s.r.QueryContext(ctx, `SELECT `+checkCols+` FROM jr_checks WHERE tenant_id = $1 AND answered_at IS NULL ORDER BY sent_at, dossier_id, seq`, tenantID))
}

const certCols = `tenant_id, id, dossier_id, number, form, source, issued_at, signer, sha256, pdf_sealed, revoked`

func scanCert(row interface{ Scan(...any) error }) (judicialrecord.Certificate, error) {
	var c judicialrecord.Certificate
	var form int
	err := row.Scan(&c.TenantID, &c.ID, &c.DossierID, &c.Number, &form, &c.Source, &c.IssuedAt, &c.Signer, &c.SHA256, &c.PDFSealed, &c.Revoked)
	c.Form, c.IssuedAt = judicialrecord.Form(form), c.IssuedAt.UTC()
	return c, mapErr(err)
}

// CertificateByID finds a certificate by its public ID (any tenant: the
// public verification page).
func (s JRStore) CertificateByID(ctx context.Context, id string) (judicialrecord.Certificate, error) {
	return scanCert(s.r.QueryRowContext(ctx, `SELECT `+certCols+` FROM jr_certificates WHERE id = $1`, id))
}

// Certificates lists a dossier's certificates.
func (s JRStore) Certificates(ctx context.Context, tenantID, dossierID string) ([]judicialrecord.Certificate, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+certCols+` FROM jr_certificates WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY issued_at`, tenantID, dossierID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []judicialrecord.Certificate
	for rows.Next() {
		c, err := scanCert(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// IssuedBetween lists certificates issued in [from, to) with the due and
// finish times of their dossiers.
func (s JRStore) IssuedBetween(ctx context.Context, tenantID string, from, to time.Time) ([]judicialrecord.Issued, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT c.form, c.source, c.issued_at, d.due_at, d.finished_at
		FROM jr_certificates c JOIN dossiers d ON d.tenant_id = c.tenant_id AND d.id = c.dossier_id
		WHERE c.tenant_id = $1 AND c.issued_at >= $2 AND c.issued_at < $3 AND NOT c.revoked ORDER BY c.issued_at`, tenantID, ts(from), ts(to))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []judicialrecord.Issued
	for rows.Next() {
		var i judicialrecord.Issued
		var form int
		var due, fin sql.NullTime
		if err := rows.Scan(&form, &i.Source, &i.IssuedAt, &due, &fin); err != nil {
			return nil, mapErr(err)
		}
		i.Form, i.DueAt, i.FinishedAt = judicialrecord.Form(form), fromNull(due), fromNull(fin)
		out = append(out, i)
	}
	return out, mapErr(rows.Err())
}

// SealedValues lists every sealed value of a tenant.
func (s JRStore) SealedValues(ctx context.Context, tenantID string) ([]judicialrecord.SealedValue, error) {
	var out []judicialrecord.SealedValue
	for _, q := range []struct{ table, sql string }{
		{"request", `SELECT dossier_id, sealed FROM jr_requests WHERE tenant_id = $1 AND sealed <> ''`},
		{"conviction", `SELECT id, sealed, subject_index FROM jr_convictions WHERE tenant_id = $1`},
		{"ban", `SELECT id, sealed, subject_index FROM jr_bans WHERE tenant_id = $1`},
		{"certificate", `SELECT id, pdf_sealed FROM jr_certificates WHERE tenant_id = $1`},
	} {
		rows, err := s.r.QueryContext(ctx, q.sql, tenantID)
		if err != nil {
			return nil, mapErr(err)
		}
		for rows.Next() {
			v := judicialrecord.SealedValue{TenantID: tenantID, Table: q.table}
			dest := []any{&v.Key, &v.Sealed}
			if q.table == "conviction" || q.table == "ban" {
				dest = append(dest, &v.Index)
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return nil, mapErr(err)
			}
			out = append(out, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, mapErr(err)
		}
	}
	return out, nil
}

// InsertRequest stores a request with its dossier.
func (tx JRTx) InsertRequest(ctx context.Context, r judicialrecord.Stored) error {
	_, err := tx.exec(ctx, `INSERT INTO jr_requests (tenant_id, dossier_id, form, source, by_proxy, extended, fee, copies, sealed, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, r.TenantID, r.DossierID, int(r.Form), string(r.Source), r.ByProxy, r.Extended,
		r.Fee, r.Copies, r.Sealed, ts(r.CreatedAt))
	return err
}

// InsertConviction stores a sealed conviction.
func (tx JRTx) InsertConviction(ctx context.Context, c judicialrecord.SealedConviction) error {
	_, err := tx.exec(ctx, `INSERT INTO jr_convictions (tenant_id, id, subject_index, sealed, created_at) VALUES ($1, $2, $3, $4, $5)`,
		c.TenantID, c.ID, c.Index, c.Sealed, ts(c.CreatedAt))
	return err
}

// InsertBan stores a sealed bankruptcy ban.
func (tx *Tx) InsertBan(ctx context.Context, b judicialrecord.SealedConviction) error {
	_, err := tx.exec(ctx, `INSERT INTO jr_bans (tenant_id, id, subject_index, sealed, created_at) VALUES ($1, $2, $3, $4, $5)`,
		b.TenantID, b.ID, b.Index, b.Sealed, ts(b.CreatedAt))
	return err
}

// InsertCheck stores a verification request with the dossier's next number.
func (tx JRTx) InsertCheck(ctx context.Context, c *judicialrecord.CheckRow) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO jr_checks (tenant_id, dossier_id, seq, agency, unit_code, ref, sent_at, due_at)
		SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6, $7 FROM jr_checks WHERE tenant_id = $1 AND dossier_id = $2
		RETURNING seq`, c.TenantID, c.DossierID, c.Agency, c.UnitCode, c.Ref, ts(c.SentAt), ts(c.DueAt)).Scan(&c.Seq)
	return mapErr(err)
}

// AnswerCheck records an agency's answer.
func (tx JRTx) AnswerCheck(ctx context.Context, c judicialrecord.CheckRow) error {
	res, err := tx.exec(ctx, `UPDATE jr_checks SET answered_at = $4, result = $5, ref = $6
		WHERE tenant_id = $1 AND dossier_id = $2 AND seq = $3 AND answered_at IS NULL`,
		c.TenantID, c.DossierID, c.Seq, nullTS(c.AnsweredAt), c.Result, c.Ref)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.Conflict, "Yêu cầu xác minh đã được trả lời hoặc không tồn tại.")
	}
	return nil
}

// InsertCertificate stores an issued certificate.
func (tx JRTx) InsertCertificate(ctx context.Context, c *judicialrecord.Certificate) error {
	_, err := tx.exec(ctx, `INSERT INTO jr_certificates (tenant_id, id, dossier_id, number, form, source, issued_at, issued_day, signer, sha256, pdf_sealed)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, c.TenantID, c.ID, c.DossierID, c.Number, int(c.Form), string(c.Source),
		ts(c.IssuedAt), calendar.DateOf(c.IssuedAt).String(), c.Signer, c.SHA256, c.PDFSealed)
	return err
}

// CountCertificates counts a tenant's certificates issued in a year.
func (tx JRTx) CountCertificates(ctx context.Context, tenantID string, year int) (int, error) {
	var n int
	y := calendar.NewDate(year, 1, 1).String()[:4]
	err := tx.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM jr_certificates WHERE tenant_id = $1 AND issued_day >= $2 AND issued_day < $3`,
		tenantID, y+"-01-01", y+"-12-32").Scan(&n)
	return n, mapErr(err)
}

// UpdateSealed replaces one sealed value (rewrap).
func (tx JRTx) UpdateSealed(ctx context.Context, v judicialrecord.SealedValue) error {
	var q string
	switch v.Table {
	case "request":
		q = `UPDATE jr_requests SET sealed = $3 WHERE tenant_id = $1 AND dossier_id = $2`
	case "conviction":
		_, err := tx.exec(ctx, `UPDATE jr_convictions SET sealed = $3, subject_index = $4 WHERE tenant_id = $1 AND id = $2`, v.TenantID, v.Key, v.Sealed, v.Index)
		return err
	case "ban":
		_, err := tx.exec(ctx, `UPDATE jr_bans SET sealed = $3, subject_index = $4 WHERE tenant_id = $1 AND id = $2`, v.TenantID, v.Key, v.Sealed, v.Index)
		return err
	case "certificate":
		q = `UPDATE jr_certificates SET pdf_sealed = $3 WHERE tenant_id = $1 AND id = $2`
	default:
		return apperr.New(apperr.Invalid, "unknown sealed table "+v.Table)
	}
	_, err := tx.exec(ctx, q, v.TenantID, v.Key, v.Sealed)
	return err
}

// RawTableText returns every row of every table of the schema as text, for
// tests that check no plaintext reaches the database (PostgreSQL only).
func (db *DB) RawTableText(ctx context.Context) (string, error) {
	if db.engine != Postgres {
		return "", apperr.New(apperr.Invalid, "RawTableText is for PostgreSQL")
	}
	rows, err := db.r.QueryContext(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	if err != nil {
		return "", mapErr(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return "", mapErr(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, t := range tables {
		r, err := db.r.QueryContext(ctx, `SELECT row_to_json(x)::text FROM "`+t+`" x`)
		if err != nil {
			return "", mapErr(err)
		}
		for r.Next() {
			var s string
			if err := r.Scan(&s); err != nil {
				r.Close()
				return "", mapErr(err)
			}
			b.WriteString(s)
			b.WriteByte('\n')
		}
		r.Close()
	}
	return b.String(), nil
}
