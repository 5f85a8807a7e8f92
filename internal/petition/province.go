package petition

import (
	"context"

	"tuphap/internal/calendar"
)

// The department sees and reports on the registers of its province's
// communes; each commune keeps its own book in its own tenant
// (REGISTERS.md "Who keeps it"). The province's figures are each unit's
// figures, computed from its records with its own calendar, and their sum.

// Keeper is one keeper of a book in the province: the department itself or
// one of its communes.
type Keeper struct {
	TenantID string `json:"-"`
	Code     string `json:"code"` // the commune's 5-digit code; empty for the department
	Name     string `json:"name"`
}

// UnitFigures are one unit's figures.
type UnitFigures struct {
	Unit    Keeper  `json:"unit"`
	Figures Figures `json:"figures"`
}

// ProvinceFigures are the figures of the department and each of its
// communes for a period, and their total.
type ProvinceFigures struct {
	From  calendar.Date `json:"from"`
	To    calendar.Date `json:"to"`
	Units []UnitFigures `json:"units"`
	Total Figures       `json:"total"`
}

// Sum adds figures of the same period unit by unit: every count, every
// breakdown and the reception book's counts. Months without a director's
// reception are a unit's own duty and are not summed.
func Sum(from, to calendar.Date, fs []Figures) Figures {
	t := Figures{From: from, To: to, ByKind: map[Kind]int{}, ByChannel: map[Channel]map[Kind]int{},
		Conclusion: map[Conclusion]int{}, ResolvedBy: map[Kind]map[Conclusion]int{}, PerKind: map[Kind]map[string]int{}}
	for _, c := range Channels {
		t.ByChannel[c] = map[Kind]int{}
	}
	for _, f := range fs {
		t.Received += f.Received
		t.Duplicates += f.Duplicates
		t.Anonymous += f.Anonymous
		t.Accepted += f.Accepted
		t.Forwarded += f.Forwarded
		t.Guided += f.Guided
		t.Filed += f.Filed
		t.Resolved += f.Resolved
		t.OnTime += f.OnTime
		t.Late += f.Late
		t.Terminated += f.Terminated
		t.Pending += f.Pending
		t.Overdue += f.Overdue
		t.AmountVND += f.AmountVND
		t.LandM2 += f.LandM2
		t.Visits.Visits += f.Visits.Visits
		t.Visits.Persons += f.Visits.Persons
		t.Visits.Groups += f.Visits.Groups
		t.Visits.DirectorDays += f.Visits.DirectorDays
		for k, n := range f.ByKind {
			t.ByKind[k] += n
		}
		for c, m := range f.ByChannel {
			if t.ByChannel[c] == nil {
				t.ByChannel[c] = map[Kind]int{}
			}
			for k, n := range m {
				t.ByChannel[c][k] += n
			}
		}
		for c, n := range f.Conclusion {
			t.Conclusion[c] += n
		}
		for k, m := range f.ResolvedBy {
			if t.ResolvedBy[k] == nil {
				t.ResolvedBy[k] = map[Conclusion]int{}
			}
			for c, n := range m {
				t.ResolvedBy[k][c] += n
			}
		}
		for k, m := range f.PerKind {
			if t.PerKind[k] == nil {
				t.PerKind[k] = map[string]int{}
			}
			for c, n := range m {
				t.PerKind[k][c] += n
			}
		}
	}
	return t
}

// Province computes the figures of [from, to] of each unit, in the order
// given, and their total.
func (s *Service) Province(ctx context.Context, units []Keeper, from, to calendar.Date) (ProvinceFigures, error) {
	out := ProvinceFigures{From: from, To: to}
	fs := make([]Figures, 0, len(units))
	for _, u := range units {
		f, err := s.Figures(ctx, u.TenantID, from, to)
		if err != nil {
			return out, err
		}
		out.Units = append(out.Units, UnitFigures{Unit: u, Figures: f})
		fs = append(fs, f)
	}
	out.Total = Sum(from, to, fs)
	return out, nil
}
