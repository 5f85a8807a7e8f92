package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/adminunit"
	"tuphap/internal/dissemination"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

// enableDissemination turns the dissemination register on in a test server.
func enableDissemination(t testing.TB, s *web.Server, db *sqlstore.DB) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s.EnableDissemination(&web.Dissemination{Service: &dissemination.Service{Store: db.Dissemination(), InProvince: units.InProvince}, Units: units})
}

// disFixture is the mediation fixture's department and two communes with
// the dissemination register on, and an activity of Mỹ Tho.
type disFixture struct {
	*medFixture
	svc   *dissemination.Service
	other string // Mỹ Tho's activity
}

func newDisseminationFixture(t testing.TB, engine ...sqlstore.Engine) *disFixture {
	t.Helper()
	e := sqlstore.SQLite
	if len(engine) > 0 {
		e = engine[0]
	}
	m := newMediationFixture(t, e, func(s *web.Server, db *sqlstore.DB) { enableDissemination(t, s, db) })
	db := m.db
	units, _ := adminunit.Builtin()
	svc := &dissemination.Service{Store: db.Dissemination(), InProvince: units.InProvince, Now: m.clock.Now}
	sc := dissemination.Scope{TenantID: m.a.ID, ProvinceCode: "82", CommuneCode: "28261", ActorTenantID: m.mytho.ID}
	day := m.clock.Now().AddDate(0, 0, -3)
	act, err := svc.Record(context.Background(), dissemination.Actor{Name: "xa.mytho"}, sc, dissemination.Activity{
		HeldOn: time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC), Theme: "Luật Căn cước ở khu phố 2",
		Audience: "Nhân dân", Channel: dissemination.InPerson, Participants: 70})
	if err != nil {
		t.Fatal(err)
	}
	return &disFixture{medFixture: m, svc: svc, other: act.ID}
}

