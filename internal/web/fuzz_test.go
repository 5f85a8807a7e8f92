package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
)

// FuzzAPIDossierIntake sends arbitrary bodies to the counter-intake API.
// Whatever arrives, the answer is a 2xx or a 4xx JSON problem with a
// Vietnamese explanation: never a 500, never a panic.
//
//	go test -run '^$' -fuzz FuzzAPIDossierIntake -fuzztime 30s ./internal/web/
func FuzzAPIDossierIntake(f *testing.F) {
	fx := newFixture(f, sqlstore.SQLite)
	tok, err := fx.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "fuzz", 0)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		`{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`,
		`{"procedure_code":"notary.appointment","channel":"online","applicant":{"full_name":"A","id_number":"1"}}`,
		`{"procedure_code":1}`, `{"unknown":true}`, `[]`, `null`, `{`, ``, `{"applicant":{"full_name":"` + strings.Repeat("ầ", 200) + `"}}`,
		`{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"X","id_number":"082090004321"},"documents":[{"name":"","originals":-1}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, _ := http.NewRequest("POST", fx.srv.URL+"/api/v1/dossiers", strings.NewReader(string(body)))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("status %d for %q: %s", resp.StatusCode, body, raw)
		}
		if resp.StatusCode >= 400 {
			var p struct {
				Detail string `json:"detail"`
			}
			if json.Unmarshal(raw, &p) != nil || p.Detail == "" {
				t.Fatalf("4xx without a problem detail for %q: %s", body, raw)
			}
		}
	})
}

// FuzzReceptionForm posts arbitrary form bodies to the counter-intake
// screen as a signed-in clerk (with a valid CSRF token): the answer is a
// page (2xx, 303 or 4xx), never a 500.
//
//	go test -run '^$' -fuzz FuzzReceptionForm -fuzztime 30s ./internal/web/
func FuzzReceptionForm(f *testing.F) {
	fx := newFixture(f, sqlstore.SQLite)
	b := fx.browser()
	b.mustLogin("STP-A", "clerk")
	f.Add("procedure=notary.appointment&channel=direct&full_name=Tr%E1%BA%A7n+V%C4%83n+B%E1%BA%A3y&id_number=082090004321&doc0=on&originals0=1&copies0=0")
	f.Add("procedure=&channel=&full_name=")
	f.Add("procedure=notary.appointment&channel=online&originals0=abc&copies0=-5&doc99=1")
	f.Add("%zz=%%&&&=")
	f.Add("procedure=notary.appointment&channel=postal&full_name=" + strings.Repeat("a", 5000))
	f.Fuzz(func(t *testing.T, form string) {
		body := form + "&" + url.Values{"csrf": {b.csrf}}.Encode()
		req, _ := http.NewRequest("POST", fx.srv.URL+"/admin/reception", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", fx.srv.URL)
		resp, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("status %d for form %q", resp.StatusCode, form)
		}
	})
}
