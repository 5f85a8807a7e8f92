package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/render"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web/kit"
)

type receptionPage struct {
	Query     string
	Results   []catalog.Procedure
	Procedure *catalog.Procedure
	Channels  []catalog.Channel
	Form      dossier.IntakeRequest
	Error     *apperr.Error
	// Sent is the refused form as it was sent, with each field's error;
	// empty on a fresh form (nothing ticked).
	Sent      kit.Form
	TimeLimit string
	FeeText   string
	// OffHours warns that the desk receives outside the office's working
	// time, and says when the clock will start.
	OffHours string
	// Earlier are the returning applicant's earlier dossiers, found by ID
	// number (LookupID); the form is filled from the newest.
	LookupID string
	Earlier  []dossier.Dossier
	// Missing are the required documents not received: the page then
	// offers Mẫu 02 and Mẫu 03 for the applicant to take home.
	Missing []string
	// LookupNote says what a national registry's look-up filled in.
	LookupNote string
	// CanLookup: the national registries are connected (EnableLookups).
	CanLookup bool
}

func (*receptionPage) title() string { return "Tiếp nhận hồ sơ" }

// Count is a document's number of originals or copies: as sent on a
// refused form, else the catalogue's.
func (p *receptionPage) Count(field string, i, def int) string {
	if v, ok := p.Sent.Values[field+strconv.Itoa(i)]; ok && len(v) > 0 {
		return v[0]
	}
	return strconv.Itoa(def)
}

// Ticked reports whether document i was ticked on the refused form.
func (p *receptionPage) Ticked(i int) bool { return p.Sent.Checked("doc"+strconv.Itoa(i), "1") }

// reception is the counter intake: find the procedure, then fill the
// applicant and tick the documents received.
func (s *Server) reception(w http.ResponseWriter, r *http.Request) error {
	page := &receptionPage{Query: r.URL.Query().Get("q"), Channels: []catalog.Channel{catalog.ChannelDirect, catalog.ChannelPostal}}
	today := calendar.DateOf(s.now())
	procs, err := s.procedures(r)
	if err != nil {
		return err
	}
	if id := r.URL.Query().Get("procedure"); id != "" {
		p, ok := catalog.Find(procs, id, today)
		if !ok {
			return apperr.New(apperr.NotFound, "Không tìm thấy thủ tục.")
		}
		page.Procedure = &p
		page.Form = dossier.IntakeRequest{Procedure: p.ID, Channel: catalog.ChannelDirect}
		if err := s.returningApplicant(r, page); err != nil {
			return err
		}
	} else {
		page.Results = catalog.Search(procs, page.Query, today)
	}
	return s.showReception(w, r, http.StatusOK, page)
}

// returningApplicant finds the earlier dossiers of the ID number asked
// (?id=) and fills the form's applicant from the newest one.
func (s *Server) returningApplicant(r *http.Request, page *receptionPage) error {
	id := strings.ReplaceAll(strings.TrimSpace(r.URL.Query().Get("id")), " ", "")
	if id == "" {
		return nil
	}
	page.LookupID = id
	if !dossier.ValidIDNumber(id) {
		page.Error = apperr.Field("id", "Số định danh cá nhân phải gồm đúng 12 chữ số.")
		return nil
	}
	p := principalFrom(r.Context())
	earlier, err := s.db.Dossiers().SearchDossiers(r.Context(), p.TenantID, sqlstore.DossierSearch{IDNumber: id, AllVisible: seesAll(p), VisibleTo: p.UnitCode,
		Sort: "received", Limit: 20})
	if err != nil {
		return err
	}
	page.Earlier = earlier
	if len(earlier) > 0 {
		page.Form.Applicant = earlier[0].Applicant
	} else {
		page.Form.Applicant.IDNumber = id
	}
	return nil
}

// offHours is the warning shown when the desk receives outside working
// time: the statutory clock then starts at the next opening.
func (s *Server) offHours(r *http.Request) (string, error) {
	book, err := s.book(r)
	if err != nil {
		return "", err
	}
	now := s.now()
	start := book.At(now).ClockStart(now)
	if !start.After(now) {
		return "", nil
	}
	return "Đang ngoài giờ làm việc (" + now.In(calendar.Zone()).Format("15:04") + " " + weekdayVN(now) + ", " + calendar.DateOf(now).FormatVN() +
		"). Hồ sơ tiếp nhận bây giờ được tính thời hạn giải quyết từ " + start.In(calendar.Zone()).Format("15:04") + " " + weekdayVN(start) + ", " +
		calendar.DateOf(start).FormatVN() + ".", nil
}

// weekdayVN names the day of the week in Vietnam.
func weekdayVN(t time.Time) string {
	return [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}[t.In(calendar.Zone()).Weekday()]
}

func (s *Server) showReception(w http.ResponseWriter, r *http.Request, code int, page *receptionPage) error {
	page.CanLookup = s.lookups != nil
	if page.Procedure != nil {
		var err error
		if page.OffHours, err = s.offHours(r); err != nil {
			return err
		}
	}
	if p := page.Procedure; p != nil {
		page.TimeLimit = p.TimeLimit.String()
		if fee := p.FeeFor(""); fee > 0 {
			page.FeeText = fmtInt(fee) + " đồng"
		} else {
			page.FeeText = "Không thu phí"
		}
	}
	s.renderPage(w, r, code, "reception", page)
	return nil
}

