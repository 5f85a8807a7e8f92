package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/dissemination"
)

// The seeds' year of legal dissemination in the demo province: 53.200
// leaflets and 3.750 "Hỏi - Đáp" books printed and all handed out.
const (
	DemoLeaflets = 53200
	DemoBooks    = 3750
)

var (
	disThemes = []struct{ Theme, Law string }{
		{"Luật Đất đai năm 2024 và quyền của người sử dụng đất", "Luật Đất đai số 31/2024/QH15"},
		{"Phòng, chống bạo lực gia đình", "Luật Phòng, chống bạo lực gia đình số 13/2022/QH15"},
		{"Trật tự, an toàn giao thông đường bộ", "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15"},
		{"Phòng, chống ma túy trong thanh thiếu niên", "Luật Phòng, chống ma túy số 73/2021/QH14"},
		{"Căn cước và định danh điện tử", "Luật Căn cước số 26/2023/QH15"},
		{"Thực hiện dân chủ ở cơ sở", "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"},
		{"Bảo vệ quyền lợi người tiêu dùng", "Luật Bảo vệ quyền lợi người tiêu dùng số 19/2023/QH15"},
		{"Hôn nhân và gia đình, phòng chống tảo hôn", "Luật Hôn nhân và gia đình số 52/2014/QH13"},
	}
	disAudiences = []string{"Nhân dân trên địa bàn", "Hội viên Hội Liên hiệp Phụ nữ", "Đoàn viên thanh niên", "Học sinh trung học cơ sở",
		"Người lao động tại doanh nghiệp", "Hội viên Hội Nông dân", "Người cao tuổi", "Cán bộ, công chức cấp xã"}
)

