// Package msg is the first-party msg kind: it writes a message to the log
// when it runs, and again on each refresh notification.
//
// Params: body (str: the message), priority (str, required: Emerg, Alert,
// Crit, Err, Warning, Notice, Info or Debug), fields ({str: str}: extra
// fields, named with letters, digits and _ but not starting with _),
// journal (bool), syslog (bool). Traits: refresh.
//
// The message goes to mgmt's log, at a level from its priority: Debug at
// debug (shown only with debug logging), Info and Notice at info, Warning
// and above at warn; the fields follow the body as name=value, sorted.
// Like upstream, writing the message counts as a change, so resources it
// notifies are refreshed.
//
// Differences from upstream: the ABI has no journal or syslog import yet,
// so journal and syslog must be false (Validate says so); upstream sends
// the message with its fields to the systemd journal, and does nothing for
// syslog. The guest has no error log level, so Err and above log at warn.
package msg

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Info describes the msg kind.
var Info = hostabi.KindInfo{
	Kind: "msg",
	Params: []hostabi.ParamInfo{
		{Name: "body", Type: hostabi.TypeStr},
		{Name: "priority", Type: hostabi.TypeStr},
		{Name: "fields", Type: hostabi.NewMap(hostabi.TypeStr, hostabi.TypeStr)},
		{Name: "journal", Type: hostabi.TypeBool},
		{Name: "syslog", Type: hostabi.TypeBool},
	},
	Traits: hostabi.Traits{Refresh: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &res{
			body: p.Str("body"), priority: p.Str("priority"), fields: p.StrMap("fields"),
			journal: p.Bool("journal"), syslog: p.Bool("syslog"),
		}, nil
	})
}

// level is where a priority's messages go.
type level int

const (
	levelDebug level = iota
	levelInfo
	levelWarn
)

// priorities are the priorities upstream knows, as the journal names
// them, and the level of each.
var priorities = map[string]level{
	"Emerg": levelWarn, "Alert": levelWarn, "Crit": levelWarn, "Err": levelWarn,
	"Warning": levelWarn, "Notice": levelInfo, "Info": levelInfo, "Debug": levelDebug,
}

// res is a msg resource.
type res struct {
	body, priority  string
	fields          map[string]string
	journal, syslog bool
}

// Validate requires a known priority and field names the journal
// accepts, and refuses the journal and syslog outputs, which are not
// supported yet.
func (r *res) Validate() error {
	if _, ok := priorities[r.priority]; !ok {
		return mgmt.ParamError("priority", "must be one of Emerg, Alert, Crit, Err, Warning, Notice, Info or Debug, not %q", r.priority)
	}
	for _, name := range slices.Sorted(maps.Keys(r.fields)) {
		if err := fieldName(name); err != nil {
			return mgmt.ParamError("fields", "%v", err)
		}
	}
	if r.journal {
		return mgmt.ParamError("journal", "writing to the systemd journal is not supported yet: set journal to false (the message still goes to mgmt's log)")
	}
	if r.syslog {
		return mgmt.ParamError("syslog", "writing to syslog is not supported yet: set syslog to false (the message still goes to mgmt's log)")
	}
	return nil
}

// fieldName checks a field name: letters, digits and _, not starting
// with _.
func fieldName(name string) error {
	if name == "" {
		return fmt.Errorf("a field name is empty")
	}
	if strings.HasPrefix(name, "_") {
		return fmt.Errorf("field %s: names cannot begin with _", name)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return fmt.Errorf("field %s: invalid character %q", name, c)
		}
	}
	return nil
}

// Watch watches nothing.
func (*res) Watch() []hostabi.WatchSpec { return nil }

// CheckApply logs the message on apply. As upstream, the message is
// always pending before it is written, and writing it is a change.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	if !apply {
		return false, nil
	}
	line := "Body: " + r.body + formatFields(r.fields)
	switch priorities[r.priority] {
	case levelDebug:
		ctx.Debugf("%s", line)
	case levelInfo:
		ctx.Log("%s", line)
	default:
		ctx.Warn("%s", line)
	}
	return false, nil
}

// formatFields returns the fields as " name=value", sorted by name, or ""
// for none.
func formatFields(fields map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		fmt.Fprintf(&b, " %s=%s", k, fields[k])
	}
	return b.String()
}
