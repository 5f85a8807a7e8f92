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
	"tuphap/internal/demo"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/render"
	"tuphap/internal/web"
	"tuphap/internal/web/petitionweb"
)

// petitionService is the register's service over the app's database, with
// the tenant's calendar of working days.
func petitionService(a *app) *petition.Service {
	return &petition.Service{Store: a.db.Petitions(), Calendar: func(ctx context.Context, tenantID string) (petition.WorkingDayer, error) {
		t, err := a.db.Org().Tenant(ctx, tenantID)
		if err != nil {
			return nil, err
		}
		b, err := a.cal.Book(ctx, tenantID, t.Hours)
		if err != nil {
			return nil, err
		}
		return b.At(a.db.Now()), nil
	}}
}

func petitionCLI(ctx context.Context, e *env, dsn, keyFile, tenant string) (*app, org.Tenant, *petition.Service, error) {
	a, err := openCLI(ctx, e, dsn, keyFile, false)
	if err != nil {
		return nil, org.Tenant{}, nil, err
	}
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(tenant))
	if err != nil {
		a.Close()
		return nil, org.Tenant{}, nil, userErr(notFound(err, "không tìm thấy cơ quan "+tenant))
	}
	return a, t, petitionService(a), nil
}

// cmdPetitions: tuphap petitions due …
func cmdPetitions(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "due" {
		return usageError("cách dùng: tuphap petitions due --kind complaint|denunciation|feedback --stage BƯỚC --from YYYY-MM-DD [--json]")
	}
	fs := newFlags(e, "petitions due", "Tính thời hạn khiếu nại, tố cáo, kiến nghị phản ánh theo quy định có hiệu lực (trước và từ 01/7/2026),\n"+
		"tính từ ngày tiếp theo của sự kiện, ngày cuối là ngày nghỉ thì sang ngày làm việc tiếp theo (Điều 147, 148 BLDS).\n"+
		"Bước: complaint: acceptance, first_instance, second_instance, appeal, lawsuit, send_decision;\n"+
		"denunciation: check, forward, accept_notice, resolve; feedback: notice.")
	kind := fs.String("kind", "", "complaint, denunciation hoặc feedback")
	stage := fs.String("stage", "", "bước (xem trên)")
	from := fs.String("from", "", "ngày bắt đầu tính YYYY-MM-DD (ngày nhận đơn; ngày thụ lý cho các lần giải quyết)")
	received := fs.String("received", "", "ngày tiếp nhận đơn nếu khác --from (chọn phiên bản quy định)")
	complexF := fs.Bool("complex", false, "vụ việc phức tạp")
	especially := fs.Bool("especially-complex", false, "vụ việc đặc biệt phức tạp (tố cáo)")
	remote := fs.Bool("remote", false, "vùng sâu, vùng xa đi lại khó khăn")
	several := fs.Bool("several-places", false, "kiểm tra, xác minh ở nhiều địa điểm")
	asJSON := fs.Bool("json", false, "in JSON")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := requireFlags("kind", *kind, "stage", *stage, "from", *from); err != nil {
		return err
	}
	k := petition.Kind(*kind)
	if k != petition.KindComplaint && k != petition.KindDenunciation && k != petition.KindFeedback {
		return usageError("--kind phải là complaint, denunciation hoặc feedback")
	}
	ok := false
	for _, st := range petition.Stages(k) {
		ok = ok || string(st) == *stage
	}
	if !ok {
		return usageError("--stage không hợp lệ cho " + *kind)
	}
	d, err := calendar.ParseDate(*from)
	if err != nil {
		return usageError("--from phải có dạng YYYY-MM-DD")
	}
	v := d
	if *received != "" {
		if v, err = calendar.ParseDate(*received); err != nil {
			return usageError("--received phải có dạng YYYY-MM-DD")
		}
	}
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		return err
	}
	dl, err := petition.Due(cal, k, petition.Stage(*stage), d, v, petition.Flags{Complex: *complexF, EspeciallyComplex: *especially, Remote: *remote, SeveralPlaces: *several})
	if err != nil {
		return userErr(err)
	}
	if *asJSON {
		return writeJSON(e.stdout, dl)
	}
	fmt.Fprintln(e.stdout, "Hạn: "+dl.Describe())
	return nil
}

