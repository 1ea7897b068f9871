package hostfuncs

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

func TestModeConversion(t *testing.T) {
	for m := uint32(0); m <= 0o7777; m++ {
		if got := abiMode(fileMode(m)); got != m {
			t.Fatalf("abiMode(fileMode(%#o)) = %#o", m, got)
		}
	}
	for _, tc := range []struct {
		abi uint32
		go_ os.FileMode
	}{
		{0o4755, os.ModeSetuid | 0o755},
		{0o2750, os.ModeSetgid | 0o750},
		{0o1777, os.ModeSticky | 0o777},
		{0o644, 0o644},
	} {
		if got := fileMode(tc.abi); got != tc.go_ {
			t.Errorf("fileMode(%#o) = %v, want %v", tc.abi, got, tc.go_)
		}
	}
}

// fs_chmod sets setuid, setgid and sticky as chmod(2) numbers them, and
// fs_stat reports them the same way.
func TestChmodSpecialBits(t *testing.T) {
	dir := t.TempDir()
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "fs.read:"+dir, "fs.write:"+dir)
	tests := []struct {
		name  string
		isDir bool
		mode  uint32
	}{
		{"setuid", false, 0o4755},
		{"setgid", false, 0o2755},
		{"setuid and setgid", false, 0o6711},
		{"sticky directory", true, 0o1777},
		{"setgid directory", true, 0o2770},
		{"plain", false, 0o640},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name)
			var err error
			if tc.isDir {
				err = os.Mkdir(p, 0o755)
			} else {
				err = os.WriteFile(p, nil, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			if code, _ := proxy(t, m, ctx, "chmod", &hostabi.ChmodRequest{Path: p, Mode: tc.mode}); code != 0 {
				t.Fatalf("chmod: %d", code)
			}
			var st syscall.Stat_t
			if err := syscall.Stat(p, &st); err != nil || st.Mode&0o7777 != tc.mode {
				t.Fatalf("the OS says mode %#o (%v), want %#o", st.Mode&0o7777, err, tc.mode)
			}
			code, out := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: p})
			resp := &hostabi.StatResponse{}
			if code <= 0 || resp.UnmarshalBinary(out) != nil || resp.Mode != tc.mode {
				t.Fatalf("stat: code %d, mode %#o, want %#o", code, resp.Mode, tc.mode)
			}
		})
	}
	p := filepath.Join(dir, "plain")
	if code, _ := proxy(t, m, ctx, "chmod", &hostabi.ChmodRequest{Path: p, Mode: 0o10644}); code != -int32(hostabi.CodeInvalid) {
		t.Errorf("chmod with a bit above 0o7777: %d", code)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("a refused chmod changed the mode to %v", fi.Mode())
	}
}
