// Package eid signs citizens in through the national electronic
// identification (VNeID) the way a relying party of an OpenID Connect
// provider does: the authorization code flow with PKCE (S256), a state
// checked by the caller and a nonce checked here, and the ID token's
// signature verified against the provider's published keys (JWKS).
//
// The provider is behind the Provider interface because the national
// identity platform's exact protocol may differ from plain OIDC; the
// Simulator in this package is a local provider with test citizens for the
// demo and the tests, mounted only when asked for (--eid-simulator, --demo).
package eid

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"golang.org/x/text/unicode/norm"

	"tuphap/internal/portal"
)

// Provider is an identity provider the portal signs citizens in with.
type Provider interface {
	// AuthCodeURL is where the browser goes to sign in; the provider sends
	// it back to the redirect URL with a code and the state. With login
	// set, the provider must ask the person again (prompt=login) even if
	// it still has a session of its own.
	AuthCodeURL(ctx context.Context, state, nonce, verifier string, login bool) (string, error)
	// Exchange trades the code for the ID token, verifies its signature,
	// issuer, audience, expiry, nonce and assurance level, and returns the
	// identity (from the ID token, else from the UserInfo endpoint).
	Exchange(ctx context.Context, code, verifier, nonce string) (portal.Identity, error)
	// EndSessionURL is where to send the browser to end the provider's
	// own session (OpenID Connect RP-Initiated Logout 1.0), coming back to
	// postLogout; "" when the provider offers no end_session_endpoint.
	EndSessionURL(ctx context.Context, postLogout string) string
	// Origins are the origins the browser is sent to (authorization and
	// end-session endpoints), for the portal's Content-Security-Policy
	// form-action.
	Origins() []string
}

// Default claim names of the identity. "name" and "birthdate" are OpenID
// Connect standard claims (Core 1.0, 5.1); the personal identification
// number has no standard claim, and the national e-ID's real names are
// configuration (ClaimNames).
const (
	ClaimName      = "name"
	ClaimBirthDate = "birthdate"
	ClaimIDNumber  = "personal_id"
)

// DefaultScopes are the scopes asked for when none are configured.
var DefaultScopes = []string{oidc.ScopeOpenID, "profile"}

// ClaimNames name the claims that carry the identity; empty fields take
// the defaults above.
type ClaimNames struct {
	Name, IDNumber, BirthDate string
}

func (c ClaimNames) orDefault() ClaimNames {
	if c.Name == "" {
		c.Name = ClaimName
	}
	if c.IDNumber == "" {
		c.IDNumber = ClaimIDNumber
	}
	if c.BirthDate == "" {
		c.BirthDate = ClaimBirthDate
	}
	return c
}

// ErrRefused is returned for any ID token or exchange the relying party
// does not accept; the cause is wrapped for the log.
var ErrRefused = errors.New("eid: sign-in refused")

// OIDC is a Provider speaking OpenID Connect. Discovery happens on first
// use, so the server starts even when the provider is briefly down.
type OIDC struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string
	// Scopes requested (default DefaultScopes; "openid" is always added).
	Scopes []string
	// Claims names the identity's claims (default: ClaimName...).
	Claims ClaimNames
	// ACRValues are the accepted assurance levels (e.g. VNeID level 2):
	// requested with acr_values and checked against the ID token's "acr".
	// Empty: not requested, not checked.
	ACRValues []string
	// Client is the HTTP client for discovery, keys and the token
	// endpoint (default: 10 s timeout).
	Client *http.Client
	// Now is the clock used to check expiry (tests fix it).
	Now func() time.Time

	mu       sync.Mutex // held while discovering
	provider atomic.Pointer[oidc.Provider]
}

func (o *OIDC) ctx(ctx context.Context) context.Context {
	c := o.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	return oidc.ClientContext(ctx, c)
}

func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, *oauth2.Config, error) {
	p := o.provider.Load()
	if p == nil {
		o.mu.Lock()
		defer o.mu.Unlock()
		if p = o.provider.Load(); p == nil {
			var err error
			if p, err = oidc.NewProvider(o.ctx(ctx), o.Issuer); err != nil {
				return nil, nil, fmt.Errorf("eid: discovery at %s: %w", o.Issuer, err)
			}
			o.provider.Store(p)
		}
	}
	scopes := o.Scopes
	if len(scopes) == 0 {
		scopes = DefaultScopes
	}
	if !slices.Contains(scopes, oidc.ScopeOpenID) {
		scopes = append([]string{oidc.ScopeOpenID}, scopes...)
	}
	return p, &oauth2.Config{ClientID: o.ClientID, ClientSecret: o.ClientSecret, RedirectURL: o.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: scopes}, nil
}

// AuthCodeURL implements Provider.
func (o *OIDC) AuthCodeURL(ctx context.Context, state, nonce, verifier string, login bool) (string, error) {
	_, cfg, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	opts := []oauth2.AuthCodeOption{oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)}
	if len(o.ACRValues) > 0 {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", strings.Join(o.ACRValues, " ")))
	}
	if login {
		opts = append(opts, oauth2.SetAuthURLParam("prompt", "login"))
	}
	return cfg.AuthCodeURL(state, opts...), nil
}

// providerMeta are the discovery fields go-oidc does not expose.
type providerMeta struct {
	EndSession string `json:"end_session_endpoint"`
}

