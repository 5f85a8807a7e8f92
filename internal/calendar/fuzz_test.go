package calendar

import (
	"testing"
	"time"
)

// fuzzCalendars are the calendars FuzzDue draws from: the default rules, and
// odd hours with no lunch break and the Civil Code reading of calendar days.
func fuzzCalendars(tb testing.TB) []*Calendar {
	odd := DefaultRules()
	odd.Hours = OfficeHours{Clock(7, 45), Clock(12, 0), Clock(12, 0), Clock(16, 45)}
	odd.SameDayCutoff = Clock(16, 0)
	odd.CalendarDaysEndOfDay = true
	c2, err := New(odd)
	if err != nil {
		tb.Fatal(err)
	}
	return []*Calendar{mustCalendar(tb), c2}
}

var fuzzBase = time.Date(2000, 1, 1, 0, 0, 0, 0, Zone())

const fuzzSpan = 90 * 366 * 86400 // seconds: starts fall in 2000–2090

// checkWorkingInstant asserts that t is inside, or at the end of, a working
// window of a working day.
func checkWorkingInstant(tb testing.TB, c *Calendar, t time.Time, what string) {
	tb.Helper()
	if t.Location() != Zone() {
		tb.Fatalf("%s %s not in Zone()", what, fmtT(t))
	}
	day, off := split(t)
	if !c.IsWorkingDay(dateFromDays(day)) {
		tb.Fatalf("%s %s is not on a working day", what, fmtT(t))
	}
	if (off < c.m0 || off > c.m1) && (off < c.a0 || off > c.a1) {
		tb.Fatalf("%s %s is outside the working windows", what, fmtT(t))
	}
}

