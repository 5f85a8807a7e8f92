package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
)

// signInAs signs an officer of the portal fixture's tenant in.
func (f *portalFixture) signInAs(user string) *citizenBrowser {
	f.t.Helper()
	o := f.browser()
	o.get("/admin/login")
	if code, _, _ := o.post("/admin/login", url.Values{"tenant": {"STP-A"}, "username": {user}, "password": {password}, "next": {"/admin/"}}); code != http.StatusSeeOther {
		f.t.Fatalf("%s sign-in: %d", user, code)
	}
	o.get("/admin/")
	return o
}

// Issue 14, item 8: a step is completed by its holder; a superior acting on
// a subordinate's step does so explicitly, with a reason the history
// keeps; the director's approval needs the result attached; a step can be
// sent back with a reason; documents are previewed inline.
func TestWorkflowControl(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	orgSvc := &org.Service{Store: sqlstore.OrgStore{DB: f.db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy}
	bttp, err := orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.tenant.ID, Code: "BTTP", Name: "Phòng Bổ trợ tư pháp", Kind: org.Division})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []org.Officer{
		{Username: "cv.bttp", FullName: "Lý Thị Tâm", Role: org.Specialist, UnitID: bttp.ID},
		{Username: "tp.bttp", FullName: "Đoàn Văn Khải", Role: org.UnitHead, UnitID: bttp.ID},
		{Username: "giamdoc", FullName: "Trần Thị Hạnh", Role: org.Director},
	} {
		o.TenantID = f.tenant.ID
		if _, err := orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	d := counterDossier(t, f, "Nguyễn Văn An", "001090012345") // at the specialist's step
	page := "/admin/dossiers/" + d.Code
	spec, head, dir := f.signInAs("cv.bttp"), f.signInAs("tp.bttp"), f.signInAs("giamdoc")

	// The unit head is offered the specialist's step only as "làm thay".
	_, body, _ := head.get(page)
	if !strings.Contains(body, "Chuyển bước xử lý (làm thay người giữ bước)") || !strings.Contains(body, `name="on_behalf" value="1"`) {
		t.Error("the unit head's page does not offer the step as an explicit 'làm thay'")
	}
	if code, body, _ := head.post(page+"/forward", url.Values{}); code != http.StatusForbidden || !strings.Contains(body, "chuyên viên") {
		t.Errorf("the unit head forwards the specialist's step without saying so: %d", code)
	}
	if code, _, _ := head.post(page+"/forward", url.Values{"on_behalf": {"1"}}); code == http.StatusSeeOther {
		t.Error("acting on behalf without a reason accepted")
	}
	// The holder completes the step; it is not marked as on behalf.
	_, body, _ = spec.get(page)
	if strings.Contains(body, "làm thay") {
		t.Error("the holder is offered 'làm thay'")
	}
	if code, _, _ := spec.post(page+"/forward", url.Values{"note": {"Đủ điều kiện"}}); code != http.StatusSeeOther {
		t.Fatalf("the specialist forwards: %d", code)
	}
	// The unit head's own step; then the director's approval.
	if code, _, _ := head.post(page+"/forward", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("the unit head forwards his step: %d", code)
	}
	// Send back with a reason, then the head forwards again.
	if code, _, _ := dir.post(page+"/send_back", url.Values{}); code == http.StatusSeeOther {
		t.Error("sent back without a reason")
	}
	if code, _, _ := dir.post(page+"/send_back", url.Values{"reason": {"Bổ sung ý kiến về trụ sở"}}); code != http.StatusSeeOther {
		t.Fatalf("send back: %d", code)
	}
	if cur, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID); cur.Current != 2 || cur.Status != dossier.Processing {
		t.Fatalf("after send back: step %d, %v", cur.Current, cur.Status)
	}
	if code, _, _ := head.post(page+"/forward", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("the unit head forwards again: %d", code)
	}
	// The approval needs the result.
	_, body, _ = dir.get(page)
	if !strings.Contains(body, "Phê duyệt, ký và chuyển trả kết quả") || !strings.Contains(body, "chưa có kết quả") {
		t.Error("the director's page does not present the approval as needing the result")
	}
	if code, body, _ := dir.post(page+"/forward", url.Values{}); code != http.StatusConflict || !strings.Contains(body, "đính kèm trước") {
		t.Errorf("approval without a result: %d", code)
	}
	if code, body, _ := dir.multipartPost(page+"/results", map[string]string{"csrf": dir.csrf, "title": "Giấy đăng ký hoạt động"}, "kq.pdf", testPDF()); code != http.StatusSeeOther {
		t.Fatalf("attach the result: %d %s", code, body)
	}
	if code, _, _ := dir.post(page+"/forward", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("approval with the result: %d", code)
	}
	cur, evs, err := f.dossiers.Get(ctx, f.tenant.ID, d.ID)
	if err != nil || cur.Status != dossier.ResultReady {
		t.Fatalf("after approval: %v %v", cur.Status, err)
	}
	var sentBack bool
	for _, ev := range evs {
		if ev.Action == dossier.ActSendBack && ev.Reason == "Bổ sung ý kiến về trụ sở" {
			sentBack = true
		}
		if ev.Action == dossier.ActForward && ev.Actor == "tp.bttp" && strings.Contains(ev.Detail, "Làm thay") {
			t.Error("the head's forward of his own step is marked as on behalf")
		}
	}
	if !sentBack {
		t.Error("the send-back is not in the history with its reason")
	}
	// The history page shows the on-behalf act of the counter helper (the
	// director forwarded the desk's step).
	if _, body, _ = dir.get(page); !strings.Contains(body, "Làm thay người giữ bước") {
		t.Error("the dossier's history does not show an on-behalf act")
	}
}

