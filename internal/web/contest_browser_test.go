package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuphap/internal/audit"
	"tuphap/internal/contest"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// TestContestOnPhone is a participant on a 390 × 844 phone (issue 23):
// registers on the contest's public page, starts the round, answers each
// question by tapping it (each answer saved as it is chosen, the page
// saying so), submits with a prediction, sees no result before the close,
// and after the organisers rank the round sees the score on the paper, the
// key marked, and their place in the results. The page never scrolls
// sideways. Screens are kept (TUPHAP_SCREENSHOTS).
func TestContestOnPhone(t *testing.T) {
	var now func() time.Time
	f := newFixture(t, sqlstore.SQLite, func(s *web.Server, db *sqlstore.DB) {
		enableContests(t, s, db, func() time.Time { return now() })
	})
	now = f.clock.Now
	ctx := context.Background()
	ten, err := f.orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-T", Name: "Sở Tư pháp tỉnh Đồng Tháp", AgencyID: "000.00.00.H29", ProvinceCode: "82"})
	if err != nil {
		t.Fatal(err)
	}
	svc := &contest.Service{Store: f.db.Contests(), Now: f.clock.Now}
	org := contest.Actor{Name: "pbgdpl"}
	f.clock.Set(time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC)) // 9:00 3/3/2026
	c, err := svc.CreateContest(ctx, org, ten.ID, contest.Contest{Code: "pbgdpl-2026", Title: "Tìm hiểu Luật Phổ biến, giáo dục pháp luật",
		ProvinceCode: "82", Prizes: []contest.Prize{{Name: "Giải Nhất", Count: 1}}, Rules: "Mỗi người thi một lượt; 5 câu hỏi trong 20 phút."})
	if err != nil {
		t.Fatal(err)
	}
	var qs []contest.Question
	for i := range 5 {
		qs = append(qs, contest.Question{Stem: fmt.Sprintf("Câu hỏi số %d về Luật Phổ biến, giáo dục pháp luật?", i+1),
			Options: []string{fmt.Sprintf("Đúng %d", i+1), "Sai", "Không quy định", "Tùy trường hợp"}, Correct: 0, Difficulty: 1,
			Document: "Luật Phổ biến, giáo dục pháp luật 14/2012/QH13", Article: fmt.Sprintf("Điều %d", i+1)})
	}
	if err := svc.AddQuestions(ctx, org, ten.ID, c.ID, qs); err != nil {
		t.Fatal(err)
	}
	r, err := svc.AddRound(ctx, org, ten.ID, contest.Round{ContestID: c.ID, No: 1, Title: "Tuần 1", Mode: contest.Window,
		OpensAt: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC), ClosesAt: time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC), TimeLimit: 20 * time.Minute,
		Questions: 5, Attempts: 1, Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore, contest.ByPrediction, contest.ByDuration},
		Prediction: contest.PredictAllCorrectPeople})
	if err != nil {
		t.Fatal(err)
	}

	b := newChrome(t, "cuoc-thi")
	b.do("a phone", chromedp.EmulateViewport(390, 844))
	base := f.srv.URL
	// The address as printed (without the final slash) leads to the page.
	b.do("the contest's page", chromedp.Navigate(base+"/thi/pbgdpl-2026"), chromedp.WaitVisible(chromedp.ID("dang-ky")))
	b.noSideScroll("the contest's page")
	b.shot("trang-cuoc-thi")
	b.do("register",
		chromedp.SendKeys(chromedp.CSS(`#dang-ky input[name=full_name]`), "Nguyễn Thị Hoa"),
		chromedp.SendKeys(chromedp.CSS(`#dang-ky input[name=birth_date]`), "15/08/1990"),
		chromedp.SendKeys(chromedp.CSS(`#dang-ky input[name=phone]`), "0912 345 678"),
		chromedp.SetValue(chromedp.CSS(`#dang-ky select[name=unit_code]`), "29905"),
		chromedp.SendKeys(chromedp.CSS(`#dang-ky input[name=password]`), "mat-khau-hoa"),
		chromedp.Submit(chromedp.CSS(`#dang-ky input[name=password]`)),
		chromedp.WaitVisible(chromedp.Search(`//button[contains(., "Bắt đầu làm bài")]`)))
	b.shot("da-dang-ky")
	b.do("start", chromedp.Click(chromedp.Search(`//button[contains(., "Bắt đầu làm bài")]`)), chromedp.WaitVisible(chromedp.ID("paper")))
	b.noSideScroll("the paper")
	b.shot("bai-thi")
	if strings.Contains(b.text("#paper"), "Điều ") {
		t.Error("the paper shows the key's article before the close")
	}
	// Tap an answer to each question: each is saved as it is chosen. The
	// right option is "Đúng n" wherever the draw put it; the last is
	// answered wrongly.
	for pos := range 5 {
		var pick string
		if pos < 4 {
			pick = fmt.Sprintf(`//fieldset[legend[normalize-space()="Câu %d"]]//label[span[contains(., "Đúng ")]]//input`, pos+1)
		} else {
			pick = fmt.Sprintf(`//fieldset[legend[normalize-space()="Câu %d"]]//label[span[contains(., "Sai")]]//input`, pos+1)
		}
		b.do(fmt.Sprintf("answer %d", pos+1), chromedp.Click(chromedp.Search(pick)),
			chromedp.WaitVisible(chromedp.Search(fmt.Sprintf(`//span[@id="save-status" and contains(., "Đã lưu câu %d.")]`, pos+1))))
	}
	b.shot("da-tra-loi")
	ps, err := f.db.Contests().ParticipantByPhone(ctx, ten.ID, c.ID, "0912345678")
	if err != nil {
		t.Fatal(err)
	}
	ats, err := f.db.Contests().AttemptsOf(ctx, ten.ID, r.ID, ps.ID)
	if err != nil || len(ats) != 1 {
		t.Fatalf("attempts: %v %v", ats, err)
	}
	if got, err := f.db.Contests().Answers(ctx, ten.ID, ats[0].ID); err != nil || len(got) != 5 {
		t.Fatalf("answers saved as chosen: %v %v", got, err)
	}
	b.do("submit", chromedp.SendKeys(chromedp.CSS(`#paper input[name=prediction]`), "1"),
		chromedp.Click(chromedp.CSS(`#paper button[value=submit]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(., "Bài đã nộp lúc")]`)))
	if s := b.text("main"); !strings.Contains(s, "công bố sau khi vòng thi kết thúc") {
		t.Errorf("after submitting: %q", s)
	}
	b.shot("da-nop")

	// After the close the organisers rank; the participant sees the result.
	f.clock.Set(time.Date(2026, 3, 8, 11, 0, 0, 0, time.UTC))
	if _, n, err := svc.Close(ctx, org, c, ten.ID, r.ID); err != nil || n != 1 {
		t.Fatalf("close: %d %v", n, err)
	}
	b.do("the paper after the close", chromedp.Navigate(base+"/thi/pbgdpl-2026/bai/"+ats[0].ID), chromedp.WaitVisible(chromedp.Search(`//p[contains(., "Kết quả:")]`)))
	if s := b.text("main"); !strings.Contains(s, "4/5") || !strings.Contains(s, "Căn cứ: Điều") {
		t.Errorf("the result on the paper: %q", s)
	}
	b.shot("ket-qua-bai")
	b.do("the results", chromedp.Navigate(base+"/thi/pbgdpl-2026/vong/"+r.ID+"/ket-qua"), chromedp.WaitVisible(chromedp.Search(`//p[contains(., "Thứ hạng của bạn")]`)))
	if s := b.text("main"); !strings.Contains(s, "Thứ hạng của bạn: 1") || !strings.Contains(s, "Giải Nhất") || !strings.Contains(s, "Tải giấy chứng nhận (PDF)") {
		t.Errorf("the results: %q", s)
	}
	// The winner's certificate is one tap away, a PDF (fetched with the
	// page's cookie: a headless browser would download it, not show it).
	b.do("the certificate", chromedp.WaitVisible(chromedp.Search(`//a[contains(., "Tải giấy chứng nhận")]`)))
	kind, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href$="/chung-nhan"]').href).then(r => r.headers.get("Content-Type"))`,
		chromedp.EvalAwaitPromise))
	if err != nil || kind != "application/pdf" {
		t.Errorf("the certificate is %q (%v)", kind, err)
	}
	b.noSideScroll("the results")
	b.shot("xep-hang")
}
