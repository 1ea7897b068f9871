// Package store keeps installed plugins: each module is copied into the
// store's folder and recorded, with its sha256 and the capabilities granted
// at install, in a lock file. Every load checks the module against the
// recorded sum, so a module changed after install is refused, and checks
// its recorded signature (if any) under a trust.Policy (LoadTrusted).
package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"syscall"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/trust"
)

// LockFile is the name of the store's record of installed plugins.
const LockFile = "plugins.lock.json"

// Entry is one installed plugin.
type Entry struct {
	// Name is the plugin's name in the store.
	Name string `json:"name"`
	// File is the module's file name inside the store folder.
	File string `json:"file"`
	// SHA256 is the hex sum of the module as installed.
	SHA256 string `json:"sha256"`
	// Granted lists the capabilities granted at install.
	Granted []string `json:"granted"`
	// Installed is when it was installed.
	Installed time.Time `json:"installed"`
	// Signature is the module's signature given at install (nil: none);
	// it is checked again at every load (LoadTrusted).
	Signature *trust.Signature `json:"signature,omitempty"`
}

// ErrTampered is wrapped by Load's error when a module no longer matches its
// recorded sum.
var ErrTampered = errors.New("the module does not match the sha256 recorded at install")

// ErrNotInstalled is wrapped by errors about a plugin the store lacks.
var ErrNotInstalled = errors.New("no such plugin is installed")

var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

// DefaultDir is where plugins are installed unless told otherwise: under
// $MGMT_PREFIX, /var/lib/mgmt/ for root, else the user's data directory.
func DefaultDir() string {
	if p := os.Getenv("MGMT_PREFIX"); p != "" {
		return filepath.Join(p, "plugins")
	}
	if os.Geteuid() == 0 {
		return "/var/lib/mgmt/plugins"
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "mgmt", "plugins")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "mgmt", "plugins")
	}
	return filepath.Join(os.TempDir(), "mgmt-plugins")
}

// Store is a folder of installed plugins.
type Store struct {
	dir string
}

// Open opens (creating it if needed) the store in dir.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("plugin store %s: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

// Dir is the store's folder.
func (s *Store) Dir() string { return s.dir }

// Install copies the module at src into the store as name, with the given
// grants, replacing an earlier version of the same name.
func (s *Store) Install(src, name string, granted []string) (*Entry, error) {
	return s.InstallSigned(src, name, granted, nil)
}

// InstallSigned is Install recording the module's signature (nil: none).
// A signature of another sum than the module's is refused; whether it
// verifies is for the caller's trust.Policy to say.
func (s *Store) InstallSigned(src, name string, granted []string, sig *trust.Signature) (*Entry, error) {
	if !validName.MatchString(name) {
		return nil, fmt.Errorf("plugin name %q: use lower-case letters, digits, '.', '_' and '-' (at most 64)", name)
	}
	wasm, err := os.ReadFile(src)
	if err != nil {
		return nil, fmt.Errorf("install %s: %w", src, err)
	}
	sum := sha256.Sum256(wasm)
	file, mode := fileOf(name, wasm)
	e := &Entry{
		Name:      name,
		File:      file,
		SHA256:    hex.EncodeToString(sum[:]),
		Granted:   slices.Compact(sorted(granted)),
		Installed: time.Now().UTC().Truncate(time.Second),
		Signature: sig,
	}
	if sig != nil && sig.SHA256 != e.SHA256 {
		return nil, fmt.Errorf("install %s: the signature is of sha256 %s, the module's is %s", name, sig.SHA256, e.SHA256)
	}
	err = s.locked(func(entries map[string]*Entry) error {
		if err := writeAtomic(filepath.Join(s.dir, e.File), wasm, mode); err != nil {
			return err
		}
		entries[name] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("install %s: %w", name, err)
	}
	return e, nil
}

// List returns the installed plugins, by name.
func (s *Store) List() ([]*Entry, error) {
	entries, err := s.read()
	if err != nil {
		return nil, err
	}
	out := make([]*Entry, 0, len(entries))
	for _, e := range entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Get returns the record of one plugin.
func (s *Store) Get(name string) (*Entry, error) {
	entries, err := s.read()
	if err != nil {
		return nil, err
	}
	e, ok := entries[name]
	if !ok {
		return nil, fmt.Errorf("plugin %q: %w", name, ErrNotInstalled)
	}
	return e, nil
}

// Load reads an installed module and verifies it against its record.
func (s *Store) Load(name string) ([]byte, *Entry, error) {
	e, err := s.Get(name)
	if err != nil {
		return nil, nil, err
	}
	wasm, err := os.ReadFile(filepath.Join(s.dir, e.File))
	if err != nil {
		return nil, nil, fmt.Errorf("plugin %q: %w", name, err)
	}
	sum := sha256.Sum256(wasm)
	if got := hex.EncodeToString(sum[:]); got != e.SHA256 {
		return nil, nil, fmt.Errorf("plugin %q: %w (recorded %s, found %s)", name, ErrTampered, e.SHA256, got)
	}
	return wasm, e, nil
}

// Remove uninstalls a plugin.
func (s *Store) Remove(name string) error {
	return s.locked(func(entries map[string]*Entry) error {
		e, ok := entries[name]
		if !ok {
			return fmt.Errorf("plugin %q: %w", name, ErrNotInstalled)
		}
		delete(entries, name)
		if err := os.Remove(filepath.Join(s.dir, e.File)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", name, err)
		}
		return nil
	})
}

// read loads the lock file (an absent one is an empty store).
func (s *Store) read() (map[string]*Entry, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, LockFile))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]*Entry{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("plugin store: %w", err)
	}
	var list []*Entry
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("plugin store: %s is damaged: %w", filepath.Join(s.dir, LockFile), err)
	}
	entries := make(map[string]*Entry, len(list))
	for _, e := range list {
		entries[e.Name] = e
	}
	return entries, nil
}

// locked runs f on the entries under an exclusive lock of the store and
// writes them back if f succeeds.
func (s *Store) locked(f func(map[string]*Entry) error) error {
	lf, err := os.OpenFile(filepath.Join(s.dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("plugin store: %w", err)
	}
	defer lf.Close()
	if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("plugin store: lock: %w", err)
	}
	entries, err := s.read()
	if err != nil {
		return err
	}
	if err := f(entries); err != nil {
		return err
	}
	list := make([]*Entry, 0, len(entries))
	for _, e := range entries {
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(s.dir, LockFile), append(b, '\n'), 0o644)
}

// writeAtomic writes a file through a temporary file and a rename.
func writeAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
