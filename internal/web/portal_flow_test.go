package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/dossier"
	"tuphap/internal/external/payment"
	"tuphap/internal/portal"
	"tuphap/internal/sqlstore"
)

const lawyerFirm = "lawyer.firm_registration" // 50.000 đồng, full online

func testPDF() []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

func testImage(t *testing.T, kind string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		img.Set(x, x%30, color.RGBA{200, 20, 20, 255})
	}
	var b bytes.Buffer
	var err error
	if kind == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var draftPathRe = regexp.MustCompile(`^/ho-so-nhap/[0-9a-f-]{36}$`)

// startDraft signs nothing in; b must be signed in.
func startDraft(t *testing.T, b *citizenBrowser, proc string) string {
	t.Helper()
	if code, body, _ := b.get("/thu-tuc/" + proc + "/nop"); code != http.StatusOK || !strings.Contains(body, "Bắt đầu khai hồ sơ") {
		t.Fatalf("start page: %d", code)
	}
	code, _, h := b.post("/thu-tuc/"+proc+"/nop", url.Values{})
	if code != http.StatusSeeOther || !draftPathRe.MatchString(h.Get("Location")) {
		t.Fatalf("create draft: %d %q", code, h.Get("Location"))
	}
	path := h.Get("Location")
	b.get(path) // the form's CSRF token
	return path
}

func TestPortalFilingPaymentLookup(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) { portalFlow(t, e) })
	}
}

