"""Compile speed: farc beside rustc on the same program, and how each phase grows.

Two measurements (docs/performance.md, "Compile speed", explains them):

* **Side by side with rustc.** The generated program of bench/gen_program.py
  (`--lines`, default 10,000) is compiled by the `farc` command and its
  memory-erased twin (bench/erase.py) by rustc (bench/rustc_ref.py: rustc for
  wasm32 with a `core` built from source, or the host target as a fallback),
  each as a fresh process: `farc check` beside `rustc --emit=metadata`,
  `farc build -O0` beside `rustc -C opt-level=0`, `farc build -O2` beside
  `rustc -C opt-level=2 -C codegen-units=1`. The runs are interleaved
  (farc, rustc, rustc, farc, ...), so a change of the machine's load hits
  both; the ratio is the median of the per-round ratios, for wall time and
  for CPU time (user + system of the process and its children: robust when
  other processes share the cores, but blind to parallelism).
* **Growth.** Every shape of bench/cases.py is compiled in this process at
  three sizes, phase by phase, and each phase's CPU time gives an exponent
  k (time ~ size^k, from the two larger sizes): 1 is linear, 2 quadratic.

    .venv/bin/python -m bench.compile_speed                  # both, full sizes
    .venv/bin/python -m bench.compile_speed --quick          # tiny sizes, seconds
    .venv/bin/python -m bench.compile_speed --no-growth --reps 5
    .venv/bin/python -m bench.compile_speed --shapes long_expr,zero_statics --no-side-by-side

`bench/run.py` runs the same (`measure`) as part of the whole suite.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `compiler` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cases import SHAPES, Shape, shape_named  # noqa: E402
from bench.erase import no_std_crate  # noqa: E402
from bench.gen_program import generate  # noqa: E402
from bench.rustc_ref import Reference, reference  # noqa: E402

#: mode -> (farc's command after `farc`, the target ratio farc/rustc)
MODES: dict[str, tuple[list[str], float]] = {
    "check": (["check"], 1.0),
    "O0": (["build", "-O0", "--emit", "wasm"], 1.5),
    "O2": (["build", "-O2", "--emit", "wasm"], 1.0),
}
RUSTC_MODE = {"check": "rustc --emit=metadata", "O0": "rustc -C opt-level=0",
              "O2": "rustc -C opt-level=2 -C codegen-units=1"}
#: A phase under this many CPU seconds at the largest size gets no exponent (noise).
MIN_PHASE_S = 0.05


# ---------------------------------------------------------------------------
# CPU time

def cpu_now() -> float:
    """CPU seconds (user + system) of this process and of its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn, *args):
    cpu, wall = cpu_now(), time.perf_counter()
    value = fn(*args)
    return cpu_now() - cpu, time.perf_counter() - wall, value


# ---------------------------------------------------------------------------
# Side by side with rustc

