"""The checker's entry point: AST module -> typed (still generic) Program."""
from __future__ import annotations

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..syntax import ast
from ..syntax.modules import CrateFiles, load_core
from ..types import ArrayType, FnType, StructType, TupleType, Type
from . import tree as t
from .body import BodyChecker
from ..consteval import NotConstant, evaluate
from .exports import check_names
from .impls import ImplItems
from .intrinsics import BUILTIN_FNS
from .items import Items
from .memories import check_policies, declare_memories


def check(module: ast.Module, sink: DiagnosticSink, source_name: str = "main",
          files: CrateFiles | None = None, all_of_core: bool = False) -> t.Program | None:
    """Resolve and type-check the crate whose root is `module` (its module
    files in `files`), with `core`; None if any error was reported.

    Of core's inherent methods and associated functions (most of core: the
    integers' methods, the atomics, Option's), only those a checked body
    calls or names are checked, transitively (checking them all cost every
    program more than its own code); every other body of core is checked
    always (trait methods and impls are reached through calls resolved per
    instance, later; free functions may be called by the compiler itself).
    `all_of_core` checks every body of core (the test of core itself)."""
    memories = declare_memories(module.inner_attrs, sink)
    core = load_core(sink)
    if core is None:
        return None
    items = Items(module, memories, sink, files, core)
    items.check_const_expr = lambda expr, ty, scope: BodyChecker(items, scope, sink).check_const(expr, ty)
    items.check_body = lambda info: _check_body(items, info, sink)
    items.impls = ImplItems(items)
    items.collect()
    check_names(module, items, memories, sink)
    check_policies(memories, {name: not info.fn.is_import for name, info in items.fns.items()}, sink)
    for name in items.consts:
        items.const_value(name)
    for key, decl in items.static_decls.items():
        if key in items.statics:  # (else its type depends on itself: reported)
            _check_static(items, items.statics[key], decl, sink)
    items.impls.check_assoc_consts()
    for info in items.fns.values():
        if info.fn.is_import:
            continue
        if info.decl.body is None:
            if info.fn.trait is None:  # (a trait's required method has no body)
                _bodyless(info, sink)
            continue
        if info.unchecked:  # its signature uses a construct that is not checked yet (reported)
            continue
        if info.fn.body is not None:  # (a `const fn` a constant has called: checked then)
            continue
        if not all_of_core and _checked_when_reached(info.fn):
            continue
        _check_body(items, info, sink)
    while items.named_fns:  # (each body checked adds what it names)
        fn = items.named_fns.pop()
        info = items.fns.get(fn.name)
        if (_checked_when_reached(fn) and fn.body is None and info is not None and info.fn is fn
                and info.decl.body is not None and not info.unchecked):
            _check_body(items, info, sink)
    if sink.has_errors:
        return None
    return t.Program(memories, items.structs, list(items.statics.values()),
                     [info.fn for info in items.fns.values() if info.fn.body is not None or info.fn.is_import]
                     + items.closures,
                     source_name, {k: i.trait for k, i in items.impls.traits.items()},
                     [i.impl_ for i in items.impls.impls if i.impl_ is not None], items.enums)


def _checked_when_reached(fn: t.FnDef) -> bool:
    """Whether `fn` is one of core's functions whose body is checked only once
    a checked body names it: a method or associated function of an inherent
    impl (`impl u32 { .. }`, `impl<T> Option<T> { .. }`)."""
    return fn.is_library and isinstance(fn.owner, t.ImplDef) and fn.owner.trait is None


def _check_body(items: Items, info, sink: DiagnosticSink) -> None:
    errors = len(sink.errors)
    checker = BodyChecker(items, info.generics, sink, info.fn, unsafe=info.decl.is_unsafe)
    info.fn.body = checker.check_fn_body(info.decl.body, info.decl.params, info.decl)
    if len(sink.errors) > errors:  # (a constant that calls it has no value: consteval.AfterErrors)
        items.bodies_with_errors.add(id(info.fn))


def _check_static(items: Items, static: t.StaticDef, decl: ast.StaticDecl, sink: DiagnosticSink) -> None:
    if static.mem != 0 and _holds_fn_pointer(static.ty, items):
        sink.report(msg.STATIC_FAR_FN_POINTER(name=decl.name), decl.ty.span).with_note(
            msg.NOTE_FAR_FN_POINTER_STATIC).with_help(msg.HELP_FAR_FN_POINTER_STATIC)
        return
    if static.passive and _holds_fn_pointer(static.ty, items):
        sink.report(msg.PASSIVE_FN_POINTER(name=decl.name), decl.ty.span).with_note(msg.NOTE_FAR_FN_POINTER_STATIC)
        return
    errors = len(sink.errors)
    typed = BodyChecker(items, items.scopes[static.name], sink).check_const(decl.value, static.ty, "statics")
    if len(sink.errors) > errors:  # an ill-typed initializer (reported) has no value
        return
    try:
        static.init = evaluate(typed, items.const_fn_body)
    except NotConstant as e:
        reported = e.report(sink, msg.STATIC_NOT_CONSTANT, msg.STATIC_EVAL_FAILED, decl.value.span, name=decl.name)
        if reported is not None:
            reported.with_note(msg.NOTE_STATIC_INITIALIZERS)


def _holds_fn_pointer(ty: Type, items: Items, seen: frozenset[str] = frozenset()) -> bool:
    """Whether a value of type ty has a function pointer in its bytes."""
    if isinstance(ty, FnType):
        return True
    if isinstance(ty, ArrayType):
        return _holds_fn_pointer(ty.elem, items, seen)
    if isinstance(ty, TupleType):
        return any(_holds_fn_pointer(e, items, seen) for e in ty.elems)
    if isinstance(ty, StructType) and ty.name in items.structs and ty.name not in seen:
        return any(_holds_fn_pointer(f, items, seen | {ty.name}) for _, f in items.structs[ty.name].fields)
    return False


def _bodyless(info, sink: DiagnosticSink) -> None:
    """A top-level `fn f(...);` declares one of farc's intrinsics by its proposed
    signature (e.g. `fn load_memidx<const MEM_IDX: usize, T>(ptr: *const T) -> T;`);
    any other body-less function is an error."""
    if info.decl.name in BUILTIN_FNS:
        return
    sink.report(msg.BODYLESS_FN(name=info.fn.name), info.decl.span).with_help(msg.HELP_BODYLESS_FN)


