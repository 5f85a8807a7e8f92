package report

// Form06 is Biểu số 06/VPCP/KSTT laid out for print: the header groups of
// columns 3–13 and one row per field, then the total (Circular 01/2020/
// TT-VPCP; research/onestop.md §3).
var Form06 = struct {
	Code, Title string
	Groups      []struct {
		Title string
		Cols  []string
	}
}{
	Code:  "Biểu số 06/VPCP/KSTT",
	Title: "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
	Groups: []struct {
		Title string
		Cols  []string
	}{
		{"STT", nil},
		{"Lĩnh vực giải quyết", nil},
		{"Số hồ sơ nhận giải quyết", []string{"Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước"}},
		{"Số hồ sơ đã giải quyết", []string{"Tổng số", "Trước hạn", "Đúng hạn (gồm cả hồ sơ trả lại/xin rút)", "Quá hạn"}},
		{"Số hồ sơ đang giải quyết", []string{"Tổng số", "Trong hạn (gồm cả hồ sơ chờ bổ sung)", "Quá hạn"}},
	},
}

// Columns returns the eleven counts of columns 3–13.
func (f Figures) Columns() [11]int64 {
	return [11]int64{f.Received.Total, f.Received.Online, f.Received.DirectPostal, f.Received.CarriedOver,
		f.Resolved.Total, f.Resolved.Early, f.Resolved.OnTime, f.Resolved.Late,
		f.InProgress.Total, f.InProgress.WithinTime, f.InProgress.Overdue}
}

// FormRow is one printed row.
type FormRow struct {
	No, Label string
	Counts    [11]int64
	Total     bool
}

// FormRows lays the report out as the form's rows: one per field (named
// by fieldName), then the total.
func (r Report) FormRows(fieldName func(code string) string) []FormRow {
	var out []FormRow
	for i, f := range r.ByField {
		out = append(out, FormRow{No: itoa(i + 1), Label: fieldName(f.Field), Counts: f.Columns()})
	}
	return append(out, FormRow{Label: "Tổng cộng", Counts: r.Total.Columns(), Total: true})
}
