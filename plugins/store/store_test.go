package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func writeModule(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "thing.wasm")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInstallListLoadRemove(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	src := writeModule(t, "\x00asm module bytes")
	e, err := s.Install(src, "thing", []string{"fs.read:/srv", "exec:/bin/true", "fs.read:/srv"})
	if err != nil {
		t.Fatal(err)
	}
	// The sha256 of the bytes above, from sha256sum.
	if e.SHA256 != "e2cf5d90339a9e98c9ecfec385aaa5b4e54a7c867c856042cfeb99e30ce35701" {
		t.Errorf("sha256 %q", e.SHA256)
	}
	if strings.Join(e.Granted, ",") != "exec:/bin/true,fs.read:/srv" {
		t.Errorf("grants %v: want sorted, without duplicates", e.Granted)
	}
	list, err := s.List()
	if err != nil || len(list) != 1 || list[0].Name != "thing" {
		t.Fatalf("List = %v, %v", list, err)
	}
	wasm, got, err := s.Load("thing")
	if err != nil || string(wasm) != "\x00asm module bytes" || got.SHA256 != e.SHA256 {
		t.Fatalf("Load = %q, %v, %v", wasm, got, err)
	}
	// The store holds its own copy: changing the source changes nothing.
	os.WriteFile(src, []byte("changed"), 0o644)
	if _, _, err := s.Load("thing"); err != nil {
		t.Errorf("Load after the source changed: %v", err)
	}
	if err := s.Remove("thing"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Load("thing"); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Load after Remove: %v", err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), "thing.wasm")); !os.IsNotExist(err) {
		t.Errorf("the module file survived Remove: %v", err)
	}
	if err := s.Remove("thing"); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("second Remove: %v", err)
	}
}

func TestTamperedModuleIsRefused(t *testing.T) {
	s, _ := Open(t.TempDir())
	if _, err := s.Install(writeModule(t, "original"), "thing", nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir(), "thing.wasm"), []byte("evil"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Load("thing"); !errors.Is(err, ErrTampered) {
		t.Fatalf("Load of a tampered module: %v", err)
	}
}

func TestInstallRejects(t *testing.T) {
	s, _ := Open(t.TempDir())
	src := writeModule(t, "m")
	for _, name := range []string{"", "Thing", "../x", "a/b", strings.Repeat("a", 65)} {
		if _, err := s.Install(src, name, nil); err == nil {
			t.Errorf("name %q was accepted", name)
		}
	}
	if _, err := s.Install(filepath.Join(t.TempDir(), "missing.wasm"), "x", nil); err == nil {
		t.Error("a missing source was accepted")
	}
	os.WriteFile(filepath.Join(s.Dir(), LockFile), []byte("{not json"), 0o644)
	if _, err := s.List(); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a damaged lock file: %v", err)
	}
}

func TestConcurrentInstallsKeepEveryEntry(t *testing.T) {
	s, _ := Open(t.TempDir())
	src := writeModule(t, "m")
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := s.Install(src, "p"+string(rune('a'+i)), nil); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if list, _ := s.List(); len(list) != 20 {
		t.Errorf("%d entries after 20 concurrent installs", len(list))
	}
}
