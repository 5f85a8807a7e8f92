package signature

import (
	"crypto/x509"
	"testing"
	"time"
)

func demoCert(t *testing.T, name string) *PDFSigner { return signer(t, name) }

// Trusted: the agency's certificate, or an officer's registered identity
// not revoked (Decree 45/2020/NĐ-CP Art. 25(1)).
func TestTrusted(t *testing.T) {
	agency, officer, stranger := demoCert(t, "Sở"), demoCert(t, "Cán bộ"), demoCert(t, "Người lạ")
	reg := IdentityOf(officer.Cert, "remote")
	revoked := reg
	at := time.Now()
	revoked.RevokedAt = &at
	other := IdentityOf(stranger.Cert, "token")
	cases := []struct {
		name string
		c    *agencyCase
		want bool
	}{
		{"the agency's key", &agencyCase{agency.Cert, nil}, true},
		{"a registered officer", &agencyCase{officer.Cert, &reg}, true},
		{"a revoked officer", &agencyCase{officer.Cert, &revoked}, false},
		{"an unregistered certificate", &agencyCase{stranger.Cert, nil}, false},
		{"a registration of another certificate", &agencyCase{officer.Cert, &other}, false},
		{"no certificate", &agencyCase{nil, nil}, false},
	}
	for _, c := range cases {
		if got := Trusted(c.c.cert, agency.Cert, c.c.reg); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if Trusted(officer.Cert, nil, nil) {
		t.Error("trusted with no agency key and no registration")
	}
}

func TestSignerCertificatesAndParse(t *testing.T) {
	s := demoCert(t, "Cán bộ")
	pdf := certPDF(t)
	if _, ok := SignerCertificates(pdf); ok {
		t.Fatal("an unsigned PDF has signers")
	}
	signed, err := s.Sign(pdf, Info{Name: "Cán bộ", Date: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	certs, ok := SignerCertificates(signed)
	if !ok || len(certs) != 1 || Fingerprint(certs[0]) != Fingerprint(s.Cert) {
		t.Fatalf("signers: %v %v", certs, ok)
	}
	tampered := append([]byte(nil), signed...)
	tampered[len(tampered)/3] ^= 1
	if _, ok := SignerCertificates(tampered); ok {
		t.Fatal("a tampered PDF has intact signers")
	}
	if c, err := ParseCertificate(s.Cert.Raw); err != nil || !c.Equal(s.Cert) {
		t.Fatalf("DER: %v", err)
	}
	if _, err := ParseCertificate([]byte("not a certificate")); err == nil {
		t.Fatal("garbage parsed")
	}
}

type agencyCase struct {
	cert *x509.Certificate
	reg  *Identity
}
