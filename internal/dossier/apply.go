package dossier

import (
	"fmt"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// NewSteps makes a dossier's steps from the procedure's internal process for
// the channel used.
func NewSteps(p catalog.Procedure, ch catalog.Channel) []Step {
	var out []Step
	for _, s := range p.StepsFor(ch) {
		out = append(out, Step{Name: s.Name, Role: string(s.Role), UnitCode: s.Unit, Allotted: s.Allotted})
	}
	return out
}

// Apply performs a transition other than acceptance (see Accept) on d and
// returns its event. d is changed only when the transition is legal.
func Apply(d *Dossier, act Action, a Actor, in Input, env Env) (Event, error) {
	if err := check(d, act, a, env.Now); err != nil {
		return Event{}, err
	}
	// A superior acting on someone else's step: recorded with the step and
	// the reason given (OnBehalfRule says when it must be asked for).
	behalf := ""
	if stepBound[act] {
		if s := d.CurrentStep(); HoldingOf(a, s) == Superior {
			behalf = "Làm thay người giữ bước \"" + s.Name + "\" (" + holderText(s) + ")"
			if r := strings.TrimSpace(in.Reason); r != "" && act != ActSendBack && act != ActRequestSupplement && act != ActApologize {
				behalf += ": " + r
			}
		}
	}
	from := d.Status
	now := env.Now
	ev := Event{At: now, Action: act, ActorID: a.ID, Actor: a.Name, UnitCode: a.UnitCode, From: from, Reason: strings.TrimSpace(in.Reason)}
	var err error
	switch act {
	case ActAccept:
		return Event{}, apperr.New(apperr.Invalid, "Tiếp nhận hồ sơ cần cấp mã hồ sơ: dùng Service.Accept.")
	case ActRefuse:
		if err = needReason(in, "Từ chối tiếp nhận"); err == nil {
			d.Status, d.Ended, d.EndReason = Refused, EndRefused, ev.Reason
			d.FinishedAt = &now
		}
	case ActRequestCompletion:
		if err = needReason(in, "Yêu cầu bổ sung, hoàn thiện hồ sơ"); err == nil {
			d.Completion = &Supplement{At: now, Reason: ev.Reason, Items: in.Items, Deadline: in.Deadline, By: a.Name}
			ev.Detail = strings.Join(in.Items, "; ")
		}
	case ActForward:
		err = d.forward(a, in, env)
		if cur := d.CurrentStep(); cur != nil && err == nil {
			ev.Detail = "Chuyển đến: " + cur.Name
		}
	case ActSendBack:
		if err = needReason(in, "Trả lại bước trước"); err == nil {
			err = d.sendBack(a, in, env)
			if cur := d.CurrentStep(); cur != nil && err == nil {
				ev.Detail = "Trả lại: " + cur.Name
			}
		}
	case ActRequestSupplement:
		if err = needReason(in, "Yêu cầu bổ sung hồ sơ"); err == nil {
			if in.Deadline != nil && !in.Deadline.After(now) {
				return Event{}, apperr.Field("deadline", "Hạn bổ sung phải sau thời điểm hiện tại.")
			}
			r := SupplementRuleAt(d.AcceptedAt)
			limit, lerr := SupplementDeadline(d, r, env.Cal)
			if lerr != nil {
				return Event{}, apperr.Wrap(apperr.Invalid, "Không tính được hạn yêu cầu bổ sung", lerr)
			}
			if limit != nil && now.After(*limit) {
				return Event{}, refuse("Đã quá " + r.RequestWithin.String() + " kể từ khi tiếp nhận (hạn " +
					limit.In(calendar.Zone()).Format("15:04 02/01/2006") + "): không được yêu cầu bổ sung nữa (" + r.Basis +
					"); đơn vị phải giải quyết hoặc từ chối giải quyết hồ sơ.")
			}
			d.Supplements = append(d.Supplements, Supplement{At: now, Reason: ev.Reason, Items: in.Items, Deadline: in.Deadline, By: a.Name})
			d.Status = SupplementWaiting
			ev.Detail = fmt.Sprintf("Lần yêu cầu bổ sung thứ %d", len(d.Supplements))
		}
	case ActSupplement:
		last := &d.Supplements[len(d.Supplements)-1]
		last.ReceivedAt = &now
		d.Status = Processing
		if SupplementRuleAt(d.AcceptedAt).Restart {
			err = d.restartDue(env)
			if err == nil {
				ev.Detail = "Thời hạn giải quyết tính lại từ đầu; hẹn trả " + d.DueAt.In(calendar.Zone()).Format("15:04 02/01/2006")
			}
		} else {
			err = d.recomputeDue(env)
		}
	case ActReturnIncomplete:
		d.endStep(now, a, "Trả lại hồ sơ do không bổ sung")
		d.Status, d.Ended = Stopped, EndIncomplete
		d.EndReason = "Quá hạn bổ sung, hoàn thiện hồ sơ mà người nộp không bổ sung (" + SupplementRuleAt(d.AcceptedAt).Basis + ")"
		if ev.Reason != "" {
			d.EndReason += "; " + ev.Reason
		}
		d.FinishedAt, d.ReturnedAt = &now, &now
	case ActRefuseResolution:
		if err = needReason(in, "Từ chối giải quyết hồ sơ"); err == nil {
			d.endStep(now, a, "Từ chối giải quyết")
			if last := len(d.Steps) - 1; d.Current < last {
				d.Current = last
				err = d.startStep(last, env, nil)
			}
			d.markReady(env)
			d.Ended, d.EndReason = EndRejected, ev.Reason
		}
	case ActRequestFee:
		d.Status = FeeWaiting
	case ActPayFee:
		d.Status = Processing
	case ActWithdraw:
		d.endStep(now, a, "Rút hồ sơ")
		d.Status, d.Ended, d.EndReason = Withdrawn, EndWithdrawn, ev.Reason
		d.FinishedAt = &now
	case ActStop:
		if err = needReason(in, "Dừng xử lý hồ sơ"); err == nil {
			d.endStep(now, a, "Dừng xử lý")
			d.Status, d.Ended, d.EndReason = Stopped, EndStopped, ev.Reason
			d.FinishedAt = &now
		}
	case ActApologize:
		err = d.apologize(a, in, env)
		if err == nil {
			ev.Detail = "Hẹn lại: " + d.Apology.NewDueAt.In(calendar.Zone()).Format("15:04 02/01/2006") + "; đơn vị: " + d.Apology.UnitCode
		}
	case ActReturn:
		d.endStep(now, a, "Đã trả kết quả")
		d.Status = Returned
		d.ReturnedAt = &now
		ev.Detail = strings.TrimSpace(in.Note) // how it was returned (by post: the consignment)
	case ActRate:
		if in.Satisfied == nil {
			return Event{}, apperr.Field("satisfied", "Cần chọn hài lòng hoặc không hài lòng.")
		}
		if len([]rune(in.Comment)) > 2000 {
			return Event{}, apperr.Field("comment", "Ý kiến không được dài quá 2.000 ký tự.")
		}
		d.Rating = &Rating{Satisfied: *in.Satisfied, Comment: strings.TrimSpace(in.Comment), At: now}
	}
	if err != nil {
		return Event{}, err
	}
	if behalf != "" {
		if ev.Detail != "" {
			ev.Detail += "; "
		}
		ev.Detail += behalf
	}
	ev.To = d.Status
	return ev, nil
}

// Accept accepts d (submitted online, or at the counter in the same step):
// it takes the code, starts the clock (Decree 118/2025/NĐ-CP: from the
// receipt of a complete dossier, counted in the office's working time),
// computes the due time and starts the first step.
func Accept(d *Dossier, code, pin string, a Actor, env Env) (Event, error) {
	if err := check(d, ActAccept, a, env.Now); err != nil {
		return Event{}, err
	}
	if len(d.Steps) == 0 {
		return Event{}, apperr.New(apperr.Invalid, "Thủ tục chưa có quy trình nội bộ; không thể tiếp nhận.")
	}
	now := env.Now
	due, err := env.Cal.Due(now, d.TimeLimit, nil)
	if err != nil {
		return Event{}, apperr.Wrap(apperr.Invalid, "Không tính được ngày hẹn trả: "+err.Error(), err)
	}
	start := env.Cal.ClockStart(now)
	d.Code, d.LookupPIN = code, pin
	d.Status = Accepted
	d.AcceptedAt, d.ClockStart, d.DueAt = &now, &start, &due
	d.Current = 0
	if err := d.startStep(0, env, nil); err != nil {
		return Event{}, err
	}
	return Event{At: now, Action: ActAccept, ActorID: a.ID, Actor: a.Name, UnitCode: a.UnitCode, From: Submitted, To: Accepted,
		Detail: "Mã hồ sơ " + code + "; hẹn trả " + due.In(calendar.Zone()).Format("15:04 02/01/2006")}, nil
}

func (d *Dossier) startStep(i int, env Env, pauses []calendar.Interval) error {
	s := &d.Steps[i]
	now := env.Now
	due, err := env.Cal.Due(now, s.Allotted, pauses)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "Không tính được hạn của bước "+s.Name, err)
	}
	s.StartedAt, s.DueAt, s.FinishedAt, s.Outcome = &now, &due, nil, ""
	return nil
}

