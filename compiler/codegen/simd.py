"""The lowering of `core::arch::wasm32`'s SIMD functions, on every memory.

A `v128` is an LLVM `<4 x i32>`; an operation on another lane shape
bitcasts to `<lanes x iN>`, operates and bitcasts back (free in wasm, where
every vector is one v128). Memory operations are ordinary LLVM loads and
stores in the pointer's address space, shaped so that instruction selection
(memory 0) and legalization (far memories, `far_fusion`) pick the one wasm
instruction for each: a scalar load inserted into a lane is
`v128.loadN_lane`, broadcast to every lane `v128.loadN_splat`, inserted into
zeros `v128.loadN_zero`, a half-width vector load extended lane by lane
`v128.load8x8_u` and its siblings, a `<4 x i32>` load `v128.load`.

Mixed into `function.FunctionEmitter`; registered in `registry.LOWERINGS`.
"""
from __future__ import annotations

from llvmlite import ir

from ..builtins import BuiltinOp
from ..check import tree as T
from ..types import IntType
from .llvm_ir import I32, CodegenError, mem_of
from .registry import lowers

#: the LLVM type of `v128`
V128_LLVM = ir.VectorType(I32, 4)


def lanes(elem: IntType) -> ir.VectorType:
    """`<16 x i8>`, `<8 x i16>`, `<4 x i32>`, `<2 x i64>`: the shape of a 128-bit vector of `elem`."""
    return ir.VectorType(ir.IntType(elem.bits), 128 // elem.bits)


class SimdLowering:
    def _as_lanes(self, v: ir.Value, elem: IntType) -> ir.Value:
        shape = lanes(elem)
        return v if v.type == shape else self.builder.bitcast(v, shape)

    def _as_v128(self, v: ir.Value) -> ir.Value:
        return v if v.type == V128_LLVM else self.builder.bitcast(v, V128_LLVM)

    def _scalar_load(self, p: ir.Value, mem: int, elem: IntType) -> ir.Value:
        """One element from memory `mem`, tagged with its alias scope (alignment 1:
        these functions allow unaligned addresses, as in Rust)."""
        ld = self.builder.load(p, name="simd.elem", align=1, typ=ir.IntType(elem.bits))
        self.cg.tag_access(ld, frozenset({mem}))
        return ld

    @staticmethod
    def _elem(e: T.Builtin) -> IntType:
        if not isinstance(e.type_arg, IntType):
            raise CodegenError(f"`{e.op}` without a lane type")
        return e.type_arg

    @staticmethod
    def _lane(value: ir.Value) -> int:
        if not isinstance(value, ir.Constant):
            raise CodegenError("a SIMD lane index that is not a constant")
        return int(value.constant)

    # ----- memory
    @lowers(BuiltinOp.V128_LOAD)
    def lower_v128_load(self, e: T.Builtin, p: ir.Value) -> ir.Value:
        ld = self.builder.load(p, name="v128", align=1, typ=V128_LLVM)
        self.cg.tag_access(ld, frozenset({mem_of(e.args[0].ty)}))
        return ld

    @lowers(BuiltinOp.V128_STORE)
    def lower_v128_store(self, e: T.Builtin, p: ir.Value, v: ir.Value) -> None:
        st = self.builder.store(v, p, align=1)
        self.cg.tag_access(st, frozenset({mem_of(e.args[0].ty)}))
        return None

    @lowers(BuiltinOp.V128_LOAD_LANE)
    def lower_v128_load_lane(self, e: T.Builtin, v: ir.Value, p: ir.Value, lane: ir.Value) -> ir.Value:
        elem = self._elem(e)
        scalar = self._scalar_load(p, mem_of(e.args[1].ty), elem)
        inserted = self.builder.insert_element(self._as_lanes(v, elem), scalar, I32(self._lane(lane)))
        return self._as_v128(inserted)

    @lowers(BuiltinOp.V128_LOAD_SPLAT)
    def lower_v128_load_splat(self, e: T.Builtin, p: ir.Value) -> ir.Value:
        elem = self._elem(e)
        return self._as_v128(self._splat(self._scalar_load(p, mem_of(e.args[0].ty), elem), elem))

    @lowers(BuiltinOp.V128_LOAD_ZERO)
    def lower_v128_load_zero(self, e: T.Builtin, p: ir.Value) -> ir.Value:
        elem = self._elem(e)
        zeros = ir.Constant(lanes(elem), None)
        return self._as_v128(self.builder.insert_element(zeros, self._scalar_load(p, mem_of(e.args[0].ty), elem), I32(0)))

    @lowers(BuiltinOp.V128_LOAD_EXTEND)
    def lower_v128_load_extend(self, e: T.Builtin, p: ir.Value) -> ir.Value:
        """`<8 x i8>` loaded, then each lane zero- or sign-extended to `<8 x i16>` (by `elem`'s sign)."""
        elem = self._elem(e)
        count = 64 // elem.bits
        narrow = ir.VectorType(ir.IntType(elem.bits), count)
        ld = self.builder.load(p, name="simd.half", align=1, typ=narrow)
        self.cg.tag_access(ld, frozenset({mem_of(e.args[0].ty)}))
        wide = ir.VectorType(ir.IntType(2 * elem.bits), count)
        extended = self.builder.sext(ld, wide) if elem.signed else self.builder.zext(ld, wide)
        return self._as_v128(extended)

    # ----- lanes
    def _splat(self, scalar: ir.Value, elem: IntType) -> ir.Value:
        shape = lanes(elem)
        first = self.builder.insert_element(ir.Constant(shape, ir.Undefined), scalar, I32(0))
        mask = ir.Constant(ir.VectorType(I32, shape.count), [0] * shape.count)
        return self.builder.shuffle_vector(first, ir.Constant(shape, ir.Undefined), mask)

    @lowers(BuiltinOp.V128_SPLAT)
    def lower_v128_splat(self, e: T.Builtin, x: ir.Value) -> ir.Value:
        return self._as_v128(self._splat(x, self._elem(e)))

    @lowers(BuiltinOp.V128_EXTRACT_LANE)
    def lower_v128_extract_lane(self, e: T.Builtin, v: ir.Value, lane: ir.Value) -> ir.Value:
        elem = self._elem(e)
        return self.builder.extract_element(self._as_lanes(v, elem), I32(self._lane(lane)), name="lane")

    def _lanewise(self, e: T.Builtin, a: ir.Value, b: ir.Value, op: str) -> ir.Value:
        elem = self._elem(e)
        result = getattr(self.builder, op)(self._as_lanes(a, elem), self._as_lanes(b, elem))
        return self._as_v128(result)

    @lowers(BuiltinOp.V128_ADD)
    def lower_v128_add(self, e: T.Builtin, a: ir.Value, b: ir.Value) -> ir.Value:
        return self._lanewise(e, a, b, "add")

    @lowers(BuiltinOp.V128_SUB)
    def lower_v128_sub(self, e: T.Builtin, a: ir.Value, b: ir.Value) -> ir.Value:
        return self._lanewise(e, a, b, "sub")

    @lowers(BuiltinOp.V128_MUL)
    def lower_v128_mul(self, e: T.Builtin, a: ir.Value, b: ir.Value) -> ir.Value:
        return self._lanewise(e, a, b, "mul")

    @lowers(BuiltinOp.V128_AND)
    def lower_v128_and(self, e: T.Builtin, a: ir.Value, b: ir.Value) -> ir.Value:
        return self.builder.and_(a, b)

    @lowers(BuiltinOp.V128_OR)
    def lower_v128_or(self, e: T.Builtin, a: ir.Value, b: ir.Value) -> ir.Value:
        return self.builder.or_(a, b)

    @lowers(BuiltinOp.V128_XOR)
    def lower_v128_xor(self, e: T.Builtin, a: ir.Value, b: ir.Value) -> ir.Value:
        return self.builder.xor(a, b)
