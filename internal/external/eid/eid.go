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
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"golang.org/x/text/unicode/norm"

	"tuphap/internal/portal"
)

// Provider is an identity provider the portal signs citizens in with.
type Provider interface {
	// AuthCodeURL is where the browser goes to sign in; the provider sends
	// it back to the redirect URL with a code and the state.
	AuthCodeURL(ctx context.Context, state, nonce, verifier string) (string, error)
	// Exchange trades the code for the ID token, verifies its signature,
	// issuer, audience, expiry and nonce, and returns the identity.
	Exchange(ctx context.Context, code, verifier, nonce string) (portal.Identity, error)
}

// Claim names of the identity in the ID token. "name" and "birthdate" are
// OpenID Connect standard claims (Core 1.0, 5.1); the personal
// identification number has no standard claim.
const (
	ClaimName      = "name"
	ClaimBirthDate = "birthdate"
	ClaimIDNumber  = "personal_id"
)

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
	// Client is the HTTP client for discovery, keys and the token
	// endpoint (default: 10 s timeout).
	Client *http.Client
	// Now is the clock used to check expiry (tests fix it).
	Now func() time.Time

	mu       sync.Mutex
	provider *oidc.Provider
}

func (o *OIDC) ctx(ctx context.Context) context.Context {
	c := o.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	return oidc.ClientContext(ctx, c)
}

func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, *oauth2.Config, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider == nil {
		p, err := oidc.NewProvider(o.ctx(ctx), o.Issuer)
		if err != nil {
			return nil, nil, fmt.Errorf("eid: discovery at %s: %w", o.Issuer, err)
		}
		o.provider = p
	}
	return o.provider, &oauth2.Config{ClientID: o.ClientID, ClientSecret: o.ClientSecret, RedirectURL: o.RedirectURL,
		Endpoint: o.provider.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile"}}, nil
}

// AuthCodeURL implements Provider.
func (o *OIDC) AuthCodeURL(ctx context.Context, state, nonce, verifier string) (string, error) {
	_, cfg, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	return cfg.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), nil
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
	var c struct {
		Name      string `json:"name"`
		BirthDate string `json:"birthdate"`
		IDNumber  string `json:"personal_id"`
	}
	if err := idt.Claims(&c); err != nil {
		return portal.Identity{}, fmt.Errorf("%w: claims: %v", ErrRefused, err)
	}
	return identity(idt.Subject, c.Name, c.IDNumber, c.BirthDate)
}

var (
	idNumberRe  = regexp.MustCompile(`^[0-9]{12}$`)
	birthDateRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

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
		return portal.Identity{}, fmt.Errorf("%w: bad personal_id claim", ErrRefused)
	case birth != "" && !birthDateRe.MatchString(birth):
		return portal.Identity{}, fmt.Errorf("%w: bad birthdate claim", ErrRefused)
	}
	return portal.Identity{Subject: sub, FullName: name, IDNumber: id, BirthDate: birth}, nil
}
