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

	"tuphap/internal/sqlstore"
)

// TestLegalDocInBrowser walks a draft from request to appraisal report in
// headless Chromium: the specialist records the law book's fee resolution,
// receives a draft decision that amends it, finds the file incomplete,
// then complete (the due day appears), assigns it, writes and sends the
// appraisal report, records the drafting agency's response; then the
// decision, once issued, is entered and related to the resolution, whose
// validity turns "partly expired"; a citizen finds it on the public page
// typing without diacritics. Screens are shot at phone and desktop widths
// into a temporary directory and, when TUPHAP_SCREENSHOTS names one, there.
func TestLegalDocInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newLegalDocFixture(t, sqlstore.SQLite)
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
				os.WriteFile(filepath.Join(d, fmt.Sprintf("vb-%02d-%s-%s.png", n, name, w.tag)), img, 0o644)
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
					os.WriteFile(filepath.Join(d, "vb-failed.png"), img, 0o644)
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
	set := func(name, v string) chromedp.Action[chromedp.Void] {
		return chromedp.SetValue(chromedp.CSS(`[name=`+name+`]`), v)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	do("sign in", chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SetValue(chromedp.CSS(`[name=tenant]`), f.a.Code), chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "chuyenvien"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter), chromedp.WaitNotPresent(chromedp.CSS(`input[name=password]`)))

	// The law book: the fee resolution.
	do("new document", chromedp.Navigate(base+"/admin/van-ban/co-so-du-lieu/moi"), chromedp.WaitVisible(chromedp.CSS(`[name=number]`)),
		set("kind", "council_resolution"), set("number", "12/2024/NQ-HĐND"),
		set("title", "Quy định mức thu học phí đối với cơ sở giáo dục mầm non, phổ thông công lập năm học 2024-2025"),
		set("issuer", "HĐND tỉnh Đồng Tháp"), set("signed_on", "10/07/2024"), set("in_force_on", "01/08/2024"), set("field", "Giáo dục"),
		set("body", "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Mức thu học phí\nĐiều 3. Miễn, giảm học phí"),
		chromedp.Click(chromedp.CSS(`form[action$="/moi"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#hieu-luc`)))
	if s := text("#hieu-luc h2"); !strings.Contains(s, "Còn hiệu lực") {
		t.Errorf("a new resolution in force: %q", s)
	}
	shot("van-ban-moi")

	// A draft arrives.
	do("receive", chromedp.Navigate(base+"/admin/van-ban/du-thao/moi"), chromedp.WaitVisible(chromedp.CSS(`[name=title]`)),
		set("type", "appraisal"), set("draft_kind", "council_resolution"),
		set("title", "Dự thảo Nghị quyết sửa đổi Nghị quyết số 12/2024/NQ-HĐND về học phí"), set("agency", "Sở Giáo dục và Đào tạo"),
		set("request_no", "85/TTr-SGDĐT"), set("received_on", "16/02/2026"))
	shot("tiep-nhan")
	do("submit draft", chromedp.Click(chromedp.CSS(`form[action$="/du-thao/moi"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#kiem-tra-ho-so`)))
	// The page before the click already has a flash (the draft's
	// reception), so wait for the new status itself, not for a flash.
	do("incomplete", set("missing", "Báo cáo đánh giá tác động của chính sách"), chromedp.Click(chromedp.CSS(`form[action$="/bo-sung"] button`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Chờ bổ sung hồ sơ")]`)))
	do("complete", chromedp.SetValue(chromedp.CSS(`form[action$="/day-du"] [name=on]`), "18/02/2026"), chromedp.Click(chromedp.CSS(`form[action$="/day-du"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#han strong`)))
	if s := text("#han"); !strings.Contains(s, "02/03/2026") {
		t.Errorf("due day: %q", s)
	}
	shot("du-ho-so-tinh-han")
	do("assign", set("assigned_to", "Trần Thị Ngọc Hân"), chromedp.Click(chromedp.CSS(`form[action$="/phan-cong"] button`)), chromedp.WaitVisible(chromedp.CSS(`p.flash`)))
	// Let the assignment's redirect settle: a navigation started while it is
	// still loading is aborted (net::ERR_ABORTED) on a loaded machine.
	do("settle", chromedp.WaitReady(`body`), chromedp.Sleep(500*time.Millisecond))
	do("dashboard deadlines", chromedp.Navigate(base+"/admin/van-ban"), chromedp.WaitVisible(chromedp.CSS(`#han-tham-dinh`)))
	if s := text("#han-tham-dinh"); !strings.Contains(s, "học phí") {
		t.Errorf("dashboard deadlines: %q", s)
	}
	shot("tong-quan-han")
	do("back to the draft", chromedp.Navigate(base+"/admin/van-ban/du-thao?open=1"), chromedp.WaitVisible(chromedp.CSS(`table`)),
		chromedp.Click(chromedp.CSS(`table tbody a`)), chromedp.WaitVisible(chromedp.CSS(`#bao-cao`)))
	do("report", set("report_no", "52/BC-STP"), chromedp.SetValue(chromedp.CSS(`form[action$="/bao-cao"] [name=on]`), "02/03/2026"),
		set("findings", "Dự thảo bảo đảm tính hợp hiến, hợp pháp, thống nhất; đề nghị chỉnh lý Điều 2 về kỹ thuật trình bày."),
		set("conclusion", "Dự thảo đủ điều kiện trình HĐND tỉnh sau khi tiếp thu ý kiến thẩm định."))
	shot("bao-cao-tham-dinh")
	do("send report", chromedp.Click(chromedp.CSS(`form[action$="/bao-cao"] button`)), chromedp.WaitVisible(chromedp.CSS(`#tiep-thu`)))
	if s := text("dl.facts"); !strings.Contains(s, "52/BC-STP") || !strings.Contains(s, "Tải PDF") {
		t.Errorf("report facts: %q", s)
	}
	do("response", set("response", "Sở Giáo dục và Đào tạo đã tiếp thu, chỉnh lý Điều 2."), chromedp.Click(chromedp.CSS(`form[action$="/tiep-thu"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#tiep-thu`)))
	if s := text("h1"); !strings.Contains(s, "Đã tiếp thu, giải trình") {
		t.Errorf("after the response: %q", s)
	}
	shot("da-tiep-thu")

	// The resolution is issued and repeals Art. 3 of the old one.
	do("issued", chromedp.Navigate(base+"/admin/van-ban/co-so-du-lieu/moi"), chromedp.WaitVisible(chromedp.CSS(`[name=number]`)),
		set("kind", "council_resolution"), set("number", "03/2026/NQ-HĐND"), set("title", "Sửa đổi, bổ sung Nghị quyết số 12/2024/NQ-HĐND về học phí"),
		set("issuer", "HĐND tỉnh Đồng Tháp"), set("signed_on", "20/02/2026"), set("in_force_on", "01/03/2026"),
		chromedp.Click(chromedp.CSS(`form[action$="/moi"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#quan-he`)))
	do("relate", set("kind", "repeals"), set("target", "12/2024/NQ-HĐND"), set("articles", "Điều 3"),
		chromedp.Click(chromedp.CSS(`form[action$="/tac-dong"] button`)), chromedp.WaitVisible(chromedp.Search(`//section[@id="quan-he"]//td[contains(., "Bãi bỏ")]`)))
	do("the old resolution", chromedp.Navigate(base+"/admin/van-ban/co-so-du-lieu?q=hoc+phi+12%2F2024"), chromedp.WaitVisible(chromedp.CSS(`table`)))
	if s := text("table tbody"); !strings.Contains(s, "Hết hiệu lực một phần") {
		t.Errorf("the old resolution after the repeal: %q", s)
	}
	shot("co-so-du-lieu")

	// A citizen searches without diacritics.
	do("sign out", chromedp.Navigate(base+"/admin/"), chromedp.WaitVisible(chromedp.CSS(`form[action="/admin/logout"] button`)),
		chromedp.Click(chromedp.CSS(`form[action="/admin/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)))
	do("public", chromedp.Navigate(base+"/van-ban"), chromedp.WaitVisible(chromedp.CSS(`[name=q]`)))
	// The search's page loaded before its table is read: the page before
	// it may show a table too (a read there met a page being replaced).
	if _, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.CSS(`[name=q]`), "nghi quyet hoc phi"+kb.Enter)); err != nil {
		t.Fatalf("public search: %v", err)
	}
	do("public results", chromedp.WaitVisible(chromedp.CSS(`table tbody a`)))
	if s := text("table tbody"); !strings.Contains(s, "12/2024/NQ-HĐND") {
		t.Errorf("public search: %q", s)
	}
	shot("cong-dan-tra-cuu")
	do("public document", chromedp.Click(chromedp.CSS(`table tbody a`)), chromedp.WaitVisible(chromedp.CSS(`#hieu-luc`)))
	shot("cong-dan-van-ban")
}
