package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/portal"
)

type startPage struct {
	P catalog.Procedure
}

func (p *startPage) title() string { return "Nộp hồ sơ: " + p.P.Name }

// fileStart resumes the citizen's open draft of the procedure, or offers to
// start one (a GET never creates anything).
func (s *Server) fileStart(w http.ResponseWriter, r *http.Request) error {
	p, err := s.findPortalProcedure(r.PathValue("id"))
	if err != nil {
		return err
	}
	if !s.fileable(p) {
		return apperr.New(apperr.Conflict, "Thủ tục này không nhận hồ sơ trực tuyến tại cổng này.")
	}
	c := citizenFrom(r.Context())
	drafts, err := s.portalCfg.Store.Drafts(r.Context(), c.TenantID, c.Identity.IDNumber)
	if err != nil {
		return err
	}
	for _, d := range drafts {
		if d.ProcedureID == p.ID {
			http.Redirect(w, r, "/ho-so-nhap/"+d.ID, http.StatusSeeOther)
			return nil
		}
	}
	s.renderPortal(w, r, http.StatusOK, "start", &startPage{P: p})
	return nil
}

// fileCreate starts a draft.
func (s *Server) fileCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := s.findPortalProcedure(r.PathValue("id"))
	if err != nil {
		return err
	}
	if !s.fileable(p) {
		return apperr.New(apperr.Conflict, "Thủ tục này không nhận hồ sơ trực tuyến tại cổng này.")
	}
	d, err := s.portalCfg.Service.NewDraft(r.Context(), *citizenFrom(r.Context()), p)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/ho-so-nhap/"+d.ID, http.StatusSeeOther)
	return nil
}

type draftDoc struct {
	Index    int
	Doc      catalog.Document
	Required bool
	Files    []portal.File
	FormURL  string // where the blank form is (blankFormURL)
}

// blankFormURL is where a citizen finds the blank form of a document marked
// "Theo mẫu" / "Mẫu số ...": the procedure's page in the National Database
// of Administrative Procedures on the National Public Service Portal, which
// carries the forms as attachments. "" when the procedure has no national
// code or the document no form.
func blankFormURL(p catalog.Procedure, doc catalog.Document) string {
	if p.Code == "" || doc.Form == "" {
		return ""
	}
	return "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=" + url.QueryEscape(p.Code)
}

type draftPage struct {
	P          catalog.Procedure
	D          portal.Draft
	Who        portal.Identity
	Docs       []draftDoc
	Deliveries []string
	Error      string
	MaxFileMB  int
	MaxTotalMB int
	UsedKB     int64
	Fee        int64
}

func (p *draftPage) title() string { return "Khai hồ sơ: " + p.P.Name }

// ownDraft loads the citizen's draft and its procedure.
func (s *Server) ownDraft(r *http.Request) (portal.Draft, catalog.Procedure, error) {
	c := citizenFrom(r.Context())
	d, err := s.portalCfg.Service.OwnDraft(r.Context(), *c, r.PathValue("id"))
	if err != nil {
		return d, catalog.Procedure{}, err
	}
	p, ok := catalog.Find(s.catalog, d.ProcedureID, calendar.DateOf(s.now()))
	if !ok {
		return d, p, apperr.New(apperr.Conflict, "Thủ tục của bản nháp này không còn hiệu lực; vui lòng chọn thủ tục đang có hiệu lực.")
	}
	return d, p, nil
}

func (s *Server) renderDraft(w http.ResponseWriter, r *http.Request, code int, d portal.Draft, p catalog.Procedure, msg string) {
	page := &draftPage{P: p, D: d, Who: citizenFrom(r.Context()).Identity, Deliveries: portal.Deliveries, Error: msg,
		MaxFileMB: portal.MaxFileBytes >> 20, MaxTotalMB: portal.MaxDossierBytes >> 20, UsedKB: d.Size(), Fee: p.FeeFor("")}
	for i, doc := range p.Documents {
		page.Docs = append(page.Docs, draftDoc{Index: i, Doc: doc, Required: portal.RequiredOnline(doc), Files: d.FilesFor(i), FormURL: blankFormURL(p, doc)})
	}
	s.renderPortal(w, r, code, "draft", page)
}

// draftShow is the filing form built from the catalogue entry.
func (s *Server) draftShow(w http.ResponseWriter, r *http.Request) error {
	d, p, err := s.ownDraft(r)
	if err != nil {
		return err
	}
	if d.Status != portal.DraftOpen {
		http.Redirect(w, r, "/ho-so-cua-toi/"+d.DossierID, http.StatusSeeOther)
		return nil
	}
	s.renderDraft(w, r, http.StatusOK, d, p, "")
	return nil
}

