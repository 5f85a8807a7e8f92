package render

// Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (request to complete the
// dossier), Annex I to Circular 03/2025/TT-VPCP; content as in Mẫu 02 of
// Circular 01/2018/TT-VPCP: whose dossier and which request, what must be
// added or corrected, why, whom to ask, and the officer who gave the
// guidance. The deadline line is printed when a deadline is set.

import "time"

// SupplementRequest is the content of Mẫu 02.
type SupplementRequest struct {
	Agency
	Code      string // mã hồ sơ (optional: a dossier refused at the counter has none)
	Applicant Person
	Procedure string
	Items     []string // what to add or correct, one per entry
	Reason    string
	Deadline  *time.Time // optional deadline for the supplement
	Officer   string     // the officer who gives the guidance
	At        time.Time  // date of the request
	QR        string     // lookup URL; none when empty
}

// Supplement draws Mẫu 02.
func (r *Renderer) Supplement(s SupplementRequest) ([]byte, error) {
	if err := require("supplement request", map[string]string{
		"Applicant.FullName": s.Applicant.FullName, "Procedure": s.Procedure,
	}, map[string]time.Time{"At": s.At}); err != nil {
		return nil, err
	}
	const title = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
	m := meta{title: title, subject: "Mẫu 02 - Thông tư 03/2025/TT-VPCP", author: s.Agency.inText(), date: s.At}
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, true, "", s.At)
		d.title(title)
		if err := d.codeBand(lookupLines(s.Code, "", s.QR), s.QR, 22); err != nil {
			return err
		}
		if s.Agency.Receiver != "" {
			d.receiverFields(s.Agency)
		}
		d.field("Hồ sơ của:", bold(s.Applicant.FullName))
		d.field("Nội dung yêu cầu giải quyết:", bold(s.Procedure))
		d.field("Số định danh cá nhân:", plain(s.Applicant.IDNumber))
		d.field("Địa chỉ:", plain(s.Applicant.Address))
		d.contact(s.Applicant.Phone, s.Applicant.Email)
		d.gap(1)
		d.text(body, plain("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:"))
		if len(s.Items) == 0 {
			d.text(bodyLeft, plain("........................................................................................................"))
		}
		d.numbered(s.Items)
		d.field("Lý do:", plain(s.Reason))
		if s.Deadline != nil && !s.Deadline.IsZero() {
			d.text(bodyLeft, plain("Thời hạn bổ sung, hoàn thiện hồ sơ: trước "), bold(slipTime(*s.Deadline)))
		}
		d.gap(1)
		d.text(body, plain(contactSentence(s.Officer, s.Agency)))

		d.closing(nil, signature{title: "NGƯỜI HƯỚNG DẪN", hint: "(Ký và ghi rõ họ tên)", name: s.Officer})
		return nil
	})
}

// contactSentence tells the applicant whom to ask while completing the dossier.
func contactSentence(officer string, a Agency) string {
	s := "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với "
	if officer != "" {
		s += "công chức " + officer
	} else {
		s += a.receiver()
	}
	if a.Phone != "" {
		s += ", số điện thoại " + a.Phone
	}
	return s + " để được hướng dẫn."
}
