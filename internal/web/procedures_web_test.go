package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

func TestProcedureCatalogueScreens(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		builtin, err := catalog.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		adm := &catalog.Admin{Store: sqlstore.CatalogStore{DB: f.db}, Builtin: builtin}
		w := f.wire(t, func(c *web.Config) { c.Procedures = adm })
		w.dossiers.Procedure = adm.Find

		admin := w.browser()
		admin.mustLogin("STP-A", "admin")
		code, body := admin.get("/admin/procedures?q=cong+chung+vien")
		if code != 200 || !strings.Contains(body, "Bổ nhiệm công chứng viên") || strings.Contains(body, "Đấu giá") {
			t.Fatalf("search: %d", code)
		}
		code, body = admin.get("/admin/procedures/notary.appointment")
		steps := stepsTextOf(body, "/admin/procedures/notary.appointment")
		if code != 200 || steps == "" {
			t.Fatalf("edit page: %d", code)
		}
		if !strings.Contains(steps, "| specialist | 7 ngày") {
			t.Fatalf("steps text:\n%s", steps)
		}
		form := url.Values{"csrf": {admin.csrf}, "version": {"0"}, "enabled": {"1"}, "channel_direct": {"1"}, "channel_online": {"1"}, "channel_postal": {"1"}}

		// Lengthening is refused with the rule in Vietnamese; nothing stored.
		form.Set("time_limit", "22 ngày")
		form.Set("steps", strings.Replace(steps, "| specialist | 7 ngày", "| specialist | 9 ngày", 1))
		code, body = admin.post("/admin/procedures/notary.appointment", form)
		if code != http.StatusBadRequest || !strings.Contains(body, "chỉ được rút ngắn, không được kéo dài (20 ngày làm việc → 22 ngày làm việc)") {
			t.Fatalf("lengthened: %d %s", code, regexp.MustCompile(`class="error"[^<]*`).FindString(body))
		}
		// Steps that do not add up.
		form.Set("time_limit", "18 ngày")
		form.Set("steps", steps)
		if code, body := admin.post("/admin/procedures/notary.appointment", form); code != http.StatusBadRequest || !strings.Contains(body, "Tổng thời gian các bước") {
			t.Fatalf("steps not adding up: %d", code)
		}
		// Without the CSRF token.
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Del("csrf")
		if code, _ := admin.post("/admin/procedures/notary.appointment", bad); code != http.StatusForbidden {
			t.Fatalf("no CSRF: %d", code)
		}
		// Shortened: 18 working days, the specialist's step 5.
		form.Set("steps", strings.Replace(steps, "| specialist | 7 ngày", "| specialist | 5 ngày", 1))
		if code, body := admin.post("/admin/procedures/notary.appointment", form); code != http.StatusSeeOther {
			t.Fatalf("shortened: %d %s", code, body)
		}
		_, body = admin.get("/admin/procedures?q=bo+nhiem+cong+chung")
		if !strings.Contains(body, "Có sẵn, địa phương đã điều chỉnh") || !strings.Contains(body, "18 ngày làm việc") {
			t.Error("the list does not show the override")
		}
		// The counter and the dossier service use the tenant's copy.
		clerk := w.browser()
		clerk.mustLogin("STP-A", "clerk")
		if _, body := clerk.get("/admin/reception?procedure=notary.appointment"); !strings.Contains(body, "18 ngày làm việc") {
			t.Error("reception shows the built-in time limit")
		}
		d, err := w.dossiers.Intake(context.Background(), dossier.Actor{ID: "c", Name: "clerk", Role: string(org.Clerk), UnitCode: "MOTCUA"}, w.a.ID,
			dossier.IntakeRequest{Procedure: "notary.appointment", Channel: catalog.ChannelDirect, Applicant: dossier.Applicant{FullName: "Trần Văn An", IDNumber: "082190001235"}})
		if err != nil || d.TimeLimit.Amount != 18 {
			t.Fatalf("intake under the override: %v %v", d.TimeLimit, err)
		}
		if code, _ := clerk.get("/admin/procedures"); code != http.StatusForbidden {
			t.Errorf("clerk on the catalogue: %d", code)
		}
		// Tenant B keeps the built-in.
		other := w.browser()
		other.mustLogin("STP-B", "admin")
		if _, body := other.get("/admin/procedures/notary.appointment"); !strings.Contains(body, `value="20 ngày"`) {
			t.Error("tenant B sees tenant A's override")
		}

		// Fees: the legal fee of notary.card_issue (100.000 đồng) may be
		// lowered, not raised.
		code, body = admin.get("/admin/procedures/notary.card_issue")
		cardSteps := stepsTextOf(body, "/admin/procedures/notary.card_issue")
		if code != 200 || cardSteps == "" || !strings.Contains(body, `name="fee_0" value="100000"`) {
			t.Fatalf("card_issue edit page: %d", code)
		}
		fee := url.Values{"csrf": {admin.csrf}, "version": {"0"}, "enabled": {"1"}, "channel_direct": {"1"}, "channel_online": {"1"}, "channel_postal": {"1"},
			"time_limit": {"5 ngày"}, "steps": {cardSteps}, "fee_0": {"150.000"}}
		if code, body := admin.post("/admin/procedures/notary.card_issue", fee); code != http.StatusBadRequest || !strings.Contains(body, "không được cao hơn mức quy định (100.000 → 150.000 đồng)") {
			t.Fatalf("raised fee: %d", code)
		}
		fee.Set("fee_0", "80.000")
		if code, _ := admin.post("/admin/procedures/notary.card_issue", fee); code != http.StatusSeeOther {
			t.Fatalf("lowered fee: %d", code)
		}
		if _, body := clerk.get("/admin/reception?procedure=notary.card_issue"); !strings.Contains(body, "80.000 đồng") {
			t.Error("reception does not show the lowered fee")
		}

		// A local procedure.
		local := url.Values{"csrf": {admin.csrf}, "code": {"STP-01"}, "name": {"Xác nhận tham gia tư vấn pháp luật cho doanh nghiệp"},
			"field": {"legal_advice"}, "authority": {"Giám đốc Sở Tư pháp"}, "result": {"Giấy xác nhận"},
			"legal_basis": {"Quyết định số 12/2026/QĐ-UBND"}, "documents": {"Đơn đề nghị\nBản sao giấy phép"}, "enabled": {"1"},
			"channel_direct": {"1"}, "time_limit": {"3 ngày"}, "fee_new": {"50.000"},
			"steps": {"Tiếp nhận | MOTCUA | reception_clerk | 4 giờ\nXử lý | | specialist | 2 ngày\nTrả kết quả | MOTCUA | reception_clerk | 4 giờ"}}
		local.Set("name", strings.Repeat("Tên rất dài ", 200))
		if code, body := admin.post("/admin/procedures", local); code != http.StatusBadRequest || !strings.Contains(body, "Tên thủ tục dài quá") {
			t.Fatalf("oversized name: %d", code)
		}
		local.Set("name", "Xác nhận tham gia tư vấn pháp luật cho doanh nghiệp")
		local.Set("time_limit", "abc")
		if code, body := admin.post("/admin/procedures", local); code != http.StatusBadRequest || !strings.Contains(body, "không phải là thời gian") {
			t.Fatalf("bad time: %d", code)
		}
		local.Set("time_limit", "3 ngày")
		if code, body := admin.post("/admin/procedures", local); code != http.StatusSeeOther {
			t.Fatalf("add local: %d %s", code, body)
		}
		if code, body := admin.post("/admin/procedures", local); code != http.StatusBadRequest || !strings.Contains(body, "đã có trong danh mục") {
			t.Fatalf("duplicate local: %d", code)
		}
		if _, body := clerk.get("/admin/reception?q=tu+van+phap+luat+cho+doanh+nghiep"); !strings.Contains(body, "STP-01") {
			t.Error("the local procedure is not offered at the counter")
		}
		if _, body := other.get("/admin/procedures?q=STP-01"); strings.Contains(body, "Xác nhận tham gia") {
			t.Error("tenant B sees tenant A's local procedure")
		}
		_, body = admin.get("/admin/audit")
		if !strings.Contains(body, "Sửa thủ tục trong danh mục") || !strings.Contains(body, "Thêm thủ tục riêng của địa phương") {
			t.Error("catalogue edits not in the audit log")
		}
	})
}

