package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
)

// randomDossier makes a dossier accepted (or not) around 2025–2026 with
// random channel, procedure, unit, due day and end.
func randomDossier(r *rand.Rand, tenantID string, n int) *dossier.Dossier {
	base := time.Date(2025, 10, 1, 9, 0, 0, 0, calendar.Zone())
	at := func(days int) *time.Time {
		t := base.AddDate(0, 0, days).Add(time.Duration(r.IntN(8)) * time.Hour)
		return &t
	}
	procs := []struct{ code, field string }{{"1.000001", "HT"}, {"1.000002", "HT"}, {"2.000001", "CT"}, {"3.000001", "TGPL"}}
	p := procs[r.IntN(len(procs))]
	channels := []catalog.Channel{catalog.ChannelOnline, catalog.ChannelOnline, catalog.ChannelDirect, catalog.ChannelPostal}
	d := &dossier.Dossier{TenantID: tenantID, ID: fmt.Sprintf("d%05d", n), ProcedureID: p.code, ProcedureCode: p.code,
		FieldCode: p.field, Channel: channels[r.IntN(len(channels))], Status: dossier.Submitted, Current: -1,
		HandlingUnit: []string{"PHC", "PBTTP", "VP"}[r.IntN(3)], SubmittedAt: base, CreatedAt: base, UpdatedAt: base}
	// What the service-quality index and the acceptance report count.
	if r.IntN(3) == 0 {
		d.Fee, d.PaidOnline = 50000, r.IntN(2) == 0
	}
	d.Rating = randomRating(r)
	for range r.IntN(4) {
		d.Supplements = append(d.Supplements, dossier.Supplement{At: base})
	}
	if d.Channel == catalog.ChannelOnline && r.IntN(5) > 0 {
		d.SubmittedAt = base.AddDate(0, 0, r.IntN(200))
		due := d.SubmittedAt.Add(time.Duration(8+r.IntN(40)) * time.Hour)
		d.AnswerDueAt = &due
	}
	if r.IntN(20) == 0 {
		return d // never accepted
	}
	acc := r.IntN(200)
	d.AcceptedAt, d.Status = at(acc), dossier.Processing
	if d.AnswerDueAt != nil { // answered some hours after submission
		t := d.SubmittedAt.Add(time.Duration(r.IntN(60)) * time.Hour)
		d.AcceptedAt = &t
	}
	if r.IntN(8) == 0 { // waiting for the applicant's supplement: within time whatever its due day
		d.Status = dossier.SupplementWaiting
	}
	if r.IntN(10) > 0 {
		d.DueAt = at(acc + r.IntN(20))
	}
	if r.IntN(30) == 0 {
		d.Status, d.Ended, d.FinishedAt = dossier.Refused, dossier.EndRefused, at(acc)
		return d
	}
	if r.IntN(15) == 0 { // received with a function handed over, a few days later
		d.Extra = map[string]string{"transferred_in": calendar.DateOf(*at(acc + 1 + r.IntN(10))).String()}
	}
	if r.IntN(6) > 0 {
		finishRandomly(r, d, at(acc+r.IntN(25)-1))
	}
	return d
}

func randomRating(r *rand.Rand) *dossier.Rating {
	switch r.IntN(3) {
	case 0:
		return &dossier.Rating{Satisfied: true}
	case 1:
		return &dossier.Rating{Satisfied: false}
	}
	return nil
}

