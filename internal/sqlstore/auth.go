package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"tuphap/internal/auth"
	"tuphap/internal/org"
)

// AuthStore implements auth.Store: credentials, sessions and API tokens.
type AuthStore struct{ *DB }

// AuthTx is sign-in's write transaction.
type AuthTx struct{ *Tx }

var (
	_ auth.Store = AuthStore{}
	_ auth.Tx    = AuthTx{}
)

// Auth returns sign-in's store.
func (db *DB) Auth() AuthStore { return AuthStore{db} }

// Transact runs fn in a write transaction.
func (s AuthStore) Transact(ctx context.Context, fn func(auth.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(AuthTx{tx}) })
}

// TenantByCode finds the tenant an officer signs in to.
func (s AuthStore) TenantByCode(ctx context.Context, code string) (org.Tenant, error) {
	return OrgStore(s).TenantByCode(ctx, code)
}

const credQuery = `SELECT ` + officerCols + `, password_hash, totp_secret, totp_last_step, failed_logins
	FROM officers WHERE tenant_id = $1 AND username = $2`

func scanCred(row *sql.Row) (auth.Credentials, error) {
	var c auth.Credentials
	var unit sql.NullString
	var locked sql.NullTime
	o := &c.Officer
	err := row.Scan(&o.TenantID, &o.ID, &o.Username, &o.FullName, &o.Email, &o.Role, &unit, &o.Active, &o.TOTPEnabled, &locked, &o.CreatedAt,
		&c.PasswordHash, &c.TOTPSealed, &c.TOTPLastStep, &c.FailedLogins)
	o.UnitID = unit.String
	o.LockedUntil = fromNull(locked)
	return c, mapErr(err)
}

// Credentials reads an officer with its password hash and sign-in state.
func (s AuthStore) Credentials(ctx context.Context, tenantID, username string) (auth.Credentials, error) {
	return scanCred(s.r.QueryRowContext(ctx, credQuery, tenantID, username))
}

// Credentials reads an officer's sign-in state inside the transaction.
func (tx AuthTx) Credentials(ctx context.Context, tenantID, username string) (auth.Credentials, error) {
	return scanCred(tx.queryRow(ctx, credQuery, tenantID, username))
}

// SessionPrincipal returns the active officer of a live session.
func (s AuthStore) SessionPrincipal(ctx context.Context, tenantID, idHash string, now time.Time) (auth.Principal, auth.Session, error) {
	var p auth.Principal
	var ss auth.Session
	var unit sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT t.id, t.code, o.id, o.username, o.full_name, o.role, o.unit_id, COALESCE(u.code, ''),
			s.id_hash, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at
		FROM sessions s
		JOIN officers o ON o.tenant_id = s.tenant_id AND o.id = s.officer_id
		JOIN tenants t ON t.id = s.tenant_id
		LEFT JOIN units u ON u.tenant_id = o.tenant_id AND u.id = o.unit_id
		WHERE s.tenant_id = $1 AND s.id_hash = $2 AND s.expires_at > $3 AND o.active = $4`,
		tenantID, idHash, ts(now), true).
		Scan(&p.TenantID, &p.TenantCode, &p.OfficerID, &p.Username, &p.FullName, &p.Role, &unit, &p.UnitCode,
			&p.SessionID, &p.CSRFToken, &ss.CreatedAt, &ss.LastSeen, &ss.ExpiresAt)
	p.UnitID = unit.String
	ss.TenantID, ss.IDHash, ss.OfficerID, ss.CSRFToken = p.TenantID, p.SessionID, p.OfficerID, p.CSRFToken
	return p, ss, mapErr(err)
}

// TokenPrincipal returns the active officer of a live API token.
func (s AuthStore) TokenPrincipal(ctx context.Context, tenantID, idHash string, now time.Time) (auth.Principal, error) {
	var p auth.Principal
	var unit sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT t.id, t.code, o.id, o.username, o.full_name, o.role, o.unit_id, COALESCE(u.code, '')
		FROM api_tokens k
		JOIN officers o ON o.tenant_id = k.tenant_id AND o.id = k.officer_id
		JOIN tenants t ON t.id = k.tenant_id
		LEFT JOIN units u ON u.tenant_id = o.tenant_id AND u.id = o.unit_id
		WHERE k.tenant_id = $1 AND k.id_hash = $2 AND k.revoked_at IS NULL
		  AND (k.expires_at IS NULL OR k.expires_at > $3) AND o.active = $4`,
		tenantID, idHash, ts(now), true).
		Scan(&p.TenantID, &p.TenantCode, &p.OfficerID, &p.Username, &p.FullName, &p.Role, &unit, &p.UnitCode)
	p.UnitID = unit.String
	return p, mapErr(err)
}

