"""Traits and `impl` blocks: their items, the rules between them, and trait bounds.

* A trait is a `t.TraitDef`: its generic parameters after the implicit
  `Self` (with defaults, `Rhs = Self`), its supertraits, its methods (FnDefs
  whose type parameters start with `Self`; a default method has a body,
  checked once, generically), its associated consts and types.
* An `impl` block is a `t.ImplDef`: its self type and parameters, the trait
  it implements (if any), its bounds, and its items. Methods and associated
  functions are FnInfos in `Items.fns` like free functions; their generic
  parameters are the impl's followed by their own.
* The rules of Rust between them: a trait impl has exactly the trait's items
  (E0046 missing, E0407/E0438/E0437 extra), each method with the trait's
  signature (E0053, E0050, E0185/E0186, E0049) - memories included, so an
  impl cannot return a far pointer where the trait promises a near one; two
  impls of a trait may not overlap (E0119); an impl of a trait defined
  elsewhere must be for a type of this crate (E0117); inherent impls are for
  the crate's own structs (E0390, E0116, E0118) and their items are defined
  once per type (E0592); every impl parameter is fixed by the impl's header
  (E0207); the bounds of an impl and of the trait's supertraits must hold
  (E0277).

Bounds (`T: Shape`, `where T: Add<Output = T>`) are `t.Bound`s in the
`Generics` of the items they constrain, elaborated with supertraits
(`compiler.selection.elaborate`); `compiler.selection.Selector` decides
whether a type satisfies one.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import messages as msg
from ..selection import COPY, Selector, elaborate
from ..syntax import ast
from ..types import (
    ArrayType, AssocType, ConstParam, EnumType, ErrorType, FnType, PointerType, PRIMITIVES, StructType, Type, TypeParam,
    ERROR, UNIT, substitute, substitute_args,
)
from ..source import Span
from . import tree as t
from ..consteval import NotConstant, evaluate
from .items import FnInfo, Generics, Items
from .resolve import TYPE_NS, Binding, ModuleScope


@dataclass(eq=False)
class TraitInfo:
    decl: ast.TraitDecl
    module: ModuleScope
    trait: t.TraitDef
    vis: ModuleScope | None
    generics: Generics = field(default_factory=Generics)
    fns: dict[str, FnInfo] = field(default_factory=dict)
    #: the AST of each associated const (its default is checked with the bodies)
    const_decls: dict[str, ast.ConstDecl] = field(default_factory=dict)
    in_core: bool = False


@dataclass(eq=False)
class ImplInfo:
    decl: ast.ImplBlock
    module: ModuleScope
    impl_: t.ImplDef | None = None  # None: its header did not resolve (reported)
    generics: Generics = field(default_factory=Generics)
    fns: dict[str, FnInfo] = field(default_factory=dict)
    trait: TraitInfo | None = None
    #: the nominal type of its self type: a struct's key or a primitive's name
    head: str | None = None
    const_decls: dict[str, ast.ConstDecl] = field(default_factory=dict)
    in_core: bool = False


class ImplItems:
    """Every trait and impl of the program; built by `Items.collect`."""

    def __init__(self, items: Items) -> None:
        self.items = items
        self.sink = items.sink
        self.traits: dict[str, TraitInfo] = {}
        self.impls: list[ImplInfo] = []
        #: inherent impls by the nominal type of their self type
        self.inherent: dict[str, list[ImplInfo]] = {}
        self.selector = Selector({}, [])
        self._const_state: dict[int, str] = {}

    # ----- declaration (while the modules' items are defined)
    def declare_trait(self, module: ModuleScope, decl: ast.TraitDecl, vis: ModuleScope | None) -> None:
        key = module.key(decl.name)
        if not self.items.resolver.define(module, TYPE_NS, decl.name, Binding("trait", key, decl.name_span, vis,
                                                                               decl)):
            return
        self.traits[key] = TraitInfo(decl, module, t.TraitDef(key, span=decl.name_span), vis,
                                     in_core=module.crate.prefix == ("core",))

    def declare_impl(self, module: ModuleScope, decl: ast.ImplBlock) -> None:
        self.impls.append(ImplInfo(decl, module, in_core=module.crate.prefix == ("core",)))

    # ----- resolution (after imports and struct fields)
    def resolve(self) -> None:
        for info in self.traits.values():
            self._trait_header(info)
        for info in self.traits.values():
            self._trait_bounds(info)
        traits = {k: i.trait for k, i in self.traits.items()}
        for info in self.traits.values():
            info.generics = replace(info.generics, bounds=elaborate(list(info.generics.bounds), traits))
            self._trait_items(info)
        for info in self.impls:
            self._impl_header(info)
        impls = [i.impl_ for i in self.impls if i.impl_ is not None]
        self.selector = Selector(traits, impls, is_var=self.items.is_inference_var, struct_home=self.items.struct_home)
        for info in self.impls:
            if info.impl_ is not None:
                self._impl_items(info)
        self._coherence()

    # ----- traits
    def _trait_header(self, info: TraitInfo) -> None:
        decl, trait = info.decl, info.trait
        params = [g for g in decl.generics if g.kind != "lifetime"]
        trait.params = [g.name for g in params]
        trait.const_params = [g.name for g in params if g.is_const]
        scope = self.items.generic_scope(decl.generics, info.module)
        info.generics = Generics(("Self",) + scope.type_params, scope.const_params, info.module, TypeParam("Self"),
                                 lifetimes=scope.lifetimes, trait=t.TraitRef(trait.name, tuple(
                                     ConstParam(p) if p in trait.const_params else TypeParam(p) for p in trait.params)))
        for g in params:
            if g.default is not None and not g.is_const:
                default = self.items.type_arg(g.default, info.generics)
                if default is not None:
                    trait.defaults[g.name] = default

    def _trait_bounds(self, info: TraitInfo) -> None:
        """Supertraits, and the bounds its items can rely on (`Self: ThisTrait`)."""
        decl, trait, scope = info.decl, info.trait, info.generics
        self_ty = TypeParam("Self")
        bounds: list[t.Bound] = [t.Bound(self_ty, scope.trait)]  # type: ignore[arg-type]
        for bound in self.resolve_bounds(self_ty, decl.supertraits, scope):
            trait.supertraits.append(bound.trait)
            bounds.append(bound)
        bounds += self.param_bounds(decl.generics, decl.where, scope)
        info.generics = replace(scope, bounds=tuple(bounds))

    def _trait_items(self, info: TraitInfo) -> None:
        trait = info.trait
        seen: set[str] = set()
        for item in info.decl.items:
            if item.name in seen:
                self.sink.report(msg.DUPLICATE_IMPL_ITEM(name=item.name), item.name_span, msg.LABEL_REDEFINED.format(
                    name=item.name))
                continue
            seen.add(item.name)
            if isinstance(item, ast.FnDecl):
                _reject_const_fn(self.sink, item, "traits")
                fn_info = self.items.declare_associated_fn(item, info.generics, f"{trait.name}::{item.name}",
                                                           info.vis, info.module)
                fn_info.fn.trait = trait
                fn_info.fn.owner = trait
                fn_info.fn.is_library = info.in_core
                trait.methods[item.name] = fn_info.fn
                info.fns[item.name] = fn_info
            elif isinstance(item, ast.ConstDecl):
                ty = self.items.resolve_type(item.ty, info.generics)
                trait.consts[item.name] = t.AssocConst(item.name, ty, None, item.name_span)
                info.const_decls[item.name] = item
            elif isinstance(item, ast.TypeAlias):
                if item.generics:
                    self.sink.report(msg.GENERIC_ASSOC_TYPE(), item.generics[0].span)
                assert info.generics.trait is not None
                projection = AssocType(TypeParam("Self"), trait.name, info.generics.trait.args, item.name)
                trait.types[item.name] = [b.trait for b in self.resolve_bounds(projection, item.bounds,
                                                                               info.generics)]
                if item.ty is not None:
                    self.sink.report(msg.ASSOC_TYPE_DEFAULT(), item.ty.span)

    # ----- impls
    def _impl_header(self, info: ImplInfo) -> None:
        decl = info.decl
        scope = self.items.generic_scope(decl.generics, info.module)
        self_ty = self.items.resolve_type(decl.self_ty, scope)
        if isinstance(self_ty, ErrorType):
            return
        scope = replace(scope, self_type=self_ty)
        params = [g.name for g in decl.generics if g.kind != "lifetime"]
        impl = t.ImplDef("", self_ty, None, params, list(scope.const_params), span=_head_span(decl))
        info.head = nominal(self_ty)
        if decl.trait is not None:
            tref = self.trait_ref(decl.trait, self_ty, scope)
            if tref is None:
                return
            trait_ref, bindings = tref
            if bindings:
                self.sink.report(msg.BINDING_IN_IMPL(), decl.trait.span)
            info.trait = self.traits[trait_ref.trait]
            impl.trait = trait_ref
            impl.name = f"<{self_ty} as {trait_ref}>"
            self._unsafety(info)
        else:
            impl.name = str(self_ty)
            if not self._inherent_allowed(info, self_ty):
                return
            self.inherent.setdefault(info.head, []).append(info)  # type: ignore[arg-type]
        # `impl<F: Fn(u32)> W<F>`: an inherent impl's closure-trait bounds hold for its methods (its
        # method calls require them); a trait impl's would need impl selection to know them (E0601)
        fn_bounds: list[t.FnBound] | None = [] if impl.trait is None else None
        bounds = self.param_bounds(decl.generics, decl.where, scope, fn_bounds)
        impl.bounds = bounds
        traits = {k: i.trait for k, i in self.traits.items()}
        info.generics = replace(scope, bounds=elaborate(bounds, traits), impl_=impl, trait=impl.trait,
                                fn_bounds=tuple(fn_bounds or ()))
        info.impl_ = impl
        self._unconstrained_params(info)

    def _inherent_allowed(self, info: ImplInfo, self_ty: Type) -> bool:
        span = _head_span(info.decl)
        if info.head is None:
            self.sink.report(msg.INHERENT_IMPL_TYPE(ty=self_ty), info.decl.self_ty.span).with_note(
                msg.NOTE_INHERENT_IMPL_TYPES)
            return False
        if info.in_core:
            return True
        if info.head in PRIMITIVES:
            self.sink.report(msg.PRIMITIVE_INHERENT_IMPL(), span).with_help(msg.HELP_PRIMITIVE_INHERENT_IMPL)
            return False
        return True  # (core defines no struct yet: an impl for one would be rustc's E0116)

    def _unsafety(self, info: ImplInfo) -> None:
        assert info.trait is not None
        trait_unsafe, impl_unsafe = info.trait.decl.is_unsafe, info.decl.is_unsafe
        name = info.trait.trait.name
        if trait_unsafe and not impl_unsafe:
            self.sink.report(msg.UNSAFE_TRAIT_SAFE_IMPL(trait=name), _head_span(info.decl))
        elif impl_unsafe and not trait_unsafe:
            self.sink.report(msg.SAFE_TRAIT_UNSAFE_IMPL(trait=name), _head_span(info.decl))

    def _unconstrained_params(self, info: ImplInfo) -> None:
        """Every parameter of an impl must appear in its self type or trait
        arguments: nothing else could fix it at a call (E0207)."""
        impl = info.impl_
        assert impl is not None
        mentioned = _params_in(impl.self_ty) | (set().union(*(_params_in(a) for a in impl.trait.args))
                                               if impl.trait is not None else set())
        for g in info.decl.generics:
            if g.kind != "lifetime" and g.name not in mentioned:
                kind = "const" if g.is_const else "type"
                self.sink.report(msg.UNCONSTRAINED_IMPL_PARAM(kind=kind, name=g.name), g.span,
                                 msg.LABEL_UNCONSTRAINED)
                impl.params = []  # (so that selection never leaves it unbound)

    def _impl_items(self, info: ImplInfo) -> None:
        impl = info.impl_
        assert impl is not None
        seen: set[str] = set()
        trait = info.trait
        for item in info.decl.items:
            if item.name in seen:
                self.sink.report(msg.DUPLICATE_IMPL_ITEM(name=item.name), item.name_span, msg.LABEL_REDEFINED.format(
                    name=item.name))
                continue
            seen.add(item.name)
            if isinstance(item, ast.FnDecl):
                vis = self.items.resolver.visibility(item.vis, info.module) if trait is None else (
                    trait.vis if trait is not None else None)
                if trait is not None and item.vis is not None:
                    self.sink.report(msg.VIS_IN_TRAIT_IMPL(), item.vis.span)
                if trait is not None:
                    _reject_const_fn(self.sink, item, "trait impls")
                fn_info = self.items.declare_associated_fn(item, info.generics, f"{impl.name}::{item.name}", vis,
                                                           info.module)
                fn_info.fn.is_library = info.in_core
                fn_info.fn.owner = impl
                if trait is not None and item.name not in trait.trait.methods:
                    self.sink.report(msg.NOT_A_TRAIT_METHOD(name=item.name, trait=trait.trait.name), item.name_span,
                                     msg.LABEL_NOT_A_MEMBER.format(trait=trait.trait.name))
                impl.methods[item.name] = fn_info.fn
                info.fns[item.name] = fn_info
            elif isinstance(item, ast.ConstDecl):
                ty = self.items.resolve_type(item.ty, info.generics)
                if trait is not None and item.name not in trait.trait.consts:
                    self.sink.report(msg.NOT_A_TRAIT_CONST(name=item.name, trait=trait.trait.name), item.name_span,
                                     msg.LABEL_NOT_A_MEMBER.format(trait=trait.trait.name))
                if item.value is None:
                    self.sink.report(msg.ASSOC_CONST_WITHOUT_VALUE(name=item.name), item.span)
                impl.consts[item.name] = t.AssocConst(item.name, ty, None, item.name_span)
                info.const_decls[item.name] = item
            elif isinstance(item, ast.TypeAlias):
                if trait is None:
                    self.sink.report(msg.INHERENT_ASSOC_TYPE(), item.name_span)
                    continue
                if item.name not in trait.trait.types:
                    self.sink.report(msg.NOT_A_TRAIT_TYPE(name=item.name, trait=trait.trait.name), item.name_span,
                                     msg.LABEL_NOT_A_MEMBER.format(trait=trait.trait.name))
                if item.ty is not None:
                    impl.types[item.name] = self.items.resolve_type(item.ty, info.generics)
        if trait is not None:
            self._missing_items(info)

    def _missing_items(self, info: ImplInfo) -> None:
        impl, trait = info.impl_, info.trait
        assert impl is not None and trait is not None
        missing = [name for name, fn in trait.trait.methods.items()
                   if name not in impl.methods and fn.body is None and not trait.fns[name].decl.body]
        missing += [name for name, c in trait.trait.consts.items()
                    if name not in impl.consts and trait.const_decls[name].value is None]
        missing += [name for name in trait.trait.types if name not in impl.types]
        if missing:
            names = ", ".join(f"`{n}`" for n in missing)
            self.sink.report(msg.MISSING_TRAIT_ITEMS(names=names), _head_span(info.decl),
                             msg.LABEL_MISSING_ITEMS.format(names=names, trait=trait.trait.name))

    # ----- rules checked once every signature is known (Items.collect calls this)
    def check_signatures(self) -> None:
        for info in self.impls:
            if info.impl_ is None or info.trait is None:
                continue
            for name, fn_info in info.fns.items():
                declared = info.trait.fns.get(name)
                if declared is not None:
                    self._compare_method(info, fn_info, declared)
            self._trait_bounds_hold(info)
            if info.trait.trait.name == COPY:
                self._copy_fields(info)

    def _compare_method(self, info: ImplInfo, impl_fn: FnInfo, trait_fn: FnInfo) -> None:
        """The impl's method must have the trait's signature, with `Self` and the
        trait's parameters replaced by the impl's (memories included: E0053)."""
        impl, trait = info.impl_, info.trait
        assert impl is not None and trait is not None and impl.trait is not None
        name, trait_name = impl_fn.decl.name, trait.trait.name
        i_recv, t_recv = impl_fn.decl.receiver, trait_fn.decl.receiver
        if (i_recv is None) != (t_recv is None):
            if t_recv is not None:
                self.sink.report(msg.RECEIVER_IN_TRAIT_ONLY(name=name, trait=trait_name), impl_fn.decl.name_span)
            else:
                self.sink.report(msg.RECEIVER_IN_IMPL_ONLY(name=name, trait=trait_name), impl_fn.decl.name_span)
            return
        if len(impl_fn.decl.params) != len(trait_fn.decl.params):
            self.sink.report(msg.METHOD_PARAM_COUNT(
                name=name, trait=trait_name, found=msg.count(len(impl_fn.decl.params), "parameter"),
                expected=msg.count(len(trait_fn.decl.params), "parameter")), impl_fn.decl.name_span)
            return
        if (len(impl_fn.own_type_params), len(impl_fn.own_const_params)) != (
                len(trait_fn.own_type_params), len(trait_fn.own_const_params)):
            self.sink.report(msg.METHOD_GENERIC_COUNT(
                name=name, trait=trait_name,
                found=len(impl_fn.own_type_params) + len(impl_fn.own_const_params),
                expected=len(trait_fn.own_type_params) + len(trait_fn.own_const_params)), impl_fn.decl.name_span)
            return
        subst: dict[str, object] = {"Self": impl.self_ty, **dict(zip(trait.trait.params, impl.trait.args))}
        subst.update({p: TypeParam(q) for p, q in zip(trait_fn.own_type_params, impl_fn.own_type_params)})
        subst.update({p: ConstParam(q) for p, q in zip(trait_fn.own_const_params, impl_fn.own_const_params)})
        env = info.generics.bounds
        pairs = list(zip([p.ty for p in trait_fn.fn.params], [p.ty for p in impl_fn.fn.params],
                         [p.span for p in impl_fn.fn.params]))
        pairs.append((trait_fn.fn.ret, impl_fn.fn.ret, impl_fn.decl.ret.span if impl_fn.decl.ret else
                      impl_fn.decl.name_span))
        home = self.items.home_of(impl.self_ty)
        for declared, written, span in pairs:
            expected = self.selector.normalize(substitute(declared, subst), env)
            if home is not None:  # design 3: the trait's `&self` of a type with a home points there
                expected = _rehome(expected, impl.self_ty, home)
            found = self.selector.normalize(written, env)
            if not _same_type(expected, found):
                d = self.sink.report(msg.INCOMPATIBLE_METHOD(name=name, trait=trait_name), span,
                                     msg.LABEL_EXPECTED_FOUND.format(expected=expected, found=found))
                if _differs_in_memory(expected, found):
                    d.with_note(msg.NOTE_TRAIT_METHOD_MEMORY)
                if trait_fn.fn.span is not None:
                    d.with_label(trait_fn.fn.span, msg.LABEL_TRAIT_DECLARATION)
                return

    def _trait_bounds_hold(self, info: ImplInfo) -> None:
        """An impl of a trait needs the trait's supertraits (and the bounds of its
        associated types) for its self type (E0277)."""
        impl, trait = info.impl_, info.trait
        assert impl is not None and trait is not None and impl.trait is not None
        subst = {"Self": impl.self_ty, **dict(zip(trait.trait.params, impl.trait.args))}
        env = info.generics.bounds
        for sup in trait.trait.supertraits:
            needed = t.TraitRef(sup.trait, substitute_args(sup.args, subst))
            if not self.selector.holds(impl.self_ty, needed, env):
                self.report_unsatisfied(impl.self_ty, needed, _head_span(info.decl),
                                        msg.NOTE_REQUIRED_BY_SUPERTRAIT.format(trait=trait.trait.name))
        for name, bounds in trait.trait.types.items():
            value = impl.types.get(name)
            if value is None:
                continue
            for b in bounds:
                needed = t.TraitRef(b.trait, substitute_args(b.args, subst))
                if not self.selector.holds(value, needed, env):
                    self.report_unsatisfied(value, needed, _head_span(info.decl),
                                            msg.NOTE_REQUIRED_BY_ASSOC_TYPE.format(name=name, trait=trait.trait.name))

    def _copy_fields(self, info: ImplInfo) -> None:
        """`Copy` is for types whose every field is Copy (E0204)."""
        impl = info.impl_
        assert impl is not None
        ty = impl.self_ty
        if isinstance(ty, EnumType):  # every variant's fields
            enum = self.items.enums[ty.name]
            fields = [(f"{enum.variants[i].name}.{name}", fty) for i in range(len(enum.variants))
                      for (name, _), fty in zip(enum.variants[i].fields, enum.variant_types(ty.args, i))]
        elif isinstance(ty, StructType):
            struct = self.items.structs[ty.name]
            fields = [(name, fty) for (name, _), fty in zip(struct.fields, struct.field_types(ty))]
        else:
            return
        for field_name, fty in fields:
            if not self.selector.holds(fty, t.TraitRef(COPY), info.generics.bounds):
                self.sink.report(msg.COPY_WITH_NON_COPY_FIELD(ty=ty), _head_span(info.decl),
                                 msg.LABEL_COPY_NOT_ALLOWED).with_note(msg.NOTE_NON_COPY_FIELD.format(
                                     field=field_name, ty=fty))
                return

    def report_unsatisfied(self, ty: Type, tref: t.TraitRef, span, note: str | None = None):
        d = self.sink.report(msg.UNSATISFIED_BOUND(ty=ty, trait=tref), span, msg.LABEL_NOT_IMPLEMENTED.format(
            trait=tref, ty=ty))
        if note is not None:
            d.with_note(note)
        return d

    def _coherence(self) -> None:
        """No two impls of one trait apply to one type (E0119); an impl of a
        trait of `core` is for a type of this crate (E0117)."""
        by_trait: dict[str, list[ImplInfo]] = {}
        for info in self.impls:
            if info.impl_ is not None and info.impl_.trait is not None:
                by_trait.setdefault(info.impl_.trait.trait, []).append(info)
        for trait_key, infos in by_trait.items():
            for i, info in enumerate(infos):
                impl = info.impl_
                assert impl is not None and impl.trait is not None
                if not info.in_core and trait_key.startswith("core::") and not _local_type(impl.self_ty):
                    self.sink.report(msg.ORPHAN_IMPL(), _head_span(info.decl), msg.LABEL_ORPHAN.format(
                        ty=impl.self_ty)).with_note(msg.NOTE_ORPHAN)
                    continue
                builtin = self.selector.builtin_impl(impl.self_ty, impl.trait, (), 0) if not _has_params(
                    impl.self_ty) else None
                for earlier in infos[:i]:
                    if earlier.impl_ is not None and _overlap(earlier.impl_, impl):
                        self._conflict(info, earlier.decl)
                        break
                else:
                    if builtin is not None:
                        self._conflict(info, None)
        for head, infos in self.inherent.items():
            names: dict[str, ImplInfo] = {}
            for info in infos:
                for item in info.decl.items:
                    other = names.get(item.name)
                    if other is not None and other is not info and other.impl_ is not None and \
                            info.impl_ is not None and _overlap(other.impl_, info.impl_):
                        self.sink.report(msg.DUPLICATE_ASSOC(name=item.name), item.name_span,
                                         msg.LABEL_DUPLICATE_ASSOC.format(name=item.name))
                    names.setdefault(item.name, info)

    def _conflict(self, info: ImplInfo, earlier: ast.ImplBlock | None) -> None:
        impl = info.impl_
        assert impl is not None and impl.trait is not None
        d = self.sink.report(msg.CONFLICTING_IMPLS(trait=impl.trait, ty=impl.self_ty), _head_span(info.decl),
                             msg.LABEL_CONFLICTING_IMPL.format(ty=impl.self_ty))
        if earlier is not None:
            d.with_label(_head_span(earlier), msg.LABEL_FIRST_IMPL)
        else:
            d.with_note(msg.NOTE_BUILTIN_IMPL.format(trait=impl.trait, ty=impl.self_ty))

    # ----- associated consts
    def check_assoc_consts(self) -> None:
        """Check every associated const's initializer (in its impl's or trait's
        scope) and fold the ones nothing generic is in."""
        for impl_info in self.impls:
            if impl_info.impl_ is not None:
                for name in impl_info.const_decls:
                    self.assoc_const(impl_info.impl_.consts[name])
        for trait_info in self.traits.values():
            for name, decl in trait_info.const_decls.items():
                if decl.value is not None:
                    self.assoc_const(trait_info.trait.consts[name])

    def assoc_const(self, const: t.AssocConst) -> t.AssocConst:
        """`const` with its initializer checked (on first use: consts may use each other)."""
        if const.init is not None or id(const) in self._const_state:
            if self._const_state.get(id(const)) == "busy":
                self.sink.report(msg.CONST_CYCLE(name=const.name), const.span)
                self._const_state[id(const)] = "failed"
            return const
        decl, scope, generic = self._const_owner(const)
        if decl is None or decl.value is None:
            return const
        self._const_state[id(const)] = "busy"
        errors = len(self.sink.errors)
        typed = self.items.check_const_expr(decl.value, const.ty, scope)
        if len(self.sink.errors) > errors:
            self._const_state[id(const)] = "failed"
            return const
        const.init = typed
        self._const_state[id(const)] = "done"
        if not generic:
            try:
                const.value = evaluate(typed, self.items.const_fn_body)
                const.folded = True
            except NotConstant as e:
                e.report(self.sink, msg.CONST_NOT_CONSTANT, msg.CONST_EVAL_FAILED, decl.value.span, name=const.name)
                self._const_state[id(const)] = "failed"
        return const

    def const_failed(self, const: t.AssocConst) -> bool:
        """Whether `const` has no value because of an error reported (its uses say nothing more)."""
        return self._const_state.get(id(const)) == "failed"

    def _const_owner(self, const: t.AssocConst) -> tuple[ast.ConstDecl | None, Generics, bool]:
        for impl_info in self.impls:
            if impl_info.impl_ is not None and impl_info.impl_.consts.get(const.name) is const:
                generic = bool(impl_info.impl_.params)
                return impl_info.const_decls[const.name], impl_info.generics, generic
        for trait_info in self.traits.values():
            if trait_info.trait.consts.get(const.name) is const:
                return trait_info.const_decls[const.name], trait_info.generics, True
        return None, Generics(), True

    # ----- bounds
    def param_bounds(self, params: tuple[ast.GenericParam, ...], where: tuple[ast.WherePredicate, ...],
                     scope: Generics, fn_bounds: list[t.FnBound] | None = None) -> list[t.Bound]:
        """The bounds of generic parameters (`T: Shape`) and `where` predicates;
        with `fn_bounds` (a function's), its closure-trait bounds go there."""
        bounds: list[t.Bound] = []
        for g in params:
            if g.kind == "type" and g.bounds:
                bounds += self.resolve_bounds(TypeParam(g.name), g.bounds, scope, fn_bounds)
        for pred in where:
            if isinstance(pred.bounded, ast.Lifetime):
                continue
            bounded = self.items.resolve_type(pred.bounded, scope)
            if not isinstance(bounded, ErrorType):
                bounds += self.resolve_bounds(bounded, pred.bounds, scope, fn_bounds)
        return bounds

    def resolve_bounds(self, ty: Type, bounds: tuple, scope: Generics,
                       fn_bounds: list[t.FnBound] | None = None) -> list[t.Bound]:
        out = []
        for b in bounds:
            if isinstance(b, ast.Lifetime):
                self.items.check_lifetime(b, scope)
                continue
            if b.maybe:  # `?Sized`: every farc type is sized
                continue
            if fn_bounds is not None and b.trait.paren_args is not None and b.trait.name in t.FN_TRAITS:
                fn_bounds.append(self.fn_bound(ty, b.trait, scope))
                continue
            found = self.trait_ref(b.trait, ty, scope)
            if found is not None:
                tref, bindings = found
                out.append(t.Bound(ty, tref, bindings))
        return out

    def fn_bound(self, ty: Type, texpr: ast.PathType, scope: Generics) -> t.FnBound:
        """`ty: Fn(A, B) -> R`: the bound with its signature `fn(A, B) -> R`."""
        paren = texpr.paren_args
        assert paren is not None
        params = tuple(self.items.resolve_type(p, scope) for p in paren.inputs)
        ret = self.items.resolve_type(paren.output, scope) if paren.output is not None else UNIT
        return t.FnBound(ty, texpr.name, FnType(params, ret), texpr.span)

    def trait_ref(self, texpr: ast.PathType, self_ty: Type, scope: Generics) -> tuple[t.TraitRef, tuple] | None:
        """The trait a bound or impl header names, with its arguments (defaults
        filled in, `Self` as `self_ty`) and its `Name = T` bindings."""
        if texpr.paren_args is not None:  # `Fn(u32) -> u32`: closures are slices's; not checked yet
            from . import unsupported
            unsupported.report(self.sink, unsupported.FN_TRAIT_SUGAR, texpr.span)
            return None
        r = self.items.lookup(texpr.segments, TYPE_NS, scope, texpr.span)
        if r is None:
            return None
        b = r.binding
        if b is None or r.type_prefix:
            self.sink.report(msg.UNKNOWN_TRAIT(name="::".join(texpr.segments)), texpr.span, msg.LABEL_NOT_IN_SCOPE)
            return None
        if b.kind == "unchecked":
            return None
        if b.kind != "trait":
            self.sink.report(msg.NOT_A_TRAIT(kind=b.word, name="::".join(texpr.segments)), texpr.span,
                             msg.LABEL_NOT_A_TRAIT)
            return None
        trait = self.traits[b.key].trait
        written = [a for a in texpr.generic_args if not isinstance(a, (ast.AssocBinding, ast.Lifetime))]
        bindings = [a for a in texpr.generic_args if isinstance(a, ast.AssocBinding)]
        needed = [p for p in trait.params if p not in trait.defaults]
        if not (len(needed) <= len(written) <= len(trait.params)):
            self.sink.report(msg.WRONG_TYPE_GENERIC_COUNT(kind="trait", name=trait.name, expected=msg.count(
                len(trait.params), "generic argument"), supplied=msg.were(len(written))), texpr.span)
            return None
        args: list[object] = []
        for param, arg in zip(trait.params, written):
            if param in trait.const_params:
                value = self.items.const_arg(arg, scope)
                args.append(0 if value is None else value)
            else:
                ty = self.items.type_arg(arg, scope)
                args.append(ERROR if ty is None else ty)
        for param in trait.params[len(written):]:
            args.append(substitute(trait.defaults[param], {"Self": self_ty, **dict(zip(trait.params, args))}))
        resolved = []
        for binding in bindings:
            if binding.name not in trait.types:
                self.sink.report(msg.UNKNOWN_ASSOC_TYPE(name=binding.name, trait=trait.name), binding.span)
                continue
            resolved.append((binding.name, self.items.resolve_type(binding.ty, scope)))
        return t.TraitRef(trait.name, tuple(args)), tuple(resolved)

    def assoc_type_path(self, base: Type, rest: tuple[str, ...], generics: Generics, span) -> Type:
        """`Self::Name`, `T::Name`, `Circle::Name`: the associated type `Name`
        of a trait that `base` implements (by a bound in scope, or an impl)."""
        if len(rest) != 1:
            self.sink.report(msg.AMBIGUOUS_ASSOC_TYPE(), span)
            return ERROR
        name = rest[0]
        impl = generics.impl_
        if impl is not None and base == generics.self_type and name in impl.types:
            return impl.types[name]
        for bound in generics.bounds:
            trait = self.traits.get(bound.trait.trait)
            if trait is not None and name in trait.trait.types and self.selector.same(bound.ty, base):
                found = bound.binding(name)
                if found is not None:
                    return found
                if impl is not None and impl.trait == bound.trait and base == generics.self_type and \
                        bound.ty == generics.self_type:
                    break  # the impl does not define it (reported as missing)
                return AssocType(base, bound.trait.trait, bound.trait.args, name)
        for info in self.traits.values():
            if name in info.trait.types and not info.trait.params:
                found_type = self.selector.assoc_type(base, t.TraitRef(info.trait.name), name, generics.bounds)
                if found_type is not None:
                    return found_type
        self.sink.report(msg.UNKNOWN_ASSOC_TYPE_FOR(name=name, ty=base), span, msg.LABEL_ASSOC_TYPE_NOT_FOUND)
        return ERROR

    # ----- what bodies look up
    def inherent_items(self, head: str, name: str) -> list[tuple[ImplInfo, object]]:
        """The associated items named `name` of the inherent impls of the nominal type `head`."""
        found = []
        for info in self.inherent.get(head, ()):
            if info.impl_ is None:
                continue
            if name in info.fns:
                found.append((info, info.fns[name]))
            elif name in info.impl_.consts:
                found.append((info, info.impl_.consts[name]))
        return found

    nominal = staticmethod(lambda ty: nominal(ty))

    def traits_in_scope(self, module: ModuleScope) -> list[TraitInfo]:
        """The traits whose methods a method call in `module` may use: the ones
        it can name with one segment (defined, imported, or in the prelude)."""
        keys: set[str] = set()
        resolver = self.items.resolver
        for scope in (module, resolver.prelude):
            if scope is None:
                continue
            keys.update(b.key for b in scope.types.values() if b.kind == "trait")
            for glob in scope.globs:
                keys.update(b.key for b in glob.target.types.values()
                            if b.kind == "trait" and b.visible_from(module))
        return [self.traits[k] for k in keys if k in self.traits]


def _head_span(decl: ast.ImplBlock):
    return decl.span.file.span(decl.span.start, decl.self_ty.span.end)


def nominal(ty: Type) -> str | None:
    """The name inherent impls of `ty` are filed under: a struct's or enum's key or a primitive's name."""
    if isinstance(ty, (StructType, EnumType)):
        return ty.name
    for name, prim in PRIMITIVES.items():
        if prim == ty:
            return name
    return None


def _local_type(ty: Type) -> bool:
    """Whether `ty` is a type of the user's crate (for the orphan rule)."""
    return isinstance(ty, (StructType, EnumType)) and not ty.name.startswith("core::")


def _has_params(ty: Type) -> bool:
    return bool(_params_in(ty))


def _params_in(ty: object) -> set[str]:
    if isinstance(ty, (TypeParam, ConstParam)):
        return {ty.name}
    if isinstance(ty, PointerType):
        return _params_in(ty.pointee) | _params_in(ty.mem)
    if isinstance(ty, ArrayType):
        return _params_in(ty.elem) | _params_in(ty.length)
    if isinstance(ty, (StructType, EnumType)):
        return set().union(*(_params_in(a) for a in ty.args)) if ty.args else set()
    return set()


def _overlap(a: t.ImplDef, b: t.ImplDef) -> bool:
    """Whether some type could be used by both impls (their headers unify;
    their bounds are not consulted, as rustc does not either)."""
    if (a.trait is None) != (b.trait is None):
        return False
    pa = {f"a.{p}" for p in a.params}
    ren_a = {p: (ConstParam(f"a.{p}") if p in a.const_params else TypeParam(f"a.{p}")) for p in a.params}
    ren_b = {p: (ConstParam(f"b.{p}") if p in b.const_params else TypeParam(f"b.{p}")) for p in b.params}
    pairs = [(substitute(a.self_ty, ren_a), substitute(b.self_ty, ren_b))]
    if a.trait is not None and b.trait is not None:
        pairs += list(zip(substitute_args(a.trait.args, ren_a), substitute_args(b.trait.args, ren_b)))
    bindings: dict = {}
    params = pa | {f"b.{p}" for p in b.params}
    return all(_unifiable(x, y, params, bindings) for x, y in pairs)


def _unifiable(x: object, y: object, params: set[str], bindings: dict) -> bool:
    while isinstance(x, (TypeParam, ConstParam)) and x.name in bindings:
        x = bindings[x.name]
    while isinstance(y, (TypeParam, ConstParam)) and y.name in bindings:
        y = bindings[y.name]
    if isinstance(x, (TypeParam, ConstParam)) and x.name in params:
        if x != y:
            bindings[x.name] = y
        return True
    if isinstance(y, (TypeParam, ConstParam)) and y.name in params:
        bindings[y.name] = x
        return True
    if isinstance(x, PointerType) and isinstance(y, PointerType):
        return x.mutable == y.mutable and x.is_ref == y.is_ref and _unifiable(x.mem, y.mem, params, bindings) \
            and _unifiable(x.pointee, y.pointee, params, bindings)
    if isinstance(x, ArrayType) and isinstance(y, ArrayType):
        return _unifiable(x.length, y.length, params, bindings) and _unifiable(x.elem, y.elem, params, bindings)
    if isinstance(x, (StructType, EnumType)) and type(x) is type(y):
        return x.name == y.name and len(x.args) == len(y.args) and all(
            _unifiable(a, b, params, bindings) for a, b in zip(x.args, y.args))
    return x == y


def _rehome(ty: Type, self_ty: Type, home: object) -> Type:
    """`ty` with its pointers to `self_ty` into memory 0 pointing into `home`
    instead: in a trait, `&Self` is into memory 0 for every `Self` without a
    home; for a type that lives in memory `home` (design 3) it is into `home`."""
    if isinstance(ty, PointerType):
        mem = home if ty.pointee == self_ty and ty.mem == 0 else ty.mem
        return PointerType(_rehome(ty.pointee, self_ty, home), ty.mutable, mem, ty.is_ref)  # type: ignore[arg-type]
    if isinstance(ty, ArrayType):
        return ArrayType(_rehome(ty.elem, self_ty, home), ty.length)
    return ty


def _same_type(a: Type, b: Type) -> bool:
    return isinstance(a, ErrorType) or isinstance(b, ErrorType) or a == b


def _differs_in_memory(a: Type, b: Type) -> bool:
    """Whether two types differ only in the memory of a pointer in them."""
    def strip(ty):
        if isinstance(ty, PointerType):
            return PointerType(strip(ty.pointee), ty.mutable, 0, ty.is_ref)
        if isinstance(ty, ArrayType):
            return ArrayType(strip(ty.elem), ty.length)
        return ty
    return a != b and strip(a) == strip(b)


def _reject_const_fn(sink, decl: ast.FnDecl, where: str) -> None:
    """E0379: a `const fn` in a trait or trait impl (Rust's trait methods are not `const`)."""
    if not decl.is_const:
        return
    text = decl.span.file.text
    start = text.find("const", decl.span.start, decl.name_span.start)
    span = Span(decl.span.file, start, start + len("const")) if start >= 0 else decl.name_span
    sink.report(msg.CONST_FN_IN_TRAIT(where=where), span, msg.LABEL_CONST_FN_IN_TRAIT.format(where=where)).with_help(
        msg.HELP_REMOVE_CONST)
