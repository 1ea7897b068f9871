package wasmhost

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
)

// The compilation cache is wazero's and cannot be asked whether it holds a
// module. The host keeps a marker per module it has compiled into the
// cache (named by the module's sha256), so that Load knows a cache hit is
// coming and waits for it instead of starting on the interpreter.

// markerDir is the folder of markers inside the cache directory.
const markerDir = "mgmt-compiled"

// markerPath is the marker of wasm, or "" without a cache.
func (h *Host) markerPath(wasm []byte) string {
	if h.cfg.CacheDir == "" {
		return ""
	}
	sum := sha256.Sum256(wasm)
	return filepath.Join(h.cfg.CacheDir, markerDir, hex.EncodeToString(sum[:]))
}

// cached reports whether wasm was compiled into the cache before.
func (h *Host) cached(wasm []byte) bool {
	p := h.markerPath(wasm)
	if p == "" {
		return false
	}
	_, err := os.Stat(p)
	return err == nil
}

// markCached records that wasm is in the cache. A failure only costs the
// next start a quick start on the interpreter.
func (h *Host) markCached(wasm []byte) {
	p := h.markerPath(wasm)
	if p == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err == nil {
		_ = os.WriteFile(p, nil, 0o600)
	}
}
