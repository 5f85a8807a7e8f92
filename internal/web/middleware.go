package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/web/kit"
)

// handlerFunc is an HTTP handler that returns its error for one adapter to
// render.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Cookie names. The session cookie is HttpOnly and SameSite=Lax; the
// sign-in form's CSRF cookie pairs with a hidden field (double submit).
const (
	sessionCookie = "tuphap_session"
	loginCSRF     = "tuphap_login_csrf"
)

// maxFormBytes bounds every form and JSON body the back office accepts.
const maxFormBytes = 1 << 20

// outer wraps every request: request ID, security headers, panic recovery,
// access log and metrics.
func (s *Server) outer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		r = s.withClientIP(r)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		r = r.WithContext(ctx)
		h := w.Header()
		h.Set("X-Request-Id", id)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action "+s.formAction()+"; base-uri 'none'")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if s.secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		defer func() {
			if p := recover(); p != nil {
				s.log.ErrorContext(ctx, "panic", "request_id", id, "panic", p, "path", r.URL.Path)
				if !rec.wrote {
					s.renderError(rec, r, apperr.New(apperr.Internal, "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau."))
				}
			}
			d := time.Since(start)
			s.log.LogAttrs(ctx, slog.LevelInfo, "request", slog.String("request_id", id), slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.Int("status", rec.status), slog.Duration("duration", d), slog.String("ip", clientIP(r)))
		}()
		next.ServeHTTP(rec, r)
	})
}

// formAction is the CSP form-action source list: tuphap itself and the
// origins a form's answer redirects the browser to, the identity
// provider's (sign-in, sign-out) and the payment gateway's. Without them
// the browser refuses the redirect that follows the form.
func (s *Server) formAction() string {
	src := []string{"'self'"}
	if s.portalCfg != nil {
		if s.portalCfg.EID != nil {
			src = append(src, s.portalCfg.EID.Origins()...)
		}
		if o, ok := s.portalCfg.Payments.(interface{ Origins() []string }); ok {
			src = append(src, o.Origins()...)
		}
	}
	return strings.Join(src, " ")
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wrap adapts a handlerFunc: it resolves the principal (session cookie or
// bearer token), checks CSRF on state-changing requests made with a
// session, records metrics per route pattern and renders returned errors.
func (s *Server) wrap(pattern string, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec, ok := w.(*statusRecorder)
		if !ok {
			rec = &statusRecorder{ResponseWriter: w, status: 200}
		}
		err := s.authenticate(r)
		if err == nil {
			err = s.checkCSRF(r)
		}
		if err == nil {
			err = h(rec, r)
		}
		switch {
		case err != nil && clientGone(r):
			// Nobody is listening: no answer, no error in the log or the
			// error rate. 499 is nginx's "client closed request".
			rec.status = statusClientClosed
			s.log.InfoContext(r.Context(), "client went away", slog.String("request_id", requestID(r.Context())),
				slog.String("path", r.URL.Path), slog.Any("error", err))
		case err != nil:
			s.renderError(rec, r, err)
		}
		s.metrics.observe(pattern, rec.status, time.Since(start))
	})
}

// statusClientClosed is logged and counted for a request whose client
// disconnected before the answer (nginx's 499).
const statusClientClosed = 499

// clientGone reports whether the client of r went away: its context was
// cancelled (not timed out) while the server was still answering.
func clientGone(r *http.Request) bool {
	return errors.Is(r.Context().Err(), context.Canceled)
}

// authenticate attaches the principal of the request, if any.
func (s *Server) authenticate(r *http.Request) error {
	var p auth.Principal
	var err error
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return apperr.New(apperr.Unauthorized, "Tiêu đề Authorization phải có dạng: Bearer <mã truy cập>.")
		}
		p, err = s.auth.AuthenticateToken(r.Context(), strings.TrimSpace(token), s.now())
		if errors.Is(err, apperr.ErrNotFound) {
			return apperr.New(apperr.Unauthorized, "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
		}
	} else if c, cerr := r.Cookie(sessionCookie); cerr == nil {
		p, err = s.auth.Authenticate(r.Context(), c.Value, s.now())
		if errors.Is(err, apperr.ErrNotFound) {
			return nil // an expired session is simply signed out
		}
	} else {
		return nil
	}
	if err != nil {
		return err
	}
	*r = *r.WithContext(kit.WithPrincipal(r.Context(), &p))
	return nil
}

// checkCSRF refuses a state-changing request made with a session cookie
// unless it carries the session's CSRF token, in the form field "csrf" or
// the X-CSRF-Token header. Bearer-token requests carry no cookie and need
// none. http.CrossOriginProtection (routes.go) also refuses cross-site
// requests by their Sec-Fetch-Site and Origin headers.
func (s *Server) checkCSRF(r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	p := principalFrom(r.Context())
	if p == nil || p.SessionID == "" {
		return nil // the sign-in form checks its own token; others require sign-in
	}
	token := r.Header.Get("X-CSRF-Token")
	if token == "" && isMultipart(r) {
		// An upload form (a result PDF): the token is a part of the body,
		// read within the upload limit; the handler reads the file from
		// the parsed form.
		r.Body = http.MaxBytesReader(nil, r.Body, uploadLimit)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return uploadFormError(err)
		}
		token = r.PostFormValue("csrf")
	}
	if token == "" {
		r.Body = http.MaxBytesReader(nil, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			return formError(err)
		}
		token = r.PostFormValue("csrf")
	}
	if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(p.CSRFToken)) != 1 {
		return apperr.New(apperr.Forbidden, "Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang và thử lại.")
	}
	return nil
}

// require lets the request through only for a signed-in officer holding
// perm. A browser without a session is sent to the sign-in page.
func (s *Server) require(perm auth.Permission, h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p := principalFrom(r.Context())
		if p == nil {
			if wantsHTML(r) && r.Method == http.MethodGet {
				http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(safeNext(r.URL.RequestURI())), http.StatusSeeOther)
				return nil
			}
			return apperr.New(apperr.Unauthorized, "Vui lòng đăng nhập để tiếp tục.")
		}
		if !p.Can(perm) {
			return apperr.New(apperr.Forbidden, "Tài khoản của bạn không có quyền thực hiện chức năng này.")
		}
		return h(w, r)
	}
}

// static serves embedded assets with a long cache lifetime; a directory is
// never listed (Vietnamese 404).
func (s *Server) static(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			s.renderError(w, r, apperr.ErrNotFound)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

// wantsHTML reports whether the client is a browser rather than an API
// client.
func wantsHTML(r *http.Request) bool {
	return !strings.HasPrefix(r.URL.Path, "/api/")
}

// safeNext keeps a post-sign-in redirect inside the back office.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/admin/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/admin/"
	}
	return next
}
