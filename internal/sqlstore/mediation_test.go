package sqlstore_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/mediation"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func mday(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func newMediation(t *testing.T, db *sqlstore.DB, today time.Time) (*mediation.Service, mediation.Scope) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ten := mustTenant(t, newService(db), "STP-DT", "000.00.00.H82")
	svc := &mediation.Service{Store: db.Mediation(), InProvince: units.InProvince, Now: func() time.Time { return today }}
	return svc, mediation.Scope{TenantID: ten.ID, ProvinceCode: "82"}
}

var officer = mediation.Actor{ID: "o1", Name: "canbo.xa", IP: "127.0.0.1"}

// A commune officer keeps their commune's book: a team, three mediators, a
// case from request to a successful end and its payment; the department sees
// it, another commune's officer cannot touch it.
func TestMediationBookFlow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, dept := newMediation(t, db, mday(2026, 3, 25))
		saDec := dept
		saDec.CommuneCode = "29905"
		if _, err := svc.AddGrassroots(ctx, officer, saDec, mediation.Grassroots{CommuneCode: "29905", Name: "Khóm 1"}); err != nil {
			t.Fatal(err)
		}
		team, ws, err := svc.SaveTeam(ctx, officer, saDec, mediation.Team{CommuneCode: "29905", Grassroots: "Khóm 1", Name: "Tổ hòa giải khóm 1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) != 3 { // too few, no woman, no leader (Law 35/2013 Art. 12(1), 14(1))
			t.Fatalf("empty team warnings = %+v", ws)
		}
		if _, _, err := svc.SaveTeam(ctx, officer, saDec, mediation.Team{CommuneCode: "29905", Name: "Tổ hòa giải khóm 1"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("duplicate team name: %v", err)
		}
		people := []mediation.Mediator{
			{FullName: "Nguyễn Thị Lan", Sex: mediation.SexFemale, Leader: true, Ethnicity: "Kinh", BirthYear: 1970},
			{FullName: "Trần Văn Bình", Sex: mediation.SexMale, Ethnicity: "Kinh", BirthYear: 1965, LegalTraining: true},
			{FullName: "Lê Văn Cường", Sex: mediation.SexMale, Ethnicity: "Khmer", EthnicMinority: true, BirthYear: 1980},
		}
		var last []mediation.Warning
		var ids []string
		for _, m := range people {
			m.TeamID, m.RecognisedNo, m.RecognisedOn = team.ID, "12/QĐ-UBND", mday(2026, 1, 5)
			got, w, err := svc.Recognise(ctx, officer, saDec, m)
			if err != nil {
				t.Fatal(err)
			}
			last, ids = w, append(ids, got.ID)
		}
		if len(last) != 0 {
			t.Fatalf("a lawful team still warns: %+v", last)
		}
		if _, _, err := svc.Recognise(ctx, officer, saDec, mediation.Mediator{TeamID: team.ID, FullName: "X", Sex: mediation.SexMale}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a mediator without the chairman's decision: %v", err)
		}

		c, err := svc.Open(ctx, officer, saDec, mediation.Case{TeamID: team.ID, Kind: mediation.KindLand, Origin: mediation.OriginRequest,
			ReceivedOn: mday(2026, 3, 2), AssignedOn: ptr(mday(2026, 3, 2)), MediatorIDs: ids[:2],
			Summary: "Tranh chấp ranh giới đất", Parties: []mediation.Party{{FullName: "Phạm Văn D"}, {FullName: "Võ Thị E"}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.Pay(ctx, officer, saDec, c.ID, 200000); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("payment before the case ended (Decree 15/2014 Art. 14): %v", err)
		}
		c.StartedOn, c.Outcome, c.EndedOn, c.Agreement = ptr(mday(2026, 3, 4)), mediation.OutcomeSuccessful, ptr(mday(2026, 3, 20)), "Hai bên thống nhất cắm lại mốc ranh giới."
		if _, err := svc.Update(ctx, officer, saDec, c); err != nil {
			t.Fatal(err)
		}
		if err := svc.Pay(ctx, officer, saDec, c.ID, 200000); err != nil {
			t.Fatal(err)
		}
		got, err := db.Mediation().Case(ctx, dept.TenantID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Outcome != mediation.OutcomeSuccessful || got.PaymentVND != 200000 || len(got.Parties) != 2 || got.EndedOn == nil ||
			!got.EndedOn.Equal(mday(2026, 3, 20)) || strings.Join(got.MediatorIDs, ",") != strings.Join(ids[:2], ",") {
			t.Fatalf("stored case = %+v", got)
		}
		reopen := got
		reopen.Outcome, reopen.EndedOn = mediation.OutcomeInProgress, nil
		if _, err := svc.Update(ctx, officer, saDec, reopen); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("reopening an ended case: %v", err)
		}

		// Another commune's officer can neither read into nor write this
		// book: its records are not found (404), like another tenant's.
		other := dept
		other.CommuneCode = "28261"
		if _, err := svc.Update(ctx, officer, other, got); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("other commune edits the case: %v", err)
		}
		if _, err := svc.Open(ctx, officer, other, mediation.Case{TeamID: team.ID, Kind: mediation.KindLand, ReceivedOn: mday(2026, 3, 2)}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("other commune opens a case in this team: %v", err)
		}
		// A commune outside the department's province is refused.
		if _, _, err := svc.SaveTeam(ctx, officer, dept, mediation.Team{CommuneCode: "00004", Name: "Tổ Ba Đình"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a Hà Nội commune in Đồng Tháp's book: %v", err)
		}

		rep, err := svc.Figures(ctx, dept, mediation.Period{From: mday(2026, 1, 1), To: mday(2026, 3, 31)}, []string{"29905", "28261"})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Received != 1 || rep.Successful != 1 || rep.SuccessRate == nil || *rep.SuccessRate != 100 || len(rep.ByCommune) != 2 {
			t.Fatalf("report = %+v", rep)
		}
		commune, err := svc.Figures(ctx, other, mediation.Period{From: mday(2026, 1, 1), To: mday(2026, 3, 31)}, nil)
		if err != nil || commune.Received != 0 || len(commune.ByCommune) != 1 || commune.ByCommune[0].CommuneCode != "28261" {
			t.Fatalf("the other commune sees %+v, %v", commune, err)
		}

		entries, err := db.Audit().AuditLog(ctx, dept.TenantID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range entries {
			actions[e.Action]++
			if strings.Contains(e.Detail, "Phạm Văn D") {
				t.Errorf("a party's name in the audit log: %+v", e)
			}
		}
		for _, a := range []string{"mediation.team_add", "mediation.mediator_recognise", "mediation.case_open", "mediation.case_edit", "mediation.case_pay"} {
			if actions[a] == 0 {
				t.Errorf("no audit entry %s (have %v)", a, actions)
			}
		}
	})
}

func ptr[T any](v T) *T { return &v }

// The statistics read through SQL equal the direct definition over every
// case, for random books and periods, on both engines.
func TestMediationFiguresProperty(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, dept := newMediation(t, db, mday(2026, 12, 6))
		units, _ := adminunit.Builtin()
		communes := units.Communes("82")[:5]
		rng := rand.New(rand.NewPCG(7, 11))
		var recs []mediation.Imported
		var all []mediation.Fact
		for i := 0; i < 400; i++ {
			rec := mday(2025, 1, 1).AddDate(0, 0, rng.IntN(700))
			c := mediation.Case{CommuneCode: communes[rng.IntN(len(communes))], Kind: mediation.CaseKinds[rng.IntN(5)],
				Origin: mediation.OriginRequest, ReceivedOn: rec, Outcome: mediation.Outcomes[rng.IntN(4)]}
			if c.Outcome.Ended() {
				c.EndedOn = ptr(rec.AddDate(0, 0, rng.IntN(60)))
				if c.EndedOn.After(mday(2026, 12, 6)) {
					c.EndedOn = ptr(mday(2026, 12, 6))
				}
			}
			recs = append(recs, mediation.Imported{Line: i + 1, TeamName: "Tổ " + c.CommuneCode[3:], Case: c})
			all = append(all, mediation.FactOf(c))
		}
		n, teams, err := svc.Import(ctx, officer, dept, recs)
		if err != nil || n != 400 || teams != 5 {
			t.Fatalf("import: %d cases %d teams %v", n, teams, err)
		}
		for round := 0; round < 40; round++ {
			from := mday(2025, 1, 1).AddDate(0, 0, rng.IntN(650))
			p := mediation.Period{From: from, To: from.AddDate(0, 0, rng.IntN(200))}
			sc := dept
			if round%3 == 0 {
				sc.CommuneCode = communes[round%len(communes)]
			}
			got, err := svc.Figures(ctx, sc, p, communes)
			if err != nil {
				t.Fatal(err)
			}
			var mine []mediation.Fact
			for _, f := range all {
				if sc.CommuneCode == "" || f.CommuneCode == sc.CommuneCode {
					mine = append(mine, f)
				}
			}
			want := mediation.Compute(p, mine)
			if got.Received != want.Received || got.CarriedOver != want.CarriedOver || got.Successful != want.Successful ||
				got.Unsuccessful != want.Unsuccessful || got.Stopped != want.Stopped || got.InProgress != want.InProgress {
				t.Fatalf("period %s–%s commune %q: SQL %+v, direct %+v", p.From.Format("02/01/2006"), p.To.Format("02/01/2006"), sc.CommuneCode, got.Figures, want)
			}
		}
	})
}

