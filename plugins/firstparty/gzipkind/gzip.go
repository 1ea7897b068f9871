// Package gzipkind is the first-party gzip kind: it keeps a file holding
// the gzip compression of some content, or of another file.
//
// Params: path (str: the absolute path of the compressed file; the
// resource name when empty), input (str: the absolute path of the file to
// compress; unset means content is compressed instead), content (str: the
// data to compress when input is unset), level (int: the compression
// level, from -2 to 9, default -1: Go's compress/gzip levels, which
// upstream's const.res.gzip.level.* name: huffman_only -2,
// default_compression -1, no_compression 0, best_speed 1,
// best_compression 9).
//
// The output is reproducible: the gzip header carries no file name and
// no modification time, so the same data and level always give the same
// bytes. Each check compresses the data again and compares the result
// with the file, which is rewritten (atomically, keeping its mode) only
// when they differ. The output and the input are watched, so a change
// made from outside is corrected.
//
// Differences from upstream: upstream compares sha256 sums kept in its
// private directory rather than the file itself, and writes the file in
// place. The compressed file must fit in one host write (16 MiB).
package gzipkind

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Info describes the gzip kind.
var Info = hostabi.KindInfo{
	Kind: "gzip",
	Params: []hostabi.ParamInfo{
		{Name: "path", Type: hostabi.TypeStr},
		{Name: "input", Type: hostabi.TypeStr},
		{Name: "content", Type: hostabi.TypeStr},
		{Name: "level", Type: hostabi.TypeInt, Default: hostabi.IntValue(gzip.DefaultCompression)},
	},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		r := &res{path: p.Str("path"), content: p.Str("content"), level: p.Int("level")}
		if r.path == "" {
			r.path = name
		}
		if p.IsSet("input") {
			in := p.Str("input")
			r.input = &in
		}
		return r, nil
	})
}

// res is a gzip resource.
type res struct {
	path    string
	input   *string // nil: compress content
	content string
	level   int64
}

// Validate requires absolute file paths and a level gzip knows.
func (r *res) Validate() error {
	if err := filePath("path", r.path); err != nil {
		return err
	}
	if r.input != nil {
		if err := filePath("input", *r.input); err != nil {
			return err
		}
	}
	if r.level < gzip.HuffmanOnly || r.level > gzip.BestCompression {
		return mgmt.ParamError("level", "must be from %d to %d, not %d", gzip.HuffmanOnly, gzip.BestCompression, r.level)
	}
	return nil
}

// filePath checks that the param called param is an absolute file path.
func filePath(param, p string) error {
	switch {
	case !strings.HasPrefix(p, "/"):
		return mgmt.ParamError(param, "must be an absolute path, not %q", p)
	case strings.HasSuffix(p, "/"):
		return mgmt.ParamError(param, "must not end with a slash: %s", p)
	}
	return nil
}

// Watch watches the output and the input file.
func (r *res) Watch() []hostabi.WatchSpec {
	w := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: r.path}}
	if r.input != nil {
		w = append(w, hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: *r.input})
	}
	return w
}

// CheckApply compresses the data and reports whether the file holds the
// result; on apply it writes the result when it does not.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	data := []byte(r.content)
	if r.input != nil {
		var err error
		if data, err = ctx.ReadFile(*r.input); err != nil {
			return false, fmt.Errorf("read the input %s: %w", *r.input, err)
		}
	}
	want, err := compress(data, int(r.level))
	if err != nil {
		return false, err
	}
	ok, err := ctx.EnsureContent(r.path, want, apply)
	if ok || err != nil || !apply {
		return ok, err
	}
	ctx.Log("wrote %d gzipped bytes (%d compressed) to %s", len(data), len(want), r.path)
	return false, nil
}

// compress returns data compressed with gzip at level, with an empty
// header (no name, no time), so that it is reproducible.
func compress(data []byte, level int) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, level)
	if err != nil {
		return nil, fmt.Errorf("gzip level %d: %w", level, err)
	}
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return b.Bytes(), nil
}
