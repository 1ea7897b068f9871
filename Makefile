# mgmt-wasm build. `make` builds bin/mgmt; `make test` is what CI runs.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)
SOURCES := $(shell find . -name '*.go' -not -path './.git/*') go.mod go.sum

.PHONY: all build example test lint bench fuzz wat clean

all: build

build: bin/mgmt

bin/mgmt: $(SOURCES)
	$(GO) build -ldflags "$(LDFLAGS)" -o $@ ./cmd/mgmt

# The quick start: build, then run the hello graph until it converges.
example: bin/mgmt
	bin/mgmt run --tmp-prefix --converged-exit --converger-timeout 1 yaml examples/yaml/hello.yaml
	@echo; echo "--- /tmp/mgmt-hello/greeting:"; cat /tmp/mgmt-hello/greeting

# Every test, under the race detector, after the lint checks.
test: lint
	$(GO) test -race -count=1 ./...

lint:
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
	rm -rf bin
