package legaldoc

import (
	"sort"
	"time"
)

// Status is a document's validity on a day. It is never typed: ValidityOn
// computes it from the document's dates and the relations that act on it.
type Status string

const (
	StatusNotYet          Status = "not_yet"          // chưa có hiệu lực
	StatusInForce         Status = "in_force"         // còn hiệu lực
	StatusPartlyExpired   Status = "partly_expired"   // hết hiệu lực một phần
	StatusExpired         Status = "expired"          // hết hiệu lực toàn bộ
	StatusSuspended       Status = "suspended"        // ngưng hiệu lực toàn bộ
	StatusPartlySuspended Status = "partly_suspended" // ngưng hiệu lực một phần
)

// Statuses lists the statuses in report order.
var Statuses = []Status{StatusNotYet, StatusInForce, StatusPartlyExpired, StatusPartlySuspended, StatusSuspended, StatusExpired}

var statusNames = map[Status]string{
	StatusNotYet:          "Chưa có hiệu lực",
	StatusInForce:         "Còn hiệu lực",
	StatusPartlyExpired:   "Hết hiệu lực một phần",
	StatusExpired:         "Hết hiệu lực toàn bộ",
	StatusSuspended:       "Ngưng hiệu lực toàn bộ",
	StatusPartlySuspended: "Ngưng hiệu lực một phần",
}

// Name is the status's Vietnamese name, as the official database uses it.
func (s Status) Name() string { return statusNames[s] }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusNames[s]; return ok }

// Applies reports whether the document (or some of it) can be applied.
func (s Status) Applies() bool {
	return s == StatusInForce || s == StatusPartlyExpired || s == StatusPartlySuspended
}

// Validity is a document's standing on a day, with what caused it.
type Validity struct {
	Status Status
	// Since is the first day of the status (for an expired document: the
	// first day it is no longer in force).
	Since time.Time
	// Expired and Suspended are the parts no longer in force or suspended
	// (for a partial status); Amended the parts amended so far.
	Expired, Suspended, Amended []string
	// By are the relations behind the status (and, for a guiding document
	// that lapsed with the one it guides, the guided document's).
	By []Relation
	// ExpiredOn is the day each expired part (by NormArticle) expired.
	ExpiredOn map[string]time.Time
	// Lapsed is set when the document expired because every document (or
	// part) it details expired.
	Lapsed bool
}

// Graph is the part of the law book validity depends on: documents by ID and
// the relations acting on them and coming from them.
type Graph struct {
	Docs map[string]Document
	on   map[string][]Relation // by target
	from map[string][]Relation // by source
}

// NewGraph indexes documents and relations.
func NewGraph(docs []Document, rels []Relation) *Graph {
	g := &Graph{Docs: make(map[string]Document, len(docs)), on: map[string][]Relation{}, from: map[string][]Relation{}}
	for _, d := range docs {
		g.Docs[d.ID] = d
	}
	for _, r := range rels {
		g.on[r.TargetID] = append(g.on[r.TargetID], r)
		g.from[r.SourceID] = append(g.from[r.SourceID], r)
	}
	return g
}

// On are the relations acting on a document; From those it makes.
func (g *Graph) On(id string) []Relation   { return g.on[id] }
func (g *Graph) From(id string) []Relation { return g.from[id] }

// ValidityOn is the validity of document id on day (ValidityOf with the
// graph's relations). An unknown document is "not yet in force".
func (g *Graph) ValidityOn(id string, on time.Time) Validity {
	return g.validity(id, dateOf(on), 0)
}

// maxDepth bounds the chain of guiding documents followed (a document
// detailing one that details another…), and breaks cycles of bad data.
const maxDepth = 4

