package dossier

import (
	"strings"
	"time"
	"tuphap/internal/vnfmt"

	"tuphap/internal/apperr"
)

// PayOnline records that the dossier's fee was paid online through a payment
// gateway (the service-quality index counts such dossiers, Decision
// 766/QĐ-TTg, indicator 3.6). The amount must be the dossier's fee. A
// dossier waiting for its fee (status 6) resumes processing, as ActPayFee;
// otherwise (a fee paid when filing online) only the record changes. It
// returns the event to append.
func PayOnline(d *Dossier, amount int64, ref string, a Actor, now time.Time) (Event, error) {
	if amount <= 0 || amount != d.Fee {
		return Event{}, apperr.New(apperr.Invalid, "Số tiền thanh toán không khớp với phí, lệ phí của hồ sơ.")
	}
	if d.PaidOnline {
		return Event{}, refuse("Phí, lệ phí của hồ sơ đã được thanh toán trực tuyến.")
	}
	ev := Event{At: now, Action: ActPayFee, ActorID: a.ID, Actor: a.Name, From: d.Status,
		Detail: "Thanh toán trực tuyến " + groupDigits(amount) + " đồng; mã giao dịch " + strings.TrimSpace(ref)}
	if d.Status == FeeWaiting {
		d.Status = Processing
	}
	d.PaidOnline = true
	ev.To = d.Status
	return ev, nil
}

func groupDigits(n int64) string { return vnfmt.Int(n) }
