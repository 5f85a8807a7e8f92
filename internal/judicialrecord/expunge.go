package judicialrecord

// Automatic expungement of convictions (đương nhiên được xóa án tích),
// Penal Code 100/2015/QH13 as amended by Law 12/2017/QH14 (in force
// 1/1/2018), Art. 69-73; research/registers-law.md §7 (BLHS70-*), the text
// of Art. 70 and 73 checked again against two public copies
// (hethongphapluat.com/bo-luat-hinh-su-2015/dieu-70; thuvienphapluat.vn
// "Cách tính thời hạn để xóa án tích", Art. 73).
//
// The computation is plain data and small functions; what the record's data
// cannot settle (an unpaid fine or compensation, a missing completion date,
// an unknown penalty or article, a later conviction without the date of its
// offence) is flagged for verification and never guessed.

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/calendar"
)

// Penalty is the kind of main penalty (hình phạt chính) a judgment imposed.
type Penalty string

const (
	PenaltyWarning       Penalty = "warning"        // cảnh cáo
	PenaltyFine          Penalty = "fine"           // phạt tiền (main penalty)
	PenaltyNonCustodial  Penalty = "non_custodial"  // cải tạo không giam giữ
	PenaltySuspended     Penalty = "suspended"      // phạt tù nhưng cho hưởng án treo
	PenaltyPrison        Penalty = "prison"         // tù có thời hạn (PrisonMonths)
	PenaltyLife          Penalty = "life"           // tù chung thân
	PenaltyDeathCommuted Penalty = "death_commuted" // tử hình nhưng đã được giảm án
	PenaltyDeath         Penalty = "death"          // tử hình (not commuted)
	PenaltyExpulsion     Penalty = "expulsion"      // trục xuất
	PenaltyExempted      Penalty = "exempted"       // miễn hình phạt (Art. 69(2))
)

// Penalties lists the kinds in display order.
var Penalties = []Penalty{PenaltyWarning, PenaltyFine, PenaltyNonCustodial, PenaltySuspended, PenaltyPrison, PenaltyLife,
	PenaltyDeathCommuted, PenaltyDeath, PenaltyExpulsion, PenaltyExempted}

// Label is the kind in Vietnamese.
func (p Penalty) Label() string {
	switch p {
	case PenaltyWarning:
		return "Cảnh cáo"
	case PenaltyFine:
		return "Phạt tiền"
	case PenaltyNonCustodial:
		return "Cải tạo không giam giữ"
	case PenaltySuspended:
		return "Phạt tù cho hưởng án treo"
	case PenaltyPrison:
		return "Tù có thời hạn"
	case PenaltyLife:
		return "Tù chung thân"
	case PenaltyDeathCommuted:
		return "Tử hình đã được giảm án"
	case PenaltyDeath:
		return "Tử hình"
	case PenaltyExpulsion:
		return "Trục xuất"
	case PenaltyExempted:
		return "Miễn hình phạt"
	}
	return "Chưa xác định"
}

// Obligations is whether the additional penalties and the other decisions
// of the judgment (hình phạt bổ sung, các quyết định khác của bản án: fines,
// compensation, court fees, bans) were carried out, which Art. 70(2)
// requires.
type Obligations string

const (
	ObligationsUnknown     Obligations = ""            // not known: verify with the enforcement office
	ObligationsNone        Obligations = "none"        // the judgment imposed none
	ObligationsDone        Obligations = "done"        // completed on ObligationsDate
	ObligationsOutstanding Obligations = "outstanding" // known not completed (e.g. compensation unpaid)
)

// Label is the status in Vietnamese.
func (o Obligations) Label() string {
	switch o {
	case ObligationsNone:
		return "Bản án không có hình phạt bổ sung, quyết định khác"
	case ObligationsDone:
		return "Đã chấp hành xong"
	case ObligationsOutstanding:
		return "Chưa chấp hành xong"
	}
	return "Chưa có thông tin"
}

// ExpungementBand is one point of Art. 70(2).
type ExpungementBand struct {
	Point string // "a", "b", "c", "d"
	Years int
	// Kinds are the penalties of the band; for PenaltyPrison the band
	// holds sentences of more than AboveMonths and at most UpToMonths
	// (0: no upper bound).
	Kinds                   []Penalty
	AboveMonths, UpToMonths int
	Text                    string
}

