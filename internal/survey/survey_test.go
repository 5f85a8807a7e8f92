package survey

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
)

// TestDefault: the default questionnaire has the five SIPAS criterion
// groups in their order (access, procedures, officers, results, handling
// of feedback) and is valid.
func TestDefault(t *testing.T) {
	q := Default()
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	for i, g := range q.Groups {
		if g.Code != Groups[i] || len(g.Questions) == 0 {
			t.Errorf("group %d = %s with %d questions", i, g.Code, len(g.Questions))
		}
	}
}

func TestEditValidates(t *testing.T) {
	prev := Default()
	names := map[GroupCode]string{}
	lines := map[GroupCode]string{}
	for _, g := range prev.Groups {
		names[g.Code] = g.Name
		lines[g.Code] = g.Questions[0].Text + "\n\n  Câu hỏi mới  \n"
	}
	q, err := Edit(prev, "Phiếu 2027", names, lines, "Lê Văn A", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if q.Version != 2 || len(q.Groups[2].Questions) != 2 || q.Groups[2].Questions[1] != (Question{Code: "officer.2", Text: "Câu hỏi mới"}) {
		t.Errorf("edited = %+v", q.Groups[2])
	}
	lines[Result] = ""
	names[Access] = ""
	_, err = Edit(prev, " ", names, lines, "x", time.Now())
	for _, w := range []string{"Tên phiếu", "Tên nhóm", "phải có từ 1 đến 15 câu hỏi"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v lacks %q", err, w)
		}
	}
}

