"""The language's types, shared by the checker, the monomorphizer and codegen.

A pointer or reference type carries its memory (`mem`): a concrete index or,
inside a generic function, a const generic parameter. After
monomorphization every `mem` is an `int` and no `TypeParam` remains.
"""
from __future__ import annotations

import math
import struct
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Callable, Mapping, Union


@dataclass(frozen=True)
class ConstParam:
    """A const generic parameter used as a memory index or array length."""

    name: str

    def __str__(self) -> str:
        return self.name


MemIndex = Union[int, ConstParam]


class Type:
    """Base of all types. Types are immutable and compare structurally."""

    def __str__(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


def _hashed_once(cls: type) -> type:
    """A compound type's hash, computed once per object and kept in it, and an
    equality that compares hashes before fields.

    The generated dataclass hash walks the whole type every time: a set or a
    memo keyed by the types of `&&&...&x` (each node one level deeper) then
    cost the nesting depth per lookup, and walks over every part of every
    node's type the depth squared (monomorphizing 300 nested `&` took 57 s).
    The cached value is the dataclass's own (the hash of the fields), so
    structurally equal types still hash and compare equal; it is left out
    when an object is pickled or copied (string hashes differ between
    processes)."""
    names = tuple(f.name for f in fields(cls))

    def __hash__(self) -> int:
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = self.__dict__["_hash"] = hash(tuple(getattr(self, n) for n in names))
        return cached

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        return hash(self) == hash(other) and all(getattr(self, n) == getattr(other, n) for n in names)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    cls.__hash__, cls.__eq__, cls.__getstate__ = __hash__, __eq__, __getstate__  # type: ignore[method-assign]
    return cls


@dataclass(frozen=True)
class IntType(Type):
    name: str  # i8 .. i64, u8 .. u64, isize, usize

    @property
    def bits(self) -> int:
        return 32 if self.name.endswith("size") else int(self.name[1:])

    @property
    def signed(self) -> bool:
        return self.name.startswith("i")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class FloatType(Type):
    bits: int  # 32 or 64

    def __str__(self) -> str:
        return f"f{self.bits}"


_F32_INFINITY_BITS = 0x7F800000


def round_f32(value: float | Fraction) -> float:
    """The `f32` nearest to `value` (ties to even; an infinity beyond the
    range), as IEEE 754 rounds, and as rustc reads an `f32` literal.

    A float is rounded once, by `struct`. An exact value (a literal's
    digits) is not rounded through the nearest `f64` first: that rounds twice
    and can land on the wrong side of a halfway point (`1.000000059604644775
    3906250001` is above the halfway point between 1.0 and the next `f32`, but
    its nearest `f64` is that point, which rounds to even, down to 1.0)."""
    if isinstance(value, float) or value == 0:
        try:
            return struct.unpack("<f", struct.pack("<f", value))[0]
        except OverflowError:
            return math.copysign(math.inf, value)
    magnitude = abs(value)
    near = round_f32(float(magnitude) if magnitude < 2 ** 1024 else math.inf)
    # the double rounding is at most one step off: pick among `near` and its neighbours
    bits = struct.unpack("<I", struct.pack("<f", near))[0]
    best = min((b for b in (bits - 1, bits, bits + 1) if 0 <= b <= _F32_INFINITY_BITS),
               key=lambda b: (abs(_f32_magnitude(b) - magnitude), b & 1))
    result = struct.unpack("<f", struct.pack("<I", best))[0]
    return -result if value < 0 else result


def _f32_magnitude(bits: int) -> Fraction:
    """The exact value of a non-negative `f32`; infinity as 2**128, where IEEE
    754's rounding puts it (beyond the largest `f32` by one step)."""
    if bits == _F32_INFINITY_BITS:
        return Fraction(2 ** 128)
    return Fraction(struct.unpack("<f", struct.pack("<I", bits))[0])


@dataclass(frozen=True)
class BoolType(Type):
    def __str__(self) -> str:
        return "bool"


@dataclass(frozen=True)
class V128Type(Type):
    """`core::arch::wasm32::v128`: 128 bits, a SIMD vector of any lane shape
    (16-byte aligned; a value in a register, like a scalar)."""

    def __str__(self) -> str:
        return "v128"


@dataclass(frozen=True)
class UnitType(Type):
    def __str__(self) -> str:
        return "()"


@dataclass(frozen=True)
class NeverType(Type):
    """The type of `return`, `break`, `continue` and diverging loops."""

    def __str__(self) -> str:
        return "!"


@dataclass(frozen=True)
class ErrorType(Type):
    """The type of something already reported as an error: it fits anywhere,
    so one mistake does not cascade into many diagnostics."""

    def __str__(self) -> str:
        return "{error}"


@_hashed_once
@dataclass(frozen=True)
class ArrayType(Type):
    elem: Type
    length: int | ConstParam

    def __str__(self) -> str:
        return f"[{self.elem}; {self.length}]"


@_hashed_once
@dataclass(frozen=True)
class SliceType(Type):
    """`[T]`: a run of `T`s whose length is known only at run time. It is
    unsized: it exists only behind a reference, `&[T]` / `&mut [T]` (a
    `PointerType` whose pointee is a SliceType), which is a two-word value:
    the address of the first element, in the reference's memory, and the
    length (a `usize`)."""

    elem: Type

    def __str__(self) -> str:
        return f"[{self.elem}]"


def is_slice_ref(ty: Type) -> bool:
    """`&[T]` / `&mut [T]` (in any memory): a pointer with a length."""
    return isinstance(ty, PointerType) and isinstance(ty.pointee, SliceType)


@_hashed_once
@dataclass(frozen=True)
class StructType(Type):
    """A struct, by its key; for a generic struct, its arguments in the order
    of its parameters (a Type for a type parameter, a memory index or length
    for a const parameter: `Buf<u8, 4>` is ("Buf", (u8, 4)))."""

    name: str
    args: tuple = ()

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}<{', '.join(map(str, self.args))}>"


