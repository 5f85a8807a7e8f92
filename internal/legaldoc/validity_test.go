package legaldoc

import (
	"math/rand/v2"
	"testing"
	"time"
)

func d(y, m, dd int) time.Time   { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
func dp(y, m, dd int) *time.Time { t := d(y, m, dd); return &t }

func rel(k RelationKind, src, tgt string, on time.Time, arts ...string) Relation {
	return Relation{ID: src + ">" + tgt + string(k), Kind: k, SourceID: src, TargetID: tgt, EffectiveOn: on, Articles: arts}
}

func TestValidityOf(t *testing.T) {
	fee := Document{ID: "A", Kind: KindCouncilResolution, Number: "10/2024/NQ-HĐND", SignedOn: d(2024, 7, 10), InForceOn: d(2024, 8, 1)}
	term := fee
	term.EndsOn = dp(2025, 12, 31)
	tests := []struct {
		name     string
		doc      Document
		rels     []Relation
		on       time.Time
		want     Status
		since    time.Time
		parts    []string
		suspends []string
	}{
		{"not yet in force: before its day in force", fee, nil, d(2024, 7, 31), StatusNotYet, time.Time{}, nil, nil},
		{"in force from its day in force", fee, nil, d(2024, 8, 1), StatusInForce, d(2024, 8, 1), nil, nil},
		{"amended in part: stays in force", fee, []Relation{rel(RelAmends, "B", "A", d(2025, 1, 1), "Điều 2")}, d(2025, 3, 1), StatusInForce, d(2024, 8, 1), nil, nil},
		{"articles repealed: partly expired from the repeal's day", fee, []Relation{rel(RelRepeals, "B", "A", d(2025, 1, 1), "Điều 3", "khoản 2 Điều 4")}, d(2025, 3, 1), StatusPartlyExpired, d(2025, 1, 1), []string{"Điều 3", "khoản 2 Điều 4"}, nil},
		{"an article replaced: partly expired", fee, []Relation{rel(RelReplaces, "B", "A", d(2025, 1, 1), "Điều 3")}, d(2025, 1, 1), StatusPartlyExpired, d(2025, 1, 1), []string{"Điều 3"}, nil},
		{"a later repeal does not count yet", fee, []Relation{rel(RelRepeals, "B", "A", d(2025, 1, 1), "Điều 3")}, d(2024, 12, 31), StatusInForce, d(2024, 8, 1), nil, nil},
		{"replaced wholly: expired from the replacement's day in force", fee, []Relation{rel(RelReplaces, "B", "A", d(2025, 9, 1))}, d(2025, 9, 1), StatusExpired, d(2025, 9, 1), nil, nil},
		{"repealed wholly: expired", fee, []Relation{rel(RelRepeals, "B", "A", d(2025, 9, 1))}, d(2026, 1, 1), StatusExpired, d(2025, 9, 1), nil, nil},
		{"own term ended: expired the day after its last day", term, nil, d(2026, 1, 1), StatusExpired, d(2026, 1, 1), nil, nil},
		{"own term: still in force on its last day", term, nil, d(2025, 12, 31), StatusInForce, d(2024, 8, 1), nil, nil},
		{"suspended wholly", fee, []Relation{rel(RelSuspends, "S", "A", d(2025, 2, 1))}, d(2025, 2, 10), StatusSuspended, d(2025, 2, 1), nil, nil},
		{"suspended then resumed: in force again", fee, []Relation{rel(RelSuspends, "S", "A", d(2025, 2, 1)), rel(RelResumes, "R", "A", d(2025, 4, 1))}, d(2025, 4, 1), StatusInForce, d(2024, 8, 1), nil, nil},
		{"suspended, resume not yet effective", fee, []Relation{rel(RelSuspends, "S", "A", d(2025, 2, 1)), rel(RelResumes, "R", "A", d(2025, 4, 1))}, d(2025, 3, 31), StatusSuspended, d(2025, 2, 1), nil, nil},
		{"an article suspended", fee, []Relation{rel(RelSuspends, "S", "A", d(2025, 2, 1), "Điều 5")}, d(2025, 2, 1), StatusPartlySuspended, d(2025, 2, 1), nil, []string{"Điều 5"}},
		{"two articles suspended, one resumed", fee, []Relation{rel(RelSuspends, "S", "A", d(2025, 2, 1), "Điều 5", "Điều 6"), rel(RelResumes, "R", "A", d(2025, 3, 1), "điều 5")}, d(2025, 3, 2), StatusPartlySuspended, d(2025, 2, 1), nil, []string{"Điều 6"}},
		{"suspended then replaced: expired outranks suspended", fee, []Relation{rel(RelSuspends, "S", "A", d(2025, 2, 1)), rel(RelReplaces, "B", "A", d(2025, 5, 1))}, d(2025, 6, 1), StatusExpired, d(2025, 5, 1), nil, nil},
		{"partly suspended outranks partly expired", fee, []Relation{rel(RelRepeals, "B", "A", d(2025, 1, 1), "Điều 3"), rel(RelSuspends, "S", "A", d(2025, 2, 1), "Điều 5")}, d(2025, 3, 1), StatusPartlySuspended, d(2025, 2, 1), []string{"Điều 3"}, []string{"Điều 5"}},
		{"relations on another document are ignored", fee, []Relation{rel(RelRepeals, "B", "X", d(2025, 1, 1))}, d(2025, 3, 1), StatusInForce, d(2024, 8, 1), nil, nil},
		{"the earlier of two whole replacements counts", fee, []Relation{rel(RelReplaces, "C", "A", d(2026, 1, 1)), rel(RelReplaces, "B", "A", d(2025, 7, 1))}, d(2026, 2, 1), StatusExpired, d(2025, 7, 1), nil, nil},
	}
	for _, tt := range tests {
		v := ValidityOf(tt.doc, tt.rels, tt.on)
		if v.Status != tt.want || !v.Since.Equal(tt.since) {
			t.Errorf("%s: got %s since %s, want %s since %s", tt.name, v.Status, v.Since.Format("02/01/2006"), tt.want, tt.since.Format("02/01/2006"))
		}
		if !sameParts(v.Expired, tt.parts) && tt.want != StatusExpired {
			t.Errorf("%s: expired parts %v, want %v", tt.name, v.Expired, tt.parts)
		}
		if !sameParts(v.Suspended, tt.suspends) {
			t.Errorf("%s: suspended parts %v, want %v", tt.name, v.Suspended, tt.suspends)
		}
		if v.Status != StatusInForce && v.Status != StatusNotYet && len(v.By) == 0 && tt.doc.EndsOn == nil {
			t.Errorf("%s: status %s names no relation behind it", tt.name, v.Status)
		}
	}
}

func sameParts(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if NormArticle(a[i]) != NormArticle(b[i]) {
			return false
		}
	}
	return true
}

