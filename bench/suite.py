"""The benchmark kernels and their variants, and how each variant is built.

A kernel is one farc template (`bench/kernels/NAME.rs`) plus, for the clang
baseline, a C twin (`NAME.c`). The template never names a memory: it uses
the constants `D` (the data memory; `S` and `T`, source and target, for the
copy kernel) and `BASE` (the data's address), and loads through `load32` /
`load8`. `farc_source` prepends a per-variant prelude that declares the
memories and defines those names, so the variants of a kernel really differ
only in where the data lives (and, for the bridged baseline, in how a load
reaches it). The opaque-intrinsics baseline is the `far` source compiled with
`legalize_first=True`.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.source import SourceFile

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"
#: Every kernel's data starts at 1 MiB, in every memory: clear of memory 0's
#: stack and statics, and the same address whatever the memory.
BASE = 1 << 20
PAGE = 65536
#: The import the far-imported and bridged variants take their data memory from.
IMPORT_MODULE, IMPORT_NAME = "env", "mem1"
#: wasm features farc's code generator enables (compiler/codegen/optimize.py); clang gets the same.
CLANG_FEATURES = ("-msimd128", "-mbulk-memory", "-mnontrapping-fptoint", "-msign-ext", "-mmutable-globals",
                  "-matomics")


class BuildError(Exception):
    """A variant did not compile (the message quotes the compiler's diagnostics)."""


@dataclass(frozen=True)
class Mem:
    """Where a kernel's data lives: a source memory index and its kind."""

    index: int
    imported: bool = False
    memory64: bool = False
    first: bool = False  # `wasm_index = 0`: the memory engines treat best

    def declaration(self, pages: int) -> str:
        props = [str(self.index)]
        if self.memory64:
            props.append("memory64")
        if self.imported:
            props.append(f'import = "{IMPORT_MODULE}.{IMPORT_NAME}"')
        props.append(f"min = {pages}")
        if self.first:
            props.append("wasm_index = 0")
        return f"#![memory({', '.join(props)})]"


NEAR = Mem(0)
FAR = Mem(1)
FAR_IMPORTED = Mem(1, imported=True)
FAR64 = Mem(1, memory64=True)
FAR_FIRST = Mem(1, first=True)


@dataclass(frozen=True)
class Variant:
    """One way of building a kernel. `roles` maps the template's memory
    constants (D, or S and T) to memories."""

    name: str
    description: str
    roles: tuple[tuple[str, Mem], ...] = ()
    legalize_first: bool = False  # the opaque-intrinsics baseline
    bridged: bool = False  # loads are calls to host functions
    clang: bool = False  # the C twin, compiled by clang

    def memories(self) -> list[Mem]:
        """The distinct memories the roles use, in source-index order."""
        return sorted({m for _, m in self.roles}, key=lambda m: m.index)


def _single(mem: Mem) -> tuple[tuple[str, Mem], ...]:
    return (("D", mem),)


#: The variants of a kernel whose data is in one memory (role D).
NEAR_V = Variant("near", "data in memory 0", _single(NEAR))
#: A second instance of the near module: near_aa/near is the measurement's noise floor
#: (an A/A comparison of identical code; any difference is placement, order or noise).
NEAR_AA_V = Variant("near_aa", "data in memory 0 (a second instance of near: the noise floor)", _single(NEAR))
FAR_V = Variant("far", "data in a defined memory 1", _single(FAR))
IMPORTED_V = Variant("far_imported", "data in an imported memory 1", _single(FAR_IMPORTED))
FAR64_V = Variant("far64", "data in a 64-bit memory 1", _single(FAR64))
FAR_FIRST_V = Variant("far_first", "data in a defined memory 1 declared `wasm_index = 0`", _single(FAR_FIRST))
OPAQUE_V = Variant("opaque", "far, legalized into opaque intrinsic calls before LLVM optimizes",
                   _single(FAR), legalize_first=True)
BRIDGED_V = Variant("bridged", "far, every load a call to a host function", _single(FAR_IMPORTED), bridged=True)
CLANG_V = Variant("clang", "the C twin, clang -O2, data in memory 0", clang=True)
SINGLE_VARIANTS = (NEAR_V, NEAR_AA_V, FAR_V, IMPORTED_V, FAR64_V, FAR_FIRST_V, OPAQUE_V, CLANG_V)

#: The copy kernel's variants: where the source (S) and target (T) live.
COPY_VARIANTS = (
    Variant("near", "memory 0 -> memory 0", (("S", NEAR), ("T", NEAR))),
    Variant("near_aa", "memory 0 -> memory 0 (a second instance: the noise floor)", (("S", NEAR), ("T", NEAR))),
    Variant("cross", "defined memory 1 -> memory 0", (("S", FAR), ("T", NEAR))),
    Variant("cross_imported", "imported memory 1 -> memory 0", (("S", FAR_IMPORTED), ("T", NEAR))),
    Variant("far_same", "defined memory 1 -> memory 1", (("S", FAR), ("T", FAR))),
    Variant("cross64", "64-bit memory 1 -> memory 0", (("S", FAR64), ("T", NEAR))),
    CLANG_V,
)


@dataclass(frozen=True)
class Timed:
    """One timed export: its name, its arguments for size n and work w, and
    the number of work units (elements) one call processes."""

    export: str
    args: Callable[[int, int], list[int]]
    label: str = ""


@dataclass(frozen=True)
class Kernel:
    name: str
    title: str
    init_args: Callable[[int], list[int]]
    timed: tuple[Timed, ...]
    data_bytes: Callable[[int], int]  # bytes after BASE the kernel touches for size n
    size_full: int
    size_quick: int
    work: Callable[[int], int] = lambda n: n  # work units of a run at size n
    unit: str = "element"
    variants: tuple[Variant, ...] = SINGLE_VARIANTS
    #: work units for the bridged comparison (0: no bridged variant); run is pure (read-only)
    bridge_work_full: int = 0
    bridge_work_quick: int = 0
    #: an export returning a checksum of the kernel's output, compared across variants
    check_export: str | None = None
    #: a second, cache-resident measurement of the first timed export: (work units for
    #: 1 MiB of data, args for size n and work w). The streaming sizes are bound by DRAM bandwidth,
    #: which hides per-access overheads; the resident size shows them.
    resident: tuple[int, Callable[[int, int], list[int]]] | None = None
    #: the kernel's data streams through whole-vector loads once LLVM vectorizes it (the
    #: opaque-intrinsics target applies): not gathers, whose lanes are scalar loads in wasm
    #: (no gather instruction), nor serial chains
    simd: bool = False

    @property
    def template(self) -> Path:
        return KERNEL_DIR / f"{self.name}.rs"

    @property
    def c_twin(self) -> Path:
        return KERNEL_DIR / f"{self.name}.c"

    def pages(self, n: int) -> int:
        return -(-(BASE + self.data_bytes(n)) // PAGE) + 1

    def all_variants(self) -> tuple[Variant, ...]:
        return self.variants + ((BRIDGED_V,) if self.bridge_work_full else ())


SEED = 2463534242
STRIDE = 17  # odd: (i * 17) mod 2^k visits every index; 68 bytes apart, a new cache line each load

KERNELS: tuple[Kernel, ...] = (
    Kernel("sum", "sequential sum of u32", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [w]),), lambda n: 4 * n, 1 << 24, 1 << 12,
           bridge_work_full=1 << 12, bridge_work_quick=1 << 8, resident=(1 << 18, lambda n, w: [w]), simd=True),
    Kernel("strided", "strided gather (stride 17 x u32)", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [n, w, STRIDE]),), lambda n: 4 * n, 1 << 24, 1 << 12,
           work=lambda n: n // 4, bridge_work_full=1 << 12, bridge_work_quick=1 << 8,
           resident=(1 << 18, lambda n, w: [w, w, STRIDE])),
    Kernel("gather", "random gather (xorshift indices)", lambda n: [n, n // 4, SEED],
           (Timed("run", lambda n, w: [n, w, n - 1]),), lambda n: 4 * n + n, 1 << 24, 1 << 12,
           work=lambda n: n // 4, bridge_work_full=1 << 12, bridge_work_quick=1 << 8,
           resident=(1 << 18, lambda n, w: [n, w, w - 1])),
    Kernel("structs", "struct-array update (32-byte #[repr(C)])", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [n]),), lambda n: 32 * n, 1 << 21, 1 << 9, unit="struct"),
    Kernel("fnv1a", "FNV-1a hash of a byte buffer", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [w]),), lambda n: n, 1 << 24, 1 << 12, unit="byte",
           bridge_work_full=1 << 12, bridge_work_quick=1 << 8, resident=(1 << 20, lambda n, w: [w])),
    Kernel("matmul", "u32 matrix multiply (i-k-j)", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [n]),), lambda n: 12 * n * n, 256, 16, work=lambda n: n ** 3,
           unit="multiply-add", simd=True),
    Kernel("atomic_hist", "atomic histogram (atomic_xadd into 256 counters)", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [w]),), lambda n: 4 * n + 1024, 1 << 22, 1 << 12,
           resident=(1 << 18, lambda n, w: [w])),
    Kernel("simd_sum", "explicit SIMD sum of u32 (v128_load, i32x4_add)", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [w]),), lambda n: 4 * n, 1 << 24, 1 << 12,
           resident=(1 << 18, lambda n, w: [w]), simd=True),
    Kernel("copy", "copy of u32 (64 MiB full)", lambda n: [n, SEED],
           (Timed("run", lambda n, w: [n], "memory.copy"), Timed("run_loop", lambda n, w: [n, 1], "byte loop")),
           lambda n: 8 * n, 1 << 24, 1 << 12, work=lambda n: 4 * n, unit="byte",
           variants=COPY_VARIANTS, check_export="check"),
)