@_hashed_once
@dataclass(frozen=True)
class TupleType(Type):
    """`(A, B, ...)`, with at least one element: the empty tuple `()` is `UnitType`
    (make tuple types with `tuple_type`, which keeps that rule)."""

    elems: tuple[Type, ...]

    def __str__(self) -> str:
        if len(self.elems) == 1:
            return f"({self.elems[0]},)"
        return "(" + ", ".join(map(str, self.elems)) + ")"


def tuple_type(elems) -> Type:
    """The tuple of `elems`: `()` (UNIT) when there are none."""
    elems = tuple(elems)
    return TupleType(elems) if elems else UNIT


def is_aggregate(ty: Type) -> bool:
    """Values handled through memory: structs, arrays, tuples, enums, and slice
    references (a pointer and a length). A call passes one as a pointer to a
    copy in the caller's memory 0 and returns one through a pointer the
    caller provides (the wasm32 C ABI's indirect convention), which is why a
    far call cannot carry them (`check.linkage`)."""
    return isinstance(ty, (StructType, ArrayType, TupleType, EnumType)) or is_slice_ref(ty)


@_hashed_once
@dataclass(frozen=True)
class EnumType(Type):
    """An enum, with its generic arguments in declaration order (`Maybe<u32>`,
    `Slot<1>`): Types for type parameters, memory indices or lengths (an int, a
    `ConstParam`, or an inference variable in the checker) for const parameters."""

    name: str
    args: tuple = ()

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}<{', '.join(map(str, self.args))}>"


@_hashed_once
@dataclass(frozen=True)
class PointerType(Type):
    """`*const T`, `*mut T` (raw) or `&T`, `&mut T` (reference) into memory `mem`."""

    pointee: Type
    mutable: bool
    mem: MemIndex = 0
    is_ref: bool = False

    def __str__(self) -> str:
        attr = "" if self.mem == 0 else f"#[mem_idx({self.mem})] "
        if self.is_ref:
            return f"{attr}&{'mut ' if self.mutable else ''}{self.pointee}"
        return f"{attr}*{'mut' if self.mutable else 'const'} {self.pointee}"


@dataclass(frozen=True)
class TypeParam(Type):
    name: str

    def __str__(self) -> str:
        return self.name


