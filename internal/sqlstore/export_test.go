package sqlstore

import "context"

// ExecForTest runs raw SQL, for tests that tamper with the database.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, q, args...)
	return err
}

// ApplyMigrationForTest applies one migration (up) that the version table
// does not list, even below the current version: a test re-runs a data
// migration after later ones exist.
func (db *DB) ApplyMigrationForTest(ctx context.Context, version int64) error {
	p, err := db.provider(ctx)
	if err != nil {
		return err
	}
	_, err = p.ApplyVersion(ctx, version, true)
	return err
}

// SetRankBatchForTest sets how many ranking rows a statement carries and
// returns the restore.
func SetRankBatchForTest(n int) (restore func()) {
	old := rankBatch.Swap(int64(n))
	return func() { rankBatch.Store(old) }
}

// RollbackMigrationForTest rolls one applied migration back (down).
func (db *DB) RollbackMigrationForTest(ctx context.Context, version int64) error {
	p, err := db.provider(ctx)
	if err != nil {
		return err
	}
	_, err = p.ApplyVersion(ctx, version, false)
	return err
}
