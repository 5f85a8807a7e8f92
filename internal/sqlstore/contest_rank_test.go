package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/contest"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// The ranking the store writes at close (Service.Close: the attempts
// streamed, the counted one chosen, the rows written as JSON batches) is
// the pure contest.Rank of the same attempts, place by place, on random
// rounds with ties, several attempts a person, entries without a
// prediction and voided ones, on both engines.
func TestContestCloseMatchesPureRank(t *testing.T) {
	t.Parallel()
	// Rows cross many statements' batches (the ranking is written in
	// batches of ten thousand): each table's order must hold across them.
	t.Cleanup(sqlstore.SetRankBatchForTest(97))
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		prizes := []contest.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 3}, {Name: "Giải Ba", Count: 5}}
		ctx, svc, a, c, ten, now := contestFixture(t, db, "STP-RK", "000.00.00.H83", contest.Contest{Code: "xep-hang-ngau-nhien", Title: "Xếp hạng", Prizes: prizes})
		chains := [][]contest.TieKey{
			{contest.ByScore, contest.ByPrediction, contest.ByDuration, contest.BySubmitted},
			{contest.ByScore, contest.ByDuration},
			{contest.ByScore, contest.ByPrediction},
		}
		counts := []contest.Counts{contest.CountBest, contest.CountFirst, contest.CountLast}
		for k := range 3 {
			rng := mrand.New(mrand.NewPCG(uint64(k), 23))
			r, err := svc.AddRound(ctx, a, ten, contest.Round{ContestID: c.ID, No: k + 1, Title: fmt.Sprintf("Vòng %d", k+1), Mode: contest.Window,
				OpensAt: now.Add(-10 * 24 * time.Hour), ClosesAt: now.Add(-time.Hour), TimeLimit: 20 * time.Minute, Questions: 5, Attempts: 3,
				Counts: counts[k], Chain: chains[k], Prediction: contest.PredictAllCorrectPeople})
			if err != nil {
				t.Fatal(err)
			}
			people := 300 + rng.IntN(200)
			ps := make([]contest.Participant, people)
			for i := range ps {
				ps[i] = contest.Participant{ID: fmt.Sprintf("p%d-%04d", k, i), ContestID: c.ID, Phone: fmt.Sprintf("09%d%07d", k, i), FullName: fmt.Sprintf("Người %d", i),
					BirthDate: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), UnitCode: fmt.Sprintf("299%02d", i%7), PassHash: "-", RegisteredAt: now}
			}
			if err := db.Contests().InsertParticipants(ctx, ten, ps); err != nil {
				t.Fatal(err)
			}
			var as []contest.Attempt
			for i := range ps {
				for no := 1; no <= 1+rng.IntN(3); no++ {
					// Coarse values so that many entries tie on score,
					// prediction and duration.
					start := r.OpensAt.Add(time.Duration(rng.IntN(50)) * time.Minute)
					sub := start.Add(time.Duration(60+10*rng.IntN(6)) * time.Second)
					correct := 5 - min(5, rng.IntN(4))
					at := contest.Attempt{ID: fmt.Sprintf("a%d-%04d-%d", k, i, no), RoundID: r.ID, ParticipantID: ps[i].ID, UnitCode: ps[i].UnitCode, No: no,
						StartedAt: start, Deadline: start.Add(20 * time.Minute), State: contest.Submitted, SubmittedAt: &sub, Correct: correct, Score: correct}
					if rng.IntN(4) > 0 {
						p := int64(rng.IntN(people / 2))
						at.Prediction = &p
					}
					as = append(as, at)
				}
			}
			if err := db.Contests().InsertAttempts(ctx, ten, as); err != nil {
				t.Fatal(err)
			}
			voided := map[string]bool{}
			for i := 0; i < 10; i++ {
				id := as[rng.IntN(len(as))].ID
				if voided[id] {
					continue
				}
				voided[id] = true
				if err := db.Contests().TransactContest(ctx, func(tx contest.Tx) error { return tx.Void(ctx, ten, id, "thử") }); err != nil {
					t.Fatal(err)
				}
			}

			// The pure path over the same attempts.
			byPerson := map[string][]contest.Entry{}
			allCorrect := 0
			for _, at := range as {
				if voided[at.ID] {
					continue
				}
				e := contest.Entry{AttemptID: at.ID, ParticipantID: at.ParticipantID, UnitCode: at.UnitCode, Score: at.Score, Correct: at.Correct,
					Questions: r.Questions, Prediction: at.Prediction, StartedAt: at.StartedAt, SubmittedAt: *at.SubmittedAt, Duration: at.SubmittedAt.Sub(at.StartedAt)}
				byPerson[at.ParticipantID] = append(byPerson[at.ParticipantID], e)
				if e.Correct == e.Questions {
					allCorrect++
				}
			}
			var counted []contest.Entry
			for _, es := range byPerson {
				if e, ok := contest.Counted(r.Counts, r.Chain, es); ok {
					counted = append(counted, e)
				}
			}
			actual := contest.Actual(r.Prediction, counted, allCorrect)
			want := contest.Rank(r.Chain, actual, counted)
			awards := contest.Awards(prizes, want)

			closed, n, err := svc.Close(ctx, a, c, ten, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(want) || closed.Actual != actual {
				t.Fatalf("round %d: %d rows, actual %d; want %d rows, actual %d", k, n, closed.Actual, len(want), actual)
			}
			got, err := db.Contests().Ranks(ctx, ten, r.ID, 0, len(want)+10)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("round %d: read %d rows, want %d", k, len(got), len(want))
			}
			ties := 0
			for i, w := range want {
				g := got[i]
				if g.Place != i+1 || g.Rank != w.Rank || g.AttemptID != w.AttemptID || g.ParticipantID != w.ParticipantID || g.UnitCode != w.UnitCode ||
					g.Score != w.Score || g.Correct != w.Correct || g.Distance != w.Distance || g.DurationMS != w.Duration.Milliseconds() ||
					g.Prize != awards[w.AttemptID] || g.FullName == "" {
					t.Fatalf("round %d place %d: got %+v, want %+v (prize %q)", k, i+1, g, w, awards[w.AttemptID])
				}
				if w.Rank != i+1 {
					ties++
				}
			}
			if ties == 0 {
				t.Fatalf("round %d: the random data made no tie; the comparison would not test shared places", k)
			}
			// Each person finds their own line; a person with no valid
			// entry has none.
			for _, w := range want {
				me, err := db.Contests().RankOf(ctx, ten, r.ID, w.ParticipantID)
				if err != nil || me.AttemptID != w.AttemptID || me.Rank != w.Rank || me.Distance != w.Distance {
					t.Fatalf("round %d: RankOf(%s) = %+v, %v; want %+v", k, w.ParticipantID, me, err, w)
				}
			}
			for _, p := range ps {
				if _, ok := byPerson[p.ID]; !ok {
					if _, err := db.Contests().RankOf(ctx, ten, r.ID, p.ID); !errors.Is(err, apperr.ErrNotFound) {
						t.Fatalf("round %d: RankOf(%s) of a person without a valid entry: %v", k, p.ID, err)
					}
				}
			}
			attempts := map[string]int{}
			for _, es := range byPerson {
				for _, e := range es {
					attempts[e.UnitCode]++
				}
			}
			units, err := db.Contests().RankUnits(ctx, ten, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if wantUnits := contest.Tally(counted, attempts, awards); !slices.Equal(units, wantUnits) {
				t.Fatalf("round %d: unit tallies %+v, want %+v", k, units, wantUnits)
			}
		}
	})
}

