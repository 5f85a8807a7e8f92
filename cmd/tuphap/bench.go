package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"
	"tuphap/internal/vnfmt"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
)

// benchResult is what `tuphap bench` measures. The JSON keys are stable:
// scripts and docs/benchmarks.md rely on them.
type benchResult struct {
	Machine string `json:"machine"`
	Quick   bool   `json:"quick"`

	IntakePerS      float64 `json:"intake_per_s"`     // SQLite, through the Service
	RawInsertPerS   float64 `json:"raw_insert_per_s"` // SQLite, single-row durable inserts
	IntakeRatio     float64 `json:"intake_ratio"`     // intake / raw
	IntakeSeqPerS   float64 `json:"intake_sequential_per_s"`
	PGIntakePerS    float64 `json:"pg_intake_per_s,omitempty"`
	PGRawInsertPerS float64 `json:"pg_raw_insert_per_s,omitempty"`
	PGIntakeRatio   float64 `json:"pg_intake_ratio,omitempty"`

	HTTP []httpResult `json:"http"`

	Reports *reportBenchResult `json:"reports,omitempty"`

	LookupP99Ms float64 `json:"lookup_p99_ms"` // open loop: 500 connections, 1,000 requests/s
	PeakRSSMB   float64 `json:"peak_rss_mb"`   // the server process (VmHWM)
	// AnonMB and FileMB split the server's resident memory at the end of
	// the run: heap and stacks, and pages of the binary and the mapped
	// database file (shared, reclaimable).
	AnonMB float64 `json:"rss_anon_mb"`
	FileMB float64 `json:"rss_file_mb"`

	Notes []string `json:"notes,omitempty"`
}

// reportBenchResult times the Biểu 06 report over a generated database.
type reportBenchResult struct {
	Database       string  `json:"database"`
	Dossiers       int64   `json:"dossiers"`
	Tenants        int     `json:"tenants"`
	GenPerS        float64 `json:"gen_per_s,omitempty"` // the generator, when this run made the data
	TenantMedianMs float64 `json:"tenant_median_ms"`
	TenantMaxMs    float64 `json:"tenant_max_ms"`
	NationalMedMs  float64 `json:"national_median_ms"`
	NationalMaxMs  float64 `json:"national_max_ms"`
	Runs           int     `json:"runs"`
}

