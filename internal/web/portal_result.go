package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/portal"
)

// myResult lets the owner download a result issued electronically.
func (s *Server) myResult(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	res, err := s.portalCfg.Store.Result(r.Context(), c.TenantID, r.PathValue("id"))
	if err != nil || res.DossierID != d.ID {
		return apperr.New(apperr.NotFound, "Không tìm thấy kết quả.")
	}
	data, err := s.portalCfg.Store.Blob(r.Context(), c.TenantID, res.SHA256)
	if err != nil {
		return err
	}
	serveBlob(w, data, res.MediaType, "ket-qua-"+strings.ReplaceAll(dossierRef(&d), ".", "-"), r.URL.Query().Get("xem") == "1")
	return nil
}

// myRate records the citizen's rating, once per dossier, through the
// dossier's own rate transition.
func (s *Server) myRate(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	var sat bool
	switch r.PostFormValue("satisfied") {
	case "yes":
		sat = true
	case "no":
	default:
		return apperr.Field("satisfied", "Vui lòng chọn Hài lòng hoặc Không hài lòng.")
	}
	if _, err := s.dossier.Act(r.Context(), portalActor(r), c.TenantID, d.ID, dossier.ActRate,
		dossier.Input{Satisfied: &sat, Comment: r.PostFormValue("comment")}); err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+dossierRef(&d), "rated")
}

type verifyPage struct {
	R         portal.Result
	Procedure string
	Issuer    string
	Found     bool
	Match     string // "", "yes", "no": a checked file's hash against the result
	// Checked is the SHA-256 the citizen pasted or that tuphap computed
	// from the uploaded file (FromFile); the file itself is never kept.
	Checked  string
	FromFile bool
	Error    string
}

func (*verifyPage) title() string {
	return "Xác thực kết quả giải quyết thủ tục hành chính"
}

// verifyShow is the public verification page of an electronic result: it
// confirms the document's issuer, date and SHA-256 without personal data.
func (s *Server) verifyShow(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.portalTenant(r.Context())
	if err != nil {
		return err
	}
	if s.portalCfg == nil || s.portalCfg.Store == nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy kết quả.")
	}
	res, err := s.portalCfg.Store.Result(r.Context(), ten.ID, r.PathValue("id"))
	if errors.Is(err, apperr.ErrNotFound) {
		s.renderPortal(w, r, http.StatusNotFound, "verify", &verifyPage{})
		return nil
	}
	if err != nil {
		return err
	}
	page := &verifyPage{R: res, Found: true, Issuer: ten.Name}
	if d, err := s.dossier.Store.Dossier(r.Context(), ten.ID, res.DossierID); err == nil {
		page.Procedure = d.ProcedureName
	}
	if h := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("sha256"))); h != "" {
		page.Match = "no"
		if h == res.SHA256 {
			page.Match = "yes"
		}
		if len(h) <= 64 {
			page.Checked = h
		}
	}
	s.renderPortal(w, r, http.StatusOK, "verify", page)
	return nil
}

// verifyFileLimit bounds a document uploaded for verification: a result is
// stored under portal.MaxFileBytes, so a larger file cannot match.
const verifyFileLimit = portal.MaxFileBytes

// verifyUpload checks an uploaded document against a result: POST
// /xac-thuc/{id}, multipart with "file". The file is hashed as it streams
// in (at most verifyFileLimit bytes) and never stored; the page says
// whether its SHA-256 matches ("khớp") or not ("không khớp").
func (s *Server) verifyUpload(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.portalTenant(r.Context())
	if err != nil {
		return err
	}
	if s.portalCfg == nil || s.portalCfg.Store == nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy kết quả.")
	}
	res, err := s.portalCfg.Store.Result(r.Context(), ten.ID, r.PathValue("id"))
	if errors.Is(err, apperr.ErrNotFound) {
		s.renderPortal(w, r, http.StatusNotFound, "verify", &verifyPage{})
		return nil
	}
	if err != nil {
		return err
	}
	page := &verifyPage{R: res, Found: true, Issuer: ten.Name}
	if d, err := s.dossier.Store.Dossier(r.Context(), ten.ID, res.DossierID); err == nil {
		page.Procedure = d.ProcedureName
	}
	csrf, sum, n, err := hashUpload(w, r, verifyFileLimit)
	if cerr := s.checkCitizenCSRF(r, csrf); cerr != nil {
		return cerr
	}
	code := http.StatusOK
	switch {
	case err != nil:
		e := apperr.As(err)
		page.Error, code = e.Message, status(e.Code)
	case n == 0:
		page.Error, code = "Vui lòng chọn tệp cần đối chiếu.", http.StatusBadRequest
	default:
		page.Checked, page.FromFile, page.Match = sum, true, "no"
		if sum == res.SHA256 {
			page.Match = "yes"
		}
	}
	s.renderPortal(w, r, code, "verify", page)
	return nil
}

