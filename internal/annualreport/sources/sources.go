// Package sources are the annual report's sources of the registers kept in
// tuphap today (one-stop, judicial records, grassroots mediation,
// emulation and administrative reform), registered at wiring time.
package sources

import (
	"context"
	"fmt"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/calendar"
	"tuphap/internal/dissemination"
	"tuphap/internal/emulation"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/mediation"
	"tuphap/internal/report"
	"tuphap/internal/vnfmt"
)

// The sources of the registers kept in tuphap today. Each computes its
// figures with its register's own computation (never a second one): the
// one-stop figures are report.Figures of Biểu 06, the mediation figures
// mediation.Service.Figures, the judicial-record figures
// judicialrecord.Service.Figures.

func reportPeriod(p annualreport.Period) report.Period {
	return report.Period{From: calendar.DateOf(p.From), To: calendar.DateOf(p.To)}
}

// OneStop is the one-stop source: the official figures of Biểu 06 and the
// portal's ratings.
type OneStop struct {
	Report func(ctx context.Context, tenantID string, p report.Period) (report.Report, error)
}

func (OneStop) Key() string { return "onestop" }

func (s OneStop) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	rep, err := s.Report(ctx, sc.TenantID, reportPeriod(p))
	if err != nil {
		return annualreport.Section{}, err
	}
	t := rep.Total
	drill := func(m string) string { return annualreport.Link("/admin/reports/dossiers", p, "measure", m) }
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("dossiers_received", "Hồ sơ tiếp nhận", "hồ sơ", "", drill("received"), t.Received.Total),
		annualreport.Count("dossiers_resolved", "Hồ sơ đã giải quyết", "hồ sơ", "", drill("resolved"), t.Resolved.Total),
		annualreport.Percent("on_time_rate", "Tỷ lệ giải quyết trước hạn, đúng hạn", "", annualreport.Link("/admin/reports", p), t.OnTimeRate, t.Resolved.Early+t.Resolved.OnTime, t.Resolved.Total),
		annualreport.Percent("online_rate", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "", drill("online"), t.OnlineRate, t.Received.Online, t.Received.Online+t.Received.DirectPostal),
	}}
	if t.Resolved.Total > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Tiếp nhận %s hồ sơ (%s trực tuyến), đã giải quyết %s hồ sơ, trong đó %s trước hạn, đúng hạn và %s quá hạn.",
			vnfmt.Int(t.Received.Total), vnfmt.Int(t.Received.Online), vnfmt.Int(t.Resolved.Total),
			vnfmt.Int(t.Resolved.Early+t.Resolved.OnTime), vnfmt.Int(t.Resolved.Late)))
	}
	return out, nil
}

// JudicialRecords is the judicial-record source.
type JudicialRecords struct {
	Figures func(ctx context.Context, tenantID string, from, to time.Time) ([]judicialrecord.FigureRow, error)
}

func (JudicialRecords) Key() string { return "judicial_records" }

func (s JudicialRecords) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	// Figures counts [from, to): the day after the period's last.
	rows, err := s.Figures(ctx, sc.TenantID, p.From, p.To.AddDate(0, 0, 1))
	if err != nil {
		return annualreport.Section{}, err
	}
	var n, form2, online int64
	for _, r := range rows {
		n += int64(r.Count)
		if r.Form == judicialrecord.Form2 {
			form2 += int64(r.Count)
		}
		if r.Channel == judicialrecord.SourcePortal {
			online += int64(r.Count)
		}
	}
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("jr_certificates_issued", "Phiếu lý lịch tư pháp đã cấp", "phiếu", "", annualreport.Link("/api/v1/lltp/figures", p), n),
		annualreport.Count("jr_certificates_form2", "Trong đó Phiếu số 2", "phiếu", "Phiếu lý lịch tư pháp số 2 cấp trong kỳ.", annualreport.Link("/api/v1/lltp/figures", p), form2),
		annualreport.Count("jr_certificates_online", "Trong đó yêu cầu trực tuyến", "phiếu", "Phiếu cấp trong kỳ theo yêu cầu nộp trên cổng dịch vụ công.", annualreport.Link("/api/v1/lltp/figures", p), online),
	}}
	return out, nil
}

// Mediation is the grassroots mediation source: the province's communes,
// kept in the department's partition.
type Mediation struct {
	Figures func(ctx context.Context, sc annualreport.Scope, p mediation.Period) (mediation.Report, error)
}

