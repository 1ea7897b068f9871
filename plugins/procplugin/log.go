package procplugin

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/hashicorp/go-hclog"
)

// hclogger returns an hclog.Logger for go-plugin whose lines (go-plugin's
// own, and the plugin's, which it reads from the plugin's stderr) go to
// log, tagged with the plugin's name.
func hclogger(log *slog.Logger, plugin string) hclog.Logger {
	l := hclog.NewInterceptLogger(&hclog.LoggerOptions{Output: io.Discard, Level: hclog.Trace})
	l.RegisterSink(&slogSink{log: log.With("plugin", plugin)})
	return l
}

// slogSink is an hclog sink that writes to slog.
type slogSink struct{ log *slog.Logger }

// Accept forwards one hclog line: its level, message and key/value pairs.
func (s *slogSink) Accept(_ string, level hclog.Level, msg string, args ...any) {
	l := slog.LevelInfo
	switch {
	case level <= hclog.Debug:
		l = slog.LevelDebug
	case level == hclog.Warn:
		l = slog.LevelWarn
	case level >= hclog.Error:
		l = slog.LevelError
	}
	attrs := make([]any, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		attrs = append(attrs, slog.Any(fmt.Sprint(args[i]), args[i+1]))
	}
	s.log.Log(context.Background(), l, msg, attrs...)
}