// hashUpload reads a multipart form and returns its "csrf" field and the
// SHA-256 and size of its "file" part, computed while streaming: the bytes
// are not kept. A file over limit is a TooLarge error.
func hashUpload(w http.ResponseWriter, r *http.Request, limit int64) (csrf, sum string, n int64, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", "", 0, apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên (biểu mẫu phải gửi dạng multipart/form-data).", err)
	}
	tooBig := apperr.New(apperr.TooLarge, fmt.Sprintf("Tệp vượt quá %d MB; kết quả điện tử không lớn hơn mức này nên tệp không thể khớp.", limit>>20))
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return csrf, sum, n, nil
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return csrf, "", 0, tooBig
		}
		if err != nil {
			return csrf, "", 0, apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", err)
		}
		switch part.FormName() {
		case "csrf":
			b, _ := io.ReadAll(io.LimitReader(part, 256))
			csrf = string(b)
		case "file":
			h := sha256.New()
			n, err = io.Copy(h, io.LimitReader(part, limit+1))
			if errors.As(err, &mbe) || n > limit {
				return csrf, "", 0, tooBig
			}
			if err != nil {
				return csrf, "", 0, apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", err)
			}
			sum = hex.EncodeToString(h.Sum(nil))
		}
		part.Close()
	}
}

type resultJSON struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	SHA256    string `json:"sha256"`
	VerifyURL string `json:"verify_url"`
}

// apiResultIssue attaches a result issued electronically (a PDF) to a
// dossier: POST /api/v1/dossiers/{code}/results, multipart with "title"
// and "file".
func (s *Server) apiResultIssue(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg == nil || s.portalCfg.Service == nil {
		return apperr.New(apperr.NotFound, "Cổng dịch vụ công chưa được bật.")
	}
	if _, _, err := s.loadDossier(r, r.PathValue("code")); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, uploadLimit)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return formError(err)
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return apperr.Field("file", "Thiếu tệp kết quả (trường file).")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, portal.MaxFileBytes+1))
	if err != nil {
		return formError(err)
	}
	p := principalFrom(r.Context())
	ten, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	res, err := s.portalCfg.Service.IssueResult(r.Context(), dossierActor(r), p.TenantID, r.PathValue("code"), r.FormValue("title"), ten.Name, data)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, resultJSON{ID: res.ID, Title: res.Title, SHA256: res.SHA256,
		VerifyURL: fmt.Sprintf("%s/xac-thuc/%s", s.portalCfg.BaseURL, res.ID)})
}

type fileJSON struct {
	ID        string `json:"id"`
	Document  string `json:"document"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	URL       string `json:"url"`
}

// apiDossierFiles lists the files a citizen uploaded with an online
// dossier, for the officers who may read the dossier.
func (s *Server) apiDossierFiles(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	out := []fileJSON{}
	if s.portalCfg != nil && s.portalCfg.Store != nil {
		dr, err := s.portalCfg.Store.DraftOfDossier(r.Context(), d.TenantID, d.ID)
		if err != nil && !errors.Is(err, apperr.ErrNotFound) {
			return err
		}
		for _, f := range dr.Files {
			name := ""
			if p, err := s.findPortalProcedure(dr.ProcedureID); err == nil && f.DocIndex < len(p.Documents) {
				name = p.Documents[f.DocIndex].Name
			}
			out = append(out, fileJSON{ID: f.ID, Document: name, MediaType: f.MediaType, Size: f.Size, SHA256: f.SHA256,
				URL: "/api/v1/dossiers/" + dossierRef(&d) + "/files/" + f.ID})
		}
	}
	return writeJSON(w, http.StatusOK, listResponse[fileJSON]{Items: out})
}

// apiDossierFile downloads one uploaded file of a dossier for an officer.
func (s *Server) apiDossierFile(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	if s.portalCfg == nil || s.portalCfg.Store == nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy tệp.")
	}
	dr, err := s.portalCfg.Store.DraftOfDossier(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy tệp.")
	}
	return s.serveFile(w, r, dr, r.PathValue("file"))
}

// uploadRow is an uploaded file on the officers' dossier page.
type uploadRow struct {
	Document, Type, Size, URL string
	Image                     bool // shown as a picture on the page
}

// uploadsOf lists the files a citizen filed online with d, for the
// officers' dossier page (nil when there are none or the portal is off).
func (s *Server) uploadsOf(r *http.Request, d *dossier.Dossier) []uploadRow {
	if s.portalCfg == nil || s.portalCfg.Store == nil || d.Channel != "online" {
		return nil
	}
	dr, err := s.portalCfg.Store.DraftOfDossier(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return nil
	}
	var docs []string
	if p, err := s.findPortalProcedure(dr.ProcedureID); err == nil {
		for _, doc := range p.Documents {
			docs = append(docs, doc.Name)
		}
	}
	var out []uploadRow
	for _, f := range dr.Files {
		name := "Giấy tờ"
		if f.DocIndex < len(docs) {
			name = docs[f.DocIndex]
		}
		out = append(out, uploadRow{Document: name, Type: portal.TypeLabel(f.MediaType), Size: fmtKB(f.Size),
			URL: "/api/v1/dossiers/" + dossierRef(d) + "/files/" + f.ID, Image: strings.HasPrefix(f.MediaType, "image/")})
	}
	return out
}
