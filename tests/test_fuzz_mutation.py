"""The mutation fuzzer (tests/fuzz): a fixed-seed smoke run, and the
harness itself, shown to catch each kind of finding it claims to.

The long run is one command (README, "Tests"):
    .venv/bin/python -m tests.fuzz --count 100000 --jobs 1 --out fuzz-findings
"""
from __future__ import annotations

import os
import time

import pytest

from fuzz import oracle, runner
from fuzz.mutate import mutant, tokens
from fuzz.seeds import load_corpus

SMOKE_SEED = 20261201
SMOKE_COUNT = 100


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_smoke_run_is_clean(tmp_path):
    report = runner.run(runner.Settings(seed=SMOKE_SEED, count=SMOKE_COUNT, jobs=1, out_dir=tmp_path))
    assert report.ran == SMOKE_COUNT
    assert report.clean, report.summary() + "\n" + "\n\n".join(
        f"{f.input.how}\n{f.detail}" for f in report.findings[:3])
    # the run reaches every stage: rejected mutants, accepted ones, built ones
    assert report.statuses["rejected"] and report.statuses["built"], report.summary()
    assert list(tmp_path.iterdir()) == []


def test_inputs_are_a_function_of_seed_and_index(corpus):
    settings = runner.Settings(seed=3)
    assert runner.make_input(settings, corpus, 17) == runner.make_input(settings, corpus, 17)
    assert runner.make_input(settings, corpus, 17) != runner.make_input(settings, corpus, 18)


def test_the_corpus_covers_every_seed_directory(corpus):
    names = [s.name for s in corpus.seeds]
    for prefix in ("tests/programs/", "tests/ui/", "examples/", "bench/"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert all(corpus.fragments[c] for c in ("expr", "type", "stmt", "item", "attr"))
    assert sum(s.accepted for s in corpus.seeds) > len(corpus.seeds) // 2


def test_tokens_join_back_to_the_text(corpus):
    for seed in corpus.seeds[:20]:
        assert "".join(tokens(seed.text)) == seed.text


def test_mutants_differ_from_their_seeds(corpus):
    import random
    texts = {s.text.encode() for s in corpus.seeds}
    made = [mutant(random.Random(i), corpus)[0] for i in range(50)]
    assert sum(m not in texts for m in made) >= 45


# ---------------------------------------------------------------------------
# the oracle and the runner catch what they claim to


GOOD = b'#[no_mangle]\npub extern "C" fn f(x: u32) -> u32 { x + 1 }\n'


def test_a_clean_build_has_no_findings():
    outcome = oracle.examine(GOOD, opt_level=0, build=True, twice=True)
    assert outcome.status == "built" and not outcome.findings


CORE_LABELS = b"""
#![memory(1, name = "far")]
use core::ops::Add;
#[derive(Clone, Copy)]
struct V(u32);
impl Add for V {
    type Output = V;
    fn add(self, other: u32) -> V { V(self.0 + other) }
}
#[no_mangle]
pub extern "C" fn f(a: &[u8]) -> i32 { core::far::compare_byte_slices(a) }
"""


def test_errors_about_core_functions_point_only_into_the_source():
    # E0061 labeled core's `compare_byte_slices` and E0053 core's `Add::add`
    # on this file's lines (fuzz seed 2, input 92907): a label into another
    # file is left out, as the snippet shows one file
    outcome = oracle.examine(CORE_LABELS, opt_level=0, build=False)
    assert outcome.status == "rejected" and {"E0061", "E0053"} <= set(outcome.codes)
    assert not outcome.findings


def test_an_exception_inside_a_phase_is_an_ice_finding(monkeypatch):
    import compiler.check.checker as checker

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(checker, "check", broken)
    outcome = oracle.examine(GOOD, build=False)
    assert [kind for kind, _ in outcome.findings] == ["ice"]


def test_an_escaping_exception_is_a_traceback_finding(monkeypatch):
    import compiler.driver as driver

    def broken(*args, **kwargs):
        raise RuntimeError("escaped")

    monkeypatch.setattr(driver, "check_source", broken)
    outcome = oracle.examine(GOOD, build=False)
    assert outcome.findings[0][0] == "traceback" and "escaped" in outcome.findings[0][1]


def test_two_different_builds_are_a_nondeterminism_finding(monkeypatch):
    import compiler.driver as driver
    real = driver.compile_source
    calls = []

    def drifting(*args, **kwargs):
        out = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            out.llvm_ir += "; different"
        return out

    monkeypatch.setattr(driver, "compile_source", drifting)
    outcome = oracle.examine(GOOD, opt_level=0, build=True, twice=True)
    assert ("nondeterministic", "two builds give different llvm_ir") in outcome.findings


def test_an_invalid_module_is_a_finding(monkeypatch):
    import compiler.driver as driver
    real = driver.compile_source

    def corrupting(*args, **kwargs):
        out = real(*args, **kwargs)
        out.wasm = out.wasm[:-3]
        return out

    monkeypatch.setattr(driver, "compile_source", corrupting)
    outcome = oracle.examine(GOOD, opt_level=0, build=True)
    assert [kind for kind, _ in outcome.findings] == ["invalid-module"]


#: how long the "hanging" input of the next test sleeps
HANG_S = 300


def test_hangs_and_crashes_are_findings_and_are_written_out(tmp_path, monkeypatch):
    behaviour = {"mode": "hang"}

    def misbehaving(data, *args):
        if behaviour["mode"] == "hang":
            time.sleep(HANG_S)
        os.abort()

    monkeypatch.setattr(runner, "examine", misbehaving)  # the forked child inherits the patch
    settings = runner.Settings(seed=1, count=1, time_limit_s=0.3, out_dir=tmp_path)
    report = runner.run(settings)
    assert [f.kind for f in report.findings] == ["hang"]
    assert "did not finish within 0.9 s" in report.findings[0].detail  # retried once with 3x the time
    # killed, not waited for: a logical bound (the child would sleep HANG_S), not a timing guess
    assert report.seconds < HANG_S
    behaviour["mode"] = "crash"
    report = runner.run(settings)
    assert [f.kind for f in report.findings] == ["crash"] and "signal 6" in report.findings[0].detail
    written = sorted(p.suffix for p in tmp_path.iterdir())
    assert written == [".rs", ".rs", ".txt", ".txt"]
    text = next(p for p in tmp_path.iterdir() if p.name.startswith("crash-") and p.suffix == ".txt").read_text()
    assert "reproduce: python -m tests.fuzz --seed 1 --start 0 --count 1" in text


def test_validation_starts_no_threads():
    """The fuzzer forks a child per input after validating modules; a thread
    pool left by wasmtime would deadlock every child (validate.py). In a
    fresh process, so no earlier test has started a pool already."""
    import subprocess
    import sys
    probe = ("import os; from compiler.wasm.validate import validate_wasmtime; "
             "before = len(os.listdir('/proc/self/task')); "
             "assert validate_wasmtime(b'\\0asm\\1\\0\\0\\0') == []; "
             "print(before, len(os.listdir('/proc/self/task')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    before, after = map(int, result.stdout.split())
    assert after == before, "validating started threads"
