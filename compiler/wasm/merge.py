"""Static linking: merge farc modules into one module, memories kept apart.

`merge([main, lib, ...])` makes one module that behaves like the modules
instantiated together (`farc run --link`), with no host wiring: an import of
one input from another (`lib.checksum`, `lib.memory`) becomes a reference to
that input's definition, so a far call is a direct `call` and a memory one
module imports from another is that module's memory, under one index. Every
memory keeps its own index in the result: each module's memory 0 becomes a
memory of its own, so isolation between modules is exactly what it was
(checked by `farc audit`). Imports from outside the inputs (the host's `env`
functions, a memory from `host`) stay imports; two inputs importing the same
outside item share one import, as they would share the host's object.

Order, and why: functions, memories, tables, globals and tags of the inputs
are numbered in input order after the remaining imports, so the main module
(first) keeps its memory 0 as wasm memory 0 when it imports no other memory
from outside (engines run memory 0 fastest). Data and element segments and
start functions run in instantiation order (the links, in order, then main),
as in the linked run. The result exports what the main module exports; the
other inputs' exports only serve the imports they resolve.

The name section keeps every function, memory, global and data segment
name, the non-main ones prefixed with their module's name (`lib.checksum`),
so traps and `farc audit` name functions in the merged module.

This is farc's own merger on `compiler.wasm.binary` rather than Binaryen's
`wasm-merge`: see docs/design.md ("Static linking") for the comparison.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .binary import DATA as DATA_SECTION
from .binary import (
    KIND_FUNC, KIND_GLOBAL, KIND_MEMORY, KIND_NAMES, KIND_TABLE, KIND_TAG, CustomSection, DataSegment,
    Element, Export, FuncBody, FuncType, Global, Import, MemType, Module, NameSection, decode_bodies,
    encode_module, parse_module,
)
from .encoding import DecodeError, Reader, uleb
from .instructions import (
    BLOCKTYPE, CATCHES, DATA, ELEM, FUNC, GLOBAL, HEAPTYPE, MEM, MEMARG, TABLE, TAG, TYPE, VALTYPES,
    Catch, Instr, Memarg,
)
from .passes import features

KINDS = (KIND_FUNC, KIND_TABLE, KIND_MEMORY, KIND_GLOBAL, KIND_TAG)
#: Sections merged by meaning; every other custom section (producers, farc.interface) describes one
#: input and is dropped.
KEPT_CUSTOM = ("name", features.SECTION)


class MergeError(Exception):
    """The inputs cannot be merged (a missing export, a type mismatch, a cycle)."""

    def __init__(self, message: str, *notes: str) -> None:
        super().__init__(message)
        self.message = message
        self.notes = list(notes)


@dataclass(frozen=True)
class MergeInput:
    """One module to merge and the import module name the others use for it."""

    name: str
    wasm: bytes


@dataclass
class _Input:
    name: str
    module: Module
    main: bool
    #: per kind: the module's index -> the result's index
    maps: dict[int, dict[int, int]] = field(default_factory=dict)
    types: dict[int, int] = field(default_factory=dict)
    data: dict[int, int] = field(default_factory=dict)
    elems: dict[int, int] = field(default_factory=dict)

    def imports(self, kind: int) -> list[Import]:
        return self.module.imports_of(kind)

    def defined(self, kind: int) -> list:
        m = self.module
        return {KIND_FUNC: m.functions, KIND_TABLE: m.tables, KIND_MEMORY: m.memories,
                KIND_GLOBAL: m.globals, KIND_TAG: m.tags}[kind]

    def count(self, kind: int) -> int:
        return len(self.imports(kind)) + len(self.defined(kind))

    def prefixed(self, name: str) -> str:
        return name if self.main else f"{self.name}.{name}"


def merge(inputs: list[MergeInput]) -> bytes:
    """The merged module; `inputs[0]` is the main module, the rest in instantiation order.

    Raises MergeError (or DecodeError for an unreadable input)."""
    if not inputs:
        raise MergeError("nothing to merge")
    names = [i.name for i in inputs]
    if len(set(names)) != len(names):
        raise MergeError("two modules to merge have the same name")
    parsed = []
    for n, item in enumerate(inputs):
        module = parse_module(item.wasm)
        decode_bodies(module)
        parsed.append(_Input(item.name, module, n == 0))
    return encode_module(_Merger(parsed).run())


class _Merger:
    def __init__(self, inputs: list[_Input]) -> None:
        self.inputs = inputs
        self.by_name = {i.name: i for i in inputs}
        self.out = Module()
        self.type_index: dict[FuncType, int] = {}
        #: outside imports of the result, by (module, name, kind) -> index among that kind's imports
        self.outside: dict[tuple[str, str, int], int] = {}
        self.import_counts = {kind: 0 for kind in KINDS}
        #: (input name, kind, index) being resolved: an import cycle without a definition
        self.resolving: set[tuple[str, int, int]] = set()
        #: the synthesized start function (index, name) when several inputs have one
        self.start_name: tuple[int, str] | None = None

    # ----- the steps -----
    def run(self) -> Module:
        for inp in self.inputs:
            self._check_concrete_types(inp)
            inp.types = {i: self._type(t) for i, t in enumerate(inp.module.types)}
        self._collect_outside_imports()
        base = {kind: self.import_counts[kind] for kind in KINDS}
        for inp in self.inputs:
            for kind in KINDS:
                first_defined = len(inp.imports(kind))
                for i in range(first_defined, inp.count(kind)):
                    inp.maps.setdefault(kind, {})[i] = base[kind] + i - first_defined
                base[kind] += len(inp.defined(kind))
        for inp in self.inputs:
            for kind in KINDS:
                for i, imp in enumerate(inp.imports(kind)):
                    inp.maps.setdefault(kind, {})[i] = self._resolve(inp, kind, i, imp)
        self._segment_indices()
        self._definitions()
        self._segments()
        self._exports_and_start()
        self._names()
        self._features()
        return self.out

    def _type(self, ftype: FuncType) -> int:
        if ftype not in self.type_index:
            self.type_index[ftype] = len(self.out.types)
            self.out.types.append(ftype)
        return self.type_index[ftype]

    def _check_concrete_types(self, inp: _Input) -> None:
        """Typed function references would need their heap types renumbered everywhere; farc emits none."""
        raw = [v for t in inp.module.types for v in (*t.params, *t.results)]
        raw += [t for body in inp.module.code for _, t in body.locals]
        if any(v[:1] in (b"\x63", b"\x64") for v in raw):
            raise MergeError(f"module `{inp.name}` uses typed function references, which `farc link` "
                             "does not merge")

    def _collect_outside_imports(self) -> None:
        for inp in self.inputs:
            for imp in inp.module.imports:
                if imp.module in self.by_name:
                    continue
                key = (imp.module, imp.name, imp.kind)
                desc = self._outside_desc(inp, imp)
                if key in self.outside:
                    self._share_import(key, desc)
                    continue
                self.outside[key] = self.import_counts[imp.kind]
                self.import_counts[imp.kind] += 1
                self.out.imports.append(Import(imp.module, imp.name, imp.kind, desc))

    def _outside_desc(self, inp: _Input, imp: Import):
        if imp.kind == KIND_FUNC:
            return inp.types[imp.desc]  # type: ignore[index]
        if imp.kind == KIND_TAG:
            return self._tag_type(inp, imp.desc)  # type: ignore[arg-type]
        return imp.desc

    def _share_import(self, key: tuple[str, str, int], desc) -> None:
        """Two inputs import the same outside item: one import must satisfy both."""
        existing = next(i for i in self.out.imports if (i.module, i.name, i.kind) == key)
        what = f"`{key[0]}.{key[1]}`"
        if key[2] == KIND_MEMORY:
            a, b = existing.desc, desc
            if a.shared != b.shared or a.memory64 != b.memory64:  # type: ignore[union-attr]
                raise MergeError(f"two modules import memory {what} as different kinds of memory")
            maxima = [m for m in (a.max, b.max) if m is not None]  # type: ignore[union-attr]
            existing.desc = MemType(max(a.min, b.min), min(maxima) if maxima else None,  # type: ignore[union-attr]
                                    a.shared, a.memory64)  # type: ignore[union-attr]
        elif existing.desc != desc:
            raise MergeError(f"two modules import {KIND_NAMES[key[2]]} {what} with different types")

    def _resolve(self, inp: _Input, kind: int, index: int, imp: Import) -> int:
        """The result's index of import `index` (of `kind`) of `inp`."""
        if imp.module not in self.by_name:
            return self.outside[(imp.module, imp.name, kind)]
        target = self.by_name[imp.module]
        export = next((e for e in target.module.exports if e.name == imp.name and e.kind == kind), None)
        if export is None:
            raise MergeError(f"module `{inp.name}` imports {KIND_NAMES[kind]} `{imp.module}.{imp.name}`, "
                             f"which `{imp.module}` does not export")
        self._check_import_type(inp, imp, target, export)
        key = (target.name, kind, export.index)
        if export.index in target.maps.get(kind, {}):
            return target.maps[kind][export.index]
        if key in self.resolving:
            raise MergeError(f"`{imp.module}.{imp.name}` is imported in a cycle and defined by no module")
        self.resolving.add(key)
        target_import = target.imports(kind)[export.index]
        result = self._resolve(target, kind, export.index, target_import)
        target.maps.setdefault(kind, {})[export.index] = result
        self.resolving.discard(key)
        return result

    def _check_import_type(self, inp: _Input, imp: Import, target: _Input, export: Export) -> None:
        what = f"`{imp.module}.{imp.name}`"
        if imp.kind == KIND_FUNC:
            wanted = inp.module.types[imp.desc]  # type: ignore[index]
            actual = target.module.func_type(export.index)
            if wanted != actual:
                raise MergeError(f"module `{inp.name}` imports function {what} with another signature than "
                                 f"`{imp.module}` defines it")
        elif imp.kind == KIND_MEMORY:
            wanted = imp.desc
            actual = target.module.memory_types()[export.index]
            fits = (wanted.shared == actual.shared and wanted.memory64 == actual.memory64  # type: ignore[union-attr]
                    and actual.min >= wanted.min  # type: ignore[union-attr]
                    and (wanted.max is None or (actual.max is not None and actual.max <= wanted.max)))  # type: ignore[union-attr]
            if not fits:
                raise MergeError(f"module `{inp.name}` imports memory {what} with limits its memory does not have",
                                 f"imported as {wanted}, defined as {actual}")

    # ----- definitions and code -----
    def _definitions(self) -> None:
        out = self.out
        for inp in self.inputs:
            m = inp.module
            out.functions += [inp.types[t] for t in m.functions]
            out.tables += m.tables
            out.memories += m.memories
            out.tags += [self._tag_type(inp, t) for t in m.tags]
        for inp in self.inputs:
            for g in inp.module.globals:
                out.globals.append(Global(g.type, self._code(inp, g.init)))
        for inp in self.inputs:
            for body in inp.module.code:
                out.code.append(FuncBody(body.locals, b"", -1, self._code(inp, body.instrs or [])))

    def _tag_type(self, inp: _Input, raw: bytes) -> bytes:
        r = Reader(raw)
        attribute, type_index = r.u8(), r.u32()
        return bytes([attribute]) + uleb(inp.types[type_index])

    def _init_order(self) -> list[_Input]:
        """Instantiation order: the links as given, then main."""
        return self.inputs[1:] + self.inputs[:1]

    def _segment_indices(self) -> None:
        """Data and element segments are numbered in instantiation order (bodies refer to them)."""
        data = elems = 0
        for inp in self._init_order():
            for i in range(len(inp.module.data)):
                inp.data[i] = data
                data += 1
            for i in range(len(inp.module.elements)):
                inp.elems[i] = elems
                elems += 1

    def _segments(self) -> None:
        for inp in self._init_order():
            for seg in inp.module.data:
                if seg.offset is None:
                    self.out.data.append(DataSegment(seg.data))
                else:
                    self.out.data.append(DataSegment(seg.data, inp.maps[KIND_MEMORY][seg.memory],
                                                     self._code(inp, seg.offset)))
            for seg in inp.module.elements:
                self.out.elements.append(self._element(inp, seg))
        if any(i.module.datacount is not None for i in self.inputs):
            self.out.datacount = len(self.out.data)

    def _element(self, inp: _Input, seg: Element) -> Element:
        funcs = inp.maps.get(KIND_FUNC, {})
        flags, table, kind = seg.flags, seg.table, seg.kind
        if seg.offset is not None:  # active: its table is renumbered, and must then be explicit
            table = inp.maps[KIND_TABLE][seg.table]
            if table != 0 and flags in (0, 4):
                flags, kind = flags + 2, (b"\x00" if flags == 0 else b"\x70")
        return Element(
            flags, table,
            self._code(inp, seg.offset) if seg.offset is not None else None,
            kind,
            [funcs[f] for f in seg.funcs] if seg.funcs is not None else None,
            [self._code(inp, e) for e in seg.exprs] if seg.exprs is not None else None,
        )

    def _exports_and_start(self) -> None:
        main = self.inputs[0]
        self.out.exports = [Export(e.name, e.kind, main.maps[e.kind][e.index]) for e in main.module.exports]
        starts = [i.maps[KIND_FUNC][i.module.start] for i in self._init_order() if i.module.start is not None]
        if len(starts) == 1:
            self.out.start = starts[0]
        elif starts:  # one start function that runs each module's in instantiation order
            self.out.functions.append(self._type(FuncType((), ())))
            body = [Instr.make("call", s) for s in starts] + [Instr.make("end")]
            self.out.code.append(FuncBody([], b"", -1, body))
            self.out.start = self.import_counts[KIND_FUNC] + len(self.out.functions) - 1
            self.start_name = (self.out.start, "farc.start")

    def _code(self, inp: _Input, instrs: list[Instr]) -> list[Instr]:
        return [self._instr(inp, i) for i in instrs]

    def _instr(self, inp: _Input, instr: Instr) -> Instr:
        kinds = instr.op.imms
        if not kinds:
            return instr
        new = []
        for kind, value in zip(kinds, instr.imm):
            new.append(self._immediate(inp, kind, value))
        return Instr(instr.op, tuple(new), instr.offset)

    def _immediate(self, inp: _Input, kind: str, value):
        maps = inp.maps
        if kind == FUNC:
            return maps[KIND_FUNC][value]
        if kind == MEMARG:
            return Memarg(value.align, maps[KIND_MEMORY][value.mem], value.offset)
        if kind == MEM:
            return maps[KIND_MEMORY][value]
        if kind == GLOBAL:
            return maps[KIND_GLOBAL][value]
        if kind == TABLE:
            return maps[KIND_TABLE][value]
        if kind == TAG:
            return maps[KIND_TAG][value]
        if kind == TYPE:
            return inp.types[value]
        if kind == DATA:
            return inp.data.get(value, value)
        if kind == ELEM:
            return inp.elems.get(value, value)
        if kind == BLOCKTYPE and isinstance(value, int):
            return inp.types[value]
        if kind == HEAPTYPE and value >= 0:
            return inp.types[value]
        if kind == CATCHES:
            return tuple(Catch(c.kind, maps[KIND_TAG][c.tag] if c.tag is not None else None, c.label)
                         for c in value)
        if kind == VALTYPES and any(v[:1] in (b"\x63", b"\x64") for v in value):
            raise MergeError(f"module `{inp.name}` uses typed function references, which `farc link` "
                             "does not merge")
        return value

    # ----- custom sections -----
    def _names(self) -> None:
        names = NameSection(self.inputs[0].module.names.module if self.inputs[0].module.names else None)
        kind_of_map = {1: KIND_FUNC, 5: KIND_TABLE, 6: KIND_MEMORY, 7: KIND_GLOBAL, 11: KIND_TAG}
        # definitions' names win over the names importers gave the same item
        for defined_first in (True, False):
            for inp in self.inputs:
                src = inp.module.names
                if src is None:
                    continue
                for sid, kind in kind_of_map.items():
                    nimports = len(inp.imports(kind))
                    for index, name in src.maps.get(sid, {}).items():
                        if (index >= nimports) != defined_first or index not in inp.maps.get(kind, {}):
                            continue
                        target = names.maps.setdefault(sid, {})
                        target.setdefault(inp.maps[kind][index], inp.prefixed(name))
                for index, name in src.maps.get(9, {}).items():
                    if defined_first and index in inp.data:
                        names.maps.setdefault(9, {})[inp.data[index]] = inp.prefixed(name)
                if defined_first:
                    for index, locals_ in src.indirect.get(2, {}).items():
                        if index >= len(inp.imports(KIND_FUNC)):
                            names.indirect.setdefault(2, {})[inp.maps[KIND_FUNC][index]] = dict(locals_)
        if self.start_name is not None:
            names.functions[self.start_name[0]] = self.start_name[1]
        self.out.names = names
        self.out.customs = [CustomSection("name", b"", DATA_SECTION)]

    def _features(self) -> None:
        entries: list[tuple[int, str]] = []
        for inp in self.inputs:
            section = next((c for c in inp.module.customs if c.name == features.SECTION), None)
            if section is None:
                continue
            try:
                found = features.read_entries(section.payload)
            except DecodeError:
                continue
            entries += [e for e in found if e not in entries]
        self.out.customs.append(CustomSection(features.SECTION, features.write_entries(entries), DATA_SECTION))
        features.run(self.out)
