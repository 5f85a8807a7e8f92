package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/demo"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// `tuphap bench soak`: a long mixed load against a separate server process
// to see whether speed and memory hold as the data grows (issue 17).

// soakKind is one kind of request of the mix, with its share.
type soakKind struct {
	name  string
	share float64
}

// soakMix: 70% look-ups and dossier reads, 15% counter and online
// intakes, 10% actions, 5% reports and PDF slips.
var soakMix = []soakKind{
	{"lookup", 0.35}, {"dossier_api", 0.20}, {"dossier_page", 0.15},
	{"intake_counter", 0.05}, {"intake_online", 0.10},
	{"action", 0.10},
	{"report", 0.025}, {"slip", 0.025},
}

// soakResult is what `bench soak --json` prints. The keys are stable:
// docs/benchmarks.md relies on them.
type soakResult struct {
	Engine             string                   `json:"engine"`
	Demo               bool                     `json:"demo"`
	Minutes            float64                  `json:"minutes"`
	OfferedPerS        float64                  `json:"offered_per_s"`
	Connections        int                      `json:"connections"`
	ServedPerSFirstMin float64                  `json:"served_per_s_first_min"`
	ServedPerSLastMin  float64                  `json:"served_per_s_last_min"`
	P99MsFirstMin      float64                  `json:"p99_ms_first_min"`
	P99MsLastMin       float64                  `json:"p99_ms_last_min"`
	RSSMBPeak          float64                  `json:"rss_mb_peak"`      // VmHWM at the end of the load
	RSSAnonMBPeak      float64                  `json:"rss_anon_mb_peak"` // largest sampled RssAnon
	PSSMBPeak          float64                  `json:"pss_mb_peak"`      // largest sampled Pss (smaps_rollup)
	RSSMBAfterIdle     float64                  `json:"rss_mb_after_idle"`
	RSSAnonMBAfterIdle float64                  `json:"rss_anon_mb_after_idle"`
	AnonGrowthLast5Pct float64                  `json:"anon_growth_last_5_min_pct"` // or the last half of a shorter run
	WALMBPeak          float64                  `json:"wal_mb_peak,omitempty"`
	Requests           int64                    `json:"requests"`
	Errors             int64                    `json:"errors"`
	ServerErrorsLogged int                      `json:"server_errors_logged"`
	Acked              int                      `json:"acked"`
	FoundAfterKill     int                      `json:"found_after_kill"`
	AuditVerified      bool                     `json:"audit_verified"`
	Plot               string                   `json:"plot"`
	Kinds              map[string]soakKindDrift `json:"kinds"`
	Samples            []soakSample             `json:"samples"`
	Notes              []string                 `json:"notes,omitempty"`
}

// soakKindDrift compares one kind of request's first and last minute.
type soakKindDrift struct {
	Requests      int     `json:"requests"`
	Errors        int     `json:"errors"`
	P50MsFirstMin float64 `json:"p50_ms_first_min"`
	P99MsFirstMin float64 `json:"p99_ms_first_min"`
	P50MsLastMin  float64 `json:"p50_ms_last_min"`
	P99MsLastMin  float64 `json:"p99_ms_last_min"`
}

// soakSample is one sampling interval (10 s).
type soakSample struct {
	AtS        float64            `json:"at_s"`
	ServedPerS float64            `json:"served_per_s"`
	Errors     int                `json:"errors"`
	P50Ms      float64            `json:"p50_ms"`
	P99Ms      float64            `json:"p99_ms"`
	KindP99Ms  map[string]float64 `json:"kind_p99_ms"`
	RSSMB      float64            `json:"rss_mb"`
	AnonMB     float64            `json:"rss_anon_mb"`
	FileMB     float64            `json:"rss_file_mb"`
	PSSMB      float64            `json:"pss_mb"`
	PSSAnonMB  float64            `json:"pss_anon_mb"`
	HeapMB     float64            `json:"go_heap_inuse_mb"`
	Goroutines int                `json:"goroutines"`
	OpenFiles  int                `json:"open_files"`
	WALMB      float64            `json:"wal_mb"`
}

// soakDone is one answered (or failed) request.
type soakDone struct {
	kind string
	at   time.Duration // since the start, when it was due
	lat  time.Duration
	err  bool
}

