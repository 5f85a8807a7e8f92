package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/contest"
	"tuphap/internal/vnfmt"
)

// The seeds' online contest (002): "66.475 lượt thí sinh". The demo's
// contest has two closed rounds with that many valid entries between them,
// by DemoContestPeople people (some sat a round twice, the better attempt
// counting), and a round open now that visitors can sit.
const (
	DemoContestEntries = 66475
	DemoContestPeople  = 53180
	DemoContestCode    = "tim-hieu-phap-luat"
)

// ContestBulk stores finished participants and attempts at once (the
// contest store's bulk inserts, used by the bench and the demo).
type ContestBulk interface {
	InsertParticipants(ctx context.Context, tenantID string, ps []contest.Participant) error
	InsertAttempts(ctx context.Context, tenantID string, as []contest.Attempt) error
}

// demoQuestions is the demo contest's bank: questions on the laws the
// department disseminates, each with the article it comes from.
var demoQuestions = []contest.Question{
	{Stem: "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam là ngày nào?", Options: []string{"Ngày 09 tháng 11 hằng năm", "Ngày 02 tháng 9 hằng năm", "Ngày 28 tháng 11 hằng năm", "Ngày 01 tháng 7 hằng năm"}, Correct: 0, Difficulty: 1, Document: "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13", Article: "Điều 8"},
	{Stem: "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13 có hiệu lực từ ngày nào?", Options: []string{"01/7/2012", "01/01/2013", "01/01/2014", "09/11/2013"}, Correct: 1, Difficulty: 2, Document: "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13", Article: "Điều 48"},
	{Stem: "Theo Luật Hòa giải ở cơ sở, mỗi tổ hòa giải có ít nhất bao nhiêu hòa giải viên?", Options: []string{"02 hòa giải viên", "03 hòa giải viên", "05 hòa giải viên", "07 hòa giải viên"}, Correct: 1, Difficulty: 1, Document: "Luật Hòa giải ở cơ sở số 35/2013/QH13", Article: "Điều 12"},
	{Stem: "Luật Hòa giải ở cơ sở số 35/2013/QH13 có hiệu lực từ ngày nào?", Options: []string{"01/01/2014", "01/7/2014", "01/01/2013", "20/6/2013"}, Correct: 0, Difficulty: 2, Document: "Luật Hòa giải ở cơ sở số 35/2013/QH13", Article: "Điều 33"},
	{Stem: "Theo Luật Hòa giải ở cơ sở, ai ra quyết định công nhận hòa giải viên?", Options: []string{"Trưởng thôn, tổ trưởng tổ dân phố", "Chủ tịch Ủy ban nhân dân cấp xã", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã", "Giám đốc Sở Tư pháp"}, Correct: 1, Difficulty: 2, Document: "Luật Hòa giải ở cơ sở số 35/2013/QH13", Article: "Điều 8"},
	{Stem: "Luật Trợ giúp pháp lý số 11/2017/QH14 có hiệu lực từ ngày nào?", Options: []string{"01/7/2017", "01/01/2018", "01/7/2018", "01/01/2019"}, Correct: 1, Difficulty: 2, Document: "Luật Trợ giúp pháp lý số 11/2017/QH14", Article: "Điều 46"},
	{Stem: "Người nào sau đây thuộc diện được trợ giúp pháp lý?", Options: []string{"Người có công với cách mạng", "Mọi người dân có yêu cầu", "Doanh nghiệp nhỏ và vừa", "Người nước ngoài đi du lịch tại Việt Nam"}, Correct: 0, Difficulty: 1, Document: "Luật Trợ giúp pháp lý số 11/2017/QH14", Article: "Điều 7"},
	{Stem: "Theo Luật Hôn nhân và gia đình năm 2014, nam được kết hôn khi đủ bao nhiêu tuổi?", Options: []string{"Từ đủ 18 tuổi trở lên", "Từ đủ 19 tuổi trở lên", "Từ đủ 20 tuổi trở lên", "Từ đủ 21 tuổi trở lên"}, Correct: 2, Difficulty: 1, Document: "Luật Hôn nhân và gia đình số 52/2014/QH13", Article: "Điều 8"},
	{Stem: "Theo Luật Hôn nhân và gia đình năm 2014, nữ được kết hôn khi đủ bao nhiêu tuổi?", Options: []string{"Từ đủ 16 tuổi trở lên", "Từ đủ 17 tuổi trở lên", "Từ đủ 18 tuổi trở lên", "Từ đủ 20 tuổi trở lên"}, Correct: 2, Difficulty: 1, Document: "Luật Hôn nhân và gia đình số 52/2014/QH13", Article: "Điều 8"},
	{Stem: "Theo Bộ luật Dân sự năm 2015, người thành niên là người từ đủ bao nhiêu tuổi trở lên?", Options: []string{"16 tuổi", "18 tuổi", "20 tuổi", "21 tuổi"}, Correct: 1, Difficulty: 1, Document: "Bộ luật Dân sự số 91/2015/QH13", Article: "Điều 20"},
	{Stem: "Theo Luật Trẻ em năm 2016, trẻ em là người dưới bao nhiêu tuổi?", Options: []string{"Dưới 15 tuổi", "Dưới 16 tuổi", "Dưới 18 tuổi", "Dưới 14 tuổi"}, Correct: 1, Difficulty: 1, Document: "Luật Trẻ em số 102/2016/QH13", Article: "Điều 1"},
	{Stem: "Theo Luật Thanh niên năm 2020, thanh niên là công dân Việt Nam ở độ tuổi nào?", Options: []string{"Từ đủ 15 tuổi đến 30 tuổi", "Từ đủ 16 tuổi đến 30 tuổi", "Từ đủ 18 tuổi đến 35 tuổi", "Từ đủ 16 tuổi đến 35 tuổi"}, Correct: 1, Difficulty: 2, Document: "Luật Thanh niên số 57/2020/QH14", Article: "Điều 1"},
	{Stem: "Luật Căn cước số 26/2023/QH15 có hiệu lực từ ngày nào?", Options: []string{"01/01/2024", "01/7/2024", "15/8/2024", "01/01/2025"}, Correct: 1, Difficulty: 2, Document: "Luật Căn cước số 26/2023/QH15", Article: "Điều 46"},
	{Stem: "Luật Đất đai số 31/2024/QH15 có hiệu lực thi hành từ ngày nào?", Options: []string{"01/01/2025", "01/7/2024", "01/8/2024", "18/01/2024"}, Correct: 2, Difficulty: 2, Document: "Luật Đất đai số 31/2024/QH15", Article: "Điều 252"},
	{Stem: "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 có hiệu lực từ ngày nào?", Options: []string{"01/7/2024", "01/01/2025", "01/7/2025", "27/6/2024"}, Correct: 1, Difficulty: 2, Document: "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15", Article: "Điều 88"},
	{Stem: "Luật Phòng, chống bạo lực gia đình số 13/2022/QH15 có hiệu lực từ ngày nào?", Options: []string{"01/01/2023", "01/7/2023", "14/11/2022", "01/01/2024"}, Correct: 1, Difficulty: 2, Document: "Luật Phòng, chống bạo lực gia đình số 13/2022/QH15", Article: "Điều 56"},
	{Stem: "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 có hiệu lực từ ngày nào?", Options: []string{"01/7/2023", "01/01/2023", "10/11/2022", "01/7/2022"}, Correct: 0, Difficulty: 3, Document: "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15", Article: "Điều 91"},
	{Stem: "Luật Bảo vệ quyền lợi người tiêu dùng số 19/2023/QH15 có hiệu lực từ ngày nào?", Options: []string{"01/01/2024", "01/7/2024", "20/6/2023", "01/7/2023"}, Correct: 1, Difficulty: 3, Document: "Luật Bảo vệ quyền lợi người tiêu dùng số 19/2023/QH15", Article: "Điều 80"},
	{Stem: "Luật Phòng, chống ma túy số 73/2021/QH14 có hiệu lực từ ngày nào?", Options: []string{"01/7/2021", "01/01/2022", "30/3/2021", "01/7/2022"}, Correct: 1, Difficulty: 3, Document: "Luật Phòng, chống ma túy số 73/2021/QH14", Article: "Điều 55"},
	{Stem: "Theo Luật Khiếu nại năm 2011, thời hiệu khiếu nại là bao nhiêu ngày kể từ ngày nhận được hoặc biết được quyết định hành chính, hành vi hành chính?", Options: []string{"30 ngày", "60 ngày", "90 ngày", "180 ngày"}, Correct: 2, Difficulty: 2, Document: "Luật Khiếu nại số 02/2011/QH13", Article: "Điều 9"},
	{Stem: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013 được Quốc hội thông qua ngày nào?", Options: []string{"28/11/2013", "09/11/2013", "01/01/2014", "02/9/2013"}, Correct: 0, Difficulty: 2, Document: "Hiến pháp năm 2013", Article: "Điều 120"},
	{Stem: "Luật Tiếp cận thông tin số 104/2016/QH13 có hiệu lực từ ngày nào?", Options: []string{"01/7/2017", "01/01/2018", "01/7/2018", "06/4/2016"}, Correct: 2, Difficulty: 3, Document: "Luật Tiếp cận thông tin số 104/2016/QH13", Article: "Điều 37"},
	{Stem: "Theo Luật Hòa giải ở cơ sở, hòa giải viên phải là người như thế nào?", Options: []string{"Công chức tư pháp - hộ tịch cấp xã", "Công dân Việt Nam thường trú tại cơ sở, tự nguyện tham gia hòa giải", "Luật sư hoặc luật gia", "Người có bằng cử nhân luật"}, Correct: 1, Difficulty: 2, Document: "Luật Hòa giải ở cơ sở số 35/2013/QH13", Article: "Điều 7"},
	{Stem: "Ai là người chịu trách nhiệm phổ biến, giáo dục pháp luật cho các thành viên trong gia đình?", Options: []string{"Chủ tịch Ủy ban nhân dân cấp xã", "Trưởng thôn", "Ông, bà, cha, mẹ và các thành viên trong gia đình", "Nhà trường"}, Correct: 2, Difficulty: 2, Document: "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13", Article: "Điều 33"},
}

// ContestYear is the year of the demo's contest loaded on day now: this
// year once its October round has closed and been ranked, else last year.
func ContestYear(now time.Time) int {
	today := dateOnly(now)
	if today.Before(time.Date(today.Year(), 11, 15, 0, 0, 0, 0, time.UTC)) {
		return today.Year() - 1
	}
	return today.Year()
}

// LoadContest creates the demo province's online legal-knowledge contest
// for the year: two rounds of a month each (April and October, the MoJ
// 2021 pattern) closed and ranked, with DemoContestEntries valid entries by
// DemoContestPeople people of the province's communes, and a third round
// open from a few days ago to the end of the month for visitors to sit.
// The closed rounds' entries are stored at once (ContestBulk, as the
// bench's national round is); everything else goes through the service.
// It is deterministic apart from the identifiers.
func LoadContest(ctx context.Context, svc *contest.Service, bulk ContestBulk, tenantID, province string, communes []string, now time.Time, out io.Writer) error {
	if len(communes) == 0 {
		return fmt.Errorf("demo: province %s has no communes", province)
	}
	rng := rand.New(rand.NewPCG(25, 2026))
	today := dateOnly(now)
	year := ContestYear(now)
	a := contest.Actor{Name: "demo"}
	svc.Now = func() time.Time { return now }
	c, err := svc.CreateContest(ctx, a, tenantID, contest.Contest{
		Code:         DemoContestCode,
		Title:        fmt.Sprintf("Cuộc thi trực tuyến tìm hiểu pháp luật năm %d", year),
		LegalBasis:   fmt.Sprintf("Kế hoạch số 45/KH-HĐPH ngày 15/3/%d của Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh", year),
		Organiser:    "Sở Tư pháp (Cơ quan thường trực Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh)",
		ProvinceCode: province,
		Rules: "Mỗi vòng thi gồm 10 câu hỏi trắc nghiệm chọn ngẫu nhiên và một câu hỏi dự đoán số người trả lời đúng tất cả các câu hỏi; " +
			"thời gian làm bài 15 phút; mỗi người được thi 2 lượt mỗi vòng, lượt có kết quả cao nhất được tính. " +
			"Xếp giải theo thứ tự: số câu trả lời đúng, dự đoán gần đúng nhất, thời gian làm bài ngắn nhất, thời điểm nộp bài sớm nhất.",
		Prizes: []contest.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 2}, {Name: "Giải Ba", Count: 3}, {Name: "Giải Khuyến khích", Count: 10}},
	})
	if err != nil {
		return err
	}
	if err := svc.AddQuestions(ctx, a, tenantID, c.ID, append([]contest.Question(nil), demoQuestions...)); err != nil {
		return err
	}
	chain := []contest.TieKey{contest.ByScore, contest.ByPrediction, contest.ByDuration, contest.BySubmitted}
	round := func(no int, title string, opens, closes time.Time) (contest.Round, error) {
		return svc.AddRound(ctx, a, tenantID, contest.Round{ContestID: c.ID, No: no, Title: title, Mode: contest.Window,
			OpensAt: opens, ClosesAt: closes, TimeLimit: 15 * time.Minute, Questions: 10, Attempts: 2, Counts: contest.CountBest,
			Chain: chain, Prediction: contest.PredictAllCorrectPeople, MinSecondsPerQuestion: 3})
	}
	vn := func(y int, m time.Month, d, h int) time.Time {
		return time.Date(y, m, d, h, 0, 0, 0, contest.Zone).UTC()
	}
	r1, err := round(1, "Vòng 1 (tháng 4)", vn(year, 4, 1, 8), vn(year, 4, 30, 17))
	if err != nil {
		return err
	}
	r2, err := round(2, "Vòng 2 (tháng 10)", vn(year, 10, 1, 8), vn(year, 10, 31, 17))
	if err != nil {
		return err
	}
	opens := today.AddDate(0, 0, -3)
	if _, err := round(3, "Vòng thi thử (đang mở)", vn(opens.Year(), opens.Month(), opens.Day(), 8), vn(opens.Year(), opens.Month(), opens.Day(), 17).AddDate(0, 0, 28)); err != nil {
		return err
	}

	// People 0..24.999 sit round 1, people 20.000..53.179 round 2; some
	// sit twice so that the two rounds hold DemoContestEntries attempts.
	people := make([]contest.Participant, DemoContestPeople)
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"}
	given := []string{"Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hà", "Văn Hùng", "Thu Hương", "Đức Long", "Thị Mai", "Văn Nam", "Thanh Tâm", "Ngọc Lan"}
	for i := range people {
		people[i] = contest.Participant{ID: uuid.NewString(), ContestID: c.ID, Phone: fmt.Sprintf("08%08d", i),
			FullName:  family[rng.IntN(len(family))] + " " + given[rng.IntN(len(given))],
			BirthDate: time.Date(1960+rng.IntN(48), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC),
			UnitCode:  communes[min(len(communes)-1, int(rng.ExpFloat64()*float64(len(communes))/3))],
			PassHash:  "-", RegisteredAt: r1.OpensAt}
	}
	for from := 0; from < len(people); from += 5000 {
		if err := bulk.InsertParticipants(ctx, tenantID, people[from:min(from+5000, len(people))]); err != nil {
			return err
		}
	}
	const (
		r1People, r1Entries = 25000, 31204
		r2From, r2Entries   = 20000, DemoContestEntries - r1Entries
	)
	sit := func(r contest.Round, first, persons, entries int) error {
		as := make([]contest.Attempt, 0, entries)
		window := r.ClosesAt.Sub(r.OpensAt) - r.TimeLimit
		for k := range entries {
			p := people[first+k%persons]
			start := r.OpensAt.Add(time.Duration(rng.Int64N(int64(window))))
			sub := start.Add(time.Duration(90+rng.IntN(800)) * time.Second)
			correct := 10 - min(10, int(rng.ExpFloat64()*2))
			at := contest.Attempt{ID: uuid.NewString(), RoundID: r.ID, ParticipantID: p.ID, UnitCode: p.UnitCode, No: 1 + k/persons,
				StartedAt: start, Deadline: start.Add(r.TimeLimit), State: contest.Submitted, SubmittedAt: &sub, Correct: correct, Score: correct}
			if rng.IntN(4) > 0 {
				guess := int64(rng.IntN(persons / 2))
				at.Prediction = &guess
			}
			as = append(as, at)
		}
		for from := 0; from < len(as); from += 5000 {
			if err := bulk.InsertAttempts(ctx, tenantID, as[from:min(from+5000, len(as))]); err != nil {
				return err
			}
		}
		_, _, err := svc.Close(ctx, a, c, tenantID, r.ID)
		return err
	}
	if err := sit(r1, 0, r1People, r1Entries); err != nil {
		return err
	}
	if err := sit(r2, r2From, DemoContestPeople-r2From, r2Entries); err != nil {
		return err
	}
	fmt.Fprintf(out, "Đã nạp cuộc thi trực tuyến tìm hiểu pháp luật năm %d: %s lượt dự thi của %s người ở hai vòng đã xếp hạng, một vòng đang mở tại /thi/%s/.\n",
		year, vnfmt.Int(DemoContestEntries), vnfmt.Int(DemoContestPeople), DemoContestCode)
	return nil
}
