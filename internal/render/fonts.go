package render

// The fonts: Liberation Serif 2.1.5 (SIL OFL 1.1, see fonts/LICENSE), metric
// compatible with Times New Roman, which Decree 30/2020/NĐ-CP, Annex I,
// prescribes for administrative documents (Unicode font, TCVN 6909:2001).

import (
	"bytes"
	"embed"
	"errors"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

//go:embed fonts/LiberationSerif-Regular.ttf fonts/LiberationSerif-Bold.ttf fonts/LiberationSerif-Italic.ttf fonts/LiberationSerif-BoldItalic.ttf fonts/LICENSE
var fontFS embed.FS

// family is the name the fonts are registered under in each document.
const family = "serif"

// Fonts holds the four TrueType (glyf) files of one serif family.
type Fonts struct {
	Regular, Bold, Italic, BoldItalic []byte
}

func embeddedFonts() (Fonts, error) {
	var f Fonts
	for _, x := range []struct {
		dst  *[]byte
		name string
	}{
		{&f.Regular, "fonts/LiberationSerif-Regular.ttf"},
		{&f.Bold, "fonts/LiberationSerif-Bold.ttf"},
		{&f.Italic, "fonts/LiberationSerif-Italic.ttf"},
		{&f.BoldItalic, "fonts/LiberationSerif-BoldItalic.ttf"},
	} {
		b, err := fontFS.ReadFile(x.name)
		if err != nil {
			return Fonts{}, fmt.Errorf("render: embedded font: %w", err)
		}
		*x.dst = b
	}
	return f, nil
}

// styles pairs fpdf style strings with the files.
func (f Fonts) styles() [4]struct {
	style string
	data  []byte
} {
	return [4]struct {
		style string
		data  []byte
	}{{"", f.Regular}, {"B", f.Bold}, {"I", f.Italic}, {"BI", f.BoldItalic}}
}

// check makes sure every file is a TrueType font fpdf can use. fpdf prints
// parse errors to stdout instead of returning them, so the magic number is
// checked first and the outcome is then confirmed through SetFont.
func (f Fonts) check() error {
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, s := range f.styles() {
		if len(s.data) < 12 {
			return fmt.Errorf("render: font style %q: missing or truncated file", s.style)
		}
		if m := s.data[:4]; !bytes.Equal(m, []byte{0, 1, 0, 0}) && !bytes.Equal(m, []byte("true")) {
			return fmt.Errorf("render: font style %q: not a TrueType (glyf) font", s.style)
		}
		pdf.AddUTF8FontFromBytes(family, s.style, s.data)
		pdf.SetFont(family, s.style, 12)
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("render: font style %q: %w", s.style, err)
		}
	}
	// Vietnamese needs these; a font without them would print blanks.
	for _, r := range "ẠẶẬẸỆỊỌỘỢỤỰỲỴĐđƠơƯư" {
		if pdf.GetStringWidth(string(r)) == 0 {
			return errors.New("render: font lacks Vietnamese letters")
		}
	}
	return nil
}
