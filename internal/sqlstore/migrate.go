package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"tuphap/internal/audit"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

func (db *DB) provider(ctx context.Context) (*goose.Provider, error) {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.engine == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
		// Several servers may start at once against one PostgreSQL; a
		// session advisory lock lets one migrate while the others wait.
		// The lock is per schema (advisory locks are database-wide, and
		// tuphap's schemas are independent), retried every second.
		var schema string
		if err := db.r.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return nil, mapErr(err)
		}
		h := fnv.New64a()
		h.Write([]byte("tuphap-migrate:" + schema))
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64()>>1)), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	sub, err := fs.Sub(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(dialect, db.w, sub, opts...)
}

// Migrate applies every pending migration, each in its own transaction.
func (db *DB) Migrate(ctx context.Context) (applied []int64, err error) {
	p, err := db.provider(ctx)
	if err != nil {
		return nil, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrate: %w", mapErr(err))
	}
	for _, r := range res {
		applied = append(applied, r.Source.Version)
	}
	for _, v := range applied {
		// 00025 added counters to the roll-ups: fill them for the
		// dossiers already stored (the rebuild recomputes every roll-up).
		if v == 25 {
			if err := db.Reports().RebuildReports(ctx, audit.System, ""); err != nil {
				return applied, fmt.Errorf("sqlstore: fill the new report counters: %w", err)
			}
		}
	}
	if err := db.backfillSearch(ctx); err != nil {
		return applied, fmt.Errorf("sqlstore: fold applicant names for search: %w", err)
	}
	return applied, nil
}

// SchemaStatus compares the database's schema version with the version this
// binary was built for.
func (db *DB) SchemaStatus(ctx context.Context) (current, target int64, err error) {
	p, err := db.provider(ctx)
	if err != nil {
		return 0, 0, err
	}
	current, target, err = p.GetVersions(ctx)
	return current, target, mapErr(err)
}

// CheckSchema refuses a schema that is behind (run migrate) or ahead (this
// binary is older than the database) of the binary.
func (db *DB) CheckSchema(ctx context.Context) error {
	cur, want, err := db.SchemaStatus(ctx)
	if err != nil {
		return err
	}
	switch {
	case cur < want:
		return fmt.Errorf("sqlstore: database schema is at version %d but this binary needs %d: run `tuphap migrate`", cur, want)
	case cur > want:
		return fmt.Errorf("sqlstore: database schema is at version %d, newer than this binary (%d): upgrade tuphap", cur, want)
	}
	return nil
}

// MigrationVersions lists the migration versions embedded for an engine; a
// test keeps the two engines' lists in step.
func MigrationVersions(e Engine) ([]int64, error) {
	dir := "migrations/sqlite"
	if e == Postgres {
		dir = "migrations/postgres"
	}
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, e := range entries {
		var v int64
		if _, err := fmt.Sscanf(e.Name(), "%d_", &v); err == nil {
			out = append(out, v)
		}
	}
	return out, nil
}
