package exec

import (
	"errors"
	"fmt"
	"path"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// The resource's VarDir keeps, between the stateless calls, the values of
// the last successful run (one file per sent field, named after it; none
// when that field has no value yet) and the time of that run (the mtime
// of stampFile, written when mtimes is set).
const stampFile = "mtimes"

// sentFields are the sent fields in order.
var sentFields = []string{"output", "stdout", "stderr"}

// sendsCache is the sent values by field; a missing field has no value.
type sendsCache map[string]string

// readCache returns the values the last run left in the VarDir; none when
// the resource has no VarDir.
func readCache(ctx *mgmt.Context) (sendsCache, error) {
	c := sendsCache{}
	dir := ctx.VarDir()
	if dir == "" {
		return c, nil
	}
	for _, f := range sentFields {
		b, err := ctx.ReadFile(path.Join(dir, f))
		if errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read the cached %s: %w", f, err)
		}
		c[f] = string(b)
	}
	return c, nil
}

// update records the output of a successful run: a stream that printed
// something replaces the cached value (and so does output when either
// did); one that printed nothing keeps it, as upstream.
func (c sendsCache) update(o *result) {
	if len(o.stdout) > 0 || len(o.stderr) > 0 {
		c["output"] = o.output()
	}
	if len(o.stdout) > 0 {
		c["stdout"] = string(o.stdout)
	}
	if len(o.stderr) > 0 {
		c["stderr"] = string(o.stderr)
	}
}

// write stores c in the VarDir, if there is one.
func (c sendsCache) write(ctx *mgmt.Context) error {
	if ctx.VarDir() == "" {
		return nil
	}
	for _, f := range sentFields {
		v, ok := c[f]
		if !ok {
			continue
		}
		if err := writeVar(ctx, f, []byte(v)); err != nil {
			return fmt.Errorf("cache the %s: %w", f, err)
		}
	}
	return nil
}

// writeVar replaces the file called name in the VarDir, making the VarDir
// first if it does not exist yet (the engine only names it).
func writeVar(ctx *mgmt.Context, name string, data []byte) error {
	p := path.Join(ctx.VarDir(), name)
	err := ctx.WriteFile(p, data, 0o600)
	if !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
		return err
	}
	if err := ctx.Mkdir(ctx.VarDir(), 0o700, true); err != nil && !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeExists}) {
		return fmt.Errorf("make the VarDir %s: %w", ctx.VarDir(), err)
	}
	return ctx.WriteFile(p, data, 0o600)
}

// values returns c as sent values, with the fallback (send_* params)
// standing in for the fields c has no value of when withFallback.
func (c sendsCache) values(fallback map[string]string, withFallback bool) map[string]hostabi.Value {
	out := map[string]hostabi.Value{}
	for _, f := range sentFields {
		if v, ok := c[f]; ok {
			out[f] = hostabi.StrValue(v)
		} else if v, ok := fallback[f]; ok && withFallback {
			out[f] = hostabi.StrValue(v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// outdated reports whether one of the mtimes files was modified after the
// last run (always, before the first). A missing file is an error, as
// upstream.
func (r *res) outdated(ctx *mgmt.Context) (bool, error) {
	if len(r.mtimes) == 0 {
		return false, nil
	}
	var last int64 // Unix ns of the last run; 0: never ran
	if dir := ctx.VarDir(); dir != "" {
		st, err := ctx.Stat(path.Join(dir, stampFile), false)
		switch {
		case err == nil:
			last = st.MtimeNS
		case !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}):
			return false, fmt.Errorf("mtimes: the time of the last run: %w", err)
		}
	}
	for _, f := range r.mtimes {
		st, err := ctx.Stat(f, false)
		if err != nil {
			return false, fmt.Errorf("mtimes: %s: %w", f, err)
		}
		if last == 0 || st.MtimeNS > last {
			ctx.Log("mtimes: %s changed since the last run", f)
			return true, nil
		}
	}
	return false, nil
}

// stamp records the time of a successful run for mtimes.
func (r *res) stamp(ctx *mgmt.Context) error {
	if len(r.mtimes) == 0 || ctx.VarDir() == "" {
		return nil
	}
	now := ctx.Now().UTC().Format("2006-01-02T15:04:05.999999999Z07:00") + "\n"
	if err := writeVar(ctx, stampFile, []byte(now)); err != nil {
		return fmt.Errorf("mtimes: record the run: %w", err)
	}
	return nil
}
