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

// deskBrowser is a headless Chromium on a 1366×900 desktop, saving
// screenshots to a temporary directory and, when TUPHAP_SCREENSHOTS names
// one, there too (under prefix).
type deskBrowser struct {
	t     *testing.T
	ctx   context.Context
	shots []string
	n     int
	name  string
}

func newDeskBrowser(t *testing.T, name string) *deskBrowser {
	chromium := chromiumPath(t)
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
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	b := &deskBrowser{t: t, ctx: ctx, shots: shots, name: name}
	b.do("desktop viewport", chromedp.EmulateViewport(1366, 900))
	return b
}

func (b *deskBrowser) shot(name string) {
	b.t.Helper()
	b.n++
	img, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	for _, d := range b.shots {
		os.WriteFile(filepath.Join(d, fmt.Sprintf("%s-%02d-%s.png", b.name, b.n, name)), img, 0o644)
	}
}

func (b *deskBrowser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		loc, _ := chromedp.Run(b.ctx, chromedp.Location())
		b.t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

func (b *deskBrowser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *deskBrowser) login(base, user string) {
	b.t.Helper()
	b.do("sign in as "+user, chromedp.Navigate(base+"/admin/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), user),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/logout"], form[action="/admin/logout"]`)))
}

// deskData is a tenant with a few dossiers, one of them withdrawn.
func deskData(t *testing.T, f *fixture) []string {
	tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for i, who := range []string{"Lê Hoàng Phúc", "Đỗ Thị Hoa", "Trần Văn Bảy", "Nguyễn Thị Hồng Nhung"} {
		body := fmt.Sprintf(`{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":%q,"id_number":"08209200778%d"}}`, who, i)
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body)
		if code != 201 {
			t.Fatalf("intake: %d %v", code, res)
		}
		codes = append(codes, res["code"].(string))
	}
	if code, res := api(t, f, "POST", "/api/v1/dossiers/"+codes[2]+"/withdraw", tok, `{"reason":"Người nộp xin rút hồ sơ"}`); code != 200 {
		t.Fatalf("withdraw: %d %v", code, res)
	}
	return codes
}

// TestClerksMorningInBrowser is the persona "clerk's morning" (issue 14):
// the reception clerk opens the queue, finds a withdrawn dossier by the
// applicant's name typed without diacritics, receives a returning
// applicant found by ID number, and gets the slips for an incomplete
// dossier instead of an accepted one.
func TestClerksMorningInBrowser(t *testing.T) {
	f := newFixture(t, sqlstore.SQLite)
	codes := deskData(t, f)
	b := newDeskBrowser(t, "clerk")
	base := f.srv.URL
	b.login(base, "clerk")
	b.do("the queue", chromedp.Navigate(base+"/admin/dossiers"), chromedp.WaitVisible(chromedp.CSS("table.table")))
	b.shot("hang-doi")
	b.do("search by name without diacritics", chromedp.Navigate(base+"/admin/dossiers?tab=search"),
		chromedp.WaitVisible(chromedp.ID("tim-ho-so")),
		chromedp.SendKeys(chromedp.CSS(`#tim-ho-so input[name=q]`), "tran van"+kb.Enter),
		// Only the answer page has the query in the field's value attribute.
		chromedp.WaitVisible(chromedp.CSS(`#tim-ho-so input[name=q][value="tran van"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/dossiers/`+codes[2]+`"]`)))
	if body := b.text("table.table tbody"); !strings.Contains(body, "Công dân yêu cầu rút hồ sơ") || strings.Contains(body, codes[0]) {
		t.Errorf("search result: %s", body)
	}
	b.shot("tim-kiem")
	b.do("a returning applicant", chromedp.Navigate(base+"/admin/reception?procedure=notary.appointment"),
		chromedp.WaitVisible(chromedp.ID("tim-nguoi-nop")),
		chromedp.SendKeys(chromedp.CSS(`#tim-nguoi-nop input[name=id]`), "082092007780"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#tim-nguoi-nop input[name=id][value="082092007780"]`)),
		chromedp.WaitVisible(chromedp.ID("ho-so-truoc")))
	if s := b.text("#ho-so-truoc"); !strings.Contains(s, codes[0]) {
		t.Errorf("earlier dossiers: %s", s)
	}
	b.shot("nguoi-nop-cu")
	// Submit without ticking the documents: not accepted, the slips offered.
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelectorAll('input[type=checkbox][name^=doc]').forEach(c => c.checked = false); true`)); err != nil {
		t.Fatal(err)
	}
	b.do("submit", chromedp.Click(chromedp.CSS(`form[action="/admin/reception"][method=post] button.primary`)),
		chromedp.WaitVisible(chromedp.ID("phieu-chua-du")))
	b.shot("chua-du-thanh-phan")
}

// TestDirectorsMonthlyReportInBrowser is the persona "director's monthly
// report" (issue 14): the director opens this month's figures, and the
// Excel and PDF links carry the month on screen, not the year to date.
func TestDirectorsMonthlyReportInBrowser(t *testing.T) {
	f := newFixture(t, sqlstore.SQLite)
	f.addOfficer(t, "giamdoc", org.Director, "")
	deskData(t, f)
	b := newDeskBrowser(t, "director")
	base := f.srv.URL
	b.login(base, "giamdoc")
	b.do("this month", chromedp.Navigate(base+"/admin/reports"), chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/reports?period=month"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/admin/reports?period=month"]`)), chromedp.WaitVisible(chromedp.CSS(`a[aria-current=page][href="/admin/reports?period=month"]`)))
	b.shot("bao-cao-thang")
	for _, format := range []string{"xlsx", "pdf"} {
		res, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(`a[href^="/admin/reports/export/`+format+`"]`), "href"))
		if err != nil {
			t.Fatalf("the %s link: %v", format, err)
		}
		href := res.Value
		if !strings.Contains(href, "from=2026-03-01") || !strings.Contains(href, "to=2026-03-02") {
			t.Errorf("%s link %q does not carry this month", format, href)
		}
	}
	b.do("the audit log by officer", chromedp.Navigate(base+"/admin/audit?actor=clerk"), chromedp.WaitVisible(chromedp.ID("loc-nhat-ky")))
	b.shot("nhat-ky-loc")
}
