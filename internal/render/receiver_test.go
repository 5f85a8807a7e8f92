package render

import (
	"regexp"
	"strings"
	"testing"
)

func centreAgency() Agency {
	a := sampleAgency()
	a.Receiver = "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"
	a.Address = "Số 1 đường Võ Trường Toản, phường Cao Lãnh, tỉnh Đồng Tháp"
	a.Desk = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
	a.Centre = true
	return a
}

var spaces = regexp.MustCompile(`\s+`)

// Decree 118/2025/NĐ-CP Art. 3(3), 7, 14: the provincial Public
// Administration Service Centre receives and returns the department's
// dossiers. Every slip, receipt, apology letter and refusal names the
// receiving organisation (and, where it receives, its address) instead of a
// hard-coded desk; the refusal after appraisal (Art. 19(3)) and the return
// of a dossier not supplemented (Art. 19(5)) are letters of their own. The
// PDFs are checked by their text.
func TestReceiverOnSlips(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a := centreAgency()
	receipt, supplement, refusal, apology, stop := sampleReceipt(), sampleSupplement(), sampleRefusal(), sampleApology(), sampleStop()
	receipt.Agency, supplement.Agency, refusal.Agency, apology.Agency, stop.Agency = a, a, a, a, a
	supplement.Officer = ""
	rejected, incomplete := stop, stop
	rejected.Kind, incomplete.Kind = StopRefusal, StopIncomplete
	for _, c := range []struct {
		name   string
		render func() ([]byte, error)
		want   []string
	}{
		{"Mẫu 01", func() ([]byte, error) { return r.Receipt(receipt) }, []string{"TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Tổ chức tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp", "Võ Trường Toản", "Cơ quan giải quyết hồ sơ: Sở Tư pháp tỉnh Đồng Tháp"}},
		{"Mẫu 02", func() ([]byte, error) { return r.Supplement(supplement) }, []string{"Tổ chức tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công", "liên hệ với Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"}},
		{"Mẫu 03", func() ([]byte, error) { return r.Refuse(refusal) }, []string{"Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp từ chối tiếp nhận", "Võ Trường Toản"}},
		{"Mẫu 04", func() ([]byte, error) { return r.Apology(apology) }, []string{"SỞ TƯ PHÁP", "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp tiếp nhận hồ sơ", "Võ Trường Toản"}},
		{"Mẫu 05", func() ([]byte, error) { return r.Stop(stop) }, []string{"THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp tiếp nhận hồ sơ"}},
		{"Art. 19(3)", func() ([]byte, error) { return r.Stop(rejected) }, []string{"VĂN BẢN TỪ CHỐI GIẢI QUYẾT HỒ SƠ", "Sở Tư pháp tỉnh Đồng Tháp từ chối giải quyết", "tại Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp", "Lý do:"}},
		{"Art. 19(5)", func() ([]byte, error) { return r.Stop(incomplete) }, []string{"PHIẾU TRẢ LẠI HỒ SƠ", "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp trả lại hồ sơ"}},
	} {
		b, err := c.render()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		text := spaces.ReplaceAllString(pdfText(t, b), " ")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", c.name, w, text)
			}
		}
		if c.name == "Mẫu 01" && strings.Contains(text, "BỘ PHẬN TIẾP NHẬN") {
			t.Errorf("%s still names the department's desk", c.name)
		}
	}
}
