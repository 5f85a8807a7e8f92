package calendar

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/audit"
)

// countingStore is an in-memory Store that counts how often the books
// are read.
type countingStore struct {
	reads     int
	schedules []Schedule
}

func (s *countingStore) Transact(ctx context.Context, fn func(Tx) error) error { return fn(s) }
func (s *countingStore) Schedules(context.Context, string) ([]Schedule, error) {
	s.reads++
	return s.schedules, nil
}
func (s *countingStore) RuleVersions(context.Context, string) ([]Rules, error) { return nil, nil }
func (s *countingStore) SaveSchedule(_ context.Context, _ string, sc Schedule, _ string) error {
	s.schedules = append(s.schedules, sc)
	return nil
}
func (s *countingStore) DeleteSchedule(context.Context, string, int) error { return nil }
func (s *countingStore) SaveRules(context.Context, string, Rules, string) error {
	return nil
}
func (s *countingStore) Audit(context.Context, audit.Entry) error { return nil }

// TestBookCache: the tenant's book is built once per CacheFor, rebuilt at
// once after a write through the Admin, and kept apart per tenant and per
// office hours.
func TestBookCache(t *testing.T) {
	ctx := context.Background()
	st := &countingStore{}
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	a := &Admin{Store: st, CacheFor: 30 * time.Second, Now: func() time.Time { return now }}
	hours := DefaultOfficeHours()
	b1, _ := a.Book(ctx, "t1", hours)
	b2, _ := a.Book(ctx, "t1", hours)
	if st.reads != 1 || b1 != b2 {
		t.Fatalf("two calls within CacheFor: %d reads, same book %v", st.reads, b1 == b2)
	}
	a.Book(ctx, "t2", hours)
	if st.reads != 2 {
		t.Fatalf("another tenant shared the cache: %d reads", st.reads)
	}
	// A schedule loaded through the Admin shows at once.
	day := NewDate(2027, time.March, 5)
	if err := a.LoadSchedule(ctx, audit.System, "t1", Schedule{Year: 2027, Status: Official, LegalBasis: "Thông báo thử",
		Days: []Day{{Date: day, Kind: Holiday, Name: "Ngày nghỉ thử"}}}); err != nil {
		t.Fatal(err)
	}
	b3, _ := a.Book(ctx, "t1", hours)
	if st.reads != 3 || b3 == b1 {
		t.Fatalf("after a write: %d reads", st.reads)
	}
	if b3.At(day.At(TimeOfDay(9 * 60))).IsWorkingDay(day) {
		t.Fatal("the loaded holiday is not in the rebuilt book")
	}
	// After CacheFor another process's writes are picked up.
	now = now.Add(31 * time.Second)
	a.Book(ctx, "t1", hours)
	if st.reads != 4 {
		t.Fatalf("after CacheFor: %d reads", st.reads)
	}
	// No cache: every call builds.
	plain := &Admin{Store: st}
	plain.Book(ctx, "t1", hours)
	plain.Book(ctx, "t1", hours)
	if st.reads != 6 {
		t.Fatalf("without a cache: %d reads", st.reads)
	}
}