// The director's approval signs the approved result with the agency's
// signing certificate; the signed copy verifies.
func TestApprovalSignsTheResult(t *testing.T) {
	t.Parallel()
	p12, err := signature.GenerateDemo("Trần Thị Hạnh", "Sở Tư pháp tỉnh A", time.Now(), "mk")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := signature.LoadPKCS12(p12, "mk")
	if err != nil {
		t.Fatal(err)
	}
	f := newPortalFixtureWith(t, sqlstore.SQLite, portalOptions{JudicialRecord: true, Signer: signer})
	ctx := context.Background()
	orgSvc := &org.Service{Store: sqlstore.OrgStore{DB: f.db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy}
	if _, err := orgSvc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: f.tenant.ID, Username: "giamdoc", FullName: "Trần Thị Hạnh", Role: org.Director}, password); err != nil {
		t.Fatal(err)
	}
	d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
	director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
	for !dossier.IsApproval(&d) {
		if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{OnBehalf: true, Reason: "thử"}); err != nil {
			t.Fatal(err)
		}
	}
	result, err := render.NoticePDF(render.Notice{Agency: render.Agency{Name: "SỞ TƯ PHÁP", FullName: "Sở Tư pháp tỉnh A", Place: "A"},
		At: time.Now(), Title: "GIẤY ĐĂNG KÝ HOẠT ĐỘNG", Paragraphs: []string{"Văn phòng luật sư An Bình."}})
	if err != nil {
		t.Fatal(err)
	}
	dir := f.signInAs("giamdoc")
	page := "/admin/dossiers/" + d.Code
	if code, body, _ := dir.multipartPost(page+"/results", map[string]string{"csrf": dir.csrf, "title": "Giấy đăng ký hoạt động"}, "kq.pdf", result); code != http.StatusSeeOther {
		t.Fatalf("attach: %d %s", code, body)
	}
	if code, body, _ := dir.post(page+"/forward", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", code, body)
	}
	results, err := f.portal.Store.Results(ctx, f.tenant.ID, d.ID)
	if err != nil || len(results) != 2 {
		t.Fatalf("results after approval: %d %v", len(results), err)
	}
	var signed []byte
	for _, r := range results {
		if strings.HasSuffix(r.Title, "(đã ký số khi phê duyệt)") {
			if signed, err = f.portal.Store.Blob(ctx, f.tenant.ID, r.SHA256); err != nil {
				t.Fatal(err)
			}
		}
	}
	if v := signature.Verify(signed, signer.Certificate()); !v.Valid {
		t.Errorf("the approved result is not signed with the agency's certificate: %+v", v)
	}
	if cur, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID); cur.Status != dossier.ResultReady {
		t.Errorf("after approval: %v", cur.Status)
	}
}
