package builtin

// builtinVars are the $const... and $os... variables, by dotted name without
// the dollar (see ../shared/reference/builtin-vars.txt).
var builtinVars = []struct {
	name  string
	value any
}{
	{"const.res.file.state.absent", "absent"},
	{"const.res.file.state.exists", "exists"},
	{"const.res.file.state.undefined", ""},
	{"const.res.firewalld.state.absent", "absent"},
	{"const.res.firewalld.state.exists", "exists"},
	{"const.res.firewalld.state.undefined", ""},
	{"const.res.gzip.level.best_compression", int64(9)},
	{"const.res.gzip.level.best_speed", int64(1)},
	{"const.res.gzip.level.default_compression", int64(-1)},
	{"const.res.gzip.level.huffman_only", int64(-2)},
	{"const.res.gzip.level.no_compression", int64(0)},
	{"const.res.net.state.down", "down"},
	{"const.res.net.state.undefined", ""},
	{"const.res.net.state.up", "up"},
	{"const.res.tar.format.gnu", int64(8)},
	{"const.res.tar.format.pax", int64(4)},
	{"const.res.tar.format.unknown", int64(0)},
	{"const.res.tar.format.ustar", int64(2)},
	{"os.family_archlinux", "archlinux"},
	{"os.family_debian", "debian"},
	{"os.family_redhat", "redhat"},
	// upstream's other built-in top-level variable, beside $hostname
	{"purpleidea", "hello world!"},
}
