package hostabi

import "context"

// This file is the Go form of the resource verbs: the interface the engine
// drives and the plugin host implements for every kind of plugin. The wasm
// and process ABIs carry the same verbs across their boundaries.

// Resource is a resource as the engine sees it: an identity, a validation, an event
// source and a check-and-apply step.
//
// Lifecycle: Validate, then (if the resource implements Initer) Init, then
// Watch, then any number of CheckApply calls, then Close. When a watch fails
// the engine cancels its context and may call Watch again with a new one
// (Meta:retry). Calls to CheckApply for one resource never overlap, and a
// resource is never used by two engines.
type Resource interface {
	// Kind is the resource kind, e.g. "file".
	Kind() string
	// Name is the resource name, unique within its kind in a graph.
	Name() string
	// Validate checks the params. It must not touch the system.
	Validate() error
	// Watch starts the resource's event sources and returns once they are
	// established, without blocking. Afterwards the resource calls
	// ev.Event() whenever its state may have changed, and ev.Fail(err) if
	// watching breaks. When ctx is cancelled it stops calling ev.
	Watch(ctx context.Context, ev Events) error
	// CheckApply checks the state and, if apply is true, corrects it.
	// checkOK is true when the state was already correct; a resource that
	// changed something returns false and a nil error.
	CheckApply(ctx context.Context, apply bool) (checkOK bool, err error)
	// Close releases everything Watch and Init set up. It is called once,
	// after the last watch context was cancelled, and must not block long.
	Close() error
	// Equal reports whether other is the same resource: same kind, name and
	// params. The engine keeps a running resource across a graph swap when
	// the new one is Equal to it (and the metaparams are unchanged).
	Equal(other Resource) bool
}

// Events is how a resource reports on its own state to the engine.
type Events interface {
	// Event says the resource's state may have changed.
	Event()
	// Fail says the resource's watch broke; the engine retries it as
	// Meta:retry and Meta:delay say.
	Fail(err error)
}

// Init is what the engine gives a resource that implements Initer.
type Init struct {
	// Hostname is the node's hostname as mgmt knows it.
	Hostname string
	// VarDir is a private directory for the resource's persistent state.
	VarDir string
	// Debug asks for verbose logging.
	Debug bool
	// Logf logs a line prefixed with the resource's identity.
	Logf func(format string, args ...any)
}

// Initer is a resource that needs the engine's environment before Watch.
type Initer interface {
	Init(init *Init) error
}

// UID identifies something a resource manages, for automatic edges: a file
// resource has the UID {Kind: "file", Key: "/etc/motd"}.
type UID struct {
	Kind string
	Key  string
}

// AutoEdger is a resource that asks for automatic edges.
type AutoEdger interface {
	// UIDs lists what this resource manages.
	UIDs() []UID
	// AutoEdges lists what this resource depends on, as groups of
	// candidates in order of preference: within one group, the first UID
	// that some other resource in the graph manages gets an edge from that
	// resource to this one and the rest of the group is skipped. (A file
	// lists its parent directories nearest first.)
	AutoEdges() [][]UID
}

// Groupable is a resource that can absorb others of its kind, so that one
// CheckApply serves them all (prints, noops, packages).
type Groupable interface {
	// GroupCmp reports whether other may be grouped into this resource.
	GroupCmp(other Resource) bool
	// SetGroup hands the resource the children grouped into it. Its
	// CheckApply is then responsible for them too.
	SetGroup(children []Resource)
}

// Sender is a resource that publishes values after it runs, for send/recv
// edges such as Exec["a"].output -> File["b"].content.
type Sender interface {
	// Sends returns the current value of each field it sends.
	Sends() map[string]Value
}

// Recver is a resource whose params can be set from another resource's sends.
type Recver interface {
	// Recv sets param field to v and reports whether the value changed.
	// The engine validates the resource again after a change.
	Recv(field string, v Value) (changed bool, err error)
}

// Refreshable is a resource that reacts to refresh notifications arriving
// over Notify edges (a service restart after its config file changed).
type Refreshable interface {
	// SetRefresh tells the resource whether a refresh is pending for the
	// next CheckApply.
	SetRefresh(refresh bool)
}

// Reversible is a resource that can undo itself when it leaves the graph
// (Meta:reverse): a file that was created is removed.
type Reversible interface {
	// Reversed returns the resource that undoes this one.
	Reversed() (Resource, error)
}
