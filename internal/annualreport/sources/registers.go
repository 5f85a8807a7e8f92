package sources

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/calendar"
	"tuphap/internal/contest"
	"tuphap/internal/legalaid"
	"tuphap/internal/legaldoc"
	"tuphap/internal/petition"
	"tuphap/internal/practitioner"
	"tuphap/internal/report"
	"tuphap/internal/vnfmt"
)

// The sources of the department's other registers: legal aid, legal
// documents, citizen reception and petitions, judicial-support
// practitioners and legal-knowledge contests. Each reads its register's
// own figures (the computation its dashboard shows), never a second one,
// and links each number to the register's list of the records it counts.

// LegalAid is the legal-aid source (Law on Legal Aid 2017): the centre's
// and its branches' cases.
type LegalAid struct {
	Figures func(ctx context.Context, tenantID string, p legalaid.Period) (legalaid.Report, error)
}

func (LegalAid) Key() string { return "legal_aid" }

func (s LegalAid) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	rep, err := s.Figures(ctx, sc.TenantID, legalaid.Period{From: p.From, To: p.To})
	if err != nil {
		return annualreport.Section{}, err
	}
	cases := func(counted string, kv ...string) string {
		return annualreport.Link("/admin/tro-giup-phap-ly/vu-viec", p, append([]string{"counted", counted}, kv...)...)
	}
	form := func(f legalaid.Form) int64 { return int64(rep.ByForm[f]) }
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("legalaid_cases", "Vụ việc trợ giúp pháp lý thụ lý mới", "vụ việc", "", cases("accepted"), int64(rep.Accepted)),
		annualreport.Count("legalaid_carried_over", "Vụ việc kỳ trước chuyển sang", "vụ việc",
			"Vụ việc thụ lý trước kỳ, chưa kết thúc trước ngày đầu kỳ.", cases("carried_over"), int64(rep.CarriedOver)),
		annualreport.Count("legalaid_proceedings", "Trong đó tham gia tố tụng", "vụ việc",
			"Vụ việc thụ lý mới trong kỳ theo hình thức tham gia tố tụng (Điều 27, 31 Luật Trợ giúp pháp lý 2017).", cases("accepted", "form", string(legalaid.FormProceedings)), form(legalaid.FormProceedings)),
		annualreport.Count("legalaid_representation", "Trong đó đại diện ngoài tố tụng", "vụ việc",
			"Vụ việc thụ lý mới trong kỳ theo hình thức đại diện ngoài tố tụng (Điều 27, 33 Luật Trợ giúp pháp lý 2017).", cases("accepted", "form", string(legalaid.FormRepresentation)), form(legalaid.FormRepresentation)),
		annualreport.Count("legalaid_advice", "Trong đó tư vấn pháp luật", "vụ việc",
			"Vụ việc thụ lý mới trong kỳ theo hình thức tư vấn pháp luật (Điều 27, 32 Luật Trợ giúp pháp lý 2017).", cases("accepted", "form", string(legalaid.FormAdvice)), form(legalaid.FormAdvice)),
		annualreport.Count("legalaid_closed", "Vụ việc đã kết thúc", "vụ việc",
			"Vụ việc kết thúc trong kỳ (đã hoàn thành việc trợ giúp pháp lý); không tính vụ việc không tiếp tục, rút yêu cầu hay chuyển.", cases("closed"), int64(rep.Closed)),
		annualreport.Count("legalaid_in_progress", "Vụ việc đang thực hiện cuối kỳ", "vụ việc",
			"Vụ việc đã thụ lý, chưa kết thúc vào ngày cuối kỳ.", cases("in_progress"), int64(rep.InProgress)),
		annualreport.Count("legalaid_persons", "Lượt người được trợ giúp pháp lý", "lượt người",
			"Số người được trợ giúp pháp lý trong các vụ việc thụ lý mới trong kỳ (một vụ việc có thể nhiều người).", cases("accepted", "measure", "persons"), int64(rep.Persons)),
	}}
	if rep.Accepted > 0 || rep.CarriedOver > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Thụ lý mới %s vụ việc trợ giúp pháp lý (%s tham gia tố tụng, %s đại diện ngoài tố tụng, %s tư vấn pháp luật) cho %s lượt người; kỳ trước chuyển sang %s vụ việc; đã kết thúc %s vụ việc.",
			vnfmt.Int(int64(rep.Accepted)), vnfmt.Int(form(legalaid.FormProceedings)), vnfmt.Int(form(legalaid.FormRepresentation)), vnfmt.Int(form(legalaid.FormAdvice)),
			vnfmt.Int(int64(rep.Persons)), vnfmt.Int(int64(rep.CarriedOver)), vnfmt.Int(int64(rep.Closed))))
	}
	return out, nil
}

