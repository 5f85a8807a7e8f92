package dossier

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// Store is the storage the dossier use cases need.
type Store interface {
	Transact(ctx context.Context, fn func(Tx) error) error
	// Dossier finds a dossier of the tenant by code, or by ID before it has
	// a code.
	Dossier(ctx context.Context, tenantID, codeOrID string) (Dossier, error)
	Events(ctx context.Context, tenantID, dossierID string) ([]Event, error)
}

// Tx is a write transaction: the state change, its event, the outgoing
// notifications and the audit entry commit together or not at all.
type Tx interface {
	Now() time.Time
	// NextSeq returns the next number of the agency's daily sequence; it
	// never returns the same number twice and, as it rolls back with the
	// transaction, leaves no gaps.
	NextSeq(ctx context.Context, tenantID, agencyID string, day calendar.Date) (int, error)
	InsertDossier(ctx context.Context, d *Dossier) error
	// LockDossier reads a dossier for update.
	LockDossier(ctx context.Context, tenantID, codeOrID string) (Dossier, error)
	// SaveDossier writes d if its Version is still the stored one, and
	// increments it.
	SaveDossier(ctx context.Context, d *Dossier) error
	AppendEvent(ctx context.Context, e *Event) error
	Enqueue(ctx context.Context, m Outgoing) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Outgoing is a notification to send after the transaction commits (the
// transactional outbox).
type Outgoing struct {
	TenantID string
	Channel  string // "email", "sms"
	To       string
	Subject  string
	Body     string
	Key      string // idempotency key
	// DossierID, when set, puts the message in the dossier's message log
	// (the applicant's notices; a portal push or a postal order has none).
	DossierID string
}

// Service holds the dossier use cases.
type Service struct {
	Store Store
	// Procedure finds a procedure of the tenant's catalogue by ID or
	// national code, in force on the given day.
	Procedure func(ctx context.Context, tenantID, idOrCode string, on calendar.Date) (catalog.Procedure, error)
	// Calendar returns the tenant's clock rules and holidays.
	Calendar func(ctx context.Context, tenantID string) (*calendar.RuleBook, error)
	// AgencyID returns the tenant's agency electronic ID.
	AgencyID func(ctx context.Context, tenantID string) (string, error)
	// Notify renders the notifications of an event (package notify); nil
	// sends none.
	Notify func(kind string, d *Dossier) []Outgoing
	// Sync renders the messages to outside systems of every recorded event
	// (the national portal's status push, package external/dvcqg), enqueued
	// in the same transaction; nil sends none.
	Sync func(ev Event, d *Dossier) []Outgoing
	// Now is the clock used outside transactions (defaults to time.Now).
	Now func() time.Time
	// OnResolved are run, in order, in the transaction in which a dossier
	// is resolved with a result (ResultReady, EndResult): a register that
	// the result changes (e.g. a practising organisation's registration)
	// is written with it, or the resolution fails with the register's error.
	OnResolved []func(ctx context.Context, tx Tx, d *Dossier) error
	// ResultSignature reports whether a dossier's latest electronic result
	// is signed, for SignedResultRule; nil: no procedure's rule can be
	// met, so a procedure marked "result must be signed" cannot be
	// returned.
	ResultSignature func(ctx context.Context, tenantID, dossierID string) (ResultSignature, error)
	// MoveDrafts moves a departing officer's pending drafts with his work
	// (Reassign); nil: there are none to move.
	MoveDrafts MoveDrafts
}

// DefaultDelivery is where the result is returned when the applicant chose
// nothing; slips name the tenant's receiving organisation instead when it
// has one (org.Receiver).
const DefaultDelivery = "Tại Bộ phận Tiếp nhận và Trả kết quả"

// IntakeRequest is a dossier received at the counter, by post, or online.
type IntakeRequest struct {
	Procedure string          `json:"procedure_code"` // ID or national code
	Channel   catalog.Channel `json:"channel"`
	Applicant Applicant       `json:"applicant"`
	Documents []Received      `json:"documents,omitempty"`
	Delivery  string          `json:"delivery,omitempty"`
	// Adjust, when set, changes the new dossier before it is stored (a
	// procedure-specific time limit, fee or steps).
	Adjust func(d *Dossier, p catalog.Procedure) `json:"-"`
	// Also, when set, runs in the intake transaction after the dossier is
	// inserted (a procedure-specific record written with it).
	Also func(ctx context.Context, tx Tx, d *Dossier) error `json:"-"`
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// newDossier validates a request and builds the dossier (status 1).
func (s *Service) newDossier(ctx context.Context, tenantID string, req IntakeRequest) (Dossier, catalog.Procedure, error) {
	req.Applicant.Normalize()
	// Every mistake at once: the applicant's fields, the channel, the
	// documents.
	var bad apperr.FieldList
	if err := bad.Merge(req.Applicant.Validate()); err != nil {
		return Dossier{}, catalog.Procedure{}, err
	}
	if !req.Channel.Valid() {
		bad.Add("channel", "Kênh nộp hồ sơ phải là direct (trực tiếp), online (trực tuyến) hoặc postal (bưu chính).")
	}
	if strings.TrimSpace(req.Procedure) == "" {
		bad.Add("procedure_code", "Cần chọn thủ tục hành chính.")
		return Dossier{}, catalog.Procedure{}, bad.Err()
	}
	p, err := s.Procedure(ctx, tenantID, strings.TrimSpace(req.Procedure), calendar.DateOf(s.now()))
	if err != nil {
		if errors.Is(err, apperr.ErrNotFound) {
			bad.Add("procedure_code", "Không tìm thấy thủ tục "+req.Procedure+" đang có hiệu lực tại cơ quan.")
			return Dossier{}, catalog.Procedure{}, bad.Err()
		}
		return Dossier{}, catalog.Procedure{}, err
	}
	if req.Channel.Valid() && !p.Allows(req.Channel) {
		bad.Add("channel", "Thủ tục này không tiếp nhận hồ sơ qua kênh "+req.Channel.Label()+".")
	}
	if len(req.Documents) > 200 {
		bad.Add("documents", "Quá nhiều giấy tờ trong một hồ sơ.")
	}
	for _, doc := range req.Documents {
		if strings.TrimSpace(doc.Name) == "" || doc.Originals < 0 || doc.Copies < 0 || doc.Originals+doc.Copies > 100 {
			bad.Add("documents", "Giấy tờ trong hồ sơ phải có tên và số bản chính, bản sao hợp lệ.")
		}
	}
	if req.Documents == nil {
		// No list given (demo, imports, a request filed with its own form):
		// the required documents are taken as received.
		for _, doc := range p.Documents {
			if doc.Required {
				req.Documents = append(req.Documents, Received{Name: doc.Name, Originals: doc.Originals, Copies: doc.Copies})
			}
		}
	}
	if req.Channel != catalog.ChannelOnline {
		// Accepted at once (counter, post): the dossier must be complete.
		// Online, the desk checks it before accepting.
		if missing := MissingRequired(p, req.Documents); len(missing) > 0 {
			bad.Add("documents", IncompleteMessage(missing))
		}
	}
	if err := bad.Err(); err != nil {
		return Dossier{}, catalog.Procedure{}, err
	}
	id := uuid.Must(uuid.NewV7()).String()
	delivery := strings.TrimSpace(req.Delivery)
	if delivery == "" {
		delivery = DefaultDelivery
	}
	return Dossier{TenantID: tenantID, ID: id, Ref: id, ProcedureID: p.ID, ProcedureCode: p.Code, ProcedureName: p.Name,
		FieldCode: p.Field.Code, Channel: req.Channel, Applicant: req.Applicant, Documents: req.Documents,
		Fee: p.FeeFor(""), Status: Submitted, TimeLimit: p.TimeLimitFor(req.Channel), Steps: NewSteps(p, req.Channel),
		Current: -1, Delivery: delivery}, p, nil
}

// Intake receives a dossier. At the counter or by post a complete dossier is
// created and accepted in one step (status 2, Mẫu 01); online it is
// submitted (status 1) and waits for the desk's check.
func (s *Service) Intake(ctx context.Context, a Actor, tenantID string, req IntakeRequest) (Dossier, error) {
	d, p, err := s.newDossier(ctx, tenantID, req)
	if err != nil {
		return d, err
	}
	if req.Adjust != nil {
		req.Adjust(&d, p)
	}
	book, err := s.Calendar(ctx, tenantID)
	if err != nil {
		return d, err
	}
	agency, err := s.AgencyID(ctx, tenantID)
	if err != nil {
		return d, err
	}
	online := req.Channel == catalog.ChannelOnline
	err = s.Store.Transact(ctx, func(tx Tx) error {
		now := tx.Now()
		d.SubmittedAt, d.CreatedAt, d.UpdatedAt = now, now, now
		if online {
			// The desk's answer is due within the limit in force on the
			// day of submission, fixed now as the due day is at acceptance.
			var err error
			if d.AnswerDueAt, err = AnswerDue(now, book.At(now)); err != nil {
				return err
			}
		}
		sub := Event{At: now, Action: ActSubmit, ActorID: a.ID, Actor: a.Name, UnitCode: a.UnitCode, To: Submitted,
			Detail: "Kênh: " + d.Channel.Label()}
		// At the counter and by post the dossier is accepted at once: it is
		// stored once, already accepted, with both events.
		var acc Event
		if !online {
			var err error
			if acc, err = s.acceptInMemory(ctx, tx, &d, a, agency, book); err != nil {
				return err
			}
		}
		if err := tx.InsertDossier(ctx, &d); err != nil {
			return err
		}
		if req.Also != nil {
			if err := req.Also(ctx, tx, &d); err != nil {
				return err
			}
		}
		if err := s.record(ctx, tx, &d, sub, a); err != nil {
			return err
		}
		if online {
			return s.notify(ctx, tx, "dossier.submitted", &d)
		}
		if err := s.record(ctx, tx, &d, acc, a); err != nil {
			return err
		}
		return s.notify(ctx, tx, "dossier.accepted", &d)
	})
	return d, err
}

// Accept accepts an online dossier after the desk's check.
func (s *Service) Accept(ctx context.Context, a Actor, tenantID, codeOrID string) (Dossier, error) {
	book, err := s.Calendar(ctx, tenantID)
	if err != nil {
		return Dossier{}, err
	}
	agency, err := s.AgencyID(ctx, tenantID)
	if err != nil {
		return Dossier{}, err
	}
	var d Dossier
	err = s.Store.Transact(ctx, func(tx Tx) error {
		d, err = tx.LockDossier(ctx, tenantID, codeOrID)
		if err != nil {
			return err
		}
		return s.accept(ctx, tx, &d, a, agency, book)
	})
	return d, err
}

// acceptInMemory takes the day's next code and accepts d, without saving.
func (s *Service) acceptInMemory(ctx context.Context, tx Tx, d *Dossier, a Actor, agency string, book *calendar.RuleBook) (Event, error) {
	now := tx.Now()
	day := calendar.DateOf(now)
	seq, err := tx.NextSeq(ctx, d.TenantID, agency, day)
	if err != nil {
		return Event{}, err
	}
	return Accept(d, FormatCode(agency, day, seq), newPIN(), a, Env{Now: now, Cal: book.At(now)})
}

func (s *Service) accept(ctx context.Context, tx Tx, d *Dossier, a Actor, agency string, book *calendar.RuleBook) error {
	ev, err := s.acceptInMemory(ctx, tx, d, a, agency, book)
	if err != nil {
		return err
	}
	if err := tx.SaveDossier(ctx, d); err != nil {
		return err
	}
	if err := s.record(ctx, tx, d, ev, a); err != nil {
		return err
	}
	return s.notify(ctx, tx, "dossier.accepted", d)
}

// Act performs any other transition.
func (s *Service) Act(ctx context.Context, a Actor, tenantID, codeOrID string, act Action, in Input) (Dossier, error) {
	return s.ActWith(ctx, a, tenantID, codeOrID, act, in, nil)
}

// ActWith performs a transition like Act and runs also, when set, in the
// same transaction after the dossier is saved.
func (s *Service) ActWith(ctx context.Context, a Actor, tenantID, codeOrID string, act Action, in Input, also func(ctx context.Context, tx Tx, d *Dossier) error) (Dossier, error) {
	if act == ActAccept {
		return s.Accept(ctx, a, tenantID, codeOrID)
	}
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
		now := tx.Now()
		at := now
		if d.AcceptedAt != nil {
			at = *d.AcceptedAt // the rules in force at acceptance
		}
		wasReady := d.Status == ResultReady
		if err := s.signedResult(ctx, &d, act, at); err != nil {
			return err
		}
		ev, err := Apply(&d, act, a, in, Env{Now: now, Cal: book.At(at)})
		if err != nil {
			return err
		}
		if act == ActApologize && d.Apology != nil {
			// The letter's number: the tenant's yearly sequence of Mẫu 04,
			// or the one reserved for it before it was signed.
			if d.Apology.Number = in.ApologyNumber; d.Apology.Number == "" {
				day := calendar.DateOf(now)
				n, err := tx.NextSeq(ctx, tenantID, "mau-04", calendar.Date{Year: day.Year, Month: 1, Day: 1})
				if err != nil {
					return err
				}
				d.Apology.Number = apologyNumber(n, d.Apology.UnitCode)
			}
			ev.Detail += "; số " + d.Apology.Number
		}
		if err := tx.SaveDossier(ctx, &d); err != nil {
			return err
		}
		if err := s.record(ctx, tx, &d, ev, a); err != nil {
			return err
		}
		if also != nil {
			if err := also(ctx, tx, &d); err != nil {
				return err
			}
		}
		if !wasReady && d.Status == ResultReady && d.Ended == EndResult {
			for _, hook := range s.OnResolved {
				if err := hook(ctx, tx, &d); err != nil {
					return err
				}
			}
		}
		if kind := noticeOf(act, d.Status); kind != "" {
			return s.notify(ctx, tx, kind, &d)
		}
		return nil
	})
	return d, err
}

// signedResult applies SignedResultRule to d: the procedure's mark, as in
// force when the dossier was accepted, and the state of its results. It
// runs after the dossier is locked, and attaching a result locks it too, so
// the result checked is the one returned.
func (s *Service) signedResult(ctx context.Context, d *Dossier, act Action, at time.Time) error {
	if act != ActReturn || d.Ended != EndResult {
		return nil
	}
	p, err := s.Procedure(ctx, d.TenantID, d.ProcedureID, calendar.DateOf(at))
	if errors.Is(err, apperr.ErrNotFound) {
		return nil // a procedure gone from the catalogue sets no rule
	}
	if err != nil || !p.ResultMustBeSigned {
		return err
	}
	var rs ResultSignature
	if s.ResultSignature != nil {
		if rs, err = s.ResultSignature(ctx, d.TenantID, d.ID); err != nil {
			return err
		}
	}
	return SignedResultRule(d, act, true, rs)
}

// IssueReceipt asks the e-receipt provider for a receipt (package
// external/ereceipt). It must be idempotent by FeeRequest.Ref, as it runs
// inside the transaction that records the receipt: a retried transaction
// gets the same receipt back.
type IssueReceipt func(ctx context.Context, r FeeRequest) (FeeReceipt, error)

// CollectFee records the fee paid at the desk with its electronic
// receipt, issued by issue for the tenant's collecting organisation.
func (s *Service) CollectFee(ctx context.Context, a Actor, tenantID, codeOrID, collector string, issue IssueReceipt) (Dossier, error) {
	var d Dossier
	err := s.Store.Transact(ctx, func(tx Tx) error {
		var err error
		d, err = tx.LockDossier(ctx, tenantID, codeOrID)
		if err != nil {
			return err
		}
		if err := mayCollectFee(&d, a); err != nil {
			return err
		}
		rc, err := issue(ctx, FeeRequestFor(&d, collector))
		if err != nil {
			return apperr.Wrap(apperr.Unavailable, "Chưa cấp được biên lai điện tử; vui lòng thử lại.", err)
		}
		ev, err := RecordFee(&d, rc, a, tx.Now())
		if err != nil {
			return err
		}
		return s.saveRecord(ctx, tx, &d, ev, a)
	})
	return d, err
}

// noticeOf says which transitions the applicant is told about.
func noticeOf(act Action, st Status) string {
	switch {
	case act == ActRefuse:
		return "dossier.refused"
	case act == ActRequestSupplement || act == ActRequestCompletion:
		return "dossier.supplement"
	case act == ActApologize:
		return "dossier.apology"
	case act == ActForward && st == ResultReady:
		return "dossier.result_ready"
	case act == ActReturn:
		return "dossier.returned"
	case act == ActReturnIncomplete:
		return "dossier.returned_incomplete"
	case act == ActRefuseResolution:
		return "dossier.refused_resolution"
	}
	return ""
}

// saveRecord saves a dossier a pure transition changed and records its
// event.
func (s *Service) saveRecord(ctx context.Context, tx Tx, d *Dossier, ev Event, a Actor) error {
	if err := tx.SaveDossier(ctx, d); err != nil {
		return err
	}
	return s.record(ctx, tx, d, ev, a)
}

func (s *Service) record(ctx context.Context, tx Tx, d *Dossier, ev Event, a Actor) error {
	ev.TenantID, ev.DossierID = d.TenantID, d.ID
	if err := tx.AppendEvent(ctx, &ev); err != nil {
		return err
	}
	if s.Sync != nil {
		for _, m := range s.Sync(ev, d) {
			m.TenantID = d.TenantID
			if err := tx.Enqueue(ctx, m); err != nil {
				return err
			}
		}
	}
	ref := d.Code
	if ref == "" {
		ref = d.Ref
	}
	detail := fmt.Sprintf("%d → %d", int(ev.From), int(ev.To))
	if ev.Reason != "" {
		detail += "; " + ev.Reason
	}
	return tx.Audit(ctx, audit.Entry{TenantID: d.TenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
		Action: "dossier." + string(ev.Action), Object: "dossier:" + ref, Detail: detail})
}

func (s *Service) notify(ctx context.Context, tx Tx, kind string, d *Dossier) error {
	if s.Notify == nil {
		return nil
	}
	for _, m := range s.Notify(kind, d) {
		m.TenantID, m.DossierID = d.TenantID, d.ID
		if err := tx.Enqueue(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// Get returns a dossier with its events.
func (s *Service) Get(ctx context.Context, tenantID, codeOrID string) (Dossier, []Event, error) {
	d, err := s.Store.Dossier(ctx, tenantID, codeOrID)
	if err != nil {
		return d, nil, err
	}
	evs, err := s.Store.Events(ctx, tenantID, d.ID)
	return d, evs, err
}

// newPIN is the 6-digit look-up PIN printed on the receipt: dossier codes
// are sequential and guessable, so a public look-up needs a second secret.
func newPIN() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic("dossier: crypto/rand failed: " + err.Error())
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// Importer is the part of a transaction an import needs.
type Importer interface {
	Tx
	EnsureLegacyProcedure(ctx context.Context, tenantID, code, name, field string) (string, error)
	RaiseSeq(ctx context.Context, tenantID, agencyID string, day calendar.Date, seq int) error
}

// Import reads a JSON Lines file of dossiers from a legacy system and stores
// them in one transaction: a bad line is reported with its number and
// nothing of the file is imported. Procedure codes the catalogue does not
// know become legacy entries of the tenant's catalogue.
func (s *Service) Import(ctx context.Context, a Actor, tenantID string, r io.Reader) (int, error) {
	n := 0
	err := s.Store.Transact(ctx, func(tx Tx) error {
		im, ok := tx.(Importer)
		if !ok {
			return errors.New("dossier: the store cannot import")
		}
		seen := map[string]bool{}
		err := ReadRecords(r, func(line int, rec Record) error {
			code := strings.ToUpper(strings.TrimSpace(rec.Code))
			if seen[code] {
				return fmt.Errorf("mã hồ sơ %s lặp lại trong tệp", code)
			}
			seen[code] = true
			on := calendar.DateOf(*rec.SubmittedAt)
			if rec.AcceptedAt != nil {
				on = calendar.DateOf(*rec.AcceptedAt)
			}
			procID := ""
			if p, err := s.Procedure(ctx, tenantID, rec.ProcedureCode, on); err == nil {
				procID = p.ID
			} else if errors.Is(err, apperr.ErrNotFound) {
				if procID, err = im.EnsureLegacyProcedure(ctx, tenantID, rec.ProcedureCode, rec.ProcedureName, rec.Field); err != nil {
					return err
				}
			} else {
				return err
			}
			d := FromRecord(tenantID, uuid.Must(uuid.NewV7()).String(), procID, rec)
			if err := im.InsertDossier(ctx, &d); err != nil {
				if errors.Is(err, apperr.ErrConflict) {
					return fmt.Errorf("mã hồ sơ %s đã có trong hệ thống", code)
				}
				return err
			}
			pc, _ := ParseCode(code)
			if err := im.RaiseSeq(ctx, tenantID, pc.AgencyID, pc.Day, pc.Seq); err != nil {
				return err
			}
			n++
			return nil
		})
		if err != nil {
			var le *LineError
			if errors.As(err, &le) {
				return apperr.Wrap(apperr.Invalid, le.Error()+". Không nhập hồ sơ nào của tệp.", err)
			}
			return err
		}
		return im.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: "dossier.import",
			Object: "dossiers", Detail: fmt.Sprintf("%d hồ sơ", n)})
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// ReserveApologyNumber draws the next number of the tenant's yearly
// sequence of Mẫu 04 for a letter about to be signed (the signature covers
// the number). A reserved number whose letter then does not go out leaves
// a gap in the sequence, as a cancelled letter does in a paper book.
func (s *Service) ReserveApologyNumber(ctx context.Context, tenantID, unitCode string) (string, error) {
	var no string
	err := s.Store.Transact(ctx, func(tx Tx) error {
		day := calendar.DateOf(s.now())
		n, err := tx.NextSeq(ctx, tenantID, "mau-04", calendar.Date{Year: day.Year, Month: 1, Day: 1})
		no = apologyNumber(n, unitCode)
		return err
	})
	return no, err
}
