package mgmt

import "github.com/mgmt-wasm/mgmt/hostabi"

// Exec runs a program through the host's exec import (no shell; the
// plugin needs the capability exec:<path>). A program that ran and failed
// is a response with a nonzero ExitCode, not an error; an error means it
// could not be run (denied, not found, timeout).
func (c *Context) Exec(req *hostabi.ExecRequest) (*hostabi.ExecResponse, error) {
	var resp hostabi.ExecResponse
	if err := host.Call(hostabi.ImportExec, req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}
