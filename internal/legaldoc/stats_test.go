package legaldoc

import "testing"

func TestCompute(t *testing.T) {
	p := Period{From: d(2025, 1, 1), To: d(2025, 12, 31)}
	tasks := []Task{
		{Type: TaskAppraisal, DraftKind: KindCouncilResolution, ReceivedOn: d(2025, 3, 1), DueOn: dp(2025, 3, 12), ReportOn: dp(2025, 3, 10)},
		{Type: TaskAppraisal, DraftKind: KindPCDecision, ReceivedOn: d(2025, 5, 1), DueOn: dp(2025, 5, 12), ReportOn: dp(2025, 5, 14)}, // late
		{Type: TaskAppraisal, DraftKind: KindPCDecision, ReceivedOn: d(2024, 12, 20), DueOn: dp(2025, 1, 5), ReportOn: dp(2025, 1, 3)}, // received last year
		{Type: TaskAppraisal, DraftKind: KindPCDecision, ReceivedOn: d(2025, 12, 28)},                                                  // open at the end
		{Type: TaskAppraisal, DraftKind: KindPCDecision, ReceivedOn: d(2025, 12, 20), DueOn: dp(2026, 1, 2), ReportOn: dp(2026, 1, 2)}, // open at the end
		{Type: TaskOpinion, Origin: OriginCentral, ReceivedOn: d(2025, 2, 1), ReportOn: dp(2025, 2, 10)},
		{Type: TaskOpinion, Origin: OriginOther, ReceivedOn: d(2025, 2, 1), ReportOn: dp(2025, 2, 11)},
		{Type: TaskOpinion, Origin: OriginOther, ReceivedOn: d(2025, 12, 30)},
		{Type: TaskProposal, ReceivedOn: d(2025, 6, 1), ReportOn: dp(2025, 6, 15)},
	}
	checks := []Check{
		{Mode: CheckIssued, CheckedOn: dp(2025, 8, 1), Findings: []Finding{{Article: "Điều 3", Content: "Quy định thủ tục hành chính"}}, ClosedOn: dp(2025, 9, 1)},
		{Mode: CheckSelf, CheckedOn: dp(2025, 8, 2)},
		{Mode: CheckSelf}, // not checked yet
	}
	f := Compute(p, tasks, checks, nil, nil)
	got := []int{f.AppraisalReceived, f.AppraisalReported, f.AppraisalLate, f.AppraisalOpen, f.OpinionGiven, f.ByOrigin[OriginOther], f.ProposalReported, f.Checked, f.Unlawful, f.CheckClosed}
	want := []int{4, 3, 1, 2, 2, 1, 1, 2, 1, 1}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("figures %v, want %v", got, want)
		}
	}
	if f.OnTimeRate == nil || int(*f.OnTimeRate+0.5) != 67 {
		t.Errorf("on-time rate 2/3: %v", f.OnTimeRate)
	}
}

func TestYearlyLists(t *testing.T) {
	docs := []Document{
		{ID: "A", Number: "1/2020/QĐ-UBND", InForceOn: d(2020, 1, 1)},
		{ID: "B", Number: "2/2021/QĐ-UBND", InForceOn: d(2021, 1, 1)},
		{ID: "C", Number: "3/2022/QĐ-UBND", InForceOn: d(2022, 1, 1)},
		{ID: "D", Number: "4/2022/QĐ-UBND", InForceOn: d(2022, 1, 1)},
	}
	rels := []Relation{
		rel(RelReplaces, "N", "A", d(2025, 3, 1)),
		rel(RelRepeals, "N", "B", d(2025, 3, 1), "Điều 2"),
		rel(RelSuspends, "S", "C", d(2025, 10, 1)),
		rel(RelRepeals, "N", "D", d(2024, 3, 1)), // last year: not on 2025's list
	}
	e, p, s := YearlyLists(NewGraph(docs, rels), 2025)
	if len(e) != 1 || e[0].Document.ID != "A" || len(p) != 1 || p[0].Document.ID != "B" || len(s) != 1 || s[0].Document.ID != "C" {
		t.Errorf("lists: %v / %v / %v", e, p, s)
	}
}
