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
    #: memory_init(dst: *mut T, SEGMENT, offset: usize, count: usize) -> (): elements
    #: offset..offset + count of a `#[passive]` static `[T; N]` (`Builtin.passive`) to dst
    #: (wasm `memory.init`; `type_arg` = T); data_drop(SEGMENT) -> () (`data.drop`)
    MEMORY_INIT = "memory_init"
    DATA_DROP = "data_drop"
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
    #: read_volatile(p) / p.read_volatile() -> pointee; write_volatile(p, v) / p.write_volatile(v) -> ():
    #: accesses the optimizer never merges, removes or reorders with other volatile ones
    VOLATILE_READ = "volatile_read"
    VOLATILE_WRITE = "volatile_write"
    #: atomic_load_seqcst(p) -> pointee; atomic_store_seqcst(p, v) -> (): the pointee is an
    #: integer of 1, 2, 4 or 8 bytes (all atomics; wasm's one ordering is seq_cst)
    ATOMIC_LOAD = "atomic_load"
    ATOMIC_STORE = "atomic_store"
    #: atomic_xadd_seqcst(p, v) ... -> the old value: read-modify-writes wasm has
    ATOMIC_ADD = "atomic_add"
    ATOMIC_SUB = "atomic_sub"
    ATOMIC_AND = "atomic_and"
    ATOMIC_OR = "atomic_or"
    ATOMIC_XOR = "atomic_xor"
    ATOMIC_XCHG = "atomic_xchg"
    #: atomic_nand/max/min/umax/umin_seqcst(p, v) -> the old value: a compare-exchange loop
    ATOMIC_NAND = "atomic_nand"
    ATOMIC_MAX = "atomic_max"
    ATOMIC_MIN = "atomic_min"
    ATOMIC_UMAX = "atomic_umax"
    ATOMIC_UMIN = "atomic_umin"
    #: atomic_cxchg_seqcst_seqcst(p, old, new) -> (the value found, whether it was `old`)
    ATOMIC_CMPXCHG = "atomic_cmpxchg"
    #: memory_atomic_wait32(p: *mut i32, expected: i32, timeout_ns: i64) -> i32 (0 woken,
    #: 1 not equal, 2 timed out); wait64 likewise with i64; p's memory must be shared
    ATOMIC_WAIT32 = "memory_atomic_wait32"
    ATOMIC_WAIT64 = "memory_atomic_wait64"
    #: memory_atomic_notify(p: *mut i32, count: u32) -> u32 (how many waiters were woken)
    ATOMIC_NOTIFY = "memory_atomic_notify"
    #: SIMD (`core::arch::wasm32`; `type_arg` is the lane element type where a shape matters):
    #: v128_load(p: *const v128) -> v128; v128_store(p: *mut v128, v) -> ()
    V128_LOAD = "v128_load"
    V128_STORE = "v128_store"
    #: v128_loadN_lane::<L>(v, p: *const uN) -> v128 (args: v, p, L as a constant)
    V128_LOAD_LANE = "v128_load_lane"
    #: v128_loadN_splat(p) / v128_loadN_zero(p) -> v128
    V128_LOAD_SPLAT = "v128_load_splat"
    V128_LOAD_ZERO = "v128_load_zero"
    #: u16x8_load_extend_u8x8(p) ... -> v128: `type_arg` is the loaded element (its sign: the extension)
    V128_LOAD_EXTEND = "v128_load_extend"
    #: u32x4_splat(x) -> v128; u32x4_extract_lane::<N>(v) -> u32 (args: v, N as a constant)
    V128_SPLAT = "v128_splat"
    V128_EXTRACT_LANE = "v128_extract_lane"
    #: i32x4_add(a, b) ... -> v128, lane-wise by `type_arg`; v128_and/or/xor(a, b) -> v128
    V128_ADD = "v128_add"
    V128_SUB = "v128_sub"
    V128_MUL = "v128_mul"
    V128_AND = "v128_and"
    V128_OR = "v128_or"
    V128_XOR = "v128_xor"

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
    BuiltinOp.MEMORY_INIT: (0,),
    BuiltinOp.VOLATILE_READ: (0,),
    BuiltinOp.VOLATILE_WRITE: (0,),
}
#: The atomic operations (one pointer operand, first): read-modify-writes
#: return the old value; the pointee must be an atomic integer type.
ATOMIC_RMW: dict[BuiltinOp, str] = {
    BuiltinOp.ATOMIC_ADD: "add", BuiltinOp.ATOMIC_SUB: "sub", BuiltinOp.ATOMIC_AND: "and",
    BuiltinOp.ATOMIC_OR: "or", BuiltinOp.ATOMIC_XOR: "xor", BuiltinOp.ATOMIC_XCHG: "xchg",
    BuiltinOp.ATOMIC_NAND: "nand", BuiltinOp.ATOMIC_MAX: "max", BuiltinOp.ATOMIC_MIN: "min",
    BuiltinOp.ATOMIC_UMAX: "umax", BuiltinOp.ATOMIC_UMIN: "umin",
}
ATOMICS = frozenset({BuiltinOp.ATOMIC_LOAD, BuiltinOp.ATOMIC_STORE, BuiltinOp.ATOMIC_CMPXCHG,
                     BuiltinOp.ATOMIC_WAIT32, BuiltinOp.ATOMIC_WAIT64, BuiltinOp.ATOMIC_NOTIFY, *ATOMIC_RMW})
ACCESSED_OPERANDS.update({op: (0,) for op in ATOMICS})
ACCESSED_OPERANDS.update({BuiltinOp.V128_LOAD: (0,), BuiltinOp.V128_STORE: (0,), BuiltinOp.V128_LOAD_LANE: (1,),
                          BuiltinOp.V128_LOAD_SPLAT: (0,), BuiltinOp.V128_LOAD_ZERO: (0,),
                          BuiltinOp.V128_LOAD_EXTEND: (0,)})
#: Operations whose pointer operand (at this position) must point into a shared memory.
SHARED_OPERANDS: dict[BuiltinOp, int] = {BuiltinOp.ATOMIC_WAIT32: 0, BuiltinOp.ATOMIC_WAIT64: 0}
#: Operations whose result is sized by a memory's address width (`u64` /
#: `i64` for a 64-bit memory): the memory they name (None), or the memory of
#: the pointer operand at this position.
SIZED_BY_MEMORY: dict[BuiltinOp, int | None] = {
    BuiltinOp.MEMORY_SIZE: None,
    BuiltinOp.MEMORY_GROW: None,
    BuiltinOp.PTR_OFFSET_FROM: 0,
}
