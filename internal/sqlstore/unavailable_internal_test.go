package sqlstore

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"tuphap/internal/apperr"
)

// Issue 12 §7: PostgreSQL's connection-class and resource errors mean the
// database is unavailable (503 with Retry-After), never a 500.
func TestPostgresUnavailableCodes(t *testing.T) {
	t.Parallel()
	for _, code := range []string{"55000", "57P01", "57P02", "57P03", "08000", "08006", "08001", "53100", "53200", "53300", "25006"} {
		err := mapErr(fmt.Errorf("query: %w", &pgconn.PgError{Code: code, Message: "x"}))
		if !errors.Is(err, apperr.ErrUnavailable) || apperr.CodeOf(err) != apperr.Unavailable {
			t.Errorf("SQLSTATE %s: %v (code %s)", code, err, apperr.CodeOf(err))
		}
	}
	if err := mapErr(&pgconn.PgError{Code: "22001"}); errors.Is(err, apperr.ErrUnavailable) {
		t.Error("a data error taken for unavailability")
	}
}
