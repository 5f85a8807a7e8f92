package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// enablePetitions turns the petition register on in a test server.
func enablePetitions(s *web.Server, db *sqlstore.DB) {
	s.EnablePetitions(&petition.Service{Store: db.Petitions()})
}

// petitionOfA records a denunciation in tenant A whose denouncer bears the
// table's marker, so the table checks the name reaches nobody.
func (f *authzFixture) petitionOfA() string {
	svc := &petition.Service{Store: f.db.Petitions(), Now: f.clock.Now}
	rc, err := svc.Receive(context.Background(), petition.Actor{Name: "test"}, f.a.ID, petition.Intake{
		Petition: petition.Petition{Kind: petition.KindDenunciation, Channel: petition.ChannelPost, ReceivedOn: calendar.DateOf(f.clock.Now()), Summary: "Tố cáo cán bộ"},
		Identity: petition.Identity{Person: petition.Person{FullName: "Người tố cáo " + marker, IDNumber: "082190000777"}}})
	if err != nil {
		f.t.Fatal(err)
	}
	return rc.Petition.ID
}

const denouncer = "Trần Thị Kín Đáo"

type petFixture struct {
	*fixture
	dn string // a denunciation of tenant A
	kn string // a complaint of tenant A
}

func newPetitionFixture(t *testing.T, e sqlstore.Engine) *petFixture {
	t.Helper()
	f := newFixture(t, e, func(s *web.Server, db *sqlstore.DB) { enablePetitions(s, db) })
	f.clock.Set(time.Date(2026, 7, 6, 2, 0, 0, 0, time.UTC)) // Monday 6/7/2026, after the change
	ctx := context.Background()
	for _, o := range []org.Officer{
		{Username: "giamdoc", FullName: "Nguyễn Văn Giám", Role: org.Director},
		{Username: "chuyenvien", FullName: "Lê Văn Chuyên", Role: org.Specialist, UnitID: f.unitA.ID},
		{Username: "thongke", FullName: "Phạm Thị Kê", Role: org.Statistician},
		{Username: "kiemtra", FullName: "Võ Văn Soát", Role: org.Auditor},
	} {
		o.TenantID = f.a.ID
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			// a specialist may need a division: retry without a unit
			o.UnitID = ""
			if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := &petFixture{fixture: f}
	cv := f.browser()
	cv.mustLogin("STP-A", "chuyenvien")
	for _, form := range []url.Values{
		{"kind": {"denunciation"}, "channel": {"post"}, "received_on": {"06/07/2026"}, "summary": {"Tố cáo công chức nhận tiền khi đăng ký khai sinh"},
			"petitioner.full_name": {denouncer}, "petitioner.id_number": {"082190001234"}, "petitioner.address": {"Ấp Bí Mật"}},
		{"kind": {"complaint"}, "channel": {"reception"}, "received_on": {"06/07/2026"}, "summary": {"Khiếu nại quyết định xử phạt hộ tịch"},
			"instance": {"2"}, "petitioner.full_name": {"Nguyễn Văn Công Khai"}},
	} {
		form.Set("csrf", cv.csrf)
		code, body := cv.post("/admin/don-thu/moi", form)
		if code != http.StatusOK || !strings.Contains(body, "petition-pin") {
			t.Fatalf("intake: %d %s", code, body)
		}
		m := regexp.MustCompile(`href="/admin/don-thu/don/([0-9a-f-]{36})"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no petition link on the receipt")
		}
		if form.Get("kind") == "denunciation" {
			p.dn = m[1]
		} else {
			p.kn = m[1]
		}
	}
	return p
}

// TestPetitionDenouncerHidden: a denouncer's identity is on no page, export
// or API answer of an officer without the permission, nor in the audit log;
// only the director (who resolves denunciations) sees it, on demand, and
// every view and refusal is logged.
func TestPetitionDenouncerHidden(t *testing.T) {
	t.Parallel()
	f := newPetitionFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	for _, user := range []string{"chuyenvien", "thongke", "kiemtra", "giamdoc"} {
		b := f.browser()
		b.mustLogin("STP-A", user)
		for _, path := range []string{"/admin/don-thu", "/admin/don-thu/so", "/admin/don-thu/don/" + f.dn, "/admin/don-thu/so?q=khai+sinh",
			"/admin/don-thu/so?counted=received&from=2026-07-01&to=2026-07-31", "/admin/don-thu/tiep-dan", "/api/v1/petitions/" + f.dn,
			"/admin/don-thu/xuat/xlsx?from=2026-07-01&to=2026-07-31", "/admin/don-thu/don/" + f.dn + "/cong-van", "/admin/audit"} {
			code, body := b.get(path)
			if code >= 500 {
				t.Errorf("%s GET %s: %d", user, path, code)
			}
			for _, secret := range []string{denouncer, "082190001234", "Ấp Bí Mật"} {
				if strings.Contains(body, secret) {
					t.Errorf("%s sees %q on %s", user, secret, path)
				}
			}
		}
	}
	// The officers without the permission are refused, and the refusal is logged.
	for _, user := range []string{"chuyenvien", "thongke", "kiemtra"} {
		b := f.browser()
		b.mustLogin("STP-A", user)
		code, body := b.post("/admin/don-thu/don/"+f.dn+"/nguoi-to-cao", url.Values{"csrf": {b.csrf}, "reason": {"tò mò"}})
		if code != http.StatusForbidden || strings.Contains(body, denouncer) {
			t.Errorf("%s: identity request %d", user, code)
		}
	}
	dir := f.browser()
	dir.mustLogin("STP-A", "giamdoc")
	code, body := dir.post("/admin/don-thu/don/"+f.dn+"/nguoi-to-cao", url.Values{"csrf": {dir.csrf}, "reason": {"Giải quyết tố cáo"}})
	if code != http.StatusOK || !strings.Contains(body, denouncer) {
		t.Fatalf("the director sees the denouncer: %d", code)
	}
	entries, err := f.db.Audit().AuditLog(ctx, f.a.ID, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var views, refused int
	for _, e := range entries {
		switch e.Action {
		case "petition.identity_view":
			views++
		case "petition.identity_refused":
			refused++
		}
		if strings.Contains(e.Detail+e.Object, "Kín Đáo") {
			t.Error("the denouncer's name is in the audit log")
		}
	}
	if views != 1 || refused != 3 {
		t.Errorf("logged views %d, refusals %d", views, refused)
	}
	// Tenant B never sees tenant A's petition.
	other := f.browser()
	other.mustLogin("STP-B", "admin")
	if code, _ := other.get("/admin/don-thu/don/" + f.dn); code != http.StatusForbidden && code != http.StatusNotFound {
		t.Errorf("tenant B's admin: %d", code)
	}
}

// TestPetitionComplaintSecondInstance walks a second-instance complaint
// through the screens: acceptance within Decree 155/2026's 7 working days
// (both bases shown), a decision refused without the mandatory dialogue,
// the dialogue, the decision; and the figures, the API and the exports.
func TestPetitionComplaintSecondInstance(t *testing.T) {
	t.Parallel()
	f := newPetitionFixture(t, sqlstore.SQLite)
	cv := f.browser()
	cv.mustLogin("STP-A", "chuyenvien")
	_, body := cv.get("/admin/don-thu/don/" + f.kn)
	for _, want := range []string{"15/07/2026", "7 ngày làm việc", "Nghị định 155/2026", "Luật Khiếu nại 02/2011/QH13", "16/07/2026"} {
		if !strings.Contains(body, want) {
			t.Errorf("acceptance deadline: %q missing", want)
		}
	}
	if code, body := cv.post("/admin/don-thu/don/"+f.kn+"/xu-ly", url.Values{"csrf": {cv.csrf}, "handling": {"accept"}, "on": {"07/07/2026"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, body)
	}
	if code, body := cv.get("/admin/don-thu/don/" + f.kn + "/cong-van"); code != http.StatusOK || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("letter: %d", code)
	}
	f.clock.Set(time.Date(2026, 8, 10, 2, 0, 0, 0, time.UTC))
	cv = f.browser()
	cv.mustLogin("STP-A", "chuyenvien") // the session of 6/7 has expired
	code, body := cv.post("/admin/don-thu/don/"+f.kn+"/buoc", url.Values{"csrf": {cv.csrf}, "action": {"resolve"}, "on": {"10/08/2026"},
		"conclusion": {"partly_right"}, "text": {"Đúng một phần"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "đối thoại") {
		t.Fatalf("decision without dialogue: %d", code)
	}
	if code, _ := cv.post("/admin/don-thu/don/"+f.kn+"/buoc", url.Values{"csrf": {cv.csrf}, "action": {"dialogue"}, "on": {"05/08/2026"},
		"notice_on": {"31/07/2026"}, "text": {"Biên bản đối thoại"}}); code != http.StatusSeeOther {
		t.Fatalf("dialogue: %d", code)
	}
	if code, _ := cv.post("/admin/don-thu/don/"+f.kn+"/buoc", url.Values{"csrf": {cv.csrf}, "action": {"resolve"}, "on": {"10/08/2026"},
		"conclusion": {"partly_right"}, "decision_no": {"5/QĐ-STP"}, "text": {"Khiếu nại đúng một phần"}, "amount_vnd": {"2.000.000"}}); code != http.StatusSeeOther {
		t.Fatalf("decision: %d", code)
	}
	_, body = cv.get("/admin/don-thu?from=2026-07-01&to=2026-09-30")
	if !strings.Contains(body, "2.000.000") {
		t.Error("the dashboard shows the amount")
	}
	_, body = cv.get("/admin/don-thu/so?counted=on_time&from=2026-07-01&to=2026-09-30")
	if !strings.Contains(body, "Khiếu nại quyết định xử phạt hộ tịch") || strings.Contains(body, "nhận tiền") {
		t.Error("drill-down on time lists the complaint only")
	}
	for _, fmtx := range []string{"xlsx", "pdf"} {
		resp, err := cv.c.Get(cv.origin + "/admin/don-thu/xuat/" + fmtx + "?from=2026-07-01&to=2026-09-30")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("export %s: %v %v", fmtx, err, resp)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) < 500 {
			t.Errorf("export %s too small", fmtx)
		}
	}
	// The calculator on screen and in the API.
	_, body = cv.get("/admin/don-thu/thoi-han?kind=complaint&stage=acceptance&from=28/08/2026")
	if !strings.Contains(body, "07/09/2026") || !strings.Contains(body, "11/09/2026") {
		t.Error("calculator: both dates over Quốc khánh")
	}
	if code, _ := cv.get("/admin/don-thu/thoi-han?kind=complaint&stage=resolve&from=28/08/2026"); code != http.StatusUnprocessableEntity {
		t.Errorf("calculator: a denunciation stage for a complaint: %d", code)
	}
	tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "chuyenvien", "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	code, res := api(t, f.fixture, "GET", "/api/v1/petitions/due?kind=denunciation&stage=resolve&from=2026-07-02&especially_complex=1", tok, "")
	if code != http.StatusOK || res["due"] != "2026-09-30" || res["unit"] != "calendar_days" || res["days"].(float64) != 90 {
		t.Errorf("API due: %d %v", code, res)
	}
	code, res = api(t, f.fixture, "GET", "/api/v1/petitions/report?from=2026-07-01&to=2026-09-30", tok, "")
	if code != http.StatusOK || res["received"].(float64) != 2 || res["resolved"].(float64) != 1 || res["on_time"].(float64) != 1 {
		t.Errorf("API report: %d %v", code, res)
	}
	code, res = api(t, f.fixture, "POST", "/api/v1/petitions", tok, `{"kind":"feedback","channel":"email","received_on":"2026-08-10","summary":"Phản ánh thủ tục","petitioner":{"full_name":"Lý Văn Góp Ý"}}`)
	if code != http.StatusCreated || !strings.HasPrefix(res["code"].(string), "PA-2026-") {
		t.Errorf("API create: %d %v", code, res)
	}
	code, _ = api(t, f.fixture, "POST", "/api/v1/petitions", tok, `{"kind":"feedback","channel":"fax","received_on":"2026-08-10","summary":"x"}`)
	if code != http.StatusUnprocessableEntity && code != http.StatusBadRequest {
		t.Errorf("API create with a bad channel: %d", code)
	}
	code, res = api(t, f.fixture, "GET", "/api/v1/petitions?kind=denunciation", tok, "")
	if code != http.StatusOK || strings.Contains(jsonText(res), denouncer) {
		t.Errorf("API list: %d", code)
	}
	// The reception book: a group of 12 with 6 representatives is refused.
	code, body = cv.post("/admin/don-thu/tiep-dan", url.Values{"csrf": {cv.csrf}, "day": {"10/08/2026"}, "kind": {"director"}, "received_by": {"Giám đốc Sở"},
		"visitor": {"Đoàn ấp 3"}, "group_size": {"12"}, "representatives": {"A\nB\nC\nD\nE\nF"}, "content": {"Đất đai"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "tối đa 5") {
		t.Errorf("group of 12 with 6 representatives: %d", code)
	}
	if code, _ := cv.post("/admin/don-thu/tiep-dan", url.Values{"csrf": {cv.csrf}, "day": {"10/08/2026"}, "kind": {"director"}, "received_by": {"Giám đốc Sở"},
		"visitor": {"Đoàn ấp 3"}, "group_size": {"12"}, "representatives": {"A\nB"}, "content": {"Đất đai"}}); code != http.StatusSeeOther {
		t.Errorf("visit: %d", code)
	}
	resp, err := cv.c.Get(cv.origin + "/admin/don-thu/tiep-dan/in/pdf?from=2026-08-01&to=2026-08-31")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("printed book: %v %v", err, resp)
	}
	resp.Body.Close()
}

func jsonText(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		case string:
			b.WriteString(x + " ")
		}
	}
	walk(v)
	return b.String()
}
