package sqlstore

import (
	"context"

	"tuphap/internal/portal"
)

func supplementFiles(ctx context.Context, q querier, tenantID, dossierID string) ([]portal.SupplementFile, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, round, sha256, media_type, size, created_at FROM supplement_files
		WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY round, created_at, id`, tenantID, dossierID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []portal.SupplementFile
	for rows.Next() {
		f := portal.SupplementFile{TenantID: tenantID, DossierID: dossierID}
		if err := rows.Scan(&f.ID, &f.Round, &f.SHA256, &f.MediaType, &f.Size, &f.CreatedAt); err != nil {
			return nil, mapErr(err)
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, mapErr(rows.Err())
}

// SupplementFiles lists the files uploaded to supplement a dossier, by round.
func (s PortalStore) SupplementFiles(ctx context.Context, tenantID, dossierID string) ([]portal.SupplementFile, error) {
	return supplementFiles(ctx, s.r, tenantID, dossierID)
}

// SupplementFiles lists them inside a transaction (after the dossier is
// locked, so that the limits are checked against a stable list).
func (tx PortalTx) SupplementFiles(ctx context.Context, tenantID, dossierID string) ([]portal.SupplementFile, error) {
	return supplementFiles(ctx, tx.tx, tenantID, dossierID)
}

// InsertSupplementFile records a supplement file (its blob is stored first).
func (tx PortalTx) InsertSupplementFile(ctx context.Context, f *portal.SupplementFile) error {
	_, err := tx.exec(ctx, `INSERT INTO supplement_files (tenant_id, id, dossier_id, round, sha256, media_type, size, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, f.TenantID, f.ID, f.DossierID, f.Round, f.SHA256, f.MediaType, f.Size, ts(f.CreatedAt))
	return err
}

// DeleteSupplementFile removes a supplement file (its blob stays: other
// files may share it).
func (tx PortalTx) DeleteSupplementFile(ctx context.Context, tenantID, dossierID, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM supplement_files WHERE tenant_id = $1 AND dossier_id = $2 AND id = $3`, tenantID, dossierID, id)
	return err
}
