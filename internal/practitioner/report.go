package practitioner

import (
	"fmt"
	"sort"
	"time"
)

// ReportPeriod is the period of a practitioners' periodic report under
// Circular 17/2025/TT-BTP: sơ bộ 6 tháng, sơ bộ năm, tròn năm
// (justice-stats.md §2.1).
type ReportPeriod string

const (
	PeriodHalf         ReportPeriod = "half"        // sơ bộ 6 tháng
	PeriodYearPrelim   ReportPeriod = "year_prelim" // sơ bộ năm
	PeriodYearOfficial ReportPeriod = "year"        // tròn năm (1/1–31/12)
)

// ReportPeriods lists the periods in the year's order.
var ReportPeriods = []ReportPeriod{PeriodHalf, PeriodYearPrelim, PeriodYearOfficial}

var periodNames = map[ReportPeriod]string{
	PeriodHalf: "Sơ bộ 6 tháng", PeriodYearPrelim: "Sơ bộ năm", PeriodYearOfficial: "Tròn năm",
}

// Name is the period in Vietnamese.
func (p ReportPeriod) Name() string { return periodNames[p] }

// Valid reports whether p is known.
func (p ReportPeriod) Valid() bool { _, ok := periodNames[p]; return ok }

// Column is a column of a report form.
type Column struct {
	Key   string // "c2"
	No    int    // the column's number on the form
	Label string
	Unit  string // "Người", "Việc", "Đồng", "Bản"
}

// Form is a periodic report form an organisation files with the department.
type Form struct {
	Code       string // "10a/TP/CC"
	Profession Profession
	Title      string
	Columns    []Column
	// Deadlines: the day and month of the year (the year after, for the
	// official yearly report) by which the department must receive it.
	Deadlines map[ReportPeriod][2]int // {day, month}
	Source    string
	Verified  bool
}

// Forms are the report forms, by profession. The notary form follows
// Circular 17/2025/TT-BTP form 10a/TP/CC as published (justice-stats.md
// §4.1, [S: S8]); the other professions' columns follow §4.9, which the
// research marks partly [M]: they are editable data.
var Forms = []Form{
	{
		Code: "10a/TP/CC", Profession: Notary, Title: "Kết quả hoạt động công chứng của tổ chức hành nghề công chứng",
		Columns: []Column{
			{"c1", 1, "Số công chứng viên", "Người"},
			{"c2", 2, "Việc công chứng giao dịch: tổng số", "Việc"},
			{"c3", 3, "Giao dịch về bất động sản: tổng số", "Việc"},
			{"c4", 4, "Giao dịch về bất động sản: trong đó công chứng điện tử", "Việc"},
			{"c5", 5, "Giao dịch khác: tổng số", "Việc"},
			{"c6", 6, "Giao dịch khác: trong đó công chứng điện tử", "Việc"},
			{"c7", 7, "Phí công chứng", "Đồng"},
			{"c8", 8, "Phí khai thác, sử dụng thông tin liên quan đến giao dịch", "Đồng"},
			{"c9", 9, "Giá dịch vụ theo yêu cầu liên quan đến việc công chứng", "Đồng"},
			{"c10", 10, "Chi phí khác", "Đồng"},
			{"c11", 11, "Chứng thực bản sao từ bản chính: số bản", "Bản"},
			{"c12", 12, "Chứng thực bản sao: trong đó điện tử", "Bản"},
			{"c13", 13, "Phí chứng thực bản sao", "Đồng"},
			{"c14", 14, "Chứng thực chữ ký: số việc", "Việc"},
			{"c15", 15, "Chứng thực chữ ký: phí", "Đồng"},
		},
		Deadlines: map[ReportPeriod][2]int{PeriodHalf: {10, 6}, PeriodYearPrelim: {10, 11}, PeriodYearOfficial: {10, 1}},
		Source:    "Thông tư 17/2025/TT-BTP, biểu 10a/TP/CC (justice-stats.md §2.1, §4.1)", Verified: true,
	},
	{
		Code: "LS/TP", Profession: Lawyer, Title: "Kết quả hoạt động của tổ chức hành nghề luật sư",
		Columns: []Column{
			{"c1", 1, "Số luật sư", "Người"},
			{"c2", 2, "Vụ việc tham gia tố tụng", "Việc"},
			{"c3", 3, "Trong đó: vụ án hình sự", "Việc"},
			{"c4", 4, "Tư vấn pháp luật và dịch vụ pháp lý khác", "Việc"},
			{"c5", 5, "Trợ giúp pháp lý, miễn phí", "Việc"},
			{"c6", 6, "Doanh thu", "Đồng"},
			{"c7", 7, "Nộp thuế", "Đồng"},
		},
		Deadlines: map[ReportPeriod][2]int{PeriodHalf: {10, 6}, PeriodYearPrelim: {10, 11}, PeriodYearOfficial: {10, 1}},
		Source:    "Thông tư 04/2016/TT-BTP biểu 30 (justice-stats.md §4.9 [S: S12]); hạn nộp theo biểu 10a [M]",
	},
	{
		Code: "ĐG/TP", Profession: Auction, Title: "Kết quả hoạt động đấu giá tài sản",
		Columns: []Column{
			{"c1", 1, "Số đấu giá viên", "Người"},
			{"c2", 2, "Cuộc đấu giá đã tổ chức", "Cuộc"},
			{"c3", 3, "Trong đó: thành", "Cuộc"},
			{"c4", 4, "Trong đó: không thành", "Cuộc"},
			{"c5", 5, "Tổng giá khởi điểm", "Đồng"},
			{"c6", 6, "Tổng giá trúng đấu giá", "Đồng"},
			{"c7", 7, "Thù lao, chi phí dịch vụ đấu giá", "Đồng"},
			{"c8", 8, "Nộp thuế", "Đồng"},
		},
		Deadlines: map[ReportPeriod][2]int{PeriodHalf: {10, 6}, PeriodYearPrelim: {10, 11}, PeriodYearOfficial: {10, 1}},
		Source:    "justice-stats.md §4.9 [M]",
	},
	{
		Code: "TPL/TP", Profession: Bailiff, Title: "Kết quả hoạt động thừa phát lại",
		Columns: []Column{
			{"c1", 1, "Số thừa phát lại", "Người"},
			{"c2", 2, "Văn bản đã tống đạt", "Văn bản"},
			{"c3", 3, "Vi bằng đã lập", "Vi bằng"},
			{"c4", 4, "Xác minh điều kiện thi hành án", "Việc"},
			{"c5", 5, "Tổ chức thi hành án", "Việc"},
			{"c6", 6, "Doanh thu", "Đồng"},
		},
		Deadlines: map[ReportPeriod][2]int{PeriodHalf: {10, 6}, PeriodYearPrelim: {10, 11}, PeriodYearOfficial: {10, 1}},
		Source:    "justice-stats.md §4.9 [M]",
	},
}

