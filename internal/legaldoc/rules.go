package legaldoc

import (
	"time"
)

// Unit is how a period counts: "ngày" (calendar days) or "ngày làm việc"
// (working days), copied from the text (research/domain.md §1.4).
type Unit string

const (
	CalendarDays Unit = "ngày"
	WorkingDays  Unit = "ngày làm việc"
)

// TimeLimit is one time limit of the rules, with its unit, what it counts
// from and where it comes from. Verified is false where the figure has not
// been checked against the text: the screens say so.
type TimeLimit struct {
	Days     int
	Unit     Unit
	From     string // "ngày nhận đủ hồ sơ"
	Source   string
	Verified bool
}

// Rules are the figures the register checks against, versioned by the day
// they take effect. They are data: a deployment may replace them
// (Service.Rules) when the province reads the texts differently.
type Rules struct {
	From time.Time
	Law  string
	// Appraisal is the time to send the appraisal report, per kind of draft.
	Appraisal map[Kind]TimeLimit
	// Proposal is the time to appraise a proposal to make a People's
	// Council resolution (đề nghị xây dựng nghị quyết).
	Proposal TimeLimit
	// SendForCheck is the time within which an issued document goes to
	// the checking body.
	SendForCheck TimeLimit
	// ListsBy is the day (month, day) of the next year by which the lists
	// of documents that expired or were suspended are published.
	ListsBy struct {
		Month time.Month
		Day   int
	}
	ListsSource string
	// SystematiseEvery is the systematisation cycle in years, with a
	// cut-off on 31/12 of its last year; FirstCycle is a year a cycle starts.
	SystematiseEvery int
	FirstCycle       int
	SystSource       string
}

func appraisal(days int, src string, verified bool) TimeLimit {
	return TimeLimit{Days: days, Unit: CalendarDays, From: "ngày nhận đủ hồ sơ", Source: src, Verified: verified}
}

// DefaultRules are the versions known to tuphap. Law 80/2015/QH13 gave the
// department 10 days from a complete file for provincial drafts (Art. 121,
// 130; research/domain.md §5, marked [M]). Law 64/2025/QH15 (in force
// 1/4/2025) and Decree 78/2025/NĐ-CP as amended by Decree 187/2025/NĐ-CP
// "lengthened appraisal periods overall" [S: danchuphapluat], but their
// figures have not been checked against the texts: the 2015 figures are
// carried forward, marked unverified, for the province to correct.
// research/registers-law.md (2026-12), the later word on the registers'
// periods, has no entry for Law 64/2025 or Decrees 78, 79 and 187/2025,
// so nothing here could be checked against it: every appraisal period
// stays Verified: false, and the screens say "chưa đối chiếu văn bản".
var DefaultRules = []Rules{
	{
		From: day(2016, 7, 1),
		Law:  "Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13; Nghị định 34/2016/NĐ-CP",
		Appraisal: map[Kind]TimeLimit{
			KindCouncilResolution: appraisal(10, "Luật 80/2015/QH13, khoản 3 Điều 121", false),
			KindPCDecision:        appraisal(10, "Luật 80/2015/QH13, khoản 3 Điều 130", false),
		},
		Proposal:     TimeLimit{Days: 15, Unit: CalendarDays, From: "ngày nhận đủ hồ sơ đề nghị", Source: "Luật 80/2015/QH13, Điều 115"},
		SendForCheck: TimeLimit{Days: 3, Unit: WorkingDays, From: "ngày ký ban hành", Source: "Nghị định 34/2016/NĐ-CP"},
		ListsBy: struct {
			Month time.Month
			Day   int
		}{time.January, 31},
		ListsSource:      "Nghị định 34/2016/NĐ-CP (chưa đối chiếu)",
		SystematiseEvery: 5, FirstCycle: 2019,
		SystSource: "Nghị định 34/2016/NĐ-CP: kỳ hệ thống hóa 2019–2023, thời điểm chốt 31/12/2023",
	},
	{
		From: day(2025, 4, 1),
		Law:  "Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15 (sửa đổi bởi Luật 87/2025/QH15); Nghị định 78/2025/NĐ-CP, 79/2025/NĐ-CP (sửa đổi bởi Nghị định 187/2025/NĐ-CP)",
		Appraisal: map[Kind]TimeLimit{
			KindCouncilResolution: appraisal(10, "Luật 64/2025/QH15; Nghị định 78/2025/NĐ-CP sđ 187/2025/NĐ-CP (tạm giữ mốc Luật 80/2015)", false),
			KindPCDecision:        appraisal(10, "Luật 64/2025/QH15; Nghị định 78/2025/NĐ-CP sđ 187/2025/NĐ-CP (tạm giữ mốc Luật 80/2015)", false),
			KindChairmanDecision:  appraisal(10, "Luật 87/2025/QH15 (loại văn bản mới từ 01/7/2025; tạm giữ mốc Luật 80/2015)", false),
		},
		Proposal:     TimeLimit{Days: 15, Unit: CalendarDays, From: "ngày nhận đủ hồ sơ đề nghị", Source: "Luật 64/2025/QH15 (tạm giữ mốc Luật 80/2015)"},
		SendForCheck: TimeLimit{Days: 3, Unit: WorkingDays, From: "ngày ký ban hành", Source: "Nghị định 79/2025/NĐ-CP (tạm giữ mốc Nghị định 34/2016)"},
		ListsBy: struct {
			Month time.Month
			Day   int
		}{time.January, 31},
		ListsSource:      "Nghị định 79/2025/NĐ-CP (sđ 187/2025/NĐ-CP): công bố danh mục văn bản hết hiệu lực, ngưng hiệu lực trước 31/01 năm sau",
		SystematiseEvery: 5, FirstCycle: 2019,
		SystSource: "Nghị định 79/2025/NĐ-CP: hệ thống hóa định kỳ 05 năm; kỳ 2019–2023 chốt 31/12/2023, kỳ 2024–2028 chốt 31/12/2028",
	},
}

