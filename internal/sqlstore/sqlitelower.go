package sqlstore

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// SQLite's built-in lower() folds only ASCII letters, so a search for
// "đất" never found "Đất đai" on the embedded engine while PostgreSQL
// (lower() under a UTF-8 ctype) did. Every SQLite connection gets a
// lower() that folds as Go's strings.ToLower does; no index uses lower(),
// so stored data is not affected. Registered before any connection opens.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("lower", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return strings.ToLower(v), nil
		case []byte:
			return strings.ToLower(string(v)), nil
		default:
			return v, nil
		}
	})
}
