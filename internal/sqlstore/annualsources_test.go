package sqlstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/annualreport/sources"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/contest"
	"tuphap/internal/legalaid"
	"tuphap/internal/legaldoc"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/practitioner"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// The annual report's sources of the registers, on both engines: each
// figure equals the count of the records seeded that it defines, counted
// here from the seeds, not from the register's own computation.

// annualSection builds one field of the report from a builder wired with d.
func annualSection(t *testing.T, d sources.Deps, sc annualreport.Scope, key string, year int) annualreport.Section {
	t.Helper()
	b := sources.Wire(d)
	if !b.Has(key) {
		t.Fatalf("no source wired for %s", key)
	}
	p, err := annualreport.PeriodOf(year, 0)
	if err != nil {
		t.Fatal(err)
	}
	s, err := b.Section(context.Background(), sc, p, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Held || s.NotHeld != "" {
		t.Fatalf("%s: the register is kept, the section says %q", key, s.NotHeld)
	}
	return s
}

// wantFigure checks a figure's value against the seeds' count.
func wantFigure(t *testing.T, s annualreport.Section, key string, want int) {
	t.Helper()
	for _, f := range s.Figures {
		if f.Key != key {
			continue
		}
		if f.Value == nil || int(*f.Value) != want {
			t.Errorf("%s = %v, the seeds have %d", key, f.Value, want)
		}
		if f.Definition == "" {
			t.Errorf("%s has no definition", key)
		}
		return
	}
	t.Errorf("no figure %s in %s", key, s.Key)
}

func inYear(d *time.Time, y int) bool { return d != nil && d.Year() == y }

func TestAnnualSourceLegalAid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, ten := newLegalAid(t, db, mday(2026, 12, 31))
		rng := rand.New(rand.NewPCG(24, 1))
		var cs []legalaid.Case
		seq := map[string]int{}
		for i := 0; i < 40+rng.IntN(60); i++ {
			req := mday(2025, 6, 1).AddDate(0, 0, rng.IntN(560))
			c := legalaid.Case{ID: "c" + itoa(i), Ref: "R" + itoa(i), UnitCode: []string{"TT", "CN1"}[rng.IntN(2)], Channel: legalaid.ChannelCentre,
				RequestedOn: req, Requester: legalaid.Person{FullName: "P"}, Persons: 1 + rng.IntN(3), Group: "K1",
				Form: legalaid.Forms[rng.IntN(3)], Field: legalaid.Fields[rng.IntN(8)], Status: legalaid.StatusRequested, ReceivedAt: req}
			if rng.IntN(5) > 0 {
				acc := req.AddDate(0, 0, rng.IntN(5))
				c.AcceptedOn, c.Status = &acc, legalaid.StatusInProgress
				seq[c.UnitCode]++
				c.Seq, c.Year = seq[c.UnitCode], req.Year()
				c.Code = legalaid.FileCode(c.UnitCode, c.Form, c.Seq, c.Year)
				if rng.IntN(2) == 0 {
					cl := acc.AddDate(0, 0, rng.IntN(200))
					c.Status, c.ClosedOn, c.EndedOn = legalaid.StatusClosed, &cl, &cl
				}
			}
			cs = append(cs, c)
		}
		if err := svc.Store.TransactLegalAid(ctx, func(tx legalaid.Tx) error { return tx.InsertCases(ctx, ten, cs) }); err != nil {
			t.Fatal(err)
		}
		var accepted, closed, carried, persons int
		form := map[legalaid.Form]int{}
		for _, c := range cs {
			if inYear(c.AcceptedOn, 2026) {
				accepted++
				form[c.Form]++
				persons += c.Persons
			}
			if c.AcceptedOn != nil && c.AcceptedOn.Year() < 2026 && (c.EndedOn == nil || c.EndedOn.Year() >= 2026) {
				carried++
			}
			if inYear(c.ClosedOn, 2026) {
				closed++
			}
		}
		if accepted == 0 || closed == 0 {
			t.Fatalf("the seeds give nothing to count: %d accepted, %d closed", accepted, closed)
		}
		s := annualSection(t, sources.Deps{LegalAid: svc}, annualreport.Scope{TenantID: ten}, "legal_aid", 2026)
		wantFigure(t, s, "legalaid_cases", accepted)
		wantFigure(t, s, "legalaid_proceedings", form[legalaid.FormProceedings])
		wantFigure(t, s, "legalaid_representation", form[legalaid.FormRepresentation])
		wantFigure(t, s, "legalaid_advice", form[legalaid.FormAdvice])
		wantFigure(t, s, "legalaid_closed", closed)
		wantFigure(t, s, "legalaid_carried_over", carried)
		wantFigure(t, s, "legalaid_persons", persons)
	})
}

