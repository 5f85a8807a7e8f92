package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/legalaid"
	"tuphap/internal/org"
)

// LegalAidOfficer is the demo centre's legal-aid officer.
var LegalAidOfficer = org.Officer{Username: "tgpl", FullName: "Huỳnh Thị Kim Ngân", Role: org.LegalAidOfficer}

var laSummaries = map[legalaid.Field][]string{
	legalaid.FieldCriminal:       {"Bào chữa cho bị can trong vụ án trộm cắp tài sản", "Bảo vệ quyền lợi bị hại trong vụ án cố ý gây thương tích", "Bào chữa cho người dưới 18 tuổi bị buộc tội"},
	legalaid.FieldCivil:          {"Tranh chấp hợp đồng vay tài sản", "Yêu cầu bồi thường thiệt hại ngoài hợp đồng", "Tranh chấp thừa kế quyền sử dụng đất"},
	legalaid.FieldAdministrative: {"Khiếu kiện quyết định hành chính về bồi thường", "Hỏi về thủ tục hưởng trợ cấp xã hội"},
	legalaid.FieldFamily:         {"Ly hôn và tranh chấp quyền nuôi con", "Yêu cầu cấp dưỡng nuôi con", "Hỏi về quyền của nạn nhân bạo lực gia đình"},
	legalaid.FieldLand:           {"Tranh chấp ranh giới thửa đất", "Hỏi về cấp giấy chứng nhận quyền sử dụng đất", "Khiếu nại bồi thường khi thu hồi đất"},
	legalaid.FieldLabour:         {"Tranh chấp tiền lương, bảo hiểm xã hội", "Bị đơn phương chấm dứt hợp đồng lao động"},
	legalaid.FieldComplaints:     {"Hướng dẫn viết đơn khiếu nại", "Khiếu nại quyết định xử phạt"},
	legalaid.FieldOther:          {"Hỏi về chế độ chính sách người có công"},
}

