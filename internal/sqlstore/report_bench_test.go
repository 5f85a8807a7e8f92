package sqlstore_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/gen"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// BenchmarkBulkInsertDossiers measures the generator's storage path: 5,000
// generated dossiers a transaction, with their roll-ups.
//
//	go test -run '^$' -bench BulkInsert ./internal/sqlstore/
func BenchmarkBulkInsertDossiers(b *testing.B) {
	for _, e := range storetest.Engines {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.Open(b, e, sqlstore.Options{})
			ctx := context.Background()
			ten := mustTenant(b, newService(db), "GEN-01", "000.00.00.G01")
			procs, err := gen.Procedures()
			if err != nil {
				b.Fatal(err)
			}
			const per = 5000
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				var batch []*dossier.Dossier
				from := calendar.NewDate(2020, 1, 1).AddDays(i * 30)
				cfg := gen.Config{TenantID: ten.ID, AgencyID: ten.AgencyID, IDPrefix: "b" + itoa(i) + "-", From: from, To: from.AddDays(29),
					Today: calendar.NewDate(2026, 11, 1), Count: per, Seed: uint64(i)}
				gen.Dossiers(cfg, procs, func(d *dossier.Dossier) error { batch = append(batch, d); return nil })
				if err := db.Dossiers().BulkInsertDossiers(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*per)/b.Elapsed().Seconds(), "dossiers/s")
			p := report.Period{From: calendar.NewDate(2020, 1, 1), To: calendar.NewDate(2020, 12, 31)}
			if _, err := db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: ten.ID}, p); err != nil {
				b.Fatal(err)
			}
		})
	}
}

func itoa(i int) string {
	return string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
}

// BenchmarkReport measures one tenant's Biểu 06 report for random periods
// over 100,000 generated dossiers (5 years) on each engine. For the 10
// million dossier figures use `tuphap gen dossiers` and `tuphap report bench`.
//
//	go test -run '^$' -bench 'BenchmarkReport$' ./internal/sqlstore/
func BenchmarkReport(b *testing.B) {
	for _, e := range storetest.Engines {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.Open(b, e, sqlstore.Options{})
			ctx := context.Background()
			ten := mustTenant(b, newService(db), "GEN-01", "000.00.00.G01")
			procs, err := gen.Procedures()
			if err != nil {
				b.Fatal(err)
			}
			today := calendar.NewDate(2026, 11, 1)
			cfg := gen.Config{TenantID: ten.ID, AgencyID: ten.AgencyID, IDPrefix: "r-", From: today.AddDays(-5 * 365), To: today,
				Today: today, Count: 100000, Seed: 1}
			var batch []*dossier.Dossier
			err = gen.Dossiers(cfg, procs, func(d *dossier.Dossier) error {
				batch = append(batch, d)
				if len(batch) == 10000 {
					err := db.Dossiers().BulkInsertDossiers(ctx, batch)
					batch = nil
					return err
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			if err := db.Dossiers().BulkInsertDossiers(ctx, batch); err != nil {
				b.Fatal(err)
			}
			r := rand.New(rand.NewPCG(1, 2))
			b.ResetTimer()
			for b.Loop() {
				from := today.AddDays(-r.IntN(5 * 365))
				p := report.Period{From: from, To: from.AddDays(r.IntN(today.DaysSince(from) + 1))}
				if _, err := db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: ten.ID}, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
