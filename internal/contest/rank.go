package contest

import (
	"cmp"
	"slices"
	"time"

	"tuphap/internal/apperr"
)

// ValidChain checks a ranking chain: known keys, each once, score first
// (every published rule ranks by score before anything else).
func ValidChain(chain []TieKey, pred PredictionOf) error {
	if len(chain) == 0 || chain[0] != ByScore {
		return apperr.New(apperr.Invalid, "Tiêu chí xếp hạng phải bắt đầu bằng điểm số.")
	}
	seen := map[TieKey]bool{}
	for _, k := range chain {
		switch k {
		case ByScore, ByDuration, BySubmitted, ByStarted:
		case ByPrediction:
			if pred == PredictNone {
				return apperr.New(apperr.Invalid, "Vòng thi không có câu hỏi dự đoán nên không thể xếp hạng theo dự đoán.")
			}
		default:
			return apperr.Newf(apperr.Invalid, "Tiêu chí xếp hạng không hợp lệ: %q.", string(k))
		}
		if seen[k] {
			return apperr.Newf(apperr.Invalid, "Tiêu chí xếp hạng %q lặp lại.", string(k))
		}
		seen[k] = true
	}
	return nil
}

// Distance is |prediction − actual|; an entry without a prediction is
// farthest (math.MaxInt64).
func Distance(pred *int64, actual int) int64 {
	if pred == nil {
		return 1<<63 - 1
	}
	d := *pred - int64(actual)
	if d < 0 {
		d = -d
	}
	return d
}

// Compare orders two entries by the chain: negative when a ranks before b.
// Entries equal on every key are ordered by attempt id, so a ranking is
// reproducible; such a tie is left for the organising committee (Bắc Trà
// My's rules: "Ban tổ chức quyết định") and shown as one.
func Compare(chain []TieKey, actual int, a, b Entry) int {
	if c := compareKeys(chain, actual, a, b); c != 0 {
		return c
	}
	return cmp.Compare(a.AttemptID, b.AttemptID)
}

