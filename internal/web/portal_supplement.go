package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/portal"
)

// supplementPart fills what the citizen's dossier page needs to withdraw
// the dossier or answer a request to supplement it.
func (s *Server) supplementPart(r *http.Request, page *myDossierPage) error {
	d := &page.D
	switch d.Status {
	case dossier.Submitted, dossier.Accepted, dossier.Processing, dossier.SupplementWaiting, dossier.FeeWaiting:
		page.CanWithdraw = d.Ended == ""
	}
	files, err := s.portalCfg.Store.SupplementFiles(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return err
	}
	page.SupplFiles = files
	if portal.CanSupplement(d) {
		page.CanSupplement = true
		page.SupplRound = len(d.Supplements)
		page.Supplement = &d.Supplements[len(d.Supplements)-1]
	}
	return nil
}

// myWithdraw withdraws the citizen's own dossier (status 7) with a reason.
func (s *Server) myWithdraw(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, err := s.portalCfg.Service.Withdraw(r.Context(), *c, r.PathValue("ref"), r.PostFormValue("reason"), clientIP(r))
	if err != nil {
		return s.citizenActionRefused(w, r, err)
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+url.PathEscape(dossierRef(&d)), "withdrawn")
}

// citizenActionRefused shows the citizen's dossier again with the refusal
// of a form (a missing reason, a refused file); anything else, including
// "not found" for another citizen's dossier, renders as an error page.
func (s *Server) citizenActionRefused(w http.ResponseWriter, r *http.Request, err error) error {
	e := apperr.As(err)
	switch e.Code {
	case apperr.Invalid, apperr.TooLarge, apperr.Unsupported, apperr.Conflict:
	default:
		return err
	}
	d, evs, lerr := s.portalCfg.Service.OwnDossier(r.Context(), *citizenFrom(r.Context()), r.PathValue("ref"))
	if lerr != nil {
		return lerr
	}
	return s.showMyDossier(w, r, status(e.Code), d, evs, e.Message)
}

// mySupplementUpload takes one file for the current supplement request:
// multipart, read as a stream within the per-file limit; the CSRF token
// is a part of the form, checked before anything is stored.
func (s *Server) mySupplementUpload(w http.ResponseWriter, r *http.Request) error {
	csrf, name, data, err := readUpload(w, r)
	if err != nil && apperr.As(err).Code != apperr.TooLarge {
		return err
	}
	if cerr := s.checkCitizenCSRF(r, csrf); cerr != nil {
		return cerr
	}
	if err != nil {
		return s.citizenActionRefused(w, r, err)
	}
	if data == nil || name == "" {
		return s.citizenActionRefused(w, r, apperr.Field("file", "Vui lòng chọn tệp cần tải lên."))
	}
	c := citizenFrom(r.Context())
	if _, err := s.portalCfg.Service.AddSupplementFile(r.Context(), *c, r.PathValue("ref"), name, data, clientIP(r)); err != nil {
		return s.citizenActionRefused(w, r, err)
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+url.PathEscape(r.PathValue("ref"))+"#bo-sung", "file-added")
}

// readUpload reads a multipart form of one file ("file") and its CSRF
// token, the file within portal.MaxFileBytes. A file over the limit is a
// TooLarge error; the token is returned whenever it was read.
func readUpload(w http.ResponseWriter, r *http.Request) (csrf, name string, data []byte, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, uploadLimit)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", "", nil, apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên (biểu mẫu phải gửi dạng multipart/form-data).", err)
	}
	tooBig := apperr.New(apperr.TooLarge, fmt.Sprintf("Tệp tải lên vượt quá dung lượng tối đa %d MB cho mỗi tệp.", portal.MaxFileBytes>>20))
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return csrf, name, data, nil
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return csrf, "", nil, tooBig
		}
		if err != nil {
			return csrf, "", nil, apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", err)
		}
		switch part.FormName() {
		case "csrf":
			b, _ := io.ReadAll(io.LimitReader(part, 256))
			csrf = string(b)
		case "file":
			name = part.FileName()
			data, err = io.ReadAll(io.LimitReader(part, portal.MaxFileBytes+1))
			if errors.As(err, &mbe) || len(data) > portal.MaxFileBytes {
				return csrf, "", nil, tooBig
			}
			if err != nil {
				return csrf, "", nil, apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", err)
			}
		}
		part.Close()
	}
}

// mySupplementRemove takes a file off the supplement before it is sent.
func (s *Server) mySupplementRemove(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	if err := s.portalCfg.Service.RemoveSupplementFile(r.Context(), *c, r.PathValue("ref"), r.PathValue("file"), clientIP(r)); err != nil {
		return s.citizenActionRefused(w, r, err)
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+url.PathEscape(r.PathValue("ref"))+"#bo-sung", "file-removed")
}

// mySupplementSubmit sends the supplement: the dossier resumes (5 → 4).
func (s *Server) mySupplementSubmit(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, err := s.portalCfg.Service.SubmitSupplement(r.Context(), *c, r.PathValue("ref"), r.PostFormValue("note"), clientIP(r))
	if err != nil {
		return s.citizenActionRefused(w, r, err)
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+url.PathEscape(dossierRef(&d)), "supplemented")
}

// mySupplementFile lets the owner see a file uploaded as a supplement.
func (s *Server) mySupplementFile(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	return s.serveSupplementFile(w, r, &d, r.PathValue("file"))
}

// dossierSupplementFile lets an officer who may read the dossier download
// a file the citizen uploaded as a supplement.
func (s *Server) dossierSupplementFile(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	if s.portalCfg == nil || s.portalCfg.Store == nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy tệp.")
	}
	return s.serveSupplementFile(w, r, &d, r.PathValue("file"))
}

func (s *Server) serveSupplementFile(w http.ResponseWriter, r *http.Request, d *dossier.Dossier, id string) error {
	files, err := s.portalCfg.Store.SupplementFiles(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return err
	}
	for i, f := range files {
		if f.ID == id {
			data, err := s.portalCfg.Store.Blob(r.Context(), d.TenantID, f.SHA256)
			if err != nil {
				return err
			}
			serveBlob(w, data, f.MediaType, fmt.Sprintf("bo-sung-%d-%d", f.Round, i+1), r.URL.Query().Get("xem") == "1")
			return nil
		}
	}
	return apperr.New(apperr.NotFound, "Không tìm thấy tệp.")
}

// supplementRows lists the supplement files on the officers' dossier page.
func (s *Server) supplementRows(r *http.Request, d *dossier.Dossier) []uploadRow {
	if s.portalCfg == nil || s.portalCfg.Store == nil {
		return nil
	}
	files, err := s.portalCfg.Store.SupplementFiles(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return nil
	}
	var out []uploadRow
	for _, f := range files {
		out = append(out, uploadRow{Document: fmt.Sprintf("Bổ sung lần %d", f.Round), Type: portal.TypeLabel(f.MediaType), Size: fmtKB(f.Size),
			URL: "/admin/dossiers/" + url.PathEscape(dossierRef(d)) + "/supplements/" + f.ID, Image: strings.HasPrefix(f.MediaType, "image/")})
	}
	return out
}
