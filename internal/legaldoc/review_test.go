package legaldoc

import "testing"

// TestWithItem: one verdict per document and round (Decree 79/2025/NĐ-CP:
// the review's result per document); a later verdict replaces the earlier.
func TestWithItem(t *testing.T) {
	var items []ReviewItem
	items = WithItem(items, ReviewItem{DocumentID: "a", Verdict: VerdictKeep})
	items = WithItem(items, ReviewItem{DocumentID: "b", Verdict: VerdictAmend, Note: "Điều 3 trái luật mới"})
	items = WithItem(items, ReviewItem{DocumentID: "a", Verdict: VerdictRepeal, Note: "Hết đối tượng điều chỉnh"})
	if len(items) != 2 || items[0].DocumentID != "a" || items[0].Verdict != VerdictRepeal || items[0].Note != "Hết đối tượng điều chỉnh" || items[1].Verdict != VerdictAmend {
		t.Errorf("items %+v", items)
	}
	c := VerdictCounts(append(items, ReviewItem{DocumentID: "c", Verdict: VerdictAmend}))
	if c[VerdictAmend] != 2 || c[VerdictRepeal] != 1 || c[VerdictKeep] != 0 {
		t.Errorf("counts %v", c)
	}
}
