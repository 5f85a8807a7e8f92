package web_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/eid"
	"tuphap/internal/external/payment"
	"tuphap/internal/org"
	"tuphap/internal/portal"
	"tuphap/internal/sqlstore"
)

// nodeOrSkip finds node and npm. Without them the test skips, except in
// CI, where it must run.
func nodeOrSkip(t *testing.T) (node, npm string) {
	t.Helper()
	node, err1 := exec.LookPath("node")
	npm, err2 := exec.LookPath("npm")
	if err1 != nil || err2 != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but node/npm are not installed: the test against a real OpenID Provider must run in CI (apt-get install nodejs npm)")
		}
		t.Skip("skipped: node and npm are needed to run the real OpenID Provider (panva/oidc-provider); set CI=1 to make this a failure")
	}
	return node, npm
}

// peersDir installs the pinned npm packages of testdata/peers (the OpenID
// Provider, axe-core) with npm ci when they are missing or older than the
// lock file, and returns the directory.
func peersDir(t *testing.T) string {
	t.Helper()
	_, npm := nodeOrSkip(t)
	dir, err := filepath.Abs(filepath.Join("testdata", "peers"))
	if err != nil {
		t.Fatal(err)
	}
	lock, err := os.Stat(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	if inst, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json")); err != nil || inst.ModTime().Before(lock.ModTime()) {
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
		}
	}
	return dir
}

// startOpenIDProvider runs panva/oidc-provider (testdata/peers, pinned by
// its package-lock.json) for the relying party at rp, and returns its
// issuer, on another site (localhost, while the portal is 127.0.0.1).
func startOpenIDProvider(t *testing.T, rp, clientID, clientSecret string) string {
	t.Helper()
	node, _ := nodeOrSkip(t)
	dir := peersDir(t)
	cmd := exec.Command(node, "provider.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PORT=0", "RP="+rp, "CLIENT_ID="+clientID, "CLIENT_SECRET="+clientSecret)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if issuer, ok := strings.CutPrefix(sc.Text(), "ISSUER "); ok {
			go func() {
				for sc.Scan() {
				}
			}()
			return issuer
		}
	}
	t.Fatalf("the OpenID Provider did not start: %v", sc.Err())
	return ""
}

