package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tuphap/internal/catalog"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// stepsTextOf reads the workflow editor's rows of the form posting to
// action back as the "tên | đơn vị | vai trò | thời gian" text.
func stepsTextOf(page, action string) string {
	v := formValues(page, action)
	var b strings.Builder
	for i := 0; v.Has("step_name_" + strconv.Itoa(i)); i++ {
		n := strconv.Itoa(i)
		if v.Get("step_name_"+n) == "" {
			continue
		}
		b.WriteString(v.Get("step_name_"+n) + " | " + v.Get("step_unit_"+n) + " | " + v.Get("step_role_"+n) + " | " + v.Get("step_time_"+n) + "\n")
	}
	return b.String()
}

// Issue 14, item 9: the workflow editor is a form with the units' and
// roles' Vietnamese names, not a pipe-separated text box of English codes;
// a step is added in a blank row and removed by clearing its name.
func TestWorkflowEditorIsAForm(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqlstore.SQLite)
	builtin, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	adm := &catalog.Admin{Store: sqlstore.CatalogStore{DB: f.db}, Builtin: builtin}
	w := f.wire(t, func(c *web.Config) { c.Procedures = adm })
	admin := w.browser()
	admin.mustLogin("STP-A", "admin")
	code, page := admin.get("/admin/procedures/new")
	if code != http.StatusOK {
		t.Fatalf("new procedure: %d", code)
	}
	if strings.Contains(page, `name="steps"`) || strings.Contains(page, "reception_clerk |") || strings.Contains(page, "<code>specialist</code>") {
		t.Error("the workflow is still a text box of codes")
	}
	for _, want := range []string{`<option value="MOTCUA" selected>Bộ phận Một cửa</option>`, ">Chuyên viên xử lý<", ">Lãnh đạo cơ quan (ký, phê duyệt)<", `name="step_name_4"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the editor lacks %s", want)
		}
	}
	form := formValues(page, "/admin/procedures")
	form.Set("code", "STP-09")
	form.Set("name", "Xác nhận thử nghiệm quy trình")
	form.Set("field", "legal_advice")
	form.Set("result", "Giấy xác nhận")
	form.Set("legal_basis", "Quyết định số 1/2026/QĐ-UBND")
	form.Set("documents", "Đơn đề nghị")
	form.Set("time_limit", "5 ngày")
	// Remove the director's step (clear its name), give its day to the
	// specialist, and add a step in a blank row.
	form.Set("step_name_2", "")
	form.Set("step_time_1", "3 ngày")
	form.Set("step_name_4", "Lãnh đạo phòng ký")
	form.Set("step_unit_4", "MOTCUA")
	form.Set("step_role_4", "unit_head")
	form.Set("step_time_4", "1 ngày")
	if code, body := admin.post("/admin/procedures", url.Values(form)); code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", code, regexp.MustCompile(`class="error"[^<]*`).FindString(body))
	}
	_, page = admin.get("/admin/procedures/local.stp_09")
	steps := stepsTextOf(page, "/admin/procedures/local.stp_09")
	want := "Tiếp nhận hồ sơ | MOTCUA | reception_clerk | 4 giờ\nThẩm định, xử lý |  | specialist | 3 ngày\nTrả kết quả | MOTCUA | reception_clerk | 4 giờ\nLãnh đạo phòng ký | MOTCUA | unit_head | 1 ngày\n"
	if steps != want {
		t.Errorf("stored workflow:\n%s\nwant:\n%s", steps, want)
	}
}
