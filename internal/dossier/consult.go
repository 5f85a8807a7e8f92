package dossier

import (
	"context"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Actions of coordination and hand-over, recorded as events but not offered
// as buttons (they have their own screens).
const (
	ActConsult  Action = "consult"  // send to a coordinating agency for a step of its own
	ActTransfer Action = "transfer" // the function passed to another agency (package handover)
)

func init() {
	actionLabels[ActConsult] = "Gửi cơ quan phối hợp xác minh"
	actionLabels[ActTransfer] = "Chuyển giao cơ quan giải quyết"
}

// Consult hands the dossier from the current step to a coordinating agency
// (a police records office, a court, a civil-judgment enforcement office):
// the current step ends and a step of the agency, with its own allotted
// time, is inserted after it and started. When the agency answers, its
// liaison forwards the dossier to the next step of the process, so the
// agency's step is measured like any other (then the sending unit resumes in
// a short step of its own) and a delay is attributed to the
// agency by AttributeLateness (Decree 118/2025/NĐ-CP: the agency or unit
// that caused the delay is responsible).
func Consult(d *Dossier, a Actor, agency Step, env Env) (Event, error) {
	if d.Ended == EndTransferred {
		return Event{}, refuse("Hồ sơ đã được chuyển giao cho cơ quan khác tiếp tục giải quyết.")
	}
	if d.Status != Accepted && d.Status != Processing {
		return Event{}, refuse("Chỉ gửi xác minh khi hồ sơ đang được xử lý.")
	}
	if !holds(a, d.CurrentStep()) {
		return Event{}, forbidden("Chỉ đơn vị đang giữ hồ sơ được gửi cơ quan phối hợp xác minh.")
	}
	if strings.TrimSpace(agency.Name) == "" || agency.UnitCode == "" {
		return Event{}, apperr.New(apperr.Invalid, "Bước xác minh cần tên và mã cơ quan phối hợp.")
	}
	if err := agency.Allotted.Valid(); err != nil {
		return Event{}, apperr.Wrap(apperr.Invalid, "Thời hạn xác minh không hợp lệ: "+err.Error(), err)
	}
	if agency.Role == "" {
		agency.Role = "agency_liaison"
	}
	from := d.Status
	cur := *d.CurrentStep()
	d.endStep(env.Now, a, "Gửi xác minh: "+agency.Name)
	// After the agency's step the sending unit resumes (it may consult
	// another agency, or hand over to the next step of the process).
	resume := Step{Name: strings.TrimSuffix(cur.Name, resumeSuffix) + resumeSuffix, Role: cur.Role, UnitCode: cur.UnitCode,
		Allotted: calendar.Duration{Amount: 1, Unit: agency.Allotted.Unit}}
	if agency.Allotted.Unit == calendar.WorkingHours {
		resume.Allotted.Amount = 8
	}
	i := d.Current + 1
	d.Steps = append(d.Steps[:i], append([]Step{agency, resume}, d.Steps[i:]...)...)
	d.Current = i
	if err := d.startStep(i, env, nil); err != nil {
		return Event{}, err
	}
	d.Status = Processing
	return Event{At: env.Now, Action: ActConsult, ActorID: a.ID, Actor: a.Name, UnitCode: a.UnitCode, From: from, To: Processing,
		Detail: "Gửi " + agency.UnitCode + ": " + agency.Name + "; hạn trả lời " + d.Steps[i].DueAt.In(calendar.Zone()).Format("15:04 02/01/2006")}, nil
}

const resumeSuffix = " (tiếp tục sau xác minh)"

// Consult performs Consult in a transaction and runs also (the record of the
// request sent) in it.
func (s *Service) Consult(ctx context.Context, a Actor, tenantID, codeOrID string, agency Step, also func(ctx context.Context, tx Tx, d *Dossier) error) (Dossier, error) {
	book, err := s.Calendar(ctx, tenantID)
	if err != nil {
		return Dossier{}, err
	}
	var d Dossier
	err = s.Store.Transact(ctx, func(tx Tx) error {
		d, err = tx.LockDossier(ctx, tenantID, codeOrID)
		if err != nil {
			return err
		}
		at := tx.Now()
		if d.AcceptedAt != nil {
			at = *d.AcceptedAt
		}
		ev, err := Consult(&d, a, agency, Env{Now: tx.Now(), Cal: book.At(at)})
		if err != nil {
			return err
		}
		if err := tx.SaveDossier(ctx, &d); err != nil {
			return err
		}
		if err := s.record(ctx, tx, &d, ev, a); err != nil {
			return err
		}
		if also != nil {
			return also(ctx, tx, &d)
		}
		return nil
	})
	return d, err
}
