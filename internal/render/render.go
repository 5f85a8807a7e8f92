// Package render draws the one-stop-shop (một cửa) slips as PDF: the forms of
// Annex I to Circular 03/2025/TT-VPCP (which replaced Circular 01/2018/TT-VPCP),
// guiding Decree 118/2025/NĐ-CP:
//
//	Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả         Receipt
//	Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ          Supplement
//	Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ         Refuse
//	Mẫu 04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết  ApologyPDF
//	Mẫu 05 Thông báo dừng giải quyết hồ sơ                 Stop
//	Mẫu 06 Phiếu kiểm soát quá trình giải quyết hồ sơ        Control
//
// and QR codes (QRPNG) for the web layer.
//
// Presentation follows Decree 30/2020/NĐ-CP on administrative documents: A4
// portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right, a
// Times-New-Roman-metric font (Liberation Serif, OFL, embedded), the
// two-column header with the national name and motto, the place-and-date
// line in italics and Arabic day and month numbers padded as the decree asks.
//
// The input types are plain structs: render depends on no other tuphap
// package; the web layer maps its dossiers onto them. Every string is
// normalised to NFC before it is measured or drawn, because fpdf does no
// glyph shaping and decomposed Vietnamese (NFD) would render with misplaced
// marks. Output is deterministic: the same input gives the same bytes.
package render

import (
	"sync"
	"time"
)

// Agency is the issuing agency as printed in the left column of the header.
type Agency struct {
	Superior string // governing body, upper case: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"
	Name     string // issuing agency, upper case: "SỞ TƯ PHÁP"
	Desk     string // receiving desk, upper case: "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
	FullName string // the agency in running text: "Sở Tư pháp tỉnh Đồng Tháp"
	Place    string // place name of the date line: "Đồng Tháp"
	Phone    string // optional contact number printed where the applicant is told whom to call
	// Receiver is the organisation that receives and returns dossiers, in
	// running text ("Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp");
	// empty: the agency's own desk. Address is its address.
	Receiver string
	Address  string
	// Centre: the receiver is an organisation apart from the agency (the
	// provincial centre); its slips carry Desk alone under Superior.
	Centre bool
}

// receiver is the receiving organisation for running text.
func (a Agency) receiver() string {
	if a.Receiver != "" {
		return a.Receiver
	}
	return "Bộ phận tiếp nhận và trả kết quả"
}

// inText is the agency's name for running text.
func (a Agency) inText() string {
	if a.FullName != "" {
		return a.FullName
	}
	return a.Name
}

// Person is an applicant (người nộp hồ sơ). Empty optional fields are omitted.
type Person struct {
	FullName string
	IDNumber string // số định danh cá nhân / CCCD
	Address  string
	Phone    string
	Email    string
}

// Document is one dossier component (thành phần hồ sơ) received.
type Document struct {
	Name      string
	Originals int // bản chính
	Copies    int // bản sao
}

// Renderer draws the forms with one set of fonts. It is safe for concurrent
// use: it holds only the font files, and each call builds its own document.
type Renderer struct {
	fonts Fonts
}

// New returns a Renderer with the embedded Liberation Serif fonts.
func New() (*Renderer, error) {
	f, err := embeddedFonts()
	if err != nil {
		return nil, err
	}
	return NewWithFonts(f)
}

// NewWithFonts returns a Renderer with other TrueType files, for a
// department that must print with a licensed Times New Roman. The files are
// checked once here.
func NewWithFonts(f Fonts) (*Renderer, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	return &Renderer{fonts: f}, nil
}

// defaultRenderer backs the package-level functions; the fonts are read and
// checked once.
var defaultRenderer = sync.OnceValues(New)

// Receipt draws Mẫu 01 with the embedded fonts. See Renderer.Receipt.
func Receipt(s ReceiptSlip) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Receipt(s)
}

// Supplement draws Mẫu 02 with the embedded fonts. See Renderer.Supplement.
func Supplement(s SupplementRequest) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Supplement(s)
}

// Refuse draws Mẫu 03 with the embedded fonts. See Renderer.Refuse.
func Refuse(s Refusal) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Refuse(s)
}

// ApologyPDF draws Mẫu 04 with the embedded fonts. See Renderer.Apology.
func ApologyPDF(s Apology) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Apology(s)
}

// Stop draws Mẫu 05 with the embedded fonts. See Renderer.Stop.
func Stop(s StopNotice) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Stop(s)
}

// Control draws Mẫu 06 with the embedded fonts. See Renderer.Control.
func Control(s ControlSheet) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Control(s)
}

// ict is Vietnam's time (UTC+7, no daylight saving): every time printed on a
// slip is converted to it, whatever location the caller used.
var ict = time.FixedZone("ICT", 7*3600)
