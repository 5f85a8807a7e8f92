package sqlstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of a SQLite database to path while the
// server keeps running (VACUUM INTO reads one snapshot). PostgreSQL is
// backed up with pg_dump.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.engine != SQLite {
		return errors.New("sqlstore: Backup is for SQLite; use pg_dump for PostgreSQL")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
	}
	_, err := db.w.ExecContext(ctx, `VACUUM INTO $1`, path)
	return mapErr(err)
}
