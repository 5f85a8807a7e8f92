package notify

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// fakeQueue is an in-memory outbox following the Queue contract: claims
// take due messages and increment attempts; outcomes are fenced by attempts.
type fakeQueue struct {
	mu   sync.Mutex
	now  func() time.Time
	rows map[string]*fakeRow
	// claimErr, when set, fails every Claim.
	claimErr error
}

type fakeRow struct {
	m          Message
	status     string
	next       time.Time
	leaseUntil time.Time
	lastErr    string
	outcomes   []string
}

func newFakeQueue(now func() time.Time, msgs ...Message) *fakeQueue {
	q := &fakeQueue{now: now, rows: map[string]*fakeRow{}}
	for _, m := range msgs {
		q.add(m)
	}
	return q
}

func (q *fakeQueue) add(m Message) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.rows[m.ID] = &fakeRow{m: m, status: "pending", next: q.now()}
}

func (q *fakeQueue) Claim(ctx context.Context, worker string, limit int, lease time.Duration) ([]Message, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.claimErr != nil {
		return nil, q.claimErr
	}
	now := q.now()
	var out []Message
	for _, r := range q.rows {
		if len(out) >= limit {
			break
		}
		due := (r.status == "pending" && !r.next.After(now)) || (r.status == "leased" && !r.leaseUntil.After(now))
		if !due {
			continue
		}
		r.status, r.leaseUntil = "leased", now.Add(lease)
		r.m.Attempts++
		out = append(out, r.m)
	}
	return out, nil
}

func (q *fakeQueue) settle(m Message, f func(r *fakeRow)) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	r := q.rows[m.ID]
	if r == nil || r.status != "leased" || r.m.Attempts != m.Attempts {
		return ErrLeaseLost
	}
	f(r)
	return nil
}

func (q *fakeQueue) Done(ctx context.Context, m Message) error {
	return q.settle(m, func(r *fakeRow) { r.status = "done"; r.outcomes = append(r.outcomes, "done") })
}

func (q *fakeQueue) Retry(ctx context.Context, m Message, lastErr string, next time.Time) error {
	return q.settle(m, func(r *fakeRow) {
		r.status, r.lastErr, r.next = "pending", lastErr, next
		r.outcomes = append(r.outcomes, "retry")
	})
}

func (q *fakeQueue) Dead(ctx context.Context, m Message, lastErr string) error {
	return q.settle(m, func(r *fakeRow) {
		r.status, r.lastErr = "dead", lastErr
		r.outcomes = append(r.outcomes, "dead")
	})
}

func (q *fakeQueue) row(id string) fakeRow {
	q.mu.Lock()
	defer q.mu.Unlock()
	return *q.rows[id]
}

// senderFunc adapts a function to Sender.
type senderFunc func(ctx context.Context, m Message) error

func (f senderFunc) Send(ctx context.Context, m Message) error { return f(ctx, m) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var t0 = time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return t0 }

