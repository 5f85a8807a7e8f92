// Package judicialrecordweb is the judicial-record register's area of the
// back office: the counter intake (Mẫu 03/04/2024/LLTP), the request page
// with its checks and certificates, the convictions and bans look-up with
// the expungement computation, the figures API and the public verification
// of a certificate. It is the worked example of a register's area
// (docs/architecture.md): its routes are listed in web/routes.go, its
// handlers hold only their own services, and its templates live in
// templates/ beside them.
package judicialrecordweb

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/external/vneid"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/web/kit"
)

// Templates are the register's pages, parsed by the kernel with the common
// layout and kit's blocks.
//
//go:embed templates/*.html
var Templates embed.FS

// Config is what the judicial-record screens need: their own services,
// never the database.
type Config struct {
	Service  *judicialrecord.Service
	Issuing  judicialrecord.Issuing
	Verifier judicialrecord.Verifier
	VNeID    vneid.Inbox
	// IssuerName names the issuing tenant on the public verification page.
	IssuerName func(ctx context.Context, tenantID string) (string, error)
	// VerifyAllowed rate-limits the public check of uploaded files per
	// client address; when refused it says how long to wait.
	VerifyAllowed func(r *http.Request) (bool, time.Duration)
	// HashUpload streams a public upload (field "file") through SHA-256,
	// never holding it whole, up to limit bytes.
	HashUpload func(w http.ResponseWriter, r *http.Request, limit int64) (sum string, n int64, err error)
	Now        func() time.Time
}

// Screens are the register's handlers.
type Screens struct {
	k   kit.Kernel
	jr  Config
	now func() time.Time
}

// New returns the screens; routes.go registers them when the register is on.
func New(k kit.Kernel, cfg Config) *Screens {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Screens{k: k, jr: cfg, now: cfg.Now}
}

// reader is the officer as a reader of criminal-record data: allowed
// only with the judicial-record permission.
func (s *Screens) reader(r *http.Request) judicialrecord.Reader {
	return judicialrecord.Reader{Actor: s.k.Actor(r), Allowed: kit.Principal(r.Context()).Can(auth.ViewConvictions)}
}

type jrIntakePage struct {
	Form       judicialrecord.Request
	Error      *apperr.Error
	Categories []judicialrecord.FeeCategory
	Relations  []judicialrecord.Relation
	Rules      judicialrecord.Rules
	Figures    []judicialrecord.FigureRow
	CanRead    bool
	VNeID      []vneid.Result
	// VNeIDAsked: the officer asked VNeID for new requests; the page says
	// what came, even when nothing did.
	VNeIDAsked bool
}

func (*jrIntakePage) Title() string { return "Lý lịch tư pháp" }

func (s *Screens) IntakeForm(w http.ResponseWriter, r *http.Request) error {
	return s.showIntake(w, r, http.StatusOK, &jrIntakePage{Form: judicialrecord.Request{Form: judicialrecord.Form1, Copies: 1}})
}

func (s *Screens) showIntake(w http.ResponseWriter, r *http.Request, code int, page *jrIntakePage) error {
	p := kit.Principal(r.Context())
	page.Categories = judicialrecord.FeeCategories
	page.Relations = judicialrecord.Relations
	page.CanRead = p.Can(auth.ViewConvictions)
	v, err := judicialrecord.RulesAt(calendar.DateOf(s.now()))
	if err != nil {
		return err
	}
	page.Rules = v
	now := s.now().In(kit.Zone)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, kit.Zone)
	page.Figures, _ = s.jr.Service.Figures(r.Context(), p.TenantID, from, from.AddDate(0, 1, 0))
	s.k.Page(w, r, code, "jr_intake", page)
	return nil
}

func formInt(r *http.Request, name string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
	return n
}

