package hostinfo

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// The os-release files, in the order os-release(5) says to read them.
var osReleaseFiles = []string{"/etc/os-release", "/usr/lib/os-release"}

// OSRelease returns the variables of /etc/os-release, or of
// /usr/lib/os-release when the first does not exist. With neither, the
// error satisfies [IsNotFound].
func OSRelease(h lib.Host) (map[string]string, error) {
	for _, f := range osReleaseFiles {
		data, err := h.ReadFile(f)
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f, err)
		}
		return ParseOSRelease(string(data)), nil
	}
	return nil, fmt.Errorf("no os-release file (%s): %w", strings.Join(osReleaseFiles, ", "), fs.ErrNotExist)
}

// ParseOSRelease reads the KEY=value lines of an os-release file. Values
// may be quoted with " or ' (and, within double quotes, use the shell's
// escapes \" \\ \$ \`); comments and malformed lines are left out.
func ParseOSRelease(data string) map[string]string {
	m := map[string]string{}
	for line := range strings.SplitSeq(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || k == "" {
			continue
		}
		m[k] = unquote(v)
	}
	return m
}

// unquote removes the shell quoting of an os-release value.
func unquote(v string) string {
	if len(v) < 2 {
		return v
	}
	switch q := v[0]; {
	case q == '\'' && v[len(v)-1] == '\'':
		return v[1 : len(v)-1]
	case q == '"' && v[len(v)-1] == '"':
		var b strings.Builder
		in := v[1 : len(v)-1]
		for i := 0; i < len(in); i++ {
			if in[i] == '\\' && i+1 < len(in) && strings.IndexByte("\"\\$`", in[i+1]) >= 0 {
				i++
			}
			b.WriteByte(in[i])
		}
		return b.String()
	}
	return v
}
