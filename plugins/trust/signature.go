package trust

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// sigHeader is the first line of a signature file.
const sigHeader = "mgmt-signature v1"

// maxSignature bounds a signature file.
const maxSignature = 4096

// ErrBadSignature is wrapped when a signature does not verify.
var ErrBadSignature = errors.New("the signature does not verify")

var (
	keyIDPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)
	sumPattern   = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Signature is a signature of a module: by which key, of which sum. In
// JSON (the plugin store's lock file) it is the text of its file.
type Signature struct {
	// KeyID is the id of the key that signed.
	KeyID string
	// SHA256 is the hex sum of the module signed.
	SHA256 string
	// Sig is the ed25519 signature of the message for SHA256.
	Sig []byte
}

// Sign signs the module whose sha256 is sum.
func (k *PrivateKey) Sign(sum [32]byte) *Signature {
	return &Signature{
		KeyID:  k.Public().ID(),
		SHA256: hex.EncodeToString(sum[:]),
		Sig:    ed25519.Sign(k.key, message(sum)),
	}
}

// Verify checks that s is key's signature of the module whose sha256 is
// sum.
func (s *Signature) Verify(key ed25519.PublicKey, sum [32]byte) error {
	if want := hex.EncodeToString(sum[:]); s.SHA256 != want {
		return fmt.Errorf("%w: it signs sha256 %s, the module's is %s", ErrBadSignature, s.SHA256, want)
	}
	if id := KeyID(key); s.KeyID != id {
		return fmt.Errorf("%w: it names key %s, not %s", ErrBadSignature, s.KeyID, id)
	}
	if len(s.Sig) != ed25519.SignatureSize || !ed25519.Verify(key, message(sum), s.Sig) {
		return fmt.Errorf("%w with key %s", ErrBadSignature, s.KeyID)
	}
	return nil
}

// MarshalText is the signature file's content.
func (s *Signature) MarshalText() ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nkey %s\nsha256 %s\ned25519 %s\n", sigHeader, s.KeyID, s.SHA256, base64.StdEncoding.EncodeToString(s.Sig))
	return []byte(b.String()), nil
}

// ParseSignature reads a signature file. It checks the form only; Verify
// checks the signature.
func ParseSignature(b []byte) (*Signature, error) {
	if len(b) > maxSignature {
		return nil, fmt.Errorf("signature: %w: longer than %d bytes", ErrFormat, maxSignature)
	}
	lines := strings.Split(string(bytes.TrimSuffix(b, []byte("\n"))), "\n")
	if len(lines) != 4 || lines[0] != sigHeader {
		return nil, fmt.Errorf("signature: %w: want the 4 lines %q, key, sha256 and ed25519", ErrFormat, sigHeader)
	}
	field := func(line, name string) (string, error) {
		v, ok := strings.CutPrefix(line, name+" ")
		if !ok {
			return "", fmt.Errorf("signature: %w: want a %q line, got %q", ErrFormat, name, line)
		}
		return v, nil
	}
	s := &Signature{}
	var err error
	if s.KeyID, err = field(lines[1], "key"); err != nil {
		return nil, err
	}
	if !keyIDPattern.MatchString(s.KeyID) {
		return nil, fmt.Errorf("signature: %w: key id %q is not 16 lower-case hex digits", ErrFormat, s.KeyID)
	}
	if s.SHA256, err = field(lines[2], "sha256"); err != nil {
		return nil, err
	}
	if !sumPattern.MatchString(s.SHA256) {
		return nil, fmt.Errorf("signature: %w: sha256 %q is not 64 lower-case hex digits", ErrFormat, s.SHA256)
	}
	sig, err := field(lines[3], "ed25519")
	if err != nil {
		return nil, err
	}
	if s.Sig, err = decode(sig, ed25519.SignatureSize); err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	return s, nil
}

// UnmarshalText reads a signature file (ParseSignature), so a Signature
// in JSON is the text of its file.
func (s *Signature) UnmarshalText(b []byte) error {
	p, err := ParseSignature(b)
	if err != nil {
		return err
	}
	*s = *p
	return nil
}
