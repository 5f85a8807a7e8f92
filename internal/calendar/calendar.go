package calendar

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"time"
)

// Calendar is a tenant's working calendar under one version of its rules:
// which days are working days and how working time is counted. It is
// immutable and safe for concurrent use. Years are resolved on first use and
// cached without locks on the read path (sync.Map), so the first call for a
// year computes its lunar holidays and later calls only read bitmaps.
type Calendar struct {
	rules                  Rules
	m0, m1, a0, a1, cutoff time.Duration // offsets from local midnight
	perDay                 time.Duration
	years                  *yearTable
}

// New returns the calendar for rules. Years without a schedule among
// schedules use BuiltinSchedule; a schedule passed for a year replaces the
// built-in one, except that a provisional schedule never replaces an official
// one. Every schedule is validated; two for one year are an error.
func New(rules Rules, schedules ...Schedule) (*Calendar, error) {
	if err := rules.Validate(); err != nil {
		return nil, err
	}
	t, err := newYearTable(schedules)
	if err != nil {
		return nil, err
	}
	return newCalendar(rules, t), nil
}

func newCalendar(r Rules, t *yearTable) *Calendar {
	h := r.Hours
	return &Calendar{
		rules:  r,
		m0:     h.MorningStart.offset(),
		m1:     h.MorningEnd.offset(),
		a0:     h.AfternoonStart.offset(),
		a1:     h.AfternoonEnd.offset(),
		cutoff: r.SameDayCutoff.offset(),
		perDay: h.PerDay(),
		years:  t,
	}
}

// Rules returns the rules the calendar counts with.
func (c *Calendar) Rules() Rules { return c.rules }

// IsWorkingDay reports whether d is a working day: Monday to Friday unless
// a holiday or day off, or a swapped working weekend day. Outside
// MinYear–MaxYear only weekends are rest days.
func (c *Calendar) IsWorkingDay(d Date) bool {
	cur := cursor{t: c.years}
	return cur.working(d.days())
}

// DayInfo returns the schedule entry of d, if d is listed (holiday, day off
// or swapped working day).
func (c *Calendar) DayInfo(d Date) (Day, bool) {
	days := c.years.get(d.Year).sched.Days
	i, ok := slices.BinarySearchFunc(days, d, func(e Day, d Date) int { return e.Date.Compare(d) })
	if !ok {
		return Day{}, false
	}
	return days[i], true
}

// Holidays returns the schedule in effect for year y: the official one if
// any (passed to New or built in), else the provisional computed one.
func (c *Calendar) Holidays(y int) Schedule { return c.years.get(y).sched.clone() }

// yearTable resolves years to their working-day bitmaps. given is read-only
// after construction; cache only grows, and holds immutable *yearInfo.
type yearTable struct {
	given map[int]Schedule
	cache sync.Map // int → *yearInfo
}

func newYearTable(schedules []Schedule) (*yearTable, error) {
	t := &yearTable{given: make(map[int]Schedule, len(schedules))}
	var errs []error
	for _, s := range schedules {
		if err := s.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("lịch nghỉ năm %d: %w", s.Year, err))
			continue
		}
		if _, dup := t.given[s.Year]; dup {
			errs = append(errs, fmt.Errorf("có hai lịch nghỉ cho năm %d", s.Year))
			continue
		}
		t.given[s.Year] = s.clone()
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// effective picks the schedule of year y.
func (t *yearTable) effective(y int) Schedule {
	b := BuiltinSchedule(y)
	if g, ok := t.given[y]; ok && (g.Status == Official || b.Status != Official) {
		return g.clone()
	}
	return b
}

// yearInfo is one resolved year. Bit i of working is day first+i.
type yearInfo struct {
	first   int64
	n       int
	working [6]uint64
	sched   Schedule
}

func (t *yearTable) get(y int) *yearInfo {
	if y < MinYear || y > MaxYear {
		// Not cached: nothing is known there beyond the weekly rest days,
		// and arbitrary years must not grow the cache.
		return buildYear(y, Schedule{Year: y, Status: Provisional, LegalBasis: basisComputed})
	}
	if v, ok := t.cache.Load(y); ok {
		return v.(*yearInfo)
	}
	v, _ := t.cache.LoadOrStore(y, buildYear(y, t.effective(y)))
	return v.(*yearInfo)
}

func buildYear(y int, s Schedule) *yearInfo {
	yi := &yearInfo{first: Date{y, time.January, 1}.days(), n: 365, sched: s}
	if isLeapYear(y) {
		yi.n = 366
	}
	for i := range yi.n {
		if wd := weekdayOf(yi.first + int64(i)); wd != time.Saturday && wd != time.Sunday {
			yi.set(i, true)
		}
	}
	for _, d := range s.Days {
		i := int(d.Date.days() - yi.first)
		if i < 0 || i >= yi.n {
			continue // Validate keeps days inside the year; be safe anyway
		}
		yi.set(i, d.Kind == Working)
	}
	return yi
}

func (yi *yearInfo) set(i int, on bool) {
	if on {
		yi.working[i>>6] |= 1 << (i & 63)
	} else {
		yi.working[i>>6] &^= 1 << (i & 63)
	}
}

// count returns the number of working days with index in [i, j).
func (yi *yearInfo) count(i, j int) int {
	n := 0
	for w := i >> 6; w <= (j-1)>>6 && i < j; w++ {
		word := yi.working[w]
		if w == i>>6 {
			word &= ^uint64(0) << (i & 63)
		}
		if w == (j-1)>>6 && j&63 != 0 {
			word &= (1 << (j & 63)) - 1
		}
		n += bits.OnesCount64(word)
	}
	return n
}

// cursor walks day numbers, remembering the current year so that a walk
// touches the cache once per year crossed.
type cursor struct {
	t  *yearTable
	yi *yearInfo
}

func (c *cursor) at(day int64) *yearInfo {
	if c.yi == nil || day < c.yi.first || day >= c.yi.first+int64(c.yi.n) {
		c.yi = c.t.get(dateFromDays(day).Year)
	}
	return c.yi
}

func (c *cursor) working(day int64) bool {
	yi := c.at(day)
	i := day - yi.first
	return yi.working[i>>6]&(1<<(i&63)) != 0
}

// next returns the first working day on or after day.
func (c *cursor) next(day int64) int64 {
	for {
		yi := c.at(day)
		i := int(day - yi.first)
		for w := i >> 6; w < len(yi.working); w++ {
			word := yi.working[w]
			if w == i>>6 {
				word &= ^uint64(0) << (i & 63)
			}
			if word != 0 {
				return yi.first + int64(w<<6+bits.TrailingZeros64(word))
			}
		}
		day = yi.first + int64(yi.n)
	}
}

// countWorking returns the number of working days in [from, to).
func (c *cursor) countWorking(from, to int64) int {
	n := 0
	for from < to {
		yi := c.at(from)
		end := min(to, yi.first+int64(yi.n))
		n += yi.count(int(from-yi.first), int(end-yi.first))
		from = end
	}
	return n
}
