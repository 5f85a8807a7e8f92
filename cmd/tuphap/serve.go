package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"tuphap/internal/demo"
	"tuphap/internal/external/enterprise"
	"tuphap/internal/external/population"
	"tuphap/internal/notify"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "Cập nhật cấu trúc cơ sở dữ liệu rồi chạy máy chủ web.")
	addr := fs.String("addr", envOr(e, "TUPHAP_ADDR", "127.0.0.1:8080"), "địa chỉ lắng nghe (TUPHAP_ADDR)")
	dsn := dbFlag(fs, e)
	withDemo := fs.Bool("demo", envOr(e, "TUPHAP_DEMO", "") == "1", "nạp dữ liệu mẫu nếu chưa có (TUPHAP_DEMO=1)")
	keyFile := fs.String("key-file", e.getenv("TUPHAP_KEY_FILE"), "tệp khóa mã hóa bí mật (mặc định: cạnh tệp SQLite, hoặc data/tuphap.key) (TUPHAP_KEY_FILE)")
	logFormat := fs.String("log-format", envOr(e, "TUPHAP_LOG_FORMAT", "text"), "định dạng nhật ký: text hoặc json (TUPHAP_LOG_FORMAT)")
	logLevel := fs.String("log-level", envOr(e, "TUPHAP_LOG_LEVEL", "info"), "mức nhật ký: debug, info, warn, error (TUPHAP_LOG_LEVEL)")
	secure, _ := strconv.ParseBool(envOr(e, "TUPHAP_COOKIE_SECURE", "true"))
	cookieSecure := fs.Bool("cookie-secure", secure, "đặt cờ Secure cho cookie; chỉ tắt khi chạy HTTP thường trong mạng nội bộ (TUPHAP_COOKIE_SECURE)")
	mailCfg := mailFlags(fs, e)
	lease := fs.Duration("outbox-lease", 5*time.Minute, "thời hạn giữ một thông báo đang gửi; quá hạn thì gửi lại, kể cả sau khi tiến trình bị dừng đột ngột (TUPHAP_OUTBOX_LEASE)")
	if v := e.getenv("TUPHAP_OUTBOX_LEASE"); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			*lease = d
		}
	}
	trustedProxies := fs.String("trusted-proxies", e.getenv("TUPHAP_TRUSTED_PROXIES"), "địa chỉ hoặc dải (CIDR) của các máy chủ chuyển tiếp (reverse proxy) được tin cậy, cách nhau bằng dấu phẩy; chỉ với chúng tiêu đề X-Forwarded-For mới được dùng để xác định địa chỉ người dùng (TUPHAP_TRUSTED_PROXIES)")
	metricsAddr := fs.String("metrics-addr", e.getenv("TUPHAP_METRICS_ADDR"), "địa chỉ lắng nghe riêng cho /metrics (nên là 127.0.0.1:PORT hoặc mạng nội bộ); trống: không mở (TUPHAP_METRICS_ADDR)")
	metricsToken := fs.String("metrics-token", e.getenv("TUPHAP_METRICS_TOKEN"), "mã truy cập để đọc /metrics trên địa chỉ chính (Authorization: Bearer ...); trống: /metrics không có ở địa chỉ chính (TUPHAP_METRICS_TOKEN)")
	pf := addPortalFlags(fs, e)
	dvcqgSim := dvcqgFlag(fs, e)
	deliveryCfg := deliveryFlags(fs, e)
	lettersApproval := lettersFlag(fs, e)
	dbOpt := dbLimitFlags(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	public, err := publicAddress(*pf.publicURL, *addr)
	if err != nil {
		return err
	}
	proxies, err := web.ParseTrustedProxies(*trustedProxies)
	if err != nil {
		return usageError("--trusted-proxies: " + err.Error())
	}
	log := newLogger(os.Stderr, *logFormat, *logLevel)
	if *keyFile == "" {
		*keyFile = defaultKeyFile(*dsn)
	}
	a, err := openWith(ctx, e.getenv, *dsn, *keyFile, true, log, dbOpt())
	if err != nil {
		return err
	}
	defer a.Close()
	a.publicURL = public
	if *dvcqgSim || *withDemo {
		a.enableNationalPortal()
	}
	senders, err := mailCfg.senders(a.sms)
	if err != nil {
		return err
	}
	a.np.addSender(a, senders)
	dl, err := deliveryCfg.build(*withDemo)
	if err != nil {
		return err
	}
	dl.addSenders(a, senders)
	// The outbox worker runs until the server has shut down; the database
	// closes after it (defers run last in, first out).
	wctx, stopWorker := context.WithCancel(ctx)
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		pollDone := make(chan struct{})
		go func() { defer close(pollDone); dl.pollPost(wctx, a, log) }()
		w := newWorker(a, senders, log)
		w.Lease = *lease
		w.Run(wctx)
		<-pollDone
	}()
	defer func() { stopWorker(); <-workerDone }()
	book := &demo.AccountBook{Writer: e.stdout}
	if *withDemo {
		if err := loadDemo(ctx, a, *dsn, book); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if err := seedPortalDemo(ctx, a, demo.TenantCode, e.stdout); err != nil {
			return fmt.Errorf("demo portal: %w", err)
		}
		if err := dl.seedPostDemo(ctx, a, demo.TenantCode); err != nil {
			return fmt.Errorf("demo post: %w", err)
		}
	}
	tenants, err := a.db.Org().Tenants(ctx)
	if err != nil {
		return err
	}
	if len(tenants) == 0 {
		fmt.Fprintln(e.stdout, "Chưa có cơ quan nào. Tạo cơ quan và quản trị viên đầu tiên:\n"+
			"  tuphap tenant add --db DSN --code STP --name \"Sở Tư pháp tỉnh ...\" --agency-id 000.00.00.H82 --province 82\n"+
			"  tuphap user add --db DSN --tenant STP --username admin --role admin --password-stdin\n"+
			"hoặc chạy với --demo để nạp dữ liệu mẫu.")
	}
	portalTenant := ""
	if *withDemo {
		portalTenant = demo.TenantCode
	}
	srv, err := web.New(web.Config{DB: a.db, Org: a.org, Auth: a.auth, Calendar: a.cal, Dossiers: a.dossiers, Catalog: a.catalog, Log: log, SecureCookies: *cookieSecure, Version: version,
		SMS: a.sms, NudgeOutbox: func() { notify.Nudge(a.wake) }, Procedures: a.procs,
		PublicURL: public, Portal: portalConfig(a, pf, public, *withDemo, portalTenant), TrustedProxies: proxies, MetricsToken: *metricsToken})
	if err != nil {
		return err
	}
	srv.EnableJudicialRecords(a.jrWeb())
	a.np.enableWeb(srv)
	dl.enableWeb(srv)
	enableLetters(srv, *lettersApproval, *withDemo)
	if *withDemo {
		// The national registries' simulators (no real client yet).
		srv.EnableLookups(&web.Lookups{Population: &population.Simulator{}, Enterprises: &enterprise.Simulator{}})
	}
	if err := enableMediation(srv, a); err != nil {
		return err
	}
	srv.EnableLegalAid(&web.LegalAid{Service: legalAidService(a)})
	enablePetitions(srv, a)
	if err := enableLegalDocs(srv, a); err != nil {
		return err
	}
	if err := enablePractitioners(srv, a); err != nil {
		return err
	}
	if err := enableEmulation(srv, a); err != nil {
		return err
	}
	if err := enableContests(srv, a); err != nil {
		return err
	}
	if err := enableDissemination(srv, a); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	fmt.Fprintf(e.stdout, "tuphap đang phục vụ tại http://%s (cơ sở dữ liệu %s)\n", ln.Addr(), a.db.Engine())
	if err := printDemoAccounts(e.stdout, book, *keyFile, *dsn); err != nil {
		return err
	}
	log.Info("serving", "addr", ln.Addr().String(), "database", string(a.db.Engine()), "version", version)

	go sweepSessions(ctx, a, log)
	if addr := e.getenv("TUPHAP_PPROF"); addr != "" {
		// Profiling for operators, on its own listener (keep it on loopback).
		go func() {
			mux := http.NewServeMux()
			mux.HandleFunc("/debug/pprof/", pprof.Index)
			mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
			log.Warn("pprof listening", "addr", addr, "err", http.ListenAndServe(addr, mux))
		}()
	}
	if *metricsAddr != "" {
		// Metrics for the monitoring system, on a listener of their own.
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("--metrics-addr: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", srv.MetricsHandler())
		ms := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go ms.Serve(mln)
		defer ms.Close()
		log.Info("metrics listening", "addr", mln.Addr().String())
	}
	go sweepOutbox(ctx, a, log)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Graceful shutdown: stop accepting, let in-flight requests finish.
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// sweepSessions removes expired sessions every hour.
func sweepSessions(ctx context.Context, a *app, log interface{ Warn(string, ...any) }) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := a.db.Auth().DeleteExpiredSessions(ctx); err != nil && ctx.Err() == nil {
				log.Warn("session sweep", "error", err)
			}
			if _, err := a.db.Portal().DeleteExpiredCitizenSessions(ctx); err != nil && ctx.Err() == nil {
				log.Warn("citizen session sweep", "error", err)
			}
		}
	}
}

