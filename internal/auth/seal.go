package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
)

// Keyring encrypts small secrets kept in the database (TOTP seeds) with a
// key kept outside it (the key file). A sealed value names its key, so keys
// can be rotated: new values use the current key, old ones still open.
type Keyring struct {
	current string
	keys    map[string]cipher.AEAD
}

// NewKeyring builds a keyring; keys maps a key ID to a 32-byte AES key and
// current names the key used to seal.
func NewKeyring(current string, keys map[string][]byte) (*Keyring, error) {
	k := &Keyring{current: current, keys: map[string]cipher.AEAD{}}
	for id, key := range keys {
		if len(key) != 32 || strings.Contains(id, ":") || id == "" {
			return nil, errors.New("auth: keyring keys must be 32 bytes with a non-empty ID without ':'")
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		gcm, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		k.keys[id] = gcm
	}
	if _, ok := k.keys[current]; !ok {
		return nil, errors.New("auth: keyring has no current key")
	}
	return k, nil
}

// Seal encrypts plaintext; aad binds the value to its row (e.g. the officer
// ID) so it cannot be copied to another.
func (k *Keyring) Seal(plaintext, aad string) string {
	gcm := k.keys[k.current]
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	ct := gcm.Seal(nonce, nonce, []byte(plaintext), []byte(aad))
	return k.current + ":" + base64.RawStdEncoding.EncodeToString(ct)
}

// Open decrypts a value made by Seal.
func (k *Keyring) Open(sealed, aad string) (string, error) {
	id, b64, ok := strings.Cut(sealed, ":")
	gcm, known := k.keys[id]
	if !ok || !known {
		return "", errors.New("auth: sealed value uses an unknown key")
	}
	ct, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(ct) < gcm.NonceSize() {
		return "", errors.New("auth: malformed sealed value")
	}
	pt, err := gcm.Open(nil, ct[:gcm.NonceSize()], ct[gcm.NonceSize():], []byte(aad))
	if err != nil {
		return "", errors.New("auth: sealed value does not open")
	}
	return string(pt), nil
}
