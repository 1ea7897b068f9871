package timefuncs

import (
	"strings"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// zoneDirs are where Location looks for a TZ zone name, as Go does on
// Linux.
var zoneDirs = []string{"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/"}

// Location returns the machine's local time zone, read through the host
// (under wasip1 Go's time.Local is always UTC): the zone named by TZ in
// the host's environment (an empty TZ is UTC), or else /etc/localtime. It
// is UTC when neither can be read, as Go's own lookup falls back. A nil
// host gives time.Local.
func Location(h lib.Host) *time.Location {
	if h == nil {
		return time.Local
	}
	for _, kv := range h.Environ() {
		tz, ok := strings.CutPrefix(kv, "TZ=")
		if !ok {
			continue
		}
		return namedZone(h, strings.TrimPrefix(tz, ":"))
	}
	if data, err := h.ReadFile("/etc/localtime"); err == nil {
		if loc, err := time.LoadLocationFromTZData("Local", data); err == nil {
			return loc
		}
	}
	return time.UTC
}

// namedZone loads the zone called tz (an absolute path or a name such as
// Europe/Paris) through the host.
func namedZone(h lib.Host, tz string) *time.Location {
	if tz == "" || tz == "UTC" {
		return time.UTC
	}
	paths := []string{tz}
	if !strings.HasPrefix(tz, "/") {
		if strings.Contains(tz, "..") {
			return time.UTC
		}
		paths = paths[:0]
		for _, d := range zoneDirs {
			paths = append(paths, d+tz)
		}
	}
	for _, p := range paths {
		data, err := h.ReadFile(p)
		if err != nil {
			continue
		}
		if loc, err := time.LoadLocationFromTZData(tz, data); err == nil {
			return loc
		}
	}
	return time.UTC
}
