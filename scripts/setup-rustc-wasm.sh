#!/usr/bin/env bash
# Installs the rustc that bench/compile_speed.py compares farc with: Debian's
# rustc-web (/usr/bin/rustc) and rust-web-src (its library sources), from which
# bench/rustc_ref.py builds `core` and `compiler_builtins` for
# wasm32-unknown-unknown (rustup cannot add targets on this machine kind).
# Only the benchmark needs it; the test suite uses whatever `rustc` is on PATH.
# Note: rustc-web replaces Debian's own `rustc` package if that is installed
# (rustup's toolchain in ~/.cargo is not touched).
set -euo pipefail
if [ -x /usr/bin/rustc ] && ls /usr/src/rustc-*/library/core/src/lib.rs >/dev/null 2>&1; then
    echo "setup-rustc-wasm: $(/usr/bin/rustc --version) with its library sources is installed"
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-rustc-wasm: needs root and apt-get (apt-get install rustc-web rust-web-src)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends rustc-web rust-web-src >/dev/null
echo "setup-rustc-wasm: installed $(/usr/bin/rustc --version)"
