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
//   - both audit chains record the hand-over, naming every dossier and
//     register record that moved.
//
// A hand-over is a decision between two agencies, so it is two-sided: an
// officer of the sending tenant offers it (Offer), an officer of the
// receiving tenant accepts it (Accept), and each tenant's audit chain
// names only its own officer. The platform operator's command line may do
// it in one act (Transfer). The receiver must be an agency of the kind
// competent for the function on the day (CompetentKind).
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
	"tuphap/internal/catalog"
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
	// records, from one tenant to the other; it returns a label of each
	// record moved (for the audit entries).
	Move(ctx context.Context, tx Tx, from, to string, dossierIDs []string) ([]string, error)
	// Handles reports whether the register belongs to the procedure.
	Handles(procedure string) bool
}

// Tenant names a tenant in messages; Kind is its kind of agency
// (catalog.Agency).
type Tenant struct {
	ID, Code, Name, Kind string
}

// Service performs hand-overs.
type Service struct {
	Store     Store
	Registers []Register
	// Procedures is the catalogue CompetentKind reads.
	Procedures []catalog.Procedure
}

// Transfer moves the function in one act of the platform operator (the
// command line): both chains record the operator, not an officer.
func (s *Service) Transfer(ctx context.Context, a dossier.Actor, from, to Tenant, req Request) (Record, error) {
	req.Procedure = strings.TrimSpace(req.Procedure)
	if err := s.check(from, to, &req, time.Time{}); err != nil {
		return Record{}, err
	}
	var rec Record
	err := s.Store.TransactHandover(ctx, func(tx Tx) error {
		if req.AsOf.IsZero() {
			if err := s.check(from, to, &req, tx.Now()); err != nil {
				return err
			}
		}
		var err error
		rec, err = s.move(ctx, tx, a, a, from, to, req)
		return err
	})
	return rec, err
}

// check validates a hand-over: two different tenants, a procedure, and a
// receiver of the kind competent on the day. A zero AsOf takes now's day
// (a zero now skips the kind until the transaction gives the day).
func (s *Service) check(from, to Tenant, req *Request, now time.Time) error {
	switch {
	case req.Procedure == "":
		return apperr.Field("procedure", "Cần ghi mã thủ tục chuyển giao.")
	case from.ID == "" || to.ID == "":
		return apperr.Field("to_tenant", "Cần chọn cơ quan chuyển giao và cơ quan tiếp nhận.")
	case from.ID == to.ID:
		return apperr.Field("to_tenant", "Cơ quan tiếp nhận phải khác cơ quan chuyển giao.")
	}
	day := req.AsOf
	if day.IsZero() {
		if now.IsZero() {
			return nil
		}
		day = calendar.DateOf(now)
	}
	kind, err := CompetentKind(s.Procedures, req.Procedure, day)
	if err != nil {
		return err
	}
	if to.Kind != string(kind) {
		return apperr.Field("to_tenant", fmt.Sprintf("%s không phải là cơ quan có thẩm quyền: từ ngày %s thủ tục này do %s thực hiện.",
			to.Name, day.FormatVN(), kind.Label()))
	}
	return nil
}

// CompetentKind is the kind of agency competent for a procedure's function
// on day: the procedure's own agency while it is in force, else the agency
// of the procedure of the same function (the first segment of its ID, e.g.
// "judicial_record") in force that day. On 1/3/2025 judicial record
// certificates passed from the Departments of Justice
// (judicial_record.certificate_department) to the provincial police
// (judicial_record.certificate_police), research/catalog.md §2.
func CompetentKind(procs []catalog.Procedure, procedure string, day calendar.Date) (catalog.Agency, error) {
	var p *catalog.Procedure
	for i := range procs {
		if procs[i].ID == procedure || (procs[i].Code != "" && procs[i].Code == procedure) {
			if p == nil || procs[i].InForceAt(day) {
				p = &procs[i]
			}
		}
	}
	if p == nil {
		return "", apperr.Field("procedure", "Thủ tục "+procedure+" không có trong danh mục.")
	}
	if p.InForceAt(day) {
		return p.Agency, nil
	}
	family, _, _ := strings.Cut(p.ID, ".")
	for _, q := range procs {
		if f, _, _ := strings.Cut(q.ID, "."); f == family && q.InForceAt(day) {
			return q.Agency, nil
		}
	}
	return "", apperr.Field("procedure", "Vào ngày "+day.FormatVN()+" không còn thủ tục nào của chức năng này có hiệu lực.")
}

