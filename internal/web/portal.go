package web

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/eid"
	"tuphap/internal/external/payment"
	"tuphap/internal/org"
	"tuphap/internal/portal"
)

// PortalConfig configures the citizens' portal (issue 6). The public
// catalogue and look-up work without it; sign-in, filing and payment need
// it.
type PortalConfig struct {
	Service *portal.Service
	Store   portal.Store
	// EID signs citizens in (nil: sign-in is not offered).
	EID eid.Provider
	// Payments is the payment gateway (nil: no online payment).
	Payments payment.Gateway
	// TenantCode names the tenant the portal serves; empty: the first.
	TenantCode string
	// BaseURL is the portal's public absolute URL, for return URLs.
	BaseURL string
	// Mounts are extra handlers mounted under a path prefix ("/idp-sim/",
	// "/pay-sim/"): the local simulators, only when enabled.
	Mounts map[string]http.Handler
	// Secret keys the signed sign-in cookie (32 random bytes if empty).
	Secret []byte
	// LookupLimit is the public look-ups allowed per client address per
	// 10 minutes (0: 30). Raise it only behind a proxy that many citizens
	// share, or for load tests.
	LookupLimit int
	// Agency is the kind of agency the portal's tenant is (empty: a
	// Department of Justice). The portal files online only the procedures
	// that kind of agency resolves; judicial record certificates when the
	// rules in force name it competent (judicialrecord.Versions).
	Agency catalog.Agency
}

// Cookie names of the portal: the citizen's session (apart from the
// officers' one) and the short-lived cookie of a sign-in in progress.
const (
	citizenCookie = "tuphap_citizen"
	oidcCookie    = "tuphap_eid"
)

type citizenKeyT struct{}

var citizenKey citizenKeyT

func citizenFrom(ctx context.Context) *portal.Citizen {
	c, _ := ctx.Value(citizenKey).(*portal.Citizen)
	return c
}

//go:embed portal_templates/*.html
var portalAssets embed.FS

var portalFuncs = template.FuncMap{
	"date":     fmtDate,
	"datetime": func(t time.Time) string { return t.In(vnZone).Format("15:04 02/01/2006") },
	"optdate": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(vnZone).Format("15:04 02/01/2006")
	},
	"pdate": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return fmtDate(*t)
	},
	"vnd":      portal.FormatVND,
	"shortref": portal.ShortRef,
	"num":      fmtInt,
	"add":      func(a, b int) int { return a + b },
	"kb":       func(n int64) string { return fmtKB(n) },
	"tlabel":   portal.TypeLabel,
	"short":    func(s string) string { return s[:min(len(s), 16)] },
	"seq3":     func() []int { return []int{0, 1, 2} },
	"reqOnline": func(d catalog.Document) bool {
		return portal.RequiredOnline(d)
	},
}

func fmtKB(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%s KB", fmtInt(int((n+1023)/1024)))
	}
	return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
}

// parsePortalPages parses the portal's layout with each portal page.
func parsePortalPages() (map[string]*template.Template, error) {
	return parseLayoutPages(portalAssets, "portal_templates", portalFuncs)
}

// PortalPage is what every portal template receives.
type PortalPage struct {
	Title   string
	Citizen *portal.Citizen
	CSRF    string
	Nav     string
	Flash   string
	Tenant  org.Tenant
	SignIn  bool // whether sign-in is offered
	Data    any
}

var portalFlashes = map[string]string{
	"signed-in":     "Đăng nhập thành công bằng tài khoản định danh điện tử.",
	"signed-out":    "Bạn đã đăng xuất.",
	"draft-saved":   "Đã lưu bản nháp. Bạn có thể quay lại hoàn thiện sau tại “Hồ sơ của tôi”.",
	"file-added":    "Đã tải tệp lên.",
	"file-removed":  "Đã xóa tệp.",
	"submitted":     "Đã nộp hồ sơ trực tuyến. Ghi lại số tham chiếu bên dưới; mã hồ sơ và mã tra cứu được gửi cho bạn khi Bộ phận Một cửa tiếp nhận.",
	"rated":         "Cảm ơn bạn đã đánh giá mức độ hài lòng.",
	"payment-ok":    "Thanh toán thành công.",
	"payment-retry": "Giao dịch chưa thành công; bạn có thể thanh toán lại.",
	"withdrawn":     "Đã rút hồ sơ theo yêu cầu của bạn.",
	"supplemented":  "Đã gửi giấy tờ bổ sung; hồ sơ được tiếp tục giải quyết.",
}

