package hostabi

import "fmt"

// Zero returns the zero value of t: false, "", 0, 0.0, an empty list or map,
// or a struct whose fields are all zero. Function, variant and type variable
// types have no zero value; for them (and for structs containing them) Zero
// fails, wrapping [ErrType].
func Zero(t *Type) (Value, error) {
	v, err := zero(t)
	if err != nil {
		return nil, fmt.Errorf("zero value of %s: %w", t, err)
	}
	return v, nil
}

// zero builds the zero value of t; errors name the failing field.
func zero(t *Type) (Value, error) {
	if t == nil {
		return nil, fmt.Errorf("%w: nil type", ErrType)
	}
	switch t.Kind {
	case KindBool:
		return BoolValue(false), nil
	case KindStr:
		return StrValue(""), nil
	case KindInt:
		return IntValue(0), nil
	case KindFloat:
		return FloatValue(0), nil
	case KindList:
		return &ListValue{T: t}, nil
	case KindMap:
		return &MapValue{T: t}, nil
	case KindStruct:
		s := &StructValue{T: t, Fields: make([]Value, len(t.Fields))}
		for i, f := range t.Fields {
			v, err := zero(f.Type)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", f.Name, err)
			}
			s.Fields[i] = v
		}
		return s, nil
	}
	return nil, fmt.Errorf("%w: %s has no zero value", ErrType, t)
}