// importPetitions: tuphap import petitions --db DSN --tenant CODE FILE.jsonl
func importPetitions(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import petitions", "Nhập sổ tiếp nhận, xử lý đơn (JSON Lines, mỗi dòng một đơn; hoặc XLSX: dòng 1 ghi tên trường, mỗi dòng sau một đơn). Tất cả hoặc không: một dòng sai thì\n"+
		"không nhập đơn nào và báo số dòng. Trường: kind (complaint, denunciation, feedback, mixed), channel (reception, post,\n"+
		"email, portal, forwarded), received_on, summary; tùy chọn: code, field, petitioner, denouncer (chỉ tố cáo; được lưu\n"+
		"riêng, bảo mật), instance, status, decision, decided_on, forward_to, accepted_on, complex, remote, resolved_on,\n"+
		"conclusion (right, wrong, partly_right, answered), decision_no, amount_vnd, land_m2.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
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
	f, err := importFile(fs.Arg(0), petition.Record{})
	if err != nil {
		return err
	}
	defer f.Close()
	a, t, svc, err := petitionCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := svc.Import(ctx, petition.Actor{Name: "cli"}, t.ID, f)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã nhập %d đơn vào %s.\n", n, t.Code)
	return nil
}

// exportPetitions: tuphap export petitions --db DSN --tenant CODE [--out FILE]
func exportPetitions(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export petitions", "Xuất sổ tiếp nhận, xử lý đơn (JSON Lines, cùng dạng với import petitions; không bao giờ có thông tin người tố cáo).")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
	out := fs.String("out", "", "tệp đích (mặc định: đầu ra chuẩn)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	a, t, svc, err := petitionCLI(ctx, e, *dsn, *keyFile, *tenant)
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
	for off := 0; ; off += 1000 {
		ps, err := svc.Store.Petitions(ctx, t.ID, petition.Filter{Limit: 1000, Offset: off})
		if err != nil {
			return err
		}
		if err := petition.Export(bw, ps); err != nil {
			return err
		}
		if len(ps) < 1000 {
			break
		}
	}
	return bw.Flush()
}

// reportPetitions: tuphap report petitions --db DSN --tenant CODE --from D --to D --format json|xlsx|pdf [--out FILE]
func reportPetitions(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report petitions", "Số liệu tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo trong kỳ (cùng số liệu với màn hình và API).")
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
	a, t, svc, err := petitionCLI(ctx, e, *dsn, *keyFile, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	f, err := svc.Figures(ctx, t.ID, calendar.DateOf(lo), calendar.DateOf(hi))
	if err != nil {
		return userErr(err)
	}
	w, done, err := output(e, ra.Out())
	if err != nil {
		return err
	}
	agency := render.Agency{Name: strings.ToUpper(t.Name), FullName: t.Name}
	switch ra.Format() {
	case "xlsx":
		return done(render.StatsXLSX(w, petitionweb.Sheet(f, agency)))
	case "pdf":
		return done(render.StatsPDF(w, petitionweb.Sheet(f, agency)))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return done(enc.Encode(f))
}

// loadPetitionDemo fills the demo department's reception book and petitions.
func loadPetitionDemo(ctx context.Context, a *app, t org.Tenant, out io.Writer) error {
	return demo.LoadPetitions(ctx, petitionService(a), t.ID, a.db.Now(), out)
}

// enablePetitions turns on the petition screens and portal pages.
func enablePetitions(srv *web.Server, a *app) {
	srv.EnablePetitions(petitionService(a))
}
