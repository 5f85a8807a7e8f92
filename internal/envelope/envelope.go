// Package envelope encrypts sensitive records at rest with envelope
// encryption: each record gets a random 256-bit data key; the record is
// sealed with AES-256-GCM under that data key, and the data key is sealed
// (wrapped) under a master key read from the key file kept outside the
// database. Both seals take associated data that binds the value to its
// tenant and record, so a ciphertext copied to another row does not open.
//
// Rotation: add a new master key as the first line of the key file (it
// becomes current); new records use it, old ones still open with the key
// their envelope names; Rewrap re-seals only the data key under the current
// master key (the record ciphertext is untouched), so a rotation rewrites a
// few dozen bytes per record, after which the old key can be retired.
//
// The package is plain Go: no I/O beyond crypto/rand.
package envelope

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Keyring holds the master keys by ID; current seals new data keys.
type Keyring struct {
	current string
	keys    map[string][]byte
	order   []string
}

// NewKeyring builds a keyring from 32-byte master keys; order lists the IDs
// with the current key first.
func NewKeyring(order []string, keys map[string][]byte) (*Keyring, error) {
	if len(order) == 0 {
		return nil, errors.New("envelope: no master key")
	}
	k := &Keyring{current: order[0], keys: map[string][]byte{}, order: append([]string(nil), order...)}
	for _, id := range order {
		key, ok := keys[id]
		if !ok || len(key) != 32 || id == "" || strings.ContainsAny(id, ":.") {
			return nil, fmt.Errorf("envelope: master key %q must be 32 bytes with an ID without ':' or '.'", id)
		}
		k.keys[id] = append([]byte(nil), key...)
	}
	return k, nil
}

// Current is the ID of the key that seals new data keys.
func (k *Keyring) Current() string { return k.current }

// IDs lists the key IDs, current first.
func (k *Keyring) IDs() []string { return append([]string(nil), k.order...) }

func gcm(key []byte) cipher.AEAD {
	b, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // 32-byte keys only
	}
	g, err := cipher.NewGCM(b)
	if err != nil {
		panic(err)
	}
	return g
}

func random(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("envelope: crypto/rand failed: " + err.Error())
	}
	return b
}

// prefix versions the stored text.
const prefix = "env1"

// ErrOpen is returned when a value does not open: wrong key, wrong
// associated data, or tampering.
var ErrOpen = errors.New("envelope: value does not open")

// Seal encrypts plaintext bound to aad and returns the stored text
// "env1.<keyID>.<wrapped data key>.<ciphertext>" (base64url parts).
func (k *Keyring) Seal(plaintext []byte, aad string) string {
	dek := random(32)
	defer clear(dek)
	body := gcm(dek)
	n1 := random(body.NonceSize())
	ct := body.Seal(n1, n1, plaintext, []byte("data|"+aad))
	return k.wrap(k.current, dek, aad) + "." + b64(ct)
}

func (k *Keyring) wrap(id string, dek []byte, aad string) string {
	w := gcm(k.keys[id])
	n := random(w.NonceSize())
	return prefix + "." + id + "." + b64(w.Seal(n, n, dek, []byte("key|"+id+"|"+aad)))
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

type parts struct {
	id            string
	wrapped, data []byte
}

func parse(s string) (parts, error) {
	f := strings.Split(s, ".")
	if len(f) != 4 || f[0] != prefix {
		return parts{}, errors.New("envelope: malformed value")
	}
	w, err1 := base64.RawURLEncoding.DecodeString(f[2])
	d, err2 := base64.RawURLEncoding.DecodeString(f[3])
	if err1 != nil || err2 != nil {
		return parts{}, errors.New("envelope: malformed value")
	}
	return parts{f[1], w, d}, nil
}

func (k *Keyring) unwrap(p parts, aad string) ([]byte, error) {
	key, ok := k.keys[p.id]
	if !ok {
		return nil, fmt.Errorf("envelope: master key %q is not in the key file", p.id)
	}
	w := gcm(key)
	if len(p.wrapped) < w.NonceSize() {
		return nil, ErrOpen
	}
	dek, err := w.Open(nil, p.wrapped[:w.NonceSize()], p.wrapped[w.NonceSize():], []byte("key|"+p.id+"|"+aad))
	if err != nil {
		return nil, ErrOpen
	}
	return dek, nil
}

// Open decrypts a value made by Seal with the same aad.
func (k *Keyring) Open(sealed, aad string) ([]byte, error) {
	p, err := parse(sealed)
	if err != nil {
		return nil, err
	}
	dek, err := k.unwrap(p, aad)
	if err != nil {
		return nil, err
	}
	defer clear(dek)
	body := gcm(dek)
	if len(p.data) < body.NonceSize() {
		return nil, ErrOpen
	}
	pt, err := body.Open(nil, p.data[:body.NonceSize()], p.data[body.NonceSize():], []byte("data|"+aad))
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}

// KeyID names the master key a stored value was wrapped with.
func KeyID(sealed string) string {
	p, err := parse(sealed)
	if err != nil {
		return ""
	}
	return p.id
}

// Rewrap re-seals the data key of a value under the current master key,
// leaving the record's ciphertext as it is. changed is false when the value
// already uses the current key.
func (k *Keyring) Rewrap(sealed, aad string) (out string, changed bool, err error) {
	p, err := parse(sealed)
	if err != nil {
		return "", false, err
	}
	if p.id == k.current {
		return sealed, false, nil
	}
	dek, err := k.unwrap(p, aad)
	if err != nil {
		return "", false, err
	}
	defer clear(dek)
	return k.wrap(k.current, dek, aad) + "." + b64(p.data), true, nil
}

// Rebind opens a value bound to oldAAD and seals it afresh bound to newAAD
// (a record handed over to another tenant).
func (k *Keyring) Rebind(sealed, oldAAD, newAAD string) (string, error) {
	pt, err := k.Open(sealed, oldAAD)
	if err != nil {
		return "", err
	}
	defer clear(pt)
	return k.Seal(pt, newAAD), nil
}

// Index returns blind indexes of value for look-ups without decryption:
// HMAC-SHA-256 under a key derived from each master key, so a look-up finds
// records indexed under any key still in the file. The first is the current
// key's, to store with new records.
func (k *Keyring) Index(scope, value string) []string {
	var out []string
	for _, id := range k.order {
		m := hmac.New(sha256.New, k.keys[id])
		m.Write([]byte("index|" + scope + "|" + value))
		out = append(out, id+"."+hex.EncodeToString(m.Sum(nil))[:32])
	}
	return out
}
