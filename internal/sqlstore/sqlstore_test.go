package sqlstore_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func TestMigrationsInStep(t *testing.T) {
	t.Parallel()
	lite, err := sqlstore.MigrationVersions(sqlstore.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := sqlstore.MigrationVersions(sqlstore.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || !slices.Equal(lite, pg) {
		t.Fatalf("migration versions differ: sqlite %v, postgres %v", lite, pg)
	}
}

func TestSchemaCheck(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			db, err := sqlstore.Open(ctx, storetest.DSN(t, e), sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CheckSchema(ctx); err == nil {
				t.Fatal("CheckSchema accepted an unmigrated database")
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.CheckSchema(ctx); err != nil {
				t.Fatalf("CheckSchema after migrate: %v", err)
			}
			again, err := db.Migrate(ctx)
			if err != nil || len(again) != 0 {
				t.Fatalf("second migrate applied %v, err %v", again, err)
			}
		})
	}
}

func newService(db *sqlstore.DB) *org.Service {
	return &org.Service{Store: sqlstore.OrgStore{DB: db}, HashPassword: auth.HashPassword, CheckPassword: auth.CheckPasswordPolicy}
}

func mustTenant(t testing.TB, svc *org.Service, code, agency string) org.Tenant {
	t.Helper()
	return mustTenantOfKind(t, svc, code, agency, org.KindDepartment)
}

func mustTenantOfKind(t testing.TB, svc *org.Service, code, agency, kind string) org.Tenant {
	t.Helper()
	ten, err := svc.CreateTenant(context.Background(), audit.System, org.Tenant{Code: code, Name: "Sở Tư pháp " + code, AgencyID: agency, ProvinceCode: "82", Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	return ten
}

func TestOrgRoundTripAndIsolation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc := newService(db)
		a := mustTenant(t, svc, "STP-A", "000.00.00.H82")
		b := mustTenant(t, svc, "STP-B", "000.00.00.H15")

		got, err := db.Org().TenantByCode(ctx, "STP-A")
		if err != nil || got.ID != a.ID || got.Hours != calendar.DefaultOfficeHours() || !got.CreatedAt.Equal(a.CreatedAt) {
			t.Fatalf("TenantByCode = %+v, %v; want %+v", got, err, a)
		}
		u, err := svc.CreateUnit(ctx, audit.System, org.Unit{TenantID: a.ID, Code: "hctp", Name: "  Phòng  Hành chính tư pháp ", Kind: org.Division})
		if err != nil {
			t.Fatal(err)
		}
		if u.Code != "HCTP" || u.Name != "Phòng Hành chính tư pháp" {
			t.Fatalf("unit not normalised: %+v", u)
		}
		// The same code in another tenant is fine; in the same tenant it conflicts.
		if _, err := svc.CreateUnit(ctx, audit.System, org.Unit{TenantID: b.ID, Code: "HCTP", Name: "Phòng HCTP", Kind: org.Division}); err != nil {
			t.Fatalf("same code in another tenant: %v", err)
		}
		_, err = svc.CreateUnit(ctx, audit.System, org.Unit{TenantID: a.ID, Code: "HCTP", Name: "Trùng", Kind: org.Division})
		if apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("duplicate unit code: got %v, want conflict", err)
		}
		// Tenant B cannot read tenant A's unit by ID.
		if _, err := db.Org().Unit(ctx, b.ID, u.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("cross-tenant read: got %v, want ErrNotFound", err)
		}
		units, _ := db.Org().Units(ctx, b.ID)
		for _, x := range units {
			if x.ID == u.ID {
				t.Fatal("tenant B lists tenant A's unit")
			}
		}
		o, err := svc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: a.ID, Username: "Nguyen.An", FullName: "Nguyễn Văn An", Role: org.Specialist, UnitID: u.ID}, "mật-khẩu-rất-dài")
		if err != nil {
			t.Fatal(err)
		}
		if o.Username != "nguyen.an" {
			t.Fatalf("username not lower-cased: %q", o.Username)
		}
		if _, err := svc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: b.ID, Username: "x1y", FullName: "X", Role: org.Specialist, UnitID: u.ID}, "mật-khẩu-rất-dài"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("officer of tenant B in tenant A's unit: got %v, want invalid", err)
		}
		c, err := db.Org().Counts(ctx, a.ID)
		if err != nil || c.Units != 1 || c.ActiveOfficers != 1 || c.AuditEntries != 3 {
			t.Fatalf("Counts = %+v, %v", c, err)
		}
	})
}

func TestAuditChainDetectsTampering(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc := newService(db)
		ten := mustTenant(t, svc, "STP-A", "000.00.00.H82")
		for _, code := range []string{"VP", "BTTP", "HCTP"} {
			if _, err := svc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: code, Name: "Đơn vị " + code, Kind: org.Division}); err != nil {
				t.Fatal(err)
			}
		}
		n, err := db.Audit().VerifyAudit(ctx, ten.ID)
		if err != nil || n != 4 {
			t.Fatalf("VerifyAudit on a clean chain = %d, %v", n, err)
		}
		if err := db.ExecForTest(ctx, `UPDATE audit_log SET detail = 'sửa lén' WHERE tenant_id = $1 AND seq = 2`, ten.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Audit().VerifyAudit(ctx, ten.ID); err == nil {
			t.Fatal("VerifyAudit accepted an edited row")
		}
	})
}

func TestAuditChainDetectsRemoval(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc := newService(db)
		ten := mustTenant(t, svc, "STP-A", "000.00.00.H82")
		if _, err := svc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "VP", Name: "Văn phòng", Kind: org.Office}); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 2`, ten.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Audit().VerifyAudit(ctx, ten.ID); err == nil {
			t.Fatal("VerifyAudit accepted a removed last row")
		}
	})
}

func TestConcurrentAuditAppends(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc := newService(db)
		ten := mustTenant(t, svc, "STP-A", "000.00.00.H82")
		errs := make(chan error, 20)
		for i := range 20 {
			go func() {
				_, err := svc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "U" + string(rune('A'+i)) + "X", Name: "Đơn vị", Kind: org.Division})
				errs <- err
			}()
		}
		for range 20 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if n, err := db.Audit().VerifyAudit(ctx, ten.ID); err != nil || n != 21 {
			t.Fatalf("VerifyAudit after concurrent writes = %d, %v", n, err)
		}
	})
}

func TestTransactFixesClock(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) {
			fixed := time.Date(2026, 2, 16, 3, 4, 5, 123456789, time.UTC)
			db := storetest.Open(t, e, sqlstore.Options{Now: func() time.Time { return fixed }})
			svc := newService(db)
			ten := mustTenant(t, svc, "STP-T", "000.00.00.H82")
			if want := fixed.Truncate(time.Microsecond); !ten.CreatedAt.Equal(want) {
				t.Fatalf("CreatedAt = %v, want %v", ten.CreatedAt, want)
			}
			got, err := db.Org().TenantByCode(context.Background(), "STP-T")
			if err != nil || !got.CreatedAt.Equal(ten.CreatedAt) {
				t.Fatalf("stored time %v != %v (%v)", got.CreatedAt, ten.CreatedAt, err)
			}
		})
	}
}
