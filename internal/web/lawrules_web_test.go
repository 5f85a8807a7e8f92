package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

// Decree 118/2025/NĐ-CP Art. 19(5) through the HTTP API, on both engines:
// the worked example. A 10-working-day dossier (notary probation
// completion, 3.000444) accepted Mon 2/3/2026 09:00, asked to supplement on
// 4/3, supplemented Mon 9/3 09:00 is due 23/3/2026 09:00 (not 19/3); a
// second request is refused with 409.
func TestSupplementRestartAPI(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"procedure_code":"3.000444","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body)
		if code != 201 || res["due_at"] != "2026-03-16T09:00:00+07:00" {
			t.Fatalf("create: %d %v", code, res["due_at"])
		}
		dcode := res["code"].(string)
		f.clock.Add(48 * time.Hour) // Wed 4/3 09:00
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/request_supplement", tok, `{"reason":"Thiếu giấy xác nhận thời gian tập sự"}`); code != 200 || res["status"] != float64(5) {
			t.Fatalf("request: %d %v", code, res)
		}
		f.clock.Add(5 * 24 * time.Hour) // Mon 9/3 09:00
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/supplement", tok, ""); code != 200 || res["due_at"] != "2026-03-23T09:00:00+07:00" {
			t.Fatalf("supplement: %d due %v, want 23/3/2026 09:00", code, res["due_at"])
		}
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/request_supplement", tok, `{"reason":"Lần hai"}`); code != 409 {
			t.Fatalf("second request: %d %v, want 409", code, res["detail"])
		}
	})
}

// The Civil Code reading of periods in days (Civil Code 2015 Art. 147,
// 148(1), 148(5)) is a versioned tenant rule chosen on the calendar page; an
// unknown reading is refused with a message.
func TestCalendarReadingRule(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqlstore.SQLite)
	b := f.browser()
	b.mustLogin("STP-A", "admin")
	_, page := b.get("/admin/calendar")
	if !strings.Contains(page, "Theo giờ làm việc") || !strings.Contains(page, `value="civil_code"`) {
		t.Fatal("the calendar page does not offer the readings")
	}
	form := url.Values{"csrf": {b.csrf}, "effective_from": {"2026-03-01"}, "morning_start": {"07:00"}, "morning_end": {"11:30"},
		"afternoon_start": {"13:30"}, "afternoon_end": {"17:00"}, "same_day_cutoff": {"15:00"}, "legal_basis": {"Quyết định thử"}}
	form.Set("reading", "lunar")
	if code, _ := b.post("/admin/calendar/rules", form); code != http.StatusBadRequest {
		t.Fatalf("unknown reading: %d", code)
	}
	form.Set("reading", "civil_code")
	if code, body := b.post("/admin/calendar/rules", form); code != http.StatusSeeOther {
		t.Fatalf("civil code reading: %d %s", code, body)
	}
	_, page = b.get("/admin/calendar")
	if !strings.Contains(page, "Theo Bộ luật Dân sự") {
		t.Fatal("the new version's reading is not shown")
	}
}

// Officers see what changes in their catalogue in the next 90 days: on
// 6/12/2026 the changes of 1/3/2027 (the end of Decree 121/2025/NĐ-CP's
// decentralisation; the new Law on Civil Status, unverified); on 2/3/2026
// nothing.
func TestProcedureUpcomingChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqlstore.SQLite)
	builtin, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	adm := &catalog.Admin{Store: sqlstore.CatalogStore{DB: f.db}, Builtin: builtin}
	w := f.wire(t, func(c *web.Config) { c.Procedures = adm })
	b := w.browser()
	b.mustLogin("STP-A", "admin")
	if _, body := b.get("/admin/procedures"); strings.Contains(body, "Thay đổi trong 90 ngày tới") {
		t.Fatal("no change within 90 days of 2/3/2026")
	}
	f.clock.Add(time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC).Sub(f.clock.Now()))
	b.mustLogin("STP-A", "admin")
	_, body := b.get("/admin/procedures")
	for _, want := range []string{"Thay đổi trong 90 ngày tới", "01/03/2027", "Nghị định 121/2025/NĐ-CP", "Luật Hộ tịch số 03/2026/QH16", "Chưa xác minh"} {
		if !strings.Contains(body, want) {
			t.Errorf("the list of changes lacks %q", want)
		}
	}
}

