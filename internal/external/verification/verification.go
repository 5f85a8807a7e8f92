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
	"time"

	"tuphap/internal/judicialrecord"
)

// Simulator is a stateless judicialrecord.Verifier: it answers a request
// once the agency's delay has passed since it was sent, from the records
// it was given (so pending checks are answered after a restart too).
type Simulator struct {
	// Delay is how long an agency takes to answer; DelayFor overrides it
	// per agency kind.
	Delay    time.Duration
	DelayFor map[string]time.Duration
	// Records are the convictions each agency holds, by ID number.
	Records map[string]map[string][]judicialrecord.Conviction
	// Now is the clock (defaults to time.Now).
	Now func() time.Time
}

var _ judicialrecord.Verifier = (*Simulator)(nil)

func (s *Simulator) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Send accepts the request (the simulator keeps nothing).
func (s *Simulator) Send(ctx context.Context, r judicialrecord.VerificationRequest) error { return nil }

// Poll answers once the agency's delay has passed since the request.
func (s *Simulator) Poll(ctx context.Context, r judicialrecord.VerificationRequest) (*judicialrecord.VerificationAnswer, error) {
	d := s.Delay
	if v, ok := s.DelayFor[r.Agency]; ok {
		d = v
	}
	at := r.SentAt.Add(d)
	if s.now().Before(at) {
		return nil, nil
	}
	ans := &judicialrecord.VerificationAnswer{Ref: r.Ref, At: at}
	ans.Convictions = append(ans.Convictions, s.Records[r.Agency][r.IDNumber]...)
	return ans, nil
}
