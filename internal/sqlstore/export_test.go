package sqlstore

import "context"

// ExecForTest runs raw SQL, for tests that tamper with the database.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, q, args...)
	return err
}
