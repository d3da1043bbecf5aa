"""Isolation policies, enforced on the final module.

A memory declared `#![memory(1, secret, only = [seal, unseal])]` may be
accessed only by the listed functions. The check runs on the finished wasm
(the code an engine runs, after LLVM's inlining), on the `audit` model:

* the memory is neither exported nor imported (I0002): otherwise the host or
  another module reads it without running any of this module's code;
* every function that accesses the memory (any instruction naming it: loads,
  stores, `memory.size`/`grow`/`fill`/`copy`/`init`, atomics) is either
  listed, or can run only inside a call to a listed function (I0001). The
  functions outside code can start are the roots: exports, the start
  function, and the members of a table that is imported or exported. A
  function is reachable from outside *without going through the gates* when
  a chain of calls (direct, or through a table: `audit` resolves indirect
  calls conservatively) leads to it from a root that is not a gate, without
  passing through a gate. An unlisted function that accesses the memory and
  is reachable that way breaks the policy; one that only gates can reach (a
  helper LLVM did not inline into them) does not.

What this guarantees, and what it does not, is stated in docs/design.md
("Isolation, enforced"). Gates are compiled `noinline` (codegen), so LLVM
cannot move a gate's accesses into its callers.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..diagnostics import DiagnosticSink
from .audit import Audit, FunctionAudit

#: how many offending functions one policy reports in full
MAX_REPORTED = 10


@dataclass(frozen=True)
class Policy:
    """One secret memory: its wasm index in the final module and the functions allowed to access it."""

    memory: int
    source_index: int
    allowed: frozenset[str]  # function names in the final module (name section)
    gates: tuple[str, ...]  # the names as the source lists them, for messages
    span: object = None


@dataclass(frozen=True)
class Violation:
    """An unlisted function that accesses the memory and that outside code can reach."""

    function: FunctionAudit
    #: function indices from a root to `function` (both included)
    route: tuple[int, ...]


def violations(report: Audit, policy: Policy) -> list[Violation]:
    """The functions that break `policy`'s access rule, each with one route from outside."""
    allowed = {f.index for f in report.functions if f.name in policy.allowed}
    parent: dict[int, int | None] = {}
    queue: deque[int] = deque()
    for f in report.functions:
        if f.entry and f.index not in allowed and f.imported_from is None:
            parent[f.index] = None
            queue.append(f.index)
    while queue:
        current = queue.popleft()
        for callee in sorted(report.functions[current].callees):
            if callee in allowed or callee in parent:
                continue
            parent[callee] = current
            queue.append(callee)
    found = []
    for index in parent:
        func = report.functions[index]
        if func.touches(policy.memory):
            route = [index]
            while parent[route[-1]] is not None:
                route.append(parent[route[-1]])  # type: ignore[arg-type]
            found.append(Violation(func, tuple(reversed(route))))
    return sorted(found, key=lambda v: v.function.index)


def check(report: Audit, policies: list[Policy], sink: DiagnosticSink, spans: dict | None = None) -> bool:
    """Report every broken policy (I0001, I0002); True when all hold.

    `spans` (function name -> source span) lets a report point at the offending
    function's definition rather than only at the policy."""
    spans = spans or {}
    ok = True
    for policy in policies:
        memory = report.memories[policy.memory]
        gates = ", ".join(f"`{g}`" for g in policy.gates)
        if memory.exported_as or memory.imported_from:
            ok = False
            how = (f"exported as `{memory.exported_as[0]}`" if memory.exported_as
                   else f"imported from `{'.'.join(memory.imported_from)}`")  # type: ignore[arg-type]
            sink.error("I0002", f"secret memory {policy.source_index} is {how} in the final module",
                       policy.span).with_note("code outside the module can then access it without running "
                                              f"{gates}")
        found = violations(report, policy)
        for v in found[:MAX_REPORTED]:
            ok = False
            _report(report, policy, v, gates, sink, spans.get(v.function.name))
        if len(found) > MAX_REPORTED:
            sink.diagnostics[-1].with_note(f"{len(found) - MAX_REPORTED} more functions break the same policy")
    return ok


def _report(report: Audit, policy: Policy, v: Violation, gates: str, sink: DiagnosticSink, span) -> None:
    use = v.function.uses[policy.memory]
    kinds = []
    for kind in use.kinds():
        detail = ", ".join(f"{name} x{n}" for name, n in sorted(use.counts[kind].items()))
        kinds.append(f"{_verb(kind)} it ({detail})")
    message = (f"`{v.function.name}` accesses secret memory {policy.source_index}, but only {gates} may: "
               f"it {' and '.join(kinds)}")
    if span is not None:
        diag = sink.error("I0001", message, span, f"accesses memory {policy.source_index}")
        if policy.span is not None:
            diag.with_label(policy.span, "the policy")
    else:
        diag = sink.error("I0001", message, policy.span, "the policy")
    root = report.functions[v.route[0]]
    diag.with_note(f"outside code can run it without going through {gates}: "
                   + " -> ".join(_step(report, i, first=(n == 0)) for n, i in enumerate(v.route)))
    if v.function.entry and len(v.route) == 1 and not root.exported_as:
        diag.with_note("a function in a table that outside code can call is an entry of its own")
    diag.with_help(f"access memory {policy.source_index} only inside {gates} (a helper that only they call "
                   f"is fine), or list `{v.function.name}` in `only = [...]`")


def _verb(kind: str) -> str:
    return {"read": "reads", "write": "writes", "size": "takes the size of", "grow": "grows"}[kind]


def _step(report: Audit, index: int, first: bool) -> str:
    func = report.functions[index]
    if not first:
        return f"`{func.name}`"
    if func.exported_as:
        why = f"exported as `{func.exported_as[0]}`"
    elif report.start == index:
        why = "the start function"
    else:
        why = "in a table outside code can call"
    return f"`{func.name}` ({why})"
