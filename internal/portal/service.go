package portal

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/postal"
	"tuphap/internal/signature"
)

// Store is the storage the portal needs.
type Store interface {
	Transact(ctx context.Context, fn func(Tx) error) error
	// CitizenSession finds a live session by the hash of its secret.
	CitizenSession(ctx context.Context, tenantID, idHash string, now time.Time) (Citizen, error)
	// Draft returns a draft with its files.
	Draft(ctx context.Context, tenantID, id string) (Draft, error)
	// DraftOfDossier returns the submitted draft a dossier came from.
	DraftOfDossier(ctx context.Context, tenantID, dossierID string) (Draft, error)
	Drafts(ctx context.Context, tenantID, ownerID string) ([]Draft, error)
	// Blob returns the bytes stored under a SHA-256.
	Blob(ctx context.Context, tenantID, sum string) ([]byte, error)
	Payment(ctx context.Context, tenantID, id string) (Payment, error)
	Payments(ctx context.Context, tenantID, dossierID string) ([]Payment, error)
	Result(ctx context.Context, tenantID, id string) (Result, error)
	Results(ctx context.Context, tenantID, dossierID string) ([]Result, error)
	// SupplementFiles lists the files uploaded to supplement a dossier.
	SupplementFiles(ctx context.Context, tenantID, dossierID string) ([]SupplementFile, error)
}

