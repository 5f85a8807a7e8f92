package portal

import (
	"context"
	"crypto/x509"
	"errors"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/signature"
)

// TrustFunc says whether a tenant trusts a signing certificate.
type TrustFunc func(ctx context.Context, tenantID string, c *x509.Certificate) (bool, error)

// TrustedSigners is the tenant's trust (signature.Trusted): the agency's
// certificate (nil: none configured), or an officer's identity registered
// in the store that identity reads.
func TrustedSigners(agency *x509.Certificate, identity func(ctx context.Context, tenantID, fingerprint string) (signature.Identity, error)) TrustFunc {
	return func(ctx context.Context, tenantID string, c *x509.Certificate) (bool, error) {
		if signature.Trusted(c, agency, nil) {
			return true, nil
		}
		id, err := identity(ctx, tenantID, signature.Fingerprint(c))
		if errors.Is(err, apperr.ErrNotFound) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		return signature.Trusted(c, agency, &id), nil
	}
}

// ResultSignatureTrusted is ResultSignatureOf with the tenant's trust: a
// result whose signatures are intact but not all made with trusted
// certificates is Untrusted (dossier.SignedResultRule refuses it).
func ResultSignatureTrusted(st resultFiles, trusted TrustFunc) func(ctx context.Context, tenantID, dossierID string) (dossier.ResultSignature, error) {
	return func(ctx context.Context, tenantID, dossierID string) (dossier.ResultSignature, error) {
		data, ok, err := latestResult(ctx, st, tenantID, dossierID)
		if err != nil || !ok {
			return dossier.ResultSignature{}, err
		}
		certs, ok := signature.SignerCertificates(data)
		rs := dossier.ResultSignature{Attached: true, Signed: ok}
		for _, c := range certs {
			t, err := trusted(ctx, tenantID, c)
			if err != nil {
				return rs, err
			}
			if !t {
				rs.Untrusted = true
			}
		}
		return rs, nil
	}
}