// EndSessionURL implements Provider. The provider must have been
// discovered (a citizen signing out signed in through it).
func (o *OIDC) EndSessionURL(ctx context.Context, postLogout string) string {
	p, _, err := o.discover(ctx)
	if err != nil {
		return ""
	}
	var m providerMeta
	if p.Claims(&m) != nil || m.EndSession == "" {
		return ""
	}
	u, err := url.Parse(m.EndSession)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	q := u.Query()
	q.Set("client_id", o.ClientID)
	q.Set("post_logout_redirect_uri", postLogout)
	u.RawQuery = q.Encode()
	return u.String()
}

// Origins implements Provider: the issuer's origin and, once discovered,
// those of its authorization and end-session endpoints.
func (o *OIDC) Origins() []string {
	out := []string{}
	add := func(raw string) {
		if u, err := url.Parse(raw); err == nil && u.Host != "" && (u.Scheme == "https" || u.Scheme == "http") {
			if s := u.Scheme + "://" + u.Host; !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	add(o.Issuer)
	// Never waits for a discovery in progress: the provider may be this
	// very server (the simulator), answering through the same middleware.
	if p := o.provider.Load(); p != nil {
		add(p.Endpoint().AuthURL)
		var m providerMeta
		if p.Claims(&m) == nil {
			add(m.EndSession)
		}
	}
	return out
}

// Exchange implements Provider.
func (o *OIDC) Exchange(ctx context.Context, code, verifier, nonce string) (portal.Identity, error) {
	p, cfg, err := o.discover(ctx)
	if err != nil {
		return portal.Identity{}, err
	}
	tok, err := cfg.Exchange(o.ctx(ctx), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return portal.Identity{}, fmt.Errorf("%w: token exchange: %v", ErrRefused, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return portal.Identity{}, fmt.Errorf("%w: no id_token in the token response", ErrRefused)
	}
	v := p.VerifierContext(o.ctx(ctx), &oidc.Config{ClientID: o.ClientID, Now: o.Now})
	idt, err := v.Verify(o.ctx(ctx), raw)
	if err != nil {
		return portal.Identity{}, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	if idt.Nonce == "" || idt.Nonce != nonce {
		return portal.Identity{}, fmt.Errorf("%w: nonce mismatch", ErrRefused)
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return portal.Identity{}, fmt.Errorf("%w: claims: %v", ErrRefused, err)
	}
	if len(o.ACRValues) > 0 {
		acr, _ := claims["acr"].(string)
		if !slices.Contains(o.ACRValues, acr) {
			return portal.Identity{}, fmt.Errorf("%w: assurance level (acr) %q is not one of %q", ErrRefused, acr, o.ACRValues)
		}
	}
	names := o.Claims.orDefault()
	if claimString(claims, names.Name) == "" || claimString(claims, names.IDNumber) == "" {
		// A conforming provider puts only the protocol's claims in the ID
		// token of the code flow; the person's are at UserInfo (Core 5.4).
		ui, err := p.UserInfo(o.ctx(ctx), oauth2.StaticTokenSource(tok))
		if err != nil {
			return portal.Identity{}, fmt.Errorf("%w: userinfo: %v", ErrRefused, err)
		}
		if ui.Subject != idt.Subject {
			return portal.Identity{}, fmt.Errorf("%w: userinfo subject differs from the ID token's", ErrRefused)
		}
		var more map[string]any
		if err := ui.Claims(&more); err != nil {
			return portal.Identity{}, fmt.Errorf("%w: userinfo claims: %v", ErrRefused, err)
		}
		for k, v := range more {
			if _, ok := claims[k]; !ok {
				claims[k] = v
			}
		}
	}
	return identity(idt.Subject, claimString(claims, names.Name), claimString(claims, names.IDNumber), claimString(claims, names.BirthDate))
}

// claimString is a claim's value as text ("" when absent or not a string).
func claimString(c map[string]any, name string) string {
	s, _ := c[name].(string)
	return s
}

var (
	idNumberRe  = regexp.MustCompile(`^[0-9]{12}$`)
	birthDateRe = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$`)
)

// validBirthDate accepts the OpenID Connect forms YYYY-MM-DD and YYYY (Core
// 5.1: "To represent only the year, YYYY format is allowed") for a real day
// from the year 1900 on; "0000-MM-DD" (year omitted) is refused: a date of
// birth without its year identifies no one for a public service.
func validBirthDate(s string) bool {
	if !birthDateRe.MatchString(s) || s < "1900" {
		return false
	}
	if len(s) == 4 {
		return true
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// identity checks and normalises the claims (NFC: a provider may send
// decomposed Vietnamese).
func identity(sub, name, id, birth string) (portal.Identity, error) {
	name = strings.Join(strings.Fields(norm.NFC.String(name)), " ")
	switch {
	case sub == "":
		return portal.Identity{}, fmt.Errorf("%w: no subject", ErrRefused)
	case name == "" || len([]rune(name)) > 120:
		return portal.Identity{}, fmt.Errorf("%w: bad name claim", ErrRefused)
	case !idNumberRe.MatchString(id):
		return portal.Identity{}, fmt.Errorf("%w: bad ID number claim", ErrRefused)
	case birth != "" && !validBirthDate(birth):
		return portal.Identity{}, fmt.Errorf("%w: bad birthdate claim", ErrRefused)
	}
	return portal.Identity{Subject: sub, FullName: name, IDNumber: id, BirthDate: birth}, nil
}