// FuzzDue checks, for any acceptance instant in 2000–2090, amount and unit:
// the due instant is a working instant; it does not decrease when the
// amount grows or when acceptance is later (for calendar days with the
// default rules, the "same time on the next working day" rule can only
// promise that the due date does not decrease); a walk in working time
// covers exactly the amount; and a pause moves the due instant by exactly
// the working time paused.
func FuzzDue(f *testing.F) {
	cals := fuzzCalendars(f)
	seed := func(s string, n uint16, unit uint8, delta uint32, sel uint8) {
		f.Add(at(f, s).Unix()-fuzzBase.Unix(), n, unit, delta, sel)
	}
	seed("2025-03-03 07:00", 1, 0, 0, 0)      // Mon 07:00 + 1 wd
	seed("2025-03-03 11:30", 1, 0, 60, 0)     // 11:30 exactly
	seed("2025-03-03 17:00", 1, 1, 1, 0)      // 17:00 exactly
	seed("2025-03-03 06:59", 3, 2, 120, 0)    // before opening
	seed("2025-04-25 16:59", 2, 0, 86400, 0)  // into Sat 26/4/2025 (TB 6150)
	seed("2026-01-09 15:00", 0, 3, 3600, 0)   // same-day cut-off, into Sat 10/1/2026
	seed("2026-02-13 14:00", 10, 0, 7200, 0)  // Tết 2026
	seed("2026-04-24 10:00", 1, 2, 90000, 0)  // Hùng Vương on Sunday 26/4/2026
	seed("2026-08-21 16:00", 4, 1, 50000, 1)  // Sat 22/8/2026
	seed("2025-12-31 16:30", 2, 2, 172800, 1) // year boundary
	seed("2026-11-23 10:00", 1, 0, 3600, 1)   // 24/11/2026
	seed("2025-03-05 10:00", 3, 2, 79200, 0)  // calendar days onto a weekend
	seed("2029-12-31 17:00", 400, 0, 1, 1)    // long walk over provisional years
	f.Fuzz(func(t *testing.T, sec int64, n uint16, unit uint8, delta uint32, sel uint8) {
		c := cals[int(sel)%len(cals)]
		accepted := fuzzBase.Add(time.Duration(floorMod(sec, fuzzSpan)) * time.Second)
		u := [...]Unit{WorkingDays, WorkingHours, CalendarDays, SameDay}[unit%4]
		d := Duration{Amount: int(n%400) + 1, Unit: u}
		if u == SameDay {
			d.Amount = 0
		}
		due, err := c.Due(accepted, d, nil)
		if err != nil {
			t.Fatalf("Due(%s, %+v): %v", fmtT(accepted), d, err)
		}
		checkWorkingInstant(t, c, due, "due")
		start := c.ClockStart(accepted)
		checkWorkingInstant(t, c, start, "clock start")
		if start.Before(accepted) || due.Before(start) {
			t.Fatalf("accepted %s, start %s, due %s out of order", fmtT(accepted), fmtT(start), fmtT(due))
		}
		if c.WorkingTimeBetween(accepted, start) != 0 {
			t.Fatalf("working time between acceptance %s and clock start %s", fmtT(accepted), fmtT(start))
		}

		// Exactly the amount of working time for the walking units.
		var amount time.Duration
		switch u {
		case WorkingDays:
			amount = time.Duration(d.Amount) * c.perDay
		case WorkingHours:
			amount = time.Duration(d.Amount) * time.Hour
		}
		if amount > 0 {
			if got := c.WorkingTimeBetween(start, due); got != amount {
				t.Fatalf("Due(%s, %+v) = %s covers %v of working time", fmtT(accepted), d, fmtT(due), got)
			}
		}

		// Monotonic in N.
		if u != SameDay {
			more := d
			more.Amount++
			due2, err := c.Due(accepted, more, nil)
			if err != nil || due2.Before(due) || (amount > 0 && !due2.After(due)) {
				t.Fatalf("N+1: Due(%s, %+v) = %s, %v; N gives %s", fmtT(accepted), more, fmtT(due2), err, fmtT(due))
			}
		}

		// Monotonic in the acceptance instant (up to ~40 days later).
		later := accepted.Add(time.Duration(delta%(40*86400)) * time.Second)
		dueL, err := c.Due(later, d, nil)
		if err != nil {
			t.Fatal(err)
		}
		if u == CalendarDays && !c.rules.CalendarDaysEndOfDay {
			if DateOf(dueL).Before(DateOf(due)) {
				t.Fatalf("later acceptance %s gives an earlier due date %s than %s (%s)", fmtT(later), fmtT(dueL), fmtT(accepted), fmtT(due))
			}
		} else if dueL.Before(due) {
			t.Fatalf("later acceptance %s gives %s, earlier than %s for %s (%+v)", fmtT(later), fmtT(dueL), fmtT(due), fmtT(accepted), d)
		}

		// A pause moves the due instant by exactly its working time.
		p := Interval{From: accepted.Add(time.Duration(delta%(5*86400)) * time.Second)}
		p.To = p.From.Add(time.Duration(sec&0xfffff) * time.Second)
		dueP, err := c.Due(accepted, d, []Interval{p})
		if err != nil {
			t.Fatal(err)
		}
		paused := c.WorkingTimeBetween(p.From, p.To)
		if got := c.WorkingTimeBetween(due, dueP); got != paused || dueP.Before(due) {
			t.Fatalf("pause %s–%s (%v of working time) moved %s to %s (%v)",
				fmtT(p.From), fmtT(p.To), paused, fmtT(due), fmtT(dueP), got)
		}
		if paused > 0 {
			checkWorkingInstant(t, c, dueP, "due after pause")
		}
	})
}

// FuzzLunarRoundTrip: solar → lunar → solar is the identity, 1900–2100.
func FuzzLunarRoundTrip(f *testing.F) {
	for _, s := range []string{"1985-01-21", "2030-02-02", "2025-07-25", "2033-12-22", "1900-01-31", "2100-12-31"} {
		f.Add(int32(mustDate(f, s).DaysSince(Date{1900, 1, 1})))
	}
	span := int64(Date{2101, 1, 1}.DaysSince(Date{1900, 1, 1}))
	f.Fuzz(func(t *testing.T, n int32) {
		d := (Date{1900, 1, 1}).AddDays(int(floorMod(int64(n), span)))
		l := SolarToLunar(d)
		if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
			t.Fatalf("%v -> %+v", d, l)
		}
		back, err := LunarToSolar(l)
		if err != nil || back != d {
			t.Fatalf("%v -> %+v -> %v, %v", d, l, back, err)
		}
	})
}
