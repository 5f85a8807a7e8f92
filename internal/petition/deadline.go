package petition

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"tuphap/internal/calendar"
)

// Unit is how a period is counted: "ngày" (calendar days) or "ngày làm
// việc" (working days), exactly as the article words it.
type Unit string

const (
	CalendarDays Unit = "calendar_days" // "ngày"
	WorkingDays  Unit = "working_days"  // "ngày làm việc"
	Years        Unit = "years"         // "năm"
)

// Name is the unit's Vietnamese word.
func (u Unit) Name() string {
	switch u {
	case CalendarDays:
		return "ngày"
	case WorkingDays:
		return "ngày làm việc"
	case Years:
		return "năm"
	}
	return string(u)
}

// Stage is the act a period limits.
type Stage string

const (
	// Complaints.
	StageAcceptance     Stage = "acceptance"      // thụ lý, from receipt
	StageFirstInstance  Stage = "first_instance"  // giải quyết lần đầu, from thụ lý
	StageSecondInstance Stage = "second_instance" // giải quyết lần hai, from thụ lý
	StageAppeal         Stage = "appeal"          // window for a 2nd complaint, from receipt of the 1st decision
	StageLawsuit        Stage = "lawsuit"         // lawsuit time limit, from receipt of the decision
	StageSendDecision   Stage = "send_decision"   // sending a suspension, termination or continuation decision
	// Denunciations.
	StageCheck        Stage = "check"         // log, classify, check conditions
	StageForward      Stage = "forward"       // forward outside competence
	StageAcceptNotice Stage = "accept_notice" // notify after the acceptance decision
	StageResolve      Stage = "resolve"       // giải quyết tố cáo, from thụ lý
	// Recommendations and feedback.
	StageNotice Stage = "notice" // status notice to the citizen
)

// Flags are the facts of a case that select a longer period.
type Flags struct {
	Complex           bool `json:"complex,omitempty"`            // vụ việc phức tạp
	EspeciallyComplex bool `json:"especially_complex,omitempty"` // đặc biệt phức tạp (denunciations)
	Remote            bool `json:"remote,omitempty"`             // vùng sâu, vùng xa đi lại khó khăn
	SeveralPlaces     bool `json:"several_places,omitempty"`     // checks at several places or delegated
}

// Rule is one period of the law, as data: its value and unit, the event it
// counts from, the facts it needs, its legal basis and effective dates.
// Counting follows the Civil Code (BLDS-147, BLDS-148-5): the day of the
// event is not counted; a last day that is a weekend or holiday rolls to
// the next working day.
type Rule struct {
	ID         string
	Kind       Kind
	Stage      Stage
	Days       int // the value, in Unit (years for Years)
	Unit       Unit
	CountsFrom string // the event, in Vietnamese
	// Needs: the flags this rule requires; the most specific rule whose
	// needs all hold applies.
	Needs Flags
	// From and To bound the days (of the event the version follows, see
	// VersionDay) on which the rule is in force; To zero is open.
	From, To calendar.Date
	Basis    string // article, in Vietnamese
	Verified bool   // false where research/registers-law.md could not check the text
}

func d(y, m, dd int) calendar.Date { return calendar.NewDate(y, time.Month(m), dd) }

