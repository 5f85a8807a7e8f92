package render

// The department's annual (or six-month) report drafted from data
// (package annualreport): PDF for reading and printing, DOCX for the
// director to edit in Word, XLSX of the figures. Each field has the
// director's paragraph (or a blank to write), the sentences tuphap writes
// from the records, and a table of its figures with their definitions; a
// field whose register is not kept in tuphap says so, with no number.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/annualreport"
)

// AnnualTitle is the report's title.
func AnnualTitle(r annualreport.Report) string {
	return "BÁO CÁO KẾT QUẢ CÔNG TÁC TƯ PHÁP " + strings.ToUpper(r.Period.Name())
}

const noText = "(Phần đánh giá của lãnh đạo Sở: chưa viết.)"

// annualOutline is the report's order, shared by the PDF and the DOCX:
// I. the situation; II. results by field; III. limitations; IV. tasks ahead.
type outlineItem struct {
	heading string
	level   int
	text    string   // a paragraph (the director's)
	lines   []string // tuphap's sentences
	figures []annualreport.Figure
	notHeld string
}

func annualOutline(r annualreport.Report) []outlineItem {
	text := func(k string) string {
		if t := strings.TrimSpace(r.Texts[k]); t != "" {
			return t
		}
		return noText
	}
	out := []outlineItem{{heading: "I. " + strings.ToUpper(annualreport.Parts[0].Title), level: 1, text: text("intro")},
		{heading: "II. KẾT QUẢ THỰC HIỆN CÁC MẶT CÔNG TÁC", level: 1}}
	for i, s := range r.Sections {
		it := outlineItem{heading: fmt.Sprintf("%d. %s", i+1, s.Title), level: 2, lines: s.Lines, figures: s.Figures}
		if s.Held {
			it.text = text(s.Key)
		} else {
			it.notHeld = s.NotHeld
		}
		out = append(out, it)
	}
	out = append(out,
		outlineItem{heading: "III. " + strings.ToUpper(annualreport.Parts[1].Title), level: 1, text: text("limitations")},
		outlineItem{heading: "IV. " + strings.ToUpper(annualreport.Parts[2].Title), level: 1, text: text("tasks")})
	return out
}

// AnnualPDF draws the report.
func (r *Renderer) AnnualPDF(a Agency, rep annualreport.Report) ([]byte, error) {
	title := AnnualTitle(rep)
	m := meta{title: title, subject: "Báo cáo công tác " + rep.Period.Name(), author: a.inText(), date: rep.Generated}
	return r.render(m, func(d *doc) error {
		d.letterhead(a, false, "", rep.Generated)
		d.title(title, italic(fmt.Sprintf("(Kỳ báo cáo từ %s đến %s; số liệu tính từ cơ sở dữ liệu tuphap)",
			rep.Period.From.Format("02/01/2006"), rep.Period.To.Format("02/01/2006"))))
		for _, it := range annualOutline(rep) {
			d.ensure(20)
			d.text(bodyLeft, bold(it.heading))
			if it.notHeld != "" {
				d.text(bodyFirst, italic(it.notHeld))
			}
			if it.text != "" {
				st := plain(it.text)
				if it.text == noText {
					st = italic(it.text)
				}
				for _, para := range strings.Split(st.text, "\n") {
					d.text(bodyFirst, span{para, st.style})
				}
			}
			for _, l := range it.lines {
				d.text(bodyFirst, plain("- "+l))
			}
			if len(it.figures) > 0 {
				t := table{cols: []column{{"Chỉ tiêu", 50, 'L'}, {"Số liệu", 30, 'R'}, {"Cách tính (định nghĩa)", contentW - 80, 'L'}},
					size: 10.5, lineH: 4.6, padX: 1.5, padY: 1}
				rows := make([][]span, 0, len(it.figures))
				for _, f := range it.figures {
					v := f.Text()
					if det := f.Detail(); det != "" && f.Value != nil {
						v += " (" + det + ")"
					}
					val := bold(v)
					if f.Value == nil {
						val = italic(v)
					}
					def := f.Definition
					if f.NotHeld != "" {
						def = f.NotHeld + " " + def
					}
					rows = append(rows, []span{plain(f.Label), val, plain(def)})
				}
				d.gap(1)
				d.table(t, rows)
				d.gap(2)
			}
		}
		d.gap(4)
		d.closing([]string{"Bộ Tư pháp;", "UBND tỉnh;", "Lãnh đạo Sở;", "Lưu: VT."}, signature{title: "GIÁM ĐỐC", hint: "(Ký, ghi rõ họ tên)"})
		return nil
	})
}

