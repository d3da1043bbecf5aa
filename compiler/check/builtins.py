"""The intrinsics and pointer methods the checker knows, one small function each.

Free functions (`core::ptr` and the memory intrinsics of the original
proposal) go in `BUILTIN_FNS`; methods on raw pointers in `POINTER_METHODS`.
Each checks its operands — including the memory rules — and returns a
`tree.Builtin` (or another tree node) for codegen.
"""
from __future__ import annotations

from ..source import Span
from ..syntax import ast
from ..types import (
    PointerType, Type, BOOL, ISIZE, NEVER, UNIT, USIZE, INTS,
)
from . import tree as t
from .body import BUILTIN_FNS, OTHER, POINTER_METHODS, BodyChecker, Context, mem_str

U8 = INTS["u8"]
U64 = INTS["u64"]


def builtin(name: str, *aliases: str):
    def register(fn):
        for n in (name, *aliases):
            BUILTIN_FNS[n] = fn
        return fn
    return register


def method(name: str):
    def register(fn):
        POINTER_METHODS[name] = fn
        return fn
    return register


def _generic_args(c: BodyChecker, path: ast.Path, names: tuple[str, ...], required: int) -> list | None:
    args = list(path.generic_args)
    if not (required <= len(args) <= len(names)):
        c.error("E0107", f"`{path.name}` takes {'at least ' if required < len(names) else ''}{required} generic "
                f"argument{'s' if required != 1 else ''} (<{', '.join(names)}>) but {len(args)} "
                f"{'were' if len(args) != 1 else 'was'} supplied", path.span)
        return None
    return args


def _memory_type(c: BodyChecker, mem: object) -> Type:
    """usize, or u64 for a 64-bit memory: the type of sizes and addresses."""
    if isinstance(mem, int) and mem in c.memories and c.memories[mem].memory64:
        return U64
    return USIZE


def _node(c: BodyChecker, span: Span, ty: Type, op: str, args: list, mem=None, type_arg=None) -> t.TExpr:
    return c.new_node(t.Builtin(span, ty, op, args, mem, type_arg))


# ----------------------------------------------------------------------------
# core::ptr free functions


