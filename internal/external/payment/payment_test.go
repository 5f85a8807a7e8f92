package payment

import (
	"net/url"
	"testing"

	"tuphap/internal/portal"
)

func TestSignAndVerify(t *testing.T) {
	secret := []byte("shared-secret")
	g := &HMACGateway{GatewayName: "thử", CheckoutAt: "https://pay.example/checkout", Secret: secret}
	v := url.Values{FieldTxn: {"TT1"}, FieldAmount: {"200000"}, FieldRef: {"GW9"}, FieldResult: {"00"}}
	v.Set(FieldSig, Sign(secret, v))
	cb, err := g.Verify(v)
	if err != nil || cb != (portal.Callback{TxnRef: "TT1", GatewayRef: "GW9", Amount: 200000, Success: true}) {
		t.Fatalf("Verify = %+v, %v", cb, err)
	}
	// Any change to a signed field, or another key, breaks the signature.
	for _, edit := range []func(url.Values){
		func(v url.Values) { v.Set(FieldAmount, "2000") },
		func(v url.Values) { v.Set(FieldTxn, "TT2") },
		func(v url.Values) { v.Set(FieldResult, "24") },
		func(v url.Values) { v.Set("extra", "1") },
		func(v url.Values) { v.Set(FieldSig, Sign([]byte("other"), v)) },
		func(v url.Values) { v.Del(FieldSig) },
		func(v url.Values) { v.Set(FieldSig, "zz") },
	} {
		w := url.Values{}
		for k, vs := range v {
			w[k] = append([]string(nil), vs...)
		}
		edit(w)
		if _, err := g.Verify(w); err != ErrSignature {
			t.Errorf("edited %v: %v, want ErrSignature", w, err)
		}
	}
	// The order of fields does not matter; the canonical string is sorted.
	if Sign(secret, url.Values{"b": {"2"}, "a": {"1"}}) != Sign(secret, url.Values{"a": {"1"}, "b": {"2"}}) {
		t.Error("signature depends on field order")
	}
}

func TestCheckoutURLIsSigned(t *testing.T) {
	secret := []byte("k")
	g := &HMACGateway{CheckoutAt: "https://pay.example/checkout", Secret: secret}
	raw, err := g.CheckoutURL(portal.Payment{ID: "TT1", Amount: 50000}, "Nộp phí hồ sơ", "https://dvc.example/thanh-toan/ket-qua")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(raw)
	if !VerifySignature(secret, u.Query()) || u.Query().Get(FieldAmount) != "50000" {
		t.Errorf("checkout URL %s is not signed", raw)
	}
}