func TestCheck(t *testing.T) {
	q := Default()
	tests := []struct {
		name   string
		scores map[string]int
		ok     bool
	}{
		{"one answered", map[string]int{"officer.1": 5}, true},
		{"not applicable allowed", map[string]int{"officer.1": 4, "feedback.1": 0}, true},
		{"nothing answered", map[string]int{"officer.1": 0}, false},
		{"out of scale", map[string]int{"officer.1": 6}, false},
		{"unknown question", map[string]int{"x.1": 3}, false},
	}
	for _, tt := range tests {
		if err := q.Check(tt.scores, ""); (err == nil) != tt.ok {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestQuarter(t *testing.T) {
	q, err := ParseQuarter("2026-4")
	if err != nil || q.From() != calendar.NewDate(2026, 10, 1) || q.To() != calendar.NewDate(2026, 12, 31) || q.Label() != "Quý IV/2026" {
		t.Errorf("%v %v %v %s", err, q.From(), q.To(), q.Label())
	}
	if q, _ := ParseQuarter("2026-1"); q.To() != calendar.NewDate(2026, 3, 31) || q.Prev() != (Quarter{2025, 4}) {
		t.Errorf("Q1 ends %v", q.To())
	}
	for _, bad := range []string{"", "2026", "2026-5", "2026-0", "20x6-1", "2026-Q1"} {
		if _, err := ParseQuarter(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if QuarterOf(calendar.NewDate(2026, 7, 1)) != (Quarter{2026, 3}) {
		t.Error("July is in Q3")
	}
}

// TestCompute (SIPAS, Decision 2640/QĐ-BNV of 10/10/2017, unverified
// against the text: survey.Source): per unit and in total, a group's
// satisfied share is the answers scored 4 or 5 over the answers scored
// 1–5 (0 is "not answered"); the index is the average of the groups' shares that have
// answers; an answer is tallied with the version it was answered with.
func TestCompute(t *testing.T) {
	v1 := Default()
	v2 := v1
	v2.Version = 2
	v2.Groups = append([]Group(nil), v1.Groups...)
	v2.Groups[2] = Group{Code: Officer, Name: "Công chức", Questions: []Question{{Code: "officer.1", Text: "Lịch sự"}, {Code: "officer.9", Text: "Mới"}}}
	answers := []Answer{
		{Unit: "BTTP", Version: 1, Channel: Portal, Scores: map[string]int{"officer.1": 5, "officer.2": 4, "result.1": 2}},
		{Unit: "BTTP", Version: 2, Channel: Counter, Scores: map[string]int{"officer.1": 3, "officer.9": 5, "feedback.1": 0}},
		{Unit: "HCTP", Version: 1, Channel: Portal, Scores: map[string]int{"access.1": 1, "officer.1": 2}},
	}
	r := Compute(Quarter{2026, 4}, map[int]Questionnaire{1: v1, 2: v2}, answers)
	if len(r.Rows) != 2 || r.Rows[0].Unit != "BTTP" || r.Total.Surveys != 3 || r.Total.Counter != 1 || r.Total.Portal != 2 {
		t.Fatalf("rows %+v total %+v", r.Rows, r.Total)
	}
	bttp := r.Rows[0]
	off := bttp.Groups[2]
	// officer: 5, 4 (v1) + 3, 5 (v2; officer.9 belongs to v2) = 3 of 4 satisfied, mean 4.25.
	if off.Tally != (Tally{Answered: 4, Satisfied: 3, Sum: 17}) || *off.Percent != 75 || *off.Mean != 4.25 || off.Name != "Công chức" {
		t.Errorf("officer group = %+v", off)
	}
	// result 0/1 satisfied; feedback not answered (0).
	if res := bttp.Groups[3]; *res.Percent != 0 || bttp.Groups[4].Percent != nil {
		t.Errorf("result %+v feedback %+v", res, bttp.Groups[4])
	}
	// Index: average of officer 75 and result 0 = 37.5.
	if bttp.Index == nil || *bttp.Index != 37.5 {
		t.Errorf("index = %v", bttp.Index)
	}
	// HCTP's answer averages 1.5 < 3: dissatisfied.
	if r.Rows[1].Dissatisfied != 1 || bttp.Dissatisfied != 0 || r.Total.Dissatisfied != 1 {
		t.Errorf("dissatisfied %d %d", r.Rows[1].Dissatisfied, bttp.Dissatisfied)
	}
	if tot := r.Total.Groups[2].Tally; tot != (Tally{Answered: 5, Satisfied: 3, Sum: 19}) {
		t.Errorf("total officer = %+v", tot)
	}
}

// TestDissatisfied: a dossier counts as "không hài lòng" for Decision
// 766/QĐ-TTg's indicator 5.4 when its answer averages below the neutral
// 3 (tuphap's reading of the indicator, kept beside the rule).
func TestDissatisfied(t *testing.T) {
	for _, tt := range []struct {
		s    map[string]int
		want bool
	}{
		{map[string]int{"a": 2, "b": 3}, true},
		{map[string]int{"a": 3, "b": 3}, false},
		{map[string]int{"a": 1, "b": 5}, false},
		{map[string]int{"a": 0}, false},
	} {
		if got := Dissatisfied(tt.s); got != tt.want {
			t.Errorf("%v: %v", tt.s, got)
		}
	}
}

// TestCombine: a province's row sums its agencies' counts and tallies and
// recomputes the shares from the sums, never averaging the agencies' shares.
func TestCombine(t *testing.T) {
	a := Compute(Quarter{2026, 1}, nil, []Answer{{Unit: "X", Version: 1, Channel: Portal, Scores: map[string]int{"officer.1": 5, "officer.2": 5, "officer.3": 5, "officer.4": 2}}}).Total
	b := Compute(Quarter{2026, 1}, nil, []Answer{{Unit: "Y", Version: 1, Channel: Counter, Scores: map[string]int{"officer.1": 1, "access.1": 4}}}).Total
	p := Combine("Toàn tỉnh", []Row{a, b})
	off := p.Groups[2]
	// officer: 3 of 4 and 0 of 1 → 3 of 5 = 60% (not the average 37.5%).
	if p.Surveys != 2 || p.Portal != 1 || p.Counter != 1 || off.Tally != (Tally{Answered: 5, Satisfied: 3, Sum: 18}) || *off.Percent != 60 {
		t.Fatalf("combined %+v officer %+v", p, off)
	}
	// index: access 100, officer 60 → 80.
	if p.Index == nil || *p.Index != 80 || p.Groups[0].Name != "Tiếp cận dịch vụ" {
		t.Errorf("index %v", p.Index)
	}
}