@_hashed_once
@dataclass(frozen=True)
class AssocType(Type):
    """`<T as Trait>::Name`: an associated type whose self type is generic, so
    no impl can be picked yet (monomorphization normalizes it). `trait` is
    the trait's key, `args` its generic arguments."""

    self_ty: Type
    trait: str
    args: tuple
    name: str

    def __str__(self) -> str:
        args = f"<{', '.join(map(str, self.args))}>" if self.args else ""
        return f"<{self.self_ty} as {self.trait}{args}>::{self.name}"


@_hashed_once
@dataclass(frozen=True)
class FnType(Type):
    """A function pointer, `fn(A, B) -> R` (`unsafe fn`, `extern "C" fn`):
    the address of a function, which wasm calls through a table
    (`call_indirect`). A function item used as a value has this type.

    `far` names the module whose table holds the function (`#[far(lib)]
    fn(..)`): a far function pointer is an index into that module's table,
    called with `call_indirect` on the table imported from it, and never
    the same type as a near one (whose index is into this module's table)."""

    params: tuple[Type, ...]
    ret: Type
    unsafe: bool = False
    abi: str | None = None  # "C" for `extern "C" fn`
    far: str | None = None

    def __str__(self) -> str:
        return self.written(self.far, [str(p) for p in self.params], str(self.ret))

    def written(self, far: str | None, params: list[str], ret: str) -> str:
        """This type as source text, with `far` and its parameter and result types written as given."""
        attr = f"#[far({far})] " if far is not None else ""
        quals = ("unsafe " if self.unsafe else "") + (f'extern "{self.abi}" ' if self.abi is not None else "")
        arrow = "" if isinstance(self.ret, UnitType) else f" -> {ret}"
        return f"{attr}{quals}fn({', '.join(params)}){arrow}"


@dataclass(frozen=True)
class ClosureType(Type):
    """The type of a closure that captures variables: each closure its own, as in
    Rust. `fn` is the closure's function (a `check.tree.FnDef`, compared by
    identity), `args` the values of the generic parameters it shares with the
    function it is written in (`fn.type_params` then `fn.const_params`): the
    same closure in two instances of a generic function has two types.

    Its run-time value is its environment, laid out as `sizes.closure_env`
    says (a tuple of the captures); the types of the captures are the
    function's (`FnDef.closure_env`), so this type stays small and a
    captured far pointer keeps its memory there. Monomorphization replaces
    the type by the environment's (`mono`); the checker and the type
    arguments of generic calls keep it, so a generic function instantiated
    with a closure knows which function a call of it is."""

    fn: object
    args: tuple = ()

    def __str__(self) -> str:  # as rustc shows one: each closure is a type of its own
        span = getattr(self.fn, "span", None)
        if span is None:
            return "{closure}"
        line, col = span.line_col()
        return f"{{closure@{span.file.name}:{line}:{col}}}"


BOOL = BoolType()
UNIT = UnitType()
NEVER = NeverType()
ERROR = ErrorType()
F32 = FloatType(32)
F64 = FloatType(64)
INT_NAMES = ("i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize")
INTS = {name: IntType(name) for name in INT_NAMES}
USIZE = INTS["usize"]
ISIZE = INTS["isize"]
I32 = INTS["i32"]
U8 = INTS["u8"]
V128 = V128Type()
PRIMITIVES: dict[str, Type] = {**INTS, "f32": F32, "f64": F64, "bool": BOOL, "v128": V128}


def is_integer(t: Type) -> bool:
    return isinstance(t, IntType)


def is_numeric(t: Type) -> bool:
    return isinstance(t, (IntType, FloatType))


def is_pointer(t: Type) -> bool:
    return isinstance(t, PointerType)


@dataclass(frozen=True)
class MemoryChange:
    """What a pointer cast would do to a memory: bytes holding a pointer of
    type `src` (inside the source pointee) read as a pointer of type `dst`
    (inside the target pointee), and the two point into different memories."""

    src: "PointerType"
    dst: "PointerType"


#: `pointee_memory_change` met a type parameter: only an instance can tell
UNDECIDED = "undecided"


