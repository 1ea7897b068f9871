package hostfuncs

import (
	"context"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/tetratelabs/wazero/api"
)

// KV is the cluster's kv store as the kv imports use it: the keys that
// world.getval reads and the kv kind writes.
type KV interface {
	Get(ctx context.Context, key string) (value string, exists bool, err error)
	Put(ctx context.Context, key, value string) error
	Delete(ctx context.Context, key string) error
	// Watch calls fn when a key starting with prefix changes, until
	// cancel.
	Watch(prefix string, fn func()) (cancel func(), err error)
}

// kvAllowed checks the caller's cluster.kv grants for key: 0, or the
// negative code to return.
func (env Env) kvAllowed(ctx context.Context, key string) int32 {
	if env.KV == nil {
		return -int32(hostabi.CodeUnsupported)
	}
	if !callerOf(ctx).Granted.Allows(hostabi.OpKV, key) {
		return -int32(hostabi.CodeDenied)
	}
	return 0
}

// kvRequest decodes a kv import's request and checks its key (the kv
// twin of checked): 0, or the negative code to return.
func (env Env) kvRequest(ctx context.Context, m api.Module, reqPtr, reqLen uint32, req interface{ UnmarshalBinary([]byte) error }, key func() string) int32 {
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	return env.kvAllowed(ctx, key())
}

// kvGet is the kv_get import.
func (env Env) kvGet(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.KVGetRequest{}
	if code := env.kvRequest(ctx, m, reqPtr, reqLen, req, func() string { return req.Key }); code != 0 {
		return code
	}
	v, ok, err := env.KV.Get(ctx, req.Key)
	if err != nil {
		env.Log.Warn("kv_get", "key", req.Key, "err", err)
		return -int32(hostabi.CodeIO)
	}
	return marshalRespond(ctx, m, outPtr, &hostabi.KVGetResponse{Value: v, Exists: ok})
}

// kvPut is the kv_put import.
func (env Env) kvPut(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.KVPutRequest{}
	if code := env.kvRequest(ctx, m, reqPtr, reqLen, req, func() string { return req.Key }); code != 0 {
		return code
	}
	return env.kvDone(env.KV.Put(ctx, req.Key, req.Value), "kv_put", req.Key)
}

// kvDelete is the kv_delete import.
func (env Env) kvDelete(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.KVDeleteRequest{}
	if code := env.kvRequest(ctx, m, reqPtr, reqLen, req, func() string { return req.Key }); code != 0 {
		return code
	}
	return env.kvDone(env.KV.Delete(ctx, req.Key), "kv_delete", req.Key)
}

// kvDone is the result of a write.
func (env Env) kvDone(err error, what, key string) int32 {
	if err != nil {
		env.Log.Warn(what, "key", key, "err", err)
		return -int32(hostabi.CodeIO)
	}
	return 0
}

// WatchKV sets up a kv watch of a resource of a plugin granted granted:
// it needs cluster.kv on the prefix.
func WatchKV(kv KV, granted hostabi.Capabilities, prefix string, fn func()) (func(), error) {
	if kv == nil {
		return nil, &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: "watch: no cluster here for kv watches"}
	}
	if !granted.Allows(hostabi.OpKV, prefix) {
		return nil, &hostabi.ABIError{Code: hostabi.CodeDenied, Message: fmt.Sprintf("watch of the keys %q: not granted cluster.kv on them", prefix)}
	}
	return kv.Watch(prefix, fn)
}
