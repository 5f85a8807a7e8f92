package judicialrecord

import (
	"fmt"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// BankruptcyBan is a ban on holding posts or founding or managing
// enterprises or cooperatives that follows from a court's decision
// declaring an enterprise or cooperative bankrupt (quyết định tuyên bố phá
// sản, Bankruptcy Law 51/2014/QH13). It is judicial-record information but
// not a criminal conviction: it never makes a certificate state "Có án
// tích"; certificate No. 1 states it when asked, No. 2 always (Law on
// Judicial Records, as in issue 16.10). Like a conviction it is kept only
// sealed and read only by judicial-record officers, every read logged.
type BankruptcyBan struct {
	ID        string `json:"id"`
	TenantID  string `json:"-"`
	FullName  string `json:"full_name"`
	IDNumber  string `json:"id_number"`
	BirthDate string `json:"birth_date,omitempty"`
	// The court's decision.
	Court        string        `json:"court"`
	DecisionNo   string        `json:"decision_no"`
	DecisionDate calendar.Date `json:"decision_date"`
	// Enterprise is the enterprise or cooperative declared bankrupt and
	// Position the post the person held in it.
	Enterprise string `json:"enterprise"`
	Position   string `json:"position,omitempty"`
	// Ban is what the person may not do, as the decision states it.
	Ban    string        `json:"ban"`
	From   calendar.Date `json:"from"`
	To     calendar.Date `json:"to,omitzero"` // zero: no end stated
	Source string        `json:"source,omitempty"`
}

// Normalize cleans the typed fields.
func (b *BankruptcyBan) Normalize() {
	for _, s := range []*string{&b.FullName, &b.BirthDate, &b.Court, &b.DecisionNo, &b.Enterprise, &b.Position, &b.Ban, &b.Source} {
		*s = clean(*s)
	}
	b.IDNumber = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(b.IDNumber), " ", ""))
	if b.From.IsZero() {
		b.From = b.DecisionDate
	}
}

// Validate checks a ban before it is sealed.
func (b BankruptcyBan) Validate() error {
	switch {
	case b.FullName == "":
		return apperr.Field("full_name", "Cần ghi họ và tên người bị cấm.")
	case b.IDNumber == "" || len(b.IDNumber) > 20:
		return apperr.Field("id_number", "Cần ghi số định danh cá nhân (hoặc số hộ chiếu) của người bị cấm.")
	case b.Court == "":
		return apperr.Field("court", "Cần ghi Tòa án ra quyết định tuyên bố phá sản.")
	case b.DecisionNo == "":
		return apperr.Field("decision_no", "Cần ghi số quyết định tuyên bố phá sản.")
	case b.DecisionDate.IsZero():
		return apperr.Field("decision_date", "Cần ghi ngày ra quyết định tuyên bố phá sản.")
	case b.Enterprise == "":
		return apperr.Field("enterprise", "Cần ghi doanh nghiệp, hợp tác xã bị tuyên bố phá sản.")
	case b.Ban == "":
		return apperr.Field("ban", "Cần ghi nội dung cấm (đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã).")
	case b.From.Before(b.DecisionDate):
		return apperr.Field("from", "Thời hạn cấm không thể bắt đầu trước ngày ra quyết định.")
	case !b.To.IsZero() && !b.To.After(b.From):
		return apperr.Field("to", "Ngày hết thời hạn cấm phải sau ngày bắt đầu.")
	}
	return nil
}

// InForceOn reports whether the ban applies on day.
func (b BankruptcyBan) InForceOn(day calendar.Date) bool {
	return !day.Before(b.From) && (b.To.IsZero() || !day.After(b.To))
}

// Text is the ban as a certificate states it.
func (b BankruptcyBan) Text() string {
	s := fmt.Sprintf("%s (Quyết định tuyên bố phá sản số %s ngày %s của %s đối với %s", b.Ban, b.DecisionNo, b.DecisionDate.FormatVN(), b.Court, b.Enterprise)
	if b.Position != "" {
		s += ", chức vụ: " + b.Position
	}
	s += "; thời hạn từ ngày " + b.From.FormatVN()
	if !b.To.IsZero() {
		s += " đến ngày " + b.To.FormatVN()
	}
	return s + ")"
}
