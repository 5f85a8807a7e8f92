package contestweb

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"tuphap/internal/apperr"
)

// When every place of the starts in flight is taken, a start waits
// StartWait and is refused with 503 and a Retry-After of 1–5 s; once a
// place is released the next start is admitted.
func TestAdmitCapsStartsInFlight(t *testing.T) {
	s := &Screens{cfg: Config{StartsInFlight: 2, StartWait: 20 * time.Millisecond}, starts: make(chan struct{}, 2)}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/contests/x/rounds/y/attempts", nil)
	var releases []func()
	for range 2 {
		rel, err := s.admit(httptest.NewRecorder(), req)
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, rel)
	}
	seen := map[int]bool{}
	for range 30 {
		w := httptest.NewRecorder()
		if _, err := s.admit(w, req); apperr.CodeOf(err) != apperr.Unavailable {
			t.Fatalf("third start in flight: %v", err)
		}
		n, err := strconv.Atoi(w.Header().Get("Retry-After"))
		if err != nil || n < 1 || n > 5 {
			t.Fatalf("Retry-After %q", w.Header().Get("Retry-After"))
		}
		seen[n] = true
	}
	if len(seen) < 2 {
		t.Fatalf("Retry-After is not spread: %v", seen)
	}
	releases[0]()
	rel, err := s.admit(httptest.NewRecorder(), req)
	if err != nil {
		t.Fatalf("a start after a release: %v", err)
	}
	rel()
	releases[1]()
}
