// Package judicialrecordweb is the judicial-record register's area of the
// back office: the counter intake (Mẫu 03/04/2024/LLTP), the request page
// with its checks and certificates, the convictions look-up, the figures
// API and the public verification of a certificate. It is the worked
// example of a register's area (docs/architecture.md): its routes are
// listed in web/routes.go, its handlers hold only their own services, and
// its templates live in templates/ beside them.
package judicialrecordweb

import (
	"context"
	"embed"
	"errors"
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
}

func (*jrIntakePage) Title() string { return "Lý lịch tư pháp" }

func (s *Screens) IntakeForm(w http.ResponseWriter, r *http.Request) error {
	return s.showIntake(w, r, http.StatusOK, &jrIntakePage{Form: judicialrecord.Request{Form: judicialrecord.Form1, Copies: 1}})
}

func (s *Screens) showIntake(w http.ResponseWriter, r *http.Request, code int, page *jrIntakePage) error {
	p := kit.Principal(r.Context())
	page.Categories = judicialrecord.FeeCategories
	page.Relations = []judicialrecord.Relation{judicialrecord.RelParent, judicialrecord.RelSpouse, judicialrecord.RelChild, judicialrecord.RelOther}
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

// RequestFrom reads the counter form (Mẫu 03/04/2024/LLTP).
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
	return s.showIntake(w, r, http.StatusOK, &jrIntakePage{Form: judicialrecord.Request{Form: judicialrecord.Form1, Copies: 1}, VNeID: res})
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

// canSee: who may open a judicial-record request page.
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
	decl, err := s.jr.Service.ReadDeclared(r.Context(), s.reader(r), p.TenantID, r.PathValue("code"), r.PostFormValue("reason"))
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

func (s *Screens) Download(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	pdf, c, err := s.jr.Service.Download(r.Context(), s.reader(r), p.TenantID, r.PathValue("id"))
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
	Convictions []judicialrecord.Conviction
	Searched    bool
	Error       *apperr.Error
	Added       bool
}

func (*jrConvictionsPage) Title() string { return "Thông tin án tích" }

// ConvictionsForm is the look-up screen: officers without the role get
// 403 and their attempt is logged, even for the empty form.
func (s *Screens) ConvictionsForm(w http.ResponseWriter, r *http.Request) error {
	rd := s.reader(r)
	if !rd.Allowed {
		_, err := s.jr.Service.ReadConvictions(r.Context(), rd, kit.Principal(r.Context()).TenantID, "", "")
		return err
	}
	s.k.Page(w, r, http.StatusOK, "jr_convictions", &jrConvictionsPage{})
	return nil
}

func (s *Screens) ConvictionsRead(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	page := &jrConvictionsPage{IDNumber: r.PostFormValue("id_number"), Reason: r.PostFormValue("reason"), Searched: true}
	list, err := s.jr.Service.ReadConvictions(r.Context(), s.reader(r), p.TenantID, page.IDNumber, page.Reason)
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		page.Error, page.Searched = e, false
		s.k.Page(w, r, kit.Status(e.Code), "jr_convictions", page)
		return nil
	}
	if err != nil {
		return err
	}
	page.Convictions = list
	s.k.Page(w, r, http.StatusOK, "jr_convictions", page)
	return nil
}

func (s *Screens) ConvictionAdd(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r.Context())
	v := r.PostFormValue
	day := func(name string) calendar.Date {
		d, _ := calendar.ParseDateVN(strings.TrimSpace(v(name)))
		return d
	}
	c := judicialrecord.Conviction{FullName: v("full_name"), IDNumber: v("id_number"), BirthDate: v("birth_date"), Court: v("court"),
		JudgmentNo: v("judgment_no"), JudgmentDate: day("judgment_date"), Offence: v("offence"), Article: v("article"), Sentence: v("sentence"),
		Additional: v("additional"), Ban: v("ban"), Completed: day("completed"), Expunged: day("expunged"), Source: v("source")}
	_, err := s.jr.Service.AddConviction(r.Context(), s.reader(r), p.TenantID, c)
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		s.k.Page(w, r, http.StatusBadRequest, "jr_convictions", &jrConvictionsPage{Error: e})
		return nil
	}
	if err != nil {
		return err
	}
	s.k.Page(w, r, http.StatusOK, "jr_convictions", &jrConvictionsPage{Added: true})
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
	r.Body = http.MaxBytesReader(w, r.Body, 5<<20)
	tooBig := apperr.New(apperr.TooLarge, "Tệp quá lớn: Phiếu lý lịch tư pháp điện tử không quá 5 MB.")
	var mb *http.MaxBytesError
	f, _, err := r.FormFile("file")
	if errors.As(err, &mb) {
		return tooBig
	}
	if err != nil {
		return apperr.Field("file", "Cần chọn tệp PDF của Phiếu (tối đa 5 MB).")
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if errors.As(err, &mb) {
		return tooBig
	}
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", err)
	}
	ok, msg := judicialrecord.CheckFile(pub, b, s.jr.Issuing.Signer)
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
