package hostfuncs

import (
	"os"
	"os/user"
	"strconv"
	"sync"
	"time"
)

// The names of owners and groups, kept because every fs_stat names them
// and a lookup reads and parses the user database (about 10 µs, and far
// more on the first call after an idle spell): the file kind stats on
// every check. An entry holds while /etc/passwd and /etc/group are the
// files it was read from (same size and modification time) and for at
// most namesTTL, for databases that are not files (NSS). The files are
// stat'ed at most once per namesRecheck, not on every lookup: a drift
// repair answers two stats, and these two stats were a third of its
// system calls.
var names = &nameCache{ids: map[[2]uint32]nameEntry{}}

// namesTTL bounds how long a name is kept however still the files are.
const namesTTL = 10 * time.Second

// namesRecheck is how often the files are looked at: a user renamed (or
// an id given to another name) shows in stat answers within this time. A
// new id needs no recheck: it is not cached yet, so it is looked up.
const namesRecheck = time.Second

// The database files whose change drops the cache (variables for tests).
var (
	passwdFile = "/etc/passwd"
	groupFile  = "/etc/group"
)

type nameCache struct {
	mu  sync.Mutex
	ids map[[2]uint32]nameEntry
	// stamp is the files' state the entries were read under, as seen at
	// checked.
	stamp   [2]fileStamp
	checked time.Time
}

type nameEntry struct {
	owner, group string
	at           time.Time
}

// fileStamp is what tells a changed file: its size and modification time
// (zero when it cannot be read).
type fileStamp struct {
	size  int64
	mtime time.Time
}

func stampOf(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi.Size(), fi.ModTime()}
}

// ownerNames names a file's owner and group for StatResponse, "" for an id
// the host's user database does not know.
func ownerNames(uid, gid uint32) (owner, group string) {
	return names.lookup(uid, gid)
}

func (c *nameCache) lookup(uid, gid uint32) (owner, group string) {
	now := time.Now()
	key := [2]uint32{uid, gid}
	c.mu.Lock()
	c.recheckLocked(now)
	stamp := c.stamp
	e, ok := c.ids[key]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < namesTTL {
		return e.owner, e.group
	}
	owner, group = lookupNames(uid, gid)
	c.mu.Lock()
	if c.stamp == stamp {
		c.ids[key] = nameEntry{owner, group, now}
	}
	c.mu.Unlock()
	return owner, group
}

// recheckLocked stats the database files when namesRecheck has passed
// since the last look, and drops every entry if either changed. c.mu is
// held.
func (c *nameCache) recheckLocked(now time.Time) {
	if !c.checked.IsZero() && now.Sub(c.checked) < namesRecheck {
		return
	}
	c.checked = now
	stamp := [2]fileStamp{stampOf(passwdFile), stampOf(groupFile)}
	if stamp != c.stamp {
		clear(c.ids)
		c.stamp = stamp
	}
}

// lookupNames asks the user database.
func lookupNames(uid, gid uint32) (owner, group string) {
	if u, err := user.LookupId(strconv.FormatUint(uint64(uid), 10)); err == nil {
		owner = u.Username
	}
	if g, err := user.LookupGroupId(strconv.FormatUint(uint64(gid), 10)); err == nil {
		group = g.Name
	}
	return owner, group
}
