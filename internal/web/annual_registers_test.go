package web_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/calendar"
	"tuphap/internal/contest"
	"tuphap/internal/legalaid"
	"tuphap/internal/legaldoc"
	"tuphap/internal/petition"
	"tuphap/internal/practitioner"
)

// seedAnnualRegisters gives tenant A a few records of each register the
// annual report reads, in 2025 and up to the fixture's today in 2026, and
// returns, per figure key, the count of the seeded records it must state
// for 2026 (counted here from the seeds).
func seedAnnualRegisters(t *testing.T, f *emuFixture) map[string]int {
	t.Helper()
	ctx := context.Background()
	ten := f.a.ID
	now := f.clock.Now()
	rng := rand.New(rand.NewPCG(24, uint64(now.Unix())))
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// A day from 1/10/2025 to the day before today.
	someDay := func() time.Time {
		span := int(now.Sub(day(2025, 10, 1)).Hours()/24) - 1
		return day(2025, 10, 1).AddDate(0, 0, rng.IntN(span))
	}
	want := map[string]int{}

	// Legal aid: cases requested, some accepted (a form each), some closed.
	la := &legalaid.Service{Store: f.db.LegalAid(), Now: f.clock.Now}
	if _, err := la.SaveUnit(ctx, legalaid.Actor{Name: "test"}, ten, legalaid.Unit{Code: "TT", Name: "Trung tâm Trợ giúp pháp lý nhà nước"}); err != nil {
		t.Fatal(err)
	}
	var cases []legalaid.Case
	for i := 0; i < 6+rng.IntN(8); i++ {
		req := someDay()
		c := legalaid.Case{ID: fmt.Sprintf("la%d", i), Ref: fmt.Sprintf("R%d", i), UnitCode: "TT", Channel: legalaid.ChannelCentre, RequestedOn: req,
			Requester: legalaid.Person{FullName: "Người được trợ giúp"}, Persons: 1 + rng.IntN(3), Group: "K1", Form: legalaid.Forms[rng.IntN(3)], Field: legalaid.Fields[0],
			Status: legalaid.StatusRequested, ReceivedAt: req}
		if rng.IntN(4) > 0 {
			acc := req
			c.AcceptedOn, c.Status, c.Seq, c.Year = &acc, legalaid.StatusInProgress, i+1, req.Year()
			c.Code = legalaid.FileCode("TT", c.Form, c.Seq, c.Year)
			if acc.Year() == 2026 {
				want["legalaid_cases"]++
				want[map[legalaid.Form]string{legalaid.FormProceedings: "legalaid_proceedings", legalaid.FormAdvice: "legalaid_advice", legalaid.FormRepresentation: "legalaid_representation"}[c.Form]]++
			}
			if rng.IntN(2) == 0 && acc.Before(now.AddDate(0, 0, -2)) {
				cl := acc.AddDate(0, 0, 1)
				c.Status, c.ClosedOn, c.EndedOn = legalaid.StatusClosed, &cl, &cl
				if cl.Year() == 2026 {
					want["legalaid_closed"]++
				}
			}
		}
		cases = append(cases, c)
	}
	if err := la.Store.TransactLegalAid(ctx, func(tx legalaid.Tx) error { return tx.InsertCases(ctx, ten, cases) }); err != nil {
		t.Fatal(err)
	}

	// Legal documents: appraisals reported, checks, some unlawful.
	err := f.db.LegalDocs().TransactLegalDoc(ctx, func(tx legaldoc.Tx) error {
		for i := 0; i < 4+rng.IntN(6); i++ {
			rec := someDay()
			tk := legaldoc.Task{ID: fmt.Sprintf("ld%d", i), Type: legaldoc.TaskAppraisal, DraftKind: legaldoc.Kinds[0], Title: fmt.Sprintf("Dự thảo Nghị quyết %d", i),
				Agency: "Sở Tài chính", ReceivedOn: rec, CompleteOn: &rec}
			if rng.IntN(3) > 0 {
				tk.ReportOn, tk.ReportNo = &rec, fmt.Sprintf("%d/BC-STP", i)
				if rec.Year() == 2026 {
					want["drafts_appraised"]++
				}
			}
			if err := tx.InsertTask(ctx, ten, tk); err != nil {
				return err
			}
		}
		for i := 0; i < 3+rng.IntN(6); i++ {
			on := someDay()
			c := legaldoc.Check{ID: fmt.Sprintf("kt%d", i), Mode: legaldoc.CheckIssued, DocNumber: fmt.Sprintf("%d/2025/QĐ-UBND", i), DocTitle: "Quyết định",
				Issuer: "UBND xã", ReceivedOn: on, CheckedOn: &on}
			if rng.IntN(3) == 0 {
				c.Findings = []legaldoc.Finding{{Article: "Điều 2", Content: "Trái thẩm quyền", Basis: "Luật 64/2025/QH15"}}
			}
			if on.Year() == 2026 {
				want["documents_checked"]++
				if len(c.Findings) > 0 {
					want["documents_unlawful"]++
				}
			}
			if err := tx.InsertCheck(ctx, ten, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Petitions: received, some accepted; citizen reception visits.
	pt := &petition.Service{Store: f.db.Petitions(), Now: f.clock.Now}
	clerk := petition.Actor{ID: "o1", Name: "tiepdan"}
	for i := 0; i < 4+rng.IntN(6); i++ {
		on := calendar.DateOf(someDay())
		rc, err := pt.Receive(ctx, clerk, ten, petition.Intake{Petition: petition.Petition{Kind: petition.KindFeedback, Channel: petition.ChannelPost, ReceivedOn: on,
			Summary: fmt.Sprintf("Kiến nghị số %d", i), Petitioner: petition.Person{FullName: fmt.Sprintf("Người kiến nghị %d", i), Address: fmt.Sprintf("Ấp %d", i)}}})
		if err != nil {
			t.Fatal(err)
		}
		if on.Year == 2026 {
			want["petitions_received"]++
		}
		switch rng.IntN(4) {
		case 0, 1:
			if _, err := pt.Decide(ctx, clerk, ten, rc.Petition.ID, petition.Decision{Handling: petition.HandleAccept, On: on, HandlerID: "o2", HandlerName: "chuyenvien"}); err != nil {
				t.Fatal(err)
			}
			if on.Year == 2026 {
				want["petitions_accepted"]++
			}
		case 2:
			d := petition.Decision{Handling: petition.HandleForward, On: on, ForwardTo: "Ủy ban nhân dân xã Tân Phú"}
			if rng.IntN(2) == 0 {
				d = petition.Decision{Handling: petition.HandleGuide, On: on, Note: "Hướng dẫn gửi Tòa án"}
			}
			if _, err := pt.Decide(ctx, clerk, ten, rc.Petition.ID, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := 0; i < 2+rng.IntN(4); i++ {
		on := calendar.DateOf(someDay())
		v := petition.Visit{Day: on, Kind: petition.VisitRegular, ReceivedBy: "Cán bộ tiếp dân", Visitor: fmt.Sprintf("Công dân %d", i),
			Address: "Ấp 1", Content: "Hỏi thủ tục", GroupSize: 1}
		if rng.IntN(2) == 0 {
			// The director's day, with a group of six and its two
			// representatives (Art. 7 Decree 64/2014).
			v.Kind, v.ReceivedBy, v.GroupSize, v.Representatives = petition.VisitDirector, "Giám đốc Sở", 6, []string{"Người đại diện 1", "Người đại diện 2"}
		}
		if _, err := pt.RecordVisit(ctx, clerk, ten, v); err != nil {
			t.Fatal(err)
		}
		if on.Year == 2026 {
			want["citizen_reception_visits"]++
		}
	}

	// Practitioners: organisations registered, some suspended.
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	pr := &practitioner.Service{Store: f.db.Practitioners(), InProvince: units.InProvince, Now: f.clock.Now}
	sc := practitioner.Scope{TenantID: ten, ProvinceCode: "82"}
	pa := practitioner.Actor{ID: "o1", Name: "bttp"}
	for i := 0; i < 3+rng.IntN(5); i++ {
		k := practitioner.OrgKinds[rng.IntN(len(practitioner.OrgKinds))]
		reg := someDay().AddDate(-2, 0, 0)
		dec := practitioner.Cause{DecisionNo: fmt.Sprintf("%d/QĐ-STP", i), DecisionOn: &reg}
		o, err := pr.RegisterOrg(ctx, pa, sc, practitioner.Organisation{Kind: k.Kind, Name: fmt.Sprintf("Tổ chức %d", i), RegNo: fmt.Sprintf("41.%d/TP", i),
			RegisteredOn: reg, CommuneCode: "29905", Address: "1 Hùng Vương", Head: "Người đứng đầu"}, dec)
		if err != nil {
			t.Fatal(err)
		}
		if rng.IntN(3) == 0 {
			on := someDay()
			if _, err := pr.ChangeOrg(ctx, pa, sc, o.ID, practitioner.EvSuspended, on, nil, "", practitioner.Cause{DecisionNo: fmt.Sprintf("s%d", i), DecisionOn: &on}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want["practitioner_organisations"]++
		want["practitioner_organisations_"+string(k.Profession)]++
	}

	// Contests: entries submitted, some voided or left open.
	cs := &contest.Service{Store: f.db.Contests(), Now: f.clock.Now}
	ca := contest.Actor{ID: "o1", Name: "pbgdpl"}
	c, err := cs.CreateContest(ctx, ca, ten, contest.Contest{Code: "tim-hieu-nam", Title: "Tìm hiểu pháp luật"})
	if err != nil {
		t.Fatal(err)
	}
	var qs []contest.Question
	for i := range 5 {
		qs = append(qs, contest.Question{Stem: fmt.Sprintf("Câu %d?", i), Options: []string{"A", "B"}, Correct: 0, Difficulty: 1})
	}
	if err := cs.AddQuestions(ctx, ca, ten, c.ID, qs); err != nil {
		t.Fatal(err)
	}
	rd, err := cs.AddRound(ctx, ca, ten, contest.Round{ContestID: c.ID, No: 1, Title: "Vòng 1", Mode: contest.Window, OpensAt: now, ClosesAt: now.AddDate(0, 1, 0),
		TimeLimit: 20 * time.Minute, Questions: 5, Attempts: 3, Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore}})
	if err != nil {
		t.Fatal(err)
	}
	var ps []contest.Participant
	var as []contest.Attempt
	var voids []string
	for i := 0; i < 3+rng.IntN(8); i++ {
		p := contest.Participant{ID: fmt.Sprintf("p%d", i), ContestID: c.ID, Phone: fmt.Sprintf("0912%06d", i), FullName: "Người dự thi", BirthDate: day(1990, 1, 1),
			UnitCode: "29905", PassHash: "x", RegisteredAt: now}
		ps = append(ps, p)
		sub := someDay().Add(3 * time.Hour)
		a := contest.Attempt{ID: fmt.Sprintf("a%d", i), RoundID: rd.ID, ParticipantID: p.ID, UnitCode: "29905", No: 1, StartedAt: sub.Add(-time.Minute),
			Deadline: sub.Add(time.Minute), State: contest.Submitted, SubmittedAt: &sub}
		switch rng.IntN(4) {
		case 0:
			voids = append(voids, a.ID)
		case 1:
			a.State, a.SubmittedAt = contest.Open, nil
		default:
			if sub.Year() == 2026 {
				want["contest_participants"]++
			}
		}
		as = append(as, a)
	}
	if err := f.db.Contests().InsertParticipants(ctx, ten, ps); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Contests().InsertAttempts(ctx, ten, as); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Contests().TransactContest(ctx, func(tx contest.Tx) error {
		for _, id := range voids {
			if err := tx.Void(ctx, ten, id, "Gian lận"); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return want
}

var (
	tbodyRe = regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`)
	trRe    = regexp.MustCompile(`(?s)<tr[ >].*?</tr>`)
)

// listedRecords counts the records a list page shows: the rows of its
// tables, not the "nothing here" row. A list with a next page is refused
// (the test's seeds fit a page).
func listedRecords(t *testing.T, body string) int {
	t.Helper()
	if strings.Contains(body, "Trang sau →") {
		t.Fatal("the drill-down list has a next page: the seeds must fit a page")
	}
	n := 0
	for _, tb := range tbodyRe.FindAllStringSubmatch(body, -1) {
		for _, tr := range trRe.FindAllString(tb[1], -1) {
			if !strings.Contains(tr, "colspan") {
				n++
			}
		}
	}
	return n
}

// recordLists are the back-office lists whose rows are the records a
// figure counts (a drill-down with its period and "counted" filter).
var recordLists = []string{"/admin/tro-giup-phap-ly/vu-viec?", "/admin/van-ban/du-thao?", "/admin/van-ban/kiem-tra?", "/admin/van-ban/co-so-du-lieu?",
	"/admin/don-thu/so?", "/admin/don-thu/tiep-dan?", "/admin/bo-tro-tu-phap/so-lieu?"}

func isRecordList(drill string) bool {
	for _, p := range recordLists {
		if strings.HasPrefix(drill, p) {
			return true
		}
	}
	return false
}
