package hostabi

import (
	"fmt"
	"strconv"
)

// This file encodes mcl types (docs/abi.md, "Types"): one tag byte, the
// type's [Kind], followed by what the kind needs.

// typeVariant is the decoded variant type; types are immutable, so one
// instance serves every decode.
var typeVariant = &Type{Kind: KindVariant}

// EncodeType returns the v1 encoding of t. It fails, wrapping
// [ErrInvalid] or [ErrLimit], for a nil or malformed type, an invalid or
// duplicate name, or a type deeper than [MaxDepth].
func EncodeType(t *Type) ([]byte, error) {
	e := NewEncoder(nil)
	e.PutType(t)
	if err := e.Err(); err != nil {
		return nil, fmt.Errorf("encode type %s: %w", t, err)
	}
	return e.Bytes(), nil
}

// DecodeType decodes a type that must fill b exactly. Errors wrap
// [ErrMalformed] or [ErrLimit].
func DecodeType(b []byte) (*Type, error) {
	if len(b) > MaxMessageSize {
		return nil, fmt.Errorf("decode type: %w", newError(CodeLimit, fmt.Sprintf("%d bytes exceed the message limit", len(b))))
	}
	d := NewDecoder(b)
	t, err := d.ReadType()
	if err == nil {
		err = d.Finish()
	}
	if err != nil {
		return nil, fmt.Errorf("decode type: %w", err)
	}
	return t, nil
}

// PutType appends the encoding of t, or records why t cannot be encoded.
func (e *Encoder) PutType(t *Type) {
	if e.err == nil {
		if err := e.putType(t, 1); err != nil {
			e.fail(err)
		}
	}
}

// putType appends t, found at the given depth (1 for the outermost type).
func (e *Encoder) putType(t *Type, depth int) error {
	if t == nil {
		return newError(CodeInvalid, "nil type")
	}
	if depth > MaxDepth {
		return newError(CodeLimit, fmt.Sprintf("type deeper than %d", MaxDepth))
	}
	switch t.Kind {
	case KindBool, KindStr, KindInt, KindFloat, KindVariant:
		e.PutByte(byte(t.Kind))
	case KindList:
		e.PutByte(byte(t.Kind))
		return wrapErr("list element", e.putType(t.Elem, depth+1))
	case KindMap:
		e.PutByte(byte(t.Kind))
		if err := e.putType(t.Key, depth+1); err != nil {
			return wrapErr("map key", err)
		}
		return wrapErr("map value", e.putType(t.Val, depth+1))
	case KindStruct:
		e.PutByte(byte(t.Kind))
		return e.putFields(t.Fields, false, depth)
	case KindFunc:
		e.PutByte(byte(t.Kind))
		if err := e.putFields(t.In, true, depth); err != nil {
			return err
		}
		return wrapErr("result", e.putType(t.Out, depth+1))
	case KindVar:
		if !validVarName(t.Name) {
			return newError(CodeInvalid, fmt.Sprintf("type variable name %q is not ? and digits", t.Name))
		}
		e.PutByte(byte(t.Kind))
		e.PutString(t.Name)
	default:
		return newError(CodeInvalid, "invalid type kind "+t.Kind.String())
	}
	return e.err
}

// putFields appends the fields of a struct type or the arguments of a
// function type (args: names may be empty).
func (e *Encoder) putFields(fs []Field, args bool, depth int) error {
	e.PutUvarint(uint64(len(fs)))
	var names nameSet
	for i, f := range fs {
		if why := names.check(f.Name, args, fs[:i]); why != "" {
			return newError(CodeInvalid, why)
		}
		e.PutString(f.Name)
		if err := e.putType(f.Type, depth+1); err != nil {
			return wrapErr(fieldLabel(f.Name, i, args), err)
		}
	}
	return e.err
}

// ReadType reads a type, checking names, uniqueness and [MaxDepth].
func (d *Decoder) ReadType() (*Type, error) {
	if d.off < d.limit && composite(Kind(d.buf[d.off])) {
		if t, ok := d.cachedType(); ok {
			return t, nil
		}
		start := d.off
		t, err := d.readType(1)
		if err == nil {
			internType(d.buf[start:d.off], t)
		}
		return t, err
	}
	return d.readType(1)
}

// composite reports whether types of kind k are built from others, and so
// worth interning (see typecache.go).
func composite(k Kind) bool {
	return k == KindList || k == KindMap || k == KindStruct || k == KindFunc
}