// ExpungementRules is a version of the automatic expungement rules.
type ExpungementRules struct {
	From   calendar.Date
	Source string
	Bands  []ExpungementBand
	// Excluded are the article ranges (Penal Code 2015 numbering; 1999
	// numbering for records under the old code) whose records are expunged
	// only by a court decision (Art. 70(1), 71): Chapter XIII (national
	// security: the 14 offences of Art. 108-121, Art. 122 being its
	// additional penalties; 1999 code Chapter XI, Art. 78-92) and Chapter
	// XXVI (peace, humanity, war crimes: Art. 421-425; 1999 code Chapter
	// XXIV, Art. 341-344). The 2015 list was checked against
	// thuvienphapluat.vn's list of the national-security offences.
	Excluded2015, Excluded1999 [][2]int
}

// Expungement2018 is Art. 70 of the Penal Code 2015 as amended in 2017, in
// force from 1/1/2018. It applies to every certificate issued since,
// whenever the conviction was (Resolution 41/2017/QH14 applies the
// provisions favourable to the convicted person to earlier offences).
var Expungement2018 = ExpungementRules{
	From:   calendar.NewDate(2018, 1, 1),
	Source: "Bộ luật Hình sự 2015 (sửa đổi, bổ sung năm 2017)",
	Bands: []ExpungementBand{
		{Point: "a", Years: 1, Kinds: []Penalty{PenaltyWarning, PenaltyFine, PenaltyNonCustodial, PenaltySuspended},
			Text: "cảnh cáo, phạt tiền, cải tạo không giam giữ, phạt tù nhưng được hưởng án treo"},
		{Point: "b", Years: 2, Kinds: []Penalty{PenaltyPrison}, UpToMonths: 60, Text: "phạt tù đến 05 năm"},
		{Point: "c", Years: 3, Kinds: []Penalty{PenaltyPrison}, AboveMonths: 60, UpToMonths: 180, Text: "phạt tù từ trên 05 năm đến 15 năm"},
		{Point: "d", Years: 5, Kinds: []Penalty{PenaltyPrison, PenaltyLife, PenaltyDeathCommuted}, AboveMonths: 180,
			Text: "phạt tù từ trên 15 năm, tù chung thân hoặc tử hình nhưng đã được giảm án"},
	},
	Excluded2015: [][2]int{{108, 122}, {421, 425}},
	Excluded1999: [][2]int{{78, 92}, {341, 344}},
}

// band finds the band of a penalty.
func (v ExpungementRules) band(p Penalty, months int) (ExpungementBand, bool) {
	for _, b := range v.Bands {
		for _, k := range b.Kinds {
			if k != p {
				continue
			}
			if p != PenaltyPrison {
				return b, true
			}
			if months > b.AboveMonths && (b.UpToMonths == 0 || months <= b.UpToMonths) {
				return b, true
			}
		}
	}
	return ExpungementBand{}, false
}

var articleRe = regexp.MustCompile(`(?i)điều\s+([0-9]{1,3})`)

// courtOnly reports whether the article belongs to a chapter excluded from
// automatic expungement; ok is false when the article cannot be read.
func (v ExpungementRules) courtOnly(article string) (excluded, ok bool) {
	m := articleRe.FindStringSubmatch(article)
	if m == nil {
		return false, false
	}
	n, _ := strconv.Atoi(m[1])
	ranges := v.Excluded2015
	switch {
	case strings.Contains(article, "1999"):
		ranges = v.Excluded1999
	case strings.Contains(article, "1985"):
		return false, false // the 1985 code's chapters are not held
	}
	for _, r := range ranges {
		if n >= r[0] && n <= r[1] {
			return true, true
		}
	}
	return false, true
}

var (
	prisonRe = regexp.MustCompile(`(?i)^(?:phạt tù\s+)?(?:([0-9]{1,2})\s*năm)?\s*(?:([0-9]{1,2})\s*tháng)?\s*(?:tù(?: giam)?)?$`)
)

