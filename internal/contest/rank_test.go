package contest

import (
	"slices"
	"testing"
	"time"
)

func p64(v int64) *int64 { return &v }

var t0 = time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)

func TestValidChain(t *testing.T) {
	for _, tc := range []struct {
		chain []TieKey
		pred  PredictionOf
		ok    bool
	}{
		{[]TieKey{ByScore, ByPrediction, ByDuration, BySubmitted}, PredictAllCorrectPeople, true},
		{[]TieKey{ByScore, ByDuration, ByStarted}, PredictNone, true},
		{[]TieKey{ByDuration, ByScore}, PredictNone, false},
		{[]TieKey{ByScore, ByPrediction}, PredictNone, false},
		{[]TieKey{ByScore, ByDuration, ByDuration}, PredictNone, false},
		{[]TieKey{ByScore, "luck"}, PredictNone, false},
		{nil, PredictNone, false},
	} {
		if err := ValidChain(tc.chain, tc.pred); (err == nil) != tc.ok {
			t.Errorf("%v: %v", tc.chain, err)
		}
	}
}

// The chains of published rules (research/contests.md §1.4).
func TestRankChains(t *testing.T) {
	e := func(id string, score int, pred *int64, dur time.Duration, sub int) Entry {
		return Entry{AttemptID: id, Score: score, Prediction: pred, Duration: dur, StartedAt: t0, SubmittedAt: t0.Add(time.Duration(sub) * time.Minute)}
	}
	for _, tc := range []struct {
		name   string
		chain  []TieKey
		actual int
		in     []Entry
		want   []string
		ranks  []int
	}{
		{
			// Quảng Nam: score → closest prediction → shortest time → earlier.
			name: "Quảng Nam", chain: []TieKey{ByScore, ByPrediction, ByDuration, BySubmitted}, actual: 100,
			in: []Entry{
				e("far", 20, p64(300), time.Minute, 1),
				e("close-slow", 20, p64(98), 9*time.Minute, 2),
				e("close-fast", 20, p64(102), 3*time.Minute, 3),
				e("exact", 20, p64(100), 15*time.Minute, 4),
				e("low", 19, p64(100), time.Minute, 0),
				e("none", 20, nil, time.Second, 0),
			},
			want:  []string{"exact", "close-fast", "close-slow", "far", "none", "low"},
			ranks: []int{1, 2, 3, 4, 5, 6},
		},
		{
			// Bình Tân: correct answers → speed → time of entry.
			name: "Bình Tân", chain: []TieKey{ByScore, ByDuration, BySubmitted},
			in: []Entry{
				e("slow", 10, nil, 5*time.Minute, 1),
				e("fast-late", 10, nil, 2*time.Minute, 9),
				e("fast-early", 10, nil, 2*time.Minute, 3),
				e("best", 11, nil, 9*time.Minute, 9),
			},
			want:  []string{"best", "fast-early", "fast-late", "slow"},
			ranks: []int{1, 2, 3, 4},
		},
		{
			// Equal on every key: one place, committee decides.
			name: "full tie", chain: []TieKey{ByScore, ByDuration},
			in: []Entry{
				e("b", 10, nil, time.Minute, 1), e("a", 10, nil, time.Minute, 2), e("c", 9, nil, time.Minute, 0),
			},
			want:  []string{"a", "b", "c"},
			ranks: []int{1, 1, 3},
		},
	} {
		got := Rank(tc.chain, tc.actual, tc.in)
		for i, r := range got {
			if r.AttemptID != tc.want[i] || r.Rank != tc.ranks[i] {
				t.Errorf("%s: place %d = %s (rank %d), want %s (rank %d)", tc.name, i, r.AttemptID, r.Rank, tc.want[i], tc.ranks[i])
			}
		}
	}
}

