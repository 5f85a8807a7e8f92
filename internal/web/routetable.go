package web

import (
	"net/http"
	"strings"

	"tuphap/internal/auth"
)

// RouteKind says who a route is for.
type RouteKind string

const (
	// PublicRoute needs no sign-in (it may still act on a session if there
	// is one, like sign-out).
	PublicRoute RouteKind = "public"
	// OfficerRoute needs a signed-in officer holding Permission.
	OfficerRoute RouteKind = "officer"
	// CitizenRoute belongs to the citizens' portal.
	CitizenRoute RouteKind = "citizen"
)

// RouteInfo is one registered route as the security tests see it.
type RouteInfo struct {
	Pattern    string // as given to the mux, e.g. "GET /admin/units/{id}"
	Method     string // empty when the pattern names none
	Path       string
	Kind       RouteKind
	Permission auth.Permission // for officer routes
}

// routeMux is the server's ServeMux that also records every route it is
// given, so that tests can check every route against every role (see
// authz_test.go) without a hand-kept list. A route registered with Handle
// is public unless registered through handle with its kind.
type routeMux struct {
	*http.ServeMux
	routes *[]RouteInfo
}

func (s *Server) newRouteMux() *routeMux {
	s.routes = nil
	return &routeMux{ServeMux: http.NewServeMux(), routes: &s.routes}
}

// Handle registers a public route.
func (m *routeMux) Handle(pattern string, h http.Handler) {
	m.handle(pattern, PublicRoute, "", h)
}

// handle registers a route of the given kind.
func (m *routeMux) handle(pattern string, kind RouteKind, perm auth.Permission, h http.Handler) {
	m.ServeMux.Handle(pattern, h)
	ri := RouteInfo{Pattern: pattern, Path: pattern, Kind: kind, Permission: perm}
	if method, path, ok := strings.Cut(pattern, " "); ok {
		ri.Method, ri.Path = method, strings.TrimSpace(path)
	}
	*m.routes = append(*m.routes, ri)
}

// Routes lists the routes registered by the last call of Handler, in
// registration order. Tests use it.
func (s *Server) Routes() []RouteInfo {
	return append([]RouteInfo(nil), s.routes...)
}
