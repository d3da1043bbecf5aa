"""Checking function bodies: AST expressions -> typed tree, with the memory rules.

One `BodyChecker` per function (or constant initializer). It checks each
expression against an optional expected type (bidirectional checking),
binds inference variables through `Inference`, and reports every error to
the sink, returning a best-effort node so checking continues. At the end,
`finish` resolves every variable in the produced tree (integer literals
default to i32, floats to f64).

The rules live in one module per concern, each a mixin of `BodyChecker`:

    coercion.py    coercion to an expected type; mismatch reporting (E0308, M0001-M0003, M0007, M0008)
    blocks.py      blocks, statements, `let`, `if`, `while`, `loop`, `return`
    loops.py       labels, `break`, `continue`, `for` loops
    slices.py      slices: unsizing, range indexing, slice methods, `for` over arrays and slices, E0277
    fnptrs.py      functions as values, calls through function pointers
    literals.py    number, bool, struct and array literals
    tuples.py      tuple expressions and `t.0`
    variants.py    enum variants as values (`E::A`, `E::B(x)`, `E::C { f }`)
    matching.py    `match`, `if let`, `while let`
    exhaustiveness.py  which values a `match` or a `let` pattern leaves out (E0004, E0005)
    patterns.py    patterns, bindings and their memories, destructuring `let` and parameters
    places.py      names, `*p`, `&place`, fields, indexing, assignment, mutability
    operators.py   unary, binary, comparison (M0004), compound assignment
    casts.py       `as` (M0006, M0010)
    calls.py       function calls, generic instantiation
    methods.py     method calls (auto-deref, auto-ref), associated items, trait bounds (E0277)
    intrinsics.py  the intrinsics and raw-pointer methods (M0005, M0009)
    unsupported.py what parses but is not checked yet (one E0601 each)

This module holds what they share: the state of one body, expression
dispatch, `unsafe` and declared-memory requirements, and the final
resolution of inference variables. Messages come from `compiler.messages`.
"""
from __future__ import annotations

import math
from typing import Callable

from .. import messages as msg
from ..diagnostics import Diagnostic, DiagnosticSink, MessageText
from ..memory import MemoryMap
from ..source import Span
from ..syntax import ast
from ..types import F32, IntType, Type, UnitType, ERROR, NEVER, UNIT, round_f32
from . import tree as t
from . import unsupported
from .atomics import AtomicRules
from .memidx import MemidxRules
from .simd import SimdRules
from .blocks import BlockRules
from .calls import CallRules
from .casts import CastRules
from .coercion import LET, RETURN, CoercionRules, Context, quiet
from ..consteval import int_fits
from . import constfns
from .infer import Inference, MemVar
from .intrinsics import IntrinsicRules
from .items import Generics, Items
from .literals import LiteralRules
from .loops import LoopFrame, LoopRules
from .matching import MatchRules
from .methods import MethodRules, Obligation
from .operators import OperatorRules
from .patterns import PatternRules
from .fn_once import check_fn_once_calls
from .init import check_initialized
from .fnptrs import FnPointerRules
from .places import PlaceRules
from .slices import SliceRules
from .tuples import TupleRules
from .variants import VariantRules


