"""Item collection: the crates' modules and items (through `resolve.Resolver`),
struct layouts, function signatures, constants and statics. Function bodies
are checked by `body.BodyChecker`, which asks this module to resolve types
and names.

Every item is known by its key (`resolve.py`: its path from the crate root,
`shapes::Circle`, `core::ops::Add`, bare for the root module's items); the
tables below are keyed by it, and the module an item is written in is the
scope its types and body are resolved in (`Generics.module`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..memory import ADDRSPACE_BASE, MAX_MEMORY_INDEX, MemoryMap
from ..syntax import ast
from ..syntax.modules import CrateFiles
from ..types import (
    ArrayType, ConstParam, ErrorType, FnType, IntType, MemIndex, PointerType, PRIMITIVES, StructType, TupleType,
    SliceType, Type, TypeParam, ERROR, NEVER, UNIT, USIZE, home_of, is_aggregate,
)
from . import aliases, enums
from . import tree as t
from . import unsupported
from ..selection import IN_MEMORY, elaborate
from ..consteval import AfterErrors, NotConstant, evaluate
from .derive import DERIVES, derive_names, derived_impl
from .infer import MemVar, TyVar
from .linkage import aggregate_kind
from .memories import check_module_file_attrs
from .suggest import suggest_similar
from .resolve import TYPE_NS, VALUE_NS, Binding, ModuleScope, PathResolution, ResolveError, Resolver


@dataclass(frozen=True)
class Generics:
    """The names in scope while resolving a signature or body: the generic
    parameters, the module it is written in (None: the crate root), what
    `Self` is (an impl's self type; `TypeParam("Self")` in a trait), the trait
    bounds in scope (`where` clauses and parameter bounds with their
    supertraits), and the impl or trait the item belongs to."""

    type_params: tuple[str, ...] = ()
    const_params: tuple[str, ...] = ()
    module: ModuleScope | None = None
    self_type: Type | None = None
    bounds: tuple[t.Bound, ...] = ()
    impl_: "t.ImplDef | None" = None
    trait: "t.TraitRef | None" = None
    lifetimes: tuple[str, ...] = ()
    #: the declared type of each const parameter (`usize` or `u32`; `usize` when not given)
    const_types: tuple[Type, ...] = ()
    #: the closure-trait bounds (`F: Fn(u32) -> u32`) of a function's parameters (fnptrs.py)
    fn_bounds: tuple[t.FnBound, ...] = ()

    def const_type(self, name: str) -> Type:
        """The type of const parameter `name` where the body uses its value."""
        i = self.const_params.index(name)
        return self.const_types[i] if i < len(self.const_types) else USIZE


NO_GENERICS = Generics()
TYPE_PLACEHOLDER = TypeParam("_")  # (the bounded type of an `impl Fn(..)` bound before it is named)


@dataclass
class ConstItem:
    """A `const` item; `value` is filled in lazily (consts may refer to later ones)."""

    decl: ast.ConstDecl
    ty: Type | None = None
    value: t.ConstVal = None
    state: str = "todo"  # todo | busy | done | failed
    scope: Generics = NO_GENERICS


@dataclass
class FnInfo:
    """What a call site needs to know about a function besides its FnDef."""

    fn: t.FnDef
    decl: ast.FnDecl
    is_unsafe: bool
    generics: Generics = field(default_factory=Generics)
    #: the signature uses a construct that is not checked yet (reported): the body is not checked
    unchecked: bool = False
    #: for an associated function: its generic parameters of its own (after the impl's or trait's)
    own_type_params: tuple[str, ...] = ()
    own_const_params: tuple[str, ...] = ()
    #: the module within which it is visible (None: everywhere)
    vis: ModuleScope | None = None
    #: id(an `impl Fn(..)` parameter type) -> the anonymous type parameter it is (`_impl_fn_params`)
    impl_params: dict[int, TypeParam] = field(default_factory=dict)
    signature_resolved: bool = False


class Items:
    """The crates' items, collected once per program before any body is checked."""

    def __init__(self, module: ast.Module, memories: MemoryMap, sink: DiagnosticSink,
                 files: CrateFiles | None = None, core: CrateFiles | None = None) -> None:
        self.module = module
        self.files = files or CrateFiles(module)
        self.core = core
        self.memories = memories
        self.sink = sink
        self.resolver = Resolver(sink)
        self.structs: dict[str, t.StructDef] = {}
        self.struct_decls: dict[str, ast.StructDecl] = {}
        self.fns: dict[str, FnInfo] = {}
        #: the closures of every body, as functions of their own (`fnptrs.expr_Closure`)
        self.closures: list[t.FnDef] = []
        #: the functions every checked body (or const initializer) calls or names, in order
        self.named_fns: list[t.FnDef] = []
        self.consts: dict[str, ConstItem] = {}
        self.statics: dict[str, t.StaticDef] = {}
        self.static_decls: dict[str, ast.StaticDecl] = {}
        self.enums: dict[str, t.EnumDef] = {}
        self.enum_decls: dict[str, ast.EnumDecl] = {}
        #: type aliases (aliases.py): their declarations and modules, and the types they stand for
        self.alias_decls: dict[str, tuple[ast.TypeAlias, ModuleScope]] = {}
        self.alias_types: dict[str, Type] = {}
        self.aliases_expanding: set[str] = set()
        #: per enum, the positions of its const parameters used as memories (enums.memory_params)
        self.enum_memory_params: dict[str, set[int]] = {}
        #: the scope (module) each struct, enum and static is resolved in, by key
        self.scopes: dict[str, Generics] = {}
        #: per struct, the module within which each field is visible (None: everywhere)
        self.field_vis: dict[str, list[ModuleScope | None]] = {}
        #: per generic struct, the bounds on its parameters (`struct Buf<T: Copy>`)
        self.struct_bounds: dict[str, list[t.Bound]] = {}
        #: traits and impl blocks (`impls.ImplItems`, set by the checker before `collect`)
        self.impls = None  # type: ignore[assignment]
        #: keys of items that are not checked yet (reported where declared): uses resolve to the error type
        self.unchecked_names: set[str] = set()
        # set by the checker: evaluates a const initializer in its own scope
        self.check_const_expr = None
        # set by the checker: checks a function's body (a `const fn`'s, on its first evaluation)
        self.check_body = None
        self._bodies_in_progress: set[int] = set()
        #: id(FnDef) of every function whose body checking reported an error
        self.bodies_with_errors: set[int] = set()
        self._statics_in_progress: set[str] = set()
        self.root: ModuleScope = None  # type: ignore[assignment]  (the user crate's root, set by collect)

    # ----- collection -----
    def collect(self) -> None:
        modules: list[tuple[ModuleScope, tuple[ast.Item, ...]]] = []
        if self.core is not None:
            core = self.resolver.new_crate("core", ("core",), None)
            self._module_tree(core.root, self.core.root.items, self.core, modules)
        crate = self.resolver.new_crate("crate", (), self.module.span)
        self.root = crate.root
        self._module_tree(crate.root, self.module.items, self.files, modules)
        self.resolver.settle_module_visibility()
        for module, items in modules:
            self._declare_items(module, items)
        if self.core is not None:
            prelude = self.resolver.crates["core"].root.types.get("prelude")
            self.resolver.prelude = prelude.module if prelude is not None else None
        self.resolver.resolve_imports()
        for key, decl in self.struct_decls.items():
            self.structs[key].home = self._struct_home(decl, self.scopes[key])
        for key, decl in self.struct_decls.items():
            self._resolve_struct(self.structs[key], decl)
        for key in self.enums:
            enums.resolve(self, key)
        aliases.resolve_all(self)
        self._reject_recursive_structs()
        enums.reject_recursive(self)
        self._check_field_homes()
        self.impls.resolve()
        for key, decl in self.struct_decls.items():
            self.struct_bounds[key] = self.impls.param_bounds(decl.generics, decl.where, self.scopes[key])
        for info in list(self.fns.values()):
            self.resolve_signature(info)
        self.impls.check_signatures()
        for key in self.static_decls:
            self.static(key)

    def _module_tree(self, module: ModuleScope, items: tuple[ast.Item, ...], files: CrateFiles,
                     out: list[tuple[ModuleScope, tuple[ast.Item, ...]]]) -> None:
        """Declare the modules in `items`, recursively, and list every module with its items."""
        out.append((module, items))
        for item in items:
            if not isinstance(item, ast.ModDecl):
                continue
            contents = files.items_of(item)
            if contents is None:  # its file could not be read (reported): paths through it are quiet
                key = module.key(item.name)
                self.unchecked_names.add(key)
                self.resolver.define(module, TYPE_NS, item.name, Binding("unchecked", key, item.name_span, None,
                                                                         item))
                continue
            inner = self.resolver.new_module(module, item)
            if item.items is None:
                check_module_file_attrs(files.files[item].inner_attrs, self.sink)
            self._module_tree(inner, contents, files, out)

    def _declare_items(self, module: ModuleScope, items: tuple[ast.Item, ...]) -> None:
        """Define the items of `module` (but its modules) in its namespaces."""
        scope = Generics(module=module)
        vis = self.resolver.visibility
        for item in items:
            construct = unsupported.ITEMS.get(type(item))
            if isinstance(item, ast.ModDecl):
                continue
            elif isinstance(item, ast.UseDecl):
                self.resolver.add_use(module, item)
            elif isinstance(item, ast.EnumDecl):
                enums.declare(self, module, item, Generics(
                    tuple(g.name for g in item.generics if not g.is_const),
                    tuple(g.name for g in item.generics if g.is_const), module))
            elif isinstance(item, ast.TraitDecl):
                self.impls.declare_trait(module, item, vis(item.vis, module))
            elif isinstance(item, ast.ImplBlock):
                self.impls.declare_impl(module, item)
            elif isinstance(item, ast.TypeAlias):
                aliases.declare(self, module, item)
            elif construct is not None:
                unsupported.report(self.sink, construct, unsupported.item_head(item))
                name = getattr(item, "name", None)
                if name is not None:
                    key = module.key(name)
                    self.unchecked_names.add(key)
                    ns = TYPE_NS if isinstance(item, (ast.EnumDecl, ast.TraitDecl, ast.TypeAlias)) else VALUE_NS
                    self.resolver.define(module, ns, name, Binding("unchecked", key, item.name_span,
                                                                   vis(item.vis, module), item))
            elif isinstance(item, ast.StructDecl):
                key = module.key(item.name)
                if item.name in PRIMITIVES and module is self.root:
                    self._duplicate(item.name, item.name_span, "type")
                    continue
                binding = Binding("struct", key, item.name_span, vis(item.vis, module), item)
                if not self.resolver.define(module, TYPE_NS, item.name, binding):
                    continue
                if item.kind != "named":  # tuple and unit structs are values too (their constructors)
                    self.resolver.define(module, VALUE_NS, item.name, Binding(
                        "ctor", key, item.name_span, vis(item.vis, module), item))
                struct_scope = self.generic_scope(item.generics, module)
                self._derive(module, item)
                self.struct_decls[key] = item
                self.structs[key] = t.StructDef(key, [], item.span, params=[
                    g.name for g in item.generics if g.kind != "lifetime"], const_params=list(
                    struct_scope.const_params))
                self.scopes[key] = struct_scope
            elif isinstance(item, ast.ExternBlock):
                for fn in item.functions:
                    self._declare_fn(fn, module, extern_block=item)
            elif isinstance(item, ast.FnDecl):
                self._declare_fn(item, module)
            elif isinstance(item, ast.ConstDecl):
                key = module.key(item.name)
                if self.resolver.define(module, VALUE_NS, item.name,
                                        Binding("const", key, item.name_span, vis(item.vis, module), item)):
                    self.consts[key] = ConstItem(item, scope=scope)
            elif isinstance(item, ast.StaticDecl):
                key = module.key(item.name)
                if self.resolver.define(module, VALUE_NS, item.name,
                                        Binding("static", key, item.name_span, vis(item.vis, module), item)):
                    self.static_decls[key] = item
                    self.scopes[key] = scope

    def _derive(self, module: ModuleScope, decl: ast.StructDecl | ast.EnumDecl) -> None:
        """The impls of `#[derive(..)]` (derive.py), declared like the user's."""
        for name, attr in derive_names(decl):
            if name not in DERIVES:
                self.sink.report(msg.DERIVE_NOT_SUPPORTED(name=name), attr.span).with_note(msg.NOTE_DERIVES)
            else:
                self.impls.declare_impl(module, derived_impl(decl, name, attr))

    def _duplicate(self, name: str, span, kind: str) -> None:
        self.sink.report(msg.DUPLICATE_NAME(name=name), span, msg.LABEL_REDEFINED.format(name=name)).with_note(
            msg.NOTE_DEFINED_ONCE.format(name=name, namespace=kind))

    def _declare_fn(self, decl: ast.FnDecl, module: ModuleScope, extern_block: ast.ExternBlock | None = None) -> None:
        key = module.key(decl.name)
        if not self.resolver.define(module, VALUE_NS, decl.name, Binding(
                "fn", key, decl.name_span, self.resolver.visibility(decl.vis, module), decl)):
            return
        problems = _distinct(unsupported.fn_problems(decl))
        for construct, span in problems:
            unsupported.report(self.sink, construct, span)
        generics = self.generic_scope(decl.generics, module)
        fn = t.FnDef(key, key, [], UNIT, None, list(generics.type_params),
                     list(generics.const_params), span=decl.name_span, is_library=module.crate.prefix == ("core",),
                     is_const=decl.is_const)
        is_unsafe = decl.is_unsafe
        if extern_block is not None:
            fn.import_module = _attr_string(extern_block.attrs, "link", "wasm_import_module") or "env"
            fn.import_name = _attr_value(decl.attrs, "link_name") or decl.name
            is_unsafe = True
            if decl.generics:
                self.sink.report(msg.GENERIC_IMPORT(), decl.span)
            if decl.body is not None:
                self.sink.report(msg.IMPORT_WITH_BODY(), decl.body.span)
        else:
            fn.export_name = _export_name(decl)
            if fn.export_name and decl.generics:
                self.sink.report(msg.GENERIC_EXPORT(), decl.name_span).with_help(msg.HELP_EXPORT_WRAPPER)
        self.fns[key] = FnInfo(fn, decl, is_unsafe, generics, bool(problems))
        if decl.receiver is not None:
            self.sink.report(msg.SELF_OUTSIDE_IMPL(), decl.receiver.span, msg.LABEL_SELF_OUTSIDE_IMPL)

    def declare_associated_fn(self, decl: ast.FnDecl, outer: Generics, key: str, vis: ModuleScope | None,
                              module: ModuleScope) -> FnInfo:
        """A method or associated function of an impl or trait (`outer` is its
        scope): its generic parameters follow the impl's (trait's)."""
        while key in self.fns:  # (impls of a generic trait for one type: `<S as Tr<u8>>`, `<S as Tr<u16>>`)
            key += "'"
        problems = _distinct(unsupported.fn_problems(decl))
        for construct, span in problems:
            unsupported.report(self.sink, construct, span)
        own = self.generic_scope(decl.generics, module)
        generics = replace(outer, type_params=outer.type_params + own.type_params,
                           const_params=outer.const_params + own.const_params,
                           lifetimes=outer.lifetimes + own.lifetimes)
        fn = t.FnDef(key, key, [], UNIT, None, list(generics.type_params), list(generics.const_params),
                     span=decl.name_span, is_const=decl.is_const)
        if decl.abi is not None or _export_name(decl) is not None:
            fn.export_name = _export_name(decl)
            if fn.export_name is not None and fn.is_generic:
                self.sink.report(msg.GENERIC_EXPORT(), decl.name_span).with_help(msg.HELP_EXPORT_WRAPPER)
        info = FnInfo(fn, decl, decl.is_unsafe, generics, bool(problems), own.type_params, own.const_params, vis)
        self.fns[key] = info
        return info

    def generic_scope(self, params: tuple[ast.GenericParam, ...], module: ModuleScope,
                      outer: Generics | None = None) -> Generics:
        """The scope of an item with generic parameters `params` (inside `outer`'s, if given)."""
        for g in params:
            if g.is_const and g.ty is not None and not (isinstance(g.ty, ast.PathType) and
                                                         g.ty.name in ("usize", "u32")):
                self.sink.report(msg.CONST_PARAM_TYPE(), g.span)
        base = outer or Generics(module=module)
        declared = [g.ty.name if isinstance(g.ty, ast.PathType) else None for g in params if g.is_const]
        return replace(base, type_params=base.type_params + tuple(g.name for g in params if g.kind == "type"),
                       const_params=base.const_params + tuple(g.name for g in params if g.is_const), module=module,
                       lifetimes=base.lifetimes + tuple(g.name for g in params if g.kind == "lifetime"),
                       const_types=base.const_types + tuple(PRIMITIVES[n] if n in ("usize", "u32") else USIZE
                                                            for n in declared))

    def _struct_home(self, decl: ast.StructDecl, scope: Generics) -> MemIndex | None:
        """The memory `#[mem_idx(N)] struct` says every value of the struct lives
        in (design 3): a literal, one of the struct's const parameters or an
        integer constant; None without the attribute."""
        home = None
        for attr in decl.attrs:
            if attr.name != "mem_idx":
                continue
            args = attr.args or ()
            value = args[0].value if len(args) == 1 and args[0].key is None else None
            if isinstance(value, ast.Ident):
                value = value.name
            if not isinstance(value, int) and not (isinstance(value, str) and isinstance(args[0].value, ast.Ident)):
                self.sink.report(msg.STRUCT_MEM_IDX(), attr.span)
                continue
            home = self.resolve_mem(ast.MemAttr(args[0].span, value), scope)
        return home

    def struct_home(self, ty: StructType) -> MemIndex | None:
        """The home of a struct type (design 3), for `types.home_of`."""
        struct = self.structs.get(ty.name)
        return struct.home_in(ty) if struct is not None else None

    def home_of(self, ty: Type) -> MemIndex | None:
        return home_of(ty, self.struct_home)

    def _check_field_homes(self) -> None:
        """M0016: a struct cannot hold a value that lives in another memory than
        the struct itself (a struct without a home may live anywhere, so none)."""
        for key, struct in self.structs.items():
            decl = self.struct_decls.get(key)
            if decl is None:
                continue
            spans = {f.name: f.span for f in decl.fields}
            for name, fty in struct.fields:
                home = self.home_of(fty)
                if home is None or home == struct.home:
                    continue
                d = self.sink.report(msg.FIELD_OUTSIDE_HOME(field=name, ty=fty, home=home, struct=key), spans.get(
                    name, decl.name_span))
                if struct.home is None:
                    d.with_help(msg.HELP_HOME_THE_STRUCT.format(struct=key, home=home))
                else:
                    d.with_note(msg.NOTE_STRUCT_HOME.format(struct=key, home=struct.home))

    def _resolve_struct(self, struct: t.StructDef, decl: ast.StructDecl) -> None:
        problems = _distinct(unsupported.struct_problems(decl))
        for construct, span in problems:
            unsupported.report(self.sink, construct, span)
        if problems:  # the type's name resolves; its fields are not checked
            return
        seen: set[str] = set()
        scope = self.scopes[struct.name]
        visibility = self.field_vis[struct.name] = []
        for f in decl.fields:
            if f.name in seen:
                self.sink.report(msg.DUPLICATE_FIELD_DECL(name=f.name), f.span)
                continue
            seen.add(f.name)
            visibility.append(self.resolver.visibility(f.vis, self.scope_module(scope)))
            struct.fields.append((f.name, self.resolve_type(f.ty, self.scopes[struct.name])))

    def _impl_fn_params(self, info: FnInfo, fn_bounds: list[t.FnBound]) -> None:
        """`f: impl Fn(u32) -> u32` in argument position: an anonymous type parameter
        of the function (named as written, as rustc shows it) with that bound."""
        for p in info.decl.params:
            texpr = p.ty
            if not (isinstance(texpr, ast.ImplTraitTypeExpr) and texpr.bound.paren_args is not None
                    and texpr.bound.name in t.FN_TRAITS):
                continue
            bound = self.impls.fn_bound(TYPE_PLACEHOLDER, texpr.bound, info.generics)
            name = f"impl {t.fn_bound_text(bound.kind, bound.sig)}"
            if name in info.generics.type_params:  # (two alike: each its own parameter)
                name += f" #{len(info.impl_params)}"
            param = TypeParam(name)
            info.impl_params[id(texpr)] = param
            info.fn.type_params.append(name)
            info.generics = replace(info.generics, type_params=info.generics.type_params + (name,))
            fn_bounds.append(replace(bound, ty=param))

    def _reject_recursive_structs(self) -> None:
        for name, struct in self.structs.items():
            if any(enums.contains(self, fty, name, set()) for _, fty in struct.fields):
                self.sink.report(msg.RECURSIVE_STRUCT(name=name), self.struct_decls[name].name_span).with_help(
                    msg.HELP_BREAK_RECURSION)
                struct.fields = []

    def resolve_signature(self, info: FnInfo) -> None:
        """The parameter and result types of `info` (once: a `const fn` that a
        constant calls may need them before the others)."""
        if info.signature_resolved:
            return
        info.signature_resolved = True
        decl, fn = info.decl, info.fn
        fn_bounds: list[t.FnBound] = []
        self._impl_fn_params(info, fn_bounds)
        own = self.impls.param_bounds(decl.generics, decl.where, info.generics, fn_bounds)
        if own:
            traits = {k: i.trait for k, i in self.impls.traits.items()}
            info.generics = replace(info.generics, bounds=elaborate(list(info.generics.bounds) + own, traits))
        if fn_bounds:  # `F: Fn(u32) -> u32` (fnptrs.py)
            info.generics = replace(info.generics, fn_bounds=info.generics.fn_bounds + tuple(fn_bounds))
        ids = 0
        if decl.receiver is not None and info.generics.self_type is not None:
            ids += 1
            fn.params.append(t.Local("self", self.receiver_type(decl.receiver, info.generics),
                                     decl.receiver.mutable, ids, decl.receiver.span))
        for p in decl.params:
            ids += 1
            name, mutable = ast.simple_binding(p.pattern) or ("_", False)  # (destructuring: reported)
            ty = info.impl_params.get(id(p.ty)) or self.resolve_type(p.ty, info.generics)
            fn.params.append(t.Local(name, ty, mutable, ids, p.span,
                                     *ast.binding_spans(p.pattern)))
        fn.ret = self.resolve_type(decl.ret, info.generics) if decl.ret is not None else UNIT
        if decl.body is None and not fn.is_import:
            info.fn.body = None

    def receiver_type(self, receiver: ast.SelfParam, generics: Generics) -> Type:
        """The type of a method's `self`: `Self`, `&Self`, `&mut Self`, or as
        written (`self: #[mem_idx(M)] &Self`, a far receiver), which must be
        `Self` behind at most one pointer or reference (E0307)."""
        self_ty = generics.self_type
        assert self_ty is not None
        if receiver.lifetime is not None:
            self.check_lifetime(receiver.lifetime, generics)
        if receiver.ty is None:
            if receiver.kind == "value":
                return self_ty
            home = self.home_of(self_ty)  # design 3: `&self` of a type with a home points there
            return PointerType(self_ty, receiver.kind == "ref_mut", 0 if home is None else home, True)
        ty = self.resolve_type(receiver.ty, generics)
        inner = ty.pointee if isinstance(ty, PointerType) else ty
        if not isinstance(ty, ErrorType) and inner != self_ty:
            self.sink.report(msg.INVALID_SELF_TYPE(ty=ty), receiver.ty.span).with_help(msg.HELP_SELF_TYPES)
        return ty

    def check_lifetime(self, lifetime: ast.Lifetime, generics: Generics) -> None:
        """A lifetime used in a type or bound must be declared (E0261); farc
        checks nothing else about lifetimes (there is no borrow checker)."""
        if lifetime.name not in ("'static", "'_") and lifetime.name not in generics.lifetimes:
            self.sink.report(msg.UNDECLARED_LIFETIME(name=lifetime.name), lifetime.span,
                             msg.LABEL_UNDECLARED_LIFETIME.format(name=lifetime.name)).with_help(
                msg.HELP_DECLARE_LIFETIME.format(name=lifetime.name))

    @staticmethod
    def is_inference_var(x: object) -> bool:
        return isinstance(x, (TyVar, MemVar))

    def static(self, key: str) -> t.StaticDef | None:
        """Static `key`; declared on first use, which may come before `collect`
        reaches the statics: a `const fn` that an array length in a type calls
        is checked while types are resolved, and its body may name a static.
        None if its type depends on itself (reported)."""
        static = self.statics.get(key)
        if static is not None:
            return static
        decl = self.static_decls[key]
        if key in self._statics_in_progress:
            self.sink.report(msg.STATIC_TYPE_CYCLE(name=decl.name), decl.ty.span, msg.LABEL_STATIC_TYPE_CYCLE)
            return None
        self._statics_in_progress.add(key)
        try:
            self._declare_static(key, decl)
        finally:
            self._statics_in_progress.discard(key)
        return self.statics.get(key)

    def _declare_static(self, key: str, decl: ast.StaticDecl) -> None:
        ty = self.resolve_type(decl.ty, self.scopes[key])
        home = self.home_of(ty)
        mem = home if isinstance(home, int) else 0  # design 3: a static lives where its type does
        for attr in decl.attrs:
            if attr.name == "mem_idx":
                args = attr.args or ()
                if len(args) != 1 or not isinstance(args[0].value, int) or args[0].key is not None:
                    self.sink.report(msg.STATIC_MEM_IDX(), attr.span)
                    continue
                mem = args[0].value
                if mem not in self.memories:
                    self.sink.report(msg.STATIC_IN_UNDECLARED_MEMORY(name=decl.name, mem=mem), attr.span).with_help(
                        msg.HELP_DECLARE_MEMORY.format(mem=mem))
                if home is not None and mem != home:
                    self.sink.report(msg.STATIC_OUTSIDE_HOME(name=decl.name, ty=ty, home=home, mem=mem),
                                     attr.span).with_help(msg.HELP_STATIC_AT_HOME.format(ty=ty, home=home))
        if home is not None and not any(a.name == "mem_idx" for a in decl.attrs) and mem not in self.memories:
            self.sink.report(msg.STATIC_IN_UNDECLARED_MEMORY(name=decl.name, mem=mem), decl.name_span).with_help(
                msg.HELP_DECLARE_MEMORY.format(mem=mem)).with_note(msg.NOTE_STATIC_AT_HOME.format(ty=ty, home=mem))
        export = _export_name(decl)
        passive = self._passive_static(decl, ty, export)
        static = t.StaticDef(key, key, ty, decl.mutable, 0 if passive else mem, None, export, decl.name_span, passive)
        self.statics[key] = static

    def _passive_static(self, decl: ast.StaticDecl, ty: Type, export: str | None) -> bool:
        """Whether `decl` is `#[passive]`: an immutable, unexported array in no memory (M0018)."""
        attr = _attr(decl.attrs, "passive")
        if attr is None:
            return False
        if attr.args:
            self.sink.report(msg.PASSIVE_ATTRIBUTE(), attr.span)
        if decl.mutable:
            self.sink.report(msg.PASSIVE_MUTABLE(name=decl.name), decl.name_span)
        placed = _attr(decl.attrs, "mem_idx")
        if placed is not None:
            self.sink.report(msg.PASSIVE_IN_MEMORY(name=decl.name), placed.span).with_note(
                msg.NOTE_PASSIVE_IN_NO_MEMORY)
        if not isinstance(ty, ArrayType) and ty is not ERROR:
            self.sink.report(msg.PASSIVE_NOT_ARRAY(name=decl.name, ty=ty), decl.ty.span).with_note(
                msg.NOTE_PASSIVE_ARRAY.format(ty=ty))
        if export is not None:
            self.sink.report(msg.PASSIVE_EXPORTED(name=decl.name), decl.name_span)
        return True

    # ----- paths -----
    def scope_module(self, generics: Generics) -> ModuleScope:
        return generics.module or self.root

    def lookup(self, segments: tuple[str, ...], ns: str, generics: Generics, span,
               quiet: bool = False) -> PathResolution | None:
        """What a path written in `generics.module` names (see
        `Resolver.resolve`); None when a module on the way does not resolve
        (reported unless `quiet`)."""
        try:
            return self.resolver.resolve(segments, ns, self.scope_module(generics), span, quiet)
        except ResolveError:
            return None

    def value_key(self, name: str, kind: str, generics: Generics) -> str | None:
        """The key of the `kind` item (`const`, `static`, `fn`) a lone name names, if any."""
        b = self.resolver.lookup_first(name, VALUE_NS, self.scope_module(generics))
        return b.key if b is not None and b.kind == kind else None

    def not_found(self, segments: tuple[str, ...], r: PathResolution | None, what: str, span,
                  generics: Generics | None = None, locals_: tuple[str, ...] = ()) -> None:
        """E0425/E0412 for a path whose last name is not in its module (the
        module itself was found; `what` is "value", "function" or "type"); a lone
        name gets "a ... with a similar name exists" when one is (`locals_`: the
        local variables in scope)."""
        if r is None:
            return
        name = segments[-1]
        if len(segments) == 1 or r.module is None:
            message = msg.UNKNOWN_TYPE(name=name) if what == "type" else (
                msg.UNKNOWN_FUNCTION(path=name) if what == "function" else msg.UNKNOWN_VALUE(path=name))
            d = self.sink.report(message, span, msg.LABEL_NOT_IN_SCOPE)
            if len(segments) == 1:
                suggest_similar(d, span, name, self.similar_candidates(what, generics or NO_GENERICS, locals_))
        elif what == "type":
            self.sink.report(msg.UNKNOWN_TYPE_IN_MODULE(name=name, module=r.module), span,
                             msg.LABEL_NOT_IN_MODULE.format(module=r.module))
        else:
            self.sink.report(msg.UNKNOWN_IN_MODULE(what=what, name=name, module=r.module), span,
                             msg.LABEL_NOT_IN_MODULE.format(module=r.module))

    def similar_candidates(self, what: str, generics: Generics, locals_: tuple[str, ...]) -> dict[str, list[str]]:
        """The names a misspelled lone name may have meant, by what they are ("a constant": [...])."""
        ns = TYPE_NS if what == "type" else VALUE_NS
        found: dict[str, list[str]] = {"a local variable": list(locals_)} if locals_ else {}
        scopes = [self.scope_module(generics)] + ([self.resolver.prelude] if self.resolver.prelude is not None else [])
        for scope in scopes:
            for name, binding in scope.namespace(ns).items():
                if binding.kind != "unchecked":
                    word = binding.word
                    found.setdefault(f"{'an' if word[0] in 'aeiou' else 'a'} {word}", []).append(name)
        if what == "type":
            found["a builtin type"] = list(PRIMITIVES)
            found["a type parameter"] = list(generics.type_params)
        return found

    def is_unchecked_path(self, path: ast.Path, generics: Generics = NO_GENERICS) -> bool:
        """Whether `path` names (or starts with) an item that is not checked yet."""
        if path.qself is not None:
            return False
        r = self.lookup(path.segments, VALUE_NS, generics, path.span, quiet=True)
        if r is None or (r.binding is None and not r.type_prefix and len(path.segments) > 1):
            r = self.lookup(path.segments[:1], TYPE_NS, generics, path.span, quiet=True)
        return r is not None and r.binding is not None and r.binding.kind == "unchecked"

    # ----- types -----
    def resolve_type(self, texpr: ast.TypeExpr, generics: Generics) -> Type:
        """The Type a type expression denotes; unknown names are reported (E0412)
        and resolve to the error type so checking can continue without cascades."""
        if isinstance(texpr, ast.PathType):
            return self._path_type(texpr, generics)
        if isinstance(texpr, ast.UnitTypeExpr):
            return UNIT
        if isinstance(texpr, ast.NeverTypeExpr):
            return NEVER
        if type(texpr) in unsupported.TYPES:
            unsupported.report(self.sink, unsupported.TYPES[type(texpr)], texpr.span)
            return ERROR
        if isinstance(texpr, ast.PointerTypeExpr):
            if texpr.lifetime is not None:
                self.check_lifetime(texpr.lifetime, generics)
            if isinstance(texpr.pointee, ast.SliceTypeExpr):  # `&[T]`: the one place a slice type may be
                elem = self.resolve_type(texpr.pointee.elem, generics)
                pointee: Type = ERROR if elem is ERROR else SliceType(elem)
                if not texpr.is_ref:
                    unsupported.report(self.sink, unsupported.RAW_SLICE_POINTERS, texpr.span)
                    pointee = ERROR
            else:
                pointee = self.resolve_type(texpr.pointee, generics)
            home = self.home_of(pointee) if not isinstance(pointee, TypeParam) else bound_home(pointee, generics)
            if texpr.mem is None:  # design 3: the data's type says where it lives
                mem = home if home is not None else 0
            else:
                mem = self.resolve_mem(texpr.mem, generics)
                if home is not None and mem != home:
                    self.sink.report(msg.POINTER_OUTSIDE_HOME(ty=pointee, home=home, mem=mem), texpr.mem.span,
                                     msg.LABEL_POINTER_INTO.format(mem=mem)).with_help(
                        msg.HELP_DROP_MEM_IDX.format(ty=pointee, home=home))
                    return ERROR
            if pointee is ERROR:  # (reported): no pointer type that could cause errors of its own
                return ERROR
            return PointerType(pointee, texpr.mutable, mem, texpr.is_ref)
        if isinstance(texpr, ast.FnPtrTypeExpr):
            return self.fn_pointer_type(texpr, generics)
        if isinstance(texpr, ast.SliceTypeExpr):
            elem = self.resolve_type(texpr.elem, generics)
            if elem is not ERROR:
                self.sink.report(msg.UNSIZED_TYPE(ty=SliceType(elem)), texpr.span, msg.LABEL_UNSIZED).with_note(
                    msg.NOTE_SLICES_BEHIND_REFERENCES)
            return ERROR
        if isinstance(texpr, ast.ArrayTypeExpr):
            elem = self.resolve_type(texpr.elem, generics)
            length = self.array_length(texpr.length, generics)
            return ERROR if length is None else ArrayType(elem, length)
        if isinstance(texpr, ast.TupleTypeExpr):
            elems = tuple(self.resolve_type(e, generics) for e in texpr.elems)
            return ERROR if ERROR in elems else TupleType(elems)
        raise AssertionError(f"unknown type expression {texpr!r}")

    def new_closure(self, owner: t.FnDef | None, params: list[t.Local], ret: Type, generics: Generics,
                    span) -> t.FnDef:
        """The function a non-capturing closure is: named after the function it is written in
        (`main::{closure#0}`, as rustc does), generic over that function's parameters."""
        name = f"{owner.name if owner is not None else 'const'}::{{closure#{len(self.closures)}}}"
        fn = t.FnDef(name, name, params, ret, None, list(generics.type_params), list(generics.const_params),
                     span=span)
        self.closures.append(fn)
        return fn

    def fn_pointer_type(self, texpr: ast.FnPtrTypeExpr, generics: Generics) -> Type:
        """`fn(A) -> R`, `unsafe extern "C" fn(A)`, `#[far(lib)] fn(A) -> R`."""
        params = tuple(self.resolve_type(p, generics) for p in texpr.params)
        ret = self.resolve_type(texpr.ret, generics) if texpr.ret is not None else UNIT
        far = None
        for attr in texpr.attrs:
            if attr.name != "far":
                self.sink.report(msg.FN_POINTER_ATTR(name=attr.name), attr.span).with_help(msg.HELP_FAR_FN_POINTER)
                return ERROR
            args = attr.args or ()
            value = args[0].value if len(args) == 1 and args[0].key is None and attr.value is None else None
            name = value.name if isinstance(value, ast.Ident) else value if isinstance(value, str) else None
            if not name or far is not None:
                self.sink.report(msg.FAR_ATTR_FORM(), attr.span).with_help(msg.HELP_FAR_FN_POINTER)
                return ERROR
            far = name
        if texpr.abi not in (None, "C"):
            self.sink.report(msg.UNKNOWN_ABI(abi=texpr.abi), texpr.span).with_note(msg.NOTE_ABIS)
            return ERROR
        if ERROR in params or ret is ERROR:
            return ERROR
        if far is not None and not self._far_fn_scalars(far, params, ret, texpr):
            return ERROR
        return FnType(params, ret, texpr.is_unsafe, texpr.abi, far)

    def _far_fn_scalars(self, far: str, params: tuple[Type, ...], ret: Type, texpr: ast.FnPtrTypeExpr) -> bool:
        """L0007 for aggregates in a far function pointer type: a call through it is a far
        call, which cannot pass them by value (see `linkage.aggregates_fit`)."""
        ok = True
        for ty, p in zip(params, texpr.params):
            if is_aggregate(ty):
                ok = False
                self.sink.report(msg.FAR_FN_AGGREGATE(ty=ty, verb="pass"), p.span).with_note(
                    msg.NOTE_FAR_AGGREGATE_PARAM.format(kind=aggregate_kind(ty), module=far))
        if is_aggregate(ret):
            ok = False
            self.sink.report(msg.FAR_FN_AGGREGATE(ty=ret, verb="return"), texpr.ret.span).with_note(  # type: ignore[union-attr]
                msg.NOTE_FAR_AGGREGATE_RESULT.format(kind=aggregate_kind(ret), module=far))
        return ok

    def _path_type(self, texpr: ast.PathType, generics: Generics) -> Type:
        problem = unsupported.path_type_problem(texpr)
        if problem is not None:
            unsupported.report(self.sink, *problem)
            return ERROR
        segments = texpr.segments
        for arg in texpr.generic_args:
            if isinstance(arg, ast.Lifetime):
                self.check_lifetime(arg, generics)
        if len(segments) == 1 and texpr.name in generics.type_params and texpr.name != "Self":
            return TypeParam(texpr.name)
        if segments[0] == "Self":
            if generics.self_type is None:
                self.sink.report(msg.SELF_TYPE_OUTSIDE(), texpr.span, msg.LABEL_SELF_TYPE_OUTSIDE)
                return ERROR
            if len(segments) == 1:
                return generics.self_type
            return self.impls.assoc_type_path(generics.self_type, segments[1:], generics, texpr.span)
        if len(segments) == 2 and segments[0] in generics.type_params:  # `T::Output`
            return self.impls.assoc_type_path(TypeParam(segments[0]), segments[1:], generics, texpr.span)
        r = self.lookup(segments, TYPE_NS, generics, texpr.span)
        if r is None:
            return ERROR
        if r.type_prefix:  # `Circle::Out`: an associated type of a type
            if r.binding is not None and r.binding.kind == "unchecked":
                return ERROR
            base = self.type_of_prefix(r, generics, texpr.span)
            if base is None:
                return ERROR
            return self.impls.assoc_type_path(base, r.rest, generics, texpr.span)
        b = r.binding
        if b is None:
            if len(segments) == 1 and texpr.name in PRIMITIVES:
                return PRIMITIVES[texpr.name]
            value = self.lookup(segments, VALUE_NS, generics, texpr.span, quiet=True)
            b = value.binding if value is not None and not value.type_prefix else None
            if b is None:
                self.not_found(segments, r, "type", texpr.span, generics)
                return ERROR
        if b.kind == "struct":
            return self.struct_type(b.key, texpr.generic_args, generics, texpr.span)
        if b.kind == "enum":
            return enums.enum_type(self, b.key, texpr, generics)
        if b.kind == "alias":
            return aliases.alias_type(self, b.key, texpr.generic_args, generics, texpr.span)
        if b.kind == "unchecked":
            return ERROR
        if b.kind == "trait":
            name = "::".join(segments)
            self.sink.report(msg.TRAIT_AS_TYPE(name=name), texpr.span, msg.LABEL_TRAIT_AS_TYPE).with_help(
                msg.HELP_TRAIT_AS_TYPE.format(name=name))
            return ERROR
        self.sink.report(msg.EXPECTED_TYPE(kind=b.word, name="::".join(segments)), texpr.span, msg.LABEL_NOT_A_TYPE)
        return ERROR

    # ----- generic arguments -----
    def const_arg(self, arg, generics: Generics, ty: str = "usize") -> int | ConstParam | None:
        """The value of a const generic argument of type `ty` (`usize` or `u32`, both 32 bits
        on wasm32): an integer literal, a `const`, a const parameter, or `{ one of these }`;
        None after reporting. A literal beyond the type is an error, never wrapped."""
        if isinstance(arg, ast.IntLit):
            if arg.value >= 2**32:
                self.sink.report(msg.LITERAL_OUT_OF_RANGE(ty=ty), arg.span).with_note(
                    msg.NOTE_LITERAL_DOES_NOT_FIT.format(value=arg.value, ty=ty))
                return None
            return arg.value
        if isinstance(arg, ast.Block) and not arg.stmts and isinstance(arg.tail, (ast.IntLit, ast.Path, ast.Block)):
            return self.const_arg(arg.tail, generics, ty)
        if isinstance(arg, ast.Block):  # `{ N * 2 }`, `{ cells(4) }`: any constant expression
            value = self.evaluated_length(arg, PRIMITIVES[ty], generics)
            return value
        if isinstance(arg, (ast.BoolLit, ast.FloatLit)):
            found = "bool" if isinstance(arg, ast.BoolLit) else "{float}"
            self.sink.report(msg.MISMATCHED_TYPES(), arg.span, msg.LABEL_EXPECTED_INTEGER_CONST.format(
                found=found)).with_note(msg.NOTE_INTEGER_CONST)
            return None
        if isinstance(arg, ast.PathType) and arg.qualifier and not arg.generic_args:
            arg = ast.Path(arg.span, arg.segments)  # `Foo::MEM` written as a type argument
        if isinstance(arg, ast.Path) and (len(arg.segments) > 1 or arg.qself is not None):
            return self.path_const_arg(arg, generics, PRIMITIVES[ty])
        name = arg.name if isinstance(arg, ast.PathType) and not arg.qualifier and not arg.generic_args else (
            arg.name if isinstance(arg, ast.Path) and len(arg.segments) == 1 else None)
        if name is not None:
            if name in generics.const_params:
                return ConstParam(name)
            key = self.value_key(name, "const", generics)
            if key is not None:
                return self.index_const(key, arg.span)
        self.sink.report(msg.CONST_GENERIC_ARG(), arg.span)
        return None

    def path_const_arg(self, path: ast.Path, generics: Generics, ty: Type = USIZE) -> int | None:
        """A const argument (of type `ty`) written as a path: a `const` of a
        module (`limits::MEM`), or an associated const of a type whose value
        does not depend on generic parameters (`Far::MEM`, `usize::MAX`);
        `Self::MEM` and `T::MEM` in generic code are refused (their value is
        only known per instance)."""
        r = None if path.qself is not None else self.lookup(path.segments, VALUE_NS, generics, path.span)
        if r is not None and not r.type_prefix and r.binding is not None and r.binding.kind == "const":
            return self.index_const(r.binding.key, path.span)
        if r is not None and r.type_prefix and len(r.rest) == 1 and r.first not in generics.type_params \
                and r.first != "Self":
            base = self.type_of_prefix(r, generics, path.span)
            head = self.impls.nominal(base) if base is not None else None
            found = self.impls.inherent_items(head, r.rest[0]) if head is not None else []
            if not any(isinstance(item, t.AssocConst) and info.impl_.params for info, item in found):
                # (`Far::MEM`, `usize::MAX`: evaluated like any constant, so its type is checked)
                return self.evaluated_length(path, ty, generics)
        if r is None and path.qself is None:
            return None  # (reported)
        self.sink.report(msg.ASSOC_CONST_GENERIC_ARG(), path.span).with_note(msg.NOTE_ASSOC_CONST_GENERIC_ARG)
        return None

    def type_arg(self, arg, generics: Generics) -> Type | None:
        """The type a generic argument names; None after reporting."""
        if isinstance(arg, ast.Path) and len(arg.segments) == 1:
            arg = ast.PathType(arg.span, arg.name)
        if isinstance(arg, (ast.Lifetime, ast.AssocBinding)) or not _is_type_expr(arg):
            self.sink.report(msg.TYPE_GENERIC_ARG(), arg.span)
            return None
        return self.resolve_type(arg, generics)

    def struct_type(self, key: str, args: tuple, generics: Generics, span, missing_ok: bool = False) -> Type:
        """The type `key<args>` (args as written: types, const arguments,
        lifetimes, which are skipped). With `missing_ok`, no arguments at all
        gives the struct's parameters back as they are (the caller
        instantiates them); otherwise a generic struct needs all of them
        (E0107)."""
        sdef = self.structs[key]
        written = [a for a in args if not isinstance(a, ast.Lifetime)]
        if not written and (missing_ok or not sdef.params):
            if not sdef.params:
                return StructType(key)
            return StructType(key, tuple(ConstParam(p) if p in sdef.const_params else TypeParam(p)
                                         for p in sdef.params))
        if len(written) != len(sdef.params):
            if not written:
                self.sink.report(msg.MISSING_GENERICS(kind="struct", name=key, expected=msg.count(
                    len(sdef.params), "generic argument")), span).with_help(msg.HELP_MISSING_GENERICS.format(
                        name=key, params=", ".join(sdef.params)))
            else:
                self.sink.report(msg.WRONG_TYPE_GENERIC_COUNT(kind="struct", name=key, expected=msg.count(
                    len(sdef.params), "generic argument"), supplied=msg.were(len(written))), span)
            return ERROR
        values: list[object] = []
        for name, arg in zip(sdef.params, written):
            if name in sdef.const_params:
                value = self.const_arg(arg, generics)
                values.append(0 if value is None else value)
            else:
                ty = self.type_arg(arg, generics)
                values.append(ERROR if ty is None else ty)
        return StructType(key, tuple(values))

    def type_of_prefix(self, r: PathResolution, generics: Generics, span) -> Type | None:
        """The type a path's prefix names when the rest is an associated item
        (`Circle::`, `u32::`, a struct whose arguments are left to inference
        comes back with its parameters); None after reporting."""
        b = r.binding
        if b is None:
            if r.first in PRIMITIVES:
                return PRIMITIVES[r.first]
            if r.first in generics.type_params:
                return TypeParam(r.first)
            self.undeclared_prefix(r.first, span)
            return None
        if b.kind == "struct":
            return self.struct_type(b.key, (), generics, span, missing_ok=True)
        if b.kind == "alias":  # `Word::MAX`, `Alias::new()`
            ty = aliases.alias_type(self, b.key, (), generics, span)
            return None if ty is ERROR else ty
        self.sink.report(msg.EXPECTED_TYPE(kind=b.word, name=r.first), span, msg.LABEL_NOT_A_TYPE)
        return None

    def undeclared_prefix(self, name: str, span) -> None:
        """E0433 for a path's first segment that names nothing (rustc guesses a
        type for a capitalized name, a module otherwise)."""
        if name[:1].isupper():
            self.sink.report(msg.UNDECLARED_TYPE_PREFIX(name=name), span,
                             msg.LABEL_UNDECLARED_TYPE_PREFIX.format(name=name))
        else:
            self.sink.report(msg.UNDECLARED_MODULE(name=name), span, msg.LABEL_UNDECLARED_MODULE.format(name=name))

    def resolve_mem(self, attr: ast.MemAttr, generics: Generics) -> MemIndex:
        if isinstance(attr.value, int):
            return attr.value if self._memory_in_range(attr.value, attr.span) else 0
        if attr.value in generics.const_params:
            return ConstParam(attr.value)
        key = self.value_key(attr.value, "const", generics)
        if key is not None:
            value = self.index_const(key, attr.span)
            return value if value is not None and self._memory_in_range(value, attr.span) else 0
        d = self.sink.report(msg.MEM_IDX_UNKNOWN(name=attr.value), attr.span)
        suggest_similar(d, None, attr.value, {"a const generic parameter": generics.const_params,
                                              "a constant": [c.rsplit("::", 1)[-1] for c in self.consts]})
        if not d.help:
            d.with_help(msg.HELP_MEM_IDX_NAME.format(name=attr.value))
        return 0

    def _memory_in_range(self, index: int, span) -> bool:
        if index <= MAX_MEMORY_INDEX:
            return True
        self.sink.report(msg.MEM_IDX_TOO_LARGE(value=index, max=MAX_MEMORY_INDEX), span).with_note(
            msg.NOTE_MEMORY_INDEX_RANGE.format(base=ADDRSPACE_BASE))
        return False

    def array_length(self, expr: ast.Expr, generics: Generics) -> int | ConstParam | None:
        if isinstance(expr, ast.IntLit):
            if expr.value >= 2**32:  # a length is a usize: it must not wrap to a smaller one
                self.sink.report(msg.LITERAL_OUT_OF_RANGE(ty="usize"), expr.span).with_note(
                    msg.NOTE_LITERAL_DOES_NOT_FIT.format(value=expr.value, ty="usize"))
                return 0
            return expr.value
        if isinstance(expr, ast.Path) and len(expr.segments) == 1:
            name = expr.segments[0]
            if name in generics.const_params:
                return ConstParam(name)
            key = self.value_key(name, "const", generics)
            if key is not None:
                value = self.index_const(key, expr.span)
                return 0 if value is None else value
        if isinstance(expr, ast.Block) and not expr.stmts and expr.tail is not None:
            return self.array_length(expr.tail, generics)
        if isinstance(expr, ast.Path) and (len(expr.segments) > 1 or expr.qself is not None):
            value = self.path_const_arg(expr, generics)
            return 0 if value is None else value
        return self.evaluated_length(expr, USIZE, generics)  # `[u8; 2 * N]`, `[u8; cells(4)]` (None: reported)

    def evaluated_length(self, expr: ast.Expr, ty: Type, generics: Generics) -> int | None:
        """The value of a constant expression used as an array length or const
        generic argument (arithmetic, calls of `const fn`s, blocks); None after
        reporting. It may not use generic parameters (as in rustc)."""
        errors = len(self.sink.errors)
        typed = self.check_const_expr(expr, ty, generics)
        if len(self.sink.errors) > errors:
            return None
        try:
            value = evaluate(typed, self.const_fn_body)
        except NotConstant as e:
            e.report(self.sink, msg.LENGTH_NOT_CONSTANT, msg.LENGTH_EVAL_FAILED, expr.span)
            return None
        return int(value)  # type: ignore[arg-type]

    def const_fn_body(self, fn: t.FnDef) -> t.Block | None:
        """The typed body of `fn` for constant evaluation: checked now if no
        body has needed it yet (a `const` may be evaluated before the bodies
        are checked); None if it has none, or is being checked (a cycle: its
        body uses the constant that calls it). A body checked with errors is
        AfterErrors: evaluating it would meet what those errors are about."""
        if id(fn) in self.bodies_with_errors:
            raise AfterErrors(fn)
        if fn.body is not None:
            return fn.body
        info = self.fns.get(fn.name)
        if info is None or info.fn is not fn or info.decl.body is None or info.unchecked or \
                id(fn) in self._bodies_in_progress or self.check_body is None:
            return None
        self.resolve_signature(info)
        self._bodies_in_progress.add(id(fn))
        try:
            self.check_body(info)
        finally:
            self._bodies_in_progress.discard(id(fn))
        if id(fn) in self.bodies_with_errors:
            raise AfterErrors(fn)
        return fn.body

    def index_const(self, name: str, span) -> int | None:
        """The value of const `name` used as a memory index, array length or
        const generic argument: an integer constant in 0..2^32 (a `bool` or
        float is a type error, as in Rust). None after reporting."""
        ty = self.const_type(name)
        value = self.const_value(name)
        if not isinstance(ty, IntType):
            if not isinstance(ty, ErrorType):
                self.sink.report(msg.MISMATCHED_TYPES(), span, msg.LABEL_EXPECTED_INTEGER_CONST.format(
                    found=ty)).with_note(msg.NOTE_INTEGER_CONST)
            return None
        if not isinstance(value, int) or not 0 <= value < 2**32:
            self.sink.report(msg.CONST_OUT_OF_RANGE(name=name, value=value), span)
            return None
        return value

    # ----- constants -----
    def const_value(self, name: str) -> t.ConstVal:
        """The value of const `name`, evaluating it on first use."""
        item = self.consts[name]
        if item.state == "done" or item.state == "failed":
            return item.value
        if item.state == "busy":
            self.sink.report(msg.CONST_CYCLE(name=name), item.decl.name_span)
            item.state = "failed"
            return 0
        item.state = "busy"
        errors = len(self.sink.errors)  # (before the type: a const of an unknown type has no value either)
        item.ty = self.resolve_type(item.decl.ty, item.scope)
        typed = self.check_const_expr(item.decl.value, item.ty, item.scope)
        if len(self.sink.errors) > errors:  # an ill-typed type or initializer (reported) has no value
            item.state = "failed"
            item.value = 0
            return item.value
        try:
            item.value = evaluate(typed, self.const_fn_body) if typed is not None else 0
            item.state = "done"
        except NotConstant as e:
            e.report(self.sink, msg.CONST_NOT_CONSTANT, msg.CONST_EVAL_FAILED, item.decl.value.span,
                     name=item.decl.name)
            item.state = "failed"
            item.value = 0
        return item.value

    def const_failed(self, name: str) -> bool:
        """Whether const `name` has no value because of an error reported."""
        return self.consts[name].state == "failed"

    def const_type(self, name: str) -> Type:
        item = self.consts[name]
        if item.ty is None:
            item.ty = self.resolve_type(item.decl.ty, item.scope)
        return item.ty


def _attr(attrs: tuple[ast.Attribute, ...], name: str) -> ast.Attribute | None:
    return next((a for a in attrs if a.name == name), None)


def _attr_value(attrs: tuple[ast.Attribute, ...], name: str) -> str | None:
    attr = _attr(attrs, name)
    return attr.value if attr is not None and isinstance(attr.value, str) else None


def _attr_string(attrs: tuple[ast.Attribute, ...], name: str, key: str) -> str | None:
    attr = _attr(attrs, name)
    if attr is None:
        return None
    for arg in attr.args or ():
        if arg.key == key and isinstance(arg.value, str):
            return arg.value
    return None


def _export_name(decl: ast.FnDecl | ast.StaticDecl) -> str | None:
    explicit = _attr_value(decl.attrs, "export_name")
    if explicit is not None:
        return explicit
    if _attr(decl.attrs, "no_mangle") is not None:
        return decl.name
    return None


def _is_type_expr(node: object) -> bool:
    return isinstance(node, (ast.PathType, ast.PointerTypeExpr, ast.ArrayTypeExpr, ast.UnitTypeExpr,
                             ast.NeverTypeExpr, ast.SliceTypeExpr, ast.TupleTypeExpr, ast.FnPtrTypeExpr,
                             ast.ImplTraitTypeExpr, ast.DynTraitTypeExpr))


def bound_home(param: TypeParam, generics: Generics) -> MemIndex | None:
    """The memory a type parameter lives in by an `InMemory<M>` bound in scope (design 3), if any."""
    for bound in generics.bounds:
        if bound.ty == param and bound.trait.trait == IN_MEMORY and len(bound.trait.args) == 1:
            return bound.trait.args[0]
    return None


def _distinct(problems: list[tuple[unsupported.Construct, object]]) -> list[tuple[unsupported.Construct, object]]:
    """One report per construct and item: the first place it is used."""
    seen: set[unsupported.Construct] = set()
    out = []
    for construct, span in problems:
        if construct not in seen:
            seen.add(construct)
            out.append((construct, span))
    return out
