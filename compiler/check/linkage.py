"""Checking a module against the modules it is linked with (far calls, imported memories).

When `main` is built with `--link lib=...`, every function main imports from
`lib` and every memory main imports from `lib` is checked against what lib
really exports (`compiler.interface.ModuleInterface`, read from lib's
`farc.interface` section and its wasm):

* the item exists and is of the right kind (L0001);
* an imported memory has the flags and limits main declares: the same
  `shared` and `memory64`, a minimum at least main's `min`, a maximum at most
  main's `max` (L0004) - what an engine checks at instantiation, reported at
  compile time with both declarations;
* a far function has lib's farc signature (L0002), where a pointer into lib's
  memory k must be a pointer into the memory under which main imports lib's
  memory k (L0003). So with `#![memory(1, import = "lib.memory")]`, lib's
  `fn f(p: *const u8)` (memory 0 is lib's own) is `fn f(p: #[mem_idx(1)]
  *const u8)` in main, and declaring it `*const u8` (main's memory 0) is a
  type error instead of a read of the wrong memory at run time.

Memories are matched by identity, not index: lib's memory k is main's memory
N when main imports it under one of lib's export names for it, or when both
import the same memory from a third module. Signatures must agree exactly
(integer types, mutability, `&` versus `*`, struct layouts field by field),
as the C ABI of a call between separately compiled modules needs.
A linked wasm module farc did not build has no farc signatures: its
functions are checked at the wasm level only (value types), its memories
as above.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..diagnostics import DiagnosticSink
from ..interface import FnSig, ModuleInterface, render_signature
from ..memory import MemoryDecl
from ..types import ArrayType, FloatType, IntType, BoolType, PointerType, StructType, Type, UNIT
from . import tree as t

#: lib source memory index -> the main source memory indices that are the same memory
MemoryMatch = dict[int, set[int]]


def check_links(program: t.Program, interfaces: dict[str, ModuleInterface], sink: DiagnosticSink) -> None:
    """Report every mismatch between `program`'s imports and the linked modules."""
    matches = {name: _match_memories(program, iface) for name, iface in interfaces.items()}
    for decl in program.memories:
        if decl.imported and decl.import_module in interfaces:
            _check_memory_import(decl, interfaces[decl.import_module], sink)
    for fn in program.functions:
        if fn.is_import and fn.import_module in interfaces:
            iface = interfaces[fn.import_module]
            _check_function(fn, iface, _Translation(program, iface, matches[fn.import_module]), sink)


def _match_memories(program: t.Program, iface: ModuleInterface) -> MemoryMatch:
    found: MemoryMatch = {}
    for mem in iface.memories:
        names = iface.identities(mem)
        for decl in program.memories:
            if decl.imported and (decl.import_module, decl.import_name) in names:
                found.setdefault(mem.source_index, set()).add(decl.index)
    return found


# ---------------------------------------------------------------------------
# Memories


def _check_memory_import(decl: MemoryDecl, iface: ModuleInterface, sink: DiagnosticSink) -> None:
    name = decl.import_name or ""
    kind = iface.exports.get(name)
    if kind != "memory":
        exported = [n for n, k in iface.exports.items() if k == "memory"]
        what = f"exports {_kind(kind)} `{name}`, not a memory" if kind else f"exports no memory `{name}`"
        sink.error("L0001", f"memory {decl.index} is imported from `{iface.name}.{name}`, but `{iface.name}` "
                   f"{what}", decl.span).with_note(
            f"`{iface.name}` exports {_list('memory', exported)}")
        return
    mem = next(m for m in iface.memories if name in m.export_names)
    problems = []
    if decl.memory64 != mem.memory64:
        problems.append("is a 64-bit memory" if mem.memory64 else "is a 32-bit memory")
    if decl.shared != mem.shared:
        problems.append("is shared" if mem.shared else "is not shared")
    if mem.min_pages < decl.min_pages:
        problems.append(f"has min {mem.min_pages} pages, below this file's min {decl.min_pages}")
    if decl.max_pages is not None and (mem.max_pages is None or mem.max_pages > decl.max_pages):
        shown = "has no max" if mem.max_pages is None else f"has max {mem.max_pages} pages"
        problems.append(f"{shown}, but this file's import says max {decl.max_pages}")
    if not problems:
        return
    diag = sink.error("L0004", f"memory {decl.index} does not match `{iface.name}.{name}`: the linked memory "
                      + "; ".join(problems), decl.span)
    diag.with_note(f"`{iface.name}.{name}` is {iface.name}'s memory {mem.source_index}: {mem.limits()}")
    diag.with_note(f"this file declares memory {decl.index}: {_limits(decl)}")
    diag.with_help("declare the import with the linked memory's flags, a `min` at most and a `max` at least "
                   "its own (or no `max`)")


