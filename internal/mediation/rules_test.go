package mediation

import (
	"testing"
	"time"
)

func d(y, m, dd int) time.Time   { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
func dp(y, m, dd int) *time.Time { t := d(y, m, dd); return &t }

func TestCheckTeam(t *testing.T) {
	team := Team{ID: "T1", CommuneCode: "29905", Name: "Tổ hòa giải khóm 1"}
	minority := Team{ID: "T1", CommuneCode: "29905", Name: "Tổ hòa giải ấp Khmer", MinorityArea: true}
	f := func(leader bool) Mediator {
		return Mediator{TeamID: "T1", Sex: SexFemale, Leader: leader, RecognisedOn: d(2024, 1, 1)}
	}
	m := func(leader bool) Mediator {
		return Mediator{TeamID: "T1", Sex: SexMale, Leader: leader, RecognisedOn: d(2024, 1, 1)}
	}
	dismissed := f(false)
	dismissed.DismissedOn = dp(2026, 1, 10)
	khmer := m(false)
	khmer.EthnicMinority = true
	other := f(false)
	other.TeamID = "T2"
	tests := []struct {
		name string
		team Team
		ms   []Mediator
		want []string
	}{
		{"Art. 12(1): 3 mediators incl. a woman, leader one of them (Art. 14(1))", team, []Mediator{f(true), m(false), m(false)}, nil},
		{"Art. 12(1): 2 mediators are too few", team, []Mediator{f(true), m(false)}, []string{"team_size"}},
		{"Art. 12(1): no woman", team, []Mediator{m(true), m(false), m(false)}, []string{"team_woman"}},
		{"Art. 12(1): dismissed woman no longer counts (Art. 11)", team, []Mediator{m(true), m(false), m(false), dismissed}, []string{"team_woman"}},
		{"Art. 12(1): minority area without a minority mediator", minority, []Mediator{f(true), m(false), m(false)}, []string{"team_minority"}},
		{"Art. 12(1): minority area with one", minority, []Mediator{f(true), m(false), khmer}, nil},
		{"Art. 14(1): no leader", team, []Mediator{f(false), m(false), m(false)}, []string{"team_leader"}},
		{"Art. 14: two leaders", team, []Mediator{f(true), m(true), m(false)}, []string{"team_leader"}},
		{"other teams' mediators do not count", team, []Mediator{f(true), m(false), other}, []string{"team_size"}},
		{"empty team", team, nil, []string{"team_size", "team_woman", "team_leader"}},
	}
	for _, tt := range tests {
		ws := CheckTeam(tt.team, tt.ms, d(2026, 3, 1))
		var got []string
		for _, w := range ws {
			got = append(got, w.Code)
			if w.Message == "" {
				t.Errorf("%s: warning %s has no message", tt.name, w.Code)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}

// Art. 20(2): "Trong thời hạn 03 ngày, kể từ ngày được phân công" — calendar
// days from the day after the assignment (Civil Code Art. 147(2)), ending at
// the close of the last day (Art. 148(6)); weekends are not skipped.
func TestStartDeadline(t *testing.T) {
	tests := []struct {
		assigned, want time.Time
	}{
		{d(2026, 3, 2), d(2026, 3, 5)},   // Mon → Thu
		{d(2026, 3, 6), d(2026, 3, 9)},   // Fri → Mon (calendar days)
		{d(2026, 2, 27), d(2026, 3, 2)},  // across a month end
		{d(2026, 12, 30), d(2027, 1, 2)}, // across a year end
	}
	for _, tt := range tests {
		if got := StartDeadline(tt.assigned); !got.Equal(tt.want) {
			t.Errorf("StartDeadline(%s) = %s, want %s", tt.assigned.Format("02/01/2006"), got.Format("02/01/2006"), tt.want.Format("02/01/2006"))
		}
	}
}

func TestLateStart(t *testing.T) {
	today := d(2026, 3, 20)
	tests := []struct {
		name   string
		c      Case
		agreed bool
		want   bool
	}{
		{"Art. 20(2): started on the 3rd day", Case{Origin: OriginAssigned, AssignedOn: dp(2026, 3, 2), StartedOn: dp(2026, 3, 5), Outcome: OutcomeInProgress}, false, false},
		{"Art. 20(2): started on the 4th day", Case{Origin: OriginAssigned, AssignedOn: dp(2026, 3, 2), StartedOn: dp(2026, 3, 6), Outcome: OutcomeInProgress}, false, true},
		{"Art. 20(2): not started and past the deadline", Case{Origin: OriginRequest, AssignedOn: dp(2026, 3, 2), Outcome: OutcomeInProgress}, false, true},
		{"Art. 20(2): not started, deadline not passed", Case{Origin: OriginRequest, AssignedOn: dp(2026, 3, 18), Outcome: OutcomeInProgress}, false, false},
		{"Art. 20(2): witnessed cases are mediated at once", Case{Origin: OriginWitnessed, AssignedOn: dp(2026, 3, 2), StartedOn: dp(2026, 3, 10)}, false, false},
		{"Art. 20(2): parties agreed another time", Case{Origin: OriginRequest, AssignedOn: dp(2026, 3, 2), StartedOn: dp(2026, 3, 10)}, true, false},
		{"no assignment date", Case{Origin: OriginRequest, Outcome: OutcomeInProgress}, false, false},
	}
	for _, tt := range tests {
		if got := LateStart(tt.c, tt.agreed, today); got != tt.want {
			t.Errorf("%s: LateStart = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Decree 15/2014/NĐ-CP Art. 14: a per-case payment needs an ended case logged in the book.
func TestPaymentAllowed(t *testing.T) {
	tests := []struct {
		name string
		c    Case
		want bool
	}{
		{"ended and logged", Case{ID: "c1", Outcome: OutcomeSuccessful, EndedOn: dp(2026, 3, 2)}, true},
		{"unsuccessful also ends the case", Case{ID: "c1", Outcome: OutcomeUnsuccessful, EndedOn: dp(2026, 3, 2)}, true},
		{"in progress", Case{ID: "c1", Outcome: OutcomeInProgress}, false},
		{"not logged", Case{Outcome: OutcomeSuccessful, EndedOn: dp(2026, 3, 2)}, false},
	}
	for _, tt := range tests {
		got, why := PaymentAllowed(tt.c)
		if got != tt.want || (!got && why == "") {
			t.Errorf("%s: PaymentAllowed = %v %q, want %v", tt.name, got, why, tt.want)
		}
	}
}
