package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"tuphap/internal/apperr"
	"tuphap/internal/catalog"
)

// CatalogStore implements catalog.Store on tenant_procedures (migrations
// 00004 and 00005): legacy rows from imports, the tenant's overrides of
// built-in procedures and its local procedures, each with the whole
// procedure as JSON.
type CatalogStore struct{ *DB }

// CatalogTx is the tenant catalogue's write transaction.
type CatalogTx struct{ *Tx }

var (
	_ catalog.Store = CatalogStore{}
	_ catalog.Tx    = CatalogTx{}
)

// Catalog returns the tenant catalogue's store.
func (db *DB) Catalog() CatalogStore { return CatalogStore{db} }

// Transact runs fn in a write transaction.
func (s CatalogStore) Transact(ctx context.Context, fn func(catalog.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(CatalogTx{tx}) })
}

// TenantProcedures returns the tenant's stored catalogue rows by ID.
func (s CatalogStore) TenantProcedures(ctx context.Context, tenantID string) ([]catalog.Stored, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, kind, enabled, version, code, name, field_name, data_json
		FROM tenant_procedures WHERE tenant_id = $1 ORDER BY id`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []catalog.Stored
	for rows.Next() {
		var st catalog.Stored
		var kind, js string
		if err := rows.Scan(&st.ID, &kind, &st.Enabled, &st.Version, &st.Code, &st.Name, &st.FieldName, &js); err != nil {
			return nil, mapErr(err)
		}
		st.Kind = catalog.Kind(kind)
		if js != "" {
			if err := json.Unmarshal([]byte(js), &st.Procedure); err != nil {
				return nil, fmt.Errorf("sqlstore: procedure %s of tenant %s: %w", st.ID, tenantID, err)
			}
		}
		out = append(out, st)
	}
	return out, mapErr(rows.Err())
}

// SaveTenantProcedure inserts a row (version 0) or updates it if its version
// is still the one given.
func (tx CatalogTx) SaveTenantProcedure(ctx context.Context, tenantID string, s catalog.Stored, version int) error {
	js, err := json.Marshal(s.Procedure)
	if err != nil {
		return err
	}
	var res sql.Result
	if version == 0 {
		res, err = tx.exec(ctx, `INSERT INTO tenant_procedures (tenant_id, id, code, name, field_name, legacy, data_json, created_at, kind, enabled, version, updated_at)
			VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7, $8, $9, 1, $7)`,
			tenantID, s.ID, s.Code, s.Name, s.FieldName, string(js), ts(tx.now), string(s.Kind), s.Enabled)
	} else {
		res, err = tx.exec(ctx, `UPDATE tenant_procedures SET code = $3, name = $4, field_name = $5, data_json = $6, kind = $7, enabled = $8,
			version = version + 1, updated_at = $9
			WHERE tenant_id = $1 AND id = $2 AND version = $10 AND kind <> 'legacy'`,
			tenantID, s.ID, s.Code, s.Name, s.FieldName, string(js), string(s.Kind), s.Enabled, ts(tx.now), version)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return mapErr(err)
	} else if n == 0 {
		return apperr.New(apperr.Conflict, "Thủ tục vừa được người khác sửa. Vui lòng tải lại trang và sửa lại.")
	}
	return nil
}
