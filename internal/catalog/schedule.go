package catalog

import (
	"encoding/json"
	"fmt"
	"slices"

	"tuphap/internal/calendar"
)

// Notice is a change of a procedure announced for a future day that the
// catalogue records before the new version can be written out (its content
// not yet known): what changes, from what to what, on which source, and
// whether that source was checked (Verified false: a secondary source).
type Notice struct {
	ProcedureID string        `json:"procedure_id"`
	Procedure   string        `json:"procedure"`
	On          calendar.Date `json:"on"`
	What        string        `json:"what"`
	From        string        `json:"from,omitempty"`
	To          string        `json:"to"`
	Source      string        `json:"source"`
	Verified    bool          `json:"verified"`
	Note        string        `json:"note,omitempty"`
}

// Change is one thing that changes on a day: from a later version of a
// procedure (Replaces) or from a Notice.
type Change = Notice

const noticesFile = "data/notices.json"

// BuiltinNotices returns the recorded changes of the built-in catalogue.
func BuiltinNotices() ([]Notice, error) {
	b, err := dataFS.ReadFile(noticesFile)
	if err != nil {
		return nil, fmt.Errorf("catalog: read %s: %w", noticesFile, err)
	}
	var ns []Notice
	if err := json.Unmarshal(b, &ns); err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", noticesFile, err)
	}
	for i, n := range ns {
		if n.Procedure == "" || n.What == "" || n.To == "" || n.Source == "" || !n.On.IsValid() {
			return nil, fmt.Errorf("catalog: %s: notice %d is incomplete", noticesFile, i+1)
		}
	}
	return ns, nil
}

// Upcoming lists the changes taking effect after today and at most days
// later, by day then procedure: the differences (competent agency,
// authority, time limit) between each version that Replaces another and
// the version it replaces, and the notices.
func Upcoming(ps []Procedure, notices []Notice, today calendar.Date, days int) []Change {
	last := today.AddDays(days)
	in := func(d calendar.Date) bool { return d.After(today) && !d.After(last) }
	byID := map[string]Procedure{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	var out []Change
	for _, p := range ps {
		old, ok := byID[p.Replaces]
		if p.Replaces == "" || !ok || !in(p.EffectiveFrom) {
			continue
		}
		add := func(what, from, to string) {
			if from != to {
				out = append(out, Change{ProcedureID: p.ID, Procedure: p.Name, On: p.EffectiveFrom, What: what, From: from, To: to,
					Source: legalText(p.LegalBasis), Verified: !p.Unverified})
			}
		}
		add("Cơ quan thực hiện", old.Agency.Label(), p.Agency.Label())
		add("Người có thẩm quyền quyết định", old.Authority, p.Authority)
		add("Thời hạn giải quyết", durationText(old.TimeLimit), durationText(p.TimeLimit))
	}
	for _, n := range notices {
		if in(n.On) {
			out = append(out, n)
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		if c := a.On.Compare(b.On); c != 0 {
			return c
		}
		return compareStrings(a.Procedure, b.Procedure)
	})
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func legalText(ls []LegalRef) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += "; "
		}
		s += l.Title
	}
	return s
}
