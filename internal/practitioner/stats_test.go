package practitioner

import "testing"

func TestComputeAndSelect(t *testing.T) {
	orgs := []Organisation{{ID: "o1", Profession: Notary}, {ID: "o2", Profession: Notary}, {ID: "o3", Profession: Bailiff}}
	people := []Person{{ID: "p1", Profession: Notary}}
	ev := func(s Subject, id string, k EventKind, on [3]int, from, to Status) Event {
		return Event{Subject: s, SubjectID: id, Kind: k, On: d(on[0], on[1], on[2]), From: from, To: to}
	}
	events := []Event{
		ev(SubjectOrg, "o1", EvRegistered, [3]int{2020, 1, 1}, "", StatusActive),
		ev(SubjectOrg, "o2", EvRegistered, [3]int{2026, 2, 1}, "", StatusActive),
		ev(SubjectOrg, "o2", EvSuspended, [3]int{2026, 5, 1}, StatusActive, StatusSuspended),
		ev(SubjectOrg, "o3", EvRegistered, [3]int{2021, 1, 1}, "", StatusActive),
		ev(SubjectOrg, "o3", EvDissolved, [3]int{2026, 3, 1}, StatusActive, StatusDissolved),
		ev(SubjectOrg, "o1", EvDissolved, [3]int{2027, 1, 5}, StatusActive, StatusDissolved), // after the period
		ev(SubjectPerson, "p1", EvRegistered, [3]int{2026, 6, 1}, "", StatusActive),
	}
	insp := []Inspection{
		{Year: 2026, ConcludedOn: dp(2026, 9, 1), Findings: []Finding{{"Điều 16", "x"}},
			Sanctions: []Sanction{{Kind: SanctionFine, AmountVND: 5_000_000}}, Recommendations: []Recommendation{{Text: "r", DueOn: d(2026, 12, 1)}}},
		{Year: 2026},
	}
	p := Period{d(2026, 1, 1), d(2026, 12, 31)}
	g := Compute(p, orgs, people, events, insp)
	n := g.Orgs[0] // notary
	if n.Active != 1 || n.ByStatus[StatusSuspended] != 1 || n.New != 1 || n.Ended != 0 {
		t.Errorf("notary row %+v", n)
	}
	b := g.Orgs[3] // bailiff
	if b.Profession != Bailiff || b.Active != 0 || b.Ended != 1 || b.ByStatus[StatusDissolved] != 1 {
		t.Errorf("bailiff row %+v", b)
	}
	if g.People[0].New != 1 || g.Events[EvRegistered] != 2 || g.Events[EvDissolved] != 1 {
		t.Errorf("people %+v events %v", g.People[0], g.Events)
	}
	if i := g.Inspections; i.Planned != 2 || i.Concluded != 1 || i.FinesVND != 5_000_000 || i.OpenRecs != 1 || i.WithBreach != 1 {
		t.Errorf("inspections %+v", i)
	}
	// Drill-down: each number's records.
	if got := Select(p, Match{SubjectOrg, Notary, "status:active"}, orgs, people, events); len(got) != 1 || got[0] != "o1" {
		t.Errorf("active notaries %v", got)
	}
	if got := Select(p, Match{SubjectOrg, "", "ended"}, orgs, people, events); len(got) != 1 || got[0] != "o3" {
		t.Errorf("ended %v", got)
	}
	if got := Select(p, Match{SubjectOrg, Notary, "new"}, orgs, people, events); len(got) != 1 || got[0] != "o2" {
		t.Errorf("new %v", got)
	}
}
