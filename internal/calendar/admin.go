package calendar

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
)

// Store is what the calendar's administration needs from storage: each
// tenant's loaded schedules and rule versions.
type Store interface {
	Transact(ctx context.Context, fn func(Tx) error) error
	Schedules(ctx context.Context, tenantID string) ([]Schedule, error)
	RuleVersions(ctx context.Context, tenantID string) ([]Rules, error)
}

// Tx is a write transaction of the calendar's administration.
type Tx interface {
	SaveSchedule(ctx context.Context, tenantID string, s Schedule, by string) error
	DeleteSchedule(ctx context.Context, tenantID string, year int) error
	SaveRules(ctx context.Context, tenantID string, r Rules, by string) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Admin holds the use cases of a tenant's calendar: load a year's official
// schedule (which overrides the built-in or computed one), remove it again,
// add a version of the clock rules, and build the tenant's RuleBook.
type Admin struct {
	Store Store
	// CacheFor keeps each tenant's built RuleBook (and the year tables it
	// has computed) this long; zero builds a new one on every call. Writes
	// through this Admin drop the tenant's entry at once; another process's
	// writes are seen after at most CacheFor.
	CacheFor time.Duration
	// Now is the cache's clock (default time.Now).
	Now func() time.Time

	mu    sync.Mutex
	books map[string]cachedBook
}

type cachedBook struct {
	book *RuleBook
	at   time.Time
}

// Book returns the tenant's RuleBook: its rule versions and schedules.
func (a *Admin) Book(ctx context.Context, tenantID string, initial OfficeHours) (*RuleBook, error) {
	if a.CacheFor <= 0 {
		return a.build(ctx, tenantID, initial)
	}
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	key := tenantID + "|" + fmt.Sprint(initial)
	a.mu.Lock()
	c, ok := a.books[key]
	a.mu.Unlock()
	if ok && now().Sub(c.at) < a.CacheFor {
		return c.book, nil
	}
	b, err := a.build(ctx, tenantID, initial)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	if a.books == nil {
		a.books = map[string]cachedBook{}
	}
	a.books[key] = cachedBook{b, now()}
	a.mu.Unlock()
	return b, nil
}

// forget drops the tenant's cached books after a write.
func (a *Admin) forget(tenantID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for k := range a.books {
		if strings.HasPrefix(k, tenantID+"|") {
			delete(a.books, k)
		}
	}
}

func (a *Admin) build(ctx context.Context, tenantID string, initial OfficeHours) (*RuleBook, error) {
	versions, err := a.Store.RuleVersions(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	// The tenant's initial rules apply from "since always" until its first
	// recorded version, so adding a version never changes older dossiers.
	first := DefaultRules()
	if initial != (OfficeHours{}) {
		first.Hours = initial
	}
	versions = append([]Rules{first}, versions...)
	schedules, err := a.Store.Schedules(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	return NewRuleBook(versions, schedules...)
}

// LoadSchedule validates and stores a year's schedule for the tenant.
func (a *Admin) LoadSchedule(ctx context.Context, by audit.Actor, tenantID string, s Schedule) error {
	if s.Status == "" {
		s.Status = Official
	}
	if err := s.Validate(); err != nil {
		return apperr.Wrap(apperr.Invalid, err.Error(), err)
	}
	if s.LegalBasis == "" {
		return apperr.Field("legal_basis", "Lịch nghỉ phải ghi căn cứ pháp lý (số, ngày của văn bản công bố).")
	}
	defer a.forget(tenantID)
	return a.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.SaveSchedule(ctx, tenantID, s, by.Name); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(tenantID, "calendar.schedule_load", fmt.Sprintf("year:%d", s.Year),
			fmt.Sprintf("%s; %d ngày; %s", s.Status, len(s.Days), s.LegalBasis)))
	})
}

// RemoveSchedule deletes a loaded schedule; the built-in one applies again.
func (a *Admin) RemoveSchedule(ctx context.Context, by audit.Actor, tenantID string, year int) error {
	defer a.forget(tenantID)
	return a.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.DeleteSchedule(ctx, tenantID, year); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(tenantID, "calendar.schedule_remove", fmt.Sprintf("year:%d", year), ""))
	})
}

// AddRules stores a version of the clock rules. Dossiers accepted before its
// EffectiveFrom keep the version they were accepted under.
func (a *Admin) AddRules(ctx context.Context, by audit.Actor, tenantID string, r Rules) error {
	if err := r.Validate(); err != nil {
		return apperr.Wrap(apperr.Invalid, err.Error(), err)
	}
	if r.EffectiveFrom.IsZero() || !r.EffectiveFrom.IsValid() {
		return apperr.Field("effective_from", "Phiên bản quy định giờ làm việc phải có ngày hiệu lực.")
	}
	if r.LegalBasis == "" {
		return apperr.Field("legal_basis", "Phiên bản quy định giờ làm việc phải ghi căn cứ pháp lý.")
	}
	defer a.forget(tenantID)
	return a.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.SaveRules(ctx, tenantID, r, by.Name); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(tenantID, "calendar.rules_add", "rules:"+r.EffectiveFrom.String(),
			fmt.Sprintf("%v–%v, %v–%v; %s", r.Hours.MorningStart, r.Hours.MorningEnd, r.Hours.AfternoonStart, r.Hours.AfternoonEnd, r.LegalBasis)))
	})
}