// jrRequestFrom reads the counter form (Mẫu 03/04/2024/LLTP).
func RequestFrom(r *http.Request) judicialrecord.Request {
	v := r.PostFormValue
	req := judicialrecord.Request{
		Form: judicialrecord.Form(formInt(r, "form")), Purpose: v("purpose"), Copies: formInt(r, "copies"), ConfirmBan: v("confirm_ban") != "",
		Person: judicialrecord.Person{FullName: v("full_name"), OtherName: v("other_name"), Sex: v("sex"), BirthDate: v("birth_date"),
			BirthPlace: v("birth_place"), Ethnicity: v("ethnicity"), Nationality: v("nationality"), IDType: v("id_type"), IDNumber: v("id_number"),
			IDIssuedOn: v("id_issued_on"), IDIssuedBy: v("id_issued_by"), Phone: v("phone"), Email: v("email")},
		Father:           judicialrecord.Relative{FullName: v("father"), BirthYear: formInt(r, "father_year")},
		Mother:           judicialrecord.Relative{FullName: v("mother"), BirthYear: formInt(r, "mother_year")},
		Spouse:           judicialrecord.Relative{FullName: v("spouse"), BirthYear: formInt(r, "spouse_year")},
		Permanent:        judicialrecord.Address{Text: v("permanent"), Province: v("permanent_province")},
		Temporary:        judicialrecord.Address{Text: v("temporary"), Province: v("temporary_province")},
		ExpungementCheck: v("expungement_check") != "",
		FeeCategory:      judicialrecord.FeeCategory(v("fee_category")),
		Source:           judicialrecord.SourceCounter,
		Delivery:         v("delivery"),
	}
	for i := 0; i < 3; i++ {
		k := strconv.Itoa(i)
		if strings.TrimSpace(v("h_residence"+k)) == "" {
			continue
		}
		req.History = append(req.History, judicialrecord.Period{From: v("h_from" + k), To: v("h_to" + k), Residence: v("h_residence" + k),
			Province: v("h_province" + k), Abroad: v("h_abroad"+k) != "", Occupation: v("h_occupation" + k), Workplace: v("h_workplace" + k)})
	}
	if t := strings.TrimSpace(v("declared")); t != "" {
		req.Declared = []judicialrecord.DeclaredRecord{{Text: t}}
	}
	if strings.TrimSpace(v("proxy_name")) != "" || strings.TrimSpace(v("proxy_id")) != "" {
		req.Proxy = &judicialrecord.Proxy{FullName: v("proxy_name"), IDNumber: v("proxy_id"), Phone: v("proxy_phone"),
			Relation: judicialrecord.Relation(v("proxy_relation")), Authorisation: v("proxy_authorisation"), AuthorisationDate: v("proxy_authorisation_date")}
	}
	if v("by_post") != "" {
		req.Source = judicialrecord.SourcePost
	}
	return req
}

func (s *Screens) IntakeSubmit(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	req := RequestFrom(r)
	d, err := s.jr.Service.Intake(r.Context(), s.k.Actor(r), p.TenantID, req)
	if e := kit.UserError(err); e != nil {
		req.Normalize()
		return s.showIntake(w, r, kit.Status(e.Code), &jrIntakePage{Form: req, Error: e})
	}
	if err != nil {
		return err
	}
	key := d.Code
	if key == "" {
		key = d.ID
	}
	return s.k.Redirect(w, r, "/admin/lltp/"+url.PathEscape(key), "dossier-received")
}

// VNeID takes the requests waiting in the national e-ID channel.
func (s *Screens) VNeID(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	if sim, ok := s.jr.VNeID.(*vneid.Simulator); ok && r.PostFormValue("sample") != "" {
		sim.Put(vneid.Sample("VNEID-MAU-" + s.now().In(kit.Zone).Format("060102150405")))
	}
	res, err := vneid.Receive(r.Context(), s.jr.VNeID, s.jr.Service, p.TenantID)
	if err != nil {
		return err
	}
	return s.showIntake(w, r, http.StatusOK, &jrIntakePage{Form: judicialrecord.Request{Form: judicialrecord.Form1, Copies: 1}, VNeID: res, VNeIDAsked: true})
}