// MoJ 2021 allows three attempts "to improve the result": the best counts.
func TestCounted(t *testing.T) {
	chain := []TieKey{ByScore, ByPrediction, ByDuration}
	es := []Entry{
		{AttemptID: "1", Score: 15, Duration: time.Minute, SubmittedAt: t0},
		{AttemptID: "2", Score: 18, Duration: 9 * time.Minute, SubmittedAt: t0.Add(time.Hour), Prediction: p64(5)},
		{AttemptID: "3", Score: 18, Duration: 4 * time.Minute, SubmittedAt: t0.Add(2 * time.Hour)},
	}
	for policy, want := range map[Counts]string{CountBest: "3", CountFirst: "1", CountLast: "3"} {
		got, ok := Counted(policy, chain, es)
		if !ok || got.AttemptID != want {
			t.Errorf("%s: %s, want %s", policy, got.AttemptID, want)
		}
	}
	if _, ok := Counted(CountBest, chain, nil); ok {
		t.Error("counted an attempt of nobody")
	}
}

func TestActual(t *testing.T) {
	counted := []Entry{{Correct: 20, Questions: 20}, {Correct: 19, Questions: 20}, {Correct: 20, Questions: 20}}
	for kind, want := range map[PredictionOf]int{
		PredictAllCorrectPeople: 2, PredictAllCorrectAttempts: 7, PredictParticipants: 3, PredictNone: 0,
	} {
		if got := Actual(kind, counted, 7); got != want {
			t.Errorf("%s: %d, want %d", kind, got, want)
		}
	}
}

func TestAwards(t *testing.T) {
	ranked := []Ranked{{Entry: Entry{AttemptID: "a"}, Rank: 1}, {Entry: Entry{AttemptID: "b"}, Rank: 2}, {Entry: Entry{AttemptID: "c"}, Rank: 3},
		{Entry: Entry{AttemptID: "d"}, Rank: 3}, {Entry: Entry{AttemptID: "e"}, Rank: 5}}
	got := Awards([]Prize{{Name: "Nhất", Count: 1}, {Name: "Nhì", Count: 2}}, ranked)
	want := map[string]string{"a": "Nhất", "b": "Nhì", "c": "Nhì", "d": "Nhì"}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
}

// The collective ranking: units by participants, then prize-winners, then
// attempts (Gia Lai's two collective prizes, research/contests.md), from
// the tallies written at close; a voided entry counts for no unit.
func TestUnitRanking(t *testing.T) {
	units := []Unit{{Code: "A", Name: "Xã A", Headcount: 200}, {Code: "B", Name: "Xã B"}, {Code: "C", Name: "Xã C"}}
	counted := []Entry{{AttemptID: "1", UnitCode: "A"}, {AttemptID: "2", UnitCode: "B"}, {AttemptID: "3", UnitCode: "B"}, {AttemptID: "4", UnitCode: "A"}, {AttemptID: "5", UnitCode: "A"}}
	tallies := Tally(counted, map[string]int{"A": 4, "B": 2}, map[string]string{"2": "Nhất"})
	if want := []UnitTally{{"A", 3, 4, 0}, {"B", 2, 2, 1}}; !slices.Equal(tallies, want) {
		t.Fatalf("Tally = %+v, want %+v", tallies, want)
	}
	rows := UnitRanking(units, tallies)
	if rows[0].Unit.Code != "A" || rows[0].Participants != 3 || rows[0].RatePermille != 15 || rows[0].Attempts != 4 {
		t.Errorf("first row %+v", rows[0])
	}
	if rows[1].Unit.Code != "B" || rows[1].Winners != 1 || rows[1].RatePermille != -1 {
		t.Errorf("second row %+v", rows[1])
	}
	if rows[2].Unit.Code != "C" || rows[2].Participants != 0 {
		t.Errorf("third row %+v", rows[2])
	}
	// A unit dropped from the contest after the close keeps its figures,
	// shown by its code.
	rows = UnitRanking(units[1:], tallies)
	if rows[0].Unit.Code != "A" || rows[0].Unit.Name != "A" || rows[0].Participants != 3 || len(rows) != 3 {
		t.Errorf("dropped unit: %+v", rows)
	}
}

func TestTooFast(t *testing.T) {
	r := Round{MinSecondsPerQuestion: 2}
	if !TooFast(r, 20, 39*time.Second) || TooFast(r, 20, 40*time.Second) || TooFast(Round{}, 20, time.Second) {
		t.Error("TooFast")
	}
}
