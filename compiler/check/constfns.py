"""What constant contexts may call: Rust's E0015 rules, checked on typed trees.

A constant context is an initializer of a `const`, a `static` or an enum
discriminant, an array length or const generic argument written as an
expression, and the body of a `const fn` (which is an ordinary function at
run time, and must be evaluable when a constant calls it). In them, as in
rustc, a call must be of a `const fn` (or a tuple struct or tuple variant,
which are literals here); calls of other functions, of trait methods
(operators of user types included: Rust's trait methods are not `const`),
through function pointers, and `for` loops (which call `Iterator::next`) are
E0015, and so are calls of closures. A `const fn` body may do everything
else an ordinary body does
(dereference raw pointers, name a `static mut`, as rustc 1.83+ accepts):
what cannot be done at compile time fails when it is evaluated (E0080,
`compiler/consteval.py`).
"""
from __future__ import annotations

from .. import messages as msg
from ..diagnostics import DiagnosticSink
from . import tree as t

#: how messages name each kind of constant context (as rustc does)
CONSTANTS = "constants"
STATICS = "statics"
CONST_FNS = "constant functions"

_EXPRS = tuple(t.TExpr.__args__)  # type: ignore[attr-defined]
_STMTS = (t.Let, t.LetPattern, t.ExprStmt, t.MatchArm)


def check_calls(root: object, context: str, sink: DiagnosticSink) -> None:
    """E0015 for each call (or `for` loop) in `root` that a constant context cannot make."""
    for node in _nodes(root):
        if isinstance(node, t.CallFn):
            _check_call(node, context, sink)
        elif isinstance(node, t.CallPtr):
            sink.report(msg.FN_POINTER_CALL_IN_CONST(context=context), node.span)
        elif isinstance(node, t.CallBound):  # `f(x)` for `f: F` with `F: Fn(..)`
            sink.report(msg.CLOSURE_CALL_IN_CONST(context=context), node.span).with_note(msg.NOTE_CLOSURES_NOT_CONST)
        elif isinstance(node, (t.ForRange, t.ForEach)):
            sink.report(msg.FOR_LOOP_IN_CONST(context=context), node.span).with_note(msg.NOTE_FOR_LOOP_IN_CONST)


def _check_call(call: t.CallFn, context: str, sink: DiagnosticSink) -> None:
    fn = call.callee
    if fn.trait is not None:
        method = next((name for name, f in fn.trait.methods.items() if f is fn), fn.name)
        sink.report(msg.NON_CONST_TRAIT_CALL(name=method, trait=fn.trait.name, context=context), call.span).with_note(
            msg.NOTE_TRAIT_METHODS_NOT_CONST)
    elif "{closure#" in fn.name:  # a closure's function (`main::{closure#0}`)
        sink.report(msg.CLOSURE_CALL_IN_CONST(context=context), call.span).with_note(msg.NOTE_CLOSURES_NOT_CONST)
    elif not fn.is_const:
        sink.report(msg.NON_CONST_CALL(name=fn.name, context=context), call.span).with_note(
            msg.NOTE_NOT_CONST_FN.format(name=fn.name)).with_note(msg.NOTE_CONST_CALLS.format(context=context))


def _nodes(root: object):
    """Every typed expression in `root`, statements and match arms included
    (patterns make no calls); not the bodies of closures (functions of their own)."""
    work = [root]
    while work:
        node = work.pop()
        if isinstance(node, (list, tuple)):
            work.extend(node)
            continue
        if not isinstance(node, _EXPRS + _STMTS):
            continue
        if isinstance(node, _EXPRS):
            yield node
        for name in node.__dataclass_fields__:
            if name not in ("ty", "span", "pattern", "callee") or name == "callee" and isinstance(node, t.CallPtr):
                work.append(getattr(node, name))
