"""Random farc programs in the model of `model.py`: valid, and free of
undefined behaviour except for the traps they aim at.

A program has some far memories (32- and 64-bit, defined, imported,
exported, sometimes at wasm index 0), structs with padding, statics in
memory 0 and in far memories, "buffers" at fixed addresses of each
memory's heap (views of other types over the same bytes included), generic
kernels instantiated for several memories, integer helpers, exported test
functions, an exported checksum of every static, and one exported function
for the trap run.

What keeps a program meaningful (and its near twin equivalent, see
`render.py`):

* every access through a pointer stays inside a buffer, a static or a
  local: indices are `Bounded` by what the generator knows is left;
* addresses that the program observes (`p as usize`, pointers stored in
  memory) are heap addresses the generator chose, never addresses of
  statics or of the stack;
* a pointer is loaded from memory only where the same straight-line group
  of statements stored it (cells are used by one group only);
* struct buffers are not viewed as other types: their padding bytes are
  unspecified, and are masked out of the memory comparison;
* divisors are `NonZero` except in the trap function, loops are counted,
  there is no recursion;
* the trap function does some ordinary work and then one thing that traps
  or not depending on its argument: an access just past a memory's end (or
  past 4 GiB in a 64-bit memory), a division, an array index, a bulk
  operation at the edge, `abort()`, or an access made valid by growing.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from . import model as m
from .model import (
    BOOL, I8, I16, I32, I64, ISIZE, U8, U16, U32, U64, USIZE, Assign, Block, ExprStmt, If, Let, PtrTy, Var,
    While, binary, bounded, cast, deref, lit,
)
from .render import MEMORY0_PAGES

SCALARS = (U8, U16, U32, U64, I8, I16, I32, I64, USIZE, ISIZE)
#: trap kinds that are out-of-bounds accesses: memory after them is not specified (reference 10.7)
OUT_OF_BOUNDS_TRAPS = frozenset({"probe", "past4g", "bulk", "grow"})
ELEMENT_TYPES = (U8, U16, U32, U64, I8, I16, I32, I64)
#: Where generated data lives: far memories from FAR_HEAP (their statics are below),
#: memory 0 from HEAP0 (above the stack and data).
FAR_HEAP = 4096
HEAP0 = (MEMORY0_PAGES - 1) * m.PAGE
HEAP_BYTES = 1536
EDGE_BYTES = 64
FAR_STATIC_BYTES = 2048
FNV = 0x100000001B3


#: Constructs that can be switched off by name (`Config.avoid`, `scripts/difftest.py --avoid`).
FEATURES = {
    "memory64-past-4gib": "trap runs that access a 64-bit memory just past 4 GiB",
    "memory64-stored-pointer": "pointers into a 64-bit memory stored in memory (pointer cells)",
    "cells": "pointers stored in memory and loaded back (nested far pointers)",
    "grow": "memory_grow with a non-zero delta",
    "static-distance": "offset_from between pointers into a static",
}
#: Features that hit a recorded, still open bug (see /work/coord/bugs.md and the
#: `KNOWN-BUG` regression programs in tests/programs/), left out by default so that
#: runs keep hunting for new bugs (`scripts/difftest.py --all-features` puts them
#: back). Remove an entry when its bug is fixed. History: "memory64-past-4gib" and
#: "memory64-stored-pointer" (found 2026-12-01, fixed by backend in 13c1aa5);
#: "static-distance" (-O0 aborted LLVM on a negative distance between two addresses
#: of a static, tests/programs/static_offset_from.rs; fixed by backend in db41d65,
#: then 3,400 campaign programs ran with it on).
KNOWN_BUGS: dict[str, str] = {}


@dataclass(frozen=True)
class Config:
    """Knobs of the generator (the long run may vary them)."""

    far_memories: tuple[int, int] = (1, 3)
    tests: tuple[int, int] = (2, 4)
    statements: tuple[int, int] = (4, 9)
    kernels: tuple[int, int] = (1, 2)
    helpers: tuple[int, int] = (0, 2)
    p_memory64: float = 0.3
    p_import: float = 0.2
    p_trap: float = 0.8
    depth: int = 2
    #: features (keys of KNOWN_BUGS) not to generate
    avoid: frozenset[str] = frozenset(KNOWN_BUGS)


@dataclass(frozen=True)
class Buffer:
    """`count` elements of `elem` at byte `address` of memory `mem` (a heap buffer)."""

    mem: int
    address: int
    elem: m.Ty
    count: int
    #: struct buffers and pointer cells: no other views, no bulk writes of other types
    exclusive: bool = False

    def base(self, addr_ty: m.IntTy, mutable: bool = True) -> m.Expr:
        return m.int_to_ptr(lit(self.address, addr_ty), PtrTy(self.mem, self.elem, mutable))


@dataclass(frozen=True)
class PtrVal:
    """A pointer expression and what the generator knows about it."""

    expr: m.Expr
    extent: int  # elements accessible at expr.add(0 .. extent)
    back: int = 0  # elements accessible at expr.sub(1 .. back)
    observable: bool = False  # a heap address: may become an integer or be stored
    buffer: Buffer | None = None
    static: bool = False  # into a static

    @property
    def ty(self) -> PtrTy:
        return self.expr.ty

    @property
    def mem(self) -> m.MemRef:
        return self.expr.ty.mem


@dataclass
class Scope:
    """What a function body can use."""

    ints: list[Var] = field(default_factory=list)  # readable integer locals and params
    mutable_ints: list[Var] = field(default_factory=list)
    ptrs: list[PtrVal] = field(default_factory=list)
    generic: bool = False  # in a kernel: no concrete-memory-only operations on its params

    def child(self) -> "Scope":
        return Scope(list(self.ints), list(self.mutable_ints), list(self.ptrs), self.generic)


@dataclass(frozen=True)
class Kernel:
    """A generic helper's contract: pointer params and the elements each must reach."""

    func: m.Function
    extents: tuple[int, ...]  # per pointer param
    count_bound: int  # the `n` param must be <= this