// A commune officer records an activity: a bad form comes back as sent
// with its messages (422), one for another commune is refused (403), a
// good one is saved in their commune; another commune's activity is 404; a commune cannot
// recognise an access-to-law result (403) and the statistics count only
// their commune; the department sees both and downloads the sheet.
func TestDisseminationScreens(t *testing.T) {
	f := newDisseminationFixture(t)
	xa := f.browser()
	xa.mustLogin(f.sadec.Code, "xa.sadec")
	today := f.clock.Now().Format("02/01/2006")

	bad := url.Values{"csrf": {xa.csrf}, "theme": {"Luật Đất đai"}, "held_on": {"31/02/2026"}, "participants": {"nhiều"},
		"handout_material": {"Tờ gấp"}, "handout_kind": {"leaflet"}, "handout_copies": {"0"}}
	code, body := xa.post("/admin/pho-bien/hoat-dong/moi", bad)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `value="Luật Đất đai"`) ||
		!strings.Contains(body, "Ngày phải có dạng dd/mm/yyyy.") || !strings.Contains(body, "Chọn hình thức phổ biến.") || !strings.Contains(body, "Phải là số nguyên không âm.") {
		t.Fatalf("bad form: %d\n%s", code, body)
	}
	good := url.Values{"csrf": {xa.csrf}, "commune_code": {"28261"}, "theme": {"Luật Đất đai năm 2024"}, "audience": {"Hội viên phụ nữ"}, "channel": {"in_person"},
		"held_on": {today}, "participants": {"1.250"}, "women": {"600"}, "handout_material": {"Tờ gấp Luật Đất đai", ""}, "handout_kind": {"leaflet", "leaflet"},
		"handout_copies": {"1.300", ""}}
	if code, _ = xa.post("/admin/pho-bien/hoat-dong/moi", good); code != http.StatusForbidden {
		t.Fatalf("a commune officer recorded for another commune: %d", code)
	}
	good.Del("commune_code")
	code, _ = xa.post("/admin/pho-bien/hoat-dong/moi", good)
	if code != http.StatusSeeOther {
		t.Fatalf("good form: %d", code)
	}
	acts, err := f.svc.Store.Activities(context.Background(), f.a.ID, dissemination.ActivityFilter{CommuneCode: "29905", Limit: 10})
	if err != nil || len(acts) != 1 || acts[0].Participants != 1250 || len(acts[0].Handouts) != 1 || acts[0].Handouts[0].Copies != 1300 {
		t.Fatalf("saved activity: %+v %v", acts, err)
	}

	if code, body := xa.get("/admin/pho-bien/hoat-dong/" + f.other); code != http.StatusNotFound || strings.Contains(body, "khu phố 2") {
		t.Errorf("another commune's activity: %d", code)
	}
	if _, body := xa.get("/admin/pho-bien/hoat-dong"); strings.Contains(body, "khu phố 2") || !strings.Contains(body, "Luật Đất đai năm 2024") {
		t.Error("the commune's book shows another commune's activity, or not its own")
	}
	if code, _ := xa.post("/admin/pho-bien/tiep-can/29905/cong-nhan", url.Values{"csrf": {xa.csrf}, "year": {"2025"}, "decision_no": {"1/QĐ"}, "decision_on": {today}}); code != http.StatusForbidden {
		t.Errorf("a commune recognised itself: %d", code)
	}
	if code, body := xa.post("/admin/pho-bien/nhan-su", url.Values{"csrf": {xa.csrf}, "role": {"communicator"}, "full_name": {""}, "sex": {"F"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Ghi họ và tên") {
		t.Errorf("person without a name: %d", code)
	}
	for _, p := range []string{"/admin/pho-bien/hoat-dong?from=32/13/2026", "/admin/pho-bien/hoat-dong?channel=tv", "/admin/pho-bien?period=decade", "/admin/pho-bien/xuat/csv", "/admin/pho-bien/ke-hoach?year=abc"} {
		if code, _ := xa.get(p); code < 400 || code >= 500 {
			t.Errorf("GET %s: %d, want 4xx", p, code)
		}
	}
	q := "from=" + f.clock.Now().AddDate(0, 0, -30).Format("2006-01-02") + "&to=" + f.clock.Now().Format("2006-01-02")
	if code, body := xa.get("/api/v1/dissemination/report?" + q); code != http.StatusOK || !strings.Contains(body, `"participants": 1250`) || !strings.Contains(body, `"copies_handed_out": 1300`) || strings.Contains(body, `"28261"`) {
		t.Errorf("commune's API report: %d %s", code, body)
	}

	dir := f.browser()
	dir.mustLogin(f.a.Code, "giamdoc")
	if code, body := dir.get("/admin/pho-bien?" + q); code != http.StatusOK || !strings.Contains(body, "1.320") || !strings.Contains(body, "Tờ gấp Luật Đất đai") {
		t.Errorf("department's dashboard: %d", code)
	}
	if code, _ := dir.get("/admin/pho-bien/hoat-dong/" + f.other); code != http.StatusOK {
		t.Errorf("department on a commune's activity: %d", code)
	}
	resp, err := dir.c.Get(dir.origin + "/admin/pho-bien/xuat/xlsx?" + q)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	wb, err := excelize.OpenReader(resp.Body)
	if err != nil {
		t.Fatalf("xlsx: %d %v", resp.StatusCode, err)
	}
	rows, _ := wb.GetRows("PBGDPL")
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	digits := strings.NewReplacer(",", "", ".", "").Replace(all)
	if !strings.Contains(digits, "Tổng số trên địa bàn (Toàn tỉnh)|2|1320|1300") || !strings.Contains(digits, "Phường Sa Đéc|1|1250|1300") {
		t.Errorf("xlsx rows:\n%s", all)
	}
	resp2, err := dir.c.Get(dir.origin + "/admin/pho-bien/xuat/pdf?" + q)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusOK || !strings.HasPrefix(string(b), "%PDF") {
		t.Errorf("pdf: %d", resp2.StatusCode)
	}
}

// An activity recorded wrongly is corrected, or deleted with a reason, by
// the officers who keep the book: the form comes back filled, a bad edit
// comes back as sent, the figures follow the correction, a deletion needs
// its reason and leaves it in the audit log with what was removed; another
// commune can neither edit nor delete (the route table keeps the others
// to the keepers of the book: TestAuthz), on both engines.
func TestDisseminationCorrectAndDelete(t *testing.T) {
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) { disseminationCorrectAndDelete(t, newDisseminationFixture(t, e)) })
	}
}

