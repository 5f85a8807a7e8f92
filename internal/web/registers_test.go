package web_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

// A register that is not enabled registers no routes; enabled, its block
// of routes.go appears in the route table.
func TestDisabledRegisterHasNoRoutes(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
	keys, _ := auth.NewKeyring("k1", map[string][]byte{"k1": make([]byte, 32)})
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
	mk := func() *web.Server {
		s, err := web.New(web.Config{DB: db, Org: &org.Service{Store: sqlstore.OrgStore{DB: db}}, Calendar: &calendar.Admin{Store: sqlstore.CalendarStore{DB: db}},
			Auth: &auth.Service{Store: sqlstore.AuthStore{DB: db}, Keys: keys}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if n := count(mk()); n != 0 {
		t.Fatalf("judicial records off: %d routes under /lltp", n)
	}
	s := mk()
	s.EnableJudicialRecords(&web.JudicialRecords{Service: &judicialrecord.Service{Store: sqlstore.JRStore{DB: db}}})
	enableMediation(t, s, db)
	if n := count(s); n < 10 {
		t.Fatalf("judicial records on: only %d routes under /lltp", n)
	}
}
