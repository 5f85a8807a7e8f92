package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/dossier"
	"tuphap/internal/external/verification"
	"tuphap/internal/external/vneid"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
	"tuphap/internal/web"
)

func newJRFixture(t *testing.T, e sqlstore.Engine) (*fixture, *judicialrecord.Service) {
	t.Helper()
	svc := newServices(t, e, time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC))
	s := newServer(t, svc, nil)
	jr := enableJR(t, s, svc)
	db, orgSvc := svc.DB, svc.Org
	f := &fixture{t: t, db: db, clock: svc.Clock, authSvc: svc.Auth, orgSvc: orgSvc}
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	ctx := context.Background()
	ten, err := orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-A", Name: "Công an tỉnh Thử", AgencyID: "000.00.00.G01", ProvinceCode: "82", Kind: org.KindProvincialPolice})
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

// enableJR turns the judicial records on, as every fixture that serves them
// does: simulators for the checks and VNeID, a demonstration signer.
func enableJR(t testing.TB, s *web.Server, svc *testrig.Services) *judicialrecord.Service {
	t.Helper()
	env := testrig.EnvelopeKeys(t)
	jr := svc.JudicialRecords(env)
	p12, _ := signature.GenerateDemo("Công an tỉnh Thử", "Công an tỉnh Thử", time.Now(), "pw")
	signer, _ := signature.LoadPKCS12(p12, "pw")
	s.EnableJudicialRecords(&web.JudicialRecords{Service: jr, Verifier: &verification.Simulator{Now: svc.Clock.Now}, VNeID: &vneid.Simulator{},
		Handover: &handover.Service{Store: sqlstore.HandoverStore{DB: svc.DB}, Registers: []handover.Register{judicialrecord.Register{Keys: env}}, Procedures: svc.Procs},
		Issuing: judicialrecord.Issuing{Signer: signer,
			Issuer: func(ctx context.Context, id string) (judicialrecord.Issuer, error) {
				return judicialrecord.Issuer{Agency: render.Agency{Superior: "BỘ CÔNG AN", Name: "CÔNG AN TỈNH THỬ", FullName: "Công an tỉnh Thử", Place: "Thử"}}, nil
			},
			VerifyURL: func(id string) string { return "http://localhost/xac-thuc/lltp/" + id }}})
	return jr
}

var idRe32 = regexp.MustCompile(`/xac-thuc/lltp/([0-9a-f]{32})`)