func finishRandomly(r *rand.Rand, d *dossier.Dossier, when *time.Time) {
	d.FinishedAt = when
	switch r.IntN(11) {
	case 10: // returned for want of a supplement (Decree 118/2025/NĐ-CP Art. 19(5)): on time
		d.Status, d.Ended = dossier.Stopped, dossier.EndIncomplete
	case 9: // refused after appraisal (Art. 19(3)): resolved, classed by its due day
		d.Status, d.Ended = dossier.ResultReady, dossier.EndRejected
	case 0:
		d.Status, d.Ended = dossier.Withdrawn, dossier.EndWithdrawn
	case 1:
		d.Status, d.Ended = dossier.Stopped, dossier.EndStopped
	case 2:
		d.Ended = dossier.EndTransferred // handed over: status unchanged
	default:
		d.Status, d.Ended = dossier.ResultReady, dossier.EndResult
	}
	if r.IntN(3) == 0 {
		d.LateUnit = []string{"PHC", "CA", "UBND"}[r.IntN(3)]
	}
}

func randomPeriod(r *rand.Rand) report.Period {
	base := calendar.NewDate(2025, 9, 20)
	from := base.AddDays(r.IntN(260))
	to := from.AddDays(r.IntN(120))
	if r.IntN(5) == 0 { // whole months
		from, to = report.Month(from).From, report.Month(to).To
	}
	return report.Period{From: from, To: to}
}

// TestReportRollupsEqualDirect is the property test of the statistics:
// random dossiers (inserted, then some changed in later transactions),
// random periods and filters, per tenant and national: the roll-up report
// equals the direct definition over the stored dossiers, and received.total
// = resolved.total + in_progress.total. The rebuilt roll-ups give the same.
//
// The clock moves the line between prefix sums read forwards (old dates)
// and backwards from the all-time totals (recent dates), so that both
// ways, and periods mixing them, are checked.
func TestReportRollupsEqualDirect(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) { testRollups(t, e) })
	}
}

