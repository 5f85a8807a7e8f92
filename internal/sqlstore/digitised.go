package sqlstore

import (
	"context"

	"github.com/google/uuid"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/digitise"
)

// DigitisedStore implements digitise.Store on digitised_copies
// (migration 00024).
type DigitisedStore struct{ *DB }

var _ digitise.Store = DigitisedStore{}

// Digitised returns the digitised copies' store.
func (db *DB) Digitised() DigitisedStore { return DigitisedStore{db} }

const copyCols = `id, dossier_id, owner_id, kind, component, doc_code, sha256, media_type, size, valid_until, officer, reused_from, created_at`

func scanCopy(tenantID string, row interface{ Scan(...any) error }) (digitise.Copy, error) {
	c := digitise.Copy{TenantID: tenantID}
	var kind, valid string
	if err := row.Scan(&c.ID, &c.DossierID, &c.OwnerID, &kind, &c.Component, &c.DocCode, &c.SHA256, &c.MediaType, &c.Size,
		&valid, &c.Officer, &c.ReusedFrom, &c.CreatedAt); err != nil {
		return c, mapErr(err)
	}
	c.Kind, c.CreatedAt = digitise.Kind(kind), c.CreatedAt.UTC()
	if valid != "" {
		d, err := calendar.ParseDate(valid)
		if err != nil {
			return c, err
		}
		c.ValidUntil = d
	}
	return c, nil
}

// InsertCopy numbers and stores a copy with its audit entry.
func (s DigitisedStore) InsertCopy(ctx context.Context, c digitise.Copy, ref string, data []byte, by audit.Actor) (digitise.Copy, error) {
	err := s.DB.Transact(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM digitised_copies WHERE tenant_id = $1 AND dossier_id = $2 AND kind = $3`,
			c.TenantID, c.DossierID, string(c.Kind)).Scan(&n); err != nil {
			return mapErr(err)
		}
		c.ID, c.DocCode = uuid.Must(uuid.NewV7()).String(), digitise.DocCode(ref, c.Kind, n+1)
		if c.CreatedAt.IsZero() {
			c.CreatedAt = tx.Now()
		}
		valid := ""
		if !c.ValidUntil.IsZero() {
			valid = c.ValidUntil.String()
		}
		var content any
		if data != nil {
			content = data
		}
		if _, err := tx.exec(ctx, `INSERT INTO digitised_copies (tenant_id, id, dossier_id, owner_id, kind, component, doc_code, sha256,
			media_type, size, content, valid_until, officer, reused_from, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			c.TenantID, c.ID, c.DossierID, c.OwnerID, string(c.Kind), c.Component, c.DocCode, c.SHA256, c.MediaType, c.Size, content,
			valid, c.Officer, c.ReusedFrom, ts(c.CreatedAt)); err != nil {
			return err
		}
		action, detail := "digitise.copy", c.DocCode+"; "+c.Component+"; SHA-256 "+c.SHA256
		if c.ReusedFrom != "" {
			action, detail = "digitise.reuse", c.DocCode+"; "+c.Component+"; dùng lại bản số hóa "+c.ReusedFrom
		}
		return tx.Audit(ctx, by.Entry(c.TenantID, action, "dossier:"+ref, detail))
	})
	return c, err
}

// OwnerCopies returns an applicant's copies, newest first.
func (s DigitisedStore) OwnerCopies(ctx context.Context, tenantID, ownerID string) ([]digitise.Copy, error) {
	return s.list(ctx, tenantID, `SELECT `+copyCols+` FROM digitised_copies WHERE tenant_id = $1 AND owner_id = $2
		ORDER BY created_at DESC LIMIT 500`, tenantID, ownerID)
}

// DossierCopies returns a dossier's copies in order.
func (s DigitisedStore) DossierCopies(ctx context.Context, tenantID, dossierID string) ([]digitise.Copy, error) {
	return s.list(ctx, tenantID, `SELECT `+copyCols+` FROM digitised_copies WHERE tenant_id = $1 AND dossier_id = $2
		ORDER BY kind, created_at`, tenantID, dossierID)
}

func (s DigitisedStore) list(ctx context.Context, tenantID, q string, args ...any) ([]digitise.Copy, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []digitise.Copy
	for rows.Next() {
		c, err := scanCopy(tenantID, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// digitisedCounts counts, for Decision 766 group 4, the dossiers resolved
// with a result in the period and, of them, those with an electronic
// result (4.1), with digitised components and result (4.2), with a reused
// component (4.3); on is false when the tenant has never digitised.
func (db *DB) digitisedCounts(ctx context.Context, s ReportScope, from, to string) (den, result, both, reused int64, on bool, err error) {
	q, qargs := `SELECT EXISTS (SELECT 1 FROM digitised_copies)`, []any{}
	if s.TenantID != "" {
		q, qargs = `SELECT EXISTS (SELECT 1 FROM digitised_copies WHERE tenant_id = $1)`, []any{s.TenantID}
	}
	if err = db.r.QueryRowContext(ctx, q, qargs...).Scan(&on); err != nil || !on {
		return 0, 0, 0, 0, false, mapErr(err)
	}
	cond, args := s.where([]any{from, to})
	has := func(extra string) string {
		return `EXISTS (SELECT 1 FROM digitised_copies c WHERE c.tenant_id = dossiers.tenant_id AND c.dossier_id = dossiers.id` + extra + `)`
	}
	err = db.r.QueryRowContext(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN `+has(` AND c.kind = 'result'`)+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN `+has(` AND c.kind = 'result'`)+` AND `+has(` AND c.kind = 'component'`)+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN `+has(` AND c.reused_from <> ''`)+` THEN 1 ELSE 0 END), 0)
		FROM dossiers WHERE finished_day >= $1 AND finished_day <= $2 AND finished_day <> '' AND ended = 'result'`+cond, args...).
		Scan(&den, &result, &both, &reused)
	if err != nil {
		return 0, 0, 0, 0, false, mapErr(err)
	}
	return den, result, both, reused, true, nil
}
