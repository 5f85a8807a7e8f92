package render

import (
	"fmt"
	"strconv"

	"tuphap/internal/calendar"
	"tuphap/internal/report"
	"tuphap/internal/survey"
	"tuphap/internal/vnfmt"
)

// signed adds the dated place line and the preparer's and head's block.
func signed(s *StatSheet, place string, date calendar.Date, preparer string) {
	if place == "" {
		place = "……"
	}
	s.Dated = place + ", ngày " + fmt.Sprintf("%02d", date.Day) + " tháng " + fmt.Sprintf("%02d", int(date.Month)) + " năm " + strconv.Itoa(date.Year)
	s.Signs = []StatSigner{{Title: "NGƯỜI LẬP BIỂU", Hint: "(Ký, ghi rõ họ tên)", Name: preparer},
		{Title: "THỦ TRƯỞNG ĐƠN VỊ", Hint: "(Ký, đóng dấu, ghi rõ họ tên)"}}
}

// Form07bSheet lays Biểu II.07b out for print: one row per field, then the
// agency's total.
func Form07bSheet(rows []report.Row07b, info Form06Info, day calendar.Date) StatSheet {
	s := StatSheet{Agency: "Đơn vị báo cáo: " + info.Agency, Code: report.Form07b.Code, Title: report.Form07b.Title, SheetName: "Bieu07b",
		CodeLines: []string{"Ban hành kèm theo Thông tư số 01/2020/TT-VPCP"},
		Lines:     []string{"Số liệu tại ngày " + day.FormatVN(), "Đơn vị tính: Số thủ tục hành chính, số quy trình"}}
	if info.Recipient != "" {
		s.Header = append(s.Header, "Đơn vị nhận báo cáo: "+info.Recipient)
	}
	for _, g := range report.Form07b.Groups {
		s.Groups = append(s.Groups, StatGroup{Title: g.Title, Cols: g.Cols})
	}
	for i, r := range rows {
		no, label, bold := strconv.Itoa(i+1), r.Field, false
		if r.Field == "" {
			no, label, bold = "", "Tổng cộng: "+info.Agency, true
		} else if info.FieldName != nil {
			label = info.FieldName(r.Field)
		}
		s.Rows = append(s.Rows, StatRow{Labels: []string{no, label}, Counts: r.Counts[:], Bold: bold})
	}
	s.Notes = []string{"Cấp huyện không còn từ ngày 01/7/2025 (chính quyền địa phương hai cấp); các cột cấp huyện giữ theo mẫu biểu.",
		"Quy trình nội bộ: thủ tục có các bước xử lý được lưu trong danh mục thủ tục của hệ thống."}
	signed(&s, info.Place, info.Date, info.Preparer)
	return s
}

// SurveySheet lays a quarter's survey results out as the province's
// satisfaction index reports them: per unit, the surveys, then for each
// criterion group the share satisfied and the average score, and the
// satisfaction index.
func SurveySheet(res survey.Results, agency string, unitName func(string) string, place string, date calendar.Date, preparer string) StatSheet {
	s := StatSheet{Agency: "Đơn vị báo cáo: " + agency, Code: "Chỉ số hài lòng (SIPAS)", SheetName: "KhaoSat",
		Title: "KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC ĐỐI VỚI SỰ PHỤC VỤ CỦA CƠ QUAN HÀNH CHÍNH",
		Lines: []string{"Kỳ báo cáo: " + res.Label, "Đơn vị tính: số phiếu; tỷ lệ hài lòng (%); điểm trung bình (thang 5 mức)"}}
	s.Groups = []StatGroup{{Title: "TT"}, {Title: "Đơn vị"}, {Title: "Số phiếu", Cols: []string{"Tổng", "Cổng DVC", "Giấy", "Không hài lòng"}}}
	for _, g := range res.Total.Groups {
		s.Groups = append(s.Groups, StatGroup{Title: g.Name, Cols: []string{"Tỷ lệ hài lòng", "Điểm TB"}})
	}
	s.Groups = append(s.Groups, StatGroup{Title: "Chỉ số hài lòng", Cols: []string{"(%)"}})
	row := func(no, label string, r survey.Row, bold bool) StatRow {
		sr := StatRow{Labels: []string{no, label}, Counts: []int64{r.Surveys, r.Portal, r.Counter, r.Dissatisfied}, Bold: bold}
		for _, g := range r.Groups {
			sr.Texts = append(sr.Texts, PctText(g.Percent), DecText(g.Mean))
		}
		sr.Texts = append(sr.Texts, PctText(r.Index))
		return sr
	}
	for i, r := range res.Rows {
		name := r.Unit
		if unitName != nil {
			name = unitName(r.Unit)
		}
		s.Rows = append(s.Rows, row(strconv.Itoa(i+1), name, r, false))
	}
	s.Rows = append(s.Rows, row("", "Toàn cơ quan", res.Total, true))
	if res.ProvinceTotal != nil {
		for i, r := range res.Province {
			s.Rows = append(s.Rows, row(strconv.Itoa(i+1), r.Unit, r, false))
		}
		s.Rows = append(s.Rows, row("", "Toàn tỉnh", *res.ProvinceTotal, true))
	}
	s.Notes = []string{res.Method, survey.Source}
	signed(&s, place, date, preparer)
	return s
}

// PctText formats a percentage ("85,5%"), "–" when undefined.
func PctText(p *float64) string {
	if p == nil {
		return "–"
	}
	return vnfmt.Decimal(*p) + "%"
}

// DecText formats a number with one decimal, "–" when undefined.
func DecText(p *float64) string {
	if p == nil {
		return "–"
	}
	return vnfmt.Decimal(*p)
}
