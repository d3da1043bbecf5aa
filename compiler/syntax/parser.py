"""Source text -> AST (`compiler.syntax.ast`).

    parse(source, sink) -> ast.Module | None

How it works:
1. `blank_comments` replaces comments by spaces. Rust's block comments nest,
   which no regular expression can match; blanking keeps every offset, so
   spans still point into the original text.
2. The LALR(1) tables of `grammar.lark` are loaded once per process
   (`_parser`) from the JSON file `tables.py` generates into the package.
3. `_Lexer` turns the text into tokens with one regular expression built
   from the grammar's terminals.
4. `_run`, a small LALR driver over lark's tables, calls a `_Builder` method
   at every reduction, so AST nodes are built during the parse and no parse
   tree ever exists. The grammar keeps all tokens, so each builder method
   computes its span from its first and last child.
lark's own `Lark.parse` runs the same tables and builder (`engine="lark"`);
it is 3-4x slower (it hashes `Rule` objects at every reduction) and serves
the tests as a reference for the fast path.

Errors: parsing stops at the first problem and reports exactly one
diagnostic (S0001 unexpected token, S0002 bad character or unterminated
comment or string, S0003 invalid literal, S0004 misplaced attribute, S0005
unexpected end of file); `parse` then returns None. Nothing the user writes
can make `parse` raise: anything unexpected becomes an ICE diagnostic.

Choices worth knowing:
- `#[mem_idx(N)]` may prefix a pointer or reference type only; on any other
  type, or any other attribute on a type, is S0004 here, not in the checker.
- Integer literals are only checked to fit in u64; whether `300u8` fits its
  suffix is the checker's business (`-128i8` is fine, `128i8` alone is not).
- A parenthesized expression becomes its inner node (the AST has no Paren),
  with the span of the parentheses.
- A body-less `fn f();` outside `extern` blocks parses (body None): it may
  declare a built-in; the checker decides.
- Keywords are reserved everywhere; `raw` is not a keyword (only `&raw const`
  and `&raw mut` give it meaning), `_` is an identifier.
"""
from __future__ import annotations

import gc
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path as FsPath
from typing import Any, Callable, Literal

from lark import Lark, Token, Tree
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedToken,
    VisitError,
)
from lark.lexer import PatternStr
from lark.parsers.lalr_analysis import Shift

from .. import messages as msg
from ..diagnostics import DiagnosticSink, MessageText
from ..source import SourceFile, Span
from . import ast
from .tables import GRAMMAR_PATH, LARK_OPTIONS, load_lark


#: Start symbols: `module` for files; the others let tests parse fragments.
StartSymbol = Literal["module", "expr", "type"]
_STARTS: tuple[str, ...] = tuple(LARK_OPTIONS["start"])

INT_SUFFIXES = frozenset(
    ["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize"]
)
FLOAT_SUFFIXES = frozenset(["f32", "f64"])
U64_MAX = (1 << 64) - 1

# ---------------------------------------------------------------------------
# Errors raised while building, turned into one diagnostic by `parse`


@dataclass(eq=False)
class _SyntaxProblem(Exception):
    """A user error found while lexing or building; `parse` reports it."""

    message: MessageText
    start: int
    end: int
    label: str = ""
    notes: tuple[str, ...] = ()
    help: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Comments