def pointee_memory_change(src: Type, dst: Type, fields: Callable[[str], list[Type]]) -> MemoryChange | str | None:
    """The memory rule of pointer casts, behind the outermost pointer.

    A cast of `*const S` to `*const D` (the memories of the two outer
    pointers are compared by the caller) may change the pointee type, but it
    must not make bytes that hold a pointer into one memory readable as a
    pointer into another: behind pointers, in array elements and in struct
    fields alike. Without layouts the rule is decided conservatively: when
    both S and D hold pointers directly (not only behind other pointers),
    every pointer of S must share its memory with every pointer of D, and
    their pointees must pass the same rule. Types without pointers may be
    viewed as anything and anything as them: that reads or writes addresses
    as integers, the explicit integer round trip.

    `fields(ty)` gives the field types of a struct type, or of every variant
    of an enum type (with the type's generic arguments substituted). Returns None (no change),
    a `MemoryChange`, or `UNDECIDED` when a type parameter is in the way
    (monomorphization decides per instance)."""
    return _pointee_change(src, dst, fields, set())


def _pointee_change(src: Type, dst: Type, fields, seen: set) -> MemoryChange | str | None:
    if _plain(src) == _plain(dst) or (src, dst) in seen:
        return None
    seen.add((src, dst))
    inner_src, inner_dst = _direct_pointers(src, fields), _direct_pointers(dst, fields)
    if inner_src is None or inner_dst is None:
        return UNDECIDED
    undecided = False
    for s in inner_src:
        for d in inner_dst:
            if s.mem != d.mem:
                return MemoryChange(s, d)
            change = _pointee_change(s.pointee, d.pointee, fields, seen)
            if isinstance(change, MemoryChange):
                return change
            undecided |= change == UNDECIDED
    return UNDECIDED if undecided else None


def _direct_pointers(ty: Type, fields) -> list[PointerType] | None:
    """The distinct pointer types stored in a value of type ty (not those
    behind them); None if a type parameter hides what is stored."""
    found: dict[Type, PointerType] = {}
    work = [ty]
    while work:
        t = work.pop()
        if isinstance(t, PointerType):
            found.setdefault(_plain(t), t)
        elif isinstance(t, (ArrayType, SliceType)):
            work.append(t.elem)
        elif isinstance(t, TupleType):
            work.extend(t.elems)
        elif isinstance(t, (StructType, EnumType)):
            work.extend(fields(t))
        elif isinstance(t, TypeParam) or not isinstance(t, (IntType, FloatType, BoolType, UnitType, NeverType,
                                                            ErrorType, FnType)):
            return None  # a type parameter, or an inference variable not yet resolved
    return list(found.values())


def _plain(ty: Type) -> Type:
    """ty with every pointer made `*const` (mutability and reference-ness do
    not change what the bytes mean)."""
    if isinstance(ty, PointerType):
        return PointerType(_plain(ty.pointee), False, ty.mem, False)
    if isinstance(ty, ArrayType):
        return ArrayType(_plain(ty.elem), ty.length)
    if isinstance(ty, TupleType):
        return TupleType(tuple(_plain(e) for e in ty.elems))
    if isinstance(ty, EnumType):
        return EnumType(ty.name, tuple(_plain(a) if isinstance(a, Type) else a for a in ty.args))
    if isinstance(ty, SliceType):
        return SliceType(_plain(ty.elem))
    if isinstance(ty, StructType) and ty.args:
        return StructType(ty.name, tuple(_plain(a) if isinstance(a, Type) else a for a in ty.args))
    return ty


def mentions_error(ty: Type) -> bool:
    """Whether the error type (a mistake already reported) is part of `ty`:
    `[{error}; 2]`, `*const {error}`. Checks stay silent on such types."""
    if isinstance(ty, ErrorType):
        return True
    if isinstance(ty, PointerType):
        return mentions_error(ty.pointee)
    if isinstance(ty, ArrayType):
        return mentions_error(ty.elem)
    if isinstance(ty, TupleType):
        return any(mentions_error(e) for e in ty.elems)
    if isinstance(ty, EnumType):
        return any(isinstance(a, Type) and mentions_error(a) for a in ty.args)
    return False


def substitute(ty: Type, subst: Mapping[str, object], memo: dict[Type, Type] | None = None) -> Type:
    """ty with type and const parameters replaced per `subst` (a parameter's
    name -> a Type for type parameters, a memory index or array length for
    const parameters; the checker maps them to inference variables, mono to
    concrete values). Names `subst` does not mention stay as they are.

    A part that nothing changes is returned as the same object (so equal
    types stay shared, and comparing them stays cheap). `memo`, when given,
    is a cache for this `subst` (the caller keeps one per substitution):
    with it, substituting into every node's type of a body is linear in the
    body's types even when they nest (each part is done once)."""
    if memo is not None:
        done = memo.get(ty)
        if done is None:
            done = memo[ty] = _substitute(ty, subst, memo)
        return done
    return _substitute(ty, subst, None)


