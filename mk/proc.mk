# The Extism-Go example plugin (a wasm module built with Extism's Go PDK)
# and the process plugin example (a native executable speaking go-plugin's
# gRPC protocol), which the tests of plugins/extismres, plugins/procplugin
# and cmd/mgmt install and run; and `make proto`, which regenerates the
# process plugins' gRPC code (needs protoc, Debian package
# protobuf-compiler, and the two Go generators, fetched by go install).
EXTISM_GO_WASM := examples/plugins/extism-go/extism-go.wasm
PROC_INOTIFY := examples/plugins/proc-inotify/proc-inotify
PROTO_GEN := /tmp/mgmt-protoc-gen

TEST_DEPS += $(EXTISM_GO_WASM) $(PROC_INOTIFY)

.PHONY: proto

$(EXTISM_GO_WASM): $(shell find examples/plugins/extism-go hostabi -name '*.go' -not -name '*_test.go') go.mod go.sum
	cd examples/plugins/extism-go && GOOS=wasip1 GOARCH=wasm $(GO) build $(WASMFLAGS) -o extism-go.wasm .

$(PROC_INOTIFY): $(shell find examples/plugins/proc-inotify sdk hostabi -name '*.go' -not -name '*_test.go') go.mod go.sum
	$(GO) build -trimpath -o $@ ./examples/plugins/proc-inotify

proto:
	GOBIN=$(PROTO_GEN) $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
	GOBIN=$(PROTO_GEN) $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2
	PATH=$(PROTO_GEN):$$PATH protoc -I hostabi/proto --go_out=hostabi/proto --go_opt=paths=source_relative \
	  --go-grpc_out=hostabi/proto --go-grpc_opt=paths=source_relative hostabi/proto/plugin.proto
