package eval

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// binary evaluates an operator.
func (r *run) binary(f *frame, x *ast.ExprBinary) hostabi.Value {
	switch x.Op {
	case ast.OpAnd:
		return hostabi.BoolValue(r.boolean(f, x.X) && r.boolean(f, x.Y))
	case ast.OpOr:
		return hostabi.BoolValue(r.boolean(f, x.X) || r.boolean(f, x.Y))
	}
	a, b := r.expr(f, x.X), r.expr(f, x.Y)
	v, err := operate(x.Op, a, b)
	if err != nil {
		fail(x, err)
	}
	return v
}

// opError is a failed operator.
type opError struct {
	op   ast.Op
	a, b hostabi.Value
	msg  string
}

func (e *opError) Error() string {
	if e.msg != "" {
		return "operator " + string(e.op) + ": " + e.msg
	}
	return "operator " + string(e.op) + " cannot take " + typeOf(e.a).String() + " and " + typeOf(e.b).String()
}

// operate applies a binary operator other than and/or.
func operate(op ast.Op, a, b hostabi.Value) (hostabi.Value, error) {
	switch op {
	case ast.OpEq:
		return hostabi.BoolValue(a.Equal(b)), nil
	case ast.OpNe:
		return hostabi.BoolValue(!a.Equal(b)), nil
	case ast.OpIn:
		l, ok := b.(*hostabi.ListValue)
		if !ok {
			return nil, &opError{op: op, a: a, b: b}
		}
		for _, it := range l.Items {
			if it.Equal(a) {
				return hostabi.BoolValue(true), nil
			}
		}
		return hostabi.BoolValue(false), nil
	}
	switch x := a.(type) {
	case hostabi.StrValue:
		y, ok := b.(hostabi.StrValue)
		if ok && op == ast.OpAdd {
			return x + y, nil
		}
	case hostabi.IntValue:
		y, ok := b.(hostabi.IntValue)
		if ok {
			return numOp(op, x, y)
		}
	case hostabi.FloatValue:
		y, ok := b.(hostabi.FloatValue)
		if ok {
			return numOp(op, x, y)
		}
	}
	return nil, &opError{op: op, a: a, b: b}
}

// number is an mcl int or float.
type number interface {
	hostabi.IntValue | hostabi.FloatValue
}

// numOp applies an arithmetic or ordering operator to two ints or two
// floats; / gives a float for both, as upstream's does.
func numOp[T number](op ast.Op, x, y T) (hostabi.Value, error) {
	switch op {
	case ast.OpAdd:
		return val(x + y), nil
	case ast.OpSub:
		return val(x - y), nil
	case ast.OpMul:
		return val(x * y), nil
	case ast.OpDiv:
		if y == 0 {
			return nil, &opError{op: op, a: val(x), b: val(y), msg: "divide by zero"}
		}
		return hostabi.FloatValue(float64(x) / float64(y)), nil
	case ast.OpLt:
		return hostabi.BoolValue(x < y), nil
	case ast.OpGt:
		return hostabi.BoolValue(x > y), nil
	case ast.OpLe:
		return hostabi.BoolValue(x <= y), nil
	case ast.OpGe:
		return hostabi.BoolValue(x >= y), nil
	}
	return nil, &opError{op: op, a: val(x), b: val(y)}
}

// val is a number as a value.
func val[T number](x T) hostabi.Value { return any(x).(hostabi.Value) }
