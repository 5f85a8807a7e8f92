package legalaidweb

import (
	"net/http"
	"net/url"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/legalaid"
	"tuphap/internal/web/kit"
)

// ---- A provider's page: change the dates of an appointment, contract or
// registration (a provider outside them cannot be assigned), the unit or
// the organisation.

type providerPage struct {
	P       legalaid.Provider
	Units   []legalaid.Unit
	Kinds   []legalaid.ProviderKind
	Form    kit.Form
	CanKeep bool
}

func (p *providerPage) Title() string { return "Người thực hiện: " + p.P.FullName }

// Value is a field's value: what was sent, else the provider's.
func (p *providerPage) Value(name string) string {
	if p.Form.Values != nil {
		return p.Form.Value(name)
	}
	switch name {
	case "kind":
		return string(p.P.Kind)
	case "full_name":
		return p.P.FullName
	case "sex":
		return p.P.Sex
	case "unit_code":
		return p.P.UnitCode
	case "organisation":
		return p.P.Organisation
	case "contract_no":
		return p.P.ContractNo
	case "from":
		return kit.Date(p.P.From)
	case "to":
		if p.P.To != nil {
			return kit.Date(*p.P.To)
		}
	}
	return ""
}

func (s *Screens) showProvider(w http.ResponseWriter, r *http.Request, code int, ten string, p legalaid.Provider, form kit.Form) error {
	page := &providerPage{P: p, Kinds: legalaid.ProviderKinds, Form: form, CanKeep: kit.Principal(r.Context()).Can(auth.KeepLegalAid)}
	var err error
	if page.Units, err = s.cfg.Service.Store.Units(r.Context(), ten); err != nil {
		return err
	}
	s.k.Page(w, r, code, "la_provider", page)
	return nil
}

// Provider is GET /admin/tro-giup-phap-ly/nguoi-thuc-hien/{id}.
func (s *Screens) Provider(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	p, err := s.cfg.Service.Store.Provider(r.Context(), ten, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy người thực hiện trợ giúp pháp lý.")
	}
	return s.showProvider(w, r, http.StatusOK, ten, p, kit.Form{})
}

// EditProvider is POST /admin/tro-giup-phap-ly/nguoi-thuc-hien/{id}.
func (s *Screens) EditProvider(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.tenant(r)
	if err != nil {
		return err
	}
	old, err := s.cfg.Service.Store.Provider(r.Context(), ten, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy người thực hiện trợ giúp pháp lý.")
	}
	v := r.PostFormValue
	p := legalaid.Provider{ID: old.ID, Kind: legalaid.ProviderKind(v("kind")), FullName: v("full_name"), Sex: v("sex"), UnitCode: v("unit_code"),
		Organisation: v("organisation"), ContractNo: v("contract_no")}
	from, err := parseDay("from", v("from"))
	if err == nil {
		if from != nil {
			p.From = *from
		}
		p.To, err = parseDay("to", v("to"))
	}
	if err == nil {
		_, err = s.cfg.Service.SaveProvider(r.Context(), s.actor(r), ten, p)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showProvider(w, r, http.StatusUnprocessableEntity, ten, old, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/nguoi-thuc-hien/"+url.PathEscape(p.ID), "legalaid-saved")
}