// FormFor returns the report form of a profession.
func FormFor(p Profession) (Form, bool) {
	for _, f := range Forms {
		if f.Profession == p {
			return f, true
		}
	}
	return Form{}, false
}

// Due is the last day the department must receive a report of the year and
// period (TT 17/2025: 10/6, 10/11, and 10/1 of the next year for 10a).
func (f Form) Due(year int, p ReportPeriod) time.Time {
	dm := f.Deadlines[p]
	y := year
	if p == PeriodYearOfficial {
		y++
	}
	return time.Date(y, time.Month(dm[1]), dm[0], 0, 0, 0, 0, time.UTC)
}

// Covers is the range of days a report's actual figures cover: 1/1–31/5 for
// the six-month preliminary report, 1/1–31/10 for the preliminary year,
// 1/1–31/12 for the official year (justice-stats.md §2.1 [S: S8, S27]).
func Covers(year int, p ReportPeriod) (time.Time, time.Time) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	switch p {
	case PeriodHalf:
		return from, time.Date(year, 5, 31, 0, 0, 0, 0, time.UTC)
	case PeriodYearPrelim:
		return from, time.Date(year, 10, 31, 0, 0, 0, 0, time.UTC)
	}
	return from, time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
}

// Filing is one organisation's report for a year and period.
type Filing struct {
	ID       string
	OrgID    string
	Form     string
	Year     int
	Period   ReportPeriod
	Figures  map[string]int64
	FiledAt  time.Time
	FiledBy  string // the account that filed it
	Note     string
	Late     bool
	Replaced int // how many times it was filed again
}

// FieldProblem is a mistake in a filed figure.
type FieldProblem struct {
	Key, Message string
}

