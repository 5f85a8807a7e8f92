package render

import (
	"strings"
	"testing"
	"time"
)

// TestJudicialRecordItems (issue 14.15): the certificate numbers its items
// 1 to 8 whether or not the person has a temporary residence (item 7 was
// left out when empty), names its signer with the capacity, and prints the
// verification address it is given.
func TestJudicialRecordItems(t *testing.T) {
	doc := JudicialCertificate{Agency: Agency{Superior: "BỘ CÔNG AN", Name: "CÔNG AN TỈNH ĐỒNG THÁP", FullName: "Công an tỉnh Đồng Tháp", Place: "Đồng Tháp"},
		Form: 1, Number: "12/2026/LLTP", At: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC),
		Person: CertificatePerson{FullName: "Huỳnh Văn Lộc", Sex: "Nam", BirthDate: "14/07/1993", BirthPlace: "Cao Lãnh, Đồng Tháp",
			Nationality: "Việt Nam", IDNumber: "082093004567", Permanent: "Phường Mỹ Phú, tỉnh Đồng Tháp"},
		Signer: "Nguyễn Hữu Phước", SignerTitle: "GIÁM ĐỐC", QR: "https://dichvucong.example.vn/xac-thuc/lltp/0123456789abcdef0123456789abcdef"}
	pdf, err := JudicialRecord(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"6. Nơi thường trú:", "7. Nơi tạm trú:", "8. Số định danh cá nhân:", "GIÁM ĐỐC", "Nguyễn Hữu Phước",
		"https://dichvucong.example.vn/xac-thuc/lltp/", "Không có án tích"} {
		if !strings.Contains(text, want) {
			t.Errorf("certificate lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "localhost") {
		t.Error("localhost on the certificate")
	}
}
