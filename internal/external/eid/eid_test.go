package eid_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuphap/internal/external/eid"
)

// harness runs the simulator and a relying party pointed at it.
type harness struct {
	sim *eid.Simulator
	rp  *eid.OIDC
	srv *httptest.Server
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{}
	mux := http.NewServeMux()
	h.srv = httptest.NewServer(mux)
	t.Cleanup(h.srv.Close)
	h.sim = &eid.Simulator{Issuer: h.srv.URL + "/idp", ClientID: "rp", ClientSecret: "rp-secret"}
	mux.Handle("/idp/", http.StripPrefix("/idp", h.sim))
	h.rp = &eid.OIDC{Issuer: h.sim.Issuer, ClientID: "rp", ClientSecret: "rp-secret", RedirectURL: h.srv.URL + "/cb"}
	return h
}

// signIn walks the browser's part of the flow for the citizen with the
// given subject and returns the code and state the provider sent back.
func (h *harness) signIn(t *testing.T, state, nonce, verifier, subject string) (code, gotState string) {
	t.Helper()
	ctx := context.Background()
	to, err := h.rp.AuthCodeURL(ctx, state, nonce, verifier, false)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(to)
	form := u.Query()
	form.Set("subject", subject)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(h.sim.Issuer+"/authorize", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return back.Query().Get("code"), back.Query().Get("state")
}

func TestSignInThroughSimulator(t *testing.T) {
	h := newHarness(t)
	code, state := h.signIn(t, "st-1", "no-1", "verifier-verifier-verifier-verifier-verifier-1", "sim-0002")
	if state != "st-1" {
		t.Fatalf("state %q, want st-1", state)
	}
	id, err := h.rp.Exchange(context.Background(), code, "verifier-verifier-verifier-verifier-verifier-1", "no-1")
	if err != nil {
		t.Fatal(err)
	}
	if id.FullName != "Trần Thị Bích Ngọc" || id.IDNumber != "079195004321" || id.BirthDate != "1995-11-03" || id.Subject != "sim-0002" {
		t.Errorf("identity = %+v", id)
	}
	// A code is used once.
	if _, err := h.rp.Exchange(context.Background(), code, "verifier-verifier-verifier-verifier-verifier-1", "no-1"); !errors.Is(err, eid.ErrRefused) {
		t.Errorf("second use of a code: %v, want refused", err)
	}
}

func TestSignInRefused(t *testing.T) {
	const verifier = "verifier-verifier-verifier-verifier-verifier-2"
	tests := []struct {
		name   string
		setup  func(h *harness)
		nonce  string // the nonce the relying party expects
		verify string // the verifier the relying party sends
		why    string // in the error: the check that refused
	}{
		{"nonce mismatch", func(h *harness) {}, "another-nonce", verifier, "nonce mismatch"},
		{"provider puts a wrong nonce in the token", func(h *harness) { h.sim.WrongNonce = true }, "no-2", verifier, "nonce mismatch"},
		{"token signed with a key not in the JWKS", func(h *harness) { h.sim.SignWithUnpublishedKey = true }, "no-2", verifier, "signature"},
		{"expired token", func(h *harness) {
			h.sim.Now = func() time.Time { return time.Now().Add(-time.Hour) }
		}, "no-2", verifier, "expired"},
		{"PKCE verifier does not match the challenge", func(h *harness) {}, "no-2", "a-different-verifier-a-different-verifier-00", "invalid_grant"},
		{"assurance level below the one required", func(h *harness) {
			h.rp.ACRValues = []string{"level2"}
			h.sim.ACR = "level1"
		}, "no-2", verifier, "assurance level"},
		{"assurance level required, none in the token", func(h *harness) {
			h.rp.ACRValues = []string{"level2"}
			h.sim.ACR = " "
		}, "no-2", verifier, "assurance level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			tt.setup(h)
			code, _ := h.signIn(t, "st-2", "no-2", verifier, "sim-0001")
			id, err := h.rp.Exchange(context.Background(), code, tt.verify, tt.nonce)
			if !errors.Is(err, eid.ErrRefused) {
				t.Fatalf("Exchange = %+v, %v; want ErrRefused", id, err)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("refused for %q, want a refusal for %q", err, tt.why)
			}
		})
	}
}

