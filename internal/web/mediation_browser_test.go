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

// TestMediationInBrowser walks the grassroots mediation register in
// headless Chromium: the justice officer of Phường Sa Đéc (a commune
// tenant attached to the department) adds a team, sees its warnings go as
// three mediators are recognised, records a case from intake to a
// successful end with its agreement; then the department's director reads
// the province's figures (the case counted, the rate with its numerator and
// denominator, the ranking of communes) and drills down to the case. Each
// screen is shot at desktop (1366) and phone (390) widths into a temporary
// directory and, when TUPHAP_SCREENSHOTS names one, there too.
func TestMediationInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newMediationFixture(t, sqlstore.SQLite)
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
				os.WriteFile(filepath.Join(d, fmt.Sprintf("med-%02d-%s-%s.png", n, name, w.tag)), img, 0o644)
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
					os.WriteFile(filepath.Join(d, "med-failed.png"), img, 0o644)
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

	// The commune officer of Sa Đéc adds a team.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil { // starts the browser on ctx
		t.Fatal(err)
	}
	signIn(f.sadec.Code, "xa.sadec")
	do("dashboard", chromedp.Navigate(base+"/admin/hoa-giai"), chromedp.WaitVisible(chromedp.CSS("section.stats")))
	if h := text("h1"); !strings.Contains(h, "Sa Đéc") {
		t.Errorf("the commune officer's dashboard names %q", h)
	}
	shot("xa-tong-quan")
	do("teams", chromedp.Navigate(base+"/admin/hoa-giai/to"), chromedp.WaitVisible(chromedp.CSS(`form input[name=name]`)))
	shot("xa-to-trong")
	do("add a team", chromedp.SendKeys(chromedp.CSS(`input[name=name]`), "Tổ hòa giải khóm 1"),
		chromedp.SendKeys(chromedp.CSS(`input[name=grassroots]`), "Khóm 1"),
		chromedp.Submit(chromedp.CSS(`input[name=name]`)), chromedp.WaitVisible(chromedp.CSS(`input[name=full_name]`)))
	warnings := func() int {
		t.Helper()
		k, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("p.warn").length`))
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	if k := warnings(); k == 0 {
		t.Error("a new team with no mediators shows no warning")
	}
	shot("xa-to-moi")
	mediators := []struct{ name, sex, year, no string }{
		{"Nguyễn Thị Hoa", "female", "1972", "15/QĐ-UBND"},
		{"Trần Văn Bé", "male", "1968", "16/QĐ-UBND"},
		{"Lê Văn Sáu", "male", "1980", "17/QĐ-UBND"},
	}
	before := warnings()
	for i, m := range mediators {
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.CSS(`input[name=full_name]`), m.name),
			chromedp.SetValue(chromedp.CSS(`select[name=sex]`), m.sex),
			chromedp.SendKeys(chromedp.CSS(`input[name=birth_year]`), m.year),
			chromedp.SendKeys(chromedp.CSS(`input[name=recognised_no]`), m.no),
			chromedp.SendKeys(chromedp.CSS(`input[name=recognised_on]`), "15/01/2026"),
		}
		if i == 0 {
			steps = append(steps, chromedp.Click(chromedp.CSS(`input[name=leader]`)), chromedp.Click(chromedp.CSS(`input[name=legal_training]`)))
		}
		steps = append(steps, chromedp.Submit(chromedp.CSS(`input[name=full_name]`)),
			chromedp.WaitVisible(chromedp.Search(fmt.Sprintf(`//td[contains(., %q)]`, m.name))))
		do("recognise "+m.name, steps...)
		after := warnings()
		if i < 2 && after == 0 {
			t.Errorf("a team of %d mediators shows no warning", i+1)
		}
		if after > before {
			t.Errorf("warnings grew from %d to %d after recognising %s", before, after, m.name)
		}
		before = after
	}
	if k := warnings(); k != 0 {
		t.Errorf("a lawful team still shows %d warnings", k)
	}
	shot("xa-to-du-3")

	// A case from intake to a successful end.
	do("new case", chromedp.Click(chromedp.Search(`//a[contains(., "Ghi vụ việc")]`)), chromedp.WaitVisible(chromedp.CSS(`select[name=kind]`)))
	received, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name=received_on]`)))
	if err != nil {
		t.Fatal(err)
	}
	if received != "02/03/2026" {
		t.Errorf("the new case's day of intake is %q, want today 02/03/2026", received)
	}
	shot("xa-vu-viec-moi")
	do("record the case", chromedp.SetValue(chromedp.CSS(`select[name=kind]`), "land"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=summary]`), "Tranh chấp ranh giới đất giữa hai hộ liền kề"),
		chromedp.SendKeys(chromedp.CSS(`input[name=party1]`), "Võ Văn Một"), chromedp.SendKeys(chromedp.CSS(`input[name=party2]`), "Đặng Thị Hai"),
		chromedp.Submit(chromedp.CSS(`select[name=kind]`)), chromedp.WaitVisible(chromedp.CSS(`input[name=mediator]`)))
	shot("xa-vu-viec-dang-hoa-giai")
	caseURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	do("end it", chromedp.Click(chromedp.CSS(`input[name=mediator]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=started_on]`), "02/03/2026"),
		chromedp.SetValue(chromedp.CSS(`select[name=outcome]`), "successful"),
		chromedp.SendKeys(chromedp.CSS(`input[name=ended_on]`), "02/03/2026"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=agreement]`), "Hai hộ thống nhất cắm mốc ranh giới theo bản đồ địa chính"),
		chromedp.Submit(chromedp.CSS(`select[name=outcome]`)), chromedp.WaitVisible(chromedp.CSS(`input[name=payment_vnd]`)))
	if s := text("main"); !strings.Contains(s, "Hòa giải thành") {
		t.Errorf("the ended case does not say it succeeded")
	}
	shot("xa-vu-viec-thanh")

	// A mediation club and its first meeting.
	do("clubs", chromedp.Navigate(base+"/admin/hoa-giai/clb"), chromedp.WaitVisible(chromedp.CSS(`input[name=founded_on]`)))
	do("add a club", chromedp.SendKeys(chromedp.CSS(`input[name=name]`), "Câu lạc bộ hòa giải khóm 1"),
		chromedp.SendKeys(chromedp.CSS(`input[name=founded_no]`), "25/QĐ-UBND"), chromedp.SendKeys(chromedp.CSS(`input[name=founded_on]`), "10/01/2026"),
		chromedp.SendKeys(chromedp.CSS(`input[name=members]`), "20"), chromedp.SendKeys(chromedp.CSS(`input[name=women]`), "8"),
		chromedp.Submit(chromedp.CSS(`input[name=name]`)), chromedp.WaitVisible(chromedp.CSS(`input[name=topic]`)))
	do("a meeting", chromedp.SendKeys(chromedp.CSS(`input[name=topic]`), "Tìm hiểu Luật Đất đai 2024"),
		chromedp.SendKeys(chromedp.CSS(`input[name=participants]`), "35"), chromedp.Submit(chromedp.CSS(`input[name=topic]`)),
		chromedp.WaitVisible(chromedp.Search(`//td[contains(., "Tìm hiểu Luật Đất đai")]`)))
	shot("xa-cau-lac-bo")

	// The department's director reads the province's figures.
	do("sign out", chromedp.Submit(chromedp.CSS(`form[action="/admin/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)))
	signIn(f.a.Code, "giamdoc")
	do("province", chromedp.Navigate(base+"/admin/hoa-giai"), chromedp.WaitVisible(chromedp.CSS("p.rate")))
	if h := text("h1"); !strings.Contains(h, "Toàn tỉnh") {
		t.Errorf("the director's dashboard is %q", h)
	}
	// Mỹ Tho's case (in progress) and Sa Đéc's (successful): 1 of 2.
	if r := text("p.rate"); !strings.Contains(r, "50,0%") || !strings.Contains(r, "1 thành / 2 vụ việc thụ lý") {
		t.Errorf("rate: %q", r)
	}
	if s := text("section.stats"); !strings.Contains(s, "2\nVụ việc thụ lý") && !strings.Contains(s, "2 Vụ việc thụ lý") {
		t.Logf("figures: %q", s)
	}
	shot("so-toan-tinh")
	first := text(`#xep-hang tbody tr:first-child td:nth-child(2)`)
	if !strings.Contains(first, "Sa Đéc") {
		t.Errorf("ranked first: %q, want Phường Sa Đéc (100%%)", first)
	}
	do("drill down", chromedp.Click(chromedp.Search(`//a[contains(., "Sa Đéc")]`)),
		chromedp.WaitVisible(chromedp.Search(`//td[contains(., "Võ Văn Một") or contains(., "Tranh chấp ranh giới")] | //a[contains(., "Tranh chấp")]`)))
	shot("so-danh-sach-xa")
	do("open the case", chromedp.Navigate(caseURL), chromedp.WaitVisible(chromedp.CSS("h1")))
	if s := text("main"); !strings.Contains(s, "cắm mốc ranh giới") {
		t.Error("the director does not see the agreement")
	}
	shot("so-vu-viec")

	// At the counter, the applicant's commune is suggested as the clerk
	// types it without diacritics.
	do("sign out", chromedp.Submit(chromedp.CSS(`form[action="/admin/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)))
	signIn(f.a.Code, "clerk")
	do("counter", chromedp.Navigate(base+"/admin/reception?procedure=notary.appointment"), chromedp.WaitVisible(chromedp.CSS(`input[name=commune]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=commune]`), "sa dec"), chromedp.WaitReady(chromedp.CSS(`#goi-y-xa option`)))
	opt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#goi-y-xa option").value`))
	if err != nil || opt != "Phường Sa Đéc, Tỉnh Đồng Tháp (29905)" {
		t.Errorf("suggestion %q %v", opt, err)
	}
	shot("mot-cua-dia-chi-xa")
}
