package petition

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"tuphap/internal/apperr"
	"unicode"

	"tuphap/internal/calendar"
)

// ChangeDay is the day Law 136/2025/QH15 and Decrees 154, 155, 156/2026
// took effect.
var ChangeDay = calendar.NewDate(2026, 7, 1)

// GroupRule limits the representatives a group of visitors sends: 5 to 10
// people send up to 2; more than 10 up to 5 (Decree 64/2014/NĐ-CP Art. 4(1);
// from 1/7/2026 Decree 154/2026, whose text keeps the limits per
// research/domain.md §4 [M]: kept here as data to correct if it differs).
type GroupRule struct {
	From       calendar.Date
	SmallMin   int // a group starts at this many people
	SmallMax   int
	SmallReps  int
	LargeReps  int
	Basis      string
	DirectorPM int // the department director receives citizens at least this many days a month
	DirBasis   string
}

var groupRules = []GroupRule{
	{From: calendar.NewDate(2014, 7, 1), SmallMin: 5, SmallMax: 10, SmallReps: 2, LargeReps: 5, DirectorPM: 1,
		Basis:    "khoản 1 Điều 4 Nghị định 64/2014/NĐ-CP",
		DirBasis: "khoản 2 Điều 18 Luật Tiếp công dân 42/2013/QH13 (thủ trưởng cơ quan chuyên môn thuộc UBND cấp tỉnh)"},
	{From: ChangeDay, SmallMin: 5, SmallMax: 10, SmallReps: 2, LargeReps: 5, DirectorPM: 1,
		Basis:    "Nghị định 154/2026/NĐ-CP (thay thế Nghị định 64/2014/NĐ-CP; giới hạn người đại diện giữ nguyên, chưa đối chiếu điều khoản)",
		DirBasis: "Luật Tiếp công dân 42/2013/QH13 sửa đổi bởi Luật 136/2025/QH15 (chưa đối chiếu văn bản)"},
}

// GroupRuleOn returns the reception rules in force on day.
func GroupRuleOn(day calendar.Date) GroupRule {
	r := groupRules[0]
	for _, g := range groupRules {
		if !day.Before(g.From) {
			r = g
		}
	}
	return r
}

// MaxRepresentatives is how many representatives a group of n people may
// send on day; 0 when n is not a group (fewer than 5: everyone speaks).
func MaxRepresentatives(n int, day calendar.Date) int {
	r := GroupRuleOn(day)
	switch {
	case n < r.SmallMin:
		return 0
	case n <= r.SmallMax:
		return r.SmallReps
	}
	return r.LargeReps
}

// CheckGroup returns why a group visit's representatives are wrong, or "".
func CheckGroup(n, reps int, day calendar.Date) string {
	max := MaxRepresentatives(n, day)
	if max == 0 {
		return ""
	}
	if reps < 1 {
		return fmt.Sprintf("Đoàn đông người (%d người) phải cử người đại diện (%s).", n, GroupRuleOn(day).Basis)
	}
	if reps > max {
		return fmt.Sprintf("Đoàn %d người chỉ được cử tối đa %d người đại diện (%s).", n, max, GroupRuleOn(day).Basis)
	}
	return ""
}

// MissingDirectorMonths lists the months of [from, to] in which the
// director received citizens on fewer days than the rule requires.
func MissingDirectorMonths(directorDays []calendar.Date, from, to calendar.Date) []string {
	count := map[string]int{}
	for _, d := range directorDays {
		count[fmt.Sprintf("%02d/%d", d.Month, d.Year)]++
	}
	var out []string
	for m := calendar.NewDate(from.Year, from.Month, 1); !m.After(to); m = calendar.NewDate(m.Year, m.Month+1, 1) {
		if m.Month > 12 {
			m = calendar.NewDate(m.Year+1, 1, 1)
		}
		k := fmt.Sprintf("%02d/%d", m.Month, m.Year)
		if count[k] < GroupRuleOn(m).DirectorPM {
			out = append(out, k)
		}
	}
	return out
}

// ComplexCriteria are the grounds that make a case complex (Decree
// 155/2026 Art. 2, new Decree 124/2020 Art. 3a, for complaints; Decree
// 31/2019 Art. 3(2) for denunciations: the same seven).
var ComplexCriteria = []string{
	"Phải xác minh ở từ 02 địa điểm trở lên",
	"Có từ 02 nội dung trở lên",
	"Có nhiều người khiếu nại, tố cáo",
	"Có yếu tố nước ngoài",
	"Liên quan đến trách nhiệm của nhiều cơ quan",
	"Các cơ quan có ý kiến khác nhau",
	"Tài liệu, chứng cứ mâu thuẫn",
}