func TestAnnualSourceLegalDocs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, sc := newLegalDoc(t, db, mday(2026, 12, 31))
		rng := rand.New(rand.NewPCG(24, 2))
		var reported, received, opinions, checked, unlawful int
		err := svc.Store.TransactLegalDoc(ctx, func(tx legaldoc.Tx) error {
			for i := 0; i < 20+rng.IntN(40); i++ {
				rec := mday(2025, 10, 1).AddDate(0, 0, rng.IntN(450))
				tk := legaldoc.Task{ID: "t" + itoa(i), Type: []legaldoc.TaskType{legaldoc.TaskAppraisal, legaldoc.TaskOpinion}[rng.IntN(2)],
					DraftKind: legaldoc.Kinds[0], Title: "Dự thảo " + itoa(i), Agency: "Sở Tài chính", ReceivedOn: rec}
				if rng.IntN(4) > 0 {
					rep := rec.AddDate(0, 0, 5+rng.IntN(20))
					tk.ReportOn, tk.ReportNo, tk.CompleteOn = &rep, itoa(i)+"/BC-STP", &rec
				}
				if tk.Type == legaldoc.TaskAppraisal && rec.Year() == 2026 {
					received++
				}
				if inYear(tk.ReportOn, 2026) {
					if tk.Type == legaldoc.TaskAppraisal {
						reported++
					} else {
						opinions++
					}
				}
				if err := tx.InsertTask(ctx, sc.TenantID, tk); err != nil {
					return err
				}
			}
			for i := 0; i < 10+rng.IntN(30); i++ {
				rec := mday(2025, 11, 1).AddDate(0, 0, rng.IntN(420))
				c := legaldoc.Check{ID: "k" + itoa(i), Mode: legaldoc.CheckIssued, DocNumber: itoa(i) + "/2025/QĐ-UBND", DocTitle: "Quyết định " + itoa(i), Issuer: "UBND xã", ReceivedOn: rec}
				if rng.IntN(3) > 0 {
					on := rec.AddDate(0, 0, rng.IntN(30))
					c.CheckedOn = &on
					if rng.IntN(4) == 0 {
						c.Findings = []legaldoc.Finding{{Article: "khoản 2 Điều 4", Content: "Trái thẩm quyền", Basis: "Luật 64/2025/QH15"}}
					}
				}
				if inYear(c.CheckedOn, 2026) {
					checked++
					if len(c.Findings) > 0 {
						unlawful++
					}
				}
				if err := tx.InsertCheck(ctx, sc.TenantID, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if reported == 0 || checked == 0 {
			t.Fatalf("the seeds give nothing to count: %d reported, %d checked", reported, checked)
		}
		s := annualSection(t, sources.Deps{LegalDocs: svc}, annualreport.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode}, "legal_documents", 2026)
		wantFigure(t, s, "drafts_appraised", reported)
		wantFigure(t, s, "drafts_appraisal_received", received)
		wantFigure(t, s, "drafts_commented", opinions)
		wantFigure(t, s, "documents_checked", checked)
		wantFigure(t, s, "documents_unlawful", unlawful)
	})
}

