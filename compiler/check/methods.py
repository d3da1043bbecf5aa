"""Method calls and associated items: `x.m(..)` with Rust's auto-deref and
auto-ref, `Type::f(..)`, `Self::CONST`, `<T as Trait>::f(..)`, `Trait::f(..)`,
and the trait bounds every call brings (E0277).

Method lookup follows rustc: the receiver's type, then the type behind each
reference it is (auto-deref: `r.len()` for `r: &&Buf`), and at each step a
method taking `self` by value, then one taking `&self` (auto-ref: the
receiver is borrowed), then `&mut self`; inherent methods before trait
methods; trait methods come from the bounds in scope (`T: Shape`) and from
the traits in scope that the type implements. Raw pointers are never
dereferenced implicitly; the built-in pointer and integer methods are found
first at their step.

The memory of the receiver is part of the match: auto-ref borrows the
receiver where it is, so a `&self` method (a reference into memory 0) does
not apply to a receiver in memory 1 (M0002, with the far receiver to write
instead): `self: #[mem_idx(M)] &Self` takes a receiver in any memory M.

A call of a trait method is a `CallFn` of the trait's declaration with
`Self` (and the trait's parameters) in its `subst`; monomorphization picks
the impl per instance. The bounds of the callee (its own, its impl's, and
`Self: Trait` for a trait method) become obligations checked once the
body's types are known.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .. import messages as msg
from ..syntax import ast
from ..types import (
    ArrayType, AssocType, ConstParam, EnumType, FloatType, INTS, IntType, PointerType, PRIMITIVES, StructType, Type,
    TypeParam,
    ERROR,
    substitute, substitute_args,
)
from . import aliases, unsupported
from . import tree as t
from .coercion import Context, failed, quiet
from .impls import nominal
from .infer import TyVar
from .intrinsics import POINTER_METHODS
from .items import FnInfo
from .operators import INT_METHODS
from .resolve import PathResolution
from .suggest import suggest_similar

COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
U32 = INTS["u32"]
#: the associated consts of every integer type (`u32::MAX`, `i8::MIN`, `u64::BITS`)
INT_CONSTS = {
    "MAX": lambda ty: (1 << (ty.bits - 1)) - 1 if ty.signed else (1 << ty.bits) - 1,
    "MIN": lambda ty: -(1 << (ty.bits - 1)) if ty.signed else 0,
    "BITS": lambda ty: ty.bits,
}
#: the associated consts of `f32` and `f64` (`f32::MAX`, `f64::NAN`, ...), as Rust defines them
FLOAT_CONSTS = {
    "MAX": lambda ty: _float_max(ty.bits),
    "MIN": lambda ty: -_float_max(ty.bits),
    "MIN_POSITIVE": lambda ty: 2.0 ** (-126 if ty.bits == 32 else -1022),  # the smallest normal value
    "EPSILON": lambda ty: 2.0 ** (-23 if ty.bits == 32 else -52),
    "INFINITY": lambda ty: math.inf,
    "NEG_INFINITY": lambda ty: -math.inf,
    "NAN": lambda ty: math.nan,
}


def _float_max(bits: int) -> float:
    return (2 - 2.0 ** (-23 if bits == 32 else -52)) * 2.0 ** (127 if bits == 32 else 1023)


@dataclass
class Obligation:
    """`ty: trait` must hold (with `bindings`: `<ty as trait>::Name == T`), checked at the end of the body."""

    ty: Type
    trait: t.TraitRef
    span: object
    note: str | None = None
    bindings: tuple = ()


@dataclass
class Candidate:
    """A method or associated item found for a type: the function (or const),
    the values its impl's or trait's parameters take, and for a method how
    the receiver is adjusted (by value, `&`, `&mut`)."""

    fn: FnInfo | None
    subst: dict = field(default_factory=dict)
    const: t.AssocConst | None = None
    trait: object = None  # the TraitInfo of a trait item
    autoref: str = ""  # "" by value, "&" or "&mut"


class MethodRules:
    # ------------------------------------------------------------------
    # method calls
    def expr_MethodCall(self, e: ast.MethodCall, expected: Type | None) -> t.TExpr:
        receiver = self.expr(e.receiver)
        sliced = self.slice_method_call(e, receiver, expected)  # (slices.py)
        if sliced is not None:
            return sliced
        written = self.infer.shallow(receiver.ty)
        node = receiver
        near_miss = None
        for _ in range(64):
            ty = self.infer.shallow(node.ty)
            if isinstance(ty, PointerType) and not ty.is_ref and e.method in POINTER_METHODS:
                return POINTER_METHODS[e.method](self, e, node, ty, expected)
            if (isinstance(ty, IntType) or (isinstance(ty, TyVar) and ty.kind == "int")) and e.method in INT_METHODS:
                return self.int_method(e, node)
            if isinstance(ty, TyVar):
                break
            found, miss = self.find_method(node, e.method, e.span)
            near_miss = near_miss or miss
            if found is not None:
                return self.method_call(e, node, found, expected)
            if not (isinstance(ty, PointerType) and ty.is_ref):
                break
            node = self.deref_reference(node)
        ty = self.infer.shallow(node.ty)
        if near_miss is not None:
            self.report_receiver_memory(e, near_miss)
        elif isinstance(ty, TyVar):
            self.error(msg.ANNOTATIONS_NEEDED(), e.receiver.span, msg.LABEL_RECEIVER_UNKNOWN.format(method=e.method))
        elif isinstance(written, PointerType) and written.is_ref and e.method in POINTER_METHODS:
            self.error(msg.NO_METHOD_ON_REF(method=e.method, ty=self.show(written)), e.span).with_help(
                msg.HELP_REF_TO_RAW)
        elif not failed(ty):
            d = self.error(msg.NO_METHOD(method=e.method, ty=self.show(written)), e.span, msg.LABEL_METHOD_NOT_FOUND)
            hidden = self.trait_out_of_scope(e.method)
            if hidden is not None:
                d.with_help(msg.TRAIT_NOT_IN_SCOPE.format(trait=hidden))
            else:  # (the AST keeps no span of the name alone)
                suggest_similar(d, None, e.method, {"a method": self.method_names(ty)})
        for arg in e.args:
            self.expr(arg)
        return t.UnitConst(e.span, ERROR)

    def method_names(self, ty: Type) -> list[str]:
        """The methods a receiver of type `ty` has by its own type (built-in
        ones and its inherent impls'), for a did-you-mean suggestion."""
        names = list(POINTER_METHODS if isinstance(ty, PointerType) else INT_METHODS if isinstance(ty, IntType) else ())
        head = nominal(ty)
        for info in self.items.impls.inherent.get(head, ()) if head is not None else ():
            names += [name for name, fn in info.fns.items() if fn.decl.receiver is not None]
        return names

    def find_method(self, node: t.TExpr, name: str, span) -> tuple[Candidate | None, tuple | None]:
        """The method `name` for the receiver `node` at this auto-deref step:
        by value, then auto-ref'd, then auto-ref'd mutably. Also a near miss:
        a method whose receiver only differs in its memory (for M0002)."""
        ty = self.infer.resolve(node.ty)
        place_mem = self.infer.mem(self.place_mem(node)) if self.is_place(node) else 0
        candidates = self.method_candidates(name)
        near = None
        for autoref, adjusted in (("", ty), ("&", PointerType(ty, False, place_mem, True)),
                                  ("&mut", PointerType(ty, True, place_mem, True))):
            for group in candidates:
                matches = [c for c in (self._match_receiver(info, adjusted) for info in group) if c is not None]
                if len(matches) > 1:
                    d = self.error(msg.MULTIPLE_APPLICABLE(), span, msg.LABEL_MULTIPLE_APPLICABLE.format(name=name))
                    for c in matches:
                        d.with_note(msg.NOTE_CANDIDATE.format(candidate=c.fn.fn.name))  # type: ignore[union-attr]
                if not matches and autoref:
                    matches = [c for c in (self._homed_impl_method(info, adjusted) for info in group) if c is not None]
                if matches:
                    matches[0].autoref = autoref
                    return matches[0], None
                if autoref and near is None:
                    for info in group:
                        if self._match_receiver(info, adjusted, any_memory=True) is not None:
                            near = (info, adjusted)
                            break
        return None, near

    def method_candidates(self, name: str) -> list[list[FnInfo]]:
        """The functions with a `self` named `name` that could apply here, in
        the order rustc tries them: inherent methods, then trait methods (of
        the bounds in scope and of the traits in scope)."""
        impls = self.items.impls
        inherent = [info.fns[name] for infos in impls.inherent.values() for info in infos
                    if name in info.fns and info.fns[name].decl.receiver is not None]
        traits = {b.trait.trait for b in self.generics.bounds}
        traits.update(info.trait.name for info in impls.traits_in_scope(self.items.scope_module(self.generics)))
        trait_methods = [impls.traits[key].fns[name] for key in sorted(traits)
                         if key in impls.traits and name in impls.traits[key].fns
                         and impls.traits[key].fns[name].decl.receiver is not None]
        return [inherent, trait_methods]

    def _match_receiver(self, info: FnInfo, receiver_ty: Type, any_memory: bool = False) -> Candidate | None:
        """Whether `info`'s `self` can be `receiver_ty`; its parameters' values if so."""
        if not info.fn.params:
            return None
        pattern = info.fn.params[0].ty
        params = set(info.fn.type_params) | set(info.fn.const_params)
        if any_memory and isinstance(pattern, PointerType):
            pattern = PointerType(pattern.pointee, pattern.mutable, ConstParam("#memory"), pattern.is_ref)
            params.add("#memory")
        selector = self.items.impls.selector
        bindings: dict = {}
        if not selector.match(pattern, receiver_ty, params, bindings):
            return None
        if info.fn.trait is not None:
            self_ty = bindings.get("Self")
            if self_ty is None or isinstance(self_ty, TyVar):
                return None
            trait = info.fn.trait
            args = tuple(self.infer.fresh_mem(p, trait.name) if p in trait.const_params else self.infer.fresh()
                         for p in trait.params)
            if not selector.holds(self_ty, t.TraitRef(trait.name, args), self.generics.bounds):
                return None
        return Candidate(info, bindings)

    def _homed_impl_fn(self, self_ty: Type, selection, name: str) -> FnInfo | None:
        """The method `name` an impl the selection found defines itself, for a
        `self_ty` with a home (design 3; see `_homed_impl_method`)."""
        if selection.impl_ is None or selection.impl_.builtin or self.items.home_of(self.infer.resolve(
                self_ty)) is None:
            return None
        impl_info = next((i for i in self.items.impls.impls if i.impl_ is selection.impl_), None)
        return impl_info.fns.get(name) if impl_info is not None else None

    def _homed_impl_method(self, info: FnInfo, receiver_ty: Type) -> Candidate | None:
        """Design 3: a trait method called on a value of a type with a home
        (`#[mem_idx(1)] struct P`) is the method of P's impl, whose `&self` is
        `&P` into P's memory (the trait's `&Self` is into memory 0). Only a
        method the impl itself defines: a default method's body is the trait's,
        written for `&Self` in memory 0 (M0002 stays)."""
        if info.fn.trait is None or not isinstance(receiver_ty, PointerType):
            return None
        self_ty = self.infer.resolve(receiver_ty.pointee)
        if self.items.home_of(self_ty) is None:
            return None
        impls = self.items.impls
        trait = info.fn.trait
        args = tuple(self.infer.fresh_mem(p, trait.name) if p in trait.const_params else self.infer.fresh()
                     for p in trait.params)
        selection = impls.selector.select(self_ty, t.TraitRef(trait.name, args), self.generics.bounds)
        if selection is None:
            return None
        method = self._homed_impl_fn(self_ty, selection, next(n for n, f in trait.methods.items() if f is info.fn))
        return self._match_receiver(method, receiver_ty) if method is not None else None

    def method_call(self, e: ast.MethodCall, node: t.TExpr, found: Candidate, expected: Type | None) -> t.TExpr:
        info = found.fn
        assert info is not None
        self.check_visible(info, e.method, e.span, "method")
        if found.autoref:
            node = self.autoref(node, found.autoref == "&mut", e.receiver.span)
        subst = self.fresh_subst(info)
        if info.own_type_params or info.own_const_params:
            self.bind_turbofish(info, e.generic_args, subst, e.span)
        elif e.generic_args:
            self.error(msg.WRONG_GENERIC_COUNT(name=info.fn.name, expected=msg.count(0, "generic argument"),
                                               supplied=msg.were(len(e.generic_args))), e.span)
        return self.call_fn(e, None, info, expected, subst=subst, receiver=node)

    def autoref(self, node: t.TExpr, mutable: bool, span) -> t.TExpr:
        """`&node` / `&mut node` for a method's receiver, where it lives."""
        if not self.is_place(node):
            tmp = self.new_local("_tmp", node.ty, True, span)
            ref = self.new_node(t.LocalRef(span, node.ty, tmp))
            addr = self.new_node(t.AddrOf(span, PointerType(node.ty, mutable, 0, True), ref))
            return self.new_node(t.Block(span, addr.ty, [t.Let(span, tmp, node)], addr))
        if mutable:
            why = self.immutability(node)
            if why is not None:
                self.error(msg.BORROW_IMMUTABLE(what=why), span, msg.LABEL_CANNOT_BORROW_MUT)
        return self.new_node(t.AddrOf(span, PointerType(node.ty, mutable, self.place_mem(node), True), node))

    def report_receiver_memory(self, e: ast.MethodCall, near: tuple) -> None:
        info, adjusted = near
        declared = info.fn.params[0].ty
        found = self.infer.mem(adjusted.mem)
        expected = declared.mem if isinstance(declared, PointerType) else 0
        d = self.error(msg.RECEIVER_MEMORY(method=e.method, found=found, expected=expected), e.receiver.span,
                       msg.LABEL_RECEIVER_MEMORY.format(found=found)).with_note(msg.NOTE_RECEIVER_MEMORY.format(
                           expected_ty=declared, found=found, expected=expected))
        home = self.items.home_of(declared.pointee) if isinstance(declared, PointerType) else None
        if home is not None:  # design 3: `Self` lives in one memory; the receiver is a copy elsewhere
            d.with_note(msg.NOTE_HOME.format(ty=declared.pointee, home=home)).with_note(msg.NOTE_LOCAL_COPY)
        else:
            d.with_help(msg.HELP_FAR_RECEIVER.format(method=e.method))
        for arg in e.args:
            self.expr(arg)

    def trait_out_of_scope(self, name: str) -> str | None:
        """A trait with a method `name` that is not in scope here (for E0599's help)."""
        in_scope = {i.trait.name for i in self.items.impls.traits_in_scope(self.items.scope_module(self.generics))}
        for key, info in self.items.impls.traits.items():
            if name in info.fns and key not in in_scope:
                return key
        return None

    def check_visible(self, info: FnInfo, name: str, span, kind: str) -> None:
        if info.vis is not None and not self.items.scope_module(self.generics).within(info.vis):
            self.error(msg.PRIVATE_METHOD(kind=kind, name=name), span, msg.LABEL_PRIVATE_METHOD.format(kind=kind))

    # ------------------------------------------------------------------
    # operators on types that are not primitives: calls of the core::ops / core::cmp traits
    def overloadable(self, ty: Type) -> bool:
        """Whether an operand of type `ty` takes its operator from a trait:
        a struct, an array, a type parameter, an associated type (or a
        reference to one)."""
        ty = self.infer.shallow(ty)
        while isinstance(ty, PointerType) and ty.is_ref:
            ty = self.infer.shallow(ty.pointee)
        return isinstance(ty, (StructType, EnumType, ArrayType, TypeParam, AssocType))

    def operator_call(self, e, trait_key: str, method: str, operands: list[t.TExpr], rhs_ty: Type | None,
                      op: str) -> t.TExpr:
        """`Trait::method(operands..)` for an operator (`rhs_ty`: the trait's
        `Rhs`, None for a trait without one); E0369/E0600 when the operand's
        type does not implement it."""
        impls = self.items.impls
        info = impls.traits.get(trait_key)
        lhs_ty = self.infer.resolve(operands[0].ty)
        if method in COMPARISONS or method == "index" or method.endswith("_assign"):
            lhs_ty = lhs_ty.pointee  # type: ignore[union-attr]  (the receiver is borrowed)
        if info is None or method not in info.fns:
            return t.UnitConst(e.span, ERROR)
        trait = info.trait
        args = (rhs_ty,) if trait.params else ()
        tref = t.TraitRef(trait.name, tuple(self.infer.resolve(a) for a in args))
        selection = impls.selector.select(lhs_ty, tref, self.generics.bounds)
        if selection is None:
            if method == "index":
                self.error(msg.CANNOT_INDEX(ty=lhs_ty), e.span).with_note(msg.OPERATOR_NEEDS_TRAIT.format(
                    trait=t.TraitRef(trait.name, tref.args), ty=lhs_ty))
                return t.UnitConst(e.span, ERROR)
            message = msg.UNARY_ON_TYPE(op=op, ty=lhs_ty) if len(operands) == 1 else (
                msg.COMPARE_ON_TYPE(op=op, ty=lhs_ty) if method in COMPARISONS else
                msg.COMPOUND_ON_TYPE(op=op, ty=lhs_ty) if method.endswith("_assign") else msg.BINARY_ON_TYPE(
                    op=op, ty=lhs_ty))
            shown = t.TraitRef(trait.name, tref.args) if trait.params else trait.name
            self.error(message, e.span).with_note(msg.OPERATOR_NEEDS_TRAIT.format(trait=shown, ty=lhs_ty))
            return t.UnitConst(e.span, ERROR)
        self.adopt_impl_args(selection, tref)
        borrowed = self.infer.resolve(operands[0].ty)
        homed = self._homed_impl_fn(lhs_ty, selection, method) if isinstance(borrowed, PointerType) and (
            self.infer.mem(borrowed.mem) == self.items.home_of(lhs_ty)) else None  # (a copy elsewhere: M0015)
        if homed is not None:  # design 3: the impl's method, whose `&self` is into the home (see there)
            fn_info = homed
            subst = self.fresh_subst(fn_info)
            for name, value in selection.bindings.items():  # (the impl's parameters, as selected)
                if name in subst and isinstance(value, Type):
                    self.infer.unify(subst[name], value)
                elif name in subst:
                    self.infer.unify_mem(subst[name], value)
        else:
            fn_info = info.fns[method]
            subst = self.fresh_subst(fn_info)
            self.infer.unify(subst["Self"], lhs_ty)
            for param, arg in zip(trait.params, args):
                self.infer.unify(subst[param], arg)
        params = [self.normalized(substitute(p.ty, subst)) for p in fn_info.fn.params]
        ret = self.normalized(substitute(fn_info.fn.ret, subst))
        self.require_bounds(fn_info, subst, e.span)
        for operand, param in zip(operands, params):
            if self.borrowed_elsewhere(operand, param):
                found = self.infer.mem(operand.ty.mem)  # type: ignore[union-attr]
                self.error(msg.OPERAND_MEMORY(op=op, found=found, trait=trait.name, method=method,
                                              expected=param.mem), operand.span,  # type: ignore[union-attr]
                           msg.LABEL_RECEIVER_MEMORY.format(found=found)).with_note(msg.NOTE_OPERAND_MEMORY.format(
                               found_ty=self.show(operand.ty), found=found, expected=param.mem)).with_help(
                    msg.HELP_OPERAND_MEMORY)  # type: ignore[union-attr]
                continue
            self.coerce(operand, param, Context("arg", fn_info, param), operand.span)
        return self.new_node(t.CallFn(e.span, ret, fn_info.fn, list(operands), subst))

    def borrowed_elsewhere(self, operand: t.TExpr, param: Type) -> bool:
        """Whether an operand the operator borrowed (`&a` for `==`, `&mut a`
        for `+=`, `&a` for `a[i]`) is in another memory than the trait's
        method takes it: an M0002 of its own (the operand is no argument the
        user wrote)."""
        return (isinstance(operand, t.AddrOf) and isinstance(param, PointerType) and isinstance(operand.ty, PointerType)
                and self.infer.known_different(operand.ty.mem, param.mem))

    def adopt_impl_args(self, selection, tref: t.TraitRef) -> None:
        """What the selected impl says the trait's arguments are (`impl
        Index<usize>` makes an index literal a usize): selection matched
        inference variables loosely, unification binds them."""
        impl = selection.impl_
        if impl is None or impl.builtin or impl.trait is None:
            return
        concrete = {k: v for k, v in selection.bindings.items()}
        for declared, arg in zip(impl.trait.args, tref.args):
            if isinstance(arg, Type) and isinstance(declared, Type) and not _params_left(declared, impl.params,
                                                                                         concrete):
                self.infer.unify(arg, substitute(declared, concrete))

    def borrow_operand(self, node: t.TExpr, span) -> t.TExpr:
        """`&operand` for a comparison trait's `&self` / `&Rhs` (a temporary if it is no place)."""
        return self.autoref(node, False, span)

    # ------------------------------------------------------------------
    # generic arguments of associated functions
    def fresh_subst(self, info: FnInfo) -> dict:
        fn = info.fn
        subst: dict[str, object] = {}
        for name in fn.type_params:
            subst[name] = self.infer.fresh()
        for name in fn.const_params:
            subst[name] = self.infer.fresh_mem(name, fn.name)
        return subst

    def bind_turbofish(self, info: FnInfo, args: tuple, subst: dict, span) -> None:
        """A method's or associated function's own generic arguments, `::<..>`."""
        if not args:
            return
        order = [g.name for g in info.decl.generics if g.kind != "lifetime"]
        if len(args) != len(order):
            self.error(msg.WRONG_GENERIC_COUNT(name=info.fn.name, expected=msg.count(len(order), "generic argument"),
                                               supplied=msg.were(len(args))), span)
            return
        for name, arg in zip(order, args):
            if name in info.own_const_params:
                value = self.const_generic_arg(arg)
                self.infer.unify_mem(subst[name], 0 if value is None else value)
            else:
                ty = self.generic_type_arg(arg)
                if ty is not None:
                    self.infer.unify(subst[name], ty)

    # ------------------------------------------------------------------
    # bounds
    def require_bounds(self, info: FnInfo, subst: dict, span) -> None:
        """The callee's bounds, with its parameters' values, must hold (E0277, at the end of the body)."""
        for bound in info.generics.bounds:
            ty = substitute(bound.ty, subst)
            tref = t.TraitRef(bound.trait.trait, substitute_args(bound.trait.args, subst))
            bindings = tuple((n, substitute(b, subst)) for n, b in bound.bindings)
            self.obligations.append(Obligation(ty, tref, span, msg.NOTE_REQUIRED_BY_BOUND.format(item=info.fn.name),
                                               bindings))
        for fn_bound in info.generics.fn_bounds:
            self.fn_obligation(fn_bound, subst, span, info.fn.name)

    def check_obligations(self) -> None:
        selector = self.items.impls.selector
        for ob in self.obligations:
            ty = selector.normalize(self.infer.resolve(ob.ty), self.generics.bounds)
            if self.items.is_inference_var(ty) or quiet(ty):
                continue
            args = tuple(self.infer.resolve(a) if isinstance(a, Type) else self.infer.mem(a) for a in ob.trait.args)
            tref = t.TraitRef(ob.trait.trait, args)
            if not selector.holds(ty, tref, self.generics.bounds):
                self.items.impls.report_unsatisfied(ty, tref, ob.span, ob.note)
                continue
            for name, want in ob.bindings:
                got = selector.assoc_type(ty, tref, name, self.generics.bounds)
                if got is not None and self.infer.unify(want, got) is not None:
                    self.error(msg.MISMATCHED_TYPES(), ob.span, msg.LABEL_EXPECTED_FOUND.format(
                        expected=self.show(want), found=got)).with_note(msg.NOTE_ASSOC_BINDING.format(
                            ty=ty, trait=tref, name=name))

    def normalized(self, ty: Type) -> Type:
        """`ty` with the associated types known here replaced (`<Circle as Shape>::Out` -> `u32`)."""
        if not _has_assoc(ty):
            return ty
        return self.items.impls.selector.normalize(self.infer.resolve(ty), self.generics.bounds)

    # ------------------------------------------------------------------
    # type-relative paths: `Type::item`, `Self::item`, `<T as Trait>::item`, `Trait::item`
    def associated(self, path: ast.Path, r: PathResolution | None) -> Candidate | None:
        """The associated function or const a type-relative path names; None after reporting."""
        trait_info = None
        if path.qself is not None:
            base = self.items.resolve_type(path.qself.ty, self.generics)
            if path.qself.trait is not None:
                found = self.items.impls.trait_ref(path.qself.trait, base, self.generics)
                if found is None:
                    return None
                trait_info = self.items.impls.traits[found[0].trait]
            rest = path.segments
        else:
            assert r is not None
            base = self.prefix_type(path, r)
            if base is None:
                return None
            if isinstance(base, t.TraitRef):  # `Shape::area(&c)`: `Self` is inferred
                trait_info = self.items.impls.traits[base.trait]
                base = self.infer.fresh()
            rest = r.rest
        if len(rest) != 1:
            self.error(msg.AMBIGUOUS_ASSOC_TYPE(), path.span)
            return None
        if quiet(base):
            return None
        return self.lookup_associated(base, rest[0], trait_info, path)

    def prefix_type(self, path: ast.Path, r: PathResolution) -> Type | t.TraitRef | None:
        """The type (or trait) a type-relative path starts with, its generic
        arguments from the path (`Buf::<u8, 4>::new`) or inferred."""
        index = len(path.segments) - len(r.rest) - 1
        args = path.prefix_args[index] if index < len(path.prefix_args) else ()
        b = r.binding
        if b is None:
            if r.first == "Self":
                if self.generics.self_type is None:
                    self.error(msg.SELF_TYPE_OUTSIDE(), path.span, msg.LABEL_SELF_TYPE_OUTSIDE)
                    return None
                return self.generics.self_type
            if r.first in self.generics.type_params:
                return TypeParam(r.first)
            if r.first in PRIMITIVES:
                return PRIMITIVES[r.first]
            self.items.undeclared_prefix(r.first, path.span)
            return None
        if b.kind == "struct":
            return self.instantiate_struct(b.key, args, path.span)
        if b.kind == "enum":
            return self.instantiate_enum(b.key, args, path)
        if b.kind == "trait":
            return t.TraitRef(b.key)
        if b.kind == "alias":  # `Word::MAX`, `Pair::<u8>::new()`: the alias's type
            ty = aliases.alias_type(self.items, b.key, args, self.generics, path.span)
            return None if ty is ERROR else ty
        if b.kind != "unchecked":  # (never None without a report: the caller emits nothing for it)
            self.error(msg.EXPECTED_TYPE(kind=b.word, name=r.first), path.span, msg.LABEL_NOT_A_TYPE)
        return None

    def lookup_associated(self, base: Type, name: str, trait_info, path: ast.Path) -> Candidate | None:
        """The associated item `name` of `base`: its inherent impls' first
        (unless a trait is named), then the traits of the bounds in scope and
        the traits in scope that it implements."""
        impls = self.items.impls
        resolved = self.infer.resolve(base)
        if trait_info is None and isinstance(resolved, IntType) and name in INT_CONSTS:
            value = INT_CONSTS[name](resolved)
            return Candidate(None, {}, const=t.AssocConst(name, U32 if name == "BITS" else resolved, None,
                                                          value=value, folded=True))
        if trait_info is None and isinstance(resolved, FloatType) and name in FLOAT_CONSTS:
            return Candidate(None, {}, const=t.AssocConst(name, resolved, None, value=FLOAT_CONSTS[name](resolved),
                                                          folded=True))
        if trait_info is None:
            head = nominal(resolved)
            for info, item in impls.inherent_items(head, name) if head is not None else ():
                bindings: dict = {}
                if not impls.selector.match(info.impl_.self_ty, resolved, set(info.impl_.params), bindings):
                    continue
                subst = self.instantiate_impl(info.impl_, resolved)
                if isinstance(item, t.AssocConst):
                    return Candidate(None, subst, const=item)
                return Candidate(item, subst)
            traits = [impls.traits[b.trait.trait] for b in self.generics.bounds
                      if b.trait.trait in impls.traits and impls.selector.same(b.ty, resolved)]
            traits += [info for info in impls.traits_in_scope(self.items.scope_module(self.generics))
                       if info not in traits]
            traits = [info for info in traits if name in info.fns or name in info.trait.consts]
            if not isinstance(resolved, TyVar):
                traits = [info for info in traits if self._implements(resolved, info)]
        else:
            traits = [trait_info] if name in trait_info.fns or name in trait_info.trait.consts else []
        if len(traits) > 1:
            d = self.error(msg.MULTIPLE_APPLICABLE(), path.span, msg.LABEL_MULTIPLE_APPLICABLE.format(name=name))
            for info in traits:
                d.with_note(msg.NOTE_CANDIDATE.format(candidate=f"{info.trait.name}::{name}"))
        if traits:
            info = traits[0]
            trait = info.trait
            subst: dict[str, object] = {"Self": base}
            for p in trait.params:
                subst[p] = self.infer.fresh_mem(p, trait.name) if p in trait.const_params else self.infer.fresh()
            if name in info.fns:
                fn_info = info.fns[name]
                full = self.fresh_subst(fn_info)
                full.update(subst)
                return Candidate(fn_info, full, trait=info)
            self.obligations.append(Obligation(base, t.TraitRef(trait.name, tuple(subst[p] for p in trait.params)),
                                               path.span))
            return Candidate(None, subst, const=trait.consts[name], trait=info)
        if isinstance(resolved, EnumType):  # (not one of its variants either: variants.py)
            d = self.error(msg.NO_VARIANT(name=name, ty=resolved), path.span,
                           msg.LABEL_VARIANT_NOT_FOUND.format(ty=resolved))
        else:
            kind = "struct" if isinstance(resolved, StructType) else "type"
            d = self.error(msg.NO_ASSOC_ITEM(name=name, kind=kind, ty=resolved), path.span,
                           msg.LABEL_ASSOC_ITEM_NOT_FOUND.format(ty=resolved))
        hidden = self.trait_out_of_scope(name)
        if hidden is not None:
            d.with_help(msg.TRAIT_NOT_IN_SCOPE.format(trait=hidden))
        return None

    def _implements(self, ty: Type, info) -> bool:
        trait = info.trait
        args = tuple(self.infer.fresh_mem(p, trait.name) if p in trait.const_params else self.infer.fresh()
                     for p in trait.params)
        return self.items.impls.selector.holds(ty, t.TraitRef(trait.name, args), self.generics.bounds)

    def instantiate_impl(self, impl: t.ImplDef, ty: Type) -> dict:
        """Fresh variables for an impl's parameters, bound by its self type being `ty`."""
        subst: dict[str, object] = {}
        for p in impl.params:
            subst[p] = self.infer.fresh_mem(p, impl.name) if p in impl.const_params else self.infer.fresh()
        self.infer.unify(substitute(impl.self_ty, subst), ty)
        return subst

    def associated_call(self, e: ast.Call, path: ast.Path, r: PathResolution | None, expected) -> t.TExpr:
        found = self.associated(path, r)
        if found is None:
            return self.rest_of_call(e)
        if found.fn is None:
            self.error(msg.NOT_FUNCTION_ITEM(kind="associated constant", name="::".join(path.segments)), path.span,
                       msg.LABEL_NOT_FUNCTION)
            return self.rest_of_call(e)
        info = found.fn
        self.check_visible(info, path.name, path.span, "associated function")
        subst = self.fresh_subst(info)
        subst.update(found.subst)
        self.bind_turbofish(info, path.generic_args, subst, path.span)
        return self.call_fn(e, path, info, expected, subst=subst)

    def associated_value(self, path: ast.Path, r: PathResolution | None) -> t.TExpr:
        found = self.associated(path, r)
        if found is None:
            return t.UnitConst(path.span, ERROR)
        if found.fn is not None:
            name = "::".join(path.segments)
            self.error(msg.FUNCTION_VALUE(name=name), path.span, msg.LABEL_CALL_IT.format(name=name))
            return t.UnitConst(path.span, ERROR)
        const = found.const
        assert const is not None
        if found.trait is None:
            self.items.impls.assoc_const(const)
            if self.items.impls.const_failed(const):
                return t.UnitConst(path.span, ERROR)
            if const.folded:
                return self.constant_node(path.span, const.ty, const.value)
        ty = substitute(const.ty, found.subst)
        return self.new_node(t.AssocConstRef(path.span, ty, None if found.trait is not None else const,
                                             found.subst, found.trait.trait if found.trait is not None else None,
                                             const.name, found.subst.get("Self")))


def _params_left(ty: Type, params: list[str], bound: dict) -> bool:
    """Whether `ty` mentions a parameter in `params` that `bound` leaves unbound."""
    if isinstance(ty, (TypeParam, ConstParam)):
        return ty.name in params and ty.name not in bound
    if isinstance(ty, PointerType):
        return _params_left(ty.pointee, params, bound) or _params_left(ty.mem, params, bound)  # type: ignore[arg-type]
    if isinstance(ty, ArrayType):
        return _params_left(ty.elem, params, bound)
    if isinstance(ty, (StructType, EnumType)):
        return any(_params_left(a, params, bound) for a in ty.args)
    return False


def _has_assoc(ty: Type) -> bool:
    if isinstance(ty, AssocType):
        return True
    if isinstance(ty, PointerType):
        return _has_assoc(ty.pointee)
    if isinstance(ty, (StructType, EnumType)):
        return any(isinstance(a, Type) and _has_assoc(a) for a in ty.args)
    return False

