package judicialrecord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/envelope"
)

// Stored is a request as kept: plain columns for queues and figures, the
// form itself sealed.
type Stored struct {
	TenantID  string
	DossierID string
	Form      Form
	Source    Source
	ByProxy   bool
	Extended  bool
	Fee       int64
	Copies    int
	Sealed    string
	CreatedAt time.Time
}

// SealedConviction is a conviction (or a bankruptcy ban) as kept: only its
// ID, the blind index of the person's ID number and the sealed record.
type SealedConviction struct {
	TenantID  string
	ID        string
	Index     string
	Sealed    string
	CreatedAt time.Time
}

// CheckRow is one verification request sent to another agency.
type CheckRow struct {
	TenantID   string     `json:"-"`
	DossierID  string     `json:"dossier_id"`
	Seq        int        `json:"seq"`
	Agency     string     `json:"agency"`
	UnitCode   string     `json:"unit_code"`
	Ref        string     `json:"ref"`
	SentAt     time.Time  `json:"sent_at"`
	DueAt      time.Time  `json:"due_at"`
	AnsweredAt *time.Time `json:"answered_at,omitempty"`
	// Result is "answered" once the agency answered; whether it found a
	// record is criminal-record data and goes only into the sealed register.
	Result string `json:"result,omitempty"`
}

// Certificate is an issued certificate as kept: the PDF is sealed (it
// states convictions); its hash, number and dates are public on the
// verification page.
type Certificate struct {
	TenantID  string
	ID        string // random, in the QR code
	DossierID string
	Number    string
	Form      Form
	Source    Source
	IssuedAt  time.Time
	Signer    string
	SHA256    string
	PDFSealed string
	Revoked   bool
}

// Store is the storage the judicial-record use cases need.
type Store interface {
	// Request returns a dossier's request.
	Request(ctx context.Context, tenantID, dossierID string) (Stored, error)
	// Convictions returns the sealed convictions whose index is one of idx.
	Convictions(ctx context.Context, tenantID string, idx []string) ([]SealedConviction, error)
	// Bans returns the sealed bankruptcy bans whose index is one of idx.
	Bans(ctx context.Context, tenantID string, idx []string) ([]SealedConviction, error)
	Checks(ctx context.Context, tenantID, dossierID string) ([]CheckRow, error)
	// PendingChecks lists the unanswered checks of a tenant.
	PendingChecks(ctx context.Context, tenantID string) ([]CheckRow, error)
	// CertificateByID finds a certificate by its public ID, in any tenant.
	CertificateByID(ctx context.Context, id string) (Certificate, error)
	Certificates(ctx context.Context, tenantID, dossierID string) ([]Certificate, error)
	// IssuedBetween lists certificates issued in [from, to) with their
	// dossiers' due and finish days.
	IssuedBetween(ctx context.Context, tenantID string, from, to time.Time) ([]Issued, error)
	// Sealed lists every sealed value of a tenant (for rewrapping).
	SealedValues(ctx context.Context, tenantID string) ([]SealedValue, error)
	TransactJR(ctx context.Context, fn func(Tx) error) error
	// Within gives the judicial records' view of a dossier transaction of
	// the same store (a request or a check written with its dossier).
	Within(tx dossier.Tx) (Tx, bool)
}

// Tx is a write transaction.
type Tx interface {
	Now() time.Time
	InsertRequest(ctx context.Context, r Stored) error
	InsertConviction(ctx context.Context, c SealedConviction) error
	InsertBan(ctx context.Context, b SealedConviction) error
	InsertCheck(ctx context.Context, c *CheckRow) error
	AnswerCheck(ctx context.Context, c CheckRow) error
	InsertCertificate(ctx context.Context, c *Certificate) error
	// CountCertificates counts the tenant's certificates issued in a year
	// (for the next number).
	CountCertificates(ctx context.Context, tenantID string, year int) (int, error)
	UpdateSealed(ctx context.Context, v SealedValue) error
	Audit(ctx context.Context, e audit.Entry) error
}

// SealedValue names one sealed column of one row.
type SealedValue struct {
	TenantID string
	Table    string // "request", "conviction", "ban", "certificate"
	Key      string // dossier ID or record ID
	Sealed   string
	// Index is a conviction's blind index (rewritten with the current key
	// on rewrap, so that the old key can be retired).
	Index string
}

