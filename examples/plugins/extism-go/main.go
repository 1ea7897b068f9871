//go:build wasip1

// Command extism-go is an mgmt-wasm plugin written with Extism's Go PDK
// (github.com/extism/go-pdk) instead of the mgmt SDK: its verbs are Extism
// exports that read the bin1 request as Extism input and write the bin1
// reply as Extism output (docs/abi.md, "Extism plugins"). It provides the
// kind "extism_file", which keeps a file's content (and "extism_noop", a
// check that does nothing, for the benchmarks). It touches the file
// system through WASI, which the host mounts from the plugin's grants
// (Extism's allowed paths), and learns the node's hostname from the
// Extism config key mgmt.hostname. Build it as a reactor module:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o extism-go.wasm .
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/extism/go-pdk"
	"github.com/mgmt-wasm/mgmt/hostabi"
)

const kind = "extism_file"

// noop is a kind whose check does nothing: the benchmarks of
// docs/benchmarks.md measure the per-call overhead with it.
var noop = hostabi.KindInfo{Kind: "extism_noop"}

// info describes the file kind: path (absolute) and content.
var info = hostabi.KindInfo{
	Kind: kind,
	Params: []hostabi.ParamInfo{
		{Name: "path", Type: hostabi.TypeStr},
		{Name: "content", Type: hostabi.TypeStr},
	},
}

//go:wasmexport mgmt_abi_version
func abiVersion() int32 { return hostabi.Version }

//go:wasmexport describe
func describe() int32 {
	return reply(&hostabi.DescribeResponse{
		Name:         "extism-go",
		Version:      "0.1.0",
		Kinds:        []hostabi.KindInfo{info, noop},
		Capabilities: []string{"fs.read:/", "fs.write:/"},
	})
}

//go:wasmexport validate
func validate() int32 {
	var spec hostabi.ResourceSpec
	if err := spec.UnmarshalBinary(pdk.Input()); err != nil {
		return reply(&hostabi.ValidateResponse{Error: failure(hostabi.CodeMalformed, err)})
	}
	path, _ := params(spec.Params)
	if spec.Kind == noop.Kind {
		return reply(&hostabi.ValidateResponse{})
	}
	if !strings.HasPrefix(path, "/") {
		return reply(&hostabi.ValidateResponse{Error: &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "path", Message: fmt.Sprintf("%q is not absolute", path)}})
	}
	return reply(&hostabi.ValidateResponse{})
}

//go:wasmexport watch
func watch() int32 {
	var spec hostabi.ResourceSpec
	if err := spec.UnmarshalBinary(pdk.Input()); err != nil {
		return reply(&hostabi.WatchResponse{Error: failure(hostabi.CodeMalformed, err)})
	}
	path, _ := params(spec.Params)
	if spec.Kind == noop.Kind {
		return reply(&hostabi.WatchResponse{})
	}
	return reply(&hostabi.WatchResponse{Watches: []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: path}}})
}

//go:wasmexport check
func check() int32 { return checkApply(false) }

//go:wasmexport apply
func apply() int32 { return checkApply(true) }

// checkApply compares the file with content and, when apply is set,
// writes it.
func checkApply(apply bool) int32 {
	var req hostabi.CheckRequest
	if err := req.UnmarshalBinary(pdk.Input()); err != nil {
		return reply(&hostabi.CheckResponse{Error: failure(hostabi.CodeMalformed, err)})
	}
	if req.Kind == noop.Kind {
		return reply(&hostabi.CheckResponse{CheckOK: true})
	}
	path, content := params(req.Params)
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return reply(&hostabi.CheckResponse{Error: failure(hostabi.CodeFailed, err)})
	}
	if err == nil && string(data) == content {
		return reply(&hostabi.CheckResponse{CheckOK: true})
	}
	if !apply {
		return reply(&hostabi.CheckResponse{})
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		return reply(&hostabi.CheckResponse{Error: failure(hostabi.CodeFailed, err)})
	}
	host, _ := pdk.GetConfig("mgmt.hostname")
	pdk.Log(pdk.LogInfo, fmt.Sprintf("%s[%s]: wrote %s on %s", kind, req.Name, path, host))
	return reply(&hostabi.CheckResponse{})
}

// params reads the two params (the host always sends both).
func params(s *hostabi.StructValue) (path, content string) {
	if s == nil {
		return "", ""
	}
	if v, ok := s.Field("path"); ok {
		path = string(v.(hostabi.StrValue))
	}
	if v, ok := s.Field("content"); ok {
		content = string(v.(hostabi.StrValue))
	}
	return path, content
}

func failure(code hostabi.Code, err error) *hostabi.ABIError {
	return &hostabi.ABIError{Code: code, Message: err.Error()}
}

// reply writes a response as the Extism output; a response that does not
// encode is an Extism error (return code 1).
func reply(m interface{ MarshalBinary() ([]byte, error) }) int32 {
	b, err := m.MarshalBinary()
	if err != nil {
		pdk.SetError(err)
		return 1
	}
	pdk.Output(b)
	return 0
}

func main() {}
