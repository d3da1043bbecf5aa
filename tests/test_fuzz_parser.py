"""Fuzzing the parser: no input may make `parse` raise or report an internal
error. Every input either parses (a Module, no diagnostics) or is rejected
with exactly one syntax diagnostic (an S code). The fast driver and lark's own
parser, run on the same tables, must agree on the outcome and its position.

Inputs: random streams of the language's tokens, valid programs with tokens
deleted, duplicated, swapped or replaced, and strings generated from the
grammar itself by `hypothesis.extra.lark.from_lark`.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark
from lark.exceptions import LarkError
from lark.lexer import PatternStr

from compiler import messages as msg
from compiler.diagnostics import DiagnosticSink
from compiler.source import SourceFile
from compiler.syntax import ast
from compiler.syntax import parser as parser_module
from compiler.syntax.parser import GRAMMAR_PATH, parse_fragment
from compiler.syntax.tokens import RESERVED_KEYWORDS, UNUSED_KEYWORDS

from test_parser import ITEMS, SPANNED, generate_program

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(deadline=None, max_examples=120, suppress_health_check=list(HealthCheck))
#: Generating from the grammar is slow (~0.1 s an example here): fewer examples.
GRAMMAR_SETTINGS = settings(SETTINGS, max_examples=50)

SEEDS = [ITEMS, SPANNED, generate_program(40)] + [
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "programs").glob("*.rs"))
] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "syntax").glob("*.rs"))]
GRAMMAR = Lark(GRAMMAR_PATH.read_text(encoding="utf-8"), parser="lalr", lexer="basic", start="module")
KEYWORDS = sorted(t.pattern.value for t in GRAMMAR.terminals
                  if isinstance(t.pattern, PatternStr) and t.pattern.value.isalpha())
PUNCTUATION = ["(", ")", "{", "}", "[", "]", ";", ",", ":", "::", "->", ".", "#", "!", "=", "==", "!=", "<", ">",
               "<=", ">=", "+", "-", "*", "/", "%", "&", "&&", "|", "||", "^", "<<", ">>", "+=", "-=", "*=",
               "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "=>", "..", "..=", "@", "?", "'a", "'static"]
OTHERS = ["x", "p", "raw", "_", "mem_idx", "memory", "u8", "usize", "T", "N", "0", "1", "255u8", "0xFF", "1.5",
          "1e3", "2.5f32", "0b102", "99999999999999999999", '"C"', '"a\\n"', '"', "/*", "*/", "//", "///",
          "\n", "@", "$", "'", "é", "\t", "\\"]
VOCABULARY = KEYWORDS + PUNCTUATION + OTHERS


def outcome(text: str, engine: str = "fast") -> tuple[bool, list[tuple[str | None, int | None]]]:
    """Parse `text`; check the contract; (parsed?, [(code, offset)])."""
    sink = DiagnosticSink()
    result = parse_fragment(SourceFile("fuzz.rs", text), sink, "module", engine)  # type: ignore[arg-type]
    found = [(d.code, d.span.start if d.span else None) for d in sink.diagnostics]
    assert "ICE" not in [code for code, _ in found], sink.render() + "\n--- input ---\n" + text
    if result is None:
        assert len(sink.diagnostics) == 1 and sink.has_errors, sink.render()
        assert found[0][0] in {"S0001", "S0002", "S0003", "S0004", "S0005"}
    else:
        assert isinstance(result, ast.Module) and not sink.diagnostics
    return result is not None, found


def check(text: str) -> tuple[bool, list[tuple[str | None, int | None]]]:
    """The contract, and agreement with lark's own parser."""
    fast = outcome(text, "fast")
    assert fast == outcome(text, "lark"), text
    return fast


# ---------------------------------------------------------------------------
# random token streams


@SETTINGS
@given(st.lists(st.sampled_from(VOCABULARY), max_size=60), st.lists(st.sampled_from([" ", "", "\n"]), min_size=60,
                                                                    max_size=60))
def test_random_token_streams(tokens: list[str], gaps: list[str]) -> None:
    check("".join(token + gap for token, gap in zip(tokens, gaps)))


# ---------------------------------------------------------------------------
# mutated valid programs


def token_texts(text: str) -> list[str]:
    return [t.value for t in parser_module.tokenize(text)]


