package etcd

import (
	"context"
	"log/slog"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// slogCore is a zapcore.Core that forwards etcd's log to mgmt's slog
// logger: etcd's errors as warnings, its warnings at debug level, and its
// info chatter not at all.
type slogCore struct {
	log    *slog.Logger
	fields []zapcore.Field
}

// noise are etcd errors that are part of a normal start or stop.
var noise = map[string]bool{
	"setting up serving from embedded etcd failed.": true, // its listeners closing at stop
	"failed to update storage version":              true, // a new member's first moments
}

// zapLogger returns a zap logger writing into log.
func zapLogger(log *slog.Logger) *zap.Logger {
	return zap.New(&slogCore{log: log})
}

// Enabled drops etcd's info and debug lines.
func (c *slogCore) Enabled(l zapcore.Level) bool { return l >= zapcore.WarnLevel }

// With adds fields to every line.
func (c *slogCore) With(fs []zapcore.Field) zapcore.Core {
	return &slogCore{log: c.log, fields: append(append([]zapcore.Field(nil), c.fields...), fs...)}
}

// Check adds the core when the level is enabled.
func (c *slogCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(e.Level) {
		return ce.AddCore(e, c)
	}
	return ce
}

// Write logs one line with its fields.
func (c *slogCore) Write(e zapcore.Entry, fs []zapcore.Field) error {
	enc := zapcore.NewMapObjectEncoder()
	for _, f := range append(append([]zapcore.Field(nil), c.fields...), fs...) {
		f.AddTo(enc)
	}
	args := make([]any, 0, 2*len(enc.Fields)+2)
	args = append(args, "component", "etcd")
	for k, v := range enc.Fields {
		args = append(args, k, v)
	}
	level := slog.LevelDebug
	if e.Level >= zapcore.ErrorLevel && !noise[e.Message] {
		level = slog.LevelWarn
	}
	c.log.Log(context.Background(), level, e.Message, args...)
	return nil
}

// Sync has nothing buffered.
func (c *slogCore) Sync() error { return nil }
