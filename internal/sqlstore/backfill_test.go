package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Migration 00016 backfills fee and rating, which 00006 added with DEFAULT
// 0: a dossier written before 00006 (simulated by zeroing the columns) is
// counted again by the index once the migration runs.
func TestMigrationBackfillsFeeAndRating(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-A", "000.00.00.H82").ID
		at := func(d int) *time.Time {
			x := time.Date(2026, 3, d, 9, 0, 0, 0, calendar.Zone())
			return &x
		}
		var ds []*dossier.Dossier
		for i, r := range []*dossier.Rating{{Satisfied: false}, {Satisfied: true}, nil} {
			ds = append(ds, &dossier.Dossier{TenantID: ten, ID: fmt.Sprintf("b%d", i), ProcedureCode: "P", Channel: catalog.ChannelOnline,
				AcceptedAt: at(2), DueAt: at(31), Fee: 50000, PaidOnline: true, Current: -1, SubmittedAt: *at(2), CreatedAt: *at(2), UpdatedAt: *at(2),
				FinishedAt: at(5), Ended: dossier.EndResult, Status: dossier.Returned, Rating: r})
		}
		if err := db.Dossiers().BulkInsertDossiers(ctx, ds); err != nil {
			t.Fatal(err)
		}
		p, _ := report.ParsePeriod("2026-03-01", "2026-03-31")
		counts := func() report.IndexCounts {
			c, err := db.Reports().IndexCounts(ctx, sqlstore.ReportScope{TenantID: ten}, p)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		want := report.IndexCounts{FeeBearing: 3, PaidOnline: 3, Dissatisfied: 1, Rated: 2}
		if c := counts(); c != want {
			t.Fatalf("before: %+v", c)
		}
		if err := db.ExecForTest(ctx, `UPDATE dossiers SET fee = 0, rating = 0`); err != nil {
			t.Fatal(err)
		}
		// The index reads the roll-ups (migration 00025), which a rebuild
		// recomputes from the columns, as 00016 tells the operator to run.
		rebuild := func() {
			if err := db.Reports().RebuildReports(ctx, audit.Actor{Name: "test"}, ten); err != nil {
				t.Fatal(err)
			}
		}
		rebuild()
		if c := counts(); c != (report.IndexCounts{}) {
			t.Fatalf("zeroed: %+v", c)
		}
		if err := db.ExecForTest(ctx, `DELETE FROM goose_db_version WHERE version_id = 16`); err != nil {
			t.Fatal(err)
		}
		// Later migrations exist, so 00016 is applied on its own.
		if err := db.ApplyMigrationForTest(ctx, 16); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		rebuild()
		if c := counts(); c != want {
			t.Fatalf("after the backfill: %+v, want %+v", c, want)
		}
	})
}
