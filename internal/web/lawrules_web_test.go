package web_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Decree 118/2025/NĐ-CP Art. 19(5) through the HTTP API, on both engines:
// the worked example. A 10-working-day dossier (notary probation
// completion, 3.000444) accepted Mon 2/3/2026 09:00, asked to supplement on
// 4/3, supplemented Mon 9/3 09:00 is due 23/3/2026 09:00 (not 19/3); a
// second request is refused with 409.
func TestSupplementRestartAPI(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"procedure_code":"3.000444","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body)
		if code != 201 || res["due_at"] != "2026-03-16T09:00:00+07:00" {
			t.Fatalf("create: %d %v", code, res["due_at"])
		}
		dcode := res["code"].(string)
		f.clock.Add(48 * time.Hour) // Wed 4/3 09:00
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/request_supplement", tok, `{"reason":"Thiếu giấy xác nhận thời gian tập sự"}`); code != 200 || res["status"] != float64(5) {
			t.Fatalf("request: %d %v", code, res)
		}
		f.clock.Add(5 * 24 * time.Hour) // Mon 9/3 09:00
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/supplement", tok, ""); code != 200 || res["due_at"] != "2026-03-23T09:00:00+07:00" {
			t.Fatalf("supplement: %d due %v, want 23/3/2026 09:00", code, res["due_at"])
		}
		if code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/request_supplement", tok, `{"reason":"Lần hai"}`); code != 409 {
			t.Fatalf("second request: %d %v, want 409", code, res["detail"])
		}
	})
}
