// Package storetest opens real databases for tests: a fresh SQLite file, and
// a fresh schema on the PostgreSQL server named by TUPHAP_TEST_POSTGRES.
//
// When TUPHAP_TEST_POSTGRES is unset the PostgreSQL half of every storage
// test is skipped with a message; when it is set (CI sets it) and the server
// cannot be reached, the test fails.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

	"tuphap/internal/sqlstore"
)

// EnvPostgres names the PostgreSQL DSN used by storage tests.
const EnvPostgres = "TUPHAP_TEST_POSTGRES"

// Engines lists the engines every storage test runs on.
var Engines = []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres}

// Each runs fn once per engine as a subtest, with a fresh migrated database.
// The engines' subtests run in parallel (each has its own database), so
// fn must not share mutable state between them.
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, e, sqlstore.Options{}))
		})
	}
}

// DSN returns a DSN for a fresh, empty database of engine e, dropped when the
// test ends.
func DSN(tb testing.TB, e sqlstore.Engine) string {
	tb.Helper()
	switch e {
	case sqlstore.SQLite:
		return "sqlite:" + filepath.Join(tb.TempDir(), "test.db")
	case sqlstore.Postgres:
		base := os.Getenv(EnvPostgres)
		if base == "" && os.Getenv("CI") != "" {
			tb.Fatalf("CI is set but %s is empty: storage tests must run on PostgreSQL in CI", EnvPostgres)
		}
		if base == "" {
			tb.Skipf("PostgreSQL half skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run it", EnvPostgres)
		}
		return freshSchema(tb, base)
	}
	tb.Fatalf("unknown engine %q", e)
	return ""
}

// Open returns a fresh migrated database of engine e.
func Open(tb testing.TB, e sqlstore.Engine, opt sqlstore.Options) *sqlstore.DB {
	tb.Helper()
	dsn := DSN(tb, e)
	ctx := context.Background()
	// Tests record their statements for the query-plan check; benchmarks
	// do not (walking the stack of every statement would be measured too).
	if _, bench := tb.(*testing.B); rec.on && !bench {
		opt.Trace = rec.trace(e, opt.Trace)
	}
	db, err := sqlstore.Open(ctx, dsn, opt)
	if err != nil {
		tb.Fatalf("open %s: %v", e, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s: %v", e, err)
	}
	return db
}

func freshSchema(tb testing.TB, base string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	if err := admin.PingContext(ctx); err != nil {
		tb.Fatalf("%s is set but PostgreSQL is unreachable: %v", EnvPostgres, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// EachEngine runs fn once per engine as a subtest, for tests that open
// their databases themselves (with their own clock, say). The subtests run
// in parallel, as in Each.
func EachEngine(t *testing.T, fn func(t *testing.T, e sqlstore.Engine)) {
	t.Helper()
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) { t.Parallel(); fn(t, e) })
	}
}