def _substitute(ty: Type, subst: Mapping[str, object], memo: dict[Type, Type] | None) -> Type:
    if isinstance(ty, TypeParam):
        value = subst.get(ty.name, ty)
        return value if isinstance(value, Type) else ty
    if isinstance(ty, PointerType):
        pointee = substitute(ty.pointee, subst, memo)
        mem = substitute_const(ty.mem, subst)
        if pointee is ty.pointee and mem is ty.mem:
            return ty
        return PointerType(pointee, ty.mutable, mem, ty.is_ref)  # type: ignore[arg-type]
    if isinstance(ty, ArrayType):
        elem, length = substitute(ty.elem, subst, memo), substitute_const(ty.length, subst)
        return ty if elem is ty.elem and length is ty.length else ArrayType(elem, length)  # type: ignore[arg-type]
    if isinstance(ty, TupleType):
        elems = _same_or_new(ty.elems, tuple(substitute(e, subst, memo) for e in ty.elems))
        return ty if elems is ty.elems else TupleType(elems)
    if isinstance(ty, (StructType, EnumType)) and ty.args:
        args = _same_or_new(ty.args, substitute_args(ty.args, subst, memo))
        return ty if args is ty.args else type(ty)(ty.name, args)
    if isinstance(ty, AssocType):
        self_ty = substitute(ty.self_ty, subst, memo)
        args = _same_or_new(ty.args, substitute_args(ty.args, subst, memo))
        return ty if self_ty is ty.self_ty and args is ty.args else AssocType(self_ty, ty.trait, args, ty.name)
    if isinstance(ty, SliceType):
        elem = substitute(ty.elem, subst, memo)
        return ty if elem is ty.elem else SliceType(elem)
    if isinstance(ty, FnType):
        params = _same_or_new(ty.params, tuple(substitute(p, subst, memo) for p in ty.params))
        ret = substitute(ty.ret, subst, memo)
        if params is ty.params and ret is ty.ret:
            return ty
        return FnType(params, ret, ty.unsafe, ty.abi, ty.far)
    if isinstance(ty, ClosureType) and ty.args:
        args = _same_or_new(ty.args, substitute_args(ty.args, subst, memo))
        return ty if args is ty.args else ClosureType(ty.fn, args)
    return ty


def replace_closures(ty: Type, env_of: Callable[["ClosureType"], Type], memo: dict[Type, Type]) -> Type:
    """ty with every closure type replaced by `env_of(it)` (monomorphization: by its
    environment's type), through pointers, elements, tuples, signatures and generic
    arguments. `memo` keeps it linear in the types' total size, as for `substitute`."""
    done = memo.get(ty)
    if done is not None:
        return done
    if isinstance(ty, ClosureType):
        done = env_of(ty)
    elif isinstance(ty, PointerType):
        pointee = replace_closures(ty.pointee, env_of, memo)
        done = ty if pointee is ty.pointee else PointerType(pointee, ty.mutable, ty.mem, ty.is_ref)
    elif isinstance(ty, ArrayType):
        elem = replace_closures(ty.elem, env_of, memo)
        done = ty if elem is ty.elem else ArrayType(elem, ty.length)
    elif isinstance(ty, SliceType):
        elem = replace_closures(ty.elem, env_of, memo)
        done = ty if elem is ty.elem else SliceType(elem)
    elif isinstance(ty, TupleType):
        elems = _same_or_new(ty.elems, tuple(replace_closures(e, env_of, memo) for e in ty.elems))
        done = ty if elems is ty.elems else TupleType(elems)
    elif isinstance(ty, (StructType, EnumType)) and ty.args:
        args = _same_or_new(ty.args, tuple(replace_closures(a, env_of, memo) if isinstance(a, Type) else a
                                           for a in ty.args))
        done = ty if args is ty.args else type(ty)(ty.name, args)
    elif isinstance(ty, FnType):
        params = _same_or_new(ty.params, tuple(replace_closures(p, env_of, memo) for p in ty.params))
        ret = replace_closures(ty.ret, env_of, memo)
        done = ty if params is ty.params and ret is ty.ret else FnType(params, ret, ty.unsafe, ty.abi, ty.far)
    else:
        done = ty
    memo[ty] = done
    return done


