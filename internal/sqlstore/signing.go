package sqlstore

import (
	"context"
	"database/sql"

	"tuphap/internal/audit"
	"tuphap/internal/signature"
)

// SigningStore keeps the officers' registered signing certificates
// (migration 00028): a result counts as signed only with the agency's
// certificate or one of these (signature.Trusted).
type SigningStore struct{ *DB }

// Signing returns the store of the signing identities.
func (db *DB) Signing() SigningStore { return SigningStore{db} }

const identityCols = `fingerprint, officer_id, username, subject, issuer, method, not_after, registered_at, registered_by, revoked_at`

func scanIdentity(row interface{ Scan(...any) error }, tenantID string) (signature.Identity, error) {
	i := signature.Identity{TenantID: tenantID}
	var revoked sql.NullTime
	if err := row.Scan(&i.Fingerprint, &i.OfficerID, &i.Username, &i.Subject, &i.Issuer, &i.Method, &i.NotAfter, &i.RegisteredAt,
		&i.RegisteredBy, &revoked); err != nil {
		return i, mapErr(err)
	}
	i.NotAfter, i.RegisteredAt, i.RevokedAt = i.NotAfter.UTC(), i.RegisteredAt.UTC(), fromNull(revoked)
	return i, nil
}

// Identity reads a registered certificate by its fingerprint.
func (s SigningStore) Identity(ctx context.Context, tenantID, fingerprint string) (signature.Identity, error) {
	return scanIdentity(s.r.QueryRowContext(ctx, `SELECT `+identityCols+` FROM signing_identities
		WHERE tenant_id = $1 AND fingerprint = $2`, tenantID, fingerprint), tenantID)
}

// Identities lists the tenant's registered certificates, newest first.
func (s SigningStore) Identities(ctx context.Context, tenantID string) ([]signature.Identity, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+identityCols+` FROM signing_identities
		WHERE tenant_id = $1 ORDER BY registered_at DESC, fingerprint LIMIT 2000`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []signature.Identity
	for rows.Next() {
		i, err := scanIdentity(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, mapErr(rows.Err())
}

// RegisterIdentity records an officer's certificate, with its audit entry
// (by names who registered it); a certificate already registered, even
// revoked, is left as it is and reports false.
func (s SigningStore) RegisterIdentity(ctx context.Context, i signature.Identity, by audit.Entry) (bool, error) {
	added := false
	err := s.DB.Transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO signing_identities (tenant_id, fingerprint, officer_id, username, subject, issuer, method,
			not_after, registered_at, registered_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (tenant_id, fingerprint) DO NOTHING`, i.TenantID, i.Fingerprint, i.OfficerID, i.Username, i.Subject, i.Issuer,
			i.Method, ts(i.NotAfter), ts(tx.now), by.Actor)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return mapErr(err)
		}
		added = true
		by.TenantID, by.Action, by.Object = i.TenantID, "signature.register", "signer:"+i.Username
		by.Detail = i.MethodLabel() + "; " + i.Subject + "; SHA-256 " + i.Fingerprint
		return tx.Audit(ctx, by)
	})
	return added, err
}

// RevokeIdentity revokes a registered certificate (the officer left, the
// token was lost), with its audit entry.
func (s SigningStore) RevokeIdentity(ctx context.Context, tenantID, fingerprint string, by audit.Entry) error {
	return s.DB.Transact(ctx, func(tx *Tx) error {
		var username string
		err := tx.queryRow(ctx, `UPDATE signing_identities SET revoked_at = $3 WHERE tenant_id = $1 AND fingerprint = $2
			AND revoked_at IS NULL RETURNING username`, tenantID, fingerprint, ts(tx.now)).Scan(&username)
		if err != nil {
			return mapErr(err)
		}
		by.TenantID, by.Action, by.Object, by.Detail = tenantID, "signature.revoke", "signer:"+username, "SHA-256 "+fingerprint
		return tx.Audit(ctx, by)
	})
}
