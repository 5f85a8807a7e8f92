package web

import (
	"context"
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
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/vneid"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
)

// JudicialRecords is what the judicial-record screens need.
type JudicialRecords struct {
	Service  *judicialrecord.Service
	Issuing  judicialrecord.Issuing
	Handover *handover.Service
	Verifier judicialrecord.Verifier
	VNeID    vneid.Inbox
}

// EnableJudicialRecords turns on the judicial-record screens and the public
// verification page.
func (s *Server) EnableJudicialRecords(j *JudicialRecords) { s.jr = j }

func (s *Server) needJR() error {
	if s.jr == nil {
		return apperr.New(apperr.NotFound, "Chức năng lý lịch tư pháp chưa được bật.")
	}
	return nil
}

// jrReader is the officer as a reader of criminal-record data: allowed
// only with the judicial-record permission.
func jrReader(r *http.Request) judicialrecord.Reader {
	return judicialrecord.Reader{Actor: dossierActor(r), Allowed: principalFrom(r.Context()).Can(auth.ViewConvictions)}
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

func (*jrIntakePage) title() string { return "Lý lịch tư pháp" }

func (s *Server) jrIntakeForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	return s.showJRIntake(w, r, http.StatusOK, &jrIntakePage{Form: judicialrecord.Request{Form: judicialrecord.Form1, Copies: 1}})
}

func (s *Server) showJRIntake(w http.ResponseWriter, r *http.Request, code int, page *jrIntakePage) error {
	p := principalFrom(r.Context())
	page.Categories = judicialrecord.FeeCategories
	page.Relations = []judicialrecord.Relation{judicialrecord.RelParent, judicialrecord.RelSpouse, judicialrecord.RelChild, judicialrecord.RelOther}
	page.CanRead = p.Can(auth.ViewConvictions)
	v, err := judicialrecord.RulesAt(calendar.DateOf(s.now()))
	if err != nil {
		return err
	}
	page.Rules = v
	now := s.now().In(vnZone)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, vnZone)
	page.Figures, _ = s.jr.Service.Figures(r.Context(), p.TenantID, from, from.AddDate(0, 1, 0))
	s.renderPage(w, r, code, "jr_intake", page)
	return nil
}

func formInt(r *http.Request, name string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
	return n
}

// jrRequestFrom reads the counter form (Mẫu 03/04/2024/LLTP).
func jrRequestFrom(r *http.Request) judicialrecord.Request {
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

func (s *Server) jrIntakeSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	req := jrRequestFrom(r)
	d, err := s.jr.Service.Intake(r.Context(), dossierActor(r), p.TenantID, req)
	if e := userError(err); e != nil {
		req.Normalize()
		return s.showJRIntake(w, r, status(e.Code), &jrIntakePage{Form: req, Error: e})
	}
	if err != nil {
		return err
	}
	key := d.Code
	if key == "" {
		key = d.ID
	}
	return s.redirectFlash(w, r, "/admin/lltp/"+url.PathEscape(key), "dossier-received")
}

// jrVNeID takes the requests waiting in the national e-ID channel.
func (s *Server) jrVNeID(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	if sim, ok := s.jr.VNeID.(*vneid.Simulator); ok && r.PostFormValue("sample") != "" {
		sim.Put(vneid.Sample("VNEID-MAU-" + s.now().In(vnZone).Format("060102150405")))
	}
	res, err := vneid.Receive(r.Context(), s.jr.VNeID, s.jr.Service, p.TenantID)
	if err != nil {
		return err
	}
	return s.showJRIntake(w, r, http.StatusOK, &jrIntakePage{Form: judicialrecord.Request{Form: judicialrecord.Form1, Copies: 1}, VNeID: res, VNeIDAsked: true})
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

func (p *jrRequestPage) title() string { return "Yêu cầu cấp Phiếu lý lịch tư pháp" }

// jrCanSee: who may open a judicial-record request page.
func jrCanSee(p *auth.Principal, d *dossier.Dossier) bool {
	if canSee(p, d) || p.Can(auth.ViewConvictions) {
		return true
	}
	for _, st := range d.Steps {
		if st.UnitCode == "" && st.Role == string(p.Role) {
			return true
		}
	}
	return false
}

func (s *Server) jrShow(w http.ResponseWriter, r *http.Request) error {
	return s.jrShowWith(w, r, http.StatusOK, nil)
}

// jrDeclared shows the convictions the person declared, after a logged
// read with the officer's reason.
func (s *Server) jrDeclared(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	decl, err := s.jr.Service.ReadDeclared(r.Context(), jrReader(r), p.TenantID, r.PathValue("code"), r.PostFormValue("reason"))
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
		return s.jrShowWith(w, r, http.StatusBadRequest, e)
	}
	if err != nil {
		return err
	}
	return s.jrShowPage(w, r, http.StatusOK, nil, func(page *jrRequestPage) { page.Declared, page.DeclaredRead = decl, true })
}