func testRollups(t *testing.T, e sqlstore.Engine) {
	clk := testrig.NewClock(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	db := storetest.Open(t, e, sqlstore.Options{Now: clk.Now})
	{
		ctx := context.Background()
		org := newService(db)
		tenants := []string{mustTenant(t, org, "STP-A", "000.00.00.H82").ID, mustTenant(t, org, "STP-B", "000.00.00.H83").ID}
		r := rand.New(rand.NewPCG(7, 11))
		var all []*dossier.Dossier
		err := db.Transact(ctx, func(tx *sqlstore.Tx) error {
			for i := 0; i < 600; i++ {
				d := randomDossier(r, tenants[r.IntN(2)], i)
				if err := (sqlstore.DossierTx{Tx: tx}).InsertDossier(ctx, d); err != nil {
					return err
				}
				all = append(all, d)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Later changes: open dossiers end, handling units move, an end is
		// undone: each applies the delta of its classification.
		for _, d := range all {
			if d.AcceptedAt == nil || r.IntN(3) > 0 {
				continue
			}
			err := db.Transact(ctx, func(tx *sqlstore.Tx) error {
				switch {
				case d.Ended == "":
					finishRandomly(r, d, new(time.Time))
					*d.FinishedAt = d.AcceptedAt.AddDate(0, 0, r.IntN(30))
				case d.Ended != dossier.EndRefused && r.IntN(4) == 0:
					d.Ended, d.FinishedAt, d.Status, d.LateUnit = "", nil, dossier.Processing, ""
					if r.IntN(3) == 0 {
						d.Status = dossier.SupplementWaiting
					}
				case r.IntN(3) == 0: // rated later, asked for one more supplement
					d.Rating = randomRating(r)
					d.Supplements = append(d.Supplements, dossier.Supplement{At: *d.AcceptedAt})
				default:
					d.HandlingUnit = "PHC"
				}
				return sqlstore.DossierTx{Tx: tx}.SaveDossier(ctx, d)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		check := func(t *testing.T, label string) {
			var measured int64 // online submissions the acceptance checks saw
			defer func() {
				if measured == 0 && !t.Failed() {
					t.Fatalf("%s: no online submission in any period: the test data misses the acceptance report", label)
				}
			}()
			for i := 0; i < 40; i++ {
				p := randomPeriod(r)
				scope := sqlstore.ReportScope{}
				if i%2 == 0 {
					scope.TenantID = tenants[i%4/2]
				}
				switch i % 5 {
				case 1:
					scope.Unit = "PBTTP"
				case 2:
					scope.Field = "HT"
				}
				var facts []report.Facts
				if err := db.Reports().EachReportFacts(ctx, scope.TenantID, func(f report.Facts) error { facts = append(facts, f); return nil }); err != nil {
					t.Fatal(err)
				}
				want := report.Direct(facts, p, scope.Filter, scope.TenantID == "")
				got, err := db.Reports().Report(ctx, scope, p)
				if err != nil {
					t.Fatal(err)
				}
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				if string(gj) != string(wj) {
					t.Fatalf("%s: period %v scope %+v:\n got  %s\n want %s", label, p, scope, gj, wj)
				}
				tot := got.Total
				if tot.Received.Total != tot.Resolved.Total+tot.InProgress.Total {
					t.Fatalf("%s: identity broken for %v: %+v", label, p, tot)
				}
				if i < 3 { // the drill-down lists exactly the dossiers behind each number
					want := map[string]int64{"received": tot.Received.Total, "online": tot.Received.Online,
						"direct_postal": tot.Received.DirectPostal, "carried_over": tot.Received.CarriedOver,
						"resolved": tot.Resolved.Total, "early": tot.Resolved.Early, "on_time": tot.Resolved.OnTime,
						"late": tot.Resolved.Late, "in_progress": tot.InProgress.Total, "within_time": tot.InProgress.WithinTime,
						"overdue": tot.InProgress.Overdue}
					for _, m := range sqlstore.Measures {
						_, n, err := db.Reports().ReportDossiers(ctx, scope, p, m, "", "", 1, 0)
						if err != nil {
							t.Fatal(err)
						}
						if int64(n) != want[m] {
							t.Fatalf("%s: drill-down %s for %v lists %d dossiers, the report says %d", label, m, p, n, want[m])
						}
					}
				}
				ix, err := db.Reports().IndexCounts(ctx, scope, p)
				if err != nil {
					t.Fatal(err)
				}
				if want := report.DirectIndex(facts, p, scope.Filter); ix != want {
					t.Fatalf("%s: index counts for %v scope %+v: got %+v, want %+v", label, p, scope, ix, want)
				}
				if scope.TenantID != "" && scope.Filter == (report.Filter{}) {
					sub, on, late := report.DirectAcceptance(facts, p.From.String(), p.To.String())
					ac, err := db.Reports().AcceptanceCounts(ctx, scope.TenantID, p.From.At(0), p.To.AddDays(1).At(0), clk.Now())
					if err != nil {
						t.Fatal(err)
					}
					if ac.Submitted != sub || ac.OnTime != on || ac.Late != late || ac.WaitingLate > sub-on-late {
						t.Fatalf("%s: acceptance for %v: got %+v, want %d submitted, %d on time, %d late", label, p, ac, sub, on, late)
					}
					measured += sub
				}
				if i == 0 && tot.Received.Total == 0 {
					t.Fatalf("%s: empty report for %v: the test data misses the period", label, p)
				}
			}
			// The trend's months read at once equal each month's report.
			for _, scope := range []sqlstore.ReportScope{{}, {TenantID: tenants[0]}, {TenantID: tenants[1], Filter: report.Filter{Unit: "PBTTP"}}, {Filter: report.Filter{Field: "HT"}}} {
				first, last := calendar.NewDate(2025, time.June, 1), calendar.NewDate(2026, time.September, 1)
				ts, err := db.Reports().MonthlyTrend(ctx, scope, first, last)
				if err != nil {
					t.Fatal(err)
				}
				if len(ts) != 16 {
					t.Fatalf("%s: %d months from 06/2025 to 09/2026", label, len(ts))
				}
				var seen int64
				for _, m := range ts {
					rep, err := db.Reports().Report(ctx, scope, m.Month)
					if err != nil {
						t.Fatal(err)
					}
					tot := rep.Total
					got := fmt.Sprint(m.Online, m.DirectPostal, m.Early, m.OnTime, m.Late, rateString(m.OnTimeRate))
					want := fmt.Sprint(tot.Received.Online, tot.Received.DirectPostal, tot.Resolved.Early, tot.Resolved.OnTime, tot.Resolved.Late, rateString(tot.OnTimeRate))
					if got != want {
						t.Fatalf("%s: trend month %v scope %+v: got %s, the month's report says %s", label, m.Month, scope, got, want)
					}
					seen += m.Online + m.DirectPostal + m.Late
				}
				if seen == 0 {
					t.Fatalf("%s: the trend saw no dossier: the test data misses its months", label)
				}
			}
		}
		for _, now := range []time.Time{
			time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), // every date recent: totals minus suffixes
			time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), // mixed
			time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), // every date old: prefixes
		} {
			clk.Set(now)
			check(t, "maintained, now "+now.Format("2006-01"))
		}
		if err := db.Reports().RebuildReports(ctx, audit.Actor{Name: "test"}, ""); err != nil {
			t.Fatal(err)
		}
		clk.Set(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC))
		check(t, "rebuilt")
	}
}

// TestIndexCounts counts fee-bearing dossiers received in the period, those
// paid online, and the ratings of dossiers resolved in it.
func TestIndexCounts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-A", "000.00.00.H82").ID
		at := func(m time.Month, d int) *time.Time {
			x := time.Date(2026, m, d, 9, 0, 0, 0, calendar.Zone())
			return &x
		}
		mk := func(i int, acc *time.Time, fee int64, paid bool, fin *time.Time, rating *dossier.Rating) *dossier.Dossier {
			d := &dossier.Dossier{TenantID: ten, ID: fmt.Sprintf("x%d", i), ProcedureCode: "P", Channel: catalog.ChannelOnline,
				Status: dossier.Processing, AcceptedAt: acc, DueAt: at(12, 31), Fee: fee, PaidOnline: paid, Current: -1,
				SubmittedAt: *acc, CreatedAt: *acc, UpdatedAt: *acc}
			if fin != nil {
				d.FinishedAt, d.Ended, d.Status, d.Rating = fin, dossier.EndResult, dossier.Returned, rating
			}
			return d
		}
		no := &dossier.Rating{Satisfied: false}
		yes := &dossier.Rating{Satisfied: true}
		ds := []*dossier.Dossier{
			mk(1, at(3, 2), 50000, true, at(3, 5), no),   // in March: fee, paid, rated no
			mk(2, at(3, 3), 50000, false, at(3, 6), yes), // fee, not paid, rated yes
			mk(3, at(3, 4), 0, true, nil, nil),           // no fee
			mk(4, at(2, 20), 100000, true, at(3, 1), no), // received in February, resolved in March, rated no
			mk(5, at(4, 1), 100000, true, nil, nil),      // after the period
		}
		sup := []dossier.Supplement{{At: *at(3, 2)}, {At: *at(3, 3)}}
		ds[0].Supplements = sup // resolved early, asked twice
		ds[2].Supplements = sup // in progress within time, asked twice
		ds[4].Supplements = sup // not in the period
		if err := db.Dossiers().BulkInsertDossiers(ctx, ds); err != nil {
			t.Fatal(err)
		}
		p, _ := report.ParsePeriod("2026-03-01", "2026-03-31")
		c, err := db.Reports().IndexCounts(ctx, sqlstore.ReportScope{TenantID: ten}, p)
		if err != nil {
			t.Fatal(err)
		}
		if want := (report.IndexCounts{FeeBearing: 2, PaidOnline: 1, Dissatisfied: 2, Rated: 3, MultiSupplement: 2}); c != want {
			t.Errorf("IndexCounts = %+v, want %+v", c, want)
		}
	})
}

func rateString(r *float64) string {
	if r == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f", *r)
}
