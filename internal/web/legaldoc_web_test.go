package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/adminunit"
	"tuphap/internal/audit"
	"tuphap/internal/legaldoc"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

// enableLegalDocs turns the legal documents register on in a test server.
func enableLegalDocs(t testing.TB, s *web.Server, db *sqlstore.DB) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s.EnableLegalDocs(&web.LegalDocs{Service: &legaldoc.Service{Store: db.LegalDocs(), InProvince: units.InProvince}, Units: units})
}

// newLegalDocFixture is tenants A and B with the register on; A has a
// specialist "chuyenvien" who keeps it and a statistician "thongke" who
// reads it.
func newLegalDocFixture(t testing.TB, e sqlstore.Engine) *fixture {
	t.Helper()
	f := newFixture(t, e, func(s *web.Server, db *sqlstore.DB) { enableLegalDocs(t, s, db) })
	for _, o := range []org.Officer{
		{TenantID: f.a.ID, Username: "chuyenvien", FullName: "Trần Thị Ngọc Hân", Role: org.Specialist, UnitID: f.unitA.ID},
		{TenantID: f.a.ID, Username: "thongke", FullName: "Lê Văn Số", Role: org.Statistician},
		{TenantID: f.b.ID, Username: "chuyenvien", FullName: "Người tỉnh khác", Role: org.Specialist, UnitID: f.unitB.ID},
	} {
		if _, err := f.orgSvc.CreateOfficer(context.Background(), audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func idFrom(t *testing.T, b *browser, loc string) string {
	t.Helper()
	i := strings.LastIndex(loc, "/")
	if i < 0 {
		t.Fatalf("no id in %q", loc)
	}
	return loc[i+1:]
}

// postLoc posts a form and returns the status and the redirect target.
func (b *browser) postLoc(path string, form url.Values) (int, string, string) {
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
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// The law book on both engines: a document with a bad date is refused
// beside the field; two documents and a repeal of one article make the
// first "partly expired"; search without diacritics finds it on the back
// office, the API and the public page; another department sees nothing.
func TestLegalDocBookWeb(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newLegalDocFixture(t, e)
		b := f.browser()
		b.mustLogin(f.a.Code, "chuyenvien")
		doc := url.Values{"kind": {"council_resolution"}, "number": {"12/2024/NQ-HĐND"}, "title": {"Quy định mức thu học phí đối với cơ sở giáo dục công lập"},
			"issuer": {"HĐND tỉnh Đồng Tháp"}, "signed_on": {"10/07/2024"}, "in_force_on": {"31/02/2024"}, "body": {"Điều 1. Phạm vi\nĐiều 3. Miễn, giảm học phí"}}
		b.get("/admin/van-ban/co-so-du-lieu/moi")
		doc.Set("csrf", b.csrf)
		code, _, body := b.postLoc("/admin/van-ban/co-so-du-lieu/moi", doc)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ngày phải có dạng dd/mm/yyyy") {
			t.Fatalf("bad date: %d", code)
		}
		doc.Set("in_force_on", "01/08/2024")
		code, loc, _ := b.postLoc("/admin/van-ban/co-so-du-lieu/moi", doc)
		if code != http.StatusSeeOther {
			t.Fatalf("create: %d", code)
		}
		feeID := idFrom(t, b, loc)
		amend := url.Values{"csrf": {b.csrf}, "kind": {"council_resolution"}, "number": {"05/2025/NQ-HĐND"}, "title": {"Sửa đổi Nghị quyết về học phí"},
			"issuer": {"HĐND tỉnh Đồng Tháp"}, "signed_on": {"10/07/2025"}, "in_force_on": {"01/08/2025"}}
		code, loc, _ = b.postLoc("/admin/van-ban/co-so-du-lieu/moi", amend)
		if code != http.StatusSeeOther {
			t.Fatalf("create 2: %d", code)
		}
		amendID := idFrom(t, b, loc)
		if code, _, body := b.postLoc("/admin/van-ban/co-so-du-lieu/"+amendID+"/tac-dong", url.Values{"csrf": {b.csrf}, "kind": {"repeals"}, "target": {"99/2024/NQ-HĐND"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Không tìm thấy văn bản số 99/2024/NQ-HĐND") {
			t.Fatalf("relation to an unknown number: %d", code)
		}
		if code, _, _ := b.postLoc("/admin/van-ban/co-so-du-lieu/"+amendID+"/tac-dong", url.Values{"csrf": {b.csrf}, "kind": {"repeals"}, "target": {"12/2024/NQ-HĐND"}, "articles": {"Điều 3"}}); code != http.StatusSeeOther {
			t.Fatalf("relate: %d", code)
		}
		if _, body := b.get("/admin/van-ban/co-so-du-lieu/" + feeID); !strings.Contains(body, "Hết hiệu lực một phần") || !strings.Contains(body, "Bị bãi bỏ bởi") {
			t.Error("the fee resolution's page does not show its partial expiry")
		}
		if _, body := b.get("/admin/van-ban/co-so-du-lieu/" + feeID + "?ngay=01/03/2025"); !strings.Contains(body, "Còn hiệu lực") {
			t.Error("before the repeal the resolution was in force")
		}
		if _, body := b.get("/admin/van-ban/co-so-du-lieu?q=nghi+quyet+hoc+phi"); !strings.Contains(body, feeID) {
			t.Error("search without diacritics does not find the resolution")
		}
		code, body = b.get("/api/v1/legaldocs/documents?q=hoc%20phi")
		var api struct {
			Documents []struct {
				ID       string `json:"id"`
				Validity struct {
					Status string `json:"status"`
				} `json:"validity"`
			} `json:"documents"`
		}
		if code != http.StatusOK || json.Unmarshal([]byte(body), &api) != nil || len(api.Documents) != 2 {
			t.Fatalf("API search: %d %s", code, body)
		}
		pub := f.browser()
		if code, body := pub.get("/van-ban?q=Nghi+quyet+hoc+phi"); code != http.StatusOK || !strings.Contains(body, "/van-ban/"+feeID) {
			t.Errorf("public search: %d", code)
		}
		if code, body := pub.get("/van-ban/" + feeID); code != http.StatusOK || !strings.Contains(body, "Hết hiệu lực một phần") || strings.Contains(body, `name="csrf"`) {
			t.Errorf("public page: %d (and no forms)", code)
		}
		other := f.browser()
		other.mustLogin(f.b.Code, "chuyenvien")
		if code, _ := other.get("/admin/van-ban/co-so-du-lieu/" + feeID); code != http.StatusNotFound {
			t.Errorf("another department reads the document: %d", code)
		}
		if _, body := other.get("/admin/van-ban/co-so-du-lieu?q=hoc+phi"); strings.Contains(body, feeID) {
			t.Error("another department's search finds it")
		}
		if code, _ := b.get("/admin/van-ban/co-so-du-lieu?kind=law"); code != http.StatusUnprocessableEntity && code != http.StatusBadRequest {
			t.Errorf("bad kind: %d", code)
		}
	})
}

// Roles: a statistician reads but cannot write; a clerk of the one-stop
// desk does not see the register.
func TestLegalDocPermissions(t *testing.T) {
	t.Parallel()
	f := newLegalDocFixture(t, sqlstore.SQLite)
	s := f.browser()
	s.mustLogin(f.a.Code, "thongke")
	for _, p := range []string{"/admin/van-ban", "/admin/van-ban/co-so-du-lieu", "/admin/van-ban/du-thao", "/admin/van-ban/kiem-tra", "/admin/van-ban/ra-soat"} {
		if code, _ := s.get(p); code != http.StatusOK {
			t.Errorf("statistician GET %s: %d", p, code)
		}
	}
	if code, _ := s.post("/admin/van-ban/du-thao/moi", url.Values{"csrf": {s.csrf}, "type": {"appraisal"}}); code != http.StatusForbidden {
		t.Errorf("statistician writes: %d", code)
	}
	c := f.browser()
	c.mustLogin(f.a.Code, "clerk")
	if code, _ := c.get("/admin/van-ban"); code != http.StatusForbidden {
		t.Errorf("clerk reads the register: %d", code)
	}
}

// A draft from request to appraisal report: the due day from the complete
// file, the report, its PDF, the response; the dashboard counts it and its
// figure drills down to it; XLSX and the API report agree.
func TestLegalDocAppraisalWeb(t *testing.T) {
	t.Parallel()
	f := newLegalDocFixture(t, sqlstore.SQLite)
	b := f.browser()
	b.mustLogin(f.a.Code, "chuyenvien")
	b.get("/admin/van-ban/du-thao/moi")
	code, loc, _ := b.postLoc("/admin/van-ban/du-thao/moi", url.Values{"csrf": {b.csrf}, "type": {"appraisal"}, "draft_kind": {"pc_decision"},
		"title": {"Dự thảo Quyết định ban hành Bảng giá đất"}, "agency": {"Sở Nông nghiệp và Môi trường"}, "received_on": {"16/02/2026"}})
	if code != http.StatusSeeOther {
		t.Fatalf("receive: %d", code)
	}
	id := idFrom(t, b, loc)
	if code, _, body := b.postLoc("/admin/van-ban/du-thao/"+id+"/bao-cao", url.Values{"csrf": {b.csrf}, "report_no": {"1/BC"}, "findings": {"x"}, "conclusion": {"y"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Chưa xác định hồ sơ đầy đủ") {
		t.Fatalf("report before a complete file: %d", code)
	}
	if code, _, _ := b.postLoc("/admin/van-ban/du-thao/"+id+"/day-du", url.Values{"csrf": {b.csrf}, "on": {"18/02/2026"}}); code != http.StatusSeeOther {
		t.Fatalf("complete: %d", code)
	}
	// 10 days from Wed 18/2/2026 end on Sat 28/2: rolled to Mon 2/3 (Civil Code Art. 148(5)).
	if _, body := b.get("/admin/van-ban/du-thao/" + id); !strings.Contains(body, "02/03/2026") {
		t.Error("the due day is not shown as 02/03/2026")
	}
	if _, body := b.get("/admin/van-ban"); !strings.Contains(body, "Bảng giá đất") {
		t.Error("the dashboard's deadlines do not list the open draft")
	}
	if code, _, _ := b.postLoc("/admin/van-ban/du-thao/"+id+"/bao-cao", url.Values{"csrf": {b.csrf}, "report_no": {"52/BC-STP"}, "on": {"02/03/2026"},
		"findings": {"Dự thảo bảo đảm tính hợp pháp."}, "conclusion": {"Đủ điều kiện trình."}}); code != http.StatusSeeOther {
		t.Fatalf("report: %d", code)
	}
	code, hdr, pdf := b.download("/admin/van-ban/du-thao/" + id + "/bao-cao.pdf")
	if code != http.StatusOK || hdr.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("report PDF: %d %s", code, hdr.Get("Content-Type"))
	}
	if code, _, _ := b.postLoc("/admin/van-ban/du-thao/"+id+"/tiep-thu", url.Values{"csrf": {b.csrf}, "response": {"Đã tiếp thu."}}); code != http.StatusSeeOther {
		t.Fatalf("response: %d", code)
	}
	if _, body := b.get("/admin/van-ban/du-thao?counted=appraisal_reported&from=2026-01-01&to=2026-12-31"); !strings.Contains(body, id) {
		t.Error("the drill-down does not list the appraised draft")
	}
	code, body := b.get("/api/v1/legaldocs/report?from=2026-01-01&to=2026-12-31")
	var rep struct {
		Appraisal struct{ Received, Reported int } `json:"appraisal"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &rep) != nil || rep.Appraisal.Reported != 1 || rep.Appraisal.Received != 1 {
		t.Fatalf("API report: %d %s", code, body)
	}
	if code, _ := b.get("/api/v1/legaldocs/report?from=2026-12-31&to=2026-01-01"); code != http.StatusUnprocessableEntity && code != http.StatusBadRequest {
		t.Errorf("reversed period: %d", code)
	}
	code, hdr, x := b.download("/admin/van-ban/xuat/xlsx?from=2026-01-01&to=2026-12-31")
	if code != http.StatusOK || !strings.Contains(hdr.Get("Content-Type"), "spreadsheet") || len(x) < 1000 {
		t.Fatalf("xlsx: %d %s", code, hdr.Get("Content-Type"))
	}
	if code, _ := b.get("/admin/van-ban/du-thao?counted=nonsense&from=2026-01-01&to=2026-12-31"); code >= 500 {
		t.Errorf("bad drill-down: %d", code)
	}
}