// The department's own book and its communes' (their own tenants) are
// both counted, apart.
func TestAnnualSourcePetitions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, ten := newPetitions(t, db, time.Date(2026, 12, 31, 10, 0, 0, 0, time.UTC))
		orgSvc := newService(db)
		dept, err := db.Org().Tenant(ctx, ten)
		if err != nil {
			t.Fatal(err)
		}
		communes, err := orgSvc.CreateCommunes(ctx, audit.System, dept, []org.Tenant{
			{Code: "X-SADEC", Name: "UBND phường Sa Đéc", AgencyID: "000.00.01.H82"},
			{Code: "X-CAOLANH", Name: "UBND phường Cao Lãnh", AgencyID: "000.00.02.H82"},
		}, []string{"29905", "29908"})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(24, 3))
		clerk := petition.Actor{ID: "o1", Name: "tiepdan"}
		type counts struct{ received, accepted, visits int }
		seed := func(tenantID string, n int) counts {
			var c counts
			for i := 0; i < n; i++ {
				on := calendar.NewDate(2025, 12, 1).AddDays(rng.IntN(390))
				if on.After(calendar.NewDate(2026, 12, 31)) {
					on = calendar.NewDate(2026, 12, 31)
				}
				rc, err := svc.Receive(ctx, clerk, tenantID, petition.Intake{Petition: petition.Petition{Kind: petition.KindFeedback, Channel: petition.ChannelPost,
					ReceivedOn: on, Summary: fmt.Sprintf("Kiến nghị số %d về %s", i, tenantID[:4]), Petitioner: petition.Person{FullName: fmt.Sprintf("Người kiến nghị %d", i), Address: "Ấp " + itoa(i)}}})
				if err != nil {
					t.Fatal(err)
				}
				if on.Year == 2026 {
					c.received++
				}
				if rng.IntN(2) == 0 {
					dec := on.AddDays(rng.IntN(5))
					if dec.After(calendar.NewDate(2026, 12, 31)) {
						dec = calendar.NewDate(2026, 12, 31)
					}
					if _, err := svc.Decide(ctx, clerk, tenantID, rc.Petition.ID, petition.Decision{Handling: petition.HandleAccept, On: dec, HandlerID: "o2", HandlerName: "chuyenvien"}); err != nil {
						t.Fatal(err)
					}
					if dec.Year == 2026 {
						c.accepted++
					}
				}
			}
			for i := 0; i < rng.IntN(6); i++ {
				day := calendar.NewDate(2026, time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
				if _, err := svc.RecordVisit(ctx, clerk, tenantID, petition.Visit{Day: day, Kind: petition.VisitKinds[0], ReceivedBy: "Cán bộ tiếp dân",
					Visitor: "Công dân " + itoa(i), Address: "Ấp 1", Content: "Hỏi về thủ tục"}); err != nil {
					t.Fatal(err)
				}
				c.visits++
			}
			return c
		}
		own := seed(ten, 8+rng.IntN(10))
		var com counts
		for _, c := range communes {
			x := seed(c.ID, 3+rng.IntN(6))
			com.received, com.accepted, com.visits = com.received+x.received, com.accepted+x.accepted, com.visits+x.visits
		}
		s := annualSection(t, sources.Deps{Petitions: svc, CommuneTenants: sources.CommuneTenantsOf(db.Org().CommuneLinks)}, annualreport.Scope{TenantID: ten, ProvinceCode: "82"}, "petitions", 2026)
		wantFigure(t, s, "petitions_received", own.received)
		wantFigure(t, s, "petitions_accepted", own.accepted)
		wantFigure(t, s, "citizen_reception_visits", own.visits)
		wantFigure(t, s, "petitions_received_communes", com.received)
		wantFigure(t, s, "citizen_reception_visits_communes", com.visits)
		// Without communes attached, no commune figure is stated.
		s = annualSection(t, sources.Deps{Petitions: svc}, annualreport.Scope{TenantID: ten, ProvinceCode: "82"}, "petitions", 2026)
		for _, f := range s.Figures {
			if strings.HasSuffix(f.Key, "_communes") {
				t.Errorf("%s stated with no commune in tuphap", f.Key)
			}
		}
	})
}