// Issued is a certificate with what the figures need.
type Issued struct {
	Form       Form
	Source     Source
	IssuedAt   time.Time
	DueDay     string
	FinishedAt *time.Time
	DueAt      *time.Time
}

// Service holds the judicial-record use cases. A request is a dossier:
// Dossiers runs its lifecycle.
type Service struct {
	Store    Store
	Dossiers *dossier.Service
	Keys     *envelope.Keyring
	// Agencies maps a coordinating agency kind to the unit code of its
	// step and its allotted answer time.
	Agencies map[string]AgencyStep
	Now      func() time.Time
	// OfficeProvince returns the receiving tenant's province code, for the
	// rule on where a request may be filed (Rules.CheckOffice); nil: not
	// checked.
	OfficeProvince func(ctx context.Context, tenantID string) (string, error)
}

// AgencyStep is how a coordinating agency appears in a dossier's process.
type AgencyStep struct {
	UnitCode string
	Name     string
	Allotted calendar.Duration
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Associated data: every sealed value is bound to its tenant, table and row.
func requestAAD(tenantID, dossierID string) string { return "jr.request|" + tenantID + "|" + dossierID }
func convictionAAD(tenantID, id string) string     { return "jr.conviction|" + tenantID + "|" + id }
func certificateAAD(tenantID, id string) string    { return "jr.certificate|" + tenantID + "|" + id }
func banAAD(tenantID, id string) string            { return "jr.ban|" + tenantID + "|" + id }

// AAD returns the associated data of a sealed value.
func AAD(v SealedValue) string {
	switch v.Table {
	case "request":
		return requestAAD(v.TenantID, v.Key)
	case "conviction":
		return convictionAAD(v.TenantID, v.Key)
	case "certificate":
		return certificateAAD(v.TenantID, v.Key)
	case "ban":
		return banAAD(v.TenantID, v.Key)
	}
	return ""
}

// SubjectIndex is the blind-index scope of a person's ID number.
func subjectScope(tenantID string) string { return "jr.subject|" + tenantID }

// Reader is an officer asking to read criminal-record data.
type Reader struct {
	dossier.Actor
	// Allowed is whether the officer holds the judicial-record permission
	// (decided by the web layer from the role).
	Allowed bool
}

func channelOf(src Source) catalog.Channel {
	switch src {
	case SourceCounter:
		return catalog.ChannelDirect
	case SourcePost:
		return catalog.ChannelPostal
	}
	return catalog.ChannelOnline
}

// Intake receives a request: the rules in force today are applied, then
// the dossier is created through the dossier core (counter requests are
// accepted at once; portal and e-ID requests wait for the desk's check)
// with the time limit of Art. 48 and the fee of Circular 244/2016 (capped by
// the tenant's catalogue, Rules.Apply), and the form is stored sealed in the
// same transaction.
func (s *Service) Intake(ctx context.Context, a dossier.Actor, tenantID string, req Request) (dossier.Dossier, error) {
	req.Normalize()
	v, err := RulesAt(calendar.DateOf(s.now()))
	if err != nil {
		return dossier.Dossier{}, err
	}
	if err := v.Admit(req); err != nil {
		return dossier.Dossier{}, err
	}
	if s.OfficeProvince != nil {
		prov, err := s.OfficeProvince(ctx, tenantID)
		if err != nil {
			return dossier.Dossier{}, err
		}
		if err := v.CheckOffice(req, prov); err != nil {
			return dossier.Dossier{}, err
		}
	}
	app := dossier.Applicant{FullName: req.Person.FullName, IDNumber: req.Person.IDNumber, Passport: req.Foreigner(), Phone: req.Person.Phone,
		Email: req.Person.Email, Address: firstNonEmpty(req.Temporary.Text, req.Permanent.Text)}
	if req.Proxy != nil {
		app = dossier.Applicant{FullName: req.Proxy.FullName, IDNumber: req.Proxy.IDNumber, Phone: req.Proxy.Phone, Address: req.Proxy.Address}
	}
	pt, err := json.Marshal(req)
	if err != nil {
		return dossier.Dossier{}, err
	}
	in := dossier.IntakeRequest{Procedure: v.Procedure, Channel: channelOf(req.Source), Applicant: app, Delivery: req.Delivery,
		Adjust: func(d *dossier.Dossier, p catalog.Procedure) {
			v.Apply(d, p, req)
			if d.Extra == nil {
				d.Extra = map[string]string{}
			}
			d.Extra["jr_form"] = fmt.Sprint(int(req.Form))
			d.Extra["jr_source"] = string(req.Source)
			d.Extra["jr_request_form"] = req.FormNumber()
		},
		Also: func(ctx context.Context, tx dossier.Tx, d *dossier.Dossier) error {
			jt, ok := s.Store.Within(tx)
			if !ok {
				return fmt.Errorf("judicialrecord: the store cannot keep requests")
			}
			return jt.InsertRequest(ctx, Stored{TenantID: tenantID, DossierID: d.ID, Form: req.Form, Source: req.Source,
				ByProxy: req.Proxy != nil, Extended: len(Extension(req)) > 0, Fee: d.Fee, Copies: req.Copies,
				Sealed: s.Keys.Seal(pt, requestAAD(tenantID, d.ID)), CreatedAt: tx.Now()})
		}}
	return s.Dossiers.Intake(ctx, a, tenantID, in)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

// Get returns a dossier's request, opened, without the convictions the
// person declared: those are criminal-record data, read only through
// ReadDeclared (permission, stated reason, logged).
func (s *Service) Get(ctx context.Context, r Reader, tenantID, codeOrID string) (dossier.Dossier, Request, Stored, error) {
	d, req, st, err := s.getFull(ctx, tenantID, codeOrID)
	req.Declared = nil
	return d, req, st, err
}

func (s *Service) getFull(ctx context.Context, tenantID, codeOrID string) (dossier.Dossier, Request, Stored, error) {
	d, err := s.Dossiers.Store.Dossier(ctx, tenantID, codeOrID)
	if err != nil {
		return d, Request{}, Stored{}, err
	}
	st, err := s.Store.Request(ctx, tenantID, d.ID)
	if err != nil {
		return d, Request{}, st, err
	}
	pt, err := s.Keys.Open(st.Sealed, requestAAD(tenantID, d.ID))
	if err != nil {
		return d, Request{}, st, fmt.Errorf("judicialrecord: open request %s: %w", d.ID, err)
	}
	var req Request
	err = json.Unmarshal(pt, &req)
	clear(pt)
	return d, req, st, err
}

// ReadDeclared returns the convictions the person declared on the request
// form, for an officer with the judicial-record permission who states why;
// the read is logged, a refused attempt too.
func (s *Service) ReadDeclared(ctx context.Context, r Reader, tenantID, codeOrID string, why ReadReason) ([]DeclaredRecord, error) {
	if !r.Allowed {
		return nil, deny(ctx, s, r, tenantID, "jr_request:"+codeOrID)
	}
	d, req, _, err := s.getFull(ctx, tenantID, codeOrID)
	if err != nil {
		return nil, err
	}
	reason, err := s.checkReason(ctx, tenantID, why, d.Code)
	if err != nil {
		return nil, err
	}
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP, Action: "jr.declared_read",
			Object: "dossier:" + d.Code, Detail: fmt.Sprintf("%s; %d dòng tự khai", reason, len(req.Declared))})
	})
	if err != nil {
		return nil, err
	}
	return req.Declared, nil
}

