package web_test

import (
	"context"
	"encoding/pem"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/remotesign"
	"tuphap/internal/org"
	"tuphap/internal/portal"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// pdfsigValid runs poppler's pdfsig on a signed PDF, when installed, and
// fails unless it finds every signature valid.
func pdfsigValid(t *testing.T, pdf []byte) {
	t.Helper()
	bin, err := exec.LookPath("pdfsig")
	if err != nil {
		t.Log("pdfsig not installed: skipped")
		return
	}
	file := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(bin, file).CombinedOutput()
	if !strings.Contains(string(out), "Signature is Valid") || strings.Contains(string(out), "Signature is Invalid") {
		t.Fatalf("pdfsig:\n%s", out)
	}
}

// TestLetterSignedOffByLeader (issue 25 item 4): a specialist's request to
// supplement a dossier is a draft until a leader signs it; the specialist
// may not send it directly; the unit head sends it back with a comment, the
// specialist resubmits, the director — who signs remotely — approves it:
// the PDF is signed through the remote-signing simulator and verifies with
// pdfsig, and only then is the dossier waiting for the supplement. A unit
// head's own request is signed at once with the agency's key.
func TestLetterSignedOffByLeader(t *testing.T) {
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			p12, _, err := signature.GenerateDemoCA("Sở Tư pháp tỉnh A", "Sở Tư pháp tỉnh A", time.Now(), "pw")
			if err != nil {
				t.Fatal(err)
			}
			agency, err := signature.LoadPKCS12(p12, "pw")
			if err != nil {
				t.Fatal(err)
			}
			sim := &remotesign.Simulator{Org: "Sở Tư pháp tỉnh A", AutoApprove: true}
			f := newPortalFixtureWith(t, e, portalOptions{JudicialRecord: true, Signer: agency,
				Letters: &web.LetterSigning{Remote: sim, RemoteUsers: map[string]bool{"giamdoc": true}, Required: true, Wait: 10 * time.Second}})
			ctx := context.Background()
			d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
			step := d.CurrentStep()
			if step == nil || step.UnitCode == "" {
				t.Fatalf("the first step has no unit: %+v", step)
			}
			unit, err := f.org.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.tenant.ID, Code: step.UnitCode, Name: "Phòng xử lý", Kind: org.Division})
			if err != nil {
				t.Fatal(err)
			}
			other, err := f.org.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.tenant.ID, Code: "KHAC", Name: "Phòng khác", Kind: org.Division})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range []org.Officer{
				{Username: "chuyenvien", FullName: "Lê Văn Cường", Role: org.Specialist, UnitID: unit.ID},
				{Username: "truongphong", FullName: "Phạm Thị Dung", Role: org.UnitHead, UnitID: unit.ID},
				{Username: "tpkhac", FullName: "Đỗ Văn Em", Role: org.UnitHead, UnitID: other.ID},
				{Username: "giamdoc", FullName: "Trần Thị Bình", Role: org.Director},
			} {
				o.TenantID = f.tenant.ID
				if _, err := f.org.CreateOfficer(ctx, audit.System, o, password); err != nil {
					t.Fatal(err)
				}
			}
			page := "/admin/dossiers/" + d.Code
			status := func() dossier.Status {
				cur, _, err := f.dossiers.Get(ctx, f.tenant.ID, d.Code)
				if err != nil {
					t.Fatal(err)
				}
				return cur.Status
			}
			cv := f.signInAs("chuyenvien")
			cv.get(page)
			// Sending the request directly is refused: it needs a leader.
			if code, body, _ := cv.post(page+"/request_supplement", url.Values{"csrf": {cv.csrf}, "reason": {"Thiếu giấy tờ"}, "items": {"Bản sao Điều lệ"}}); code != http.StatusConflict || !strings.Contains(body, "lãnh đạo duyệt và ký") {
				t.Fatalf("direct request: %d\n%s", code, alertOf(body))
			}
			// Through the API alike.
			tok, err := f.auth.CreateToken(ctx, audit.System, "STP-A", "chuyenvien", "test", 0)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest("POST", f.srv.URL+"/api/v1/dossiers/"+d.Code+"/request_supplement", strings.NewReader(`{"reason":"Thiếu giấy tờ","items":["Điều lệ"]}`))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusConflict || status() != dossier.Processing {
				t.Fatalf("the API's direct request: %d", resp.StatusCode)
			}
			// A draft missing its items is refused with the field named.
			cv.get(page)
			if code, body, _ := cv.post(page+"/letters", url.Values{"csrf": {cv.csrf}, "kind": {"supplement"}, "reason": {"Thiếu giấy tờ"}, "then": {"submit"}}); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity || !strings.Contains(body, "giấy tờ phải bổ sung") {
				t.Fatalf("draft without items: %d\n%s", code, alertOf(body))
			}
			cv.get(page)
			if code, body, _ := cv.post(page+"/letters", url.Values{"csrf": {cv.csrf}, "kind": {"supplement"}, "reason": {"Hồ sơ thiếu Điều lệ công ty luật"},
				"items": {"Bản sao Điều lệ\nDanh sách luật sư"}, "deadline": {"20/03/2026 17:00"}, "then": {"submit"}}); code != http.StatusSeeOther {
				t.Fatalf("draft: %d\n%s", code, alertOf(body))
			}
			if st := status(); st != dossier.Processing {
				t.Fatalf("a submitted draft changed the dossier: %v", st)
			}
			ls, err := f.db.Dossiers().DossierLetters(ctx, f.tenant.ID, d.ID)
			if err != nil || len(ls) != 1 || ls[0].State != dossier.LetterSubmitted {
				t.Fatalf("letters: %+v %v", ls, err)
			}
			id := ls[0].ID
			// The applicant sees neither the draft nor its steps.
			citizen := f.browser()
			citizen.signIn("sim-0001")
			if _, mine, _ := citizen.get("/ho-so-cua-toi/" + d.Code); strings.Contains(mine, `id="van-ban"`) || strings.Contains(mine, "Trình lãnh đạo") || strings.Contains(mine, "Soạn dự thảo") {
				t.Fatal("the applicant sees the draft")
			}
			// The head of another unit neither sees it to sign nor signs it.
			other1 := f.signInAs("tpkhac")
			if _, body, _ := other1.get("/admin/van-ban-gui"); strings.Contains(body, "van-ban-"+id) {
				t.Fatal("the head of another unit is offered the letter")
			}
			if code, _, _ := other1.post("/admin/van-ban-gui/"+id+"/duyet", url.Values{"csrf": {other1.csrf}}); code != http.StatusForbidden && code != http.StatusNotFound {
				t.Fatalf("another unit's head approves: %d", code)
			}
			// The unit head sends it back; a comment is required.
			tp := f.signInAs("truongphong")
			if _, body, _ := tp.get("/admin/van-ban-gui"); !strings.Contains(body, "van-ban-"+id) {
				t.Fatal("the unit head's queue lacks the letter")
			}
			if code, _, _ := tp.post("/admin/van-ban-gui/"+id+"/tra-lai", url.Values{"csrf": {tp.csrf}, "from": {"queue"}}); code < 400 || code >= 500 {
				t.Fatalf("send-back without comment: %d", code)
			}
			tp.get("/admin/van-ban-gui")
			if code, _, _ := tp.post("/admin/van-ban-gui/"+id+"/tra-lai", url.Values{"csrf": {tp.csrf}, "from": {"queue"}, "comment": {"Ghi rõ hạn bổ sung"}}); code != http.StatusSeeOther {
				t.Fatalf("send-back: %d", code)
			}
			// The specialist edits the draft as asked (the form shows the
			// fields as typed) and submits it again.
			if _, body, _ := cv.get(page); !strings.Contains(body, "20/03/2026 17:00") || !strings.Contains(body, "Ghi rõ hạn bổ sung") {
				t.Fatal("the sent-back draft is not shown with its fields and the comment")
			}
			if code, body, _ := cv.post("/admin/van-ban-gui/"+id+"/sua", url.Values{"csrf": {cv.csrf}, "reason": {"Hồ sơ thiếu Điều lệ; hạn bổ sung ghi rõ"},
				"items": {"Bản sao Điều lệ\nDanh sách luật sư"}, "deadline": {"20/03/2026 17:00"}}); code != http.StatusSeeOther {
				t.Fatalf("edit: %d\n%s", code, alertOf(body))
			}
			if l, _ := f.db.Dossiers().Letter(ctx, f.tenant.ID, id); l.Input.Reason != "Hồ sơ thiếu Điều lệ; hạn bổ sung ghi rõ" || len(l.Input.Items) != 2 || l.State != dossier.LetterSentBack {
				t.Fatalf("edited letter: %+v", l)
			}
			cv.get(page)
			if code, _, _ := cv.post("/admin/van-ban-gui/"+id+"/trinh", url.Values{"csrf": {cv.csrf}}); code != http.StatusSeeOther {
				t.Fatalf("resubmit: %d", code)
			}
			// The director approves: signed remotely.
			gd := f.signInAs("giamdoc")
			if _, dash, _ := gd.get("/admin/"); !strings.Contains(dash, "Văn bản chờ tôi duyệt, ký: <strong>1</strong>") {
				t.Fatal("the director's dashboard does not count the letter to sign")
			}
			gd.get("/admin/van-ban-gui")
			if code, body, _ := gd.post("/admin/van-ban-gui/"+id+"/duyet", url.Values{"csrf": {gd.csrf}, "from": {"queue"}}); code != http.StatusSeeOther {
				t.Fatalf("approve: %d\n%s", code, body)
			}
			if st := status(); st != dossier.SupplementWaiting {
				t.Fatalf("after the approval the dossier is %v, want waiting for the supplement", st)
			}
			l, err := f.db.Dossiers().Letter(ctx, f.tenant.ID, id)
			if err != nil || l.State != dossier.LetterApproved || l.SignMethod != "remote" || l.Action != dossier.ActRequestSupplement {
				t.Fatalf("letter: %+v %v", l, err)
			}
			code, pdf, hdr := gd.get("/admin/van-ban-gui/" + id + "/pdf")
			if code != http.StatusOK || hdr.Get("Content-Type") != "application/pdf" {
				t.Fatalf("pdf: %d %s", code, hdr.Get("Content-Type"))
			}
			cert, _, err := sim.Certificate(ctx, "giamdoc")
			if err != nil {
				t.Fatal(err)
			}
			if r := signature.Verify([]byte(pdf), cert); !r.Valid {
				t.Fatalf("the letter does not verify for the director's certificate: %s", r.Reason)
			}
			pdfsigValid(t, []byte(pdf))
			// The director's remote certificate is now his registered
			// signing identity.
			if id, err := f.db.Signing().Identity(ctx, f.tenant.ID, signature.Fingerprint(cert)); err != nil || id.Username != "giamdoc" || id.Method != "remote" {
				t.Fatalf("identity: %+v %v", id, err)
			}
			// A second approval is refused.
			gd.get("/admin/van-ban-gui")
			if code, _, _ := gd.post("/admin/van-ban-gui/"+id+"/duyet", url.Values{"csrf": {gd.csrf}}); code != http.StatusConflict {
				t.Fatalf("second approval: %d", code)
			}
			// The history and the audit log have every step.
			_, evs, _ := f.dossiers.Get(ctx, f.tenant.ID, d.Code)
			var acts []string
			for _, ev := range evs {
				acts = append(acts, string(ev.Action))
			}
			if got := strings.Join(acts, ","); !strings.Contains(got, "letter_draft,letter_submit,letter_send_back,letter_edit,letter_submit,request_supplement,letter_approve") {
				t.Fatalf("history: %s", got)
			}
			entries, err := f.db.Audit().AuditSearch(ctx, f.tenant.ID, sqlstore.AuditFilter{Object: "letter:" + id}, 0, 50)
			var approved []string
			for _, en := range entries {
				if en.Action == "letter.approve" {
					approved = append(approved, en.Actor)
				}
			}
			if err != nil || len(entries) != 6 || strings.Join(approved, ",") != "giamdoc" {
				t.Fatalf("audit: %+v %v", entries, err)
			}
			// The applicant downloads the signed letter; nobody else does.
			_, mine, _ := citizen.get("/ho-so-cua-toi/" + d.Code)
			link := "/ho-so-cua-toi/" + d.Code + "/van-ban/" + id
			if !strings.Contains(mine, link) || strings.Contains(mine, "Trình lãnh đạo") {
				t.Fatal("the applicant's page lacks the signed letter, or shows its drafts")
			}
			if code, got, _ := citizen.get(link); code != http.StatusOK || got != pdf {
				t.Fatalf("the applicant's download: %d", code)
			}
			stranger := f.browser()
			stranger.signIn("sim-0002")
			if code, _, _ := stranger.get(link); code != http.StatusNotFound {
				t.Fatalf("another citizen's download: %d", code)
			}
			// The dossier page shows the signed letter.
			if _, body, _ := cv.get(page); !strings.Contains(body, "/admin/van-ban-gui/"+id+"/pdf") {
				t.Fatal("the dossier page lacks the signed letter")
			}

			// The desk signs the receipt slip (Mẫu 01) it hands over, with
			// the agency's key; a letter's form is not signed this way.
			clerk := f.officerBrowser()
			if _, body, _ := clerk.get(page); !strings.Contains(body, "/forms/mau-01/ky-so") {
				t.Fatal("the dossier page offers no signed receipt")
			}
			code, receipt, hdr := clerk.post(page+"/forms/mau-01/ky-so", url.Values{"csrf": {clerk.csrf}})
			if code != http.StatusOK || hdr.Get("Content-Type") != "application/pdf" {
				t.Fatalf("signed receipt: %d", code)
			}
			if r := signature.Verify([]byte(receipt), agency.Certificate()); !r.Valid {
				t.Fatalf("signed receipt: %s", r.Reason)
			}
			pdfsigValid(t, []byte(receipt))
			clerk.get(page)
			if code, _, _ := clerk.post(page+"/forms/mau-02/ky-so", url.Values{"csrf": {clerk.csrf}}); code != http.StatusNotFound {
				t.Fatalf("a letter's form signed by the desk: %d", code)
			}
			if code, _, _ := cv.post(page+"/forms/mau-01/ky-so", url.Values{"csrf": {cv.csrf}}); code != http.StatusForbidden {
				t.Fatalf("a specialist signs the receipt: %d", code)
			}

			// One click: the unit head's own request, signed with the
			// agency's key as he sends it.
			d2 := counterDossier(t, f, "Hoàng Văn Giang", "001090054321")
			page2 := "/admin/dossiers/" + d2.Code
			tp.get(page2)
			if code, body, _ := tp.post(page2+"/request_supplement", url.Values{"csrf": {tp.csrf}, "on_behalf": {"1"}, "reason": {"Thiếu giấy tờ"}, "items": {"Bản sao Điều lệ"}}); code != http.StatusSeeOther {
				t.Fatalf("unit head's request: %d\n%s", code, alertOf(body))
			}
			ls2, err := f.db.Dossiers().DossierLetters(ctx, f.tenant.ID, d2.ID)
			if err != nil || len(ls2) != 1 || ls2[0].State != dossier.LetterApproved || ls2[0].SignMethod != "server" {
				t.Fatalf("one-click letters: %+v %v", ls2, err)
			}
			pdf2, err := f.db.Dossiers().LetterPDF(ctx, f.tenant.ID, ls2[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if r := signature.Verify(pdf2, agency.Certificate()); !r.Valid {
				t.Fatalf("one-click letter: %s", r.Reason)
			}
			pdfsigValid(t, pdf2)

			// Through the API alike: the unit head's request goes out signed.
			d3 := counterDossier(t, f, "Trương Thị Hạnh", "001090054322")
			htok, err := f.auth.CreateToken(ctx, audit.System, "STP-A", "truongphong", "test", 0)
			if err != nil {
				t.Fatal(err)
			}
			req, _ = http.NewRequest("POST", f.srv.URL+"/api/v1/dossiers/"+d3.Code+"/request_supplement",
				strings.NewReader(`{"reason":"Thiếu giấy tờ","items":["Bản sao Điều lệ"],"on_behalf":true}`))
			req.Header.Set("Authorization", "Bearer "+htok)
			req.Header.Set("Content-Type", "application/json")
			resp, err = http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			ls3, err := f.db.Dossiers().DossierLetters(ctx, f.tenant.ID, d3.ID)
			if resp.StatusCode != http.StatusOK || err != nil || len(ls3) != 1 || ls3[0].State != dossier.LetterApproved || ls3[0].SignMethod == "" {
				t.Fatalf("the unit head's request through the API: %d, letters %+v %v", resp.StatusCode, ls3, err)
			}
			pdf3, err := f.db.Dossiers().LetterPDF(ctx, f.tenant.ID, ls3[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if r := signature.Verify(pdf3, agency.Certificate()); !r.Valid {
				t.Fatalf("the API's letter: %s", r.Reason)
			}
		})
	}
}

