package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// TestDossierSearchScreen: the queue's search tab (issue 14 item 3) finds
// a dossier by code, ID number and name typed without diacritics, keeps
// finished dossiers reachable, filters by status and overdue, sorts, and
// says what is wrong with a bad date (400, every error at once); a unit's
// officer finds only the unit's dossiers, and a page of them is full
// (visibility in the query, issue 15 item 4).
func TestDossierSearchScreen(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		f.addOfficer(t, "cv.hctp", org.Specialist, "HCTP")
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for i, who := range []string{"Đặng Quốc Bảo", "Đỗ Thị Hoa", "Trần Văn Bảy"} {
			body := fmt.Sprintf(`{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":%q,"id_number":"08209000432%d"}}`, who, i)
			code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body)
			if code != 201 {
				t.Fatalf("intake: %d %v", code, res)
			}
			codes = append(codes, res["code"].(string))
		}
		if code, res := api(t, f, "POST", "/api/v1/dossiers/"+codes[2]+"/withdraw", tok, `{"reason":"Người nộp xin rút hồ sơ"}`); code != 200 {
			t.Fatalf("withdraw: %d %v", code, res)
		}
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		search := func(v url.Values) (int, string) {
			v.Set("tab", "search")
			return b.get("/admin/dossiers?" + v.Encode())
		}
		for _, c := range []struct {
			name     string
			q        url.Values
			want     []int
			notFound []int
		}{
			{"by code", url.Values{"q": {strings.ToLower(codes[1])}}, []int{1}, []int{0, 2}},
			{"by ID number", url.Values{"q": {"082090004320"}}, []int{0}, []int{1, 2}},
			{"by name without diacritics", url.Values{"q": {"tran van"}}, []int{2}, []int{0, 1}},
			{"finished ones reachable", url.Values{"status": {"7"}}, []int{2}, []int{0, 1}},
			{"everything", url.Values{}, []int{0, 1, 2}, nil},
			{"overdue today: none", url.Values{"overdue": {"1"}}, nil, []int{0, 1, 2}},
		} {
			code, page := search(c.q)
			if code != 200 {
				t.Fatalf("%s: %d", c.name, code)
			}
			for _, i := range c.want {
				if !strings.Contains(page, codes[i]) {
					t.Errorf("%s: %s missing", c.name, codes[i])
				}
			}
			for _, i := range c.notFound {
				if strings.Contains(page, codes[i]) {
					t.Errorf("%s: %s shown", c.name, codes[i])
				}
			}
		}
		// Sorted newest first: the last received comes first.
		_, page := search(url.Values{"sort": {"received"}})
		if strings.Index(page, codes[2]) > strings.Index(page, codes[0]) {
			t.Errorf("newest first: %s after %s", codes[2], codes[0])
		}
		code, page := search(url.Values{"received_from": {"31/02/2026"}, "due_to": {"hôm qua"}})
		if code != 400 || !strings.Contains(page, "Nhận từ ngày: ngày không hợp lệ") || !strings.Contains(page, "Hẹn trả đến ngày: ngày không hợp lệ") ||
			!strings.Contains(page, `value="hôm qua"`) {
			t.Errorf("bad dates: %d", code)
		}
		// The HCTP specialist: these notary dossiers never pass through HCTP.
		hb := f.browser()
		hb.mustLogin("STP-A", "cv.hctp")
		code, page = hb.get("/admin/dossiers?tab=search")
		if code != 200 {
			t.Fatalf("specialist's search: %d", code)
		}
		for _, c := range codes {
			if strings.Contains(page, c) {
				t.Errorf("the HCTP specialist sees %s", c)
			}
		}
	})
}

// TestAuditLogFilters: the audit log (issue 14 item 3) is filtered by
// officer, object and day; a bad day is a 400 with the reason.
func TestAuditLogFilters(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		_, res := api(t, f, "POST", "/api/v1/dossiers", tok, `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`)
		dcode := res["code"].(string)
		b := f.browser()
		b.mustLogin("STP-A", "admin")
		rows := func(page string) int { return strings.Count(page, "<tr><td>") }
		_, all := b.get("/admin/audit")
		_, byClerk := b.get("/admin/audit?actor=clerk")
		_, byObject := b.get("/admin/audit?" + url.Values{"object": {"dossier:" + dcode}}.Encode())
		_, none := b.get("/admin/audit?from=03/03/2026")
		_, today := b.get("/admin/audit?from=02/03/2026&to=2026-03-02")
		if rows(all) < 3 || rows(byClerk) == 0 || rows(byClerk) >= rows(all) || rows(byObject) == 0 || rows(byObject) >= rows(all) || rows(none) != 0 || rows(today) != rows(all) {
			t.Errorf("rows: all %d, by clerk %d, by object %d, from tomorrow %d, today %d", rows(all), rows(byClerk), rows(byObject), rows(none), rows(today))
		}
		if !strings.Contains(byObject, dcode) || strings.Contains(byClerk, ">admin<") {
			t.Errorf("filtered rows wrong")
		}
		if code, page := b.get("/admin/audit?from=32/13/2026"); code != 400 || !strings.Contains(page, "Từ ngày: ngày không hợp lệ") {
			t.Errorf("bad day: %d", code)
		}
	})
}
