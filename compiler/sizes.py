"""Sizes, alignments and field offsets of the language's types on wasm32:
the one home of the data layout, used by monomorphization (types too big for
the target, T0001; static data too big to build, T0002) and by codegen
(`codegen.layout.Layout` adds the LLVM types and constants on top).

* integers and floats have their natural size and alignment; `usize`/`isize`
  are 4 bytes (wasm32); `bool` is one byte; `v128` is 16 bytes, aligned 16;
* a pointer is 4 bytes, or 8 bytes when it points into a 64-bit (memory64)
  memory: the width is that of the memory's addresses, not the target's;
* a function pointer is 4 bytes (an index into the module's function table);
* a slice reference `&[T]` is two words, `{ ptr, usize }` (`slice_fields`),
  laid out as a C struct of the two;
* structs and tuples use C layout: fields in order, each at its alignment,
  the size rounded up to the largest alignment (LLVM's natural struct layout
  under the wasm32 datalayout: codegen's tests compare both);
* `()` and `!` have size 0;
* a closure that captures variables is its environment (`closure_env`): a
  tuple of its captures in order of first use, a pointer per capture by
  reference (`&T`/`&mut T`, so a captured far pointer keeps its memory in
  the pointee) and the value itself per `move` capture;
* an enum is the layout of a `#[repr(C)]` enum with fields in Rust: its tag
  (the integer type `EnumDef.tag`) at offset 0, then, at the enum's
  alignment, the fields of the value's variant in C layout. The alignment is
  the largest of the tag's and every payload's; the size holds the tag and
  the largest payload, rounded up to the alignment. An enum without fields is
  just its tag.

Sizes are exact Python integers, never wrapped: a type bigger than
`MAX_TYPE_SIZE` (`isize::MAX`, as in rustc: offsets within a value are
`isize`, so a bigger type's size and field offsets would wrap and a
`[u8; 4294967295]` local would move the stack pointer by -1) has its true
size here, and `too_big` finds it, whatever kind of type holds it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from .memory import MemoryMap
from .types import (
    ArrayType, BoolType, EnumType, FloatType, FnType, IntType, NeverType, PointerType, StructType, TupleType, Type,
    UnitType, USIZE, V128Type, is_slice_ref, pointee_or_element,
)

if TYPE_CHECKING:  # the typed tree's definitions, read through their methods only
    from .check.tree import EnumDef, StructDef

#: The largest size of a type, in bytes: isize::MAX on wasm32.
MAX_TYPE_SIZE = 2**31 - 1
#: The most bytes of static data a build writes out (T0002): the memory-0
#: statics that are LLVM globals, whole, zeros included (LLVM's wasm object
#: files have no uninitialized data: the zeros are written, then dropped by
#: wasm-ld), and the far statics that are not all zeros. Building costs time
#: and memory in proportion (a 2 GiB memory-0 static needed over 4 GiB and
#: minutes). The statics farc places itself (`placed_by_farc`) write nothing.
MAX_STATIC_DATA_BYTES = 256 * 1024 * 1024
#: How many times a byte of an LLVM global counts towards MAX_STATIC_DATA_BYTES:
#: LLVM holds an initializer in several forms while it builds (measured: about
#: 36 bytes of memory and 0.85 s per MiB at -O2, against 9 bytes and 0.1 s for
#: a data segment farc writes itself), so 256 MiB of it needed over 9 GiB. With
#: this weight the largest build needs about 2.3 GiB either way.
LLVM_GLOBAL_DATA_WEIGHT = 8
#: A zero-initialized memory-0 static at least this big is placed by farc
#: (`codegen.layout.place_statics`), not made an LLVM global.
NEAR_PLACED_ZERO_BYTES = 64 * 1024


def placed_by_farc(mem: int, size: int, zero: bool, exported: bool, passive: bool) -> bool:
    """Whether farc gives a static its address itself: every far static (a
    far memory holds no LLVM globals) and a big, zero-initialized,
    unexported memory-0 static, which LLVM would otherwise write out whole
    (an exported one stays a global: wasm-ld exports its symbol). A passive
    static is in no memory (a passive data segment, its bytes written)."""
    return not passive and (mem != 0 or (zero and not exported and size >= NEAR_PLACED_ZERO_BYTES))


class LayoutError(Exception):
    """A type that has no layout (a generic part left, an unknown struct or enum, a cycle)."""


def align_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align


def struct_key(ty: StructType) -> str:
    """The struct definition a struct type is laid out by: after
    monomorphization an instance of a generic struct is a struct of its own,
    named by the instance (`Buf<u8, 4>`, `mono.structs`); before it, the
    generic definition with the type's arguments substituted."""
    return str(ty) if ty.args else ty.name


