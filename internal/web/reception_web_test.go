package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

var checkedDocRe = regexp.MustCompile(`name="doc\d+" value="1"[^>]*checked`)

// A refused counter form comes back as it was sent: the documents the clerk
// ticked (and only those), the typed values, and every error at once, each
// beside its field. A second click on the same form is refused again.
// Nothing is ticked on a fresh form (issue 14 item 4).
func TestCounterFormComesBackAsSent(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqlstore.SQLite)
	clerk := f.browser()
	clerk.mustLogin("STP-A", "clerk")
	_, body := clerk.get("/admin/reception?procedure=notary.appointment")
	if checkedDocRe.MatchString(body) {
		t.Fatal("a fresh intake form has documents ticked")
	}
	form := url.Values{"csrf": {clerk.csrf}, "procedure": {"notary.appointment"}, "channel": {"direct"},
		"full_name": {"Nguyễn Thị Hồng Nhung"}, "id_number": {"0821"}, "phone": {"12"}, "doc1": {"1"}, "orig1": {"2"}}
	code, body := clerk.post("/admin/reception", form)
	if code != http.StatusBadRequest {
		t.Fatalf("incomplete intake: %d", code)
	}
	if got := checkedDocRe.FindAllString(body, -1); len(got) != 1 || !strings.Contains(got[0], `name="doc1"`) {
		t.Fatalf("ticked documents as they came back: %q", got)
	}
	for _, want := range []string{`value="Nguyễn Thị Hồng Nhung"`, `value="0821"`, `name="orig1" value="2"`,
		"chưa đủ thành phần", "Số định danh cá nhân phải gồm đúng 12 chữ số.", "Số điện thoại không hợp lệ"} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused form lacks %q", want)
		}
	}
	if !strings.Contains(body, `class="field-error"`) {
		t.Error("no error beside its field")
	}
	// The second click sends the form as it came back: refused again.
	if code, _ := clerk.post("/admin/reception", form); code != http.StatusBadRequest {
		t.Fatalf("second click: %d", code)
	}
}

// The API and the counter form refuse the same incomplete dossier with the
// same message: the rule lives in dossier.Service.
func TestAPIRefusesAnIncompleteDossierLikeTheCounter(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"},"documents":[]}`
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body)
		detail, _ := res["detail"].(string)
		if code != http.StatusBadRequest || !strings.Contains(detail, "chưa đủ thành phần bắt buộc") {
			t.Fatalf("API, 0 documents: %d %v", code, res)
		}
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		code, page := clerk.post("/admin/reception", url.Values{"csrf": {clerk.csrf}, "procedure": {"notary.appointment"}, "channel": {"direct"},
			"full_name": {"Trần Văn Bảy"}, "id_number": {"082090004321"}})
		if code != http.StatusBadRequest || !strings.Contains(page, htmlEscape(detail)) {
			t.Fatalf("counter: %d; the API's message %q is not on the page", code, detail)
		}
		if n, _ := f.db.Dossiers().DossierCounts(context.Background(), f.a.ID); len(n) != 0 {
			t.Fatalf("an incomplete dossier was stored: %v", n)
		}
	})
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
