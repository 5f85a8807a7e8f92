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

	"tuphap/internal/practitioner"
	"tuphap/internal/sqlstore"
)

// TestPractitionerReportInBrowser walks the periodic report in headless
// Chromium: a notary office, holding the reporting code the department
// issued, files its six-month figures (form 10a/TP/CC) on the portal — a
// first attempt with col2 ≠ col3 + col5 is refused beside the field —;
// then the department's specialist sees who filed and who has not, the
// province's totals rolled up from what was filed, the office's history
// and the register's figures; a citizen finds the office in the public
// directory. Each screen is shot at phone (390) and desktop (1366) widths
// into a temporary directory and, when TUPHAP_SCREENSHOTS names one, there
// too.
func TestPractitionerReportInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newPractitionerFixture(t, sqlstore.SQLite)
	ctx0 := context.Background()
	svc := &practitioner.Service{Store: f.db.Practitioners(), Now: f.db.Now}
	sc := practitioner.Scope{TenantID: f.a.ID, ProvinceCode: "82"}
	a := practitioner.Actor{Name: "Chuyên viên Bổ trợ tư pháp"}
	on := time.Date(2019, 5, 10, 0, 0, 0, 0, time.UTC)
	office, err := svc.RegisterOrg(ctx0, a, sc, practitioner.Organisation{Kind: "notary_office", Name: "Văn phòng công chứng Sa Đéc",
		RegNo: "41.01/TP-CC", RegisteredOn: on, CommuneCode: "29905", Address: "45 Hùng Vương", Head: "Trần Thị Mai"},
		practitioner.Cause{DecisionNo: "125/QĐ-STP", DecisionOn: &on})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RegisterOrg(ctx0, a, sc, practitioner.Organisation{Kind: "notary_office", Name: "Văn phòng công chứng Mỹ Tho",
		RegNo: "41.02/TP-CC", RegisteredOn: on, CommuneCode: "28261", Address: "8 Ấp Bắc"}, practitioner.Cause{DecisionNo: "126/QĐ-STP", DecisionOn: &on}); err != nil {
		t.Fatal(err)
	}
	code, err := svc.IssueFilingKey(ctx0, a, sc, office.ID)
	if err != nil {
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
				os.WriteFile(filepath.Join(d, fmt.Sprintf("btp-%02d-%s-%s.png", n, name, w.tag)), img, 0o644)
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
					os.WriteFile(filepath.Join(d, "btp-failed.png"), img, 0o644)
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

	// The notary office files its six-month report on the portal.
	do("the filing form", chromedp.Navigate(base+"/to-chuc-hanh-nghe/bao-cao?linh-vuc=notary"), chromedp.WaitVisible(chromedp.CSS(`input[name=reg_no]`)))
	shot("to-chuc-bao-cao-trong")
	fill := func(c2 string) {
		t.Helper()
		do("fill the form",
			chromedp.SetValue(chromedp.CSS(`input[name=reg_no]`), "41.01/TP-CC"),
			chromedp.SetValue(chromedp.CSS(`input[name=code]`), code),
			chromedp.SetValue(chromedp.CSS(`select[name=period]`), "half"),
			chromedp.SetValue(chromedp.CSS(`input[name=c1]`), "3"),
			chromedp.SetValue(chromedp.CSS(`input[name=c2]`), c2),
			chromedp.SetValue(chromedp.CSS(`input[name=c3]`), "820"),
			chromedp.SetValue(chromedp.CSS(`input[name=c4]`), "35"),
			chromedp.SetValue(chromedp.CSS(`input[name=c5]`), "410"),
			chromedp.SetValue(chromedp.CSS(`input[name=c7]`), "430.500.000"),
			chromedp.SetValue(chromedp.CSS(`input[name=c11]`), "2.150"),
			chromedp.SetValue(chromedp.CSS(`input[name=c14]`), "312"))
	}
	fill("1200")
	do("submit the wrong figures", chromedp.Submit(chromedp.CSS(`input[name=c2]`)), chromedp.WaitVisible(chromedp.CSS(`.field-error`)))
	if e := text(`.field-error`); !strings.Contains(e, "Cột 2") {
		t.Errorf("the refusal says %q", e)
	}
	shot("to-chuc-bao-cao-sai")
	fill("1230")
	do("submit", chromedp.Submit(chromedp.CSS(`input[name=c2]`)), chromedp.WaitVisible(chromedp.ID("da-gui")))
	if s := text("#da-gui"); !strings.Contains(s, "Văn phòng công chứng Sa Đéc") || !strings.Contains(s, "Sơ bộ 6 tháng năm 2026") {
		t.Errorf("the receipt says %q", s)
	}
	if s := text("#cac-ky"); !strings.Contains(s, "Sơ bộ 6 tháng") || !strings.Contains(s, "Đã gửi") {
		t.Errorf("the office's reports after filing: %q", s)
	}
	shot("to-chuc-da-gui")
	// Later, the office looks up what it filed and what it still owes.
	do("the office's record", chromedp.Navigate(base+"/to-chuc-hanh-nghe/bao-cao?linh-vuc=notary"), chromedp.WaitVisible(chromedp.ID("xem-so")),
		chromedp.SetValue(chromedp.CSS(`#xem-so input[name=reg_no]`), "41.01/TP-CC"), chromedp.SetValue(chromedp.CSS(`#xem-so input[name=code]`), "SAI-MA-BAO-CAO"),
		chromedp.Submit(chromedp.CSS(`#xem-so input[name=code]`)), chromedp.WaitVisible(chromedp.CSS(`.field-error`)))
	do("with its code", chromedp.SetValue(chromedp.CSS(`#xem-so input[name=reg_no]`), "41.01/TP-CC"), chromedp.SetValue(chromedp.CSS(`#xem-so input[name=code]`), code),
		chromedp.Submit(chromedp.CSS(`#xem-so input[name=code]`)), chromedp.WaitVisible(chromedp.ID("so-bao-cao")))
	if s := text("#cac-ky"); !strings.Contains(s, "Đã gửi") || !strings.Contains(s, "Tròn năm") && !strings.Contains(s, "tròn năm") {
		t.Errorf("the office's record: %q", s)
	}
	shot("to-chuc-so-bao-cao")

	// The department sees who filed and the province's totals.
	do("sign in", chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SetValue(chromedp.CSS(`[name=tenant]`), f.a.Code), chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "bttp"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter), chromedp.WaitNotPresent(chromedp.CSS(`input[name=password]`)))
	do("roll-up", chromedp.Navigate(base+"/admin/bo-tro-tu-phap/bao-cao?profession=notary&year=2026&period=half"), chromedp.WaitVisible(chromedp.ID("tong-hop")))
	if s := text("#da-gui"); !strings.Contains(s, "1/2") {
		t.Errorf("filed: %q", s)
	}
	if s := text("#chua-gui"); !strings.Contains(s, "Mỹ Tho") {
		t.Errorf("missing: %q", s)
	}
	if s := text("#tong-hop"); !strings.Contains(s, "1.230") || !strings.Contains(s, "430.500.000") {
		t.Errorf("totals: %q", s)
	}
	shot("so-tong-hop")
	do("the office", chromedp.Navigate(base+"/admin/bo-tro-tu-phap/to-chuc/"+office.ID), chromedp.WaitVisible(chromedp.ID("lich-su")))
	if s := text("#bao-cao"); !strings.Contains(s, "Văn phòng công chứng Sa Đéc") {
		t.Errorf("the office's filings name %q", s)
	}
	shot("so-to-chuc")
	do("dashboard", chromedp.Navigate(base+"/admin/bo-tro-tu-phap"), chromedp.WaitVisible(chromedp.CSS("table.table")))
	shot("so-tong-quan")
	do("directory", chromedp.Navigate(base+"/to-chuc-hanh-nghe?q=sa+dec"), chromedp.WaitVisible(chromedp.CSS("table.table")))
	if s := text("table.table"); !strings.Contains(s, "Văn phòng công chứng Sa Đéc") || strings.Contains(s, "Trần Thị Mai") {
		t.Errorf("directory: %q", s)
	}
	shot("tra-cuu-cong-khai")
}