def slice_fields(ty: PointerType) -> tuple[Type, Type]:
    """The two words of a slice reference `&[T]` into memory M: a pointer to
    its first element (`*const T` into M) and its length (a `usize`)."""
    return PointerType(ty.pointee.elem, ty.mutable, ty.mem), USIZE  # type: ignore[attr-defined]


@dataclass(frozen=True)
class EnumLayout:
    """Where the parts of an enum value are (see the module docstring):
    `field_offsets[v][i]` is field i of variant v, from the value's start."""

    enum: "EnumDef"
    tag: IntType
    size: int
    align: int
    payload_offset: int
    field_offsets: tuple[tuple[int, ...], ...]
    field_types: tuple[tuple[Type, ...], ...]

    @property
    def has_payload(self) -> bool:
        return any(self.field_types)


#: (field offsets, size, alignment) of a record: a struct, a tuple, a variant's payload
Record = tuple[list[int], int, int]


class Sizes:
    """(size, alignment) and field offsets of one program's types.

    `structs` are looked up by `struct_key` (a monomorphized instance) and
    else by name (a generic definition, its parameters substituted), so the
    same table serves monomorphization and codegen. Results are cached per
    type; the nested parts of a type are shared objects, so a deep type costs
    one computation per distinct part."""

    def __init__(self, structs: Mapping[str, "StructDef"], memories: MemoryMap,
                 enums: Mapping[str, "EnumDef"] | None = None) -> None:
        self.structs = structs
        self.enums = enums or {}
        self.memories = memories
        self._size_align: dict[Type, tuple[int, int]] = {}
        self._records: dict[str, Record] = {}
        self._enum_layouts: dict[EnumType, EnumLayout] = {}
        self._in_progress: set[str | EnumType] = set()  # struct keys, enum types
        self._too_big: dict[Type, Type | None] = {}

    def pointer_bytes(self, mem: int) -> int:
        """Width of an address in memory `mem` (4, or 8 for memory64)."""
        if mem != 0 and mem in self.memories and self.memories[mem].memory64:
            return 8
        return 4

    def size_align(self, ty: Type) -> tuple[int, int]:
        """(size, alignment) in bytes, C rules."""
        cached = self._size_align.get(ty)
        if cached is None:
            cached = self._size_align[ty] = self._compute(ty)
        return cached

    def size_of(self, ty: Type) -> int:
        return self.size_align(ty)[0]

    def align_of(self, ty: Type) -> int:
        return self.size_align(ty)[1]

    def _compute(self, ty: Type) -> tuple[int, int]:
        if isinstance(ty, (IntType, FloatType)):
            n = ty.bits // 8
            return n, n
        if isinstance(ty, BoolType):
            return 1, 1
        if isinstance(ty, V128Type):
            return 16, 16
        if isinstance(ty, (UnitType, NeverType)):
            return 0, 1
        if is_slice_ref(ty):
            _offsets, size, align = self.record_layout(slice_fields(ty))  # type: ignore[arg-type]
            return size, align
        if isinstance(ty, PointerType):
            if not isinstance(ty.mem, int):
                raise LayoutError(f"pointer type {ty} has a generic memory")
            n = self.pointer_bytes(ty.mem)
            return n, n
        if isinstance(ty, FnType):
            return 4, 4
        if isinstance(ty, ArrayType):
            if not isinstance(ty.length, int):
                raise LayoutError(f"array length {ty.length} is not a constant")
            size, align = self.size_align(ty.elem)
            return size * ty.length, align
        if isinstance(ty, StructType):
            _offsets, size, align = self.struct_record(ty)
            return size, align
        if isinstance(ty, TupleType):
            _offsets, size, align = self.record_layout(ty.elems)
            return size, align
        if isinstance(ty, EnumType):
            lay = self.enum_layout(ty)
            return lay.size, lay.align
        raise LayoutError(f"type {ty} has no layout")

    def record_layout(self, types: Iterable[Type]) -> Record:
        """C layout of fields of `types` in order: (offsets, size, alignment).
        Structs, tuples and each enum variant's payload are laid out so."""
        offset, max_align, offsets = 0, 1, []
        for fty in types:
            size, align = self.size_align(fty)
            offset = align_up(offset, align)
            offsets.append(offset)
            offset += size
            max_align = max(max_align, align)
        return offsets, align_up(offset, max_align), max_align

    def struct_def(self, key: str) -> "StructDef":
        if key not in self.structs:
            raise LayoutError(f"unknown struct {key}")
        return self.structs[key]

    def struct_record(self, ty: StructType) -> Record:
        """The C layout of struct type `ty` (cached per struct key)."""
        key = struct_key(ty)
        cached = self._records.get(key)
        if cached is not None:
            return cached
        sdef = self.structs.get(key) or self.structs.get(ty.name)
        if sdef is None:
            raise LayoutError(f"unknown struct {key}")
        if key in self._in_progress:
            raise LayoutError(f"struct {key} contains itself")
        self._in_progress.add(key)
        try:
            cached = self._records[key] = self.record_layout(sdef.field_types(ty))
            return cached
        finally:
            self._in_progress.discard(key)

    def field_offsets(self, key: str) -> list[int]:
        """Field offsets of the (monomorphized or non-generic) struct `key`."""
        self.struct_def(key)
        return self.struct_record(StructType(key))[0]

    def enum_layout(self, ty: EnumType) -> EnumLayout:
        """The tag, payload and field offsets of enum type `ty` (cached)."""
        cached = self._enum_layouts.get(ty)
        if cached is not None:
            return cached
        enum = self.enums.get(ty.name)
        if enum is None:
            raise LayoutError(f"unknown enum {ty.name}")
        # keyed by the type, not the name: `Option<Option<u8>>` holds another instance
        if ty in self._in_progress:
            raise LayoutError(f"enum {ty} contains itself")
        self._in_progress.add(ty)
        try:
            tag = enum.tag
            assert isinstance(tag, IntType), tag
            tag_size = tag.bits // 8
            types = [tuple(enum.variant_types(ty.args, i)) for i in range(len(enum.variants))]
            records = [self.record_layout(fields) for fields in types]
        finally:
            self._in_progress.discard(ty)
        if any(types):
            align = max([tag_size] + [align for _, _, align in records])
            size = align_up(align + max(size for _, size, _ in records), align)
            payload = align
        else:
            align = size = payload = tag_size
        offsets = tuple(tuple(payload + off for off in record[0]) for record in records)
        lay = self._enum_layouts[ty] = EnumLayout(enum, tag, size, align, payload, offsets, tuple(types))
        return lay

    def too_big(self, ty: Type) -> Type | None:
        """The outermost type within `ty` (itself, a pointee or an element)
        that is bigger than MAX_TYPE_SIZE, or None. Generic parts are skipped.

        Memoized for every part of the chain walked, so asking for the types
        of nested expressions (each one pointer deeper) is linear in them."""
        chain: list[Type] = []
        found: Type | None = None
        cur: Type | None = ty
        while cur is not None:
            if cur in self._too_big:
                found = self._too_big[cur]
                break
            chain.append(cur)
            if self._over_limit(cur):
                found = cur
                break
            cur = pointee_or_element(cur)
        for part in chain:  # each part's answer: the first too big type from it down
            self._too_big[part] = found
        return found

    def _over_limit(self, ty: Type) -> bool:
        try:
            return self.size_of(ty) > MAX_TYPE_SIZE
        except LayoutError:
            return False


def closure_env(captures: Iterable[Type]) -> Type:
    """The run-time value of a closure with these captures (the types of the
    environment's fields, `FnDef.closure_env`): laid out as a tuple of them."""
    return TupleType(tuple(captures))
