package web

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html/template"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/portal"
	"tuphap/internal/render"
)

type mineRow struct {
	D        dossier.Dossier
	Ref      string
	Short    string // portal.ShortRef, shown before the dossier has a code
	NextStep string
}

type draftRow struct {
	D    portal.Draft
	Name string
}

type minePage struct {
	Citizen  portal.Identity
	Dossiers []mineRow
	Drafts   []draftRow
}

func (*minePage) title() string { return "Hồ sơ của tôi" }

// dossierRef is how the portal names a dossier in URLs: its code once
// accepted, its ID before.
func dossierRef(d *dossier.Dossier) string {
	if d.Code != "" {
		return d.Code
	}
	return d.ID
}

// myDossiers lists the signed-in citizen's dossiers (by the ID number from
// the e-ID, never from a form) and open drafts.
func (s *Server) myDossiers(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	list, err := s.db.Dossiers().DossiersOf(r.Context(), c.TenantID, c.Identity.IDNumber, 100)
	if err != nil {
		return err
	}
	drafts, err := s.portalCfg.Store.Drafts(r.Context(), c.TenantID, c.Identity.IDNumber)
	if err != nil {
		return err
	}
	page := &minePage{Citizen: c.Identity}
	for _, d := range list {
		page.Dossiers = append(page.Dossiers, mineRow{D: d, Ref: dossierRef(&d), Short: portal.ShortRef(d.ID), NextStep: portal.NextStep(&d)})
	}
	for _, d := range drafts {
		name := d.ProcedureID
		if p, ok := catalog.Find(s.catalog, d.ProcedureID, calendar.DateOf(s.now())); ok {
			name = p.Name
		}
		page.Drafts = append(page.Drafts, draftRow{D: d, Name: name})
	}
	s.renderPortal(w, r, http.StatusOK, "mine", page)
	return nil
}

type myDossierPage struct {
	D        dossier.Dossier
	Ref      string
	Events   []dossier.Event
	NextStep string
	Files    []portal.File
	DocNames map[int]string
	Payments []portal.Payment
	Results  []portal.Result
	// Letters are the signed letters sent to the applicant (letters.go).
	Letters []dossier.Letter
	CanPay  bool
	CanRate bool
	// QR codes (PNG data URIs) of the results' verification pages and of
	// the public look-up, as printed on the slip.
	ResultQR map[string]template.URL
	LookupQR template.URL
	PayOff   bool // the fee is due but no gateway is configured
	// The citizen's own actions: withdrawing the dossier, answering a
	// request to supplement it (portal_supplement.go).
	CanWithdraw   bool
	Supplement    *dossier.Supplement // the request being answered
	SupplFiles    []portal.SupplementFile
	SupplRound    int
	CanSupplement bool
	Error         string // a refusal of the citizen's last action
	// Post is the consignment carrying the result by post (delivery.go).
	Post lookupResult
}

func (p *myDossierPage) title() string {
	if p.D.Code == "" {
		return "Hồ sơ " + portal.ShortRef(p.D.ID)
	}
	return "Hồ sơ " + p.Ref
}

// myDossier shows one of the citizen's dossiers.
func (s *Server) myDossier(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	ref := r.PathValue("ref")
	if portal.IsShortRef(ref) {
		// The short reference typed by the applicant: among their own dossiers.
		list, err := s.db.Dossiers().DossiersOf(r.Context(), c.TenantID, c.Identity.IDNumber, 100)
		if err != nil {
			return err
		}
		for _, d := range list {
			if strings.EqualFold(portal.ShortRef(d.ID), strings.TrimSpace(ref)) {
				ref = d.ID
				break
			}
		}
	}
	d, evs, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, ref)
	if err != nil {
		return err
	}
	return s.showMyDossier(w, r, http.StatusOK, d, evs, "")
}

