package web

import (
	"context"

	"tuphap/internal/apperr"
	"tuphap/internal/external/vneid"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/web/judicialrecordweb"
)

// The registers' areas are switched on here, before Handler: a register
// that is not enabled registers no routes (routes.go).

// JudicialRecords is what the judicial-record screens need.
type JudicialRecords struct {
	Service  *judicialrecord.Service
	Issuing  judicialrecord.Issuing
	Handover *handover.Service
	Verifier judicialrecord.Verifier
	VNeID    vneid.Inbox
}

// EnableJudicialRecords turns on the judicial-record screens and the public
// verification page (web/judicialrecordweb), the portal's request form and
// the hand-over screens.
func (s *Server) EnableJudicialRecords(j *JudicialRecords) {
	s.jr = j
	s.jrScreens = judicialrecordweb.New(kernel{s}, judicialrecordweb.Config{
		Service: j.Service, Issuing: j.Issuing, Verifier: j.Verifier, VNeID: j.VNeID, Now: s.now,
		IssuerName: func(ctx context.Context, tenantID string) (string, error) {
			t, err := s.db.Tenant(ctx, tenantID)
			return t.Name, err
		},
	})
}

func (s *Server) needJR() error {
	if s.jr == nil {
		return apperr.New(apperr.NotFound, "Chức năng lý lịch tư pháp chưa được bật.")
	}
	return nil
}
