package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/audit"
	"tuphap/internal/contest"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/web"
)

// enableContests turns the online contests on in a test server.
func enableContests(t testing.TB, s *web.Server, db *sqlstore.DB, now func() time.Time) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s.EnableContests(&web.Contests{Service: &contest.Service{Store: db.Contests(), Now: now}, Units: units})
}

// put sends a JSON PUT (the page's script saving an answer).
func (b *browser) put(path, body string) int {
	b.f.t.Helper()
	req, _ := http.NewRequest("PUT", b.origin+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Origin", b.origin)
	resp, err := b.c.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// The whole journey over HTTP on both engines: the organisers create a
// contest, its bank and a round; a person registers on the public page,
// sits the round (answers saved one by one through the API, the key never
// in the page), submits; after the close the organisers rank and the person
// sees the result and the key.
func TestContestJourney(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		var now func() time.Time
		f := newFixture(t, e, func(s *web.Server, db *sqlstore.DB) {
			enableContests(t, s, db, func() time.Time { return now() })
		})
		now = f.clock.Now
		ctx := context.Background()
		svc := struct {
			DB    *sqlstore.DB
			Org   interface{}
			Clock interface{ Set(time.Time) }
		}{f.db, nil, f.clock}
		orgSvc := f.orgSvc
		ten, err := orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-T", Name: "Sở Tư pháp tỉnh Đồng Tháp", AgencyID: "000.00.00.H29", ProvinceCode: "82"})
		if err != nil {
			t.Fatal(err)
		}
		unit, _ := orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "PBGDPL", Name: "Phòng Phổ biến, giáo dục pháp luật", Kind: org.Division})
		for _, o := range []org.Officer{{Username: "pbgdpl", FullName: "Chuyên viên PBGDPL", Role: org.Specialist, UnitID: unit.ID},
			{Username: "vanthu", FullName: "Văn thư", Role: org.Clerk, UnitID: unit.ID}} {
			o.TenantID = ten.ID
			if _, err := orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		clerk := f.browser()
		clerk.mustLogin("STP-T", "vanthu")
		if code, _ := clerk.get("/admin/cuoc-thi"); code != http.StatusForbidden {
			t.Fatalf("a clerk reads contests: %d", code)
		}
		b := f.browser()
		b.mustLogin("STP-T", "pbgdpl")
		if code, _ := b.get("/admin/cuoc-thi"); code != http.StatusOK {
			t.Fatalf("contests: %d", code)
		}
		code, body := b.post("/admin/cuoc-thi", url.Values{"csrf": {b.csrf}, "title": {""}, "code": {"Có Dấu"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Tên cuộc thi không được để trống") || !strings.Contains(body, "Mã cuộc thi gồm") {
			t.Fatalf("bad contest form: %d", code)
		}
		code, body = b.post("/admin/cuoc-thi", url.Values{"csrf": {b.csrf}, "title": {"Tìm hiểu Luật Phổ biến, giáo dục pháp luật"}, "code": {"pbgdpl-2026"},
			"prizes": {"Giải Nhất: 1\nGiải Nhì: 1"}, "legal_basis": {"Kế hoạch 12/KH-STP"}})
		if code != http.StatusSeeOther {
			t.Fatalf("create contest: %d %s", code, body)
		}
		cs, _ := svc.DB.Contests().Contests(ctx, ten.ID)
		if len(cs) != 1 {
			t.Fatal("no contest")
		}
		cid := cs[0].ID
		var lines []string
		for i := range 12 {
			lines = append(lines, fmt.Sprintf(`{"stem":"Câu hỏi %d?","options":["Đúng %d","Sai","Không rõ","Tùy"],"correct":0,"difficulty":%d,"document":"Luật 14/2012/QH13","article":"Điều %d"}`, i, i, 1+i%3, i+1))
		}
		b.get("/admin/cuoc-thi/" + cid)
		if code, body = b.post("/admin/cuoc-thi/"+cid+"/cau-hoi", url.Values{"csrf": {b.csrf}, "questions": {"{bad\n"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Dòng 1") {
			t.Fatalf("bad questions: %d", code)
		}
		if code, _ = b.post("/admin/cuoc-thi/"+cid+"/cau-hoi", url.Values{"csrf": {b.csrf}, "questions": {strings.Join(lines, "\n")}}); code != http.StatusSeeOther {
			t.Fatalf("questions: %d", code)
		}
		if code, _ = b.post("/admin/cuoc-thi/"+cid+"/vong", url.Values{"csrf": {b.csrf}, "no": {"1"}, "title": {"Tuần 1"}, "mode": {"window"},
			"opens_at": {"08:00 02/03/2026"}, "closes_at": {"17:00 08/03/2026"}, "questions": {"10"}, "minutes": {"20"}, "attempts": {"2"},
			"counts": {"best"}, "prediction": {"all_correct_people"}, "chain": {"score,prediction,duration,submitted"}}); code != http.StatusSeeOther {
			t.Fatalf("round: %d", code)
		}
		rounds, _ := svc.DB.Contests().Rounds(ctx, ten.ID, cid)
		rid := rounds[0].ID
		svc.Clock.Set(time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC))

		// A person on a phone.
		p := f.browser()
		code, body = p.get("/thi/pbgdpl-2026/")
		if code != http.StatusOK || !strings.Contains(body, "Đăng ký dự thi") || !strings.Contains(body, "Phường Sa Đéc") {
			t.Fatalf("public page: %d", code)
		}
		reg := url.Values{"full_name": {"Nguyễn Thị Hoa"}, "birth_date": {"31/02/1990"}, "phone": {"0912 345 678"}, "unit_code": {"29905"}, "password": {"mat-khau-hoa"}}
		if code, body = p.post("/thi/pbgdpl-2026/dang-ky", reg); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ngày sinh theo dạng") || !strings.Contains(body, "Nguyễn Thị Hoa") {
			t.Fatalf("bad registration: %d", code)
		}
		reg.Set("birth_date", "15/08/1990")
		if code, _ = p.post("/thi/pbgdpl-2026/dang-ky", reg); code != http.StatusSeeOther {
			t.Fatalf("register: %d", code)
		}
		if code, body = f.browser().post("/thi/pbgdpl-2026/dang-ky", reg); code != http.StatusUnprocessableEntity || !strings.Contains(body, "đã đăng ký dự thi") {
			t.Fatalf("second registration of one phone: %d", code)
		}
		_, body = p.get("/thi/pbgdpl-2026/")
		if !strings.Contains(body, "Bắt đầu làm bài") {
			t.Fatalf("no start button: %s", body)
		}
		if code, _ = p.post("/thi/pbgdpl-2026/vong/"+rid+"/bat-dau", nil); code != http.StatusSeeOther {
			t.Fatalf("start: %d", code)
		}
		ps, _ := svc.DB.Contests().ParticipantByPhone(ctx, ten.ID, cid, "0912345678")
		ats, _ := svc.DB.Contests().AttemptsOf(ctx, ten.ID, rid, ps.ID)
		at := ats[0]
		code, body = p.get("/thi/pbgdpl-2026/bai/" + at.ID)
		if code != http.StatusOK || strings.Count(body, `type="radio"`) != 40 || strings.Contains(body, "Điều ") || strings.Contains(body, " right") {
			t.Fatalf("paper: %d (the key or its article must not be in the page)", code)
		}
		// Answers through the API, as the page's script sends them: the
		// right option is "Đúng i", wherever the draw put it.
		qs, _ := svc.DB.Contests().Questions(ctx, ten.ID, cid)
		bank := map[string]contest.Question{}
		for _, q := range qs {
			bank[q.ID] = q
		}
		for pos, it := range at.Layout {
			place := 0
			for k, bi := range it.Perm {
				if bi == bank[it.QuestionID].Correct {
					place = k
				}
			}
			if pos == 9 {
				place = (place + 1) % 4 // one wrong
			}
			if code := p.put(fmt.Sprintf("/api/v1/contests/pbgdpl-2026/attempts/%s/answers/%d", at.ID, pos), fmt.Sprintf(`{"choice":%d}`, place)); code != http.StatusNoContent {
				t.Fatalf("answer %d: %d", pos, code)
			}
		}
		if code := f.browser().put(fmt.Sprintf("/api/v1/contests/pbgdpl-2026/attempts/%s/answers/0", at.ID), `{"choice":1}`); code != http.StatusUnauthorized {
			t.Fatalf("an answer without signing in: %d", code)
		}
		if code := p.put(fmt.Sprintf("/api/v1/contests/pbgdpl-2026/attempts/%s/answers/0", at.ID), `{"choice":"x"}`); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
			t.Fatalf("a bad answer body: %d", code)
		}
		if code, _ = p.post("/thi/pbgdpl-2026/bai/"+at.ID, url.Values{"action": {"submit"}, "prediction": {"1"}}); code != http.StatusSeeOther {
			t.Fatalf("submit: %d", code)
		}
		code, body = p.post("/thi/pbgdpl-2026/bai/"+at.ID, url.Values{"action": {"submit"}})
		if code != http.StatusConflict || !strings.Contains(body, "không thể nộp lại") {
			t.Fatalf("submitted twice: %d", code)
		}
		if code, _ = p.get("/thi/pbgdpl-2026/vong/" + rid + "/ket-qua"); code != http.StatusConflict {
			t.Fatalf("results before close: %d", code)
		}
		// Ranking before the close is refused; after it, the result.
		b = f.browser()
		b.mustLogin("STP-T", "pbgdpl")
		b.get("/admin/cuoc-thi/" + cid + "/vong/" + rid)
		code, body = b.post("/admin/cuoc-thi/"+cid+"/vong/"+rid+"/xep-hang", url.Values{"csrf": {b.csrf}})
		if code != http.StatusConflict || !strings.Contains(body, "Vòng thi chưa kết thúc") {
			t.Fatalf("ranked before close: %d %s", code, body)
		}
		svc.Clock.Set(time.Date(2026, 3, 8, 11, 0, 0, 0, time.UTC))
		b = f.browser()
		b.mustLogin("STP-T", "pbgdpl")
		b.get("/admin/cuoc-thi/" + cid + "/vong/" + rid)
		if code, _ = b.post("/admin/cuoc-thi/"+cid+"/vong/"+rid+"/xep-hang", url.Values{"csrf": {b.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("rank: %d", code)
		}
		code, body = p.get("/thi/pbgdpl-2026/vong/" + rid + "/ket-qua")
		if code != http.StatusOK || !strings.Contains(body, "Thứ hạng của bạn: <strong>1</strong>") || !strings.Contains(body, "Giải Nhất") || !strings.Contains(body, "0912***678") {
			t.Fatalf("results: %d %s", code, body)
		}
		// The unit ranking (tallies written at close) counts her for her
		// ward.
		unitsTable := func(body string) string {
			_, after, _ := strings.Cut(body, "Xếp hạng đơn vị")
			return after
		}
		if !strings.Contains(unitsTable(body), "Sa Đéc</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">1</td>") {
			t.Fatalf("unit ranking: %s", unitsTable(body))
		}
		// Her certificate, from the results page, and the organisers'
		// print of the round's winners.
		if !strings.Contains(body, "/thi/pbgdpl-2026/vong/"+rid+"/chung-nhan") {
			t.Fatal("the results page offers no certificate to a winner")
		}
		for _, get := range []func() (int, string){
			func() (int, string) { return p.get("/thi/pbgdpl-2026/vong/" + rid + "/chung-nhan") },
			func() (int, string) { return b.get("/admin/cuoc-thi/" + cid + "/vong/" + rid + "/chung-nhan.pdf") },
		} {
			code, pdf := get()
			if code != http.StatusOK || !strings.HasPrefix(pdf, "%PDF-") {
				t.Fatalf("certificate: %d", code)
			}
			if text := strings.Join(strings.Fields(pdfToText(t, []byte(pdf))), " "); !strings.Contains(text, "GIẤY CHỨNG NHẬN") ||
				!strings.Contains(text, "Nguyễn Thị Hoa") || !strings.Contains(text, "Đã đạt GIẢI NHẤT") || !strings.Contains(text, "Sa Đéc") {
				t.Fatalf("certificate text: %s", text)
			}
		}
		if code, _ := f.browser().get("/thi/pbgdpl-2026/vong/" + rid + "/chung-nhan"); code != http.StatusSeeOther {
			t.Fatalf("certificate without signing in: %d", code)
		}
		_, body = p.get("/thi/pbgdpl-2026/bai/" + at.ID)
		if !strings.Contains(body, "9/10") || !strings.Contains(body, " right") || !strings.Contains(body, " wrong") {
			t.Fatalf("paper after ranking: %s", body)
		}
		code, body = b.get("/admin/cuoc-thi/" + cid + "/vong/" + rid + "/xuat.csv")
		if code != http.StatusOK || !strings.Contains(body, "Nguyễn Thị Hoa") || !strings.Contains(body, "Giải Nhất") {
			t.Fatalf("csv: %d", code)
		}
		if code, _ = b.post("/admin/cuoc-thi/"+cid+"/vong/"+rid+"/huy", url.Values{"csrf": {b.csrf}, "attempt_id": {at.ID}, "reason": {"Trùng người"}}); code != http.StatusSeeOther {
			t.Fatalf("void: %d", code)
		}
		if _, body = b.get("/admin/cuoc-thi/" + cid + "/vong/" + rid); !strings.Contains(body, "Bị hủy: 1") {
			t.Fatal("voided entry not counted")
		}
		// The contest's page counts the round from its indexes: one
		// person, one attempt, none valid, one voided.
		if _, body = b.get("/admin/cuoc-thi/" + cid); !strings.Contains(body, `<td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">1</td>`) {
			t.Fatalf("contest page counts: %s", body)
		}
		if code, _ := p.get("/thi/pbgdpl-2026/vong/" + rid + "/chung-nhan"); code != http.StatusNotFound {
			t.Fatalf("certificate of a voided entry: %d", code)
		}
		if code, _ := b.get("/admin/cuoc-thi/" + cid + "/vong/" + rid + "/chung-nhan.pdf"); code != http.StatusNotFound {
			t.Fatalf("certificates of a round without winners: %d", code)
		}
		// Ranked again without her entry: her ward has no one left.
		if _, body = p.get("/thi/pbgdpl-2026/vong/" + rid + "/ket-qua"); strings.Contains(unitsTable(body), "Sa Đéc") {
			t.Fatalf("unit ranking after the voiding: %s", unitsTable(body))
		}
		// Another department's officer does not find it.
		o := f.browser()
		o.mustLogin("STP-A", "admin")
		if code, _ := o.get("/admin/cuoc-thi/" + cid); code != http.StatusForbidden && code != http.StatusNotFound {
			t.Fatalf("another tenant: %d", code)
		}
	})
}

// A person registers for a contest with the national e-ID (the portal's
// VNeID sign-in): the name, birth date and ID number are the e-ID's, the
// phone and unit are asked; signing in with the e-ID again finds them; the
// phone cannot be used by another person, nor with a password.
func TestContestWithEID(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			f := newPortalFixtureWith(t, e, portalOptions{Contests: true})
			ctx := context.Background()
			svc := &contest.Service{Store: f.db.Contests(), Now: f.clock.Now}
			c, err := svc.CreateContest(ctx, contest.Actor{ID: "o1", Name: "pbgdpl"}, f.tenant.ID,
				contest.Contest{Code: "vneid-2026", Title: "Tìm hiểu pháp luật 2026", ProvinceCode: "82"})
			if err != nil {
				t.Fatal(err)
			}
			home := "/thi/vneid-2026/"
			b := f.browser()
			if code, body, _ := b.get(home); code != http.StatusOK || !strings.Contains(body, `href="/thi/vneid-2026/dinh-danh"`) {
				t.Fatalf("home offers no e-ID sign-in: %d", code)
			}
			if code, _, h := b.get("/thi/vneid-2026/dinh-danh"); code != http.StatusSeeOther ||
				h.Get("Location") != "/dang-nhap/vneid?next="+url.QueryEscape("/thi/vneid-2026/dinh-danh") {
				t.Fatalf("without an e-ID session: %d %s", code, h.Get("Location"))
			}
			b.signIn("sim-0002")
			code, body, _ := b.get("/thi/vneid-2026/dinh-danh")
			if code != http.StatusOK || !strings.Contains(body, "Trần Thị Bích Ngọc") || !strings.Contains(body, "03/11/1995") || strings.Contains(body, `name="password"`) {
				t.Fatalf("registration form: %d %s", code, body)
			}
			if code, body, _ = b.post("/thi/vneid-2026/dinh-danh", url.Values{"phone": {"12345"}, "unit_code": {"29905"}}); code != http.StatusUnprocessableEntity ||
				!strings.Contains(body, "Số điện thoại di động gồm 10 chữ số") {
				t.Fatalf("a bad phone: %d", code)
			}
			if code, _, h := b.post("/thi/vneid-2026/dinh-danh", url.Values{"phone": {"0912 000 111"}, "unit_code": {"29905"}}); code != http.StatusSeeOther || h.Get("Location") != home {
				t.Fatalf("register: %d", code)
			}
			if _, body, _ = b.get(home); !strings.Contains(body, "Đang đăng nhập: <strong>Trần Thị Bích Ngọc</strong>") {
				t.Fatalf("home after registering: %s", body)
			}
			p, err := f.db.Contests().ParticipantByIDHash(ctx, f.tenant.ID, c.ID, contest.HashID(c.Secret, "079195004321"))
			if err != nil || p.Phone != "0912000111" || p.UnitCode != "29905" || p.BirthDate.Format("02/01/2006") != "03/11/1995" || p.PassHash != "" {
				t.Fatalf("stored participant %+v, %v", p, err)
			}
			// Another browser: the e-ID signs her in to the contest.
			b2 := f.browser()
			b2.signIn("sim-0002")
			if code, _, h := b2.get("/thi/vneid-2026/dinh-danh"); code != http.StatusSeeOther || h.Get("Location") != home {
				t.Fatalf("second sign-in: %d", code)
			}
			if _, body, _ = b2.get(home); !strings.Contains(body, "Trần Thị Bích Ngọc") {
				t.Fatal("not signed in to the contest by the e-ID")
			}
			// Her phone with a password: she is told to use the e-ID.
			if code, body, _ = f.browser().post("/thi/vneid-2026/dang-nhap", url.Values{"phone": {"0912000111"}, "password": {"mat-khau-bat-ky"}}); code != http.StatusUnauthorized ||
				!strings.Contains(body, "đăng nhập bằng VNeID") {
				t.Fatalf("password sign-in of an e-ID account: %d", code)
			}
			// Another person cannot take her phone.
			b3 := f.browser()
			b3.signIn("sim-0003")
			if code, body, _ = b3.post("/thi/vneid-2026/dinh-danh", url.Values{"phone": {"0912000111"}, "unit_code": {"29905"}}); code != http.StatusUnprocessableEntity ||
				!strings.Contains(body, "đã đăng ký dự thi") {
				t.Fatalf("a phone taken: %d", code)
			}
		})
	}
}
