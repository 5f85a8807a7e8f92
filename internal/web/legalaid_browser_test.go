package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tuphap/internal/sqlstore"
)

// TestLegalAidInBrowser walks the legal-aid register in headless
// Chromium: a citizen signs in with the e-ID, asks for legal aid online
// with a proof document and gets a reference and PIN; the centre's officer
// checks the proof, accepts the request (file code), is refused an
// out-of-contract collaborator, assigns the contracted lawyer, notes
// progress, closes the case and records its quality review; the citizen
// sees the closed case; the dashboard counts it with drill-down. Each
// screen is shot at phone (390) and desktop (1366) widths into a temporary
// directory and, when TUPHAP_SCREENSHOTS names one, there too.
func TestLegalAidInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{LegalAid: true})
	laSetup(t, f)
	dir := t.TempDir()
	shots := []string{dir}
	if d := os.Getenv("TUPHAP_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shots = append(shots, d)
	}
	proof := filepath.Join(dir, "giay-chung-nhan-ho-ngheo.pdf")
	os.WriteFile(proof, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o644)
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
				os.WriteFile(filepath.Join(d, fmt.Sprintf("tgpl-%02d-%s-%s.png", n, name, w.tag)), img, 0o644)
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
					os.WriteFile(filepath.Join(d, "tgpl-failed.png"), img, 0o644)
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
	// clickLink follows the first link whose text contains s.
	clickLink := func(s string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`[...document.querySelectorAll("a")].find(a => a.textContent.includes(%q)).click()`, s))
	}
	base := f.srv.URL
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}

	// The citizen.
	do("legal-aid page", chromedp.Navigate(base+"/tro-giup-phap-ly"), chromedp.WaitVisible(chromedp.CSS("h1")))
	shot("cong-gioi-thieu")
	do("sign in", chromedp.Navigate(base+"/dang-nhap/vneid?next=/tro-giup-phap-ly/yeu-cau"), chromedp.WaitVisible(chromedp.ID("citizen-sim-0001")))
	do("pick a citizen", chromedp.SendKeys(chromedp.ID("citizen-sim-0001"), kb.Enter), chromedp.WaitVisible(chromedp.CSS(".pname")))
	do("request form", chromedp.Navigate(base+"/tro-giup-phap-ly/yeu-cau"), chromedp.WaitVisible(chromedp.ID("gui-yeu-cau")))
	do("send it empty", chromedp.Click(chromedp.ID("gui-yeu-cau")), chromedp.WaitVisible(chromedp.CSS(".field-error")))
	shot("cong-loi")
	do("fill the request", chromedp.SetValue(chromedp.ID("group"), "K2"), chromedp.SetValue(chromedp.ID("form"), "TV"),
		chromedp.SetValue(chromedp.ID("field"), "land"),
		chromedp.SendKeys(chromedp.ID("summary"), "Hàng xóm lấn ranh giới đất, tôi cần được tư vấn cách giải quyết."),
		chromedp.SendKeys(chromedp.ID("phone"), "0912345678"), chromedp.SendKeys(chromedp.ID("other"), "Đinh Văn Lân"),
		chromedp.SendKeys(chromedp.ID("proofs"), "Giấy chứng nhận hộ nghèo năm 2026"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{proof}))
	shot("cong-yeu-cau")
	do("send", chromedp.Click(chromedp.ID("gui-yeu-cau")), chromedp.WaitVisible(chromedp.ID("ma-tra-cuu")))
	ref, pin := text("#so-tham-chieu"), text("#ma-tra-cuu")
	if !regexp.MustCompile(`^TGPL-\d{4}-[0-9A-Z]{8}$`).MatchString(ref) || len(pin) != 6 {
		t.Fatalf("reference %q, PIN %q", ref, pin)
	}
	shot("cong-da-gui")

	// The centre's officer.
	do("officer sign-in", chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SetValue(chromedp.CSS(`[name=tenant]`), "STP-A"), chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "tgv"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter), chromedp.WaitNotPresent(chromedp.CSS(`input[name=password]`)))
	do("the book", chromedp.Navigate(base+"/admin/tro-giup-phap-ly/vu-viec"), chromedp.WaitVisible(chromedp.CSS("table")))
	shot("so-vu-viec")
	do("open the request", clickLink(ref), chromedp.WaitVisible(chromedp.ID("thu-ly")))
	shot("yeu-cau-moi")
	do("accept without checked proof", chromedp.Click(chromedp.CSS(`#thu-ly button.primary`)), chromedp.WaitVisible(chromedp.CSS("p.error")))
	if msg := text("p.error"); !strings.Contains(msg, "giấy tờ chứng minh") {
		t.Errorf("acceptance without proof: %q", msg)
	}
	do("proof checked", chromedp.Click(chromedp.ID("nhan-giay-to")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	do("accept", chromedp.Click(chromedp.CSS(`#thu-ly button.primary`)), chromedp.WaitVisible(chromedp.ID("phan-cong")))
	if h := text("h1"); !strings.Contains(h, "TT.TV.01.2026") {
		t.Fatalf("no file code after acceptance: %q", h)
	}
	shot("da-thu-ly")
	// The collaborator's decision has ended: refused with the reason.
	var expired string
	do("pick the out-of-contract collaborator", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("select[name=provider_id]");
		for (const o of s.options) if (o.text.includes("Hết Hạn")) { s.value = o.value; } })()`),
		chromedp.Click(chromedp.CSS(`#phan-cong button`)), chromedp.WaitVisible(chromedp.CSS(".field-error")))
	if expired = text(".field-error"); !strings.Contains(expired, "ngoài thời hạn") {
		t.Errorf("out-of-contract provider: %q", expired)
	}
	shot("phan-cong-ngoai-han")
	do("assign the lawyer", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("select[name=provider_id]");
		for (const o of s.options) if (o.text.includes("Khang")) { s.value = o.value; } })()`),
		chromedp.Click(chromedp.CSS(`#phan-cong button`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	do("settle", chromedp.WaitReady(`body`), chromedp.Sleep(500*time.Millisecond))
	do("note", chromedp.SendKeys(chromedp.CSS(`#ghi-chep input[name=note]`), "Đã tư vấn trực tiếp, hướng dẫn thủ tục hòa giải tại xã."),
		chromedp.Click(chromedp.CSS(`#ghi-chep button`)), chromedp.WaitVisible(chromedp.Search(`//li[contains(., "hướng dẫn thủ tục hòa giải tại xã")] | //td[contains(., "hướng dẫn thủ tục hòa giải tại xã")] | //p[contains(., "hướng dẫn thủ tục hòa giải tại xã")]`)))
	// The page after each step already shows a flash: let the last
	// redirect settle before the next form (a click during a load is lost
	// on a loaded machine).
	do("settle", chromedp.WaitReady(`body`), chromedp.Sleep(500*time.Millisecond))
	do("close", chromedp.Evaluate[chromedp.Void](`document.querySelector("#ket-thuc select[name=result]").value = "advised"`),
		chromedp.Click(chromedp.CSS(`#ket-thuc button`)), chromedp.WaitVisible(chromedp.CSS(`#danh-gia button`)))
	shot("da-ket-thuc")
	do("assess", chromedp.Evaluate[chromedp.Void](`document.querySelector("#danh-gia select[name=method]").value = "peer"; document.querySelector("#danh-gia select[name=rating]").value = "good"`),
		chromedp.SendKeys(chromedp.CSS(`#danh-gia input[name=by]`), "Giám đốc Trung tâm"),
		chromedp.Click(chromedp.CSS(`#danh-gia button`)), chromedp.WaitVisible(chromedp.CSS(`#thu-lao button`)))
	if facts := text("dl.facts"); !strings.Contains(facts, "Tốt") || !strings.Contains(facts, "Luật sư Võ Minh Khang") {
		t.Errorf("the closed case's facts: %q", facts)
	}
	shot("da-danh-gia")
	do("dashboard", chromedp.Navigate(base+"/admin/tro-giup-phap-ly"), chromedp.WaitVisible(chromedp.CSS("section.stats")))
	shot("tong-quan")
	do("drill down to the closed", clickLink("Đã kết thúc"), chromedp.WaitVisible(chromedp.CSS("table")))
	if body := text("table"); !strings.Contains(body, "TT.TV.01.2026") {
		t.Errorf("drill-down of closed cases: %q", body)
	}
	do("providers", chromedp.Navigate(base+"/admin/tro-giup-phap-ly/nguoi-thuc-hien"), chromedp.WaitVisible(chromedp.CSS("table")))
	shot("nguoi-thuc-hien")

	// The citizen follows the request.
	do("my requests", chromedp.Navigate(base+"/tro-giup-phap-ly"), chromedp.WaitVisible(chromedp.ID("yeu-cau-cua-toi")))
	do("open mine", clickLink(ref), chromedp.WaitVisible(chromedp.ID("trang-thai-tgpl")))
	if st := text("#trang-thai-tgpl"); st != "Đã kết thúc" {
		t.Errorf("the citizen sees %q", st)
	}
	shot("cong-ket-thuc")
	do("look-up by PIN", chromedp.Navigate(base+"/tro-giup-phap-ly"), chromedp.WaitVisible(chromedp.ID("ref")),
		chromedp.SendKeys(chromedp.ID("ref"), ref), chromedp.SendKeys(chromedp.ID("pin"), pin), chromedp.Click(chromedp.ID("tra-cuu-tgpl")),
		chromedp.WaitVisible(chromedp.ID("ket-qua-tgpl")))
	shot("cong-tra-cuu")
}
