package web

import (
	"net/http"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
)

// receiverPage lists who receives the tenant's dossiers, by version, and
// (for administrators) the form adding a version (org.Receiver).
type receiverPage struct {
	Versions  []org.Receiver
	Current   org.Receiver
	Form      org.Receiver
	Error     *apperr.Error
	CanManage bool
	Tenant    string // the tenant's name: the competent agency when a version names none
}

func (*receiverPage) title() string { return "Tổ chức tiếp nhận và trả kết quả" }

func (s *Server) receiverShow(w http.ResponseWriter, r *http.Request) error {
	return s.showReceivers(w, r, http.StatusOK, org.Receiver{}, nil)
}

func (s *Server) showReceivers(w http.ResponseWriter, r *http.Request, code int, form org.Receiver, formErr *apperr.Error) error {
	p := principalFrom(r.Context())
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	vs, err := s.db.Org().Receivers(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	if form.Organisation == "" && formErr == nil {
		form = org.Receiver{Organisation: "Trung tâm Phục vụ hành chính công", CompetentAgency: t.Name, Centre: true,
			EffectiveFrom: calendar.NewDate(2025, 7, 1), Basis: "Nghị định 118/2025/NĐ-CP, Điều 14"}
	}
	page := &receiverPage{Versions: vs, Current: org.ReceiverAt(vs, t, calendar.DateOf(s.now())), Form: form, Error: formErr,
		CanManage: p.Can(auth.ManageOrg), Tenant: t.Name}
	s.renderPage(w, r, code, "receiver", page)
	return nil
}

// receiverSave adds (or replaces, on the same effective date) a version.
func (s *Server) receiverSave(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	v := org.Receiver{Organisation: r.PostFormValue("organisation"), Address: r.PostFormValue("address"),
		CompetentAgency: r.PostFormValue("competent_agency"), Centre: r.PostFormValue("centre") == "1", Basis: r.PostFormValue("basis")}
	from, err := calendar.ParseDateAny(r.PostFormValue("effective_from"))
	if err != nil {
		err = apperr.Field("effective_from", "Ngày có hiệu lực không hợp lệ (dd/mm/yyyy).")
	} else {
		v.EffectiveFrom = from
		err = s.db.Org().SaveReceiver(r.Context(), actor(r), p.TenantID, v)
	}
	if e := userError(err); e != nil {
		return s.showReceivers(w, r, status(e.Code), v, e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/receivers", "receiver-saved")
}
