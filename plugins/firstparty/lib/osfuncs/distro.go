package osfuncs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// osFamily is a family of distributions.
type osFamily struct {
	// name is what os.family returns ("redhat").
	name string
	// marker is the file whose presence upstream tests.
	marker string
	// ids are the os-release IDs (in ID or ID_LIKE) of the family, for a
	// machine without the marker file (a minimal container image).
	ids []string
}

// The families, in the order os.family tries them.
var (
	familyRedHat    = osFamily{"redhat", "/etc/redhat-release", []string{"rhel", "fedora", "centos"}}
	familyDebian    = osFamily{"debian", "/etc/debian_version", []string{"debian", "ubuntu"}}
	familyArchLinux = osFamily{"archlinux", "/etc/arch-release", []string{"arch"}}
	families        = []osFamily{familyRedHat, familyDebian, familyArchLinux}
)

// is reports whether the host belongs to f: its marker file exists, or
// /etc/os-release names one of its ids as ID or in ID_LIKE.
func (f osFamily) is(h lib.Host) (bool, error) {
	exists, _, err := h.Stat(f.marker)
	if err != nil {
		return false, fmt.Errorf("stat %s: %w", f.marker, err)
	}
	if exists {
		return true, nil
	}
	rel, err := hostinfo.OSRelease(h)
	if hostinfo.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, id := range append([]string{rel["ID"]}, strings.Fields(rel["ID_LIKE"])...) {
		if slices.Contains(f.ids, id) {
			return true, nil
		}
	}
	return false, nil
}

// family is os.family(): "redhat", "debian", "archlinux", or "" when the
// family is none of these.
func family(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	for _, f := range families {
		ok, err := f.is(h)
		if err != nil {
			return nil, err
		}
		if ok {
			return hostabi.StrValue(f.name), nil
		}
	}
	return hostabi.StrValue(""), nil
}

// isFamily returns os.is_family_<f>().
func isFamily(f osFamily) func(*lib.Call) (hostabi.Value, error) {
	return func(c *lib.Call) (hostabi.Value, error) {
		h, err := hostinfo.Host(c)
		if err != nil {
			return nil, err
		}
		ok, err := f.is(h)
		if err != nil {
			return nil, err
		}
		return hostabi.BoolValue(ok), nil
	}
}

// releaseSig is the result of os.release.
const releaseSig = "struct{id str; variant_id str; version_id str}"

var releaseType = mustType(releaseSig)

// release is os.release(): the ID, VARIANT_ID and VERSION_ID of
// /etc/os-release ("" for those it lacks).
func release(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	rel, err := hostinfo.OSRelease(h)
	if err != nil {
		return nil, err
	}
	return strStruct(releaseType, rel["ID"], rel["VARIANT_ID"], rel["VERSION_ID"]), nil
}

// distroUIDSig is the result of os.parse_distro_uid.
const distroUIDSig = "struct{distro str; version str; arch str}"

var distroUIDType = mustType(distroUIDSig)

// parseDistroUID is os.parse_distro_uid(uid): it splits a distro UID such
// as "fedora39-x86_64" into distro "fedora", version "39" and arch
// "x86_64". A UID of another shape gives three empty strings.
func parseDistroUID(c *lib.Call) (hostabi.Value, error) {
	args, err := hostinfo.StrArgs(c, 1)
	if err != nil {
		return nil, err
	}
	distro, version, arch := splitDistroUID(args[0])
	return strStruct(distroUIDType, distro, version, arch), nil
}

// splitDistroUID splits <distro><version>-<arch>, where version is the
// trailing digits before the first dash; all three must be non-empty.
func splitDistroUID(uid string) (distro, version, arch string) {
	before, arch, ok := strings.Cut(uid, "-")
	if !ok {
		return "", "", ""
	}
	distro = strings.TrimRight(before, "0123456789")
	version = before[len(distro):]
	if distro == "" || version == "" || arch == "" {
		return "", "", ""
	}
	return distro, version, arch
}
