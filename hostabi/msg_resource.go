package hostabi

import (
	"fmt"
	"slices"
)

// This file holds the messages of the resource verbs: validate, watch,
// check, apply, autoedges and reverse (docs/abi.md, "Resource verbs").

// ResourceSpec identifies a resource and carries its params. It is the
// request of validate, watch, autoedges and reverse, and a member of a
// group in [CheckRequest].
type ResourceSpec struct {
	// Kind is the resource kind (tag 1, required).
	Kind string
	// Name is the resource name (tag 2, required).
	Name string
	// Params are the resource's params, one struct field per param in
	// the order describe listed them (tag 3; nil for a kind without
	// params).
	Params *StructValue
	// Unset names the params the user did not set, which carry their
	// default (tag 8, repeated): sorted bytewise, unique, each a field of
	// Params. Absent means every param was set, as an older host sends.
	Unset []string
}

// ValidateRequest is the request of the validate verb.
type ValidateRequest = ResourceSpec

// WatchRequest is the request of the watch verb.
type WatchRequest = ResourceSpec

// AutoEdgesRequest is the request of the autoedges verb.
type AutoEdgesRequest = ResourceSpec

// ReverseRequest is the request of the reverse verb.
type ReverseRequest = ResourceSpec

// ValidateResponse is the response of the validate verb: no error means
// the params are valid.
type ValidateResponse struct {
	// Error says what is wrong, usually with Param set (tag 15).
	Error *ABIError
}

// WatchKind says what a [WatchSpec] watches.
type WatchKind uint32

// The v1 watch kinds. A host rejects a kind it does not know with
// [CodeUnsupported] rather than ignoring it.
const (
	// WatchPath watches a file or directory (and, if Recursive, all
	// beneath it), including its appearance and removal.
	WatchPath WatchKind = 1
	// WatchInterval fires every IntervalMS milliseconds.
	WatchInterval WatchKind = 2
	// WatchKV watches the cluster keys under the prefix Key.
	WatchKV WatchKind = 3
)

// String returns "path", "interval", "kv" or "WatchKind(N)".
func (k WatchKind) String() string {
	switch k {
	case WatchPath:
		return "path"
	case WatchInterval:
		return "interval"
	case WatchKV:
		return "kv"
	}
	return fmt.Sprintf("WatchKind(%d)", uint32(k))
}

// WatchSpec is one event source the host sets up for a resource or a
// function: when it fires, the host calls check (or call) again.
type WatchSpec struct {
	// Kind is what to watch (tag 1, required).
	Kind WatchKind
	// Path is the absolute path of a WatchPath (tag 2).
	Path string
	// Recursive extends a WatchPath to everything beneath Path (tag 3).
	Recursive bool
	// IntervalMS is the period of a WatchInterval, in milliseconds (tag 4).
	IntervalMS uint64
	// Key is the key prefix of a WatchKV (tag 5).
	Key string
}

// WatchResponse is the response of the watch verb. Its watches replace
// those of any earlier watch call for the resource.
type WatchResponse struct {
	// Watches are the event sources to set up (tag 1, repeated).
	Watches []WatchSpec
	// Error is set when the resource cannot be watched (tag 15).
	Error *ABIError
}

// CheckRequest is the request of the check and apply verbs.
type CheckRequest struct {
	// ResourceSpec is the resource (tags 1 to 3 and 8; its unset names
	// follow the group on the wire, as tags are in order).
	ResourceSpec
	// Refresh says a refresh notification is pending (tag 4).
	Refresh bool
	// Debug asks for verbose logging (tag 5).
	Debug bool
	// VarDir is the resource's private directory for persistent state;
	// the guest may read and write beneath it (tag 6).
	VarDir string
	// Group are the resources grouped into this one, which the call is
	// responsible for too (tag 7, repeated).
	Group []ResourceSpec
}

// ApplyRequest is the request of the apply verb.
type ApplyRequest = CheckRequest

