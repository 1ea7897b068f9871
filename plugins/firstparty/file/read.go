package file

import (
	"bytes"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// host is the SDK's Host, through which reads pass a size limit:
// Context.ReadFile always reads a whole file, while a comparison needs no
// more than the expected size plus one byte (a file much bigger than its
// wanted content must not be read into the guest to find it differs).
// Taking the Host with SetHost (and putting it straight back) is the only
// way to reach it; a ReadFile with a limit in the SDK would make this
// unnecessary.
var host = func() mgmt.Host {
	h := mgmt.SetHost(nil)
	mgmt.SetHost(h)
	return h
}()

// readChunk is the most one read asks for.
const readChunk = 1 << 20

// readAt reads up to limit bytes of path at off.
func readAt(path string, off, limit int) (*hostabi.ReadResponse, error) {
	if limit <= 0 || limit > readChunk {
		limit = readChunk
	}
	var resp hostabi.ReadResponse
	req := &hostabi.ReadRequest{Path: path, Offset: uint64(off), Limit: uint64(limit)}
	if err := host.Call(hostabi.ImportFSRead, req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// readEqual reports whether the content of path is exactly want, reading
// no more than len(want)+1 bytes: one read for a small file.
func readEqual(path string, want []byte) (bool, error) {
	off := 0
	for {
		resp, err := readAt(path, off, len(want)-off+1)
		if err != nil {
			return false, fmt.Errorf("read %s: %w", path, err)
		}
		n := len(resp.Data)
		if off+n > len(want) || !bytes.Equal(resp.Data, want[off:off+n]) {
			return false, nil
		}
		off += n
		if resp.EOF || n == 0 {
			return off == len(want), nil
		}
	}
}

// readSized returns the content of path, whose size is about size (from a
// stat): it asks for size+1 bytes, then reads on if the file grew.
func readSized(path string, size uint64) ([]byte, error) {
	data := make([]byte, 0, size)
	for {
		resp, err := readAt(path, len(data), int(size)-len(data)+1)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		data = append(data, resp.Data...)
		if resp.EOF || len(resp.Data) == 0 {
			return data, nil
		}
	}
}
