package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/petition"
)

var petitionTopics = map[petition.Kind][]string{
	petition.KindComplaint: {
		"Khiếu nại quyết định xử phạt vi phạm hành chính trong lĩnh vực hộ tịch",
		"Khiếu nại việc từ chối chứng thực hợp đồng chuyển nhượng quyền sử dụng đất",
		"Khiếu nại quyết định thu hồi giấy phép hoạt động văn phòng công chứng",
		"Khiếu nại việc không giải quyết yêu cầu cấp Phiếu lý lịch tư pháp đúng hạn",
		"Khiếu nại quyết định kỷ luật viên chức",
	},
	petition.KindDenunciation: {
		"Tố cáo công chức tư pháp xã nhũng nhiễu khi đăng ký khai sinh",
		"Tố cáo công chứng viên công chứng hợp đồng khi vắng mặt bên bán",
		"Tố cáo cán bộ nhận tiền để giải quyết hồ sơ nhanh",
	},
	petition.KindFeedback: {
		"Kiến nghị rút ngắn thời gian cấp bản sao trích lục hộ tịch",
		"Phản ánh Bộ phận Một cửa không niêm yết phí chứng thực",
		"Kiến nghị bổ sung trợ giúp pháp lý lưu động cho ấp vùng sâu",
		"Phản ánh cổng dịch vụ công lỗi khi thanh toán lệ phí",
	},
	petition.KindMixed: {"Đơn vừa khiếu nại vừa tố cáo việc giải quyết tranh chấp đất đai"},
}

// LoadPetitions fills a year of the citizen-reception book and petitions:
// the director's monthly reception days (one month missed, so the warning
// shows), group visits, petitions from every channel handled, accepted,
// resolved (a few late) or still open, a duplicate, an anonymous
// denunciation, and denunciations whose denouncers stay in the restricted
// store. It is deterministic.
func LoadPetitions(ctx context.Context, svc *petition.Service, tenantID string, now time.Time, out io.Writer) error {
	rng := rand.New(rand.NewPCG(20, 2026))
	a := petition.Actor{Name: "demo"}
	today := calendar.DateOf(now)
	start := today.AddDays(-365)
	name := func() string {
		return familyNames[rng.IntN(len(familyNames))] + " " + menNames[rng.IntN(len(menNames))]
	}
	missed := today.AddDays(-100)
	for m := calendar.NewDate(start.Year, start.Month, 15); m.Before(today); m = m.AddDays(30) {
		if m.Year == missed.Year && m.Month == missed.Month {
			continue
		}
		if _, err := svc.ScheduleDay(ctx, a, tenantID, petition.ScheduledDay{Day: m, Kind: petition.VisitDirector, Host: "Giám đốc Sở", Place: "Trụ sở tiếp công dân"}); err != nil {
			return err
		}
		n := 1 + rng.IntN(12)
		reps := []string{name()}
		if n >= 5 {
			reps = append(reps, name())
		}
		if _, err := svc.RecordVisit(ctx, a, tenantID, petition.Visit{Day: m, Kind: petition.VisitDirector, ReceivedBy: "Giám đốc Sở",
			Visitor: reps[0], Address: "Ấp " + fmt.Sprint(1+rng.IntN(9)), GroupSize: n, Representatives: reps,
			Content: petitionTopics[petition.KindComplaint][rng.IntN(5)], Documents: "Đơn, bản sao quyết định",
			FollowUp: "Hướng dẫn gửi đơn khiếu nại; chuyển Thanh tra Sở tham mưu"}); err != nil {
			return err
		}
	}
	kinds := []petition.Kind{petition.KindComplaint, petition.KindComplaint, petition.KindComplaint, petition.KindDenunciation, petition.KindFeedback, petition.KindFeedback, petition.KindMixed}
	count := 0
	for i := 0; i < 120; i++ {
		k := kinds[rng.IntN(len(kinds))]
		rec := start.AddDays(rng.IntN(360))
		topic := petitionTopics[k][rng.IntN(len(petitionTopics[k]))]
		in := petition.Intake{Petition: petition.Petition{Kind: k, Channel: petition.Channels[rng.IntN(len(petition.Channels))], Field: "justice",
			ReceivedOn: rec, Summary: topic}}
		if in.Channel == petition.ChannelForwarded {
			in.ForwardedFrom = "Ban Tiếp công dân tỉnh"
		}
		who := petition.Person{FullName: name(), Address: "Ấp " + fmt.Sprint(1+rng.IntN(9)) + ", xã Tân Phú"}
		switch {
		case k == petition.KindDenunciation && i%9 == 0:
			// anonymous
		case k == petition.KindDenunciation:
			in.Identity = petition.Identity{Person: who}
		default:
			in.Petitioner = who
		}
		if k == petition.KindComplaint && rng.IntN(4) == 0 {
			in.Instance = 2
		}
		rc, err := svc.Receive(ctx, a, tenantID, in)
		if err != nil {
			return err
		}
		count++
		p := rc.Petition
		decideOn := rec.AddDays(1 + rng.IntN(6))
		if decideOn.After(today) || rng.IntN(10) == 0 {
			continue // still waiting
		}
		h := petition.HandleAccept
		switch {
		case k == petition.KindMixed:
			h = petition.HandleGuide
		case p.Anonymous:
			h = petition.HandleFile
		case rng.IntN(4) == 0:
			h = petition.HandleForward
		}
		if _, err := svc.Decide(ctx, a, tenantID, p.ID, petition.Decision{Handling: h, On: decideOn, ForwardTo: "Ủy ban nhân dân xã Tân Phú"}); err != nil {
			return err
		}
		if h != petition.HandleAccept {
			continue
		}
		if rng.IntN(5) == 0 {
			if _, _, err := svc.Act(ctx, a, tenantID, p.ID, petition.Step{Action: "complex", On: decideOn, Grounds: []int{0, 1},
				Text: "Phải xác minh tại hai xã; đơn có hai nội dung"}); err != nil {
				return err
			}
		}
		done := decideOn.AddDays(15 + rng.IntN(45))
		if done.After(today) {
			continue // in progress
		}
		if k == petition.KindComplaint && in.Instance == 2 {
			notice := done.AddDays(-9)
			if notice.Before(decideOn) {
				notice = decideOn
			}
			if _, _, err := svc.Act(ctx, a, tenantID, p.ID, petition.Step{Action: "dialogue", On: notice.AddDays(5), NoticeOn: &notice,
				Text: "Các bên trình bày; người khiếu nại giữ nguyên nội dung khiếu nại"}); err != nil {
				return err
			}
			if done.Before(notice.AddDays(5)) {
				done = notice.AddDays(5)
			}
		}
		concl := []petition.Conclusion{petition.ConclusionRight, petition.ConclusionWrong, petition.ConclusionWrong, petition.ConclusionPartly}[rng.IntN(4)]
		var amount int64
		if concl != petition.ConclusionWrong && rng.IntN(2) == 0 {
			amount = int64(1+rng.IntN(20)) * 1_000_000
		}
		if _, _, err := svc.Act(ctx, a, tenantID, p.ID, petition.Step{Action: "resolve", On: done, Conclusion: concl, AmountVND: amount,
			DecisionNo: fmt.Sprintf("%d/QĐ-STP", 100+i), Text: "Đã xem xét, xác minh và kết luận: " + concl.Name() + "."}); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "Đã nạp sổ tiếp công dân và %d đơn khiếu nại, tố cáo, kiến nghị phản ánh mẫu.\n", count)
	return nil
}
