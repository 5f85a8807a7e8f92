package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/dissemination"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func newDissemination(t *testing.T, db *sqlstore.DB, today time.Time) (*dissemination.Service, dissemination.Scope) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ten := mustTenant(t, newService(db), "STP-PB", "000.00.00.H82")
	svc := &dissemination.Service{Store: db.Dissemination(), InProvince: units.InProvince, Now: func() time.Time { return today }}
	return svc, dissemination.Scope{TenantID: ten.ID, ProvinceCode: "82"}
}

var disOfficer = dissemination.Actor{ID: "o1", Name: "canbo.pbgdpl", IP: "127.0.0.1"}

// A commune and the department record activities with materials handed
// out; the figures of the year come from them, a commune sees only its
// own, and an activity keeps its handouts.
func TestDisseminationActivities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, dept := newDissemination(t, db, mday(2026, 11, 20))
		xa := dept
		xa.CommuneCode = "29905"
		a1, err := svc.Record(ctx, disOfficer, xa, dissemination.Activity{HeldOn: mday(2026, 11, 9), Theme: "Ngày Pháp luật: Luật Đất đai 2024",
			Documents: "Luật Đất đai số 31/2024/QH15", Audience: "Nhân dân ấp 1", Channel: dissemination.InPerson, Participants: 150, Women: 80,
			CostVND: 3_000_000, Handouts: []dissemination.Handout{{Material: "Tờ gấp Luật Đất đai", Kind: "leaflet", Copies: 300}, {Material: "Sách Hỏi - Đáp", Kind: "booklet", Copies: 20}}})
		if err != nil {
			t.Fatal(err)
		}
		if !a1.LawDay || a1.CommuneCode != "29905" {
			t.Fatalf("law day / commune: %+v", a1)
		}
		if _, err := svc.Record(ctx, disOfficer, xa, dissemination.Activity{CommuneCode: "28261", HeldOn: mday(2026, 3, 1), Theme: "x", Audience: "y", Channel: dissemination.InPerson}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a commune officer recorded for another commune: %v", err)
		}
		if _, err := svc.Record(ctx, disOfficer, dept, dissemination.Activity{HeldOn: mday(2026, 6, 1), Theme: "Phát thanh Luật Trẻ em", Audience: "Nhân dân toàn tỉnh",
			Channel: dissemination.Broadcast, Handouts: []dissemination.Handout{{Material: "Tờ gấp Luật Đất đai", Kind: "leaflet", Copies: 1000}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Record(ctx, disOfficer, dept, dissemination.Activity{CommuneCode: "28261", HeldOn: mday(2025, 12, 30), Theme: "Năm trước", Audience: "Học sinh",
			Channel: dissemination.Contest, Participants: 40}); err != nil {
			t.Fatal(err)
		}
		bad := dissemination.Activity{HeldOn: mday(2026, 12, 1), Channel: "tv", Participants: 1, Women: 3}
		if _, err := svc.Record(ctx, disOfficer, dept, bad); apperr.CodeOf(err) != apperr.Invalid || len(apperr.As(err).Fields) < 4 {
			t.Fatalf("bad activity: %v", err)
		}

		got, err := svc.Activity(ctx, dept, a1.ID)
		if err != nil || len(got.Handouts) != 2 || got.Handouts[1].Copies != 300 || !got.LawDay || got.Women != 80 {
			t.Fatalf("activity read back: %+v %v", got, err)
		}
		other := dept
		other.CommuneCode = "28261"
		if _, err := svc.Activity(ctx, other, a1.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another commune read the activity: %v", err)
		}

		year := dissemination.Period{From: mday(2026, 1, 1), To: mday(2026, 12, 31)}
		rep, err := svc.Report(ctx, dept, year)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Activities != 2 || rep.Participants != 150 || rep.Copies != 1320 || rep.ByMaterial["Tờ gấp Luật Đất đai"] != 1300 || rep.LawDay != 1 {
			t.Fatalf("province figures: %+v", rep.Figures)
		}
		if len(rep.Lines) != 2 || rep.Lines[0].CommuneCode != "" || rep.Lines[1].Copies != 320 {
			t.Fatalf("lines: %+v", rep.Lines)
		}
		crep, err := svc.Report(ctx, xa, year)
		if err != nil || crep.Activities != 1 || crep.Copies != 320 {
			t.Fatalf("commune figures: %+v %v", crep.Figures, err)
		}

		for _, tc := range []struct {
			name string
			f    dissemination.ActivityFilter
			want int
		}{
			{"all", dissemination.ActivityFilter{Limit: 50}, 3},
			{"own", dissemination.ActivityFilter{OwnOnly: true, Limit: 50}, 1},
			{"commune", dissemination.ActivityFilter{CommuneCode: "29905", Limit: 50}, 1},
			{"material", dissemination.ActivityFilter{Material: "Tờ gấp Luật Đất đai", Limit: 50}, 2},
			{"law day", dissemination.ActivityFilter{LawDay: true, Limit: 50}, 1},
			{"channel", dissemination.ActivityFilter{Channel: dissemination.Contest, Limit: 50}, 1},
			{"query", dissemination.ActivityFilter{Query: "ngày pháp luật", Limit: 50}, 1},
			{"period", dissemination.ActivityFilter{From: &year.From, To: &year.To, Limit: 50}, 2},
			{"page", dissemination.ActivityFilter{Limit: 2, Offset: 2}, 1},
		} {
			acts, err := db.Dissemination().Activities(ctx, dept.TenantID, tc.f)
			if err != nil || len(acts) != tc.want {
				t.Errorf("%s: %d activities, want %d (%v)", tc.name, len(acts), tc.want, err)
			}
		}
	})
}

