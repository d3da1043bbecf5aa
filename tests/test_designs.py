"""The four designs side by side (issue 12; bench/designs.py).

Every program of examples/designs/ compiles in every design at -O0 and -O2,
validates, and returns in wasmtime and V8 what an independent Python
computation says it must. Every file of the misuse corpus (tests/designs/)
does what its `// OUTCOME:` line claims: rejected with that code, a trap, a
silently wrong result (and the right one differs), a read of the secret, or
a read contained in the pointer's own memory; docs/design.md's table is the
one the corpus gives.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from bench import designs
from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile
from compiler.wasm.validate import validate
from programs_support import parse_spec

ENGINES = {"wasmtime": run_wasmtime, "v8": run_node}
CASES = [(d, p) for p in designs.PROGRAMS for d in designs.DESIGNS if designs.available(d, p)]


@functools.lru_cache(maxsize=None)
def built(path: Path, opt: int):
    sink = DiagnosticSink()
    return compile_source(SourceFile.read(path), sink, opt), sink


def engine_or_skip(engine: str):
    if engine == "v8" and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    return ENGINES[engine]


def test_every_far_design_writes_every_program():
    missing = [f"{d.key}/{p.name}" for p in designs.PROGRAMS for d in designs.DESIGNS
               if not designs.available(d, p)]
    assert missing == []


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("opt", [0, 2])
@pytest.mark.parametrize("design,program", CASES, ids=[f"{d.key}-{p.name}" for d, p in CASES])
def test_design_program_computes_the_reference(design, program, opt, engine):
    run = engine_or_skip(engine)
    artifacts, sink = built(designs.program_path(design, program), opt)
    assert artifacts.wasm is not None and not sink.has_errors, sink.render()
    assert validate(artifacts.wasm) == []
    calls = program.checks(program.check_size)
    result = run(RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                            calls=[(name, args) for name, args, _ in calls]))
    assert result.error is None and result.trap is None, result.error or result.trap
    got = [designs.unsigned(v) for v in result.values]
    assert [g for g, (_, _, e) in zip(got, calls) if e is not None] == [e for _, _, e in calls if e is not None]


# ---- the misuse corpus ----

CORPUS = designs.corpus_files()
_VALUE = re.compile(r"^//\s*(RIGHT|SECRET):\s*(\S+)\s*$", re.M)


def corpus_id(path: Path) -> str:
    return f"{path.parent.name}-{path.stem}"


def directive(path: Path, name: str) -> int | None:
    values = {m[1]: int(m[2], 0) for m in _VALUE.finditer(path.read_text())}
    return values.get(name)


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_rejected_mistakes_are_rejected_with_their_code(path):
    outcome = designs.outcome_of(path)
    artifacts, sink = built(path, 2)
    if outcome.kind != "rejected":
        assert artifacts.wasm is not None and not sink.has_errors, sink.render()
        return
    codes = [d.code for d in sink.diagnostics if d.is_error]
    assert artifacts.wasm is None and codes and codes[0] == outcome.code, sink.render()


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("path", [p for p in CORPUS if designs.outcome_of(p).kind != "rejected"], ids=corpus_id)
def test_mistakes_do_what_the_corpus_says_at_run_time(path, engine):
    run = engine_or_skip(engine)
    outcome = designs.outcome_of(path)
    spec = parse_spec(path)
    artifacts, sink = built(path, 2)
    assert artifacts.wasm is not None, sink.render()
    result = run(RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                            calls=[(c.name, c.args) for c in spec.calls]))
    assert result.error is None, result.error
    if outcome.kind == "trap":
        assert spec.calls[-1].traps and result.trap is not None, result.values
        assert len(result.values) == len(spec.calls) - 1
        return
    assert result.trap is None, result.trap
    got = [designs.unsigned(v) for v in result.values]
    assert got == [c.expected if c.expected is not None else v for c, v in zip(spec.calls, got)]
    last = got[-1]
    if outcome.kind == "wrong":
        right = directive(path, "RIGHT")
        assert right is not None and last != right, "a wrong outcome names the right value, which differs"
    elif outcome.kind in ("leak", "contained"):
        secret = directive(path, "SECRET")
        assert secret is not None and (last == secret) == (outcome.kind == "leak")


def test_every_mistake_is_written_in_every_far_design():
    have = {(p.parent.name, p.stem) for p in CORPUS}
    missing = [f"{d.key}/{m}.rs" for m in designs.mistakes() for d in designs.FAR_DESIGNS
               if (d.key, m) not in have]
    assert missing == []


def test_the_design_docs_table_is_the_corpus():
    text = designs.DOC.read_text()
    assert designs.section_body(text, "design-misuse") == designs.misuse_table(), (
        "docs/design.md's misuse table is stale: run `python -m bench.designs --write-docs`")


# ---- the measures ----

def test_hot_loop_sees_the_loop_and_its_dispatch():
    d1 = designs.design_named("d1_typed")
    sum_loop = designs.hot_loop(built(designs.program_path(d1, designs.program_named("sum")), 2)[0].wasm, "run")
    assert sum_loop.instructions > 0 and sum_loop.calls == 0
    # a far copy is one memory.copy: no loop at all
    copy = built(designs.program_path(d1, designs.program_named("copy")), 2)[0].wasm
    assert designs.hot_loop(copy, "run").instructions == 0


def test_design_2_loops_vectorize_like_design_1():
    """The intrinsics are an integer round trip that scalar evolution can
    follow: `load_memidx(p.add(i))` in a loop is a consecutive access (one
    v128.load), not four lane loads."""
    loops = {}
    for key in ("d1_typed", "d2_intrinsics"):
        path = designs.program_path(designs.design_named(key), designs.program_named("sum"))
        loops[key] = designs.hot_loop(built(path, 2)[0].wasm, "run")
    assert loops["d2_intrinsics"].instructions == loops["d1_typed"].instructions


def test_token_count_counts_tokens_not_comments(tmp_path):
    f = tmp_path / "t.rs"
    f.write_text("// a comment of many words\nfn f() -> u32 { 1 } /* more */\n")
    assert designs.token_count(f) == 9  # fn f ( ) -> u32 { 1 }


def test_measure_runs_side_by_side_in_both_engines():
    rows = designs.measure(quick=True, log=lambda *_: None, programs=(designs.program_named("sum"),))
    assert {r.design for r in rows} >= {"near", "d1_typed", "d2_intrinsics", "d4_fat"}
    near = next(r for r in rows if r.design == "near")
    assert all(r.ratios["wasmtime"] > 0 for r in rows) and near.ratios["wasmtime"] == pytest.approx(1.0)
    lines = designs.results_table(rows)
    assert len(lines) == 2 + len(rows)
