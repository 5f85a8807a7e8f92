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
	"sort"
	"strings"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/calendar"
	"tuphap/internal/demo"
	"tuphap/internal/legaldoc"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
	"tuphap/internal/web/legaldocweb"
)

// legalDocService is the register's service over a database, counting
// working days with the built-in holiday schedules.
func legalDocService(db *sqlstore.DB, units *adminunit.List) *legaldoc.Service {
	svc := &legaldoc.Service{Store: db.LegalDocs(), InProvince: units.InProvince}
	var scheds []calendar.Schedule
	for y := 2016; y <= time.Now().Year()+1; y++ {
		scheds = append(scheds, calendar.BuiltinSchedule(y))
	}
	if cal, err := calendar.New(calendar.DefaultRules(), scheds...); err == nil {
		svc.Working = func(t time.Time) bool { return cal.IsWorkingDay(calendar.DateOf(t)) }
	}
	return svc
}

// legalDocCLI opens the database and finds the department whose law book
// the command reads or writes.
func legalDocCLI(ctx context.Context, e *env, dsn, keyFile, tenant string) (*app, org.Tenant, *legaldoc.Service, error) {
	units, err := adminunit.Builtin()
	if err != nil {
		return nil, org.Tenant{}, nil, err
	}
	a, err := openCLI(ctx, e, dsn, keyFile, false)
	if err != nil {
		return nil, org.Tenant{}, nil, err
	}
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(tenant))
	if err != nil {
		a.Close()
		return nil, org.Tenant{}, nil, userErr(notFound(err, "không tìm thấy cơ quan "+tenant))
	}
	return a, t, legalDocService(a.db, units), nil
}

// importLegalDocs: tuphap import lawdocs --db DSN --tenant DEPARTMENT FILE.jsonl
func importLegalDocs(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import lawdocs", "Nhập cơ sở dữ liệu văn bản quy phạm pháp luật (JSON Lines, mỗi dòng một văn bản với các quan hệ; hoặc XLSX: dòng 1 ghi tên trường, mỗi dòng sau một văn bản).\n"+
		"Tất cả hoặc không: một dòng sai thì không nhập văn bản nào và báo số dòng. Trường: kind (council_resolution,\n"+
		"pc_decision, chairman_decision, commune_resolution, commune_decision), number, title, issuer, signed_on, in_force_on;\n"+
		"tùy chọn: commune_code, signer, published_on, ends_on, gazette, field, body, file, relations [{kind (amends,\n"+
		"replaces, repeals, guides, suspends, resumes), target (số văn bản bị tác động), target_issuer, articles, effective_on}].")
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
	f, err := importFile(fs.Arg(0), legaldoc.Record{})
	if err != nil {
		return err
	}
	defer f.Close()
	a, t, svc, err := legalDocCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	recs, err := legaldoc.ReadRecords(f)
	if err != nil {
		return userErr(err)
	}
	n, rels, err := svc.Import(ctx, legaldoc.Actor{Name: "cli"}, legaldoc.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, recs)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d văn bản và %d quan hệ vào %s.\n", n, rels, t.Code)
	return nil
}

// exportLegalDocs: tuphap export lawdocs --db DSN --tenant DEPARTMENT [--out FILE]
func exportLegalDocs(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export lawdocs", "Xuất cơ sở dữ liệu văn bản (JSON Lines, cùng dạng với import lawdocs).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp của tỉnh)")
	out := fs.String("out", "", "tệp đích (mặc định: đầu ra chuẩn)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	a, t, _, err := legalDocCLI(ctx, e, *dsn, *keyFile, *tenant)
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
	n, err := writeLegalDocs(ctx, a.db.LegalDocs(), t.ID, w)
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "Đã xuất %d văn bản.\n", n)
	}
	return nil
}

// writeLegalDocs writes the law book as JSON Lines: documents in the order
// they were signed, so that every relation's target comes before it when
// imported again.
func writeLegalDocs(ctx context.Context, store sqlstore.LegalDocStore, tenantID string, w io.Writer) (int, error) {
	docs, rels, err := store.Book(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	byID := make(map[string]legaldoc.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	bySource := map[string][]legaldoc.Relation{}
	for _, r := range rels {
		bySource[r.SourceID] = append(bySource[r.SourceID], r)
	}
	// Book leaves the texts out; read them a page at a time, oldest first.
	var ordered []legaldoc.Document
	after := ""
	for {
		page, err := store.Documents(ctx, tenantID, legaldoc.DocFilter{ByID: true, After: after, Limit: 500})
		if err != nil {
			return 0, err
		}
		ordered = append(ordered, page...)
		if len(page) < 500 {
			break
		}
		after = page[len(page)-1].ID
	}
	sortBySigned(ordered)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, d := range ordered {
		full, err := store.Document(ctx, tenantID, d.ID)
		if err != nil {
			return 0, err
		}
		if err := enc.Encode(legaldoc.RecordOf(full, bySource[d.ID], func(id string) legaldoc.Document { return byID[id] })); err != nil {
			return 0, err
		}
	}
	return len(ordered), bw.Flush()
}

func sortBySigned(ds []legaldoc.Document) {
	less := func(a, b legaldoc.Document) bool {
		if !a.SignedOn.Equal(b.SignedOn) {
			return a.SignedOn.Before(b.SignedOn)
		}
		return a.ID < b.ID
	}
	sort.SliceStable(ds, func(i, j int) bool { return less(ds[i], ds[j]) })
}

// reportLegalDocs: tuphap report lawdocs --db DSN --tenant CODE --from D --to D --format json|xlsx|pdf [--out FILE]
func reportLegalDocs(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report lawdocs", "Số liệu văn bản QPPL trong kỳ: dự thảo thẩm định (nhận, đã thẩm định, quá hạn, đang thẩm định),\n"+
		"góp ý theo nguồn, văn bản kiểm tra và trái pháp luật, rà soát, văn bản ban hành theo loại và hiệu lực cuối kỳ.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp của tỉnh)")
	ra := periodReportFlags(fs, "json", "xlsx", "pdf")
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
	a, t, svc, err := legalDocCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := svc.Figures(ctx, legaldoc.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, legaldoc.Period{From: lo, To: hi})
	if err != nil {
		return userErr(err)
	}
	w, done, err := output(e, ra.Out())
	if err != nil {
		return err
	}
	switch ra.Format() {
	case "xlsx":
		return done(render.StatsXLSX(w, render.LegalDocSheet(rep.Figures, t.Name)))
	case "pdf":
		return done(render.StatsPDF(w, render.LegalDocSheet(rep.Figures, t.Name)))
	}
	return done(writeJSON(w, legaldocweb.ReportJSON(rep.Figures)))
}

// loadLegalDocsDemo fills the demo department's legal documents register.
func loadLegalDocsDemo(ctx context.Context, a *app, t org.Tenant, out io.Writer) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	province := strings.TrimPrefix(strings.TrimPrefix(t.Name, "Sở Tư pháp "), "tỉnh ")
	communes := demo.DemoCommunes(units.Communes(t.ProvinceCode))
	return demo.LoadLegalDocs(ctx, demo.LegalDocs{Service: legalDocService(a.db, units), Province: province, Communes: communes,
		Name: func(c string) string { return units.NameOn(c, time.Now()) }}, legaldoc.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, time.Now(), out)
}

// enableLegalDocs turns on the legal normative documents screens.
func enableLegalDocs(srv *web.Server, a *app) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	srv.EnableLegalDocs(&web.LegalDocs{Service: legalDocService(a.db, units), Units: units})
	return nil
}
