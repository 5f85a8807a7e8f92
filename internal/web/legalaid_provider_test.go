package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
)

// TestLegalAidProviderEdit: the centre's officer changes a collaborator's
// registration dates (Art. 15–17, 19, 23 of the Legal Aid Law: outside
// them a provider cannot be assigned) on the provider's page; bad dates
// and an unknown unit are refused beside their fields with nothing
// changed; the statistician reads neither the page nor writes; an unknown
// provider is 404.
func TestLegalAidProviderEdit(t *testing.T) {
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{LegalAid: true})
	lawyer := laSetup(t, f)
	o := f.signInAs("tgv")
	_, list, _ := o.get("/admin/tro-giup-phap-ly/nguoi-thuc-hien")
	page := "/admin/tro-giup-phap-ly/nguoi-thuc-hien/" + lawyer.ID
	if !strings.Contains(list, `href="`+page+`"`) {
		t.Fatal("the list links the provider's page")
	}
	code, body, _ := o.get(page)
	if code != http.StatusOK || !strings.Contains(body, `value="01/01/2026"`) || !strings.Contains(body, `value="12/HĐ-TGPL"`) || !strings.Contains(body, "Văn phòng Luật sư Khang") {
		t.Fatalf("provider's page: %d", code)
	}
	form := url.Values{"kind": {"contracted"}, "full_name": {"Luật sư Võ Minh Khang"}, "unit_code": {"TT"}, "organisation": {"Văn phòng Luật sư Khang"},
		"contract_no": {"12/HĐ-TGPL"}, "from": {"01/01/2026"}, "to": {"31/12/2026"}}
	for _, bad := range []struct {
		field, value, want string
	}{
		{"to", "31/12/2025", "Ngày kết thúc trước ngày bắt đầu."},
		{"from", "31/02/2026", "dd/mm/yyyy"},
		{"unit_code", "CN9", "Chọn Trung tâm hoặc Chi nhánh."},
		{"full_name", "", "Nhập họ tên"},
		{"kind", "judge", "Chọn loại người thực hiện trợ giúp pháp lý."},
	} {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set(bad.field, bad.value)
		if code, body, _ := o.post(page, f); code != http.StatusUnprocessableEntity || !strings.Contains(body, bad.want) {
			t.Errorf("%s=%q: %d, want 422 with %q", bad.field, bad.value, code, bad.want)
		}
	}
	if _, body, _ := o.get(page); strings.Contains(body, "31/12/2025") || !strings.Contains(body, "(không thời hạn)") {
		t.Error("a refused change changed the provider")
	}
	if code, _, h := o.post(page, form); code != http.StatusSeeOther || h.Get("Location") != page {
		t.Fatalf("save: %d %v", code, h)
	}
	if _, body, _ := o.get(page); !strings.Contains(body, "từ 01/01/2026 đến 31/12/2026") {
		t.Error("the new end date is not shown")
	}
	st := f.signInAs("thongke")
	if code, _, _ := st.get(page); code != http.StatusForbidden {
		t.Errorf("statistician reads the provider: %d", code)
	}
	if code, _, _ := st.post(page, form); code != http.StatusForbidden {
		t.Errorf("statistician writes the provider: %d", code)
	}
	if code, _, _ := o.get("/admin/tro-giup-phap-ly/nguoi-thuc-hien/00000000-0000-0000-0000-000000000000"); code != http.StatusNotFound {
		t.Errorf("unknown provider: %d", code)
	}
	if code, _, _ := o.post("/admin/tro-giup-phap-ly/nguoi-thuc-hien/00000000-0000-0000-0000-000000000000", form); code != http.StatusNotFound {
		t.Errorf("unknown provider, POST: %d", code)
	}
}
