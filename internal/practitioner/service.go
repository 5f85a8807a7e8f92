package practitioner

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
)

// Scope is the department whose register an officer keeps: the register is
// the department's (tenant), its organisations in the province's communes.
type Scope struct {
	TenantID     string
	ProvinceCode string
}

// Actor is the officer acting, for the audit log and the history.
type Actor struct {
	ID, Name, IP string
}

// OrgFilter selects organisations.
type OrgFilter struct {
	Profession  Profession
	Kind        OrgKind
	Status      Status
	CommuneCode string
	Query       string // in the name, registration number or address
	Limit       int
	Offset      int
}

// PersonFilter selects practitioners.
type PersonFilter struct {
	Profession Profession
	Status     Status
	OrgID      string
	Query      string // in the name or card number
	Limit      int
	Offset     int
}

// ViBangFilter selects bailiffs' records.
type ViBangFilter struct {
	OfficeID string
	Query    string // in the number, title, requester or entry number
	From, To *time.Time
	Limit    int
	Offset   int
}

// Store is the storage the register's use cases need.
type Store interface {
	Orgs(ctx context.Context, tenantID string, f OrgFilter) ([]Organisation, error)
	Org(ctx context.Context, tenantID, id string) (Organisation, error)
	People(ctx context.Context, tenantID string, f PersonFilter) ([]Person, error)
	Person(ctx context.Context, tenantID, id string) (Person, error)
	// History lists the events of one register entry, oldest first.
	History(ctx context.Context, tenantID string, subject Subject, id string) ([]Event, error)
	// EventsBetween lists every event recorded on days in [from, to].
	EventsBetween(ctx context.Context, tenantID string, from, to time.Time) ([]Event, error)
	Filings(ctx context.Context, tenantID, form string, year int, period ReportPeriod) ([]Filing, error)
	FilingsOf(ctx context.Context, tenantID, orgID string) ([]Filing, error)
	ViBangs(ctx context.Context, tenantID string, f ViBangFilter) ([]ViBang, error)
	ViBang(ctx context.Context, tenantID, id string) (ViBang, error)
	Inspections(ctx context.Context, tenantID string, year int) ([]Inspection, error)
	Inspection(ctx context.Context, tenantID, id string) (Inspection, error)
	// FilingKey returns the hash of the reporting code of the organisation
	// with a registration number ("" when none was issued).
	FilingKey(ctx context.Context, tenantID, regNo string) (Organisation, string, error)
	TransactPractitioner(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of the register.
type Tx interface {
	Now() time.Time
	InsertOrg(ctx context.Context, tenantID string, o Organisation) error
	UpdateOrg(ctx context.Context, tenantID string, o Organisation) error
	// OrgByRegNo finds an organisation by its registration number, or by
	// its tax code when regNo is empty; ErrNotFound if none.
	OrgByRegNo(ctx context.Context, tenantID, regNo, taxCode string) (Organisation, error)
	LockOrg(ctx context.Context, tenantID, id string) (Organisation, error)
	InsertPerson(ctx context.Context, tenantID string, p Person) error
	UpdatePerson(ctx context.Context, tenantID string, p Person) error
	LockPerson(ctx context.Context, tenantID, id string) (Person, error)
	InsertEvent(ctx context.Context, tenantID string, e Event) error
	// SaveFiling inserts or replaces the organisation's filing of a form,
	// year and period.
	SaveFiling(ctx context.Context, tenantID string, f Filing) error
	InsertViBang(ctx context.Context, tenantID string, v ViBang) error
	UpdateViBang(ctx context.Context, tenantID string, v ViBang) error
	// NextViBangNo returns the next entry number of the year's register.
	NextViBangNo(ctx context.Context, tenantID string, year int) (int, error)
	SaveInspection(ctx context.Context, tenantID string, i Inspection) error
	// SetFilingKey stores the hash of an organisation's reporting code.
	SetFilingKey(ctx context.Context, tenantID, orgID, hash string) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Service holds the register's use cases.
type Service struct {
	Store Store
	// InProvince tells whether a commune code belongs to a province.
	InProvince func(commune, province string) bool
	// Workday tells working days (the tenant's calendar); nil = Mon–Fri.
	Workday func(time.Time) bool
	Now     func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func newID() string { return uuid.NewString() }

func text(field, label, v string, max int, required bool) (string, error) {
	v = strings.Join(strings.Fields(v), " ")
	if required && v == "" {
		return "", apperr.Field(field, "Nhập "+label+".")
	}
	if utf8.RuneCountInString(v) > max {
		return "", apperr.Field(field, fmt.Sprintf("%s dài quá %d ký tự.", capitalise(label), max))
	}
	return v, nil
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

func (s *Service) audit(ctx context.Context, tx Tx, sc Scope, a Actor, action, object, detail string) error {
	return tx.Audit(ctx, audit.Entry{TenantID: sc.TenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
		Action: action, Object: object, Detail: detail})
}

// Cause is what caused a change: a decision (number and date) or a one-stop
// dossier. One of the two is required.
type Cause struct {
	DecisionNo  string
	DecisionOn  *time.Time
	DossierCode string
	Note        string
}

func (c *Cause) check(today time.Time) error {
	var bad apperr.FieldList
	var err error
	if c.DecisionNo, err = text("decision_no", "số quyết định", c.DecisionNo, 60, false); err != nil {
		bad.Merge(err)
	}
	if c.DossierCode, err = text("dossier_code", "mã hồ sơ", c.DossierCode, 40, false); err != nil {
		bad.Merge(err)
	}
	if c.Note, err = text("note", "ghi chú", c.Note, 500, false); err != nil {
		bad.Merge(err)
	}
	if c.DecisionNo == "" && c.DossierCode == "" {
		bad.Add("decision_no", "Nhập số quyết định hoặc mã hồ sơ một cửa làm căn cứ thay đổi.")
	}
	if c.DecisionNo != "" && c.DecisionOn == nil {
		bad.Add("decision_on", "Nhập ngày quyết định.")
	}
	if c.DecisionOn != nil && dateOf(*c.DecisionOn).After(dateOf(today)) {
		bad.Add("decision_on", "Ngày quyết định ở tương lai.")
	}
	return bad.Err()
}

func (s *Service) validOrg(sc Scope, o *Organisation) error {
	var bad apperr.FieldList
	info, ok := KindInfo(o.Kind)
	if !ok {
		bad.Add("kind", "Chọn loại hình tổ chức.")
	}
	o.Profession = info.Profession
	var err error
	if o.Name, err = text("name", "tên tổ chức", o.Name, 200, true); err != nil {
		bad.Merge(err)
	}
	if o.RegNo, err = text("reg_no", "số giấy đăng ký hoạt động", o.RegNo, 60, false); err != nil {
		bad.Merge(err)
	}
	if o.Address, err = text("address", "địa chỉ trụ sở", o.Address, 300, false); err != nil {
		bad.Merge(err)
	}
	if o.Head, err = text("head", "người đứng đầu", o.Head, 120, false); err != nil {
		bad.Merge(err)
	}
	if o.Phone, err = text("phone", "số điện thoại", o.Phone, 20, false); err != nil {
		bad.Merge(err)
	}
	if o.TaxCode, err = text("tax_code", "mã số thuế", o.TaxCode, 14, false); err != nil {
		bad.Merge(err)
	}
	o.CommuneCode = strings.TrimSpace(o.CommuneCode)
	if o.CommuneCode == "" {
		bad.Add("commune_code", "Chọn xã, phường nơi đặt trụ sở.")
	} else if s.InProvince != nil && !s.InProvince(o.CommuneCode, sc.ProvinceCode) {
		bad.Add("commune_code", fmt.Sprintf("Mã xã %s không thuộc tỉnh của Sở.", o.CommuneCode))
	}
	if o.RegisteredOn.IsZero() {
		bad.Add("registered_on", "Nhập ngày đăng ký hoạt động.")
	} else if dateOf(o.RegisteredOn).After(dateOf(s.now())) {
		bad.Add("registered_on", "Ngày đăng ký hoạt động ở tương lai.")
	}
	return bad.Err()
}

// CheckOrg returns every mistake of an organisation and its cause without
// writing anything (a form that has other errors shows them all at once).
func (s *Service) CheckOrg(sc Scope, o Organisation, c Cause) error {
	var bad apperr.FieldList
	bad.Merge(s.validOrg(sc, &o))
	bad.Merge(c.check(s.now()))
	return bad.Err()
}

// RegisterOrg enters a new organisation in the register, with the event
// that registered it.
func (s *Service) RegisterOrg(ctx context.Context, a Actor, sc Scope, o Organisation, c Cause) (Organisation, error) {
	var bad apperr.FieldList
	bad.Merge(s.validOrg(sc, &o))
	bad.Merge(c.check(s.now()))
	if err := bad.Err(); err != nil {
		return Organisation{}, err
	}
	err := s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		var err error
		o, err = s.registerOrg(ctx, tx, a, sc, o, c)
		return err
	})
	return o, err
}

func (s *Service) registerOrg(ctx context.Context, tx Tx, a Actor, sc Scope, o Organisation, c Cause) (Organisation, error) {
	if o.RegNo != "" {
		if _, err := tx.OrgByRegNo(ctx, sc.TenantID, o.RegNo, ""); err == nil {
			return Organisation{}, apperr.Field("reg_no", "Số giấy đăng ký hoạt động này đã có trong sổ.")
		}
	}
	st, err := Next(SubjectOrg, "", EvRegistered)
	if err != nil {
		return Organisation{}, err
	}
	o.ID, o.Status = newID(), st
	if err := tx.InsertOrg(ctx, sc.TenantID, o); err != nil {
		return Organisation{}, err
	}
	ev := Event{ID: newID(), Subject: SubjectOrg, SubjectID: o.ID, Kind: EvRegistered, On: dateOf(o.RegisteredOn), To: st,
		DecisionNo: c.DecisionNo, DecisionOn: c.DecisionOn, DossierCode: c.DossierCode, Note: c.Note, Officer: a.Name}
	if err := tx.InsertEvent(ctx, sc.TenantID, ev); err != nil {
		return Organisation{}, err
	}
	return o, s.audit(ctx, tx, sc, a, "practitioner.org_register", "practitioner_org:"+o.ID, causeText(c))
}

func causeText(c Cause) string {
	if c.DossierCode != "" {
		return "hồ sơ " + c.DossierCode
	}
	return "QĐ " + c.DecisionNo
}

// ChangeOrg records a change of an organisation's registration (new
// details; the status follows Next). The history keeps the event with its
// cause; a merger or conversion names the successor organisation.
func (s *Service) ChangeOrg(ctx context.Context, a Actor, sc Scope, id string, kind EventKind, on time.Time, upd *Organisation, successorID string, c Cause) (Organisation, error) {
	if !kind.Valid() {
		return Organisation{}, apperr.Field("kind", "Chọn loại thay đổi.")
	}
	if err := c.check(s.now()); err != nil {
		return Organisation{}, err
	}
	if on.IsZero() || dateOf(on).After(dateOf(s.now())) {
		return Organisation{}, apperr.Field("on", "Nhập ngày thay đổi (không ở tương lai).")
	}
	var o Organisation
	err := s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		old, err := tx.LockOrg(ctx, sc.TenantID, id)
		if err != nil {
			return err
		}
		to, err := Next(SubjectOrg, old.Status, kind)
		if err != nil {
			return apperr.Field("kind", err.Error())
		}
		if dateOf(on).Before(dateOf(old.RegisteredOn)) {
			return apperr.Field("on", "Ngày thay đổi trước ngày đăng ký hoạt động.")
		}
		o = old
		if upd != nil && kind == EvChanged {
			n := *upd
			n.ID, n.Kind, n.Status, n.RegisteredOn = old.ID, old.Kind, old.Status, old.RegisteredOn
			if err := s.validOrg(sc, &n); err != nil {
				return err
			}
			o = n
		}
		if kind == EvMerged || kind == EvConverted {
			if successorID == "" || successorID == id {
				return apperr.Field("successor_id", "Chọn tổ chức hình thành sau khi hợp nhất, sáp nhập, chuyển đổi.")
			}
			if _, err := tx.LockOrg(ctx, sc.TenantID, successorID); err != nil {
				return apperr.Field("successor_id", "Không tìm thấy tổ chức kế thừa trong sổ.")
			}
			o.SuccessorID = successorID
		}
		o.Status = to
		if err := tx.UpdateOrg(ctx, sc.TenantID, o); err != nil {
			return err
		}
		ev := Event{ID: newID(), Subject: SubjectOrg, SubjectID: id, Kind: kind, On: dateOf(on), From: old.Status, To: to,
			DecisionNo: c.DecisionNo, DecisionOn: c.DecisionOn, DossierCode: c.DossierCode, Note: c.Note, Officer: a.Name}
		if err := tx.InsertEvent(ctx, sc.TenantID, ev); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.org_"+string(kind), "practitioner_org:"+id, causeText(c))
	})
	return o, err
}

func (s *Service) validPerson(ctx context.Context, tx Tx, sc Scope, p *Person) error {
	var bad apperr.FieldList
	if !p.Profession.Valid() {
		bad.Add("profession", "Chọn nghề.")
	}
	var err error
	if p.FullName, err = text("full_name", "họ tên", p.FullName, 120, true); err != nil {
		bad.Merge(err)
	}
	if p.CardNo, err = text("card_no", "số thẻ, chứng chỉ hành nghề", p.CardNo, 40, false); err != nil {
		bad.Merge(err)
	}
	today := s.now()
	if p.BirthDate.IsZero() {
		bad.Add("birth_date", "Nhập ngày sinh.")
	} else if a := AgeOn(p.BirthDate, today); a < 18 || a > 110 {
		bad.Add("birth_date", "Ngày sinh không hợp lệ.")
	}
	if p.AppointedOn.IsZero() {
		bad.Add("appointed_on", "Nhập ngày bổ nhiệm, cấp thẻ hoặc chứng chỉ.")
	} else if dateOf(p.AppointedOn).After(dateOf(today)) {
		bad.Add("appointed_on", "Ngày bổ nhiệm ở tương lai.")
	}
	if p.OrgID != "" && tx != nil {
		o, err := tx.LockOrg(ctx, sc.TenantID, p.OrgID)
		switch {
		case err != nil:
			bad.Add("org_id", "Không tìm thấy tổ chức hành nghề trong sổ.")
		case o.Profession != p.Profession:
			bad.Add("org_id", fmt.Sprintf("%s không hành nghề tại tổ chức %s.", p.Profession.PersonTitle(), o.Kind.Name()))
		case o.Status != StatusActive:
			bad.Add("org_id", "Tổ chức hành nghề không còn hoạt động ("+o.Status.Name()+").")
		}
	}
	// Law 46/2024 Art. 10(1): a notary appointed from 1/7/2025 is not over 70.
	if p.Profession == Notary && !p.BirthDate.IsZero() && !p.AppointedOn.IsZero() {
		r := NotaryAgeOn(p.AppointedOn)
		if r.MaxAge > 0 && !p.PractisingOn && !Birthday(p.BirthDate, r.MaxAge).After(dateOf(p.AppointedOn)) {
			bad.Add("birth_date", fmt.Sprintf("Người được bổ nhiệm công chứng viên không quá %d tuổi (khoản 1 Điều 10 Luật Công chứng 2024).", r.MaxAge))
		}
	}
	return bad.Err()
}

// RegisterPerson enters a practitioner in the register.
func (s *Service) RegisterPerson(ctx context.Context, a Actor, sc Scope, p Person, c Cause) (Person, error) {
	if err := c.check(s.now()); err != nil {
		return Person{}, err
	}
	err := s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		if err := s.validPerson(ctx, tx, sc, &p); err != nil {
			return err
		}
		st, err := Next(SubjectPerson, "", EvRegistered)
		if err != nil {
			return err
		}
		p.ID, p.Status = newID(), st
		if err := tx.InsertPerson(ctx, sc.TenantID, p); err != nil {
			return err
		}
		ev := Event{ID: newID(), Subject: SubjectPerson, SubjectID: p.ID, Kind: EvRegistered, On: dateOf(p.AppointedOn), To: st,
			DecisionNo: c.DecisionNo, DecisionOn: c.DecisionOn, DossierCode: c.DossierCode, Note: c.Note, Officer: a.Name}
		if err := tx.InsertEvent(ctx, sc.TenantID, ev); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.person_register", "practitioner_person:"+p.ID, causeText(c))
	})
	return p, err
}

