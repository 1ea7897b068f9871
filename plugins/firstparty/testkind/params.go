package testkind

import (
	"math"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// mixedStruct is the type of the mixedstruct param.
var mixedStruct = hostabi.NewStruct(
	hostabi.Field{Name: "somebool", Type: hostabi.TypeBool},
	hostabi.Field{Name: "somestr", Type: hostabi.TypeStr},
	hostabi.Field{Name: "someint", Type: hostabi.TypeInt},
	hostabi.Field{Name: "somefloat", Type: hostabi.TypeFloat},
)

// intRange is the range of values a sized integer param of upstream's
// TestRes holds: mcl has one int type, so the bounds are checked in
// Validate, as upstream fails to store an out-of-range value.
type intRange struct {
	goType   string
	min, max int64
}

// ranges are the bounds of the sized integer params, by param name. The
// uint64 and uint params are bounded below only: an mcl int is an int64.
var ranges = map[string]intRange{
	"int8":          {"int8", math.MinInt8, math.MaxInt8},
	"int16":         {"int16", math.MinInt16, math.MaxInt16},
	"int32":         {"int32", math.MinInt32, math.MaxInt32},
	"uint":          {"uint", 0, math.MaxInt64},
	"uint8":         {"uint8", 0, math.MaxUint8},
	"uint16":        {"uint16", 0, math.MaxUint16},
	"uint32":        {"uint32", 0, math.MaxUint32},
	"uint64":        {"uint64", 0, math.MaxInt64},
	"byte":          {"byte", 0, math.MaxUint8},
	"rune":          {"rune", math.MinInt32, math.MaxInt32},
	"int8ptr":       {"int8", math.MinInt8, math.MaxInt8},
	"uint8ptr":      {"uint8", 0, math.MaxUint8},
	"int8ptrptrptr": {"int8", math.MinInt8, math.MaxInt8},
}

// params are the test kind's params in upstream's order (mcl names), with
// the mcl type of each upstream Go type: every integer type is int, both
// float types are float, a pointer is its element type (unset is told
// apart with Params.IsSet), a slice a list and a map a map.
var params = []hostabi.ParamInfo{
	{Name: "bool", Type: hostabi.TypeBool},
	{Name: "str", Type: hostabi.TypeStr},
	{Name: "int", Type: hostabi.TypeInt},
	{Name: "int8", Type: hostabi.TypeInt},
	{Name: "int16", Type: hostabi.TypeInt},
	{Name: "int32", Type: hostabi.TypeInt},
	{Name: "int64", Type: hostabi.TypeInt},
	{Name: "uint", Type: hostabi.TypeInt},
	{Name: "uint8", Type: hostabi.TypeInt},
	{Name: "uint16", Type: hostabi.TypeInt},
	{Name: "uint32", Type: hostabi.TypeInt},
	{Name: "uint64", Type: hostabi.TypeInt},
	{Name: "byte", Type: hostabi.TypeInt},
	{Name: "rune", Type: hostabi.TypeInt},
	{Name: "float32", Type: hostabi.TypeFloat},
	{Name: "float64", Type: hostabi.TypeFloat},
	{Name: "boolptr", Type: hostabi.TypeBool},
	{Name: "stringptr", Type: hostabi.TypeStr},
	{Name: "int64ptr", Type: hostabi.TypeInt},
	{Name: "int8ptr", Type: hostabi.TypeInt},
	{Name: "uint8ptr", Type: hostabi.TypeInt},
	{Name: "int8ptrptrptr", Type: hostabi.TypeInt},
	{Name: "slicestring", Type: hostabi.NewList(hostabi.TypeStr)},
	{Name: "mapintfloat", Type: hostabi.NewMap(hostabi.TypeInt, hostabi.TypeFloat)},
	{Name: "mixedstruct", Type: mixedStruct},
	{Name: "interface", Type: hostabi.TypeStr},
	{Name: "anotherstr", Type: hostabi.TypeStr},
	{Name: "validatebool", Type: hostabi.TypeBool},
	{Name: "validateerror", Type: hostabi.TypeStr},
	{Name: "alwaysgroup", Type: hostabi.TypeBool},
	{Name: "comparefail", Type: hostabi.TypeBool},
	{Name: "sendvalue", Type: hostabi.TypeStr},
	{Name: "expectrecv", Type: hostabi.NewList(hostabi.TypeStr)},
	{Name: "onlyshow", Type: hostabi.NewList(hostabi.TypeStr)},
	{Name: "waitforerror", Type: hostabi.TypeInt},
	{Name: "comment", Type: hostabi.TypeStr},
}

// pointers are the params that are pointers upstream: unset is not the
// same as the zero value, and they are shown as unset when not set.
var pointers = map[string]bool{
	"boolptr": true, "stringptr": true, "int64ptr": true, "int8ptr": true,
	"uint8ptr": true, "int8ptrptrptr": true, "expectrecv": true,
}

// declared reports whether name is a param of the kind.
func declared(name string) bool {
	for _, p := range params {
		if p.Name == name {
			return true
		}
	}
	return false
}
