package web

import "testing"

// TestSafePortalNext: the page to return to after signing in stays on the
// portal; anything a browser could read as another site falls back to
// "Hồ sơ của tôi".
func TestSafePortalNext(t *testing.T) {
	t.Parallel()
	for next, want := range map[string]string{
		"/ho-so-cua-toi/ABC":    "/ho-so-cua-toi/ABC",
		"/thu-tuc/x/nop?y=1":    "/thu-tuc/x/nop?y=1",
		"":                      "/ho-so-cua-toi",
		"https://evil.example/": "/ho-so-cua-toi",
		"//evil.example":        "/ho-so-cua-toi",
		"/\t/evil.example":      "/ho-so-cua-toi",
		"/\\evil.example":       "/ho-so-cua-toi",
		"/%09/evil.example":     "/%09/evil.example", // stays a path on this site
		"/\r\nLocation: x":      "/ho-so-cua-toi",
		"/admin/":               "/ho-so-cua-toi",
		"/\x7f/evil.example":    "/ho-so-cua-toi",
		"/a\x00b":               "/ho-so-cua-toi",
	} {
		if got := safePortalNext(next); got != want {
			t.Errorf("safePortalNext(%q) = %q, want %q", next, got, want)
		}
	}
}
