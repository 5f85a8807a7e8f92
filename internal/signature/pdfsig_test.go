package signature

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tool finds a program the test needs; without it the test skips, except
// in CI, where it must run.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is not installed (apt-get install %s)", name, pkg)
		}
		t.Skipf("skipped: %s is not installed (apt-get install %s); set CI=1 to make this a failure", name, pkg)
	}
	return p
}

// TestDemoCertificateInPdfsig: a certificate signed with the demonstration
// key is checked by software nobody on the project wrote, poppler's pdfsig
// (NSS): the signature is valid; the certificate is not trusted until the
// demonstration CA is, and then it is (an end-entity document signer
// issued by that CA, not a self-signed CA).
func TestDemoCertificateInPdfsig(t *testing.T) {
	pdfsig := tool(t, "pdfsig", "poppler-utils")
	certutil := tool(t, "certutil", "libnss3-tools")
	dir := t.TempDir()
	p12, caPEM, err := GenerateDemoCA("Công an tỉnh Đồng Tháp", "Công an tỉnh Đồng Tháp", time.Now(), "pw")
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadPKCS12(p12, "pw")
	if err != nil {
		t.Fatal(err)
	}
	if s.Cert.IsCA || len(s.Chain) != 1 || s.Cert.CheckSignatureFrom(s.Chain[0]) != nil {
		t.Fatalf("signing certificate: CA %v, chain %d; want an end entity issued by the demo CA", s.Cert.IsCA, len(s.Chain))
	}
	signed, err := s.Sign(certPDF(t), Info{Name: "Công an tỉnh Đồng Tháp", Location: "Đồng Tháp", Reason: "Cấp Phiếu lý lịch tư pháp", Date: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "phieu.pdf")
	ca := filepath.Join(dir, "ca.pem")
	os.WriteFile(doc, signed, 0o644)
	os.WriteFile(ca, caPEM, 0o644)
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil && name != pdfsig { // pdfsig exits non-zero for an untrusted certificate
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	nss := "sql:" + filepath.Join(dir, "nss")
	os.Mkdir(filepath.Join(dir, "nss"), 0o700)
	run(certutil, "-N", "-d", nss, "--empty-password")
	out := run(pdfsig, "-nssdir", nss, doc)
	if !strings.Contains(out, "Signature Validation: Signature is Valid.") {
		t.Fatalf("pdfsig does not find the signature valid:\n%s", out)
	}
	if strings.Contains(out, "Certificate Validation: Certificate is Trusted.") {
		t.Fatalf("pdfsig trusts the certificate before the demo CA is trusted:\n%s", out)
	}
	run(certutil, "-A", "-d", nss, "-n", "tuphap-demo-ca", "-t", "C,C,C", "-i", ca)
	out = run(pdfsig, "-nssdir", nss, doc)
	if !strings.Contains(out, "Signature Validation: Signature is Valid.") || !strings.Contains(out, "Certificate Validation: Certificate is Trusted.") {
		t.Fatalf("with the demo CA trusted, pdfsig says:\n%s", out)
	}
}