// An import is all or nothing: a bad line leaves the book as it was.
func TestMediationImportAllOrNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, dept := newMediation(t, db, mday(2026, 12, 6))
		good := mediation.Imported{Line: 1, TeamName: "Tổ hòa giải ấp 3", Case: mediation.Case{CommuneCode: "28261", Kind: mediation.KindLand,
			Origin: mediation.OriginRequest, ReceivedOn: mday(2026, 3, 2), Outcome: mediation.OutcomeInProgress}}
		bad := good
		bad.Line, bad.Case.CommuneCode = 2, "00004"
		_, _, err := svc.Import(ctx, officer, dept, []mediation.Imported{good, bad})
		if err == nil || !strings.Contains(err.Error(), "Dòng 2") {
			t.Fatalf("err = %v", err)
		}
		if cs, _ := db.Mediation().Cases(ctx, dept.TenantID, mediation.CaseFilter{}); len(cs) != 0 {
			t.Fatalf("a refused import left %d cases", len(cs))
		}
		if ts, _ := db.Mediation().Teams(ctx, dept.TenantID, ""); len(ts) != 0 {
			t.Fatalf("a refused import left %d teams", len(ts))
		}
	})
}

func TestMediationClubs(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, dept := newMediation(t, db, mday(2026, 6, 1))
		sc := dept
		sc.CommuneCode = "29905"
		st := db.Mediation()
		club, err := svc.AddClub(ctx, st, officer, sc, mediation.Club{CommuneCode: "29905", Name: "CLB hòa giải phường Sa Đéc", FoundedNo: "45/QĐ-UBND", FoundedOn: mday(2025, 9, 1), Members: 25, Women: 12})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddClub(ctx, st, officer, sc, mediation.Club{CommuneCode: "29905", Name: "X", FoundedOn: mday(2025, 9, 1), Members: 5, Women: 6}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("more women than members: %v", err)
		}
		if _, err := svc.AddClubActivity(ctx, st, officer, sc, mediation.ClubActivity{ClubID: club.ID, On: mday(2026, 3, 8), Topic: "Luật Hôn nhân và gia đình", Participants: 40}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddClubActivity(ctx, st, officer, sc, mediation.ClubActivity{ClubID: club.ID, On: mday(2025, 3, 8), Topic: "Trước khi thành lập", Participants: 4}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("a meeting before the club existed: %v", err)
		}
		other := dept
		other.CommuneCode = "28261"
		if _, err := svc.AddClubActivity(ctx, st, officer, other, mediation.ClubActivity{ClubID: club.ID, On: mday(2026, 3, 9), Topic: "x", Participants: 1}); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another commune writes into the club: %v", err)
		}
		cs, err := st.Clubs(ctx, dept.TenantID, "")
		acts, err2 := st.ClubActivities(ctx, dept.TenantID, club.ID)
		if err != nil || err2 != nil || len(cs) != 1 || cs[0].Members != 25 || !cs[0].FoundedOn.Equal(mday(2025, 9, 1)) || len(acts) != 1 || acts[0].Participants != 40 {
			t.Fatalf("clubs %+v %v, activities %+v %v", cs, err, acts, err2)
		}
	})
}

