package remotesign

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/render"
	"tuphap/internal/signature"
)

func resultPDF(t *testing.T) []byte {
	t.Helper()
	b, err := render.NoticePDF(render.Notice{Agency: render.Agency{Superior: "UBND TỈNH ĐỒNG THÁP", Name: "SỞ TƯ PHÁP", Place: "Đồng Tháp"},
		Number: "Số: 12/GĐK-STP", At: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), Title: "GIẤY ĐĂNG KÝ HOẠT ĐỘNG",
		Paragraphs: []string{"Văn phòng công chứng Nguyễn Văn An được đăng ký hoạt động."}, SignerTitle: "GIÁM ĐỐC", Signer: "Trần Thị Bình"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is not installed (apt-get install %s)", name, pkg)
		}
		t.Skipf("skipped: %s is not installed (apt-get install %s)", name, pkg)
	}
	return p
}

// signApproved signs doc as user, the officer approving the request on
// the simulated phone once it arrives.
func signApproved(t *testing.T, sim *Simulator, user string, doc []byte) ([]byte, error) {
	t.Helper()
	go func() {
		for i := 0; i < 500; i++ {
			if p := sim.Pending(user); len(p) > 0 {
				sim.Approve(p[0].ID)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	s := &Signer{Provider: sim, UserID: user, Ctx: context.Background(), Poll: 10 * time.Millisecond, Wait: 10 * time.Second}
	return s.Sign(doc, signature.Info{Name: "Trần Thị Bình", Reason: "Kết quả hồ sơ 000.00.00.H82-261123-0001", Location: "Đồng Tháp"})
}

// TestRemoteSignedResultVerifiesWithPdfsig (issue 25, done when): a result
// signed through the remote-signing simulator — the hash sent, the
// officer's approval on the phone, the CMS returned and embedded — is a
// valid signature for poppler's pdfsig (NSS), by the officer's own
// certificate, trusted once the simulator's CA is.
func TestRemoteSignedResultVerifiesWithPdfsig(t *testing.T) {
	pdfsig := tool(t, "pdfsig", "poppler-utils")
	certutil := tool(t, "certutil", "libnss3-tools")
	sim := &Simulator{Org: "Sở Tư pháp tỉnh Đồng Tháp", Names: func(string) string { return "Trần Thị Bình" }}
	signed, err := signApproved(t, sim, "binh.tt", resultPDF(t))
	if err != nil {
		t.Fatal(err)
	}
	cert, _, _ := sim.Certificate(context.Background(), "binh.tt")
	if r := signature.Verify(signed, cert); !r.Valid {
		t.Fatalf("tuphap's own check: %s", r.Reason)
	}
	dir := t.TempDir()
	doc, ca := filepath.Join(dir, "ket-qua.pdf"), filepath.Join(dir, "ca.pem")
	caPEM, _ := sim.CACertificatePEM()
	os.WriteFile(doc, signed, 0o644)
	os.WriteFile(ca, caPEM, 0o644)
	nss := "sql:" + filepath.Join(dir, "nss")
	os.Mkdir(filepath.Join(dir, "nss"), 0o700)
	if out, err := exec.Command(certutil, "-N", "-d", nss, "--empty-password").CombinedOutput(); err != nil {
		t.Fatalf("certutil: %v\n%s", err, out)
	}
	out, _ := exec.Command(pdfsig, "-nssdir", nss, doc).CombinedOutput()
	if !strings.Contains(string(out), "Signature Validation: Signature is Valid.") {
		t.Fatalf("pdfsig does not find the remote signature valid:\n%s", out)
	}
	if !strings.Contains(string(out), "Signer Certificate Common Name: Trần Thị Bình") {
		t.Fatalf("pdfsig does not name the officer as the signer:\n%s", out)
	}
	if out, err := exec.Command(certutil, "-A", "-d", nss, "-n", "remotesign-sim", "-t", "C,C,C", "-i", ca).CombinedOutput(); err != nil {
		t.Fatalf("certutil: %v\n%s", err, out)
	}
	out, _ = exec.Command(pdfsig, "-nssdir", nss, doc).CombinedOutput()
	if !strings.Contains(string(out), "Certificate Validation: Certificate is Trusted.") {
		t.Fatalf("with the simulator's CA trusted, pdfsig says:\n%s", out)
	}
	// A changed byte outside the signature breaks it.
	tampered := append([]byte(nil), signed...)
	tampered[len(tampered)/4] ^= 0x01
	if signature.IsSigned(tampered) {
		t.Fatal("a changed file still counts as signed")
	}
	if !signature.IsSigned(signed) {
		t.Fatal("the signed file does not count as signed")
	}
}

// TestRemoteSignRefusedOrExpired: nothing is signed when the officer
// declines on the phone, lets the request expire, or has no certificate;
// each says why in Vietnamese.
func TestRemoteSignRefusedOrExpired(t *testing.T) {
	doc := resultPDF(t)
	sim := &Simulator{NoCertificate: map[string]bool{"moi": true}}
	go func() {
		for i := 0; i < 500; i++ {
			if p := sim.Pending("an"); len(p) > 0 {
				sim.Refuse(p[0].ID)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	s := &Signer{Provider: sim, UserID: "an", Poll: 10 * time.Millisecond, Wait: 10 * time.Second}
	_, err := s.Sign(doc, signature.Info{Reason: "x"})
	var ae *apperr.Error
	if !errors.As(err, &ae) || !strings.Contains(ae.Message, "từ chối") {
		t.Fatalf("refused on the phone: %v", err)
	}
	expiring := &Simulator{Expiry: time.Millisecond}
	s = &Signer{Provider: expiring, UserID: "an", Poll: 5 * time.Millisecond, Wait: 10 * time.Second}
	if _, err := s.Sign(doc, signature.Info{Reason: "x"}); !errors.As(err, &ae) || !strings.Contains(ae.Message, "Hết thời gian") {
		t.Fatalf("expired: %v", err)
	}
	s = &Signer{Provider: sim, UserID: "moi", Poll: 5 * time.Millisecond}
	if _, err := s.Sign(doc, signature.Info{Reason: "x"}); !errors.As(err, &ae) || !strings.Contains(ae.Message, "chưa có chứng thư") {
		t.Fatalf("no certificate: %v", err)
	}
}

// wrongDigest is a provider that signs another hash than the one sent.
type wrongDigest struct{ *Simulator }

func (w wrongDigest) Request(ctx context.Context, r Request) (string, error) {
	r.Digest = append([]byte{r.Digest[0] ^ 1}, r.Digest[1:]...)
	return w.Simulator.Request(ctx, r)
}

// TestRemoteSignChecksTheReturnedSignature: a CMS over another hash is
// refused, not embedded and passed on as signed.
func TestRemoteSignChecksTheReturnedSignature(t *testing.T) {
	sim := &Simulator{AutoApprove: true}
	s := &Signer{Provider: wrongDigest{sim}, UserID: "an", Poll: 5 * time.Millisecond}
	if out, err := s.Sign(resultPDF(t), signature.Info{Reason: "x"}); err == nil {
		t.Fatalf("a signature over another hash was accepted (%d bytes)", len(out))
	}
	s.Provider = sim
	out, err := s.Sign(resultPDF(t), signature.Info{Reason: "x"})
	if err != nil || !signature.IsSigned(out) {
		t.Fatalf("auto-approved: %v", err)
	}
	if signature.IsSigned(resultPDF(t)) {
		t.Fatal("an unsigned PDF counts as signed")
	}
}
