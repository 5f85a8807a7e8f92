package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// The client's address (issue 12 §6). Behind a reverse proxy every request
// comes from the proxy, so per-address limits would throttle everybody at
// once, or nobody. The operator lists the proxies it trusts
// (TUPHAP_TRUSTED_PROXIES); a request from one of them is attributed to the
// rightmost address of X-Forwarded-For that is not itself a trusted proxy.
// A request from anywhere else is attributed to its TCP peer, whatever
// headers it sends, so a client cannot choose its own address.

// ParseTrustedProxies reads a comma- or space-separated list of addresses
// and CIDR prefixes ("10.0.0.5, 10.1.0.0/16, ::1").
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, fmt.Errorf("trusted proxies: %q is not an address or prefix", f)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies: %q is not an address or prefix", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

func (s *Server) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// realIP finds the client's address of a request.
func (s *Server) realIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !s.trusted(peer) {
		return host
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, h := range strings.Split(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	client := peer.Unmap().String()
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // a malformed hop: keep the last trusted one's word
		}
		client = a.Unmap().String()
		if !s.trusted(a) {
			break
		}
	}
	return client
}

type clientIPKeyT struct{}

// withClientIP records the client's address in the request's context.
func (s *Server) withClientIP(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), clientIPKeyT{}, s.realIP(r)))
}

// clientIP is the client's address as found by the outer middleware (the
// TCP peer, or what a trusted proxy forwarded).
func clientIP(r *http.Request) string {
	if ip, ok := r.Context().Value(clientIPKeyT{}).(string); ok {
		return ip
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
