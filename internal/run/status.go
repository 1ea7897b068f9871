package run

import (
	"fmt"
	"log/slog"
	"os"
	"time"
)

// statusWriter appends each change of the converged state to
// --converger-status-file, one "TIME converged|unconverged" line each.
type statusWriter struct {
	path string
	log  *slog.Logger
	last string
}

func newStatusWriter(path string, log *slog.Logger) *statusWriter {
	return &statusWriter{path: path, log: log}
}

func (s *statusWriter) write(converged bool) {
	state := "unconverged"
	if converged {
		state = "converged"
	}
	s.log.Info("converger", "state", state)
	if s.path == "" || state == s.last {
		return
	}
	s.last = state
	f, err := os.OpenFile(s.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err == nil {
		_, err = fmt.Fprintf(f, "%s %s\n", time.Now().Format(time.RFC3339Nano), state)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		s.log.Warn("converger status file", "path", s.path, "err", err)
	}
}
