# mgmt-wasm build. `make` builds bin/mgmt; `make test` is what CI runs.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)
SOURCES := $(shell find . -name '*.go' -not -path './.git/*') go.mod go.sum
# The first-party plugin: every kind shipped with mgmt, one wasm module that
# bin/mgmt embeds. It is built from plugins/firstparty and the SDK.
CORE_WASM := plugins/firstparty/dist/core.wasm
CORE_SOURCES := $(shell find plugins/firstparty sdk/go hostabi -name '*.go' -not -name '*_test.go')

.PHONY: all build wasm example test lint bench fuzz wat clean

all: build

build: bin/mgmt

bin/mgmt: $(SOURCES) $(CORE_WASM)
	$(GO) build -ldflags "$(LDFLAGS)" -o $@ ./cmd/mgmt

wasm: $(CORE_WASM)

$(CORE_WASM): $(CORE_SOURCES)
	GOOS=wasip1 GOARCH=wasm $(GO) build -buildmode=c-shared -trimpath -ldflags "-s -w" -o $@ ./plugins/firstparty/core

# The quick start: build, then run the hello graph until it converges.
example: bin/mgmt
	bin/mgmt run --tmp-prefix --converged-exit --converger-timeout 1 yaml examples/yaml/hello.yaml
	@echo; echo "--- /tmp/mgmt-hello/greeting:"; cat /tmp/mgmt-hello/greeting

# Every test, under the race detector, after the lint checks.
test: lint $(CORE_WASM)
	$(GO) test -race -count=1 ./...

lint: $(CORE_WASM)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Engine benchmarks; compare runs with benchstat (see docs/benchmarks.md).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x -count 5 -timeout 60m ./runtime/
	$(GO) test -run '^$$' -bench . -count 5 ./plugins/wasmhost/

# A short run of every fuzz target.
fuzz:
	@for pkg in ./hostabi ./internal/yamlgraph; do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 20s $$pkg || exit 1; \
	  done; \
	done

# Regenerate the hand-written test modules (needs wat2wasm, Debian package wabt).
wat:
	for f in plugins/*/testdata/*.wat; do wat2wasm $$f -o $${f%.wat}.wasm; done

clean:
	rm -rf bin $(CORE_WASM)
