package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"tuphap/internal/vnfmt"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"tuphap/internal/calendar"
	"tuphap/internal/report"
)

// StatSheet is a statistics form (such as Biểu số 06/VPCP/KSTT): a header
// of column groups over numbered columns, label cells and counts per row.
type StatSheet struct {
	Agency string   // the reporting agency, top left
	Code   string   // the form's code, top right
	Title  string   // in capitals
	Lines  []string // under the title: period, unit of count
	Groups []StatGroup
	Rows   []StatRow
	Notes  []string // under the table
	// Generated is when the sheet was made, for the file's document
	// properties (default: now).
	Generated time.Time
	// Header are more lines under the agency (top left), such as the
	// agency the report goes to; CodeLines are under the form's code.
	Header, CodeLines []string
	// Signs is the signature block under the notes: the dated place line,
	// then one column per signer.
	Dated string
	Signs []StatSigner
	// SheetName names the workbook's sheet ("Bieu06" when empty).
	SheetName string
}

// StatSigner is one column of a signature block: the title in capitals,
// the instruction in italics, and the name once signed (or empty).
type StatSigner struct {
	Title, Hint, Name string
}

// StatGroup is a header group: a single column when Cols is empty.
type StatGroup struct {
	Title string
	Cols  []string
}

// StatRow is one row: label cells (one per single-column group), then
// the counts, then any text cells (a rate shown with its numerator and
// denominator).
type StatRow struct {
	Labels []string
	Counts []int64
	Texts  []string
	Bold   bool
}

func (s StatSheet) ncols() int {
	n := 0
	for _, g := range s.Groups {
		n += max(1, len(g.Cols))
	}
	return n
}

// groupNum formats a count with dots between thousands (1.234).
func groupNum(n int64) string { return vnfmt.Int(n) }

