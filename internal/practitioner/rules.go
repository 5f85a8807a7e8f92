package practitioner

import (
	"fmt"
	"time"
	"tuphap/internal/apperr"
)

// ---- Register state changes ----------------------------------------------

// transition is one allowed change: from a status, an event leads to a status.
type transition struct {
	subject Subject
	from    []Status // "" = not yet in the register
	kind    EventKind
	to      Status // "" = unchanged
	source  string
}

// transitions are the changes the register accepts. Their basis is the set
// of procedures the laws give the department and the provincial committee
// (research/catalog.md: đăng ký hoạt động, thay đổi nội dung, tạm ngừng,
// chuyển đổi, hợp nhất, sáp nhập, chấm dứt, thu hồi; bổ nhiệm, miễn nhiệm,
// cấp và thu hồi thẻ), kept as data so that a later law adds rows.
var transitions = []transition{
	{SubjectOrg, []Status{""}, EvRegistered, StatusActive, "Đăng ký hoạt động (Luật Công chứng 2024; Luật Luật sư; Luật Đấu giá tài sản; Nghị định 08/2020/NĐ-CP)"},
	{SubjectOrg, []Status{StatusActive, StatusSuspended}, EvChanged, "", "Thay đổi nội dung đăng ký hoạt động"},
	{SubjectOrg, []Status{StatusActive}, EvSuspended, StatusSuspended, "Tạm ngừng hoạt động, đình chỉ hoạt động (biện pháp bổ sung theo Nghị định 82/2020/NĐ-CP)"},
	{SubjectOrg, []Status{StatusSuspended}, EvResumed, StatusActive, "Hoạt động trở lại sau thời hạn tạm ngừng, đình chỉ"},
	{SubjectOrg, []Status{StatusActive, StatusSuspended}, EvRevoked, StatusRevoked, "Thu hồi quyết định cho phép thành lập, giấy đăng ký hoạt động"},
	{SubjectOrg, []Status{StatusActive}, EvConverted, StatusConverted, "Chuyển đổi loại hình (ví dụ Văn phòng công chứng doanh nghiệp tư nhân thành công ty hợp danh)"},
	{SubjectOrg, []Status{StatusActive}, EvMerged, StatusMerged, "Hợp nhất, sáp nhập"},
	{SubjectOrg, []Status{StatusActive, StatusSuspended}, EvDissolved, StatusDissolved, "Chấm dứt hoạt động, giải thể"},
	{SubjectPerson, []Status{""}, EvRegistered, StatusActive, "Bổ nhiệm, cấp thẻ, chứng chỉ hành nghề, đăng ký hành nghề"},
	{SubjectPerson, []Status{StatusActive, StatusSuspended}, EvChanged, "", "Thay đổi thông tin hành nghề, cấp lại thẻ"},
	{SubjectPerson, []Status{StatusActive}, EvMoved, "", "Chuyển nơi hành nghề sang tổ chức khác"},
	{SubjectPerson, []Status{StatusActive}, EvSuspended, StatusSuspended, "Tạm đình chỉ hành nghề; tước quyền sử dụng thẻ có thời hạn (Nghị định 82/2020/NĐ-CP)"},
	{SubjectPerson, []Status{StatusSuspended}, EvResumed, StatusActive, "Hành nghề trở lại khi hết thời hạn tạm đình chỉ"},
	{SubjectPerson, []Status{StatusActive, StatusSuspended}, EvRevoked, StatusRevoked, "Thu hồi thẻ, chứng chỉ hành nghề"},
	{SubjectPerson, []Status{StatusActive, StatusSuspended}, EvRemoved, StatusRemoved, "Miễn nhiệm, đương nhiên miễn nhiệm (Luật Công chứng 2024, khoản 5 Điều 76), xóa tên"},
}

// Next returns the status a register entry of the subject reaches by the
// event, from its present status (cur "" for a new entry), or an error in
// Vietnamese when the change is not allowed.
func Next(subject Subject, cur Status, kind EventKind) (Status, error) {
	for _, t := range transitions {
		if t.subject != subject || t.kind != kind {
			continue
		}
		for _, f := range t.from {
			if f == cur {
				if t.to == "" {
					return cur, nil
				}
				return t.to, nil
			}
		}
	}
	if cur == "" {
		return "", apperr.Textf("Mục mới của sổ phải bắt đầu bằng việc đăng ký, bổ nhiệm.")
	}
	if kind == EvRegistered {
		return "", apperr.Textf("Đã có trong sổ (%s); không đăng ký lại, hãy ghi thay đổi.", cur.Name())
	}
	return "", apperr.Textf("Không thể ghi \"%s\" khi đang ở trạng thái \"%s\".", kind.Name(), cur.Name())
}

