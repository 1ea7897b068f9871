package hostabi

import "fmt"

// This file holds the messages of the describe verb (docs/abi.md,
// "describe").

// DescribeRequest is the request of the describe verb. It is always
// encoded in [EncodingBin1], whatever encoding the plugin names.
type DescribeRequest struct {
	// Host names the host and its version, e.g. "mgmt-wasm 0.1.0" (tag 1).
	Host string
}

// DescribeResponse is the response of the describe verb: what the plugin
// provides and needs.
type DescribeResponse struct {
	// Name is the plugin's name (tag 1).
	Name string
	// Version is the plugin's version (tag 2).
	Version string
	// Encoding names the encoding of the other verbs' messages; "" means
	// [EncodingBin1] (tag 3).
	Encoding string
	// Kinds are the resource kinds the plugin provides (tag 4, repeated).
	Kinds []KindInfo
	// Functions are the functions the plugin provides (tag 5, repeated).
	Functions []FuncInfo
	// Capabilities are the capabilities the plugin asks for, such as
	// "fs.read:/etc" (tag 6, repeated; see [ParseCapability]).
	Capabilities []string
	// Error is set when describing failed (tag 15).
	Error *ABIError
}

// FuncInfo describes a function a plugin provides.
type FuncInfo struct {
	// Name is the function's mcl name, such as "strings.to_upper" (tag 1).
	Name string
	// Type is its signature, a function type that may contain type
	// variables (tag 2, required).
	Type *Type
	// Infer asks the host to call the infer verb to narrow the signature
	// from the types and constant values of the arguments (tag 3).
	Infer bool
	// Pure says equal arguments always give equal results and the result
	// never changes by itself, so the host may memoize it (tag 4).
	Pure bool
}

// RequiredExports returns the guest exports a plugin so described must
// provide: alloc, dealloc, mgmt_abi_version and describe always; validate,
// watch, check and apply with kinds; autoedges and reverse with the traits
// that need them; call with functions; infer when a function asks for it.
func (m *DescribeResponse) RequiredExports() []string {
	out := []string{ExportAlloc, ExportDealloc, ExportVersion, VerbDescribe}
	if len(m.Kinds) > 0 {
		out = append(out, VerbValidate, VerbWatch, VerbCheck, VerbApply)
	}
	autoedge, reverse, infer := false, false, false
	for _, k := range m.Kinds {
		autoedge = autoedge || k.Traits.AutoEdge
		reverse = reverse || k.Traits.Reverse
	}
	for _, f := range m.Functions {
		infer = infer || f.Infer
	}
	if autoedge {
		out = append(out, VerbAutoEdges)
	}
	if reverse {
		out = append(out, VerbReverse)
	}
	if len(m.Functions) > 0 {
		out = append(out, VerbCall)
	}
	if infer {
		out = append(out, VerbInfer)
	}
	return out
}

func (m *DescribeRequest) encode(e *Encoder) { e.strField(1, m.Host) }

func (m *DescribeRequest) decodeField(f *field) error {
	if f.tag == 1 {
		return f.str(&m.Host)
	}
	return f.skip()
}

func (m *DescribeResponse) encode(e *Encoder) {
	e.strField(1, m.Name)
	e.strField(2, m.Version)
	e.strField(3, m.Encoding)
	for i := range m.Kinds {
		e.msgField(4, &m.Kinds[i])
	}
	for i := range m.Functions {
		e.msgField(5, &m.Functions[i])
	}
	for _, c := range m.Capabilities {
		e.strElem(6, c)
	}
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *DescribeResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Name)
	case 2:
		return f.str(&m.Version)
	case 3:
		return f.str(&m.Encoding)
	case 4:
		return f.msgElem(elem(&m.Kinds))
	case 5:
		return f.msgElem(elem(&m.Functions))
	case 6:
		return f.strElem(&m.Capabilities)
	case 15:
		return f.errorField(&m.Error)
	}
	return f.skip()
}

