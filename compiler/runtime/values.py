"""Values of `farc run`: command-line arguments and results in the exported
function's declared farc types, read from the module's own `farc.interface`
section (`compiler.interface`), so a finished `.wasm` describes itself.

* Arguments: integers in the range of their type (`u8` 0..255, `i32`
  -2^31..2^31-1, `u64`, `usize` of wasm32, pointers as addresses of their
  memory's width), written in decimal, `0x`, `0o` or `0b`; `true`/`false` for
  `bool`; floats (`inf`, `nan` too) for `f32`/`f64`. Anything else, or a
  value out of range, is an `ArgumentError`: never wrapped.
* Results: as Rust's `{:?}` prints them: unsigned integers unsigned, `bool`
  as `true`/`false`, floats with their shortest round-tripping digits
  (`1.0`, `0.1`, `inf`, `NaN`), pointers as hex addresses, and a struct
  returned through its hidden result pointer (the C ABI's `sret`) read back
  from memory 0 field by field: `Pair { a: 1, b: 1.5 }`; so are tuples
  (several results: `(1, 2.5)`) and enums, by the variant their tag names (`Some(5)`, `None`,
  `Rect { w: 1, h: 2 }`, from the module's enum shapes). A function without
  farc types (a `.wasm` farc did not build) gets its wasm types; several
  results print as a tuple.

Struct and enum layout comes from `codegen.layout.Layout`, the one home of C layout.
"""
from __future__ import annotations

import math
import struct
from dataclasses import dataclass

from ..check.tree import EnumDef, StructDef, VariantDef
from ..codegen.layout import Layout
from ..codegen.llvm_ir import is_aggregate
from ..interface import EnumShape, FnSig
from ..memory import MemoryMap
from ..types import (
    ArrayType, BoolType, EnumType, FloatType, IntType, PointerType, StructType, TupleType, Type, UnitType,
)

Value = int | float


class ArgumentError(Exception):
    """A command-line argument that does not fit its parameter."""


@dataclass(frozen=True)
class TypedSignature:
    """An export's farc signature plus what the host needs to call it."""

    name: str
    sig: FnSig
    sret: bool  # the result is an aggregate written through a hidden first parameter

    @property
    def arity(self) -> int:
        return len(self.sig.params)


def signature_of(name: str, sig: FnSig) -> TypedSignature:
    return TypedSignature(name, sig, is_aggregate(sig.ret))  # as codegen returns it


# ---------------------------------------------------------------------------
# Arguments


def _int_range(ty: Type, memories: MemoryMap) -> tuple[int, int, int]:
    """(min, max, wasm bits) of an integer-like parameter type."""
    if isinstance(ty, IntType):
        bits = ty.bits
        wasm_bits = 64 if bits > 32 else 32
        return ((-(1 << (bits - 1)), (1 << (bits - 1)) - 1, wasm_bits) if ty.signed
                else (0, (1 << bits) - 1, wasm_bits))
    assert isinstance(ty, PointerType)
    bits = 64 if isinstance(ty.mem, int) and ty.mem in memories and memories[ty.mem].memory64 else 32
    return 0, (1 << bits) - 1, bits


def parse_argument(text: str, ty: Type, memories: MemoryMap) -> Value:
    """The wasm value for argument `text` of a parameter of type `ty`; ArgumentError if it does not fit."""
    if isinstance(ty, BoolType):
        if text in ("true", "false"):
            return int(text == "true")
        raise ArgumentError(f"`{text}` is not a `bool` (write `true` or `false`)")
    if isinstance(ty, FloatType):
        try:
            value = float(text)
        except ValueError:
            raise ArgumentError(f"`{text}` is not a number for an `{ty}` parameter") from None
        if ty.bits == 32 and math.isfinite(value) and abs(value) > 3.4028234663852886e38:
            raise ArgumentError(f"`{text}` is out of range for `f32`")
        return value
    if isinstance(ty, (IntType, PointerType)):
        try:
            value = int(text.replace("_", ""), 0)
        except ValueError:
            raise ArgumentError(f"`{text}` is not an integer for a `{ty}` parameter") from None
        low, high, wasm_bits = _int_range(ty, memories)
        if not low <= value <= high:
            raise ArgumentError(f"`{text}` is out of range for `{ty}` ({low}..={high})")
        if value >= 1 << (wasm_bits - 1):  # the engines take the wasm value's signed reading
            value -= 1 << wasm_bits
        return value
    raise ArgumentError(f"a `{ty}` parameter cannot be passed from the command line (only numbers, `bool` and "
                        "pointers)")


