package sqlstore

import (
	"context"
	"path/filepath"
	"testing"

	"tuphap/internal/dossier"
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
	if err := db.BulkInsertDossiers(ctx, []*dossier.Dossier{d}); err != nil {
		t.Fatal(err)
	}
	if got := cache(); got != -8000 {
		t.Fatalf("cache_size after a bulk load = %d, want -8000 restored", got)
	}
}