// endStep closes the current step, if one is open.
func (d *Dossier) endStep(now time.Time, a Actor, note string) {
	s := d.CurrentStep()
	if s == nil || s.StartedAt == nil || s.FinishedAt != nil {
		return
	}
	s.FinishedAt = &now
	if s.DueAt != nil {
		s.Outcome = StepOutcome(now, *s.DueAt)
	}
	s.GivenBy = a.Name
	if note != "" {
		s.Note = note
	}
}

// forward hands the dossier from the current step to the next. When the
// next step is the last (returning the result), the result is ready (9) and
// the dossier has ended for the statistics.
func (d *Dossier) forward(a Actor, in Input, env Env) error {
	now := env.Now
	d.endStep(now, a, strings.TrimSpace(in.Note))
	next := d.Current + 1
	if next >= len(d.Steps) {
		d.markReady(env)
		return nil
	}
	d.Current = next
	if err := d.startStep(next, env, nil); err != nil {
		return err
	}
	d.Status = Processing
	if next == len(d.Steps)-1 {
		d.markReady(env)
	}
	return nil
}

// sendBack returns the dossier to the previous step, which starts again
// with its allotment (the dossier's own due time does not move): the
// current step ends with the reason as its note.
func (d *Dossier) sendBack(a Actor, in Input, env Env) error {
	d.endStep(env.Now, a, "Trả lại bước trước: "+strings.TrimSpace(in.Reason))
	d.Current--
	if err := d.startStep(d.Current, env, nil); err != nil {
		return err
	}
	d.Status = Processing
	return nil
}

