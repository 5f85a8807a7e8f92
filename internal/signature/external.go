package signature

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/digitorus/pdfsign/verify"
)

// Prepared is a PDF with a signature field whose contents are still to be
// filled by a signer outside tuphap (a remote-signing service, a USB
// token): the signer signs Digest, the SHA-256 of the bytes the signature
// covers (the ByteRange), and returns a detached CMS (adbe.pkcs7.detached)
// that Embed writes into the field. Nothing else in the file changes, so
// the digest stays the same whoever fills the field and however long the
// officer takes to approve.
type Prepared struct {
	PDF    []byte
	Digest []byte
	// lo and hi bound the hexadecimal contents (between < and >).
	lo, hi int
}

var byteRangeRe = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// Prepare adds a signature field for cert (and its chain) to the PDF, as
// PDFSigner does, and leaves its contents empty. The field is sized by the
// library for a CMS that carries the chain; a provider's CMS larger than
// that is refused by Embed.
func Prepare(in []byte, cert *x509.Certificate, chain []*x509.Certificate, info Info) (*Prepared, error) {
	if cert == nil {
		return nil, errors.New("signature: prepare: no certificate")
	}
	// The library needs a key to make a first signature; its CMS is thrown
	// away below, so a key of the moment does.
	tmp, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	out, err := (&PDFSigner{Key: tmp, Cert: cert, Chain: chain}).Sign(in, info)
	if err != nil {
		return nil, err
	}
	all := byteRangeRe.FindAllSubmatchIndex(out, -1)
	if len(all) == 0 {
		return nil, errors.New("signature: prepare: no byte range in the signed file")
	}
	m := all[len(all)-1]
	var br [4]int
	for i := range br {
		if br[i], err = strconv.Atoi(string(out[m[2+2*i]:m[3+2*i]])); err != nil {
			return nil, fmt.Errorf("signature: prepare: byte range: %w", err)
		}
	}
	lo, hi := br[0]+br[1], br[2] // '<' at lo, '>' at hi-1
	if br[0] != 0 || lo >= hi || hi+br[3] != len(out) || out[lo] != '<' || out[hi-1] != '>' {
		return nil, errors.New("signature: prepare: unexpected byte range")
	}
	h := sha256.New()
	h.Write(out[:lo])
	h.Write(out[hi:])
	p := &Prepared{PDF: out, Digest: h.Sum(nil), lo: lo + 1, hi: hi - 1}
	// Blank the temporary CMS: the file is not signed until Embed.
	for i := p.lo; i < p.hi; i++ {
		p.PDF[i] = '0'
	}
	return p, nil
}

// Embed writes the signer's detached CMS into the field and returns the
// signed PDF.
func (p *Prepared) Embed(cms []byte) ([]byte, error) {
	if len(cms) == 0 {
		return nil, errors.New("signature: embed: empty signature")
	}
	enc := make([]byte, hex.EncodedLen(len(cms)))
	hex.Encode(enc, cms)
	if len(enc) > p.hi-p.lo {
		return nil, fmt.Errorf("signature: embed: the signature (%d bytes) does not fit the field (%d)", len(cms), (p.hi-p.lo)/2)
	}
	out := bytes.Clone(p.PDF)
	copy(out[p.lo:], enc)
	for i := p.lo + len(enc); i < p.hi; i++ {
		out[i] = '0'
	}
	return out, nil
}

var (
	oidData          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSHA256        = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidECDSASHA256   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidRSA           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
)

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type signerInfo struct {
	Version         int
	SID             issuerAndSerial
	DigestAlgorithm pkix.AlgorithmIdentifier
	SignedAttrs     asn1.RawValue
	SigAlgorithm    pkix.AlgorithmIdentifier
	Signature       []byte
}

type encapContent struct {
	ContentType asn1.ObjectIdentifier
}

type signedData struct {
	Version          int
	DigestAlgorithms []pkix.AlgorithmIdentifier `asn1:"set"`
	Encap            encapContent
	Certificates     asn1.RawValue
	SignerInfos      []signerInfo `asn1:"set"`
}

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue
}

