package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// TestApologyLetterSignedNumberedAndShown: Mẫu 04 (issue 14 item 6) is
// signed by the head of the unit at fault on the agency's behalf, not by
// the clerk (refused through the HTTP form, 403); it carries a document
// number; and the new date appears on the public look-up.
func TestApologyLetterSignedNumberedAndShown(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newPortalFixture(t, e)
		ctx := context.Background()
		d, err := f.dossiers.Intake(ctx, desk, f.tenant.ID, dossier.IntakeRequest{Procedure: "notary.appointment", Channel: catalog.ChannelDirect,
			Applicant: dossier.Applicant{FullName: "Trần Văn Bảy", IDNumber: "082090004321"}})
		if err != nil {
			t.Fatal(err)
		}
		if d, err = f.dossiers.Act(ctx, desk, f.tenant.ID, d.Code, dossier.ActForward, dossier.Input{}); err != nil {
			t.Fatal(err)
		}
		step := d.CurrentStep()
		if step == nil || step.UnitCode == "" {
			t.Fatalf("no unit step: %+v", step)
		}
		// Two days before the due date.
		f.clock.Set(d.DueAt.Add(-48 * time.Hour))
		newDue := d.DueAt.Add(7 * 24 * time.Hour)
		// The clerk, through the dossier page's form: refused.
		b := (&fixture{t: t, srv: f.srv}).browser()
		b.mustLogin("STP-A", "clerk")
		code, body := b.post("/admin/dossiers/"+d.Code+"/apologize", url.Values{"csrf": {b.csrf}, "reason": {"Chờ ý kiến cơ quan phối hợp về nhân thân"},
			"new_due_at": {newDue.In(calendar.Zone()).Format("2006-01-02T15:04")}})
		if code != http.StatusForbidden || !strings.Contains(body, "Thủ trưởng cơ quan hoặc người được ủy quyền") {
			t.Fatalf("the clerk's apology: %d", code)
		}
		head := dossier.Actor{ID: "tp", Name: "truongphong", Role: "unit_head", UnitCode: step.UnitCode}
		d, err = f.dossiers.Act(ctx, head, f.tenant.ID, d.Code, dossier.ActApologize, dossier.Input{Reason: "Chờ ý kiến cơ quan phối hợp về nhân thân", NewDueAt: &newDue})
		if err != nil {
			t.Fatal(err)
		}
		if d.Apology.Number != "1/XL-"+step.UnitCode {
			t.Errorf("number %q", d.Apology.Number)
		}
		st, _, pdf := b.download("/admin/dossiers/" + d.Code + "/forms/mau-04")
		if st != 200 {
			t.Fatalf("mau-04: %d", st)
		}
		text := pdfText(t, pdf)
		for _, w := range []string{"1/XL-" + step.UnitCode, "TL. GIÁM ĐỐC", "TRƯỞNG PHÒNG", "truongphong", newDue.In(calendar.Zone()).Format("02/01/2006")} {
			if !strings.Contains(text, w) {
				t.Errorf("Mẫu 04 lacks %q:\n%s", w, text)
			}
		}
		resp, err := http.PostForm(f.srv.URL+"/api/v1/lookup", url.Values{"code": {d.Code}, "pin": {d.LookupPIN}})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var res map[string]any
		json.Unmarshal(raw, &res)
		if res["new_due_date"] != newDue.In(calendar.Zone()).Format("02/01/2006") {
			t.Errorf("look-up: %s", raw)
		}
	})
}
