package practitioner

import (
	"context"
	"sort"
	"time"
)

// Period is a closed range of days [From, To].
type Period struct{ From, To time.Time }

// Row is one profession's line of the figures: entries by status at the
// period's end (the stock at the cut-off), entered and ended within it (the
// flows), each computed from the entries' histories.
type Row struct {
	Profession Profession     `json:"profession"`
	ByStatus   map[Status]int `json:"by_status"`
	Active     int            `json:"active"`
	New        int            `json:"new"`   // registered within the period
	Ended      int            `json:"ended"` // reached a final status within the period
}

// InspectionFigures are the checks of the period: concluded within it.
type InspectionFigures struct {
	Planned    int   `json:"planned"` // of the period's years
	Concluded  int   `json:"concluded"`
	Findings   int   `json:"findings"`
	Sanctions  int   `json:"sanctions"`
	FinesVND   int64 `json:"fines_vnd"`
	OpenRecs   int   `json:"open_recommendations"`
	WithBreach int   `json:"with_breach"` // concluded checks that found a breach
}

// Figures are a period's figures of the register.
type Figures struct {
	From        time.Time         `json:"from"`
	To          time.Time         `json:"to"`
	Orgs        []Row             `json:"organisations"`
	People      []Row             `json:"practitioners"`
	Events      map[EventKind]int `json:"events"`
	Inspections InspectionFigures `json:"inspections"`
}

// statusOn replays an entry's history to the status it had on day ("" if
// not yet in the register).
func statusOn(hist []Event, day time.Time) Status {
	var st Status
	for _, e := range hist {
		if !e.On.After(day) {
			st = e.To
		}
	}
	return st
}

// group splits the events by subject ID, oldest first.
func group(events []Event, subject Subject) map[string][]Event {
	m := map[string][]Event{}
	for _, e := range events {
		if e.Subject == subject {
			m[e.SubjectID] = append(m[e.SubjectID], e)
		}
	}
	for _, h := range m {
		sort.SliceStable(h, func(i, j int) bool { return h[i].On.Before(h[j].On) })
	}
	return m
}

// Match is what a drill-down from one number selects: entries of a
// profession ("" any) and subject counted as Count ("status:active",
// "new", "ended").
type Match struct {
	Subject    Subject
	Profession Profession
	Count      string
}

// counts reports how an entry counts in the period: its status at the end,
// whether it entered and whether it ended within the period.
func counts(hist []Event, p Period) (st Status, isNew, ended bool) {
	from, to := dateOf(p.From), dateOf(p.To)
	st = statusOn(hist, to)
	for _, e := range hist {
		if e.On.Before(from) || e.On.After(to) {
			continue
		}
		if e.Kind == EvRegistered {
			isNew = true
		}
		if e.To.Ended() && !e.From.Ended() {
			ended = true
		}
	}
	return
}

// Compute returns the figures of a period from the entries, all events up
// to the period's end, and the inspections.
func Compute(p Period, orgs []Organisation, people []Person, events []Event, insp []Inspection) Figures {
	g := Figures{From: p.From, To: p.To, Events: map[EventKind]int{}}
	og, pg := group(events, SubjectOrg), group(events, SubjectPerson)
	rows := func(prof func(i int) (Profession, string), n int, hist map[string][]Event) []Row {
		by := map[Profession]*Row{}
		for _, pr := range Professions {
			by[pr] = &Row{Profession: pr, ByStatus: map[Status]int{}}
		}
		for i := range n {
			pr, id := prof(i)
			r := by[pr]
			if r == nil {
				continue
			}
			st, isNew, ended := counts(hist[id], p)
			if st != "" {
				r.ByStatus[st]++
				if st == StatusActive {
					r.Active++
				}
			}
			if isNew {
				r.New++
			}
			if ended {
				r.Ended++
			}
		}
		out := make([]Row, 0, len(Professions))
		for _, pr := range Professions {
			out = append(out, *by[pr])
		}
		return out
	}
	g.Orgs = rows(func(i int) (Profession, string) { return orgs[i].Profession, orgs[i].ID }, len(orgs), og)
	g.People = rows(func(i int) (Profession, string) { return people[i].Profession, people[i].ID }, len(people), pg)
	from, to := dateOf(p.From), dateOf(p.To)
	for _, e := range events {
		if !e.On.Before(from) && !e.On.After(to) {
			g.Events[e.Kind]++
		}
	}
	for _, in := range insp {
		if in.Year >= from.Year() && in.Year <= to.Year() {
			g.Inspections.Planned++
		}
		if in.ConcludedOn == nil || in.ConcludedOn.Before(from) || in.ConcludedOn.After(to) {
			continue
		}
		g.Inspections.Concluded++
		g.Inspections.Findings += len(in.Findings)
		g.Inspections.Sanctions += len(in.Sanctions)
		g.Inspections.FinesVND += in.FinesVND()
		g.Inspections.OpenRecs += in.Open()
		if len(in.Findings) > 0 {
			g.Inspections.WithBreach++
		}
	}
	return g
}

