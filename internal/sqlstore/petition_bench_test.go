package sqlstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// BenchmarkPetitionProvinceYear: the department's province view of the
// petitions register (/admin/don-thu/toan-tinh, GET
// /api/v1/petitions/province) over a year of the department and 100
// communes, each keeping its own book of 150 petitions (15.150 in all,
// most decided, half of those resolved): every unit's figures with its
// own calendar, and their sum.
func BenchmarkPetitionProvinceYear(b *testing.B) {
	const communes, perCommune = 100, 150
	for _, e := range storetest.Engines {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.Open(b, e, sqlstore.Options{})
			ctx := context.Background()
			now := time.Date(2026, 12, 31, 10, 0, 0, 0, time.UTC)
			svc := &petition.Service{Store: db.Petitions(), Now: func() time.Time { return now }}
			osvc := newService(db)
			rng := rand.New(rand.NewPCG(20, 2026))
			var keepers []petition.Keeper
			for i := 0; i <= communes; i++ {
				code, kind := fmt.Sprintf("XA-%03d", i), org.KindCommune
				n := perCommune
				if i == 0 {
					code, kind, n = "STP-BENCH", org.KindDepartment, 150
				}
				ten := mustTenantOfKind(b, osvc, code, fmt.Sprintf("000.%02d.%02d.H82", i%100, i/100), kind)
				keepers = append(keepers, petition.Keeper{TenantID: ten.ID, Code: code, Name: code})
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				for k := range n {
					rec := calendar.NewDate(2026, time.Month(1+rng.IntN(11)), 1+rng.IntN(28))
					r := petition.Record{Kind: []petition.Kind{petition.KindComplaint, petition.KindDenunciation, petition.KindFeedback}[k%3],
						Channel: petition.ChannelPost, ReceivedOn: rec, Summary: fmt.Sprintf("Đơn số %d về đất đai", k)}
					if r.Kind != petition.KindDenunciation {
						r.Petitioner = &petition.Person{FullName: fmt.Sprintf("Người gửi %d", k), Address: "Ấp 1"}
					}
					if rng.IntN(4) > 0 {
						dec := rec.AddDays(5)
						r.Status, r.Decision, r.DecidedOn, r.AcceptedOn = petition.StatusAccepted, petition.HandleAccept, &dec, &dec
						if rng.IntN(2) == 0 {
							res := dec.AddDays(20 + rng.IntN(40))
							r.Status, r.ResolvedOn, r.Conclusion = petition.StatusResolved, &res, petition.ConclusionAnswer
							if r.Kind != petition.KindFeedback {
								r.Conclusion = petition.ConclusionPartly
							}
						}
					}
					if err := enc.Encode(r); err != nil {
						b.Fatal(err)
					}
				}
				if got, err := svc.Import(ctx, petition.Actor{Name: "bench"}, ten.ID, &buf); err != nil || got != n {
					b.Fatal(got, err)
				}
			}
			if err := db.Analyze(ctx); err != nil {
				b.Fatal(err)
			}
			from, to := calendar.NewDate(2026, 1, 1), calendar.NewDate(2026, 12, 31)
			b.ResetTimer()
			for b.Loop() {
				pf, err := svc.Province(ctx, keepers, from, to)
				if err != nil || len(pf.Units) != communes+1 || pf.Total.Received != communes*perCommune+150 {
					b.Fatal(len(pf.Units), pf.Total.Received, err)
				}
			}
		})
	}
}
