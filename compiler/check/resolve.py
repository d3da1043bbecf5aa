"""Name resolution: crates, their modules, the two namespaces of each module,
`use` imports and visibility, as Rust 2018 resolves them.

A program is two crates: `core` (farc's standard library, `stdlib/core`,
also reachable as `std`) and the user's crate. Every module has a type
namespace (modules, structs, enums, traits, type aliases) and a value
namespace (functions, constants, statics); a name may be defined once in
each. A path is resolved from the module it is written in:

* `crate::`, `self::`, `super::` start at the crate root, the module itself
  and its parent; `core::` / `std::` start at core's root;
* any other first segment is looked up in the module (its items, then its
  `use` imports, then its glob imports), then among the crate names
  (`core`, `std`), then in the prelude (`core::prelude`: `Copy`, `Clone`,
  ...) and among the primitive types. As in Rust, a module does not see
  the items of its parent without a path or a `use`;
* every later segment must be visible from the module the path is written
  in: private items are visible in their module and its descendants,
  `pub(super)` ones in the parent's, `pub(crate)` ones in the whole crate,
  `pub` ones everywhere (E0603).

Items are known to the rest of the checker by a *key*, their path from the
crate root without `crate::` (`shapes::Circle`; items of the root module by
their bare name, items of core as `core::ops::Add`); `Items` keys its tables
by it and `StructType.name` is one.

`use` imports are resolved to a fixed point (an import may name what another
import brings in); what is left is E0432. Glob imports are consulted when a
name is looked up, after the module's own names.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..source import Span
from ..syntax import ast

TYPE_NS = "type"
VALUE_NS = "value"
#: the crate names every module can start a path with
EXTERN_CRATES = ("core", "std")

#: how messages name each kind of binding
KIND_WORDS = {
    "module": "module", "struct": "struct", "enum": "enum", "trait": "trait", "alias": "type alias",
    "fn": "function", "const": "constant", "static": "static", "ctor": "struct", "unchecked": "item",
    "variant": "variant",
}


@dataclass(eq=False)
class ModuleScope:
    """One module: its two namespaces and glob imports."""

    name: str
    path: tuple[str, ...]  # from the crate root
    crate: "Crate"
    parent: "ModuleScope | None"
    span: Span | None = None
    types: dict[str, "Binding"] = field(default_factory=dict)
    values: dict[str, "Binding"] = field(default_factory=dict)
    globs: list["Glob"] = field(default_factory=list)

    def key(self, name: str) -> str:
        """The key of an item named `name` defined in this module."""
        return "::".join(self.crate.prefix + self.path + (name,))

    def within(self, other: "ModuleScope") -> bool:
        """Whether this module is `other` or one of its descendants."""
        m: ModuleScope | None = self
        while m is not None:
            if m is other:
                return True
            m = m.parent
        return False

    def namespace(self, ns: str) -> dict[str, "Binding"]:
        return self.types if ns == TYPE_NS else self.values

    def __str__(self) -> str:
        head = self.crate.name if self.crate.prefix else "crate"
        return "::".join((head,) + self.path)


@dataclass(eq=False)
class Crate:
    name: str
    prefix: tuple[str, ...]  # of every key: ("core",) for core, () for the user's crate
    root: ModuleScope = None  # type: ignore[assignment]


@dataclass(frozen=True, eq=False)
class Binding:
    """What a name in a namespace stands for. `vis`: the module within which
    it is visible (None: everywhere). `decl` is the AST item (None for a
    module); `module` the module a `module` binding names."""

    kind: str
    key: str
    span: Span | None
    vis: ModuleScope | None
    decl: object = None
    module: ModuleScope | None = None
    imported: bool = False

    def visible_from(self, module: ModuleScope) -> bool:
        return self.vis is None or module.within(self.vis)

    @property
    def word(self) -> str:
        return KIND_WORDS.get(self.kind, self.kind)


@dataclass(eq=False)
class Glob:
    """`use path::*` in `module`: the names of `target` visible from `module`."""

    module: ModuleScope
    target: ModuleScope
    vis: ModuleScope | None


@dataclass(eq=False)
class Import:
    """One imported name: `use a::b::c as d;` -> path (a, b, c), name d."""

    module: ModuleScope
    path: tuple[str, ...]
    name: str
    span: Span
    vis: ModuleScope | None
    glob: bool = False


class ResolveError(Exception):
    """A path that does not resolve (reported by the resolver before raising,
    unless asked to be quiet): `segment` failed, looked up in `parent` (None:
    as the first segment)."""

    def __init__(self, segment: str, parent: "ModuleScope | None" = None, unchecked: bool = False) -> None:
        super().__init__(segment)
        self.segment = segment
        self.parent = parent
        #: the path goes through an item that is not checked (reported where it is declared)
        self.unchecked = unchecked


class Resolver:
    """The crates and their modules; resolves paths from a module."""

    def __init__(self, sink: DiagnosticSink) -> None:
        self.sink = sink
        self.crates: dict[str, Crate] = {}
        self.imports: list[Import] = []
        self._modules: list[tuple[ModuleScope, ast.ModDecl, Binding]] = []
        #: the prelude module (`core::prelude`), looked in after a module's own names
        self.prelude: ModuleScope | None = None

    # ----- building the module tree
    def new_crate(self, name: str, prefix: tuple[str, ...], span: Span | None) -> Crate:
        crate = Crate(name, prefix)
        crate.root = ModuleScope(name, (), crate, None, span)
        self.crates[name] = crate
        return crate

    def new_module(self, parent: ModuleScope, decl: ast.ModDecl) -> ModuleScope:
        """Declare module `decl` in `parent`. Its visibility is settled by
        `settle_module_visibility` once every module exists (`pub(in path)`
        may name a module declared later)."""
        module = ModuleScope(decl.name, parent.path + (decl.name,), parent.crate, parent, decl.name_span)
        binding = Binding("module", parent.key(decl.name), decl.name_span, parent, decl, module)
        if self.define(parent, TYPE_NS, decl.name, binding):
            self._modules.append((parent, decl, binding))
        return module

    def settle_module_visibility(self) -> None:
        for parent, decl, binding in self._modules:
            vis = self.visibility(decl.vis, parent)
            if vis is not binding.vis:
                parent.types[decl.name] = Binding(binding.kind, binding.key, binding.span, vis, decl,
                                                  binding.module)
        self._modules.clear()

    def define(self, module: ModuleScope, ns: str, name: str, binding: Binding) -> bool:
        """Define `name` in a namespace of `module`; a second definition is E0428."""
        table = module.namespace(ns)
        old = table.get(name)
        if old is not None:
            if old.imported and binding.imported:
                self.sink.report(msg.IMPORT_CONFLICT(name=name), binding.span, msg.LABEL_REDEFINED.format(
                    name=name)).with_note(msg.NOTE_DEFINED_ONCE.format(name=name, namespace=ns))
            elif old.imported or binding.imported:  # at the item, as rustc does, with the import beside it
                item, imported = (binding, old) if old.imported else (old, binding)
                d = self.sink.report(msg.IMPORT_ITEM_CONFLICT(name=name), item.span,
                                     msg.LABEL_REDEFINED.format(name=name))
                if imported.span is not None:
                    d.with_label(imported.span, msg.LABEL_PREVIOUS_IMPORT.format(name=name))
                d.with_note(msg.NOTE_DEFINED_ONCE.format(name=name, namespace=ns))
            else:
                self.sink.report(msg.DUPLICATE_NAME(name=name), binding.span,
                                 msg.LABEL_REDEFINED.format(name=name)).with_note(
                    msg.NOTE_DEFINED_ONCE.format(name=name, namespace=ns))
            return False
        table[name] = binding
        return True

    def visibility(self, vis: ast.Visibility | None, module: ModuleScope) -> ModuleScope | None:
        """The module within which an item with `vis` declared in `module` is visible."""
        if vis is None:
            return module
        if vis.restriction is None:
            return None
        path = vis.restriction
        if path == ("crate",):
            return module.crate.root
        if path == ("self",):
            return module
        if path == ("super",):
            return module.parent or module
        try:
            target = self.module_path(path, module, vis.span)
        except ResolveError:
            return module
        if not module.within(target):
            self.sink.report(msg.VISIBILITY_NOT_ANCESTOR(), vis.span)
            return module
        return target

    def add_use(self, module: ModuleScope, decl: ast.UseDecl) -> None:
        vis = self.visibility(decl.vis, module)
        self._flatten(module, decl.tree, (), vis)

    def _flatten(self, module: ModuleScope, tree: ast.UseTree, prefix: tuple[str, ...],
                 vis: ModuleScope | None) -> None:
        path = prefix + tree.path
        if tree.kind == "group":
            for child in tree.children:
                self._flatten(module, child, path, vis)
        elif tree.kind == "glob":
            self.imports.append(Import(module, path, "*", tree.span, vis, glob=True))
        else:
            if path[-1] == "self":
                path = path[:-1]
                if not path:
                    self.sink.report(msg.USE_SELF_ALONE(), tree.span)
                    return
            name = tree.alias or path[-1]
            if name in ("self", "super", "crate"):
                self.sink.report(msg.USE_KEYWORD_NAME(name=name), tree.span)
                return
            self.imports.append(Import(module, path, name, tree.span, vis))

    # ----- imports
    def resolve_imports(self) -> None:
        """Resolve every `use` to a fixed point; report what is left (E0432)."""
        pending = list(self.imports)
        while pending:
            left = [imp for imp in pending if not self._try_import(imp)]
            if len(left) == len(pending):
                break
            pending = left
        reported: set = set()
        for imp in pending:
            self._report_import(imp, reported)

    def _try_import(self, imp: Import) -> bool:
        """Bind the import if its target can be found now (True), else False."""
        try:
            module = self.module_path(imp.path if imp.glob else imp.path[:-1], imp.module, imp.span, quiet=True)
        except ResolveError as err:
            if not err.unchecked:
                return False
            if not imp.glob:  # through an item that is not checked: the name is quietly unchecked too
                for ns in (TYPE_NS, VALUE_NS):
                    self.define(imp.module, ns, imp.name, Binding("unchecked", imp.module.key(imp.name), imp.span,
                                                                  imp.vis, None, None, True))
            return True
        if imp.glob:
            imp.module.globs.append(Glob(imp.module, module, imp.vis))
            return True
        name = imp.path[-1]
        if not imp.path[:-1]:
            found = self._first_segment_both(name, imp.module)
        else:
            found = [(ns, b) for ns in (TYPE_NS, VALUE_NS)
                     if (b := self.lookup_in(module, name, ns, imp.module)) is not None]
        if not found:
            return False
        for ns, b in found:
            if not b.visible_from(imp.module):
                self._private(b, name, imp.span)
            self.define(imp.module, ns, imp.name, Binding(b.kind, b.key, imp.span, imp.vis, b.decl, b.module, True))
        return True

    def _first_segment_both(self, name: str, module: ModuleScope) -> list[tuple[str, Binding]]:
        found = []
        for ns in (TYPE_NS, VALUE_NS):
            b = self.lookup_in(module, name, ns, module, imports=False)
            if b is None and ns == TYPE_NS and name in EXTERN_CRATES and "core" in self.crates:
                b = self.crate_binding()
            if b is not None:
                found.append((ns, b))
        return found

    def crate_binding(self) -> Binding:
        core = self.crates["core"]
        return Binding("module", "core", None, None, None, core.root)

    def _report_import(self, imp: Import, reported: set) -> None:
        """E0432 for an import left unresolved, once per failing path of a module."""
        prefix = imp.path if imp.glob else imp.path[:-1]
        try:
            module = self.module_path(prefix, imp.module, imp.span, quiet=True)
        except ResolveError as err:
            failed = prefix[:prefix.index(err.segment) + 1] if err.segment in prefix else prefix
            if (id(imp.module), failed) in reported:
                return
            reported.add((id(imp.module), failed))
            if err.segment == "super":
                label = msg.LABEL_TOO_MANY_SUPERS
            elif err.parent is None:
                label = msg.LABEL_UNDECLARED_MODULE.format(name=err.segment)
            else:
                label = msg.LABEL_MODULE_NOT_FOUND_IN.format(name=err.segment, module=err.parent)
            self.sink.report(msg.UNRESOLVED_IMPORT(path="::".join(failed)), imp.span, label)
            return
        if (id(imp.module), imp.path) in reported:
            return
        reported.add((id(imp.module), imp.path))
        where = f"`{module}`" if prefix else "the crate root"
        self.sink.report(msg.UNRESOLVED_IMPORT(path="::".join(imp.path)), imp.span, msg.LABEL_NO_SUCH_NAME.format(
            name=imp.path[-1], module=where))

    # ----- lookup
    def lookup_in(self, module: ModuleScope, name: str, ns: str, from_module: ModuleScope,
                  imports: bool = True, seen: set | None = None) -> Binding | None:
        """`name` in a namespace of `module` (its items and imports, then its
        globs: the names of each glob's module visible from `module`)."""
        b = module.namespace(ns).get(name)
        if b is not None:
            return b
        seen = seen if seen is not None else set()
        if id(module) in seen:
            return None
        seen.add(id(module))
        for glob in module.globs:
            found = self.lookup_in(glob.target, name, ns, module, imports, seen)
            if found is not None and found.visible_from(module):
                return Binding(found.kind, found.key, found.span, glob.vis, found.decl, found.module, True)
        return None

    def lookup_first(self, name: str, ns: str, module: ModuleScope) -> Binding | None:
        """A path's first segment (or a lone name): the module's names, the
        crate names, then the prelude. Primitive types and farc's builtins are
        the callers' last resort."""
        b = self.lookup_in(module, name, ns, module)
        if b is not None:
            return b
        if ns == TYPE_NS and name in EXTERN_CRATES and "core" in self.crates:
            return self.crate_binding()
        if self.prelude is not None:
            b = self.lookup_in(self.prelude, name, ns, module)
            if b is not None and b.visible_from(module):
                return b
        return None

    def module_path(self, segments: tuple[str, ...], module: ModuleScope, span: Span,
                    quiet: bool = False) -> ModuleScope:
        """The module `segments` name, from `module` (`crate`, `self`, `super`,
        a module in scope, `core`); ResolveError (reported unless quiet)."""
        current = module
        for i, seg in enumerate(segments):
            if seg == "crate" and i == 0:
                current = module.crate.root
            elif seg == "self" and i == 0:
                current = module
            elif seg == "super" and all(s == "super" for s in segments[:i]):
                if current.parent is None:
                    if not quiet:
                        self.sink.report(msg.TOO_MANY_SUPERS(), span, msg.LABEL_TOO_MANY_SUPERS)
                    raise ResolveError(seg, current)
                current = current.parent
            else:
                b = self.lookup_first(seg, TYPE_NS, module) if i == 0 else self.lookup_in(current, seg, TYPE_NS,
                                                                                           module)
                if b is not None and b.kind == "unchecked":
                    raise ResolveError(seg, current if i else None, unchecked=True)
                if b is None or b.module is None:
                    if not quiet:
                        self._unresolved_module(seg, segments[:i], current if i else None, b, span)
                    raise ResolveError(seg, current if i else None)
                if i > 0 and not b.visible_from(module):
                    if not quiet:
                        self._private(b, seg, span)
                current = b.module
        return current

    def _unresolved_module(self, seg: str, before: tuple[str, ...], parent: ModuleScope | None,
                           found: Binding | None, span: Span) -> None:
        if found is None and parent is not None:
            found = parent.values.get(seg)
        if found is not None:  # a name, but not a module
            self.sink.report(msg.NOT_A_MODULE(name=seg, kind=found.word), span, msg.LABEL_NOT_A_MODULE.format(
                kind=found.word))
        elif parent is None:
            self.sink.report(msg.UNDECLARED_MODULE(name=seg), span, msg.LABEL_UNDECLARED_MODULE.format(name=seg))
        else:
            self.sink.report(msg.MODULE_NOT_FOUND_IN(name=seg, module=parent), span,
                             msg.LABEL_MODULE_NOT_FOUND_IN.format(name=seg, module=parent))

    def _private(self, b: Binding, name: str, span: Span) -> None:
        d = self.sink.report(msg.PRIVATE_ITEM(kind=b.word, name=name), span, msg.LABEL_PRIVATE.format(kind=b.word))
        if b.span is not None:
            d.with_label(b.span, msg.LABEL_PRIVATE_DEFINED.format(kind=b.word, name=name))

    def resolve(self, segments: tuple[str, ...], ns: str, module: ModuleScope, span: Span,
                quiet: bool = False) -> "PathResolution":
        """A path of an item: all its segments but the last name modules, or
        a prefix names a type whose associated items the rest names
        (`Circle::new`, `u32::MAX`, `Shape::Circle`). The resolution says
        which; a path nothing in scope matches has `binding` None (unreported:
        the caller knows which error fits), a module path that fails is
        reported and raises ResolveError."""
        if len(segments) == 1:
            return PathResolution(self.lookup_first(segments[0], ns, module), ())
        # the longest prefix that names modules, then either the last name or a type
        current = module
        for i, seg in enumerate(segments[:-1]):
            if seg in ("crate", "self", "super") and (i == 0 or seg == "super"):
                current = self.module_path(segments[:i + 1], module, span, quiet)
                continue
            b = self.lookup_first(seg, TYPE_NS, module) if i == 0 else self.lookup_in(current, seg, TYPE_NS, module)
            if b is not None and i > 0 and not b.visible_from(module) and not quiet:
                self._private(b, seg, span)
            if b is not None and b.module is not None and not _associated_item(b, segments[i + 1:]):
                current = b.module
                continue
            if b is not None or i == 0:
                # a type (or, for the first segment, maybe a primitive or generic parameter): the rest is relative
                return PathResolution(b, segments[i + 1:], type_prefix=True, module=current, first=seg)
            if not quiet:
                self._unresolved_module(seg, segments[:i], current, None, span)
            raise ResolveError(seg, current)
        name = segments[-1]
        b = self.lookup_in(current, name, ns, module)
        if b is not None and not b.visible_from(module) and not quiet:
            self._private(b, name, span)
        return PathResolution(b, (), module=current)


def _associated_item(b: Binding, rest: tuple[str, ...]) -> bool:
    """Whether `rest`, after the enum `b`, names an associated item rather than
    a variant (an enum's variants are in a scope like a module's)."""
    return b.kind == "enum" and (len(rest) != 1 or rest[0] not in b.module.values)  # type: ignore[union-attr]


@dataclass
class PathResolution:
    """What `Resolver.resolve` found. Without `type_prefix`: `binding` is the
    item the whole path names (None: not found in `module`). With it:
    `binding` names the type the path starts with (None when the first
    segment `first` is no item: a primitive type or a generic parameter, the
    caller's business) and `rest` the associated item's segments."""

    binding: Binding | None
    rest: tuple[str, ...]
    type_prefix: bool = False
    module: ModuleScope | None = None
    first: str = ""
