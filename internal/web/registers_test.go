package web_test

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// A register that is not enabled registers no routes; enabled, its block
// of routes.go appears in the route table.
func TestDisabledRegisterHasNoRoutes(t *testing.T) {
	t.Parallel()
	svc := newServices(t, sqlstore.SQLite, time.Now())
	count := func(s *web.Server) int {
		s.Handler()
		n := 0
		for _, r := range s.Routes() {
			if strings.Contains(r.Path, "/lltp") {
				n++
			}
		}
		return n
	}
	mk := func() *web.Server { return newServer(t, svc, nil) }
	if n := count(mk()); n != 0 {
		t.Fatalf("judicial records off: %d routes under /lltp", n)
	}
	s := mk()
	enableJR(t, s, svc)
	enableMediation(t, s, svc.DB)
	enablePractitioners(t, s, svc.DB)
	enableContests(t, s, svc.DB, svc.Clock.Now)
	if n := count(s); n < 10 {
		t.Fatalf("judicial records on: only %d routes under /lltp", n)
	}
}
