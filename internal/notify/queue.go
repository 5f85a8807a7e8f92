// Package notify delivers notifications (e-mail, SMS; Zalo later) through a
// transactional outbox.
//
// The business transaction that changes a dossier also inserts one outbox row
// per message (sqlstore owns the table and the SQL). A Worker in the same
// process claims due rows with a lease, hands each to the Sender of its
// channel, and records the outcome: Done, Retry with backoff, or Dead after
// MaxAttempts or on a Permanent error. Dead rows stay in the table for admins.
//
// Delivery is at least once: a message can reach its recipient twice (a
// worker that sent it and crashed before Done, or a lease that ran out in the
// middle of a slow send). Adapters reduce the harm where the protocol allows:
// SMTPSender derives the Message-ID from the tenant and message ID, so mail
// clients fold duplicates; gateway adapters should pass Message.Key to
// providers that accept an idempotency key.
//
// Wiring, in cmd:
//
//	wake := make(chan struct{}, 1)
//	w := &notify.Worker{Queue: outbox, Senders: map[notify.Channel]notify.Sender{
//		notify.Email: &notify.SMTPSender{Addr: "mail.example.gov.vn:587", From: "...", StartTLS: true},
//		notify.SMS:   &notify.SMSSimulator{Unaccented: true},
//	}, Wake: wake}
//	go w.Run(ctx)
//	// after committing a transaction that enqueued messages:
//	notify.Nudge(wake)
package notify

import (
	"context"
	"errors"
	"time"
)

// Channel names a delivery channel; it is stored in the outbox row.
type Channel string

const (
	Email Channel = "email"
	SMS   Channel = "sms"
)

// Message is one outbox row as the worker sees it.
type Message struct {
	TenantID string
	ID       string
	Channel  Channel
	To       string // e-mail address or phone number, as entered
	Subject  string // e-mail only; empty for SMS
	Body     string
	// Attempts counts the claims of this message so far, this one included
	// (see Queue.Claim). It is also the fencing token of the current lease.
	Attempts  int
	CreatedAt time.Time
	// Key is an optional idempotency key, e.g. dossier code + event. The
	// outbox keeps at most one message per (tenant, key) when it is set.
	Key string
}

// Queue is the worker's view of the outbox table. sqlstore implements it on
// SQLite and PostgreSQL; the contract below is what the worker relies on.
//
// (sqlstore.Outbox implements it on the table of migrations 00003 and 00005,
// where to_addr, idem_key and leased_by below are named recipient, msg_key
// and worker, and a delivered row also gets sent_at.)
//
// Table (suggested): outbox(tenant_id, id, channel, to_addr, subject, body,
// idem_key, status, attempts, next_attempt_at, leased_by, lease_until,
// last_error, created_at, updated_at), primary key (tenant_id, id), index on
// (status, next_attempt_at), and a unique index on (tenant_id, idem_key) where
// idem_key <> ” so that enqueueing the same event twice (INSERT ... ON
// CONFLICT DO NOTHING) yields one message. status is one of 'pending',
// 'leased', 'done', 'dead'. Enqueueing is not part of this interface: it
// happens inside the business transaction, with status 'pending',
// attempts 0 and next_attempt_at = now.
//
// Claim atomically takes up to limit due messages of any tenant and leases
// them to worker until now+lease. Due means
//
//	(status = 'pending' AND next_attempt_at <= now)
//	OR (status = 'leased' AND lease_until <= now)   -- the reaper: a worker died or stalled
//
// oldest next_attempt_at first. In the same statement it sets status
// 'leased', leased_by = worker, lease_until = now+lease and
// attempts = attempts+1, and returns the rows with the incremented Attempts.
// Counting at claim time (not on failure) means a message that crashes the
// process on every try still runs out of attempts; the worker declares it
// Dead without sending once Attempts exceeds MaxAttempts.
//
// Claim must be safe for concurrent workers, in one process or several: no
// message may be returned to two callers for the same lease. On PostgreSQL
// select the candidates with FOR UPDATE SKIP LOCKED inside the UPDATE:
//
//	UPDATE outbox o SET status = 'leased', leased_by = $1, lease_until = $2,
//	       attempts = o.attempts + 1, updated_at = $3
//	FROM (SELECT tenant_id, id FROM outbox
//	      WHERE (status = 'pending' AND next_attempt_at <= $3)
//	         OR (status = 'leased' AND lease_until <= $3)
//	      ORDER BY next_attempt_at LIMIT $4
//	      FOR UPDATE SKIP LOCKED) c
//	WHERE o.tenant_id = c.tenant_id AND o.id = c.id
//	RETURNING o.tenant_id, o.id, ...
//
// On SQLite the single writer connection with _txlock=immediate serialises
// claims; use UPDATE ... WHERE (tenant_id, id) IN (SELECT ... LIMIT $4)
// RETURNING. "now" is the store's clock, the same clock on every call.
//
// Done, Retry and Dead receive the Message exactly as Claim returned it and
// must change the row only while this lease still holds:
//
//	WHERE tenant_id = $1 AND id = $2 AND status = 'leased' AND attempts = $3
//
// Attempts is the fencing token: any later claim has incremented it. When no
// row matches (the lease ran out and another worker took the message, or an
// admin changed it) they return ErrLeaseLost and change nothing.
//
//   - Done sets status 'done' (clear lease_until; keep the row for the dossier's
//     history, purge bodies after the retention period: they hold personal data).
//   - Retry sets status 'pending', next_attempt_at = next, last_error = lastErr.
//   - Dead sets status 'dead', last_error = lastErr. Dead rows are listed for
//     admins; requeueing one sets status 'pending', attempts 0,
//     next_attempt_at = now.
//
// lastErr is short (the worker truncates it) and may be shown to admins.
// Errors other than ErrLeaseLost mean the store could not be reached; the
// lease then expires and the message is claimed again (at least once).
type Queue interface {
	Claim(ctx context.Context, worker string, limit int, lease time.Duration) ([]Message, error)
	Done(ctx context.Context, m Message) error
	Retry(ctx context.Context, m Message, lastErr string, next time.Time) error
	Dead(ctx context.Context, m Message, lastErr string) error
}

// ErrLeaseLost is returned by Done, Retry and Dead when the message is no
// longer leased under the Attempts the caller holds.
var ErrLeaseLost = errors.New("notify: lease lost")

// Sender delivers one message on one channel. Send must respect ctx. An error
// wrapped with Permanent means retrying cannot help (bad address, rejected
// recipient, body too long); any other error is retried with backoff.
// Errors should not quote the recipient or the body: they are logged.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Permanent marks err as not worth retrying: the worker moves the message
// straight to Dead. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err: err}
}

// IsPermanent reports whether err, or an error it wraps, was marked Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// Nudge wakes a Worker whose Wake is ch without blocking: call it after the
// transaction that enqueued messages has committed. ch should have a buffer
// of one; a nudge while one is pending is dropped, which loses nothing.
func Nudge(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