// Tx is a write transaction of the portal; it can also change a dossier, so
// that a payment and the dossier's record of it commit together.
type Tx interface {
	Now() time.Time
	InsertCitizenSession(ctx context.Context, idHash string, c Citizen) error
	DeleteCitizenSession(ctx context.Context, tenantID, idHash string) error
	InsertDraft(ctx context.Context, d *Draft) error
	UpdateDraft(ctx context.Context, d *Draft) error
	LockDraft(ctx context.Context, tenantID, id string) (Draft, error)
	PutBlob(ctx context.Context, tenantID, sum, mediaType string, data []byte) error
	InsertFile(ctx context.Context, f *File) error
	DeleteFile(ctx context.Context, tenantID, draftID, id string) error
	InsertPayment(ctx context.Context, p *Payment) error
	LockPayment(ctx context.Context, tenantID, id string) (Payment, error)
	UpdatePayment(ctx context.Context, p *Payment) error
	InsertResult(ctx context.Context, r *Result) error
	SupplementFiles(ctx context.Context, tenantID, dossierID string) ([]SupplementFile, error)
	InsertSupplementFile(ctx context.Context, f *SupplementFile) error
	DeleteSupplementFile(ctx context.Context, tenantID, dossierID, id string) error
	LockDossier(ctx context.Context, tenantID, codeOrID string) (dossier.Dossier, error)
	SaveDossier(ctx context.Context, d *dossier.Dossier) error
	AppendEvent(ctx context.Context, e *dossier.Event) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Service holds the portal's use cases.
type Service struct {
	Store    Store
	Dossiers *dossier.Service
	// Procedure finds a procedure in force (as dossier.Service.Procedure).
	Procedure func(ctx context.Context, tenantID, idOrCode string, on calendar.Date) (catalog.Procedure, error)
	Now       func() time.Time
	// Receipts issues the electronic receipt (biên lai điện tử) of a fee
	// paid online, with the same fields as one collected at the desk; nil
	// issues none (the payment record stands alone).
	Receipts dossier.IssueReceipt
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// CitizenTokenPrefix starts a citizen session cookie's value.
const CitizenTokenPrefix = "c"

// SignIn opens a session for the identity the provider vouched for and
// returns the cookie value.
func (s *Service) SignIn(ctx context.Context, tenantID string, id Identity, ip string) (string, Citizen, error) {
	if id.IDNumber == "" || id.FullName == "" || id.Subject == "" {
		return "", Citizen{}, apperr.New(apperr.Unauthorized, "Tài khoản định danh điện tử không cung cấp đủ họ tên và số định danh cá nhân.")
	}
	secret := auth.NewSecret()
	c := Citizen{TenantID: tenantID, Identity: id, CSRF: auth.NewSecret()}
	err := s.Store.Transact(ctx, func(tx Tx) error {
		now := tx.Now()
		c.CreatedAt, c.ExpiresAt = now, now.Add(SessionTTL)
		if err := tx.InsertCitizenSession(ctx, auth.HashSecret(secret), c); err != nil {
			return err
		}
		a := c.Actor(ip)
		e := auditActor(a)
		e.TenantID, e.Action, e.Object = tenantID, "citizen.login", "citizen:"+maskID(id.IDNumber)
		return tx.Audit(ctx, e)
	})
	if err != nil {
		return "", Citizen{}, err
	}
	return auth.FormatToken(CitizenTokenPrefix, tenantID, secret), c, nil
}

// Authenticate returns the citizen of a session cookie value, or
// apperr.ErrNotFound.
func (s *Service) Authenticate(ctx context.Context, token string) (Citizen, error) {
	tenantID, secret, ok := auth.ParseToken(CitizenTokenPrefix, token)
	if !ok {
		return Citizen{}, apperr.ErrNotFound
	}
	return s.Store.CitizenSession(ctx, tenantID, auth.HashSecret(secret), s.now())
}

// SignOut ends a session.
func (s *Service) SignOut(ctx context.Context, token string) error {
	tenantID, secret, ok := auth.ParseToken(CitizenTokenPrefix, token)
	if !ok {
		return nil
	}
	return s.Store.Transact(ctx, func(tx Tx) error {
		return tx.DeleteCitizenSession(ctx, tenantID, auth.HashSecret(secret))
	})
}

// maskID keeps the last 4 digits of an ID number for logs and audit objects.
func maskID(id string) string {
	if len(id) <= 4 {
		return id
	}
	return strings.Repeat("*", len(id)-4) + id[len(id)-4:]
}

// notFound is the one answer to anything a citizen may not see: another
// citizen's draft, dossier or file is "not found", never "forbidden", so
// that guessing reveals nothing.
func notFound() error {
	return apperr.New(apperr.NotFound, "Không tìm thấy hồ sơ.")
}

// OwnDraft returns the citizen's draft.
func (s *Service) OwnDraft(ctx context.Context, c Citizen, id string) (Draft, error) {
	d, err := s.Store.Draft(ctx, c.TenantID, id)
	if errors.Is(err, apperr.ErrNotFound) || (err == nil && d.OwnerID != c.Identity.IDNumber) {
		return Draft{}, notFound()
	}
	return d, err
}

// NewDraft starts a draft for procedure p.
func (s *Service) NewDraft(ctx context.Context, c Citizen, p catalog.Procedure) (Draft, error) {
	if !p.Allows(catalog.ChannelOnline) || p.OnlineLevel == catalog.OnlineNone {
		return Draft{}, apperr.New(apperr.Conflict, "Thủ tục này chưa cung cấp dịch vụ công trực tuyến; vui lòng nộp hồ sơ trực tiếp hoặc qua bưu chính.")
	}
	d := Draft{TenantID: c.TenantID, ID: uuid.Must(uuid.NewV7()).String(), OwnerID: c.Identity.IDNumber, ProcedureID: p.ID,
		Status: DraftOpen, Delivery: Deliveries[0]}
	err := s.Store.Transact(ctx, func(tx Tx) error {
		d.CreatedAt, d.UpdatedAt = tx.Now(), tx.Now()
		return tx.InsertDraft(ctx, &d)
	})
	return d, err
}

// Contact is what the citizen types on the filing form.
type Contact struct {
	Phone, Email, Address, Delivery string
}

func (c Contact) check(who Identity) (Contact, error) {
	a := dossier.Applicant{FullName: who.FullName, IDNumber: who.IDNumber, Phone: c.Phone, Email: c.Email, Address: c.Address}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return c, err
	}
	ok := false
	for _, d := range Deliveries {
		ok = ok || d == c.Delivery
	}
	if !ok {
		return c, apperr.Field("delivery", "Cần chọn hình thức nhận kết quả.")
	}
	if c.Delivery == postal.Delivery {
		// The result travels to the address given (Decision 45/2016/QĐ-TTg).
		if err := postal.CheckAddress(a.Address); err != nil {
			return c, apperr.Field("address", apperr.As(err).Message)
		}
	}
	return Contact{Phone: a.Phone, Email: a.Email, Address: a.Address, Delivery: c.Delivery}, nil
}

// SaveDraft stores the contact details typed so far. They are checked only
// on submission, so that a half-filled form can be saved.
func (s *Service) SaveDraft(ctx context.Context, c Citizen, id string, in Contact) (Draft, error) {
	var d Draft
	err := s.Store.Transact(ctx, func(tx Tx) error {
		var err error
		if d, err = s.lockOwn(ctx, tx, c, id); err != nil {
			return err
		}
		clip := func(v string, n int) string {
			r := []rune(strings.TrimSpace(v))
			if len(r) > n {
				r = r[:n]
			}
			return string(r)
		}
		d.Phone, d.Email, d.Address, d.Delivery = clip(in.Phone, 20), clip(in.Email, 254), clip(in.Address, 300), clip(in.Delivery, 100)
		d.UpdatedAt = tx.Now()
		return tx.UpdateDraft(ctx, &d)
	})
	return d, err
}

func (s *Service) lockOwn(ctx context.Context, tx Tx, c Citizen, id string) (Draft, error) {
	d, err := tx.LockDraft(ctx, c.TenantID, id)
	if errors.Is(err, apperr.ErrNotFound) || (err == nil && d.OwnerID != c.Identity.IDNumber) {
		return Draft{}, notFound()
	}
	if err != nil {
		return d, err
	}
	if d.Status != DraftOpen {
		return d, apperr.New(apperr.Conflict, "Hồ sơ đã được nộp; không thể sửa bản nháp.")
	}
	return d, nil
}

// AddFile checks an upload by its content and attaches it to document
// docIndex of the draft, within the per-dossier limits.
func (s *Service) AddFile(ctx context.Context, c Citizen, draftID string, p catalog.Procedure, docIndex int, name string, data []byte, ip string) (File, error) {
	if docIndex < 0 || docIndex >= len(p.Documents) {
		return File{}, apperr.Field("doc", "Giấy tờ không thuộc thành phần hồ sơ của thủ tục.")
	}
	mt, sum, err := Sniff(name, data)
	if err != nil {
		return File{}, err
	}
	f := File{TenantID: c.TenantID, ID: uuid.Must(uuid.NewV7()).String(), DraftID: draftID, DocIndex: docIndex, SHA256: sum, MediaType: mt, Size: int64(len(data))}
	err = s.Store.Transact(ctx, func(tx Tx) error {
		d, err := s.lockOwn(ctx, tx, c, draftID)
		if err != nil {
			return err
		}
		if d.ProcedureID != p.ID {
			return notFound()
		}
		if len(d.Files) >= MaxFiles {
			return apperr.New(apperr.TooLarge, fmt.Sprintf("Mỗi hồ sơ có tối đa %d tệp.", MaxFiles))
		}
		if d.Size()+f.Size > MaxDossierBytes {
			return apperr.New(apperr.TooLarge, fmt.Sprintf("Tổng dung lượng các tệp của hồ sơ vượt quá %d MB.", MaxDossierBytes>>20))
		}
		f.CreatedAt = tx.Now()
		if err := tx.PutBlob(ctx, c.TenantID, sum, mt, data); err != nil {
			return err
		}
		if err := tx.InsertFile(ctx, &f); err != nil {
			return err
		}
		d.UpdatedAt = tx.Now()
		if err := tx.UpdateDraft(ctx, &d); err != nil {
			return err
		}
		e := auditActor(c.Actor(ip))
		e.TenantID, e.Action, e.Object, e.Detail = c.TenantID, "portal.upload", "draft:"+d.ID, mt+" "+sum[:16]
		return tx.Audit(ctx, e)
	})
	return f, err
}

// RemoveFile takes a file off a draft.
func (s *Service) RemoveFile(ctx context.Context, c Citizen, draftID, fileID string) error {
	return s.Store.Transact(ctx, func(tx Tx) error {
		d, err := s.lockOwn(ctx, tx, c, draftID)
		if err != nil {
			return err
		}
		for _, f := range d.Files {
			if f.ID == fileID {
				return tx.DeleteFile(ctx, c.TenantID, d.ID, fileID)
			}
		}
		return apperr.New(apperr.NotFound, "Không tìm thấy tệp.")
	})
}

// Submit files the draft as an online dossier (status 1, Mới đăng ký).
func (s *Service) Submit(ctx context.Context, c Citizen, draftID string, ip string) (dossier.Dossier, error) {
	d, err := s.OwnDraft(ctx, c, draftID)
	if err != nil {
		return dossier.Dossier{}, err
	}
	if d.Status != DraftOpen {
		return dossier.Dossier{}, apperr.New(apperr.Conflict, "Hồ sơ này đã được nộp.")
	}
	p, err := s.Procedure(ctx, c.TenantID, d.ProcedureID, calendar.DateOf(s.now()))
	if err != nil {
		return dossier.Dossier{}, err
	}
	contact, err := Contact{Phone: d.Phone, Email: d.Email, Address: d.Address, Delivery: d.Delivery}.check(c.Identity)
	if err != nil {
		return dossier.Dossier{}, err
	}
	if err := CheckComplete(p, &d); err != nil {
		return dossier.Dossier{}, err
	}
	var docs []dossier.Received
	for i, doc := range p.Documents {
		if n := len(d.FilesFor(i)); n > 0 {
			docs = append(docs, dossier.Received{Name: doc.Name + fmt.Sprintf(" (%d tệp điện tử)", n), Originals: doc.Originals, Copies: doc.Copies})
		}
	}
	// The dossier is created first, then the draft is marked submitted. A
	// crash between the two leaves an open draft beside the dossier; the
	// citizen sees the dossier in "Hồ sơ của tôi" and can discard the draft.
	dos, err := s.Dossiers.Intake(ctx, c.Actor(ip), c.TenantID, dossier.IntakeRequest{Procedure: p.ID, Channel: catalog.ChannelOnline,
		Applicant: dossier.Applicant{FullName: c.Identity.FullName, IDNumber: c.Identity.IDNumber, Phone: contact.Phone, Email: contact.Email, Address: contact.Address},
		Documents: docs, Delivery: contact.Delivery})
	if err != nil {
		return dos, err
	}
	err = s.Store.Transact(ctx, func(tx Tx) error {
		d, err := s.lockOwn(ctx, tx, c, draftID)
		if err != nil {
			return err
		}
		d.Status, d.DossierID, d.UpdatedAt = DraftSubmitted, dos.ID, tx.Now()
		return tx.UpdateDraft(ctx, &d)
	})
	return dos, err
}

// OwnDossier returns a dossier of the citizen (by the ID number from the
// e-ID), by code or ID; any other dossier is not found.
func (s *Service) OwnDossier(ctx context.Context, c Citizen, codeOrID string) (dossier.Dossier, []dossier.Event, error) {
	d, evs, err := s.Dossiers.Get(ctx, c.TenantID, codeOrID)
	if errors.Is(err, apperr.ErrNotFound) || (err == nil && d.Applicant.IDNumber != c.Identity.IDNumber) {
		return dossier.Dossier{}, nil, notFound()
	}
	return d, evs, err
}

// StartPayment creates a pending payment of the dossier's fee.
func (s *Service) StartPayment(ctx context.Context, c Citizen, codeOrID string) (Payment, error) {
	d, _, err := s.OwnDossier(ctx, c, codeOrID)
	if err != nil {
		return Payment{}, err
	}
	switch {
	case d.Fee <= 0:
		return Payment{}, apperr.New(apperr.Conflict, "Hồ sơ này không phải nộp phí, lệ phí.")
	case d.PaidOnline:
		return Payment{}, apperr.New(apperr.Conflict, "Phí, lệ phí của hồ sơ đã được thanh toán.")
	case d.Ended != "" || d.Status == dossier.Returned || d.Status == dossier.ResultReady:
		return Payment{}, apperr.New(apperr.Conflict, "Hồ sơ đã kết thúc; không thể thanh toán.")
	}
	p := Payment{TenantID: c.TenantID, ID: "TT" + strings.ReplaceAll(uuid.Must(uuid.NewV7()).String(), "-", "")[:20], DossierID: d.ID,
		OwnerID: c.Identity.IDNumber, Amount: d.Fee, Status: PaymentPending}
	err = s.Store.Transact(ctx, func(tx Tx) error {
		p.CreatedAt = tx.Now()
		return tx.InsertPayment(ctx, &p)
	})
	return p, err
}

// errExpired refuses a report of an abandoned payment.
var errExpired = apperr.New(apperr.Conflict, "Giao dịch thanh toán đã hết hạn vì bị bỏ dở; vui lòng thực hiện thanh toán lại.")

// Confirm applies a gateway's (signature-checked) report of a payment. It is
// idempotent: a repeated report of a paid transaction changes nothing; a
// failure reported after a success is ignored (the success is final); an
// amount other than the payment's and the dossier's fee is refused and
// changes nothing. changed reports whether anything was written.
func (s *Service) Confirm(ctx context.Context, tenantID string, cb Callback, gateway string) (p Payment, changed bool, err error) {
	expired := false
	defer func() {
		if err == nil && expired {
			err = errExpired
		}
	}()
	err = s.Store.Transact(ctx, func(tx Tx) error {
		changed, expired = false, false
		p, err = tx.LockPayment(ctx, tenantID, cb.TxnRef)
		if errors.Is(err, apperr.ErrNotFound) {
			return apperr.New(apperr.NotFound, "Không tìm thấy giao dịch thanh toán.")
		}
		if err != nil {
			return err
		}
		if cb.Amount != p.Amount {
			return apperr.New(apperr.Invalid, "Số tiền thanh toán không khớp với số tiền phải nộp của hồ sơ.")
		}
		if p.Status == PaymentPaid {
			return nil // a replay or a late duplicate
		}
		if p.Status == PaymentExpired || p.Expired(tx.Now()) {
			// Abandoned: the report comes after the payment's time; the
			// citizen starts a new payment. The expiry is recorded (so
			// the error is given after the transaction commits).
			expired = true
			if p.Status == PaymentPending {
				p.Status, p.GatewayRef, changed = PaymentExpired, cb.GatewayRef, true
				return tx.UpdatePayment(ctx, &p)
			}
			return nil
		}
		if !cb.Success {
			if p.Status == PaymentPending {
				p.Status, p.GatewayRef, changed = PaymentFailed, cb.GatewayRef, true
				return tx.UpdatePayment(ctx, &p)
			}
			return nil
		}
		d, err := tx.LockDossier(ctx, tenantID, p.DossierID)
		if err != nil {
			return err
		}
		now := tx.Now()
		a := dossier.Actor{ID: "gateway:" + gateway, Name: "Cổng thanh toán " + gateway, Role: "system"}
		ev, err := dossier.PayOnline(&d, p.Amount, cb.GatewayRef, a, now)
		if err != nil {
			return err
		}
		if s.Receipts != nil {
			fr := dossier.FeeRequestFor(&d, "")
			fr.Online = true
			rc, err := s.Receipts(ctx, fr)
			if err != nil {
				return apperr.Wrap(apperr.Unavailable, "Chưa cấp được biên lai điện tử; vui lòng thử lại.", err)
			}
			rc.By = a.Name
			d.FeeReceipt = &rc
		}
		p.Status, p.GatewayRef, p.PaidAt, changed = PaymentPaid, cb.GatewayRef, &now, true
		if err := tx.UpdatePayment(ctx, &p); err != nil {
			return err
		}
		if err := tx.SaveDossier(ctx, &d); err != nil {
			return err
		}
		ev.TenantID, ev.DossierID = tenantID, d.ID
		if err := tx.AppendEvent(ctx, &ev); err != nil {
			return err
		}
		ref := d.Code
		if ref == "" {
			ref = d.Ref
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, Action: "payment.paid",
			Object: "dossier:" + ref, Detail: fmt.Sprintf("%s; %s; mã giao dịch %s", p.ID, FormatVND(p.Amount), cb.GatewayRef)})
	})
	return p, changed, err
}

