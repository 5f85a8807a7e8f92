package main

import (
	"flag"
	"io"
	"strings"
	"testing"
)

// TestReportArgs: every register's report refuses the same bad flags with
// the same words, before it opens the database.
func TestReportArgs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // "" = accepted
	}{
		{[]string{"--from", "2026-01-01", "--to", "2026-06-30"}, ""},
		{[]string{"--from", "2026-01-01", "--to", "2026-06-30", "--format", "xlsx", "--out", "a.xlsx"}, ""},
		{[]string{"--to", "2026-06-30"}, "--from"},
		{[]string{"--from", "01/01/2026", "--to", "2026-06-30"}, "--from phải có dạng YYYY-MM-DD"},
		{[]string{"--from", "2026-01-01", "--to", "2026-13-01"}, "--to phải có dạng YYYY-MM-DD"},
		{[]string{"--from", "2026-06-30", "--to", "2026-01-01"}, "--to không được trước --from"},
		{[]string{"--from", "2026-01-01", "--to", "2026-06-30", "--format", "docx"}, "--format phải là json, xlsx hoặc pdf"},
		{[]string{"--from", "2026-01-01", "--to", "2026-06-30", "--format", "pdf"}, "--format pdf cần --out TỆP"},
	} {
		fs := flag.NewFlagSet("report x", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		ra := periodReportFlags(fs, "json", "xlsx", "pdf")
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		err := ra.check()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%v: refused: %v", c.args, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
}

// TestRegisterCommands: every register in the table answers import,
// export and report under each of its names, and the usage lines list it.
func TestRegisterCommands(t *testing.T) {
	for _, r := range registerCLIs {
		for _, n := range r.names {
			for _, pick := range []func(registerCLI) runFunc{
				func(r registerCLI) runFunc { return r.imp },
				func(r registerCLI) runFunc { return r.exp },
				func(r registerCLI) runFunc { return r.report },
			} {
				if _, ok := registerCommand([]string{n}, pick); !ok {
					t.Errorf("%s: a command is missing", n)
				}
				if !strings.Contains("|"+registerNames(pick)+"|", "|"+r.names[0]+"|") {
					t.Errorf("usage does not name %s", r.names[0])
				}
			}
		}
	}
	if _, ok := registerCommand([]string{"dossiers"}, func(r registerCLI) runFunc { return r.imp }); ok {
		t.Error("dossiers is the one-stop's own command, not a register's")
	}
}
