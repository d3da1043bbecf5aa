"""The AST builder: one method per grammar rule or alias of `grammar.lark`,
called by the LALR driver (`parser.py`) at every reduction, so AST nodes are
built during the parse and no parse tree ever exists.

Each method takes the rule's children as a list: tokens included (the
grammar keeps all tokens, so a method computes its span from its first and
last child), `None` for an absent `[...]`, and the children of `_`-rules
and lark's `x*` helpers spliced in. A user error found while building (a
malformed literal, a misplaced attribute, a misplaced `..` pattern) raises
`SyntaxProblem`, which `parse` reports.

Literals are decoded here (`decode_number`, `decode_string`); outer
attributes are checked against `attributes.KNOWN` when the item they belong
to is built.
"""
from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

from lark import Token, Tree

from .. import messages as msg
from ..source import SourceFile, Span
from . import ast
from .attributes import KNOWN, UNSUPPORTED, WHERE_IT_GOES, Target, describe_targets, similar_name
from .tokens import TOKEN_CLASSES, SyntaxProblem, describe_char

INT_SUFFIXES = frozenset(
    ["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize"]
)
FLOAT_SUFFIXES = frozenset(["f32", "f64"])
U64_MAX = (1 << 64) - 1

# ---------------------------------------------------------------------------
# Literals

_INT_TEXT = re.compile(
    r"(?P<body>0x[0-9a-fA-F_]*|0o[0-7_]*|0b[01_]*|[0-9][0-9_]*)(?P<suffix>[iu](?:8|16|32|64|size))?"
)
_FLOAT_TEXT = re.compile(
    r"(?P<body>(?P<int>[0-9][0-9_]*)(?:\.(?P<frac>[0-9][0-9_]*))?(?:[eE](?P<exp>[+-]?_*[0-9][0-9_]*))?)"
    r"(?P<suffix>f32|f64)?"
)
# Splits a malformed literal into the part that looks like digits and the rest.
_NUMBER_PARTS = re.compile(
    r"(?P<body>0x[0-9a-fA-F_]*|0o[0-9_]*|0b[0-9_]*|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9_]+)?)(?P<rest>.*)",
    re.S,
)
_RADIX = {"0x": 16, "0o": 8, "0b": 2}


# More significant digits than any `f32` halfway point has (those are k * 2**-150, k < 2**25):
# the rest can only say whether the value is above such a point, which one sticky digit keeps.
_DECIMAL_DIGITS = 400


def decimal_value(text: str, nearest: float) -> Fraction | None:
    """The exact value of a float literal (`text`, whose nearest f64 is `nearest`)
    where an f32 needs it to round once (`types.round_f32`); None where rounding
    the f64 gives the same f32 (beyond the f32 range, or 0)."""
    if not 1e-50 < nearest < 1e40:
        return None  # (an f32 of 0 or infinity either way: no digits to convert)
    m = _FLOAT_TEXT.fullmatch(text)
    if m is None:
        return None
    frac = (m.group("frac") or "").replace("_", "")
    digits = (m.group("int").replace("_", "") + frac).lstrip("0")
    written = (m.group("exp") or "0").replace("_", "")
    magnitude = written.lstrip("+-").lstrip("0") or "0"  # (`1e0000…01`: Python converts 4300 digits at most)
    if len(magnitude) > 9:
        return None  # (a value in range with such an exponent would need as many digits of zeros)
    exponent = (-int(magnitude) if written.startswith("-") else int(magnitude)) - len(frac)
    if len(digits) > _DECIMAL_DIGITS:
        sticky = "1" if digits[_DECIMAL_DIGITS:].strip("0") else "0"
        exponent += len(digits) - _DECIMAL_DIGITS - 1
        digits = digits[:_DECIMAL_DIGITS] + sticky
    return Fraction(int(digits or "0")) * Fraction(10) ** exponent


def decode_number(text: str, start: int) -> tuple[int | float, str | None]:
    """(value, suffix) of a NUMBER token; a float value means a float literal.

    Raises `SyntaxProblem` (S0003) for malformed or too large literals.
    """
    end = start + len(text)
    if (m := _INT_TEXT.fullmatch(text)) is not None:
        body, suffix = m.group("body"), m.group("suffix")
        radix = _RADIX.get(body[:2], 10)
        digits = (body[2:] if radix != 10 else body).replace("_", "")
        if not digits:
            raise SyntaxProblem(msg.INT_NO_DIGITS(text=text), start, end)
        digits = digits.lstrip("0") or "0"  # (Python converts 4300 digits at most, leading zeros included)
        if len(digits) > 64:  # (more than any u64 has, in any radix)
            raise SyntaxProblem(msg.INT_TOO_LARGE(), start, end, notes=(msg.NOTE_INT_MAX,))
        value = int(digits, radix)
        if value > U64_MAX:
            raise SyntaxProblem(msg.INT_TOO_LARGE(), start, end, notes=(msg.NOTE_INT_MAX,))
        return value, suffix
    if (m := _FLOAT_TEXT.fullmatch(text)) is not None:
        number = float(m.group("body").replace("_", ""))
        if number == float("inf"):
            raise SyntaxProblem(msg.FLOAT_RANGE(text=text), start, end)
        return number, m.group("suffix")
    parts = _NUMBER_PARTS.fullmatch(text)
    if parts is not None:
        body, rest = parts.group("body"), parts.group("rest")
        radix = _RADIX.get(body[:2], 10)
        if radix != 10:
            bad = next((d for d in body[2:] if d != "_" and int(d, 16) >= radix), None)
            if bad is not None:
                raise SyntaxProblem(msg.BAD_DIGIT(digit=bad, radix=radix), start, end)
        if rest:
            is_float = radix == 10 and ("." in body or "e" in body.lower())
            valid = FLOAT_SUFFIXES if is_float else INT_SUFFIXES | FLOAT_SUFFIXES
            if radix != 10:
                valid = INT_SUFFIXES
            raise SyntaxProblem(msg.BAD_SUFFIX(suffix=rest, kind="float" if is_float else "number"), start, end,
                help=(msg.HELP_VALID_SUFFIXES.format(suffixes=", ".join(f"`{s}`" for s in sorted(valid))),),
            )
    raise SyntaxProblem(msg.BAD_NUMBER(text=text), start, end)


_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]{1,6}\}|\r?\n\s*|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "0": "\0", '"': '"', "'": "'"}


def decode_string(token: Token) -> str:
    """The value of a STRING token (quotes removed, Rust escapes decoded)."""
    raw = token.value[1:-1]
    if "\\" not in raw:
        return raw

    def one(m: re.Match[str]) -> str:
        escape = m.group()
        kind = escape[1]
        if kind in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[kind]
        if kind == "\n" or escape.startswith("\\\r\n"):  # line continuation: drop it and the indentation
            return ""
        if kind == "x" and len(escape) == 4 and int(escape[2:], 16) <= 0x7F:
            return chr(int(escape[2:], 16))
        if kind == "u" and len(escape) > 2:
            code = int(escape[3:-1], 16)
            if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code)
        offset = token.start_pos + 1 + m.start()
        shown = f"`{escape}`" if kind.isprintable() and not kind.isspace() else f"`\\` before {describe_char(kind)}"
        raise SyntaxProblem(msg.BAD_ESCAPE(escape=shown), offset, offset + len(escape))

    return _ESCAPE.sub(one, raw)


