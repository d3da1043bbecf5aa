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
4. `_run`, a small LALR driver over lark's tables, calls a `builder.Builder`
   method at every reduction, so AST nodes are built during the parse and no
   parse tree ever exists. The grammar keeps all tokens, so each builder
   method computes its span from its first and last child.
lark's own LALR loop runs the same tables and builder (`engine="lark"`,
fed by lark's lexer); it is 3-4x slower (it hashes `Rule` objects at every
reduction) and serves the tests as a reference for the fast path.

Errors: parsing stops at the first problem and reports exactly one
diagnostic (S0001 unexpected token, S0002 bad character or unterminated
comment or string, S0003 invalid literal, S0004 misplaced attribute, S0005
unexpected end of file); `parse` then returns None. Nothing the user writes
can make `parse` raise: anything unexpected becomes an ICE diagnostic.

Choices worth knowing:
- `#[mem_idx(N)]` may prefix a pointer or reference type only; on any other
  type, or any other attribute on a type, is S0004 here, not in the checker
  (except before a function pointer type, where any attribute is kept for
  the checker). Outer attributes on items are checked against
  `attributes.KNOWN` by the builder (S0004).
- Integer literals are only checked to fit in u64; whether `300u8` fits its
  suffix is the checker's business (`-128i8` is fine, `128i8` alone is not).
- A parenthesized expression becomes its inner node (the AST has no Paren),
  with the span of the parentheses.
- A body-less `fn f();` outside `extern` blocks parses (body None): it may
  declare a built-in; the checker decides.
- Keywords are reserved everywhere; so are Rust's reserved words the grammar
  does not use (`async`, `box`, `yield`, ...), which both lexers turn into a
  RESERVED token no rule accepts. `raw` is not a keyword (only `&raw const`
  and `&raw mut` give it meaning), `_` is an identifier.
- The lexer reads `>>` in `Buf<Buf<u8>>` as one token, as Rust's does; the
  driver splits `>>`, `>=` and `>>=` into `>` and the rest where the parser
  cannot take them whole but can take a `>` (`_split`).
