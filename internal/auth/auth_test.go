package auth

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tuphap/internal/org"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	pw := "Mật khẩu tiếng Việt 2026"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("unexpected hash format %q", h)
	}
	for _, c := range []struct {
		name string
		pw   string
		want bool
	}{
		{"same", pw, true},
		// The same password typed with combining marks (NFD) must match.
		{"NFD form", norm.NFD.String(pw), true},
		{"wrong", "Mật khẩu tiếng Việt 2025", false},
		{"empty", "", false},
	} {
		ok, err := VerifyPassword(h, c.pw)
		if err != nil || ok != c.want {
			t.Errorf("%s: VerifyPassword = %v, %v; want %v", c.name, ok, err, c.want)
		}
	}
	if _, err := VerifyPassword("$bcrypt$x", pw); err == nil {
		t.Error("malformed hash accepted")
	}
	if ok, err := VerifyPassword(DummyHash, "x"); ok || err != nil {
		t.Errorf("DummyHash must parse and never match: %v %v", ok, err)
	}
}

func TestPasswordPolicy(t *testing.T) {
	for _, c := range []struct {
		pw string
		ok bool
	}{
		{"ngắn", false},
		{"123456789", false},
		{"1234567890", true},
		{"          ", false},
		{"đủ mười ký", true}, // 10 characters, 14 bytes: counted in characters
		{strings.Repeat("a", 600), false},
	} {
		if err := CheckPasswordPolicy(c.pw); (err == nil) != c.ok {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want ok=%v", c.pw, err, c.ok)
		}
	}
}

// RFC 6238 Appendix B test vectors (SHA-1, secret "12345678901234567890"),
// truncated to 6 digits as authenticator apps use them.
func TestTOTPVectors(t *testing.T) {
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for _, c := range []struct {
		unix int64
		want string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
	} {
		got, err := TOTPCode(secret, TOTPStep(time.Unix(c.unix, 0)))
		if err != nil || got != c.want {
			t.Errorf("TOTP at %d = %s, %v; want %s", c.unix, got, err, c.want)
		}
	}
}

func TestTOTPReplayAndSkew(t *testing.T) {
	secret := NewTOTPSecret()
	now := time.Date(2026, 11, 21, 8, 0, 10, 0, time.UTC)
	code, _ := TOTPCode(secret, TOTPStep(now))
	step, ok := VerifyTOTP(secret, code, now, 0)
	if !ok || step != TOTPStep(now) {
		t.Fatalf("current code rejected")
	}
	if _, ok := VerifyTOTP(secret, code, now, step); ok {
		t.Fatal("a code was accepted twice (RFC 6238 §5.2 forbids replay)")
	}
	prev, _ := TOTPCode(secret, TOTPStep(now)-1)
	if _, ok := VerifyTOTP(secret, prev, now, 0); !ok {
		t.Error("code of the previous step rejected (one step of skew is allowed)")
	}
	old, _ := TOTPCode(secret, TOTPStep(now)-3)
	if _, ok := VerifyTOTP(secret, old, now, 0); ok {
		t.Error("code three steps old accepted")
	}
	if _, ok := VerifyTOTP(secret, "12345", now, 0); ok {
		t.Error("short code accepted")
	}
}

func TestLockoutPolicy(t *testing.T) {
	now := time.Date(2026, 1, 5, 1, 0, 0, 0, time.UTC)
	failed := 0
	var until *time.Time
	for i := 1; i < MaxFailedLogins; i++ {
		failed, until = AfterFailure(failed, now)
		if until != nil || failed != i {
			t.Fatalf("after %d failures: failed=%d locked=%v", i, failed, until)
		}
	}
	failed, until = AfterFailure(failed, now)
	if until == nil || failed != 0 || !until.Equal(now.Add(LockoutDuration)) {
		t.Fatalf("fifth failure: failed=%d until=%v", failed, until)
	}
	if !Locked(until, now.Add(LockoutDuration-time.Second)) || Locked(until, now.Add(LockoutDuration)) {
		t.Fatal("Locked boundaries wrong")
	}
}

