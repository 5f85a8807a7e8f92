package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/legalaid"
	"tuphap/internal/web/kit"
	"tuphap/internal/web/legalaidweb"
)

// The legal-aid portal pages: a citizen signed in with the national e-ID
// asks for legal aid, attaches proof, and follows their own requests; anyone
// may follow a request with its reference and PIN.

type portalLAPage struct {
	Mine    []legalaid.Case
	Case    *legalaid.Case
	Docs    []legalaid.Document
	Events  []legalaid.Event
	Groups  []legalaid.Group
	Forms   []legalaid.Form
	Fields  []legalaid.Field
	Form    kit.Form
	PIN     string // shown once, right after filing
	Ref     string
	Error   string
	Today   string
	Missing bool
}

func (*portalLAPage) title() string { return "Trợ giúp pháp lý" }

// GroupName names an eligibility group.
func (*portalLAPage) GroupName(c string) string { return legalaid.GroupName(c) }

func (s *Server) laTenant(r *http.Request) (string, error) {
	if s.legalAid == nil {
		return "", apperr.New(apperr.NotFound, "Chức năng trợ giúp pháp lý chưa được bật.")
	}
	t, err := s.portalTenant(r.Context())
	return t.ID, err
}

// laPortalHome is GET /tro-giup-phap-ly: who may ask, the look-up by
// reference and PIN, and the signed-in citizen's own requests.
func (s *Server) laPortalHome(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.laTenant(r)
	if err != nil {
		return err
	}
	page := &portalLAPage{Groups: legalaid.GroupsOn(dayUTC(s.now()))}
	if c := citizenFrom(r.Context()); c != nil {
		if page.Mine, err = s.legalAid.Service.Store.PortalCases(r.Context(), ten, c.Identity.Subject); err != nil {
			return err
		}
	}
	s.renderPortal(w, r, http.StatusOK, "legalaid", page)
	return nil
}

// laPortalLookup is POST /tro-giup-phap-ly/tra-cuu: rate limited per
// address and, for failures, per reference, like the dossier look-up.
func (s *Server) laPortalLookup(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.laTenant(r)
	if err != nil {
		return err
	}
	ref, pin := strings.ToUpper(strings.TrimSpace(r.PostFormValue("ref"))), strings.TrimSpace(r.PostFormValue("pin"))
	page := &portalLAPage{Ref: ref, Groups: legalaid.GroupsOn(dayUTC(s.now()))}
	code := http.StatusOK
	switch {
	case !s.lookupLimiter.Allow(clientIP(r), s.now()):
		page.Error, code = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút.", http.StatusTooManyRequests
	case ref == "" || len(ref) > 40 || len(pin) > 16:
		page.Error, code = "Nhập số tham chiếu và mã tra cứu.", http.StatusUnprocessableEntity
	case s.lookupCodeLimiter.Exceeded("la:"+ref, s.now()):
		page.Error, code = "Số tham chiếu này đã được tra cứu sai quá nhiều lần. Vui lòng thử lại sau 1 giờ.", http.StatusTooManyRequests
	default:
		c, err := s.legalAid.Service.Lookup(r.Context(), ten, ref, pin)
		if apperr.CodeOf(err) == apperr.NotFound {
			s.lookupCodeLimiter.Allow("la:"+ref, s.now())
			page.Error, code = apperr.As(err).Message, http.StatusNotFound
			break
		}
		if err != nil {
			return err
		}
		page.Case = &c
		page.Missing, _ = legalaid.ProofMissing(c, dayUTC(s.now()))
	}
	s.renderPortal(w, r, code, "legalaid", page)
	return nil
}

func (s *Server) laForm(w http.ResponseWriter, r *http.Request, code int, page *portalLAPage) error {
	page.Groups, page.Forms, page.Fields = legalaid.GroupsOn(dayUTC(s.now())), legalaid.Forms, legalaid.Fields
	page.Today = kit.Date(s.now())
	s.renderPortal(w, r, code, "legalaid_form", page)
	return nil
}

// laPortalForm is GET /tro-giup-phap-ly/yeu-cau.
func (s *Server) laPortalForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.laTenant(r); err != nil {
		return err
	}
	return s.laForm(w, r, http.StatusOK, &portalLAPage{})
}