// move does the hand-over inside tx: out names the sending tenant's actor,
// in the receiving tenant's.
func (s *Service) move(ctx context.Context, tx Tx, out, in dossier.Actor, from, to Tenant, req Request) (Record, error) {
	now := tx.Now()
	rec := Record{ID: uuid.Must(uuid.NewV7()).String(), From: from.ID, To: to.ID, Procedure: req.Procedure, AsOf: req.AsOf, Actor: in.Name, At: now}
	if rec.AsOf.IsZero() {
		rec.AsOf = calendar.DateOf(now)
	}
	ids, err := tx.OpenDossierIDs(ctx, from.ID, req.Procedure)
	if err != nil {
		return rec, err
	}
	var codes []string
	for _, id := range ids {
		code, err := moveDossier(ctx, tx, out, in, from, to, id, now)
		if err != nil {
			return rec, err
		}
		codes = append(codes, code)
	}
	rec.Dossiers = len(ids)
	var moved []string
	for _, r := range s.Registers {
		if !r.Handles(req.Procedure) {
			continue
		}
		labels, err := r.Move(ctx, tx, from.ID, to.ID, ids)
		if err != nil {
			return rec, fmt.Errorf("handover: register %s: %w", r.Name(), err)
		}
		rec.Records += len(labels)
		moved = append(moved, labels...)
	}
	if err := tx.RecordTransfer(ctx, rec); err != nil {
		return rec, err
	}
	detail := fmt.Sprintf("Thủ tục %s; từ ngày %s; %d hồ sơ đang giải quyết, %d bản ghi sổ.", req.Procedure, rec.AsOf.FormatVN(), rec.Dossiers, rec.Records)
	if len(codes) > 0 {
		detail += " Hồ sơ: " + strings.Join(codes, ", ") + "."
	}
	if len(moved) > 0 {
		detail += " Bản ghi sổ: " + strings.Join(moved, ", ") + "."
	}
	if err := tx.Audit(ctx, audit.Entry{TenantID: from.ID, ActorID: out.ID, Actor: out.Name, IP: out.IP, Action: "function.transfer_out",
		Object: "tenant:" + to.Code, Detail: "Chuyển giao cho " + to.Name + ". " + detail}); err != nil {
		return rec, err
	}
	return rec, tx.Audit(ctx, audit.Entry{TenantID: to.ID, ActorID: in.ID, Actor: in.Name, IP: in.IP, Action: "function.transfer_in",
		Object: "tenant:" + from.Code, Detail: "Tiếp nhận từ " + from.Name + ". " + detail})
}

func moveDossier(ctx context.Context, tx Tx, out, in dossier.Actor, from, to Tenant, id string, now time.Time) (string, error) {
	d, err := tx.LockDossier(ctx, from.ID, id)
	if err != nil {
		return "", err
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
		return "", err
	}
	if err := tx.CopyEvents(ctx, from.ID, to.ID, id); err != nil {
		return "", err
	}
	ev := dossier.Event{TenantID: to.ID, DossierID: id, At: now, Action: dossier.ActTransfer, ActorID: in.ID, Actor: in.Name,
		From: d.Status, To: d.Status, Detail: "Tiếp nhận chuyển giao từ " + from.Name}
	if err := tx.AppendEvent(ctx, &ev); err != nil {
		return "", err
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
		return "", err
	}
	ev = dossier.Event{TenantID: from.ID, DossierID: id, At: now, Action: dossier.ActTransfer, ActorID: out.ID, Actor: out.Name,
		From: d.Status, To: d.Status, Detail: "Chuyển giao cho " + to.Name}
	return d.Code, tx.AppendEvent(ctx, &ev)
}