def _limits(decl: MemoryDecl) -> str:
    text = f"min {decl.min_pages}" + (f", max {decl.max_pages}" if decl.max_pages is not None else ", no max")
    return text + (", shared" if decl.shared else "") + (", memory64" if decl.memory64 else "")


def _kind(kind: str) -> str:
    return {"func": "a function", "memory": "a memory", "table": "a table", "global": "a global"}.get(kind, kind)


def _list(kind: str, names: list[str]) -> str:
    return f"no {kind}" if not names else f"{kind} " + ", ".join(f"`{n}`" for n in names)


# ---------------------------------------------------------------------------
# Functions


@dataclass
class _Translation:
    """Moves types between lib's memories and main's."""

    program: t.Program
    iface: ModuleInterface
    match: MemoryMatch

    def main_memories(self, lib_mem: int) -> set[int]:
        return self.match.get(lib_mem, set())

    def render(self, ty: Type) -> str | None:
        """Lib's type `ty` as main would write it; None if it uses a memory main does not import."""
        if isinstance(ty, PointerType):
            mems = self.main_memories(ty.mem)  # type: ignore[arg-type]
            pointee = self.render(ty.pointee)
            if len(mems) != 1 or pointee is None:
                return None
            mem = next(iter(mems))
            attr = "" if mem == 0 else f"#[mem_idx({mem})] "
            if ty.is_ref:
                return f"{attr}&{'mut ' if ty.mutable else ''}{pointee}"
            return f"{attr}*{'mut' if ty.mutable else 'const'} {pointee}"
        if isinstance(ty, ArrayType):
            elem = self.render(ty.elem)
            return None if elem is None else f"[{elem}; {ty.length}]"
        return str(ty)

    def render_sig(self, fn: t.FnDef, sig: FnSig) -> str | None:
        """Lib's signature as `fn` must declare it in main (main's names), or None."""
        params = [self.render(p) for p in sig.params]
        ret = self.render(sig.ret)
        if ret is None or None in params:
            return None
        names = [p.name for p in fn.params][:len(params)] or list(sig.param_names)
        if len(names) < len(params):
            names += list(sig.param_names[len(names):])
        return render_signature(fn.name, names, params, None if sig.ret == UNIT else ret)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Mismatch:
    """Where two types differ: `memory` mismatches name lib's memory of the pointer."""

    lib_type: Type
    main_type: Type
    lib_mem: int | None = None  # set when the difference is the memory of a pointer
    detail: str | None = None  # where two struct layouts differ
    #: the struct fields between the parameter and the pointer that differs (outermost first)
    path: tuple[str, ...] = ()

    @property
    def is_memory(self) -> bool:
        return self.lib_mem is not None


