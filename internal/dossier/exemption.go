package dossier

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
)

// ActExemptFee records that the desk exempted the dossier from its fee.
const ActExemptFee Action = "exempt_fee"

func init() { actionLabels[ActExemptFee] = "Miễn phí, lệ phí" }

// FeeExemption is the exemption of a dossier from its fee or charge, with
// the legal ground relied on (Law on Fees and Charges 2015 Art. 10: the
// exemptions are those the fee's own regulation lists), the fee waived and
// the officer who recorded it.
type FeeExemption struct {
	Ground string    `json:"ground"` // a code of FeeExemptionGrounds
	Label  string    `json:"label"`  // who is exempt, as recorded
	Basis  string    `json:"basis"`  // the legal document relied on
	Note   string    `json:"note,omitempty"`
	Amount int64     `json:"amount"` // the fee waived
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// ExemptionGround is a ground for exempting an applicant from a fee.
// Verified is false where research/ marks the source unverified: the desk
// sees the source to check it against the fee's circular.
type ExemptionGround struct {
	Code     string
	Label    string
	Basis    string
	Verified bool
	Source   string
}

// GroundOther lets the desk cite a ground the list lacks; the officer then
// names the legal document.
const GroundOther = "other"

// FeeExemptionGrounds are the grounds the desk picks from. Editable data:
// each names its source (research/catalog.md).
var FeeExemptionGrounds = []ExemptionGround{
	{Code: "child", Label: "Trẻ em", Basis: "Thông tư 244/2016/TT-BTC (phí cung cấp thông tin lý lịch tư pháp)",
		Source: "research/catalog.md: danh mục đối tượng miễn, giảm trên lltptructuyen.moj.gov.vn [M]"},
	{Code: "elderly", Label: "Người cao tuổi", Basis: "Thông tư 244/2016/TT-BTC (phí cung cấp thông tin lý lịch tư pháp)",
		Source: "research/catalog.md [M]"},
	{Code: "disabled", Label: "Người khuyết tật", Basis: "Thông tư 244/2016/TT-BTC (phí cung cấp thông tin lý lịch tư pháp)",
		Source: "research/catalog.md [M]"},
	{Code: "poor_household", Label: "Người thuộc hộ nghèo", Basis: "Thông tư 244/2016/TT-BTC (phí cung cấp thông tin lý lịch tư pháp)",
		Source: "research/catalog.md [M]"},
	{Code: "special_contribution", Label: "Người có công lao đặc biệt (nhập quốc tịch Việt Nam)", Basis: "Thông tư 281/2016/TT-BTC (lệ phí quốc tịch)",
		Verified: true, Source: "research/catalog.md, thủ tục 85 [S]"},
	{Code: "stateless_hardship", Label: "Người không quốc tịch có hoàn cảnh khó khăn, có xác nhận của Ủy ban nhân dân cấp xã", Basis: "Thông tư 281/2016/TT-BTC (lệ phí quốc tịch)",
		Verified: true, Source: "research/catalog.md, thủ tục 85 [S]"},
	{Code: "adoption_reregistration", Label: "Đăng ký lại việc nuôi con nuôi", Basis: "Nghị định 114/2016/NĐ-CP (lệ phí đăng ký nuôi con nuôi)",
		Verified: true, Source: "research/catalog.md, thủ tục 94 [S]"},
	{Code: GroundOther, Label: "Trường hợp khác được miễn theo văn bản quy phạm pháp luật", Basis: ""},
}

// ExemptionGroundByCode finds a ground.
func ExemptionGroundByCode(code string) (ExemptionGround, bool) {
	for _, g := range FeeExemptionGrounds {
		if g.Code == code {
			return g, true
		}
	}
	return ExemptionGround{}, false
}

// mayExempt checks that the desk may exempt the dossier now: a fee is due
// and not settled, and the dossier is accepted and not finished.
func mayExempt(d *Dossier, a Actor) error {
	switch {
	case !isDesk(a):
		return forbidden("Chỉ Bộ phận Một cửa ghi nhận miễn phí, lệ phí.")
	case d.Fee <= 0:
		return refuse("Hồ sơ không phải nộp phí, lệ phí.")
	case d.FeeExemption != nil:
		return refuse("Hồ sơ đã được ghi nhận miễn phí, lệ phí.")
	case FeeSettled(d):
		return refuse("Phí, lệ phí của hồ sơ đã được nộp; không ghi nhận miễn được nữa.")
	case d.AcceptedAt == nil || (d.Ended != "" && d.Ended != EndResult) || d.Status == Returned:
		return refuse("Chỉ ghi nhận miễn phí cho hồ sơ đã tiếp nhận, chưa kết thúc.")
	}
	return nil
}

// RecordExemption exempts the dossier from its fee on a ground of
// FeeExemptionGrounds; GroundOther needs the legal document named in
// basis. All mistakes are reported at once. A dossier waiting for its fee
// (status 6) resumes processing.
func RecordExemption(d *Dossier, ground, basis, note string, a Actor, now time.Time) (Event, error) {
	if err := mayExempt(d, a); err != nil {
		return Event{}, err
	}
	basis, note = strings.TrimSpace(basis), strings.TrimSpace(note)
	var bad apperr.FieldList
	g, ok := ExemptionGroundByCode(ground)
	switch {
	case !ok:
		bad.Add("ground", "Cần chọn căn cứ miễn phí, lệ phí trong danh sách.")
	case g.Code == GroundOther && utf8.RuneCountInString(basis) < 10:
		bad.Add("basis", "Trường hợp khác: ghi rõ văn bản quy phạm pháp luật cho miễn (số, ký hiệu, điều khoản).")
	case g.Code != GroundOther:
		basis = g.Basis
	}
	if utf8.RuneCountInString(basis) > 300 {
		bad.Add("basis", "Căn cứ pháp lý tối đa 300 ký tự.")
	}
	if utf8.RuneCountInString(note) > 500 {
		bad.Add("note", "Ghi chú tối đa 500 ký tự.")
	}
	if err := bad.Err(); err != nil {
		return Event{}, err
	}
	d.FeeExemption = &FeeExemption{Ground: g.Code, Label: g.Label, Basis: basis, Note: note, Amount: d.Fee, By: a.Name, At: now}
	ev := Event{At: now, Action: ActExemptFee, ActorID: a.ID, Actor: a.Name, UnitCode: a.UnitCode, From: d.Status,
		Detail: "Miễn phí, lệ phí " + groupDigits(d.Fee) + " đồng: " + g.Label + "; căn cứ: " + basis}
	if d.Status == FeeWaiting {
		d.Status = Processing
	}
	ev.To = d.Status
	return ev, nil
}

// ExemptFee records the exemption; keep, when set, writes the reporting
// row in the same transaction.
func (s *Service) ExemptFee(ctx context.Context, a Actor, tenantID, codeOrID, ground, basis, note string,
	keep func(ctx context.Context, tx Tx, d *Dossier) error) (Dossier, error) {
	var d Dossier
	err := s.Store.Transact(ctx, func(tx Tx) error {
		var err error
		d, err = tx.LockDossier(ctx, tenantID, codeOrID)
		if err != nil {
			return err
		}
		ev, err := RecordExemption(&d, ground, basis, note, a, tx.Now())
		if err != nil {
			return err
		}
		if err := tx.SaveDossier(ctx, &d); err != nil {
			return err
		}
		if keep != nil {
			if err := keep(ctx, tx, &d); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, &d, ev, a)
	})
	return d, err
}