@dataclass
class Comparison:
    """One mode's runs: seconds per round for farc and rustc, wall and CPU."""

    mode: str
    target: float
    farc_wall: list[float] = field(default_factory=list)
    farc_cpu: list[float] = field(default_factory=list)
    rustc_wall: list[float] = field(default_factory=list)
    rustc_cpu: list[float] = field(default_factory=list)
    farc_bytes: int | None = None
    rustc_bytes: int | None = None

    def ratio(self, kind: str) -> float:
        """Median of the per-round ratios farc/rustc ("wall" or "cpu")."""
        farc, rustc = getattr(self, f"farc_{kind}"), getattr(self, f"rustc_{kind}")
        return statistics.median(f / r for f, r in zip(farc, rustc))

    def median(self, who: str, kind: str) -> float:
        return statistics.median(getattr(self, f"{who}_{kind}"))

    def to_json(self) -> dict:
        data = asdict(self)
        data["ratio_wall"], data["ratio_cpu"] = self.ratio("wall"), self.ratio("cpu")
        return data


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one command; raises RuntimeError when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... failed:\n{(done.stderr or done.stdout)[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def farc_command() -> list[str]:
    script = Path(sys.executable).with_name("farc")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "compiler.cli"]


def side_by_side(lines: int, reps: int, ref: Reference, log=print) -> list[Comparison]:
    """farc and rustc on the `lines`-line program, interleaved, `reps` rounds per mode."""
    text = generate(lines)
    comparisons = [Comparison(mode, target) for mode, (_, target) in MODES.items()]
    with tempfile.TemporaryDirectory(prefix="farc-speed-") as tmp:
        work = Path(tmp)
        farc_src, rust_src = work / "program.rs", work / "erased" / "program.rs"
        rust_src.parent.mkdir()
        farc_src.write_text(text)
        rust_src.write_text(no_std_crate(text))
        for rep in range(reps):
            for comp in comparisons:
                farc_args, _ = MODES[comp.mode]
                farc_cmd = [*farc_command(), *farc_args, str(farc_src)]
                if comp.mode != "check":
                    farc_cmd += ["-o", str(work / "out")]
                rustc_cmd = ref.command(comp.mode, rust_src, work / "erased" / f"out_{comp.mode}")
                runs = [("farc", farc_cmd, None), ("rustc", rustc_cmd, None)]
                for who, cmd, env in (runs if rep % 2 == 0 else runs[::-1]):
                    wall, cpu = _run(cmd, env)
                    getattr(comp, f"{who}_wall").append(wall)
                    getattr(comp, f"{who}_cpu").append(cpu)
                if rep == 0 and comp.mode != "check":
                    comp.farc_bytes = (work / "out" / "program.wasm").stat().st_size
                    out = work / "erased" / f"out_{comp.mode}"
                    made = out.with_suffix(".wasm" if ref.wasm32 else ".o")
                    comp.rustc_bytes = made.stat().st_size if made.is_file() else None
                log(f"    round {rep + 1}/{reps} {comp.mode}: farc {comp.farc_wall[-1]:.2f} s "
                    f"(cpu {comp.farc_cpu[-1]:.2f}), rustc {comp.rustc_wall[-1]:.2f} s (cpu {comp.rustc_cpu[-1]:.2f})")
    return comparisons


# ---------------------------------------------------------------------------
# Phases, measured in this process

def phase_times(text: str, opt_level: int) -> tuple[dict[str, float], int]:
    """CPU seconds per phase of one compilation of `text`, and the .wasm's size.

    Calls the driver's phases in compile_source's order, on the driver's deep
    stack (nested shapes need it), with the cyclic GC paused as compile_source has it."""
    from compiler.driver import _cyclic_gc_paused, _on_deep_stack
    with _cyclic_gc_paused():
        return _on_deep_stack(_phase_times, text, opt_level)


def _phase_times(text: str, opt_level: int) -> tuple[dict[str, float], int]:
    from compiler.check.checker import check
    from compiler.codegen.build import build_module
    from compiler.codegen.emit import compile_to_object
    from compiler.diagnostics import DiagnosticSink
    from compiler.mono.monomorphize import monomorphize
    from compiler.source import SourceFile
    from compiler.syntax.parser import parse
    from compiler.wasm.link import link
    from compiler.wasm.postlink import finalize

    sink = DiagnosticSink()
    out: dict[str, float] = {}

    def phase(name: str, fn, *args):
        cpu, _, value = _timed(fn, *args)
        out[name] = out.get(name, 0.0) + cpu
        if value is None or sink.has_errors:
            raise RuntimeError(f"{name} failed:\n{sink.render()[:3000]}")
        return value

    module = phase("parse", parse, SourceFile("program.rs", text), sink)
    program = phase("check", check, module, sink, "program")
    program = phase("monomorphize", monomorphize, program, sink)
    built = phase("IR generation", build_module, program, sink)
    ir_text = phase("IR generation", str, built.module)
    result = phase("LLVM", compile_to_object, ir_text, opt_level, sink)
    timings = getattr(result, "timings", None) or {}
    if timings:  # the child's own split of the LLVM phase
        out.pop("LLVM")
        for name, seconds in timings.items():
            out[f"LLVM: {name}"] = seconds
    linked = phase("link", lambda: link([result.object_bytes], sink, global_base=built.global_base))
    wasm = phase("wasm rewriter", finalize, linked, program.memories, built.far_segments, sink)
    return out, len(wasm)


def exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """k in seconds ~ size^k from the two largest sizes; None when the phase is too small to tell."""
    if len(sizes) < 2 or seconds[-1] < MIN_PHASE_S or seconds[-2] <= 0:
        return None
    return math.log(seconds[-1] / seconds[-2]) / math.log(sizes[-1] / sizes[-2])


@dataclass
class Growth:
    """One shape at one -O level: per phase, CPU seconds at each size, and the exponent."""

    shape: str
    unit: str
    level: int
    sizes: list[int]
    phases: dict[str, list[float]] = field(default_factory=dict)
    wasm_bytes: list[int] = field(default_factory=list)
    error: str | None = None

    def exponents(self) -> dict[str, float | None]:
        return {name: exponent(self.sizes[:len(times)], times) for name, times in self.phases.items()}

    def total(self) -> list[float]:
        count = len(self.wasm_bytes)
        return [sum(times[i] for times in self.phases.values() if i < len(times)) for i in range(count)]

    def to_json(self) -> dict:
        data = asdict(self)
        data["exponents"] = self.exponents()
        data["total_exponent"] = exponent(self.sizes[:len(self.wasm_bytes)], self.total())
        return data


def growth(shape: Shape, level: int, quick: bool = False, log=print) -> Growth:
    sizes = list(shape.quick if quick else shape.sizes)
    result = Growth(shape.name, shape.unit, level, sizes)
    for size in sizes:
        try:
            times, wasm_bytes = phase_times(shape.generate(size), level)
        except (RuntimeError, MemoryError) as err:
            result.error = f"at {size:,} {shape.unit}: {err}"
            log(f"    {shape.name} -O{level} {size:,}: FAILED {str(err)[:300]}")
            break
        for name, seconds in times.items():
            result.phases.setdefault(name, []).append(seconds)
        result.wasm_bytes.append(wasm_bytes)
        log(f"    {shape.name} -O{level} {size:,} {shape.unit}: {sum(times.values()):.2f} s cpu, "
            f"{wasm_bytes:,} bytes of wasm")
    return result


# ---------------------------------------------------------------------------
# The whole measurement

@dataclass
class CompileSpeed:
    lines: int
    reps: int
    reference: dict | None = None
    comparisons: list[dict] = field(default_factory=list)
    growth: list[dict] = field(default_factory=list)
    load: list[float | None] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def measure(lines: int = 10_000, reps: int = 3, log=print, quick: bool = False, compare: bool = True,
            shapes: list[str] | None = None, levels: tuple[int, ...] = (0, 2)) -> CompileSpeed:
    result = CompileSpeed(lines, reps, load=[_load()])
    if compare:
        ref = reference(log)
        if ref is None:
            result.error = "no rustc on this machine: the side-by-side comparison was skipped"
            log(f"  {result.error}")
        else:
            result.reference = {"rustc": ref.rustc, "version": ref.version, "target": ref.target, "note": ref.note}
            log(f"  side by side with rustc {ref.version} ({ref.target}), {lines:,} lines, {reps} rounds"
                + (f"\n  note: {ref.note}" if ref.note else ""))
            try:
                result.comparisons = [c.to_json() for c in side_by_side(lines, reps, ref, log)]
            except RuntimeError as err:
                result.error = str(err)
                log(f"  FAILED: {err}")
            for line in comparison_lines(result):
                log("  " + line)
    if shapes is None or shapes:
        wanted = [shape_named(name) for name in shapes] if shapes else list(SHAPES)
        log(f"  growth of each phase ({'quick sizes' if quick else 'full sizes'})")
        for shape in wanted:
            for level in levels:
                result.growth.append(growth(shape, level, quick, log).to_json())
        for line in growth_lines(result):
            log("  " + line)
    result.load.append(_load())
    return result


# ---------------------------------------------------------------------------
# Report lines (also used by bench/report.py for bench/results/*.md)

def _fmt_k(k: float | None) -> str:
    return "-" if k is None else f"{k:.2f}"


def comparison_lines(cs: CompileSpeed | dict) -> list[str]:
    data = cs.to_json() if isinstance(cs, CompileSpeed) else cs
    if not data.get("comparisons"):
        return [data.get("error") or "(not measured)"]
    ref = data["reference"]
    lines = [f"Program: `bench/gen_program.py`, {data['lines']:,} lines, beside its memory-erased twin built by "
             f"rustc {ref['version']} for {ref['target']}; {data['reps']} interleaved rounds, medians; ratio = "
             "median of per-round farc/rustc.", ""]
    if ref.get("note"):
        lines += [f"Note: {ref['note']}.", ""]
    lines += ["| farc | rustc | farc s (cpu) | rustc s (cpu) | ratio wall | ratio cpu | target | .wasm bytes farc / rustc |",
              "|---|---|---|---|---|---|---|---|"]
    for c in data["comparisons"]:
        farc = " ".join(["farc", *MODES[c["mode"]][0]])
        held = "met" if min(c["ratio_wall"], c["ratio_cpu"]) <= c["target"] else "missed"
        size = (f"{c['farc_bytes']:,} / {c['rustc_bytes']:,}" if c.get("farc_bytes") and c.get("rustc_bytes")
                else "-")
        lines.append(f"| `{farc}` | `{RUSTC_MODE[c['mode']]}` | {statistics.median(c['farc_wall']):.2f} "
                     f"({statistics.median(c['farc_cpu']):.2f}) | {statistics.median(c['rustc_wall']):.2f} "
                     f"({statistics.median(c['rustc_cpu']):.2f}) | {c['ratio_wall']:.2f} | {c['ratio_cpu']:.2f} | "
                     f"<= {c['target']:g} ({held}) | {size} |")
    return lines


def growth_lines(cs: CompileSpeed | dict) -> list[str]:
    data = cs.to_json() if isinstance(cs, CompileSpeed) else cs
    if not data.get("growth"):
        return ["(not measured)"]
    phases: list[str] = []
    for g in data["growth"]:
        phases += [p for p in g["phases"] if p not in phases]
    lines = ["Exponent k of CPU time ~ size^k per phase, from the two larger sizes (1 = linear; "
             f"`-`: under {MIN_PHASE_S} s, too small to tell).", "",
             "| shape | -O | sizes | total s | total k | " + " | ".join(phases) + " |",
             "|---|---|---|---|---|" + "---|" * len(phases)]
    for g in data["growth"]:
        total = [sum(t[i] for t in g["phases"].values() if i < len(t)) for i in range(len(g["wasm_bytes"]))]
        sizes = ", ".join(f"{s:,}" for s in g["sizes"][:len(total)])
        ks = " | ".join(_fmt_k(g["exponents"].get(p)) for p in phases)
        err = f" (stopped: {g['error'][:80]})" if g.get("error") else ""
        lines.append(f"| {g['shape']} ({g['unit']}) | {g['level']} | {sizes}{err} | "
                     f"{', '.join(f'{t:.2f}' for t in total)} | {_fmt_k(g['total_exponent'])} | {ks} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=None, help="size of the side-by-side program (10,000)")
    parser.add_argument("--reps", type=int, default=None, help="rounds per mode (3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (seconds)")
    parser.add_argument("--no-side-by-side", action="store_true", help="skip the comparison with rustc")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth measurement")
    parser.add_argument("--shapes", help="comma-separated subset of: " + ",".join(s.name for s in SHAPES))
    parser.add_argument("--levels", default="0,2", help="-O levels of the growth measurement (0,2)")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    args = parser.parse_args(argv)
    shapes = [] if args.no_growth else (args.shapes.split(",") if args.shapes else None)
    lines = args.lines or (1_000 if args.quick else 10_000)
    reps = args.reps or (1 if args.quick else 3)
    print(f"compile speed (load average {_load()})")
    result = measure(lines, reps, quick=args.quick, compare=not args.no_side_by_side, shapes=shapes,
                     levels=tuple(int(x) for x in args.levels.split(",")))
    if args.json:
        args.json.write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
    return 1 if result.error and not result.comparisons else 0


if __name__ == "__main__":
    sys.exit(main())
