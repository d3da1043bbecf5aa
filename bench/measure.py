"""Kernel measurements: build every variant of a kernel, run one plan per
engine, check that the variants agree, and reduce the samples to medians and
ratios.

A ratio A/B is the median over rounds of A's sample divided by B's sample of
the same round (both taken within one round of the shuffled round-robin, so
a change of the machine's load between rounds cancels out); p25 and p75 of
those per-round ratios are its spread, and median(A) / median(B) is kept
alongside. The ratios (per-call times at the same size):
* `far/near`, `far_imported/near`, `far64/near`: the cost of the data's memory;
* `opaque/far`: what legalizing far accesses before LLVM optimizes costs;
* `near/clang`: farc's near code against clang's on the C twin;
* `bridged/far`: per-element cost of reaching the data through a host call,
  against the far variant at the same (capped) work size;
* copy: `cross/near`, ... (time of the variant over memory 0 -> memory 0)
  per export (memory.copy and the byte loop).
"""
from __future__ import annotations

import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from compiler.runtime.request import ModuleInfo

from . import v8_harness, wasmtime_harness
from .plan import Call, CaseSpec, InstanceSpec, MemoryImport, Plan, PlanResult
from .suite import BRIDGED_V, IMPORT_MODULE, IMPORT_NAME, Built, Kernel, Variant, build

ENGINES = ("wasmtime", "v8")
BRIDGE_TAG = "@bridge"
RESIDENT_TAG = "@resident"


@dataclass(frozen=True)
class Settings:
    """How hard to measure: the quick mode only shows that everything runs."""

    quick: bool = False
    warmup: int = 2
    min_reps: int = 12
    max_reps: int = 60
    budget_s: float = 16.0
    min_sample_s: float = 0.002
    epochs: int = 4

    @classmethod
    def for_mode(cls, quick: bool) -> "Settings":
        if quick:
            return cls(quick=True, warmup=1, min_reps=3, max_reps=5, budget_s=0.2, min_sample_s=0.0005, epochs=1)
        return cls()


def size_of(kernel: Kernel, settings: Settings) -> int:
    return kernel.size_quick if settings.quick else kernel.size_full


def bridge_work(kernel: Kernel, settings: Settings) -> int:
    return kernel.bridge_work_quick if settings.quick else kernel.bridge_work_full


