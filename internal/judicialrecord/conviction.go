package judicialrecord

import (
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Conviction is one criminal record (thông tin lý lịch tư pháp về án tích):
// a final judgment against a person. It is sensitive personal data: stored
// only sealed (envelope encryption), shown only to judicial-record officers
// of the owning tenant, every read logged.
type Conviction struct {
	ID       string `json:"id"`
	TenantID string `json:"-"`
	// The person convicted.
	FullName  string `json:"full_name"`
	IDNumber  string `json:"id_number"`
	BirthDate string `json:"birth_date,omitempty"`
	// The judgment.
	Court        string        `json:"court"`                // Tòa án đã xét xử
	JudgmentNo   string        `json:"judgment_no"`          // số bản án
	JudgmentDate calendar.Date `json:"judgment_date"`        // ngày tuyên án
	Offence      string        `json:"offence"`              // tội danh
	Article      string        `json:"article"`              // điều khoản của Bộ luật Hình sự áp dụng
	Sentence     string        `json:"sentence"`             // hình phạt chính
	Additional   string        `json:"additional,omitempty"` // hình phạt bổ sung, nghĩa vụ dân sự
	// Ban is a ban on holding posts or founding or managing enterprises or
	// cooperatives (reported on No. 1 only when asked, Art. 42(2)).
	Ban string `json:"ban,omitempty"`
	// Completed is when the sentence was served (ngày chấp hành xong).
	Completed calendar.Date `json:"completed,omitzero"`
	// Expunged is when the record was expunged (xóa án tích); zero: not.
	Expunged calendar.Date `json:"expunged,omitzero"`
	Source   string        `json:"source,omitempty"` // who reported it (court, police records, THADS)
}

// Normalize cleans the typed fields.
func (c *Conviction) Normalize() {
	for _, s := range []*string{&c.FullName, &c.BirthDate, &c.Court, &c.JudgmentNo, &c.Offence, &c.Article, &c.Sentence, &c.Additional, &c.Ban, &c.Source} {
		*s = clean(*s)
	}
	c.IDNumber = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(c.IDNumber), " ", ""))
}

// Validate checks a conviction before it is sealed.
func (c Conviction) Validate() error {
	switch {
	case c.FullName == "":
		return apperr.Field("full_name", "Cần ghi họ và tên người bị kết án.")
	case c.IDNumber == "" || len(c.IDNumber) > 20:
		return apperr.Field("id_number", "Cần ghi số định danh cá nhân (hoặc số hộ chiếu) của người bị kết án.")
	case c.Court == "":
		return apperr.Field("court", "Cần ghi Tòa án đã xét xử.")
	case c.JudgmentNo == "":
		return apperr.Field("judgment_no", "Cần ghi số bản án.")
	case c.JudgmentDate.IsZero():
		return apperr.Field("judgment_date", "Cần ghi ngày tuyên án.")
	case c.Offence == "":
		return apperr.Field("offence", "Cần ghi tội danh.")
	case c.Sentence == "":
		return apperr.Field("sentence", "Cần ghi hình phạt.")
	case !c.Expunged.IsZero() && c.Expunged.Before(c.JudgmentDate):
		return apperr.Field("expunged", "Ngày xóa án tích không thể trước ngày tuyên án.")
	}
	return nil
}

// ExpungedOn reports whether the record was expunged on or before day.
func (c Conviction) ExpungedOn(day calendar.Date) bool {
	return !c.Expunged.IsZero() && !c.Expunged.After(day)
}

// Content is what a certificate states about convictions and bans.
type Content struct {
	Form        Form
	Convictions []Conviction
	Bans        []string
	// NoRecord is "Không có án tích" (No. 1) / "Không có án tích"
	// (No. 2 states expunged records too).
	NoRecord bool
	// BanStated is set when the certificate states the ban situation
	// ("Không bị cấm…" when Bans is empty).
	BanStated bool
}

// CertificateContent selects what the certificate reports on day:
//   - No. 1 (Law 28/2009/QH12 Art. 42): convictions not yet expunged;
//     expunged ones are not stated; bans only when the request asked;
//   - No. 2 (Art. 43): every conviction, expunged or not, and bans.
func CertificateContent(f Form, confirmBan bool, all []Conviction, day calendar.Date) Content {
	c := Content{Form: f}
	for _, cv := range all {
		if f == Form1 && cv.ExpungedOn(day) {
			continue
		}
		c.Convictions = append(c.Convictions, cv)
	}
	if f == Form2 || confirmBan {
		c.BanStated = true
		for _, cv := range all {
			if cv.Ban != "" && (f == Form2 || !cv.ExpungedOn(day)) {
				c.Bans = append(c.Bans, cv.Ban)
			}
		}
	}
	c.NoRecord = len(c.Convictions) == 0
	return c
}
