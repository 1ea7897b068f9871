package hostfuncs

import (
	"context"
	"os"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/tetratelabs/wazero/api"
)

// fsMkdir is the fs_mkdir import (with parents, like mkdir -p).
func (env Env) fsMkdir(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.MkdirRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpWrite, func() string { return req.Path }, true)
	if code != 0 {
		return code
	}
	mode := os.FileMode(req.Mode).Perm()
	if mode == 0 {
		mode = 0o755
	}
	var err error
	if req.Parents {
		err = os.MkdirAll(real, mode)
	} else {
		err = os.Mkdir(real, mode)
	}
	if err != nil {
		return osCode(err)
	}
	return respond(ctx, m, outPtr, nil)
}

// fsRemove is the fs_remove import; it acts on a symlink itself, not its
// target.
func (env Env) fsRemove(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.RemoveRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpWrite, func() string { return req.Path }, false)
	if code != 0 {
		return code
	}
	var err error
	if req.Recursive {
		if _, err = os.Lstat(real); err == nil {
			err = os.RemoveAll(real)
		}
	} else {
		err = os.Remove(real)
	}
	if err != nil {
		return osCode(err)
	}
	return respond(ctx, m, outPtr, nil)
}

// fsChmod is the fs_chmod import: the permission bits with setuid, setgid
// and sticky as chmod(2) numbers them; a mode above 0o7777 is invalid.
func (env Env) fsChmod(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ChmodRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpWrite, func() string { return req.Path }, true)
	if code != 0 {
		return code
	}
	if req.Mode&^abiModeMask != 0 {
		return -int32(hostabi.CodeInvalid)
	}
	if err := os.Chmod(real, fileMode(req.Mode)); err != nil {
		return osCode(err)
	}
	return respond(ctx, m, outPtr, nil)
}

// fsReaddir is the fs_readdir import.
func (env Env) fsReaddir(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ReaddirRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpRead, func() string { return req.Path }, true)
	if code != 0 {
		return code
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return osCode(err)
	}
	resp := &hostabi.ReaddirResponse{Entries: make([]hostabi.DirEntry, 0, len(entries))}
	for _, e := range entries {
		resp.Entries = append(resp.Entries, hostabi.DirEntry{Name: e.Name(), Type: fileType(e.Type())})
	}
	return marshalRespond(ctx, m, outPtr, resp)
}