// StartPaper returns the paper as drawn, without reading it back: it is
// the paper Paper reads from the database, and the start's rules hold (one
// open attempt, the attempt limit), on both engines.
func TestContestStartPaperIsThePaperStored(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx, svc, a, c, ten, now := contestFixture(t, db, "STP-SP", "000.00.00.H84", contest.Contest{Code: "vao-thi-nhanh", Title: "Vào thi"})
		svc.Now = func() time.Time { return now } // the clock moves past the close below
		var qs []contest.Question
		for i := range 40 {
			qs = append(qs, contest.Question{Stem: fmt.Sprintf("Câu %d?", i), Options: []string{"A", "B", "C", "D"}, Correct: i % 4, Difficulty: 1 + i%3})
		}
		if err := svc.AddQuestions(ctx, a, ten, c.ID, qs); err != nil {
			t.Fatal(err)
		}
		r, err := svc.AddRound(ctx, a, ten, contest.Round{ContestID: c.ID, No: 1, Title: "Ca 1", Mode: contest.Window,
			OpensAt: now, ClosesAt: now.Add(2 * time.Hour), TimeLimit: 10 * time.Minute, Questions: 12, Attempts: 1,
			Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore}, Prediction: contest.PredictNone})
		if err != nil {
			t.Fatal(err)
		}
		p := contest.Participant{ID: "p-1", ContestID: c.ID, Phone: "0912000001", FullName: "Trần Thị Bình", BirthDate: time.Date(1995, 3, 4, 0, 0, 0, 0, time.UTC),
			UnitCode: "29905", PassHash: "-", RegisteredAt: now}
		if err := db.Contests().InsertParticipants(ctx, ten, []contest.Participant{p}); err != nil {
			t.Fatal(err)
		}
		at, items, err := svc.StartPaper(ctx, c, ten, r.ID, p.ID, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		_, _, stored, err := svc.Paper(ctx, c, ten, p.ID, at.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 12 || fmt.Sprint(items) != fmt.Sprint(stored) {
			t.Fatalf("paper as drawn:\n%v\nas stored:\n%v", items, stored)
		}
		for _, it := range items {
			if it.Correct != -1 || it.Chosen != -1 || it.Explain != "" {
				t.Fatalf("a new paper shows a key or an answer: %+v", it)
			}
		}
		if _, _, err := svc.StartPaper(ctx, c, ten, r.ID, p.ID, "10.0.0.1"); err == nil || !strings.Contains(err.Error(), "lượt thi chưa nộp") {
			t.Fatalf("a second start while the first is open: %v", err)
		}
		now = now.Add(3 * time.Hour)
		if _, _, err := svc.StartPaper(ctx, c, ten, r.ID, p.ID, "10.0.0.1"); err == nil || !strings.Contains(err.Error(), "Vòng thi đã kết thúc") {
			t.Fatalf("a start after the close: %v", err)
		}
	})
}

