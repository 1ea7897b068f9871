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
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	real, code := allowed(ctx, hostabi.OpWrite, req.Path, true)
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
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	real, code := allowed(ctx, hostabi.OpWrite, req.Path, false)
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

// fsChmod is the fs_chmod import.
func (env Env) fsChmod(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ChmodRequest{}
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	real, code := allowed(ctx, hostabi.OpWrite, req.Path, true)
	if code != 0 {
		return code
	}
	if err := os.Chmod(real, os.FileMode(req.Mode)&(os.ModePerm|os.ModeSetuid|os.ModeSetgid|os.ModeSticky)); err != nil {
		return osCode(err)
	}
	return respond(ctx, m, outPtr, nil)
}

// fsReaddir is the fs_readdir import.
func (env Env) fsReaddir(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ReaddirRequest{}
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	real, code := allowed(ctx, hostabi.OpRead, req.Path, true)
	if code != 0 {
		return code
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return osCode(err)
	}
	resp := &hostabi.ReaddirResponse{Entries: make([]hostabi.DirEntry, 0, len(entries))}
	for _, e := range entries {
		t := hostabi.FileOther
		switch {
		case e.Type().IsRegular():
			t = hostabi.FileRegular
		case e.IsDir():
			t = hostabi.FileDir
		case e.Type()&os.ModeSymlink != 0:
			t = hostabi.FileSymlink
		}
		resp.Entries = append(resp.Entries, hostabi.DirEntry{Name: e.Name(), Type: t})
	}
	return marshalRespond(ctx, m, outPtr, resp)
}
