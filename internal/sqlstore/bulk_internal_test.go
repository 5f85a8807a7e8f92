package sqlstore

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/report"
)

// A bulk load raises the writer's page cache while it runs and must give
// it back: `serve --demo` bulk-loads on its first start, and the 256 MiB
// cache otherwise stays with the server for good (issue 17).
func TestBulkInsertRestoresCacheSize(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "b.db"), Options{CacheKiB: 8000})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cache := func() int {
		var n int
		if err := db.w.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := cache(); got != -8000 {
		t.Fatalf("cache_size at open = %d, want -8000 (Options.CacheKiB)", got)
	}
	if err := db.ExecForTest(ctx, `INSERT INTO tenants (id, code, name, agency_id, province_code, hours_json, created_at)
		VALUES ('t', 'T', 'T', 'A', '82', '{}', '2026-01-01 00:00:00')`); err != nil {
		t.Fatal(err)
	}
	d := &dossier.Dossier{TenantID: "t", ID: "d1", Code: "X-1", ProcedureID: "p", Status: dossier.Submitted}
	if err := db.Dossiers().BulkInsertDossiers(ctx, []*dossier.Dossier{d}); err != nil {
		t.Fatal(err)
	}
	if got := cache(); got != -8000 {
		t.Fatalf("cache_size after a bulk load = %d, want -8000 restored", got)
	}
}

// A report runs its range queries at once, but on at most half the reader
// pool: the other half stays free for look-ups and dossier pages, which
// otherwise waited behind every report (issue 17, the --demo soak).
func TestReportLeavesReadersFree(t *testing.T) {
	ctx := context.Background()
	var db *DB
	var mu sync.Mutex
	maxInUse := 0
	trace := func(ctx context.Context, q string, args []any) {
		if !strings.Contains(q, "report_") {
			return
		}
		mu.Lock()
		maxInUse = max(maxInUse, db.r.Stats().InUse)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond) // hold the connection, so that the queries overlap
	}
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "r.db"), Options{ReadConns: 4, Trace: trace})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	today := calendar.DateOf(time.Now())
	if _, err := db.Reports().Report(ctx, ReportScope{TenantID: "t"}, report.Period{From: today.AddDays(-4 * 365), To: today.AddDays(-400)}); err != nil {
		t.Fatal(err)
	}
	if maxInUse == 0 || maxInUse > 2 {
		t.Fatalf("a report held %d of 4 reader connections at once, want 1 or 2", maxInUse)
	}
}