func TestJudicialRecordScreens(t *testing.T) {
	t.Parallel()
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
		// The rules of 1/7/2026 (Law 107/2025/QH15, Decree 216/2026/NĐ-CP):
		// 1 working hour to receive at the counter, the fee of Circular
		// 16/2025/TT-BTC, any competent office.
		if code != 200 || !strings.Contains(body, "107/2025/QH15") || !strings.Contains(body, "10 ngày") || !strings.Contains(body, "Vợ/chồng") ||
			!strings.Contains(body, "1 giờ làm việc") || !strings.Contains(body, "16/2025/TT-BTC") || !strings.Contains(body, "gần nhất") {
			t.Fatalf("request page: %d", code)
		}
		// The clerk has no judicial-record role: 403 and logged.
		if code, _ := clerk.get("/admin/lltp/an-tich"); code != http.StatusForbidden {
			t.Fatalf("clerk opens convictions: %d", code)
		}
		if code, _ := clerk.post("/admin/lltp/an-tich", url.Values{"csrf": {clerk.csrf}, "id_number": {"082090001234"}, "reason": {"tò mò xem thử"}}); code != http.StatusForbidden {
			t.Fatalf("clerk reads convictions: %d", code)
		}
		log, _ := f.db.Audit().AuditLog(context.Background(), f.a.ID, 0, 100)
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
		// Issue 12 §14: a word is not a reason, a request ground needs its
		// request.
		if code, body := officer.post("/admin/lltp/an-tich", url.Values{"csrf": {officer.csrf}, "id_number": {"082090001234"}, "ground": {"register_update"}, "reason": {"Lập Phiếu số 1"}}); code != http.StatusBadRequest || !strings.Contains(body, "ít nhất 20 ký tự") {
			t.Fatalf("read with a short reason: %d", code)
		}
		if code, body := officer.post("/admin/lltp/an-tich", url.Values{"csrf": {officer.csrf}, "id_number": {"082090001234"}, "ground": {"certificate_request"}, "reason": {"Đối chiếu án tích khi lập Phiếu số 1"}}); code != http.StatusBadRequest || !strings.Contains(body, "mã hồ sơ") {
			t.Fatalf("request ground without the request: %d", code)
		}
		code, body = officer.post("/admin/lltp/an-tich", url.Values{"csrf": {officer.csrf}, "id_number": {"082090001234"}, "ground": {"certificate_request"}, "request_code": {dcode}, "reason": {"Đối chiếu án tích khi lập Phiếu số 1"}})
		if code != 200 || !strings.Contains(body, "Trộm cắp tài sản") || !strings.Contains(body, "Điều 173") {
			t.Fatalf("officer reads: %d", code)
		}
		if _, body := officer.get("/admin/lltp/" + dcode); strings.Contains(body, "12/2010/HS-ST") {
			t.Fatal("declared records shown without a logged read")
		}
		if code, _ := clerk.post("/admin/lltp/"+dcode+"/declared", url.Values{"csrf": {clerk.csrf}, "reason": {"xem thử tờ khai"}}); code != http.StatusForbidden {
			t.Fatalf("clerk reads declared records: %d", code)
		}
		if code, body := officer.post("/admin/lltp/"+dcode+"/declared", url.Values{"csrf": {officer.csrf}, "ground": {"certificate_request"}, "reason": {"Đối chiếu tờ khai với kết quả tra cứu"}}); code != 200 || !strings.Contains(body, "12/2010/HS-ST") {
			t.Fatalf("officer reads declared records: %d", code)
		}
		// Penal Code Art. 70: the record says nothing of the sentence's
		// completion or of the judgment's other decisions: the officer sees
		// the flag, the certificate waits for the verification.
		if !strings.Contains(body, "Cần xác minh") || !strings.Contains(body, "ngày chấp hành xong hình phạt chính") {
			t.Fatal("the unsettled expungement is not flagged")
		}
		if code, body := officer.post("/admin/lltp/"+dcode+"/issue", url.Values{"csrf": {officer.csrf}}); code != http.StatusConflict || !strings.Contains(body, "Điều 70") {
			t.Fatalf("issued with an unsettled expungement: %d", code)
		}
		convID := regexp.MustCompile(`name="id" value="([0-9a-f-]{36})"`).FindStringSubmatch(body)
		if convID == nil {
			t.Fatal("no verification form")
		}
		verify := url.Values{"csrf": {officer.csrf}, "id": {convID[1]}, "id_number": {"082090001234"}, "ground": {"register_update"}, "reason": {"Ghi kết quả xác minh của cơ quan THADS"},
			"offence_date": {"01/12/2018"}, "penalty": {"prison"}, "prison_months": {"18"}, "completed": {"02/11/2020"}, "obligations": {"none"}}
		verify.Set("completed", "31/02/2020")
		if code, body := officer.post("/admin/lltp/an-tich/xac-minh", verify); code != http.StatusBadRequest || !strings.Contains(body, "ngày/tháng/năm") {
			t.Fatalf("a wrong date: %d", code)
		}
		verify.Set("completed", "02/11/2020")
		code, body = officer.post("/admin/lltp/an-tich/xac-minh", verify)
		if code != 200 || !strings.Contains(body, "Đương nhiên được xóa án tích") || !strings.Contains(body, "03/11/2022") ||
			!strings.Contains(body, "Điểm b khoản 2 Điều 70") {
			t.Fatalf("after the verification: %d", code)
		}
		if code, _ := clerk.post("/admin/lltp/an-tich/xac-minh", url.Values{"csrf": {clerk.csrf}, "id": {convID[1]}, "id_number": {"082090001234"}, "reason": {"Sửa thử dữ liệu"}}); code != http.StatusForbidden {
			t.Fatalf("clerk records a verification: %d", code)
		}
		// A ban from a bankruptcy decision is its own record, not a
		// conviction (issue 16.10).
		ban := url.Values{"csrf": {officer.csrf}, "full_name": {"Nguyễn Văn An"}, "id_number": {"082090001234"}, "court": {"Tòa án nhân dân tỉnh Đồng Tháp"},
			"decision_no": {"07/2024/QĐ-TBPS"}, "decision_date": {"16/09/2024"}, "enterprise": {"Công ty Cổ phần Thủy sản Mê Kông Xanh"},
			"ban": {"Không được thành lập doanh nghiệp, làm người quản lý doanh nghiệp"}, "to": {"16/09/2027"}}
		if code, _ := clerk.post("/admin/lltp/an-tich/cam", ban); code != http.StatusForbidden {
			t.Fatalf("clerk adds a ban: %d", code)
		}
		if code, body := officer.post("/admin/lltp/an-tich/cam", ban); code != 200 || !strings.Contains(body, "Đã lưu thông tin cấm") {
			t.Fatalf("add a ban: %d", code)
		}
		code, body = officer.post("/admin/lltp/an-tich", url.Values{"csrf": {officer.csrf}, "id_number": {"082090001234"}, "ground": {"register_update"}, "reason": {"Lập Phiếu số 1 cho hồ sơ đang giải quyết"}})
		if code != 200 || !strings.Contains(body, "07/2024/QĐ-TBPS") || !strings.Contains(body, "không phải án tích") {
			t.Fatalf("the ban beside the conviction: %d", code)
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
		// Issue 12 §14: a certificate download needs a reason too.
		if code, body := officer.get("/admin/lltp/phieu/" + m[1]); code != 200 || strings.HasPrefix(body, "%PDF") || !strings.Contains(body, "Căn cứ pháp lý") {
			t.Fatalf("download form: %d", code)
		}
		if code, _ := officer.post("/admin/lltp/phieu/"+m[1]+"/tai", url.Values{"csrf": {officer.csrf}}); code != http.StatusBadRequest {
			t.Fatalf("download without a reason: %d", code)
		}
		code, pdf := officer.post("/admin/lltp/phieu/"+m[1]+"/tai", url.Values{"csrf": {officer.csrf}, "ground": {"certificate_request"}, "reason": {"Trả Phiếu cho người yêu cầu tại quầy"}})
		if code != 200 || !strings.HasPrefix(pdf, "%PDF") {
			t.Fatalf("download: %d", code)
		}
		// 18 months served on 02/11/2020, nothing else owed, no new
		// offence: expunged by law on 03/11/2022, so No. 1 states none.
		// The ban is not stated on No. 1 when the request did not ask.
		if text := pdfText(t, []byte(pdf)); !strings.Contains(text, "Không có án tích") || strings.Contains(text, "Trộm cắp") || strings.Contains(text, "TBPS") {
			t.Fatalf("certificate No. 1 after expungement:\n%s", text)
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
		if body := upload(bytes.Repeat([]byte("%PDF-1.7 "), 700_000)); !strings.Contains(body, "vượt quá 5 MB") {
			t.Fatalf("an oversized file: %.200s", body)
		}
		// Certificate No. 2 for the same person lists the record as expunged
		// on 03/11/2022 (Penal Code Art. 70(2)(b)) and states the ban from
		// the bankruptcy decision.
		form.Set("form", "2")
		form.Del("proxy_name")
		form.Del("proxy_id")
		form.Del("declared")
		if code, _ := clerk.post("/admin/lltp", form); code != http.StatusSeeOther {
			t.Fatalf("intake No. 2: %d", code)
		}
		_, body = clerk.get("/admin/dossiers?tab=all")
		var code2 string
		for _, c := range regexp.MustCompile(`000\.00\.00\.G01-\d{6}-\d{4}`).FindAllString(body, -1) {
			if c != dcode {
				code2 = c
			}
		}
		if code2 == "" {
			t.Fatal("no second dossier")
		}
		if code, _ := clerk.post("/admin/dossiers/"+code2+"/forward", url.Values{"csrf": {clerk.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("forward No. 2: %d", code)
		}
		if code, _ := officer.post("/admin/lltp/"+code2+"/issue", url.Values{"csrf": {officer.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("issue No. 2: %d", code)
		}
		_, body = officer.get("/admin/lltp/" + code2)
		m2 := idRe32.FindStringSubmatch(body)
		if m2 == nil {
			t.Fatal("no certificate No. 2")
		}
		_, pdf2 := officer.post("/admin/lltp/phieu/"+m2[1]+"/tai", url.Values{"csrf": {officer.csrf}, "ground": {"certificate_request"}, "reason": {"Trả Phiếu số 2 cho người yêu cầu tại quầy"}})
		text := pdfText(t, []byte(pdf2))
		for _, want := range []string{"PHIẾU LÝ LỊCH TƯ PHÁP SỐ 2", "Trộm cắp tài sản", "Đã được xóa án tích ngày: 03/11/2022", "07/2024/QĐ-TBPS"} {
			if !strings.Contains(text, want) {
				t.Fatalf("certificate No. 2 lacks %q:\n%s", want, text)
			}
		}
		// Issue 12 §15: the public check is rate limited per address, and
		// says when to come back.
		limited := false
		for i := 0; i < 25 && !limited; i++ {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "phieu.pdf")
			fw.Write(tampered)
			mw.Close()
			resp, err := http.Post(f.srv.URL+"/xac-thuc/lltp/"+m[1], mw.FormDataContentType(), &buf)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusTooManyRequests {
				limited = resp.Header.Get("Retry-After") != ""
			}
		}
		if !limited {
			t.Fatal("the public certificate check is not rate limited with Retry-After")
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
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f, jr := newJRFixture(t, e)
		ctx := context.Background()
		other, err := f.orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-B", Name: "Ủy ban nhân dân xã Thử", AgencyID: "000.00.00.X01", ProvinceCode: "82", Kind: org.KindCommune})
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
		police, err := f.orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "CA-B", Name: "Công an tỉnh Bên", AgencyID: "000.00.00.G02", ProvinceCode: "83", Kind: org.KindProvincialPolice})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []org.Officer{{TenantID: police.ID, Username: "lltp", FullName: "Cán bộ LLTP bên nhận", Role: org.JudicialRecordOfficer},
			{TenantID: police.ID, Username: "admin", FullName: "Quản trị bên nhận", Role: org.Admin}} {
			if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		// Issue 12 §1: neither a clerk nor the system administrator hands a
		// function over; the head of the agency may not hand over the
		// judicial-record register without the judicial-record permission.
		for _, who := range []string{"clerk", "admin"} {
			b := f.browser()
			b.mustLogin("STP-A", who)
			if code, _ := b.get("/admin/transfer"); code != http.StatusForbidden {
				t.Fatalf("%s opens the transfer screen: %d", who, code)
			}
			if code, _ := b.post("/admin/transfer", url.Values{"csrf": {b.csrf}, "procedure": {"judicial_record.certificate_police"}, "to_tenant": {"CA-B"}}); code != http.StatusForbidden {
				t.Fatalf("%s offers a hand-over: %d", who, code)
			}
		}
		director := f.browser()
		director.mustLogin("STP-A", "director")
		if code, _ := director.post("/admin/transfer", url.Values{"csrf": {director.csrf}, "procedure": {"judicial_record.certificate_police"}, "to_tenant": {"CA-B"}}); code != http.StatusForbidden {
			t.Fatalf("the director offers the judicial-record register: %d", code)
		}
		officer := f.browser()
		officer.mustLogin("STP-A", "lltp")
		if code, body := officer.get("/admin/transfer"); code != 200 || !strings.Contains(body, "CA-B") {
			t.Fatalf("transfer screen: %d", code)
		}
		if code, _ := officer.post("/admin/transfer", url.Values{"csrf": {officer.csrf}, "procedure": {"judicial_record.certificate_police"}, "to_tenant": {"STP-A"}}); code != http.StatusBadRequest {
			t.Fatalf("transfer to itself: %d", code)
		}
		// A commune is not competent for judicial records.
		if code, body := officer.post("/admin/transfer", url.Values{"csrf": {officer.csrf}, "procedure": {"judicial_record.certificate_police"}, "to_tenant": {"STP-B"}, "as_of": {"01/12/2026"}}); code != http.StatusBadRequest || !strings.Contains(body, "không phải là cơ quan có thẩm quyền") {
			t.Fatalf("transfer to a commune: %d", code)
		}
		code, body := officer.post("/admin/transfer", url.Values{"csrf": {officer.csrf}, "procedure": {"judicial_record.certificate_police"}, "to_tenant": {"CA-B"}, "as_of": {"01/12/2026"}})
		if code != 200 || !strings.Contains(body, "Đã gửi đề nghị chuyển giao") {
			t.Fatalf("offer: %d", code)
		}
		if n, _ := f.db.Dossiers().DossierCounts(ctx, police.ID); n[dossier.Accepted] != 0 {
			t.Fatal("the offer moved dossiers before acceptance")
		}
		// The sender cannot accept its own offer; the receiver's
		// administrator cannot accept; its judicial-record officer does.
		offerID := regexp.MustCompile(`/admin/transfer/([0-9a-f-]{36})/accept`)
		_, body = officer.get("/admin/transfer")
		if offerID.MatchString(body) {
			t.Fatal("the sender is offered to accept its own offer")
		}
		receiver := f.browser()
		receiver.mustLogin("CA-B", "lltp")
		_, body = receiver.get("/admin/transfer")
		m := offerID.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("the receiver does not see the offer")
		}
		if code, _ := officer.post("/admin/transfer/"+m[1]+"/accept", url.Values{"csrf": {officer.csrf}}); code != http.StatusNotFound {
			t.Fatalf("the sender accepts: %d", code)
		}
		radmin := f.browser()
		radmin.mustLogin("CA-B", "admin")
		if code, _ := radmin.post("/admin/transfer/"+m[1]+"/accept", url.Values{"csrf": {radmin.csrf}}); code != http.StatusForbidden {
			t.Fatalf("the receiver's administrator accepts: %d", code)
		}
		code, body = receiver.post("/admin/transfer/"+m[1]+"/accept", url.Values{"csrf": {receiver.csrf}})
		if code != 200 || !strings.Contains(body, "1 hồ sơ đang giải quyết") {
			t.Fatalf("accept: %d", code)
		}
		if code, _ := receiver.post("/admin/transfer/"+m[1]+"/accept", url.Values{"csrf": {receiver.csrf}}); code != http.StatusConflict {
			t.Fatalf("accepted twice: %d", code)
		}
		for _, id := range []string{f.a.ID, police.ID, other.ID} {
			if _, err := f.db.Audit().VerifyAudit(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		if code, body := director.get("/api/v1/lltp/figures?from=2026-11-01&to=2026-12-01"); code != 200 || !strings.Contains(body, `"rows": []`) {
			t.Fatalf("figures: %d %s", code, body)
		}
		if code, _ := director.get("/api/v1/lltp/figures?from=2026-13-01"); code != http.StatusBadRequest {
			t.Fatalf("bad date: %d", code)
		}
	})
}
