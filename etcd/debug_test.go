package etcd

import (
	"log/slog"
	"os"
)

func init() {
	if os.Getenv("ETCD_TEST_LOG") != "" {
		testLog = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
}