def parse_wasm_argument(text: str, wasm_type: str) -> Value:
    """An argument of a function without farc types: a number of the wasm type, in its range."""
    bits = {"i32": 32, "i64": 64}.get(wasm_type)
    if bits is None:
        try:
            return float(text)
        except ValueError:
            raise ArgumentError(f"`{text}` is not a number for an `{wasm_type}` parameter") from None
    try:
        value = int(text.replace("_", ""), 0)
    except ValueError:
        raise ArgumentError(f"`{text}` is not an integer for an `{wasm_type}` parameter") from None
    if not -(1 << (bits - 1)) <= value < 1 << bits:
        raise ArgumentError(f"`{text}` is out of range for `{wasm_type}`")
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


# ---------------------------------------------------------------------------
# Results


def format_float(value: float, bits: int) -> str:
    """Rust's `{:?}` of an f32/f64: shortest digits that read back to the same value."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if bits == 32:
        packed = struct.pack("<f", value)
        text = next(t for p in range(1, 18) if struct.pack("<f", float(t := f"{value:.{p}g}")) == packed)
    else:
        text = repr(value)
    if "e" in text or "E" in text:
        mantissa, exponent = text.lower().split("e")
        text = f"{mantissa}e{int(exponent)}"
    elif "." not in text and "inf" not in text:
        text += ".0"
    return text


def _int_text(raw: int, ty: IntType) -> str:
    raw &= (1 << ty.bits) - 1
    if ty.signed and raw >= 1 << (ty.bits - 1):
        raw -= 1 << ty.bits
    return str(raw)


def format_scalar(raw: Value, ty: Type) -> str:
    """A scalar result (the wasm value `raw`) as its farc type prints."""
    if isinstance(ty, IntType):
        return _int_text(int(raw), ty)
    if isinstance(ty, BoolType):
        return "true" if int(raw) & 1 else "false"
    if isinstance(ty, FloatType):
        return format_float(float(raw), ty.bits)
    if isinstance(ty, PointerType):
        bits = 64 if int(raw) < 0 or int(raw) >= 1 << 32 else 32
        return f"{int(raw) & ((1 << bits) - 1):#x}"
    if isinstance(ty, UnitType):
        return "()"
    return str(raw)


def format_log(value: Value, wasm_type: str) -> str:
    """The argument of a built-in logging function (`log_i32` ...), as a result of its type prints."""
    if wasm_type in ("f32", "f64"):
        return format_float(float(value), 32 if wasm_type == "f32" else 64)
    return str(int(value))


def format_wasm(raw: object, wasm_types: tuple[str, ...]) -> str | None:
    """A result of a function without farc types; None for no result."""
    if raw is None or not wasm_types:
        return None
    values = raw if isinstance(raw, list) else [raw]
    texts = [format_float(float(v), 32 if t == "f32" else 64) if t in ("f32", "f64") else str(v)
             for v, t in zip(values, wasm_types)]
    return texts[0] if len(texts) == 1 else f"({', '.join(texts)})"


class MemoryValues:
    """Reads aggregates out of memory 0's bytes (a struct, tuple or enum returned through `sret`)."""

    def __init__(self, structs: dict[str, tuple[tuple[str, Type], ...]], memories: MemoryMap,
                 enums: dict[str, EnumShape] | None = None) -> None:
        defs = {name: StructDef(name, [(f, _instance(fty)) for f, fty in fields]) for name, fields in structs.items()}
        # one non-generic definition per enum instance, keyed by the instance's name (`Option<u32>`)
        self.enums = {name: _enum_def(name, shape) for name, shape in (enums or {}).items()}
        self.layout = Layout(defs, memories, enums=self.enums)

    def size_align(self, ty: Type) -> tuple[int, int]:
        return self.layout.size_align(_instance(ty))

    def format(self, data: bytes, ty: Type) -> str:
        """The value of type `ty` stored at the start of `data` (little-endian, C layout)."""
        if isinstance(ty, StructType):
            offsets = self.layout.field_offsets(ty.name)
            fields = self.layout.structs[ty.name].fields
            inner = ", ".join(f"{name}: {self.format(data[offset:], fty)}"
                              for (name, fty), offset in zip(fields, offsets))
            return f"{ty.name} {{ {inner} }}" if fields else ty.name
        if isinstance(ty, ArrayType):
            size = self.size_align(ty.elem)[0]
            return "[" + ", ".join(self.format(data[i * size:], ty.elem) for i in range(int(ty.length))) + "]"
        if isinstance(ty, TupleType):
            offsets = self.layout.record_layout([_instance(e) for e in ty.elems])[0]
            parts = [self.format(data[offset:], e) for e, offset in zip(ty.elems, offsets)]
            return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"
        if isinstance(ty, EnumType):
            return self._format_enum(data, ty)
        size = self.size_align(ty)[0]
        raw = int.from_bytes(data[:size], "little")
        if isinstance(ty, FloatType):
            value = struct.unpack("<f" if size == 4 else "<d", data[:size])[0]
            return format_float(value, ty.bits)
        return format_scalar(raw, ty)

    def _format_enum(self, data: bytes, ty: EnumType) -> str:
        """The variant the tag names, with its fields as Rust's `{:?}` shows them."""
        lay = self.layout.enum_layout(EnumType(str(ty)))
        tag = int.from_bytes(data[:lay.tag.bits // 8], "little")
        mask = (1 << lay.tag.bits) - 1
        for number, variant in enumerate(lay.enum.variants):
            if variant.discriminant & mask != tag:
                continue
            parts = [(name, self.format(data[offset:], fty))
                     for (name, fty), offset in zip(variant.fields, lay.field_offsets[number])]
            if variant.kind == "unit":
                return variant.name
            if variant.kind == "tuple":
                return f"{variant.name}({', '.join(text for _, text in parts)})"
            return f"{variant.name} {{ {', '.join(f'{name}: {text}' for name, text in parts)} }}"
        return f"<invalid {ty} tag {tag}>"


def _instance(ty: Type) -> Type:
    """`ty` with each enum type named by its instance (`Option<u32>`), whose
    definition `_enum_def` makes from the module's enum shapes."""
    if isinstance(ty, EnumType):
        return EnumType(str(ty))
    if isinstance(ty, TupleType):
        return TupleType(tuple(_instance(e) for e in ty.elems))
    if isinstance(ty, ArrayType):
        return ArrayType(_instance(ty.elem), ty.length)
    return ty


def _enum_def(name: str, shape: EnumShape) -> EnumDef:
    """A definition of one enum instance from its shape: field types are
    concrete (the instance's), so it has no generic parameters; a variant's
    kind follows its field names (`0`, `1`, ... for a tuple variant)."""
    variants = []
    for vname, discriminant, fields in shape.variants:
        kind = "unit" if not fields else "tuple" if all(f.isdigit() for f, _ in fields) else "named"
        variants.append(VariantDef(vname, kind, [(f, _instance(fty)) for f, fty in fields], discriminant))
    return EnumDef(name, variants, [], shape.tag, shape.tag)
