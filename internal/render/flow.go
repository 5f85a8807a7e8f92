package render

// Text flow: word wrapping of mixed-style text, justified or aligned, with
// page breaks between lines. fpdf's MultiCell is not used: it cannot mix
// styles, and in justified mode a line without a space divides by zero.

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// clean prepares any caller string for drawing: NFC (fpdf has no shaping,
// so combining marks would be misplaced), no carriage returns, tabs as
// spaces, no other control characters, and no runes outside the Basic
// Multilingual Plane (fpdf's width table stops at U+FFFF).
func clean(s string) string {
	s = norm.NFC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		case r > 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

// span is a piece of text in one style ("", "B", "I" or "BI").
type span struct {
	text  string
	style string
}

func plain(s string) span    { return span{s, ""} }
func bold(s string) span     { return span{s, "B"} }
func italic(s string) span   { return span{s, "I"} }
func boldItal(s string) span { return span{s, "BI"} }

// flow says how a block of text is set.
type flow struct {
	size   float64 // font size, pt
	lineH  float64 // line height, mm
	align  byte    // 'L', 'J' (justify), 'C' or 'R'
	left   float64 // x of the block, mm; 0 means the left margin
	width  float64 // width of the block, mm; 0 means up to the right margin
	indent float64 // first-line indent, mm
	hang   float64 // indent of the other lines, mm
}

// piece is a word or a space, measured.
type piece struct {
	text  string
	style string
	w     float64
	space bool
}

// line is one set line.
type line struct {
	pieces []piece
	w      float64 // natural width
	indent float64
	last   bool // last line of a paragraph: never justified
}

// box resolves the block's x and width against the margins.
func (d *doc) box(f flow) (x, w float64) {
	x, w = f.left, f.width
	if x == 0 {
		x = marginLeft
	}
	if w == 0 {
		w = pageW - marginRight - x
	}
	return x, w
}

// width measures s in style at size.
func (d *doc) width(s, style string, size float64) float64 {
	d.pdf.SetFont(family, style, size)
	return d.pdf.GetStringWidth(s)
}

// layout breaks spans into lines of at most width w.
func (d *doc) layout(spans []span, f flow, w float64) []line {
	var lines []line
	cur := line{indent: f.indent}
	var pending []piece // spaces waiting for the next word on this line
	push := func(last bool) {
		cur.last = last
		lines = append(lines, cur)
		cur = line{indent: f.hang}
		pending = nil
	}
	add := func(p piece) {
		for _, s := range pending {
			cur.pieces = append(cur.pieces, s)
			cur.w += s.w
		}
		pending = nil
		cur.pieces = append(cur.pieces, p)
		cur.w += p.w
	}
	for _, sp := range spans {
		text := clean(sp.text)
		for len(text) > 0 {
			switch {
			case text[0] == '\n':
				push(true)
				text = text[1:]
				continue
			case text[0] == ' ':
				if len(cur.pieces) > 0 {
					pending = append(pending, piece{text: " ", style: sp.style, w: d.width(" ", sp.style, f.size), space: true})
				}
				text = text[1:]
				continue
			}
			end := strings.IndexAny(text, " \n")
			if end < 0 {
				end = len(text)
			}
			word := text[:end]
			text = text[end:]
			ww := d.width(word, sp.style, f.size)
			sw := 0.0
			for _, s := range pending {
				sw += s.w
			}
			if len(cur.pieces) > 0 && cur.w+sw+ww > w-cur.indent+1e-6 {
				push(false)
			}
			// A word wider than the line is cut where it must be.
			for ww > w-cur.indent+1e-6 {
				head, rest := d.cut(word, sp.style, f.size, w-cur.indent)
				add(piece{text: head, style: sp.style, w: d.width(head, sp.style, f.size)})
				push(false)
				word = rest
				ww = d.width(word, sp.style, f.size)
			}
			if word != "" {
				add(piece{text: word, style: sp.style, w: ww})
			}
		}
	}
	if len(cur.pieces) > 0 || len(lines) == 0 {
		push(true)
	} else {
		lines[len(lines)-1].last = true
	}
	return lines
}

// cut returns the longest head of word (at least one rune) that fits in w.
func (d *doc) cut(word, style string, size, w float64) (head, rest string) {
	runes := []rune(word)
	n := 1
	for n < len(runes) && d.width(string(runes[:n+1]), style, size) <= w {
		n++
	}
	return string(runes[:n]), string(runes[n:])
}

// drawLine sets one line with its top at y.
func (d *doc) drawLine(l line, f flow, y float64) {
	x, w := d.box(f)
	x += l.indent
	avail := w - l.indent
	// Trailing spaces never count.
	for len(l.pieces) > 0 && l.pieces[len(l.pieces)-1].space {
		l.w -= l.pieces[len(l.pieces)-1].w
		l.pieces = l.pieces[:len(l.pieces)-1]
	}
	spaces := 0
	for _, p := range l.pieces {
		if p.space {
			spaces++
		}
	}
	extra := 0.0
	switch {
	case f.align == 'C':
		x += (avail - l.w) / 2
	case f.align == 'R':
		x += avail - l.w
	case f.align == 'J' && !l.last && spaces > 0:
		extra = (avail - l.w) / float64(spaces)
	}
	if extra == 0 {
		// Runs of one style go out as one string: best for text extraction.
		for i := 0; i < len(l.pieces); {
			j, run, rw := i, "", 0.0
			for ; j < len(l.pieces) && l.pieces[j].style == l.pieces[i].style; j++ {
				run += l.pieces[j].text
				rw += l.pieces[j].w
			}
			d.put(x, y, rw, f.lineH, run, l.pieces[i].style, f.size, "L")
			x += rw
			i = j
		}
		return
	}
	for _, p := range l.pieces {
		if p.space {
			x += p.w + extra
			continue
		}
		d.put(x, y, p.w, f.lineH, p.text, p.style, f.size, "L")
		x += p.w
	}
}

// text sets spans as a paragraph at the current position, breaking pages
// between lines, and moves below it.
func (d *doc) text(f flow, spans ...span) {
	_, w := d.box(f)
	for _, l := range d.layout(spans, f, w) {
		if d.y+f.lineH > pageH-marginBottom {
			d.newPage()
		}
		d.drawLine(l, f, d.y)
		d.y += f.lineH
	}
}

// height is how tall spans would be when set with f.
func (d *doc) height(f flow, spans ...span) float64 {
	_, w := d.box(f)
	return float64(len(d.layout(spans, f, w))) * f.lineH
}
