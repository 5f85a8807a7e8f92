package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/portal"
)

// uploadFormError names a multipart form that could not be read: too large
// (over the per-file limit) or malformed.
func uploadFormError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return apperr.Wrap(apperr.TooLarge, fmt.Sprintf("Tệp tải lên vượt quá dung lượng tối đa %d MB.", portal.MaxFileBytes>>20), err)
	}
	return apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên (biểu mẫu phải gửi dạng multipart/form-data).", err)
}

// resultRow is a result issued electronically, on the officers' dossier page.
type resultRow struct {
	Title, Size, SHA256, IssuedAt, VerifyURL string
}

// resultsOf lists the results issued electronically for d (nil when the
// portal is off).
func (s *Server) resultsOf(r *http.Request, d *dossier.Dossier) []resultRow {
	if s.portalCfg == nil || s.portalCfg.Store == nil {
		return nil
	}
	list, err := s.portalCfg.Store.Results(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return nil
	}
	var out []resultRow
	for _, res := range list {
		out = append(out, resultRow{Title: res.Title, Size: fmtKB(res.Size), SHA256: res.SHA256, IssuedAt: fmtDate(res.IssuedAt),
			VerifyURL: "/xac-thuc/" + url.PathEscape(res.ID)})
	}
	return out
}

// dossierResultUpload attaches the electronic result (a PDF) chosen on the
// dossier page: POST /admin/dossiers/{code}/results, multipart with
// "title" and "file" (the CSRF token was checked with the parsed form). The
// file is checked by its content and size (portal.Sniff) and stored
// content-addressed; the citizen downloads it from "Hồ sơ của tôi" and its
// QR code opens /xac-thuc/{id}. portal.Service.IssueResult writes the audit
// entry in the same transaction.
func (s *Server) dossierResultUpload(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("code")
	d, evs, err := s.loadDossier(r, key)
	if err != nil {
		return err
	}
	if s.portalCfg == nil || s.portalCfg.Service == nil {
		return apperr.New(apperr.NotFound, "Cổng dịch vụ công chưa được bật; không thể đính kèm kết quả điện tử.")
	}
	err = s.attachResult(w, r, &d)
	if e := userError(err); e != nil {
		if e.Code == apperr.NotFound {
			return e
		}
		if cur, evs2, lerr := s.loadDossier(r, key); lerr == nil {
			d, evs = cur, evs2
		}
		return s.showDossier(w, r, status(e.Code), d, evs, e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&d)), "result-attached")
}

func (s *Server) attachResult(w http.ResponseWriter, r *http.Request, d *dossier.Dossier) error {
	if r.MultipartForm == nil {
		r.Body = http.MaxBytesReader(w, r.Body, uploadLimit)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return uploadFormError(err)
		}
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return apperr.Field("file", "Vui lòng chọn tệp PDF của kết quả.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, portal.MaxFileBytes+1))
	if err != nil {
		return uploadFormError(err)
	}
	mt, _, err := portal.Sniff(hdr.Filename, data)
	if err != nil {
		return err
	}
	if mt != portal.TypePDF {
		return apperr.New(apperr.Unsupported, "Kết quả điện tử phải là tệp PDF (tệp đã chọn là "+portal.TypeLabel(mt)+").")
	}
	p := principalFrom(r.Context())
	ten, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	_, err = s.portalCfg.Service.IssueResult(r.Context(), dossierActor(r), p.TenantID, d.ID, r.PostFormValue("title"), ten.Name, data)
	return err
}