// draftSave saves the form, and submits it when asked. The filing page
// sends everything as one multipart form (contact, chosen files, the
// button pressed), so that nothing typed is lost when a file is uploaded
// or removed (draftWholeForm).
func (s *Server) draftSave(w http.ResponseWriter, r *http.Request) error {
	if isMultipart(r) {
		return s.draftWholeForm(w, r)
	}
	d, p, err := s.ownDraft(r)
	if err != nil {
		return err
	}
	c := citizenFrom(r.Context())
	in := portal.Contact{Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"), Address: r.PostFormValue("address"), Delivery: r.PostFormValue("delivery")}
	if d, err = s.portalCfg.Service.SaveDraft(r.Context(), *c, d.ID, in); err != nil {
		return err
	}
	if r.PostFormValue("action") != "submit" {
		return s.redirectFlash(w, r, "/ho-so-nhap/"+d.ID, "draft-saved")
	}
	dos, err := s.portalCfg.Service.Submit(r.Context(), *c, d.ID, clientIP(r))
	if err != nil {
		e := apperr.As(err)
		if e.Code == apperr.Invalid || e.Code == apperr.Conflict {
			s.renderDraft(w, r, status(e.Code), d, p, e.Message)
			return nil
		}
		return err
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+dossierRef(&dos), "submitted")
}

// uploadLimit bounds one upload request: one file and a few small fields.
const uploadLimit = portal.MaxFileBytes + 64<<10

// draftUpload receives one file for one document. The body is limited by
// http.MaxBytesReader and read as a stream; the file is kept only if its
// content is a PDF, JPEG or PNG whose name agrees with it.
func (s *Server) draftUpload(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, uploadLimit)
	mr, err := r.MultipartReader()
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên (biểu mẫu phải gửi dạng multipart/form-data).", err)
	}
	var csrf, name string
	doc := -1
	var data []byte
	tooBig := func() error {
		return apperr.New(apperr.TooLarge, fmt.Sprintf("Tệp tải lên vượt quá dung lượng tối đa %d MB cho mỗi tệp.", portal.MaxFileBytes>>20))
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return s.uploadRefused(w, r, tooBig())
		}
		if err != nil {
			return apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", err)
		}
		switch part.FormName() {
		case "csrf", "doc":
			b, _ := io.ReadAll(io.LimitReader(part, 256))
			if part.FormName() == "csrf" {
				csrf = string(b)
			} else if n, err := strconv.Atoi(string(b)); err == nil {
				doc = n
			}
		case "file":
			name = part.FileName()
			data, err = io.ReadAll(io.LimitReader(part, portal.MaxFileBytes+1))
			if errors.As(err, &mbe) || len(data) > portal.MaxFileBytes {
				return s.uploadRefused(w, r, tooBig())
			}
			if err != nil {
				return apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", err)
			}
		}
		part.Close()
	}
	if err := s.checkCitizenCSRF(r, csrf); err != nil {
		return err
	}
	if data == nil || name == "" {
		return s.uploadRefused(w, r, apperr.Field("file", "Vui lòng chọn tệp cần tải lên."))
	}
	d, p, err := s.ownDraft(r)
	if err != nil {
		return err
	}
	if _, err := s.portalCfg.Service.AddFile(r.Context(), *citizenFrom(r.Context()), d.ID, p, doc, name, data, clientIP(r)); err != nil {
		return s.uploadRefused(w, r, err)
	}
	return s.redirectFlash(w, r, "/ho-so-nhap/"+d.ID+"#tai-lieu", "file-added")
}

