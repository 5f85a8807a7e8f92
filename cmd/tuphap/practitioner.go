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
	"tuphap/internal/demo"
	"tuphap/internal/org"
	"tuphap/internal/practitioner"
	"tuphap/internal/render"
	"tuphap/internal/web"
	"tuphap/internal/web/practitionerweb"
)

// practitionerService is the practitioners' register over the app's database.
func practitionerService(a *app, units *adminunit.List) *practitioner.Service {
	return &practitioner.Service{Store: a.db.Practitioners(), InProvince: units.InProvince}
}

// hookPractitioners makes resolving a registration dossier enter the
// organisation in the register, in the same transaction.
func hookPractitioners(a *app) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	a.dossiers.OnResolved = append(a.dossiers.OnResolved, practitioner.DossierHook(practitionerService(a, units), a.db.Practitioners().Within,
		func(ctx context.Context, tenantID string) (string, error) {
			t, err := a.db.Org().Tenant(ctx, tenantID)
			return t.ProvinceCode, err
		}))
	return nil
}

// enablePractitioners turns on the practitioners' screens.
func enablePractitioners(srv *web.Server, a *app) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	srv.EnablePractitioners(&web.Practitioners{Service: practitionerService(a, units), Units: units})
	return nil
}

func practitionerCLI(ctx context.Context, e *env, dsn, keyFile, tenant string) (*app, org.Tenant, *practitioner.Service, error) {
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
	return a, t, practitionerService(a, units), nil
}

// importPractitioners: tuphap import practitioners --db DSN --tenant DEPARTMENT FILE.jsonl
func importPractitioners(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import practitioners", "Nhập sổ tổ chức và người hành nghề bổ trợ tư pháp (JSON Lines, hoặc XLSX với dòng 1 ghi tên trường; mỗi dòng một tổ chức\n"+
		"hoặc một người; dòng tổ chức đứng trước người hành nghề tại tổ chức đó). Tất cả hoặc không: một dòng sai thì không nhập gì.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp của tỉnh)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("cách dùng: tuphap import practitioners --db DSN --tenant CODE TỆP.jsonl|TỆP.xlsx")
	}
	f, err := importFile(fs.Arg(0), practitioner.Record{})
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := practitioner.ReadRecords(f)
	if err != nil {
		return userErr(err)
	}
	a, t, svc, err := practitionerCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	svc.Now = time.Now
	orgs, people, err := svc.Import(ctx, practitioner.Actor{Name: "cli"}, practitioner.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, recs)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d tổ chức và %d người hành nghề vào %s.\n", orgs, people, t.Code)
	return nil
}

// exportPractitioners: tuphap export practitioners --db DSN --tenant DEPARTMENT [--out FILE]
func exportPractitioners(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export practitioners", "Xuất sổ tổ chức và người hành nghề bổ trợ tư pháp (JSON Lines, cùng dạng với import practitioners).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp của tỉnh)")
	out := fs.String("out", "", "tệp đích (mặc định: đầu ra chuẩn)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	a, t, _, err := practitionerCLI(ctx, e, *dsn, *keyFile, *tenant)
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
	n, err := writePractitioners(ctx, a, t.ID, w)
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "Đã xuất %d dòng.\n", n)
	}
	return nil
}

func writePractitioners(ctx context.Context, a *app, tenantID string, w io.Writer) (int, error) {
	st := a.db.Practitioners()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	orgs, err := st.Orgs(ctx, tenantID, practitioner.OrgFilter{})
	if err != nil {
		return 0, err
	}
	regNo := map[string]string{}
	n := 0
	for _, o := range orgs {
		regNo[o.ID] = o.RegNo
		h, err := st.History(ctx, tenantID, practitioner.SubjectOrg, o.ID)
		if err != nil {
			return n, err
		}
		if err := enc.Encode(practitioner.RecordOfOrg(o, h)); err != nil {
			return n, err
		}
		n++
	}
	people, err := st.People(ctx, tenantID, practitioner.PersonFilter{})
	if err != nil {
		return n, err
	}
	for _, p := range people {
		h, err := st.History(ctx, tenantID, practitioner.SubjectPerson, p.ID)
		if err != nil {
			return n, err
		}
		if err := enc.Encode(practitioner.RecordOfPerson(p, regNo[p.OrgID], h)); err != nil {
			return n, err
		}
		n++
	}
	return n, bw.Flush()
}

// reportPractitioners: tuphap report practitioners --db DSN --tenant CODE --from D --to D --format json|xlsx|pdf [--out FILE]
func reportPractitioners(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report practitioners", "Số liệu tổ chức và người hành nghề bổ trợ tư pháp trong kỳ: theo lĩnh vực và trạng thái\n"+
		"(cuối kỳ), thành lập, chấm dứt trong kỳ; kiểm tra, xử phạt.")
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
	a, t, svc, err := practitionerCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	g, err := svc.Figures(ctx, practitioner.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, practitioner.Period{From: lo, To: hi})
	if err != nil {
		return userErr(err)
	}
	w, done, err := output(e, ra.Out())
	if err != nil {
		return err
	}
	switch ra.Format() {
	case "xlsx":
		return done(render.StatsXLSX(w, render.PractitionerSheet(g, t.Name)))
	case "pdf":
		return done(render.StatsPDF(w, render.PractitionerSheet(g, t.Name)))
	}
	return done(writeJSON(w, practitionerweb.ReportJSON(g)))
}

// loadPractitionerDemo fills the demo department's practitioners' registers.
func loadPractitionerDemo(ctx context.Context, a *app, t org.Tenant, out io.Writer) error {
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	return demo.LoadPractitioners(ctx, practitionerService(a, units), practitioner.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, units.Communes(t.ProvinceCode), time.Now(), out)
}
