package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"tuphap/internal/legaldoc"
)

// The province's law book is made of the kinds of documents a province
// issues every year: fees and charges, land prices and quotas, support
// policies, the organisation of its agencies, delegations of power.
var lawTopics = []struct{ field, title, body string }{
	{"Giáo dục", "Quy định mức thu học phí đối với cơ sở giáo dục mầm non, giáo dục phổ thông công lập trên địa bàn tỉnh năm học %d-%d", "Mức thu học phí được quy định theo từng cấp học và khu vực thành thị, nông thôn, vùng dân tộc thiểu số và miền núi."},
	{"Giáo dục", "Quy định chính sách hỗ trợ học phí cho học sinh, sinh viên là người dân tộc thiểu số trên địa bàn tỉnh giai đoạn %d-%d", "Đối tượng được hỗ trợ học phí gồm học sinh, sinh viên thuộc hộ nghèo, hộ cận nghèo."},
	{"Đất đai", "Ban hành Bảng giá đất áp dụng trên địa bàn tỉnh từ năm %d đến năm %d", "Bảng giá đất được dùng làm căn cứ tính tiền sử dụng đất, tiền thuê đất, thuế sử dụng đất."},
	{"Đất đai", "Quy định hạn mức giao đất ở, hạn mức công nhận đất ở và diện tích tối thiểu được tách thửa trên địa bàn tỉnh (%d, sửa đổi %d)", "Hạn mức giao đất ở tại đô thị, nông thôn; điều kiện tách thửa, hợp thửa đất."},
	{"Y tế", "Quy định giá dịch vụ khám bệnh, chữa bệnh không thuộc phạm vi thanh toán của Quỹ bảo hiểm y tế tại cơ sở y tế công lập năm %d (áp dụng đến %d)", "Giá dịch vụ khám bệnh, giá ngày giường điều trị, giá dịch vụ kỹ thuật và xét nghiệm."},
	{"Phí, lệ phí", "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham quan danh lam thắng cảnh, di tích lịch sử (%d-%d)", "Mức thu phí tham quan đối với người lớn, trẻ em, người cao tuổi, người khuyết tật."},
	{"Phí, lệ phí", "Quy định lệ phí đăng ký cư trú, lệ phí cấp giấy phép xây dựng trên địa bàn tỉnh (%d, thay thế %d)", "Mức thu lệ phí, đối tượng miễn, giảm lệ phí."},
	{"Nông nghiệp", "Quy định chính sách hỗ trợ phát triển sản xuất nông nghiệp, liên kết sản xuất và tiêu thụ sản phẩm giai đoạn %d-%d", "Hỗ trợ giống, vật tư, chứng nhận VietGAP, xây dựng vùng nguyên liệu."},
	{"Tổ chức bộ máy", "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp (%d, thay thế %d)", "Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu về công tác xây dựng và thi hành pháp luật."},
	{"Tổ chức bộ máy", "Quy định phân cấp, ủy quyền quản lý nhà nước về giao thông, xây dựng cho Ủy ban nhân dân cấp xã (%d-%d)", "Phân cấp thẩm quyền cấp giấy phép xây dựng, quản lý đường giao thông nông thôn."},
	{"Xã hội", "Quy định mức trợ giúp xã hội đối với đối tượng bảo trợ xã hội trên địa bàn tỉnh (%d, điều chỉnh %d)", "Mức chuẩn trợ giúp xã hội; trợ cấp xã hội hằng tháng; hỗ trợ chi phí mai táng."},
	{"Tài chính", "Quy định nội dung, mức chi bảo đảm cho công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở và chuẩn tiếp cận pháp luật (%d-%d)", "Mức chi thù lao hòa giải viên theo vụ việc; chi biên soạn tài liệu phổ biến pháp luật."},
	{"Môi trường", "Quy định về quản lý chất thải rắn sinh hoạt và giá dịch vụ thu gom, vận chuyển rác thải trên địa bàn tỉnh (%d-%d)", "Giá dịch vụ thu gom rác đối với hộ gia đình, cơ sở kinh doanh."},
	{"Giao thông", "Quy định tải trọng, khổ giới hạn của đường địa phương và việc cấp phép lưu hành xe quá tải (%d, sửa đổi %d)", "Tải trọng cho phép của cầu, đường; thẩm quyền cấp giấy phép lưu hành."},
	{"Văn hóa", "Quy định tiêu chuẩn, trình tự xét công nhận danh hiệu gia đình văn hóa, khu dân cư văn hóa (%d-%d)", "Tiêu chuẩn danh hiệu; trình tự bình xét ở khu dân cư."},
}

