package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/portal"
	"tuphap/internal/sqlstore"
)

// postWhole sends the filing page's one multipart form, as the browser
// does: the typed fields, a chosen file, and the button pressed.
func (b *citizenBrowser) postWhole(draft string, fields map[string]string, doc, name string, data []byte) (int, string, http.Header) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", b.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if doc != "" {
		fw, _ := mw.CreateFormFile("file-"+doc, name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+draft, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// Issue 14, item 10: uploading a file keeps everything typed; the applicant
// gets a short reference at once; "Theo mẫu" links to the blank form.
func TestFilingKeepsTypedFieldsAndGivesShortRef(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	a := f.browser()
	a.signIn("sim-0001")
	draft := startDraft(t, a, lawyerFirm)
	_, page, _ := a.get(draft)
	if !strings.Contains(page, `enctype="multipart/form-data" id="khai"`) || !strings.Contains(page, `name="file-0"`) {
		t.Fatal("the filing page is not one form with its file inputs")
	}
	if !strings.Contains(page, "Theo mẫu") || !regexp.MustCompile(`<a href="https://dichvucong\.gov\.vn/[^"]*ma_thu_tuc=1\.002010" id="mau-0"`).MatchString(page) {
		t.Error(`"Theo mẫu" does not link to the blank form`)
	}
	typed := map[string]string{"phone": "0912345678", "address": "12 Lê Lợi, phường 1", "email": "an@example.vn", "delivery": portal.Deliveries[0], "action": "upload"}
	if code, body, _ := a.postWhole(draft, typed, "0", "don.pdf", testPDF()); code != http.StatusSeeOther {
		t.Fatalf("upload with the form: %d %s", code, body)
	}
	_, page, _ = a.get(draft)
	for _, want := range []string{`value="0912345678"`, `value="12 Lê Lợi, phường 1"`, `value="an@example.vn"`, "tệp PDF"} {
		if !strings.Contains(page, want) {
			t.Errorf("after the upload the form lost %s", want)
		}
	}
	// Remove the file: the fields stay too.
	fileID := regexp.MustCompile(`value="remove:([0-9a-f-]+)"`).FindStringSubmatch(page)
	if fileID == nil {
		t.Fatal("no remove button")
	}
	typed["phone"], typed["action"] = "0987654321", "remove:"+fileID[1]
	if code, _, _ := a.postWhole(draft, typed, "", "", nil); code != http.StatusSeeOther {
		t.Fatalf("remove: %d", code)
	}
	if _, page, _ = a.get(draft); !strings.Contains(page, `value="0987654321"`) || strings.Contains(page, "remove:"+fileID[1]) {
		t.Error("removing a file lost the typed phone, or kept the file")
	}
	// Upload the required documents and submit: a short reference at once.
	for _, doc := range []string{"0", "2", "3"} {
		typed["action"] = "upload"
		if code, body, _ := a.postWhole(draft, typed, doc, "giay.pdf", testPDF()); code != http.StatusSeeOther {
			t.Fatalf("upload %s: %d %s", doc, code, body)
		}
	}
	typed["action"] = "submit"
	code, _, h := a.postWhole(draft, typed, "", "", nil)
	if code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	_, page, _ = a.get(h.Get("Location"))
	id := strings.TrimPrefix(h.Get("Location"), "/ho-so-cua-toi/")
	short := portal.ShortRef(id)
	m := regexp.MustCompile(`id="so-tham-chieu">([^<]*)<`).FindStringSubmatch(page)
	if m == nil || m[1] != short || len(m[1]) > 12 || !strings.Contains(page, "Ghi lại số tham chiếu") {
		t.Errorf("reference shown: %v, want %s", m, short)
	}
	if strings.Contains(page, ">"+id+"<") {
		t.Error("the 36-character ID is shown as the reference")
	}
	if code, page, _ := a.get("/ho-so-cua-toi/" + strings.ToLower(short)); code != http.StatusOK || !strings.Contains(page, short) {
		t.Errorf("the short reference does not open the dossier: %d", code)
	}
	if _, list, _ := a.get("/ho-so-cua-toi"); !strings.Contains(list, short) {
		t.Error("my dossiers do not show the short reference")
	}
	// The desk previews the filed documents inline (issue 14, item 8).
	d, err := f.dossiers.Accept(context.Background(), desk, f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	o := f.officerBrowser()
	_, body, _ := o.get("/admin/dossiers/" + d.Code)
	m = regexp.MustCompile(`href="([^"]+/files/[0-9a-f-]+)\?xem=1"[^>]*>Xem<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the dossier page has no inline preview link")
	}
	resp, err := o.c.Get(f.srv.URL + m[1] + "?xem=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(cd, "inline;") || resp.Header.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("preview: %d %q %q", resp.StatusCode, cd, resp.Header.Get("Content-Type"))
	}
}

// Issue 14, items 11 and 12: the PIN never travels in an address; error
// pages lead somewhere; unit codes and user names never reach a citizen;
// internal review notes are not shown to citizens.
func TestPortalPINErrorsAndInternalNotes(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	a := f.browser()
	a.signIn("sim-0001")
	d, err := f.dossiers.Intake(ctx, desk, f.tenant.ID, dossier.IntakeRequest{Procedure: lawyerFirm, Channel: catalog.ChannelDirect,
		Applicant: dossier.Applicant{FullName: "Nguyễn Văn An", IDNumber: "001090012345", Phone: "0912345678"}})
	if err != nil {
		t.Fatal(err)
	}
	// The look-up form posts; a PIN in an address is ignored.
	_, form, _ := a.get("/tra-cuu?ma=" + url.QueryEscape(d.Code) + "&pin=" + d.LookupPIN)
	if !strings.Contains(form, `method="post" action="/tra-cuu"`) || strings.Contains(form, "ket-qua-tra-cuu") || !strings.Contains(form, "pin-trong-dia-chi") || strings.Contains(form, d.LookupPIN) {
		t.Error("GET /tra-cuu with a PIN in the address looked the dossier up, or echoed the PIN")
	}
	if !strings.Contains(form, `value="`+d.Code+`"`) {
		t.Error("the code from the QR address is not filled in")
	}
	if code, body, _ := a.post("/tra-cuu", url.Values{"ma": {d.Code}, "pin": {d.LookupPIN}}); code != http.StatusOK || !strings.Contains(body, "ket-qua-tra-cuu") {
		t.Errorf("POST look-up: %d", code)
	}
	if resp, err := http.Get(f.srv.URL + "/api/v1/lookup?code=" + url.QueryEscape(d.Code) + "&pin=" + d.LookupPIN); err != nil || resp.StatusCode == http.StatusOK {
		t.Errorf("GET /api/v1/lookup with the PIN in the URL still answers")
	}
	// Error pages lead somewhere.
	for _, p := range []string{"/khong-co-trang-nay", "/thu-tuc/khong-co", "/ho-so-cua-toi/khong-co"} {
		code, body, _ := a.get(p)
		if code != http.StatusNotFound || !strings.Contains(body, `id="di-tiep"`) || !strings.Contains(body, `href="/tra-cuu"`) || !strings.Contains(body, `href="/ho-so-cua-toi"`) || !strings.Contains(body, "pbrand") {
			t.Errorf("GET %s: %d, want the portal's 404 with ways on", p, code)
		}
	}
	anon := f.browser()
	if code, body, _ := anon.get("/dang-nhap/xong?state=x&code=y"); code != http.StatusUnauthorized || !strings.Contains(body, `href="/dang-nhap"`) {
		t.Errorf("expired sign-in: %d, want a link to sign in again", code)
	}
	// Unit codes and officers' user names never shown to the citizen.
	director := dossier.Actor{ID: "dir", Name: "giamdoc", Role: "director"}
	if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
		t.Fatal(err)
	}
	later := d.DueAt.AddDate(0, 0, 7)
	if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActApologize, dossier.Input{Reason: "Cần xác minh thêm thông tin với cơ quan khác", NewDueAt: &later}); err != nil {
		t.Fatal(err)
	}
	_, evs, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID)
	if last := evs[len(evs)-1]; !strings.Contains(last.Detail, "đơn vị: ") {
		t.Fatalf("the apology event names no unit: %q", last.Detail)
	}
	_, page, _ := a.get("/ho-so-cua-toi/" + d.Code)
	if !strings.Contains(page, "Hẹn lại") {
		t.Error("the timeline lacks the apology")
	}
	for _, bad := range []string{"MOTCUA", "BTTP", ">clerk<", " clerk ", "giamdoc", "Làm thay"} {
		if strings.Contains(page, bad) {
			t.Errorf("the citizen's dossier page shows %q", bad)
		}
	}
	// Internal review notes: not on the citizens' procedure page.
	_, proc, _ := a.get("/thu-tuc/" + lawyerFirm)
	for _, bad := range []string{"rà soát", "chưa đối chiếu", "chưa được đối chiếu"} {
		if strings.Contains(proc, bad) {
			t.Errorf("the procedure page shows the internal note %q", bad)
		}
	}
	for _, want := range []string{"Căn cứ pháp lý", "Phí, lệ phí", "50.000"} {
		if !strings.Contains(proc, want) {
			t.Errorf("the procedure page lacks %q", want)
		}
	}
}
