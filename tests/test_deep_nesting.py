"""Deeply nested programs are compiled, not crashed on: the driver runs the
phases on a large stack (and reports S0006 past its limit)."""
from __future__ import annotations

from conftest import check_text


def test_long_operator_chain_checks():
    program, sink = check_text("fn f() -> i32 { 1" + " + 1" * 20_000 + " }")
    assert program is not None, sink.render()


def test_thousands_of_nested_blocks_check():
    program, sink = check_text("fn f() -> u32 { " + "{" * 3000 + "1" + "}" * 3000 + " }")
    assert program is not None, sink.render()


def test_deeply_nested_generic_calls_check():
    text = "fn id<T>(x: T) -> T { x }\nfn f() -> u8 { " + "id(" * 2000 + "1u8" + ")" * 2000 + " }"
    program, sink = check_text(text)
    assert program is not None, sink.render()
