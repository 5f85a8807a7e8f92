package render

// Mẫu 03 – Phiếu từ chối tiếp nhận giải quyết hồ sơ (refusal to accept the
// dossier), Annex I to Circular 03/2025/TT-VPCP; content as in Mẫu 03 of
// Circular 01/2018/TT-VPCP: the desk, the applicant and the request, the
// statement that after checking the request against the rules in force the
// desk refuses to accept it, the concrete reason, and the receiving officer.

import "time"

// Refusal is the content of Mẫu 03.
type Refusal struct {
	Agency
	Applicant Person
	Procedure string
	Reason    string
	Officer   string // receiving officer's full name
	At        time.Time
	QR        string // optional link, e.g. to the procedure's public page; none when empty
}

// Refuse draws Mẫu 03.
func (r *Renderer) Refuse(s Refusal) ([]byte, error) {
	if err := require("refusal", map[string]string{
		"Applicant.FullName": s.Applicant.FullName, "Procedure": s.Procedure, "Reason": s.Reason,
	}, map[string]time.Time{"At": s.At}); err != nil {
		return nil, err
	}
	const title = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
	m := meta{title: title, subject: "Mẫu 03 - Thông tư 03/2025/TT-VPCP", author: s.Agency.inText(), date: s.At}
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, true, "", s.At)
		d.title(title)
		if s.QR != "" {
			line := [][]span{{italic("Quét mã QR hoặc truy cập " + siteOf(s.QR) + " để xem hướng dẫn thủ tục hành chính.")}}
			if err := d.codeBand(line, s.QR, 22); err != nil {
				return err
			}
		}
		d.receiverFields(s.Agency)
		d.applicant("Tiếp nhận hồ sơ của:", s.Applicant)
		d.field("Nội dung yêu cầu giải quyết:", bold(s.Procedure))
		d.gap(1)
		d.text(bodyFirst, plain("Sau khi xem xét, đối chiếu yêu cầu của hồ sơ với quy định hiện hành, "+
			s.Agency.receiver()+" từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"))
		d.text(bodyFirst, plain(s.Reason))
		d.text(bodyFirst, plain("Xin thông báo cho ông/bà được biết và thực hiện./."))

		d.closing(nil, signature{title: "NGƯỜI TIẾP NHẬN HỒ SƠ", hint: "(Ký và ghi rõ họ tên)", name: s.Officer})
		return nil
	})
}
