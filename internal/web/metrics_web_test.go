package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tuphap/internal/web"
)

// TestMetricsNeedToken: /metrics on the public listener answers only with
// the configured bearer token; the handler for a listener of its own
// answers without one; /static/ lists no directory.
func TestMetricsNeedToken(t *testing.T) {
	t.Parallel()
	s, err := web.New(web.Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MetricsToken: "bi-mat-giam-sat"})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	get := func(h http.Handler, path, token string) (int, string) {
		req := httptest.NewRequest("GET", path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	if code, body := get(h, "/metrics", ""); code != 401 || strings.Contains(body, "tuphap_http") {
		t.Errorf("/metrics without a token: %d, want 401 and no figures", code)
	}
	if code, _ := get(h, "/metrics", "sai"); code != 401 {
		t.Errorf("/metrics with a wrong token: %d, want 401", code)
	}
	if code, body := get(h, "/metrics", "bi-mat-giam-sat"); code != 200 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("/metrics with the token: %d, want 200 with figures", code)
	}
	if code, body := get(s.MetricsHandler(), "/metrics", ""); code != 200 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("metrics listener: %d, want 200", code)
	}
	for _, p := range []string{"/static/", "/static"} {
		if code, body := get(h, p, ""); code == 200 || strings.Contains(body, `href="app.css"`) {
			t.Errorf("GET %s: %d listing %q, want no directory listing", p, code, body)
		}
	}
	if code, _ := get(h, "/static/app.css", ""); code != 200 {
		t.Errorf("/static/app.css: %d", code)
	}
}
