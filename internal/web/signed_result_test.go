package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/remotesign"
	"tuphap/internal/render"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
)

func resultNotice(t *testing.T) []byte {
	t.Helper()
	b, err := render.NoticePDF(render.Notice{Agency: render.Agency{Superior: "UBND TỈNH A", Name: "SỞ TƯ PHÁP", Place: "Tỉnh A"},
		At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Title: "GIẤY ĐĂNG KÝ HOẠT ĐỘNG",
		Paragraphs: []string{"Công ty luật Nguyễn Văn An được đăng ký hoạt động."}, SignerTitle: "GIÁM ĐỐC", Signer: "Trần Thị Bình"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMustBeSignedResultCannotBeReturnedUnsigned (issue 25, done when): a
// procedure marked "the result must be signed" cannot be returned while
// its latest electronic result is missing or unsigned — the desk's form and
// the API refuse alike, with the same Vietnamese message, and nothing
// changes — and is returned once the result is signed through the
// remote-signing simulator.
func TestMustBeSignedResultCannotBeReturnedUnsigned(t *testing.T) {
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newPortalFixture(t, e)
			find := f.dossiers.Procedure
			f.dossiers.Procedure = func(ctx context.Context, tenantID, key string, on calendar.Date) (catalog.Procedure, error) {
				p, err := find(ctx, tenantID, key, on)
				if p.ID == lawyerFirm {
					p.ResultMustBeSigned = true
				}
				return p, err
			}
			ctx := context.Background()
			d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
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
			o := f.officerBrowser()
			page := "/admin/dossiers/" + d.Code
			tok, err := f.auth.CreateToken(ctx, audit.System, "STP-A", "clerk", "test", 0)
			if err != nil {
				t.Fatal(err)
			}
			refused := func(step, says string) {
				t.Helper()
				o.get(page) // the form's CSRF token
				code, body, _ := o.post(page+"/return", url.Values{"csrf": {o.csrf}})
				if code != http.StatusConflict || !strings.Contains(body, says) {
					t.Fatalf("%s: the desk's return: %d, want 409 saying %q", step, code, says)
				}
				req, _ := http.NewRequest("POST", f.srv.URL+"/api/v1/dossiers/"+d.Code+"/return", strings.NewReader(`{}`))
				req.Header.Set("Authorization", "Bearer "+tok)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusConflict || !strings.Contains(string(b), says) {
					t.Fatalf("%s: the API's return: %d %s, want 409 saying %q", step, resp.StatusCode, b, says)
				}
				cur, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.Code)
				if cur.Status != dossier.ResultReady {
					t.Fatalf("%s: status %v after a refused return", step, cur.Status)
				}
			}
			refused("no result", "yêu cầu kết quả điện tử có chữ ký số")
			clerk := dossier.Actor{ID: "clerk", Name: "Văn thư", Role: "reception_clerk", UnitCode: "MOTCUA"}
			if _, err := f.portal.IssueResult(ctx, clerk, f.tenant.ID, d.Code, "Giấy đăng ký hoạt động", "Sở Tư pháp", resultNotice(t)); err != nil {
				t.Fatal(err)
			}
			refused("unsigned result", "chưa có chữ ký số hợp lệ")
			// Signed through the remote-signing simulator: the officer
			// approves on the phone (automatically here).
			sim := &remotesign.Simulator{Org: "Sở Tư pháp tỉnh A", AutoApprove: true}
			rs := &remotesign.Signer{Provider: sim, UserID: "director", Ctx: ctx, Poll: 5 * time.Millisecond}
			signed, err := rs.Sign(resultNotice(t), signature.Info{Name: "Trần Thị Bình", Reason: "Kết quả hồ sơ " + d.Code})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.portal.IssueResult(ctx, clerk, f.tenant.ID, d.Code, "Giấy đăng ký hoạt động (đã ký số)", "Sở Tư pháp", signed); err != nil {
				t.Fatal(err)
			}
			o.get(page)
			if code, body, _ := o.post(page+"/fee", url.Values{"csrf": {o.csrf}}); code != http.StatusSeeOther {
				t.Fatalf("fee: %d\n%s", code, alertOf(body))
			}
			o.get(page)
			if code, body, _ := o.post(page+"/return", url.Values{"csrf": {o.csrf}}); code != http.StatusSeeOther {
				t.Fatalf("return with a signed result: %d, want 303\n%s", code, alertOf(body))
			}
			if cur, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.Code); cur.Status != dossier.Returned {
				t.Fatalf("status %v, want returned", cur.Status)
			}
		})
	}
}

// alertOf is the page's error message, for a failure's report.
func alertOf(body string) string {
	if i := strings.Index(body, `role="alert"`); i >= 0 {
		return body[i:min(len(body), i+400)]
	}
	return ""
}
