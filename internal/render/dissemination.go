package render

import (
	"tuphap/internal/dissemination"
	"tuphap/internal/vnfmt"
)

// DisseminationSheet is the legal dissemination figures of a period as a
// statistics sheet: the department's own line under "I. Tại cấp tỉnh",
// then one line per commune under "II. Tại cấp xã", then the total. The
// grouping follows the rows known of form 04a/TP/PBGDPL (Circular
// 17/2025/TT-BTP; research/justice-stats.md §4.5); its official column
// layout is not confirmed, so the columns are the register's own counts.
func DisseminationSheet(r dissemination.Report, agency, place string, name func(string) string) StatSheet {
	s := StatSheet{Agency: agency, Code: "Biểu 04a/TP/PBGDPL (tham khảo)", SheetName: "PBGDPL",
		Title: "KẾT QUẢ PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT"}
	s.Lines = []string{"Kỳ báo cáo: từ " + r.Period.From.Format("02/01/2006") + " đến " + r.Period.To.Format("02/01/2006") + " · " + place,
		"Đơn vị tính: hoạt động, lượt người, bản, người"}
	s.Groups = []StatGroup{
		{Title: "STT"}, {Title: "Đơn vị"},
		{Title: "Hoạt động phổ biến", Cols: []string{"Số hoạt động", "Lượt người tham dự"}},
		{Title: "Tài liệu", Cols: []string{"Số bản cấp phát"}},
		{Title: "Đội ngũ (ngày cuối kỳ)", Cols: []string{"Báo cáo viên", "Tuyên truyền viên"}},
	}
	row := func(no, label string, l dissemination.ReportLine, bold bool) StatRow {
		return StatRow{Labels: []string{no, label}, Bold: bold, Counts: []int64{int64(l.Activities), int64(l.Participants), int64(l.Copies),
			int64(l.Staff.Lecturers), int64(l.Staff.Communicators)}}
	}
	total := dissemination.ReportLine{CommuneFigures: dissemination.CommuneFigures{Activities: r.Activities, Participants: r.Participants, Copies: r.Copies}, Staff: r.Staff}
	s.Rows = append(s.Rows, row("", "Tổng số trên địa bàn ("+place+")", total, true))
	var own *dissemination.ReportLine
	var communes []dissemination.ReportLine
	for i := range r.Lines {
		if r.Lines[i].CommuneCode == "" {
			own = &r.Lines[i]
		} else {
			communes = append(communes, r.Lines[i])
		}
	}
	if r.CommuneCode == "" {
		l := dissemination.ReportLine{}
		if own != nil {
			l = *own
		}
		s.Rows = append(s.Rows, row("I", "Tại cấp tỉnh: Sở Tư pháp", l, true))
	}
	var sum dissemination.ReportLine
	for _, c := range communes {
		sum.Activities += c.Activities
		sum.Participants += c.Participants
		sum.Copies += c.Copies
		sum.Staff.Lecturers += c.Staff.Lecturers
		sum.Staff.Communicators += c.Staff.Communicators
	}
	s.Rows = append(s.Rows, row("II", "Tại cấp xã", sum, true))
	for i, c := range communes {
		s.Rows = append(s.Rows, row(vnfmt.Int(int64(i+1)), name(c.CommuneCode), c, false))
	}
	s.Notes = []string{
		"Số liệu tính từ từng hoạt động ghi trong sổ (ngày tổ chức trong kỳ) và tài liệu cấp phát tại hoạt động; đội ngũ là người đang được công nhận ngày cuối kỳ.",
		"Hoạt động Ngày Pháp luật (9/11, Điều 8 Luật Phổ biến, giáo dục pháp luật): " + vnfmt.Int(int64(r.LawDay)) +
			". Tài liệu in, phát hành trong kỳ: " + vnfmt.Int(int64(r.Printed)) + " bản. Kinh phí: " + vnfmt.Int(r.CostVND) + " đồng.",
		"Mẫu biểu 04a/TP/PBGDPL theo Thông tư 17/2025/TT-BTP chưa được đối chiếu bản chính thức: các cột là số liệu của sổ.",
	}
	return s
}
