package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Issue 12 §3: an administrator sees an officer's API tokens and revokes
// one from the back office; an officer lists and revokes their own through
// the API; a revoked token opens nothing.
func TestAPITokensRevokedFromBackOfficeAndAPI(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		ctx := context.Background()
		first, err := f.authSvc.CreateToken(ctx, audit.System, "STP-A", "clerk", "máy quét", 0)
		if err != nil {
			t.Fatal(err)
		}
		officers, _ := f.db.Org().Officers(ctx, f.a.ID)
		var clerkID string
		for _, o := range officers {
			if o.Username == "clerk" {
				clerkID = o.ID
			}
		}
		list, _ := f.authSvc.Tokens(ctx, f.a.ID, clerkID)
		if len(list) != 1 {
			t.Fatalf("tokens: %d", len(list))
		}
		admin := f.browser()
		admin.mustLogin("STP-A", "admin")
		if code, body := admin.get("/admin/officers/" + clerkID); code != 200 || !strings.Contains(body, list[0].ID[:12]) || !strings.Contains(body, "máy quét") {
			t.Fatalf("officer page: %d", code)
		}
		clerk := f.browser()
		clerk.mustLogin("STP-A", "clerk")
		if code, _ := clerk.post("/admin/officers/"+clerkID+"/tokens/"+list[0].ID+"/revoke", url.Values{"csrf": {clerk.csrf}}); code != http.StatusForbidden {
			t.Fatalf("a clerk revokes in the back office: %d", code)
		}
		if code, _ := admin.post("/admin/officers/"+clerkID+"/tokens/"+list[0].ID+"/revoke", url.Values{"csrf": {admin.csrf}}); code != http.StatusSeeOther {
			t.Fatalf("revoke: %d", code)
		}
		if code, _ := api(t, f, "GET", "/api/v1/me", first, ""); code != http.StatusUnauthorized {
			t.Fatalf("a revoked token: %d", code)
		}
		second, _ := f.authSvc.CreateToken(ctx, audit.System, "STP-A", "clerk", "báo cáo", 0)
		code, body := api(t, f, "GET", "/api/v1/tokens", second, "")
		items, _ := body["items"].([]any)
		if code != 200 || len(items) != 2 {
			t.Fatalf("own tokens: %d %v", code, body)
		}
		var live string
		for _, it := range items {
			m := it.(map[string]any)
			if m["revoked_at"] == nil {
				live, _ = m["id"].(string)
			}
		}
		// Another officer's token is not found through the caller's API.
		adminTok, _ := f.authSvc.CreateToken(ctx, audit.System, "STP-A", "admin", "quản trị", 0)
		if code, _ := api(t, f, "DELETE", "/api/v1/tokens/"+live, adminTok, ""); code != http.StatusNotFound {
			t.Fatalf("revoking another officer's token: %d", code)
		}
		if code, _ := api(t, f, "DELETE", "/api/v1/tokens/"+live, second, ""); code != http.StatusNoContent {
			t.Fatalf("self-revoke: %d", code)
		}
		if code, _ := api(t, f, "GET", "/api/v1/tokens", second, ""); code != http.StatusUnauthorized {
			t.Fatalf("a revoked token: %d", code)
		}
	})
}