func deny(ctx context.Context, s *Service, r Reader, tenantID, what string) error {
	err := s.Store.TransactJR(ctx, func(tx Tx) error {
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP,
			Action: "jr.read_denied", Object: what, Detail: "Không có quyền xem thông tin án tích"})
	})
	if err != nil {
		return err
	}
	return apperr.New(apperr.Forbidden, "Chỉ cán bộ lý lịch tư pháp của cơ quan được xem thông tin án tích. Lần truy cập này đã được ghi nhật ký.")
}

// indexRef is what audit entries name instead of the ID number.
func indexRef(idx string) string { return "jr_subject:" + idx[:min(len(idx), 16)] }

// AddConviction seals a conviction into the tenant's register.
func (s *Service) AddConviction(ctx context.Context, r Reader, tenantID string, c Conviction) (Conviction, error) {
	if !r.Allowed {
		return c, deny(ctx, s, r, tenantID, "jr_convictions")
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	c.ID, c.TenantID = uuid.Must(uuid.NewV7()).String(), tenantID
	pt, err := json.Marshal(c)
	if err != nil {
		return c, err
	}
	idx := s.Keys.Index(subjectScope(tenantID), c.IDNumber)[0]
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		if err := tx.InsertConviction(ctx, SealedConviction{TenantID: tenantID, ID: c.ID, Index: idx,
			Sealed: s.Keys.Seal(pt, convictionAAD(tenantID, c.ID)), CreatedAt: tx.Now()}); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP,
			Action: "jr.conviction_add", Object: "jr_conviction:" + c.ID, Detail: "Thêm thông tin án tích (" + indexRef(idx) + ")"})
	})
	return c, err
}

