"""SIMD: `core::arch::wasm32`'s `v128` functions, on pointers into any memory.

Spelled and typed as Rust spells them (`v128_load(m: *const v128) -> v128`,
`v128_load32_lane::<L>(v: v128, m: *const u32) -> v128`,
`u16x8_load_extend_u8x8(m: *const u8) -> v128`, `u32x4_extract_lane::<N>(a:
v128) -> u32`, `i32x4_add(a: v128, b: v128) -> v128`, ...). The memory
accessed is the pointer's, as for `*p`: a far pointer makes a far SIMD access
(`v128.load $m1`), with no memory index in the call. The lane shape of an
operation travels in `Builtin.type_arg` (the element type: `u32` for
`u32x4_splat`, the *loaded* element for an extending load); a lane index is
a constant operand, checked here against the lane count (E0080 otherwise,
as rustc's const evaluation reports it).

Mixed into `body.BodyChecker`; registered in the tables of `registry`.
"""
from __future__ import annotations

from .. import messages as msg
from ..builtins import BuiltinOp
from ..syntax import ast
from ..types import INTS, V128, IntType, PointerType, Type, UNIT, USIZE
from . import tree as t
from .coercion import OTHER, Context
from .registry import intrinsic

_ARG = Context("arg")
_ELEMS = {f"{sign}{bits}": INTS[f"{sign}{bits}"] for sign in "iu" for bits in (8, 16, 32, 64)}
#: lanes of a shape (`i32x4` -> 4)
_LANES = {8: 16, 16: 8, 32: 4, 64: 2}

#: name -> (operation, element type): the loads of one scalar into a lane, every lane, or lane 0 of zeros
LANE_LOADS = {f"v128_load{b}_lane": (BuiltinOp.V128_LOAD_LANE, INTS[f"u{b}"]) for b in (8, 16, 32, 64)}
SPLAT_LOADS = {f"v128_load{b}_splat": (BuiltinOp.V128_LOAD_SPLAT, INTS[f"u{b}"]) for b in (8, 16, 32, 64)}
ZERO_LOADS = {f"v128_load{b}_zero": (BuiltinOp.V128_LOAD_ZERO, INTS[f"u{b}"]) for b in (32, 64)}
#: extending loads: `u16x8_load_extend_u8x8` -> the loaded element type (its signedness picks the extension)
EXTEND_LOADS: dict[str, Type] = {}
for _wide, _narrow in ((16, 8), (32, 16), (64, 32)):
    _count = 128 // _wide
    EXTEND_LOADS[f"i{_wide}x{_count}_load_extend_i{_narrow}x{_count}"] = INTS[f"i{_narrow}"]
    EXTEND_LOADS[f"i{_wide}x{_count}_load_extend_u{_narrow}x{_count}"] = INTS[f"u{_narrow}"]
    EXTEND_LOADS[f"u{_wide}x{_count}_load_extend_u{_narrow}x{_count}"] = INTS[f"u{_narrow}"]
#: lane-wise operations by shape: `i32x4_add` ...; bitwise ones take no shape
LANEWISE = {"add": BuiltinOp.V128_ADD, "sub": BuiltinOp.V128_SUB, "mul": BuiltinOp.V128_MUL}
BITWISE = {"v128_and": BuiltinOp.V128_AND, "v128_or": BuiltinOp.V128_OR, "v128_xor": BuiltinOp.V128_XOR}


def _shape(elem: IntType) -> str:
    return f"{elem.name[0]}{elem.bits}x{_LANES[elem.bits]}"


SPLATS = {f"{_shape(e)}_splat": e for e in _ELEMS.values()}
EXTRACTS = {f"{_shape(e)}_extract_lane": e for e in _ELEMS.values()}
ARITHMETIC = {f"{_shape(e)}_{name}": (op, e) for e in _ELEMS.values() for name, op in LANEWISE.items()
              if not (name == "mul" and e.bits == 8)}  # wasm has no i8x16.mul


