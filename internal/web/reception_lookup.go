package web

import (
	"errors"
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/enterprise"
	"tuphap/internal/external/population"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web/kit"
)

// Lookups are the national registries the counter asks at intake.
type Lookups struct {
	Population  population.Registry
	Enterprises enterprise.Registry
}

// EnableLookups turns on the "Tra cứu" buttons of the counter form.
func (s *Server) EnableLookups(l *Lookups) { s.lookups = l }

// lookupAnswer is the JSON answer to the counter form's script: the fields
// to fill and a line for the officer.
type lookupAnswer struct {
	Fields  map[string]string `json:"fields,omitempty"`
	Message string            `json:"message"`
	Error   string            `json:"error,omitempty"`
}

// receptionLookup fills the counter form from a national registry: the
// applicant from the population database by ID number (only with the
// citizen's consent, ticked on the form), or the organisation from the
// enterprise registry by tax code. The form comes back as it was sent,
// filled; with "Accept: application/json" (the page's script) only the
// fields come back. Each look-up is audited: who, when, which number, and
// the consent; what the registry answered is not stored anywhere, only
// put in the form.
func (s *Server) receptionLookup(w http.ResponseWriter, r *http.Request) error {
	wantJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	req, proc, _, err := s.receptionForm(r)
	if err != nil {
		return err
	}
	req.Applicant.Commune = strings.TrimSpace(r.PostFormValue("commune"))
	page := &receptionPage{Procedure: &proc, Form: req, Channels: []catalog.Channel{catalog.ChannelDirect, catalog.ChannelPostal}, Sent: kit.FormOf(r.PostForm, nil)}
	ans, err := s.registryLookup(r, &page.Form.Applicant, r.PostFormValue("lookup"), r.PostFormValue("consent") == "1")
	if e := userError(err); e != nil {
		if wantJSON {
			return writeJSON(w, status(e.Code), lookupAnswer{Error: e.Message})
		}
		page.Error, page.Sent = e, kit.FormOf(r.PostForm, e)
		return s.showReception(w, r, status(e.Code), page)
	}
	if err != nil {
		return err
	}
	if wantJSON {
		return writeJSON(w, http.StatusOK, ans)
	}
	page.LookupNote = ans.Message
	return s.showReception(w, r, http.StatusOK, page)
}

// registryLookup asks the registry named by kind and writes what it found into a.
func (s *Server) registryLookup(r *http.Request, a *dossier.Applicant, kind string, consent bool) (lookupAnswer, error) {
	if s.lookups == nil {
		return lookupAnswer{}, apperr.New(apperr.Unavailable, "Chưa kết nối cơ sở dữ liệu quốc gia để tra cứu; vui lòng nhập thông tin theo giấy tờ.")
	}
	p := principalFrom(r.Context())
	a.Normalize()
	switch kind {
	case "person":
		if !dossier.ValidIDNumber(a.IDNumber) {
			return lookupAnswer{}, apperr.Field("applicant.id_number", "Số định danh cá nhân phải gồm đúng 12 chữ số.")
		}
		if !consent {
			return lookupAnswer{}, apperr.Field("consent", "Cần hỏi và đánh dấu sự đồng ý của người nộp trước khi tra cứu Cơ sở dữ liệu quốc gia về dân cư.")
		}
		if err := s.auditLookup(r, "lookup.population", "person:"+a.IDNumber, "có sự đồng ý của người nộp"); err != nil {
			return lookupAnswer{}, err
		}
		who, err := s.lookups.Population.Person(r.Context(), population.Query{IDNumber: a.IDNumber, Consent: true, Officer: p.Username})
		switch {
		case errors.Is(err, population.ErrNotFound):
			return lookupAnswer{}, apperr.Field("applicant.id_number", "Không tìm thấy công dân có số định danh "+a.IDNumber+" trong Cơ sở dữ liệu quốc gia về dân cư; kiểm tra lại số trên thẻ căn cước.")
		case err != nil:
			return lookupAnswer{}, apperr.Wrap(apperr.Unavailable, "Chưa tra cứu được Cơ sở dữ liệu quốc gia về dân cư; vui lòng thử lại hoặc nhập theo giấy tờ.", err)
		}
		a.FullName, a.Address, a.Commune = who.FullName, who.Address, who.Commune
		return lookupAnswer{Fields: map[string]string{"full_name": who.FullName, "address": who.Address, "commune": who.Commune},
			Message: "Đã điền họ tên và nơi cư trú theo Cơ sở dữ liệu quốc gia về dân cư; đối chiếu với giấy tờ của người nộp."}, nil
	case "enterprise":
		if a.TaxCode == "" || !validTaxCode(a.TaxCode) {
			return lookupAnswer{}, apperr.Field("applicant.tax_code", "Mã số thuế (mã số doanh nghiệp) phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số đối với chi nhánh.")
		}
		if err := s.auditLookup(r, "lookup.enterprise", "enterprise:"+a.TaxCode, "thông tin công khai"); err != nil {
			return lookupAnswer{}, err
		}
		ent, err := s.lookups.Enterprises.Enterprise(r.Context(), a.TaxCode)
		switch {
		case errors.Is(err, enterprise.ErrNotFound):
			return lookupAnswer{}, apperr.Field("applicant.tax_code", "Không tìm thấy doanh nghiệp có mã số "+a.TaxCode+" trong Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp.")
		case err != nil:
			return lookupAnswer{}, apperr.Wrap(apperr.Unavailable, "Chưa tra cứu được Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp; vui lòng thử lại.", err)
		}
		a.Organisation = ent.Name
		msg := "Đã điền tên tổ chức theo Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp (trụ sở: " + ent.HeadOffice + "; tình trạng: " + ent.Status + ")."
		return lookupAnswer{Fields: map[string]string{"organisation": ent.Name}, Message: msg}, nil
	}
	return lookupAnswer{}, apperr.New(apperr.Invalid, "Cần chọn tra cứu người nộp hoặc tổ chức.")
}

// validTaxCode is the applicant's rule for a tax code.
func validTaxCode(s string) bool {
	return dossier.Applicant{FullName: "x", IDNumber: "000000000000", Organisation: "x", TaxCode: s}.Validate() == nil
}

// auditLookup records a look-up before it is made, so that a look-up
// whose answer is lost is still on record; the audit entry holds the
// number asked and the consent, not the answer.
func (s *Server) auditLookup(r *http.Request, action, object, consent string) error {
	a, p := dossierActor(r), principalFrom(r.Context())
	return s.db.Transact(r.Context(), func(tx *sqlstore.Tx) error {
		return tx.Audit(r.Context(), audit.Entry{TenantID: p.TenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
			Action: action, Object: object, Detail: consent})
	})
}
