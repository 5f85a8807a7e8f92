package render

// A prize-winner's certificate of an online legal-knowledge contest (giấy
// chứng nhận đạt giải): the organisers' letterhead (Decree 30/2020/NĐ-CP),
// the certificate's number, the person, the unit they competed for, the
// prize, the round and the contest, the result that earned it, and the
// organising committee's signature. A round's certificates are drawn as
// one document, a page each, for printing; a winner downloads their own.

import (
	"fmt"
	"strings"
	"time"

	"tuphap/internal/vnfmt"
)

// ContestCertificate is one winner's certificate.
type ContestCertificate struct {
	Agency               // the organising department's header and place
	Number     string    // "1/GCN-BTC"
	Contest    string    // the contest's title
	Round      string    // the round's title ("Vòng 1: Tháng 4")
	Person     string    // full name
	BirthDate  time.Time // zero: not printed
	Unit       string    // the unit or commune they competed for
	Prize      string    // "Giải Nhất"
	Rank       int
	Correct    int
	Questions  int
	Date       time.Time // the ranking's date
	Signer     string    // "TM. BAN TỔ CHỨC\nTRƯỞNG BAN" (empty: that)
	SignerName string
	Verify     string // where the published results are ("…/thi/{code}/vong/{id}/ket-qua")
	AttemptID  string
}

// ContestCertificatesPDF draws the certificates, a page each, with the
// embedded fonts.
func ContestCertificatesPDF(cs []ContestCertificate) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.ContestCertificates(cs)
}

// ContestCertificates draws the certificates, a page each. The pages are
// not numbered: each is a document of its own.
func (r *Renderer) ContestCertificates(cs []ContestCertificate) ([]byte, error) {
	if len(cs) == 0 {
		return nil, fmt.Errorf("render: contest certificates: none to draw")
	}
	for _, c := range cs {
		if err := require("contest certificate", map[string]string{"Person": c.Person, "Prize": c.Prize, "Contest": c.Contest},
			map[string]time.Time{"Date": c.Date}); err != nil {
			return nil, err
		}
	}
	const title = "GIẤY CHỨNG NHẬN"
	m := meta{title: title, subject: "Giấy chứng nhận đạt giải: " + cs[0].Contest, author: cs[0].Agency.inText(), date: cs[0].Date, unnumbered: true}
	return r.render(m, func(d *doc) error {
		for i, c := range cs {
			if i > 0 {
				d.newPage()
			}
			d.certificate(c)
		}
		return nil
	})
}

func (d *doc) certificate(c ContestCertificate) {
	centre := func(size, lineH float64) flow { return flow{size: size, lineH: lineH, align: 'C'} }
	d.letterhead(c.Agency, false, c.Number, c.Date)
	d.gap(14)
	d.text(centre(24, 11), bold("GIẤY CHỨNG NHẬN"))
	d.gap(8)
	// The organising committee certifies (and its head signs below), not
	// the department whose letterhead it is.
	d.text(centre(14, 6.6), bold("BAN TỔ CHỨC CUỘC THI"))
	d.text(centre(14, 6.6), bold("“"+c.Contest+"”"))
	d.text(centre(14, 6.6), plain("chứng nhận"))
	d.gap(8)
	d.text(centre(18, 8.5), plain("Ông/Bà: "), bold(c.Person))
	if !c.BirthDate.IsZero() {
		d.text(centre(bodySize+1, 6.4), plain("Ngày sinh: "+c.BirthDate.Format("02/01/2006")))
	}
	if c.Unit != "" {
		d.text(centre(bodySize+1, 6.4), plain("Đơn vị dự thi: "+c.Unit))
	}
	d.gap(8)
	d.text(centre(20, 9.5), bold("Đã đạt "+strings.ToUpper(c.Prize)))
	if c.Round != "" {
		d.text(centre(bodySize+1, 6.4), italic(c.Round))
	}
	if c.Questions > 0 {
		d.gap(2)
		d.text(centre(bodySize, bodyLine), plain(fmt.Sprintf("Trả lời đúng %d/%d câu hỏi, xếp hạng %s.", c.Correct, c.Questions, vnfmt.Int(int64(c.Rank)))))
	}
	signer := c.Signer
	if signer == "" {
		signer = "TM. BAN TỔ CHỨC\nTRƯỞNG BAN"
	}
	d.gap(6)
	d.closing(nil, signature{title: signer, name: c.SignerName})
	if c.Verify != "" {
		d.gap(10)
		note := "Kết quả được công bố tại " + c.Verify
		if c.AttemptID != "" {
			note += "; mã lượt thi " + c.AttemptID
		}
		d.text(flow{size: 10, lineH: 4.6, align: 'L'}, italic(note+"."))
	}
}
