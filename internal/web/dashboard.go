package web

import (
	"net/http"

	"tuphap/internal/org"
)

type dashboardPage struct {
	Tenant org.Tenant
	Counts org.Counts
}

func (*dashboardPage) title() string { return "Tổng quan" }

// dashboard is the back office home: the tenant and real counts of what it
// holds. Statistics of dossiers join it when the one-stop shop lands.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	t, err := s.db.Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	c, err := s.db.Counts(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "dashboard", &dashboardPage{Tenant: t, Counts: c})
	return nil
}
