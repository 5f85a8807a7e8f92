package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/external/enterprise"
	"tuphap/internal/external/population"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

// TestReceptionLookups (issue 25 item 5): the counter's "Tra cứu" fills
// the applicant from the population database — only with the consent
// ticked, a bad ID number refused with a Vietnamese 400 before any query —
// and the organisation from the enterprise registry; the form comes back
// filled without JavaScript, and as JSON for the page's script; each
// look-up is audited with the number and the consent, and an officer who
// does not receive dossiers is refused.
func TestReceptionLookups(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		pop, ent := &population.Simulator{}, &enterprise.Simulator{}
		f := newFixture(t, e, func(s *web.Server, _ *sqlstore.DB) {
			s.EnableLookups(&web.Lookups{Population: pop, Enterprises: ent})
		})
		if _, err := f.orgSvc.CreateOfficer(context.Background(), audit.System, org.Officer{TenantID: f.a.ID, Username: "thongke", FullName: "Thống kê", Role: org.Statistician}, password); err != nil {
			t.Fatal(err)
		}
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		if _, page := b.get("/admin/reception?procedure=notary.appointment"); !strings.Contains(page, `value="person" formaction="/admin/reception/lookup"`) {
			t.Fatal("no Tra cứu button on the counter form")
		}
		form := func(kv ...string) url.Values {
			v := url.Values{"csrf": {b.csrf}, "procedure": {"notary.appointment"}, "channel": {"direct"}, "phone": {"0903111222"}, "doc0": {"1"}}
			for i := 0; i < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v
		}
		cases := []struct {
			name  string
			v     url.Values
			want  int
			says  string
			calls int64
		}{
			{"bad ID", form("lookup", "person", "id_number", "12345", "consent", "1"), 400, "đúng 12 chữ số", 0},
			{"no consent", form("lookup", "person", "id_number", "087090001234"), 400, "sự đồng ý của người nộp", 0},
			{"unknown citizen", form("lookup", "person", "id_number", "087090009999", "consent", "1"), 400, "Không tìm thấy công dân", 1},
			{"bad tax code", form("lookup", "enterprise", "tax_code", "14012"), 400, "Mã số thuế", 0},
		}
		for _, c := range cases {
			before := pop.Calls.Load()
			code, page := b.post("/admin/reception/lookup", c.v)
			if code != c.want || !strings.Contains(page, c.says) {
				t.Errorf("%s: %d, want %d saying %q", c.name, code, c.want, c.says)
			}
			if got := pop.Calls.Load() - before; got != c.calls {
				t.Errorf("%s: %d queries to the population database, want %d", c.name, got, c.calls)
			}
		}
		// Without JavaScript: the form comes back filled, the phone typed
		// and the ticked document kept.
		code, page := b.post("/admin/reception/lookup", form("lookup", "person", "id_number", "087090001234", "consent", "1"))
		if code != 200 || !strings.Contains(page, `value="Nguyễn Thị Mai"`) || !strings.Contains(page, `value="Số 12 đường Hùng Vương, khóm 3"`) ||
			!strings.Contains(page, `value="0903111222"`) || !strings.Contains(page, `name="doc0" value="1" checked`) {
			t.Errorf("person look-up: %d, the form is not filled or lost what was typed", code)
		}
		code, page = b.post("/admin/reception/lookup", form("lookup", "enterprise", "tax_code", "1401234567"))
		if code != 200 || !strings.Contains(page, `value="Công ty Luật TNHH Sa Đéc"`) {
			t.Errorf("enterprise look-up: %d, organisation not filled", code)
		}
		// The script's JSON.
		req, _ := http.NewRequest("POST", b.origin+"/admin/reception/lookup", strings.NewReader(form("lookup", "enterprise", "tax_code", "1409876543").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Origin", b.origin)
		resp, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var ans struct {
			Fields map[string]string `json:"fields"`
		}
		if resp.StatusCode != 200 || json.Unmarshal(body, &ans) != nil || ans.Fields["organisation"] != "Văn phòng công chứng Cao Lãnh" {
			t.Errorf("JSON look-up: %d %s", resp.StatusCode, body)
		}
		// Audited: who, which number, the consent; not the answer.
		entries, err := f.db.Audit().AuditLog(context.Background(), f.a.ID, 0, 200)
		if err != nil {
			t.Fatal(err)
		}
		var persons, firms int
		for _, en := range entries {
			switch en.Action {
			case "lookup.population":
				persons++
				if en.Actor != "clerk" || !strings.HasPrefix(en.Object, "person:0870900") || !strings.Contains(en.Detail, "đồng ý") || strings.Contains(en.Detail, "Mai") {
					t.Errorf("population audit entry: %+v", en)
				}
			case "lookup.enterprise":
				firms++
			}
		}
		if persons != 2 || firms != 2 {
			t.Errorf("audited %d population and %d enterprise look-ups, want 2 and 2", persons, firms)
		}
		// An officer who does not receive dossiers.
		s := f.browser()
		s.mustLogin("STP-A", "thongke")
		if code, _ := s.post("/admin/reception/lookup", url.Values{"csrf": {s.csrf}, "procedure": {"notary.appointment"}, "lookup": {"person"},
			"id_number": {"087090001234"}, "consent": {"1"}}); code != http.StatusForbidden {
			t.Errorf("statistician: %d, want 403", code)
		}
	})
}
