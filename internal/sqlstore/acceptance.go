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
	return db.dossiersWhere(ctx, tenantID, `channel = 'online' AND submitted_at >= $2 AND submitted_at < $3 ORDER BY submitted_at, id LIMIT $4`,
		ts(from), ts(to), limit)
}

// RegisterDossiers returns the tenant's dossiers accepted on the days
// [from, to] ('YYYY-MM-DD'), in order of acceptance, for the dossier
// register (Mẫu 07). At most limit are read.
func (db *DB) RegisterDossiers(ctx context.Context, tenantID, from, to string, limit int) ([]dossier.Dossier, error) {
	return db.dossiersWhere(ctx, tenantID, `accepted_day >= $2 AND accepted_day <= $3 ORDER BY accepted_at, id LIMIT $4`, from, to, limit)
}

func (db *DB) dossiersWhere(ctx context.Context, tenantID, cond string, args ...any) ([]dossier.Dossier, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+dossierCols+` FROM dossiers WHERE tenant_id = $1 AND ended <> 'transferred' AND `+cond,
		append([]any{tenantID}, args...)...)
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
