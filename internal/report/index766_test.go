package report

import (
	"strconv"
	"testing"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// TestDefs766Groups: every indicator belongs to one of the five groups of
// Decision 766/QĐ-TTg (research/onestop.md §4: 18, 20, 22, 22, 18 = 100
// points); a group's sourced points never exceed its maximum, and a group
// whose points are all sourced adds up to it exactly (groups 2 and 3).
func TestDefs766Groups(t *testing.T) {
	var total float64
	known := map[string]float64{}
	unknown := map[string]int{}
	seen := map[string]bool{}
	for _, d := range Defs766 {
		if seen[d.Code] {
			t.Errorf("indicator %s listed twice", d.Code)
		}
		seen[d.Code] = true
		if d.Source == "" || d.Formula == "" || d.PointsSource == "" {
			t.Errorf("%s lacks its source, formula or points' source", d.Code)
		}
		if d.PointsKnown {
			known[d.Group] += d.MaxPoints
		} else if !d.Informational {
			unknown[d.Group]++
			if d.MaxPoints != 0 {
				t.Errorf("%s: unverified points must not be scored (%v)", d.Code, d.MaxPoints)
			}
		}
	}
	for _, g := range Groups766 {
		total += g.MaxPoints
		if known[g.Name] > g.MaxPoints {
			t.Errorf("group %q: sourced points %v exceed %v", g.Name, known[g.Name], g.MaxPoints)
		}
		if unknown[g.Name] == 0 && known[g.Name] != g.MaxPoints {
			t.Errorf("group %q: all points sourced but they add to %v, not %v", g.Name, known[g.Name], g.MaxPoints)
		}
		delete(known, g.Name)
		delete(unknown, g.Name)
	}
	if total != 100 || len(known) != 0 || len(unknown) != 0 {
		t.Errorf("groups add to %v; indicators outside the groups: %v %v", total, known, unknown)
	}
	ix := ComputeIndex(Report{}, IndexCounts{})
	if len(ix.Indicators) != len(Defs766) {
		t.Fatalf("ComputeIndex lists %d indicators, Defs766 %d", len(ix.Indicators), len(Defs766))
	}
	for i, in := range ix.Indicators {
		if in.Code != Defs766[i].Code || (!in.Available && in.Missing == "") {
			t.Errorf("indicator %d = %s (missing %q)", i, in.Code, in.Missing)
		}
	}
}

func proc(id string, online catalog.OnlineLevel, fee int64, complete bool) catalog.Procedure {
	p := catalog.Procedure{ID: id, Code: "1." + id, Name: "Thủ tục " + id, OnlineLevel: online, Agency: catalog.AgencyDepartment,
		EffectiveFrom: calendar.NewDate(2020, 1, 1)}
	if fee > 0 {
		p.Fees = []catalog.Fee{{Name: "Lệ phí", Amount: fee}}
	}
	if complete {
		p.Steps = []catalog.Step{{Name: "Thẩm định"}}
		p.Channels = []catalog.Channel{catalog.ChannelDirect}
		p.Documents = []catalog.Document{{Name: "Tờ khai", Originals: 1, Required: true}}
		p.TimeLimit = calendar.Duration{Amount: 5, Unit: calendar.WorkingDays}
		p.Result = "Giấy chứng nhận"
	}
	return p
}

// TestCountCatalogue: 1.3 counts procedures public with every component of
// Decree 63/2010/NĐ-CP Art. 8(2); 3.1 those offered online (Decree
// 42/2022/NĐ-CP: full or partial); 3.2 those of them with an online
// dossier in the period; 3.5 the fee-bearing ones payable online, only
// while the portal takes payments. A procedure not in force is not counted.
func TestCountCatalogue(t *testing.T) {
	day := calendar.NewDate(2026, 3, 31)
	old := proc("old", catalog.OnlineFull, 0, true)
	old.EffectiveTo = calendar.NewDate(2025, 12, 31)
	procs := []catalog.Procedure{
		proc("a", catalog.OnlineFull, 100000, true),
		proc("b", catalog.OnlinePartial, 0, true),
		proc("c", catalog.OnlineNone, 50000, false),
		proc("d", catalog.OnlineFull, 20000, false),
		old,
	}
	tests := []struct {
		name   string
		online map[string]int64
		pay    bool
		want   CatalogueCounts
	}{
		{"no online dossier, no payments", nil, false, CatalogueCounts{Procedures: 4, Complete: 2, Online: 3, FeeBearing: 3}},
		{"online dossiers by ID and by code", map[string]int64{"a": 2, "1.d": 1, "c": 4}, false, CatalogueCounts{Procedures: 4, Complete: 2, Online: 3, OnlineUsed: 2, FeeBearing: 3}},
		{"payments on", nil, true, CatalogueCounts{Procedures: 4, Complete: 2, Online: 3, FeeBearing: 3, FeeOnline: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountCatalogue(procs, day, tt.online, tt.pay); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestIndexFromCatalogueAndSurveys: the catalogue's counts score 3.1 (2
// points, full at 80%), 3.2 (4 × rate) and 3.5 (2, full at 80%); 1.3 is
// computed but not scored (its points are unverified); a survey answered
// "not satisfied" lowers 5.4 like a dissatisfied rating and the survey's
// feedback group computes 5.3.
func TestIndexFromCatalogueAndSurveys(t *testing.T) {
	r := Report{From: "2026-01-01", To: "2026-03-31"}
	r.Total = Figures{Received: Received{Online: 40, DirectPostal: 60}, Resolved: Resolved{Early: 80, OnTime: 10, Late: 10}}
	r.Total.Finish()
	c := IndexCounts{CatalogOn: true, Catalog: CatalogueCounts{Procedures: 50, Complete: 45, Online: 30, OnlineUsed: 12, FeeBearing: 20, FeeOnline: 10},
		ProcPaidOnline: 5, Dissatisfied: 2, SurveyOn: true, SurveyDisliked: 3, FeedbackAnswered: 200, FeedbackSatisfied: 170,
		ResolvedDaysOn: true, ResolvedDays: 735, ResolvedN: 100}
	ix := ComputeIndex(r, c)
	by := map[string]Indicator{}
	for _, in := range ix.Indicators {
		by[in.Code] = in
	}
	want := []struct {
		code         string
		num, den     int64
		rate, points string // points "" = not scored
	}{
		{"1.3", 45, 50, "90.0", ""},
		{"3.1", 30, 50, "60.0", "1.50"},  // 60% < 80%: 60 × 2 ÷ 80
		{"3.2", 12, 30, "40.0", "1.60"},  // 4 × 40%
		{"3.4", 5, 20, "25.0", "0.50"},   // 2 × 25%
		{"3.5", 10, 20, "50.0", "1.25"},  // 50 × 2 ÷ 80
		{"4.5", 40, 100, "40.0", ""},     // points unverified
		{"5.3", 170, 200, "85.0", ""},    // points unverified
		{"5.4", 85, 100, "85.0", "5.67"}, // 100 − 10 late − 2 rated − 3 surveyed = 85; 85 × 6 ÷ 90
	}
	for _, w := range want {
		in := by[w.code]
		gotPts := ""
		if in.Points != nil {
			gotPts = strconv.FormatFloat(*in.Points, 'f', 2, 64)
		}
		if !in.Available || in.Numerator != w.num || in.Denominator != w.den || in.Rate == nil || ftoa1(*in.Rate) != w.rate || gotPts != w.points {
			t.Errorf("%s = %d/%d rate %v points %q; want %d/%d %s %q", w.code, in.Numerator, in.Denominator, in.Rate, gotPts, w.num, w.den, w.rate, w.points)
		}
	}
	if in := by["2.2"]; !in.Available || in.Value != "7,4 ngày" || in.Points != nil || in.Rate != nil {
		t.Errorf("2.2 = %+v, want 7,4 ngày, unscored", in)
	}
	for _, code := range []string{"1.1", "1.2", "4.4", "5.1", "5.2"} {
		if in := by[code]; in.Available || in.Missing == "" {
			t.Errorf("%s must say why it is not held: %+v", code, in)
		}
	}
	// 2.1 20 + 3.1 2 + 3.2 4 + 3.4 2 + 3.5 2 + 3.6 6 + 5.4 6 (3.3, 1.4, group 4 unavailable).
	if ix.MaxPoints != 42 {
		t.Errorf("max points of the scored indicators = %v, want 42", ix.MaxPoints)
	}
}
