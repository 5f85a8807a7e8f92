package web

import (
	"net/http"
	"time"

	"tuphap/internal/dossier"
	"tuphap/internal/report"
)

// acceptanceReport is the period's online submissions against the
// acceptance limit of Decree 118/2025/NĐ-CP Art. 17(2)(c): accepted or
// queried within 8 working hours.
type acceptanceReport struct {
	dossier.AcceptanceFigures
	Basis string
	// Late lists the late ones (at most acceptanceListMax).
	Late []acceptanceRow
	// Capped: the period has more online submissions than were read.
	Capped bool
}

type acceptanceRow struct {
	Ref       string
	Procedure string
	Submitted time.Time
	Deadline  time.Time
	Answered  *time.Time
}

const (
	acceptanceReadMax = 50_000
	acceptanceListMax = 50
)

func (s *Server) acceptanceReport(r *http.Request, p report.Period) (*acceptanceReport, error) {
	tid := principalFrom(r.Context()).TenantID
	ds, err := s.db.OnlineSubmissions(r.Context(), tid, p.From.At(0), p.To.AddDays(1).At(0), acceptanceReadMax+1)
	if err != nil {
		return nil, err
	}
	out := &acceptanceReport{Basis: dossier.AcceptanceRules[len(dossier.AcceptanceRules)-1].Basis}
	if len(ds) > acceptanceReadMax {
		out.Capped, ds = true, ds[:acceptanceReadMax]
	}
	book, err := s.book(r)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var late []dossier.Dossier
	if out.AcceptanceFigures, late, err = dossier.CountAcceptance(ds, book, now); err != nil {
		return nil, err
	}
	for i := range late {
		if len(out.Late) == acceptanceListMax {
			break
		}
		d := &late[i]
		a, _, err := dossier.AcceptanceOf(d, book.At(d.SubmittedAt), now)
		if err != nil {
			return nil, err
		}
		ref := d.Code
		if ref == "" {
			ref = d.ID
		}
		out.Late = append(out.Late, acceptanceRow{Ref: ref, Procedure: d.ProcedureName, Submitted: d.SubmittedAt, Deadline: a.Deadline, Answered: a.Answered})
	}
	return out, nil
}
