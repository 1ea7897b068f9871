package store

import (
	"crypto/sha256"
	"fmt"

	"github.com/mgmt-wasm/mgmt/plugins/trust"
)

// LoadTrusted is Load followed by the signature check of policy, on the
// sum of the bytes read: under policy.Require a module without a valid
// signature by a trusted key is refused, and a signature by a trusted key
// that does not verify is refused always.
func (s *Store) LoadTrusted(name string, policy trust.Policy) ([]byte, *Entry, trust.Verdict, error) {
	wasm, e, err := s.Load(name)
	if err != nil {
		return nil, nil, trust.Unsigned, err
	}
	v, err := policy.Check(sha256.Sum256(wasm), e.Signature)
	if err != nil {
		return nil, nil, v, fmt.Errorf("plugin %q: %w", name, err)
	}
	return wasm, e, v, nil
}