# A string (terminated or not: the lexer reports the unterminated one), a line
# comment, or the start of a block comment; strings are skipped so that `//`
# inside `"..."` stays text.
_COMMENT_SCAN = re.compile(r'"(?:[^"\\]|\\[\s\S])*"?|//[^\n]*|/\*')
_BLOCK_DELIMITER = re.compile(r"/\*|\*/")
_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_comments(text: str) -> str:
    """`text` with every comment replaced by spaces (newlines kept).

    Offsets are unchanged, so spans computed on the result are spans in
    `text`. Raises `_SyntaxProblem` (S0002) for an unterminated block comment.
    """
    if "/" not in text:
        return text
    pieces: list[str] = []
    copied = 0
    pos = 0
    while (found := _COMMENT_SCAN.search(text, pos)) is not None:
        start, end = found.span()
        if text[start] == '"':
            pos = end
            continue
        if text.startswith("/*", start):
            end = _block_comment_end(text, start)
        pieces.append(text[copied:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        copied = pos = end
    pieces.append(text[copied:])
    return "".join(pieces)


def _block_comment_end(text: str, start: int) -> int:
    """The offset just past the `*/` closing the (nested) comment at `start`."""
    depth = 0
    pos = start
    while (delimiter := _BLOCK_DELIMITER.search(text, pos)) is not None:
        depth += 1 if delimiter.group() == "/*" else -1
        pos = delimiter.end()
        if depth == 0:
            return pos
    raise _SyntaxProblem(msg.UNTERMINATED_COMMENT(), start, start + 2, msg.LABEL_COMMENT_STARTS)


# ---------------------------------------------------------------------------
# Literals

_INT_TEXT = re.compile(
    r"(?P<body>0x[0-9a-fA-F_]*|0o[0-7_]*|0b[01_]*|[0-9][0-9_]*)(?P<suffix>[iu](?:8|16|32|64|size))?"
)
_FLOAT_TEXT = re.compile(
    r"(?P<body>[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?_*[0-9][0-9_]*)?)(?P<suffix>f32|f64)?"
)
# Splits a malformed literal into the part that looks like digits and the rest.
_NUMBER_PARTS = re.compile(
    r"(?P<body>0x[0-9a-fA-F_]*|0o[0-9_]*|0b[0-9_]*|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9_]+)?)(?P<rest>.*)",
    re.S,
)
_RADIX = {"0x": 16, "0o": 8, "0b": 2}


def decode_number(text: str, start: int) -> tuple[int | float, str | None]:
    """(value, suffix) of a NUMBER token; a float value means a float literal.

    Raises `_SyntaxProblem` (S0003) for malformed or too large literals.
    """
    end = start + len(text)
    if (m := _INT_TEXT.fullmatch(text)) is not None:
        body, suffix = m.group("body"), m.group("suffix")
        radix = _RADIX.get(body[:2], 10)
        digits = (body[2:] if radix != 10 else body).replace("_", "")
        if not digits:
            raise _SyntaxProblem(msg.INT_NO_DIGITS(text=text), start, end)
        value = int(digits, radix)
        if value > U64_MAX:
            raise _SyntaxProblem(msg.INT_TOO_LARGE(), start, end, notes=(msg.NOTE_INT_MAX,))
        return value, suffix
    if (m := _FLOAT_TEXT.fullmatch(text)) is not None:
        number = float(m.group("body").replace("_", ""))
        if number == float("inf"):
            raise _SyntaxProblem(msg.FLOAT_RANGE(text=text), start, end)
        return number, m.group("suffix")
    parts = _NUMBER_PARTS.fullmatch(text)
    if parts is not None:
        body, rest = parts.group("body"), parts.group("rest")
        radix = _RADIX.get(body[:2], 10)
        if radix != 10:
            bad = next((d for d in body[2:] if d != "_" and int(d, 16) >= radix), None)
            if bad is not None:
                raise _SyntaxProblem(msg.BAD_DIGIT(digit=bad, radix=radix), start, end)
        if rest:
            is_float = radix == 10 and ("." in body or "e" in body.lower())
            valid = FLOAT_SUFFIXES if is_float else INT_SUFFIXES | FLOAT_SUFFIXES
            if radix != 10:
                valid = INT_SUFFIXES
            raise _SyntaxProblem(msg.BAD_SUFFIX(suffix=rest, kind="float" if is_float else "number"), start, end,
                help=(msg.HELP_VALID_SUFFIXES.format(suffixes=", ".join(f"`{s}`" for s in sorted(valid))),),
            )
    raise _SyntaxProblem(msg.BAD_NUMBER(text=text), start, end)


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
        shown = f"`{escape}`" if kind.isprintable() and not kind.isspace() else f"`\\` before {_describe_char(kind)}"
        raise _SyntaxProblem(msg.BAD_ESCAPE(escape=shown), offset, offset + len(escape))

    return _ESCAPE.sub(one, raw)


# ---------------------------------------------------------------------------
# The AST builder: one method per grammar rule or alias, each taking the
# rule's children as a list (tokens included; `None` for absent `[...]`).

_BINARY_PRECEDENCE: dict[str, int] = {
    "||": 1, "&&": 2,
    "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
    "|": 4, "^": 5, "&": 6, "<<": 7, ">>": 7,
    "+": 8, "-": 8, "*": 9, "/": 9, "%": 9,
}
_COMPARISON = 3


def _nodes(children: list[Any]) -> tuple[Any, ...]:
    """The AST nodes among `children` (separators and placeholders dropped)."""
    return tuple(x for x in children if x is not None and type(x) not in _TOKEN_CLASSES)


class _Builder:
    """Builds AST nodes during the LALR parse. `file` is set per parse."""

    file: SourceFile
    text: str  # the file's text with comments blanked

    # ----- helpers
    def _span(self, first: Any, last: Any) -> Span:
        start = first.start_pos if type(first) in _TOKEN_CLASSES else first.span.start
        end = last.end_pos if type(last) in _TOKEN_CLASSES else last.span.end
        return Span(self.file, start, end)

    def _tok_span(self, tok: Token) -> Span:
        return Span(self.file, tok.start_pos, tok.end_pos)

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
                    raise _SyntaxProblem(msg.INNER_ATTR_LATE(name=x.name), x.span.start, x.span.end,
                        help=(msg.HELP_MOVE_TO_TOP,),
                    )
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
                     if type(tok) in _TOKEN_CLASSES and tok.type == "IDENT")

    def _attr_literal(self, tok: Token) -> int | str:
        if tok.type == "STRING":
            return decode_string(tok)
        value, _suffix = decode_number(tok.value, tok.start_pos)
        if isinstance(value, float):
            raise _SyntaxProblem(msg.ATTR_NUMBER(text=tok.value), tok.start_pos, tok.end_pos)
        return value

    # ----- items
    def fn_decl(self, c: list[Any]) -> ast.FnDecl:
        attrs, pub, unsafe, extern, abi, sig, body = c
        fn_tok, name, generics, params, ret = sig
        abi_name = (decode_string(abi) if abi is not None else "C") if extern is not None else None
        return ast.FnDecl(
            self._span(pub or unsafe or extern or fn_tok, body), name.value, self._tok_span(name), attrs, pub is not None,
            unsafe is not None, abi_name, generics, params, ret, body if type(body) is ast.Block else None,
        )

    def fn_sig(self, c: list[Any]) -> tuple[Token, Token, tuple, tuple, ast.TypeExpr | None]:
        fn_tok, name, generics, _lp, params, _rp, _arrow, ret = c
        return fn_tok, name, generics or (), params or (), ret

    def generic_params(self, c: list[Any]) -> tuple[ast.GenericParam, ...]:
        return _nodes(c)

    def type_param(self, c: list[Any]) -> ast.GenericParam:
        return ast.GenericParam(self._tok_span(c[0]), c[0].value, False, None)

    def const_param(self, c: list[Any]) -> ast.GenericParam:
        return ast.GenericParam(self._span(c[0], c[3]), c[1].value, True, c[3])

    def params(self, c: list[Any]) -> tuple[ast.Param, ...]:
        return _nodes(c)

    def param(self, c: list[Any]) -> ast.Param:
        mut, name, _colon, ty = c
        return ast.Param(self._span(mut or name, ty), name.value, mut is not None, ty, self._tok_span(name),
                         self._tok_span(mut) if mut is not None else None)

    def struct_decl(self, c: list[Any]) -> ast.StructDecl:
        attrs, pub, kw, name, _lb, fields, rb = c
        return ast.StructDecl(
            self._span(pub or kw, rb), name.value, self._tok_span(name), attrs, pub is not None, fields or ()
        )

    def field_decls(self, c: list[Any]) -> tuple[ast.FieldDecl, ...]:
        return _nodes(c)

    def field_decl(self, c: list[Any]) -> ast.FieldDecl:
        pub, name, _colon, ty = c
        return ast.FieldDecl(self._span(pub or name, ty), name.value, ty, pub is not None)

    def const_decl(self, c: list[Any]) -> ast.ConstDecl:
        attrs, pub, kw, name, _colon, ty, _eq, value, semi = c
        return ast.ConstDecl(
            self._span(pub or kw, semi), name.value, self._tok_span(name), attrs, pub is not None, ty, value
        )

    def static_decl(self, c: list[Any]) -> ast.StaticDecl:
        attrs, pub, kw, mut, name, _colon, ty, _eq, value, semi = c
        return ast.StaticDecl(
            self._span(pub or kw, semi), name.value, self._tok_span(name), attrs, pub is not None,
            mut is not None, ty, value,
        )

    def extern_block(self, c: list[Any]) -> ast.ExternBlock:
        attrs, unsafe, kw, abi = c[:4]
        abi_name = decode_string(abi) if abi is not None else "C"
        functions = tuple(replace(f, abi=abi_name) for f in c[5:-1])
        return ast.ExternBlock(self._span(unsafe or kw, c[-1]), attrs, abi_name, functions)

    def extern_fn(self, c: list[Any]) -> ast.FnDecl:
        attrs, pub, unsafe, sig, semi = c
        fn_tok, name, generics, params, ret = sig
        return ast.FnDecl(
            self._span(pub or unsafe or fn_tok, semi), name.value, self._tok_span(name), attrs,
            pub is not None, unsafe is not None, None, generics, params, ret, None,
        )

    # ----- types
    def attributed_type(self, c: list[Any]) -> ast.PointerTypeExpr:
        attr, ty = c
        span = attr.span
        if attr.name != "mem_idx":
            raise _SyntaxProblem(msg.TYPE_ATTR(name=attr.name), span.start, span.end)
        if type(ty) is not ast.PointerTypeExpr:
            raise _SyntaxProblem(msg.MEM_IDX_NOT_POINTER(), span.start, ty.span.end,
                label=msg.LABEL_NOT_POINTER, help=(msg.HELP_MEM_IDX,),
            )
        if ty.mem is not None:
            raise _SyntaxProblem(msg.MEM_IDX_TWICE(), span.start, span.end)
        args = attr.args
        if attr.value is not None or args is None or len(args) != 1 or args[0].key is not None:
            raise _SyntaxProblem(msg.MEM_IDX_ARGS(), span.start, span.end, help=(msg.HELP_MEM_IDX,))
        value = args[0].value
        if isinstance(value, str):  # a string literal
            raise _SyntaxProblem(msg.MEM_IDX_ARGS(), args[0].span.start, args[0].span.end, help=(msg.HELP_MEM_IDX,))
        mem = ast.MemAttr(span, value.name if isinstance(value, ast.Ident) else value)
        return replace(ty, span=self._span(attr, ty), mem=mem)

    def ptr_type(self, c: list[Any]) -> ast.PointerTypeExpr:
        star, qualifier, pointee = c
        return ast.PointerTypeExpr(self._span(star, pointee), pointee, qualifier.value == "mut", False, None)

    def ref_type(self, c: list[Any]) -> ast.PointerTypeExpr:
        amp, mut, pointee = c
        return ast.PointerTypeExpr(self._span(amp, pointee), pointee, mut is not None, True, None)

    def ref_ref_type(self, c: list[Any]) -> ast.PointerTypeExpr:
        amps, mut, pointee = c
        inner = ast.PointerTypeExpr(Span(self.file, amps.start_pos + 1, pointee.span.end), pointee, mut is not None, True, None)
        return ast.PointerTypeExpr(self._span(amps, pointee), inner, False, True, None)

    def array_type(self, c: list[Any]) -> ast.ArrayTypeExpr:
        return ast.ArrayTypeExpr(self._span(c[0], c[4]), c[1], c[3])

    def unit_type(self, c: list[Any]) -> ast.UnitTypeExpr:
        return ast.UnitTypeExpr(self._span(c[0], c[1]))

    def never_type(self, c: list[Any]) -> ast.NeverTypeExpr:
        return ast.NeverTypeExpr(self._tok_span(c[0]))

    def path_type(self, c: list[Any]) -> ast.PathType:
        return ast.PathType(self._tok_span(c[0]), c[0].value)

    # ----- blocks and statements
    def block(self, c: list[Any]) -> ast.Block:
        stmts: list[ast.Stmt] = []
        for elem in c[1:-2]:
            kind = type(elem)
            if kind is ast.ExprStmt or kind is ast.Let:
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
        let, mut, name, _colon, ty, _eq, init, semi = c
        return ast.Let(Span(self.file, let.start_pos, semi.end_pos), name.value, mut is not None, ty, init,
                       self._tok_span(name), self._tok_span(mut) if mut is not None else None)

    def unsafe_block(self, c: list[Any]) -> ast.Block:
        block = c[1]
        return ast.Block(self._span(c[0], block), block.stmts, block.tail, True)

    def if_expr(self, c: list[Any]) -> ast.If:
        kw, cond, then, _else, else_ = c
        return ast.If(self._span(kw, else_ or then), cond, then, else_)

    def while_expr(self, c: list[Any]) -> ast.While:
        return ast.While(self._span(c[0], c[2]), c[1], c[2])

    def loop_expr(self, c: list[Any]) -> ast.Loop:
        return ast.Loop(self._span(c[0], c[1]), c[1])

    # ----- primary expressions
    def number(self, c: list[Any]) -> ast.IntLit | ast.FloatLit:
        tok = c[0]
        span = Span(self.file, tok.start_pos, tok.end_pos)
        if tok.value.isdigit() and len(tok.value) < 20:  # the common case: a small decimal
            return ast.IntLit(span, int(tok.value), None)
        value, suffix = decode_number(tok.value, tok.start_pos)
        if isinstance(value, float):
            return ast.FloatLit(span, value, suffix)
        return ast.IntLit(span, value, suffix)

    def bool_lit(self, c: list[Any]) -> ast.BoolLit:
        return ast.BoolLit(self._tok_span(c[0]), c[0].value == "true")

    def path_expr(self, c: list[Any]) -> ast.Path:
        # IDENT ("::" IDENT)* then ["::" "<" generic_args ">"] (four slots)
        if len(c) == 5 and c[4] is None:  # the common case: one name
            tok = c[0]
            return ast.Path(Span(self.file, tok.start_pos, tok.end_pos), (tok.value,))
        segments = tuple(t.value for t in c[:-4:2])
        generics = c[-2]
        last = c[-1] if generics is not None else c[-5]
        return ast.Path(self._span(c[0], last), segments, generics or ())

    def generic_args(self, c: list[Any]) -> tuple[ast.GenericArg, ...]:
        return _nodes(c)

    def paren(self, c: list[Any]) -> ast.Expr:
        # no Paren node in the AST: the inner expression takes the span of the parentheses
        return replace(c[1], span=self._span(c[0], c[2]))

    def unit_lit(self, c: list[Any]) -> ast.UnitLit:
        return ast.UnitLit(self._span(c[0], c[1]))

    def array_lit(self, c: list[Any]) -> ast.ArrayLit:
        return ast.ArrayLit(self._span(c[0], c[2]), c[1] or ())

    def array_repeat(self, c: list[Any]) -> ast.ArrayRepeat:
        return ast.ArrayRepeat(self._span(c[0], c[4]), c[1], c[3])

    def continue_expr(self, c: list[Any]) -> ast.Continue:
        return ast.Continue(self._tok_span(c[0]))

    def struct_lit(self, c: list[Any]) -> ast.StructLit:
        name, _lb, fields, rb = c
        return ast.StructLit(self._span(name, rb), name.value, fields or ())

    def struct_lit_fields(self, c: list[Any]) -> tuple[ast.StructLitField, ...]:
        return _nodes(c)

    def struct_lit_field(self, c: list[Any]) -> ast.StructLitField:
        name = c[0]
        if len(c) == 1:  # shorthand `S { a }` means `S { a: a }`
            span = self._tok_span(name)
            return ast.StructLitField(span, name.value, ast.Path(span, (name.value,)))
        return ast.StructLitField(self._span(name, c[2]), name.value, c[2])

    def args(self, c: list[Any]) -> tuple[ast.Expr, ...]:
        return _nodes(c)

    # ----- operators
    def return_expr(self, c: list[Any]) -> ast.Return:
        return ast.Return(self._span(c[0], c[1] or c[0]), c[1])

    def break_expr(self, c: list[Any]) -> ast.Break:
        return ast.Break(self._span(c[0], c[1] or c[0]), c[1])

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

    def _arrange(self, c: list[Any], n: int) -> ast.Expr:
        """Build the tree of the flat list `operand (op operand | as type)*` in c[:n].

        Operator precedence (shunting-yard); every binary operator is
        left-associative except comparisons, which do not chain. `as` binds
        tighter than any binary operator, so it casts the latest operand.
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
                if prec == _COMPARISON and _BINARY_PRECEDENCE[ops[-1].value] == _COMPARISON:
                    raise _SyntaxProblem(msg.CHAINED_COMPARISON(), op.start_pos, op.end_pos,
                        help=(msg.HELP_CHAINED_COMPARISON,),
                    )
                self._fold(operands, ops)
            ops.append(op)
            operands.append(rhs)
        while ops:
            self._fold(operands, ops)
        return operands[0]

    def _fold(self, operands: list[ast.Expr], ops: list[Any]) -> None:
        rhs = operands.pop()
        lhs = operands.pop()
        operands.append(ast.Binary(Span(self.file, lhs.span.start, rhs.span.end), ops.pop().value, lhs, rhs))

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
            raise _SyntaxProblem(msg.RAW_BORROW(keyword=qualifier.value), qualifier.start_pos, qualifier.end_pos,
                help=(msg.HELP_RAW_BORROW,),
            )
        return ast.AddrOf(self._span(amp, operand), qualifier.value == "mut", True, operand)

    def field(self, c: list[Any]) -> ast.FieldAccess:
        return ast.FieldAccess(Span(self.file, c[0].span.start, c[2].end_pos), c[0], c[2].value)

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


# ---------------------------------------------------------------------------
# Tokens and the lexer


class _Tok:
    """A token: the attributes the builder reads from lark's `Token`, nothing more.

    The fast path makes ~100k of these per 10k lines, so it is a slotted
    object, not a `str` subclass like lark's Token.
    """

    __slots__ = ("type", "value", "start_pos", "end_pos")

    def __init__(self, type: str, value: str, start_pos: int, end_pos: int) -> None:
        self.type = type
        self.value = value
        self.start_pos = start_pos
        self.end_pos = end_pos

    def __repr__(self) -> str:
        return f"_Tok({self.type}, {self.value!r}, {self.start_pos})"


_TOKEN_CLASSES = frozenset([Token, _Tok])
_END = "$END"
_BAD_CHAR = "$BAD_CHAR"  # the lexer's last token when it meets a character no token starts with


_PUNCTUATION_GROUP = "PUNCT"
_BAD_GROUP = "BAD"
#: The characters of the grammar's WS terminal (tests check the two agree).
WHITESPACE = " \t\r\n\f\v\ufeff"


@dataclass(frozen=True)
class _Lexer:
    """One regex over the grammar's terminals (taken from lark's list).

    Each match is optional whitespace and then one token, so whitespace costs
    no iteration of its own. All punctuation shares one group, longest first
    (`<<=` before `<<` before `<`): `re` tries alternatives in order, so one
    group is much faster than forty. A last group matches any other
    character, so a bad character ends the token list instead of being
    skipped. Keywords are identifiers looked up in a table, as in lark.
    """

    pattern: re.Pattern[str]
    punctuation: dict[str, str]  # text -> terminal name
    keywords: dict[str, str]  # keyword text -> terminal name

    def tokens(self, text: str) -> list[_Tok]:
        """All tokens of `text`, ending with an `$END` or a `$BAD_CHAR` token."""
        out: list[_Tok] = []
        append = out.append
        keywords = self.keywords
        punctuation = self.punctuation
        # Stopping before trailing whitespace means every match succeeds at
        # its first position (no quadratic rescanning of a whitespace tail).
        end = len(text.rstrip(WHITESPACE))
        for m in self.pattern.finditer(text, 0, end):
            kind = m.lastgroup
            start, stop = m.span(kind)
            value = m.group(kind)
            if kind == _PUNCTUATION_GROUP:
                kind = punctuation[value]
            elif kind == "IDENT":
                kind = keywords.get(value, "IDENT")
            elif kind == _BAD_GROUP:
                append(_Tok(_BAD_CHAR, value, start, stop))
                return out
            append(_Tok(kind, value, start, stop))  # type: ignore[arg-type]
        append(_Tok(_END, "", len(text), len(text)))
        return out


def _build_lexer(lark: Lark) -> _Lexer:
    ident = re.compile(lark.get_terminal("IDENT").pattern.to_regexp())
    keywords: dict[str, str] = {}
    punctuation: dict[str, str] = {}
    alternatives: list[str] = []
    for terminal in lark.terminals:
        pattern = terminal.pattern
        if terminal.name in lark.lexer_conf.ignore:
            continue  # whitespace: the prefix of every match
        if not isinstance(pattern, PatternStr):
            alternatives.append(f"(?P<{terminal.name}>{pattern.to_regexp()})")
        elif ident.fullmatch(pattern.value):
            keywords[pattern.value] = terminal.name
        else:
            punctuation[pattern.value] = terminal.name
    # No regex terminal can start where punctuation starts, so the order
    # between the groups does not matter; inside the group, longest first.
    longest_first = sorted(punctuation, key=len, reverse=True)
    alternatives.append(f"(?P<{_PUNCTUATION_GROUP}>{'|'.join(map(re.escape, longest_first))})")
    space = "[" + re.escape(WHITESPACE) + "]"
    alternatives.append(f"(?P<{_BAD_GROUP}>[^{re.escape(WHITESPACE)}])")
    pattern = re.compile(f"{space}*+(?:{'|'.join(alternatives)})")
    return _Lexer(pattern, punctuation, keywords)


# ---------------------------------------------------------------------------
# The LALR driver: lark's parse table, our loop
#
# lark's own loop looks rules up by hashing `Rule` objects and calls a wrapper
# even for `?rule` pass-throughs; on 10k lines that made parsing 3-4x slower
# than this loop over integer-coded actions. The callbacks are still lark's
# (built from `_Builder`), so placeholders and `x*` splicing behave the same.


@dataclass(frozen=True)
class _Rule:
    size: int
    callback: Callable[[list[Any]], Any] | None  # None: pass the single child through
    origin: str


@dataclass(frozen=True)
class _Tables:
    #: per state: symbol -> shift/goto target (>= 0) or reduce by rule ~n (< 0)
    states: list[dict[str, int]]
    #: rule number -> (size, callback, origin): tuples unpack faster than attributes
    rules: list[tuple[int, Callable[[list[Any]], Any] | None, str]]
    start_states: dict[str, int]
    end_states: dict[str, int]



class _Stuck(Exception):
    """The driver found no action for `tokens[index]`."""

    def __init__(self, tokens: list[_Tok], index: int, start: str) -> None:
        super().__init__(tokens[index])
        self.tokens = tokens
        self.index = index
        self.start = start

    @property
    def token(self) -> _Tok:
        return self.tokens[self.index]

    def expected(self, tables: _Tables) -> set[str]:
        """The terminals that could have stood where the bad token is."""
        return _acceptable(tables, _stack_after(tables, self.tokens, self.index, self.start), self.start)


def _build_tables(lark: Lark, builder: _Builder) -> _Tables:
    table = lark.parser.parser._parse_table  # IntParseTable: states are 0..n-1
    rule_ids: dict[Any, int] = {}
    rules: list[tuple[int, Callable[[list[Any]], Any] | None, str]] = []
    states: list[dict[str, int]] = [{} for _ in range(len(table.states))]
    for state, actions in table.states.items():
        row = states[state]
        for symbol, (action, arg) in actions.items():
            if action is Shift:
                row[symbol] = arg
                continue
            if arg not in rule_ids:
                rule_ids[arg] = len(rules)
                entry = _rule_entry(arg, builder)
                rules.append((entry.size, entry.callback, entry.origin))
            row[symbol] = ~rule_ids[arg]
    return _Tables(states, rules, dict(table.start_states), dict(table.end_states))


def _rule_entry(rule: Any, builder: _Builder) -> _Rule:
    """How the driver reduces by `rule`: lark's tree-shaping rules, specialized.

    - `?rule: x` (one symbol, no alias): the child itself is the value;
    - `_rule` and lark's `__x_star_n` helpers: the list of children, which the
      parent splices into its own children (as lark inlines `_` rules);
    - `[x]` that matched nothing: `None` placeholders at its positions;
    - otherwise the `_Builder` method named by the alias or the rule.
    """
    expansion = rule.expansion
    size = len(expansion)
    origin = str(rule.origin.name)
    splice = [not sym.is_term and sym.name.startswith("_") for sym in expansion]
    empty = rule.options.empty_indices or ()
    if rule.options.expand1 and size == 1 and not rule.alias and not empty and not splice[0]:
        return _Rule(size, None, origin)
    if origin.startswith("_"):
        build: Callable[[list[Any]], Any] = _identity
    else:
        name = str(rule.alias or origin)
        build = getattr(builder, name, None)  # type: ignore[assignment]
        if build is None or name.startswith("_"):
            raise AssertionError(f"grammar rule `{name}` has no builder method")
        if rule.options.expand1 and not rule.alias:
            build = _expand_single_child(build)
    # `empty` has one flag per slot of the rule as written: True marks a None.
    nones_before: list[int] = []
    count = 0
    for flag in empty:
        if flag:
            count += 1
        else:
            nones_before.append(count)
            count = 0
    if not empty:
        nones_before = [0] * size
    return _Rule(size, _child_filter(splice, nones_before, count, build), origin)


def _identity(children: list[Any]) -> list[Any]:
    return children


def _expand_single_child(build: Callable[[list[Any]], Any]) -> Callable[[list[Any]], Any]:
    def expand(children: list[Any]) -> Any:
        return children[0] if len(children) == 1 else build(children)

    return expand


def _child_filter(
    splice: list[bool], nones_before: list[int], nones_after: int, build: Callable[[list[Any]], Any]
) -> Callable[[list[Any]], Any]:
    """`build` applied to the children with spliced lists and placeholders put in."""
    if not any(splice) and not any(nones_before):
        if not nones_after:
            return build
        tail = [None] * nones_after
        return lambda children: build(children + tail)
    if splice == [True, False] and not any(nones_before) and not nones_after:
        # `__x_star: __x_star x`: grow the list of the left child in place
        def append(children: list[Any]) -> Any:
            out = children[0]
            out.append(children[1])
            return build(out)

        return append
    if splice[0] and not any(splice[1:]) and not any(nones_before) and not nones_after:
        # `__x_star: __x_star x y ...`: the same with several new children
        def extend(children: list[Any]) -> Any:
            out = children[0]
            out += children[1:]
            return build(out)

        return extend
    if splice.count(True) == 1 and not any(nones_before) and not nones_after:
        # `x __x_star y`: one spliced list in the middle
        k = splice.index(True)

        def splice_one(children: list[Any]) -> Any:
            return build(children[:k] + children[k] + children[k + 1 :])

        return splice_one
    plan = list(zip(range(len(splice)), splice, nones_before))

    def filtered(children: list[Any]) -> Any:
        out: list[Any] = []
        for i, spliced, nones in plan:
            if nones:
                out += [None] * nones
            if not spliced:
                out.append(children[i])
            elif out:
                out += children[i]
            else:  # left recursion (`__x_star: __x_star x`): extend the list in place
                out = children[i]
        if nones_after:
            out += [None] * nones_after
        return build(out)

    return filtered


def _run(tables: _Tables, tokens: list[_Tok], start: str) -> Any:
    """Parse `tokens` from `start`; the value of the start symbol."""
    states = tables.states
    rules = tables.rules
    end_state = tables.end_states[start]
    state = tables.start_states[start]
    state_stack = [state]
    value_stack: list[Any] = []
    for index, token in enumerate(tokens):
        kind = token.type
        while True:
            try:
                action = states[state][kind]
            except KeyError:
                raise _Stuck(tokens, index, start) from None
            if action >= 0:
                state = action
                state_stack.append(state)
                value_stack.append(token)
                break
            size, callback, origin = rules[~action]
            if callback is None:  # `?rule: x`: x is the value, only the state changes
                state = states[state_stack[-2]][origin]
                state_stack[-1] = state
            else:
                if size:
                    children = value_stack[-size:]
                    del value_stack[-size:]
                    del state_stack[-size:]
                else:
                    children = []
                value_stack.append(callback(children))
                state = states[state_stack[-1]][origin]
                state_stack.append(state)
            if state == end_state and kind == _END:
                return value_stack[-1]
    raise AssertionError("the token list ended without `$END`")


def _stack_after(tables: _Tables, tokens: list[_Tok], count: int, start: str) -> list[int]:
    """The state stack right after shifting tokens[count - 1] (no values built).

    On an error the driver has already reduced with the bad token as
    lookahead (LALR may reduce before it notices), which loses what could
    have followed the last good token; replaying the prefix gets it back.
    """
    states = tables.states
    stack = [tables.start_states[start]]
    for token in tokens[:count]:
        while (action := states[stack[-1]][token.type]) < 0:
            size, _callback, origin = tables.rules[~action]
            del stack[len(stack) - size :]
            stack.append(states[stack[-1]][origin])
        stack.append(action)
    return stack


def _acceptable(tables: _Tables, stack: list[int], start: str) -> set[str]:
    """The terminals the parser in `stack` would shift (after its reductions)."""
    states = tables.states
    end_state = tables.end_states[start]
    terminals = {name for row in states for name in row if name.isupper()}
    accepted = set()
    for terminal in terminals:
        trial = list(stack)
        while (action := states[trial[-1]].get(terminal)) is not None:
            if action >= 0:
                accepted.add(terminal)
                break
            size, _callback, origin = tables.rules[~action]
            del trial[len(trial) - size :]
            trial.append(states[trial[-1]][origin])
            if trial[-1] == end_state and terminal == _END:
                accepted.add(terminal)
                break
    return accepted


# ---------------------------------------------------------------------------
# Building the parser (once per process)


@dataclass(frozen=True)
class _Parser:
    lark: Lark
    builder: _Builder
    lexer: _Lexer
    tables: _Tables
    lock: threading.Lock
    #: terminal name -> its literal text, for keywords and punctuation
    terminal_text: dict[str, str]


@lru_cache(maxsize=1)
def _parser() -> _Parser:
    builder = _Builder()
    lark = load_lark(transformer=builder)  # the generated tables (never lark's pickle cache)
    text = {t.name: t.pattern.value for t in lark.terminals if isinstance(t.pattern, PatternStr)}
    return _Parser(lark, builder, _build_lexer(lark), _build_tables(lark, builder), threading.Lock(), text)


# ---------------------------------------------------------------------------
# Describing errors

_REGEX_TERMINAL_WORDS = {
    "IDENT": "identifier",
    "NUMBER": "number",
    "STRING": "string literal",
    _END: "end of file",
}
_BINOP_TEXT = frozenset(_BINARY_PRECEDENCE)
_OPERATOR_GROUP = _BINOP_TEXT | {
    "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "as", ".", "(", "[",
}
_EXPR_START = frozenset(
    ["IDENT", "NUMBER", "true", "false", "(", "[", "{", "-", "!", "*", "&", "&&", "if", "while", "loop",
     "unsafe", "return", "break", "continue"]
)
_TYPE_START = frozenset(["IDENT", "*", "&", "&&", "[", "(", "!", "#"])
_ITEM_START = frozenset(["fn", "pub", "unsafe", "extern", "struct", "const", "static", "#"])
_SHOWN_FIRST = [";", "}", ")", "]", ",", "{", "=", ":", "->", ">", "IDENT"]
_MAX_SHOWN = 6


def describe_expected(names: set[str] | frozenset[str]) -> str:
    """Words for a set of expected terminal names: "`;`", "`;` or `}`", "one of ..."."""
    terminal_text = _parser().terminal_text
    keys = {terminal_text.get(n, n) for n in names if n != "WS"}
    groups: list[str] = []
    if len(keys & _BINOP_TEXT) >= 5:
        keys -= _OPERATOR_GROUP
        groups.append("an operator")
    if len(keys & _EXPR_START) >= 8:
        keys -= _EXPR_START
        groups.append("an expression")
    elif len(keys & _TYPE_START) >= 6:
        keys -= _TYPE_START
        groups.append("a type")
    if len(keys & _ITEM_START) >= 5:
        keys -= _ITEM_START
        groups.append("an item")

    def order(key: str) -> tuple[int, str]:
        return (_SHOWN_FIRST.index(key) if key in _SHOWN_FIRST else len(_SHOWN_FIRST), key)

    words = [_REGEX_TERMINAL_WORDS.get(k) or f"`{k}`" for k in sorted(keys, key=order)] + groups
    if len(words) > _MAX_SHOWN:
        hidden = len(words) - (_MAX_SHOWN - 1)
        words = words[: _MAX_SHOWN - 1] + [f"{hidden} other tokens"]
    if not words:
        return "nothing"
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return f"{words[0]} or {words[1]}"
    return "one of " + ", ".join(words[:-1]) + ", or " + words[-1]


def describe_token(kind: str, value: str) -> str:
    """How a message names a token: identifier `x`, keyword `fn`, `;`, ..."""
    if kind == _END:
        return "end of file"
    shown = value if len(value) <= 30 else value[:27] + "..."
    if kind == "IDENT":
        return f"identifier `{shown}`"
    if kind == "NUMBER":
        return f"number `{shown}`"
    if kind == "STRING":
        return f"string literal `{shown}`"
    if value.isalpha():
        return f"keyword `{shown}`"
    return f"`{shown}`"


def _describe_char(char: str) -> str:
    if char.isprintable() and not char.isspace():
        return f"`{char}`"
    return f"`\\u{{{ord(char):x}}}`"


_DELIMITERS = re.compile(r'"(?:[^"\\]|\\[\s\S])*"?|[()\[\]{}]')
_CLOSER = {")": "(", "]": "[", "}": "{"}


def _unclosed_delimiter(text: str) -> int | None:
    """Offset of the innermost delimiter still open at the end of `text`."""
    stack: list[tuple[str, int]] = []
    for m in _DELIMITERS.finditer(text):
        char = m.group()
        if char in "([{":
            stack.append((char, m.start()))
        elif char in _CLOSER and stack and stack[-1][0] == _CLOSER[char]:
            stack.pop()
    return stack[-1][1] if stack else None


def _bad_char_problem(pos: int, text: str) -> _SyntaxProblem:
    char = text[pos] if pos < len(text) else ""
    if char == '"':
        return _SyntaxProblem(msg.UNTERMINATED_STRING(), pos, pos + 1, msg.LABEL_STRING_STARTS)
    return _SyntaxProblem(msg.UNEXPECTED_CHAR(char=_describe_char(char)), pos, pos + 1)


def _unexpected_token_problem(kind: str, value: str, start: int, end: int, expected: set[str]) -> _SyntaxProblem:
    words = describe_expected(expected)
    return _SyntaxProblem(msg.EXPECTED(expected=words, found=describe_token(kind, value)),
        start, max(end, start + 1), label=msg.LABEL_EXPECTED.format(expected=words) if len(words) < 40 else "",
    )


def _unexpected_end_problem(expected: set[str], source: SourceFile) -> _SyntaxProblem:
    text = source.text
    end = len(text.rstrip())
    words = describe_expected(expected)
    notes: tuple[str, ...] = ()
    opened = _unclosed_delimiter(blank_comments(text))
    if opened is not None:
        line, col = source.line_col(opened)
        notes = (msg.NOTE_UNCLOSED_DELIMITER.format(delimiter=text[opened], line=line, col=col),)
        closer = _OPENER_CLOSER[text[opened]]
        if closer in {_parser().terminal_text.get(name) for name in expected}:
            words = f"`{closer}`"  # what the user most likely forgot, rather than every option
    return _SyntaxProblem(msg.UNEXPECTED_END(expected=words), end, end, notes=notes)


def _problem_from_stuck(stuck: _Stuck, tables: _Tables, source: SourceFile) -> _SyntaxProblem:
    token = stuck.token
    if token.type == _BAD_CHAR:
        return _bad_char_problem(token.start_pos, source.text)
    expected = stuck.expected(tables)
    if token.type == _END:
        return _unexpected_end_problem(expected, source)
    problem = _unexpected_token_problem(token.type, token.value, token.start_pos, token.end_pos, expected)
    problem.help = _hints(stuck.tokens, stuck.index, expected, source)
    return problem


_CONDITION_KEYWORDS = frozenset(["if", "while"])
#: Tokens a statement can end with, before a missing `;`: names, literals, closing brackets, keywords.
_VALUE_TOKENS = frozenset(["IDENT", "NUMBER", "STRING"])
_VALUE_ENDS = frozenset([")", "]", "}", "true", "false", "break", "continue", "return"])
_OPENER_CLOSER = {"(": ")", "[": "]", "{": "}"}


def _hints(tokens: list[_Tok], index: int, expected: set[str], source: SourceFile) -> tuple[str, ...]:
    """Help lines for two common mistakes, guessed from the tokens around the error."""
    token = tokens[index]
    previous = tokens[index - 1] if index > 0 else None
    text = _parser().terminal_text
    # `let a = b` newline `let c = d;`: a `;` at the end of the previous line, if that
    # line ends a value (not `{`, `(`, `,` or an operator, after which `;` cannot go)
    ends_value = previous is not None and (previous.type in _VALUE_TOKENS or text.get(previous.type) in _VALUE_ENDS)
    if ends_value and ";" in {text.get(name) for name in expected} and text.get(token.type) != ";":
        line, _ = source.line_col(previous.end_pos)
        if source.line_col(token.start_pos)[0] > line:
            return (msg.HELP_MISSING_SEMICOLON.format(line=line),)
    # `if p == Pair { a: 1 } {`: a struct literal in a condition
    if text.get(token.type) == ":" and index >= 3 and text.get(tokens[index - 2].type) == "{":
        for earlier in reversed(tokens[: index - 3]):
            kind = text.get(earlier.type)
            if kind in _CONDITION_KEYWORDS:
                return (msg.HELP_STRUCT_IN_CONDITION.format(keyword=kind, name=tokens[index - 3].value),)
            if kind in {";", "{", "}"}:
                break
    return ()


def _problem_from_lark(error: LarkError, source: SourceFile) -> _SyntaxProblem:
    """The same problem for an error of lark's own parser (the reference engine)."""
    if isinstance(error, UnexpectedCharacters):
        return _bad_char_problem(error.pos_in_stream, source.text)
    if isinstance(error, UnexpectedToken) and error.token.type != _END:
        token = error.token
        return _unexpected_token_problem(token.type, token.value, token.start_pos, token.end_pos, set(error.expected))
    if isinstance(error, (UnexpectedToken, UnexpectedEOF)):
        return _unexpected_end_problem(set(error.expected), source)
    raise error


