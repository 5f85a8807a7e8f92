package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/gen"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
)

// cmdGen: tuphap gen dossiers --db DSN --tenants 34 --years 5 --count 10000000
func cmdGen(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "dossiers" {
		return usageError("cách dùng: tuphap gen dossiers --db DSN --tenants 34 --years 5 --count 10000000")
	}
	fs := newFlags(e, "gen dossiers", "Sinh hồ sơ giả lập (để đo hiệu năng báo cáo): mỗi cơ quan GEN-01, GEN-02, ... nhận số hồ sơ bằng nhau,\n"+
		"tiếp nhận rải đều trong các ngày làm việc của số năm đã cho, tính đến hôm nay.")
	dsn, keyFile := dbAndKey(fs, e)
	tenants := fs.Int("tenants", 34, "số cơ quan")
	years := fs.Int("years", 5, "số năm")
	count := fs.Int("count", 100000, "tổng số hồ sơ")
	batch := fs.Int("batch", 20000, "số hồ sơ mỗi giao dịch")
	seed := fs.Uint64("seed", 1, "hạt giống ngẫu nhiên")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *tenants < 1 || *tenants > 99 || *years < 1 || *years > 20 || *count < 1 || *batch < 1 {
		return usageError("--tenants 1–99, --years 1–20, --count và --batch phải dương")
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, true)
	if err != nil {
		return err
	}
	defer a.Close()
	procs, err := gen.Procedures()
	if err != nil {
		return err
	}
	today := calendar.DateOf(time.Now())
	from := today.AddDays(-365 * *years)
	start := time.Now()
	total := 0
	for i := 1; i <= *tenants; i++ {
		t, err := a.org.CreateTenant(ctx, cli, org.Tenant{Code: fmt.Sprintf("GEN-%02d", i),
			Name: fmt.Sprintf("Sở Tư pháp giả lập số %02d", i), AgencyID: fmt.Sprintf("000.00.00.G%02d", i), ProvinceCode: fmt.Sprintf("%02d", i)})
		if err != nil {
			return userErr(fmt.Errorf("tạo cơ quan GEN-%02d (cơ sở dữ liệu phải chưa có dữ liệu giả lập): %w", i, err))
		}
		n := *count / *tenants
		if i <= *count%*tenants {
			n++
		}
		cfg := gen.Config{TenantID: t.ID, AgencyID: t.AgencyID, IDPrefix: fmt.Sprintf("gen%02d-", i), From: from, To: today,
			Today: today, Count: n, Seed: *seed*1000 + uint64(i)}
		batches := make(chan []*dossier.Dossier, 2)
		errc := make(chan error, 1)
		go func() {
			buf := make([]*dossier.Dossier, 0, *batch)
			err := gen.Dossiers(cfg, procs, func(d *dossier.Dossier) error {
				buf = append(buf, d)
				if len(buf) == *batch {
					select {
					case batches <- buf:
					case <-ctx.Done():
						return ctx.Err()
					}
					buf = make([]*dossier.Dossier, 0, *batch)
				}
				return nil
			})
			if err == nil && len(buf) > 0 {
				batches <- buf
			}
			close(batches)
			errc <- err
		}()
		for b := range batches {
			entry := audit.Entry{TenantID: t.ID, Actor: cli.Name, Action: "dossier.generate", Object: "dossiers",
				Detail: fmt.Sprintf("%d hồ sơ giả lập", len(b))}
			if err := a.db.Dossiers().BulkInsertDossiers(ctx, b, entry); err != nil {
				for range batches {
				}
				return err
			}
			total += len(b)
		}
		if err := <-errc; err != nil {
			return err
		}
		el := time.Since(start).Seconds()
		fmt.Fprintf(e.stdout, "%s: %d hồ sơ; tổng %d hồ sơ trong %.1f s (%.0f hồ sơ/giây)\n", t.Code, n, total, el, float64(total)/el)
	}
	return nil
}

// cmdReport: tuphap report tthc | index | rebuild | bench
func cmdReport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError("cách dùng: tuphap report tthc|index|annual|" + registerNames(func(r registerCLI) runFunc { return r.report }) + "|rebuild|bench [tùy chọn]")
	}
	switch args[0] {
	case "tthc", "index":
		return reportTTHC(ctx, e, args[0], args[1:])
	case "rebuild":
		return reportRebuild(ctx, e, args[1:])
	case "bench":
		return reportBench(ctx, e, args[1:])
	case "annual":
		return reportAnnual(ctx, e, args[1:])
	}
	if run, ok := registerCommand(args, func(r registerCLI) runFunc { return r.report }); ok {
		return run(ctx, e, args[1:])
	}
	return usageError("cách dùng: tuphap report tthc|index|annual|" + registerNames(func(r registerCLI) runFunc { return r.report }) + "|rebuild|bench [tùy chọn]")
}

