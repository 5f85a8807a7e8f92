package mediation

import (
	"math"
	"sort"
	"time"
)

// Figures are a period's mediation figures, computed from case records by
// their direct definition (never from typed totals):
//   - a case is received in the period when it was open at the period's
//     start (carried over: received before it and not ended before it) or
//     received within it (new);
//   - it is successful, unsuccessful or stopped in the period when it ended
//     within it;
//   - in progress = received − ended in the period.
//
// The success rate the Ministry publishes is successful ÷ received (the
// seeds' "1.673 vụ/2.276 vụ, đạt 73,5%"); some provinces divide by the cases
// concluded with or without agreement, so that rate is kept beside it.
// Both keep their numerator and denominator.
type Figures struct {
	Received      int         `json:"received"`
	CarriedOver   int         `json:"carried_over"`
	New           int         `json:"new"`
	Successful    int         `json:"successful"`
	Unsuccessful  int         `json:"unsuccessful"`
	Stopped       int         `json:"stopped"`
	InProgress    int         `json:"in_progress"`
	SuccessRate   *float64    `json:"success_rate"`           // percent, one decimal; nil when nothing was received
	ConcludedRate *float64    `json:"concluded_success_rate"` // successful ÷ (successful + unsuccessful), percent
	ByKind        []KindCount `json:"by_kind,omitempty"`
}

// KindCount is the number of cases of one kind received in the period.
type KindCount struct {
	Kind     CaseKind `json:"kind"`
	Received int      `json:"received"`
}

// Period is a closed range of days [From, To].
type Period struct {
	From, To time.Time
}

// Fact is what the figures need of a case: its commune, kind and dates.
type Fact struct {
	CommuneCode string
	Kind        CaseKind
	ReceivedOn  time.Time
	Outcome     Outcome
	EndedOn     *time.Time
}

// FactOf returns the fact of a case.
func FactOf(c Case) Fact {
	return Fact{CommuneCode: c.CommuneCode, Kind: c.Kind, ReceivedOn: c.ReceivedOn, Outcome: c.Outcome, EndedOn: c.EndedOn}
}

// Counts reports how a case counts in the period: received (carried over or
// new) and, when received, the outcome it ended with in the period
// (OutcomeInProgress if it did not end within it).
func (p Period) Counts(f Fact) (received, carriedOver bool, outcome Outcome) {
	from, to := dateOf(p.From), dateOf(p.To)
	rec := dateOf(f.ReceivedOn)
	if rec.After(to) {
		return false, false, ""
	}
	ended := f.Outcome.Ended() && f.EndedOn != nil
	if rec.Before(from) {
		if ended && dateOf(*f.EndedOn).Before(from) {
			return false, false, "" // closed before the period
		}
		carriedOver = true
	}
	if ended && !dateOf(*f.EndedOn).After(to) {
		return true, carriedOver, f.Outcome
	}
	return true, carriedOver, OutcomeInProgress
}

// Add counts one case into the figures.
func (g *Figures) Add(p Period, f Fact) {
	rec, carried, out := p.Counts(f)
	if !rec {
		return
	}
	g.Received++
	if carried {
		g.CarriedOver++
	} else {
		g.New++
	}
	switch out {
	case OutcomeSuccessful:
		g.Successful++
	case OutcomeUnsuccessful:
		g.Unsuccessful++
	case OutcomeStopped:
		g.Stopped++
	default:
		g.InProgress++
	}
	for i := range g.ByKind {
		if g.ByKind[i].Kind == f.Kind {
			g.ByKind[i].Received++
			return
		}
	}
	g.ByKind = append(g.ByKind, KindCount{Kind: f.Kind, Received: 1})
}

// Tally is the figures of one commune and kind counted by the store in one
// pass (the same definition as Period.Counts, in SQL).
type Tally struct {
	CommuneCode  string
	Kind         CaseKind
	Received     int
	CarriedOver  int
	Successful   int
	Unsuccessful int
	Stopped      int
}

// AddTally adds a store's tally into the figures.
func (g *Figures) AddTally(t Tally) {
	g.Received += t.Received
	g.CarriedOver += t.CarriedOver
	g.New += t.Received - t.CarriedOver
	g.Successful += t.Successful
	g.Unsuccessful += t.Unsuccessful
	g.Stopped += t.Stopped
	g.InProgress += t.Received - t.Successful - t.Unsuccessful - t.Stopped
	for i := range g.ByKind {
		if g.ByKind[i].Kind == t.Kind {
			g.ByKind[i].Received += t.Received
			return
		}
	}
	if t.Received > 0 {
		g.ByKind = append(g.ByKind, KindCount{Kind: t.Kind, Received: t.Received})
	}
}

// FromTallies builds the figures of the whole and of each commune (every
// commune of all listed, with zeros where nothing was received).
func FromTallies(ts []Tally, all []string) (Figures, []CommuneFigures) {
	var total Figures
	m := map[string]*Figures{}
	for _, c := range all {
		m[c] = &Figures{}
	}
	for _, t := range ts {
		total.AddTally(t)
		g := m[t.CommuneCode]
		if g == nil {
			g = &Figures{}
			m[t.CommuneCode] = g
		}
		g.AddTally(t)
	}
	total.Finish()
	return total, finishCommunes(m)
}

