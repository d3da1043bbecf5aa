"""Who touches which memory: an audit of a finished module, from its code.

`farc audit app.wasm` and `farc build --emit memory-map` report, from the
final wasm (after inlining, linking and merging: what an engine will run),
for every function:

* which memories it accesses itself, by kind - reads (loads, lane loads,
  atomic loads, `memory.atomic.wait`), writes (stores, lane stores,
  `memory.fill`, `memory.init`), both (atomic read-modify-write), `memory.size`,
  `memory.grow` - with each instruction and how many times it occurs, and the
  `memory.copy` pairs (destination, source);
* whom it calls: direct calls, and indirect calls through a table with the
  functions that table can hold with that type (the call graph of the module);
* which memories it can reach through those calls and by which functions;
* which functions can reach it (its callers, transitively), and whether
  code outside the module can call it directly: exported, the start function,
  or in a table that is imported or exported (outside code can call it there).

and for every memory: its wasm index, name, limits, whether it is imported
(from where) and under which names it is exported.

The analysis walks the decoded instruction model (`instructions.Instr`,
`memory_indices`): what an instruction does to memory follows from its
opcode's immediates and name, so a new opcode with a memarg is counted
without this file changing. Indirect calls are resolved conservatively: a
`call_indirect` on table T with type t can reach every function of type t
placed in T by an element segment, and, when the module changes tables at
run time (`table.set`, `table.grow`, ...) or T comes from outside, every
function of type t whose reference escapes (exported, `ref.func`, in any
element segment). `compiler.wasm.isolation` checks memory policies on this
model.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .binary import KIND_FUNC, KIND_MEMORY, KIND_TABLE, FuncType, MemType, Module, decode_bodies, parse_module
from .instructions import MEM, MEMARG, TABLE, Instr, VALTYPE_NAMES

#: How an access counts, by the access kinds `MemoryUse` keeps.
READ, WRITE, SIZE, GROW = "read", "write", "size", "grow"
ACCESS_KINDS = (READ, WRITE, SIZE, GROW)
_TABLE_MUTATIONS = frozenset({"table.set", "table.grow", "table.fill", "table.init", "table.copy"})


def access_kinds(instr: Instr) -> list[tuple[int, str]]:
    """(memory index, access kind) for each memory `instr` touches; empty for other instructions.

    `memory.copy` writes its first memory and reads its second."""
    name = instr.name
    if name == "memory.copy":
        return [(instr.imm[0], WRITE), (instr.imm[1], READ)]
    if name == "memory.size":
        return [(instr.imm[0], SIZE)]
    if name == "memory.grow":
        return [(instr.imm[0], GROW)]
    if name in ("memory.fill", "memory.init"):
        mem = instr.imm[0] if name == "memory.fill" else instr.imm[1]
        return [(mem, WRITE)]
    memargs = [v.mem for k, v in zip(instr.op.imms, instr.imm) if k == MEMARG]
    if not memargs:
        return []
    mem = memargs[0]
    if ".atomic.rmw" in name:
        return [(mem, READ), (mem, WRITE)]
    if "store" in name:
        return [(mem, WRITE)]
    if name == "memory.atomic.notify":
        return [(mem, WRITE)]  # wakes waiters: an effect on the memory's shared state
    return [(mem, READ)]  # loads, lane loads, splats, zero-extending loads, atomic loads and waits


@dataclass
class MemoryUse:
    """One function's own accesses to one memory: instruction name -> count, by kind."""

    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in ACCESS_KINDS})

    def add(self, kind: str, instr_name: str) -> None:
        self.counts[kind][instr_name] += 1

    def kinds(self) -> list[str]:
        return [k for k in ACCESS_KINDS if self.counts[k]]

    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())


@dataclass
class IndirectCall:
    """A `call_indirect` (or `call_ref`) site group: the functions it can reach."""

    table: int | None  # None for call_ref
    type: FuncType
    targets: set[int]
    #: the table comes from outside, or is changed at run time by code outside the module's control
    open: bool
    count: int = 0