// readType reads a type found at the given depth.
func (d *Decoder) readType(depth int) (*Type, error) {
	if depth > MaxDepth {
		return nil, d.errorf(CodeLimit, "type deeper than %d", MaxDepth)
	}
	tag, err := d.ReadByte()
	if err != nil {
		return nil, err
	}
	switch Kind(tag) {
	case KindBool:
		return TypeBool, nil
	case KindStr:
		return TypeStr, nil
	case KindInt:
		return TypeInt, nil
	case KindFloat:
		return TypeFloat, nil
	case KindVariant:
		return typeVariant, nil
	case KindList:
		elem, err := d.readType(depth + 1)
		if err != nil {
			return nil, wrapErr("list element", err)
		}
		return NewList(elem), nil
	case KindMap:
		k, err := d.readType(depth + 1)
		if err != nil {
			return nil, wrapErr("map key", err)
		}
		v, err := d.readType(depth + 1)
		if err != nil {
			return nil, wrapErr("map value", err)
		}
		return NewMap(k, v), nil
	case KindStruct:
		fs, err := d.readFields(false, depth)
		if err != nil {
			return nil, err
		}
		return &Type{Kind: KindStruct, Fields: fs}, nil
	case KindFunc:
		in, err := d.readFields(true, depth)
		if err != nil {
			return nil, err
		}
		out, err := d.readType(depth + 1)
		if err != nil {
			return nil, wrapErr("result", err)
		}
		return &Type{Kind: KindFunc, In: in, Out: out}, nil
	case KindVar:
		start := d.off
		name, err := d.ReadString()
		if err != nil {
			return nil, err
		}
		if !validVarName(name) {
			d.off = start
			return nil, d.errorf(CodeMalformed, "type variable name %q is not ? and digits", name)
		}
		return &Type{Kind: KindVar, Name: name}, nil
	}
	d.off--
	return nil, d.errorf(CodeMalformed, "unknown type tag %d", tag)
}

// readFields reads the fields of a struct type or the arguments of a
// function type. A field takes at least two bytes: a name length and a
// type tag.
func (d *Decoder) readFields(args bool, depth int) ([]Field, error) {
	n, err := d.ReadCount(2)
	if err != nil || n == 0 {
		return nil, err
	}
	fs := make([]Field, n)
	var names nameSet
	for i := range fs {
		start := d.off
		name, err := d.ReadString()
		if err != nil {
			return nil, err
		}
		if why := names.check(name, args, fs[:i]); why != "" {
			d.off = start
			return nil, d.errorf(CodeMalformed, "%s", why)
		}
		t, err := d.readType(depth + 1)
		if err != nil {
			return nil, wrapErr(fieldLabel(name, i, args), err)
		}
		fs[i] = Field{Name: name, Type: t}
	}
	return fs, nil
}

// nameSet detects duplicate names among the fields of one type: a linear
// scan for short lists, a map for long ones, so that checking stays linear.
type nameSet struct {
	seen map[string]struct{}
}

// check returns why name cannot be field i (whose predecessors are
// before), or "" if it can. Argument names (args) may be empty.
func (s *nameSet) check(name string, args bool, before []Field) string {
	if name == "" && args {
		return ""
	}
	if !validIdent(name) {
		return fmt.Sprintf("name %q is not an identifier of at most %d bytes", name, MaxNameLen)
	}
	const linear = 16
	dup := false
	switch {
	case len(before) < linear:
		for _, f := range before {
			dup = dup || f.Name == name
		}
	default:
		if s.seen == nil {
			s.seen = make(map[string]struct{}, 2*linear)
			for _, f := range before {
				s.seen[f.Name] = struct{}{}
			}
		}
		_, dup = s.seen[name]
	}
	if dup {
		return fmt.Sprintf("duplicate name %q", name)
	}
	if s.seen != nil {
		s.seen[name] = struct{}{}
	}
	return ""
}

// validIdent reports whether s is [A-Za-z_][A-Za-z0-9_]* of at most
// MaxNameLen bytes.
func validIdent(s string) bool {
	if s == "" || len(s) > MaxNameLen || !isIdentStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isIdentPart(s[i]) {
			return false
		}
	}
	return true
}

// validVarName reports whether s is '?' followed by one or more ASCII
// digits, at most MaxNameLen bytes in all.
func validVarName(s string) bool {
	if len(s) < 2 || len(s) > MaxNameLen || s[0] != '?' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// fieldLabel names field i for error context.
func fieldLabel(name string, i int, args bool) string {
	switch {
	case args && name == "":
		return "argument " + strconv.Itoa(i)
	case args:
		return "argument " + name
	}
	return "field " + name
}

// wrapErr adds context to err, keeping nil as nil.
func wrapErr(context string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", context, err)
}

// isConcrete reports whether values of t can be encoded: t is no deeper
// than MaxDepth and contains no function, variant or type variable.
func isConcrete(t *Type) bool { return concreteAt(t, 1) }

// concreteAt is isConcrete for a type found at the given depth.
func concreteAt(t *Type, depth int) bool {
	if t == nil || depth > MaxDepth {
		return false
	}
	switch t.Kind {
	case KindBool, KindStr, KindInt, KindFloat:
		return true
	case KindList:
		return concreteAt(t.Elem, depth+1)
	case KindMap:
		return concreteAt(t.Key, depth+1) && concreteAt(t.Val, depth+1)
	case KindStruct:
		for _, f := range t.Fields {
			if !concreteAt(f.Type, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}
