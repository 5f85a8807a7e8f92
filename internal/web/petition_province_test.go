package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/sqlstore"
)

const communeDenouncer = "Hồ Thị Giấu Tên"

type provFixture struct {
	*petFixture
	sadec, mytho org.Tenant
	dnXa         string // a denunciation of Sa Đéc, with its denouncer
}

// newProvinceFixture is the petition fixture with two communes attached to
// tenant A, each with its officer and its own book: Sa Đéc a denunciation
// and a resolved feedback, Mỹ Tho a complaint.
func newProvinceFixture(t *testing.T) *provFixture {
	t.Helper()
	pf := newPetitionFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	communes, err := pf.orgSvc.CreateCommunes(ctx, audit.System, pf.a, []org.Tenant{
		{Code: "STP-A-29905", Name: "Ủy ban nhân dân phường Sa Đéc", AgencyID: "000.01.01.H82"},
		{Code: "STP-A-28261", Name: "Ủy ban nhân dân phường Mỹ Tho", AgencyID: "000.01.02.H82"},
	}, []string{"29905", "28261"})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []org.Officer{
		{TenantID: communes[0].ID, Username: "xa.sadec", FullName: "Lê Thị Thanh Trúc", Role: org.CommuneOfficer},
		{TenantID: communes[1].ID, Username: "xa.mytho", FullName: "Phạm Văn Tư", Role: org.CommuneOfficer},
	} {
		if _, err := pf.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	f := &provFixture{petFixture: pf, sadec: communes[0], mytho: communes[1]}
	svc := &petition.Service{Store: pf.db.Petitions(), Now: pf.clock.Now}
	a := petition.Actor{ID: "xa1", Name: "Lê Thị Thanh Trúc"}
	rc, err := svc.Receive(ctx, a, f.sadec.ID, petition.Intake{
		Petition: petition.Petition{Kind: petition.KindDenunciation, Channel: petition.ChannelReception, ReceivedOn: calendar.NewDate(2026, 7, 6), Summary: "Tố cáo cán bộ địa chính xã"},
		Identity: petition.Identity{Person: petition.Person{FullName: communeDenouncer, IDNumber: "087190005555", Address: "Khóm 4 Kín"}}})
	if err != nil {
		t.Fatal(err)
	}
	f.dnXa = rc.Petition.ID
	fb, err := svc.Receive(ctx, a, f.sadec.ID, petition.Intake{Petition: petition.Petition{Kind: petition.KindFeedback, Channel: petition.ChannelPost,
		ReceivedOn: calendar.NewDate(2026, 7, 6), Summary: "Phản ánh đèn đường hỏng", Petitioner: petition.Person{FullName: "Trương Văn Phản"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, a, f.sadec.ID, fb.Petition.ID, petition.Decision{Handling: petition.HandleAccept, On: calendar.NewDate(2026, 7, 6), HandlerID: "xa1", HandlerName: "Lê Thị Thanh Trúc"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Act(ctx, a, f.sadec.ID, fb.Petition.ID, petition.Step{Action: "resolve", On: calendar.NewDate(2026, 7, 6), Conclusion: petition.ConclusionAnswer, Text: "Đã thay bóng đèn"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Receive(ctx, petition.Actor{ID: "xa2", Name: "Phạm Văn Tư"}, f.mytho.ID, petition.Intake{Petition: petition.Petition{Kind: petition.KindComplaint, Channel: petition.ChannelPost,
		ReceivedOn: calendar.NewDate(2026, 7, 6), Summary: "Khiếu nại việc cấp giấy xác nhận", Instance: 1, Petitioner: petition.Person{FullName: "Đỗ Văn Khiếu"}}}); err != nil {
		t.Fatal(err)
	}
	return f
}

func fetch(t *testing.T, b *browser, path string) (int, []byte) {
	t.Helper()
	resp, err := b.c.Get(b.origin + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// TestPetitionProvince: the department sees each commune's figures and
// book, read only, with the province's total, on screen, in XLSX and PDF
// and in the API; a commune is refused the province and sees only its own
// book; another department never reaches these communes; bad input is a
// 4xx; and no page, export or API answer of the province view carries a
// denouncer's identity, whatever the role.
func TestPetitionProvince(t *testing.T) {
	f := newProvinceFixture(t)
	period := "from=2026-07-01&to=2026-07-31"
	cv := f.browser()
	cv.mustLogin("STP-A", "chuyenvien")
	code, body := cv.get("/admin/don-thu/toan-tinh?" + period)
	if code != http.StatusOK {
		t.Fatalf("province: %d %s", code, body)
	}
	for _, want := range []string{"Ủy ban nhân dân phường Sa Đéc", "29905", "Ủy ban nhân dân phường Mỹ Tho", "Toàn tỉnh",
		`href="/admin/don-thu/toan-tinh/xa/29905?counted=received&amp;from=2026-07-01&amp;to=2026-07-31">2<`,
		`href="/admin/don-thu/toan-tinh/xa/28261?counted=received&amp;from=2026-07-01&amp;to=2026-07-31">1<`,
		`href="/admin/don-thu/so?counted=received&amp;from=2026-07-01&amp;to=2026-07-31">2<`} {
		if !strings.Contains(body, want) {
			t.Errorf("province page: %q missing", want)
		}
	}
	// The total row: 2 (the department) + 2 (Sa Đéc) + 1 (Mỹ Tho) received, 1 resolved.
	total := body[strings.Index(body, `<tr class="total">`):]
	total = total[:strings.Index(total, "</tr>")]
	if !strings.Contains(total, `<td class="num">5</td>`) || !strings.Contains(total, `<td class="num">1</td>`) {
		t.Errorf("total row: %s", total)
	}
	// The drill-down into a commune's book.
	code, body = cv.get("/admin/don-thu/toan-tinh/xa/29905?counted=received&" + period)
	if code != http.StatusOK || !strings.Contains(body, "Tố cáo cán bộ địa chính xã") || !strings.Contains(body, "Phản ánh đèn đường hỏng") || strings.Contains(body, "Khiếu nại việc cấp giấy") {
		t.Errorf("Sa Đéc's received: %d", code)
	}
	code, body = cv.get("/admin/don-thu/toan-tinh/xa/29905?counted=resolved&" + period)
	if code != http.StatusOK || strings.Contains(body, "Tố cáo cán bộ địa chính xã") || !strings.Contains(body, "Phản ánh đèn đường hỏng") {
		t.Errorf("Sa Đéc's resolved: %d", code)
	}
	code, body = cv.get("/admin/don-thu/toan-tinh/xa/28261?kind=complaint")
	if code != http.StatusOK || !strings.Contains(body, "Khiếu nại việc cấp giấy") || !strings.Contains(body, "Thụ lý") {
		t.Errorf("Mỹ Tho's book: %d", code)
	}
	// Exports: the PDF's text names the communes and the total.
	for _, x := range []string{"xlsx", "pdf"} {
		code, b := fetch(t, cv, "/admin/don-thu/toan-tinh/xuat/"+x+"?"+period)
		if code != http.StatusOK || len(b) < 500 {
			t.Fatalf("export %s: %d", x, code)
		}
		if x == "pdf" {
			txt := pdfText(t, b)
			for _, want := range []string{"TOÀN TỈNH", "Ủy ban nhân dân phường Sa Đéc", "Ủy ban nhân dân phường Mỹ Tho", "Tổng cộng", "01/07/2026", "31/07/2026"} {
				if !strings.Contains(txt, want) {
					t.Errorf("province PDF: %q missing from %s", want, txt)
				}
			}
		}
	}
	tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "thongke", "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	code, res := api(t, f.fixture, "GET", "/api/v1/petitions/province?"+period, tok, "")
	units, _ := res["units"].([]any)
	tot, _ := res["total"].(map[string]any)
	if code != http.StatusOK || len(units) != 3 || tot["received"].(float64) != 5 {
		t.Fatalf("API province: %d %v", code, res)
	}
	// Bad input.
	for path, want := range map[string]int{
		"/admin/don-thu/toan-tinh?from=31/02/2026":                        http.StatusBadRequest,
		"/admin/don-thu/toan-tinh/xa/99999":                               http.StatusNotFound,
		"/admin/don-thu/toan-tinh/xa/29905?kind=fax":                      http.StatusUnprocessableEntity,
		"/admin/don-thu/toan-tinh/xa/29905?counted=bogus&" + period:       http.StatusUnprocessableEntity,
		"/admin/don-thu/toan-tinh/xa/29905?counted=received":              http.StatusUnprocessableEntity,
		"/admin/don-thu/toan-tinh/xuat/docx?" + period:                    http.StatusNotFound,
		"/api/v1/petitions/province?from=2026-07-31&to=2026-07-01":        http.StatusBadRequest,
		"/api/v1/petitions/province?from=2026-13-01&to=2026-07-01":        http.StatusBadRequest,
		"/admin/don-thu/toan-tinh/xa/29905?q=" + strings.Repeat("a", 201): http.StatusUnprocessableEntity,
	} {
		var code int
		if strings.HasPrefix(path, "/api/") {
			code, _ = api(t, f.fixture, "GET", path, tok, "")
		} else {
			code, _ = cv.get(path)
		}
		if code < 400 || code >= 500 || (want == http.StatusNotFound) != (code == http.StatusNotFound) {
			t.Errorf("GET %s: %d, want %d", path, code, want)
		}
	}
	// A commune sees only itself.
	xa := f.browser()
	xa.mustLogin(f.sadec.Code, "xa.sadec")
	for _, p := range []string{"/admin/don-thu/toan-tinh", "/admin/don-thu/toan-tinh/xa/28261", "/admin/don-thu/toan-tinh/xa/29905", "/admin/don-thu/toan-tinh/xuat/pdf"} {
		if code, body := xa.get(p); code != http.StatusForbidden || strings.Contains(body, "Khiếu nại việc cấp giấy") {
			t.Errorf("commune officer GET %s: %d", p, code)
		}
	}
	if _, body := xa.get("/admin/don-thu/so"); !strings.Contains(body, "Phản ánh đèn đường hỏng") || strings.Contains(body, "Khiếu nại việc cấp giấy") {
		t.Error("the commune's own book")
	}
	// Its pages offer no link to the province view it may not open; the
	// department's do.
	for _, p := range []string{"/admin/don-thu", "/admin/don-thu/so"} {
		if _, body := xa.get(p); strings.Contains(body, `href="/admin/don-thu/toan-tinh"`) {
			t.Errorf("commune officer's %s links to the province view", p)
		}
		if _, body := cv.get(p); !strings.Contains(body, `href="/admin/don-thu/toan-tinh"`) {
			t.Errorf("the department's %s has no link to the province view", p)
		}
	}
	// Another department never reaches these communes.
	other := f.browser()
	other.mustLogin("STP-B", "admin")
	for _, p := range []string{"/admin/don-thu/toan-tinh/xa/29905", "/admin/don-thu/toan-tinh/xa/28261"} {
		if code, body := other.get(p); code != http.StatusNotFound && code != http.StatusForbidden || strings.Contains(body, "Tố cáo cán bộ địa chính xã") {
			t.Errorf("tenant B GET %s: %d", p, code)
		}
	}
	if code, body := other.get("/admin/don-thu/toan-tinh?" + period); code == http.StatusOK && strings.Contains(body, "Sa Đéc") {
		t.Error("tenant B sees tenant A's communes")
	}
	// No denouncer's identity anywhere in the province view, for any role
	// (the director too: revealing stays on the petition's own page).
	for _, user := range []string{"chuyenvien", "thongke", "kiemtra", "giamdoc"} {
		b := f.browser()
		b.mustLogin("STP-A", user)
		for _, p := range []string{"/admin/don-thu/toan-tinh?" + period, "/admin/don-thu/toan-tinh/xa/29905", "/admin/don-thu/toan-tinh/xa/29905?q=" + url.QueryEscape("Giấu"),
			"/admin/don-thu/toan-tinh/xa/29905?counted=received&" + period, "/admin/don-thu/toan-tinh/xuat/xlsx?" + period, "/admin/don-thu/toan-tinh/xuat/pdf?" + period} {
			code, raw := fetch(t, b, p)
			text := string(raw)
			if strings.HasSuffix(strings.SplitN(p, "?", 2)[0], "/pdf") && code == http.StatusOK {
				text = pdfText(t, raw)
			}
			if code >= 500 {
				t.Errorf("%s GET %s: %d", user, p, code)
			}
			for _, secret := range []string{communeDenouncer, "087190005555", "Khóm 4 Kín", denouncer, "082190001234"} {
				if strings.Contains(text, secret) {
					t.Errorf("%s sees %q on %s", user, secret, p)
				}
			}
		}
	}
	code, res = api(t, f.fixture, "GET", "/api/v1/petitions/province?"+period, tok, "")
	if code != http.StatusOK || strings.Contains(jsonText(res), communeDenouncer) {
		t.Errorf("API province: %d", code)
	}
}

// TestPetitionOutcomePDF: a resolved case prints its decision, conclusion
// or reply on the letterhead with the bases in force on its day; an open
// case has none; another tenant never gets it; and a denunciation's
// conclusion never names the denouncer, whoever prints it.
func TestPetitionOutcomePDF(t *testing.T) {
	f := newPetitionFixture(t, sqlstore.SQLite)
	cv := f.browser()
	cv.mustLogin("STP-A", "chuyenvien")
	if code, _ := cv.get("/admin/don-thu/don/" + f.kn + "/quyet-dinh"); code != http.StatusNotFound {
		t.Errorf("an open complaint's decision: %d", code)
	}
	for _, id := range []string{f.kn, f.dn} {
		if code, body := cv.post("/admin/don-thu/don/"+id+"/xu-ly", url.Values{"csrf": {cv.csrf}, "handling": {"accept"}, "on": {"07/07/2026"}}); code != http.StatusSeeOther {
			t.Fatalf("accept: %d %s", code, body)
		}
	}
	f.clock.Set(time.Date(2026, 8, 10, 2, 0, 0, 0, time.UTC))
	cv = f.browser()
	cv.mustLogin("STP-A", "chuyenvien")
	for _, form := range []url.Values{
		{"action": {"dialogue"}, "on": {"05/08/2026"}, "notice_on": {"31/07/2026"}, "text": {"Hai bên thống nhất xác minh lại hồ sơ"}},
		{"action": {"resolve"}, "on": {"10/08/2026"}, "conclusion": {"partly_right"}, "decision_no": {"5/QĐ-STP"}, "text": {"Quyết định xử phạt ghi sai mức phạt."}, "amount_vnd": {"2.000.000"}},
	} {
		form.Set("csrf", cv.csrf)
		if code, body := cv.post("/admin/don-thu/don/"+f.kn+"/buoc", form); code != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", form.Get("action"), code, body)
		}
	}
	if code, body := cv.post("/admin/don-thu/don/"+f.dn+"/buoc", url.Values{"csrf": {cv.csrf}, "action": {"resolve"}, "on": {"10/08/2026"},
		"conclusion": {"right"}, "decision_no": {"7/KL-STP"}, "text": {"Công chức đã nhận tiền trái quy định."}}); code != http.StatusSeeOther {
		t.Fatalf("conclusion: %d %s", code, body)
	}
	_, page := cv.get("/admin/don-thu/don/" + f.kn)
	if !strings.Contains(page, "/admin/don-thu/don/"+f.kn+"/quyet-dinh") || !strings.Contains(page, "Quyết định giải quyết (PDF)") {
		t.Error("the petition's page links its decision")
	}
	code, raw := fetch(t, cv, "/admin/don-thu/don/"+f.kn+"/quyet-dinh")
	if code != http.StatusOK || !strings.HasPrefix(string(raw), "%PDF") {
		t.Fatalf("decision PDF: %d", code)
	}
	if d := os.Getenv("TUPHAP_SCREENSHOTS"); d != "" {
		os.WriteFile(filepath.Join(d, "pet-decision.pdf"), raw, 0o644)
	}
	txt := pdfText(t, raw)
	for _, want := range []string{"QUYẾT ĐỊNH", "Về việc giải quyết khiếu nại (lần hai)", "Số: 5/QĐ-STP ", "ngày 10 tháng 8 năm 2026",
		"Luật số 136/2025/QH15", "Nghị định số 155/2026/NĐ-CP", "Nguyễn Văn Công Khai", "Kết quả đối thoại ngày 05/08/2026", "Hai bên thống nhất",
		"Quyết định xử phạt ghi sai mức phạt.", "Điều 1.", "đúng một phần", "2.000.000 đồng", "khởi kiện vụ án hành chính", "Nơi nhận"} {
		if !strings.Contains(txt, want) {
			t.Errorf("decision PDF: %q missing from %s", want, txt)
		}
	}
	if strings.Contains(txt, "Nghị định số 156/2026") || strings.Contains(txt, "lần hai (Điều 33") {
		t.Errorf("decision PDF: a second-instance decision cites a denunciation decree or a second complaint: %s", txt)
	}
	for _, user := range []string{"chuyenvien", "thongke", "kiemtra", "giamdoc"} {
		b := f.browser()
		b.mustLogin("STP-A", user)
		code, raw := fetch(t, b, "/admin/don-thu/don/"+f.dn+"/quyet-dinh")
		if code != http.StatusOK {
			t.Fatalf("%s: conclusion PDF %d", user, code)
		}
		txt := pdfText(t, raw)
		for _, want := range []string{"KẾT LUẬN NỘI DUNG TỐ CÁO", "Nghị định số 156/2026/NĐ-CP", "Công chức đã nhận tiền trái quy định.", "Nội dung tố cáo là đúng", "Người bị tố cáo"} {
			if !strings.Contains(txt, want) {
				t.Errorf("%s: conclusion PDF: %q missing from %s", user, want, txt)
			}
		}
		for _, secret := range []string{denouncer, "082190001234", "Ấp Bí Mật"} {
			if strings.Contains(txt, secret) || strings.Contains(string(raw), secret) {
				t.Errorf("%s: the conclusion PDF names the denouncer (%q)", user, secret)
			}
		}
	}
	other := f.browser()
	other.mustLogin("STP-B", "admin")
	if code, _ := other.get("/admin/don-thu/don/" + f.kn + "/quyet-dinh"); code != http.StatusNotFound && code != http.StatusForbidden {
		t.Errorf("tenant B: %d", code)
	}
	if code, _ := cv.get("/admin/don-thu/don/00000000-0000-0000-0000-000000000000/quyet-dinh"); code != http.StatusNotFound {
		t.Errorf("unknown petition: %d", code)
	}
}
