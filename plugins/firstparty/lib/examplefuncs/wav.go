package examplefuncs

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// WAV format tags.
const (
	wavPCM        = 1
	wavFloat      = 3
	wavExtensible = 0xfffe
)

// wavFormat is what a WAV file's fmt chunk says of its samples.
type wavFormat struct {
	tag  uint16 // wavPCM or wavFloat (an extensible file's sub-format)
	bits int    // bits per sample
}

// wavPeak returns the largest magnitude of the samples of a RIFF WAV
// file, as a fraction of full scale (0 to 1): 8-bit unsigned, 16-, 24-
// and 32-bit signed PCM, or 32- and 64-bit float samples, of any number
// of channels. A data chunk whose size runs past the end of the file (as
// a recorder writing to a pipe leaves it) holds what is there.
func wavPeak(b []byte) (float64, error) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return 0, errors.New("not a RIFF WAVE file")
	}
	var format *wavFormat
	for rest := b[12:]; len(rest) >= 8; {
		id, size := string(rest[0:4]), binary.LittleEndian.Uint32(rest[4:8])
		rest = rest[8:]
		body := rest
		if uint64(size) <= uint64(len(rest)) {
			body = rest[:size]
		}
		switch id {
		case "fmt ":
			f, err := parseWAVFormat(body)
			if err != nil {
				return 0, err
			}
			format = f
		case "data":
			if format == nil {
				return 0, errors.New("the data chunk comes before the fmt chunk")
			}
			return samplesPeak(body, format)
		}
		skip := uint64(len(body)) + uint64(size&1) // chunks are padded to even sizes
		if skip >= uint64(len(rest)) {
			break
		}
		rest = rest[skip:]
	}
	return 0, errors.New("no data chunk")
}

// parseWAVFormat reads a fmt chunk.
func parseWAVFormat(b []byte) (*wavFormat, error) {
	if len(b) < 16 {
		return nil, fmt.Errorf("fmt chunk of %d bytes, want at least 16", len(b))
	}
	f := &wavFormat{tag: binary.LittleEndian.Uint16(b[0:2]), bits: int(binary.LittleEndian.Uint16(b[14:16]))}
	if f.tag == wavExtensible {
		if len(b) < 26 {
			return nil, fmt.Errorf("extensible fmt chunk of %d bytes, want at least 26", len(b))
		}
		f.tag = binary.LittleEndian.Uint16(b[24:26]) // the sub-format GUID starts with the tag
	}
	switch {
	case f.tag == wavPCM && (f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32):
	case f.tag == wavFloat && (f.bits == 32 || f.bits == 64):
	default:
		return nil, fmt.Errorf("unsupported samples: format %d of %d bits", f.tag, f.bits)
	}
	return f, nil
}

// samplesPeak returns the largest sample magnitude of b, a fraction of
// full scale capped at 1.
func samplesPeak(b []byte, f *wavFormat) (float64, error) {
	width := f.bits / 8
	n := len(b) / width
	if n == 0 {
		return 0, errors.New("no samples")
	}
	peak := 0.0
	for i := range n {
		s := b[i*width : (i+1)*width]
		var v float64
		switch {
		case f.tag == wavFloat && width == 4:
			v = float64(math.Float32frombits(binary.LittleEndian.Uint32(s)))
		case f.tag == wavFloat:
			v = math.Float64frombits(binary.LittleEndian.Uint64(s))
		case width == 1:
			v = (float64(s[0]) - 128) / 128
		case width == 2:
			v = float64(int16(binary.LittleEndian.Uint16(s))) / (1 << 15)
		case width == 3:
			u := uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16
			v = float64(int32(u<<8)>>8) / (1 << 23)
		default:
			v = float64(int32(binary.LittleEndian.Uint32(s))) / (1 << 31)
		}
		if math.IsNaN(v) {
			continue
		}
		peak = max(peak, math.Abs(v))
	}
	return min(peak, 1), nil
}