// laPortalSubmit is POST /tro-giup-phap-ly/yeu-cau: the request is filed
// in the citizen's own name (from the e-ID), online, dated today, with an
// optional proof document; it answers with the reference and the PIN.
func (s *Server) laPortalSubmit(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.laTenant(r)
	if err != nil {
		return err
	}
	if err := s.laParse(w, r); err != nil {
		return err
	}
	cit := citizenFrom(r.Context())
	c, _ := legalaidweb.CaseFrom(r)
	id := cit.Identity
	c.Requester.FullName, c.Requester.IDNumber = id.FullName, id.IDNumber
	if len(id.BirthDate) >= 4 {
		c.Requester.BirthYear = atoiSafe(id.BirthDate[:4])
	}
	c.Channel, c.RequestedOn, c.UnitCode, c.PortalSub = legalaid.ChannelOnline, dayUTC(s.now()), "TT", id.Subject
	c.Urgent, c.Extended, c.ProofOK, c.Persons = legalaid.UrgentNone, false, false, 1
	doc, derr := laUpload(r)
	if derr != nil {
		return s.laForm(w, r, http.StatusUnprocessableEntity, &portalLAPage{Form: kit.FormOf(r.PostForm, derr)})
	}
	a := legalaid.Actor{ID: "citizen:" + id.Subject, Name: "Công dân (định danh điện tử)", IP: clientIP(r)}
	c, pin, err := s.legalAid.Service.Request(r.Context(), a, ten, c)
	if e := userError(err); e != nil {
		code := status(e.Code)
		if e.Code == apperr.Invalid {
			code = http.StatusUnprocessableEntity
		}
		return s.laForm(w, r, code, &portalLAPage{Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	if doc != nil {
		doc.ByCitizen, doc.Proof = true, true
		if _, err := s.legalAid.Service.AddDocument(r.Context(), a, ten, c.ID, *doc); err != nil {
			return err
		}
	}
	page := &portalLAPage{Case: &c, PIN: pin}
	s.renderPortal(w, r, http.StatusCreated, "legalaid_mine", page)
	return nil
}

// laParse reads a multipart form of up to a document and some fields and
// checks its CSRF token: the citizen routes that take a proof document are
// streaming uploads (citizenRoute leaves the token to them), as the form
// limit of other routes is smaller than a document.
func (s *Server) laParse(w http.ResponseWriter, r *http.Request) error {
	if !isMultipart(r) {
		return nil // checked by citizenRoute
	}
	r.Body = http.MaxBytesReader(w, r.Body, legalaid.MaxDocument+256<<10)
	if err := r.ParseMultipartForm(legalaid.MaxDocument + 256<<10); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return apperr.New(apperr.TooLarge, "Tệp lớn hơn 5 MB.")
		}
		return apperr.New(apperr.Invalid, "Không đọc được biểu mẫu gửi lên.")
	}
	return s.checkCitizenCSRF(r, r.PostFormValue("csrf"))
}

// laUpload reads the optional "file" of a multipart form (PDF, JPEG, PNG,
// at most legalaid.MaxDocument).
func laUpload(r *http.Request) (*legalaid.Document, error) {
	f, h, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil
	}
	if err != nil {
		return nil, apperr.Field("file", "Không đọc được tệp tải lên.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, legalaid.MaxDocument+1))
	if err != nil {
		return nil, apperr.Field("file", "Không đọc được tệp tải lên.")
	}
	if len(data) > legalaid.MaxDocument {
		return nil, apperr.Field("file", "Tệp lớn hơn 5 MB.")
	}
	ct := http.DetectContentType(data)
	if ct != "application/pdf" && ct != "image/jpeg" && ct != "image/png" {
		return nil, apperr.Field("file", "Chỉ nhận tệp PDF, JPG hoặc PNG.")
	}
	return &legalaid.Document{Name: h.Filename, ContentType: ct, Data: data}, nil
}

// laPortalMine is GET /tro-giup-phap-ly/cua-toi/{id}: only the citizen who
// asked sees it (another's is not found).
func (s *Server) laPortalMine(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.laTenant(r)
	if err != nil {
		return err
	}
	c, err := s.legalAid.Service.Mine(r.Context(), ten, citizenFrom(r.Context()).Identity.Subject, r.PathValue("id"))
	if err != nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy yêu cầu trợ giúp pháp lý của bạn.")
	}
	page := &portalLAPage{Case: &c}
	if page.Docs, err = s.legalAid.Service.Store.Documents(r.Context(), ten, c.ID); err != nil {
		return err
	}
	if page.Events, err = s.legalAid.Service.Store.Events(r.Context(), ten, c.ID); err != nil {
		return err
	}
	page.Missing, _ = legalaid.ProofMissing(c, dayUTC(s.now()))
	s.renderPortal(w, r, http.StatusOK, "legalaid_mine", page)
	return nil
}

// laPortalUpload is POST /tro-giup-phap-ly/cua-toi/{id}/tai-lieu: the
// citizen sends proof for their own request.
func (s *Server) laPortalUpload(w http.ResponseWriter, r *http.Request) error {
	ten, err := s.laTenant(r)
	if err != nil {
		return err
	}
	if err := s.laParse(w, r); err != nil {
		return err
	}
	cit := citizenFrom(r.Context())
	c, err := s.legalAid.Service.Mine(r.Context(), ten, cit.Identity.Subject, r.PathValue("id"))
	if err != nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy yêu cầu trợ giúp pháp lý của bạn.")
	}
	doc, err := laUpload(r)
	if err == nil && doc == nil {
		err = apperr.Field("file", "Chọn tệp để tải lên.")
	}
	if err == nil {
		doc.ByCitizen, doc.Proof = true, true
		a := legalaid.Actor{ID: "citizen:" + cit.Identity.Subject, Name: "Công dân (định danh điện tử)", IP: clientIP(r)}
		_, err = s.legalAid.Service.AddDocument(r.Context(), a, ten, c.ID, *doc)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/tro-giup-phap-ly/cua-toi/"+url.PathEscape(c.ID), "file-added")
}

func atoiSafe(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// dayUTC is the Vietnamese calendar day of t, as a UTC midnight.
func dayUTC(t time.Time) time.Time {
	n := t.In(kit.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}
