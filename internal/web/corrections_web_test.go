package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// correctionFixture is the portal fixture with the judicial-support unit's
// specialist and head, the director and the administrator.
type correctionFixture struct {
	*portalFixture
	bttp      org.Unit
	spec      org.Officer
	head      org.Officer
	adminUser org.Officer
}

func newCorrectionFixture(t *testing.T, e sqlstore.Engine) *correctionFixture {
	t.Helper()
	f := &correctionFixture{portalFixture: newPortalFixture(t, e)}
	ctx := context.Background()
	orgSvc := &org.Service{Store: sqlstore.OrgStore{DB: f.db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy}
	var err error
	if f.bttp, err = orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.tenant.ID, Code: "BTTP", Name: "Phòng Bổ trợ tư pháp", Kind: org.Division}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []struct {
		to *org.Officer
		o  org.Officer
	}{
		{&f.spec, org.Officer{Username: "cv.bttp", FullName: "Lý Thị Tâm", Role: org.Specialist, UnitID: f.bttp.ID}},
		{&f.head, org.Officer{Username: "tp.bttp", FullName: "Đoàn Văn Khải", Role: org.UnitHead, UnitID: f.bttp.ID}},
		{new(org.Officer), org.Officer{Username: "giamdoc", FullName: "Trần Thị Hạnh", Role: org.Director}},
		{&f.adminUser, org.Officer{Username: "quantri", FullName: "Quản trị hệ thống", Role: org.Admin}},
	} {
		o.o.TenantID = f.tenant.ID
		if *o.to, err = orgSvc.CreateOfficer(ctx, audit.System, o.o, password); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *correctionFixture) events(t *testing.T, id string) (dossier.Dossier, []dossier.Event) {
	t.Helper()
	d, evs, err := f.dossiers.Get(context.Background(), f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return d, evs
}

func lastEvent(evs []dossier.Event, act dossier.Action) *dossier.Event {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == act {
			return &evs[i]
		}
	}
	return nil
}

// auditVerifies checks the tenant's audit chain and returns its newest
// entries.
func (f *correctionFixture) auditVerifies(t *testing.T) []audit.Entry {
	t.Helper()
	ctx := context.Background()
	if _, err := f.db.Audit().VerifyAudit(ctx, f.tenant.ID); err != nil {
		t.Fatalf("audit chain: %v", err)
	}
	es, err := f.db.Audit().AuditLog(ctx, f.tenant.ID, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func hasAudit(es []audit.Entry, action, object, detail string) bool {
	for _, e := range es {
		if e.Action == action && e.Object == object && strings.Contains(e.Detail, detail) {
			return true
		}
	}
	return false
}

const correctionReason = "Theo đề nghị của Trưởng phòng BTTP tại Phiếu số 12 ngày 02/03"

// Issue 25, item 10: the administrator moves a departing officer's work
// (the officer cannot be deactivated before), and the move is in the
// dossier's history and the audit log.
func TestCorrectionMoveWork(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newCorrectionFixture(t, e)
		d := counterDossier(t, f.portalFixture, "Nguyễn Văn An", "001090012345") // at the specialist's step
		adm, head := f.signInAs("quantri"), f.signInAs("tp.bttp")
		work := "/admin/officers/" + f.spec.ID + "/cong-viec"

		// Only the administrator opens the tools.
		if code, _, _ := head.get(work); code != http.StatusForbidden {
			t.Errorf("the unit head opens the move page: %d", code)
		}
		code, body, _ := adm.get(work)
		if code != http.StatusOK || !strings.Contains(body, d.Code) || !strings.Contains(body, "Đoàn Văn Khải") {
			t.Fatalf("the specialist's work: %d, lists the dossier %v", code, strings.Contains(body, d.Code))
		}
		// The head's own list is empty: the specialist's step is not his.
		if _, body, _ := adm.get("/admin/officers/" + f.head.ID + "/cong-viec"); !strings.Contains(body, `id="khong-giu-viec"`) {
			t.Error("the unit head is shown holding the specialist's step")
		}

		// Deactivating the specialist is refused while she holds it.
		deactivate := url.Values{"full_name": {f.spec.FullName}, "role": {string(org.Specialist)}, "unit_id": {f.bttp.ID}, "active": {"0"}}
		if code, body, _ := adm.post("/admin/officers/"+f.spec.ID, deactivate); code != http.StatusConflict || !strings.Contains(body, "đang giữ 1 hồ sơ") {
			t.Errorf("deactivating an officer who holds work: %d", code)
		}
		promote := url.Values{"full_name": {f.spec.FullName}, "role": {string(org.UnitHead)}, "unit_id": {f.bttp.ID}, "active": {"1"}}
		if code, body, _ := adm.post("/admin/officers/"+f.spec.ID, promote); code != http.StatusConflict || !strings.Contains(body, "đổi vai trò") {
			t.Errorf("changing the role of an officer who holds work: %d", code)
		}
		if o, _ := f.db.Org().Officer(context.Background(), f.tenant.ID, f.spec.ID); !o.Active || o.Role != org.Specialist {
			t.Fatal("the refused deactivation deactivated the officer")
		}

		// Bad input: 4xx, nothing moved.
		for _, c := range []struct {
			name string
			form url.Values
		}{
			{"short reason", url.Values{"codes": {d.Code}, "to": {f.head.ID}, "reason": {"nghỉ việc"}}},
			{"no officer chosen", url.Values{"codes": {d.Code}, "reason": {correctionReason}}},
			{"an officer of another unit", url.Values{"codes": {d.Code}, "to": {f.adminUser.ID}, "reason": {correctionReason}}},
			{"an unknown dossier", url.Values{"codes": {d.Code, "KHONG-CO"}, "to": {f.head.ID}, "reason": {correctionReason}}},
		} {
			code, body, _ := adm.post(work, c.form)
			if code < 400 || code >= 500 || !strings.Contains(body, `role="alert"`) {
				t.Errorf("%s: %d", c.name, code)
			}
		}
		if cur, _ := f.events(t, d.ID); cur.CurrentStep().AssigneeID != "" {
			t.Fatal("a refused move moved the step")
		}
		if code, _, _ := adm.post(work, url.Values{"codes": {d.Code}, "to": {f.head.ID}, "reason": {correctionReason}, "csrf": {"sai"}}); code != http.StatusForbidden {
			t.Errorf("a move without the form's token: %d", code)
		}

		// A letter she drafted and submitted, not yet signed, goes with her
		// work; a colleague's draft stays.
		ctx := context.Background()
		now := f.clock.Now()
		if err := f.db.Dossiers().Transact(ctx, func(tx dossier.Tx) error {
			lt := tx.(dossier.LetterTx)
			for _, l := range []dossier.Letter{
				{TenantID: f.tenant.ID, ID: "thu-cua-chi-tam", DossierID: d.ID, DossierCode: d.Code, Kind: dossier.LetterSupplement, State: dossier.LetterSubmitted,
					Drafter: dossier.Actor{ID: f.spec.ID, Name: "cv.bttp", Role: string(org.Specialist), UnitCode: "BTTP"}, UnitCode: "BTTP", CreatedAt: now, UpdatedAt: now},
				{TenantID: f.tenant.ID, ID: "thu-cua-nguoi-khac", DossierID: d.ID, DossierCode: d.Code, Kind: dossier.LetterSupplement, State: dossier.LetterDraft,
					Drafter: dossier.Actor{ID: f.head.ID, Name: "tp.bttp", Role: string(org.UnitHead), UnitCode: "BTTP"}, UnitCode: "BTTP", CreatedAt: now, UpdatedAt: now},
			} {
				if err := lt.InsertLetter(ctx, &l); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}

		// The move.
		if code, _, h := adm.post(work, url.Values{"codes": {d.Code}, "to": {f.head.ID}, "reason": {correctionReason}}); code != http.StatusSeeOther || h.Get("Location") != work {
			t.Fatalf("move: %d %s", code, h.Get("Location"))
		}
		if l, err := f.db.Dossiers().Letter(ctx, f.tenant.ID, "thu-cua-chi-tam"); err != nil || l.Drafter.ID != f.head.ID {
			t.Errorf("her submitted letter after the move: drafter %+v, %v", l.Drafter, err)
		}
		cur, evs := f.events(t, d.ID)
		if s := cur.CurrentStep(); s.AssigneeID != f.head.ID || s.Assignee != "Đoàn Văn Khải" {
			t.Errorf("the step after the move: %+v", s)
		}
		ev := lastEvent(evs, dossier.ActReassign)
		if ev == nil || ev.Reason != correctionReason || !strings.Contains(ev.Detail, "từ Lý Thị Tâm sang Đoàn Văn Khải") || ev.Actor != "quantri" {
			t.Fatalf("history line: %+v", ev)
		}
		es := f.auditVerifies(t)
		if !hasAudit(es, "dossier.reassign", "dossier:"+d.Code, correctionReason) || !hasAudit(es, "officer.work_moved", "officer:cv.bttp", "1 hồ sơ, 1 dự thảo") {
			t.Error("the move is not in the audit log")
		}
		if _, body, _ := adm.get("/admin/audit"); !strings.Contains(body, "Chuyển việc của cán bộ") || !strings.Contains(body, "Chuyển xử lý (sửa sai)") {
			t.Error("/admin/audit does not show the move")
		}
		// The dossier's page shows the line and the new holder, who acts
		// as the holder, not on anyone's behalf.
		_, body, _ = head.get("/admin/dossiers/" + d.Code)
		if !strings.Contains(body, "Chuyển xử lý (sửa sai)") || !strings.Contains(body, "giao cho Đoàn Văn Khải") || strings.Contains(body, `name="on_behalf"`) {
			t.Error("the dossier page does not show the move, or still offers 'làm thay'")
		}
		// Now she holds nothing and may leave.
		if code, _, _ := adm.post("/admin/officers/"+f.spec.ID, deactivate); code != http.StatusSeeOther {
			t.Errorf("deactivating after the move: %d", code)
		}
		if code, _, _ := head.post("/admin/dossiers/"+d.Code+"/forward", url.Values{"note": {"Đủ điều kiện"}}); code != http.StatusSeeOther {
			t.Errorf("the new holder forwards the step: %d", code)
		}
	})
}

// Issue 25, item 10: a due date reset with a reason; the legal due date
// stays for the statistics and is shown beside it.
func TestCorrectionResetDue(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newCorrectionFixture(t, e)
		d := counterDossier(t, f.portalFixture, "Nguyễn Văn An", "001090012345")
		adm := f.signInAs("quantri")
		page := "/admin/dossiers/" + d.Code + "/sua-sai"
		if code, _, _ := f.signInAs("giamdoc").get(page); code != http.StatusForbidden {
			t.Errorf("the director opens the correction page: %d", code)
		}
		code, body, _ := adm.get(page)
		legal := calendar.DateOf(*d.DueAt).FormatVN()
		if code != http.StatusOK || !strings.Contains(body, "Hạn theo quy định") || !strings.Contains(body, legal) {
			t.Fatalf("correction page: %d", code)
		}
		if strings.Contains(body, d.Applicant.IDNumber) {
			t.Error("the administrator sees the applicant's ID number")
		}
		// The dossier was accepted on Monday 2/3/2026.
		for _, c := range []struct{ name, due, reason string }{
			{"not a date", "mai", correctionReason},
			{"before reception", "27/02/2026", correctionReason},
			{"a Sunday", "15/03/2026", correctionReason},
			{"short reason", "20/03/2026", "sai hạn"},
		} {
			code, body, _ := adm.post(page+"/han", url.Values{"due": {c.due}, "reason": {c.reason}})
			if code < 400 || code >= 500 || !strings.Contains(body, `role="alert"`) {
				t.Errorf("%s: %d", c.name, code)
			}
		}
		if cur, _ := f.events(t, d.ID); len(cur.DueResets) != 0 {
			t.Fatal("a refused reset was recorded")
		}
		if code, _, _ := adm.post(page+"/han", url.Values{"due": {"20/03/2026"}, "reason": {correctionReason}}); code != http.StatusSeeOther {
			t.Fatalf("reset: %d", code)
		}
		cur, evs := f.events(t, d.ID)
		if !cur.DueAt.Equal(*d.DueAt) {
			t.Errorf("the legal due date moved from %v to %v", d.DueAt, cur.DueAt)
		}
		want := time.Date(2026, 3, 20, 17, 0, 0, 0, calendar.Zone())
		if c := cur.CorrectedDue(); c == nil || !c.Equal(want) {
			t.Errorf("corrected due %v", c)
		}
		ev := lastEvent(evs, dossier.ActResetDue)
		if ev == nil || ev.Reason != correctionReason || !strings.Contains(ev.Detail, "sang 20/03/2026") || !strings.Contains(ev.Detail, legal) {
			t.Fatalf("history line %+v", ev)
		}
		if !hasAudit(f.auditVerifies(t), "dossier.reset_due", "dossier:"+d.Code, correctionReason) {
			t.Error("the reset is not in the audit log")
		}
		_, body, _ = adm.get(page)
		if !strings.Contains(body, `id="han-dieu-chinh"`) || !strings.Contains(body, "20/03/2026") {
			t.Error("the correction page does not show the corrected due date")
		}
		_, body, _ = f.officerBrowser().get("/admin/dossiers/" + d.Code)
		if !strings.Contains(body, `id="han-dieu-chinh"`) || !strings.Contains(body, "Điều chỉnh hạn giải quyết (sửa sai)") {
			t.Error("the dossier page does not show the corrected due date and its history line")
		}
	})
}

// Issue 25, item 10: a dossier withdrawn by mistake is restored to its
// previous status with a reason; an open dossier is not "restored".
func TestCorrectionRestore(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newCorrectionFixture(t, e)
		d := counterDossier(t, f.portalFixture, "Nguyễn Văn An", "001090012345")
		adm, clerk := f.signInAs("quantri"), f.signInAs("clerk")
		page := "/admin/dossiers/" + d.Code + "/sua-sai"
		if code, _, _ := adm.post(page+"/khoi-phuc", url.Values{"reason": {correctionReason}}); code != http.StatusConflict {
			t.Errorf("restoring an open dossier: %d", code)
		}
		if code, _, _ := clerk.post("/admin/dossiers/"+d.Code+"/withdraw", url.Values{"reason": {"Người nộp đề nghị rút"}}); code != http.StatusSeeOther {
			t.Fatalf("withdraw: %d", code)
		}
		_, body, _ := adm.get(page)
		if !strings.Contains(body, `id="khoi-phuc"`) || !strings.Contains(body, "Đang xử lý") {
			t.Fatal("the correction page does not offer the restore")
		}
		if code, _, _ := adm.post(page+"/khoi-phuc", url.Values{"reason": {"nhầm"}}); code != http.StatusUnprocessableEntity && code != http.StatusBadRequest {
			t.Errorf("short reason: %d", code)
		}
		if code, _, _ := clerk.post(page+"/khoi-phuc", url.Values{"reason": {correctionReason}}); code != http.StatusForbidden {
			t.Errorf("the clerk restores: %d", code)
		}
		if cur, _ := f.events(t, d.ID); cur.Status != dossier.Withdrawn {
			t.Fatalf("refused restores changed the status to %v", cur.Status)
		}
		if code, _, _ := adm.post(page+"/khoi-phuc", url.Values{"reason": {correctionReason}}); code != http.StatusSeeOther {
			t.Fatalf("restore: %d", code)
		}
		cur, evs := f.events(t, d.ID)
		if cur.Status != dossier.Processing || cur.Ended != "" || cur.FinishedAt != nil || cur.CurrentStep().FinishedAt != nil {
			t.Errorf("after restore: %v ended %q", cur.Status, cur.Ended)
		}
		if !cur.DueAt.Equal(*d.DueAt) {
			t.Error("the restore moved the legal due date")
		}
		ev := lastEvent(evs, dossier.ActRestore)
		if ev == nil || ev.From != dossier.Withdrawn || ev.To != dossier.Processing || ev.Reason != correctionReason || !strings.Contains(ev.Detail, "Rút hồ sơ") {
			t.Fatalf("history line %+v", ev)
		}
		if !hasAudit(f.auditVerifies(t), "dossier.restore", "dossier:"+d.Code, correctionReason) {
			t.Error("the restore is not in the audit log")
		}
		// The report's counters follow the restore: the same as rebuilt
		// from the dossiers.
		ctx := context.Background()
		scope, period := sqlstore.ReportScope{TenantID: f.tenant.ID}, report.Period{From: calendar.Date{Year: 2026, Month: 3, Day: 1}, To: calendar.Date{Year: 2026, Month: 3, Day: 31}}
		live, err := f.db.Reports().Report(ctx, scope, period)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.db.Reports().RebuildReports(ctx, audit.Actor{Name: "test"}, f.tenant.ID); err != nil {
			t.Fatal(err)
		}
		rebuilt, err := f.db.Reports().Report(ctx, scope, period)
		if err != nil {
			t.Fatal(err)
		}
		if live.Total.InProgress.Total != 1 || live.Total.Resolved.Total != 0 {
			t.Errorf("the restored dossier is not counted in progress: %+v", live.Total)
		}
		if !reflect.DeepEqual(live.Total, rebuilt.Total) {
			t.Errorf("counters after the restore %+v, rebuilt %+v", live.Total, rebuilt.Total)
		}
		_, body, _ = clerk.get("/admin/dossiers/" + d.Code)
		if !strings.Contains(body, "Khôi phục hồ sơ đóng nhầm (sửa sai)") {
			t.Error("the dossier page does not show the restore")
		}
		// Restored, it is worked on again.
		if code, _, _ := f.signInAs("cv.bttp").post("/admin/dossiers/"+d.Code+"/forward", url.Values{}); code != http.StatusSeeOther {
			t.Errorf("the specialist forwards the restored dossier: %d", code)
		}
		// The find form leads to the page; an unknown code is 404.
		if code, _, h := adm.get("/admin/sua-sai?ma=" + url.QueryEscape(d.Code)); code != http.StatusSeeOther || h.Get("Location") != page {
			t.Errorf("find: %d %s", code, h.Get("Location"))
		}
		if code, _, _ := adm.get("/admin/sua-sai?ma=KHONG-CO"); code != http.StatusNotFound {
			t.Errorf("find an unknown code: %d", code)
		}
	})
}

