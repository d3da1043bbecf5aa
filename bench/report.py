"""The benchmark's targets, machine information, and the JSON and markdown
reports (bench/results/latest.json and latest.md)."""
from __future__ import annotations

import datetime as _dt
import os
import platform
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .measure import KernelResult
from .suite import KERNELS, Kernel

REPO = Path(__file__).resolve().parent.parent


@dataclass
class TargetCheck:
    target: str  # e.g. "far/near <= 1.02"
    engine: str
    kernel: str
    value: float  # the measured ratio (as the target states it)
    limit: float
    met: bool
    spread: tuple[float, float] | None = None  # p25..p75 of the per-round ratios

    @property
    def clear(self) -> bool:
        """Met or missed beyond doubt: the limit lies outside the p25..p75 range
        of the per-round ratios (otherwise the noise could decide either way)."""
        if self.spread is None:
            return True
        return not (self.spread[0] <= self.limit <= self.spread[1])


def evaluate_targets(results: dict[str, dict[str, KernelResult]], vectorized: dict[str, bool]) -> list[TargetCheck]:
    """The brief's targets, per engine and kernel. `vectorized[kernel]` says
    whether LLVM vectorized the far variant's timed loop (the opaque target
    applies to those kernels)."""
    checks: list[TargetCheck] = []
    for kernel in KERNELS:
        for engine, r in results.get(kernel.name, {}).items():
            if r.error:
                continue
            rs, sp = r.ratios, r.ratio_spread

            def add(target: str, key: str, limit: float, at_most: bool, invert: bool = False) -> None:
                if key not in rs:
                    return
                value = 1 / rs[key] if invert else rs[key]
                spread = sp.get(key)
                if spread and invert:
                    spread = (1 / spread[1], 1 / spread[0])
                met = value <= limit if at_most else value >= limit
                checks.append(TargetCheck(target, engine, kernel.name, value, limit, met, spread))

            if kernel.name == "copy":
                add("cross-memory copy >= 0.95x same-memory copy (throughput)", "cross/near [memory.copy]",
                    0.95, False, invert=True)
                add("cross-memory copy >= 0.95x same-memory copy (throughput)",
                    "cross_imported/near [memory.copy]", 0.95, False, invert=True)
                add("farc near / clang <= 1.10", "near/clang [memory.copy]", 1.10, True)
                add("farc near / clang <= 1.10", "near/clang [byte loop]", 1.10, True)
                continue
            add("far/near <= 1.02 (defined memory)", "far/near", 1.02, True)
            add("far/near <= 1.02 (imported memory)", "far_imported/near", 1.02, True)
            add("far/near <= 1.02 (defined memory, wasm_index = 0)", "far_first/near", 1.02, True)
            if vectorized.get(kernel.name):
                add("opaque/far >= 2 (vectorizable kernels)", "opaque/far", 2.0, False)
            add("farc near / clang <= 1.10", "near/clang", 1.10, True)
            add("host bridging / far >= 20 (per element)", "bridged/far", 20.0, False)
            if kernel.resident is not None:  # reported as kernel "NAME (resident)"
                name = kernel.name
                kernel_label = f"{name} (resident)"
                for target, key, limit, at_most in (
                        ("far/near <= 1.02 (defined memory)", "far/near [resident]", 1.02, True),
                        ("far/near <= 1.02 (imported memory)", "far_imported/near [resident]", 1.02, True),
                        ("far/near <= 1.02 (defined memory, wasm_index = 0)", "far_first/near [resident]", 1.02,
                         True),
                        ("opaque/far >= 2 (vectorizable kernels)", "opaque/far [resident]", 2.0, False),
                        ("farc near / clang <= 1.10", "near/clang [resident]", 1.10, True)):
                    if key in rs and (vectorized.get(name) or not key.startswith("opaque")):
                        met = rs[key] <= limit if at_most else rs[key] >= limit
                        checks.append(TargetCheck(target, engine, kernel_label, rs[key], limit, met, sp.get(key)))
    return checks


# ---------------------------------------------------------------------------
# Machine information

def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1024 * 1024)
    except (OSError, ValueError):
        pass
    return None


def _run_text(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=REPO)
        return (proc.stdout.strip() or proc.stderr.strip()).splitlines()[0] if proc.returncode == 0 else ""
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return ""


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def machine_info(engines: dict[str, str]) -> dict:
    from importlib.metadata import version

    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": round(_mem_total_gib() or 0, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "llvmlite": version("llvmlite"),
        "clang": _run_text([sys.executable, "-m", "ziglang", "cc", "--version"]),
        "engines": engines,
        "date": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "commit": _run_text(["git", "rev-parse", "--short", "HEAD"]),
    }


# ---------------------------------------------------------------------------
# Markdown

