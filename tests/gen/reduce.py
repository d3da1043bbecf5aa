"""Shrink a program on which two variants disagree, keeping the disagreement.

Edits work on the model, never on text, one at a time, each kept if the
disagreement survives it (greedy, in passes until nothing more goes):

* drop a host call (then everything nothing refers to any more: functions,
  statics, structs, memories and their compared regions);
* drop a statement; splice an `if`, `while` or block into its surroundings;
* replace an integer expression by `0` or by an operand of the same type.

Edits keep what keeps a program free of undefined behaviour: a `Bounded`
index or a `NonZero` divisor keeps its guard (only its operand changes), and
inside an address that becomes a pointer only non-literal leaves may become
`0` (alignment and the distance to the memory's end stay as generated).
An edit that makes the program invalid makes both variants fail alike,
so the disagreement is gone and the edit is not kept.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

from . import model as m

Predicate = Callable[[m.Program], bool]

#: expression fields holding an address that becomes a pointer
_ADDRESS_FIELDS = {(m.IntToPtr, "addr"), (m.LoadMemIdx, "addr"), (m.StoreMemIdx, "addr")}
#: fields that must stay places (only what is inside them may change)
_PLACE_FIELDS = {(m.Assign, "place"), (m.AddrOf, "place")}


class _Editor:
    """Applies the `target`-th edit of one `kind` in a fixed walk over the functions."""

    def __init__(self, kind: str, target: int):
        self.kind = kind
        self.target = target
        self.seen = 0
        self.applied = False

    def _hit(self) -> bool:
        hit = self.seen == self.target
        self.seen += 1
        if hit:
            self.applied = True
        return hit

    def function(self, f: m.Function) -> m.Function:
        return dataclasses.replace(f, body=self.block(f.body))

    def block(self, b: m.Block) -> m.Block:
        stmts: list[m.Stmt] = []
        for s in b.stmts:
            if self.kind == "drop" and self._hit():
                continue
            if self.kind == "splice" and isinstance(s, (m.If, m.While, m.Block)) and self._hit():
                inner = s if isinstance(s, m.Block) else (s.body if isinstance(s, m.While) else s.then)
                stmts += inner.stmts
                continue
            stmts.append(self.node(s))
        tail = self.expr(b.tail) if b.tail is not None else None
        return m.Block(tuple(stmts), tail)

    def node(self, n, frozen: bool = False):
        if isinstance(n, m.Block):
            return self.block(n)
        changes = {}
        for f in dataclasses.fields(n):
            value = getattr(n, f.name)
            inner_frozen = frozen or (type(n), f.name) in _ADDRESS_FIELDS
            if isinstance(value, tuple):
                new = tuple(self.expr(v, inner_frozen) if m.is_node(v) else v for v in value)
            elif isinstance(value, m.Block):
                new = self.block(value)
            elif m.is_node(value) and (type(n), f.name) in _PLACE_FIELDS:
                new = self.node(value, inner_frozen)
            elif m.is_node(value):
                new = self.expr(value, inner_frozen)
            else:
                continue
            if new != value:
                changes[f.name] = new
        return dataclasses.replace(n, **changes) if changes else n

    def expr(self, e, frozen: bool = False):
        if isinstance(e, m.Block):
            return self.block(e)
        if self.kind in ("zero", "operand") and isinstance(getattr(e, "ty", None), m.IntTy) \
                and not isinstance(e, m.Lit):
            # in an address, a sum or product becoming 0 could make a null or unaligned pointer
            zero_ok = not (frozen and isinstance(e, (m.Binary, m.Unary, m.IfExpr, m.IntMethod)))
            if self.kind == "zero" and zero_ok and self._hit():
                return m.Lit(0, e.ty)
            if self.kind == "operand" and not frozen:
                operands = [c for c in m.children(e) if getattr(c, "ty", None) == e.ty]
                if operands and not isinstance(e, (m.Bounded, m.NonZero)) and self._hit():
                    return operands[0]
        return self.node(e, frozen)


def edit(program: m.Program, kind: str, target: int) -> m.Program | None:
    """The program after the `target`-th edit of `kind`, or None if there are fewer edits."""
    if kind == "call":
        calls = list(program.calls)
        if target < len(calls):
            del calls[target]
            return cleanup(dataclasses.replace(program, calls=tuple(calls)))
        if target == len(calls) and program.trap_call is not None:
            return cleanup(dataclasses.replace(program, trap_call=None))
        return None
    if kind == "region":
        if target >= len(program.regions):
            return None
        regions = list(program.regions)
        del regions[target]
        return dataclasses.replace(program, regions=tuple(regions))
    editor = _Editor(kind, target)
    functions = tuple(editor.function(f) for f in program.functions)
    if not editor.applied:
        return None
    return cleanup(dataclasses.replace(program, functions=functions))


def _walk(node, out: list) -> None:
    out.append(node)
    for child in m.children(node):
        _walk(child, out)


def _types_in(ty: m.Ty, out: set) -> None:
    if isinstance(ty, m.PtrTy):
        out.add(("mem", ty.mem))
        _types_in(ty.pointee, out)
    elif isinstance(ty, m.ArrayTy):
        _types_in(ty.elem, out)
    elif isinstance(ty, m.StructTy):
        out.add(("struct", ty.name))
        for _, fty in ty.fields:
            _types_in(fty, out)


def cleanup(program: m.Program) -> m.Program:
    """Drop what nothing refers to: uncalled functions, unused statics, structs and memories."""
    while True:
        called = {c.func for c in program.calls} | ({program.trap_call.func} if program.trap_call else set())
        nodes: list = []
        kept = [f for f in program.functions if not f.export or f.name in called]
        for f in kept:
            _walk(f.body, nodes)
        referenced = {n.func for n in nodes if isinstance(n, m.Call)}
        kept = [f for f in kept if f.export or f.name in referenced]
        used: set = set()
        nodes = []
        for f in kept:
            _walk(f.body, nodes)
            for p in f.params:
                _types_in(p.ty, used)
            _types_in(f.ret, used)
        for n in nodes:
            if hasattr(n, "ty"):
                _types_in(n.ty, used)
            if isinstance(n, (m.MemorySize, m.MemoryGrow, m.LoadMemIdx, m.StoreMemIdx, m.StaticRef)):
                used.add(("mem", n.mem))
            if isinstance(n, m.Let):
                _types_in(n.ty, used)
        statics = [s for s in program.statics if any(isinstance(n, m.StaticRef) and n.name == s.name for n in nodes)]
        for s in statics:
            _types_in(s.ty, used)
            used.add(("mem", s.mem))
        structs = [s for s in program.structs if ("struct", s.name) in used]
        memories = [x for x in program.memories if x.index == 0 or ("mem", x.index) in used]
        regions = [r for r in program.regions if any(x.index == r.mem for x in memories)]
        new = dataclasses.replace(program, functions=tuple(kept), statics=tuple(statics), structs=tuple(structs),
                                  memories=tuple(memories), regions=tuple(regions))
        if new == program:
            return new
        program = new


KINDS = ("call", "drop", "splice", "zero", "operand", "region")


def reduce(program: m.Program, fails: Predicate, max_tries: int = 3000,
           progress: Callable[[str], None] | None = None) -> m.Program:
    """A smaller program on which `fails` still holds (it must hold for `program`)."""
    tries = 0
    changed = True
    while changed and tries < max_tries:
        changed = False
        for kind in KINDS:
            target = 0
            while tries < max_tries:
                candidate = edit(program, kind, target)
                if candidate is None:
                    break
                tries += 1
                if candidate != program and fails(candidate):
                    program = candidate
                    changed = True
                    if progress:
                        progress(f"{kind} #{target}: kept ({tries} tries)")
                else:
                    target += 1
    return program
