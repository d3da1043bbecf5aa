"""Shared test helpers: compile farc source text through the real pipeline."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hypothesis import settings as _hypothesis_settings  # noqa: E402

# Property tests in the default suite are smoke runs over a fixed set of
# examples: the same inputs on every run, so CI cannot flip between red and
# green. FARC_HYPOTHESIS_RANDOM=1 draws fresh examples when hunting for bugs.
_hypothesis_settings.register_profile("farc-fixed", derandomize=True, database=None)
_hypothesis_settings.register_profile("farc-random")
_hypothesis_settings.load_profile("farc-random" if os.environ.get("FARC_HYPOTHESIS_RANDOM") else "farc-fixed")

from compiler.diagnostics import DiagnosticSink  # noqa: E402
from compiler.source import SourceFile  # noqa: E402


def check_text(text: str, name: str = "test.rs", lints=None):
    """Front end only: (program or None, sink); `lints`: the sink's LintOptions."""
    from compiler.driver import check_source
    sink = DiagnosticSink(lints)
    program = check_source(SourceFile(name, text), sink)
    return program, sink


@pytest.fixture
def check():
    return check_text


@pytest.fixture(params=["wasmtime", pytest.param("v8", marks=pytest.mark.node)])
def run(request):
    """A runner, once per engine (wasmtime, V8); V8 is skipped when Node 24 is not installed.
    Test modules may define their own `run`."""
    from compiler.runtime import node_available, run_node, run_wasmtime
    if request.param == "v8" and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    return run_wasmtime if request.param == "wasmtime" else run_node
