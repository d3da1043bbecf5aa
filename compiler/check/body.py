"""Checking function bodies: AST expressions -> typed tree, with the memory rules.

One `BodyChecker` per function (or constant initializer). It checks each
expression against an optional expected type (bidirectional checking),
binds inference variables through `Inference`, and reports every error to
the sink, returning a best-effort node so checking continues. At the end,
`finish` resolves every variable in the produced tree (integer literals
default to i32, floats to f64).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..diagnostics import Diagnostic, DiagnosticSink
from ..memory import MemoryMap
from ..source import Span
from ..syntax import ast
from ..types import (
    ArrayType, BoolType, ConstParam, FloatType, IntType, NeverType, PointerType, StructType,
    Type, TypeParam, UnitType, ErrorType, BOOL, ERROR, INTS, NEVER, UNIT, USIZE, F32, F64,
)
from . import tree as t
from .consteval import int_fits
from .infer import Inference, MemVar, Mismatch, TyVar
from .items import FnInfo, Generics, Items

ARITH = {"+", "-", "*", "/", "%"}
BITWISE = {"&", "|", "^"}
SHIFTS = {"<<", ">>"}
COMPARE = {"==", "!=", "<", "<=", ">", ">="}
LOGICAL = {"&&", "||"}


@dataclass(frozen=True)
class Context:
    """Where a value is coerced to an expected type; picks the error code."""

    kind: str  # "let" | "assign" | "arg" | "return" | "store" | "operand" | "other"
    callee: FnInfo | None = None
    param_type: Type | None = None  # the callee's declared (generic) parameter type


LET = Context("let")
ASSIGN = Context("assign")
RETURN = Context("return")
STORE = Context("store")
OTHER = Context("other")

_MEMORY_CODES = {"let": "M0001", "assign": "M0001", "other": "M0001", "operand": "M0001",
                 "arg": "M0002", "return": "M0003", "store": "M0007"}


def mem_str(m: object) -> str:
    return f"memory {m}"


class BodyChecker:
    def __init__(self, items: Items, generics: Generics, sink: DiagnosticSink,
                 fn: t.FnDef | None = None, unsafe: bool = False) -> None:
        self.items = items
        self.memories: MemoryMap = items.memories
        self.generics = generics
        self.sink = sink
        self.fn = fn
        self.infer = Inference()
        self.scopes: list[dict[str, t.Local]] = [{}]
        self.loops: list[tuple[str, list[Type]]] = []  # ("loop" or "while", break value types)
        self.unsafe_depth = 1 if unsafe else 0
        self.next_local = 1000
        self.nodes: list[object] = []  # every typed node, for `finish`
        self.reported_unknown = False
        if fn is not None:
            for p in fn.params:
                if p.name != "_":
                    self.scopes[-1][p.name] = p

    # ------------------------------------------------------------------
    # entry points
    def check_fn_body(self, body: ast.Block) -> t.Block:
        assert self.fn is not None
        block = self.check_block(body, self.fn.ret)
        typed = self.coerce(block, self.fn.ret, RETURN, span=_tail_span(body))
        self.finish()
        return typed  # type: ignore[return-value]

    def check_const(self, expr: ast.Expr, ty: Type) -> t.TExpr:
        typed = self.coerce(self.expr(expr, ty), ty, LET)
        self.finish()
        return typed

    # ------------------------------------------------------------------
    # reporting helpers
    def error(self, code: str, message: str, span: Span, label: str = "") -> Diagnostic:
        return self.sink.error(code, message, span, label)

    def show(self, ty: Type) -> str:
        return str(self.infer.resolve(ty))

    def new_node(self, node):
        self.nodes.append(node)
        return node

    # ------------------------------------------------------------------
    # coercion and unification with context-specific diagnostics
    def coerce(self, node: t.TExpr, expected: Type | None, ctx: Context, span: Span | None = None) -> t.TExpr:
        if expected is None:
            return node
        mismatch = self.infer.unify(expected, node.ty, coerce=True)
        if mismatch is None:
            return node
        self.report_mismatch(mismatch, expected, node.ty, span or node.span, ctx)
        return node

    def report_mismatch(self, m: Mismatch, expected: Type, found: Type, span: Span, ctx: Context) -> None:
        exp_s, found_s = self.show(expected), self.show(found)
        if not m.memory:
            d = self.error("E0308", "mismatched types", span, f"expected `{exp_s}`, found `{found_s}`")
            if ctx.kind == "return" and isinstance(self.infer.resolve(found), UnitType):
                d.with_note("the function's body has no tail expression and no `return` of a value")
            return
        em, fm = m.expected_mem, m.found_mem
        code = _MEMORY_CODES[ctx.kind]
        if ctx.kind == "arg" and ctx.callee is not None and _mem_at(ctx.param_type, m.depth, ConstParam):
            code = "M0008"
        where = "" if m.depth == 0 else f" (behind {m.depth} level{'s' if m.depth > 1 else ''} of pointer)"
        message = {
            "M0001": f"mismatched memories: expected a pointer into {mem_str(em)}, found a pointer into "
                     f"{mem_str(fm)}{where}",
            "M0002": f"argument points into {mem_str(fm)}, but the parameter points into {mem_str(em)}{where}",
            "M0003": f"returned pointer points into {mem_str(fm)}, but the return type points into "
                     f"{mem_str(em)}{where}",
            "M0007": f"cannot store a pointer into {mem_str(fm)} where a pointer into {mem_str(em)} is "
                     f"expected{where}",
            "M0008": f"this instantiation makes {mem_str(em)} meet {mem_str(fm)}{where}",
        }[code]
        d = self.error(code, message, span, f"expected `{exp_s}`, found `{found_s}`")
        if code == "M0008":
            params = ", ".join(ctx.callee.fn.const_params)
            d.with_note(f"the const generic parameter{'s' if ',' in params else ''} `{params}` of "
                        f"`{ctx.callee.fn.name}` fix{'es' if ',' not in params else ''} the memory of this "
                        "parameter; the argument points into another memory")
        d.with_note("pointers into different memories are different types: no implicit conversion exists")
        if m.depth == 0 and isinstance(em, int) and isinstance(fm, (int, ConstParam)):
            target = self.infer.resolve(expected)
            if isinstance(target, PointerType):
                raw = PointerType(target.pointee, target.mutable, target.mem, False)
                d.with_help(f"to reinterpret the address in {mem_str(em)}, spell out the round trip: "
                            f"`ptr as usize as {raw}`")

    # ------------------------------------------------------------------
    # blocks and statements
    def check_block(self, block: ast.Block, expected: Type | None) -> t.Block:
        self.scopes.append({})
        if block.unsafe:
            self.unsafe_depth += 1
        stmts: list[t.TStmt] = []
        diverges = False
        for stmt in block.stmts:
            typed = self.stmt(stmt)
            if typed is not None:
                stmts.append(typed)
                inner = typed.expr if isinstance(typed, t.ExprStmt) else typed.init
                if inner is not None and isinstance(self.infer.shallow(inner.ty), NeverType):
                    diverges = True
        tail = self.expr(block.tail, expected) if block.tail is not None else None
        if block.unsafe:
            self.unsafe_depth -= 1
        self.scopes.pop()
        ty = tail.ty if tail is not None else (NEVER if diverges else UNIT)
        return self.new_node(t.Block(block.span, ty, stmts, tail))

    def stmt(self, stmt) -> t.TStmt | None:
        if isinstance(stmt, ast.Let):
            return self.let(stmt)
        if isinstance(stmt, ast.ExprStmt):
            expected = None
            if not stmt.semi and isinstance(stmt.expr, (ast.If, ast.While, ast.Loop, ast.Block)):
                expected = UNIT
            typed = self.expr(stmt.expr, expected)
            if expected is not None:
                typed = self.coerce(typed, UNIT, OTHER)
            return t.ExprStmt(stmt.span, typed)
        if isinstance(stmt, ast.Empty):
            return None
        self.error("E0601", "items inside function bodies are not supported", stmt.span).with_help(
            "move the item to the top level of the file")
        return None

    def let(self, stmt: ast.Let) -> t.Let:
        declared = self.items.resolve_type(stmt.ty, self.generics) if stmt.ty is not None else None
        init = None
        if stmt.init is not None:
            init = self.coerce(self.expr(stmt.init, declared), declared, LET)
        ty = declared if declared is not None else (init.ty if init is not None else self.infer.fresh())
        # `let x;` may be assigned once later: treat it as assignable
        local = self.new_local(stmt.name, ty, stmt.mutable or stmt.init is None, stmt.span)
        if stmt.name != "_":
            self.scopes[-1][stmt.name] = local
        return t.Let(stmt.span, local, init)

    def new_local(self, name: str, ty: Type, mutable: bool, span: Span) -> t.Local:
        self.next_local += 1
        local = t.Local(name, ty, mutable, self.next_local, span)
        self.nodes.append(local)
        return local

    def lookup_local(self, name: str) -> t.Local | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    # ------------------------------------------------------------------
    # expressions
    def expr(self, e: ast.Expr, expected: Type | None = None) -> t.TExpr:
        method: Callable = getattr(self, "expr_" + type(e).__name__)
        return method(e, expected)

    def expr_IntLit(self, e: ast.IntLit, expected: Type | None) -> t.TExpr:
        if e.suffix is not None:
            ty: Type = INTS.get(e.suffix) or (F32 if e.suffix == "f32" else F64)
            if isinstance(ty, FloatType):
                return self.new_node(t.FloatConst(e.span, ty, float(e.value)))
        else:
            exp = self.infer.shallow(expected) if expected is not None else None
            if isinstance(exp, IntType) or (isinstance(exp, TyVar) and exp.kind in ("int", "any")):
                ty = exp if isinstance(exp, IntType) else self.infer.fresh("int")
                if isinstance(exp, TyVar):
                    self.infer.unify(exp, ty)
            elif isinstance(exp, FloatType):
                ty = self.infer.fresh("int")
            else:
                ty = self.infer.fresh("int")
        return self.new_node(t.IntConst(e.span, ty, e.value))

    def expr_FloatLit(self, e: ast.FloatLit, expected: Type | None) -> t.TExpr:
        if e.suffix is not None:
            ty: Type = F32 if e.suffix == "f32" else F64
        else:
            exp = self.infer.shallow(expected) if expected is not None else None
            ty = exp if isinstance(exp, FloatType) else self.infer.fresh("float")
        return self.new_node(t.FloatConst(e.span, ty, e.value))

    def expr_BoolLit(self, e: ast.BoolLit, expected: Type | None) -> t.TExpr:
        return t.BoolConst(e.span, BOOL, e.value)

    def expr_UnitLit(self, e: ast.UnitLit, expected: Type | None) -> t.TExpr:
        return t.UnitConst(e.span, UNIT)

    def expr_Path(self, e: ast.Path, expected: Type | None) -> t.TExpr:
        name = e.name
        if len(e.segments) == 1 and not e.generic_args:
            local = self.lookup_local(name)
            if local is not None:
                return self.new_node(t.LocalRef(e.span, local.ty, local))
            if name in self.generics.const_params:
                return t.ConstParamRef(e.span, USIZE, ConstParam(name))
        if name in self.items.consts and len(e.segments) == 1:
            return self.const_ref(e, name)
        if name in self.items.statics and len(e.segments) == 1:
            static = self.items.statics[name]
            if static.mutable:
                self.require_unsafe(e.span, "use of mutable static")
            return t.StaticRef(e.span, static.ty, static)
        if name in self.items.fns or name in BUILTIN_FNS:
            self.error("E0601", f"`{name}` is a function; function values are not supported yet", e.span,
                       "call it: `" + name + "(...)`")
            return t.UnitConst(e.span, ERROR)
        self.error("E0425", f"cannot find value `{'::'.join(e.segments)}` in this scope", e.span,
                   "not found in this scope")
        return t.UnitConst(e.span, ERROR)

    def const_ref(self, e: ast.Path, name: str) -> t.TExpr:
        ty = self.items.const_type(name)
        value = self.items.const_value(name)
        if isinstance(ty, IntType) or isinstance(ty, PointerType):
            return t.IntConst(e.span, ty, int(value or 0))
        if isinstance(ty, FloatType):
            return t.FloatConst(e.span, ty, float(value or 0.0))
        if isinstance(ty, BoolType):
            return t.BoolConst(e.span, ty, bool(value))
        if isinstance(ty, UnitType):
            return t.UnitConst(e.span, ty)
        return t.AggregateConst(e.span, ty, value)

    def expr_Block(self, e: ast.Block, expected: Type | None) -> t.TExpr:
        return self.check_block(e, expected)

    def expr_Unary(self, e: ast.Unary, expected: Type | None) -> t.TExpr:
        if e.op == "*":
            return self.deref(e)
        if e.op == "-" and isinstance(e.operand, (ast.IntLit, ast.FloatLit)):
            lit = self.expr(e.operand, expected)
            if self.nodes and self.nodes[-1] is lit:
                self.nodes.pop()  # only the negated value is range-checked
                if not isinstance(lit, t.IntConst) or isinstance(lit.ty, IntType) and not lit.ty.signed:
                    self.nodes.append(lit)
            if isinstance(lit, t.IntConst):
                if not self.require_signed(lit.ty, e):
                    return self.new_node(t.Unary(e.span, lit.ty, "-", lit))
                return self.new_node(t.IntConst(e.span, lit.ty, -lit.value))
            if isinstance(lit, t.FloatConst):
                return self.new_node(t.FloatConst(e.span, lit.ty, -lit.value))
        operand = self.expr(e.operand, expected)
        ty = self.infer.shallow(operand.ty)
        if e.op == "-":
            if not (isinstance(ty, (IntType, FloatType)) or (isinstance(ty, TyVar) and ty.kind != "any")):
                self.error("E0600", f"cannot apply unary operator `-` to type `{self.show(ty)}`", e.span)
            self.require_signed(ty, e)
        elif not (isinstance(ty, (IntType, BoolType)) or (isinstance(ty, TyVar) and ty.kind == "int")):
            self.error("E0600", f"cannot apply unary operator `!` to type `{self.show(ty)}`", e.span)
        return self.new_node(t.Unary(e.span, operand.ty, e.op, operand))

    def require_signed(self, ty: Type, e: ast.Expr) -> bool:
        ty = self.infer.shallow(ty)
        if isinstance(ty, IntType) and not ty.signed:
            self.error("E0600", f"cannot apply unary operator `-` to type `{ty}`", e.span).with_note(
                "unsigned values cannot be negated")
            return False
        return True

    def deref(self, e: ast.Unary) -> t.TExpr:
        ptr = self.expr(e.operand)
        ty = self.infer.shallow(ptr.ty)
        if not isinstance(ty, PointerType):
            if not _quiet(ty):
                self.error("E0614", f"type `{self.show(ty)}` cannot be dereferenced", e.span)
            return t.UnitConst(e.span, ERROR)
        if not ty.is_ref:
            self.require_unsafe(e.span, "dereference of raw pointer")
        self.require_declared(ty.mem, e.span, "dereference")
        return self.new_node(t.Deref(e.span, ty.pointee, ptr))

    def expr_AddrOf(self, e: ast.AddrOf, expected: Type | None) -> t.TExpr:
        exp = self.infer.shallow(expected) if expected is not None else None
        hint = exp.pointee if isinstance(exp, PointerType) else None
        operand = self.expr(e.operand, hint)
        if not is_place(operand):
            # a temporary: give it a stack slot, as Rust's temporaries get
            tmp = self.new_local("_tmp", operand.ty, True, e.span)
            ref = self.new_node(t.LocalRef(e.span, operand.ty, tmp))
            addr = self.new_node(t.AddrOf(e.span, PointerType(operand.ty, e.mutable, 0, not e.raw), ref))
            return self.new_node(t.Block(e.span, addr.ty, [t.Let(e.span, tmp, operand)], addr))
        if e.mutable:
            why = self.immutability(operand)
            if why is not None:
                self.error("E0596", f"cannot borrow {why} as mutable", e.span,
                           "cannot borrow as mutable")
        ty = PointerType(operand.ty, e.mutable, self.place_mem(operand), not e.raw)
        return self.new_node(t.AddrOf(e.span, ty, operand))

    def expr_Binary(self, e: ast.Binary, expected: Type | None) -> t.TExpr:
        op = e.op
        if op in LOGICAL:
            lhs = self.coerce(self.expr(e.lhs, BOOL), BOOL, OTHER)
            rhs = self.coerce(self.expr(e.rhs, BOOL), BOOL, OTHER)
            return t.Binary(e.span, BOOL, op, lhs, rhs)
        hint = expected if op in ARITH | BITWISE | SHIFTS else None
        lhs = self.expr(e.lhs, hint)
        if op in SHIFTS:
            rhs = self.expr(e.rhs)
            self.require_int(lhs, e, op)
            self.require_int(rhs, e, op)
            return self.new_node(t.Binary(e.span, lhs.ty, op, lhs, rhs))
        rhs = self.expr(e.rhs, lhs.ty)
        if op in COMPARE:
            return self.comparison(e, lhs, rhs)
        self.binary_operands(e, op, lhs, rhs)
        return self.new_node(t.Binary(e.span, lhs.ty, op, lhs, rhs))

    def binary_operands(self, e, op: str, lhs: t.TExpr, rhs: t.TExpr) -> None:
        lt = self.infer.shallow(lhs.ty)
        if isinstance(lt, PointerType):
            self.error("E0369", f"cannot apply `{op}` to pointers of type `{self.show(lt)}`", e.span).with_help(
                "use `p.add(n)`, `p.sub(n)`, `p.offset(n)` or `p.offset_from(q)`")
            return
        ok_kind = (isinstance(lt, (IntType, FloatType)) or (isinstance(lt, TyVar) and lt.kind != "any")
                   if op in ARITH else
                   isinstance(lt, (IntType, BoolType)) or (isinstance(lt, TyVar) and lt.kind == "int"))
        if _quiet(lt) or _quiet(self.infer.shallow(rhs.ty)):
            return
        if not ok_kind:
            self.error("E0369", f"cannot apply binary operator `{op}` to type `{self.show(lt)}`", e.span)
            return
        mismatch = self.infer.unify(lhs.ty, rhs.ty)
        if mismatch is not None:
            self.error("E0308", "mismatched types", rhs.span,
                       f"expected `{self.show(lhs.ty)}`, found `{self.show(rhs.ty)}`").with_note(
                f"both operands of `{op}` must have the same type; convert one with `as`")

    def require_int(self, node: t.TExpr, e, op: str) -> None:
        ty = self.infer.shallow(node.ty)
        if not (isinstance(ty, IntType) or (isinstance(ty, TyVar) and ty.kind in ("int", "any"))
                or _quiet(ty)):
            self.error("E0369", f"cannot apply `{op}` to type `{self.show(ty)}`", node.span)
        elif isinstance(ty, TyVar) and ty.kind == "any":
            self.infer.unify(ty, self.infer.fresh("int"))

    def comparison(self, e: ast.Binary, lhs: t.TExpr, rhs: t.TExpr) -> t.TExpr:
        lt, rt = self.infer.resolve(lhs.ty), self.infer.resolve(rhs.ty)
        if isinstance(lt, PointerType) and isinstance(rt, PointerType):
            lm, rm = self.infer.mem(lt.mem), self.infer.mem(rt.mem)
            if lm != rm:
                self.error("M0004", f"cannot compare a pointer into {mem_str(lm)} with a pointer into "
                           f"{mem_str(rm)}", e.span, f"`{lt}` vs `{rt}`").with_note(
                    "addresses in different memories are unrelated: equal numbers do not mean the same "
                    "location").with_help("compare the addresses explicitly if that is what you mean: "
                                          "`p as usize == q as usize`")
                return t.Binary(e.span, BOOL, e.op, lhs, rhs)
            m = self.infer.unify(lt, rt)
            if m is not None:
                self.error("E0308", "mismatched types", rhs.span, f"expected `{lt}`, found `{rt}`")
            return t.Binary(e.span, BOOL, e.op, lhs, rhs)
        if isinstance(lt, (StructType, ArrayType, UnitType)):
            self.error("E0369", f"binary operation `{e.op}` cannot be applied to type `{lt}`", e.span)
        elif self.infer.unify(lhs.ty, rhs.ty) is not None:
            self.error("E0308", "mismatched types", rhs.span,
                       f"expected `{self.show(lhs.ty)}`, found `{self.show(rhs.ty)}`")
        return t.Binary(e.span, BOOL, e.op, lhs, rhs)

    def expr_Cast(self, e: ast.Cast, expected: Type | None) -> t.TExpr:
        target = self.items.resolve_type(e.ty, self.generics)
        hint = target if isinstance(target, (IntType, FloatType)) else None
        inner = self.expr(e.expr, None)
        src = self.infer.shallow(inner.ty)
        if isinstance(src, TyVar) and hint is not None and (
                (src.kind == "int" and isinstance(hint, IntType)) or
                (src.kind == "float" and isinstance(hint, FloatType))):
            self.infer.unify(src, hint)
            src = hint
        self.check_cast(e, self.infer.resolve(src), target)
        return self.new_node(t.Cast(e.span, target, inner))

    def check_cast(self, e: ast.Cast, src: Type, dst: Type) -> None:
        numeric = (IntType, FloatType)
        if _quiet(src) or _quiet(dst) or src == dst:
            return
        if isinstance(src, TyVar):
            if src.kind == "any":
                self.error("E0282", "type annotations needed", e.expr.span, "cannot infer the type to cast")
                return
            src = self.infer.default(src)
        if isinstance(src, numeric) and isinstance(dst, numeric):
            return
        if isinstance(src, BoolType) and isinstance(dst, IntType):
            return
        if isinstance(src, PointerType) and isinstance(dst, IntType):
            mem = self.infer.mem(src.mem)
            if isinstance(mem, int) and mem in self.memories and self.memories[mem].memory64 and dst.bits < 64:
                self.error("M0010", f"a pointer into 64-bit {mem_str(mem)} does not fit in `{dst}`", e.span,
                           "this cast would drop the upper 32 bits of the address").with_help(
                    "cast to `u64` instead")
            return
        if isinstance(src, IntType) and isinstance(dst, PointerType):
            if dst.is_ref:
                self.error("E0606", f"casting `{src}` as `{dst}` is invalid", e.span).with_help(
                    "cast to a raw pointer, then borrow it in `unsafe`: `&*(addr as *const T)`")
            return
        if isinstance(src, PointerType) and isinstance(dst, PointerType):
            sm, dm = self.infer.mem(src.mem), self.infer.mem(dst.mem)
            if sm != dm:
                raw = PointerType(dst.pointee, dst.mutable, dst.mem, False)
                self.error("M0006", f"cannot cast a pointer into {mem_str(sm)} to a pointer into {mem_str(dm)}",
                           e.span, f"`{src}` as `{dst}`").with_note(
                    "memories are disjoint address spaces: the same number names unrelated bytes in each"
                ).with_help(f"if you mean to reuse the address, spell out the round trip: "
                            f"`p as usize as {raw}`")
                return
            if src.is_ref and not src.mutable and dst.mutable:
                self.error("E0606", f"casting `{src}` as `{dst}` is invalid", e.span).with_help(
                    "a shared reference cannot become a `*mut` pointer; cast to `*const` first")
                return
            if dst.is_ref and not src.is_ref:
                self.error("E0606", f"casting `{src}` as `{dst}` is invalid", e.span).with_help(
                    "dereference the raw pointer and borrow it: `&*p`")
            return
        if isinstance(dst, (StructType, ArrayType, UnitType)) or isinstance(src, (StructType, ArrayType)):
            self.error("E0605", f"non-primitive cast: `{src}` as `{dst}`", e.span)
            return
        self.error("E0606", f"casting `{src}` as `{dst}` is invalid", e.span)

    def expr_Assign(self, e: ast.Assign, expected: Type | None) -> t.TExpr:
        place = self.assignable(e.target, e)
        if place is None:
            self.expr(e.value)
            return t.UnitConst(e.span, UNIT)
        ctx = STORE if isinstance(place, (t.FieldRef, t.IndexRef)) else ASSIGN
        value = self.coerce(self.expr(e.value, place.ty), place.ty, ctx)
        return t.Assign(e.span, UNIT, place, value)

    def expr_CompoundAssign(self, e: ast.CompoundAssign, expected: Type | None) -> t.TExpr:
        place = self.assignable(e.target, e)
        if place is None:
            self.expr(e.value)
            return t.UnitConst(e.span, UNIT)
        if e.op in SHIFTS:
            value = self.expr(e.value)
            self.require_int(place, e, e.op + "=")
            self.require_int(value, e, e.op + "=")
        else:
            value = self.expr(e.value, place.ty)
            self.binary_operands(e, e.op, place, value)
        return t.CompoundAssign(e.span, UNIT, e.op, place, value)

    def assignable(self, target: ast.Expr, e) -> t.TExpr | None:
        place = self.expr(target)
        if _quiet(place.ty) and isinstance(place, t.UnitConst):
            return None
        if not is_place(place):
            self.error("E0070", "invalid left-hand side of assignment", target.span,
                       "cannot assign to this expression")
            return None
        why = self.immutability(place)
        if why is not None:
            code = "E0384" if isinstance(place, t.LocalRef) else "E0594"
            d = self.error(code, f"cannot assign to {why}", e.span, "cannot assign")
            if isinstance(place, t.LocalRef):
                d.with_help(f"make the binding mutable: `let mut {place.local.name}`")
            return None
        return place

    def immutability(self, place: t.TExpr) -> str | None:
        """Why `place` cannot be written, or None if it can."""
        if isinstance(place, t.LocalRef):
            return None if place.local.mutable else f"immutable variable `{place.local.name}`"
        if isinstance(place, t.StaticRef):
            return None if place.static.mutable else f"immutable static `{place.static.name}`"
        if isinstance(place, t.Deref):
            ty = self.infer.shallow(place.ptr.ty)
            if isinstance(ty, PointerType) and not ty.mutable:
                return f"data behind a `{'&' if ty.is_ref else '*const'}` pointer"
            return None
        if isinstance(place, (t.FieldRef, t.IndexRef)):
            return self.immutability(place.base)
        return "a temporary value"

    def place_mem(self, place: t.TExpr) -> object:
        """The memory a place lives in: projections keep their base's memory."""
        if isinstance(place, t.StaticRef):
            return place.static.mem
        if isinstance(place, t.Deref):
            ty = self.infer.shallow(place.ptr.ty)
            return ty.mem if isinstance(ty, PointerType) else 0
        if isinstance(place, (t.FieldRef, t.IndexRef)):
            return self.place_mem(place.base)
        return 0

    def expr_FieldAccess(self, e: ast.FieldAccess, expected: Type | None) -> t.TExpr:
        base = self.auto_deref(self.expr(e.base))
        ty = self.infer.shallow(base.ty)
        if isinstance(ty, StructType):
            struct = self.items.structs[ty.name]
            index = struct.field_index(e.name)
            if index is not None:
                return self.new_node(t.FieldRef(e.span, struct.fields[index][1], base, index))
            d = self.error("E0609", f"no field `{e.name}` on type `{ty}`", e.span, "unknown field")
            d.with_note("available fields: " + ", ".join(f"`{n}`" for n, _ in struct.fields))
        elif isinstance(ty, PointerType):
            self.error("E0609", f"no field `{e.name}` on type `{ty}`", e.span).with_help(
                f"raw pointers are not dereferenced automatically: write `(*ptr).{e.name}`")
        elif not _quiet(ty):
            self.error("E0609", f"no field `{e.name}` on type `{self.show(ty)}`", e.span)
        return t.UnitConst(e.span, ERROR)

    def auto_deref(self, node: t.TExpr) -> t.TExpr:
        """References (not raw pointers) are dereferenced for field access and indexing."""
        ty = self.infer.shallow(node.ty)
        while isinstance(ty, PointerType) and ty.is_ref:
            node = self.new_node(t.Deref(node.span, ty.pointee, node))
            ty = self.infer.shallow(ty.pointee)
        return node

    def expr_Index(self, e: ast.Index, expected: Type | None) -> t.TExpr:
        base = self.auto_deref(self.expr(e.base))
        index = self.coerce(self.expr(e.index, USIZE), USIZE, OTHER)
        ty = self.infer.shallow(base.ty)
        if isinstance(ty, ArrayType):
            return self.new_node(t.IndexRef(e.span, ty.elem, base, index))
        if isinstance(ty, PointerType):
            self.error("E0608", f"cannot index into a value of type `{ty}`", e.span).with_help(
                "index the pointee: `(*ptr)[i]`, or offset the pointer: `*ptr.add(i)`")
        elif not _quiet(ty):
            self.error("E0608", f"cannot index into a value of type `{self.show(ty)}`", e.span)
        return t.UnitConst(e.span, ERROR)

    def expr_If(self, e: ast.If, expected: Type | None) -> t.TExpr:
        cond = self.coerce(self.expr(e.cond, BOOL), BOOL, OTHER)
        if e.else_ is None:
            then = self.check_block(e.then, UNIT)
            self.coerce(then, UNIT, OTHER, span=_tail_span(e.then))
            return self.new_node(t.If(e.span, UNIT, cond, then, None))
        then = self.check_block(e.then, expected)
        else_ = self.expr(e.else_, expected if expected is not None else then.ty)
        ty = self.join(then, else_, e)
        return self.new_node(t.If(e.span, ty, cond, then, else_))

    def join(self, a: t.TExpr, b: t.TExpr, e) -> Type:
        """The type of two branches (`!` gives way to the other one)."""
        at, bt = self.infer.shallow(a.ty), self.infer.shallow(b.ty)
        if isinstance(at, NeverType):
            return b.ty
        if isinstance(bt, NeverType):
            return a.ty
        m = self.infer.unify(a.ty, b.ty)
        if m is not None:
            self.report_mismatch(m, a.ty, b.ty, b.span, OTHER)
        return a.ty

    def expr_While(self, e: ast.While, expected: Type | None) -> t.TExpr:
        cond = self.coerce(self.expr(e.cond, BOOL), BOOL, OTHER)
        self.loops.append(("while", []))
        body = self.check_block(e.body, UNIT)
        self.coerce(body, UNIT, OTHER, span=_tail_span(e.body))
        self.loops.pop()
        return self.new_node(t.While(e.span, UNIT, cond, body))

    def expr_Loop(self, e: ast.Loop, expected: Type | None) -> t.TExpr:
        self.loops.append(("loop", []))
        body = self.check_block(e.body, UNIT)
        self.coerce(body, UNIT, OTHER, span=_tail_span(e.body))
        _, breaks = self.loops.pop()
        ty: Type = NEVER
        if breaks:
            ty = breaks[0]
        return self.new_node(t.Loop(e.span, ty, body))

    def expr_Break(self, e: ast.Break, expected: Type | None) -> t.TExpr:
        if not self.loops:
            self.error("E0268", "`break` outside of a loop", e.span, "cannot `break` outside of a loop")
            return t.Break(e.span, NEVER, None)
        kind, breaks = self.loops[-1]
        if kind == "while" and e.value is not None:
            self.expr(e.value)
            self.error("E0571", "`break` with a value inside `while`", e.span,
                       "can only break with a value inside `loop`").with_note(
                "a `while` loop can end without any `break`, so it has no value to produce")
            return t.Break(e.span, NEVER, None)
        hint = breaks[0] if breaks else None
        value = self.expr(e.value, hint) if e.value is not None else None
        ty = value.ty if value is not None else UNIT
        if breaks:
            m = self.infer.unify(breaks[0], ty, coerce=True)
            if m is not None:
                self.report_mismatch(m, breaks[0], ty, e.span, OTHER)
        else:
            breaks.append(ty)
        return t.Break(e.span, NEVER, value)

    def expr_Continue(self, e: ast.Continue, expected: Type | None) -> t.TExpr:
        if not self.loops:
            self.error("E0268", "`continue` outside of a loop", e.span, "cannot `continue` outside of a loop")
        return t.Continue(e.span, NEVER)

    def expr_Return(self, e: ast.Return, expected: Type | None) -> t.TExpr:
        if self.fn is None:
            self.error("E0601", "`return` outside of a function", e.span)
            return t.Return(e.span, NEVER, None)
        ret = self.fn.ret
        if e.value is None:
            if self.infer.unify(ret, UNIT) is not None:
                self.error("E0069", "`return;` in a function whose return type is not `()`", e.span,
                           f"return type is `{ret}`")
            return t.Return(e.span, NEVER, None)
        value = self.coerce(self.expr(e.value, ret), ret, RETURN)
        return t.Return(e.span, NEVER, value)

    def expr_StructLit(self, e: ast.StructLit, expected: Type | None) -> t.TExpr:
        struct = self.items.structs.get(e.name)
        if struct is None:
            self.error("E0412", f"cannot find struct `{e.name}` in this scope", e.span)
            for f in e.fields:
                self.expr(f.value)
            return t.UnitConst(e.span, ERROR)
        values: list[t.TExpr | None] = [None] * len(struct.fields)
        for f in e.fields:
            index = struct.field_index(f.name)
            if index is None:
                self.error("E0560", f"struct `{e.name}` has no field named `{f.name}`", f.span, "unknown field")
                self.expr(f.value)
                continue
            if values[index] is not None:
                self.error("E0062", f"field `{f.name}` specified more than once", f.span)
            fty = struct.fields[index][1]
            values[index] = self.coerce(self.expr(f.value, fty), fty, STORE)
        missing = [struct.fields[i][0] for i, v in enumerate(values) if v is None]
        if missing:
            self.error("E0063", f"missing field{'s' if len(missing) > 1 else ''} "
                       + ", ".join(f"`{m}`" for m in missing) + f" in initializer of `{e.name}`", e.span)
            return t.UnitConst(e.span, ERROR)
        return self.new_node(t.StructLit(e.span, StructType(e.name), struct, values))  # type: ignore[arg-type]

    def expr_ArrayLit(self, e: ast.ArrayLit, expected: Type | None) -> t.TExpr:
        exp = self.infer.shallow(expected) if expected is not None else None
        elem: Type = exp.elem if isinstance(exp, ArrayType) else self.infer.fresh()
        elems = [self.coerce(self.expr(x, elem), elem, STORE) for x in e.elems]
        return self.new_node(t.ArrayLit(e.span, ArrayType(elem, len(elems)), elems))

    def expr_ArrayRepeat(self, e: ast.ArrayRepeat, expected: Type | None) -> t.TExpr:
        exp = self.infer.shallow(expected) if expected is not None else None
        elem: Type = exp.elem if isinstance(exp, ArrayType) else self.infer.fresh()
        value = self.coerce(self.expr(e.value, elem), elem, STORE)
        count = self.items.array_length(e.count, self.generics)
        if isinstance(count, ConstParam):
            self.error("E0601", "array repeat counts must be literal or `const` values", e.count.span)
            count = 0
        return self.new_node(t.ArrayRepeat(e.span, ArrayType(elem, count), value, count))

    # ------------------------------------------------------------------
    # calls
    def expr_Call(self, e: ast.Call, expected: Type | None) -> t.TExpr:
        if not isinstance(e.callee, ast.Path):
            self.error("E0601", "only named functions can be called", e.callee.span)
            return t.UnitConst(e.span, ERROR)
        path = e.callee
        shadowing = self.lookup_local(path.name) if len(path.segments) == 1 else None
        if shadowing is not None:
            self.error("E0618", f"expected function, found local variable `{path.name}` of type "
                       f"`{self.show(shadowing.ty)}`", e.callee.span, "not a function")
            for arg in e.args:
                self.expr(arg)
            return t.UnitConst(e.span, ERROR)
        info = self.items.fns.get(path.name) if len(path.segments) == 1 else None
        if info is None and path.name in self.items.fns and path.segments[0] in ("self", "crate"):
            info = self.items.fns[path.name]
        if info is not None and info.decl.body is None and not info.fn.is_import and path.name in BUILTIN_FNS:
            info = None  # a body-less declaration of an intrinsic: the builtin implements it
        if info is not None:
            return self.call_fn(e, path, info, expected)
        if path.name in BUILTIN_FNS:
            return BUILTIN_FNS[path.name](self, e, path, expected)
        local = self.lookup_local(path.name) if len(path.segments) == 1 else None
        if local is not None:
            self.error("E0618", f"expected function, found `{self.show(local.ty)}`", e.callee.span,
                       "not a function")
        else:
            self.error("E0425", f"cannot find function `{'::'.join(path.segments)}` in this scope",
                       path.span, "not found in this scope")
        for arg in e.args:
            self.expr(arg)
        return t.UnitConst(e.span, ERROR)

    def call_fn(self, e: ast.Call, path: ast.Path, info: FnInfo, expected: Type | None) -> t.TExpr:
        fn = info.fn
        if info.is_unsafe:
            self.require_unsafe(e.span, f"call to unsafe function `{fn.name}`")
        subst = self.instantiate(info, path)
        params = [substitute(p.ty, subst) for p in fn.params]
        ret = substitute(fn.ret, subst)
        if expected is not None and _has_vars(ret):
            self.infer.unify(expected, ret, coerce=True)
        if len(e.args) != len(params):
            d = self.error("E0061", f"this function takes {len(params)} argument{'s' if len(params) != 1 else ''}"
                           f" but {len(e.args)} {'were' if len(e.args) != 1 else 'was'} supplied", e.span,
                           f"expected {len(params)}")
            if fn.span is not None:
                d.with_label(fn.span, f"`{fn.name}` defined here")
        args = []
        for i, arg in enumerate(e.args):
            if i < len(params):
                ctx = Context("arg", info, fn.params[i].ty)
                args.append(self.coerce(self.expr(arg, params[i]), params[i], ctx))
            else:
                args.append(self.expr(arg))
        if len(e.args) < len(params):
            return t.UnitConst(e.span, ret)
        return self.new_node(t.CallFn(e.span, ret, fn, args, subst))

    def instantiate(self, info: FnInfo, path: ast.Path) -> dict:
        """Fresh variables for the callee's generic parameters, bound by turbofish args."""
        fn = info.fn
        subst: dict[str, object] = {}
        for name in fn.type_params:
            subst[name] = self.infer.fresh()
        for name in fn.const_params:
            subst[name] = self.infer.fresh_mem(name)
        if not path.generic_args:
            return subst
        order = [g.name for g in info.decl.generics]
        if len(path.generic_args) != len(order):
            for name in fn.type_params:
                self.infer.unify(subst[name], ERROR)  # type: ignore[arg-type]
            self.error("E0107", f"function `{fn.name}` takes {len(order)} generic argument"
                       f"{'s' if len(order) != 1 else ''} but {len(path.generic_args)} "
                       f"{'were' if len(path.generic_args) != 1 else 'was'} supplied", path.span)
            return subst
        for name, arg in zip(order, path.generic_args):
            if name in fn.const_params:
                value = self.const_generic_arg(arg)
                if value is not None:
                    self.infer.mems[subst[name].id] = value  # type: ignore[union-attr]
            else:
                ty = self.generic_type_arg(arg)
                if ty is not None:
                    self.infer.unify(subst[name], ty)  # type: ignore[arg-type]
        return subst

    def const_generic_arg(self, arg) -> int | ConstParam | None:
        """The value of a const generic argument: a literal, a const, or a const param."""
        if isinstance(arg, ast.IntLit):
            return arg.value
        if isinstance(arg, ast.Block) and not arg.stmts and arg.tail is not None:
            return self.const_generic_arg(arg.tail)
        name = arg.name if isinstance(arg, ast.PathType) else (
            arg.name if isinstance(arg, ast.Path) and len(arg.segments) == 1 else None)
        if name is not None:
            if name in self.generics.const_params:
                return ConstParam(name)
            if name in self.items.consts:
                value = self.items.const_value(name)
                if isinstance(value, int):
                    return value
        self.error("E0601", "a const generic argument must be an integer literal, a `const`, or a const "
                   "generic parameter", arg.span)
        return None

    def generic_type_arg(self, arg) -> Type | None:
        if isinstance(arg, (ast.PathType, ast.PointerTypeExpr, ast.ArrayTypeExpr, ast.UnitTypeExpr)):
            return self.items.resolve_type(arg, self.generics)
        if isinstance(arg, ast.Path) and len(arg.segments) == 1:
            return self.items.resolve_type(ast.PathType(arg.span, arg.name), self.generics)
        self.error("E0601", "expected a type as generic argument", arg.span)
        return None

    def expr_MethodCall(self, e: ast.MethodCall, expected: Type | None) -> t.TExpr:
        receiver = self.expr(e.receiver)
        ty = self.infer.shallow(receiver.ty)
        if isinstance(ty, PointerType) and e.method in POINTER_METHODS:
            return POINTER_METHODS[e.method](self, e, receiver, ty, expected)
        if isinstance(ty, (IntType,)) or (isinstance(ty, TyVar) and ty.kind == "int"):
            if e.method in INT_METHODS:
                return self.int_method(e, receiver)
        if isinstance(ty, TyVar):
            self.error("E0282", "type annotations needed", e.receiver.span,
                       f"the type of this value must be known to call `.{e.method}()`")
        elif not _quiet(ty):
            self.error("E0599", f"no method named `{e.method}` found for `{self.show(ty)}`", e.span,
                       "method not found")
        for arg in e.args:
            self.expr(arg)
        return t.UnitConst(e.span, ERROR)

    def int_method(self, e: ast.MethodCall, receiver: t.TExpr) -> t.TExpr:
        op = INT_METHODS[e.method]
        if len(e.args) != 1:
            self.error("E0061", f"`{e.method}` takes 1 argument but {len(e.args)} were supplied", e.span)
            return t.UnitConst(e.span, receiver.ty)
        arg = self.coerce(self.expr(e.args[0], receiver.ty), receiver.ty, OTHER)
        return self.new_node(t.Binary(e.span, receiver.ty, op, receiver, arg))

    def args_count(self, e, n: int, what: str) -> bool:
        if len(e.args) != n:
            self.error("E0061", f"`{what}` takes {n} argument{'s' if n != 1 else ''} but {len(e.args)} "
                       f"{'were' if len(e.args) != 1 else 'was'} supplied", e.span)
            for arg in e.args:
                self.expr(arg)
            return False
        return True

    # ------------------------------------------------------------------
    # unsafe, declared memories
    def require_unsafe(self, span: Span, what: str) -> None:
        if self.unsafe_depth == 0:
            self.error("E0133", f"{what} is unsafe and requires unsafe block", span, what).with_note(
                "raw pointers may be null, dangling or unaligned; memory accesses through them are unsafe")

    def require_declared(self, mem: object, span: Span, what: str) -> None:
        """Accessing memory `mem` needs a `#![memory(mem, ...)]` declaration (checked again
        per instance in mono for const generic memories)."""
        mem = self.infer.mem(mem)
        if isinstance(mem, int) and mem not in self.memories:
            self.error("M0009", f"{what} accesses memory {mem}, which this file does not declare", span,
                       f"memory {mem} is not declared").with_help(
                f"declare it at the top of the file: `#![memory({mem}, min = 1)]`").with_note(
                "mentioning a memory in a type is fine; loading, storing or sizing it needs a declaration")

    # ------------------------------------------------------------------
    # end of body: resolve every inference variable in the produced tree
    def finish(self) -> None:
        for node in self.nodes:
            if isinstance(node, t.Local):
                node.ty = self.final_type(node.ty, node.span)
                continue
            node.ty = self.final_type(node.ty, node.span)
            if isinstance(node, t.IntConst) and isinstance(node.ty, IntType) and not int_fits(node.value, node.ty):
                if not (node.ty.signed is False and node.value < 0 and False):
                    self.error("E0023", f"literal out of range for `{node.ty}`", node.span).with_note(
                        f"the literal `{node.value}` does not fit into the type `{node.ty}`")
            elif isinstance(node, t.CallFn):
                node.subst = {k: (self.final_mem(v) if isinstance(v, MemVar) else
                                  self.final_type(v, node.span) if isinstance(v, Type) else v)
                              for k, v in node.subst.items()}
            elif isinstance(node, t.Builtin):
                if node.type_arg is not None:
                    node.type_arg = self.final_type(node.type_arg, node.span)
                if node.mem is not None:
                    node.mem = self.final_mem(node.mem)

    def final_type(self, ty: Type, span: Span | None) -> Type:
        resolved = self.infer.default(ty)
        if resolved is None:
            if not self.reported_unknown and span is not None:
                self.reported_unknown = True
                self.error("E0282", "type annotations needed", span,
                           f"cannot infer the type `{self.show(ty)}`").with_help(
                    "give the binding a type (`let x: T = ...`) or use a turbofish (`f::<T>(...)`)")
            return NEVER
        return _strip_vars(resolved, self)

    def final_mem(self, mem: object) -> object:
        mem = self.infer.mem(mem)
        if isinstance(mem, MemVar):
            return 0
        return mem


