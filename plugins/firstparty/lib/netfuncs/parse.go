package netfuncs

import (
	"errors"
	"fmt"
	"net"
	"net/url"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// hostPortType and urlType are the result types of split_hostport and
// url_parser.
var (
	hostPortType = hostabi.NewStruct(
		hostabi.Field{Name: "host", Type: hostabi.TypeStr},
		hostabi.Field{Name: "port", Type: hostabi.TypeStr},
	)
	urlType = hostabi.NewStruct(
		hostabi.Field{Name: "scheme", Type: hostabi.TypeStr},
		hostabi.Field{Name: "host", Type: hostabi.TypeStr},
		hostabi.Field{Name: "path", Type: hostabi.TypeStr},
		hostabi.Field{Name: "raw_query", Type: hostabi.TypeStr},
	)
)

// splitHostPort splits "host:port", "[v6 address]:port" and the like, as
// Go's net.SplitHostPort does.
func splitHostPort(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "net.split_hostport", 0)
	if err != nil {
		return nil, err
	}
	host, port, err := net.SplitHostPort(string(s))
	if err != nil {
		return nil, fmt.Errorf("net.split_hostport: error parsing the input: %w", err)
	}
	return &hostabi.StructValue{T: hostPortType, Fields: []hostabi.Value{hostabi.StrValue(host), hostabi.StrValue(port)}}, nil
}

// urlParser returns the scheme, host (with any port), path and raw query
// of a URL, which must have a scheme.
func urlParser(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "net.url_parser", 0)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(string(s))
	if err != nil {
		return nil, fmt.Errorf("net.url_parser: error parsing the URL: %w", err)
	}
	if u.Scheme == "" {
		return nil, fmt.Errorf("net.url_parser: %q: %w", string(s), errEmptyScheme)
	}
	return &hostabi.StructValue{T: urlType, Fields: []hostabi.Value{
		hostabi.StrValue(u.Scheme), hostabi.StrValue(u.Host), hostabi.StrValue(u.Path), hostabi.StrValue(u.RawQuery),
	}}, nil
}

// errEmptyScheme is the error of a URL without a scheme.
var errEmptyScheme = errors.New("empty schemes are invalid")