// RulesOn returns the version of rules in force on a day.
func RulesOn(versions []Rules, on time.Time) Rules {
	if len(versions) == 0 {
		versions = DefaultRules
	}
	r := versions[0]
	for _, v := range versions {
		if !v.From.After(dateOf(on)) {
			r = v
		}
	}
	return r
}

// IsWorkingDay tells whether a day is a working day (the tenant's calendar).
type IsWorkingDay func(time.Time) bool

// weekdays is the fallback calendar: Monday to Friday.
func weekdays(t time.Time) bool { return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday }

// Due is the last day of a period starting on start: counting begins the
// next day (Civil Code 2015 Art. 147(2)); a period in calendar days that
// ends on a rest day ends on the next working day (Art. 148(5)); a period
// in working days counts only working days.
func Due(p TimeLimit, start time.Time, working IsWorkingDay) time.Time {
	if working == nil {
		working = weekdays
	}
	t := dateOf(start)
	if p.Unit == WorkingDays {
		for n := 0; n < p.Days; {
			t = t.AddDate(0, 0, 1)
			if working(t) {
				n++
			}
		}
		return t
	}
	t = t.AddDate(0, 0, p.Days)
	for !working(t) {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// ListsDue is the day by which the lists of documents that expired or were
// suspended in a year must be published (31/1 of the next year).
func ListsDue(versions []Rules, year int) time.Time {
	r := RulesOn(versions, day(year, 12, 31))
	return day(year+1, r.ListsBy.Month, r.ListsBy.Day)
}

// Cycle is the systematisation cycle a year belongs to, with its cut-off
// (31/12 of its last year).
func Cycle(versions []Rules, year int) (first, last int, cutOff time.Time) {
	r := RulesOn(versions, day(year, 1, 1))
	n := r.SystematiseEvery
	if n <= 0 {
		n = 5
	}
	off := ((year-r.FirstCycle)%n + n) % n
	first = year - off
	last = first + n - 1
	return first, last, day(last, 12, 31)
}