// dbLimitFlags are the SQLite memory limits (sqlstore.Options; defaults
// for a 2-core server with a few GB, docs/architecture.md, Memory).
func dbLimitFlags(fs *flag.FlagSet, e *env) func() sqlstore.Options {
	intEnv := func(name string, def int) int {
		if v, err := strconv.Atoi(e.getenv(name)); err == nil {
			return v
		}
		return def
	}
	conns := fs.Int("db-read-conns", intEnv("TUPHAP_DB_READ_CONNS", sqlstore.DefaultReadConns),
		"SQLite: số kết nối đọc (TUPHAP_DB_READ_CONNS)")
	cache := fs.Int("db-cache-mb", intEnv("TUPHAP_DB_CACHE_MB", sqlstore.DefaultCacheKiB/1024),
		"SQLite: bộ đệm trang của mỗi kết nối, MB; tối đa (kết nối đọc + 1) × giá trị này (TUPHAP_DB_CACHE_MB)")
	mmap := fs.Int("db-mmap-mb", intEnv("TUPHAP_DB_MMAP_MB", int(sqlstore.DefaultMmapBytes>>20)),
		"SQLite: phần tệp CSDL ánh xạ vào bộ nhớ, MB; 0 = không ánh xạ (TUPHAP_DB_MMAP_MB)")
	return func() sqlstore.Options {
		o := sqlstore.Options{ReadConns: *conns, CacheKiB: *cache * 1024, MmapBytes: int64(*mmap) << 20}
		if *mmap <= 0 {
			o.MmapBytes = -1
		}
		return o
	}
}