func TestWorkerOutcomes(t *testing.T) {
	transient := errors.New("421 máy chủ thư bận")
	tests := []struct {
		name       string
		attempts   int // attempts before this claim
		send       func(ctx context.Context, m Message) error
		wantStatus string
		wantErr    string // substring of last_error
		wantNext   time.Time
		wantSends  int
	}{
		{"delivered", 0, func(context.Context, Message) error { return nil }, "done", "", time.Time{}, 1},
		// Backoff(1) = 1 min in this test: next attempt one minute later.
		{"transient failure retried with backoff", 0, func(context.Context, Message) error { return transient }, "pending", "máy chủ thư bận", t0.Add(time.Minute), 1},
		{"second failure backs off longer", 1, func(context.Context, Message) error { return transient }, "pending", "máy chủ thư bận", t0.Add(2 * time.Minute), 1},
		{"permanent failure is dead at once", 0, func(context.Context, Message) error {
			return Permanent(errors.New("550 hộp thư không tồn tại"))
		}, "dead", "550", time.Time{}, 1},
		// MaxAttempts is 3: a message claimed for the third time that fails is dead.
		{"last allowed attempt fails: dead", 2, func(context.Context, Message) error { return transient }, "dead", "máy chủ thư bận", time.Time{}, 1},
		{"claimed beyond max attempts: dead without sending", 3, func(context.Context, Message) error { return nil }, "dead", "quá số lần gửi tối đa", time.Time{}, 0},
		{"panicking sender is retried", 0, func(context.Context, Message) error { panic("nil map") }, "pending", "sender panicked: nil map", t0.Add(time.Minute), 1},
		{"recipient redacted from the error", 0, func(_ context.Context, m Message) error { return errors.New("550 <" + m.To + "> rejected") }, "pending", "<<người nhận>> rejected", t0.Add(time.Minute), 1},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := newFakeQueue(fixedNow, Message{TenantID: "t", ID: "m1", Channel: SMS, To: "0912345678", Body: "x", Attempts: tc.attempts})
			sends := 0
			w := &Worker{Queue: q, Name: "w", MaxAttempts: 3, Now: fixedNow, Log: quiet,
				Backoff: func(n int) time.Duration { return time.Duration(n) * time.Minute },
				Senders: map[Channel]Sender{SMS: senderFunc(func(ctx context.Context, m Message) error {
					sends++
					return tc.send(ctx, m)
				})}}
			sent, err := w.RunOnce(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			r := q.row("m1")
			if r.status != tc.wantStatus {
				t.Errorf("status = %q, want %q (last error %q)", r.status, tc.wantStatus, r.lastErr)
			}
			if !strings.Contains(r.lastErr, tc.wantErr) {
				t.Errorf("last error = %q, want it to contain %q", r.lastErr, tc.wantErr)
			}
			if strings.Contains(r.lastErr, "0912345678") {
				t.Errorf("last error quotes the recipient: %q", r.lastErr)
			}
			if tc.wantStatus == "pending" && !r.next.Equal(tc.wantNext) {
				t.Errorf("next attempt = %v, want %v", r.next, tc.wantNext)
			}
			if sends != tc.wantSends {
				t.Errorf("sends = %d, want %d", sends, tc.wantSends)
			}
			if want := map[bool]int{true: 1, false: 0}[tc.wantStatus == "done"]; sent != want {
				t.Errorf("RunOnce sent = %d, want %d", sent, want)
			}
		})
	}
}

func TestDefaultBackoff(t *testing.T) {
	for _, tc := range []struct {
		attempt int
		base    time.Duration
	}{{1, 30 * time.Second}, {2, time.Minute}, {3, 2 * time.Minute}, {8, 64 * time.Minute}, {30, time.Hour}} {
		for range 50 {
			d := DefaultBackoff(tc.attempt)
			// Capped at one hour before and after the ±20 % jitter.
			base := min(tc.base, time.Hour)
			lo := time.Duration(float64(base) * 0.8)
			hi := min(time.Duration(float64(base)*1.2), time.Hour)
			if d < lo || d > hi {
				t.Fatalf("DefaultBackoff(%d) = %v, want in [%v, %v]", tc.attempt, d, lo, hi)
			}
		}
	}
}

func TestWorkerNoSenderForChannelRetries(t *testing.T) {
	q := newFakeQueue(fixedNow, Message{TenantID: "t", ID: "m1", Channel: "zalo", To: "x"})
	w := &Worker{Queue: q, Now: fixedNow, Log: quiet, Backoff: func(int) time.Duration { return time.Minute }}
	if _, err := w.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := q.row("m1"); r.status != "pending" || !strings.Contains(r.lastErr, "chưa cấu hình kênh gửi") {
		t.Fatalf("row = %+v", r)
	}
}