// KindsFrom lists the events a register entry may record next.
func KindsFrom(subject Subject, cur Status) []EventKind {
	var out []EventKind
	for _, k := range EventKinds {
		if _, err := Next(subject, cur, k); err == nil {
			out = append(out, k)
		}
	}
	return out
}

// ---- Notaries: the practising age (Law 46/2024/QH15) -----------------------

// NotaryAgeRules are the age limits of notaries in force from a day.
type NotaryAgeRules struct {
	From time.Time
	// MaxAge: 0 = no limit. Law 46/2024 Art. 10(1): "Là công dân Việt Nam
	// không quá 70 tuổi" (registers-law.md CC-AGE).
	MaxAge int
	// Transition (Art. 76(5), CC-TR-70, CC-TR-68): a notary practising on
	// the law's first day who is over OverAge keeps practising for
	// OverYears years from that day; one from full BandFrom to full OverAge
	// until reaching BandUntil. When these periods end the notary is removed
	// automatically (CC-TR-END).
	TransitionOn time.Time
	OverAge      int
	OverYears    int
	BandFrom     int
	BandUntil    int
	Source       string
	// Unverified names what the research could not confirm (CC-16: the
	// general automatic removal on passing 70, Art. 16).
	Unverified string
}

var notaryAge = []NotaryAgeRules{
	{From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), Source: "Luật Công chứng 53/2014/QH13: không quy định tuổi tối đa hành nghề"},
	{
		From: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), MaxAge: 70,
		TransitionOn: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), OverAge: 70, OverYears: 2, BandFrom: 68, BandUntil: 72,
		Source:     "Luật Công chứng 46/2024/QH15, khoản 1 Điều 10; khoản 5 Điều 76",
		Unverified: "Điều 16 (đương nhiên miễn nhiệm khi quá 70 tuổi) chưa đối chiếu văn bản gốc (registers-law.md CC-16)",
	},
}

// NotaryAgeOn returns the age rules in force on day.
func NotaryAgeOn(day time.Time) NotaryAgeRules {
	r := notaryAge[0]
	for _, v := range notaryAge {
		if !v.From.After(dateOf(day)) {
			r = v
		}
	}
	return r
}

// Birthday is the day a person born on birth reaches age years (29/2 births
// reach it on 1/3 in common years, as time.AddDate normalises).
func Birthday(birth time.Time, age int) time.Time { return dateOf(birth).AddDate(age, 0, 0) }

// AgeOn is the age in whole years on day.
func AgeOn(birth, day time.Time) int {
	b, d := dateOf(birth), dateOf(day)
	age := d.Year() - b.Year()
	if d.Before(Birthday(b, age)) {
		age--
	}
	return age
}

// AgeStop is when a notary must stop practising and why.
type AgeStop struct {
	StopOn time.Time // the first day the notary may no longer practise
	Basis  string    // the rule, in Vietnamese, with its article
	Code   string    // "transition_over_70", "transition_68_70", "max_age"
}

// NotaryStop returns the day a notary born on birth must stop practising
// under the rules in force on day, and ok = false when no age limit applies.
//
//   - Over 70 and practising on 1/7/2025: 2 years from 1/7/2025 (Art.
//     76(5)); counted by the Civil Code (Art. 147(2), 148), the period ends
//     at the close of 1/7/2027, so the notary stops from 2/7/2027.
//   - From full 68 to full 70 on 1/7/2025 (70th birthday on or after
//     1/7/2025, 68th on or before it): until reaching 72 (Art. 76(5)).
//   - Otherwise: on reaching 70 (Art. 10(1)).
func NotaryStop(birth time.Time, practisingOnTransition bool, day time.Time) (AgeStop, bool) {
	r := NotaryAgeOn(day)
	if r.MaxAge == 0 {
		return AgeStop{}, false
	}
	t := dateOf(r.TransitionOn)
	if practisingOnTransition && !r.TransitionOn.IsZero() {
		over := Birthday(birth, r.OverAge)
		if over.Before(t) { // past the 70th birthday on the first day
			return AgeStop{StopOn: t.AddDate(r.OverYears, 0, 1), Code: "transition_over_70",
				Basis: fmt.Sprintf("Trên %d tuổi khi Luật Công chứng 2024 có hiệu lực: hành nghề thêm %d năm kể từ 01/7/2025 (khoản 5 Điều 76)", r.OverAge, r.OverYears)}, true
		}
		if !Birthday(birth, r.BandFrom).After(t) {
			return AgeStop{StopOn: Birthday(birth, r.BandUntil), Code: "transition_68_70",
				Basis: fmt.Sprintf("Từ đủ %d đến đủ %d tuổi khi Luật Công chứng 2024 có hiệu lực: hành nghề đến khi đủ %d tuổi (khoản 5 Điều 76)", r.BandFrom, r.OverAge, r.BandUntil)}, true
		}
	}
	return AgeStop{StopOn: Birthday(birth, r.MaxAge), Code: "max_age",
		Basis: fmt.Sprintf("Công chứng viên không quá %d tuổi (khoản 1 Điều 10 Luật Công chứng 2024)", r.MaxAge)}, true
}