// Select returns the IDs of the entries behind one number of Compute.
func Select(p Period, m Match, orgs []Organisation, people []Person, events []Event) []string {
	hist := group(events, m.Subject)
	var ids []string
	var profs []Profession
	if m.Subject == SubjectOrg {
		for _, o := range orgs {
			ids, profs = append(ids, o.ID), append(profs, o.Profession)
		}
	} else {
		for _, x := range people {
			ids, profs = append(ids, x.ID), append(profs, x.Profession)
		}
	}
	var out []string
	for i, id := range ids {
		if m.Profession != "" && profs[i] != m.Profession {
			continue
		}
		st, isNew, ended := counts(hist[id], p)
		ok := false
		switch {
		case m.Count == "new":
			ok = isNew
		case m.Count == "ended":
			ok = ended
		case len(m.Count) > 7 && m.Count[:7] == "status:":
			ok = st != "" && string(st) == m.Count[7:]
		}
		if ok {
			out = append(out, id)
		}
	}
	return out
}

// Figures computes the register's figures for a period.
func (s *Service) Figures(ctx context.Context, sc Scope, p Period) (Figures, error) {
	orgs, people, events, err := s.load(ctx, sc, p)
	if err != nil {
		return Figures{}, err
	}
	var insp []Inspection
	for y := p.From.Year(); y <= p.To.Year(); y++ {
		is, err := s.Store.Inspections(ctx, sc.TenantID, y)
		if err != nil {
			return Figures{}, err
		}
		insp = append(insp, is...)
	}
	return Compute(p, orgs, people, events, insp), nil
}

func (s *Service) load(ctx context.Context, sc Scope, p Period) ([]Organisation, []Person, []Event, error) {
	orgs, err := s.Store.Orgs(ctx, sc.TenantID, OrgFilter{})
	if err != nil {
		return nil, nil, nil, err
	}
	people, err := s.Store.People(ctx, sc.TenantID, PersonFilter{})
	if err != nil {
		return nil, nil, nil, err
	}
	events, err := s.Store.EventsBetween(ctx, sc.TenantID, time.Time{}, p.To)
	if err != nil {
		return nil, nil, nil, err
	}
	return orgs, people, events, nil
}

// Drill returns the organisations or practitioners behind one number.
func (s *Service) Drill(ctx context.Context, sc Scope, p Period, m Match) ([]Organisation, []Person, error) {
	orgs, people, events, err := s.load(ctx, sc, p)
	if err != nil {
		return nil, nil, err
	}
	ids := map[string]bool{}
	for _, id := range Select(p, m, orgs, people, events) {
		ids[id] = true
	}
	var os []Organisation
	var ps []Person
	if m.Subject == SubjectOrg {
		for _, o := range orgs {
			if ids[o.ID] {
				os = append(os, o)
			}
		}
	} else {
		for _, x := range people {
			if ids[x.ID] {
				ps = append(ps, x)
			}
		}
	}
	return os, ps, nil
}

// Suspended counts the entries suspended at the period's end.
func (r Row) Suspended() int { return r.ByStatus[StatusSuspended] }
