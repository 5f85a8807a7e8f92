package web

import (
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/petition"
)

// The portal's petition pages: a signed-in citizen files a complaint, a
// denunciation or feedback, gets a code and a PIN, follows its stage and
// reads the decision; anyone with the code and PIN follows it too. A
// denouncer's identity comes from the e-ID and goes only to the restricted
// store; the citizen's own list finds their petitions by a hash of the
// e-ID subject.

type portalPetitionPage struct {
	Kinds   []petition.Kind
	Mine    []petition.Petition
	Receipt *petition.Receipt
	Error   *apperr.Error
	Values  map[string]string
}

func (*portalPetitionPage) title() string {
	return "Gửi đơn khiếu nại, tố cáo, kiến nghị, phản ánh"
}

func (s *Server) needPetitions() error {
	if s.petitions == nil {
		return apperr.New(apperr.NotFound, "Chức năng tiếp nhận đơn trực tuyến chưa được bật.")
	}
	return nil
}

func (s *Server) petitionPortalPage(w http.ResponseWriter, r *http.Request, code int, page *portalPetitionPage) error {
	c := citizenFrom(r.Context())
	mine, err := s.petitions.Store.Petitions(r.Context(), c.TenantID, petition.Filter{OwnerRef: petition.OwnerRef(c.Identity.Subject), Limit: 50})
	if err != nil {
		return err
	}
	page.Kinds, page.Mine = []petition.Kind{petition.KindComplaint, petition.KindDenunciation, petition.KindFeedback}, mine
	s.renderPortal(w, r, code, "petition", page)
	return nil
}

// petitionPortal is GET /don-thu.
func (s *Server) petitionPortal(w http.ResponseWriter, r *http.Request) error {
	if err := s.needPetitions(); err != nil {
		return err
	}
	return s.petitionPortalPage(w, r, http.StatusOK, &portalPetitionPage{})
}

// petitionPortalSubmit is POST /don-thu: the identity is the e-ID's,
// whatever was posted.
func (s *Server) petitionPortalSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := s.needPetitions(); err != nil {
		return err
	}
	c := citizenFrom(r.Context())
	v := r.PostFormValue
	person := petition.Person{FullName: c.Identity.FullName, IDNumber: c.Identity.IDNumber, Address: v("address"), Phone: v("phone")}
	in := petition.Intake{Petition: petition.Petition{Kind: petition.Kind(v("kind")), Channel: petition.ChannelPortal, Field: petition.Field(v("field")),
		ReceivedOn: calendar.DateOf(s.now()), Summary: v("summary"), OwnerRef: petition.OwnerRef(c.Identity.Subject)}}
	if in.Kind == petition.KindDenunciation {
		in.Identity = petition.Identity{Person: person}
	} else {
		in.Petitioner = person
	}
	if in.Kind == petition.KindComplaint && v("instance") == "2" {
		in.Instance = 2
	}
	rc, err := s.petitions.Receive(r.Context(), petition.Actor{Name: "cong-dan", IP: clientIP(r)}, c.TenantID, in)
	if e := userError(err); e != nil {
		return s.petitionPortalPage(w, r, status(e.Code), &portalPetitionPage{Error: e,
			Values: map[string]string{"kind": v("kind"), "summary": v("summary"), "address": v("address"), "phone": v("phone")}})
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.petitionPortalPage(w, r, http.StatusCreated, &portalPetitionPage{Receipt: &rc})
}

type portalPetitionShow struct {
	P      petition.Petition
	Events []petition.Event
	Next   string
	Error  string
	Code   string
	Lookup bool
	// PIN is set on the page a look-up by code and PIN shows, so that its
	// download form can ask for the decision again (the page is no-store).
	PIN string
	// Download says the resolved case's document can be downloaded here.
	Download bool
}

func (p *portalPetitionShow) title() string {
	if p.Lookup {
		return "Tra cứu đơn khiếu nại, tố cáo, kiến nghị, phản ánh"
	}
	return "Đơn " + p.P.Code
}

func (s *Server) petitionNext(r *http.Request, tenantID string, p petition.Petition) string {
	cal, err := s.petitions.Cal(r.Context(), tenantID)
	if err != nil {
		return ""
	}
	n, ok := petition.NextDeadline(cal, p, calendar.DateOf(s.now()))
	if !ok || n.Paused {
		return ""
	}
	return n.What + ": chậm nhất ngày " + n.Deadline.Due.FormatVN()
}