func finishCommunes(m map[string]*Figures) []CommuneFigures {
	out := make([]CommuneFigures, 0, len(m))
	for c, g := range m {
		g.Finish()
		out = append(out, CommuneFigures{CommuneCode: c, Figures: *g})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CommuneCode < out[j].CommuneCode })
	return out
}

// Finish computes the rates and orders the kinds; call it once after Add.
func (g *Figures) Finish() {
	g.SuccessRate = Percent(g.Successful, g.Received)
	g.ConcludedRate = Percent(g.Successful, g.Successful+g.Unsuccessful)
	order := map[CaseKind]int{}
	for i, k := range CaseKinds {
		order[k] = i
	}
	sort.Slice(g.ByKind, func(i, j int) bool { return order[g.ByKind[i].Kind] < order[g.ByKind[j].Kind] })
}

// Compute returns the figures of the period over the facts.
func Compute(p Period, facts []Fact) Figures {
	var g Figures
	for _, f := range facts {
		g.Add(p, f)
	}
	g.Finish()
	return g
}

// Percent is num ÷ den as a percent rounded half away from zero to one
// decimal (73,5), or nil when den is 0: a rate of nothing is not 0%.
func Percent(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	v := math.Round(float64(num)*1000/float64(den)) / 10
	return &v
}

// CommuneFigures are one commune's figures.
type CommuneFigures struct {
	CommuneCode string `json:"commune_code"`
	Name        string `json:"commune_name,omitempty"`
	Figures
	Staff
}

// ByCommune returns each commune's figures, communes with cases first in
// code order; communes listed in all but without a case in the period get
// zero figures so a province table names every commune.
func ByCommune(p Period, facts []Fact, all []string) []CommuneFigures {
	m := map[string]*Figures{}
	for _, c := range all {
		m[c] = &Figures{}
	}
	for _, f := range facts {
		g := m[f.CommuneCode]
		if g == nil {
			g = &Figures{}
			m[f.CommuneCode] = g
		}
		g.Add(p, f)
	}
	return finishCommunes(m)
}

// Rank orders communes by success rate, highest first, the way the seeds
// rank them ("Sa Đéc đạt 100%, Châu Thành đạt 97,96%"): communes with no
// case received come last; ties go to the commune with more successful
// cases, then by code.
func Rank(cs []CommuneFigures) []CommuneFigures {
	out := append([]CommuneFigures(nil), cs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.SuccessRate == nil) != (b.SuccessRate == nil) {
			return a.SuccessRate != nil
		}
		if a.SuccessRate != nil && *a.SuccessRate != *b.SuccessRate {
			return *a.SuccessRate > *b.SuccessRate
		}
		if a.Successful != b.Successful {
			return a.Successful > b.Successful
		}
		return a.CommuneCode < b.CommuneCode
	})
	return out
}

// Staff counts a commune's (or the province's) teams and mediators in office
// on a day: the breakdown by sex, ethnicity and legal training that the
// figures report (Law 35/2013 Art. 12(1) asks for women and, in minority
// areas, ethnic-minority mediators; the seeds count mediators trained).
type Staff struct {
	Teams             int `json:"teams"`
	TeamsWithWarnings int `json:"teams_with_warnings"`
	Mediators         int `json:"mediators"`
	Women             int `json:"mediators_women"`
	EthnicMinority    int `json:"mediators_ethnic_minority"`
	LegalTraining     int `json:"mediators_legal_training"`
	Trained           int `json:"mediators_trained"` // attended at least one training
}

// StaffOn counts teams and mediators per commune on day; the "" key holds
// the total.
func StaffOn(teams []Team, ms []Mediator, day time.Time) map[string]Staff {
	byTeam := map[string][]Mediator{}
	for _, m := range ms {
		byTeam[m.TeamID] = append(byTeam[m.TeamID], m)
	}
	out := map[string]Staff{}
	add := func(key string, f func(*Staff)) {
		s := out[key]
		f(&s)
		out[key] = s
	}
	for _, t := range teams {
		warn := len(CheckTeam(t, byTeam[t.ID], day)) > 0
		for _, key := range []string{"", t.CommuneCode} {
			add(key, func(s *Staff) {
				s.Teams++
				if warn {
					s.TeamsWithWarnings++
				}
				for _, m := range byTeam[t.ID] {
					if !m.ActiveOn(day) {
						continue
					}
					s.Mediators++
					if m.Sex == SexFemale {
						s.Women++
					}
					if m.EthnicMinority {
						s.EthnicMinority++
					}
					if m.LegalTraining {
						s.LegalTraining++
					}
					if m.TrainingsAttend > 0 {
						s.Trained++
					}
				}
			})
		}
	}
	return out
}
