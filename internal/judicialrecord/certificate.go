package judicialrecord

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/render"
	"tuphap/internal/signature"
)

// Issuer is what the certificate needs to know of the issuing tenant.
type Issuer struct {
	Agency      render.Agency
	SignerName  string
	SignerTitle string
}

// Issuing holds what issuing needs besides the store.
type Issuing struct {
	Signer signature.Signer
	// Issuer describes the tenant.
	Issuer func(ctx context.Context, tenantID string) (Issuer, error)
	// VerifyURL is the public verification page of a certificate ID.
	VerifyURL func(id string) string
}

func certificateID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("judicialrecord: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b)
}

func printConviction(c Conviction) render.CertificateConviction {
	day := func(d calendar.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.FormatVN()
	}
	return render.CertificateConviction{Court: c.Court, JudgmentNo: c.JudgmentNo, JudgmentDate: day(c.JudgmentDate), Offence: c.Offence,
		Article: c.Article, Sentence: c.Sentence, Additional: c.Additional, Completed: day(c.Completed), Expunged: day(c.Expunged)}
}

// Issue draws, signs and stores the certificate of a dossier being
// processed. It reads the person's convictions (a logged read whose reason
// is the issue itself), selects what the form states (Art. 42, 43), signs
// the PDF through the Signer and keeps it sealed; its hash, number and
// date are public on the verification page.
func (s *Service) Issue(ctx context.Context, is Issuing, r Reader, tenantID, codeOrID string) (Certificate, error) {
	if !r.Allowed {
		return Certificate{}, deny(ctx, s, r, tenantID, "jr_certificate")
	}
	d, req, _, err := s.Get(ctx, r, tenantID, codeOrID)
	if err != nil {
		return Certificate{}, err
	}
	if !d.Status.Open() || d.Ended != "" {
		return Certificate{}, apperr.New(apperr.Conflict, "Chỉ cấp Phiếu cho hồ sơ đang được giải quyết (trạng thái hiện tại: "+d.Status.Name()+").")
	}
	convs, err := s.readConvictions(ctx, r, tenantID, req.Person.IDNumber, fmt.Sprintf("Lập %s, hồ sơ %s", req.Form.Label(), d.Code))
	if err != nil {
		return Certificate{}, err
	}
	var bans []BankruptcyBan
	if req.Form == Form2 || req.ConfirmBan {
		if bans, err = s.readBans(ctx, r, tenantID, req.Person.IDNumber, fmt.Sprintf("Lập %s, hồ sơ %s", req.Form.Label(), d.Code)); err != nil {
			return Certificate{}, err
		}
	}
	iss, err := is.Issuer(ctx, tenantID)
	if err != nil {
		return Certificate{}, err
	}
	now := s.now()
	content := CertificateContent(req.Form, req.ConfirmBan, convs, bans, calendar.DateOf(now))
	if len(content.Unsettled) > 0 {
		return Certificate{}, apperr.New(apperr.Conflict, fmt.Sprintf("Chưa cấp được Phiếu: %d án tích chưa đủ dữ liệu để xác định việc đương nhiên được xóa án tích (Điều 70 Bộ luật Hình sự). "+
			"Tra cứu thông tin án tích của người được cấp Phiếu để xem nội dung cần xác minh, ghi kết quả xác minh rồi cấp Phiếu.", len(content.Unsettled)))
	}
	p := req.Person
	idLabel := "Số định danh cá nhân"
	if req.Foreigner() {
		idLabel = "Số hộ chiếu"
	}
	rel := func(x Relative) string { return x.FullName }
	cert := Certificate{TenantID: tenantID, ID: certificateID(), DossierID: d.ID, Form: req.Form, Source: req.Source, Signer: iss.SignerName}
	doc := render.JudicialCertificate{Agency: iss.Agency, Form: int(req.Form),
		Person: render.CertificatePerson{FullName: p.FullName, OtherName: p.OtherName, Sex: p.Sex, BirthDate: p.BirthDate, BirthPlace: p.BirthPlace,
			Nationality: p.Nationality, Ethnicity: p.Ethnicity, IDLabel: idLabel, IDNumber: p.IDNumber, Permanent: req.Permanent.Text,
			Temporary: req.Temporary.Text, Father: rel(req.Father), Mother: rel(req.Mother), Spouse: rel(req.Spouse)},
		BanStated: content.BanStated, Bans: content.Bans, Purpose: req.Purpose, Signer: iss.SignerName, SignerTitle: iss.SignerTitle,
		QR: is.VerifyURL(cert.ID), VerifyLine: "Mã Phiếu: " + cert.ID}
	if req.Form == Form2 {
		doc.RequestedBy = p.FullName
	}
	for _, c := range content.Convictions {
		doc.Convictions = append(doc.Convictions, printConviction(c))
	}
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		at := tx.Now()
		n, err := tx.CountCertificates(ctx, tenantID, calendar.DateOf(at).Year)
		if err != nil {
			return err
		}
		cert.IssuedAt = at
		cert.Number = fmt.Sprintf("%d/%d/LLTP", n+1, calendar.DateOf(at).Year)
		doc.Number, doc.At = cert.Number, at
		pdf, err := render.JudicialRecord(doc)
		if err != nil {
			return err
		}
		signed, err := is.Signer.Sign(pdf, signature.Info{Name: iss.Agency.FullName, Location: iss.Agency.Place,
			Reason: "Cấp " + req.Form.Label() + " số " + cert.Number, Date: at})
		if err != nil {
			return err
		}
		cert.SHA256 = Hash(signed)
		cert.PDFSealed = s.Keys.Seal(signed, certificateAAD(tenantID, cert.ID))
		if err := tx.InsertCertificate(ctx, &cert); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP, Action: "jr.certificate_issue",
			Object: "dossier:" + d.Code, Detail: fmt.Sprintf("%s số %s; SHA-256 %s", req.Form.Label(), cert.Number, cert.SHA256[:16])})
	})
	return cert, err
}

