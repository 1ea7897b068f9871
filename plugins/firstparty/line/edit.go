package line

import "strings"

// This file holds the pure text edits of the line kind: finding a block of
// lines in a file's content, removing it, appending it.

// splitLines splits data into lines without their "\n" and reports whether
// the last line was terminated. Empty data has no lines.
func splitLines(data string) ([]string, bool) {
	if data == "" {
		return nil, false
	}
	terminated := strings.HasSuffix(data, "\n")
	return strings.Split(strings.TrimSuffix(data, "\n"), "\n"), terminated
}

// same compares a line of the file with a line of the block, ignoring a
// final "\r" of the file's line as upstream's line scanner does.
func same(fileLine, want string) bool {
	return strings.TrimSuffix(fileLine, "\r") == want
}

// matchAt reports whether block starts at lines[i].
func matchAt(lines []string, i int, block []string) bool {
	if i+len(block) > len(lines) {
		return false
	}
	for j, w := range block {
		if !same(lines[i+j], w) {
			return false
		}
	}
	return true
}

// contains reports whether the lines of block appear, consecutively, as
// whole lines of data.
func contains(data string, block []string) bool {
	lines, _ := splitLines(data)
	for i := range lines {
		if matchAt(lines, i, block) {
			return true
		}
	}
	return false
}

// remove returns data without any occurrence of block (as whole
// consecutive lines), keeping a final newline, and how many it removed.
func remove(data string, block []string) (string, int) {
	lines, terminated := splitLines(data)
	var kept []string
	n := 0
	for i := 0; i < len(lines); {
		if matchAt(lines, i, block) {
			i += len(block)
			n++
			continue
		}
		kept = append(kept, lines[i])
		i++
	}
	if n == 0 {
		return data, 0
	}
	out := strings.Join(kept, "\n")
	if terminated && len(kept) > 0 {
		out += "\n"
	}
	return out, n
}

// appendBlock returns data with block appended as whole lines, ending the
// last line of data first if it was not.
func appendBlock(data string, block []string) string {
	if data != "" && !strings.HasSuffix(data, "\n") {
		data += "\n"
	}
	return data + strings.Join(block, "\n") + "\n"
}
