package web

import (
	"net/http/httptest"
	"testing"
)

// Issue 12 §6: X-Forwarded-For is believed only from a configured trusted
// proxy, and then its rightmost hop that is not itself a trusted proxy is
// the client; nobody else chooses their own address.
func TestClientIPBehindTrustedProxies(t *testing.T) {
	t.Parallel()
	proxies, err := ParseTrustedProxies("10.0.0.5, 10.1.0.0/16 ::1")
	if err != nil || len(proxies) != 3 {
		t.Fatalf("parse: %v %v", err, proxies)
	}
	if _, err := ParseTrustedProxies("10.0.0.5, proxy.local"); err == nil {
		t.Fatal("a host name accepted")
	}
	s := &Server{proxies: proxies}
	for _, c := range []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"direct client, no header", "203.0.113.7:5000", nil, "203.0.113.7"},
		{"direct client forging the header", "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},
		{"through the proxy", "10.0.0.5:443", []string{"198.51.100.1"}, "198.51.100.1"},
		{"a forged hop before the real one", "10.0.0.5:443", []string{"1.2.3.4, 198.51.100.1"}, "198.51.100.1"},
		{"two trusted proxies", "10.0.0.5:443", []string{"198.51.100.1, 10.1.2.3"}, "198.51.100.1"},
		{"header split over lines", "10.0.0.5:443", []string{"1.2.3.4", "198.51.100.1"}, "198.51.100.1"},
		{"proxy without the header", "10.0.0.5:443", nil, "10.0.0.5"},
		{"garbage hop", "10.0.0.5:443", []string{"198.51.100.1, nonsense"}, "10.0.0.5"},
		{"IPv6 loopback proxy", "[::1]:443", []string{"2001:db8::1"}, "2001:db8::1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		for _, v := range c.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := clientIP(s.withClientIP(r)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	// No trusted proxy configured: the header is never believed.
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.0.0.5:443"
	r.Header.Set("X-Forwarded-For", "198.51.100.1")
	if got := clientIP((&Server{}).withClientIP(r)); got != "10.0.0.5" {
		t.Errorf("without configuration: %s", got)
	}
}
