package golangfuncs

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// osEntries wraps package os as the mgmt process would see it: every
// answer comes from the host (its environment, /proc/self, its files),
// never from the module's own wasip1 process.
func osEntries() []entry {
	return []entry{
		{"executable", "func() str", h0(executable)},
		{"expand_env", "func(s str) str", h1(func(h lib.Host, s string) (string, error) {
			return os.Expand(s, func(k string) string { v, _ := hostinfo.Getenv(h, k); return v }), nil
		})},
		{"getegid", "func() int", h0(id("Gid", true))},
		{"getenv", "func(key str) str", h1(func(h lib.Host, key string) (string, error) {
			v, _ := hostinfo.Getenv(h, key)
			return v, nil
		})},
		{"geteuid", "func() int", h0(id("Uid", true))},
		{"getgid", "func() int", h0(id("Gid", false))},
		{"getpagesize", "func() int", h0(hostinfo.PageSize)},
		{"getpid", "func() int", h0(func(h lib.Host) (int64, error) {
			pid, _, err := hostinfo.PIDs(h)
			return pid, err
		})},
		{"getppid", "func() int", h0(func(h lib.Host) (int64, error) {
			_, ppid, err := hostinfo.PIDs(h)
			return ppid, err
		})},
		{"getuid", "func() int", h0(id("Uid", false))},
		{"getwd", "func() str", h0(hostinfo.Cwd)},
		{"hostname", "func() str", h0(hostinfo.KernelHostname)},
		{"mkdir_temp", "func(dir str, pattern str) str", h2(mkdirTemp)},
		{"read_file", "func(name str) str", h1(readFile)},
		{"readlink", "func(name str) str", h1(readlink)},
		{"temp_dir", "func() str", h0(func(h lib.Host) (string, error) { return hostinfo.TempDir(h), nil })},
		{"user_cache_dir", "func() str", h0(xdgDir("XDG_CACHE_HOME", ".cache"))},
		{"user_config_dir", "func() str", h0(xdgDir("XDG_CONFIG_HOME", ".config"))},
		{"user_home_dir", "func() str", h0(func(h lib.Host) (string, error) {
			if home, _ := hostinfo.Getenv(h, "HOME"); home != "" {
				return home, nil
			}
			return "", errors.New("$HOME is not defined")
		})},
	}
}

// id returns a getter of the mgmt process's real or effective user
// ("Uid") or group ("Gid") id.
func id(key string, effective bool) func(lib.Host) (int64, error) {
	return func(h lib.Host) (int64, error) {
		r, e, err := hostinfo.IDs(h, key)
		if effective {
			return e, err
		}
		return r, err
	}
}

// executable is os.Executable of the mgmt process: the target of its
// /proc/<pid>/exe link, read on the host (the module cannot read links).
func executable(h lib.Host) (string, error) {
	pid, _, err := hostinfo.PIDs(h)
	if err != nil {
		return "", err
	}
	return readlink(h, "/proc/"+strconv.FormatInt(pid, 10)+"/exe")
}

// readlink is os.Readlink on the host, through readlink(1) (the host has no
// readlink import). A relative name is taken from the working directory.
func readlink(h lib.Host, name string) (string, error) {
	p, err := hostinfo.Abs(h, name)
	if err != nil {
		return "", err
	}
	out, err := hostinfo.RunShell(h, `exec readlink -- "$1"`, p)
	if err != nil {
		return "", fmt.Errorf("readlink %s: %w", name, err)
	}
	return strings.TrimSuffix(string(out), "\n"), nil
}

// readFile is os.ReadFile on the host.
func readFile(h lib.Host, name string) (string, error) {
	p, err := hostinfo.Abs(h, name)
	if err != nil {
		return "", err
	}
	data, err := h.ReadFile(p)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return string(data), nil
}

// mkdirTemp is os.MkdirTemp on the host, which has no mkdir import: it
// picks the name as MkdirTemp does (a random number replacing the last "*"
// of pattern, or appended to it) and runs mkdir(1) with mode 0700, trying
// another name when one is taken.
func mkdirTemp(h lib.Host, dir, pattern string) (string, error) {
	if strings.Contains(pattern, "/") {
		return "", fmt.Errorf("mkdirtemp %s: pattern contains path separator", pattern)
	}
	if dir == "" {
		dir = hostinfo.TempDir(h)
	}
	base, err := hostinfo.Abs(h, dir)
	if err != nil {
		return "", err
	}
	prefix, suffix := pattern, ""
	if i := strings.LastIndexByte(pattern, '*'); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for try := 0; ; try++ {
		name := path.Join(base, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		_, err := hostinfo.RunShell(h, `exec mkdir -m 700 -- "$1"`, name)
		if err == nil {
			return path.Join(dir, path.Base(name)), nil
		}
		// Another name only helps when this one was taken.
		if exists, _, serr := h.Stat(name); serr != nil || !exists || try >= 100 {
			return "", fmt.Errorf("mkdirtemp %s: %w", path.Join(dir, pattern), err)
		}
	}
}

// xdgDir returns os.UserCacheDir or os.UserConfigDir on Unix: $env if set
// (it must be absolute), else $HOME/fallback.
func xdgDir(env, fallback string) func(lib.Host) (string, error) {
	return func(h lib.Host) (string, error) {
		if d, _ := hostinfo.Getenv(h, env); d != "" {
			if !path.IsAbs(d) {
				return "", fmt.Errorf("path in $%s is relative", env)
			}
			return d, nil
		}
		home, _ := hostinfo.Getenv(h, "HOME")
		if home == "" {
			return "", fmt.Errorf("neither $%s nor $HOME are defined", env)
		}
		return home + "/" + fallback, nil
	}
}

// execEntries wraps package os/exec.
func execEntries() []entry {
	return []entry{
		{"look_path", "func(file str) str", h1(lookPath)},
	}
}

// lookPath is exec.LookPath with the host's $PATH and files. The host
// reports whether a file exists but not its mode, so the first regular
// file found counts as the executable.
func lookPath(h lib.Host, file string) (string, error) {
	if strings.Contains(file, "/") {
		p, err := hostinfo.Abs(h, file)
		if err != nil {
			return "", err
		}
		if ok, err := isFile(h, p); err != nil || !ok {
			return "", fmt.Errorf("exec: %q: %w", file, errNoFile(err))
		}
		return file, nil
	}
	pathEnv, _ := hostinfo.Getenv(h, "PATH")
	for _, dir := range strings.Split(pathEnv, ":") {
		if dir == "" {
			dir = "." // Unix shell semantics: an empty entry is the current directory
		}
		p := path.Join(dir, file)
		abs, err := hostinfo.Abs(h, p)
		if err != nil {
			continue
		}
		if ok, _ := isFile(h, abs); !ok {
			continue
		}
		if !path.IsAbs(p) {
			return "", fmt.Errorf("exec: %q: cannot run executable found relative to current directory", p)
		}
		return p, nil
	}
	return "", fmt.Errorf("exec: %q: executable file not found in $PATH", file)
}

// isFile reports whether p exists and is not a directory.
func isFile(h lib.Host, p string) (bool, error) {
	exists, dir, err := h.Stat(p)
	return exists && !dir, err
}

// errNoFile is err, or "no such file" when the stat found nothing.
func errNoFile(err error) error {
	if err != nil {
		return err
	}
	return errors.New("no such file or not a regular file")
}