// LegalDocs is the legal documents source: appraisal of drafts, checks
// and reviews of issued documents (Law on Promulgation of Legal Documents
// 2025, Decree 79/2025/NĐ-CP).
type LegalDocs struct {
	Figures func(ctx context.Context, sc annualreport.Scope, p legaldoc.Period) (legaldoc.Report, error)
}

func (LegalDocs) Key() string { return "legal_documents" }

func (s LegalDocs) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	rep, err := s.Figures(ctx, sc, legaldoc.Period{From: p.From, To: p.To})
	if err != nil {
		return annualreport.Section{}, err
	}
	f := rep.Figures
	drafts := func(c string) string { return annualreport.Link("/admin/van-ban/du-thao", p, "counted", c) }
	checks := func(c string) string { return annualreport.Link("/admin/van-ban/kiem-tra", p, "counted", c) }
	rate := report.Rate(int64(f.AppraisalReported-f.AppraisalLate), int64(f.AppraisalReported))
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("drafts_appraised", "Dự thảo văn bản đã thẩm định", "dự thảo",
			"Dự thảo văn bản quy phạm pháp luật Sở Tư pháp đã gửi báo cáo thẩm định trong kỳ (ngày báo cáo thẩm định trong kỳ).", drafts("appraisal_reported"), int64(f.AppraisalReported)),
		annualreport.Count("drafts_appraisal_received", "Dự thảo nhận thẩm định", "dự thảo", "Dự thảo nhận hồ sơ thẩm định trong kỳ.", drafts("appraisal_received"), int64(f.AppraisalReceived)),
		annualreport.Percent("drafts_appraised_on_time_rate", "Tỷ lệ báo cáo thẩm định đúng hạn",
			"Báo cáo thẩm định gửi trong kỳ không muộn hơn thời hạn ÷ báo cáo thẩm định gửi trong kỳ × 100.", annualreport.Link("/admin/van-ban", p), rate,
			int64(f.AppraisalReported-f.AppraisalLate), int64(f.AppraisalReported)),
		annualreport.Count("proposals_appraised", "Đề nghị xây dựng nghị quyết đã thẩm định", "đề nghị", "Đề nghị xây dựng nghị quyết đã gửi báo cáo thẩm định trong kỳ.", drafts("proposal_reported"), int64(f.ProposalReported)),
		annualreport.Count("drafts_commented", "Dự thảo đã góp ý", "dự thảo", "Dự thảo văn bản Sở Tư pháp đã gửi ý kiến góp ý trong kỳ.", drafts("opinion_given"), int64(f.OpinionGiven)),
		annualreport.Count("documents_checked", "Văn bản đã kiểm tra", "văn bản", "Văn bản đã kiểm tra theo thẩm quyền (tự kiểm tra, kiểm tra theo thẩm quyền) có ngày kiểm tra trong kỳ.", checks("checked"), int64(f.Checked)),
		annualreport.Count("documents_unlawful", "Văn bản phát hiện trái pháp luật", "văn bản", "Trong số văn bản đã kiểm tra trong kỳ, văn bản kết luận có nội dung hoặc thẩm quyền, thể thức trái pháp luật.", checks("unlawful"), int64(f.Unlawful)),
		annualreport.Count("documents_reviewed", "Văn bản đã rà soát", "văn bản", "Văn bản trong các đợt rà soát kết thúc trong kỳ (mỗi văn bản được rà soát tính một lần mỗi đợt).", "/admin/van-ban/ra-soat", int64(f.Reviewed)),
		annualreport.Count("documents_issued", "Văn bản quy phạm pháp luật ban hành", "văn bản", "Văn bản quy phạm pháp luật của tỉnh và các xã, phường có ngày ký trong kỳ, theo cơ sở dữ liệu văn bản.",
			annualreport.Link("/admin/van-ban/co-so-du-lieu", p, "counted", "issued"), int64(f.Issued)),
	}}
	if f.AppraisalReported > 0 || f.Checked > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Thẩm định %s dự thảo văn bản quy phạm pháp luật, góp ý %s dự thảo; kiểm tra %s văn bản, phát hiện %s văn bản trái pháp luật; rà soát %s văn bản.",
			vnfmt.Int(int64(f.AppraisalReported)), vnfmt.Int(int64(f.OpinionGiven)), vnfmt.Int(int64(f.Checked)), vnfmt.Int(int64(f.Unlawful)), vnfmt.Int(int64(f.Reviewed))))
	}
	return out, nil
}

