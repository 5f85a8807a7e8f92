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
	// Kind chooses the letter drawn in this layout: Mẫu 05 (the zero
	// value), a written refusal after appraisal, or the return of a dossier
	// not supplemented in time.
	Kind StopKind
}

// StopKind is a letter that ends processing, in Mẫu 05's layout.
type StopKind string

const (
	// StopProcessing is Mẫu 05 itself.
	StopProcessing StopKind = ""
	// StopRefusal: resolution refused in writing, with its reason, after
	// appraisal (Decree 118/2025/NĐ-CP Art. 19(3)).
	StopRefusal StopKind = "refusal"
	// StopIncomplete: the dossier returned, with this slip, because the
	// applicant did not supplement it in time (Art. 19(5)).
	StopIncomplete StopKind = "incomplete"
)

// Stop draws Mẫu 05.
func (r *Renderer) Stop(s StopNotice) ([]byte, error) {
	if err := require("stop notice", map[string]string{
		"Code": s.Code, "Applicant.FullName": s.Applicant.FullName, "Procedure": s.Procedure, "Reason": s.Reason,
	}, map[string]time.Time{"At": s.At}); err != nil {
		return nil, err
	}
	title, subject := "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Mẫu 05 - Thông tư 03/2025/TT-VPCP"
	agency := s.Agency.inText()
	receiver := agency
	if s.Agency.Receiver != "" {
		receiver = s.Agency.Receiver
	}
	decision := agency + " thông báo dừng giải quyết hồ sơ nêu trên."
	switch s.Kind {
	case StopRefusal:
		title, subject = "VĂN BẢN TỪ CHỐI GIẢI QUYẾT HỒ SƠ", "Nghị định 118/2025/NĐ-CP, Điều 19 khoản 3"
		decision = "Sau khi thẩm định, " + agency + " từ chối giải quyết hồ sơ nêu trên. Ông/bà nhận lại hồ sơ và văn bản này tại " + receiver + "."
	case StopIncomplete:
		title, subject = "PHIẾU TRẢ LẠI HỒ SƠ", "Nghị định 118/2025/NĐ-CP, Điều 19 khoản 5"
		decision = "Quá thời hạn bổ sung, hoàn thiện hồ sơ theo yêu cầu mà ông/bà chưa bổ sung, hoàn thiện; " + receiver +
			" trả lại hồ sơ cho ông/bà cùng phiếu này."
	}
	m := meta{title: title, subject: subject, author: agency, date: s.At}
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
		d.text(bodyFirst, plain(received+receiver+" tiếp nhận hồ sơ của ông/bà, mã hồ sơ "), bold(s.Code),
			plain(", đề nghị giải quyết thủ tục hành chính: "), bold(s.Procedure), plain("."))
		if s.Agency.Address != "" {
			d.field("Địa chỉ nơi tiếp nhận và trả kết quả:", plain(s.Agency.Address))
		}
		d.text(bodyFirst, plain(decision))
		d.text(bodyFirst, plain("Lý do: "+s.Reason))
		d.text(bodyFirst, plain("Xin thông báo để ông/bà được biết./."))

		d.closing(orDefault(s.Recipients, []string{"Như trên;", "Lưu: VT."}),
			signature{title: orDefault1(s.SignerTitle, "THỦ TRƯỞNG CƠ QUAN"), hint: "(Ký, ghi rõ họ tên và đóng dấu)", name: s.Signer})
		return nil
	})
}
