package trust

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Prefixes of the key lines.
const (
	privPrefix = "mgmt-ed25519-key"
	pubPrefix  = "mgmt-ed25519-pub"
)

// maxLine bounds a key or signature line; longer input is refused before
// it is decoded.
const maxLine = 1024

// ErrFormat is wrapped by the errors of every parser of this package.
var ErrFormat = errors.New("malformed")

// PublicKey is a public key with the comment of its line.
type PublicKey struct {
	Key     ed25519.PublicKey
	Comment string
}

// ID is the key's id: the first 16 hex digits of the sha256 of the key.
func (k PublicKey) ID() string { return KeyID(k.Key) }

// KeyID is the id of an ed25519 public key.
func KeyID(k ed25519.PublicKey) string {
	sum := sha256.Sum256(k)
	return hex.EncodeToString(sum[:8])
}

// String is the key's line, without the newline.
func (k PublicKey) String() string {
	s := pubPrefix + " " + base64.StdEncoding.EncodeToString(k.Key)
	if k.Comment != "" {
		s += " " + k.Comment
	}
	return s
}

// PrivateKey is a signing key.
type PrivateKey struct {
	key ed25519.PrivateKey
}

// GenerateKey makes a new key pair; comment goes on the public key's line
// (spaces allowed, no newlines).
func GenerateKey(comment string) (*PrivateKey, PublicKey, error) {
	if strings.ContainsAny(comment, "\r\n") {
		return nil, PublicKey{}, fmt.Errorf("key comment %q: %w: no newlines allowed", comment, ErrFormat)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, PublicKey{}, fmt.Errorf("generate key: %w", err)
	}
	return &PrivateKey{key: priv}, PublicKey{Key: pub, Comment: strings.TrimSpace(comment)}, nil
}

// Public is the key's public half (without a comment).
func (k *PrivateKey) Public() PublicKey {
	return PublicKey{Key: k.key.Public().(ed25519.PublicKey)}
}

// MarshalText is the private key file's content.
func (k *PrivateKey) MarshalText() ([]byte, error) {
	return []byte(privPrefix + " " + base64.StdEncoding.EncodeToString(k.key.Seed()) + "\n"), nil
}

// ParsePrivateKey reads a private key file.
func ParsePrivateKey(b []byte) (*PrivateKey, error) {
	line, err := oneLine(b)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	f := strings.Split(line, " ")
	if len(f) != 2 || f[0] != privPrefix {
		return nil, fmt.Errorf("private key: %w: want %q and the base64 seed", ErrFormat, privPrefix)
	}
	seed, err := decode(f[1], ed25519.SeedSize)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	return &PrivateKey{key: ed25519.NewKeyFromSeed(seed)}, nil
}

// ParsePublicKey reads a public key line (a .pub file, or a line of a
// trusted-keys file).
func ParsePublicKey(b []byte) (PublicKey, error) {
	line, err := oneLine(b)
	if err != nil {
		return PublicKey{}, fmt.Errorf("public key: %w", err)
	}
	return parsePublicLine(line)
}

// parsePublicLine parses "mgmt-ed25519-pub BASE64 [COMMENT]".
func parsePublicLine(line string) (PublicKey, error) {
	f := strings.SplitN(line, " ", 3)
	if len(f) < 2 || f[0] != pubPrefix {
		return PublicKey{}, fmt.Errorf("public key: %w: want %q, the base64 key and an optional comment", ErrFormat, pubPrefix)
	}
	key, err := decode(f[1], ed25519.PublicKeySize)
	if err != nil {
		return PublicKey{}, fmt.Errorf("public key: %w", err)
	}
	k := PublicKey{Key: ed25519.PublicKey(key)}
	if len(f) == 3 {
		k.Comment = strings.TrimSpace(f[2])
	}
	return k, nil
}

// oneLine returns the only line of b (its final newline is optional).
func oneLine(b []byte) (string, error) {
	if len(b) > maxLine {
		return "", fmt.Errorf("%w: longer than %d bytes", ErrFormat, maxLine)
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	if bytes.ContainsAny(b, "\r\n\x00") {
		return "", fmt.Errorf("%w: want one line", ErrFormat)
	}
	return string(b), nil
}

// decode decodes canonical standard base64 of exactly n bytes.
func decode(s string, n int) ([]byte, error) {
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: base64: %w", ErrFormat, err)
	}
	if len(b) != n {
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrFormat, len(b), n)
	}
	return b, nil
}
