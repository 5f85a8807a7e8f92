package legalaid

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
)

// Actor is the officer (or citizen) acting, for the audit log.
type Actor struct {
	ID, Name, IP string
}

// Store is the storage the legal-aid use cases need. Every record lives in
// the department's tenant (the centre is a unit of the department).
type Store interface {
	Units(ctx context.Context, tenantID string) ([]Unit, error)
	Providers(ctx context.Context, tenantID string) ([]Provider, error)
	Provider(ctx context.Context, tenantID, id string) (Provider, error)
	Case(ctx context.Context, tenantID, id string) (Case, error)
	// CaseByRef finds a case by its request reference (portal look-up).
	CaseByRef(ctx context.Context, tenantID, ref string) (Case, error)
	Cases(ctx context.Context, tenantID string, f CaseFilter) ([]Case, error)
	// ProviderCases lists the cases a provider was assigned (conflicts).
	ProviderCases(ctx context.Context, tenantID, providerID string) ([]Case, error)
	// PortalCases lists the cases a citizen asked for online.
	PortalCases(ctx context.Context, tenantID, subject string) ([]Case, error)
	Events(ctx context.Context, tenantID, caseID string) ([]Event, error)
	// Documents lists a case's documents without their content.
	Documents(ctx context.Context, tenantID, caseID string) ([]Document, error)
	Document(ctx context.Context, tenantID, caseID, id string) (Document, error)
	// Tally counts, per unit, form, field and group, the cases that count
	// in the period as Period.Counts defines (unit "" = every unit).
	Tally(ctx context.Context, tenantID, unit string, p Period) ([]Tally, error)
	TransactLegalAid(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction.
type Tx interface {
	Now() time.Time
	SaveUnit(ctx context.Context, tenantID string, u Unit) error
	InsertProvider(ctx context.Context, tenantID string, p Provider) error
	UpdateProvider(ctx context.Context, tenantID string, p Provider) error
	// NextSeq is the next sequence of a unit's register in a year.
	NextSeq(ctx context.Context, tenantID, unit string, year int) (int, error)
	InsertCase(ctx context.Context, tenantID string, c Case) error
	InsertCases(ctx context.Context, tenantID string, cs []Case) error
	UpdateCase(ctx context.Context, tenantID string, c Case) error
	InsertEvent(ctx context.Context, tenantID string, e Event) error
	InsertDocument(ctx context.Context, tenantID string, d Document) error
	Audit(ctx context.Context, e audit.Entry) error
}

// CaseFilter selects cases for the book's list.
type CaseFilter struct {
	Unit     string
	Status   Status
	Form     Form
	Field    Field
	Group    string
	Provider string
	From, To *time.Time // requested between, inclusive
	Query    string     // in the file code, reference or summary
	// ProofMissing selects urgent cases still waiting for their proof.
	ProofMissing bool
	// Counted and In select the cases behind one figure of a period (the
	// drill-down), as Period.Counts defines; Rating narrows "assessed".
	Counted string
	In      Period
	Limit   int
	Offset  int
	After   string // keyset: the last ID of the previous page (exports)
}

// Service holds the register's use cases.
type Service struct {
	Store Store
	// Calendar is the tenant's working-day calendar (public holidays and
	// announced swaps, package calendar); when nil, Working decides.
	Calendar func(ctx context.Context, tenantID string) (*calendar.RuleBook, error)
	// Working tells the working days when there is no Calendar (tests);
	// Monday to Friday when both are nil.
	Working func(calendar.Date) bool
	Now     func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) today() time.Time {
	n := s.now().In(calendar.Zone())
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func (s *Service) working(d calendar.Date) bool {
	if s.Working != nil {
		return s.Working(d)
	}
	w := d.Weekday()
	return w != time.Saturday && w != time.Sunday
}

func text(field, label, v string, max int, required bool) (string, error) {
	v = strings.Join(strings.Fields(v), " ")
	if required && v == "" {
		return "", apperr.Field(field, "Nhập "+label+".")
	}
	if utf8.RuneCountInString(v) > max {
		return "", apperr.Field(field, fmt.Sprintf("Nội dung “%s” dài quá %d ký tự.", label, max))
	}
	return v, nil
}

func (s *Service) audit(ctx context.Context, tx Tx, tenantID string, a Actor, action, object, detail string) error {
	return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
		Action: action, Object: object, Detail: detail})
}

func (s *Service) event(ctx context.Context, tx Tx, tenantID string, a Actor, caseID, kind, txt string) error {
	return tx.InsertEvent(ctx, tenantID, Event{ID: newID(), CaseID: caseID, At: tx.Now(), Kind: kind, Text: txt, Actor: a.Name})
}

// notFuture refuses a day after today.
func (s *Service) notFuture(field string, day *time.Time, label string) error {
	if day == nil || day.IsZero() {
		return apperr.Field(field, "Nhập "+label+".")
	}
	if dateOf(*day).After(s.today()) {
		return apperr.Field(field, capital(label)+" ở tương lai.")
	}
	return nil
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// ---- Units and providers.

// SaveUnit records the centre or a branch.
func (s *Service) SaveUnit(ctx context.Context, a Actor, tenantID string, u Unit) (Unit, error) {
	u.Code = strings.ToUpper(strings.TrimSpace(u.Code))
	if !ValidUnitCode(u.Code) {
		return u, apperr.Field("code", "Ký hiệu đơn vị gồm chữ in hoa và số, bắt đầu bằng chữ (TT, CN1…), tối đa 10 ký tự.")
	}
	var err error
	if u.Name, err = text("name", "tên đơn vị", u.Name, 200, true); err != nil {
		return u, err
	}
	return u, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.SaveUnit(ctx, tenantID, u); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.unit_save", "legalaid_unit:"+u.Code, u.Name)
	})
}

