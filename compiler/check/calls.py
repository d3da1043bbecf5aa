"""Calls: calls of named functions (with instantiation of a generic callee's
type and const parameters, bound by turbofish arguments or by inference),
calls of intrinsics, and method calls (pointer methods, integer methods).

A generic callee's const parameters become memory variables, so an argument
pointing into another memory than the one the instantiation fixes is M0008.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import (
    ArrayType, ConstParam, EnumType, FnType, IntType, PointerType, SliceType, StructType, TupleType, Type, ERROR,
    substitute,
)
from . import tree as t
from . import unsupported
from .coercion import Context, quiet
from .infer import MemVar, TyVar
from .intrinsics import BUILTIN_FNS
from .items import FnInfo
from .resolve import PathResolution


def has_vars(ty: Type) -> bool:
    """Whether ty still mentions an inference variable."""
    if isinstance(ty, TyVar):
        return True
    if isinstance(ty, PointerType):
        return isinstance(ty.mem, MemVar) or has_vars(ty.pointee)
    if isinstance(ty, (ArrayType, SliceType)):
        return has_vars(ty.elem)
    if isinstance(ty, FnType):
        return any(has_vars(p) for p in (*ty.params, ty.ret))
    if isinstance(ty, TupleType):
        return any(has_vars(e) for e in ty.elems)
    if isinstance(ty, (EnumType, StructType)):
        return any(has_vars(a) if isinstance(a, Type) else isinstance(a, MemVar) for a in ty.args)
    return False


class CallRules:
    def expr_Call(self, e: ast.Call, expected: Type | None) -> t.TExpr:
        if not isinstance(e.callee, ast.Path):  # `(s.f)(x)`, `table[i](x)`, `make()(x)` (fnptrs.py)
            return self.callee_value(e, self.expr(e.callee), expected)
        path = e.callee
        shadowing = self.lookup_local(path.name) if len(path.segments) == 1 and path.qself is None else None
        if shadowing is None and len(path.segments) == 1 and path.qself is None and not path.generic_args:
            capture = self.captured(path.name, path.span)  # (a local captured by the closure being checked)
            if capture is not None:
                return self.callee_value(e, capture, expected)
        if shadowing is not None:
            if self.is_fn_pointer(shadowing.ty) or self.is_closure(shadowing.ty):  # a local fn pointer (fnptrs.py)
                return self.callee_value(e, self.expr(path), expected)
            if not quiet(self.infer.shallow(shadowing.ty)):
                self.error(msg.LOCAL_NOT_FUNCTION(name=path.name, ty=self.show(shadowing.ty)), e.callee.span,
                           msg.LABEL_NOT_FUNCTION)
            return self.rest_of_call(e)
        target = self.value_target(path, "function")
        if target is None:
            return self.rest_of_call(e)
        if isinstance(target, PathResolution):  # `Circle::new(..)`, `<T as Shape>::area(..)`
            return self.associated_call(e, path, target if target.type_prefix else None, expected)
        if target.kind == "fn":
            info = self.items.fns[target.key]
            if info.decl.body is None and not info.fn.is_import and info.decl.name in BUILTIN_FNS:
                return self.builtin_call(e, path, info.decl.name, expected)  # a declaration of a built-in
            return self.call_fn(e, path, info, expected)
        if target.kind == "builtin":
            return self.builtin_call(e, path, target.key, expected)
        static = self.items.static(target.key) if target.kind == "static" else None
        if static is not None and self.is_fn_pointer(static.ty) or \
                target.kind == "const" and self.is_fn_pointer(self.items.const_type(target.key)):
            return self.callee_value(e, self.expr(path), expected)  # a static or constant function pointer
        if target.kind == "variant":  # `Shape::Circle(r)`
            return self.variant_value(e, path, target, expected, args=e.args)
        if target.kind == "ctor":  # `P(1, 2)`
            return self.struct_constructor(e, path, target.key, e.args)
        self.error(msg.NOT_FUNCTION_ITEM(kind=target.word, name="::".join(path.segments)), e.callee.span,
                   msg.LABEL_NOT_FUNCTION)
        return self.rest_of_call(e)

    def rest_of_call(self, e: ast.Call) -> t.TExpr:
        """The arguments of a call that cannot be checked (reported): their own errors still show."""
        for arg in e.args:
            self.expr(arg)
        return t.UnitConst(e.span, ERROR)

    def builtin_call(self, e: ast.Call, path: ast.Path, name: str, expected: Type | None) -> t.TExpr:
        """A call of farc's built-in `name`, however the path spells it (`core::ptr::null`, an alias)."""
        if path.name != name:
            path = ast.Path(path.span, (name,), path.generic_args)
        return BUILTIN_FNS[name](self, e, path, expected)

    def call_fn(self, e: ast.Call | ast.MethodCall, path: ast.Path | None, info: FnInfo, expected: Type | None,
                subst: dict | None = None, receiver: t.TExpr | None = None) -> t.TExpr:
        """A call of `info`: its generic parameters instantiated (by `subst`, or
        fresh and bound by the path's turbofish), the arguments coerced to the
        parameters (a method call's `receiver` is already the first argument),
        the callee's bounds made obligations."""
        fn = info.fn
        self.items.resolve_signature(info)  # (a constant in a type may call a `const fn` before all are resolved)
        if info.is_unsafe:
            self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN.format(name=fn.name),
                                msg.NOTE_IMPORTED_FN_UNSAFE if fn.is_import else msg.NOTE_UNSAFE_FN)
        if subst is None:
            assert path is not None
            subst = self.instantiate(info, path)
        args: list[t.TExpr] = []
        written = list(e.args)
        declared = fn.params
        if receiver is not None:  # first: the receiver decides `Self` (and what `Self::Assoc` is)
            first = self.normalized(substitute(fn.params[0].ty, subst))
            args.append(self.coerce(receiver, first, Context("arg", info, fn.params[0].ty), receiver.span))
            declared = fn.params[1:]
        params = [self.normalized(substitute(p.ty, subst)) for p in declared]
        ret = self.normalized(substitute(fn.ret, subst))
        first_fn_obligation = len(self.fn_obligations)
        self.require_bounds(info, subst, e.span)
        if expected is not None and has_vars(ret):
            self.infer.unify(expected, ret, coerce=True)
        if len(written) != len(params):
            d = self.error(msg.WRONG_ARG_COUNT(expected=msg.count(len(params), "argument"),
                                               supplied=msg.were(len(written))), e.span,
                           msg.LABEL_EXPECTED_COUNT.format(n=len(params)))
            if fn.span is not None:
                d.with_label(fn.span, msg.LABEL_DEFINED_HERE.format(name=fn.name))
        for i, arg in enumerate(written):
            if i < len(params):
                ctx = Context("arg", info, declared[i].ty)
                args.append(self.coerced(arg, params[i], ctx))
            else:
                args.append(self.expr(arg))
        self.settle_fn_obligations(first_fn_obligation)  # (a closure argument's signature decides `R` in `Fn() -> R`)
        ret = self.normalized(ret)  # (`<T as Trait>::Out` once the arguments have decided `T`)
        if len(written) < len(params):
            return t.UnitConst(e.span, ret)
        return self.new_node(t.CallFn(e.span, ret, fn, args, subst))

    def instantiate(self, info: FnInfo, path: ast.Path) -> dict:
        """Fresh variables for the callee's generic parameters, bound by turbofish args."""
        fn = info.fn
        subst: dict[str, object] = {}
        for name in fn.type_params:
            subst[name] = self.infer.fresh()
        for name in fn.const_params:
            subst[name] = self.infer.fresh_mem(name, fn.name)
        if not path.generic_args:
            return subst
        order = [g.name for g in info.decl.generics]
        if len(path.generic_args) != len(order):
            for name in fn.type_params:
                self.infer.unify(subst[name], ERROR)  # type: ignore[arg-type]
            self.error(msg.WRONG_GENERIC_COUNT(name=fn.name, expected=msg.count(len(order), "generic argument"),
                                               supplied=msg.were(len(path.generic_args))), path.span)
            return subst
        for name, arg in zip(order, path.generic_args):
            if name in fn.const_params:
                value = self.const_generic_arg(arg, str(info.generics.const_type(name)))
                # after a bad argument (reported), 0 keeps the call from reporting E0282 as well
                self.infer.mems[subst[name].id] = 0 if value is None else value  # type: ignore[union-attr]
            else:
                ty = self.generic_type_arg(arg)
                if ty is not None:
                    self.infer.unify(subst[name], ty)  # type: ignore[arg-type]
        return subst

    def const_generic_arg(self, arg, ty: str = "usize") -> int | ConstParam | None:
        """The value of a const generic argument of type `ty`: a literal, a const, or a const param."""
        return self.items.const_arg(arg, self.generics, ty)

    def generic_type_arg(self, arg) -> Type | None:
        """The type a turbofish argument names; `_` (as in `f::<1, _>(..)`,
        the way Rust names a closure's type) leaves the parameter to inference."""
        if _is_placeholder(arg):
            return self.infer.fresh()
        return self.items.type_arg(arg, self.generics)

    def args_count(self, e, n: int, what: str) -> bool:
        """Whether the call has `n` arguments; reports E0061 (and checks the
        arguments, so their own errors still show) if not."""
        if len(e.args) != n:
            self.error(msg.WRONG_BUILTIN_ARG_COUNT(name=what, expected=msg.count(n, "argument"),
                                                    supplied=msg.were(len(e.args))), e.span)
            for arg in e.args:
                self.expr(arg)
            return False
        return True


def _is_placeholder(arg) -> bool:
    """Whether a generic argument is the inferred placeholder `_`."""
    if isinstance(arg, ast.PathType):
        return arg.is_placeholder
    return isinstance(arg, ast.Path) and len(arg.segments) == 1 and arg.name == "_" and not arg.generic_args
