package web

import (
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/handover"
	"tuphap/internal/org"
)

// The hand-over of a function to another tenant (/admin/transfer): moved
// here from judicialrecord.go unchanged; it is not a judicial-record
// screen, though today it hands over the judicial-record registers.

type transferPage struct {
	Tenants []org.Tenant
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

func (s *Server) transferForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	ts, err := s.db.Tenants(r.Context())
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "transfer", &transferPage{Tenants: ts, Proc: "judicial_record.certificate_department", Procs: s.catalog})
	return nil
}

// transferSubmit hands the signed-in administrator's tenant's function over
// to another tenant.
func (s *Server) transferSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := s.needJR(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	ts, err := s.db.Tenants(r.Context())
	if err != nil {
		return err
	}
	page := &transferPage{Tenants: ts, Proc: r.PostFormValue("procedure"), Procs: s.catalog}
	from, err := s.db.Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	var req handover.Request
	req.Procedure = page.Proc
	if v := strings.TrimSpace(r.PostFormValue("as_of")); v != "" {
		d, err := calendar.ParseDateVN(v)
		if err != nil {
			page.Error = apperr.Field("as_of", "Ngày chuyển giao phải có dạng ngày/tháng/năm.")
			s.renderPage(w, r, http.StatusBadRequest, "transfer", page)
			return nil
		}
		req.AsOf = d
	}
	to, err := s.db.TenantByCode(r.Context(), strings.ToUpper(strings.TrimSpace(r.PostFormValue("to_tenant"))))
	if err != nil {
		page.Error = apperr.Field("to_tenant", "Không tìm thấy cơ quan tiếp nhận.")
		s.renderPage(w, r, http.StatusBadRequest, "transfer", page)
		return nil
	}
	rec, err := s.jr.Handover.Transfer(r.Context(), dossierActor(r), handover.Tenant{ID: from.ID, Code: from.Code, Name: from.Name},
		handover.Tenant{ID: to.ID, Code: to.Code, Name: to.Name}, req)
	if e := userError(err); e != nil {
		page.Error = e
		s.renderPage(w, r, status(e.Code), "transfer", page)
		return nil
	}
	if err != nil {
		return err
	}
	page.Done = &rec
	s.renderPage(w, r, http.StatusOK, "transfer", page)
	return nil
}
