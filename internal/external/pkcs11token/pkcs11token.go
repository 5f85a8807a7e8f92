// Package pkcs11token is the boundary for signing with a USB token (or an
// HSM) through PKCS#11. It is NOT implemented: Go has no pure-Go PKCS#11
// client (github.com/miekg/pkcs11 and crypto11 need cgo and the vendor's
// module), and a USB token sits on the officer's machine, not on the
// server, so the real path is a local signing agent of the certification
// authority (the "plugin ký số" the Vietnamese CAs ship) or signing the
// PDF on the officer's machine and uploading it: tuphap accepts any
// intact PDF signature as a signed result (signature.IsSigned).
//
// What is here is the configuration and the adapter's shape, so that a
// later implementation only has to return a crypto.Signer and the
// certificate for signature.PDFSigner.
package pkcs11token

import (
	"crypto"
	"crypto/x509"

	"tuphap/internal/apperr"
	"tuphap/internal/signature"
)

// Config names the token: the PKCS#11 module of the token's vendor, the
// token's label and the key's label; the PIN is asked of the officer at
// signing time, never stored.
type Config struct {
	Module     string // e.g. /usr/lib/libeTPkcs11.so
	TokenLabel string
	KeyLabel   string
}

// Token opens a key on a token.
type Token interface {
	// Key returns the signing key and its certificate chain (leaf first).
	Key(pin string) (crypto.Signer, []*x509.Certificate, error)
}

// ErrNotImplemented is what every use of the boundary returns today.
var ErrNotImplemented = apperr.New(apperr.Unavailable,
	"Ký số bằng USB token (PKCS#11) chưa được hỗ trợ trên máy chủ: hãy ký tệp bằng phần mềm ký số của USB token rồi đính kèm tệp đã ký, hoặc dùng ký số từ xa.")

// Open would open the token of cfg; it is not implemented (see the
// package comment).
func Open(cfg Config) (Token, error) { return nil, ErrNotImplemented }

// Signer makes a signature.Signer of a token's key, unlocked with pin.
func Signer(t Token, pin string) (signature.Signer, error) {
	key, chain, err := t.Key(pin)
	if err != nil {
		return nil, err
	}
	if len(chain) == 0 {
		return nil, apperr.New(apperr.Conflict, "USB token không có chứng thư số.")
	}
	return &signature.PDFSigner{Key: key, Cert: chain[0], Chain: chain[1:]}, nil
}
