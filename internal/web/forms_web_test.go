package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// pdfText extracts a PDF's text with poppler's pdftotext; the test is
// skipped where it is missing (CI installs poppler-utils).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not on PATH; CI must install poppler-utils")
		}
		t.Skip("pdftotext is not on PATH: install poppler-utils to run the slip download tests")
	}
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// download GETs a slip and returns the status, headers and body.
func (b *browser) download(path string) (int, http.Header, []byte) {
	b.f.t.Helper()
	resp, err := b.c.Get(b.origin + path)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

func TestDossierSlips(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		w := f.wire(t, nil)
		ctx := context.Background()
		// A tenant whose name carries its province, for the letterhead.
		ten, err := f.orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-DT", Name: "Sở Tư pháp tỉnh Đồng Tháp", AgencyID: "000.00.00.H18", ProvinceCode: "87"})
		if err != nil {
			t.Fatal(err)
		}
		units := map[string]org.Unit{}
		for _, u := range []org.Unit{{Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception}, {Code: "BTTP", Name: "Phòng Bổ trợ tư pháp", Kind: org.Division},
			{Code: "UBND_TINH", Name: "Ủy ban nhân dân tỉnh", Kind: org.Agency}} {
			u.TenantID = ten.ID
			if units[u.Code], err = f.orgSvc.CreateUnit(ctx, audit.System, u); err != nil {
				t.Fatal(err)
			}
		}
		for _, o := range []org.Officer{{Username: "clerk", FullName: "Lê Văn Bình", Role: org.Clerk, UnitID: units["MOTCUA"].ID},
			{Username: "admin", FullName: "Quản trị", Role: org.Admin}} {
			o.TenantID = ten.ID
			if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		clerk := dossier.Actor{ID: "c", Name: "clerk", Role: string(org.Clerk), UnitCode: "MOTCUA"}
		director := dossier.Actor{ID: "d", Name: "giamdoc", Role: string(org.Director)}
		app := dossier.Applicant{FullName: "Nguyễn Thị Hồng Nhung", IDNumber: "082190001234", Phone: "0912345678", Address: "Phường Cao Lãnh, Đồng Tháp"}
		intake := func(ch catalog.Channel) dossier.Dossier {
			d, err := w.dossiers.Intake(ctx, clerk, ten.ID, dossier.IntakeRequest{Procedure: "notary.appointment", Channel: ch, Applicant: app})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		act := func(a dossier.Actor, d dossier.Dossier, act dossier.Action, in dossier.Input) dossier.Dossier {
			key := d.Code
			if key == "" {
				key = d.ID
			}
			d, err := w.dossiers.Act(ctx, a, ten.ID, key, act, in)
			if err != nil {
				t.Fatalf("%s: %v", act, err)
			}
			return d
		}

		accepted := intake(catalog.ChannelDirect)
		supp := act(director, act(clerk, intake(catalog.ChannelDirect), dossier.ActForward, dossier.Input{}),
			dossier.ActRequestSupplement, dossier.Input{Reason: "Thiếu giấy chứng nhận sức khỏe", Items: []string{"Giấy chứng nhận sức khỏe"}})
		completion := act(clerk, intake(catalog.ChannelOnline), dossier.ActRequestCompletion, dossier.Input{Reason: "Ảnh chân dung chưa đúng cỡ 4x6"})
		refused := act(clerk, intake(catalog.ChannelOnline), dossier.ActRefuse, dossier.Input{Reason: "Hồ sơ không thuộc thẩm quyền của Sở"})
		late := act(clerk, intake(catalog.ChannelDirect), dossier.ActForward, dossier.Input{})
		newDue := late.DueAt.Add(7 * 24 * time.Hour) // the same weekday, a week on: a working day
		late = act(director, late, dossier.ActApologize, dossier.Input{Reason: "Chờ ý kiến cơ quan phối hợp về nhân thân", NewDueAt: &newDue})
		stopped := act(director, late, dossier.ActStop, dossier.Input{Reason: "Người nộp đã chết, không còn đối tượng giải quyết"})

		b := w.browser()
		b.mustLogin("STP-DT", "clerk")
		tests := []struct {
			d     dossier.Dossier
			form  string
			want  []string
			other []string // forms the dossier must not offer (409)
		}{
			{accepted, "mau-01", []string{"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", accepted.Code, "Nguyễn Thị Hồng Nhung", "Bổ nhiệm công chứng viên",
				"ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "SỞ TƯ PHÁP", "Đồng Tháp, ngày", "Lê Văn Bình", accepted.LookupPIN}, []string{"mau-02", "mau-03", "mau-04", "mau-05"}},
			{accepted, "mau-06", []string{"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", accepted.Code, "Người nộp hồ sơ"}, nil},
			{supp, "mau-02", []string{"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Thiếu giấy chứng nhận sức khỏe", supp.Code}, []string{"mau-03", "mau-05"}},
			// Before acceptance: no code, the slip is found by the dossier's ID.
			{completion, "mau-02", []string{"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Ảnh chân dung chưa đúng cỡ 4x6"}, []string{"mau-01", "mau-06", "mau-03"}},
			{refused, "mau-03", []string{"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Hồ sơ không thuộc thẩm quyền của Sở"}, []string{"mau-01", "mau-06", "mau-04"}},
			{stopped, "mau-04", []string{"Chờ ý kiến cơ quan phối hợp", stopped.Code, "Phòng Bổ trợ tư pháp", newDue.In(time.FixedZone("", 7*3600)).Format("02/01/2006")}, nil},
			{stopped, "mau-05", []string{"THÔNG BÁO", "Người nộp đã chết", stopped.Code}, []string{"mau-03"}},
		}
		for _, tc := range tests {
			key := tc.d.Code
			if key == "" {
				key = tc.d.ID
			}
			code, h, body := b.download("/admin/dossiers/" + key + "/forms/" + tc.form)
			if code != http.StatusOK {
				t.Fatalf("%s of %s (status %d): HTTP %d %s", tc.form, key, tc.d.Status, code, body)
			}
			if h.Get("Content-Type") != "application/pdf" || h.Get("Cache-Control") != "no-store" ||
				h.Get("Content-Disposition") != `inline; filename="`+key+`-`+tc.form+`.pdf"` || !strings.HasPrefix(string(body), "%PDF-") {
				t.Errorf("%s headers: %v", tc.form, h)
			}
			text := pdfText(t, body)
			for _, want := range tc.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s of %s lacks %q:\n%s", tc.form, key, want, text)
				}
			}
			for _, other := range tc.other {
				if code, _, body := b.download("/admin/dossiers/" + key + "/forms/" + other); code != http.StatusConflict || !strings.Contains(string(body), "Chưa in được") {
					t.Errorf("%s of a dossier in status %d: HTTP %d, want 409", other, tc.d.Status, code)
				}
			}
		}
		// The dossier page links the slips its state has.
		_, page := b.get("/admin/dossiers/" + stopped.Code)
		for _, f := range []string{"mau-01", "mau-04", "mau-05", "mau-06"} {
			if !strings.Contains(page, "/forms/"+f) {
				t.Errorf("dossier page lacks the %s link", f)
			}
		}
		if strings.Contains(page, "/forms/mau-03") {
			t.Error("dossier page offers Mẫu 03 for a dossier that was not refused")
		}
		// The old link names still work; unknown forms are 404.
		if code, _, _ := b.download("/admin/dossiers/" + accepted.Code + "/forms/receipt"); code != http.StatusOK {
			t.Errorf("receipt alias: %d", code)
		}
		if code, _, _ := b.download("/admin/dossiers/" + accepted.Code + "/forms/mau-99"); code != http.StatusNotFound {
			t.Errorf("unknown form: %d", code)
		}
		// Another tenant's clerk: not found. The admin (no dossier permission): forbidden.
		other := w.browser()
		other.mustLogin("STP-A", "clerk")
		if code, _, _ := other.download("/admin/dossiers/" + accepted.Code + "/forms/mau-01"); code != http.StatusNotFound {
			t.Errorf("another tenant's slip: %d, want 404", code)
		}
		adm := w.browser()
		adm.mustLogin("STP-DT", "admin")
		if code, _, _ := adm.download("/admin/dossiers/" + accepted.Code + "/forms/mau-01"); code != http.StatusForbidden {
			t.Errorf("admin without dossier permission: %d, want 403", code)
		}
		// Signed out: no slip.
		anon := w.browser()
		if code, _, _ := anon.download("/admin/dossiers/" + accepted.Code + "/forms/mau-01"); code != http.StatusSeeOther && code != http.StatusUnauthorized {
			t.Errorf("anonymous: %d", code)
		}

		// Decree 118/2025/NĐ-CP Art. 3(3), 7, 14: the provincial centre
		// receives the department's dossiers, a tenant setting in versions by
		// date. Dossiers accepted from its day name it, with its address and
		// the competent agency, on receipts, refusals and letters; earlier
		// dossiers keep the desk. A bad version is refused with a message.
		form := url.Values{"csrf": {adm.csrf}, "effective_from": {"2026-03-03"}, "organisation": {"Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"},
			"address": {"Số 1 đường Võ Trường Toản, phường Cao Lãnh"}, "centre": {"1"}, "basis": {"Nghị định 118/2025/NĐ-CP, Điều 14"}}
		bad := url.Values{"csrf": {adm.csrf}, "effective_from": {"2026-03-03"}, "organisation": {""}, "basis": {"x"}}
		if code, body := adm.post("/admin/receivers", bad); code != http.StatusBadRequest || !strings.Contains(body, "không được để trống") {
			t.Fatalf("empty organisation: %d", code)
		}
		if code, _ := adm.post("/admin/receivers", form); code != http.StatusSeeOther {
			t.Fatalf("save the receiver: %d", code)
		}
		if _, page := adm.get("/admin/receivers"); !strings.Contains(page, "Võ Trường Toản") {
			t.Fatal("the receivers page does not list the new version")
		}
		f.clock.Add(24 * time.Hour) // Tue 3/3/2026
		b.mustLogin("STP-DT", "clerk")
		centre := intake(catalog.ChannelDirect)
		rejected := act(director, act(clerk, intake(catalog.ChannelDirect), dossier.ActForward, dossier.Input{}),
			dossier.ActRefuseResolution, dossier.Input{Reason: "Không đáp ứng điều kiện bổ nhiệm"})
		refusedC := act(clerk, intake(catalog.ChannelOnline), dossier.ActRefuse, dossier.Input{Reason: "Không thuộc thẩm quyền"})
		lateC := act(clerk, intake(catalog.ChannelDirect), dossier.ActForward, dossier.Input{})
		newDueC := lateC.DueAt.Add(72 * time.Hour)
		lateC = act(director, lateC, dossier.ActApologize, dossier.Input{Reason: "Chờ cơ quan phối hợp trả lời kết quả xác minh", NewDueAt: &newDueC})
		waiting := act(director, act(clerk, intake(catalog.ChannelDirect), dossier.ActForward, dossier.Input{}),
			dossier.ActRequestSupplement, dossier.Input{Reason: "Thiếu phiếu lý lịch tư pháp"})
		f.clock.Add(15 * 24 * time.Hour)
		b.mustLogin("STP-DT", "clerk")
		returned := act(clerk, waiting, dossier.ActReturnIncomplete, dossier.Input{})
		name := "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"
		for _, c := range []struct {
			key, form string
			want      []string
		}{
			{accepted.Code, "mau-01", []string{"Bộ phận tiếp nhận và trả kết quả: Sở Tư pháp tỉnh Đồng Tháp", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"}},
			{centre.Code, "mau-01", []string{"TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Tổ chức tiếp nhận và trả kết quả: " + name, "Võ Trường Toản", "Cơ quan giải quyết hồ sơ: Sở Tư pháp tỉnh Đồng Tháp",
				"Đăng ký nhận kết quả tại: " + name}},
			{refusedC.ID, "mau-03", []string{name + " từ chối tiếp nhận", "Không thuộc thẩm quyền"}},
			{lateC.Code, "mau-04", []string{name + " tiếp nhận hồ sơ", "Chờ cơ quan phối hợp trả lời kết quả xác minh"}},
			{rejected.Code, "tu-choi-giai-quyet", []string{"VĂN BẢN TỪ CHỐI GIẢI QUYẾT HỒ SƠ", "Sở Tư pháp tỉnh Đồng Tháp từ chối giải quyết", "Không đáp ứng điều kiện bổ nhiệm", name}},
			{returned.Code, "tra-lai", []string{"PHIẾU TRẢ LẠI HỒ SƠ", name + " trả lại hồ sơ"}},
		} {
			code, _, body := b.download("/admin/dossiers/" + c.key + "/forms/" + c.form)
			if code != http.StatusOK {
				t.Fatalf("%s of %s: HTTP %d %s", c.form, c.key, code, body)
			}
			text := pdfText(t, body)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s of %s lacks %q:\n%s", c.form, c.key, w, text)
				}
			}
		}
		if code, _, _ := b.download("/admin/dossiers/" + returned.Code + "/forms/mau-05"); code != http.StatusConflict {
			t.Errorf("a dossier returned unsupplemented is not stopped (Mẫu 05): %d", code)
		}
	})
}