// ReadConvictions returns the convictions of the person with the ID
// number, for an officer holding the judicial-record permission who states
// why. The read is logged (who, when, why, how many records) before any
// record is opened; a refused reader's attempt is logged too.
func (s *Service) ReadConvictions(ctx context.Context, r Reader, tenantID, idNumber string, why ReadReason) ([]Conviction, error) {
	idNumber = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(idNumber), " ", ""))
	if !r.Allowed {
		return nil, deny(ctx, s, r, tenantID, "jr_convictions")
	}
	reason, err := s.checkReason(ctx, tenantID, why, "")
	if err != nil {
		return nil, err
	}
	if idNumber == "" {
		return nil, apperr.Field("id_number", "Cần nhập số định danh cá nhân hoặc số hộ chiếu cần tra cứu.")
	}
	return s.readConvictions(ctx, r, tenantID, idNumber, reason)
}

func (s *Service) readConvictions(ctx context.Context, r Reader, tenantID, idNumber, reason string) ([]Conviction, error) {
	idx := s.Keys.Index(subjectScope(tenantID), idNumber)
	rows, err := s.Store.Convictions(ctx, tenantID, idx)
	if err != nil {
		return nil, err
	}
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP, Action: "jr.conviction_read",
			Object: indexRef(idx[0]), Detail: fmt.Sprintf("%s; %d bản ghi", reason, len(rows))})
	})
	if err != nil {
		return nil, err
	}
	out := make([]Conviction, 0, len(rows))
	for _, row := range rows {
		pt, err := s.Keys.Open(row.Sealed, convictionAAD(tenantID, row.ID))
		if err != nil {
			return nil, fmt.Errorf("judicialrecord: open conviction %s: %w", row.ID, err)
		}
		var c Conviction
		if err := json.Unmarshal(pt, &c); err != nil {
			return nil, err
		}
		c.ID, c.TenantID = row.ID, tenantID
		out = append(out, c)
	}
	return out, nil
}

// Rewrap re-seals every data key of the tenant under the current master
// key (after a new key was added to the key file). It returns how many
// values changed; values already on the current key are left alone.
func (s *Service) Rewrap(ctx context.Context, tenantID string) (int, error) {
	vals, err := s.Store.SealedValues(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		for _, v := range vals {
			out, changed, err := s.Keys.Rewrap(v.Sealed, AAD(v))
			if err != nil {
				return fmt.Errorf("rewrap %s %s: %w", v.Table, v.Key, err)
			}
			if v.Table == "conviction" || v.Table == "ban" {
				pt, err := s.Keys.Open(out, AAD(v))
				if err != nil {
					return err
				}
				var c struct {
					IDNumber string `json:"id_number"`
				}
				if err := json.Unmarshal(pt, &c); err != nil {
					return err
				}
				clear(pt)
				if idx := s.Keys.Index(subjectScope(tenantID), c.IDNumber)[0]; idx != v.Index {
					v.Index, changed = idx, true
				}
			}
			if !changed {
				continue
			}
			v.Sealed = out
			if err := tx.UpdateSealed(ctx, v); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return nil
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, Actor: "system", Action: "jr.rewrap",
			Detail: fmt.Sprintf("Bọc lại %d khóa dữ liệu bằng khóa chủ %s", n, s.Keys.Current())})
	})
	return n, err
}

