package sqlstore_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/annualreport/sources"
	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/emulation"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

var emuOfficer = emulation.Actor{ID: "o1", Name: "vanphong", IP: "127.0.0.1"}

// The year of a division: its CCHC tasks, the evaluation, a proposal the
// PAR rule refuses, and a proposal of a division that met its tasks, decided
// and counted in the figures, on both engines.
func TestEmulationFlow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-EMU", "000.00.00.H83")
		today := mday(2026, 12, 20)
		svc := &emulation.Service{Store: db.Emulation(), Par: emulation.DefaultParRule, Now: func() time.Time { return today }}
		done := mday(2026, 3, 20)
		for _, tk := range []emulation.Task{
			{Year: 2026, Area: emulation.ParAreas[2], Name: "Rà soát, đơn giản hóa TTHC", Owner: "Phòng Hành chính tư pháp", Due: mday(2026, 3, 31), DoneOn: &done},
			{Year: 2026, Area: emulation.ParAreas[1], Name: "Kiểm tra văn bản QPPL", Owner: "Phòng Xây dựng và kiểm tra VBQPPL", Due: mday(2026, 6, 30)},
		} {
			if _, err := svc.SaveTask(ctx, ten.ID, emuOfficer, tk); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.SaveTask(ctx, ten.ID, emuOfficer, emulation.Task{Year: 2026, Name: "x", Owner: "y", Area: "z", Due: mday(2025, 1, 1)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a task due outside its plan's year: %v", err)
		}
		good, err := svc.Evaluate(ctx, ten.ID, emuOfficer, emulation.Evaluation{Year: 2026, Kind: emulation.Collective, Name: "Phòng Hành chính tư pháp",
			Rating: emulation.Excellent, Members: 6, MembersLDTT: 5, MembersCSTD: 1})
		if err != nil || !good.ParTasksMet {
			t.Fatalf("evaluation = %+v, %v", good, err)
		}
		bad, err := svc.Evaluate(ctx, ten.ID, emuOfficer, emulation.Evaluation{Year: 2026, Kind: emulation.Collective, Name: "Phòng Xây dựng và kiểm tra VBQPPL",
			Rating: emulation.Excellent, Members: 5, MembersLDTT: 5, MembersCSTD: 1})
		if err != nil || bad.ParTasksMet {
			t.Fatalf("the division with an overdue task: %+v, %v", bad, err)
		}
		_, err = svc.Propose(ctx, ten.ID, emuOfficer, bad.ID, emulation.TapTheLDXS, "")
		if apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(apperr.As(err).Error(), "cải cách hành chính") {
			t.Fatalf("seed 002: the PAR rule must refuse the proposal: %v", err)
		}
		aw, err := svc.Propose(ctx, ten.ID, emuOfficer, good.ID, emulation.TapTheLDXS, "Hoàn thành xuất sắc")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Decide(ctx, ten.ID, emuOfficer, aw.ID, true, "", mday(2026, 12, 10), ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a decision without its number: %v", err)
		}
		if _, err := svc.Decide(ctx, ten.ID, emuOfficer, aw.ID, true, "125/QĐ-UBND", mday(2026, 12, 10), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Decide(ctx, ten.ID, emuOfficer, aw.ID, true, "126/QĐ-UBND", mday(2026, 12, 10), ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("deciding twice: %v", err)
		}
		m, err := svc.SaveModel(ctx, ten.ID, emuOfficer, emulation.Model{Name: "«Khéo» trong đăng ký khai sinh lưu động", Field: "Xây dựng hệ thống chính trị", Unit: "Phòng Hành chính tư pháp", Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RecogniseModel(ctx, ten.ID, emuOfficer, m.ID, "Tỉnh", "12-QĐ/BDVTU", mday(2026, 11, 5)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Emulation().Award(ctx, "other-tenant", aw.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another tenant's award: %v", err)
		}
		b := &annualreport.Builder{}
		b.Register(sources.Emulation{Store: db.Emulation()})
		b.Register(sources.Reform{Store: db.Emulation(), Now: func() time.Time { return today }})
		p, _ := annualreport.PeriodOf(2026, 0)
		rep, err := b.Build(ctx, annualreport.Scope{TenantID: ten.ID}, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{"commendations": 1, "commendations_collective": 1, "commendations_individual": 0, "danvan_models": 1, "par_tasks_due": 2, "par_tasks_on_time_rate": 50}
		for k, v := range want {
			f, ok := rep.Figure(k)
			if !ok || f.Value == nil || *f.Value != v {
				t.Errorf("%s = %+v, want %v", k, f, v)
			}
		}
		if f, _ := rep.Figure("legalaid_cases"); f.Value != nil || f.NotHeld == "" {
			t.Errorf("a register not kept must be null and said so: %+v", f)
		}
		half, _ := annualreport.PeriodOf(2026, 1)
		rep, _ = b.Build(ctx, annualreport.Scope{TenantID: ten.ID}, half, nil)
		if f, _ := rep.Figure("commendations"); f.Value == nil || *f.Value != 0 {
			t.Errorf("the first half counts no award decided in December: %+v", f)
		}
		texts := map[string]string{"intro": "Năm 2026, Sở …", "tasks": "Tiếp tục …"}
		if err := db.Annual().SaveAnnualTexts(ctx, ten.ID, 2026, 0, texts, audit.Entry{TenantID: ten.ID, Actor: "giamdoc", Action: "annualreport.texts", Object: "2026"}); err != nil {
			t.Fatal(err)
		}
		got, err := db.Annual().AnnualTexts(ctx, ten.ID, 2026, 0)
		if err != nil || got["intro"] != texts["intro"] || len(got) != 2 {
			t.Fatalf("texts = %v, %v", got, err)
		}
	})
}

// The figures tallied in SQL (the drill-down's filter) equal their direct
// definition over random awards and models, on both engines.
func TestEmulationFiguresProperty(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-EMP", "000.00.00.H84")
		rng := rand.New(rand.NewPCG(7, 9))
		var awards []emulation.Award
		var models []emulation.Model
		statuses := []emulation.Status{emulation.Proposed, emulation.Awarded, emulation.Refused, emulation.Revoked}
		err := db.Emulation().TransactEmulation(ctx, func(tx emulation.Tx) error {
			for i := range 120 {
				a := emulation.Award{ID: emulation.NewID(), Year: 2025 + rng.IntN(2), Title: emulation.GiayKhen, Kind: []emulation.Kind{emulation.Individual, emulation.Collective}[rng.IntN(2)],
					Name: "x", Status: statuses[rng.IntN(4)]}
				if a.Status != emulation.Proposed {
					d := mday(2025, 1, 1).AddDate(0, 0, rng.IntN(730))
					a.DecidedOn = &d
				}
				awards = append(awards, a)
				if err := tx.SaveAward(ctx, ten.ID, a); err != nil {
					return err
				}
				if i%3 == 0 {
					m := emulation.Model{ID: emulation.NewID(), Name: "m", Year: 2025}
					if rng.IntN(2) == 0 {
						d := mday(2025, 1, 1).AddDate(0, 0, rng.IntN(730))
						m.RecognisedOn = &d
					}
					models = append(models, m)
					if err := tx.SaveModel(ctx, ten.ID, m); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, per := range [][2]time.Time{{mday(2025, 1, 1), mday(2025, 12, 31)}, {mday(2026, 1, 1), mday(2026, 6, 30)}, {mday(2025, 7, 1), mday(2026, 12, 31)}} {
			want := emulation.Compute(awards, models, nil, per[0], per[1])
			_, n, err := db.Emulation().Awards(ctx, ten.ID, emulation.AwardFilter{Status: emulation.Awarded, DecidedFrom: per[0], DecidedTo: per[1]})
			if err != nil || n != want.Commendations {
				t.Fatalf("%v: awards %d, want %d (%v)", per, n, want.Commendations, err)
			}
			_, n, _ = db.Emulation().Awards(ctx, ten.ID, emulation.AwardFilter{Status: emulation.Awarded, Kind: emulation.Collective, DecidedFrom: per[0], DecidedTo: per[1]})
			if n != want.Collectives {
				t.Fatalf("%v: collectives %d, want %d", per, n, want.Collectives)
			}
			_, n, _ = db.Emulation().Models(ctx, ten.ID, emulation.ModelFilter{RecognisedFrom: per[0], RecognisedTo: per[1]})
			if n != want.ModelsRecognised {
				t.Fatalf("%v: models %d, want %d", per, n, want.ModelsRecognised)
			}
		}
	})
}
