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
