package sqlstore_test

import (
	"context"
	"testing"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore/storetest"
)

// BenchmarkAccept measures a counter intake: the dossier is created and
// accepted with its code, due date, two events, an outbox message and two
// audit entries, in one durable transaction.
//
//	go test -run '^$' -bench Accept ./internal/sqlstore/
func BenchmarkAccept(b *testing.B) {
	for _, e := range storetest.Engines {
		b.Run(string(e), func(b *testing.B) {
			env := newDossierEnvTB(b, e)
			ctx := context.Background()
			req := dossier.IntakeRequest{Procedure: appointment, Channel: catalog.ChannelDirect, Applicant: applicant}
			b.ResetTimer()
			for b.Loop() {
				if _, err := env.svc.Intake(ctx, clerk, env.tenant.ID, req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "dossiers/s")
		})
	}
}

// BenchmarkAcceptConcurrent is BenchmarkAccept with 16 clerks at once, as
// a busy day looks to the server: on SQLite their transactions share
// commits (group commit, writer.go).
//
//	go test -run '^$' -bench AcceptConcurrent ./internal/sqlstore/
func BenchmarkAcceptConcurrent(b *testing.B) {
	for _, e := range storetest.Engines {
		b.Run(string(e), func(b *testing.B) {
			env := newDossierEnvTB(b, e)
			ctx := context.Background()
			req := dossier.IntakeRequest{Procedure: appointment, Channel: catalog.ChannelDirect, Applicant: applicant}
			b.SetParallelism(8) // 8 × GOMAXPROCS goroutines
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := env.svc.Intake(ctx, clerk, env.tenant.ID, req); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "dossiers/s")
		})
	}
}
