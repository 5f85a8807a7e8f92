package dissemination

import (
	"testing"
	"time"
	"tuphap/internal/apperr"
)

func d(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

// Law 14/2012/QH13 Art. 8: Law Day is 9 November.
func TestLawDay(t *testing.T) {
	for day, want := range map[time.Time]bool{d(2026, 11, 9): true, d(2025, 11, 9): true, d(2026, 11, 8): false, d(2026, 9, 11): false} {
		if LawDay(day) != want {
			t.Errorf("%v: %v", day, !want)
		}
	}
}

func TestValidate(t *testing.T) {
	today := d(2026, 11, 20)
	ok := Activity{Theme: "Luật Phòng, chống bạo lực gia đình", Audience: "Hội viên phụ nữ", Channel: InPerson, HeldOn: d(2026, 11, 9), Participants: 120, Women: 90,
		Handouts: []Handout{{Material: "Tờ gấp", Kind: "leaflet", Copies: 200}}}
	if err := Validate(&ok, today); err != nil || !ok.LawDay {
		t.Fatalf("valid activity: %v, law day %v", err, ok.LawDay)
	}
	bad := Activity{Channel: "tv", HeldOn: d(2026, 12, 1), Participants: 5, Women: 6, Handouts: []Handout{{Material: "x"}}}
	err := Validate(&bad, today)
	if err == nil {
		t.Fatal("invalid activity accepted")
	}
	fields := apperr.As(err).Fields
	for _, f := range []string{"theme", "audience", "channel", "held_on", "participants", "handouts.0"} {
		if fields[f] == "" {
			t.Errorf("no message for %s: %v", f, fields)
		}
	}
}

// The figures are counted from the activities of the period.
func TestCompute(t *testing.T) {
	acts := []Activity{
		{CommuneCode: "29905", HeldOn: d(2026, 3, 1), Channel: InPerson, Participants: 100, Women: 60, CostVND: 2_000_000,
			Handouts: []Handout{{Material: "Tờ gấp", Copies: 300}, {Material: "Sách Hỏi - Đáp", Copies: 50}}},
		{CommuneCode: "29905", HeldOn: d(2026, 11, 9), Channel: Contest, Participants: 500, LawDay: true},
		{CommuneCode: "", HeldOn: d(2026, 6, 1), Channel: Broadcast, Handouts: []Handout{{Material: "Tờ gấp", Copies: 1000}}},
		{CommuneCode: "29908", HeldOn: d(2025, 12, 31), Channel: InPerson, Participants: 40},
	}
	f := Compute(Period{d(2026, 1, 1), d(2026, 12, 31)}, acts)
	if f.Activities != 3 || f.Participants != 600 || f.Women != 60 || f.Copies != 1350 || f.LawDay != 1 || f.CostVND != 2_000_000 {
		t.Fatalf("%+v", f)
	}
	if f.ByMaterial["Tờ gấp"] != 1300 || f.ByCommune["29905"].Copies != 350 || f.ByCommune[""].Activities != 1 || f.ByCommune["29908"] != nil {
		t.Fatalf("%+v", f)
	}
	if m := f.Materials(); m[0].Name != "Tờ gấp" || m[1].Copies != 50 {
		t.Fatalf("%+v", m)
	}
}

// Decision 25/2021/QĐ-TTg: at least 80 points in all, every criterion at
// least 50% of its maximum, no disqualifying event.
func TestAssess(t *testing.T) {
	r, ok := AccessRuleOn(d(2026, 1, 1))
	if !ok || r.Version != "QĐ 25/2021" {
		t.Fatal("no rule in force")
	}
	if _, ok := AccessRuleOn(d(2021, 9, 30)); ok {
		t.Error("a rule before 1/10/2021")
	}
	for _, tc := range []struct {
		name   string
		scores map[int]int
		disq   bool
		total  int
		met    bool
		err    bool
	}{
		{"met", map[int]int{1: 8, 2: 26, 3: 9, 4: 25, 5: 16}, false, 84, true, false},
		{"exactly 80, every half", map[int]int{1: 5, 2: 30, 3: 5, 4: 30, 5: 10}, false, 80, true, false},
		{"79", map[int]int{1: 5, 2: 30, 3: 5, 4: 29, 5: 10}, false, 79, false, false},
		{"one criterion under half", map[int]int{1: 4, 2: 30, 3: 10, 4: 30, 5: 20}, false, 94, false, false},
		{"disqualified", map[int]int{1: 10, 2: 30, 3: 10, 4: 30, 5: 20}, true, 100, false, false},
		{"over the maximum", map[int]int{1: 11, 2: 30, 3: 10, 4: 30, 5: 20}, false, 0, false, true},
		{"missing criterion", map[int]int{1: 10, 2: 30, 3: 10, 4: 30}, false, 0, false, true},
		{"unknown criterion", map[int]int{1: 10, 2: 30, 3: 10, 4: 30, 5: 20, 6: 1}, false, 0, false, true},
	} {
		a, err := Assess(r, tc.scores, tc.disq)
		if (err != nil) != tc.err {
			t.Errorf("%s: err %v", tc.name, err)
			continue
		}
		if err == nil && (a.Total != tc.total || a.Met != tc.met) {
			t.Errorf("%s: %+v", tc.name, a)
		}
	}
}
