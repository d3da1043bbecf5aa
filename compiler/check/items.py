"""Item collection: the program's global namespace, struct layouts, function
signatures, constants and statics. Function bodies are checked by
`body.BodyChecker`, which asks this module to resolve types and names.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..memory import ADDRSPACE_BASE, MAX_MEMORY_INDEX, MemoryMap
from ..syntax import ast
from ..types import (
    ArrayType, ConstParam, ErrorType, IntType, MemIndex, PointerType, PRIMITIVES, StructType,
    Type, TypeParam, ERROR, NEVER, UNIT,
)
from . import tree as t
from . import unsupported
from .consteval import NotConstant, evaluate


@dataclass
class Generics:
    """The generic parameters in scope while resolving a signature or body."""

    type_params: tuple[str, ...] = ()
    const_params: tuple[str, ...] = ()


NO_GENERICS = Generics()


@dataclass
class ConstItem:
    """A `const` item; `value` is filled in lazily (consts may refer to later ones)."""

    decl: ast.ConstDecl
    ty: Type | None = None
    value: t.ConstVal = None
    state: str = "todo"  # todo | busy | done | failed


@dataclass
class FnInfo:
    """What a call site needs to know about a function besides its FnDef."""

    fn: t.FnDef
    decl: ast.FnDecl
    is_unsafe: bool
    generics: Generics = field(default_factory=Generics)
    #: the signature uses a construct that is not checked yet (reported): the body is not checked
    unchecked: bool = False


class Items:
    """The global namespace, built once per program before any body is checked."""

    def __init__(self, module: ast.Module, memories: MemoryMap, sink: DiagnosticSink) -> None:
        self.module = module
        self.memories = memories
        self.sink = sink
        self.structs: dict[str, t.StructDef] = {}
        self.struct_decls: dict[str, ast.StructDecl] = {}
        self.fns: dict[str, FnInfo] = {}
        self.consts: dict[str, ConstItem] = {}
        self.statics: dict[str, t.StaticDef] = {}
        self.static_decls: dict[str, ast.StaticDecl] = {}
        self._value_spans: dict[str, object] = {}
        #: names of items that are not checked yet (reported where declared): uses resolve to the error type
        self.unchecked_names: set[str] = set()
        # set by the checker: evaluates a const initializer in its own context
        self.check_const_expr = None

    # ----- collection -----
    def collect(self) -> None:
        for item in self.module.items:
            construct = unsupported.ITEMS.get(type(item))
            if construct is not None:
                unsupported.report(self.sink, construct, unsupported.item_head(item))
                self.unchecked_names.update(_declared_names(item))
            elif isinstance(item, ast.StructDecl):
                if item.name in self.struct_decls or item.name in PRIMITIVES:
                    self._duplicate(item.name, item.name_span, "type")
                    continue
                self.struct_decls[item.name] = item
                self.structs[item.name] = t.StructDef(item.name, [], item.span)
        for item in self.module.items:
            if isinstance(item, ast.ExternBlock):
                for fn in item.functions:
                    self._declare_fn(fn, extern_block=item)
            elif isinstance(item, ast.FnDecl):
                self._declare_fn(item)
            elif isinstance(item, ast.ConstDecl):
                if self._claim_value(item.name, item.name_span):
                    self.consts[item.name] = ConstItem(item)
            elif isinstance(item, ast.StaticDecl):
                if self._claim_value(item.name, item.name_span):
                    self.static_decls[item.name] = item
        for name, decl in self.struct_decls.items():
            self._resolve_struct(self.structs[name], decl)
        self._reject_recursive_structs()
        for info in self.fns.values():
            self._resolve_signature(info)
        for name, decl in self.static_decls.items():
            self._declare_static(decl)

    def _duplicate(self, name: str, span, kind: str) -> None:
        self.sink.report(msg.DUPLICATE_NAME(name=name), span, msg.LABEL_REDEFINED.format(name=name)).with_note(
            msg.NOTE_DEFINED_ONCE.format(name=name, namespace=kind))

    def _claim_value(self, name: str, span) -> bool:
        if name in self._value_spans:
            self._duplicate(name, span, "value")
            return False
        self._value_spans[name] = span
        return True

    def _declare_fn(self, decl: ast.FnDecl, extern_block: ast.ExternBlock | None = None) -> None:
        if not self._claim_value(decl.name, decl.name_span):
            return
        problems = _distinct(unsupported.fn_problems(decl))
        for construct, span in problems:
            unsupported.report(self.sink, construct, span)
        generics = Generics(
            tuple(g.name for g in decl.generics if not g.is_const),
            tuple(g.name for g in decl.generics if g.is_const),
        )
        for g in decl.generics:
            if g.is_const and g.ty is not None and not (isinstance(g.ty, ast.PathType) and
                                                         g.ty.name in ("usize", "u32")):
                self.sink.report(msg.CONST_PARAM_TYPE(), g.span)
        fn = t.FnDef(decl.name, decl.name, [], UNIT, None, list(generics.type_params),
                     list(generics.const_params), span=decl.name_span)
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
        self.fns[decl.name] = FnInfo(fn, decl, is_unsafe, generics, bool(problems))

    def _resolve_struct(self, struct: t.StructDef, decl: ast.StructDecl) -> None:
        problems = _distinct(unsupported.struct_problems(decl))
        for construct, span in problems:
            unsupported.report(self.sink, construct, span)
        if problems:  # the type's name resolves; its fields are not checked
            return
        seen: set[str] = set()
        for f in decl.fields:
            if f.name in seen:
                self.sink.report(msg.DUPLICATE_FIELD_DECL(name=f.name), f.span)
                continue
            seen.add(f.name)
            struct.fields.append((f.name, self.resolve_type(f.ty, NO_GENERICS)))

    def _reject_recursive_structs(self) -> None:
        def contains(ty: Type, target: str, seen: set[str]) -> bool:
            if isinstance(ty, ArrayType):
                return contains(ty.elem, target, seen)
            if isinstance(ty, StructType):
                if ty.name == target:
                    return True
                if ty.name in seen or ty.name not in self.structs:
                    return False
                seen.add(ty.name)
                return any(contains(f, target, seen) for _, f in self.structs[ty.name].fields)
            return False

        for name, struct in self.structs.items():
            if any(contains(fty, name, set()) for _, fty in struct.fields):
                self.sink.report(msg.RECURSIVE_STRUCT(name=name), self.struct_decls[name].name_span).with_help(
                    msg.HELP_BREAK_RECURSION)
                struct.fields = []

    def _resolve_signature(self, info: FnInfo) -> None:
        decl, fn = info.decl, info.fn
        ids = 0
        for p in decl.params:
            ids += 1
            name, mutable = ast.simple_binding(p.pattern) or ("_", False)  # (destructuring: reported)
            fn.params.append(t.Local(name, self.resolve_type(p.ty, info.generics), mutable, ids, p.span))
        fn.ret = self.resolve_type(decl.ret, info.generics) if decl.ret is not None else UNIT
        if decl.body is None and not fn.is_import:
            info.fn.body = None

    def _declare_static(self, decl: ast.StaticDecl) -> None:
        ty = self.resolve_type(decl.ty, NO_GENERICS)
        mem = 0
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
        export = _export_name(decl)
        static = t.StaticDef(decl.name, decl.name, ty, decl.mutable, mem, None, export, decl.name_span)
        self.statics[decl.name] = static

    # ----- types -----
    def resolve_type(self, texpr: ast.TypeExpr, generics: Generics) -> Type:
        """The Type a type expression denotes; unknown names are reported (E0412)
        and resolve to the error type so checking can continue without cascades."""
        if isinstance(texpr, ast.PathType):
            problem = unsupported.path_type_problem(texpr)
            if problem is not None:
                unsupported.report(self.sink, *problem)
                return ERROR
            if texpr.name in self.unchecked_names:
                return ERROR
            if texpr.name in PRIMITIVES:
                return PRIMITIVES[texpr.name]
            if texpr.name in self.structs:
                return StructType(texpr.name)
            if texpr.name in generics.type_params:
                return TypeParam(texpr.name)
            self.sink.report(msg.UNKNOWN_TYPE(name=texpr.name), texpr.span, msg.LABEL_NOT_IN_SCOPE)
            return ERROR
        if isinstance(texpr, ast.UnitTypeExpr):
            return UNIT
        if isinstance(texpr, ast.NeverTypeExpr):
            return NEVER
        if type(texpr) in unsupported.TYPES:
            unsupported.report(self.sink, unsupported.TYPES[type(texpr)], texpr.span)
            return ERROR
        if isinstance(texpr, ast.PointerTypeExpr):
            if texpr.lifetime is not None:
                unsupported.report(self.sink, unsupported.LIFETIMES, texpr.lifetime.span)
            pointee = self.resolve_type(texpr.pointee, generics)
            mem = self.resolve_mem(texpr.mem, generics) if texpr.mem is not None else 0
            if pointee is ERROR:  # (reported): no pointer type that could cause errors of its own
                return ERROR
            return PointerType(pointee, texpr.mutable, mem, texpr.is_ref)
        if isinstance(texpr, ast.ArrayTypeExpr):
            elem = self.resolve_type(texpr.elem, generics)
            length = self.array_length(texpr.length, generics)
            return ArrayType(elem, length)
        raise AssertionError(f"unknown type expression {texpr!r}")

    def is_unchecked_path(self, path: ast.Path) -> bool:
        """Whether `path` starts with the name of an item that is not checked yet."""
        return path.qself is None and path.segments[0] in self.unchecked_names

    def resolve_mem(self, attr: ast.MemAttr, generics: Generics) -> MemIndex:
        if isinstance(attr.value, int):
            return attr.value if self._memory_in_range(attr.value, attr.span) else 0
        if attr.value in generics.const_params:
            return ConstParam(attr.value)
        if attr.value in self.consts:
            value = self.index_const(attr.value, attr.span)
            return value if value is not None and self._memory_in_range(value, attr.span) else 0
        self.sink.report(msg.MEM_IDX_UNKNOWN(name=attr.value), attr.span).with_help(
            msg.HELP_MEM_IDX_NAME.format(name=attr.value))
        return 0

    def _memory_in_range(self, index: int, span) -> bool:
        if index <= MAX_MEMORY_INDEX:
            return True
        self.sink.report(msg.MEM_IDX_TOO_LARGE(value=index, max=MAX_MEMORY_INDEX), span).with_note(
            msg.NOTE_MEMORY_INDEX_RANGE.format(base=ADDRSPACE_BASE))
        return False

    def array_length(self, expr: ast.Expr, generics: Generics) -> int | ConstParam:
        if isinstance(expr, ast.IntLit):
            return expr.value
        if isinstance(expr, ast.Path) and len(expr.segments) == 1:
            name = expr.segments[0]
            if name in generics.const_params:
                return ConstParam(name)
            if name in self.consts:
                value = self.index_const(name, expr.span)
                return 0 if value is None else value
        if isinstance(expr, ast.Block) and not expr.stmts and expr.tail is not None:
            return self.array_length(expr.tail, generics)
        self.sink.report(msg.ARRAY_LENGTH(), expr.span)
        return 0

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
        item.ty = self.resolve_type(item.decl.ty, NO_GENERICS)
        errors = len(self.sink.errors)
        typed = self.check_const_expr(item.decl.value, item.ty)
        if len(self.sink.errors) > errors:  # an ill-typed initializer (reported) has no value
            item.state = "failed"
            item.value = 0
            return item.value
        try:
            item.value = evaluate(typed) if typed is not None else 0
            item.state = "done"
        except NotConstant as e:
            span = getattr(e.node, "span", item.decl.value.span)
            message = msg.CONST_EVAL_FAILED if e.code == "E0080" else msg.CONST_NOT_CONSTANT
            self.sink.report(message(name=name, why=e.why), span)
            item.state = "failed"
            item.value = 0
        return item.value

    def const_type(self, name: str) -> Type:
        item = self.consts[name]
        if item.ty is None:
            item.ty = self.resolve_type(item.decl.ty, NO_GENERICS)
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


def _declared_names(item: ast.Item) -> list[str]:
    """The names an item that is not checked yet brings into scope."""
    if isinstance(item, ast.UseDecl):
        return _use_names(item.tree)
    name = getattr(item, "name", None)
    return [name] if name is not None else []


def _use_names(tree: ast.UseTree) -> list[str]:
    if tree.kind == "group":
        return [n for child in tree.children for n in _use_names(child)]
    if tree.kind == "simple":
        return [tree.alias or tree.path[-1]]
    return []


def _distinct(problems: list[tuple[unsupported.Construct, object]]) -> list[tuple[unsupported.Construct, object]]:
    """One report per construct and item: the first place it is used."""
    seen: set[unsupported.Construct] = set()
    out = []
    for construct, span in problems:
        if construct not in seen:
            seen.add(construct)
            out.append((construct, span))
    return out
