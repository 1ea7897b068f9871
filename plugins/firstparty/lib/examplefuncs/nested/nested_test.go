package nested

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

func TestHello(t *testing.T) {
	fs := Funcs()
	if len(fs) != 1 || fs[0].Name != "example/nested.hello" || fs[0].Sig != "func() str" || !fs[0].Pure {
		t.Fatalf("Funcs() = %+v, want the pure example/nested.hello, func() str", fs)
	}
	c := &lib.Call{}
	v, err := fs[0].Impl(c)
	if err != nil || v != hostabi.StrValue("Hello!") || len(c.Watches()) != 0 {
		t.Fatalf("hello() = %v, %v, watches %v; want \"Hello!\" and no watch", v, err, c.Watches())
	}
}
