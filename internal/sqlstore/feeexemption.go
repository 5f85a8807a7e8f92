package sqlstore

import (
	"context"
	"fmt"

	"tuphap/internal/dossier"
)

// FeeExemptionStore keeps the fee exemptions' reporting rows (migration
// 00024): the dossier holds the exemption itself; the row lets the
// reports count exempt dossiers by ground without reading dossiers' JSON.
type FeeExemptionStore struct{ *DB }

// FeeExemptions returns the fee exemptions' store.
func (db *DB) FeeExemptions() FeeExemptionStore { return FeeExemptionStore{db} }

// Keep writes the exemption of d in the dossier's transaction; it is the
// keep argument of dossier.Service.ExemptFee.
func (FeeExemptionStore) Keep(ctx context.Context, tx dossier.Tx, d *dossier.Dossier) error {
	t, ok := txOf(tx)
	if !ok || d.FeeExemption == nil {
		return fmt.Errorf("sqlstore: no exemption to keep")
	}
	e := d.FeeExemption
	_, err := t.exec(ctx, `INSERT INTO fee_exemptions (tenant_id, dossier_id, ground, note, amount, officer, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, d.TenantID, d.ID, e.Ground, e.Basis+noteSep(e.Note), e.Amount, e.By, ts(e.At))
	return err
}

func noteSep(n string) string {
	if n == "" {
		return ""
	}
	return " — " + n
}

// exemptCount counts the dossiers received in the period (the fee-bearing
// ones of indicator 3.6) that were exempted from their fee.
func (db *DB) exemptCount(ctx context.Context, s ReportScope, from, to string) (int64, error) {
	q, qargs := `SELECT EXISTS (SELECT 1 FROM fee_exemptions)`, []any{}
	if s.TenantID != "" {
		q, qargs = `SELECT EXISTS (SELECT 1 FROM fee_exemptions WHERE tenant_id = $1)`, []any{s.TenantID}
	}
	var on bool
	if err := db.r.QueryRowContext(ctx, q, qargs...).Scan(&on); err != nil || !on {
		return 0, mapErr(err)
	}
	cond, args := s.where([]any{from, to})
	var n int64
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers WHERE accepted_day >= $1 AND accepted_day <= $2
		AND accepted_day <> '' AND ended <> 'refused' AND fee > 0
		AND EXISTS (SELECT 1 FROM fee_exemptions x WHERE x.tenant_id = dossiers.tenant_id AND x.dossier_id = dossiers.id)`+cond, args...).Scan(&n)
	return n, mapErr(err)
}
