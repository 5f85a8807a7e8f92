package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/demo"
	"tuphap/internal/org"
)

// README for the next newcomer (issue 14, item 17): every role listed, no
// variable twice in the configuration table, no link to documents that
// exist only beside a checkout, and the demo's start: the accounts' table,
// the director first, how to pick the agency.
func TestReadmeForNewcomers(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	roles := regexp.MustCompile("(?m)^Roles: (.*(?:\n.*)*?)\\. ").FindStringSubmatch(readme)
	if roles == nil {
		t.Fatal("README has no role list")
	}
	for _, r := range org.Roles {
		if !strings.Contains(roles[1], "`"+string(r)+"`") {
			t.Errorf("the role list lacks %s", r)
		}
	}
	seen := map[string]int{}
	for _, m := range regexp.MustCompile("(?m)^\\| ((?:`TUPHAP_[A-Z_0-9]+`(?:, )?)+) \\|").FindAllStringSubmatch(readme, -1) {
		for _, v := range regexp.MustCompile("TUPHAP_[A-Z_0-9]+").FindAllString(m[1], -1) {
			seen[v]++
		}
	}
	if len(seen) < 10 {
		t.Fatalf("configuration table not found (%d variables)", len(seen))
	}
	for v, n := range seen {
		if n > 1 {
			t.Errorf("%s is listed %d times in the configuration table", v, n)
		}
	}
	if strings.Contains(readme, "../shared") {
		t.Error("README points at ../shared, which exists only beside the authors' checkout")
	}
	giamdoc := strings.Index(readme, "`giamdoc`")
	if giamdoc < 0 || strings.Index(readme, "`motcua`") < giamdoc || !strings.Contains(readme, "demo-accounts.txt") || !strings.Contains(readme, "**Cơ quan**") {
		t.Error("README does not say which demo account to start with, where the accounts are written, or how to pick the agency")
	}
	for _, o := range demo.Officers {
		if !strings.Contains(readme, "`"+o.Username+"`") {
			t.Errorf("README does not say what the demo account %s shows", o.Username)
		}
	}
}
