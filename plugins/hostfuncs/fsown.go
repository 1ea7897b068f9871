package hostfuncs

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"strconv"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/tetratelabs/wazero/api"
)

// fsChown is the fs_chown import: owner and group are names or decimal
// ids, "" leaves one as it is; with nofollow it changes a final symlink
// itself (lchown). A name the host's user database does not know is
// invalid; a change the OS refuses (another owner, without root) is
// denied.
func (env Env) fsChown(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ChownRequest{}
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	real, code := allowed(ctx, hostabi.OpWrite, req.Path, !req.NoFollow) // after decoding: follow depends on the request
	if code != 0 {
		return code
	}
	uid, err := lookupID(req.Owner, func(name string) (string, error) {
		u, err := user.Lookup(name)
		if err != nil {
			return "", err
		}
		return u.Uid, nil
	})
	if err != nil {
		return -int32(hostabi.CodeInvalid)
	}
	gid, err := lookupID(req.Group, func(name string) (string, error) {
		g, err := user.LookupGroup(name)
		if err != nil {
			return "", err
		}
		return g.Gid, nil
	})
	if err != nil {
		return -int32(hostabi.CodeInvalid)
	}
	if req.NoFollow {
		err = os.Lchown(real, uid, gid)
	} else {
		err = os.Chown(real, uid, gid)
	}
	if err != nil {
		return osCode(err)
	}
	return respond(ctx, m, outPtr, nil)
}

// lookupID turns an owner or group as ChownRequest gives it into a numeric
// id: -1 (leave it) for "", the number for a decimal id, and otherwise the
// id lookup finds for the name.
func lookupID(s string, lookup func(name string) (string, error)) (int, error) {
	if s == "" {
		return -1, nil
	}
	if id, err := strconv.ParseUint(s, 10, 32); err == nil {
		if id == 1<<32-1 {
			return 0, fmt.Errorf("id %s is chown's \"leave it\"; use \"\" for that", s)
		}
		return int(id), nil
	}
	found, err := lookup(s)
	if err != nil {
		return 0, fmt.Errorf("look up %q: %w", s, err)
	}
	id, err := strconv.ParseUint(found, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%q has the id %q, which is not a number: %w", s, found, err)
	}
	return int(id), nil
}
