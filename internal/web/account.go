package web

import (
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/org"
)

type accountPage struct {
	Officer    org.Officer
	TOTPSecret string
	TOTPQR     template.URL // data: URL of a PNG (a plain string is sanitised to #ZgotmplZ)
	Error      *apperr.Error
}

func (*accountPage) title() string { return "Tài khoản của tôi" }

// accountShow shows the officer's own account: password change and TOTP.
func (s *Server) accountShow(w http.ResponseWriter, r *http.Request) error {
	return s.showAccount(w, r, http.StatusOK, "", nil)
}

func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, code int, secret string, formErr *apperr.Error) error {
	p := principalFrom(r.Context())
	o, err := s.db.Org().Officer(r.Context(), p.TenantID, p.OfficerID)
	if err != nil {
		return err
	}
	page := &accountPage{Officer: o, Error: formErr}
	if !o.TOTPEnabled {
		if secret == "" {
			secret = auth.NewTOTPSecret()
		}
		page.TOTPSecret = secret
		uri := auth.TOTPURI("tuphap "+p.TenantCode, o.Username, secret)
		png, err := qrPNG(uri, 200)
		if err != nil {
			return err
		}
		page.TOTPQR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	s.renderPage(w, r, code, "account", page)
	return nil
}

// accountPassword changes the officer's own password.
func (s *Server) accountPassword(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	if r.PostFormValue("next") != r.PostFormValue("confirm") {
		return s.showAccount(w, r, http.StatusBadRequest, "", apperr.Field("confirm", "Mật khẩu nhập lại không khớp."))
	}
	err := s.auth.ChangePassword(r.Context(), *p, r.PostFormValue("current"), r.PostFormValue("next"), clientIP(r))
	if e := userError(err); e != nil {
		return s.showAccount(w, r, status(e.Code), "", e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/account", "password-saved")
}

// accountTOTP turns on the second factor after the officer types a code.
func (s *Server) accountTOTP(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	secret := r.PostFormValue("secret")
	if _, err := auth.TOTPCode(secret, 0); err != nil || len(secret) < 16 {
		return apperr.New(apperr.Invalid, "Khóa bí mật không hợp lệ. Vui lòng tải lại trang.")
	}
	err := s.auth.EnableTOTP(r.Context(), *p, r.PostFormValue("password"), r.PostFormValue("current_code"), secret, r.PostFormValue("code"), clientIP(r))
	var e *apperr.Error
	if errors.As(err, &e) && (e.Code == apperr.Invalid || e.Code == apperr.TooMany) {
		return s.showAccount(w, r, status(e.Code), secret, e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/account", "totp-enabled")
}

// accountTOTPDisable removes the officer's own second factor, with the
// current password and code.
func (s *Server) accountTOTPDisable(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	err := s.auth.DisableTOTP(r.Context(), *p, r.PostFormValue("password"), r.PostFormValue("current_code"), clientIP(r))
	if e := userError(err); e != nil {
		return s.showAccount(w, r, status(e.Code), "", e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/account", "totp-disabled")
}

// officerTOTPReset removes an officer's second factor on the
// administrator's word (a lost phone), audited.
func (s *Server) officerTOTPReset(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	o, err := s.db.Org().Officer(r.Context(), p.TenantID, r.PathValue("id"))
	if err != nil {
		return notFoundAs(err, "Không tìm thấy cán bộ.")
	}
	if err := s.auth.ResetTOTP(r.Context(), actor(r), o); err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/officers/"+o.ID, "totp-reset")
}

// qrPNG renders text as a QR code PNG.
func qrPNG(text string, size int) ([]byte, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	code, err = barcode.Scale(code, size, size)
	if err != nil {
		return nil, err
	}
	return encodePNG(code)
}