@dataclass
class MemoryInfo:
    index: int
    name: str
    type: MemType
    imported_from: tuple[str, str] | None
    exported_as: list[str]


@dataclass
class FunctionAudit:
    index: int
    name: str
    type: FuncType
    imported_from: tuple[str, str] | None
    exported_as: list[str]
    #: outside code can call it: exported, the start function, or in a table that is imported or exported
    entry: bool = False
    in_table: bool = False
    uses: dict[int, MemoryUse] = field(default_factory=dict)
    copies: Counter = field(default_factory=Counter)  # (destination memory, source memory) -> count
    calls: Counter = field(default_factory=Counter)  # direct callee -> call sites
    indirect: list[IndirectCall] = field(default_factory=list)
    #: filled by the call-graph pass
    callees: set[int] = field(default_factory=set)  # every function one call can reach
    reachable: set[int] = field(default_factory=set)  # every function a chain of calls can reach
    callers: set[int] = field(default_factory=set)  # every function that can reach this one

    def touches(self, mem: int) -> bool:
        return mem in self.uses


@dataclass
class Audit:
    memories: list[MemoryInfo]
    functions: list[FunctionAudit]
    start: int | None

    def function(self, name: str) -> FunctionAudit:
        return next(f for f in self.functions if f.name == name)

    def memory_name(self, index: int) -> str:
        return self.memories[index].name

    def reaches(self, func: FunctionAudit) -> dict[int, set[int]]:
        """memory -> the functions reachable through `func`'s calls that access it themselves."""
        found: dict[int, set[int]] = {}
        for other in sorted(func.reachable):
            for mem in self.functions[other].uses:
                found.setdefault(mem, set()).add(other)
        return found

    def accessors(self, mem: int) -> list[FunctionAudit]:
        """The functions that access memory `mem` themselves."""
        return [f for f in self.functions if f.touches(mem)]

    # ----- output -----
    def to_json(self) -> dict:
        names = [f.name for f in self.functions]
        return {
            "memories": [
                {"index": m.index, "name": m.name, "min": m.type.min, "max": m.type.max,
                 "shared": m.type.shared, "memory64": m.type.memory64,
                 "imported_from": ".".join(m.imported_from) if m.imported_from else None,
                 "exported_as": m.exported_as}
                for m in self.memories
            ],
            "functions": [self._function_json(f, names) for f in self.functions],
            "start": names[self.start] if self.start is not None else None,
        }

    def _function_json(self, f: FunctionAudit, names: list[str]) -> dict:
        mem = self.memory_name
        return {
            "index": f.index,
            "name": f.name,
            "type": render_type(f.type),
            "imported_from": ".".join(f.imported_from) if f.imported_from else None,
            "exported_as": f.exported_as,
            "entry": f.entry,
            "in_table": f.in_table,
            "accesses": {mem(m): {k: dict(sorted(use.counts[k].items())) for k in use.kinds()}
                         for m, use in sorted(f.uses.items())},
            "copies": [{"destination": mem(d), "source": mem(s), "count": n} for (d, s), n in sorted(f.copies.items())],
            "calls": {names[c]: n for c, n in sorted(f.calls.items())},
            "indirect_calls": [
                {"table": ic.table, "type": render_type(ic.type), "count": ic.count, "open": ic.open,
                 "targets": sorted(names[t] for t in ic.targets)}
                for ic in f.indirect
            ],
            "reaches": {mem(m): sorted(names[g] for g in gs) for m, gs in sorted(self.reaches(f).items())},
            "reached_from": sorted(names[c] for c in f.callers),
        }

    def json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2)

    def render(self) -> str:
        """The readable table."""
        lines = ["memories", f"  {'wasm':<5} {'name':<16} {'limits':<22} {'imported from':<20} exported as"]
        for m in self.memories:
            limits = f"min {m.type.min}" + (f" max {m.type.max}" if m.type.max is not None else "")
            limits += " shared" if m.type.shared else ""
            limits += " i64" if m.type.memory64 else ""
            origin = ".".join(m.imported_from) if m.imported_from else "-"
            lines.append(f"  {m.index:<5} {m.name:<16} {limits:<22} {origin:<20} {', '.join(m.exported_as) or '-'}")
        lines.append("")
        lines.append("functions")
        for f in self.functions:
            lines += self._render_function(f)
        return "\n".join(lines) + "\n"

    def _render_function(self, f: FunctionAudit) -> list[str]:
        names = [g.name for g in self.functions]
        tags = []
        if f.imported_from:
            tags.append(f"imported from {'.'.join(f.imported_from)}")
        if f.exported_as:
            tags.append("exported as " + ", ".join(f.exported_as))
        if f.in_table:
            tags.append("in a table")
        if self.start == f.index:
            tags.append("start")
        out = [f"  {f.name}" + (f"  [{'; '.join(tags)}]" if tags else "")]
        for m, use in sorted(f.uses.items()):
            for kind in use.kinds():
                detail = ", ".join(f"{n} x{c}" for n, c in sorted(use.counts[kind].items()))
                out.append(f"    {self.memory_name(m):<14} {kind:<6} {detail}")
        for (d, s), n in sorted(f.copies.items()):
            out.append(f"    {'copy':<14} {self.memory_name(s)} -> {self.memory_name(d)} x{n}")
        if f.calls:
            out.append("    calls          " + ", ".join(names[c] for c in sorted(f.calls)))
        for ic in f.indirect:
            where = f"table {ic.table}" if ic.table is not None else "call_ref"
            targets = ", ".join(sorted(names[t] for t in ic.targets)) or "none"
            out.append(f"    calls through  {where} {render_type(ic.type)}: {targets}" + (" (+ outside)" if ic.open else ""))
        for m, gs in sorted(self.reaches(f).items()):
            out.append(f"    reaches        {self.memory_name(m)} through " + ", ".join(sorted(names[g] for g in gs)))
        if f.uses and f.callers:
            out.append("    reached from   " + ", ".join(sorted(names[c] for c in f.callers)))
        return out


