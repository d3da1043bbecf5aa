"""rustc as the compile-speed reference: the same program, memory-erased, built
by rustc for wasm32 at the same optimization level.

rustup's toolchain on this machine kind has no wasm32 standard library and
rustup cannot add targets here. Debian's `rustc-web` (a rustc) with
`rust-web-src` (the library sources) can build `core` and
`compiler_builtins` for `wasm32-unknown-unknown` with RUSTC_BOOTSTRAP=1; the
erased programs need nothing else (`bench.erase.no_std_crate`). The sysroot
is built once (about 20 s of CPU) into `bench/.cache/` and reused.
`scripts/setup-rustc-wasm.sh` installs the two Debian packages.

rustc links with the same wasm-ld farc uses (PyPI `ziglang`), through a
two-line wrapper (rustc passes lld's `-flavor wasm`, which wasm-ld refuses).

Without such a rustc, `reference()` falls back to rustc for the host target
with `--emit=obj` (no linking) and says so in `Reference.note`.

Every build uses `-C overflow-checks=off`: farc's arithmetic wraps at every
level, as rustc's release builds do (docs/reference.md, "Integer
semantics"); checks rustc would add at -O0 would be work farc does not do.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
WASM_TARGET = "wasm32-unknown-unknown"
#: Where Debian's rust-web-src puts the library sources (`rustc-<version>/library`).
DEBIAN_SOURCES = Path("/usr/src")
#: rustc-web installs itself as /usr/bin/rustc (rustup's rustc may come first on PATH).
CANDIDATES = ("/usr/bin/rustc", "rustc")


@dataclass
class Reference:
    """How to run rustc on an erased program: `commands(mode, src, out)` per mode."""

    rustc: str
    version: str
    target: str  # "wasm32-unknown-unknown", or the host triple for the fallback
    sysroot: Path | None = None
    linker: Path | None = None
    note: str = ""
    env: dict[str, str] = field(default_factory=dict)

    @property
    def wasm32(self) -> bool:
        return self.target == WASM_TARGET

    def command(self, mode: str, src: Path, out: Path) -> list[str]:
        """rustc's command for `mode`: "check" (`--emit=metadata`), "O0" or "O2"
        (O2 with one codegen unit, as farc optimizes one module)."""
        cmd = [self.rustc, "--edition", "2021", "-C", "overflow-checks=off", "-C", "panic=abort"]
        if self.wasm32:
            cmd += ["--target", WASM_TARGET, "--sysroot", str(self.sysroot)]
        if mode == "check":
            return cmd + ["--crate-type", "lib", "--emit=metadata", str(src), "-o", str(out.with_suffix(".rmeta"))]
        level = mode.removeprefix("O")
        cmd += ["-C", f"opt-level={level}"]
        if level != "0":
            cmd += ["-C", "codegen-units=1"]
        if self.wasm32:
            return cmd + ["--crate-type", "cdylib", "-C", f"linker={self.linker}", str(src),
                          "-o", str(out.with_suffix(".wasm"))]
        return cmd + ["--crate-type", "lib", "--emit=obj", str(src), "-o", str(out.with_suffix(".o"))]


def _version(rustc: str) -> str | None:
    try:
        out = subprocess.run([rustc, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.match(r"rustc (\d+\.\d+\.\d+)", out.stdout)
    return match[1] if out.returncode == 0 and match else None


def _library_sources(rustc: str, version: str) -> Path | None:
    """The `library/` directory matching `rustc` (rust-src or Debian's rust-web-src)."""
    sysroot = subprocess.run([rustc, "--print", "sysroot"], capture_output=True, text=True, timeout=30).stdout.strip()
    for root in (Path(sysroot) / "lib/rustlib/src/rust/library", DEBIAN_SOURCES / f"rustc-{version}" / "library"):
        if (root / "core/src/lib.rs").is_file() and (root / "compiler-builtins/compiler-builtins/src/lib.rs").is_file():
            return root
    return None


def _linker_wrapper() -> Path:
    """A script that runs ziglang's wasm-ld with rustc's arguments."""
    import ziglang
    zig = Path(ziglang.__file__).resolve().parent / "zig"
    CACHE.mkdir(parents=True, exist_ok=True)
    wrapper = CACHE / "wasm-ld"
    text = f'#!/bin/sh\nif [ "$1" = "-flavor" ]; then shift 2; fi\nexec "{zig}" wasm-ld "$@"\n'
    if not wrapper.is_file() or wrapper.read_text() != text:
        wrapper.write_text(text)
        wrapper.chmod(0o755)
    return wrapper


def _build_sysroot(rustc: str, version: str, library: Path, log) -> Path:
    """`core` and `compiler_builtins` for wasm32 (cached per rustc version)."""
    sysroot = CACHE / f"rustc-{version}-sysroot"
    libdir = sysroot / "lib/rustlib" / WASM_TARGET / "lib"
    crates = [("core", library / "core/src/lib.rs", []),
              ("compiler_builtins", library / "compiler-builtins/compiler-builtins/src/lib.rs",
               ["--cfg", 'feature="compiler-builtins"', "--cfg", 'feature="mem"'])]
    if all((libdir / f"lib{name}.rlib").is_file() for name, _, _ in crates):
        return sysroot
    libdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RUSTC_BOOTSTRAP": "1"}
    for name, root, extra in crates:
        log(f"building {name} for {WASM_TARGET} with rustc {version} (once; cached in {sysroot})")
        cmd = [rustc, "--edition", "2024", "--crate-type", "rlib", "--crate-name", name, "--target", WASM_TARGET,
               "--sysroot", str(sysroot), "-C", "opt-level=2", "-C", "panic=abort", "-C", "debug-assertions=no",
               "--cap-lints", "allow", *extra, str(root), "-o", str(libdir / f"lib{name}.rlib")]
        built = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
        if built.returncode != 0:
            raise RuntimeError(f"building {name} failed:\n{built.stderr[-2000:]}")
    return sysroot


def _host_triple(rustc: str) -> str:
    out = subprocess.run([rustc, "-vV"], capture_output=True, text=True, timeout=30).stdout
    match = re.search(r"^host: (\S+)", out, re.M)
    return match[1] if match else "host"


def reference(log=print) -> Reference | None:
    """The best rustc reference this machine has (None without any rustc)."""
    found = []
    for candidate in CANDIDATES:
        path = shutil.which(candidate)
        version = _version(path) if path else None
        if version and path not in [f[0] for f in found]:
            found.append((path, version))
    for rustc, version in found:
        library = _library_sources(rustc, version)
        if library is None:
            continue
        try:
            sysroot = _build_sysroot(rustc, version, library, log)
        except (RuntimeError, subprocess.TimeoutExpired) as err:
            log(f"note: rustc {version} could not build core for {WASM_TARGET}: {err}")
            continue
        return Reference(rustc, version, WASM_TARGET, sysroot, _linker_wrapper())
    if not found:
        return None
    rustc, version = found[0]
    return Reference(rustc, version, _host_triple(rustc), note=(
        f"no rustc here can build core for {WASM_TARGET} (bash scripts/setup-rustc-wasm.sh installs one): "
        f"rustc {version} compiles for the host target with --emit=obj (no linking) instead"))


if __name__ == "__main__":
    ref = reference()
    print(ref if ref is not None else "no rustc found", file=sys.stderr if ref is None else sys.stdout)
