package web

import (
	"net/http"

	"tuphap/internal/apperr"
	"tuphap/internal/org"
	"tuphap/internal/web/kit"
)

type unitListPage struct {
	Units    []org.Unit
	Agencies []org.Unit
	Kinds    []org.UnitKind
	Form     org.Unit
	Error    *apperr.Error
}

func (*unitListPage) title() string { return "Đơn vị và cơ quan phối hợp" }

type unitEditPage struct {
	Unit  org.Unit
	Kinds []org.UnitKind
	Error *apperr.Error
}

func (p *unitEditPage) title() string { return "Đơn vị " + p.Unit.Code }

// unitList lists the tenant's units and coordinating agencies.
func (s *Server) unitList(w http.ResponseWriter, r *http.Request) error {
	return s.showUnits(w, r, http.StatusOK, org.Unit{Kind: org.Division}, nil)
}

func (s *Server) showUnits(w http.ResponseWriter, r *http.Request, code int, form org.Unit, formErr *apperr.Error) error {
	p := principalFrom(r.Context())
	all, err := s.db.Org().Units(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	page := &unitListPage{Kinds: org.UnitKinds, Form: form, Error: formErr}
	for _, u := range all {
		if u.IsAgency() {
			page.Agencies = append(page.Agencies, u)
		} else {
			page.Units = append(page.Units, u)
		}
	}
	s.renderPage(w, r, code, "units", page)
	return nil
}

func unitFromForm(r *http.Request) org.Unit {
	return org.Unit{
		Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: org.UnitKind(r.PostFormValue("kind")),
		Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone"), Active: r.PostFormValue("active") != "0",
	}
}

// unitCreate adds a unit or an agency.
func (s *Server) unitCreate(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	u := unitFromForm(r)
	u.TenantID = p.TenantID
	if _, err := s.org.CreateUnit(r.Context(), actor(r), u); err != nil {
		if e := userError(err); e != nil {
			return s.showUnits(w, r, status(e.Code), u, e)
		}
		return err
	}
	return s.redirectFlash(w, r, "/admin/units", "unit-saved")
}

// unitEdit shows a unit's edit form.
func (s *Server) unitEdit(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	u, err := s.db.Org().Unit(r.Context(), p.TenantID, r.PathValue("id"))
	if err != nil {
		return notFoundAs(err, "Không tìm thấy đơn vị.")
	}
	s.renderPage(w, r, http.StatusOK, "unit_edit", &unitEditPage{Unit: u, Kinds: org.UnitKinds})
	return nil
}

// unitUpdate saves a unit's edit form.
func (s *Server) unitUpdate(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	u := unitFromForm(r)
	u.TenantID, u.ID = p.TenantID, r.PathValue("id")
	if _, err := s.org.UpdateUnit(r.Context(), actor(r), u); err != nil {
		if e := userError(err); e != nil && e.Code != apperr.NotFound {
			s.renderPage(w, r, status(e.Code), "unit_edit", &unitEditPage{Unit: u, Kinds: org.UnitKinds, Error: e})
			return nil
		}
		return notFoundAs(err, "Không tìm thấy đơn vị.")
	}
	return s.redirectFlash(w, r, "/admin/units", "unit-saved")
}

// userError returns err as an *apperr.Error when it is the user's to fix
// (4xx), nil otherwise.
func userError(err error) *apperr.Error { return kit.UserError(err) }

// notFoundAs gives a not-found error a specific message.
func notFoundAs(err error, msg string) error { return kit.NotFoundAs(err, msg) }
