package etcd

// The keys of mgmt's shared state. Every key is under Root.
const (
	// Root is the prefix of every key mgmt writes.
	Root = "/_mgmt/"
	// nodesPrefix holds one key per running node, bound to the node's
	// lease: /_mgmt/nodes/HOST.
	nodesPrefix = Root + "nodes/"
	// memberLock serializes membership changes.
	memberLock = Root + "membership/lock"
	// stringsPrefix is the kv store: /_mgmt/strings/KEY.
	stringsPrefix = Root + "strings/"
	// strmapPrefix is the per-host kv store: /_mgmt/strmap/NAMESPACE/HOST.
	strmapPrefix = Root + "strmap/"
	// schedulePrefix holds the hosts asking for a namespace's schedule:
	// /_mgmt/schedule/NAMESPACE/HOST, each bound to its own lease (ttl).
	schedulePrefix = Root + "schedule/"
	// exportPrefix holds exported resources:
	// /_mgmt/exported/HOST/KIND/NAME, bound to the exporter's lease.
	exportPrefix = Root + "exported/"
	// deployPrefix holds deploys: /_mgmt/deploy/ID (ID zero-padded).
	deployPrefix = Root + "deploy/"
)

// strmapKey is the key of host's value in a namespace.
func strmapKey(ns, host string) string { return strmapPrefix + ns + "/" + host }

// scheduleNS is the prefix of a namespace's hosts.
func scheduleNS(ns string) string { return schedulePrefix + ns + "/" }

// exportKey is the key of one exported resource.
func exportKey(host, kind, name string) string {
	return exportPrefix + host + "/" + kind + "/" + name
}
