package hostwatch

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// ownWrites are the files the host itself has just replaced (Wrote) for a
// subscriber (WatchAs), each with its state right after. The event of
// such a replacement would make the resource that wrote it check again,
// one more plugin call for nothing. An event on the path while the file
// is still in that state (same inode, size, content, mode and owner) is
// the echo of that write, and is not passed on to the writer; every other
// subscriber of the path hears of it as of any change. A change after the
// write of anything the writer manages shows in that state, so its events
// reach the writer as always.
type ownWrites struct {
	mu    sync.Mutex
	files map[string]ownWrite
}

// fileState is what tells a file unchanged: its inode, attributes and
// content. Times are left out: they tick in jiffies, too coarse to tell a
// write within the same few milliseconds, so the content itself is
// compared (files up to ownWriteMaxSize only).
type fileState struct {
	dev, ino uint64
	size     int64
	mode     uint32
	uid, gid uint32
	sum      [sha256.Size]byte
}

// ownWrite is the record of one write.
type ownWrite struct {
	owner string
	state fileState
	at    time.Time
}

// ownWriteMaxSize is the largest file whose echo is recognised (its
// content is read and hashed on the write and on the event).
const ownWriteMaxSize = 64 << 10

// ownWritesMax bounds the entries kept; past it, those older than
// ownWritesTTL go (their event came before Wrote, or never).
const (
	ownWritesMax = 4096
	ownWritesTTL = 10 * time.Second
)

// attrsOf reads the attributes of the regular file at path, if it is one
// of at most ownWriteMaxSize bytes (the content's sum is left zero).
func attrsOf(path string) (fileState, bool) {
	var st syscall.Stat_t
	if err := syscall.Lstat(path, &st); err != nil {
		return fileState{}, false
	}
	return attrsOfStat(&st)
}

// attrsOfStat is attrsOf from a stat already taken.
func attrsOfStat(st *syscall.Stat_t) (fileState, bool) {
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > ownWriteMaxSize {
		return fileState{}, false
	}
	return fileState{dev: uint64(st.Dev), ino: st.Ino, size: st.Size, mode: st.Mode, uid: st.Uid, gid: st.Gid}, true
}

// withSum adds the sum of the content of the file at path to its
// attributes st (false if the content is not of st's size).
func withSum(path string, st fileState) (fileState, bool) {
	data, err := os.ReadFile(path)
	if err != nil || int64(len(data)) != st.size {
		return fileState{}, false
	}
	st.sum = sha256.Sum256(data)
	return st, true
}

// Wrote tells the watcher that the host has just replaced the regular
// file at path (an absolute path, as events name it) with data, for owner
// (as WatchAs names it): the next event on path does not reach owner if
// the file is still as it was written and holds data. written is the
// file's stat as the host wrote it (taken on its descriptor), or nil to
// lstat path now. The content is not read back: a change from outside
// before Wrote shows as a different sum.
func (w *Watcher) Wrote(owner, path string, data []byte, written *syscall.Stat_t) {
	if owner == "" {
		return
	}
	path = filepath.Clean(path)
	var st fileState
	var ok bool
	if written != nil {
		st, ok = attrsOfStat(written)
	} else {
		st, ok = attrsOf(path)
	}
	if !ok || st.size != int64(len(data)) {
		return
	}
	st.sum = sha256.Sum256(data)
	rec := ownWrite{owner: owner, state: st, at: time.Now()}
	o := &w.own
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.files == nil {
		o.files = make(map[string]ownWrite)
	}
	if len(o.files) >= ownWritesMax {
		for p, r := range o.files {
			if rec.at.Sub(r.at) > ownWritesTTL {
				delete(o.files, p)
			}
		}
	}
	if len(o.files) < ownWritesMax {
		o.files[path] = rec
	}
}

// echoOf returns the owner whose own write an event on name echoes (the
// file is still as Wrote saw it), or "". The record is used once either
// way.
func (o *ownWrites) echoOf(name string) string {
	o.mu.Lock()
	rec, ok := o.files[name]
	if ok {
		delete(o.files, name)
	}
	o.mu.Unlock()
	if !ok {
		return ""
	}
	// The attributes first: a change from outside (drift) usually shows
	// in them, and then the content need not be read on the way to the
	// resource that repairs it.
	attrs, ok := attrsOf(name)
	want := rec.state
	want.sum = [sha256.Size]byte{}
	if !ok || attrs != want {
		return ""
	}
	if got, ok := withSum(name, attrs); !ok || got != rec.state {
		return ""
	}
	return rec.owner
}