func TestAnnualSourcePractitioners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, sc := newPractitioners(t, db, prDay(2027, 1, 15))
		rng := rand.New(rand.NewPCG(24, 4))
		active := map[practitioner.Profession]int{}
		notaries, concluded := 0, 0
		end := prDay(2026, 12, 31)
		for i := 0; i < 8+rng.IntN(12); i++ {
			k := practitioner.OrgKinds[rng.IntN(len(practitioner.OrgKinds))]
			reg := prDay(2019, 1, 1).AddDate(0, 0, rng.IntN(2900)) // to early 2027
			dec := practitioner.Cause{DecisionNo: itoa(i) + "/QĐ-STP", DecisionOn: ptr(reg)}
			o, err := svc.RegisterOrg(ctx, prOfficer, sc, practitioner.Organisation{Kind: k.Kind, Name: "Tổ chức " + itoa(i), RegNo: "41." + itoa(i) + "/TP",
				RegisteredOn: reg, CommuneCode: "29905", Address: "1 Hùng Vương", Head: "Người đứng đầu " + itoa(i)}, dec)
			if err != nil {
				t.Fatal(err)
			}
			if k.Profession == practitioner.Notary && !reg.After(end) && rng.IntN(2) == 0 {
				if _, err := svc.RegisterPerson(ctx, prOfficer, sc, practitioner.Person{Profession: practitioner.Notary, FullName: "Công chứng viên " + itoa(i),
					BirthDate: prDay(1980, 1, 1), AppointedOn: reg, OrgID: o.ID, PractisingOn: true}, dec); err != nil {
					t.Fatal(err)
				}
				notaries++
			}
			if !reg.After(prDay(2026, 6, 1)) && rng.IntN(2) == 0 {
				in, err := svc.PlanInspection(ctx, prOfficer, sc, practitioner.Inspection{Year: 2026, OrgID: o.ID, Planned: true, Team: "Trưởng đoàn: Nguyễn Văn A", DecisionNo: "k" + itoa(i), DecisionOn: ptr(prDay(2026, 6, 2))})
				if err != nil {
					t.Fatal(err)
				}
				on := prDay(2026, 7, 1).AddDate(0, 0, rng.IntN(200)) // some in January 2027
				if _, err := svc.Conclude(ctx, prOfficer, sc, in.ID, on, nil, nil, nil); err != nil {
					t.Fatal(err)
				}
				if on.Year() == 2026 {
					concluded++
				}
			}
			isActive := !reg.After(end)
			if rng.IntN(3) == 0 {
				on := reg.AddDate(0, 0, 1+rng.IntN(900))
				if on.After(prDay(2027, 1, 10)) {
					on = prDay(2027, 1, 10)
				}
				if _, err := svc.ChangeOrg(ctx, prOfficer, sc, o.ID, practitioner.EvSuspended, on, nil, "", practitioner.Cause{DecisionNo: "s" + itoa(i), DecisionOn: ptr(on)}); err != nil {
					t.Fatal(err)
				}
				if !on.After(end) {
					isActive = false
				}
			}
			if isActive {
				active[k.Profession]++
			}
		}
		total := 0
		for _, n := range active {
			total += n
		}
		if total == 0 {
			t.Fatal("the seeds give no active organisation")
		}
		s := annualSection(t, sources.Deps{Practitioners: svc}, annualreport.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode}, "practitioners", 2026)
		wantFigure(t, s, "practitioner_organisations", total)
		for _, pr := range practitioner.Professions {
			wantFigure(t, s, "practitioner_organisations_"+string(pr), active[pr])
		}
		wantFigure(t, s, "practitioners_notary", notaries)
		wantFigure(t, s, "practitioner_inspections", concluded)
	})
}