// RecordLogin stores the outcome of a sign-in attempt.
func (tx AuthTx) RecordLogin(ctx context.Context, tenantID, officerID string, failed int, lockedUntil *time.Time, totpStep int64) error {
	res, err := tx.exec(ctx, `UPDATE officers SET failed_logins = $3, locked_until = $4, totp_last_step = $5
		WHERE tenant_id = $1 AND id = $2`, tenantID, officerID, failed, nullTS(lockedUntil), totpStep)
	return mustAffect(res, err)
}

// InsertSession stores a new session.
func (tx AuthTx) InsertSession(ctx context.Context, s auth.Session) error {
	_, err := tx.exec(ctx, `INSERT INTO sessions (tenant_id, id_hash, officer_id, csrf_token, ip, created_at, last_seen_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.TenantID, s.IDHash, s.OfficerID, s.CSRFToken, s.IP, ts(s.CreatedAt), ts(s.LastSeen), ts(s.ExpiresAt))
	return err
}

// DeleteSession ends a session.
func (tx AuthTx) DeleteSession(ctx context.Context, tenantID, idHash string) error {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE tenant_id = $1 AND id_hash = $2`, tenantID, idHash)
	return mustAffect(res, err)
}

// TouchSession slides a session's idle expiry.
func (tx AuthTx) TouchSession(ctx context.Context, tenantID, idHash string, lastSeen, expires time.Time) error {
	_, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = $3, expires_at = $4 WHERE tenant_id = $1 AND id_hash = $2`,
		tenantID, idHash, ts(lastSeen), ts(expires))
	return err
}

// DeleteExpiredSessions removes sessions past their expiry.
func (db AuthStore) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	var n int64
	err := db.DB.Transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, ts(tx.now))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// InsertAPIToken stores a new API token (its hash).
func (tx AuthTx) InsertAPIToken(ctx context.Context, t auth.APIToken) error {
	_, err := tx.exec(ctx, `INSERT INTO api_tokens (tenant_id, id_hash, officer_id, name, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.TenantID, t.IDHash, t.OfficerID, t.Name, ts(t.CreatedAt), nullTS(t.ExpiresAt))
	return err
}

// EndCredentials ends an officer's sessions (except keepSession, the hash
// of the session making the change, if any) and revokes the officer's live
// API tokens for good: a revoked token never comes back.
func (tx AuthTx) EndCredentials(ctx context.Context, tenantID, officerID, keepSession string) error {
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE tenant_id = $1 AND officer_id = $2 AND id_hash <> $3`, tenantID, officerID, keepSession); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND officer_id = $2 AND revoked_at IS NULL`,
		tenantID, officerID, ts(tx.now))
	return err
}

// SetPassword replaces an officer's password hash and unlocks the account
// (the caller ends the officer's other sessions: EndCredentials).
func (tx AuthTx) SetPassword(ctx context.Context, tenantID, officerID, hash string) error {
	res, err := tx.exec(ctx, `UPDATE officers SET password_hash = $3, failed_logins = 0, locked_until = NULL, updated_at = $4
		WHERE tenant_id = $1 AND id = $2`, tenantID, officerID, hash, ts(tx.now))
	return mustAffect(res, err)
}

// SetTOTP stores an officer's sealed TOTP secret ("" turns TOTP off).
func (tx AuthTx) SetTOTP(ctx context.Context, tenantID, officerID, sealed string) error {
	res, err := tx.exec(ctx, `UPDATE officers SET totp_secret = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`,
		tenantID, officerID, sealed, ts(tx.now))
	return mustAffect(res, err)
}

// Tokens lists a tenant's API tokens, or one officer's, newest first.
func (s AuthStore) Tokens(ctx context.Context, tenantID, officerID string) ([]auth.TokenInfo, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT k.id_hash, k.officer_id, o.username, k.name, k.created_at, k.expires_at, k.last_used_at, k.revoked_at
		FROM api_tokens k JOIN officers o ON o.tenant_id = k.tenant_id AND o.id = k.officer_id
		WHERE k.tenant_id = $1 AND ($2 = '' OR k.officer_id = $2) ORDER BY k.created_at DESC, k.id_hash`, tenantID, officerID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []auth.TokenInfo
	for rows.Next() {
		var t auth.TokenInfo
		var exp, used, rev sql.NullTime
		if err := rows.Scan(&t.ID, &t.OfficerID, &t.Username, &t.Name, &t.CreatedAt, &exp, &used, &rev); err != nil {
			return nil, mapErr(err)
		}
		t.CreatedAt = t.CreatedAt.UTC()
		t.ExpiresAt, t.LastUsed, t.RevokedAt = fromNull(exp), fromNull(used), fromNull(rev)
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

// RevokeToken revokes one live token of an officer.
func (tx AuthTx) RevokeToken(ctx context.Context, tenantID, officerID, idHash string) error {
	res, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = $4 WHERE tenant_id = $1 AND officer_id = $2 AND id_hash = $3 AND revoked_at IS NULL`,
		tenantID, officerID, idHash, ts(tx.now))
	return mustAffect(res, err)
}