// The correction API: the administrator's token resets a due date and
// restores a withdrawn dossier; another role's token is refused.
func TestCorrectionAPI(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newCorrectionFixture(t, e)
		ctx := context.Background()
		d := counterDossier(t, f.portalFixture, "Nguyễn Văn An", "001090012345")
		token := func(user string) string {
			tok, err := f.auth.CreateToken(ctx, audit.System, "STP-A", user, "api", 0)
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		call := func(tok, path, body string) (int, map[string]any) {
			req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api/v1/dossiers/"+d.Code+"/corrections/"+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&out)
			return resp.StatusCode, out
		}
		adm, head := token("quantri"), token("tp.bttp")
		body := `{"due":"2026-03-20","reason":"` + correctionReason + `"}`
		if code, _ := call(head, "due", body); code != http.StatusForbidden {
			t.Errorf("the unit head's token resets a due date: %d", code)
		}
		if code, _ := call(adm, "due", `{"due":"2026-03-21","reason":"`+correctionReason+`"}`); code != http.StatusBadRequest {
			t.Errorf("a Saturday: %d", code)
		}
		code, out := call(adm, "due", body)
		if code != http.StatusOK {
			t.Fatalf("reset: %d %v", code, out)
		}
		if rs, _ := out["due_resets"].([]any); len(rs) != 1 {
			t.Errorf("due_resets %v", out["due_resets"])
		}
		if a, _ := out["applicant"].(map[string]any); a["id_number"] != nil && a["id_number"] != "" {
			t.Error("the administrator's answer carries the applicant's ID number")
		}
		if _, err := f.dossiers.Act(ctx, desk, f.tenant.ID, d.ID, dossier.ActWithdraw, dossier.Input{Reason: "Người nộp đề nghị rút"}); err != nil {
			t.Fatal(err)
		}
		code, out = call(adm, "restore", `{"reason":"`+correctionReason+`"}`)
		if code != http.StatusOK || out["status"] != float64(dossier.Processing) {
			t.Fatalf("restore: %d status %v", code, out["status"])
		}
		if code, _ := call(adm, "restore", `{"reason":"`+correctionReason+`"}`); code != http.StatusConflict {
			t.Errorf("restoring twice: %d", code)
		}
	})
}