// Migration 00031 moves a ranking written before it (every figure copied
// on the row, one table) into the tables written in key order, and
// computes the unit tallies of every ranked round: a round ranked, the
// migration rolled back (which writes the old table back) and applied
// again reads the same ranking, places, persons' lines and tallies.
func TestContestRankingMigration(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx, svc, a, c, ten, now := contestFixture(t, db, "STP-MG", "000.00.00.H84", contest.Contest{Code: "chuyen-bang", Title: "Chuyển bảng",
			Prizes: []contest.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 2}}})
		r, err := svc.AddRound(ctx, a, ten, contest.Round{ContestID: c.ID, No: 1, Title: "Vòng 1", Mode: contest.Window,
			OpensAt: now.Add(-48 * time.Hour), ClosesAt: now.Add(-time.Hour), TimeLimit: 20 * time.Minute, Questions: 5, Attempts: 2,
			Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore, contest.ByPrediction, contest.ByDuration}, Prediction: contest.PredictAllCorrectPeople})
		if err != nil {
			t.Fatal(err)
		}
		var ps []contest.Participant
		var as []contest.Attempt
		for i := range 40 {
			p := contest.Participant{ID: fmt.Sprintf("m-%02d", i), ContestID: c.ID, Phone: fmt.Sprintf("0912%06d", i), FullName: fmt.Sprintf("Người %d", i),
				BirthDate: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), UnitCode: fmt.Sprintf("299%02d", i%3), PassHash: "-", RegisteredAt: now}
			ps = append(ps, p)
			for no := 1; no <= 1+i%2; no++ {
				start := r.OpensAt.Add(time.Duration(i*7+no) * time.Minute)
				sub := start.Add(time.Duration(61+i%5*17) * time.Second)
				at := contest.Attempt{ID: fmt.Sprintf("m-%02d-%d", i, no), RoundID: r.ID, ParticipantID: p.ID, UnitCode: p.UnitCode, No: no,
					StartedAt: start, Deadline: start.Add(20 * time.Minute), State: contest.Submitted, SubmittedAt: &sub, Correct: 5 - (i+no)%4, Score: 5 - (i+no)%4}
				if i%3 > 0 {
					pr := int64(i % 9)
					at.Prediction = &pr
				}
				as = append(as, at)
			}
		}
		if err := db.Contests().InsertParticipants(ctx, ten, ps); err != nil {
			t.Fatal(err)
		}
		if err := db.Contests().InsertAttempts(ctx, ten, as); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Close(ctx, a, c, ten, r.ID); err != nil {
			t.Fatal(err)
		}
		type snapshot struct {
			ranks []contest.RankRow
			mine  []contest.RankRow
			units []contest.UnitTally
		}
		read := func() snapshot {
			var s snapshot
			var err error
			if s.ranks, err = db.Contests().Ranks(ctx, ten, r.ID, 0, 1000); err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				me, err := db.Contests().RankOf(ctx, ten, r.ID, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				s.mine = append(s.mine, me)
			}
			if s.units, err = db.Contests().RankUnits(ctx, ten, r.ID); err != nil {
				t.Fatal(err)
			}
			return s
		}
		before := read()
		if len(before.ranks) != 40 || len(before.units) != 3 || before.ranks[0].Prize != "Giải Nhất" {
			t.Fatalf("before: %d rows, %d units, first %+v", len(before.ranks), len(before.units), before.ranks[0])
		}
		if err := db.RollbackMigrationForTest(ctx, 31); err != nil {
			t.Fatalf("down: %v", err)
		}
		if err := db.ApplyMigrationForTest(ctx, 31); err != nil {
			t.Fatalf("up: %v", err)
		}
		after := read()
		if !slices.Equal(after.ranks, before.ranks) || !slices.Equal(after.mine, before.mine) || !slices.Equal(after.units, before.units) {
			t.Fatalf("after the migration:\n%+v\nwant\n%+v", after, before)
		}
	})
}