var (
	inputRe    = regexp.MustCompile(`<input([^>]*)>`)
	attrRe     = regexp.MustCompile(`(\w+)(?:="([^"]*)")?`)
	textareaRe = regexp.MustCompile(`(?s)<textarea name="([^"]+)"[^>]*>(.*?)</textarea>`)
	selectRe   = regexp.MustCompile(`(?s)<select name="([^"]+)"[^>]*>(.*?)</select>`)
	optionRe   = regexp.MustCompile(`<option value="([^"]*)"[^>]*>`)
)

// formValues reads the fields of the first form posting to action, as a
// browser would submit them unchanged.
func formValues(page, action string) url.Values {
	i := strings.Index(page, `action="`+action+`"`)
	if i < 0 {
		return nil
	}
	page = page[i:]
	page = page[:strings.Index(page, "</form>")]
	v := url.Values{}
	for _, m := range inputRe.FindAllStringSubmatch(page, -1) {
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllStringSubmatch(m[1], -1) {
			attrs[a[1]] = html.UnescapeString(a[2])
		}
		if _, checked := attrs["checked"]; attrs["type"] == "checkbox" && !checked {
			continue
		}
		if attrs["name"] != "" {
			v.Add(attrs["name"], attrs["value"])
		}
	}
	for _, m := range textareaRe.FindAllStringSubmatch(page, -1) {
		v.Add(m[1], html.UnescapeString(m[2]))
	}
	// A select sends its selected option, else its first.
	for _, m := range selectRe.FindAllStringSubmatch(page, -1) {
		opts := optionRe.FindAllStringSubmatch(m[2], -1)
		if len(opts) == 0 {
			continue
		}
		pick := opts[0]
		for _, o := range opts {
			if strings.Contains(o[0], " selected") {
				pick = o
			}
		}
		v.Add(m[1], html.UnescapeString(pick[1]))
	}
	return v
}