func portalFlow(t *testing.T, e sqlstore.Engine) {
	f := newPortalFixture(t, e)
	ctx := context.Background()
	a := f.browser()
	a.signIn("sim-0001") // Nguyễn Văn An
	draft := startDraft(t, a, lawyerFirm)

	// Uploads refused with a clear message, nothing stored.
	refusals := []struct {
		name, file string
		data       []byte
		code       int
		msg        string
	}{
		{"wrong type", "giay-de-nghi.pdf", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), http.StatusUnsupportedMediaType, "chỉ nhận tệp PDF, ảnh JPEG hoặc PNG"},
		{"plain text", "giay-de-nghi.pdf", []byte("Tôi đề nghị..."), http.StatusUnsupportedMediaType, "chỉ nhận tệp PDF"},
		{"lying extension", "giay-de-nghi.pdf", testImage(t, "png"), http.StatusUnsupportedMediaType, "không khớp với nội dung"},
		{"executable named .jpg", "anh.jpg", append([]byte("MZ\x90\x00"), make([]byte, 200)...), http.StatusUnsupportedMediaType, "không được chấp nhận"},
		{"truncated PDF", "giay.pdf", []byte("%PDF-1.7\n1 0 obj << >> endobj\n"), http.StatusUnsupportedMediaType, "không phải tệp PDF hợp lệ"},
		{"over the file limit", "lon.pdf", append(append([]byte("%PDF-1.4\n"), make([]byte, portal.MaxFileBytes)...), []byte("\n%%EOF\n")...), http.StatusRequestEntityTooLarge, "vượt quá dung lượng tối đa 10 MB"},
	}
	for _, r := range refusals {
		code, body, _ := a.upload(draft, 0, r.file, r.data)
		if code != r.code || !strings.Contains(body, r.msg) {
			t.Errorf("%s: %d, want %d with %q", r.name, code, r.code, r.msg)
		}
	}
	// Good files: a PDF, a JPEG and a PNG.
	for _, up := range []struct {
		doc  int
		name string
		data []byte
	}{{0, "don-de-nghi.PDF", testPDF()}, {2, "chung-chi.jpg", testImage(t, "jpeg")}, {3, "tru-so.png", testImage(t, "png")}} {
		if code, body, _ := a.upload(draft, up.doc, up.name, up.data); code != http.StatusSeeOther {
			t.Fatalf("upload %s: %d %s", up.name, code, body)
		}
	}
	// Save, leave, come back: the draft is resumed with its files.
	if code, _, _ := a.post(draft, url.Values{"phone": {"0912345678"}, "address": {"12 Lê Lợi, phường 1"}, "delivery": {portal.Deliveries[0]}, "action": {"save"}}); code != http.StatusSeeOther {
		t.Fatalf("save draft: %d", code)
	}
	if code, _, h := a.get("/thu-tuc/" + lawyerFirm + "/nop"); code != http.StatusSeeOther || h.Get("Location") != draft {
		t.Fatalf("resume: %d %q, want redirect to %s", code, h.Get("Location"), draft)
	}
	_, form, _ := a.get(draft)
	for _, want := range []string{"0912345678", "12 Lê Lợi, phường 1", "tệp PDF", "ảnh JPEG", "ảnh PNG", "Nguyễn Văn An", "001090012345"} {
		if !strings.Contains(form, want) {
			t.Errorf("resumed draft lacks %q", want)
		}
	}
	// The file is served with our type and name, never the uploader's.
	fileURL := regexp.MustCompile(`href="(` + draft + `/tep/[0-9a-f-]+)"`).FindStringSubmatch(form)
	if fileURL == nil {
		t.Fatal("no file link on the draft")
	}
	resp, err := a.c.Get(f.srv.URL + fileURL[1])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct, cd := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"); ct != "application/pdf" || cd != `attachment; filename="tai-lieu-1.pdf"` {
		t.Errorf("served as %q, %q", ct, cd)
	}

	// Submit: the dossier enters the lifecycle at status 1.
	code, _, h := a.post(draft, url.Values{"phone": {"0912345678"}, "address": {"12 Lê Lợi, phường 1"}, "delivery": {portal.Deliveries[0]}, "action": {"submit"}})
	if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/ho-so-cua-toi/") {
		t.Fatalf("submit: %d %q", code, h.Get("Location"))
	}
	mine := h.Get("Location")
	dossierID := strings.TrimPrefix(mine, "/ho-so-cua-toi/")
	_, page, _ := a.get(mine)
	if !strings.Contains(page, "Mới đăng ký") || !strings.Contains(page, "Đã nộp hồ sơ trực tuyến") {
		t.Errorf("after submit the page does not show status 1")
	}
	d, _, err := f.dossiers.Get(ctx, f.tenant.ID, dossierID)
	if err != nil || d.Status != dossier.Submitted || d.Applicant.IDNumber != "001090012345" || d.Applicant.FullName != "Nguyễn Văn An" || d.Channel != "online" {
		t.Fatalf("stored dossier: %+v, %v", d, err)
	}
	fileOfDossier := regexp.MustCompile(`href="(/ho-so-cua-toi/[^"]+/tep/[0-9a-f-]+)"`).FindStringSubmatch(page)
	if fileOfDossier == nil {
		t.Fatal("no file link on the dossier page")
	}

	// The desk accepts it: a code and a look-up PIN.
	d, err = f.dossiers.Accept(ctx, desk, f.tenant.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	mine = "/ho-so-cua-toi/" + d.Code
	_, page, _ = a.get(mine)
	if !strings.Contains(page, d.Code) || !strings.Contains(page, d.LookupPIN) {
		t.Error("the owner does not see the code and PIN")
	}

	// The desk's officers read the uploaded files through the API.
	o := f.browser()
	o.get("/admin/login")
	if code, _, _ := o.post("/admin/login", url.Values{"tenant": {"STP-A"}, "username": {"clerk"}, "password": {password}, "next": {"/admin/"}}); code != http.StatusSeeOther {
		t.Fatalf("clerk sign-in: %d", code)
	}
	code, list, _ := o.get("/api/v1/dossiers/" + d.Code + "/files")
	var files struct {
		Items []struct {
			URL       string `json:"url"`
			MediaType string `json:"media_type"`
			Document  string `json:"document"`
		} `json:"items"`
	}
	json.Unmarshal([]byte(list), &files)
	if code != http.StatusOK || len(files.Items) != 3 || files.Items[0].MediaType != "application/pdf" || files.Items[0].Document == "" {
		t.Fatalf("officer's file list: %d %s", code, list)
	}
	if code, body, _ := o.get(files.Items[1].URL); code != http.StatusOK || !strings.HasPrefix(body, "\xff\xd8") {
		t.Errorf("officer downloads the JPEG: %d", code)
	}
	if _, page, _ := o.get("/admin/dossiers/" + d.Code); !strings.Contains(page, "Tệp công dân nộp trực tuyến") || !strings.Contains(page, files.Items[1].URL) {
		t.Error("the officers' dossier page does not list the uploaded files")
	}

	// Citizen B sees nothing of A's: not by page, not by file, not by code.
	b := f.browser()
	b.signIn("sim-0002")
	_, bList, _ := b.get("/ho-so-cua-toi")
	if strings.Contains(bList, d.Code) || strings.Contains(bList, "Nguyễn Văn An") {
		t.Error("B's list shows A's dossier")
	}
	for _, p := range []string{mine, "/ho-so-cua-toi/" + d.ID, fileOfDossier[1], strings.Replace(fileOfDossier[1], d.ID, d.Code, 1), draft, fileURL[1],
		mine + "/bien-lai/x", mine + "/ket-qua/x"} {
		if code, body, _ := b.get(p); code != http.StatusNotFound || strings.Contains(body, "Nguyễn Văn An") {
			t.Errorf("B GET %s: %d, want 404 without A's data", p, code)
		}
	}
	// Guessing the neighbouring codes finds nothing either.
	for _, guess := range []string{strings.Replace(d.Code, "-0001", "-0002", 1), strings.Replace(d.Code, "-0001", "-0000", 1)} {
		if code, _, _ := b.get("/ho-so-cua-toi/" + guess); code != http.StatusNotFound {
			t.Errorf("B guessing %s: %d", guess, code)
		}
	}
	if code, _, _ := b.upload(draft, 0, "x.pdf", testPDF()); code != http.StatusNotFound {
		t.Errorf("B uploading into A's draft: %d, want 404", code)
	}
	if code, _, _ := b.post(mine+"/thanh-toan", url.Values{}); code != http.StatusNotFound {
		t.Errorf("B paying A's dossier: %d, want 404", code)
	}
	// The officers' API needs an officer.
	if resp, err := b.c.Get(f.srv.URL + "/api/v1/dossiers/" + d.Code); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("citizen on the officers' API: %v", resp.StatusCode)
	}

	// Public look-up: the right PIN shows the status; a wrong or missing
	// PIN gets exactly the answer of an unknown code.
	lookup := func(code, pin string) (int, string) {
		form := url.Values{"code": {code}}
		if pin != "-" {
			form.Set("pin", pin)
		}
		resp, err := http.PostForm(f.srv.URL+"/api/v1/lookup", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		delete(m, "request_id")
		js, _ := json.Marshal(m)
		return resp.StatusCode, string(js)
	}
	code, got := lookup(d.Code, d.LookupPIN)
	if code != http.StatusOK || !strings.Contains(got, `"status":2`) || !strings.Contains(got, "due_date") || strings.Contains(got, "Nguyễn") || strings.Contains(got, "001090012345") {
		t.Errorf("lookup with the PIN: %d %s", code, got)
	}
	wrongPIN := "000000"
	if d.LookupPIN == wrongPIN {
		wrongPIN = "111111"
	}
	_, unknown := lookup("000.00.00.H82-260302-9999", wrongPIN)
	for _, c := range [][2]string{{d.Code, wrongPIN}, {d.Code, "-"}, {d.Code, ""}, {d.ID, d.LookupPIN}, {"000.00.00.H82-260302-9999", wrongPIN}} {
		code, got := lookup(c[0], c[1])
		if code != http.StatusNotFound || got != unknown {
			t.Errorf("lookup %q/%q: %d %s, want the unknown-code 404 %s", c[0], c[1], code, got, unknown)
		}
	}
	if _, body, _ := b.post("/tra-cuu", url.Values{"ma": {d.Code}, "pin": {d.LookupPIN}}); !strings.Contains(body, "Được tiếp nhận") || !strings.Contains(body, "Ngày hẹn trả kết quả") {
		t.Error("look-up page with the PIN shows no status")
	}
	if code, body, _ := b.post("/tra-cuu", url.Values{"ma": {d.Code}, "pin": {wrongPIN}}); code != http.StatusNotFound || strings.Contains(body, "Được tiếp nhận") {
		t.Errorf("look-up page with a wrong PIN: %d", code)
	}

	// Payment: start one, then forged and wrong-amount notifications change nothing.
	code, _, h = a.post(mine+"/thanh-toan", url.Values{})
	if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "/pay-sim/checkout?") {
		t.Fatalf("start payment: %d %q", code, h.Get("Location"))
	}
	checkout, _ := url.Parse(h.Get("Location"))
	txn := checkout.Query().Get("txn")
	ipn := func(v url.Values) (int, string) {
		resp, err := http.PostForm(f.srv.URL+"/api/v1/payments/callback", v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		js, _ := json.Marshal(m)
		return resp.StatusCode, string(js)
	}
	note := func(secret string, amount string, result string) url.Values {
		v := url.Values{"txn": {txn}, "amount": {amount}, "gw_ref": {"GW-1"}, "result": {result}}
		v.Set("sig", payment.Sign([]byte(secret), v))
		return v
	}
	eventsBefore := len(events(t, f, d.ID))
	if code, _ := ipn(note("not-the-secret", "50000", "00")); code != http.StatusForbidden {
		t.Errorf("forged notification: %d, want 403", code)
	}
	tampered := note(paySecret, "50000", "00")
	tampered.Set("amount", "5000")
	if code, _ := ipn(tampered); code != http.StatusForbidden {
		t.Errorf("tampered notification: %d, want 403", code)
	}
	if code, _ := ipn(note(paySecret, "5000", "00")); code != http.StatusBadRequest {
		t.Errorf("wrong amount: %d, want 400", code)
	}
	assertUnpaid := func(when string) {
		t.Helper()
		dd, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID)
		p, _ := f.portal.Store.Payment(ctx, f.tenant.ID, txn)
		if dd.PaidOnline || p.Status != portal.PaymentPending || len(events(t, f, d.ID)) != eventsBefore {
			t.Errorf("%s: dossier paid=%v, payment %s, events %d→%d", when, dd.PaidOnline, p.Status, eventsBefore, len(events(t, f, d.ID)))
		}
	}
	assertUnpaid("after forged and wrong-amount notifications")

	// Pay through the simulator: its page, then its signed IPN and return.
	code, simPage, _ := a.get(h.Get("Location"))
	if code != http.StatusOK || !strings.Contains(simPage, "50.000 đồng") {
		t.Fatalf("checkout page: %d", code)
	}
	form2 := url.Values{}
	for _, kv := range hiddenRe.FindAllStringSubmatch(simPage, -1) {
		form2.Set(kv[1], strings.ReplaceAll(kv[2], "&amp;", "&"))
	}
	form2.Set("decision", "pay")
	req, _ := http.NewRequest(http.MethodPost, h.Get("Location"), strings.NewReader(form2.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	code, _, h = a.do(req)
	if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "/thanh-toan/ket-qua?") {
		t.Fatalf("pay at the simulator: %d %q", code, h.Get("Location"))
	}
	back, _ := url.Parse(h.Get("Location"))
	code, _, h = a.get(h.Get("Location"))
	if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "/bien-lai/"+txn) {
		t.Fatalf("return: %d %q", code, h.Get("Location"))
	}
	_, receipt, _ := a.get(h.Get("Location"))
	// The online receipt carries the fields of the desk's (issue 14 item
	// 5): the e-receipt's form, series and number, collector and fee name.
	for _, want := range []string{"Biên lai thu phí, lệ phí điện tử", "50.000 đồng", "Nguyễn Văn An", txn, "Đã thanh toán",
		`id="mau-so">01BLP0-001<`, `id="ky-hieu">BL-26E<`, `<strong>0000001</strong>`, "Sở Tư pháp tỉnh A", "Phí, lệ phí: "} {
		if !strings.Contains(receipt, want) {
			t.Errorf("receipt lacks %q", want)
		}
	}
	paid, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID)
	if !paid.PaidOnline || paid.Status != dossier.Accepted {
		t.Fatalf("after payment: paid=%v status=%d", paid.PaidOnline, paid.Status)
	}
	eventsPaid := len(events(t, f, d.ID))
	// Replay the gateway's notification, and a late failure: nothing changes.
	replay := back.Query()
	for _, k := range []string{"txn", "amount", "gw_ref", "result", "sig"} {
		if replay.Get(k) == "" {
			t.Fatalf("return URL lacks %s", k)
		}
	}
	if code, got := ipn(replay); code != http.StatusOK || !strings.Contains(got, `"changed":false`) {
		t.Errorf("replayed notification: %d %s", code, got)
	}
	if code, got := ipn(note(paySecret, "50000", "24")); code != http.StatusOK || !strings.Contains(got, `"changed":false`) {
		t.Errorf("late failure notification: %d %s", code, got)
	}
	again, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID)
	if p, _ := f.portal.Store.Payment(ctx, f.tenant.ID, txn); p.Status != portal.PaymentPaid || len(events(t, f, d.ID)) != eventsPaid || again.Version != paid.Version {
		t.Errorf("replay changed something: payment %s, events %d→%d, version %d→%d", p.Status, eventsPaid, len(events(t, f, d.ID)), paid.Version, again.Version)
	}
	if code, _, _ := a.post(mine+"/thanh-toan", url.Values{}); code != http.StatusConflict {
		t.Errorf("paying twice: %d, want 409", code)
	}

	// The result: processed, issued electronically, returned; only its
	// owner downloads it; anyone verifies it without personal data.
	director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
	for i := 0; i < 10 && paid.Status != dossier.ResultReady; i++ {
		if paid, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := f.portal.IssueResult(ctx, director, f.tenant.ID, d.Code, "Giấy đăng ký hoạt động của tổ chức hành nghề luật sư", f.tenant.Name, testPDF())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActReturn, dossier.Input{}); err != nil {
		t.Fatal(err)
	}
	resp, err = a.c.Get(f.srv.URL + mine + "/ket-qua/" + res.ID)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("owner downloads the result: %v %d", err, resp.StatusCode)
	}
	resp.Body.Close()
	if _, page, _ := a.get(mine); !strings.Contains(page, `alt="Mã QR dẫn đến trang xác thực kết quả"`) || !strings.Contains(page, `src="data:image/png;base64,`) {
		t.Error("the result carries no QR code to its verification page")
	}
	if code, _, _ := b.get(mine + "/ket-qua/" + res.ID); code != http.StatusNotFound {
		t.Errorf("B downloads A's result: %d", code)
	}
	code, verify, _ := b.get("/xac-thuc/" + res.ID)
	if code != http.StatusOK || !strings.Contains(verify, res.SHA256) || !strings.Contains(verify, f.tenant.Name) || !strings.Contains(verify, "Giấy tờ hợp lệ") ||
		strings.Contains(verify, "Nguyễn Văn An") || strings.Contains(verify, "001090012345") || strings.Contains(verify, d.Code) {
		t.Errorf("verification page: %d, or it shows personal data", code)
	}
	if code, _, _ := b.get("/xac-thuc/00000000-0000-7000-8000-000000000000"); code != http.StatusNotFound {
		t.Errorf("unknown result: %d", code)
	}
	// Rating: once.
	a.get(mine)
	if code, _, _ := a.post(mine+"/danh-gia", url.Values{"satisfied": {"yes"}, "comment": {"Nhanh, đúng hẹn."}}); code != http.StatusSeeOther {
		t.Errorf("rate: %d", code)
	}
	if code, _, _ := a.post(mine+"/danh-gia", url.Values{"satisfied": {"no"}}); code != http.StatusConflict {
		t.Errorf("rate twice: %d, want 409", code)
	}
	rated, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID)
	if rated.Rating == nil || !rated.Rating.Satisfied {
		t.Errorf("rating not recorded: %+v", rated.Rating)
	}
}