// MustStop is a notary the register lists as having to stop practising.
type MustStop struct {
	Person Person
	AgeStop
	Overdue bool // the day has passed and the notary is still in the register as practising
}

// MustStopWithin lists the practising notaries who must stop on or before
// until (and those already overdue on today), soonest first.
func MustStopWithin(ps []Person, today, until time.Time) []MustStop {
	var out []MustStop
	for _, p := range ps {
		if p.Profession != Notary || p.Status.Ended() || p.BirthDate.IsZero() {
			continue
		}
		st, ok := NotaryStop(p.BirthDate, p.PractisingOn, today)
		if !ok || st.StopOn.After(dateOf(until)) {
			continue
		}
		out = append(out, MustStop{Person: p, AgeStop: st, Overdue: !st.StopOn.After(dateOf(today))})
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].StopOn.Before(out[j-1].StopOn); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// ---- Sanctions (Decree 82/2020/NĐ-CP) --------------------------------------

// SanctionKind is a main or additional penalty or a remedial measure.
type SanctionKind string

const (
	SanctionWarning  SanctionKind = "warning"  // cảnh cáo
	SanctionFine     SanctionKind = "fine"     // phạt tiền
	SanctionSuspend  SanctionKind = "suspend"  // tước quyền sử dụng thẻ, chứng chỉ; đình chỉ hoạt động có thời hạn
	SanctionConfisc  SanctionKind = "confisc"  // tịch thu tang vật
	SanctionRemedial SanctionKind = "remedial" // biện pháp khắc phục hậu quả
)

var sanctionNames = map[SanctionKind]string{
	SanctionWarning: "Cảnh cáo", SanctionFine: "Phạt tiền", SanctionSuspend: "Tước quyền sử dụng, đình chỉ có thời hạn",
	SanctionConfisc: "Tịch thu tang vật", SanctionRemedial: "Biện pháp khắc phục hậu quả",
}

// Name is the kind in Vietnamese.
func (k SanctionKind) Name() string { return sanctionNames[k] }

// Valid reports whether k is known.
func (k SanctionKind) Valid() bool { _, ok := sanctionNames[k]; return ok }

// Violation is a clause of the sanctions decree: the act, its article and
// the fine range for an individual (an organisation pays double: Decree
// 82/2020 Art. 4(2), Law 15/2012 Art. 23(1)). Editable data with its source;
// Verified false marks amounts the research did not confirm.
type Violation struct {
	Code       string // "82/2020:32.1": decree:article.clause
	Profession Profession
	Article    string // "Khoản 1 Điều 32 Nghị định 82/2020/NĐ-CP"
	Act        string
	MinVND     int64
	MaxVND     int64
	Suspend    bool // an additional suspension is possible
	From       time.Time
	Source     string
	Verified   bool
}

var d82 = time.Date(2020, 9, 1, 0, 0, 0, 0, time.UTC) // Decree 82/2020 in force 1/9/2020

// Violations is the table of clauses the inspections pick from.
var Violations = []Violation{
	{"82/2020:11", Notary, "Điều 11 Nghị định 82/2020/NĐ-CP", "Vi phạm về hồ sơ bổ nhiệm, thành lập, đăng ký hoạt động, cấp thẻ công chứng viên", 0, 0, false, d82, "danchuphapluat.vn; pbgdpl.camau.gov.vn (mức phạt chưa đối chiếu)", false},
	{"82/2020:12", Notary, "Điều 12 Nghị định 82/2020/NĐ-CP", "Vi phạm về công chứng hợp đồng, giao dịch, bản dịch (ví dụ không chứng kiến người yêu cầu ký)", 7_000_000, 10_000_000, true, d82, "luathongthai.com (khoản chưa đối chiếu)", false},
	{"82/2020:12.forgery", Notary, "Điều 12 Nghị định 82/2020/NĐ-CP", "Giả mạo người yêu cầu công chứng, chữ ký; yêu cầu công chứng giao dịch giả tạo", 20_000_000, 30_000_000, false, d82, "luathongthai.com (khoản chưa đối chiếu)", false},
	{"82/2020:15", Notary, "Điều 15 Nghị định 82/2020/NĐ-CP", "Vi phạm quy định về hoạt động hành nghề công chứng", 0, 0, true, d82, "pbgdpl.camau.gov.vn (mức phạt chưa đối chiếu)", false},
	{"82/2020:16", Notary, "Điều 16 Nghị định 82/2020/NĐ-CP", "Vi phạm quy định về hoạt động của tổ chức hành nghề công chứng", 0, 0, true, d82, "pbgdpl.camau.gov.vn (mức phạt chưa đối chiếu)", false},
	{"82/2020:32.1", Bailiff, "Khoản 1 Điều 32 Nghị định 82/2020/NĐ-CP", "Vi phạm về hành nghề thừa phát lại (ví dụ không mặc trang phục, không đeo thẻ)", 1_000_000, 3_000_000, false, d82, "hethongphapluat.com, Chương II Mục 8", true},
	{"82/2020:32.2", Bailiff, "Khoản 2 Điều 32 Nghị định 82/2020/NĐ-CP", "Tẩy xóa, sửa chữa thẻ thừa phát lại; hướng dẫn tập sự không đủ điều kiện", 3_000_000, 7_000_000, false, d82, "hethongphapluat.com, Chương II Mục 8", true},
	{"82/2020:32.3", Bailiff, "Khoản 3 Điều 32 Nghị định 82/2020/NĐ-CP", "Tiết lộ thông tin về việc thực hiện công việc của thừa phát lại", 7_000_000, 10_000_000, true, d82, "hethongphapluat.com, Chương II Mục 8", true},
}

// ViolationByCode finds a clause.
func ViolationByCode(code string) (Violation, bool) {
	for _, v := range Violations {
		if v.Code == code {
			return v, true
		}
	}
	return Violation{}, false
}

// CheckFine checks a fine against the clause's range: an individual's fine
// within [Min, Max], an organisation's within twice that (Decree 82/2020
// Art. 4(2)). A clause whose amounts are not in the table (0, 0) accepts
// any positive amount up to the field's ceiling for judicial support.
func CheckFine(v Violation, amount int64, organisation bool) error {
	if amount <= 0 {
		return apperr.Textf("Nhập số tiền phạt theo %s.", v.Article)
	}
	lo, hi := v.MinVND, v.MaxVND
	if hi == 0 {
		hi = MaxFineJudicialSupport
	}
	if organisation {
		lo, hi = lo*2, hi*2
	}
	if amount < lo || amount > hi {
		who := "cá nhân"
		if organisation {
			who = "tổ chức (gấp đôi cá nhân)"
		}
		return apperr.Textf("Mức phạt %s đồng ngoài khung %s–%s đồng đối với %s theo %s.", VND(amount), VND(lo), VND(hi), who, v.Article)
	}
	return nil
}

// MaxFineJudicialSupport is the ceiling of a fine for an individual in
// judicial support (Law on Handling Administrative Violations 15/2012 Art.
// 24(1) as amended 2020; research marks it [M]: verify).
const MaxFineJudicialSupport int64 = 40_000_000

// VND formats an amount the Vietnamese way: 1.234.567.
func VND(n int64) string {
	s := fmt.Sprintf("%d", n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	return neg + string(out)
}

// ---- Bailiffs' records (vi bằng) ------------------------------------------

// ViBangRules: the bailiff office sends a record to the department within
// SendWithin working days of making it; the department registers it within
// RegisterWithin working days of receiving it (Decree 08/2020/NĐ-CP; the
// research marks both [M], domain.md §7).
type ViBangRules struct {
	From           time.Time
	SendWithin     int
	RegisterWithin int
	Source         string
}

var viBang = []ViBangRules{{From: time.Date(2020, 2, 24, 0, 0, 0, 0, time.UTC), SendWithin: 3, RegisterWithin: 2,
	Source: "Nghị định 08/2020/NĐ-CP (điều khoản chưa đối chiếu, domain.md §7 [M])"}}

// ViBangOn returns the rules in force on day.
func ViBangOn(day time.Time) ViBangRules {
	r := viBang[0]
	for _, v := range viBang {
		if !v.From.After(dateOf(day)) {
			r = v
		}
	}
	return r
}

// AddWorkdays counts n working days after day (day itself not counted);
// workday nil treats Monday–Friday as working days.
func AddWorkdays(day time.Time, n int, workday func(time.Time) bool) time.Time {
	if workday == nil {
		workday = func(t time.Time) bool { return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday }
	}
	d := dateOf(day)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if workday(d) {
			n--
		}
	}
	return d
}

// ViBangLate reports whether a record was sent late (received after the
// send deadline) and whether the department registered it late.
func ViBangLate(madeOn, receivedOn time.Time, registeredOn *time.Time, today time.Time, workday func(time.Time) bool) (sentLate, registerLate bool) {
	r := ViBangOn(madeOn)
	sentLate = dateOf(receivedOn).After(AddWorkdays(madeOn, r.SendWithin, workday))
	due := AddWorkdays(receivedOn, r.RegisterWithin, workday)
	if registeredOn != nil {
		registerLate = dateOf(*registeredOn).After(due)
	} else {
		registerLate = dateOf(today).After(due)
	}
	return
}