// receptionForm reads the counter form: the request, its procedure and the
// required documents not received.
func (s *Server) receptionForm(r *http.Request) (dossier.IntakeRequest, catalog.Procedure, []string, error) {
	req := dossier.IntakeRequest{
		Procedure: r.PostFormValue("procedure"), Channel: catalog.Channel(r.PostFormValue("channel")),
		Applicant: dossier.Applicant{FullName: r.PostFormValue("full_name"), IDNumber: r.PostFormValue("id_number"),
			Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"), Address: r.PostFormValue("address"),
			Organisation: r.PostFormValue("organisation"), TaxCode: r.PostFormValue("tax_code")},
		Delivery: r.PostFormValue("delivery"),
	}
	today := calendar.DateOf(s.now())
	procs, err := s.procedures(r)
	if err != nil {
		return req, catalog.Procedure{}, nil, err
	}
	proc, ok := catalog.Find(procs, req.Procedure, today)
	if !ok {
		return req, proc, nil, apperr.New(apperr.NotFound, "Không tìm thấy thủ tục.")
	}
	req.Documents = []dossier.Received{}
	for i, doc := range proc.Documents {
		if r.PostFormValue("doc"+strconv.Itoa(i)) == "" {
			continue
		}
		n := func(field string, def int) int {
			v, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(field + strconv.Itoa(i))))
			if err != nil {
				return def
			}
			return v
		}
		req.Documents = append(req.Documents, dossier.Received{Name: doc.Name, Originals: n("orig", doc.Originals), Copies: n("copy", doc.Copies)})
	}
	var missing []string
	for i, doc := range proc.Documents {
		if doc.Required && r.PostFormValue("doc"+strconv.Itoa(i)) == "" {
			missing = append(missing, doc.Name)
		}
	}
	return req, proc, missing, nil
}

// receptionSubmit creates and accepts a dossier at the counter.
func (s *Server) receptionSubmit(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	req, proc, missing, err := s.receptionForm(r)
	if err != nil {
		return err
	}
	req.Applicant.Commune = strings.TrimSpace(r.PostFormValue("commune"))
	// The required documents are dossier.Service's rule (the same for the
	// API); Missing offers Mẫu 02 and 03 when the service refuses.
	page := &receptionPage{Procedure: &proc, Form: req, Channels: []catalog.Channel{catalog.ChannelDirect, catalog.ChannelPostal}, Missing: missing}
	err = s.pickCommune(r.Context(), p.TenantID, &req.Applicant)
	if err == nil {
		err = deliveryChoice(r, &req)
	}
	var d dossier.Dossier
	if err == nil {
		d, err = s.dossier.Intake(r.Context(), dossierActor(r), p.TenantID, req)
	}
	if e := userError(err); e != nil {
		// The required documents are dossier.Service's rule, the same for
		// the API; the form comes back as it was sent.
		page.Error, page.Sent = e, kit.FormOf(r.PostForm, e)
		return s.showReception(w, r, status(e.Code), page)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(d.Code), "dossier-received")
}

// receptionSlip prints, for a dossier not received, the slip the applicant
// takes home: Mẫu 02 listing the required documents missing, or Mẫu 03
// refusing it with the reason given (Circular 03/2025/TT-VPCP). Nothing
// is stored; the form comes by POST so that no personal data travels in
// a URL.
func (s *Server) receptionSlip(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	req, proc, missing, err := s.receptionForm(r)
	if err != nil {
		return err
	}
	req.Applicant.Normalize()
	if req.Applicant.FullName == "" {
		return apperr.Field("full_name", "Cần ghi họ và tên người nộp để in phiếu.")
	}
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	m := slipMapper{d: &dossier.Dossier{Applicant: req.Applicant}, agency: slipAgency(t)}
	now := s.now()
	var pdf []byte
	form := r.PostFormValue("slip")
	switch form {
	case "mau-02":
		if len(missing) == 0 {
			return apperr.New(apperr.Conflict, "Hồ sơ đã đủ các thành phần bắt buộc; không cần phiếu yêu cầu bổ sung.")
		}
		pdf, err = render.Supplement(render.SupplementRequest{Agency: m.agency, Applicant: m.person(), Procedure: proc.Name, Items: missing,
			Reason: "Hồ sơ chưa đủ thành phần bắt buộc theo quy định của thủ tục.", Officer: p.FullName, At: now})
	case "mau-03":
		reason := strings.TrimSpace(r.PostFormValue("refuse_reason"))
		if len([]rune(reason)) < 10 || len([]rune(reason)) > 2000 {
			return apperr.Field("refuse_reason", "Phiếu từ chối phải ghi rõ lý do (từ 10 đến 2.000 ký tự).")
		}
		pdf, err = render.Refuse(render.Refusal{Agency: m.agency, Applicant: m.person(), Procedure: proc.Name, Reason: reason, Officer: p.FullName, At: now})
	default:
		return apperr.Field("slip", "Chỉ in được Mẫu 02 (yêu cầu bổ sung) hoặc Mẫu 03 (từ chối tiếp nhận).")
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+form+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.WriteHeader(http.StatusOK)
	w.Write(pdf)
	return nil
}

// pickCommune names the commune of the applicant's address from the list of
// administrative units: what the suggestions wrote, a code, or a name
// typed without diacritics (a plain text field works without script); the
// tenant's province decides between namesakes.
func (s *Server) pickCommune(ctx context.Context, tenantID string, a *dossier.Applicant) error {
	if a.Commune == "" {
		return nil
	}
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	t, err := s.db.Org().Tenant(ctx, tenantID)
	if err != nil {
		return err
	}
	day := s.now()
	u, err := units.Pick(a.Commune, t.ProvinceCode, day)
	if err != nil && t.ProvinceCode != "" {
		u, err = units.Pick(a.Commune, "", day)
	}
	if err != nil {
		return err
	}
	a.CommuneCode, a.Commune = u.Code, u.FullName()+", "+units.NameOn(u.ProvinceCode, day)
	return nil
}
