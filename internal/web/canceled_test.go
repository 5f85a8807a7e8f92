package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"tuphap/internal/auth"
	"tuphap/internal/catalog"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// A client that goes away mid-request (its context cancelled) is logged
// as such, not as an error, and never counted as a 500 (issue 17: 19
// disconnects at the end of a soak tripped the error rate).
func TestClientGoneIsNotAnError(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
	keys, err := auth.NewKeyring("k1", map[string][]byte{"k1": make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	procs, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	s, err := web.New(web.Config{DB: db, Org: &org.Service{Store: sqlstore.OrgStore{DB: db}}, Auth: &auth.Service{Store: sqlstore.AuthStore{DB: db}, Keys: keys},
		Catalog: procs, Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})), Now: time.Now, MetricsToken: "m"})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("POST", "/api/v1/lookup", strings.NewReader(`{"code":"000.00.00.H82-260302-0001","pin":"123456"}`)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(httptest.NewRecorder(), req)

	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a client that went away was logged as an error:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "client went away") {
		t.Errorf("the disconnect is not logged as such:\n%s", logs.String())
	}
	rec := httptest.NewRecorder()
	mreq := httptest.NewRequest("GET", "/metrics", nil)
	mreq.Header.Set("Authorization", "Bearer m")
	h.ServeHTTP(rec, mreq)
	body, _ := io.ReadAll(rec.Result().Body)
	for _, l := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(l, "tuphap_http_requests_total") && strings.Contains(l, "/api/v1/lookup") {
			if strings.Contains(l, `status="500"`) {
				t.Errorf("counted as a 500: %s", l)
			}
			if !strings.Contains(l, `status="499"`) {
				t.Errorf("want the disconnect counted as 499 (client closed request): %s", l)
			}
		}
	}
	if !strings.Contains(string(body), `status="499"`) {
		t.Errorf("no request counted at all:\n%s", body)
	}
}
