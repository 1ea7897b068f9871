package yamlgraph

import (
	"fmt"
	"strconv"
)

// Error is a problem found in a YAML graph, at a position in the file. Its
// text is "FILE:LINE:COL: reason", as compilers print it.
type Error struct {
	// File is the file name given to Parse or Load.
	File string
	// Line and Col are the 1-based position of the offending YAML node.
	Line, Col int
	// Msg is the reason, without the position.
	Msg string
	// Err is the underlying error, if any (for errors.Is and errors.As).
	Err error
}

// Error returns "FILE:LINE:COL: reason".
func (e *Error) Error() string {
	return e.File + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Unwrap returns the underlying error, or nil.
func (e *Error) Unwrap() error { return e.Err }

// pos is a 1-based line and column in the file.
type pos struct{ line, col int }

// String renders the position as "LINE:COL".
func (p pos) String() string { return strconv.Itoa(p.line) + ":" + strconv.Itoa(p.col) }

// errAt builds an *Error at p. When an argument is an error, the first such
// one becomes the Error's Err, so errors.Is sees through it.
func (p *parser) errAt(at pos, format string, args ...any) *Error {
	e := &Error{File: p.file, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...)}
	for _, a := range args {
		if err, ok := a.(error); ok {
			e.Err = err
			break
		}
	}
	return e
}

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to
// name within edit distance 2, or "".
func didYouMean(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(name, c, bestDist); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b, in bytes. It
// gives up early and returns limit once the distance is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
