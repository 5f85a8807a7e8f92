package web

import (
	"net/http"
	"time"

	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// mineScope is the "my work" of an officer in the queue: the director's
// are the steps held by the leadership (no unit, role director); everyone
// else's are the steps of their unit.
func mineScope(p *auth.Principal) (units []string, role string) {
	if p.Role == org.Director {
		return []string{""}, string(org.Director)
	}
	return []string{p.UnitCode}, ""
}

// workSummary is the dashboard's "my work": the dossiers in the officer's
// queue, those due today and overdue, and those waiting for this officer
// (the step's role is theirs; at the desk, also online dossiers to accept
// and results to return), with the most urgent few.
type workSummary struct {
	Mine, DueToday, Overdue, Waiting int
	Top                              []queueRow
}

// workLimit bounds the dossiers the dashboard reads for its counts; a
// queue longer than that shows "500+" worth of work anyway.
const workLimit = 500

// myWork sums up the officer's queue; nil for roles without one (the
// administrator, auditors, statisticians).
func (s *Server) myWork(r *http.Request, p *auth.Principal, book *calendar.RuleBook, now time.Time) (*workSummary, error) {
	if !p.Can(auth.ViewDossiers) || !p.Can(auth.HandleDossier) && !p.Can(auth.ReceiveDossier) {
		return nil, nil
	}
	if p.Role != org.Director && p.UnitCode == "" {
		return nil, nil
	}
	units, role := mineScope(p)
	open := []dossier.Status{dossier.Accepted, dossier.Processing, dossier.SupplementWaiting, dossier.FeeWaiting}
	list, err := s.db.Dossiers().Queue(r.Context(), p.TenantID, sqlstore.QueueFilter{Units: units, Role: role, Statuses: open, Limit: workLimit})
	if err != nil {
		return nil, err
	}
	w := &workSummary{}
	cal := book.At(now)
	today := calendar.DateOf(now)
	for _, d := range list {
		if !canSee(p, &d) {
			continue
		}
		w.Mine++
		row := queueRow{Dossier: d}
		st := d.CurrentStep()
		if st != nil {
			row.StepName, row.StepDue = st.Name, st.DueAt
			if st.Role == string(p.Role) {
				w.Waiting++
			}
		}
		due := row.StepDue
		if due == nil {
			due = d.DueAt
		}
		switch {
		case due == nil:
		case now.After(*due):
			w.Overdue++
			row.Urgency = "overdue"
		case calendar.DateOf(*due) == today:
			w.DueToday++
			row.Urgency = "soon"
		case cal.WorkingTimeBetween(now, *due) <= 4*time.Hour:
			row.Urgency = "soon"
		}
		if len(w.Top) < 5 {
			w.Top = append(w.Top, row)
		}
	}
	if p.Role == org.Clerk {
		// The desk also waits on online filings and finished results.
		for _, st := range []dossier.Status{dossier.Submitted, dossier.ResultReady} {
			more, err := s.db.Dossiers().Queue(r.Context(), p.TenantID, sqlstore.QueueFilter{Statuses: []dossier.Status{st}, Limit: workLimit})
			if err != nil {
				return nil, err
			}
			w.Waiting += len(more)
		}
	}
	return w, nil
}
