package web

import (
	"context"
	"net/http"
	"net/url"

	"tuphap/internal/adminunit"
	"tuphap/internal/contest"
	"tuphap/internal/portal"
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
	var eid *contestweb.EID
	if s.portalCfg != nil && s.portalCfg.EID != nil && s.portalCfg.Service != nil {
		// The portal's e-ID sign-in, coming back to the contest.
		eid = &contestweb.EID{
			Start: func(next string) string { return "/dang-nhap/vneid?next=" + url.QueryEscape(next) },
			Identity: func(w http.ResponseWriter, r *http.Request) (portal.Identity, bool, error) {
				if err := s.authenticateCitizen(w, r); err != nil {
					return portal.Identity{}, false, err
				}
				if c := citizenFrom(r.Context()); c != nil {
					return c.Identity, true, nil
				}
				return portal.Identity{}, false, nil
			},
		}
	}
	base := ""
	if s.portalCfg != nil {
		base = s.portalCfg.BaseURL
	}
	s.contestScreens = contestweb.New(kernel{s}, contestweb.Config{
		EID:      eid,
		BaseURL:  base,
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
