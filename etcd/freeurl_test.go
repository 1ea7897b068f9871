package etcd

import "testing"

// FreeLoopbackURL never returns a port twice, even when nothing binds the
// ports it returned (the kernel may offer a closed port again at once).
func TestFreeLoopbackURLNeverRepeats(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		u, err := FreeLoopbackURL()
		if err != nil {
			t.Fatal(err)
		}
		if seen[u] {
			t.Fatalf("%s handed out twice", u)
		}
		seen[u] = true
	}
}
