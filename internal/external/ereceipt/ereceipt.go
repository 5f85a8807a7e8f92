// Package ereceipt issues electronic receipts of fees and charges (biên lai
// điện tử, Decree 123/2020/NĐ-CP, Circular 78/2021/TT-BTC) through an
// e-receipt provider. Simulator stands in for a provider: it numbers the
// receipts of one form and series in order, and answers a repeated request
// (same reference) with the receipt already issued.
package ereceipt

import (
	"context"
	"fmt"
	"sync"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
)

// Issuer is an e-receipt provider.
type Issuer interface {
	Issue(ctx context.Context, r dossier.FeeRequest) (dossier.FeeReceipt, error)
}

// Simulator is a local e-receipt provider for the demo and tests. Form and
// Series are the receipt's form number and series symbol as the tenant
// registered them with the tax office; the defaults are examples in the
// shape of Circular 78/2021/TT-BTC (unverified against a registered form).
type Simulator struct {
	Form, Series string
	Now          func() time.Time

	mu     sync.Mutex
	last   int
	issued map[string]dossier.FeeReceipt
}

// Issue numbers a receipt, or returns the one already issued for r.Ref.
func (s *Simulator) Issue(ctx context.Context, r dossier.FeeRequest) (dossier.FeeReceipt, error) {
	if r.Ref == "" || r.Amount <= 0 || r.Payer == "" || r.FeeName == "" {
		return dossier.FeeReceipt{}, apperr.New(apperr.Invalid, "Yêu cầu cấp biên lai thiếu người nộp, tên phí hoặc số tiền.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rc, ok := s.issued[r.Ref]; ok {
		return rc, nil
	}
	if s.issued == nil {
		s.issued = map[string]dossier.FeeReceipt{}
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	form, series := s.Form, s.Series
	if form == "" {
		form = "01BLP0-001"
	}
	if series == "" {
		series = "BL-" + fmt.Sprintf("%02d", now().Year()%100) + "E"
	}
	s.last++
	rc := dossier.FeeReceipt{Form: form, Series: series, Number: fmt.Sprintf("%07d", s.last), Collector: r.Collector, Payer: r.Payer,
		PayerID: r.PayerID, PayerTax: r.PayerTax, FeeName: r.FeeName, Amount: r.Amount, IssuedAt: now().UTC(), Provider: "mô phỏng",
		Online: r.Online}
	s.issued[r.Ref] = rc
	return rc, nil
}
