package web_test

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/annualreport/sources"
	"tuphap/internal/audit"
	"tuphap/internal/emulation"
	"tuphap/internal/legalaid"
	"tuphap/internal/legaldoc"
	"tuphap/internal/mediation"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/practitioner"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/vnfmt"
	"tuphap/internal/web"
	"tuphap/internal/web/emulationweb"
)

// enableEmulation turns the emulation area on, with the annual report's
// sources wired as cmd/tuphap wires them (one-stop, mediation, legal aid,
// legal documents, petitions, practitioners, contests, emulation,
// reform); now is the service's clock.
func enableEmulation(t testing.TB, s *web.Server, db *sqlstore.DB, now func() time.Time) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	b := sources.Wire(sources.Deps{
		Report: func(ctx context.Context, tenantID string, p report.Period) (report.Report, error) {
			return db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: tenantID}, p)
		},
		Index: func(ctx context.Context, tenantID string, p report.Period) (report.IndexCounts, error) {
			return db.Reports().IndexCounts(ctx, sqlstore.ReportScope{TenantID: tenantID}, p)
		},
		Mediation:      &mediation.Service{Store: db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn},
		Communes:       units.Communes,
		Emulation:      db.Emulation(),
		LegalAid:       &legalaid.Service{Store: db.LegalAid(), Now: db.Now},
		LegalDocs:      &legaldoc.Service{Store: db.LegalDocs(), InProvince: units.InProvince},
		Petitions:      &petition.Service{Store: db.Petitions()},
		Practitioners:  &practitioner.Service{Store: db.Practitioners(), InProvince: units.InProvince, Now: db.Now},
		Contests:       db.Contests(),
		CommuneTenants: sources.CommuneTenantsOf(db.Org().CommuneLinks),
		Now:            now,
	})
	s.EnableEmulation(&web.Emulation{Service: &emulation.Service{Store: db.Emulation(), Par: emulation.DefaultParRule, Now: now}, Annual: b, Texts: db.Annual()})
}

type emuFixture struct {
	*fixture
}