func TestWorkerLeaseLostIsNotAnError(t *testing.T) {
	q := newFakeQueue(fixedNow, Message{TenantID: "t", ID: "m1", Channel: SMS, To: "x"})
	w := &Worker{Queue: q, Now: fixedNow, Log: quiet, Senders: map[Channel]Sender{SMS: senderFunc(func(ctx context.Context, m Message) error {
		// Another worker took the message meanwhile (its lease ran out).
		q.mu.Lock()
		q.rows["m1"].m.Attempts++
		q.mu.Unlock()
		return nil
	})}}
	sent, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("lease lost reported as error: %v", err)
	}
	if sent != 0 {
		t.Errorf("sent = %d for a message whose Done was fenced off", sent)
	}
	if got := q.row("m1").outcomes; len(got) != 0 {
		t.Errorf("outcomes recorded under a lost lease: %v", got)
	}
}

func TestWorkerClaimErrorReported(t *testing.T) {
	q := newFakeQueue(fixedNow)
	q.claimErr = errors.New("db down")
	w := &Worker{Queue: q, Log: quiet}
	if _, err := w.RunOnce(context.Background()); err == nil || !strings.Contains(err.Error(), "db down") {
		t.Fatalf("err = %v", err)
	}
}

// TestWorkerRunWakeAndShutdown runs the loop in a synctest bubble: a nudge
// makes it send at once (no poll wait), and a shutdown in the middle of a
// send settles the message as a retry instead of leaving it leased.
func TestWorkerRunWakeAndShutdown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newFakeQueue(time.Now)
		release := make(chan struct{})
		var mu sync.Mutex
		var got []string
		sender := senderFunc(func(ctx context.Context, m Message) error {
			if m.Body == "slow" {
				select {
				case <-release:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			mu.Lock()
			got = append(got, m.ID)
			mu.Unlock()
			return nil
		})
		wake := make(chan struct{}, 1)
		ctx, cancel := context.WithCancel(context.Background())
		w := &Worker{Queue: q, Senders: map[Channel]Sender{SMS: sender}, Wake: wake, Poll: time.Hour, Log: quiet}
		done := make(chan error)
		go func() { done <- w.Run(ctx) }()
		synctest.Wait() // idle: nothing to send, waiting for the poll or a nudge

		start := time.Now()
		q.add(Message{TenantID: "t", ID: "m1", Channel: SMS, To: "x", Body: "fast"})
		Nudge(wake)
		Nudge(wake) // a second nudge while one is pending is dropped, not blocking
		synctest.Wait()
		if time.Since(start) != 0 {
			t.Errorf("the nudged round waited %v", time.Since(start))
		}
		if r := q.row("m1"); r.status != "done" {
			t.Fatalf("after nudge: %+v", r)
		}

		q.add(Message{TenantID: "t", ID: "m2", Channel: SMS, To: "x", Body: "slow"})
		Nudge(wake)
		synctest.Wait() // m2's send is blocked
		if r := q.row("m2"); r.status != "leased" {
			t.Fatalf("m2 while sending: %+v", r)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("Run returned %v", err)
		}
		r := q.row("m2")
		if r.status != "pending" || !strings.Contains(r.lastErr, "tiến trình dừng") {
			t.Fatalf("m2 after shutdown: %+v", r)
		}
		if r.next.After(time.Now()) {
			t.Errorf("interrupted message not due at once: next %v", r.next)
		}
		close(release)
	})
}

// TestWorkerPollsWithoutNudge: without a nudge the loop still finds new
// messages after Poll.
func TestWorkerPollsWithoutNudge(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newFakeQueue(time.Now)
		var n sync.WaitGroup
		n.Add(1)
		w := &Worker{Queue: q, Poll: 10 * time.Second, Log: quiet, Senders: map[Channel]Sender{SMS: senderFunc(func(context.Context, Message) error {
			n.Done()
			return nil
		})}}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go w.Run(ctx)
		synctest.Wait()
		start := time.Now()
		q.add(Message{TenantID: "t", ID: "m1", Channel: SMS, To: "x"})
		n.Wait()
		if waited := time.Since(start); waited != 10*time.Second {
			t.Errorf("message sent after %v, want the poll interval 10s", waited)
		}
	})
}
