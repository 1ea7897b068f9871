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
