package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/demo"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
	"tuphap/internal/org"
	"tuphap/internal/portal"
	"tuphap/internal/sqlstore"
)

// app is the wired program: the database and the services over it.
type app struct {
	db   *sqlstore.DB
	org  *org.Service
	auth *auth.Service
	cal  *calendar.Admin
	// catalog is the procedure catalogue (built in; tenant overrides later).
	catalog  []catalog.Procedure
	dossiers *dossier.Service
	jr       *jrParts // judicial records (judicialrecord.go)
	// wake nudges the notification worker; sms is the SMS simulator.
	wake chan struct{}
	sms  *notify.SMSSimulator
	// procs is the tenants' catalogue: built-in procedures with each
	// tenant's overrides and local procedures.
	procs *catalog.Admin
	// publicURL is the public address of every link put in a QR code or a
	// message (certificates' verification pages); see publicAddress.
	publicURL string
	// np is the national portal's connection (dvcqg.go); nil when off.
	np *nationalPortal
}

// open opens the database and, unless migrate is false, brings its schema
// up to date. Commands other than serve and migrate refuse a stale schema.
// getenv reads the settings of config.go (the caller's environment).
func open(ctx context.Context, getenv func(string) string, dsn, keyFile string, migrate bool, log *slog.Logger) (*app, error) {
	return openWith(ctx, getenv, dsn, keyFile, migrate, log, sqlstore.Options{})
}

// openWith is open with the database's options (serve's memory limits).
func openWith(ctx context.Context, getenv func(string) string, dsn, keyFile string, migrate bool, log *slog.Logger, opt sqlstore.Options) (*app, error) {
	db, err := sqlstore.Open(ctx, dsn, opt)
	if err != nil {
		return nil, err
	}
	if migrate {
		applied, err := db.Migrate(ctx)
		if err != nil {
			db.Close()
			return nil, err
		}
		if len(applied) > 0 && log != nil {
			log.Info("database migrated", "versions", applied)
		}
	}
	if err := db.CheckSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	keys, err := loadKeyring(keyFile)
	if err != nil {
		db.Close()
		return nil, err
	}
	procs, err := catalog.Builtin()
	if err != nil {
		db.Close()
		return nil, err
	}
	a := &app{
		db:      db,
		catalog: procs,
		org:     &org.Service{Store: sqlstore.OrgStore{DB: db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy},
		auth:    &auth.Service{Store: sqlstore.AuthStore{DB: db}, Keys: keys},
		cal:     &calendar.Admin{Store: sqlstore.CalendarStore{DB: db}, CacheFor: 30 * time.Second},
	}
	a.dossiers = &dossier.Service{
		Store: sqlstore.DossierStore{DB: db},
		Procedure: func(ctx context.Context, tenantID, key string, on calendar.Date) (catalog.Procedure, error) {
			if p, ok := catalog.Find(a.catalog, key, on); ok {
				return p, nil
			}
			return catalog.Procedure{}, apperr.ErrNotFound
		},
		Calendar: func(ctx context.Context, tenantID string) (*calendar.RuleBook, error) {
			t, err := db.Org().Tenant(ctx, tenantID)
			if err != nil {
				return nil, err
			}
			return a.cal.Book(ctx, tenantID, t.Hours)
		},
		AgencyID: func(ctx context.Context, tenantID string) (string, error) {
			t, err := db.Org().Tenant(ctx, tenantID)
			return t.AgencyID, err
		},
		MoveDrafts: dossier.MoveLetterDrafts,
	}
	a.wake, a.sms = make(chan struct{}, 1), &notify.SMSSimulator{Log: log}
	a.dossiers.Notify = notify.Messages
	a.dossiers.Store = nudgingStore{Store: a.dossiers.Store, wake: a.wake}
	a.procs = &catalog.Admin{Store: sqlstore.CatalogStore{DB: db}, Builtin: procs}
	a.dossiers.Procedure = a.procs.Find
	a.dossiers.ResultSignature = portal.ResultSignatureOf(sqlstore.PortalStore{DB: db})
	if err := a.wireJR(keyFile, getenv); err != nil {
		db.Close()
		return nil, err
	}
	a.trustSigners() // letters.go
	if err := hookPractitioners(a); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

func (a *app) Close() error { return a.db.Close() }

// defaultKeyFile sits beside a SQLite database, else in ./data.
func defaultKeyFile(dsn string) string {
	if p, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		return filepath.Join(filepath.Dir(p), "tuphap.key")
	}
	return filepath.Join("data", "tuphap.key")
}

// loadKeyring reads the key file: one key a line, "ID:BASE64", the first
// line the current key. The file is created with one new key if missing.
// The keys encrypt secrets kept in the database (TOTP seeds), so the file
// must be kept, and backed up, apart from the database.
func loadKeyring(path string) (*auth.Keyring, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		k := make([]byte, 32)
		rand.Read(k)
		line := "k1:" + base64.StdEncoding.EncodeToString(k) + "\n"
		if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
			return nil, fmt.Errorf("create key file: %w", err)
		}
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	defer f.Close()
	keys := map[string][]byte{}
	current := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, b64, ok := strings.Cut(line, ":")
		key, err := base64.StdEncoding.DecodeString(b64)
		if !ok || err != nil || len(key) != 32 {
			return nil, fmt.Errorf("key file %s: malformed line (want ID:BASE64 of 32 bytes)", path)
		}
		if current == "" {
			current = id
		}
		keys[id] = key
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return auth.NewKeyring(current, keys)
}

