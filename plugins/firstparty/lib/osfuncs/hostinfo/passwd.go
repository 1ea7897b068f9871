package hostinfo

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Passwd is the user database this package reads. Like Go's os/user
// without cgo, it knows only local users (no NSS: LDAP, systemd-homed...).
const Passwd = "/etc/passwd"

// User is an entry of [Passwd].
type User struct {
	// Name is the login name.
	Name string
	// UID and GID are the numeric user and primary group ids, as written.
	UID, GID string
	// Home is the home directory.
	Home string
}

// LookupUser finds the user called name.
func LookupUser(h lib.Host, name string) (User, bool, error) {
	return lookup(h, func(u User) bool { return u.Name == name })
}

// LookupUID finds the first user whose numeric id is uid.
func LookupUID(h lib.Host, uid string) (User, bool, error) {
	return lookup(h, func(u User) bool { return u.UID == uid })
}

// lookup returns the first entry of Passwd that match accepts.
func lookup(h lib.Host, match func(User) bool) (User, bool, error) {
	data, err := h.ReadFile(Passwd)
	if err != nil {
		return User{}, false, fmt.Errorf("read %s: %w", Passwd, err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		line = strings.TrimSpace(line)
		// Skip comments and NIS compat entries (+name, -name), as
		// os/user does.
		if line == "" || line[0] == '#' || line[0] == '+' || line[0] == '-' {
			continue
		}
		f := strings.SplitN(line, ":", 7)
		if len(f) < 6 {
			continue
		}
		u := User{Name: f[0], UID: f[2], GID: f[3], Home: f[5]}
		if match(u) {
			return u, true, nil
		}
	}
	return User{}, false, nil
}

// CurrentHome returns the home directory of the user mgmt runs as: the
// [Passwd] entry of its real uid, else $HOME, as Go's os/user.Current does
// when the database has no entry.
func CurrentHome(h lib.Host) (string, error) {
	uid, _, idErr := IDs(h, "Uid")
	if idErr == nil {
		u, ok, err := LookupUID(h, fmt.Sprint(uid))
		if err == nil && ok && u.Home != "" {
			return u.Home, nil
		}
	}
	if home, _ := Getenv(h, "HOME"); home != "" {
		return home, nil
	}
	if idErr != nil {
		return "", fmt.Errorf("home directory of the current user: %w", idErr)
	}
	return "", fmt.Errorf("home directory of the current user (uid %d) unknown", uid)
}
