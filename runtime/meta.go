package runtime

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Meta holds a resource's metaparams: how the engine runs it, as opposed to
// what it manages. The zero value is not the default; use DefaultMeta.
type Meta struct {
	// Noop checks but never applies.
	Noop bool
	// Retry is how many times a failing Watch or CheckApply is retried
	// (-1: forever).
	Retry int
	// RetryReset restores the CheckApply retry count after a success.
	RetryReset bool
	// Delay is the wait between retries, in milliseconds.
	Delay uint64
	// Timeout is the CheckApply deadline in milliseconds (0: none).
	Timeout uint64
	// Poll checks every Poll seconds instead of watching (0: watch,
	// -1: check once and never again).
	Poll int
	// Limit is the most CheckApply runs started per second for events
	// (+Inf: no limit).
	Limit float64
	// Burst is the rate limiter's burst; it must be positive when Limit is
	// finite.
	Burst int
	// Reset forgets the retry state when the resource changes across a swap.
	Reset bool
	// Sema names counting semaphores taken around CheckApply: "id" (one
	// holder) or "id:N" (N holders). They are global across the graph.
	Sema []string
	// Rewatch replaces a resource whose Watch failed for good at the next
	// graph swap.
	Rewatch bool
	// Realize makes the engine run the resource once before removing it, if
	// it never converged.
	Realize bool
	// Dollar allows a name that starts with "$".
	Dollar bool
	// Hidden keeps the resource in the graph without running it (it may
	// still be exported and may share its name with a visible resource).
	Hidden bool
	// Export lists the hostnames ("*" for all) the resource is exported to.
	Export []string
	// Reverse applies the resource's reversal when it leaves the graph.
	Reverse bool
	// AutoEdge allows automatic edges to and from the resource.
	AutoEdge bool
	// AutoGroup allows the resource to be grouped automatically.
	AutoGroup bool
}

// DefaultMeta returns the metaparams a resource has when none are given.
func DefaultMeta() Meta {
	return Meta{Limit: math.Inf(1), AutoEdge: true, AutoGroup: true}
}

// MetaNames lists the metaparam names as mcl and YAML spell them.
var MetaNames = []string{
	"noop", "retry", "retryreset", "delay", "timeout", "poll", "limit", "burst", "reset",
	"sema", "rewatch", "realize", "dollar", "hidden", "export", "reverse", "autoedge", "autogroup",
}

// Validate checks the metaparams for values the engine cannot run.
func (m *Meta) Validate() error {
	if m.Retry < -1 {
		return fmt.Errorf("meta retry %d: must be -1 (forever) or more", m.Retry)
	}
	if m.Poll < -1 {
		return fmt.Errorf("meta poll %d: must be -1 (once), 0 (watch) or a number of seconds", m.Poll)
	}
	if math.IsNaN(m.Limit) || m.Limit < 0 {
		return fmt.Errorf("meta limit %v: must be a rate of zero or more per second", m.Limit)
	}
	if !math.IsInf(m.Limit, 1) && m.Burst <= 0 {
		return fmt.Errorf("meta limit %v with burst %d: a finite limit needs a positive burst", m.Limit, m.Burst)
	}
	if m.Burst < 0 {
		return fmt.Errorf("meta burst %d: must not be negative", m.Burst)
	}
	for _, s := range m.Sema {
		if _, _, err := ParseSema(s); err != nil {
			return err
		}
	}
	return nil
}

// Equal reports whether two sets of metaparams are the same.
func (m *Meta) Equal(o *Meta) bool {
	return m.Noop == o.Noop && m.Retry == o.Retry && m.RetryReset == o.RetryReset &&
		m.Delay == o.Delay && m.Timeout == o.Timeout && m.Poll == o.Poll &&
		(m.Limit == o.Limit) && m.Burst == o.Burst && m.Reset == o.Reset &&
		slices.Equal(m.Sema, o.Sema) && m.Rewatch == o.Rewatch && m.Realize == o.Realize &&
		m.Dollar == o.Dollar && m.Hidden == o.Hidden && slices.Equal(m.Export, o.Export) &&
		m.Reverse == o.Reverse && m.AutoEdge == o.AutoEdge && m.AutoGroup == o.AutoGroup
}

// ParseSema splits a semaphore name "id" or "id:N" into its id and count.
func ParseSema(s string) (id string, count int, err error) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 1, nil
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 1 {
		return "", 0, fmt.Errorf("meta sema %q: the count after ':' must be a positive integer", s)
	}
	return s[:i], n, nil
}
