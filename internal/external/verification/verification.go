// Package verification connects judicial-record requests with the agencies
// that hold criminal-record data (provincial police records, courts,
// civil-judgment enforcement offices). The real connections are each
// agency's own system (the national judicial record database and the
// police's records system); until one is wired, Simulator stands in for
// them: it answers every request after a configurable delay, from records
// it was given.
package verification

import (
	"context"
	"sync"
	"time"

	"tuphap/internal/judicialrecord"
)

// Simulator is an in-memory judicialrecord.Verifier.
type Simulator struct {
	// Delay is how long an agency takes to answer; DelayFor overrides it
	// per agency kind.
	Delay    time.Duration
	DelayFor map[string]time.Duration
	// Records are the convictions each agency holds, by ID number.
	Records map[string]map[string][]judicialrecord.Conviction
	// Now is the clock (defaults to time.Now).
	Now func() time.Time

	mu   sync.Mutex
	sent map[string]judicialrecord.VerificationRequest
}

var _ judicialrecord.Verifier = (*Simulator)(nil)

func (s *Simulator) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Send records the request.
func (s *Simulator) Send(ctx context.Context, r judicialrecord.VerificationRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sent == nil {
		s.sent = map[string]judicialrecord.VerificationRequest{}
	}
	s.sent[r.Ref] = r
	return nil
}

// Poll answers once the agency's delay has passed since the request.
func (s *Simulator) Poll(ctx context.Context, ref string) (*judicialrecord.VerificationAnswer, error) {
	s.mu.Lock()
	r, ok := s.sent[ref]
	s.mu.Unlock()
	if !ok {
		return nil, nil // not sent through this simulator (e.g. after a restart)
	}
	d := s.Delay
	if v, ok := s.DelayFor[r.Agency]; ok {
		d = v
	}
	at := r.SentAt.Add(d)
	if s.now().Before(at) {
		return nil, nil
	}
	ans := &judicialrecord.VerificationAnswer{Ref: ref, At: at}
	for _, c := range s.Records[r.Agency][r.IDNumber] {
		ans.Convictions = append(ans.Convictions, c)
	}
	return ans, nil
}