// Rules is the table of periods, every one with its article
// (research/registers-law.md §0–§3; ids are that file's).
var Rules = []Rule{
	// Complaints: acceptance. Law 02/2011 Art. 27, 36(1) say "10 ngày"; the
	// implementing texts say working days; Decree 155/2026 Art. 10 (amending
	// Decree 124/2020 Art. 16(1)) says 07 working days from 1/7/2026. Both
	// the Law's and the decree's apply: the earlier date governs.
	{ID: "KN-ACCEPT-LAW", Kind: KindComplaint, Stage: StageAcceptance, Days: 10, Unit: CalendarDays,
		CountsFrom: "ngày nhận được khiếu nại thuộc thẩm quyền", From: d(2012, 7, 1), Verified: true,
		Basis: "Điều 27, khoản 1 Điều 36 Luật Khiếu nại 02/2011/QH13"},
	{ID: "KN-ACCEPT-124", Kind: KindComplaint, Stage: StageAcceptance, Days: 10, Unit: WorkingDays,
		CountsFrom: "ngày nhận được khiếu nại", From: d(2020, 12, 5), To: d(2026, 6, 30),
		Basis: "khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP (bản gốc chưa đối chiếu)"},
	{ID: "KN-ACCEPT-2026", Kind: KindComplaint, Stage: StageAcceptance, Days: 7, Unit: WorkingDays,
		CountsFrom: "ngày nhận được khiếu nại", From: d(2026, 7, 1), Verified: true,
		Basis: "khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 10 Nghị định 155/2026/NĐ-CP"},
	// First instance: Law 02/2011 Art. 28.
	{ID: "KN-T1", Kind: KindComplaint, Stage: StageFirstInstance, Days: 30, Unit: CalendarDays,
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "Điều 28 Luật Khiếu nại 02/2011/QH13"},
	{ID: "KN-T1-CX", Kind: KindComplaint, Stage: StageFirstInstance, Days: 45, Unit: CalendarDays, Needs: Flags{Complex: true},
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "Điều 28 Luật Khiếu nại 02/2011/QH13 (vụ việc phức tạp)"},
	{ID: "KN-T1-RM", Kind: KindComplaint, Stage: StageFirstInstance, Days: 45, Unit: CalendarDays, Needs: Flags{Remote: true},
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "đoạn 2 Điều 28 Luật Khiếu nại 02/2011/QH13 (vùng sâu, vùng xa)"},
	{ID: "KN-T1-RM-CX", Kind: KindComplaint, Stage: StageFirstInstance, Days: 60, Unit: CalendarDays, Needs: Flags{Remote: true, Complex: true},
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "đoạn 2 Điều 28 Luật Khiếu nại 02/2011/QH13 (vùng sâu, vùng xa, phức tạp)"},
	// Second instance: Art. 37.
	{ID: "KN-T2", Kind: KindComplaint, Stage: StageSecondInstance, Days: 45, Unit: CalendarDays,
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "Điều 37 Luật Khiếu nại 02/2011/QH13"},
	{ID: "KN-T2-CX", Kind: KindComplaint, Stage: StageSecondInstance, Days: 60, Unit: CalendarDays, Needs: Flags{Complex: true},
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "Điều 37 Luật Khiếu nại 02/2011/QH13 (vụ việc phức tạp)"},
	{ID: "KN-T2-RM", Kind: KindComplaint, Stage: StageSecondInstance, Days: 60, Unit: CalendarDays, Needs: Flags{Remote: true},
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "đoạn 2 Điều 37 Luật Khiếu nại 02/2011/QH13 (vùng sâu, vùng xa)"},
	{ID: "KN-T2-RM-CX", Kind: KindComplaint, Stage: StageSecondInstance, Days: 70, Unit: CalendarDays, Needs: Flags{Remote: true, Complex: true},
		CountsFrom: "ngày thụ lý", From: d(2012, 7, 1), Verified: true, Basis: "đoạn 2 Điều 37 Luật Khiếu nại 02/2011/QH13 (vùng sâu, vùng xa, phức tạp)"},
	// Window for a 2nd complaint: Art. 33(1).
	{ID: "KN-APPEAL2", Kind: KindComplaint, Stage: StageAppeal, Days: 30, Unit: CalendarDays,
		CountsFrom: "ngày nhận được quyết định giải quyết lần đầu hoặc ngày hết thời hạn giải quyết mà không được giải quyết", From: d(2012, 7, 1), Verified: true,
		Basis: "khoản 1 Điều 33 Luật Khiếu nại 02/2011/QH13"},
	{ID: "KN-APPEAL2-RM", Kind: KindComplaint, Stage: StageAppeal, Days: 45, Unit: CalendarDays, Needs: Flags{Remote: true},
		CountsFrom: "ngày nhận được quyết định giải quyết lần đầu hoặc ngày hết thời hạn giải quyết mà không được giải quyết", From: d(2012, 7, 1), Verified: true,
		Basis: "khoản 1 Điều 33 Luật Khiếu nại 02/2011/QH13 (vùng sâu, vùng xa)"},
	{ID: "KN-SUIT", Kind: KindComplaint, Stage: StageLawsuit, Days: 1, Unit: Years,
		CountsFrom: "ngày nhận được hoặc biết được quyết định giải quyết khiếu nại", From: d(2016, 7, 1), Verified: true,
		Basis: "điểm a khoản 3 Điều 116 Luật Tố tụng hành chính 93/2015/QH13"},
	{ID: "KN-SUSP-SEND", Kind: KindComplaint, Stage: StageSendDecision, Days: 3, Unit: WorkingDays,
		CountsFrom: "ngày ban hành quyết định tạm đình chỉ, đình chỉ hoặc tiếp tục giải quyết", From: d(2026, 7, 1), Verified: true,
		Basis: "Điều 28b Nghị định 124/2020/NĐ-CP, bổ sung bởi Điều 12 Nghị định 155/2026/NĐ-CP"},
	// Denunciations: Law 25/2018.
	{ID: "TC-CHECK", Kind: KindDenunciation, Stage: StageCheck, Days: 7, Unit: WorkingDays,
		CountsFrom: "ngày nhận được tố cáo", From: d(2019, 1, 1), Verified: true, Basis: "khoản 1 Điều 24 Luật Tố cáo 25/2018/QH14"},
	{ID: "TC-CHECK-EXT", Kind: KindDenunciation, Stage: StageCheck, Days: 10, Unit: WorkingDays, Needs: Flags{SeveralPlaces: true},
		CountsFrom: "ngày nhận được tố cáo", From: d(2019, 1, 1), Verified: true,
		Basis: "khoản 1 Điều 24 Luật Tố cáo 25/2018/QH14 (xác minh ở nhiều địa điểm hoặc phải ủy quyền)"},
	{ID: "TC-FWD", Kind: KindDenunciation, Stage: StageForward, Days: 5, Unit: WorkingDays,
		CountsFrom: "ngày nhận được đơn tố cáo", From: d(2019, 1, 1), Verified: true, Basis: "khoản 2 Điều 24 Luật Tố cáo 25/2018/QH14"},
	{ID: "TC-ACCEPT-NOTICE", Kind: KindDenunciation, Stage: StageAcceptNotice, Days: 5, Unit: WorkingDays,
		CountsFrom: "ngày ra quyết định thụ lý tố cáo", From: d(2019, 1, 1), Verified: true, Basis: "khoản 3 Điều 29 Luật Tố cáo 25/2018/QH14"},
	{ID: "TC-T", Kind: KindDenunciation, Stage: StageResolve, Days: 30, Unit: CalendarDays,
		CountsFrom: "ngày thụ lý tố cáo", From: d(2019, 1, 1), Verified: true, Basis: "khoản 1 Điều 30 Luật Tố cáo 25/2018/QH14"},
	{ID: "TC-T-CX", Kind: KindDenunciation, Stage: StageResolve, Days: 60, Unit: CalendarDays, Needs: Flags{Complex: true},
		CountsFrom: "ngày thụ lý tố cáo (đã gia hạn 01 lần, không quá 30 ngày)", From: d(2019, 1, 1), Verified: true,
		Basis: "khoản 2 Điều 30 Luật Tố cáo 25/2018/QH14 (phức tạp: gia hạn một lần)"},
	{ID: "TC-T-DCX", Kind: KindDenunciation, Stage: StageResolve, Days: 90, Unit: CalendarDays, Needs: Flags{EspeciallyComplex: true},
		CountsFrom: "ngày thụ lý tố cáo (đã gia hạn 02 lần, mỗi lần không quá 30 ngày)", From: d(2019, 1, 1), Verified: true,
		Basis: "khoản 3 Điều 30 Luật Tố cáo 25/2018/QH14 (đặc biệt phức tạp: gia hạn hai lần)"},
	// Recommendations and feedback: the status notice.
	{ID: "KNPA-NOTIFY", Kind: KindFeedback, Stage: StageNotice, Days: 10, Unit: WorkingDays,
		CountsFrom: "ngày tiếp nhận nội dung kiến nghị, phản ánh", From: d(2014, 7, 1), Verified: true,
		Basis: "khoản 1 Điều 28 Luật Tiếp công dân 42/2013/QH13"},
}