func disseminationCorrectAndDelete(t *testing.T, f *disFixture) {
	xa := f.browser()
	xa.mustLogin(f.sadec.Code, "xa.sadec")
	today := f.clock.Now().Format("02/01/2006")
	code, loc, _ := xa.postLoc("/admin/pho-bien/hoat-dong/moi", url.Values{"csrf": {xa.csrf}, "theme": {"Luật Đất đai năm 2024"}, "audience": {"Hội viên phụ nữ"},
		"channel": {"in_person"}, "held_on": {today}, "participants": {"120"}, "handout_material": {"Tờ gấp Luật Đất đai"}, "handout_kind": {"leaflet"}, "handout_copies": {"1.300"}})
	if code != http.StatusSeeOther {
		t.Fatalf("record: %d", code)
	}
	id := loc[strings.LastIndex(loc, "/")+1:]
	page := "/admin/pho-bien/hoat-dong/" + id
	if _, body := xa.get(page); !strings.Contains(body, page+"/sua") || !strings.Contains(body, page+"/xoa") {
		t.Fatal("the activity page offers no correction")
	}
	if code, body := xa.get(page + "/sua"); code != http.StatusOK || !strings.Contains(body, `value="Luật Đất đai năm 2024"`) || !strings.Contains(body, `value="1300"`) || !strings.Contains(body, `value="120"`) {
		t.Fatalf("the edit form is not filled: %d", code)
	}
	edit := url.Values{"csrf": {xa.csrf}, "theme": {"Luật Đất đai năm 2024 và quyền của người sử dụng đất"}, "audience": {"Hội viên phụ nữ"}, "channel": {"in_person"},
		"held_on": {today}, "participants": {"nhiều"}, "handout_material": {"Tờ gấp Luật Đất đai", "Sách Hỏi - Đáp"}, "handout_kind": {"leaflet", "booklet"}, "handout_copies": {"130", "20"}}
	if code, body := xa.post(page+"/sua", edit); code != http.StatusUnprocessableEntity || !strings.Contains(body, `value="Luật Đất đai năm 2024 và quyền của người sử dụng đất"`) || !strings.Contains(body, "Phải là số nguyên không âm.") {
		t.Fatalf("a bad edit: %d", code)
	}
	edit.Set("participants", "125")
	edit.Set("cost_vnd", "2.500.000")
	edit.Set("law_day", "1") // a Law Day activity held another day than 9/11
	if code, loc, body := xa.postLoc(page+"/sua", edit); code != http.StatusSeeOther || loc != page {
		t.Fatalf("edit: %d %s %s", code, loc, body)
	}
	if _, body := xa.get(page); !strings.Contains(body, "Hoạt động hưởng ứng Ngày Pháp luật") {
		t.Error("the activity marked for Law Day does not say so")
	}
	if _, body := xa.get(page + "/sua"); !strings.Contains(body, `name="law_day" value="1" checked`) || !strings.Contains(body, `value="2.500.000"`) {
		t.Error("the edit form does not show the Law Day mark or the cost as written")
	}
	edit.Del("law_day") // unticked: no longer a Law Day activity (it is not held on 9/11)
	if code, _, body := xa.postLoc(page+"/sua", edit); code != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", code, body)
	}
	if _, body := xa.get(page); strings.Contains(body, "Hoạt động hưởng ứng Ngày Pháp luật") {
		t.Error("a correction cannot take the Law Day mark off")
	}
	q := "from=" + f.clock.Now().AddDate(0, 0, -30).Format("2006-01-02") + "&to=" + f.clock.Now().Format("2006-01-02")
	if _, body := xa.get("/api/v1/dissemination/report?" + q); !strings.Contains(body, `"participants": 125`) || !strings.Contains(body, `"copies_handed_out": 150`) {
		t.Errorf("the figures after the correction: %s", body)
	}
	// Another commune and the statistician.
	my := f.browser()
	my.mustLogin(f.mytho.Code, "xa.mytho")
	if code, _ := my.get(page + "/sua"); code != http.StatusNotFound {
		t.Errorf("another commune opens the edit form: %d", code)
	}
	if code, _ := my.post(page+"/xoa", url.Values{"csrf": {my.csrf}, "reason": {"Ghi nhầm, trùng với hoạt động khác"}}); code != http.StatusNotFound {
		t.Errorf("another commune deletes: %d", code)
	}
	if code, _ := xa.post("/admin/pho-bien/hoat-dong/"+f.other+"/sua", edit); code != http.StatusNotFound {
		t.Errorf("a commune edits another's activity: %d", code)
	}
	// Delete: the reason first.
	if code, body := xa.post(page+"/xoa", url.Values{"csrf": {xa.csrf}, "reason": {"nhầm"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ghi lý do xóa") {
		t.Fatalf("delete without a reason: %d", code)
	}
	if code, loc, _ := xa.postLoc(page+"/xoa", url.Values{"csrf": {xa.csrf}, "reason": {"Ghi trùng với buổi tuyên truyền đã nhập hôm trước"}}); code != http.StatusSeeOther || loc != "/admin/pho-bien/hoat-dong" {
		t.Fatalf("delete: %d %s", code, loc)
	}
	if code, _ := xa.get(page); code != http.StatusNotFound {
		t.Errorf("the deleted activity: %d", code)
	}
	if _, body := xa.get("/api/v1/dissemination/report?" + q); !strings.Contains(body, `"participants": 0`) || !strings.Contains(body, `"copies_handed_out": 0`) {
		t.Errorf("the figures after the deletion: %s", body)
	}
	log, err := f.db.Audit().AuditLog(context.Background(), f.sadec.ID, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	firstCorrection := false
	for _, e := range log {
		seen = append(seen, e.Action)
		if e.Action == "dissemination.activity.delete" && (!strings.Contains(e.Detail, "Ghi trùng với buổi tuyên truyền") || !strings.Contains(e.Detail, "125 người, 150 bản")) {
			t.Errorf("the deletion's audit entry: %q", e.Detail)
		}
		if e.Action == "dissemination.activity.correct" && strings.Contains(e.Detail, "trước: Luật Đất đai năm 2024 ngày") {
			firstCorrection = true // what the activity was before the first correction
		}
	}
	if !firstCorrection {
		t.Error("no correction's audit entry says what the activity was first")
	}
	if s := strings.Join(seen, " "); !strings.Contains(s, "dissemination.activity.delete") || !strings.Contains(s, "dissemination.activity.correct") {
		t.Errorf("audit actions: %s", s)
	}
}
