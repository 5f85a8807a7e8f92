package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/legalaid"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// enableLegalAid turns the legal-aid register on in a test server.
func enableLegalAid(t testing.TB, s *web.Server, db *sqlstore.DB) {
	t.Helper()
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	s.EnableLegalAid(&web.LegalAid{Service: &legalaid.Service{Store: db.LegalAid(), Working: cal.IsWorkingDay, Now: db.Now}})
}

// laSetup gives the portal fixture's tenant the centre, a branch, a
// legal-aid officer "tgv", a statistician "thongke" and two providers.
func laSetup(t *testing.T, f *portalFixture) (lawyer legalaid.Provider) {
	t.Helper()
	ctx := context.Background()
	orgSvc := &org.Service{Store: sqlstore.OrgStore{DB: f.db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy}
	for _, o := range []org.Officer{
		{TenantID: f.tenant.ID, Username: "tgv", FullName: "Trần Thị Trợ Giúp", Role: org.LegalAidOfficer},
		{TenantID: f.tenant.ID, Username: "thongke", FullName: "Cán bộ thống kê", Role: org.Statistician},
	} {
		if _, err := orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	svc := &legalaid.Service{Store: f.db.LegalAid(), Now: f.clock.Now}
	a := legalaid.Actor{Name: "setup"}
	for _, u := range []legalaid.Unit{{Code: "TT", Name: "Trung tâm Trợ giúp pháp lý nhà nước tỉnh A"}, {Code: "CN1", Name: "Chi nhánh số 1"}} {
		if _, err := svc.SaveUnit(ctx, a, f.tenant.ID, u); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	lawyer, err = svc.SaveProvider(ctx, a, f.tenant.ID, legalaid.Provider{Kind: legalaid.ProviderContracted, FullName: "Luật sư Võ Minh Khang",
		UnitCode: "TT", Organisation: "Văn phòng Luật sư Khang", ContractNo: "12/HĐ-TGPL", From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	to := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	if _, err := svc.SaveProvider(ctx, a, f.tenant.ID, legalaid.Provider{Kind: legalaid.ProviderCollaborator, FullName: "Cộng tác viên Hết Hạn",
		UnitCode: "TT", ContractNo: "3/QĐ", From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: &to}); err != nil {
		t.Fatal(err)
	}
	return lawyer
}

func (b *citizenBrowser) multipart(path string, fields map[string]string, name string, data []byte) (int, string, http.Header) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", b.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

var laIDRe = regexp.MustCompile(`/tro-giup-phap-ly/cua-toi/([0-9a-f-]{36})`)

// A citizen asks online with proof attached and follows the request; the
// centre's officer accepts it (file code), assigns a lawyer (not one out of
// contract), closes and assesses it; the citizen sees the progress, another
// citizen does not; the statistician sees the figures but not the book.
func TestLegalAidJourneyHTTP(t *testing.T) {
	t.Parallel()
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{LegalAid: true})
	lawyer := laSetup(t, f)

	cit := f.browser()
	cit.signIn("sim-0001")
	if code, body, _ := cit.get("/tro-giup-phap-ly/yeu-cau"); code != http.StatusOK || !strings.Contains(body, "K6a") || strings.Contains(body, "K7g –") {
		t.Fatalf("request form: %d (groups of 2026: K6a yes, 7(g) no)", code)
	}
	// A form with mistakes comes back with every field's message.
	code, body, _ := cit.multipart("/tro-giup-phap-ly/yeu-cau", map[string]string{"summary": ""}, "", nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Chọn hình thức trợ giúp pháp lý.") || !strings.Contains(body, "Nhập nội dung vụ việc.") {
		t.Fatalf("bad form: %d", code)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	code, body, _ = cit.multipart("/tro-giup-phap-ly/yeu-cau", map[string]string{"group": "K2", "form": "TV", "field": "land",
		"summary": "Tranh chấp ranh giới đất với hàng xóm", "other.full_name": "Đinh Văn Lân", "requester.phone": "0912345678"}, "ho-ngheo.pdf", pdf)
	if code != http.StatusCreated {
		t.Fatalf("request: %d %s", code, body)
	}
	ref := regexp.MustCompile(`TGPL-2026-[0-9A-Z]{8}`).FindString(body)
	pin := regexp.MustCompile(`id="ma-tra-cuu">(\d{6})<`).FindStringSubmatch(body)
	if ref == "" || pin == nil {
		t.Fatal("no reference or PIN after filing")
	}
	_, home, _ := cit.get("/tro-giup-phap-ly")
	m := laIDRe.FindStringSubmatch(home)
	if m == nil || !strings.Contains(home, ref) {
		t.Fatal("my requests do not list the request")
	}
	id := m[1]
	other := f.browser()
	other.signIn("sim-0002")
	if code, body, _ := other.get("/tro-giup-phap-ly/cua-toi/" + id); code != http.StatusNotFound || strings.Contains(body, "ranh giới") {
		t.Fatalf("another citizen's view: %d", code)
	}
	if code, _, _ := other.multipart("/tro-giup-phap-ly/cua-toi/"+id+"/tai-lieu", nil, "x.pdf", pdf); code != http.StatusNotFound {
		t.Fatalf("another citizen's upload: %d", code)
	}
	// The look-up with the reference and the PIN, and with a wrong PIN.
	anon := f.browser()
	if code, body, _ := anon.post("/tro-giup-phap-ly/tra-cuu", url.Values{"ref": {ref}, "pin": {pin[1]}}); code != http.StatusOK || !strings.Contains(body, "Chờ thụ lý") {
		t.Fatalf("look-up: %d", code)
	}
	wrong := "000000"
	if pin[1] == wrong {
		wrong = "111111"
	}
	if code, body, _ := anon.post("/tro-giup-phap-ly/tra-cuu", url.Values{"ref": {ref}, "pin": {wrong}}); code != http.StatusNotFound || strings.Contains(body, "Chờ thụ lý") {
		t.Fatalf("wrong PIN: %d", code)
	}

	// The statistician: figures yes, the book no.
	st := f.signInAs("thongke")
	if code, _, _ := st.get("/admin/tro-giup-phap-ly"); code != http.StatusOK {
		t.Fatalf("statistician's dashboard: %d", code)
	}
	if code, _, _ := st.get("/admin/tro-giup-phap-ly/vu-viec/" + id); code != http.StatusForbidden {
		t.Fatalf("statistician on a case: %d", code)
	}

	o := f.signInAs("tgv")
	if code, body, _ := o.get("/admin/tro-giup-phap-ly/vu-viec/" + id); code != http.StatusOK || !strings.Contains(body, "ho-ngheo.pdf") || !strings.Contains(body, "Nguyễn Văn An") {
		t.Fatalf("officer's case page: %d", code)
	}
	act := func(action string, form url.Values, want int) string {
		t.Helper()
		code, body, _ := o.post("/admin/tro-giup-phap-ly/vu-viec/"+id+"/"+action, form)
		if code != want {
			t.Fatalf("%s: %d, want %d\n%s", action, code, want, body)
		}
		return body
	}
	// Not urgent and the proof not yet checked: acceptance waits.
	if body := act("thu-ly", url.Values{"accepted_on": {"02/03/2026"}}, http.StatusUnprocessableEntity); !strings.Contains(body, "Điều 6 Thông tư 12/2018") {
		t.Fatal("accepted without proof")
	}
	act("giay-to", url.Values{"on": {"02/03/2026"}, "proofs": {"Giấy chứng nhận hộ nghèo 2026 (bản gửi trực tuyến)"}}, http.StatusSeeOther)
	act("giay-to", url.Values{"on": {"02/03/2026"}}, http.StatusConflict) // already received
	act("thu-ly", url.Values{"accepted_on": {"02/03/2026"}}, http.StatusSeeOther)
	if _, body, _ := o.get("/admin/tro-giup-phap-ly/vu-viec/" + id); !strings.Contains(body, "TT.TV.01.2026") {
		t.Fatal("no file code after acceptance")
	}
	ps, _ := f.db.LegalAid().Providers(context.Background(), f.tenant.ID)
	for _, p := range ps {
		if p.ID != lawyer.ID {
			if body := act("phan-cong", url.Values{"provider_id": {p.ID}, "assigned_on": {"02/03/2026"}}, http.StatusUnprocessableEntity); !strings.Contains(body, "ngoài thời hạn") {
				t.Fatal("assigned a provider out of contract")
			}
		}
	}
	act("phan-cong", url.Values{"provider_id": {lawyer.ID}, "assigned_on": {"02/03/2026"}}, http.StatusSeeOther)
	act("ghi-chep", url.Values{"note": {"Đã gặp người được trợ giúp, hướng dẫn hồ sơ."}}, http.StatusSeeOther)
	act("ket-thuc", url.Values{"closed_on": {"02/03/2026"}, "result": {"advised"}}, http.StatusSeeOther)
	act("danh-gia", url.Values{"method": {"result"}, "rating": {"good"}, "assessed_on": {"02/03/2026"}, "by": {"Giám đốc"}}, http.StatusUnprocessableEntity) // advice: peer review only
	act("danh-gia", url.Values{"method": {"peer"}, "rating": {"meets"}, "assessed_on": {"02/03/2026"}, "by": {"Giám đốc Trung tâm"}}, http.StatusSeeOther)
	act("thu-lao", url.Values{"fee_vnd": {"1.500.000"}}, http.StatusSeeOther)

	if _, body, _ := cit.get("/tro-giup-phap-ly/cua-toi/" + id); !strings.Contains(body, "Đã kết thúc") || !strings.Contains(body, "TT.TV.01.2026") {
		t.Fatal("the citizen does not see the closed case")
	}
	// The figures and their drill-down.
	_, body, _ = o.get("/admin/tro-giup-phap-ly?from=2026-03-01&to=2026-03-31")
	if !strings.Contains(body, `/admin/tro-giup-phap-ly/vu-viec?counted=closed&amp;from=2026-03-01&amp;to=2026-03-31`) {
		t.Fatal("no drill-down link for closed cases")
	}
	if _, body, _ := o.get("/admin/tro-giup-phap-ly/vu-viec?counted=meets&from=2026-03-01&to=2026-03-31"); !strings.Contains(body, "TT.TV.01.2026") {
		t.Fatal("drill-down does not list the assessed case")
	}
	for _, format := range []string{"xlsx", "pdf"} {
		req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/admin/tro-giup-phap-ly/xuat/"+format+"?from=2026-03-01&to=2026-03-31", nil)
		resp, err := o.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(b) < 500 {
			t.Fatalf("%s export: %d, %d bytes", format, resp.StatusCode, len(b))
		}
	}
	var rep legalaid.Report
	code, body, _ = o.get("/api/v1/legalaid/report?from=2026-03-01&to=2026-03-31")
	if err := json.Unmarshal([]byte(body), &rep); code != http.StatusOK || err != nil || rep.Requests != 1 || rep.Closed != 1 || rep.Meets != 1 || rep.Persons != 1 {
		t.Fatalf("API report: %d %v %+v", code, err, rep.Figures)
	}
	if code, _, _ := o.get("/api/v1/legalaid/report?from=x&to=2026-03-31"); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Fatalf("bad period: %d", code)
	}
}

// legalAidOfA records, in tenant A, the centre and an online request of
// citizen A (e-ID subject "sub-a") whose requester bears the marker, for
// the authorisation table; it returns the case's ID.
func legalAidOfA(t *testing.T, db *sqlstore.DB, tenantID string) string {
	t.Helper()
	ctx := context.Background()
	svc := &legalaid.Service{Store: db.LegalAid(), Now: db.Now}
	a := legalaid.Actor{Name: "setup"}
	if _, err := svc.SaveUnit(ctx, a, tenantID, legalaid.Unit{Code: "TT", Name: "Trung tâm Trợ giúp pháp lý"}); err != nil {
		t.Fatal(err)
	}
	n := db.Now()
	c, _, err := svc.Request(ctx, a, tenantID, legalaid.Case{UnitCode: "TT", Channel: legalaid.ChannelOnline, RequestedOn: time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC),
		Requester: legalaid.Person{FullName: "Trần Văn " + marker}, Group: "K2", Form: legalaid.FormAdvice, Field: legalaid.FieldCivil,
		Summary: "Yêu cầu của " + marker, PortalSub: "sub-a"})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}
