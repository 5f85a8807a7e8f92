package web

import (
	"io"
	"net/http"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/org"
	"tuphap/internal/signature"
)

// The officers' registered signing certificates (issue 25 item 3): a
// result counts as signed only with the agency's certificate or one of
// these (signature.Trusted). A remote-signing certificate is registered on
// the officer's first signature through the service (letters.go); a USB
// token's, by the administrator here, from the certificate file the
// officer exports from his token.

type signersPage struct {
	Identities []signature.Identity
	Officers   []org.Officer
	CanManage  bool
	Error      *apperr.Error
}

func (*signersPage) title() string { return "Chứng thư số của người ký" }

func (s *Server) signerList(w http.ResponseWriter, r *http.Request) error {
	return s.showSigners(w, r, http.StatusOK, nil)
}

func (s *Server) showSigners(w http.ResponseWriter, r *http.Request, code int, e *apperr.Error) error {
	p := principalFrom(r.Context())
	ids, err := s.db.Signing().Identities(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	officers, err := s.db.Org().Officers(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	var active []org.Officer
	for _, o := range officers {
		if o.Active {
			active = append(active, o)
		}
	}
	s.renderPage(w, r, code, "signers", &signersPage{Identities: ids, Officers: active, CanManage: p.Can(auth.ManageOrg), Error: e})
	return nil
}

// signerRegister registers a USB token's certificate for an officer.
func (s *Server) signerRegister(w http.ResponseWriter, r *http.Request) error {
	err := s.registerToken(w, r)
	if e := userError(err); e != nil {
		return s.showSigners(w, r, status(e.Code), e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/chung-thu", "signer-registered")
}

func (s *Server) registerToken(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return apperr.Field("file", "Tệp chứng thư số quá lớn hoặc không đọc được (tối đa 1 MB).")
	}
	officers, err := s.db.Org().Officers(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	var officer *org.Officer
	for i := range officers {
		if officers[i].ID == r.PostFormValue("officer") && officers[i].Active {
			officer = &officers[i]
		}
	}
	if officer == nil {
		return apperr.Field("officer", "Chọn cán bộ sử dụng chứng thư số.")
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return apperr.Field("file", "Chọn tệp chứng thư số (.cer, .crt) xuất từ USB token.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return apperr.Field("file", "Không đọc được tệp chứng thư số.")
	}
	c, err := signature.ParseCertificate(data)
	if err != nil {
		return err
	}
	if s.now().After(c.NotAfter) {
		return apperr.Field("file", "Chứng thư số đã hết hạn ngày "+fmtDate(c.NotAfter)+".")
	}
	id := signature.IdentityOf(c, "token")
	id.TenantID, id.OfficerID, id.Username = p.TenantID, officer.ID, officer.Username
	added, err := s.db.Signing().RegisterIdentity(r.Context(), id, audit.Entry{ActorID: p.OfficerID, Actor: p.Username, IP: clientIP(r)})
	if err != nil {
		return err
	}
	if !added {
		return apperr.New(apperr.Conflict, "Chứng thư số này đã được đăng ký (hoặc đã bị thu hồi); không đăng ký lại.")
	}
	return nil
}

// signerRevoke revokes a registered certificate.
func (s *Server) signerRevoke(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	err := s.db.Signing().RevokeIdentity(r.Context(), p.TenantID, r.PathValue("fp"), audit.Entry{ActorID: p.OfficerID, Actor: p.Username, IP: clientIP(r)})
	if err != nil {
		return notFoundAs(err, "Không tìm thấy chứng thư số đang có hiệu lực này.")
	}
	return s.redirectFlash(w, r, "/admin/chung-thu", "signer-revoked")
}
