package sqlstore

import (
	"context"
	"time"

	"tuphap/internal/dossier"
)

// OnlineSubmissions returns the tenant's online dossiers submitted in
// [from, to), oldest first, for the acceptance limit of Decree 118/2025/NĐ-CP
// Art. 17(2)(c) (dossier.CountAcceptance). At most limit are read.
func (db *DB) OnlineSubmissions(ctx context.Context, tenantID string, from, to time.Time, limit int) ([]dossier.Dossier, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+dossierCols+` FROM dossiers
		WHERE tenant_id = $1 AND channel = 'online' AND submitted_at >= $2 AND submitted_at < $3 AND ended <> 'transferred'
		ORDER BY submitted_at, id LIMIT $4`, tenantID, ts(from), ts(to), limit)
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
