package render

// Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment
// slip), Annex I to Circular 03/2025/TT-VPCP; content as in Mẫu 01 of
// Circular 01/2018/TT-VPCP: the applicant, the request, the documents
// received with original and copy counts, the number of sets, the statutory
// time limit, the times of receipt and appointment to the minute, where the
// result is returned, the register entry, and the signatures of the
// applicant and of the receiving officer. A QR code and a lookup PIN let the
// applicant follow the dossier online.

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ReceiptSlip is the content of Mẫu 01.
type ReceiptSlip struct {
	Agency
	Code         string // mã hồ sơ: "000.00.12.H18-261121-0007"
	Applicant    Person
	Procedure    string // nội dung yêu cầu giải quyết: the procedure's name
	Documents    []Document
	Sets         int    // số lượng hồ sơ (bộ); 0 prints 1
	TimeLimit    string // statutory time limit: "10 ngày làm việc"
	ReceivedAt   time.Time
	DueAt        time.Time
	Delivery     string // where or how the result is returned
	RegisterBook string // Sổ theo dõi hồ sơ: quyển số (optional)
	RegisterNo   string // Sổ theo dõi hồ sơ: số thứ tự (optional)
	Receiver     string // receiving officer's full name
	LookupPIN    string // printed as "Mã tra cứu: …"
	QR           string // URL encoded in the QR code; none when empty
}

// Receipt draws Mẫu 01.
func (r *Renderer) Receipt(s ReceiptSlip) ([]byte, error) {
	if err := require("receipt", map[string]string{
		"Code": s.Code, "Applicant.FullName": s.Applicant.FullName, "Procedure": s.Procedure,
	}, map[string]time.Time{"ReceivedAt": s.ReceivedAt, "DueAt": s.DueAt}); err != nil {
		return nil, err
	}
	const title = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
	m := meta{title: title, subject: "Mẫu 01 - Thông tư 03/2025/TT-VPCP", author: s.Agency.inText(), date: s.ReceivedAt}
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, true, "", s.ReceivedAt)
		d.title(title)
		if err := d.codeBand(lookupLines(s.Code, s.LookupPIN, s.QR), s.QR, 26); err != nil {
			return err
		}
		d.receiverFields(s.Agency)
		d.applicant("Tiếp nhận hồ sơ của:", s.Applicant)
		d.field("Nội dung yêu cầu giải quyết:", bold(s.Procedure))

		d.text(bodyLeft, plain("1. Thành phần hồ sơ nộp gồm:"))
		d.gap(1)
		rows := make([][]span, len(s.Documents))
		for i, x := range s.Documents {
			rows[i] = []span{
				plain(fmt.Sprint(i + 1)),
				plain(x.Name),
				plain(fmt.Sprint(x.Originals)),
				plain(fmt.Sprint(x.Copies)),
			}
		}
		if len(rows) == 0 {
			rows = [][]span{{plain(""), italic("(Không có giấy tờ)"), plain(""), plain("")}}
		}
		d.table(table{
			cols: []column{
				{title: "STT", width: 13, align: 'C'},
				{title: "Tên giấy tờ", width: contentW - 13 - 2*24, align: 'L'},
				{title: "Bản chính", width: 24, align: 'C'},
				{title: "Bản sao", width: 24, align: 'C'},
			},
			size: 12, lineH: 5.2, padX: 1.5, padY: 0.8,
		}, rows)
		d.gap(2)

		sets := max(s.Sets, 1)
		d.text(bodyLeft, plain(fmt.Sprintf("2. Số lượng hồ sơ: %02d (bộ)", sets)))
		if s.TimeLimit != "" {
			d.text(bodyLeft, plain("3. Thời gian giải quyết hồ sơ theo quy định là: "), plain(s.TimeLimit))
		} else {
			d.text(bodyLeft, plain("3. Thời gian giải quyết hồ sơ theo quy định là: ........"))
		}
		d.text(bodyLeft, plain("4. Thời gian nhận hồ sơ: "), plain(slipTime(s.ReceivedAt)))
		d.text(bodyLeft, plain("5. Thời gian trả kết quả giải quyết hồ sơ: "), bold(slipTime(s.DueAt)))
		label, delivery := deliveryLine(s.Delivery)
		d.text(bodyLeft, plain(label), plain(delivery))
		if reg := registerEntry(s.RegisterBook, s.RegisterNo); reg != "" {
			d.text(bodyLeft, plain(reg))
		}

		d.closing(nil,
			signature{title: "NGƯỜI NỘP HỒ SƠ", hint: "(Ký và ghi rõ họ tên)", name: s.Applicant.FullName},
			signature{title: "NGƯỜI TIẾP NHẬN HỒ SƠ", hint: "(Ký và ghi rõ họ tên)", name: s.Receiver},
		)
		return nil
	})
}

// registerEntry is "Vào Sổ theo dõi hồ sơ, Quyển số: …, Số thứ tự: …".
func registerEntry(book, no string) string {
	if book == "" && no == "" {
		return ""
	}
	parts := []string{"Vào Sổ theo dõi hồ sơ"}
	if book != "" {
		parts = append(parts, "Quyển số: "+book)
	}
	if no != "" {
		parts = append(parts, "Số thứ tự: "+no)
	}
	return strings.Join(parts, ", ")
}

// lookupLines are the lines printed beside the QR code: the dossier code,
// the lookup PIN and how to look the dossier up.
func lookupLines(code, pin, link string) [][]span {
	var out [][]span
	if code != "" {
		out = append(out, []span{plain("Mã hồ sơ: "), bold(code)})
	}
	if pin != "" {
		out = append(out, []span{plain("Mã tra cứu: "), bold(pin)})
	}
	if link != "" {
		out = append(out, []span{italic("Quét mã QR hoặc truy cập " + siteOf(link) + " để tra cứu tình trạng hồ sơ.")})
	}
	return out
}

// siteOf is the address to type by hand: the link without scheme, query or
// fragment, so that it stays short; the code and PIN are printed beside it.
func siteOf(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return link
	}
	return strings.TrimSuffix(u.Host+u.EscapedPath(), "/")
}

// require reports the empty required fields of a form.
func require(form string, strs map[string]string, times map[string]time.Time) error {
	var missing []string
	for k, v := range strs {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, k)
		}
	}
	for k, v := range times {
		if v.IsZero() {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return fmt.Errorf("render: %s: missing %s", form, strings.Join(missing, ", "))
}

// deliveryLine is item 6 of Mẫu 01, "Đăng ký nhận kết quả tại: <place>",
// for what the applicant chose: a place written "Tại X" loses its own
// "Tại" (never "tại: Tại X"); a way of delivery that is not a place
// ("Nhận qua dịch vụ bưu chính công ích") drops the "tại".
func deliveryLine(delivery string) (label, value string) {
	delivery = strings.TrimSpace(delivery)
	const at = "6. Đăng ký nhận kết quả tại: "
	if delivery == "" {
		return at, "........................................"
	}
	for _, p := range []string{"Tại ", "tại ", "TẠI "} {
		if rest, ok := strings.CutPrefix(delivery, p); ok {
			return at, strings.TrimSpace(rest)
		}
	}
	lower := strings.ToLower(delivery)
	if strings.HasPrefix(lower, "nhận ") || strings.HasPrefix(lower, "qua ") || strings.HasPrefix(lower, "gửi ") {
		return "6. Đăng ký nhận kết quả: ", delivery
	}
	return at, delivery
}
