package render

// Ruled tables (the document list of Mẫu 01, the hand-over table of Mẫu 06):
// cells wrap, the header row repeats at the top of every page the table
// reaches, and a row taller than what is left of a page continues on the next.

// column is one table column.
type column struct {
	title string
	width float64 // mm
	align byte    // body cells: 'L', 'C', 'R' or 'J'
}

// table is the look of a table.
type table struct {
	cols  []column
	size  float64 // pt
	lineH float64 // mm
	padX  float64 // mm
	padY  float64 // mm
}

// cellLines lays out each cell of a row.
func (d *doc) cellLines(t table, cells []span, header bool) [][]line {
	out := make([][]line, len(t.cols))
	for i, c := range t.cols {
		if i >= len(cells) {
			break
		}
		f := t.cellFlow(c, header)
		out[i] = d.layout([]span{cells[i]}, f, c.width-2*t.padX)
	}
	return out
}

func (t table) cellFlow(c column, header bool) flow {
	f := flow{size: t.size, lineH: t.lineH, align: c.align}
	if header {
		f.align = 'C'
	}
	return f
}

// rowHeight is the height of a row that fits in one piece.
func (t table) rowHeight(lines [][]line) float64 {
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return float64(n)*t.lineH + 2*t.padY
}

// drawRow draws the row's lines [from, from+n) of every cell in boxes of
// height h at the current y; centre lays short cells out in the vertical
// middle of the box.
func (d *doc) drawRow(t table, lines [][]line, from, n int, header, centre bool) {
	h := float64(n)*t.lineH + 2*t.padY
	x := marginLeft
	for i, c := range t.cols {
		d.pdf.Rect(x, d.y, c.width, h, "D")
		cell := lines[i]
		end := min(from+n, len(cell))
		top := d.y + t.padY
		if centre && end > from {
			top += float64(n-(end-from)) * t.lineH / 2
		}
		f := t.cellFlow(c, header)
		f.left, f.width = x+t.padX, c.width-2*t.padX
		for k := from; k < end; k++ {
			d.drawLine(cell[k], f, top+float64(k-from)*t.lineH)
		}
		x += c.width
	}
	d.y += h
}

// header draws the header row (bold, centred).
func (d *doc) tableHeader(t table) {
	cells := make([]span, len(t.cols))
	for i, c := range t.cols {
		cells[i] = bold(c.title)
	}
	lines := d.cellLines(t, cells, true)
	n := int((t.rowHeight(lines) - 2*t.padY) / t.lineH)
	d.drawRow(t, lines, 0, n, true, true)
}

// table draws the header row and rows, breaking pages between rows (or
// inside a row taller than a page) and repeating the header on each page.
func (d *doc) table(t table, rows [][]span) {
	headLines := d.cellLines(t, spansOf(t), true)
	headH := t.rowHeight(headLines)
	// The header never ends a page alone.
	first := headH + t.lineH + 2*t.padY
	if len(rows) > 0 {
		first = headH + t.rowHeight(d.cellLines(t, rows[0], false))
	}
	if first > pageH-marginBottom-marginTop {
		first = headH + t.lineH + 2*t.padY
	}
	d.ensure(first)
	d.tableHeader(t)

	saved := d.onNewPage
	d.onNewPage = func() {
		if saved != nil {
			saved()
		}
		d.tableHeader(t)
	}
	defer func() { d.onNewPage = saved }()

	bottom := pageH - marginBottom
	for _, r := range rows {
		lines := d.cellLines(t, r, false)
		total := 0
		for _, l := range lines {
			total = max(total, len(l))
		}
		total = max(total, 1)
		// A row that fits on a fresh page is never split.
		if d.y+float64(total)*t.lineH+2*t.padY > bottom && float64(total)*t.lineH+2*t.padY <= bottom-marginTop-headH {
			d.newPage()
		}
		for from := 0; from < total; {
			fit := int((bottom - d.y - 2*t.padY + 1e-6) / t.lineH)
			if fit < 1 {
				d.newPage()
				continue
			}
			n := min(fit, total-from)
			d.drawRow(t, lines, from, n, false, from == 0 && n == total)
			from += n
		}
	}
}

func spansOf(t table) []span {
	s := make([]span, len(t.cols))
	for i, c := range t.cols {
		s[i] = bold(c.title)
	}
	return s
}
