#!/bin/sh
# ensure-tools.sh installs what mk/langs.mk needs to build the example
# plugins written in C, WAT, Rust and AssemblyScript, and nothing when it is
# all there (a few dpkg-query calls and a stat): Debian's clang, lld,
# wasi-libc and compiler-rt builtins for wasm32; wabt (wat2wasm); Debian's
# rustc with its wasm32-wasi standard library; and the AssemblyScript
# compiler from npm (`npm ci` in sdk/assemblyscript, from its lock file).
# apt-get needs root, as CI runs it.
#
# With the argument "rust" it installs only rustc, its wasm32-wasi
# standard library and lld-14 (Debian's /usr/bin/rust-lld, the linker rustc
# uses for wasm32, is a symlink to lld-14, which rustc only suggests): what
# the first-party file kind (plugins/firstparty/file/src), and so bin/mgmt,
# needs.
set -eu

cd "$(dirname "$0")/.."

# Debian (bookworm) packages; libclang-rt-dev-wasm32 holds the wasm32
# builtins clang links into every module.
only="${1:-}"
pkgs="clang lld lld-14 wasi-libc libclang-rt-dev-wasm32 wabt rustc libstd-rust-dev-wasm32"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
if [ "$only" = rust ]; then
	pkgs="rustc libstd-rust-dev-wasm32 lld-14"
fi

missing=""
for p in $pkgs; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -n "$missing" ]; then
	echo "ensure-tools: installing$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "ensure-tools: need root for apt-get install$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
fi

[ "$only" = rust ] && exit 0

# The AssemblyScript compiler: again when the lock file is newer than the
# installed tree (npm writes node_modules/.package-lock.json).
sdk=sdk/assemblyscript
if [ ! -x "$sdk/node_modules/.bin/asc" ] || [ "$sdk/package-lock.json" -nt "$sdk/node_modules/.package-lock.json" ]; then
	echo "ensure-tools: npm ci in $sdk"
	(cd "$sdk" && npm ci --no-audit --no-fund --loglevel=error)
fi
