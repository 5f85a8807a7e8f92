package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"tuphap/internal/external/eid"
	"tuphap/internal/external/payment"
	"tuphap/internal/sqlstore"
)

// TestSecurityHeadersNamePeers: the Content-Security-Policy's form-action
// names the identity provider's and the payment gateway's origins (the
// browser refuses the redirect after a form otherwise), and the isolation
// headers are sent on every answer.
func TestSecurityHeadersNamePeers(t *testing.T) {
	t.Parallel()
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{Peers: func(base string) (eid.Provider, payment.Gateway) {
		return &eid.OIDC{Issuer: "https://id.example.vn/oidc", ClientID: "c"},
			&payment.HMACGateway{CheckoutAt: "https://pay.example.vn:8443/checkout", Secret: []byte("k")}
	}})
	for _, path := range []string{"/", "/thu-tuc", "/api/v1/procedures", "/khong-co"} {
		resp, err := http.Get(f.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' https://id.example.vn https://pay.example.vn:8443;") {
			t.Errorf("%s: CSP %q does not let forms lead to the provider and the gateway", path, csp)
		}
		for k, want := range map[string]string{
			"Cross-Origin-Opener-Policy":   "same-origin",
			"Cross-Origin-Resource-Policy": "same-origin",
			"Permissions-Policy":           "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", path, k, got, want)
			}
		}
	}
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRefusedSignInIsLogged: the reason of a refused e-ID sign-in is in the
// log for whoever integrates the provider; the person's data is not.
func TestRefusedSignInIsLogged(t *testing.T) {
	t.Parallel()
	var log syncBuffer
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{Log: &log})
	f.sim.WrongNonce = true
	b := f.browser()
	code, _, h := b.get("/dang-nhap/vneid")
	if code != http.StatusFound {
		t.Fatalf("start: %d", code)
	}
	back := simAuthorize(t, b, h.Get("Location"), "sim-0002")
	if code, _, _ := b.get(back); code != http.StatusUnauthorized {
		t.Fatalf("callback with a wrong nonce: %d, want 401", code)
	}
	out := log.String()
	if !strings.Contains(out, "e-ID sign-in refused") || !strings.Contains(out, "nonce mismatch") {
		t.Errorf("log lacks the refusal and its reason:\n%s", out)
	}
	for _, personal := range []string{"079195004321", "Ngọc", "1995-11-03"} {
		if strings.Contains(out, personal) {
			t.Errorf("log holds personal data %q", personal)
		}
	}
}

// simAuthorize answers the simulator's authorize page as subject and
// returns where the simulator sends the browser back.
func simAuthorize(t *testing.T, b *citizenBrowser, authorize, subject string) string {
	t.Helper()
	u, err := url.Parse(authorize)
	if err != nil {
		t.Fatal(err)
	}
	form := u.Query()
	form.Set("subject", subject)
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+"/idp-sim/authorize", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	code, _, h := b.do(req)
	if code != http.StatusFound {
		t.Fatalf("authorize: %d", code)
	}
	return h.Get("Location")
}

// TestSignOutAsksAgain: after a citizen signs out, the next sign-in on the
// same browser asks the provider for prompt=login (the simulator has no
// end_session_endpoint, so it is the only means here).
func TestSignOutAsksAgain(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	b := f.browser()
	_, _, h := b.get("/dang-nhap/vneid")
	if q := mustQuery(t, h.Get("Location")); q.Get("prompt") != "" {
		t.Errorf("first sign-in asks prompt=%q, want none", q.Get("prompt"))
	}
	b.signIn("sim-0001")
	b.get("/ho-so-cua-toi") // the page's CSRF token
	if code, _, h := b.post("/dang-xuat", url.Values{}); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/") {
		t.Fatalf("sign out: %d %q", code, h.Get("Location"))
	}
	_, _, h = b.get("/dang-nhap/vneid")
	if q := mustQuery(t, h.Get("Location")); q.Get("prompt") != "login" {
		t.Errorf("sign-in after a sign-out asks prompt=%q, want login", q.Get("prompt"))
	}
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// TestNoEmptyTableHeaders: every table header cell of every template has
// text, at least for screen readers (an action column's is hidden).
func TestNoEmptyTableHeaders(t *testing.T) {
	t.Parallel()
	empty := regexp.MustCompile(`<th[^>]*>\s*</th>`)
	for _, dir := range []string{"templates", "portal_templates"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.html"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if m := empty.Find(b); m != nil {
				t.Errorf("%s: empty table header %s", f, m)
			}
		}
	}
}