// Offer statuses.
const (
	OfferPending  = "pending"
	OfferAccepted = "accepted"
)

// Offer is a hand-over the sending tenant offered and the receiving tenant
// has yet to accept.
type Offer struct {
	ID          string
	From, To    Tenant
	Procedure   string
	AsOf        calendar.Date
	OfferedAt   time.Time
	OfferedByID string
	OfferedBy   string
	Status      string
	DecidedAt   *time.Time
	DecidedByID string
	DecidedBy   string
}

// OfferTx is what the two-sided hand-over needs of a transaction.
type OfferTx interface {
	InsertOffer(ctx context.Context, o Offer) error
	// LockOffer returns an offer made to the tenant, with both tenants.
	LockOffer(ctx context.Context, toTenant, id string) (Offer, error)
	DecideOffer(ctx context.Context, o Offer) error
}

// Offer records the sending tenant's offer; nothing moves until an officer
// of the receiving tenant accepts it. Only the sender's chain records it.
func (s *Service) Offer(ctx context.Context, a dossier.Actor, from, to Tenant, req Request) (Offer, error) {
	req.Procedure = strings.TrimSpace(req.Procedure)
	if err := s.check(from, to, &req, time.Time{}); err != nil {
		return Offer{}, err
	}
	o := Offer{ID: uuid.Must(uuid.NewV7()).String(), From: from, To: to, Procedure: req.Procedure, OfferedByID: a.ID, OfferedBy: a.Name, Status: OfferPending}
	err := s.Store.TransactHandover(ctx, func(tx Tx) error {
		ot, ok := tx.(OfferTx)
		if !ok {
			return fmt.Errorf("handover: the store keeps no offers")
		}
		o.OfferedAt = tx.Now()
		if req.AsOf.IsZero() {
			req.AsOf = calendar.DateOf(o.OfferedAt)
		}
		o.AsOf = req.AsOf
		if err := s.check(from, to, &req, o.OfferedAt); err != nil {
			return err
		}
		if err := ot.InsertOffer(ctx, o); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: from.ID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: "function.transfer_offer",
			Object: "tenant:" + to.Code, Detail: fmt.Sprintf("Đề nghị chuyển giao thủ tục %s cho %s từ ngày %s; chờ cơ quan tiếp nhận chấp nhận.",
				req.Procedure, to.Name, o.AsOf.FormatVN())})
	})
	return o, err
}

// Accept carries out an offer made to the officer's tenant: the function
// moves in one transaction. The sender's chain names the officer who
// offered, the receiver's the officer who accepted.
func (s *Service) Accept(ctx context.Context, a dossier.Actor, toTenantID, offerID string) (Record, error) {
	var rec Record
	err := s.Store.TransactHandover(ctx, func(tx Tx) error {
		ot, ok := tx.(OfferTx)
		if !ok {
			return fmt.Errorf("handover: the store keeps no offers")
		}
		o, err := ot.LockOffer(ctx, toTenantID, offerID)
		if err != nil {
			return err
		}
		if o.Status != OfferPending {
			return apperr.New(apperr.Conflict, "Đề nghị chuyển giao này đã được xử lý.")
		}
		req := Request{Procedure: o.Procedure, AsOf: o.AsOf}
		if err := s.check(o.From, o.To, &req, tx.Now()); err != nil {
			return err
		}
		rec, err = s.move(ctx, tx, dossier.Actor{ID: o.OfferedByID, Name: o.OfferedBy}, a, o.From, o.To, req)
		if err != nil {
			return err
		}
		now := tx.Now()
		o.Status, o.DecidedAt, o.DecidedByID, o.DecidedBy = OfferAccepted, &now, a.ID, a.Name
		return ot.DecideOffer(ctx, o)
	})
	return rec, err
}
