"""The intrinsics and pointer methods the checker knows, one small method each.

Free functions (`core::ptr` and the memory intrinsics of the original
proposal) are registered in `BUILTIN_FNS`, methods on raw pointers in
`POINTER_METHODS`, each with the `BuiltinOp`s it may produce (`PRODUCES`)
(the tables: `registry`; the atomic and volatile ones: `atomics`).
Each checks its operands, including the memory rules, and returns a
`tree.Builtin` (or another tree node) for codegen.

Mixed into `body.BodyChecker`; the tables hold the (unbound) methods.
"""
from __future__ import annotations


from .. import messages as msg
from ..builtins import BuiltinOp
from ..source import Span
from ..syntax import ast
from ..types import ArrayType, PointerType, SliceType, Type, BOOL, ERROR, ISIZE, NEVER, UNIT, USIZE, INTS
from . import tree as t
from .coercion import OTHER, STORE, Context
from .registry import BUILTIN_FNS, POINTER_METHODS, PRODUCES, intrinsic, method
from .resolve import PathResolution
from . import atomics, simd  # noqa: F401 - register the atomic, volatile and SIMD intrinsics (memidx imports this module)

U8 = INTS["u8"]
U64 = INTS["u64"]
I64 = INTS["i64"]

def _memory_type(memories, mem: object, signed: bool = False) -> Type:
    """usize (isize), or u64 (i64) for a 64-bit memory: the type of sizes,
    addresses and distances in memory `mem`."""
    if isinstance(mem, int) and mem in memories and memories[mem].memory64:
        return I64 if signed else U64
    return ISIZE if signed else USIZE


