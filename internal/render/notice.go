package render

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Notice is a plain document of the agency: letterhead, title, paragraphs
// and the signature block. The demo department issues its sample
// electronic result with it, so that the sample reads as correct
// Vietnamese like every other document.
type Notice struct {
	Agency   Agency
	Number   string // "12/GĐK-STP": the letterhead prints "Số: " before it; empty prints no number line
	At       time.Time
	Title    string // upper case: "GIẤY ĐĂNG KÝ HOẠT ĐỘNG"
	Subtitle string // optional line under the title
	// Authority is a decision's issuing authority, printed in bold capitals
	// under the title (Decree 30/2020/NĐ-CP, Appendix I: "GIÁM ĐỐC SỞ TƯ
	// PHÁP TỈNH …"); empty prints none.
	Authority   string
	Paragraphs  []string // body, one paragraph each
	SignerTitle string   // "GIÁM ĐỐC"
	Signer      string   // full name
	Recipients  []string // "Nơi nhận", beside the signature; none prints none
}

// NoticePDF draws a Notice with the embedded fonts.
func NoticePDF(s Notice) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Notice(s)
}

// Notice draws a Notice.
func (r *Renderer) Notice(s Notice) ([]byte, error) {
	if err := require("notice", map[string]string{"Title": s.Title, "Agency.Name": s.Agency.Name}, map[string]time.Time{"At": s.At}); err != nil {
		return nil, err
	}
	m := meta{title: s.Title, subject: s.Subtitle, author: s.Agency.inText(), date: s.At}
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, false, s.Number, s.At)
		if s.Subtitle != "" {
			d.title(s.Title, plain(s.Subtitle))
		} else {
			d.title(s.Title)
		}
		if s.Authority != "" {
			d.text(flow{size: bodySize, lineH: bodyLine, align: 'C'}, bold(s.Authority))
		}
		for _, p := range s.Paragraphs {
			f, spans := noticeParagraph(p)
			d.text(f, spans...)
		}
		d.closing(s.Recipients, signature{title: orDefault1(s.SignerTitle, "THỦ TRƯỞNG CƠ QUAN"), hint: "(Ký, ghi rõ họ tên và đóng dấu)", name: s.Signer})
		return nil
	})
}

// noticeParagraph sets a body paragraph as Decree 30/2020/NĐ-CP sets a
// decision's: the operative word alone on its line ("QUYẾT ĐỊNH:", "KẾT
// LUẬN:") centred in bold; an article's label ("Điều 1.") in bold; the
// rest as running text with a first-line indent.
func noticeParagraph(p string) (flow, []span) {
	t := strings.TrimSpace(p)
	if strings.HasSuffix(t, ":") && t == strings.ToUpper(t) && strings.ContainsFunc(t, unicode.IsLetter) && utf8.RuneCountInString(t) <= 40 {
		return flow{size: bodySize, lineH: bodyLine, align: 'C'}, []span{bold(t)}
	}
	if rest, ok := strings.CutPrefix(t, "Điều "); ok {
		i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if i > 0 && rest[i] == '.' {
			return bodyFirst, []span{bold("Điều " + rest[:i+1]), plain(rest[i+1:])}
		}
	}
	return bodyFirst, []span{plain(p)}
}