func (s *Service) unitExists(ctx context.Context, tenantID, code string) error {
	us, err := s.Store.Units(ctx, tenantID)
	if err != nil {
		return err
	}
	for _, u := range us {
		if u.Code == code {
			return nil
		}
	}
	return apperr.Field("unit_code", "Chọn Trung tâm hoặc Chi nhánh.")
}

// SaveProvider records a provider (ID empty) or changes one: the dates
// of the appointment, contract or registration are required.
func (s *Service) SaveProvider(ctx context.Context, a Actor, tenantID string, p Provider) (Provider, error) {
	var l apperr.FieldList
	var err error
	if !p.Kind.Valid() {
		l.Add("kind", "Chọn loại người thực hiện trợ giúp pháp lý.")
	}
	if p.FullName, err = text("full_name", "họ tên", p.FullName, 120, true); err != nil {
		l.Merge(err)
	}
	if p.Sex != "" && p.Sex != "female" && p.Sex != "male" {
		l.Add("sex", "Chọn giới tính.")
	}
	if p.ContractNo, err = text("contract_no", "số quyết định, hợp đồng hoặc đăng ký", p.ContractNo, 60, true); err != nil {
		l.Merge(err)
	}
	if p.Organisation, err = text("organisation", "tổ chức", p.Organisation, 200, p.Kind == ProviderOrganisation); err != nil {
		l.Merge(err)
	}
	if p.From.IsZero() {
		l.Add("from", "Nhập ngày bắt đầu (bổ nhiệm, hợp đồng, đăng ký).")
	}
	if p.To != nil && !p.From.IsZero() && dateOf(*p.To).Before(dateOf(p.From)) {
		l.Add("to", "Ngày kết thúc trước ngày bắt đầu.")
	}
	if err := s.unitExists(ctx, tenantID, p.UnitCode); err != nil {
		if l.Merge(err) != nil {
			return p, err
		}
	}
	if err := l.Err(); err != nil {
		return p, err
	}
	create := p.ID == ""
	if create {
		p.ID = newID()
	} else if _, err := s.Store.Provider(ctx, tenantID, p.ID); err != nil {
		return p, err
	}
	return p, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		action := "legalaid.provider_edit"
		if create {
			action = "legalaid.provider_add"
			if err := tx.InsertProvider(ctx, tenantID, p); err != nil {
				return err
			}
		} else if err := tx.UpdateProvider(ctx, tenantID, p); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, action, "legalaid_provider:"+p.ID, p.Kind.Name()+" "+p.ContractNo)
	})
}

// ---- Requests.

