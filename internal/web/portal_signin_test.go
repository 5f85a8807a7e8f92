package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
)

func TestCitizenSignIn(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newPortalFixture(t, e)
			b := f.browser()
			b.signIn("sim-0001")
			_, body, _ := b.get("/ho-so-cua-toi")
			for _, want := range []string{"Nguyễn Văn An", "001090012345", "12/05/1990"} {
				if !strings.Contains(body, want) {
					t.Errorf("my dossiers page lacks %q from the ID token", want)
				}
			}
			// The officers' back office knows nothing of a citizen session.
			if code, _, h := b.get("/admin/"); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/admin/login") {
				t.Errorf("citizen at /admin/: %d %s, want redirect to officer sign-in", code, h.Get("Location"))
			}
			// Signing out needs the form's token, then ends the session.
			if code, _, _ := b.post("/dang-xuat", url.Values{"csrf": {"forged"}}); code != http.StatusForbidden {
				t.Errorf("sign-out with a forged token: %d, want 403", code)
			}
			if code, _, _ := b.post("/dang-xuat", url.Values{}); code != http.StatusSeeOther {
				t.Errorf("sign-out: %d", code)
			}
			if code, _, _ := b.get("/ho-so-cua-toi"); code != http.StatusSeeOther {
				t.Errorf("after sign-out: %d, want redirect to sign-in", code)
			}
		})
	}
}

// A callback whose state is not the one this browser started with is
// refused, and no session is opened (login CSRF).
func TestCitizenSignInStateMismatch(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	b := f.browser()
	_, _, h := b.get("/dang-nhap/vneid")
	loc, _ := url.Parse(h.Get("Location"))
	q := loc.Query()
	// The attacker's own code and state, from another browser's sign-in.
	other := f.browser()
	_, _, h2 := other.get("/dang-nhap/vneid")
	loc2, _ := url.Parse(h2.Get("Location"))
	code, body, _ := b.get("/dang-nhap/xong?code=whatever&state=" + url.QueryEscape(loc2.Query().Get("state")))
	if code != http.StatusUnauthorized || !strings.Contains(body, "không khớp") {
		t.Errorf("state mismatch: %d, want 401 with a clear message", code)
	}
	_ = q
	if code, _, _ := b.get("/ho-so-cua-toi"); code != http.StatusSeeOther {
		t.Errorf("a session was opened after a state mismatch: %d", code)
	}
	// Without the sign-in cookie at all.
	c := f.browser()
	if code, _, _ := c.get("/dang-nhap/xong?code=x&state=y"); code != http.StatusUnauthorized {
		t.Errorf("callback without the sign-in cookie: %d, want 401", code)
	}
}