// Every figure drills down to exactly the cases it counts, on both engines.
func TestMediationDrillDown(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, dept := newMediation(t, db, mday(2026, 12, 6))
		rng := rand.New(rand.NewPCG(3, 4))
		var recs []mediation.Imported
		for i := 0; i < 150; i++ {
			rec := mday(2025, 6, 1).AddDate(0, 0, rng.IntN(400))
			c := mediation.Case{CommuneCode: "29905", Kind: mediation.KindCivil, Origin: mediation.OriginRequest, ReceivedOn: rec, Outcome: mediation.Outcomes[rng.IntN(4)]}
			if c.Outcome.Ended() {
				c.EndedOn = ptr(rec.AddDate(0, 0, rng.IntN(40)))
			}
			recs = append(recs, mediation.Imported{Line: i + 1, TeamName: "Tổ 1", Case: c})
		}
		if _, _, err := svc.Import(ctx, officer, dept, recs); err != nil {
			t.Fatal(err)
		}
		p := mediation.Period{From: mday(2026, 1, 1), To: mday(2026, 3, 31)}
		rep, err := svc.Figures(ctx, dept, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"received": rep.Received, "carried_over": rep.CarriedOver, "new": rep.New, "successful": rep.Successful,
			"unsuccessful": rep.Unsuccessful, "stopped": rep.Stopped, "in_progress": rep.InProgress}
		for _, k := range mediation.Counted {
			cs, err := db.Mediation().Cases(ctx, dept.TenantID, mediation.CaseFilter{Counted: k, In: p, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != want[k] {
				t.Errorf("%s: list has %d cases, figure %d", k, len(cs), want[k])
			}
		}
		if rep.Received == 0 {
			t.Fatal("nothing to drill into")
		}
	})
}
