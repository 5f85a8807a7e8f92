package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// README's configuration table says what settings says: every variable
// with its flag and default, once; and every TUPHAP_* variable the program
// reads is a row.
func TestREADMEConfigurationTable(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(raw), "## Configuration")
	if !ok {
		t.Fatal("README has no Configuration section")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	seen := map[string]bool{}
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.ReplaceAll(line, `\|`, "¦"), "|")
		if !strings.HasPrefix(line, "| `TUPHAP_") || len(cells) < 5 {
			continue
		}
		envs := splitCodes(cells[1])
		flags := splitCodes(cells[2])
		def := strings.TrimSpace(cells[3])
		for i, env := range envs {
			s, ok := setting(env)
			if !ok {
				t.Errorf("README documents %s, which is not in settings", env)
				continue
			}
			if seen[env] {
				t.Errorf("README lists %s twice", env)
			}
			seen[env] = true
			flag := ""
			if i < len(flags) {
				flag = flags[i]
			}
			if flag != s.Flag {
				t.Errorf("%s: README flag %q, settings %q", env, flag, s.Flag)
			}
			if def != s.Default {
				t.Errorf("%s: README default %q, settings %q", env, def, s.Default)
			}
		}
	}
	for _, s := range settings {
		if !seen[s.Env] {
			t.Errorf("%s is not in README's configuration table", s.Env)
		}
	}
	// Every variable the program reads is a row.
	re := regexp.MustCompile(`"(TUPHAP_[A-Z0-9_]+)"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			if _, ok := setting(m[1]); !ok {
				t.Errorf("%s reads %s, which is not in settings", f, m[1])
			}
		}
	}
}

// Settings are read only through the environment run is given: no
// os.Getenv outside main (which hands it to run) and the test helpers.
func TestNoDirectGetenv(t *testing.T) {
	t.Parallel()
	allowed := map[string]bool{"main.go": true, "../../internal/sqlstore/storetest/storetest.go": true, "../../internal/sqlstore/storetest/plan.go": true}
	var files []string
	for _, dir := range []string{".", "../../internal"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("only %d files found", len(files))
	}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if strings.Contains(string(src), "os.Getenv(") && !allowed[f] {
			t.Errorf("%s calls os.Getenv; read settings through the env run is given (config.go)", f)
		}
	}
}

func splitCodes(cell string) []string {
	var out []string
	for _, p := range strings.Split(cell, ",") {
		if p = strings.Trim(strings.TrimSpace(p), "`"); p != "" {
			out = append(out, p)
		}
	}
	return out
}
