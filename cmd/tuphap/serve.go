package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"strconv"
	"time"

	"tuphap/internal/demo"
	"tuphap/internal/notify"
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
	pf := addPortalFlags(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	log := newLogger(os.Stderr, *logFormat, *logLevel)
	if *keyFile == "" {
		*keyFile = defaultKeyFile(*dsn)
	}
	a, err := open(ctx, e.getenv, *dsn, *keyFile, true, log)
	if err != nil {
		return err
	}
	defer a.Close()
	senders, err := mailCfg.senders(a.sms)
	if err != nil {
		return err
	}
	// The outbox worker runs until the server has shut down; the database
	// closes after it (defers run last in, first out).
	wctx, stopWorker := context.WithCancel(ctx)
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		w := newWorker(a, senders, log)
		w.Lease = *lease
		w.Run(wctx)
	}()
	defer func() { stopWorker(); <-workerDone }()
	if *withDemo {
		if err := loadDemo(ctx, a, *dsn, e.stdout); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if err := seedPortalDemo(ctx, a, demo.TenantCode, e.stdout); err != nil {
			return fmt.Errorf("demo portal: %w", err)
		}
	}
	tenants, err := a.db.Tenants(ctx)
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
		Portal: portalConfig(a, pf, *addr, *withDemo, portalTenant)})
	if err != nil {
		return err
	}
	srv.EnableJudicialRecords(a.jrWeb())
	if err := enableMediation(srv, a); err != nil {
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
			if _, err := a.db.DeleteExpiredSessions(ctx); err != nil && ctx.Err() == nil {
				log.Warn("session sweep", "error", err)
			}
			if _, err := a.db.DeleteExpiredCitizenSessions(ctx); err != nil && ctx.Err() == nil {
				log.Warn("citizen session sweep", "error", err)
			}
		}
	}
}
