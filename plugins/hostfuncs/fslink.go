package hostfuncs

import (
	"context"
	"os"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/tetratelabs/wazero/api"
)

// This file holds the imports that act on names and links rather than on
// what they lead to: fs_rename, fs_symlink and fs_readlink. Their paths are
// resolved with follow false (ABI §3): the parent directory through its
// symlinks, the final component as it is.

// fsRename is the fs_rename import; it needs fs.write on both paths and
// moves a final symlink itself, not its target.
func (env Env) fsRename(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.RenameRequest{}
	from, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpWrite, func() string { return req.From }, false)
	if code != 0 {
		return code
	}
	to, code := allowed(ctx, hostabi.OpWrite, req.To, false)
	if code != 0 {
		return code
	}
	if err := os.Rename(from, to); err != nil {
		return osCode(err)
	}
	return respond(ctx, m, outPtr, nil)
}

// fsSymlink is the fs_symlink import; it needs fs.write on the link's
// path and stores the target as given, unchecked: whatever later follows
// the link is checked where it leads.
func (env Env) fsSymlink(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.SymlinkRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpWrite, func() string { return req.Path }, false)
	if code != 0 {
		return code
	}
	if req.Target == "" {
		return -int32(hostabi.CodeInvalid)
	}
	if err := os.Symlink(req.Target, real); err != nil {
		return osCode(err)
	}
	return respond(ctx, m, outPtr, nil)
}

// fsReadlink is the fs_readlink import; it needs fs.read on the link
// itself (not on its target), and answers invalid for a path that is not
// a symlink.
func (env Env) fsReadlink(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ReadlinkRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpRead, func() string { return req.Path }, false)
	if code != 0 {
		return code
	}
	target, err := os.Readlink(real)
	if err != nil {
		return osCode(err)
	}
	return marshalRespond(ctx, m, outPtr, &hostabi.ReadlinkResponse{Target: target})
}