// Complexity reads the grounds ticked for a case: a complaint is complex
// with any one ground, which must be recorded in writing (Decree 155/2026
// Art. 3a, from 1/7/2026); a denunciation is complex with one ground and
// especially complex with two or more (Decree 31/2019 Art. 3(2)–(3)).
func Complexity(k Kind, grounds []int, written string, accepted calendar.Date) (complex, especially bool, err error) {
	n := 0
	seen := map[int]bool{}
	for _, g := range grounds {
		if g < 0 || g >= len(ComplexCriteria) {
			return false, false, apperr.Textf("Tiêu chí vụ việc phức tạp không hợp lệ.")
		}
		if !seen[g] {
			seen[g] = true
			n++
		}
	}
	if n == 0 {
		return false, false, nil
	}
	if k == KindComplaint && !accepted.Before(ChangeDay) && strings.TrimSpace(written) == "" {
		return false, false, apperr.Textf("Việc xác định vụ việc phức tạp phải được thể hiện bằng văn bản (Điều 3a Nghị định 124/2020/NĐ-CP, bổ sung bởi Nghị định 155/2026/NĐ-CP).")
	}
	return true, k == KindDenunciation && n >= 2, nil
}

// AnonymousRule says what is done with a denunciation that bears no name or
// a forged one: it is not handled as a denunciation (Law 25/2018 Art. 25(2));
// if its content is clear, names the person who violated the law and has
// documents or evidence of the violation, the agency inspects or verifies
// it within its powers (Art. 25(2); from 1/7/2026 Decree 31/2019 as
// amended by Decree 156/2026 keeps the rule).
func AnonymousRule(hasEvidence bool) (Handling, string) {
	if hasEvidence {
		return HandleFile, "Tố cáo nặc danh, mạo danh: không xử lý theo thủ tục tố cáo; nội dung rõ ràng, có tài liệu, chứng cứ cụ thể nên được thanh tra, kiểm tra theo thẩm quyền (khoản 2 Điều 25 Luật Tố cáo 25/2018/QH14)."
	}
	return HandleFile, "Tố cáo nặc danh, mạo danh, không có căn cứ cụ thể: không xử lý, lưu đơn (khoản 2 Điều 25 Luật Tố cáo 25/2018/QH14)."
}

// WithdrawOutcome says whether a withdrawn denunciation is still resolved:
// yes when there are signs of a violation, of a coerced withdrawal or of
// slander (Decree 31/2019 Art. 4(4) as amended by Decree 156/2026 Art. 1,
// from 1/7/2026; before, Law 25/2018 Art. 33(3)).
func WithdrawOutcome(signs bool, day calendar.Date) (continueResolving bool, basis string) {
	basis = "khoản 3 Điều 33 Luật Tố cáo 25/2018/QH14"
	if !day.Before(ChangeDay) {
		basis = "khoản 4 Điều 4 Nghị định 31/2019/NĐ-CP, sửa đổi bởi Điều 1 Nghị định 156/2026/NĐ-CP"
	}
	return signs, basis
}

// DialogueRule checks the dialogue of a complaint: mandatory at the second
// instance for cases decided from 1/7/2026 (including those accepted
// before: Decree 155/2026 Art. 22(1)), with notice at least 5 days before
// (Decree 124/2020 Art. 28(1)–(2) as amended by Decree 155/2026 Art. 11).
func DialogueRule(p Petition, decidedOn calendar.Date) string {
	if p.Kind != KindComplaint || p.Instance != 2 || decidedOn.Before(ChangeDay) {
		return ""
	}
	if p.DialogueOn == nil {
		return "Giải quyết khiếu nại lần hai phải tổ chức đối thoại trước khi ban hành quyết định (khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Nghị định 155/2026/NĐ-CP)."
	}
	return ""
}

// DialogueNoticeShort reports a notice sent fewer than 5 days before the
// dialogue (Decree 155/2026 Art. 11).
func DialogueNoticeShort(notice, dialogue calendar.Date) bool {
	return dialogue.DaysSince(notice) < 5
}