class IntrinsicRules:
    # ----- shared operand checks
    def builtin_node(self, span: Span, ty: Type, op: BuiltinOp, args: list, mem=None, type_arg=None) -> t.TExpr:
        return self.new_node(t.Builtin(span, ty, op, args, mem, type_arg))

    def intrinsic_generic_args(self, path: ast.Path, names: tuple[str, ...], required: int) -> list | None:
        args = list(path.generic_args)
        if not (required <= len(args) <= len(names)):
            self.error(msg.WRONG_BUILTIN_GENERIC_COUNT(
                name=path.name, at_least="at least " if required < len(names) else "",
                expected=msg.count(required, "generic argument"), names=", ".join(names),
                supplied=msg.were(len(args))), path.span)
            return None
        return args

    def pointer_arg(self, arg: ast.Expr, mutable: bool, what: str) -> t.TExpr:
        node = self.expr(arg)
        ty = self.infer.shallow(node.ty)
        if not isinstance(ty, PointerType):
            self.error(msg.MISMATCHED_TYPES(), arg.span, msg.LABEL_EXPECTED_RAW_POINTER.format(
                qualifier="mut" if mutable else "const", found=self.show(ty))).with_note(
                msg.NOTE_RAW_POINTER_ARGUMENT.format(what=what))
        elif mutable and not ty.mutable:
            self.error(msg.MISMATCHED_TYPES(), arg.span, msg.LABEL_EXPECTED_RAW_POINTER.format(
                qualifier="mut", found=ty)).with_note(msg.NOTE_MUTABLE_POINTER_ARGUMENT.format(what=what))
        return node

    def memory_arg(self, path: ast.Path, names: tuple[str, ...], required: int):
        """(memory, remaining generic args) from `::<N, ...>`; N is required."""
        gargs = self.intrinsic_generic_args(path, names, required)
        if not gargs:
            if gargs is not None:
                self.error(msg.MISSING_MEMORY_ARG(name=path.name, rest=", T" if len(names) > 1 else ""), path.span)
            return None, []
        return self.const_generic_arg(gargs[0]), gargs[1:]

    def memidx_operands(self, e: ast.Call, path: ast.Path, mutable: bool, arity: int,
                        expected) -> tuple[object, Type, t.TExpr] | None:
        """`name::<N, T>(ptr, ...)`: unsafe; the memory N; the element type (from
        T, else the expected type, else inferred); the plain (memory 0 typed)
        pointer operand. None when the call has the wrong number of arguments."""
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_INTRINSIC.format(name=path.name), msg.NOTE_MEMIDX_UNSAFE)
        mem, rest = self.memory_arg(path, ("MEM_IDX", "T"), 1)
        if not self.args_count(e, arity, path.name):
            return None
        elem: Type = self.infer.fresh()
        if rest:
            elem = self.generic_type_arg(rest[0]) or elem
        elif expected is not None:
            self.infer.unify(elem, expected)
        ptr_ty = PointerType(elem, mutable, 0)
        ptr = self.coerced(e.args[0], ptr_ty, Context("arg"))
        return mem, elem, ptr

    # ----- core::ptr free functions
    @intrinsic("null", "null_mut", produces=(BuiltinOp.NULL,))
    def check_null(self, e: ast.Call, path: ast.Path, expected):
        mutable = path.name == "null_mut"
        if not self.args_count(e, 0, path.name):
            return t.UnitConst(e.span, NEVER)
        gargs = self.intrinsic_generic_args(path, ("T",), 0)
        pointee: Type = self.infer.fresh()
        if gargs:
            ty = self.generic_type_arg(gargs[0])
            if ty is not None:
                pointee = ty
        # the memory comes from the expected type, or later use decides it (as
        # Rust infers `T`): `if c { null() } else { far }`, `null() == far`, ...
        exp = self.infer.shallow(expected) if expected is not None else None
        home = self.items.home_of(pointee)  # design 3: a null `*const Secret` is null in Secret's memory
        mem: object = self.infer.fresh_mem("_", default=home if isinstance(home, int) else 0)
        if isinstance(exp, PointerType) and not exp.is_ref:
            mem = self.infer.mem(exp.mem)
        return self.builtin_node(e.span, PointerType(pointee, mutable, mem), BuiltinOp.NULL, [])

    @intrinsic("copy", "copy_nonoverlapping", produces=(BuiltinOp.COPY, BuiltinOp.COPY_NONOVERLAPPING))
    def check_copy(self, e: ast.Call, path: ast.Path, expected,
                   pointers: tuple[t.TExpr, t.TExpr] | None = None):
        """`pointers`: (src, dst) already checked (by the `copy_memidx` siblings)."""
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=path.name), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 3, path.name):
            return t.UnitConst(e.span, UNIT)
        src, dst = pointers if pointers is not None else (self.pointer_arg(e.args[0], False, "source"),
                                                          self.pointer_arg(e.args[1], True, "destination"))
        count = self.coerced(e.args[2], USIZE, OTHER)
        st, dt = self.infer.shallow(src.ty), self.infer.shallow(dst.ty)
        if isinstance(st, PointerType) and isinstance(dt, PointerType):
            if self.infer.unify(st.pointee, dt.pointee) is not None:
                self.error(msg.MISMATCHED_TYPES(), e.args[1].span, msg.LABEL_EXPECTED_POINTER_TO.format(
                    pointee=self.show(st.pointee), found=self.show(dt))).with_note(msg.NOTE_COPY_ELEMENT_TYPES)
            self.require_declared(st.mem, e.args[0].span, msg.WHAT_BUILTIN.format(name=path.name))
            self.require_declared(dt.mem, e.args[1].span, msg.WHAT_BUILTIN.format(name=path.name))
        op = BuiltinOp.COPY if path.name == "copy" else BuiltinOp.COPY_NONOVERLAPPING
        return self.builtin_node(e.span, UNIT, op, [src, dst, count])

    @intrinsic("write_bytes", produces=(BuiltinOp.WRITE_BYTES,))
    def check_write_bytes(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name="write_bytes"), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 3, path.name):
            return t.UnitConst(e.span, UNIT)
        dst = pointer if pointer is not None else self.pointer_arg(e.args[0], True, "destination")
        value = self.coerced(e.args[1], U8, OTHER)
        count = self.coerced(e.args[2], USIZE, OTHER)
        dt = self.infer.shallow(dst.ty)
        if isinstance(dt, PointerType):
            self.require_declared(dt.mem, e.args[0].span, msg.WHAT_BUILTIN.format(name="write_bytes"))
        return self.builtin_node(e.span, UNIT, BuiltinOp.WRITE_BYTES, [dst, value, count])

    # ----- passive data segments (`#[passive] static`)
    def passive_segment_arg(self, arg: ast.Expr, name: str) -> t.StaticDef | None:
        """The `#[passive]` static that `arg`, a path, names; else M0017 (None)."""
        found = "an expression"
        if isinstance(arg, ast.Path) and not (len(arg.segments) == 1 and self.lookup_local(arg.name) is not None):
            target = self.value_target(arg, "value")
            if target is None:  # (reported)
                return None
            if not isinstance(target, PathResolution) and target.kind == "static":
                static = self.items.static(target.key)
                if static is None:  # (a cycle, reported)
                    return None
                if static.passive:
                    return static
                found = f"static `{static.name}`, which is not passive"
        else:
            self.expr(arg)
        self.error(msg.NOT_PASSIVE_SEGMENT(name=name, found=found), arg.span, msg.LABEL_NOT_PASSIVE).with_note(
            msg.NOTE_PASSIVE_SEGMENT)
        return None

    @intrinsic("memory_init", produces=(BuiltinOp.MEMORY_INIT,))
    def check_memory_init(self, e: ast.Call, path: ast.Path, expected, pointer: t.TExpr | None = None):
        """`memory_init(dst, SEGMENT, offset, count)`: elements `offset..offset + count`
        of the passive static SEGMENT (a `[T; N]`), written at `dst: *mut T`, in dst's memory."""
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=path.name), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 4, path.name):
            return t.UnitConst(e.span, UNIT)
        dst = pointer if pointer is not None else self.pointer_arg(e.args[0], True, "destination")
        segment = self.passive_segment_arg(e.args[1], path.name)
        offset = self.coerced(e.args[2], USIZE, OTHER)
        count = self.coerced(e.args[3], USIZE, OTHER)
        dt = self.infer.shallow(dst.ty)
        if segment is None or not isinstance(segment.ty, ArrayType) or not isinstance(dt, PointerType):
            return t.UnitConst(e.span, UNIT)
        elem = segment.ty.elem
        if self.infer.unify(dt.pointee, elem) is not None:
            self.error(msg.MISMATCHED_TYPES(), e.args[0].span, msg.LABEL_EXPECTED_POINTER_TO.format(
                pointee=self.show(elem), found=self.show(dt))).with_note(msg.NOTE_MEMORY_INIT_ELEMENT.format(
                    name=segment.name, ty=segment.ty))
        self.require_declared(dt.mem, e.args[0].span, msg.WHAT_BUILTIN.format(name=path.name))
        return self.new_node(t.Builtin(e.span, UNIT, BuiltinOp.MEMORY_INIT, [dst, offset, count],
                                       type_arg=elem, passive=segment))

    @intrinsic("data_drop", produces=(BuiltinOp.DATA_DROP,))
    def check_data_drop(self, e: ast.Call, path: ast.Path, expected):
        """`data_drop(SEGMENT)`: frees the passive static's bytes; a later `memory_init`
        of it traps (unless it copies nothing)."""
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, UNIT)
        segment = self.passive_segment_arg(e.args[0], path.name)
        if segment is None:
            return t.UnitConst(e.span, UNIT)
        return self.new_node(t.Builtin(e.span, UNIT, BuiltinOp.DATA_DROP, [], passive=segment))

    @intrinsic("size_of", "align_of", produces=(BuiltinOp.SIZE_OF, BuiltinOp.ALIGN_OF))
    def check_size_of(self, e: ast.Call, path: ast.Path, expected):
        gargs = self.intrinsic_generic_args(path, ("T",), 1)
        self.args_count(e, 0, path.name)
        ty = self.generic_type_arg(gargs[0]) if gargs else None
        op = BuiltinOp.SIZE_OF if path.name == "size_of" else BuiltinOp.ALIGN_OF
        return self.builtin_node(e.span, USIZE, op, [], type_arg=ty or UNIT)

    @intrinsic("unreachable", "abort", produces=(BuiltinOp.TRAP,))
    def check_trap(self, e: ast.Call, path: ast.Path, expected):
        if path.name == "unreachable":
            self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name="unreachable"), msg.NOTE_UNREACHABLE_UNSAFE)
        self.args_count(e, 0, path.name)
        return self.builtin_node(e.span, NEVER, BuiltinOp.TRAP, [])

    # ----- core::slice
    @intrinsic("from_raw_parts", "from_raw_parts_mut", produces=(BuiltinOp.SLICE_FROM_RAW_PARTS,))
    def check_from_raw_parts(self, e: ast.Call, path: ast.Path, expected):
        """`from_raw_parts(p, n)`: the `n` elements at `p`, as a slice in `p`'s memory."""
        mutable = path.name == "from_raw_parts_mut"
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=path.name), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 2, path.name):
            return t.UnitConst(e.span, ERROR)
        elem: Type = self.infer.fresh()
        gargs = self.intrinsic_generic_args(path, ("T",), 0)
        if gargs:
            elem = self.generic_type_arg(gargs[0]) or elem
        exp = self.infer.shallow(expected) if expected is not None else None
        mem: object = self.infer.fresh_mem("_", default=0)
        if isinstance(exp, PointerType) and isinstance(self.infer.shallow(exp.pointee), SliceType):
            # the expected slice decides the element type (and, when nothing else does, the memory)
            self.infer.unify(elem, self.infer.shallow(exp.pointee).elem)  # type: ignore[union-attr]
        ptr = self.coerced(e.args[0], PointerType(elem, mutable, mem), Context("arg"))
        count = self.coerced(e.args[1], USIZE, OTHER)
        ty = PointerType(SliceType(elem), mutable, self.infer.mem(mem), True)
        return self.builtin_node(e.span, ty, BuiltinOp.SLICE_FROM_RAW_PARTS, [ptr, count])

    # ----- the memory intrinsics of the original proposal: explicit memory
    # index, plain (memory 0 typed) pointer
    @intrinsic("load_memidx", produces=(BuiltinOp.LOAD_MEMIDX,))
    def check_load_memidx(self, e: ast.Call, path: ast.Path, expected):
        operands = self.memidx_operands(e, path, False, 1, expected)
        if operands is None:
            return t.UnitConst(e.span, NEVER)
        mem, elem, ptr = operands
        if mem is None:
            return t.UnitConst(e.span, elem)
        self.require_declared(mem, e.span, msg.WHAT_BUILTIN.format(name="load_memidx"))
        return self.builtin_node(e.span, elem, BuiltinOp.LOAD_MEMIDX, [ptr], mem=mem)

    @intrinsic("store_memidx", produces=(BuiltinOp.STORE_MEMIDX,))
    def check_store_memidx(self, e: ast.Call, path: ast.Path, expected):
        operands = self.memidx_operands(e, path, True, 2, None)
        if operands is None:
            return t.UnitConst(e.span, UNIT)
        mem, elem, ptr = operands
        value = self.coerced(e.args[1], elem, OTHER)
        if mem is None:
            return t.UnitConst(e.span, UNIT)
        self.require_declared(mem, e.span, msg.WHAT_BUILTIN.format(name="store_memidx"))
        return self.builtin_node(e.span, UNIT, BuiltinOp.STORE_MEMIDX, [ptr, value], mem=mem)

    @intrinsic("memory_size", produces=(BuiltinOp.MEMORY_SIZE,))
    def check_memory_size(self, e: ast.Call, path: ast.Path, expected):
        mem, _ = self.memory_arg(path, ("MEM_IDX",), 1)
        self.args_count(e, 0, path.name)
        if mem is None:
            return t.UnitConst(e.span, USIZE)
        self.require_declared(mem, e.span, msg.WHAT_BUILTIN.format(name="memory_size"))
        return self.builtin_node(e.span, _memory_type(self.memories, mem), BuiltinOp.MEMORY_SIZE, [], mem=mem)

    @intrinsic("memory_grow", produces=(BuiltinOp.MEMORY_GROW,))
    def check_memory_grow(self, e: ast.Call, path: ast.Path, expected):
        mem, _ = self.memory_arg(path, ("MEM_IDX",), 1)
        if not self.args_count(e, 1, path.name):
            return t.UnitConst(e.span, USIZE)
        ty = _memory_type(self.memories, mem)
        delta = self.coerced(e.args[0], ty, OTHER)
        if mem is None:
            return t.UnitConst(e.span, ty)
        self.require_declared(mem, e.span, msg.WHAT_BUILTIN.format(name="memory_grow"))
        return self.builtin_node(e.span, ty, BuiltinOp.MEMORY_GROW, [delta], mem=mem)

    # ----- methods on raw pointers (as in core::ptr)
    def offset_method(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, op: BuiltinOp,
                      index_type: Type) -> t.TExpr:
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_METHOD.format(name=e.method), msg.NOTE_OFFSET_UNSAFE)
        if not self.args_count(e, 1, e.method):
            return t.UnitConst(e.span, ty)
        n = self.offset_index(e.args[0], ty, index_type)
        return self.builtin_node(e.span, ty, op, [receiver, n])

    def offset_index(self, arg: ast.Expr, ty: PointerType, index_type: Type) -> t.TExpr:
        """The element count of `p.add(n)` / `p.sub(n)` (usize) / `p.offset(n)` (isize):
        into a 64-bit memory it is `u64` / `i64`, the memory's width (a literal
        is one), and a `usize` / `isize` is accepted too (widened: it loses nothing)."""
        wide = _memory_type(self.memories, self.infer.mem(ty.mem), signed=index_type == ISIZE)
        if wide == index_type:
            return self.coerced(arg, index_type, OTHER)
        node = self.expr(arg, wide)
        if self.infer.shallow(node.ty) == index_type:
            return node
        return self.coerce(node, wide, OTHER)

    @method("add", produces=(BuiltinOp.PTR_ADD,))
    def check_add(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        return self.offset_method(e, receiver, ty, BuiltinOp.PTR_ADD, USIZE)

    @method("sub", produces=(BuiltinOp.PTR_SUB,))
    def check_sub(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        return self.offset_method(e, receiver, ty, BuiltinOp.PTR_SUB, USIZE)

    @method("offset", produces=(BuiltinOp.PTR_OFFSET,))
    def check_offset(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        return self.offset_method(e, receiver, ty, BuiltinOp.PTR_OFFSET, ISIZE)

    @method("read", produces=(BuiltinOp.PTR_READ,))
    def check_read(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_METHOD.format(name="read"), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 0, "read"):
            return t.UnitConst(e.span, ty.pointee)
        self.require_declared(ty.mem, e.span, msg.WHAT_BUILTIN.format(name="read"))
        return self.builtin_node(e.span, ty.pointee, BuiltinOp.PTR_READ, [receiver])

    @method("write", produces=(BuiltinOp.PTR_WRITE,))
    def check_write(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_METHOD.format(name="write"), msg.NOTE_RAW_POINTERS_UNSAFE)
        if not self.args_count(e, 1, "write"):
            return t.UnitConst(e.span, UNIT)
        if not ty.mutable:
            self.error(msg.NO_METHOD(method="write", ty=ty), e.span).with_help(msg.HELP_WRITE_NEEDS_MUT)
        value = self.coerced(e.args[0], ty.pointee, STORE)
        self.require_declared(ty.mem, e.span, msg.WHAT_BUILTIN.format(name="write"))
        return self.builtin_node(e.span, UNIT, BuiltinOp.PTR_WRITE, [receiver, value])

    @method("is_null", produces=(BuiltinOp.PTR_IS_NULL,))
    def check_is_null(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        if not self.args_count(e, 0, "is_null"):
            return t.UnitConst(e.span, BOOL)
        return self.builtin_node(e.span, BOOL, BuiltinOp.PTR_IS_NULL, [receiver])

    @method("cast")
    def check_cast_method(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.args_count(e, 0, "cast")
        pointee: Type = self.infer.fresh()
        if len(e.generic_args) == 1:
            pointee = self.generic_type_arg(e.generic_args[0]) or pointee
        elif e.generic_args:
            self.error(msg.CAST_GENERIC_COUNT(), e.span)
        target = PointerType(pointee, ty.mutable, ty.mem, ty.is_ref)
        if expected is not None and not e.generic_args:
            self.infer.unify(expected, target, coerce=True)
        return self.new_node(t.Cast(e.span, target, receiver))

    @method("cast_mut")
    def check_cast_mut(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.args_count(e, 0, e.method)
        return self.new_node(t.Cast(e.span, PointerType(ty.pointee, True, ty.mem), receiver))

    @method("cast_const")
    def check_cast_const(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.args_count(e, 0, e.method)
        return self.new_node(t.Cast(e.span, PointerType(ty.pointee, False, ty.mem), receiver))

    @method("offset_from", produces=(BuiltinOp.PTR_OFFSET_FROM,))
    def check_offset_from(self, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        self.require_unsafe(e.span, msg.WHAT_UNSAFE_METHOD.format(name="offset_from"), msg.NOTE_OFFSET_FROM_UNSAFE)
        distance = _memory_type(self.memories, self.infer.mem(ty.mem), signed=True)
        if not self.args_count(e, 1, "offset_from"):
            return t.UnitConst(e.span, distance)
        other = self.expr(e.args[0])
        ot = self.infer.shallow(other.ty)
        if isinstance(ot, PointerType):
            lm, rm = self.infer.mem(ty.mem), self.infer.mem(ot.mem)
            if self.infer.known_different(lm, rm):
                self.error(msg.DISTANCE_MEMORIES(other=rm, receiver=lm), e.span,
                           msg.LABEL_VERSUS.format(lhs=ty, rhs=self.show(ot))).with_note(msg.NOTE_NO_DISTANCE)
                return t.UnitConst(e.span, distance)
            if self.infer.unify(ty.pointee, ot.pointee) is not None:
                self.error(msg.MISMATCHED_TYPES(), e.args[0].span,
                           msg.LABEL_EXPECTED_FOUND.format(expected=ty, found=self.show(ot)))
        else:
            self.error(msg.MISMATCHED_TYPES(), e.args[0].span,
                       msg.LABEL_EXPECTED_FOUND.format(expected=ty, found=self.show(ot)))
        return self.builtin_node(e.span, distance, BuiltinOp.PTR_OFFSET_FROM, [receiver, other])