class ProgramGenerator:
    def __init__(self, seed: int, config: Config = Config()):
        self.seed = seed
        self.rng = random.Random(seed)
        self.cfg = config
        self.memories: list[m.Memory] = []
        self.structs: list[m.StructTy] = []
        self.statics: list[m.Static] = []
        self.functions: list[m.Function] = []
        self.buffers: list[Buffer] = []
        self.kernels: list[Kernel] = []
        self.helpers: list[m.Function] = []
        self.cell_buffers: list[Buffer] = []  # pointer cells: only `_stmt_cell` touches them
        self.cells: list[Buffer] = []  # the cells not yet used (each is used by one group)
        self._heap: dict[int, int] = {}
        self.no_grow = False
        #: the functions that may grow a memory: the trap function's prelude calls none of them
        self.growing: set[str] = set()
        self._counter = 0

    # -- small helpers -----------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def fresh(self, prefix: str = "v") -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    def addr_ty(self, mem: int) -> m.IntTy:
        return self.mem(mem).address_type

    def mem(self, index: int) -> m.Memory:
        return next(x for x in self.memories if x.index == index)

    @property
    def far(self) -> list[m.Memory]:
        return [x for x in self.memories if x.index != 0]

    def value_of(self, ty: m.IntTy) -> int:
        """An interesting value of `ty` (edges are likely)."""
        choices = [0, 1, 2, 3, 7, 8, 100, ty.max, ty.min, ty.max - 1, ty.max // 2 + 1]
        if ty.signed:
            choices += [-1, -2, ty.min + 1]
        value = self.rng.choice(choices) if self.chance(0.6) else self.rng.randint(ty.min, ty.max)
        return ty.wrap(value)

    def literal(self, ty: m.IntTy) -> m.Lit:
        return lit(self.value_of(ty), ty)

    def small(self, ty: m.IntTy, hi: int = 16) -> m.Lit:
        return lit(self.rng.randint(0, hi), ty)

    # -- the program -------------------------------------------------------

    def generate(self) -> m.Program:
        self._memories()
        self._structs()
        self._buffers()
        self._statics()
        for _ in range(self.rng.randint(*self.cfg.kernels)):
            self._kernel()
        for _ in range(self.rng.randint(*self.cfg.helpers)):
            self._helper()
        calls = []
        for k in range(self.rng.randint(*self.cfg.tests)):
            func = self._test_function(f"t{k}")
            calls.append(m.CallSpec(func.name, tuple(self.value_of(p.ty) for p in func.params)))
        calls.append(m.CallSpec(self._checksum_function().name, ()))
        trap_call, expected, memory_defined = None, None, True
        if self.chance(self.cfg.p_trap):
            trap_call, expected, memory_defined = self._trap_function()
        return m.Program(
            memories=tuple(self.memories), structs=tuple(self.structs), statics=tuple(self.statics),
            functions=tuple(self.functions), calls=tuple(calls), trap_call=trap_call,
            regions=tuple(self._regions()), trap_expected=expected, trap_memory_defined=memory_defined)

    def _memories(self) -> None:
        self.memories.append(m.Memory(0, min_pages=MEMORY0_PAGES))
        count = self.rng.randint(*self.cfg.far_memories)
        indices = sorted(self.rng.sample([1, 2, 3, 5, 7], count))
        imported_any = False
        for index in indices:
            wide = self.chance(self.cfg.p_memory64)
            min_pages = self.rng.choice([1, 1, 2])
            max_pages = self.rng.choice([None, min_pages, min_pages + 1, min_pages + 2])
            imported = self.chance(self.cfg.p_import)
            imported_any |= imported
            self.memories.append(m.Memory(
                index, memory64=wide, min_pages=min_pages, max_pages=max_pages,
                export=None if imported else f"m{index}",
                import_from=("env", f"m{index}") if imported else None))
        defined = [x for x in self.far if x.import_from is None]
        if defined and not imported_any and self.chance(0.25):
            chosen = self.rng.choice(defined)
            self.memories[self.memories.index(chosen)] = replace(chosen, wasm_index=0)

    def _structs(self) -> None:
        for k in range(self.rng.randint(1, 3)):
            fields = []
            for j in range(self.rng.randint(2, 5)):
                choice = self.rng.random()
                if choice < 0.15:
                    fty: m.Ty = m.ArrayTy(self.rng.choice((U8, U16)), self.rng.randint(1, 3))
                elif choice < 0.25 and self.structs:
                    fty = self.rng.choice(self.structs)
                else:
                    fty = self.rng.choice(ELEMENT_TYPES)
                fields.append((f"f{j}", fty))
            self.structs.append(m.StructTy(f"S{k}", tuple(fields)))

    def _alloc(self, mem: int, size: int, align: int) -> int | None:
        start = FAR_HEAP if mem != 0 else HEAP0
        cursor = self._heap.get(mem, start)
        address = (cursor + max(align, 8) - 1) // max(align, 8) * max(align, 8)
        if address + size > start + HEAP_BYTES:
            return None
        self._heap[mem] = address + size
        return address

    def _buffer(self, mem: int, elem: m.Ty, count: int, exclusive: bool = False) -> Buffer | None:
        size, align = m.layout(elem, self.wide)
        address = self._alloc(mem, size * count, align)
        if address is None:
            return None
        buf = Buffer(mem, address, elem, count, exclusive)
        self.buffers.append(buf)
        return buf

    @property
    def wide(self) -> dict[int, bool]:
        return {x.index: x.memory64 for x in self.memories}

    def _buffers(self) -> None:
        for mem in self.memories:
            for _ in range(self.rng.randint(2, 4)):
                elem = self.rng.choice(ELEMENT_TYPES)
                buf = self._buffer(mem.index, elem, self.rng.choice([4, 8, 16, 32, 64, 64]))
                if buf is not None and self.chance(0.5):  # a view of the same bytes as another type
                    other = self.rng.choice(ELEMENT_TYPES)
                    osize = m.layout(other, self.wide)[0]
                    total = m.layout(elem, self.wide)[0] * buf.count
                    if total >= osize:
                        self.buffers.append(Buffer(mem.index, buf.address, other, total // osize))
            if self.structs and self.chance(0.8):
                self._buffer(mem.index, self.rng.choice(self.structs), self.rng.randint(2, 6), exclusive=True)
            if self.chance(0.6):
                self._buffer(mem.index, m.ArrayTy(self.rng.choice(ELEMENT_TYPES), self.rng.randint(2, 4)),
                             self.rng.randint(2, 6))
        # pointer cells: a pointer into memory j stored in memory k (near and far)
        for _ in range(self.rng.randint(0, 3) if "cells" not in self.cfg.avoid else 0):
            home = self.rng.choice(self.memories).index
            target = self.rng.choice([b for b in self.buffers if isinstance(b.elem, m.IntTy)])
            if self.mem(target.mem).memory64 and "memory64-stored-pointer" in self.cfg.avoid:
                continue
            cell = self._buffer(home, PtrTy(target.mem, target.elem), self.rng.randint(1, 3), exclusive=True)
            if cell is not None:
                self.cells.append(cell)
                self.cell_buffers.append(cell)

    def _statics(self) -> None:
        far_used: dict[int, int] = {}
        for k in range(self.rng.randint(1, 4)):
            mem = self.rng.choice(self.memories).index
            ty = self._static_type()
            init = self._const_value(ty)
            near_address = None
            if mem != 0:
                size, align = m.layout(ty, self.wide)
                cursor = far_used.get(mem, 16)
                near_address = (cursor + align - 1) // align * align
                if near_address + size > FAR_STATIC_BYTES:
                    continue
                far_used[mem] = near_address + size
            self.statics.append(m.Static(f"G{k}", ty, init, mem, mutable=self.chance(0.85),
                                         near_address=near_address))

    def _static_type(self) -> m.Ty:
        choice = self.rng.random()
        if choice < 0.5:
            return m.ArrayTy(self.rng.choice(ELEMENT_TYPES), self.rng.choice([2, 4, 8]))
        if choice < 0.75 and self.structs:
            return self.rng.choice(self.structs)
        return self.rng.choice(ELEMENT_TYPES)

    def _const_value(self, ty: m.Ty) -> m.Expr:
        if isinstance(ty, m.IntTy):
            return self.literal(ty)
        if isinstance(ty, m.ArrayTy):
            if self.chance(0.3):
                return m.ArrayRepeat(self._const_value(ty.elem), ty.length, ty)
            return m.array_lit([self._const_value(ty.elem) for _ in range(ty.length)])
        assert isinstance(ty, m.StructTy)
        return m.struct_lit(ty, [self._const_value(fty) for _, fty in ty.fields])

    def _regions(self) -> list[m.Region]:
        regions = []
        for mem in self.memories:
            start = HEAP0 if mem.index == 0 else FAR_HEAP
            masked = set()
            for buf in self.buffers:
                if buf.mem == mem.index:
                    size = m.layout(buf.elem, self.wide)[0]
                    pads = m.padding_bytes(buf.elem, self.wide)
                    masked |= {buf.address + i * size + b for i in range(buf.count) for b in pads}
            regions.append(m.Region(mem.index, start, start + HEAP_BYTES, frozenset(masked)))
            end = mem.min_pages * m.PAGE
            regions.append(m.Region(mem.index, end - EDGE_BYTES, end))
        return regions

    # -- pointers ----------------------------------------------------------

    def heap_ptrs(self, scope: Scope) -> list[PtrVal]:
        """Pointers to the buffers (plus the scope's own), as candidates for an access."""
        vals = list(scope.ptrs)
        for buf in self.buffers:
            if buf in self.cell_buffers:
                continue
            vals.append(PtrVal(buf.base(self.addr_ty(buf.mem)), buf.count, 0, True, buf))
        return vals

    def static_ptrs(self) -> list[PtrVal]:
        vals = []
        for s in self.statics:
            if isinstance(s.ty, m.ArrayTy) and s.mutable:
                place = m.StaticRef(s.name, s.ty, s.mem)
                whole = m.addr_of(place, s.mem, True)
                vals.append(PtrVal(m.ptr_cast(whole, pointee=s.ty.elem), s.ty.length, static=True))
        return vals

    def pick_ptr(self, scope: Scope, want=None, writable: bool = False) -> PtrVal | None:
        vals = [v for v in self.heap_ptrs(scope) + self.static_ptrs()
                if (want is None or want(v)) and (not writable or v.ty.mutable)]
        return self.rng.choice(vals) if vals else None

    def element_ptr(self, pv: PtrVal, scope: Scope) -> m.Expr:
        """A pointer to one element that `pv` reaches, by some pointer arithmetic."""
        e = pv.expr
        choice = self.rng.random()
        if pv.extent == 1 and pv.back == 0:
            return e
        if choice < 0.45:
            return m.ptr_offset(e, "add", self.index_expr(pv.extent, scope))
        if choice < 0.6:
            offset = m.cast(self.index_expr(pv.extent, scope), ISIZE)
            if pv.back and self.chance(0.5):  # may step back before `e`, never past what is behind it
                offset = binary("-", offset, lit(self.rng.randint(0, pv.back), ISIZE))
            return m.ptr_offset(e, "offset", offset)
        if choice < 0.75 and pv.extent > 1:
            far = self.rng.randint(1, pv.extent - 1)
            moved = m.ptr_offset(e, "add", lit(far, USIZE))
            return m.ptr_offset(moved, "sub", self.index_expr(far + 1, scope))
        if choice < 0.85 and pv.back:
            return m.ptr_offset(e, "sub", lit(self.rng.randint(1, pv.back), USIZE))
        return m.ptr_offset(e, "add", lit(self.rng.randint(0, pv.extent - 1), USIZE))

    def index_expr(self, n: int, scope: Scope) -> m.Expr:
        """A usize below n."""
        if n == 1:
            return lit(0, USIZE)
        if self.chance(0.3):
            return lit(self.rng.randint(0, n - 1), USIZE)
        return bounded(self.int_expr(self.rng.choice(SCALARS), scope, 1), n)

    def scalar_places(self, place: m.Expr) -> list[m.Expr]:
        """Integer (or pointer-cell) places inside `place`, one per path, with bounded indices."""
        ty = place.ty
        if isinstance(ty, (m.IntTy, PtrTy)):
            return [place]
        if isinstance(ty, m.ArrayTy):
            idx = lit(self.rng.randint(0, ty.length - 1), USIZE)
            return self.scalar_places(m.index(place, idx))
        if isinstance(ty, m.StructTy):
            out = []
            for name, _ in ty.fields:
                out += self.scalar_places(m.field_of(place, name))
            return out
        return []

    def int_place(self, scope: Scope, writable: bool) -> m.Expr | None:
        """An integer place in memory: a buffer element (or a part of one), or a static."""
        if self.chance(0.25) and self.statics:
            statics = [s for s in self.statics if s.mutable or not writable]
            if statics:
                s = self.rng.choice(statics)
                place: m.Expr = m.StaticRef(s.name, s.ty, s.mem)
                if isinstance(s.ty, m.ArrayTy) and self.chance(0.5):
                    place = m.index(place, self.index_expr(s.ty.length, scope))
                ints = [p for p in self.scalar_places(place) if isinstance(p.ty, m.IntTy)]
                if ints:
                    return self.rng.choice(ints)
        pv = self.pick_ptr(scope, writable=writable,
                           want=lambda v: not isinstance(v.ty.pointee, PtrTy))
        if pv is None:
            return None
        target = deref(self.element_ptr(pv, scope))
        if isinstance(target.ty, m.ArrayTy) and self.chance(0.5):
            target = m.index(target, self.index_expr(target.ty.length, scope))
        ints = [p for p in self.scalar_places(target) if isinstance(p.ty, m.IntTy)]
        return self.rng.choice(ints) if ints else None

    # -- integer expressions ----------------------------------------------

    def int_expr(self, ty: m.IntTy, scope: Scope, depth: int | None = None) -> m.Expr:
        depth = self.cfg.depth if depth is None else depth
        if depth <= 0 or self.chance(0.3):
            return self.int_leaf(ty, scope)
        kind = self.rng.choices(
            ["arith", "shift", "unary", "cast", "if", "method", "div"], [6, 2, 1, 2, 1, 1, 1])[0]
        sub = depth - 1
        if kind == "arith":
            op = self.rng.choice(["+", "-", "*", "&", "|", "^"])
            return binary(op, self.int_expr(ty, scope, sub), self.int_expr(ty, scope, sub))
        if kind == "shift":
            amount = self.int_expr(self.rng.choice(SCALARS), scope, sub)
            return binary(self.rng.choice(["<<", ">>"]), self.int_expr(ty, scope, sub), amount)
        if kind == "unary":
            op = "-" if ty.signed and self.chance(0.5) else "!"
            return m.unary(op, self.int_expr(ty, scope, sub))
        if kind == "cast":
            return m.Cast(self.int_expr(self.rng.choice(SCALARS), scope, sub), ty)
        if kind == "if":
            cty = self.rng.choice(SCALARS)
            cond = binary(self.rng.choice(m.COMPARE_OPS), self.int_expr(cty, scope, sub), self.int_expr(cty, scope, sub))
            return m.IfExpr(cond, self.int_expr(ty, scope, sub), self.int_expr(ty, scope, sub), ty)
        if kind == "method":
            name = self.rng.choice(["wrapping_add", "wrapping_sub", "wrapping_mul"])
            return m.IntMethod(self.int_expr(ty, scope, sub), name, self.int_expr(ty, scope, sub), ty)
        divisor = self.int_expr(ty, scope, sub)
        if ty.signed:  # neither zero nor -1 (MIN / -1 traps)
            divisor = binary("&", divisor, lit(ty.max, ty))
        return binary(self.rng.choice(["/", "%"]), self.int_expr(ty, scope, sub), m.NonZero(divisor, ty))

    def int_leaf(self, ty: m.IntTy, scope: Scope) -> m.Expr:
        kind = self.rng.choices(["lit", "var", "load", "size", "distance", "address", "null", "helper", "memidx"],
                                [3, 4, 4, 0.5, 0.7, 0.5, 0.2, 0.6, 0.4])[0]
        if kind == "var" and scope.ints:
            return m.cast(self.rng.choice(scope.ints), ty)
        if kind == "load":
            place = self.int_place(scope, writable=False)
            if place is not None:
                if isinstance(place, m.Deref) and self.chance(0.3):
                    return m.cast(m.PtrRead(place.ptr, place.ty), ty)
                return m.cast(place, ty)
        if kind == "size":
            mem = self.rng.choice(self.memories)
            return m.cast(m.MemorySize(mem.index, mem.address_type), ty)
        if kind == "distance":
            pv = self.pick_ptr(scope, want=lambda v: v.extent > 1 and isinstance(v.mem, int)
                               and not (v.static and "static-distance" in self.cfg.avoid))
            if pv is not None:
                a = self.element_ptr(pv, scope)
                b = self.element_ptr(pv, scope)
                return m.cast(m.offset_from(a, b, self.mem(pv.mem).memory64), ty)
        if kind == "address":
            pv = self.pick_ptr(scope, want=lambda v: v.observable and isinstance(v.mem, int))
            if pv is not None:
                addr = self.addr_ty(pv.mem)
                return m.cast(m.PtrToInt(self.element_ptr(pv, scope), addr), ty)
        if kind == "null":
            pv = self.pick_ptr(scope, want=lambda v: isinstance(v.mem, int))
            if pv is not None:
                return m.cast(m.IsNull(pv.expr), ty)
        int_helpers = [h for h in self.callable(self.helpers) if m.is_int(h.ret)]
        if kind == "helper" and int_helpers:
            func = self.rng.choice(int_helpers)
            args = [self.int_expr(p.ty, scope, 1) for p in func.params]
            return m.cast(m.call(func, (), args), ty)
        if kind == "memidx":
            bufs = [b for b in self.buffers if isinstance(b.elem, m.IntTy) and not self.mem(b.mem).memory64]
            if bufs:
                buf = self.rng.choice(bufs)
                size = m.layout(buf.elem, self.wide)[0]
                addr = binary("+", lit(buf.address, USIZE),
                              binary("*", self.index_expr(buf.count, scope), lit(size, USIZE)))
                return m.cast(m.LoadMemIdx(buf.mem, addr, buf.elem), ty)
        return self.literal(ty)

    # -- statements --------------------------------------------------------

    def statements(self, scope: Scope, acc: Var, budget: int, depth: int) -> list[m.Stmt]:
        out: list[m.Stmt] = []
        for _ in range(budget):
            out += self.statement(scope, acc, depth)
        return out

    def statement(self, scope: Scope, acc: Var, depth: int) -> list[m.Stmt]:
        kinds = {
            "store": 5, "mix": 5, "let_int": 2, "loop": 3, "copy": 2, "fill": 1, "kernel": 2, "if": 2,
            "let_ptr": 2, "local_array": 1, "struct": 2, "cell": 1.5, "memory": 1, "memidx": 0.7,
            "bump": 1, "assign_local": 1,
        }
        if depth <= 0:
            kinds["if"] = kinds["loop"] = kinds["bump"] = 0
        if scope.generic:
            kinds["kernel"] = 0
        kind = self.rng.choices(list(kinds), list(kinds.values()))[0]
        result = getattr(self, f"_stmt_{kind}")(scope, acc, depth)
        return result if result is not None else self._stmt_mix(scope, acc, depth)

    def mix(self, acc: Var, value: m.Expr) -> m.Stmt:
        value = m.cast(value, U64)
        choice = self.rng.random()
        if choice < 0.6:
            return Assign(acc, binary("*", binary("^", acc, value), lit(FNV, U64)))
        if choice < 0.8:
            return Assign(acc, value, "+")
        return Assign(acc, m.IntMethod(acc, "wrapping_mul", binary("|", value, lit(1, U64)), U64))

    def _stmt_mix(self, scope, acc, depth):
        return [self.mix(acc, self.int_expr(self.rng.choice(SCALARS), scope))]

    def _stmt_store(self, scope, acc, depth):
        place = self.int_place(scope, writable=True)
        if place is None:
            return None
        value = self.int_expr(place.ty, scope)
        if isinstance(place, m.Deref) and self.chance(0.3):
            return [ExprStmt(m.PtrWrite(place.ptr, value))]
        op = self.rng.choice([None, None, None, "+", "^", "-"])
        return [Assign(place, value, op)]

    def _stmt_let_int(self, scope, acc, depth):
        ty = self.rng.choice(SCALARS)
        var = Var(self.fresh(), ty)
        mutable = self.chance(0.4)
        stmt = Let(var.name, ty, self.int_expr(ty, scope), mutable)
        scope.ints.append(var)
        if mutable:
            scope.mutable_ints.append(var)
        return [stmt]

    def _stmt_assign_local(self, scope, acc, depth):
        if not scope.mutable_ints:
            return None
        var = self.rng.choice(scope.mutable_ints)
        return [Assign(var, self.int_expr(var.ty, scope), self.rng.choice([None, "+", "*", "|"]))]

    def _stmt_if(self, scope, acc, depth):
        cty = self.rng.choice(SCALARS)
        cond = binary(self.rng.choice(m.COMPARE_OPS), self.int_expr(cty, scope, 1), self.int_expr(cty, scope, 1))
        then = Block(tuple(self.statements(scope.child(), acc, self.rng.randint(1, 3), depth - 1)))
        other = None
        if self.chance(0.5):
            other = Block(tuple(self.statements(scope.child(), acc, self.rng.randint(1, 3), depth - 1)))
        return [If(cond, then, other)]

    def _stmt_let_ptr(self, scope, acc, depth):
        pv = self.pick_ptr(scope, want=lambda v: v.extent > 1)
        if pv is None:
            return None
        moved = self.rng.randint(0, pv.extent - 1)
        expr = m.ptr_offset(pv.expr, "add", lit(moved, USIZE)) if moved else pv.expr
        if self.chance(0.3) and isinstance(pv.ty.pointee, m.IntTy):  # a view as another integer type
            other = self.rng.choice(ELEMENT_TYPES)
            osize, esize = m.layout(other, self.wide)[0], m.layout(pv.ty.pointee, self.wide)[0]
            if osize <= esize and not (pv.buffer and pv.buffer.exclusive):
                expr = m.ptr_cast(expr, pointee=other)
                ratio = esize // osize
                name = self.fresh("p")
                scope.ptrs.append(PtrVal(Var(name, expr.ty), (pv.extent - moved) * ratio, (pv.back + moved) * ratio,
                                         pv.observable, None, pv.static))
                return [Let(name, expr.ty, expr)]
        if not pv.ty.mutable or self.chance(0.2):
            expr = m.ptr_cast(expr, mutable=not pv.ty.mutable) if self.chance(0.5) else expr
        name = self.fresh("p")
        scope.ptrs.append(PtrVal(Var(name, expr.ty), pv.extent - moved, pv.back + moved, pv.observable, pv.buffer,
                                 pv.static))
        return [Let(name, expr.ty, expr)]

    def _stmt_local_array(self, scope, acc, depth):
        elem = self.rng.choice(ELEMENT_TYPES)
        length = self.rng.randint(2, 8)
        ty = m.ArrayTy(elem, length)
        name = self.fresh("arr")
        init = m.ArrayRepeat(self.literal(elem), length, ty) if self.chance(0.5) else m.array_lit(
            [self.int_expr(elem, scope, 1) for _ in range(length)])
        var = Var(name, ty)
        stmts: list[m.Stmt] = [Let(name, ty, init, True)]
        for _ in range(self.rng.randint(1, 3)):
            stmts.append(Assign(m.index(var, self.index_expr(length, scope)), self.int_expr(elem, scope)))
        if self.chance(0.5):  # through a pointer to the local (memory 0, the stack)
            ptr = m.ptr_cast(m.addr_of(var, 0, True), pointee=elem)
            scope.ptrs.append(PtrVal(ptr, length))
        stmts.append(self.mix(acc, m.index(var, self.index_expr(length, scope))))
        return stmts

    def _stmt_struct(self, scope, acc, depth):
        bufs = [b for b in self.buffers if isinstance(b.elem, m.StructTy)]
        if not bufs:
            return None
        buf = self.rng.choice(bufs)
        sty = buf.elem
        pv = PtrVal(buf.base(self.addr_ty(buf.mem)), buf.count, 0, True, buf)
        target = deref(self.element_ptr(pv, scope))
        choice = self.rng.random()
        if choice < 0.35:
            value = self._struct_value(sty, scope)
            return [Assign(target, value)]
        if choice < 0.6:  # struct to struct, through a local
            name = self.fresh("s")
            source = deref(self.element_ptr(pv, scope))
            var = Var(name, sty)
            field_place = self.rng.choice([p for p in self.scalar_places(var) if isinstance(p.ty, m.IntTy)])
            return [Let(name, sty, source, True), Assign(field_place, self.int_expr(field_place.ty, scope)),
                    Assign(target, var), self.mix(acc, field_place)]
        leaf = self.rng.choice([p for p in self.scalar_places(target) if isinstance(p.ty, m.IntTy)])
        return [Assign(leaf, self.int_expr(leaf.ty, scope)), self.mix(acc, leaf)]

    def _struct_value(self, sty: m.StructTy, scope: Scope) -> m.Expr:
        helpers = [h for h in self.callable(self.helpers) if h.ret == sty]
        if helpers and self.chance(0.4):
            func = self.rng.choice(helpers)
            return m.call(func, (), [self._value(p.ty, scope) for p in func.params])
        return m.struct_lit(sty, [self._value(fty, scope) for _, fty in sty.fields])

    def _value(self, ty: m.Ty, scope: Scope) -> m.Expr:
        if isinstance(ty, m.IntTy):
            return self.int_expr(ty, scope, 1)
        if isinstance(ty, m.ArrayTy):
            return m.array_lit([self._value(ty.elem, scope) for _ in range(ty.length)])
        assert isinstance(ty, m.StructTy)
        return self._struct_value(ty, scope)

    def _stmt_loop(self, scope, acc, depth):
        """A counted loop over buffers, the kind LLVM vectorizes (or turns into memset/memcpy)."""
        # long buffers: LLVM knows the trip count's bound, and vectorizes only when it is large enough
        shortest = 16 if self.chance(0.7) else 2
        dst = self.pick_ptr(scope, writable=True,
                            want=lambda v: isinstance(v.ty.pointee, m.IntTy) and v.extent >= shortest)
        if dst is None:
            return None
        srcs = [self.pick_ptr(scope, want=lambda v: isinstance(v.ty.pointee, m.IntTy) and v.extent >= shortest)
                for _ in range(self.rng.randint(0, 2))]
        srcs = [s for s in srcs if s is not None]
        if dst.buffer is not None and self.chance(0.3) and dst.extent > 2:  # overlapping: dst[i] = f(dst[i+1])
            shifted = m.ptr_offset(dst.expr, "add", lit(1, USIZE))
            srcs.append(PtrVal(shifted, dst.extent - 1, 0, dst.observable, dst.buffer))
        bound = min([dst.extent] + [s.extent for s in srcs])
        n, i = Var(self.fresh("n"), USIZE), Var(self.fresh("i"), USIZE)
        elem = dst.ty.pointee
        loads = [m.cast(deref(m.ptr_offset(s.expr, "add", i)), elem) for s in srcs]
        value = self.loop_value(elem, loads, scope)
        body: list[m.Stmt] = []
        reduce = Var(self.fresh("r"), U64)
        if self.chance(0.6):
            body.append(Assign(deref(m.ptr_offset(dst.expr, "add", i)), value))
        else:
            body.append(Assign(reduce, m.cast(value, U64), "+"))
        body.append(Assign(i, lit(1, USIZE), "+"))
        count = lit(bound, USIZE) if self.chance(0.2) else bounded(self.int_expr(self.rng.choice(SCALARS), scope, 1),
                                                                      bound + 1)
        return [Let(n.name, USIZE, count), Let(i.name, USIZE, lit(0, USIZE), True),
                Let(reduce.name, U64, lit(0, U64), True),
                While(binary("<", i, n), Block(tuple(body))), self.mix(acc, reduce)]

    def loop_value(self, ty: m.IntTy, loads: list[m.Expr], scope: Scope, depth: int = 2) -> m.Expr:
        """A vectorizable element expression over the loads and loop invariants."""
        if depth == 0 or self.chance(0.25):
            if loads and self.chance(0.7):
                return self.rng.choice(loads)
            if scope.ints and self.chance(0.5):
                return m.cast(self.rng.choice(scope.ints), ty)
            return self.literal(ty)
        op = self.rng.choice(["+", "-", "*", "&", "|", "^", "<<", ">>", "if"])
        a, b = self.loop_value(ty, loads, scope, depth - 1), self.loop_value(ty, loads, scope, depth - 1)
        if op in ("<<", ">>"):
            return binary(op, a, self.small(U32, 40))
        if op == "if":
            return m.IfExpr(binary(self.rng.choice(m.COMPARE_OPS), a, b), a, b, ty)
        return binary(op, a, b)

    def _stmt_bump(self, scope, acc, depth):
        """A loop that moves a pointer along a buffer."""
        pv = self.pick_ptr(scope, writable=True, want=lambda v: isinstance(v.ty.pointee, m.IntTy) and v.extent > 1)
        if pv is None:
            return None
        p, i = Var(self.fresh("p"), pv.ty), Var(self.fresh("i"), USIZE)
        n = bounded(self.int_expr(self.rng.choice(SCALARS), scope, 1), pv.extent + 1)
        inner = scope.child()
        inner.ptrs.append(PtrVal(p, 1))
        elem = pv.ty.pointee
        here = deref(p)
        body = [Assign(here, binary("+", m.cast(i, elem), self.loop_value(elem, [here], inner, 1))),
                self.mix(acc, here), Assign(p, m.ptr_offset(p, "add", lit(1, USIZE))), Assign(i, lit(1, USIZE), "+")]
        nv = Var(self.fresh("n"), USIZE)
        return [Let(p.name, pv.ty, pv.expr, True), Let(i.name, USIZE, lit(0, USIZE), True), Let(nv.name, USIZE, n),
                While(binary("<", i, nv), Block(tuple(body)))]

    def _stmt_copy(self, scope, acc, depth):
        src = self.pick_ptr(scope, want=lambda v: isinstance(v.ty.pointee, m.IntTy))
        if src is None:
            return None
        elem = src.ty.pointee
        dst = self.pick_ptr(scope, writable=True, want=lambda v: v.ty.pointee == elem)
        if dst is None:
            return None
        src_ptr, dst_ptr = src.expr, dst.expr
        room = min(src.extent, dst.extent)
        overlapping = dst.buffer is not None and src.buffer is not None and (
            dst.buffer.mem == src.buffer.mem and dst.buffer.address == src.buffer.address)
        if (overlapping or self.chance(0.3)) and dst.buffer is not None and dst.extent > 1:
            # within one buffer: both ends move, the ranges overlap
            shift = self.rng.randint(1, dst.extent - 1)
            src_ptr, dst_ptr = dst.expr, m.ptr_offset(dst.expr, "add", lit(shift, USIZE))
            if self.chance(0.5):
                src_ptr, dst_ptr = dst_ptr, src_ptr
            room = dst.extent - shift
            nonoverlapping = False
        else:
            nonoverlapping = disjoint(src, dst) and self.chance(0.7)
        if src_ptr.ty.mutable:
            src_ptr = m.ptr_cast(src_ptr, mutable=False)
        count = self.index_expr(room + 1, scope)
        return [ExprStmt(m.BulkCopy(src_ptr, dst_ptr, count, nonoverlapping))]

    def _stmt_fill(self, scope, acc, depth):
        dst = self.pick_ptr(scope, writable=True, want=lambda v: not (v.buffer and v.buffer.exclusive)
                            and not isinstance(v.ty.pointee, PtrTy))
        if dst is None:
            return None
        count = self.index_expr(dst.extent + 1, scope)
        return [ExprStmt(m.WriteBytes(dst.expr, self.int_expr(U8, scope, 1), count))]

    def _stmt_kernel(self, scope, acc, depth):
        kernels = [k for k in self.kernels if not (self.no_grow and k.func.name in self.growing)]
        if not kernels:
            return None
        kernel = self.rng.choice(kernels)
        func = kernel.func
        generics: dict[str, int] = {}
        args: list[m.Expr] = []
        extents = iter(kernel.extents)
        for param in func.params:
            if isinstance(param.ty, PtrTy):
                need = next(extents)
                mem_param = param.ty.mem
                fixed = generics.get(mem_param)
                pv = self.pick_ptr(scope, writable=param.ty.mutable, want=lambda v, fixed=fixed, need=need, param=param: (
                    v.extent >= need and isinstance(v.mem, int) and (fixed is None or v.mem == fixed)
                    and v.ty.pointee == param.ty.pointee))
                if pv is None:
                    return None
                generics[mem_param] = pv.mem
                expr = pv.expr
                if expr.ty.mutable != param.ty.mutable:
                    expr = m.ptr_cast(expr, mutable=param.ty.mutable)
                args.append(expr)
            elif param.name == "n":
                args.append(self.index_expr(kernel.count_bound + 1, scope))
            else:
                args.append(self.int_expr(param.ty, scope, 1))
        mems = tuple(generics[p] for p in func.mem_params)
        return [self.mix(acc, m.call(func, mems, args, turbofish=self.chance(0.5)))]

    def _stmt_cell(self, scope, acc, depth):
        """Store a far pointer into memory (a pointer cell or a struct field) and use it loaded back."""
        if not self.cells:
            return None
        cell = self.cells.pop(self.rng.randrange(len(self.cells)))
        target_ty = cell.elem
        targets = [b for b in self.buffers if b.mem == target_ty.mem and b.elem == target_ty.pointee
                   and b not in self.cell_buffers]
        target = self.rng.choice(targets)
        moved = self.rng.randint(0, target.count - 1)
        value = m.ptr_offset(target.base(self.addr_ty(target.mem)), "add", lit(moved, USIZE))
        # a constant slot: the store and the load below must reach the same one
        slot_ptr = m.ptr_offset(cell.base(self.addr_ty(cell.mem)), "add", lit(self.rng.randrange(cell.count), USIZE))
        slot = deref(slot_ptr)
        loaded = Var(self.fresh("q"), target_ty)
        stmts: list[m.Stmt] = []
        if self.chance(0.3):
            stmts.append(ExprStmt(m.PtrWrite(slot.ptr, value)))
        else:
            stmts.append(Assign(slot, value))
        stmts.append(Let(loaded.name, target_ty, m.PtrRead(slot.ptr, target_ty) if self.chance(0.3) else slot))
        inner = PtrVal(loaded, target.count - moved, moved, True, target)
        scope.ptrs.append(inner)
        stmts.append(Assign(deref(self.element_ptr(inner, scope)), self.int_expr(target.elem, scope, 1)))
        stmts.append(self.mix(acc, deref(self.element_ptr(inner, scope))))
        if self.chance(0.5):
            stmts.append(self.mix(acc, m.PtrToInt(loaded, self.addr_ty(target.mem))))
        if self.chance(0.4):  # the pointer's own bytes, read as an integer
            stmts.append(self.mix(acc, deref(m.ptr_cast(slot.ptr, pointee=self.addr_ty(target.mem)))))
        return stmts

    def _stmt_memory(self, scope, acc, depth):
        mem = self.rng.choice(self.memories)
        addr = mem.address_type
        stmts: list[m.Stmt] = []
        if self.no_grow or "grow" in self.cfg.avoid:
            pass
        elif mem.index != 0 and (mem.max_pages is not None) and self.chance(0.5):
            delta = self.index_expr(3, scope) if mem.max_pages > mem.min_pages else lit(0, USIZE)
            stmts.append(self.mix(acc, m.MemoryGrow(mem.index, m.cast(delta, addr), addr)))
        elif mem.index != 0 and mem.max_pages is None and self.chance(0.3):
            stmts.append(self.mix(acc, m.MemoryGrow(mem.index, lit(0, addr), addr)))
        # an access at the current end of the memory (in bounds)
        end = Var(self.fresh("end"), addr)
        stmts.append(Let(end.name, addr, binary("*", m.MemorySize(mem.index, addr), lit(m.PAGE, addr))))
        ty = self.rng.choice(ELEMENT_TYPES)
        size = m.layout(ty, self.wide)[0]
        back = lit(size * self.rng.randint(1, EDGE_BYTES // size), addr)
        ptr = m.int_to_ptr(binary("-", end, back), PtrTy(mem.index, ty))
        if self.chance(0.5):
            stmts.append(Assign(deref(ptr), self.int_expr(ty, scope, 1)))
        stmts.append(self.mix(acc, deref(ptr)))
        return stmts

    def _stmt_memidx(self, scope, acc, depth):
        bufs = [b for b in self.buffers if isinstance(b.elem, m.IntTy) and not self.mem(b.mem).memory64
                and not b.exclusive]
        if not bufs:
            return None
        buf = self.rng.choice(bufs)
        size = m.layout(buf.elem, self.wide)[0]
        addr = binary("+", lit(buf.address, USIZE), binary("*", self.index_expr(buf.count, scope), lit(size, USIZE)))
        return [ExprStmt(m.StoreMemIdx(buf.mem, addr, self.int_expr(buf.elem, scope, 1)))]

    # -- functions ---------------------------------------------------------

    def _body(self, scope: Scope, ret: m.IntTy, budget: int, depth: int) -> m.Block:
        acc = Var("acc", U64)
        stmts: list[m.Stmt] = [Let("acc", U64, lit(self.rng.getrandbits(64), U64), True)]
        stmts += self.statements(scope, acc, budget, depth)
        return Block(tuple(stmts), m.cast(acc, ret))

    def _test_function(self, name: str) -> m.Function:
        params = tuple(m.Param(f"x{k}", self.rng.choice(SCALARS)) for k in range(self.rng.randint(1, 3)))
        scope = Scope(ints=[Var(p.name, p.ty) for p in params])
        ret = self.rng.choice(SCALARS)
        body = self._body(scope, ret, self.rng.randint(*self.cfg.statements), 2)
        func = m.Function(name, params, ret, body, export=True)
        self.functions.append(func)
        return func

    def _kernel(self) -> None:
        """A function generic over the memories of its pointers."""
        name = f"k{len(self.kernels)}"
        two = self.chance(0.5)
        mem_params = ("M", "N") if two else ("M",)
        elem = self.rng.choice(ELEMENT_TYPES)
        extent = self.rng.choice([2, 4, 8, 16, 32])
        dst = m.Param("dst", PtrTy("M", elem, True))
        src = m.Param("src", PtrTy(mem_params[-1], elem if self.chance(0.7) else self.rng.choice(ELEMENT_TYPES),
                                   False))
        n = m.Param("n", USIZE)
        c = m.Param("c", self.rng.choice(SCALARS))
        params = (dst, src, n, c)
        scope = Scope(ints=[Var("n", USIZE), Var("c", c.ty)], generic=True)
        scope.ptrs += [PtrVal(Var("dst", dst.ty), extent), PtrVal(Var("src", src.ty), extent)]
        acc = Var("acc", U64)
        stmts: list[m.Stmt] = [Let("acc", U64, lit(self.rng.getrandbits(64), U64), True)]
        # the kernel's loop: runs n <= extent times over both pointers
        i = Var("i", USIZE)
        loads = [m.cast(deref(m.ptr_offset(Var("src", src.ty), "add", i)), elem),
                 m.cast(Var("c", c.ty), elem)]
        value = self.loop_value(elem, loads, scope)
        body = [Assign(deref(m.ptr_offset(Var("dst", dst.ty), "add", i)), value),
                Assign(acc, m.cast(deref(m.ptr_offset(Var("dst", dst.ty), "add", i)), U64), "+"),
                Assign(i, lit(1, USIZE), "+")]
        stmts += [Let("i", USIZE, lit(0, USIZE), True), While(binary("<", i, Var("n", USIZE)), Block(tuple(body)))]
        stmts += self.statements(scope, acc, self.rng.randint(1, 3), 1)
        ret = self.rng.choice(SCALARS)
        func = m.Function(name, params, ret, Block(tuple(stmts), m.cast(acc, ret)), mem_params=mem_params)
        self.functions.append(func)
        self.kernels.append(Kernel(func, (extent, extent), extent))
        self._note_growth(func)

    def _helper(self) -> None:
        name = f"h{len(self.helpers)}"
        if self.structs and self.chance(0.4):  # struct in, struct out (by value)
            sty = self.rng.choice(self.structs)
            params = (m.Param("s", sty), m.Param("v", self.rng.choice(SCALARS)))
            local = Var("t", sty)
            leaf = self.rng.choice([p for p in self.scalar_places(local) if isinstance(p.ty, m.IntTy)])
            scope = Scope(ints=[Var("v", params[1].ty)])
            body = Block((Let("t", sty, Var("s", sty), True), Assign(leaf, self.int_expr(leaf.ty, scope, 1))), local)
            func = m.Function(name, params, sty, body)
        else:
            params = tuple(m.Param(f"a{k}", self.rng.choice(SCALARS)) for k in range(self.rng.randint(1, 3)))
            scope = Scope(ints=[Var(p.name, p.ty) for p in params])
            ret = self.rng.choice(SCALARS)
            func = m.Function(name, params, ret, self._body(scope, ret, self.rng.randint(1, 3), 1))
        self.functions.append(func)
        self.helpers.append(func)
        self._note_growth(func)

    def callable(self, functions: list[m.Function]) -> list[m.Function]:
        """The functions a call here may pick: in the trap function's prelude,
        none that may grow a memory (that would change whether the trap happens)."""
        return [f for f in functions if not (self.no_grow and f.name in self.growing)]

    def _note_growth(self, func: m.Function) -> None:
        """Record whether the function just generated may grow a memory: its
        body grows one, or calls a function that may (those come earlier)."""
        stack: list = [func.body]
        while stack:
            node = stack.pop()
            if isinstance(node, m.MemoryGrow) or (isinstance(node, m.Call) and node.func in self.growing):
                self.growing.add(func.name)
                return
            stack += m.children(node)

    def _checksum_function(self) -> m.Function:
        """`statics() -> u64`: every static's fields, mixed (padding is never read)."""
        acc = Var("acc", U64)
        stmts: list[m.Stmt] = [Let("acc", U64, lit(0, U64), True)]
        for s in self.statics:
            for place in self.all_scalars(m.StaticRef(s.name, s.ty, s.mem)):
                stmts.append(Assign(acc, binary("*", binary("^", acc, m.cast(place, U64)), lit(FNV, U64))))
        func = m.Function("statics", (), U64, Block(tuple(stmts), acc), export=True)
        self.functions.append(func)
        return func

    def all_scalars(self, place: m.Expr) -> list[m.Expr]:
        ty = place.ty
        if isinstance(ty, m.IntTy):
            return [place]
        if isinstance(ty, m.ArrayTy):
            return [p for k in range(ty.length) for p in self.all_scalars(m.index(place, lit(k, USIZE)))]
        if isinstance(ty, m.StructTy):
            return [p for name, _ in ty.fields for p in self.all_scalars(m.field_of(place, name))]
        return []

    # -- the trap run ------------------------------------------------------

    def _trap_function(self) -> tuple[m.CallSpec, bool, bool]:
        """`trap(x)`: ordinary work, then one operation that traps iff the generator says so.
        Also whether memory after the call is defined (`Program.trap_memory_defined`)."""
        x = Var("x", U32)
        scope = Scope(ints=[])
        acc = Var("acc", U64)
        stmts: list[m.Stmt] = [Let("acc", U64, lit(self.rng.getrandbits(64), U64), True)]
        self.no_grow = True  # the prelude must not change whether the trap happens
        stmts += self.statements(scope, acc, self.rng.randint(1, 4), 1)
        self.no_grow = False
        trap = self.rng.random() < 0.5
        kind = self.rng.choice(["probe", "probe", "div", "index", "bulk", "abort", "grow", "past4g"])
        if kind == "past4g" and (not any(x.memory64 for x in self.far) or "memory64-past-4gib" in self.cfg.avoid):
            kind = "probe"
        if kind == "grow" and (not any(x.max_pages and x.max_pages > x.min_pages for x in self.far)
                               or "grow" in self.cfg.avoid):
            kind = "probe"
        arg: int
        if kind == "probe":
            mem = self.rng.choice(self.memories)
            ty = self.rng.choice(ELEMENT_TYPES)
            size = m.layout(ty, self.wide)[0]
            slack = self.rng.randint(0, 8)
            end = mem.min_pages * m.PAGE
            # address = end - size * (slack + 1) + size * x (aligned): in bounds iff x <= slack
            arg = self.rng.randint(slack + 1, slack + 64) if trap else self.rng.randint(0, slack)
            addr_ty = mem.address_type
            addr = binary("+", lit(end - size * (slack + 1), addr_ty),
                          binary("*", m.cast(x, addr_ty), lit(size, addr_ty)))
            ptr = m.int_to_ptr(addr, PtrTy(mem.index, ty))
            if self.chance(0.5):
                stmts.append(Assign(deref(ptr), self.literal(ty)))
            else:
                stmts.append(self.mix(acc, deref(ptr)))
        elif kind == "past4g":
            mem = self.rng.choice([x for x in self.far if x.memory64])
            ty = self.rng.choice(ELEMENT_TYPES)
            # the same low 32 bits with and without bit 32: a wrapped address would be in bounds
            size = m.layout(ty, self.wide)[0]
            arg = FAR_HEAP + size * self.rng.randint(0, 8)
            high = lit(1 << 32, U64) if trap else lit(0, U64)
            ptr = m.int_to_ptr(binary("+", high, m.cast(x, U64)), PtrTy(mem.index, ty))
            stmts.append(self.mix(acc, deref(ptr)) if self.chance(0.5) else Assign(deref(ptr), self.literal(ty)))
        elif kind == "div":
            ty = self.rng.choice([U8, U32, U64, I32, I64, USIZE])
            arg = 0 if trap else self.rng.randint(1, 1000)
            op = self.rng.choice(["/", "%"])
            stmts.append(self.mix(acc, binary(op, self.int_expr(ty, scope, 1), m.cast(x, ty))))
        elif kind == "index":
            length = self.rng.randint(1, 8)
            elem = self.rng.choice(ELEMENT_TYPES)
            arr = Var(self.fresh("arr"), m.ArrayTy(elem, length))
            arg = self.rng.randint(length, length + 100) if trap else self.rng.randint(0, length - 1)
            stmts += [Let(arr.name, arr.ty, m.array_lit([self.literal(elem) for _ in range(length)]), True),
                      self.mix(acc, m.index(arr, m.cast(x, USIZE)))]
        elif kind == "bulk":
            mem = self.rng.choice(self.memories)
            end = mem.min_pages * m.PAGE
            ty = self.rng.choice(ELEMENT_TYPES)
            size = m.layout(ty, self.wide)[0]
            room = EDGE_BYTES // size
            arg = self.rng.randint(room + 1, room + 50) if trap else self.rng.randint(0, room)
            dst = m.int_to_ptr(lit(end - EDGE_BYTES, mem.address_type), PtrTy(mem.index, ty))
            if self.chance(0.5):
                stmts.append(ExprStmt(m.WriteBytes(dst, self.literal(U8), m.cast(x, USIZE))))
            else:  # from the edge of another memory: in bounds exactly when the destination is
                # (not from the same memory: `copy(p, p, n)` is a no-op to LLVM even out of bounds)
                other = self.rng.choice([o for o in self.memories if o.index != mem.index])
                src = m.int_to_ptr(lit(other.min_pages * m.PAGE - EDGE_BYTES, other.address_type),
                                   PtrTy(other.index, ty, False))
                stmts.append(ExprStmt(m.BulkCopy(src, dst, m.cast(x, USIZE), self.chance(0.5))))
        elif kind == "grow":
            mem = self.rng.choice([x for x in self.far if x.max_pages and x.max_pages > x.min_pages])
            room = mem.max_pages - mem.min_pages
            # grow by x pages, then touch the first new page: valid iff 1 <= x <= room
            arg = self.rng.choice([0, room + 1, room + 5]) if trap else self.rng.randint(1, room)
            addr = mem.address_type
            stmts.append(self.mix(acc, m.MemoryGrow(mem.index, m.cast(x, addr), addr)))
            ptr = m.int_to_ptr(lit(mem.min_pages * m.PAGE, addr), PtrTy(mem.index, U32))
            stmts += [Assign(deref(ptr), lit(0xC0FFEE, U32)), self.mix(acc, deref(ptr))]
        else:  # abort
            limit = self.rng.randint(0, 100)
            arg = self.rng.randint(limit + 1, limit + 100) if trap else self.rng.randint(0, limit)
            stmts.append(If(binary(">", x, lit(limit, U32)), Block((ExprStmt(m.Abort()),))))
        stmts += self.statements(scope, acc, self.rng.randint(0, 2), 1)
        ret = self.rng.choice(SCALARS)
        func = m.Function("trap", (m.Param("x", U32),), ret, Block(tuple(stmts), m.cast(acc, ret)), export=True)
        self.functions.append(func)
        return m.CallSpec("trap", (arg,)), trap, not (trap and kind in OUT_OF_BOUNDS_TRAPS)


def disjoint(a: PtrVal, b: PtrVal) -> bool:
    """Whether everything `a` and `b` reach is known to be apart (`copy_nonoverlapping` is allowed)."""
    if isinstance(a.mem, int) and isinstance(b.mem, int) and a.mem != b.mem:
        return True
    if a.buffer is None or b.buffer is None or a.buffer.mem != b.buffer.mem:
        return False
    wide = {}  # buffers never hold pointers that copy reaches: any width will do
    a_end = a.buffer.address + layout_size(a.buffer, wide)
    b_end = b.buffer.address + layout_size(b.buffer, wide)
    return a_end <= b.buffer.address or b_end <= a.buffer.address


def layout_size(buf: Buffer, wide: dict[int, bool]) -> int:
    return m.layout(buf.elem, wide)[0] * buf.count


def generate(seed: int, config: Config = Config()) -> m.Program:
    """The program for `seed` (deterministic)."""
    return ProgramGenerator(seed, config).generate()


_ = (BOOL, I8, I16, I32, I64, U16)  # the full set of types is part of this module's vocabulary
