package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/adminunit"
	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/practitioner"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// enablePractitioners turns the practitioners' registers on in a test server.
func enablePractitioners(t testing.TB, s *web.Server, db *sqlstore.DB) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s.EnablePractitioners(&web.Practitioners{Service: &practitioner.Service{Store: db.Practitioners(), InProvince: units.InProvince, Now: db.Now},
		Units: units})
}

func newPractitionerFixture(t testing.TB, e sqlstore.Engine) *fixture {
	t.Helper()
	f := newFixture(t, e, func(s *web.Server, db *sqlstore.DB) { enablePractitioners(t, s, db) })
	ctx := context.Background()
	unit := func(ten org.Tenant) string {
		u, err := f.orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "BTTP", Name: "Phòng Bổ trợ tư pháp", Kind: org.Division})
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	ua, ub := unit(f.a), unit(f.b)
	for _, o := range []org.Officer{
		{TenantID: f.a.ID, Username: "bttp", FullName: "Chuyên viên Bổ trợ tư pháp", Role: org.Specialist, UnitID: ua},
		{TenantID: f.a.ID, Username: "thongke", FullName: "Thống kê viên", Role: org.Statistician},
		{TenantID: f.b.ID, Username: "bttp", FullName: "Chuyên viên tỉnh khác", Role: org.Specialist, UnitID: ub},
	} {
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

var locRe = regexp.MustCompile(`/admin/bo-tro-tu-phap/to-chuc/([0-9a-f-]{36})`)

// The register through its screens: a refused form comes back with its
// Vietnamese field errors; an office registered by decision, a notary
// added, a suspension with its decision in the history; a report entered
// and rolled up, the missing office listed; a vi bằng registered and
// found; the figures, their drill-down, the exports and the API; the
// public directory; another department and a read-only role kept out.
func TestPractitionerScreens(t *testing.T) {
	t.Parallel()
	f := newPractitionerFixture(t, sqlstore.SQLite)
	b := f.browser()
	b.mustLogin(f.a.Code, "bttp")
	code, body := b.post("/admin/bo-tro-tu-phap/to-chuc", url.Values{"csrf": {b.csrf}, "kind": {"notary_office"}, "name": {""},
		"registered_on": {"31/02/2020"}, "commune_code": {"00004"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Nhập tên tổ chức.") || !strings.Contains(body, "không thuộc tỉnh") ||
		!strings.Contains(body, "Nhập số quyết định hoặc mã hồ sơ") {
		t.Fatalf("refused form: %d %s", code, body)
	}
	reg := func(kind, name, regNo string) string {
		t.Helper()
		code, _ := b.post("/admin/bo-tro-tu-phap/to-chuc", url.Values{"csrf": {b.csrf}, "kind": {kind}, "name": {name}, "reg_no": {regNo},
			"registered_on": {"01/03/2020"}, "commune_code": {"29905"}, "address": {"1 Hùng Vương"}, "head": {"Lê Văn Tâm"},
			"decision_no": {"12/QĐ-STP"}, "decision_on": {"01/03/2020"}})
		if code != http.StatusSeeOther {
			t.Fatalf("register %s: %d", name, code)
		}
		_, list := b.get("/admin/bo-tro-tu-phap/to-chuc?q=" + url.QueryEscape(name))
		m := locRe.FindStringSubmatch(list)
		if m == nil {
			t.Fatalf("%s not listed", name)
		}
		return m[1]
	}
	office := reg("notary_office", "Văn phòng công chứng Sa Đéc", "41.01/TP-CC")
	other := reg("notary_office", "Văn phòng công chứng Tạm Ngừng", "41.02/TP-CC")
	reg("notary_office", "Văn phòng công chứng Chưa Báo Cáo", "41.03/TP-CC")
	bailiffs := reg("bailiff_office", "Văn phòng Thừa phát lại Sa Đéc", "10/TP-TPL")
	if code, _ := b.post("/admin/bo-tro-tu-phap/to-chuc/"+office+"/nguoi", url.Values{"csrf": {b.csrf}, "full_name": {"Trần Văn Lộc"},
		"birth_date": {"12/09/1954"}, "appointed_on": {"01/03/2015"}, "card_no": {"0301/CCV"}, "practising_on": {"1"},
		"decision_no": {"301/QĐ-UBND"}, "decision_on": {"01/03/2015"}}); code != http.StatusSeeOther {
		t.Fatalf("add a notary: %d", code)
	}
	if code, body := b.post("/admin/bo-tro-tu-phap/to-chuc/"+office+"/thay-doi", url.Values{"csrf": {b.csrf}, "kind": {"resumed"},
		"on": {"01/02/2026"}, "decision_no": {"1/QĐ"}, "decision_on": {"01/02/2026"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Không thể ghi") {
		t.Fatalf("resuming an active office: %d", code)
	}
	if code, _ := b.post("/admin/bo-tro-tu-phap/to-chuc/"+other+"/thay-doi", url.Values{"csrf": {b.csrf}, "kind": {"suspended"},
		"on": {"01/02/2026"}, "decision_no": {"45/QĐ-STP"}, "decision_on": {"01/02/2026"}}); code != http.StatusSeeOther {
		t.Fatalf("suspend: %d", code)
	}
	_, page := b.get("/admin/bo-tro-tu-phap/to-chuc/" + other)
	if !strings.Contains(page, "Tạm ngừng, đình chỉ") || !strings.Contains(page, "QĐ 45/QĐ-STP ngày 01/02/2026") {
		t.Errorf("history of the suspension not shown")
	}
	_, page = b.get("/admin/bo-tro-tu-phap/to-chuc/" + office)
	if !strings.Contains(page, "Trần Văn Lộc") || !strings.Contains(page, "Dừng hành nghề từ 02/07/2027") {
		t.Errorf("the notary and his stop day (Art. 76(5)) not shown")
	}
	if _, age := b.get("/admin/bo-tro-tu-phap/tuoi"); !strings.Contains(age, "Trần Văn Lộc") || !strings.Contains(age, "02/07/2027") {
		t.Errorf("age list")
	}
	// A report entered for the office: col2 must equal col3 + col5.
	if code, body := b.post("/admin/bo-tro-tu-phap/to-chuc/"+office+"/bao-cao", url.Values{"csrf": {b.csrf}, "year": {"2025"},
		"period": {"year"}, "c2": {"10"}, "c3": {"3"}, "c5": {"3"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Cột 2 (10) phải bằng cột 3") {
		t.Fatalf("inconsistent report: %d", code)
	}
	if code, _ := b.post("/admin/bo-tro-tu-phap/to-chuc/"+office+"/bao-cao", url.Values{"csrf": {b.csrf}, "year": {"2025"},
		"period": {"year"}, "c1": {"2"}, "c2": {"1.250"}, "c3": {"1.000"}, "c5": {"250"}, "c7": {"437.500.000"}}); code != http.StatusSeeOther {
		t.Fatalf("report: %d", code)
	}
	_, roll := b.get("/admin/bo-tro-tu-phap/bao-cao?profession=notary&year=2025&period=year")
	if !strings.Contains(roll, "1/2</strong> tổ chức") || strings.Contains(excerpt(roll, "chua-gui"), "Tạm Ngừng") || !strings.Contains(roll, "437.500.000") || !strings.Contains(excerpt(roll, "chua-gui"), "Chưa Báo Cáo") {
		t.Errorf("roll-up: %s", excerpt(roll, "da-gui"))
	}
	for _, f := range []string{"xlsx", "pdf"} {
		if code, _ := b.get("/admin/bo-tro-tu-phap/bao-cao/xuat/" + f + "?profession=notary&year=2025&period=year"); code != http.StatusOK {
			t.Errorf("roll-up %s: %d", f, code)
		}
		if code, _ := b.get("/admin/bo-tro-tu-phap/xuat/" + f + "?from=2026-01-01&to=2026-03-01"); code != http.StatusOK {
			t.Errorf("figures %s: %d", f, code)
		}
	}
	// Vi bằng.
	if code, _ := b.post("/admin/bo-tro-tu-phap/vi-bang", url.Values{"csrf": {b.csrf}, "office_id": {bailiffs}, "no": {"150/2026/VB"},
		"title": {"Ghi nhận hiện trạng nhà đất"}, "requester": {"Công ty TNHH Minh Phát"}, "made_on": {"25/02/2026"}, "received_on": {"27/02/2026"}}); code != http.StatusSeeOther {
		t.Fatalf("vi bằng: %d", code)
	}
	if _, vb := b.get("/admin/bo-tro-tu-phap/vi-bang?q=minh+ph%C3%A1t"); !strings.Contains(vb, "1/2026/VB") || !strings.Contains(vb, "150/2026/VB") {
		t.Errorf("vi bằng look-up")
	}
	// Figures and drill-down.
	dcode, dash := b.get("/admin/bo-tro-tu-phap?from=2026-01-01&to=2026-03-01")
	if !strings.Contains(dash, "1 công chứng viên phải dừng hành nghề trong 24 tháng tới") {
		t.Errorf("dashboard's age warning missing: %d %s", dcode, excerpt(dash, "<main"))
	}
	if _, drill := b.get("/admin/bo-tro-tu-phap/so-lieu?subject=org&profession=notary&count=status%3Asuspended&from=2026-01-01&to=2026-03-01"); !strings.Contains(drill, "Tạm Ngừng") || strings.Contains(drill, "Công chứng Sa Đéc</a>") {
		t.Errorf("drill-down of suspended notary offices")
	}
	if code, _ := b.get("/admin/bo-tro-tu-phap/so-lieu?subject=x&count=new"); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Errorf("a bad drill-down: %d", code)
	}
	// API.
	resp, err := b.c.Get(b.origin + "/api/v1/practitioners/organisations/" + other)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Organisation struct{ Status string }
		History      []struct {
			Kind       string `json:"kind"`
			DecisionNo string `json:"decision_no"`
		}
	}
	json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if got.Organisation.Status != "suspended" || len(got.History) != 2 || got.History[1].DecisionNo != "45/QĐ-STP" {
		t.Errorf("API organisation: %+v", got)
	}
	// Public directory: the status, never the head's name.
	anon := f.browser()
	code, dir := anon.get("/to-chuc-hanh-nghe?q=c%C3%B4ng+ch%E1%BB%A9ng")
	if code != http.StatusOK || !strings.Contains(dir, "Văn phòng công chứng Sa Đéc") || !strings.Contains(dir, "Tạm ngừng, đình chỉ") || strings.Contains(dir, "Lê Văn Tâm") {
		t.Errorf("public directory: %d", code)
	}
	// Another department: 404; a statistician reads but does not write.
	ob := f.browser()
	ob.mustLogin(f.b.Code, "bttp")
	if code, body := ob.get("/admin/bo-tro-tu-phap/to-chuc/" + office); code != http.StatusNotFound || strings.Contains(body, "Sa Đéc") {
		t.Errorf("another department read the office: %d", code)
	}
	st := f.browser()
	st.mustLogin(f.a.Code, "thongke")
	if code, _ := st.get("/admin/bo-tro-tu-phap/to-chuc/" + office); code != http.StatusOK {
		t.Errorf("statistician reads: %d", code)
	}
	if code, _ := st.post("/admin/bo-tro-tu-phap/to-chuc/"+office+"/thay-doi", url.Values{"csrf": {st.csrf}, "kind": {"suspended"}}); code != http.StatusForbidden {
		t.Errorf("statistician writes: %d", code)
	}
}

// excerpt returns the text around an id or word, for failure messages.
func excerpt(body, near string) string {
	i := strings.Index(body, near)
	if i < 0 {
		return ""
	}
	return body[i:min(len(body), i+400)]
}