// Hash is the hex SHA-256 of a document.
func Hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Agency kinds consulted when the database lacks data or an expungement
// must be verified (research/onestop.md §6: provincial police criminal
// records, courts, civil-judgment enforcement, the national centre).
const (
	AgencyPoliceRecords = "police_records" // hồ sơ nghiệp vụ của Công an
	AgencyCourt         = "court"          // Tòa án
	AgencyEnforcement   = "enforcement"    // cơ quan thi hành án dân sự
)

// DefaultAgencies is the default mapping of agency kinds to steps. The
// answer times are configurable data: the notes give none, so 5 days is a
// placeholder (unverified).
var DefaultAgencies = map[string]AgencyStep{
	AgencyPoliceRecords: {UnitCode: "CA_HSNV", Name: "Xác minh hồ sơ nghiệp vụ tại cơ quan Công an", Allotted: calendar.Duration{Amount: 5, Unit: calendar.CalendarDays}},
	AgencyCourt:         {UnitCode: "TAND", Name: "Xác minh tại Tòa án đã xét xử", Allotted: calendar.Duration{Amount: 5, Unit: calendar.CalendarDays}},
	AgencyEnforcement:   {UnitCode: "THADS", Name: "Xác minh tại cơ quan thi hành án dân sự", Allotted: calendar.Duration{Amount: 5, Unit: calendar.CalendarDays}},
}

// VerificationRequest is what is sent to another agency.
type VerificationRequest struct {
	Ref       string
	TenantID  string
	DossierID string
	Agency    string
	FullName  string
	IDNumber  string
	BirthDate string
	SentAt    time.Time
}

// VerificationAnswer is an agency's answer: convictions found (none: the
// person has no record there) and a note.
type VerificationAnswer struct {
	Ref         string
	At          time.Time
	Convictions []Conviction
	Note        string
}

// Verifier sends verification requests to other agencies and collects
// their answers (package external/verification has the simulator).
type Verifier interface {
	Send(ctx context.Context, r VerificationRequest) error
	// Poll returns the answer to a request sent earlier (r is rebuilt from
	// the stored check: same Ref, agency, person and sending time), or nil
	// while there is none.
	Poll(ctx context.Context, r VerificationRequest) (*VerificationAnswer, error)
}

func (s *Service) agency(kind string) (AgencyStep, error) {
	m := s.Agencies
	if m == nil {
		m = DefaultAgencies
	}
	a, ok := m[kind]
	if !ok {
		return a, apperr.Field("agency", "Cơ quan phối hợp không hợp lệ (police_records, court, enforcement).")
	}
	return a, nil
}

// SendCheck sends a verification request about the dossier's person to an
// agency: the dossier passes to the agency's step (dossier.Consult) and the
// request is recorded in the same transaction, then sent.
func (s *Service) SendCheck(ctx context.Context, v Verifier, r Reader, tenantID, codeOrID, kind string) (CheckRow, error) {
	ag, err := s.agency(kind)
	if err != nil {
		return CheckRow{}, err
	}
	d, req, _, err := s.Get(ctx, Reader{Actor: r.Actor, Allowed: true}, tenantID, codeOrID)
	if err != nil {
		return CheckRow{}, err
	}
	row := CheckRow{TenantID: tenantID, DossierID: d.ID, Agency: kind, UnitCode: ag.UnitCode, Ref: uuid.Must(uuid.NewV7()).String()}
	_, err = s.Dossiers.Consult(ctx, r.Actor, tenantID, d.ID, dossier.Step{Name: ag.Name, Role: "agency_liaison", UnitCode: ag.UnitCode, Allotted: ag.Allotted},
		func(ctx context.Context, tx dossier.Tx, d *dossier.Dossier) error {
			jt, ok := s.Store.Within(tx)
			if !ok {
				return fmt.Errorf("judicialrecord: the store cannot keep checks")
			}
			row.SentAt, row.DueAt = tx.Now(), *d.CurrentStep().DueAt
			return jt.InsertCheck(ctx, &row)
		})
	if err != nil {
		return row, err
	}
	err = v.Send(ctx, VerificationRequest{Ref: row.Ref, TenantID: tenantID, DossierID: d.ID, Agency: kind,
		FullName: req.Person.FullName, IDNumber: req.Person.IDNumber, BirthDate: req.Person.BirthDate, SentAt: row.SentAt})
	return row, err
}

