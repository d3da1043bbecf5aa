"""Compiled `match` against what its patterns mean: random arms over small
finite types (tests/pattern_support.py) become a farc program that matches
every value three ways — a value in memory 0, the place `*p` of a far
pointer into memory 1, and a far reference (default binding modes) — and
counts the values whose arm is not the first whose pattern matches, as the
reference interpreter says. Far statics hold the values (enum constants
laid out in memory 1). A fixed set of examples runs in the default suite,
at -O0 in wasmtime and -O2 in V8; `FARC_MATCH_EXAMPLES=200
FARC_HYPOTHESIS_RANDOM=1 pytest tests/test_match_lowering.py` hunts with
fresh ones."""
from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
from compiler.source import SourceFile
from pattern_support import ENUM_SOURCE, TYPES, matches, pattern_source, patterns, type_source, value_source, values

EXAMPLES = int(os.environ.get("FARC_MATCH_EXAMPLES", "4"))
#: values matched per program: all of a small type, a sample of a larger one
SAMPLE = 48
NO_ARM = 99


def program(ty, arms, vals) -> tuple[str, list[int]]:
    """The farc source, and the arm each value must take."""
    names = itertools.count()
    arm_lines = "\n".join(f"        {pattern_source(p, names)} => {i}," for i, p in enumerate(arms))
    expected = [next((i for i, p in enumerate(arms) if matches(p, v)), NO_ARM) for v in vals]
    ty_src, n = type_source(ty), len(vals)
    listing = ", ".join(value_source(ty, v) for v in vals)
    source = f"""#![memory(1, min = 1)]
{ENUM_SOURCE}
#[mem_idx(1)]
static FAR: [{ty_src}; {n}] = [{listing}];
static NEAR: [{ty_src}; {n}] = [{listing}];
static EXPECTED: [u32; {n}] = [{", ".join(map(str, expected))}];

fn by_value(x: {ty_src}) -> u32 {{
    match x {{
{arm_lines}
        _ => {NO_ARM},
    }}
}}

fn in_place(p: #[mem_idx(1)] *const {ty_src}) -> u32 {{
    unsafe {{
        match *p {{
{arm_lines}
            _ => {NO_ARM},
        }}
    }}
}}

fn by_reference(r: #[mem_idx(1)] &{ty_src}) -> u32 {{
    match r {{
{arm_lines}
        _ => {NO_ARM},
    }}
}}

#[no_mangle]
pub extern "C" fn mismatches() -> u32 {{
    let far = unsafe {{ (&raw const FAR).cast::<{ty_src}>() }};
    let mut bad = 0;
    for i in 0..{n} {{
        let want = EXPECTED[i];
        if by_value(NEAR[i]) != want {{ bad += 1; }}
        if in_place(unsafe {{ far.add(i) }}) != want {{ bad += 1000; }}
        if by_reference(unsafe {{ &*far.add(i) }}) != want {{ bad += 1000000; }}
    }}
    bad
}}
"""
    return source, expected


@st.composite
def cases(draw):
    ty = draw(st.sampled_from(TYPES))
    arms = draw(st.lists(patterns(ty), min_size=1, max_size=5))
    every = values(ty)
    if len(every) <= SAMPLE:
        vals = every
    else:
        vals = sorted(set(draw(st.lists(st.sampled_from(every), min_size=SAMPLE, max_size=SAMPLE))), key=every.index)
    return ty, arms, vals


@pytest.mark.parametrize("opt, engine", [(0, "wasmtime"), (2, "v8")])
@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_compiled_matches_take_the_first_arm_that_matches(opt, engine, case):
    if engine == "v8" and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    ty, arms, vals = case
    source, _ = program(ty, arms, vals)
    sink = DiagnosticSink()
    artifacts = compile_source(SourceFile("matches.rs", source), sink, opt)
    assert not sink.has_errors and artifacts.wasm is not None, sink.render() + "\n" + source
    run = run_wasmtime if engine == "wasmtime" else run_node
    result = run(RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories, calls=[("mismatches", [])]))
    assert result.trap is None and not getattr(result, "error", None), (result, source)
    assert result.values == [0], source
