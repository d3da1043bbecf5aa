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
the `unsafe` blocks around it. `return` leaves the closure; `break` and
`continue` cannot reach loops outside it.

A closure that names locals of the function around it captures them by
reference (`&mut` for a `mut` local): its function gets a hidden parameter
per capture, of type `&T` for the local's `T` (so a captured far pointer
keeps its memory), and the name is the place behind it. Its value has a
`tree.ClosureType`, which only the checker sees (`finish` makes it `()`):
a call is a `CallFn` of the closure's function with the arguments and then
`&local` for each capture, made where the call is, which must still see
the captured locals (E0597 otherwise). `move` closures that capture, and
captures in closures inside closures, are not supported yet.

A safe function pointer coerces to an `unsafe` one (`infer.unify`); the
parameter and result types must agree exactly, memories included: a
`fn(#[mem_idx(1)] *const u8)` is not a `fn(*const u8)` (M0001 and its
siblings, like any pointer in a type), so no function can be handed a
pointer into another memory than the one it was written for.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import messages as msg
from ..syntax import ast
from ..types import ArrayType, ConstParam, FnType, PointerType, TupleType, Type, TypeParam, ERROR, UNIT, substitute
from . import tree as t
from . import unsupported
from .calls import has_vars
from .coercion import RETURN, Context, failed
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

    def is_closure(self, ty: Type) -> bool:
        return isinstance(self.infer.shallow(ty), t.ClosureType)

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
        if isinstance(ty, t.ClosureType):
            return self.call_closure(e, callee, ty)
        if not isinstance(ty, FnType):
            if not failed(ty):
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
        fn = self.items.new_closure(self.fn, list(params), ret, self.generics, e.span)
        errors = len(self.sink.errors)
        frame = CaptureFrame(e.is_move)
        saved = (self.fn, self.scopes, self.loops, self.outer_scopes, self.returns)
        self.outer_scopes, self.scopes, self.loops, self.fn = [*self.outer_scopes, *self.scopes], [scope], [], fn
        self.returns = RETURN  # (a `return` in the closure returns from it)
        self.capture_frames.append(frame)
        try:
            body = self.coerced(e.body, ret, RETURN)
        finally:
            self.fn, self.scopes, self.loops, self.outer_scopes, self.returns = saved
            self.capture_frames.pop()
        fn.body = self.new_node(t.Block(e.body.span, ret, [], body))
        fn.params += [cap for _, _, cap in frame.captures]  # (after the closure's own: see `call_closure`)
        self.closures.append(fn)  # (its result type is resolved with this body's, in `finish`)
        if len(self.sink.errors) > errors:  # (reported): a value of the error type, no follow-up errors
            for ty in (*(p.ty for p in params), ret):
                self.infer.settle_as_error(ty)
            return t.UnitConst(e.span, ERROR)
        subst: dict[str, object] = {name: TypeParam(name) for name in fn.type_params}
        subst.update({name: ConstParam(name) for name in fn.const_params})
        if frame.captures:  # not a fn pointer: a value that is nothing, called with the captured places
            return self.new_node(t.UnitConst(e.span, t.ClosureType(fn, len(params), tuple(frame.captures), subst)))
        return self.new_node(t.FnRef(e.span, FnType(tuple(p.ty for p in params), ret), fn, subst))

    def captured(self, name: str, span) -> t.TExpr | None:
        """A local of the function around the closure being checked, named in it: captured
        by reference (`&` or, for a `mut` local, `&mut`), so the closure's function takes
        the reference as a hidden parameter and the name is a place behind it. The
        reference's pointee is the local's type, so a captured far pointer keeps its memory."""
        if not self.capture_frames:
            return None
        frame = self.capture_frames[-1]
        cap = frame.by_name.get(name)
        if cap is None:
            home = next((scope for scope in reversed(self.outer_scopes) if name in scope), None)
            if home is None:
                return None
            if frame.is_move or len(self.capture_frames) > 1:
                if name not in frame.reported:
                    frame.reported.add(name)
                    unsupported.report(self.sink, unsupported.CLOSURE_CAPTURES, span)
                return t.UnitConst(span, ERROR)
            outer = home[name]
            cap = self.new_local(name, PointerType(outer.ty, outer.mutable, 0, True), False, span)
            frame.by_name[name] = cap
            frame.captures.append((outer, home, cap))
        ref = self.new_node(t.LocalRef(span, cap.ty, cap))
        return self.new_node(t.Deref(span, cap.ty.pointee, ref))  # type: ignore[attr-defined]

    def call_closure(self, e: ast.Call, callee: t.TExpr, ty: t.ClosureType) -> t.TExpr:
        """`c(args)` for a closure that captures: a call of its function with the arguments,
        then a reference to each captured local (which must still be in scope here). The
        closure value itself is nothing; it is still used (borrowed mutably, as Rust's
        `FnMut` is called, when it changes a captured local), for the lints and E0596."""
        fn = ty.fn
        own = fn.params[:ty.arity]
        if len(e.args) != len(own):
            self.error(msg.WRONG_ARG_COUNT(expected=msg.count(len(own), "argument"),
                                           supplied=msg.were(len(e.args))), e.span,
                       msg.LABEL_EXPECTED_COUNT.format(n=len(own)))
            return self.rest_of_call(e)
        args = [self.coerced(arg, param.ty, Context("arg")) for arg, param in zip(e.args, own)]
        for outer, home, cap in ty.captures:
            if not any(home is scope for scope in self.scopes):
                if any(home is scope for scope in self.outer_scopes):  # a call from inside another closure
                    return self.unsupported(unsupported.CLOSURE_CAPTURES, e.callee.span)
                self.error(msg.CAPTURE_OUT_OF_SCOPE(name=outer.name), e.span, msg.LABEL_CAPTURE_OUT_OF_SCOPE).with_label(
                    outer.span, msg.LABEL_CAPTURED_HERE.format(name=outer.name))
                return self.rest_of_call(e)
            ref = self.new_node(t.LocalRef(e.span, outer.ty, outer))
            args.append(self.new_node(t.AddrOf(e.span, cap.ty, ref)))
        call = self.new_node(t.CallFn(e.span, fn.ret, fn, args, dict(ty.subst)))
        if any(cap.ty.mutable for _, _, cap in ty.captures):
            callee = self.borrow(callee, True, True, e.callee.span)
        return self.new_node(t.Block(e.span, fn.ret, [t.ExprStmt(e.callee.span, callee)], call))


