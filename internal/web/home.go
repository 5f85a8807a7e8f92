package web

import (
	"net/http"
	"time"

	"tuphap/internal/org"
)

type homePage struct {
	Tenants []org.Tenant
}

func (*homePage) title() string { return "Cổng thông tin Sở Tư pháp" }

// home is the public home page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	tenants, err := s.db.Org().Tenants(r.Context())
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "home", &homePage{Tenants: tenants})
	return nil
}

// healthz reports whether the server and its database answer.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	start := time.Now()
	dbErr := s.db.Ping(r.Context())
	body := map[string]any{"status": "ok", "database": string(s.db.Engine()), "version": s.version,
		"db_ping_ms": float64(time.Since(start).Microseconds()) / 1000}
	if dbErr != nil {
		body["status"] = "unavailable"
		body["detail"] = "Cơ sở dữ liệu không phản hồi."
		s.log.Warn("health check: database", "error", dbErr)
		return writeJSON(w, http.StatusServiceUnavailable, body)
	}
	return writeJSON(w, http.StatusOK, body)
}
