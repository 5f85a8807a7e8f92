package contestweb

import (
	"net/http"

	"tuphap/internal/apperr"
	"tuphap/internal/contest"
	"tuphap/internal/portal"
)

// Registering and signing in with the national e-ID (VNeID), through the
// citizens' portal's sign-in: the name, birth date and ID number are the
// e-ID's, so one person is one entry without asking them to type their ID
// number; the phone is asked for the organisers' contact. No password is
// kept: the person signs in with the e-ID again.

type eidPage struct {
	Title   string
	Contest contest.Contest
	ID      portal.Identity
	Units   []contest.Unit
	Message string
	Fields  map[string]string
	Form    map[string]string
}

// identity finds the contest and the signed-in citizen's e-ID identity;
// without one the browser is sent to sign in and come back (ok false,
// nothing more to do).
func (s *Screens) identity(w http.ResponseWriter, r *http.Request) (c contest.Contest, tenant string, id portal.Identity, ok bool, err error) {
	if c, tenant, err = s.contest(r.Context(), r.PathValue("code")); err != nil {
		return
	}
	if s.cfg.EID == nil {
		err = apperr.New(apperr.NotFound, "Đăng nhập bằng tài khoản định danh điện tử chưa được cấu hình trên hệ thống này.")
		return
	}
	if id, ok, err = s.cfg.EID.Identity(w, r); err == nil && !ok {
		http.Redirect(w, r, s.cfg.EID.Start("/thi/"+c.Code+"/dinh-danh"), http.StatusSeeOther)
	}
	return
}

// enter signs a participant in to the contest and sends them to its page.
func (s *Screens) enter(w http.ResponseWriter, r *http.Request, c contest.Contest, participantID string) error {
	s.signIn(w, c, participantID)
	http.Redirect(w, r, "/thi/"+c.Code+"/", http.StatusSeeOther)
	return nil
}

// EIDSignIn is GET /thi/{code}/dinh-danh: a person signed in with the
// e-ID who has registered is signed in to the contest; one who has not
// gets the registration form with the e-ID's particulars.
func (s *Screens) EIDSignIn(w http.ResponseWriter, r *http.Request) error {
	c, tenant, id, ok, err := s.identity(w, r)
	if err != nil || !ok {
		return err
	}
	p, err := s.cfg.Service.SignInVerified(r.Context(), c, tenant, id.IDNumber)
	if apperr.CodeOf(err) == apperr.NotFound {
		return s.eidForm(w, http.StatusOK, c, id, "", nil, nil)
	}
	if err != nil {
		return err
	}
	return s.enter(w, r, c, p.ID)
}

// EIDRegister is POST /thi/{code}/dinh-danh: registers the signed-in
// citizen with their e-ID's particulars, the unit and phone they give.
func (s *Screens) EIDRegister(w http.ResponseWriter, r *http.Request) error {
	c, tenant, id, ok, err := s.identity(w, r)
	if err != nil || !ok {
		return err
	}
	v := r.PostFormValue
	in := contest.Registration{Phone: v("phone"), FullName: id.FullName, BirthDate: id.BirthDateText(), UnitCode: v("unit_code"),
		IDNumber: id.IDNumber, Verified: true}
	return s.register(w, r, c, tenant, in, func(e *apperr.Error) error {
		return s.eidForm(w, http.StatusUnprocessableEntity, c, id, e.Message, e.Fields, map[string]string{"phone": v("phone"), "unit_code": v("unit_code")})
	})
}

func (s *Screens) eidForm(w http.ResponseWriter, code int, c contest.Contest, id portal.Identity, msg string, fields, form map[string]string) error {
	if fields == nil {
		fields = map[string]string{}
	}
	if form == nil {
		form = map[string]string{}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	return s.pages.ExecuteTemplate(w, "vneid", &eidPage{Title: "Đăng ký dự thi bằng định danh điện tử", Contest: c, ID: id, Units: s.units(c),
		Message: msg, Fields: fields, Form: form})
}
