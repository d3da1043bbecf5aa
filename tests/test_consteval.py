"""The constant evaluator's budget (compiler/consteval.py): only what can repeat
(loops, `const fn` calls) spends steps, so a big array literal in a static never
hits the limit that stops a `const fn` looping forever. The limit is lowered
here to keep the programs small; tests/ui/e0080_const_fn_eval.rs runs the real one."""
from __future__ import annotations

import pytest

from compiler import consteval
from conftest import check_text


@pytest.fixture
def small_budget(monkeypatch):
    monkeypatch.setattr(consteval, "STEP_LIMIT", 200)


def _errors(sink) -> list[str]:
    return [f"{d.code} {d.message}" for d in sink.errors]


def test_literals_spend_no_steps(small_budget):
    elems = ", ".join(str(i) for i in range(1000))
    program, sink = check_text(f"static TABLE: [u32; 1000] = [{elems}];\n"
                               "const SUM: u32 = 1 + 2 + 3;\n")
    assert _errors(sink) == []
    assert program is not None


def test_loops_and_calls_spend_steps(small_budget):
    _, sink = check_text("const fn spin(n: u32) -> u32 { let mut i = 0; while i < n { i += 1; } i }\n"
                         "const SHORT: u32 = spin(10);\n"
                         "const LONG: u32 = spin(1000);\n"
                         "const IN_CONST: u32 = { let mut i = 0; while i < 1000 { i += 1; } i };\n")
    errors = _errors(sink)
    assert len(errors) == 2, errors
    assert all(e.startswith("E0080") and "took more than 200 steps" in e for e in errors), errors
    assert "`LONG`" in errors[0] + errors[1] and "`IN_CONST`" in errors[0] + errors[1]


def test_a_loop_within_the_budget_is_evaluated(small_budget):
    program, sink = check_text("const fn spin(n: u32) -> u32 { let mut i = 0; while i < n { i += 1; } i }\n"
                               "const SHORT: u32 = spin(10);\n"
                               "#[no_mangle]\npub extern \"C\" fn f() -> u32 { SHORT }\n")
    assert _errors(sink) == []
    assert program is not None
