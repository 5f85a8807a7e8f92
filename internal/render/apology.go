package render

// Mẫu 04 – Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (apology
// and request to extend the processing time), Annex I to Circular
// 03/2025/TT-VPCP, which renamed Mẫu 04 of Circular 01/2018/TT-VPCP ("Phiếu
// xin lỗi và hẹn lại ngày trả kết quả"). Content as in the 2018 form: to the
// applicant; when and what was received; the original appointment; that the
// result is not ready and why; the apology; the new date. The unit at fault
// is named because lateness is attributed to it (Decree 118/2025/NĐ-CP, as
// Decree 61/2018/NĐ-CP before it).

import (
	"fmt"
	"time"
)

// Apology is the content of Mẫu 04.
type Apology struct {
	Agency
	Number      string // số văn bản: "15/STP-HCTP" (optional)
	Code        string // mã hồ sơ
	Applicant   Person
	Procedure   string
	ReceivedAt  time.Time
	OriginalDue time.Time // the appointment on the receipt
	NewDue      time.Time // the proposed new appointment
	Reason      string    // why the dossier is late
	UnitAtFault string    // the unit (or agency) whose step overran
	Signer      string    // full name
	SignerTitle string    // capacity, e.g. "GIÁM ĐỐC" or "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"; default "THỦ TRƯỞNG CƠ QUAN"
	Recipients  []string  // Nơi nhận; default "Như trên;" and "Lưu: VT."
	At          time.Time // date of the letter
	QR          string    // lookup URL; none when empty
}

// Apology draws Mẫu 04.
func (r *Renderer) Apology(s Apology) ([]byte, error) {
	if err := require("apology", map[string]string{
		"Code": s.Code, "Applicant.FullName": s.Applicant.FullName, "Procedure": s.Procedure, "Reason": s.Reason,
	}, map[string]time.Time{"ReceivedAt": s.ReceivedAt, "OriginalDue": s.OriginalDue, "NewDue": s.NewDue, "At": s.At}); err != nil {
		return nil, err
	}
	const title = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN\nTHỜI GIAN GIẢI QUYẾT"
	m := meta{title: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", subject: "Mẫu 04 - Thông tư 03/2025/TT-VPCP", author: s.Agency.inText(), date: s.At}
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
		receiver := agency
		if s.Agency.Receiver != "" {
			receiver = s.Agency.Receiver
		}
		d.text(bodyFirst, plain(fmt.Sprintf("Ngày %s, %s tiếp nhận hồ sơ của ông/bà, mã hồ sơ ",
			dayDate(s.ReceivedAt), receiver)), bold(s.Code), plain(", đề nghị giải quyết thủ tục hành chính: "),
			bold(s.Procedure), plain("."))
		if s.Agency.Address != "" {
			d.field("Địa chỉ nơi tiếp nhận và trả kết quả:", plain(s.Agency.Address))
		}
		d.text(bodyFirst, plain("Thời hạn trả kết quả giải quyết hồ sơ theo quy định là "+slipTime(s.OriginalDue)+
			", nhưng đến nay hồ sơ của ông/bà chưa được giải quyết xong."))
		d.text(bodyFirst, plain("Lý do: "+s.Reason))
		if s.UnitAtFault != "" {
			d.text(bodyFirst, plain("Cơ quan, đơn vị để hồ sơ chậm giải quyết: "+s.UnitAtFault+"."))
		}
		d.text(bodyFirst, plain("Sự chậm trễ này đã gây phiền hà cho ông/bà. "+agency+
			" trân trọng xin lỗi ông/bà và đề nghị được gia hạn thời gian giải quyết hồ sơ; kết quả giải quyết hồ sơ sẽ được trả cho ông/bà vào "),
			bold(slipTime(s.NewDue)), plain("."))
		d.text(bodyFirst, plain("Xin trân trọng cảm ơn sự hợp tác của ông/bà./."))

		d.closing(orDefault(s.Recipients, []string{"Như trên;", "Lưu: VT."}),
			signature{title: orDefault1(s.SignerTitle, "THỦ TRƯỞNG CƠ QUAN"), hint: "(Ký, ghi rõ họ tên và đóng dấu)", name: s.Signer})
		return nil
	})
}

// dayDate formats "21/11/2026".
func dayDate(t time.Time) string {
	t = t.In(ict)
	return fmt.Sprintf("%02d/%02d/%04d", t.Day(), int(t.Month()), t.Year())
}

func orDefault(v, def []string) []string {
	if len(v) == 0 {
		return def
	}
	return v
}

func orDefault1(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
