package main

import (
	"flag"
	"io"
	"testing"

	"tuphap/internal/dossier"
)

// The e-ID and payment simulators are mounted only when asked for: never by
// default, with --demo, or with their own flags.
func TestPortalSimulatorsOnlyWhenAsked(t *testing.T) {
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
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		pf := addPortalFlags(fs, &env{getenv: func(string) string { return "" }})
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		cfg := portalConfig(a, pf, "127.0.0.1:8080", tt.demo, "")
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
	}
}