var communeTopics = []struct{ field, title string }{
	{"Tài chính", "Quyết định dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách xã năm %d"},
	{"Tài chính", "Phê chuẩn quyết toán ngân sách xã năm %d"},
	{"Xây dựng", "Quy định quản lý trật tự xây dựng, hành lang an toàn đường giao thông nông thôn trên địa bàn xã (%d)"},
	{"Môi trường", "Quy định giữ gìn vệ sinh môi trường, thu gom rác thải tại các ấp, khóm trên địa bàn (%d)"},
	{"Văn hóa", "Quy định về thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội trên địa bàn (%d)"},
}

var signers = []string{"Nguyễn Văn Dương", "Phạm Thiện Nghĩa", "Trần Trí Quang", "Huỳnh Minh Tuấn", "Đoàn Tấn Bửu"}

func symbol(k legaldoc.Kind) string {
	switch k {
	case legaldoc.KindCouncilResolution, legaldoc.KindCommuneResolution:
		return "NQ-HĐND"
	case legaldoc.KindChairmanDecision:
		return "QĐ-CTUBND"
	}
	return "QĐ-UBND"
}

// LawBook makes a province's law book of about n documents signed from
// 2016 to until: a mix of the province's resolutions and decisions, and
// since 1/7/2025 the Chairman's decisions and the communes' documents
// (communes names their issuers); with the relations a real book has —
// newer documents replacing older ones on the same topic, articles
// repealed or amended, decisions detailing resolutions, a few suspensions
// (some lifted). It is deterministic for a seed.
func LawBook(province string, communes []string, n int, seed uint64, until time.Time) []legaldoc.Imported {
	rng := rand.New(rand.NewPCG(seed, 21))
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int(until.Sub(start).Hours()/24) + 1
	days := make([]int, n)
	for i := range days {
		days[i] = rng.IntN(span)
	}
	// sort the signing days so numbers run in order
	for i := 1; i < len(days); i++ {
		for j := i; j > 0 && days[j] < days[j-1]; j-- {
			days[j], days[j-1] = days[j-1], days[j]
		}
	}
	seq := map[string]int{}
	lastByTopic := map[string]int{} // topic → index of its latest document
	var out []legaldoc.Imported
	reform := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for i, dd := range days {
		signed := start.AddDate(0, 0, dd)
		var k legaldoc.Kind
		r := rng.IntN(100)
		switch {
		case !signed.Before(reform) && r < 30 && len(communes) > 0:
			k = legaldoc.KindCommuneResolution
			if r < 12 {
				k = legaldoc.KindCommuneDecision
			}
		case !signed.Before(reform) && r < 38:
			k = legaldoc.KindChairmanDecision
		case r < 65:
			k = legaldoc.KindPCDecision
		default:
			k = legaldoc.KindCouncilResolution
		}
		d := legaldoc.Document{Kind: k, SignedOn: signed, Signer: signers[rng.IntN(len(signers))]}
		issuer := "HĐND tỉnh " + province
		switch k {
		case legaldoc.KindPCDecision:
			issuer = "UBND tỉnh " + province
		case legaldoc.KindChairmanDecision:
			issuer = "Chủ tịch UBND tỉnh " + province
		case legaldoc.KindCommuneResolution, legaldoc.KindCommuneDecision:
			code := communes[rng.IntN(len(communes))]
			d.CommuneCode = code
			issuer = "HĐND " + code
			if k == legaldoc.KindCommuneDecision {
				issuer = "UBND " + code
			}
		}
		d.Issuer = issuer
		key := issuer + "|" + fmt.Sprint(signed.Year())
		seq[key]++
		d.Number = fmt.Sprintf("%02d/%d/%s", seq[key], signed.Year(), symbol(k))
		topicKey := ""
		if k.Commune() {
			t := communeTopics[rng.IntN(len(communeTopics))]
			d.Field, d.Title = t.field, fmt.Sprintf(t.title, signed.Year())
			d.Body = "Điều 1. " + d.Title + ".\nĐiều 2. Tổ chức thực hiện.\nĐiều 3. Hiệu lực thi hành."
		} else {
			ti := rng.IntN(len(lawTopics))
			t := lawTopics[ti]
			d.Field, d.Title = t.field, fmt.Sprintf(t.title, signed.Year(), signed.Year()+1)
			d.Body = fmt.Sprintf("Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n%s\nĐiều 2. Nội dung\n%s\nĐiều 3. Trách nhiệm thi hành\nGiao Ủy ban nhân dân tỉnh, các sở, ngành và Ủy ban nhân dân các xã, phường tổ chức thực hiện.\nĐiều 4. Hiệu lực thi hành\nVăn bản này có hiệu lực kể từ ngày được quy định.",
				d.Title, t.body)
			topicKey = fmt.Sprint(ti, k == legaldoc.KindCouncilResolution)
		}
		d.InForceOn = signed.AddDate(0, 0, 10+rng.IntN(10))
		pub := signed.AddDate(0, 0, 2+rng.IntN(5))
		d.PublishedOn = &pub
		d.Gazette = fmt.Sprintf("Công báo tỉnh %s số %d/%d", province, 1+rng.IntN(60), signed.Year())
		if rng.IntN(12) == 0 {
			e := d.InForceOn.AddDate(1+rng.IntN(3), 0, 0)
			d.EndsOn = &e
		}
		rec := legaldoc.Imported{Line: i + 1, Document: d}
		// Relations: to the latest document on the same topic.
		if prev, ok := lastByTopic[topicKey]; ok && topicKey != "" {
			p := out[prev].Document
			switch x := rng.IntN(10); {
			case x < 4:
				rec.Rels = append(rec.Rels, legaldoc.RecordRel{Kind: string(legaldoc.RelReplaces), Target: p.Number, TargetIssuer: p.Issuer})
			case x < 6:
				rec.Rels = append(rec.Rels, legaldoc.RecordRel{Kind: string(legaldoc.RelAmends), Target: p.Number, TargetIssuer: p.Issuer, Articles: []string{"Điều 2"}})
			case x < 8:
				rec.Rels = append(rec.Rels, legaldoc.RecordRel{Kind: string(legaldoc.RelRepeals), Target: p.Number, TargetIssuer: p.Issuer, Articles: []string{"khoản 2 Điều 2"}})
			}
		}
		// A provincial decision details a resolution now and then.
		if k == legaldoc.KindPCDecision && rng.IntN(4) == 0 {
			for j := len(out) - 1; j >= 0 && j > len(out)-30; j-- {
				if out[j].Document.Kind == legaldoc.KindCouncilResolution {
					rec.Rels = append(rec.Rels, legaldoc.RecordRel{Kind: string(legaldoc.RelGuides), Target: out[j].Document.Number, TargetIssuer: out[j].Document.Issuer})
					break
				}
			}
		}
		// The province suspends a commune's document now and then (after
		// a check found it unlawful), and sometimes lifts it.
		if k == legaldoc.KindChairmanDecision && rng.IntN(3) == 0 {
			for j := len(out) - 1; j >= 0 && j > len(out)-40; j-- {
				if out[j].Document.Kind.Commune() {
					rec.Rels = append(rec.Rels, legaldoc.RecordRel{Kind: string(legaldoc.RelSuspends), Target: out[j].Document.Number, TargetIssuer: out[j].Document.Issuer, Articles: []string{"Điều 2"}})
					break
				}
			}
		}
		if topicKey != "" {
			lastByTopic[topicKey] = len(out)
		}
		out = append(out, rec)
	}
	return out
}

