package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Issue 12 §6: the code+PIN look-up is limited per dossier code as well as
// per address (guesses of one code's PIN stop after 10 failures an hour),
// and every 429 says when to come back.
func TestLookupLimitedPerCodeWithRetryAfter(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newPortalFixture(t, e)
		get := func(code, pin string) *http.Response {
			t.Helper()
			resp, err := http.PostForm(f.srv.URL+"/api/v1/lookup", url.Values{"code": {code}, "pin": {pin}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp
		}
		target := "000.00.00.H82-260302-0001"
		for i := 0; i < 10; i++ {
			if resp := get(target, "00000"+string(rune('0'+i))); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("guess %d: %d", i+1, resp.StatusCode)
			}
		}
		resp := get(target, "123456")
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("11th guess of one code: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		// Another code is not held back by it.
		if resp := get("000.00.00.H82-260302-0002", "123456"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another code: %d", resp.StatusCode)
		}
		// The look-up page too.
		resp, err := http.PostForm(f.srv.URL+"/tra-cuu", url.Values{"ma": {target}, "pin": {"123456"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("look-up page: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	})
}

// Issue 12 §6: the per-address sign-in limit answers 429 with Retry-After.
func TestSignInAddressLimitSaysRetryAfter(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		b := f.browser()
		var resp *http.Response
		for i := 0; i < 25; i++ {
			b.get("/admin/login")
			form := url.Values{"csrf": {b.csrf}, "tenant": {"STP-A"}, "username": {"u" + string(rune('a'+i))}, "password": {"sai-mat-khau-123"}}
			req, _ := http.NewRequest("POST", b.origin+"/admin/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", b.origin)
			var err error
			if resp, err = b.c.Do(req); err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusTooManyRequests {
				break
			}
		}
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("after many sign-ins from one address: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	})
}