def _compare(lib: Type, main: Type, tr: _Translation, seen: set[tuple[str, str]]) -> _Mismatch | None:
    """The first difference between lib's `lib` and main's `main`, or None when they agree."""
    if isinstance(lib, PointerType) and isinstance(main, PointerType):
        if lib.mutable != main.mutable or lib.is_ref != main.is_ref:
            return _Mismatch(lib, main)
        if main.mem not in tr.main_memories(lib.mem):  # type: ignore[arg-type]
            return _Mismatch(lib, main, lib.mem)  # type: ignore[arg-type]
        return _compare(lib.pointee, main.pointee, tr, seen)
    if isinstance(lib, ArrayType) and isinstance(main, ArrayType):
        if lib.length != main.length:
            return _Mismatch(lib, main)
        return _compare(lib.elem, main.elem, tr, seen)
    if isinstance(lib, StructType) and isinstance(main, StructType):
        if (lib.name, main.name) in seen:
            return None
        seen.add((lib.name, main.name))
        lib_fields = tr.iface.structs.get(lib.name, ())
        main_struct = tr.program.structs.get(main.name)
        main_fields = tuple(main_struct.fields) if main_struct is not None else ()
        if len(lib_fields) != len(main_fields):
            return _Mismatch(lib, main, detail=f"`{main.name}` has {len(main_fields)} fields here, "
                             f"`{tr.iface.name}`'s `{lib.name}` has {len(lib_fields)}")
        for number, ((_, lf), (field_name, mf)) in enumerate(zip(lib_fields, main_fields), start=1):
            inner = _compare(lf, mf, tr, seen)
            if inner is not None and not inner.is_memory:
                return _Mismatch(lib, main, detail=inner.detail or (
                    f"field {number} (`{field_name}`) of `{main.name}` is `{mf}`, but in `{tr.iface.name}`'s "
                    f"`{lib.name}` it is `{tr.render(lf) or lf}`"))
            if inner is not None:
                return replace(inner, path=(f"field `{field_name}` of `{main.name}`", *inner.path))
        return None
    return None if lib == main else _Mismatch(lib, main)


def _check_function(fn: t.FnDef, iface: ModuleInterface, tr: _Translation, sink: DiagnosticSink) -> None:
    name = fn.import_name or fn.name
    kind = iface.exports.get(name)
    if kind != "func":
        exported = [n for n, k in iface.exports.items() if k == "func"]
        what = f"exports {_kind(kind)} `{name}`, not a function" if kind else f"exports no function `{name}`"
        sink.error("L0001", f"`{fn.name}` is imported from `{iface.name}`, but `{iface.name}` {what}",
                   fn.span).with_note(f"`{iface.name}` exports {_list('function', exported)}")
        return
    if iface.functions is None:
        _check_wasm_level(fn, name, iface, sink)
        return
    sig = iface.functions.get(name)
    if sig is None:
        sink.error("L0001", f"`{iface.name}` exports `{name}`, but its farc interface does not describe it",
                   fn.span).with_note("the module was not built by this version of farc, or was changed after")
        return
    lib_decl = tr.render_sig(fn, sig)
    if len(sig.params) != len(fn.params):
        diag = sink.error("L0002", f"`{fn.name}` takes {_count(len(fn.params))} here, but `{iface.name}`'s "
                          f"`{name}` takes {len(sig.params)}", fn.span)
        _explain(diag, iface, name, sig, lib_decl)
        return
    for lib_ty, param in zip(sig.params, fn.params):
        found = _compare(lib_ty, param.ty, tr, set())
        if found is not None:
            _report(fn, f"parameter `{param.name}`", param.span, found, (lib_ty, param.ty), iface, name, sig,
                    lib_decl, tr, sink)
    found = _compare(sig.ret, fn.ret, tr, set())
    if found is not None:
        _report(fn, "the return type", fn.span, found, (sig.ret, fn.ret), iface, name, sig, lib_decl, tr, sink)


def _count(n: int) -> str:
    return f"{n} parameter" + ("" if n == 1 else "s")