func (s *Server) jrShowWith(w http.ResponseWriter, r *http.Request, code int, e *apperr.Error) error {
	return s.jrShowPage(w, r, code, e, nil)
}

func (s *Server) jrShowPage(w http.ResponseWriter, r *http.Request, code int, e *apperr.Error, with func(*jrRequestPage)) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	key := r.PathValue("code")
	d, req, st, err := s.jr.Service.Get(r.Context(), jrReader(r), p.TenantID, key)
	if err != nil || !jrCanSee(p, &d) {
		return notFoundAs(apperr.ErrNotFound, "Không tìm thấy yêu cầu cấp Phiếu lý lịch tư pháp "+key+".")
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
	s.renderPage(w, r, code, "jr_request", page)
	return nil
}

func (s *Server) jrAfter(w http.ResponseWriter, r *http.Request, err error) error {
	if e := userError(err); e != nil {
		return s.jrShowWith(w, r, status(e.Code), e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/lltp/"+url.PathEscape(r.PathValue("code")), "dossier-saved")
}

func (s *Server) jrSendCheck(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	// As on the request page: a request the officer may not see does not
	// exist for him (the core would refuse the action anyway, but a 403
	// would tell him that the code exists).
	key := r.PathValue("code")
	if d, _, _, err := s.jr.Service.Get(r.Context(), jrReader(r), p.TenantID, key); err != nil || !jrCanSee(p, &d) {
		return notFoundAs(apperr.ErrNotFound, "Không tìm thấy yêu cầu cấp Phiếu lý lịch tư pháp "+key+".")
	}
	_, err := s.jr.Service.SendCheck(r.Context(), s.jr.Verifier, jrReader(r), p.TenantID, key, r.PostFormValue("agency"))
	return s.jrAfter(w, r, err)
}

func (s *Server) jrCollect(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	// The answers are collected for the whole tenant, but the page names a
	// request: it must be one the officer may see (else not found, as for
	// the request page itself).
	key := r.PathValue("code")
	if d, _, _, err := s.jr.Service.Get(r.Context(), jrReader(r), p.TenantID, key); err != nil || !jrCanSee(p, &d) {
		return notFoundAs(apperr.ErrNotFound, "Không tìm thấy yêu cầu cấp Phiếu lý lịch tư pháp "+key+".")
	}
	_, err := s.jr.Service.CollectAnswers(r.Context(), s.jr.Verifier, p.TenantID)
	return s.jrAfter(w, r, err)
}

func (s *Server) jrIssue(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	_, err := s.jr.Service.Issue(r.Context(), s.jr.Issuing, jrReader(r), p.TenantID, r.PathValue("code"))
	return s.jrAfter(w, r, err)
}

func (s *Server) jrDownload(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	pdf, c, err := s.jr.Service.Download(r.Context(), jrReader(r), p.TenantID, r.PathValue("id"))
	if err != nil {
		return notFoundAs(err, "Không tìm thấy Phiếu.")
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

func (*jrConvictionsPage) title() string { return "Thông tin án tích" }

// jrConvictionsForm is the look-up screen: officers without the role get
// 403 and their attempt is logged, even for the empty form.
func (s *Server) jrConvictionsForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	rd := jrReader(r)
	if !rd.Allowed {
		_, err := s.jr.Service.ReadConvictions(r.Context(), rd, principalFrom(r.Context()).TenantID, "", "")
		return err
	}
	s.renderPage(w, r, http.StatusOK, "jr_convictions", &jrConvictionsPage{})
	return nil
}

func (s *Server) jrConvictionsRead(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	page := &jrConvictionsPage{IDNumber: r.PostFormValue("id_number"), Reason: r.PostFormValue("reason"), Searched: true}
	list, err := s.jr.Service.ReadConvictions(r.Context(), jrReader(r), p.TenantID, page.IDNumber, page.Reason)
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
		page.Error, page.Searched = e, false
		s.renderPage(w, r, status(e.Code), "jr_convictions", page)
		return nil
	}
	if err != nil {
		return err
	}
	page.Convictions = list
	s.renderPage(w, r, http.StatusOK, "jr_convictions", page)
	return nil
}

func (s *Server) jrConvictionAdd(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	v := r.PostFormValue
	day := func(name string) calendar.Date {
		d, _ := calendar.ParseDateVN(strings.TrimSpace(v(name)))
		return d
	}
	c := judicialrecord.Conviction{FullName: v("full_name"), IDNumber: v("id_number"), BirthDate: v("birth_date"), Court: v("court"),
		JudgmentNo: v("judgment_no"), JudgmentDate: day("judgment_date"), Offence: v("offence"), Article: v("article"), Sentence: v("sentence"),
		Additional: v("additional"), Ban: v("ban"), Completed: day("completed"), Expunged: day("expunged"), Source: v("source")}
	_, err := s.jr.Service.AddConviction(r.Context(), jrReader(r), p.TenantID, c)
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
		s.renderPage(w, r, http.StatusBadRequest, "jr_convictions", &jrConvictionsPage{Error: e})
		return nil
	}
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "jr_convictions", &jrConvictionsPage{Added: true})
	return nil
}

