package password

import (
	"strings"
	"testing"
)

// generate draws n letters of the alphabet, which check accepts; check
// rejects other lengths and characters.
func TestGenerateCheck(t *testing.T) {
	for _, n := range []int64{1, 8, 64, 300} {
		pw, err := generate(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := check(pw, n); err != nil {
			t.Errorf("generate(%d) = %q fails check: %v", n, pw, err)
		}
	}
	a, _ := generate(64)
	b, _ := generate(64)
	if a == b {
		t.Errorf("two passwords are equal: %q", a)
	}
	for _, tc := range []struct{ pw, want string }{
		{"abc", "3 characters, not 4"},
		{"ab1d", `invalid character '1' at 2`},
		{"ab d", `invalid character ' ' at 2`},
	} {
		if err := check(tc.pw, 4); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("check(%q) = %v, want %q", tc.pw, err, tc.want)
		}
	}
}
