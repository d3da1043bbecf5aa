"""farc's benchmark suite: one command.

    .venv/bin/python bench/run.py            # full run (under 15 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # tiny sizes, seconds; writes bench/results/quick.*

For every kernel in bench/kernels/ it builds the variants (data in memory 0,
a defined memory 1, an imported memory 1, a 64-bit memory 1; the opaque
intrinsics and host-bridging baselines; the C twin with clang), times them
round-robin in wasmtime and V8, checks that they all compute the same
results, then measures compile speed, evaluates the targets and writes
bench/results/latest.json and latest.md. docs/performance.md explains it.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `compiler` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import compile_speed, v8_harness, wasmtime_harness  # noqa: E402
from bench.measure import ENGINES, KernelRun, Settings, measure_kernel  # noqa: E402
from bench.report import (evaluate_targets, load_average, load_results, machine_info, markdown,  # noqa: E402
                          results_json)
from bench.suite import KERNELS, BuildError, kernel_named  # noqa: E402

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _print_kernel(run: KernelRun) -> None:
    for engine, r in run.results.items():
        if r.error:
            print(f"    {engine}: ERROR {r.error}")
            continue
        ratios = "  ".join(f"{k} {v:.3f}" for k, v in r.ratios.items())
        near = r.cases.get("near/run")
        head = f"near {near.median_ns / 1e6:.2f} ms" if near else ""
        print(f"    {engine:8s} {head}  {ratios}")
        for p in r.problems:
            print(f"    {engine:8s} PROBLEM: {p}")


def wait_for_quiet(max_s: float, threshold: float = 0.5, poll_s: float = 10.0) -> float:
    """Sleep until the 1-minute load average is below `threshold` or `max_s` passed."""
    start = time.monotonic()
    while time.monotonic() - start < max_s:
        load = load_average()
        if load is None or load < threshold:
            break
        time.sleep(poll_s)
    return time.monotonic() - start


def render(path: Path) -> int:
    """Rewrite PATH.json and PATH.md from the measurements stored in PATH.json
    (after a change of the report's format or of the target evaluation)."""
    data, results = load_results(path)
    vectorized = {name: info.get("vectorized_far", False) and kernel_named(name).simd
                  for name, info in data.get("kernel_info", {}).items()}
    checks = evaluate_targets(results, vectorized)
    path.write_text(json.dumps(results_json(data, results, checks), indent=2) + "\n", encoding="utf-8")
    path.with_suffix(".md").write_text(markdown(data, results, checks), encoding="utf-8")
    print(f"rewrote {path} and {path.with_suffix('.md')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few repetitions (seconds)")
    parser.add_argument("--kernels", help="comma-separated subset of: " + ",".join(k.name for k in KERNELS))
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of: wasmtime,v8")
    parser.add_argument("--no-compile-speed", action="store_true", help="skip the compile-speed measurement")
    parser.add_argument("--compile-lines", type=int, default=None, help="size of the compile-speed program")
    parser.add_argument("--keep", type=Path, help="keep every variant's .rs, .wasm and .wat in this directory")
    parser.add_argument("--out", type=Path, help="output stem (default bench/results/latest, or quick with --quick)")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help="first wait up to SECONDS for the 1-minute load average to drop below 0.5 "
                             "(other processes on the machine distort the timings)")
    parser.add_argument("--render", type=Path, metavar="JSON",
                        help="only rewrite the report of an earlier run from its JSON (e.g. bench/results/latest.json)")
    args = parser.parse_args(argv)
    if args.render:
        return render(args.render)

    settings = Settings.for_mode(args.quick)
    wanted = set(args.kernels.split(",")) if args.kernels else None
    kernels = [k for k in KERNELS if wanted is None or k.name in wanted]
    if wanted and len(kernels) != len(wanted):
        parser.error(f"unknown kernel in {args.kernels!r}")
    engines = tuple(e for e in args.engines.split(",") if e)
    if not engines or set(engines) - set(ENGINES):
        parser.error(f"--engines takes a comma-separated subset of: {','.join(ENGINES)}")
    if "v8" in engines and not v8_harness.available():
        print("note: Node 24 not found; V8 is skipped (set FARC_NODE or run scripts/setup.sh)")
        engines = tuple(e for e in engines if e != "v8")
    versions = {"wasmtime": wasmtime_harness.engine_version()} if "wasmtime" in engines else {}
    if "v8" in engines:
        versions["v8"] = v8_harness.engine_version() + f" (flags: {' '.join(v8_harness.NODE_FLAGS)})"

    if args.wait_quiet > 0:
        waited = wait_for_quiet(args.wait_quiet)
        print(f"waited {waited:.0f} s for a quiet machine (load average {load_average()})")
    start = time.perf_counter()
    data: dict = {"quick": args.quick, "settings": settings.__dict__, "load_start": load_average(),
                  "machine": machine_info(versions)}
    print(f"farc benchmarks ({'quick' if args.quick else 'full'}) on {data['machine']['cpu']}, "
          f"{data['machine']['cores']} cores; engines: {', '.join(engines)}")
    runs: dict[str, KernelRun] = {}
    failed = False
    for kernel in kernels:
        t0 = time.perf_counter()
        print(f"  {kernel.name}: {kernel.title}")
        try:
            run = measure_kernel(kernel, settings, engines,
                                 keep_dir=args.keep / kernel.name if args.keep else None)
        except BuildError as err:
            print(f"    BUILD FAILED: {err}")
            failed = True
            continue
        runs[kernel.name] = run
        _print_kernel(run)
        failed |= any(not r.agree for r in run.results.values())
        print(f"    ({time.perf_counter() - t0:.0f} s)")

    if not args.no_compile_speed:
        lines = args.compile_lines or (1_000 if args.quick else 10_000)
        print(f"  compile speed ({lines:,} lines)")
        speed = compile_speed.measure(lines, reps=1 if args.quick else 3, quick=args.quick,
                                      log=lambda s: print("  " + s))
        data["compile_speed"] = speed.to_json()

    results = {name: run.results for name, run in runs.items()}
    # the opaque target: kernels meant to stream whole vectors, if LLVM did vectorize them
    vectorized = {name: run.vectorized and kernel_named(name).simd for name, run in runs.items()}
    checks = evaluate_targets(results, vectorized)
    data["kernel_info"] = {name: run.info_json() for name, run in runs.items()}
    data["elapsed_s"] = time.perf_counter() - start
    data["load_end"] = load_average()

    stem = args.out or RESULTS_DIR / ("quick" if args.quick else "latest")
    stem.parent.mkdir(parents=True, exist_ok=True)
    Path(f"{stem}.json").write_text(json.dumps(results_json(data, results, checks), indent=2) + "\n",
                                    encoding="utf-8")
    Path(f"{stem}.md").write_text(markdown(data, results, checks), encoding="utf-8")
    missed = [c for c in checks if not c.met]
    print(f"targets: {len(checks) - len(missed)}/{len(checks)} met, {sum(c.clear for c in missed)} clearly missed"
          + (f"; missed: {', '.join(sorted({f'{c.target} [{c.engine}]' for c in missed}))}" if missed else ""))
    print(f"wrote {stem}.json and {stem}.md in {data['elapsed_s']:.0f} s")
    if failed:
        print("FAILED: a variant did not build or the variants disagree (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