// readSecret reads one line (a password) from r.
func readSecret(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func newLogger(w io.Writer, format, level string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// loadDemo loads the demo department and, the first time, plays its weeks
// of dossiers through the real services with a clock of its own.
func loadDemo(ctx context.Context, a *app, dsn string, out io.Writer) error {
	if err := loadJRDemo(ctx, a, dsn, out); err != nil {
		return err
	}
	created, err := demo.Load(ctx, a.org, out)
	if err != nil || !created {
		return err
	}
	t, err := a.db.Org().TenantByCode(ctx, demo.TenantCode)
	if err != nil {
		return err
	}
	clock := &demo.Clock{}
	db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{Now: clock.Now})
	if err != nil {
		return err
	}
	defer db.Close()
	svc := *a.dossiers
	svc.Store, svc.Now = sqlstore.DossierStore{DB: db}, clock.Now
	book, err := a.cal.Book(ctx, t.ID, t.Hours)
	if err != nil {
		return err
	}
	if err := a.db.Org().SaveReceiver(ctx, audit.Actor{Name: "demo"}, t.ID, demo.Receiver); err != nil {
		return err
	}
	if err := demo.LoadHistory(ctx, a.db.Dossiers(), t, time.Now()); err != nil {
		return err
	}
	if err := demo.LoadDossiers(ctx, &svc, clock, book, t.ID, time.Now()); err != nil {
		return err
	}
	fmt.Fprintln(out, "Đã nạp hồ sơ mẫu ở mọi trạng thái (đang xử lý, quá hạn, chờ bổ sung, đã trả kết quả...).")
	if err := loadSurveyDemo(ctx, a, t, out); err != nil {
		return err
	}
	if err := loadLettersDemo(ctx, &svc, db, t.ID, out); err != nil { // letters.go
		return err
	}
	if err := loadMediationDemo(ctx, a, t, out); err != nil {
		return err
	}
	if err := loadDisseminationDemo(ctx, a, t, out); err != nil {
		return err
	}
	if err := demo.LoadLegalAid(ctx, legalAidService(a), a.org, t, time.Now(), out); err != nil {
		return err
	}
	if err := loadPetitionDemo(ctx, a, t, out); err != nil {
		return err
	}
	if err := loadLegalDocsDemo(ctx, a, t, out); err != nil {
		return err
	}
	if err := loadPractitionerDemo(ctx, a, t, out); err != nil {
		return err
	}
	return loadEmulationDemo(ctx, a, t, out)
}