// Download returns a certificate's signed PDF to an officer with the
// judicial-record permission who states why (ground and reason, tied to
// the certificate's request); the read is logged.
func (s *Service) Download(ctx context.Context, r Reader, tenantID, id string, why ReadReason) ([]byte, Certificate, error) {
	if !r.Allowed {
		return nil, Certificate{}, deny(ctx, s, r, tenantID, "jr_certificate:"+id)
	}
	c, err := s.Store.CertificateByID(ctx, id)
	if err != nil {
		return nil, c, err
	}
	if c.TenantID != tenantID {
		return nil, Certificate{}, apperr.ErrNotFound
	}
	d, err := s.Dossiers.Store.Dossier(ctx, tenantID, c.DossierID)
	if err != nil {
		return nil, c, err
	}
	reason, err := s.checkReason(ctx, tenantID, why, d.Code)
	if err != nil {
		return nil, c, err
	}
	err = s.Store.TransactJR(ctx, func(tx Tx) error {
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: r.ID, Actor: r.Name, IP: r.IP, Action: "jr.certificate_download",
			Object: "jr_certificate:" + c.Number, Detail: "Tải Phiếu lý lịch tư pháp đã ký. " + reason})
	})
	if err != nil {
		return nil, c, err
	}
	pdf, err := s.Keys.Open(c.PDFSealed, certificateAAD(tenantID, c.ID))
	return pdf, c, err
}

// Public is what the public verification page shows: no personal data.
type Public struct {
	ID       string    `json:"id"`
	Issuer   string    `json:"issuer"`
	Number   string    `json:"number"`
	Form     string    `json:"form"`
	IssuedAt time.Time `json:"issued_at"`
	SHA256   string    `json:"sha256"`
	Valid    bool      `json:"valid"`
	Status   string    `json:"status"`
}

