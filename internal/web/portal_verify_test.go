package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// Anyone verifies a result by uploading the document itself: the server
// hashes it (bounded), says "Khớp" or "Không khớp", and stores nothing.
func TestVerifyByUpload(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newPortalFixture(t, e)
			ctx := context.Background()
			d := counterDossier(t, f, "Nguyễn Văn An", "001090012345")
			director := dossier.Actor{ID: "dir", Name: "director", Role: "director"}
			res, err := f.portal.IssueResult(ctx, director, f.tenant.ID, d.Code, "Giấy đăng ký hoạt động", f.tenant.Name, testPDF())
			if err != nil {
				t.Fatal(err)
			}
			path := "/xac-thuc/" + res.ID
			anon := f.browser()
			if code, page, _ := anon.get(path); code != http.StatusOK || !strings.Contains(page, `enctype="multipart/form-data"`) {
				t.Fatalf("verification page offers no upload: %d", code)
			}
			code, page, _ := anon.multipartPost(path, nil, "ket-qua.pdf", testPDF())
			if code != http.StatusOK || !strings.Contains(page, "Khớp:") || strings.Contains(page, "Không khớp") || !strings.Contains(page, res.SHA256) {
				t.Errorf("the genuine file: %d", code)
			}
			tampered := bytes.Replace(testPDF(), []byte("/Count 0"), []byte("/Count 1"), 1)
			sum := sha256.Sum256(tampered)
			code, page, _ = anon.multipartPost(path, nil, "ket-qua.pdf", tampered)
			if code != http.StatusOK || !strings.Contains(page, "Không khớp:") || !strings.Contains(page, hex.EncodeToString(sum[:])) {
				t.Errorf("a tampered file: %d", code)
			}
			// Any content is hashed, even one the portal would never accept.
			if code, page, _ = anon.multipartPost(path, nil, "a.txt", []byte("hello")); code != http.StatusOK || !strings.Contains(page, "Không khớp:") {
				t.Errorf("a text file: %d", code)
			}
			big := bytes.Repeat([]byte("x"), 10<<20+1)
			if code, page, _ = anon.multipartPost(path, nil, "big.pdf", big); code != http.StatusRequestEntityTooLarge || !strings.Contains(page, "10 MB") {
				t.Errorf("a file over 10 MB: %d", code)
			}
			if code, page, _ = anon.multipartPost(path, nil, "", nil); code != http.StatusBadRequest || !strings.Contains(page, "Vui lòng chọn tệp") {
				t.Errorf("no file: %d", code)
			}
			if code, _, _ := anon.multipartPost("/xac-thuc/00000000-0000-7000-8000-000000000000", nil, "ket-qua.pdf", testPDF()); code != http.StatusNotFound {
				t.Errorf("an unknown result: %d", code)
			}
			// Nothing uploaded for verification was kept.
			for _, b := range [][]byte{tampered, []byte("hello")} {
				h := sha256.Sum256(b)
				if _, err := f.portal.Store.Blob(ctx, f.tenant.ID, hex.EncodeToString(h[:])); !errors.Is(err, apperr.ErrNotFound) {
					t.Errorf("an uploaded file was stored: %v", err)
				}
			}
			// A signed-in citizen's form carries the CSRF token; without it, 403.
			a := f.browser()
			a.signIn("sim-0001")
			a.get(path)
			if code, page, _ := a.multipartPost(path, map[string]string{"csrf": a.csrf}, "ket-qua.pdf", testPDF()); code != http.StatusOK || !strings.Contains(page, "Khớp:") {
				t.Errorf("signed-in citizen with the token: %d", code)
			}
			if code, _, _ := a.multipartPost(path, nil, "ket-qua.pdf", testPDF()); code != http.StatusForbidden {
				t.Errorf("signed-in citizen without the token: %d, want 403", code)
			}
		})
	}
}