// printDemoAccounts ends the start-up with the demo accounts created now,
// as a short table, and writes the same table to demo-accounts.txt beside
// the key file (mode 0600): the passwords are shown this once only.
func printDemoAccounts(out io.Writer, book *demo.AccountBook, keyFile, dsn string) error {
	if len(book.Accounts) == 0 {
		return nil
	}
	if keyFile == "" {
		keyFile = defaultKeyFile(dsn)
	}
	table := demo.Table(book.Accounts)
	path := filepath.Join(filepath.Dir(keyFile), "demo-accounts.txt")
	body := "Tài khoản mẫu của tuphap (mật khẩu chỉ hiển thị một lần; đổi mật khẩu sau khi đăng nhập).\n" +
		"Đăng nhập tại /admin/login: chọn cơ quan theo mã ở cột đầu, rồi nhập tài khoản và mật khẩu.\n\n" + table
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		return fmt.Errorf("ghi %s: %w", path, err)
	}
	fmt.Fprintf(out, "\nTài khoản mẫu (mật khẩu chỉ hiển thị một lần; đã ghi vào %s):\n%s", path, table)
	fmt.Fprintln(out, "Đăng nhập tại /admin/login: chọn cơ quan trong danh sách (STP-DEMO là Sở Tư pháp, CA-DEMO là Công an tỉnh), rồi nhập tài khoản và mật khẩu; bắt đầu với giamdoc để xem tổng quan của lãnh đạo Sở.")
	return nil
}
