// Command proc-inotify is a process plugin (sdk/goproc): a native
// executable, not a wasm module, because its kind runs an event loop of
// its own on the kernel's inotify and writes files with plain system
// calls, which a wasm guest cannot do. It provides the kind
// "inotify_file", which keeps a file's content: its resources watch their
// file's folder with inotify (through fsnotify) and report every change on
// the host's event stream, so a file changed or removed from outside is
// put back at once. (Its kind "proc_noop" does nothing, for the
// benchmarks.) Build it and install it like a wasm plugin:
//
//	go build -o proc-inotify . && mgmt plugin install proc-inotify
package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
	"github.com/mgmt-wasm/mgmt/sdk/goproc"
)

// file is a resource of kind inotify_file.
type file struct {
	name    string
	path    string
	content string
	mode    int64
}

func main() {
	mgmt.SetPlugin("proc-inotify", "0.1.0")
	goproc.Register(hostabi.KindInfo{
		Kind: "inotify_file",
		Params: []hostabi.ParamInfo{
			{Name: "path", Type: hostabi.TypeStr},
			{Name: "content", Type: hostabi.TypeStr},
			{Name: "mode", Type: hostabi.TypeInt, Default: hostabi.IntValue(0o644)},
		},
	}, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		path := p.Str("path")
		if path == "" {
			path = name
		}
		return &file{name: name, path: path, content: p.Str("content"), mode: p.Int("mode")}, nil
	})
	// A kind whose check does nothing, for the per-call overhead of
	// docs/benchmarks.md.
	goproc.Register(hostabi.KindInfo{Kind: "proc_noop"}, func(string, mgmt.Params) (mgmt.Resource, error) { return noop{}, nil })
	goproc.Serve()
}

// noop is a resource of kind proc_noop: always right.
type noop struct{}

func (noop) Validate() error                              { return nil }
func (noop) Watch() []hostabi.WatchSpec                   { return nil }
func (noop) CheckApply(*mgmt.Context, bool) (bool, error) { return true, nil }

// Validate wants an absolute path and a permission mode.
func (f *file) Validate() error {
	if !strings.HasPrefix(f.path, "/") {
		return mgmt.ParamError("path", "%q is not absolute", f.path)
	}
	if f.mode < 0 || f.mode > 0o777 {
		return mgmt.ParamError("mode", "%o is not a permission mode", f.mode)
	}
	return nil
}

// Watch asks the host for nothing: Events watches.
func (f *file) Watch() []hostabi.WatchSpec { return nil }

// Events watches the file's folder with inotify and reports each event
// about the file (written, removed, renamed over, its mode changed).
func (f *file) Events(ctx context.Context, event func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(filepath.Dir(f.path)); err != nil {
		return err
	}
	goproc.Logger.Debug("watching", "path", f.path, "pid", os.Getpid())
	for {
		select {
		case <-ctx.Done():
			return nil
		case e := <-w.Events:
			if e.Name == f.path {
				event()
			}
		case err := <-w.Errors:
			return err
		}
	}
}

// CheckApply compares the file's content and mode and, when applying,
// writes it through a temporary file and a rename.
func (f *file) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	data, err := os.ReadFile(f.path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err == nil && bytes.Equal(data, []byte(f.content)) {
		st, err := os.Stat(f.path)
		if err != nil {
			return false, err
		}
		if int64(st.Mode().Perm()) == f.mode {
			return true, nil
		}
		if !apply {
			return false, nil
		}
		return false, os.Chmod(f.path, os.FileMode(f.mode))
	}
	if !apply {
		return false, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.path), ".inotify_file-")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(f.content); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Chmod(os.FileMode(f.mode)); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return false, err
	}
	ctx.Log("inotify_file[%s]: wrote %s (pid %d)", f.name, f.path, os.Getpid())
	return false, nil
}