type jrRequestPage struct {
	Dossier      dossier.Dossier
	Request      judicialrecord.Request
	Stored       judicialrecord.Stored
	Checks       []judicialrecord.Check
	Agencies     []judicialrecord.CheckRow
	Certificates []judicialrecord.Certificate
	CanRead      bool
	Error        *apperr.Error
	// Declared is shown after a logged read with a reason.
	Declared     []judicialrecord.DeclaredRecord
	DeclaredRead bool
}

func (p *jrRequestPage) Title() string { return "Yêu cầu cấp Phiếu lý lịch tư pháp" }

// jrCanSee: who may open a judicial-record request page.
func (s *Screens) canSee(p *auth.Principal, d *dossier.Dossier) bool {
	if s.k.CanSee(p, d) || p.Can(auth.ViewConvictions) {
		return true
	}
	for _, st := range d.Steps {
		if st.UnitCode == "" && st.Role == string(p.Role) {
			return true
		}
	}
	return false
}

func (s *Screens) Show(w http.ResponseWriter, r *http.Request) error {
	return s.showWith(w, r, http.StatusOK, nil)
}

// Declared shows the convictions the person declared, after a logged
// read with the officer's reason.
func (s *Screens) Declared(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	decl, err := s.jr.Service.ReadDeclared(r.Context(), s.reader(r), p.TenantID, r.PathValue("code"), readReason(r))
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showWith(w, r, http.StatusBadRequest, e)
	}
	if err != nil {
		return err
	}
	return s.showPage(w, r, http.StatusOK, nil, func(page *jrRequestPage) { page.Declared, page.DeclaredRead = decl, true })
}

func (s *Screens) showWith(w http.ResponseWriter, r *http.Request, code int, e *apperr.Error) error {
	return s.showPage(w, r, code, e, nil)
}

func (s *Screens) showPage(w http.ResponseWriter, r *http.Request, code int, e *apperr.Error, with func(*jrRequestPage)) error {
	p := kit.Principal(r.Context())
	key := r.PathValue("code")
	d, req, st, err := s.jr.Service.Get(r.Context(), s.reader(r), p.TenantID, key)
	if err != nil || !s.canSee(p, &d) {
		return kit.NotFoundAs(apperr.ErrNotFound, "Không tìm thấy yêu cầu cấp Phiếu lý lịch tư pháp "+key+".")
	}
	at := calendar.DateOf(d.SubmittedAt)
	v, err := judicialrecord.RulesAt(at)
	if err != nil {
		return err
	}
	page := &jrRequestPage{Dossier: d, Request: req, Stored: st, Checks: v.Checks(req), CanRead: p.Can(auth.ViewConvictions), Error: e}
	page.Agencies, _ = s.jr.Service.Store.Checks(r.Context(), p.TenantID, d.ID)
	page.Certificates, _ = s.jr.Service.Store.Certificates(r.Context(), p.TenantID, d.ID)
	if with != nil {
		with(page)
	}
	s.k.Page(w, r, code, "jr_request", page)
	return nil
}

