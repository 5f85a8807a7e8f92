package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/contest"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// correctPlace is the shown place of a question's key in an attempt.
func correctPlace(bank map[string]contest.Question, it contest.Item) int {
	for place, b := range it.Perm {
		if b == bank[it.QuestionID].Correct {
			return place
		}
	}
	return -1
}

// A round from registration to ranking on both engines: one person one
// entry, the server's clock refuses a late answer, an attempt is scored
// once and never after close, the key stays hidden until the ranking, a
// voided entry leaves the ranking.
func TestContestRoundFlow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-CT", "000.00.00.H82")
		now := time.Date(2026, 4, 1, 1, 0, 0, 0, time.UTC)
		svc := &contest.Service{Store: db.Contests(), Now: func() time.Time { return now }}
		a := contest.Actor{ID: "o1", Name: "pbgdpl"}
		c, err := svc.CreateContest(ctx, a, ten.ID, contest.Contest{Code: "tim-hieu-2026", Title: "Tìm hiểu pháp luật 2026",
			Units:  []contest.Unit{{Code: "29905", Name: "Phường Sa Đéc"}, {Code: "29908", Name: "Phường Cao Lãnh"}},
			Prizes: []contest.Prize{{Name: "Giải Nhất", Count: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CreateContest(ctx, a, ten.ID, contest.Contest{Code: "tim-hieu-2026", Title: "x"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("duplicate code: %v", err)
		}
		var qs []contest.Question
		for i := range 30 {
			qs = append(qs, contest.Question{Stem: fmt.Sprintf("Câu hỏi %d?", i), Options: []string{"A", "B", "C", "D"}, Correct: i % 4, Difficulty: 1 + i%3, Document: "Luật 14/2012/QH13", Article: "Điều 8"})
		}
		if err := svc.AddQuestions(ctx, a, ten.ID, c.ID, qs); err != nil {
			t.Fatal(err)
		}
		r, err := svc.AddRound(ctx, a, ten.ID, contest.Round{ContestID: c.ID, No: 1, Title: "Vòng 1", Mode: contest.Window,
			OpensAt: now, ClosesAt: now.Add(48 * time.Hour), TimeLimit: 20 * time.Minute, Questions: 10, Attempts: 2,
			Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore, contest.ByPrediction, contest.ByDuration, contest.BySubmitted},
			Prediction: contest.PredictAllCorrectPeople})
		if err != nil {
			t.Fatal(err)
		}
		units := func(u string) bool { return u == "29905" || u == "29908" }
		reg := func(phone, id string) (contest.Participant, error) {
			return svc.Register(ctx, c, ten.ID, units, contest.Registration{Phone: phone, Password: "mat-khau-123", FullName: "Nguyễn Văn An " + phone[len(phone)-2:],
				BirthDate: "05/09/1990", UnitCode: "29905", IDNumber: id})
		}
		p1, err := reg("0912345601", "082090000001")
		if err != nil {
			t.Fatal(err)
		}
		p2, err := reg("0912345602", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := reg("+84 912 345 601", ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("same phone twice: %v", err)
		}
		if _, err := reg("0912345609", "082090000001"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("same ID number twice: %v", err)
		}
		if _, err := svc.SignIn(ctx, ten.ID, c.ID, "0912345601", "sai"); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Fatalf("wrong password: %v", err)
		}
		if got, err := svc.SignIn(ctx, ten.ID, c.ID, "0912.345.601", "mat-khau-123"); err != nil || got.ID != p1.ID {
			t.Fatalf("sign in: %v", err)
		}

		bank := map[string]contest.Question{}
		all, _ := db.Contests().Questions(ctx, ten.ID, c.ID)
		for _, q := range all {
			bank[q.ID] = q
		}
		at1, err := svc.Start(ctx, c, ten.ID, r.ID, p1.ID, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Start(ctx, c, ten.ID, r.ID, p1.ID, "10.0.0.1"); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("second start while one is open: %v", err)
		}
		// Before the ranking the paper carries no key.
		_, _, paper, err := svc.Paper(ctx, c, ten.ID, p1.ID, at1.ID)
		if err != nil || len(paper) != 10 {
			t.Fatalf("paper: %v %d", err, len(paper))
		}
		for _, sh := range paper {
			if sh.Correct != -1 || sh.Explain != "" || sh.Article != "" {
				t.Fatal("the key was shown before the round closed")
			}
		}
		if _, _, _, err := svc.Paper(ctx, c, ten.ID, p2.ID, at1.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another person's paper: %v", err)
		}
		for pos, it := range at1.Layout {
			now = now.Add(30 * time.Second)
			if err := svc.Save(ctx, ten.ID, p1.ID, at1.ID, pos, (correctPlace(bank, it)+1)%4); err != nil { // wrong first
				t.Fatal(err)
			}
			if err := svc.Save(ctx, ten.ID, p1.ID, at1.ID, pos, correctPlace(bank, it)); err != nil { // then right
				t.Fatal(err)
			}
		}
		if err := svc.Save(ctx, ten.ID, p2.ID, at1.ID, 0, 0); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("saving into another person's attempt: %v", err)
		}
		if err := svc.Save(ctx, ten.ID, p1.ID, at1.ID, 10, 0); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a place outside the layout: %v", err)
		}
		pred := int64(1)
		done, err := svc.Submit(ctx, ten.ID, p1.ID, at1.ID, &pred, "10.0.0.1")
		if err != nil || done.Correct != 10 || done.Score != 10 {
			t.Fatalf("submit: %+v %v", done, err)
		}
		if _, err := svc.Submit(ctx, ten.ID, p1.ID, at1.ID, &pred, "10.0.0.1"); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("scored twice: %v", err)
		}
		if err := svc.Save(ctx, ten.ID, p1.ID, at1.ID, 0, 0); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("answer after submission: %v", err)
		}

		// p2 answers one question, then time runs out: a late answer is
		// refused, the saved one stays.
		at2, err := svc.Start(ctx, c, ten.ID, r.ID, p2.ID, "10.0.0.2")
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.Save(ctx, ten.ID, p2.ID, at2.ID, 0, correctPlace(bank, at2.Layout[0])); err != nil {
			t.Fatal(err)
		}
		now = at2.Deadline.Add(time.Second)
		if err := svc.Save(ctx, ten.ID, p2.ID, at2.ID, 1, correctPlace(bank, at2.Layout[1])); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("late answer: %v", err)
		}
		if _, _, err := svc.Close(ctx, a, c, ten.ID, r.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("ranked before close: %v", err)
		}
		now = r.ClosesAt.Add(time.Minute)
		ranked, n, err := svc.Close(ctx, a, c, ten.ID, r.ID)
		if err != nil || n != 2 || ranked.Actual != 1 {
			t.Fatalf("close: %d people, actual %d, %v", n, ranked.Actual, err)
		}
		if _, err := svc.Submit(ctx, ten.ID, p2.ID, at2.ID, nil, "10.0.0.2"); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("submitted after close: %v", err)
		}
		got, _ := db.Contests().Attempt(ctx, ten.ID, at2.ID)
		if got.State != contest.Expired || got.Correct != 1 || !got.SubmittedAt.Equal(at2.Deadline) {
			t.Fatalf("swept attempt %+v", got)
		}
		rows, err := db.Contests().Ranks(ctx, ten.ID, r.ID, 0, 10)
		if err != nil || len(rows) != 2 || rows[0].ParticipantID != p1.ID || rows[0].Prize != "Giải Nhất" || rows[0].Distance != 0 || rows[1].Rank != 2 {
			t.Fatalf("ranks %+v %v", rows, err)
		}
		if me, err := db.Contests().RankOf(ctx, ten.ID, r.ID, p2.ID); err != nil || me.Place != 2 {
			t.Fatalf("rank of p2 %+v %v", me, err)
		}
		_, _, paper, _ = svc.Paper(ctx, c, ten.ID, p1.ID, at1.ID)
		if paper[0].Correct != paper[0].Chosen || paper[0].Article != "Điều 8" {
			t.Fatalf("key after ranking %+v", paper[0])
		}
		if _, err := svc.Start(ctx, c, ten.ID, r.ID, p1.ID, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("start after close: %v", err)
		}
		// Voiding p1 ranks again: p2 first, the actual number drops.
		if err := svc.Void(ctx, a, c, ten.ID, at1.ID, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("void without reason: %v", err)
		}
		if err := svc.Void(ctx, a, c, ten.ID, at1.ID, "Trùng người dự thi"); err != nil {
			t.Fatal(err)
		}
		rows, _ = db.Contests().Ranks(ctx, ten.ID, r.ID, 0, 10)
		if len(rows) != 1 || rows[0].ParticipantID != p2.ID {
			t.Fatalf("after voiding %+v", rows)
		}
		st, err := db.Contests().Stats(ctx, ten.ID, r.ID)
		if err != nil || st.Participants != 2 || st.Attempts != 2 || st.Voided != 1 || st.Submitted != 1 || st.Histogram[1] != 1 {
			t.Fatalf("stats %+v %v", st, err)
		}
		if n, err := db.Contests().ContestAnswerCount(ctx, ten.ID, r.ID); err != nil || n != 11 {
			t.Fatalf("answers stored %d %v", n, err)
		}
		// Same name and birth date under two phones: flagged.
		dups, err := db.Contests().DuplicatePeople(ctx, ten.ID, c.ID)
		if err != nil || len(dups) != 0 {
			t.Fatalf("dups %v %v", dups, err)
		}
		if _, err := svc.Register(ctx, c, ten.ID, units, contest.Registration{Phone: "0987000001", Password: "mat-khau-123", FullName: "nguyen van an 01", BirthDate: "05/09/1990", UnitCode: "29908"}); err != nil {
			t.Fatal(err)
		}
		dups, _ = db.Contests().DuplicatePeople(ctx, ten.ID, c.ID)
		if len(dups) != 1 || len(dups[0]) != 2 {
			t.Fatalf("dups %+v", dups)
		}
		if cs, err := db.Contests().Contests(ctx, ten.ID); err != nil || len(cs) != 1 {
			t.Fatalf("contests %v", err)
		}
		if rs, err := db.Contests().Rounds(ctx, ten.ID, c.ID); err != nil || len(rs) != 1 || rs[0].RankedAt == nil {
			t.Fatalf("rounds %v", err)
		}
		if got, tid, err := db.Contests().ContestByCode(ctx, "tim-hieu-2026"); err != nil || tid != ten.ID || string(got.Secret) != string(c.Secret) {
			t.Fatalf("by code %v", err)
		}
		_ = contest.Token
	})
}