// A round's counts (from indexes alone) and its statistics are the counts
// of its attempts by state, voided ones apart whatever their state, with
// the histogram over the valid submitted ones, on both engines.
func TestContestRoundCounts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx, svc, a, c, ten, now := contestFixture(t, db, "STP-RC", "000.00.00.H85", contest.Contest{Code: "dem-luot", Title: "Đếm lượt"})
		var rounds []contest.Round
		for no := 1; no <= 2; no++ {
			r, err := svc.AddRound(ctx, a, ten, contest.Round{ContestID: c.ID, No: no, Title: fmt.Sprintf("Vòng %d", no), Mode: contest.Window,
				OpensAt: now.Add(-48 * time.Hour), ClosesAt: now.Add(48 * time.Hour), TimeLimit: 20 * time.Minute, Questions: 5, Attempts: 3,
				Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore, contest.ByDuration}})
			if err != nil {
				t.Fatal(err)
			}
			rounds = append(rounds, r)
		}
		rng := mrand.New(mrand.NewPCG(7, 31))
		var ps []contest.Participant
		var as []contest.Attempt
		for i := range 60 {
			p := contest.Participant{ID: fmt.Sprintf("c-%02d", i), ContestID: c.ID, Phone: fmt.Sprintf("0913%06d", i), FullName: fmt.Sprintf("Người %d", i),
				BirthDate: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), UnitCode: "29901", PassHash: "-", RegisteredAt: now}
			ps = append(ps, p)
			for no := 1; no <= 1+rng.IntN(3); no++ {
				start := now.Add(-time.Duration(1+rng.IntN(600)) * time.Minute)
				at := contest.Attempt{ID: fmt.Sprintf("c-%02d-%d", i, no), RoundID: rounds[i%2].ID, ParticipantID: p.ID, UnitCode: p.UnitCode, No: no,
					StartedAt: start, Deadline: start.Add(20 * time.Minute), State: []contest.State{contest.Open, contest.Submitted, contest.Expired}[rng.IntN(3)]}
				if at.State != contest.Open {
					sub := start.Add(time.Minute)
					at.SubmittedAt, at.Correct = &sub, rng.IntN(6)
					at.Score = at.Correct
				}
				as = append(as, at)
			}
		}
		if err := db.Contests().InsertParticipants(ctx, ten, ps); err != nil {
			t.Fatal(err)
		}
		if err := db.Contests().InsertAttempts(ctx, ten, as); err != nil {
			t.Fatal(err)
		}
		voided := map[string]bool{}
		for _, at := range as {
			if rng.IntN(5) == 0 {
				voided[at.ID] = true
				if err := db.Contests().TransactContest(ctx, func(tx contest.Tx) error { return tx.Void(ctx, ten, at.ID, "thử") }); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, r := range rounds {
			want := contest.RoundStats{Histogram: map[int]int{}}
			people := map[string]bool{}
			for _, at := range as {
				if at.RoundID != r.ID {
					continue
				}
				people[at.ParticipantID] = true
				want.Attempts++
				switch {
				case voided[at.ID]:
					want.Voided++
				case at.State == contest.Open:
					want.Open++
				default:
					want.Submitted++
					want.Histogram[at.Correct]++
				}
			}
			want.Participants = len(people)
			if want.Voided == 0 || want.Open == 0 || want.Submitted == 0 {
				t.Fatalf("the random round has no attempt of some kind: %+v", want)
			}
			counts, err := db.Contests().RoundCounts(ctx, ten, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if counts.Histogram != nil || counts.Attempts != want.Attempts || counts.Voided != want.Voided || counts.Open != want.Open ||
				counts.Submitted != want.Submitted || counts.Participants != want.Participants {
				t.Errorf("RoundCounts = %+v, want %+v", counts, want)
			}
			st, err := db.Contests().Stats(ctx, ten, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(st.Histogram, want.Histogram) || st.Attempts != want.Attempts || st.Voided != want.Voided || st.Submitted != want.Submitted {
				t.Errorf("Stats = %+v, want %+v", st, want)
			}
		}
		// Once ranked, the histogram is the one the close wrote: the same
		// as the round's valid attempts read again (the open ones were
		// closed at their deadline by the close).
		svc.Now = func() time.Time { return now.Add(49 * time.Hour) }
		r := rounds[0]
		if _, _, err := svc.Close(ctx, a, c, ten, r.ID); err != nil {
			t.Fatal(err)
		}
		want := map[int]int{}
		if err := db.Contests().Entries(ctx, ten, r.ID, r.Questions, func(e contest.Entry) error { want[e.Correct]++; return nil }); err != nil {
			t.Fatal(err)
		}
		st, err := db.Contests().Stats(ctx, ten, r.ID)
		if err != nil || st.Open != 0 || len(want) < 2 || !maps.Equal(st.Histogram, want) {
			t.Fatalf("ranked round's Stats = %+v, %v; want the histogram %v", st, err, want)
		}
		// The stored histogram is what is read: a change behind the
		// close's back (impossible through the service) does not show.
		if err := db.ExecForTest(ctx, `UPDATE contest_attempts SET correct = 99 WHERE tenant_id = $1 AND round_id = $2`, ten, r.ID); err != nil {
			t.Fatal(err)
		}
		if st, err := db.Contests().Stats(ctx, ten, r.ID); err != nil || !maps.Equal(st.Histogram, want) {
			t.Fatalf("the ranked round's histogram was read from the attempts: %v", st.Histogram)
		}
	})
}

// contestFixture is the contest tests' start: a department, its contest
// service at a fixed clock (1 May 2026), the organiser acting and the
// contest c created; it returns the department's id.
func contestFixture(t *testing.T, db *sqlstore.DB, tenantCode, agencyCode string, c contest.Contest) (context.Context, *contest.Service, contest.Actor, contest.Contest, string, time.Time) {
	t.Helper()
	ctx := context.Background()
	ten := mustTenant(t, newService(db), tenantCode, agencyCode)
	now := time.Date(2026, 5, 1, 1, 0, 0, 0, time.UTC)
	svc := &contest.Service{Store: db.Contests(), Now: func() time.Time { return now }}
	a := contest.Actor{ID: "o1", Name: "pbgdpl"}
	c, err := svc.CreateContest(ctx, a, ten.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	return ctx, svc, a, c, ten.ID, now
}