class SimdRules:
    def simd_pointer(self, e: ast.Call, index: int, pointee: Type, mutable: bool, name: str,
                     pointer: t.TExpr | None = None) -> t.TExpr:
        """`m: *const pointee` (`*mut`) in any declared memory (`pointer`: already
        checked, by a `_memidx` sibling)."""
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=name), msg.NOTE_RAW_POINTERS_UNSAFE)
        ptr = pointer if pointer is not None else self.pointer_arg(e.args[index], mutable, "memory operand")
        ty = self.infer.shallow(ptr.ty)
        if isinstance(ty, PointerType):
            if self.infer.unify(ty.pointee, pointee) is not None:
                self.error(msg.MISMATCHED_TYPES(), e.args[index].span, msg.LABEL_EXPECTED_POINTER_TO.format(
                    pointee=pointee, found=self.show(ty)))
            self.require_declared(ty.mem, e.args[index].span, msg.WHAT_BUILTIN.format(name=name))
        return ptr

    def lane_arg(self, path: ast.Path, lanes: int, span) -> t.TExpr | None:
        """The const generic lane index `::<L>` (0 <= L < lanes) as a constant operand."""
        gargs = self.intrinsic_generic_args(path, ("L",), 1)
        if not gargs:
            return None
        lane = self.const_generic_arg(gargs[0])
        if not isinstance(lane, int):
            self.error(msg.SIMD_LANE_NOT_CONSTANT(name=path.name), span)
            return None
        if not 0 <= lane < lanes:
            self.error(msg.SIMD_LANE_RANGE(name=path.name, lane=lane, lanes=lanes), span)
            return None
        return self.new_node(t.IntConst(span, USIZE, lane))

    # ----- memory
    @intrinsic("v128_load", produces=(BuiltinOp.V128_LOAD,))
    def check_v128_load(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, V128)
        return self.builtin_node(e.span, V128, BuiltinOp.V128_LOAD, [self.simd_pointer(e, 0, V128, False, path.name, pointer)])

    @intrinsic("v128_store", produces=(BuiltinOp.V128_STORE,))
    def check_v128_store(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, UNIT)
        ptr = self.simd_pointer(e, 0, V128, True, path.name, pointer)
        return self.builtin_node(e.span, UNIT, BuiltinOp.V128_STORE, [ptr, self.coerced(e.args[1], V128, OTHER)])

    @intrinsic(*LANE_LOADS, produces=(BuiltinOp.V128_LOAD_LANE,))
    def check_v128_load_lane(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        op, elem = LANE_LOADS[path.name]
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, V128)
        vector = self.coerced(e.args[0], V128, OTHER)
        ptr = self.simd_pointer(e, 1, elem, False, path.name, pointer)
        lane = self.lane_arg(path, _LANES[elem.bits], e.span)
        if lane is None:
            return t.UnitConst(e.span, V128)
        return self.builtin_node(e.span, V128, op, [vector, ptr, lane], type_arg=elem)

    @intrinsic(*SPLAT_LOADS, *ZERO_LOADS, produces=(BuiltinOp.V128_LOAD_SPLAT, BuiltinOp.V128_LOAD_ZERO))
    def check_v128_load_scalar(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        op, elem = {**SPLAT_LOADS, **ZERO_LOADS}[path.name]
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, V128)
        return self.builtin_node(e.span, V128, op, [self.simd_pointer(e, 0, elem, False, path.name, pointer)], type_arg=elem)

    @intrinsic(*EXTEND_LOADS, produces=(BuiltinOp.V128_LOAD_EXTEND,))
    def check_v128_load_extend(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        elem = EXTEND_LOADS[path.name]
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, V128)
        ptr = self.simd_pointer(e, 0, elem, False, path.name, pointer)
        return self.builtin_node(e.span, V128, BuiltinOp.V128_LOAD_EXTEND, [ptr], type_arg=elem)

    # ----- lanes
    @intrinsic(*SPLATS, produces=(BuiltinOp.V128_SPLAT,))
    def check_splat(self, e: ast.Call, path: ast.Path, expected):
        elem = SPLATS[path.name]
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, V128)
        return self.builtin_node(e.span, V128, BuiltinOp.V128_SPLAT, [self.coerced(e.args[0], elem, _ARG)],
                                 type_arg=elem)

    @intrinsic(*EXTRACTS, produces=(BuiltinOp.V128_EXTRACT_LANE,))
    def check_extract_lane(self, e: ast.Call, path: ast.Path, expected):
        elem = EXTRACTS[path.name]
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, elem)
        vector = self.coerced(e.args[0], V128, _ARG)
        lane = self.lane_arg(path, _LANES[elem.bits], e.span)
        if lane is None:
            return t.UnitConst(e.span, elem)
        return self.builtin_node(e.span, elem, BuiltinOp.V128_EXTRACT_LANE, [vector, lane], type_arg=elem)

    @intrinsic(*ARITHMETIC, *BITWISE, produces=(*LANEWISE.values(), *BITWISE.values()))
    def check_simd_binary(self, e: ast.Call, path: ast.Path, expected):
        op, elem = ARITHMETIC[path.name] if path.name in ARITHMETIC else (BITWISE[path.name], None)
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, V128)
        a, b = (self.coerced(arg, V128, _ARG) for arg in e.args)
        return self.builtin_node(e.span, V128, op, [a, b], type_arg=elem)



