package exec

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// CheckApply decides, in upstream's order, whether the command must run:
// mtimes newer than the last run force it; otherwise ifcmd (exit non-zero,
// or ifequals matched), nifcmd (exit 0) and creates (the path exists) each
// skip it. A skip is a correct state. Check (apply false) stops there and
// reports that the command would run; apply runs it, then donecmd, and
// reports a change. Every path sends the values of the last successful
// run.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	cache, err := readCache(ctx)
	if err != nil {
		return false, err
	}
	skip, err := r.skip(ctx)
	if err != nil {
		return false, err
	}
	if skip {
		r.sends = cache.values(r.fallback, true)
		return true, nil
	}
	if !apply {
		r.sends = cache.values(r.fallback, false)
		return false, nil
	}

	o, err := r.run(ctx, r.main)
	if err != nil {
		return false, err
	}
	if err := o.failed(); err != nil {
		return false, err
	}
	if r.doneCmd.given() {
		d, err := r.run(ctx, r.doneCmd)
		if err != nil {
			return false, err
		}
		if err := d.failed(); err != nil {
			return false, err
		}
	}
	if err := r.stamp(ctx); err != nil {
		return false, err
	}
	cache.update(o)
	if err := cache.write(ctx); err != nil {
		return false, err
	}
	r.sends = cache.values(r.fallback, false)
	return false, nil
}

// skip reports whether a guard keeps the command from running.
func (r *res) skip(ctx *mgmt.Context) (bool, error) {
	force, err := r.outdated(ctx)
	if err != nil || force {
		return false, err
	}
	if r.ifCmd.given() {
		o, err := r.run(ctx, r.ifCmd)
		if err != nil {
			return false, err
		}
		switch {
		case o.code != 0:
			ctx.Log("ifcmd exited with status %d: skipping the command", o.code)
			return true, nil
		case r.ifEquals != nil && *r.ifEquals == o.output():
			ctx.Log("ifcmd's output matched ifequals: skipping the command")
			return true, nil
		case r.ifEqualsStdout != nil && *r.ifEqualsStdout == string(o.stdout):
			ctx.Log("ifcmd's stdout matched ifequals_stdout: skipping the command")
			return true, nil
		}
	}
	if r.nifCmd.given() {
		o, err := r.run(ctx, r.nifCmd)
		if err != nil {
			return false, err
		}
		if o.code == 0 {
			ctx.Log("nifcmd exited with status 0: skipping the command")
			return true, nil
		}
	}
	if r.creates != "" {
		_, err := ctx.Stat(r.creates, false)
		switch {
		case err == nil:
			ctx.Log("%s exists: skipping the command", r.creates)
			return true, nil
		case !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) &&
			!errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotDir}):
			return false, fmt.Errorf("creates %s: %w", r.creates, err)
		}
	}
	return false, nil
}
