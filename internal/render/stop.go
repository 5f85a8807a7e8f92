package render

// Mẫu 05 – Thông báo dừng giải quyết hồ sơ (notice that processing of the
// dossier is stopped), a form new in Annex I to Circular 03/2025/TT-VPCP; it
// had no counterpart in Circular 01/2018/TT-VPCP. Content: to the applicant;
// the dossier (code, receipt date, request); that processing stops; why.

import (
	"fmt"
	"time"
)

// StopNotice is the content of Mẫu 05.
type StopNotice struct {
	Agency
	Number      string // số văn bản (optional)
	Code        string // mã hồ sơ
	Applicant   Person
	Procedure   string
	ReceivedAt  time.Time // optional: when the dossier was received
	Reason      string
	Signer      string
	SignerTitle string   // default "THỦ TRƯỞNG CƠ QUAN"
	Recipients  []string // Nơi nhận; default "Như trên;" and "Lưu: VT."
	At          time.Time
	QR          string // lookup URL; none when empty
}

// Stop draws Mẫu 05.
func (r *Renderer) Stop(s StopNotice) ([]byte, error) {
	if err := require("stop notice", map[string]string{
		"Code": s.Code, "Applicant.FullName": s.Applicant.FullName, "Procedure": s.Procedure, "Reason": s.Reason,
	}, map[string]time.Time{"At": s.At}); err != nil {
		return nil, err
	}
	const title = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
	m := meta{title: title, subject: "Mẫu 05 - Thông tư 03/2025/TT-VPCP", author: s.Agency.inText(), date: s.At}
	agency := s.Agency.inText()
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, false, s.Number, s.At)
		d.title(title)
		if err := d.codeBand(lookupLines(s.Code, "", s.QR), s.QR, 22); err != nil {
			return err
		}
		d.text(flow{size: 14, lineH: 7, align: 'C'}, plain("Kính gửi: "), bold("Ông/Bà "+s.Applicant.FullName))
		d.field("Địa chỉ:", plain(s.Applicant.Address))
		d.gap(2)
		received := ""
		if !s.ReceivedAt.IsZero() {
			received = fmt.Sprintf("Ngày %s, ", dayDate(s.ReceivedAt))
		}
		d.text(bodyFirst, plain(received+agency+" tiếp nhận hồ sơ của ông/bà, mã hồ sơ "), bold(s.Code),
			plain(", đề nghị giải quyết thủ tục hành chính: "), bold(s.Procedure), plain("."))
		d.text(bodyFirst, plain(agency+" thông báo dừng giải quyết hồ sơ nêu trên."))
		d.text(bodyFirst, plain("Lý do: "+s.Reason))
		d.text(bodyFirst, plain("Xin thông báo để ông/bà được biết./."))

		d.closing(orDefault(s.Recipients, []string{"Như trên;", "Lưu: VT."}),
			signature{title: orDefault1(s.SignerTitle, "THỦ TRƯỞNG CƠ QUAN"), hint: "(Ký, ghi rõ họ tên và đóng dấu)", name: s.Signer})
		return nil
	})
}
