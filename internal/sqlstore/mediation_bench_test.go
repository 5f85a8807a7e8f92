package sqlstore_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/audit"
	"tuphap/internal/mediation"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// mediationBook makes n cases over a province's communes, as a commune book
// of a few years looks: most cases end within weeks, about 70% successfully.
func mediationBook(n int, communes []string) []mediation.Imported {
	rng := rand.New(rand.NewPCG(3, 5))
	out := make([]mediation.Imported, n)
	for i := range out {
		rec := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(1400))
		c := mediation.Case{CommuneCode: communes[rng.IntN(len(communes))], Kind: mediation.CaseKinds[rng.IntN(5)],
			Origin: mediation.OriginRequest, ReceivedOn: rec}
		switch r := rng.IntN(100); {
		case r < 70:
			c.Outcome = mediation.OutcomeSuccessful
		case r < 88:
			c.Outcome = mediation.OutcomeUnsuccessful
		case r < 94:
			c.Outcome = mediation.OutcomeStopped
		default:
			c.Outcome = mediation.OutcomeInProgress
		}
		if c.Outcome.Ended() {
			e := rec.AddDate(0, 0, 1+rng.IntN(40))
			c.EndedOn = &e
		}
		out[i] = mediation.Imported{Line: i + 1, TeamName: "Tổ hòa giải số " + string(rune('1'+rng.IntN(9))), Case: c}
	}
	return out
}

func benchMediation(b *testing.B, n int) (*mediation.Service, mediation.Scope, []mediation.Imported, *sqlstore.DB, []string) {
	b.Helper()
	db := storetest.Open(b, sqlstore.SQLite, sqlstore.Options{})
	units, _ := adminunit.Builtin()
	communes := units.Communes("82")
	ten, err := (&org.Service{Store: sqlstore.OrgStore{DB: db}}).CreateTenant(context.Background(), audit.System,
		org.Tenant{Code: "STP-DT", Name: "Sở Tư pháp tỉnh Đồng Tháp", AgencyID: "000.00.00.H82", ProvinceCode: "82"})
	if err != nil {
		b.Fatal(err)
	}
	svc := &mediation.Service{Store: db.Mediation(), InProvince: units.InProvince, Now: func() time.Time { return time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC) }}
	return svc, mediation.Scope{TenantID: ten.ID, ProvinceCode: "82"}, mediationBook(n, communes), db, communes
}

// BenchmarkMediationImport100k: 100,000 cases over a province's communes in
// one all-or-nothing import (target: under 10 s on SQLite).
func BenchmarkMediationImport100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		svc, sc, recs, _, _ := benchMediation(b, 100_000)
		b.StartTimer()
		if n, _, err := svc.Import(context.Background(), mediation.Actor{Name: "bench"}, sc, recs); err != nil || n != 100_000 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkMediationProvinceYear: the province's yearly report over 100,000
// cases, every commune (target: under 200 ms on SQLite).
func BenchmarkMediationProvinceYear(b *testing.B) {
	svc, sc, recs, _, communes := benchMediation(b, 100_000)
	ctx := context.Background()
	if _, _, err := svc.Import(ctx, mediation.Actor{Name: "bench"}, sc, recs); err != nil {
		b.Fatal(err)
	}
	p := mediation.Period{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	b.ResetTimer()
	for b.Loop() {
		rep, err := svc.Figures(ctx, sc, p, communes)
		if err != nil || rep.Received == 0 {
			b.Fatal(rep.Received, err)
		}
	}
}