// Request records a request for legal aid (Law 11/2017 Art. 29; Circular
// 12/2018 Art. 4). The group must be in force on the request date (Art. 7
// by effective date). A request from a procedural body, or one marked
// urgent, is accepted at once (Art. 30(4); Circular 12/2018 Art. 6(1)).
// It returns the case and, for a request filed online, the PIN that opens
// it with its reference.
func (s *Service) Request(ctx context.Context, a Actor, tenantID string, c Case) (Case, string, error) {
	c.Status = StatusRequested
	if err := s.validRequest(ctx, tenantID, &c); err != nil {
		return c, "", err
	}
	c.ID = newID()
	c.Ref = newRef(c.RequestedOn)
	pin := ""
	if c.PortalSub != "" {
		pin = newPIN()
		c.PINHash = hashPIN(c.ID, pin)
	}
	urgent := c.Urgent != UrgentNone || c.Channel.ProceduralBody()
	if c.Channel.ProceduralBody() && c.Urgent == UrgentNone {
		c.Urgent = UrgentProcedural
	}
	err := s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		c.ReceivedAt = tx.Now()
		if err := tx.InsertCase(ctx, tenantID, c); err != nil {
			return err
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "status", "Tiếp nhận yêu cầu trợ giúp pháp lý ("+c.Channel.Name()+")."); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, tenantID, a, "legalaid.request", "legalaid_case:"+c.ID, c.Channel.Name()); err != nil {
			return err
		}
		if urgent {
			return s.accept(ctx, tx, a, tenantID, &c, c.RequestedOn)
		}
		return nil
	})
	return c, pin, err
}

func (s *Service) validRequest(ctx context.Context, tenantID string, c *Case) error {
	var l apperr.FieldList
	var err error
	if !c.Channel.Valid() {
		l.Add("channel", "Chọn hình thức tiếp nhận yêu cầu.")
	}
	if c.RequestedOn.IsZero() {
		l.Add("requested_on", "Nhập ngày yêu cầu.")
	} else if dateOf(c.RequestedOn).After(s.today()) {
		l.Add("requested_on", "Ngày yêu cầu ở tương lai.")
	}
	if c.Requester.FullName, err = text("requester.full_name", "họ tên người yêu cầu", c.Requester.FullName, 120, true); err != nil {
		l.Merge(err)
	}
	if id := strings.TrimSpace(c.Requester.IDNumber); id != "" {
		if len(id) != 12 || strings.Trim(id, "0123456789") != "" {
			l.Add("requester.id_number", "Số định danh cá nhân gồm 12 chữ số.")
		}
		c.Requester.IDNumber = id
	}
	if c.Requester.BirthYear != 0 && (c.Requester.BirthYear < 1900 || c.Requester.BirthYear > s.today().Year()) {
		l.Add("requester.birth_year", "Năm sinh không hợp lệ.")
	}
	if c.Requester.Address, err = text("requester.address", "địa chỉ", c.Requester.Address, 300, false); err != nil {
		l.Merge(err)
	}
	if c.Requester.Phone, err = text("requester.phone", "số điện thoại", c.Requester.Phone, 20, false); err != nil {
		l.Merge(err)
	}
	if c.OtherParty.FullName, err = text("other.full_name", "họ tên bên có quyền lợi đối lập", c.OtherParty.FullName, 120, false); err != nil {
		l.Merge(err)
	}
	if !c.RequestedOn.IsZero() {
		if msg := CheckGroup(c.Group, c.RequestedOn); msg != "" {
			l.Add("group", msg)
		}
	}
	if !c.Form.Valid() {
		l.Add("form", "Chọn hình thức trợ giúp pháp lý.")
	}
	if !c.Field.Valid() {
		l.Add("field", "Chọn lĩnh vực.")
	}
	if !c.Urgent.Valid() {
		l.Add("urgent", "Trường hợp khẩn cấp không hợp lệ.")
	}
	if c.Summary, err = text("summary", "nội dung vụ việc", c.Summary, 4000, true); err != nil {
		l.Merge(err)
	}
	if c.Proofs, err = text("proofs", "giấy tờ chứng minh", c.Proofs, 2000, false); err != nil {
		l.Merge(err)
	}
	if c.Persons <= 0 {
		c.Persons = 1
	}
	if c.Persons > 1000 {
		l.Add("persons", "Số người được trợ giúp không hợp lệ.")
	}
	if err := s.unitExists(ctx, tenantID, c.UnitCode); err != nil {
		if l.Merge(err) != nil {
			return err
		}
	}
	return l.Err()
}