func (g *Graph) validity(id string, on time.Time, depth int) Validity {
	d, ok := g.Docs[id]
	if !ok {
		return Validity{Status: StatusNotYet}
	}
	v := ValidityOf(d, g.on[id], on)
	if v.Status == StatusNotYet || v.Status == StatusExpired || depth >= maxDepth {
		return v
	}
	// Law 80/2015/QH13 Art. 154(3), kept by Law 64/2025/QH15: a document
	// detailing another expires together with the document, or the
	// articles, it details. It lapses once everything it details expired.
	var guided []Relation
	for _, r := range g.from[id] {
		if r.Kind == RelGuides && !r.EffectiveOn.After(on) {
			guided = append(guided, r)
		}
	}
	if len(guided) == 0 {
		return v
	}
	// Expiry is for good, so the document lapsed on the first day on which
	// every part it detailed by then had gone: try the days its targets
	// expired, earliest first.
	ends := make([]time.Time, len(guided))
	var days []time.Time
	for i, r := range guided {
		if _, known := g.Docs[r.TargetID]; !known {
			return v
		}
		end, gone := partsGone(g.validity(r.TargetID, on, depth+1), r.Articles)
		if !gone {
			end = time.Time{}
		} else {
			days = append(days, end)
		}
		ends[i] = end
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	for _, c := range days {
		all := true
		var by []Relation
		for i, r := range guided {
			if r.EffectiveOn.After(c) {
				continue
			}
			if ends[i].IsZero() || ends[i].After(c) {
				all = false
				break
			}
			by = append(by, r)
		}
		if all && len(by) > 0 {
			return Validity{Status: StatusExpired, Since: c, By: by, Lapsed: true, Amended: v.Amended}
		}
	}
	return v
}

// partsGone reports whether the target's parts (all of it when none) have
// expired, and since when.
func partsGone(t Validity, parts []string) (time.Time, bool) {
	if t.Status == StatusExpired {
		return t.Since, true
	}
	if len(parts) == 0 {
		return time.Time{}, false
	}
	var last time.Time
	for _, a := range parts {
		on, ok := t.ExpiredOn[NormArticle(a)]
		if !ok {
			return time.Time{}, false
		}
		if on.After(last) {
			last = on
		}
	}
	return last, true
}

// ValidityOf computes a document's validity on a day from its dates and the
// relations acting on it (relations whose target is not d are ignored):
//
//   - before its day in force it is not yet in force (Law 64/2025/QH15:
//     the day in force is stated in the document);
//   - it expires wholly when its own term ends, or when another document
//     replaces or repeals the whole of it (expiry cases of Law 80/2015 Art.
//     154(1), kept by Law 64/2025);
//   - it expires in part when articles of it are replaced or repealed;
//     amending articles leaves it in force;
//   - a suspension (đình chỉ thi hành, Decree 79/2025 on checking) stops
//     it, wholly or in part, from its effective day until a later decision
//     lifts the suspension ("resumes").
//
// Wholly expired outranks suspended, which outranks partly expired.
func ValidityOf(d Document, rels []Relation, on time.Time) Validity {
	on = dateOf(on)
	if on.Before(dateOf(d.InForceOn)) {
		return Validity{Status: StatusNotYet}
	}
	var mine []Relation
	for _, r := range rels {
		if r.TargetID == d.ID && !r.EffectiveOn.After(on) && r.Kind.Valid() {
			mine = append(mine, r)
		}
	}
	sort.SliceStable(mine, func(i, j int) bool { return mine[i].EffectiveOn.Before(mine[j].EffectiveOn) })

	var v Validity
	// Whole expiry: the earliest of its own end and a whole replacement or repeal.
	var end time.Time
	var endBy []Relation
	if d.EndsOn != nil && on.After(dateOf(*d.EndsOn)) {
		end = dateOf(*d.EndsOn).AddDate(0, 0, 1)
	}
	for _, r := range mine {
		if (r.Kind == RelReplaces || r.Kind == RelRepeals) && r.Whole() {
			if end.IsZero() || r.EffectiveOn.Before(end) {
				end, endBy = r.EffectiveOn, []Relation{r}
			}
			break // sorted: the first is the earliest
		}
	}
	expired := newParts()
	amended := newParts()
	expiredOn := map[string]time.Time{}
	var partBy []Relation
	var partSince time.Time
	for _, r := range mine {
		switch {
		case (r.Kind == RelReplaces || r.Kind == RelRepeals) && !r.Whole():
			expired.add(r.Articles...)
			for _, a := range r.Articles {
				if _, ok := expiredOn[NormArticle(a)]; !ok {
					expiredOn[NormArticle(a)] = r.EffectiveOn
				}
			}
			partBy = append(partBy, r)
			if partSince.IsZero() {
				partSince = r.EffectiveOn
			}
		case r.Kind == RelAmends:
			amended.add(r.Articles...)
		}
	}
	v.Amended, v.ExpiredOn = amended.list, expiredOn
	if !end.IsZero() {
		v.Status, v.Since, v.By, v.Expired = StatusExpired, end, endBy, expired.list
		return v
	}
	// Suspensions and their lifting, in order.
	wholeSusp := false
	var suspSince time.Time
	susp := newParts()
	var suspBy []Relation
	for _, r := range mine {
		switch r.Kind {
		case RelSuspends:
			if r.Whole() {
				if !wholeSusp {
					suspSince = r.EffectiveOn
				}
				wholeSusp = true
			} else {
				if !wholeSusp && len(susp.list) == 0 {
					suspSince = r.EffectiveOn
				}
				susp.add(r.Articles...)
			}
			suspBy = append(suspBy, r)
		case RelResumes:
			if r.Whole() {
				wholeSusp, susp, suspBy = false, newParts(), nil
			} else {
				susp.remove(r.Articles...)
				if len(susp.list) == 0 && !wholeSusp {
					suspBy = nil
				}
			}
		}
	}
	v.Expired = expired.list
	switch {
	case wholeSusp:
		v.Status, v.Since, v.By = StatusSuspended, suspSince, suspBy
	case len(susp.list) > 0:
		v.Status, v.Since, v.By, v.Suspended = StatusPartlySuspended, suspSince, suspBy, susp.list
	case len(expired.list) > 0:
		v.Status, v.Since, v.By = StatusPartlyExpired, partSince, partBy
	default:
		v.Status, v.Since = StatusInForce, dateOf(d.InForceOn)
	}
	return v
}

// parts is an ordered set of article references.
type parts struct {
	seen map[string]int
	list []string
}

func newParts() *parts { return &parts{seen: map[string]int{}} }

func (p *parts) add(as ...string) {
	for _, a := range as {
		k := NormArticle(a)
		if _, ok := p.seen[k]; ok || k == "" {
			continue
		}
		p.seen[k] = len(p.list)
		p.list = append(p.list, a)
	}
}

func (p *parts) remove(as ...string) {
	drop := map[string]bool{}
	for _, a := range as {
		drop[NormArticle(a)] = true
	}
	var keep []string
	for _, a := range p.list {
		if !drop[NormArticle(a)] {
			keep = append(keep, a)
		}
	}
	p.seen, p.list = map[string]int{}, nil
	p.add(keep...)
}
