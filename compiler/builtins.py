"""The builtin operations: one enumeration shared by the checker and codegen.

The checker (`check/intrinsics.py`) turns calls of farc's intrinsics
(`core::ptr` functions, the memory intrinsics) and raw-pointer methods into
`tree.Builtin` nodes whose `op` is a `BuiltinOp`; it decides what each
type-checks as. Codegen (`codegen/intrinsics.py`) has one lowering per
member; it decides how each is emitted. Tests check that every member has
both, so an operation cannot exist on one side only.

Operands (`Builtin.args`) and result (`Builtin.ty`) of each operation:
"""
from __future__ import annotations

from enum import Enum


class BuiltinOp(Enum):
    #: p.add(n: usize) / p.sub(n: usize) / p.offset(n: isize) -> the same pointer type,
    #: moved by n elements (scaled by the pointee size)
    PTR_ADD = "ptr_add"
    PTR_SUB = "ptr_sub"
    PTR_OFFSET = "ptr_offset"
    #: p.read() -> pointee
    PTR_READ = "ptr_read"
    #: p.write(v) -> ()
    PTR_WRITE = "ptr_write"
    #: p.is_null() -> bool
    PTR_IS_NULL = "ptr_is_null"
    #: p.offset_from(q) -> isize (p and q in the same memory)
    PTR_OFFSET_FROM = "ptr_offset_from"
    #: null() / null_mut() -> ty (a raw pointer type)
    NULL = "null"
    #: copy(src, dst, count) / copy_nonoverlapping(src, dst, count) -> (): count
    #: elements of src's pointee; src and dst may be in different memories
    COPY = "copy"
    COPY_NONOVERLAPPING = "copy_nonoverlapping"
    #: write_bytes(dst, byte: u8, count) -> ()
    WRITE_BYTES = "write_bytes"
    #: load_memidx::<N, T>(ptr) -> T / store_memidx::<N, T>(ptr, v) -> (), mem = N:
    #: ptr is a memory-0 typed pointer whose address is used in memory N
    LOAD_MEMIDX = "load_memidx"
    STORE_MEMIDX = "store_memidx"
    #: memory_size::<N>() -> usize (u64 for a 64-bit memory), in pages, mem = N
    MEMORY_SIZE = "memory_size"
    #: memory_grow::<N>(delta) -> the same type: the old size in pages, or -1; mem = N
    MEMORY_GROW = "memory_grow"
    #: size_of::<T>() / align_of::<T>() -> usize, type_arg = T
    SIZE_OF = "size_of"
    ALIGN_OF = "align_of"
    #: unreachable() / abort() -> ! (wasm `unreachable`)
    TRAP = "trap"
    #: s.len() -> usize (s a slice reference)
    SLICE_LEN = "slice_len"
    #: s.as_ptr() / s.as_mut_ptr() -> a raw pointer (ty) to the first element, in s's memory
    SLICE_AS_PTR = "slice_as_ptr"
    #: from_raw_parts(p, n) / from_raw_parts_mut(p, n) -> a slice reference (ty) in p's memory
    SLICE_FROM_RAW_PARTS = "slice_from_raw_parts"

    def __str__(self) -> str:
        return self.value


    @property
    def surface_name(self) -> str:
        """How the source spells it (`read` for `p.read()`), for messages."""
        return self.value.removeprefix("ptr_").removeprefix("slice_")


#: Operations that read or write memory through pointer operands: the
#: positions of those operands in `Builtin.args`. The memory of each, like the
#: `mem` a memory intrinsic names, must be declared, in every instance of a
#: generic function.
ACCESSED_OPERANDS: dict[BuiltinOp, tuple[int, ...]] = {
    BuiltinOp.PTR_READ: (0,),
    BuiltinOp.PTR_WRITE: (0,),
    BuiltinOp.COPY: (0, 1),
    BuiltinOp.COPY_NONOVERLAPPING: (0, 1),
    BuiltinOp.WRITE_BYTES: (0,),
}
#: Operations whose result is sized by a memory's address width (`u64` /
#: `i64` for a 64-bit memory): the memory they name (None), or the memory of
#: the pointer operand at this position.
SIZED_BY_MEMORY: dict[BuiltinOp, int | None] = {
    BuiltinOp.MEMORY_SIZE: None,
    BuiltinOp.MEMORY_GROW: None,
    BuiltinOp.PTR_OFFSET_FROM: 0,
}