// showMyDossier renders the citizen's dossier page, with msg as the
// refusal of an action when it is not empty.
func (s *Server) showMyDossier(w http.ResponseWriter, r *http.Request, code int, d dossier.Dossier, evs []dossier.Event, msg string) error {
	c := citizenFrom(r.Context())
	var err error
	if evs, err = s.citizenEvents(r, c.TenantID, evs); err != nil {
		return err
	}
	page := &myDossierPage{Error: msg, D: d, Ref: dossierRef(&d), Events: evs, NextStep: portal.NextStep(&d), DocNames: map[int]string{}}
	if dr, err := s.portalCfg.Store.DraftOfDossier(r.Context(), c.TenantID, d.ID); err == nil {
		page.Files = dr.Files
		if p, ok := catalog.Find(s.catalog, dr.ProcedureID, calendar.DateOf(d.SubmittedAt)); ok {
			for i, doc := range p.Documents {
				page.DocNames[i] = doc.Name
			}
		}
	} else if !errors.Is(err, apperr.ErrNotFound) {
		return err
	}
	if page.Payments, err = s.portalCfg.Store.Payments(r.Context(), c.TenantID, d.ID); err != nil {
		return err
	}
	if page.Results, err = s.portalCfg.Store.Results(r.Context(), c.TenantID, d.ID); err != nil {
		return err
	}
	unpaid := d.Fee > 0 && !d.PaidOnline && d.Ended == "" && d.Status != dossier.ResultReady && d.Status != dossier.Returned
	page.CanPay = unpaid && s.portalCfg.Payments != nil
	page.PayOff = unpaid && s.portalCfg.Payments == nil
	page.CanRate = d.Status == dossier.Returned && d.Rating == nil
	page.ResultQR = map[string]template.URL{}
	for _, res := range page.Results {
		page.ResultQR[res.ID] = qrDataURI(s.portalCfg.BaseURL + "/xac-thuc/" + res.ID)
	}
	if d.Code != "" && d.LookupPIN != "" {
		page.LookupQR = qrDataURI(s.portalCfg.BaseURL + "/tra-cuu?ma=" + url.QueryEscape(d.Code))
	}
	if err := s.supplementPart(r, page); err != nil {
		return err
	}
	if err := s.postLookup(r.Context(), &d, &page.Post); err != nil {
		return err
	}
	if page.Letters, err = s.citizenLetters(r, c.TenantID, d.ID); err != nil { // letters.go
		return err
	}
	s.renderPortal(w, r, code, "mydossier", page)
	return nil
}

// lookupResult is what the public look-up reveals: no name, no ID number,
// no documents; only what a slip's holder needs to follow the dossier.
type lookupResult struct {
	Code          string `json:"code"`
	ProcedureName string `json:"procedure_name"`
	Status        int    `json:"status"`
	StatusName    string `json:"status_name"`
	ReceivedAt    string `json:"received_at,omitempty"` // dd/mm/yyyy
	DueDate       string `json:"due_date,omitempty"`    // dd/mm/yyyy
	// NewDueDate is the new appointment of an apology letter (Mẫu 04).
	NewDueDate string `json:"new_due_date,omitempty"` // dd/mm/yyyy
	NextStep   string `json:"next_step"`
	PaidOnline bool   `json:"paid_online"`
	// The consignment carrying the result by post (delivery.go).
	PostCarrier  string `json:"post_carrier,omitempty"`
	PostTracking string `json:"post_tracking,omitempty"`
	PostStatus   string `json:"post_status,omitempty"`
}

// errLookup is the one answer to an unknown code, a wrong PIN and a
// missing PIN alike, so that the look-up tells nothing about which codes
// exist.
func errLookup() error {
	return apperr.New(apperr.NotFound, "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập. Vui lòng kiểm tra lại hai mã in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.")
}

// lookup finds a dossier by code and PIN, rate limited per client address
// and, for failed attempts, per dossier code (so that guessing one code's
// PIN from many addresses stops too, issue 12 §6).
func (s *Server) lookup(r *http.Request, code, pin string) (res lookupResult, err error) {
	if !s.lookupLimiter.Allow(clientIP(r), s.now()) {
		return lookupResult{}, apperr.New(apperr.TooMany, "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút.")
	}
	code, pin = strings.ToUpper(strings.TrimSpace(code)), strings.TrimSpace(pin)
	if code == "" || len(code) > 64 || len(pin) > 16 {
		return lookupResult{}, errLookup()
	}
	if s.lookupCodeLimiter.Exceeded(code, s.now()) {
		return lookupResult{}, apperr.New(apperr.TooMany, "Mã hồ sơ này đã được tra cứu sai mã tra cứu quá nhiều lần. Vui lòng thử lại sau 1 giờ hoặc liên hệ Bộ phận Một cửa.")
	}
	defer func() {
		if apperr.CodeOf(err) == apperr.NotFound {
			s.lookupCodeLimiter.Allow(code, s.now())
		}
	}()
	ten, err := s.portalTenant(r.Context())
	if err != nil {
		return lookupResult{}, err
	}
	d, err := s.dossier.Store.Dossier(r.Context(), ten.ID, code)
	if errors.Is(err, apperr.ErrNotFound) {
		// Compare anyway, so an unknown code costs what a known one does.
		subtle.ConstantTimeCompare([]byte(pin), []byte("000000"))
		return lookupResult{}, errLookup()
	}
	if err != nil {
		return lookupResult{}, err
	}
	// Only by code (not by internal ID), and only with the PIN.
	ok := subtle.ConstantTimeCompare([]byte(pin), []byte(d.LookupPIN)) == 1
	if !ok || d.LookupPIN == "" || pin == "" || d.Code != code {
		return lookupResult{}, errLookup()
	}
	res = lookupResult{Code: d.Code, ProcedureName: d.ProcedureName, Status: int(d.Status), StatusName: d.Status.Name(),
		NextStep: portal.NextStep(&d), PaidOnline: d.PaidOnline}
	if d.AcceptedAt != nil {
		res.ReceivedAt = fmtDate(*d.AcceptedAt)
	}
	if d.DueAt != nil {
		res.DueDate = fmtDate(*d.DueAt)
	}
	if d.Apology != nil && d.Status.Open() {
		res.NewDueDate = fmtDate(d.Apology.NewDueAt)
	}
	return res, s.postLookup(r.Context(), &d, &res)
}