type httpResult struct {
	Target      string `json:"target"`
	Connections int    `json:"connections"`
	// OfferedPerS is set for an open-loop run: the connections together
	// send this many requests a second whatever the answers' speed, and
	// latency counts from the planned send time (no coordinated omission).
	// Zero means closed loop: each connection sends as fast as it is answered.
	OfferedPerS float64 `json:"offered_per_s,omitempty"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	PerS        float64 `json:"per_s"`
	P50Ms       float64 `json:"p50_ms"`
	P99Ms       float64 `json:"p99_ms"`
}

func cmdBench(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "soak" {
		return cmdSoak(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "contest" {
		return cmdBenchContest(ctx, e, args[1:])
	}
	fs := newFlags(e, "bench", "Đo tốc độ: tiếp nhận hồ sơ, truy vấn HTTP, bộ nhớ (chạy trên cơ sở dữ liệu tạm).")
	quick := fs.Bool("quick", false, "bản rút gọn, dưới 60 giây")
	asJSON := fs.Bool("json", false, "in một đối tượng JSON")
	pg := fs.String("postgres", e.getenv("TUPHAP_TEST_POSTGRES"), "PostgreSQL để đo tiếp nhận (một schema tạm được tạo rồi xóa); trống = bỏ qua")
	dir := fs.String("dir", "", "thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
	reportDB := fs.String("report-db", "", "cơ sở dữ liệu đã sinh bằng `tuphap gen dossiers` để đo báo cáo (vd. 10 triệu hồ sơ); trống = sinh mới --gen hồ sơ")
	genN := fs.Int("gen", 0, "số hồ sơ sinh mới để đo báo cáo khi không có --report-db (mặc định 1.000.000; --quick: 100.000)")
	if err := parse(fs, args); err != nil {
		return err
	}
	work, cleanup, err := workDir(*dir, "tuphap-bench-")
	if err != nil {
		return err
	}
	defer cleanup()
	log := progress(e, *asJSON)
	res := benchResult{Machine: machineLine(), Quick: *quick}
	intakeN, rawN, conc := 20000, 50000, 16
	httpN, httpDur := 20000, 20*time.Second
	if *quick {
		intakeN, rawN, httpN, httpDur = 4000, 10000, 4000, 4*time.Second
	}

	// Intake on SQLite.
	dsn := "sqlite:" + filepath.Join(work, "bench.db")
	key := filepath.Join(work, "bench.key")
	log("Tiếp nhận hồ sơ trên SQLite (%d hồ sơ, %d luồng)...", intakeN, conc)
	in, err := benchIntake(ctx, e, dsn, key, intakeN, rawN, conc)
	if err != nil {
		return fmt.Errorf("bench intake (SQLite): %w", err)
	}
	res.IntakePerS, res.RawInsertPerS, res.IntakeSeqPerS = in.perS, in.rawPerS, in.seqPerS
	res.IntakeRatio = ratio(in.perS, in.rawPerS)

	if *pg != "" {
		log("Tiếp nhận hồ sơ trên PostgreSQL...")
		pgDSN, drop, err := benchSchema(ctx, *pg)
		if err != nil {
			return err
		}
		pin, err := benchIntake(ctx, e, pgDSN, key, intakeN/4, rawN/4, conc)
		drop()
		if err != nil {
			return fmt.Errorf("bench intake (PostgreSQL): %w", err)
		}
		res.PGIntakePerS, res.PGRawInsertPerS = pin.perS, pin.rawPerS
		res.PGIntakeRatio = ratio(pin.perS, pin.rawPerS)
	} else {
		res.Notes = append(res.Notes, "PostgreSQL không đo: chưa có --postgres hoặc TUPHAP_TEST_POSTGRES")
	}

	// HTTP against a separate server process on the same SQLite database.
	log("Máy chủ HTTP (tiến trình riêng) trên cơ sở dữ liệu vừa tạo...")
	srv, err := startBenchServer(ctx, dsn, key)
	if err != nil {
		return err
	}
	defer srv.stop()
	sess, err := benchLogin(srv.addr, in.tenantCode)
	if err != nil {
		srv.stop()
		return fmt.Errorf("bench sign-in: %w\n%s", err, srv.out.String())
	}
	targets := []struct {
		name string
		next func(i int) *http.Request
		jar  http.CookieJar
	}{
		{"lookup", func(i int) *http.Request {
			s := in.samples[i%len(in.samples)]
			r, _ := http.NewRequest("POST", "http://"+srv.addr+"/api/v1/lookup", strings.NewReader(url.Values{"code": {s.code}, "pin": {s.pin}}.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}, nil},
		{"queue", func(i int) *http.Request {
			r, _ := http.NewRequest("GET", "http://"+srv.addr+"/admin/dossiers", nil)
			return r
		}, sess},
	}
	for _, c := range []int{50, 500} {
		for _, t := range targets {
			log("  %s, %d kết nối...", t.name, c)
			h := loadHTTP(ctx, t.next, t.jar, c, httpN, httpDur)
			h.Target = t.name
			res.HTTP = append(res.HTTP, h)
		}
	}
	// Open loop: many citizens at once, each checking now and then. This is
	// the latency a person sees at a given load; the closed-loop runs
	// above give the ceiling.
	for _, t := range targets[:1] {
		rate := 1000.0
		log("  %s, 500 kết nối, %v yêu cầu/giây...", t.name, rate)
		h := loadHTTPRate(ctx, t.next, t.jar, 500, rate, httpDur)
		h.Target = t.name
		res.HTTP = append(res.HTTP, h)
		res.LookupP99Ms = h.P99Ms
	}
	res.PeakRSSMB = srv.peakRSSMB()
	res.AnonMB, res.FileMB = srv.statusMB("RssAnon:"), srv.statusMB("RssFile:")
	srv.stop()

	// Reports over a generated database.
	rdsn, n := *reportDB, *genN
	if n == 0 {
		n = 1_000_000
		if *quick {
			n = 100_000
		}
	}
	var genPerS float64
	if rdsn == "" {
		rdsn = "sqlite:" + filepath.Join(work, "gen.db")
		log("Sinh %d hồ sơ giả lập (34 cơ quan, 5 năm) để đo báo cáo...", n)
		start := time.Now()
		if err := run(ctx, []string{"gen", "dossiers", "--db", rdsn, "--key-file", key, "--tenants", "34", "--years", "5", "--count", strconv.Itoa(n)},
			e.getenv, strings.NewReader(""), io.Discard); err != nil {
			return fmt.Errorf("bench gen: %w", err)
		}
		genPerS = float64(n) / time.Since(start).Seconds()
	}
	log("Báo cáo Biểu 06 trên %s...", rdsn)
	rr, err := benchReports(ctx, e, rdsn, key, 20)
	if err != nil {
		return fmt.Errorf("bench reports: %w", err)
	}
	rr.GenPerS = genPerS
	res.Reports = rr

	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printBench(e.stdout, res)
	return nil
}

// workDir returns dir, or a new temporary folder removed by cleanup.
func workDir(dir, prefix string) (string, func(), error) {
	if dir != "" {
		return dir, func() {}, nil
	}
	d, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", nil, err
	}
	return d, func() { os.RemoveAll(d) }, nil
}

// progress prints a line of progress, unless the output is JSON.
func progress(e *env, asJSON bool) func(format string, a ...any) {
	return func(format string, a ...any) {
		if !asJSON {
			fmt.Fprintf(e.stdout, format+"\n", a...)
		}
	}
}

// benchReports times one tenant's and the national report for random
// periods of the last five years.
func benchReports(ctx context.Context, e *env, dsn, key string, runs int) (*reportBenchResult, error) {
	a, err := openCLI(ctx, e, dsn, key, false)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	ts, err := a.db.Org().Tenants(ctx)
	if err != nil || len(ts) == 0 {
		return nil, fmt.Errorf("no tenant in %s: %v", dsn, err)
	}
	res := &reportBenchResult{Database: dsn, Tenants: len(ts), Runs: runs}
	r := mrand.New(mrand.NewPCG(7, 7))
	today := calendar.DateOf(time.Now())
	period := func() report.Period {
		from := today.AddDays(-r.IntN(5 * 365))
		return report.Period{From: from, To: from.AddDays(r.IntN(today.DaysSince(from) + 1))}
	}
	measure := func(scope func() sqlstore.ReportScope) (median, maxMs float64, total int64, err error) {
		var ds []time.Duration
		for range runs {
			start := time.Now()
			rep, err := a.db.Reports().Report(ctx, scope(), period())
			if err != nil {
				return 0, 0, 0, err
			}
			ds = append(ds, time.Since(start))
			total = max(total, int64(rep.Total.Received.Total))
		}
		slices.Sort(ds)
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		return ms(ds[len(ds)/2]), ms(ds[len(ds)-1]), total, nil
	}
	if res.TenantMedianMs, res.TenantMaxMs, _, err = measure(func() sqlstore.ReportScope {
		return sqlstore.ReportScope{TenantID: ts[r.IntN(len(ts))].ID}
	}); err != nil {
		return nil, err
	}
	if res.NationalMedMs, res.NationalMaxMs, _, err = measure(func() sqlstore.ReportScope { return sqlstore.ReportScope{} }); err != nil {
		return nil, err
	}
	all, err := a.db.Reports().Report(ctx, sqlstore.ReportScope{}, report.Period{From: today.AddDays(-9 * 365), To: today})
	if err != nil {
		return nil, err
	}
	res.Dossiers = int64(all.Total.Received.Total)
	return res, nil
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return float64(int(a/b*1000+0.5)) / 1000
}

type intakeResult struct {
	perS, rawPerS, seqPerS float64
	tenantCode, token      string
	samples                []sample
}

type sample struct{ code, pin string }

// benchIntake creates a department on dsn and measures counter intakes
// through dossier.Service: sequentially, then from conc goroutines; and the
// raw single-row insert rate in the same database.
func benchIntake(ctx context.Context, e *env, dsn, key string, n, rawN, conc int) (intakeResult, error) {
	var r intakeResult
	a, err := open(ctx, e.getenv, dsn, key, true, nil)
	if err != nil {
		return r, err
	}
	defer a.Close()
	b := make([]byte, 3)
	rand.Read(b)
	r.tenantCode = "BENCH-" + strings.ToUpper(hex.EncodeToString(b))
	ten, err := a.org.CreateTenant(ctx, audit.System, org.Tenant{Code: r.tenantCode, Name: "Sở Tư pháp (đo tốc độ)",
		AgencyID: "000.00.00.H" + fmt.Sprintf("%02d", int(b[0])%90+10), ProvinceCode: "82"})
	if err != nil {
		return r, err
	}
	desk, err := a.org.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception})
	if err != nil {
		return r, err
	}
	if _, err := a.org.CreateOfficer(ctx, audit.System, org.Officer{TenantID: ten.ID, Username: "motcua", FullName: "Cán bộ Một cửa",
		Role: org.Clerk, UnitID: desk.ID}, benchPassword); err != nil {
		return r, err
	}
	tok, err := a.auth.CreateToken(ctx, audit.System, r.tenantCode, "motcua", "bench", time.Hour)
	if err != nil {
		return r, err
	}
	r.token = tok
	actor := dossier.Actor{ID: "bench", Name: "motcua", Role: string(org.Clerk), UnitCode: "MOTCUA"}
	var seq atomic.Int64
	intake := func() (dossier.Dossier, error) {
		i := seq.Add(1)
		return a.dossiers.Intake(ctx, actor, ten.ID, dossier.IntakeRequest{Procedure: "notary.appointment", Channel: catalog.ChannelDirect,
			Applicant: dossier.Applicant{FullName: "Nguyễn Văn Đo", IDNumber: fmt.Sprintf("082%09d", i), Phone: "0912345678"}})
	}
	// Warm up, then sequential.
	seqN := max(n/10, 200)
	start := time.Now()
	for range seqN {
		d, err := intake()
		if err != nil {
			return r, err
		}
		if len(r.samples) < 1000 {
			r.samples = append(r.samples, sample{d.Code, d.LookupPIN})
		}
	}
	r.seqPerS = float64(seqN) / time.Since(start).Seconds()

	var wg sync.WaitGroup
	var left atomic.Int64
	left.Store(int64(n))
	var firstErr error
	var mu sync.Mutex
	start = time.Now()
	for range conc {
		wg.Go(func() {
			for left.Add(-1) >= 0 {
				if _, err := intake(); err != nil {
					mu.Lock()
					firstErr = errors.Join(firstErr, err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return r, firstErr
	}
	r.perS = float64(n) / time.Since(start).Seconds()
	r.rawPerS, err = a.db.RawInsertRate(ctx, rawN, conc)
	return r, err
}

const benchPassword = "mật-khẩu-đo-tốc-độ-1"

// benchSchema makes a fresh schema on a PostgreSQL server and returns a DSN
// that uses it, and a function that drops it.
func benchSchema(ctx context.Context, base string) (string, func(), error) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 4)
	rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("PostgreSQL: %w", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		admin.Close()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}, nil
}

// benchServer is `tuphap serve` as a child process.
type benchServer struct {
	cmd  *exec.Cmd
	out  *syncWriter
	addr string
	once sync.Once
	peak float64
}

type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.b.Len() < 1<<20 {
		w.b.Write(p)
	}
	return len(p), nil
}
func (w *syncWriter) String() string { w.mu.Lock(); defer w.mu.Unlock(); return w.b.String() }

func startBenchServer(ctx context.Context, dsn, key string) (*benchServer, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	// All of the load comes from one address: lift the look-up limit.
	cmd := exec.CommandContext(ctx, self, "serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log-level", "error", "--cookie-secure=false",
		"--lookup-limit", "1000000000")
	cmd.Env = append(os.Environ(), "TUPHAP_KEY_FILE="+key)
	return startProcess(cmd, 30*time.Second)
}

// startProcess starts a `tuphap serve` command and waits up to wait for
// it to print its address.
func startProcess(cmd *exec.Cmd, wait time.Duration) (*benchServer, error) {
	out := &syncWriter{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &benchServer{cmd: cmd, out: out}
	re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			s.addr = m[1]
			return s, nil
		}
	}
	s.stop()
	return nil, fmt.Errorf("bench: the server did not start:\n%s", out.String())
}

// peakRSSMB reads the server's peak resident set (VmHWM).
func (s *benchServer) peakRSSMB() float64 {
	s.peak = s.statusMB("VmHWM:")
	return s.peak
}

// statusMB reads one kB line of the server's /proc status, in MB.
func (s *benchServer) statusMB(key string) float64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), key); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

func (s *benchServer) stop() {
	s.once.Do(func() {
		s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-done
		}
	})
}

// benchLogin signs the bench clerk in and returns the session's cookies.
func benchLogin(addr, tenant string) (http.CookieJar, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "http://" + addr
	resp, err := c.Get(base + "/admin/login")
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		return nil, errors.New("no CSRF token on the sign-in page")
	}
	form := url.Values{"csrf": {string(m[1])}, "tenant": {tenant}, "username": {"motcua"}, "password": {benchPassword}, "next": {"/admin/"}}
	req, _ := http.NewRequest("POST", base+"/admin/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err = c.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign-in answered %d", resp.StatusCode)
	}
	return jar, nil
}

// loadHTTP sends up to n requests over conns connections, for at most d,
// and reports throughput and latency percentiles.
func loadHTTP(ctx context.Context, next func(int) *http.Request, jar http.CookieJar, conns, n int, d time.Duration) httpResult {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		i    atomic.Int64
		errs atomic.Int64
		mu   sync.Mutex
		lat  = make([]time.Duration, 0, n)
		wg   sync.WaitGroup
	)
	start := time.Now()
	for range conns {
		wg.Go(func() {
			local := make([]time.Duration, 0, n/conns+1)
			for {
				k := int(i.Add(1))
				if k > n || ctx.Err() != nil {
					break
				}
				req := next(k).WithContext(ctx)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						errs.Add(1)
					}
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs.Add(1)
					continue
				}
				local = append(local, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		})
	}
	wg.Wait()
	h := summarize(lat, time.Since(start))
	h.Connections, h.Errors = conns, int(errs.Load())
	return h
}

// loadHTTPRate keeps conns connections open and sends rate requests a
// second in all, evenly, for d. Each request's latency runs from the moment
// it was due to be sent, so a slow server is not hidden by a client that
// waited for it.
func loadHTTPRate(ctx context.Context, next func(int) *http.Request, jar http.CookieJar, conns int, rate float64, d time.Duration) httpResult {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Jar: jar, Timeout: 30 * time.Second}
	interval := time.Duration(float64(conns) / rate * float64(time.Second))
	start := time.Now()
	end := start.Add(d)
	var (
		k    atomic.Int64
		errs atomic.Int64
		mu   sync.Mutex
		lat  []time.Duration
		wg   sync.WaitGroup
	)
	for c := range conns {
		wg.Go(func() {
			var local []time.Duration
			due := start.Add(interval * time.Duration(c) / time.Duration(conns))
			for ; due.Before(end); due = due.Add(interval) {
				if w := time.Until(due); w > 0 {
					time.Sleep(w)
				}
				req := next(int(k.Add(1))).WithContext(ctx)
				resp, err := client.Do(req)
				if err != nil {
					errs.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs.Add(1)
					continue
				}
				local = append(local, time.Since(due))
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		})
	}
	wg.Wait()
	h := summarize(lat, time.Since(start))
	h.Connections, h.Errors, h.OfferedPerS = conns, int(errs.Load()), rate
	return h
}

func summarize(lat []time.Duration, elapsed time.Duration) httpResult {
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		k := int(p*float64(len(lat))+0.5) - 1
		k = min(max(k, 0), len(lat)-1)
		return float64(lat[k].Microseconds()) / 1000
	}
	return httpResult{Requests: len(lat), PerS: float64(len(lat)) / elapsed.Seconds(), P50Ms: pct(0.50), P99Ms: pct(0.99)}
}

func machineLine() string {
	cpu := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d lõi, %s/%s, %s", cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}

func printBench(w io.Writer, r benchResult) {
	fmt.Fprintf(w, "\nMáy: %s\n\n", r.Machine)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Phép đo\tSQLite\tPostgreSQL\t")
	fmt.Fprintf(tw, "Tiếp nhận hồ sơ/giây (16 luồng)\t%s\t%s\t\n", num(r.IntakePerS), num(r.PGIntakePerS))
	fmt.Fprintf(tw, "Tiếp nhận hồ sơ/giây (tuần tự)\t%s\t\t\n", num(r.IntakeSeqPerS))
	fmt.Fprintf(tw, "Ghi một dòng/giây (giới hạn của CSDL)\t%s\t%s\t\n", num(r.RawInsertPerS), num(r.PGRawInsertPerS))
	fmt.Fprintf(tw, "Tỉ lệ tiếp nhận / ghi một dòng\t%s%%\t%s%%\t\n", num(r.IntakeRatio*100), num(r.PGIntakeRatio*100))
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HTTP\tKết nối\tTải\tYêu cầu\tLỗi\tYêu cầu/giây\tp50 (ms)\tp99 (ms)\t")
	for _, h := range r.HTTP {
		load := "tối đa"
		if h.OfferedPerS > 0 {
			load = num(h.OfferedPerS) + "/giây"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\t%s\t%s\t%s\t\n", h.Target, h.Connections, load, h.Requests, h.Errors, num(h.PerS), num(h.P50Ms), num(h.P99Ms))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nBộ nhớ tối đa của máy chủ (RSS): %s MB (cuối đợt đo: %s MB bộ nhớ cấp phát, %s MB trang tệp: chương trình và tệp CSDL ánh xạ)\n",
		num(r.PeakRSSMB), num(r.AnonMB), num(r.FileMB))
	if rr := r.Reports; rr != nil {
		fmt.Fprintf(w, "\nBáo cáo Biểu 06 (%d kỳ ngẫu nhiên mỗi loại) trên %s hồ sơ, %d cơ quan (%s):\n", rr.Runs, intVN(rr.Dossiers), rr.Tenants, rr.Database)
		fmt.Fprintf(w, "  một cơ quan: trung vị %s ms, tối đa %s ms\n", num(rr.TenantMedianMs), num(rr.TenantMaxMs))
		fmt.Fprintf(w, "  toàn quốc:   trung vị %s ms, tối đa %s ms\n", num(rr.NationalMedMs), num(rr.NationalMaxMs))
		if rr.GenPerS > 0 {
			fmt.Fprintf(w, "  sinh dữ liệu: %s hồ sơ/giây\n", num(rr.GenPerS))
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "Ghi chú:", n)
	}
}

// intVN formats a count the Vietnamese way: 10.000.000.
func intVN(n int64) string { return vnfmt.Int(n) }

// num formats a rate the Vietnamese way: 1.234,5.
func num(f float64) string {
	if f == 0 {
		return "—"
	}
	return vnfmt.Decimal(f)
}
