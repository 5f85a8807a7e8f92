package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// TestCounterIntakeDesk (issue 14 item 4): a warning when receiving
// outside working time; a returning applicant found by ID number, with
// the earlier dossiers and the form filled; an organisation (name, tax
// code, representative) on the dossier; Mẫu 02 and Mẫu 03 printed for a
// dossier that is not complete, without storing it.
func TestCounterIntakeDesk(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		_, res := api(t, f, "POST", "/api/v1/dossiers", tok, `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Lê Hoàng Phúc","id_number":"082092007788","phone":"0903111222"}}`)
		earlier := res["code"].(string)
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		const form = "/admin/reception?procedure=notary.appointment"
		// Monday 09:00: no warning.
		if _, page := b.get(form); strings.Contains(page, `id="ngoai-gio"`) {
			t.Error("a warning in working hours")
		}
		// The returning applicant.
		_, page := b.get(form + "&id=082092007788")
		if !strings.Contains(page, earlier) || !strings.Contains(page, `value="Lê Hoàng Phúc"`) || !strings.Contains(page, `value="0903111222"`) {
			t.Errorf("returning applicant: earlier dossier or filled form missing")
		}
		if _, page := b.get(form + "&id=082000000001"); !strings.Contains(page, "Chưa có hồ sơ nào") {
			t.Errorf("a new applicant")
		}
		// Saturday 7/3/2026 10:00: the clock starts on Monday 9/3.
		f.clock.Add(5*24*time.Hour + time.Hour)
		b = f.browser() // the session has expired meanwhile
		b.mustLogin("STP-A", "clerk")
		if _, page := b.get(form); !strings.Contains(page, "Đang ngoài giờ làm việc") || !strings.Contains(page, "thứ Hai, 09/03/2026") {
			t.Errorf("no off-hours warning on Saturday")
		}
		all := url.Values{"csrf": {b.csrf}, "procedure": {"notary.appointment"}, "channel": {"direct"}, "full_name": {"Võ Minh Trí"},
			"id_number": {"082088009900"}, "organisation": {"Văn phòng công chứng Sa Đéc"}, "tax_code": {"1401234567"}}
		for i := range 20 {
			all.Set("doc"+strconv.Itoa(i), "1")
		}
		bad := url.Values{}
		for k, v := range all {
			bad[k] = v
		}
		bad.Set("tax_code", "14012")
		if code, page := b.post("/admin/reception", bad); code != 400 || !strings.Contains(page, "Mã số thuế") {
			t.Errorf("bad tax code: %d", code)
		}
		code, _ := b.post("/admin/reception", all)
		if code != 303 {
			t.Fatalf("organisation's dossier: %d", code)
		}
		_, page = b.get("/admin/dossiers?tab=search&q=082088009900")
		m := codeRe.FindString(page)
		if _, page := b.get("/admin/dossiers/" + m); !strings.Contains(page, "đại diện cho <strong>Văn phòng công chứng Sa Đéc</strong> (mã số thuế 1401234567)") {
			t.Errorf("organisation not on the dossier page %s", m)
		}
		// Incomplete: the page offers the slips; Mẫu 02 lists what is missing.
		some := url.Values{"csrf": {b.csrf}, "procedure": {"notary.appointment"}, "channel": {"direct"}, "full_name": {"Phạm Thị Thu Hà"}, "id_number": {"082195003456"}}
		code, page = b.post("/admin/reception", some)
		if code != 400 || !strings.Contains(page, `id="phieu-chua-du"`) {
			t.Fatalf("incomplete dossier: %d, no slips offered", code)
		}
		some.Set("slip", "mau-02")
		st, _, pdf := b.postDownload("/admin/reception/slip", some)
		text := pdfText(t, pdf)
		if st != 200 || !strings.Contains(text, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ") || !strings.Contains(text, "Phạm Thị Thu Hà") {
			t.Errorf("Mẫu 02: %d %s", st, text)
		}
		some.Set("slip", "mau-03")
		if st, _, _ := b.postDownload("/admin/reception/slip", some); st != 400 {
			t.Errorf("Mẫu 03 without a reason: %d", st)
		}
		some.Set("refuse_reason", "Người nộp không mang theo giấy tờ tùy thân bản chính")
		st, _, pdf = b.postDownload("/admin/reception/slip", some)
		if text := pdfText(t, pdf); st != 200 || !strings.Contains(text, "PHIẾU TỪ CHỐI TIẾP NHẬN") || !strings.Contains(text, "giấy tờ tùy thân bản chính") {
			t.Errorf("Mẫu 03: %d %s", st, text)
		}
		// Nothing stored for the slips.
		if _, page := b.get("/admin/dossiers?tab=search&q=082195003456"); codeRe.MatchString(page) {
			t.Error("a slip stored a dossier")
		}
	})
}

// postDownload posts a form and returns the status, headers and body.
func (b *browser) postDownload(path string, form url.Values) (int, http.Header, []byte) {
	b.f.t.Helper()
	req, _ := http.NewRequest("POST", b.origin+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.origin)
	resp, err := b.c.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

// TestFeeAtTheCounter (issue 14 item 5): the desk records the fee and
// the e-receipt (form, series, number, payer, amount, fee name) shows on
// the dossier; a second collection is refused; other roles cannot.
func TestFeeAtTheCounter(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		_, res := api(t, f, "POST", "/api/v1/dossiers", tok, `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Lê Hoàng Phúc","id_number":"082092007788"}}`)
		code := res["code"].(string)
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		if _, page := b.get("/admin/dossiers/" + code); !strings.Contains(page, "chưa nộp") || !strings.Contains(page, `id="thu-phi"`) {
			t.Fatal("the unpaid fee and its form are not shown")
		}
		if st, _ := b.post("/admin/dossiers/"+code+"/fee", url.Values{"csrf": {b.csrf}}); st != 303 {
			t.Fatalf("collect: %d", st)
		}
		_, page := b.get("/admin/dossiers/" + code)
		for _, w := range []string{"3.500.000 đồng", "mẫu số <strong>01BLP0-001</strong>", "ký hiệu <strong>BL-26E</strong>", "số <strong>0000001</strong>",
			"người nộp: Lê Hoàng Phúc", "Phí, lệ phí: Bổ nhiệm công chứng viên", "đơn vị thu: Sở Tư pháp STP-A"} {
			if !strings.Contains(page, w) {
				t.Errorf("receipt on the dossier page lacks %q", w)
			}
		}
		if strings.Contains(page, `id="thu-phi"`) {
			t.Error("the form to collect is still offered")
		}
		if st, _ := b.post("/admin/dossiers/"+code+"/fee", url.Values{"csrf": {b.csrf}}); st != 409 {
			t.Errorf("a second collection: %d", st)
		}
	})
}
