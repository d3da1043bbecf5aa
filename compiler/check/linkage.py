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
* a memory two farc modules both lay out (their memory 0, which holds their
  stack and statics, or a memory with their far statics) is refused (L0008):
  each module's linker puts its data at the same addresses, so one module's
  stack and statics would overwrite the other's;
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

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from ..interface import FnSig, ModuleInterface, data_memories, limits_text, render_signature
from ..memory import MemoryDecl
from ..types import (
    ArrayType, EnumType, FloatType, FnType, IntType, BoolType, PointerType, SliceType, StructType, TupleType, Type, UNIT,
    is_aggregate,
)
from . import tree as t
from .suggest import suggest_similar

#: lib source memory index -> the main source memory indices that are the same memory
MemoryMatch = dict[int, set[int]]


def check_links(program: t.Program, interfaces: dict[str, ModuleInterface], sink: DiagnosticSink) -> None:
    """Report every mismatch between `program`'s imports and the linked modules."""
    matches = {name: _match_memories(program, iface) for name, iface in interfaces.items()}
    ours = data_memories(program)
    for decl in program.memories:
        if decl.imported and decl.import_module in interfaces:
            _check_memory_import(decl, interfaces[decl.import_module], sink)
            if decl.index in ours:
                _check_data_overlap(decl, interfaces[decl.import_module], sink)
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
        what = (msg.WHAT_EXPORTS_OTHER_KIND.format(kind=_kind(kind), name=name, wanted="a memory") if kind
                else msg.WHAT_EXPORTS_NOTHING.format(wanted="memory", name=name))
        d = sink.report(msg.MEMORY_NOT_EXPORTED(index=decl.index, module=iface.name, name=name, what=what),
                        decl.span).with_note(msg.NOTE_LINK_EXPORTS.format(module=iface.name,
                                                                          names=_list("memory", exported)))
        suggest_similar(d, None, name, {"a memory": exported})
        return
    mem = next(m for m in iface.memories if name in m.export_names)
    problems = []
    if decl.memory64 != mem.memory64:
        problems.append(msg.WHY_IS_64BIT if mem.memory64 else msg.WHY_IS_32BIT)
    if decl.shared != mem.shared:
        problems.append(msg.WHY_IS_SHARED if mem.shared else msg.WHY_NOT_SHARED)
    if mem.min_pages < decl.min_pages:
        problems.append(msg.WHY_MIN_BELOW.format(linked=mem.min_pages, declared=decl.min_pages))
    if decl.max_pages is not None and mem.max_pages is None:
        problems.append(msg.WHY_NO_MAX.format(declared=decl.max_pages))
    elif decl.max_pages is not None and mem.max_pages > decl.max_pages:  # type: ignore[operator]
        problems.append(msg.WHY_MAX_ABOVE.format(linked=mem.max_pages, declared=decl.max_pages))
    if not problems:
        return
    diag = sink.report(msg.LINKED_MEMORY_MISMATCH(index=decl.index, module=iface.name, name=name,
                                                  problems="; ".join(problems)), decl.span)
    diag.with_note(msg.NOTE_LINKED_MEMORY.format(module=iface.name, name=name, mem=mem.source_index,
                                                 limits=mem.limits()))
    diag.with_note(msg.NOTE_DECLARED_MEMORY.format(index=decl.index, limits=_limits(decl)))
    diag.with_help(msg.HELP_MATCH_MEMORY)


def _check_data_overlap(decl: MemoryDecl, iface: ModuleInterface, sink: DiagnosticSink) -> None:
    """L0008: this module lays out memory `decl.index`, which is a memory the
    linked module lays out too."""
    mem = next((m for m in iface.memories if (decl.import_name or "") in m.export_names), None)
    if mem is None or not mem.holds_data:
        return
    ours = msg.WHAT_STACK_AND_STATICS if decl.index == 0 else msg.WHAT_FAR_STATICS.format(mem=decl.index)
    theirs = msg.WHAT_STACK_AND_STATICS if mem.source_index == 0 else msg.WHAT_FAR_STATICS.format(
        mem=mem.source_index)
    sink.report(msg.SHARED_DATA_MEMORY(index=decl.index, module=iface.name, name=decl.import_name, mem=mem.source_index),
                decl.span).with_note(msg.NOTE_SHARED_DATA_MEMORY.format(ours=ours, theirs=theirs,
                                                                        module=iface.name)).with_help(
        msg.HELP_SHARED_DATA_MEMORY.format(module=iface.name))


