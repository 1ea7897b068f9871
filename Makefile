# mgmt-wasm build. `make` builds bin/mgmt; `make test` is what CI runs.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)
SOURCES := $(shell find . -name '*.go' -not -path './.git/*') go.mod go.sum
# The first-party plugins, three wasm modules that bin/mgmt embeds: the
# kinds shipped with mgmt (core.wasm, in Go, from plugins/firstparty/core
# and the kind packages; file.wasm, the file kind in Rust, from
# plugins/firstparty/file/src with sdk/rust), and the function library
# (lib.wasm, from plugins/firstparty/libmod and plugins/firstparty/lib),
# which mgmt starts only when a program calls one of its functions.
CORE_WASM := plugins/firstparty/dist/core.wasm
FILE_WASM := plugins/firstparty/dist/file.wasm
LIB_WASM := plugins/firstparty/dist/lib.wasm
WASM := $(CORE_WASM) $(FILE_WASM) $(LIB_WASM)
SDK_SOURCES := $(shell find sdk/go hostabi -name '*.go' -not -name '*_test.go')
CORE_SOURCES := $(SDK_SOURCES) $(shell find plugins/firstparty -name '*.go' -not -name '*_test.go' \
	-not -path 'plugins/firstparty/lib/*' -not -path 'plugins/firstparty/libmod/*')
FILE_SOURCES := $(wildcard plugins/firstparty/file/src/*.rs) sdk/rust/mgmt.rs
LIB_SOURCES := $(SDK_SOURCES) $(shell find plugins/firstparty/lib plugins/firstparty/libmod -name '*.go' -not -name '*_test.go')
# The first-party Rust modules are built for speed (internal/testwasm's
# RustFlags are the same, for the tests' own builds).
RUSTFLAGS_FIRSTPARTY := --edition 2021 --target wasm32-wasi --crate-type cdylib \
	-C opt-level=3 -C codegen-units=1 -C panic=abort -C lto -C strip=symbols
WASMFLAGS := -buildmode=c-shared -trimpath -ldflags "-s -w"

.PHONY: all build wasm example test lint bench fuzz wat clean rust-tools

# Fragments under mk/ add the example plugins of other languages and the
# process plugins; each appends what the tests need to TEST_DEPS.
TEST_DEPS :=

all: build

include $(wildcard mk/*.mk)

build: bin/mgmt

bin/mgmt: $(SOURCES) $(WASM)
	$(GO) build -ldflags "$(LDFLAGS)" -o $@ ./cmd/mgmt

wasm: $(WASM)

$(CORE_WASM): $(CORE_SOURCES)
	GOOS=wasip1 GOARCH=wasm $(GO) build $(WASMFLAGS) -o $@ ./plugins/firstparty/core

# Debian's rustc with the wasm32-wasi standard library; mk/ensure-tools.sh
# installs it when it is missing ($(RUSTC) is set in mk/langs.mk).
$(FILE_WASM): $(FILE_SOURCES) | rust-tools
	@mkdir -p $(@D)
	$(RUSTC) $(RUSTFLAGS_FIRSTPARTY) -o $@ plugins/firstparty/file/src/lib.rs

rust-tools:
	@sh mk/ensure-tools.sh rust

$(LIB_WASM): $(LIB_SOURCES)
	GOOS=wasip1 GOARCH=wasm $(GO) build $(WASMFLAGS) -o $@ ./plugins/firstparty/libmod

# The quick start: build, then run the hello program until it converges.
example: bin/mgmt
	bin/mgmt run --tmp-prefix --converged-exit --converger-timeout 1 lang examples/lang/hello.mcl
	@echo; echo "--- /tmp/mgmt-examples/hello/greeting:"; cat /tmp/mgmt-examples/hello/greeting

# Every test, under the race detector, after the lint checks.
test: lint $(WASM) $(TEST_DEPS)
	$(GO) test -race -count=1 ./...

lint: $(WASM)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Engine benchmarks; compare runs with benchstat (see docs/benchmarks.md).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x -count 5 -timeout 60m ./runtime/
	$(GO) test -run '^$$' -bench . -count 5 ./plugins/wasmhost/

# A short run of every fuzz target.
fuzz:
	@for pkg in ./hostabi ./internal/yamlgraph ./plugins/trust; do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 20s $$pkg || exit 1; \
	  done; \
	done

# Regenerate the hand-written test modules (needs wat2wasm, Debian package wabt).
wat:
	for f in plugins/*/testdata/*.wat; do wat2wasm $$f -o $${f%.wat}.wasm; done

clean:
	rm -rf bin $(WASM)
