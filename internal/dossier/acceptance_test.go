package dossier

import (
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// Decree 118/2025/NĐ-CP Art. 17(2)(c): an online dossier is accepted or
// queried within 8 working hours of submission; before 1/7/2025 no such
// limit is tracked.
func TestAcceptanceWithinEightWorkingHours(t *testing.T) {
	cal := defaultCal(t)
	book, err := calendar.NewRuleBook([]calendar.Rules{calendar.DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	fri := vnAt(2026, 3, 6, 15, 0) // Friday 15:00: 2 h left that day, 6 h on Monday: due Monday 15:00
	for _, c := range []struct {
		name      string
		submitted time.Time
		answer    func(d *Dossier, at time.Time)
		at        time.Time
		now       time.Time
		ok, late  bool
		deadline  time.Time
	}{
		{"accepted Monday 14:59", fri, accept, vnAt(2026, 3, 9, 14, 59), vnAt(2026, 3, 10, 9, 0), true, false, vnAt(2026, 3, 9, 15, 0)},
		{"accepted at the deadline", fri, accept, vnAt(2026, 3, 9, 15, 0), vnAt(2026, 3, 10, 9, 0), true, false, vnAt(2026, 3, 9, 15, 0)},
		{"accepted a minute late", fri, accept, vnAt(2026, 3, 9, 15, 1), vnAt(2026, 3, 10, 9, 0), true, true, vnAt(2026, 3, 9, 15, 0)},
		{"queried in time, accepted later", fri, query, vnAt(2026, 3, 9, 10, 0), vnAt(2026, 3, 12, 9, 0), true, false, vnAt(2026, 3, 9, 15, 0)},
		{"refused in time", fri, refuseIt, vnAt(2026, 3, 9, 8, 0), vnAt(2026, 3, 12, 9, 0), true, false, vnAt(2026, 3, 9, 15, 0)},
		{"not answered, within", fri, nil, time.Time{}, vnAt(2026, 3, 9, 14, 59), true, false, vnAt(2026, 3, 9, 15, 0)},
		{"not answered, past", fri, nil, time.Time{}, vnAt(2026, 3, 9, 15, 1), true, true, vnAt(2026, 3, 9, 15, 0)},
		{"submitted before 1/7/2025: no limit", vnAt(2025, 6, 30, 9, 0), nil, time.Time{}, vnAt(2025, 8, 1, 9, 0), false, false, time.Time{}},
	} {
		d := &Dossier{Channel: catalog.ChannelOnline, SubmittedAt: c.submitted, Status: Submitted}
		if c.answer != nil {
			c.answer(d, c.at)
		}
		a, ok, err := AcceptanceOf(d, cal, c.now)
		if err != nil || ok != c.ok || a.Late != c.late || (ok && !a.Deadline.Equal(c.deadline)) {
			t.Errorf("%s: ok %v late %v deadline %v (%v); want %v %v %v", c.name, ok, a.Late, a.Deadline, err, c.ok, c.late, c.deadline)
		}
	}
	if _, ok, _ := AcceptanceOf(&Dossier{Channel: catalog.ChannelDirect, SubmittedAt: fri}, cal, fri); ok {
		t.Error("a counter dossier has no acceptance limit")
	}
	ds := []Dossier{
		{Channel: catalog.ChannelOnline, SubmittedAt: fri, AcceptedAt: ptr(vnAt(2026, 3, 9, 9, 0))},
		{Channel: catalog.ChannelOnline, SubmittedAt: fri, AcceptedAt: ptr(vnAt(2026, 3, 10, 9, 0))},
		{Channel: catalog.ChannelOnline, SubmittedAt: fri},
		{Channel: catalog.ChannelOnline, SubmittedAt: vnAt(2026, 3, 9, 16, 0)},
		{Channel: catalog.ChannelDirect, SubmittedAt: fri, AcceptedAt: ptr(fri)},
	}
	f, late, err := CountAcceptance(ds, book, vnAt(2026, 3, 9, 16, 30))
	if err != nil || f != (AcceptanceFigures{Submitted: 4, OnTime: 1, Late: 1, WaitingLate: 1, Waiting: 1}) || len(late) != 2 {
		t.Errorf("figures %+v, %d late, %v", f, len(late), err)
	}
}

func accept(d *Dossier, at time.Time) { d.AcceptedAt, d.Status = &at, Accepted }
func query(d *Dossier, at time.Time) {
	d.Completion = &Supplement{At: at, Reason: "x"}
	later := at.Add(72 * time.Hour)
	d.AcceptedAt = &later
}
func refuseIt(d *Dossier, at time.Time) { d.FinishedAt, d.Ended, d.Status = &at, EndRefused, Refused }
