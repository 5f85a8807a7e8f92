package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Interval is a pause of the clock, [From, To): a supplement request
// (yêu cầu bổ sung) stops the clock until the applicant answers. A zero To
// means the dossier is still paused.
type Interval struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to,omitzero"`
}

// ErrPaused is returned by Due when a pause has no end yet: the due date is
// unknown until the clock restarts. To show "due if resumed now", pass the
// open pause with To set to now.
var ErrPaused = errors.New("hồ sơ đang tạm dừng tính thời hạn (chờ bổ sung), chưa xác định được ngày hẹn trả")

// ClockStart returns the instant the statutory clock starts for a dossier
// accepted at accepted (Decree 118/2025/NĐ-CP: time runs from acceptance, in
// working time): within a working window, accepted itself; before opening,
// the opening; during the lunch break, the afternoon opening; at or after
// closing, or on a day that is not a working day, the next working day's
// opening. A window's end belongs to the break after it: 11:30 starts at
// 13:30, 17:00 the next morning.
func (c *Calendar) ClockStart(accepted time.Time) time.Time {
	cur := cursor{t: c.years}
	day, off := split(accepted)
	return join(c.normalize(&cur, day, off))
}

func (c *Calendar) normalize(cur *cursor, day int64, off time.Duration) (int64, time.Duration) {
	switch {
	case off >= c.a1:
		return cur.next(day + 1), c.m0
	case !cur.working(day):
		return cur.next(day), c.m0
	case off < c.m0:
		return day, c.m0
	case off >= c.m1 && off < c.a0:
		return day, c.a0
	}
	return day, off
}

// advance adds amount > 0 of working time from a normalised start, walking
// the working windows day by day. A result exactly at a window's end stays
// there: Monday 07:00 + 8 h is Monday 17:00, not Tuesday 07:00.
func (c *Calendar) advance(cur *cursor, day int64, off, amount time.Duration) (int64, time.Duration) {
	day, off = c.normalize(cur, day, off)
	rest := c.a1 - off // working time left today
	if off < c.m1 {
		rest = c.m1 - off + c.a1 - c.a0
	}
	if amount > rest {
		amount -= rest
		for {
			day = cur.next(day + 1)
			if amount <= c.perDay {
				break
			}
			amount -= c.perDay
		}
		off = c.m0
	}
	if off < c.m1 && amount > c.m1-off {
		return day, c.a0 + amount - (c.m1 - off)
	}
	return day, off + amount
}

// Due returns the due instant of a dossier accepted at accepted with a time
// limit d, after the pauses. The clock starts at ClockStart(accepted); then:
//
//   - WorkingDays: N × Rules.Hours.PerDay() of working time (8 h by default);
//     accepted Monday 07:00 + 1 is Monday 17:00, Monday 10:00 + 1 is Tuesday
//     10:00 (one-stop practice: durations are stored in working hours).
//   - WorkingHours: N hours of working time, the same walk.
//   - CalendarDays: the same time of day N days later (or closing time, see
//     Rules.CalendarDaysEndOfDay), moved to the next working day when that
//     day is not one (Civil Code 2015 Art. 147–148, 148(5)).
//   - SameDay: closing time of the clock's first day when it starts at or
//     before Rules.SameDayCutoff, else closing time of the next working day.
//
// Under Rules.Reading == ReadingCivilCode, WorkingDays and CalendarDays are
// read by the Civil Code instead: the period starts the day after the day
// of acceptance and ends at the closing time of its last (working) day.
//
// The working time elapsed during the pauses (only working time counts, so a
// pause over Tết costs nothing extra) is then added by the same walk. An open
// pause gives ErrPaused. The result is in Zone().
func (c *Calendar) Due(accepted time.Time, d Duration, pauses []Interval) (time.Time, error) {
	if err := d.Valid(); err != nil {
		return time.Time{}, err
	}
	if accepted.IsZero() {
		return time.Time{}, errors.New("thiếu thời điểm tiếp nhận hồ sơ")
	}
	if y := DateOf(accepted).Year; y < MinYear || y > MaxYear {
		return time.Time{}, fmt.Errorf("thời điểm tiếp nhận ngoài phạm vi hỗ trợ (năm %d–%d)", MinYear, MaxYear)
	}
	cur := cursor{t: c.years}
	day, off := split(accepted)
	event := day // the day of acceptance, for the Civil Code reading
	day, off = c.normalize(&cur, day, off)
	civil := c.rules.Reading == ReadingCivilCode
	switch d.Unit {
	case WorkingDays:
		if civil {
			// Art. 147: day 1 is the first working day after the day of
			// acceptance; Art. 148(1): the period ends at its last day's close.
			day = cur.next(event + 1)
			for i := 1; i < d.Amount; i++ {
				day = cur.next(day + 1)
			}
			off = c.a1
			break
		}
		day, off = c.advance(&cur, day, off, time.Duration(d.Amount)*c.perDay)
	case WorkingHours:
		day, off = c.advance(&cur, day, off, time.Duration(d.Amount)*time.Hour)
	case CalendarDays:
		if civil {
			day, off = cur.next(event+int64(d.Amount)), c.a1 // Art. 147, 148(1), 148(5)
			break
		}
		day = cur.next(day + int64(d.Amount))
		if c.rules.CalendarDaysEndOfDay {
			off = c.a1
		}
	case SameDay:
		if off > c.cutoff { // Law on Civil Status 2014 Art. 5(3): "sau 15 giờ"
			day = cur.next(day + 1)
		}
		off = c.a1
	}
	if len(pauses) > 0 {
		paused, err := c.pausedTime(accepted, pauses)
		if err != nil {
			return time.Time{}, err
		}
		if paused > 0 {
			day, off = c.advance(&cur, day, off, paused)
		}
	}
	if y := dateFromDays(day).Year; y > MaxYear {
		return time.Time{}, fmt.Errorf("ngày hẹn trả vượt quá năm %d", MaxYear)
	}
	return join(day, off), nil
}