func (s *Screens) after(w http.ResponseWriter, r *http.Request, err error) error {
	if e := kit.UserError(err); e != nil {
		return s.showWith(w, r, kit.Status(e.Code), e)
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/lltp/"+url.PathEscape(r.PathValue("code")), "dossier-saved")
}

func (s *Screens) SendCheck(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	// As on the request page: a request the officer may not see does not
	// exist for him (the core would refuse the action anyway, but a 403
	// would tell him that the code exists).
	key := r.PathValue("code")
	if d, _, _, err := s.jr.Service.Get(r.Context(), s.reader(r), p.TenantID, key); err != nil || !s.canSee(p, &d) {
		return kit.NotFoundAs(apperr.ErrNotFound, "Không tìm thấy yêu cầu cấp Phiếu lý lịch tư pháp "+key+".")
	}
	_, err := s.jr.Service.SendCheck(r.Context(), s.jr.Verifier, s.reader(r), p.TenantID, key, r.PostFormValue("agency"))
	return s.after(w, r, err)
}

func (s *Screens) Collect(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	// The answers are collected for the whole tenant, but the page names a
	// request: it must be one the officer may see (else not found, as for
	// the request page itself).
	key := r.PathValue("code")
	if d, _, _, err := s.jr.Service.Get(r.Context(), s.reader(r), p.TenantID, key); err != nil || !s.canSee(p, &d) {
		return kit.NotFoundAs(apperr.ErrNotFound, "Không tìm thấy yêu cầu cấp Phiếu lý lịch tư pháp "+key+".")
	}
	_, err := s.jr.Service.CollectAnswers(r.Context(), s.jr.Verifier, p.TenantID)
	return s.after(w, r, err)
}

func (s *Screens) Issue(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	_, err := s.jr.Service.Issue(r.Context(), s.jr.Issuing, s.reader(r), p.TenantID, r.PathValue("code"))
	return s.after(w, r, err)
}

// readReason is the reason form of a criminal-record read: the legal
// ground chosen, the officer's words and the request code.
func readReason(r *http.Request) judicialrecord.ReadReason {
	return judicialrecord.ReadReason{Ground: r.PostFormValue("ground"), Text: r.PostFormValue("reason"), RequestCode: r.PostFormValue("request_code")}
}

type jrDownloadPage struct {
	ID     string
	Number string
	Error  *apperr.Error
	Ground string
	Reason string
}

func (*jrDownloadPage) Title() string { return "Tải Phiếu lý lịch tư pháp" }

// DownloadForm asks why the signed certificate is downloaded (issue 12
// §14); officers without the judicial-record permission are refused and
// logged.
func (s *Screens) DownloadForm(w http.ResponseWriter, r *http.Request) error {
	rd := s.reader(r)
	if !rd.Allowed {
		_, _, err := s.jr.Service.Download(r.Context(), rd, kit.Principal(r.Context()).TenantID, r.PathValue("id"), judicialrecord.ReadReason{})
		return err
	}
	c, err := s.jr.Service.Store.CertificateByID(r.Context(), r.PathValue("id"))
	if err != nil || c.TenantID != kit.Principal(r.Context()).TenantID {
		return apperr.New(apperr.NotFound, "Không tìm thấy Phiếu.")
	}
	s.k.Page(w, r, http.StatusOK, "jr_download", &jrDownloadPage{ID: c.ID, Number: c.Number})
	return nil
}

// Download streams the signed certificate after a logged read with its
// ground and reason.
func (s *Screens) Download(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	why := readReason(r)
	pdf, c, err := s.jr.Service.Download(r.Context(), s.reader(r), p.TenantID, r.PathValue("id"), why)
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		s.k.Page(w, r, http.StatusBadRequest, "jr_download", &jrDownloadPage{ID: r.PathValue("id"), Error: e, Ground: why.Ground, Reason: why.Text})
		return nil
	}
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy Phiếu.")
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="phieu-lltp-`+strings.ReplaceAll(c.Number, "/", "-")+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(pdf)
	return err
}

type jrConvictionsPage struct {
	IDNumber    string
	Reason      string
	Convictions []jrConvictionRow
	Ground      string
	RequestCode string
	Searched    bool
	Error       *apperr.Error
	Added       bool
	Verified    bool
	// Bans are the person's bans from bankruptcy decisions (not
	// convictions); BanAdded confirms a new one.
	Bans     []judicialrecord.BankruptcyBan
	BanAdded bool
}

// jrConvictionRow is a conviction with its expungement computation
// (Penal Code Art. 70, 73) as of today, which the officer sees.
type jrConvictionRow struct {
	judicialrecord.Conviction
	Exp judicialrecord.Expungement
}

func (*jrConvictionsPage) Title() string { return "Thông tin án tích" }

// jrFactsView fills the expungement-facts fields of a form.
type jrFactsView struct {
	C           judicialrecord.Conviction
	Penalties   []judicialrecord.Penalty
	Obligations []judicialrecord.Obligations
}

// Day writes a date as dd/mm/yyyy, nothing for none.
func (jrFactsView) Day(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.FormatVN()
}

