"""A typed model of the farc programs the generator writes.

Types, expressions and statements are frozen dataclasses; every expression
carries its type (`ty`). Build expressions with the smart constructors at
the end of this module (`deref`, `binary`, `ptr_add`, ...): they compute the
result type and assert that the operands fit, so a program assembled from
them is well typed by construction. `render.py` turns the model into source
text; nothing here knows about text.

Adding a construct (issue 9: impl blocks, enums, slices, `for` loops) means:
a node here (with its smart constructor), a case in `render.Renderer`
(both modes), and a generator rule that uses it.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Union

# ---------------------------------------------------------------------------
# types


@dataclass(frozen=True)
class IntTy:
    name: str

    @property
    def bits(self) -> int:
        return 32 if self.name in ("usize", "isize") else int(self.name[1:])

    @property
    def signed(self) -> bool:
        return self.name[0] == "i"

    @property
    def min(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def max(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1

    def wrap(self, value: int) -> int:
        value &= (1 << self.bits) - 1
        return value - (1 << self.bits) if self.signed and value >> (self.bits - 1) else value


@dataclass(frozen=True)
class BoolTy:
    pass


@dataclass(frozen=True)
class UnitTy:
    pass


#: A memory: its source index, or the name of a const generic parameter.
MemRef = Union[int, str]


@dataclass(frozen=True)
class PtrTy:
    mem: MemRef
    pointee: "Ty"
    mutable: bool = True


@dataclass(frozen=True)
class ArrayTy:
    elem: "Ty"
    length: int


@dataclass(frozen=True)
class StructTy:
    name: str
    fields: tuple[tuple[str, "Ty"], ...]

    def field_type(self, name: str) -> "Ty":
        for fname, fty in self.fields:
            if fname == name:
                return fty
        raise KeyError(name)


Ty = Union[IntTy, BoolTy, UnitTy, PtrTy, ArrayTy, StructTy]

U8, U16, U32, U64 = IntTy("u8"), IntTy("u16"), IntTy("u32"), IntTy("u64")
I8, I16, I32, I64 = IntTy("i8"), IntTy("i16"), IntTy("i32"), IntTy("i64")
USIZE, ISIZE = IntTy("usize"), IntTy("isize")
INT_TYPES = (U8, U16, U32, U64, I8, I16, I32, I64, USIZE, ISIZE)
BOOL, UNIT = BoolTy(), UnitTy()


def is_int(ty: Ty) -> bool:
    return isinstance(ty, IntTy)


# ---------------------------------------------------------------------------
# memories and layout


@dataclass(frozen=True)
class Memory:
    """One `#![memory(...)]` declaration (memory 0 included)."""

    index: int
    memory64: bool = False
    min_pages: int = 1
    max_pages: int | None = None
    export: str | None = None
    #: (module, name) of an imported memory
    import_from: tuple[str, str] | None = None
    wasm_index: int | None = None

    @property
    def address_type(self) -> IntTy:
        return U64 if self.memory64 else USIZE


PAGE = 65536


def layout(ty: Ty, wide: "dict[int, bool]") -> tuple[int, int]:
    """(size, alignment) in bytes under C layout; `wide` says which memories are 64-bit.

    Computed here, not taken from the compiler, so that a layout bug in farc
    shows up as a disagreement instead of being copied into the oracle."""
    if isinstance(ty, IntTy):
        size = ty.bits // 8
        return size, size
    if isinstance(ty, BoolTy):
        return 1, 1
    if isinstance(ty, UnitTy):
        return 0, 1
    if isinstance(ty, PtrTy):
        assert isinstance(ty.mem, int), "layout of a pointer into a generic memory"
        return (8, 8) if wide.get(ty.mem, False) else (4, 4)
    if isinstance(ty, ArrayTy):
        size, align = layout(ty.elem, wide)
        return size * ty.length, align
    offset, max_align = 0, 1
    for _, fty in ty.fields:
        size, align = layout(fty, wide)
        offset = (offset + align - 1) // align * align + size
        max_align = max(max_align, align)
    return (offset + max_align - 1) // max_align * max_align, max_align


def padding_bytes(ty: Ty, wide: "dict[int, bool]") -> list[int]:
    """Byte offsets inside `ty` that are padding (their contents are unspecified)."""
    if isinstance(ty, ArrayTy):
        size, _ = layout(ty.elem, wide)
        inner = padding_bytes(ty.elem, wide)
        return [i * size + b for i in range(ty.length) for b in inner]
    if not isinstance(ty, StructTy):
        return []
    pads, offset = [], 0
    for _, fty in ty.fields:
        size, align = layout(fty, wide)
        start = (offset + align - 1) // align * align
        pads += range(offset, start)
        pads += [start + b for b in padding_bytes(fty, wide)]
        offset = start + size
    total, _ = layout(ty, wide)
    return pads + list(range(offset, total))


# ---------------------------------------------------------------------------
# expressions (every node has `ty`)


@dataclass(frozen=True)
class Lit:
    value: int
    ty: IntTy


@dataclass(frozen=True)
class BoolLit:
    value: bool
    ty: Ty = BOOL


@dataclass(frozen=True)
class Var:
    """A local variable or parameter."""

    name: str
    ty: Ty


@dataclass(frozen=True)
class StaticRef:
    """The place of a static (in memory `mem`)."""

    name: str
    ty: Ty
    mem: int


@dataclass(frozen=True)
class Deref:
    ptr: "Expr"
    ty: Ty


@dataclass(frozen=True)
class Field:
    base: "Expr"
    name: str
    ty: Ty


@dataclass(frozen=True)
class Index:
    """`base[index]`: bounds-checked (traps when out of range)."""

    base: "Expr"
    index: "Expr"
    ty: Ty


@dataclass(frozen=True)
class Unary:
    op: str  # "-" or "!"
    operand: "Expr"
    ty: Ty


@dataclass(frozen=True)
class Binary:
    op: str
    lhs: "Expr"
    rhs: "Expr"
    ty: Ty


@dataclass(frozen=True)
class Cast:
    operand: "Expr"
    ty: Ty


@dataclass(frozen=True)
class Bounded:
    """`(operand as usize) % n`: an index the generator knows is below n.

    A node of its own so that the reducer never removes the bound."""

    operand: "Expr"
    n: int
    ty: Ty = USIZE


@dataclass(frozen=True)
class NonZero:
    """`operand | 1` (a divisor that cannot be zero)."""

    operand: "Expr"
    ty: Ty


@dataclass(frozen=True)
class IfExpr:
    cond: "Expr"
    then: "Expr"
    other: "Expr"
    ty: Ty


@dataclass(frozen=True)
class IntMethod:
    """`recv.wrapping_add(arg)` and the like."""

    recv: "Expr"
    name: str
    arg: "Expr"
    ty: Ty


@dataclass(frozen=True)
class PtrOffset:
    ptr: "Expr"
    kind: str  # "add", "sub", "offset"
    count: "Expr"
    ty: Ty


@dataclass(frozen=True)
class OffsetFrom:
    ptr: "Expr"
    origin: "Expr"
    ty: Ty = ISIZE


@dataclass(frozen=True)
class PtrRead:
    ptr: "Expr"
    ty: Ty


@dataclass(frozen=True)
class PtrCast:
    """`.cast::<U>()`, `.cast_mut()`, `.cast_const()` or an `as` cast in one memory."""

    ptr: "Expr"
    style: str  # "cast", "cast_mut", "cast_const", "as"
    ty: Ty


@dataclass(frozen=True)
class AddrOf:
    """`&raw const place` / `&raw mut place`."""

    place: "Expr"
    ty: Ty


@dataclass(frozen=True)
class IntToPtr:
    addr: "Expr"
    ty: Ty


@dataclass(frozen=True)
class PtrToInt:
    ptr: "Expr"
    ty: Ty


@dataclass(frozen=True)
class Null:
    ty: Ty


@dataclass(frozen=True)
class IsNull:
    ptr: "Expr"
    ty: Ty = BOOL


@dataclass(frozen=True)
class Call:
    func: str
    generics: tuple[MemRef, ...]
    args: tuple["Expr", ...]
    ty: Ty
    turbofish: bool = True


@dataclass(frozen=True)
class MemorySize:
    mem: int
    ty: Ty


@dataclass(frozen=True)
class MemoryGrow:
    mem: int
    delta: "Expr"
    ty: Ty


@dataclass(frozen=True)
class LoadMemIdx:
    """`load_memidx::<mem, T>(addr as *const T)`: the intrinsic interface."""

    mem: int
    addr: "Expr"
    ty: Ty


@dataclass(frozen=True)
class StructLit:
    sty: StructTy
    values: tuple["Expr", ...]  # in field order
    ty: Ty


@dataclass(frozen=True)
class ArrayLit:
    elems: tuple["Expr", ...]
    ty: Ty


@dataclass(frozen=True)
class ArrayRepeat:
    elem: "Expr"
    length: int
    ty: Ty


# unit-typed operations (used as statements)


@dataclass(frozen=True)
class PtrWrite:
    ptr: "Expr"
    value: "Expr"
    ty: Ty = UNIT


@dataclass(frozen=True)
class BulkCopy:
    """`copy` (overlap allowed) or `copy_nonoverlapping`."""

    src: "Expr"
    dst: "Expr"
    count: "Expr"
    nonoverlapping: bool
    ty: Ty = UNIT


@dataclass(frozen=True)
class WriteBytes:
    dst: "Expr"
    byte: "Expr"
    count: "Expr"
    ty: Ty = UNIT


@dataclass(frozen=True)
class StoreMemIdx:
    mem: int
    addr: "Expr"
    value: "Expr"
    ty: Ty = UNIT


@dataclass(frozen=True)
class Abort:
    ty: Ty = UNIT


Expr = Union[
    Lit, BoolLit, Var, StaticRef, Deref, Field, Index, Unary, Binary, Cast, Bounded, NonZero, IfExpr,
    IntMethod, PtrOffset, OffsetFrom, PtrRead, PtrCast, AddrOf, IntToPtr, PtrToInt, Null, IsNull, Call,
    MemorySize, MemoryGrow, LoadMemIdx, StructLit, ArrayLit, ArrayRepeat, PtrWrite, BulkCopy, WriteBytes,
    StoreMemIdx, Abort,
]

PLACES = (Var, StaticRef, Deref, Field, Index)

# ---------------------------------------------------------------------------
# statements


@dataclass(frozen=True)
class Let:
    name: str
    ty: Ty
    init: Expr
    mutable: bool = False


@dataclass(frozen=True)
class Assign:
    place: Expr
    value: Expr
    op: str | None = None  # compound assignment operator ("+" for `+=`)


@dataclass(frozen=True)
class ExprStmt:
    expr: Expr


@dataclass(frozen=True)
class If:
    cond: Expr
    then: "Block"
    other: "Block | None" = None


@dataclass(frozen=True)
class While:
    cond: Expr
    body: "Block"


@dataclass(frozen=True)
class Return:
    value: Expr | None


@dataclass(frozen=True)
class Block:
    stmts: tuple["Stmt", ...]
    tail: Expr | None = None


Stmt = Union[Let, Assign, ExprStmt, If, While, Return, Block]

# ---------------------------------------------------------------------------
# items


@dataclass(frozen=True)
class Static:
    name: str
    ty: Ty
    init: Expr
    mem: int = 0
    mutable: bool = True
    #: for a far static: its abstract address in its memory in the near twin
    near_address: int | None = None


@dataclass(frozen=True)
class Param:
    name: str
    ty: Ty


@dataclass(frozen=True)
class Function:
    name: str
    params: tuple[Param, ...]
    ret: Ty
    body: Block
    #: names of const generic parameters (memory indices)
    mem_params: tuple[str, ...] = ()
    export: bool = False


@dataclass(frozen=True)
class CallSpec:
    """One call the host makes: an exported function and its arguments."""

    func: str
    args: tuple[int, ...]


@dataclass(frozen=True)
class Region:
    """Bytes compared after the run: [start, end) of memory `mem`, minus `masked`
    (absolute addresses of padding bytes, whose contents are unspecified)."""

    mem: int
    start: int
    end: int
    masked: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Program:
    memories: tuple[Memory, ...]  # memory 0 first
    structs: tuple[StructTy, ...]
    statics: tuple[Static, ...]
    functions: tuple[Function, ...]
    #: the calls of the normal run (after `init`)
    calls: tuple[CallSpec, ...]
    #: the call of the trap run (after `init`, in a fresh instance), if any
    trap_call: CallSpec | None
    regions: tuple[Region, ...]
    #: what the generator expects of the trap run (None: unknown); informational
    trap_expected: bool | None = None
    #: whether the reference (docs/reference.md 10.7) says what memory holds after the trap
    #: run: yes after a trap the program asks for (abort, index, division) or no trap; not
    #: after an out-of-bounds access, around which stores may be reordered or removed
    trap_memory_defined: bool = True

    def memory(self, index: int) -> Memory:
        for m in self.memories:
            if m.index == index:
                return m
        raise KeyError(index)

    @property
    def wide(self) -> dict[int, bool]:
        return {m.index: m.memory64 for m in self.memories}

    def function(self, name: str) -> Function:
        for f in self.functions:
            if f.name == name:
                return f
        raise KeyError(name)


# ---------------------------------------------------------------------------
# smart constructors: the type rules the generator relies on

ARITH_OPS = ("+", "-", "*", "/", "%", "&", "|", "^")
SHIFT_OPS = ("<<", ">>")
COMPARE_OPS = ("==", "!=", "<", "<=", ">", ">=")


def lit(value: int, ty: IntTy) -> Lit:
    assert ty.min <= value <= ty.max, (value, ty)
    return Lit(value, ty)


def binary(op: str, lhs: Expr, rhs: Expr) -> Binary:
    if op in SHIFT_OPS:
        assert is_int(lhs.ty) and is_int(rhs.ty)
        return Binary(op, lhs, rhs, lhs.ty)
    if op in COMPARE_OPS:
        assert lhs.ty == rhs.ty and isinstance(lhs.ty, (IntTy, BoolTy, PtrTy)), (lhs.ty, rhs.ty)
        return Binary(op, lhs, rhs, BOOL)
    if op in ("&&", "||"):
        assert lhs.ty == rhs.ty == BOOL
        return Binary(op, lhs, rhs, BOOL)
    assert op in ARITH_OPS and lhs.ty == rhs.ty and is_int(lhs.ty), (op, lhs.ty, rhs.ty)
    return Binary(op, lhs, rhs, lhs.ty)


def unary(op: str, operand: Expr) -> Unary:
    assert (op == "!" and isinstance(operand.ty, (IntTy, BoolTy))) or (op == "-" and operand.ty.signed)
    return Unary(op, operand, operand.ty)


def cast(operand: Expr, ty: IntTy) -> Expr:
    assert isinstance(operand.ty, (IntTy, BoolTy)) and is_int(ty)
    return operand if operand.ty == ty else Cast(operand, ty)


def bounded(operand: Expr, n: int) -> Bounded:
    assert is_int(operand.ty) and n > 0
    return Bounded(operand, n)


def deref(ptr: Expr) -> Deref:
    assert isinstance(ptr.ty, PtrTy)
    return Deref(ptr, ptr.ty.pointee)


def field_of(base: Expr, name: str) -> Field:
    assert isinstance(base.ty, StructTy)
    return Field(base, name, base.ty.field_type(name))


def index(base: Expr, idx: Expr) -> Index:
    assert isinstance(base.ty, ArrayTy) and idx.ty == USIZE
    return Index(base, idx, base.ty.elem)


def ptr_offset(ptr: Expr, kind: str, count: Expr) -> PtrOffset:
    assert isinstance(ptr.ty, PtrTy) and count.ty == (ISIZE if kind == "offset" else USIZE)
    return PtrOffset(ptr, kind, count, ptr.ty)


def offset_from(ptr: Expr, origin: Expr, memory64: bool) -> OffsetFrom:
    """The distance in elements: `isize`, or `i64` in a 64-bit memory (never in a generic one:
    farc types it `isize` there and rejects 64-bit instances)."""
    assert isinstance(ptr.ty, PtrTy) and isinstance(origin.ty, PtrTy) and isinstance(ptr.ty.mem, int)
    assert ptr.ty.mem == origin.ty.mem and ptr.ty.pointee == origin.ty.pointee
    return OffsetFrom(ptr, origin, I64 if memory64 else ISIZE)


def ptr_cast(ptr: Expr, pointee: Ty | None = None, mutable: bool | None = None, style: str = "") -> PtrCast:
    assert isinstance(ptr.ty, PtrTy)
    ty = PtrTy(ptr.ty.mem, ptr.ty.pointee if pointee is None else pointee,
               ptr.ty.mutable if mutable is None else mutable)
    if not style:
        style = "cast" if pointee is not None else ("cast_mut" if mutable else "cast_const")
    assert style != "cast" or mutable is None
    return PtrCast(ptr, style, ty)


def addr_of(place: Expr, mem: MemRef, mutable: bool) -> AddrOf:
    assert isinstance(place, PLACES)
    return AddrOf(place, PtrTy(mem, place.ty, mutable))


def int_to_ptr(addr: Expr, ty: PtrTy) -> IntToPtr:
    assert is_int(addr.ty)
    return IntToPtr(addr, ty)


def struct_lit(sty: StructTy, values: list[Expr]) -> StructLit:
    assert [v.ty for v in values] == [fty for _, fty in sty.fields], sty.name
    return StructLit(sty, tuple(values), sty)


def array_lit(elems: list[Expr]) -> ArrayLit:
    assert elems and all(e.ty == elems[0].ty for e in elems)
    return ArrayLit(tuple(elems), ArrayTy(elems[0].ty, len(elems)))


def call(func: Function, generics: tuple[MemRef, ...], args: list[Expr], turbofish: bool = True) -> Call:
    assert len(generics) == len(func.mem_params) and len(args) == len(func.params), func.name
    subst = dict(zip(func.mem_params, generics))
    for param, arg in zip(func.params, args):
        assert substitute(param.ty, subst) == arg.ty, (func.name, param, arg.ty)
    return Call(func.name, generics, tuple(args), substitute(func.ret, subst), turbofish)


def substitute(ty: Ty, subst: dict[str, MemRef]) -> Ty:
    """`ty` with memory parameters replaced."""
    if isinstance(ty, PtrTy):
        mem = subst.get(ty.mem, ty.mem) if isinstance(ty.mem, str) else ty.mem
        return PtrTy(mem, substitute(ty.pointee, subst), ty.mutable)
    if isinstance(ty, ArrayTy):
        return ArrayTy(substitute(ty.elem, subst), ty.length)
    return ty


TYPES = (IntTy, BoolTy, UnitTy, PtrTy, ArrayTy, StructTy)


def is_node(value) -> bool:
    """An expression, statement or block (not a type)."""
    return is_dataclass(value) and not isinstance(value, TYPES)


def children(node) -> list:
    """The sub-expressions, statements and blocks of a node, in order."""
    out = []
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            out += [v for v in value if is_node(v)]
        elif is_node(value):
            out.append(value)
    return out