# ---------------------------------------------------------------------------
# Entry points

Engine = Literal["fast", "lark"]


def parse(source: SourceFile, sink: DiagnosticSink) -> ast.Module | None:
    """Parse a whole file; None (after one error diagnostic) on a syntax error."""
    result = _parse(source, sink, "module", "fast")
    return result if isinstance(result, ast.Module) else None


def parse_fragment(source: SourceFile, sink: DiagnosticSink, start: StartSymbol, engine: Engine = "fast") -> Any:
    """Parse `source` as a module, one expression (`expr`) or one type (`type`).

    `engine="lark"` runs lark's own LALR loop and lexer instead of ours: same
    tables and builder, used by the tests as a reference for the fast path.
    """
    return _parse(source, sink, start, engine)


def _parse(source: SourceFile, sink: DiagnosticSink, start: str, engine: Engine) -> Any:
    try:
        parser = _parser()
        with parser.lock:  # the builder holds the file being parsed
            text = blank_comments(source.text)
            parser.builder.file = source
            parser.builder.text = text
            gc_was_enabled = gc.isenabled()
            gc.disable()  # the AST is acyclic; collections during a big parse cost more than the parse
            try:
                return _parse_text(parser, source, text, start, engine)
            finally:
                if gc_was_enabled:
                    gc.enable()
    except _SyntaxProblem as problem:
        _report(problem, source, sink)
    except RecursionError:
        sink.report(msg.NESTED_TOO_DEEPLY(), source.span(0, 0))
    except Exception as error:  # a bug in farc: never a traceback for the user
        sink.ice(f"the parser failed on this input: {type(error).__name__}: {error}", f"in {source.name}")
    return None


def _parse_text(parser: _Parser, source: SourceFile, text: str, start: str, engine: Engine) -> Any:
    """The value of `start` parsed from `text` (`source` with comments blanked)."""
    if engine == "lark":
        try:
            return parser.lark.parse(text, start=start)
        except VisitError as error:  # lark wraps errors raised by callbacks
            raise error.orig_exc from error
        except LarkError as error:
            raise _problem_from_lark(error, source) from error
    try:
        return _run(parser.tables, parser.lexer.tokens(text), start)
    except _Stuck as stuck:
        raise _problem_from_stuck(stuck, parser.tables, source) from stuck


def _report(problem: _SyntaxProblem, source: SourceFile, sink: DiagnosticSink) -> None:
    diagnostic = sink.report(problem.message, source.span(problem.start, problem.end), problem.label)
    for note in problem.notes:
        diagnostic.with_note(note)
    for text in problem.help:
        diagnostic.with_help(text)
