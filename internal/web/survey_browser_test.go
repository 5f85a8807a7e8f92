package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// TestSurveyInBrowser: an applicant without an account opens the
// satisfaction survey with the receipt's code and PIN, answers it with the
// mouse and sends it; the director then reads the quarter's results per
// unit and the 766 table on the reports page. Screenshots as the other
// browser tests (TUPHAP_SCREENSHOTS).
func TestSurveyInBrowser(t *testing.T) {
	f := newPortalFixture(t, sqlstore.SQLite)
	if _, err := f.org.CreateOfficer(context.Background(), audit.System,
		org.Officer{TenantID: f.tenant.ID, Username: "giamdoc", FullName: "Trần Thị Hạnh", Role: org.Director}, password); err != nil {
		t.Fatal(err)
	}
	d := returnedDossier(t, f)
	c := newChrome(t, "survey", chromedp.Flag("lang", "vi"))
	ctx, do, shot := c.ctx, c.do, c.shot
	base := f.srv.URL
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(412, 915)); err != nil {
		t.Fatal(err)
	}
	do("open the survey", chromedp.Navigate(base+"/khao-sat?ma="+d.Code), chromedp.WaitVisible(chromedp.ID("pin")),
		chromedp.SendKeys(chromedp.ID("pin"), d.LookupPIN), chromedp.Click(chromedp.ID("mo-phieu")), chromedp.WaitVisible(chromedp.ID("phieu-khao-sat")))
	shot("phieu")
	var clicks []chromedp.Action[chromedp.Void]
	for q, v := range map[string]string{"access.1": "4", "procedure.1": "5", "officer.1": "5", "officer.2": "4", "result.1": "3", "feedback.1": "4"} {
		clicks = append(clicks, chromedp.Click(chromedp.CSS(`input[name="q.`+q+`"][value="`+v+`"]`)))
	}
	do("answer", clicks...)
	do("send", chromedp.SendKeys(chromedp.ID("comment"), "Cán bộ hướng dẫn tận tình."),
		chromedp.Click(chromedp.ID("gui-khao-sat")), chromedp.WaitVisible(chromedp.ID("cam-on-khao-sat")))
	shot("cam-on")

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	do("sign in", chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SetValue(chromedp.CSS(`[name=tenant]`), "STP-A"), chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "giamdoc"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password+kb.Enter), chromedp.WaitNotPresent(chromedp.CSS(`input[name=password]`)))
	do("reports", chromedp.Navigate(base+"/admin/reports"), chromedp.WaitVisible(chromedp.ID("chi-so-766")), chromedp.ScrollIntoView(chromedp.ID("chi-so-766")))
	shot("chi-so-766")
	do("results", chromedp.Click(chromedp.CSS(`#khao-sat-hai-long a`)), chromedp.WaitVisible(chromedp.ID("ket-qua-khao-sat")))
	idx, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("chi-so-hai-long")))
	// access 100, procedure 100, officer 100, result 0, feedback 100: 80%.
	if err != nil || !strings.HasPrefix(idx, "80") {
		t.Errorf("the satisfaction index reads %q (%v), want 80%%", idx, err)
	}
	shot("ket-qua")
}
