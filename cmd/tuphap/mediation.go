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
	"tuphap/internal/contest"

	"tuphap/internal/adminunit"
	"tuphap/internal/demo"
	"tuphap/internal/mediation"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/web"
)

// mediationCLI opens the database and finds the department whose book the
// command reads or writes.
func mediationCLI(ctx context.Context, e *env, dsn, keyFile, tenant string) (*app, org.Tenant, *mediation.Service, *adminunit.List, error) {
	units, err := adminunit.Builtin()
	if err != nil {
		return nil, org.Tenant{}, nil, nil, err
	}
	a, err := openCLI(ctx, e, dsn, keyFile, false)
	if err != nil {
		return nil, org.Tenant{}, nil, nil, err
	}
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(tenant))
	if err != nil {
		a.Close()
		return nil, org.Tenant{}, nil, nil, userErr(notFound(err, "không tìm thấy cơ quan "+tenant))
	}
	svc := &mediation.Service{Store: a.db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn}
	return a, t, svc, units, nil
}

// importMediation: tuphap import mediation --db DSN --tenant DEPARTMENT FILE.jsonl
func importMediation(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import mediation", "Nhập sổ theo dõi hoạt động hòa giải ở cơ sở (JSON Lines, mỗi dòng một vụ việc; hoặc XLSX: dòng 1 ghi tên trường, mỗi dòng sau một vụ việc). Tất cả hoặc không:\n"+
		"một dòng sai thì không nhập vụ việc nào và báo số dòng. Trường: commune_code, team, received_on, kind\n"+
		"(land, family, civil, neighbours, other), outcome (successful, unsuccessful, stopped, in_progress), ended_on;\n"+
		"tùy chọn: origin, assigned_on, started_on, summary. Tổ hòa giải chưa có được tạo theo tên trong xã.")
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
	f, err := importFile(fs.Arg(0), mediation.Record{})
	if err != nil {
		return err
	}
	defer f.Close()
	a, t, svc, units, err := mediationCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	recs, err := mediation.ReadRecords(f,
		func(c string) bool { return units.InProvince(c, t.ProvinceCode) }, a.db.Now())
	if err != nil {
		return err
	}
	sc := mediation.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}
	n, teams, err := svc.Import(ctx, mediation.Actor{Name: "cli"}, sc, recs)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d vụ việc hòa giải vào %s (%d tổ hòa giải mới).\n", n, t.Code, teams)
	return nil
}

// exportMediation: tuphap export mediation --db DSN --tenant DEPARTMENT [--commune C] [--out FILE]
func exportMediation(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export mediation", "Xuất sổ theo dõi hoạt động hòa giải (JSON Lines, cùng dạng với import mediation).")
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
	a, t, _, _, err := mediationCLI(ctx, e, *dsn, *keyFile, *tenant)
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
	store := a.db.Mediation()
	teams, err := store.Teams(ctx, t.ID, *commune)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, tm := range teams {
		names[tm.ID] = tm.Name
	}
	enc := json.NewEncoder(bw)
	n, after := 0, ""
	for {
		cs, err := store.Cases(ctx, t.ID, mediation.CaseFilter{CommuneCode: *commune, Limit: 500, After: after})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := enc.Encode(mediation.RecordOf(c, names[c.TeamID])); err != nil {
				return err
			}
			n++
		}
		if len(cs) < 500 {
			break
		}
		after = cs[len(cs)-1].ID
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "Đã xuất %d vụ việc hòa giải.\n", n)
	}
	return nil
}

// reportMediation: tuphap report mediation --db DSN --tenant CODE --from D --to D [--commune C] --format json|xlsx|pdf [--out FILE]
func reportMediation(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report mediation", "Số liệu hòa giải ở cơ sở của tỉnh (hoặc một xã) trong kỳ: thụ lý (kỳ trước chuyển sang + mới),\n"+
		"thành, không thành, dừng, đang hòa giải, tỷ lệ hòa giải thành = thành ÷ thụ lý; theo từng xã.")
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
	a, t, svc, units, err := mediationCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	sc := mediation.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode, CommuneCode: *commune}
	if *commune != "" && !units.InProvince(*commune, t.ProvinceCode) {
		return usageError("mã xã " + *commune + " không thuộc tỉnh của " + t.Code)
	}
	rep, err := svc.Figures(ctx, sc, mediation.Period{From: lo, To: hi}, units.Communes(t.ProvinceCode))
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
	switch ra.Format() {
	case "xlsx":
		return done(render.StatsXLSX(w, render.MediationSheet(rep, t.Name, place)))
	case "pdf":
		return done(render.StatsPDF(w, render.MediationSheet(rep, t.Name, place)))
	}
	return done(writeJSON(w, rep))
}

// loadMediationDemo fills the demo department's mediation book (a year of
// twelve communes of its province).
func loadMediationDemo(ctx context.Context, a *app, t org.Tenant, out io.Writer) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	svc := &mediation.Service{Store: a.db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn}
	return demo.LoadMediation(ctx, demo.Mediation{Service: svc, Clubs: a.db.Mediation(), Units: units},
		mediation.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, time.Now(), out)
}

// enableMediation turns on the grassroots mediation screens.
func enableMediation(srv *web.Server, a *app) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	srv.EnableMediation(&web.Mediation{Service: &mediation.Service{Store: a.db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn},
		Clubs: a.db.Mediation(), Units: units})
	return nil
}

// enableContests turns on the online contests (web/contestweb).
func enableContests(srv *web.Server, a *app) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	srv.EnableContests(&web.Contests{Service: &contest.Service{Store: a.db.Contests()}, Units: units})
	return nil
}
