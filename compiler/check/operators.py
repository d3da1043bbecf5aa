"""Operators: unary `-` / `!` (and `*`, which `places` checks), binary
arithmetic, bitwise, shift, comparison and logical operators, compound
assignment, and the integer methods that are operators (`wrapping_add`, ...).

Operators on references work on the referenced values, as Rust's operator
impls for `&T` do: `&a + &b` adds the values, `&a == &b` compares them (so
two references into different memories compare by value). Comparing raw
pointers compares addresses, which is a memory rule (M0004): addresses in
different memories are unrelated.

Mixed into `body.BodyChecker`.
"""
from __future__ import annotations

from .. import messages as msg
from ..syntax import ast
from ..types import (
    ArrayType, BoolType, FloatType, IntType, PointerType, StructType, TupleType, Type, UnitType, V128Type, BOOL, UNIT,
    SliceType,
)
from . import tree as t
from ..selection import (
    ASSIGN_METHODS, ASSIGN_OP_TRAITS, BINARY_OP_TRAITS, COMPARISON_METHODS, COMPARISON_TRAITS, NEG, NOT, OP_METHODS,
)
from .coercion import OTHER, quiet
from .infer import TyVar

ARITH = {"+", "-", "*", "/", "%"}
BITWISE = {"&", "|", "^"}
SHIFTS = {"<<", ">>"}
COMPARE = {"==", "!=", "<", "<=", ">", ">="}
LOGICAL = {"&&", "||"}

#: integer methods that are binary operators (wrapping is what every integer operator does)
INT_METHODS = {"wrapping_add": "+", "wrapping_sub": "-", "wrapping_mul": "*"}