def kernel_named(name: str) -> Kernel:
    for k in KERNELS:
        if k.name == name:
            return k
    raise KeyError(name)


# ---------------------------------------------------------------------------
# Sources

_COMMON = """fn xorshift(x: u32) -> u32 {
    let mut x = x;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    x
}

/// Fills p[0..n] with the xorshift sequence after `seed` (masked); returns
/// the generator's last state. One definition for every memory.
fn fill<const M: usize>(p: #[mem_idx(M)] *mut u32, n: usize, seed: u32, mask: u32) -> u32 {
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x = xorshift(x);
        unsafe { *p.add(i) = x & mask; }
        i += 1;
    }
    x
}
"""

_LOADS = """unsafe fn load32(p: #[mem_idx(D)] *const u32) -> u32 {
    *p
}
unsafe fn load8(p: #[mem_idx(D)] *const u8) -> u8 {
    *p
}
"""

_BRIDGED_LOADS = """extern "C" {
    fn host_load_u32(addr: u32) -> u32;
    fn host_load_u8(addr: u32) -> u32;
}
unsafe fn load32(p: #[mem_idx(D)] *const u32) -> u32 {
    host_load_u32(p as usize as u32)
}
unsafe fn load8(p: #[mem_idx(D)] *const u8) -> u8 {
    host_load_u8(p as usize as u32) as u8
}
"""


