package web_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/eid"
	"tuphap/internal/external/payment"
	"tuphap/internal/external/verification"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/portal"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
	"tuphap/internal/testrig"
	"tuphap/internal/web"
)

// portalFixture is a running server with the citizens' portal, the e-ID
// and payment simulators mounted, one tenant with a desk clerk.
type portalFixture struct {
	t        *testing.T
	db       *sqlstore.DB
	srv      *httptest.Server
	clock    *clock
	tenant   org.Tenant
	dossiers *dossier.Service
	portal   *portal.Service
	sim      *eid.Simulator
	paySec   []byte
	jr       *judicialrecord.Service // with portalOptions.JudicialRecord
	org      *org.Service
	auth     *auth.Service
}

const paySecret = "payment-secret-of-the-test-gateway"

func newPortalFixture(t *testing.T, e sqlstore.Engine) *portalFixture {
	t.Helper()
	return newPortalFixtureWith(t, e, portalOptions{})
}

// portalOptions vary the portal fixture: the kind of agency its tenant is
// and whether judicial records are on.
type portalOptions struct {
	Agency         catalog.Agency
	JudicialRecord bool
	// Peers, when set, replaces the simulators mounted on the portal's own
	// origin by an identity provider and a payment gateway of the test's
	// choosing (on other origins), given the portal's base URL.
	Peers func(base string) (eid.Provider, payment.Gateway)
	// Log receives the server's log (default: discarded).
	Log io.Writer
	// Signer, with JudicialRecord, is the agency's signing key.
	Signer signature.Signer
	// LegalAid turns the legal-aid register on (legalaid_web_test.go).
	LegalAid bool
	// Petitions turns the petition register on (portal pages included).
	Petitions bool
	// Letters turns the letters' signing on (letters_web_test.go).
	Letters *web.LetterSigning
	// Contests turns the online contests on (their e-ID sign-in).
	Contests bool
}

func newPortalFixtureWith(t *testing.T, e sqlstore.Engine, opt portalOptions) *portalFixture {
	t.Helper()
	// A working Monday morning, Vietnam time.
	svc := newServices(t, e, time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC))
	db, clk, orgSvc, dossiers := svc.DB, svc.Clock, svc.Org, svc.Dossiers
	findProc := dossiers.Procedure
	f := &portalFixture{t: t, db: db, clock: clk, dossiers: dossiers, paySec: []byte(paySecret), org: orgSvc, auth: svc.Auth}
	mux := &switchHandler{}
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	base := f.srv.URL
	f.sim = &eid.Simulator{Issuer: base + "/idp-sim", ClientID: "tuphap-portal", ClientSecret: "s3cret"}
	store := sqlstore.PortalStore{DB: db}
	f.portal = &portal.Service{Store: store, Dossiers: dossiers, Procedure: findProc, Now: clk.Now}
	pc := &web.PortalConfig{Service: f.portal, Store: store, BaseURL: base, Agency: opt.Agency,
		EID:      &eid.OIDC{Issuer: f.sim.Issuer, ClientID: "tuphap-portal", ClientSecret: "s3cret", RedirectURL: base + "/dang-nhap/xong"},
		Payments: &payment.HMACGateway{GatewayName: "mô phỏng", CheckoutAt: base + "/pay-sim/checkout", Secret: f.paySec},
		Mounts: map[string]http.Handler{
			"/idp-sim/": f.sim,
			"/pay-sim/": &payment.Simulator{Secret: f.paySec, NotifyURL: base + "/api/v1/payments/callback"},
		}}
	if opt.Peers != nil {
		pc.EID, pc.Payments = opt.Peers(base)
		pc.Mounts = nil
	}
	s := newServer(t, svc, func(c *web.Config) {
		c.Portal = pc
		if opt.Log != nil {
			c.Log = slog.New(slog.NewTextHandler(opt.Log, nil))
		}
	})
	if opt.JudicialRecord {
		f.jr = svc.JudicialRecords(testrig.EnvelopeKeys(t))
		s.EnableJudicialRecords(&web.JudicialRecords{Service: f.jr, Verifier: &verification.Simulator{Now: clk.Now}, Issuing: judicialrecord.Issuing{Signer: opt.Signer}})
	}
	if opt.LegalAid {
		enableLegalAid(t, s, db)
	}
	if opt.Petitions {
		enablePetitions(s, db)
	}
	if opt.Letters != nil {
		s.EnableLetters(*opt.Letters)
	}
	if opt.Contests {
		enableContests(t, s, db, clk.Now)
	}
	mux.h = s.Handler()
	ctx := context.Background()
	var err error
	f.tenant, err = orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-A", Name: "Sở Tư pháp tỉnh A", AgencyID: "000.00.00.H82", ProvinceCode: "82"})
	if err != nil {
		t.Fatal(err)
	}
	desk, err := orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.tenant.ID, Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := orgSvc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: f.tenant.ID, Username: "clerk", FullName: "Văn thư", Role: org.Clerk, UnitID: desk.ID}, password); err != nil {
		t.Fatal(err)
	}
	return f
}

