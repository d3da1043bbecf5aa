"""Slices: `&[T]` / `&mut [T]` and the far slices `#[mem_idx(M)] &[T]`.

A slice reference is a `PointerType` whose pointee is a `SliceType`: a
pointer into memory M plus a length. Everything the memory rules say about
pointers holds for it unchanged, because it *is* a pointer type: a far
slice never becomes a near one (M0001-M0003, M0007, M0008), its elements
are read in its memory (and that memory must be declared, M0009), and what
is made from it stays in its memory (`&s[i..j]`, `s.as_ptr()`, the `&T` a
`for` loop yields).

This module holds the rules that only slices have:

* the unsizing coercion `&[T; N]` to `&[T]` (`unsize`, at every coercion
  site, as in Rust), and the same adjustment of method receivers and `for`
  heads (`as_slice_ref`: `a.len()` on an array, `for x in &a`);
* range indexing `a[i..j]`, `a[..]`, `a[i..]`, `a[..j]`, `a[i..=j]` of
  arrays and slices: a place of slice type (`tree.RangeIndex`), borrowed
  with `&` or indexed further;
* the slice methods (`len`, `is_empty`, `as_ptr`, `as_mut_ptr`);
  (`core::slice::from_raw_parts(p, n)`, which makes a slice in `p`'s
  memory, is with the other intrinsics in intrinsics.py);
* the `for` loops over arrays and slices (`for_each_source`);
* `[T]` is unsized: a value of slice type may only be borrowed or indexed
  (`check_unsized_uses`, E0277), and a generic parameter cannot stand for it.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import messages as msg
from ..builtins import BuiltinOp
from ..source import Span
from ..syntax import ast
from ..types import ArrayType, PointerType, SliceType, TupleType, Type, BOOL, ERROR, USIZE
from . import tree as t
from .coercion import OTHER, failed, quiet
from .intrinsics import PRODUCES

#: name of a slice method -> its check
SLICE_METHODS: dict[str, Callable] = {}
#: methods that make an iterator: only a `for` loop may use one (there is no `Iterator` trait yet)
ITERATOR_METHODS = ("iter", "iter_mut")


def slice_method(name: str, produces: tuple[BuiltinOp, ...] = ()):
    """Register the decorated check for the slice method `name`."""
    def register(fn):
        SLICE_METHODS[name] = fn
        PRODUCES[name] = frozenset(produces)
        return fn
    return register


@dataclass
class EachSource:
    """What a `for` loop over an array or slice iterates: `slice`, a slice
    reference; the items are references into it (`mutable` ones for
    `iter_mut` / `&mut`), or its elements' values (`by_value`: an array
    iterated by value). `setup` is a statement to run first (the copy of an
    array iterated by value). With `index`, each item is a `(usize, item)`
    pair (`.enumerate()`)."""

    slice: t.TExpr
    item: Type
    by_value: bool
    reverse: bool
    setup: t.Let | None = None
    index: str | None = None  # `.enumerate()`: "element" (the position) or "count" (after `.rev()`)


#: (node type, field) where a value of unsized type may stand: the place a
#: borrow takes the address of, the base of an index or of a range index
UNSIZED_ALLOWED: set[tuple[type, str]] = {(t.AddrOf, "place"), (t.IndexRef, "base"), (t.RangeIndex, "base")}


class SliceRules:
    # ----- coercion
    def unsize(self, node: t.TExpr, expected: Type) -> t.TExpr:
        """`node` coerced to a slice reference when it is a reference to an
        array and a slice reference is expected (Rust's unsizing coercion);
        otherwise `node` itself. The memory, mutability and element type
        are then unified as for any pointer."""
        exp = self.infer.shallow(expected)
        if not (isinstance(exp, PointerType) and isinstance(self.infer.shallow(exp.pointee), SliceType)):
            return node
        found = self.infer.shallow(node.ty)
        if isinstance(found, PointerType) and found.is_ref:
            pointee = self.infer.shallow(found.pointee)
            if isinstance(pointee, ArrayType):
                return self.unsized_ref(node, found, pointee)
        return node

    def unsized_ref(self, node: t.TExpr, ref: PointerType, array: ArrayType) -> t.TExpr:
        ty = PointerType(SliceType(array.elem), ref.mutable, ref.mem, True)
        return self.new_node(t.Unsize(node.span, ty, node))

    def as_slice_ref(self, node: t.TExpr, mutable: bool, span: Span) -> t.TExpr | None:
        """`node` as a slice reference, the way Rust adjusts a method
        receiver: references are dereferenced, an array or slice place is
        borrowed (`&mut` if `mutable`), a reference to an array unsized.
        None if `node` is neither an array nor a slice."""
        while True:
            ty = self.infer.shallow(node.ty)
            if isinstance(ty, PointerType) and ty.is_ref:
                pointee = self.infer.shallow(ty.pointee)
                if isinstance(pointee, (SliceType, ArrayType)):
                    if mutable and not ty.mutable:
                        self.error(msg.BORROW_IMMUTABLE(what=msg.WHY_BEHIND_POINTER.format(pointer="&")), span,
                                   msg.LABEL_CANNOT_BORROW_MUT)
                    return node if isinstance(pointee, SliceType) else self.unsized_ref(node, ty, pointee)
                node = self.deref_reference(node)
                continue
            if isinstance(ty, (SliceType, ArrayType)):
                ref = self.borrow(node, mutable, True, span)
                if isinstance(ty, SliceType):
                    return ref
                return self.unsized_ref(ref, self.infer.shallow(ref.ty), ty)  # type: ignore[arg-type]
            return None

    # ----- range indexing
    def range_index(self, e: ast.Index, base: t.TExpr) -> t.TExpr:
        """`base[i..j]` and the other ranges: a place of slice type in base's memory."""
        rng = e.index
        assert isinstance(rng, ast.Range)
        start = self.coerced(rng.start, USIZE, OTHER) if rng.start is not None else None
        end = self.coerced(rng.end, USIZE, OTHER) if rng.end is not None else None
        ty = self.infer.shallow(base.ty)
        if isinstance(ty, (ArrayType, SliceType)):
            return self.new_node(t.RangeIndex(e.span, SliceType(ty.elem), base, start, end, rng.inclusive))
        if isinstance(ty, PointerType):
            self.error(msg.CANNOT_INDEX(ty=ty), e.span).with_help(msg.HELP_INDEX_POINTER)
        elif not failed(ty):
            self.error(msg.CANNOT_INDEX(ty=self.show(ty)), e.span)
        return t.UnitConst(e.span, ERROR)

    # ----- methods
    def slice_method_call(self, e: ast.MethodCall, receiver: t.TExpr, expected: Type | None) -> t.TExpr | None:
        """A method of slices (on a slice, an array, or references to them), or
        None when the receiver is neither (other methods are tried then)."""
        check = SLICE_METHODS.get(e.method)
        if check is None and e.method not in ITERATOR_METHODS:
            return None
        if not self.is_sliceable(receiver.ty):
            return None
        ref = self.as_slice_ref(receiver, e.method in ("as_mut_ptr", "iter_mut"), e.receiver.span)
        if ref is None:
            return None
        if check is None:  # `iter()` outside a `for` head
            self.error(msg.ITERATOR_VALUE(method=e.method), e.span, msg.LABEL_ITERATOR_VALUE).with_note(
                msg.NOTE_NO_ITERATOR_TRAIT)
            return t.UnitConst(e.span, ERROR)
        return check(self, e, ref, expected)

    def is_sliceable(self, ty: Type) -> bool:
        """Whether ty is an array or slice, or a reference (to a reference ...) to one."""
        ty = self.infer.shallow(ty)
        while isinstance(ty, PointerType) and ty.is_ref:
            ty = self.infer.shallow(ty.pointee)
        return isinstance(ty, (ArrayType, SliceType))

    def slice_parts(self, ref: t.TExpr) -> PointerType:
        ty = self.infer.shallow(ref.ty)
        assert isinstance(ty, PointerType)
        return ty

    @slice_method("len", produces=(BuiltinOp.SLICE_LEN,))
    def check_len(self, e: ast.MethodCall, ref: t.TExpr, expected):
        self.args_count(e, 0, "len")
        return self.builtin_node(e.span, USIZE, BuiltinOp.SLICE_LEN, [ref])

    @slice_method("is_empty", produces=(BuiltinOp.SLICE_LEN,))
    def check_is_empty(self, e: ast.MethodCall, ref: t.TExpr, expected):
        self.args_count(e, 0, "is_empty")
        length = self.builtin_node(e.span, USIZE, BuiltinOp.SLICE_LEN, [ref])
        return self.new_node(t.Binary(e.span, BOOL, "==", length, t.IntConst(e.span, USIZE, 0)))

    @slice_method("as_ptr", produces=(BuiltinOp.SLICE_AS_PTR,))
    def check_as_ptr(self, e: ast.MethodCall, ref: t.TExpr, expected):
        self.args_count(e, 0, e.method)
        ty = self.slice_parts(ref)
        elem = self.infer.shallow(ty.pointee).elem  # type: ignore[union-attr]
        return self.builtin_node(e.span, PointerType(elem, False, ty.mem), BuiltinOp.SLICE_AS_PTR, [ref])

    @slice_method("as_mut_ptr", produces=(BuiltinOp.SLICE_AS_PTR,))
    def check_as_mut_ptr(self, e: ast.MethodCall, ref: t.TExpr, expected):
        self.args_count(e, 0, e.method)
        ty = self.slice_parts(ref)
        elem = self.infer.shallow(ty.pointee).elem  # type: ignore[union-attr]
        return self.builtin_node(e.span, PointerType(elem, True, ty.mem), BuiltinOp.SLICE_AS_PTR, [ref])

    # ----- `for` over arrays and slices
    def for_each_source(self, e: ast.Expr) -> EachSource | t.TExpr:
        """What a `for` loop over an array or slice iterates; otherwise the
        checked head, which the caller reports as not an iterator.

        The heads: an array (by value), a reference to an array or slice, and
        `x.iter()` / `x.iter_mut()` followed by `.rev()` and `.enumerate()`
        in either order (the iterator adapters there are without a trait)."""
        adapters: list[str] = []
        head = e
        while isinstance(head, ast.MethodCall) and head.method in ("rev", "enumerate") and not head.args \
                and not head.generic_args and head.method not in adapters:
            adapters.insert(0, head.method)
            head = head.receiver
        if isinstance(head, ast.MethodCall) and head.method in ITERATOR_METHODS and not head.args \
                and not head.generic_args:
            receiver = self.expr(head.receiver)
            mutable = head.method == "iter_mut"
            ref = self.as_slice_ref(receiver, mutable, head.receiver.span) if self.is_sliceable(receiver.ty) else None
            if ref is None:
                if not failed(self.infer.shallow(receiver.ty)):
                    self.error(msg.NO_METHOD(method=head.method, ty=self.show(receiver.ty)), head.span,
                               msg.LABEL_METHOD_NOT_FOUND)
                return t.UnitConst(e.span, ERROR)
            source = self.each_of(ref, mutable, "rev" in adapters)
            if "enumerate" in adapters:
                # `.enumerate().rev()` counts the elements' positions, `.rev().enumerate()` the iterations
                source.index = "count" if adapters == ["rev", "enumerate"] else "element"
                source.item = TupleType((USIZE, source.item))
            return source
        if adapters:
            e = head
            node = self.expr(e)
            if not failed(self.infer.shallow(node.ty)):
                self.error(msg.NO_METHOD(method=adapters[0], ty=self.show(node.ty)), e.span,
                           msg.LABEL_METHOD_NOT_FOUND).with_note(msg.NOTE_ITERABLES)
            return t.UnitConst(e.span, ERROR)
        node = self.expr(e)
        ty = self.infer.shallow(node.ty)
        if isinstance(ty, ArrayType):
            # an array by value: Rust copies it into the iterator and yields the elements
            tmp = self.new_local("_iter", node.ty, False, e.span)
            setup = t.Let(e.span, tmp, node)
            ref = self.as_slice_ref(self.new_node(t.LocalRef(e.span, node.ty, tmp)), False, e.span)
            assert ref is not None
            return EachSource(ref, ty.elem, True, False, setup)
        if isinstance(ty, PointerType) and ty.is_ref and \
                isinstance(self.infer.shallow(ty.pointee), (ArrayType, SliceType)):
            ref = self.as_slice_ref(node, False, e.span)
            assert ref is not None
            return self.each_of(ref, ty.mutable, False)
        return node

    def each_of(self, ref: t.TExpr, mutable: bool, reverse: bool) -> EachSource:
        ty = self.slice_parts(ref)
        elem = self.infer.shallow(ty.pointee).elem  # type: ignore[union-attr]
        return EachSource(ref, PointerType(elem, mutable, ty.mem, True), False, reverse)

    # ----- `[T]` is unsized
    def check_unsized_uses(self, root: object) -> None:
        """E0277 for every value of slice type used as a value (moved,
        copied, stored, passed, returned, compared, ...), and for a generic
        argument that is a slice type; once per body."""
        for parent, field, node in _children(root):
            if field == "" or (type(parent), field) in UNSIZED_ALLOWED:
                continue
            if isinstance(node, (t.CallFn, t.FnRef)):
                self._unsized_type_args(node)
            if isinstance(self.infer.shallow(node.ty), SliceType):  # (not resolve: linear in nesting)
                self.error(msg.UNSIZED_TYPE(ty=self.infer.resolve(node.ty)), node.span, msg.LABEL_UNSIZED).with_note(msg.NOTE_UNSIZED_VALUE)
                return

    def _unsized_type_args(self, call: t.CallFn | t.FnRef) -> None:
        for name in call.callee.type_params:
            ty = call.subst.get(name)
            if isinstance(ty, Type) and isinstance(self.infer.resolve(ty), SliceType):
                self.error(msg.UNSIZED_TYPE(ty=self.infer.resolve(ty)), call.span, msg.LABEL_UNSIZED).with_note(
                    msg.NOTE_UNSIZED_TYPE_ARGUMENT.format(param=name, name=call.callee.name))


_EXPRS = tuple(t.TExpr.__args__)  # type: ignore[attr-defined]


def _children(root: object):
    """(parent, field, child) for every typed expression below `root`
    (statements' expressions have field "init" / "expr"); the root itself
    comes with field ""."""
    work: list[tuple[object, str, object]] = [(None, "", root)]
    while work:
        parent, field, node = work.pop()
        if isinstance(node, list):
            work.extend((parent, field, item) for item in node)
            continue
        if isinstance(node, (t.Let, t.ExprStmt)):
            child = node.init if isinstance(node, t.Let) else node.expr
            if child is not None:
                work.append((node, "init" if isinstance(node, t.Let) else "expr", child))
            continue
        if not isinstance(node, _EXPRS):
            continue
        yield parent, field, node
        for name in node.__dataclass_fields__:
            if name in ("ty", "span"):
                continue
            value = getattr(node, name)
            if isinstance(value, (list, t.Let, t.ExprStmt)) or isinstance(value, _EXPRS):
                work.append((node, name, value))
