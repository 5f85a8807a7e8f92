package web

import (
	"context"
	"net/http"

	"tuphap/internal/adminunit"
	"tuphap/internal/contest"
	"tuphap/internal/render"
	"tuphap/internal/web/contestweb"
)

// Contests is what the online contests need.
type Contests struct {
	Service *contest.Service
	Units   *adminunit.List
}

// EnableContests turns on the online legal-knowledge contests
// (web/contestweb): public pages under /thi/, their API under
// /api/v1/contests/, the organisers' screens under /admin/cuoc-thi.
func (s *Server) EnableContests(c *Contests) {
	s.contestScreens = contestweb.New(kernel{s}, contestweb.Config{
		Service:  c.Service,
		Now:      s.now,
		Secure:   s.secure,
		ClientIP: func(r *http.Request) string { return clientIP(r) },
		Units: func(province string) []contest.Unit {
			if c.Units == nil || province == "" {
				return nil
			}
			var out []contest.Unit
			for _, code := range c.Units.Communes(province) {
				out = append(out, contest.Unit{Code: code, Name: c.Units.NameOn(code, s.now())})
			}
			return out
		},
		Agency: func(ctx context.Context, tenantID string) (render.Agency, error) {
			t, err := s.db.Org().Tenant(ctx, tenantID)
			return slipAgency(t), err
		},
		Province: func(ctx context.Context, tenantID string) string {
			t, err := s.db.Org().Tenant(ctx, tenantID)
			if err != nil {
				return ""
			}
			return t.ProvinceCode
		},
	})
}