def _strip_vars(ty: Type, checker: BodyChecker) -> Type:
    if isinstance(ty, PointerType):
        mem = checker.final_mem(ty.mem)
        return PointerType(_strip_vars(ty.pointee, checker), ty.mutable, mem, ty.is_ref)
    if isinstance(ty, ArrayType):
        return ArrayType(_strip_vars(ty.elem, checker), checker.final_mem(ty.length))
    return ty


def _quiet(ty: Type) -> bool:
    """Types of expressions that already failed (or never produce a value):
    checks on them stay silent so one mistake gives one diagnostic."""
    return isinstance(ty, (NeverType, ErrorType))


def _tail_span(block: ast.Block) -> Span:
    if block.tail is not None:
        return block.tail.span
    return block.span


def _has_vars(ty: Type) -> bool:
    if isinstance(ty, TyVar):
        return True
    if isinstance(ty, PointerType):
        return isinstance(ty.mem, MemVar) or _has_vars(ty.pointee)
    if isinstance(ty, ArrayType):
        return _has_vars(ty.elem)
    return False


def _mem_at(ty: Type | None, depth: int, kind: type) -> bool:
    """Whether the memory of the pointer `depth` levels deep in ty is a `kind`."""
    while ty is not None:
        if isinstance(ty, PointerType):
            if depth == 0:
                return isinstance(ty.mem, kind)
            depth -= 1
            ty = ty.pointee
        elif isinstance(ty, ArrayType):
            ty = ty.elem
        else:
            return False
    return False


