package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/survey"
)

// returnedDossier files a dossier at the desk for the signed-in test
// citizen (sim-0001) and takes it to "result returned".
func returnedDossier(t *testing.T, f *portalFixture) dossier.Dossier {
	t.Helper()
	ctx := context.Background()
	d, err := f.dossiers.Intake(ctx, desk, f.tenant.ID, dossier.IntakeRequest{Procedure: lawyerFirm, Channel: catalog.ChannelDirect,
		Applicant: dossier.Applicant{FullName: "Nguyễn Văn An", IDNumber: "001090012345", Phone: "0912345678"}})
	if err != nil {
		t.Fatal(err)
	}
	director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
	for i := 0; i < 10 && d.Status != dossier.ResultReady; i++ {
		if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
			t.Fatal(err)
		}
	}
	if !dossier.FeeSettled(&d) {
		if d, err = f.dossiers.CollectFee(ctx, desk, f.tenant.ID, d.Code, f.tenant.Name, (&ereceipt.Simulator{Now: f.clock.Now}).Issue); err != nil {
			t.Fatal(err)
		}
	}
	if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActReturn, dossier.Input{}); err != nil {
		t.Fatal(err)
	}
	return d
}

// Issue 25 item 9: the satisfaction survey (SIPAS criteria groups) is
// answered once per dossier after its result — on the portal by the
// signed-in applicant or with the receipt's code and PIN, and at the
// counter from a paper survey; the department edits the questionnaire (a
// new version; earlier answers keep theirs); the quarter's results per
// unit are on screen, in XLSX and PDF and in the API, and feed indicators
// 5.3 and 5.4 of Decision 766 beside Biểu 06 and Biểu II.07b.
func TestSatisfactionSurveys(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newPortalFixture(t, e)
		ctx := context.Background()
		for _, o := range []org.Officer{
			{Username: "giamdoc", FullName: "Trần Thị Hạnh", Role: org.Director},
			{Username: "quantri", FullName: "Phạm Văn Quản", Role: org.Admin},
		} {
			o.TenantID = f.tenant.ID
			if _, err := f.org.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		d1, d2, d3 := returnedDossier(t, f), returnedDossier(t, f), returnedDossier(t, f)
		open, err := f.dossiers.Intake(ctx, desk, f.tenant.ID, dossier.IntakeRequest{Procedure: lawyerFirm, Channel: catalog.ChannelDirect,
			Applicant: dossier.Applicant{FullName: "Nguyễn Văn An", IDNumber: "001090012345", Phone: "0912345678"}})
		if err != nil {
			t.Fatal(err)
		}

		// 1. The signed-in applicant, from their dossier's page.
		a := f.browser()
		a.signIn("sim-0001")
		mine := "/ho-so-cua-toi/" + d1.Code
		if _, page, _ := a.get(mine); !strings.Contains(page, `id="moi-khao-sat"`) {
			t.Error("the returned dossier's page does not invite to the survey")
		}
		if code, _, _ := a.get("/ho-so-cua-toi/" + open.Code + "/khao-sat"); code != http.StatusConflict {
			t.Errorf("survey of a dossier in progress: %d, want 409", code)
		}
		code, page, _ := a.get(mine + "/khao-sat")
		for _, g := range survey.Default().Groups {
			if !strings.Contains(page, g.Name) {
				t.Errorf("the questionnaire lacks the group %q", g.Name)
			}
		}
		if code != http.StatusOK || !strings.Contains(page, `name="q.officer.1"`) {
			t.Fatalf("questionnaire: %d", code)
		}
		if code, page, _ := a.post(mine+"/khao-sat", url.Values{"version": {"1"}, "q.officer.1": {"9"}}); code != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "Mức đánh giá phải từ 1") {
			t.Errorf("a score out of scale: %d", code)
		}
		if code, page, _ := a.post(mine+"/khao-sat", url.Values{"version": {"1"}}); code != http.StatusUnprocessableEntity || !strings.Contains(page, "ít nhất một tiêu chí") {
			t.Errorf("nothing answered: %d", code)
		}
		if code, _, h := a.post(mine+"/khao-sat", url.Values{"version": {"1"}, "q.officer.1": {"5"}, "q.officer.2": {"4"}, "q.feedback.1": {"4"},
			"q.feedback.2": {"2"}, "comment": {"Cán bộ tận tình"}}); code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "xong=1") {
			t.Fatalf("answer: %d %q", code, h.Get("Location"))
		}
		if _, page, _ := a.get(mine + "/khao-sat?xong=1"); !strings.Contains(page, `id="cam-on-khao-sat"`) {
			t.Error("no thanks after answering")
		}
		if code, _, _ := a.post(mine+"/khao-sat", url.Values{"version": {"1"}, "q.officer.1": {"1"}}); code != http.StatusConflict {
			t.Errorf("a second answer: %d, want 409", code)
		}

		// 2. With the code and PIN of the receipt, not signed in.
		anon := f.browser()
		if _, page, _ := anon.get("/khao-sat?ma=" + url.QueryEscape(d2.Code) + "&pin=" + d2.LookupPIN); strings.Contains(page, d2.LookupPIN) || !strings.Contains(page, `name="pin"`) {
			t.Error("the code+PIN form echoes a PIN from the address, or asks none")
		}
		wrong := "000000"
		if d2.LookupPIN == wrong {
			wrong = "111111"
		}
		if code, _, _ := anon.post("/khao-sat", url.Values{"ma": {d2.Code}, "pin": {wrong}}); code != http.StatusNotFound {
			t.Errorf("a wrong PIN: %d, want 404", code)
		}
		if code, page, _ := anon.post("/khao-sat", url.Values{"ma": {d2.Code}, "pin": {d2.LookupPIN}}); code != http.StatusOK || !strings.Contains(page, `id="phieu-khao-sat"`) {
			t.Fatalf("open the questionnaire by code and PIN: %d", code)
		}
		if code, _, _ := anon.post("/khao-sat", url.Values{"ma": {d2.Code}, "pin": {wrong}, "step": {"answer"}, "version": {"1"}, "q.result.1": {"1"}}); code != http.StatusNotFound {
			t.Errorf("answering with a wrong PIN: %d, want 404", code)
		}
		if code, _, h := anon.post("/khao-sat", url.Values{"ma": {d2.Code}, "pin": {d2.LookupPIN}, "step": {"answer"}, "version": {"1"},
			"q.result.1": {"1"}, "q.result.2": {"2"}}); code != http.StatusSeeOther || h.Get("Location") != "/khao-sat?xong=1" {
			t.Fatalf("answer by code and PIN: %d %q", code, h.Get("Location"))
		}

		// 3. The department edits the questionnaire: version 2.
		admin := f.signInAs("quantri")
		_, page, _ = admin.get("/admin/khao-sat/phieu")
		if !strings.Contains(page, `id="sua-phieu"`) {
			t.Fatal("the administrator is not offered the editor")
		}
		form := url.Values{"title": {"Phiếu khảo sát năm 2027"}}
		for _, g := range survey.Default().Groups {
			form.Set("name."+string(g.Code), g.Name)
			form.Set("lines."+string(g.Code), g.Questions[0].Text)
		}
		form.Set("lines.officer", "Công chức lịch sự\nCông chức không gây phiền hà")
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("lines.result", "  ")
		if code, page, _ := admin.post("/admin/khao-sat/phieu", bad); code != http.StatusUnprocessableEntity && code != http.StatusBadRequest ||
			!strings.Contains(page, "phải có từ 1 đến 15 câu hỏi") || !strings.Contains(page, "Công chức không gây phiền hà") {
			t.Errorf("a group without questions: %d", code)
		}
		if code, _, _ := admin.post("/admin/khao-sat/phieu", form); code != http.StatusSeeOther {
			t.Fatalf("save the questionnaire: %d", code)
		}
		if _, page, _ := admin.get("/admin/khao-sat/phieu?luu=1"); !strings.Contains(page, "Phiên bản đang dùng: 2") || !strings.Contains(page, "Phiếu khảo sát năm 2027") {
			t.Error("version 2 not in force")
		}

		// 4. The desk enters a paper survey with the new version.
		clerk := f.officerBrowser()
		if _, page, _ := clerk.get("/admin/khao-sat/nhap?ma=" + url.QueryEscape(d3.Code)); !strings.Contains(page, "Công chức không gây phiền hà") || !strings.Contains(page, `name="version" value="2"`) {
			t.Fatal("the paper-survey form does not use version 2")
		}
		if code, _, _ := clerk.post("/admin/khao-sat/nhap", url.Values{"ma": {d3.Code}, "version": {"1"}, "q.officer.1": {"3"}}); code != http.StatusConflict {
			t.Errorf("answering an outdated version: %d, want 409", code)
		}
		if code, _, _ := clerk.post("/admin/khao-sat/nhap", url.Values{"ma": {"000.00.00.H82-260302-9999"}, "version": {"2"}, "q.officer.1": {"3"}}); code != http.StatusNotFound {
			t.Errorf("an unknown dossier: %d, want 404", code)
		}
		if code, _, h := clerk.post("/admin/khao-sat/nhap", url.Values{"ma": {d3.Code}, "version": {"2"}, "q.officer.1": {"4"}, "q.officer.2": {"5"}}); code != http.StatusSeeOther {
			t.Fatalf("paper survey: %d %q", code, h.Get("Location"))
		}
		if _, page, _ := clerk.get("/admin/khao-sat/nhap?ma=" + url.QueryEscape(d3.Code)); !strings.Contains(page, `id="da-khao-sat"`) || !strings.Contains(page, "Phiếu giấy") {
			t.Error("the dossier's paper survey is not shown as recorded")
		}
		if code, _, _ := clerk.get("/admin/khao-sat"); code != http.StatusForbidden {
			t.Errorf("the clerk reads the results: %d, want 403", code)
		}
		a1, _ := f.db.Surveys().Answer(ctx, f.tenant.ID, d1.ID)
		a3, _ := f.db.Surveys().Answer(ctx, f.tenant.ID, d3.ID)
		if a1.Version != 1 || a3.Version != 2 || a3.By != "clerk" || a1.Channel != survey.Portal || a3.Channel != survey.Counter {
			t.Errorf("stored answers: %+v %+v", a1, a3)
		}

		// 5. Results: screen, exports, API.
		dir := f.signInAs("giamdoc")
		q := survey.QuarterOf(calendar.DateOf(*d1.ReturnedAt))
		code, page, _ = dir.get("/admin/khao-sat?quarter=" + q.String())
		if code != http.StatusOK || !strings.Contains(page, `id="ket-qua-khao-sat"`) || !strings.Contains(page, "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị") {
			t.Fatalf("results page: %d", code)
		}
		// officer: 5, 4 (d1) + 4, 5 (d3) = 4 of 4; result: 1, 2 = 0 of 2;
		// feedback: 4, 2 = 1 of 2; index = (100 + 0 + 50) / 3 = 50.
		if !strings.Contains(page, `id="chi-so-hai-long">50%<`) && !strings.Contains(page, `id="chi-so-hai-long">50,0%<`) {
			t.Errorf("the satisfaction index is not 50%%: %s", between(page, `id="chi-so-hai-long">`, "<"))
		}
		for _, format := range []string{"xlsx", "pdf"} {
			resp, err := dir.c.Get(f.srv.URL + "/admin/khao-sat/xuat/" + format + "?quarter=" + q.String())
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || len(body) < 100 {
				t.Errorf("results as %s: %d", format, resp.StatusCode)
				continue
			}
			if format == "xlsx" {
				x, err := excelize.OpenReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				rows, _ := x.GetRows(x.GetSheetName(0))
				var all []string
				for _, r := range rows {
					all = append(all, strings.Join(r, "|"))
				}
				if s := strings.Join(all, "\n"); !strings.Contains(s, "Toàn cơ quan|3|2|1") || !strings.Contains(s, "Sự phục vụ của công chức") {
					t.Errorf("the XLSX lacks the totals row or a group:\n%s", s)
				}
			}
		}
		// A commune attached to the department surveys too: the
		// department's page adds the province's table.
		communes, err := f.org.CreateCommunes(ctx, audit.System, f.tenant, []org.Tenant{
			{Code: "STP-A-29905", Name: "Ủy ban nhân dân phường Sa Đéc", AgencyID: "000.01.01.H82"}}, []string{"29905"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.db.Surveys().InsertAnswer(ctx, audit.System, survey.Answer{TenantID: communes[0].ID, DossierID: "xa-1", DossierCode: "XA-1",
			Version: 1, Channel: survey.Counter, Scores: map[string]int{"result.1": 5, "result.2": 5}, At: f.clock.Now(),
			ResolvedDay: calendar.DateOf(f.clock.Now()).String()}, survey.Default()); err != nil {
			t.Fatal(err)
		}
		_, page, _ = dir.get("/admin/khao-sat?quarter=" + q.String())
		// officer 4 of 4, result 2 of 4, feedback 1 of 2: (100 + 50 + 50) / 3.
		if !strings.Contains(page, "Ủy ban nhân dân phường Sa Đéc") || !strings.Contains(page, `id="chi-so-toan-tinh">66,7%<`) ||
			!strings.Contains(page, `id="chi-so-hai-long">50,0%<`) {
			t.Errorf("the province's table: %q, the department's index %q", between(page, `id="chi-so-toan-tinh">`, "<"), between(page, `id="chi-so-hai-long">`, "<"))
		}
		if code, _, _ := dir.get("/admin/khao-sat?quarter=2026-7"); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
			t.Errorf("a bad quarter: %d", code)
		}
		tok, err := f.auth.CreateToken(ctx, audit.System, "STP-A", "giamdoc", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		apiGet := func(path string) (int, map[string]any) {
			req, _ := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var m map[string]any
			json.NewDecoder(resp.Body).Decode(&m)
			return resp.StatusCode, m
		}
		code, res := apiGet("/api/v1/surveys/results?quarter=" + q.String())
		total, _ := res["total"].(map[string]any)
		prov, _ := res["province_total"].(map[string]any)
		if code != http.StatusOK || total == nil || total["surveys"] != float64(3) || total["index"] != float64(50) || prov == nil || prov["surveys"] != float64(4) {
			t.Errorf("API results: %d %v", code, res)
		}
		if code, _ := apiGet("/api/v1/surveys/results"); code != http.StatusBadRequest {
			t.Errorf("API without a quarter: %d", code)
		}
		if code, _ := apiGet("/api/v1/surveys/results?quarter=26-1"); code != http.StatusBadRequest {
			t.Errorf("API with a bad quarter: %d", code)
		}

		// 6. The reports page: every 766 indicator, 5.3 and 5.4 from the
		// surveys, and Biểu II.07b.
		from, to := calendar.DateOf(*d1.ReturnedAt).AddDays(-30), calendar.DateOf(*d1.ReturnedAt)
		_, page, _ = dir.get("/admin/reports?period=custom&from=" + from.FormatVN() + "&to=" + to.FormatVN())
		for _, code := range []string{"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5", "5.1", "5.2", "5.3", "5.4"} {
			if !strings.Contains(page, `id="cs-`+code+`"`) {
				t.Errorf("the reports page lacks indicator %s", code)
			}
		}
		if row := between(page, `id="cs-5.3"`, "</tr>"); !strings.Contains(row, `<td class="num">1</td><td class="num">2</td>`) {
			t.Errorf("5.3 is not 1 of 2 feedback answers satisfied: %s", row)
		}
		// d2 was answered "not satisfied" (1, 2): 5.4 counts it.
		if row := between(page, `id="cs-5.4"`, "</tr>"); !strings.Contains(row, `<td class="num">2</td><td class="num">3</td>`) {
			t.Errorf("5.4 is not (3 resolved − 1 surveyed not satisfied) of 3: %s", row)
		}
		if !strings.Contains(page, `id="bieu-07b"`) || !strings.Contains(page, `id="khao-sat-hai-long"`) {
			t.Error("the reports page lacks Biểu II.07b or the survey's index")
		}
		resp, err := dir.c.Get(f.srv.URL + "/admin/reports/bieu07b/xlsx")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("Biểu II.07b: %d", resp.StatusCode)
		}
		x, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows(x.GetSheetName(0))
		var all string
		for _, r := range rows {
			all += strings.Join(r, "|") + "\n"
		}
		if !strings.Contains(all, "II.07b/VPCP/KSTT") || !strings.Contains(all, "Tổng cộng: "+f.tenant.Name) {
			t.Errorf("Biểu II.07b's sheet:\n%s", all)
		}
	})
}

// between returns the text of s after from up to the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}
