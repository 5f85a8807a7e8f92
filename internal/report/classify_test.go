package report

import (
	"strconv"
	"strings"
	"testing"

	"tuphap/internal/calendar"
)

// The period of the tests: March 2026.
var march = Period{From: calendar.NewDate(2026, 3, 1), To: calendar.NewDate(2026, 3, 31)}

// TestClassifyBoundaries derives each Biểu 06 column from hand-made
// dossiers at the edges of the period (Circular 01/2020/TT-VPCP, Biểu số
// 06/VPCP/KSTT, columns 3–13; the notes "Đúng hạn (bao gồm cả hồ sơ chờ bổ
// sung và trả lại/xin rút)" and "Trong hạn (bao gồm cả hồ sơ chờ bổ sung)";
// research/onestop.md §3).
func TestClassifyBoundaries(t *testing.T) {
	tests := []struct {
		name string
		f    Facts
		want Class
	}{
		{"accepted on FROM online, open, due later", Facts{Accepted: "2026-03-01", Due: "2026-04-10", Channel: "online"},
			Class{Received: "online", InProgress: "within_time"}},
		{"accepted on TO at the desk, open", Facts{Accepted: "2026-03-31", Due: "2026-04-05", Channel: "direct"},
			Class{Received: "direct_postal", InProgress: "within_time"}},
		{"postal counts with direct", Facts{Accepted: "2026-03-10", Due: "2026-03-20", Finished: "2026-03-19", Ended: "result", Channel: "postal"},
			Class{Received: "direct_postal", Resolved: Early}},
		{"accepted the day after TO: not in the report", Facts{Accepted: "2026-04-01", Due: "2026-04-05", Channel: "online"},
			Class{}},
		{"accepted the day before FROM, open: carried over", Facts{Accepted: "2026-02-28", Due: "2026-03-05", Channel: "online"},
			Class{Received: "carried_over", InProgress: "overdue"}},
		{"carried over and ended in the period, on the due day", Facts{Accepted: "2026-02-20", Due: "2026-03-03", Finished: "2026-03-03", Ended: "result", Channel: "direct"},
			Class{Received: "carried_over", Resolved: OnTime}},
		{"carried over, ended on FROM: resolved", Facts{Accepted: "2026-02-20", Due: "2026-03-03", Finished: "2026-03-01", Ended: "result"},
			Class{Received: "carried_over", Resolved: Early}},
		{"ended the day before FROM: not in the report", Facts{Accepted: "2026-02-20", Due: "2026-03-03", Finished: "2026-02-28", Ended: "result"},
			Class{}},
		{"ended on TO: resolved, late", Facts{Accepted: "2026-03-02", Due: "2026-03-30", Finished: "2026-03-31", Ended: "result", Channel: "online"},
			Class{Received: "online", Resolved: Late}},
		{"ends the day after TO: in progress, overdue", Facts{Accepted: "2026-03-02", Due: "2026-03-30", Finished: "2026-04-01", Ended: "result", Channel: "online"},
			Class{Received: "online", InProgress: "overdue"}},
		{"due on TO, open: within time", Facts{Accepted: "2026-03-02", Due: "2026-03-31", Channel: "online"},
			Class{Received: "online", InProgress: "within_time"}},
		{"due the day before TO, open: overdue", Facts{Accepted: "2026-03-02", Due: "2026-03-30", Channel: "online"},
			Class{Received: "online", InProgress: "overdue"}},
		{"withdrawn after the due day counts on time", Facts{Accepted: "2026-03-02", Due: "2026-03-10", Finished: "2026-03-20", Ended: "withdrawn", Channel: "online"},
			Class{Received: "online", Resolved: OnTime}},
		{"stopped counts on time", Facts{Accepted: "2026-03-02", Due: "2026-03-10", Finished: "2026-03-05", Ended: "stopped", Channel: "direct"},
			Class{Received: "direct_postal", Resolved: OnTime}},
		// Not in the form's note: tuphap's reading. A dossier handed over to
		// another agency with its function (package handover) leaves the
		// sender's books on the day of the hand-over like a dossier returned
		// ("trả lại"), even past its due day; the receiver counts it from then.
		{"handed over after the due day counts on time for the sender", Facts{Accepted: "2026-02-20", Due: "2026-03-02", Finished: "2026-03-10", Ended: "transferred", Channel: "online"},
			Class{Received: "carried_over", Resolved: OnTime}},
		{"supplement pending, due moved past TO: within time", Facts{Accepted: "2026-03-20", Due: "2026-04-15", Channel: "direct"},
			Class{Received: "direct_postal", InProgress: "within_time"}},
		{"refused at intake: not counted", Facts{Accepted: "", Finished: "2026-03-03", Ended: "refused", Channel: "online"},
			Class{}},
		{"refused with an acceptance day: not counted", Facts{Accepted: "2026-03-03", Finished: "2026-03-03", Ended: "refused", Channel: "online"},
			Class{}},
		{"never accepted: not counted", Facts{Channel: "online"}, Class{}},
		{"no due day: on time", Facts{Accepted: "2026-03-03", Finished: "2026-03-09", Ended: "result", Channel: "online"},
			Class{Received: "online", Resolved: OnTime}},
		{"no due day, open: within time", Facts{Accepted: "2026-03-03", Channel: "online"},
			Class{Received: "online", InProgress: "within_time"}},
		{"end before acceptance (bad import) is taken as the acceptance day", Facts{Accepted: "2026-03-03", Due: "2026-03-02", Finished: "2026-03-01", Ended: "result", Channel: "online"},
			Class{Received: "online", Resolved: Late}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.f, march); got != tt.want {
				t.Errorf("Classify = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		num, den int64
		want     string
	}{
		{0, 0, "null"},
		{5, 0, "null"},
		{0, 7, "0.0"},
		{1941, 2000, "97.1"}, // 97.05: half-up
		{1, 16, "6.3"},       // 6.25
		{1, 8, "12.5"},
		{2, 3, "66.7"},
		{1, 3, "33.3"},
		{9994, 10000, "99.9"},
		{9995, 10000, "100.0"},
		{3, 3, "100.0"},
	}
	for _, tt := range tests {
		got := "null"
		if r := Rate(tt.num, tt.den); r != nil {
			got = ftoa1(*r)
		}
		if got != tt.want {
			t.Errorf("Rate(%d, %d) = %s, want %s", tt.num, tt.den, got, tt.want)
		}
	}
}

// TestDirectReport checks totals, breakdowns, rates, late_by_unit and the
// identity received.total = resolved.total + in_progress.total.
func TestDirectReport(t *testing.T) {
	facts := []Facts{
		{Accepted: "2026-03-01", Due: "2026-03-10", Finished: "2026-03-09", Ended: "result", Channel: "online", Procedure: "P1", Field: "HT", Unit: "PHC"},
		{Accepted: "2026-03-02", Due: "2026-03-10", Finished: "2026-03-12", Ended: "result", Channel: "direct", Procedure: "P1", Field: "HT", Unit: "PHC", LateUnit: "CA"},
		{Accepted: "2026-02-25", Due: "2026-03-02", Finished: "2026-03-02", Ended: "result", Channel: "online", Procedure: "P2", Field: "CT", Unit: "PBTTP"},
		{Accepted: "2026-03-30", Due: "2026-04-03", Channel: "online", Procedure: "P2", Field: "CT", Unit: "PBTTP"},
		{Accepted: "2026-03-10", Due: "2026-03-20", Channel: "postal", Procedure: "P2", Field: "CT", Unit: "PBTTP"},
		{Accepted: "2026-03-11", Due: "2026-03-20", Finished: "2026-03-12", Ended: "withdrawn", Channel: "online", Procedure: "P3", Field: "HT", Unit: "PHC"},
		{Accepted: "2026-01-10", Due: "2026-01-20", Finished: "2026-01-19", Ended: "result", Channel: "online", Procedure: "P3", Field: "HT", Unit: "PHC"},
		{Accepted: "", Ended: "refused", Channel: "online", Procedure: "P3", Field: "HT", Unit: "PHC"},
	}
	r := Direct(facts, march, Filter{}, false)
	tot := r.Total
	if (tot.Received != Received{Total: 6, Online: 3, DirectPostal: 2, CarriedOver: 1}) {
		t.Errorf("received %+v", tot.Received)
	}
	if (tot.Resolved != Resolved{Total: 4, Early: 1, OnTime: 2, Late: 1}) {
		t.Errorf("resolved %+v", tot.Resolved)
	}
	if (tot.InProgress != InProgress{Total: 2, WithinTime: 1, Overdue: 1}) {
		t.Errorf("in progress %+v", tot.InProgress)
	}
	if tot.Received.Total != tot.Resolved.Total+tot.InProgress.Total {
		t.Errorf("identity broken: %+v", tot)
	}
	if ftoa1(*tot.OnTimeRate) != "75.0" || ftoa1(*tot.OnlineRate) != "60.0" {
		t.Errorf("rates %v %v", *tot.OnTimeRate, *tot.OnlineRate)
	}
	if len(r.LateByUnit) != 1 || r.LateByUnit[0] != (LateRow{Unit: "CA", Late: 1}) {
		t.Errorf("late_by_unit %+v", r.LateByUnit)
	}
	if len(r.ByField) != 2 || r.ByField[0].Field != "CT" || r.ByField[0].Received.Total != 3 || r.ByField[1].Received.Total != 3 {
		t.Errorf("by_field %+v", r.ByField)
	}
	if len(r.ByProcedure) != 3 || r.ByProcedure[2].ProcedureCode != "P3" || r.ByProcedure[2].Resolved.OnTime != 1 {
		t.Errorf("by_procedure %+v", r.ByProcedure)
	}
	f := Direct(facts, march, Filter{Unit: "PBTTP"}, false)
	if f.Total.Received.Total != 3 || len(f.ByUnit) != 1 || f.ByUnit[0].Unit != "PBTTP" {
		t.Errorf("filtered %+v", f.Total)
	}
	if f.Total.OnTimeRate == nil || *f.Total.OnTimeRate != 100 {
		t.Errorf("filtered on-time rate %v", f.Total.OnTimeRate)
	}
	empty := Direct(nil, march, Filter{}, false)
	if empty.Total.OnTimeRate != nil || empty.Total.OnlineRate != nil || empty.ByField == nil {
		t.Errorf("empty report %+v", empty)
	}
}

func TestPeriods(t *testing.T) {
	d := calendar.NewDate(2026, 11, 15)
	if q := Quarter(d); q.From.String() != "2026-10-01" || q.To.String() != "2026-12-31" {
		t.Errorf("quarter %v", q)
	}
	if m := Month(calendar.NewDate(2024, 2, 10)); m.To.String() != "2024-02-29" {
		t.Errorf("month %v", m)
	}
	p := Period{From: calendar.NewDate(2026, 1, 15), To: calendar.NewDate(2026, 3, 2)}
	ms := p.Months()
	if len(ms) != 3 || ms[0].From.String() != "2026-01-15" || ms[0].To.String() != "2026-01-31" || ms[2].To.String() != "2026-03-02" {
		t.Errorf("months %v", ms)
	}
	if _, err := ParsePeriod("2026-03-31", "2026-03-01"); err == nil {
		t.Error("reversed period accepted")
	}
	if p, err := ParsePeriod("01/03/2026", "2026-03-31"); err != nil || p != march {
		t.Errorf("ParsePeriod = %v, %v", p, err)
	}
	if march.Label() != "Tháng 3/2026" {
		t.Errorf("label %q", march.Label())
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{FormatInt(0), "0"}, {FormatInt(999), "999"}, {FormatInt(1000), "1.000"}, {FormatInt(1234567), "1.234.567"},
		{FormatInt(-1234), "-1.234"}, {FormatDecimal(1234.5), "1.234,5"}, {FormatDecimal(97.1), "97,1"},
		{FormatDecimal(100), "100,0"}, {FormatRate(Rate(1941, 2000)), "97,1%"}, {FormatRate(nil), "–"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestIndex follows Decision 766/QĐ-TTg's formulas (research/onestop.md §4):
// 2.1 proportional to 20 points; 3.6 full at 30%; 5.4 = 100% − (late +
// dissatisfied), full at 90%. 3.3 (online rate × the sync factor of
// indicator 1.4) is "chưa tính được" until tuphap syncs with the national
// portal: it is not scored.
func TestIndex(t *testing.T) {
	r := Report{From: "2026-01-01", To: "2026-03-31"}
	r.Total = Figures{Received: Received{Online: 40, DirectPostal: 60, CarriedOver: 0},
		Resolved: Resolved{Early: 70, OnTime: 15, Late: 5}, InProgress: InProgress{WithinTime: 8, Overdue: 2}}
	r.Total.Finish()
	ix := ComputeIndex(r, IndexCounts{FeeBearing: 50, PaidOnline: 10, Dissatisfied: 6, MultiSupplement: 3})
	byCode := map[string]Indicator{}
	for _, in := range ix.Indicators {
		byCode[in.Code] = in
	}
	want := []struct {
		code     string
		num, den int64
		rate     string
		points   string
	}{
		{"2.1", 90, 100, "90.0", "18.00"}, // (70 + 15 + 8 − 3 asked twice for a supplement) / 100 × 20
		{"3.6", 10, 50, "20.0", "4.00"},   // 20% < 30%: 20 × 6 ÷ 30
		{"5.4", 79, 90, "87.8", "5.85"},   // (90 − 5 − 6)/90 = 87.78% < 90%: 87.78 × 6 ÷ 90
	}
	for _, w := range want {
		in := byCode[w.code]
		if !in.Available || in.Numerator != w.num || in.Denominator != w.den || ftoa1(*in.Rate) != w.rate ||
			strconv.FormatFloat(*in.Points, 'f', 2, 64) != w.points {
			t.Errorf("%s = %d/%d rate %v points %v; want %d/%d %s %s", w.code, in.Numerator, in.Denominator, in.Rate, in.Points, w.num, w.den, w.rate, w.points)
		}
	}
	if in := byCode["3.3"]; in.Available || in.Points != nil || !strings.Contains(in.Missing, "1.4") {
		t.Errorf("3.3 needs the sync factor of 1.4 and must not be scored: %+v", in)
	}
	for _, code := range []string{"1.4", "3.3", "4.1", "4.2", "4.3"} {
		if in := byCode[code]; in.Available || in.Missing == "" || in.Points != nil {
			t.Errorf("%s should say which data is missing: %+v", code, in)
		}
	}
	full := ComputeIndex(r, IndexCounts{FeeBearing: 10, PaidOnline: 3})
	for _, in := range full.Indicators {
		if in.Code == "3.6" && *in.Points != 6 {
			t.Errorf("30%% paid online gives full points, got %v", *in.Points)
		}
	}
	if ix.MaxPoints != 32 {
		t.Errorf("max points of the available indicators = %v", ix.MaxPoints)
	}
	empty := ComputeIndex(Report{}, IndexCounts{})
	for _, in := range empty.Indicators {
		if in.Rate != nil || in.Points != nil {
			t.Errorf("%s on no data: rate %v points %v", in.Code, in.Rate, in.Points)
		}
	}
}

// TestIndexDigitisationNotesSayWhatIsHeld: indicators 4.1–4.3 are not
// scored, and their notes say what tuphap does hold (electronic results,
// online and supplement files) and what it lacks, not that it stores no
// file at all (issue 14 item 2).
func TestIndexDigitisationNotesSayWhatIsHeld(t *testing.T) {
	ix := ComputeIndex(Report{}, IndexCounts{})
	want := map[string][]string{
		"4.1": {"lưu tệp kết quả điện tử", "chưa lưu danh mục thủ tục có kết quả là giấy tờ"},
		"4.2": {"tệp thành phần của hồ sơ nộp trực tuyến", "nhận trực tiếp"},
		"4.3": {"khai thác lại"},
	}
	for _, in := range ix.Indicators {
		w, ok := want[in.Code]
		if !ok {
			continue
		}
		delete(want, in.Code)
		if in.Available {
			t.Errorf("%s is scored", in.Code)
		}
		if strings.Contains(in.Missing, "chưa lưu tệp điện tử của thành phần hồ sơ và của kết quả") {
			t.Errorf("%s says nothing is held: %s", in.Code, in.Missing)
		}
		for _, s := range w {
			if !strings.Contains(in.Missing, s) {
				t.Errorf("%s note %q lacks %q", in.Code, in.Missing, s)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("indicators missing: %v", want)
	}
}