@builtin("null", "null_mut")
def _null(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    mutable = path.name == "null_mut"
    if not c.args_count(e, 0, path.name):
        return t.UnitConst(e.span, NEVER)
    gargs = _generic_args(c, path, ("T",), 0)
    pointee: Type = c.infer.fresh()
    if gargs:
        ty = c.generic_type_arg(gargs[0])
        if ty is not None:
            pointee = ty
    exp = c.infer.shallow(expected) if expected is not None else None
    mem: object = 0
    if isinstance(exp, PointerType) and not exp.is_ref:
        mem = c.infer.mem(exp.mem)
    return _node(c, e.span, PointerType(pointee, mutable, mem), "null", [])


def _pointer_arg(c: BodyChecker, arg: ast.Expr, mutable: bool, what: str) -> t.TExpr:
    node = c.expr(arg)
    ty = c.infer.shallow(node.ty)
    if not isinstance(ty, PointerType):
        c.error("E0308", "mismatched types", arg.span,
                f"expected `*{'mut' if mutable else 'const'} T`, found `{c.show(ty)}`").with_note(
            f"the {what} of this function is a raw pointer")
    elif mutable and not ty.mutable:
        c.error("E0308", "mismatched types", arg.span, f"expected `*mut T`, found `{ty}`").with_note(
            f"the {what} must be a mutable pointer")
    return node


@builtin("copy", "copy_nonoverlapping")
def _copy(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    c.require_unsafe(e.span, f"call to unsafe function `{path.name}`")
    if not c.args_count(e, 3, path.name):
        return t.UnitConst(e.span, UNIT)
    src = _pointer_arg(c, e.args[0], False, "source")
    dst = _pointer_arg(c, e.args[1], True, "destination")
    count = c.coerce(c.expr(e.args[2], USIZE), USIZE, OTHER)
    st, dt = c.infer.shallow(src.ty), c.infer.shallow(dst.ty)
    if isinstance(st, PointerType) and isinstance(dt, PointerType):
        if c.infer.unify(st.pointee, dt.pointee) is not None:
            c.error("E0308", "mismatched types", e.args[1].span,
                    f"expected a pointer to `{c.show(st.pointee)}`, found `{c.show(dt)}`").with_note(
                "source and destination may be in different memories, but must have the same element type")
        c.require_declared(st.mem, e.args[0].span, f"`{path.name}`")
        c.require_declared(dt.mem, e.args[1].span, f"`{path.name}`")
    return _node(c, e.span, UNIT, path.name, [src, dst, count])


@builtin("write_bytes")
def _write_bytes(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    c.require_unsafe(e.span, "call to unsafe function `write_bytes`")
    if not c.args_count(e, 3, path.name):
        return t.UnitConst(e.span, UNIT)
    dst = _pointer_arg(c, e.args[0], True, "destination")
    value = c.coerce(c.expr(e.args[1], U8), U8, OTHER)
    count = c.coerce(c.expr(e.args[2], USIZE), USIZE, OTHER)
    dt = c.infer.shallow(dst.ty)
    if isinstance(dt, PointerType):
        c.require_declared(dt.mem, e.args[0].span, "`write_bytes`")
    return _node(c, e.span, UNIT, "write_bytes", [dst, value, count])


@builtin("size_of", "align_of")
def _size_of(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    gargs = _generic_args(c, path, ("T",), 1)
    c.args_count(e, 0, path.name)
    ty = c.generic_type_arg(gargs[0]) if gargs else None
    return _node(c, e.span, USIZE, path.name, [], type_arg=ty or UNIT)


@builtin("unreachable", "abort")
def _trap(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    if path.name == "unreachable":
        c.require_unsafe(e.span, "call to unsafe function `unreachable`")
    c.args_count(e, 0, path.name)
    return _node(c, e.span, NEVER, "trap", [])


# ----------------------------------------------------------------------------
# the memory intrinsics of the original proposal: explicit memory index,
# plain (memory 0 typed) pointer


def _memory_arg(c: BodyChecker, path: ast.Path, names: tuple[str, ...], required: int):
    """(memory, remaining generic args) from `::<N, ...>`; N is required."""
    gargs = _generic_args(c, path, names, required)
    if not gargs:
        if gargs is not None:
            c.error("E0107", f"`{path.name}` needs the memory index as its first generic argument: "
                    f"`{path.name}::<N{', T' if len(names) > 1 else ''}>`", path.span)
        return None, []
    return c.const_generic_arg(gargs[0]), gargs[1:]


def _memidx_operands(c: BodyChecker, e: ast.Call, path: ast.Path, mutable: bool, arity: int,
                     expected) -> tuple[object, Type, t.TExpr] | None:
    """`name::<N, T>(ptr, ...)`: unsafe; the memory N; the element type (from
    T, else the expected type, else inferred); the plain (memory 0 typed)
    pointer operand. None when the call has the wrong number of arguments."""
    c.require_unsafe(e.span, f"call to unsafe intrinsic `{path.name}`")
    mem, rest = _memory_arg(c, path, ("MEM_IDX", "T"), 1)
    if not c.args_count(e, arity, path.name):
        return None
    elem: Type = c.infer.fresh()
    if rest:
        elem = c.generic_type_arg(rest[0]) or elem
    elif expected is not None:
        c.infer.unify(elem, expected)
    ptr_ty = PointerType(elem, mutable, 0)
    ptr = c.coerce(c.expr(e.args[0], ptr_ty), ptr_ty, Context("arg"))
    return mem, elem, ptr


@builtin("load_memidx")
def _load_memidx(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    operands = _memidx_operands(c, e, path, False, 1, expected)
    if operands is None:
        return t.UnitConst(e.span, NEVER)
    mem, elem, ptr = operands
    if mem is None:
        return t.UnitConst(e.span, elem)
    c.require_declared(mem, e.span, "`load_memidx`")
    return _node(c, e.span, elem, "load_memidx", [ptr], mem=mem)


@builtin("store_memidx")
def _store_memidx(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    operands = _memidx_operands(c, e, path, True, 2, None)
    if operands is None:
        return t.UnitConst(e.span, UNIT)
    mem, elem, ptr = operands
    value = c.coerce(c.expr(e.args[1], elem), elem, OTHER)
    if mem is None:
        return t.UnitConst(e.span, UNIT)
    c.require_declared(mem, e.span, "`store_memidx`")
    return _node(c, e.span, UNIT, "store_memidx", [ptr, value], mem=mem)


@builtin("memory_size")
def _memory_size(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    mem, _ = _memory_arg(c, path, ("MEM_IDX",), 1)
    c.args_count(e, 0, path.name)
    if mem is None:
        return t.UnitConst(e.span, USIZE)
    c.require_declared(mem, e.span, "`memory_size`")
    return _node(c, e.span, _memory_type(c, mem), "memory_size", [], mem=mem)


@builtin("memory_grow")
def _memory_grow(c: BodyChecker, e: ast.Call, path: ast.Path, expected):
    mem, _ = _memory_arg(c, path, ("MEM_IDX",), 1)
    if not c.args_count(e, 1, path.name):
        return t.UnitConst(e.span, USIZE)
    ty = _memory_type(c, mem)
    delta = c.coerce(c.expr(e.args[0], ty), ty, OTHER)
    if mem is None:
        return t.UnitConst(e.span, ty)
    c.require_declared(mem, e.span, "`memory_grow`")
    return _node(c, e.span, ty, "memory_grow", [delta], mem=mem)


# ----------------------------------------------------------------------------
# methods on raw pointers (as in core::ptr)


def _raw_only(c: BodyChecker, e: ast.MethodCall, ty: PointerType) -> bool:
    if ty.is_ref:
        c.error("E0599", f"no method named `{e.method}` found for reference `{ty}`", e.span).with_help(
            "convert the reference to a raw pointer first: `r as *const T`")
        return False
    return True


def _offset_method(op: str, index_type: Type):
    def check(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
        c.require_unsafe(e.span, f"call to unsafe method `{e.method}`")
        if not _raw_only(c, e, ty) or not c.args_count(e, 1, e.method):
            return t.UnitConst(e.span, ty)
        n = c.coerce(c.expr(e.args[0], index_type), index_type, OTHER)
        return _node(c, e.span, ty, op, [receiver, n])
    return check


method("add")(_offset_method("ptr_add", USIZE))
method("sub")(_offset_method("ptr_sub", USIZE))
method("offset")(_offset_method("ptr_offset", ISIZE))


@method("read")
def _read(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
    c.require_unsafe(e.span, "call to unsafe method `read`")
    if not _raw_only(c, e, ty) or not c.args_count(e, 0, "read"):
        return t.UnitConst(e.span, ty.pointee)
    c.require_declared(ty.mem, e.span, "`read`")
    return _node(c, e.span, ty.pointee, "ptr_read", [receiver])


@method("write")
def _write(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
    c.require_unsafe(e.span, "call to unsafe method `write`")
    if not _raw_only(c, e, ty) or not c.args_count(e, 1, "write"):
        return t.UnitConst(e.span, UNIT)
    if not ty.mutable:
        c.error("E0599", f"no method named `write` found for `{ty}`", e.span).with_help(
            "`write` needs a `*mut` pointer")
    value = c.coerce(c.expr(e.args[0], ty.pointee), ty.pointee, Context("store"))
    c.require_declared(ty.mem, e.span, "`write`")
    return _node(c, e.span, UNIT, "ptr_write", [receiver, value])


@method("is_null")
def _is_null(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
    if not c.args_count(e, 0, "is_null"):
        return t.UnitConst(e.span, BOOL)
    return _node(c, e.span, BOOL, "ptr_is_null", [receiver])


@method("cast")
def _cast(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
    c.args_count(e, 0, "cast")
    pointee: Type = c.infer.fresh()
    if len(e.generic_args) == 1:
        pointee = c.generic_type_arg(e.generic_args[0]) or pointee
    elif e.generic_args:
        c.error("E0107", "`cast` takes 1 generic argument", e.span)
    target = PointerType(pointee, ty.mutable, ty.mem, ty.is_ref)
    if expected is not None and not e.generic_args:
        c.infer.unify(expected, target, coerce=True)
    return c.new_node(t.Cast(e.span, target, receiver))


@method("cast_mut")
def _cast_mut(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
    c.args_count(e, 0, e.method)
    return c.new_node(t.Cast(e.span, PointerType(ty.pointee, True, ty.mem), receiver))


@method("cast_const")
def _cast_const(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
    c.args_count(e, 0, e.method)
    return c.new_node(t.Cast(e.span, PointerType(ty.pointee, False, ty.mem), receiver))


@method("offset_from")
def _offset_from(c: BodyChecker, e: ast.MethodCall, receiver: t.TExpr, ty: PointerType, expected):
    c.require_unsafe(e.span, "call to unsafe method `offset_from`")
    if not _raw_only(c, e, ty) or not c.args_count(e, 1, "offset_from"):
        return t.UnitConst(e.span, ISIZE)
    other = c.expr(e.args[0])
    ot = c.infer.shallow(other.ty)
    if isinstance(ot, PointerType):
        lm, rm = c.infer.mem(ty.mem), c.infer.mem(ot.mem)
        if lm != rm:
            c.error("M0005", f"cannot measure the distance from a pointer into {mem_str(rm)} to a pointer "
                    f"into {mem_str(lm)}", e.span, f"`{ty}` vs `{c.show(ot)}`").with_note(
                "pointers into different memories have no distance: they are in disjoint address spaces")
            return t.UnitConst(e.span, ISIZE)
        if c.infer.unify(ty.pointee, ot.pointee) is not None:
            c.error("E0308", "mismatched types", e.args[0].span,
                    f"expected `{ty}`, found `{c.show(ot)}`")
    else:
        c.error("E0308", "mismatched types", e.args[0].span, f"expected `{ty}`, found `{c.show(ot)}`")
    return _node(c, e.span, ISIZE, "ptr_offset_from", [receiver, other])
