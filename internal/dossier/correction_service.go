package dossier

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
)

// MoveDrafts, when set on the Service, moves an officer's pending drafts
// (letters awaiting a leader's sign-off) to another officer in the
// transaction of a Reassign, and returns how many it moved.
type MoveDrafts func(ctx context.Context, tx Tx, tenantID string, from, to Officer) (int, error)

// Reassign moves the steps of the dossiers named by codes from officer
// from to officer to, in one transaction: every dossier or none. Each
// dossier gets its history line and audit entry; one more audit entry
// records the move as a whole. It returns how many dossiers (and drafts,
// when the Service's MoveDrafts is set) were moved.
func (s *Service) Reassign(ctx context.Context, a Actor, tenantID string, from, to Officer, staff []Officer, codes []string, reason string) (moved, drafts int, err error) {
	if err := CorrectionReason(reason); err != nil {
		return 0, 0, err
	}
	if len(codes) == 0 && s.MoveDrafts == nil {
		return 0, 0, apperr.Field("codes", "Hãy chọn ít nhất một hồ sơ để chuyển.")
	}
	codes = slices.Compact(slices.Sorted(slices.Values(codes))) // each dossier once
	if len(codes) > 2000 {
		return 0, 0, apperr.Field("codes", "Mỗi lần chuyển không quá 2.000 hồ sơ.")
	}
	err = s.Store.Transact(ctx, func(tx Tx) error {
		moved, drafts = 0, 0
		for _, code := range codes {
			d, err := tx.LockDossier(ctx, tenantID, code)
			if err != nil {
				return err
			}
			ev, err := Reassign(&d, from, to, staff, reason, a, tx.Now())
			if err != nil {
				return err
			}
			if err := tx.SaveDossier(ctx, &d); err != nil {
				return err
			}
			if err := s.record(ctx, tx, &d, ev, a); err != nil {
				return err
			}
			moved++
		}
		if s.MoveDrafts != nil {
			n, err := s.MoveDrafts(ctx, tx, tenantID, from, to)
			if err != nil {
				return err
			}
			drafts = n
		}
		if moved == 0 && drafts == 0 {
			return apperr.Field("codes", "Cán bộ không có hồ sơ hay dự thảo nào để chuyển.")
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: "officer.work_moved",
			Object: "officer:" + from.Username, Detail: fmt.Sprintf("%d hồ sơ, %d dự thảo chuyển từ %s sang %s; lý do: %s",
				moved, drafts, from.Name, to.Name, strings.TrimSpace(reason))})
	})
	if err != nil {
		return 0, 0, err
	}
	return moved, drafts, nil
}

// ResetDue corrects the due date of a dossier to the end of the working
// day on day (see the pure ResetDue), in the calendar in force when it was
// accepted.
func (s *Service) ResetDue(ctx context.Context, a Actor, tenantID, codeOrID string, day calendar.Date, reason string) (Dossier, error) {
	book, err := s.Calendar(ctx, tenantID)
	if err != nil {
		return Dossier{}, err
	}
	var d Dossier
	err = s.Store.Transact(ctx, func(tx Tx) error {
		if d, err = tx.LockDossier(ctx, tenantID, codeOrID); err != nil {
			return err
		}
		at := tx.Now()
		if d.AcceptedAt != nil {
			at = *d.AcceptedAt
		}
		cal := book.At(at)
		ev, err := ResetDue(&d, day.At(cal.Rules().Hours.AfternoonEnd), reason, a, Env{Now: tx.Now(), Cal: cal})
		if err != nil {
			return err
		}
		return s.saveRecord(ctx, tx, &d, ev, a)
	})
	return d, err
}

// Restore reopens a dossier closed by mistake (see the pure Restore).
func (s *Service) Restore(ctx context.Context, a Actor, tenantID, codeOrID, reason string) (Dossier, error) {
	// The history is read before the transaction; the version check of
	// the lock below makes sure nothing was appended meanwhile.
	seen, err := s.Store.Dossier(ctx, tenantID, codeOrID)
	if err != nil {
		return Dossier{}, err
	}
	evs, err := s.Store.Events(ctx, tenantID, seen.ID)
	if err != nil {
		return Dossier{}, err
	}
	var d Dossier
	err = s.Store.Transact(ctx, func(tx Tx) error {
		if d, err = tx.LockDossier(ctx, tenantID, seen.ID); err != nil {
			return err
		}
		if d.Version != seen.Version {
			return apperr.New(apperr.Conflict, "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.")
		}
		ev, err := Restore(&d, evs, reason, a, tx.Now())
		if err != nil {
			return err
		}
		return s.saveRecord(ctx, tx, &d, ev, a)
	})
	return d, err
}
