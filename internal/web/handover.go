package web

import (
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
)

// The hand-over of a function to another tenant (/admin/transfer): not a
// judicial-record screen, though today it hands over the judicial-record
// registers. A hand-over is two-sided: the sender offers, the receiver
// accepts (package handover).

type transferPage struct {
	Tenants []org.Tenant
	Offers  []handover.Offer
	Self    string // the signed-in officer's tenant ID
	Offered *handover.Offer
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

// mayHandOver says whether the officer may offer or accept the hand-over
// of a procedure: the hand-over permission (checked by the route) and, for
// a judicial-record function, the judicial-record permission too, since
// the conviction register moves with it.
func mayHandOver(r *http.Request, procedure string) error {
	p := principalFrom(r.Context())
	if !(judicialrecord.Register{}).Handles(procedure) || p.Can(auth.ViewConvictions) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "Chuyển giao chức năng lý lịch tư pháp cần cán bộ có quyền lý lịch tư pháp.")
}

func (s *Server) transferData(r *http.Request, proc string) (*transferPage, error) {
	p := principalFrom(r.Context())
	ts, err := s.db.Org().Tenants(r.Context())
	if err != nil {
		return nil, err
	}
	offers, err := s.db.Handover().HandoverOffers(r.Context(), p.TenantID)
	if err != nil {
		return nil, err
	}
	return &transferPage{Tenants: ts, Offers: offers, Self: p.TenantID, Proc: proc, Procs: s.catalog}, nil
}

func (s *Server) transferForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	page, err := s.transferData(r, "judicial_record.certificate_department")
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "transfer", page)
	return nil
}

// transferSubmit offers the function of the signed-in officer's tenant to
// another tenant; nothing moves until that tenant accepts.
func (s *Server) transferSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	page, err := s.transferData(r, r.PostFormValue("procedure"))
	if err != nil {
		return err
	}
	fail := func(e *apperr.Error) error {
		page.Error = e
		s.renderPage(w, r, status(e.Code), "transfer", page)
		return nil
	}
	if err := mayHandOver(r, page.Proc); err != nil {
		return err
	}
	from, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	var req handover.Request
	req.Procedure = page.Proc
	if v := strings.TrimSpace(r.PostFormValue("as_of")); v != "" {
		d, err := calendar.ParseDateVN(v)
		if err != nil {
			return fail(apperr.Field("as_of", "Ngày chuyển giao phải có dạng ngày/tháng/năm."))
		}
		req.AsOf = d
	}
	to, err := s.db.Org().TenantByCode(r.Context(), strings.ToUpper(strings.TrimSpace(r.PostFormValue("to_tenant"))))
	if err != nil {
		return fail(apperr.Field("to_tenant", "Không tìm thấy cơ quan tiếp nhận."))
	}
	o, err := s.jr.Handover.Offer(r.Context(), dossierActor(r), handoverTenant(from), handoverTenant(to), req)
	if e := userError(err); e != nil {
		return fail(e)
	}
	if err != nil {
		return err
	}
	page, err = s.transferData(r, page.Proc)
	if err != nil {
		return err
	}
	page.Offered = &o
	s.renderPage(w, r, http.StatusOK, "transfer", page)
	return nil
}

// transferAccept accepts an offer made to the officer's tenant: the
// function moves now.
func (s *Server) transferAccept(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	page, err := s.transferData(r, "")
	if err != nil {
		return err
	}
	var offer *handover.Offer
	for i := range page.Offers {
		if o := &page.Offers[i]; o.ID == r.PathValue("id") && o.To.ID == p.TenantID {
			offer = o
		}
	}
	if offer == nil {
		return apperr.ErrNotFound
	}
	if err := mayHandOver(r, offer.Procedure); err != nil {
		return err
	}
	rec, err := s.jr.Handover.Accept(r.Context(), dossierActor(r), p.TenantID, offer.ID)
	if e := userError(err); e != nil {
		page.Error = e
		s.renderPage(w, r, status(e.Code), "transfer", page)
		return nil
	}
	if err != nil {
		return err
	}
	if page, err = s.transferData(r, ""); err != nil {
		return err
	}
	page.Done = &rec
	s.renderPage(w, r, http.StatusOK, "transfer", page)
	return nil
}

func handoverTenant(t org.Tenant) handover.Tenant {
	return handover.Tenant{ID: t.ID, Code: t.Code, Name: t.Name, Kind: t.Kind}
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
