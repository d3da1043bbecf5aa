"""The lowering of every builtin operation, in a registry keyed by `BuiltinOp`.

`LOWERINGS[op]` emits one `tree.Builtin` node whose operands are already
evaluated: it is called as `lowering(emitter, node, *operand_values)`. A test
checks that every `BuiltinOp` has exactly one lowering.

Mixed into `function.FunctionEmitter`; the registry (`registry`) holds the
(unbound) methods; the atomic and volatile ones are in `atomics`.
"""
from __future__ import annotations

from llvmlite import ir

from ..builtins import BuiltinOp
from ..check import tree as T
from ..memory import MemOp
from ..types import ArrayType, PointerType, Type
from .llvm_ir import I8, I32, I64, CodegenError, mem_of
from .places import Place
from .registry import LOWERINGS, lowers
from . import atomics, simd  # noqa: F401 - register the atomic, volatile and SIMD lowerings

class BuiltinLowering:
    def _pointee(self, e: T.TExpr) -> Type:
        ty = e.ty
        if not isinstance(ty, PointerType):
            raise CodegenError(f"expected a pointer, found {ty}")
        return ty.pointee

    def _offset_ptr(self, p: ir.Value, ptr_ty: PointerType, n: ir.Value, signed: bool,
                    negate: bool = False) -> ir.Value:
        """`p.add(n)` / `p.sub(n)` / `p.offset(n)`: in bounds, as `core::ptr` requires
        (rustc emits the same flags). `nuw` on `add` lets LLVM fold constant
        parts of the address into memarg offsets, near and far alike."""
        mem = mem_of(ptr_ty)
        index = self.index_operand(n, signed=signed, mem=mem)
        if negate:
            index = self.builder.neg(index)
        gep = _InBoundsGEP(self.builder.block, p, [index], name="offset",
                           source_etype=self.layout.llvm_mem_type(ptr_ty.pointee),
                           nuw=not signed and not negate)
        self.builder._insert(gep)
        return gep

    @lowers(BuiltinOp.PTR_ADD)
    def lower_ptr_add(self, e: T.Builtin, p: ir.Value, n: ir.Value) -> ir.Value:
        return self._offset_ptr(p, e.args[0].ty, n, signed=False)

    @lowers(BuiltinOp.PTR_SUB)
    def lower_ptr_sub(self, e: T.Builtin, p: ir.Value, n: ir.Value) -> ir.Value:
        return self._offset_ptr(p, e.args[0].ty, n, signed=False, negate=True)

    @lowers(BuiltinOp.PTR_OFFSET)
    def lower_ptr_offset(self, e: T.Builtin, p: ir.Value, n: ir.Value) -> ir.Value:
        return self._offset_ptr(p, e.args[0].ty, n, signed=True)

    @lowers(BuiltinOp.PTR_READ)
    def lower_ptr_read(self, e: T.Builtin, p: ir.Value) -> ir.Value | None:
        return self.load(Place(p, mem_of(e.args[0].ty)), self._pointee(e.args[0]), name="read")

    @lowers(BuiltinOp.PTR_WRITE)
    def lower_ptr_write(self, e: T.Builtin, p: ir.Value, v: ir.Value | None) -> None:
        self.store(Place(p, mem_of(e.args[0].ty)), self._pointee(e.args[0]), v)
        return None

    @lowers(BuiltinOp.PTR_IS_NULL)
    def lower_ptr_is_null(self, e: T.Builtin, p: ir.Value) -> ir.Value:
        return self.builder.icmp_unsigned("==", p, ir.Constant(p.type, None), name="is_null")

    @lowers(BuiltinOp.PTR_OFFSET_FROM)
    def lower_ptr_offset_from(self, e: T.Builtin, p: ir.Value, q: ir.Value) -> ir.Value | None:
        ptr_ty = e.args[0].ty
        size = self.layout.size_of(self._pointee(e.args[0]))
        if size == 0:  # Rust panics on zero-sized pointees
            self.builder.branch(self.trap_block())
            self.dead_block()
            return None
        addr_ty = self.layout.address_type(mem_of(ptr_ty))
        diff = self.builder.sub(self.builder.ptrtoint(p, addr_ty), self.builder.ptrtoint(q, addr_ty))
        # `exact`: the distance is a whole number of elements
        count = self.builder.sdiv(diff, ir.Constant(addr_ty, size), name="distance", flags=["exact"])
        return self.int_resize(count, True, self.layout.llvm_type(e.ty))

    @lowers(BuiltinOp.NULL)
    def lower_null(self, e: T.Builtin) -> ir.Value:
        return ir.Constant(self.layout.llvm_type(e.ty), None)

    def _byte_count(self, count: ir.Value, elem: Type, mems: tuple[int, ...]) -> ir.Value:
        """`count` elements in bytes, as the length type of a bulk operation on
        `mems` (i64 only when all of them are 64-bit). A product the length
        type cannot hold (past 4 GiB for a 32-bit memory) is a range that
        cannot be in bounds: it traps, as the operation on it would, instead
        of wrapping around to a short copy that succeeds."""
        size = self.layout.size_of(elem)
        wide = all(self.layout.address_type(mem) == I64 for mem in mems)
        length_ty = I64 if wide else I32
        limit = ((1 << length_ty.width) - 1) // size
        if limit < (1 << count.type.width) - 1:
            self.trap_if(self.builder.icmp_unsigned(">", count, ir.Constant(count.type, limit)), "length.fits")
        if count.type.width < length_ty.width:
            count = self.builder.zext(count, length_ty)
        return self.builder.mul(count, ir.Constant(length_ty, size), name="bytes", flags=["nuw"])

    def _copy_builtin(self, kind: str, e: T.Builtin, src: ir.Value, dst: ir.Value, count: ir.Value) -> None:
        elem = self._pointee(e.args[0])
        if self.layout.size_of(elem) == 0:
            return None
        dst_mem, src_mem = mem_of(e.args[1].ty), mem_of(e.args[0].ty)
        self.mem_transfer(kind, Place(dst, dst_mem), Place(src, src_mem),
                          self._byte_count(count, elem, (dst_mem, src_mem)), self.layout.align_of(elem))
        return None

    @lowers(BuiltinOp.COPY)
    def lower_copy(self, e: T.Builtin, src: ir.Value, dst: ir.Value, count: ir.Value) -> None:
        return self._copy_builtin("memmove", e, src, dst, count)

    @lowers(BuiltinOp.COPY_NONOVERLAPPING)
    def lower_copy_nonoverlapping(self, e: T.Builtin, src: ir.Value, dst: ir.Value, count: ir.Value) -> None:
        return self._copy_builtin("memcpy", e, src, dst, count)

    @lowers(BuiltinOp.WRITE_BYTES)
    def lower_write_bytes(self, e: T.Builtin, dst: ir.Value, byte: ir.Value, count: ir.Value) -> None:
        elem = self._pointee(e.args[0])
        if self.layout.size_of(elem) == 0:
            return None
        mem = mem_of(e.args[0].ty)
        self.mem_set(Place(dst, mem), self.int_resize(byte, False, I8),
                     self._byte_count(count, elem, (mem,)), self.layout.align_of(elem))
        return None

    @lowers(BuiltinOp.MEMORY_INIT)
    def lower_memory_init(self, e: T.Builtin, dst: ir.Value, offset: ir.Value, count: ir.Value) -> None:
        """wasm `memory.init` of the passive segment into dst's memory, in bytes. An
        offset or count above the segment's length traps first: scaled to bytes it
        could wrap around to a copy that fits (memory.init itself traps on every
        range past the end, and on any non-empty range after `data_drop`)."""
        segment = self._passive_segment(e)
        elem, mem = e.type_arg, mem_of(e.args[0].ty)
        assert elem is not None and isinstance(e.passive.ty, ArrayType)  # (checked)
        size = self.layout.size_of(elem)
        if size > 1:
            length = I32(e.passive.ty.length)
            too_far = self.builder.or_(self.builder.icmp_unsigned(">", offset, length),
                                       self.builder.icmp_unsigned(">", count, length), name="past.segment")
            self.trap_if(too_far, "in.segment")
        addr_ty = self.layout.address_type(mem)
        address = self.builder.ptrtoint(dst, addr_ty, name="addr")
        fn = self.cg.memop(MemOp("memory.init", mem, segment=segment.index), ir.VoidType(), [addr_ty, I32, I32])
        self.builder.call(fn, [address, self.builder.mul(offset, I32(size)), self.builder.mul(count, I32(size))])
        return None

    @lowers(BuiltinOp.DATA_DROP)
    def lower_data_drop(self, e: T.Builtin) -> None:
        fn = self.cg.memop(MemOp("data.drop", 0, segment=self._passive_segment(e).index), ir.VoidType(), [])
        self.builder.call(fn, [])
        return None

    def _passive_segment(self, e: T.Builtin):
        if e.passive is None or e.passive.symbol not in self.cg.passive:
            raise CodegenError(f"`{e.op}` of a static that is not a passive segment")
        return self.cg.passive[e.passive.symbol]

    def _memidx_place(self, e: T.Builtin, p: ir.Value) -> Place:
        """`load_memidx::<N, T>(p)`: p's address, reinterpreted in memory N
        (an integer round trip: memories are disjoint, addrspacecast would lie)."""
        mem = e.mem
        if not isinstance(mem, int):
            raise CodegenError(f"`{e.op}` with a generic memory {mem}")
        if mem == 0:
            return Place(p, 0)
        address = self.builder.ptrtoint(p, self.layout.address_type(mem_of(e.args[0].ty)), name="addr")
        address = self.int_resize(address, False, self.layout.address_type(mem))
        # Offsetting memory N's null by the address (null is a valid address in
        # these address spaces) is the same location as `inttoptr`, and scalar
        # evolution can follow it through a loop: `load_memidx(p.add(i))` stays
        # a consecutive access that the vectorizer loads as one v128.
        null = ir.Constant(self.layout.pointer_type(mem), None)
        return Place(self.builder.gep(null, [address], name="memidx", source_etype=ir.IntType(8)), mem)

    @lowers(BuiltinOp.LOAD_MEMIDX)
    def lower_load_memidx(self, e: T.Builtin, p: ir.Value) -> ir.Value | None:
        return self.load(self._memidx_place(e, p), e.ty, name="memidx.load")

    @lowers(BuiltinOp.STORE_MEMIDX)
    def lower_store_memidx(self, e: T.Builtin, p: ir.Value, v: ir.Value | None) -> None:
        self.store(self._memidx_place(e, p), e.args[1].ty, v)
        return None

    def _builtin_mem(self, e: T.Builtin) -> int:
        if not isinstance(e.mem, int):
            raise CodegenError(f"`{e.op}` with a generic memory {e.mem}")
        return e.mem

    @lowers(BuiltinOp.MEMORY_SIZE)
    def lower_memory_size(self, e: T.Builtin) -> ir.Value:
        mem = self._builtin_mem(e)
        result_ty = self.layout.llvm_type(e.ty)
        if mem == 0:
            fn = self.cg.intrinsic("llvm.wasm.memory.size.i32", I32, [I32])
            pages = self.builder.call(fn, [I32(0)], name="pages")
        else:
            addr_ty = self.layout.address_type(mem)
            fn = self.cg.memop(MemOp("memory.size", mem), addr_ty, [])
            pages = self.builder.call(fn, [], name="pages")
        return self.int_resize(pages, False, result_ty)

    @lowers(BuiltinOp.MEMORY_GROW)
    def lower_memory_grow(self, e: T.Builtin, delta: ir.Value) -> ir.Value:
        mem = self._builtin_mem(e)
        result_ty = self.layout.llvm_type(e.ty)
        if mem == 0:
            fn = self.cg.intrinsic("llvm.wasm.memory.grow.i32", I32, [I32, I32])
            old = self.builder.call(fn, [I32(0), self.int_resize(delta, False, I32)], name="old.pages")
        else:
            addr_ty = self.layout.address_type(mem)
            fn = self.cg.memop(MemOp("memory.grow", mem), addr_ty, [addr_ty])
            old = self.builder.call(fn, [self.int_resize(delta, False, addr_ty)], name="old.pages")
        # -1 (failure) must stay -1 when widened: sign-extend
        return self.int_resize(old, True, result_ty)

    @lowers(BuiltinOp.SIZE_OF)
    def lower_size_of(self, e: T.Builtin) -> ir.Value:
        return self.const_int(self.layout.llvm_type(e.ty), self.layout.size_of(self._type_arg(e)))

    @lowers(BuiltinOp.ALIGN_OF)
    def lower_align_of(self, e: T.Builtin) -> ir.Value:
        return self.const_int(self.layout.llvm_type(e.ty), self.layout.align_of(self._type_arg(e)))

    @staticmethod
    def _type_arg(e: T.Builtin) -> Type:
        if e.type_arg is None:
            raise CodegenError(f"`{e.op}` without a type argument")
        return e.type_arg

    @lowers(BuiltinOp.TRAP)
    def lower_trap(self, e: T.Builtin) -> None:
        self.builder.branch(self.trap_block())
        self.dead_block()
        return None


    # ----- slices (their two-word value: slices.py)
    @lowers(BuiltinOp.SLICE_LEN)
    def lower_slice_len(self, e: T.Builtin, s: ir.Value) -> ir.Value:
        return self.slice_parts(s, e.args[0].ty)[1]

    @lowers(BuiltinOp.SLICE_AS_PTR)
    def lower_slice_as_ptr(self, e: T.Builtin, s: ir.Value) -> ir.Value:
        return self.slice_parts(s, e.args[0].ty)[0]

    @lowers(BuiltinOp.SLICE_FROM_RAW_PARTS)
    def lower_slice_from_raw_parts(self, e: T.Builtin, p: ir.Value, n: ir.Value) -> ir.Value:
        return self.make_slice(p, n, e.ty)


class _InBoundsGEP(ir.GEPInstr):
    """A GEP printed with LLVM's `inbounds` and, optionally, `nuw` flags
    (llvmlite's builder knows only `inbounds`)."""

    def __init__(self, parent, ptr, indices, name: str, source_etype, nuw: bool) -> None:
        super().__init__(parent, ptr, indices, inbounds=True, name=name, source_etype=source_etype)
        self.nuw = nuw

    def descr(self, buf: list[str]) -> None:
        inner: list[str] = []
        super().descr(inner)
        text = "".join(inner)
        if self.nuw:
            text = text.replace("getelementptr inbounds", "getelementptr inbounds nuw", 1)
        buf.append(text)
