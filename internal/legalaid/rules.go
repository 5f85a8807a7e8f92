package legalaid

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/calendar"
)

// Group is one eligible group of Law 11/2017 Art. 7 in one version: the
// group in force on the request date decides (a request dated 30/6/2025
// may still rely on 7(g), one of 2/7/2025 on 6a instead). Where the research
// marks a fact unverified it says so in Source; the table is data and a
// later amendment is a new row.
type Group struct {
	Code   string    `json:"code"`   // K1 … K6a, K7a … K7h
	Clause string    `json:"clause"` // "khoản 1 Điều 7"
	Name   string    `json:"name"`
	Proofs []string  `json:"proofs"` // the documents that prove it (Decree 144/2017 Art. 2; Circular 12/2018 Art. 4)
	From   time.Time `json:"from"`
	// Until is the last day the version is in force (zero: still in force).
	Until  time.Time `json:"until,omitzero"`
	Source string    `json:"source"`
}

func d(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

var (
	lawStart = d(2018, 1, 1)
	law53    = d(2025, 7, 1) // Law 53/2024/QH15 Art. 61
	law59    = d(2026, 1, 1) // Law 59/2024/QH15 Art. 177(6)
)

const finProof = "Giấy tờ chứng minh khó khăn về tài chính: thuộc hộ cận nghèo hoặc đang hưởng trợ cấp xã hội hằng tháng (Điều 2 Nghị định 144/2017/NĐ-CP)"

// Groups is Art. 7 over time (research/registers-law.md §4, TGPL-7-*).
var Groups = []Group{
	{Code: "K1", Clause: "khoản 1 Điều 7", Name: "Người có công với cách mạng", Proofs: []string{"Giấy tờ chứng minh là người có công với cách mạng"}, From: lawStart, Source: "Luật Trợ giúp pháp lý 11/2017/QH14, khoản 1 Điều 7"},
	{Code: "K2", Clause: "khoản 2 Điều 7", Name: "Người thuộc hộ nghèo", Proofs: []string{"Giấy chứng nhận hộ nghèo hoặc xác nhận của UBND cấp xã"}, From: lawStart, Source: "Luật 11/2017/QH14, khoản 2 Điều 7"},
	{Code: "K3", Clause: "khoản 3 Điều 7", Name: "Trẻ em", Proofs: []string{"Giấy khai sinh, thẻ căn cước hoặc giấy tờ chứng minh tuổi"}, From: lawStart, Source: "Luật 11/2017/QH14, khoản 3 Điều 7 (trẻ em dưới 16 tuổi theo Luật Trẻ em; chưa đối chiếu lại)"},
	{Code: "K4", Clause: "khoản 4 Điều 7", Name: "Người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn", Proofs: []string{"Giấy tờ chứng minh là người dân tộc thiểu số và nơi cư trú ở vùng đặc biệt khó khăn"}, From: lawStart, Source: "Luật 11/2017/QH14, khoản 4 Điều 7"},
	{Code: "K5", Clause: "khoản 5 Điều 7 (cũ)", Name: "Người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi", Proofs: []string{"Giấy tờ chứng minh tuổi", "Giấy tờ của cơ quan tiến hành tố tụng về tư cách người bị buộc tội"}, From: lawStart, Until: d(2025, 12, 31), Source: "Luật 11/2017/QH14, khoản 5 Điều 7 (bị thay thế từ 01/01/2026)"},
	{Code: "K5", Clause: "khoản 5 Điều 7 (mới)", Name: "Người từ đủ 16 tuổi đến dưới 18 tuổi là người bị tố giác, người bị kiến nghị khởi tố, người bị giữ trong trường hợp khẩn cấp, người bị buộc tội, bị hại, người làm chứng, người chấp hành biện pháp xử lý chuyển hướng, phạm nhân", Proofs: []string{"Giấy tờ chứng minh tuổi", "Giấy tờ của cơ quan có thẩm quyền về tư cách tham gia tố tụng hoặc biện pháp xử lý chuyển hướng"}, From: law59, Source: "Luật Tư pháp người chưa thành niên 59/2024/QH15, điểm a khoản 6 Điều 177"},
	{Code: "K6", Clause: "khoản 6 Điều 7", Name: "Người bị buộc tội thuộc hộ cận nghèo", Proofs: []string{"Giấy chứng nhận hộ cận nghèo", "Giấy tờ về tư cách người bị buộc tội"}, From: lawStart, Source: "Luật 11/2017/QH14, khoản 6 Điều 7"},
	{Code: "K6a", Clause: "khoản 6a Điều 7", Name: "Nạn nhân, người đang trong quá trình xác định là nạn nhân của hành vi mua bán người và người dưới 18 tuổi đi cùng (không cần điều kiện tài chính)", Proofs: []string{"Giấy tờ xác nhận nạn nhân hoặc người đang trong quá trình xác định là nạn nhân theo Luật Phòng, chống mua bán người"}, From: law53, Source: "Luật Phòng, chống mua bán người 53/2024/QH15, khoản 1 Điều 61"},
	{Code: "K7a", Clause: "điểm a khoản 7 Điều 7", Name: "Khó khăn về tài chính và là cha đẻ, mẹ đẻ, vợ, chồng, con của liệt sĩ hoặc người có công nuôi dưỡng liệt sĩ khi còn nhỏ", Proofs: []string{finProof, "Giấy tờ chứng minh là thân nhân liệt sĩ"}, From: lawStart, Source: "Luật 11/2017/QH14, điểm a khoản 7 Điều 7"},
	{Code: "K7b", Clause: "điểm b khoản 7 Điều 7", Name: "Khó khăn về tài chính và là người nhiễm chất độc da cam", Proofs: []string{finProof, "Giấy tờ chứng minh nhiễm chất độc hóa học"}, From: lawStart, Source: "Luật 11/2017/QH14, điểm b khoản 7 Điều 7"},
	{Code: "K7c", Clause: "điểm c khoản 7 Điều 7", Name: "Khó khăn về tài chính và là người cao tuổi", Proofs: []string{finProof, "Giấy tờ chứng minh tuổi"}, From: lawStart, Source: "Luật 11/2017/QH14, điểm c khoản 7 Điều 7"},
	{Code: "K7d", Clause: "điểm d khoản 7 Điều 7", Name: "Khó khăn về tài chính và là người khuyết tật", Proofs: []string{finProof, "Giấy xác nhận khuyết tật"}, From: lawStart, Source: "Luật 11/2017/QH14, điểm d khoản 7 Điều 7"},
	{Code: "K7dd", Clause: "điểm đ khoản 7 Điều 7", Name: "Khó khăn về tài chính và là người từ đủ 16 tuổi đến dưới 18 tuổi là bị hại trong vụ án hình sự", Proofs: []string{finProof, "Giấy tờ chứng minh tuổi và tư cách bị hại"}, From: lawStart, Until: d(2025, 12, 31), Source: "Luật 11/2017/QH14, điểm đ khoản 7 Điều 7 (bãi bỏ từ 01/01/2026, điểm b khoản 6 Điều 177 Luật 59/2024/QH15)"},
	{Code: "K7e", Clause: "điểm e khoản 7 Điều 7", Name: "Khó khăn về tài chính và là nạn nhân trong vụ việc bạo lực gia đình", Proofs: []string{finProof, "Giấy tờ chứng minh là nạn nhân bạo lực gia đình"}, From: lawStart, Source: "Luật 11/2017/QH14, điểm e khoản 7 Điều 7"},
	{Code: "K7g", Clause: "điểm g khoản 7 Điều 7", Name: "Khó khăn về tài chính và là nạn nhân của hành vi mua bán người", Proofs: []string{finProof, "Giấy tờ xác nhận nạn nhân mua bán người"}, From: lawStart, Until: d(2025, 6, 30), Source: "Luật 11/2017/QH14, điểm g khoản 7 Điều 7 (bãi bỏ từ 01/7/2025, Điều 61 Luật 53/2024/QH15)"},
	{Code: "K7h", Clause: "điểm h khoản 7 Điều 7", Name: "Khó khăn về tài chính và là người nhiễm HIV", Proofs: []string{finProof, "Giấy tờ chứng minh nhiễm HIV"}, From: lawStart, Source: "Luật 11/2017/QH14, điểm h khoản 7 Điều 7"},
}

// In reports whether the group version is in force on day.
func (g Group) In(day time.Time) bool {
	dd := dateOf(day)
	return !g.From.After(dd) && (g.Until.IsZero() || !dd.After(g.Until))
}

// GroupsOn lists the groups in force on day, in the order of Art. 7.
func GroupsOn(day time.Time) []Group {
	var out []Group
	for _, g := range Groups {
		if g.In(day) {
			out = append(out, g)
		}
	}
	return out
}

// GroupOn returns the version of group code in force on day; ok is false
// when the group did not exist or was repealed on that day.
func GroupOn(code string, day time.Time) (Group, bool) {
	for _, g := range Groups {
		if g.Code == code && g.In(day) {
			return g, true
		}
	}
	return Group{}, false
}

// GroupCodes lists every code ever used, in Art. 7 order (figures' rows).
func GroupCodes() []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range Groups {
		if !seen[g.Code] {
			seen[g.Code] = true
			out = append(out, g.Code)
		}
	}
	return out
}