func (d *Dossier) markReady(env Env) {
	now := env.Now
	d.Status, d.Ended = ResultReady, EndResult
	d.FinishedAt = &now
	if ResolvedOutcome(d) == Late {
		d.LateUnit = AttributeLateness(d, env.Cal)
	}
}

// recomputeDue moves the due times by the supplement pauses (Decree
// 118/2025/NĐ-CP: the time the applicant takes to supplement is not counted).
func (d *Dossier) recomputeDue(env Env) error {
	if d.AcceptedAt == nil {
		return nil
	}
	pauses := d.pauses(env.Now)
	due, err := env.Cal.Due(*d.AcceptedAt, d.TimeLimit, pauses)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "Không tính được ngày hẹn trả", err)
	}
	d.DueAt = &due
	if s := d.CurrentStep(); s != nil && s.StartedAt != nil && s.FinishedAt == nil {
		sd, err := env.Cal.Due(*s.StartedAt, s.Allotted, pauses)
		if err != nil {
			return apperr.Wrap(apperr.Invalid, "Không tính được hạn của bước", err)
		}
		s.DueAt = &sd
	}
	return nil
}

// restartDue counts the time limit again from zero from now, when the
// complete supplement arrived (Decree 118/2025/NĐ-CP Art. 19(5): "thời hạn
// giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ"); the current step's
// allotted time restarts with it.
func (d *Dossier) restartDue(env Env) error {
	due, err := env.Cal.Due(env.Now, d.TimeLimit, nil)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "Không tính được ngày hẹn trả", err)
	}
	start := env.Cal.ClockStart(env.Now)
	d.DueAt, d.ClockStart = &due, &start
	if s := d.CurrentStep(); s != nil && s.StartedAt != nil && s.FinishedAt == nil {
		sd, err := env.Cal.Due(env.Now, s.Allotted, nil)
		if err != nil {
			return apperr.Wrap(apperr.Invalid, "Không tính được hạn của bước", err)
		}
		s.DueAt = &sd
	}
	return nil
}

func (d *Dossier) apologize(a Actor, in Input, env Env) error {
	title, err := mayApologize(a, d.CurrentStep())
	if err != nil {
		return err
	}
	if err := checkApology(d, in, env); err != nil {
		return err
	}
	unit := a.UnitCode
	if s := d.CurrentStep(); s != nil {
		unit = s.Holder()
	}
	d.Apology = &Apology{At: env.Now, Reason: strings.TrimSpace(in.Reason), UnitCode: unit, NewDueAt: in.NewDueAt.UTC(), By: a.Name,
		SignerTitle: title}
	return nil
}
