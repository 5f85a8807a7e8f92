package web

import (
	"net/http"
	"net/url"

	"tuphap/internal/render"
)

// dossierExemptFee records that the dossier is exempt from its fee, with
// the legal ground (issue 14 item 5).
func (s *Server) dossierExemptFee(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	d, evs, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	nd, err := s.dossier.ExemptFee(r.Context(), dossierActor(r), p.TenantID, d.ID,
		r.PostFormValue("ground"), r.PostFormValue("basis"), r.PostFormValue("note"), s.db.FeeExemptions().Keep)
	if e := userError(err); e != nil {
		return s.showDossier(w, r, status(e.Code), d, evs, e)
	}
	if err != nil {
		return err
	}
	if s.nudge != nil {
		s.nudge()
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&nd)), "fee-exempted")
}

// feeReceiptSlip is the printed e-receipt of the dossier's fee.
func feeReceiptSlip(m slipMapper) render.FeeReceipt {
	rc := m.d.FeeReceipt
	return render.FeeReceipt{Agency: m.agency, Form: rc.Form, Series: rc.Series, Number: rc.Number, Collector: rc.Collector,
		Payer: rc.Payer, PayerID: rc.PayerID, PayerTax: rc.PayerTax, PayerAddress: m.d.Applicant.Address, Code: m.d.Code,
		FeeName: rc.FeeName, Amount: rc.Amount, IssuedAt: rc.IssuedAt, Online: rc.Online, By: m.names.officer(rc.By), Provider: rc.Provider}
}