// CollectAnswers polls the tenant's pending checks; each answer is
// recorded, any conviction found is sealed into the register, and the
// agency's liaison hands the dossier back, all in one transaction. The
// agency's step ends then: late if the answer came after its due time.
func (s *Service) CollectAnswers(ctx context.Context, v Verifier, tenantID string) (int, error) {
	pending, err := s.Store.PendingChecks(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range pending {
		_, req, _, err := s.Get(ctx, Reader{Allowed: true}, tenantID, c.DossierID)
		if err != nil {
			return n, err
		}
		ans, err := v.Poll(ctx, VerificationRequest{Ref: c.Ref, TenantID: tenantID, DossierID: c.DossierID, Agency: c.Agency,
			FullName: req.Person.FullName, IDNumber: req.Person.IDNumber, BirthDate: req.Person.BirthDate, SentAt: c.SentAt})
		if err != nil {
			return n, err
		}
		if ans == nil {
			continue
		}
		ag, _ := s.agency(c.Agency)
		liaison := dossier.Actor{ID: "agency:" + c.UnitCode, Name: ag.Name, Role: "agency_liaison", UnitCode: c.UnitCode}
		// Whether anything was found is itself criminal-record data: the
		// plain columns, the event and the audit entry say only that the
		// agency answered; the findings are in the sealed register.
		result := "answered"
		note := "Đã có kết quả xác minh (thông tin án tích, nếu có, được lưu mã hóa)"
		_, err = s.Dossiers.ActWith(ctx, liaison, tenantID, c.DossierID, dossier.ActForward, dossier.Input{Note: note},
			func(ctx context.Context, tx dossier.Tx, d *dossier.Dossier) error {
				jt, ok := s.Store.Within(tx)
				if !ok {
					return fmt.Errorf("judicialrecord: the store cannot keep checks")
				}
				now := tx.Now()
				c.AnsweredAt, c.Result = &now, result
				if err := jt.AnswerCheck(ctx, c); err != nil {
					return err
				}
				for _, cv := range ans.Convictions {
					cv.Normalize()
					if err := cv.Validate(); err != nil {
						return fmt.Errorf("judicialrecord: answer %s: %w", c.Ref, err)
					}
					cv.ID, cv.TenantID = uuid.Must(uuid.NewV7()).String(), tenantID
					if err := jt.InsertConviction(ctx, SealedConviction{TenantID: tenantID, ID: cv.ID,
						Index: s.Keys.Index(subjectScope(tenantID), cv.IDNumber)[0], Sealed: s.Keys.Seal(mustJSON(cv), convictionAAD(tenantID, cv.ID)), CreatedAt: now}); err != nil {
						return err
					}
				}
				return jt.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: liaison.ID, Actor: liaison.Name, Action: "jr.check_answer",
					Object: "dossier:" + d.Code, Detail: c.UnitCode + " đã trả lời"})
			})
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// ExpungementFacts are the facts of a conviction that the expungement
// computation (Penal Code Art. 70, 73) needs, as established by
// verification with the court, the prison or the enforcement office.
type ExpungementFacts struct {
	OffenceDate     calendar.Date
	Penalty         Penalty
	PrisonMonths    int
	Completed       calendar.Date
	Lapsed          calendar.Date
	Obligations     Obligations
	ObligationsDate calendar.Date
	Expunged        calendar.Date
	// Source names who confirmed them (e.g. "Chi cục THADS ..., văn bản số …").
	Source string
}

// RecordVerification replaces a conviction's expungement facts with the
// verified ones, for an officer with the judicial-record permission who
// states why. The person's records are read (a logged read), the changed
// record is re-sealed and the change logged (blind index, never the data).
func (s *Service) RecordVerification(ctx context.Context, r Reader, tenantID, idNumber, id string, f ExpungementFacts, why ReadReason) (Conviction, error) {
	convs, err := s.ReadConvictions(ctx, r, tenantID, idNumber, why)
	if err != nil {
		return Conviction{}, err
	}
	var c Conviction
	found := false
	for _, x := range convs {
		if x.ID == id {
			c, found = x, true
		}
	}
	if !found {
		return Conviction{}, apperr.ErrNotFound
	}
	c.OffenceDate, c.Penalty, c.PrisonMonths, c.Completed, c.Lapsed = f.OffenceDate, f.Penalty, f.PrisonMonths, f.Completed, f.Lapsed
	c.Obligations, c.ObligationsDate, c.Expunged = f.Obligations, f.ObligationsDate, f.Expunged
	if src := clean(f.Source); src != "" {
		c.Source = src
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	idx := s.Keys.Index(subjectScope(tenantID), c.IDNumber)[0]
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		if err := tx.UpdateSealed(ctx, SealedValue{TenantID: tenantID, Table: "conviction", Key: c.ID, Index: idx,
			Sealed: s.Keys.Seal(mustJSON(c), convictionAAD(tenantID, c.ID))}); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP, Action: "jr.conviction_verify",
			Object: "jr_conviction:" + c.ID, Detail: "Ghi kết quả xác minh điều kiện xóa án tích (" + indexRef(idx) + ")"})
	})
	return c, err
}

