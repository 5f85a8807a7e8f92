package signature

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"time"

	"github.com/digitorus/pdfsign/verify"

	"tuphap/internal/apperr"
)

// Whose signature a tenant trusts on a result (issue 25 item 3): an intact
// signature is not enough, it must be made with the agency's certificate
// or with an officer's registered signing identity — the certificate of
// his remote-signing account, registered the first time he signs through
// it, or of his USB token, registered by the administrator. A result
// signed by anyone else's certificate has no legal value as the agency's
// (Decree 45/2020/NĐ-CP Art. 25(1): signed by the competent person; Law on
// Electronic Transactions 2023 Art. 23: a signature is attributed to the
// certificate's subscriber).

// Identity is an officer's registered signing certificate.
type Identity struct {
	TenantID    string
	Fingerprint string // SHA-256 of the certificate (DER), hex
	OfficerID   string
	Username    string
	Subject     string
	Issuer      string
	// Method is how the officer signs with it: "remote" (a remote-signing
	// service) or "token" (a USB token, on his machine).
	Method       string
	NotAfter     time.Time
	RegisteredAt time.Time
	RegisteredBy string
	RevokedAt    *time.Time
}

// MethodLabel is the method in Vietnamese.
func (i Identity) MethodLabel() string {
	switch i.Method {
	case "remote":
		return "Ký số từ xa"
	case "token":
		return "USB token"
	}
	return i.Method
}

// Fingerprint is the SHA-256 of a certificate, in hexadecimal.
func Fingerprint(c *x509.Certificate) string {
	h := sha256.Sum256(c.Raw)
	return hex.EncodeToString(h[:])
}

// IdentityOf describes a certificate as an identity of an officer.
func IdentityOf(c *x509.Certificate, method string) Identity {
	return Identity{Fingerprint: Fingerprint(c), Subject: c.Subject.CommonName, Issuer: c.Issuer.CommonName, Method: method, NotAfter: c.NotAfter}
}

// ParseCertificate reads a certificate file, PEM or DER (.cer, .crt).
func ParseCertificate(data []byte) (*x509.Certificate, error) {
	if b, _ := pem.Decode(data); b != nil {
		data = b.Bytes
	}
	// DER is binary: its last byte may be 0x0a or 0x20, so it is never
	// trimmed (that made one certificate in about forty unreadable).
	c, err := x509.ParseCertificate(data)
	if err != nil {
		return nil, apperr.Field("file", "Tệp không phải chứng thư số (định dạng .cer, .crt, PEM hoặc DER).")
	}
	return c, nil
}

// SignerCertificates returns the signing certificate of each signature of
// doc; ok is false when doc is unsigned or a signature is not intact.
func SignerCertificates(doc []byte) (certs []*x509.Certificate, ok bool) {
	opts := verify.DefaultVerifyOptions()
	opts.AllowUntrustedRoots = true
	opts.TrustSignatureTime = true
	resp, err := verify.VerifyWithOptions(bytes.NewReader(doc), int64(len(doc)), opts)
	if err != nil || len(resp.Signers) == 0 {
		return nil, false
	}
	for _, s := range resp.Signers {
		if !s.ValidSignature || len(s.Certificates) == 0 || s.Certificates[0].Certificate == nil {
			return nil, false
		}
		certs = append(certs, s.Certificates[0].Certificate)
	}
	return certs, true
}

// Trusted is the rule: a signing certificate is trusted when it is the
// agency's, or an officer's registered identity that is not revoked (a
// revoked identity is refused for results checked after its revocation:
// the officer has left, or lost the token).
func Trusted(c, agency *x509.Certificate, registered *Identity) bool {
	switch {
	case c == nil:
		return false
	case agency != nil && c.Equal(agency):
		return true
	case registered != nil && registered.Fingerprint == Fingerprint(c) && registered.RevokedAt == nil:
		return true
	}
	return false
}