"""
from __future__ import annotations

import gc
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Literal

from lark import Lark, Token
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
from ..diagnostics import DiagnosticSink
from ..source import SourceFile
from . import ast
from .builder import Builder as _Builder
from .tables import GRAMMAR_PATH, LARK_OPTIONS, load_lark
from .tokens import RESERVED, RESERVED_KEYWORDS, UNUSED_KEYWORDS, SyntaxProblem, Tok, describe_char


#: Start symbols: `module` for files; the others let tests parse fragments.
StartSymbol = Literal["module", "expr", "type", "pattern"]
_STARTS: tuple[str, ...] = tuple(LARK_OPTIONS["start"])


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
    `text`. Raises `SyntaxProblem` (S0002) for an unterminated block comment.
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
    raise SyntaxProblem(msg.UNTERMINATED_COMMENT(), start, start + 2, msg.LABEL_COMMENT_STARTS)


# ---------------------------------------------------------------------------
# Tokens and the lexer


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

    def tokens(self, text: str) -> list[Tok]:
        """All tokens of `text`, ending with an `$END` or a `$BAD_CHAR` token."""
        out: list[Tok] = []
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
                append(Tok(_BAD_CHAR, value, start, stop))
                return out
            append(Tok(kind, value, start, stop))  # type: ignore[arg-type]
        append(Tok(_END, "", len(text), len(text)))
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
    for word in RESERVED_KEYWORDS | UNUSED_KEYWORDS:
        keywords.setdefault(word, RESERVED)
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
    #: `>>`, `>=`, `>>=` -> (terminal of `>`, terminal of the rest): a `>>` that
    #: closes two generic argument lists is two `>` (see `_split`)
    splits: dict[str, tuple[str, str]]



class _Stuck(Exception):
    """The driver found no action for `tokens[index]`."""

    def __init__(self, tokens: list[Tok], index: int, start: str) -> None:
        super().__init__(tokens[index])
        self.tokens = tokens
        self.index = index
        self.start = start

    @property
    def token(self) -> Tok:
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
    return _Tables(states, rules, dict(table.start_states), dict(table.end_states), _splits(lark))


def _splits(lark: Lark) -> dict[str, tuple[str, str]]:
    """`>>`, `>=`, `>>=` -> (terminal of `>`, terminal of the rest), by their terminal names in `lark`."""
    names = {t.pattern.value: t.name for t in lark.terminals if isinstance(t.pattern, PatternStr)}
    return {names[text]: (names[">"], names[text[1:]]) for text in (">>", ">=", ">>=") if text in names}


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


def _run(tables: _Tables, tokens: list[Tok], start: str) -> Any:
    """Parse `tokens` from `start`; the value of the start symbol."""
    states = tables.states
    rules = tables.rules
    end_state = tables.end_states[start]
    state = tables.start_states[start]
    state_stack = [state]
    value_stack: list[Any] = []
    splits = tables.splits
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in splits and _split(tables, state_stack, tokens, index):
            token = tokens[index]
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


def _split(tables: _Tables, stack: list[int], tokens: list[Tok], index: int) -> bool:
    """Split `tokens[index]` (`>>`, `>=`, `>>=`) into `>` and the rest, in place,
    if the parser in `stack` cannot take it whole but can take a `>`.

    The lexer reads `Buf<Buf<u8>>` as `Buf < Buf < u8 >>` (longest match, as
    Rust's does); rustc splits such a token where a generic argument list
    ends, and so does this. The test runs on the state stack before any
    reduction for the token, so a reduction LALR would make with the whole
    token as lookahead cannot mislead it.
    """
    token = tokens[index]
    first, rest = tables.splits[token.type]
    if _shifts(tables, stack, token.type) or not _shifts(tables, stack, first):
        return False
    at = token.start_pos
    tokens[index] = Tok(first, ">", at, at + 1)
    tokens.insert(index + 1, Tok(rest, token.value[1:], at + 1, token.end_pos))
    return True


def _shifts(tables: _Tables, stack: list[int], terminal: str) -> bool:
    """Whether the parser in `stack` would shift `terminal` (after its reductions)."""
    states = tables.states
    trial = list(stack)
    while (action := states[trial[-1]].get(terminal)) is not None:
        if action >= 0:
            return True
        size, _callback, origin = tables.rules[~action]
        del trial[len(trial) - size :]
        trial.append(states[trial[-1]][origin])
    return False


def _stack_after(tables: _Tables, tokens: list[Tok], count: int, start: str) -> list[int]:
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
    "LIFETIME": "lifetime",
    "NUMBER": "number",
    "STRING": "string literal",
    _END: "end of file",
}
_BINOP_TEXT = frozenset(["||", "&&", "==", "!=", "<", "<=", ">", ">=", "|", "^", "&", "<<", ">>", "+", "-", "*", "/", "%"])
_OPERATOR_GROUP = _BINOP_TEXT | {
    "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "as", ".", "(", "[", "..", "..=", "?",
}
_EXPR_START = frozenset(
    ["IDENT", "NUMBER", "LIFETIME", "true", "false", "(", "[", "{", "-", "!", "*", "&", "&&", "if", "while",
     "loop", "for", "match", "unsafe", "return", "break", "continue", "self", "Self", "super", "crate", "<",
     "|", "||", "move", "..", "..="]
)
_TYPE_START = frozenset(["IDENT", "*", "&", "&&", "[", "(", "!", "#", "fn", "impl", "dyn", "Self", "self", "super",
                         "crate", "unsafe", "extern"])
_ITEM_START = frozenset(["fn", "pub", "unsafe", "extern", "struct", "enum", "const", "static", "#", "impl",
                         "trait", "type", "mod", "use"])
_PATTERN_START = frozenset(["IDENT", "NUMBER", "true", "false", "(", "[", "-", "&", "&&", "..", "..=", "mut", "ref",
                            "Self", "super", "crate"])
#: operators that cannot start an expression: when enough of them are expected, "an operator"
_OPERATOR_ONLY = _BINOP_TEXT - _EXPR_START
_SHOWN_FIRST = [";", "}", ")", "]", ",", "{", "=", ":", "->", ">", "IDENT"]
_MAX_SHOWN = 6


def describe_expected(names: set[str] | frozenset[str]) -> str:
    """Words for a set of expected terminal names: "`;`", "`;` or `}`", "one of ..."."""
    terminal_text = _parser().terminal_text
    keys = {terminal_text.get(n, n) for n in names if n != "WS" and n != RESERVED}
    groups: list[str] = []
    if len(keys & _OPERATOR_ONLY) >= 5:
        keys -= _OPERATOR_GROUP
        groups.append("an operator")
    if "ref" in keys and len(keys & _PATTERN_START) >= 8:
        keys -= _PATTERN_START
        groups.append("a pattern")
    elif len(keys & _EXPR_START) >= 8:
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
    if kind == "LIFETIME":
        return f"lifetime `{shown}`"
    if kind == RESERVED and value in RESERVED_KEYWORDS:
        return f"reserved keyword `{shown}`"
    if value.isalpha():
        return f"keyword `{shown}`"
    return f"`{shown}`"


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


_CHAR_LITERAL = re.compile(r"'(?:\\[^\n]{1,9}|[^'\\\n])'")
_CHAR_LITERAL_BEFORE = re.compile(r"'[A-Za-z0-9_]{1,10}'$")


def _bad_char_problem(pos: int, text: str) -> SyntaxProblem:
    char = text[pos] if pos < len(text) else ""
    if char == '"':
        return SyntaxProblem(msg.UNTERMINATED_STRING(), pos, pos + 1, msg.LABEL_STRING_STARTS)
    if char == "'":
        # `'a'` lexes as the lifetime `'a` and a stray `'`; `' '` starts with the stray `'`
        literal = _CHAR_LITERAL_BEFORE.search(text, max(0, pos - 12), pos + 1) or _CHAR_LITERAL.match(text, pos)
        if literal is not None:
            return SyntaxProblem(msg.CHAR_LITERAL(), literal.start(), literal.end(), help=(msg.HELP_CHAR_LITERAL,))
    return SyntaxProblem(msg.UNEXPECTED_CHAR(char=describe_char(char)), pos, pos + 1)


def _unexpected_token_problem(kind: str, value: str, start: int, end: int, expected: set[str]) -> SyntaxProblem:
    words = describe_expected(expected)
    return SyntaxProblem(msg.EXPECTED(expected=words, found=describe_token(kind, value)),
        start, max(end, start + 1), label=msg.LABEL_EXPECTED.format(expected=words) if len(words) < 40 else "",
    )


def _unexpected_end_problem(expected: set[str], source: SourceFile) -> SyntaxProblem:
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
    return SyntaxProblem(msg.UNEXPECTED_END(expected=words), end, end, notes=notes)


def _problem_from_stuck(stuck: _Stuck, tables: _Tables, source: SourceFile) -> SyntaxProblem:
    token = stuck.token
    if token.type == _BAD_CHAR:
        return _bad_char_problem(token.start_pos, source.text)
    expected = stuck.expected(tables)
    if token.type == _END:
        problem = _unexpected_end_problem(expected, source)
        problem.help = _cast_hint(stuck.tokens, stuck.index)
        return problem
    problem = _unexpected_token_problem(token.type, token.value, token.start_pos, token.end_pos, expected)
    problem.help = _hints(stuck.tokens, stuck.index, expected, source)
    return problem


_CONDITION_KEYWORDS = frozenset(["if", "while", "match"])
#: Tokens a statement can end with, before a missing `;`: names, literals, closing brackets, keywords.
_VALUE_TOKENS = frozenset(["IDENT", "NUMBER", "STRING", "CHAR"])
_VALUE_ENDS = frozenset([")", "]", "}", "true", "false", "break", "continue", "return"])
_OPENER_CLOSER = {"(": ")", "[": "]", "{": "}"}


def _hints(tokens: list[Tok], index: int, expected: set[str], source: SourceFile) -> tuple[str, ...]:
    """Help lines for common mistakes, guessed from the tokens around the error."""
    token = tokens[index]
    previous = tokens[index - 1] if index > 0 else None
    text = _parser().terminal_text
    if token.type == RESERVED:
        return (msg.HELP_RESERVED.format(word=token.value),)
    if cast := _cast_hint(tokens, index):
        return cast
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


def _cast_hint(tokens: list[Tok], index: int) -> tuple[str, ...]:
    """`a as u32 < b`: the `<` opened generic arguments (as in rustc), which then failed."""
    text = _parser().terminal_text
    for k in range(index - 1, 1, -1):
        kind = text.get(tokens[k].type)
        if kind in (";", "{", "}"):
            break
        if kind == "<" and text.get(tokens[k - 2].type) == "as" and tokens[k - 1].type == "IDENT":
            return (msg.HELP_CAST_LT.format(ty=tokens[k - 1].value),)
    return ()


def _problem_from_lark(error: LarkError, source: SourceFile) -> SyntaxProblem:
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


def tokenize(text: str) -> list[Tok]:
    """The tokens of source text as the parser sees them (comments are not
    tokens), without the end marker; a character no token starts with ends
    the list (with a `$BAD_CHAR` token)."""
    return [t for t in _parser().lexer.tokens(blank_comments(text)) if t.type != _END]


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
    except SyntaxProblem as problem:
        _report(problem, source, sink)
    except RecursionError:
        sink.report(msg.NESTED_TOO_DEEPLY(), source.span(0, 0))
    except MemoryError:  # a resource limit, not a bug: the driver reports it (B0010)
        raise
    except Exception as error:  # a bug in farc: never a traceback for the user
        sink.ice(f"the parser failed on this input: {type(error).__name__}: {error}", f"in {source.name}")
    return None


def _parse_text(parser: _Parser, source: SourceFile, text: str, start: str, engine: Engine) -> Any:
    """The value of `start` parsed from `text` (`source` with comments blanked)."""
    if engine == "lark":
        try:
            return _lark_parse(parser, text, start)
        except VisitError as error:  # lark wraps errors raised by callbacks
            raise error.orig_exc from error
        except LarkError as error:
            raise _problem_from_lark(error, source) from error
    try:
        return _run(parser.tables, parser.lexer.tokens(text), start)
    except _Stuck as stuck:
        raise _problem_from_stuck(stuck, parser.tables, source) from stuck


def _lark_parse(parser: _Parser, text: str, start: str) -> Any:
    return lark_parse(parser.lark, text, start)


def lark_parse(lark: Lark, text: str, start: str) -> Any:
    """The reference engine: `lark`'s lexer and LALR loop, fed token by token so
    that reserved words and `>>` get the same treatment as in the fast path
    (also for the tests, on tables loaded or computed afresh)."""
    interactive = lark.parse_interactive(start=start)
    splits = _splits(lark)
    reserved = RESERVED_KEYWORDS | UNUSED_KEYWORDS
    last = None
    for token in lark.lex(text):
        if token.type == "IDENT" and token.value in reserved:
            token = Token.new_borrow_pos(RESERVED, token.value, token)
        pieces = [token]
        if token.type in splits:
            accepted = interactive.accepts()
            first, rest = splits[token.type]
            if token.type not in accepted and first in accepted:
                head = Token(first, ">", token.start_pos, token.line, token.column, token.line, token.column + 1,
                             token.start_pos + 1)
                tail = Token(rest, token.value[1:], token.start_pos + 1, token.line, token.column + 1,
                             token.end_line, token.end_column, token.end_pos)
                pieces = [head, tail]
        for piece in pieces:
            interactive.feed_token(piece)
            last = piece
    return interactive.feed_eof(last)


def _report(problem: SyntaxProblem, source: SourceFile, sink: DiagnosticSink) -> None:
    diagnostic = sink.report(problem.message, source.span(problem.start, problem.end), problem.label)
    for note in problem.notes:
        diagnostic.with_note(note)
    for text in problem.help:
        diagnostic.with_help(text)