// ChangePerson records a change of a practitioner: suspension, removal,
// revocation, a move to another organisation (orgID).
func (s *Service) ChangePerson(ctx context.Context, a Actor, sc Scope, id string, kind EventKind, on time.Time, orgID string, c Cause) (Person, error) {
	if !kind.Valid() {
		return Person{}, apperr.Field("kind", "Chọn loại thay đổi.")
	}
	if err := c.check(s.now()); err != nil {
		return Person{}, err
	}
	if on.IsZero() || dateOf(on).After(dateOf(s.now())) {
		return Person{}, apperr.Field("on", "Nhập ngày thay đổi (không ở tương lai).")
	}
	var p Person
	err := s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		old, err := tx.LockPerson(ctx, sc.TenantID, id)
		if err != nil {
			return err
		}
		to, err := Next(SubjectPerson, old.Status, kind)
		if err != nil {
			return apperr.Field("kind", err.Error())
		}
		p = old
		p.Status = to
		if kind == EvMoved {
			if orgID == old.OrgID {
				return apperr.Field("org_id", "Chọn tổ chức hành nghề mới.")
			}
			p.OrgID = orgID
			if err := s.validPerson(ctx, tx, sc, &p); err != nil {
				return err
			}
		}
		if err := tx.UpdatePerson(ctx, sc.TenantID, p); err != nil {
			return err
		}
		ev := Event{ID: newID(), Subject: SubjectPerson, SubjectID: id, Kind: kind, On: dateOf(on), From: old.Status, To: to,
			DecisionNo: c.DecisionNo, DecisionOn: c.DecisionOn, DossierCode: c.DossierCode, Note: c.Note, Officer: a.Name}
		if err := tx.InsertEvent(ctx, sc.TenantID, ev); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.person_"+string(kind), "practitioner_person:"+id, causeText(c))
	})
	return p, err
}

// AgeList lists the notaries who must stop practising within months months
// of today, and those overdue (Law 46/2024 Art. 10(1), 76(5)).
func (s *Service) AgeList(ctx context.Context, sc Scope, months int) ([]MustStop, error) {
	ps, err := s.Store.People(ctx, sc.TenantID, PersonFilter{Profession: Notary})
	if err != nil {
		return nil, err
	}
	today := s.now()
	return MustStopWithin(ps, today, dateOf(today).AddDate(0, months, 0)), nil
}