func (Mediation) Key() string { return "mediation" }

func (s Mediation) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	rep, err := s.Figures(ctx, sc, mediation.Period{From: p.From, To: p.To})
	if err != nil {
		return annualreport.Section{}, err
	}
	f := rep.Figures
	drill := func(c string) string { return annualreport.Link("/admin/hoa-giai/vu-viec", p, "counted", c) }
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("mediation_received", "Vụ việc hòa giải thụ lý", "vụ việc", "", drill("received"), int64(f.Received)),
		annualreport.Count("mediation_successful", "Hòa giải thành", "vụ việc", "", drill("successful"), int64(f.Successful)),
		annualreport.Percent("mediation_success_rate", "Tỷ lệ hòa giải thành", "", annualreport.Link("/admin/hoa-giai", p), f.SuccessRate, int64(f.Successful), int64(f.Received)),
		annualreport.Count("mediation_teams", "Tổ hòa giải", "tổ", "Tổ hòa giải đang hoạt động ngày cuối kỳ.", "/admin/hoa-giai/to", int64(rep.Staff.Teams)),
		annualreport.Count("mediators", "Hòa giải viên", "người", "Hòa giải viên được công nhận, chưa thôi, ngày cuối kỳ.", "/admin/hoa-giai/to", int64(rep.Staff.Mediators)),
	}}
	if f.Received > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Các tổ hòa giải tiếp nhận %s vụ việc, hòa giải thành %s vụ/%s vụ.", vnfmt.Int(int64(f.Received)), vnfmt.Int(int64(f.Successful)), vnfmt.Int(int64(f.Received))))
	}
	return out, nil
}

// Emulation is the emulation and "Dân vận khéo" source.
type Emulation struct {
	Store emulation.Store
}

func (Emulation) Key() string { return "emulation" }

func (s Emulation) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	count := func(k emulation.Kind) (int, error) {
		_, n, err := s.Store.Awards(ctx, sc.TenantID, emulation.AwardFilter{Status: emulation.Awarded, Kind: k, DecidedFrom: p.From, DecidedTo: p.To})
		return n, err
	}
	all, err := count("")
	if err != nil {
		return annualreport.Section{}, err
	}
	coll, err := count(emulation.Collective)
	if err != nil {
		return annualreport.Section{}, err
	}
	ind, err := count(emulation.Individual)
	if err != nil {
		return annualreport.Section{}, err
	}
	_, models, err := s.Store.Models(ctx, sc.TenantID, emulation.ModelFilter{RecognisedFrom: p.From, RecognisedTo: p.To})
	if err != nil {
		return annualreport.Section{}, err
	}
	award := func(kv ...string) string {
		return annualreport.Link("/admin/thi-dua/khen-thuong", p, append([]string{"status", "awarded"}, kv...)...)
	}
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("commendations", "Tập thể, cá nhân được khen thưởng", "lượt", "", award(), int64(all)),
		annualreport.Count("commendations_collective", "Tập thể được khen thưởng", "lượt", "", award("kind", "collective"), int64(coll)),
		annualreport.Count("commendations_individual", "Cá nhân được khen thưởng", "lượt", "", award("kind", "individual"), int64(ind)),
		annualreport.Count("danvan_models", "Mô hình \"Dân vận khéo\" được công nhận", "mô hình", "", annualreport.Link("/admin/thi-dua/dan-van-kheo", p, "recognised", "1"), int64(models)),
	}}
	ms, err := s.Store.Movements(ctx, sc.TenantID)
	if err != nil {
		return annualreport.Section{}, err
	}
	for _, m := range ms {
		if !m.From.After(p.To) && !m.To.Before(p.From) {
			line := "Phong trào thi đua \"" + m.Name + "\""
			if m.Theme != "" {
				line += " với chủ đề \"" + m.Theme + "\""
			}
			out.Lines = append(out.Lines, line+".")
		}
	}
	if all > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Khen thưởng %s tập thể và %s cá nhân có thành tích.", vnfmt.Int(int64(coll)), vnfmt.Int(int64(ind))))
	}
	return out, nil
}

// Reform is the department's administrative-reform plan and the SIPAS
// inputs of the portal's ratings.
type Reform struct {
	Store emulation.Store
	Index func(ctx context.Context, tenantID string, p report.Period) (report.IndexCounts, error)
	// Now bounds a period not yet over: tasks due after today are not yet
	// due (time.Now when nil).
	Now func() time.Time
}