func TestTokenFormat(t *testing.T) {
	secret := NewSecret()
	tok := FormatToken(APITokenPrefix, "0190-tenant", secret)
	ten, sec, ok := ParseToken(APITokenPrefix, tok)
	if !ok || ten != "0190-tenant" || sec != secret {
		t.Fatalf("ParseToken(%q) = %q %q %v", tok, ten, sec, ok)
	}
	for _, bad := range []string{"", "tph", "tph.x", "tph.x.short", "s.x." + secret, "tph.." + secret} {
		if _, _, ok := ParseToken(APITokenPrefix, bad); ok {
			t.Errorf("ParseToken accepted %q", bad)
		}
	}
	if HashSecret(secret) == secret || len(HashSecret(secret)) != 64 {
		t.Fatal("HashSecret must be a SHA-256 hex digest")
	}
}

func TestKeyringRotation(t *testing.T) {
	k1 := make([]byte, 32)
	k2 := make([]byte, 32)
	k2[0] = 1
	old, _ := NewKeyring("k1", map[string][]byte{"k1": k1})
	sealed := old.Seal("JBSWY3DPEHPK3PXP", "officer-1")
	if strings.Contains(sealed, "JBSWY3DPEHPK3PXP") || !strings.HasPrefix(sealed, "k1:") {
		t.Fatalf("sealed value leaks or lacks its key ID: %q", sealed)
	}
	rotated, err := NewKeyring("k2", map[string][]byte{"k1": k1, "k2": k2})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := rotated.Open(sealed, "officer-1"); err != nil || got != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("old value after rotation: %q %v", got, err)
	}
	if !strings.HasPrefix(rotated.Seal("x", "a"), "k2:") {
		t.Fatal("new values must use the current key")
	}
	if _, err := rotated.Open(sealed, "officer-2"); err == nil {
		t.Fatal("a sealed value opened for another row")
	}
	if _, err := NewKeyring("k1", map[string][]byte{"k1": k1[:16]}); err == nil {
		t.Fatal("short key accepted")
	}
}

func TestRateLimiter(t *testing.T) {
	l := &RateLimiter{Limit: 3, Window: time.Minute}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 3 {
		if !l.Allow("1.2.3.4", now.Add(time.Duration(i)*time.Second)) {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if l.Allow("1.2.3.4", now.Add(3*time.Second)) {
		t.Fatal("fourth attempt in the window allowed")
	}
	if !l.Allow("5.6.7.8", now.Add(3*time.Second)) {
		t.Fatal("another address limited")
	}
	if !l.Allow("1.2.3.4", now.Add(61*time.Second)) {
		t.Fatal("attempt after the window refused")
	}
}

func TestPermissions(t *testing.T) {
	for _, c := range []struct {
		role org.Role
		perm Permission
		want bool
	}{
		{org.Admin, ManageOrg, true},
		{org.Clerk, ManageOrg, false},
		{org.Clerk, ViewOrg, false},
		{org.Clerk, ViewDashboard, true},
		{org.Auditor, ViewAudit, true},
		{org.Auditor, ManageOrg, false}, // read-only
		{org.Director, ViewReports, true},
		{org.Statistician, ViewReports, true},
		{org.Statistician, ViewAudit, false},
		{org.Liaison, ViewOrg, false},
	} {
		p := &Principal{Role: c.role}
		if got := p.Can(c.perm); got != c.want {
			t.Errorf("%s can %s = %v, want %v", c.role, c.perm, got, c.want)
		}
	}
	var nobody *Principal
	if nobody.Can(ViewDashboard) {
		t.Error("nil principal has a permission")
	}
	spec := &Principal{Role: org.Specialist, UnitID: "u1"}
	if !spec.CanActOnUnit("u1") || spec.CanActOnUnit("u2") || spec.CanActOnUnit("") {
		t.Error("unit scope of a specialist")
	}
	if !(&Principal{Role: org.Director}).CanActOnUnit("u2") {
		t.Error("director is tenant-wide")
	}
}
