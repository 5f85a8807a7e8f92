package signature

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"
)

// A certificate file reads as PEM or DER; a DER certificate whose last
// byte happens to be a space or a line feed (its signature is random)
// reads too.
func TestParseCertificate(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var ws []byte
	for i := 0; i < 5000 && ws == nil; i++ {
		tpl := &x509.Certificate{SerialNumber: big.NewInt(int64(i + 1)), Subject: pkix.Name{CommonName: "Lê Văn Token"},
			NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
		der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
		if err != nil {
			t.Fatal(err)
		}
		switch der[len(der)-1] {
		case ' ', '\n', '\r', '\t', '\v', '\f':
			ws = der
		}
	}
	if ws == nil {
		t.Fatal("no certificate ending with a space byte in 5000 tries")
	}
	for name, data := range map[string][]byte{
		"DER ending with a space byte": ws,
		"PEM":                          pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ws}),
	} {
		if c, err := ParseCertificate(data); err != nil || c.Subject.CommonName != "Lê Văn Token" {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ParseCertificate([]byte("rác")); err == nil {
		t.Error("garbage read as a certificate")
	}
}
