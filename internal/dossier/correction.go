package dossier

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Corrections are the administrator's audited tools to put right what went
// wrong in the office rather than in the law (issue 25, item 10): moving a
// departing officer's work, resetting a due date, restoring a dossier closed
// by mistake. None is a step of the procedure: they are not in Actions (no
// button or API action of the dossier page offers them), each needs a
// written reason of at least MinCorrectionReason characters, and each is an
// event of the dossier's history and an entry of the audit chain.
const (
	ActReassign Action = "reassign"  // a step's work moved from one officer to another
	ActResetDue Action = "reset_due" // the due date corrected, the legal one kept
	ActRestore  Action = "restore"   // a dossier closed by mistake reopened
)

func init() {
	actionLabels[ActReassign] = "Chuyển xử lý (sửa sai)"
	actionLabels[ActResetDue] = "Điều chỉnh hạn giải quyết (sửa sai)"
	actionLabels[ActRestore] = "Khôi phục hồ sơ đóng nhầm (sửa sai)"
}

// MinCorrectionReason is the shortest reason a correction accepts, in
// characters: who asked for it and why, so that the one who corrects is
// accountable for it (separation of duties: the administrator corrects,
// the reason names the request).
const MinCorrectionReason = 10

// CorrectionReason checks a correction's reason.
func CorrectionReason(reason string) error {
	n := utf8.RuneCountInString(strings.TrimSpace(reason))
	switch {
	case n < MinCorrectionReason:
		return apperr.Field("reason", fmt.Sprintf("Cần ghi rõ lý do sửa sai (ai đề nghị, vì sao), ít nhất %d ký tự.", MinCorrectionReason))
	case n > 2000:
		return apperr.Field("reason", "Lý do không được dài quá 2.000 ký tự.")
	}
	return nil
}

// Officer is an officer as the corrections see them.
type Officer struct {
	ID       string
	Username string // as the audit log names officers
	Name     string // full name, as the history shows it
	Role     string
	UnitCode string
	Active   bool
}

func (o Officer) actor() Actor {
	return Actor{ID: o.ID, Name: o.Name, Role: o.Role, UnitCode: o.UnitCode}
}

// HeldBy reports whether o personally holds d's current step, the work the
// administrator must move before o leaves: the step was moved to o
// (AssigneeID), or it names nobody and o is the only active officer among
// staff who holds it as its holder (HoldingOf), so that nobody else could
// take it up. A step several officers of the unit hold is the unit's
// shared work: it stays with the others and is not o's to move. Only
// dossiers being worked on (Status.Open) hold a step.
func HeldBy(d *Dossier, o Officer, staff []Officer) bool {
	s := d.CurrentStep()
	if s == nil || !d.Status.Open() || d.Ended == EndTransferred {
		return false
	}
	if s.AssigneeID != "" {
		return s.AssigneeID == o.ID
	}
	if HoldingOf(o.actor(), s) != Holder {
		return false
	}
	for _, x := range staff {
		if x.ID != o.ID && x.Active && HoldingOf(x.actor(), s) == Holder {
			return false
		}
	}
	return true
}

// MayTake says whether officer to may take over step s from officer from:
// an active officer, another one, of the same unit, who holds the step or
// is its superior there (the unit's head for a specialist's step). A
// superior who takes it holds it from then on, without acting on anyone's
// behalf.
func MayTake(s *Step, from, to Officer) error {
	plain := *s
	plain.AssigneeID, plain.Assignee = "", ""
	switch {
	case to.ID == from.ID:
		return apperr.Field("to", "Hãy chọn một cán bộ khác để nhận việc.")
	case !to.Active:
		return apperr.Field("to", "Cán bộ "+to.Name+" đã ngừng hoạt động; không nhận việc được.")
	case to.UnitCode != from.UnitCode || (s.UnitCode != "" && to.UnitCode != s.UnitCode):
		return apperr.Field("to", "Chỉ chuyển việc cho cán bộ cùng đơn vị.")
	case HoldingOf(to.actor(), &plain) == NotHolder:
		return apperr.Field("to", fmt.Sprintf("Cán bộ %s không có vai trò xử lý bước \"%s\" (do %s giữ).", to.Name, s.Name, holderText(s)))
	}
	return nil
}

