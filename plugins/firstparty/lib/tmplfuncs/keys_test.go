package tmplfuncs

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// TestKeyType checks which key types become Go map keys, and the Go
// types they become.
func TestKeyType(t *testing.T) {
	tests := []struct {
		typ  *hostabi.Type
		want string // the Go type; "" when there is none
	}{
		{hostabi.TypeStr, "string"},
		{hostabi.TypeInt, "int64"},
		{hostabi.TypeFloat, "float64"},
		{hostabi.TypeBool, "bool"},
		{typ(t, "struct{a str; raw_query int}"), "struct { A string; Raw_query int64 }"},
		{typ(t, "struct{p struct{x bool}}"), "struct { P struct { X bool } }"},
		{typ(t, "struct{}"), "struct {}"},
		{typ(t, "[]str"), ""},
		{typ(t, "map{str: int}"), ""},
		{typ(t, "struct{l []int}"), ""},
		{hostabi.NewStruct(hostabi.Field{Name: "a", Type: hostabi.TypeInt}, hostabi.Field{Name: "A", Type: hostabi.TypeInt}), ""}, // both are A
		{hostabi.NewStruct(hostabi.Field{Name: "9x", Type: hostabi.TypeInt}), ""},                                                 // not an identifier
		{nil, ""},
	}
	for _, tt := range tests {
		got, ok := keyType(tt.typ)
		name := ""
		if ok {
			name = got.String()
		}
		if name != tt.want || ok != (tt.want != "") {
			t.Errorf("keyType(%v) = %q, %v; want %q", tt.typ, name, ok, tt.want)
		}
	}
}