// GroupName names a code by its latest version.
func GroupName(code string) string {
	name := ""
	for _, g := range Groups {
		if g.Code == code {
			name = g.Name
		}
	}
	return name
}

// CheckGroup tells why code cannot found a request dated day, in
// Vietnamese, or "" when it can.
func CheckGroup(code string, day time.Time) string {
	if _, ok := GroupOn(code, day); ok {
		return ""
	}
	for _, g := range Groups {
		if g.Code != code {
			continue
		}
		if !g.Until.IsZero() && dateOf(day).After(g.Until) {
			return fmt.Sprintf("Diện %s (%s) hết hiệu lực từ ngày %s; ngày yêu cầu %s. Căn cứ: %s.", code, g.Clause,
				g.Until.AddDate(0, 0, 1).Format("02/01/2006"), day.Format("02/01/2006"), g.Source)
		}
		if g.From.After(dateOf(day)) {
			return fmt.Sprintf("Diện %s (%s) có hiệu lực từ ngày %s; ngày yêu cầu %s chưa áp dụng. Căn cứ: %s.", code, g.Clause,
				g.From.Format("02/01/2006"), day.Format("02/01/2006"), g.Source)
		}
	}
	return "Chọn diện người được trợ giúp pháp lý theo Điều 7 Luật Trợ giúp pháp lý."
}

