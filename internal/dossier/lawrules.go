package dossier

import (
	"slices"
	"time"

	"tuphap/internal/calendar"
)

// SupplementRule is how a request to supplement a dossier after acceptance
// (yêu cầu bổ sung, hoàn thiện hồ sơ trong quá trình giải quyết) works for
// dossiers accepted from From on. A dossier keeps the rule in force on the
// day it was accepted.
type SupplementRule struct {
	// From is the first day of acceptance the rule applies to (the zero
	// Date: since always).
	From calendar.Date `json:"from"`
	// Restart: the time limit is counted again from zero when the complete
	// supplement arrives. False: the clock pauses while the applicant
	// supplements and resumes where it stopped.
	Restart bool `json:"restart"`
	// MaxRequests bounds the requests per dossier; 0 means no bound.
	MaxRequests int `json:"max_requests,omitempty"`
	// RequestWithin is how long after acceptance a request may be made; the
	// zero Duration means at any time.
	RequestWithin calendar.Duration `json:"request_within,omitzero"`
	// CloseAfterDays: after so many days without the complete supplement the
	// desk closes the dossier and returns it to the applicant; 0: never.
	CloseAfterDays int `json:"close_after_days,omitempty"`
	// Basis cites the articles; Note says what is read, not quoted.
	Basis string `json:"basis"`
	Note  string `json:"note,omitempty"`
}

// SupplementRules are the versions, oldest first.
var SupplementRules = []SupplementRule{
	{
		Restart: false,
		Basis:   "Nghị định 61/2018/NĐ-CP, Điều 19 (hồ sơ tiếp nhận trước ngày 01/7/2025)",
		Note:    "Thời gian người nộp bổ sung hồ sơ không tính vào thời hạn giải quyết: thời hạn tạm dừng và tiếp tục.",
	},
	{
		From:           calendar.NewDate(2025, time.July, 1),
		Restart:        true,
		MaxRequests:    1,
		RequestWithin:  calendar.Duration{Amount: 3, Unit: calendar.WorkingDays},
		CloseAfterDays: 15,
		Basis:          "Nghị định 118/2025/NĐ-CP, Điều 19 khoản 5, Điều 11 khoản 2 điểm c, Điều 16 khoản 3",
		Note: "Yêu cầu bổ sung một lần, trong 3 ngày làm việc kể từ ngày tiếp nhận; thời hạn giải quyết được tính lại từ đầu " +
			"sau khi nhận đủ hồ sơ; quá 15 ngày không bổ sung thì trả lại hồ sơ. \"15 ngày\" đọc là ngày theo lịch " +
			"(văn bản không ghi \"ngày làm việc\") – chưa đối chiếu văn bản gốc (unverified).",
	},
}

// SupplementRuleAt returns the rule for a dossier accepted at accepted; a
// dossier without an acceptance time (imported) keeps the oldest rule.
func SupplementRuleAt(accepted *time.Time) SupplementRule {
	if accepted == nil {
		return SupplementRules[0]
	}
	day := calendar.DateOf(*accepted)
	i := len(SupplementRules) - 1
	for i > 0 && day.Before(SupplementRules[i].From) {
		i--
	}
	return SupplementRules[i]
}

// SupplementDeadline is the last instant a supplement may be requested for
// d under rule r (nil: no limit).
func SupplementDeadline(d *Dossier, r SupplementRule, cal *calendar.Calendar) (*time.Time, error) {
	if r.RequestWithin.Amount == 0 || d.AcceptedAt == nil {
		return nil, nil
	}
	t, err := cal.Due(*d.AcceptedAt, r.RequestWithin, nil)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// CloseDay is the first day on which the desk may close a dossier whose
// supplement was requested at requested, under rule r: CloseAfterDays days
// after the day of the request (ok false when the rule never closes).
func (r SupplementRule) CloseDay(requested time.Time) (calendar.Date, bool) {
	if r.CloseAfterDays <= 0 {
		return calendar.Date{}, false
	}
	return calendar.DateOf(requested).AddDays(r.CloseAfterDays), true
}

// Waiting reports whether the dossier waits for the applicant's supplement.
// While it does, the statistics count it within time whatever its due date
// (Biểu 06/VPCP/KSTT: "Trong hạn (bao gồm cả hồ sơ chờ bổ sung)"; under
// Decree 118/2025/NĐ-CP the time limit restarts when the supplement
// arrives, so no due date runs meanwhile).
func (d *Dossier) Waiting() bool { return d.Status == SupplementWaiting }

// StatDue is the due time the statistics read: none while the dossier waits
// for the applicant (see Waiting).
func (d *Dossier) StatDue() *time.Time {
	if d.Waiting() {
		return nil
	}
	return d.DueAt
}

// EndedOnTime lists the ends that count on time whatever the due date:
// withdrawn, stopped, handed over, and returned because the applicant did
// not supplement (Biểu 06: "Đúng hạn (bao gồm cả hồ sơ chờ bổ sung và trả
// lại/xin rút)").
var EndedOnTime = []Ended{EndWithdrawn, EndStopped, EndTransferred, EndIncomplete}

// endsOnTime reports whether e is one of EndedOnTime.
func endsOnTime(e Ended) bool { return slices.Contains(EndedOnTime, e) }
