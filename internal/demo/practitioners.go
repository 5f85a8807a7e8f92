package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"tuphap/internal/practitioner"
)

// LoadPractitioners fills the department's practitioners' registers with a
// living year: organisations of every profession with their practitioners
// (two notaries near the age limit of Law 46/2024), a suspension and a
// resumption, a merger, a dissolution, the six-month reports most notary
// offices filed (two have not), bailiffs' records and three checks. Every
// change names its decision. communes are the province's commune codes.
func LoadPractitioners(ctx context.Context, svc *practitioner.Service, sc practitioner.Scope, communes []string, now time.Time, out io.Writer) error {
	picked := DemoCommunes(communes)
	a := practitioner.Actor{Name: "demo"}
	today := dateOnly(now)
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	ago := func(days int) time.Time { return today.AddDate(0, 0, -days) }
	dec := func(no string, on time.Time) practitioner.Cause {
		return practitioner.Cause{DecisionNo: no, DecisionOn: &on}
	}
	type orgSeed struct {
		kind, name, head, addr string
		reg                    time.Time
	}
	seeds := []orgSeed{
		{"notary_public", "Phòng Công chứng số 1 tỉnh Đồng Tháp", "Nguyễn Văn Hùng", "12 Nguyễn Huệ", d(2005, 3, 1)},
		{"notary_office", "Văn phòng công chứng Sa Đéc", "Trần Thị Mai", "45 Hùng Vương", d(2012, 5, 10)},
		{"notary_office", "Văn phòng công chứng Mỹ Tho", "Lê Văn Tâm", "8 Ấp Bắc", d(2014, 8, 20)},
		{"notary_office", "Văn phòng công chứng Cao Lãnh", "Phạm Minh Đức", "102 Lý Thường Kiệt", d(2016, 1, 15)},
		{"notary_office", "Văn phòng công chứng Nguyễn Thị Hoa", "Nguyễn Thị Hoa", "23 Trần Hưng Đạo", d(2018, 6, 1)},
		{"notary_office", "Văn phòng công chứng Hồng Ngự", "Võ Văn Long", "5 Thiên Hộ Dương", d(2019, 9, 9)},
		{"notary_office", "Văn phòng công chứng Tân Hồng", "Đặng Thị Lan", "17 Quốc lộ 30", d(2020, 11, 2)},
		{"law_company", "Công ty Luật TNHH Phù Sa", "Huỳnh Quốc Việt", "60 Nguyễn Trãi", d(2015, 4, 4)},
		{"law_office", "Văn phòng Luật sư Mê Kông", "Trương Văn Khải", "31 Lê Lợi", d(2017, 7, 7)},
		{"law_company", "Công ty Luật Hợp danh Sen Hồng", "Lý Thị Ngọc", "9 Phạm Hữu Lầu", d(2021, 3, 3)},
		{"auction_company", "Công ty Đấu giá Hợp danh Đồng Tháp", "Phan Văn Thành", "77 Tôn Đức Thắng", d(2018, 2, 2)},
		{"auction_company", "Doanh nghiệp Đấu giá tư nhân Tiền Giang", "Cao Thị Bích", "14 Trưng Trắc", d(2019, 10, 10)},
		{"bailiff_office", "Văn phòng Thừa phát lại Sa Đéc", "Lâm Văn Phúc", "28 Nguyễn Sinh Sắc", d(2021, 6, 1)},
		{"bailiff_office", "Văn phòng Thừa phát lại Mỹ Tho", "Tô Thị Hạnh", "3 Lê Đại Hành", d(2022, 1, 10)},
		{"expertise_office", "Văn phòng Giám định tư pháp xây dựng Cửu Long", "Đỗ Minh Triết", "50 Đinh Bộ Lĩnh", d(2020, 5, 5)},
		{"mediation_centre", "Trung tâm Hòa giải thương mại Đồng bằng", "Kiều Văn Sang", "11 Hai Bà Trưng", d(2023, 2, 14)},
		{"insolvency_company", "Công ty Quản lý, thanh lý tài sản Miền Tây", "Mai Thị Yến", "66 Võ Văn Kiệt", d(2021, 9, 1)},
	}
	orgs := make([]practitioner.Organisation, len(seeds))
	for i, s := range seeds {
		o, err := svc.RegisterOrg(ctx, a, sc, practitioner.Organisation{Kind: practitioner.OrgKind(s.kind), Name: s.name, Head: s.head,
			Address: s.addr, CommuneCode: picked[i%len(picked)], RegNo: fmt.Sprintf("%02d/TP-ĐKHĐ", 10+i), RegisteredOn: s.reg,
			TaxCode: fmt.Sprintf("14%08d", 1000+i), Phone: fmt.Sprintf("0277 38%02d %03d", i, 100+i)},
			dec(fmt.Sprintf("%d/QĐ-STP", 100+i), s.reg))
		if err != nil {
			return fmt.Errorf("demo practitioner org %s: %w", s.name, err)
		}
		orgs[i] = o
	}
	names := []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Châu", "Phạm Thị Dung", "Võ Minh Em", "Huỳnh Thị Giang", "Đặng Văn Hải",
		"Bùi Thị Hương", "Đỗ Quang Khánh", "Ngô Thị Lệ", "Dương Văn Minh", "Lý Thị Nga", "Trương Công Oanh", "Phan Thị Phượng", "Hồ Văn Quý"}
	ni := 0
	var notaries []practitioner.Person
	for i, o := range orgs {
		n := 2 + i%3
		for j := 0; j < n; j++ {
			birth := d(1965+(i*3+j*7)%30, 1+(i+j)%12, 1+(i*5+j)%27)
			p := practitioner.Person{Profession: o.Profession, OrgID: o.ID, FullName: names[ni%len(names)], BirthDate: birth, Female: ni%2 == 1,
				CardNo: fmt.Sprintf("%04d/TP", 300+ni), AppointedOn: o.RegisteredOn.AddDate(0, j, 0), PractisingOn: o.Profession == practitioner.Notary}
			ni++
			if o.Profession == practitioner.Notary && i == 1 && j == 0 {
				p.FullName, p.BirthDate = "Trần Văn Lộc", d(1954, 9, 12) // over 70 on 1/7/2025: stops from 2/7/2027
			}
			if o.Profession == practitioner.Notary && i == 2 && j == 0 {
				p.FullName, p.BirthDate = "Nguyễn Thị Sáu", d(1956, 3, 20) // 69 on 1/7/2025: until 72
			}
			if o.Profession == practitioner.Notary && p.AppointedOn.Before(d(2025, 7, 1)) && practitioner.AgeOn(p.BirthDate, p.AppointedOn) < 25 {
				p.BirthDate = p.AppointedOn.AddDate(-30, 0, 0)
			}
			p, err := svc.RegisterPerson(ctx, a, sc, p, dec(fmt.Sprintf("%d/QĐ-UBND", 500+ni), p.AppointedOn))
			if err != nil {
				return fmt.Errorf("demo practitioner %s: %w", p.FullName, err)
			}
			if p.Profession == practitioner.Notary {
				notaries = append(notaries, p)
			}
		}
	}
	// A year of changes, each with its decision.
	changes := []struct {
		org     int
		kind    practitioner.EventKind
		days    int
		succ    int
		decNo   string
		comment string
	}{
		{6, practitioner.EvSuspended, 200, -1, "45/QĐ-STP", "Tạm ngừng hoạt động 3 tháng theo đề nghị của văn phòng"},
		{6, practitioner.EvResumed, 110, -1, "71/QĐ-STP", ""},
		{5, practitioner.EvMerged, 90, 3, "210/QĐ-UBND", "Hợp nhất vào Văn phòng công chứng Cao Lãnh"},
		{9, practitioner.EvDissolved, 60, -1, "88/QĐ-STP", "Chấm dứt hoạt động theo đề nghị"},
		{1, practitioner.EvChanged, 30, -1, "95/QĐ-STP", "Thay đổi địa chỉ trụ sở"},
	}
	for _, c := range changes {
		on := ago(c.days)
		succ := ""
		if c.succ >= 0 {
			succ = orgs[c.succ].ID
		}
		cause := dec(c.decNo, on)
		cause.Note = c.comment
		var upd *practitioner.Organisation
		if c.kind == practitioner.EvChanged {
			o := orgs[c.org]
			o.Address = "120 Nguyễn Tất Thành"
			upd = &o
		}
		if _, err := svc.ChangeOrg(ctx, a, sc, orgs[c.org].ID, c.kind, on, upd, succ, cause); err != nil {
			return fmt.Errorf("demo change %s: %w", c.kind, err)
		}
	}
	if len(notaries) > 3 {
		if _, err := svc.ChangePerson(ctx, a, sc, notaries[3].ID, practitioner.EvRemoved, ago(45), "", dec("130/QĐ-UBND", ago(45))); err != nil {
			return fmt.Errorf("demo removal: %w", err)
		}
	}
	// Six-month reports: the notary organisations still active file,
	// but two.
	year, period := today.Year(), practitioner.PeriodHalf
	if today.Before(d(today.Year(), 6, 1)) {
		year, period = today.Year()-1, practitioner.PeriodYearOfficial
	}
	filed := 0
	for i, o := range orgs {
		if o.Profession != practitioner.Notary || i == 4 || i == 5 || i == 6 {
			continue
		}
		re, other := int64(120+i*37), int64(80+i*21)
		figs := map[string]int64{"c1": 2 + int64(i%3), "c2": re + other, "c3": re, "c4": re / 10, "c5": other, "c6": 0,
			"c7": (re + other) * 350_000, "c8": 0, "c9": (re + other) * 120_000, "c10": 0, "c11": 900 + int64(i)*40, "c12": 30, "c13": (900 + int64(i)*40) * 2_000,
			"c14": 150 + int64(i), "c15": (150 + int64(i)) * 10_000}
		if _, err := svc.File(ctx, practitioner.Actor{Name: o.Name}, sc, o.ID, year, period, figs, ""); err != nil {
			return fmt.Errorf("demo filing: %w", err)
		}
		filed++
	}
	// Bailiffs' records of the last weeks.
	titles := []string{"Ghi nhận hiện trạng nhà đất trước khi xây dựng", "Ghi nhận việc giao nhận tiền đặt cọc", "Ghi nhận việc thông báo đòi nợ",
		"Ghi nhận hiện trạng tài sản bàn giao", "Ghi nhận nội dung trang thông tin điện tử"}
	requesters := []string{"Công ty TNHH Minh Phát", "Ông Nguyễn Văn Tư", "Bà Lê Thị Kim", "Công ty CP Xây dựng Sa Đéc", "Hộ kinh doanh Thanh Bình"}
	vb := 0
	for i := 0; i < 18; i++ {
		office := orgs[12+i%2]
		made := ago(3 + i*4)
		for made.Weekday() == time.Saturday || made.Weekday() == time.Sunday {
			made = made.AddDate(0, 0, -1)
		}
		rec := practitioner.AddWorkdays(made, 1+i%4, nil)
		if rec.After(today) {
			rec = today
		}
		if _, err := svc.ReceiveViBang(ctx, a, sc, practitioner.ViBang{OfficeID: office.ID, No: fmt.Sprintf("%d/%d/VB-TPL", 200+i, made.Year()),
			Title: titles[i%len(titles)], Requester: requesters[i%len(requesters)], MadeOn: made, ReceivedOn: rec}, true); err != nil {
			return fmt.Errorf("demo vi bằng: %w", err)
		}
		vb++
	}
	// Checks: one concluded with a fine and an open recommendation, one
	// closed, one planned.
	y := today.Year()
	decOn := ago(80)
	in, err := svc.PlanInspection(ctx, a, sc, practitioner.Inspection{Year: y, OrgID: orgs[12].ID, Planned: true, DecisionNo: "150/QĐ-STP",
		DecisionOn: &decOn, Team: "Nguyễn Thành Nam (trưởng đoàn), Lê Thị Thu, Phạm Văn Tú"})
	if err != nil {
		return fmt.Errorf("demo inspection: %w", err)
	}
	if _, err := svc.Conclude(ctx, a, sc, in.ID, ago(50),
		[]practitioner.Finding{{Article: "Khoản 1 Điều 32 Nghị định 82/2020/NĐ-CP", Text: "Thừa phát lại không đeo thẻ khi hành nghề"}},
		[]practitioner.Sanction{{Code: "82/2020:32.1", Kind: practitioner.SanctionFine, AmountVND: 2_000_000, Person: "Lâm Văn Phúc", DecisionNo: "12/QĐ-XPHC"}},
		[]practitioner.Recommendation{{Text: "Chấn chỉnh việc đeo thẻ, trang phục thừa phát lại", DueOn: today.AddDate(0, 0, 20)}}); err != nil {
		return fmt.Errorf("demo conclusion: %w", err)
	}
	decOn2 := ago(150)
	in2, err := svc.PlanInspection(ctx, a, sc, practitioner.Inspection{Year: y, OrgID: orgs[2].ID, Planned: true, DecisionNo: "98/QĐ-STP",
		DecisionOn: &decOn2, Team: "Trần Văn Bảy (trưởng đoàn), Võ Thị Năm"})
	if err != nil {
		return err
	}
	if _, err := svc.Conclude(ctx, a, sc, in2.ID, ago(120), nil, nil, nil); err != nil {
		return err
	}
	if _, err := svc.PlanInspection(ctx, a, sc, practitioner.Inspection{Year: y, OrgID: orgs[7].ID, Planned: true}); err != nil {
		return err
	}
	fmt.Fprintf(out, "Đã nạp sổ bổ trợ tư pháp mẫu: %d tổ chức, %d báo cáo định kỳ, %d vi bằng, 3 cuộc kiểm tra.\n", len(orgs), filed, vb)
	return nil
}
