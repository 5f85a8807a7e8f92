// Package handover moves a function (the procedures of one kind) from one
// tenant to another, as happened when judicial record certificates passed
// from the Departments of Justice to the provincial police on 1/3/2025 and
// civil status to the communes on 1/7/2025.
//
// One transaction moves the open dossiers of the procedure and the
// register's records:
//   - the sending tenant keeps its closed dossiers and, for each dossier
//     handed over, a copy marked "transferred" with its history: its
//     statistics for the period it was competent stay what they were, and
//     the copy no longer appears in its queues or open counts;
//   - the receiving tenant gets each open dossier with the same ID, code,
//     due time and history, and continues it; steps still to do lose their
//     unit codes (the receiver's units differ) and are held by role;
//   - registers (package judicialrecord's requests and convictions, later
//     civil status books) move their own rows through Register hooks;
//   - both audit chains record the hand-over.
//
// The package is plain Go over a Store interface.
package handover

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
)

// Request names the hand-over.
type Request struct {
	From, To string // tenant IDs
	// Procedure is a procedure ID or national code; dossiers of the
	// procedure (any version) move.
	Procedure string
	// AsOf is the day the competence passes (recorded; default today).
	AsOf calendar.Date
}

// Record is the stored account of a hand-over.
type Record struct {
	ID        string
	From, To  string
	Procedure string
	AsOf      calendar.Date
	At        time.Time
	Dossiers  int
	Records   int
	Actor     string
}

// Tx is what a hand-over needs of a write transaction.
type Tx interface {
	dossier.Tx
	// OpenDossierIDs lists the tenant's open dossiers (statuses 1, 2, 4, 5,
	// 6, not already handed over) of the procedure.
	OpenDossierIDs(ctx context.Context, tenantID, procedure string) ([]string, error)
	// CopyEvents copies a dossier's events to another tenant.
	CopyEvents(ctx context.Context, from, to, dossierID string) error
	RecordTransfer(ctx context.Context, r Record) error
}

// Store runs hand-over transactions.
type Store interface {
	TransactHandover(ctx context.Context, fn func(Tx) error) error
}

// Register moves a register's rows that belong to the function.
type Register interface {
	Name() string
	// Move moves the rows of the moved dossiers, and the register's own
	// records, from one tenant to the other; it returns how many.
	Move(ctx context.Context, tx Tx, from, to string, dossierIDs []string) (int, error)
	// Handles reports whether the register belongs to the procedure.
	Handles(procedure string) bool
}

// Tenant names a tenant in messages.
type Tenant struct {
	ID, Code, Name string
}

// Service performs hand-overs.
type Service struct {
	Store     Store
	Registers []Register
}

// Transfer moves the function in one transaction and returns its record.
func (s *Service) Transfer(ctx context.Context, a dossier.Actor, from, to Tenant, req Request) (Record, error) {
	req.Procedure = strings.TrimSpace(req.Procedure)
	switch {
	case req.Procedure == "":
		return Record{}, apperr.Field("procedure", "Cần ghi mã thủ tục chuyển giao.")
	case from.ID == "" || to.ID == "":
		return Record{}, apperr.Field("to_tenant", "Cần chọn cơ quan chuyển giao và cơ quan tiếp nhận.")
	case from.ID == to.ID:
		return Record{}, apperr.Field("to_tenant", "Cơ quan tiếp nhận phải khác cơ quan chuyển giao.")
	}
	rec := Record{ID: uuid.Must(uuid.NewV7()).String(), From: from.ID, To: to.ID, Procedure: req.Procedure, AsOf: req.AsOf, Actor: a.Name}
	err := s.Store.TransactHandover(ctx, func(tx Tx) error {
		now := tx.Now()
		rec.At = now
		if rec.AsOf.IsZero() {
			rec.AsOf = calendar.DateOf(now)
		}
		ids, err := tx.OpenDossierIDs(ctx, from.ID, req.Procedure)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := moveDossier(ctx, tx, a, from, to, id, now); err != nil {
				return err
			}
		}
		rec.Dossiers = len(ids)
		for _, r := range s.Registers {
			if !r.Handles(req.Procedure) {
				continue
			}
			n, err := r.Move(ctx, tx, from.ID, to.ID, ids)
			if err != nil {
				return fmt.Errorf("handover: register %s: %w", r.Name(), err)
			}
			rec.Records += n
		}
		if err := tx.RecordTransfer(ctx, rec); err != nil {
			return err
		}
		detail := fmt.Sprintf("Thủ tục %s; từ ngày %s; %d hồ sơ đang giải quyết, %d bản ghi sổ", req.Procedure, rec.AsOf.FormatVN(), rec.Dossiers, rec.Records)
		if err := tx.Audit(ctx, audit.Entry{TenantID: from.ID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: "function.transfer_out",
			Object: "tenant:" + to.Code, Detail: "Chuyển giao cho " + to.Name + ". " + detail}); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: to.ID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: "function.transfer_in",
			Object: "tenant:" + from.Code, Detail: "Tiếp nhận từ " + from.Name + ". " + detail})
	})
	return rec, err
}

func moveDossier(ctx context.Context, tx Tx, a dossier.Actor, from, to Tenant, id string, now time.Time) error {
	d, err := tx.LockDossier(ctx, from.ID, id)
	if err != nil {
		return err
	}
	b := d
	b.TenantID = to.ID
	b.Steps = append([]dossier.Step(nil), d.Steps...)
	for i := range b.Steps {
		s := &b.Steps[i]
		if s.FinishedAt == nil && s.Role != "agency_liaison" {
			s.UnitCode = ""
		}
	}
	b.Extra = map[string]string{}
	for k, v := range d.Extra {
		b.Extra[k] = v
	}
	b.Extra["transferred_from"] = from.Code
	// For the receiver's statistics the dossier arrives on the day of the
	// hand-over: it was not the receiver's before (sqlstore reads this as
	// the dossier's day of acceptance in the roll-ups).
	b.Extra["transferred_in"] = calendar.DateOf(now).String()
	if err := tx.InsertDossier(ctx, &b); err != nil {
		return err
	}
	if err := tx.CopyEvents(ctx, from.ID, to.ID, id); err != nil {
		return err
	}
	ev := dossier.Event{TenantID: to.ID, DossierID: id, At: now, Action: dossier.ActTransfer, ActorID: a.ID, Actor: a.Name,
		From: d.Status, To: d.Status, Detail: "Tiếp nhận chuyển giao từ " + from.Name}
	if err := tx.AppendEvent(ctx, &ev); err != nil {
		return err
	}
	d.Ended = dossier.EndTransferred
	// It leaves the sender's processing now: the sender's statistics count
	// it resolved on the day of the hand-over (package report) and keep
	// every earlier period as it was.
	if d.FinishedAt == nil {
		d.FinishedAt = &now
	}
	if d.Extra == nil {
		d.Extra = map[string]string{}
	}
	d.Extra["transferred_to"] = to.Code
	if err := tx.SaveDossier(ctx, &d); err != nil {
		return err
	}
	ev = dossier.Event{TenantID: from.ID, DossierID: id, At: now, Action: dossier.ActTransfer, ActorID: a.ID, Actor: a.Name,
		From: d.Status, To: d.Status, Detail: "Chuyển giao cho " + to.Name}
	return tx.AppendEvent(ctx, &ev)
}
