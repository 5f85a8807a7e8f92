package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// addOfficer adds a unit (if needed) and an officer of tenant A.
func (f *fixture) addOfficer(t *testing.T, username string, role org.Role, unitCode string) {
	t.Helper()
	ctx := context.Background()
	o := org.Officer{TenantID: f.a.ID, Username: username, FullName: username, Role: role}
	if unitCode != "" {
		u, err := f.db.Org().UnitByCode(ctx, f.a.ID, unitCode)
		if err != nil {
			kind := org.Division
			if role == org.Liaison {
				kind = org.Agency
			}
			u, err = f.orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.a.ID, Code: unitCode, Name: "Đơn vị " + unitCode, Kind: kind})
			if err != nil {
				t.Fatal(err)
			}
		}
		o.UnitID = u.ID
	}
	if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
		t.Fatal(err)
	}
}

var codeRe = regexp.MustCompile(`000\.00\.00\.H82-\d{6}-\d{4}`)

func TestCounterIntakeAndHandOver(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		f.addOfficer(t, "cv-bttp", org.Specialist, "BTTP")
		f.addOfficer(t, "cv-hctp", org.Specialist, "HCTP")
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		// Search ignores diacritics and case.
		code, body := clerk.get("/admin/reception?q=CONG+CHUNG+VIEN")
		if code != 200 || !strings.Contains(body, "Bổ nhiệm công chứng viên") {
			t.Fatalf("procedure search: %d", code)
		}
		code, body = clerk.get("/admin/reception?procedure=notary.appointment")
		if code != 200 || !strings.Contains(body, "Thành phần hồ sơ") || !strings.Contains(body, "20 ngày làm việc") {
			t.Fatalf("intake form: %d", code)
		}
		form := url.Values{"csrf": {clerk.csrf}, "procedure": {"notary.appointment"}, "channel": {"direct"},
			"full_name": {"Nguyễn Thị Hồng Nhung"}, "id_number": {"082190001234"}, "phone": {"0912345678"}}
		// A required document not ticked: refused with guidance, nothing stored.
		code, body = clerk.post("/admin/reception", form)
		if code != http.StatusBadRequest || !strings.Contains(body, "chưa đủ thành phần") {
			t.Fatalf("incomplete intake: %d", code)
		}
		for i := range 7 {
			form.Set("doc"+string(rune('0'+i)), "1")
		}
		code, _ = clerk.post("/admin/reception", form)
		if code != http.StatusSeeOther {
			t.Fatalf("intake: %d", code)
		}
		_, body = clerk.get("/admin/dossiers?tab=mine")
		dcode := codeRe.FindString(body)
		if dcode == "" {
			t.Fatalf("the new dossier is not in the desk's queue:\n%s", body)
		}
		code, body = clerk.get("/admin/dossiers/" + dcode)
		if code != 200 || !strings.Contains(body, "Được tiếp nhận") || !strings.Contains(body, "Chuyển bước xử lý") {
			t.Fatalf("dossier page: %d", code)
		}
		if code, _ := clerk.post("/admin/dossiers/"+dcode+"/forward", url.Values{"csrf": {clerk.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("forward: %d", code)
		}
		// The specialist of HCTP neither sees nor moves a BTTP dossier.
		other := f.browser()
		other.mustLogin("STP-A", "cv-hctp")
		if code, _ := other.get("/admin/dossiers/" + dcode); code != http.StatusNotFound {
			t.Fatalf("HCTP specialist opening a BTTP dossier: %d, want 404", code)
		}
		spec := f.browser()
		spec.mustLogin("STP-A", "cv-bttp")
		_, body = spec.get("/admin/dossiers")
		if !strings.Contains(body, dcode) {
			t.Fatal("dossier missing from the BTTP queue")
		}
		spec.get("/admin/dossiers/" + dcode)
		code, body = spec.post("/admin/dossiers/"+dcode+"/request_supplement", url.Values{"csrf": {spec.csrf}})
		if code != http.StatusBadRequest || !strings.Contains(body, "lý do") {
			t.Fatalf("supplement request without a reason: %d", code)
		}
		code, _ = spec.post("/admin/dossiers/"+dcode+"/return", url.Values{"csrf": {spec.csrf}})
		if code != http.StatusConflict && code != http.StatusForbidden {
			t.Fatalf("illegal action: %d", code)
		}
		if code, _ := spec.post("/admin/dossiers/"+dcode+"/request_supplement", url.Values{"csrf": {spec.csrf}, "reason": {"Thiếu giấy chứng nhận sức khỏe"}}); code != http.StatusSeeOther {
			t.Fatalf("supplement request: %d", code)
		}
		_, body = spec.get("/admin/dossiers/" + dcode)
		if !strings.Contains(body, "Yêu cầu bổ sung giấy tờ") {
			t.Fatal("status not shown after the supplement request")
		}
	})
}

func TestDossierAPI(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321","phone":"0987654321","email":"bay@example.vn","address":"Cao Lãnh"}}`
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body)
		if code != 201 || res["status"] != float64(2) || res["due_at"] == nil || !codeRe.MatchString(res["code"].(string)) {
			t.Fatalf("create: %d %v", code, res)
		}
		dcode := res["code"].(string)
		code, res = api(t, f, "GET", "/api/v1/dossiers/"+dcode, tok, "")
		if code != 200 || res["status_name"] != "Được tiếp nhận" || len(res["events"].([]any)) != 2 {
			t.Fatalf("get: %d %v", code, res)
		}
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/forward", tok, ""); code != 200 || res["status"] != float64(4) {
			t.Fatalf("forward: %d %v", code, res)
		}
		for _, c := range []struct {
			path, body string
			want       int
		}{
			{"/api/v1/dossiers/" + dcode + "/fly", "", 404},
			{"/api/v1/dossiers/" + dcode + "/return", "", 409},
			{"/api/v1/dossiers/" + dcode + "/forward", "", 403}, // the BTTP step is not the desk's
			{"/api/v1/dossiers/" + dcode + "/withdraw", `{"reason": 5}`, 400},
			{"/api/v1/dossiers/khong-co/forward", "", 404},
			{"/api/v1/dossiers", `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"A","id_number":"12"}}`, 400},
			{"/api/v1/dossiers", `{"procedure_code":"notary.appointment","channel":"pigeon","applicant":{"full_name":"A","id_number":"082090004321"}}`, 400},
		} {
			if code, res := api(t, f, "POST", c.path, tok, c.body); code != c.want {
				t.Errorf("POST %s %s: %d %v, want %d", c.path, c.body, code, res["detail"], c.want)
			}
		}
		// Another tenant's token does not see the dossier.
		tokB, _ := f.authSvc.CreateToken(context.Background(), audit.System, "STP-B", "clerk", "t", 0)
		if code, _ := api(t, f, "GET", "/api/v1/dossiers/"+dcode, tokB, ""); code != 404 {
			t.Fatalf("tenant B reading tenant A's dossier: %d", code)
		}
		// The public catalogue search ignores diacritics.
		code, res = api(t, f, "GET", "/api/v1/procedures?q=dau+gia", "", "")
		if code != 200 || len(res["items"].([]any)) == 0 {
			t.Fatalf("procedures: %d", code)
		}
	})
}
