package hostabi

// This file holds the names and numbers of ABI v1 that host and guests must
// agree on. docs/abi.md is the specification; the comments here only point
// at it.

// Version is the ABI major version this package implements. A guest's
// mgmt_abi_version export must return it.
const Version = 1

// Namespace is the wasm import module name under which the host provides
// its functions to guests.
const Namespace = "mgmt_v1"

// EncodingBin1 is the name of the v1 message encoding (docs/abi.md,
// "Encoding"). A describe response or manifest that names no encoding means
// this one.
const EncodingBin1 = "bin1"

// Exports every v1 guest must provide.
const (
	// ExportAlloc is alloc(size i32) -> i32: a buffer of size bytes, or 0.
	ExportAlloc = "alloc"
	// ExportDealloc is dealloc(ptr i32, size i32): frees a buffer from alloc.
	ExportDealloc = "dealloc"
	// ExportVersion is mgmt_abi_version() -> i32: the guest's ABI version.
	ExportVersion = "mgmt_abi_version"
)

// Verbs: guest exports of signature (ptr i32, len i32) -> i64 taking a
// request message and returning a packed response (see [PackPtrLen]).
const (
	// VerbDescribe reports the plugin's kinds and functions. Required.
	VerbDescribe = "describe"
	// VerbValidate checks a resource's params. Required with kinds.
	VerbValidate = "validate"
	// VerbWatch returns what the host must watch for a resource. Required
	// with kinds.
	VerbWatch = "watch"
	// VerbCheck reports whether a resource's state is correct. Required
	// with kinds.
	VerbCheck = "check"
	// VerbApply checks a resource and corrects its state. Required with
	// kinds.
	VerbApply = "apply"
	// VerbAutoEdges lists what a resource manages and depends on. Required
	// when a kind has the autoedge trait.
	VerbAutoEdges = "autoedges"
	// VerbReverse returns the params that undo a resource. Required when a
	// kind has the reverse trait.
	VerbReverse = "reverse"
	// VerbPrepare validates a resource and answers autoedges and watch
	// for it in one call. Optional: a host uses it when the module
	// exports it and the three verbs otherwise.
	VerbPrepare = "prepare"
	// VerbCall calls a function. Required with functions.
	VerbCall = "call"
	// VerbInfer narrows a polymorphic function's signature. Required when a
	// function sets Infer.
	VerbInfer = "infer"
)

// Host imports, provided under [Namespace]. All but [ImportTimeNow] have the
// signature (req_ptr i32, req_len i32, out_ptr i32) -> i32.
const (
	// ImportLog writes a line to the resource's log.
	ImportLog = "log"
	// ImportFSStat describes a file.
	ImportFSStat = "fs_stat"
	// ImportFSRead reads (part of) a file.
	ImportFSRead = "fs_read"
	// ImportFSWriteAtomic replaces a file's content atomically.
	ImportFSWriteAtomic = "fs_write_atomic"
	// ImportFSMkdir creates a directory.
	ImportFSMkdir = "fs_mkdir"
	// ImportFSRemove removes a file or directory.
	ImportFSRemove = "fs_remove"
	// ImportFSRename renames a file or directory.
	ImportFSRename = "fs_rename"
	// ImportFSChmod changes permission bits.
	ImportFSChmod = "fs_chmod"
	// ImportFSChown changes owner and group.
	ImportFSChown = "fs_chown"
	// ImportFSReaddir lists a directory.
	ImportFSReaddir = "fs_readdir"
	// ImportFSSymlink creates a symbolic link.
	ImportFSSymlink = "fs_symlink"
	// ImportFSReadlink reads a symbolic link.
	ImportFSReadlink = "fs_readlink"
	// ImportExec runs a command to completion.
	ImportExec = "exec"
	// ImportKVGet reads a key of the cluster's kv store.
	ImportKVGet = "kv_get"
	// ImportKVPut writes a key of the cluster's kv store.
	ImportKVPut = "kv_put"
	// ImportKVDelete removes a key of the cluster's kv store.
	ImportKVDelete = "kv_delete"
	// ImportHostname returns the node's hostname as mgmt knows it.
	ImportHostname = "hostname"
	// ImportTimeNow is time_now() -> i64: wall-clock Unix time in
	// nanoseconds.
	ImportTimeNow = "time_now"
)

// Limits of v1. A message, string or type beyond them is rejected with
// [CodeLimit].
const (
	// MaxMessageSize is the largest request or response, in bytes.
	MaxMessageSize = 64 << 20
	// MaxStringLen is the largest str value or bytes field, in bytes.
	MaxStringLen = 16 << 20
	// MaxDepth is the deepest type: a scalar has depth 1, []int depth 2.
	// Values nest no deeper than their types.
	MaxDepth = 32
	// MaxNameLen is the longest struct field name, function argument name
	// or type variable name, in bytes.
	MaxNameLen = 255
)

// PackPtrLen packs a guest buffer into the i64 a verb returns: ptr in the
// high 32 bits and length in the low 32 bits.
func PackPtrLen(ptr, length uint32) uint64 {
	return uint64(ptr)<<32 | uint64(length)
}

// UnpackPtrLen splits the i64 a verb returns into buffer pointer and length.
func UnpackPtrLen(packed uint64) (ptr, length uint32) {
	return uint32(packed >> 32), uint32(packed)
}
