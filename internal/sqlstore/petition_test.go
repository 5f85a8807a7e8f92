package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/petition"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func newPetitions(t *testing.T, db *sqlstore.DB, today time.Time) (*petition.Service, string) {
	t.Helper()
	ten := mustTenant(t, newService(db), "STP-PET", "000.00.00.H82")
	return &petition.Service{Store: db.Petitions(), Now: func() time.Time { return today }}, ten.ID
}

func pday(y, m, d int) calendar.Date { return calendar.NewDate(y, time.Month(m), d) }

// A complaint goes from receipt to a second-instance decision; a
// denunciation keeps its denouncer apart; the figures count them.
func TestPetitionFlow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, ten := newPetitions(t, db, time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC))
		clerk := petition.Actor{ID: "o-clerk", Name: "tiepdan"}
		head := petition.Actor{ID: "o-dir", Name: "giamdoc", SeesIdentity: true}

		rc, err := svc.Receive(ctx, clerk, ten, petition.Intake{Petition: petition.Petition{Kind: petition.KindComplaint, Channel: petition.ChannelReception,
			Field: "land", ReceivedOn: pday(2026, 7, 6), Summary: "Khiếu nại quyết định xử phạt", Instance: 2,
			Petitioner: petition.Person{FullName: "Nguyễn Văn An", Address: "Ấp 3, xã Tân Phú"}}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(rc.Petition.Code, "KN-2026-") || len(rc.PIN) != 6 {
			t.Fatalf("receipt %+v", rc)
		}
		// The same person, the same content: recorded and flagged.
		rc2, err := svc.Receive(ctx, clerk, ten, petition.Intake{Petition: petition.Petition{Kind: petition.KindComplaint, Channel: petition.ChannelPost,
			ReceivedOn: pday(2026, 7, 8), Summary: "khiếu nại quyết định  xử phạt.", Petitioner: petition.Person{FullName: "nguyễn văn an", Address: "ấp 3, xã tân phú"}}})
		if err != nil || rc2.Petition.DuplicateOf != rc.Petition.ID || rc2.Warning == "" {
			t.Fatalf("duplicate: %+v %v", rc2.Petition, err)
		}
		if _, err := svc.Receive(ctx, clerk, ten, petition.Intake{Petition: petition.Petition{Kind: "x", ReceivedOn: pday(2026, 7, 8)}}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad input: %v", err)
		}
		p, err := svc.Decide(ctx, clerk, ten, rc.Petition.ID, petition.Decision{Handling: petition.HandleAccept, On: pday(2026, 7, 10), HandlerID: "o-spec", HandlerName: "chuyenvien"})
		if err != nil || p.Status != petition.StatusAccepted || p.LetterNo == "" {
			t.Fatalf("accept: %+v %v", p, err)
		}
		if _, err := svc.Decide(ctx, clerk, ten, rc.Petition.ID, petition.Decision{Handling: petition.HandleFile, On: pday(2026, 7, 10)}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("decided twice: %v", err)
		}
		// 2nd instance from 1/7/2026: no decision without a dialogue.
		if _, _, err := svc.Act(ctx, clerk, ten, p.ID, petition.Step{Action: "resolve", On: pday(2026, 8, 10), Conclusion: petition.ConclusionPartly, Text: "QĐ"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("resolve without dialogue: %v", err)
		}
		notice := pday(2026, 8, 3)
		if _, _, err := svc.Act(ctx, clerk, ten, p.ID, petition.Step{Action: "dialogue", On: pday(2026, 8, 5), NoticeOn: &notice, Text: "Biên bản"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("notice 2 days before: %v", err)
		}
		notice = pday(2026, 7, 31)
		if _, _, err := svc.Act(ctx, clerk, ten, p.ID, petition.Step{Action: "dialogue", On: pday(2026, 8, 5), NoticeOn: &notice, Text: "Biên bản đối thoại"}); err != nil {
			t.Fatal(err)
		}
		p, _, err = svc.Act(ctx, clerk, ten, p.ID, petition.Step{Action: "resolve", On: pday(2026, 8, 10), Conclusion: petition.ConclusionPartly,
			DecisionNo: "12/QĐ-STP", Text: "Khiếu nại đúng một phần", AmountVND: 5_000_000})
		if err != nil || p.Status != petition.StatusResolved {
			t.Fatalf("resolve: %+v %v", p, err)
		}
		// The citizen follows it with code and PIN.
		if _, evs, err := svc.Follow(ctx, ten, rc.Petition.Code, rc.PIN); err != nil || len(evs) < 3 {
			t.Fatalf("follow: %v %d", err, len(evs))
		}
		if _, _, err := svc.Follow(ctx, ten, rc.Petition.Code, "000000x"); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("wrong PIN: %v", err)
		}

		// A denunciation: the identity is apart.
		dn, err := svc.Receive(ctx, clerk, ten, petition.Intake{Petition: petition.Petition{Kind: petition.KindDenunciation, Channel: petition.ChannelPost,
			ReceivedOn: pday(2026, 7, 6), Summary: "Tố cáo cán bộ nhận tiền"}, Identity: petition.Identity{Person: petition.Person{FullName: "Trần Thị Bí Mật", IDNumber: "082190000123"}}})
		if err != nil {
			t.Fatal(err)
		}
		stored, err := db.Petitions().Petition(ctx, ten, dn.Petition.ID)
		if err != nil || stored.Petitioner.FullName != "" {
			t.Fatalf("the petition row holds no identity: %+v %v", stored.Petitioner, err)
		}
		var doc string
		if err := db.QueryRowForTest(ctx, `SELECT doc FROM petitions WHERE tenant_id = $1 AND id = $2`, ten, dn.Petition.ID).Scan(&doc); err != nil || strings.Contains(doc, "Bí Mật") || strings.Contains(doc, "082190000123") {
			t.Fatalf("identity leaked into the petition's document: %s %v", doc, err)
		}
		if _, err := svc.RevealIdentity(ctx, clerk, ten, dn.Petition.ID, "xem"); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a clerk sees the denouncer: %v", err)
		}
		id, err := svc.RevealIdentity(ctx, head, ten, dn.Petition.ID, "giải quyết tố cáo")
		if err != nil || id.FullName != "Trần Thị Bí Mật" {
			t.Fatalf("the resolver sees it: %+v %v", id, err)
		}
		var views, refused int
		db.QueryRowForTest(ctx, `SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = 'petition.identity_view'`, ten).Scan(&views)
		db.QueryRowForTest(ctx, `SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = 'petition.identity_refused'`, ten).Scan(&refused)
		if views != 1 || refused != 1 {
			t.Fatalf("every view logged: views %d refused %d", views, refused)
		}
		var leak int
		db.QueryRowForTest(ctx, `SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND (detail LIKE '%Bí Mật%' OR object LIKE '%Bí Mật%')`, ten).Scan(&leak)
		if leak != 0 {
			t.Fatal("identity in the audit log")
		}
		// Same denouncer, same content: a duplicate found through the restricted table.
		dn2, err := svc.Receive(ctx, clerk, ten, petition.Intake{Petition: petition.Petition{Kind: petition.KindDenunciation, Channel: petition.ChannelEmail,
			ReceivedOn: pday(2026, 7, 9), Summary: "Tố cáo cán bộ nhận tiền"}, Identity: petition.Identity{Person: petition.Person{FullName: "Trần Thị Bí Mật", IDNumber: "082190000123"}}})
		if err != nil || dn2.Petition.DuplicateOf != dn.Petition.ID {
			t.Fatalf("denunciation duplicate: %+v %v", dn2.Petition, err)
		}
		// Anonymous: cannot be accepted as a denunciation.
		an, err := svc.Receive(ctx, clerk, ten, petition.Intake{Petition: petition.Petition{Kind: petition.KindDenunciation, Channel: petition.ChannelPost,
			ReceivedOn: pday(2026, 7, 9), Summary: "Thư không ký tên"}})
		if err != nil || !an.Petition.Anonymous {
			t.Fatal(err)
		}
		if _, err := svc.Decide(ctx, clerk, ten, an.Petition.ID, petition.Decision{Handling: petition.HandleAccept, On: pday(2026, 7, 10)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("anonymous accepted: %v", err)
		}
		if _, err := svc.Decide(ctx, clerk, ten, dn2.Petition.ID, petition.Decision{Handling: petition.HandleForward, ForwardTo: "Thanh tra tỉnh", On: pday(2026, 7, 10)}); err != nil {
			t.Fatal(err)
		}

		// Reception book.
		if _, err := svc.RecordVisit(ctx, clerk, ten, petition.Visit{Day: pday(2026, 7, 15), Kind: petition.VisitDirector, ReceivedBy: "Giám đốc Sở",
			Visitor: "Lê Văn Bảy", GroupSize: 12, Representatives: []string{"A", "B", "C", "D", "E", "F"}, Content: "Đất"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("six representatives of twelve: %v", err)
		}
		if _, err := svc.RecordVisit(ctx, clerk, ten, petition.Visit{Day: pday(2026, 7, 15), Kind: petition.VisitDirector, ReceivedBy: "Giám đốc Sở",
			Visitor: "Lê Văn Bảy", GroupSize: 12, Representatives: []string{"A", "B"}, Content: "Đất"}); err != nil {
			t.Fatal(err)
		}

		if _, err := svc.ScheduleDay(ctx, clerk, ten, petition.ScheduledDay{Day: pday(2026, 8, 14), Kind: petition.VisitDirector, Host: "Giám đốc Sở"}); err != nil {
			t.Fatal(err)
		}
		if sch, err := db.Petitions().Schedule(ctx, ten, pday(2026, 8, 1), pday(2026, 8, 31)); err != nil || len(sch) != 1 {
			t.Fatalf("schedule %v %v", sch, err)
		}
		vs, err := db.Petitions().Visits(ctx, ten, pday(2026, 7, 1), pday(2026, 7, 31))
		if err != nil || len(vs) != 1 {
			t.Fatalf("visits %v", err)
		}
		if v, err := db.Petitions().Visit(ctx, ten, vs[0].ID); err != nil || v.GroupSize != 12 || len(v.Representatives) != 2 {
			t.Fatalf("visit %+v %v", v, err)
		}

		f, err := svc.Figures(ctx, ten, pday(2026, 7, 1), pday(2026, 9, 30))
		if err != nil {
			t.Fatal(err)
		}
		if f.Received != 5 || f.ByKind[petition.KindDenunciation] != 3 || f.Duplicates != 2 || f.Anonymous != 1 || f.Accepted != 1 ||
			f.Forwarded != 1 || f.Resolved != 1 || f.OnTime != 1 || f.Conclusion[petition.ConclusionPartly] != 1 || f.AmountVND != 5_000_000 ||
			f.Visits.Groups != 1 || f.Visits.Persons != 12 || len(f.Visits.MissingMonths) != 2 {
			t.Fatalf("figures %+v", f)
		}
		// Pending at the end: the duplicate complaint, the first denunciation, the anonymous one.
		if f.Pending != 3 {
			t.Fatalf("pending %d", f.Pending)
		}
		got, err := svc.Drill(ctx, ten, "duplicate", pday(2026, 7, 1), pday(2026, 9, 30), petition.Filter{})
		if err != nil || len(got) != 2 {
			t.Fatalf("drill-down: %d %v", len(got), err)
		}
		// The previous quarter does not see them.
		f0, _ := svc.Figures(ctx, ten, pday(2026, 4, 1), pday(2026, 6, 30))
		if f0.Received != 0 || f0.Pending != 0 {
			t.Fatalf("previous quarter %+v", f0)
		}
		// The national database gets every case of the period, no denouncer.
		sim := &petition.NationalSimulator{}
		n, err := svc.SyncNational(ctx, clerk, ten, "000.00.00.H82", sim, pday(2026, 7, 1), pday(2026, 9, 30))
		if err != nil || n != 5 || sim.Len() != 5 {
			t.Fatalf("national sync: %d %v", n, err)
		}
		if r, ok := sim.Received("000.00.00.H82", dn.Petition.Code); !ok || r.Petitioner != nil || r.Denouncer != nil {
			t.Fatalf("national record of the denunciation: %+v", r)
		}
		if p, _ := db.Petitions().Petition(ctx, ten, dn.Petition.ID); p.SyncedAt == nil {
			t.Fatal("the sync is not recorded")
		}

		// Interchange: export, then import into another tenant.
		var buf strings.Builder
		all, err := db.Petitions().Petitions(ctx, ten, petition.Filter{Limit: 1000})
		if err != nil || petition.Export(&buf, all) != nil || strings.Contains(buf.String(), "Bí Mật") {
			t.Fatalf("export: %v", err)
		}
		other := mustTenant(t, newService(db), "STP-PET2", "000.00.00.H83")
		if k, err := svc.Import(ctx, clerk, other.ID, strings.NewReader(buf.String())); err != nil || k != 5 {
			t.Fatalf("import: %d %v", k, err)
		}
		if _, err := svc.Import(ctx, clerk, other.ID, strings.NewReader(`{"kind":"complaint","channel":"post","received_on":"2026-07-01","summary":"ok","petitioner":{"full_name":"A"}}`+"\n"+`{"kind":"x"}`)); err == nil || !strings.Contains(err.Error(), "Dòng 2") {
			t.Fatalf("bad line: %v", err)
		}
		f2, _ := svc.Figures(ctx, other.ID, pday(2026, 7, 1), pday(2026, 9, 30))
		if f2.Received != 5 || f2.Resolved != 1 || f2.Forwarded != 1 {
			t.Fatalf("imported figures %+v", f2)
		}

		list, err := db.Petitions().Petitions(ctx, ten, petition.Filter{Kind: petition.KindComplaint, Query: "xử phạt", Limit: 10})
		if err != nil || len(list) != 2 {
			t.Fatalf("list %d %v", len(list), err)
		}
	})
}
