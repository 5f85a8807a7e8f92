package web

import (
	"tuphap/internal/web/judicialrecordweb"

	"net/http"
	"net/url"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/judicialrecord"
)

// portalAgency is the kind of agency the portal's tenant is.
func (s *Server) portalAgency() catalog.Agency {
	if s.portalCfg != nil && s.portalCfg.Agency != "" {
		return s.portalCfg.Agency
	}
	return catalog.AgencyDepartment
}

// jrOnline returns the judicial-record rules in force today when the
// portal's tenant is the competent agency under them (a Department of
// Justice before 1/3/2025, the provincial police from that day) and the
// judicial-record service is on; ok is false otherwise.
func (s *Server) jrOnline() (judicialrecord.Rules, bool) {
	if s.jr == nil || s.portalCfg == nil || s.portalCfg.Service == nil {
		return judicialrecord.Rules{}, false
	}
	v, err := judicialrecord.RulesAt(calendar.DateOf(s.now()))
	if err != nil || v.Agency != s.portalAgency() {
		return judicialrecord.Rules{}, false
	}
	return v, true
}

// isJRProcedure reports whether p is a judicial-record certificate
// procedure (any version), which the portal files through its own form.
func isJRProcedure(p catalog.Procedure) bool {
	for _, v := range judicialrecord.Versions {
		if p.ID == v.Procedure {
			return true
		}
	}
	return false
}

type portalJRPage struct {
	Rules      judicialrecord.Rules
	Form       judicialrecord.Request
	ForOther   bool // filed by proxy: the signed-in citizen is the proxy
	Relation   judicialrecord.Relation
	Auth       string
	ProxyPhone string
	ProxyAddr  string
	Error      *apperr.Error
	Categories []judicialrecord.FeeCategory
	Relations  []judicialrecord.Relation
	Deliveries []string
	Procedure  string
}

func (*portalJRPage) title() string {
	return "Yêu cầu cấp Phiếu lý lịch tư pháp trực tuyến"
}

func (s *Server) renderJRForm(w http.ResponseWriter, r *http.Request, code int, page *portalJRPage) error {
	v, ok := s.jrOnline()
	if !ok {
		return apperr.New(apperr.NotFound, "Cơ quan này hiện không cấp Phiếu lý lịch tư pháp; vui lòng nộp yêu cầu tại cơ quan có thẩm quyền (từ 01/3/2025: Công an cấp tỉnh).")
	}
	page.Rules = v
	page.Categories = judicialrecord.FeeCategories
	page.Relations = judicialrecord.Relations
	page.Deliveries = []string{"Nhận kết quả điện tử trên Cổng dịch vụ công", "Nhận qua dịch vụ bưu chính công ích",
		"Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả"}
	if p, ok := catalog.Find(s.catalog, v.Procedure, calendar.DateOf(s.now())); ok {
		page.Procedure = p.Name
	}
	s.renderPortal(w, r, code, "jr", page)
	return nil
}

// jrPortalForm is the online request form (e-forms 12/2024/LLTP for
// oneself, 13/2024/LLTP by proxy). The signed-in citizen's name, ID number
// and date of birth come from the e-ID token: when asking for oneself they
// are shown, not typed; when filing for someone else the citizen is the
// proxy.
func (s *Server) jrPortalForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderJRForm(w, r, http.StatusOK, &portalJRPage{Form: judicialrecord.Request{Form: judicialrecord.Form1, Copies: 1},
		ForOther: r.URL.Query().Get("cho") == "nguoi-khac"})
}

// jrPortalSubmit files the request through judicialrecord.Service (the
// rules in force, the sealed form, the dossier in status 1 waiting for the
// desk), channel online, source portal.
func (s *Server) jrPortalSubmit(w http.ResponseWriter, r *http.Request) error {
	if _, ok := s.jrOnline(); !ok {
		return s.renderJRForm(w, r, http.StatusNotFound, &portalJRPage{})
	}
	c := citizenFrom(r.Context())
	v := r.PostFormValue
	req := judicialrecordweb.RequestFrom(r)
	req.Source = judicialrecord.SourcePortal
	page := &portalJRPage{ForOther: v("for") == "other", Relation: judicialrecord.Relation(v("proxy_relation")),
		Auth: v("proxy_authorisation"), ProxyPhone: v("proxy_phone"), ProxyAddr: v("proxy_address")}
	id := c.Identity
	if page.ForOther {
		// The citizen files for another person: the person's identity is
		// typed; the proxy's is the e-ID's.
		req.Proxy = &judicialrecord.Proxy{FullName: id.FullName, IDNumber: id.IDNumber, Phone: page.ProxyPhone, Address: page.ProxyAddr,
			Relation: page.Relation, Authorisation: page.Auth, AuthorisationDate: v("proxy_authorisation_date")}
	} else {
		// For oneself: identity from the e-ID token only, whatever was posted.
		req.Proxy = nil
		req.Person.FullName, req.Person.IDNumber, req.Person.BirthDate = id.FullName, id.IDNumber, id.BirthDateText()
		req.Person.IDType, req.Person.Nationality = "CCCD", "Việt Nam"
	}
	if strings.TrimSpace(req.Delivery) == "" {
		req.Delivery = "Nhận kết quả điện tử trên Cổng dịch vụ công"
	}
	d, err := s.jr.Service.Intake(r.Context(), portalActor(r), c.TenantID, req)
	if e := userError(err); e != nil {
		req.Normalize()
		req.Declared = nil // never echo criminal-record data back into a page
		page.Form, page.Error = req, e
		return s.renderJRForm(w, r, status(e.Code), page)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+url.PathEscape(dossierRef(&d)), "submitted")
}