func newEmulationFixture(t testing.TB) *emuFixture {
	t.Helper()
	var clock func() time.Time
	f := newFixture(t, sqlstore.SQLite, func(s *web.Server, db *sqlstore.DB) {
		enableMediation(t, s, db)
		enableLegalAid(t, s, db)
		enableLegalDocs(t, s, db)
		enablePetitions(s, db)
		enablePractitioners(t, s, db)
		enableContests(t, s, db, func() time.Time { return clock() })
		enableEmulation(t, s, db, func() time.Time { return clock() })
	})
	clock = f.clock.Now
	ctx := context.Background()
	for _, o := range []org.Officer{
		{TenantID: f.a.ID, Username: "giamdoc", FullName: "Nguyễn Văn Giám", Role: org.Director},
		{TenantID: f.a.ID, Username: "vanphong", FullName: "Trần Thị Thi Đua", Role: org.Specialist, UnitID: f.unitA.ID},
	} {
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	return &emuFixture{f}
}

var totalRe = regexp.MustCompile(`<strong id="tong-so">([0-9.]+)</strong>`)

// The year of the office: a movement, the CCHC plan, evaluations, the PAR
// rule refusing a division's proposal on screen, an award decided, a model
// recognised and public; refused forms answer 422 with the field's words.
func TestEmulationScreens(t *testing.T) {
	t.Parallel()
	f := newEmulationFixture(t)
	vp := f.browser()
	vp.mustLogin(f.a.Code, "vanphong")
	form := func(kv ...string) url.Values {
		v := url.Values{"csrf": {vp.csrf}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	if code, body := vp.post("/admin/thi-dua/phong-trao", form("name", "", "from", "01/01/2026", "to", "31/12/2025")); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Tên phong trào không được để trống.") || !strings.Contains(body, "Ngày kết thúc phải sau ngày bắt đầu.") {
		t.Fatalf("a bad movement: %d", code)
	}
	if code, _ := vp.post("/admin/thi-dua/phong-trao", form("name", "Phong trào thi đua năm 2026", "theme", "Đoàn kết, kỷ cương, trách nhiệm, hành động, sáng tạo",
		"criteria", "Hoàn thành chỉ tiêu\nHoàn thành CCHC", "from", "01/01/2026", "to", "31/12/2026")); code != http.StatusSeeOther {
		t.Fatalf("movement: %d", code)
	}
	// The legislation division misses a task due 31/01 (today is 02/03).
	if code, _ := vp.post("/admin/cchc/nhiem-vu", form("year", "2026", "name", "Rà soát văn bản", "owner", "Phòng Xây dựng văn bản", "area", emulation.ParAreas[1], "due", "31/01/2026")); code != http.StatusSeeOther {
		t.Fatalf("task: %d", code)
	}
	if code, body := vp.post("/admin/cchc/nhiem-vu", form("year", "2026", "name", "X", "owner", "Y", "area", "Z", "due", "31/01/2027")); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Thời hạn phải trong năm của kế hoạch.") {
		t.Fatalf("a task out of its year: %d", code)
	}
	if code, body := vp.get("/admin/cchc?year=2026"); code != http.StatusOK || !strings.Contains(body, "Phòng Xây dựng văn bản: <strong class=\"bad\">không hoàn thành</strong>") {
		t.Fatalf("the plan page shows the division failing: %d", code)
	}
	for _, name := range []string{"Phòng Xây dựng văn bản", "Phòng Hành chính tư pháp"} {
		if code, _ := vp.post("/admin/thi-dua/danh-gia", form("year", "2026", "kind", "collective", "name", name, "rating", "excellent",
			"members", "6", "members_ldtt", "5", "members_cstd", "1")); code != http.StatusSeeOther {
			t.Fatalf("evaluation of %s: %d", name, code)
		}
	}
	evals, err := f.db.Emulation().Evaluations(context.Background(), f.a.ID, 2026)
	if err != nil || len(evals) != 2 {
		t.Fatalf("evaluations: %v %v", evals, err)
	}
	ids := map[string]string{}
	for _, e := range evals {
		ids[e.Name] = e.ID
	}
	code, body := vp.post("/admin/thi-dua/de-nghi", form("evaluation", ids["Phòng Xây dựng văn bản"], "title", "tt_ldxs"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "không hoàn thành nhiệm vụ cải cách hành chính") {
		t.Fatalf("seed 002: the PAR rule must refuse the division's proposal: %d", code)
	}
	if code, _ := vp.post("/admin/thi-dua/de-nghi", form("evaluation", ids["Phòng Hành chính tư pháp"], "title", "tt_ldxs")); code != http.StatusSeeOther {
		t.Fatalf("proposal: %d", code)
	}
	aws, _, _ := f.db.Emulation().Awards(context.Background(), f.a.ID, emulation.AwardFilter{Year: 2026})
	if len(aws) != 1 {
		t.Fatalf("awards: %v", aws)
	}
	if code, body := vp.post("/admin/thi-dua/khen-thuong/"+aws[0].ID, form("decision", "award", "decision_no", "", "decided_on", "01/03/2026")); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Số quyết định không được để trống.") {
		t.Fatalf("a decision without its number: %d", code)
	}
	if code, _ := vp.post("/admin/thi-dua/khen-thuong/"+aws[0].ID, form("decision", "award", "decision_no", "12/QĐ-UBND", "decided_on", "01/03/2026")); code != http.StatusSeeOther {
		t.Fatalf("decision: %d", code)
	}
	if code, _ := vp.post("/admin/thi-dua/dan-van-kheo", form("name", "“Khéo” trong đăng ký khai sinh lưu động", "field", "Xây dựng hệ thống chính trị", "unit", "Phòng Hành chính tư pháp", "year", "2026")); code != http.StatusSeeOther {
		t.Fatalf("model: %d", code)
	}
	ms, _, _ := f.db.Emulation().Models(context.Background(), f.a.ID, emulation.ModelFilter{})
	if code, _ := vp.post("/admin/thi-dua/dan-van-kheo/"+ms[0].ID+"/cong-nhan", form("level", "tỉnh", "decision_no", "5-QĐ/BDVTU", "recognised_on", "02/03/2026")); code != http.StatusSeeOther {
		t.Fatalf("recognise: %d", code)
	}
	anon := f.browser()
	if code, body := anon.get("/dan-van-kheo/" + f.a.Code); code != http.StatusOK || !strings.Contains(body, "Khéo” trong đăng ký khai sinh lưu động") {
		t.Fatalf("public page of models: %d", code)
	}
	if code, body := anon.get("/dan-van-kheo/" + f.b.Code); code != http.StatusOK || strings.Contains(body, "lưu động") {
		t.Fatalf("another agency's public page shows A's model: %d", code)
	}
	// Another tenant's officer cannot decide A's award.
	other := f.browser()
	if _, err := f.orgSvc.CreateOfficer(context.Background(), audit.System, org.Officer{TenantID: f.b.ID, Username: "vanphong", FullName: "B", Role: org.Specialist, UnitID: f.unitB.ID}, password); err != nil {
		t.Fatal(err)
	}
	other.mustLogin(f.b.Code, "vanphong")
	if code, _ := other.post("/admin/thi-dua/khen-thuong/"+aws[0].ID, url.Values{"csrf": {other.csrf}, "decision": {"refuse"}, "reason": {"x"}}); code != http.StatusNotFound {
		t.Fatalf("another tenant's award: %d", code)
	}
	if code, _ := f.browser().get("/admin/thi-dua"); code != http.StatusSeeOther && code != http.StatusUnauthorized {
		t.Fatalf("anonymous on the register: %d", code)
	}
}

// TestAnnualReportDrillDown: the report's JSON holds every key with its
// definition (null when not held); each number in the DOCX is the one of
// its figure and equals the count of its drill-down list; the director's
// text is kept with the report.
func TestAnnualReportDrillDown(t *testing.T) {
	t.Parallel()
	f := newEmulationFixture(t)
	ctx := context.Background()
	svc := &emulation.Service{Store: f.db.Emulation(), Par: emulation.DefaultParRule, Now: f.clock.Now}
	a := emulation.Actor{Name: "test"}
	for i, kind := range []emulation.Kind{emulation.Collective, emulation.Individual, emulation.Individual} {
		e, err := svc.Evaluate(ctx, f.a.ID, a, emulation.Evaluation{Year: 2026, Kind: kind, Name: []string{"Phòng A", "Người B", "Người C"}[i], Unit: "Phòng A",
			Rating: emulation.Excellent, Members: 4, MembersLDTT: 4, MembersCSTD: 1, Initiative: true})
		if err != nil {
			t.Fatal(err)
		}
		p, err := svc.Propose(ctx, f.a.ID, a, e.ID, emulation.GiayKhen, "")
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 { // the third stays a proposal and is not counted
			if _, err := svc.Decide(ctx, f.a.ID, a, p.ID, true, "1/QĐ", time.Date(2026, 2, 1+i, 0, 0, 0, 0, time.UTC), ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	seeded := seedAnnualRegisters(t, f)
	dir := f.browser()
	dir.mustLogin(f.a.Code, "giamdoc")
	if code, body := dir.get("/admin/bao-cao-nam?year=2026"); code != http.StatusOK || !strings.Contains(body, "chưa được quản lý trên tuphap") {
		t.Fatalf("report page: %d", code)
	}
	if code, _ := dir.post("/admin/bao-cao-nam", url.Values{"csrf": {dir.csrf}, "year": {"2026"}, "half": {"0"}, "text_intro": {"Năm 2026, Sở triển khai nhiệm vụ trong bối cảnh sắp xếp đơn vị hành chính."}}); code != http.StatusSeeOther {
		t.Fatalf("director's text: %d", code)
	}
	vp := f.browser()
	vp.mustLogin(f.a.Code, "vanphong")
	if code, _ := vp.post("/admin/bao-cao-nam", url.Values{"csrf": {vp.csrf}, "year": {"2026"}, "half": {"0"}, "text_intro": {"x"}}); code != http.StatusForbidden {
		t.Fatalf("a specialist writes the director's text: %d", code)
	}
	_, raw := dir.get("/admin/bao-cao-nam/xuat/json?year=2026&half=0")
	var rep emulationweb.AnnualJSON
	if err := json.Unmarshal([]byte(raw), &rep); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rep.Texts["intro"], "Năm 2026") {
		t.Fatalf("texts: %v", rep.Texts)
	}
	byKey := map[string]bool{}
	for _, k := range []string{"on_time_rate", "online_rate", "dossiers_received", "dossiers_resolved", "jr_certificates_issued", "legalaid_cases",
		"drafts_appraised", "leaflets_distributed", "contest_participants", "mediation_successful", "mediation_received", "mediation_success_rate",
		"commendations", "danvan_models"} {
		byKey[k] = false
	}
	resp, err := dir.c.Get(dir.origin + "/admin/bao-cao-nam/xuat/docx?year=2026&half=0")
	if err != nil {
		t.Fatal(err)
	}
	docx, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	zr, err := zip.NewReader(strings.NewReader(string(docx)), int64(len(docx)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	var doc string
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	if !strings.Contains(doc, "Năm 2026, Sở triển khai nhiệm vụ") {
		t.Error("the DOCX lacks the director's text")
	}
	rows := strings.Split(doc, "<w:tr>")
	textOf := regexp.MustCompile(`<[^>]+>`)
	checked := 0
	listed := map[string]bool{}
	for _, fg := range rep.Figures {
		if _, ok := byKey[fg.Key]; ok {
			byKey[fg.Key] = true
		}
		if fg.Definition == "" {
			t.Errorf("%s has no definition", fg.Key)
		}
		var row string
		for _, r := range rows {
			if strings.Contains(r, "["+fg.Key+"]") {
				row = textOf.ReplaceAllString(r, "")
			}
		}
		if !strings.Contains(row, fg.Text()) {
			t.Errorf("%s: the DOCX row %q lacks %q", fg.Key, row, fg.Text())
		}
		if fg.Value == nil || fg.Rate() || !strings.HasPrefix(fg.Drill, "/admin/") {
			continue
		}
		code, body := dir.get(fg.Drill)
		if code != http.StatusOK {
			t.Errorf("%s: drill-down %s: %d", fg.Key, fg.Drill, code)
			continue
		}
		var got string
		if m := totalRe.FindStringSubmatch(body); m != nil {
			got = m[1]
		} else if m := regexp.MustCompile(`<strong>([0-9.]+)</strong> hồ sơ`).FindStringSubmatch(body); m != nil {
			got = m[1]
		} else if isRecordList(fg.Drill) {
			got = vnfmt.Int(int64(listedRecords(t, body)))
			listed[fg.Key] = true
		} else {
			continue // a list without a stated total (mediation's book: checked in its own tests)
		}
		if got != fg.Text() {
			t.Errorf("%s = %s in the report, %s in its drill-down %s", fg.Key, fg.Text(), got, fg.Drill)
		}
		checked++
	}
	for k, seen := range byKey {
		if !seen {
			t.Errorf("the report's JSON lacks the key %s", k)
		}
	}
	if checked < 5 {
		t.Fatalf("only %d figures checked against their drill-down", checked)
	}
	figure := func(k string) *float64 {
		for _, fg := range rep.Figures {
			if fg.Key == k {
				return fg.Value
			}
		}
		t.Fatalf("no figure %s", k)
		return nil
	}
	if c := figure("commendations"); c == nil || *c != 2 {
		t.Errorf("commendations = %v, want 2 (the undecided proposal does not count)", c)
	}
	// The registers' figures equal the records seeded; those drilled into a
	// list were counted there too.
	for k, n := range seeded {
		if v := figure(k); v == nil {
			t.Errorf("%s is null, %d records seeded", k, n)
		} else if int(*v) != n {
			t.Errorf("%s = %v, %d records seeded", k, *v, n)
		}
	}
	for _, k := range []string{"legalaid_cases", "legalaid_closed", "drafts_appraised", "documents_checked", "petitions_received", "citizen_reception_visits", "practitioner_organisations"} {
		if !listed[k] {
			t.Errorf("%s was not checked against the rows of its drill-down", k)
		}
	}
	if v := figure("leaflets_distributed"); v != nil {
		t.Errorf("the dissemination register is not kept in tuphap: leaflets_distributed must be null, got %v", *v)
	}
	for _, format := range []string{"pdf", "xlsx"} {
		resp, err := dir.c.Get(dir.origin + "/admin/bao-cao-nam/xuat/" + format + "?year=2026&half=1")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %v", format, resp.StatusCode, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) < 1000 {
			t.Errorf("%s: %d bytes", format, len(b))
		}
	}
	if code, _ := dir.get("/admin/bao-cao-nam?year=1899"); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Errorf("a bad year: %d", code)
	}
}
