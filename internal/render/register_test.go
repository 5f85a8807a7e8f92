package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func sampleRegister(n int) Register {
	s := Register{Superior: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", Desk: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
		Lines: []string{"Từ ngày 01/03/2026 đến ngày 31/03/2026"}}
	for i := 0; i < n; i++ {
		s.Rows = append(s.Rows, RegisterRow{Code: "000.00.00.H82-260302-" + strings.Repeat("0", 3) + string(rune('1'+i%9)), Procedure: sampleProcedure,
			Sets: 1, Applicant: "Nguyễn Thị Hồng Nhung", Contact: "Phường Cao Lãnh; 0913456789", Resolver: "Phòng Bổ trợ tư pháp",
			Received: "09:00 02/03/2026", Due: "09:00 30/03/2026", SentOut: "10:00 02/03/2026", Returned: "", Note: "Đang xử lý"})
	}
	return s
}

// Mẫu 07 (Circular 03/2025/TT-VPCP): the register prints every column,
// repeats its header on each page, and exports to Excel with the same rows.
func TestRegister(t *testing.T) {
	var pdf bytes.Buffer
	if err := RegisterPDF(&pdf, sampleRegister(60)); err != nil {
		t.Fatal(err)
	}
	text := spaces.ReplaceAllString(pdfText(t, pdf.Bytes()), " ")
	for _, want := range []string{"SỔ THEO DÕI HỒ SƠ", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Từ ngày 01/03/2026 đến ngày 31/03/2026",
		"Mã hồ sơ", "Hẹn trả", "Nguyễn Thị", "30/03/2026", "Đang xử lý", "(13)"} {
		if !strings.Contains(text, want) {
			t.Errorf("register PDF lacks %q", want)
		}
	}
	if n := pageCount(pdf.Bytes()); n < 2 || strings.Count(text, "Cơ quan chủ") != n {
		t.Errorf("%d pages, header %d times", n, strings.Count(text, "Cơ quan chủ"))
	}
	var x bytes.Buffer
	if err := RegisterXLSX(&x, sampleRegister(3)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("SoTheoDoi")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 9 || rows[5][1] != "Mã hồ sơ" || rows[8][0] != "3" || rows[8][4] != "Nguyễn Thị Hồng Nhung" {
		t.Errorf("xlsx rows: %q", rows)
	}
	var empty bytes.Buffer
	if err := RegisterPDF(&empty, Register{Desk: "X"}); err != nil || !strings.Contains(pdfText(t, empty.Bytes()), "Không có hồ sơ trong kỳ") {
		t.Errorf("empty register: %v", err)
	}
}
