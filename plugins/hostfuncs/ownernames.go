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
// most namesTTL, for databases that are not files (NSS).
var names = &nameCache{ids: map[[2]uint32]nameEntry{}}

// namesTTL bounds how long a name is kept however still the files are.
const namesTTL = 10 * time.Second

// The database files whose change drops the cache (variables for tests).
var (
	passwdFile = "/etc/passwd"
	groupFile  = "/etc/group"
)

type nameCache struct {
	mu  sync.Mutex
	ids map[[2]uint32]nameEntry
	// stamp is the files' state the entries were read under.
	stamp [2]fileStamp
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
	stamp := [2]fileStamp{stampOf(passwdFile), stampOf(groupFile)}
	now := time.Now()
	key := [2]uint32{uid, gid}
	c.mu.Lock()
	if stamp != c.stamp {
		clear(c.ids)
		c.stamp = stamp
	}
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
