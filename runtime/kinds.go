package runtime

import "github.com/mgmt-wasm/mgmt/hostabi"

// Kinds is how front ends (YAML graphs, mcl) find resource kinds and build
// resources. The plugin registry implements it.
type Kinds interface {
	// Lookup describes kind, or reports false when no plugin provides it.
	Lookup(kind string) (*hostabi.KindInfo, bool)
	// New builds a resource. params holds the params the user set, already
	// of the types Lookup declared; the others take their defaults.
	New(kind, name string, params map[string]hostabi.Value) (Res, error)
}