// ParseSentence reads the kind of main penalty from a sentence as typed
// (records kept before the kind was a field), only when the text is
// unambiguous; otherwise it returns "" and the record must be verified.
func ParseSentence(s string) (Penalty, int) {
	t := strings.ToLower(clean(s))
	switch {
	case t == "":
		return "", 0
	case strings.Contains(t, "án treo"):
		return PenaltySuspended, 0
	case strings.Contains(t, "chung thân"):
		return PenaltyLife, 0
	case strings.Contains(t, "tử hình") || strings.Contains(t, "trục xuất"):
		return "", 0
	case strings.HasPrefix(t, "cảnh cáo"):
		return PenaltyWarning, 0
	case strings.HasPrefix(t, "phạt tiền"):
		return PenaltyFine, 0
	case strings.HasPrefix(t, "cải tạo không giam giữ"):
		return PenaltyNonCustodial, 0
	}
	if m := prisonRe.FindStringSubmatch(t); m != nil && strings.Contains(t, "tù") && (m[1] != "" || m[2] != "") {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		return PenaltyPrison, y*12 + mo
	}
	return "", 0
}

// ExpStatus is the outcome of the computation.
type ExpStatus string

const (
	ExpNoRecord ExpStatus = "no_record" // Art. 69(2): not regarded as having a record
	ExpRecorded ExpStatus = "recorded"  // an expungement is recorded (court decision, earlier certificate)
	ExpExpunged ExpStatus = "expunged"  // expunged by law on On
	ExpPending  ExpStatus = "pending"   // not yet: expunged on On if no new offence
	ExpCourt    ExpStatus = "court"     // Chapters XIII, XXVI: only a court decision (Art. 71)
	ExpVerify   ExpStatus = "verify"    // the data cannot settle it
)

// Label is the status in Vietnamese.
func (s ExpStatus) Label() string {
	switch s {
	case ExpNoRecord:
		return "Không bị coi là có án tích"
	case ExpRecorded:
		return "Đã được xóa án tích (đã ghi nhận)"
	case ExpExpunged:
		return "Đương nhiên được xóa án tích"
	case ExpPending:
		return "Chưa được xóa án tích"
	case ExpCourt:
		return "Xóa án tích theo quyết định của Tòa án"
	case ExpVerify:
		return "Cần xác minh"
	}
	return string(s)
}

// Expungement is the computation for one conviction, as the officer sees
// it: the outcome, the date, the basis, each step and what is to verify.
type Expungement struct {
	Status ExpStatus     `json:"status"`
	On     calendar.Date `json:"on,omitzero"`
	Basis  string        `json:"basis"`
	Steps  []string      `json:"steps"`
	Verify []string      `json:"verify,omitempty"`
}

// Settled reports whether the certificate may state the record.
func (e Expungement) Settled() bool { return e.Status != ExpVerify }

// ExpungedOn reports whether the record counts as expunged on day.
func (e Expungement) ExpungedOn(day calendar.Date) bool {
	switch e.Status {
	case ExpNoRecord:
		return true
	case ExpRecorded, ExpExpunged:
		return !e.On.After(day)
	}
	return false
}

// addYears is the last day of a period of n years counted from the day
// after from: the corresponding day of the last year, or the last day of
// its month when that year has no such day (Civil Code 2015 Art. 147(2),
// 148).
func addYears(from calendar.Date, n int) calendar.Date {
	y, m, dd := from.Year+n, from.Month, from.Day
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return calendar.NewDate(y, m, min(dd, last))
}

// startOf is the day the period of Art. 70(2) or (3) counts from: the main
// penalty served (or the probation ended), else the lapse of enforcement.
func startOf(c Conviction) (calendar.Date, string) {
	switch {
	case !c.Completed.IsZero():
		return c.Completed, "khoản 2 Điều 70"
	case !c.Lapsed.IsZero():
		return c.Lapsed, "khoản 3 Điều 70"
	}
	return calendar.Date{}, ""
}

// penalty is the structured kind, else the one read from the text.
func (c Conviction) penalty() Penalty {
	if c.Penalty != "" {
		return c.Penalty
	}
	p, _ := ParseSentence(c.Sentence)
	return p
}

func (c Conviction) months() int {
	if c.Penalty != "" {
		return c.PrisonMonths
	}
	_, m := ParseSentence(c.Sentence)
	return m
}

func (c Conviction) ref() string {
	return fmt.Sprintf("bản án số %s ngày %s", c.JudgmentNo, c.JudgmentDate.FormatVN())
}

