// Package signature signs PDF documents (judicial record certificates)
// through the Signer interface and verifies them.
//
// PDFSigner signs with any crypto.Signer and its X.509 certificate, as an
// incremental update with an adbe.pkcs7.detached signature
// (github.com/digitorus/pdfsign): a PKCS#12 software key now (LoadPKCS12),
// a USB token, HSM or remote-signing service later — each only has to
// provide a crypto.Signer. Limits (research/golibs.md): no PAdES baseline,
// no DSS/LTV, no time-stamp authority on a closed network, so the signing
// time is the signer's own.
package signature

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"github.com/digitorus/pdfsign/verify"
	"software.sslmate.com/src/go-pkcs12"
)

// Info describes a signature.
type Info struct {
	Name     string // the signer's name or the agency
	Location string
	Reason   string
	Date     time.Time
}

// Signer signs a PDF.
type Signer interface {
	// Sign returns the signed PDF.
	Sign(pdf []byte, info Info) ([]byte, error)
	// Certificate is the signing certificate.
	Certificate() *x509.Certificate
}

// PDFSigner signs with a crypto.Signer and its certificate.
type PDFSigner struct {
	Key   crypto.Signer
	Cert  *x509.Certificate
	Chain []*x509.Certificate
}

var _ Signer = (*PDFSigner)(nil)

// Certificate is the signing certificate.
func (s *PDFSigner) Certificate() *x509.Certificate { return s.Cert }

// Sign signs pdf with a certification signature that allows no changes.
func (s *PDFSigner) Sign(in []byte, info Info) ([]byte, error) {
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return nil, fmt.Errorf("signature: read pdf: %w", err)
	}
	chain := [][]*x509.Certificate{append([]*x509.Certificate{s.Cert}, s.Chain...)}
	var out bytes.Buffer
	err = sign.Sign(bytes.NewReader(in), &out, rdr, int64(len(in)), sign.SignData{
		Signature: sign.SignDataSignature{
			Info:       sign.SignDataSignatureInfo{Name: info.Name, Location: info.Location, Reason: info.Reason, Date: info.Date},
			CertType:   sign.CertificationSignature,
			DocMDPPerm: sign.DoNotAllowAnyChangesPerms,
		},
		Signer:            s.Key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       s.Cert,
		CertificateChains: chain,
	})
	if err != nil {
		return nil, fmt.Errorf("signature: sign: %w", err)
	}
	return out.Bytes(), nil
}

// LoadPKCS12 reads a .p12/.pfx file's key and certificate chain.
func LoadPKCS12(data []byte, password string) (*PDFSigner, error) {
	key, cert, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		return nil, fmt.Errorf("signature: pkcs12: %w", err)
	}
	k, ok := key.(crypto.Signer)
	if !ok {
		return nil, errors.New("signature: the PKCS#12 key cannot sign")
	}
	return &PDFSigner{Key: k, Cert: cert, Chain: cas}, nil
}

// oidDocumentSigning is the Document Signing extended key usage (RFC 9336).
var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// oidEmailProtection is the extended key usage that NSS (and so
// poppler's pdfsig) and most PDF readers require of a document signer.
var oidEmailProtection = x509.ExtKeyUsageEmailProtection

// GenerateDemo is GenerateDemoCA without the CA certificate.
func GenerateDemo(commonName, org string, now time.Time, password string) ([]byte, error) {
	p12, _, err := GenerateDemoCA(commonName, org, now, password)
	return p12, err
}

// GenerateDemoCA makes a demonstration certification authority and, issued
// by it, an end-entity document-signing certificate for the agency (ECDSA
// P-256; not a CA; key usage digital signature and non-repudiation; extended
// key usages document signing, RFC 9336, and e-mail protection, which NSS
// requires of a signer). It returns the signing key with its chain as a
// PKCS#12 file (AES-256/PBKDF2) protected by password, and the CA
// certificate as PEM, for whoever wants to trust the demonstration (a PDF
// reader's trust store, an NSS database). The CA's key is discarded. A real
// deployment loads a certificate issued by a recognised certification
// authority instead.
func GenerateDemoCA(commonName, org string, now time.Time, password string) (p12, caPEM []byte, err error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial := func() *big.Int {
		n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
		return n
	}
	caTpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: org + " - CA thử nghiệm (demo)", Organization: []string{org}, Country: []string{"VN"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTpl, caTpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, nil, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, nil, err
	}
	tpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: commonName, Organization: []string{org}, Country: []string{"VN"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(5, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{oidEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidDocumentSigning},
		BasicConstraintsValid: true,
		IsCA:                  false,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	if p12, err = pkcs12.Modern.Encode(key, cert, []*x509.Certificate{ca}, password); err != nil {
		return nil, nil, err
	}
	return p12, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), nil
}

// Result is the outcome of a verification.
type Result struct {
	Valid    bool
	Signer   string
	SignedAt *time.Time
	Reason   string // why it is not valid
}

// Verify checks that pdf carries a valid signature over the whole document
// made with the trusted certificate. A changed byte, a signature by
// another key, or an unsigned file make it invalid.
func Verify(doc []byte, trusted *x509.Certificate) Result {
	opts := verify.DefaultVerifyOptions()
	opts.AllowUntrustedRoots = true // the certificate is compared with the trusted one below
	opts.TrustSignatureTime = true
	resp, err := verify.VerifyWithOptions(bytes.NewReader(doc), int64(len(doc)), opts)
	if err != nil {
		return Result{Reason: "Không đọc được chữ ký số của tệp: " + err.Error()}
	}
	if len(resp.Signers) == 0 {
		return Result{Reason: "Tệp không có chữ ký số."}
	}
	for _, s := range resp.Signers {
		if !s.ValidSignature {
			return Result{Reason: "Chữ ký số không hợp lệ: nội dung tệp đã bị thay đổi sau khi ký."}
		}
		if len(s.Certificates) == 0 || trusted == nil || !s.Certificates[0].Certificate.Equal(trusted) {
			return Result{Reason: "Tệp được ký bằng chứng thư số khác với chứng thư của cơ quan cấp Phiếu."}
		}
	}
	s := resp.Signers[0]
	return Result{Valid: true, Signer: s.Name, SignedAt: s.SignatureTime}
}
