// Package kit holds the pieces every screen of the back office is built
// from, so that each register's area of web/ (web/judicialrecordweb, later
// web/mediationweb, ...) builds its screens the same way without reaching
// into the kernel (package web): the handler type, the signed-in
// principal, error helpers, the typed page contract, and the shared page
// blocks (pager, period picker, figures with drill-down, export buttons,
// field errors; see templates/kit.html).
//
// kit imports no storage and no register; it knows auth (the principal)
// and apperr (the error type) only.
package kit

import (
	"context"
	"net/http"
	"time"

	"tuphap/internal/auth"
	"tuphap/internal/dossier"
)

// Handler is an HTTP handler that returns its error; the kernel renders
// the error once (HTML page or JSON problem).
type Handler func(w http.ResponseWriter, r *http.Request) error

// Zone is Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving. A fixed
// zone keeps the binary independent of the host's time zone database.
var Zone = time.FixedZone("ICT", 7*3600)

type ctxKey int

const principalKey ctxKey = 0

// WithPrincipal returns ctx carrying the authenticated principal; only the
// kernel's authentication calls it.
func WithPrincipal(ctx context.Context, p *auth.Principal) context.Context {
	return context.WithValue(ctx, principalKey, p)
}

// Principal is the signed-in officer (or API token) of the request, nil
// when there is none.
func Principal(ctx context.Context) *auth.Principal {
	p, _ := ctx.Value(principalKey).(*auth.Principal)
	return p
}

// PageData is implemented by every page's typed data struct.
type PageData interface{ Title() string }

// Kernel is what a register's screens get from the server: rendering with
// the common layout, redirects with a flash message, the officer as an
// actor, and the one-stop visibility rule. A register never gets the
// database: its handlers hold their own service.
type Kernel interface {
	// Page renders the named template (a register's templates are parsed
	// with the common layout) with its typed data.
	Page(w http.ResponseWriter, r *http.Request, code int, name string, data PageData)
	// Redirect answers a successful POST with 303 and a flash code
	// (render.go's flashes name the texts).
	Redirect(w http.ResponseWriter, r *http.Request, to, flash string) error
	// Actor is the signed-in officer as the actor of a use case.
	Actor(r *http.Request) dossier.Actor
	// CanSee applies the back office's dossier visibility (role and unit).
	CanSee(p *auth.Principal, d *dossier.Dossier) bool
	// MayOpen reports whether the signed-in officer may open a back-office
	// page (a link's target, with its query): links to pages of other
	// registers are shown only to those who may follow them.
	MayOpen(r *http.Request, target string) bool
}
