package main

import (
	"flag"
	"io"
	"slices"
	"testing"

	"tuphap/internal/dossier"
	"tuphap/internal/external/eid"
)

// The e-ID and payment simulators are mounted only when asked for: never by
// default, with --demo, or with their own flags.
func TestPortalSimulatorsOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	a := &app{dossiers: &dossier.Service{}}
	tests := []struct {
		args    []string
		demo    bool
		mounts  []string
		eid     bool
		payment bool
	}{
		{nil, false, nil, false, false},
		{[]string{"--eid-simulator"}, false, []string{"/idp-sim/"}, true, false},
		{[]string{"--payment-simulator"}, false, []string{"/pay-sim/"}, false, true},
		{nil, true, []string{"/idp-sim/", "/pay-sim/"}, true, true},
		{[]string{"--eid-issuer", "https://id.example.gov.vn", "--eid-client-id", "stp"}, false, nil, true, false},
		// --demo never silently replaces a configured provider or gateway.
		{[]string{"--eid-issuer", "https://id.example.gov.vn", "--eid-client-id", "stp"}, true, []string{"/pay-sim/"}, true, true},
		{[]string{"--payment-url", "https://pay.example.vn/checkout", "--payment-secret", "k"}, true, []string{"/idp-sim/"}, true, true},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		pf := addPortalFlags(fs, &env{getenv: func(string) string { return "" }})
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		cfg := portalConfig(a, pf, "http://127.0.0.1:8080", tt.demo, "")
		if len(cfg.Mounts) != len(tt.mounts) {
			t.Errorf("%v demo=%v: mounts %v, want %v", tt.args, tt.demo, cfg.Mounts, tt.mounts)
		}
		for _, m := range tt.mounts {
			if cfg.Mounts[m] == nil {
				t.Errorf("%v demo=%v: %s not mounted", tt.args, tt.demo, m)
			}
		}
		if (cfg.EID != nil) != tt.eid || (cfg.Payments != nil) != tt.payment {
			t.Errorf("%v demo=%v: eid %v, payments %v", tt.args, tt.demo, cfg.EID != nil, cfg.Payments != nil)
		}
		if o, ok := cfg.EID.(*eid.OIDC); ok && cfg.Mounts["/idp-sim/"] == nil && o.Issuer != "https://id.example.gov.vn" {
			t.Errorf("%v demo=%v: issuer %q, want the configured one", tt.args, tt.demo, o.Issuer)
		}
	}
}

// TestEIDOptions: the claim names, scopes and assurance level of the
// national e-ID are configuration, settable without a rebuild.
func TestEIDOptions(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"TUPHAP_EID_CLAIM_ID_NUMBER": "so_dinh_danh", "TUPHAP_EID_SCOPES": "openid profile vneid"}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	pf := addPortalFlags(fs, &env{getenv: func(k string) string { return vars[k] }})
	if err := fs.Parse([]string{"--eid-issuer", "https://id.example.gov.vn", "--eid-client-id", "stp", "--eid-claim-birthdate", "ngay_sinh", "--eid-acr-values", "muc2 muc3"}); err != nil {
		t.Fatal(err)
	}
	o := portalConfig(&app{dossiers: &dossier.Service{}}, pf, "http://127.0.0.1:8080", false, "").EID.(*eid.OIDC)
	if o.Claims != (eid.ClaimNames{Name: "name", IDNumber: "so_dinh_danh", BirthDate: "ngay_sinh"}) ||
		!slices.Equal(o.Scopes, []string{"openid", "profile", "vneid"}) || !slices.Equal(o.ACRValues, []string{"muc2", "muc3"}) {
		t.Errorf("OIDC = claims %+v, scopes %q, acr %q", o.Claims, o.Scopes, o.ACRValues)
	}
}

// TestPublicAddress: links in QR codes and messages use the configured
// public address; without one, only a loopback listener gives its own
// address, and any other listener refuses to start (no localhost default,
// no guess from a request's Host).
func TestPublicAddress(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		public, addr, want string
	}{
		{"https://dichvucong.stp.example.gov.vn/", "0.0.0.0:8080", "https://dichvucong.stp.example.gov.vn"},
		{"", "127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"", "[::1]:9000", "http://[::1]:9000"},
		{"", "localhost:8080", "http://localhost:8080"},
		{"", "0.0.0.0:8080", ""},
		{"", ":8080", ""},
		{"", "10.1.2.3:8080", ""},
		{"dichvucong.stp.example.gov.vn", "127.0.0.1:8080", ""},
		{"ftp://x.example", "127.0.0.1:8080", ""},
	} {
		got, err := publicAddress(tt.public, tt.addr)
		if got != tt.want || (tt.want == "") != (err != nil) {
			t.Errorf("publicAddress(%q, %q) = %q, %v; want %q", tt.public, tt.addr, got, err, tt.want)
		}
	}
}