// CheckFiling checks a filing's figures against its form: every figure a
// whole number ≥ 0, and for 10a the identities the published
// implementation checks: col2 = col3 + col5, col4 ≤ col3, col6 ≤ col5,
// col12 ≤ col11 (justice-stats.md §4.1 [S: S8]).
func CheckFiling(f Form, figs map[string]int64) []FieldProblem {
	var out []FieldProblem
	known := map[string]bool{}
	for _, c := range f.Columns {
		known[c.Key] = true
		if figs[c.Key] < 0 {
			out = append(out, FieldProblem{c.Key, fmt.Sprintf("Cột %d không được âm.", c.No)})
		}
	}
	keys := make([]string, 0, len(figs))
	for k := range figs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			out = append(out, FieldProblem{k, fmt.Sprintf("Biểu %s không có chỉ tiêu %q.", f.Code, k)})
		}
	}
	if f.Code == "10a/TP/CC" {
		if figs["c2"] != figs["c3"]+figs["c5"] {
			out = append(out, FieldProblem{"c2", fmt.Sprintf("Cột 2 (%d) phải bằng cột 3 + cột 5 (%d).", figs["c2"], figs["c3"]+figs["c5"])})
		}
		if figs["c4"] > figs["c3"] {
			out = append(out, FieldProblem{"c4", "Cột 4 (công chứng điện tử) không lớn hơn cột 3."})
		}
		if figs["c6"] > figs["c5"] {
			out = append(out, FieldProblem{"c6", "Cột 6 (công chứng điện tử) không lớn hơn cột 5."})
		}
		if figs["c12"] > figs["c11"] {
			out = append(out, FieldProblem{"c12", "Cột 12 (điện tử) không lớn hơn cột 11."})
		}
	}
	if f.Code == "ĐG/TP" && figs["c3"]+figs["c4"] > figs["c2"] {
		out = append(out, FieldProblem{"c3", "Số cuộc thành và không thành không vượt số cuộc đã tổ chức."})
	}
	return out
}

// RollUp is the province's totals of one form, year and period: the sum of
// what was filed (10b = Σ 10a, justice-stats.md §7.2), who filed and who
// has not.
type RollUp struct {
	Form     Form
	Year     int
	Period   ReportPeriod
	Due      time.Time
	Totals   map[string]int64
	Filed    []Filing
	Missing  []Organisation // active organisations of the profession that have not filed
	Expected int            // organisations expected to file
}

// Roll sums the filings of a period and lists the organisations expected
// to file (active at the period's due day, registered on or before it) that
// have not.
func Roll(f Form, year int, p ReportPeriod, orgs []Organisation, filings []Filing) RollUp {
	r := RollUp{Form: f, Year: year, Period: p, Due: f.Due(year, p), Totals: map[string]int64{}}
	filed := map[string]bool{}
	for _, x := range filings {
		if x.Form != f.Code || x.Year != year || x.Period != p {
			continue
		}
		filed[x.OrgID] = true
		r.Filed = append(r.Filed, x)
		for k, v := range x.Figures {
			r.Totals[k] += v
		}
	}
	for _, o := range orgs {
		if o.Profession != f.Profession || o.Status != StatusActive || o.RegisteredOn.After(r.Due) {
			continue
		}
		r.Expected++
		if !filed[o.ID] {
			r.Missing = append(r.Missing, o)
		}
	}
	return r
}

// ScheduleRow is one report an organisation owes: its year and period,
// the deadline, and what was filed for it.
type ScheduleRow struct {
	Year   int
	Period ReportPeriod
	Due    time.Time
	Filed  *Filing // nil: not filed
	// State is "filed", "filed_late", "due" (not yet filed, deadline not
	// passed) or "overdue".
	State string
}

// StateName names a row's state for the organisation.
func (r ScheduleRow) StateName() string {
	return map[string]string{"filed": "Đã gửi đúng hạn", "filed_late": "Đã gửi sau hạn", "due": "Chưa gửi, còn hạn", "overdue": "Quá hạn, chưa gửi"}[r.State]
}

// Schedule lists the reports an organisation owes under form f for the
// years from..to (each year's six-month and preliminary-year reports and
// its official year, due by the form's deadlines: the 10th of June,
// November and January under Circular 17/2025/TT-BTP, research
// justice-stats.md §2.1), oldest first, with what filings holds for each,
// as of day today. Reports whose period ends before since (the
// organisation's registration) are not owed and not listed.
func Schedule(f Form, filings []Filing, from, to int, since, today time.Time) []ScheduleRow {
	byKey := map[string]*Filing{}
	for i := range filings {
		fl := &filings[i]
		if fl.Form == f.Code {
			byKey[fmt.Sprint(fl.Year, fl.Period)] = fl
		}
	}
	var out []ScheduleRow
	for y := from; y <= to; y++ {
		for _, p := range ReportPeriods {
			if _, end := Covers(y, p); end.Before(since) {
				continue
			}
			row := ScheduleRow{Year: y, Period: p, Due: f.Due(y, p), Filed: byKey[fmt.Sprint(y, p)]}
			switch {
			case row.Filed != nil && row.Filed.Late:
				row.State = "filed_late"
			case row.Filed != nil:
				row.State = "filed"
			case today.After(row.Due):
				row.State = "overdue"
			default:
				row.State = "due"
			}
			out = append(out, row)
		}
	}
	return out
}
