package mediation

import (
	"math/rand/v2"
	"testing"
)

func TestPeriodCounts(t *testing.T) {
	p := Period{From: d(2026, 1, 1), To: d(2026, 6, 30)}
	tests := []struct {
		name     string
		f        Fact
		received bool
		carried  bool
		outcome  Outcome
	}{
		{"received and ended within", Fact{ReceivedOn: d(2026, 2, 1), Outcome: OutcomeSuccessful, EndedOn: dp(2026, 2, 20)}, true, false, OutcomeSuccessful},
		{"received within, ends after: in progress", Fact{ReceivedOn: d(2026, 6, 1), Outcome: OutcomeUnsuccessful, EndedOn: dp(2026, 7, 2)}, true, false, OutcomeInProgress},
		{"carried over, ended within", Fact{ReceivedOn: d(2025, 12, 1), Outcome: OutcomeStopped, EndedOn: dp(2026, 1, 1)}, true, true, OutcomeStopped},
		{"carried over, still open", Fact{ReceivedOn: d(2025, 12, 1), Outcome: OutcomeInProgress}, true, true, OutcomeInProgress},
		{"closed before the period", Fact{ReceivedOn: d(2025, 12, 1), Outcome: OutcomeSuccessful, EndedOn: dp(2025, 12, 31)}, false, false, ""},
		{"received after the period", Fact{ReceivedOn: d(2026, 7, 1), Outcome: OutcomeInProgress}, false, false, ""},
		{"received on the last day", Fact{ReceivedOn: d(2026, 6, 30), Outcome: OutcomeSuccessful, EndedOn: dp(2026, 6, 30)}, true, false, OutcomeSuccessful},
	}
	for _, tt := range tests {
		r, c, o := p.Counts(tt.f)
		if r != tt.received || c != tt.carried || o != tt.outcome {
			t.Errorf("%s: Counts = %v %v %q, want %v %v %q", tt.name, r, c, o, tt.received, tt.carried, tt.outcome)
		}
	}
}

// The seeds' figures: "1.673 vụ/2.276 vụ, đạt 73,5%" (004) and "3.073 vụ
// việc, trong đó hòa giải thành 2.897 vụ việc, đạt tỷ lệ 94,3%" (002).
func TestPercentMatchesPublishedRates(t *testing.T) {
	tests := []struct {
		num, den int
		want     float64
	}{{1673, 2276, 73.5}, {2897, 3073, 94.3}, {1, 3, 33.3}, {2, 3, 66.7}, {1, 1, 100}}
	for _, tt := range tests {
		if got := Percent(tt.num, tt.den); got == nil || *got != tt.want {
			t.Errorf("Percent(%d, %d) = %v, want %v", tt.num, tt.den, got, tt.want)
		}
	}
	if Percent(0, 0) != nil {
		t.Error("a rate of nothing must be nil, not 0")
	}
}