def _same_or_new(old: tuple, new: tuple) -> tuple:
    """`old` itself when `new` holds the same objects (nothing was substituted), else `new`."""
    return old if all(a is b for a, b in zip(old, new)) else new


def substitute_args(args: tuple, subst: Mapping[str, object], memo: dict[Type, Type] | None = None) -> tuple:
    """Generic arguments (types and const values) with parameters replaced per `subst`."""
    return tuple(substitute(a, subst, memo) if isinstance(a, Type) else substitute_const(a, subst) for a in args)


def substitute_const(value: object, subst: Mapping[str, object]) -> object:
    """A memory index or length with const parameters replaced per `subst`."""
    if isinstance(value, ConstParam):
        replacement = subst.get(value.name, value)
        return value if isinstance(replacement, Type) else replacement
    return value


def struct_field_types(fields: list[tuple[str, Type]], params: list[str], ty: "StructType") -> list[Type]:
    """The field types of struct type `ty` (a generic struct's fields with its
    parameters `params` replaced by `ty.args`)."""
    if not params or len(ty.args) != len(params):
        return [f for _, f in fields]
    subst = dict(zip(params, ty.args))
    return [substitute(f, subst) for _, f in fields]


# ---------------------------------------------------------------------------
# Homes (design 3): a type whose values live in one memory
#
# `#[mem_idx(N)] struct S { .. }` gives S a home: every pointer to an S points
# into memory N, so a pointer type written without a memory (`*const S`,
# `&S`) is into N, not memory 0. `#[mem_idx(M)] struct Far<T, const M:
# usize>` takes its home from an argument. Arrays live where their elements
# do. The checker and monomorphization know homes through a `StructHome`
# callback (the struct table is theirs).

#: the home of a struct type (its arguments substituted), or None
StructHome = Callable[["StructType"], "MemIndex | None"]


def home_of(ty: Type, struct_home: StructHome) -> MemIndex | None:
    """The memory every value of `ty` lives in, or None when it may live in any
    (arrays and slices live where their elements do)."""
    while isinstance(ty, (ArrayType, SliceType)):
        ty = ty.elem
    if isinstance(ty, StructType):
        return struct_home(ty)
    return None


def pointee_or_element(ty: Type) -> Type | None:
    """The pointee of a pointer type, the element of an array or slice type,
    else None: the chain along which the size (T0001) and memory-range
    (M0012) checks look."""
    if isinstance(ty, PointerType):
        return ty.pointee
    if isinstance(ty, (ArrayType, SliceType)):
        return ty.elem
    return None


def reachable_types(ty: Type, known: set[Type] | frozenset[Type] = frozenset()):
    """`ty` and every type inside it: pointees, elements, tuple elements and the
    type arguments of generic structs and enums (each once). Parts in `known`
    (a caller's types already looked at) are neither yielded nor walked into."""
    todo, seen = [ty], set()
    while todo:
        cur = todo.pop()
        if cur in seen or cur in known:
            continue
        seen.add(cur)
        yield cur
        if isinstance(cur, PointerType):
            todo.append(cur.pointee)
        elif isinstance(cur, (ArrayType, SliceType)):
            todo.append(cur.elem)
        elif isinstance(cur, TupleType):
            todo.extend(cur.elems)
        elif isinstance(cur, (StructType, EnumType)):
            todo.extend(a for a in cur.args if isinstance(a, Type))


def misplaced_pointer(ty: Type, struct_home: StructHome,
                      known: set[Type] | frozenset[Type] = frozenset()) -> PointerType | None:
    """A pointer type inside `ty` (itself, its pointees, elements, tuple
    elements, generic arguments; not inside the parts in `known`) into another
    memory than its pointee's home; None when every pointer agrees with its pointee."""
    for cur in reachable_types(ty, known):
        if isinstance(cur, PointerType):
            home = home_of(cur.pointee, struct_home)
            if home is not None and home != cur.mem:
                return cur
    return None
