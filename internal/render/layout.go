package render

// Page set-up and the parts every form shares, after Decree 30/2020/NĐ-CP,
// Annex I (thể thức và kỹ thuật trình bày văn bản hành chính): the header
// with the agency (ô 2) and the national name and motto (ô 1), the place and
// date (ô 4), the title (ô 5a), the signature blocks (ô 7) and the list of
// recipients (ô 9a).

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry in millimetres. Decree 30/2020, Annex I, §II.5: A4; top and
// bottom margins 20–25 mm, left 30–35 mm, right 15–20 mm.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginTop    = 20.0
	marginBottom = 20.0
	marginLeft   = 30.0
	marginRight  = 15.0
	contentW     = pageW - marginLeft - marginRight

	// Header columns: the agency on the left, the national name on the right.
	headLeftW  = 75.0
	headRightX = marginLeft + headLeftW
	headRightW = contentW - headLeftW

	bodySize  = 13.0 // pt; the decree asks 13–14 for the body
	bodyLine  = 5.8  // mm
	smallSize = 12.0
	smallLine = 5.4
)

// Body text styles.
var (
	body      = flow{size: bodySize, lineH: bodyLine, align: 'J'}
	bodyLeft  = flow{size: bodySize, lineH: bodyLine, align: 'L'}
	bodyFirst = flow{size: bodySize, lineH: bodyLine, align: 'J', indent: 10}
)

// doc is one document being drawn.
type doc struct {
	pdf   *fpdf.Fpdf
	y     float64 // top of the next line, mm
	pages int     // total page count, known on the second pass; 0: unnumbered
	// onNewPage runs at the top of every page after the first, e.g. to
	// repeat a table's header row.
	onNewPage func()
	images    int
}

// meta is the document information dictionary.
type meta struct {
	title   string    // the form's title
	subject string    // which form of which circular
	author  string    // the issuing agency
	date    time.Time // the document's date, also its creation date: output stays reproducible
	// unnumbered: the pages are documents of their own (certificates),
	// never "Trang x/y".
	unnumbered bool
}

// render draws a document with build. A document longer than a page is
// drawn twice, the second time with "Trang x/y" in the footer; the footer
// sits in the bottom margin, so the second pass breaks pages where the first
// did. Decree 30 leaves the first page of a one-page document unnumbered.
func (r *Renderer) render(m meta, build func(*doc) error) ([]byte, error) {
	d, err := r.draw(m, 0, build)
	if err != nil {
		return nil, err
	}
	if n := d.pdf.PageCount(); n > 1 && !m.unnumbered {
		if d, err = r.draw(m, n, build); err != nil {
			return nil, err
		}
		if got := d.pdf.PageCount(); got != n {
			return nil, fmt.Errorf("render: %s: %d pages on the second pass, %d on the first", m.title, got, n)
		}
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render: %s: %w", m.title, err)
	}
	return buf.Bytes(), nil
}

func (r *Renderer) draw(m meta, pages int, build func(*doc) error) (*doc, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: pageW, Ht: pageH},
	})
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom) // doc breaks pages itself, between lines and table rows
	pdf.SetCellMargin(0)
	pdf.SetLineWidth(0.2)
	for _, s := range r.fonts.styles() {
		pdf.AddUTF8FontFromBytes(family, s.style, s.data)
	}
	created := m.date.In(ict)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetProducer("tuphap", true)
	pdf.SetCreator("tuphap", true)
	pdf.SetTitle(clean(m.title), true)
	pdf.SetSubject(clean(m.subject), true)
	pdf.SetAuthor(clean(m.author), true)
	pdf.SetLang("vi-VN")

	d := &doc{pdf: pdf, pages: pages}
	pdf.SetFooterFunc(d.footer)
	pdf.AddPage()
	d.y = marginTop
	if err := build(d); err != nil {
		return nil, err
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("render: %s: %w", m.title, err)
	}
	return d, nil
}

// newPage starts a page and runs onNewPage.
func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y = marginTop
	if d.onNewPage != nil {
		d.onNewPage()
	}
}

// ensure starts a new page unless h millimetres fit below the current line.
func (d *doc) ensure(h float64) {
	if d.y+h > pageH-marginBottom {
		d.newPage()
	}
}

// footer prints "Trang x/y" in the bottom margin of multi-page documents.
func (d *doc) footer() {
	if d.pages == 0 {
		return
	}
	s := fmt.Sprintf("Trang %d/%d", d.pdf.PageNo(), d.pages)
	w := d.width(s, "", 11)
	d.put(marginLeft+(contentW-w)/2, pageH-marginBottom+6, w, 5, s, "", 11, "L")
}