// InForce reports whether the rule is in force on day.
func (r Rule) InForce(day calendar.Date) bool {
	return !day.Before(r.From) && (r.To.IsZero() || !day.After(r.To))
}

// fits reports whether all of r's needs hold in f.
func (r Rule) fits(f Flags) bool {
	n := r.Needs
	return (!n.Complex || f.Complex || f.EspeciallyComplex) && (!n.EspeciallyComplex || f.EspeciallyComplex) &&
		(!n.Remote || f.Remote) && (!n.SeveralPlaces || f.SeveralPlaces)
}

func (r Rule) weight() int {
	w := 0
	for _, b := range []bool{r.Needs.Complex, r.Needs.Remote, r.Needs.SeveralPlaces} {
		if b {
			w++
		}
	}
	if r.Needs.EspeciallyComplex {
		w += 2
	}
	return w
}

// WorkingDayer tells working days from rest days: *calendar.Calendar, with
// the official holiday schedules.
type WorkingDayer interface {
	IsWorkingDay(calendar.Date) bool
}

// Deadline is a period applied to an event.
type Deadline struct {
	Due        calendar.Date `json:"due"`
	Unit       Unit          `json:"unit"`
	Days       int           `json:"days"`
	Basis      string        `json:"basis"`
	Rule       string        `json:"rule"`
	CountsFrom string        `json:"counts_from"`
	From       calendar.Date `json:"from"`
	Verified   bool          `json:"verified"`
	// Also are the other rules in force for the same act (a Law's and its
	// decree's periods): Due is the earliest of them all.
	Also []Deadline `json:"also,omitempty"`
}