// Law 80/2015/QH13 Art. 154(3), kept by Law 64/2025/QH15: a document
// detailing another lapses with it, or with the articles it details.
func TestGuidingDocumentLapses(t *testing.T) {
	law := Document{ID: "L", InForceOn: d(2024, 1, 1)}
	guide := Document{ID: "G", InForceOn: d(2024, 3, 1)}
	guideArt := Document{ID: "H", InForceOn: d(2024, 3, 1)}
	rels := []Relation{
		rel(RelGuides, "G", "L", d(2024, 3, 1)),
		rel(RelGuides, "H", "L", d(2024, 3, 1), "Điều 7"),
		rel(RelRepeals, "X", "L", d(2025, 1, 1), "Điều 7"),
		rel(RelReplaces, "Y", "L", d(2026, 1, 1)),
	}
	g := NewGraph([]Document{law, guide, guideArt}, rels)
	for _, tt := range []struct {
		name string
		id   string
		on   time.Time
		want Status
		sin  time.Time
	}{
		{"guide of the whole law in force while the law is", "G", d(2025, 6, 1), StatusInForce, d(2024, 3, 1)},
		{"guide of Art. 7 lapses when Art. 7 is repealed", "H", d(2025, 1, 1), StatusExpired, d(2025, 1, 1)},
		{"guide of the whole law lapses when the law is replaced", "G", d(2026, 1, 1), StatusExpired, d(2026, 1, 1)},
		{"the law itself: partly expired before its replacement", "L", d(2025, 6, 1), StatusPartlyExpired, d(2025, 1, 1)},
	} {
		v := g.ValidityOn(tt.id, tt.on)
		if v.Status != tt.want || !v.Since.Equal(tt.sin) {
			t.Errorf("%s: got %s since %s, want %s since %s", tt.name, v.Status, v.Since.Format("02/01/2006"), tt.want, tt.sin.Format("02/01/2006"))
		}
	}
	// A cycle of bad data does not loop.
	cyc := NewGraph([]Document{law, guide}, []Relation{rel(RelGuides, "G", "L", d(2024, 3, 1)), rel(RelGuides, "L", "G", d(2024, 3, 1))})
	if v := cyc.ValidityOn("G", d(2025, 1, 1)); v.Status != StatusInForce {
		t.Errorf("cycle: %s", v.Status)
	}
}

// Properties over random books: nothing is in force before its day in
// force; once wholly expired a document stays expired; amendments never
// change a status.
func TestValidityProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 2025))
	kinds := []RelationKind{RelReplaces, RelRepeals, RelSuspends, RelResumes, RelGuides}
	for n := 0; n < 2000; n++ {
		var docs []Document
		for i := 0; i < 4; i++ {
			doc := Document{ID: string(rune('A' + i)), InForceOn: d(2024, 1+rng.IntN(12), 1+rng.IntN(28))}
			if rng.IntN(5) == 0 {
				doc.EndsOn = dp(2026, 1+rng.IntN(12), 1)
			}
			docs = append(docs, doc)
		}
		var rels []Relation
		for i := rng.IntN(6); i > 0; i-- {
			r := rel(kinds[rng.IntN(len(kinds))], docs[rng.IntN(4)].ID, docs[rng.IntN(4)].ID, d(2024+rng.IntN(3), 1+rng.IntN(12), 1))
			if rng.IntN(2) == 0 {
				r.Articles = []string{"Điều " + string(rune('1'+rng.IntN(3)))}
			}
			rels = append(rels, r)
		}
		g := NewGraph(docs, rels)
		withAmend := NewGraph(docs, append(rels, rel(RelAmends, "Z", "A", d(2025, 1, 1), "Điều 1"), rel(RelAmends, "Z", "B", d(2025, 1, 1))))
		for _, doc := range docs {
			if v := g.ValidityOn(doc.ID, doc.InForceOn.AddDate(0, 0, -1)); v.Status != StatusNotYet {
				t.Fatalf("%s in force before its day: %s (%+v)", doc.ID, v.Status, rels)
			}
			expired := false
			for on := d(2024, 1, 1); on.Before(d(2027, 12, 31)); on = on.AddDate(0, 0, 17) {
				v := g.ValidityOn(doc.ID, on)
				if expired && v.Status != StatusExpired {
					t.Fatalf("%s expired then %s on %s (%+v)", doc.ID, v.Status, on.Format("02/01/2006"), rels)
				}
				expired = v.Status == StatusExpired
				if w := withAmend.ValidityOn(doc.ID, on); w.Status != v.Status {
					t.Fatalf("%s: an amendment changed %s into %s", doc.ID, v.Status, w.Status)
				}
			}
		}
	}
}