// StatsPDF writes the sheet as an A4 landscape PDF with the embedded
// Liberation Serif fonts.
func StatsPDF(w io.Writer, s StatSheet) error {
	fonts, err := embeddedFonts()
	if err != nil {
		return err
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetMargins(10, 10, 10)
	pdf.SetAutoPageBreak(true, 12)
	for _, st := range fonts.styles() {
		pdf.AddUTF8FontFromBytes(family, st.style, st.data)
	}
	pdf.AddPage()
	const pageW = 297.0
	contentW := pageW - 20
	pdf.SetFont(family, "B", 11)
	pdf.CellFormat(contentW/2, 6, s.Agency, "", 0, "L", false, 0, "")
	pdf.CellFormat(contentW/2, 6, s.Code, "", 1, "R", false, 0, "")
	pdf.SetFont(family, "", 10)
	for i := 0; i < max(len(s.Header), len(s.CodeLines)); i++ {
		l, r := "", ""
		if i < len(s.Header) {
			l = s.Header[i]
		}
		if i < len(s.CodeLines) {
			r = s.CodeLines[i]
		}
		pdf.CellFormat(contentW/2, 5, l, "", 0, "L", false, 0, "")
		pdf.CellFormat(contentW/2, 5, r, "", 1, "R", false, 0, "")
	}
	pdf.Ln(3)
	pdf.SetFont(family, "B", 13)
	pdf.MultiCell(contentW, 6, s.Title, "", "C", false)
	pdf.SetFont(family, "I", 11)
	for _, l := range s.Lines {
		pdf.CellFormat(contentW, 6, l, "", 1, "C", false, 0, "")
	}
	pdf.Ln(3)
	// Column widths: the label columns first, the counts share the rest.
	n := s.ncols()
	widths := make([]float64, n)
	labelW := 0.0
	for i, g := range s.Groups {
		if len(g.Cols) == 0 {
			widths[i] = 12
			if i > 0 {
				widths[i] = 52
			}
			labelW += widths[i]
		}
	}
	nLabels := 0
	for _, g := range s.Groups {
		if len(g.Cols) == 0 {
			nLabels++
		}
	}
	// Text cells (the last columns, e.g. a rate with its numerator and
	// denominator) are twice as wide as a count.
	nTexts := 0
	for _, r := range s.Rows {
		nTexts = max(nTexts, len(r.Texts))
	}
	countW := (contentW - labelW) / (float64(n-nLabels) + float64(nTexts))
	for i := nLabels; i < n; i++ {
		widths[i] = countW
		if i >= n-nTexts {
			widths[i] = 2 * countW
		}
	}
	pdf.SetFont(family, "B", 9.5)
	const lineH = 4.2
	box := func(x, y, w, h float64, text, style, align string) {
		pdf.Rect(x, y, w, h, "D")
		lines := pdf.SplitText(text, w-2)
		top := y + (h-float64(len(lines))*lineH)/2
		for k, l := range lines {
			pdf.SetXY(x+1, top+float64(k)*lineH)
			pdf.CellFormat(w-2, lineH, l, "", 0, align, false, 0, "")
		}
	}
	header := func() {
		x0, y0 := 10.0, pdf.GetY()
		h1, h2 := 10.0, 24.0
		x, col := x0, 0
		pdf.SetFont(family, "B", 9.5)
		for _, g := range s.Groups {
			if len(g.Cols) == 0 {
				box(x, y0, widths[col], h1+h2, g.Title, "B", "C")
				x += widths[col]
				col++
				continue
			}
			gw := 0.0
			for range g.Cols {
				gw += widths[col]
				col++
			}
			box(x, y0, gw, h1, g.Title, "B", "C")
			cx := x
			for k, c := range g.Cols {
				cw := widths[col-len(g.Cols)+k]
				box(cx, y0+h1, cw, h2, c, "B", "C")
				cx += cw
			}
			x += gw
		}
		pdf.SetFont(family, "I", 9)
		x = x0
		for i := 0; i < n; i++ {
			box(x, y0+h1+h2, widths[i], 5, "("+strconv.Itoa(i+1)+")", "I", "C")
			x += widths[i]
		}
		pdf.SetXY(x0, y0+h1+h2+5)
	}
	header()
	// rowCells are a row's cells: labels, counts, then texts (rates).
	rowCells := func(r StatRow) []string {
		cells := append([]string{}, r.Labels...)
		for _, c := range r.Counts {
			cells = append(cells, groupNum(c))
		}
		return append(cells, r.Texts...)
	}
	// rowH fits the row's tallest cell.
	rowH := func(r StatRow) float64 {
		pdf.SetFont(family, "", 10)
		h := lineH + 2.5
		for i, c := range rowCells(r) {
			if i == 0 || i >= len(widths) {
				continue
			}
			if k := len(pdf.SplitText(c, widths[i]-2)); k > 1 {
				h = max(h, float64(k)*lineH+2.5)
			}
		}
		return h
	}
	const bottom = 210 - 12
	for i, r := range s.Rows {
		style := ""
		if r.Bold {
			style = "B"
		}
		cells := rowCells(r)
		h := rowH(r)
		// The last row (the total) never stands alone on a page: the row
		// before it moves over with it when both do not fit.
		need := h
		if i == len(s.Rows)-2 && i > 0 {
			need += rowH(s.Rows[i+1])
		}
		pdf.SetFont(family, style, 10)
		if pdf.GetY()+need > bottom {
			pdf.AddPage()
			header()
			pdf.SetFont(family, style, 10)
		}
		x, y := 10.0, pdf.GetY()
		for i, c := range cells {
			align := "R"
			if i < len(r.Labels) {
				align = "L"
				if i == 0 {
					align = "C"
				}
			}
			box(x, y, widths[i], h, c, style, align)
			x += widths[i]
		}
		pdf.SetXY(10, y+h)
	}
	pdf.Ln(3)
	pdf.SetFont(family, "I", 10)
	for _, l := range s.Notes {
		pdf.MultiCell(contentW, 5, l, "", "L", false)
	}
	if len(s.Signs) > 0 {
		// The block stays whole: dated line, titles, hints, room to sign, names.
		if pdf.GetY()+6+5+5+22+6 > bottom {
			pdf.AddPage()
		}
		pdf.Ln(4)
		colW := contentW / float64(len(s.Signs))
		pdf.SetFont(family, "I", 11)
		pdf.SetX(10 + colW*float64(len(s.Signs)-1))
		pdf.CellFormat(colW, 6, s.Dated, "", 1, "C", false, 0, "")
		y := pdf.GetY()
		for k, sg := range s.Signs {
			x := 10 + colW*float64(k)
			pdf.SetXY(x, y)
			pdf.SetFont(family, "B", 11)
			pdf.CellFormat(colW, 5, sg.Title, "", 2, "C", false, 0, "")
			pdf.SetFont(family, "I", 10)
			pdf.CellFormat(colW, 5, sg.Hint, "", 2, "C", false, 0, "")
			pdf.SetXY(x, y+32)
			pdf.SetFont(family, "B", 11)
			pdf.CellFormat(colW, 6, sg.Name, "", 0, "C", false, 0, "")
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("render: statistics PDF: %w", err)
	}
	return pdf.Output(w)
}

// StatsXLSX writes the sheet as an Excel workbook laid out like the form:
// merged group headers, numbered columns, counts as numbers.
func StatsXLSX(w io.Writer, s StatSheet) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	name := "Bieu06"
	if s.SheetName != "" {
		name = s.SheetName
	}
	if err := f.SetSheetName(sheet, name); err != nil {
		return err
	}
	// Page setup first: the stream writer copies the sheet's settings when
	// it starts.
	if err := xlsxPageSetup(f, name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	n := s.ncols()
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Bold: bold, Italic: italic, Size: size, Family: "Times New Roman"}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	style := func(st *excelize.Style) int {
		id, e := f.NewStyle(st)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	sTitle := style(&excelize.Style{Font: font(true, false, 13), Alignment: center})
	sLine := style(&excelize.Style{Font: font(false, true, 12), Alignment: center})
	sBold := style(&excelize.Style{Font: font(true, false, 12)})
	sRight := style(&excelize.Style{Font: font(true, false, 12), Alignment: &excelize.Alignment{Horizontal: "right"}})
	sRightPlain := style(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}})
	sHead := style(&excelize.Style{Font: font(true, false, 11), Alignment: center, Border: border})
	sNum := style(&excelize.Style{Font: font(false, true, 10), Alignment: center, Border: border})
	sCell := style(&excelize.Style{Font: font(false, false, 11), Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	sCellB := style(&excelize.Style{Font: font(true, false, 11), Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	sCount := style(&excelize.Style{Font: font(false, false, 11), Border: border, NumFmt: 3})
	sCountB := style(&excelize.Style{Font: font(true, false, 11), Border: border, NumFmt: 3})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 6); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 40); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, n, 13); err != nil {
		return err
	}
	cell := func(c, r int) string { s, _ := excelize.CoordinatesToCellName(c, r); return s }
	row := 1
	put := func(vals []any, h float64) error {
		err := sw.SetRow(cell(1, row), vals, excelize.RowOpts{Height: h})
		row++
		return err
	}
	line := func(text string, st int) error {
		if err := put([]any{excelize.Cell{StyleID: st, Value: text}}, 20); err != nil {
			return err
		}
		return sw.MergeCell(cell(1, row-1), cell(n, row-1))
	}
	top := make([]any, n)
	top[0] = excelize.Cell{StyleID: sBold, Value: s.Agency}
	top[n-1] = excelize.Cell{StyleID: sRight, Value: s.Code}
	if err := put(top, 20); err != nil {
		return err
	}
	for i := 0; i < max(len(s.Header), len(s.CodeLines)); i++ {
		vals := make([]any, n)
		if i < len(s.Header) {
			vals[0] = excelize.Cell{Value: s.Header[i]}
		}
		if i < len(s.CodeLines) {
			vals[n-1] = excelize.Cell{StyleID: sRightPlain, Value: s.CodeLines[i]}
		}
		if err := put(vals, 0); err != nil {
			return err
		}
	}
	if err := line(s.Title, sTitle); err != nil {
		return err
	}
	for _, l := range s.Lines {
		if err := line(l, sLine); err != nil {
			return err
		}
	}
	row++
	// Two header rows, then the column numbers.
	h1, h2 := make([]any, n), make([]any, n)
	var merges [][2]string
	col := 1
	for _, g := range s.Groups {
		if len(g.Cols) == 0 {
			h1[col-1] = excelize.Cell{StyleID: sHead, Value: g.Title}
			h2[col-1] = excelize.Cell{StyleID: sHead}
			merges = append(merges, [2]string{cell(col, row), cell(col, row+1)})
			col++
			continue
		}
		h1[col-1] = excelize.Cell{StyleID: sHead, Value: g.Title}
		for k, c := range g.Cols {
			if k > 0 {
				h1[col-1+k] = excelize.Cell{StyleID: sHead}
			}
			h2[col-1+k] = excelize.Cell{StyleID: sHead, Value: c}
		}
		merges = append(merges, [2]string{cell(col, row), cell(col+len(g.Cols)-1, row)})
		col += len(g.Cols)
	}
	headTop := row
	if err := put(h1, 30); err != nil {
		return err
	}
	if err := put(h2, 48); err != nil {
		return err
	}
	for _, m := range merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	nums := make([]any, n)
	for i := range nums {
		nums[i] = excelize.Cell{StyleID: sNum, Value: "(" + strconv.Itoa(i+1) + ")"}
	}
	if err := put(nums, 16); err != nil {
		return err
	}
	headEnd := row - 1
	for _, r := range s.Rows {
		lc, cc := sCell, sCount
		if r.Bold {
			lc, cc = sCellB, sCountB
		}
		vals := make([]any, 0, n)
		for _, l := range r.Labels {
			vals = append(vals, excelize.Cell{StyleID: lc, Value: l})
		}
		for _, c := range r.Counts {
			vals = append(vals, excelize.Cell{StyleID: cc, Value: c})
		}
		for _, c := range r.Texts {
			vals = append(vals, excelize.Cell{StyleID: lc, Value: c})
		}
		if err := put(vals, 0); err != nil {
			return err
		}
	}
	row++
	for _, l := range s.Notes {
		if err := put([]any{excelize.Cell{Value: l}}, 0); err != nil {
			return err
		}
	}
	if len(s.Signs) > 0 {
		// One column per signer, spread over the sheet; the last one is dated.
		row++
		at := func(k int) int { return 1 + k*(n-1)/max(1, len(s.Signs)-1) }
		if len(s.Signs) == 1 {
			at = func(int) int { return n }
		}
		lines := [][]any{make([]any, n), make([]any, n), make([]any, n), nil, nil, make([]any, n)}
		lines[0][at(len(s.Signs)-1)-1] = excelize.Cell{StyleID: sLine, Value: s.Dated}
		for k, sg := range s.Signs {
			c := at(k) - 1
			lines[1][c] = excelize.Cell{StyleID: sBold, Value: sg.Title}
			lines[2][c] = excelize.Cell{StyleID: sLine, Value: sg.Hint}
			lines[5][c] = excelize.Cell{StyleID: sBold, Value: sg.Name}
		}
		for _, l := range lines {
			if err := put(l, 0); err != nil {
				return err
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := xlsxTitlesAndProps(f, name, s, headTop, headEnd); err != nil {
		return err
	}
	return f.Write(w)
}

// xlsxPageSetup sets the sheet to print as the form does: A4 landscape,
// fitted to one page wide.
func xlsxPageSetup(f *excelize.File, sheet string) error {
	a4, landscape, one, tall := 9, "landscape", 1, 0
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall})
}

// xlsxTitlesAndProps repeats the header rows on every printed page and
// gives the workbook its own document properties (excelize's defaults name
// "xuri" as the author, created in 2006).
func xlsxTitlesAndProps(f *excelize.File, sheet string, s StatSheet, headTop, headEnd int) error {
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headTop, headEnd)}); err != nil {
		return err
	}
	at := s.Generated
	if at.IsZero() {
		at = time.Now()
	}
	stamp := at.UTC().Format(time.RFC3339)
	agency := strings.TrimPrefix(s.Agency, "Đơn vị báo cáo: ")
	if err := f.SetDocProps(&excelize.DocProperties{Creator: agency, LastModifiedBy: agency, Title: s.Code + " " + s.Title,
		Subject: strings.Join(s.Lines, "; "), Description: "Lập bằng tuphap", Language: "vi-VN", Created: stamp, Modified: stamp}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{Application: "tuphap", Company: agency})
}