// Decree 118/2025/NĐ-CP Art. 17(2)(c): an online submission is accepted or
// queried within 8 working hours. The desk's queue shows the limit and
// marks it overdue; the reports page lists late acceptances beside Biểu 06.
func TestOnlineAcceptanceLimit(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		f.addOfficer(t, "thongke", org.Statistician, "")
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"procedure_code":"notary.appointment","channel":"online","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body) // Mon 2/3/2026 09:00: due Tue 09:00
		if code != 201 || res["status"] != float64(1) {
			t.Fatalf("online submission: %d %v", code, res)
		}
		id := res["id"].(string)
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		_, page := clerk.get("/admin/dossiers?tab=incoming")
		if !strings.Contains(page, "Hạn tiếp nhận trực tuyến") || !strings.Contains(page, "09:00 03/03/2026") || strings.Contains(page, "Quá hạn") {
			t.Fatal("the queue does not show the acceptance limit")
		}
		f.clock.Add(25 * time.Hour) // Tue 10:00
		clerk.mustLogin("STP-A", "clerk")
		if _, page = clerk.get("/admin/dossiers?tab=incoming"); !strings.Contains(page, "Quá hạn") {
			t.Fatal("a submission past 8 working hours is not marked overdue")
		}
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+id+"/accept", tok, ""); code != 200 {
			t.Fatalf("accept: %d %v", code, res)
		}
		dcode := res["code"].(string)
		stat := f.browser()
		stat.mustLogin("STP-A", "thongke")
		_, page = stat.get("/admin/reports?from=2026-03-01&to=2026-03-31")
		i := strings.Index(page, "Tiếp nhận hồ sơ trực tuyến trong 8 giờ làm việc")
		if i < 0 || !strings.Contains(page[i:], dcode) || !strings.Contains(page[i:], "Điều 17 khoản 2 điểm c") {
			t.Fatal("the report does not list the late acceptance")
		}
	})
}

// Mẫu 07 (Circular 03/2025/TT-VPCP): the dossier register for any period and
// desk, shown, printed (PDF, checked by its text) and exported (XLSX); only
// the tenant's own dossiers.
func TestDossierRegister(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321","phone":"0987654321","address":"Cao Lãnh"}}`
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body)
		if code != 201 {
			t.Fatalf("intake: %d %v", code, res)
		}
		dcode := res["code"].(string)
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		q := "?from=2026-03-01&to=2026-03-31&desk=MOTCUA"
		if _, page := b.get("/admin/register" + q); !strings.Contains(page, dcode) || !strings.Contains(page, "Trần Văn Bảy") {
			t.Fatal("the register page lacks the dossier")
		}
		if _, page := b.get("/admin/register?from=2026-04-01&to=2026-04-30"); strings.Contains(page, dcode) {
			t.Fatal("a dossier of March in April's register")
		}
		code, h, pdf := b.download("/admin/register/pdf" + q)
		if code != 200 || h.Get("Content-Type") != "application/pdf" {
			t.Fatalf("pdf: %d", code)
		}
		text := pdfText(t, pdf)
		for _, want := range []string{"SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/03/2026 đến ngày 31/03/2026", "Nơi tiếp nhận: Bộ phận Một cửa", "Trần Văn Bảy", "0987654321"} {
			if !strings.Contains(text, want) {
				t.Errorf("register PDF lacks %q:\n%s", want, text)
			}
		}
		code, _, x := b.download("/admin/register/xlsx" + q)
		if code != 200 || !strings.HasPrefix(string(x), "PK") {
			t.Fatalf("xlsx: %d", code)
		}
		wb, err := excelize.OpenReader(bytes.NewReader(x))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := wb.GetRows("SoTheoDoi")
		if len(rows) == 0 || rows[len(rows)-1][1] != dcode {
			t.Errorf("xlsx rows: %q", rows)
		}
		if code, _ := b.get("/admin/register?from=2026-03-01&to=2026-03-31&desk=KHONG"); code != http.StatusBadRequest {
			t.Errorf("unknown desk: %d", code)
		}
		if code, _ := b.get("/admin/register/doc" + q); code != http.StatusNotFound {
			t.Errorf("unknown format: %d", code)
		}
		other := f.browser()
		other.mustLogin("STP-B", "clerk")
		if _, page := other.get("/admin/register?from=2026-03-01&to=2026-03-31"); strings.Contains(page, dcode) {
			t.Error("another tenant's register lists the dossier")
		}
		// The book follows the dossier page's rules: a specialist of a unit
		// the dossier never reached does not find it; a statistician finds
		// it without the applicant's contact.
		ctx := context.Background()
		unit, err := f.orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.a.ID, Code: "PPB", Name: "Phòng Phổ biến", Kind: org.Division})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []org.Officer{{TenantID: f.a.ID, Username: "cv.ppb", FullName: "Chuyên viên PPB", Role: org.Specialist, UnitID: unit.ID},
			{TenantID: f.a.ID, Username: "thongke", FullName: "Thống kê viên", Role: org.Statistician}} {
			if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		sp := f.browser()
		sp.mustLogin("STP-A", "cv.ppb")
		if _, page := sp.get("/admin/register" + q); strings.Contains(page, dcode) || strings.Contains(page, "Trần Văn Bảy") {
			t.Error("a specialist of another unit reads the dossier in the register")
		}
		st := f.browser()
		st.mustLogin("STP-A", "thongke")
		if _, page := st.get("/admin/register" + q); !strings.Contains(page, dcode) || strings.Contains(page, "0987654321") || strings.Contains(page, "Cao Lãnh") {
			t.Error("the statistician's register: the dossier without the applicant's contact")
		}
	})
}
