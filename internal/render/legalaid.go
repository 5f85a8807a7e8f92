package render

import (
	"tuphap/internal/calendar"
	"tuphap/internal/legalaid"
	"tuphap/internal/report"
	"tuphap/internal/vnfmt"
)

// LegalAidSheet is the legal-aid register's printed report: one row per
// unit (the centre and its branches) and the total, with the indicators of
// the justice sector's statistics (1302 cases, 1301 persons helped) and the
// quality results; then the cases accepted by form × field × group. The
// exact layout of the Circular 17/2025/TT-BTP form for legal aid was not
// found (research/justice-stats.md §4.6); the columns follow its
// indicators.
func LegalAidSheet(r legalaid.Report, agency string) StatSheet {
	s := StatSheet{Agency: agency, Code: "Chỉ tiêu 1301, 1302", SheetName: "TroGiupPhapLy",
		Title: "SỐ LIỆU TRỢ GIÚP PHÁP LÝ"}
	var p report.Period
	p.From, _ = calendar.ParseDate(r.From)
	p.To, _ = calendar.ParseDate(r.To)
	s.Lines = []string{"Kỳ báo cáo: " + p.Label(), "Đơn vị tính: vụ việc, lượt người"}
	s.Groups = []StatGroup{
		{Title: "STT"}, {Title: "Đơn vị, hình thức, lĩnh vực, diện"},
		{Title: "Yêu cầu", Cols: []string{"Tiếp nhận", "Từ chối"}},
		{Title: "Vụ việc (1302)", Cols: []string{"Thụ lý mới", "Kỳ trước chuyển sang", "Đã kết thúc", "Không tiếp tục, rút, chuyển", "Đang thực hiện"}},
		{Title: "Lượt người (1301)", Cols: []string{"Được trợ giúp"}},
		{Title: "Chất lượng", Cols: []string{"Tốt", "Đạt", "Không đạt"}},
		{Title: "Tỷ lệ đạt", Cols: []string{"(Tốt + Đạt) / đánh giá"}},
	}
	row := func(no, name string, f legalaid.Figures, bold bool) StatRow {
		return StatRow{Labels: []string{no, name}, Bold: bold,
			Counts: []int64{int64(f.Requests), int64(f.Refused), int64(f.Accepted), int64(f.CarriedOver), int64(f.Closed),
				int64(f.EndedOther), int64(f.InProgress), int64(f.Persons), int64(f.Good), int64(f.Meets), int64(f.Fails)},
			Texts: []string{RateOf(f.QualityRate, f.Good+f.Meets, f.Assessed)}}
	}
	if r.Unit == "" {
		for i, u := range r.ByUnit {
			s.Rows = append(s.Rows, row(vnfmt.Int(int64(i+1)), u.Name, u.Figures, false))
		}
	}
	total := "Toàn Trung tâm"
	if r.Unit != "" && len(r.ByUnit) == 1 {
		total = r.ByUnit[0].Name
	}
	s.Rows = append(s.Rows, row("", total, r.Figures, true))
	for _, b := range r.Rows {
		name := b.Form.Name() + " · " + b.Field.Name() + " · " + b.Group
		s.Rows = append(s.Rows, StatRow{Labels: []string{"", name}, Counts: []int64{0, 0, int64(b.Accepted), 0, 0, 0, 0, int64(b.Persons), 0, 0, 0}, Texts: []string{""}})
	}
	s.Notes = []string{
		"Thụ lý mới: vụ việc ghi vào Sổ thụ lý trong kỳ (khoản 2 Điều 5 Thông tư 12/2018/TT-BTP); đang thực hiện: đã thụ lý đến cuối kỳ, chưa kết thúc.",
		"Các dòng “hình thức · lĩnh vực · diện” chỉ ghi vụ việc thụ lý mới và lượt người của chúng; diện theo Điều 7 Luật Trợ giúp pháp lý có hiệu lực vào ngày yêu cầu.",
		"Mẫu biểu theo các chỉ tiêu 1301, 1302 của ngành Tư pháp; bố cục biểu của Thông tư 17/2025/TT-BTP cho trợ giúp pháp lý chưa được đối chiếu.",
	}
	return s
}