def resident_work(kernel: Kernel, settings: Settings) -> int:
    """Work units of the cache-resident measurement (0: none)."""
    if kernel.resident is None:
        return 0
    full = kernel.resident[0]
    return min(full, kernel.size_quick // 4) if settings.quick else full


def case_id(variant: str, export: str, bridge: bool = False, resident: bool = False) -> str:
    return f"{variant}/{export}{BRIDGE_TAG if bridge else ''}{RESIDENT_TAG if resident else ''}"


def case_work(kernel: Kernel, settings: Settings, cid: str) -> int:
    """The work units one call of case `cid` processes."""
    if cid.endswith(BRIDGE_TAG):
        return bridge_work(kernel, settings)
    if cid.endswith(RESIDENT_TAG):
        return resident_work(kernel, settings)
    return kernel.work(size_of(kernel, settings))


def build_all(kernel: Kernel, n: int, out_dir: Path, write_wat: bool = False) -> dict[str, Built]:
    """Every variant of `kernel` at size n, written to out_dir/<kernel>_<variant>.wasm."""
    built: dict[str, Built] = {}
    for variant in kernel.all_variants():
        if variant.name == "near_aa":  # the same module as near, instantiated separately
            near = built["near"]
            b = Built(kernel.name, variant, near.wasm, near.source, 0.0)
        else:
            b = build(kernel, variant, n)
        path = out_dir / f"{kernel.name}_{variant.name}.wasm"
        path.write_bytes(b.wasm)
        b.extra["path"] = str(path)
        if b.source is not None:
            (out_dir / f"{kernel.name}_{variant.name}.rs").write_text(b.source, encoding="utf-8")
        if write_wat:
            from compiler.wasm.wat import to_wat

            (out_dir / f"{kernel.name}_{variant.name}.wat").write_text(to_wat(b.wasm), encoding="utf-8")
        built[variant.name] = b
    return built


def _instance(kernel: Kernel, b: Built, n: int) -> InstanceSpec:
    info = ModuleInfo.of(b.wasm)
    memories = [MemoryImport(module, name, t.min, t.max, t.memory64) for (module, name), t in info.memory_imports.items()]
    return InstanceSpec(
        id=b.variant.name,
        wasm=b.extra["path"],
        memories=memories,
        bridge=(IMPORT_MODULE, IMPORT_NAME) if b.variant.bridged else None,
        init=Call("init", kernel.init_args(n)),
        check=Call(kernel.check_export, [n]) if kernel.check_export else None,
    )


def make_plan(kernel: Kernel, built: dict[str, Built], settings: Settings) -> Plan:
    n = size_of(kernel, settings)
    instances = [_instance(kernel, b, n) for b in built.values()]
    cases: list[CaseSpec] = []
    for timed in kernel.timed:
        for name in built:
            if name == BRIDGED_V.name:
                continue
            cases.append(CaseSpec(case_id(name, timed.export), name, Call(timed.export, timed.args(n, kernel.work(n)))))
    if kernel.resident is not None:
        w = resident_work(kernel, settings)
        timed = kernel.timed[0]
        for name in built:
            if name != BRIDGED_V.name:
                cases.append(CaseSpec(case_id(name, timed.export, resident=True), name,
                                      Call(timed.export, kernel.resident[1](size_of(kernel, settings), w))))
    if BRIDGED_V.name in built:
        w = bridge_work(kernel, settings)
        timed = kernel.timed[0]
        for name in ("far", BRIDGED_V.name):
            cases.append(CaseSpec(case_id(name, timed.export, True), name, Call(timed.export, timed.args(n, w))))
    return Plan(instances, cases, warmup=settings.warmup, min_reps=settings.min_reps, max_reps=settings.max_reps,
                budget_s=settings.budget_s, min_sample_s=settings.min_sample_s,
                epochs=settings.epochs).with_orders(seed=sum(map(ord, kernel.name)))


@dataclass
class CaseStats:
    median_ns: float
    min_ns: float
    max_ns: float
    iqr_ns: float
    reps: int
    inner: int
    work: int
    result: int | None

    @property
    def ns_per_unit(self) -> float:
        return self.median_ns / self.work if self.work else float("nan")

    def to_json(self) -> dict:
        return {"median_ms": self.median_ns / 1e6, "min_ms": self.min_ns / 1e6, "max_ms": self.max_ns / 1e6,
                "iqr_ms": self.iqr_ns / 1e6, "reps": self.reps, "inner": self.inner, "work": self.work,
                "ns_per_unit": self.ns_per_unit, "result": self.result}

    @classmethod
    def from_json(cls, d: dict) -> "CaseStats":
        return cls(d["median_ms"] * 1e6, d["min_ms"] * 1e6, d["max_ms"] * 1e6, d["iqr_ms"] * 1e6, d["reps"],
                   d["inner"], d["work"], d.get("result"))


def _stats(samples: list[float], reps: int, inner: int, work: int, result: int | None) -> CaseStats:
    q = statistics.quantiles(samples, n=4) if len(samples) >= 2 else [samples[0]] * 3
    return CaseStats(statistics.median(samples), min(samples), max(samples), q[2] - q[0], reps, inner, work, result)


@dataclass
class KernelResult:
    """One kernel in one engine."""

    kernel: str
    engine: str
    cases: dict[str, CaseStats] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    #: per-round ratio spread: ratio name -> (p25, p75) of the per-round ratios
    ratio_spread: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: the same ratios as median(num) / median(den), for comparison
    ratio_of_medians: dict[str, float] = field(default_factory=dict)
    agree: bool = True
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    call_overhead_ns: float = 0.0

    def to_json(self) -> dict:
        return {"cases": {k: v.to_json() for k, v in self.cases.items()}, "ratios": self.ratios,
                "ratio_spread": {k: list(v) for k, v in self.ratio_spread.items()},
                "ratio_of_medians": self.ratio_of_medians,
                "agree": self.agree, "problems": self.problems, "error": self.error,
                "call_overhead_ns": self.call_overhead_ns}

    @classmethod
    def from_json(cls, kernel: str, engine: str, d: dict) -> "KernelResult":
        """Inverse of to_json (to re-render a report from latest.json)."""
        return cls(kernel, engine, {k: CaseStats.from_json(v) for k, v in d.get("cases", {}).items()},
                   dict(d.get("ratios", {})), {k: (v[0], v[1]) for k, v in d.get("ratio_spread", {}).items()},
                   dict(d.get("ratio_of_medians", {})), d.get("agree", True), list(d.get("problems", [])),
                   d.get("error"), d.get("call_overhead_ns", 0.0))


def _agreement(kernel: Kernel, plan: Plan, res: PlanResult) -> list[str]:
    """Cases with the same export and arguments must return the same values
    (every variant computes the same thing); so must the check exports."""
    problems = []
    groups: dict[tuple, dict[str, list[int]]] = {}
    for spec in plan.cases:
        cr = res.case(spec.id)
        if cr is None:
            problems.append(f"{spec.id}: no result")
            continue
        key = (spec.call.export, tuple(spec.call.args))
        groups.setdefault(key, {})[spec.id] = cr.warm_results
    for (export, args), by_case in groups.items():
        if len({tuple(v) for v in by_case.values()}) > 1:
            shown = ", ".join(f"{k}={[hex(x) for x in v]}" for k, v in by_case.items())
            problems.append(f"{export}{list(args)}: variants disagree: {shown}")
    if len(set(res.checks.values())) > 1:
        problems.append(f"check: variants disagree: {res.checks}")
    return problems


def _paired(a: list[float], b: list[float]) -> tuple[float, float, float]:
    """p25, median and p75 of the per-round ratios a[r] / b[r]: both samples of
    a round were taken within one round, so a slow change of the machine's
    load between rounds cancels out of each ratio."""
    ratios = sorted(x / y for x, y in zip(a, b) if y > 0)
    if not ratios:
        return float("nan"), float("nan"), float("nan")
    if len(ratios) < 2:
        return ratios[0], ratios[0], ratios[0]
    q = statistics.quantiles(ratios, n=4)
    return q[0], statistics.median(ratios), q[2]


def analyze(kernel: Kernel, plan: Plan, res: PlanResult, settings: Settings) -> KernelResult:
    out = KernelResult(kernel.name, res.engine, error=res.error, call_overhead_ns=res.call_overhead_ns)
    if res.error:
        out.agree = False
        out.problems.append(res.error)
        return out
    per_call: dict[str, list[float]] = {}
    for spec in plan.cases:
        cr = res.case(spec.id)
        if cr is None:
            continue
        work = case_work(kernel, settings, spec.id)
        per_call[spec.id] = cr.per_call_ns
        out.cases[spec.id] = _stats(cr.per_call_ns, len(cr.times_ns), cr.inner, work,
                                    cr.warm_results[0] if cr.warm_results else None)
    out.problems = _agreement(kernel, plan, res) + list(res.problems)
    out.agree = not out.problems

    def ratio(name: str, num: str, den: str) -> None:
        if num in out.cases and den in out.cases:
            lo, mid, hi = _paired(per_call[num], per_call[den])
            out.ratios[name] = mid
            out.ratio_spread[name] = (lo, hi)
            out.ratio_of_medians[name] = out.cases[num].median_ns / out.cases[den].median_ns

    groups = [(t.export, "" if len(kernel.timed) == 1 else f" [{t.label or t.export}]", False) for t in kernel.timed]
    if kernel.resident is not None:
        groups.append((kernel.timed[0].export, " [resident]", True))
    for e, suffix, resident in groups:
        def cid(v: str) -> str:
            return case_id(v, e, resident=resident)  # noqa: B023 - used within this iteration

        for v in (v.name for v in kernel.variants):
            if v not in ("near", "clang"):
                ratio(f"{v}/near{suffix}", cid(v), cid("near"))
        ratio(f"opaque/far{suffix}", cid("opaque"), cid("far"))
        ratio(f"near/clang{suffix}", cid("near"), cid("clang"))
    if len(kernel.timed) > 1:  # copy: the byte loop against memory.copy, same memories
        a, b = kernel.timed[1].export, kernel.timed[0].export
        ratio("loop/memory.copy [near]", case_id("near", a), case_id("near", b))
        ratio("loop/memory.copy [cross]", case_id("cross", a), case_id("cross", b))
    e = kernel.timed[0].export
    ratio("bridged/far", case_id("bridged", e, True), case_id("far", e, True))
    return out


@dataclass
class KernelRun:
    """A kernel measured in every engine, with facts about its builds."""

    kernel: str
    size: int
    results: dict[str, KernelResult]
    vectorized: bool  # the far variant's `run` has whole-vector loads (see vector_loads)
    compile_s: dict[str, float]
    wasm_bytes: dict[str, int]

    def info_json(self) -> dict:
        return {"size": self.size, "vectorized_far": self.vectorized, "compile_s": self.compile_s,
                "wasm_bytes": self.wasm_bytes}


def measure_kernel(kernel: Kernel, settings: Settings, engines: tuple[str, ...] = ENGINES,
                   keep_dir: Path | None = None, log=print) -> KernelRun:
    """Build and measure one kernel in each engine (V8 only if Node 24 is available)."""
    with tempfile.TemporaryDirectory(prefix=f"farc-bench-{kernel.name}-") as tmp:
        out_dir = keep_dir or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        n = size_of(kernel, settings)
        built = build_all(kernel, n, out_dir, write_wat=keep_dir is not None)
        far = built.get("far") or built.get("cross")
        run = KernelRun(kernel.name, n, {}, bool(far and vector_loads(far.wasm, kernel.timed[0].export)),
                        {k: round(b.compile_s, 3) for k, b in built.items()},
                        {k: len(b.wasm) for k, b in built.items()})
        plan = make_plan(kernel, built, settings)
        for engine in engines:
            if engine == "v8" and not v8_harness.available():
                log(f"  {kernel.name}: V8 skipped (no Node 24)")
                continue
            runner = wasmtime_harness.run_plan if engine == "wasmtime" else v8_harness.run_plan
            run.results[engine] = analyze(kernel, plan, runner(plan), settings)
        return run


def function_text(wat: str, name: str) -> str:
    """The text of function `$name` in wasm2wat output (empty if absent)."""
    out: list[str] = []
    inside = False
    for line in wat.splitlines():
        if line.startswith("  (func "):
            inside = line.startswith(f"  (func ${name} ")
        elif line.startswith("  ("):
            inside = False
        if inside:
            out.append(line)
    return "\n".join(out)


def vector_loads(wasm: bytes, export: str = "run") -> bool:
    """Whether the exported function loads whole vectors (`v128.load`, not
    lane-by-lane inserts): LLVM vectorized its loop in a way that SIMD can
    speed up. A gather is vectorized by LLVM too, but wasm has no gather
    instruction: its lanes are scalar loads, which opaque calls do as fast."""
    import re

    from compiler.wasm.wat import to_wat

    return re.search(r"\bv128\.load(?=[\s)]|$)", function_text(to_wat(wasm), export), re.M) is not None


def variant_names(kernel: Kernel) -> list[str]:
    return [v.name for v in kernel.all_variants()]


__all__ = ["ENGINES", "KernelResult", "KernelRun", "Settings", "analyze", "build_all", "make_plan", "measure_kernel",
           "variant_names", "Variant"]
