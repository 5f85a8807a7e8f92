package render

import (
	"tuphap/internal/calendar"
	"tuphap/internal/mediation"
	"tuphap/internal/report"
	"tuphap/internal/vnfmt"
)

// MediationSheet lays the grassroots mediation report of a period out as a
// printed table: one row per commune and the total (place names it:
// "Toàn tỉnh", or the commune), with the teams and mediators in office on
// the period's last day, the cases received (carried over + new), their
// outcomes, and the success rate = successful ÷ received with its
// numerator and denominator (Law 35/2013/QH13; issue 18). The layout of
// Circular 17/2025/TT-BTP's mediation form is not confirmed
// (research/justice-stats.md §4.4), so the columns follow the figures the
// department reports.
func MediationSheet(r mediation.Report, agency, place string) StatSheet {
	s := StatSheet{Agency: agency, Code: "Hòa giải ở cơ sở", SheetName: "HoaGiai",
		Title: "SỐ LIỆU HÒA GIẢI Ở CƠ SỞ"}
	var p report.Period
	p.From, _ = calendar.ParseDate(r.From)
	p.To, _ = calendar.ParseDate(r.To)
	s.Lines = []string{"Kỳ báo cáo: " + p.Label(), "Đơn vị tính: tổ, người, vụ việc"}
	s.Groups = []StatGroup{
		{Title: "STT"}, {Title: "Xã, phường, đặc khu"},
		{Title: "Tổ hòa giải, hòa giải viên (ngày cuối kỳ)", Cols: []string{"Tổ hòa giải", "Hòa giải viên", "Nữ", "Dân tộc thiểu số", "Có trình độ pháp lý"}},
		{Title: "Vụ việc thụ lý", Cols: []string{"Tổng số", "Kỳ trước chuyển sang", "Mới tiếp nhận"}},
		{Title: "Kết quả", Cols: []string{"Hòa giải thành", "Không thành", "Dừng hòa giải", "Đang hòa giải"}},
		{Title: "Tỷ lệ thành", Cols: []string{"Thành / thụ lý"}},
	}
	row := func(no, name string, f mediation.Figures, st mediation.Staff, bold bool) StatRow {
		return StatRow{Labels: []string{no, name}, Bold: bold,
			Counts: []int64{int64(st.Teams), int64(st.Mediators), int64(st.Women), int64(st.EthnicMinority), int64(st.LegalTraining),
				int64(f.Received), int64(f.CarriedOver), int64(f.New),
				int64(f.Successful), int64(f.Unsuccessful), int64(f.Stopped), int64(f.InProgress)},
			Texts: []string{RateOf(f.SuccessRate, f.Successful, f.Received)}}
	}
	if r.Commune == "" || len(r.ByCommune) > 1 {
		for i, c := range r.ByCommune {
			name := c.Name
			if name == "" {
				name = c.CommuneCode
			}
			s.Rows = append(s.Rows, row(vnfmt.Int(int64(i+1)), name, c.Figures, c.Staff, false))
		}
	}
	s.Rows = append(s.Rows, row("", place, r.Figures, r.Staff, true))
	s.Notes = []string{
		"Vụ việc thụ lý = kỳ trước chuyển sang (chưa kết thúc khi bắt đầu kỳ) + mới tiếp nhận trong kỳ; đang hòa giải = thụ lý − đã kết thúc trong kỳ.",
		"Tỷ lệ hòa giải thành = hòa giải thành ÷ vụ việc thụ lý. Tính trên vụ việc đã kết thúc có hoặc không có thỏa thuận: " +
			RateOf(r.ConcludedRate, r.Successful, r.Successful+r.Unsuccessful) + ".",
	}
	return s
}

// RateOf writes a rate with its numerator and denominator: "73,5% (1.673/2.276)",
// "— (0/0)" when nothing was counted.
func RateOf(rate *float64, num, den int) string {
	s := "—"
	if rate != nil {
		s = vnfmt.Decimal(*rate) + "%"
	}
	return s + " (" + vnfmt.Int(int64(num)) + "/" + vnfmt.Int(int64(den)) + ")"
}
