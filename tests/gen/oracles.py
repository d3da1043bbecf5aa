"""Compile a generated program in several variants, run them, compare.

A *build* is one compilation: the far program or its near twin, an `-O`
level, and the normal or the opaque-intrinsics order (`legalize_first`).
A *variant* is a build run in one engine. Every variant's `Outcome` is
compared with the reference (far, -O2, normal order, wasmtime); each
comparison belongs to one oracle:

* `near`   - the metamorphic twin (far memories as regions of memory 0);
* `opt`    - another `-O` level;
* `engine` - V8 instead of wasmtime;
* `opaque` - far accesses as opaque intrinsic calls before optimization;
* `expect` - the generator's own prediction of the trap run (trap or not).

An outcome holds the normal run (`init`, then the test calls and the
statics checksum; results and the compared memory regions, padding masked)
and the trap run (`init` and the trap call in a fresh instance: trapped or
not, its result, the regions afterwards). Regions after a trap are compared
by their own oracle, `trap_memory`, only where docs/reference.md 10.7 says
what they hold: after a trap the program asks for (`abort()`, an index out
of bounds, a division by zero). After an out-of-bounds access they are
unspecified (stores around it may be reordered or removed: seed 10015212
lost a store that a later one overwrote), so they are not compared.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest, RunResult, run_node_batch, run_wasmtime
from compiler.source import SourceFile

from . import model as m
from .render import NearLayout, render

RUN_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Build:
    near: bool = False
    opt: int = 2
    legalize_first: bool = False

    @property
    def name(self) -> str:
        return f"{'near-' if self.near else ''}{'opaque-' if self.legalize_first else ''}O{self.opt}"


@dataclass(frozen=True)
class Variant:
    build: Build
    engine: str = "wasmtime"  # or "v8"
    oracle: str = ""

    @property
    def name(self) -> str:
        return self.build.name + ("" if self.engine == "wasmtime" else f"-{self.engine}")


REFERENCE = Variant(Build(), "wasmtime", "reference")
VARIANTS = (
    Variant(Build(opt=0), oracle="opt"),
    Variant(Build(opt=1), oracle="opt"),
    Variant(Build(opt=3), oracle="opt"),
    Variant(Build(legalize_first=True), oracle="opaque"),
    Variant(Build(near=True), oracle="near"),
    Variant(Build(near=True, opt=0), oracle="near"),
    Variant(Build(), "v8", oracle="engine"),
    Variant(Build(opt=0), "v8", oracle="engine"),
)
ORACLES = ("near", "opt", "engine", "opaque", "expect", "trap_memory")


@dataclass(frozen=True)
class Outcome:
    """What a variant did: everything the oracles compare."""

    error: str | None = None  # did not compile, or could not run: not comparable
    values: tuple = ()
    normal_trap: str | None = None  # the normal run must not trap; if it does, the kind
    reads: tuple[bytes, ...] = ()
    trapped: bool | None = None  # None: no trap run
    trap_value: object = None
    trap_reads: tuple[bytes, ...] = ()

    def differences(self, other: "Outcome") -> dict[str, str]:
        """oracle-independent facets that differ: "error", "result", "trap", "trap_memory"."""
        out: dict[str, str] = {}
        if self.error or other.error:
            if self.error != other.error:
                out["error"] = f"{self.error!r} vs {other.error!r}"
            return out
        if (self.values, self.normal_trap) != (other.values, other.normal_trap):
            out["result"] = f"values {self.values} trap {self.normal_trap} vs {other.values} trap {other.normal_trap}"
        elif self.reads != other.reads:
            out["result"] = f"memory after the normal run differs in region(s) {_differing(self.reads, other.reads)}"
        if (self.trapped, self.trap_value) != (other.trapped, other.trap_value):
            out["trap"] = f"trap run: trapped={self.trapped} value={self.trap_value} vs " \
                          f"trapped={other.trapped} value={other.trap_value}"
        elif self.trap_reads != other.trap_reads:
            out["trap_memory"] = f"memory after the trap run differs in region(s) " \
                                 f"{_differing(self.trap_reads, other.trap_reads)}"
        return out


def _differing(a: tuple[bytes, ...], b: tuple[bytes, ...]) -> list[int]:
    return [k for k, (x, y) in enumerate(zip(a, b)) if x != y]


# ---------------------------------------------------------------------------
# compiling


@dataclass
class Compiled:
    wasm: bytes | None
    memories: object  # compiler.memory.MemoryMap
    error: str | None


def compile_build(program: m.Program, build: Build, sources: dict[bool, str] | None = None) -> Compiled:
    source = sources[build.near] if sources else render(program, build.near)
    sink = DiagnosticSink()
    name = f"gen_{'near' if build.near else 'far'}.rs"
    artifacts = compile_source(SourceFile(name, source), sink, build.opt, legalize_first=build.legalize_first)
    if artifacts.wasm is None:
        # the errors first: a campaign log shows one line, and warnings come before them
        errors = "\n".join(d.render() for d in sink.diagnostics if d.is_error) or sink.render()
        return Compiled(None, None, f"{build.name} does not compile: {errors[:4000]}")
    return Compiled(artifacts.wasm, artifacts.program.memories, None)


# ---------------------------------------------------------------------------
# running


def region_reads(program: m.Program, near: bool) -> list[tuple[int, int, int]]:
    """(memory, offset, length) reads of the compared regions, in the far or the near layout."""
    layout = NearLayout.of(program)
    reads = []
    for region in program.regions:
        if near:
            reads.append((0, layout.base[region.mem] + region.start, region.end - region.start))
        else:
            reads.append((region.mem, region.start, region.end - region.start))
    return reads


def masked(program: m.Program, data: list[bytes]) -> tuple[bytes, ...]:
    out = []
    for region, chunk in zip(program.regions, data):
        if region.masked:
            buf = bytearray(chunk)
            for address in region.masked:
                if region.start <= address < region.end:
                    buf[address - region.start] = 0
            chunk = bytes(buf)
        out.append(chunk)
    return tuple(out)


def requests(program: m.Program, compiled: Compiled, near: bool) -> tuple[RunRequest, RunRequest | None]:
    reads = region_reads(program, near)
    normal = RunRequest(compiled.wasm, compiled.memories,
                        calls=[("init", [])] + [(c.func, list(c.args)) for c in program.calls],
                        reads=reads, timeout_s=RUN_TIMEOUT_S)
    trap = None
    if program.trap_call is not None:
        trap = RunRequest(compiled.wasm, compiled.memories,
                          calls=[("init", []), (program.trap_call.func, list(program.trap_call.args))],
                          reads=reads, timeout_s=RUN_TIMEOUT_S)
    return normal, trap


def outcome(program: m.Program, normal: RunResult, trap: RunResult | None) -> Outcome:
    error = normal.error or (trap.error if trap is not None else None)
    if error:
        return Outcome(error=f"run failed: {error}")
    out = Outcome(values=tuple(normal.values[1:]), normal_trap=normal.trap.kind if normal.trap else None,
                  reads=masked(program, normal.reads))
    if trap is not None:
        trapped = trap.trap is not None
        value = None if trapped else (trap.values[1] if len(trap.values) > 1 else None)
        out = Outcome(out.error, out.values, out.normal_trap, out.reads, trapped, value,
                      masked(program, trap.reads))
    return out


# ---------------------------------------------------------------------------
# evaluating many programs at once (one Node process per batch)


@dataclass
class Report:
    """Counts per oracle, and the disagreements found."""

    programs: int = 0
    checks: Counter = field(default_factory=Counter)  # oracle -> comparisons made
    disagreements: list["Disagreement"] = field(default_factory=list)
    traps: Counter = field(default_factory=Counter)  # "trapped" / "completed" trap runs of the reference

    def merge(self, other: "Report") -> None:
        self.programs += other.programs
        self.checks.update(other.checks)
        self.disagreements += other.disagreements
        self.traps.update(other.traps)

    def failures(self, oracle: str) -> int:
        return sum(1 for d in self.disagreements if d.oracle == oracle)

    def summary(self) -> str:
        lines = [f"{self.programs} programs; reference trap runs: {dict(self.traps)}"]
        for oracle in ORACLES:
            lines.append(f"  {oracle:12s} {self.checks[oracle]:7d} comparisons, {self.failures(oracle)} disagreements")
        return "\n".join(lines)


@dataclass(frozen=True)
class Disagreement:
    seed: int
    oracle: str
    variant: str
    facet: str  # result, trap, trap_memory, error, expect
    detail: str


def evaluate(programs: list[tuple[int, m.Program]], variants_for) -> tuple[Report, dict]:
    """Run `programs` (seed, program) in the reference and in `variants_for(index)` each.

    Returns the report and, per seed, the outcomes by variant name."""
    report = Report(programs=len(programs))
    outcomes: dict[int, dict[str, Outcome]] = {}
    node_jobs: list[tuple[int, Variant, RunRequest, RunRequest | None, m.Program]] = []
    for k, (seed, program) in enumerate(programs):
        sources = {False: render(program, False), True: render(program, True)}
        chosen = [REFERENCE] + list(variants_for(k))
        builds: dict[Build, Compiled] = {}
        per: dict[str, Outcome] = {}
        for variant in chosen:
            if variant.build not in builds:
                builds[variant.build] = compile_build(program, variant.build, sources)
            compiled = builds[variant.build]
            if compiled.error:
                per[variant.name] = Outcome(error=compiled.error)
                continue
            normal, trap = requests(program, compiled, variant.build.near)
            if variant.engine == "v8":
                node_jobs.append((seed, variant, normal, trap, program))
                continue
            per[variant.name] = outcome(program, run_wasmtime(normal), run_wasmtime(trap) if trap else None)
        outcomes[seed] = per
    if node_jobs:
        flat: list[RunRequest] = []
        for _, _, normal, trap, _ in node_jobs:
            flat += [normal] + ([trap] if trap else [])
        results = iter(run_node_batch(flat))
        for seed, variant, normal, trap, program in node_jobs:
            normal_result = next(results)
            trap_result = next(results) if trap else None
            outcomes[seed][variant.name] = outcome(program, normal_result, trap_result)
    for k, (seed, program) in enumerate(programs):
        per = outcomes[seed]
        reference = per[REFERENCE.name]
        if reference.error:
            report.disagreements.append(Disagreement(seed, "reference", REFERENCE.name, "error", reference.error))
            continue
        if reference.trapped is not None:
            report.traps["trapped" if reference.trapped else "completed"] += 1
            report.checks["expect"] += 1
            if program.trap_expected is not None and reference.trapped != program.trap_expected:
                report.disagreements.append(Disagreement(
                    seed, "expect", REFERENCE.name, "expect",
                    f"the generator expected trapped={program.trap_expected}, the reference trapped={reference.trapped}"))
        for variant in variants_for(k):
            report.checks[variant.oracle] += 1
            diffs = reference.differences(per[variant.name])
            if reference.trapped and not program.trap_memory_defined:
                diffs.pop("trap_memory", None)  # unspecified after an out-of-bounds trap
            elif reference.trapped:
                report.checks["trap_memory"] += 1
            for facet, detail in diffs.items():
                oracle = "trap_memory" if facet == "trap_memory" else variant.oracle
                report.disagreements.append(Disagreement(seed, oracle, variant.name, facet, detail))
    return report, outcomes


def all_variants(_index: int) -> tuple[Variant, ...]:
    return VARIANTS


def rotating_variants(per_program: int):
    """`variants_for` that gives program k `per_program` variants, taking turns (the smoke run)."""
    def choose(index: int) -> tuple[Variant, ...]:
        compiled = [v for v in VARIANTS if v.engine == "wasmtime"]
        picked = [compiled[(index * per_program + j) % len(compiled)] for j in range(per_program)]
        return tuple(picked) + (Variant(Build(), "v8", oracle="engine"),)
    return choose


def variant_named(name: str) -> Variant:
    for v in (REFERENCE,) + VARIANTS:
        if v.name == name:
            return v
    raise KeyError(name)


def still_disagrees(d: Disagreement, trap_expected: bool | None = None):
    """A predicate for `reduce.reduce`: the program still shows disagreement `d`.

    `d.oracle == "reference"`: the reference still fails to compile with the
    same first line; `expect`: the reference's trap run still contradicts
    the generator."""
    if d.oracle == "reference":
        first_line = d.detail.splitlines()[0] if d.detail else ""

        def fails(program: m.Program) -> bool:
            compiled = compile_build(program, REFERENCE.build)
            return compiled.error is not None and compiled.error.splitlines()[0] == first_line
        return fails
    if d.oracle == "expect":
        def fails(program: m.Program) -> bool:
            _, outs = evaluate([(d.seed, program)], lambda k: ())
            reference = outs[d.seed][REFERENCE.name]
            return reference.error is None and reference.trapped is not None and reference.trapped != trap_expected
        return fails
    variant = variant_named(d.variant)

    def fails(program: m.Program) -> bool:
        _, outs = evaluate([(d.seed, program)], lambda k: (variant,))
        reference, other = outs[d.seed][REFERENCE.name], outs[d.seed][variant.name]
        if reference.error or other.error:
            return False  # an edit that breaks the program proves nothing
        return d.facet in reference.differences(other)
    return fails