// AddBan seals a ban that follows from a court's bankruptcy decision into
// the tenant's register (not a conviction).
func (s *Service) AddBan(ctx context.Context, r Reader, tenantID string, b BankruptcyBan) (BankruptcyBan, error) {
	if !r.Allowed {
		return b, deny(ctx, s, r, tenantID, "jr_bans")
	}
	b.Normalize()
	if err := b.Validate(); err != nil {
		return b, err
	}
	b.ID, b.TenantID = uuid.Must(uuid.NewV7()).String(), tenantID
	idx := s.Keys.Index(subjectScope(tenantID), b.IDNumber)[0]
	err := s.Store.TransactJR(ctx, func(tx Tx) error {
		if err := tx.InsertBan(ctx, SealedConviction{TenantID: tenantID, ID: b.ID, Index: idx,
			Sealed: s.Keys.Seal(mustJSON(b), banAAD(tenantID, b.ID)), CreatedAt: tx.Now()}); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP,
			Action: "jr.ban_add", Object: "jr_ban:" + b.ID, Detail: "Thêm thông tin cấm theo quyết định tuyên bố phá sản (" + indexRef(idx) + ")"})
	})
	return b, err
}

// ReadBans returns the bankruptcy bans of the person with the ID number,
// for an officer with the judicial-record permission who states why; the
// read is logged like a conviction read.
func (s *Service) ReadBans(ctx context.Context, r Reader, tenantID, idNumber string, why ReadReason) ([]BankruptcyBan, error) {
	idNumber = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(idNumber), " ", ""))
	if !r.Allowed {
		return nil, deny(ctx, s, r, tenantID, "jr_bans")
	}
	reason, err := s.checkReason(ctx, tenantID, why, "")
	if err != nil {
		return nil, err
	}
	if idNumber == "" {
		return nil, apperr.Field("id_number", "Cần nhập số định danh cá nhân hoặc số hộ chiếu cần tra cứu.")
	}
	return s.readBans(ctx, r, tenantID, idNumber, reason)
}

func (s *Service) readBans(ctx context.Context, r Reader, tenantID, idNumber, reason string) ([]BankruptcyBan, error) {
	idx := s.Keys.Index(subjectScope(tenantID), idNumber)
	rows, err := s.Store.Bans(ctx, tenantID, idx)
	if err != nil {
		return nil, err
	}
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP, Action: "jr.ban_read",
			Object: indexRef(idx[0]), Detail: fmt.Sprintf("%s; %d bản ghi cấm theo quyết định tuyên bố phá sản", reason, len(rows))})
	})
	if err != nil {
		return nil, err
	}
	out := make([]BankruptcyBan, 0, len(rows))
	for _, row := range rows {
		pt, err := s.Keys.Open(row.Sealed, banAAD(tenantID, row.ID))
		if err != nil {
			return nil, fmt.Errorf("judicialrecord: open ban %s: %w", row.ID, err)
		}
		var b BankruptcyBan
		err = json.Unmarshal(pt, &b)
		clear(pt)
		if err != nil {
			return nil, err
		}
		b.ID, b.TenantID = row.ID, tenantID
		out = append(out, b)
	}
	return out, nil
}
