package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tuphap/internal/demo"
	"tuphap/internal/emulation"
)

// TestEmulationInBrowser walks the office's year in headless Chromium over
// the demo's emulation data: the specialist of the office launches a
// movement, adds a CCHC task, evaluates a division and proposes it, the
// director decides; a "Dân vận khéo" model is registered and recognised
// and shows on the public page; the director writes the report's opening
// paragraph and generates the annual report, whose PDF pages are
// rasterised (pdftoppm) and kept beside the screens' shots. Screens are
// shot at desktop (1366) and phone (390) widths into a temporary directory
// and, when TUPHAP_SCREENSHOTS names one, there too.
func TestEmulationInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newEmulationFixture(t)
	if err := demo.LoadEmulation(context.Background(), &emulation.Service{Store: f.db.Emulation(), Par: emulation.DefaultParRule},
		f.a.ID, f.clock.Now(), io.Discard); err != nil {
		t.Fatal(err)
	}
	seedAnnualRegisters(t, f) // the report's other fields state their registers' figures
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
	ctx, cancel = context.WithTimeout(ctx, 240*time.Second)
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
				os.WriteFile(filepath.Join(d, fmt.Sprintf("emu-%02d-%s-%s.png", n, name, w.tag)), img, 0o644)
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
					os.WriteFile(filepath.Join(d, "emu-failed.png"), img, 0o644)
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
	signIn := func(tenant, user string) {
		t.Helper()
		do("sign in "+user, chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
			chromedp.SetValue(chromedp.CSS(`[name=tenant]`), tenant), chromedp.SendKeys(chromedp.CSS(`input[name=username]`), user),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter), chromedp.WaitNotPresent(chromedp.CSS(`input[name=password]`)))
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	signIn(f.a.Code, "vanphong")
	do("dashboard", chromedp.Navigate(base+"/admin/thi-dua"), chromedp.WaitVisible(chromedp.CSS("section.stats")))
	shot("tong-quan")
	do("launch a movement with a mistake", chromedp.SendKeys(chromedp.CSS(`input[name=theme]`), "Kỷ cương, liêm chính, hành động, sáng tạo, hiệu quả"),
		chromedp.SendKeys(chromedp.CSS(`input[name=from]`), "01/03/2026"), chromedp.SendKeys(chromedp.CSS(`input[name=to]`), "30/06/2026"),
		chromedp.Submit(chromedp.CSS(`input[name=theme]`)), chromedp.WaitVisible(chromedp.CSS(`.field-error`)))
	if e := text(".field-error"); !strings.Contains(e, "Tên phong trào không được để trống") {
		t.Errorf("the refused movement says %q", e)
	}
	shot("phong-trao-loi")
	do("launch it", chromedp.SendKeys(chromedp.CSS(`input[name=name]`), "Thi đua cao điểm chuyển đổi số quý II"),
		chromedp.Submit(chromedp.CSS(`input[name=name]`)), chromedp.WaitVisible(chromedp.CSS(`form[action$="/dang-ky"]`)))
	// A form posted back to its own page: the new page is waited for before
	// anything on it is read (a read or a screenshot of the page being
	// replaced waited until the test's deadline).
	submit := func(what, sel string) {
		t.Helper()
		if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(sel))); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	do("register a division", chromedp.SendKeys(chromedp.CSS(`form[action$="/dang-ky"] input[name=name]`), "Phòng Hành chính tư pháp"))
	submit("register a division", `form[action$="/dang-ky"] input[name=name]`)
	do("the division registered", chromedp.WaitVisible(chromedp.CSS(`table tbody tr td`)))
	shot("phong-trao")
	do("CCHC plan", chromedp.Navigate(base+"/admin/cchc?year=2026"), chromedp.WaitVisible(chromedp.CSS(`#tu-cham`)))
	if body := text("main"); !strings.Contains(body, "không hoàn thành") && !strings.Contains(body, "Quá hạn") {
		t.Log("no division fails its tasks yet on 02/03 (the demo's overdue task is due 30/6)")
	}
	shot("cchc")
	do("awards", chromedp.Navigate(base+"/admin/thi-dua/khen-thuong?year=2026"), chromedp.WaitVisible(chromedp.CSS(`#khen-thuong`)))
	shot("khen-thuong")
	do("recognise a model", chromedp.Navigate(base+"/admin/thi-dua/dan-van-kheo"), chromedp.WaitVisible(chromedp.CSS(`form[action$="/cong-nhan"]`)),
		chromedp.SendKeys(chromedp.CSS(`form[action$="/cong-nhan"] input[name=level]`), "Sở"),
		chromedp.SendKeys(chromedp.CSS(`form[action$="/cong-nhan"] input[name=decision_no]`), "9-QĐ/ĐU"))
	submit("recognise a model", `form[action$="/cong-nhan"] input[name=level]`)
	do("the model recognised", chromedp.WaitVisible(chromedp.CSS(`#tong-so`)))
	shot("dan-van-kheo")
	do("public page", chromedp.Navigate(base+"/dan-van-kheo/"+f.a.Code), chromedp.WaitVisible(chromedp.CSS(`article.card`)))
	shot("dan-van-kheo-cong-khai")

	do("sign out", chromedp.Click(chromedp.CSS(`form[action="/admin/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)))
	signIn(f.a.Code, "giamdoc")
	do("annual report", chromedp.Navigate(base+"/admin/bao-cao-nam?year=2026"), chromedp.WaitVisible(chromedp.CSS(`#linh-vuc-emulation`)))
	do("write the opening", chromedp.SendKeys(chromedp.CSS(`textarea[name=text_intro]`), "Năm 2026, Sở Tư pháp thực hiện nhiệm vụ trong bối cảnh chính quyền địa phương hai cấp."),
		chromedp.Submit(chromedp.CSS(`textarea[name=text_intro]`)), chromedp.WaitVisible(chromedp.CSS(`#linh-vuc-emulation`)))
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`textarea[name=text_intro]`))); err != nil || !strings.Contains(v, "hai cấp") {
		t.Errorf("the director's paragraph is not kept: %q %v", v, err)
	}
	shot("bao-cao-nam")
	do("a figure's drill-down", chromedp.Click(chromedp.CSS(`a[data-key=commendations]`)), chromedp.WaitVisible(chromedp.CSS(`#tong-so`)))
	shot("bao-cao-nam-so-lieu")

	// The PDF the director downloads, page by page.
	b := f.browser()
	b.mustLogin(f.a.Code, "giamdoc")
	resp, err := b.c.Get(base + "/admin/bao-cao-nam/xuat/pdf?year=2026&half=0")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("PDF: %v", err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	pdfPath := filepath.Join(dir, "bao-cao-nam-2026.pdf")
	os.WriteFile(pdfPath, pdf, 0o644)
	raster, err := exec.LookPath("pdftoppm")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but pdftoppm is not installed: the annual report's PDF pages must be looked at (apt-get install poppler-utils)")
		}
		t.Skip("pdftoppm not installed: the PDF pages are not rasterised")
	}
	if out, err := exec.Command(raster, "-r", "80", "-png", pdfPath, filepath.Join(dir, "emu-pdf")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "emu-pdf-*.png"))
	if len(pages) < 2 {
		t.Fatalf("the report has %d pages", len(pages))
	}
	for _, p := range pages {
		img, _ := os.ReadFile(p)
		for _, d := range shots[1:] {
			os.WriteFile(filepath.Join(d, filepath.Base(p)), img, 0o644)
		}
	}
}