// Count applies one rule to the event's day (Civil Code Art. 147: the
// day of the event is not counted; Art. 148(5): a last day that is a
// weekend or holiday ends on the next working day).
func Count(cal WorkingDayer, r Rule, from calendar.Date) calendar.Date {
	switch r.Unit {
	case WorkingDays:
		day, n := from, 0
		for n < r.Days {
			day = day.AddDays(1)
			if cal.IsWorkingDay(day) {
				n++
			}
		}
		return day
	case Years:
		t := calendar.NewDate(from.Year+r.Days, from.Month, from.Day)
		if !t.IsValid() { // 29/2 → 28/2
			t = calendar.NewDate(from.Year+r.Days, from.Month, from.Day-1)
		}
		return rollOver(cal, t)
	}
	return rollOver(cal, from.AddDays(r.Days))
}

func rollOver(cal WorkingDayer, day calendar.Date) calendar.Date {
	for i := 0; i < 40 && !cal.IsWorkingDay(day); i++ {
		day = day.AddDays(1)
	}
	return day
}

// Applicable returns the rules in force on versionDay for the act: for
// each rule family (same stage, several texts), the most specific one whose
// needs hold. Several results mean several texts limit the same act.
func Applicable(kind Kind, stage Stage, versionDay calendar.Date, f Flags) []Rule {
	best := map[string]Rule{} // per text: the Law's ids vs a decree's
	for _, r := range Rules {
		if r.Kind != kind || r.Stage != stage || !r.InForce(versionDay) || !r.fits(f) {
			continue
		}
		fam := family(r)
		if b, ok := best[fam]; !ok || r.weight() > b.weight() {
			best[fam] = r
		}
	}
	out := make([]Rule, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// family groups rules that are versions of one text's period: the acceptance
// rules of the Law and of the decrees are distinct families (both apply);
// the variants of one article (-CX, -RM, -EXT) are one.
func family(r Rule) string {
	switch r.ID {
	case "KN-ACCEPT-LAW":
		return "law"
	case "KN-ACCEPT-124", "KN-ACCEPT-2026":
		return "decree"
	}
	return "one"
}

// ErrNoRule is returned for an act with no period in force on the day.
type ErrNoRule struct {
	Kind  Kind
	Stage Stage
	Day   calendar.Date
}

func (e ErrNoRule) Error() string {
	return fmt.Sprintf("Không có quy định thời hạn cho bước %s của %s áp dụng ngày %s.", e.Stage, e.Kind.Name(), e.Day.FormatVN())
}

// Due computes the deadline of an act counted from the event's day, under
// the rules in force on versionDay (the day the case was received: a case
// received before 1/7/2026 keeps the old limits). When several texts limit
// the same act, the earliest date governs and every basis is kept.
func Due(cal WorkingDayer, kind Kind, stage Stage, from, versionDay calendar.Date, f Flags) (Deadline, error) {
	rs := Applicable(kind, stage, versionDay, f)
	if len(rs) == 0 {
		return Deadline{}, ErrNoRule{kind, stage, versionDay}
	}
	all := make([]Deadline, len(rs))
	for i, r := range rs {
		all[i] = Deadline{Due: Count(cal, r, from), Unit: r.Unit, Days: r.Days, Basis: r.Basis, Rule: r.ID,
			CountsFrom: r.CountsFrom, From: from, Verified: r.Verified}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Due.Before(all[j].Due) })
	out := all[0]
	if len(all) > 1 {
		out.Also = all[1:]
	}
	return out, nil
}

// Describe is the deadline in one Vietnamese sentence, with every basis.
func (dl Deadline) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%d %s kể từ %s %s; %s)", dl.Due.FormatVN(), dl.Days, dl.Unit.Name(), dl.CountsFrom, dl.From.FormatVN(), dl.Basis)
	for _, a := range dl.Also {
		fmt.Fprintf(&b, "; theo %s: %d %s, đến %s", a.Basis, a.Days, a.Unit.Name(), a.Due.FormatVN())
	}
	return b.String()
}

// Stages lists the stages the calculator accepts for a kind.
func Stages(k Kind) []Stage {
	seen := map[Stage]bool{}
	var out []Stage
	for _, r := range Rules {
		if r.Kind == k && !seen[r.Stage] {
			seen[r.Stage] = true
			out = append(out, r.Stage)
		}
	}
	return out
}
