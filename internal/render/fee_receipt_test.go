package render

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The amount in words, as a receipt writes it (Decree 123/2020/NĐ-CP
// Art. 32: the amount in figures and in words).
func TestAmountInWords(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "Không đồng"},
		{5, "Năm đồng"},
		{15, "Mười lăm đồng"},
		{21, "Hai mươi mốt đồng"},
		{105, "Một trăm linh năm đồng"},
		{50_000, "Năm mươi nghìn đồng"},
		{100_000, "Một trăm nghìn đồng"},
		{200_000, "Hai trăm nghìn đồng"},
		{1_050_000, "Một triệu không trăm năm mươi nghìn đồng"},
		{3_500_000, "Ba triệu năm trăm nghìn đồng"},
		{2_000_001, "Hai triệu không trăm linh một đồng"},
		{1_000_000_000, "Một tỷ đồng"},
	} {
		if got := AmountInWords(tt.n); got != tt.want {
			t.Errorf("%d: %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestFeeReceiptPDF(t *testing.T) {
	s := FeeReceipt{Agency: sampleAgency(), Form: "01BLP0-001", Series: "BL-26E", Number: "0000007", Collector: "Sở Tư pháp tỉnh Đồng Tháp",
		Payer: "Nguyễn Thị Hồng Nhung", PayerID: "082190001234", Code: "000.00.00.H82-260302-0001", FeeName: "Phí, lệ phí: Cấp thẻ công chứng viên",
		Amount: 100_000, IssuedAt: time.Date(2026, 3, 2, 2, 30, 0, 0, time.UTC), By: "Văn thư Một cửa", Provider: "Nhà cung cấp biên lai (mô phỏng)"}
	pdf, err := FeeReceiptPDF(s)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("pdf: %v", err)
	}
	text := squash(pdfText(t, pdf))
	for _, want := range []string{"BIÊN LAI THU PHÍ, LỆ PHÍ", "Mẫu số: 01BLP0-001", "Ký hiệu: BL-26E", "Số: 0000007", "Nguyễn Thị Hồng Nhung",
		"Số tiền: 100.000 đồng", "Viết bằng chữ: Một trăm nghìn đồng", "NGƯỜI THU TIỀN", "Văn thư Một cửa", "000.00.00.H82-260302-0001"} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, text)
		}
	}
	s.Number = ""
	if _, err := FeeReceiptPDF(s); err == nil {
		t.Fatal("a receipt without its number must not be printed")
	}
}

// squash folds runs of spaces (pdftotext -layout) into one.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
