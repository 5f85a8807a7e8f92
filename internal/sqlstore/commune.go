package sqlstore

import (
	"context"

	"tuphap/internal/org"
)

// InsertCommuneLink attaches a commune's tenant to its department.
func (tx OrgTx) InsertCommuneLink(ctx context.Context, l org.CommuneLink) error {
	_, err := tx.exec(ctx, `INSERT INTO commune_tenants (tenant_id, department_id, commune_code, created_at) VALUES ($1, $2, $3, $4)`,
		l.TenantID, l.DepartmentID, l.CommuneCode, tx.now)
	return err
}

// CommuneLink returns the link of a commune's tenant, ErrNotFound when the
// tenant is not a commune.
func (db OrgStore) CommuneLink(ctx context.Context, tenantID string) (org.CommuneLink, error) {
	l := org.CommuneLink{TenantID: tenantID}
	err := db.r.QueryRowContext(ctx, `SELECT department_id, commune_code FROM commune_tenants WHERE tenant_id = $1`, tenantID).
		Scan(&l.DepartmentID, &l.CommuneCode)
	return l, mapErr(err)
}

// CommuneLinks lists the communes attached to a department, by code.
func (db OrgStore) CommuneLinks(ctx context.Context, departmentID string) ([]org.CommuneLink, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT tenant_id, commune_code FROM commune_tenants WHERE department_id = $1 ORDER BY commune_code`, departmentID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []org.CommuneLink
	for rows.Next() {
		l := org.CommuneLink{DepartmentID: departmentID}
		if err := rows.Scan(&l.TenantID, &l.CommuneCode); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, l)
	}
	return out, mapErr(rows.Err())
}