class OperatorRules:
    def expr_Unary(self, e: ast.Unary, expected: Type | None) -> t.TExpr:
        if e.op == "*":
            return self.deref(e)
        if e.op == "-" and isinstance(e.operand, (ast.IntLit, ast.FloatLit)):
            lit = self.expr(e.operand, expected)
            if self.nodes and self.nodes[-1] is lit:
                self.nodes.pop()  # only the negated value is range-checked (and a float's rounded)
                if isinstance(lit, t.IntConst) and isinstance(lit.ty, IntType) and not lit.ty.signed:
                    self.nodes.append(lit)  # (kept, as the operand of the `-` E0600 is about)
            if isinstance(lit, t.IntConst):
                if not self.require_signed(lit.ty, e):
                    return self.new_node(t.Unary(e.span, lit.ty, "-", lit))
                return self.new_node(t.IntConst(e.span, lit.ty, -lit.value))
            if isinstance(lit, t.FloatConst):
                return self.new_node(t.FloatConst(e.span, lit.ty, -lit.value, None if lit.exact is None else -lit.exact))
        operand = self.value_operand(self.expr(e.operand, expected))
        ty = self.infer.shallow(operand.ty)
        if self.overloadable(ty):  # `-v`, `!v`: core::ops::Neg / Not
            trait = NEG if e.op == "-" else NOT
            return self.operator_call(e, trait, OP_METHODS[trait], [operand], None, e.op)
        if quiet(ty):  # (its error is reported)
            pass
        elif e.op == "-":
            if not (isinstance(ty, (IntType, FloatType)) or (isinstance(ty, TyVar) and ty.kind != "any")):
                self.error(msg.UNARY_ON_TYPE(op="-", ty=self.show(ty)), e.span)
            self.require_signed(ty, e)
        elif not (isinstance(ty, (IntType, BoolType)) or (isinstance(ty, TyVar) and ty.kind == "int")):
            self.error(msg.UNARY_ON_TYPE(op="!", ty=self.show(ty)), e.span)
        return self.new_node(t.Unary(e.span, operand.ty, e.op, operand))

    def require_signed(self, ty: Type, e: ast.Expr) -> bool:
        ty = self.infer.shallow(ty)
        if isinstance(ty, IntType) and not ty.signed:
            self.error(msg.UNARY_ON_TYPE(op="-", ty=ty), e.span).with_note(msg.NOTE_UNSIGNED_NEGATION)
            return False
        return True

    def expr_Binary(self, e: ast.Binary, expected: Type | None) -> t.TExpr:
        op = e.op
        if op in LOGICAL:
            lhs = self.coerced(e.lhs, BOOL, OTHER)
            rhs = self.coerced(e.rhs, BOOL, OTHER)
            return t.Binary(e.span, BOOL, op, lhs, rhs)
        if op in COMPARE:
            lhs = self.expr(e.lhs)
            rhs = self.expr(e.rhs, lhs.ty)
            if self.overloadable(lhs.ty):  # core::cmp::PartialEq, PartialOrd
                # `&a < &b` compares `a` with `b` (core's `impl PartialOrd<&B> for &A`): the
                # referenced places are borrowed where they are, so a far one is M0002 here
                while self.is_reference(lhs.ty) and self.is_reference(rhs.ty):
                    lhs, rhs = self.deref_reference(lhs), self.deref_reference(rhs)
                operands = [self.borrow_operand(lhs, e.lhs.span), self.borrow_operand(rhs, e.rhs.span)]
                return self.operator_call(e, COMPARISON_TRAITS[op], COMPARISON_METHODS[op], operands, rhs.ty, op)
            return self.comparison(e, lhs, rhs)
        lhs = self.value_operand(self.expr(e.lhs, expected))
        if self.overloadable(lhs.ty) and op in BINARY_OP_TRAITS:  # core::ops::Add, ...
            rhs = self.expr(e.rhs)
            trait = BINARY_OP_TRAITS[op]
            return self.operator_call(e, trait, OP_METHODS[trait], [lhs, rhs], rhs.ty, op)
        if op in SHIFTS:
            rhs = self.value_operand(self.expr(e.rhs))
            self.require_int(lhs, e, op)
            self.require_int(rhs, e, op)
            return self.new_node(t.Binary(e.span, lhs.ty, op, lhs, rhs))
        rhs = self.value_operand(self.expr(e.rhs, lhs.ty))
        self.binary_operands(e, op, lhs, rhs)
        return self.new_node(t.Binary(e.span, lhs.ty, op, lhs, rhs))

    def value_operand(self, node: t.TExpr) -> t.TExpr:
        """An arithmetic operand: a reference to a primitive stands for its
        value (one level, as Rust implements `&T + T`, `T + &T`, `&T + &T`,
        `-&T` for them); a reference to a struct is an operand of its own
        (an `impl Add for &V` decides)."""
        if self.is_reference(node.ty) and not self.overloadable(self.infer.shallow(node.ty).pointee):
            return self.deref_reference(node)
        return node

    def binary_operands(self, e, op: str, lhs: t.TExpr, rhs: t.TExpr) -> None:
        lt = self.infer.shallow(lhs.ty)
        if isinstance(lt, PointerType) and lt.is_ref:  # `&&a + 1`: Rust has no impl for two levels either
            self.error(msg.BINARY_ON_TYPE(op=op, ty=self.show(lt)), e.span)
            return
        if isinstance(lt, PointerType):
            self.error(msg.BINARY_ON_POINTERS(op=op, ty=self.show(lt)), e.span).with_help(
                msg.HELP_POINTER_ARITHMETIC)
            return
        ok_kind = (isinstance(lt, (IntType, FloatType)) or (isinstance(lt, TyVar) and lt.kind != "any")
                   if op in ARITH else
                   isinstance(lt, (IntType, BoolType)) or (isinstance(lt, TyVar) and lt.kind == "int"))
        if quiet(lt) or quiet(self.infer.shallow(rhs.ty)):
            return
        if not ok_kind:
            self.error(msg.BINARY_ON_TYPE(op=op, ty=self.show(lt)), e.span)
            return
        mismatch = self.infer.unify(lhs.ty, rhs.ty)
        if mismatch is not None:
            self.error(msg.MISMATCHED_TYPES(), rhs.span, msg.LABEL_EXPECTED_FOUND.format(
                expected=self.show(lhs.ty), found=self.show(rhs.ty))).with_note(
                msg.NOTE_SAME_OPERAND_TYPES.format(op=op))

    def require_int(self, node: t.TExpr, e, op: str) -> None:
        ty = self.infer.shallow(node.ty)
        if not (isinstance(ty, IntType) or (isinstance(ty, TyVar) and ty.kind in ("int", "any"))
                or quiet(ty)):
            self.error(msg.OPERATOR_ON_TYPE(op=op, ty=self.show(ty)), node.span)
        elif isinstance(ty, TyVar) and ty.kind == "any":
            self.infer.unify(ty, self.infer.fresh("int"))

    def comparison(self, e: ast.Binary, lhs: t.TExpr, rhs: t.TExpr) -> t.TExpr:
        # references compare their values (Rust's `PartialEq for &A`), at any depth
        while self.is_reference(lhs.ty) and self.is_reference(rhs.ty):
            lhs, rhs = self.deref_reference(lhs), self.deref_reference(rhs)
        lt, rt = self.infer.resolve(lhs.ty), self.infer.resolve(rhs.ty)
        if isinstance(lt, PointerType) and isinstance(rt, PointerType):
            lm, rm = self.infer.mem(lt.mem), self.infer.mem(rt.mem)
            if self.infer.known_different(lm, rm):
                self.error(msg.COMPARE_MEMORIES(lhs=lm, rhs=rm), e.span,
                           msg.LABEL_VERSUS.format(lhs=lt, rhs=rt)).with_note(
                    msg.NOTE_UNRELATED_ADDRESSES).with_help(msg.HELP_COMPARE_ADDRESSES)
                return t.Binary(e.span, BOOL, e.op, lhs, rhs)
            m = self.infer.unify(lt, rt)
            if m is not None:
                self.error(msg.MISMATCHED_TYPES(), rhs.span, msg.LABEL_EXPECTED_FOUND.format(expected=lt, found=rt))
            return t.Binary(e.span, BOOL, e.op, lhs, rhs)
        if isinstance(lt, (StructType, ArrayType, UnitType, TupleType, SliceType, V128Type)):  # v128 has no PartialEq
            self.error(msg.COMPARE_ON_TYPE(op=e.op, ty=lt), e.span)
        elif self.infer.unify(lhs.ty, rhs.ty) is not None:
            self.error(msg.MISMATCHED_TYPES(), rhs.span, msg.LABEL_EXPECTED_FOUND.format(
                expected=self.show(lhs.ty), found=self.show(rhs.ty)))
        return t.Binary(e.span, BOOL, e.op, lhs, rhs)

    def expr_CompoundAssign(self, e: ast.CompoundAssign, expected: Type | None) -> t.TExpr:
        place = self.assignable(e.target, e)
        if place is None:
            self.expr(e.value)
            return t.UnitConst(e.span, UNIT)
        if self.overloadable(place.ty) and e.op + "=" in ASSIGN_OP_TRAITS:  # core::ops::AddAssign, ...
            value = self.value_operand(self.expr(e.value))
            trait = ASSIGN_OP_TRAITS[e.op + "="]
            target = self.autoref(place, True, e.target.span)  # `&mut place`, in the place's memory
            return self.operator_call(e, trait, ASSIGN_METHODS[trait], [target, value], value.ty, e.op + "=")
        if e.op in SHIFTS:
            value = self.value_operand(self.expr(e.value))
            self.require_int(place, e, e.op + "=")
            self.require_int(value, e, e.op + "=")
        else:
            value = self.value_operand(self.expr(e.value, place.ty))
            self.binary_operands(e, e.op, place, value)
        return t.CompoundAssign(e.span, UNIT, e.op, place, value)

    def int_method(self, e: ast.MethodCall, receiver: t.TExpr) -> t.TExpr:
        op = INT_METHODS[e.method]
        if len(e.args) != 1:
            self.error(msg.WRONG_BUILTIN_ARG_COUNT(name=e.method, expected=msg.count(1, "argument"),
                                                    supplied=msg.were(len(e.args))), e.span)
            return t.UnitConst(e.span, receiver.ty)
        arg = self.coerced(e.args[0], receiver.ty, OTHER)
        return self.new_node(t.Binary(e.span, receiver.ty, op, receiver, arg, wrapping=True))
