package web

import (
	"net/http"
	"sort"
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
	ctx := r.Context()
	tid := principalFrom(ctx).TenantID
	from, to, now := p.From.At(0), p.To.AddDays(1).At(0), s.now()
	out := &acceptanceReport{Basis: dossier.AcceptanceRules[len(dossier.AcceptanceRules)-1].Basis}
	// Submissions that carry their limit are counted by the roll-up (issue
	// 17); older or imported ones are measured here, one by one.
	c, err := s.db.Reports().AcceptanceCounts(ctx, tid, from, to, now)
	if err != nil {
		return nil, err
	}
	out.Submitted, out.OnTime, out.AcceptanceFigures.Late, out.WaitingLate = int(c.Submitted), int(c.OnTime), int(c.Late), int(c.WaitingLate)
	out.Waiting = out.Submitted - out.OnTime - out.AcceptanceFigures.Late - out.WaitingLate
	procs := procedureNames(s.catalog)
	var rows []acceptanceRow
	stored, err := s.db.Reports().LateOnline(ctx, tid, from, to, now, acceptanceListMax)
	if err != nil {
		return nil, err
	}
	for _, a := range stored {
		ref := a.Code
		if ref == "" {
			ref = a.ID
		}
		name := procs[a.Procedure]
		if name == "" {
			name = a.Procedure
		}
		rows = append(rows, acceptanceRow{Ref: ref, Procedure: name, Submitted: a.Submitted, Deadline: a.Due, Answered: a.Answered})
	}
	ds, err := s.db.Reports().UnmeasuredOnline(ctx, tid, from, to, acceptanceReadMax+1)
	if err != nil {
		return nil, err
	}
	if len(ds) > acceptanceReadMax {
		out.Capped, ds = true, ds[:acceptanceReadMax]
	}
	if len(ds) > 0 {
		book, err := s.book(r)
		if err != nil {
			return nil, err
		}
		f, late, err := dossier.CountAcceptance(ds, book, now)
		if err != nil {
			return nil, err
		}
		out.Submitted += f.Submitted
		out.OnTime += f.OnTime
		out.AcceptanceFigures.Late += f.Late
		out.WaitingLate += f.WaitingLate
		out.Waiting += f.Waiting
		for i := range late {
			d := &late[i]
			a, _, err := dossier.AcceptanceOf(d, book.At(d.SubmittedAt), now)
			if err != nil {
				return nil, err
			}
			ref := d.Code
			if ref == "" {
				ref = d.ID
			}
			rows = append(rows, acceptanceRow{Ref: ref, Procedure: d.ProcedureName, Submitted: d.SubmittedAt, Deadline: a.Deadline, Answered: a.Answered})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Submitted.Before(rows[j].Submitted) })
	out.Late = rows[:min(len(rows), acceptanceListMax)]
	return out, nil
}
