package web_test

import (
	"context"
	"io"
	"net/url"
	"os/exec"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Issue 14 item 5: a fee exemption with its legal ground is recorded at the
// desk, shown on the dossier, lets the result be returned without a
// receipt, and is counted in the reports (out of indicator 3.6's
// fee-bearing dossiers); a fee collected prints as a PDF e-receipt with the
// amount in words.
func TestFeeExemptionAndPrintedReceipt(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		intake := func(name, id string) string {
			_, res := api(t, f, "POST", "/api/v1/dossiers", tok, `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"`+name+`","id_number":"`+id+`"}}`)
			return res["code"].(string)
		}
		paid, exempt := intake("Lê Hoàng Phúc", "082092007788"), intake("Đỗ Thị Hoa", "082092007789")
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		if _, page := b.get("/admin/dossiers/" + exempt); !strings.Contains(page, `id="mien-phi"`) || !strings.Contains(page, "Người không quốc tịch có hoàn cảnh khó khăn") {
			t.Fatal("the exemption form is not offered")
		}
		// Every mistake in Vietnamese, 4xx.
		if st, page := b.post("/admin/dossiers/"+exempt+"/mien-phi", url.Values{"csrf": {b.csrf}, "ground": {"other"}, "basis": {"x"}}); st != 422 && st != 400 ||
			!strings.Contains(page, "văn bản quy phạm pháp luật") {
			t.Fatalf("other ground without its document: %d", st)
		}
		if st, _ := b.post("/admin/dossiers/"+exempt+"/mien-phi", url.Values{"csrf": {b.csrf}, "ground": {"stateless_hardship"},
			"note": {"Giấy xác nhận của UBND xã số 12/XN-UBND"}}); st != 303 {
			t.Fatalf("exempt: %d", st)
		}
		_, page := b.get("/admin/dossiers/" + exempt)
		for _, w := range []string{"được miễn", "Thông tư 281/2016/TT-BTC", "Giấy xác nhận của UBND xã số 12/XN-UBND", "Miễn phí, lệ phí"} {
			if !strings.Contains(page, w) {
				t.Errorf("exempt dossier page lacks %q", w)
			}
		}
		if strings.Contains(page, `id="thu-phi"`) || strings.Contains(page, `id="mien-phi"`) {
			t.Error("collect or exempt still offered on an exempt dossier")
		}
		if st, _ := b.post("/admin/dossiers/"+exempt+"/fee", url.Values{"csrf": {b.csrf}}); st != 409 {
			t.Errorf("collecting an exempt fee: %d", st)
		}
		// The other dossier pays; its receipt prints.
		if st, _ := b.post("/admin/dossiers/"+paid+"/fee", url.Values{"csrf": {b.csrf}}); st != 303 {
			t.Fatalf("collect: %d", st)
		}
		if _, page := b.get("/admin/dossiers/" + paid); !strings.Contains(page, "/forms/bien-lai") {
			t.Error("no link to the printed receipt")
		}
		if st, _ := b.get("/admin/dossiers/" + exempt + "/forms/bien-lai"); st != 409 {
			t.Errorf("receipt of an exempt dossier: %d", st)
		}
		resp, err := b.c.Get(f.srv.URL + "/admin/dossiers/" + paid + "/forms/bien-lai")
		if err != nil {
			t.Fatal(err)
		}
		pdf, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("receipt: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if text := pdfToText(t, pdf); !strings.Contains(text, "Ba triệu năm trăm nghìn đồng") || !strings.Contains(text, "Lê Hoàng Phúc") ||
			!strings.Contains(text, "Văn thư Một cửa") || !strings.Contains(text, "BL-26E") {
			t.Errorf("receipt text: %s", text)
		}
		// Reports: one exempt dossier, out of 3.6's denominator.
		admin := f.browser()
		f.addOfficer(t, "thongke", org.Statistician, "")
		admin.mustLogin("STP-A", "thongke")
		_, page = admin.get("/admin/reports?period=month")
		if !strings.Contains(page, `id="mien-phi"`) || !strings.Contains(squashWS(page), "được miễn phí, lệ phí: <strong>1</strong>") {
			t.Errorf("reports: exempt count missing")
		}
	})
}

func squashWS(s string) string { return strings.Join(strings.Fields(s), " ") }

// pdfToText extracts a PDF's text with pdftotext (poppler-utils).
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return squashWS(string(out))
}