// AssessAll computes the expungement of each of a person's convictions on
// day, each against the others (a later conviction may be a new offence).
func AssessAll(all []Conviction, day calendar.Date) []Expungement {
	out := make([]Expungement, len(all))
	for i := range all {
		others := make([]Conviction, 0, len(all)-1)
		others = append(others, all[:i]...)
		others = append(others, all[i+1:]...)
		out[i] = Expungement2018.Assess(all[i], others, day)
	}
	return out
}

// Assess computes whether and when c was expunged by law, as of day.
func (v ExpungementRules) Assess(c Conviction, others []Conviction, day calendar.Date) Expungement {
	var e Expungement
	step := func(f string, a ...any) { e.Steps = append(e.Steps, fmt.Sprintf(f, a...)) }
	verify := func(f string, a ...any) { e.Verify = append(e.Verify, fmt.Sprintf(f, a...)) }
	src := v.Source

	if !c.Expunged.IsZero() {
		e.Status, e.On, e.Basis = ExpRecorded, c.Expunged, "Thông tin xóa án tích đã được ghi nhận"
		step("Đã ghi nhận xóa án tích từ ngày %s (nguồn: %s).", c.Expunged.FormatVN(), orDash(c.Source))
		return e
	}
	p, months := c.penalty(), c.months()
	if c.Penalty == "" && p != "" {
		step("Hình phạt chính đọc từ nội dung bản án \"%s\": %s%s.", c.Sentence, p.Label(), monthsText(p, months))
	}
	if p == PenaltyExempted {
		e.Status, e.Basis = ExpNoRecord, "Khoản 2 Điều 69 "+src
		step("Người được miễn hình phạt không bị coi là có án tích.")
		return e
	}
	if excluded, ok := v.courtOnly(c.Article); !ok {
		verify("Không xác định được điều luật đã áp dụng (\"%s\") để loại trừ các tội thuộc Chương XIII, Chương XXVI (khoản 1 Điều 70).", orDash(c.Article))
	} else if excluded {
		e.Status, e.Basis = ExpCourt, "Khoản 1 Điều 70, Điều 71 "+src
		step("Tội theo %s thuộc Chương XIII hoặc Chương XXVI: không đương nhiên được xóa án tích; việc xóa án tích do Tòa án quyết định.", c.Article)
		return e
	} else {
		step("Tội theo %s không thuộc Chương XIII, Chương XXVI: áp dụng đương nhiên xóa án tích (khoản 1 Điều 70).", c.Article)
	}
	b, ok := v.band(p, months)
	if !ok {
		verify("Không xác định được hình phạt chính thuộc trường hợp nào của khoản 2 Điều 70 (hình phạt: \"%s\"%s).", orDash(c.Sentence), kindText(p))
	} else {
		step("Hình phạt chính %s%s: thời hạn %d năm (điểm %s khoản 2 Điều 70: %s; khoản 1 Điều 73: căn cứ hình phạt chính đã tuyên).",
			strings.ToLower(p.Label()), monthsText(p, months), b.Years, b.Point, b.Text)
	}
	start, clause := startOf(c)
	if start.IsZero() {
		verify("Thiếu ngày chấp hành xong hình phạt chính (hoặc ngày hết thời gian thử thách án treo, ngày hết thời hiệu thi hành bản án).")
	} else if clause == "khoản 3 Điều 70" {
		step("Bản án hết thời hiệu thi hành ngày %s (khoản 3 Điều 70).", start.FormatVN())
	} else if p == PenaltySuspended {
		step("Hết thời gian thử thách án treo ngày %s.", start.FormatVN())
	} else {
		step("Chấp hành xong hình phạt chính ngày %s.", start.FormatVN())
	}
	var obligationsDone calendar.Date
	switch c.Obligations {
	case ObligationsNone:
		step("Bản án không có hình phạt bổ sung, quyết định khác phải chấp hành.")
	case ObligationsDone:
		if c.ObligationsDate.IsZero() {
			verify("Thiếu ngày chấp hành xong hình phạt bổ sung, các quyết định khác của bản án.")
		} else {
			obligationsDone = c.ObligationsDate
			step("Chấp hành xong hình phạt bổ sung, các quyết định khác của bản án ngày %s.", c.ObligationsDate.FormatVN())
		}
	case ObligationsOutstanding:
		verify("Người bị kết án chưa chấp hành xong hình phạt bổ sung, các quyết định khác của bản án (%s): cần xác minh với cơ quan thi hành án.", orDash(c.Additional))
	default:
		verify("Chưa có thông tin về việc chấp hành hình phạt bổ sung, các quyết định khác của bản án (tiền phạt, bồi thường, án phí): cần xác minh với cơ quan thi hành án dân sự.")
	}
	if len(e.Verify) > 0 {
		e.Status, e.Basis = ExpVerify, "Điều 70 "+src
		return e
	}
	e.Basis = fmt.Sprintf("Điểm %s khoản 2 Điều 70 %s", b.Point, src)
	if clause == "khoản 3 Điều 70" {
		e.Basis = fmt.Sprintf("Khoản 3 Điều 70 (thời hạn theo điểm %s khoản 2 Điều 70) %s", b.Point, src)
	}
	on := func(from calendar.Date) calendar.Date {
		end := addYears(from, b.Years)
		x := end.AddDays(1)
		if obligationsDone.After(x) {
			x = obligationsDone
		}
		return x
	}
	exp := on(start)
	step("Thời hạn %d năm kể từ ngày %s kết thúc hết ngày %s (Điều 147, 148 Bộ luật Dân sự 2015).", b.Years, start.FormatVN(), addYears(start, b.Years).FormatVN())
	if obligationsDone.After(addYears(start, b.Years).AddDays(1)) {
		step("Hình phạt bổ sung, quyết định khác chấp hành xong sau khi hết thời hạn: xóa án tích từ ngày chấp hành xong.")
	}

	// New offences (Art. 70(2): none within the period; Art. 73(2): a new
	// conviction restarts the period from the new main penalty served).
	later := make([]Conviction, 0, len(others))
	for _, n := range others {
		if n.JudgmentDate.After(c.JudgmentDate) {
			later = append(later, n)
		}
	}
	sort.SliceStable(later, func(i, j int) bool { return later[i].OffenceDate.Before(later[j].OffenceDate) })
	for _, n := range later {
		switch {
		case n.OffenceDate.IsZero():
			verify("Có %s nhưng thiếu ngày thực hiện hành vi phạm tội: không xác định được có phạm tội mới trong thời hạn hay không.", n.ref())
		case !n.OffenceDate.After(c.JudgmentDate):
			step("%s: hành vi phạm tội ngày %s thực hiện trước khi bị kết án theo bản án này, không phải phạm tội mới.", capital(n.ref()), n.OffenceDate.FormatVN())
		case n.OffenceDate.Before(exp):
			nstart, _ := startOf(n)
			if nstart.IsZero() {
				verify("Phạm tội mới ngày %s (%s) trong thời hạn nhưng thiếu ngày chấp hành xong hình phạt chính của bản án mới.", n.OffenceDate.FormatVN(), n.ref())
				continue
			}
			exp = on(nstart)
			step("Phạm tội mới ngày %s (%s) khi chưa được xóa án tích: thời hạn tính lại từ ngày chấp hành xong hình phạt chính của bản án mới %s (khoản 2 Điều 73), đến hết ngày %s.",
				n.OffenceDate.FormatVN(), n.ref(), nstart.FormatVN(), addYears(nstart, b.Years).FormatVN())
		default:
			step("%s: hành vi phạm tội ngày %s sau khi đã được xóa án tích, không ảnh hưởng.", capital(n.ref()), n.OffenceDate.FormatVN())
		}
	}
	if len(e.Verify) > 0 {
		e.Status = ExpVerify
		return e
	}
	e.On = exp
	if exp.After(day) {
		e.Status = ExpPending
		step("Ngày %s chưa hết thời hạn: đương nhiên được xóa án tích từ ngày %s nếu không phạm tội mới.", day.FormatVN(), exp.FormatVN())
	} else {
		e.Status = ExpExpunged
		step("Đương nhiên được xóa án tích từ ngày %s.", exp.FormatVN())
	}
	return e
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "không ghi"
	}
	return s
}

func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func kindText(p Penalty) string {
	if p == "" {
		return ""
	}
	return "; loại: " + strings.ToLower(p.Label())
}

func monthsText(p Penalty, months int) string {
	if p != PenaltyPrison || months == 0 {
		return ""
	}
	y, m := months/12, months%12
	switch {
	case y == 0:
		return fmt.Sprintf(" %d tháng", m)
	case m == 0:
		return fmt.Sprintf(" %d năm", y)
	}
	return fmt.Sprintf(" %d năm %d tháng", y, m)
}
