package signature

import (
	"bytes"
	"testing"
	"time"

	"tuphap/internal/render"
)

func certPDF(t testing.TB) []byte {
	t.Helper()
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	b, err := render.JudicialRecord(render.JudicialCertificate{
		Agency: render.Agency{Superior: "BỘ CÔNG AN", Name: "CÔNG AN TỈNH ĐỒNG THÁP", Place: "Đồng Tháp"},
		Form:   1, Number: "1/2026/LLTP", At: at,
		Person: render.CertificatePerson{FullName: "Nguyễn Văn An", Sex: "Nam", BirthDate: "12/03/1990", BirthPlace: "Đồng Tháp", Nationality: "Việt Nam", IDNumber: "082090001234"},
		QR:     "https://tuphap.example/xac-thuc/lltp/abc", Signer: "Đại tá Lê Văn B",
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func signer(t testing.TB, cn string) *PDFSigner {
	t.Helper()
	p12, err := GenerateDemo(cn, "Công an tỉnh Đồng Tháp", time.Now(), "mật-khẩu")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPKCS12(p12, "sai"); err == nil {
		t.Fatal("wrong PKCS#12 password accepted")
	}
	s, err := LoadPKCS12(p12, "mật-khẩu")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSignVerifyTamper(t *testing.T) {
	s := signer(t, "Công an tỉnh Đồng Tháp")
	doc := certPDF(t)
	if r := Verify(doc, s.Certificate()); r.Valid {
		t.Fatal("unsigned PDF verified")
	}
	signed, err := s.Sign(doc, Info{Name: "Công an tỉnh Đồng Tháp", Location: "Đồng Tháp", Reason: "Cấp Phiếu lý lịch tư pháp", Date: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if r := Verify(signed, s.Certificate()); !r.Valid {
		t.Fatalf("signed PDF does not verify: %s", r.Reason)
	}
	// A changed byte inside the signed range (the document body).
	tampered := bytes.Clone(signed)
	i := bytes.Index(tampered, []byte("/Producer"))
	if i < 0 {
		t.Fatal("no producer entry to tamper with")
	}
	tampered[i+12] ^= 0x01
	if r := Verify(tampered, s.Certificate()); r.Valid {
		t.Fatal("tampered PDF verifies")
	}
	// Signed by another key: not the agency's.
	other := signer(t, "Kẻ giả mạo")
	forged, err := other.Sign(doc, Info{Name: "x", Date: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if r := Verify(forged, s.Certificate()); r.Valid {
		t.Fatal("PDF signed with another key verifies")
	}
}

// BenchmarkRenderAndSign draws a certificate and signs it (ECDSA P-256).
func BenchmarkRenderAndSign(b *testing.B) {
	s := signer(b, "Công an tỉnh Đồng Tháp")
	for b.Loop() {
		if _, err := s.Sign(certPDF(b), Info{Name: "x", Date: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}
