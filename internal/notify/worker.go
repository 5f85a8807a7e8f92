package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Defaults for the zero fields of Worker.
const (
	DefaultBatch       = 16
	DefaultLease       = 5 * time.Minute
	DefaultPoll        = 10 * time.Second
	DefaultMaxAttempts = 8
	DefaultConcurrency = 4

	backoffBase = 30 * time.Second
	backoffCap  = time.Hour

	// settleTimeout bounds Done/Retry/Dead, which run on a context detached
	// from the caller's so that a shutdown does not forget a sent message.
	settleTimeout = 10 * time.Second
	maxLastErr    = 500 // bytes of last_error kept in the outbox
)

// Worker claims due outbox messages and sends them. The zero value of every
// field but Queue and Senders has a default. Fields must not change while
// Run is active.
//
// The messages of one claimed batch are sent concurrently, at most
// Concurrency at a time (default 4): SMTP and SMS gateways answer in hundreds
// of milliseconds, so sending one by one would let a batch outlive its lease.
// Every send of a round shares a deadline of four fifths of Lease after the
// claim, so a healthy worker never sends under an expired lease.
type Worker struct {
	Queue   Queue
	Senders map[Channel]Sender
	Name    string        // leased_by; default host-pid
	Batch   int           // messages per claim; default 16
	Lease   time.Duration // default 5 min; must exceed the slowest send
	Poll    time.Duration // wait between rounds when idle; default 10 s
	// MaxAttempts is the number of sends before a failing message is Dead;
	// default 8 (with the default backoff, about an hour and a half).
	MaxAttempts int
	// Backoff returns the wait before the next try after attempt failed
	// sends (attempt >= 1). Default: DefaultBackoff.
	Backoff     func(attempt int) time.Duration
	Now         func() time.Time // clock for next_attempt_at; default time.Now
	Log         *slog.Logger     // default slog.Default()
	Wake        <-chan struct{}  // optional; see Nudge
	Concurrency int              // parallel sends per batch; default 4, 1 = sequential
	// Journal, when set, logs each outcome on the message's dossier.
	Journal Journal
}

// DefaultBackoff is exponential from 30 s, doubling per attempt, capped at
// one hour, with ±20 % jitter so that messages failed together (a gateway
// outage) do not come back together.
func DefaultBackoff(attempt int) time.Duration {
	d := backoffBase
	for i := 1; i < attempt && d < backoffCap; i++ {
		d *= 2
	}
	d = min(d, backoffCap)
	d = time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	return min(d, backoffCap)
}

