package mgmt

import "github.com/mgmt-wasm/mgmt/hostabi"

// This file wraps the file imports fs_stat, fs_read and fs_write_atomic.
// Paths must be absolute; the host checks them against the plugin's
// capabilities (or the call's VarDir). A missing file is an error with
// code not_found (test with errors.Is(err, &hostabi.ABIError{Code:
// hostabi.CodeNotFound})).

// Stat describes the file at path; nofollow describes a final symlink
// itself.
func (c *Context) Stat(path string, nofollow bool) (*hostabi.StatResponse, error) {
	var resp hostabi.StatResponse
	if err := host.Call(hostabi.ImportFSStat, &hostabi.StatRequest{Path: path, NoFollow: nofollow}, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// Read makes one fs_read call: up to req.Limit bytes at req.Offset, and
// the file's stat with req.WantStat (nil from a host that does not give
// it). ReadFile reads a whole file; Read is for a reader that needs no
// more than a part, such as a comparison with an expected content.
func (c *Context) Read(req *hostabi.ReadRequest) (*hostabi.ReadResponse, error) {
	var resp hostabi.ReadResponse
	if err := host.Call(hostabi.ImportFSRead, req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// ReadFile returns the whole content of the file at path, reading it in
// chunks of at most [hostabi.MaxStringLen].
func (c *Context) ReadFile(path string) ([]byte, error) {
	var data []byte
	for {
		var resp hostabi.ReadResponse
		if err := host.Call(hostabi.ImportFSRead, &hostabi.ReadRequest{Path: path, Offset: uint64(len(data))}, &resp); err != nil {
			return nil, err
		}
		data = append(data, resp.Data...)
		if resp.EOF || len(resp.Data) == 0 {
			return data, nil
		}
	}
}

// WriteFile replaces the content of the file at path atomically. A mode
// of 0 keeps an existing file's mode (0o644 for a new file).
func (c *Context) WriteFile(path string, data []byte, mode uint32) error {
	return host.Call(hostabi.ImportFSWriteAtomic, &hostabi.WriteAtomicRequest{Path: path, Data: data, Mode: mode}, nil)
}

// WriteFileStat is WriteFile that also returns the stat of the file
// written (want_stat), so that a kind checking the result needs no
// fs_stat after the write. The stat is nil from a host that does not
// answer one.
func (c *Context) WriteFileStat(path string, data []byte, mode uint32) (*hostabi.StatResponse, error) {
	var resp optionalStat
	if err := host.Call(hostabi.ImportFSWriteAtomic, &hostabi.WriteAtomicRequest{Path: path, Data: data, Mode: mode, WantStat: true}, &resp); err != nil {
		return nil, err
	}
	return resp.st, nil
}

// optionalStat decodes a response that is a StatResponse or, from a host
// that does not answer one, empty.
type optionalStat struct{ st *hostabi.StatResponse }

// UnmarshalBinary decodes data, leaving st nil when data is empty.
func (o *optionalStat) UnmarshalBinary(data []byte) error {
	if len(data) == 0 {
		return nil
	}
	o.st = &hostabi.StatResponse{}
	return o.st.UnmarshalBinary(data)
}