// A contest's entries are counted by their submission in Vietnam's time;
// open and voided attempts are not entries.
func TestAnnualSourceContests(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-CT", "000.00.00.H82")
		now := time.Date(2025, 12, 1, 1, 0, 0, 0, time.UTC)
		svc := &contest.Service{Store: db.Contests(), Now: func() time.Time { return now }}
		a := contest.Actor{ID: "o1", Name: "pbgdpl"}
		rng := rand.New(rand.NewPCG(24, 5))
		entries, people := 0, 0
		for ci := 0; ci < 2; ci++ {
			c, err := svc.CreateContest(ctx, a, ten.ID, contest.Contest{Code: "tim-hieu-" + itoa(ci), Title: "Tìm hiểu pháp luật " + itoa(ci)})
			if err != nil {
				t.Fatal(err)
			}
			var qs []contest.Question
			for i := range 10 {
				qs = append(qs, contest.Question{Stem: fmt.Sprintf("Câu %d?", i), Options: []string{"A", "B", "C", "D"}, Correct: i % 4, Difficulty: 1})
			}
			if err := svc.AddQuestions(ctx, a, ten.ID, c.ID, qs); err != nil {
				t.Fatal(err)
			}
			r, err := svc.AddRound(ctx, a, ten.ID, contest.Round{ContestID: c.ID, No: 1, Title: "Vòng 1", Mode: contest.Window,
				OpensAt: now, ClosesAt: now.AddDate(1, 2, 0), TimeLimit: 20 * time.Minute, Questions: 5, Attempts: 3,
				Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore, contest.ByDuration}})
			if err != nil {
				t.Fatal(err)
			}
			var ps []contest.Participant
			var as []contest.Attempt
			var voids []string
			for i := 0; i < 5+rng.IntN(15); i++ {
				p := contest.Participant{ID: fmt.Sprintf("p%d-%d", ci, i), ContestID: c.ID, Phone: fmt.Sprintf("09%08d", ci*1000+i), FullName: "Người dự thi " + itoa(i),
					BirthDate: mday(1990, 1, 1), UnitCode: "29905", PassHash: "x", RegisteredAt: now}
				ps = append(ps, p)
				counted := false
				for no := 1; no <= 1+rng.IntN(3); no++ {
					// Around the year's bounds in Vietnam's time: 31/12/2025
					// 17:00 UTC is 1/1/2026 00:00 there.
					sub := time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(3)) * time.Hour)
					if rng.IntN(2) == 0 {
						sub = time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(3)) * time.Hour)
					}
					if rng.IntN(3) == 0 {
						sub = time.Date(2026, time.Month(1+rng.IntN(12)), 10, 3, 0, 0, 0, time.UTC)
					}
					at := contest.Attempt{ID: fmt.Sprintf("a%d-%d-%d", ci, i, no), RoundID: r.ID, ParticipantID: p.ID, UnitCode: "29905", No: no,
						StartedAt: sub.Add(-10 * time.Minute), Deadline: sub.Add(10 * time.Minute), State: contest.Submitted, SubmittedAt: ptr(sub)}
					valid := true
					switch rng.IntN(6) {
					case 0:
						at.State, at.SubmittedAt, valid = contest.Open, nil, false
					case 1:
						voids = append(voids, at.ID)
						valid = false
					case 2:
						at.State = contest.Expired
					}
					vn := sub.In(contest.Zone)
					if valid && vn.Year() == 2026 {
						entries++
						counted = true
					}
					as = append(as, at)
				}
				if counted {
					people++
				}
			}
			if err := db.Contests().InsertParticipants(ctx, ten.ID, ps); err != nil {
				t.Fatal(err)
			}
			if err := db.Contests().InsertAttempts(ctx, ten.ID, as); err != nil {
				t.Fatal(err)
			}
			if err := db.Contests().TransactContest(ctx, func(tx contest.Tx) error {
				for _, id := range voids {
					if err := tx.Void(ctx, ten.ID, id, "Trùng người"); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if entries == 0 {
			t.Fatal("the seeds give no entry")
		}
		s := annualSection(t, sources.Deps{Contests: db.Contests()}, annualreport.Scope{TenantID: ten.ID}, "dissemination", 2026)
		wantFigure(t, s, "contest_participants", entries)
		wantFigure(t, s, "contest_people", people)
		// The leaflets are the dissemination register's, not kept here.
		for _, f := range s.Figures {
			if f.Key == "leaflets_distributed" && (f.Value != nil || !strings.Contains(f.NotHeld, "chưa được quản lý")) {
				t.Errorf("leaflets_distributed = %v, %q: not held by the contests", f.Value, f.NotHeld)
			}
		}
	})
}