@dataclass
class CaptureFrame:
    """The captures of the closure being checked: (the local captured, the scope it lives in,
    the closure's hidden parameter for it), in order of first use."""

    is_move: bool
    captures: list = field(default_factory=list)
    by_name: dict[str, t.Local] = field(default_factory=dict)
    reported: set[str] = field(default_factory=set)  # the names whose capture is not supported (reported)


def erase_closures(ty: Type, memo: dict[Type, Type] | None = None) -> Type:
    """ty with every closure type made `()`: what a capturing closure's value is at run time.

    `memo` (one per body: the final types of its nested expressions share
    their parts) keeps erasing every node's type linear in the body's types;
    without it `&&&...&x` was quadratic in the depth."""
    if memo is None:
        return _erase_closures(ty, None)
    done = memo.get(ty)
    if done is None:
        done = memo[ty] = _erase_closures(ty, memo)
    return done


def _erase_closures(ty: Type, memo: dict[Type, Type] | None) -> Type:
    if isinstance(ty, t.ClosureType):
        return UNIT
    if isinstance(ty, PointerType):
        pointee = erase_closures(ty.pointee, memo)
        return ty if pointee is ty.pointee else PointerType(pointee, ty.mutable, ty.mem, ty.is_ref)
    if isinstance(ty, ArrayType):
        elem = erase_closures(ty.elem, memo)
        return ty if elem is ty.elem else ArrayType(elem, ty.length)
    if isinstance(ty, TupleType):
        elems = tuple(erase_closures(e, memo) for e in ty.elems)
        return ty if all(a is b for a, b in zip(elems, ty.elems)) else TupleType(elems)
    return ty
