// Package web is tuphap's HTTP layer: the public home page, the officers'
// back office at /admin/, the JSON API at /api/v1/, /healthz and /metrics.
// Every route is listed in routes.go; each action has its own file.
// Handlers return errors; one adapter (errors.go) renders them as a
// Vietnamese HTML page or a JSON problem document.
package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/notify"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web/contestweb"
	"tuphap/internal/web/disseminationweb"
	"tuphap/internal/web/emulationweb"
	"tuphap/internal/web/judicialrecordweb"
	"tuphap/internal/web/kit"
	"tuphap/internal/web/legalaidweb"
	"tuphap/internal/web/legaldocweb"
	"tuphap/internal/web/mediationweb"
	"tuphap/internal/web/petitionweb"
	"tuphap/internal/web/practitionerweb"
)

// Config is what the server needs; cmd/tuphap fills it.
type Config struct {
	DB       *sqlstore.DB
	Org      *org.Service
	Auth     *auth.Service
	Calendar *calendar.Admin
	Dossiers *dossier.Service
	// Catalog is the procedure catalogue offered at intake.
	Catalog []catalog.Procedure
	Log     *slog.Logger
	// SecureCookies sets the Secure flag on cookies. Keep it on except for
	// plain-HTTP deployments on a closed network.
	SecureCookies bool
	// Now is the clock (tests fix it).
	Now func() time.Time
	// Version is shown in /healthz.
	Version string
	// SMS is the SMS simulator whose inbox /admin/outbox shows; nil hides it.
	SMS *notify.SMSSimulator
	// NudgeOutbox wakes the notification worker (after a requeue); nil: none.
	NudgeOutbox func()
	// Procedures is the tenants' catalogue (built-in procedures with their
	// overrides, local procedures); nil: Catalog for every tenant and no
	// catalogue screens.
	Procedures *catalog.Admin
	// PublicURL is the public address (https://dichvucong.stp.example.gov.vn)
	// of every link that leaves tuphap in a QR code or a message; default:
	// the portal's BaseURL. Never derived from a request's Host.
	PublicURL string
	// Portal configures the citizens' portal (nil: catalogue and look-up only).
	Portal *PortalConfig
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (ParseTrustedProxies); empty: the TCP peer is the client.
	TrustedProxies []netip.Prefix
	// Receipts issues the electronic receipts of fees collected at the desk
	// (nil: the local simulator).
	Receipts ereceipt.Issuer
	// MetricsToken, when set, lets GET /metrics on the main listener answer
	// a request carrying "Authorization: Bearer <MetricsToken>". Without it
	// /metrics is not served there (404): use MetricsHandler on a listener
	// of its own (serve --metrics-addr).
	MetricsToken string
}

// Server holds the handlers' dependencies.
type Server struct {
	db      *sqlstore.DB
	org     *org.Service
	auth    *auth.Service
	cal     *calendar.Admin
	dossier *dossier.Service
	catalog []catalog.Procedure
	// receipts issues e-receipts of fees collected at the desk.
	receipts ereceipt.Issuer
	log      *slog.Logger
	secure   bool
	now      func() time.Time
	version  string
	sms      *notify.SMSSimulator
	nudge    func()
	procs    *catalog.Admin

	jr         *JudicialRecords // nil until EnableJudicialRecords
	medScreens *mediationweb.Screens
	// contestScreens: online contests (contest.go), nil when off.
	contestScreens *contestweb.Screens
	// disScreens: legal dissemination (dissemination.go), nil when off.
	disScreens   *disseminationweb.Screens
	laScreens    *legalaidweb.Screens // legal aid (registers_legalaid.go)
	legalAid     *LegalAid
	petScreens   *petitionweb.Screens
	petitions    *petition.Service
	ldScreens    *legaldocweb.Screens
	prScreens    *practitionerweb.Screens
	jrScreens    *judicialrecordweb.Screens
	emuScreens   *emulationweb.Screens // nil until EnableEmulation
	dvcqg        *NationalPortal       // nil until EnableNationalPortal
	lookups      *Lookups              // nil until EnableLookups
	post         *PostDelivery         // nil until EnablePost (delivery.go)
	messaging    *Messaging            // nil until EnableMessaging (delivery.go)
	letterCfg    *LetterSigning        // nil until EnableLetters (letters.go)
	pages        map[string]*template.Template
	routes       []RouteInfo // filled by Handler (routetable.go)
	links        linkTable   // which permission opens a page (MayOpen)
	loginLimiter *auth.RateLimiter
	// verifyLimiter limits uploads to the public certificate check.
	verifyLimiter *auth.RateLimiter
	metrics       *metrics
	registry      *prometheus.Registry

	portalCfg     *PortalConfig
	publicURL     string // Config.PublicURL, without a trailing slash
	portalPages   map[string]*template.Template
	portalSecret  []byte
	lookupLimiter *auth.RateLimiter
	// lookupCodeLimiter counts failed look-ups per dossier code.
	lookupCodeLimiter *auth.RateLimiter
	proxies           []netip.Prefix
	metricsToken      string
}

// New builds a server and parses every template.
func New(cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	s := &Server{
		sms: cfg.SMS, nudge: cfg.NudgeOutbox, procs: cfg.Procedures, proxies: cfg.TrustedProxies,
		db: cfg.DB, org: cfg.Org, auth: cfg.Auth, cal: cfg.Calendar, dossier: cfg.Dossiers, catalog: cfg.Catalog, log: cfg.Log, secure: cfg.SecureCookies,
		receipts: cfg.Receipts,
		now:      cfg.Now, version: cfg.Version, pages: pages,
		// 20 sign-in attempts per client address per 5 minutes, on top of
		// the per-account lockout.
		loginLimiter: &auth.RateLimiter{Limit: 20, Window: 5 * time.Minute},
		// The public check of judicial record certificates: 20 files per
		// address per 10 minutes.
		verifyLimiter: &auth.RateLimiter{Limit: 20, Window: 10 * time.Minute},
		metrics:       newMetrics(reg),
		registry:      reg,
		metricsToken:  cfg.MetricsToken,
	}
	if s.receipts == nil {
		s.receipts = &ereceipt.Simulator{Now: s.now}
	}
	if err := s.initPortal(cfg.Portal); err != nil {
		return nil, err
	}
	s.publicURL = cfg.PublicURL
	if s.publicURL == "" && cfg.Portal != nil {
		s.publicURL = cfg.Portal.BaseURL
	}
	s.publicURL = strings.TrimRight(s.publicURL, "/")
	return s, nil
}

type ctxKey int

const (
	requestIDKey ctxKey = iota
)

func principalFrom(ctx context.Context) *auth.Principal { return kit.Principal(ctx) }

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// actor is the signed-in officer as an audit actor.
func actor(r *http.Request) audit.Actor {
	p := principalFrom(r.Context())
	if p == nil {
		return audit.Actor{Name: "?", IP: clientIP(r)}
	}
	return p.Actor(clientIP(r))
}

// book returns the clock rules and holidays of the signed-in officer's
// tenant.
func (s *Server) book(r *http.Request) (*calendar.RuleBook, error) {
	p := principalFrom(r.Context())
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return nil, err
	}
	return s.cal.Book(r.Context(), p.TenantID, t.Hours)
}
