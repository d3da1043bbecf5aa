"""The language's types, shared by the checker, the monomorphizer and codegen.

A pointer or reference type carries its memory (`mem`): a concrete index or,
inside a generic function, a const generic parameter. After
monomorphization every `mem` is an `int` and no `TypeParam` remains.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Union


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


@dataclass(frozen=True)
class BoolType(Type):
    def __str__(self) -> str:
        return "bool"


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


@dataclass(frozen=True)
class ArrayType(Type):
    elem: Type
    length: int | ConstParam

    def __str__(self) -> str:
        return f"[{self.elem}; {self.length}]"


@dataclass(frozen=True)
class StructType(Type):
    name: str

    def __str__(self) -> str:
        return self.name


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


@dataclass(frozen=True)
class FnType(Type):
    """The type of a function item (not yet a first-class value; far function
    pointers through tables will extend this)."""

    params: tuple[Type, ...]
    ret: Type

    def __str__(self) -> str:
        return f"fn({', '.join(map(str, self.params))}) -> {self.ret}"


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
PRIMITIVES: dict[str, Type] = {**INTS, "f32": F32, "f64": F64, "bool": BOOL}


def is_integer(t: Type) -> bool:
    return isinstance(t, IntType)


def is_numeric(t: Type) -> bool:
    return isinstance(t, (IntType, FloatType))


def is_pointer(t: Type) -> bool:
    return isinstance(t, PointerType)


def memories_in(t: Type) -> list[MemIndex]:
    """Every memory index mentioned in t, outermost first."""
    if isinstance(t, PointerType):
        return [t.mem, *memories_in(t.pointee)]
    if isinstance(t, ArrayType):
        return memories_in(t.elem)
    return []


def substitute(ty: Type, subst: Mapping[str, object]) -> Type:
    """ty with type and const parameters replaced per `subst` (a parameter's
    name -> a Type for type parameters, a memory index or array length for
    const parameters; the checker maps them to inference variables, mono to
    concrete values). Names `subst` does not mention stay as they are."""
    if isinstance(ty, TypeParam):
        value = subst.get(ty.name, ty)
        return value if isinstance(value, Type) else ty
    if isinstance(ty, PointerType):
        mem = subst.get(ty.mem.name, ty.mem) if isinstance(ty.mem, ConstParam) else ty.mem
        return PointerType(substitute(ty.pointee, subst), ty.mutable, mem, ty.is_ref)  # type: ignore[arg-type]
    if isinstance(ty, ArrayType):
        length = ty.length
        if isinstance(length, ConstParam):
            value = subst.get(length.name, length)
            length = length if isinstance(value, Type) else value  # type: ignore[assignment]
        return ArrayType(substitute(ty.elem, subst), length)
    return ty
