package render

// Mẫu 07 – Sổ theo dõi hồ sơ (the dossier register), Annex I to Circular
// 03/2025/TT-VPCP (Mẫu 06 of Circular 01/2018/TT-VPCP before it). One row per
// dossier received: code, procedure, sets, applicant with address and
// phone, the agency resolving it, received, due, sent to the resolving
// agency, result back from it, returned, notes. The column list follows the
// 2018 form (research/onestop.md §1.2; the 2025 annex was not read:
// unverified).

import (
	"fmt"
	"io"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"
)

// Register is the content of Mẫu 07 for a period and a desk.
type Register struct {
	Superior string // "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"
	Desk     string // the receiving organisation, upper case
	Lines    []string
	Rows     []RegisterRow
}

// RegisterRow is one dossier of the register; times already formatted
// ("09:00 02/03/2026"), empty when not yet.
type RegisterRow struct {
	Code, Procedure     string
	Sets                int
	Applicant, Contact  string
	Resolver            string
	Received, Due       string
	SentOut, ResultBack string
	Returned, Note      string
}

// RegisterColumns are the register's columns, in order.
var RegisterColumns = []string{"STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)", "Tên cá nhân, tổ chức",
	"Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết", "Nhận hồ sơ (giờ, ngày)", "Hẹn trả kết quả (giờ, ngày)",
	"Chuyển hồ sơ đến cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết", "Trả kết quả (giờ, ngày)", "Ghi chú"}

var registerWidths = []float64{10, 36, 34, 12, 24, 28, 24, 18, 18, 18, 18, 18, 19} // 277 mm

func (r RegisterRow) cells(i int) []string {
	return []string{strconv.Itoa(i + 1), r.Code, r.Procedure, strconv.Itoa(r.Sets), r.Applicant, r.Contact, r.Resolver,
		r.Received, r.Due, r.SentOut, r.ResultBack, r.Returned, r.Note}
}

const registerTitle = "SỔ THEO DÕI HỒ SƠ"

// RegisterPDF writes the register as an A4 landscape PDF, the header
// repeated on every page.
func RegisterPDF(w io.Writer, s Register) error {
	fonts, err := embeddedFonts()
	if err != nil {
		return err
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetMargins(10, 10, 10)
	pdf.SetAutoPageBreak(false, 10)
	for _, st := range fonts.styles() {
		pdf.AddUTF8FontFromBytes(family, st.style, st.data)
	}
	pdf.SetTitle(registerTitle, true)
	pdf.SetSubject("Mẫu 07 - Thông tư 03/2025/TT-VPCP", true)
	pdf.AddPage()
	const contentW, bottom, lineH = 277.0, 200.0, 4.0
	pdf.SetFont(family, "", 11)
	pdf.CellFormat(contentW, 5, s.Superior, "", 1, "L", false, 0, "")
	pdf.SetFont(family, "B", 11)
	pdf.CellFormat(contentW, 5, s.Desk, "", 1, "L", false, 0, "")
	pdf.Ln(2)
	pdf.SetFont(family, "B", 14)
	pdf.CellFormat(contentW, 7, registerTitle, "", 1, "C", false, 0, "")
	pdf.SetFont(family, "I", 11)
	for _, l := range s.Lines {
		pdf.CellFormat(contentW, 5.5, l, "", 1, "C", false, 0, "")
	}
	pdf.Ln(2)
	row := func(cells []string, style string, size float64) {
		pdf.SetFont(family, style, size)
		lines := make([][]string, len(cells))
		h := 0.0
		for i, c := range cells {
			lines[i] = pdf.SplitText(c, registerWidths[i]-1.6)
			h = max(h, float64(max(1, len(lines[i])))*lineH+2)
		}
		if pdf.GetY()+h > bottom {
			pdf.AddPage()
		}
		x, y := 10.0, pdf.GetY()
		for i := range cells {
			pdf.Rect(x, y, registerWidths[i], h, "D")
			for k, l := range lines[i] {
				pdf.SetXY(x+0.8, y+1+float64(k)*lineH)
				align := "L"
				if i == 0 || i == 3 {
					align = "C"
				}
				pdf.CellFormat(registerWidths[i]-1.6, lineH, l, "", 0, align, false, 0, "")
			}
			x += registerWidths[i]
		}
		pdf.SetXY(10, y+h)
	}
	nums := make([]string, len(RegisterColumns))
	for i := range nums {
		nums[i] = "(" + strconv.Itoa(i+1) + ")"
	}
	header := func() { row(RegisterColumns, "B", 8.5); row(nums, "I", 8) }
	header()
	for i, r := range s.Rows {
		if pdf.GetY()+12 > bottom {
			pdf.AddPage()
			header()
		}
		row(r.cells(i), "", 8.5)
	}
	if len(s.Rows) == 0 {
		pdf.SetFont(family, "I", 10)
		pdf.CellFormat(contentW, 7, "Không có hồ sơ trong kỳ.", "", 1, "C", false, 0, "")
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("render: register PDF: %w", err)
	}
	return pdf.Output(w)
}

// RegisterXLSX writes the register as an Excel workbook: title lines, the
// column header, one row per dossier.
func RegisterXLSX(w io.Writer, s Register) error {
	f := excelize.NewFile()
	defer f.Close()
	const name = "SoTheoDoi"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	n := len(RegisterColumns)
	last, _ := excelize.ColumnNumberToName(n)
	var err error
	style := func(st *excelize.Style) int {
		id, e := f.NewStyle(st)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	sTitle := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Family: "Times New Roman"}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	sHead := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 11, Family: "Times New Roman"}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	sCell := style(&excelize.Style{Font: &excelize.Font{Size: 11, Family: "Times New Roman"}, Border: border, Alignment: wrap})
	if err != nil {
		return err
	}
	set := func(cell string, v any, st int) {
		if e := f.SetCellValue(name, cell, v); e != nil && err == nil {
			err = e
		}
		if e := f.SetCellStyle(name, cell, cell, st); e != nil && err == nil {
			err = e
		}
	}
	set("A1", s.Superior, 0)
	set("A2", s.Desk, 0)
	set("A3", registerTitle, sTitle)
	if e := f.MergeCell(name, "A3", last+"3"); e != nil {
		return e
	}
	r := 4
	for _, l := range s.Lines {
		set("A"+strconv.Itoa(r), l, 0)
		r++
	}
	r++
	for i, c := range RegisterColumns {
		cell, _ := excelize.CoordinatesToCellName(i+1, r)
		set(cell, c, sHead)
		col, _ := excelize.ColumnNumberToName(i + 1)
		if e := f.SetColWidth(name, col, col, registerWidths[i]*0.75); e != nil {
			return e
		}
	}
	for i, row := range s.Rows {
		for j, c := range row.cells(i) {
			cell, _ := excelize.CoordinatesToCellName(j+1, r+1+i)
			var v any = c
			if j == 0 || j == 3 {
				v, _ = strconv.Atoi(c)
			}
			set(cell, v, sCell)
		}
	}
	if err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