// selfCommand starts this program with args (tests replace it: their
// binary is the test binary).
var selfCommand = func(ctx context.Context, args ...string) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return exec.CommandContext(ctx, self, args...), nil
}

func cmdSoak(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench soak", "Chạy tải hỗn hợp kéo dài vào một máy chủ riêng, theo dõi tốc độ và bộ nhớ, rồi dừng đột ngột (kill -9) và kiểm tra dữ liệu.")
	minutes := fs.Float64("minutes", 20, "thời gian chạy tải, phút")
	seconds := fs.Float64("seconds", 0, "thời gian chạy tải, giây (thay --minutes; bản ngắn để kiểm thử)")
	rate := fs.Float64("rate", 200, "số yêu cầu mỗi giây gửi đi (vòng hở)")
	conns := fs.Int("conns", 24, "số kết nối")
	asJSON := fs.Bool("json", false, "in một đối tượng JSON")
	pg := fs.String("postgres", "", "chạy trên PostgreSQL (một schema tạm được tạo rồi xóa); trống = SQLite")
	demoFlag := fs.Bool("demo", false, "khởi động máy chủ với --demo (nạp dữ liệu mẫu lúc khởi động)")
	dir := fs.String("dir", "", "thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
	plot := fs.String("plot", "", "tệp SVG của biểu đồ (mặc định: soak-<csdl>.svg trong thư mục hiện tại)")
	idle := fs.Duration("idle", 0, "thời gian nghỉ sau tải trước khi đo bộ nhớ lúc rảnh (mặc định 30 giây; bản ngắn 2 giây)")
	if err := parse(fs, args); err != nil {
		return err
	}
	dur := time.Duration(*minutes * float64(time.Minute))
	if *seconds > 0 {
		dur = time.Duration(*seconds * float64(time.Second))
	}
	if dur <= 0 || *rate <= 0 || *conns <= 0 {
		return usageError("--minutes (hoặc --seconds), --rate và --conns phải lớn hơn 0")
	}
	short := dur < 2*time.Minute
	if *idle == 0 {
		*idle = 30 * time.Second
		if short {
			*idle = 2 * time.Second
		}
	}
	work, cleanup, err := workDir(*dir, "tuphap-soak-")
	if err != nil {
		return err
	}
	defer cleanup()
	log := progress(e, *asJSON)
	engine := "sqlite"
	dsn := "sqlite:" + filepath.Join(work, "soak.db")
	walPath := filepath.Join(work, "soak.db-wal")
	if *pg != "" {
		engine, walPath = "postgres", ""
		pgDSN, drop, err := benchSchema(ctx, *pg)
		if err != nil {
			return err
		}
		defer drop()
		dsn = pgDSN
	}
	if *plot == "" {
		*plot = "soak-" + engine + ".svg"
	}
	key := filepath.Join(work, "soak.key")
	res := soakResult{Engine: engine, Demo: *demoFlag, Minutes: dur.Minutes(), OfferedPerS: *rate, Connections: *conns,
		Kinds: map[string]soakKindDrift{}, Plot: *plot}

	extra := []string{}
	if *demoFlag {
		extra = append(extra, "--demo")
	}
	log("Khởi động máy chủ (%s%s)...", engine, map[bool]string{true: ", --demo", false: ""}[*demoFlag])
	srv, err := startSoakServer(ctx, dsn, key, extra...)
	if err != nil {
		return err
	}
	defer srv.stop()
	demoTenant := ""
	if *demoFlag {
		demoTenant = demo.TenantCode
	}
	cl, err := soakSetup(ctx, dsn, key, srv.addr, demoTenant)
	if err != nil {
		return fmt.Errorf("soak set-up: %w\n%s", err, srv.out.String())
	}
	defer cl.db.Close()
	log("Tải hỗn hợp %s yêu cầu/giây qua %d kết nối trong %s...", num(*rate), *conns, dur)
	samples, done, err := cl.run(ctx, srv, walPath, *rate, *conns, dur, short)
	if err != nil {
		return err
	}
	res.Samples = samples
	res.RSSMBPeak = srv.statusMB("VmHWM:")
	summarizeSoak(&res, done, dur, short)

	log("Nghỉ %s rồi đo bộ nhớ...", *idle)
	select {
	case <-time.After(*idle):
	case <-ctx.Done():
		return ctx.Err()
	}
	res.RSSMBAfterIdle, res.RSSAnonMBAfterIdle = srv.statusMB("VmRSS:"), srv.statusMB("RssAnon:")
	res.ServerErrorsLogged = strings.Count(srv.out.String(), "level=ERROR")

	log("kill -9, khởi động lại, kiểm tra %d hồ sơ đã được xác nhận...", len(cl.acked))
	srv.cmd.Process.Kill()
	srv.cmd.Wait()
	srv2, err := startSoakServer(ctx, dsn, key)
	if err != nil {
		return fmt.Errorf("restart after kill -9: %w", err)
	}
	defer srv2.stop()
	cl.base = "http://" + srv2.addr
	res.Acked = len(cl.acked)
	res.FoundAfterKill, err = cl.countFound(ctx)
	if err != nil {
		return err
	}
	res.AuditVerified, err = cl.verifyAudit(ctx)
	if err != nil {
		return err
	}
	srv2.stop()
	if err := os.WriteFile(*plot, soakSVG(res), 0o644); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printSoak(e.stdout, res)
	return nil
}

// startSoakServer is startBenchServer through selfCommand, logging
// warnings and errors (the soak counts the ERROR lines) and allowing a
// slow first start (--demo loads its data then).
func startSoakServer(ctx context.Context, dsn, key string, extra ...string) (*benchServer, error) {
	args := append([]string{"serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log-level", "warn", "--cookie-secure=false",
		"--lookup-limit", "1000000000", "--metrics-token", soakMetricsToken}, extra...)
	cmd, err := selfCommand(ctx, args...)
	if err != nil {
		return nil, err
	}
	cmd.Env = append(cmd.Environ(), "TUPHAP_KEY_FILE="+key)
	return startProcess(cmd, 5*time.Minute)
}

// soakClient is the load's side: tokens of a clerk (intake, reads,
// actions, slips) and a director (reports), and what the server
// acknowledged.
type soakClient struct {
	base, clerk, director string
	c                     *http.Client
	tenantID              string
	db                    *sqlstore.DB // reads the look-up PINs, which no API shows

	mu       sync.Mutex
	acked    []sample // every acknowledged intake (code; PIN once read)
	resolved int      // acked[:resolved] have their PIN
	pending  []string // online intakes waiting for acceptance
}

// soakSetup creates the department of the load in the server's database
// (while the server runs, as another process would). The client keeps the
// database open to read the PINs of new dossiers (close it with close).
// With demoTenant, the load works in that (existing) department.
func soakSetup(ctx context.Context, dsn, key, addr, demoTenant string) (*soakClient, error) {
	a, err := open(ctx, func(string) string { return "" }, dsn, key, false, nil)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			a.Close()
		}
	}()
	n := time.Now().UnixNano()
	var ten org.Tenant
	var desk org.Unit
	if demoTenant != "" {
		// The portal's look-up serves its own department (the demo's).
		if ten, err = a.db.Org().TenantByCode(ctx, demoTenant); err != nil {
			return nil, err
		}
		if desk, err = a.db.Org().UnitByCode(ctx, ten.ID, "MOTCUA"); err != nil {
			return nil, err
		}
	} else {
		code := fmt.Sprintf("SOAK-%06d", n%1e6)
		if ten, err = a.org.CreateTenant(ctx, audit.System, org.Tenant{Code: code, Name: "Sở Tư pháp (chạy tải dài)",
			AgencyID: fmt.Sprintf("000.%02d.%02d.S%02d", n%100, n/100%100, n/10000%100), ProvinceCode: "82"}); err != nil {
			return nil, err
		}
		if desk, err = a.org.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception}); err != nil {
			return nil, err
		}
	}
	cl := &soakClient{base: "http://" + addr, tenantID: ten.ID, db: a.db}
	for _, o := range []struct {
		user string
		role org.Role
		unit string
		tok  *string
	}{{fmt.Sprintf("soak-motcua-%d", n%1e6), org.Clerk, desk.ID, &cl.clerk}, {fmt.Sprintf("soak-giamdoc-%d", n%1e6), org.Director, "", &cl.director}} {
		if _, err := a.org.CreateOfficer(ctx, audit.System, org.Officer{TenantID: ten.ID, Username: o.user, FullName: "Cán bộ " + o.user,
			Role: o.role, UnitID: o.unit}, benchPassword); err != nil {
			return nil, err
		}
		if *o.tok, err = a.auth.CreateToken(ctx, audit.System, ten.Code, o.user, "soak", 24*time.Hour); err != nil {
			return nil, err
		}
	}
	ok = true
	return cl, nil
}