// renderPortal renders a portal page into a buffer first.
func (s *Server) renderPortal(w http.ResponseWriter, r *http.Request, code int, name string, data pageData) {
	t, ok := s.portalPages[name]
	if !ok {
		s.log.Error("unknown portal template", "name", name)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	p := &PortalPage{Title: data.title(), Citizen: citizenFrom(r.Context()), Nav: name, Data: data,
		SignIn: s.portalCfg != nil && s.portalCfg.EID != nil}
	if p.Citizen != nil {
		p.CSRF = p.Citizen.CSRF
	}
	if ten, err := s.portalTenant(r.Context()); err == nil {
		p.Tenant = ten
	}
	if c, err := r.Cookie("tuphap_flash"); err == nil {
		p.Flash = portalFlashes[c.Value]
		http.SetCookie(w, &http.Cookie{Name: "tuphap_flash", Path: "/", MaxAge: -1})
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.log.Error("portal template failed", "name", name, "error", err)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// portalTenant is the tenant the portal serves.
func (s *Server) portalTenant(ctx context.Context) (org.Tenant, error) {
	code := ""
	if s.portalCfg != nil {
		code = s.portalCfg.TenantCode
	}
	if code != "" {
		t, err := s.db.Org().TenantByCode(ctx, code)
		if errors.Is(err, apperr.ErrNotFound) {
			return t, apperr.New(apperr.Unavailable, "Cổng dịch vụ công chưa được cấu hình cơ quan phục vụ.")
		}
		return t, err
	}
	ts, err := s.db.Org().Tenants(ctx)
	if err != nil {
		return org.Tenant{}, err
	}
	if len(ts) == 0 {
		return org.Tenant{}, apperr.New(apperr.Unavailable, "Cổng dịch vụ công chưa có cơ quan nào sử dụng.")
	}
	return ts[0], nil
}

// citizenRoute adapts a portal handler: it resolves the citizen's session
// (never the officers'), checks the citizen's CSRF token on form posts
// (multipart uploads check it themselves after reading the body), renders
// errors in the portal's layout and records metrics.
func (s *Server) citizenRoute(pattern string, h handlerFunc) http.Handler {
	// The upload routes stream their multipart bodies (a part at a time,
	// within their size limits) and check the form's token themselves, as
	// they meet it; every other POST is checked here, multipart or not.
	streams := streamingUploads[pattern]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec, ok := w.(*statusRecorder)
		if !ok {
			rec = &statusRecorder{ResponseWriter: w, status: 200}
		}
		err := s.authenticateCitizen(w, r)
		if err == nil && r.Method == http.MethodPost && !(streams && isMultipart(r)) && citizenFrom(r.Context()) != nil {
			var token string
			if token, err = citizenFormToken(r); err == nil {
				err = s.checkCitizenCSRF(r, token)
			}
		}
		if err == nil {
			err = h(rec, r)
		}
		if err != nil {
			s.renderPortalError(rec, r, err)
		}
		s.metrics.observe(pattern, rec.status, time.Since(start))
	})
}

// streamingUploads are the citizen routes that read a multipart body as a
// stream and check its CSRF token themselves (draftUpload,
// mySupplementUpload, verifyUpload).
var streamingUploads = map[string]bool{
	"POST /ho-so-nhap/{id}":                 true, // the filing page's one form (draftWholeForm)
	"POST /ho-so-nhap/{id}/tep":             true,
	"POST /ho-so-cua-toi/{ref}/bo-sung/tep": true,
	"POST /xac-thuc/{id}":                   true,
	// Legal aid (portal_legalaid.go, laParse).
	"POST /tro-giup-phap-ly/yeu-cau":               true,
	"POST /tro-giup-phap-ly/cua-toi/{id}/tai-lieu": true,
}

func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}

func (s *Server) authenticateCitizen(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg == nil || s.portalCfg.Service == nil {
		return nil
	}
	c, err := r.Cookie(citizenCookie)
	if err != nil {
		return nil
	}
	cit, err := s.portalCfg.Service.Authenticate(r.Context(), c.Value)
	if errors.Is(err, apperr.ErrNotFound) {
		http.SetCookie(w, &http.Cookie{Name: citizenCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
		return nil
	}
	if err != nil {
		return err
	}
	*r = *r.WithContext(context.WithValue(r.Context(), citizenKey, &cit))
	return nil
}

// checkCitizenCSRF compares the form's token with the
// citizen's session token. Without a session there is nothing to forge.
func (s *Server) checkCitizenCSRF(r *http.Request, token string) error {
	c := citizenFrom(r.Context())
	if c == nil {
		return nil
	}
	if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(c.CSRF)) != 1 {
		return apperr.New(apperr.Forbidden, "Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.")
	}
	return nil
}

// citizenFormToken reads the CSRF token of a citizen's form, urlencoded or
// multipart, within the form size limit.
func citizenFormToken(r *http.Request) (string, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxFormBytes)
	if isMultipart(r) {
		if err := r.ParseMultipartForm(maxFormBytes); err != nil {
			return "", formError(err)
		}
	} else if err := r.ParseForm(); err != nil {
		return "", formError(err)
	}
	return r.PostFormValue("csrf"), nil
}

