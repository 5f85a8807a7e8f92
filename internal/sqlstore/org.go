package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"

	"tuphap/internal/apperr"
	"tuphap/internal/org"
)

// OrgStore implements org.Store: tenants, units, officers, the communes'
// links and the reception settings.
type OrgStore struct{ *DB }

// OrgTx is the organisation's write transaction.
type OrgTx struct{ *Tx }

var (
	_ org.Store = OrgStore{}
	_ org.Tx    = OrgTx{}
)

// Org returns the organisation's store.
func (db *DB) Org() OrgStore { return OrgStore{db} }

// Transact runs fn in a write transaction.
func (s OrgStore) Transact(ctx context.Context, fn func(org.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(OrgTx{tx}) })
}

// EndCredentials ends the officer's sessions and tokens (AuthTx's), when
// the organisation disables an officer.
func (tx OrgTx) EndCredentials(ctx context.Context, tenantID, officerID, keepSession string) error {
	return AuthTx(tx).EndCredentials(ctx, tenantID, officerID, keepSession)
}

const tenantCols = `id, code, name, agency_id, province_code, hours_json, created_at, kind`

func scanTenant(row interface{ Scan(...any) error }) (org.Tenant, error) {
	var t org.Tenant
	var hours string
	if err := row.Scan(&t.ID, &t.Code, &t.Name, &t.AgencyID, &t.ProvinceCode, &hours, &t.CreatedAt, &t.Kind); err != nil {
		return t, mapErr(err)
	}
	t.CreatedAt = t.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(hours), &t.Hours); err != nil {
		return t, err
	}
	return t, nil
}

