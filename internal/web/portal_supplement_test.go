package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// From "Hồ sơ của tôi" a citizen answers a request to supplement the
// dossier (uploads checked by content, then the dossier resumes) and
// withdraws a dossier with a reason; only on their own dossier, with the
// CSRF token; citizen B can do none of it to A's dossier.
func TestPortalSupplementAndWithdraw(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newPortalFixture(t, e)
			ctx := context.Background()
			director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
			d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
			d, err := f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActRequestSupplement,
				dossier.Input{Reason: "Thiếu bản sao Chứng chỉ hành nghề luật sư", Items: []string{"Bản sao Chứng chỉ hành nghề luật sư"}})
			if err != nil || d.Status != dossier.SupplementWaiting {
				t.Fatalf("request supplement: %v %v", d.Status, err)
			}
			mine := "/ho-so-cua-toi/" + d.Code
			a, b := f.browser(), f.browser()
			a.signIn("sim-0001")
			b.signIn("sim-0002")
			_, page, _ := a.get(mine)
			if !strings.Contains(page, "Nộp bổ sung hồ sơ") || !strings.Contains(page, "Bản sao Chứng chỉ hành nghề luật sư") || !strings.Contains(page, "Xin rút hồ sơ") {
				t.Fatal("the owner's page offers no supplement or withdrawal")
			}
			aCSRF := a.csrf

			// B cannot act on A's dossier, whatever the path.
			b.get("/ho-so-cua-toi")
			for _, p := range []string{mine + "/rut", mine + "/bo-sung", "/ho-so-cua-toi/" + d.ID + "/rut"} {
				if code, body, _ := b.post(p, url.Values{"reason": {"B muốn rút"}, "note": {"x"}}); code != http.StatusNotFound || strings.Contains(body, "Nguyễn Văn An") {
					t.Errorf("B POST %s: %d, want 404", p, code)
				}
			}
			if code, _, _ := b.multipartPost(mine+"/bo-sung/tep", map[string]string{"csrf": b.csrf}, "x.pdf", testPDF()); code != http.StatusNotFound {
				t.Errorf("B uploads into A's supplement: %d, want 404", code)
			}
			// Nor can anyone signed out, nor A without the CSRF token.
			anon := f.browser()
			if code, _, _ := anon.post(mine+"/rut", url.Values{"reason": {"x"}}); code != http.StatusUnauthorized {
				t.Errorf("anonymous withdrawal: %d, want 401", code)
			}
			if code, _, _ := a.post(mine+"/rut", url.Values{"csrf": {"forged"}, "reason": {"x"}}); code != http.StatusForbidden {
				t.Errorf("withdrawal with a forged token: %d, want 403", code)
			}
			if code, _, _ := a.multipartPost(mine+"/bo-sung/tep", map[string]string{"csrf": "forged"}, "x.pdf", testPDF()); code != http.StatusForbidden {
				t.Errorf("upload with a forged token: %d, want 403", code)
			}
			// A multipart body does not skip the token check: only the
			// streaming upload routes check it themselves.
			for _, p := range []string{mine + "/rut", mine + "/danh-gia", mine + "/bo-sung", "/dang-xuat"} {
				if code, _, _ := a.multipartPost(p, map[string]string{"reason": "x", "rating": "1"}, "x.pdf", testPDF()); code != http.StatusForbidden {
					t.Errorf("multipart POST %s without the token: %d, want 403", p, code)
				}
			}
			if got, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.Code); got.Status != dossier.SupplementWaiting {
				t.Fatalf("a multipart POST without the token withdrew the dossier: status %d", got.Status)
			}

			// A: nothing uploaded yet, a lying file, then a good one.
			if code, body, _ := a.post(mine+"/bo-sung", url.Values{"csrf": {aCSRF}}); code != http.StatusBadRequest || !strings.Contains(body, "ít nhất một tệp") {
				t.Errorf("supplement without files: %d", code)
			}
			if code, body, _ := a.multipartPost(mine+"/bo-sung/tep", map[string]string{"csrf": aCSRF}, "chung-chi.pdf", testImage(t, "png")); code != http.StatusUnsupportedMediaType || !strings.Contains(body, "không khớp với nội dung") {
				t.Errorf("a PNG named .pdf: %d", code)
			}
			if code, _, h := a.multipartPost(mine+"/bo-sung/tep", map[string]string{"csrf": aCSRF}, "chung-chi.pdf", testPDF()); code != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "#bo-sung") {
				t.Fatalf("upload: %d", code)
			}
			_, page, _ = a.get(mine)
			link := regexp.MustCompile(`href="(/ho-so-cua-toi/[^"]+/bo-sung/[0-9a-f-]{36})"`).FindStringSubmatch(page)
			if link == nil {
				t.Fatal("the uploaded supplement is not listed")
			}
			if code, body, _ := a.get(link[1]); code != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
				t.Errorf("owner reads the supplement file: %d", code)
			}
			if code, _, _ := b.get(link[1]); code != http.StatusNotFound {
				t.Errorf("B reads A's supplement file: %d", code)
			}
			// A wrong file is taken off again; B cannot take off A's.
			if code, _, _ := a.multipartPost(mine+"/bo-sung/tep", map[string]string{"csrf": aCSRF}, "nham.pdf", testPDF()); code != http.StatusSeeOther {
				t.Fatalf("second upload: %d", code)
			}
			_, page, _ = a.get(mine)
			all := regexp.MustCompile(`action="(/ho-so-cua-toi/[^"]+/bo-sung/[0-9a-f-]{36}/xoa)"`).FindAllStringSubmatch(page, -1)
			if len(all) != 2 {
				t.Fatalf("%d removable files listed, want 2", len(all))
			}
			wrong := all[1][1]
			if code, _, _ := b.post(wrong, url.Values{}); code != http.StatusNotFound {
				t.Errorf("B removes A's file: %d, want 404", code)
			}
			if code, _, _ := a.post(wrong, url.Values{"csrf": {aCSRF}}); code != http.StatusSeeOther {
				t.Errorf("remove: %d", code)
			}
			if files, _ := f.portal.Store.SupplementFiles(ctx, f.tenant.ID, d.ID); len(files) != 1 || strings.Contains(wrong, files[0].ID) {
				t.Errorf("after removal: %+v, want only the first file", files)
			}
			if again, _, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID); again.Status != dossier.SupplementWaiting || again.Version != d.Version {
				t.Fatalf("B's or refused attempts changed the dossier: %v v%d→v%d", again.Status, d.Version, again.Version)
			}

			// A sends the supplement: the dossier resumes.
			if code, _, _ := a.post(mine+"/bo-sung", url.Values{"csrf": {aCSRF}, "note": {"Đã bổ sung chứng chỉ."}}); code != http.StatusSeeOther {
				t.Fatalf("send supplement: %d", code)
			}
			got, evs, _ := f.dossiers.Get(ctx, f.tenant.ID, d.ID)
			last := evs[len(evs)-1]
			if got.Status != dossier.Processing || got.Supplements[0].ReceivedAt == nil || last.Action != dossier.ActSupplement || !strings.Contains(last.Reason, "1 tệp") {
				t.Errorf("after the supplement: %v, event %+v", got.Status, last)
			}
			if code, _, _ := a.multipartPost(mine+"/bo-sung/tep", map[string]string{"csrf": aCSRF}, "y.pdf", testPDF()); code != http.StatusConflict {
				t.Errorf("upload after resumption: %d, want 409", code)
			}
			if code, _, _ := a.post(link[1]+"/xoa", url.Values{"csrf": {aCSRF}}); code != http.StatusConflict {
				t.Errorf("removing a file already sent: %d, want 409", code)
			}
			o := f.officerBrowser()
			_, op, _ := o.get("/admin/dossiers/" + d.Code)
			ofile := regexp.MustCompile(`href="(/admin/dossiers/[^"]+/supplements/[0-9a-f-]{36})"`).FindStringSubmatch(op)
			if ofile == nil || !strings.Contains(op, "Bổ sung lần 1") {
				t.Fatal("the officers' dossier page does not list the supplement")
			}
			if code, body, _ := o.get(ofile[1]); code != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
				t.Errorf("officer downloads the supplement: %d", code)
			}
			if code, _, _ := b.get(ofile[1]); code == http.StatusOK {
				t.Errorf("a citizen on the officers' file route: %d", code)
			}

			// Withdrawal: a reason is required; then status 7, audited; once.
			a.get(mine)
			if code, body, _ := a.post(mine+"/rut", url.Values{"reason": {"  "}}); code != http.StatusBadRequest || !strings.Contains(body, "lý do") {
				t.Errorf("withdrawal without a reason: %d", code)
			}
			if code, _, _ := a.post(mine+"/rut", url.Values{"reason": {"Tôi đã nộp nhầm thủ tục"}}); code != http.StatusSeeOther {
				t.Fatalf("withdraw: %d", code)
			}
			got, _, _ = f.dossiers.Get(ctx, f.tenant.ID, d.ID)
			if got.Status != dossier.Withdrawn || !strings.Contains(got.EndReason, "Tôi đã nộp nhầm thủ tục") {
				t.Errorf("after withdrawal: %v %q", got.Status, got.EndReason)
			}
			if n := countAudit(t, f, "dossier.withdraw", "dossier:"+d.Code); n != 1 {
				t.Errorf("%d withdrawal audit entries, want 1", n)
			}
			if _, page, _ := a.get(mine); strings.Contains(page, `id="rut"`) || !strings.Contains(page, "Đã rút hồ sơ") {
				t.Error("a withdrawn dossier still offers withdrawal, or no confirmation shown")
			}
			if code, _, _ := a.post(mine+"/rut", url.Values{"reason": {"lần nữa"}}); code != http.StatusConflict {
				t.Errorf("withdrawing twice: %d, want 409", code)
			}
		})
	}
}
