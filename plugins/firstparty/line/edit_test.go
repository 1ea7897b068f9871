package line

import "testing"

// contains finds a block only as whole consecutive lines.
func TestContains(t *testing.T) {
	for _, tc := range []struct {
		data  string
		block []string
		want  bool
	}{
		{"", []string{"a"}, false},
		{"a\n", []string{"a"}, true},
		{"a", []string{"a"}, true},
		{"xa\n", []string{"a"}, false},
		{"a b\n", []string{"a"}, false},
		{"x\na\nb\ny\n", []string{"a", "b"}, true},
		{"a\nx\nb\n", []string{"a", "b"}, false},
		{"a\r\nb\r\n", []string{"b"}, true},
		{"a\n", []string{"a", "b"}, false},
	} {
		if got := contains(tc.data, tc.block); got != tc.want {
			t.Errorf("contains(%q, %q) = %v, want %v", tc.data, tc.block, got, tc.want)
		}
	}
}

// remove drops every occurrence and keeps the rest and the final newline.
func TestRemove(t *testing.T) {
	for _, tc := range []struct {
		data  string
		block []string
		want  string
		n     int
	}{
		{"a\nb\nc\n", []string{"b"}, "a\nc\n", 1},
		{"b\na\nb\n", []string{"b"}, "a\n", 2},
		{"a\nb", []string{"b"}, "a", 1},
		{"b\n", []string{"b"}, "", 1},
		{"a\nb\nc\nb\nc\n", []string{"b", "c"}, "a\n", 2},
		{"a\n", []string{"z"}, "a\n", 0},
		{"ab\n", []string{"b"}, "ab\n", 0},
	} {
		got, n := remove(tc.data, tc.block)
		if got != tc.want || n != tc.n {
			t.Errorf("remove(%q, %q) = %q, %d; want %q, %d", tc.data, tc.block, got, n, tc.want, tc.n)
		}
	}
}

// appendBlock ends an unterminated last line before appending.
func TestAppendBlock(t *testing.T) {
	for _, tc := range []struct {
		data  string
		block []string
		want  string
	}{
		{"", []string{"x"}, "x\n"},
		{"a\n", []string{"x"}, "a\nx\n"},
		{"a", []string{"x"}, "a\nx\n"},
		{"a\n", []string{"x", "y"}, "a\nx\ny\n"},
	} {
		if got := appendBlock(tc.data, tc.block); got != tc.want {
			t.Errorf("appendBlock(%q, %q) = %q, want %q", tc.data, tc.block, got, tc.want)
		}
	}
}
