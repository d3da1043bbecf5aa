"""Fuzzing the whole front end (parse, check, monomorphize): no input, however
malformed, may crash farc. A crash shows up as an ICE diagnostic (the driver
turns exceptions into ICEs), so the property is: no ICE, and errors come with
a registered code and a span."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import check_text
from test_fuzz_parser import mutate, token_texts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_text() for p in sorted((ROOT / "tests" / "ui").glob("*.rs"))] + \
        [p.read_text() for p in sorted((ROOT / "tests" / "programs").glob("*.rs"))]
TOKENS = ["fn", "let", "mut", "unsafe", "*", "&", "#[mem_idx(1)]", "#[mem_idx(M)]", "*const", "*mut", "u8",
          "u32", "i64", "usize", "(", ")", "{", "}", "[", "]", ";", ",", ":", "::<", ">", "<", "=", "==", "+",
          "-", "as", "if", "else", "while", "loop", "break", "return", "p", "q", "x", "0", "1", "42", "1.5",
          "true", "null", "load_memidx", ".add(1)", ".read()", "struct", "S", "static", "const", "->",
          "#![memory(1, min = 1)]", "\n"]


def assert_no_crash(text: str) -> None:
    _, sink = check_text(text)
    ices = [d for d in sink.diagnostics if d.code == "ICE"]
    assert not ices, "\n".join(d.render() for d in ices) + "\n--- input ---\n" + text
    for d in sink.errors:
        assert d.code is not None


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_random_token_streams(tokens):
    assert_no_crash(" ".join(tokens))


@st.composite
def mutated_checked_program(draw):
    """A UI test or program with a few tokens deleted, duplicated, swapped or
    replaced (the parser fuzzer's mutation, over seeds that reach the checker)."""
    tokens = token_texts(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        if not tokens:
            break
        i = draw(st.integers(0, len(tokens) - 1))
        mutate(draw, tokens, i)
    return " ".join(tokens)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_checked_program())
def test_mutated_valid_programs(text):
    assert_no_crash(text)