// TestProcedureFormRoundTrip: every built-in procedure's edit form, posted
// back unchanged, is accepted (the form loses nothing the rules need) and
// stores the same procedure. It tests the form, not the storage (covered on
// both engines by TestTenantCatalogue), so it runs on SQLite only.
func TestProcedureFormRoundTrip(t *testing.T) {
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
	for _, p := range builtin {
		action := "/admin/procedures/" + p.ID
		code, page := admin.get(action)
		if code != 200 {
			t.Fatalf("%s: GET %d", p.ID, code)
		}
		form := formValues(page, action)
		if form.Get("csrf") == "" || form.Get("step_name_0") == "" || form.Get("steps_form") != "rows" {
			t.Fatalf("%s: form not found or incomplete: %v", p.ID, form)
		}
		if code, body := admin.post(action, form); code != http.StatusSeeOther {
			t.Errorf("%s: unchanged form refused: %d %s", p.ID, code, regexp.MustCompile(`class="error"[^<]*`).FindString(body))
			continue
		}
		e, err := adm.Entry(context.Background(), w.a.ID, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := e.Procedure
		if got.TimeLimit.Unit != p.TimeLimit.Unit || got.TimeLimit.Amount != p.TimeLimit.Amount && p.TimeLimit.Unit != calendar.SameDay ||
			len(got.Steps) != len(p.Steps) || len(got.ChannelRules) != len(p.ChannelRules) || got.FeeFor("") != p.FeeFor("") ||
			!slices.Equal(got.Channels, p.Channels) || got.OnlineLevel != p.OnlineLevel {
			t.Errorf("%s: stored copy differs: %v %d steps %d rules %d đồng %v %s", p.ID, got.TimeLimit, len(got.Steps), len(got.ChannelRules), got.FeeFor(""), got.Channels, got.OnlineLevel)
		}
	}
	t.Logf("%d built-in procedures saved back unchanged", len(builtin))
}