var jrObligations = []judicialrecord.Obligations{judicialrecord.ObligationsUnknown, judicialrecord.ObligationsNone,
	judicialrecord.ObligationsDone, judicialrecord.ObligationsOutstanding}

// Facts is the row's verification form.
func (r jrConvictionRow) Facts() jrFactsView {
	return jrFactsView{C: r.Conviction, Penalties: judicialrecord.Penalties, Obligations: jrObligations}
}

// BlankFacts is the new-record form's.
func (*jrConvictionsPage) BlankFacts() jrFactsView {
	return jrFactsView{Penalties: judicialrecord.Penalties, Obligations: jrObligations}
}

func (s *Screens) renderConvictions(w http.ResponseWriter, r *http.Request, code int, page *jrConvictionsPage, list []judicialrecord.Conviction) {
	exps := judicialrecord.AssessAll(list, calendar.DateOf(s.now()))
	for i, c := range list {
		page.Convictions = append(page.Convictions, jrConvictionRow{Conviction: c, Exp: exps[i]})
	}
	s.k.Page(w, r, code, "jr_convictions", page)
}

// ConvictionsForm is the look-up screen: officers without the role get
// 403 and their attempt is logged, even for the empty form.
func (s *Screens) ConvictionsForm(w http.ResponseWriter, r *http.Request) error {
	rd := s.reader(r)
	if !rd.Allowed {
		_, err := s.jr.Service.ReadConvictions(r.Context(), rd, kit.Principal(r.Context()).TenantID, "", judicialrecord.ReadReason{})
		return err
	}
	s.renderConvictions(w, r, http.StatusOK, &jrConvictionsPage{}, nil)
	return nil
}

func (s *Screens) ConvictionsRead(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	why := readReason(r)
	page := &jrConvictionsPage{IDNumber: r.PostFormValue("id_number"), Reason: why.Text, Ground: why.Ground, RequestCode: why.RequestCode, Searched: true}
	list, err := s.jr.Service.ReadConvictions(r.Context(), s.reader(r), p.TenantID, page.IDNumber, why)
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		page.Error, page.Searched = e, false
		s.renderConvictions(w, r, kit.Status(e.Code), page, nil)
		return nil
	}
	if err != nil {
		return err
	}
	if page.Bans, err = s.jr.Service.ReadBans(r.Context(), s.reader(r), p.TenantID, page.IDNumber, why); err != nil {
		return err
	}
	s.renderConvictions(w, r, http.StatusOK, page, list)
	return nil
}

// BanAdd records a ban that follows from a court's bankruptcy decision
// (not a conviction).
func (s *Screens) BanAdd(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	var bad error
	day := func(name, label string) calendar.Date {
		if v(name) == "" {
			return calendar.Date{}
		}
		d, err := calendar.ParseDateVN(v(name))
		if err != nil && bad == nil {
			bad = apperr.Field(name, label+" phải có dạng ngày/tháng/năm.")
		}
		return d
	}
	b := judicialrecord.BankruptcyBan{FullName: v("full_name"), IDNumber: v("id_number"), BirthDate: v("birth_date"), Court: v("court"),
		DecisionNo: v("decision_no"), DecisionDate: day("decision_date", "Ngày ra quyết định"), Enterprise: v("enterprise"), Position: v("position"),
		Ban: v("ban"), From: day("from", "Ngày bắt đầu cấm"), To: day("to", "Ngày hết thời hạn cấm"), Source: v("source")}
	err := bad
	if err == nil {
		_, err = s.jr.Service.AddBan(r.Context(), s.reader(r), p.TenantID, b)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		s.renderConvictions(w, r, http.StatusBadRequest, &jrConvictionsPage{Error: e}, nil)
		return nil
	}
	if err != nil {
		return err
	}
	s.renderConvictions(w, r, http.StatusOK, &jrConvictionsPage{BanAdded: true}, nil)
	return nil
}