class BodyChecker(BlockRules, LoopRules, SliceRules, FnPointerRules, LiteralRules, PlaceRules, OperatorRules,
                  CastRules, CallRules, MethodRules, IntrinsicRules, AtomicRules, SimdRules, MemidxRules,
                  CoercionRules, TupleRules,
                  PatternRules, VariantRules, MatchRules):
    def __init__(self, items: Items, generics: Generics, sink: DiagnosticSink,
                 fn: t.FnDef | None = None, unsafe: bool = False) -> None:
        self.items = items
        self.memories: MemoryMap = items.memories
        self.generics = generics
        self.sink = sink
        self.fn = fn
        self.infer = Inference(memory_arg=self.enum_memory_arg)
        self.scopes: list[dict[str, t.Local]] = [{}]
        self.loops: list[LoopFrame] = []  # the enclosing loops and labeled blocks, innermost last
        self.next_loop_id = 0
        self.unsafe_depth = 1 if unsafe else 0
        self.next_local = 1000
        self.nodes: list[object] = []  # every typed node, for `finish`
        self.site: tuple[ast.Expr, Context] | None = None  # the current coercion site (coercion.py)
        self.reported_unknown = False
        self.capture_frames: list = []  # the closures being checked, innermost last (fnptrs.py)
        self.closures: list[t.FnDef] = []  # the closures of this body, as functions (fnptrs.py)
        self.capture_places: dict[int, object] = {}  # id(a captured variable's place in a closure) -> its capture
        #: id(a closure's function) -> the variables it borrows in the end, with their scopes (E0597)
        self.capture_roots: dict[int, list] = {}
        self.closure_hints: dict[int, Type] = {}  # the id of a callee's parameter's variable -> its `Fn(..)` signature
        self.fn_obligations: list = []  # closure-trait bounds the calls need (fnptrs.py)
        self.returns = RETURN  # the coercion context of returned values (`check_fn_body` names the return type)
        self.pending: list = []  # patterns and matches to check once the types are known (patterns.PendingCheck)
        self.obligations: list[Obligation] = []  # trait bounds the calls need (methods.py)
        if fn is not None:
            for p in fn.params:
                if p.name != "_":
                    self.scopes[-1][p.name] = p

    # ------------------------------------------------------------------
    # entry points
    def check_fn_body(self, body: ast.Block, params: tuple[ast.Param, ...] = (),
                      decl: ast.FnDecl | None = None) -> t.Block:
        """The body of `self.fn`; `params` are its parameters as written (those
        with a pattern are destructured at the start of the body); with `decl`, a
        body without a value reports the missing tail as rustc does (`missing_tail`)."""
        assert self.fn is not None
        errors = len(self.sink.errors)
        self.scopes.append({})
        lets = self.param_patterns(params)
        if decl is not None and decl.ret is not None:
            self.returns = Context("return", because=decl.ret.span)
        if decl is not None and decl.ret is not None and body.tail is None:
            block = self.expr(body, self.fn.ret)
            if isinstance(block.ty, UnitType):
                self.missing_tail(block, decl)
                typed = block
            else:  # the body diverges
                typed = self.coerce(block, self.fn.ret, self.returns)
        else:
            typed = self.coerced(body, self.fn.ret, self.returns)
        self.scopes.pop()
        self.finish()
        if lets:
            typed = t.Block(body.span, typed.ty, lets, typed)
        if len(self.sink.errors) == errors:  # (on a well-typed body: no follow-up errors)
            self.check_unsized_uses(typed)
            locals_ = [*self.fn.params, *(node for node in self.nodes if isinstance(node, t.Local))]
            check_fn_once_calls(self.fn, typed, self.generics, locals_, self.sink)
            self.check_flows(typed)
            if self.fn.is_const:
                constfns.check_calls(typed, constfns.CONST_FNS, self.sink)
        return typed  # type: ignore[return-value]

    def missing_tail(self, block: t.Block, decl: ast.FnDecl) -> None:
        """A body without a value where the return type wants one, reported as rustc does:
        at the return type, the function's name labelled, and the `;` to remove when the
        last statement has the value the function should return."""
        assert self.fn is not None and decl.ret is not None
        if self.infer.unify(self.fn.ret, UNIT, coerce=True) is None:
            return
        d = self.error(msg.MISMATCHED_TYPES(), decl.ret.span,
                       msg.LABEL_EXPECTED_FOUND.format(expected=self.show(self.fn.ret), found="()"))
        d.with_label(decl.name_span, msg.LABEL_IMPLICIT_UNIT)
        last = block.stmts[-1] if block.stmts else None
        if (isinstance(last, t.ExprStmt) and not quiet(last.expr.ty)
                and self.infer.unify(self.fn.ret, last.expr.ty, coerce=True) is None):
            end = last.span.end
            d.with_suggestion(Span(last.span.file, end - 1, end), msg.HELP_REMOVE_SEMICOLON, "")

    def check_const(self, expr: ast.Expr, ty: Type, context: str = constfns.CONSTANTS) -> t.TExpr:
        """A constant context's expression (`context`: how messages name it)."""
        errors = len(self.sink.errors)
        typed = self.coerced(expr, ty, LET)
        self.finish()
        if len(self.sink.errors) == errors:
            self.check_unsized_uses(typed)
            self.check_flows(typed)
            constfns.check_calls(typed, context, self.sink)
        return typed

    def round_f32_literal(self, node: t.FloatConst | t.PatLit) -> None:
        """A float literal typed `f32`: its value rounded once from the digits
        (it was the nearest f64 while its type was open), and refused beyond
        the range, as rustc does (`overflowing_literals`, an error)."""
        value = round_f32(node.exact if node.exact is not None else node.value)
        if math.isinf(value):
            self.error(msg.LITERAL_OUT_OF_RANGE(ty=F32), node.span).with_note(
                msg.NOTE_FLOAT_DOES_NOT_FIT.format(value=node.value))
        node.value = value

    def check_flows(self, typed: t.TExpr) -> None:
        """The checks along every path of a well-typed body or constant (init.py)."""
        check_initialized(typed, self.sink)
        for closure in self.closures:  # (functions of their own: the flow above does not enter them)
            check_initialized(closure.body, self.sink)

    # ------------------------------------------------------------------
    # shared helpers
    def expr(self, e: ast.Expr, expected: Type | None = None) -> t.TExpr:
        method: Callable | None = getattr(self, "expr_" + type(e).__name__, None)
        if method is None:
            return self.unsupported(unsupported.EXPRESSIONS[type(e)], e.span)
        return method(e, expected)

    def unsupported(self, construct: unsupported.Construct, span: Span) -> t.TExpr:
        """Report a construct that is not checked yet; its value has the error type."""
        unsupported.report(self.sink, construct, span)
        return t.UnitConst(span, ERROR)

    def error(self, message: MessageText, span: Span, label: str = "") -> Diagnostic:
        return self.sink.report(message, span, label)

    def show(self, ty: Type) -> str:
        return str(self.infer.resolve(ty))

    def new_node(self, node):
        self.nodes.append(node)
        return node

    def require_unsafe(self, span: Span, what: str, why: str) -> None:
        """`what` (an operation) needs an `unsafe` block; `why` is the note saying why."""
        if self.unsafe_depth == 0:
            self.error(msg.UNSAFE_OPERATION(what=what), span, what).with_note(why)

    def require_declared(self, mem: object, span: Span, what: str) -> None:
        """Accessing memory `mem` needs a `#![memory(mem, ...)]` declaration (checked again
        per instance in mono for const generic memories)."""
        mem = self.infer.mem(mem)
        if isinstance(mem, int) and mem not in self.memories:
            self.error(msg.UNDECLARED_MEMORY(what=what, mem=mem), span, msg.LABEL_UNDECLARED.format(mem=mem)).with_help(
                msg.HELP_DECLARE_MEMORY.format(mem=mem)).with_note(msg.NOTE_MENTION_IS_FINE)

    # ------------------------------------------------------------------
    # end of body: resolve every inference variable in the produced tree
    def finish(self) -> None:
        # the types of nested expressions share their parts: one memo for the
        # whole body keeps this pass linear in the body's size
        memo: dict[int, tuple[Type, Type | None]] = {}
        for node in self.nodes:
            if isinstance(node, (t.CallFn, t.FnRef)):
                self.require_const_args(node)
                self.items.named_fns.append(node.callee)
        self.settle_fn_obligations(final=True)
        self.check_obligations()
        for node in self.nodes:
            if isinstance(node, t.Cast):
                self.check_cast_pointees(node)
        for node in self.nodes:
            if isinstance(node, t.Local):
                node.ty = self.final_type(node.ty, node.span, memo)
                continue
            node.ty = self.final_type(node.ty, node.span, memo)
            if isinstance(node, t.IntConst) and isinstance(node.ty, IntType) and not int_fits(node.value, node.ty):
                self.error(msg.LITERAL_OUT_OF_RANGE(ty=node.ty), node.span).with_note(
                    msg.NOTE_LITERAL_DOES_NOT_FIT.format(value=node.value, ty=node.ty))
            elif isinstance(node, (t.FloatConst, t.PatLit)) and node.ty == F32 and isinstance(node.value, float):
                self.round_f32_literal(node)
            elif isinstance(node, (t.CallFn, t.FnRef, t.AssocConstRef)):
                node.subst = {k: (self.final_mem(v) if isinstance(v, MemVar) else
                                  self.final_type(v, node.span, memo) if isinstance(v, Type) else v)
                              for k, v in node.subst.items()}
            elif isinstance(node, t.Builtin):
                if node.type_arg is not None:
                    node.type_arg = self.final_type(node.type_arg, node.span, memo)
                if node.mem is not None:
                    node.mem = self.final_mem(node.mem)
        for closure in self.closures:
            closure.ret = self.final_type(closure.ret, closure.span, memo)
            if closure.closure_env is not None:
                closure.closure_env = [self.final_type(ty, closure.span, memo) for ty in closure.closure_env]
        self.check_pending()

    def require_const_args(self, call: t.CallFn) -> None:
        """Every const parameter of a generic callee must be decided by the call
        (a turbofish, an argument or the expected type): rustc's E0282, not a
        silent memory 0."""
        for name in call.callee.const_params:
            var = self.infer.mem(call.subst.get(name))
            if isinstance(var, MemVar) and var.default is None and not self.reported_unknown:
                self.reported_unknown = True
                info = self.items.fns.get(call.callee.name)
                order = [g.name for g in info.decl.generics] if info is not None else [name]
                self.error(msg.ANNOTATIONS_NEEDED(), call.span, msg.LABEL_CONST_PARAM_UNKNOWN.format(
                    param=name, name=call.callee.name)).with_help(msg.HELP_CONST_PARAM_TURBOFISH.format(
                        param=name, name=call.callee.name, params=", ".join(order)))

    def final_type(self, ty: Type, span: Span | None,
                   memo: dict[int, tuple[Type, Type | None]] | None = None) -> Type:
        """ty with every variable resolved or defaulted (E0282 once if one is left);
        `memo` is `Inference.default`'s."""
        resolved = self.infer.default(ty, memo)
        if resolved is None:
            if not self.reported_unknown and span is not None:
                self.reported_unknown = True
                self.error(msg.ANNOTATIONS_NEEDED(), span, msg.LABEL_CANNOT_INFER.format(ty=self.show(ty))).with_help(
                    msg.HELP_ANNOTATE)
            return NEVER
        return resolved

    def final_mem(self, mem: object) -> object:
        """A resolved memory (or length). An undecided const parameter has been
        reported (`require_const_args`, E0282); 0 only lets checking go on."""
        mem = self.infer.default_mem(mem)
        if isinstance(mem, MemVar):
            return 0
        return mem