// KindInfo on the wire: 1 kind, 2 params, 3 sends, 4..9 the traits
// autoedge, groupable, send, recv, refresh, reverse.

func (k *KindInfo) encode(e *Encoder) {
	e.strField(1, k.Kind)
	for i := range k.Params {
		e.msgField(2, &k.Params[i])
	}
	for i := range k.Sends {
		e.msgField(3, &k.Sends[i])
	}
	e.boolField(4, k.Traits.AutoEdge)
	e.boolField(5, k.Traits.Groupable)
	e.boolField(6, k.Traits.Send)
	e.boolField(7, k.Traits.Recv)
	e.boolField(8, k.Traits.Refresh)
	e.boolField(9, k.Traits.Reverse)
}

func (k *KindInfo) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&k.Kind)
	case 2:
		return f.msgElem(elem(&k.Params))
	case 3:
		return f.msgElem(elem(&k.Sends))
	case 4:
		return f.boolean(&k.Traits.AutoEdge)
	case 5:
		return f.boolean(&k.Traits.Groupable)
	case 6:
		return f.boolean(&k.Traits.Send)
	case 7:
		return f.boolean(&k.Traits.Recv)
	case 8:
		return f.boolean(&k.Traits.Refresh)
	case 9:
		return f.boolean(&k.Traits.Reverse)
	}
	return f.skip()
}

func (k *KindInfo) validate() string {
	if k.Kind == "" {
		return "kind without a name"
	}
	return ""
}

// ParamInfo on the wire: 1 name, 2 type, 3 default (a typed value).

func (p *ParamInfo) encode(e *Encoder) {
	e.strField(1, p.Name)
	e.typeField(2, p.Type)
	e.valueField(3, p.Default)
}

func (p *ParamInfo) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&p.Name)
	case 2:
		return f.typ(&p.Type)
	case 3:
		return f.value(&p.Default)
	}
	return f.skip()
}

func (p *ParamInfo) validate() string {
	switch {
	case p.Name == "":
		return "param without a name"
	case p.Type == nil:
		return fmt.Sprintf("param %s without a type", p.Name)
	case p.Default != nil && !isNil(p.Default) && !p.Default.Type().Equal(p.Type):
		return fmt.Sprintf("param %s of type %s has a default of type %s", p.Name, p.Type, p.Default.Type())
	}
	return ""
}

func (m *FuncInfo) encode(e *Encoder) {
	e.strField(1, m.Name)
	e.typeField(2, m.Type)
	e.boolField(3, m.Infer)
	e.boolField(4, m.Pure)
}

func (m *FuncInfo) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Name)
	case 2:
		return f.typ(&m.Type)
	case 3:
		return f.boolean(&m.Infer)
	case 4:
		return f.boolean(&m.Pure)
	}
	return f.skip()
}

func (m *FuncInfo) validate() string {
	switch {
	case m.Name == "":
		return "function without a name"
	case m.Type == nil || m.Type.Kind != KindFunc:
		return fmt.Sprintf("function %s: signature %s is not a function type", m.Name, m.Type)
	}
	return ""
}

// ABIError on the wire: 1 code, 2 message, 3 param.

func (e *ABIError) encode(enc *Encoder) {
	enc.uintField(1, uint64(e.Code))
	enc.strField(2, e.Message)
	enc.strField(3, e.Param)
}

func (e *ABIError) decodeField(f *field) error {
	switch f.tag {
	case 1:
		var c uint32
		err := f.unsigned32(&c)
		e.Code = Code(c)
		return err
	case 2:
		return f.str(&e.Message)
	case 3:
		return f.str(&e.Param)
	}
	return f.skip()
}

func (e *ABIError) validate() string {
	if e.Code == CodeOK {
		return "error without a code"
	}
	return ""
}

// errorField reads the error field of a response.
func (f *field) errorField(p **ABIError) error {
	if f.again {
		return f.fail(CodeMalformed, "singular field repeated")
	}
	*p = new(ABIError)
	return f.msg(*p)
}
