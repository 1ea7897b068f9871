package gzipkind

import (
	"bytes"
	"testing"
)

// compress is reproducible, sets no name and no time in the header, and
// its output depends on the level.
func TestCompressReproducible(t *testing.T) {
	data := bytes.Repeat([]byte("reproducible "), 100)
	for _, level := range []int{-2, -1, 0, 1, 9} {
		a, err := compress(data, level)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := compress(data, level)
		if !bytes.Equal(a, b) {
			t.Errorf("level %d: two compressions differ", level)
		}
		// RFC 1952: FLG at 3 (FNAME is 0x08), MTIME at 4..7.
		if a[3]&0x08 != 0 || !bytes.Equal(a[4:8], []byte{0, 0, 0, 0}) {
			t.Errorf("level %d: header % x has a name or a time", level, a[:10])
		}
	}
	fast, _ := compress(data, 0)
	best, _ := compress(data, 9)
	if bytes.Equal(fast, best) {
		t.Error("levels 0 and 9 give the same bytes")
	}
	if _, err := compress(data, 10); err == nil {
		t.Error("level 10 compressed")
	}
}
