"""Function pointers: functions as values, and calls through values.

A function named where a value is expected (`let f: fn(u32) -> u32 =
double;`, `apply(double, 2)`, `[inc, dec]`) is a `tree.FnRef` of type
`FnType`, the function's signature (`unsafe` for an `unsafe fn` or an
imported function, `extern "C"` as written). Rust gives each function item
a type of its own that coerces to the pointer type; farc gives it the
pointer type at once, which only `size_of` could tell apart. A generic
function is instantiated for the value like for a call: its generic
arguments come from a turbofish or from the expected pointer type
(`let f: fn(u8) -> u8 = id;`), else E0282.

A call whose callee is a value of function pointer type (a local, a field,
an element, the result of a call) is a `tree.CallPtr`; calling an `unsafe
fn` pointer is unsafe (E0133).

A closure that captures nothing (`|x| x + 1`, `|a: u32, b: u32| -> u32 { a + b
}`) is a function of its own: checked here with the enclosing body's
inference (so its parameter and result types come from annotations, the
expected function pointer type, or its uses), it becomes a `tree.FnDef`
(generic over the enclosing function's parameters, so it is instantiated
with it) and the closure expression a `tree.FnRef` to it, of function
pointer type: Rust's coercion of a non-capturing closure to a `fn` pointer,
made at once. Its body sees the enclosing function's generic parameters and
the `unsafe` blocks around it, not its locals: naming one would capture it,
which is reported as not supported yet (and so cannot smuggle a far pointer
into a function that does not name its memory). `return` leaves the
closure; `break` and `continue` cannot reach loops outside it.

A safe function pointer coerces to an `unsafe` one (`infer.unify`); the
parameter and result types must agree exactly, memories included: a
`fn(#[mem_idx(1)] *const u8)` is not a `fn(*const u8)` (M0001 and its
siblings, like any pointer in a type), so no function can be handed a
pointer into another memory than the one it was written for.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import ConstParam, FnType, Type, TypeParam, ERROR, substitute
from . import tree as t
from . import unsupported
from .calls import has_vars
from .coercion import RETURN, Context, quiet
from .items import FnInfo


class FnPointerRules:
    def fn_value(self, e: ast.Path, info: FnInfo, expected: Type | None) -> t.TExpr:
        """The function `info` used as a value: a pointer to it (to its instance)."""
        fn = info.fn
        if info.decl.body is None and not fn.is_import:  # a body-less declaration of a built-in
            self.error(msg.BUILTIN_VALUE(name=fn.name), e.span).with_help(msg.HELP_WRAP_BUILTIN.format(name=fn.name))
            return t.UnitConst(e.span, ERROR)
        subst = self.instantiate(info, e)
        params = tuple(substitute(p.ty, subst) for p in fn.params)
        ty = FnType(params, substitute(fn.ret, subst), info.is_unsafe, "C" if info.decl.abi is not None else None)
        if expected is not None and has_vars(ty):
            self.infer.unify(expected, ty, coerce=True)  # the expected pointer type decides the generic arguments
        return self.new_node(t.FnRef(e.span, ty, fn, subst))

    def is_fn_pointer(self, ty: Type) -> bool:
        """Whether ty is a function pointer, or a reference (to a reference ...) to one."""
        ty = self.infer.shallow(ty)
        while self.is_reference(ty):
            ty = self.infer.shallow(ty.pointee)  # type: ignore[union-attr]
        return isinstance(ty, FnType)

    def callee_value(self, e: ast.Call, callee: t.TExpr, expected: Type | None) -> t.TExpr:
        """`callee(args)` where `callee` is a value: a call through a function
        pointer, or E0618 for a value that is not one."""
        ty = self.infer.shallow(callee.ty)
        while self.is_reference(ty) and self.is_fn_pointer(ty):  # `&fn(..)` calls the function (Rust's `Fn for &F`)
            callee = self.deref_reference(callee)
            ty = self.infer.shallow(callee.ty)
        if not isinstance(ty, FnType):
            if not quiet(ty):
                self.error(msg.NOT_FUNCTION(ty=self.show(ty)), e.callee.span, msg.LABEL_NOT_FUNCTION)
            return self.rest_of_call(e)
        if ty.unsafe:
            self.require_unsafe(e.span, msg.WHAT_UNSAFE_FN_POINTER, msg.NOTE_UNSAFE_FN_POINTER)
        if len(e.args) != len(ty.params):
            self.error(msg.WRONG_ARG_COUNT(expected=msg.count(len(ty.params), "argument"),
                                           supplied=msg.were(len(e.args))), e.span,
                       msg.LABEL_EXPECTED_COUNT.format(n=len(ty.params)))
            return self.rest_of_call(e)
        args = [self.coerced(arg, param, Context("arg")) for arg, param in zip(e.args, ty.params)]
        return self.new_node(t.CallPtr(e.span, ty.ret, callee, args))

    # ----- closures
    def expr_Closure(self, e: ast.Closure, expected: Type | None) -> t.TExpr:
        hint = self.infer.shallow(expected) if expected is not None else None
        if not (isinstance(hint, FnType) and hint.far is None and len(hint.params) == len(e.params)):
            hint = None
        scope: dict[str, t.Local] = {}
        params: list[t.Local] = []
        for i, p in enumerate(e.params):
            ty = (self.items.resolve_type(p.ty, self.generics) if p.ty is not None
                  else hint.params[i] if hint is not None else self.infer.fresh())
            name, mutable = "_", False
            if isinstance(p.pattern, ast.IdentPat) and not p.pattern.by_ref and p.pattern.subpattern is None:
                name, mutable = p.pattern.name, p.pattern.mutable
            elif not isinstance(p.pattern, ast.WildcardPat):  # (its body is not checked: no follow-up errors)
                return self.unsupported(unsupported.CLOSURE_PARAM_PATTERNS, p.pattern.span)
            local = self.new_local(name, ty, mutable, p.span)
            params.append(local)
            if name != "_":
                scope[name] = local
        ret = (self.items.resolve_type(e.ret, self.generics) if e.ret is not None
               else hint.ret if hint is not None else self.infer.fresh())
        fn = self.items.new_closure(self.fn, params, ret, self.generics, e.span)
        errors = len(self.sink.errors)
        saved = (self.fn, self.scopes, self.loops, self.outer_scopes)
        self.outer_scopes, self.scopes, self.loops, self.fn = [*self.outer_scopes, *self.scopes], [scope], [], fn
        try:
            body = self.coerced(e.body, ret, RETURN)
        finally:
            self.fn, self.scopes, self.loops, self.outer_scopes = saved
        fn.body = self.new_node(t.Block(e.body.span, ret, [], body))
        self.closures.append(fn)  # (its result type is resolved with this body's, in `finish`)
        if len(self.sink.errors) > errors:  # (reported): a value of the error type, no follow-up errors
            for ty in (*(p.ty for p in params), ret):
                self.infer.settle_as_error(ty)
            return t.UnitConst(e.span, ERROR)
        subst: dict[str, object] = {name: TypeParam(name) for name in fn.type_params}
        subst.update({name: ConstParam(name) for name in fn.const_params})
        return self.new_node(t.FnRef(e.span, FnType(tuple(p.ty for p in params), ret), fn, subst))

    def captured(self, name: str, span) -> t.Local | None:
        """A local of the function around a closure, named in the closure: a capture, not
        supported yet (reported once per name), as a local of the error type."""
        if not any(name in scope for scope in self.outer_scopes):
            return None
        local = self.new_local(name, ERROR, True, span)
        if name not in self.reported_captures:
            self.reported_captures.add(name)
            unsupported.report(self.sink, unsupported.CLOSURE_CAPTURES, span)
        self.scopes[0][name] = local
        return local
