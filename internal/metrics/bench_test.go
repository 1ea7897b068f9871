package metrics

import (
	"testing"
	"time"
)

// BenchmarkObserveCall is what --prometheus adds to each plugin call.
func BenchmarkObserveCall(b *testing.B) {
	m := New()
	b.ReportAllocs()
	for b.Loop() {
		m.ObserveCall("core", "check", 20*time.Microsecond, nil)
	}
}

// BenchmarkObserveCheckApply is what --prometheus adds to each CheckApply.
func BenchmarkObserveCheckApply(b *testing.B) {
	m := New()
	b.ReportAllocs()
	for b.Loop() {
		m.ObserveCheckApply("file", true, true, nil, 50*time.Microsecond)
	}
}
