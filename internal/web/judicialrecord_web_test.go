package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/envelope"
	"tuphap/internal/external/verification"
	"tuphap/internal/external/vneid"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

func newJRFixture(t *testing.T, e sqlstore.Engine) (*fixture, *judicialrecord.Service) {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)}
	db := storetest.Open(t, e, sqlstore.Options{Now: clk.Now})
	keys, _ := auth.NewKeyring("k1", map[string][]byte{"k1": make([]byte, 32)})
	mk := make([]byte, 32)
	rand.Read(mk)
	env, _ := envelope.NewKeyring([]string{"m1"}, map[string][]byte{"m1": mk})
	orgSvc := &org.Service{Store: sqlstore.OrgStore{DB: db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy}
	authSvc := &auth.Service{Store: sqlstore.AuthStore{DB: db}, Keys: keys}
	cal := &calendar.Admin{Store: sqlstore.CalendarStore{DB: db}}
	procs, _ := catalog.Builtin()
	dossiers := &dossier.Service{
		Store: sqlstore.DossierStore{DB: db},
		Procedure: func(ctx context.Context, tenantID, key string, on calendar.Date) (catalog.Procedure, error) {
			if p, ok := catalog.Find(procs, key, on); ok {
				return p, nil
			}
			return catalog.Procedure{}, apperr.ErrNotFound
		},
		Calendar: func(ctx context.Context, tenantID string) (*calendar.RuleBook, error) {
			return cal.Book(ctx, tenantID, calendar.DefaultOfficeHours())
		},
		AgencyID: func(ctx context.Context, tenantID string) (string, error) {
			t, err := db.Tenant(ctx, tenantID)
			return t.AgencyID, err
		},
		Now: clk.Now,
	}
	s, err := web.New(web.Config{DB: db, Org: orgSvc, Auth: authSvc, Calendar: cal, Dossiers: dossiers, Catalog: procs, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	p12, _ := signature.GenerateDemo("Công an tỉnh Thử", "Công an tỉnh Thử", time.Now(), "pw")
	signer, _ := signature.LoadPKCS12(p12, "pw")
	jr := &judicialrecord.Service{Store: sqlstore.JRStore{DB: db}, Dossiers: dossiers, Keys: env, Now: clk.Now}
	s.EnableJudicialRecords(&web.JudicialRecords{Service: jr, Verifier: &verification.Simulator{Now: clk.Now}, VNeID: &vneid.Simulator{},
		Handover: &handover.Service{Store: sqlstore.HandoverStore{DB: db}, Registers: []handover.Register{judicialrecord.Register{Keys: env}}},
		Issuing: judicialrecord.Issuing{Signer: signer,
			Issuer: func(ctx context.Context, id string) (judicialrecord.Issuer, error) {
				return judicialrecord.Issuer{Agency: render.Agency{Superior: "BỘ CÔNG AN", Name: "CÔNG AN TỈNH THỬ", FullName: "Công an tỉnh Thử", Place: "Thử"}}, nil
			},
			VerifyURL: func(id string) string { return "http://localhost/xac-thuc/lltp/" + id }}})
	f := &fixture{t: t, db: db, clock: clk, authSvc: authSvc, orgSvc: orgSvc}
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	ctx := context.Background()
	ten, err := orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-A", Name: "Công an tỉnh Thử", AgencyID: "000.00.00.G01", ProvinceCode: "82"})
	if err != nil {
		t.Fatal(err)
	}
	f.a = ten
	desk, _ := orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception})
	for _, o := range []org.Officer{
		{Username: "clerk", FullName: "Văn thư", Role: org.Clerk, UnitID: desk.ID},
		{Username: "lltp", FullName: "Cán bộ LLTP", Role: org.JudicialRecordOfficer},
		{Username: "director", FullName: "Lãnh đạo", Role: org.Director},
	} {
		o.TenantID = ten.ID
		if _, err := orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	return f, jr
}

var idRe32 = regexp.MustCompile(`/xac-thuc/lltp/([0-9a-f]{32})`)

func TestJudicialRecordScreens(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f, _ := newJRFixture(t, e)
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		form := url.Values{"csrf": {clerk.csrf}, "form": {"2"}, "copies": {"1"}, "purpose": {"Định cư"}, "full_name": {"Nguyễn Văn An"},
			"sex": {"Nam"}, "birth_date": {"12/03/1990"}, "birth_place": {"Đồng Tháp"}, "id_number": {"082090001234"},
			"permanent": {"Phường 1"}, "permanent_province": {"82"}, "proxy_name": {"Nguyễn Thị Bé"}, "proxy_id": {"082190009999"}, "proxy_relation": {"spouse"}}
		code, body := clerk.post("/admin/lltp", form)
		if code != http.StatusBadRequest || !strings.Contains(body, "Không được ủy quyền yêu cầu cấp Phiếu lý lịch tư pháp số 2") {
			t.Fatalf("No. 2 by proxy: %d", code)
		}
		form.Set("form", "1")
		form.Set("proxy_relation", "other")
		code, body = clerk.post("/admin/lltp", form)
		if code != http.StatusBadRequest || !strings.Contains(body, "văn bản ủy quyền") {
			t.Fatalf("No. 1 by another person without authorisation: %d", code)
		}
		form.Set("proxy_relation", "spouse")
		form.Set("declared", "Tự khai: bản án 12/2010/HS-ST")
		code, _ = clerk.post("/admin/lltp", form)
		if code != http.StatusSeeOther {
			t.Fatalf("intake: %d", code)
		}
		_, body = clerk.get("/admin/dossiers?tab=all")
		dcode := regexp.MustCompile(`000\.00\.00\.G01-\d{6}-\d{4}`).FindString(body)
		if dcode == "" {
			t.Fatal("no dossier")
		}
		code, body = clerk.get("/admin/lltp/" + dcode)
		if code != 200 || !strings.Contains(body, "Điều 48") || !strings.Contains(body, "10 ngày") || !strings.Contains(body, "Vợ/chồng") {
			t.Fatalf("request page: %d", code)
		}
		// The clerk has no judicial-record role: 403 and logged.
		if code, _ := clerk.get("/admin/lltp/an-tich"); code != http.StatusForbidden {
			t.Fatalf("clerk opens convictions: %d", code)
		}
		if code, _ := clerk.post("/admin/lltp/an-tich", url.Values{"csrf": {clerk.csrf}, "id_number": {"082090001234"}, "reason": {"tò mò xem thử"}}); code != http.StatusForbidden {
			t.Fatalf("clerk reads convictions: %d", code)
		}
		log, _ := f.db.AuditLog(context.Background(), f.a.ID, 0, 100)
		denied := 0
		for _, e := range log {
			if e.Action == "jr.read_denied" && e.Actor == "clerk" {
				denied++
			}
		}
		if denied != 2 {
			t.Fatalf("%d denied attempts logged, want 2", denied)
		}
		if code, _ := clerk.post("/admin/dossiers/"+dcode+"/forward", url.Values{"csrf": {clerk.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("forward: %d", code)
		}
		officer := f.browser()
		officer.mustLogin("STP-A", "lltp")
		code, _ = officer.post("/admin/lltp/an-tich/them", url.Values{"csrf": {officer.csrf}, "full_name": {"Nguyễn Văn An"}, "id_number": {"082090001234"},
			"court": {"Tòa án nhân dân huyện Kỳ Sơn"}, "judgment_no": {"45/2019/HS-ST"}, "judgment_date": {"02/05/2019"},
			"offence": {"Trộm cắp tài sản"}, "article": {"Khoản 1 Điều 173 Bộ luật Hình sự 2015"}, "sentence": {"18 tháng tù"}})
		if code != 200 {
			t.Fatalf("add conviction: %d", code)
		}
		if code, body := officer.post("/admin/lltp/an-tich", url.Values{"csrf": {officer.csrf}, "id_number": {"082090001234"}}); code != http.StatusBadRequest || !strings.Contains(body, "lý do") {
			t.Fatalf("read without reason: %d", code)
		}
		code, body = officer.post("/admin/lltp/an-tich", url.Values{"csrf": {officer.csrf}, "id_number": {"082090001234"}, "reason": {"Lập Phiếu số 1"}})
		if code != 200 || !strings.Contains(body, "Trộm cắp tài sản") || !strings.Contains(body, "Điều 173") {
			t.Fatalf("officer reads: %d", code)
		}
		if _, body := officer.get("/admin/lltp/" + dcode); strings.Contains(body, "12/2010/HS-ST") {
			t.Fatal("declared records shown without a logged read")
		}
		if code, _ := clerk.post("/admin/lltp/"+dcode+"/declared", url.Values{"csrf": {clerk.csrf}, "reason": {"xem thử tờ khai"}}); code != http.StatusForbidden {
			t.Fatalf("clerk reads declared records: %d", code)
		}
		if code, body := officer.post("/admin/lltp/"+dcode+"/declared", url.Values{"csrf": {officer.csrf}, "reason": {"Đối chiếu tờ khai"}}); code != 200 || !strings.Contains(body, "12/2010/HS-ST") {
			t.Fatalf("officer reads declared records: %d", code)
		}
		if code, _ := officer.post("/admin/lltp/"+dcode+"/issue", url.Values{"csrf": {officer.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("issue: %d", code)
		}
		_, body = officer.get("/admin/lltp/" + dcode)
		m := idRe32.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no certificate on the request page")
		}
		pub := f.browser()
		code, body = pub.get("/xac-thuc/lltp/" + m[1])
		if code != 200 || !strings.Contains(body, "Phiếu hợp lệ") || strings.Contains(body, "Nguyễn Văn An") || strings.Contains(body, "082090001234") {
			t.Fatalf("public page: %d", code)
		}
		if code, _ := pub.get("/xac-thuc/lltp/00000000000000000000000000000000"); code != http.StatusNotFound {
			t.Fatalf("unknown certificate: %d", code)
		}
		code, pdf := officer.get("/admin/lltp/phieu/" + m[1])
		if code != 200 || !strings.HasPrefix(pdf, "%PDF") {
			t.Fatalf("download: %d", code)
		}
		if code, _ := clerk.get("/admin/lltp/phieu/" + m[1]); code != http.StatusForbidden {
			t.Fatalf("clerk downloads: %d", code)
		}
		upload := func(b []byte) string {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "phieu.pdf")
			fw.Write(b)
			mw.Close()
			req, _ := http.NewRequest("POST", f.srv.URL+"/xac-thuc/lltp/"+m[1], &buf)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			out, _ := io.ReadAll(resp.Body)
			return string(out)
		}
		if body := upload([]byte(pdf)); !strings.Contains(body, "Hợp lệ:") {
			t.Fatal("the issued file is not recognised")
		}
		tampered := []byte(pdf)
		tampered[len(tampered)/2] ^= 1
		if body := upload(tampered); !strings.Contains(body, "Không hợp lệ:") {
			t.Fatal("a tampered file is accepted")
		}
		if body := upload(bytes.Repeat([]byte("%PDF-1.7 "), 700_000)); !strings.Contains(body, "Tệp quá lớn") {
			t.Fatalf("an oversized file: %.200s", body)
		}
		// The national e-ID channel (simulator): an e-form becomes a request
		// waiting for the desk's check.
		code, body = clerk.post("/admin/lltp/vneid", url.Values{"csrf": {clerk.csrf}, "sample": {"1"}})
		if code != 200 || !strings.Contains(body, "VNEID-MAU-") || !strings.Contains(body, "đã tiếp nhận") {
			t.Fatalf("VNeID intake: %d", code)
		}
		// Asking again when nothing is waiting still answers (issue 14, item 7).
		code, body = clerk.post("/admin/lltp/vneid", url.Values{"csrf": {clerk.csrf}})
		if code != 200 || !strings.Contains(body, `id="ket-qua-vneid"`) || !strings.Contains(body, "Không có yêu cầu mới từ VNeID") {
			t.Errorf("VNeID with nothing waiting: %d, no answer on the page", code)
		}
	})
}

func TestTransferScreenAndFiguresAPI(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f, jr := newJRFixture(t, e)
		ctx := context.Background()
		other, err := f.orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-B", Name: "Ủy ban nhân dân xã Thử", AgencyID: "000.00.00.X01", ProvinceCode: "82"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: f.a.ID, Username: "admin", FullName: "Quản trị", Role: org.Admin}, password); err != nil {
			t.Fatal(err)
		}
		req := judicialrecord.Request{Form: judicialrecord.Form1, Purpose: "Xin việc", Copies: 1, Source: judicialrecord.SourceCounter,
			Person:    judicialrecord.Person{FullName: "Lê Thị Hoa", Sex: "Nữ", BirthDate: "01/01/1990", BirthPlace: "Đồng Tháp", IDNumber: "082190001111"},
			Permanent: judicialrecord.Address{Text: "Phường 1", Province: "82"}}
		if _, err := jr.Intake(ctx, dossier.Actor{ID: "c", Name: "clerk", Role: "reception_clerk", UnitCode: "MOTCUA"}, f.a.ID, req); err != nil {
			t.Fatal(err)
		}
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		if code, _ := clerk.get("/admin/transfer"); code != http.StatusForbidden {
			t.Fatalf("clerk opens the transfer screen: %d", code)
		}
		admin := f.browser()
		admin.mustLogin("STP-A", "admin")
		if code, body := admin.get("/admin/transfer"); code != 200 || !strings.Contains(body, "STP-B") {
			t.Fatalf("transfer screen: %d", code)
		}
		if code, _ := admin.post("/admin/transfer", url.Values{"csrf": {admin.csrf}, "procedure": {"judicial_record.certificate_police"}, "to_tenant": {"STP-A"}}); code != http.StatusBadRequest {
			t.Fatalf("transfer to itself: %d", code)
		}
		code, body := admin.post("/admin/transfer", url.Values{"csrf": {admin.csrf}, "procedure": {"judicial_record.certificate_police"}, "to_tenant": {"STP-B"}, "as_of": {"01/12/2026"}})
		if code != 200 || !strings.Contains(body, "1 hồ sơ đang giải quyết") {
			t.Fatalf("transfer: %d", code)
		}
		for _, id := range []string{f.a.ID, other.ID} {
			if _, err := f.db.VerifyAudit(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		director := f.browser()
		director.mustLogin("STP-A", "director")
		if code, body := director.get("/api/v1/lltp/figures?from=2026-11-01&to=2026-12-01"); code != 200 || !strings.Contains(body, `"rows": []`) {
			t.Fatalf("figures: %d %s", code, body)
		}
		if code, _ := director.get("/api/v1/lltp/figures?from=2026-13-01"); code != http.StatusBadRequest {
			t.Fatalf("bad date: %d", code)
		}
	})
}