// Accept enters a request in the acceptance register (Circular 12/2018
// Art. 5): the file code is given (Art. 11(1)); an urgent case without
// its proof gets the day the proof is due (Art. 6(2)(a)); any other case
// needs its proof first (Law 11/2017 Art. 30(1)).
func (s *Service) Accept(ctx context.Context, a Actor, tenantID, id string, on time.Time) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	if c.Status != StatusRequested {
		return c, apperr.New(apperr.Conflict, "Yêu cầu đã được xử lý ("+c.Status.Name()+").")
	}
	if err := s.notFuture("accepted_on", &on, "ngày thụ lý"); err != nil {
		return c, err
	}
	if dateOf(on).Before(dateOf(c.RequestedOn)) {
		return c, apperr.Field("accepted_on", "Ngày thụ lý trước ngày yêu cầu.")
	}
	if c.Urgent == UrgentNone && !c.ProofOK {
		return c, apperr.Field("proof_ok", "Người yêu cầu chưa nộp đủ giấy tờ chứng minh thuộc diện được trợ giúp pháp lý; chỉ vụ việc khẩn cấp được thụ lý ngay và bổ sung sau (Điều 6 Thông tư 12/2018/TT-BTP).")
	}
	err = s.Store.TransactLegalAid(ctx, func(tx Tx) error { return s.accept(ctx, tx, a, tenantID, &c, on) })
	return c, err
}

func (s *Service) accept(ctx context.Context, tx Tx, a Actor, tenantID string, c *Case, on time.Time) error {
	on = dateOf(on)
	year := c.RequestedOn.Year()
	seq, err := tx.NextSeq(ctx, tenantID, c.UnitCode, year)
	if err != nil {
		return err
	}
	c.Seq, c.Year, c.Code = seq, year, FileCode(c.UnitCode, c.Form, seq, year)
	c.AcceptedOn, c.Status, c.StatusOn = &on, StatusInProgress, &on
	if c.Urgent != UrgentNone && !c.ProofOK {
		working := s.working
		if s.Calendar != nil {
			book, err := s.Calendar(ctx, tenantID)
			if err != nil {
				return err
			}
			working = book.At(on).IsWorkingDay
		}
		due := ProofDue(on, c.Extended, working)
		c.ProofDue = &due
	}
	if err := tx.UpdateCase(ctx, tenantID, *c); err != nil {
		return err
	}
	msg := "Thụ lý, mã số hồ sơ " + c.Code + "."
	if c.ProofDue != nil {
		msg += fmt.Sprintf(" Vụ việc khẩn cấp: bổ sung giấy tờ chứng minh trước hết ngày %s (%d ngày làm việc, khoản 2 Điều 6 Thông tư 12/2018/TT-BTP).",
			c.ProofDue.Format("02/01/2006"), ProofDays(c.Extended))
	}
	if err := s.event(ctx, tx, tenantID, a, c.ID, "status", msg); err != nil {
		return err
	}
	return s.audit(ctx, tx, tenantID, a, "legalaid.accept", "legalaid_case:"+c.ID, c.Code)
}

// Refuse refuses a request in writing with its reason (Law 11/2017 Art.
// 30(3)).
func (s *Service) Refuse(ctx context.Context, a Actor, tenantID, id string, on time.Time, reason string) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	if c.Status != StatusRequested {
		return c, apperr.New(apperr.Conflict, "Chỉ từ chối yêu cầu chưa thụ lý; vụ việc đã thụ lý thì ghi “không tiếp tục thực hiện”.")
	}
	if reason, err = text("reason", "lý do từ chối (văn bản từ chối phải nêu rõ lý do, khoản 3 Điều 30 Luật Trợ giúp pháp lý)", reason, 2000, true); err != nil {
		return c, err
	}
	if err := s.notFuture("on", &on, "ngày từ chối"); err != nil {
		return c, err
	}
	on = dateOf(on)
	c.Status, c.StatusOn, c.RefusedOn, c.EndedOn, c.Reason = StatusRefused, &on, &on, &on, reason
	return c, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, tenantID, c); err != nil {
			return err
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "status", "Từ chối thụ lý: "+reason); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.refuse", "legalaid_case:"+c.ID, "")
	})
}