// resolvePINs reads the PINs of newly acknowledged dossiers until ctx ends,
// so that look-ups can use them.
func (cl *soakClient) resolvePINs(ctx context.Context) {
	store := sqlstore.DossierStore{DB: cl.db}
	for ctx.Err() == nil {
		cl.mu.Lock()
		todo := slices.Clone(cl.acked[cl.resolved:])
		from := cl.resolved
		cl.mu.Unlock()
		for i, s := range todo {
			d, err := store.Dossier(ctx, cl.tenantID, s.code)
			if err != nil {
				break
			}
			cl.mu.Lock()
			cl.acked[from+i].pin = d.LookupPIN
			cl.resolved = from + i + 1
			cl.mu.Unlock()
		}
		select {
		case <-ctx.Done():
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// pickResolved is a random acknowledged dossier with its PIN.
func (cl *soakClient) pickResolved(r *mrand.Rand) (sample, bool) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if cl.resolved == 0 {
		return sample{}, false
	}
	return cl.acked[r.IntN(cl.resolved)], true
}

func (cl *soakClient) pick(r *mrand.Rand) (sample, bool) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if len(cl.acked) == 0 {
		return sample{}, false
	}
	return cl.acked[r.IntN(len(cl.acked))], true
}

func (cl *soakClient) popPending() (string, bool) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if len(cl.pending) == 0 {
		return "", false
	}
	c := cl.pending[0]
	cl.pending = cl.pending[1:]
	return c, true
}

