package file

import (
	"bytes"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// readChunk is the most one read asks for.
const readChunk = 1 << 20

// readAt reads up to limit bytes of path at off, and the file's stat too
// with wantStat (nil from a host that does not give it).
func (o *op) readAt(path string, off, limit int, wantStat bool) (*hostabi.ReadResponse, error) {
	if limit <= 0 || limit > readChunk {
		limit = readChunk
	}
	return o.ctx.Read(&hostabi.ReadRequest{Path: path, Offset: uint64(off), Limit: uint64(limit), WantStat: wantStat})
}

// readEqual reports whether the content of path is exactly want, reading
// no more than len(want)+1 bytes: one read for a small file.
func (o *op) readEqual(path string, want []byte) (bool, error) {
	same, _, err := o.readEqualStat(path, want)
	return same, err
}

// readEqualStat is readEqual that also returns the stat of the file it
// read, which the host answers with the first read (nil when it does
// not): a check that goes on to the file's mode or owner, or replaces
// the file, needs no fs_stat then.
func (o *op) readEqualStat(path string, want []byte) (bool, *hostabi.StatResponse, error) {
	off := 0
	var st *hostabi.StatResponse
	for {
		resp, err := o.readAt(path, off, len(want)-off+1, off == 0)
		if err != nil {
			return false, nil, fmt.Errorf("read %s: %w", path, err)
		}
		if off == 0 {
			st = resp.Stat
		}
		n := len(resp.Data)
		if off+n > len(want) || !bytes.Equal(resp.Data, want[off:off+n]) {
			return false, st, nil
		}
		off += n
		if resp.EOF || n == 0 {
			return off == len(want), st, nil
		}
	}
}

// readSized returns the content of path, whose size is about size (from a
// stat): it asks for size+1 bytes, then reads on if the file grew.
func (o *op) readSized(path string, size uint64) ([]byte, error) {
	data := make([]byte, 0, size)
	for {
		resp, err := o.readAt(path, len(data), int(size)-len(data)+1, false)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		data = append(data, resp.Data...)
		if resp.EOF || len(resp.Data) == 0 {
			return data, nil
		}
	}
}
