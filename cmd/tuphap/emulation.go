package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"tuphap/internal/apperr"

	"tuphap/internal/adminunit"
	"tuphap/internal/annualreport"
	"tuphap/internal/annualreport/sources"
	"tuphap/internal/audit"
	"tuphap/internal/demo"
	"tuphap/internal/dissemination"
	"tuphap/internal/emulation"
	"tuphap/internal/mediation"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
	"tuphap/internal/web/emulationweb"
)

// annualBuilder registers the annual report's sources of the registers
// this deployment keeps (annualreport/sources): one-stop, judicial records,
// grassroots mediation, legal aid, legal documents, petitions (with the
// communes' own books), practitioners, contests, emulation and
// administrative reform. Registers built later add their source here.
func annualBuilder(a *app) (*annualreport.Builder, error) {
	units, err := adminunit.Builtin()
	if err != nil {
		return nil, err
	}
	d := sources.Deps{
		Report: func(ctx context.Context, tenantID string, p report.Period) (report.Report, error) {
			return a.db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: tenantID}, p)
		},
		Index: func(ctx context.Context, tenantID string, p report.Period) (report.IndexCounts, error) {
			return a.db.Reports().IndexCounts(ctx, sqlstore.ReportScope{TenantID: tenantID}, p)
		},
		Mediation:      &mediation.Service{Store: a.db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn},
		Communes:       units.Communes,
		Emulation:      a.db.Emulation(),
		LegalAid:       legalAidService(a),
		LegalDocs:      legalDocService(a.db, units),
		Petitions:      petitionService(a),
		Practitioners:  practitionerService(a, units),
		Contests:       a.db.Contests(),
		CommuneTenants: sources.CommuneTenantsOf(a.db.Org().CommuneLinks),
		// Legal dissemination (issue 23).
		Dissemination: &dissemination.Service{Store: a.db.Dissemination(), InProvince: units.InProvince},
	}
	if a.jr != nil {
		d.JudicialRecords = a.jr.svc
	}
	return sources.Wire(d), nil
}

// enableEmulation turns on the emulation, reform and annual-report screens.
func enableEmulation(srv *web.Server, a *app) error {
	b, err := annualBuilder(a)
	if err != nil {
		return err
	}
	srv.EnableEmulation(&web.Emulation{Service: &emulation.Service{Store: a.db.Emulation(), Par: emulation.DefaultParRule},
		Annual: b, Texts: a.db.Annual()})
	return nil
}

// reportAnnual: tuphap report annual --db DSN --tenant CODE --year YYYY [--half 1] --format json|docx|pdf|xlsx [--out F]
func reportAnnual(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report annual", "Dự thảo báo cáo công tác năm (hoặc 6 tháng đầu năm với --half 1) từ dữ liệu: mỗi số liệu tính từ\n"+
		"hồ sơ, sổ nghiệp vụ của kỳ, kèm mã (key), cách tính (definition) và liên kết tới danh sách bản ghi; số liệu\n"+
		"tuphap chưa quản lý có value null. Phần viết của lãnh đạo Sở được lấy từ báo cáo đã lưu trên hệ thống.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (Sở Tư pháp)")
	year := fs.Int("year", 0, "năm báo cáo YYYY")
	half := fs.Int("half", 0, "1: 6 tháng đầu năm")
	format := fs.String("format", "json", "json, docx, pdf hoặc xlsx (docx, pdf, xlsx cần --out)")
	out := fs.String("out", "", "tệp kết quả (mặc định: màn hình)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	switch *format {
	case "json":
	case "docx", "pdf", "xlsx":
		if *out == "" {
			return usageError("--format " + *format + " cần --out TỆP")
		}
	default:
		return usageError("--format phải là json, docx, pdf hoặc xlsx")
	}
	p, err := annualreport.PeriodOf(*year, *half)
	if err != nil {
		return usageError("--year phải là năm YYYY, --half chỉ nhận 1")
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
	b, err := annualBuilder(a)
	if err != nil {
		return err
	}
	texts, err := a.db.Annual().AnnualTexts(ctx, t.ID, p.Year, p.Half)
	if err != nil {
		return err
	}
	rep, err := b.Build(ctx, annualreport.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, p, texts)
	if err != nil {
		return err
	}
	ag := web.AgencyOf(t)
	rep.Agency, rep.Superior, rep.Place, rep.Generated = t.Name, ag.Superior, ag.Place, time.Now()
	w := e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch *format {
	case "docx":
		return render.AnnualDOCX(w, ag, rep)
	case "xlsx":
		return render.AnnualXLSX(w, ag, rep)
	case "pdf":
		b, err := render.Annual(ag, rep)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	return writeJSON(w, emulationweb.JSONOf(rep))
}

// reportEmulation: tuphap report emulation --db DSN --tenant CODE --from D --to D --format json|xlsx|pdf
func reportEmulation(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report emulation", "Số liệu thi đua, khen thưởng, \"Dân vận khéo\" và cải cách hành chính của kỳ.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
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
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
	}
	st := a.db.Emulation()
	b := &annualreport.Builder{}
	b.Register(sources.Emulation{Store: st})
	b.Register(sources.Reform{Store: st})
	p := annualreport.Period{Year: lo.Year(), From: lo, To: hi}
	rep := annualreport.Report{Period: p, Agency: t.Name, Generated: time.Now()}
	for _, k := range []string{"emulation", "reform"} {
		s, err := b.Section(ctx, annualreport.Scope{TenantID: t.ID}, p, k, nil)
		if err != nil {
			return err
		}
		rep.Sections = append(rep.Sections, s)
	}
	w, done, err := output(e, ra.Out())
	if err != nil {
		return err
	}
	ag := web.AgencyOf(t)
	switch ra.Format() {
	case "xlsx":
		return done(render.AnnualXLSX(w, ag, rep))
	case "pdf":
		pdf, err := render.Annual(ag, rep)
		if err == nil {
			_, err = w.Write(pdf)
		}
		return done(err)
	}
	return done(writeJSON(w, emulationweb.JSONOf(rep)))
}