// jrFacts reads the expungement facts of the conviction forms; a date
// typed wrongly is an error, not a blank.
func jrFacts(r *http.Request) (judicialrecord.ExpungementFacts, error) {
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	var bad error
	day := func(name, label string) calendar.Date {
		if v(name) == "" {
			return calendar.Date{}
		}
		d, err := calendar.ParseDateVN(v(name))
		if err != nil && bad == nil {
			bad = apperr.Field(name, label+" phải có dạng ngày/tháng/năm, ví dụ 20/05/2023.")
		}
		return d
	}
	f := judicialrecord.ExpungementFacts{OffenceDate: day("offence_date", "Ngày thực hiện hành vi phạm tội"),
		Penalty: judicialrecord.Penalty(v("penalty")), Completed: day("completed", "Ngày chấp hành xong hình phạt chính"),
		Lapsed: day("lapsed", "Ngày hết thời hiệu thi hành bản án"), Obligations: judicialrecord.Obligations(v("obligations")),
		ObligationsDate: day("obligations_date", "Ngày chấp hành xong hình phạt bổ sung, quyết định khác"),
		Expunged:        day("expunged", "Ngày xóa án tích"), Source: v("source")}
	if m := v("prison_months"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil && bad == nil {
			bad = apperr.Field("prison_months", "Số tháng tù phải là số nguyên.")
		}
		f.PrisonMonths = n
	}
	return f, bad
}

func (s *Screens) ConvictionAdd(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	v := r.PostFormValue
	day := func(name string) calendar.Date {
		d, _ := calendar.ParseDateVN(strings.TrimSpace(v(name)))
		return d
	}
	f, err := jrFacts(r)
	c := judicialrecord.Conviction{FullName: v("full_name"), IDNumber: v("id_number"), BirthDate: v("birth_date"), Court: v("court"),
		JudgmentNo: v("judgment_no"), JudgmentDate: day("judgment_date"), Offence: v("offence"), Article: v("article"), Sentence: v("sentence"),
		Additional: v("additional"), Ban: v("ban"), Source: v("source"), OffenceDate: f.OffenceDate, Penalty: f.Penalty, PrisonMonths: f.PrisonMonths,
		Completed: f.Completed, Lapsed: f.Lapsed, Obligations: f.Obligations, ObligationsDate: f.ObligationsDate, Expunged: f.Expunged}
	if err == nil {
		_, err = s.jr.Service.AddConviction(r.Context(), s.reader(r), p.TenantID, c)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		s.renderConvictions(w, r, http.StatusBadRequest, &jrConvictionsPage{Error: e}, nil)
		return nil
	}
	if err != nil {
		return err
	}
	s.renderConvictions(w, r, http.StatusOK, &jrConvictionsPage{Added: true}, nil)
	return nil
}

// ConvictionVerify records what a verification established about a
// conviction (Penal Code Art. 70: the penalty, its completion, the other
// decisions of the judgment, the date of a later offence), then shows the
// person's records again with the computation.
func (s *Screens) ConvictionVerify(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	why := readReason(r)
	page := &jrConvictionsPage{IDNumber: r.PostFormValue("id_number"), Reason: why.Text, Ground: why.Ground, RequestCode: why.RequestCode, Searched: true}
	f, err := jrFacts(r)
	if err == nil {
		_, err = s.jr.Service.RecordVerification(r.Context(), s.reader(r), p.TenantID, page.IDNumber, r.PostFormValue("id"), f, why)
	}
	if e := kit.UserError(err); e != nil && (e.Code == apperr.Invalid || e.Code == apperr.NotFound) {
		page.Error = e
	} else if err != nil {
		return err
	} else {
		page.Verified = true
	}
	list, err := s.jr.Service.ReadConvictions(r.Context(), s.reader(r), p.TenantID, page.IDNumber, why)
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		page.Error, page.Searched = e, false
		s.renderConvictions(w, r, kit.Status(e.Code), page, nil)
		return nil
	}
	if err != nil {
		return err
	}
	code := http.StatusOK
	if page.Error != nil {
		code = kit.Status(page.Error.Code)
	}
	s.renderConvictions(w, r, code, page, list)
	return nil
}