def mutate(draw: st.DrawFn, tokens: list[str], i: int) -> None:
    """Delete, duplicate, swap or replace token i (in place)."""
    action = draw(st.sampled_from(["delete", "duplicate", "swap", "replace"]))
    if action == "delete":
        del tokens[i]
    elif action == "duplicate":
        tokens.insert(i, tokens[i])
    elif action == "swap":
        j = draw(st.integers(0, len(tokens) - 1))
        tokens[i], tokens[j] = tokens[j], tokens[i]
    else:
        tokens[i] = draw(st.sampled_from(VOCABULARY))


@st.composite
def mutated_program(draw: st.DrawFn) -> str:
    tokens = token_texts(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        if not tokens:
            break
        mutate(draw, tokens, draw(st.integers(0, len(tokens) - 1)))
    return " ".join(tokens)


@SETTINGS
@given(mutated_program())
def test_mutated_valid_programs(text: str) -> None:
    check(text)


def test_seed_programs_parse() -> None:
    for seed in SEEDS:
        assert check(seed)[0]
        assert check(" ".join(token_texts(seed)))[0]  # the mutation baseline is valid too


# ---------------------------------------------------------------------------
# inputs generated from the grammar


@GRAMMAR_SETTINGS
@given(from_lark(GRAMMAR, start="module"))
def test_strings_from_the_grammar(text: str) -> None:
    """Raw `from_lark` output: tokens often run together (`fnf`), so mostly errors."""
    check(text)


def spaced_terminals() -> dict[str, st.SearchStrategy[str]]:
    """Every terminal followed by a space, identifiers never keywords: grammatical token streams."""
    explicit: dict[str, st.SearchStrategy[str]] = {}
    for terminal in GRAMMAR.terminals:
        if isinstance(terminal.pattern, PatternStr):
            explicit[terminal.name] = st.just(terminal.pattern.value + " ")
    explicit["IDENT"] = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True).filter(
        lambda s: s not in KEYWORDS and s not in RESERVED_KEYWORDS | UNUSED_KEYWORDS and s != "_").map(
        lambda s: s + " ")
    # a lifetime needs its space too: `'a` then `T` would lex as the one lifetime `'aT`
    explicit["LIFETIME"] = st.from_regex(r"'[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True).map(lambda s: s + " ")
    explicit["NUMBER"] = st.sampled_from(["0", "7", "255u8", "0xFF", "0o17", "0b101", "1.5", "1e3", "2f32",
                                          "1_000usize", "0b2", "1e", "1u128"]).map(lambda s: s + " ")
    explicit["STRING"] = st.sampled_from(['"C"', '"env"', '"a\\tb"', '"\\q"', '"x//y"']).map(lambda s: s + " ")
    return explicit


#: Rejections a grammatical token stream can still get: checks made while
#: building the AST (literals, attributes, chained comparisons, ...).
BUILDER_REJECTIONS = {"S0001", "S0003", "S0004"}
#: the S0001 checks the builder makes
BUILDER_S0001 = {msg.CHAINED_COMPARISON().text, msg.RANGE_CHAINED().text, msg.REST_PAT_MISPLACED().text,
                 msg.REST_PAT_NOT_LAST().text, msg.STRUCT_BASE_NOT_LAST().text}


def _lark_accepts(text: str) -> bool:
    try:
        GRAMMAR.parse(text)
    except LarkError:
        return False
    return True


@GRAMMAR_SETTINGS
@given(from_lark(GRAMMAR, start="module", explicit=spaced_terminals()))
def test_grammatical_token_streams_parse(text: str) -> None:
    parsed, found = check(text)
    if not parsed:
        # every terminal is spaced, so the stream is grammatical: lark's own parser accepts it
        # (`struct A<A = &'AA>` was `&'A A` run together before lifetimes were spaced)
        assert _lark_accepts(text), text
        code = found[0][0]
        assert code in BUILDER_REJECTIONS, text
        if code == "S0001":  # only the S0001 checks the builder makes
            sink = DiagnosticSink()
            parse_fragment(SourceFile("fuzz.rs", text), sink, "module")
            message = sink.diagnostics[0].message
            assert message in BUILDER_S0001 or message.startswith((
                "expected an operator, found keyword",  # `&x mut y`
                "expected identifier, found",  # `mut _`, `a::<T>::<U>`
                "expected a trait, found",  # `impl [u8] for T`
            )), message
