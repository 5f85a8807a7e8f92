package web

import (
	"context"
	"crypto/sha256"
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
)

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
	page.Relations = judicialrecord.Relations
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
	if v("by_post") != "" {
		req.Source = judicialrecord.SourcePost
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
	decl, err := s.jr.Service.ReadDeclared(r.Context(), jrReader(r), p.TenantID, r.PathValue("code"), readReason(r))
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

func (*jrDownloadPage) title() string { return "Tải Phiếu lý lịch tư pháp" }

// jrDownloadForm asks why the signed certificate is downloaded (issue 12
// §14); officers without the judicial-record permission are refused and
// logged.
func (s *Server) jrDownloadForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	rd := jrReader(r)
	if !rd.Allowed {
		_, _, err := s.jr.Service.Download(r.Context(), rd, principalFrom(r.Context()).TenantID, r.PathValue("id"), judicialrecord.ReadReason{})
		return err
	}
	c, err := s.jr.Service.Store.CertificateByID(r.Context(), r.PathValue("id"))
	if err != nil || c.TenantID != principalFrom(r.Context()).TenantID {
		return apperr.New(apperr.NotFound, "Không tìm thấy Phiếu.")
	}
	s.renderPage(w, r, http.StatusOK, "jr_download", &jrDownloadPage{ID: c.ID, Number: c.Number})
	return nil
}

// jrDownload streams the signed certificate after a logged read with its
// ground and reason.
func (s *Server) jrDownload(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	why := readReason(r)
	pdf, c, err := s.jr.Service.Download(r.Context(), jrReader(r), p.TenantID, r.PathValue("id"), why)
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
		s.renderPage(w, r, http.StatusBadRequest, "jr_download", &jrDownloadPage{ID: r.PathValue("id"), Error: e, Ground: why.Ground, Reason: why.Text})
		return nil
	}
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

func (*jrConvictionsPage) title() string { return "Thông tin án tích" }

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

func (s *Server) renderConvictions(w http.ResponseWriter, r *http.Request, code int, page *jrConvictionsPage, list []judicialrecord.Conviction) {
	exps := judicialrecord.AssessAll(list, calendar.DateOf(s.now()))
	for i, c := range list {
		page.Convictions = append(page.Convictions, jrConvictionRow{Conviction: c, Exp: exps[i]})
	}
	s.renderPage(w, r, code, "jr_convictions", page)
}

// jrConvictionsForm is the look-up screen: officers without the role get
// 403 and their attempt is logged, even for the empty form.
func (s *Server) jrConvictionsForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	rd := jrReader(r)
	if !rd.Allowed {
		_, err := s.jr.Service.ReadConvictions(r.Context(), rd, principalFrom(r.Context()).TenantID, "", judicialrecord.ReadReason{})
		return err
	}
	s.renderConvictions(w, r, http.StatusOK, &jrConvictionsPage{}, nil)
	return nil
}

func (s *Server) jrConvictionsRead(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	why := readReason(r)
	page := &jrConvictionsPage{IDNumber: r.PostFormValue("id_number"), Reason: why.Text, Ground: why.Ground, RequestCode: why.RequestCode, Searched: true}
	list, err := s.jr.Service.ReadConvictions(r.Context(), jrReader(r), p.TenantID, page.IDNumber, why)
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
		page.Error, page.Searched = e, false
		s.renderConvictions(w, r, status(e.Code), page, nil)
		return nil
	}
	if err != nil {
		return err
	}
	if page.Bans, err = s.jr.Service.ReadBans(r.Context(), jrReader(r), p.TenantID, page.IDNumber, why); err != nil {
		return err
	}
	s.renderConvictions(w, r, http.StatusOK, page, list)
	return nil
}

// jrBanAdd records a ban that follows from a court's bankruptcy decision
// (not a conviction).
func (s *Server) jrBanAdd(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
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
		_, err = s.jr.Service.AddBan(r.Context(), jrReader(r), p.TenantID, b)
	}
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
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
	f, err := jrFacts(r)
	c := judicialrecord.Conviction{FullName: v("full_name"), IDNumber: v("id_number"), BirthDate: v("birth_date"), Court: v("court"),
		JudgmentNo: v("judgment_no"), JudgmentDate: day("judgment_date"), Offence: v("offence"), Article: v("article"), Sentence: v("sentence"),
		Additional: v("additional"), Ban: v("ban"), Source: v("source"), OffenceDate: f.OffenceDate, Penalty: f.Penalty, PrisonMonths: f.PrisonMonths,
		Completed: f.Completed, Lapsed: f.Lapsed, Obligations: f.Obligations, ObligationsDate: f.ObligationsDate, Expunged: f.Expunged}
	if err == nil {
		_, err = s.jr.Service.AddConviction(r.Context(), jrReader(r), p.TenantID, c)
	}
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
		s.renderConvictions(w, r, http.StatusBadRequest, &jrConvictionsPage{Error: e}, nil)
		return nil
	}
	if err != nil {
		return err
	}
	s.renderConvictions(w, r, http.StatusOK, &jrConvictionsPage{Added: true}, nil)
	return nil
}

// jrConvictionVerify records what a verification established about a
// conviction (Penal Code Art. 70: the penalty, its completion, the other
// decisions of the judgment, the date of a later offence), then shows the
// person's records again with the computation.
func (s *Server) jrConvictionVerify(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	why := readReason(r)
	page := &jrConvictionsPage{IDNumber: r.PostFormValue("id_number"), Reason: why.Text, Ground: why.Ground, RequestCode: why.RequestCode, Searched: true}
	f, err := jrFacts(r)
	if err == nil {
		_, err = s.jr.Service.RecordVerification(r.Context(), jrReader(r), p.TenantID, page.IDNumber, r.PostFormValue("id"), f, why)
	}
	if e := userError(err); e != nil && (e.Code == apperr.Invalid || e.Code == apperr.NotFound) {
		page.Error = e
	} else if err != nil {
		return err
	} else {
		page.Verified = true
	}
	list, err := s.jr.Service.ReadConvictions(r.Context(), jrReader(r), p.TenantID, page.IDNumber, why)
	if e := userError(err); e != nil && e.Code == apperr.Invalid {
		page.Error, page.Searched = e, false
		s.renderConvictions(w, r, status(e.Code), page, nil)
		return nil
	}
	if err != nil {
		return err
	}
	code := http.StatusOK
	if page.Error != nil {
		code = status(page.Error.Code)
	}
	s.renderConvictions(w, r, code, page, list)
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

// jrCertificateLimit is the largest certificate file the public check
// reads: a signed certificate is far smaller.
const jrCertificateLimit = 5 << 20

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
	// Rate limited per client address, and streamed: the upload is hashed
	// as it arrives and never held whole in memory (issue 12 §15).
	if !s.verifyLimiter.Allow(clientIP(r), s.now()) {
		retryAfter(w, s.verifyLimiter.Window)
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
		_, sum, n, err = hashUpload(w, r, jrCertificateLimit)
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.Field("file", "Cần chọn tệp PDF của Phiếu (tối đa 5 MB).")
	}
	ok, msg := judicialrecord.CheckHash(pub, sum)
	s.renderPage(w, r, http.StatusOK, "jr_verify", &jrVerifyPage{Public: pub, Checked: true, OK: ok, Message: msg})
	return nil
}

// ClassLabel names an on-time class for the figures table.
func (*jrIntakePage) ClassLabel(c string) string { return classLabel(c) }
