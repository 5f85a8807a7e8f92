package sqlstore

import (
	"context"

	"tuphap/internal/audit"
)

// AnnualStore keeps the annual report's narrative: the director's
// paragraphs by part, for a year (half 0) or its first six months (half 1).
type AnnualStore struct{ *DB }

// Annual returns the annual report's store.
func (db *DB) Annual() AnnualStore { return AnnualStore{db} }

// AnnualTexts reads the paragraphs of a report.
func (s AnnualStore) AnnualTexts(ctx context.Context, tenantID string, year, half int) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT part, body FROM annual_texts WHERE tenant_id = $1 AND year = $2 AND half = $3`, tenantID, year, half)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, mapErr(err)
		}
		out[k] = v
	}
	return out, mapErr(rows.Err())
}

// SaveAnnualTexts replaces the given parts' paragraphs in one audited
// transaction (an empty text is kept empty: the report shows the blank).
func (s AnnualStore) SaveAnnualTexts(ctx context.Context, tenantID string, year, half int, texts map[string]string, e audit.Entry) error {
	return s.Transact(ctx, func(tx *Tx) error {
		for k, v := range texts {
			if _, err := tx.exec(ctx, `INSERT INTO annual_texts (tenant_id, year, half, part, body, updated_by, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)
				ON CONFLICT (tenant_id, year, half, part) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
				tenantID, year, half, k, v, e.Actor, tx.now); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, e)
	})
}
