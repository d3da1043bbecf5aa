"""The intrinsics-only design, kept comparable: a `_memidx` sibling of every access kind.

The original proposal's `load_memidx::<N, T>(ptr)` takes a plain (memory 0
typed) pointer and uses its *address* in memory N. To reach the coverage of
typed pointers that design needs one such intrinsic per access kind; farc
has them all, so the two designs can be counted against each other
(`docs/design.md`): `atomic_xadd_memidx::<N, T>(ptr, v)` is
`atomic_xadd_seqcst` on `ptr`'s address in memory N, and so on for every
atomic, wait/notify and volatile intrinsic (`MEMIDX_SIBLINGS`). Typed
pointers need none of them: the same typed intrinsic takes a pointer into
any memory.

Each sibling checks its memory argument and its plain pointer, reinterprets
the pointer's address in memory N (an integer round trip, as
`load_memidx`: memories are disjoint) and hands the far pointer to the typed
intrinsic's own check, so both designs share one rule set and one lowering.

Mixed into `body.BodyChecker`; registered in the tables of `registry`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import ERROR, USIZE, PointerType, Type
from . import atomics, intrinsics, simd  # noqa: F401 - the typed intrinsics register first
from . import tree as t
from .coercion import Context
from .registry import BUILTIN_FNS, PRODUCES, intrinsic

_ARG = Context("arg")

#: sibling -> (the typed intrinsic it stands for, whether its pointer is `*mut`, the pointer's position)
MEMIDX_SIBLINGS: dict[str, tuple[str, bool, int]] = {
    "atomic_load_memidx": ("atomic_load_seqcst", False, 0),
    "atomic_store_memidx": ("atomic_store_seqcst", True, 0),
    "atomic_xadd_memidx": ("atomic_xadd_seqcst", True, 0),
    "atomic_xsub_memidx": ("atomic_xsub_seqcst", True, 0),
    "atomic_and_memidx": ("atomic_and_seqcst", True, 0),
    "atomic_or_memidx": ("atomic_or_seqcst", True, 0),
    "atomic_xor_memidx": ("atomic_xor_seqcst", True, 0),
    "atomic_xchg_memidx": ("atomic_xchg_seqcst", True, 0),
    "atomic_nand_memidx": ("atomic_nand_seqcst", True, 0),
    "atomic_max_memidx": ("atomic_max_seqcst", True, 0),
    "atomic_min_memidx": ("atomic_min_seqcst", True, 0),
    "atomic_umax_memidx": ("atomic_umax_seqcst", True, 0),
    "atomic_umin_memidx": ("atomic_umin_seqcst", True, 0),
    "atomic_cxchg_memidx": ("atomic_cxchg_seqcst_seqcst", True, 0),
    "memory_atomic_wait32_memidx": ("memory_atomic_wait32", True, 0),
    "memory_atomic_wait64_memidx": ("memory_atomic_wait64", True, 0),
    "memory_atomic_notify_memidx": ("memory_atomic_notify", True, 0),
    "read_volatile_memidx": ("read_volatile", False, 0),
    "write_volatile_memidx": ("write_volatile", True, 0),
    "memory_init_memidx": ("memory_init", True, 0),
    "write_bytes_memidx": ("write_bytes", True, 0),
    "v128_load_memidx": ("v128_load", False, 0),
    "v128_store_memidx": ("v128_store", True, 0),
    **{f"v128_load{b}_lane_memidx": (f"v128_load{b}_lane", False, 1) for b in (8, 16, 32, 64)},
    **{f"v128_load{b}_splat_memidx": (f"v128_load{b}_splat", False, 0) for b in (8, 16, 32, 64)},
    **{f"v128_load{b}_zero_memidx": (f"v128_load{b}_zero", False, 0) for b in (32, 64)},
    **{f"{name}_memidx": (name, False, 0) for name in simd.EXTEND_LOADS},
}

#: the bulk copies' siblings take two memories, the source's first (as their pointers are
#: ordered): `copy_memidx::<SRC_MEM_IDX, DST_MEM_IDX, T>(src, dst, count)`
COPY_SIBLINGS: dict[str, str] = {"copy_memidx": "copy", "copy_nonoverlapping_memidx": "copy_nonoverlapping"}


class MemidxRules:
    @intrinsic(*MEMIDX_SIBLINGS, produces=())
    def check_memidx_sibling(self, e: ast.Call, path: ast.Path, expected):
        typed, mutable, index = MEMIDX_SIBLINGS[path.name]
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_INTRINSIC.format(name=path.name), msg.NOTE_MEMIDX_UNSAFE)
        lane = typed in simd.LANE_LOADS  # `v128_load32_lane_memidx::<N, L>`: the lane, not a type, follows N
        mem, rest = self.memory_arg(path, ("MEM_IDX", "L" if lane else "T"), 2 if lane else 1)
        if len(e.args) <= index:
            self.args_count(e, index + 1, path.name)
            return t.UnitConst(e.span, ERROR)
        elem: Type = self.infer.fresh()
        if rest and not lane:
            elem = self.generic_type_arg(rest[0]) or elem
        plain = self.coerced(e.args[index], PointerType(elem, mutable, 0), _ARG)
        if mem is None:
            for position, arg in enumerate(e.args):
                if position != index:
                    self.expr(arg)
            return t.UnitConst(e.span, ERROR)
        far = self.in_memory(plain, elem, mutable, mem, e.args[index].span)
        # the typed intrinsic's own check, with its lane argument (`::<L>`) if it takes one
        typed_path = ast.Path(path.span, (typed,), tuple(rest) if lane else ())
        return BUILTIN_FNS[typed](self, e, typed_path, expected, pointer=far)

    def in_memory(self, plain: t.TExpr, elem: Type, mutable: bool, mem: object, span) -> t.TExpr:
        """The plain pointer's address as a pointer into memory `mem` (an integer round trip)."""
        address = self.new_node(t.Cast(span, USIZE, plain))
        return self.new_node(t.Cast(span, PointerType(elem, mutable, mem), address))

    @intrinsic(*COPY_SIBLINGS, produces=())
    def check_copy_memidx(self, e: ast.Call, path: ast.Path, expected):
        """`copy_memidx::<SRC, DST, T>(src, dst, count)`: `copy` from src's address in
        memory SRC to dst's address in memory DST (both plain pointers)."""
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_INTRINSIC.format(name=path.name), msg.NOTE_MEMIDX_UNSAFE)
        gargs = self.intrinsic_generic_args(path, ("SRC_MEM_IDX", "DST_MEM_IDX", "T"), 2)
        if gargs is None or not self.args_count(e, 3, path.name):
            for arg in e.args:
                self.expr(arg)
            return t.UnitConst(e.span, ERROR)
        src_mem, dst_mem = self.const_generic_arg(gargs[0]), self.const_generic_arg(gargs[1])
        elem: Type = (self.generic_type_arg(gargs[2]) if len(gargs) > 2 else None) or self.infer.fresh()
        src = self.coerced(e.args[0], PointerType(elem, False, 0), _ARG)
        dst = self.coerced(e.args[1], PointerType(elem, True, 0), _ARG)
        if src_mem is None or dst_mem is None:
            self.expr(e.args[2])
            return t.UnitConst(e.span, ERROR)
        pointers = (self.in_memory(src, elem, False, src_mem, e.args[0].span),
                    self.in_memory(dst, elem, True, dst_mem, e.args[1].span))
        typed = COPY_SIBLINGS[path.name]
        return BUILTIN_FNS[typed](self, e, ast.Path(path.span, (typed,), ()), expected, pointers=pointers)


# the siblings produce what the typed intrinsics they stand for produce
for _sibling, (_typed, _, _) in MEMIDX_SIBLINGS.items():
    PRODUCES[_sibling] = PRODUCES[_typed]
for _sibling, _typed in COPY_SIBLINGS.items():
    PRODUCES[_sibling] = PRODUCES[_typed]