// ---- File codes (Circular 12/2018/TT-BTP Art. 11(1)).

// FileCode is "<unit>.<form>.<sequence>.<year>": the implementing
// organisation's abbreviation (a branch's own), the form, the sequence in
// the register (two digits at least) and the year received, e.g.
// TT.TV.01.2018, CN1.TGTT.01.2018.
func FileCode(unit string, f Form, seq, year int) string {
	return fmt.Sprintf("%s.%s.%02d.%d", unit, f, seq, year)
}

var fileCodeRe = regexp.MustCompile(`^([A-Z][A-Z0-9]{0,9})\.(TGTT|TV|DDNTT)\.(\d{2,6})\.(\d{4})$`)

// ParseFileCode splits a file code; ok is false when it is not one.
func ParseFileCode(code string) (unit string, f Form, seq, year int, ok bool) {
	m := fileCodeRe.FindStringSubmatch(strings.TrimSpace(code))
	if m == nil {
		return "", "", 0, 0, false
	}
	seq, _ = strconv.Atoi(m[3])
	year, _ = strconv.Atoi(m[4])
	if seq == 0 {
		return "", "", 0, 0, false
	}
	return m[1], Form(m[2]), seq, year, true
}

var unitCodeRe = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,9}$`)

// ValidUnitCode reports whether c can head a file code ("TT", "CN1").
func ValidUnitCode(c string) bool { return unitCodeRe.MatchString(c) }

// ---- Urgent cases (Circular 12/2018/TT-BTP Art. 6).

// ProofDays is the time to supply the proof of eligibility in an urgent
// case, in working days from acceptance (entry in the acceptance register,
// Art. 5(2)): 5, or 10 for a person in an especially difficult area or
// under force majeure (Art. 6(2)(a)).
func ProofDays(extended bool) int {
	if extended {
		return 10
	}
	return 5
}

// ProofDue is the last day for the proof of an urgent case accepted on
// acceptedOn: the n-th working day counted from the day after acceptance
// (Civil Code Art. 147(2)), where working days are those of the calendar
// (weekends, public holidays and announced swaps excluded). Accepted on
// Friday 24/4/2026, 5 working days skip 27/4 (Hùng Kings' day, moved
// from Sunday), 30/4 and 1/5 and end on Wednesday 6/5/2026.
func ProofDue(acceptedOn time.Time, extended bool, working func(calendar.Date) bool) time.Time {
	day := calendar.DateOf(dateOf(acceptedOn))
	for n := ProofDays(extended); n > 0; {
		day = day.AddDays(1)
		if working(day) {
			n--
		}
	}
	return time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, time.UTC)
}

// ProofMissing reports whether an urgent case is still waiting for its
// proof, and overdue when today is after its due day: an overdue case is
// not continued, with written reasons (Art. 6(2)(b)).
func ProofMissing(c Case, today time.Time) (missing, overdue bool) {
	if c.Urgent == UrgentNone || c.ProofOK || c.ProofDue == nil || c.Status.Ended() {
		return false, false
	}
	return true, dateOf(today).After(dateOf(*c.ProofDue))
}

// ---- Assignment (Law 11/2017 Art. 25, 31).

// Conflict tells whether provider p may not take case c because p has
// assisted, or is assisting, the party with opposing interests in the same
// matter (Law 11/2017 Art. 25(2)(a)): another case of p whose requester is
// c's other party, or whose other party is c's requester. The parties may
// agree otherwise for legal advice or out-of-court representation in civil
// matters (ibid.), which agreed records. It returns the reason in
// Vietnamese, or "".
func Conflict(c Case, p Provider, others []Case, agreed bool) string {
	if agreed && (c.Form == FormAdvice || c.Form == FormRepresentation) && c.Field == FieldCivil {
		return ""
	}
	for _, o := range others {
		if o.ID == c.ID || o.ProviderID != p.ID {
			continue
		}
		if samePerson(o.Requester, c.OtherParty) || samePerson(o.OtherParty, c.Requester) {
			code := o.Code
			if code == "" {
				code = "khác"
			}
			return fmt.Sprintf("%s đã hoặc đang trợ giúp pháp lý cho bên có quyền lợi đối lập (vụ việc %s); không được phân công (điểm a khoản 2 Điều 25 Luật Trợ giúp pháp lý).", p.FullName, code)
		}
	}
	return ""
}

// samePerson matches two persons by ID number when both have one, else by
// name (case and spacing folded) and birth year when both have one.
func samePerson(a, b Person) bool {
	if a.FullName == "" || b.FullName == "" {
		return false
	}
	if a.IDNumber != "" && b.IDNumber != "" {
		return a.IDNumber == b.IDNumber
	}
	if fold(a.FullName) != fold(b.FullName) {
		return false
	}
	return a.BirthYear == 0 || b.BirthYear == 0 || a.BirthYear == b.BirthYear
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// CanAssign tells whether provider p may be assigned on day: their
// appointment, contract or registration covers the day (Art. 15–17, 19),
// and they work for the case's unit or are contracted by the centre.
func CanAssign(p Provider, day time.Time) string {
	if !p.ActiveOn(day) {
		to := "nay"
		if p.To != nil {
			to = p.To.Format("02/01/2006")
		}
		return fmt.Sprintf("%s chỉ được phân công trong thời hạn hợp đồng, đăng ký hoặc bổ nhiệm (từ %s đến %s); ngày phân công %s nằm ngoài thời hạn (Điều 15–17, 19 Luật Trợ giúp pháp lý).",
			p.FullName, p.From.Format("02/01/2006"), to, day.Format("02/01/2006"))
	}
	return ""
}

// PaymentAllowed tells whether the per-case remuneration of a lawyer may
// be recorded: the case is closed and assessed, and the provider is a
// lawyer paid per case (contracted or of a participating organisation),
// not a salaried legal-aid officer (Law 11/2017 Art. 17, 39; Decree
// 144/2017).
func PaymentAllowed(c Case, p Provider) string {
	if c.Status != StatusClosed {
		return "Chỉ chi thù lao cho vụ việc đã kết thúc."
	}
	if c.Assessment.Rating == "" {
		return "Vụ việc phải được đánh giá chất lượng trước khi chi thù lao."
	}
	if p.Kind == ProviderOfficer {
		return "Trợ giúp viên pháp lý hưởng lương, không chi thù lao theo vụ việc."
	}
	return ""
}
