package render

import "time"

// Notice is a plain document of the agency: letterhead, title, paragraphs
// and the signature block. The demo department issues its sample
// electronic result with it, so that the sample reads as correct
// Vietnamese like every other document.
type Notice struct {
	Agency      Agency
	Number      string // "12/GĐK-STP": the letterhead prints "Số: " before it; empty prints no number line
	At          time.Time
	Title       string   // upper case: "GIẤY ĐĂNG KÝ HOẠT ĐỘNG"
	Subtitle    string   // optional line under the title
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
		for _, p := range s.Paragraphs {
			d.text(bodyFirst, plain(p))
		}
		d.closing(s.Recipients, signature{title: orDefault1(s.SignerTitle, "THỦ TRƯỞNG CƠ QUAN"), hint: "(Ký, ghi rõ họ tên và đóng dấu)", name: s.Signer})
		return nil
	})
}
