"""Memories as first-class entities, shared by the checker and the back end.

A `MemoryDecl` is what a `#![memory(...)]` attribute declares (memory 0 is
declared implicitly when the file does not). A `MemoryMap` is the set of a
program's memories and owns the one mapping every phase agrees on:

* source index -> LLVM address space (`addrspace`): memory 0 is address space 0;
  memory m >= 1 is `ADDRSPACE_BASE + m`. LLVM's wasm backend reserves spaces 1
  (wasm globals, non-integral: blocks vectorization, aborts on stray loads),
  10 (externref) and 20 (funcref); a large base keeps far memories clear of
  every reserved space (see docs/design.md).
* source index -> wasm memory index (`wasm_index`): wasm puts imported memories
  first in the memory index space, so imported memories take wasm indices
  0..k-1 in source order, then defined memories in source order.

`FarSegment` is the initial bytes of far statics: codegen lays them out and
the post-linker writes them as data segments of their memories.
`PassiveSegment` is the bytes of a `#[passive]` static: a passive data
segment, in no memory until `memory_init` copies it into one.

`MemOp` names the per-memory intrinsic imports that legalization emits and the
wasm rewriter turns back into memory-indexed instructions. The name carries
everything the rewriter needs (opcode, memories, alignment) and the LLVM-level
type, because wasm-ld merges imports by name and rejects one name with two
signatures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ADDRSPACE_BASE = 1000
#: LLVM address spaces are 24-bit numbers, and memory m is address space
#: ADDRSPACE_BASE + m: the largest source memory index farc can compile.
MAX_MEMORY_INDEX = (1 << 24) - 1 - ADDRSPACE_BASE
#: The most memories (imported and defined) one module may have: the limit of
#: wasmtime, V8 and the wasm-tools validator.
MAX_MEMORIES = 100
INTRINSIC_MODULE = "farc:mem"
WASM_PAGE = 65536
#: The `farc:mem` import that every trap of a program calls (`abort()`,
#: `unreachable()`, a failed index check, a division by zero). Memories
#: outlive a trap (the host reads them afterwards), so the optimizer must
#: keep every store made before one: LLVM's own `llvm.trap` reads no memory
#: and let it drop them, this import is declared as reading all memory. The
#: wasm rewriter turns each call into `unreachable`.
TRAP_IMPORT = "trap"
#: A call through a far function pointer (`#[far(lib)] fn(..)`) is a call of the `farc:mem`
#: import `call_far.<lib>.<n>`, whose wasm type is the call's own plus a last `i32`, the
#: function's index in lib's table; the rewriter turns it into `call_indirect` on that table,
#: which the module imports from lib under FUNCTION_TABLE (wasm-ld's name for it, which a
#: module that hands out function pointers exports).
FAR_CALL_PREFIX = "call_far."
FUNCTION_TABLE = "__indirect_function_table"


def far_call_import(module: str, n: int) -> str:
    """The `farc:mem` import name of the n-th far call signature into `module`'s table."""
    return f"{FAR_CALL_PREFIX}{module}.{n}"


def far_call_module(name: str) -> str | None:
    """The module whose table a `farc:mem` import `call_far.<module>.<n>` calls through, or None."""
    if not name.startswith(FAR_CALL_PREFIX):
        return None
    module, _, n = name[len(FAR_CALL_PREFIX):].rpartition(".")
    return module if module and n.isdigit() else None


#: The function that zeroes the statics of imported memories: codegen exports it
#: under this name (so wasm-ld keeps it), the post-linker makes it the start function.
ZERO_INIT_EXPORT = "farc.zero_statics"


