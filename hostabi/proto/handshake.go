package pluginpb

// The handshake of process plugins (go-plugin's HandshakeConfig): the host
// sets MagicCookieKey=MagicCookieValue in the plugin's environment, and
// both sides must speak ProtocolVersion. PluginName is the one plugin of
// the go-plugin plugin set.
const (
	ProtocolVersion  = 1
	MagicCookieKey   = "MGMT_PROCESS_PLUGIN"
	MagicCookieValue = "mgmt-wasm process plugin, ABI v1"
	PluginName       = "mgmt"
)
