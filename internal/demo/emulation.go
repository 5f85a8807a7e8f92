package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"tuphap/internal/emulation"
)

// LoadEmulation fills the demo department's year of emulation and
// commendation through the real service (so every rule applies): the
// year's movement with its theme and criteria (seed 003) and the
// divisions' registrations; the CCHC plan with one division that misses a
// task (so the rule of seed 002 shows); evaluations, proposals and
// decisions; the four "Dân vận khéo" models of seed 000 and two more; the
// self-assessment with its evidence. It is deterministic.
func LoadEmulation(ctx context.Context, svc *emulation.Service, tenantID string, now time.Time, out io.Writer) error {
	rng := rand.New(rand.NewPCG(24, 2026))
	today := dateOnly(now)
	year := today.Year()
	svc.Now = func() time.Time { return today }
	a := emulation.Actor{Name: "demo"}
	day := func(m, d int) time.Time {
		t := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.After(today) {
			return today
		}
		return t
	}
	mv, err := svc.SaveMovement(ctx, tenantID, a, emulation.Movement{
		Name:  fmt.Sprintf("Phong trào thi đua yêu nước ngành Tư pháp năm %d", year),
		Theme: "Ngành Tư pháp tỉnh đoàn kết, kỷ cương, trách nhiệm, hành động, sáng tạo, thực hiện thắng lợi nhiệm vụ chính trị được giao",
		Criteria: "Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn được giao đúng tiến độ\n" +
			"Tỷ lệ hồ sơ thủ tục hành chính giải quyết trước hạn, đúng hạn từ 98% trở lên\n" +
			"Hoàn thành các nhiệm vụ của Kế hoạch cải cách hành chính\n" +
			"Xây dựng ít nhất một mô hình \"Dân vận khéo\" mỗi phòng, đơn vị",
		Kind: "regular", DecisionNo: fmt.Sprintf("05/KH-STP ngày 10/01/%d", year),
		From: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	divisions := []string{"Văn phòng Sở", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp",
		"Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", "Phòng Phổ biến, giáo dục pháp luật", "Thanh tra Sở"}
	for _, d := range divisions {
		if _, err := svc.Register(ctx, tenantID, a, emulation.Registration{MovementID: mv.ID, Kind: emulation.Collective, Name: d, Pledge: emulation.TapTheLDXS, RegisteredOn: day(1, 20)}); err != nil {
			return err
		}
	}
	// The CCHC plan: two tasks a division; the legislation division misses
	// its review of documents (not done by 30/6), so it is not considered.
	tasks := []struct {
		area, name, owner, product string
		m, d                       int
		done                       int // days after the due day it was done (negative: early); 99: not done
	}{
		{emulation.ParAreas[0], "Ban hành Kế hoạch CCHC năm của Sở", "Văn phòng Sở", "Kế hoạch CCHC", 1, 31, -5},
		{emulation.ParAreas[0], "Báo cáo CCHC quý, 6 tháng", "Văn phòng Sở", "Báo cáo", 6, 15, -2},
		{emulation.ParAreas[2], "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch", "Phòng Hành chính tư pháp", "Phương án đơn giản hóa", 3, 31, -3},
		{emulation.ParAreas[6], "Số hóa hồ sơ, kết quả giải quyết TTHC lĩnh vực chứng thực", "Phòng Hành chính tư pháp", "Kết quả số hóa", 9, 30, -10},
		{emulation.ParAreas[2], "Công khai TTHC lĩnh vực công chứng, luật sư", "Phòng Bổ trợ tư pháp", "Danh mục TTHC công khai", 2, 28, 0},
		{emulation.ParAreas[1], "Rà soát văn bản quy phạm pháp luật của tỉnh", "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", "Báo cáo rà soát", 6, 30, 99},
		{emulation.ParAreas[1], "Kiểm tra văn bản QPPL của HĐND, UBND cấp xã", "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", "Kết luận kiểm tra", 10, 31, -20},
		{emulation.ParAreas[7], "Tuyên truyền về CCHC trên Cổng thông tin của Sở", "Phòng Phổ biến, giáo dục pháp luật", "Tin, bài", 11, 30, -15},
		{emulation.ParAreas[4], "Kiểm tra công vụ, kỷ luật, kỷ cương hành chính", "Thanh tra Sở", "Kết luận kiểm tra", 8, 31, -4},
	}
	for _, tk := range tasks {
		due := time.Date(year, time.Month(tk.m), tk.d, 0, 0, 0, 0, time.UTC)
		t := emulation.Task{Year: year, Area: tk.area, Name: tk.name, Owner: tk.owner, Product: tk.product, Due: due}
		if tk.done != 99 {
			if d := due.AddDate(0, 0, tk.done); !d.After(today) {
				t.DoneOn = &d
			}
		}
		t, err := svc.SaveTask(ctx, tenantID, a, t)
		if err != nil {
			return err
		}
		q := (tk.m-1)/3 + 1
		if !due.After(today) {
			if _, err := svc.ReviewTask(ctx, tenantID, a, t.ID, q, map[bool]int{true: 100, false: 60}[t.DoneOn != nil], "Kiểm tra tiến độ quý", nil); err != nil {
				return err
			}
		}
	}
	// Evaluations: the divisions and four people each.
	first := []string{"Nguyễn Thị Thu", "Trần Văn Hậu", "Lê Minh Châu", "Phạm Ngọc Ánh", "Võ Thanh Tùng", "Huỳnh Kim Ngân", "Đặng Quốc Bảo", "Bùi Thị Yến"}
	award := func(e emulation.Evaluation, code emulation.TitleCode, on time.Time, no string) error {
		if _, unmet, _ := svc.Eligible(e, code); len(unmet) > 0 {
			return nil
		}
		p, err := svc.Propose(ctx, tenantID, a, e.ID, code, "Hoàn thành xuất sắc nhiệm vụ năm")
		if err != nil {
			return err
		}
		if no == "" {
			return nil // left proposed
		}
		_, err = svc.Decide(ctx, tenantID, a, p.ID, true, no, on, "")
		return err
	}
	for i, d := range divisions {
		members := 5 + rng.IntN(4)
		e, err := svc.Evaluate(ctx, tenantID, a, emulation.Evaluation{Year: year, Kind: emulation.Collective, Name: d,
			Rating: emulation.Excellent, Members: members, MembersLDTT: members - rng.IntN(2), MembersCSTD: 1})
		if err != nil {
			return err
		}
		code := emulation.TapTheLDXS
		if i%2 == 1 {
			code = emulation.TapTheLDTT
		}
		if err := award(e, code, day(12, 5), fmt.Sprintf("%d/QĐ-STP", 300+i)); err != nil {
			return err
		}
		for j := 0; j < 4; j++ {
			rating := emulation.Good
			if j == 0 {
				rating = emulation.Excellent
			}
			p, err := svc.Evaluate(ctx, tenantID, a, emulation.Evaluation{Year: year, Kind: emulation.Individual, Name: first[(i*4+j)%len(first)] + fmt.Sprintf(" (%s)", string(rune('A'+i))),
				Unit: d, Rating: rating, Initiative: j == 0, ConsecutiveCSTD: map[bool]int{true: 1 + i%3}[j == 0]})
			if err != nil {
				return err
			}
			code, no := emulation.LDTT, fmt.Sprintf("%d/QĐ-STP", 320+i)
			if j == 0 {
				code = emulation.CSTDCoSo
			}
			if i == 5 && j == 3 {
				no = "" // one proposal still waiting for its decision
			}
			if err := award(p, code, day(12, 5), no); err != nil {
				return err
			}
		}
	}
	// "Dân vận khéo" models (seed 000) and two more.
	models := []struct{ name, unit, field, content, results string }{
		{"“Khéo” trong thực hiện đăng ký khai sinh, kết hôn lưu động trên địa bàn tỉnh", "Phòng Hành chính tư pháp", "Xây dựng hệ thống chính trị",
			"Tổ chức đăng ký khai sinh, kết hôn lưu động tại thôn, ấp vùng sâu, vùng đồng bào dân tộc thiểu số.", "Đăng ký cho hơn 300 trường hợp tại chỗ, không để người dân đi lại nhiều lần."},
		{"“Khéo” trong cầu nối đưa pháp luật đến với người dân", "Phòng Phổ biến, giáo dục pháp luật", "Xây dựng hệ thống chính trị",
			"Phổ biến pháp luật qua loa truyền thanh, mạng xã hội và buổi sinh hoạt ở khu dân cư.", "Hơn 120 buổi tuyên truyền, 15.000 lượt người nghe."},
		{"“Khéo” trong phổ biến pháp luật và kiểm tra, xử lý vi phạm hành chính về đất đai", "Thanh tra Sở", "Xây dựng hệ thống chính trị",
			"Kết hợp tuyên truyền pháp luật đất đai với kiểm tra việc xử lý vi phạm hành chính.", "Giảm khiếu nại về xử phạt vi phạm hành chính trong lĩnh vực đất đai."},
		{"“Khéo” trong triển khai Đề án đổi mới, nâng cao hiệu quả hoạt động giám định tư pháp", "Phòng Bổ trợ tư pháp", "Xây dựng hệ thống chính trị",
			"Phối hợp với các cơ quan tiến hành tố tụng lập danh sách người giám định theo vụ việc.", "Rút ngắn thời gian trưng cầu giám định."},
		{"“Khéo” trong hướng dẫn người dân nộp hồ sơ trực tuyến", "Văn phòng Sở", "Văn hóa - xã hội",
			"Công chức Bộ phận một cửa hướng dẫn, nộp hộ hồ sơ trực tuyến cho người cao tuổi.", "Tỷ lệ hồ sơ trực tuyến tăng rõ rệt so với năm trước."},
		{"“Khéo” trong hòa giải tranh chấp đất đai ở khu dân cư", "Phòng Phổ biến, giáo dục pháp luật", "Xây dựng hệ thống chính trị",
			"Tập huấn kỹ năng cho hòa giải viên, phối hợp Mặt trận ở ấp.", "Đang triển khai, chưa đề nghị công nhận."},
	}
	for i, md := range models {
		m, err := svc.SaveModel(ctx, tenantID, a, emulation.Model{Name: md.name, Unit: md.unit, Field: md.field, Content: md.content, Results: md.results, Year: year})
		if err != nil {
			return err
		}
		if i < 5 {
			level := "Sở"
			if i < 2 {
				level = "tỉnh"
			}
			if _, err := svc.RecogniseModel(ctx, tenantID, a, m.ID, level, fmt.Sprintf("%d-QĐ/ĐU", 40+i), day(10, 15+i)); err != nil {
				return err
			}
		}
	}
	// The self-assessment of the PAR index, with evidence.
	crit := []struct {
		code, area, name string
		max, pts         float64
		evidence         string
	}{
		{"1.1", emulation.ParAreas[0], "Ban hành kế hoạch CCHC năm đúng thời hạn", 1, 1, fmt.Sprintf("Kế hoạch 05/KH-STP ngày 10/01/%d", year)},
		{"1.2", emulation.ParAreas[0], "Báo cáo CCHC định kỳ đầy đủ, đúng hạn", 1, 1, "Báo cáo quý I, II, III"},
		{"2.1", emulation.ParAreas[1], "Rà soát, kiểm tra văn bản QPPL theo kế hoạch", 2, 1, "Báo cáo kiểm tra văn bản quý III (rà soát chưa xong)"},
		{"3.1", emulation.ParAreas[2], "Tỷ lệ hồ sơ TTHC giải quyết trước hạn, đúng hạn", 3, 2.5, "Biểu 06/VPCP/KSTT trên tuphap"},
		{"7.1", emulation.ParAreas[6], "Tỷ lệ hồ sơ trực tuyến toàn trình", 3, 2, "Số liệu cổng dịch vụ công"},
		{"8.1", emulation.ParAreas[7], "Mức độ hài lòng của người dân", 2, 1.5, "Đánh giá của người dân trên cổng dịch vụ công"},
	}
	for _, c := range crit {
		if _, err := svc.SaveCriterion(ctx, tenantID, a, emulation.Criterion{Year: year, Code: c.code, Area: c.area, Name: c.name, MaxPoints: c.max, Points: c.pts, Evidence: c.evidence}); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "Đã nạp thi đua, khen thưởng năm %d: phong trào, kế hoạch CCHC, đánh giá, khen thưởng, 6 mô hình \"Dân vận khéo\".\n", year)
	return nil
}