// LoadLegalAid fills a year of the legal-aid centre's register: the
// centre and two branches, its officers, collaborators and contracted
// lawyers (one whose contract ended), about 400 cases from request to
// quality review (some refused, some withdrawn, urgent ones waiting for
// their proof, one overdue), and a legal-aid officer whose one-time
// password is written to out.
func LoadLegalAid(ctx context.Context, svc *legalaid.Service, orgSvc *org.Service, t org.Tenant, now time.Time, out io.Writer) error {
	rng := rand.New(rand.NewPCG(19, 2026))
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		return err
	}
	a := legalaid.Actor{Name: "demo"}
	today := dateOnly(now)
	yearAgo := today.AddDate(-1, 0, 0)
	units := []legalaid.Unit{{Code: "TT", Name: "Trung tâm Trợ giúp pháp lý nhà nước tỉnh"}, {Code: "CN1", Name: "Chi nhánh số 1"}, {Code: "CN2", Name: "Chi nhánh số 2"}}
	for _, u := range units {
		if _, err := svc.SaveUnit(ctx, a, t.ID, u); err != nil {
			return err
		}
	}
	person := func() (string, string) {
		if rng.IntN(2) == 0 {
			return familyNames[rng.IntN(len(familyNames))] + " " + womenNames[rng.IntN(len(womenNames))], "female"
		}
		return familyNames[rng.IntN(len(familyNames))] + " " + menNames[rng.IntN(len(menNames))], "male"
	}
	var providers []legalaid.Provider
	add := func(kind legalaid.ProviderKind, unit, org, no string, from time.Time, to *time.Time) error {
		name, sex := person()
		p, err := svc.SaveProvider(ctx, a, t.ID, legalaid.Provider{Kind: kind, FullName: name, Sex: sex, UnitCode: unit, Organisation: org,
			ContractNo: no, From: from, To: to})
		providers = append(providers, p)
		return err
	}
	long := yearAgo.AddDate(-3, 0, 0)
	for i := 0; i < 6; i++ {
		if err := add(legalaid.ProviderOfficer, units[i%3].Code, "", fmt.Sprintf("%d/QĐ-STP", 40+i), long, nil); err != nil {
			return err
		}
	}
	for i := 0; i < 5; i++ {
		if err := add(legalaid.ProviderContracted, "TT", fmt.Sprintf("Văn phòng Luật sư số %d", i+1), fmt.Sprintf("%02d/HĐ-TGPL", i+1), yearAgo.AddDate(0, -2, 0), nil); err != nil {
			return err
		}
	}
	ended := today.AddDate(0, -5, 0)
	if err := add(legalaid.ProviderContracted, "TT", "Công ty Luật Hợp danh Phương Nam", "09/HĐ-TGPL", yearAgo.AddDate(-1, 0, 0), &ended); err != nil {
		return err
	}
	if err := add(legalaid.ProviderOrganisation, "CN1", "Trung tâm Tư vấn pháp luật Hội Luật gia tỉnh", "02/ĐK-TGPL", yearAgo.AddDate(-1, 0, 0), nil); err != nil {
		return err
	}
	for i := 0; i < 3; i++ {
		if err := add(legalaid.ProviderCollaborator, units[i].Code, "", fmt.Sprintf("%d/QĐ-TTTGPL", 10+i), yearAgo.AddDate(0, -6, 0), nil); err != nil {
			return err
		}
	}
	active := func(day time.Time, lawyer bool) legalaid.Provider {
		for {
			p := providers[rng.IntN(len(providers))]
			if !p.ActiveOn(day) || (lawyer && p.Kind == legalaid.ProviderCollaborator) {
				continue
			}
			return p
		}
	}
	fields := []legalaid.Field{legalaid.FieldCriminal, legalaid.FieldCriminal, legalaid.FieldLand, legalaid.FieldLand, legalaid.FieldFamily,
		legalaid.FieldFamily, legalaid.FieldCivil, legalaid.FieldCivil, legalaid.FieldAdministrative, legalaid.FieldLabour, legalaid.FieldComplaints, legalaid.FieldOther}
	var recs []legalaid.Imported
	for i := 0; i < 400; i++ {
		req := yearAgo.AddDate(0, 0, rng.IntN(366))
		if req.After(today) {
			req = today
		}
		field := fields[rng.IntN(len(fields))]
		form := legalaid.FormAdvice
		switch r := rng.IntN(10); {
		case field == legalaid.FieldCriminal && r < 8, r < 2:
			form = legalaid.FormProceedings
		case r < 3:
			form = legalaid.FormRepresentation
		}
		groups := legalaid.GroupsOn(req)
		g := groups[rng.IntN(len(groups))]
		if form == legalaid.FormProceedings && field == legalaid.FieldCriminal && rng.IntN(2) == 0 {
			if gg, ok := legalaid.GroupOn("K6", req); ok {
				g = gg
			}
		}
		name, sex := person()
		sums := laSummaries[field]
		c := legalaid.Case{UnitCode: units[rng.IntN(3)].Code, Channel: legalaid.ChannelCentre, RequestedOn: req,
			Requester: legalaid.Person{FullName: name, Sex: sex, BirthYear: 1940 + rng.IntN(70)}, Persons: 1, Group: g.Code,
			Proofs: g.Proofs[0], ProofOK: true, Form: form, Field: field, Summary: sums[rng.IntN(len(sums))], Status: legalaid.StatusRequested}
		if rng.IntN(12) == 0 {
			c.Persons = 2 + rng.IntN(3)
		}
		switch rng.IntN(10) {
		case 0, 1:
			c.Channel = legalaid.ChannelReception
		case 2:
			c.Channel = legalaid.ChannelPost
		case 3:
			c.Channel = legalaid.ChannelOnline
		}
		if form == legalaid.FormProceedings && field == legalaid.FieldCriminal {
			c.Channel = []legalaid.Channel{legalaid.ChannelPolice, legalaid.ChannelProcuracy, legalaid.ChannelCourt}[rng.IntN(3)]
			c.Urgent = legalaid.UrgentProcedural
		}
		age := int(today.Sub(req).Hours() / 24)
		if rng.IntN(20) == 0 && c.Urgent == legalaid.UrgentNone {
			c.Status = legalaid.StatusRefused
			on := earlier(req.AddDate(0, 0, 1+rng.IntN(3)), today)
			c.RefusedOn, c.EndedOn, c.StatusOn = &on, &on, &on
			c.Reason = "Người yêu cầu không thuộc diện được trợ giúp pháp lý theo Điều 7 Luật Trợ giúp pháp lý."
			c.ProofOK = false
			recs = append(recs, legalaid.Imported{Line: i + 1, Case: c})
			continue
		}
		if age < 2 && rng.IntN(2) == 0 {
			recs = append(recs, legalaid.Imported{Line: i + 1, Case: c}) // still waiting for acceptance
			continue
		}
		acc := req
		if c.Urgent == legalaid.UrgentNone {
			acc = earlier(req.AddDate(0, 0, rng.IntN(3)), today)
		}
		c.AcceptedOn, c.Status, c.StatusOn = &acc, legalaid.StatusInProgress, &acc
		if c.Urgent != legalaid.UrgentNone {
			due := legalaid.ProofDue(acc, false, cal.IsWorkingDay)
			c.ProofDue = &due
			pon := acc.AddDate(0, 0, 1+rng.IntN(5))
			if pon.After(today) {
				c.ProofOK = false
			} else {
				c.ProofOn = &pon
			}
		}
		p := active(acc, form == legalaid.FormProceedings)
		c.ProviderID, c.AssignedOn = p.ID, &acc
		var dur int
		switch form {
		case legalaid.FormAdvice:
			dur = rng.IntN(10)
		case legalaid.FormRepresentation:
			dur = 10 + rng.IntN(50)
		default:
			dur = 30 + rng.IntN(150)
		}
		end := acc.AddDate(0, 0, dur)
		if !end.After(today) && (c.ProofOK) {
			switch r := rng.IntN(20); {
			case r == 0:
				c.Status, c.EndedOn, c.StatusOn = legalaid.StatusWithdrawn, &end, &end
				c.Reason = "Người được trợ giúp pháp lý rút yêu cầu."
			case r == 1:
				c.Status, c.EndedOn, c.StatusOn = legalaid.StatusStopped, &end, &end
				c.Reason = "Người được trợ giúp pháp lý không hợp tác (Điều 37 Luật Trợ giúp pháp lý)."
			default:
				c.Status, c.ClosedOn, c.EndedOn, c.StatusOn = legalaid.StatusClosed, &end, &end, &end
				c.Result = "advised"
				if form != legalaid.FormAdvice {
					c.Result = []string{"favourable", "favourable", "partial", "unfavourable"}[rng.IntN(4)]
				}
				if on := end.AddDate(0, 0, 3+rng.IntN(20)); !on.After(today) && rng.IntN(10) < 7 {
					method := "peer"
					if form == legalaid.FormProceedings {
						method = "result"
					}
					c.Assessment = legalaid.Assessment{Method: method, Rating: []string{"good", "good", "meets", "meets", "meets", "fails"}[rng.IntN(6)],
						On: &on, By: "Giám đốc Trung tâm"}
					if p.Kind == legalaid.ProviderContracted || p.Kind == legalaid.ProviderOrganisation {
						c.FeeVND = int64(1+rng.IntN(8)) * 500_000
					}
				}
			}
		}
		recs = append(recs, legalaid.Imported{Line: i + 1, Case: c})
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Case.RequestedOn.Before(recs[j].Case.RequestedOn) })
	n, err := svc.Import(ctx, a, t.ID, recs)
	if err != nil {
		return err
	}
	// Live urgent cases: one referred by the court today, its proof due in
	// five working days; one whose proof is overdue.
	if _, _, err := svc.Request(ctx, a, t.ID, legalaid.Case{UnitCode: "TT", Channel: legalaid.ChannelCourt, RequestedOn: today,
		Requester: legalaid.Person{FullName: "Thạch Văn Sơn", BirthYear: today.Year() - 17, Sex: "male"}, Group: "K5",
		Form: legalaid.FormProceedings, Field: legalaid.FieldCriminal, Summary: "Tòa án thông báo cử người bào chữa cho bị cáo 17 tuổi"}); err != nil {
		return err
	}
	past := today.AddDate(0, 0, -20)
	if _, _, err := svc.Request(ctx, a, t.ID, legalaid.Case{UnitCode: "CN1", Channel: legalaid.ChannelPolice, RequestedOn: past,
		Requester: legalaid.Person{FullName: "Danh Thị Mỹ", BirthYear: 1975, Sex: "female"}, Group: "K6", Form: legalaid.FormProceedings,
		Field: legalaid.FieldCriminal, Summary: "Cơ quan điều tra đề nghị cử người bào chữa; chưa nộp giấy chứng nhận hộ cận nghèo"}); err != nil {
		return err
	}
	o := LegalAidOfficer
	o.TenantID = t.ID
	pw := auth.NewSecret()[:16]
	if _, err := orgSvc.CreateOfficer(ctx, audit.Actor{Name: "demo"}, o, pw); err != nil {
		return fmt.Errorf("demo officer %s: %w", o.Username, err)
	}
	fmt.Fprintf(out, "Đã nạp sổ trợ giúp pháp lý mẫu (%d vụ việc, %d người thực hiện). Tài khoản trợ giúp viên pháp lý:\n  %-12s %-26s mật khẩu: %s\n",
		n+2, len(providers), o.Username, o.Role.Label(), pw)
	return nil
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