def render_type(ftype: FuncType) -> str:
    def names(types) -> str:
        return ", ".join(VALTYPE_NAMES.get(t[0], "ref") for t in types)
    return f"({names(ftype.params)}) -> ({names(ftype.results)})"


# ---------------------------------------------------------------------------
# The analysis


def audit_wasm(wasm: bytes) -> Audit:
    """The audit of a binary module; raises DecodeError / BodyDecodeError if it cannot be read."""
    return audit(decode_bodies(parse_module(wasm)))


def audit(module: Module) -> Audit:
    """The audit of a module whose bodies are decoded."""
    memories = _memories(module)
    functions = _functions(module)
    nimported = module.num_imported_funcs
    escaped = _escaped_functions(module)
    mutates_tables = False
    for i, body in enumerate(module.code):
        func = functions[nimported + i]
        assert body.instrs is not None, "decode_bodies first"
        for instr in body.instrs:
            _record(func, instr, module.types)
            mutates_tables |= instr.name in _TABLE_MUTATIONS
    tables = _table_contents(module)
    exposed = _exposed_tables(module)
    for func in functions:
        for ic in func.indirect:
            ic.open = ic.table is None or ic.table in exposed or mutates_tables
            members = set(tables.get(ic.table, set())) if ic.table is not None else set()
            if ic.open:
                members |= escaped
            ic.targets = {t for t in members if functions[t].type == ic.type}
    for members in tables.values():
        for t in members:
            functions[t].in_table = True
    for t in exposed:
        for member in tables.get(t, set()):
            functions[member].entry = True
    if module.start is not None:
        functions[module.start].entry = True
    _call_graph(functions)
    return Audit(memories, functions, module.start)