// apiJRFigures: certificates issued by form, channel and on-time class.
func (s *Server) apiJRFigures(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	parse := func(name string, def time.Time) (time.Time, error) {
		v := r.URL.Query().Get(name)
		if v == "" {
			return def, nil
		}
		d, err := calendar.ParseDate(v)
		if err != nil {
			return def, apperr.Field(name, "Ngày phải có dạng yyyy-mm-dd.")
		}
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, vnZone), nil
	}
	now := s.now().In(vnZone)
	from, err := parse("from", time.Date(now.Year(), 1, 1, 0, 0, 0, 0, vnZone))
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
	return writeJSON(w, http.StatusOK, map[string]any{"tenant": p.TenantCode, "from": from.Format("2006-01-02"), "to": to.Format("2006-01-02"), "rows": rows})
}

type jrVerifyPage struct {
	Public  judicialrecord.Public
	Checked bool
	OK      bool
	Message string
}

func (*jrVerifyPage) title() string { return "Xác thực Phiếu lý lịch tư pháp" }

func (s *Server) issuerName(ctx context.Context, tenantID string) (string, error) {
	t, err := s.db.Tenant(ctx, tenantID)
	return t.Name, err
}

// jrVerifyPublic is the public page the certificate's QR code opens:
// issuer, number, date, SHA-256 and status, no personal data.
func (s *Server) jrVerifyPublic(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	pub, err := s.jr.Service.Lookup(r.Context(), r.PathValue("id"), s.issuerName)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy Phiếu lý lịch tư pháp với mã này. Phiếu không do hệ thống cấp hoặc mã không đúng.")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return writeJSON(w, http.StatusOK, pub)
	}
	s.renderPage(w, r, http.StatusOK, "jr_verify", &jrVerifyPage{Public: pub})
	return nil
}

// jrVerifyUpload checks a PDF someone holds against the issued one.
func (s *Server) jrVerifyUpload(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	pub, err := s.jr.Service.Lookup(r.Context(), r.PathValue("id"), s.issuerName)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy Phiếu lý lịch tư pháp với mã này.")
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
	s.renderPage(w, r, http.StatusOK, "jr_verify", &jrVerifyPage{Public: pub, Checked: true, OK: ok, Message: msg})
	return nil
}

type transferPage struct {
	Tenants []org.Tenant
	Done    *handover.Record
	Error   *apperr.Error
	Proc    string
	Procs   []catalog.Procedure // offered in a list: officers pick by name, not by internal ID
}

func (*transferPage) title() string { return "Chuyển giao chức năng" }

// Known tells whether the chosen procedure is among those listed.
func (p *transferPage) Known() bool {
	for _, pr := range p.Procs {
		if pr.ID == p.Proc {
			return true
		}
	}
	return false
}

// ProcName names a procedure by its ID.
func (p *transferPage) ProcName(id string) string {
	for _, pr := range p.Procs {
		if pr.ID == id {
			return pr.Name
		}
	}
	return id
}

func (s *Server) transferForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	ts, err := s.db.Tenants(r.Context())
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "transfer", &transferPage{Tenants: ts, Proc: "judicial_record.certificate_department", Procs: s.catalog})
	return nil
}

// transferSubmit hands the signed-in administrator's tenant's function over
// to another tenant.
func (s *Server) transferSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	ts, err := s.db.Tenants(r.Context())
	if err != nil {
		return err
	}
	page := &transferPage{Tenants: ts, Proc: r.PostFormValue("procedure"), Procs: s.catalog}
	from, err := s.db.Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	var req handover.Request
	req.Procedure = page.Proc
	if v := strings.TrimSpace(r.PostFormValue("as_of")); v != "" {
		d, err := calendar.ParseDateVN(v)
		if err != nil {
			page.Error = apperr.Field("as_of", "Ngày chuyển giao phải có dạng ngày/tháng/năm.")
			s.renderPage(w, r, http.StatusBadRequest, "transfer", page)
			return nil
		}
		req.AsOf = d
	}
	to, err := s.db.TenantByCode(r.Context(), strings.ToUpper(strings.TrimSpace(r.PostFormValue("to_tenant"))))
	if err != nil {
		page.Error = apperr.Field("to_tenant", "Không tìm thấy cơ quan tiếp nhận.")
		s.renderPage(w, r, http.StatusBadRequest, "transfer", page)
		return nil
	}
	rec, err := s.jr.Handover.Transfer(r.Context(), dossierActor(r), handover.Tenant{ID: from.ID, Code: from.Code, Name: from.Name},
		handover.Tenant{ID: to.ID, Code: to.Code, Name: to.Name}, req)
	if e := userError(err); e != nil {
		page.Error = e
		s.renderPage(w, r, status(e.Code), "transfer", page)
		return nil
	}
	if err != nil {
		return err
	}
	page.Done = &rec
	s.renderPage(w, r, http.StatusOK, "transfer", page)
	return nil
}

func classLabel(c string) string {
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
