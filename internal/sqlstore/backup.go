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
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	// VACUUM INTO writes into an empty file: create it 0600 first, so the
	// copy is never readable by others, even for a moment.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if _, err := db.w.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		os.Remove(path)
		return mapErr(err)
	}
	return os.Chmod(path, 0o600)
}
