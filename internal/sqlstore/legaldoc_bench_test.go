package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/demo"
	"tuphap/internal/legaldoc"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// BenchmarkLegalDocSearch: "nghi quyet hoc phi" over a law book of 20,000
// documents, first page, on both engines (target: under 50 ms).
func BenchmarkLegalDocSearch(b *testing.B) {
	for _, e := range storetest.Engines {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.Open(b, e, sqlstore.Options{})
			svc, sc := newLegalDoc(b, db, time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
			recs := demo.LawBook("Đồng Tháp", []string{"29905", "28261"}, 20000, 7, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
			ctx := context.Background()
			if n, _, err := svc.Import(ctx, legaldoc.Actor{Name: "bench"}, sc, recs); err != nil || n != 20000 {
				b.Fatal(n, err)
			}
			if err := db.Analyze(ctx); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				got, err := db.LegalDocs().Documents(ctx, sc.TenantID, legaldoc.DocFilter{Query: "nghi quyet hoc phi", Limit: 21})
				if err != nil || len(got) == 0 {
					b.Fatal(len(got), err)
				}
			}
		})
	}
}