// Reassign moves d's current step from officer from, who holds it
// (HeldBy), to officer to (MayTake), with the reason, recorded as an event
// "Chuyển xử lý từ … sang …". Nothing else of the dossier changes: its
// status, due dates and the step's due time stay.
func Reassign(d *Dossier, from, to Officer, staff []Officer, reason string, by Actor, now time.Time) (Event, error) {
	if !d.Status.Open() || d.Ended == EndTransferred {
		return Event{}, refuse("Hồ sơ " + d.Code + " không còn đang giải quyết; không có việc để chuyển.")
	}
	if !HeldBy(d, from, staff) {
		return Event{}, refuse("Bước hiện tại của hồ sơ " + d.Code + " không do " + from.Name + " giữ.")
	}
	s := d.CurrentStep()
	if err := MayTake(s, from, to); err != nil {
		return Event{}, err
	}
	if err := CorrectionReason(reason); err != nil {
		return Event{}, err
	}
	s.AssigneeID, s.Assignee = to.ID, to.Name
	return Event{At: now, Action: ActReassign, ActorID: by.ID, Actor: by.Name, UnitCode: by.UnitCode, From: d.Status, To: d.Status,
		Reason: strings.TrimSpace(reason), Detail: fmt.Sprintf("Chuyển xử lý bước \"%s\" từ %s sang %s", s.Name, from.Name, to.Name)}, nil
}

// DueReset is one correction of a dossier's due date.
type DueReset struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Reason string    `json:"reason"`
	From   time.Time `json:"from"` // the due date in force before (corrected or legal)
	To     time.Time `json:"to"`
}

// CorrectedDue is the due date the office keeps with the applicant after
// the administrator's corrections, or nil when none was made.
//
// The statistics never read it: DueAt stays the legal due date, computed
// from acceptance, the time limit and the supplement pauses (Decree
// 118/2025/NĐ-CP Art. 19), and Biểu 06/VPCP/KSTT classes a dossier early,
// on time or late against it. The law moves a due date only by those
// pauses and restarts; even the apology letter (Mẫu 04) sets a new
// appointment while the dossier still counts late. A correction is an
// appointment, not a new legal deadline, so it changes no report. A
// correction made before the applicant's last supplement arrived lapses:
// the law then counted the due date again (Dossier.recomputeDue,
// restartDue), and the legal one applies until corrected anew.
func (d *Dossier) CorrectedDue() *time.Time {
	n := len(d.DueResets)
	if n == 0 {
		return nil
	}
	r := d.DueResets[n-1]
	if k := len(d.Supplements); k > 0 {
		if got := d.Supplements[k-1].ReceivedAt; got != nil && !r.At.After(*got) {
			return nil
		}
	}
	return &r.To
}

// ResetDue sets the due date of a dossier being worked on to due (a
// working day, not before its reception), with the reason; the legal due
// date (DueAt) is kept beside it for the statistics (see CorrectedDue).
func ResetDue(d *Dossier, due time.Time, reason string, by Actor, env Env) (Event, error) {
	if d.AcceptedAt == nil || d.DueAt == nil {
		return Event{}, refuse("Hồ sơ chưa được tiếp nhận nên chưa có hạn giải quyết để điều chỉnh.")
	}
	if !d.Status.Open() {
		return Event{}, refuse(fmt.Sprintf("Chỉ điều chỉnh hạn của hồ sơ đang giải quyết; hồ sơ đang ở trạng thái \"%s\".", d.Status.Name()))
	}
	if d.Waiting() {
		return Event{}, refuse("Hồ sơ đang chờ người nộp bổ sung: thời hạn giải quyết được tính lại khi nhận đủ hồ sơ, nên chưa điều chỉnh hạn lúc này.")
	}
	var bad apperr.FieldList
	day := calendar.DateOf(due)
	prev := *d.DueAt
	if c := d.CorrectedDue(); c != nil {
		prev = *c
	}
	switch {
	case day.Before(calendar.DateOf(*d.AcceptedAt)):
		bad.Add("due", "Hạn mới không được trước ngày tiếp nhận hồ sơ ("+calendar.DateOf(*d.AcceptedAt).FormatVN()+").")
	case env.Cal != nil && !env.Cal.IsWorkingDay(day):
		bad.Add("due", "Ngày "+day.FormatVN()+" không phải ngày làm việc; hãy chọn một ngày làm việc.")
	case due.Equal(prev):
		bad.Add("due", "Hạn mới trùng với hạn đang áp dụng ("+day.FormatVN()+").")
	}
	if err := CorrectionReason(reason); err != nil {
		_ = bad.Merge(err)
	}
	if err := bad.Err(); err != nil {
		return Event{}, err
	}
	reason = strings.TrimSpace(reason)
	d.DueResets = append(d.DueResets, DueReset{At: env.Now, By: by.Name, Reason: reason, From: prev, To: due})
	f := func(t time.Time) string { return calendar.DateOf(t).FormatVN() }
	return Event{At: env.Now, Action: ActResetDue, ActorID: by.ID, Actor: by.Name, UnitCode: by.UnitCode, From: d.Status, To: d.Status,
		Reason: reason, Detail: fmt.Sprintf("Hạn giải quyết điều chỉnh từ %s sang %s; hạn theo quy định (dùng cho thống kê) giữ nguyên %s",
			f(prev), f(due), f(*d.DueAt))}, nil
}