// ReceiveProof records that the proof of eligibility arrived and was
// checked: before acceptance (the ordinary case, Law 11/2017 Art. 30(1)),
// or after it for an urgent case (Circular 12/2018 Art. 6(2)).
func (s *Service) ReceiveProof(ctx context.Context, a Actor, tenantID, id string, on time.Time, proofs string) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	if c.Status.Ended() || c.ProofOK {
		return c, apperr.New(apperr.Conflict, "Vụ việc đã kết thúc hoặc đã nhận đủ giấy tờ chứng minh.")
	}
	if err := s.notFuture("on", &on, "ngày nhận giấy tờ"); err != nil {
		return c, err
	}
	if proofs, err = text("proofs", "giấy tờ chứng minh", proofs, 2000, false); err != nil {
		return c, err
	}
	on = dateOf(on)
	late := c.ProofDue != nil && on.After(*c.ProofDue)
	c.ProofOK, c.ProofOn = true, &on
	if proofs != "" {
		c.Proofs = proofs
	}
	return c, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, tenantID, c); err != nil {
			return err
		}
		msg := "Đã nhận đủ giấy tờ chứng minh thuộc diện được trợ giúp pháp lý."
		if late {
			msg += " (Quá hạn bổ sung ngày " + c.ProofDue.Format("02/01/2006") + ".)"
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "document", msg); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.proof", "legalaid_case:"+c.ID, "")
	})
}

// open loads a case that is accepted and not ended.
func (s *Service) open(ctx context.Context, tenantID, id string) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	if !c.Status.Accepted() || c.Status.Ended() {
		return c, apperr.New(apperr.Conflict, "Vụ việc không ở trạng thái đang thực hiện ("+c.Status.Name()+").")
	}
	return c, nil
}

// Assign assigns a provider (Law 11/2017 Art. 31): within their dates
// (Art. 15–17, 19) and not assisting the other party (Art. 25(2)(a)).
func (s *Service) Assign(ctx context.Context, a Actor, tenantID, id, providerID string, on time.Time, agreed bool) (Case, error) {
	c, err := s.open(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	p, err := s.Store.Provider(ctx, tenantID, providerID)
	if err != nil {
		return c, apperr.Field("provider_id", "Chọn người thực hiện trợ giúp pháp lý.")
	}
	if err := s.notFuture("assigned_on", &on, "ngày phân công"); err != nil {
		return c, err
	}
	if msg := CanAssign(p, on); msg != "" {
		return c, apperr.Field("provider_id", msg)
	}
	others, err := s.Store.ProviderCases(ctx, tenantID, p.ID)
	if err != nil {
		return c, err
	}
	if msg := Conflict(c, p, others, agreed); msg != "" {
		return c, apperr.Field("provider_id", msg)
	}
	on = dateOf(on)
	c.ProviderID, c.AssignedOn = p.ID, &on
	return c, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, tenantID, c); err != nil {
			return err
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "assign", "Phân công "+p.Kind.Name()+" "+p.FullName+"."); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.assign", "legalaid_case:"+c.ID, "legalaid_provider:"+p.ID)
	})
}

// Note adds a line of progress to a case.
func (s *Service) Note(ctx context.Context, a Actor, tenantID, id, note string) error {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return err
	}
	if note, err = text("note", "nội dung ghi chép", note, 4000, true); err != nil {
		return err
	}
	return s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := s.event(ctx, tx, tenantID, a, c.ID, "note", note); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.note", "legalaid_case:"+c.ID, "")
	})
}

// Move pauses, resumes, stops, withdraws or transfers an accepted case
// (Law 11/2017 Art. 30(5), 36, 37; Circular 12/2018 Art. 6(2)(b)), with its
// reason.
func (s *Service) Move(ctx context.Context, a Actor, tenantID, id string, to Status, on time.Time, reason string) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	ok := false
	switch to {
	case StatusPaused, StatusStopped, StatusWithdrawn, StatusTransferred:
		ok = c.Status == StatusInProgress || (c.Status == StatusPaused && to != StatusPaused)
	case StatusInProgress:
		ok = c.Status == StatusPaused
	}
	if !ok {
		return c, apperr.New(apperr.Conflict, fmt.Sprintf("Không chuyển vụ việc từ “%s” sang “%s”.", c.Status.Name(), to.Name()))
	}
	if to != StatusInProgress {
		if reason, err = text("reason", "lý do", reason, 2000, true); err != nil {
			return c, err
		}
	}
	if err := s.notFuture("on", &on, "ngày"); err != nil {
		return c, err
	}
	on = dateOf(on)
	if c.AcceptedOn != nil && on.Before(*c.AcceptedOn) {
		return c, apperr.Field("on", "Ngày trước ngày thụ lý.")
	}
	c.Status, c.StatusOn, c.Reason = to, &on, reason
	if to.Ended() {
		c.EndedOn = &on
	}
	return c, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, tenantID, c); err != nil {
			return err
		}
		msg := to.Name() + "."
		if reason != "" {
			msg = to.Name() + ": " + reason
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "status", msg); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.status", "legalaid_case:"+c.ID, string(to))
	})
}