// petitionPortalShow is GET /don-thu/{code}: one of the citizen's own.
func (s *Server) petitionPortalShow(w http.ResponseWriter, r *http.Request) error {
	if err := s.needPetitions(); err != nil {
		return err
	}
	c := citizenFrom(r.Context())
	p, evs, err := s.petitions.Mine(r.Context(), c.TenantID, petition.OwnerRef(c.Identity.Subject), r.PathValue("code"))
	if err != nil {
		return err
	}
	s.renderPortal(w, r, http.StatusOK, "petition_show", &portalPetitionShow{P: p, Events: evs, Next: s.petitionNext(r, c.TenantID, p),
		Download: s.petScreens != nil && p.Status == petition.StatusResolved})
	return nil
}

// petitionPortalDecision is GET /don-thu/{code}/quyet-dinh: the signed-in
// citizen's own resolved case as the printed decision, conclusion or reply
// (the document the officers print, which never names a denouncer).
func (s *Server) petitionPortalDecision(w http.ResponseWriter, r *http.Request) error {
	if err := s.needPetitions(); err != nil {
		return err
	}
	c := citizenFrom(r.Context())
	p, _, err := s.petitions.Mine(r.Context(), c.TenantID, petition.OwnerRef(c.Identity.Subject), r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.sendPetitionDecision(w, r, c.TenantID, p)
}

// petitionLookupDecision is POST /tra-cuu-don/quyet-dinh: the same
// document for whoever holds the code and PIN, under the look-up's limit.
func (s *Server) petitionLookupDecision(w http.ResponseWriter, r *http.Request) error {
	if err := s.needPetitions(); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu tra cứu không hợp lệ.")
	}
	if !s.lookupLimiter.Allow(clientIP(r), s.now()) {
		retryAfter(w, lookupRetry)
		return apperr.New(apperr.TooMany, "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút.")
	}
	ten, err := s.portalTenant(r.Context())
	if err != nil {
		return err
	}
	p, _, err := s.petitions.Follow(r.Context(), ten.ID, strings.TrimSpace(r.PostForm.Get("ma")), r.PostForm.Get("pin"))
	if err != nil {
		return err
	}
	return s.sendPetitionDecision(w, r, ten.ID, p)
}

func (s *Server) sendPetitionDecision(w http.ResponseWriter, r *http.Request, tenantID string, p petition.Petition) error {
	if s.petScreens == nil {
		return apperr.New(apperr.NotFound, "Chức năng tiếp nhận đơn trực tuyến chưa được bật.")
	}
	return s.petScreens.SendOutcome(w, r, tenantID, p)
}

// petitionLookup is GET and POST /tra-cuu-don: a petition by code and PIN.
func (s *Server) petitionLookup(w http.ResponseWriter, r *http.Request) error {
	if err := s.needPetitions(); err != nil {
		return err
	}
	page := &portalPetitionShow{Lookup: true}
	code := http.StatusOK
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
		if err := r.ParseForm(); err != nil {
			return apperr.New(apperr.Invalid, "Biểu mẫu tra cứu không hợp lệ.")
		}
		page.Code = strings.TrimSpace(r.PostForm.Get("ma"))
		ten, err := s.portalTenant(r.Context())
		if err != nil {
			return err
		}
		switch {
		case !s.lookupLimiter.Allow(clientIP(r), s.now()):
			page.Error, code = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút.", http.StatusTooManyRequests
			retryAfter(w, lookupRetry)
		default:
			p, evs, err := s.petitions.Follow(r.Context(), ten.ID, page.Code, r.PostForm.Get("pin"))
			if apperr.CodeOf(err) == apperr.NotFound {
				page.Error, code = apperr.As(err).Message, http.StatusNotFound
			} else if err != nil {
				return err
			} else {
				page.P, page.Events, page.Lookup = p, evs, false
				page.Next = s.petitionNext(r, ten.ID, p)
				if s.petScreens != nil && p.Status == petition.StatusResolved {
					page.Download, page.PIN = true, r.PostForm.Get("pin")
				}
			}
		}
		w.Header().Set("Cache-Control", "no-store")
	}
	if page.Lookup {
		s.renderPortal(w, r, code, "petition_lookup", page)
		return nil
	}
	s.renderPortal(w, r, code, "petition_show", page)
	return nil
}