func reportTTHC(ctx context.Context, e *env, kind string, args []string) error {
	summary := "Báo cáo tình hình, kết quả giải quyết TTHC (Biểu số 06/VPCP/KSTT)."
	if kind == "index" {
		summary = "Các chỉ số đánh giá chất lượng phục vụ (Quyết định 766/QĐ-TTg) mà hệ thống có dữ liệu để tính."
	}
	fs := newFlags(e, "report "+kind, summary)
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", "", "mã cơ quan")
	all := fs.Bool("all", false, "toàn quốc (mọi cơ quan)")
	from := fs.String("from", "", "từ ngày YYYY-MM-DD")
	to := fs.String("to", "", "đến ngày YYYY-MM-DD")
	unit := fs.String("unit", "", "chỉ đơn vị xử lý này")
	field := fs.String("field", "", "chỉ lĩnh vực này")
	format := fs.String("format", "json", "json, xlsx hoặc pdf")
	out := fs.String("out", "", "tệp kết quả (mặc định: màn hình; xlsx và pdf bắt buộc)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if (*tenant == "") == !*all {
		return usageError("cần --tenant MÃ hoặc --all")
	}
	if err := requireFlags("from", *from, "to", *to); err != nil {
		return err
	}
	p, err := report.ParsePeriod(*from, *to)
	if err != nil {
		return userErr(err)
	}
	switch *format {
	case "json":
	case "xlsx", "pdf":
		if kind == "index" {
			return usageError("chỉ số 766 chỉ xuất JSON")
		}
		if *out == "" {
			return usageError("--format " + *format + " cần --out TỆP")
		}
	default:
		return usageError("--format phải là json, xlsx hoặc pdf")
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	scope := sqlstore.ReportScope{Filter: report.Filter{Unit: *unit, Field: *field}}
	title := "Toàn quốc"
	if !*all {
		t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
		if err != nil {
			return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
		}
		scope.TenantID, title = t.ID, t.Name
	}
	w := e.stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600) // personal data: owner only
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	r, err := a.db.Reports().Report(ctx, scope, p)
	if err != nil {
		return userErr(err)
	}
	if kind == "index" {
		c, err := a.db.Reports().IndexCounts(ctx, scope, p)
		if err == nil {
			err = a.db.Reports().IndexExtras(ctx, scope, p, &c)
		}
		if err == nil {
			err = a.db.Reports().SurveyIndex(ctx, scope, p, &c)
		}
		if err != nil {
			return userErr(err)
		}
		if scope.TenantID != "" && scope.Unit == "" && scope.Field == "" {
			// The catalogue's indicators (1.3, 3.x) as the reports page
			// counts them; the payment gateway is the server's setting,
			// not known here.
			procs, err := a.procs.Procedures(ctx, scope.TenantID)
			if err != nil {
				return userErr(err)
			}
			c.Catalog, c.CatalogOn = report.CountCatalogue(procs, p.To, report.OnlineByProcedure(r), false), true
		}
		return writeJSON(w, report.ComputeIndex(r, c))
	}
	if *all {
		if err := tenantCodes(ctx, a.db, &r); err != nil {
			return err
		}
	}
	return writeReport(w, *format, r, title)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// tenantCodes replaces tenant IDs by tenant codes in a national report.
func tenantCodes(ctx context.Context, db *sqlstore.DB, r *report.Report) error {
	ts, err := db.Org().Tenants(ctx)
	if err != nil {
		return err
	}
	code := map[string]string{}
	for _, t := range ts {
		code[t.ID] = t.Code
	}
	for i := range r.ByUnit {
		r.ByUnit[i].Tenant = code[r.ByUnit[i].Tenant]
	}
	for i := range r.LateByUnit {
		r.LateByUnit[i].Tenant = code[r.LateByUnit[i].Tenant]
	}
	return nil
}

func reportRebuild(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report rebuild", "Tính lại bảng tổng hợp số liệu thống kê từ hồ sơ (sau khi nhập dữ liệu bằng cách khác).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", "", "mã cơ quan (mặc định: mọi cơ quan)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	id := ""
	if *tenant != "" {
		t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
		if err != nil {
			return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
		}
		id = t.ID
	}
	start := time.Now()
	if err := a.db.Reports().RebuildReports(ctx, cli, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã tính lại số liệu thống kê trong %.1f s.\n", time.Since(start).Seconds())
	return nil
}

// reportBench times reports for random periods: one tenant and national.
func reportBench(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report bench", "Đo thời gian lập báo cáo Biểu 06 với các kỳ ngẫu nhiên: một cơ quan và toàn quốc.")
	dsn, keyFile := dbAndKey(fs, e)
	runs := fs.Int("runs", 20, "số lần đo mỗi loại")
	verify := fs.Int("verify", 0, "so sánh thêm với định nghĩa trực tiếp cho N kỳ ngẫu nhiên của các cơ quan ngẫu nhiên")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	ts, err := a.db.Org().Tenants(ctx)
	if err != nil || len(ts) == 0 {
		return fmt.Errorf("không có cơ quan nào: %v", err)
	}
	var n int
	if err := a.db.Reports().EachReportFacts(ctx, ts[0].ID, func(report.Facts) error { n++; return io.EOF }); err != nil && err != io.EOF {
		return err
	}
	r := rand.New(rand.NewPCG(42, 42))
	today := calendar.DateOf(time.Now())
	period := func() report.Period {
		from := today.AddDays(-r.IntN(5 * 365))
		to := from.AddDays(r.IntN(today.DaysSince(from) + 1))
		return report.Period{From: from, To: to}
	}
	measure := func(label string, scope func() sqlstore.ReportScope) error {
		var ds []time.Duration
		var sample report.Report
		for i := 0; i < *runs; i++ {
			s, p := scope(), period()
			start := time.Now()
			rep, err := a.db.Reports().Report(ctx, s, p)
			if err != nil {
				return err
			}
			ds = append(ds, time.Since(start))
			sample = rep
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		fmt.Fprintf(e.stdout, "%-10s n=%d  min %v  median %v  p90 %v  max %v  (last: %s..%s received %d)\n", label, len(ds),
			ds[0].Round(time.Millisecond), ds[len(ds)/2].Round(time.Millisecond), ds[len(ds)*9/10].Round(time.Millisecond),
			ds[len(ds)-1].Round(time.Millisecond), sample.From, sample.To, sample.Total.Received.Total)
		return nil
	}
	if err := measure("one tenant", func() sqlstore.ReportScope { return sqlstore.ReportScope{TenantID: ts[r.IntN(len(ts))].ID} }); err != nil {
		return err
	}
	if err := measure("national", func() sqlstore.ReportScope { return sqlstore.ReportScope{} }); err != nil {
		return err
	}
	for i := 0; i < *verify; i++ {
		t, p := ts[r.IntN(len(ts))], period()
		var facts []report.Facts
		if err := a.db.Reports().EachReportFacts(ctx, t.ID, func(f report.Facts) error { facts = append(facts, f); return nil }); err != nil {
			return err
		}
		got, err := a.db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: t.ID}, p)
		if err != nil {
			return err
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(report.Direct(facts, p, report.Filter{}, false))
		if string(g) != string(w) {
			return fmt.Errorf("%s %s..%s: roll-ups and the direct definition differ", t.Code, p.From, p.To)
		}
		fmt.Fprintf(e.stdout, "verified %s %s..%s over %d dossiers: identical (received %d = resolved %d + in progress %d)\n",
			t.Code, p.From, p.To, len(facts), got.Total.Received.Total, got.Total.Resolved.Total, got.Total.InProgress.Total)
	}
	return nil
}

// fieldName names a field (lĩnh vực) by its code.
func fieldName(code string) string {
	if f, ok := catalog.FieldByCode(code); ok {
		return f.Name
	}
	if code == "" {
		return "Chưa xác định"
	}
	return code
}

// writeReport writes the report in the chosen format.
func writeReport(w io.Writer, format string, r report.Report, title string) error {
	info := render.Form06Info{Agency: title, FieldName: fieldName, Date: calendar.DateOf(time.Now())}
	switch format {
	case "xlsx":
		return render.StatsXLSX(w, render.Form06Sheet(r, info))
	case "pdf":
		return render.StatsPDF(w, render.Form06Sheet(r, info))
	}
	return writeJSON(w, r)
}
