package eval

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// deployFuncs read the files of the deploy: the folder of the program's
// entry file (or module), where paths start with "/" and are relative to
// the module of the calling file.
var deployFuncs = map[string]coreFunc{
	"deploy.abspath":     deployAbspath,
	"deploy.readfile":    deployReadfile,
	"deploy.readfileabs": deployReadfileAbs,
	"deploy.directory":   deployDirectory,
	"deploy.file_exists": deployFileExists,
	"deploy.binary_path": deployBinaryPath,
	"local.vardir":       localVardir,
}

// deployRoot returns the folder of the deploy.
func (r *run) deployRoot() string {
	if r.e.opts.DeployDir != "" {
		return r.e.opts.DeployDir
	}
	return r.e.prog.Main.Dir
}

// abspath turns a path of the module that at is in into a path from the
// deploy's root.
func (r *run) abspath(at ast.Node, p string) string {
	if !strings.HasPrefix(p, "/") {
		failf(at, "deploy path %q must be absolute (start with /)", p)
	}
	root := r.deployRoot()
	dir := root
	if m := r.e.prog.Modules[at.Pos().File]; m != nil {
		dir = m.Dir
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = "."
	}
	out := path.Join("/", filepath.ToSlash(rel), p)
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out
}

// realPath is where a deploy path is on disk.
func (r *run) realPath(p string) string {
	return filepath.Join(r.deployRoot(), filepath.FromSlash(path.Clean("/"+p)))
}

func strArg(at ast.Node, name string, v hostabi.Value) string {
	s, ok := v.(hostabi.StrValue)
	if !ok {
		fatalf(at, "%s takes a str, not %s", name, typeOf(v))
	}
	return string(s)
}

func deployAbspath(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	return hostabi.StrValue(r.abspath(at, strArg(at, "deploy.abspath", a[0])))
}

func deployReadfile(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	return r.readDeploy(at, r.abspath(at, strArg(at, "deploy.readfile", a[0])))
}

func deployReadfileAbs(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	return r.readDeploy(at, strArg(at, "deploy.readfileabs", a[0]))
}

// readDeploy reads a file of the deploy by its path from the root.
func (r *run) readDeploy(at ast.Node, p string) hostabi.Value {
	b, err := os.ReadFile(r.realPath(p))
	if err != nil {
		failf(at, "deploy file %s: %v", p, err)
	}
	return hostabi.StrValue(b)
}

func deployDirectory(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	p := r.abspath(at, strArg(at, "deploy.directory", a[0]))
	real := r.realPath(p)
	if fi, err := os.Stat(real); err != nil || !fi.IsDir() {
		failf(at, "deploy directory %s: not a directory", p)
	}
	return hostabi.StrValue(real + "/")
}

func deployFileExists(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	p := r.abspath(at, strArg(at, "deploy.file_exists", a[0]))
	_, err := os.Stat(r.realPath(p))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		failf(at, "deploy file %s: %v", p, err)
	}
	return hostabi.BoolValue(err == nil)
}

func deployBinaryPath(_ *run, at ast.Node, _ []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	exe, err := os.Executable()
	if err != nil {
		failf(at, "deploy.binary_path: %v", err)
	}
	return hostabi.StrValue(exe)
}

// localVardir returns a folder of the namespace p under the engine's
// VarDir, creating it.
func localVardir(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	p := strArg(at, "local.vardir", a[0])
	if r.e.opts.VarDir == "" {
		failf(at, "local.vardir: no state folder (mgmt run sets one under its prefix)")
	}
	dir := filepath.Join(r.e.opts.VarDir, "local", filepath.FromSlash(path.Clean("/"+p)))
	if err := os.MkdirAll(dir, 0o750); err != nil {
		failf(at, "local.vardir: %v", err)
	}
	return hostabi.StrValue(dir + "/")
}