// CheckResponse is the response of the check and apply verbs.
type CheckResponse struct {
	// CheckOK says the state was already correct; after apply, false with
	// no error means the guest changed it (tag 1).
	CheckOK bool
	// Sends are the values of the resource's sent fields after the call
	// (tag 2, repeated entries sorted by name).
	Sends map[string]Value
	// Error is set when checking or applying failed (tag 15).
	Error *ABIError
}

// ApplyResponse is the response of the apply verb.
type ApplyResponse = CheckResponse

// AutoEdgesResponse is the response of the autoedges verb.
type AutoEdgesResponse struct {
	// UIDs are what the resource manages (tag 1, repeated).
	UIDs []UID
	// Edges are what it depends on: groups of candidates in order of
	// preference, as [AutoEdger] says (tag 2, repeated).
	Edges [][]UID
	// Error (tag 15).
	Error *ABIError
}

// ReverseResponse is the response of the reverse verb.
type ReverseResponse struct {
	// Params are the params of the resource that undoes this one (same
	// kind and name) (tag 1).
	Params *StructValue
	// Error (tag 15).
	Error *ABIError
}

func (m *ResourceSpec) encode(e *Encoder) {
	m.encodeHead(e)
	m.encodeUnset(e)
}

// encodeHead writes tags 1 to 3, which CheckRequest puts before its own.
func (m *ResourceSpec) encodeHead(e *Encoder) {
	e.strField(1, m.Kind)
	e.strField(2, m.Name)
	e.structField(3, m.Params)
}

// encodeUnset writes tag 8, which CheckRequest puts after its own.
func (m *ResourceSpec) encodeUnset(e *Encoder) {
	for _, name := range m.Unset {
		e.strElem(8, name)
	}
}

func (m *ResourceSpec) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Kind)
	case 2:
		return f.str(&m.Name)
	case 3:
		return f.structValue(&m.Params)
	case 8:
		return f.strElem(&m.Unset)
	}
	return f.skip()
}

func (m *ResourceSpec) validate() string {
	if m.Kind == "" || m.Name == "" {
		return "resource without a kind or a name"
	}
	for i, name := range m.Unset {
		if i > 0 && name <= m.Unset[i-1] {
			return fmt.Sprintf("unset param %q out of order or repeated", name)
		}
		if !hasParam(m.Params, name) {
			return fmt.Sprintf("unset param %q is not in the params", name)
		}
	}
	return ""
}

// hasParam reports whether params has a field called name.
func hasParam(params *StructValue, name string) bool {
	if params == nil || params.T == nil {
		return false
	}
	_, ok := params.Field(name)
	return ok
}

func (m *ValidateResponse) encode(e *Encoder) {
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *ValidateResponse) decodeField(f *field) error {
	if f.tag == 15 {
		return f.errorField(&m.Error)
	}
	return f.skip()
}

func (m *WatchSpec) encode(e *Encoder) {
	e.uintField(1, uint64(m.Kind))
	e.strField(2, m.Path)
	e.boolField(3, m.Recursive)
	e.uintField(4, m.IntervalMS)
	e.strField(5, m.Key)
}

func (m *WatchSpec) decodeField(f *field) error {
	switch f.tag {
	case 1:
		var k uint32
		err := f.unsigned32(&k)
		m.Kind = WatchKind(k)
		return err
	case 2:
		return f.str(&m.Path)
	case 3:
		return f.boolean(&m.Recursive)
	case 4:
		return f.unsigned(&m.IntervalMS, 1<<64-1)
	case 5:
		return f.str(&m.Key)
	}
	return f.skip()
}

func (m *WatchSpec) validate() string {
	if m.Kind == 0 {
		return "watch without a kind"
	}
	return ""
}

func (m *WatchResponse) encode(e *Encoder) {
	for i := range m.Watches {
		e.msgField(1, &m.Watches[i])
	}
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *WatchResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.msgElem(elem(&m.Watches))
	case 15:
		return f.errorField(&m.Error)
	}
	return f.skip()
}

func (m *CheckRequest) encode(e *Encoder) {
	m.ResourceSpec.encodeHead(e)
	e.boolField(4, m.Refresh)
	e.boolField(5, m.Debug)
	e.strField(6, m.VarDir)
	for i := range m.Group {
		e.msgField(7, &m.Group[i])
	}
	m.ResourceSpec.encodeUnset(e)
}