def _fmt(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "-"
    return f"{x:.{digits}f}"


def _ratio_cell(r: KernelResult, key: str) -> str:
    if key not in r.ratios:
        return "-"
    lo, hi = r.ratio_spread.get(key, (None, None))
    if lo is None:
        return _fmt(r.ratios[key])
    return f"{r.ratios[key]:.3f} <sub>({lo:.2f}-{hi:.2f})</sub>"


def _ms(r: KernelResult, case: str) -> str:
    c = r.cases.get(case)
    return _fmt(c.median_ns / 1e6, 3) if c else "-"


def kernel_table(engine: str, results: dict[str, dict[str, KernelResult]], resident: bool = False) -> list[str]:
    suffix = " [resident]" if resident else ""
    near_case = "near/run@resident" if resident else "near/run"
    lines = [
        f"#### {engine}{' (cache-resident: 1 MiB of data)' if resident else ''}",
        "",
        "| kernel | work | near ms | A/A (noise) | far/near | imported/near | far64/near | first/near | opaque/far | "
        "near/clang | ok |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kernel in KERNELS:
        r = results.get(kernel.name, {}).get(engine)
        if r is None or kernel.name == "copy" or (resident and kernel.resident is None):
            continue
        if r.error:
            lines.append(f"| {kernel.name} | error: {r.error[:80]} | | | | | | | | | no |")
            continue
        work = r.cases.get(near_case)
        lines.append(
            f"| {kernel.name} | {work.work if work else '-'} {kernel.unit}s | {_ms(r, near_case)} | "
            f"{_ratio_cell(r, 'near_aa/near' + suffix)} | {_ratio_cell(r, 'far/near' + suffix)} | {_ratio_cell(r, 'far_imported/near' + suffix)} | "
            f"{_ratio_cell(r, 'far64/near' + suffix)} | {_ratio_cell(r, 'far_first/near' + suffix)} | "
            f"{_ratio_cell(r, 'opaque/far' + suffix)} | "
            f"{_ratio_cell(r, 'near/clang' + suffix)} | {'yes' if r.agree else 'NO'} |")
    return lines


def copy_table(results: dict[str, dict[str, KernelResult]]) -> list[str]:
    lines = ["| engine | export | near (0->0) ms | A/A (noise) | cross (1->0) | cross imported | far same (1->1) | "
             "cross64 | near/clang | GiB/s near | GiB/s cross |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    kernel = next(k for k in KERNELS if k.name == "copy")
    for engine, r in results.get("copy", {}).items():
        if r.error:
            lines.append(f"| {engine} | error: {r.error[:80]} | | | | | | | | | |")
            continue
        for timed in kernel.timed:
            e, label = timed.export, timed.label

            def gibs(case: str) -> str:
                c = r.cases.get(case)
                return _fmt(c.work / c.median_ns / 1.073741824, 1) if c else "-"

            lines.append(
                f"| {engine} | {label} | {_ms(r, f'near/{e}')} | {_ratio_cell(r, f'near_aa/near [{label}]')} | "
                f"{_ratio_cell(r, f'cross/near [{label}]')} | "
                f"{_ratio_cell(r, f'cross_imported/near [{label}]')} | {_ratio_cell(r, f'far_same/near [{label}]')} | "
                f"{_ratio_cell(r, f'cross64/near [{label}]')} | {_ratio_cell(r, f'near/clang [{label}]')} | "
                f"{gibs(f'near/{e}')} | {gibs(f'cross/{e}')} |")
    return lines


def bridge_table(results: dict[str, dict[str, KernelResult]]) -> list[str]:
    lines = ["| engine | kernel | elements | far ns/element | bridged ns/element | bridged/far |",
             "|---|---|---|---|---|---|"]
    for kernel in KERNELS:
        for engine, r in results.get(kernel.name, {}).items():
            far, br = r.cases.get("far/run@bridge"), r.cases.get("bridged/run@bridge")
            if far is None or br is None:
                continue
            lines.append(f"| {engine} | {kernel.name} | {far.work} | {far.ns_per_unit:.3f} | "
                         f"{br.ns_per_unit:.1f} | {_ratio_cell(r, 'bridged/far')} |")
    return lines


def targets_table(checks: list[TargetCheck]) -> list[str]:
    lines = ["| target | engine | kernel | measured | met |", "|---|---|---|---|---|"]
    for c in checks:
        spread = f" <sub>({c.spread[0]:.2f}-{c.spread[1]:.2f})</sub>" if c.spread else ""
        verdict = ("yes" if c.met else "**no**") if c.clear else ("yes, within noise" if c.met else
                                                                   "no, within noise")
        lines.append(f"| {c.target} | {c.engine} | {c.kernel} | {c.value:.3f}{spread} | {verdict} |")
    return lines


def summary_lines(checks: list[TargetCheck]) -> list[str]:
    by: dict[tuple[str, str], list[TargetCheck]] = {}
    for c in checks:
        by.setdefault((c.target, c.engine), []).append(c)
    lines = ["A miss is *clear* when the limit lies outside the 25th-75th percentiles of the per-round ratios; "
             "otherwise the noise of this machine could decide either way.", "",
             "| target | engine | met on | clearly missed on | missed within noise on |", "|---|---|---|---|---|"]
    for (target, engine), cs in by.items():
        met = [c.kernel for c in cs if c.met]
        clear = [f"{c.kernel} ({c.value:.2f})" for c in cs if not c.met and c.clear]
        noisy = [f"{c.kernel} ({c.value:.2f})" for c in cs if not c.met and not c.clear]
        lines.append(f"| {target} | {engine} | {len(met)}/{len(cs)} | {', '.join(clear) or '-'} | "
                     f"{', '.join(noisy) or '-'} |")
    return lines


def compile_speed_lines(cs: dict | None) -> list[str]:
    """The compile-speed section: farc beside rustc, then the growth exponents (bench/compile_speed.py)."""
    from .compile_speed import comparison_lines, growth_lines
    if not cs:
        return ["(not measured)"]
    return [*comparison_lines(cs), "", *growth_lines(cs)]


def markdown(data: dict, results: dict[str, dict[str, KernelResult]], checks: list[TargetCheck]) -> str:
    m = data["machine"]
    engines = list(m["engines"])
    out = [
        "# farc benchmark results",
        "",
        f"Generated by `bench/run.py{' --quick' if data['quick'] else ''}` on {m['date']} (commit {m['commit']}). "
        "See docs/performance.md for what is measured and why.",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {m['cpu']} |",
        f"| cores | {m['cores']} |",
        f"| memory | {m['memory_gib']} GiB |",
        f"| OS | {m['os']} |",
        *[f"| {name} | {ver} |" for name, ver in m["engines"].items()],
        f"| clang (C baseline) | {m['clang']} |",
        f"| Python / llvmlite | {m['python']} / {m['llvmlite']} |",
        f"| load average (start, end) | {_fmt(data.get('load_start'))}, {_fmt(data.get('load_end'))} |",
        f"| total time | {data['elapsed_s']:.0f} s |",
        "",
        "Times are medians of per-call times. Each round calls every variant once, in a shuffled order; "
        "the rounds are spread over several epochs, each with freshly instantiated modules. A ratio A/B is the "
        "median over rounds of A's time divided by B's time in the same round; the small numbers after it are "
        "the 25th-75th percentiles of those per-round ratios. `A/A` compares two instances of the same near "
        "module: it shows the noise floor of the machine.",
        "",
        "## Targets",
        "",
        *summary_lines(checks),
        "",
        "## Kernels: where the data lives",
        "",
        "`far`: defined memory 1; `imported`: imported memory 1; `far64`: 64-bit memory 1; "
        "`first`: defined memory 1 declared `wasm_index = 0` (it becomes wasm memory 0); "
        "`opaque`: the far variant with far accesses legalized into intrinsic calls before LLVM optimizes; "
        "`clang`: the C twin compiled by clang -O2 (data in memory 0).",
        "",
    ]
    for engine in engines:
        out += kernel_table(engine, results) + [""]
    out += ["The same kernels on 1 MiB of data (cache-resident: no DRAM bandwidth limit hides "
            "per-access costs):", ""]
    for engine in engines:
        out += kernel_table(engine, results, resident=True) + [""]
    out += ["## Copy of 64 MiB: between memories and within one", "", *copy_table(results), "",
            "## Host bridging: every far load a call to the host", "",
            "Both variants run the same capped number of elements, in the same plan as the rest.", "",
            *bridge_table(results), "",
            "## Compile speed", "", *compile_speed_lines(data.get("compile_speed")), "",
            "## Every target, per kernel", "", *targets_table(checks), ""]
    overheads = {f"{k}/{e}": r.call_overhead_ns for k, per in results.items() for e, r in per.items()}
    if overheads:
        per_engine: dict[str, list[float]] = {}
        for key, ns in overheads.items():
            per_engine.setdefault(key.split("/")[1], []).append(ns)
        out += ["Harness call overhead (median time of a call to an identity export; included in every "
                "sample): " + ", ".join(f"{e} {sorted(v)[len(v) // 2] / 1000:.2f} us" for e, v in per_engine.items())
                + ".", ""]
    problems = [f"- {k} ({e}): {p}" for k, per in results.items() for e, r in per.items() for p in r.problems]
    if problems:
        out += ["## Problems", "", *problems, ""]
    return "\n".join(out)


def results_json(data: dict, results: dict[str, dict[str, KernelResult]], checks: list[TargetCheck]) -> dict:
    return {**data,
            "kernels": {k: {e: r.to_json() for e, r in per.items()} for k, per in results.items()},
            "targets": [{**asdict(c), "clear": c.clear} for c in checks]}


def load_results(path: Path) -> tuple[dict, dict[str, dict[str, KernelResult]]]:
    """A results JSON back as (run data, results by kernel and engine)."""
    import json

    raw = json.loads(path.read_text(encoding="utf-8"))
    results = {k: {e: KernelResult.from_json(k, e, d) for e, d in per.items()}
               for k, per in raw.pop("kernels", {}).items()}
    raw.pop("targets", None)
    return raw, results


__all__ = ["TargetCheck", "evaluate_targets", "load_average", "machine_info", "markdown", "results_json",
           "Kernel"]