// Lookup returns the public facts of a certificate by its ID.
func (s *Service) Lookup(ctx context.Context, id string, issuerName func(ctx context.Context, tenantID string) (string, error)) (Public, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) != 32 {
		return Public{}, apperr.ErrNotFound
	}
	c, err := s.Store.CertificateByID(ctx, id)
	if err != nil {
		return Public{}, err
	}
	name, err := issuerName(ctx, c.TenantID)
	if err != nil {
		return Public{}, err
	}
	p := Public{ID: c.ID, Issuer: name, Number: c.Number, Form: c.Form.Label(), IssuedAt: c.IssuedAt, SHA256: c.SHA256, Valid: !c.Revoked, Status: "Phiếu hợp lệ"}
	if c.Revoked {
		p.Status = "Phiếu đã bị thu hồi"
	}
	return p, nil
}

// CheckFile says whether a PDF someone holds is the certificate: its
// SHA-256 equals the issued one and its signature verifies against the
// signing certificate.
func CheckFile(p Public, pdf []byte, signer signature.Signer) (bool, string) {
	if Hash(pdf) != p.SHA256 {
		return false, "Tệp không trùng với Phiếu đã cấp (mã băm SHA-256 khác): tệp đã bị sửa đổi hoặc không phải Phiếu này."
	}
	if r := signature.Verify(pdf, signer.Certificate()); !r.Valid {
		return false, r.Reason
	}
	if !p.Valid {
		return false, p.Status
	}
	return true, "Tệp đúng là Phiếu đã cấp; chữ ký số hợp lệ."
}

// CheckHash is the public check of an uploaded file by its SHA-256,
// computed while the upload streams in: a file with the issued
// certificate's hash is, byte for byte, the signed PDF the agency issued
// (its signature was made and checked at issue; CheckFile re-verifies it
// when the bytes are at hand).
func CheckHash(p Public, sum string) (bool, string) {
	if !strings.EqualFold(sum, p.SHA256) {
		return false, "Tệp không trùng với Phiếu đã cấp (mã băm SHA-256 khác): tệp đã bị sửa đổi hoặc không phải Phiếu này."
	}
	if !p.Valid {
		return false, p.Status
	}
	return true, "Tệp đúng là Phiếu đã cấp: trùng từng byte (mã băm SHA-256) với Phiếu đã ký số do cơ quan cấp."
}

// FigureRow is one cell of the certificate figures.
type FigureRow struct {
	Form    Form   `json:"form"`
	Channel Source `json:"channel"`
	Class   string `json:"class"` // early, on_time, late, pending
	Count   int    `json:"count"`
}

// Figures counts certificates issued in [from, to) by form, channel and
// on-time class (trước hạn, đúng hạn, quá hạn, by the dates of the
// dossier's end and due time as in Biểu 06; "pending" while the dossier
// has not ended).
func (s *Service) Figures(ctx context.Context, tenantID string, from, to time.Time) ([]FigureRow, error) {
	rows, err := s.Store.IssuedBetween(ctx, tenantID, from, to)
	if err != nil {
		return nil, err
	}
	type key struct {
		f Form
		c Source
		k string
	}
	count := map[key]int{}
	for _, r := range rows {
		class := "pending"
		if r.FinishedAt != nil && r.DueAt != nil {
			d := dossier.Dossier{FinishedAt: r.FinishedAt, DueAt: r.DueAt, Ended: dossier.EndResult}
			class = string(dossier.ResolvedOutcome(&d))
		}
		count[key{r.Form, r.Source, class}]++
	}
	out := make([]FigureRow, 0, len(count))
	for k, n := range count {
		out = append(out, FigureRow{Form: k.f, Channel: k.c, Class: k.k, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Form != b.Form {
			return a.Form < b.Form
		}
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		return a.Class < b.Class
	})
	return out, nil
}
