package contest

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestNormalisePhone(t *testing.T) {
	for in, want := range map[string]string{
		"0912345678":      "0912345678",
		"+84 912 345 678": "0912345678",
		"84912345678":     "0912345678",
		"0912.345.678":    "0912345678",
		"(091) 234-5678":  "0912345678",
		"091234567":       "",
		"00912345678":     "",
		"0012345678":      "",
		"09123456789":     "",
		"0912345678a":     "",
		"":                "",
	} {
		if got := NormalisePhone(in); got != want {
			t.Errorf("NormalisePhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormaliseName(t *testing.T) {
	if a, b := NormaliseName("  Nguyễn  Văn Đức "), NormaliseName("nguyen van duc"); a != b {
		t.Errorf("%q != %q", a, b)
	}
	if NormaliseName("Lê Thị Hà") == NormaliseName("Lê Thị Hải") {
		t.Error("different names fold to one")
	}
}

func day(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Zone)
}

// Age on the round's opening day; the age-15 rule is TP.HCM 2026's
// (plo.vn post893951).
func TestEligible(t *testing.T) {
	c := Contest{MinAge: 15, Units: []Unit{{Code: "29905"}, {Code: "29908"}}}
	r := Round{OpensAt: day(2026, 3, 2, 8, 0)}
	for _, tc := range []struct {
		name  string
		birth time.Time
		unit  string
		ok    bool
	}{
		{"15 on the opening day", time.Date(2011, 3, 2, 0, 0, 0, 0, time.UTC), "29905", true},
		{"15 the day after", time.Date(2011, 3, 3, 0, 0, 0, 0, time.UTC), "29905", false},
		{"adult", time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), "29908", true},
		{"unit not listed", time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), "30001", false},
	} {
		err := Eligible(c, r, Participant{BirthDate: tc.birth, UnitCode: tc.unit})
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}

// Timing: MoJ 2021 gives 20 minutes per attempt in a window of a month
// (pbgdpl.moj.gov.vn ItemID=2556); a school sitting ends for everyone at
// the sitting's start + limit (Bình Dương); nothing ends after the close.
func TestDeadline(t *testing.T) {
	win := Round{Mode: Window, OpensAt: day(2026, 4, 1, 0, 0), ClosesAt: day(2026, 4, 30, 23, 59), TimeLimit: 20 * time.Minute}
	sit := Round{Mode: Sitting, OpensAt: day(2026, 4, 1, 8, 0), ClosesAt: day(2026, 4, 1, 9, 0), TimeLimit: 15 * time.Minute}
	for _, tc := range []struct {
		name  string
		r     Round
		start time.Time
		want  time.Time
	}{
		{"window: own limit", win, day(2026, 4, 10, 9, 0), day(2026, 4, 10, 9, 20)},
		{"window: cut at close", win, day(2026, 4, 30, 23, 50), day(2026, 4, 30, 23, 59)},
		{"sitting: on time", sit, day(2026, 4, 1, 8, 0), day(2026, 4, 1, 8, 15)},
		{"sitting: late start, same end", sit, day(2026, 4, 1, 8, 10), day(2026, 4, 1, 8, 15)},
	} {
		if got := Deadline(tc.r, tc.start); !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCanStart(t *testing.T) {
	r := Round{Mode: Window, OpensAt: day(2026, 4, 1, 0, 0), ClosesAt: day(2026, 4, 30, 0, 0), TimeLimit: 20 * time.Minute, Attempts: 3}
	sit := Round{Mode: Sitting, OpensAt: day(2026, 4, 1, 8, 0), ClosesAt: day(2026, 4, 1, 9, 0), TimeLimit: 15 * time.Minute, Attempts: 1}
	ranked := r
	now := day(2026, 4, 30, 0, 0)
	ranked.RankedAt = &now
	for _, tc := range []struct {
		name string
		r    Round
		at   time.Time
		made int
		open bool
		ok   bool
	}{
		{"before opening", r, day(2026, 3, 31, 23, 59), 0, false, false},
		{"open", r, day(2026, 4, 2, 0, 0), 0, false, true},
		{"third of three (MoJ 2021: up to 3)", r, day(2026, 4, 2, 0, 0), 2, false, true},
		{"fourth of three", r, day(2026, 4, 2, 0, 0), 3, false, false},
		{"one still open", r, day(2026, 4, 2, 0, 0), 1, true, false},
		{"at close", r, day(2026, 4, 30, 0, 0), 0, false, false},
		{"ranked", ranked, day(2026, 4, 2, 0, 0), 0, false, false},
		{"sitting in time", sit, day(2026, 4, 1, 8, 14), 0, false, true},
		{"sitting over", sit, day(2026, 4, 1, 8, 15), 0, false, false},
	} {
		if err := CanStart(tc.r, tc.at, tc.made, tc.open); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}

// The server keeps the time: an answer at the deadline counts, one a
// nanosecond later does not; a submitted attempt takes no answer.
func TestAnswerOpen(t *testing.T) {
	dl := day(2026, 4, 1, 8, 15)
	a := Attempt{State: Open, Deadline: dl}
	if err := AnswerOpen(a, dl); err != nil {
		t.Errorf("at the deadline: %v", err)
	}
	if err := AnswerOpen(a, dl.Add(time.Nanosecond)); err == nil {
		t.Error("late answer accepted")
	}
	a.State = Submitted
	if err := AnswerOpen(a, dl.Add(-time.Minute)); err == nil {
		t.Error("answer to a submitted attempt accepted")
	}
}

func bank(n int) []Question {
	qs := make([]Question, n)
	for i := range qs {
		qs[i] = Question{ID: fmt.Sprintf("q%03d", i), Options: []string{"A", "B", "C", "D"}, Correct: i % 4, Difficulty: 1 + i%3}
	}
	return qs
}

func TestDraw(t *testing.T) {
	b := bank(60)
	s1, s2 := Seed([]byte("k"), "a1"), Seed([]byte("k"), "a2")
	l1, err := Draw(b, 20, s1)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Draw(b, 20, s1)
	if fmt.Sprint(l1) != fmt.Sprint(again) {
		t.Error("the same seed drew differently")
	}
	l2, _ := Draw(b, 20, s2)
	if fmt.Sprint(l1) == fmt.Sprint(l2) {
		t.Error("two attempts drew the same layout")
	}
	seen := map[string]bool{}
	levels := map[int]int{}
	diff := map[string]int{}
	for _, q := range b {
		diff[q.ID] = q.Difficulty
	}
	prev := 0
	for _, it := range l1 {
		if seen[it.QuestionID] {
			t.Errorf("question %s drawn twice", it.QuestionID)
		}
		seen[it.QuestionID] = true
		p := slices.Clone(it.Perm)
		slices.Sort(p)
		if !slices.Equal(p, []int{0, 1, 2, 3}) {
			t.Errorf("perm %v is not a permutation", it.Perm)
		}
		if diff[it.QuestionID] < prev {
			t.Error("not from easy to hard")
		}
		prev = diff[it.QuestionID]
		levels[diff[it.QuestionID]]++
	}
	if levels[1] < 6 || levels[2] < 6 || levels[3] < 6 {
		t.Errorf("uneven draw across difficulties: %v", levels)
	}
	if _, err := Draw(b[:10], 20, s1); err == nil {
		t.Error("drew 20 from 10")
	}
}

func TestScore(t *testing.T) {
	layout := []Item{{QuestionID: "a", Perm: []int{2, 0, 1, 3}}, {QuestionID: "b", Perm: []int{3, 2, 1, 0}}, {QuestionID: "c", Perm: []int{0, 1, 2, 3}}}
	key := map[string]int{"a": 0, "b": 0, "c": 3}
	// a: bank option 0 is shown at place 1; b: bank 0 at place 3; c: place 3.
	for _, tc := range []struct {
		answers map[int]int
		want    int
	}{
		{map[int]int{0: 1, 1: 3, 2: 3}, 3},
		{map[int]int{0: 0, 1: 3}, 1},
		{map[int]int{}, 0},
		{map[int]int{0: 9, 1: -1, 7: 1}, 0},
	} {
		if got := Score(layout, key, tc.answers); got != tc.want {
			t.Errorf("Score(%v) = %d, want %d", tc.answers, got, tc.want)
		}
	}
}
