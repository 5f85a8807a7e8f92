package sqlstore_test

import (
	"context"
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
				if err := db.BulkInsertDossiers(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*per)/b.Elapsed().Seconds(), "dossiers/s")
			p := report.Period{From: calendar.NewDate(2020, 1, 1), To: calendar.NewDate(2020, 12, 31)}
			if _, err := db.Report(ctx, sqlstore.ReportScope{TenantID: ten.ID}, p); err != nil {
				b.Fatal(err)
			}
		})
	}
}

func itoa(i int) string {
	return string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
}