// put draws clean text (see clean) in a cell at (x, y).
func (d *doc) put(x, y, w, h float64, s, style string, size float64, align string) {
	d.pdf.SetFont(family, style, size)
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// gap moves down by mm.
func (d *doc) gap(mm float64) { d.y += mm }

// letterhead draws the header (Decree 30/2020, Annex I, §II.2–4): on the
// left the governing body in regular capitals and the issuing agency (and
// desk, when withDesk) in bold with a short rule below; on the right the
// national name in bold capitals and the motto in bold with a rule as long
// as itself; below them "Số: …" on the left when number is set and the place
// and date in italics on the right.
func (d *doc) letterhead(a Agency, withDesk bool, number string, date time.Time) {
	top := d.y
	left := func(size float64, align byte) flow {
		return flow{size: size, lineH: 5.4, align: align, left: marginLeft, width: headLeftW}
	}
	right := func(size float64) flow {
		return flow{size: size, lineH: 5.6, align: 'C', left: headRightX, width: headRightW}
	}

	// Left column.
	if a.Superior != "" {
		d.text(left(12, 'C'), plain(d.balance(a.Superior, "", 12, headLeftW)))
	}
	var boldLines []string
	if a.Name != "" && !(withDesk && a.Centre && a.Desk != "") {
		boldLines = append(boldLines, a.Name)
	}
	if withDesk && a.Desk != "" {
		boldLines = append(boldLines, a.Desk)
	}
	ruleW := 0.0
	for _, s := range boldLines {
		s = d.balance(s, "B", 12, headLeftW)
		f := left(12, 'C')
		for _, l := range d.layout([]span{bold(s)}, f, headLeftW) {
			ruleW = max(ruleW, l.w)
		}
		d.text(f, bold(s))
	}
	if ruleW > 0 {
		// Decree 30: a rule one third to one half as long as the name.
		rw := ruleW * 0.4
		x := marginLeft + (headLeftW-rw)/2
		d.pdf.Line(x, d.y+0.8, x+rw, d.y+0.8)
	}
	leftBottom := d.y + 1.5

	// Right column.
	d.y = top
	d.text(right(12), bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
	motto := "Độc lập - Tự do - Hạnh phúc"
	d.text(right(13), bold(motto))
	mw := d.width(motto, "B", 13)
	x := headRightX + (headRightW-mw)/2
	d.pdf.Line(x, d.y+0.8, x+mw, d.y+0.8)
	rightBottom := d.y + 1.5

	d.y = max(leftBottom, rightBottom) + 2
	lineTop := d.y
	if number != "" {
		d.text(left(bodySize, 'C'), plain("Số: "+number))
	}
	d.y = lineTop
	d.text(flow{size: bodySize, lineH: bodyLine, align: 'C', left: headRightX, width: headRightW},
		italic(placeDate(a.Place, date)))
	d.gap(4)
}

// balance breaks a header line that does not fit in w into two lines of
// similar length ("ỦY BAN NHÂN DÂN / TỈNH ĐỒNG THÁP"), as headers are set by
// hand, instead of leaving one word on the second line.
func (d *doc) balance(s, style string, size, w float64) string {
	s = clean(s)
	if strings.Contains(s, "\n") || d.width(s, style, size) <= w {
		return s
	}
	best, bestW := s, w+1
	for i, r := range s {
		if r != ' ' {
			continue
		}
		a, b := s[:i], s[i+1:]
		if m := max(d.width(a, style, size), d.width(b, style, size)); m < bestW {
			best, bestW = a+"\n"+b, m
		}
	}
	return best
}

// title draws the centred bold title and an optional second line in bold
// (e.g. "Mã hồ sơ: …").
func (d *doc) title(t string, sub ...span) {
	d.ensure(30) // keep the title with what follows
	d.text(flow{size: 14, lineH: 7, align: 'C'}, bold(t))
	if len(sub) > 0 {
		d.text(flow{size: bodySize, lineH: bodyLine, align: 'C'}, sub...)
	}
	d.gap(3)
}

// field sets "label value" as a left-aligned paragraph, skipping empty values.
// receiverFields names who received the dossier: the agency's desk (as
// before reception became a setting), or the receiving organisation with its
// address and the competent agency (Decree 118/2025/NĐ-CP Art. 14).
func (d *doc) receiverFields(a Agency) {
	if a.Receiver == "" {
		d.field("Bộ phận tiếp nhận và trả kết quả:", plain(a.inText()))
		return
	}
	d.field("Tổ chức tiếp nhận và trả kết quả:", plain(a.Receiver))
	d.field("Địa chỉ:", plain(a.Address))
	d.field("Cơ quan giải quyết hồ sơ:", plain(a.inText()))
}

func (d *doc) field(label string, value span) {
	if strings.TrimSpace(value.text) == "" {
		return
	}
	d.text(bodyLeft, plain(label+" "), value)
}

// applicant prints the applicant's particulars as on Mẫu 01–03, omitting
// empty fields.
func (d *doc) applicant(label string, p Person) {
	d.field(label, bold(p.FullName))
	d.field("Số định danh cá nhân:", plain(p.IDNumber))
	d.field("Địa chỉ:", plain(p.Address))
	d.contact(p.Phone, p.Email)
}

// contact prints "Số điện thoại: … Email: …" on one line when both fit, as
// the forms lay them out, else on two.
func (d *doc) contact(phone, email string) {
	switch {
	case phone == "" && email == "":
	case phone == "":
		d.field("Email:", plain(email))
	case email == "":
		d.field("Số điện thoại:", plain(phone))
	default:
		const half = contentW * 0.45
		a := []span{plain("Số điện thoại: "), plain(phone)}
		b := []span{plain("Email: "), plain(email)}
		f := bodyLeft
		if d.height(flow{size: f.size, lineH: f.lineH, width: half}, a...) > f.lineH ||
			d.height(flow{size: f.size, lineH: f.lineH, left: marginLeft + half, width: contentW - half}, b...) > f.lineH {
			d.text(f, a...)
			d.text(f, b...)
			return
		}
		d.ensure(f.lineH)
		y := d.y
		d.text(flow{size: f.size, lineH: f.lineH, width: half}, a...)
		d.y = y
		d.text(flow{size: f.size, lineH: f.lineH, left: marginLeft + half, width: contentW - half}, b...)
	}
}

// numbered sets items as "1. …" with the continuation lines hanging.
func (d *doc) numbered(items []string) {
	for i, it := range items {
		n := fmt.Sprintf("%d. ", i+1)
		f := flow{size: bodySize, lineH: bodyLine, align: 'J', left: marginLeft + 5, width: contentW - 5, hang: 6}
		d.text(f, plain(n+it))
	}
}

// signature is one signature block (Decree 30/2020, Annex I, §II.7): the
// capacity in bold capitals, a hint in italics, room for the signature and
// seal, and the signer's name in bold.
type signature struct {
	title string // "NGƯỜI TIẾP NHẬN HỒ SƠ"; "\n" separates lines such as "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
	hint  string // "(Ký và ghi rõ họ tên)"
	name  string
}

const signRoom = 20.0 // mm left for the hand signature and seal

// closing draws one or two signature blocks side by side, and the list of
// recipients (Nơi nhận) on the left when there is one block. The whole
// closing stays on one page.
func (d *doc) closing(recipients []string, sigs ...signature) {
	const colW = contentW / 2
	type col struct {
		x, w float64
	}
	cols := []col{{marginLeft + colW, colW}}
	if len(sigs) == 2 {
		cols = []col{{marginLeft, colW}, {marginLeft + colW, colW}}
	}
	sigFlow := func(c col, style flow) flow {
		style.left, style.width, style.align = c.x, c.w, 'C'
		return style
	}
	head := flow{size: bodySize, lineH: bodyLine}
	hint := flow{size: bodySize, lineH: bodyLine}
	height := func(s signature, c col) float64 {
		h := d.height(sigFlow(c, head), bold(s.title)) + signRoom + bodyLine
		if s.hint != "" {
			h += d.height(sigFlow(c, hint), italic(s.hint))
		}
		return h
	}
	need := 0.0
	for i, s := range sigs {
		need = max(need, height(s, cols[i]))
	}
	recFlow := flow{size: 11, lineH: 4.8, align: 'L', left: marginLeft, width: colW - 5}
	if len(recipients) > 0 && len(sigs) == 1 {
		need = max(need, 6+float64(len(recipients))*recFlow.lineH)
	}
	d.gap(4)
	d.ensure(need)
	top := d.y
	bottom := top
	for i, s := range sigs {
		c := cols[i]
		d.y = top
		d.text(sigFlow(c, head), bold(s.title))
		if s.hint != "" {
			d.text(sigFlow(c, hint), italic(s.hint))
		}
		d.y += signRoom
		if s.name != "" {
			d.text(sigFlow(c, head), bold(s.name))
		} else {
			d.y += bodyLine
		}
		bottom = max(bottom, d.y)
	}
	if len(recipients) > 0 && len(sigs) == 1 {
		d.y = top
		d.text(flow{size: 12, lineH: 6, align: 'L', left: marginLeft, width: colW - 5}, boldItal("Nơi nhận:"))
		for _, r := range recipients {
			d.text(recFlow, plain("- "+r))
		}
		bottom = max(bottom, d.y)
	}
	d.y = bottom
}

// codeBand draws the lines about the dossier code on the left and, when qr
// is set, its QR code on the right, level with them.
func (d *doc) codeBand(lines [][]span, qr string, size float64) error {
	textW := contentW
	if qr != "" {
		textW = contentW - size - 5
	}
	f := flow{size: bodySize, lineH: bodyLine, align: 'L', width: textW}
	need := 0.0
	for _, l := range lines {
		need += d.height(f, l...)
	}
	if qr != "" {
		need = max(need, size)
	}
	d.ensure(need)
	top := d.y
	if qr != "" {
		if err := d.qrImage(qr, marginLeft+contentW-size, top, size); err != nil {
			return err
		}
	}
	// Centre the text block against the QR code.
	if qr != "" && need > 0 {
		textH := 0.0
		for _, l := range lines {
			textH += d.height(f, l...)
		}
		d.y = top + (need-textH)/2
	}
	for _, l := range lines {
		d.text(f, l...)
	}
	d.y = max(d.y, top+need) + 3
	return nil
}