// lookupRetry is what a refused look-up is told to wait.
const lookupRetry = 10 * time.Minute

type lookupPage struct {
	Code, PIN string
	Asked     bool
	Result    *lookupResult
	Error     string
	// PINInURL is set when a link carried the PIN: it is ignored and the
	// citizen types it (the PIN never travels in an address).
	PINInURL bool
}

func (*lookupPage) title() string { return "Tra cứu hồ sơ" }

// lookupShow is the public look-up form; the receipt slip's QR code points
// here as /tra-cuu?ma=<code>, which fills the code in. The PIN is typed and
// sent by POST, never in the address: a pin= in the address is ignored.
func (s *Server) lookupShow(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page := &lookupPage{Code: q.Get("ma"), PINInURL: q.Has("pin")}
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.renderPortal(w, r, http.StatusOK, "lookup", page)
	return nil
}

// lookupSubmit is POST /tra-cuu (form fields ma, pin).
func (s *Server) lookupSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu tra cứu không hợp lệ.")
	}
	page := &lookupPage{Code: r.PostForm.Get("ma"), Asked: true}
	status := http.StatusOK
	res, err := s.lookup(r, page.Code, r.PostForm.Get("pin"))
	if err != nil {
		e := apperr.As(err)
		if e.Code != apperr.NotFound && e.Code != apperr.TooMany {
			return err
		}
		page.Error, status = e.Message, http.StatusNotFound
		if e.Code == apperr.TooMany {
			status = http.StatusTooManyRequests
			retryAfter(w, lookupRetry)
		}
	} else {
		page.Result = &res
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.renderPortal(w, r, status, "lookup", page)
	return nil
}

// apiLookup is POST /api/v1/lookup with {"code": ..., "pin": ...} (JSON) or
// the same as form fields; never in the query string.
func (s *Server) apiLookup(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Code string `json:"code"`
		PIN  string `json:"pin"`
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return apperr.New(apperr.Invalid, "Nội dung yêu cầu không phải JSON hợp lệ.")
		}
	} else {
		if err := r.ParseForm(); err != nil {
			return apperr.New(apperr.Invalid, "Nội dung yêu cầu không hợp lệ.")
		}
		in.Code, in.PIN = r.PostForm.Get("code"), r.PostForm.Get("pin")
	}
	res, err := s.lookup(r, in.Code, in.PIN)
	if apperr.CodeOf(err) == apperr.TooMany {
		retryAfter(w, lookupRetry)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, res)
}

// qrDataURI is a QR code of text as a PNG data URI (the CSP allows data:
// images), or "" if it cannot be made.
func qrDataURI(text string) template.URL {
	b, err := render.QRPNG(text, 160)
	if err != nil {
		return ""
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b))
}

// unitCodeRe finds the tokens of an event's detail that may be unit codes
// (MOTCUA, CA_TINH, P.HCTP).
var unitCodeRe = regexp.MustCompile(`[A-Z0-9][A-Z0-9_.\-]*[A-Z0-9]`)

// unknownUnitRe is "; đơn vị: CODE" left after the names were put in.
var unknownUnitRe = regexp.MustCompile(`; đơn vị: [A-Z0-9][A-Z0-9_.\-]*[A-Z0-9](;|$)`)

// citizenEvents is the timeline as a citizen may read it: unit codes in the
// details become the units' names (officers' user names are never there:
// only the action and its detail are shown).
func (s *Server) citizenEvents(r *http.Request, tenantID string, evs []dossier.Event) ([]dossier.Event, error) {
	units, err := s.db.Org().Units(r.Context(), tenantID)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(units))
	for _, u := range units {
		names[u.Code] = u.Name
	}
	out := make([]dossier.Event, 0, len(evs))
	for _, ev := range evs {
		if dossier.InternalLetterEvent(ev.Action) {
			continue // a letter's drafts are the officers' (letters.go)
		}
		ev.Detail = unitCodeRe.ReplaceAllStringFunc(ev.Detail, func(tok string) string {
			if n, ok := names[tok]; ok {
				return n
			}
			return tok
		})
		// A code of no known unit (a step's unit the tenant has not set
		// up) is dropped rather than shown.
		ev.Detail = unknownUnitRe.ReplaceAllString(ev.Detail, "$1")
		// Who acted on whose step inside the agency is the officers' record.
		if i := strings.Index(ev.Detail, "Làm thay người giữ bước"); i >= 0 {
			ev.Detail = strings.TrimSuffix(strings.TrimSpace(ev.Detail[:i]), ";")
		}
		ev.Actor, ev.ActorID, ev.UnitCode = "", "", ""
		out = append(out, ev)
	}
	return out, nil
}