// communeIssuers turns the commune codes LawBook put in issuers into
// names ("HĐND 29905" → "HĐND Phường Sa Đéc").
func communeIssuers(recs []legaldoc.Imported, name func(string) string) {
	fix := func(s string) string {
		for _, p := range []string{"HĐND ", "UBND "} {
			if code, ok := strings.CutPrefix(s, p); ok && len(code) == 5 && strings.Trim(code, "0123456789") == "" {
				return p + name(code)
			}
		}
		return s
	}
	for i := range recs {
		recs[i].Document.Issuer = fix(recs[i].Document.Issuer)
		for j := range recs[i].Rels {
			recs[i].Rels[j].TargetIssuer = fix(recs[i].Rels[j].TargetIssuer)
		}
	}
}

// LegalDocs is what the demo's legal documents register needs.
type LegalDocs struct {
	Service  *legaldoc.Service
	Province string                   // "Đồng Tháp"
	Communes []string                 // the demo communes
	Name     func(code string) string // a commune's name
}

var agencies = []string{"Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Y tế", "Sở Xây dựng", "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương"}

// LoadLegalDocs fills the register: a law book of about 900 documents
// since 2016, and a year of work — about 65 drafts appraised (the seeds'
// "thẩm định 60 dự thảo"), 5 proposals, some 200 opinions on central,
// provincial and other drafts, 80 checks with a few unlawful findings,
// and a review round. Some drafts are still open, one is overdue.
func LoadLegalDocs(ctx context.Context, m LegalDocs, sc legaldoc.Scope, now time.Time, out io.Writer) error {
	today := dateOnly(now)
	recs := LawBook(m.Province, m.Communes, 900, 64, today.AddDate(0, 0, -20))
	communeIssuers(recs, m.Name)
	a := legaldoc.Actor{Name: "demo"}
	docs, rels, err := m.Service.Import(ctx, a, sc, recs)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(21, 2025))
	yearAgo := today.AddDate(-1, 0, 0)
	day := func(from time.Time, span int) time.Time {
		t := from.AddDate(0, 0, rng.IntN(max(1, span)))
		for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			t = t.AddDate(0, 0, 1)
		}
		return t
	}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	tasks := 0
	for i := 0; i < 72; i++ {
		typ := legaldoc.TaskAppraisal
		if i%14 == 13 {
			typ = legaldoc.TaskProposal
		}
		kind := []legaldoc.Kind{legaldoc.KindCouncilResolution, legaldoc.KindPCDecision, legaldoc.KindPCDecision, legaldoc.KindChairmanDecision}[rng.IntN(4)]
		topic := lawTopics[rng.IntN(len(lawTopics))]
		rec := day(yearAgo, 350)
		title := "Dự thảo " + strings.ToLower(kind.Title()[:1]) + kind.Title()[1:] + " " + lowerFirst(fmt.Sprintf(topic.title, today.Year(), today.Year()+1))
		if typ == legaldoc.TaskProposal {
			title = "Đề nghị xây dựng Nghị quyết " + lowerFirst(fmt.Sprintf(topic.title, today.Year(), today.Year()+1))
		}
		t, err := m.Service.Receive(ctx, a, sc, legaldoc.Task{Type: typ, DraftKind: kind, Title: title, Agency: pick(agencies),
			RequestNo: fmt.Sprintf("%d/TTr-S", 100+i), ReceivedOn: rec})
		if err != nil {
			return err
		}
		tasks++
		step := func(st legaldoc.TaskStep) error {
			if st.On != nil && st.On.After(today) {
				return nil
			}
			var err error
			t, err = m.Service.Advance(ctx, a, sc, t.ID, st)
			return err
		}
		comp := rec
		if rng.IntN(5) == 0 {
			if err := step(legaldoc.TaskStep{Action: "incomplete", On: &rec, Missing: "Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý; bản đánh giá tác động của chính sách."}); err != nil {
				return err
			}
			comp = day(rec, 6)
		}
		if comp.After(today) {
			continue
		}
		if err := step(legaldoc.TaskStep{Action: "complete", On: &comp}); err != nil {
			return err
		}
		if err := step(legaldoc.TaskStep{Action: "assign", On: &comp, AssignedTo: pick([]string{"Trần Thị Ngọc Hân", "Lê Minh Trí", "Nguyễn Thanh Phong"}), Council: rng.IntN(8) == 0, CouncilNote: "Hội đồng thẩm định gồm đại diện Sở Tư pháp, Sở Tài chính, Sở Nội vụ và chuyên gia."}); err != nil {
			return err
		}
		if t.DueOn == nil {
			continue
		}
		rep := t.DueOn.AddDate(0, 0, -rng.IntN(6))
		if rng.IntN(12) == 0 {
			rep = t.DueOn.AddDate(0, 0, 2) // late
		}
		if rep.Before(comp) {
			rep = comp
		}
		if rep.After(today) || today.Sub(comp) < 4*24*time.Hour {
			continue // still being appraised
		}
		if err := step(legaldoc.TaskStep{Action: "report", On: &rep, ReportNo: fmt.Sprintf("%d/BC-STP", 200+i),
			Findings:   "Dự thảo cơ bản bảo đảm tính hợp hiến, hợp pháp, thống nhất. Đề nghị rà soát lại căn cứ ban hành và chỉnh lý kỹ thuật trình bày tại Điều 2.",
			Conclusion: "Dự thảo đủ điều kiện trình sau khi tiếp thu, chỉnh lý theo ý kiến thẩm định."}); err != nil {
			return err
		}
		if r := rep.AddDate(0, 0, 3+rng.IntN(10)); !r.After(today) {
			if err := step(legaldoc.TaskStep{Action: "response", On: &r, Response: "Cơ quan soạn thảo đã tiếp thu, chỉnh lý căn cứ ban hành và Điều 2; giải trình về mức thu."}); err != nil {
				return err
			}
		}
	}
	origins := []legaldoc.Origin{legaldoc.OriginCentral, legaldoc.OriginProvincial, legaldoc.OriginOther, legaldoc.OriginOther, legaldoc.OriginOther}
	for i := 0; i < 200; i++ {
		o := origins[rng.IntN(len(origins))]
		rec := day(yearAgo, 360)
		due := rec.AddDate(0, 0, 7+rng.IntN(8))
		title := map[legaldoc.Origin]string{legaldoc.OriginCentral: "Dự thảo Nghị định quy định chi tiết một số điều của Luật", legaldoc.OriginProvincial: "Dự thảo Quyết định của UBND tỉnh", legaldoc.OriginOther: "Dự thảo Kế hoạch, Đề án"}[o]
		t, err := m.Service.Receive(ctx, a, sc, legaldoc.Task{Type: legaldoc.TaskOpinion, Origin: o, Title: fmt.Sprintf("%s (lần %d)", title, i+1),
			Agency: pick(append([]string{"Bộ Tư pháp", "Bộ Tài chính"}, agencies...)), ReceivedOn: rec, DueOn: &due})
		if err != nil {
			return err
		}
		tasks++
		rep := day(rec, 10)
		if rep.After(today) {
			continue
		}
		if _, err := m.Service.Advance(ctx, a, sc, t.ID, legaldoc.TaskStep{Action: "report", On: &rep, ReportNo: fmt.Sprintf("%d/STP-XDKTVB", 500+i),
			Findings: "Sở Tư pháp thống nhất với dự thảo; đề nghị làm rõ phạm vi điều chỉnh và bổ sung căn cứ pháp lý."}); err != nil {
			return err
		}
	}
	// Checks of the communes' documents.
	book, err := m.Service.Store.Documents(ctx, sc.TenantID, legaldoc.DocFilter{Limit: 400})
	if err != nil {
		return err
	}
	checks := 0
	for _, d := range book {
		if checks == 80 || d.SignedOn.Before(yearAgo) {
			continue
		}
		mode := legaldoc.CheckSelf
		if d.Kind.Commune() {
			mode = legaldoc.CheckIssued
		}
		rec := d.SignedOn.AddDate(0, 0, 2)
		if rec.After(today) {
			continue
		}
		c, err := m.Service.OpenCheck(ctx, a, sc, legaldoc.Check{Mode: mode, DocumentID: d.ID, ReceivedOn: rec})
		if err != nil {
			return err
		}
		checks++
		chk := rec.AddDate(0, 0, 5+rng.IntN(20))
		if chk.After(today) {
			continue
		}
		st := legaldoc.CheckStep{Action: "result", On: &chk}
		if d.Kind.Commune() && rng.IntN(6) == 0 {
			st.Findings = []legaldoc.Finding{{Article: "Điều 2", Content: "Quy định thêm thủ tục hành chính, giấy tờ không có trong văn bản cấp trên", Basis: "Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15"}}
			st.Proposed, st.NoticeNo = "Đề nghị cơ quan ban hành tự kiểm tra, bãi bỏ Điều 2", fmt.Sprintf("%d/TB-STP", 30+checks)
		}
		if c, err = m.Service.AdvanceCheck(ctx, a, sc, c.ID, st); err != nil {
			return err
		}
		if c.Unlawful() {
			if r := chk.AddDate(0, 0, 10); !r.After(today) {
				if _, err := m.Service.AdvanceCheck(ctx, a, sc, c.ID, legaldoc.CheckStep{Action: "response", On: &r, Response: "Thống nhất với kết luận kiểm tra; sẽ trình bãi bỏ Điều 2."}); err != nil {
					return err
				}
			}
		}
	}
	// A regular review of last year's documents.
	fin := today.AddDate(0, -1, 0)
	rv := legaldoc.Review{Kind: legaldoc.ReviewRegular, Title: fmt.Sprintf("Rà soát thường xuyên văn bản QPPL của tỉnh năm %d", fin.Year()), StartedOn: fin.AddDate(0, -2, 0), FinishedOn: &fin}
	for i, d := range book {
		if i == 40 {
			break
		}
		v := legaldoc.Verdicts[0]
		if i%7 == 3 {
			v = legaldoc.VerdictAmend
		}
		rv.Items = append(rv.Items, legaldoc.ReviewItem{DocumentID: d.ID, Verdict: v})
	}
	if _, err := m.Service.SaveReview(ctx, a, sc, rv); err != nil {
		return err
	}
	fmt.Fprintf(out, "Đã nạp cơ sở dữ liệu văn bản QPPL mẫu: %d văn bản, %d quan hệ hiệu lực, %d dự thảo, %d văn bản kiểm tra.\n", docs, rels, tasks, checks)
	return nil
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}