# ---------------------------------------------------------------------------
# Building

_BINARY_PRECEDENCE: dict[str, int] = {
    "..": 0, "..=": 0,
    "||": 1, "&&": 2,
    "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
    "|": 4, "^": 5, "&": 6, "<<": 7, ">>": 7,
    "+": 8, "-": 8, "*": 9, "/": 9, "%": 9,
}
_RANGE = 0
_COMPARISON = 3
#: The rules of the flat operator list that do not chain, and what they say when they do.
_NON_CHAINING = {
    _RANGE: (msg.RANGE_CHAINED, msg.HELP_RANGE_CHAINED),
    _COMPARISON: (msg.CHAINED_COMPARISON, msg.HELP_CHAINED_COMPARISON),
}
_TUPLE_INDEX = re.compile(r"(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?")

_ITEM_TYPES = frozenset([
    ast.FnDecl, ast.StructDecl, ast.EnumDecl, ast.ConstDecl, ast.StaticDecl, ast.TypeAlias, ast.ExternBlock,
    ast.ImplBlock, ast.TraitDecl, ast.ModDecl, ast.UseDecl,
])
#: Patterns in which a `..` element is allowed directly.
_REST_HOLDERS = frozenset([ast.TuplePat, ast.TupleStructPat, ast.SlicePat])


def _nodes(children: list[Any]) -> tuple[Any, ...]:
    """The AST nodes among `children` (separators and placeholders dropped)."""
    return tuple(x for x in children if x is not None and type(x) not in TOKEN_CLASSES)


class _TypeArgs:
    """The `<...>` after a type path, until `path_type` folds it into the PathType."""

    __slots__ = ("args", "end")

    def __init__(self, args: tuple[ast.GenericArg, ...], end: int) -> None:
        self.args = args
        self.end = end


class _StructBase:
    """`..base` among the fields of a struct literal, until `struct_lit` takes it out."""

    __slots__ = ("expr", "start")

    def __init__(self, expr: ast.Expr, start: int) -> None:
        self.expr = expr
        self.start = start


class _ArmHead:
    """`| pattern if guard =>` of a match arm, until the arm is built."""

    __slots__ = ("start", "pattern", "guard")

    def __init__(self, start: int, pattern: ast.Pattern, guard: ast.Expr | None) -> None:
        self.start = start
        self.pattern = pattern
        self.guard = guard


