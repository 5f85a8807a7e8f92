package web

import (
	"errors"
	"net/http"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/external/payment"
	"tuphap/internal/portal"
)

// payStart creates a payment of the dossier's fee and sends the citizen to
// the gateway.
func (s *Server) payStart(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg.Payments == nil {
		return apperr.New(apperr.Unavailable, "Cổng chưa kết nối dịch vụ thanh toán trực tuyến; vui lòng nộp phí tại Bộ phận Một cửa.")
	}
	c := citizenFrom(r.Context())
	p, err := s.portalCfg.Service.StartPayment(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	to, err := s.portalCfg.Payments.CheckoutURL(p, "Nộp phí, lệ phí hồ sơ "+dossierRef(&d)+" — "+d.ProcedureName, s.portalCfg.BaseURL+"/thanh-toan/ket-qua")
	if err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

type ipnResponse struct {
	Result  string `json:"result"`
	Changed bool   `json:"changed"`
	Status  string `json:"status"`
}

// apiPaymentCallback is the gateway's server-to-server notification (IPN).
// Only a notification whose HMAC-SHA256 signature verifies is read; its
// amount must be the payment's and the dossier's fee; a repeated or late
// notification changes nothing.
func (s *Server) apiPaymentCallback(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg == nil || s.portalCfg.Payments == nil {
		return apperr.New(apperr.NotFound, "Không có dịch vụ thanh toán.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	cb, err := s.portalCfg.Payments.Verify(r.PostForm)
	if errors.Is(err, payment.ErrSignature) {
		s.log.Warn("payment notification with a bad signature", "ip", clientIP(r))
		return apperr.Wrap(apperr.Forbidden, "Chữ ký của thông báo thanh toán không hợp lệ.", err)
	}
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "Thông báo thanh toán thiếu thông tin.", err)
	}
	ten, err := s.portalTenant(r.Context())
	if err != nil {
		return err
	}
	p, changed, err := s.portalCfg.Service.Confirm(r.Context(), ten.ID, cb, s.portalCfg.Payments.Name())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ipnResponse{Result: "ok", Changed: changed, Status: string(p.Status)})
}

// payReturn is where the gateway sends the browser back. It changes
// nothing (the IPN does); it checks the signature and shows the outcome.
func (s *Server) payReturn(w http.ResponseWriter, r *http.Request) error {
	if s.portalCfg.Payments == nil {
		return apperr.New(apperr.NotFound, "Không có dịch vụ thanh toán.")
	}
	cb, err := s.portalCfg.Payments.Verify(r.URL.Query())
	if err != nil {
		return apperr.Wrap(apperr.Forbidden, "Kết quả thanh toán không hợp lệ (sai chữ ký).", err)
	}
	c := citizenFrom(r.Context())
	p, err := s.portalCfg.Store.Payment(r.Context(), c.TenantID, cb.TxnRef)
	if err != nil || p.OwnerID != c.Identity.IDNumber {
		return apperr.New(apperr.NotFound, "Không tìm thấy giao dịch thanh toán.")
	}
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, p.DossierID)
	if err != nil {
		return err
	}
	if p.Status == portal.PaymentPaid {
		return s.redirectFlash(w, r, "/ho-so-cua-toi/"+dossierRef(&d)+"/bien-lai/"+p.ID, "payment-ok")
	}
	return s.redirectFlash(w, r, "/ho-so-cua-toi/"+dossierRef(&d), "payment-retry")
}

type receiptPage struct {
	P portal.Payment
	// R is the electronic receipt issued for the payment (its form,
	// series and number), when the e-receipt provider issued one.
	R         *dossier.FeeReceipt
	Ref       string
	Procedure string
	Payer     portal.Identity
	Gateway   string
}

func (*receiptPage) title() string { return "Biên lai thu phí, lệ phí điện tử" }

// payReceipt is the e-receipt of a paid payment, for its payer.
func (s *Server) payReceipt(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	p, err := s.portalCfg.Store.Payment(r.Context(), c.TenantID, r.PathValue("pay"))
	if err != nil || p.DossierID != d.ID || p.Status != portal.PaymentPaid {
		return apperr.New(apperr.NotFound, "Không tìm thấy biên lai.")
	}
	name := ""
	if s.portalCfg.Payments != nil {
		name = s.portalCfg.Payments.Name()
	}
	s.renderPortal(w, r, http.StatusOK, "receipt", &receiptPage{P: p, R: d.FeeReceipt, Ref: dossierRef(&d), Procedure: d.ProcedureName, Payer: c.Identity, Gateway: name})
	return nil
}