func (m *CheckRequest) decodeField(f *field) error {
	switch f.tag {
	case 4:
		return f.boolean(&m.Refresh)
	case 5:
		return f.boolean(&m.Debug)
	case 6:
		return f.str(&m.VarDir)
	case 7:
		return f.msgElem(elem(&m.Group))
	}
	return m.ResourceSpec.decodeField(f) // tags 1 to 3 and 8
}

// sendEntry is one entry of CheckResponse.Sends on the wire: 1 name,
// 2 value.
type sendEntry struct {
	name  string
	value Value
}

func (s *sendEntry) encode(e *Encoder) {
	e.strField(1, s.name)
	e.valueField(2, s.value)
}

func (s *sendEntry) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&s.name)
	case 2:
		return f.value(&s.value)
	}
	return f.skip()
}

func (s *sendEntry) validate() string {
	if s.name == "" || isNil(s.value) {
		return "send entry without a name or a value"
	}
	return ""
}

func (m *CheckResponse) encode(e *Encoder) {
	e.boolField(1, m.CheckOK)
	names := make([]string, 0, len(m.Sends))
	for name := range m.Sends {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		e.msgField(2, &sendEntry{name, m.Sends[name]})
	}
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *CheckResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.boolean(&m.CheckOK)
	case 2:
		var s sendEntry
		if err := f.msgElem(&s); err != nil {
			return err
		}
		if len(m.Sends) > 0 && s.name <= f.lastKey {
			return f.fail(CodeMalformed, fmt.Sprintf("send %q out of order or repeated", s.name))
		}
		f.lastKey = s.name
		if m.Sends == nil {
			m.Sends = map[string]Value{}
		}
		m.Sends[s.name] = s.value
		return nil
	case 15:
		return f.errorField(&m.Error)
	}
	return f.skip()
}

func (u *UID) encode(e *Encoder) {
	e.strField(1, u.Kind)
	e.strField(2, u.Key)
}

func (u *UID) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&u.Kind)
	case 2:
		return f.str(&u.Key)
	}
	return f.skip()
}

func (u *UID) validate() string {
	if u.Kind == "" {
		return "uid without a kind"
	}
	return ""
}

// uidGroup is one element of AutoEdgesResponse.Edges on the wire: 1 uids.
type uidGroup struct{ uids *[]UID }

func (g uidGroup) encode(e *Encoder) {
	for i := range *g.uids {
		e.msgField(1, &(*g.uids)[i])
	}
}

func (g uidGroup) decodeField(f *field) error {
	if f.tag == 1 {
		return f.msgElem(elem(g.uids))
	}
	return f.skip()
}

func (m *AutoEdgesResponse) encode(e *Encoder) {
	encodeAutoEdges(e, m.UIDs, m.Edges)
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *AutoEdgesResponse) decodeField(f *field) error {
	if f.tag == 15 {
		return f.errorField(&m.Error)
	}
	return decodeAutoEdges(f, &m.UIDs, &m.Edges)
}

// encodeAutoEdges writes the autoedges answer's tags 1 (uids) and 2
// (edges), which AutoEdgesResponse and PrepareResponse share.
func encodeAutoEdges(e *Encoder, uids []UID, edges [][]UID) {
	for i := range uids {
		e.msgField(1, &uids[i])
	}
	for i := range edges {
		e.msgField(2, uidGroup{&edges[i]})
	}
}

// decodeAutoEdges reads tags 1 and 2 of an autoedges answer and skips
// any other field.
func decodeAutoEdges(f *field, uids *[]UID, edges *[][]UID) error {
	switch f.tag {
	case 1:
		return f.msgElem(elem(uids))
	case 2:
		return f.msgElem(uidGroup{elem(edges)})
	}
	return f.skip()
}

func (m *ReverseResponse) encode(e *Encoder) {
	e.structField(1, m.Params)
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *ReverseResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.structValue(&m.Params)
	case 15:
		return f.errorField(&m.Error)
	}
	return f.skip()
}