def _report(fn: t.FnDef, what: str, span, found: _Mismatch, types: tuple[Type, Type], iface: ModuleInterface,
            name: str, sig: FnSig, lib_decl: str | None, tr: _Translation, sink: DiagnosticSink) -> None:
    """One L0002 or L0003; `types` are lib's and main's whole parameter (or return) types."""
    if not found.is_memory:
        lib_ty, main_ty = types
        diag = sink.error("L0002", f"{what} of `{fn.name}` is `{main_ty}`, but `{iface.name}`'s `{name}` "
                          f"has `{tr.render(lib_ty) or lib_ty}` there", span)
        if found.detail:
            diag.with_note(found.detail)
        _explain(diag, iface, name, sig, lib_decl)
        return
    lib_mem = found.lib_mem
    main_mem = found.main_type.mem  # type: ignore[union-attr]
    mems = sorted(tr.main_memories(lib_mem))  # type: ignore[arg-type]
    whose = "its own memory 0" if lib_mem == 0 else f"its memory {lib_mem}"
    if mems:
        where = f"which this file imports as memory {' or '.join(map(str, mems))}"
    else:
        where = "which this file does not import"
    verb = "returns" if what == "the return type" else "takes"
    subject = f"{what} of `{fn.name}`"
    if found.path:
        subject = f"{' in '.join(reversed(found.path))}, in {subject},"
        subject = subject[0].lower() + subject[1:]
        verb = "expects"
    diag = sink.error("L0003", f"{subject} points into memory {main_mem}, but `{iface.name}`'s "
                      f"`{name}` {verb} a pointer into {whose}, {where}", span,
                      f"a pointer into this file's memory {main_mem}")
    diag.with_note("a far call passes the address only: the callee reads it in the memory its own signature names")
    if not mems:
        facts = iface.memory(lib_mem)  # type: ignore[arg-type]
        exports = facts.export_names if facts is not None else ()
        if exports:
            free = max((d.index for d in tr.program.memories), default=0) + 1
            diag.with_help(f"import that memory, e.g. `#![memory({free}, import = \"{iface.name}.{exports[0]}\")]`, "
                           f"and point into memory {free}")
        else:
            diag.with_note(f"`{iface.name}` does not export its memory {lib_mem}: no other module can "
                           "hand it a pointer into it")
        return
    if found.path:
        rendered = tr.render(found.lib_type)
        if rendered is not None:
            diag.with_help(f"declare {found.path[-1]} as `{rendered}`")
        return
    _explain(diag, iface, name, sig, lib_decl)


def _explain(diag, iface: ModuleInterface, name: str, sig: FnSig, lib_decl: str | None) -> None:
    diag.with_note(f"`{iface.name}` declares `{sig.render(name)}` (memories are {iface.name}'s own)")
    if lib_decl is not None:
        diag.with_help(f"declare it as `{lib_decl};`")


# ---------------------------------------------------------------------------
# Modules farc did not build: value types only


def _wasm_type(ty: Type) -> str | None:
    if isinstance(ty, PointerType):
        return None  # the memory decides; checked by name below
    if isinstance(ty, IntType):
        return "i64" if ty.bits == 64 else "i32"
    if isinstance(ty, FloatType):
        return f"f{ty.bits}"
    if isinstance(ty, BoolType):
        return "i32"
    return None


def _check_wasm_level(fn: t.FnDef, name: str, iface: ModuleInterface, sink: DiagnosticSink) -> None:
    params, results = iface.wasm_signatures[name]
    ours = [_wasm_type(p.ty) for p in fn.params]
    ret = [] if fn.ret == UNIT else [_wasm_type(fn.ret)]
    if len(ours) != len(params) or len(ret) != len(results) or any(
            o is not None and o != w for o, w in zip(ours + ret, [*params, *results])):
        sink.error("L0002", f"`{fn.name}` does not match the wasm signature of `{iface.name}.{name}`",
                   fn.span).with_note(
            f"`{iface.name}.{name}` is ({', '.join(params)}) -> ({', '.join(results)}) in wasm; "
            f"`{iface.name}` was not built by farc, so only value types can be checked")