// Petitions is the citizen reception and petitions source. The register
// lives in each tenant's own partition: the department's figures link to
// its book; the communes' (their own tenants attached to the department)
// are rolled up beside them, without a link the department can open.
type Petitions struct {
	Figures func(ctx context.Context, tenantID string, from, to calendar.Date) (petition.Figures, error)
	// Communes lists the tenants of the communes attached to a department
	// (nil: none kept in tuphap).
	Communes func(ctx context.Context, departmentID string) ([]string, error)
}

func (Petitions) Key() string { return "petitions" }

func (s Petitions) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	from, to := calendar.DateOf(p.From), calendar.DateOf(p.To)
	f, err := s.Figures(ctx, sc.TenantID, from, to)
	if err != nil {
		return annualreport.Section{}, err
	}
	book := func(c string) string { return annualreport.Link("/admin/don-thu/so", p, "counted", c) }
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("petitions_received", "Đơn thư tiếp nhận", "đơn", "", book("received"), int64(f.Received)),
		annualreport.Count("petitions_accepted", "Đơn thuộc thẩm quyền đã thụ lý", "đơn", "Đơn thuộc thẩm quyền có quyết định thụ lý (khiếu nại, tố cáo) hoặc nhận giải quyết (kiến nghị, phản ánh) trong kỳ.", book("accepted"), int64(f.Accepted)),
		annualreport.Count("petitions_forwarded", "Đơn không thuộc thẩm quyền đã chuyển, hướng dẫn", "đơn", "Đơn chuyển cơ quan có thẩm quyền hoặc hướng dẫn người gửi trong kỳ.", book("forwarded_guided"), int64(f.Forwarded+f.Guided)),
		annualreport.Count("petitions_resolved", "Vụ việc đã giải quyết", "vụ việc", "Đơn thụ lý có quyết định giải quyết, kết luận nội dung tố cáo hoặc văn bản trả lời trong kỳ.", book("resolved"), int64(f.Resolved)),
		annualreport.Percent("petitions_resolved_on_time_rate", "Tỷ lệ giải quyết đúng hạn", "Vụ việc giải quyết trong kỳ không quá thời hạn luật định ÷ vụ việc giải quyết trong kỳ có thời hạn × 100.",
			annualreport.Link("/admin/don-thu", p), report.Rate(int64(f.OnTime), int64(f.OnTime+f.Late)), int64(f.OnTime), int64(f.OnTime+f.Late)),
		annualreport.Count("petitions_pending", "Đơn đang giải quyết cuối kỳ", "đơn", "Đơn tiếp nhận đến ngày cuối kỳ chưa có kết quả xử lý, giải quyết vào ngày đó.", book("pending"), int64(f.Pending)),
		annualreport.Count("citizen_reception_visits", "Lượt tiếp công dân", "lượt", "Lượt tiếp công dân ghi trong sổ tiếp công dân trong kỳ (thường xuyên, định kỳ, đột xuất).",
			annualreport.Link("/admin/don-thu/tiep-dan", p), int64(f.Visits.Visits)),
		annualreport.Count("citizen_reception_persons", "Người được tiếp", "người", "Số người trong các lượt tiếp công dân của kỳ (đoàn đông người tính theo số người).",
			annualreport.Link("/admin/don-thu/tiep-dan", p, "measure", "persons"), int64(f.Visits.Persons)),
		annualreport.Count("citizen_reception_director_days", "Ngày người đứng đầu tiếp công dân", "ngày", "Ngày Giám đốc Sở tiếp công dân định kỳ trong kỳ (Điều 18 Luật Tiếp công dân 2013).",
			annualreport.Link("/admin/don-thu/tiep-dan", p, "measure", "director_days"), int64(f.Visits.DirectorDays)),
	}}
	if f.Received > 0 || f.Visits.Visits > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Tiếp %s lượt công dân (%s người); tiếp nhận %s đơn, thụ lý %s đơn thuộc thẩm quyền, đã giải quyết %s vụ việc.",
			vnfmt.Int(int64(f.Visits.Visits)), vnfmt.Int(int64(f.Visits.Persons)), vnfmt.Int(int64(f.Received)), vnfmt.Int(int64(f.Accepted)), vnfmt.Int(int64(f.Resolved))))
	}
	if s.Communes == nil {
		return out, nil
	}
	ids, err := s.Communes(ctx, sc.TenantID)
	if err != nil {
		return annualreport.Section{}, err
	}
	if len(ids) == 0 {
		return out, nil
	}
	var c petition.Figures
	for _, id := range ids {
		cf, err := s.Figures(ctx, id, from, to)
		if err != nil {
			return annualreport.Section{}, err
		}
		c.Received += cf.Received
		c.Accepted += cf.Accepted
		c.Resolved += cf.Resolved
		c.Visits.Visits += cf.Visits.Visits
	}
	n := vnfmt.Int(int64(len(ids)))
	out.Figures = append(out.Figures,
		annualreport.Count("petitions_received_communes", "Đơn thư các xã, phường tiếp nhận", "đơn",
			"Tổng số đơn tiếp nhận trong kỳ ghi trong sổ của "+n+" xã, phường thuộc tỉnh có sổ trên tuphap (sổ của từng xã, phường).", "", int64(c.Received)),
		annualreport.Count("petitions_resolved_communes", "Vụ việc các xã, phường đã giải quyết", "vụ việc", "Như \"Vụ việc đã giải quyết\", cộng sổ của "+n+" xã, phường.", "", int64(c.Resolved)),
		annualreport.Count("citizen_reception_visits_communes", "Lượt tiếp công dân của các xã, phường", "lượt", "Như \"Lượt tiếp công dân\", cộng sổ của "+n+" xã, phường.", "", int64(c.Visits.Visits)),
	)
	out.Lines = append(out.Lines, fmt.Sprintf("%s xã, phường có sổ trên tuphap tiếp %s lượt công dân, tiếp nhận %s đơn, đã giải quyết %s vụ việc.",
		capitalFirst(n), vnfmt.Int(int64(c.Visits.Visits)), vnfmt.Int(int64(c.Received)), vnfmt.Int(int64(c.Resolved))))
	return out, nil
}

func capitalFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Practitioners is the judicial-support practitioners' source: the
// organisations and practitioners in the register on the period's last
// day, by profession, and the department's inspections of them.
type Practitioners struct {
	Figures func(ctx context.Context, sc annualreport.Scope, p practitioner.Period) (practitioner.Figures, error)
}

func (Practitioners) Key() string { return "practitioners" }

func (s Practitioners) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	g, err := s.Figures(ctx, sc, practitioner.Period{From: p.From, To: p.To})
	if err != nil {
		return annualreport.Section{}, err
	}
	drill := func(subject string, pr practitioner.Profession) string {
		return annualreport.Link("/admin/bo-tro-tu-phap/so-lieu", p, "subject", subject, "profession", string(pr), "count", "status:active")
	}
	var orgs, people int64
	for i := range g.Orgs {
		orgs += int64(g.Orgs[i].Active)
	}
	for i := range g.People {
		people += int64(g.People[i].Active)
	}
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("practitioner_organisations", "Tổ chức hành nghề bổ trợ tư pháp", "tổ chức", "", drill("org", ""), orgs),
		annualreport.Count("practitioners", "Người hành nghề bổ trợ tư pháp", "người",
			"Người hành nghề (công chứng viên, luật sư, đấu giá viên, thừa phát lại, giám định viên, trọng tài viên, hòa giải viên thương mại, quản tài viên) đang hành nghề ngày cuối kỳ theo sổ của Sở.", drill("person", ""), people),
	}}
	var parts []string
	for i, pr := range practitioner.Professions {
		o, n := int64(g.Orgs[i].Active), int64(g.People[i].Active)
		name := strings.ToLower(pr.Name())
		out.Figures = append(out.Figures,
			annualreport.Count("practitioner_organisations_"+string(pr), "Tổ chức hành nghề "+name, "tổ chức", "Tổ chức hành nghề "+name+" đang hoạt động ngày cuối kỳ.", drill("org", pr), o),
			annualreport.Count("practitioners_"+string(pr), "Người hành nghề "+name, "người", "Người hành nghề "+name+" đang hành nghề ngày cuối kỳ.", drill("person", pr), n))
		if o > 0 || n > 0 {
			parts = append(parts, fmt.Sprintf("%s: %s tổ chức, %s người", name, vnfmt.Int(o), vnfmt.Int(n)))
		}
	}
	in := g.Inspections
	insp := annualreport.Link("/admin/bo-tro-tu-phap/kiem-tra", p, "year", fmt.Sprint(p.To.Year()))
	out.Figures = append(out.Figures,
		annualreport.Count("practitioner_inspections", "Cuộc kiểm tra tổ chức hành nghề đã kết luận", "cuộc", "Cuộc kiểm tra (theo kế hoạch, đột xuất) có kết luận trong kỳ.", insp, int64(in.Concluded)),
		annualreport.Count("practitioner_inspections_breach", "Trong đó phát hiện vi phạm", "cuộc", "Cuộc kiểm tra kết luận trong kỳ có ít nhất một vi phạm.", insp, int64(in.WithBreach)),
		annualreport.Count("practitioner_sanctions", "Quyết định xử phạt vi phạm hành chính", "quyết định", "Quyết định xử phạt ghi trong kết luận các cuộc kiểm tra kết luận trong kỳ.", insp, int64(in.Sanctions)),
	)
	if len(parts) > 0 {
		out.Lines = append(out.Lines, "Đến cuối kỳ, "+vnfmt.Int(orgs)+" tổ chức, "+vnfmt.Int(people)+" người hành nghề bổ trợ tư pháp ("+strings.Join(parts, "; ")+").")
	}
	if in.Concluded > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Kiểm tra %s tổ chức hành nghề, %s cuộc phát hiện vi phạm.", vnfmt.Int(int64(in.Concluded)), vnfmt.Int(int64(in.WithBreach))))
	}
	return out, nil
}

