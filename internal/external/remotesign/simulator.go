package remotesign

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"math/big"
	"sort"
	"sync"
	"time"

	"tuphap/internal/signature"
)

// Simulator is a local remote-signing service: its own certification
// authority, a certificate per officer issued on first use, and sign
// requests that wait for the officer's approval on a simulated phone
// (Approve, Refuse; AutoApprove for the demo). It never sees the
// document, only its hash, as the real services.
type Simulator struct {
	// Org is the organisation named in the certificates.
	Org string
	// Names gives an officer's full name for the certificate (default: the
	// user ID).
	Names func(userID string) string
	// AutoApprove approves every request as soon as its status is asked
	// (the demo's officer always taps "Đồng ý").
	AutoApprove bool
	// Expiry is how long a request waits for approval (default 5 minutes).
	Expiry time.Duration
	// NoCertificate lists users that have no certificate with the provider.
	NoCertificate map[string]bool

	once  sync.Once
	err   error
	caKey *ecdsa.PrivateKey
	ca    *x509.Certificate

	mu    sync.Mutex
	users map[string]*simUser
	txns  map[string]*simTxn
}

type simUser struct {
	key  *ecdsa.PrivateKey
	cert *x509.Certificate
}

// SimRequest is a request as the simulated phone shows it.
type SimRequest struct {
	ID       string
	UserID   string
	Document string
	Digest   string // hex
	At       time.Time
	State    State
}

type simTxn struct {
	SimRequest
	digest  []byte
	expires time.Time
	cms     []byte
}

var _ Provider = (*Simulator)(nil)

func (s *Simulator) init() error {
	s.once.Do(func() {
		s.users, s.txns = map[string]*simUser{}, map[string]*simTxn{}
		s.caKey, s.err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if s.err != nil {
			return
		}
		org := s.Org
		if org == "" {
			org = "tuphap"
		}
		now := time.Now()
		tpl := &x509.Certificate{
			SerialNumber:          serial(),
			Subject:               pkix.Name{CommonName: "CA ký số từ xa thử nghiệm (mô phỏng)", Organization: []string{org}, Country: []string{"VN"}},
			NotBefore:             now.Add(-time.Hour),
			NotAfter:              now.AddDate(10, 0, 0),
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
			BasicConstraintsValid: true,
			IsCA:                  true,
			MaxPathLenZero:        true,
		}
		der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &s.caKey.PublicKey, s.caKey)
		if err != nil {
			s.err = err
			return
		}
		s.ca, s.err = x509.ParseCertificate(der)
	})
	return s.err
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}

// CACertificatePEM is the simulator's CA certificate, for a trust store.
func (s *Simulator) CACertificatePEM() ([]byte, error) {
	if err := s.init(); err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.ca.Raw}), nil
}

// user returns the officer's key, issuing a certificate on first use; the
// caller holds s.mu.
func (s *Simulator) user(userID string) (*simUser, error) {
	if u := s.users[userID]; u != nil {
		return u, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	name := userID
	if s.Names != nil {
		if n := s.Names(userID); n != "" {
			name = n
		}
	}
	now := time.Now()
	tpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name, Organization: s.ca.Subject.Organization, Country: []string{"VN"}, SerialNumber: userID},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(3, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 36}},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, s.ca, &key.PublicKey, s.caKey)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	u := &simUser{key: key, cert: cert}
	s.users[userID] = u
	return u, nil
}

// Certificate implements Provider.
func (s *Simulator) Certificate(_ context.Context, userID string) (*x509.Certificate, []*x509.Certificate, error) {
	if err := s.init(); err != nil {
		return nil, nil, err
	}
	if userID == "" || s.NoCertificate[userID] {
		return nil, nil, ErrNoCertificate
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.user(userID)
	if err != nil {
		return nil, nil, err
	}
	return u.cert, []*x509.Certificate{s.ca}, nil
}

// Request implements Provider.
func (s *Simulator) Request(_ context.Context, r Request) (string, error) {
	if err := s.init(); err != nil {
		return "", err
	}
	if len(r.Digest) != sha256.Size {
		return "", errors.New("remotesign simulator: the digest must be SHA-256")
	}
	if s.NoCertificate[r.UserID] {
		return "", ErrNoCertificate
	}
	exp := s.Expiry
	if exp <= 0 {
		exp = 5 * time.Minute
	}
	id := make([]byte, 12)
	rand.Read(id)
	t := &simTxn{SimRequest: SimRequest{ID: hex.EncodeToString(id), UserID: r.UserID, Document: r.Document,
		Digest: hex.EncodeToString(r.Digest), At: r.At, State: Pending}, digest: r.Digest, expires: time.Now().Add(exp)}
	s.mu.Lock()
	s.txns[t.ID] = t
	s.mu.Unlock()
	return t.ID, nil
}

// Status implements Provider.
func (s *Simulator) Status(_ context.Context, txnID string) (Outcome, error) {
	if err := s.init(); err != nil {
		return Outcome{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.txns[txnID]
	if t == nil {
		return Outcome{}, errors.New("remotesign simulator: unknown transaction")
	}
	if t.State == Pending && s.AutoApprove {
		if err := s.approve(t); err != nil {
			return Outcome{}, err
		}
	}
	if t.State == Pending && time.Now().After(t.expires) {
		t.State = Expired
	}
	return Outcome{State: t.State, CMS: t.cms}, nil
}

// approve signs the request's digest with the officer's key; the caller
// holds s.mu.
func (s *Simulator) approve(t *simTxn) error {
	u, err := s.user(t.UserID)
	if err != nil {
		return err
	}
	at := t.At
	if at.IsZero() {
		at = time.Now()
	}
	cms, err := signature.DetachedCMS(t.digest, at, u.key, u.cert, []*x509.Certificate{s.ca})
	if err != nil {
		return err
	}
	t.State, t.cms = Approved, cms
	return nil
}

// Approve is the officer tapping "Đồng ý" on the phone.
func (s *Simulator) Approve(txnID string) error { return s.decide(txnID, true) }

// Refuse is the officer tapping "Từ chối" on the phone.
func (s *Simulator) Refuse(txnID string) error { return s.decide(txnID, false) }

func (s *Simulator) decide(txnID string, ok bool) error {
	if err := s.init(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.txns[txnID]
	if t == nil || t.State != Pending {
		return errors.New("remotesign simulator: no pending request with this ID")
	}
	if !ok {
		t.State = Refused
		return nil
	}
	return s.approve(t)
}

// Pending lists the requests waiting on an officer's phone, oldest first.
func (s *Simulator) Pending(userID string) []SimRequest {
	if s.init() != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []SimRequest
	for _, t := range s.txns {
		if t.UserID == userID && t.State == Pending {
			out = append(out, t.SimRequest)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}
