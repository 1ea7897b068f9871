package mgmt

import "github.com/mgmt-wasm/mgmt/hostabi"

// KVGet reads key from the cluster's kv store (the keys world.getval reads
// and the kv kind writes). It needs the capability cluster.kv on the key.
func (c *Context) KVGet(key string) (value string, exists bool, err error) {
	var resp hostabi.KVGetResponse
	if err := host.Call(hostabi.ImportKVGet, &hostabi.KVGetRequest{Key: key}, &resp); err != nil {
		return "", false, err
	}
	return resp.Value, resp.Exists, nil
}

// KVPut writes key in the cluster's kv store (needs cluster.kv on it).
func (c *Context) KVPut(key, value string) error {
	return host.Call(hostabi.ImportKVPut, &hostabi.KVPutRequest{Key: key, Value: value}, nil)
}

// KVDelete removes key from the cluster's kv store (needs cluster.kv on
// it).
func (c *Context) KVDelete(key string) error {
	return host.Call(hostabi.ImportKVDelete, &hostabi.KVDeleteRequest{Key: key}, nil)
}