def _limits(decl: MemoryDecl) -> str:
    return limits_text(decl.min_pages, decl.max_pages, decl.shared, decl.memory64)


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
        if isinstance(ty, SliceType):
            elem = self.render(ty.elem)
            return None if elem is None else f"[{elem}]"
        if isinstance(ty, TupleType):
            elems = [self.render(e) for e in ty.elems]
            if None in elems:
                return None
            return f"({elems[0]},)" if len(elems) == 1 else f"({', '.join(elems)})"  # type: ignore[arg-type]
        if isinstance(ty, FnType):
            # lib's own function pointer is an index into lib's table: a far one here
            params = [self.render(p) for p in ty.params]
            ret = self.render(ty.ret)
            if ty.far is not None or ret is None or None in params:
                return None
            return ty.written(self.iface.name, params, ret)  # type: ignore[arg-type]
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
    if isinstance(lib, SliceType) and isinstance(main, SliceType):
        return _compare(lib.elem, main.elem, tr, seen)
    if isinstance(lib, TupleType) and isinstance(main, TupleType):
        if len(lib.elems) != len(main.elems):
            return _Mismatch(lib, main)
        for lib_elem, main_elem in zip(lib.elems, main.elems):
            inner = _compare(lib_elem, main_elem, tr, seen)
            if inner is not None:
                return inner if inner.is_memory else _Mismatch(lib, main)
        return None
    if isinstance(lib, FnType) and isinstance(main, FnType):
        # lib's near function pointer indexes lib's table: main must hold it as `#[far(lib)]`
        # (one lib holds as far points into a third module's table, which main cannot name)
        if lib.far is not None or main.far != tr.iface.name or lib.unsafe != main.unsafe or lib.abi != main.abi \
                or len(lib.params) != len(main.params):
            return _Mismatch(lib, main)
        for lib_part, main_part in zip((*lib.params, lib.ret), (*main.params, main.ret)):
            inner = _compare(lib_part, main_part, tr, seen)
            if inner is not None:
                return inner if inner.is_memory else _Mismatch(lib, main)
        return None
    if isinstance(lib, EnumType) and isinstance(main, EnumType):
        return _compare_enums(lib, main, tr, seen)
    if isinstance(lib, StructType) and isinstance(main, StructType):
        if (lib.name, main.name) in seen:
            return None
        seen.add((lib.name, main.name))
        lib_fields = tr.iface.structs.get(lib.name, ())
        main_struct = tr.program.structs.get(main.name)
        main_fields = tuple(main_struct.fields) if main_struct is not None else ()
        if len(lib_fields) != len(main_fields):
            return _Mismatch(lib, main, detail=msg.WHY_FIELD_COUNT.format(
                name=main.name, count=msg.count(len(main_fields), "field"), module=tr.iface.name,
                lib_name=lib.name, expected=len(lib_fields)))
        for number, ((_, lf), (field_name, mf)) in enumerate(zip(lib_fields, main_fields), start=1):
            inner = _compare(lf, mf, tr, seen)
            if inner is not None and not inner.is_memory:
                return _Mismatch(lib, main, detail=inner.detail or msg.WHY_FIELD_TYPE.format(
                    number=number, field=field_name, name=main.name, found=mf, module=tr.iface.name,
                    lib_name=lib.name, expected=tr.render(lf) or lf))
            if inner is not None:
                field_path = msg.WHAT_FIELD_OF.format(field=field_name, name=main.name)
                return replace(inner, path=(field_path, *inner.path))
        return None
    return None if lib == main else _Mismatch(lib, main)


def _compare_enums(lib: EnumType, main: EnumType, tr: _Translation, seen: set[tuple[str, str]]) -> _Mismatch | None:
    """Two enum types agree when their tags, variants (names, discriminants)
    and every variant's fields do: then their layouts are one."""
    if (str(lib), str(main)) in seen:
        return None
    seen.add((str(lib), str(main)))
    shape = tr.iface.enums.get(str(lib))
    enum = tr.program.enums.get(main.name)
    if shape is None or enum is None:
        return _Mismatch(lib, main)
    mine = [(v.name, v.discriminant, enum.variant_types(main.args, i)) for i, v in enumerate(enum.variants)]
    theirs = [(name, discriminant, [ty for _, ty in fields]) for name, discriminant, fields in shape.variants]
    if shape.tag != enum.tag or [(n, d, len(f)) for n, d, f in mine] != [(n, d, len(f)) for n, d, f in theirs]:
        return _Mismatch(lib, main, detail=msg.WHY_ENUM_VARIANTS.format(name=main, module=tr.iface.name, lib_name=lib))
    for (name, _, main_fields), (_, _, lib_fields) in zip(mine, theirs):
        for number, (lf, mf) in enumerate(zip(lib_fields, main_fields), start=1):
            inner = _compare(lf, mf, tr, seen)
            if inner is not None and not inner.is_memory:
                return _Mismatch(lib, main, detail=inner.detail or msg.WHY_VARIANT_FIELD.format(
                    number=number, variant=name, name=main, found=mf, module=tr.iface.name, lib_name=lib,
                    expected=tr.render(lf) or lf))
            if inner is not None:
                return replace(inner, path=(msg.WHAT_VARIANT_FIELD_OF.format(number=number, variant=name, name=main),
                                            *inner.path))
    return None