// IssueResult stores a result issued electronically (a PDF) for a dossier.
func (s *Service) IssueResult(ctx context.Context, a dossier.Actor, tenantID, codeOrID, title, issuer string, data []byte) (Result, error) {
	mt, sum, err := Sniff("ket-qua.pdf", data)
	if err != nil {
		return Result{}, err
	}
	title = strings.TrimSpace(title)
	if title == "" || len([]rune(title)) > 200 {
		return Result{}, apperr.Field("title", "Tên giấy tờ kết quả phải có, tối đa 200 ký tự.")
	}
	r := Result{TenantID: tenantID, ID: uuid.Must(uuid.NewV7()).String(), Title: title, Issuer: issuer, SHA256: sum, MediaType: mt, Size: int64(len(data))}
	err = s.Store.Transact(ctx, func(tx Tx) error {
		d, err := tx.LockDossier(ctx, tenantID, codeOrID)
		if err != nil {
			return err
		}
		if err := dossier.MayAttachResult(&d, a); err != nil {
			return err
		}
		r.DossierID, r.IssuedAt = d.ID, tx.Now()
		if err := tx.PutBlob(ctx, tenantID, sum, mt, data); err != nil {
			return err
		}
		if err := tx.InsertResult(ctx, &r); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: "result.issue",
			Object: "dossier:" + d.Code, Detail: title + "; SHA-256 " + sum})
	})
	return r, err
}