// TestResultNeedsTrustedSigner (issue 25 item 3): where the result must be
// signed, an intact signature by a certificate the tenant does not know is
// refused; once the administrator registers that officer's USB-token
// certificate, the same result is returned.
func TestResultNeedsTrustedSigner(t *testing.T) {
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			p12, _, err := signature.GenerateDemoCA("Sở Tư pháp tỉnh A", "Sở Tư pháp tỉnh A", time.Now(), "pw")
			if err != nil {
				t.Fatal(err)
			}
			agency, err := signature.LoadPKCS12(p12, "pw")
			if err != nil {
				t.Fatal(err)
			}
			f := newPortalFixtureWith(t, e, portalOptions{JudicialRecord: true, Signer: agency})
			f.dossiers.ResultSignature = portal.ResultSignatureTrusted(sqlstore.PortalStore{DB: f.db}, portal.TrustedSigners(agency.Cert, f.db.Signing().Identity))
			find := f.dossiers.Procedure
			f.dossiers.Procedure = func(ctx context.Context, tenantID, key string, on calendar.Date) (catalog.Procedure, error) {
				p, err := find(ctx, tenantID, key, on)
				if p.ID == lawyerFirm {
					p.ResultMustBeSigned = true
				}
				return p, err
			}
			ctx := context.Background()
			if _, err := f.org.CreateOfficer(ctx, audit.System, org.Officer{TenantID: f.tenant.ID, Username: "quantri", FullName: "Quản trị", Role: org.Admin}, password); err != nil {
				t.Fatal(err)
			}
			d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
			director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
			for i := 0; d.Status != dossier.ResultReady && i < 10; i++ {
				if d, err = f.dossiers.Act(ctx, director, f.tenant.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
					t.Fatal(err)
				}
			}
			// Signed on an officer's own token (here: a certificate of
			// another authority), unknown to the tenant.
			token := signerFor(t, "Lê Văn Token")
			signed, err := token.Sign(resultNotice(t), signature.Info{Name: "Lê Văn Token", Date: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			clerk := dossier.Actor{ID: "clerk", Name: "clerk", Role: "reception_clerk", UnitCode: "MOTCUA"}
			if _, err := f.portal.IssueResult(ctx, clerk, f.tenant.ID, d.Code, "Giấy đăng ký hoạt động", "Sở Tư pháp", signed); err != nil {
				t.Fatal(err)
			}
			o := f.officerBrowser()
			page := "/admin/dossiers/" + d.Code
			o.get(page)
			if code, body, _ := o.post(page+"/fee", url.Values{"csrf": {o.csrf}}); code != http.StatusSeeOther {
				t.Fatalf("fee: %d\n%s", code, alertOf(body))
			}
			o.get(page)
			if code, body, _ := o.post(page+"/return", url.Values{"csrf": {o.csrf}}); code != http.StatusConflict || !strings.Contains(body, "không phải của cơ quan") {
				t.Fatalf("return signed by an unknown certificate: %d\n%s", code, alertOf(body))
			}
			// The administrator registers the token's certificate.
			officers, err := f.db.Org().Officers(ctx, f.tenant.ID)
			if err != nil {
				t.Fatal(err)
			}
			var clerkID string
			for _, of := range officers {
				if of.Username == "clerk" {
					clerkID = of.ID
				}
			}
			adm := f.signInAs("quantri")
			adm.get("/admin/chung-thu")
			if code, body, _ := adm.multipartPost("/admin/chung-thu", map[string]string{"csrf": adm.csrf, "officer": clerkID}, "token.cer", []byte("rác")); code != http.StatusBadRequest || !strings.Contains(body, "không phải chứng thư số") {
				t.Fatalf("garbage certificate: %d\n%s", code, alertOf(body))
			}
			adm.get("/admin/chung-thu")
			certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: token.Cert.Raw})
			if code, body, _ := adm.multipartPost("/admin/chung-thu", map[string]string{"csrf": adm.csrf, "officer": clerkID}, "token.cer", certPEM); code != http.StatusSeeOther {
				t.Fatalf("register: %d\n%s", code, alertOf(body))
			}
			if _, body, _ := adm.get("/admin/chung-thu"); !strings.Contains(body, signature.Fingerprint(token.Cert)) {
				t.Fatal("the list lacks the registered certificate")
			}
			o.get(page)
			if code, body, _ := o.post(page+"/return", url.Values{"csrf": {o.csrf}}); code != http.StatusSeeOther {
				t.Fatalf("return signed by a registered certificate: %d\n%s", code, alertOf(body))
			}
			// Revoked, it no longer counts (a later check refuses); the
			// revocation is audited.
			adm.get("/admin/chung-thu")
			if code, _, _ := adm.post("/admin/chung-thu/"+signature.Fingerprint(token.Cert)+"/thu-hoi", url.Values{"csrf": {adm.csrf}}); code != http.StatusSeeOther {
				t.Fatalf("revoke: %d", code)
			}
			id, err := f.db.Signing().Identity(ctx, f.tenant.ID, signature.Fingerprint(token.Cert))
			if err != nil || id.RevokedAt == nil {
				t.Fatalf("revoked identity: %+v %v", id, err)
			}
			if ok, _ := portal.TrustedSigners(agency.Cert, f.db.Signing().Identity)(ctx, f.tenant.ID, token.Cert); ok {
				t.Fatal("a revoked certificate is trusted")
			}
		})
	}
}

// signerFor makes a demonstration key with its own authority.
func signerFor(t *testing.T, cn string) *signature.PDFSigner {
	t.Helper()
	p12, _, err := signature.GenerateDemoCA(cn, "Nhà cung cấp khác", time.Now(), "pw")
	if err != nil {
		t.Fatal(err)
	}
	s, err := signature.LoadPKCS12(p12, "pw")
	if err != nil {
		t.Fatal(err)
	}
	return s
}