// The figures hold their identities on any data: received = carried over +
// new = successful + unsuccessful + stopped + in progress, and the kinds add
// up to received; and they agree with counting each outcome directly.
func TestComputeIdentities(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		var facts []Fact
		for i := rng.IntN(60); i > 0; i-- {
			rec := d(2025, 1, 1).AddDate(0, 0, rng.IntN(700))
			f := Fact{CommuneCode: []string{"29905", "28261"}[rng.IntN(2)], Kind: CaseKinds[rng.IntN(len(CaseKinds))], ReceivedOn: rec, Outcome: Outcomes[rng.IntN(len(Outcomes))]}
			if f.Outcome.Ended() {
				e := rec.AddDate(0, 0, rng.IntN(90))
				f.EndedOn = &e
			}
			facts = append(facts, f)
		}
		from := d(2025, 1, 1).AddDate(0, 0, rng.IntN(600))
		p := Period{From: from, To: from.AddDate(0, 0, rng.IntN(200))}
		g := Compute(p, facts)
		if g.Received != g.CarriedOver+g.New || g.Received != g.Successful+g.Unsuccessful+g.Stopped+g.InProgress {
			t.Fatalf("identities broken: %+v", g)
		}
		kinds := 0
		for _, k := range g.ByKind {
			kinds += k.Received
		}
		if kinds != g.Received {
			t.Fatalf("kinds add to %d, received %d", kinds, g.Received)
		}
		// Direct definition, written independently.
		var succ, recv int
		for _, f := range facts {
			open := !f.ReceivedOn.After(p.To) && (f.EndedOn == nil || !f.EndedOn.Before(p.From))
			if !open {
				continue
			}
			recv++
			if f.Outcome == OutcomeSuccessful && !f.EndedOn.After(p.To) {
				succ++
			}
		}
		if recv != g.Received || succ != g.Successful {
			t.Fatalf("direct: received %d successful %d; Compute %+v", recv, succ, g)
		}
		byC := ByCommune(p, facts, []string{"29905", "28261", "30000"})
		sum := 0
		for _, c := range byC {
			sum += c.Received
		}
		if sum != g.Received || len(byC) != 3 {
			t.Fatalf("by commune sums to %d over %d communes, want %d over 3", sum, len(byC), g.Received)
		}
	}
}

func TestRank(t *testing.T) {
	p := Period{From: d(2026, 1, 1), To: d(2026, 12, 31)}
	end := dp(2026, 2, 1)
	facts := []Fact{
		{CommuneCode: "A", ReceivedOn: d(2026, 1, 5), Outcome: OutcomeSuccessful, EndedOn: end},
		{CommuneCode: "B", ReceivedOn: d(2026, 1, 5), Outcome: OutcomeSuccessful, EndedOn: end},
		{CommuneCode: "B", ReceivedOn: d(2026, 1, 5), Outcome: OutcomeSuccessful, EndedOn: end},
		{CommuneCode: "C", ReceivedOn: d(2026, 1, 5), Outcome: OutcomeUnsuccessful, EndedOn: end},
		{CommuneCode: "C", ReceivedOn: d(2026, 1, 5), Outcome: OutcomeSuccessful, EndedOn: end},
	}
	got := Rank(ByCommune(p, facts, []string{"D"}))
	want := []string{"B", "A", "C", "D"} // 100% with 2, 100% with 1, 50%, none
	for i, c := range got {
		if c.CommuneCode != want[i] {
			t.Fatalf("rank = %v, want %v", got, want)
		}
	}
}

func TestStaffOn(t *testing.T) {
	teams := []Team{{ID: "a", CommuneCode: "1"}, {ID: "b", CommuneCode: "1"}, {ID: "c", CommuneCode: "2"}}
	on := d(2026, 1, 1)
	left := d(2026, 2, 1)
	ms := []Mediator{
		{TeamID: "a", Sex: SexFemale, Leader: true, RecognisedOn: on, LegalTraining: true},
		{TeamID: "a", Sex: SexMale, RecognisedOn: on, TrainingsAttend: 2},
		{TeamID: "a", Sex: SexMale, RecognisedOn: on, EthnicMinority: true},
		{TeamID: "b", Sex: SexFemale, RecognisedOn: on, DismissedOn: &left},
		{TeamID: "c", Sex: SexFemale, RecognisedOn: d(2026, 6, 1)}, // not yet in office
	}
	got := StaffOn(teams, ms, d(2026, 3, 1))
	want := map[string]Staff{
		"":  {Teams: 3, TeamsWithWarnings: 2, Mediators: 3, Women: 1, EthnicMinority: 1, LegalTraining: 1, Trained: 1},
		"1": {Teams: 2, TeamsWithWarnings: 1, Mediators: 3, Women: 1, EthnicMinority: 1, LegalTraining: 1, Trained: 1},
		"2": {Teams: 1, TeamsWithWarnings: 1},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("StaffOn[%q] = %+v, want %+v", k, got[k], w)
		}
	}
}
