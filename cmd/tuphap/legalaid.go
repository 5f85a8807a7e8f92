package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"tuphap/internal/calendar"
	"tuphap/internal/legalaid"
	"tuphap/internal/org"
	"tuphap/internal/render"
)

// legalAidService is the legal-aid register over the database, counting
// working days on each tenant's own calendar.
func legalAidService(a *app) *legalaid.Service {
	return &legalaid.Service{Store: a.db.LegalAid(), Now: a.db.Now,
		Calendar: func(ctx context.Context, tenantID string) (*calendar.RuleBook, error) {
			t, err := a.db.Org().Tenant(ctx, tenantID)
			if err != nil {
				return nil, err
			}
			return a.cal.Book(ctx, tenantID, t.Hours)
		}}
}

// legalAidCLI opens the database and finds the department.
func legalAidCLI(ctx context.Context, e *env, dsn, keyFile, tenant string) (*app, org.Tenant, *legalaid.Service, error) {
	a, err := openCLI(ctx, e, dsn, keyFile, false)
	if err != nil {
		return nil, org.Tenant{}, nil, err
	}
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(tenant))
	if err != nil {
		a.Close()
		return nil, org.Tenant{}, nil, userErr(notFound(err, "không tìm thấy cơ quan "+tenant))
	}
	return a, t, legalAidService(a), nil
}

// importLegalAid: tuphap import legalaid --db DSN --tenant CODE FILE.jsonl
func importLegalAid(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import legalaid", "Nhập sổ vụ việc trợ giúp pháp lý (JSON Lines, mỗi dòng một vụ việc; hoặc XLSX: dòng 1 ghi tên trường, mỗi dòng sau một vụ việc). Tất cả hoặc không:\n"+
		"một dòng sai thì không nhập vụ việc nào và báo số dòng. Trường: unit, channel, requested_on, requester{full_name,…},\n"+
		"group (K1…K7h theo Điều 7 có hiệu lực ngày yêu cầu), form (TGTT, TV, DDNTT), field, status, accepted_on, code,\n"+
		"refused_on, reason, provider, assigned_on, closed_on, result, assessment{method,rating,on}, fee_vnd.\n"+
		"Vụ việc đã thụ lý không có code được cấp số tiếp theo của đơn vị và năm.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp)")
	units := fs.String("units", "", "khai báo đơn vị trước khi nhập: TT=Trung tâm …,CN1=Chi nhánh số 1")
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
	f, err := importFile(fs.Arg(0), legalaid.Record{})
	if err != nil {
		return err
	}
	defer f.Close()
	a, t, svc, err := legalAidCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	actor := legalaid.Actor{Name: "cli"}
	if *units != "" {
		for _, kv := range strings.Split(*units, ",") {
			code, name, ok := strings.Cut(kv, "=")
			if !ok {
				return usageError("--units có dạng MÃ=Tên,MÃ=Tên")
			}
			if _, err := svc.SaveUnit(ctx, actor, t.ID, legalaid.Unit{Code: code, Name: name}); err != nil {
				return userErr(err)
			}
		}
	}
	recs, err := legalaid.ParseRecords(f)
	if err != nil {
		return userErr(err)
	}
	n, err := svc.Import(ctx, actor, t.ID, recs)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d vụ việc trợ giúp pháp lý vào %s.\n", n, t.Code)
	return nil
}

// exportLegalAid: tuphap export legalaid --db DSN --tenant CODE [--out FILE]
func exportLegalAid(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export legalaid", "Xuất sổ vụ việc trợ giúp pháp lý (JSON Lines, cùng dạng với import legalaid).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp)")
	out := fs.String("out", "", "tệp đích (mặc định: đầu ra chuẩn)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	a, t, svc, err := legalAidCLI(ctx, e, *dsn, *keyFile, *tenant)
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
	ps, err := svc.Store.Providers(ctx, t.ID)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, p := range ps {
		names[p.ID] = p.FullName
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	n, after := 0, ""
	for {
		cs, err := svc.Store.Cases(ctx, t.ID, legalaid.CaseFilter{Limit: 500, After: after})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := enc.Encode(legalaid.RecordOf(c, names[c.ProviderID])); err != nil {
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
		fmt.Fprintf(e.stdout, "Đã xuất %d vụ việc trợ giúp pháp lý.\n", n)
	}
	return nil
}

// reportLegalAid: tuphap report legalaid --db DSN --tenant CODE --from D --to D [--unit U] --format json|xlsx|pdf [--out FILE]
func reportLegalAid(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report legalaid", "Số liệu trợ giúp pháp lý trong kỳ: yêu cầu, thụ lý, từ chối, đang thực hiện, đã kết thúc,\n"+
		"lượt người, chất lượng; theo hình thức × lĩnh vực × diện và theo đơn vị (cùng số liệu với màn hình và API).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp)")
	ra := periodReportFlags(fs, "json", "xlsx", "pdf")
	unit := fs.String("unit", "", "chỉ đơn vị này (TT, CN1…)")
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
	a, t, svc, err := legalAidCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := svc.Figures(ctx, t.ID, *unit, legalaid.Period{From: lo, To: hi})
	if err != nil {
		return userErr(err)
	}
	w, done, err := output(e, ra.Out())
	if err != nil {
		return err
	}
	switch ra.Format() {
	case "xlsx":
		return done(render.StatsXLSX(w, render.LegalAidSheet(rep, t.Name)))
	case "pdf":
		return done(render.StatsPDF(w, render.LegalAidSheet(rep, t.Name)))
	}
	return done(writeJSON(w, rep))
}
