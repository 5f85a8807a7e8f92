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
)

// TestDisseminationInBrowser walks the legal dissemination register in
// headless Chromium: the justice officer of Phường Sa Đéc records a Law
// Day activity with the leaflets handed out, first with a mistake the form
// shows beside its field, then right; the commune's figures count it; the
// department's director sees it in the province's figures, by material
// and by commune. Screens are shot at phone and desktop widths into a
// temporary directory and, when TUPHAP_SCREENSHOTS names one, there too.
func TestDisseminationInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newDisseminationFixture(t)
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
	// shot keeps the screen at both widths, then returns to the desktop.
	shot := func(name string) {
		t.Helper()
		n++
		for _, w := range []struct {
			tag    string
			width  int64
			height int64
		}{{"phone", 390, 844}, {"desktop", 1366, 900}} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w.width, w.height)); err != nil {
				t.Fatal(err)
			}
			img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot %s: %v", name, err)
			}
			for _, d := range shots {
				os.WriteFile(filepath.Join(d, fmt.Sprintf("dis-%02d-%s-%s.png", n, name, w.tag)), img, 0o644)
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
					os.WriteFile(filepath.Join(d, "dis-failed.png"), img, 0o644)
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

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil { // starts the browser on ctx
		t.Fatal(err)
	}
	signIn(f.sadec.Code, "xa.sadec")
	do("dashboard", chromedp.Navigate(base+"/admin/pho-bien"), chromedp.WaitVisible(chromedp.CSS("section.stats")))
	if h := text("h1"); !strings.Contains(h, "Sa Đéc") {
		t.Errorf("the commune officer's dashboard names %q", h)
	}
	shot("xa-tong-quan-trong")
	do("new activity", chromedp.Click(chromedp.Search(`//a[contains(., "Ghi hoạt động")]`)), chromedp.WaitVisible(chromedp.CSS(`input[name=theme]`)))
	shot("xa-hoat-dong-moi")
	today := f.clock.Now().In(time.FixedZone("ICT", 7*3600)).Format("02/01/2006")
	// The channel is left unchosen: the form comes back with its message.
	do("a mistake", chromedp.SendKeys(chromedp.CSS(`input[name=theme]`), "Hưởng ứng Ngày Pháp luật: Luật Đất đai 2024"),
		chromedp.SendKeys(chromedp.CSS(`input[name=documents]`), "Luật Đất đai số 31/2024/QH15"),
		chromedp.SendKeys(chromedp.CSS(`input[name=audience]`), "Hội viên phụ nữ, nông dân"),
		chromedp.SendKeys(chromedp.CSS(`input[name=participants]`), "185"), chromedp.SendKeys(chromedp.CSS(`input[name=women]`), "120"),
		chromedp.SendKeys(chromedp.CSS(`input[name=handout_material]`), "Tờ gấp Luật Đất đai 2024"),
		chromedp.SendKeys(chromedp.CSS(`input[name=handout_copies]`), "400"),
		chromedp.Submit(chromedp.CSS(`input[name=theme]`)), chromedp.WaitVisible(chromedp.CSS(`.field-error`)))
	if s := text("form.cols"); !strings.Contains(s, "Chọn hình thức phổ biến.") {
		t.Errorf("the refused form does not say what is wrong: %q", s)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name=handout_copies]`))); v != "400" {
		t.Errorf("the refused form lost the copies: %q", v)
	}
	shot("xa-hoat-dong-loi")
	do("record it", chromedp.SetValue(chromedp.CSS(`select[name=channel]`), "in_person"),
		chromedp.Submit(chromedp.CSS(`input[name=theme]`)), chromedp.WaitVisible(chromedp.CSS(`dl.facts`)))
	if s := text("main"); !strings.Contains(s, "Tờ gấp Luật Đất đai 2024") || !strings.Contains(s, "400") || !strings.Contains(s, today) {
		t.Errorf("the activity's page: %q", s)
	}
	shot("xa-hoat-dong")
	do("commune figures", chromedp.Navigate(base+"/admin/pho-bien"), chromedp.WaitVisible(chromedp.CSS("#tai-lieu")))
	if s := text("section.stats"); !strings.Contains(s, "185") || !strings.Contains(s, "400") {
		t.Errorf("the commune's figures: %q", s)
	}
	shot("xa-thong-ke")

	do("sign out", chromedp.Submit(chromedp.CSS(`form[action="/admin/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)))
	signIn(f.a.Code, "giamdoc")
	do("province", chromedp.Navigate(base+"/admin/pho-bien"), chromedp.WaitVisible(chromedp.CSS("#theo-xa")))
	if h := text("h1"); !strings.Contains(h, "Toàn tỉnh") {
		t.Errorf("the director's dashboard is %q", h)
	}
	// Sa Đéc's 185 and Mỹ Tho's 70 participants; 400 leaflets.
	if s := text("section.stats"); !strings.Contains(s, "255") || !strings.Contains(s, "400") {
		t.Errorf("the province's figures: %q", s)
	}
	if s := text("#theo-xa"); !strings.Contains(s, "Sa Đéc") || !strings.Contains(s, "Mỹ Tho") {
		t.Errorf("by commune: %q", s)
	}
	shot("so-toan-tinh")
	do("drill down by material", chromedp.Click(chromedp.Search(`//section[@id="tai-lieu"]//a`)), chromedp.WaitVisible(chromedp.CSS(`table`)))
	if s := text("table"); !strings.Contains(s, "Luật Đất đai 2024") || strings.Contains(s, "khu phố 2") {
		t.Errorf("the material's activities: %q", s)
	}
	shot("so-theo-tai-lieu")
}
