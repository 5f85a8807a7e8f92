package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tuphap/internal/apperr"
)

// errRetry marks an error after which the whole transaction may be retried.
var errRetry = errors.New("sqlstore: retryable")

type retryable struct{ err error }

func (r retryable) Error() string        { return r.err.Error() }
func (r retryable) Unwrap() []error      { return []error{r.err, errRetry} }
func (r retryable) Is(target error) bool { return target == errRetry }

// mapErr translates driver errors into the shared sentinels of package
// apperr at the driver boundary, so nothing above this package knows which
// engine it runs on.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.ErrNotFound
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "23505": // unique_violation
			return wrapSentinel(apperr.ErrConflict, err)
		case pgErr.Code == "23503": // foreign_key_violation
			return apperr.Wrap(apperr.Invalid, "Dữ liệu tham chiếu không tồn tại.", err)
		case pgErr.Code == "40001" || pgErr.Code == "40P01": // serialization, deadlock
			return retryable{err}
		case strings.HasPrefix(pgErr.Code, "08"), strings.HasPrefix(pgErr.Code, "57P"), strings.HasPrefix(pgErr.Code, "53"),
			pgErr.Code == "55000", pgErr.Code == "55006", pgErr.Code == "25006", pgErr.Code == "58030":
			// connection exceptions, admin shutdown / crash / cannot connect
			// now (57P0x), insufficient resources (disk full, out of memory,
			// too many connections), object not in prerequisite state (a
			// server starting up or in recovery), object in use, read-only
			// transaction (a standby after fail-over), I/O error: the
			// database is unavailable for now, not the request at fault
			// (issue 12 §7).
			return wrapSentinel(apperr.ErrUnavailable, err)
		}
		return err
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return wrapSentinel(apperr.ErrConflict, err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return apperr.Wrap(apperr.Invalid, "Dữ liệu tham chiếu không tồn tại.", err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return wrapSentinel(apperr.ErrUnavailable, err)
		}
		switch sqErr.Code() & 0xff { // primary codes, whatever the extended code
		case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			// disk full, I/O error, the file gone or read-only: 503, not 500
			return wrapSentinel(apperr.ErrUnavailable, err)
		}
		return err
	}
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, sql.ErrConnDone) || errors.Is(err, net.ErrClosed) || isConnClosed(err) {
		return wrapSentinel(apperr.ErrUnavailable, err)
	}
	return err
}

func isConnClosed(err error) bool {
	s := err.Error()
	return strings.Contains(s, "conn closed") || strings.Contains(s, "unexpected EOF") || strings.Contains(s, "failed to connect")
}

// sentinelErr keeps the driver error for the log while errors.Is finds the
// sentinel.
type sentinelErr struct {
	sentinel *apperr.Error
	cause    error
}

func (e sentinelErr) Error() string   { return fmt.Sprintf("%v: %v", e.sentinel.Message, e.cause) }
func (e sentinelErr) Unwrap() []error { return []error{e.sentinel, e.cause} }

func wrapSentinel(s *apperr.Error, cause error) error { return sentinelErr{s, cause} }
