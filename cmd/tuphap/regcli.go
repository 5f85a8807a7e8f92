package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"tuphap/internal/xlsxin"
)

// runFunc is a subcommand's body: it parses its own flags from args.
type runFunc func(ctx context.Context, e *env, args []string) error

// registerCLI is a register's interchange and report commands, so that
// `tuphap import|export|report NAME` finds every register in one table
// and the usage lines name them all. The first name is the one the README
// uses; the others are accepted spellings. A nil command is one the
// register does not have.
type registerCLI struct {
	names            []string
	imp, exp, report runFunc
}

var registerCLIs = []registerCLI{
	{names: []string{"mediation"}, imp: importMediation, exp: exportMediation, report: reportMediation},
	{names: []string{"dissemination"}, imp: importDissemination, exp: exportDissemination, report: reportDissemination},
	{names: []string{"legalaid"}, imp: importLegalAid, exp: exportLegalAid, report: reportLegalAid},
	{names: []string{"petitions", "petition"}, imp: importPetitions, exp: exportPetitions, report: reportPetitions},
	{names: []string{"lawdocs", "legaldoc", "legaldocs"}, imp: importLegalDocs, exp: exportLegalDocs, report: reportLegalDocs},
	{names: []string{"practitioners", "practitioner"}, imp: importPractitioners, exp: exportPractitioners, report: reportPractitioners},
	{names: []string{"emulation"}, imp: importEmulation, exp: exportEmulation, report: reportEmulation},
}

// registerCommand finds the register named by args[0] and the command
// pick chooses; ok is false when no register has that name.
func registerCommand(args []string, pick func(registerCLI) runFunc) (runFunc, bool) {
	if len(args) == 0 {
		return nil, false
	}
	for _, r := range registerCLIs {
		if slices.Contains(r.names, args[0]) {
			c := pick(r)
			return c, c != nil
		}
	}
	return nil, false
}

// registerNames lists the registers that have the command pick chooses,
// for usage lines ("mediation|legalaid|…").
func registerNames(pick func(registerCLI) runFunc) string {
	var ns []string
	for _, r := range registerCLIs {
		if pick(r) != nil {
			ns = append(ns, r.names[0])
		}
	}
	return strings.Join(ns, "|")
}

// reportArgs are the flags every register's report takes: the period
// (--from, --to as YYYY-MM-DD), the format and the output file. After
// check, From and To hold the period.
type reportArgs struct {
	from, to, format, out *string
	formats               []string
	From, To              time.Time
}

// periodReportFlags adds the report flags to fs; formats are the formats
// it writes, the first (json) being the default and the only one that may
// go to the screen.
func periodReportFlags(fs *flag.FlagSet, formats ...string) *reportArgs {
	r := &reportArgs{formats: formats}
	r.from = fs.String("from", "", "từ ngày YYYY-MM-DD")
	r.to = fs.String("to", "", "đến ngày YYYY-MM-DD")
	r.format = fs.String("format", formats[0], strings.Join(formats, ", ")+" ("+strings.Join(formats[1:], ", ")+" cần --out)")
	r.out = fs.String("out", "", "tệp kết quả (mặc định: màn hình)")
	return r
}

// check refuses a missing or malformed date, an unknown format, and a
// binary format without --out, in the words of the other commands.
func (r *reportArgs) check() error {
	if err := requireFlags("from", *r.from, "to", *r.to); err != nil {
		return err
	}
	if err := r.checkFormat(); err != nil {
		return err
	}
	var err error
	if r.From, err = time.Parse("2006-01-02", *r.from); err != nil {
		return usageError("--from phải có dạng YYYY-MM-DD")
	}
	if r.To, err = time.Parse("2006-01-02", *r.to); err != nil {
		return usageError("--to phải có dạng YYYY-MM-DD")
	}
	if r.To.Before(r.From) {
		return usageError("--to không được trước --from")
	}
	return nil
}

func (r *reportArgs) checkFormat() error {
	if !slices.Contains(r.formats, *r.format) {
		last := len(r.formats) - 1
		return usageError("--format phải là " + strings.Join(r.formats[:last], ", ") + " hoặc " + r.formats[last])
	}
	if *r.format != r.formats[0] && *r.out == "" {
		return usageError("--format " + *r.format + " cần --out TỆP")
	}
	return nil
}

// Format is the chosen format.
func (r *reportArgs) Format() string { return *r.format }

// Out is the --out path ("" for the screen).
func (r *reportArgs) Out() string { return *r.out }

// output opens the file a command writes (its standard output when path
// is empty). done closes it and is the command's last error: a write that
// failed only at close (a full disk) is reported, not lost.
func output(e *env, path string) (w io.Writer, done func(error) error, err error) {
	if path == "" {
		return e.stdout, func(err error) error { return err }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func(err error) error { return errors.Join(err, f.Close()) }, nil
}

// importFile opens a register's import file: JSON Lines as they are, or
// the first sheet of an XLSX workbook (the book officers keep in Excel)
// turned into JSON Lines typed as record's fields, row N being line N
// (package xlsxin). Either way the register's own reader judges the lines.
func importFile(path string, record any) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, userErr(err)
	}
	br := bufio.NewReaderSize(f, 1<<20)
	if head, _ := br.Peek(4); !xlsxin.IsXLSX(head) {
		return struct {
			io.Reader
			io.Closer
		}{br, f}, nil
	}
	defer f.Close()
	b, err := xlsxin.ToJSONL(br, record)
	if err != nil {
		return nil, userErr(err)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}
