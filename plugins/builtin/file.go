package builtin

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// File states.
const (
	stateExists = "exists"
	stateAbsent = "absent"
)

// fileInfo describes the file kind: a file, or a directory when the path
// ends in "/". Params (all optional):
//   - path (str): absolute path; the name when unset.
//   - state (str): "exists", "absent", or "" to leave existence alone
//     (except that "" acts as "exists" when content or mode is set).
//   - content (str): file content, managed only when set.
//   - mode (str): octal permission bits such as "0644", managed only when
//     set.
//   - owner, group (str): names or numeric ids, managed only when set
//     (changing them needs root).
//   - force (bool): allow replacing a file by a directory or vice versa,
//     and removing a non-empty directory.
func fileInfo() *hostabi.KindInfo {
	s := hostabi.TypeStr
	return &hostabi.KindInfo{
		Kind: "file",
		Params: []hostabi.ParamInfo{
			{Name: "path", Type: s},
			{Name: "state", Type: s},
			{Name: "content", Type: s},
			{Name: "mode", Type: s},
			{Name: "owner", Type: s},
			{Name: "group", Type: s},
			{Name: "force", Type: hostabi.TypeBool},
		},
		Traits: hostabi.Traits{AutoEdge: true, Recv: true, Reverse: true},
	}
}

// fileRes is a file resource.
type fileRes struct {
	*base
	reg     *Registry
	watches []*fileWatch // guarded by mu
}

// newFile builds a file resource.
func newFile(r *Registry, b *base) hostabi.Resource { return &fileRes{base: b, reg: r} }

// fileSpec is the decoded params of a file resource at one moment.
type fileSpec struct {
	path       string // as given: a trailing "/" means a directory
	clean      string // cleaned, without trailing "/" (except the root)
	dir        bool
	state      string // effective: "" only when existence is left alone
	content    string
	hasContent bool
	mode       os.FileMode
	hasMode    bool
	owner      string
	group      string
	force      bool
}

// spec decodes the current params. It fails only on a bad mode.
func (r *fileRes) spec() (fileSpec, error) {
	p := r.snapshot()
	var s fileSpec
	s.path, _ = str(p, "path")
	if s.path == "" {
		s.path = r.name
	}
	s.dir = strings.HasSuffix(s.path, "/")
	s.clean = filepath.Clean(s.path)
	s.state, _ = str(p, "state")
	s.content, s.hasContent = str(p, "content")
	mode, hasMode := str(p, "mode")
	s.owner, _ = str(p, "owner")
	s.group, _ = str(p, "group")
	s.force = boolean(p, "force")
	if hasMode {
		m, err := parseMode(mode)
		if err != nil {
			return s, err
		}
		s.mode, s.hasMode = m, true
	}
	if s.state == "" && (s.hasContent || s.hasMode) {
		s.state = stateExists
	}
	return s, nil
}

// parseMode parses octal permission bits (up to 07777, with setuid, setgid
// and sticky) into an os.FileMode.
func parseMode(s string) (os.FileMode, error) {
	n, err := strconv.ParseUint(s, 8, 32)
	if err != nil || n > 0o7777 {
		return 0, fmt.Errorf("mode %q is not an octal mode between 0000 and 7777", s)
	}
	m := os.FileMode(n & 0o777)
	if n&0o4000 != 0 {
		m |= os.ModeSetuid
	}
	if n&0o2000 != 0 {
		m |= os.ModeSetgid
	}
	if n&0o1000 != 0 {
		m |= os.ModeSticky
	}
	return m, nil
}

// Validate checks the params without touching the system.
func (r *fileRes) Validate() error {
	p := r.snapshot()
	s, err := r.spec()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	state, _ := str(p, "state")
	switch {
	case !filepath.IsAbs(s.path):
		return fmt.Errorf("%w: path %q is not absolute", ErrInvalid, s.path)
	case state != "" && state != stateExists && state != stateAbsent:
		return fmt.Errorf("%w: state %q is not %q, %q or empty", ErrInvalid, state, stateExists, stateAbsent)
	case s.dir && s.hasContent:
		return fmt.Errorf("%w: a directory (%s) cannot have content", ErrInvalid, s.path)
	case state == stateAbsent && s.hasContent:
		return fmt.Errorf("%w: content given for an absent file", ErrInvalid)
	}
	return nil
}

// Equal reports whether other is a file with the same name and the same
// params set to the same values.
func (r *fileRes) Equal(other hostabi.Resource) bool {
	o, ok := other.(*fileRes)
	return ok && r.equalParams(o.base)
}

// Recv sets content or mode from a received value.
func (r *fileRes) Recv(field string, v hostabi.Value) (bool, error) {
	return r.recvStr(field, v, "content", "mode")
}

// uidKey is the autoedge key of a path: cleaned, "/"-terminated for dirs.
func uidKey(clean string, dir bool) string {
	if dir && clean != "/" {
		return clean + "/"
	}
	return clean
}

// UIDs returns the path this resource manages.
func (r *fileRes) UIDs() []hostabi.UID {
	s, _ := r.spec()
	return []hostabi.UID{{Kind: "file", Key: uidKey(s.clean, s.dir)}}
}

// AutoEdges asks for an edge from the nearest parent directory that another
// file resource manages: one group of the parents, nearest first.
func (r *fileRes) AutoEdges() [][]hostabi.UID {
	s, _ := r.spec()
	if !filepath.IsAbs(s.clean) {
		return nil // invalid; Validate says so
	}
	var group []hostabi.UID
	for p := s.clean; p != "/"; {
		p = filepath.Dir(p)
		group = append(group, hostabi.UID{Kind: "file", Key: uidKey(p, true)})
	}
	if len(group) == 0 {
		return nil
	}
	return [][]hostabi.UID{group}
}

// Reversed returns the file resource that undoes this one: exists becomes
// absent and absent becomes exists. The content is dropped; path, force,
// and for a re-created file mode, owner and group are kept.
func (r *fileRes) Reversed() (hostabi.Resource, error) {
	s, err := r.spec()
	if err != nil {
		return nil, fmt.Errorf("reverse: %w", err)
	}
	p := r.snapshot()
	next := map[string]hostabi.Value{"path": hostabi.StrValue(s.path)}
	if v, ok := p["force"]; ok {
		next["force"] = v
	}
	switch s.state {
	case stateExists:
		next["state"] = hostabi.StrValue(stateAbsent)
	case stateAbsent:
		next["state"] = hostabi.StrValue(stateExists)
		for _, k := range []string{"mode", "owner", "group"} {
			if v, ok := p[k]; ok {
				next[k] = v
			}
		}
	default:
		return nil, fmt.Errorf("reverse: %w: no state to reverse", ErrInvalid)
	}
	return newFile(r.reg, &base{kind: r.kind, name: r.name, params: next}), nil
}