// Form06Info is what the printed Biểu 06 says besides the figures: who
// reports to whom, what the figures are restricted to, and who signs.
type Form06Info struct {
	Agency    string // the reporting agency: "Sở Tư pháp tỉnh Đồng Tháp"
	Recipient string // the agency the report goes to
	Place     string // the place of the dated line: "Đồng Tháp"
	Date      calendar.Date
	// Scope are the restrictions shown on screen ("Đơn vị: …", "Lĩnh vực: …").
	Scope     []string
	FieldName func(code string) string
	UnitName  func(code string) string // names the units that made dossiers late
	Preparer  string                   // the officer who prints the report
	HeadTitle string                   // "GIÁM ĐỐC"; empty: "THỦ TRƯỞNG ĐƠN VỊ"
	Head      string                   // the head's name, when known
}

// Form06Sheet lays a Biểu 06 report out as its printed form (Circular
// 01/2020/TT-VPCP): the reporting and receiving agencies, the period and
// the restrictions of the figures, the table, the notes, and the block
// signed by the preparer and the head of the agency.
func Form06Sheet(r report.Report, info Form06Info) StatSheet {
	s := form06Table(r, info.Agency, info.FieldName)
	s.Agency = "Đơn vị báo cáo: " + info.Agency
	if info.Recipient != "" {
		s.Header = append(s.Header, "Đơn vị nhận báo cáo: "+info.Recipient)
	}
	s.CodeLines = []string{"Ban hành kèm theo Thông tư số 01/2020/TT-VPCP"}
	s.Lines = append(append(s.Lines[:1:1], info.Scope...), s.Lines[1:]...)
	if len(r.LateByUnit) > 0 {
		var parts []string
		for _, l := range r.LateByUnit {
			u := "chưa xác định"
			if l.Unit != "" {
				u = l.Unit
				if info.UnitName != nil {
					u = info.UnitName(l.Unit)
				}
			}
			parts = append(parts, u+": "+groupNum(l.Late))
		}
		s.Notes[len(s.Notes)-1] = "Hồ sơ quá hạn theo đơn vị làm chậm: " + strings.Join(parts, "; ") + "."
	}
	place := info.Place
	if place == "" {
		place = "……"
	}
	s.Dated = place + ", ngày " + fmt.Sprintf("%02d", info.Date.Day) + " tháng " + fmt.Sprintf("%02d", int(info.Date.Month)) + " năm " + strconv.Itoa(info.Date.Year)
	head := info.HeadTitle
	if head == "" {
		head = "THỦ TRƯỞNG ĐƠN VỊ"
	}
	s.Signs = []StatSigner{{Title: "NGƯỜI LẬP BIỂU", Hint: "(Ký, ghi rõ họ tên)", Name: info.Preparer},
		{Title: head, Hint: "(Ký, đóng dấu, ghi rõ họ tên)", Name: info.Head}}
	return s
}

