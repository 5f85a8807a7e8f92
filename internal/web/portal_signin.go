package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
)

type signInPage struct {
	Next string
}

func (*signInPage) title() string { return "Đăng nhập" }

// citizenSignIn explains the e-ID sign-in and offers it.
func (s *Server) citizenSignIn(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg == nil || s.portalCfg.EID == nil {
		return apperr.New(apperr.Unavailable, "Đăng nhập bằng tài khoản định danh điện tử chưa được cấu hình trên hệ thống này.")
	}
	next := safePortalNext(r.URL.Query().Get("next"))
	if citizenFrom(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	s.renderPortal(w, r, http.StatusOK, "signin", &signInPage{Next: next})
	return nil
}

// citizenSignInStart sends the browser to the identity provider with a
// fresh state, nonce and PKCE verifier, kept in a signed, short-lived,
// HttpOnly cookie scoped to the sign-in paths.
func (s *Server) citizenSignInStart(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg == nil || s.portalCfg.EID == nil {
		return apperr.New(apperr.Unavailable, "Đăng nhập bằng tài khoản định danh điện tử chưa được cấu hình trên hệ thống này.")
	}
	state, nonce, verifier := auth.NewSecret(), auth.NewSecret(), auth.NewSecret()
	next := safePortalNext(r.URL.Query().Get("next"))
	// After a sign-out on this browser the provider must ask again, even
	// if it still holds a session of its own (a shared counter computer).
	_, noRelogin := r.Cookie(reloginCookie)
	to, err := s.portalCfg.EID.AuthCodeURL(r.Context(), state, nonce, verifier, noRelogin == nil)
	if err != nil {
		return apperr.Wrap(apperr.Unavailable, "Không kết nối được hệ thống định danh điện tử. Vui lòng thử lại sau ít phút.", err)
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: s.signValue(strings.Join([]string{state, nonce, verifier, next}, "|")),
		Path: "/dang-nhap", MaxAge: 600, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, to, http.StatusFound)
	return nil
}

// citizenSignInDone is the redirect URL: it checks the state against the
// cookie, lets the provider adapter exchange the code and verify the ID
// token (signature, issuer, audience, expiry, nonce), then opens the
// citizen's session.
func (s *Server) citizenSignInDone(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg == nil || s.portalCfg.EID == nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy trang.")
	}
	refuse := func(msg string, cause error) error {
		// The reason, for whoever integrates the provider; it never holds
		// personal data (the claims' values are not in it).
		s.log.WarnContext(r.Context(), "e-ID sign-in refused", "request_id", requestID(r.Context()), "reason", cause.Error())
		return apperr.Wrap(apperr.Unauthorized, msg, cause)
	}
	c, err := r.Cookie(oidcCookie)
	if err != nil {
		return refuse("Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.", err)
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: "/dang-nhap", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	v, ok := s.openValue(c.Value)
	parts := strings.Split(v, "|")
	if !ok || len(parts) != 4 {
		return refuse("Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.", errors.New("bad sign-in cookie"))
	}
	state, nonce, verifier, next := parts[0], parts[1], parts[2], parts[3]
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1 {
		return refuse("Yêu cầu đăng nhập không khớp (state). Vui lòng đăng nhập lại.", errors.New("state mismatch"))
	}
	if q.Get("error") != "" {
		return refuse("Bạn đã hủy đăng nhập hoặc hệ thống định danh điện tử từ chối yêu cầu.", errors.New("provider error: "+q.Get("error")))
	}
	id, err := s.portalCfg.EID.Exchange(r.Context(), q.Get("code"), verifier, nonce)
	if err != nil {
		return refuse("Không xác thực được tài khoản định danh điện tử. Vui lòng đăng nhập lại.", err)
	}
	ten, err := s.portalTenant(r.Context())
	if err != nil {
		return err
	}
	token, _, err := s.portalCfg.Service.SignIn(r.Context(), ten.ID, id, clientIP(r))
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: citizenCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.SetCookie(w, &http.Cookie{Name: reloginCookie, Path: "/dang-nhap", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	return s.redirectFlash(w, r, safePortalNext(next), "signed-in")
}

// reloginCookie marks a browser whose citizen signed out: its next sign-in
// asks the provider for prompt=login.
const reloginCookie = "tuphap_eid_relogin"

// citizenSignOut ends the citizen's session here and then the provider's
// (RP-Initiated Logout, when the provider offers an end_session_endpoint),
// so that the next "Đăng nhập" on a shared computer asks for the person's
// credentials again; the browser also remembers to ask for prompt=login.
func (s *Server) citizenSignOut(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(citizenCookie); err == nil && s.portalCfg != nil && s.portalCfg.Service != nil {
		if err := s.portalCfg.Service.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: citizenCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.SetCookie(w, &http.Cookie{Name: reloginCookie, Value: "1", Path: "/dang-nhap", MaxAge: 30 * 24 * 3600, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	if s.portalCfg != nil && s.portalCfg.EID != nil {
		if to := s.portalCfg.EID.EndSessionURL(r.Context(), s.portalCfg.BaseURL+"/"); to != "" {
			http.Redirect(w, r, to, http.StatusSeeOther)
			return nil
		}
	}
	return s.redirectFlash(w, r, "/", "signed-out")
}
