package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// NewSecret returns 32 random bytes, URL-safe base64 encoded.
func NewSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: crypto/rand failed: " + err.Error()) // never happens on Linux
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret is how session and API token secrets are kept at rest: a
// SHA-256 digest. The secrets are 256-bit random, so no slow hash is needed,
// and a stolen table yields nothing usable.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// A bearer token or session cookie carries the tenant so that the lookup can
// lead with tenant_id like every key: "<prefix>.<tenantID>.<secret>".
const (
	APITokenPrefix = "tph"
	SessionPrefix  = "s"
)

// FormatToken builds an opaque token string.
func FormatToken(prefix, tenantID, secret string) string {
	return prefix + "." + tenantID + "." + secret
}

// ParseToken splits a token built by FormatToken. ok is false when the
// token is malformed.
func ParseToken(prefix, token string) (tenantID, secret string, ok bool) {
	p, rest, found := strings.Cut(token, ".")
	if !found || p != prefix {
		return "", "", false
	}
	tenantID, secret, found = strings.Cut(rest, ".")
	if !found || tenantID == "" || len(secret) < 32 || len(tenantID) > 64 || len(secret) > 128 {
		return "", "", false
	}
	return tenantID, secret, true
}
