package dossier

import (
	"strings"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

func monthOf(m int) time.Month { return time.Month(m) }

// StepOutcome classes a finished step against its due time: late when it
// left after the due instant; otherwise early when it left on an earlier
// day, on time on the due day (the control sheet's trước hạn / đúng hạn /
// quá hạn, Circular 03/2025/TT-VPCP Mẫu 06).
func StepOutcome(finished, due time.Time) Outcome {
	if finished.After(due) {
		return Late
	}
	if calendar.DateOf(finished).Before(calendar.DateOf(due)) {
		return Early
	}
	return OnTime
}

// ResolvedOutcome classes a resolved dossier as the statistics form does
// (Biểu 06/VPCP/KSTT, research/onestop.md §3): by the dates in Vietnam of
// its end and of its due time, the original due time moved only by
// supplement pauses (or restarted by a supplement, Decree 118/2025/NĐ-CP).
// A dossier withdrawn, stopped or returned unsupplemented counts as on time
// (EndedOnTime).
func ResolvedOutcome(d *Dossier) Outcome {
	if d.FinishedAt == nil || d.DueAt == nil {
		return ""
	}
	if endsOnTime(d.Ended) {
		return OnTime
	}
	f, due := calendar.DateOf(*d.FinishedAt), calendar.DateOf(*d.DueAt)
	switch {
	case f.Before(due):
		return Early
	case f == due:
		return OnTime
	}
	return Late
}

// AttributeLateness names the unit at fault for a late dossier: the unit of
// the step that overran its allotted time the most (Decree 61/2018/NĐ-CP
// Art. 19, continued by Decree 118/2025/NĐ-CP: the agency or unit that caused
// the delay is responsible; the process control sheet is the evidence). If no
// finished step overran, the step holding the dossier when its due time
// passed is at fault. Overrun is measured in working time.
func AttributeLateness(d *Dossier, cal *calendar.Calendar) string {
	best, bestOver := -1, time.Duration(0)
	for i, s := range d.Steps {
		if s.DueAt == nil || s.StartedAt == nil {
			continue
		}
		end := s.FinishedAt
		if end == nil {
			continue
		}
		if end.After(*s.DueAt) {
			over := cal.WorkingTimeBetween(*s.DueAt, *end)
			if over > bestOver {
				best, bestOver = i, over
			}
		}
	}
	if best >= 0 {
		return d.Steps[best].Holder()
	}
	if d.DueAt == nil {
		return ""
	}
	for _, s := range d.Steps {
		if s.StartedAt != nil && !s.StartedAt.After(*d.DueAt) && (s.FinishedAt == nil || s.FinishedAt.After(*d.DueAt)) {
			return s.Holder()
		}
	}
	return ""
}

// Holder names who holds the dossier during the step: its unit code, or,
// for a step done by a role across units (the director), "role:<role>".
func (s Step) Holder() string {
	if s.UnitCode != "" {
		return s.UnitCode
	}
	if s.Role != "" {
		return "role:" + s.Role
	}
	return ""
}

// MissingRequired lists the names of the procedure's required documents
// that are not among those received (matched by name). A dossier accepted
// at the counter or by post must be complete (Decree 61/2018/NĐ-CP, Art. 19
// as amended by Decree 107/2021/NĐ-CP: an incomplete dossier is not
// accepted; the officer guides the applicant to complete it).
func MissingRequired(p catalog.Procedure, got []Received) []string {
	have := map[string]bool{}
	for _, r := range got {
		have[strings.TrimSpace(r.Name)] = true
	}
	var missing []string
	for _, d := range p.Documents {
		if d.Required && !have[strings.TrimSpace(d.Name)] {
			missing = append(missing, d.Name)
		}
	}
	return missing
}

// IncompleteMessage is the one message for an incomplete dossier, the same
// at the counter and through the API.
func IncompleteMessage(missing []string) string {
	return "Hồ sơ chưa đủ thành phần bắt buộc: " + strings.Join(missing, "; ") +
		". Hướng dẫn người nộp bổ sung (Mẫu 02) hoặc từ chối tiếp nhận (Mẫu 03) nếu không thuộc thẩm quyền."
}