func TestSimulatorAuthorizePage(t *testing.T) {
	h := newHarness(t)
	to, err := h.rp.AuthCodeURL(context.Background(), "s", "n", "verifier-verifier-verifier-verifier-verifier-3", false)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(to)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	page := string(b)
	for _, want := range []string{"MÔ PHỎNG", "Nguyễn Văn An", "001090012345", "12/05/1990"} {
		if !strings.Contains(page, want) {
			t.Errorf("authorize page lacks %q", want)
		}
	}
	// Without PKCE the simulator refuses, as a provider must for a public flow.
	u, _ := url.Parse(to)
	q := u.Query()
	q.Del("code_challenge")
	u.RawQuery = q.Encode()
	resp2, err := http.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusBadRequest {
		t.Errorf("authorize without PKCE: %d, want 400", resp2.StatusCode)
	}
}

// TestClaimsFromUserInfo: a conforming provider puts only sub, nonce, aud,
// exp, iat, iss in the ID token of the code flow (OpenID Connect Core
// 5.4); the identity is read from UserInfo, under configured claim names,
// and the assurance level asked with acr_values is checked.
func TestClaimsFromUserInfo(t *testing.T) {
	h := newHarness(t)
	h.sim.UserInfoOnly = true
	h.rp.ACRValues = []string{"level2"}
	h.rp.Scopes = []string{"profile", "citizen"}
	to, err := h.rp.AuthCodeURL(context.Background(), "s", "n", "verifier-verifier-verifier-verifier-verifier-4", true)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(to)
	if q := u.Query(); q.Get("acr_values") != "level2" || q.Get("prompt") != "login" || q.Get("scope") != "openid profile citizen" {
		t.Errorf("authorization request %v: want acr_values=level2, prompt=login, scope=openid profile citizen", q)
	}
	code, _ := h.signIn(t, "s", "n", "verifier-verifier-verifier-verifier-verifier-4", "sim-0003")
	id, err := h.rp.Exchange(context.Background(), code, "verifier-verifier-verifier-verifier-verifier-4", "n")
	if err != nil {
		t.Fatal(err)
	}
	if id.FullName != "Lê Hoàng Đức" || id.IDNumber != "048088007788" || id.BirthDate != "1988-02-29" {
		t.Errorf("identity = %+v", id)
	}

	// Claim names are configuration: a provider calling the ID number
	// otherwise is read under its own name (here: none such, refused).
	h.rp.Claims = eid.ClaimNames{IDNumber: "so_dinh_danh"}
	code, _ = h.signIn(t, "s", "n", "verifier-verifier-verifier-verifier-verifier-4", "sim-0003")
	if _, err := h.rp.Exchange(context.Background(), code, "verifier-verifier-verifier-verifier-verifier-4", "n"); !errors.Is(err, eid.ErrRefused) || !strings.Contains(err.Error(), "ID number") {
		t.Errorf("claim so_dinh_danh absent: %v, want a refusal naming the ID number", err)
	}
}

// TestBirthDateClaim: OpenID Connect Core 5.1 allows YYYY-MM-DD and YYYY;
// an impossible day or a missing year is refused.
func TestBirthDateClaim(t *testing.T) {
	for _, tt := range []struct {
		birth string
		ok    bool
	}{
		{"1990-05-12", true}, {"1990", true}, {"", true}, {"2000-02-29", true},
		{"0000-05-17", false}, {"1990-02-30", false}, {"1990-13-01", false}, {"12/05/1990", false}, {"0000", false}, {"1990-5-1", false},
	} {
		sim := eid.TestCitizen{Subject: "x", FullName: "Nguyễn Văn An", IDNumber: "001090012345", BirthDate: tt.birth}
		h := newHarness(t)
		h.sim.Citizens = []eid.TestCitizen{sim}
		code, _ := h.signIn(t, "s", "n", "verifier-verifier-verifier-verifier-verifier-5", "x")
		id, err := h.rp.Exchange(context.Background(), code, "verifier-verifier-verifier-verifier-verifier-5", "n")
		if tt.ok && (err != nil || id.BirthDate != tt.birth) {
			t.Errorf("birthdate %q: %+v, %v; want accepted", tt.birth, id, err)
		}
		if !tt.ok && !errors.Is(err, eid.ErrRefused) {
			t.Errorf("birthdate %q: %+v, %v; want refused", tt.birth, id, err)
		}
	}
}
