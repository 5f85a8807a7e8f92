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

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// TestFollowUpScreensInBrowser drives the screens added after the portal
// in headless Chromium: the online judicial-record request on a police
// portal (phone), answering a supplement request and withdrawing from
// "Hồ sơ của tôi", the officers' result attachment (desktop) and the
// verification of a result by uploading the document. Screenshots go to a
// temporary directory and, when TUPHAP_SCREENSHOTS names one, there too.
func TestFollowUpScreensInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{Agency: catalog.AgencyProvincialPolice, JudicialRecord: true})
	ctx0 := context.Background()
	dir := t.TempDir()
	shots := []string{dir}
	if d := os.Getenv("TUPHAP_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shots = append(shots, d)
	}
	pdf := filepath.Join(dir, "ket-qua.pdf")
	tampered := filepath.Join(dir, "ket-qua-sua.pdf")
	os.WriteFile(pdf, testPDF(), 0o644)
	os.WriteFile(tampered, append(testPDF(), '\n'), 0o644)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("lang", "vi"), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	actx, cancel := chromedp.NewExecAllocator(ctx0, opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
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
			os.WriteFile(filepath.Join(d, fmt.Sprintf("%02d-%s.png", n, name)), img, 0o644)
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

	// A citizen asks the police for a judicial record certificate online.
	do("phone viewport", chromedp.EmulateViewport(412, 915))
	do("procedure page", chromedp.Navigate(base+"/thu-tuc/judicial_record.certificate_police"), chromedp.WaitVisible(chromedp.ID("nop-truc-tuyen")))
	do("asked to sign in", chromedp.SendKeys(chromedp.ID("nop-truc-tuyen"), kb.Enter), chromedp.WaitVisible(chromedp.ID("dang-nhap-vneid")))
	do("e-ID", chromedp.SendKeys(chromedp.ID("dang-nhap-vneid"), kb.Enter), chromedp.WaitVisible(chromedp.ID("citizen-sim-0001")))
	do("pick a citizen", chromedp.SendKeys(chromedp.ID("citizen-sim-0001"), kb.Enter), chromedp.WaitVisible(chromedp.ID("gui-yeu-cau")))
	shot("lltp-to-khai")
	do("for someone else", chromedp.Click(chromedp.ID("cho-nguoi-khac")), chromedp.WaitVisible(chromedp.ID("proxy_relation")))
	shot("lltp-uy-quyen")
	do("No. 2 by proxy", chromedp.Click(chromedp.CSS(`input[name=form][value="2"]`)),
		chromedp.SendKeys(chromedp.ID("purpose"), "Xin việc"), chromedp.SendKeys(chromedp.ID("full_name"), "Nguyễn Văn Bình"),
		chromedp.SendKeys(chromedp.ID("id_number"), "001060001234"), chromedp.SendKeys(chromedp.ID("birth_date"), "01/02/1960"),
		chromedp.SendKeys(chromedp.ID("birth_place"), "Đồng Tháp"), chromedp.SendKeys(chromedp.ID("permanent"), "12 Lê Lợi, Cao Lãnh"),
		chromedp.Click(chromedp.ID("gui-yeu-cau")), chromedp.WaitVisible(chromedp.ID("loi")))
	if msg := text("#loi"); !strings.Contains(msg, "Không được ủy quyền") {
		t.Errorf("refusal: %q", msg)
	}
	shot("lltp-tu-choi-phieu-2")
	do("for oneself, No. 1", chromedp.Click(chromedp.ID("cho-ban-than")), chromedp.Click(chromedp.CSS(`input[name=form][value="1"]`)),
		chromedp.Click(chromedp.ID("gui-yeu-cau")), chromedp.WaitVisible(chromedp.ID("trang-thai")))
	shot("lltp-da-nop")

	// A supplement request, answered from "Hồ sơ của tôi".
	d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
	director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
	d, err := f.dossiers.Act(ctx0, director, f.tenant.ID, d.ID, dossier.ActRequestSupplement,
		dossier.Input{Reason: "Thiếu bản sao Chứng chỉ hành nghề luật sư", Items: []string{"Bản sao Chứng chỉ hành nghề luật sư"}})
	if err != nil {
		t.Fatal(err)
	}
	do("supplement page", chromedp.Navigate(base+"/ho-so-cua-toi/"+d.Code), chromedp.WaitVisible(chromedp.ID("bo-sung")))
	shot("bo-sung")
	do("upload", chromedp.SetUploadFiles(chromedp.ID("file-bo-sung"), []string{pdf}), chromedp.Click(chromedp.ID("tai-bo-sung")),
		chromedp.WaitVisible(chromedp.CSS("#tep-bo-sung li")))
	do("send", chromedp.Click(chromedp.ID("gui-bo-sung")), chromedp.WaitNotPresent(chromedp.ID("gui-bo-sung")), chromedp.WaitVisible(chromedp.ID("trang-thai")))
	if st := text("#trang-thai"); st != dossier.Processing.Name() {
		t.Errorf("after the supplement: %q", st)
	}
	do("open withdrawal", chromedp.Click(chromedp.CSS("#rut-ho-so summary")), chromedp.WaitVisible(chromedp.ID("reason")))
	shot("rut-ho-so")

	// The unit's work is done (the result is ready); the desk attaches the
	// electronic result on a desktop screen.
	for i := 0; d.Status != dossier.ResultReady && i < 10; i++ {
		if d, err = f.dossiers.Act(ctx0, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
			t.Fatal(err)
		}
	}
	do("desktop", chromedp.EmulateViewport(1280, 900))
	do("officer sign-in", chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SetValue(chromedp.CSS(`input[name=tenant]`), "STP-A"), chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "clerk"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter), chromedp.WaitNotPresent(chromedp.CSS(`input[name=password]`)))
	do("dossier page", chromedp.Navigate(base+"/admin/dossiers/"+d.Code), chromedp.WaitVisible(chromedp.CSS("#ket-qua summary")),
		chromedp.Click(chromedp.CSS("#ket-qua summary")), chromedp.WaitVisible(chromedp.CSS(`#ket-qua input[name=title]`)))
	shot("can-bo-dinh-kem")
	do("attach", chromedp.SendKeys(chromedp.CSS(`#ket-qua input[name=title]`), "Giấy đăng ký hoạt động"),
		chromedp.SetUploadFiles(chromedp.CSS(`#ket-qua input[type=file]`), []string{pdf}),
		chromedp.Submit(chromedp.CSS(`#ket-qua form`)), chromedp.WaitVisible(chromedp.CSS(`code.hash`)))
	shot("can-bo-da-dinh-kem")
	res, _ := f.portal.Store.Results(ctx0, f.tenant.ID, d.ID)
	if len(res) != 1 {
		t.Fatalf("%d results", len(res))
	}

	// Anyone verifies it by uploading the file (phone).
	do("phone again", chromedp.EmulateViewport(412, 915))
	do("verify the genuine file", chromedp.Navigate(base+"/xac-thuc/"+res[0].ID), chromedp.WaitVisible(chromedp.ID("file-doi-chieu")),
		chromedp.SetUploadFiles(chromedp.ID("file-doi-chieu"), []string{pdf}), chromedp.Click(chromedp.ID("doi-chieu-tep")),
		chromedp.WaitVisible(chromedp.ID("ket-qua-doi-chieu")))
	if got := text("#ket-qua-doi-chieu"); !strings.HasPrefix(got, "Khớp") {
		t.Errorf("genuine file: %q", got)
	}
	shot("xac-thuc-khop")
	do("verify a changed file", chromedp.Navigate(base+"/xac-thuc/"+res[0].ID), chromedp.WaitVisible(chromedp.ID("file-doi-chieu")),
		chromedp.SetUploadFiles(chromedp.ID("file-doi-chieu"), []string{tampered}), chromedp.Click(chromedp.ID("doi-chieu-tep")),
		chromedp.WaitVisible(chromedp.ID("ket-qua-doi-chieu")))
	if got := text("#ket-qua-doi-chieu"); !strings.HasPrefix(got, "Không khớp") {
		t.Errorf("changed file: %q", got)
	}
	shot("xac-thuc-khong-khop")
	t.Logf("screenshots in %s", strings.Join(shots, ", "))
}
