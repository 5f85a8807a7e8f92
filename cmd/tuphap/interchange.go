package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// cmdImport: tuphap import dossiers --db DSN --tenant CODE FILE.jsonl
func cmdImport(ctx context.Context, e *env, args []string) error {
	if run, ok := registerCommand(args, func(r registerCLI) runFunc { return r.imp }); ok {
		return run(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "dossiers" {
		return usageError("cách dùng: tuphap import dossiers|" + registerNames(func(r registerCLI) runFunc { return r.imp }) + " --db DSN --tenant CODE TỆP.jsonl")
	}
	fs := newFlags(e, "import dossiers", "Nhập hồ sơ từ hệ thống cũ (JSON Lines, mỗi dòng một hồ sơ). Tất cả hoặc không:\n"+
		"một dòng sai thì không nhập hồ sơ nào và báo số dòng. Trường: code, procedure_code, procedure_name, field, channel,\n"+
		"submitted_at, accepted_at, due_at, finished_at, returned_at, ended, unit, late_unit.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	if fs.NArg() != 1 {
		return usageError("cần đúng một tệp JSON Lines")
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
	}
	n, err := a.dossiers.Import(ctx, dossier.Actor{Name: "cli", Role: "admin"}, t.ID, bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d hồ sơ vào %s.\n", n, t.Code)
	return nil
}

// cmdExport: tuphap export dossiers --db DSN --tenant CODE [--from D --to D] [--out FILE]
func cmdExport(ctx context.Context, e *env, args []string) error {
	if run, ok := registerCommand(args, func(r registerCLI) runFunc { return r.exp }); ok {
		return run(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "dossiers" {
		return usageError("cách dùng: tuphap export dossiers --db DSN --tenant CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out TỆP]")
	}
	fs := newFlags(e, "export dossiers", "Xuất hồ sơ (JSON Lines) theo ngày tiếp nhận.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
	from := fs.String("from", "", "từ ngày (YYYY-MM-DD)")
	to := fs.String("to", "", "đến ngày (YYYY-MM-DD)")
	out := fs.String("out", "", "tệp đích (mặc định: đầu ra chuẩn)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	var lo, hi calendar.Date
	var err error
	if *from != "" {
		if lo, err = calendar.ParseDate(*from); err != nil {
			return usageError("--from không hợp lệ")
		}
	}
	if *to != "" {
		if hi, err = calendar.ParseDate(*to); err != nil {
			return usageError("--to không hợp lệ")
		}
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600) // personal data: owner only
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	n := 0
	err = sqlstore.DossierStore{DB: a.db}.ExportDossiers(ctx, t.ID, lo, hi, func(d *dossier.Dossier) error {
		n++
		return enc.Encode(dossier.ToRecord(d))
	})
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "Đã xuất %d hồ sơ ra %s.\n", n, *out)
	}
	return nil
}