// AnnualDOCX writes the report as a Word document (WordprocessingML), for
// the director to edit.
func AnnualDOCX(w io.Writer, a Agency, rep annualreport.Report) error {
	var b strings.Builder
	esc := func(s string) string {
		var o bytes.Buffer
		_ = xml.EscapeText(&o, []byte(s))
		return o.String()
	}
	run := func(s string, bold, ital bool, size int) string {
		pr := `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>`
		if bold {
			pr += `<w:b/>`
		}
		if ital {
			pr += `<w:i/>`
		}
		pr += fmt.Sprintf(`<w:sz w:val="%d"/>`, size)
		return `<w:r><w:rPr>` + pr + `</w:rPr><w:t xml:space="preserve">` + esc(s) + `</w:t></w:r>`
	}
	para := func(align string, indent bool, runs ...string) {
		pp := `<w:pPr><w:spacing w:after="80"/>`
		if indent {
			pp += `<w:ind w:firstLine="567"/>`
		}
		if align != "" {
			pp += `<w:jc w:val="` + align + `"/>`
		}
		b.WriteString(`<w:p>` + pp + `</w:pPr>` + strings.Join(runs, "") + `</w:p>`)
	}
	cell := func(width int, s string, bold, ital bool, align string) string {
		return fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="%s"/></w:pPr>%s</w:p></w:tc>`,
			width, align, run(s, bold, ital, 22))
	}
	para("center", false, run(strings.ToUpper(a.Superior), false, false, 26))
	para("center", false, run(strings.ToUpper(a.Name), true, false, 26))
	para("center", false, run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, 26))
	para("center", false, run("Độc lập - Tự do - Hạnh phúc", true, false, 28))
	para("right", false, run(placeDate(a.Place, rep.Generated), false, true, 26))
	para("center", false, run(AnnualTitle(rep), true, false, 28))
	para("center", false, run(fmt.Sprintf("(Kỳ báo cáo từ %s đến %s; số liệu tính từ cơ sở dữ liệu tuphap)",
		rep.Period.From.Format("02/01/2006"), rep.Period.To.Format("02/01/2006")), false, true, 26))
	for _, it := range annualOutline(rep) {
		para("left", false, run(it.heading, true, false, 26))
		if it.notHeld != "" {
			para("both", true, run(it.notHeld, false, true, 26))
		}
		if it.text != "" {
			for _, p := range strings.Split(it.text, "\n") {
				para("both", true, run(p, false, it.text == noText, 26))
			}
		}
		for _, l := range it.lines {
			para("both", true, run("- "+l, false, false, 26))
		}
		if len(it.figures) > 0 {
			b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>` +
				`<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>` +
				`<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>` +
				`</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="1800"/><w:gridCol w:w="4200"/></w:tblGrid>`)
			b.WriteString(`<w:tr>` + cell(3000, "Chỉ tiêu", true, false, "center") + cell(1800, "Số liệu", true, false, "center") +
				cell(4200, "Cách tính (định nghĩa)", true, false, "center") + `</w:tr>`)
			for _, f := range it.figures {
				v := f.Text()
				if det := f.Detail(); det != "" && f.Value != nil {
					v += " (" + det + ")"
				}
				def := f.Definition
				if f.NotHeld != "" {
					def = f.NotHeld + " " + def
				}
				// The key is kept as the cell's bookmark-free tag text at
				// the end of the definition, so a figure can be found in the
				// document by its stable key.
				b.WriteString(`<w:tr>` + cell(3000, f.Label, false, false, "left") + cell(1800, v, f.Value != nil, f.Value == nil, "right") +
					cell(4200, def+" ["+f.Key+"]", false, false, "left") + `</w:tr>`)
			}
			b.WriteString(`</w:tbl>`)
			para("left", false)
		}
	}
	para("right", false, run("GIÁM ĐỐC", true, false, 26))
	para("right", false, run("(Ký, ghi rõ họ tên)", false, true, 26))

	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + b.String() +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>` +
		`</w:body></w:document>`
	zw := zip.NewWriter(w)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", doc},
	}
	for _, f := range files {
		fw, err := zw.Create(f.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, f.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// AnnualXLSX writes the report's figures, one a row: field, key, figure,
// value (a number, empty when not held), numerator, denominator, unit,
// definition, the link to the records.
func AnnualXLSX(w io.Writer, a Agency, rep annualreport.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Số liệu"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	set := func(cell string, v any) error { return f.SetCellValue(sheet, cell, v) }
	if err := set("A1", a.inText()+": "+AnnualTitle(rep)); err != nil {
		return err
	}
	head := []string{"Lĩnh vực", "Mã chỉ tiêu", "Chỉ tiêu", "Số liệu", "Tử số", "Mẫu số", "Đơn vị tính", "Cách tính", "Ghi chú", "Danh sách hồ sơ"}
	for i, h := range head {
		c, _ := excelize.CoordinatesToCellName(i+1, 3)
		if err := set(c, h); err != nil {
			return err
		}
	}
	row := 4
	for _, s := range rep.Sections {
		for _, fg := range s.Figures {
			vals := []any{s.Title, fg.Key, fg.Label, nil, nil, nil, fg.Unit, fg.Definition, fg.NotHeld, fg.Drill}
			if fg.Value != nil {
				vals[3] = *fg.Value
			}
			if fg.Numerator != nil {
				vals[4], vals[5] = *fg.Numerator, *fg.Denominator
			}
			for i, v := range vals {
				if v == nil {
					continue
				}
				c, _ := excelize.CoordinatesToCellName(i+1, row)
				if err := set(c, v); err != nil {
					return err
				}
			}
			row++
		}
	}
	for i, wd := range []float64{30, 24, 36, 12, 10, 10, 12, 60, 40, 50} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// Annual draws the report with the embedded fonts.
func Annual(a Agency, rep annualreport.Report) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.AnnualPDF(a, rep)
}
