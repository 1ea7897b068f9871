package etcd

import (
	"fmt"
	"net"
)

// FreeLoopbackURL returns an http URL on a 127.0.0.1 port that was free a
// moment ago (for a node that may not take the default ports, and for
// test clusters).
func FreeLoopbackURL() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("cluster: find a free port: %w", err)
	}
	defer l.Close()
	return "http://" + l.Addr().String(), nil
}
