package web

import (
	"context"

	"tuphap/internal/adminunit"
	"tuphap/internal/auth"
	"tuphap/internal/dissemination"
	"tuphap/internal/web/disseminationweb"
)

// Dissemination is what the legal dissemination screens need.
type Dissemination struct {
	Service *dissemination.Service
	Units   *adminunit.List
}

// EnableDissemination turns on the legal dissemination register
// (web/disseminationweb). Like mediation, a commune's officer keeps their
// commune's book in the department's partition; the department sees the
// province.
func (s *Server) EnableDissemination(d *Dissemination) {
	if d.Service.Now == nil {
		d.Service.Now = s.now
	}
	s.disScreens = disseminationweb.New(kernel{s}, disseminationweb.Config{
		Service: d.Service, Units: d.Units, Now: s.now,
		Scope: func(ctx context.Context, p *auth.Principal) (dissemination.Scope, error) {
			sc, err := s.mediationScope(ctx, p)
			return dissemination.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode, CommuneCode: sc.CommuneCode, ActorTenantID: sc.ActorTenantID}, err
		},
		Agency: func(ctx context.Context, id string) (string, error) {
			t, err := s.db.Org().Tenant(ctx, id)
			return t.Name, err
		},
	})
}
