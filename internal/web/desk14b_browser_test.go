package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tuphap/internal/audit"
	"tuphap/internal/demo"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// chrome is one headless Chromium for a browser test, with screenshots
// kept in a temporary directory and in TUPHAP_SCREENSHOTS when set; its
// time-out is 90 s for the whole test.
type chrome struct {
	t     *testing.T
	ctx   context.Context
	shots []string
	n     int
	name  string
}

func newChrome(t *testing.T, name string, flags ...chromedp.ExecAllocatorOption) *chrome {
	t.Helper()
	path := chromiumPath(t)
	dir := t.TempDir()
	c := &chrome{t: t, shots: []string{dir}, name: name}
	if d := os.Getenv("TUPHAP_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		c.shots = append(c.shots, d)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("lang", "en-US"), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	opts = append(opts, flags...) // a test's own, after the defaults they replace (a Vietnamese browser)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	c.ctx = ctx
	return c
}

func (c *chrome) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	if err := chromedp.Do(c.ctx, steps...); err != nil {
		loc, _ := chromedp.Run(c.ctx, chromedp.Location())
		c.t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

func (c *chrome) text(sel string) string {
	c.t.Helper()
	s, err := chromedp.Run(c.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		c.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// eval runs a JavaScript expression giving a number.
func (c *chrome) eval(expr string) float64 {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[float64](expr))
	if err != nil {
		c.t.Fatalf("eval %s: %v", expr, err)
	}
	return v
}

func (c *chrome) shot(name string) {
	c.t.Helper()
	c.n++
	img, err := chromedp.Run(c.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		c.t.Fatalf("screenshot %s: %v", name, err)
	}
	for _, d := range c.shots {
		if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("%s-%02d-%s.png", c.name, c.n, name)), img, 0o644); err != nil {
			c.t.Fatal(err)
		}
	}
}

// noSideScroll fails when the page is wider than the screen: a phone user
// would have to scroll the whole page sideways.
func (c *chrome) noSideScroll(where string) {
	c.t.Helper()
	if w, vw := c.eval("document.documentElement.scrollWidth"), c.eval("window.innerWidth"); w > vw+1 {
		c.t.Errorf("%s: the page is %v px wide on a %v px screen", where, w, vw)
	}
}

// TestCitizenOnPhone is the citizen's persona on a 390 × 844 phone (issue
// 14): an English-language browser, a procedure with its blank form, the
// filing page keeping what was typed through an upload, a short reference
// at once, a look-up that never puts the PIN in the address, and a
// mistyped address that leads somewhere.
func TestCitizenOnPhone(t *testing.T) {
	f := newPortalFixture(t, sqlstore.SQLite)
	c := newChrome(t, "cong-dan")
	dir := t.TempDir()
	pdf := filepath.Join(dir, "don.pdf")
	if err := os.WriteFile(pdf, testPDF(), 0o644); err != nil {
		t.Fatal(err)
	}
	base := f.srv.URL
	c.do("phone viewport", chromedp.EmulateViewport(390, 844))
	c.do("the procedure", chromedp.Navigate(base+"/thu-tuc/"+lawyerFirm), chromedp.WaitVisible(chromedp.ID("nop-truc-tuyen")))
	if body := c.text("main"); strings.Contains(body, "rà soát") || !strings.Contains(body, "Căn cứ pháp lý") || !strings.Contains(body, "tải mẫu") {
		t.Error("the procedure page shows review notes, or lacks its legal basis or the blank form's link")
	}
	c.noSideScroll("procedure")
	c.shot("thu-tuc")
	c.do("sign in", chromedp.SendKeys(chromedp.ID("nop-truc-tuyen"), kb.Enter), chromedp.WaitVisible(chromedp.ID("dang-nhap-vneid")),
		chromedp.SendKeys(chromedp.ID("dang-nhap-vneid"), kb.Enter), chromedp.WaitVisible(chromedp.ID("citizen-sim-0001")),
		chromedp.SendKeys(chromedp.ID("citizen-sim-0001"), kb.Enter), chromedp.WaitVisible(chromedp.ID("bat-dau")),
		chromedp.Click(chromedp.ID("bat-dau")), chromedp.WaitVisible(chromedp.ID("nop-ho-so")))
	c.do("type, then upload", chromedp.SendKeys(chromedp.ID("phone"), "0912345678"), chromedp.SendKeys(chromedp.ID("address"), "12 Lê Lợi, phường Cao Lãnh"),
		chromedp.SetUploadFiles(chromedp.ID("file-0"), []string{pdf}), chromedp.Click(chromedp.ID("upload-0")),
		chromedp.WaitVisible(chromedp.CSS("#doc-0 .pfiles li")))
	phone, _ := chromedp.Run(c.ctx, chromedp.Value(chromedp.ID("phone")))
	address, _ := chromedp.Run(c.ctx, chromedp.Value(chromedp.ID("address")))
	if phone != "0912345678" || address != "12 Lê Lợi, phường Cao Lãnh" {
		t.Errorf("after the upload the form holds %q, %q", phone, address)
	}
	c.noSideScroll("filing")
	c.shot("khai-sau-khi-tai-tep")
	for _, i := range []int{2, 3} {
		c.do("upload", chromedp.SetUploadFiles(chromedp.ID(fmt.Sprintf("file-%d", i)), []string{pdf}), chromedp.Click(chromedp.ID(fmt.Sprintf("upload-%d", i))),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#doc-%d .pfiles li", i))))
	}
	c.do("submit", chromedp.Click(chromedp.ID("nop-ho-so")), chromedp.WaitVisible(chromedp.ID("so-tham-chieu")))
	if ref := c.text("#so-tham-chieu"); len(ref) != 12 || !strings.HasPrefix(ref, "HS-") {
		t.Errorf("reference given at once: %q", ref)
	}
	c.noSideScroll("submitted")
	c.shot("da-nop")

	loc, _ := chromedp.Run(c.ctx, chromedp.Location())
	d, err := f.dossiers.Accept(context.Background(), desk, f.tenant.ID, loc[strings.LastIndex(loc, "/")+1:])
	if err != nil {
		t.Fatal(err)
	}
	// The QR's address fills in the code; the PIN is typed and posted.
	c.do("look up", chromedp.Navigate(base+"/tra-cuu?ma="+d.Code), chromedp.WaitVisible(chromedp.ID("pin")),
		chromedp.SendKeys(chromedp.ID("pin"), d.LookupPIN), chromedp.Click(chromedp.ID("tra-cuu")), chromedp.WaitVisible(chromedp.ID("ket-qua-tra-cuu")))
	if loc, _ := chromedp.Run(c.ctx, chromedp.Location()); strings.Contains(loc, d.LookupPIN) {
		t.Errorf("the PIN is in the address: %s", loc)
	}
	c.noSideScroll("look-up")
	c.shot("tra-cuu")
	c.do("a mistyped address", chromedp.Navigate(base+"/ho-so-cua-toi/khong-co"), chromedp.WaitVisible(chromedp.ID("di-tiep")))
	c.noSideScroll("error page")
	c.shot("loi-404")
	c.do("leads on", chromedp.Click(chromedp.CSS(`#di-tiep a[href="/ho-so-cua-toi"]`)), chromedp.WaitVisible(chromedp.ID("ds-ho-so")))
	if !strings.Contains(c.text("#ds-ho-so"), d.Code) {
		t.Error("my dossiers lack the dossier")
	}
}

// signInOfficer signs an officer in through the sign-in form.
func (c *chrome) signInOfficer(base, tenant, user string) {
	c.t.Helper()
	c.do("sign in "+user, chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`[name="username"]`)),
		chromedp.SetValue(chromedp.CSS(`[name="tenant"]`), tenant), chromedp.SendKeys(chromedp.CSS(`[name="username"]`), user),
		chromedp.SendKeys(chromedp.CSS(`[name="password"]`), password+kb.Enter), chromedp.WaitVisible(chromedp.ID("co-quan")))
}

