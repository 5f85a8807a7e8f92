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
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// TestPetitionInBrowser walks a complaint in headless Chromium: a citizen
// signs in with the e-ID simulator and files a second complaint on the
// portal (code and PIN); the specialist accepts it (the deadline shows both
// the Law's 10 days and Decree 155/2026's 7 working days), is refused a
// decision without the mandatory dialogue, records the dialogue and the
// decision; the citizen follows the petition by code and PIN and reads the
// decision. Screens are shot at phone and desktop widths into a temporary
// directory and, when TUPHAP_SCREENSHOTS names one, there too.
func TestPetitionInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{Petitions: true})
	f.clock.Set(time.Date(2026, 7, 6, 2, 0, 0, 0, time.UTC)) // Monday 6/7/2026
	division, err := f.org.CreateUnit(context.Background(), audit.System, org.Unit{TenantID: f.tenant.ID, Code: "TTRA", Name: "Thanh tra Sở", Kind: org.Division})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.org.CreateOfficer(context.Background(), audit.System,
		org.Officer{TenantID: f.tenant.ID, Username: "chuyenvien", FullName: "Lê Văn Chuyên", Role: org.Specialist, UnitID: division.ID}, password); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	shots := []string{dir}
	if d := os.Getenv("TUPHAP_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shots = append(shots, d)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("lang", "vi"), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 180*time.Second)
	defer cancel()
	n := 0
	shot := func(name string) {
		t.Helper()
		n++
		for _, w := range []struct {
			tag           string
			width, height int64
		}{{"phone", 390, 844}, {"desktop", 1366, 900}} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w.width, w.height)); err != nil {
				t.Fatal(err)
			}
			img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot %s: %v", name, err)
			}
			for _, d := range shots {
				os.WriteFile(filepath.Join(d, fmt.Sprintf("pet-%02d-%s-%s.png", n, name, w.tag)), img, 0o644)
			}
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			if img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
				for _, d := range shots {
					os.WriteFile(filepath.Join(d, "pet-failed.png"), img, 0o644)
				}
			}
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
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}

	// The citizen files a second complaint on the portal.
	do("portal form: asked to sign in", chromedp.Navigate(base+"/don-thu"), chromedp.WaitVisible(chromedp.ID("dang-nhap-vneid")))
	do("e-ID", chromedp.SendKeys(chromedp.ID("dang-nhap-vneid"), kb.Enter), chromedp.WaitVisible(chromedp.ID("citizen-sim-0001")))
	do("pick a citizen", chromedp.SendKeys(chromedp.ID("citizen-sim-0001"), kb.Enter), chromedp.WaitVisible(chromedp.ID("gui-don")))
	shot("cong-dan-mau-don")
	do("file", chromedp.Click(chromedp.CSS(`input[name=kind][value=complaint]`)),
		chromedp.SetValue(chromedp.ID("noi-dung-don"), "Khiếu nại lần hai đối với Quyết định số 12/QĐ-STP về xử phạt vi phạm hành chính trong lĩnh vực hộ tịch"),
		chromedp.SendKeys(chromedp.ID("dia-chi"), "Ấp 3, xã Tân Phú"), chromedp.Click(chromedp.CSS(`input[name=instance]`)),
		chromedp.Click(chromedp.ID("gui-don")), chromedp.WaitVisible(chromedp.ID("ma-don")))
	code, pin := text("#ma-don"), text("#pin-don")
	if !strings.HasPrefix(code, "KN-2026-") || len(pin) != 6 {
		t.Fatalf("receipt %q %q", code, pin)
	}
	shot("cong-dan-bien-nhan")

	// The specialist accepts it.
	signIn := func(user string) {
		t.Helper()
		do("sign in "+user, chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
			chromedp.SetValue(chromedp.CSS(`[name=tenant]`), "STP-A"), chromedp.SendKeys(chromedp.CSS(`input[name=username]`), user),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter), chromedp.WaitNotPresent(chromedp.CSS(`input[name=password]`)))
	}
	signIn("chuyenvien")
	do("the book", chromedp.Navigate(base+"/admin/don-thu/so"), chromedp.WaitVisible(chromedp.Search(`//a[contains(., "`+code+`")]`)))
	shot("so-don")
	do("open it", chromedp.Click(chromedp.Search(`//a[contains(., "`+code+`")]`)), chromedp.WaitVisible(chromedp.ID("deadline")))
	if s := text("#deadline"); !strings.Contains(s, "15/07/2026") || !strings.Contains(s, "155/2026") || !strings.Contains(s, "16/07/2026") {
		t.Errorf("acceptance deadline: %q", s)
	}
	shot("don-moi-thoi-han")
	do("accept", chromedp.SetValue(chromedp.CSS(`select[name=handling]`), "accept"), chromedp.Submit(chromedp.CSS(`select[name=handling]`)),
		chromedp.WaitVisible(chromedp.ID("resolve-form")))
	if s := text("#deadline"); !strings.Contains(s, "Giải quyết khiếu nại lần hai") || !strings.Contains(s, "20/08/2026") {
		t.Errorf("second-instance deadline (45 days from 6/7 → Thu 20/8): %q", s)
	}
	shot("da-thu-ly")
	petURL, _ := chromedp.Run(ctx, chromedp.Location())

	// Five weeks later: no decision without a dialogue, then the dialogue
	// and the decision.
	f.clock.Set(time.Date(2026, 8, 10, 2, 0, 0, 0, time.UTC))
	signIn("chuyenvien")
	do("back to it", chromedp.Navigate(petURL), chromedp.WaitVisible(chromedp.ID("resolve-form")))
	do("decide without dialogue", chromedp.SetValue(chromedp.CSS(`#resolve-form select[name=conclusion]`), "partly_right"),
		chromedp.SendKeys(chromedp.CSS(`#resolve-form textarea[name=text]`), "Khiếu nại đúng một phần"),
		chromedp.Submit(chromedp.CSS(`#resolve-form select[name=conclusion]`)), chromedp.WaitVisible(chromedp.CSS(`p.error`)))
	if s := text("p.error"); !strings.Contains(s, "đối thoại") {
		t.Errorf("refusal: %q", s)
	}
	shot("thieu-doi-thoai")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("details").forEach(d => d.open = true); true`)); err != nil {
		t.Fatal(err)
	}
	do("dialogue",
		chromedp.SetValue(chromedp.CSS(`#dialogue-form input[name=notice_on]`), "30/07/2026"),
		chromedp.SetValue(chromedp.CSS(`#dialogue-form input[name=on]`), "05/08/2026"),
		chromedp.SendKeys(chromedp.CSS(`#dialogue-form textarea[name=text]`), "Người khiếu nại trình bày; Thanh tra Sở báo cáo kết quả xác minh; hai bên thống nhất một phần"),
		chromedp.Submit(chromedp.CSS(`#dialogue-form textarea[name=text]`)), chromedp.WaitVisible(chromedp.Search(`//p[contains(., "Đối thoại ngày 05/08/2026")]`)))
	do("decide", chromedp.SetValue(chromedp.CSS(`#resolve-form select[name=conclusion]`), "partly_right"),
		chromedp.SendKeys(chromedp.CSS(`#resolve-form input[name=decision_no]`), "25/QĐ-STP"),
		chromedp.SendKeys(chromedp.CSS(`#resolve-form textarea[name=text]`), "Hủy một phần Quyết định số 12/QĐ-STP; giữ nguyên mức phạt cảnh cáo"),
		chromedp.Submit(chromedp.CSS(`#resolve-form select[name=conclusion]`)), chromedp.WaitVisible(chromedp.Search(`//strong[@id="status" and contains(., "Đã giải quyết")]`)))
	shot("da-giai-quyet")

	// The citizen follows it by code and PIN and reads the decision.
	do("look-up", chromedp.Navigate(base+"/tra-cuu-don"), chromedp.WaitVisible(chromedp.ID("ma")),
		chromedp.SendKeys(chromedp.ID("ma"), code), chromedp.SendKeys(chromedp.ID("pin"), pin+kb.Enter), chromedp.WaitVisible(chromedp.ID("quyet-dinh")))
	if s := text("#quyet-dinh"); !strings.Contains(s, "Đúng một phần") || !strings.Contains(s, "giữ nguyên mức phạt cảnh cáo") {
		t.Errorf("the citizen's decision: %q", s)
	}
	shot("cong-dan-quyet-dinh")
	// The decision downloads as a PDF, by the look-up's code and PIN and
	// from the signed-in citizen's own page; a wrong PIN gets nothing.
	fetchPDF := func(js string) string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	form := `new URLSearchParams(new FormData(document.getElementById("tai-quyet-dinh").form))`
	if got := fetchPDF(`fetch("/tra-cuu-don/quyet-dinh", {method: "POST", body: ` + form + `}).then(async r => r.status + " " + r.headers.get("content-type") + " " + (await r.text()).slice(0, 5))`); got != "200 application/pdf %PDF-" {
		t.Errorf("download by code and PIN: %q", got)
	}
	if got := fetchPDF(`(() => { const f = ` + form + `; f.set("pin", "000000"); return fetch("/tra-cuu-don/quyet-dinh", {method: "POST", body: f}).then(r => String(r.status)) })()`); got != "404" {
		t.Errorf("download with a wrong PIN: %q", got)
	}
	// Months later the citizen's session has ended: they sign in again.
	do("sign in again", chromedp.Navigate(base+"/don-thu"), chromedp.WaitVisible(chromedp.ID("dang-nhap-vneid")),
		chromedp.SendKeys(chromedp.ID("dang-nhap-vneid"), kb.Enter), chromedp.WaitVisible(chromedp.ID("citizen-sim-0001")),
		chromedp.SendKeys(chromedp.ID("citizen-sim-0001"), kb.Enter), chromedp.WaitVisible(chromedp.ID("gui-don")))
	do("their petition", chromedp.Navigate(base+"/don-thu/"+code), chromedp.WaitVisible(chromedp.ID("tai-quyet-dinh")))
	shot("cong-dan-tai-quyet-dinh")
	if got := fetchPDF(`fetch(document.getElementById("tai-quyet-dinh").href).then(r => r.status + " " + r.headers.get("content-type"))`); got != "200 application/pdf" {
		t.Errorf("download from the citizen's own page: %q", got)
	}
}
