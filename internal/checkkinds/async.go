package checkkinds

import (
	"context"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
)

// Pending is a Load running in the background, so that the plugins are
// described while the program is parsed; it is a builtin.KindSource whose
// Lookup waits for the Load.
type Pending struct {
	done  chan struct{}
	kinds *registry.Registry
	err   error
}

// Start starts Load(ctx, storeDir) in the background.
func Start(ctx context.Context, storeDir string) *Pending {
	p := &Pending{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.kinds, p.err = Load(ctx, storeDir)
	}()
	return p
}

// Lookup waits for the Load and returns the schema of a kind (none if the
// Load failed: see Err).
func (p *Pending) Lookup(kind string) (*hostabi.KindInfo, bool) {
	<-p.done
	if p.kinds == nil {
		return nil, false
	}
	return p.kinds.Lookup(kind)
}

// Err waits for the Load and returns its error.
func (p *Pending) Err() error {
	<-p.done
	return p.err
}
