package sqlstore

import (
	"context"
	"database/sql"
)

// QueryRowForTest reads one row with raw SQL, for tests that check columns.
func (db *DB) QueryRowForTest(ctx context.Context, q string, args ...any) *sql.Row {
	return db.r.QueryRowContext(ctx, q, args...)
}