// Close ends a case with its result (Circular 12/2018 Art. 10). An urgent
// case still waiting for its proof cannot be closed as done.
func (s *Service) Close(ctx context.Context, a Actor, tenantID, id string, on time.Time, result, summary string) (Case, error) {
	c, err := s.open(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	if c.ProviderID == "" {
		return c, apperr.Field("result", "Vụ việc chưa phân công người thực hiện.")
	}
	if m, _ := ProofMissing(c, on); m {
		return c, apperr.Field("result", "Vụ việc khẩn cấp chưa có giấy tờ chứng minh thuộc diện được trợ giúp pháp lý (Điều 6 Thông tư 12/2018/TT-BTP).")
	}
	if ResultName(result) == "" {
		return c, apperr.Field("result", "Chọn kết quả vụ việc.")
	}
	if summary, err = text("summary", "tóm tắt kết quả", summary, 2000, false); err != nil {
		return c, err
	}
	if err := s.notFuture("closed_on", &on, "ngày kết thúc"); err != nil {
		return c, err
	}
	on = dateOf(on)
	if c.AcceptedOn != nil && on.Before(*c.AcceptedOn) {
		return c, apperr.Field("closed_on", "Ngày kết thúc trước ngày thụ lý.")
	}
	c.Status, c.StatusOn, c.ClosedOn, c.EndedOn, c.Result = StatusClosed, &on, &on, &on, result
	return c, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, tenantID, c); err != nil {
			return err
		}
		msg := "Kết thúc vụ việc: " + ResultName(result) + "."
		if summary != "" {
			msg += " " + summary
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "status", msg); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.close", "legalaid_case:"+c.ID, result)
	})
}

// Assess records the quality review of a closed case: by the result in
// the proceedings (only for participation in proceedings) or by peer
// review (Law 11/2017 Art. 39; Circular 12/2018 Art. 10).
func (s *Service) Assess(ctx context.Context, a Actor, tenantID, id string, as Assessment) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	if c.Status != StatusClosed {
		return c, apperr.New(apperr.Conflict, "Chỉ đánh giá chất lượng vụ việc đã kết thúc.")
	}
	var l apperr.FieldList
	if _, ok := AssessMethods[as.Method]; !ok {
		l.Add("method", "Chọn hình thức đánh giá chất lượng.")
	} else if as.Method == "result" && c.Form != FormProceedings {
		l.Add("method", "Đánh giá theo kết quả chỉ áp dụng cho vụ việc tham gia tố tụng.")
	}
	if RatingName(as.Rating) == "" {
		l.Add("rating", "Chọn kết quả đánh giá.")
	}
	if as.By, err = text("by", "người đánh giá", as.By, 120, true); err != nil {
		l.Merge(err)
	}
	if as.Note, err = text("note", "nhận xét", as.Note, 2000, false); err != nil {
		l.Merge(err)
	}
	if err := s.notFuture("assessed_on", as.On, "ngày đánh giá"); err != nil {
		l.Merge(err)
	} else if c.ClosedOn != nil && dateOf(*as.On).Before(*c.ClosedOn) {
		l.Add("assessed_on", "Ngày đánh giá trước ngày kết thúc vụ việc.")
	}
	if err := l.Err(); err != nil {
		return c, err
	}
	on := dateOf(*as.On)
	as.On = &on
	c.Assessment = as
	return c, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, tenantID, c); err != nil {
			return err
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "assess", "Đánh giá chất lượng ("+AssessMethods[as.Method]+"): "+RatingName(as.Rating)+"."); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.assess", "legalaid_case:"+c.ID, as.Rating)
	})
}

