package etcd

import (
	"fmt"
	"net"
	"sync"
)

// handedOut are the ports FreeLoopbackURL has returned in this process.
var handedOut = struct {
	sync.Mutex
	ports map[int]bool
}{ports: map[int]bool{}}

// FreeLoopbackURL returns an http URL on a 127.0.0.1 port that was free a
// moment ago and that it has not returned before in this process (for a
// node that may not take the default ports, and for test clusters). A port
// is only taken once its node binds it, which may be well after the next
// call: without the memory a second node could be given a port the first
// has not bound yet.
func FreeLoopbackURL() (string, error) {
	for range 100 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", fmt.Errorf("cluster: find a free port: %w", err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		handedOut.Lock()
		fresh := !handedOut.ports[port]
		handedOut.ports[port] = true
		handedOut.Unlock()
		if fresh {
			return fmt.Sprintf("http://127.0.0.1:%d", port), nil
		}
	}
	return "", fmt.Errorf("cluster: find a free port: every free port offered was handed out before")
}
