# Example plugins in C, WAT, Rust and AssemblyScript (examples/plugins/*),
# each built into examples/plugins/NAME/dist/NAME.wasm, which
# cmd/mgmt/langplugins_e2e_test.go installs and runs. `make langs` builds
# them; `make test` does too (TEST_DEPS). mk/ensure-tools.sh installs the
# compilers first when they are missing.

LANG_PLUGINS := c-text wat-noop rust-lines as-hostname
LANG_WASM := $(foreach p,$(LANG_PLUGINS),examples/plugins/$(p)/dist/$(p).wasm)

CLANG ?= clang
WAT2WASM ?= wat2wasm
# Debian's rustc, which has the wasm32-wasi standard library
# (libstd-rust-dev-wasm32); a rustup toolchain first in PATH may not.
RUSTC ?= /usr/bin/rustc
ASC := sdk/assemblyscript/node_modules/.bin/asc

CFLAGS_WASM := --target=wasm32-wasi -mexec-model=reactor -Oz -s -Wall -Wextra -Werror -Isdk/c
RUSTFLAGS_WASM := --edition 2021 --target wasm32-wasi --crate-type cdylib \
	-C opt-level=s -C panic=abort -C lto -C strip=symbols
ASCFLAGS := --optimize --use abort= --exportStart _initialize

.PHONY: langs lang-tools clean-langs
TEST_DEPS += langs

langs: $(LANG_WASM)

lang-tools:
	@sh mk/ensure-tools.sh

examples/plugins/c-text/dist/c-text.wasm: examples/plugins/c-text/text.c sdk/c/mgmt.h | lang-tools
	@mkdir -p $(@D)
	$(CLANG) $(CFLAGS_WASM) -o $@ $< -lc-printscan-no-floating-point

examples/plugins/wat-noop/dist/wat-noop.wasm: examples/plugins/wat-noop/noop.wat | lang-tools
	@mkdir -p $(@D)
	$(WAT2WASM) $< -o $@

examples/plugins/rust-lines/dist/rust-lines.wasm: examples/plugins/rust-lines/src/lib.rs sdk/rust/mgmt.rs | lang-tools
	@mkdir -p $(@D)
	$(RUSTC) $(RUSTFLAGS_WASM) -o $@ $<

examples/plugins/as-hostname/dist/as-hostname.wasm: examples/plugins/as-hostname/assembly/index.ts \
		sdk/assemblyscript/assembly/index.ts sdk/assemblyscript/package-lock.json | lang-tools
	@mkdir -p $(@D)
	$(ASC) $< -o $@ $(ASCFLAGS)

clean-langs:
	rm -rf $(foreach p,$(LANG_PLUGINS),examples/plugins/$(p)/dist)