// APIFigures: certificates issued by form, channel and on-time class.
func (s *Screens) APIFigures(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	parse := func(name string, def time.Time) (time.Time, error) {
		v := r.URL.Query().Get(name)
		if v == "" {
			return def, nil
		}
		d, err := calendar.ParseDate(v)
		if err != nil {
			return def, apperr.Field(name, "Ngày phải có dạng yyyy-mm-dd.")
		}
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, kit.Zone), nil
	}
	now := s.now().In(kit.Zone)
	from, err := parse("from", time.Date(now.Year(), 1, 1, 0, 0, 0, 0, kit.Zone))
	if err != nil {
		return err
	}
	to, err := parse("to", from.AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	if !to.After(from) {
		return apperr.Field("to", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	rows, err := s.jr.Service.Figures(r.Context(), p.TenantID, from, to)
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []judicialrecord.FigureRow{}
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]any{"tenant": p.TenantCode, "from": from.Format("2006-01-02"), "to": to.Format("2006-01-02"), "rows": rows})
}

// jrCertificateLimit is the largest certificate file the public check
// reads: a signed certificate is far smaller.
const jrCertificateLimit = 5 << 20

type jrVerifyPage struct {
	Public  judicialrecord.Public
	Checked bool
	OK      bool
	Message string
}

func (*jrVerifyPage) Title() string { return "Xác thực Phiếu lý lịch tư pháp" }

// VerifyPublic is the public page the certificate's QR code opens:
// issuer, number, date, SHA-256 and status, no personal data.
func (s *Screens) VerifyPublic(w http.ResponseWriter, r *http.Request) error {
	pub, err := s.jr.Service.Lookup(r.Context(), r.PathValue("id"), s.jr.IssuerName)
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy Phiếu lý lịch tư pháp với mã này. Phiếu không do hệ thống cấp hoặc mã không đúng.")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return kit.WriteJSON(w, http.StatusOK, pub)
	}
	s.k.Page(w, r, http.StatusOK, "jr_verify", &jrVerifyPage{Public: pub})
	return nil
}

// VerifyUpload checks a PDF someone holds against the issued one.
func (s *Screens) VerifyUpload(w http.ResponseWriter, r *http.Request) error {
	pub, err := s.jr.Service.Lookup(r.Context(), r.PathValue("id"), s.jr.IssuerName)
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy Phiếu lý lịch tư pháp với mã này.")
	}
	// Rate limited per client address, and streamed: the upload is hashed
	// as it arrives and never held whole in memory (issue 12 §15).
	if ok, wait := s.jr.VerifyAllowed(r); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)))
		return apperr.New(apperr.TooMany, "Bạn đã đối chiếu quá nhiều tệp trong thời gian ngắn. Vui lòng thử lại sau 10 phút.")
	}
	var sum string
	var n int64
	if r.MultipartForm != nil {
		// A signed-in officer's form, parsed for its CSRF token.
		f, _, ferr := r.FormFile("file")
		if ferr == nil {
			h := sha256.New()
			n, err = io.Copy(h, f)
			f.Close()
			sum = hex.EncodeToString(h.Sum(nil))
		}
	} else {
		sum, n, err = s.jr.HashUpload(w, r, jrCertificateLimit)
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.Field("file", "Cần chọn tệp PDF của Phiếu (tối đa 5 MB).")
	}
	ok, msg := judicialrecord.CheckHash(pub, sum)
	s.k.Page(w, r, http.StatusOK, "jr_verify", &jrVerifyPage{Public: pub, Checked: true, OK: ok, Message: msg})
	return nil
}

// ClassLabel names an on-time class for the figures table.
func (*jrIntakePage) ClassLabel(c string) string {
	switch c {
	case "early":
		return "Trước hạn"
	case "on_time":
		return "Đúng hạn"
	case "late":
		return "Quá hạn"
	}
	return "Đang giải quyết"
}
