package envelope

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"
)

func key() []byte { b := make([]byte, 32); rand.Read(b); return b }

func TestSealOpenBindsAAD(t *testing.T) {
	k1 := key()
	kr, err := NewKeyring([]string{"k1"}, map[string][]byte{"k1": k1})
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("Trộm cắp tài sản")
	s := kr.Seal(msg, "t1|c1")
	if strings.Contains(s, "Trộm") || bytes.Contains([]byte(s), msg) {
		t.Fatal("plaintext visible in sealed value")
	}
	got, err := kr.Open(s, "t1|c1")
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("open: %q %v", got, err)
	}
	for _, aad := range []string{"t2|c1", "t1|c2", ""} {
		if _, err := kr.Open(s, aad); err == nil {
			t.Fatalf("opened with wrong aad %q", aad)
		}
	}
	// Tampering with any part fails.
	b := []byte(s)
	b[len(b)-3] ^= 1
	if _, err := kr.Open(string(b), "t1|c1"); err == nil {
		t.Fatal("tampered value opened")
	}
	if s2 := kr.Seal(msg, "t1|c1"); s2 == s {
		t.Fatal("two seals of the same value are equal: data keys or nonces are not random")
	}
}

func TestRotationAndRewrap(t *testing.T) {
	k1, k2 := key(), key()
	old, _ := NewKeyring([]string{"k1"}, map[string][]byte{"k1": k1})
	s := old.Seal([]byte("bản án 12/2024/HS-ST"), "t|r")
	// A new master key is added first in the file: it becomes current.
	kr, err := NewKeyring([]string{"k2", "k1"}, map[string][]byte{"k1": k1, "k2": k2})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := kr.Open(s, "t|r"); err != nil || string(got) != "bản án 12/2024/HS-ST" {
		t.Fatalf("old record after adding a key: %q %v", got, err)
	}
	if KeyID(kr.Seal([]byte("x"), "a")) != "k2" {
		t.Fatal("new values must use the current key")
	}
	r, changed, err := kr.Rewrap(s, "t|r")
	if err != nil || !changed || KeyID(r) != "k2" {
		t.Fatalf("rewrap: %v %v %q", changed, err, KeyID(r))
	}
	// The record ciphertext is unchanged; only the wrapped key differs.
	if strings.Split(r, ".")[3] != strings.Split(s, ".")[3] {
		t.Fatal("rewrap changed the record ciphertext")
	}
	if _, changed, _ := kr.Rewrap(r, "t|r"); changed {
		t.Fatal("second rewrap changed a current value")
	}
	// After rewrapping, the old key can be retired.
	only2, _ := NewKeyring([]string{"k2"}, map[string][]byte{"k2": k2})
	if got, err := only2.Open(r, "t|r"); err != nil || string(got) != "bản án 12/2024/HS-ST" {
		t.Fatalf("rewrapped record with the new key only: %v", err)
	}
	if _, err := only2.Open(s, "t|r"); err == nil {
		t.Fatal("a value wrapped with a retired key opened")
	}
	if _, _, err := kr.Rewrap(s, "other"); err == nil {
		t.Fatal("rewrap with wrong aad succeeded")
	}
}

func TestRebindAndIndex(t *testing.T) {
	kr, _ := NewKeyring([]string{"k2", "k1"}, map[string][]byte{"k1": key(), "k2": key()})
	s := kr.Seal([]byte("x"), "A|1")
	r, err := kr.Rebind(s, "A|1", "B|1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Open(r, "A|1"); err == nil {
		t.Fatal("rebound value still opens for the old tenant")
	}
	if got, err := kr.Open(r, "B|1"); err != nil || string(got) != "x" {
		t.Fatal("rebound value does not open for the new tenant")
	}
	a, b := kr.Index("t", "082190001234"), kr.Index("t", "082190001234")
	if len(a) != 2 || a[0] != b[0] || a[0] == a[1] || !strings.HasPrefix(a[0], "k2.") {
		t.Fatalf("index: %v", a)
	}
	if kr.Index("u", "082190001234")[0] == a[0] {
		t.Fatal("index not scoped")
	}
	if _, err := NewKeyring([]string{"k1"}, map[string][]byte{"k1": make([]byte, 16)}); err == nil {
		t.Fatal("short key accepted")
	}
}

// BenchmarkSealOpen seals and opens a conviction-sized record (≈600 bytes).
func BenchmarkSealOpen(b *testing.B) {
	kr, _ := NewKeyring([]string{"k1"}, map[string][]byte{"k1": key()})
	msg := []byte(strings.Repeat("Trộm cắp tài sản, Điều 173; ", 20))
	b.ReportAllocs()
	for b.Loop() {
		s := kr.Seal(msg, "t|r")
		if _, err := kr.Open(s, "t|r"); err != nil {
			b.Fatal(err)
		}
	}
}
