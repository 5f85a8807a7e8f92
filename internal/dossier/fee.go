package dossier

import (
	"strings"
	"time"

	"tuphap/internal/apperr"
)

// FeeReceipt is the electronic receipt (biên lai điện tử) of the fee or
// charge collected for a dossier, with what a receipt states (Decree
// 123/2020/NĐ-CP Art. 32; Circular 78/2021/TT-BTC Art. 6: the receipt's
// form number and series, its number, the collecting organisation, the
// payer, the fee's name, the amount, the date). The form and series are
// the e-receipt provider's (package external/ereceipt).
type FeeReceipt struct {
	Form      string    `json:"form"`   // mẫu số biên lai
	Series    string    `json:"series"` // ký hiệu biên lai
	Number    string    `json:"number"` // số biên lai
	Collector string    `json:"collector"`
	Payer     string    `json:"payer"`
	PayerID   string    `json:"payer_id,omitempty"`       // the payer's ID number
	PayerTax  string    `json:"payer_tax_code,omitempty"` // an organisation's tax code
	FeeName   string    `json:"fee_name"`
	Amount    int64     `json:"amount"`
	IssuedAt  time.Time `json:"issued_at"`
	Provider  string    `json:"provider"`
	Online    bool      `json:"online,omitempty"`
	By        string    `json:"by,omitempty"` // the officer who collected it
}

// FeeRequest is what the e-receipt provider is asked to issue; Ref (the
// dossier's ID) makes the request idempotent.
type FeeRequest struct {
	TenantID                                          string
	Ref, Collector, Payer, PayerID, PayerTax, FeeName string
	Amount                                            int64
	Online                                            bool
}

// FeeSettled says whether the dossier owes nothing: no fee (none due, or
// exempt: the catalogue gives 0 for exempt applicants), or the fee paid
// online or at the desk against a receipt.
func FeeSettled(d *Dossier) bool {
	return d.Fee <= 0 || d.PaidOnline || d.FeeReceipt != nil || d.FeeExemption != nil
}

// feeOwed is the refusal to return a result while the fee is unpaid.
func feeOwed(d *Dossier) error {
	return apperr.New(apperr.Conflict, "Chưa trả kết quả: người nộp chưa nộp phí, lệ phí "+groupDigits(d.Fee)+
		" đồng. Thu phí và cấp biên lai trước khi trả kết quả.")
}

// FeeRequestFor is the receipt asked for the dossier's fee.
func FeeRequestFor(d *Dossier, collector string) FeeRequest {
	a := d.Applicant
	payer := a.FullName
	if a.Organisation != "" {
		payer = a.Organisation
	}
	return FeeRequest{TenantID: d.TenantID, Ref: d.ID, Collector: collector, Payer: payer, PayerID: a.IDNumber, PayerTax: a.TaxCode,
		FeeName: "Phí, lệ phí: " + d.ProcedureName, Amount: d.Fee}
}

// mayCollectFee checks that the desk may collect the dossier's fee now.
func mayCollectFee(d *Dossier, a Actor) error {
	switch {
	case !isDesk(a):
		return forbidden("Chỉ Bộ phận Một cửa thu phí, lệ phí và cấp biên lai.")
	case d.Fee <= 0:
		return refuse("Hồ sơ không phải nộp phí, lệ phí.")
	case d.FeeExemption != nil:
		return refuse("Hồ sơ được miễn phí, lệ phí (" + d.FeeExemption.Label + "); không thu phí.")
	case FeeSettled(d):
		return refuse("Phí, lệ phí của hồ sơ đã được nộp; biên lai đã cấp.")
	case d.AcceptedAt == nil || (d.Ended != "" && d.Ended != EndResult) || d.Status == Returned:
		return refuse("Chỉ thu phí của hồ sơ đã tiếp nhận, chưa kết thúc.")
	}
	return nil
}

// RecordFee records the receipt of the fee collected at the desk. A dossier
// waiting for its fee (status 6) resumes processing.
func RecordFee(d *Dossier, r FeeReceipt, a Actor, now time.Time) (Event, error) {
	if err := mayCollectFee(d, a); err != nil {
		return Event{}, err
	}
	if r.Amount != d.Fee || strings.TrimSpace(r.Number) == "" || r.Form == "" || r.Series == "" {
		return Event{}, apperr.New(apperr.Invalid, "Biên lai không hợp lệ: thiếu mẫu số, ký hiệu, số hoặc số tiền khác phí của hồ sơ.")
	}
	r.By = a.Name
	ev := Event{At: now, Action: ActPayFee, ActorID: a.ID, Actor: a.Name, UnitCode: a.UnitCode, From: d.Status,
		Detail: "Thu phí, lệ phí " + groupDigits(r.Amount) + " đồng; biên lai mẫu số " + r.Form + ", ký hiệu " + r.Series + ", số " + r.Number}
	if d.Status == FeeWaiting {
		d.Status = Processing
	}
	d.FeeReceipt = &r
	ev.To = d.Status
	return ev, nil
}
