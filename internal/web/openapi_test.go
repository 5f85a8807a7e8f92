package web_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"tuphap/internal/sqlstore"
)

// Every JSON endpoint the server registers under /api/v1/ is documented in
// openapi.json with its method, and the document names no endpoint the
// server does not have. The route list comes from Server.Routes, so a new
// endpoint without documentation fails here.
func TestOpenAPICoversEveryAPIRoute(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Servers []struct{ URL string }                `json:"servers"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	if doc.OpenAPI == "" || len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Fatalf("unexpected document header: %q %v", doc.OpenAPI, doc.Servers)
	}
	svc := newServices(t, sqlstore.SQLite, time.Now())
	s := newServer(t, svc, nil)
	// Every register on, so that all their routes are served (a
	// register that is off registers none).
	enableJR(t, s, svc)
	enableMediation(t, s, svc.DB)
	enableLegalAid(t, s, svc.DB)
	enablePetitions(s, svc.DB)
	enableLegalDocs(t, s, svc.DB)
	enablePractitioners(t, s, svc.DB)
	enableEmulation(t, s, svc.DB, svc.Clock.Now)
	enableContests(t, s, svc.DB, svc.Clock.Now)
	enableDissemination(t, s, svc.DB)
	s.Handler()
	served := map[string]bool{}
	n := 0
	for _, r := range s.Routes() {
		path, ok := strings.CutPrefix(r.Path, "/api/v1/")
		if !ok {
			continue
		}
		n++
		method := strings.ToLower(r.Method)
		if method == "" {
			t.Errorf("%s: an API route without a method", r.Pattern)
			continue
		}
		path = "/" + path
		served[method+" "+path] = true
		if _, ok := doc.Paths[path][method]; !ok {
			t.Errorf("%s is not documented in openapi.json (paths[%q].%s)", r.Pattern, path, method)
		}
	}
	if n < 10 {
		t.Fatalf("only %d API routes found; the route table is not being read", n)
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete":
				if !served[method+" "+path] {
					t.Errorf("openapi.json documents %s %s, which the server does not serve", strings.ToUpper(method), path)
				}
			}
		}
	}
}
