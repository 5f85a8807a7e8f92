package render

// The printed electronic receipt of a fee or charge (biên lai điện tử thu
// phí, lệ phí): Decree 123/2020/NĐ-CP Art. 32 and Circular 78/2021/TT-BTC
// list what a receipt states — its name, form number and series, number;
// the collecting organisation; the payer; the fee's name; the amount in
// figures and in words; the date; the collector. The printout is a
// conversion of the electronic receipt (the provider's, package
// external/ereceipt), so it says so.

import (
	"strings"
	"time"

	"tuphap/internal/vnfmt"
)

// FeeReceipt is the content of a printed e-receipt.
type FeeReceipt struct {
	Agency
	Form, Series, Number string
	Collector            string // tổ chức thu
	Payer                string
	PayerID              string // số định danh cá nhân
	PayerTax             string // mã số thuế of an organisation
	PayerAddress         string
	Code                 string // mã hồ sơ
	FeeName              string
	Amount               int64
	IssuedAt             time.Time
	Online               bool   // paid online (else at the desk)
	By                   string // the collecting officer
	Provider             string
}

// FeeReceiptPDF draws the receipt with the embedded fonts.
func FeeReceiptPDF(s FeeReceipt) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.FeeReceipt(s)
}

// FeeReceipt draws the receipt.
func (r *Renderer) FeeReceipt(s FeeReceipt) ([]byte, error) {
	if err := require("fee receipt", map[string]string{
		"Form": s.Form, "Series": s.Series, "Number": s.Number, "Payer": s.Payer, "FeeName": s.FeeName,
	}, map[string]time.Time{"IssuedAt": s.IssuedAt}); err != nil {
		return nil, err
	}
	const title = "BIÊN LAI THU PHÍ, LỆ PHÍ"
	m := meta{title: title, subject: "Biên lai điện tử - Nghị định 123/2020/NĐ-CP, Thông tư 78/2021/TT-BTC", author: s.Agency.inText(), date: s.IssuedAt}
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, false, "", s.IssuedAt)
		d.title(title, italic("(Bản thể hiện của biên lai điện tử)"))
		d.text(flow{size: bodySize, lineH: bodyLine, align: 'C'}, plain("Mẫu số: "), bold(s.Form), plain("    Ký hiệu: "), bold(s.Series),
			plain("    Số: "), bold(s.Number))
		d.gap(3)
		d.field("Tên đơn vị thu phí, lệ phí:", bold(orDefault1(s.Collector, s.Agency.inText())))
		d.field("Tên người nộp:", bold(s.Payer))
		d.field("Số định danh cá nhân:", plain(s.PayerID))
		d.field("Mã số thuế:", plain(s.PayerTax))
		d.field("Địa chỉ:", plain(s.PayerAddress))
		d.field("Mã hồ sơ:", plain(s.Code))
		d.field("Tên loại phí, lệ phí:", plain(s.FeeName))
		d.field("Số tiền:", bold(vnfmt.Int(s.Amount)+" đồng"))
		d.field("Viết bằng chữ:", italic(AmountInWords(s.Amount)))
		how := "Nộp trực tiếp tại Bộ phận Một cửa"
		if s.Online {
			how = "Thanh toán trực tuyến"
		}
		d.field("Hình thức thanh toán:", plain(how))
		d.field("Thời điểm thu:", plain(slipTime(s.IssuedAt)))
		d.closing(nil,
			signature{title: "NGƯỜI NỘP TIỀN", hint: "(Ký, ghi rõ họ tên)"},
			signature{title: "NGƯỜI THU TIỀN", hint: "(Ký, ghi rõ họ tên)", name: s.By})
		d.gap(4)
		note := "Biên lai điện tử"
		if s.Provider != "" {
			note += " do " + s.Provider + " cấp"
		}
		d.text(flow{size: 11, lineH: 5, align: 'L'}, italic(note+"; bản in này chuyển đổi từ biên lai điện tử, tra cứu bằng mẫu số, ký hiệu và số biên lai."))
		return nil
	})
}

var (
	vnDigits = [...]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}
	vnGroups = [...]string{"", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"}
)

// AmountInWords reads an amount of đồng in Vietnamese words, capitalised:
// 1.050.000 → "Một triệu không trăm năm mươi nghìn đồng".
func AmountInWords(n int64) string {
	if n == 0 {
		return "Không đồng"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var groups []int
	for n > 0 {
		groups = append(groups, int(n%1000))
		n /= 1000
	}
	var words []string
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		if g == 0 {
			continue
		}
		words = append(words, readGroup(g, i < len(groups)-1)...)
		if vnGroups[i] != "" {
			words = append(words, vnGroups[i])
		}
	}
	s := strings.Join(words, " ")
	if neg {
		s = "âm " + s
	}
	return strings.ToUpper(s[:1]) + s[1:] + " đồng"
}

// readGroup reads three digits; full reads the hundreds and "linh" of a
// group that is not the leading one ("không trăm linh năm").
func readGroup(g int, full bool) []string {
	h, t, u := g/100, g/10%10, g%10
	var w []string
	if h > 0 || full {
		w = append(w, vnDigits[h], "trăm")
	}
	switch {
	case t == 0 && u > 0 && (h > 0 || full):
		w = append(w, "linh")
	case t == 1:
		w = append(w, "mười")
	case t > 1:
		w = append(w, vnDigits[t], "mươi")
	}
	switch {
	case u == 0:
	case u == 1 && t > 1:
		w = append(w, "mốt")
	case u == 5 && t > 0:
		w = append(w, "lăm")
	default:
		w = append(w, vnDigits[u])
	}
	return w
}