// closings are the transitions that close a dossier which a restore may
// undo, by the status they leave it in.
var closings = map[Status][]Action{
	Refused:   {ActRefuse},
	Withdrawn: {ActWithdraw},
	Stopped:   {ActStop, ActReturnIncomplete},
}

// RestoreRule says whether d, with its history evs, may be restored and
// returns the event that closed it. A dossier refused at intake, withdrawn,
// stopped, or returned for want of a supplement goes back to the status it
// had. It refuses:
//   - a dossier still being worked on, or never closed;
//   - a result returned to the applicant (status 10), or a written refusal
//     of resolution (Decree 118/2025/NĐ-CP Art. 19(3)): a signed decision
//     has gone out, and only its author may correct or revoke it by a new
//     decision (Law on Administrative Procedures; the applicant files
//     again), not the administrator by reopening the record;
//   - a dossier handed over to another agency (it continues there).
func RestoreRule(d *Dossier, evs []Event) (Event, error) {
	switch {
	case d.Ended == EndTransferred:
		return Event{}, refuse("Hồ sơ đã được chuyển giao cho cơ quan khác tiếp tục giải quyết; không khôi phục tại đây.")
	case d.Status == Returned:
		return Event{}, refuse("Hồ sơ đã trả kết quả cho người nộp; không khôi phục được. Kết quả sai phải được người có thẩm quyền đính chính hoặc thu hồi bằng văn bản, và người nộp nộp hồ sơ mới.")
	case d.Status == ResultReady && d.Ended == EndRejected:
		return Event{}, refuse("Hồ sơ đã có văn bản từ chối giải quyết; chỉ người ký văn bản đó được thu hồi, hủy bỏ bằng văn bản mới, không khôi phục bằng sửa sai.")
	}
	acts, ok := closings[d.Status]
	if !ok {
		return Event{}, refuse(fmt.Sprintf("Hồ sơ đang ở trạng thái \"%s\", không phải hồ sơ đã đóng; không cần khôi phục.", d.Status.Name()))
	}
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		if e.To != d.Status {
			continue
		}
		for _, a := range acts {
			if e.Action == a && e.From.Valid() && e.From != d.Status {
				return e, nil
			}
		}
	}
	return Event{}, refuse("Không tìm thấy thao tác đã đóng hồ sơ trong lịch sử xử lý; không khôi phục được.")
}

// Restore reopens d, closed by mistake, in the status it had before the
// event that closed it (RestoreRule), with the reason: its end is
// cleared, and the step that closing ended is open again with its own due
// time. The legal due date does not move, so the time the dossier spent
// wrongly closed counts against the office, never the applicant.
func Restore(d *Dossier, evs []Event, reason string, by Actor, now time.Time) (Event, error) {
	closing, err := RestoreRule(d, evs)
	if err != nil {
		return Event{}, err
	}
	if err := CorrectionReason(reason); err != nil {
		return Event{}, err
	}
	from := d.Status
	d.Status = closing.From
	d.Ended, d.EndReason, d.FinishedAt, d.ReturnedAt = "", "", nil, nil
	if s := d.CurrentStep(); s != nil && s.FinishedAt != nil && s.FinishedAt.Equal(closing.At) {
		s.FinishedAt, s.Outcome, s.GivenBy, s.Note = nil, "", "", ""
	}
	return Event{At: now, Action: ActRestore, ActorID: by.ID, Actor: by.Name, UnitCode: by.UnitCode, From: from, To: d.Status,
		Reason: strings.TrimSpace(reason), Detail: fmt.Sprintf("Khôi phục hồ sơ đóng nhầm (\"%s\" lúc %s) về trạng thái \"%s\"",
			closing.Action.Label(), closing.At.In(calendar.Zone()).Format("15:04 02/01/2006"), d.Status.Name())}, nil
}
