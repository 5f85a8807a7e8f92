package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
)

// The public look-up is rate limited per client address, so that the
// 6-digit PIN cannot be guessed by trying.
func TestLookupRateLimited(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	limited := 0
	for i := 0; i < 40; i++ {
		// A different code each time: one code's failures have their own
		// limit (TestLookupLimitedPerCodeWithRetryAfter).
		resp, err := http.PostForm(f.srv.URL+"/api/v1/lookup", url.Values{"code": {fmt.Sprintf("000.00.00.H82-260302-%04d", i+1)}, "pin": {strings.Repeat("1", 6)}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusNotFound:
			if limited > 0 {
				t.Fatalf("request %d answered after the limit was reached", i+1)
			}
		case http.StatusTooManyRequests:
			limited++
		default:
			t.Fatalf("request %d: %d", i+1, resp.StatusCode)
		}
	}
	if limited != 10 {
		t.Errorf("%d of 40 look-ups refused, want 10 (30 per 10 minutes)", limited)
	}
	b := f.browser()
	if code, body, _ := b.post("/tra-cuu", url.Values{"ma": {"x"}, "pin": {"1"}}); code != http.StatusTooManyRequests || !strings.Contains(body, "quá nhiều lần") {
		t.Errorf("look-up page over the limit: %d", code)
	}
}

// Pages are light (under 100 KB of HTML, no script) and in Vietnamese.
func TestPortalPagesLight(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	b := f.browser()
	b.signIn("sim-0004")
	draft := startDraft(t, b, lawyerFirm)
	anon := f.browser()
	for _, p := range []string{"/", "/thu-tuc", "/thu-tuc/" + lawyerFirm, "anon:/dang-nhap", "/tra-cuu", "/ho-so-cua-toi", draft, "/static/portal.css"} {
		who := b
		if rest, ok := strings.CutPrefix(p, "anon:"); ok {
			who, p = anon, rest
		}
		code, body, h := who.get(p)
		if code != http.StatusOK {
			t.Errorf("%s: %d", p, code)
			continue
		}
		if len(body) > 100<<10 {
			t.Errorf("%s is %d bytes, over 100 KB", p, len(body))
		}
		if strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			if !strings.Contains(body, `<html lang="vi">`) || strings.Contains(body, "<script") {
				t.Errorf("%s: not marked Vietnamese, or carries script", p)
			}
		}
	}
}
