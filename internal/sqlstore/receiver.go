package sqlstore

import (
	"context"
	"encoding/json"

	"tuphap/internal/audit"
	"tuphap/internal/org"
)

// Receivers returns the versions of who receives the tenant's dossiers,
// oldest first (org.Receiver).
func (db OrgStore) Receivers(ctx context.Context, tenantID string) ([]org.Receiver, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT data_json FROM reception_settings WHERE tenant_id = $1 ORDER BY effective_from`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []org.Receiver
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, mapErr(err)
		}
		var r org.Receiver
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// SaveReceiver validates and stores a version (replacing one with the same
// effective date) with its audit entry, in one transaction.
func (db OrgStore) SaveReceiver(ctx context.Context, by audit.Actor, tenantID string, r org.Receiver) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	js, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return db.DB.Transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO reception_settings (tenant_id, effective_from, data_json, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (tenant_id, effective_from) DO UPDATE SET data_json = excluded.data_json,
				created_at = excluded.created_at, created_by = excluded.created_by`,
			tenantID, r.EffectiveFrom.String(), string(js), ts(tx.now), by.Name)
		if err != nil {
			return mapErr(err)
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: by.ID, Actor: by.Name, IP: by.IP, Action: "reception.save",
			Object: "reception:" + r.EffectiveFrom.String(), Detail: r.Organisation + "; " + r.CompetentAgency})
	})
}
