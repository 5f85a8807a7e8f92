package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// counterDossier receives a dossier at the counter for the given applicant
// and hands it to the first processing step (status 4).
func counterDossier(t *testing.T, f *portalFixture, name, idNumber string) dossier.Dossier {
	t.Helper()
	ctx := context.Background()
	d, err := f.dossiers.Intake(ctx, desk, f.tenant.ID, dossier.IntakeRequest{Procedure: lawyerFirm, Channel: catalog.ChannelDirect,
		Applicant: dossier.Applicant{FullName: name, IDNumber: idNumber, Phone: "0912345678", Address: "Phường 1"}})
	if err != nil {
		t.Fatal(err)
	}
	director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
	if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
		t.Fatal(err)
	}
	if d.Status != dossier.Processing {
		t.Fatalf("status %v, want Processing", d.Status)
	}
	return d
}

// officerBrowser signs the reception clerk in to the back office.
func (f *portalFixture) officerBrowser() *citizenBrowser {
	f.t.Helper()
	o := f.browser()
	o.get("/admin/login")
	if code, _, _ := o.post("/admin/login", url.Values{"tenant": {"STP-A"}, "username": {"clerk"}, "password": {password}, "next": {"/admin/"}}); code != http.StatusSeeOther {
		f.t.Fatalf("clerk sign-in: %d", code)
	}
	return o
}

// multipartPost posts fields and one file ("file") to path.
func (b *citizenBrowser) multipartPost(path string, fields map[string]string, name string, data []byte) (int, string, http.Header) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// An officer attaches the electronic result on the dossier page (HTML
// form): the file is checked by content, CSRF is required, the attachment
// is audited, the owner downloads it from "Hồ sơ của tôi" and its
// verification page and QR code work; other citizens get nothing.
func TestDossierResultUploadScreen(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newPortalFixture(t, e)
			ctx := context.Background()
			d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
			o := f.officerBrowser()
			page := "/admin/dossiers/" + d.Code
			// While a unit processes the dossier, the desk does not hold
			// the step: no form, and a POST is refused.
			if code, body, _ := o.get(page); code != http.StatusOK || strings.Contains(body, "Đính kèm kết quả điện tử (PDF)") {
				t.Fatalf("the desk is offered the result form during processing: %d", code)
			}
			if code, _, _ := o.multipartPost(page+"/results", map[string]string{"csrf": o.csrf, "title": "Kết quả"}, "kq.pdf", testPDF()); code != http.StatusForbidden {
				t.Fatalf("the desk attaches a result while a unit holds the step: %d, want 403", code)
			}
			director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
			for i := 0; d.Status != dossier.ResultReady && i < 10; i++ {
				var err error
				if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
					t.Fatal(err)
				}
			}
			if d.Status != dossier.ResultReady {
				t.Fatalf("status %v, want result ready", d.Status)
			}
			code, body, _ := o.get(page)
			if code != http.StatusOK || !strings.Contains(body, "Đính kèm kết quả điện tử (PDF)") || !strings.Contains(body, `enctype="multipart/form-data"`) {
				t.Fatalf("dossier page offers no result form: %d", code)
			}
			csrf := o.csrf
			post := func(fields map[string]string, name string, data []byte) (int, string) {
				code, body, _ := o.multipartPost(page+"/results", fields, name, data)
				return code, body
			}
			// Refusals: no CSRF token, a PNG, a renamed PNG, a broken PDF, no title, no file.
			if code, _ := post(map[string]string{"title": "Giấy đăng ký"}, "kq.pdf", testPDF()); code != http.StatusForbidden {
				t.Errorf("without CSRF: %d, want 403", code)
			}
			png := testImage(t, "png")
			refusals := []struct {
				title, name string
				data        []byte
				want        int
				msg         string
			}{
				{"Giấy đăng ký", "kq.png", png, http.StatusUnsupportedMediaType, "phải là tệp PDF"},
				{"Giấy đăng ký", "kq.pdf", png, http.StatusUnsupportedMediaType, "không khớp với nội dung"},
				{"Giấy đăng ký", "kq.pdf", []byte("%PDF-1.4\nbroken"), http.StatusUnsupportedMediaType, "không phải tệp PDF hợp lệ"},
				{"", "kq.pdf", testPDF(), http.StatusBadRequest, "Tên giấy tờ kết quả"},
				{"Giấy đăng ký", "", nil, http.StatusBadRequest, "Vui lòng chọn tệp PDF"},
			}
			for _, r := range refusals {
				code, body := post(map[string]string{"csrf": csrf, "title": r.title}, r.name, r.data)
				if code != r.want || !strings.Contains(body, r.msg) {
					t.Errorf("%q (%s): %d, want %d with %q", r.name, r.title, code, r.want, r.msg)
				}
			}
			big := append(testPDF(), bytes.Repeat([]byte(" "), 10<<20)...)
			if code, body := post(map[string]string{"csrf": csrf, "title": "X"}, "big.pdf", big); code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "10 MB") {
				t.Errorf("an 10 MB+ file: %d", code)
			}
			if res, _ := f.portal.Store.Results(ctx, f.tenant.ID, d.ID); len(res) != 0 {
				t.Fatalf("refused uploads stored %d results", len(res))
			}

			// Accepted.
			code, _ = post(map[string]string{"csrf": csrf, "title": "Giấy đăng ký hoạt động"}, "ket qua.pdf", testPDF())
			if code != http.StatusSeeOther {
				t.Fatalf("attach: %d", code)
			}
			res, err := f.portal.Store.Results(ctx, f.tenant.ID, d.ID)
			if err != nil || len(res) != 1 || res[0].Title != "Giấy đăng ký hoạt động" || res[0].MediaType != "application/pdf" {
				t.Fatalf("results: %+v %v", res, err)
			}
			if _, body, _ := o.get(page); !strings.Contains(body, res[0].SHA256) || !strings.Contains(body, "/xac-thuc/"+res[0].ID) {
				t.Error("the dossier page does not list the attached result")
			}
			if audits := countAudit(t, f, "result.issue", "dossier:"+d.Code); audits != 1 {
				t.Errorf("%d audit entries for the attachment, want 1", audits)
			}

			// The owner downloads it and sees its QR code; B does not.
			a := f.browser()
			a.signIn("sim-0001")
			_, mine, _ := a.get("/ho-so-cua-toi/" + d.Code)
			link := regexp.MustCompile(`href="(/ho-so-cua-toi/[^"]+/ket-qua/[^"]+)"`).FindStringSubmatch(mine)
			if link == nil || !strings.Contains(mine, `alt="Mã QR dẫn đến trang xác thực kết quả"`) {
				t.Fatal("the owner's dossier page shows no result with a QR code")
			}
			resp, err := a.c.Get(f.srv.URL + link[1])
			if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("owner's download: %v", err)
			}
			resp.Body.Close()
			b := f.browser()
			b.signIn("sim-0002")
			if code, _, _ := b.get(link[1]); code != http.StatusNotFound {
				t.Errorf("B downloads A's result: %d", code)
			}
			if code, body, _ := b.get("/xac-thuc/" + res[0].ID); code != http.StatusOK || !strings.Contains(body, res[0].SHA256) || strings.Contains(body, "Nguyễn Văn An") {
				t.Errorf("verification page: %d", code)
			}
		})
	}
}

// countAudit counts the tenant's audit entries of an action on an object.
func countAudit(t *testing.T, f *portalFixture, action, object string) int {
	t.Helper()
	log, err := f.db.Audit().AuditLog(context.Background(), f.tenant.ID, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == action && e.Object == object {
			n++
		}
	}
	return n
}