// attribute encodes one CMS attribute with a single value.
func attribute(oid asn1.ObjectIdentifier, value any) ([]byte, error) {
	v, err := asn1.Marshal(value)
	if err != nil {
		return nil, err
	}
	set, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: v})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(struct {
		Type  asn1.ObjectIdentifier
		Value asn1.RawValue
	}{oid, asn1.RawValue{FullBytes: set}})
}

// DetachedCMS makes the detached CMS SignedData (RFC 5652) of a PDF
// signature over digest, the SHA-256 of the signed byte range, with the
// signed attributes content type, signing time and message digest, signed
// by key (ECDSA or RSA) for cert, and carrying cert and chain. It is what
// a remote-signing service returns for a "sign this hash" request; the
// simulator of package external/remotesign makes it with this function.
func DetachedCMS(digest []byte, at time.Time, key crypto.Signer, cert *x509.Certificate, chain []*x509.Certificate) ([]byte, error) {
	if len(digest) != sha256.Size {
		return nil, errors.New("signature: cms: digest is not SHA-256")
	}
	var attrs [][]byte
	for _, a := range []struct {
		oid asn1.ObjectIdentifier
		v   any
	}{{oidContentType, oidData}, {oidSigningTime, at.UTC()}, {oidMessageDigest, digest}} {
		b, err := attribute(a.oid, a.v)
		if err != nil {
			return nil, err
		}
		attrs = append(attrs, b)
	}
	slices.SortFunc(attrs, bytes.Compare) // DER: a SET OF is sorted
	inner := bytes.Join(attrs, nil)
	// The signature is over the attributes encoded as a SET (RFC 5652 5.4).
	toSign, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: inner})
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(toSign)
	sig, err := key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("signature: cms: sign: %w", err)
	}
	var sigAlg pkix.AlgorithmIdentifier
	switch key.Public().(type) {
	case *ecdsa.PublicKey:
		sigAlg = pkix.AlgorithmIdentifier{Algorithm: oidECDSASHA256}
	case *rsa.PublicKey:
		sigAlg = pkix.AlgorithmIdentifier{Algorithm: oidRSA, Parameters: asn1.NullRawValue}
	default:
		return nil, errors.New("signature: cms: unsupported key type")
	}
	var certs []byte
	for _, c := range append([]*x509.Certificate{cert}, chain...) {
		certs = append(certs, c.Raw...)
	}
	sd := signedData{
		Version:          1,
		DigestAlgorithms: []pkix.AlgorithmIdentifier{{Algorithm: oidSHA256}},
		Encap:            encapContent{ContentType: oidData},
		Certificates:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: certs},
		SignerInfos: []signerInfo{{
			Version:         1,
			SID:             issuerAndSerial{Issuer: asn1.RawValue{FullBytes: cert.RawIssuer}, Serial: cert.SerialNumber},
			DigestAlgorithm: pkix.AlgorithmIdentifier{Algorithm: oidSHA256},
			SignedAttrs:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: inner},
			SigAlgorithm:    sigAlg,
			Signature:       sig,
		}},
	}
	sdDER, err := asn1.Marshal(sd)
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(contentInfo{ContentType: oidSignedData,
		Content: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: sdDER}})
}

// IsSigned reports whether doc carries at least one digital signature and
// every signature in it is intact (the bytes it covers are unchanged),
// whoever the signer is: the check of the rule "the result must be
// signed", which accepts a file signed elsewhere (an officer's USB token)
// as well as one signed in tuphap.
func IsSigned(doc []byte) bool {
	opts := verify.DefaultVerifyOptions()
	opts.AllowUntrustedRoots = true
	opts.TrustSignatureTime = true
	resp, err := verify.VerifyWithOptions(bytes.NewReader(doc), int64(len(doc)), opts)
	if err != nil || len(resp.Signers) == 0 {
		return false
	}
	for _, s := range resp.Signers {
		if !s.ValidSignature {
			return false
		}
	}
	return true
}
