package trust

import (
	"errors"
	"fmt"
)

// ErrUnsigned is wrapped when a signature is required and the module has
// none.
var ErrUnsigned = errors.New("it is not signed, and a signature is required")

// ErrUntrusted is wrapped when a signature is required and the key that
// made it is not trusted.
var ErrUntrusted = errors.New("it is signed by a key that is not trusted, and a trusted signature is required")

// Verdict is what Check found.
type Verdict int

// Verdicts.
const (
	// Unsigned: there is no signature.
	Unsigned Verdict = iota
	// Unverified: signed by a key not in the ring, so not checked.
	Unverified
	// Trusted: a valid signature by a trusted key.
	Trusted
)

func (v Verdict) String() string {
	switch v {
	case Unsigned:
		return "unsigned"
	case Unverified:
		return "signed by an untrusted key, not verified"
	case Trusted:
		return "signed by a trusted key, verified"
	}
	return fmt.Sprintf("verdict %d", int(v))
}

// Policy says which signatures count and whether one is required.
type Policy struct {
	// Keys are the trusted keys (nil: none).
	Keys *KeyRing
	// Require refuses a module without a valid signature by a trusted key.
	Require bool
}

// Check checks sig (nil: unsigned) of the module whose sha256 is sum. A
// signature by a trusted key that does not verify is an error whether or
// not one is required; a missing one or one by an unknown key is an error
// only under Require.
func (p Policy) Check(sum [32]byte, sig *Signature) (Verdict, error) {
	if sig == nil {
		if p.Require {
			return Unsigned, ErrUnsigned
		}
		return Unsigned, nil
	}
	var key PublicKey
	ok := false
	if p.Keys != nil {
		key, ok = p.Keys.Lookup(sig.KeyID)
	}
	if !ok {
		if p.Require {
			return Unverified, fmt.Errorf("%w (key %s)", ErrUntrusted, sig.KeyID)
		}
		return Unverified, nil
	}
	if err := sig.Verify(key.Key, sum); err != nil {
		return Unverified, err
	}
	return Trusted, nil
}
