package render

import (
	"strings"

	"tuphap/internal/practitioner"
	"tuphap/internal/vnfmt"
)

// PractitionerSheet is the register's figures of a period: organisations
// and practitioners per profession (at the period's end, and entered and
// ended within it), and the checks concluded (justice-stats.md §4.9, §7.2:
// stocks at the cut-off, flows in the period).
func PractitionerSheet(g practitioner.Figures, agency string) StatSheet {
	s := StatSheet{Agency: agency, Code: "Bổ trợ tư pháp", SheetName: "BoTroTuPhap",
		Title: "SỐ LIỆU TỔ CHỨC VÀ NGƯỜI HÀNH NGHỀ BỔ TRỢ TƯ PHÁP"}
	s.Lines = []string{"Từ ngày " + g.From.Format("02/01/2006") + " đến ngày " + g.To.Format("02/01/2006"), "Đơn vị tính: tổ chức, người"}
	s.Groups = []StatGroup{
		{Title: "STT"}, {Title: "Lĩnh vực"},
		{Title: "Tổ chức hành nghề", Cols: []string{"Đang hoạt động", "Tạm ngừng, đình chỉ", "Thành lập mới trong kỳ", "Chấm dứt trong kỳ"}},
		{Title: "Người hành nghề", Cols: []string{"Đang hành nghề", "Tạm đình chỉ", "Mới trong kỳ", "Thôi hành nghề trong kỳ"}},
	}
	var tot [8]int64
	for i, p := range practitioner.Professions {
		o, x := g.Orgs[i], g.People[i]
		c := []int64{int64(o.Active), int64(o.ByStatus[practitioner.StatusSuspended]), int64(o.New), int64(o.Ended),
			int64(x.Active), int64(x.ByStatus[practitioner.StatusSuspended]), int64(x.New), int64(x.Ended)}
		for j := range c {
			tot[j] += c[j]
		}
		s.Rows = append(s.Rows, StatRow{Labels: []string{vnfmt.Int(int64(i + 1)), p.Name()}, Counts: c})
	}
	s.Rows = append(s.Rows, StatRow{Labels: []string{"", "Tổng cộng"}, Counts: tot[:], Bold: true})
	in := g.Inspections
	s.Notes = []string{
		"Số liệu tính từ lịch sử từng tổ chức, từng người trong sổ (mỗi thay đổi có quyết định hoặc hồ sơ một cửa làm căn cứ).",
		"Kiểm tra kết luận trong kỳ: " + vnfmt.Int(int64(in.Concluded)) + " cuộc (" + vnfmt.Int(int64(in.WithBreach)) + " có vi phạm); " +
			vnfmt.Int(int64(in.Sanctions)) + " quyết định xử phạt, tổng tiền phạt " + vnfmt.Int(in.FinesVND) + " đồng; " +
			vnfmt.Int(int64(in.OpenRecs)) + " kiến nghị chưa thực hiện.",
	}
	return s
}

// FilingSheet is the department's roll-up of a practitioners' form (for
// notaries, 10b/TP/CC = Σ 10a of the organisations, justice-stats.md §4.1):
// one row per organisation that filed, the province's total, and who has
// not filed.
func FilingSheet(r practitioner.RollUp, names map[string]string, agency string) StatSheet {
	code := r.Form.Code
	if code == "10a/TP/CC" {
		code = "Biểu 10b/TP/CC"
	}
	s := StatSheet{Agency: agency, Code: code, SheetName: "TongHop",
		Title: "TỔNG HỢP " + upper(r.Form.Title)}
	s.Lines = []string{r.Period.Name() + " năm " + vnfmt.Int(int64(r.Year)) + " (hạn nhận báo cáo " + r.Due.Format("02/01/2006") + ")",
		"Đã gửi " + vnfmt.Int(int64(len(r.Filed))) + "/" + vnfmt.Int(int64(r.Expected)) + " tổ chức"}
	cols := make([]string, len(r.Form.Columns))
	for i, c := range r.Form.Columns {
		cols[i] = "(" + vnfmt.Int(int64(c.No)) + ") " + c.Label + " (" + c.Unit + ")"
	}
	s.Groups = []StatGroup{{Title: "STT"}, {Title: "Tổ chức hành nghề"}, {Title: "Chỉ tiêu", Cols: cols}}
	row := func(f map[string]int64) []int64 {
		out := make([]int64, len(r.Form.Columns))
		for i, c := range r.Form.Columns {
			out[i] = f[c.Key]
		}
		return out
	}
	for i, f := range r.Filed {
		s.Rows = append(s.Rows, StatRow{Labels: []string{vnfmt.Int(int64(i + 1)), names[f.OrgID]}, Counts: row(f.Figures)})
	}
	s.Rows = append(s.Rows, StatRow{Labels: []string{"", "Tổng số toàn tỉnh"}, Counts: row(r.Totals), Bold: true})
	if len(r.Missing) > 0 {
		note := "Chưa gửi báo cáo: "
		for i, o := range r.Missing {
			if i > 0 {
				note += "; "
			}
			note += o.Name
		}
		s.Notes = append(s.Notes, note+".")
	}
	s.Notes = append(s.Notes, "Nguồn biểu: "+r.Form.Source+".")
	return s
}

func upper(s string) string { return strings.ToUpper(s) }
