// Package payment is the adapter to online payment gateways (the national
// public-service portal's payment platform or a provincial gateway) and a
// local simulator of one for the demo and the tests.
//
// Like the gateways used by Vietnamese public-service portals, the exchange
// is a redirect of the citizen's browser to the gateway's checkout page, a
// server-to-server notification of the outcome (IPN) and a redirect back;
// every message is signed with HMAC-SHA256 over its sorted fields, and only
// the signed IPN changes anything (the return page only shows).
package payment

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"tuphap/internal/portal"
)

// Gateway is a payment gateway.
type Gateway interface {
	// Name identifies the gateway in the dossier's history.
	Name() string
	// CheckoutURL is where to send the citizen to pay p.
	CheckoutURL(p portal.Payment, info, returnURL string) (string, error)
	// Verify checks the signature of a notification or return and reads it.
	Verify(v url.Values) (portal.Callback, error)
}

// Field names of signed messages.
const (
	FieldTxn    = "txn"
	FieldAmount = "amount"
	FieldRef    = "gw_ref"
	FieldResult = "result" // "00" success; anything else failure
	FieldInfo   = "info"
	FieldReturn = "return"
	FieldSig    = "sig"
)

// ErrSignature is a message whose signature does not verify.
var ErrSignature = errors.New("payment: bad signature")

// Sign computes the HMAC-SHA256 of v's fields other than the signature,
// sorted by name, as "k1=v1&k2=v2" with query escaping, in hex.
func Sign(secret []byte, v url.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		if k != FieldSig {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v.Get(k)))
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(b.String()))
	return hex.EncodeToString(m.Sum(nil))
}

// VerifySignature checks v's signature in constant time.
func VerifySignature(secret []byte, v url.Values) bool {
	got, err := hex.DecodeString(v.Get(FieldSig))
	if err != nil || len(got) != sha256.Size {
		return false
	}
	want, _ := hex.DecodeString(Sign(secret, v))
	return hmac.Equal(got, want)
}

// HMACGateway is a gateway of the common Vietnamese kind: a checkout URL
// with signed query parameters and signed notifications, keyed by a secret
// shared with the merchant.
type HMACGateway struct {
	GatewayName string
	CheckoutAt  string // the gateway's checkout page URL
	Secret      []byte
}

// Name implements Gateway.
func (g *HMACGateway) Name() string { return g.GatewayName }

// Origins is the checkout page's origin, which the portal's
// Content-Security-Policy must allow as a form's destination.
func (g *HMACGateway) Origins() []string {
	u, err := url.Parse(g.CheckoutAt)
	if err != nil || u.Host == "" {
		return nil
	}
	return []string{u.Scheme + "://" + u.Host}
}

// CheckoutURL implements Gateway.
func (g *HMACGateway) CheckoutURL(p portal.Payment, info, returnURL string) (string, error) {
	v := url.Values{}
	v.Set(FieldTxn, p.ID)
	v.Set(FieldAmount, strconv.FormatInt(p.Amount, 10))
	v.Set(FieldInfo, info)
	v.Set(FieldReturn, returnURL)
	v.Set(FieldSig, Sign(g.Secret, v))
	return g.CheckoutAt + "?" + v.Encode(), nil
}

// Verify implements Gateway.
func (g *HMACGateway) Verify(v url.Values) (portal.Callback, error) {
	if !VerifySignature(g.Secret, v) {
		return portal.Callback{}, ErrSignature
	}
	amount, err := strconv.ParseInt(v.Get(FieldAmount), 10, 64)
	if err != nil || v.Get(FieldTxn) == "" || v.Get(FieldRef) == "" {
		return portal.Callback{}, errors.New("payment: malformed notification")
	}
	return portal.Callback{TxnRef: v.Get(FieldTxn), GatewayRef: v.Get(FieldRef), Amount: amount, Success: v.Get(FieldResult) == "00"}, nil
}
