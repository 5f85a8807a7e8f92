package render

// Phiếu lý lịch tư pháp số 1 and số 2 (judicial record certificates No. 1
// and No. 2), in the layout of the certificate forms issued with the
// judicial-record circulars (last Circular 06/2024/TT-BTP; the form numbers
// were not checked against the text): the header, "Số: …/LLTP", the title,
// the legal bases, "XÁC NHẬN:" with the person's particulars, the
// conviction status (Art. 42 for No. 1, Art. 43 for No. 2 of Law
// 28/2009/QH12), the ban status when stated, the signature, and a QR code
// to the public verification page.

import (
	"fmt"
	"strings"
	"time"
)

// CertificatePerson is the person the certificate is about.
type CertificatePerson struct {
	FullName    string
	OtherName   string
	Sex         string
	BirthDate   string
	BirthPlace  string
	Nationality string
	Ethnicity   string
	IDLabel     string // "Số định danh cá nhân" or "Số hộ chiếu"
	IDNumber    string
	Permanent   string
	Temporary   string
	Father      string
	Mother      string
	Spouse      string
}

// CertificateConviction is one conviction as printed.
type CertificateConviction struct {
	Court, JudgmentNo, JudgmentDate string
	Offence, Article, Sentence      string
	Additional, Completed, Expunged string
}

// JudicialCertificate is the content of a certificate.
type JudicialCertificate struct {
	Agency
	Form        int // 1 or 2
	Number      string
	At          time.Time
	Person      CertificatePerson
	Convictions []CertificateConviction
	// BanStated: the certificate states the ban situation; Bans lists them
	// (none: "Không bị cấm …").
	BanStated   bool
	Bans        []string
	RequestedBy string // No. 2: the procedural body or the person
	Purpose     string
	Signer      string
	SignerTitle string
	QR          string // verification URL
	VerifyLine  string // e.g. "Mã xác thực: …"
}

// JudicialRecord draws the certificate with the embedded fonts.
func JudicialRecord(s JudicialCertificate) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.JudicialRecord(s)
}

// JudicialRecord draws a judicial record certificate.
func (r *Renderer) JudicialRecord(s JudicialCertificate) ([]byte, error) {
	if s.Form != 1 && s.Form != 2 {
		return nil, fmt.Errorf("render: judicial record certificate: form %d", s.Form)
	}
	if err := require("judicial record certificate", map[string]string{
		"Number": s.Number, "Person.FullName": s.Person.FullName, "Person.BirthDate": s.Person.BirthDate,
	}, map[string]time.Time{"At": s.At}); err != nil {
		return nil, err
	}
	title := "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1"
	if s.Form == 2 {
		title = "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 2"
	}
	m := meta{title: title, subject: "Luật Lý lịch tư pháp 28/2009/QH12", author: s.Agency.inText(), date: s.At}
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, false, s.Number, s.At)
		d.title(title)
		d.text(bodyFirst, italic("Căn cứ Luật Lý lịch tư pháp ngày 17 tháng 6 năm 2009;"))
		if s.Form == 2 && s.RequestedBy != "" {
			d.text(bodyFirst, italic("Theo yêu cầu của: "+s.RequestedBy+";"))
		}
		d.gap(2)
		d.text(flow{size: bodySize, lineH: bodyLine, align: 'C'}, bold("XÁC NHẬN:"))
		p := s.Person
		// Every numbered item is printed, an empty one as "Không có": a
		// certificate whose item 7 is missing reads as incomplete.
		item := func(label, v string) {
			if strings.TrimSpace(v) == "" {
				d.text(bodyLeft, plain(label+" "), italic("Không có"))
				return
			}
			d.text(bodyLeft, plain(label+" "), plain(v))
		}
		d.field("1. Họ và tên:", bold(p.FullName))
		d.field("    Tên gọi khác:", plain(p.OtherName))
		item("2. Giới tính:", p.Sex)
		item("3. Ngày, tháng, năm sinh:", p.BirthDate)
		item("4. Nơi sinh:", p.BirthPlace)
		nat := p.Nationality
		if p.Ethnicity != "" {
			nat += "; dân tộc: " + p.Ethnicity
		}
		item("5. Quốc tịch:", nat)
		item("6. Nơi thường trú:", p.Permanent)
		item("7. Nơi tạm trú:", p.Temporary)
		label := p.IDLabel
		if label == "" {
			label = "Số định danh cá nhân"
		}
		item("8. "+label+":", p.IDNumber)
		if s.Form == 2 {
			item("9. Họ và tên cha:", p.Father)
			item("10. Họ và tên mẹ:", p.Mother)
			item("11. Họ và tên vợ/chồng:", p.Spouse)
		}
		d.gap(2)
		if len(s.Convictions) == 0 {
			d.text(bodyLeft, plain("Tình trạng án tích: "), bold("Không có án tích."))
		} else {
			d.text(bodyLeft, plain("Tình trạng án tích: "), bold("Có án tích."))
			for i, c := range s.Convictions {
				d.text(bodyLeft, bold(fmt.Sprintf("Án tích %d:", i+1)))
				d.field("- Bản án số:", plain(c.JudgmentNo+" ngày "+c.JudgmentDate+" của "+c.Court))
				d.field("- Tội danh:", plain(c.Offence))
				d.field("- Điều khoản áp dụng:", plain(c.Article))
				d.field("- Hình phạt chính:", plain(c.Sentence))
				d.field("- Hình phạt bổ sung, nghĩa vụ dân sự:", plain(c.Additional))
				d.field("- Ngày chấp hành xong:", plain(c.Completed))
				if c.Expunged != "" {
					d.field("- Đã được xóa án tích ngày:", plain(c.Expunged))
				}
			}
		}
		if s.BanStated {
			d.gap(1)
			if len(s.Bans) == 0 {
				d.text(body, plain("Thông tin về cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã: "),
					bold("Không bị cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã."))
			} else {
				d.text(body, plain("Thông tin về cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã:"))
				for _, b := range s.Bans {
					d.text(bodyLeft, plain("- "+b))
				}
			}
		}
		if s.Purpose != "" {
			d.field("Mục đích sử dụng Phiếu:", plain(s.Purpose))
		}
		d.closing(nil, signature{title: orDefault1(s.SignerTitle, "THỦ TRƯỞNG CƠ QUAN"), hint: "(Ký số)", name: s.Signer})
		if s.QR != "" {
			d.gap(3)
			lines := [][]span{{italic("Tra cứu, xác thực Phiếu tại:")}, {plain(s.QR)}}
			if s.VerifyLine != "" {
				lines = append(lines, []span{plain(s.VerifyLine)})
			}
			return d.codeBand(lines, s.QR, 24)
		}
		return nil
	})
}
