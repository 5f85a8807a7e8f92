package web

import (
	"net/http"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/org"
)

type officerListPage struct {
	Officers []org.Officer
	Units    []org.Unit
	UnitName map[string]string
	Roles    []org.Role
	Form     org.Officer
	Error    *apperr.Error
}

func (*officerListPage) title() string { return "Cán bộ, công chức" }

type officerEditPage struct {
	Officer org.Officer
	Tokens  []auth.TokenInfo
	Now     time.Time
	Units   []org.Unit
	Roles   []org.Role
	Error   *apperr.Error
}

func (p *officerEditPage) title() string { return "Cán bộ " + p.Officer.Username }

// officerList lists the tenant's officers with a form to add one.
func (s *Server) officerList(w http.ResponseWriter, r *http.Request) error {
	return s.showOfficers(w, r, http.StatusOK, org.Officer{Role: org.Specialist}, nil)
}

func (s *Server) showOfficers(w http.ResponseWriter, r *http.Request, code int, form org.Officer, formErr *apperr.Error) error {
	p := principalFrom(r.Context())
	officers, err := s.db.Org().Officers(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	units, err := s.db.Org().Units(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	s.renderPage(w, r, code, "officers", &officerListPage{Officers: officers, Units: units, UnitName: names,
		Roles: org.Roles, Form: form, Error: formErr})
	return nil
}

func officerFromForm(r *http.Request) org.Officer {
	return org.Officer{
		Username: r.PostFormValue("username"), FullName: r.PostFormValue("full_name"), Email: r.PostFormValue("email"),
		Role: org.Role(r.PostFormValue("role")), UnitID: r.PostFormValue("unit_id"), Active: r.PostFormValue("active") != "0",
	}
}

// officerCreate adds an officer with an initial password.
func (s *Server) officerCreate(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	o := officerFromForm(r)
	o.TenantID = p.TenantID
	if _, err := s.org.CreateOfficer(r.Context(), actor(r), o, r.PostFormValue("password")); err != nil {
		if e := userError(err); e != nil {
			return s.showOfficers(w, r, status(e.Code), o, e)
		}
		return err
	}
	return s.redirectFlash(w, r, "/admin/officers", "officer-saved")
}

// officerEdit shows an officer's edit form.
func (s *Server) officerEdit(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	o, err := s.db.Org().Officer(r.Context(), p.TenantID, r.PathValue("id"))
	if err != nil {
		return notFoundAs(err, "Không tìm thấy cán bộ.")
	}
	units, err := s.db.Org().Units(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	tokens, err := s.auth.Tokens(r.Context(), p.TenantID, o.ID)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "officer_edit", &officerEditPage{Officer: o, Units: units, Roles: org.Roles, Tokens: tokens, Now: s.now()})
	return nil
}

// officerUpdate saves an officer's role, unit and status.
func (s *Server) officerUpdate(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	o := officerFromForm(r)
	o.TenantID, o.ID = p.TenantID, r.PathValue("id")
	err := s.refuseDeactivation(r, o) // work held must be moved first (corrections.go)
	if err == nil {
		_, err = s.org.UpdateOfficer(r.Context(), actor(r), o)
	}
	if err != nil {
		if e := userError(err); e != nil && e.Code != apperr.NotFound {
			units, uerr := s.db.Org().Units(r.Context(), p.TenantID)
			if uerr != nil {
				return uerr
			}
			s.renderPage(w, r, status(e.Code), "officer_edit", &officerEditPage{Officer: o, Units: units, Roles: org.Roles, Error: e})
			return nil
		}
		return notFoundAs(err, "Không tìm thấy cán bộ.")
	}
	return s.redirectFlash(w, r, "/admin/officers", "officer-saved")
}