@dataclass(frozen=True)
class MemoryDecl:
    """One linear memory of the program, as the source declares it."""

    index: int
    min_pages: int = 1
    max_pages: int | None = None
    memory64: bool = False
    shared: bool = False
    import_module: str | None = None
    import_name: str | None = None
    export_name: str | None = None
    explicit: bool = True  # False for the implicit memory 0
    #: the wasm memory index asked for with `wasm_index = N` (None: the default order)
    wasm_index_hint: int | None = None
    #: where the declaration is (a `Span`), for diagnostics of later phases
    span: object = field(default=None, compare=False, repr=False)
    #: an isolation policy: `secret, only = [f, g]` - only these functions (and code only
    #: they can call) may access the memory in the final module (`compiler.wasm.isolation`)
    secret: bool = False
    only: tuple[str, ...] = ()
    #: the span of each name in `only`
    only_spans: tuple = field(default=(), compare=False, repr=False)

    @property
    def imported(self) -> bool:
        return self.import_module is not None

    @property
    def address_bits(self) -> int:
        return 64 if self.memory64 else 32

    def describe(self) -> str:
        kind = "imported" if self.imported else "defined"
        extra = [f"{'i64' if self.memory64 else 'i32'}", f"min {self.min_pages}"]
        if self.max_pages is not None:
            extra.append(f"max {self.max_pages}")
        if self.shared:
            extra.append("shared")
        return f"memory {self.index} ({kind}, {', '.join(extra)})"


@dataclass(frozen=True)
class FarSegment:
    """Initial bytes of far statics: `data` at byte `offset` of source memory `mem` (>= 1)."""

    mem: int
    offset: int
    data: bytes


@dataclass(frozen=True)
class PassiveSegment:
    """The bytes of the `index`-th `#[passive]` static of the program (`symbol`):
    a passive data segment, which `memory.init` copies into any memory."""

    index: int
    symbol: str
    data: bytes


def addrspace(memory_index: int) -> int:
    """The LLVM address space of a pointer into source memory `memory_index`."""
    return 0 if memory_index == 0 else ADDRSPACE_BASE + memory_index


def memory_of_addrspace(space: int) -> int | None:
    """Inverse of `addrspace`; None for spaces that are not farc memories."""
    if space == 0:
        return 0
    if space > ADDRSPACE_BASE:
        return space - ADDRSPACE_BASE
    return None


@dataclass
class MemoryMap:
    """All memories of a program, keyed by source index."""

    decls: dict[int, MemoryDecl] = field(default_factory=dict)

    @classmethod
    def of(cls, decls: list[MemoryDecl]) -> "MemoryMap":
        by_index = {d.index: d for d in decls}
        if 0 not in by_index:
            by_index[0] = MemoryDecl(0, explicit=False, export_name="memory")
        return cls(dict(sorted(by_index.items())))

    def __contains__(self, index: int) -> bool:
        return index in self.decls

    def __getitem__(self, index: int) -> MemoryDecl:
        return self.decls[index]

    def __iter__(self):
        return iter(self.decls.values())

    def wasm_order(self) -> list[MemoryDecl]:
        """Memories in wasm index order: imported ones first (wasm requires it),
        then defined ones; within each group, memories with a `wasm_index` hint
        take their asked-for place, the others follow in source order.

        The order matters for speed, not meaning: engines treat wasm memory 0
        best (V8 keeps its base in a register across loops), so a program
        whose hot loops use a far memory can give that memory index 0."""
        def group(imported: bool) -> list[MemoryDecl]:
            members = [d for d in self.decls.values() if d.imported == imported]
            return sorted(members, key=lambda d: (d.wasm_index_hint is None, d.wasm_index_hint or 0, d.index))
        return group(True) + group(False)

    def wasm_index(self, source_index: int) -> int:
        """The wasm memory index of source memory `source_index`."""
        for i, decl in enumerate(self.wasm_order()):
            if decl.index == source_index:
                return i
        raise KeyError(source_index)

    def far_indices(self) -> list[int]:
        return [i for i in self.decls if i != 0]

    def datalayout_pointer_specs(self) -> str:
        """`-pN:64:64` entries for the address spaces of 64-bit memories."""
        return "".join(f"-p{addrspace(d.index)}:64:64" for d in self if d.memory64 and d.index != 0)


# ---------------------------------------------------------------------------
# Intrinsic names

#: The read-modify-write operations wasm has (`i32.atomic.rmw.add` ...); farc
#: lowers the others (nand, max, min) to a `cmpxchg` loop.
ATOMIC_RMW_OPS = ("add", "sub", "and", "or", "xor", "xchg")