def prelude(kernel: Kernel, variant: Variant, n: int) -> str:
    """The variant-specific head of a kernel's source: memory declarations,
    the role constants, BASE, xorshift and the load helpers."""
    pages = kernel.pages(n)
    lines = [f"// generated by bench/suite.py: kernel `{kernel.name}`, variant `{variant.name}` "
             f"({variant.description})"]
    lines += [mem.declaration(pages) for mem in variant.memories()]
    lines.append("")
    lines += [f"const {role}: usize = {mem.index};" for role, mem in variant.roles]
    lines.append(f"const BASE: usize = {BASE};")
    lines.append("")
    lines.append(_COMMON)
    if any(role == "D" for role, _ in variant.roles):
        lines.append(_BRIDGED_LOADS if variant.bridged else _LOADS)
    return "\n".join(lines)


def farc_source(kernel: Kernel, variant: Variant, n: int) -> str:
    return prelude(kernel, variant, n) + "\n" + kernel.template.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# Building

@dataclass
class Built:
    """A compiled variant: its wasm, and the source it came from (farc) or None (clang)."""

    kernel: str
    variant: Variant
    wasm: bytes
    source: str | None = None
    compile_s: float = 0.0
    extra: dict = field(default_factory=dict)


def build_farc(kernel: Kernel, variant: Variant, n: int, opt_level: int = 2) -> Built:
    import time

    source = farc_source(kernel, variant, n)
    sink = DiagnosticSink()
    start = time.perf_counter()
    out = compile_source(SourceFile(f"{kernel.name}_{variant.name}.rs", source), sink, opt_level,
                         legalize_first=variant.legalize_first)
    elapsed = time.perf_counter() - start
    if out.wasm is None or sink.has_errors:
        raise BuildError(f"farc failed on kernel {kernel.name}, variant {variant.name}:\n{sink.render()}")
    return Built(kernel.name, variant, out.wasm, source, elapsed)


def clang_command(c_file: Path, out: Path, pages: int) -> list[str]:
    return [sys.executable, "-m", "ziglang", "cc", "--target=wasm32-freestanding", "-O2", "-nostdlib",
            *CLANG_FEATURES, "-Wl,--no-entry", "-Wl,--export-dynamic", "-Wl,-z,stack-size=65536",
            f"-Wl,--initial-memory={pages * PAGE}", "-o", str(out), str(c_file)]


def build_clang(kernel: Kernel, n: int) -> Built:
    import time

    with tempfile.TemporaryDirectory(prefix="farc-bench-") as tmp:
        out = Path(tmp) / f"{kernel.name}.wasm"
        cmd = clang_command(kernel.c_twin, out, kernel.pages(n))
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise BuildError(f"clang failed on {kernel.c_twin.name}:\n{proc.stderr.strip()}")
        return Built(kernel.name, CLANG_V, out.read_bytes(), None, elapsed)


def build(kernel: Kernel, variant: Variant, n: int) -> Built:
    return build_clang(kernel, n) if variant.clang else build_farc(kernel, variant, n)


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]