// Tenants lists every tenant by code.
func (db OrgStore) Tenants(ctx context.Context) ([]org.Tenant, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+tenantCols+` FROM tenants ORDER BY code`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []org.Tenant
	for rows.Next() {
		t, err := scanTenant(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

// Tenant returns a tenant by ID.
func (db OrgStore) Tenant(ctx context.Context, id string) (org.Tenant, error) {
	return scanTenant(db.r.QueryRowContext(ctx, `SELECT `+tenantCols+` FROM tenants WHERE id = $1`, id))
}

// TenantByCode returns a tenant by its code.
func (db OrgStore) TenantByCode(ctx context.Context, code string) (org.Tenant, error) {
	return scanTenant(db.r.QueryRowContext(ctx, `SELECT `+tenantCols+` FROM tenants WHERE code = $1`, code))
}

// InsertTenant stores a new tenant and starts its audit chain.
func (tx OrgTx) InsertTenant(ctx context.Context, t org.Tenant) error {
	hours, err := json.Marshal(t.Hours)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO tenants (`+tenantCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		t.ID, t.Code, t.Name, t.AgencyID, t.ProvinceCode, string(hours), ts(t.CreatedAt), t.Kind); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, '')`, t.ID)
	return err
}

const unitCols = `tenant_id, id, code, name, kind, email, phone, active, created_at`

func scanUnit(row interface{ Scan(...any) error }) (org.Unit, error) {
	var u org.Unit
	err := row.Scan(&u.TenantID, &u.ID, &u.Code, &u.Name, &u.Kind, &u.Email, &u.Phone, &u.Active, &u.CreatedAt)
	u.CreatedAt = u.CreatedAt.UTC()
	return u, mapErr(err)
}

// Units lists a tenant's units and coordinating agencies by kind and code.
func (db OrgStore) Units(ctx context.Context, tenantID string) ([]org.Unit, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+unitCols+` FROM units WHERE tenant_id = $1 ORDER BY kind = 'agency', code`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []org.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, mapErr(rows.Err())
}

// Unit returns one unit of a tenant.
func (db OrgStore) Unit(ctx context.Context, tenantID, id string) (org.Unit, error) {
	return scanUnit(db.r.QueryRowContext(ctx, `SELECT `+unitCols+` FROM units WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// UnitByCode returns one unit of a tenant by code.
func (db OrgStore) UnitByCode(ctx context.Context, tenantID, code string) (org.Unit, error) {
	return scanUnit(db.r.QueryRowContext(ctx, `SELECT `+unitCols+` FROM units WHERE tenant_id = $1 AND code = $2`, tenantID, code))
}

// InsertUnit stores a new unit.
func (tx OrgTx) InsertUnit(ctx context.Context, u org.Unit) error {
	_, err := tx.exec(ctx, `INSERT INTO units (`+unitCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		u.TenantID, u.ID, u.Code, u.Name, u.Kind, u.Email, u.Phone, u.Active, ts(u.CreatedAt))
	return err
}

// UpdateUnit changes a unit's editable fields.
func (tx OrgTx) UpdateUnit(ctx context.Context, u org.Unit) error {
	res, err := tx.exec(ctx, `UPDATE units SET code = $3, name = $4, kind = $5, email = $6, phone = $7, active = $8
		WHERE tenant_id = $1 AND id = $2`, u.TenantID, u.ID, u.Code, u.Name, u.Kind, u.Email, u.Phone, u.Active)
	return mustAffect(res, err)
}

// Unit reads a unit inside the transaction.
func (tx OrgTx) Unit(ctx context.Context, tenantID, id string) (org.Unit, error) {
	return scanUnit(tx.queryRow(ctx, `SELECT `+unitCols+` FROM units WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

const officerCols = `tenant_id, id, username, full_name, email, role, unit_id, active, totp_secret <> '', locked_until, created_at`

func scanOfficer(row interface{ Scan(...any) error }) (org.Officer, error) {
	var o org.Officer
	var unit sql.NullString
	var locked sql.NullTime
	err := row.Scan(&o.TenantID, &o.ID, &o.Username, &o.FullName, &o.Email, &o.Role, &unit, &o.Active, &o.TOTPEnabled, &locked, &o.CreatedAt)
	o.UnitID = unit.String
	o.LockedUntil = fromNull(locked)
	o.CreatedAt = o.CreatedAt.UTC()
	return o, mapErr(err)
}

// Officers lists a tenant's officers by username.
func (db OrgStore) Officers(ctx context.Context, tenantID string) ([]org.Officer, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+officerCols+` FROM officers WHERE tenant_id = $1 ORDER BY username`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []org.Officer
	for rows.Next() {
		o, err := scanOfficer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// Officer returns one officer of a tenant.
func (db OrgStore) Officer(ctx context.Context, tenantID, id string) (org.Officer, error) {
	return scanOfficer(db.r.QueryRowContext(ctx, `SELECT `+officerCols+` FROM officers WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// OfficerByUsername returns one officer of a tenant by username.
func (db OrgStore) OfficerByUsername(ctx context.Context, tenantID, username string) (org.Officer, error) {
	return scanOfficer(db.r.QueryRowContext(ctx, `SELECT `+officerCols+` FROM officers WHERE tenant_id = $1 AND username = $2`, tenantID, username))
}

// InsertOfficer stores a new officer with a password hash.
func (tx OrgTx) InsertOfficer(ctx context.Context, o org.Officer, passwordHash string) error {
	_, err := tx.exec(ctx, `INSERT INTO officers (tenant_id, id, username, full_name, email, role, unit_id, active, password_hash, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
		o.TenantID, o.ID, o.Username, o.FullName, o.Email, o.Role, nullStr(o.UnitID), o.Active, passwordHash, ts(o.CreatedAt))
	return err
}

// UpdateOfficer changes an officer's profile, role, unit and status.
func (tx OrgTx) UpdateOfficer(ctx context.Context, o org.Officer) error {
	res, err := tx.exec(ctx, `UPDATE officers SET full_name = $3, email = $4, role = $5, unit_id = $6, active = $7, updated_at = $8
		WHERE tenant_id = $1 AND id = $2`, o.TenantID, o.ID, o.FullName, o.Email, o.Role, nullStr(o.UnitID), o.Active, ts(tx.now))
	return mustAffect(res, err)
}

// Officer reads an officer inside the transaction.
func (tx OrgTx) Officer(ctx context.Context, tenantID, id string) (org.Officer, error) {
	return scanOfficer(tx.queryRow(ctx, `SELECT `+officerCols+` FROM officers WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// Counts returns the sizes of a tenant's organisation for the dashboard.
func (db OrgStore) Counts(ctx context.Context, tenantID string) (org.Counts, error) {
	var c org.Counts
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM units WHERE tenant_id = $1 AND kind <> 'agency'),
		(SELECT COUNT(*) FROM units WHERE tenant_id = $1 AND kind = 'agency'),
		(SELECT COUNT(*) FROM officers WHERE tenant_id = $1 AND active = $2),
		(SELECT COUNT(*) FROM sessions WHERE tenant_id = $1 AND expires_at > $3),
		(SELECT seq FROM audit_heads WHERE tenant_id = $1)`, tenantID, true, ts(db.Now())).
		Scan(&c.Units, &c.Agencies, &c.ActiveOfficers, &c.ActiveSessions, &c.AuditEntries)
	return c, mapErr(err)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func mustAffect(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return apperr.ErrNotFound
	}
	return nil
}