def _atomic_signatures() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every atomic load, store, read-modify-write and compare-exchange, by width."""
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    widths = {"i32": ("", "8", "16"), "i64": ("", "8", "16", "32")}
    for ty, narrow in widths.items():
        for bits in narrow:
            suffix = "_u" if bits else ""
            table[f"{ty}.atomic.load{bits}{suffix}"] = (("A",), (ty,))
            table[f"{ty}.atomic.store{bits}"] = (("A", ty), ())
            for rmw in (*ATOMIC_RMW_OPS, "cmpxchg"):
                params = ("A", ty, ty) if rmw == "cmpxchg" else ("A", ty)
                table[f"{ty}.atomic.rmw{bits}.{rmw}{suffix}"] = (params, (ty,))
    return table


#: Memory-access opcodes the rewriter knows how to turn an intrinsic into.
#: op -> (params, results) in wasm value types, with `A` for the address type
#: of the (first) memory (i32, or i64 for memory64) and `B` for the second's.
MEMOP_SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "i32.load": (("A",), ("i32",)),
    "i64.load": (("A",), ("i64",)),
    "f32.load": (("A",), ("f32",)),
    "f64.load": (("A",), ("f64",)),
    "i32.load8_s": (("A",), ("i32",)),
    "i32.load8_u": (("A",), ("i32",)),
    "i32.load16_s": (("A",), ("i32",)),
    "i32.load16_u": (("A",), ("i32",)),
    "i64.load8_s": (("A",), ("i64",)),
    "i64.load8_u": (("A",), ("i64",)),
    "i64.load16_s": (("A",), ("i64",)),
    "i64.load16_u": (("A",), ("i64",)),
    "i64.load32_s": (("A",), ("i64",)),
    "i64.load32_u": (("A",), ("i64",)),
    "i32.store": (("A", "i32"), ()),
    "i64.store": (("A", "i64"), ()),
    "f32.store": (("A", "f32"), ()),
    "f64.store": (("A", "f64"), ()),
    "i32.store8": (("A", "i32"), ()),
    "i32.store16": (("A", "i32"), ()),
    "i64.store8": (("A", "i64"), ()),
    "i64.store16": (("A", "i64"), ()),
    "i64.store32": (("A", "i64"), ()),
    "v128.load": (("A",), ("v128",)),
    "v128.store": (("A", "v128"), ()),
    # a scalar loaded into one lane of a vector (the lane is `MemOp.lane`), or into lane 0 of zeros
    "v128.load8_lane": (("A", "v128"), ("v128",)),
    "v128.load16_lane": (("A", "v128"), ("v128",)),
    "v128.load32_lane": (("A", "v128"), ("v128",)),
    "v128.load64_lane": (("A", "v128"), ("v128",)),
    "v128.load32_zero": (("A",), ("v128",)),
    "v128.load64_zero": (("A",), ("v128",)),
    # half a vector, each lane sign- or zero-extended to twice its width
    **{f"v128.load{shape}_{sign}": (("A",), ("v128",)) for shape in ("8x8", "16x4", "32x2") for sign in "su"},
    # a scalar loaded into every lane
    "v128.load8_splat": (("A",), ("v128",)),
    "v128.load16_splat": (("A",), ("v128",)),
    "v128.load32_splat": (("A",), ("v128",)),
    "v128.load64_splat": (("A",), ("v128",)),
    # atomics (the threads proposal): natural alignment only; a narrow access
    # zero-extends what it loads or returns (`_u`)
    **_atomic_signatures(),
    "memory.atomic.wait32": (("A", "i32", "i64"), ("i32",)),
    "memory.atomic.wait64": (("A", "i64", "i64"), ("i32",)),
    "memory.atomic.notify": (("A", "i32"), ("i32",)),
    "memory.size": ((), ("A",)),
    "memory.grow": (("A",), ("A",)),
    "memory.fill": (("A", "i32", "A"), ()),
    # memory.copy dst, src, len: dst in memory `mem`, src in `mem2`; len is
    # i64 only when both are 64-bit memories.
    "memory.copy": (("A", "B", "L"), ()),
    # memory.init dst, offset, len of passive segment `MemOp.segment` into memory `mem`;
    # data.drop of that segment (it names no memory: `mem` is 0)
    "memory.init": (("A", "i32", "i32"), ()),
    "data.drop": ((), ()),
}


def memop_signature(op: "MemOp", memories: "MemoryMap") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The wasm value types (params, results) of `op`'s import: the address
    operands are i32 or i64 by the width of the memory they address."""
    params, results = MEMOP_SIGNATURES[op.op]
    first = memories[op.mem]
    second = memories[op.mem2] if op.mem2 is not None else first
    subst = {
        "A": "i64" if first.memory64 else "i32",
        "B": "i64" if second.memory64 else "i32",
        # memory.copy's length is 64-bit only when both memories are
        "L": "i64" if first.memory64 and second.memory64 else "i32",
    }
    return tuple(subst.get(p, p) for p in params), tuple(subst.get(r, r) for r in results)


