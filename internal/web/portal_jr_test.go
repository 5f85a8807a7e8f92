package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/sqlstore"
)

// jrForm is a filled online request; identity fields are left to the e-ID.
func jrForm(form string) url.Values {
	return url.Values{"for": {"self"}, "form": {form}, "purpose": {"Bổ sung hồ sơ xin việc"}, "copies": {"1"},
		"sex": {"Nam"}, "birth_place": {"Đồng Tháp"}, "ethnicity": {"Kinh"}, "phone": {"0912345678"},
		"father": {"Nguyễn Văn Bình"}, "father_year": {"1960"}, "mother": {"Lê Thị Cúc"}, "mother_year": {"1962"},
		"permanent": {"12 Lê Lợi, phường Cao Lãnh, tỉnh Đồng Tháp"}, "permanent_province": {"82"},
		"h_from0": {"05/2004"}, "h_residence0": {"Cao Lãnh, Đồng Tháp"}, "h_occupation0": {"Kỹ sư"},
		"declared": {"Trộm cắp tài sản, bản án 12/2015/HS-ST"}, "fee_category": {""}}
}

// On the portal of the provincial police (competent for judicial record
// certificates since 1/3/2025), a signed-in citizen files a request for
// certificate No. 1 online: identity from the e-ID token (a forged name or
// number in the form is ignored), stored sealed through
// judicialrecord.Service like a counter request, channel online, source
// portal; a request for No. 2 by proxy is refused with the rule's message.
func TestPortalJudicialRecordRequest(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newPortalFixtureWith(t, e, portalOptions{Agency: catalog.AgencyProvincialPolice, JudicialRecord: true})
			ctx := context.Background()
			anon := f.browser()
			if code, _, h := anon.get("/ly-lich-tu-phap"); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/dang-nhap") {
				t.Errorf("anonymous: %d %q, want a redirect to sign in", code, h.Get("Location"))
			}
			if _, page, _ := anon.get("/thu-tuc/judicial_record.certificate_police"); !strings.Contains(page, `href="/ly-lich-tu-phap"`) {
				t.Error("the procedure page does not offer the online request")
			}
			a := f.browser()
			a.signIn("sim-0001")
			code, page, _ := a.get("/ly-lich-tu-phap")
			if code != http.StatusOK || !strings.Contains(page, "Nguyễn Văn An") || !strings.Contains(page, "001090012345") || !strings.Contains(page, "12/05/1990") {
				t.Fatalf("form: %d, or the e-ID identity is not shown", code)
			}
			if len(page) > 100<<10 || strings.Contains(page, "<script") || !strings.Contains(page, `<html lang="vi">`) {
				t.Errorf("the form is %d bytes, carries script, or is not marked Vietnamese", len(page))
			}
			form := jrForm("1")
			form.Set("full_name", "Kẻ Mạo Danh") // ignored: the identity is the e-ID's
			form.Set("id_number", "079195004321")
			code, _, h := a.post("/ly-lich-tu-phap", form)
			if code != http.StatusSeeOther {
				t.Fatalf("file No. 1: %d", code)
			}
			ref := strings.TrimPrefix(h.Get("Location"), "/ho-so-cua-toi/")
			d, req, st, err := f.jr.Get(ctx, judicialrecord.Reader{}, f.tenant.ID, ref)
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != dossier.Submitted || d.Channel != catalog.ChannelOnline || d.Applicant.IDNumber != "001090012345" || d.ProcedureID != "judicial_record.certificate_police" {
				t.Errorf("dossier: status %v channel %s applicant %s procedure %s", d.Status, d.Channel, d.Applicant.IDNumber, d.ProcedureID)
			}
			if req.Person.FullName != "Nguyễn Văn An" || req.Person.IDNumber != "001090012345" || req.Person.BirthDate != "12/05/1990" ||
				req.Source != judicialrecord.SourcePortal || req.Proxy != nil || req.Form != judicialrecord.Form1 || len(req.History) != 1 {
				t.Errorf("request: %+v", req)
			}
			if st.Source != judicialrecord.SourcePortal || !strings.HasPrefix(st.Sealed, "env1.") || strings.Contains(st.Sealed, "Trộm cắp") || strings.Contains(st.Sealed, "001090012345") {
				t.Errorf("stored: source %s, not sealed", st.Source)
			}
			if d.Extra["jr_request_form"] != "12/2024/LLTP" {
				t.Errorf("request form %q, want 12/2024/LLTP", d.Extra["jr_request_form"])
			}
			if _, mine, _ := a.get("/ho-so-cua-toi"); !strings.Contains(mine, "Cấp Phiếu lý lịch tư pháp") {
				t.Error("the request is not in the citizen's dossiers")
			}
			b := f.browser()
			b.signIn("sim-0002")
			if code, _, _ := b.get("/ho-so-cua-toi/" + ref); code != http.StatusNotFound {
				t.Errorf("B sees A's request: %d", code)
			}

			// No. 2 by proxy: refused with the rule's message; nothing filed.
			before, _ := f.db.Dossiers().DossiersOf(ctx, f.tenant.ID, "001090012345", 100)
			proxy := jrForm("2")
			proxy.Set("for", "other")
			proxy.Set("full_name", "Nguyễn Văn Bình")
			proxy.Set("id_number", "001060001234")
			proxy.Set("birth_date", "01/02/1960")
			proxy.Set("proxy_relation", "child")
			code, page, _ = a.post("/ly-lich-tu-phap", proxy)
			if code != http.StatusBadRequest || !strings.Contains(page, "Không được ủy quyền yêu cầu cấp Phiếu lý lịch tư pháp số 2") {
				t.Errorf("No. 2 by proxy: %d", code)
			}
			if strings.Contains(page, "Trộm cắp") {
				t.Error("the refused form echoes the declared convictions")
			}
			after, _ := f.db.Dossiers().DossiersOf(ctx, f.tenant.ID, "001090012345", 100)
			if len(after) != len(before) {
				t.Errorf("a refused request filed a dossier: %d → %d", len(before), len(after))
			}
			// No. 1 by proxy, the proxy being the person's child: filed,
			// the proxy's identity from the e-ID, form 13/2024/LLTP.
			proxy.Set("form", "1")
			if code, _, h = a.post("/ly-lich-tu-phap", proxy); code != http.StatusSeeOther {
				t.Fatalf("No. 1 by proxy: %d", code)
			}
			d, req, _, err = f.jr.Get(ctx, judicialrecord.Reader{}, f.tenant.ID, strings.TrimPrefix(h.Get("Location"), "/ho-so-cua-toi/"))
			if err != nil || req.Proxy == nil || req.Proxy.IDNumber != "001090012345" || req.Person.IDNumber != "001060001234" || d.Extra["jr_request_form"] != "13/2024/LLTP" {
				t.Errorf("proxy request: %+v %v", req.Proxy, err)
			}
		})
	}
}

// A Department of Justice's portal, which no longer issues certificates
// since 1/3/2025, offers no online request.
func TestPortalJudicialRecordNotCompetent(t *testing.T) {
	t.Parallel()
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{JudicialRecord: true})
	a := f.browser()
	a.signIn("sim-0001")
	if code, page, _ := a.get("/ly-lich-tu-phap"); code != http.StatusNotFound || !strings.Contains(page, "Công an cấp tỉnh") {
		t.Errorf("form on a department portal: %d", code)
	}
	if code, _, _ := a.post("/ly-lich-tu-phap", jrForm("1")); code != http.StatusNotFound {
		t.Errorf("filing on a department portal: %d", code)
	}
	if _, page, _ := a.get("/thu-tuc/judicial_record.certificate_police"); strings.Contains(page, `href="/ly-lich-tu-phap"`) || !strings.Contains(page, "Công an") {
		t.Error("the department portal offers the police's procedure online")
	}
}