// Contests is the legal-knowledge contests' source: the valid entries
// submitted in the period.
type Contests struct {
	Entries func(ctx context.Context, tenantID string, from, to time.Time) ([]contest.PeriodEntries, error)
}

func (Contests) Key() string { return "dissemination" }

func (s Contests) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	from, to := contest.DaysIn(p.From, p.To)
	es, err := s.Entries(ctx, sc.TenantID, from, to)
	if err != nil {
		return annualreport.Section{}, err
	}
	var n, people int64
	for _, e := range es {
		n += int64(e.Entries)
		people += int64(e.Participants)
	}
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("contest_participants", "Lượt người dự thi tìm hiểu pháp luật", "lượt",
			"Bài dự thi hợp lệ (đã nộp hoặc hết giờ, không bị hủy) nộp trong kỳ, mọi vòng thi của các cuộc thi trực tuyến tìm hiểu pháp luật (giờ Việt Nam).",
			annualreport.Link("/admin/cuoc-thi", p), n),
		annualreport.Count("contest_people", "Người dự thi tìm hiểu pháp luật", "người", "Người có ít nhất một bài dự thi hợp lệ nộp trong kỳ, đếm một lần mỗi cuộc thi.", annualreport.Link("/admin/cuoc-thi", p, "measure", "people"), people),
		annualreport.Count("contests_held", "Cuộc thi có bài dự thi trong kỳ", "cuộc thi", "Cuộc thi trực tuyến có ít nhất một bài dự thi hợp lệ nộp trong kỳ.", annualreport.Link("/admin/cuoc-thi", p, "measure", "contests"), int64(len(es))),
	}}
	if n > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Tổ chức %s cuộc thi tìm hiểu pháp luật trực tuyến với %s lượt người dự thi.", vnfmt.Int(int64(len(es))), vnfmt.Int(n)))
	}
	return out, nil
}