// LoadDissemination fills a year of the legal dissemination register of
// the twelve demo communes and the department: the year's plan tasks,
// about 180 activities (some on Law Day, 9/11), the leaflets and books
// printed and handed out, lecturers and communicators, bookshelves, and the
// communes' access-to-law assessments of last year, most recognised. It is
// deterministic.
func LoadDissemination(ctx context.Context, svc *dissemination.Service, units *adminunit.List, sc dissemination.Scope, now time.Time, out io.Writer) error {
	rng := rand.New(rand.NewPCG(23, 2025))
	communes := units.Communes(sc.ProvinceCode)
	if len(communes) < 12 {
		return fmt.Errorf("demo: province %s has %d communes", sc.ProvinceCode, len(communes))
	}
	picked := DemoCommunes(communes)
	a := dissemination.Actor{Name: "demo"}
	today := dateOnly(now)
	yearAgo := today.AddDate(-1, 0, 1)

	leaflet, book := "Tờ gấp pháp luật (bộ 8 chủ đề)", "Sách Hỏi - Đáp pháp luật"
	if _, err := svc.AddMaterial(ctx, a, sc, dissemination.Material{Title: leaflet, Kind: "leaflet", PublishedOn: yearAgo,
		Copies: DemoLeaflets, CostVND: int64(DemoLeaflets) * 1500, Publisher: "Sở Tư pháp"}); err != nil {
		return err
	}
	if _, err := svc.AddMaterial(ctx, a, sc, dissemination.Material{Title: book, Kind: "booklet", PublishedOn: yearAgo,
		Copies: DemoBooks, CostVND: int64(DemoBooks) * 18000, Publisher: "Sở Tư pháp"}); err != nil {
		return err
	}
	lawDayTask, err := svc.AddTask(ctx, a, sc, dissemination.PlanTask{Year: today.Year(), PlanNo: fmt.Sprintf("12/KH-UBND năm %d", today.Year()),
		Title: "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam", LeadUnit: "Sở Tư pháp",
		DueOn: time.Date(today.Year(), 11, 30, 0, 0, 0, 0, time.UTC), Target: 13})
	if err != nil {
		return err
	}
	if _, err := svc.AddTask(ctx, a, sc, dissemination.PlanTask{Year: today.Year(), PlanNo: fmt.Sprintf("12/KH-UBND năm %d", today.Year()),
		Title: "Phổ biến các luật mới được Quốc hội thông qua", LeadUnit: "Sở Tư pháp",
		DueOn: time.Date(today.Year(), 12, 31, 0, 0, 0, 0, time.UTC), Target: 40}); err != nil {
		return err
	}

	// The activities: the department's own and the communes'.
	var acts []dissemination.Activity
	add := func(commune string, day time.Time, channel dissemination.Channel) {
		th := disThemes[rng.IntN(len(disThemes))]
		act := dissemination.Activity{CommuneCode: commune, HeldOn: day, Theme: th.Theme, Documents: th.Law,
			Audience: disAudiences[rng.IntN(len(disAudiences))], Channel: channel}
		switch channel {
		case dissemination.InPerson, dissemination.Counsel:
			act.Participants = 40 + rng.IntN(160)
			act.Women = act.Participants * (30 + rng.IntN(40)) / 100
			act.CostVND = int64(1+rng.IntN(5)) * 1_000_000
			act.Place = "Hội trường Ủy ban nhân dân"
		case dissemination.Contest:
			act.Participants = 200 + rng.IntN(800)
			act.Women = act.Participants / 2
		}
		if commune == "" {
			act.Organiser = "Sở Tư pháp"
			act.Place = "Hội trường Sở Tư pháp"
		} else {
			act.Organiser = "Ủy ban nhân dân " + units.NameOn(commune, today)
		}
		acts = append(acts, act)
	}
	for i := 0; i < 40; i++ {
		ch := []dissemination.Channel{dissemination.InPerson, dissemination.Broadcast, dissemination.Online, dissemination.InPerson}[i%4]
		add("", yearAgo.AddDate(0, 0, rng.IntN(365)), ch)
	}
	for _, code := range picked {
		for i := 0; i < 10+rng.IntN(5); i++ {
			ch := dissemination.InPerson
			if r := rng.IntN(10); r == 0 {
				ch = dissemination.Counsel
			} else if r == 1 {
				ch = dissemination.Broadcast
			}
			add(code, yearAgo.AddDate(0, 0, rng.IntN(365)), ch)
		}
	}
	lawDay := time.Date(today.Year(), 11, 9, 0, 0, 0, 0, time.UTC)
	if lawDay.After(today) {
		lawDay = lawDay.AddDate(-1, 0, 0)
	}
	for _, code := range append([]string{""}, picked...) {
		add(code, lawDay, dissemination.InPerson)
		acts[len(acts)-1].Theme = "Hưởng ứng Ngày Pháp luật: " + acts[len(acts)-1].Theme
		if lawDay.Year() == today.Year() {
			acts[len(acts)-1].PlanTask = lawDayTask.ID
		}
	}
	acts = append(acts, dissemination.Activity{HeldOn: yearAgo.AddDate(0, 2, 0), Theme: "Cuộc thi trực tuyến tìm hiểu pháp luật",
		Documents: "Hiến pháp năm 2013", Audience: "Cán bộ, công chức, viên chức và Nhân dân", Channel: dissemination.Contest, Participants: 12450, Women: 6900, Organiser: "Sở Tư pháp"})

	// Every leaflet and book printed is handed out at an in-person activity.
	var given []int
	for i, act := range acts {
		if act.Channel == dissemination.InPerson {
			given = append(given, i)
		}
	}
	share := func(total int, pick func(i int) bool, material, kind string) {
		var to []int
		for _, i := range given {
			if pick(i) {
				to = append(to, i)
			}
		}
		left := total
		for k, i := range to {
			n := total / len(to)
			if k == len(to)-1 {
				n = left
			}
			left -= n
			acts[i].Handouts = append(acts[i].Handouts, dissemination.Handout{Material: material, Kind: kind, Copies: n})
		}
	}
	share(DemoLeaflets, func(int) bool { return true }, leaflet, "leaflet")
	share(DemoBooks, func(i int) bool { return i%3 == 0 }, book, "booklet")
	n, err := svc.Import(ctx, a, sc, acts)
	if err != nil {
		return err
	}

	// Lecturers of the province, communicators of the communes.
	for i := 0; i < 24; i++ {
		female := i%2 == 0
		name := familyNames[rng.IntN(len(familyNames))] + " "
		sex := "M"
		if female {
			name, sex = name+womenNames[rng.IntN(len(womenNames))], "F"
		} else {
			name += menNames[rng.IntN(len(menNames))]
		}
		p := dissemination.Person{Role: dissemination.Lecturer, FullName: name, Sex: sex, Workplace: []string{"Sở Tư pháp", "Công an tỉnh", "Sở Nội vụ", "Hội Luật gia tỉnh"}[i%4],
			DecisionNo: "1520/QĐ-UBND", DecisionOn: yearAgo.AddDate(-1, 0, 0)}
		csc := sc
		if i >= 8 {
			csc.CommuneCode = picked[i%len(picked)]
			p.Role, p.DecisionNo, p.DecisionOn, p.Workplace = dissemination.Communicator, fmt.Sprintf("%d/QĐ-UBND", 30+i), yearAgo.AddDate(0, 1, 0), "Ủy ban nhân dân xã"
		}
		if _, err := svc.AddPerson(ctx, a, csc, p); err != nil {
			return err
		}
	}
	for i, code := range picked {
		csc := sc
		csc.CommuneCode = code
		if _, err := svc.AddBookshelf(ctx, a, csc, dissemination.Bookshelf{Name: "Tủ sách pháp luật " + units.NameOn(code, today),
			Place: "Nhà văn hóa, Ủy ban nhân dân", Books: 150 + rng.IntN(300), OpenedOn: yearAgo.AddDate(-2-i%3, 0, 0), Keeper: "Công chức Tư pháp - Hộ tịch"}); err != nil {
			return err
		}
		// Last year's access-to-law assessment: most meet and are recognised.
		scores := map[int]int{1: 7 + rng.IntN(4), 2: 22 + rng.IntN(9), 3: 7 + rng.IntN(4), 4: 22 + rng.IntN(9), 5: 14 + rng.IntN(7)}
		if i == 4 {
			scores[3] = 4 // under half of criterion 3
		}
		r, err := svc.SelfAssess(ctx, a, csc, code, today.Year()-1, scores, false)
		if err != nil {
			return err
		}
		if r.Met && i%4 != 1 {
			on := time.Date(today.Year(), 1, 20, 0, 0, 0, 0, time.UTC)
			if on.After(today) {
				on = today
			}
			if err := svc.Recognise(ctx, a, sc, code, today.Year()-1, fmt.Sprintf("%d/QĐ-UBND", 200+i), on); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(out, "Đã nạp sổ phổ biến, giáo dục pháp luật mẫu: %d hoạt động, %d tờ gấp và %d sách Hỏi - Đáp cấp phát.\n", n, DemoLeaflets, DemoBooks)
	return nil
}