def _check_function(fn: t.FnDef, iface: ModuleInterface, tr: _Translation, sink: DiagnosticSink) -> None:
    name = fn.import_name or fn.name
    kind = iface.exports.get(name)
    if kind != "func":
        exported = [n for n, k in iface.exports.items() if k == "func"]
        what = (msg.WHAT_EXPORTS_OTHER_KIND.format(kind=_kind(kind), name=name, wanted="a function") if kind
                else msg.WHAT_EXPORTS_NOTHING.format(wanted="function", name=name))
        d = sink.report(msg.FUNCTION_NOT_EXPORTED(fn=fn.name, module=iface.name, what=what), fn.span).with_note(
            msg.NOTE_LINK_EXPORTS.format(module=iface.name, names=_list("function", exported)))
        suggest_similar(d, None, name, {"a function": exported})
        return
    if not aggregates_fit(fn, iface, sink):
        return
    if iface.functions is None:
        _check_wasm_level(fn, name, iface, sink)
        return
    sig = iface.functions.get(name)
    if sig is None:
        sink.report(msg.FUNCTION_NOT_DESCRIBED(module=iface.name, name=name), fn.span).with_note(
            msg.NOTE_INTERFACE_STALE)
        return
    lib_decl = tr.render_sig(fn, sig)
    if len(sig.params) != len(fn.params):
        diag = sink.report(msg.FAR_PARAM_COUNT(fn=fn.name, count=msg.count(len(fn.params), "parameter"),
                                               module=iface.name, name=name, expected=len(sig.params)), fn.span)
        _explain(diag, iface, name, sig, lib_decl)
        return
    for lib_ty, param in zip(sig.params, fn.params):
        found = _compare(lib_ty, param.ty, tr, set())
        if found is not None:
            _report(fn, msg.WHAT_PARAMETER.format(name=param.name), param.span, found, (lib_ty, param.ty),
                    iface, name, sig, lib_decl, tr, sink)
    found = _compare(sig.ret, fn.ret, tr, set())
    if found is not None:
        _report(fn, msg.WHAT_RETURN_TYPE, fn.span, found, (sig.ret, fn.ret), iface, name, sig, lib_decl, tr, sink)


def aggregates_fit(fn: t.FnDef, iface: ModuleInterface, sink: DiagnosticSink) -> bool:
    """False (with L0007) when `fn` passes or returns an aggregate by value.

    The C ABI passes an aggregate as the address of a copy in the caller's
    memory 0 and returns one through an address there: the callee reads (or
    writes) that address in *its* memory 0. Even a memory 0 both modules
    share would not do: each module keeps its stack there from the same
    start address, so the callee's frames overwrite the caller's copy."""
    fits = True
    for param in fn.params:
        if is_aggregate(param.ty):
            fits = False
            sink.report(msg.FAR_AGGREGATE_PARAM(what=msg.WHAT_PARAMETER.format(name=param.name), fn=fn.name,
                                                ty=param.ty), param.span, msg.LABEL_FAR_AGGREGATE).with_note(
                msg.NOTE_FAR_AGGREGATE_PARAM.format(kind=aggregate_kind(param.ty), module=iface.name)).with_help(
                msg.HELP_FAR_AGGREGATE.format(module=iface.name))
    if is_aggregate(fn.ret):
        fits = False
        sink.report(msg.FAR_AGGREGATE_RESULT(fn=fn.name, ty=fn.ret), fn.span).with_note(
            msg.NOTE_FAR_AGGREGATE_RESULT.format(kind=aggregate_kind(fn.ret), module=iface.name)).with_help(
            msg.HELP_FAR_AGGREGATE.format(module=iface.name))
    return fits


