package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/legaldoc"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func newLegalDoc(t testing.TB, db *sqlstore.DB, today time.Time) (*legaldoc.Service, legaldoc.Scope) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ten := mustTenant(t, newService(db), "STP-DT", "000.00.00.H82")
	svc := &legaldoc.Service{Store: db.LegalDocs(), InProvince: units.InProvince, Now: func() time.Time { return today }}
	return svc, legaldoc.Scope{TenantID: ten.ID, ProvinceCode: "82"}
}

var ldClerk = legaldoc.Actor{ID: "o1", Name: "chuyenvien.xdvb", IP: "127.0.0.1"}

// The law book: documents, relations down to the article, validity
// computed from them, and diacritic-insensitive search, on both engines.
func TestLegalDocBook(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, sc := newLegalDoc(t, db, mday(2026, 3, 1))
		fee, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindCouncilResolution, Number: "12/2024/NQ-HĐND",
			Title: "Quy định mức thu học phí đối với cơ sở giáo dục công lập năm học 2024-2025", Issuer: "HĐND tỉnh Đồng Tháp",
			SignedOn: mday(2024, 7, 10), InForceOn: mday(2024, 8, 1), Field: "Giáo dục",
			Body: "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Mức thu học phí\nĐiều 3. Miễn, giảm"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindCouncilResolution, Number: "12/2024/NQ-HĐND",
			Title: "Khác", Issuer: "HĐND tỉnh Đồng Tháp", SignedOn: mday(2024, 7, 10), InForceOn: mday(2024, 8, 1)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a number twice for one issuer: %v", err)
		}
		if _, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindCommuneResolution, Number: "01/2024/NQ-HĐND",
			Title: "X", Issuer: "HĐND xã", CommuneCode: "29905", SignedOn: mday(2024, 7, 10), InForceOn: mday(2024, 8, 1)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a commune resolution before 1/7/2025 (Law 87/2025): %v", err)
		}
		guide, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindPCDecision, Number: "30/2024/QĐ-UBND",
			Title: "Quy định chi tiết thu, nộp học phí", Issuer: "UBND tỉnh Đồng Tháp", SignedOn: mday(2024, 8, 20), InForceOn: mday(2024, 9, 1)})
		if err != nil {
			t.Fatal(err)
		}
		amend, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindCouncilResolution, Number: "05/2025/NQ-HĐND",
			Title: "Sửa đổi, bổ sung Nghị quyết số 12/2024/NQ-HĐND về học phí", Issuer: "HĐND tỉnh Đồng Tháp", SignedOn: mday(2025, 7, 10), InForceOn: mday(2025, 8, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Relate(ctx, ldClerk, sc, legaldoc.Relation{Kind: legaldoc.RelGuides, SourceID: guide.ID, TargetID: fee.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Relate(ctx, ldClerk, sc, legaldoc.Relation{Kind: legaldoc.RelRepeals, SourceID: amend.ID, TargetID: fee.ID, Articles: []string{"Điều 3"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Relate(ctx, ldClerk, sc, legaldoc.Relation{Kind: legaldoc.RelAmends, SourceID: fee.ID, TargetID: fee.ID}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a document acting on itself: %v", err)
		}
		g, err := svc.Graph(ctx, sc, fee.ID, guide.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v := g.ValidityOn(fee.ID, mday(2025, 9, 1)); v.Status != legaldoc.StatusPartlyExpired || len(v.Expired) != 1 {
			t.Fatalf("fee after the repeal of Art. 3: %+v", v)
		}
		if v := g.ValidityOn(guide.ID, mday(2025, 9, 1)); v.Status != legaldoc.StatusInForce {
			t.Fatalf("guide: %+v", v)
		}
		// Replaced wholly: the fee resolution expires, and the decision detailing it lapses.
		repl, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindCouncilResolution, Number: "20/2025/NQ-HĐND",
			Title: "Quy định mức thu học phí năm học 2025-2026", Issuer: "HĐND tỉnh Đồng Tháp", SignedOn: mday(2025, 8, 15), InForceOn: mday(2025, 9, 5)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Relate(ctx, ldClerk, sc, legaldoc.Relation{Kind: legaldoc.RelReplaces, SourceID: repl.ID, TargetID: fee.ID}); err != nil {
			t.Fatal(err)
		}
		if g, err = svc.Graph(ctx, sc, guide.ID); err != nil {
			t.Fatal(err)
		}
		if v := g.ValidityOn(guide.ID, mday(2025, 9, 5)); v.Status != legaldoc.StatusExpired || !v.Lapsed {
			t.Fatalf("the guide lapses with the replaced resolution: %+v", v)
		}

		for _, q := range []string{"nghi quyet hoc phi", "Nghị quyết HỌC PHÍ", "hoc ph", "12/2024"} {
			got, err := db.LegalDocs().Documents(ctx, sc.TenantID, legaldoc.DocFilter{Query: q, Limit: 10})
			if err != nil {
				t.Fatal(q, err)
			}
			found := false
			for _, d := range got {
				found = found || d.ID == fee.ID
			}
			if !found {
				t.Errorf("search %q does not find the fee resolution: %d results", q, len(got))
			}
		}
		if got, _ := db.LegalDocs().Documents(ctx, sc.TenantID, legaldoc.DocFilter{Query: "dat dai thu hoi", Limit: 10}); len(got) != 0 {
			t.Errorf("a search for words in no document found %d", len(got))
		}
		// Search follows a correction of the title.
		fee.Title = "Quy định mức thu phí tham quan"
		if _, err := svc.SaveDocument(ctx, ldClerk, sc, fee); err != nil {
			t.Fatal(err)
		}
		got, _ := db.LegalDocs().Documents(ctx, sc.TenantID, legaldoc.DocFilter{Query: "tham quan", Limit: 10})
		if len(got) != 1 || got[0].ID != fee.ID {
			t.Errorf("search after the correction: %+v", got)
		}
		other := mustTenant(t, newService(db), "STP-AG", "000.00.00.H89")
		if got, _ := db.LegalDocs().Documents(ctx, other.ID, legaldoc.DocFilter{Query: "hoc phi"}); len(got) != 0 {
			t.Errorf("another department's search sees %d documents", len(got))
		}
		docs, rels, err := db.LegalDocs().Book(ctx, sc.TenantID)
		if err != nil || len(docs) != 4 || len(rels) != 3 {
			t.Fatalf("book: %d docs, %d relations, %v", len(docs), len(rels), err)
		}
	})
}

// A draft from request to appraisal report and the drafting agency's
// response; the figures agree with the lists they drill into.
func TestLegalDocAppraisalFlow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, sc := newLegalDoc(t, db, mday(2025, 12, 20))
		tk, err := svc.Receive(ctx, ldClerk, sc, legaldoc.Task{Type: legaldoc.TaskAppraisal, DraftKind: legaldoc.KindPCDecision,
			Title: "Dự thảo Quyết định ban hành Bảng giá đất", Agency: "Sở Nông nghiệp và Môi trường", RequestNo: "45/TTr-SNNMT", ReceivedOn: mday(2025, 3, 3)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Advance(ctx, ldClerk, sc, tk.ID, legaldoc.TaskStep{Action: "report", ReportNo: "1/BC", Findings: "x", Conclusion: "y"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a report before the file is complete: %v", err)
		}
		if _, err := svc.Advance(ctx, ldClerk, sc, tk.ID, legaldoc.TaskStep{Action: "incomplete", On: ptr(mday(2025, 3, 4)), Missing: "Báo cáo đánh giá tác động"}); err != nil {
			t.Fatal(err)
		}
		tk, err = svc.Advance(ctx, ldClerk, sc, tk.ID, legaldoc.TaskStep{Action: "complete", On: ptr(mday(2025, 3, 5))})
		if err != nil {
			t.Fatal(err)
		}
		// 10 days from Wed 5/3/2025 end on Sat 15/3: rolled to Mon 17/3 (Civil Code Art. 148(5)).
		if tk.DueOn == nil || !tk.DueOn.Equal(mday(2025, 3, 17)) {
			t.Fatalf("due %v", tk.DueOn)
		}
		if _, err := svc.Advance(ctx, ldClerk, sc, tk.ID, legaldoc.TaskStep{Action: "assign", AssignedTo: "Lê Minh Trí", Council: true, CouncilNote: "5 thành viên"}); err != nil {
			t.Fatal(err)
		}
		if tk, err = svc.Advance(ctx, ldClerk, sc, tk.ID, legaldoc.TaskStep{Action: "report", On: ptr(mday(2025, 3, 18)), ReportNo: "52/BC-STP",
			Findings: "Bảo đảm tính hợp pháp.", Conclusion: "Đủ điều kiện trình."}); err != nil {
			t.Fatal(err)
		}
		if !tk.Late(mday(2025, 12, 1)) {
			t.Error("a report sent on 18/3 after a due day of 17/3 is late")
		}
		if tk, err = svc.Advance(ctx, ldClerk, sc, tk.ID, legaldoc.TaskStep{Action: "response", On: ptr(mday(2025, 3, 25)), Response: "Đã tiếp thu."}); err != nil || tk.Stage() != legaldoc.StageResponded {
			t.Fatal(tk.Stage(), err)
		}
		// More drafts: an open one, an opinion, a proposal.
		if _, err := svc.Receive(ctx, ldClerk, sc, legaldoc.Task{Type: legaldoc.TaskAppraisal, DraftKind: legaldoc.KindCouncilResolution,
			Title: "Dự thảo Nghị quyết quy định mức chi", Agency: "Sở Tài chính", ReceivedOn: mday(2025, 12, 15)}); err != nil {
			t.Fatal(err)
		}
		op, err := svc.Receive(ctx, ldClerk, sc, legaldoc.Task{Type: legaldoc.TaskOpinion, Origin: legaldoc.OriginCentral,
			Title: "Dự thảo Nghị định", Agency: "Bộ Tư pháp", ReceivedOn: mday(2025, 6, 2), DueOn: ptr(mday(2025, 6, 12))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Advance(ctx, ldClerk, sc, op.ID, legaldoc.TaskStep{Action: "report", On: ptr(mday(2025, 6, 10)), ReportNo: "9/STP", Findings: "Thống nhất."}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Receive(ctx, ldClerk, sc, legaldoc.Task{Type: legaldoc.TaskOpinion, Origin: legaldoc.OriginCentral, Title: "x", Agency: "y", ReceivedOn: mday(2025, 6, 2)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("an opinion without its deadline: %v", err)
		}
		// Checks.
		c, err := svc.OpenCheck(ctx, ldClerk, sc, legaldoc.Check{Mode: legaldoc.CheckIssued, DocNumber: "02/2025/NQ-HĐND", DocTitle: "Quy định vệ sinh môi trường",
			Issuer: "HĐND Phường Sa Đéc", CommuneCode: "29905", ReceivedOn: mday(2025, 8, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if c, err = svc.AdvanceCheck(ctx, ldClerk, sc, c.ID, legaldoc.CheckStep{Action: "result", On: ptr(mday(2025, 8, 10)),
			Findings: []legaldoc.Finding{{Article: "Điều 4", Content: "Đặt thêm khoản phí", Basis: "Luật Phí và lệ phí"}}, Proposed: "Bãi bỏ Điều 4", NoticeNo: "5/TB-STP"}); err != nil || !c.Unlawful() {
			t.Fatal(c, err)
		}
		if _, err := svc.AdvanceCheck(ctx, ldClerk, sc, c.ID, legaldoc.CheckStep{Action: "close", On: ptr(mday(2025, 9, 1)), Outcome: "HĐND phường đã bãi bỏ Điều 4"}); err != nil {
			t.Fatal(err)
		}
		p := legaldoc.Period{From: mday(2025, 1, 1), To: mday(2025, 12, 31)}
		rep, err := svc.Figures(ctx, sc, p)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"appraisal_received": 2, "appraisal_reported": 1, "appraisal_late": 1, "appraisal_open": 1, "opinion_given": 1, "proposal_reported": 0, "checked": 1, "unlawful": 1}
		got := map[string]int{"appraisal_received": rep.AppraisalReceived, "appraisal_reported": rep.AppraisalReported, "appraisal_late": rep.AppraisalLate,
			"appraisal_open": rep.AppraisalOpen, "opinion_given": rep.OpinionGiven, "proposal_reported": rep.ProposalReported, "checked": rep.Checked, "unlawful": rep.Unlawful}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("figure %s = %d, want %d", k, got[k], w)
			}
			var n int
			if k == "checked" || k == "unlawful" {
				cs, err := db.LegalDocs().Checks(ctx, sc.TenantID, legaldoc.CheckFilter{Counted: k, In: p})
				if err != nil {
					t.Fatal(err)
				}
				n = len(cs)
			} else {
				ts, err := db.LegalDocs().Tasks(ctx, sc.TenantID, legaldoc.TaskFilter{Counted: k, In: p})
				if err != nil {
					t.Fatal(err)
				}
				n = len(ts)
			}
			if n != got[k] {
				t.Errorf("drill-down %s lists %d, the figure says %d", k, n, got[k])
			}
		}
		open, err := db.LegalDocs().Tasks(ctx, sc.TenantID, legaldoc.TaskFilter{Open: true, Query: "mức chi"})
		if err != nil || len(open) != 1 {
			t.Fatalf("open drafts: %d %v", len(open), err)
		}
		if _, err := svc.SaveReview(ctx, ldClerk, sc, legaldoc.Review{Kind: legaldoc.ReviewSystematise, Title: "Hệ thống hóa kỳ 2024-2028", StartedOn: mday(2025, 1, 5)}); err != nil {
			t.Fatal(err)
		}
		rs, err := db.LegalDocs().Reviews(ctx, sc.TenantID)
		if err != nil || len(rs) != 1 || rs[0].CutOff == nil || !rs[0].CutOff.Equal(mday(2028, 12, 31)) {
			t.Fatalf("systematisation cut-off: %+v %v", rs, err)
		}
		// A topic review finished in the period counts its documents by
		// verdict (the report reads each finished round whole).
		doc, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindCouncilResolution, Number: "07/2023/NQ-HĐND",
			Title: "Quy định mức chi hỗ trợ hòa giải ở cơ sở", Issuer: "HĐND tỉnh Đồng Tháp", SignedOn: mday(2023, 3, 1), InForceOn: mday(2023, 3, 15)})
		if err != nil {
			t.Fatal(err)
		}
		doc2, err := svc.SaveDocument(ctx, ldClerk, sc, legaldoc.Document{Kind: legaldoc.KindCouncilResolution, Number: "08/2023/NQ-HĐND",
			Title: "Quy định mức chi phổ biến, giáo dục pháp luật", Issuer: "HĐND tỉnh Đồng Tháp", SignedOn: mday(2023, 3, 1), InForceOn: mday(2023, 3, 15)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SaveReview(ctx, ldClerk, sc, legaldoc.Review{Kind: legaldoc.ReviewTopic, Title: "Rà soát văn bản về mức chi", StartedOn: mday(2025, 5, 2),
			FinishedOn: ptr(mday(2025, 6, 30)), Items: []legaldoc.ReviewItem{{DocumentID: doc.ID, Verdict: legaldoc.VerdictKeep}, {DocumentID: doc2.ID, Verdict: legaldoc.VerdictAmend, Note: "Mức chi thấp hơn Thông tư"}}}); err != nil {
			t.Fatal(err)
		}
		if rep, err = svc.Figures(ctx, sc, p); err != nil || rep.Reviewed != 2 || rep.ByVerdict[legaldoc.VerdictAmend] != 1 || rep.ByVerdict[legaldoc.VerdictKeep] != 1 {
			t.Fatalf("reviewed documents: %d %v %v", rep.Reviewed, rep.ByVerdict, err)
		}
		// A document's page reads the rounds with a verdict on it, with
		// that document's item only.
		rs, err = db.LegalDocs().ReviewsOf(ctx, sc.TenantID, doc2.ID)
		if err != nil || len(rs) != 1 || len(rs[0].Items) != 1 || rs[0].Items[0].Verdict != legaldoc.VerdictAmend || rs[0].Items[0].Note != "Mức chi thấp hơn Thông tư" {
			t.Fatalf("reviews of the document: %+v %v", rs, err)
		}
		if rs, err := db.LegalDocs().ReviewsOf(ctx, sc.TenantID, "00000000-0000-0000-0000-000000000000"); err != nil || len(rs) != 0 {
			t.Fatalf("reviews of an unreviewed document: %+v %v", rs, err)
		}
	})
}

// Imports are all or nothing, with the line of the first problem.
func TestLegalDocImport(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, sc := newLegalDoc(t, db, mday(2026, 3, 1))
		good := `{"kind":"pc_decision","number":"1/2020/QĐ-UBND","title":"Quy định giá đất","issuer":"UBND tỉnh","signed_on":"2020-01-02","in_force_on":"2020-01-15"}
{"kind":"pc_decision","number":"2/2025/QĐ-UBND","title":"Thay thế","issuer":"UBND tỉnh","signed_on":"2025-01-02","in_force_on":"2025-01-15","relations":[{"kind":"replaces","target":"1/2020/QĐ-UBND"}]}
`
		bad := good + `{"kind":"pc_decision","number":"3/2025/QĐ-UBND","title":"X","issuer":"UBND tỉnh","signed_on":"2025-01-02","in_force_on":"2025-01-15","relations":[{"kind":"repeals","target":"99/2019/QĐ-UBND"}]}
`
		recs, err := legaldoc.ReadRecords(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Import(ctx, ldClerk, sc, recs); err == nil || !strings.Contains(err.Error(), "Dòng 3") {
			t.Fatalf("an unknown target: %v", err)
		}
		if docs, _, _ := db.LegalDocs().Book(ctx, sc.TenantID); len(docs) != 0 {
			t.Fatalf("a failed import left %d documents", len(docs))
		}
		recs, _ = legaldoc.ReadRecords(strings.NewReader(good))
		if n, r, err := svc.Import(ctx, ldClerk, sc, recs); err != nil || n != 2 || r != 1 {
			t.Fatal(n, r, err)
		}
		if _, err := legaldoc.ReadRecords(strings.NewReader(`{"kind":"law"}`)); err == nil || !strings.Contains(err.Error(), "Dòng 1") {
			t.Fatalf("a bad kind: %v", err)
		}
	})
}