// Lecturers belong to the province, communicators to a commune (Law
// 14/2012/QH13 Art. 35, 37); materials, bookshelves and plan tasks are
// kept per commune; the access-to-law year is scored, replaced until
// recognised, and recognised only when met (Decision 25/2021/QĐ-TTg).
func TestDisseminationBooks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, dept := newDissemination(t, db, mday(2026, 11, 20))
		xa := dept
		xa.CommuneCode = "29905"
		store := db.Dissemination()

		lec, err := svc.AddPerson(ctx, disOfficer, dept, dissemination.Person{Role: dissemination.Lecturer, FullName: "Trần Thị Hoa", Sex: "F",
			DecisionNo: "1234/QĐ-UBND", DecisionOn: mday(2024, 5, 2)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddPerson(ctx, disOfficer, xa, dissemination.Person{Role: dissemination.Lecturer, FullName: "X", Sex: "M", DecisionNo: "1", DecisionOn: mday(2024, 1, 1)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a commune recorded a lecturer: %v", err)
		}
		if _, err := svc.AddPerson(ctx, disOfficer, xa, dissemination.Person{Role: dissemination.Communicator, FullName: "Lê Văn Sơn", Sex: "M",
			DecisionNo: "15/QĐ-UBND", DecisionOn: mday(2025, 8, 1)}); err != nil {
			t.Fatal(err)
		}
		if err := svc.EndPerson(ctx, disOfficer, dept, lec.ID, mday(2026, 10, 1)); err != nil {
			t.Fatal(err)
		}
		if err := svc.EndPerson(ctx, disOfficer, dept, lec.ID, mday(2026, 10, 2)); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("ended twice: %v", err)
		}
		people, err := store.People(ctx, dept.TenantID, "")
		if err != nil || len(people) != 2 {
			t.Fatalf("people: %+v %v", people, err)
		}
		if st := dissemination.CountStaff(people, mday(2026, 9, 30)); st.Lecturers != 1 || st.LecturerWomen != 1 || st.Communicators != 1 {
			t.Fatalf("staff on 30/9: %+v", st)
		}
		if st := dissemination.CountStaff(people, mday(2026, 10, 1)); st.Lecturers != 0 {
			t.Fatalf("staff on 1/10: %+v", st)
		}

		if _, err := svc.AddMaterial(ctx, disOfficer, dept, dissemination.Material{Title: "Tờ gấp Luật Đất đai", Kind: "leaflet", PublishedOn: mday(2026, 2, 1), Copies: 53200, CostVND: 80_000_000}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddMaterial(ctx, disOfficer, dept, dissemination.Material{Title: "Tờ gấp Luật Đất đai", Kind: "leaflet", PublishedOn: mday(2026, 3, 1), Copies: 10}); apperr.As(err) == nil || apperr.As(err).Fields["title"] == "" {
			t.Fatalf("same title twice: %v", err)
		}
		if ms, err := store.Materials(ctx, dept.TenantID, "", 2026); err != nil || len(ms) != 1 || ms[0].Copies != 53200 {
			t.Fatalf("materials: %+v %v", ms, err)
		}
		if ms, err := store.Materials(ctx, dept.TenantID, "", 2025); err != nil || len(ms) != 0 {
			t.Fatalf("materials of 2025: %+v %v", ms, err)
		}
		if _, err := svc.AddBookshelf(ctx, disOfficer, xa, dissemination.Bookshelf{Name: "Tủ sách pháp luật xã", Place: "Nhà văn hóa", Books: 320, OpenedOn: mday(2020, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		if bs, err := store.Bookshelves(ctx, dept.TenantID, "29905"); err != nil || len(bs) != 1 || bs[0].Books != 320 {
			t.Fatalf("bookshelves: %+v %v", bs, err)
		}
		task, err := svc.AddTask(ctx, disOfficer, dept, dissemination.PlanTask{Year: 2026, PlanNo: "85/KH-UBND", Title: "Hưởng ứng Ngày Pháp luật", DueOn: mday(2026, 11, 30), Target: 12})
		if err != nil {
			t.Fatal(err)
		}
		if ts, err := store.PlanTasks(ctx, dept.TenantID, "", 2026); err != nil || len(ts) != 1 || ts[0].ID != task.ID || ts[0].Target != 12 {
			t.Fatalf("tasks: %+v %v", ts, err)
		}
		rep, err := svc.Report(ctx, dept, dissemination.Period{From: mday(2026, 1, 1), To: mday(2026, 12, 31)})
		if err != nil || rep.Printed != 53200 || rep.Bookshelves != 1 || rep.Staff.Communicators != 1 || rep.Staff.Lecturers != 0 {
			t.Fatalf("report: printed %d shelves %d staff %+v %v", rep.Printed, rep.Bookshelves, rep.Staff, err)
		}

		// Access to law: under the threshold, then met and recognised.
		low := map[int]int{1: 5, 2: 30, 3: 5, 4: 29, 5: 10}
		r, err := svc.SelfAssess(ctx, disOfficer, xa, "", 2025, low, false)
		if err != nil || r.Met || r.Total != 79 {
			t.Fatalf("79 points: %+v %v", r, err)
		}
		if err := svc.Recognise(ctx, disOfficer, dept, "29905", 2025, "99/QĐ-UBND", mday(2026, 1, 15)); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("recognised a commune under the threshold: %v", err)
		}
		if _, err := svc.SelfAssess(ctx, disOfficer, xa, "", 2025, map[int]int{1: 8, 2: 26, 3: 9, 4: 25, 5: 16}, false); err != nil {
			t.Fatal(err)
		}
		if err := svc.Recognise(ctx, disOfficer, xa, "29905", 2025, "99/QĐ-UBND", mday(2026, 1, 15)); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a commune recognised itself: %v", err)
		}
		if err := svc.Recognise(ctx, disOfficer, dept, "29905", 2025, "99/QĐ-UBND", mday(2026, 1, 15)); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SelfAssess(ctx, disOfficer, xa, "", 2025, low, false); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("scores replaced after recognition: %v", err)
		}
		if _, err := svc.SelfAssess(ctx, disOfficer, xa, "", 2025, map[int]int{1: 11, 2: 30, 3: 10, 4: 30, 5: 20}, false); apperr.As(err) == nil || apperr.As(err).Fields["scores"] == "" {
			t.Fatalf("over the maximum: %v", err)
		}
		list, err := store.Assessments(ctx, dept.TenantID, "", 2025)
		if err != nil || len(list) != 1 || !list[0].Met || list[0].Total != 84 || list[0].DecisionNo != "99/QĐ-UBND" || list[0].Scores[2] != 26 || !list[0].Recognised() {
			t.Fatalf("province's list: %+v %v", list, err)
		}
	})
}