// requireCitizen sends a browser without a citizen session to sign in.
func (s *Server) requireCitizen(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.portalCfg == nil || s.portalCfg.Service == nil {
			return apperr.New(apperr.NotFound, "Cổng dịch vụ công trực tuyến chưa được bật.")
		}
		if citizenFrom(r.Context()) == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/dang-nhap?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return nil
			}
			return apperr.New(apperr.Unauthorized, "Vui lòng đăng nhập bằng tài khoản định danh điện tử để tiếp tục.")
		}
		return h(w, r)
	}
}

type portalErrorPage struct {
	Status    int
	Message   string
	RequestID string
}

func (p *portalErrorPage) title() string { return (&errorPage{Status: p.Status}).title() }

// renderPortalError renders an error in the portal's layout.
func (s *Server) renderPortalError(w http.ResponseWriter, r *http.Request, err error) {
	if !wantsHTML(r) {
		s.renderError(w, r, err)
		return
	}
	e := apperr.As(err)
	code := status(e.Code)
	rid := requestID(r.Context())
	if code >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", slog.String("request_id", rid), slog.String("path", r.URL.Path), slog.Any("error", err))
	}
	s.renderPortal(w, r, code, "error", &portalErrorPage{Status: code, Message: e.Message, RequestID: rid})
}

// safePortalNext keeps a post-sign-in redirect inside the portal.
func safePortalNext(next string) string {
	const home = "/ho-so-cua-toi"
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/admin") || len(next) > 500 {
		return home
	}
	// Browsers drop tabs and newlines in a Location and read "\" as "/":
	// "/\t/evil.example" would leave the site.
	for _, c := range next {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return home
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(u.Path, "//") {
		return home
	}
	return next
}

// signValue and openValue protect the sign-in cookie (state, nonce, PKCE
// verifier, next page) against tampering.
func (s *Server) signValue(v string) string {
	m := hmac.New(sha256.New, s.portalSecret)
	m.Write([]byte(v))
	return v + "~" + hex.EncodeToString(m.Sum(nil))
}

func (s *Server) openValue(signed string) (string, bool) {
	i := strings.LastIndexByte(signed, '~')
	if i < 0 {
		return "", false
	}
	v := signed[:i]
	return v, hmac.Equal([]byte(s.signValue(v)), []byte(signed))
}

// portalActor is the signed-in citizen as a dossier actor.
func portalActor(r *http.Request) dossier.Actor {
	return citizenFrom(r.Context()).Actor(clientIP(r))
}

// initPortal prepares the portal's templates, keys and limiter.
func (s *Server) initPortal(cfg *PortalConfig) error {
	pages, err := parsePortalPages()
	if err != nil {
		return err
	}
	if cfg != nil && cfg.Agency != "" && !cfg.Agency.Valid() {
		return fmt.Errorf("web: portal agency %q: want department, provincial_police or commune", cfg.Agency)
	}
	s.portalPages, s.portalCfg = pages, cfg
	if cfg != nil && cfg.Service != nil && cfg.Service.Receipts == nil {
		// Online payments get the same e-receipt as the desk's, the tenant
		// being the collecting organisation.
		cfg.Service.Receipts = func(ctx context.Context, fr dossier.FeeRequest) (dossier.FeeReceipt, error) {
			t, err := s.db.Org().Tenant(ctx, fr.TenantID)
			if err != nil {
				return dossier.FeeReceipt{}, err
			}
			fr.Collector = t.Name
			return s.receipts.Issue(ctx, fr)
		}
	}
	s.portalSecret = make([]byte, 32)
	if cfg != nil && len(cfg.Secret) >= 32 {
		s.portalSecret = cfg.Secret
	} else {
		rand.Read(s.portalSecret)
	}
	// 30 look-ups per client address per 10 minutes: enough for a family
	// following several dossiers, far too few to guess 6-digit PINs.
	limit := 30
	if cfg != nil && cfg.LookupLimit > 0 {
		limit = cfg.LookupLimit
	}
	s.lookupLimiter = &auth.RateLimiter{Limit: limit, Window: 10 * time.Minute}
	// 10 failed look-ups of one dossier code an hour, from any address.
	s.lookupCodeLimiter = &auth.RateLimiter{Limit: 10, Window: time.Hour}
	return nil
}
