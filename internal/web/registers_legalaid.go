package web

import (
	"context"

	"tuphap/internal/legalaid"
	"tuphap/internal/web/legalaidweb"
)

// LegalAid is what the legal-aid screens need.
type LegalAid struct {
	Service *legalaid.Service
}

// EnableLegalAid turns on the state legal-aid register
// (web/legalaidweb) and its portal pages (portal_legalaid.go). The
// register lives in the department's tenant: the Legal Aid Centre is a
// unit of the department.
func (s *Server) EnableLegalAid(l *LegalAid) {
	s.legalAid = l
	s.laScreens = legalaidweb.New(kernel{s}, legalaidweb.Config{
		Service: l.Service, Now: s.now,
		Agency: func(ctx context.Context, id string) (string, error) {
			t, err := s.db.Org().Tenant(ctx, id)
			return t.Name, err
		},
	})
}