func events(t *testing.T, f *portalFixture, id string) []dossier.Event {
	t.Helper()
	_, evs, err := f.dossiers.Get(context.Background(), f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// The files of one dossier may not exceed 30 MB together, whatever each
// file's size.
func TestPortalDossierSizeLimit(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newPortalFixture(t, e)
			b := f.browser()
			b.signIn("sim-0003")
			draft := startDraft(t, b, lawyerFirm)
			big := func(i byte) []byte { // 9.5 MB, a distinct PDF each time
				body := bytes.Repeat([]byte{' ', i}, (portal.MaxFileBytes-portal.MaxFileBytes/20)/2)
				return append(append([]byte("%PDF-1.4\n"), body...), []byte("\n%%EOF\n")...)
			}
			for i := byte(0); i < 3; i++ {
				if code, body, _ := b.upload(draft, 0, "phan.pdf", big(i+'a')); code != http.StatusSeeOther {
					t.Fatalf("file %d: %d %.200s", i, code, body)
				}
			}
			code, body, _ := b.upload(draft, 2, "them.pdf", big('z'))
			if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Tổng dung lượng các tệp của hồ sơ vượt quá 30 MB") {
				t.Errorf("fourth file: %d, want 413 with the per-dossier message", code)
			}
			d, err := f.portal.Store.Draft(context.Background(), f.tenant.ID, strings.TrimPrefix(draft, "/ho-so-nhap/"))
			if err != nil || len(d.Files) != 3 {
				t.Errorf("draft holds %d files, want 3 (%v)", len(d.Files), err)
			}
		})
	}
}
