// Command floor is the machine's floor for ../shared/bench's drift and
// reactive benchmarks: the least any engine can take on this machine to
// notice a change with inotify and write a file back, with no plugin, no
// engine and no language, in native Go. floor.py runs the benchmarks'
// loops against it, so that mgmt's figures can be read against it.
//
//	floor drift PATH CONTENT   keep PATH holding CONTENT
//	floor reactive IN OUT      keep OUT holding what IN holds
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fsnotify/fsnotify"
)

func main() {
	if len(os.Args) != 4 || (os.Args[1] != "drift" && os.Args[1] != "reactive") {
		fmt.Fprintln(os.Stderr, "usage: floor drift PATH CONTENT | floor reactive IN OUT")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// run watches the directory of the file that drives the mode and brings
// the managed file back after each event on it.
func run(mode, a, b string) error {
	watched, managed := a, a
	want := func() ([]byte, error) { return []byte(b), nil }
	if mode == "reactive" {
		managed = b
		want = func() ([]byte, error) { return os.ReadFile(a) }
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(filepath.Dir(watched)); err != nil {
		return err
	}
	sync := func() error {
		data, err := want()
		if err != nil {
			return nil // the input is being replaced: its next event follows
		}
		if have, err := os.ReadFile(managed); err == nil && bytes.Equal(have, data) {
			return nil
		}
		return writeAtomic(managed, data)
	}
	if err := sync(); err != nil {
		return err
	}
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Name == watched {
				if err := sync(); err != nil {
					return err
				}
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			return err
		}
	}
}

// writeAtomic replaces path with data as mgmt's fs_write_atomic does: a
// temporary file in the same directory, its mode set, renamed over path.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".floor-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
