package tarkind

import (
	"archive/tar"
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// source is the file tree an archive is built from: the host's imports in
// the plugin (*mgmt.Context), the local file system in native tests.
type source interface {
	Stat(path string, nofollow bool) (*hostabi.StatResponse, error)
	ReadFile(path string) ([]byte, error)
	ReadDir(path string) ([]hostabi.DirEntry, error)
	Readlink(path string) (string, error)
}

// archiver builds a tar archive in memory, reproducibly: entries in the
// order of the inputs and, inside a directory, sorted by name, with
// headers made only of what the files hold (name, type, mode, owner,
// size, modification time, link target).
type archiver struct {
	src    source
	format tar.Format
	skip   string // a path never archived: the archive itself
	buf    bytes.Buffer
	tw     *tar.Writer
}

// build archives inputs (files, or directories added recursively; see the
// package doc for how their entries are named) in format, leaving out
// skip.
func build(src source, inputs []string, format tar.Format, skip string) ([]byte, error) {
	a := &archiver{src: src, format: format, skip: skip}
	a.tw = tar.NewWriter(&a.buf)
	for _, in := range inputs {
		if err := a.input(in); err != nil {
			return nil, err
		}
	}
	if err := a.tw.Close(); err != nil {
		return nil, fmt.Errorf("close the archive: %w", err)
	}
	return a.buf.Bytes(), nil
}

// input adds one input: a file (followed if a symlink) by its base name,
// a directory by its contents, under its base name unless it ends in a
// slash.
func (a *archiver) input(in string) error {
	st, err := a.src.Stat(in, false)
	if err != nil {
		return fmt.Errorf("input %s: %w", in, err)
	}
	dir := strings.TrimSuffix(in, "/")
	if dir == "" {
		dir = "/"
	}
	switch st.Type {
	case hostabi.FileRegular:
		return a.file(in, path.Base(in), st)
	case hostabi.FileDir:
		prefix := ""
		if !strings.HasSuffix(in, "/") {
			prefix = path.Base(in) + "/"
			if err := a.header(prefix, tar.TypeDir, st, 0, ""); err != nil {
				return err
			}
		}
		return a.dir(dir, prefix)
	}
	return fmt.Errorf("input %s is not a file or a directory", in)
}

// dir adds the contents of the directory at p, their names prefixed.
func (a *archiver) dir(p, prefix string) error {
	entries, err := a.src.ReadDir(p)
	if err != nil {
		return fmt.Errorf("list %s: %w", p, err)
	}
	for _, e := range entries {
		full, name := path.Join(p, e.Name), prefix+e.Name
		if full == a.skip {
			continue
		}
		st, err := a.src.Stat(full, true)
		if err != nil {
			return fmt.Errorf("stat %s: %w", full, err)
		}
		switch st.Type {
		case hostabi.FileDir:
			if err := a.header(name+"/", tar.TypeDir, st, 0, ""); err != nil {
				return err
			}
			if err := a.dir(full, name+"/"); err != nil {
				return err
			}
		case hostabi.FileRegular:
			if err := a.file(full, name, st); err != nil {
				return err
			}
		case hostabi.FileSymlink:
			target, err := a.src.Readlink(full)
			if err != nil {
				return fmt.Errorf("read the link %s: %w", full, err)
			}
			if err := a.header(name, tar.TypeSymlink, st, 0, target); err != nil {
				return err
			}
		default:
			return fmt.Errorf("cannot archive %s: not a regular file, a directory or a symlink", full)
		}
	}
	return nil
}

// file adds the regular file at p as name.
func (a *archiver) file(p, name string, st *hostabi.StatResponse) error {
	data, err := a.src.ReadFile(p)
	if err != nil {
		return fmt.Errorf("read %s: %w", p, err)
	}
	if err := a.header(name, tar.TypeReg, st, int64(len(data)), ""); err != nil {
		return err
	}
	if _, err := a.tw.Write(data); err != nil {
		return fmt.Errorf("archive %s: %w", p, err)
	}
	return nil
}

// header writes the header of an entry. The modification time keeps its
// nanoseconds only in the pax format; the others hold whole seconds.
func (a *archiver) header(name string, typ byte, st *hostabi.StatResponse, size int64, link string) error {
	mtime := time.Unix(0, st.MtimeNS)
	if a.format != tar.FormatPAX {
		mtime = mtime.Truncate(time.Second)
	}
	h := &tar.Header{
		Typeflag: typ,
		Name:     name,
		Linkname: link,
		Size:     size,
		Mode:     int64(st.Mode),
		Uid:      int(st.UID),
		Gid:      int(st.GID),
		Uname:    st.User,
		Gname:    st.Group,
		ModTime:  mtime,
		Format:   a.format,
	}
	if err := a.tw.WriteHeader(h); err != nil {
		return fmt.Errorf("archive %s: %w", name, err)
	}
	return nil
}
