package osfuncs

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// The files is_virtual reads. The DMI files may name the vendor of a
// virtual machine, as systemd-detect-virt reads them.
var (
	cpuInfoFile = "/proc/cpuinfo"
	dmiFiles    = []string{
		"/sys/class/dmi/id/product_name",
		"/sys/class/dmi/id/sys_vendor",
		"/sys/class/dmi/id/board_vendor",
		"/sys/class/dmi/id/bios_vendor",
		"/sys/class/dmi/id/product_version",
	}
	vmVendors = []string{
		"Amazon EC2", "Apple Virtualization", "BHYVE", "Bochs", "Google Computer Engine",
		"Hyper-V", "innotek GmbH", "KubeVirt", "KVM", "OpenStack", "Oracle Corporation",
		"Parallels", "QEMU", "VMware", "Xen",
	}
)

// isVirtual is os.is_virtual(): whether the host is a virtual machine: the
// kernel lists the "hypervisor" CPU flag, or a DMI file names a known
// hypervisor vendor. It is an error on a host that is not Linux.
func isVirtual(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	goos, err := hostinfo.OS(h)
	if err != nil {
		return nil, err
	}
	if goos != "linux" {
		return nil, fmt.Errorf("operating system %q is not Linux", goos)
	}
	var errs []error
	info, err := h.ReadFile(cpuInfoFile)
	if err == nil && strings.Contains(string(info), "hypervisor") {
		return hostabi.BoolValue(true), nil
	}
	if err != nil {
		errs = append(errs, fmt.Errorf("read %s: %w", cpuInfoFile, err))
	}
	for _, f := range dmiFiles {
		data, err := h.ReadFile(f)
		if hostinfo.IsNotFound(err) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("read %s: %w", f, err))
			break
		}
		for _, v := range vmVendors {
			if strings.Contains(string(data), v) {
				return hostabi.BoolValue(true), nil
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return hostabi.BoolValue(false), nil
}

// modulesFile lists the loaded kernel modules.
const modulesFile = "/proc/modules"

// modulesPollMS is how often modinfo_loaded looks again: /proc files send
// no change events, so, unlike upstream's path watch alone (kept too), a
// period makes a module loaded later show up.
const modulesPollMS = 10_000

// modinfoLoaded is os.modinfo_loaded(module): whether the kernel module is
// loaded (listed in /proc/modules, as lsmod shows), again as that changes.
func modinfoLoaded(c *lib.Call) (hostabi.Value, error) {
	h, name, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, err
	}
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: modulesFile})
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: modulesPollMS})
	data, err := h.ReadFile(modulesFile)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", modulesFile, err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == name {
			return hostabi.BoolValue(true), nil
		}
	}
	return hostabi.BoolValue(false), nil
}