func compareKeys(chain []TieKey, actual int, a, b Entry) int {
	for _, k := range chain {
		var c int
		switch k {
		case ByScore:
			c = cmp.Compare(b.Score, a.Score)
		case ByPrediction:
			c = cmp.Compare(Distance(a.Prediction, actual), Distance(b.Prediction, actual))
		case ByDuration:
			c = cmp.Compare(a.Duration, b.Duration)
		case BySubmitted:
			c = a.SubmittedAt.Compare(b.SubmittedAt)
		case ByStarted:
			c = a.StartedAt.Compare(b.StartedAt)
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// Counted picks, of one person's submitted valid attempts in a round, the
// one that counts: the best by the round's chain (prediction excluded: its
// actual number is known only after close, so the best attempt is chosen by
// score then the remaining keys), the first or the last submitted.
func Counted(policy Counts, chain []TieKey, es []Entry) (Entry, bool) {
	if len(es) == 0 {
		return Entry{}, false
	}
	switch policy {
	case CountFirst:
		return slices.MinFunc(es, func(a, b Entry) int { return a.SubmittedAt.Compare(b.SubmittedAt) }), true
	case CountLast:
		return slices.MaxFunc(es, func(a, b Entry) int { return a.SubmittedAt.Compare(b.SubmittedAt) }), true
	}
	noPred := slices.DeleteFunc(slices.Clone(chain), func(k TieKey) bool { return k == ByPrediction })
	return slices.MinFunc(es, func(a, b Entry) int { return Compare(noPred, 0, a, b) }), true
}

// Actual is the number the prediction question asks for, over the counted
// valid entries (one per person) and every valid submitted attempt
// (attemptsAllCorrect): published with the results, as the rules require
// (research/contests.md §2.5).
func Actual(kind PredictionOf, counted []Entry, attemptsAllCorrect int) int {
	switch kind {
	case PredictAllCorrectPeople:
		n := 0
		for _, e := range counted {
			if e.Questions > 0 && e.Correct == e.Questions {
				n++
			}
		}
		return n
	case PredictAllCorrectAttempts:
		return attemptsAllCorrect
	case PredictParticipants:
		return len(counted)
	}
	return 0
}

// Rank sorts the counted entries by the chain and gives places; entries
// equal on every key of the chain share a place (1, 2, 2, 4).
func Rank(chain []TieKey, actual int, es []Entry) []Ranked {
	slices.SortFunc(es, func(a, b Entry) int { return Compare(chain, actual, a, b) })
	out := make([]Ranked, len(es))
	for i, e := range es {
		out[i] = Ranked{Entry: e, Rank: i + 1, Distance: -1}
		if e.Prediction != nil {
			out[i].Distance = Distance(e.Prediction, actual)
		}
		if i > 0 && compareKeys(chain, actual, es[i-1], e) == 0 {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// Awards gives the prize levels to the first places in order: a tie across
// the last prize is left to the committee, so every tied entry at that
// place is listed with the prize ("đồng giải").
func Awards(prizes []Prize, ranked []Ranked) map[string]string {
	out := map[string]string{}
	i := 0
	for _, p := range prizes {
		for n := 0; n < p.Count && i < len(ranked); n++ {
			out[ranked[i].AttemptID] = p.Name
			i++
		}
		for i > 0 && i < len(ranked) && ranked[i].Rank == ranked[i-1].Rank {
			out[ranked[i].AttemptID] = p.Name
			i++
		}
	}
	return out
}

// UnitRow is a unit's line of the collective ranking.
type UnitRow struct {
	Unit         Unit
	Participants int
	Attempts     int
	Winners      int
	// Rate is participants ÷ headcount in per mille (‰), -1 without a
	// headcount; kept with its numerator and denominator.
	RatePermille int
}

// UnitTally is a unit's figures of a ranked round: the people ranked for
// it (one counted entry each), its valid attempts and its prize-winners.
// The close writes them with the ranking, so the results page does not
// read a national round's million attempts again on every view.
type UnitTally struct {
	UnitCode     string
	Participants int
	Attempts     int
	Winners      int
}

// Tally counts, per unit, the counted entries, the valid attempts
// (attempts: unit → valid submitted attempts; a voided entry counts for
// no unit) and the prize-winners, in unit-code order.
func Tally(counted []Entry, attempts map[string]int, awards map[string]string) []UnitTally {
	by := map[string]*UnitTally{}
	get := func(code string) *UnitTally {
		t, ok := by[code]
		if !ok {
			t = &UnitTally{UnitCode: code}
			by[code] = t
		}
		return t
	}
	for _, e := range counted {
		t := get(e.UnitCode)
		t.Participants++
		if _, ok := awards[e.AttemptID]; ok {
			t.Winners++
		}
	}
	for code, n := range attempts {
		get(code).Attempts += n
	}
	out := make([]UnitTally, 0, len(by))
	for _, t := range by {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b UnitTally) int { return cmp.Compare(a.UnitCode, b.UnitCode) })
	return out
}

// UnitRanking ranks units by participants, then prize-winners, then
// attempts (Gia Lai's two collective prizes: most participants, most
// prize-winners). Every unit of the contest is listed, in its order when
// tied; a code the contest no longer lists is shown by its code.
func UnitRanking(units []Unit, tallies []UnitTally) []UnitRow {
	rows := map[string]*UnitRow{}
	var order []*UnitRow
	get := func(code string) *UnitRow {
		if r, ok := rows[code]; ok {
			return r
		}
		r := &UnitRow{Unit: Unit{Code: code, Name: code}, RatePermille: -1}
		rows[code] = r
		order = append(order, r)
		return r
	}
	for _, u := range units {
		get(u.Code).Unit = u
	}
	for _, t := range tallies {
		r := get(t.UnitCode)
		r.Participants += t.Participants
		r.Attempts += t.Attempts
		r.Winners += t.Winners
	}
	out := make([]UnitRow, 0, len(order))
	for _, r := range order {
		if r.Unit.Headcount > 0 {
			r.RatePermille = r.Participants * 1000 / r.Unit.Headcount
		}
		out = append(out, *r)
	}
	slices.SortStableFunc(out, func(a, b UnitRow) int {
		if c := cmp.Compare(b.Participants, a.Participants); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Winners, a.Winners); c != 0 {
			return c
		}
		return cmp.Compare(b.Attempts, a.Attempts)
	})
	return out
}

// TooFast says whether an attempt is faster than the round's plausible
// minimum (flagged for review after close, never blocked on the hot path:
// research/contests.md §2.2, §2.4).
func TooFast(r Round, questions int, d time.Duration) bool {
	return r.MinSecondsPerQuestion > 0 && questions > 0 && d < time.Duration(questions*r.MinSecondsPerQuestion)*time.Second
}
