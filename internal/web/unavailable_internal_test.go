package web

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tuphap/internal/apperr"
)

// Issue 12 §7: an unavailable database answers 503 with Retry-After on
// pages and on the API, and a 429 always says when to come back.
func TestUnavailableAndTooManyCarryRetryAfter(t *testing.T) {
	t.Parallel()
	s, err := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		err  error
		want int
	}{
		{"/admin/dossiers", fmt.Errorf("read: %w", apperr.ErrUnavailable), http.StatusServiceUnavailable},
		{"/api/v1/dossiers/x", fmt.Errorf("read: %w", apperr.ErrUnavailable), http.StatusServiceUnavailable},
		{"/admin/reports", apperr.New(apperr.TooMany, "Quá nhiều."), http.StatusTooManyRequests},
		{"/api/v1/lookup", apperr.New(apperr.TooMany, "Quá nhiều."), http.StatusTooManyRequests},
	} {
		w := httptest.NewRecorder()
		s.renderError(w, httptest.NewRequest("GET", c.path, nil), c.err)
		if w.Code != c.want || w.Header().Get("Retry-After") == "" {
			t.Errorf("%s: %d, Retry-After %q", c.path, w.Code, w.Header().Get("Retry-After"))
		}
		if c.want == http.StatusServiceUnavailable && !strings.Contains(w.Body.String(), "tạm thời không sẵn sàng") {
			t.Errorf("%s: no Vietnamese message", c.path)
		}
	}
}