// switchHandler lets the server be built after its URL is known.
type switchHandler struct{ h http.Handler }

func (s *switchHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.h.ServeHTTP(w, r) }

// desk is the reception clerk as a dossier actor.
var desk = dossier.Actor{ID: "clerk", Name: "clerk", Role: "reception_clerk", UnitCode: "MOTCUA"}

// citizenBrowser is a cookie-keeping client of the portal.
type citizenBrowser struct {
	f    *portalFixture
	c    *http.Client
	csrf string
}

func (f *portalFixture) browser() *citizenBrowser {
	jar, _ := cookiejar.New(nil)
	return &citizenBrowser{f: f, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfFieldRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *citizenBrowser) do(req *http.Request) (int, string, http.Header) {
	b.f.t.Helper()
	if req.Method == http.MethodPost {
		req.Header.Set("Origin", b.f.srv.URL)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if m := csrfFieldRe.FindSubmatch(body); m != nil {
		b.csrf = string(m[1])
	}
	return resp.StatusCode, string(body), resp.Header
}

func (b *citizenBrowser) get(path string) (int, string, http.Header) {
	u := path
	if strings.HasPrefix(path, "/") {
		u = b.f.srv.URL + path
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return b.do(req)
}

func (b *citizenBrowser) post(path string, form url.Values) (int, string, http.Header) {
	if form.Get("csrf") == "" && b.csrf != "" {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// upload posts one file to a draft's document.
func (b *citizenBrowser) upload(draftPath string, doc int, name string, data []byte) (int, string, http.Header) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", b.csrf)
	mw.WriteField("doc", strconv.Itoa(doc))
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+draftPath+"/tep", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

var authorizeFormRe = regexp.MustCompile(`(?s)<form method="post" action="authorize">(.*?)</form>`)
var hiddenRe = regexp.MustCompile(`name="([^"]+)" value="([^"]*)"`)

// signIn goes through the e-ID simulator as the test citizen subject.
func (b *citizenBrowser) signIn(subject string) {
	b.f.t.Helper()
	code, _, h := b.get("/dang-nhap/vneid?next=/ho-so-cua-toi")
	if code != http.StatusFound {
		b.f.t.Fatalf("start sign-in: %d", code)
	}
	code, page, _ := b.get(h.Get("Location"))
	if code != http.StatusOK {
		b.f.t.Fatalf("authorize page: %d", code)
	}
	form := url.Values{}
	m := authorizeFormRe.FindStringSubmatch(page)
	if m == nil {
		b.f.t.Fatal("no authorize form")
	}
	for _, kv := range hiddenRe.FindAllStringSubmatch(m[1], -1) {
		form.Set(kv[1], html.UnescapeString(kv[2]))
	}
	form.Set("subject", subject)
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+"/idp-sim/authorize", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	code, _, h = b.do(req)
	if code != http.StatusFound {
		b.f.t.Fatalf("authorize: %d", code)
	}
	code, body, _ := b.get(h.Get("Location"))
	if code != http.StatusSeeOther {
		b.f.t.Fatalf("sign-in callback: %d %s", code, body)
	}
	if code, _, _ := b.get("/ho-so-cua-toi"); code != http.StatusOK {
		b.f.t.Fatalf("my dossiers after sign-in: %d", code)
	}
}
