package wasmres

import (
	"context"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/tetratelabs/wazero/api"
)

// Module is what a Plugin needs of the code behind it: a wasm module on
// the host's own runtime (*wasmhost.Module), or an adapter for another
// flavour of plugin (an Extism module, plugins/extismres; a process,
// plugins/procplugin) that carries the same verbs and bin1 messages.
type Module interface {
	// Name is the plugin's name, for errors and the imports' caller.
	Name() string
	// Invoke calls a plain export; Load calls mgmt_abi_version with it.
	Invoke(ctx context.Context, export string, args ...uint64) ([]uint64, error)
	// CallMax calls a verb with a request and returns its response of at
	// most maxResp bytes.
	CallMax(ctx context.Context, export string, req []byte, maxResp uint32) ([]byte, error)
	// Exports lists the exports by name; Load checks the verbs the
	// description needs against its keys (an adapter may leave the
	// definitions nil).
	Exports() map[string]api.FunctionDefinition
}

// Streamer is a Module whose resources may have an event loop of their
// own (a process plugin's streaming watch): Watch opens a stream for each
// resource besides the host-owned watches the watch verb asks for, and
// calls event whenever the plugin reports one. The stream ends when ctx
// is cancelled or the returned cancel is called.
type Streamer interface {
	Stream(ctx context.Context, spec []byte, event func()) (cancel func(), err error)
}

// stream opens the resource's own event stream when its module is a
// Streamer; it returns a nil cancel for any other module.
func (r *resource) stream(ctx context.Context, spec hostabi.ResourceSpec, ev hostabi.Events) (func(), error) {
	s, ok := r.p.mod.(Streamer)
	if !ok {
		return nil, nil
	}
	req, err := spec.MarshalBinary()
	if err != nil {
		return nil, err
	}
	cancel, err := s.Stream(ctx, req, ev.Event)
	if err != nil {
		return nil, fmt.Errorf("%s: event stream: %w", r.id(), err)
	}
	return cancel, nil
}
