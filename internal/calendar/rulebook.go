package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// RuleBook holds a tenant's successive versions of Rules, each with its own
// Calendar over the same holiday schedules. A dossier keeps the version in
// force when it was accepted, even after a newer version takes effect (rules
// change with the law: Decree 118/2025/NĐ-CP from 1/7/2025, amendments in
// 2026). Immutable and safe for concurrent use.
type RuleBook struct {
	cals []*Calendar // ordered by EffectiveFrom
}

// NewRuleBook validates the versions (at least one, distinct EffectiveFrom)
// and the schedules, as New does.
func NewRuleBook(versions []Rules, schedules ...Schedule) (*RuleBook, error) {
	if len(versions) == 0 {
		return nil, errors.New("cần ít nhất một phiên bản quy định giờ làm việc")
	}
	var errs []error
	for i, r := range versions {
		if err := r.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("phiên bản %d (hiệu lực %s): %w", i+1, r.EffectiveFrom.FormatVN(), err))
		}
	}
	t, err := newYearTable(schedules)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sorted := slices.Clone(versions)
	slices.SortStableFunc(sorted, func(a, b Rules) int { return a.EffectiveFrom.Compare(b.EffectiveFrom) })
	b := &RuleBook{}
	for i, r := range sorted {
		if i > 0 && r.EffectiveFrom == sorted[i-1].EffectiveFrom {
			return nil, fmt.Errorf("có hai phiên bản quy định cùng hiệu lực từ %s", r.EffectiveFrom.FormatVN())
		}
		b.cals = append(b.cals, newCalendar(r, t))
	}
	return b, nil
}

// At returns the calendar of the version in force at instant t (in
// Vietnam): the last one whose EffectiveFrom is on or before t's date.
// Before the first version, the first applies: it is the oldest rule the
// tenant has recorded.
func (b *RuleBook) At(t time.Time) *Calendar {
	d := DateOf(t)
	i, found := slices.BinarySearchFunc(b.cals, d, func(c *Calendar, d Date) int {
		return c.rules.EffectiveFrom.Compare(d)
	})
	if !found {
		i--
	}
	return b.cals[max(i, 0)]
}

// Due is At(accepted).Due(accepted, d, pauses).
func (b *RuleBook) Due(accepted time.Time, d Duration, pauses []Interval) (time.Time, error) {
	return b.At(accepted).Due(accepted, d, pauses)
}

// Versions returns the rules, oldest first.
func (b *RuleBook) Versions() []Rules {
	out := make([]Rules, len(b.cals))
	for i, c := range b.cals {
		out[i] = c.rules
	}
	return out
}
