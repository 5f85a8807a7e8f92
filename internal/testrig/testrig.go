// Package testrig wires the services of a tuphap server over one test
// database, the way cmd/tuphap wires them, so that every test builds them
// in one place: the web tests' server fixtures (internal/web) and the
// storage tests that need a dossier service (internal/sqlstore).
package testrig

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/envelope"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/portal"
	"tuphap/internal/practitioner"
	"tuphap/internal/sqlstore"
)

// Clock is a settable clock shared by a database and its services.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

func (c *Clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *Clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *Clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Services are the services of a server over one database.
type Services struct {
	DB       *sqlstore.DB
	Clock    *Clock
	Org      *org.Service
	Auth     *auth.Service
	Calendar *calendar.Admin
	// Procs is the built-in catalogue; Dossiers finds procedures in it.
	Procs    []catalog.Procedure
	Dossiers *dossier.Service
	// Practitioners is the practitioners register; resolving one of its
	// registration dossiers enters the organisation (OnResolved).
	Practitioners *practitioner.Service
}

// New wires the services over db with the clock clk (which should be the
// database's): a zero keyring, the built-in catalogue, the working-day
// calendar of the default office hours and each tenant's agency code.
func New(tb testing.TB, db *sqlstore.DB, clk *Clock) *Services {
	tb.Helper()
	keys, err := auth.NewKeyring("k1", map[string][]byte{"k1": make([]byte, 32)})
	if err != nil {
		tb.Fatal(err)
	}
	procs, err := catalog.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	s := &Services{DB: db, Clock: clk, Procs: procs,
		Org:      &org.Service{Store: sqlstore.OrgStore{DB: db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy},
		Auth:     &auth.Service{Store: sqlstore.AuthStore{DB: db}, Keys: keys},
		Calendar: &calendar.Admin{Store: sqlstore.CalendarStore{DB: db}},
	}
	s.Dossiers = &dossier.Service{
		Store: sqlstore.DossierStore{DB: db},
		Procedure: func(ctx context.Context, tenantID, key string, on calendar.Date) (catalog.Procedure, error) {
			if p, ok := catalog.Find(procs, key, on); ok {
				return p, nil
			}
			return catalog.Procedure{}, apperr.ErrNotFound
		},
		Calendar: func(ctx context.Context, tenantID string) (*calendar.RuleBook, error) {
			return s.Calendar.Book(ctx, tenantID, calendar.DefaultOfficeHours())
		},
		AgencyID: func(ctx context.Context, tenantID string) (string, error) {
			t, err := db.Org().Tenant(ctx, tenantID)
			return t.AgencyID, err
		},
		Now:             clk.Now,
		ResultSignature: portal.ResultSignatureOf(sqlstore.PortalStore{DB: db}),
		MoveDrafts:      dossier.MoveLetterDrafts,
	}
	units, err := adminunit.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	s.Practitioners = &practitioner.Service{Store: db.Practitioners(), InProvince: units.InProvince, Now: clk.Now}
	s.Dossiers.OnResolved = append(s.Dossiers.OnResolved, practitioner.DossierHook(s.Practitioners, db.Practitioners().Within,
		func(ctx context.Context, tenantID string) (string, error) {
			t, err := db.Org().Tenant(ctx, tenantID)
			return t.ProvinceCode, err
		}))
	return s
}

// EnvelopeKeys is a fresh random keyring for sealed judicial-record data.
func EnvelopeKeys(tb testing.TB) *envelope.Keyring {
	tb.Helper()
	mk := make([]byte, 32)
	rand.Read(mk)
	env, err := envelope.NewKeyring([]string{"m1"}, map[string][]byte{"m1": mk})
	if err != nil {
		tb.Fatal(err)
	}
	return env
}

// JudicialRecords is the judicial-record service over the same database
// and dossier service, with its own envelope keys.
func (s *Services) JudicialRecords(env *envelope.Keyring) *judicialrecord.Service {
	return &judicialrecord.Service{Store: sqlstore.JRStore{DB: s.DB}, Dossiers: s.Dossiers, Keys: env, Now: s.Clock.Now}
}
