package examplefuncs

import (
	"strings"
	"testing"
)

// le writes n as size little-endian bytes.
func le(n uint64, size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(n >> (8 * i))
	}
	return b
}

// chunk is a RIFF chunk: id, size and body, padded to an even length.
func chunk(id string, body []byte) []byte {
	out := append([]byte(id), le(uint64(len(body)), 4)...)
	out = append(out, body...)
	if len(body)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// fmtChunk is a plain fmt chunk of one channel at 8000 Hz.
func fmtChunk(tag, bits int) []byte {
	body := append(le(uint64(tag), 2), le(1, 2)...)
	body = append(body, le(8000, 4)...)
	body = append(body, le(uint64(8000*bits/8), 4)...)
	body = append(body, le(uint64(bits/8), 2)...)
	body = append(body, le(uint64(bits), 2)...)
	return chunk("fmt ", body)
}

// riff wraps chunks in a RIFF WAVE file.
func riff(chunks ...[]byte) []byte {
	var body []byte
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := append([]byte("RIFF"), le(uint64(4+len(body)), 4)...)
	return append(append(out, "WAVE"...), body...)
}

// pcm16 is a mono 16-bit WAV file of samples.
func pcm16(samples ...int16) []byte {
	var data []byte
	for _, s := range samples {
		data = append(data, le(uint64(uint16(s)), 2)...)
	}
	return riff(fmtChunk(1, 16), chunk("data", data))
}

func TestWAVPeak(t *testing.T) {
	// An extensible fmt chunk of 16-bit PCM: the 16 plain bytes, cbSize
	// 22, valid bits 16, channel mask 4, then the sub-format GUID, which
	// starts with the tag 1.
	ext := fmtChunk(0xfffe, 16)[8:]
	ext = append(ext, le(22, 2)...)
	ext = append(ext, le(16, 2)...)
	ext = append(ext, le(4, 4)...)
	ext = append(ext, le(1, 2)...)
	ext = append(ext, make([]byte, 14)...)
	// A data chunk claiming more bytes than follow, as a recorder
	// writing to a pipe leaves it: two 16-bit samples, 0x2000 and 0x1000.
	streamed := append(riff(fmtChunk(1, 16)), "data"...)
	streamed = append(streamed, 0xff, 0xff, 0xff, 0xff, 0x00, 0x20, 0x00, 0x10)
	tests := []struct {
		name    string
		wav     []byte
		want    float64
		wantErr string
	}{
		{"16-bit", pcm16(0, 16384, -8192), 0.5, ""},
		{"16-bit negative peak", pcm16(100, -24576), 0.75, ""},
		{"16-bit full scale", pcm16(-32768), 1, ""},
		{"16-bit silence", pcm16(0, 0), 0, ""},
		{"8-bit unsigned", riff(fmtChunk(1, 8), chunk("data", []byte{128, 160, 112})), 0.25, ""},
		{"8-bit odd data is padded", riff(fmtChunk(1, 8), chunk("data", []byte{64, 128, 128})), 0.5, ""},
		{"24-bit", riff(fmtChunk(1, 24), chunk("data", []byte{0x00, 0x00, 0xc0, 0x00, 0x00, 0x10})), 0.5, ""},
		{"32-bit int", riff(fmtChunk(1, 32), chunk("data", le(0x20000000, 4))), 0.25, ""},
		{"32-bit float", riff(fmtChunk(3, 32), chunk("data", le(0xbf400000, 4))), 0.75, ""},          // -0.75
		{"32-bit float clipped", riff(fmtChunk(3, 32), chunk("data", le(0x3fc00000, 4))), 1, ""},     // 1.5
		{"64-bit float", riff(fmtChunk(3, 64), chunk("data", le(0x3fc0000000000000, 8))), 0.125, ""}, // 0.125
		{"extensible", riff(chunk("fmt ", ext), chunk("data", le(0x4000, 2))), 0.5, ""},
		{"chunks skipped, odd one padded", riff(chunk("LIST", []byte("abc")), fmtChunk(1, 16), chunk("fact", le(1, 4)), chunk("data", le(0x6000, 2))), 0.75, ""},
		{"data past the end", streamed, 0.25, ""},
		{"empty", nil, 0, "not a RIFF WAVE file"},
		{"not wave", append([]byte("RIFF\x04\x00\x00\x00"), "AVI "...), 0, "not a RIFF WAVE file"},
		{"no data chunk", riff(fmtChunk(1, 16)), 0, "no data chunk"},
		{"data before fmt", riff(chunk("data", le(1, 2)), fmtChunk(1, 16)), 0, "before the fmt chunk"},
		{"adpcm", riff(fmtChunk(2, 4), chunk("data", le(1, 2))), 0, "unsupported samples: format 2 of 4 bits"},
		{"12-bit", riff(fmtChunk(1, 12), chunk("data", le(1, 2))), 0, "format 1 of 12 bits"},
		{"short fmt", riff(chunk("fmt ", le(1, 8)), chunk("data", le(1, 2))), 0, "fmt chunk of 8 bytes"},
		{"short extensible fmt", riff(fmtChunk(0xfffe, 16), chunk("data", le(1, 2))), 0, "extensible fmt chunk of 16 bytes"},
		{"no samples", riff(fmtChunk(1, 16), chunk("data", nil)), 0, "no samples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := wavPeak(tt.wav)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("wavPeak = %v, %v; want an error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("wavPeak = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
