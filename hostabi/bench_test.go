package hostabi

import (
	"encoding/json"
	"strings"
	"testing"
)

// benchCheckRequest is a check request whose params (a file resource's)
// take about 1 KiB.
func benchCheckRequest(b *testing.B) *CheckRequest {
	content := strings.Repeat("line of config text, about forty bytes\n", 24)
	return &CheckRequest{ResourceSpec: ResourceSpec{Kind: "file", Name: "/etc/app/config.yaml", Params: fileParams(b, content)}}
}

// BenchmarkCheckRequest measures encoding and decoding a check request with
// 1 KiB of params, in bin1 and, for comparison, in JSON.
func BenchmarkCheckRequest(b *testing.B) {
	req := benchCheckRequest(b)
	wire, err := req.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bin1/encode", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 2048)
		for b.Loop() {
			if _, err := req.AppendBinary(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(wire)), "msg-bytes") // after the loop, which resets metrics
	})
	b.Run("bin1/decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var got CheckRequest
			if err := got.UnmarshalBinary(wire); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bin1/roundtrip", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 2048)
		for b.Loop() {
			out, err := req.AppendBinary(buf[:0])
			if err != nil {
				b.Fatal(err)
			}
			var got CheckRequest
			if err := got.UnmarshalBinary(out); err != nil {
				b.Fatal(err)
			}
		}
	})

	// JSON as a generic guest would use it: params as a document, converted
	// to an mcl value against the kind's schema.
	type jsonReq struct {
		Kind    string         `json:"kind"`
		Name    string         `json:"name"`
		Params  map[string]any `json:"params"`
		Refresh bool           `json:"refresh,omitempty"`
	}
	ptype := req.Params.T
	jr := jsonReq{Kind: req.Kind, Name: req.Name, Params: ToGo(req.Params).(map[string]any)}
	jwire, err := json.Marshal(jr)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("json-generic/roundtrip", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out, err := json.Marshal(jsonReq{Kind: req.Kind, Name: req.Name, Params: ToGo(req.Params).(map[string]any)})
			if err != nil {
				b.Fatal(err)
			}
			var got jsonReq
			if err := json.Unmarshal(out, &got); err != nil {
				b.Fatal(err)
			}
			if _, err := Convert(got.Params, ptype); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(jwire)), "msg-bytes")
	})

	// JSON into a Go struct that knows the schema: the best case for JSON.
	type fileP struct {
		Path, State, Content, Mode, Owner, Group string
		Force                                    bool
	}
	type typedReq struct {
		Kind, Name string
		Params     fileP
		Refresh    bool
	}
	tr := typedReq{Kind: req.Kind, Name: req.Name, Params: fileP{"/etc/app/config.yaml", "exists", string(req.Params.Fields[2].(StrValue)), "0644", "root", "root", false}}
	b.Run("json-typed/roundtrip", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out, err := json.Marshal(tr)
			if err != nil {
				b.Fatal(err)
			}
			var got typedReq
			if err := json.Unmarshal(out, &got); err != nil {
				b.Fatal(err)
			}
		}
	})
}
