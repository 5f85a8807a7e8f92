package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one subcommand.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, e *env, args []string) error
}

// env is what every subcommand gets: the process's environment, standard
// input and output. Tests call run with their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
}

func commands() []command {
	return []command{
		{"serve", "chạy máy chủ web (mặc định SQLite: data/tuphap.db)", cmdServe},
		{"migrate", "cập nhật cấu trúc cơ sở dữ liệu", cmdMigrate},
		{"demo", "nạp dữ liệu mẫu (một lần)", cmdDemo},
		{"tenant", "quản lý cơ quan: tenant add | tenant list", cmdTenant},
		{"user", "quản lý tài khoản cán bộ: user add | user passwd", cmdUser},
		{"token", "mã truy cập API: token create, list, revoke", cmdToken},
		{"calendar", "lịch làm việc: calendar due | holidays | lunar | load", cmdCalendar},
		{"import", "nhập dữ liệu từ hệ thống cũ: import dossiers | mediation | legalaid | petitions | lawdocs | practitioners | emulation FILE.jsonl", cmdImport},
		{"export", "xuất dữ liệu: export dossiers | mediation | legalaid | petitions | lawdocs | practitioners | emulation", cmdExport},
		{"backup", "sao lưu cơ sở dữ liệu", cmdBackup},
		{"audit", "nhật ký hệ thống: audit verify [--anchor FILE], audit anchor --out FILE", cmdAudit},
		{"bench", "đo tốc độ (tiếp nhận, HTTP, bộ nhớ) trên cơ sở dữ liệu tạm", cmdBench},
		{"transfer", "chuyển giao chức năng (thủ tục) sang cơ quan khác", cmdTransfer},
		{"jr", "lý lịch tư pháp: jr rewrap (bọc lại khóa sau khi đổi khóa chủ)", cmdJR},
		{"report", "báo cáo thống kê: report tthc | index | mediation | legalaid | petitions | lawdocs | practitioners | emulation | annual | rebuild | bench", cmdReport},
		{"petitions", "đơn thư: petitions due (tính thời hạn khiếu nại, tố cáo, kiến nghị phản ánh)", cmdPetitions},
		{"gen", "sinh hồ sơ giả lập để đo hiệu năng: gen dossiers", cmdGen},
		{"version", "in phiên bản", func(ctx context.Context, e *env, args []string) error {
			fmt.Fprintln(e.stdout, "tuphap", version)
			return nil
		}},
	}
}

// run is the whole program; main only wires the process to it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return err
		}
	}
	usage(stdout)
	return usageError(fmt.Sprintf("lệnh không tồn tại: %q", args[0]))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tuphap: hệ thống nghiệp vụ của Sở Tư pháp")
	fmt.Fprintln(w, "\nCách dùng: tuphap <lệnh> [tùy chọn]   (tuphap <lệnh> --help để xem tùy chọn)")
	fmt.Fprintln(w, "\nCác lệnh:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nBiến môi trường: TUPHAP_DB, TUPHAP_ADDR, TUPHAP_LOG_FORMAT (text|json), TUPHAP_LOG_LEVEL,")
	fmt.Fprintln(w, "TUPHAP_KEY_FILE, TUPHAP_COOKIE_SECURE, TUPHAP_DEMO. Cờ dòng lệnh được ưu tiên hơn biến môi trường.")
}

// usageError is a mistake on the command line (exit code 2).
type usageError string

func (e usageError) Error() string { return string(e) }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// newFlags makes a flag set that prints its usage to stdout and returns
// errors instead of exiting.
func newFlags(e *env, name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Cách dùng: tuphap %s [tùy chọn]\n%s\n\nTùy chọn:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and rejects stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("đối số thừa: " + strings.Join(fs.Args(), " "))
	}
	return nil
}

// envOr returns the environment variable or a default.
func envOr(e *env, name, def string) string {
	if v := e.getenv(name); v != "" {
		return v
	}
	return def
}

// dbFlag adds the --db flag with its environment default.
func dbFlag(fs *flag.FlagSet, e *env) *string {
	return fs.String("db", envOr(e, "TUPHAP_DB", "sqlite:data/tuphap.db"), "cơ sở dữ liệu: sqlite:ĐƯỜNG_DẪN hoặc postgres://... (TUPHAP_DB)")
}

// requireFlags reports the first missing required flag.
func requireFlags(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return usageError("thiếu tùy chọn --" + pairs[i])
		}
	}
	return nil
}
