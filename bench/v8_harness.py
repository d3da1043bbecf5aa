"""The V8 timing harness, driven from Python: writes a `Plan` as JSON, runs
`bench/harness.mjs` in Node 24 (`FARC_NODE` or the repo's node_modules copy,
found by compiler.runtime) and reads back the `PlanResult`.

V8 runs with `--no-liftoff`: every function is compiled by the optimizing
tier (TurboFan/Turboshaft) up front. With the default dynamic tiering a long
first call runs to its end in the baseline compiler (wasm has no on-stack
replacement) and the switch to optimized code happens at an unpredictable
later call; the warm-up rounds would have to be long enough to be sure.
Peak-tier code is what the benchmark is about. `--expose-gc` lets the
harness free one epoch's memories before the next epoch allocates its own.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from compiler.runtime import node_available, node_path

from .plan import Plan, PlanResult

ENGINE_NAME = "v8"
HARNESS = Path(__file__).resolve().parent / "harness.mjs"
NODE_FLAGS = ("--no-liftoff", "--expose-gc")


def available() -> bool:
    return node_available()


def engine_version() -> str:
    proc = subprocess.run([str(node_path()), "-p", "`node ${process.version}, V8 ${process.versions.v8}`"],
                          capture_output=True, text=True, timeout=60)
    return proc.stdout.strip() or "node (version unknown)"


def run_plan(plan: Plan, timeout_s: float = 900.0) -> PlanResult:
    """Run `plan` in a fresh Node process; failures come back in `.error`."""
    with tempfile.TemporaryDirectory(prefix="farc-bench-v8-") as tmp:
        path = Path(tmp) / "plan.json"
        path.write_text(plan.to_json(), encoding="utf-8")
        try:
            proc = subprocess.run([str(node_path()), *NODE_FLAGS, str(HARNESS), str(path)],
                                  capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return PlanResult(ENGINE_NAME, [], error=f"node timed out after {timeout_s} s")
        except OSError as err:
            return PlanResult(ENGINE_NAME, [], error=f"cannot run node: {err}")
    lines = proc.stdout.strip().splitlines()
    if not lines:
        return PlanResult(ENGINE_NAME, [], error=f"node printed nothing (exit {proc.returncode}): "
                                                  f"{proc.stderr.strip()[-2000:]}")
    try:
        return PlanResult.from_json(json.loads(lines[-1]))
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        return PlanResult(ENGINE_NAME, [], error=f"unreadable harness output ({err}): {lines[-1][:500]}")