// draftWholeForm reads the filing page's one multipart form as a stream
// (at most one file's size in all): it saves the contact fields first, then
// adds the chosen files or removes the file asked, then saves or submits.
func (s *Server) draftWholeForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, uploadLimit)
	mr, err := r.MultipartReader()
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "Không đọc được biểu mẫu.", err)
	}
	fields := map[string]string{}
	type chosen struct {
		doc  int
		name string
		data []byte
	}
	var files []chosen
	tooBig := apperr.New(apperr.TooLarge, fmt.Sprintf("Các tệp gửi lên một lần vượt quá %d MB; vui lòng tải từng tệp.", portal.MaxFileBytes>>20))
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return s.uploadRefused(w, r, tooBig)
		}
		if err != nil {
			return apperr.Wrap(apperr.Invalid, "Không đọc được biểu mẫu.", err)
		}
		name := part.FormName()
		if n, ok := strings.CutPrefix(name, "file-"); ok {
			doc, err := strconv.Atoi(n)
			data, rerr := io.ReadAll(io.LimitReader(part, portal.MaxFileBytes+1))
			if errors.As(rerr, &mbe) || len(data) > portal.MaxFileBytes {
				return s.uploadRefused(w, r, tooBig)
			}
			if rerr != nil {
				return apperr.Wrap(apperr.Invalid, "Không đọc được tệp tải lên.", rerr)
			}
			if err == nil && part.FileName() != "" && len(data) > 0 {
				files = append(files, chosen{doc, part.FileName(), data})
			}
		} else {
			b, _ := io.ReadAll(io.LimitReader(part, 4<<10))
			fields[name] = string(b)
		}
		part.Close()
	}
	if err := s.checkCitizenCSRF(r, fields["csrf"]); err != nil {
		return err
	}
	d, p, err := s.ownDraft(r)
	if err != nil {
		return err
	}
	c := citizenFrom(r.Context())
	in := portal.Contact{Phone: fields["phone"], Email: fields["email"], Address: fields["address"], Delivery: fields["delivery"]}
	if d, err = s.portalCfg.Service.SaveDraft(r.Context(), *c, d.ID, in); err != nil {
		return err
	}
	for _, f := range files {
		if _, err := s.portalCfg.Service.AddFile(r.Context(), *c, d.ID, p, f.doc, f.name, f.data, clientIP(r)); err != nil {
			return s.uploadRefused(w, r, err)
		}
	}
	action := fields["action"]
	if id, ok := strings.CutPrefix(action, "remove:"); ok {
		if err := s.portalCfg.Service.RemoveFile(r.Context(), *c, d.ID, id); err != nil {
			return err
		}
		return s.redirectFlash(w, r, "/ho-so-nhap/"+d.ID+"#tai-lieu", "file-removed")
	}
	switch action {
	case "submit":
		dos, err := s.portalCfg.Service.Submit(r.Context(), *c, d.ID, clientIP(r))
		if err != nil {
			e := apperr.As(err)
			if e.Code == apperr.Invalid || e.Code == apperr.Conflict {
				d, _, _ = s.ownDraft(r)
				s.renderDraft(w, r, status(e.Code), d, p, e.Message)
				return nil
			}
			return err
		}
		return s.redirectFlash(w, r, "/ho-so-cua-toi/"+dossierRef(&dos), "submitted")
	case "upload":
		if len(files) == 0 {
			d, _, _ = s.ownDraft(r)
			s.renderDraft(w, r, http.StatusUnprocessableEntity, d, p, "Vui lòng chọn tệp cần tải lên.")
			return nil
		}
		return s.redirectFlash(w, r, "/ho-so-nhap/"+d.ID+"#tai-lieu", "file-added")
	}
	return s.redirectFlash(w, r, "/ho-so-nhap/"+d.ID, "draft-saved")
}

// uploadRefused shows the draft again with the refusal, when the refusal is
// about the file (a clear message beside the form); other errors render as
// pages.
func (s *Server) uploadRefused(w http.ResponseWriter, r *http.Request, err error) error {
	e := apperr.As(err)
	switch e.Code {
	case apperr.Invalid, apperr.TooLarge, apperr.Unsupported:
	default:
		return err
	}
	if citizenFrom(r.Context()) == nil {
		return err
	}
	d, p, lerr := s.ownDraft(r)
	if lerr != nil {
		return lerr
	}
	s.renderDraft(w, r, status(e.Code), d, p, e.Message)
	return nil
}

// draftFileRemove takes a file off the draft.
func (s *Server) draftFileRemove(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	if err := s.portalCfg.Service.RemoveFile(r.Context(), *c, r.PathValue("id"), r.PathValue("file")); err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/ho-so-nhap/"+r.PathValue("id")+"#tai-lieu", "file-removed")
}

// draftFile lets the owner see a file of the draft.
func (s *Server) draftFile(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.ownDraft(r)
	if err != nil {
		return err
	}
	return s.serveFile(w, r, d, r.PathValue("file"))
}

// myDossierFile lets the owner see a file of a submitted dossier.
func (s *Server) myDossierFile(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	dos, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	d, err := s.portalCfg.Store.DraftOfDossier(r.Context(), c.TenantID, dos.ID)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy tệp.")
	}
	return s.serveFile(w, r, d, r.PathValue("file"))
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, d portal.Draft, fileID string) error {
	for i, f := range d.Files {
		if f.ID == fileID {
			data, err := s.portalCfg.Store.Blob(r.Context(), d.TenantID, f.SHA256)
			if err != nil {
				return err
			}
			serveBlob(w, data, f.MediaType, fmt.Sprintf("tai-lieu-%d", i+1), r.URL.Query().Get("xem") == "1")
			return nil
		}
	}
	return apperr.New(apperr.NotFound, "Không tìm thấy tệp.")
}

// serveBlob sends stored bytes with the type tuphap determined from their
// content and a name of its own: never the uploader's name or type. The
// sandbox policy keeps even a crafted PDF from running script in our origin.
// With inline (the "Xem" links: ?xem=1) the browser shows the PDF or image
// itself instead of downloading it.
func serveBlob(w http.ResponseWriter, data []byte, mediaType, base string, inline bool) {
	h := w.Header()
	h.Set("Content-Type", mediaType)
	disp := "attachment"
	if inline {
		disp = "inline"
	}
	h.Set("Content-Disposition", disp+`; filename="`+base+portal.Ext(mediaType)+`"`)
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}