func (Reform) Key() string { return "reform" }

func (s Reform) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	tasks, err := s.Store.Tasks(ctx, sc.TenantID, p.Year)
	if err != nil {
		return annualreport.Section{}, err
	}
	to := p.To
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	if n := now(); n.Before(to) {
		to = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	}
	f := emulation.Compute(nil, nil, tasks, p.From, to)
	plan := annualreport.Link("/admin/cchc", p, "year", fmt.Sprint(p.Year))
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("par_tasks_due", "Nhiệm vụ CCHC đến hạn", "nhiệm vụ", "", plan, int64(f.TasksDue)),
		annualreport.Percent("par_tasks_on_time_rate", "Tỷ lệ nhiệm vụ CCHC hoàn thành đúng hạn", "", plan, report.Rate(int64(f.TasksOnTime), int64(f.TasksDue)), int64(f.TasksOnTime), int64(f.TasksDue)),
	}}
	cs, err := s.Store.Criteria(ctx, sc.TenantID, p.Year)
	if err != nil {
		return annualreport.Section{}, err
	}
	if len(cs) > 0 {
		pts, maxPts, _ := emulation.SelfTotal(cs)
		fig := annualreport.Figure{Key: "par_self_assessment", Label: "Điểm tự đánh giá Chỉ số CCHC", Value: &pts, Unit: "điểm", Drill: plan, Held: true}
		out.Figures = append(out.Figures, fig)
		out.Lines = append(out.Lines, fmt.Sprintf("Tự đánh giá Chỉ số CCHC: %s/%s điểm.", vnfmt.Decimal(pts), vnfmt.Decimal(maxPts)))
	}
	if s.Index != nil {
		c, err := s.Index(ctx, sc.TenantID, reportPeriod(p))
		if err != nil {
			return annualreport.Section{}, err
		}
		out.Figures = append(out.Figures, annualreport.Percent("sipas_satisfaction_rate", "Tỷ lệ đánh giá hài lòng của người dân (đầu vào SIPAS)", "",
			annualreport.Link("/admin/reports", p), report.Rate(c.Rated-c.Dissatisfied, c.Rated), c.Rated-c.Dissatisfied, c.Rated))
	}
	return out, nil
}

// Dissemination is the legal dissemination source (issue 23): the
// activities held in the period, their participants and the copies of
// materials handed out, of the department and the province's communes.
type Dissemination struct {
	Report func(ctx context.Context, sc annualreport.Scope, p dissemination.Period) (dissemination.Report, error)
}

func (Dissemination) Key() string { return "dissemination" }

func (s Dissemination) Section(ctx context.Context, sc annualreport.Scope, p annualreport.Period) (annualreport.Section, error) {
	rep, err := s.Report(ctx, sc, dissemination.Period{From: p.From, To: p.To})
	if err != nil {
		return annualreport.Section{}, err
	}
	list := annualreport.Link("/admin/pho-bien/hoat-dong", p)
	out := annualreport.Section{Figures: []annualreport.Figure{
		annualreport.Count("leaflets_distributed", "Tài liệu, tờ gấp phát hành", "bản", "Bản tài liệu, tờ gấp cấp phát tại các hoạt động phổ biến trong kỳ.", annualreport.Link("/admin/pho-bien/tai-lieu", p), int64(rep.Copies)),
		annualreport.Count("dissemination_activities", "Hoạt động phổ biến, giáo dục pháp luật", "hoạt động", "Hoạt động có ngày tổ chức trong kỳ, của Sở và các xã, phường.", list, int64(rep.Activities)),
		annualreport.Count("dissemination_participants", "Lượt người tham dự", "lượt", "Tổng số người tham dự các hoạt động trong kỳ.", list, int64(rep.Participants)),
	}}
	if rep.Activities > 0 {
		out.Lines = append(out.Lines, fmt.Sprintf("Tổ chức %s hoạt động phổ biến, giáo dục pháp luật với %s lượt người tham dự; cấp phát %s bản tài liệu.",
			vnfmt.Int(int64(rep.Activities)), vnfmt.Int(int64(rep.Participants)), vnfmt.Int(int64(rep.Copies))))
	}
	return out, nil
}
