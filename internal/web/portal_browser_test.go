package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// chromiumPath finds Debian's chromium. Without it the browser test skips
// with a message, except in CI (CI set), where it must run.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but chromium is not installed: the browser test must run in CI (apt-get install chromium)")
	}
	t.Skip("browser test skipped: chromium is not installed (apt-get install chromium); set CI=1 to make this a failure")
	return ""
}

// TestPortalInBrowser is the portal's acceptance test in headless
// Chromium on a phone-sized screen: a citizen finds a procedure, signs in
// through the e-ID simulator, files a dossier with uploads (and sees a
// lying file refused), pays through the payment simulator, gets the
// e-receipt, and looks the dossier up with its code and PIN. Screenshots go
// to a temporary directory and, when TUPHAP_SCREENSHOTS names a directory,
// there too. The buttons are pressed with the keyboard (Enter), as a
// keyboard user would.
func TestPortalInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newPortalFixture(t, sqlstore.SQLite)
	dir := t.TempDir()
	shots := []string{dir}
	if d := os.Getenv("TUPHAP_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shots = append(shots, d)
	}
	// Files the citizen uploads.
	pdf := filepath.Join(dir, "giay-de-nghi.pdf")
	jpg := filepath.Join(dir, "chung-chi.jpg")
	png := filepath.Join(dir, "tru-so.png")
	lying := filepath.Join(dir, "anh-chup.pdf") // a PNG named .pdf
	for p, b := range map[string][]byte{pdf: testPDF(), jpg: testImage(t, "jpeg"), png: testImage(t, "png"), lying: testImage(t, "png")} {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("lang", "vi"), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	n := 0
	shot := func(name string) {
		t.Helper()
		n++
		img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		for _, d := range shots {
			if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("%02d-%s.png", n, name)), img, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("%s (at %s): %v", what, loc, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	base := f.srv.URL

	// A phone: 412 × 915 CSS pixels.
	do("phone viewport", chromedp.EmulateViewport(412, 915))
	do("search the catalogue", chromedp.Navigate(base+"/thu-tuc"),
		chromedp.SendKeys(chromedp.ID("q"), "to chuc hanh nghe luat su"+kb.Enter),
		// Only the answer page has the query in the field's value attribute.
		chromedp.WaitVisible(chromedp.CSS(`input#q[value="to chuc hanh nghe luat su"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/thu-tuc/`+lawyerFirm+`"]`)))
	shot("tim-thu-tuc")
	do("open the procedure", chromedp.SendKeys(chromedp.CSS(`a[href="/thu-tuc/`+lawyerFirm+`"]`), kb.Enter), chromedp.WaitVisible(chromedp.ID("nop-truc-tuyen")))
	shot("thu-tuc")
	do("file online: asked to sign in", chromedp.SendKeys(chromedp.ID("nop-truc-tuyen"), kb.Enter), chromedp.WaitVisible(chromedp.ID("dang-nhap-vneid")))
	shot("dang-nhap")
	do("go to the e-ID", chromedp.SendKeys(chromedp.ID("dang-nhap-vneid"), kb.Enter), chromedp.WaitVisible(chromedp.ID("citizen-sim-0001")))
	shot("vneid-mo-phong")
	do("pick a citizen", chromedp.SendKeys(chromedp.ID("citizen-sim-0001"), kb.Enter), chromedp.WaitVisible(chromedp.ID("bat-dau")))
	if who := text(".pname"); who != "Nguyễn Văn An" {
		t.Fatalf("signed in as %q", who)
	}
	do("start the draft", chromedp.Click(chromedp.ID("bat-dau")), chromedp.WaitVisible(chromedp.ID("nop-ho-so")))

	// A lying file is refused with a clear message.
	do("upload a PNG named .pdf", chromedp.SetUploadFiles(chromedp.ID("file-0"), []string{lying}), chromedp.Click(chromedp.ID("upload-0")),
		chromedp.WaitVisible(chromedp.ID("loi")))
	if msg := text("#loi"); !strings.Contains(msg, "không khớp với nội dung") {
		t.Errorf("refusal message: %q", msg)
	}
	shot("tu-choi-tep")
	for _, up := range []struct {
		i    int
		path string
	}{{0, pdf}, {2, jpg}, {3, png}} {
		do(fmt.Sprintf("upload document %d", up.i), chromedp.SetUploadFiles(chromedp.ID(fmt.Sprintf("file-%d", up.i)), []string{up.path}),
			chromedp.Click(chromedp.ID(fmt.Sprintf("upload-%d", up.i))), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#doc-%d .pfiles li", up.i))))
	}
	do("contact details", chromedp.SendKeys(chromedp.ID("phone"), "0912345678"), chromedp.SendKeys(chromedp.ID("address"), "12 Lê Lợi, phường Cao Lãnh, tỉnh Đồng Tháp"))
	shot("khai-ho-so")
	do("submit (with the keyboard)", chromedp.SendKeys(chromedp.ID("nop-ho-so"), kb.Enter), chromedp.WaitVisible(chromedp.ID("trang-thai")))
	if st := text("#trang-thai"); st != "Mới đăng ký" {
		t.Errorf("status after submission: %q", st)
	}
	shot("da-nop")

	// The desk accepts the dossier (back office, in process).
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	id := loc[strings.LastIndex(loc, "/")+1:]
	d, err := f.dossiers.Accept(context.Background(), desk, f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	do("see the code", chromedp.Navigate(base+"/ho-so-cua-toi/"+d.Code), chromedp.WaitVisible(chromedp.ID("ma-tra-cuu")))
	code, pin := text("#ma-ho-so"), text("#ma-tra-cuu")
	if code != d.Code || pin != d.LookupPIN {
		t.Fatalf("page shows %q/%q, want %q/%q", code, pin, d.Code, d.LookupPIN)
	}
	do("pay", chromedp.SendKeys(chromedp.ID("thanh-toan"), kb.Enter), chromedp.WaitVisible(chromedp.ID("sim-pay")))
	if amount := text("#sim-amount"); amount != "50.000 đồng" {
		t.Errorf("amount at the gateway: %q", amount)
	}
	shot("cong-thanh-toan")
	do("confirm the payment", chromedp.SendKeys(chromedp.ID("sim-pay"), kb.Enter), chromedp.WaitVisible(chromedp.ID("bien-lai")))
	if amount := text("#so-tien"); amount != "50.000 đồng" {
		t.Errorf("receipt amount: %q", amount)
	}
	shot("bien-lai")
	do("my dossiers", chromedp.Navigate(base+"/ho-so-cua-toi/"+d.Code), chromedp.WaitVisible(chromedp.ID("da-thanh-toan")))
	shot("ho-so-da-thanh-toan")

	// Anyone with the slip looks it up, without signing in: a fresh tab
	// in a fresh browser context has no cookie.
	pctx, pcancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer pcancel()
	pctx, pcancel = context.WithTimeout(pctx, 60*time.Second)
	defer pcancel()
	if err := chromedp.Do(pctx, chromedp.EmulateViewport(412, 915), chromedp.Navigate(base+"/tra-cuu"),
		chromedp.SendKeys(chromedp.ID("ma"), code), chromedp.SendKeys(chromedp.ID("pin"), pin),
		chromedp.Click(chromedp.ID("tra-cuu")), chromedp.WaitVisible(chromedp.ID("ket-qua-tra-cuu"))); err != nil {
		t.Fatalf("look-up: %v", err)
	}
	got, err := chromedp.Run(pctx, chromedp.Text(chromedp.ID("ket-qua-tra-cuu")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Được tiếp nhận", "Ngày hẹn trả kết quả", "Đã thanh toán trực tuyến", code} {
		if !strings.Contains(got, want) {
			t.Errorf("look-up result lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "Nguyễn Văn An") {
		t.Error("the public look-up shows the applicant's name")
	}
	img, err := chromedp.Run(pctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	for _, dd := range shots {
		os.WriteFile(filepath.Join(dd, fmt.Sprintf("%02d-tra-cuu.png", n+1)), img, 0o644)
	}
	// A wrong PIN reveals nothing.
	if err := chromedp.Do(pctx, chromedp.Navigate(base+"/tra-cuu?ma="+code), chromedp.SendKeys(chromedp.ID("pin"), "999999x"),
		chromedp.Click(chromedp.ID("tra-cuu")), chromedp.WaitVisible(chromedp.ID("loi-tra-cuu"))); err != nil {
		t.Fatalf("look-up with a wrong PIN: %v", err)
	}
	n++

	// The result: processed, issued electronically and returned; the
	// citizen downloads it, rates the service, and anyone verifies it.
	director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
	for i := 0; i < 10 && d.Status != dossier.ResultReady; i++ {
		if d, err = f.dossiers.Act(context.Background(), director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := f.portal.IssueResult(context.Background(), director, f.tenant.ID, d.Code, "Giấy đăng ký hoạt động của tổ chức hành nghề luật sư", f.tenant.Name, testPDF())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.dossiers.Act(context.Background(), director, f.tenant.ID, d.ID, dossier.ActReturn, dossier.Input{}); err != nil {
		t.Fatal(err)
	}
	do("the returned dossier", chromedp.Navigate(base+"/ho-so-cua-toi/"+d.Code), chromedp.WaitVisible(chromedp.ID("gui-danh-gia")))
	shot("ket-qua-danh-gia")
	do("rate", chromedp.Click(chromedp.CSS(`input[name=satisfied][value=yes]`)), chromedp.SendKeys(chromedp.ID("comment"), "Nhanh, đúng hẹn, cán bộ hướng dẫn tận tình."),
		chromedp.SendKeys(chromedp.ID("gui-danh-gia"), kb.Enter), chromedp.WaitVisible(chromedp.CSS(".pflash")))
	if msg := text(".pflash"); !strings.Contains(msg, "Cảm ơn") {
		t.Errorf("after rating: %q", msg)
	}
	if err := chromedp.Do(pctx, chromedp.Navigate(base+"/xac-thuc/"+res.ID), chromedp.WaitVisible(chromedp.ID("sha256"))); err != nil {
		t.Fatalf("verification page: %v", err)
	}
	if sum, _ := chromedp.Run(pctx, chromedp.Text(chromedp.ID("sha256"))); sum != res.SHA256 {
		t.Errorf("verification page shows %q, want %q", sum, res.SHA256)
	}
	img, err = chromedp.Run(pctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	for _, dd := range shots {
		os.WriteFile(filepath.Join(dd, fmt.Sprintf("%02d-xac-thuc.png", n+1)), img, 0o644)
	}
	t.Logf("screenshots in %s", strings.Join(shots, ", "))
}