// DupKey is the key of "the same person, the same content": the person's ID
// number (or name and address) and the summary, without case, accents'
// encoding or spacing differences.
func DupKey(kind Kind, p Person, summary string) string {
	who := strings.TrimSpace(p.IDNumber)
	if who == "" {
		who = fold(p.FullName) + "|" + fold(p.Address)
	}
	if strings.Trim(who, "|") == "" {
		return ""
	}
	h := sha256.Sum256([]byte(string(kind) + "\x00" + who + "\x00" + fold(summary)))
	return hex.EncodeToString(h[:])
}

func fold(s string) string {
	s = strings.ToLower(s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// Next is a case's next deadline and how close it is.
type Next struct {
	What     string // "Thụ lý", "Giải quyết lần đầu"…
	Deadline Deadline
	Paused   bool // suspended: the clock is stopped
	Late     bool
	Soon     bool // within WarnDays
}

// WarnDays is how many days before a deadline a case is flagged.
const WarnDays = 3

// NextDeadline is what the agency must do next and by when, under the
// rules in force on the day the petition was received.
func NextDeadline(cal WorkingDayer, p Petition, today calendar.Date) (Next, bool) {
	var (
		stage Stage
		from  = p.ReceivedOn
		what  string
	)
	switch {
	case p.Status == StatusReceived && p.Kind == KindComplaint:
		stage, what = StageAcceptance, "Thụ lý khiếu nại"
	case p.Status == StatusReceived && p.Kind == KindDenunciation:
		stage, what = StageCheck, "Kiểm tra điều kiện thụ lý tố cáo"
	case p.Status == StatusReceived && (p.Kind == KindFeedback || p.Kind == KindMixed):
		stage, what = StageNotice, "Thông báo cho công dân"
	case p.Status == StatusSuspended:
		return Next{What: "Tạm đình chỉ: thời hạn ngừng tính", Paused: true}, true
	case p.Status == StatusAccepted && p.AcceptedOn != nil:
		from = *p.AcceptedOn
		switch p.Kind {
		case KindComplaint:
			stage, what = StageFirstInstance, "Giải quyết khiếu nại lần đầu"
			if p.Instance == 2 {
				stage, what = StageSecondInstance, "Giải quyết khiếu nại lần hai"
			}
		case KindDenunciation:
			stage, what = StageResolve, "Giải quyết tố cáo"
		default:
			return Next{}, false
		}
	default:
		return Next{}, false
	}
	kind := p.Kind
	if kind == KindMixed {
		kind = KindFeedback
	}
	dl, err := Due(cal, kind, stage, from, p.ReceivedOn, p.Flags())
	if err != nil {
		return Next{}, false
	}
	if p.ResumedOn != nil && p.SuspendedOn != nil && (stage == StageFirstInstance || stage == StageSecondInstance || stage == StageResolve) {
		dl = resumed(cal, dl, *p.SuspendedOn, *p.ResumedOn)
	}
	n := Next{What: what, Deadline: dl}
	n.Late = today.After(dl.Due)
	n.Soon = !n.Late && dl.Due.DaysSince(today) <= WarnDays
	return n, true
}

// resumed moves a calendar-day resolution period by the time it was
// suspended: it continues from the continuation decision's date (Decree
// 124/2020 Art. 28b(2) as amended by Decree 155/2026), the days already
// used before the suspension being kept.
func resumed(cal WorkingDayer, dl Deadline, suspended, resumedOn calendar.Date) Deadline {
	used := suspended.DaysSince(dl.From)
	if used < 0 {
		used = 0
	}
	left := dl.Days - used
	if left < 0 {
		left = 0
	}
	dl.Due = rollOver(cal, resumedOn.AddDays(left))
	dl.Basis += "; thời hạn tiếp tục tính từ ngày ban hành quyết định tiếp tục giải quyết " + resumedOn.FormatVN() +
		" (khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP, bổ sung bởi Nghị định 155/2026/NĐ-CP)"
	dl.Also = nil
	return dl
}

// OnTime reports whether a resolved case was resolved by its deadline.
func OnTime(cal WorkingDayer, p Petition) (bool, bool) {
	if p.ResolvedOn == nil || p.AcceptedOn == nil {
		return false, false
	}
	q := p
	q.Status = StatusAccepted
	n, ok := NextDeadline(cal, q, *p.ResolvedOn)
	if !ok || n.Paused {
		return false, false
	}
	return !p.ResolvedOn.After(n.Deadline.Due), true
}
