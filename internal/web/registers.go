package web

import (
	"tuphap/internal/apperr"
	"tuphap/internal/external/vneid"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
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
func (s *Server) EnableJudicialRecords(j *JudicialRecords) { s.jr = j }

func (s *Server) needJR() error {
	if s.jr == nil {
		return apperr.New(apperr.NotFound, "Chức năng lý lịch tư pháp chưa được bật.")
	}
	return nil
}
