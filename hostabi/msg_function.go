package hostabi

import "fmt"

// This file holds the messages of the function verbs, call and infer
// (docs/abi.md, "Function verbs").

// CallRequest is the request of the call verb.
type CallRequest struct {
	// Name is the function's name as describe listed it (tag 1, required).
	Name string
	// Type is the signature after type unification, without type
	// variables, so that a polymorphic function knows what to return
	// (tag 2).
	Type *Type
	// Args are the argument values, in order (tag 3, repeated).
	Args []Value
}

// CallResponse is the response of the call verb.
type CallResponse struct {
	// Result is the function's value (tag 1; required unless Error is set).
	Result Value
	// Watches are event sources after which the host calls the function
	// again with the same arguments, for functions whose value changes
	// by itself (a file's content, the time). They replace those of the
	// previous call (tag 2, repeated).
	Watches []WatchSpec
	// Error (tag 15).
	Error *ABIError
}

// InferRequest is the request of the infer verb, sent during type
// unification for a function whose FuncInfo sets Infer.
type InferRequest struct {
	// Name is the function's name (tag 1, required).
	Name string
	// Type is the signature as known so far: a function type whose
	// unknown parts are type variables (tag 2, required).
	Type *Type
	// Args are the arguments whose values are constants in the program,
	// such as printf's format string (tag 3, repeated, strictly
	// increasing Index).
	Args []InferArg
}

// InferArg is the constant value of one argument in an [InferRequest].
type InferArg struct {
	// Index is the argument's position, from 0 (tag 1).
	Index uint32
	// Value is the argument's value (tag 2, required).
	Value Value
}

// InferResponse is the response of the infer verb.
type InferResponse struct {
	// Type is the narrowed signature: a function type with as many
	// arguments as the request's, which may still contain type variables
	// (tag 1; required unless Error is set).
	Type *Type
	// Error says why no signature fits, with Param naming an argument as
	// "arg N" when one is to blame (tag 15).
	Error *ABIError
}

func (m *CallRequest) encode(e *Encoder) {
	e.strField(1, m.Name)
	e.typeField(2, m.Type)
	for _, v := range m.Args {
		e.valueElem(3, v)
	}
}

func (m *CallRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Name)
	case 2:
		return f.typ(&m.Type)
	case 3:
		return f.valueElem(&m.Args)
	}
	return f.skip()
}

func (m *CallRequest) validate() string {
	switch {
	case m.Name == "":
		return "call without a function name"
	case m.Type != nil && m.Type.Kind != KindFunc:
		return fmt.Sprintf("signature %s is not a function type", m.Type)
	}
	return ""
}

func (m *CallResponse) encode(e *Encoder) {
	e.valueField(1, m.Result)
	for i := range m.Watches {
		e.msgField(2, &m.Watches[i])
	}
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *CallResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.value(&m.Result)
	case 2:
		return f.msgElem(elem(&m.Watches))
	case 15:
		return f.errorField(&m.Error)
	}
	return f.skip()
}

func (m *CallResponse) validate() string {
	if m.Result == nil && m.Error == nil {
		return "call response without a result or an error"
	}
	return ""
}

func (m *InferRequest) encode(e *Encoder) {
	e.strField(1, m.Name)
	e.typeField(2, m.Type)
	for i := range m.Args {
		e.msgField(3, &m.Args[i])
	}
}

func (m *InferRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Name)
	case 2:
		return f.typ(&m.Type)
	case 3:
		return f.msgElem(elem(&m.Args))
	}
	return f.skip()
}

func (m *InferRequest) validate() string {
	switch {
	case m.Name == "":
		return "infer without a function name"
	case m.Type == nil || m.Type.Kind != KindFunc:
		return fmt.Sprintf("signature %s is not a function type", m.Type)
	}
	for i, a := range m.Args {
		if i > 0 && a.Index <= m.Args[i-1].Index {
			return fmt.Sprintf("argument index %d out of order or repeated", a.Index)
		}
		if int(a.Index) >= len(m.Type.In) {
			return fmt.Sprintf("argument index %d beyond the %d arguments of %s", a.Index, len(m.Type.In), m.Type)
		}
	}
	return ""
}

func (m *InferArg) encode(e *Encoder) {
	e.uintField(1, uint64(m.Index))
	e.valueField(2, m.Value)
}

func (m *InferArg) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.unsigned32(&m.Index)
	case 2:
		return f.value(&m.Value)
	}
	return f.skip()
}

func (m *InferArg) validate() string {
	if isNil(m.Value) {
		return "argument without a value"
	}
	return ""
}

func (m *InferResponse) encode(e *Encoder) {
	e.typeField(1, m.Type)
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *InferResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.typ(&m.Type)
	case 15:
		return f.errorField(&m.Error)
	}
	return f.skip()
}

func (m *InferResponse) validate() string {
	switch {
	case m.Type == nil && m.Error == nil:
		return "infer response without a type or an error"
	case m.Type != nil && m.Type.Kind != KindFunc:
		return fmt.Sprintf("signature %s is not a function type", m.Type)
	}
	return ""
}