// ResultSignatureOf reads from st how a dossier's latest electronic result
// stands towards the digital signature (dossier.SignedResultRule): attached
// or not, and whether its PDF carries an intact signature, by whatever
// certificate (signed in tuphap, or on the officer's machine and uploaded).
func ResultSignatureOf(st resultFiles) func(ctx context.Context, tenantID, dossierID string) (dossier.ResultSignature, error) {
	return func(ctx context.Context, tenantID, dossierID string) (dossier.ResultSignature, error) {
		data, ok, err := latestResult(ctx, st, tenantID, dossierID)
		if err != nil || !ok {
			return dossier.ResultSignature{}, err
		}
		return dossier.ResultSignature{Attached: true, Signed: signature.IsSigned(data)}, nil
	}
}

// resultFiles reads a dossier's attached results and their files.
type resultFiles interface {
	Results(ctx context.Context, tenantID, dossierID string) ([]Result, error)
	Blob(ctx context.Context, tenantID, sum string) ([]byte, error)
}

// latestResult is the file of the result attached last (ok false: none).
func latestResult(ctx context.Context, st resultFiles, tenantID, dossierID string) (data []byte, ok bool, err error) {
	results, err := st.Results(ctx, tenantID, dossierID)
	if err != nil || len(results) == 0 {
		return nil, false, err
	}
	last := results[0]
	for _, r := range results[1:] {
		if !r.IssuedAt.Before(last.IssuedAt) {
			last = r
		}
	}
	data, err = st.Blob(ctx, tenantID, last.SHA256)
	return data, err == nil, err
}