// TestBackOfficeWidths: the director's menu stays on one line at 1366 px,
// and the back office's tables scroll inside their frame on a phone
// instead of widening the page (issue 14, item 13).
func TestBackOfficeWidths(t *testing.T) {
	f := newFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	// The demo department's long name, as a real one would be.
	ten, err := f.orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-DT", Name: demo.Tenant.Name, AgencyID: "000.00.00.H87", ProvinceCode: "87"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, u := range demo.Units {
		u.TenantID = ten.ID
		u, err := f.orgSvc.CreateUnit(ctx, audit.System, u)
		if err != nil {
			t.Fatal(err)
		}
		ids[u.Code] = u.ID
	}
	for _, o := range demo.Officers {
		o.TenantID, o.UnitID = ten.ID, ids[o.UnitID]
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	c := newChrome(t, "van-phong")
	base := f.srv.URL
	c.do("desktop", chromedp.EmulateViewport(1366, 900))
	c.signInOfficer(base, "STP-DT", "giamdoc")
	// Every item of the bar on one line: the same top, and the bar no
	// taller than one row.
	tops := c.eval(`new Set([...document.querySelectorAll(".nav > a, .nav > details > summary")].map(e => Math.round(e.getBoundingClientRect().top))).size`)
	if tops != 1 {
		t.Errorf("the director's menu spans %v lines at 1366 px", tops)
	}
	if h := c.eval(`document.querySelector(".top-inner").getBoundingClientRect().height`); h > 80 {
		t.Errorf("the header is %v px tall at 1366 px: it wraps", h)
	}
	c.shot("giam-doc-1366")
	for _, w := range []struct {
		path string
		name string
	}{{"/admin/", "tong-quan"}, {"/admin/officers", "can-bo"}, {"/admin/units", "don-vi"}, {"/admin/audit", "nhat-ky"}, {"/admin/dossiers", "ho-so"}} {
		c.do("phone "+w.path, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+w.path), chromedp.WaitVisible(chromedp.ID("co-quan")))
		c.noSideScroll(w.path + " on a phone")
		c.shot("dien-thoai-" + w.name)
	}
}
