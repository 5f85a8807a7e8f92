package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
)

type outboxEnv struct {
	db     *sqlstore.DB
	q      sqlstore.Outbox
	clock  *testClock
	tenant string
	other  string
}

func newOutboxEnv(t *testing.T, e sqlstore.Engine) *outboxEnv {
	t.Helper()
	clk := testrig.NewClock(vn(2026, time.November, 23, 8, 0))
	db := storetest.Open(t, e, sqlstore.Options{Now: clk.Now})
	a := mustTenant(t, newService(db), "STP-A", "000.00.00.H82")
	b := mustTenant(t, newService(db), "STP-B", "000.00.00.H15")
	return &outboxEnv{db: db, q: sqlstore.Outbox{DB: db}, clock: clk, tenant: a.ID, other: b.ID}
}

func (e *outboxEnv) enqueue(t *testing.T, tenant string, msgs ...dossier.Outgoing) {
	t.Helper()
	err := e.db.Transact(context.Background(), func(tx *sqlstore.Tx) error {
		for _, m := range msgs {
			m.TenantID = tenant
			if err := (sqlstore.DossierTx{Tx: tx}).Enqueue(context.Background(), m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func sms(i int) dossier.Outgoing {
	return dossier.Outgoing{Channel: "sms", To: "0912345678", Body: fmt.Sprintf("tin %d", i), Key: fmt.Sprintf("k%d", i)}
}

// TestOutboxConcurrentClaimers: workers claiming at the same time never get
// the same message (FOR UPDATE SKIP LOCKED on PostgreSQL, the single writer
// on SQLite), and together they get every message once.
func TestOutboxConcurrentClaimers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newOutboxEnv(t, db.Engine())
		const n = 120
		var msgs []dossier.Outgoing
		for i := range n {
			msgs = append(msgs, sms(i))
		}
		e.enqueue(t, e.tenant, msgs[:n/2]...)
		e.enqueue(t, e.other, msgs[n/2:]...)

		var mu sync.Mutex
		seen := map[string]string{}
		var dup []string
		var wg sync.WaitGroup
		for w := range 8 {
			name := fmt.Sprintf("w%d", w)
			wg.Go(func() {
				for {
					got, err := e.q.Claim(context.Background(), name, 7, time.Hour)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, m := range got {
						if prev, ok := seen[m.ID]; ok {
							dup = append(dup, m.ID+" by "+prev+" and "+name)
						}
						seen[m.ID] = name
						if m.Attempts != 1 {
							t.Errorf("message %s: attempts %d after one claim", m.ID, m.Attempts)
						}
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(dup) > 0 {
			t.Fatalf("messages claimed twice: %v", dup)
		}
		if len(seen) != n {
			t.Fatalf("claimed %d messages, want %d", len(seen), n)
		}
	})
}

// TestOutboxLeaseExpiryAndFencing: a message whose lease ran out is claimed
// again with a higher attempts count, and the first holder can no longer
// settle it.
func TestOutboxLeaseExpiryAndFencing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newOutboxEnv(t, db.Engine())
		ctx := context.Background()
		e.enqueue(t, e.tenant, dossier.Outgoing{Channel: "email", To: "a@example.vn", Subject: "Tiêu đề", Body: "Nội dung", Key: "x"})

		first, err := e.q.Claim(ctx, "w1", 10, time.Minute)
		if err != nil || len(first) != 1 {
			t.Fatalf("first claim: %v %v", first, err)
		}
		m1 := first[0]
		if m1.TenantID != e.tenant || m1.Channel != notify.Email || m1.Subject != "Tiêu đề" || m1.Body != "Nội dung" || m1.Key != "x" {
			t.Fatalf("claimed message = %+v", m1)
		}
		if again, _ := e.q.Claim(ctx, "w2", 10, time.Minute); len(again) != 0 {
			t.Fatalf("leased message claimed again before its lease ran out: %+v", again)
		}
		e.clock.Add(61 * time.Second) // w1 stalled: the reaper takes it
		second, err := e.q.Claim(ctx, "w2", 10, time.Minute)
		if err != nil || len(second) != 1 || second[0].ID != m1.ID || second[0].Attempts != 2 {
			t.Fatalf("reclaim after expiry: %+v %v", second, err)
		}
		m2 := second[0]
		for name, f := range map[string]func() error{
			"done":  func() error { return e.q.Done(ctx, m1) },
			"retry": func() error { return e.q.Retry(ctx, m1, "x", e.clock.Now()) },
			"dead":  func() error { return e.q.Dead(ctx, m1, "x") },
		} {
			if err := f(); !errors.Is(err, notify.ErrLeaseLost) {
				t.Errorf("%s with the stale lease: err = %v, want ErrLeaseLost", name, err)
			}
		}
		if err := e.q.Done(ctx, m2); err != nil {
			t.Fatal(err)
		}
		if err := e.q.Done(ctx, m2); !errors.Is(err, notify.ErrLeaseLost) {
			t.Errorf("Done twice: %v, want ErrLeaseLost", err)
		}
		list, err := e.db.Outbox().OutboxList(ctx, e.tenant, sqlstore.OutboxFilter{})
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		if r := list[0]; r.Status != "done" || r.SentAt == nil || r.Attempts != 2 {
			t.Errorf("after Done: %+v", r)
		}
		e.clock.Add(time.Hour)
		if got, _ := e.q.Claim(ctx, "w3", 10, time.Minute); len(got) != 0 {
			t.Errorf("a delivered message was claimed: %+v", got)
		}
	})
}

// TestOutboxRetryDeadRequeue: Retry hides a message until its next attempt;
// Dead keeps it for the admins; requeueing a dead one (audited) makes it due
// at once with attempts reset; other tenants' messages cannot be requeued.
func TestOutboxRetryDeadRequeue(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newOutboxEnv(t, db.Engine())
		ctx := context.Background()
		e.enqueue(t, e.tenant, sms(1))
		// The same key again (a retried transaction, a replayed event) adds nothing.
		e.enqueue(t, e.tenant, sms(1))
		// Another tenant may use the same key.
		e.enqueue(t, e.other, sms(1))
		if l, _ := e.db.Outbox().OutboxList(ctx, e.tenant, sqlstore.OutboxFilter{}); len(l) != 1 {
			t.Fatalf("one key enqueued twice gives %d rows", len(l))
		}

		got, _ := e.q.Claim(ctx, "w", 1, time.Minute)
		if len(got) != 1 {
			t.Fatal(got)
		}
		m := got[0]
		next := e.clock.Now().Add(10 * time.Minute)
		if err := e.q.Retry(ctx, m, "máy chủ bận", next); err != nil {
			t.Fatal(err)
		}
		// The other tenant's message is still due; ours is not.
		e.clock.Add(5 * time.Minute)
		got, _ = e.q.Claim(ctx, "w", 10, time.Minute)
		if len(got) != 1 || got[0].TenantID != e.other {
			t.Fatalf("claim during backoff: %+v", got)
		}
		if err := e.q.Done(ctx, got[0]); err != nil {
			t.Fatal(err)
		}
		e.clock.Add(6 * time.Minute)
		got, _ = e.q.Claim(ctx, "w", 10, time.Minute)
		if len(got) != 1 || got[0].ID != m.ID || got[0].Attempts != 2 {
			t.Fatalf("claim after backoff: %+v", got)
		}
		m = got[0]
		if err := e.q.Dead(ctx, m, "số điện thoại không tồn tại"); err != nil {
			t.Fatal(err)
		}
		dead, _ := e.db.Outbox().OutboxList(ctx, e.tenant, sqlstore.OutboxFilter{Status: "dead"})
		if len(dead) != 1 || dead[0].LastError != "số điện thoại không tồn tại" {
			t.Fatalf("dead list: %+v", dead)
		}
		e.clock.Add(24 * time.Hour)
		if got, _ := e.q.Claim(ctx, "w", 10, time.Minute); len(got) != 0 {
			t.Fatalf("a dead message was claimed: %+v", got)
		}

		admin := audit.Actor{ID: "o1", Name: "admin"}
		if err := e.db.Outbox().RequeueOutbox(ctx, admin, e.other, m.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("requeue of another tenant's message: %v", err)
		}
		if err := e.db.Outbox().RequeueOutbox(ctx, admin, e.tenant, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.db.Outbox().RequeueOutbox(ctx, admin, e.tenant, m.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("requeue of a pending message: %v", err)
		}
		got, _ = e.q.Claim(ctx, "w", 10, time.Minute)
		if len(got) != 1 || got[0].ID != m.ID || got[0].Attempts != 1 {
			t.Fatalf("claim after requeue: %+v", got)
		}
		log, err := e.db.Audit().AuditLog(ctx, e.tenant, 0, 5)
		if err != nil || len(log) == 0 || log[0].Action != "outbox.requeue" || log[0].Object != "outbox:"+m.ID {
			t.Fatalf("audit after requeue: %+v %v", log, err)
		}
		counts, err := e.db.Outbox().OutboxCounts(ctx, e.tenant)
		if err != nil || counts["leased"] != 1 {
			t.Fatalf("counts = %v %v", counts, err)
		}
	})
}

// TestOutboxPurge: delivered and dead messages lose their personal data
// after the retention period; pending ones keep it.
func TestOutboxPurge(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newOutboxEnv(t, db.Engine())
		ctx := context.Background()
		e.enqueue(t, e.tenant, sms(1), sms(2), sms(3))
		got, _ := e.q.Claim(ctx, "w", 2, time.Minute)
		if len(got) != 2 {
			t.Fatal(got)
		}
		if err := e.q.Done(ctx, got[0]); err != nil {
			t.Fatal(err)
		}
		if err := e.q.Dead(ctx, got[1], "x"); err != nil {
			t.Fatal(err)
		}
		// Too recent: nothing purged.
		if n, err := e.db.Outbox().PurgeOutbox(ctx, e.clock.Now().Add(-time.Hour)); err != nil || n != 0 {
			t.Fatalf("recent purge: %d %v", n, err)
		}
		e.clock.Add(91 * 24 * time.Hour)
		n, err := e.db.Outbox().PurgeOutbox(ctx, e.clock.Now().Add(-90*24*time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("purge: %d %v", n, err)
		}
		list, _ := e.db.Outbox().OutboxList(ctx, e.tenant, sqlstore.OutboxFilter{})
		for _, r := range list {
			personal := r.To != "" || r.Body != ""
			if (r.Status == "pending") != personal {
				t.Errorf("%s row: to %q body %q", r.Status, r.To, r.Body)
			}
		}
		if n, _ := e.db.Outbox().PurgeOutbox(ctx, e.clock.Now()); n != 0 {
			t.Errorf("second purge touched %d rows", n)
		}
	})
}