// pausedTime returns the working time covered by the union of the pauses
// after accepted, so overlapping pauses count once.
func (c *Calendar) pausedTime(accepted time.Time, pauses []Interval) (time.Duration, error) {
	open := false
	iv := make([]Interval, 0, len(pauses))
	for _, p := range pauses {
		switch {
		case p.From.IsZero():
			return 0, errors.New("khoảng tạm dừng thiếu thời điểm bắt đầu")
		case p.To.IsZero():
			open = true
			continue
		case p.To.Before(p.From):
			return 0, fmt.Errorf("khoảng tạm dừng kết thúc (%s) trước khi bắt đầu (%s)",
				p.To.In(zone).Format("15:04 02/01/2006"), p.From.In(zone).Format("15:04 02/01/2006"))
		}
		if p.From.Before(accepted) {
			p.From = accepted
		}
		if p.To.After(p.From) {
			iv = append(iv, p)
		}
	}
	if open {
		return 0, ErrPaused
	}
	slices.SortFunc(iv, func(a, b Interval) int { return a.From.Compare(b.From) })
	var total time.Duration
	var from, to time.Time
	for i, p := range iv {
		if i > 0 && !p.From.After(to) {
			if p.To.After(to) {
				to = p.To
			}
			continue
		}
		if i > 0 {
			total += c.WorkingTimeBetween(from, to)
		}
		from, to = p.From, p.To
	}
	if len(iv) > 0 {
		total += c.WorkingTimeBetween(from, to)
	}
	return total, nil
}

// WorkingTimeBetween returns the working time in [a, b): the time inside
// working windows of working days. It is 0 when b is not after a. Use it for
// lateness (WorkingTimeBetween(due, done)), pauses and reports.
func (c *Calendar) WorkingTimeBetween(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	cur := cursor{t: c.years}
	da, oa := split(a)
	db, ob := split(b)
	if da == db {
		return c.elapsed(&cur, db, ob) - c.elapsed(&cur, da, oa)
	}
	var total time.Duration
	if cur.working(da) {
		total = c.perDay - c.elapsed(&cur, da, oa)
	}
	total += time.Duration(cur.countWorking(da+1, db)) * c.perDay
	return total + c.elapsed(&cur, db, ob)
}

// elapsed returns the working time of day before offset off.
func (c *Calendar) elapsed(cur *cursor, day int64, off time.Duration) time.Duration {
	if !cur.working(day) {
		return 0
	}
	return clamp(off, c.m0, c.m1) - c.m0 + clamp(off, c.a0, c.a1) - c.a0
}

func clamp(x, lo, hi time.Duration) time.Duration { return min(max(x, lo), hi) }