var soakSeq atomic.Int64

// request builds one request of the kind, or nil when it has nothing to
// work on yet (then an intake is sent instead).
func (cl *soakClient) request(kind string, r *mrand.Rand) (*http.Request, string) {
	auth := func(req *http.Request, tok string) *http.Request {
		req.Header.Set("Authorization", "Bearer "+tok)
		return req
	}
	intake := func(channel string) *http.Request {
		i := soakSeq.Add(1)
		body := fmt.Sprintf(`{"procedure_code":"notary.appointment","channel":%q,"applicant":{"full_name":"Nguyễn Văn Tải","id_number":"082%09d","phone":"0912345678"}}`, channel, i)
		req, _ := http.NewRequest("POST", cl.base+"/api/v1/dossiers", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return auth(req, cl.clerk)
	}
	s, ok := cl.pick(r)
	if !ok && kind != "intake_online" {
		kind = "intake_counter"
	}
	switch kind {
	case "lookup":
		if p, ok := cl.pickResolved(r); ok {
			s = p
		} else {
			kind = "dossier_api"
			break
		}
		// The PIN travels in the body, never in an address (POST /api/v1/lookup).
		req, _ := http.NewRequest("POST", cl.base+"/api/v1/lookup", strings.NewReader(url.Values{"code": {s.code}, "pin": {s.pin}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return req, kind
	}
	switch kind {
	case "dossier_api":
		req, _ := http.NewRequest("GET", cl.base+"/api/v1/dossiers/"+url.PathEscape(s.code), nil)
		return auth(req, cl.clerk), kind
	case "dossier_page":
		req, _ := http.NewRequest("GET", cl.base+"/admin/dossiers/"+url.PathEscape(s.code), nil)
		return auth(req, cl.clerk), kind
	case "intake_online":
		return intake("online"), kind
	case "action":
		code, ok := cl.popPending()
		if !ok {
			return intake("online"), "intake_online"
		}
		req, _ := http.NewRequest("POST", cl.base+"/api/v1/dossiers/"+url.PathEscape(code)+"/accept", nil)
		return auth(req, cl.clerk), kind
	case "report":
		req, _ := http.NewRequest("GET", cl.base+"/admin/reports", nil)
		return auth(req, cl.director), kind
	case "slip":
		req, _ := http.NewRequest("GET", cl.base+"/admin/dossiers/"+url.PathEscape(s.code)+"/forms/mau-01", nil)
		return auth(req, cl.clerk), kind
	}
	return intake("direct"), "intake_counter"
}

// note records what an intake or an acceptance answered.
func (cl *soakClient) note(kind string, body []byte) {
	var d struct {
		Code      string `json:"code"`
		ID        string `json:"id"`
		Status    int    `json:"status"`
		LookupPIN string `json:"lookup_pin"`
	}
	if json.Unmarshal(body, &d) != nil {
		return
	}
	cl.mu.Lock()
	defer cl.mu.Unlock()
	switch {
	case kind == "intake_online":
		cl.pending = append(cl.pending, d.ID)
	case d.Code != "":
		cl.acked = append(cl.acked, sample{code: d.Code})
	}
}

// run sends the mix at rate requests a second over conns connections for
// dur (open loop: latency counts from when each request was due) and
// samples the server every 10 s (every second in a short run).
func (cl *soakClient) run(ctx context.Context, srv *benchServer, walPath string, rate float64, conns int, dur time.Duration, short bool) ([]soakSample, []soakDone, error) {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	cl.c = &http.Client{Transport: tr, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// A few counter intakes first, so that reads have dossiers.
	for range 20 {
		req, kind := cl.request("intake_counter", mrand.New(mrand.NewPCG(1, 1)))
		if _, err := cl.do(ctx, req, kind); err != nil {
			return nil, nil, fmt.Errorf("first intakes: %w\n%s", err, srv.out.String())
		}
	}
	every := 10 * time.Second
	if short {
		every = time.Second
	}
	interval := time.Duration(float64(conns) / rate * float64(time.Second))
	start := time.Now()
	end := start.Add(dur)
	var mu sync.Mutex
	var all, window []soakDone
	var wg sync.WaitGroup
	for c := range conns {
		wg.Go(func() {
			r := mrand.New(mrand.NewPCG(uint64(c), uint64(start.UnixNano())))
			due := start.Add(interval * time.Duration(c) / time.Duration(conns))
			for ; due.Before(end) && ctx.Err() == nil; due = due.Add(interval) {
				if w := time.Until(due); w > 0 {
					time.Sleep(w)
				}
				req, kind := cl.request(drawKind(r), r)
				_, err := cl.do(ctx, req, kind)
				d := soakDone{kind: kind, at: due.Sub(start), lat: time.Since(due), err: err != nil}
				mu.Lock()
				all = append(all, d)
				window = append(window, d)
				mu.Unlock()
			}
		})
	}
	rctx, stopResolve := context.WithCancel(ctx)
	resolveDone := make(chan struct{})
	go func() { defer close(resolveDone); cl.resolvePINs(rctx) }()
	defer func() { stopResolve(); <-resolveDone }()
	var samples []soakSample
	tick := time.NewTicker(every)
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	last := start
	for loop := true; loop; {
		select {
		case <-tick.C:
		case <-finished:
			loop = false
		}
		mu.Lock()
		w := window
		window = nil
		mu.Unlock()
		now := time.Now()
		if len(w) > 0 || loop {
			samples = append(samples, cl.sample(srv, walPath, w, now.Sub(start), now.Sub(last)))
		}
		last = now
	}
	tick.Stop()
	return samples, all, ctx.Err()
}

func drawKind(r *mrand.Rand) string {
	x := r.Float64()
	for _, k := range soakMix {
		if x < k.share {
			return k.name
		}
		x -= k.share
	}
	return soakMix[0].name
}

// do sends one request and reads the answer; an intake or acceptance
// answer is noted. Anything but 2xx is an error.
func (cl *soakClient) do(ctx context.Context, req *http.Request, kind string) ([]byte, error) {
	resp, err := cl.c.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		return body, fmt.Errorf("%s %s: %d %s", req.Method, req.URL.Path, resp.StatusCode, bytes.TrimSpace(body[:min(len(body), 200)]))
	}
	if strings.HasPrefix(kind, "intake") || kind == "action" {
		cl.note(kind, body)
	}
	return body, nil
}

// soakMetricsToken lets the soak read the server's /metrics (which answers
// only to a token on the main listener).
const soakMetricsToken = "soak-metrics"

// sample reads the server's memory, files, Go runtime (from /metrics) and
// the WAL, and summarises the requests of the interval.
func (cl *soakClient) sample(srv *benchServer, walPath string, w []soakDone, at, span time.Duration) soakSample {
	s := soakSample{AtS: at.Seconds(), KindP99Ms: map[string]float64{}}
	var lat []time.Duration
	byKind := map[string][]time.Duration{}
	for _, d := range w {
		if d.err {
			s.Errors++
			continue
		}
		lat = append(lat, d.lat)
		byKind[d.kind] = append(byKind[d.kind], d.lat)
	}
	s.ServedPerS = float64(len(lat)) / span.Seconds()
	s.P50Ms, s.P99Ms = pctMs(lat, 0.50), pctMs(lat, 0.99)
	for k, l := range byKind {
		s.KindP99Ms[k] = pctMs(l, 0.99)
	}
	s.RSSMB, s.AnonMB, s.FileMB = srv.statusMB("VmRSS:"), srv.statusMB("RssAnon:"), srv.statusMB("RssFile:")
	s.PSSMB, s.PSSAnonMB = srv.smapsMB("Pss:"), srv.smapsMB("Pss_Anon:")
	if ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", srv.cmd.Process.Pid)); err == nil {
		s.OpenFiles = len(ents)
	}
	if walPath != "" {
		if fi, err := os.Stat(walPath); err == nil {
			s.WALMB = float64(fi.Size()) / (1 << 20)
		}
	}
	mreq, _ := http.NewRequest("GET", cl.base+"/metrics", nil)
	mreq.Header.Set("Authorization", "Bearer "+soakMetricsToken)
	if resp, err := http.DefaultClient.Do(mreq); err == nil {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			l := sc.Text()
			if v, ok := strings.CutPrefix(l, "go_memstats_heap_inuse_bytes "); ok {
				f, _ := strconv.ParseFloat(v, 64)
				s.HeapMB = f / (1 << 20)
			} else if v, ok := strings.CutPrefix(l, "go_goroutines "); ok {
				s.Goroutines, _ = strconv.Atoi(v)
			}
		}
		resp.Body.Close()
	}
	return s
}

func pctMs(lat []time.Duration, p float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	l := slices.Clone(lat)
	slices.Sort(l)
	k := min(max(int(p*float64(len(l))+0.5)-1, 0), len(l)-1)
	return float64(l[k].Microseconds()) / 1000
}

// smapsMB reads one kB line of the server's /proc smaps_rollup, in MB
// (PSS counts the shared file pages once across processes, and once,
// not per mapping connection).
func (s *benchServer) smapsMB(key string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, key); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

// summarizeSoak fills the drift figures: the first and last minute (the
// first and last half of a run shorter than two minutes), and the growth
// of anonymous memory over the last five minutes (the last half).
func summarizeSoak(res *soakResult, done []soakDone, dur time.Duration, short bool) {
	win := time.Minute
	if short {
		win = dur / 2
	}
	first := func(d soakDone) bool { return d.at < win }
	last := func(d soakDone) bool { return d.at >= dur-win }
	// Served counts answers by when they came (a server that falls
	// behind serves less than offered); latency, requests by when they
	// were due.
	served := func(from, to time.Duration) float64 {
		n := 0
		for _, d := range done {
			if end := d.at + d.lat; !d.err && end >= from && end < to {
				n++
			}
		}
		return float64(n) / win.Seconds()
	}
	lats := func(in func(soakDone) bool) []time.Duration {
		var l []time.Duration
		for _, d := range done {
			if in(d) && !d.err {
				l = append(l, d.lat)
			}
		}
		return l
	}
	res.ServedPerSFirstMin, res.ServedPerSLastMin = served(0, win), served(dur-win, dur)
	lf, ll := lats(first), lats(last)
	res.P99MsFirstMin, res.P99MsLastMin = pctMs(lf, 0.99), pctMs(ll, 0.99)
	for _, k := range soakMix {
		var kd soakKindDrift
		var f, l []time.Duration
		for _, d := range done {
			if d.kind != k.name {
				continue
			}
			kd.Requests++
			if d.err {
				kd.Errors++
				continue
			}
			if first(d) {
				f = append(f, d.lat)
			}
			if last(d) {
				l = append(l, d.lat)
			}
		}
		kd.P50MsFirstMin, kd.P99MsFirstMin = pctMs(f, 0.5), pctMs(f, 0.99)
		kd.P50MsLastMin, kd.P99MsLastMin = pctMs(l, 0.5), pctMs(l, 0.99)
		res.Kinds[k.name] = kd
	}
	res.Requests = int64(len(done))
	for _, d := range done {
		if d.err {
			res.Errors++
		}
	}
	growWin := 5 * time.Minute
	if short || dur < 10*time.Minute {
		growWin = dur / 2
	}
	for _, s := range res.Samples {
		res.RSSAnonMBPeak = max(res.RSSAnonMBPeak, s.AnonMB)
		res.PSSMBPeak = max(res.PSSMBPeak, s.PSSMB)
		res.WALMBPeak = max(res.WALMBPeak, s.WALMB)
	}
	edge := time.Minute
	if growWin < 4*time.Minute {
		edge = growWin / 4
	}
	res.AnonGrowthLast5Pct = anonGrowthPct(res.Samples, dur.Seconds(), growWin.Seconds(), edge.Seconds())
	if short {
		res.Notes = append(res.Notes, "bản ngắn: \"phút đầu/cuối\" là nửa đầu/nửa cuối của lượt chạy")
	}
}

// anonGrowthPct is how much anonymous memory grew over the window of win
// seconds that ends at end: the median of the samples in the window's
// first edge seconds against the median of those in its last edge
// seconds. A sample taken every 10 s catches the Go heap anywhere in its
// collection cycle, so two single samples of a flat series differ by up to
// a fifth; medians of a minute's samples compare levels, not GC phases.
// It is 0 when either end has no sample.
func anonGrowthPct(samples []soakSample, end, win, edge float64) float64 {
	start := end - win
	var head, tail []float64
	for _, s := range samples {
		if s.AtS >= start && s.AtS < start+edge {
			head = append(head, s.AnonMB)
		}
		if s.AtS > end-edge && s.AtS <= end {
			tail = append(tail, s.AnonMB)
		}
	}
	from, to := median(head), median(tail)
	if from <= 0 || to <= 0 {
		return 0
	}
	return (to - from) / from * 100
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// countFound asks the restarted server for every acknowledged intake.
func (cl *soakClient) countFound(ctx context.Context) (int, error) {
	var found atomic.Int64
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	for range 8 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(cl.acked) || ctx.Err() != nil {
					return
				}
				req, _ := http.NewRequest("GET", cl.base+"/api/v1/dossiers/"+url.PathEscape(cl.acked[i].code), nil)
				req.Header.Set("Authorization", "Bearer "+cl.clerk)
				resp, err := cl.c.Do(req.WithContext(ctx))
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					found.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return int(found.Load()), firstErr
}

// verifyAudit asks the restarted server to verify the department's audit
// chain.
func (cl *soakClient) verifyAudit(ctx context.Context) (bool, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", cl.base+"/api/v1/audit/verify", nil)
	req.Header.Set("Authorization", "Bearer "+cl.director)
	resp, err := cl.c.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var v struct {
		Intact bool `json:"intact"`
	}
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &v); err != nil {
		return false, fmt.Errorf("audit verify answered %d: %s", resp.StatusCode, body)
	}
	return resp.StatusCode == http.StatusOK && v.Intact, nil
}

func printSoak(w io.Writer, r soakResult) {
	fmt.Fprintf(w, "\nChạy tải dài trên %s: %s phút, %s yêu cầu/giây gửi đi qua %d kết nối\n", r.Engine, num(r.Minutes), num(r.OfferedPerS), r.Connections)
	fmt.Fprintf(w, "  phục vụ/giây: phút đầu %s, phút cuối %s\n", num(r.ServedPerSFirstMin), num(r.ServedPerSLastMin))
	fmt.Fprintf(w, "  p99 (ms):     phút đầu %s, phút cuối %s\n", num(r.P99MsFirstMin), num(r.P99MsLastMin))
	for _, k := range soakMix {
		kd := r.Kinds[k.name]
		fmt.Fprintf(w, "    %-15s %6d yêu cầu, %d lỗi; p99 %s → %s ms\n", k.name, kd.Requests, kd.Errors, num(kd.P99MsFirstMin), num(kd.P99MsLastMin))
	}
	fmt.Fprintf(w, "  bộ nhớ: RSS tối đa %s MB (cấp phát %s MB, PSS %s MB); sau khi nghỉ RSS %s MB (cấp phát %s MB); cấp phát tăng %s%% ở 5 phút cuối\n",
		num(r.RSSMBPeak), num(r.RSSAnonMBPeak), num(r.PSSMBPeak), num(r.RSSMBAfterIdle), num(r.RSSAnonMBAfterIdle), num(r.AnonGrowthLast5Pct))
	if r.WALMBPeak > 0 {
		fmt.Fprintf(w, "  WAL tối đa: %s MB\n", num(r.WALMBPeak))
	}
	fmt.Fprintf(w, "  lỗi: %d phía máy khách, %d dòng ERROR trong nhật ký máy chủ\n", r.Errors, r.ServerErrorsLogged)
	fmt.Fprintf(w, "  sau kill -9: %d/%d hồ sơ đã xác nhận còn nguyên; chuỗi nhật ký kiểm toán %s\n", r.FoundAfterKill, r.Acked,
		map[bool]string{true: "hợp lệ", false: "KHÔNG hợp lệ"}[r.AuditVerified])
	fmt.Fprintf(w, "  biểu đồ: %s\n", r.Plot)
	for _, n := range r.Notes {
		fmt.Fprintln(w, "Ghi chú:", n)
	}
}

// soakSVG plots the samples: throughput, p99 by kind, and memory.
func soakSVG(r soakResult) []byte {
	const W, H, left, top, ph, gap = 900, 740, 70, 60, 190, 45
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">`+"\n", W, H)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/><text x="%d" y="20" font-size="14">tuphap bench soak: %s, %s phút, %s yêu cầu/giây gửi đi</text>`+"\n",
		left, r.Engine, num(r.Minutes), num(r.OfferedPerS))
	maxT := 1.0
	for _, s := range r.Samples {
		maxT = max(maxT, s.AtS)
	}
	colors := []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"}
	panel := func(i int, title string, series []string, val func(s soakSample, k string) float64) {
		y0 := top + i*(ph+gap)
		maxV := 1.0
		for _, s := range r.Samples {
			for _, k := range series {
				maxV = max(maxV, val(s, k))
			}
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-weight="bold">%s (tối đa %s)</text>`+"\n", left, y0-6, title, num(maxV))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>`+"\n", left, y0, W-left-160, ph)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text><text x="%d" y="%d" text-anchor="end">0</text>`+"\n", left-4, y0+10, num(maxV), left-4, y0+ph)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s s</text>`+"\n", W-160, y0+ph+14, num(maxT))
		for j, k := range series {
			var pts []string
			for _, s := range r.Samples {
				x := float64(left) + s.AtS/maxT*float64(W-left-160)
				y := float64(y0+ph) - val(s, k)/maxV*float64(ph)
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			}
			c := colors[j%len(colors)]
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>`+"\n", c, strings.Join(pts, " "))
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">%s</text>`+"\n", W-150, y0+12+j*14, c, k)
		}
	}
	panel(0, "Yêu cầu/giây phục vụ", []string{"served_per_s"}, func(s soakSample, _ string) float64 { return s.ServedPerS })
	var kinds []string
	for _, k := range soakMix {
		kinds = append(kinds, k.name)
	}
	panel(1, "p99 theo loại yêu cầu (ms)", kinds, func(s soakSample, k string) float64 { return s.KindP99Ms[k] })
	panel(2, "Bộ nhớ (MB)", []string{"rss_anon", "rss_file", "pss", "go_heap", "wal"}, func(s soakSample, k string) float64 {
		switch k {
		case "rss_anon":
			return s.AnonMB
		case "rss_file":
			return s.FileMB
		case "pss":
			return s.PSSMB
		case "go_heap":
			return s.HeapMB
		}
		return s.WALMB
	})
	b.WriteString("</svg>\n")
	return b.Bytes()
}