// form06Table is the table of Biểu 06 with its notes, without the form's
// header and signature block.
func form06Table(r report.Report, agency string, fieldName func(code string) string) StatSheet {
	s := StatSheet{Agency: agency, Code: report.Form06.Code, Title: report.Form06.Title}
	var p report.Period
	p.From, _ = calendar.ParseDate(r.From)
	p.To, _ = calendar.ParseDate(r.To)
	s.Lines = []string{"Kỳ báo cáo: " + p.Label(), "Đơn vị tính: Số hồ sơ thủ tục hành chính"}
	for _, g := range report.Form06.Groups {
		s.Groups = append(s.Groups, StatGroup{Title: g.Title, Cols: g.Cols})
	}
	for _, fr := range r.FormRows(fieldName) {
		s.Rows = append(s.Rows, StatRow{Labels: []string{fr.No, fr.Label}, Counts: fr.Counts[:], Bold: fr.Total})
	}
	s.Notes = []string{
		"Tỷ lệ giải quyết trước hạn và đúng hạn: " + report.FormatRate(r.Total.OnTimeRate) + " = (cột 8 + cột 9) / cột 7.",
		"Tỷ lệ hồ sơ trực tuyến: " + report.FormatRate(r.Total.OnlineRate) + " = cột 4 / (cột 4 + cột 5).",
	}
	if len(r.LateByUnit) > 0 {
		var parts []string
		for _, l := range r.LateByUnit {
			u := l.Unit
			if u == "" {
				u = "chưa xác định"
			}
			if l.Tenant != "" {
				u = l.Tenant + "/" + u
			}
			parts = append(parts, u+": "+groupNum(l.Late))
		}
		s.Notes = append(s.Notes, "Hồ sơ quá hạn theo đơn vị làm chậm: "+strings.Join(parts, "; ")+".")
	}
	return s
}