def substitute(ty: Type, subst: dict) -> Type:
    """ty with type and const parameters replaced per `subst`."""
    if isinstance(ty, TypeParam):
        return subst.get(ty.name, ty)
    if isinstance(ty, PointerType):
        mem = subst.get(ty.mem.name, ty.mem) if isinstance(ty.mem, ConstParam) else ty.mem
        return PointerType(substitute(ty.pointee, subst), ty.mutable, mem, ty.is_ref)
    if isinstance(ty, ArrayType):
        length = ty.length
        if isinstance(length, ConstParam):
            value = subst.get(length.name, length)
            length = value if isinstance(value, (int, ConstParam, MemVar)) else length
        return ArrayType(substitute(ty.elem, subst), length)
    return ty


def is_place(node: t.TExpr) -> bool:
    if isinstance(node, (t.LocalRef, t.StaticRef, t.Deref)):
        return True
    if isinstance(node, (t.FieldRef, t.IndexRef)):
        return is_place(node.base)
    return False


INT_METHODS = {"wrapping_add": "+", "wrapping_sub": "-", "wrapping_mul": "*"}

# the builtin tables are filled in by builtins.py (kept apart: one entry per
# intrinsic or pointer method, each a small function)
BUILTIN_FNS: dict[str, Callable] = {}
POINTER_METHODS: dict[str, Callable] = {}
