package web

import (
	"net/http"
	"net/url"
	"strings"
	"sync"

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

// linkTable answers which permission opens a back-office page, from the
// routes Handler registered: a screen that links to another register's
// page (the annual report's drill-downs) shows the link only to those
// who may follow it.
type linkTable struct {
	once  sync.Once
	mux   *http.ServeMux
	perms map[string]auth.Permission // by pattern
}

// MayOpen reports whether the signed-in officer of r may open the GET
// target (a path with an optional query). A target no route serves, or a
// public one, is allowed; the route's permission decides otherwise.
func (s *Server) MayOpen(r *http.Request, target string) bool {
	perm, ok := s.pagePermission(target)
	if !ok {
		return true
	}
	p := principalFrom(r.Context())
	return p != nil && p.Can(perm)
}

// Opens reports whether a back-office page serves the GET target and the
// signed-in officer of r may open it: the menu offers a register's page
// only when the register is on (a disabled register registers no routes).
func (s *Server) Opens(r *http.Request, target string) bool {
	perm, ok := s.pagePermission(target)
	p := principalFrom(r.Context())
	return ok && p != nil && p.Can(perm)
}

// pagePermission is the permission of the back-office GET route serving
// target; ok is false when no such route is registered.
func (s *Server) pagePermission(target string) (auth.Permission, bool) {
	s.links.once.Do(func() {
		s.links.mux, s.links.perms = http.NewServeMux(), map[string]auth.Permission{}
		for _, ri := range s.routes {
			if ri.Kind == OfficerRoute && (ri.Method == http.MethodGet || ri.Method == "") {
				s.links.mux.Handle(ri.Pattern, http.NotFoundHandler())
				s.links.perms[ri.Pattern] = ri.Permission
			}
		}
	})
	path, _, _ := strings.Cut(target, "?")
	u, err := url.Parse(path)
	if err != nil {
		return "", false
	}
	_, pattern := s.links.mux.Handler(&http.Request{Method: http.MethodGet, URL: u})
	perm, ok := s.links.perms[pattern]
	return perm, ok
}
