package mediation

import (
	"fmt"
	"time"
)

// Rules are the figures of the law a register checks against, versioned by
// the day they take effect. Law 35/2013/QH13 has not been amended as of
// 12/2026 (research/registers-law.md HG-AMEND: a revised law was only being
// drafted), so there is one version.
type Rules struct {
	From time.Time
	// MinMediators is the smallest team: "Mỗi tổ hòa giải có từ 03 hòa giải
	// viên trở lên, trong đó có hòa giải viên nữ" (Art. 12(1)). The leader is
	// elected by and from the mediators (Art. 14(1)), so counts toward it.
	MinMediators int
	// StartWithinDays: "Trong thời hạn 03 ngày, kể từ ngày được phân công,
	// hòa giải viên bắt đầu tiến hành hòa giải" (Art. 20(2)); calendar days
	// ("ngày"), counted from the day after the assignment (Civil Code Art.
	// 147(2)) and ending at the close of the last day (Art. 148(6)).
	StartWithinDays int
	Source          string
}

var versions = []Rules{{
	From:            time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC),
	MinMediators:    3,
	StartWithinDays: 3,
	Source:          "Luật Hòa giải ở cơ sở 35/2013/QH13, Điều 12, 14, 20",
}}

// RulesOn returns the rules in force on day.
func RulesOn(day time.Time) Rules {
	r := versions[0]
	for _, v := range versions {
		if !v.From.After(dateOf(day)) {
			r = v
		}
	}
	return r
}

// Warning is a rule a team or case breaks, in Vietnamese with its article.
type Warning struct {
	Code    string // stable key: "team_size", "team_woman", "team_minority", "team_leader", "late_start"
	Message string
}

// CheckTeam returns what a team breaks on day, given its mediators (only
// those in office on day count): at least 3 mediators including a woman
// (Art. 12(1)); an ethnic-minority mediator where the area requires it
// (Art. 12(1)); one leader, elected from the mediators (Art. 14(1)). A team
// that breaks none returns nil.
func CheckTeam(t Team, ms []Mediator, day time.Time) []Warning {
	r := RulesOn(day)
	var n, women, minority, leaders int
	for _, m := range ms {
		if m.TeamID != t.ID || !m.ActiveOn(day) {
			continue
		}
		n++
		if m.Sex == SexFemale {
			women++
		}
		if m.EthnicMinority {
			minority++
		}
		if m.Leader {
			leaders++
		}
	}
	var ws []Warning
	if n < r.MinMediators {
		ws = append(ws, Warning{"team_size", fmt.Sprintf("Tổ hòa giải có %d hòa giải viên, ít hơn %d theo khoản 1 Điều 12 Luật Hòa giải ở cơ sở.", n, r.MinMediators)})
	}
	if women == 0 {
		ws = append(ws, Warning{"team_woman", "Tổ hòa giải chưa có hòa giải viên nữ (khoản 1 Điều 12 Luật Hòa giải ở cơ sở)."})
	}
	if t.MinorityArea && minority == 0 {
		ws = append(ws, Warning{"team_minority", "Tổ hòa giải ở vùng có nhiều đồng bào dân tộc thiểu số chưa có hòa giải viên là người dân tộc thiểu số (khoản 1 Điều 12 Luật Hòa giải ở cơ sở)."})
	}
	switch {
	case leaders == 0:
		ws = append(ws, Warning{"team_leader", "Tổ hòa giải chưa có tổ trưởng được bầu trong số các hòa giải viên (khoản 1 Điều 14 Luật Hòa giải ở cơ sở)."})
	case leaders > 1:
		ws = append(ws, Warning{"team_leader", fmt.Sprintf("Tổ hòa giải có %d tổ trưởng; mỗi tổ có một tổ trưởng (Điều 14 Luật Hòa giải ở cơ sở).", leaders)})
	}
	return ws
}

// StartDeadline is the last day on which mediation of a case assigned on
// assignedOn may start: 3 calendar days counted from the day after the
// assignment (Art. 20(2); Civil Code Art. 147(2), 148(6)). Assigned on
// Monday 2/3/2026, it must start by Thursday 5/3/2026.
func StartDeadline(assignedOn time.Time) time.Time {
	r := RulesOn(assignedOn)
	return dateOf(assignedOn).AddDate(0, 0, r.StartWithinDays)
}

// LateStart reports whether a case started, or has not started by today,
// after its start deadline. Art. 20(2) allows immediate mediation when the
// mediator witnessed the case and another time agreed by the parties: a
// case whose origin is "witnessed" or whose note records the parties'
// agreement (agreedOtherTime) is never late. A case without an assignment
// date cannot be late.
func LateStart(c Case, agreedOtherTime bool, today time.Time) bool {
	if c.AssignedOn == nil || c.Origin == OriginWitnessed || agreedOtherTime {
		return false
	}
	due := StartDeadline(*c.AssignedOn)
	if c.StartedOn != nil {
		return dateOf(*c.StartedOn).After(due)
	}
	if c.Outcome.Ended() {
		return false // ended without a recorded start: nothing to flag
	}
	return dateOf(today).After(due)
}

// PaymentAllowed reports whether a per-case payment to the mediators may be
// recorded: the case must have ended and be logged in the book (Decree
// 15/2014/NĐ-CP Art. 14; the amounts are per-province data). It returns the
// reason in Vietnamese when it may not.
func PaymentAllowed(c Case) (bool, string) {
	if !c.Outcome.Ended() || c.EndedOn == nil {
		return false, "Chỉ chi thù lao cho vụ việc đã kết thúc hòa giải (Điều 14 Nghị định 15/2014/NĐ-CP)."
	}
	if c.ID == "" {
		return false, "Vụ việc phải được ghi vào Sổ theo dõi hoạt động hòa giải trước khi chi thù lao (Điều 14 Nghị định 15/2014/NĐ-CP)."
	}
	return true, ""
}