def _memories(module: Module) -> list[MemoryInfo]:
    imported = module.imports_of(KIND_MEMORY)
    names = module.names.maps.get(6, {}) if module.names is not None else {}
    out = []
    for i, mtype in enumerate(module.memory_types()):
        origin = (imported[i].module, imported[i].name) if i < len(imported) else None
        exports = [e.name for e in module.exports if e.kind == KIND_MEMORY and e.index == i]
        out.append(MemoryInfo(i, names.get(i, f"memory[{i}]"), mtype, origin, exports))
    return out


def _functions(module: Module) -> list[FunctionAudit]:
    imported = module.imports_of(KIND_FUNC)
    out = []
    for i in range(module.num_imported_funcs + len(module.functions)):
        origin = (imported[i].module, imported[i].name) if i < len(imported) else None
        exports = [e.name for e in module.exports if e.kind == KIND_FUNC and e.index == i]
        out.append(FunctionAudit(i, module.function_name(i), module.func_type(i), origin, exports,
                                 entry=bool(exports)))
    return out


def _record(func: FunctionAudit, instr: Instr, types: list[FuncType]) -> None:
    kinds = instr.op.imms
    if MEMARG in kinds or MEM in kinds:
        accesses = access_kinds(instr)
        for mem, kind in accesses:
            func.uses.setdefault(mem, MemoryUse()).add(kind, instr.name)
        if instr.name == "memory.copy":
            func.copies[(instr.imm[0], instr.imm[1])] += 1
    if instr.name in ("call", "return_call"):
        func.calls[instr.imm[0]] += 1
    elif instr.name in ("call_indirect", "return_call_indirect", "call_ref", "return_call_ref"):
        table = instr.imm[1] if TABLE in kinds else None
        ftype = types[instr.imm[0]]
        site = next((ic for ic in func.indirect if (ic.table, ic.type) == (table, ftype)), None)
        if site is None:
            site = IndirectCall(table, ftype, set(), False)
            func.indirect.append(site)
        site.count += 1


def _table_contents(module: Module) -> dict[int, set[int]]:
    """table index -> functions its active element segments place in it (passive ones via table.init)."""
    out: dict[int, set[int]] = {}
    for seg in module.elements:
        funcs = set(seg.funcs or [])
        for expr in seg.exprs or []:
            funcs |= {i.imm[0] for i in expr if i.name == "ref.func"}
        if seg.offset is not None:
            out.setdefault(seg.table, set()).update(funcs)
        else:  # passive or declarative: may be copied into any table by table.init
            for t in range(len(module.imports_of(KIND_TABLE)) + len(module.tables)):
                out.setdefault(t, set()).update(funcs)
    return out


def _exposed_tables(module: Module) -> set[int]:
    """Tables outside code can call through or change: imported or exported."""
    exposed = set(range(len(module.imports_of(KIND_TABLE))))
    exposed |= {e.index for e in module.exports if e.kind == KIND_TABLE}
    return exposed


def _escaped_functions(module: Module) -> set[int]:
    """Functions whose reference can end up in a table at run time."""
    found = {e.index for e in module.exports if e.kind == KIND_FUNC}
    for seg in module.elements:
        found |= set(seg.funcs or [])
        for expr in seg.exprs or []:
            found |= {i.imm[0] for i in expr if i.name == "ref.func"}
    for g in module.globals:
        found |= {i.imm[0] for i in g.init if i.name == "ref.func"}
    for body in module.code:
        found |= {i.imm[0] for i in body.instrs or [] if i.name == "ref.func"}
    return found


def _call_graph(functions: list[FunctionAudit]) -> None:
    for f in functions:
        f.callees = set(f.calls) | {t for ic in f.indirect for t in ic.targets}
    for f in functions:
        seen: set[int] = set()
        stack = list(f.callees)
        while stack:
            g = stack.pop()
            if g in seen:
                continue
            seen.add(g)
            stack.extend(functions[g].callees)
        f.reachable = seen
        for g in seen:
            functions[g].callers.add(f.index)
