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
	// OffenceDate is when the offence was committed (ngày thực hiện hành
	// vi phạm tội): a later conviction restarts the expungement period of
	// an earlier one only for an offence committed before it was expunged
	// (Penal Code Art. 73(2)).
	OffenceDate calendar.Date `json:"offence_date,omitzero"`
	// Penalty is the kind of main penalty and PrisonMonths the length of a
	// fixed-term imprisonment (the bands of Art. 70(2)); empty for records
	// kept before the field existed (read from Sentence when unambiguous).
	Penalty      Penalty `json:"penalty,omitempty"`
	PrisonMonths int     `json:"prison_months,omitempty"`
	// Completed is when the main penalty was served or, for a suspended
	// sentence, when the probation ended (ngày chấp hành xong hình phạt
	// chính / hết thời gian thử thách án treo).
	Completed calendar.Date `json:"completed,omitzero"`
	// Lapsed is when the limitation period for enforcing the judgment
	// expired, for a judgment never enforced (Art. 70(3)).
	Lapsed calendar.Date `json:"lapsed,omitzero"`
	// Obligations says whether the additional penalties and the other
	// decisions of the judgment were carried out, and ObligationsDate when.
	Obligations     Obligations   `json:"obligations,omitempty"`
	ObligationsDate calendar.Date `json:"obligations_date,omitzero"`
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
	case c.Penalty == PenaltyPrison && (c.PrisonMonths < 1 || c.PrisonMonths > 360):
		return apperr.Field("prison_months", "Thời hạn tù phải từ 1 đến 360 tháng.")
	case c.Penalty != PenaltyPrison && c.PrisonMonths != 0:
		return apperr.Field("prison_months", "Chỉ ghi số tháng tù khi hình phạt chính là tù có thời hạn.")
	case !c.OffenceDate.IsZero() && c.OffenceDate.After(c.JudgmentDate):
		return apperr.Field("offence_date", "Ngày thực hiện hành vi phạm tội không thể sau ngày tuyên án.")
	case c.Obligations == ObligationsDone && c.ObligationsDate.IsZero():
		return apperr.Field("obligations_date", "Cần ghi ngày chấp hành xong hình phạt bổ sung, các quyết định khác của bản án.")
	}
	if c.Penalty != "" && c.Penalty.Label() == "Chưa xác định" {
		return apperr.Field("penalty", "Loại hình phạt chính không hợp lệ.")
	}
	switch c.Obligations {
	case ObligationsUnknown, ObligationsNone, ObligationsDone, ObligationsOutstanding:
	default:
		return apperr.Field("obligations", "Tình trạng chấp hành hình phạt bổ sung, quyết định khác không hợp lệ.")
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
	// NoRecord is "Không có án tích": no conviction left to state (No. 1
	// omits the expunged ones, No. 2 states them as expunged).
	NoRecord bool
	// BanStated is set when the certificate states the ban situation
	// ("Không bị cấm…" when Bans is empty).
	BanStated bool
	// Unsettled lists the convictions whose expungement the data cannot
	// settle, with what must be verified: no certificate is issued until
	// they are.
	Unsettled []string
}

// CertificateContent selects what the certificate reports on day:
//   - No. 1 (Law 28/2009/QH12 Art. 42): convictions not yet expunged;
//     expunged ones (recorded, or by law under Penal Code Art. 70 as
//     AssessAll computes) are not stated; bans only when the request
//     asked;
//   - No. 2 (Art. 43): every conviction, those expunged with the date, and
//     bans.
//
// Bans that follow from a bankruptcy decision (bans) are not convictions:
// No. 1 states those in force when asked, No. 2 states them all; neither
// changes "Không có án tích".
func CertificateContent(f Form, confirmBan bool, all []Conviction, bans []BankruptcyBan, day calendar.Date) Content {
	c := Content{Form: f}
	exps := AssessAll(all, day)
	for i, cv := range all {
		e := exps[i]
		if !e.Settled() {
			c.Unsettled = append(c.Unsettled, capital(cv.ref())+": "+strings.Join(e.Verify, " "))
		}
		gone := e.ExpungedOn(day)
		if f == Form1 && gone {
			continue
		}
		if gone && cv.Expunged.IsZero() && !e.On.IsZero() {
			cv.Expunged = e.On
		}
		c.Convictions = append(c.Convictions, cv)
	}
	if f == Form2 || confirmBan {
		c.BanStated = true
		for i, cv := range all {
			if cv.Ban != "" && (f == Form2 || !exps[i].ExpungedOn(day)) {
				c.Bans = append(c.Bans, cv.Ban)
			}
		}
		for _, b := range bans {
			if f == Form2 || b.InForceOn(day) {
				c.Bans = append(c.Bans, b.Text())
			}
		}
	}
	c.NoRecord = len(c.Convictions) == 0
	return c
}
