package render

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// A round's certificates: a page each, unnumbered, each naming its
// winner, unit, prize, round and result under the organiser's letterhead;
// a certificate without its winner's name is not printed.
func TestContestCertificates(t *testing.T) {
	at := time.Date(2026, 4, 30, 10, 0, 0, 0, time.UTC)
	base := ContestCertificate{Agency: sampleAgency(), Contest: "Tìm hiểu pháp luật về phòng, chống ma túy năm 2026", Round: "Vòng 1: Tháng 4",
		Date: at, Questions: 20, Verify: "http://tuphap.example/thi/ma-tuy-2026/vong/r1/ket-qua"}
	first, second := base, base
	first.Number, first.Person, first.BirthDate, first.Unit, first.Prize, first.Rank, first.Correct, first.AttemptID =
		"1/GCN-BTC", "Nguyễn Thị Hoa", time.Date(1990, 2, 3, 0, 0, 0, 0, time.UTC), "Phường Sa Đéc", "Giải Nhất", 1, 20, "a-1"
	second.Number, second.Person, second.Unit, second.Prize, second.Rank, second.Correct =
		"2/GCN-BTC", "Trần Văn Bình", "Xã Tân Hồng", "Giải Nhì", 2, 19
	pdf, err := ContestCertificatesPDF([]ContestCertificate{first, second})
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("pdf: %v", err)
	}
	if n := pageCount(pdf); n != 2 {
		t.Fatalf("%d pages, want one a winner", n)
	}
	pages := strings.Split(pdfText(t, pdf), "\f")
	for i, want := range [][]string{
		{"GIẤY CHỨNG NHẬN", "Số: 1/GCN-BTC", "Đồng Tháp, ngày 30 tháng 4 năm 2026", "BAN TỔ CHỨC CUỘC THI", "phòng, chống ma túy năm 2026",
			"Ông/Bà: Nguyễn Thị Hoa", "Ngày sinh: 03/02/1990", "Đơn vị dự thi: Phường Sa Đéc", "Đã đạt GIẢI NHẤT", "Vòng 1: Tháng 4",
			"Trả lời đúng 20/20 câu hỏi, xếp hạng 1.", "TRƯỞNG BAN", "mã lượt thi a-1"},
		{"Số: 2/GCN-BTC", "Ông/Bà: Trần Văn Bình", "Đơn vị dự thi: Xã Tân Hồng", "Đã đạt GIẢI NHÌ", "Trả lời đúng 19/20 câu hỏi, xếp hạng 2."},
	} {
		text := squash(pages[i])
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("page %d lacks %q:\n%s", i+1, w, text)
			}
		}
		if strings.Contains(text, "Trang ") {
			t.Errorf("page %d is numbered: %s", i+1, text)
		}
	}
	if strings.Contains(pages[1], "Ngày sinh") {
		t.Error("a birth date not known is printed")
	}
	second.Person = " "
	if _, err := ContestCertificatesPDF([]ContestCertificate{first, second}); err == nil {
		t.Fatal("a certificate without its winner's name must not be printed")
	}
}