def check_static_far_calls(modules: dict[str, ModuleInterface], sink: DiagnosticSink) -> None:
    """L0007 for the far calls between modules merged statically (`farc link`) that pass or
    return an aggregate by value. The importer may have been built without `--link`, so
    the callee's farc signature decides: an aggregate there is one by value in every caller."""
    for importer_name, importer in modules.items():
        for module, name in importer.function_imports:
            callee = modules.get(module)
            if callee is None or callee.functions is None:
                continue
            sig = callee.functions.get(name)
            if sig is None:
                continue
            names = list(sig.param_names) + ["_"] * (len(sig.params) - len(sig.param_names))
            for param_name, ty in zip(names, sig.params):
                if is_aggregate(ty):
                    sink.report(msg.STATIC_FAR_AGGREGATE(importer=importer_name, module=module, name=name,
                                                         what=msg.WHAT_PARAMETER.format(name=param_name), ty=ty,
                                                         verb="pass")).with_note(
                        msg.NOTE_FAR_AGGREGATE_PARAM.format(kind=aggregate_kind(ty), module=module))
            if is_aggregate(sig.ret):
                sink.report(msg.STATIC_FAR_AGGREGATE(importer=importer_name, module=module, name=name,
                                                     what=msg.WHAT_RESULT, ty=sig.ret, verb="return")).with_note(
                    msg.NOTE_FAR_AGGREGATE_RESULT.format(kind=aggregate_kind(sig.ret), module=module))


def aggregate_kind(ty: Type) -> str:
    if isinstance(ty, StructType):
        return msg.WHAT_KIND_STRUCT
    if isinstance(ty, TupleType):
        return msg.WHAT_KIND_TUPLE
    if isinstance(ty, ArrayType):
        return msg.WHAT_KIND_ARRAY
    if isinstance(ty, EnumType):
        return msg.WHAT_KIND_ENUM
    return msg.WHAT_KIND_SLICE


def _report(fn: t.FnDef, what: str, span, found: _Mismatch, types: tuple[Type, Type], iface: ModuleInterface,
            name: str, sig: FnSig, lib_decl: str | None, tr: _Translation, sink: DiagnosticSink) -> None:
    """One L0002 or L0003; `types` are lib's and main's whole parameter (or return) types."""
    if not found.is_memory:
        lib_ty, main_ty = types
        diag = sink.report(msg.FAR_TYPE_MISMATCH(what=what, fn=fn.name, found=main_ty, module=iface.name,
                                                 name=name, expected=tr.render(lib_ty) or lib_ty), span)
        if found.detail:
            diag.with_note(found.detail)
        _explain(diag, iface, name, sig, lib_decl)
        return
    lib_mem = found.lib_mem
    main_mem = found.main_type.mem  # type: ignore[union-attr]
    mems = sorted(tr.main_memories(lib_mem))  # type: ignore[arg-type]
    whose = msg.WHY_ITS_MEMORY_0 if lib_mem == 0 else msg.WHY_ITS_MEMORY.format(mem=lib_mem)
    if mems:
        where = msg.WHY_IMPORTED_AS.format(mems=" or ".join(map(str, mems)))
    else:
        where = msg.WHY_NOT_IMPORTED
    verb = "returns" if what == msg.WHAT_RETURN_TYPE else "takes"
    subject = f"{what} of `{fn.name}`"
    if found.path:
        subject = msg.WHAT_IN_PARAMETER.format(fields=" in ".join(reversed(found.path)), what=what, fn=fn.name)
        verb = "expects"
    diag = sink.report(msg.FAR_POINTER_MEMORY(subject=subject, found=main_mem, module=iface.name, name=name,
                                              verb=verb, whose=whose, where=where), span,
                       msg.LABEL_POINTER_INTO.format(mem=main_mem))
    diag.with_note(msg.NOTE_FAR_CALL_ADDRESS)
    if not mems:
        facts = iface.memory(lib_mem)  # type: ignore[arg-type]
        exports = facts.export_names if facts is not None else ()
        if exports:
            free = max((d.index for d in tr.program.memories), default=0) + 1
            diag.with_help(msg.HELP_IMPORT_LINKED_MEMORY.format(free=free, module=iface.name, export=exports[0]))
        else:
            diag.with_note(msg.NOTE_MEMORY_PRIVATE.format(module=iface.name, mem=lib_mem))
        return
    if found.path:
        rendered = tr.render(found.lib_type)
        if rendered is not None:
            diag.with_help(msg.HELP_DECLARE_FIELD_AS.format(field=found.path[-1], declaration=rendered))
        return
    _explain(diag, iface, name, sig, lib_decl)


def _explain(diag, iface: ModuleInterface, name: str, sig: FnSig, lib_decl: str | None) -> None:
    diag.with_note(msg.NOTE_LINKED_DECLARES.format(module=iface.name, signature=sig.render(name)))
    if lib_decl is not None:
        diag.with_help(msg.HELP_DECLARE_AS.format(declaration=lib_decl))


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
        sink.report(msg.WASM_SIGNATURE_MISMATCH(fn=fn.name, module=iface.name, name=name), fn.span).with_note(
            msg.NOTE_WASM_SIGNATURE_ONLY.format(module=iface.name, name=name, params=", ".join(params),
                                                results=", ".join(results)))
