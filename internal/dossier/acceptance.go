package dossier

import (
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// AcceptanceRule is how soon the desk must answer an online submission
// (accept it, or ask to complete it) for dossiers submitted from From on.
type AcceptanceRule struct {
	From calendar.Date `json:"from"`
	// Within is the limit from submission; the zero Duration: none.
	Within calendar.Duration `json:"within,omitzero"`
	Basis  string            `json:"basis"`
}

// AcceptanceRules are the versions, oldest first.
var AcceptanceRules = []AcceptanceRule{
	{Basis: "Nghị định 61/2018/NĐ-CP, Nghị định 45/2020/NĐ-CP: không quy định số giờ tiếp nhận hồ sơ trực tuyến (chưa xác minh)"},
	{From: calendar.NewDate(2025, time.July, 1), Within: calendar.Duration{Amount: 8, Unit: calendar.WorkingHours},
		Basis: "Nghị định 118/2025/NĐ-CP, Điều 17 khoản 2 điểm c: tiếp nhận hoặc yêu cầu bổ sung trong 8 giờ làm việc"},
}

// AcceptanceRuleAt returns the rule for a dossier submitted at t.
func AcceptanceRuleAt(t time.Time) AcceptanceRule {
	day := calendar.DateOf(t)
	i := len(AcceptanceRules) - 1
	for i > 0 && day.Before(AcceptanceRules[i].From) {
		i--
	}
	return AcceptanceRules[i]
}

// Answered is when the desk answered an online submission: the first of
// its acceptance, its request to complete, its refusal; nil while none.
func (d *Dossier) Answered() *time.Time {
	var out *time.Time
	consider := func(t *time.Time) {
		if t != nil && (out == nil || t.Before(*out)) {
			out = t
		}
	}
	consider(d.AcceptedAt)
	if d.Completion != nil {
		consider(&d.Completion.At)
	}
	if d.Ended == EndRefused || d.Ended == EndWithdrawn {
		consider(d.FinishedAt)
	}
	return out
}

// AnswerDue is the limit for the desk's answer to an online submission
// made at submitted, on cal; nil when no limit applies.
func AnswerDue(submitted time.Time, cal *calendar.Calendar) (*time.Time, error) {
	r := AcceptanceRuleAt(submitted)
	if r.Within.Amount == 0 {
		return nil, nil
	}
	due, err := cal.Due(submitted, r.Within, nil)
	if err != nil {
		return nil, err
	}
	return &due, nil
}

// Acceptance is an online submission measured against its AcceptanceRule.
type Acceptance struct {
	Deadline time.Time
	Answered *time.Time
	// Late: answered after the deadline, or not answered and now is past it.
	Late bool
}

// AcceptanceOf measures an online dossier's acceptance at now on cal (the
// calendar in force at submission); ok is false for other channels and for
// submissions no rule bounds.
func AcceptanceOf(d *Dossier, cal *calendar.Calendar, now time.Time) (a Acceptance, ok bool, err error) {
	if d.Channel != catalog.ChannelOnline || d.SubmittedAt.IsZero() {
		return a, false, nil
	}
	if d.AnswerDueAt != nil {
		a.Deadline = *d.AnswerDueAt
	} else {
		due, err := AnswerDue(d.SubmittedAt, cal)
		if due == nil || err != nil {
			return a, false, err
		}
		a.Deadline = *due
	}
	a.Answered = d.Answered()
	switch {
	case a.Answered != nil:
		a.Late = a.Answered.After(a.Deadline)
	default:
		a.Late = now.After(a.Deadline)
	}
	return a, true, nil
}

// AcceptanceFigures count the online submissions of a period against the
// acceptance limit, for the report beside Biểu 06.
type AcceptanceFigures struct {
	Submitted   int `json:"submitted"`    // online submissions bounded by a rule
	OnTime      int `json:"on_time"`      // answered within the limit
	Late        int `json:"late"`         // answered after it
	WaitingLate int `json:"waiting_late"` // not answered, past the limit
	Waiting     int `json:"waiting"`      // not answered, still within it
}

// CountAcceptance measures each dossier with the calendar in force at its
// submission; it also returns the late ones (answered late or waiting past
// the limit), in the order given.
func CountAcceptance(ds []Dossier, book *calendar.RuleBook, now time.Time) (AcceptanceFigures, []Dossier, error) {
	var f AcceptanceFigures
	var late []Dossier
	for i := range ds {
		a, ok, err := AcceptanceOf(&ds[i], book.At(ds[i].SubmittedAt), now)
		if err != nil {
			return f, nil, err
		}
		if !ok {
			continue
		}
		f.Submitted++
		switch {
		case a.Answered != nil && !a.Late:
			f.OnTime++
		case a.Answered != nil:
			f.Late++
		case a.Late:
			f.WaitingLate++
		default:
			f.Waiting++
		}
		if a.Late {
			late = append(late, ds[i])
		}
	}
	return f, late, nil
}