// emuRecord is one line of the emulation interchange: a record type and
// the record itself.
type emuRecord struct {
	Type string          `json:"type"` // movement, registration, evaluation, award, model, task, review, criterion
	Year int             `json:"year,omitempty"`
	Data json.RawMessage `json:"data"`
}

// exportEmulation: tuphap export emulation --db DSN --tenant CODE --year YYYY [--out F]
func exportEmulation(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export emulation", "Xuất sổ thi đua, khen thưởng, mô hình \"Dân vận khéo\" và kế hoạch CCHC của một năm (JSON Lines:\n"+
		"mỗi dòng {\"type\": movement|registration|evaluation|award|model|task|review|criterion, \"data\": {...}}).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
	year := fs.Int("year", time.Now().Year(), "năm")
	out := fs.String("out", "", "tệp đích (mặc định: đầu ra chuẩn)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
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
	put := func(typ string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return enc.Encode(emuRecord{Type: typ, Data: b})
	}
	st := a.db.Emulation()
	ms, err := st.Movements(ctx, t.ID)
	if err != nil {
		return err
	}
	n := 0
	for _, m := range ms {
		if m.From.Year() > *year || m.To.Year() < *year {
			continue
		}
		if err := put("movement", m); err != nil {
			return err
		}
		regs, err := st.Registrations(ctx, t.ID, m.ID)
		if err != nil {
			return err
		}
		for _, r := range regs {
			if err := put("registration", r); err != nil {
				return err
			}
			n++
		}
		n++
	}
	es, err := st.Evaluations(ctx, t.ID, *year)
	if err != nil {
		return err
	}
	aws, _, err := st.Awards(ctx, t.ID, emulation.AwardFilter{Year: *year})
	if err != nil {
		return err
	}
	mods, _, err := st.Models(ctx, t.ID, emulation.ModelFilter{Year: *year})
	if err != nil {
		return err
	}
	tasks, err := st.Tasks(ctx, t.ID, *year)
	if err != nil {
		return err
	}
	revs, err := st.Reviews(ctx, t.ID, *year)
	if err != nil {
		return err
	}
	cs, err := st.Criteria(ctx, t.ID, *year)
	if err != nil {
		return err
	}
	for _, group := range []struct {
		typ  string
		recs []any
	}{{"evaluation", anys(es)}, {"award", anys(aws)}, {"model", anys(mods)}, {"task", anys(tasks)}, {"review", anys(revs)}, {"criterion", anys(cs)}} {
		for _, r := range group.recs {
			if err := put(group.typ, r); err != nil {
				return err
			}
			n++
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "Đã xuất %d bản ghi thi đua, khen thưởng năm %d của %s.\n", n, *year, t.Code)
	}
	return nil
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// importEmulation: tuphap import emulation --db DSN --tenant CODE FILE.jsonl (the export's format; all or nothing)
func importEmulation(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import emulation", "Nhập sổ thi đua, khen thưởng (JSON Lines như tuphap export emulation). Tất cả hoặc không:\n"+
		"một dòng sai thì không nhập bản ghi nào và báo số dòng.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
	if err := parse(fs, args); err != nil {
		return err
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
	recs, err := readEmulation(f)
	if err != nil {
		return userErr(err)
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
	err = a.db.Emulation().TransactEmulation(ctx, func(tx emulation.Tx) error {
		for _, r := range recs {
			if err := r(ctx, tx, t.ID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, audit.Entry{TenantID: t.ID, Actor: "cli", Action: "emulation.import", Object: fs.Arg(0), Detail: fmt.Sprintf("%d bản ghi", len(recs))})
	})
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d bản ghi thi đua, khen thưởng vào %s.\n", len(recs), t.Code)
	return nil
}

type emuWrite func(ctx context.Context, tx emulation.Tx, tenantID string) error

// readEmulation reads and checks every line before anything is written.
func readEmulation(r io.Reader) ([]emuWrite, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var out []emuWrite
	line := 0
	for sc.Scan() {
		line++
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var rec emuRecord
		if err := json.Unmarshal([]byte(b), &rec); err != nil {
			return nil, apperr.Textf("Dòng %d: không phải JSON hợp lệ", line)
		}
		bad := func(msg string) error { return apperr.Textf("Dòng %d: %s", line, msg) }
		var w emuWrite
		var err error
		switch rec.Type {
		case "movement":
			var v emulation.Movement
			if err = json.Unmarshal(rec.Data, &v); err == nil && (v.ID == "" || v.Name == "" || v.To.Before(v.From)) {
				return nil, bad("phong trào thiếu id, tên hoặc thời gian không hợp lệ")
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveMovement(ctx, tid, v) }
		case "registration":
			var v emulation.Registration
			if err = json.Unmarshal(rec.Data, &v); err == nil && (v.ID == "" || v.MovementID == "" || v.Name == "") {
				return nil, bad("đăng ký thiếu id, phong trào hoặc tên")
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveRegistration(ctx, tid, v) }
		case "evaluation":
			var v emulation.Evaluation
			if err = json.Unmarshal(rec.Data, &v); err == nil && (v.ID == "" || v.Name == "" || !v.Rating.Valid() || v.Year < 2000) {
				return nil, bad("đánh giá thiếu id, tên, năm hoặc xếp loại không hợp lệ")
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveEvaluation(ctx, tid, v) }
		case "award":
			var v emulation.Award
			if err = json.Unmarshal(rec.Data, &v); err == nil {
				if _, ok := emulation.StatusNames[v.Status]; !ok || v.ID == "" || v.Name == "" || (v.Status == emulation.Awarded && (v.DecidedOn == nil || v.DecisionNo == "")) {
					return nil, bad("khen thưởng thiếu id, tên, trạng thái hợp lệ, hoặc đã khen thưởng mà thiếu số, ngày quyết định")
				}
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveAward(ctx, tid, v) }
		case "model":
			var v emulation.Model
			if err = json.Unmarshal(rec.Data, &v); err == nil && (v.ID == "" || v.Name == "" || v.Year < 2000) {
				return nil, bad("mô hình thiếu id, tên hoặc năm")
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveModel(ctx, tid, v) }
		case "task":
			var v emulation.Task
			if err = json.Unmarshal(rec.Data, &v); err == nil && (v.ID == "" || v.Name == "" || v.Owner == "" || v.Due.Year() != v.Year) {
				return nil, bad("nhiệm vụ CCHC thiếu id, tên, đơn vị chủ trì hoặc thời hạn ngoài năm")
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveTask(ctx, tid, v) }
		case "review":
			var v emulation.Review
			if err = json.Unmarshal(rec.Data, &v); err == nil && (v.ID == "" || v.TaskID == "" || v.Quarter < 1 || v.Quarter > 4) {
				return nil, bad("kiểm tra quý thiếu id, nhiệm vụ hoặc quý không hợp lệ")
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveReview(ctx, tid, v) }
		case "criterion":
			var v emulation.Criterion
			if err = json.Unmarshal(rec.Data, &v); err == nil && (v.Code == "" || v.Points < 0 || v.Points > v.MaxPoints) {
				return nil, bad("tiêu chí thiếu mã hoặc điểm không hợp lệ")
			}
			w = func(ctx context.Context, tx emulation.Tx, tid string) error { return tx.SaveCriterion(ctx, tid, v) }
		default:
			return nil, bad("loại bản ghi \"" + rec.Type + "\" không hợp lệ")
		}
		if err != nil {
			return nil, bad("dữ liệu không hợp lệ (" + err.Error() + ")")
		}
		out = append(out, w)
	}
	if err := sc.Err(); err != nil {
		return nil, apperr.Textf("Dòng %d: %v", line+1, err)
	}
	return out, nil
}

// loadEmulationDemo fills the demo department's emulation register.
func loadEmulationDemo(ctx context.Context, a *app, t org.Tenant, out io.Writer) error {
	svc := &emulation.Service{Store: a.db.Emulation(), Par: emulation.DefaultParRule}
	return demo.LoadEmulation(ctx, svc, t.ID, time.Now(), out)
}
