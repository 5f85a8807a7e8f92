package sqlstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Issue 12 §7: a full disk under SQLite is "unavailable" (503 with
// Retry-After), not an internal error, and loses nothing already written.
func TestSQLiteDiskFullIsUnavailable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
	ten := mustTenant(t, newService(db), "STP-DT", "000.00.00.H82")
	if err := db.ExecForTest(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	// The file may not grow any more: the next pages written find the
	// disk full.
	if err := db.ExecForTest(ctx, `PRAGMA max_page_count = 1`); err != nil {
		t.Fatal(err)
	}
	var err error
	for i := 0; i < 200 && err == nil; i++ {
		err = db.Transact(ctx, func(tx *sqlstore.Tx) error {
			return tx.Audit(ctx, audit.System.Entry(ten.ID, "test.fill", "x", strings.Repeat("đầy ", 2000)))
		})
	}
	if !errors.Is(err, apperr.ErrUnavailable) || apperr.CodeOf(err) != apperr.Unavailable {
		t.Fatalf("disk full: %v (code %s)", err, apperr.CodeOf(err))
	}
	if _, err := db.Org().Tenant(ctx, ten.ID); err != nil {
		t.Fatalf("the tenant written before: %v", err)
	}
}
