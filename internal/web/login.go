package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/org"
)

type loginPage struct {
	Tenants    []org.Tenant
	TenantCode string
	Username   string
	Next       string
	Error      string
	LoginCSRF  string
}

func (*loginPage) title() string { return "Đăng nhập" }

// loginForm shows the sign-in form with a fresh double-submit CSRF token.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if principalFrom(r.Context()) != nil {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return nil
	}
	return s.showLogin(w, r, http.StatusOK, &loginPage{Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, code int, p *loginPage) error {
	tenants, err := s.db.Org().Tenants(r.Context())
	if err != nil {
		return err
	}
	p.Tenants = tenants
	if p.TenantCode == "" && len(tenants) > 0 {
		p.TenantCode = tenants[0].Code
	}
	p.LoginCSRF = auth.NewSecret()
	http.SetCookie(w, &http.Cookie{Name: loginCSRF, Value: p.LoginCSRF, Path: "/admin/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	s.renderPage(w, r, code, "login", p)
	return nil
}

// deviceCookie holds the known-device token (auth.Service.DeviceToken).
const deviceCookie = "tuphap_device"

// loginSubmit checks the credentials and opens a session.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	c, err := r.Cookie(loginCSRF)
	token := r.PostFormValue("csrf")
	if err != nil || token == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(token)) != 1 {
		return apperr.New(apperr.Forbidden, "Biểu mẫu đăng nhập đã hết hạn hoặc thiếu mã chống giả mạo. Vui lòng tải lại trang đăng nhập.")
	}
	page := &loginPage{TenantCode: r.PostFormValue("tenant"), Username: r.PostFormValue("username"), Next: safeNext(r.PostFormValue("next"))}
	if !s.loginLimiter.Allow(clientIP(r), s.now()) {
		page.Error = "Quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau ít phút."
		retryAfter(w, s.loginLimiter.Window)
		return s.showLogin(w, r, http.StatusTooManyRequests, page)
	}
	var device string
	if c, err := r.Cookie(deviceCookie); err == nil {
		device = c.Value
	}
	cookie, p, err := s.auth.Login(r.Context(), auth.LoginRequest{
		TenantCode: page.TenantCode, Username: page.Username, Password: r.PostFormValue("password"),
		TOTPCode: r.PostFormValue("totp"), IP: clientIP(r), Device: device,
	})
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) && (ae.Code == apperr.Unauthorized || ae.Code == apperr.TooMany) {
			page.Error = ae.Message
			return s.showLogin(w, r, status(ae.Code), page)
		}
		return err
	}
	// The browser is now a known device of this officer (issue 12 §6).
	if tok := s.auth.DeviceToken(p.TenantID, p.OfficerID); tok != "" {
		http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: tok, Path: "/admin/login", HttpOnly: true,
			Secure: s.secure, SameSite: http.SameSiteStrictMode, MaxAge: 180 * 24 * 3600})
	}
	http.SetCookie(w, &http.Cookie{Name: loginCSRF, Path: "/admin/", MaxAge: -1})
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: cookie, Path: "/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: int(auth.SessionMax / time.Second)})
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
	return nil
}

// logout ends the session. It needs the session's CSRF token (checked by
// wrap) so a cross-site form cannot sign an officer out.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if p := principalFrom(r.Context()); p != nil && p.SessionID != "" {
		if err := s.auth.Logout(r.Context(), *p, clientIP(r)); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure})
	return s.redirectFlash(w, r, "/admin/login", "logged-out")
}
