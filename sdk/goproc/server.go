package goproc

import (
	"context"
	"os"

	"github.com/hashicorp/go-plugin"
	"github.com/mgmt-wasm/mgmt/hostabi"
	pluginpb "github.com/mgmt-wasm/mgmt/hostabi/proto"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// serverPlugin is the plugin's side of go-plugin's plugin.
type serverPlugin struct{ plugin.NetRPCUnsupportedPlugin }

var _ plugin.GRPCPlugin = (*serverPlugin)(nil)

// GRPCServer registers the Plugin service.
func (*serverPlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	pluginpb.RegisterPluginServer(s, server{})
	return nil
}

// GRPCClient is the host's side, which a plugin does not have.
func (*serverPlugin) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (any, error) {
	return nil, status.Error(codes.Unimplemented, "a plugin is not a host")
}

// server serves the verbs with sdk/go's Handle, so a process plugin's
// answers are byte for byte a wasm plugin's.
type server struct {
	pluginpb.UnimplementedPluginServer
}

// served are the verbs Handle serves.
var served = []string{
	hostabi.VerbDescribe, hostabi.VerbValidate, hostabi.VerbWatch, hostabi.VerbCheck, hostabi.VerbApply,
	hostabi.VerbAutoEdges, hostabi.VerbReverse, hostabi.VerbCall,
}

func handle(verb string, req *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return &pluginpb.Bin1{Data: mgmt.Handle(verb, req.GetData())}, nil
}

// Info reports the ABI version, the verbs and the process id.
func (server) Info(context.Context, *pluginpb.InfoRequest) (*pluginpb.InfoResponse, error) {
	return &pluginpb.InfoResponse{AbiVersion: hostabi.Version, Verbs: served, Pid: int64(os.Getpid())}, nil
}

// Describe serves describe.
func (server) Describe(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbDescribe, r)
}

// Validate serves validate.
func (server) Validate(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbValidate, r)
}

// Watch serves watch (the host-owned watches).
func (server) Watch(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbWatch, r)
}

// Check serves check.
func (server) Check(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbCheck, r)
}

// Apply serves apply.
func (server) Apply(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbApply, r)
}

// AutoEdges serves autoedges.
func (server) AutoEdges(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbAutoEdges, r)
}

// Reverse serves reverse.
func (server) Reverse(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbReverse, r)
}

// Call serves call.
func (server) Call(_ context.Context, r *pluginpb.Bin1) (*pluginpb.Bin1, error) {
	return handle(hostabi.VerbCall, r)
}

// Events runs the resource's event loop, when it has one, for as long as
// the host keeps the stream open; a resource without one sends nothing.
func (server) Events(r *pluginpb.Bin1, s grpc.ServerStreamingServer[pluginpb.Event]) error {
	var spec hostabi.ResourceSpec
	if err := spec.UnmarshalBinary(r.GetData()); err != nil {
		return status.Errorf(codes.InvalidArgument, "events: %v", err)
	}
	res, err := resource(&spec)
	if err != nil {
		return status.Errorf(codes.InvalidArgument, "events %s[%s]: %v", spec.Kind, spec.Name, err)
	}
	ev, ok := res.(Eventer)
	if !ok {
		<-s.Context().Done()
		return nil
	}
	events := make(chan struct{}, 1)
	ctx, cancel := context.WithCancel(s.Context())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- ev.Events(ctx, func() {
			select {
			case events <- struct{}{}:
			default: // one pending event stands for several
			}
		})
	}()
	for {
		select {
		case <-events:
			if err := s.Send(&pluginpb.Event{}); err != nil {
				return err
			}
		case err := <-errc:
			if err != nil {
				return status.Errorf(codes.Unavailable, "events %s[%s]: %v", spec.Kind, spec.Name, err)
			}
			return nil
		case <-ctx.Done():
			return nil
		}
	}
}
