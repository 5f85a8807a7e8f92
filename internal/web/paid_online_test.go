package web_test

import (
	"context"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Issue 12 §11: "paid online" is set only by the payment gateway's verified
// notification; an officer recording a payment at the desk cannot claim it.
func TestOfficerCannotMarkPaidOnline(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		code, res := api(t, f, "POST", "/api/v1/dossiers", tok, `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`)
		if code != 201 {
			t.Fatalf("create: %d %v", code, res)
		}
		dcode := res["code"].(string)
		for _, act := range []string{"forward", "request_fee"} {
			if code, res := api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/"+act, tok, ""); code != 200 {
				t.Fatalf("%s: %d %v", act, code, res)
			}
		}
		if code, _ := api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/pay_fee", tok, `{"online":true}`); code != 400 {
			t.Fatalf("pay_fee claiming an online payment: %d, want 400", code)
		}
		code, res = api(t, f, "POST", "/api/v1/dossiers/"+dcode+"/pay_fee", tok, "")
		if code != 200 || res["paid_online"] == true {
			t.Fatalf("pay_fee at the desk: %d paid_online=%v", code, res["paid_online"])
		}
	})
}
