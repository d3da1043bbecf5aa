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

A closure that names variables of the code around it captures them: its
value is its environment, a `TupleLit` of type `types.ClosureType` (each
closure its own type) holding `&x` (`&mut x` when the closure changes `x`)
per variable captured by reference, or a copy of `x` per variable a `move`
closure captures (`sizes.closure_env` is the layout). Its function takes a
reference to the environment as its last parameter (`&mut` when the closure
changes a capture: it is then `FnMut` and calling it borrows it mutably,
E0596), and a captured name in its body is the place the environment holds
or points to, so a captured far pointer keeps its memory. A closure inside a
closure captures through the outer one's environment. A call is a `CallFn`
of the closure's function with the arguments and then `&closure`; the
captured variables must still be in scope where the closure is called or
passed on (E0597).

A generic function's parameter bounded by `Fn(A) -> R` / `FnMut` /
`FnOnce` (`items.Generics.fn_bounds`) is called as `f(x)`: a
`tree.CallBound`, which monomorphization makes the call of the closure's
function or a call through a function pointer, whichever the instance's
type is. At a call of such a function the bound's signature is the
expected type of a closure argument (its parameter types come from it) and
must agree exactly, memories included, with the argument's (M0001 and its
siblings), which must be a closure that implements the trait (E0525), a
safe function pointer, or a parameter so bounded (E0277).

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
from ..types import ClosureType, ConstParam, FnType, PointerType, Type, TypeParam, ERROR, substitute
from . import tree as t
from . import unsupported
from .calls import has_vars
from .coercion import OTHER, RETURN, Context, failed, quiet
from .infer import TyVar
from .items import FnInfo
from .patterns import PendingCheck
from .places import is_place


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
        """Whether ty is a closure's, or a type parameter's bounded by `Fn(..)` (or a reference to one)."""
        ty = self.infer.shallow(ty)
        while self.is_reference(ty):
            ty = self.infer.shallow(ty.pointee)  # type: ignore[union-attr]
        return isinstance(ty, ClosureType) or isinstance(ty, TypeParam) and self.fn_bound_on(ty) is not None

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
        # `&fn(..)`, `&closure` call what they point to (Rust's `Fn for &F`)
        while self.is_reference(ty) and (self.is_fn_pointer(ty) or self.is_closure(ty)):
            callee = self.deref_reference(callee)
            ty = self.infer.shallow(callee.ty)
        if isinstance(ty, ClosureType):
            return self.call_closure(e, callee, ty)
        bound = self.fn_bound_on(ty) if isinstance(ty, TypeParam) else None
        if bound is not None:
            return self.call_bound(e, callee, bound)
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
        if isinstance(hint, TyVar) and hint.id in self.closure_hints:  # an argument for `F: Fn(..)`
            hint = self.closure_hints[hint.id]
        if not (isinstance(hint, FnType) and hint.far is None and len(hint.params) == len(e.params)):
            hint = None
        scope: dict[str, t.Local] = {}
        params: list[t.Local] = []
        destructured: list[tuple[ast.Pattern, t.Local]] = []  # `|(a, b)| ..`: matched at the start of the body
        for i, p in enumerate(e.params):
            ty = (self.items.resolve_type(p.ty, self.generics) if p.ty is not None
                  else hint.params[i] if hint is not None else self.infer.fresh())
            name, mutable = "_", False
            if isinstance(p.pattern, ast.IdentPat) and not p.pattern.by_ref and p.pattern.subpattern is None:
                name, mutable = p.pattern.name, p.pattern.mutable
            local = self.new_local(name, ty, mutable, p.span)
            params.append(local)
            if name != "_":
                scope[name] = local
            elif not isinstance(p.pattern, ast.WildcardPat):
                destructured.append((p.pattern, local))
        ret = (self.items.resolve_type(e.ret, self.generics) if e.ret is not None
               else hint.ret if hint is not None else self.infer.fresh())
        fn = self.items.new_closure(self.fn, list(params), ret, self.generics, e.span)
        errors = len(self.sink.errors)
        frame = CaptureFrame(fn, e.is_move, list(self.scopes))
        saved = (self.fn, self.scopes, self.loops, self.returns)
        self.scopes, self.loops, self.fn = [scope], [], fn
        self.returns = RETURN  # (a `return` in the closure returns from it)
        self.capture_frames.append(frame)
        try:
            lets = self.closure_param_patterns(destructured)
            body = self.coerced(e.body, ret, RETURN)
        finally:
            self.fn, self.scopes, self.loops, self.returns = saved
            self.capture_frames.pop()
        fn.body = self.new_node(t.Block(e.body.span, ret, lets, body))
        self.closures.append(fn)  # (its result and environment types are resolved with this body's, in `finish`)
        if len(self.sink.errors) > errors:  # (reported): a value of the error type, no follow-up errors
            for ty in (*(p.ty for p in params), ret, *([expected] if expected is not None else [])):
                self.infer.settle_as_error(ty)  # (the expected type too: a callee's `F` for this closure)
            return t.UnitConst(e.span, ERROR)
        subst: dict[str, object] = {name: TypeParam(name) for name in fn.type_params}
        subst.update({name: ConstParam(name) for name in fn.const_params})
        if not frame.captures:  # a function pointer (Rust's coercion of a non-capturing closure, made at once)
            return self.new_node(t.FnRef(e.span, FnType(tuple(p.ty for p in params), ret), fn, subst))
        return self.environment(e.span, frame)

    def closure_param_patterns(self, destructured: list[tuple[ast.Pattern, t.Local]]) -> list[t.TStmt]:
        """The closure's parameters written with a pattern (`|(a, b)|`, `|&x|`, `|P { x, y }|`),
        matched against the parameter at the start of its body: irrefutable, as a `fn`'s."""
        lets: list[t.TStmt] = []
        for pattern, local in destructured:
            arg = self.new_node(t.LocalRef(pattern.span, local.ty, local))
            typed, bound = self.bind_pattern(pattern, local.ty, arg)
            self.pending.append(PendingCheck("param", pattern.span, typed))
            self.scopes[-1].update(bound)
            lets.append(t.LetPattern(pattern.span, typed, arg))
        return lets

    def environment(self, span, frame: "CaptureFrame") -> t.TExpr:
        """The value of a closure that captures: its environment, made where the closure is
        written (`&x` or `&mut x` per capture by reference, `x` per `move` capture)."""
        fn = frame.fn
        mutable = any(cap.mutated for cap in frame.captures)
        env_ty = frame.env.ty.pointee  # type: ignore[union-attr]
        frame.env.ty = PointerType(env_ty, mutable, 0, True)  # type: ignore[union-attr]
        for ref in frame.env_refs:  # (its uses were made before the closure's kind was known)
            ref.ty = frame.env.ty  # type: ignore[union-attr]
        fields = []
        for cap in frame.captures:
            if cap.by_ref and cap.mutated:
                cap.ty = PointerType(cap.init.ty, True, 0, True)
                for node in cap.field_nodes:
                    node.ty = cap.ty
            if cap.by_ref:
                fields.append(self.new_node(t.AddrOf(span, cap.ty, cap.init)))
            elif cap.mutated:  # a copy the closure changes: read through `&mut`, so the variable counts as
                # used mutably (the lints), as Rust needs it to be `mut`
                ref = self.new_node(t.AddrOf(span, PointerType(cap.ty, True, 0, True), cap.init))
                fields.append(self.new_node(t.Deref(span, cap.ty, ref)))
            else:
                fields.append(cap.init)
        fn.params.append(frame.env)  # type: ignore[arg-type]
        fn.closure_env = [cap.ty for cap in frame.captures]
        self.capture_roots[id(fn)] = [root for cap in frame.captures for root in cap.roots]
        return self.new_node(t.TupleLit(span, env_ty, fields))

    def captured(self, name: str, span) -> t.TExpr | None:
        """A variable of the code around the closure being checked, named in it (None if
        there is none): captured, so the name is the place its environment holds (a `move`
        capture) or points to (a capture by reference)."""
        if not self.capture_frames:
            return None
        cap = self.capture(len(self.capture_frames) - 1, name, span)
        if cap is None:
            return None
        frame = self.capture_frames[-1]
        env = self.new_node(t.LocalRef(span, frame.env.ty, frame.env))  # type: ignore[union-attr]
        frame.env_refs.append(env)
        record = self.new_node(t.Deref(span, env.ty.pointee, env))
        field_ = self.new_node(t.FieldRef(span, cap.ty, record, cap.index))
        if not cap.by_ref:
            self.capture_places[id(field_)] = cap
            return field_
        cap.field_nodes.append(field_)
        place = self.new_node(t.Deref(span, cap.init.ty, field_))
        self.capture_places[id(place)] = cap
        return place

    def capture(self, level: int, name: str, span) -> "Capture | None":
        """The capture of `name` by the closure `capture_frames[level]`, made on its first use."""
        frame = self.capture_frames[level]
        cap = frame.by_name.get(name)
        if cap is not None:
            return cap
        roots: list = []
        init: t.TExpr | None = None
        for scope in reversed(frame.around):
            if name in scope:
                local = scope[name]
                init = self.new_node(t.LocalRef(span, local.ty, local))
                roots = [(local, scope)]
                break
        else:
            if level == 0:
                return None
            outer = self.capture(level - 1, name, span)  # a variable around the closure around this one
            if outer is None:
                return None
            saved = self.capture_frames
            self.capture_frames = saved[:level]  # (the place is made in the outer closure's body)
            try:
                init = self.captured(name, span)
            finally:
                self.capture_frames = saved
            roots = outer.roots
        assert init is not None
        if frame.env is None:  # its environment parameter: `&mut` once it changes a capture (`environment`)
            frame.env = self.new_local("{closure_env}", PointerType(
                ClosureType(frame.fn, tuple(TypeParam(n) for n in frame.fn.type_params)
                            + tuple(ConstParam(n) for n in frame.fn.const_params)), False, 0, True), False, span)
        ty = init.ty if frame.is_move else PointerType(init.ty, False, 0, True)
        cap = Capture(name, init, not frame.is_move, len(frame.captures), ty, roots)
        frame.by_name[name] = cap
        frame.captures.append(cap)
        return cap

    def capture_immutability(self, place: t.TExpr) -> "str | None | bool":
        """Whether a captured variable may be changed through `place` (a place `captured`
        made): as the variable itself may (`None`, or why not). Asking makes the closure one
        that changes it. False when `place` is not a capture."""
        cap = self.capture_places.get(id(place))
        if cap is None:
            return False
        cap.mutated = True
        return self.immutability(cap.init)

    def captures_live(self, fn: t.FnDef, span) -> bool:
        """Whether the variables a closure borrows are still in scope where it is used
        (E0597 if not: farc has no borrow checker, but a closure outliving them is caught)."""
        visible = [*self.scopes, *(s for frame in self.capture_frames for s in frame.around)]
        for local, home in self.capture_roots.get(id(fn), ()):
            if not any(home is scope for scope in visible):
                self.error(msg.CAPTURE_OUT_OF_SCOPE(name=local.name), span, msg.LABEL_CAPTURE_OUT_OF_SCOPE).with_label(
                    local.span, msg.LABEL_CAPTURED_HERE.format(name=local.name))
                return False
        return True

    def call_closure(self, e: ast.Call, callee: t.TExpr, ty: ClosureType) -> t.TExpr:
        """`c(args)` for a closure that captures: a call of its function with the arguments
        and then a reference to the closure's environment (mutable for an `FnMut` closure)."""
        fn = ty.fn
        assert isinstance(fn, t.FnDef)
        own = fn.params[:-1]
        if len(e.args) != len(own):
            self.error(msg.WRONG_ARG_COUNT(expected=msg.count(len(own), "argument"),
                                           supplied=msg.were(len(e.args))), e.span,
                       msg.LABEL_EXPECTED_COUNT.format(n=len(own)))
            return self.rest_of_call(e)
        args = [self.coerced(arg, param.ty, Context("arg")) for arg, param in zip(e.args, own)]
        if not self.captures_live(fn, e.span):
            return t.UnitConst(e.span, ERROR)
        env = self.closure_env_ref(callee, fn.params[-1].ty.mutable, e.callee.span)  # type: ignore[attr-defined]
        if env is None:
            return t.UnitConst(e.span, ERROR)
        subst = dict(zip([*fn.type_params, *fn.const_params], ty.args))
        return self.new_node(t.CallFn(e.span, fn.ret, fn, [*args, env], subst))

    def closure_env_ref(self, callee: t.TExpr, mutable: bool, span) -> t.TExpr | None:
        """`&callee` (`&mut` for an `FnMut` call, E0596 if it cannot be borrowed so) for a
        call of the closure `callee`: its environment must be in memory 0, where the closure's
        function reads it (a closure stored in another memory is not supported: E0601)."""
        if is_place(callee):
            mem = self.infer.mem(self.place_mem(callee))
            if mem != 0:
                unsupported.report(self.sink, unsupported.FAR_CLOSURE_CALLS, span)
                return None
        return self.borrow(callee, mutable, True, span)

    # ----- generic functions bounded by `Fn(..)`
    def fn_bound_on(self, ty: Type) -> "t.FnBound | None":
        """The strongest closure-trait bound on type parameter `ty` in scope, if any."""
        found = [b for b in self.generics.fn_bounds if b.ty == ty]
        return min(found, key=lambda b: t.FN_TRAITS.index(b.kind)) if found else None

    def call_bound(self, e: ast.Call, callee: t.TExpr, bound: "t.FnBound") -> t.TExpr:
        """`f(args)` for `f` of a type parameter bounded by `Fn(..)` / `FnMut(..)` / `FnOnce(..)`."""
        sig = bound.sig
        assert isinstance(sig, FnType)
        if len(e.args) != len(sig.params):
            self.error(msg.WRONG_ARG_COUNT(expected=msg.count(len(sig.params), "argument"),
                                           supplied=msg.were(len(e.args))), e.span,
                       msg.LABEL_EXPECTED_COUNT.format(n=len(sig.params)))
            return self.rest_of_call(e)
        args = [self.coerced(arg, param, Context("arg")) for arg, param in zip(e.args, sig.params)]
        lets: list[t.TStmt] = []
        if not is_place(callee):  # a place for its environment
            tmp = self.new_local("_callee", callee.ty, True, e.callee.span)
            lets.append(t.Let(e.callee.span, tmp, callee))
            callee = self.new_node(t.LocalRef(e.callee.span, callee.ty, tmp))
        if self.infer.mem(self.place_mem(callee)) != 0:
            return self.unsupported(unsupported.FAR_CLOSURE_CALLS, e.callee.span)
        # `FnMut` is called by `&mut` (E0596 when `f` is not `mut`); `Fn` by `&`; `FnOnce` by value, which
        # farc (without moves) passes as `&`, or `&mut` to an `FnMut` closure (mono)
        env = self.borrow(callee, bound.kind == "FnMut", True, e.callee.span)
        call = self.new_node(t.CallBound(e.span, sig.ret, env, args, bound.ty))
        return self.new_node(t.Block(e.span, sig.ret, lets, call)) if lets else call

    def fn_obligation(self, bound: "t.FnBound", subst: dict, span, callee: str) -> None:
        """A callee's closure-trait bound with its parameters' values: the expected type
        of a closure argument (`expr_Closure`), settled after the arguments (`settle`)."""
        ty = substitute(bound.ty, subst)
        sig = substitute(bound.sig, subst)
        var = self.infer.shallow(ty)
        if isinstance(var, TyVar):
            self.closure_hints[var.id] = sig
        self.fn_obligations.append(FnObligation(ty, bound.kind, sig, span, callee))

    def settle_fn_obligations(self, start: int = 0, final: bool = False) -> None:
        """The closure-trait obligations from `start` on whose type is known (all, at the
        end of the body): the type implements the trait with the bound's signature."""
        for ob in self.fn_obligations[start:]:
            if ob.settled:
                continue
            ty = self.infer.shallow(ob.ty)
            # (a `{integer}` or `{float}` is known to be no closure: `map_or_else(11, ..)`)
            undecided = isinstance(ty, TyVar) and ty.kind == "any"
            if undecided and not final:
                continue
            ob.settled = True
            if undecided and self.sink.errors:  # (left undecided by an argument's error: reported)
                self.infer.settle_as_error(ty)
            if quiet(ty) or undecided:  # (reported, or E0282 in `finish`)
                continue
            self.settle_fn_obligation(ob, ty)

    def settle_fn_obligation(self, ob: "FnObligation", ty: Type) -> None:
        found = self.callable_as(ty)
        bound_text = t.fn_bound_text(ob.kind, self.infer.resolve(ob.sig))
        if found is None and isinstance(ty, PointerType) and self.infer.mem(ty.mem) != 0 and \
                self.callable_as(PointerType(ty.pointee, ty.mutable, 0, True)) is not None:
            unsupported.report(self.sink, unsupported.FAR_CLOSURE_CALLS, ob.span)
            return
        if found is None:
            self.error(msg.NOT_A_CLOSURE(bound=bound_text, ty=self.show(ty)), ob.span,
                       msg.LABEL_NOT_A_CLOSURE.format(bound=bound_text, ty=self.show(ty))).with_note(
                msg.NOTE_REQUIRED_BY_BOUND.format(item=ob.callee))
            return
        kind, sig = found
        if t.FN_TRAITS.index(kind) > t.FN_TRAITS.index(ob.kind):
            d = self.error(msg.CLOSURE_KIND(expected=ob.kind, found=kind), ob.span,
                           msg.LABEL_CLOSURE_KIND_REQUIRED.format(expected=ob.kind))
            closure = self.closure_of(ty)
            if closure is not None and closure.span is not None:
                d.with_label(closure.span, msg.LABEL_CLOSURE_KIND.format(expected=ob.kind, found=kind))
            return
        mismatch = self.infer.unify(ob.sig, sig)
        if mismatch is not None:
            self.report_mismatch(mismatch, ob.sig, sig, ob.span, OTHER)
            return
        closure = self.closure_of(ty)
        if closure is not None:
            self.captures_live(closure, ob.span)

    def callable_as(self, ty: Type) -> "tuple[str, Type] | None":
        """(the closure trait, the signature) a value of type `ty` can be called with as a
        closure-trait bound's value: a closure's, a safe function pointer's (`Fn`), a bounded
        type parameter's; through `&` (if `Fn`) and `&mut` (at most `FnMut`) too."""
        ty = self.infer.shallow(ty)
        if isinstance(ty, ClosureType):
            fn = ty.fn
            assert isinstance(fn, t.FnDef)
            subst = dict(zip([*fn.type_params, *fn.const_params], ty.args))
            sig = FnType(tuple(substitute(p.ty, subst) for p in fn.params[:-1]), substitute(fn.ret, subst))
            return ("FnMut" if fn.params[-1].ty.mutable else "Fn"), sig  # type: ignore[attr-defined]
        if isinstance(ty, FnType):
            return None if ty.unsafe else ("Fn", ty)
        if isinstance(ty, TypeParam):
            bound = self.fn_bound_on(ty)
            return (bound.kind, bound.sig) if bound is not None else None
        if isinstance(ty, PointerType) and ty.is_ref:
            if self.infer.mem(ty.mem) != 0:  # (the closure's function reads its environment in memory 0)
                return None
            inner = self.callable_as(ty.pointee)
            if inner is None:
                return None
            if not ty.mutable:
                return inner if inner[0] == "Fn" else None
            return ("FnMut" if inner[0] == "FnOnce" else inner[0], inner[1]) if inner[0] != "FnOnce" else None
        return None

    def closure_of(self, ty: Type) -> t.FnDef | None:
        ty = self.infer.shallow(ty)
        while isinstance(ty, PointerType) and ty.is_ref:
            ty = self.infer.shallow(ty.pointee)
        return ty.fn if isinstance(ty, ClosureType) else None  # type: ignore[return-value]


@dataclass(eq=False)
class Capture:
    """A variable a closure captures: `init`, the place it is in the code around the closure;
    its field `index` in the environment, of type `ty` (`&T`, `&mut T`, or `T` for `move`);
    `roots`, the variables (with their scopes) it borrows in the end."""

    name: str
    init: t.TExpr
    by_ref: bool
    index: int
    ty: Type
    roots: list
    mutated: bool = False  # the closure changes it (so it is `FnMut`)
    field_nodes: list = field(default_factory=list)  # its environment fields, typed again once `mutated`


@dataclass(eq=False)
class CaptureFrame:
    """The closure being checked: `around`, the scopes of the code it is written in; its
    captures in order of first use; its environment parameter once it captures."""

    fn: t.FnDef
    is_move: bool
    around: list
    captures: list = field(default_factory=list)
    by_name: dict = field(default_factory=dict)
    env: t.Local | None = None
    env_refs: list = field(default_factory=list)  # the uses of `env`, typed again with its final mutability


@dataclass(eq=False)
class FnObligation:
    """`ty: kind(sig)` that a call of a function with a closure-trait bound needs."""

    ty: Type
    kind: str
    sig: Type
    span: object
    callee: str
    settled: bool = False