// Pay records the lawyer's remuneration for a case paid per case.
func (s *Service) Pay(ctx context.Context, a Actor, tenantID, id string, amount int64) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	p, err := s.Store.Provider(ctx, tenantID, c.ProviderID)
	if err != nil {
		return c, apperr.Field("fee_vnd", "Vụ việc chưa phân công người thực hiện.")
	}
	if msg := PaymentAllowed(c, p); msg != "" {
		return c, apperr.Field("fee_vnd", msg)
	}
	if amount <= 0 || amount > 500_000_000 {
		return c, apperr.Field("fee_vnd", "Số tiền thù lao không hợp lệ.")
	}
	c.FeeVND = amount
	return c, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		if err := tx.UpdateCase(ctx, tenantID, c); err != nil {
			return err
		}
		if err := s.event(ctx, tx, tenantID, a, c.ID, "fee", fmt.Sprintf("Chi thù lao %d đồng.", amount)); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.pay", "legalaid_case:"+c.ID, fmt.Sprintf("%d", amount))
	})
}

// MaxDocument is the largest document accepted (5 MB).
const MaxDocument = 5 << 20

var docTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

// AddDocument attaches a document to a case (proof of eligibility or a
// record of the work): PDF, JPEG or PNG up to 5 MB.
func (s *Service) AddDocument(ctx context.Context, a Actor, tenantID, caseID string, doc Document) (Document, error) {
	c, err := s.Store.Case(ctx, tenantID, caseID)
	if err != nil {
		return doc, err
	}
	if c.Status.Ended() && doc.ByCitizen {
		return doc, apperr.New(apperr.Conflict, "Vụ việc đã kết thúc, không nhận thêm giấy tờ.")
	}
	if doc.Name, err = text("file", "tên tệp", doc.Name, 200, true); err != nil {
		return doc, err
	}
	if !docTypes[doc.ContentType] {
		return doc, apperr.Field("file", "Chỉ nhận tệp PDF, JPG hoặc PNG.")
	}
	if len(doc.Data) == 0 || len(doc.Data) > MaxDocument {
		return doc, apperr.Field("file", "Tệp rỗng hoặc lớn hơn 5 MB.")
	}
	doc.ID, doc.CaseID, doc.Size = newID(), caseID, int64(len(doc.Data))
	return doc, s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		doc.AddedAt = tx.Now()
		if err := tx.InsertDocument(ctx, tenantID, doc); err != nil {
			return err
		}
		who := "Cán bộ"
		if doc.ByCitizen {
			who = "Người yêu cầu"
		}
		if err := s.event(ctx, tx, tenantID, a, caseID, "document", who+" gửi tài liệu: "+doc.Name+"."); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.document", "legalaid_case:"+caseID, doc.ContentType)
	})
}

// ---- The portal: a citizen sees only their own requests.

// Mine is a citizen's own case (by their e-ID subject): another's is not
// found.
func (s *Service) Mine(ctx context.Context, tenantID, subject, id string) (Case, error) {
	c, err := s.Store.Case(ctx, tenantID, id)
	if err != nil {
		return c, err
	}
	if subject == "" || c.PortalSub != subject {
		return Case{}, apperr.ErrNotFound
	}
	return c, nil
}

// Lookup opens a request by its reference and PIN; a wrong pair is not
// found, whichever half is wrong.
func (s *Service) Lookup(ctx context.Context, tenantID, ref, pin string) (Case, error) {
	ref = strings.ToUpper(strings.TrimSpace(ref))
	c, err := s.Store.CaseByRef(ctx, tenantID, ref)
	if err != nil || c.PINHash == "" || subtle.ConstantTimeCompare([]byte(c.PINHash), []byte(hashPIN(c.ID, strings.TrimSpace(pin)))) != 1 {
		return Case{}, apperr.New(apperr.NotFound, "Không tìm thấy yêu cầu với số tham chiếu và mã tra cứu này.")
	}
	return c, nil
}

func hashPIN(id, pin string) string {
	h := sha256.Sum256([]byte("legalaid-pin\x00" + id + "\x00" + pin))
	return hex.EncodeToString(h[:])
}

func newPIN() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// newRef is a request reference: TGPL-<year>-<8 random letters/digits>,
// without look-alikes (0/O, 1/I).
func newRef(day time.Time) string {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	b := make([]byte, 8)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(err)
		}
		b[i] = alphabet[n.Int64()]
	}
	return fmt.Sprintf("TGPL-%d-%s", day.Year(), b)
}

// newID returns a time-ordered ID (UUIDv7).
func newID() string {
	if id, err := uuid.NewV7(); err == nil {
		return id.String()
	}
	return uuid.NewString()
}