// TestPortalWithRealPeersInBrowser runs the portal in headless Chromium
// against peers nobody on the project wrote, each on another origin: a
// certified OpenID Provider with its default settings (the person's claims
// only at UserInfo, under names of its own; the assurance level asked with
// acr_values) and a payment gateway. The citizen clicks the portal's own
// buttons: signs in, pays, signs out, and the next sign-in asks for the
// credentials again; a person signed in at level 1 is refused.
func TestPortalWithRealPeersInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	nodeOrSkip(t)
	var gw *httptest.Server
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{Peers: func(base string) (eid.Provider, payment.Gateway) {
		issuer := startOpenIDProvider(t, base, "tuphap-portal", "client-secret-of-the-test")
		sim := &payment.Simulator{Secret: []byte(paySecret), NotifyURL: base + "/api/v1/payments/callback"}
		gw = httptest.NewServer(http.StripPrefix("/pay", sim))
		t.Cleanup(gw.Close)
		return &eid.OIDC{Issuer: issuer, ClientID: "tuphap-portal", ClientSecret: "client-secret-of-the-test", RedirectURL: base + "/dang-nhap/xong",
				Scopes: []string{"openid", "profile", "vneid"}, Claims: eid.ClaimNames{IDNumber: "so_dinh_danh"}, ACRValues: []string{"level2"}},
			&payment.HMACGateway{GatewayName: "cổng thanh toán", CheckoutAt: strings.Replace(gw.URL, "127.0.0.1", "localhost", 1) + "/pay/checkout", Secret: []byte(paySecret)}
	}})
	// A dossier of the citizen with a fee, accepted by the desk.
	ctx := context.Background()
	d, err := f.dossiers.Intake(ctx, dossier.Actor{ID: "citizen:x", Name: "Nguyễn Văn An", Role: "citizen"}, f.tenant.ID, dossier.IntakeRequest{
		Procedure: lawyerFirm, Channel: catalog.ChannelOnline, Delivery: portal.Deliveries[0],
		Applicant: dossier.Applicant{FullName: "Nguyễn Văn An", IDNumber: "001090012345", Phone: "0912345678", Address: "12 Lê Lợi"}})
	if err != nil {
		t.Fatal(err)
	}
	if d, err = f.dossiers.Accept(ctx, desk, f.tenant.ID, d.ID); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 90*time.Second)
	defer cancel()
	// Start the browser on bctx, so that a step's own timeout ends only
	// the step.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatal(err)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(bctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			loc, _ := chromedp.Run(bctx, chromedp.Location())
			body, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			t.Fatalf("%s (at %s): %v\npage: %s", what, loc, err, body)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	base := f.srv.URL
	signInAt := func(who string) {
		t.Helper()
		do("open the sign-in page", chromedp.Navigate(base+"/dang-nhap"), chromedp.WaitVisible(chromedp.ID("dang-nhap-vneid")))
		do("press the e-ID button: the provider asks who", chromedp.Click(chromedp.ID("dang-nhap-vneid")), chromedp.WaitVisible(chromedp.ID("op-login")))
		do("sign in at the provider", chromedp.SendKeys(chromedp.ID("op-id"), who), chromedp.Click(chromedp.ID("op-submit")),
			chromedp.WaitNotPresent(chromedp.ID("op-login")), chromedp.WaitReady(chromedp.CSS("main")))
	}

	signInAt("001090012345")
	do("signed in", chromedp.WaitVisible(chromedp.CSS(".pname")))
	if who := text(".pname"); who != "Nguyễn Văn An" {
		t.Fatalf("signed in as %q", who)
	}
	c, err := f.db.Dossiers().DossiersOf(ctx, f.tenant.ID, "001090012345", 10)
	if err != nil || len(c) != 1 {
		t.Fatalf("the citizen's dossiers: %v, %v", c, err)
	}

	// Pay through the gateway on its own origin.
	do("open the dossier", chromedp.Navigate(base+"/ho-so-cua-toi/"+d.Code), chromedp.WaitVisible(chromedp.ID("thanh-toan")))
	do("press pay: the gateway's page", chromedp.Click(chromedp.ID("thanh-toan")), chromedp.WaitVisible(chromedp.ID("sim-pay")))
	do("confirm at the gateway", chromedp.Click(chromedp.ID("sim-pay")), chromedp.WaitVisible(chromedp.ID("bien-lai")))
	if amount := text("#so-tien"); amount != "50.000 đồng" {
		t.Errorf("receipt amount: %q", amount)
	}

	// Sign out: the provider's session ends too (its confirmation page),
	// then the next sign-in asks for the credentials again.
	do("sign out", chromedp.Navigate(base+"/ho-so-cua-toi"), chromedp.WaitVisible(chromedp.ID("dang-xuat")), chromedp.Click(chromedp.ID("dang-xuat")),
		chromedp.WaitVisible(chromedp.CSS(`button[name="logout"]`)))
	do("confirm at the provider", chromedp.Click(chromedp.CSS(`button[name="logout"]`)), chromedp.WaitNotPresent(chromedp.CSS(`button[name="logout"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/thu-tuc"]`)))
	if loc, _ := chromedp.Run(bctx, chromedp.Location()); loc != base+"/" {
		t.Errorf("after signing out the browser is at %s, want the portal's home", loc)
	}
	// A person signed in only at level 1 is refused (acr checked).
	signInAt("048088007788")
	if got := text("main"); !strings.Contains(got, "Không xác thực được tài khoản định danh điện tử") {
		t.Errorf("level-1 sign-in: page says %q", got)
	}
	if n, _ := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(".pname").length`)); n != 0 {
		t.Error("a level-1 sign-in opened a session")
	}
}

// TestPagesPassAxe runs axe-core (Deque's accessibility engine) in headless
// Chromium on the statistics pages and the portal: no serious or critical
// finding (the charts were images without a name, with links inside).
func TestPagesPassAxe(t *testing.T) {
	chromium := chromiumPath(t)
	axe, err := os.ReadFile(filepath.Join(peersDir(t), "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	f := newAuthzFixture(t, sqlstore.SQLite)
	stat := f.person("A", org.Statistician)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(f.srv.URL+"/healthz")); err != nil {
		t.Fatal(err)
	}
	// The statistician's session, as the sign-in form would set it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie = "tuphap_session=`+stat.cookie+`; path=/"`)); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/admin/reports?from=2026-01-01&to=2026-12-31", "/admin/", "/thu-tuc", "/tra-cuu", "/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(f.srv.URL+path), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[string](string(axe)+`; axe.run({resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 2).map(n => n.html.slice(0, 120)).join(" | "))))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", path, err)
		}
		if res != "[]" {
			t.Errorf("%s: axe finds %s", path, res)
		}
		if d := os.Getenv("TUPHAP_SCREENSHOTS"); d != "" {
			img, _ := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			os.WriteFile(filepath.Join(d, "axe-"+strings.NewReplacer("/", "_", "?", "_").Replace(path)+".png"), img, 0o644)
		}
	}
}
