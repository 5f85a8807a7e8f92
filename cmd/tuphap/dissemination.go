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
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/contest"
	"tuphap/internal/demo"
	"tuphap/internal/dissemination"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/web"
)

// disseminationCLI opens the database and finds the department whose
// register the command reads or writes.
func disseminationCLI(ctx context.Context, e *env, dsn, keyFile, tenant string) (*app, org.Tenant, *dissemination.Service, *adminunit.List, error) {
	units, err := adminunit.Builtin()
	if err != nil {
		return nil, org.Tenant{}, nil, nil, err
	}
	a, err := openCLI(ctx, e, dsn, keyFile, false)
	if err != nil {
		return nil, org.Tenant{}, nil, nil, err
	}
	t, err := a.db.Auth().TenantByCode(ctx, strings.ToUpper(tenant))
	if err != nil {
		a.Close()
		return nil, org.Tenant{}, nil, nil, userErr(notFound(err, "không tìm thấy cơ quan "+tenant))
	}
	return a, t, &dissemination.Service{Store: a.db.Dissemination(), InProvince: units.InProvince}, units, nil
}

// importDissemination: tuphap import dissemination --db DSN --tenant DEPARTMENT FILE.jsonl
func importDissemination(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import dissemination", "Nhập sổ hoạt động phổ biến, giáo dục pháp luật (JSON Lines, mỗi dòng một hoạt động; hoặc XLSX: dòng 1 ghi tên trường, mỗi dòng sau một hoạt động). Tất cả hoặc không:\n"+
		"một dòng sai thì không nhập hoạt động nào và báo số dòng. Trường: held_on (YYYY-MM-DD), theme, audience, channel\n"+
		"(in_person, broadcast, online, contest, print, bookshelf, counselling), participants; tùy chọn: commune_code (trống: Sở Tư pháp),\n"+
		"documents, place, women, cost_vnd, organiser, plan_task, handouts [{material, kind, copies}].")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp của tỉnh)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	if fs.NArg() != 1 {
		return usageError("cần đúng một tệp JSON Lines hoặc XLSX")
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	f, err := importFile(fs.Arg(0), dissemination.Record{})
	if err != nil {
		return err
	}
	defer f.Close()
	acts, err := dissemination.ReadRecords(f)
	if err != nil {
		return userErr(err)
	}
	a, t, svc, _, err := disseminationCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := svc.Import(ctx, dissemination.Actor{Name: "cli"}, dissemination.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, acts)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d hoạt động phổ biến, giáo dục pháp luật vào %s.\n", n, t.Code)
	return nil
}

// exportDissemination: tuphap export dissemination --db DSN --tenant DEPARTMENT [--commune C] [--out FILE]
func exportDissemination(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export dissemination", "Xuất sổ hoạt động phổ biến, giáo dục pháp luật (JSON Lines, cùng dạng với import dissemination).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp của tỉnh)")
	commune := fs.String("commune", "", "chỉ xã, phường, đặc khu này (mã 5 chữ số)")
	out := fs.String("out", "", "tệp đích (mặc định: đầu ra chuẩn)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	a, t, _, _, err := disseminationCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	w := e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	for off := 0; ; off += 500 {
		acts, err := a.db.Dissemination().Activities(ctx, t.ID, dissemination.ActivityFilter{CommuneCode: *commune, Limit: 500, Offset: off})
		if err != nil {
			return err
		}
		for _, act := range acts {
			if err := enc.Encode(dissemination.RecordOf(act)); err != nil {
				return err
			}
			n++
		}
		if len(acts) < 500 {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "Đã xuất %d hoạt động phổ biến, giáo dục pháp luật.\n", n)
	}
	return nil
}

// reportDissemination: tuphap report dissemination --db DSN --tenant CODE --from D --to D [--commune C] --format json|xlsx|pdf [--out FILE]
func reportDissemination(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report dissemination", "Số liệu phổ biến, giáo dục pháp luật của tỉnh (hoặc một xã) trong kỳ: hoạt động, lượt người,\n"+
		"tài liệu cấp phát theo tài liệu và theo đơn vị, báo cáo viên, tuyên truyền viên (cùng số liệu với màn hình).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp của tỉnh)")
	ra := periodReportFlags(fs, "json", "xlsx", "pdf")
	commune := fs.String("commune", "", "chỉ xã, phường, đặc khu này (mã 5 chữ số)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	if err := ra.check(); err != nil {
		return err
	}
	lo, hi := ra.From, ra.To
	a, t, svc, units, err := disseminationCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	if *commune != "" && !units.InProvince(*commune, t.ProvinceCode) {
		return usageError("mã xã " + *commune + " không thuộc tỉnh của " + t.Code)
	}
	rep, err := svc.Report(ctx, dissemination.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode, CommuneCode: *commune}, dissemination.Period{From: lo, To: hi})
	if err != nil {
		return userErr(err)
	}
	w, done, err := output(e, ra.Out())
	if err != nil {
		return err
	}
	place := "Toàn tỉnh"
	if *commune != "" {
		place = units.NameOn(*commune, hi)
	}
	name := func(code string) string {
		if code == "" {
			return "Sở Tư pháp"
		}
		return units.NameOn(code, hi)
	}
	switch ra.Format() {
	case "xlsx":
		return done(render.StatsXLSX(w, render.DisseminationSheet(rep, t.Name, place, name)))
	case "pdf":
		return done(render.StatsPDF(w, render.DisseminationSheet(rep, t.Name, place, name)))
	}
	return done(writeJSON(w, rep))
}

// loadDisseminationDemo fills the demo department's dissemination register.
func loadDisseminationDemo(ctx context.Context, a *app, t org.Tenant, out io.Writer) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	svc := &dissemination.Service{Store: a.db.Dissemination(), InProvince: units.InProvince}
	if err := demo.LoadDissemination(ctx, svc, units, dissemination.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, time.Now(), out); err != nil {
		return err
	}
	// The year's online contest (the dissemination council's, seed 002).
	return demo.LoadContest(ctx, &contest.Service{Store: a.db.Contests()}, a.db.Contests(), t.ID, t.ProvinceCode, units.Communes(t.ProvinceCode), time.Now(), out)
}

// enableDissemination turns on the legal dissemination screens.
func enableDissemination(srv *web.Server, a *app) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	srv.EnableDissemination(&web.Dissemination{Service: &dissemination.Service{Store: a.db.Dissemination(), InProvince: units.InProvince}, Units: units})
	return nil
}
