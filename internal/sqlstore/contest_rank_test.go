package sqlstore_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"testing"
	"time"

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
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-RK", "000.00.00.H83")
		now := time.Date(2026, 5, 1, 1, 0, 0, 0, time.UTC)
		svc := &contest.Service{Store: db.Contests(), Now: func() time.Time { return now }}
		a := contest.Actor{ID: "o1", Name: "pbgdpl"}
		prizes := []contest.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 3}, {Name: "Giải Ba", Count: 5}}
		c, err := svc.CreateContest(ctx, a, ten.ID, contest.Contest{Code: "xep-hang-ngau-nhien", Title: "Xếp hạng", Prizes: prizes})
		if err != nil {
			t.Fatal(err)
		}
		chains := [][]contest.TieKey{
			{contest.ByScore, contest.ByPrediction, contest.ByDuration, contest.BySubmitted},
			{contest.ByScore, contest.ByDuration},
			{contest.ByScore, contest.ByPrediction},
		}
		counts := []contest.Counts{contest.CountBest, contest.CountFirst, contest.CountLast}
		for k := range 3 {
			rng := mrand.New(mrand.NewPCG(uint64(k), 23))
			r, err := svc.AddRound(ctx, a, ten.ID, contest.Round{ContestID: c.ID, No: k + 1, Title: fmt.Sprintf("Vòng %d", k+1), Mode: contest.Window,
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
			if err := db.Contests().InsertParticipants(ctx, ten.ID, ps); err != nil {
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
			if err := db.Contests().InsertAttempts(ctx, ten.ID, as); err != nil {
				t.Fatal(err)
			}
			voided := map[string]bool{}
			for i := 0; i < 10; i++ {
				id := as[rng.IntN(len(as))].ID
				if voided[id] {
					continue
				}
				voided[id] = true
				if err := db.Contests().TransactContest(ctx, func(tx contest.Tx) error { return tx.Void(ctx, ten.ID, id, "thử") }); err != nil {
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

			closed, n, err := svc.Close(ctx, a, c, ten.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(want) || closed.Actual != actual {
				t.Fatalf("round %d: %d rows, actual %d; want %d rows, actual %d", k, n, closed.Actual, len(want), actual)
			}
			got, err := db.Contests().Ranks(ctx, ten.ID, r.ID, 0, len(want)+10)
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
		}
	})
}

// StartPaper returns the paper as drawn, without reading it back: it is
// the paper Paper reads from the database, and the start's rules hold (one
// open attempt, the attempt limit), on both engines.
func TestContestStartPaperIsThePaperStored(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-SP", "000.00.00.H84")
		now := time.Date(2026, 5, 1, 1, 0, 0, 0, time.UTC)
		svc := &contest.Service{Store: db.Contests(), Now: func() time.Time { return now }}
		a := contest.Actor{ID: "o1", Name: "pbgdpl"}
		c, err := svc.CreateContest(ctx, a, ten.ID, contest.Contest{Code: "vao-thi-nhanh", Title: "Vào thi"})
		if err != nil {
			t.Fatal(err)
		}
		var qs []contest.Question
		for i := range 40 {
			qs = append(qs, contest.Question{Stem: fmt.Sprintf("Câu %d?", i), Options: []string{"A", "B", "C", "D"}, Correct: i % 4, Difficulty: 1 + i%3})
		}
		if err := svc.AddQuestions(ctx, a, ten.ID, c.ID, qs); err != nil {
			t.Fatal(err)
		}
		r, err := svc.AddRound(ctx, a, ten.ID, contest.Round{ContestID: c.ID, No: 1, Title: "Ca 1", Mode: contest.Window,
			OpensAt: now, ClosesAt: now.Add(2 * time.Hour), TimeLimit: 10 * time.Minute, Questions: 12, Attempts: 1,
			Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore}, Prediction: contest.PredictNone})
		if err != nil {
			t.Fatal(err)
		}
		p := contest.Participant{ID: "p-1", ContestID: c.ID, Phone: "0912000001", FullName: "Trần Thị Bình", BirthDate: time.Date(1995, 3, 4, 0, 0, 0, 0, time.UTC),
			UnitCode: "29905", PassHash: "-", RegisteredAt: now}
		if err := db.Contests().InsertParticipants(ctx, ten.ID, []contest.Participant{p}); err != nil {
			t.Fatal(err)
		}
		at, items, err := svc.StartPaper(ctx, c, ten.ID, r.ID, p.ID, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		_, _, stored, err := svc.Paper(ctx, c, ten.ID, p.ID, at.ID)
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
		if _, _, err := svc.StartPaper(ctx, c, ten.ID, r.ID, p.ID, "10.0.0.1"); err == nil {
			t.Fatal("a second start of a one-attempt round was taken")
		}
		now = now.Add(3 * time.Hour)
		if _, _, err := svc.StartPaper(ctx, c, ten.ID, r.ID, p.ID, "10.0.0.1"); err == nil {
			t.Fatal("a start after the close was taken")
		}
	})
}