@dataclass(frozen=True)
class MemOp:
    """One intrinsic import: an opcode on a memory (two for memory.copy).

    `llvm_type` is a short tag of the LLVM-level type (`i32`, `v4i32`, ...)
    used only to keep names unique per LLVM signature.
    """

    op: str
    mem: int
    align: int = 1
    mem2: int | None = None
    llvm_type: str = ""
    #: constant added to the address (the memarg offset), for loads and stores
    offset: int = 0
    #: the vector lane of a `v128.loadN_lane`
    lane: int | None = None
    #: the passive segment of `memory.init` / `data.drop` (`PassiveSegment.index`)
    segment: int | None = None

    def import_name(self) -> str:
        """E.g. `i32.load.m1.a4`, `i32.load.m1.a4.o8`, `v128.load.m2.a1.v4i32`, `memory.copy.m1.m0`,
        `memory.init.m1.d0`, `data.drop.d0`."""
        if self.op == "data.drop":
            return f"data.drop.d{self.segment}"
        parts = [self.op, f"m{self.mem}"]
        if self.mem2 is not None:
            parts.append(f"m{self.mem2}")
        if self.op == "memory.init":
            parts.append(f"d{self.segment}")
        elif self.op not in ("memory.size", "memory.grow", "memory.fill", "memory.copy"):
            parts.append(f"a{self.align}")
            if self.offset:
                parts.append(f"o{self.offset}")
            if self.lane is not None:
                parts.append(f"l{self.lane}")
        if self.llvm_type:
            parts.append(self.llvm_type)
        return ".".join(parts)

    @property
    def natural_alignment_log2(self) -> int:
        return max(0, self.align.bit_length() - 1)


_NAME = re.compile(
    r"^(?P<op>[a-z0-9]+(?:\.(?!m\d)[a-z0-9_]+)+)\.m(?P<mem>\d+)(?:\.m(?P<mem2>\d+))?"
    r"(?:\.d(?P<segment>\d+))?(?:\.a(?P<align>\d+))?(?:\.o(?P<offset>\d+))?(?:\.l(?P<lane>\d+))?"
    r"(?:\.(?P<ty>[a-z0-9_]+))?$"
)
_DATA_DROP = re.compile(r"^data\.drop\.d(?P<segment>\d+)$")


def parse_import_name(name: str) -> MemOp | None:
    """Inverse of `MemOp.import_name`; None if `name` is not an intrinsic name."""
    drop = _DATA_DROP.match(name)
    if drop is not None:
        return MemOp("data.drop", 0, segment=int(drop["segment"]))
    match = _NAME.match(name)
    if match is None or match["op"] not in MEMOP_SIGNATURES:
        return None
    return MemOp(
        op=match["op"],
        mem=int(match["mem"]),
        align=int(match["align"] or 1),
        mem2=int(match["mem2"]) if match["mem2"] is not None else None,
        llvm_type=match["ty"] or "",
        offset=int(match["offset"] or 0),
        lane=int(match["lane"]) if match["lane"] is not None else None,
        segment=int(match["segment"]) if match["segment"] is not None else None,
    )
