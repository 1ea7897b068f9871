package procplugin

import (
	"context"
	"errors"

	"github.com/hashicorp/go-plugin"
	pluginpb "github.com/mgmt-wasm/mgmt/hostabi/proto"
	"google.golang.org/grpc"
)

// clientPlugin is the host's side of go-plugin's plugin: it makes the
// gRPC client; the host serves nothing.
type clientPlugin struct{ plugin.NetRPCUnsupportedPlugin }

var _ plugin.GRPCPlugin = (*clientPlugin)(nil)

// GRPCServer is the plugin's side, which the host does not have.
func (*clientPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return errors.New("the host does not serve the plugin protocol")
}

// GRPCClient returns the Plugin service's client on the connection.
func (*clientPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (any, error) {
	return pluginpb.NewPluginClient(c), nil
}
