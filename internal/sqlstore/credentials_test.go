package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

const credPassword = "mật-khẩu-thử-12345"

type credEnv struct {
	clock *testClock
	db    *sqlstore.DB
	org   *org.Service
	auth  *auth.Service
	ten   org.Tenant
	off   org.Officer
}

func newCredEnv(t *testing.T, db *sqlstore.DB, clk *testClock) *credEnv {
	t.Helper()
	ctx := context.Background()
	e := &credEnv{clock: clk, db: db, org: newService(db), auth: &auth.Service{Store: sqlstore.AuthStore{DB: db}}}
	e.ten = mustTenant(t, e.org, "STP-DT", "000.00.00.H82")
	var err error
	e.off, err = e.org.CreateOfficer(ctx, audit.System, org.Officer{TenantID: e.ten.ID, Username: "chuyenvien", FullName: "Lê Minh", Role: org.Director}, credPassword)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *credEnv) login(t *testing.T, password string) (string, auth.Principal) {
	t.Helper()
	c, p, err := e.auth.Login(context.Background(), auth.LoginRequest{TenantCode: e.ten.Code, Username: e.off.Username, Password: password})
	if err != nil {
		t.Fatal(err)
	}
	return c, p
}

func (e *credEnv) sessionLive(cookie string) bool {
	_, err := e.auth.Authenticate(context.Background(), cookie, time.Now())
	return err == nil
}

func (e *credEnv) tokenLive(tok string) bool {
	_, err := e.auth.AuthenticateToken(context.Background(), tok, time.Now())
	return err == nil
}

// Issue 12 §2: a password change ends the officer's other sessions and
// API tokens (the one making the change stays); a reset ends them all.
func TestPasswordChangeEndsOtherSessionsAndTokens(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		e := newCredEnv(t, db, nil)
		here, p := e.login(t, credPassword)
		there, _ := e.login(t, credPassword)
		tok, err := e.auth.CreateToken(ctx, audit.System, e.ten.Code, e.off.Username, "thử", 0)
		if err != nil || !e.tokenLive(tok) {
			t.Fatalf("token: %v", err)
		}
		if err := e.auth.ChangePassword(ctx, p, credPassword, "mật-khẩu-mới-67890", ""); err != nil {
			t.Fatal(err)
		}
		if !e.sessionLive(here) || e.sessionLive(there) || e.tokenLive(tok) {
			t.Fatalf("after a change: this session %v, other %v, token %v", e.sessionLive(here), e.sessionLive(there), e.tokenLive(tok))
		}
		tok, _ = e.auth.CreateToken(ctx, audit.System, e.ten.Code, e.off.Username, "thử 2", 0)
		if err := e.auth.ResetPassword(ctx, audit.System, e.off, "mật-khẩu-đặt-lại-1"); err != nil {
			t.Fatal(err)
		}
		if e.sessionLive(here) || e.tokenLive(tok) {
			t.Fatal("a reset left a session or a token alive")
		}
	})
}

// Issue 12 §3: tokens have a default lifetime, are listed and revoked;
// deactivating an officer revokes them and ends sessions for good.
func TestAPITokensLifetimeListRevokeAndDeactivation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		e := newCredEnv(t, db, nil)
		tok, err := e.auth.CreateToken(ctx, audit.System, e.ten.Code, e.off.Username, "máy chủ báo cáo", 0)
		if err != nil {
			t.Fatal(err)
		}
		list, err := e.auth.Tokens(ctx, e.ten.ID, e.off.ID)
		if err != nil || len(list) != 1 || list[0].Name != "máy chủ báo cáo" || list[0].ExpiresAt == nil {
			t.Fatalf("list: %v %+v", err, list)
		}
		if life := list[0].ExpiresAt.Sub(list[0].CreatedAt); life != auth.DefaultTokenLifetime {
			t.Fatalf("default lifetime %v", life)
		}
		if err := e.auth.RevokeToken(ctx, audit.System, e.ten.ID, list[0]); err != nil {
			t.Fatal(err)
		}
		if e.tokenLive(tok) {
			t.Fatal("a revoked token still opens the API")
		}
		if err := e.auth.RevokeToken(ctx, audit.System, e.ten.ID, list[0]); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("revoked twice: %v", err)
		}
		// Deactivation, then reactivation: nothing comes back.
		tok, _ = e.auth.CreateToken(ctx, audit.System, e.ten.Code, e.off.Username, "khác", time.Hour)
		cookie, _ := e.login(t, credPassword)
		off := e.off
		off.Active = false
		if _, err := e.org.UpdateOfficer(ctx, audit.System, off); err != nil {
			t.Fatal(err)
		}
		off.Active = true
		if _, err := e.org.UpdateOfficer(ctx, audit.System, off); err != nil {
			t.Fatal(err)
		}
		if e.tokenLive(tok) || e.sessionLive(cookie) {
			t.Fatalf("reactivation brought back: token %v, session %v", e.tokenLive(tok), e.sessionLive(cookie))
		}
		list, _ = e.auth.Tokens(ctx, e.ten.ID, "")
		for _, k := range list {
			if k.RevokedAt == nil {
				t.Fatalf("token %s not revoked", k.Name)
			}
		}
	})
}