class Builder:
    """Builds AST nodes during the LALR parse. `file` and `text` are set per parse."""

    file: SourceFile
    text: str  # the file's text with comments blanked

    # ----- helpers
    def _span(self, first: Any, last: Any) -> Span:
        start = first.start_pos if type(first) in TOKEN_CLASSES else first.span.start
        end = last.end_pos if type(last) in TOKEN_CLASSES else last.span.end
        return Span(self.file, start, end)

    def _tok_span(self, tok: Token) -> Span:
        return Span(self.file, tok.start_pos, tok.end_pos)

    def _first(self, *children: Any) -> Any:
        """The first child that is present (for the start of a span)."""
        return next(x for x in children if x is not None)

    def __default__(self, data: str, children: list[Any], meta: Any) -> Any:
        # lark's `x*`/`x+` helper rules (`__...`) are spliced into their parent
        # and must stay trees; any other rule without a method is a bug.
        if data.startswith("_"):
            return Tree(data, children)
        raise AssertionError(f"grammar rule `{data}` has no builder method")

    # ----- module and attributes
    def module(self, c: list[Any]) -> ast.Module:
        inner: list[ast.Attribute] = []
        items: list[ast.Item] = []
        for x in c:
            if type(x) is ast.Attribute:
                if items:
                    raise SyntaxProblem(msg.INNER_ATTR_LATE(name=x.name), x.span.start, x.span.end,
                                        help=(msg.HELP_MOVE_TO_TOP,))
                inner.append(x)
            else:
                items.append(x)
        return ast.Module(Span(self.file, 0, len(self.file.text)), tuple(inner), tuple(items))

    def inner_attr(self, c: list[Any]) -> ast.Attribute:
        name, args, value = c[3]
        return ast.Attribute(self._span(c[0], c[-1]), name, args, True, value)

    def outer_attr(self, c: list[Any]) -> ast.Attribute:
        name, args, value = c[2]
        return ast.Attribute(self._span(c[0], c[-1]), name, args, False, value)

    def attrs(self, c: list[Any]) -> tuple[ast.Attribute, ...]:
        return tuple(c)

    def attr_word(self, c: list[Any]) -> tuple[str, None, None]:
        return c[0].value, None, None

    def attr_call(self, c: list[Any]) -> tuple[str, tuple[ast.AttrArg, ...], None]:
        return c[0].value, c[2] or (), None

    def attr_value(self, c: list[Any]) -> tuple[str, None, int | str]:
        return c[0].value, None, self._attr_literal(c[2])

    def attr_args(self, c: list[Any]) -> tuple[ast.AttrArg, ...]:
        return _nodes(c)

    def attr_arg_lit(self, c: list[Any]) -> ast.AttrArg:
        return ast.AttrArg(self._tok_span(c[0]), None, self._attr_literal(c[0]))

    def attr_arg_ident(self, c: list[Any]) -> ast.AttrArg:
        span = self._tok_span(c[0])
        return ast.AttrArg(span, None, ast.Ident(span, c[0].value))

    def attr_arg_key_lit(self, c: list[Any]) -> ast.AttrArg:
        return ast.AttrArg(self._span(c[0], c[2]), c[0].value, self._attr_literal(c[2]))

    def attr_arg_key_ident(self, c: list[Any]) -> ast.AttrArg:
        value = ast.Ident(self._tok_span(c[2]), c[2].value)
        return ast.AttrArg(self._span(c[0], c[2]), c[0].value, value)

    def attr_arg_key_list(self, c: list[Any]) -> ast.AttrArg:
        """`only = [seal, unseal]`: the value is a tuple of `Ident`s."""
        names = next((x for x in c if isinstance(x, tuple)), ())
        return ast.AttrArg(self._span(c[0], c[-1]), c[0].value, names)

    def attr_idents(self, c: list[Any]) -> tuple[ast.Ident, ...]:
        return tuple(ast.Ident(self._tok_span(tok), tok.value) for tok in c
                     if type(tok) in TOKEN_CLASSES and tok.type == "IDENT")

    def _attr_literal(self, tok: Token) -> int | str:
        if tok.type == "STRING":
            return decode_string(tok)
        value, _suffix = decode_number(tok.value, tok.start_pos)
        if isinstance(value, float):
            raise SyntaxProblem(msg.ATTR_NUMBER(text=tok.value), tok.start_pos, tok.end_pos)
        return value

    def _checked_attrs(self, attrs: tuple[ast.Attribute, ...] | None, target: Target) -> tuple[ast.Attribute, ...]:
        """`attrs` (None: none written), each checked against the table of known attributes."""
        if not attrs:
            return ()
        for attr in attrs:
            span = attr.span
            targets = KNOWN.get(attr.name)
            if targets is None:
                if attr.name in UNSUPPORTED:
                    raise SyntaxProblem(msg.UNSUPPORTED_ATTR(name=attr.name), span.start, span.end)
                suggestion = similar_name(attr.name)
                hint = (msg.HELP_SIMILAR_ATTR.format(name=suggestion) if suggestion is not None else
                        msg.HELP_KNOWN_ATTRS.format(names=", ".join(f"`{n}`" for n in sorted(KNOWN))))
                raise SyntaxProblem(msg.UNKNOWN_ATTR(name=attr.name), span.start, span.end, help=(hint,))
            if target not in targets:
                where = WHERE_IT_GOES.get(attr.name) or msg.HELP_ATTR_TARGETS.format(
                    name=attr.name, targets=describe_targets(targets))
                raise SyntaxProblem(msg.MISPLACED_ATTR(name=attr.name, target=target.value), span.start, span.end,
                                    help=(where,))
        return attrs

    # ----- visibility
    def vis_pub(self, c: list[Any]) -> ast.Visibility:
        return ast.Visibility(self._tok_span(c[0]), None)

    def vis_restricted(self, c: list[Any]) -> ast.Visibility:
        scope = c[2]
        path = (scope.value,) if type(scope) in TOKEN_CLASSES else scope
        return ast.Visibility(self._span(c[0], c[3]), path)

    def vis_scope(self, c: list[Any]) -> tuple[str, ...]:  # `in a::b`
        return c[1]

    def simple_path(self, c: list[Any]) -> tuple[str, ...]:
        return tuple(t.value for t in c[::2])

    # ----- functions
    def fn_decl(self, c: list[Any]) -> ast.FnDecl:
        attrs, vis, quals, sig, body = c
        fn_tok, name, generics, receiver, params, ret, where = sig
        first, const, unsafe, abi_name = quals if quals is not None else (fn_tok, False, False, None)
        return ast.FnDecl(
            self._span(vis or first, body), name.value, self._tok_span(name),
            self._checked_attrs(attrs, Target.FUNCTION), vis, unsafe, abi_name, generics, params, ret,
            body if type(body) is ast.Block else None, const, receiver, where,
        )

    def fn_quals(self, c: list[Any]) -> tuple[Any, bool, bool, str | None]:
        """(first token, const, unsafe, ABI) of `const unsafe extern "C"` and its shorter forms."""
        abi = c[-1] if type(c[-1]) is tuple else None
        words = {t.value for t in c if type(t) in TOKEN_CLASSES}
        first = c[0][0] if type(c[0]) is tuple else c[0]
        return first, "const" in words, "unsafe" in words, abi[1] if abi is not None else None

    def abi(self, c: list[Any]) -> tuple[Any, str]:
        return c[0], decode_string(c[1]) if c[1] is not None else "C"

    def generics(self, c: list[Any]) -> tuple[ast.GenericParam, ...]:
        return c[0] or ()

    def where_opt(self, c: list[Any]) -> tuple[ast.WherePredicate, ...]:
        return c[0] or ()

    def colon_bounds(self, c: list[Any]) -> tuple[ast.Bound, ...]:
        return c[1] or ()

    def impl_items(self, c: list[Any]) -> tuple[Any, ...]:
        return tuple(c)

    trait_items = impl_items

    def discriminant(self, c: list[Any]) -> ast.Expr | None:
        return c[1]

    def fn_sig(self, c: list[Any]) -> tuple[Any, ...]:
        fn_tok, name, generics, _lp, params, _rp, _arrow, ret, where = c
        receiver, rest = params if params is not None else (None, ())
        return fn_tok, name, generics or (), receiver, rest, ret, where or ()

    def fn_params(self, c: list[Any]) -> tuple[ast.SelfParam | None, tuple[ast.Param, ...]]:
        params = _nodes(c)
        if type(params[0]) is ast.SelfParam:
            return params[0], params[1:]
        return None, params

    def self_value(self, c: list[Any]) -> ast.SelfParam:
        mut, kw, _colon, ty = c
        return ast.SelfParam(self._span(mut or kw, ty or kw), "value", mut is not None, ty)

    def self_ref(self, c: list[Any]) -> ast.SelfParam:
        amp, lifetime, mut, kw = c
        return ast.SelfParam(self._span(amp, kw), "ref_mut" if mut is not None else "ref", False, None,
                             self.lifetime([lifetime]) if lifetime is not None else None)

    def param(self, c: list[Any]) -> ast.Param:
        pattern, _colon, ty = c
        return ast.Param(self._span(pattern, ty), self._pattern(pattern), ty)

    # ----- generics, bounds, where clauses
    def generic_params(self, c: list[Any]) -> tuple[ast.GenericParam, ...]:
        return _nodes(c)

    def type_param(self, c: list[Any]) -> ast.GenericParam:
        name, _colon, bounds, _eq, default = c
        last = default or (bounds[-1] if bounds else None) or _colon or name
        return ast.GenericParam(self._span(name, last), name.value, "type", None,
                                bounds or (), default)

    def const_param(self, c: list[Any]) -> ast.GenericParam:
        kw, name, _colon, ty, _eq, default = c
        return ast.GenericParam(self._span(kw, default or ty), name.value, "const", ty, (), default)

    def lifetime_param(self, c: list[Any]) -> ast.GenericParam:
        name, colon, bounds = c
        last = bounds[-1] if bounds else (colon or name)
        return ast.GenericParam(self._span(name, last), name.value, "lifetime", None, bounds or ())

    def bounds(self, c: list[Any]) -> tuple[ast.Bound, ...]:
        return _nodes(c)

    def trait_bound(self, c: list[Any]) -> ast.TraitBound:
        return ast.TraitBound(c[0].span, c[0])

    def maybe_bound(self, c: list[Any]) -> ast.TraitBound:
        return ast.TraitBound(self._span(c[0], c[1]), c[1], True)

    def lifetime(self, c: list[Any]) -> ast.Lifetime:
        return ast.Lifetime(self._tok_span(c[0]), c[0].value)

    def lifetime_bounds(self, c: list[Any]) -> tuple[ast.Lifetime, ...]:
        return tuple(self.lifetime([t]) for t in c[::2])

    def where_clause(self, c: list[Any]) -> tuple[ast.WherePredicate, ...]:
        return _nodes(c)

    def where_bound(self, c: list[Any]) -> ast.WherePredicate:
        ty, colon, bounds = c
        return ast.WherePredicate(self._span(ty, bounds[-1] if bounds else colon), ty, bounds or ())

    def where_lifetime(self, c: list[Any]) -> ast.WherePredicate:
        name, colon, bounds = c
        return ast.WherePredicate(self._span(name, bounds[-1] if bounds else colon), self.lifetime([name]), bounds or ())

    # ----- structs and enums
    def struct_decl(self, c: list[Any]) -> ast.StructDecl:
        attrs, vis, kw, name, generics, where, _lb, fields, rb = c
        return ast.StructDecl(self._span(vis or kw, rb), name.value, self._tok_span(name),
                              self._checked_attrs(attrs, Target.STRUCT), vis, fields or (), "named",
                              generics or (), where or ())

    def tuple_struct_decl(self, c: list[Any]) -> ast.StructDecl:
        attrs, vis, kw, name, generics, _lp, fields, _rp, where, semi = c
        return ast.StructDecl(self._span(vis or kw, semi), name.value, self._tok_span(name),
                              self._checked_attrs(attrs, Target.STRUCT), vis, fields or (), "tuple",
                              generics or (), where or ())

    def unit_struct_decl(self, c: list[Any]) -> ast.StructDecl:
        attrs, vis, kw, name, generics, where, semi = c
        return ast.StructDecl(self._span(vis or kw, semi), name.value, self._tok_span(name),
                              self._checked_attrs(attrs, Target.STRUCT), vis, (), "unit", generics or (), where or ())

    def field_decls(self, c: list[Any]) -> tuple[ast.FieldDecl, ...]:
        return _nodes(c)

    def field_decl(self, c: list[Any]) -> ast.FieldDecl:
        attrs, vis, name, _colon, ty = c
        return ast.FieldDecl(self._span(vis or name, ty), name.value, ty, vis, self._checked_attrs(attrs, Target.FIELD))

    def tuple_fields(self, c: list[Any]) -> tuple[ast.FieldDecl, ...]:
        # a tuple field's name is its position, as in rustc
        return tuple(replace(f, name=str(i)) for i, f in enumerate(_nodes(c)))

    def tuple_field(self, c: list[Any]) -> ast.FieldDecl:
        ty = c[-1]
        vis = None
        if len(c) == 2:
            vis = ast.Visibility(self._tok_span(c[0]), None)
        elif len(c) == 5:
            vis = self.vis_restricted(c[:4])
        return ast.FieldDecl(self._span(c[0], ty), "", ty, vis)

    def enum_decl(self, c: list[Any]) -> ast.EnumDecl:
        attrs, vis, kw, name, generics, where, _lb, variants, rb = c
        return ast.EnumDecl(self._span(vis or kw, rb), name.value, self._tok_span(name),
                            self._checked_attrs(attrs, Target.ENUM), vis, generics or (), where or (), variants or ())

    def variants(self, c: list[Any]) -> tuple[ast.Variant, ...]:
        return _nodes(c)

    def unit_variant(self, c: list[Any]) -> ast.Variant:
        attrs, name, value = c
        return ast.Variant(self._span(name, value or name), name.value, self._tok_span(name),
                           self._checked_attrs(attrs, Target.VARIANT), "unit", (), value)

    def tuple_variant(self, c: list[Any]) -> ast.Variant:
        attrs, name, _lp, fields, rp, value = c
        return ast.Variant(self._span(name, value or rp), name.value, self._tok_span(name),
                           self._checked_attrs(attrs, Target.VARIANT), "tuple", fields or (), value)

    def struct_variant(self, c: list[Any]) -> ast.Variant:
        attrs, name, _lb, fields, rb, value = c
        return ast.Variant(self._span(name, value or rb), name.value, self._tok_span(name),
                           self._checked_attrs(attrs, Target.VARIANT), "named", fields or (), value)

    # ----- other items
    def const_decl(self, c: list[Any]) -> ast.ConstDecl:
        attrs, vis, kw, name, _colon, ty, _eq, value, semi = c
        return ast.ConstDecl(self._span(vis or kw, semi), name.value, self._tok_span(name),
                             self._checked_attrs(attrs, Target.CONST), vis, ty, value)

    def trait_const(self, c: list[Any]) -> ast.ConstDecl:
        attrs, kw, name, _colon, ty, _eq, value, semi = c
        return ast.ConstDecl(self._span(kw, semi), name.value, self._tok_span(name),
                             self._checked_attrs(attrs, Target.CONST), None, ty, value)

    def static_decl(self, c: list[Any]) -> ast.StaticDecl:
        attrs, vis, kw, mut, name, _colon, ty, _eq, value, semi = c
        return ast.StaticDecl(self._span(vis or kw, semi), name.value, self._tok_span(name),
                              self._checked_attrs(attrs, Target.STATIC), vis, mut is not None, ty, value)

    def type_alias(self, c: list[Any]) -> ast.TypeAlias:
        attrs, vis, kw, name, generics, bounds, where, _eq, ty, semi = c
        return ast.TypeAlias(self._span(vis or kw, semi), name.value, self._tok_span(name),
                             self._checked_attrs(attrs, Target.TYPE_ALIAS), vis, generics or (), bounds or (),
                             where or (), ty)

    def extern_block(self, c: list[Any]) -> ast.ExternBlock:
        attrs, unsafe, kw, abi = c[:4]
        abi_name = decode_string(abi) if abi is not None else "C"
        functions = tuple(replace(f, abi=abi_name) for f in c[5:-1])
        return ast.ExternBlock(self._span(unsafe or kw, c[-1]), self._checked_attrs(attrs, Target.EXTERN_BLOCK),
                               abi_name, functions)

    def extern_fn(self, c: list[Any]) -> ast.FnDecl:
        attrs, vis, unsafe, sig, semi = c
        fn_tok, name, generics, receiver, params, ret, where = sig
        return ast.FnDecl(
            self._span(vis or unsafe or fn_tok, semi), name.value, self._tok_span(name),
            self._checked_attrs(attrs, Target.FOREIGN_FUNCTION), vis, unsafe is not None, None, generics, params, ret,
            None, False, receiver, where,
        )

    def impl_block(self, c: list[Any]) -> ast.ImplBlock:
        attrs, unsafe, kw, generics, first, for_kw, second, where, _lb, impl_items, rb = c
        trait, self_ty = (first, second) if for_kw is not None else (None, first)
        if trait is not None and type(trait) is not ast.PathType:
            raise SyntaxProblem(msg.EXPECTED(expected="a trait", found="a type"), trait.span.start, trait.span.end)
        return ast.ImplBlock(self._span(unsafe or kw, c[-1]), self._checked_attrs(attrs, Target.IMPL),
                             unsafe is not None, generics, trait, self_ty, where, impl_items)

    def trait_decl(self, c: list[Any]) -> ast.TraitDecl:
        attrs, vis, unsafe, kw, name, generics, supertraits, where, _lb, trait_items, rb = c
        return ast.TraitDecl(self._span(vis or unsafe or kw, c[-1]), name.value, self._tok_span(name),
                             self._checked_attrs(attrs, Target.TRAIT), vis, unsafe is not None, generics or (),
                             supertraits, where, trait_items)

    def mod_decl(self, c: list[Any]) -> ast.ModDecl:
        attrs, vis, kw, name = c[:4]
        items = None if len(c) == 5 else tuple(c[5:-1])
        return ast.ModDecl(self._span(vis or kw, c[-1]), name.value, self._tok_span(name),
                           self._checked_attrs(attrs, Target.MODULE), vis, items)

    def use_decl(self, c: list[Any]) -> ast.UseDecl:
        attrs, vis, kw, tree, semi = c
        return ast.UseDecl(self._span(vis or kw, semi), self._checked_attrs(attrs, Target.USE), vis, tree)

    def use_simple(self, c: list[Any]) -> ast.UseTree:
        *segments, as_kw, alias = c
        last = alias or segments[-1]
        return ast.UseTree(self._span(segments[0], last), tuple(t.value for t in segments[::2]), "simple",
                           alias.value if alias is not None else None, ())

    def use_glob(self, c: list[Any]) -> ast.UseTree:
        return ast.UseTree(self._span(c[0], c[-1]), tuple(t.value for t in c[:-2:2]), "glob", None, ())

    def use_group(self, c: list[Any]) -> ast.UseTree:
        opening = next(i for i, x in enumerate(c) if type(x) in TOKEN_CLASSES and x.value == "{")
        path = tuple(t.value for t in c[: max(opening - 1, 0) : 2])
        return ast.UseTree(self._span(c[0], c[-1]), path, "group", None, _nodes(c[opening:]))

    # ----- types
    def attributed_type(self, c: list[Any]) -> ast.TypeExpr:
        attr, ty = c
        span = attr.span
        if type(ty) is ast.FnPtrTypeExpr and attr.name != "mem_idx":
            # kept for the checker: the spelling of far function pointers is its choice
            return replace(ty, span=self._span(attr, ty), attrs=(attr,) + ty.attrs)
        if attr.name != "mem_idx":
            raise SyntaxProblem(msg.TYPE_ATTR(name=attr.name), span.start, span.end)
        if type(ty) is not ast.PointerTypeExpr:
            raise SyntaxProblem(msg.MEM_IDX_NOT_POINTER(), span.start, ty.span.end,
                                label=msg.LABEL_NOT_POINTER, help=(msg.HELP_MEM_IDX,))
        if ty.mem is not None:
            raise SyntaxProblem(msg.MEM_IDX_TWICE(), span.start, span.end)
        args = attr.args
        if attr.value is not None or args is None or len(args) != 1 or args[0].key is not None:
            raise SyntaxProblem(msg.MEM_IDX_ARGS(), span.start, span.end, help=(msg.HELP_MEM_IDX,))
        value = args[0].value
        if isinstance(value, str):  # a string literal
            raise SyntaxProblem(msg.MEM_IDX_ARGS(), args[0].span.start, args[0].span.end, help=(msg.HELP_MEM_IDX,))
        mem = ast.MemAttr(span, value.name if isinstance(value, ast.Ident) else value)
        return replace(ty, span=self._span(attr, ty), mem=mem)

    def ptr_type(self, c: list[Any]) -> ast.PointerTypeExpr:
        star, qualifier, pointee = c
        return ast.PointerTypeExpr(self._span(star, pointee), pointee, qualifier.value == "mut", False, None)

    def ref_type(self, c: list[Any]) -> ast.PointerTypeExpr:
        amp, lifetime, mut, pointee = c
        return ast.PointerTypeExpr(self._span(amp, pointee), pointee, mut is not None, True, None,
                                   self.lifetime([lifetime]) if lifetime is not None else None)

    def ref_ref_type(self, c: list[Any]) -> ast.PointerTypeExpr:
        amps, lifetime, mut, pointee = c  # `&&'a mut T` is `&(&'a mut T)`
        inner = ast.PointerTypeExpr(Span(self.file, amps.start_pos + 1, pointee.span.end), pointee, mut is not None,
                                    True, None, self.lifetime([lifetime]) if lifetime is not None else None)
        return ast.PointerTypeExpr(self._span(amps, pointee), inner, False, True, None)

    def array_type(self, c: list[Any]) -> ast.ArrayTypeExpr:
        return ast.ArrayTypeExpr(self._span(c[0], c[4]), c[1], c[3])

    def slice_type(self, c: list[Any]) -> ast.SliceTypeExpr:
        return ast.SliceTypeExpr(self._span(c[0], c[2]), c[1])

    def unit_type(self, c: list[Any]) -> ast.UnitTypeExpr:
        return ast.UnitTypeExpr(self._span(c[0], c[1]))

    def paren_type(self, c: list[Any]) -> ast.TypeExpr:
        return replace(c[1], span=self._span(c[0], c[2]))

    def tuple_type(self, c: list[Any]) -> ast.TupleTypeExpr:
        return ast.TupleTypeExpr(self._span(c[0], c[4]), (c[1],) + (c[3] or ()))

    def types(self, c: list[Any]) -> tuple[ast.TypeExpr, ...]:
        return _nodes(c)

    def never_type(self, c: list[Any]) -> ast.NeverTypeExpr:
        return ast.NeverTypeExpr(self._tok_span(c[0]))

    def fn_ptr_type(self, c: list[Any]) -> ast.FnPtrTypeExpr:
        unsafe, extern, abi, fn_tok, _lp, params, rp, _arrow, ret = c
        abi_name = (decode_string(abi) if abi is not None else "C") if extern is not None else None
        return ast.FnPtrTypeExpr(self._span(unsafe or extern or fn_tok, ret or rp), params or (), ret,
                                 unsafe is not None, abi_name)

    def fn_ptr_params(self, c: list[Any]) -> tuple[ast.TypeExpr, ...]:
        return _nodes(c)

    def named_fn_ptr_param(self, c: list[Any]) -> ast.TypeExpr:
        return c[2]  # `fn(x: u32)`: the name documents, the type counts

    def impl_trait_type(self, c: list[Any]) -> ast.ImplTraitTypeExpr:
        return ast.ImplTraitTypeExpr(self._span(c[0], c[1]), c[1])

    def dyn_trait_type(self, c: list[Any]) -> ast.DynTraitTypeExpr:
        return ast.DynTraitTypeExpr(self._span(c[0], c[1]), c[1])

    def path_type(self, c: list[Any]) -> ast.PathType:
        args = c[-1]
        if len(c) == 2 and args is None:  # the common case: one name
            tok = c[0]
            return ast.PathType(Span(self.file, tok.start_pos, tok.end_pos), tok.value)
        names = tuple(t.value for t in c[:-1:2])
        start = c[0].start_pos
        if args is None:
            return ast.PathType(Span(self.file, start, c[-2].end_pos), names[-1], (), names[:-1])
        if type(args) is ast.ParenArgs:
            return ast.PathType(Span(self.file, start, args.span.end), names[-1], (), names[:-1], args)
        return ast.PathType(Span(self.file, start, args.end), names[-1], args.args, names[:-1])

    def angle_args(self, c: list[Any]) -> _TypeArgs:
        return _TypeArgs(c[1], c[2].end_pos)

    def paren_args(self, c: list[Any]) -> ast.ParenArgs:
        lp, inputs, rp, _arrow, output = c
        return ast.ParenArgs(self._span(lp, output or rp), inputs or (), output)

    def generic_args(self, c: list[Any]) -> tuple[ast.GenericArg, ...]:
        return _nodes(c)

    def assoc_binding(self, c: list[Any]) -> ast.AssocBinding:
        return ast.AssocBinding(self._span(c[0], c[2]), c[0].value, c[2])

    # ----- patterns
    def _pattern(self, pattern: ast.Pattern) -> ast.Pattern:
        """`pattern` where `..` may not stand on its own (all places but tuple-like elements)."""
        if type(pattern) is ast.RestPat:
            raise SyntaxProblem(msg.REST_PAT_MISPLACED(), pattern.span.start, pattern.span.end,
                                notes=(msg.NOTE_REST_PAT,))
        return pattern

    def ident_pat(self, c: list[Any]) -> ast.Pattern:
        if len(c) == 3:  # IDENT ["@" pat]
            name, _at, sub = c
            if sub is None and name.value == "_":
                return ast.WildcardPat(self._tok_span(name))
            by_ref = mutable = False
        elif len(c) == 4:  # "mut" IDENT ["@" pat]
            _mut, name, _at, sub = c
            by_ref, mutable = False, True
        else:  # "ref" ["mut"] IDENT ["@" pat]
            _ref, mut, name, _at, sub = c
            by_ref, mutable = True, mut is not None
        if name.value == "_":
            raise SyntaxProblem(msg.EXPECTED(expected="identifier", found="reserved identifier `_`"),
                                name.start_pos, name.end_pos)
        if sub is not None and not (type(sub) is ast.RestPat):
            sub = self._pattern(sub)
        return ast.IdentPat(self._span(c[0], sub or name), name.value, mutable, by_ref, sub)

    def lit_pat(self, c: list[Any]) -> ast.LitPat:
        value = self._literal_bound(c)
        return ast.LitPat(value.span, value)

    def _literal_bound(self, c: list[Any]) -> ast.Expr:
        """A literal pattern or range bound: `3`, `-3`, `true`, a path."""
        first = c[0]
        if type(first) not in TOKEN_CLASSES:
            return first  # a path
        if len(c) == 2:
            operand = self.number(c[1:])
            return ast.Unary(self._span(first, c[1]), "-", operand)
        if first.type == "IDENT":
            return ast.Path(self._tok_span(first), (first.value,))
        if first.value in ("true", "false"):
            return self.bool_lit(c)
        return self.number(c)

    def range_pat(self, c: list[Any]) -> ast.RangePat:
        k = next(i for i, x in enumerate(c) if type(x) in TOKEN_CLASSES and x.value in ("..", "..="))
        start = self._literal_bound(c[:k]) if k else None
        end = self._literal_bound(c[k + 1:]) if k + 1 < len(c) else None
        return ast.RangePat(self._span(c[0], c[-1]), start, end, c[k].value == "..=")

    def pat_path(self, c: list[Any]) -> ast.Path:
        return ast.Path(self._span(c[0], c[-1]), tuple(t.value for t in c[::2]))

    def path_pat(self, c: list[Any]) -> ast.PathPat:
        return ast.PathPat(c[0].span, c[0])

    def _pat_head(self, head: Any) -> ast.Path:
        return ast.Path(self._tok_span(head), (head.value,)) if type(head) in TOKEN_CLASSES else head

    def tuple_struct_pat(self, c: list[Any]) -> ast.TupleStructPat:
        head, _lp, elems, rp = c
        return ast.TupleStructPat(self._span(head, rp), self._pat_head(head), elems or ())

    def struct_pat(self, c: list[Any]) -> ast.StructPat:
        head, _lb, fields, rb = c
        fields = fields or ()
        rest = False
        for i, field in enumerate(fields):
            if type(field) is ast.RestPat:
                if i != len(fields) - 1 or self.text[field.span.end:rb.start_pos].strip():
                    raise SyntaxProblem(msg.REST_PAT_NOT_LAST(), field.span.start, field.span.end)
                rest = True
        named = tuple(f for f in fields if type(f) is ast.FieldPat)
        return ast.StructPat(self._span(head, rb), self._pat_head(head), named, rest)

    def tuple_pat(self, c: list[Any]) -> ast.TuplePat:
        if len(c) == 2:
            return ast.TuplePat(self._span(c[0], c[1]), ())
        return ast.TuplePat(self._span(c[0], c[4]), (c[1],) + (c[3] or ()))

    def paren_pat(self, c: list[Any]) -> ast.Pattern:
        return replace(self._pattern(c[1]), span=self._span(c[0], c[2]))

    def slice_pat(self, c: list[Any]) -> ast.SlicePat:
        return ast.SlicePat(self._span(c[0], c[2]), c[1] or ())

    def ref_pat(self, c: list[Any]) -> ast.RefPat:
        amp, mut, pattern = c
        return ast.RefPat(self._span(amp, pattern), self._pattern(pattern), mut is not None)

    def ref_ref_pat(self, c: list[Any]) -> ast.RefPat:
        amps, mut, pattern = c  # `&&x` is `&(&x)`
        inner = ast.RefPat(Span(self.file, amps.start_pos + 1, pattern.span.end), self._pattern(pattern),
                           mut is not None)
        return ast.RefPat(self._span(amps, pattern), inner, False)

    def rest_pat(self, c: list[Any]) -> ast.RestPat:
        return ast.RestPat(self._tok_span(c[0]))

    def or_pat(self, c: list[Any]) -> ast.OrPat:
        alternatives = tuple(self._pattern(p) for p in _nodes(c))
        return ast.OrPat(self._span(c[0], c[-1]), alternatives)

    def pat_elems(self, c: list[Any]) -> tuple[ast.Pattern, ...]:
        return _nodes(c)

    def pat_fields(self, c: list[Any]) -> tuple[ast.FieldPat | ast.RestPat, ...]:
        return _nodes(c)

    def field_pat(self, c: list[Any]) -> ast.FieldPat:
        if len(c) == 1:  # `x`, `mut x`, `ref x`: the field `x` bound to a variable `x`
            pattern = c[0]
            if type(pattern) is ast.WildcardPat:
                raise SyntaxProblem(msg.EXPECTED(expected="identifier", found="reserved identifier `_`"),
                                    pattern.span.start, pattern.span.end)
            return ast.FieldPat(pattern.span, pattern.name, pattern)
        return ast.FieldPat(self._span(c[0], c[2]), c[0].value, self._pattern(c[2]))

    # ----- blocks and statements
    def block(self, c: list[Any]) -> ast.Block:
        stmts: list[ast.Stmt] = []
        for elem in c[1:-2]:
            kind = type(elem)
            if kind is ast.ExprStmt or kind is ast.Let or kind in _ITEM_TYPES:
                stmts.append(elem)
            elif kind is ast.Empty:
                last = stmts[-1] if stmts else None
                if type(last) is ast.ExprStmt and not last.semi:
                    # `if c {} ;`: the `;` belongs to the block-like statement (as in rustc)
                    stmts[-1] = ast.ExprStmt(Span(self.file, last.span.start, elem.span.end), last.expr, True)
                else:
                    stmts.append(elem)
            else:  # a block-like expression used as a statement
                stmts.append(ast.ExprStmt(elem.span, elem, False))
        tail = c[-2]
        if tail is None and stmts and type(stmts[-1]) is ast.ExprStmt and not stmts[-1].semi:
            tail = stmts.pop().expr  # a trailing block-like expression is the block's value
        return ast.Block(Span(self.file, c[0].start_pos, c[-1].end_pos), tuple(stmts), tail)

    def expr_stmt(self, c: list[Any]) -> ast.ExprStmt:
        return ast.ExprStmt(Span(self.file, c[0].span.start, c[1].end_pos), c[0], True)

    def empty_stmt(self, c: list[Any]) -> ast.Empty:
        return ast.Empty(self._tok_span(c[0]))

    def let_stmt(self, c: list[Any]) -> ast.Let:
        let, pattern, _colon, ty, _eq, init, semi = c
        return ast.Let(Span(self.file, let.start_pos, semi.end_pos), self._pattern(pattern), ty, init)

    def let_else(self, c: list[Any]) -> ast.Let:
        let, pattern, _colon, ty, _eq, init, _else, otherwise, semi = c
        return ast.Let(Span(self.file, let.start_pos, semi.end_pos), self._pattern(pattern), ty, init, otherwise)

    def unsafe_block(self, c: list[Any]) -> ast.Block:
        block = c[1]
        return ast.Block(self._span(c[0], block), block.stmts, block.tail, True)

    def labeled(self, c: list[Any]) -> ast.Block | ast.While | ast.Loop | ast.For:
        label, _colon, target = c
        return replace(target, span=self._span(label, target), label=self.lifetime([label]))

    def if_expr(self, c: list[Any]) -> ast.If:
        kw, cond, then, _else, else_ = c
        return ast.If(self._span(kw, else_ or then), cond, then, else_)

    def let_cond(self, c: list[Any]) -> ast.LetCond:
        kw, pattern, _eq, value = c
        return ast.LetCond(self._span(kw, value), self._pattern(pattern), value)

    def while_expr(self, c: list[Any]) -> ast.While:
        return ast.While(self._span(c[0], c[2]), c[1], c[2])

    def loop_expr(self, c: list[Any]) -> ast.Loop:
        return ast.Loop(self._span(c[0], c[1]), c[1])

    def for_expr(self, c: list[Any]) -> ast.For:
        kw, pattern, _in, iterable, body = c
        return ast.For(self._span(kw, body), self._pattern(pattern), iterable, body)

    def match_expr(self, c: list[Any]) -> ast.Match:
        arms = list(c[3:-3])
        head, last = c[-3], c[-2]
        if head is not None:
            arms.append(ast.MatchArm(Span(self.file, head.start, last.span.end), head.pattern, head.guard, last))
        return ast.Match(self._span(c[0], c[-1]), c[1], tuple(arms))

    def match_arm(self, c: list[Any]) -> ast.MatchArm:
        head, body, comma = c
        return ast.MatchArm(Span(self.file, head.start, (comma or body).end_pos if comma else body.span.end),
                            head.pattern, head.guard, body)

    def arm_head(self, c: list[Any]) -> _ArmHead:
        vert, pattern, _if, guard, _arrow = c
        return _ArmHead((vert.start_pos if vert is not None else pattern.span.start), self._pattern(pattern), guard)

    # ----- primary expressions
    def number(self, c: list[Any]) -> ast.IntLit | ast.FloatLit:
        tok = c[0]
        span = Span(self.file, tok.start_pos, tok.end_pos)
        if tok.value.isdigit() and len(tok.value) < 20:  # the common case: a small decimal
            return ast.IntLit(span, int(tok.value), None)
        value, suffix = decode_number(tok.value, tok.start_pos)
        if isinstance(value, float):
            return ast.FloatLit(span, value, suffix, decimal_value(tok.value, value))
        return ast.IntLit(span, value, suffix)

    def bool_lit(self, c: list[Any]) -> ast.BoolLit:
        return ast.BoolLit(self._tok_span(c[0]), c[0].value == "true")

    def str_lit(self, c: list[Any]) -> ast.StrLit:
        return ast.StrLit(self._tok_span(c[0]), decode_string(c[0]))

    def path_expr(self, c: list[Any]) -> ast.Path:
        if len(c) == 1:  # the common case: one name
            tok = c[0]
            return ast.Path(Span(self.file, tok.start_pos, tok.end_pos), (tok.value,))
        return self._path(c[0].start_pos, [c[0].value], c, 1, None)

    def qpath_expr(self, c: list[Any]) -> ast.Path:
        lt, ty, _as, trait, gt = c[:5]
        qself = ast.QualifiedSelf(self._span(lt, gt), ty, trait)
        return self._path(lt.start_pos, [], c, 5, qself)

    def _path(self, start: int, names: list[str], c: list[Any], i: int, qself: ast.QualifiedSelf | None) -> ast.Path:
        """The Path of `c[i:]`: `:: IDENT` and `:: < args >` after the first segment (in `names`)."""
        args: list[tuple[ast.GenericArg, ...]] = [()] * len(names)
        while i < len(c):
            tok = c[i + 1]
            if tok.type == "IDENT" or tok.value == "super":  # (`super::super::f`)
                names.append(tok.value)
                args.append(())
                i += 2
                continue
            if not names or args[-1]:  # `<T>::<U>`, `a::<T>::<U>`: no segment for these arguments
                raise SyntaxProblem(msg.EXPECTED(expected="identifier", found="`<`"), tok.start_pos, tok.end_pos)
            args[-1] = c[i + 2]
            i += 4
        prefix = tuple(args[:-1]) if any(args[:-1]) else ()
        return ast.Path(Span(self.file, start, c[-1].end_pos), tuple(names), args[-1], prefix, qself)

    def paren(self, c: list[Any]) -> ast.Expr:
        # no Paren node in the AST: the inner expression takes the span of the parentheses
        return replace(c[1], span=self._span(c[0], c[2]))

    def tuple_lit(self, c: list[Any]) -> ast.TupleLit:
        return ast.TupleLit(self._span(c[0], c[4]), (c[1],) + (c[3] or ()))

    def unit_lit(self, c: list[Any]) -> ast.UnitLit:
        return ast.UnitLit(self._span(c[0], c[1]))

    def array_lit(self, c: list[Any]) -> ast.ArrayLit:
        return ast.ArrayLit(self._span(c[0], c[2]), c[1] or ())

    def array_repeat(self, c: list[Any]) -> ast.ArrayRepeat:
        return ast.ArrayRepeat(self._span(c[0], c[4]), c[1], c[3])

    def continue_expr(self, c: list[Any]) -> ast.Continue:
        kw, label = c
        return ast.Continue(self._span(kw, label or kw), self.lifetime([label]) if label is not None else None)

    def struct_lit(self, c: list[Any]) -> ast.StructLit:
        path, _lb, fields, rb = c
        base = None
        named: list[ast.StructLitField] = []
        for field in fields or ():
            if base is not None:
                raise SyntaxProblem(msg.STRUCT_BASE_NOT_LAST(), base.start, base.expr.span.end,
                                    help=(msg.HELP_STRUCT_BASE,))
            if type(field) is _StructBase:
                base = field
            else:
                named.append(field)
        if base is not None and self.text[base.expr.span.end:rb.start_pos].strip():  # `..base,`
            raise SyntaxProblem(msg.STRUCT_BASE_NOT_LAST(), base.start, base.expr.span.end, help=(msg.HELP_STRUCT_BASE,))
        return ast.StructLit(self._span(path, rb), path, tuple(named), base.expr if base is not None else None)

    def struct_lit_fields(self, c: list[Any]) -> tuple[ast.StructLitField | _StructBase, ...]:
        return _nodes(c)

    def struct_lit_field(self, c: list[Any]) -> ast.StructLitField | _StructBase:
        name = c[0]
        if name.value == "..":
            return _StructBase(c[1], name.start_pos)
        if len(c) == 1:  # shorthand `S { a }` means `S { a: a }`
            span = self._tok_span(name)
            return ast.StructLitField(span, name.value, ast.Path(span, (name.value,)))
        return ast.StructLitField(self._span(name, c[2]), name.value, c[2])

    def macro_call(self, c: list[Any]) -> ast.MacroCall:
        path, _bang, _open, args, close = c
        return ast.MacroCall(self._span(path, close), path, args or ())

    def macro_args(self, c: list[Any]) -> tuple[ast.Expr | ast.StrLit, ...]:
        return _nodes(c)

    def args(self, c: list[Any]) -> tuple[ast.Expr, ...]:
        return _nodes(c)

    # ----- closures
    def closure(self, c: list[Any]) -> ast.Closure:
        move = c[0]
        if c[1].value == "||":
            params, rest = (), c[2:]
        else:
            params, rest = c[2] or (), c[4:]
        ret, body = (rest[1], rest[2]) if len(rest) == 3 else (None, rest[0])
        return ast.Closure(self._span(move or c[1], body), params, ret, body, move is not None)

    def closure_params(self, c: list[Any]) -> tuple[ast.ClosureParam, ...]:
        return _nodes(c)

    def closure_param(self, c: list[Any]) -> ast.ClosureParam:
        pattern, _colon, ty = c
        return ast.ClosureParam(self._span(pattern, ty or pattern), self._pattern(pattern), ty)

    # ----- operators
    def return_expr(self, c: list[Any]) -> ast.Return:
        return ast.Return(self._span(c[0], c[1] or c[0]), c[1])

    def break_expr(self, c: list[Any]) -> ast.Break:
        kw, label, value = c
        return ast.Break(self._span(kw, value or label or kw), value,
                         self.lifetime([label]) if label is not None else None)

    def assign(self, c: list[Any]) -> ast.Assign | ast.CompoundAssign:
        # operand (op operand | as type)* assign_op value
        target = c[0] if len(c) == 3 else self._arrange(c, len(c) - 2)
        op, value = c[-2], c[-1]
        span = Span(self.file, target.span.start, value.span.end)
        if op.value == "=":
            return ast.Assign(span, target, value)
        return ast.CompoundAssign(span, op.value[:-1], target, value)

    def binary(self, c: list[Any]) -> ast.Expr:
        return self._arrange(c, len(c))

    def range_from(self, c: list[Any]) -> ast.Range:
        start = c[0] if len(c) == 2 else self._arrange(c, len(c) - 1)
        self._no_range_inside(start)
        return ast.Range(Span(self.file, start.span.start, c[-1].end_pos), start, None, False)

    def range_to(self, c: list[Any]) -> ast.Range:
        op, end = c
        if end is not None:
            self._no_range_inside(end)
        return ast.Range(self._span(op, end or op), None, end, op.value == "..=")

    def _no_range_inside(self, operand: ast.Expr) -> None:
        if type(operand) is ast.Range and operand.span.start != operand.span.end and \
                self.text[operand.span.start] != "(":
            raise SyntaxProblem(msg.RANGE_CHAINED(), operand.span.start, operand.span.end,
                                help=(msg.HELP_RANGE_CHAINED,))

    def _arrange(self, c: list[Any], n: int) -> ast.Expr:
        """Build the tree of the flat list `operand (op operand | as type)*` in c[:n].

        Operator precedence (shunting-yard); every binary operator is
        left-associative except comparisons and ranges, which do not chain.
        `as` binds tighter than any binary operator, so it casts the latest
        operand.
        """
        operands: list[ast.Expr] = [c[0]]
        ops: list[Any] = []
        for i in range(1, n, 2):
            op, rhs = c[i], c[i + 1]
            if op.value == "as":
                last = operands[-1]
                operands[-1] = ast.Cast(Span(self.file, last.span.start, rhs.span.end), last, rhs)
                continue
            prec = _BINARY_PRECEDENCE[op.value]
            while ops and _BINARY_PRECEDENCE[ops[-1].value] >= prec:
                if prec in _NON_CHAINING and _BINARY_PRECEDENCE[ops[-1].value] == prec:
                    message, help_text = _NON_CHAINING[prec]
                    raise SyntaxProblem(message(), op.start_pos, op.end_pos, help=(help_text,))
                self._fold(operands, ops)
            ops.append(op)
            operands.append(rhs)
        while ops:
            self._fold(operands, ops)
        return operands[0]

    def _fold(self, operands: list[ast.Expr], ops: list[Any]) -> None:
        rhs = operands.pop()
        lhs = operands.pop()
        op = ops.pop().value
        span = Span(self.file, lhs.span.start, rhs.span.end)
        if _BINARY_PRECEDENCE[op] == _RANGE:
            operands.append(ast.Range(span, lhs, rhs, op == "..="))
        else:
            operands.append(ast.Binary(span, op, lhs, rhs))

    def unary(self, c: list[Any]) -> ast.Unary:
        return ast.Unary(Span(self.file, c[0].start_pos, c[1].span.end), c[0].value, c[1])

    def addr_of(self, c: list[Any]) -> ast.AddrOf:
        amp, mut, operand = c
        return ast.AddrOf(self._span(amp, operand), mut is not None, False, operand)

    def addr_of_addr_of(self, c: list[Any]) -> ast.AddrOf:
        amps, mut, operand = c  # `&&x` is `&(&x)`, `&&mut x` is `&(&mut x)`
        inner = ast.AddrOf(Span(self.file, amps.start_pos + 1, operand.span.end), mut is not None, False, operand)
        return ast.AddrOf(self._span(amps, operand), False, False, inner)

    def raw_addr_of(self, c: list[Any]) -> ast.AddrOf:
        amp, raw, qualifier, operand = c
        if raw.value != "raw":  # `&x mut y`: only `raw` may stand there
            raise SyntaxProblem(msg.RAW_BORROW(keyword=qualifier.value), qualifier.start_pos, qualifier.end_pos,
                                help=(msg.HELP_RAW_BORROW,))
        return ast.AddrOf(self._span(amp, operand), qualifier.value == "mut", True, operand)

    def field(self, c: list[Any]) -> ast.FieldAccess:
        return ast.FieldAccess(Span(self.file, c[0].span.start, c[2].end_pos), c[0], c[2].value)

    def tuple_index(self, c: list[Any]) -> ast.TupleIndex:
        base, _dot, tok = c
        m = _TUPLE_INDEX.fullmatch(tok.value)
        if m is None:
            raise SyntaxProblem(msg.TUPLE_INDEX(text=tok.value), tok.start_pos, tok.end_pos,
                                help=(msg.HELP_TUPLE_INDEX,))
        if max(len(m.group(1)), len(m.group(2) or "")) > 19:  # (and Python converts 4300 digits at most)
            raise SyntaxProblem(msg.TUPLE_INDEX(text=tok.value), tok.start_pos, tok.end_pos,
                                help=(msg.HELP_TUPLE_INDEX_RANGE,))
        first = ast.TupleIndex(Span(self.file, base.span.start, tok.start_pos + len(m.group(1))), base,
                               int(m.group(1)))
        if m.group(2) is None:
            return first
        # `t.0.1` lexes `0.1` as one number: two indexings
        return ast.TupleIndex(Span(self.file, base.span.start, tok.end_pos), first, int(m.group(2)))

    def call(self, c: list[Any]) -> ast.Call | ast.MethodCall:
        callee, lparen, args, rparen = c
        span = Span(self.file, callee.span.start, rparen.end_pos)
        # `a.f(x)` arrives as a call of the field `a.f` (see grammar.lark): it is a
        # method call unless the field access was parenthesized, `(a.f)(x)`, in
        # which case its span ends with the `)`.
        if type(callee) is ast.FieldAccess and self.text[callee.span.end - 1] != ")":
            return ast.MethodCall(span, callee.base, callee.name, (), args or ())
        return ast.Call(span, callee, args or ())

    def method_call(self, c: list[Any]) -> ast.MethodCall:
        # recv . name :: < generics > ( args )
        return ast.MethodCall(self._span(c[0], c[-1]), c[0], c[2].value, c[5], c[-2] or ())

    def index(self, c: list[Any]) -> ast.Index:
        return ast.Index(Span(self.file, c[0].span.start, c[3].end_pos), c[0], c[2])

    def try_expr(self, c: list[Any]) -> ast.Try:
        return ast.Try(Span(self.file, c[0].span.start, c[1].end_pos), c[0])