// config returns w with defaults filled in, leaving w untouched.
func (w *Worker) config() Worker {
	c := *w
	if c.Name == "" {
		host, _ := os.Hostname()
		c.Name = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if c.Batch <= 0 {
		c.Batch = DefaultBatch
	}
	if c.Lease <= 0 {
		c.Lease = DefaultLease
	}
	if c.Poll <= 0 {
		c.Poll = DefaultPoll
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.Backoff == nil {
		c.Backoff = DefaultBackoff
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	return c
}

// RunOnce claims one batch and sends it. sent counts the messages marked
// Done. Send failures are not errors of RunOnce: they become Retry or Dead.
// err reports a failed claim or failed bookkeeping (Done/Retry/Dead), joined.
func (w *Worker) RunOnce(ctx context.Context) (sent int, err error) {
	c := w.config()
	sent, _, err = c.round(ctx)
	return sent, err
}

// Run repeats rounds until ctx is done, then returns nil. After a full batch
// it claims again at once; otherwise it waits Poll or a nudge on Wake.
// Errors are logged and retried on the next round.
func (w *Worker) Run(ctx context.Context) error {
	c := w.config()
	if c.Queue == nil {
		return errors.New("notify: Worker.Queue is nil")
	}
	wake := c.Wake
	timer := time.NewTimer(c.Poll)
	defer timer.Stop()
	for {
		_, claimed, err := c.round(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			c.Log.Error("notify: round failed", "worker", c.Name, "err", err)
		}
		if err == nil && claimed >= c.Batch {
			continue
		}
		timer.Reset(c.Poll)
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		case _, ok := <-wake:
			if !ok {
				wake = nil // a closed channel would otherwise spin
			}
		}
	}
}

func (c *Worker) round(ctx context.Context) (sent, claimed int, err error) {
	if c.Queue == nil {
		return 0, 0, errors.New("notify: Worker.Queue is nil")
	}
	if err := ctx.Err(); err != nil {
		return 0, 0, err
	}
	msgs, err := c.Queue.Claim(ctx, c.Name, c.Batch, c.Lease)
	if err != nil {
		return 0, 0, fmt.Errorf("notify: claim: %w", err)
	}
	if len(msgs) == 0 {
		return 0, 0, nil
	}
	sendCtx, cancel := context.WithTimeout(ctx, c.Lease*4/5)
	defer cancel()

	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, c.Concurrency)
	)
	for _, m := range msgs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			ok, err := c.process(ctx, sendCtx, m)
			mu.Lock()
			defer mu.Unlock()
			if ok {
				sent++
			}
			if err != nil {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	return sent, len(msgs), errors.Join(errs...)
}

// process sends one claimed message and records the outcome. ctx is the
// caller's; sendCtx adds the round's deadline.
func (c *Worker) process(ctx, sendCtx context.Context, m Message) (sent bool, err error) {
	log := c.Log.With("worker", c.Name, "tenant", m.TenantID, "message", m.ID,
		"channel", string(m.Channel), "attempt", m.Attempts)

	if m.Attempts > c.MaxAttempts {
		// Claimed again and again without an outcome: the process died
		// while sending it. Do not try a poison message once more.
		log.Error("notify: message dead without sending: too many claims")
		return false, c.settle(ctx, log, "dead", func(ctx context.Context) error {
			return c.Queue.Dead(ctx, m, "quá số lần gửi tối đa: tiến trình gửi bị gián đoạn nhiều lần")
		})
	}
	if sendCtx.Err() != nil {
		// Shutdown, or the round's deadline passed before this message's
		// turn: hand it back for an immediate new claim, untried.
		return false, c.settle(ctx, log, "retry", func(ctx context.Context) error {
			return c.Queue.Retry(ctx, m, "chưa gửi: tiến trình gửi dừng hoặc hết thời hạn giữ tin", c.Now())
		})
	}

	sender := c.Senders[m.Channel]
	var ref string
	if sender == nil {
		// A configuration gap (no adapter for the channel yet) is fixed by a
		// deploy, not by the message: retry rather than kill it.
		err = fmt.Errorf("chưa cấu hình kênh gửi %q", m.Channel)
	} else {
		ref, err = safeSend(sendCtx, sender, m)
	}
	if err == nil {
		log.Info("notify: sent")
		lost := false
		err := c.settle(ctx, log, "done", func(ctx context.Context) error {
			err := c.Queue.Done(ctx, m)
			lost = errors.Is(err, ErrLeaseLost)
			return err
		})
		if err == nil && !lost {
			c.journal(ctx, log, m, Outcome{Status: OutSent, Ref: ref})
		}
		// Sent, but counted only when marked Done (RunOnce's contract).
		return err == nil && !lost, err
	}

	lastErr := truncate(redact(err.Error(), m.To), maxLastErr)
	sendErr := err
	defer func() {
		// Once the outcome is settled: the log follows the queue.
		st := OutRetrying
		if IsPermanent(sendErr) || m.Attempts >= c.MaxAttempts {
			st = OutFailed
		}
		if ctx.Err() == nil {
			c.journal(ctx, log, m, Outcome{Status: st, Error: lastErr})
		}
	}()
	switch {
	case ctx.Err() != nil:
		log.Warn("notify: send interrupted by shutdown", "err", lastErr)
		return false, c.settle(ctx, log, "retry", func(ctx context.Context) error {
			return c.Queue.Retry(ctx, m, "gửi bị ngắt do tiến trình dừng: "+lastErr, c.Now())
		})
	case IsPermanent(err):
		log.Warn("notify: permanent failure, message dead", "err", lastErr)
		return false, c.settle(ctx, log, "dead", func(ctx context.Context) error {
			return c.Queue.Dead(ctx, m, lastErr)
		})
	case m.Attempts >= c.MaxAttempts:
		log.Error("notify: attempts exhausted, message dead", "err", lastErr)
		return false, c.settle(ctx, log, "dead", func(ctx context.Context) error {
			return c.Queue.Dead(ctx, m, lastErr)
		})
	default:
		next := c.Now().Add(c.Backoff(m.Attempts))
		log.Warn("notify: send failed, will retry", "err", lastErr, "next", next)
		return false, c.settle(ctx, log, "retry", func(ctx context.Context) error {
			return c.Queue.Retry(ctx, m, lastErr, next)
		})
	}
}

// settle records an outcome on a context that survives the caller's
// cancellation: a message sent just before shutdown must still be Done.
// A lost lease is expected under at-least-once delivery and not an error.
func (c *Worker) settle(ctx context.Context, log *slog.Logger, what string, f func(context.Context) error) error {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	err := f(sctx)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrLeaseLost):
		log.Warn("notify: lease lost before "+what, "err", err)
		return nil
	default:
		return fmt.Errorf("notify: %s: %w", what, err)
	}
}

// safeSend turns a panicking adapter into an ordinary, retryable error.
func safeSend(ctx context.Context, s Sender, m Message) (ref string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("notify: sender panicked: %v", r)
		}
	}()
	return send(ctx, s, m)
}

// journal records an outcome in the message log, when there is one.
func (c *Worker) journal(ctx context.Context, log *slog.Logger, m Message, o Outcome) {
	if c.Journal == nil {
		return
	}
	if o.At.IsZero() {
		o.At = c.Now()
	}
	jctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	if err := c.Journal.Record(jctx, m, o); err != nil {
		log.Warn("notify: message log not updated", "err", err)
	}
}

// redact removes the recipient from an error text (SMTP servers echo it) so
// that neither the log nor last_error repeats personal data needlessly.
func redact(s, to string) string {
	if to = strings.TrimSpace(to); to == "" {
		return s
	}
	return strings.ReplaceAll(s, to, "<người nhận>")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
