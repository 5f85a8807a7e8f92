// Package remotesign signs documents through a remote-signing service (ký
// số từ xa), the way the national services licensed under Decree
// 23/2025/NĐ-CP work (e.g. VNPT SmartCA, Viettel MySign): the officer's key
// and certificate are held by the provider; tuphap asks for the officer's
// certificate, sends a sign request carrying only the document's hash, the
// officer approves it on the phone (the provider's app, or a one-time
// code), and the provider returns the CMS signature, which is embedded in
// the PDF.
//
// Provider is the adapter boundary: each vendor's HTTP API is one
// implementation of it. Simulator is the local provider (its own CA and a
// certificate per officer) that the tests and `serve --demo` use; no
// vendor's API is implemented yet.
package remotesign

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/signature"
)

// State is where a sign request stands.
type State string

const (
	Pending  State = "pending"  // waiting for the officer's approval
	Approved State = "approved" // signed: the CMS is there
	Refused  State = "refused"  // the officer declined on the phone
	Expired  State = "expired"  // nobody approved in time
)

// Request asks an officer to sign a document's hash.
type Request struct {
	// UserID is the officer's account at the provider.
	UserID string
	// Document names the document on the officer's phone ("Kết quả hồ sơ
	// 000.00.00.H82-261106-0001").
	Document string
	// Digest is the SHA-256 of the PDF's signed byte range.
	Digest []byte
	// At is the signing time put in the signature.
	At time.Time
}

// Outcome is the state of a request and, once approved, the detached CMS.
type Outcome struct {
	State State
	CMS   []byte
}

// Provider is a remote-signing service.
type Provider interface {
	// Certificate returns the officer's signing certificate and its chain
	// (ErrNoCertificate when the officer has none with the provider).
	Certificate(ctx context.Context, userID string) (*x509.Certificate, []*x509.Certificate, error)
	// Request sends a sign request; the officer is asked to approve it.
	// It returns the provider's transaction ID.
	Request(ctx context.Context, r Request) (string, error)
	// Status reports a transaction's state.
	Status(ctx context.Context, txnID string) (Outcome, error)
}

// ErrNoCertificate: the officer has no certificate with the provider.
var ErrNoCertificate = errors.New("remotesign: no certificate for this user")

// Signer is a signature.Signer that signs as one officer through a
// Provider: the request's context, the officer's account and how long to
// wait for the approval.
type Signer struct {
	Provider Provider
	UserID   string
	// Ctx is the context of the request that asked for the signature.
	Ctx context.Context
	// Wait is how long the officer has to approve (default 2 minutes);
	// Poll is how often the status is asked (default 1 second).
	Wait, Poll time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time

	cert *x509.Certificate
}

var _ signature.Signer = (*Signer)(nil)

// Certificate is the officer's certificate at the provider (nil before a
// first Sign or on error).
func (s *Signer) Certificate() *x509.Certificate {
	if s.cert == nil {
		c, _, err := s.Provider.Certificate(s.ctx(), s.UserID)
		if err == nil {
			s.cert = c
		}
	}
	return s.cert
}

func (s *Signer) ctx() context.Context {
	if s.Ctx != nil {
		return s.Ctx
	}
	return context.Background()
}

// Sign prepares the PDF's signature field for the officer's certificate,
// sends its hash to the provider, waits for the officer's approval and
// embeds the returned CMS. The signed file is checked before it is
// returned: a CMS that does not verify for the officer's certificate over
// this very file is refused.
func (s *Signer) Sign(pdf []byte, info signature.Info) ([]byte, error) {
	ctx := s.ctx()
	cert, chain, err := s.Provider.Certificate(ctx, s.UserID)
	if errors.Is(err, ErrNoCertificate) {
		return nil, apperr.New(apperr.Conflict, "Tài khoản của bạn chưa có chứng thư số ký từ xa: hãy đăng ký với nhà cung cấp dịch vụ ký số từ xa của cơ quan.")
	}
	if err != nil {
		return nil, apperr.Wrap(apperr.Unavailable, "Không kết nối được dịch vụ ký số từ xa; vui lòng thử lại.", err)
	}
	s.cert = cert
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	if info.Date.IsZero() {
		info.Date = now()
	}
	prep, err := signature.Prepare(pdf, cert, chain, info)
	if err != nil {
		return nil, apperr.Wrap(apperr.Conflict, "Không ký số được tệp này: hãy dùng tệp PDF hợp lệ.", err)
	}
	txn, err := s.Provider.Request(ctx, Request{UserID: s.UserID, Document: info.Reason, Digest: prep.Digest, At: info.Date})
	if err != nil {
		return nil, apperr.Wrap(apperr.Unavailable, "Không gửi được yêu cầu ký số từ xa; vui lòng thử lại.", err)
	}
	wait, poll := s.Wait, s.Poll
	if wait <= 0 {
		wait = 2 * time.Minute
	}
	if poll <= 0 {
		poll = time.Second
	}
	deadline := time.Now().Add(wait)
	for {
		out, err := s.Provider.Status(ctx, txn)
		if err != nil {
			return nil, apperr.Wrap(apperr.Unavailable, "Không nhận được kết quả ký số từ xa; vui lòng thử lại.", err)
		}
		switch out.State {
		case Approved:
			signed, err := prep.Embed(out.CMS)
			if err != nil {
				return nil, apperr.Wrap(apperr.Unavailable, "Dịch vụ ký số từ xa trả về chữ ký không hợp lệ.", err)
			}
			if r := signature.Verify(signed, cert); !r.Valid {
				return nil, apperr.Wrap(apperr.Unavailable, "Dịch vụ ký số từ xa trả về chữ ký không hợp lệ.", fmt.Errorf("remotesign: %s", r.Reason))
			}
			return signed, nil
		case Refused:
			return nil, apperr.New(apperr.Conflict, "Yêu cầu ký số đã bị từ chối trên điện thoại; tài liệu chưa được ký.")
		case Expired:
			return nil, apperr.New(apperr.Conflict, "Hết thời gian chờ xác nhận ký số trên điện thoại; hãy ký lại.")
		}
		if time.Now().After(deadline) {
			return nil, apperr.New(apperr.Conflict, "Hết thời gian chờ xác nhận ký số trên điện thoại; hãy ký lại.")
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
	}
}
