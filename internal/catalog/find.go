package catalog

import (
	"strings"

	"tuphap/internal/calendar"
)

// Find returns the procedure of list with the given ID or national code that
// is in force on day. An ID names one version; a national code may name
// several versions over time, and the one in force is chosen.
func Find(list []Procedure, idOrCode string, on calendar.Date) (Procedure, bool) {
	key := strings.TrimSpace(idOrCode)
	for _, p := range list {
		if p.ID == key && p.InForceAt(on) {
			return p, true
		}
	}
	for _, p := range list {
		if key != "" && p.Code == key && p.InForceAt(on) {
			return p, true
		}
	}
	return Procedure{}, false
}

// Search returns the procedures in force on day whose folded name, code or
// field contains the folded query (diacritics and case ignored; đ = d).
func Search(list []Procedure, query string, on calendar.Date) []Procedure {
	q := Fold(query)
	var out []Procedure
	for _, p := range list {
		if !p.InForceAt(on) {
			continue
		}
		if q == "" || strings.Contains(p.SearchText(), q) {
			out = append(out, p)
		}
	}
	return out
}
